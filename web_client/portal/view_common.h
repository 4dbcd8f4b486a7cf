// Helpers shared by the portal's views.
#pragma once
#include <optional>
#include <string>

#include "imgui.h"
#include "platform/platform.h"
#include "platform/widgets.h"
#include "portal/app.h"

namespace portal {

// The message shown under a field: the server's, else the local rule's once the person
// finished editing the field (or tried to submit).
inline std::string field_message(const Field& f, bool submitted,
                                 const std::optional<std::string>& local) {
  if (!f.server_error.empty()) return f.server_error;
  if ((f.touched || submitted) && local) return *local;
  return {};
}

// A labelled text field bound to a Field.
inline bool form_field(Field& f, const char* label, const char* id, bool submitted,
                       const std::optional<std::string>& local, float width,
                       ImGuiInputTextFlags flags = 0, const char* hint = nullptr,
                       const char* help = nullptr) {
  std::string msg = field_message(f, submitted, local);
  bool changed = ui::text_field(label, id, f.buf, sizeof f.buf, msg, flags, hint, width, help,
                                &f.touched);
  if (changed) f.server_error.clear();
  return changed;
}

inline bool enter_pressed() {
  return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
         ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false);
}
inline bool escape_pressed() {
  return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
}

// Focus the next widget once per screen switch.
inline void focus_on_screen_entry(const App& a, int& seen) {
  if (seen != a.screen_serial) {
    seen = a.screen_serial;
    ImGui::SetKeyboardFocusHere();
  }
}

}  // namespace portal
