#include "platform/dialog.h"

#include <algorithm>

#include "imgui.h"
#include "platform/platform.h"
#include "platform/widgets.h"
#include "test_hooks/test_hooks.h"

namespace ui {
namespace {
float g_inner = 0;  // of the dialog being drawn
}

bool dialog_begin(const char* id, const char* title, bool& open, float width_css) {
  if (open && !ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
  if (!ImGui::IsPopupOpen(id)) return false;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float w = std::min(platform::px(width_css), vp->Size.x - platform::px(24));
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.5f),
                          ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(w, 0), ImVec2(w, vp->Size.y - platform::px(24)));
  const float pad = w < platform::px(440) ? platform::px(18) : platform::px(30);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad, platform::px(24)));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, platform::px(12));
  const bool visible = ImGui::BeginPopupModal(
      id, nullptr,
      ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
          ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleVar(2);
  if (!visible) return false;
  if (!open) {  // closed by an action (sent, saved, cancelled, signed out)
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return false;
  }
  g_inner = w - pad * 2;
  // Fixed width: AlwaysAutoResize would otherwise shrink the panel to its widest line.
  ImGui::Dummy(ImVec2(g_inner, 0));
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + g_inner);
  heading(title);
  test_hooks::name_last_item("modal-title", title);
  return true;
}

void dialog_end() {
  ImGui::PopTextWrapPos();
  ImGui::EndPopup();
}

float dialog_inner_width() { return g_inner; }

bool enter_pressed() {
  return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
         ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false);
}

bool escape_pressed() { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false); }

}  // namespace ui
