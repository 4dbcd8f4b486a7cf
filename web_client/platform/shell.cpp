#include "platform/shell.h"

#include <algorithm>
#include <cfloat>

#include "imgui.h"
#include "platform/platform.h"
#include "platform/theme.h"
#include "platform/tr.h"
#include "platform/widgets.h"
#include "test_hooks/test_hooks.h"

namespace ui {
namespace {
constexpr double kToastMs = 7000;
constexpr float kLangGap = 8.0f;  // CSS px either side of a code

float text_width(ImFont* f, const char* s) { return f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, s).x; }
}  // namespace

void Toast::show(std::string message) {
  message_ = std::move(message);
  until_ = platform::now_ms() + kToastMs;
  platform::announce(trm(message_));
  platform::wake_after(kToastMs + 50);
  platform::mark_dirty();
}

void Toast::draw() {
  if (message_.empty()) return;
  if (platform::now_ms() > until_) {
    message_.clear();
    return;
  }
  const auto& k = theme::colors();
  const std::string shown = trm(message_);
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float max_w = std::min(platform::px(560), vp->Size.x - platform::px(32));
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y - platform::px(28)),
                          ImGuiCond_Always, ImVec2(0.5f, 1.0f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(max_w, FLT_MAX));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.12f, 0.16f, 0.23f, 1.0f));
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(platform::px(18), platform::px(14)));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, platform::px(10));
  ImGui::Begin("##toast", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                   ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoInputs);
  // Green check mark, then the text.
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float fh = ImGui::GetFontSize();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddCircleFilled(ImVec2(p.x + fh * 0.5f, p.y + fh * 0.5f), fh * 0.5f, theme::u32(k.success_soft), 16);
  dl->AddText(ImVec2(p.x + fh * 0.2f, p.y), theme::u32(k.success), "\xE2\x9C\x93");
  ImGui::SetCursorScreenPos(ImVec2(p.x + fh + platform::px(10), p.y));
  ImGui::PushTextWrapPos(max_w - platform::px(60));
  text(shown.c_str());
  ImGui::PopTextWrapPos();
  test_hooks::name_last_item("toast", shown.c_str());
  ImGui::End();
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor(2);
}

bool offline_banner(bool unreachable) {
  if (!unreachable) return false;
  const auto& k = theme::colors();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetWindowWidth();
  const char* message = tr("Cannot reach the Signet server. Check your connection, then try again.");
  const char* retry = tr("Retry");
  const float side = platform::px(narrow_layout() ? 12 : 24);
  // The text wraps beside the Retry button (Dutch and phones need two lines).
  const float wrap_w = w - side * 2 - button_width(retry) - platform::px(16);
  const ImVec2 ts = ImGui::CalcTextSize(message, nullptr, false, wrap_w);
  const float h = std::max(ImGui::GetFrameHeight(), ts.y) + platform::px(16);
  dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), theme::u32(k.danger_soft));
  dl->AddLine(ImVec2(p.x, p.y + h), ImVec2(p.x + w, p.y + h), theme::u32(k.danger), platform::px(1));
  ImGui::SetCursorScreenPos(ImVec2(p.x + side, p.y + (h - ts.y) * 0.5f));
  ImGui::PushStyleColor(ImGuiCol_Text, k.danger);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap_w);
  text(message);
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  test_hooks::name_last_item("banner", message);
  ImGui::SetCursorScreenPos(
      ImVec2(p.x + w - side - button_width(retry), p.y + (h - ImGui::GetFrameHeight()) * 0.5f));
  const bool pressed = secondary_button(retry);
  ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + h + 1));
  return pressed;
}

float language_switch_width() {
  ImFont* bold = platform::font(platform::FontRole::Bold);
  return text_width(bold, "EN") + text_width(bold, "NL") + text_width(bold, "|") + platform::px(kLangGap * 4);
}

std::optional<signet::Language> language_switch(float h) {
  const auto& k = theme::colors();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* bold = platform::font(platform::FontRole::Bold);
  ImFont* reg = platform::font(platform::FontRole::Regular);
  const float gap = platform::px(kLangGap);
  struct Choice {
    const char* code;
    signet::Language lang;
    const char* name;  // each language named in itself
  };
  static const Choice kChoices[] = {{"EN", signet::Language::En, "English"},
                                    {"NL", signet::Language::Nl, "Nederlands"}};
  const ImVec2 start = ImGui::GetCursorScreenPos();
  float x = start.x;
  const float y = start.y;
  std::optional<signet::Language> chosen;
  for (int i = 0; i < 2; ++i) {
    const Choice& c = kChoices[i];
    const bool current = platform::ui_language() == c.lang;
    ImFont* f = current ? bold : reg;
    const ImVec2 s = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, c.code);
    const float bw = text_width(bold, c.code) + gap * 2;
    ImGui::SetCursorScreenPos(ImVec2(x, y + h * 0.2f));
    ImGui::PushID(c.code);
    const bool pressed = ImGui::InvisibleButton("##lang", ImVec2(bw, h * 0.6f));
    const bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();
    test_hooks::name_last_item((std::string("lang:") + c.code).c_str(), current ? "current" : "");
    if (hovered) {
      ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      ImGui::SetTooltip("%s", c.name);
    }
    const ImVec4 col = current ? k.accent : hovered ? k.text : k.text_muted;
    const ImVec2 at(x + (bw - s.x) * 0.5f, y + (h - s.y) * 0.5f);
    dl->AddText(f, f->FontSize, at, theme::u32(col), c.code);
    if (current)
      dl->AddLine(ImVec2(at.x, at.y + s.y + platform::px(1)), ImVec2(at.x + s.x, at.y + s.y + platform::px(1)),
                  theme::u32(k.accent), platform::px(1.5f));
    if (pressed && !current) chosen = c.lang;
    x += bw;
    if (i == 0) {
      const ImVec2 bar = reg->CalcTextSizeA(reg->FontSize, FLT_MAX, 0, "|");
      dl->AddText(reg, reg->FontSize, ImVec2(x, y + (h - bar.y) * 0.5f), theme::u32(k.border), "|");
      x += bar.x;
    }
  }
  ImGui::SetCursorScreenPos(ImVec2(x, y));
  return chosen;
}

}  // namespace ui
