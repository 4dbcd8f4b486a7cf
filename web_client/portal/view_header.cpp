// Header bar, the "server unreachable" banner and the toast.
#include "platform/theme.h"
#include "portal/permissions.h"
#include "portal/view_accounts.h"
#include "portal/view_common.h"
#include "test_hooks/test_hooks.h"

namespace portal {

void view_header(App& a) {
  const auto& k = theme::colors();
  const float h = platform::px(60);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 wp = ImGui::GetWindowPos();
  float w = ImGui::GetWindowWidth();
  dl->AddRectFilled(wp, ImVec2(wp.x + w, wp.y + h), theme::u32(k.surface));
  dl->AddLine(ImVec2(wp.x, wp.y + h - 1), ImVec2(wp.x + w, wp.y + h - 1), theme::u32(k.border),
              platform::px(1));

  // Brand: a small accent square with an "S", the product name and the area.
  const float pad = platform::px(24);
  const float mark = platform::px(28);
  ImVec2 m0(wp.x + pad, wp.y + (h - mark) * 0.5f);
  dl->AddRectFilled(m0, ImVec2(m0.x + mark, m0.y + mark), theme::u32(k.accent), platform::px(7));
  ImFont* bold = platform::font(platform::FontRole::Bold);
  ImVec2 ss = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, "S");
  dl->AddText(bold, bold->FontSize,
              ImVec2(m0.x + (mark - ss.x) * 0.5f, m0.y + (mark - ss.y) * 0.5f), IM_COL32_WHITE, "S");
  ImFont* title = platform::font(platform::FontRole::Title);
  ImVec2 ts = title->CalcTextSizeA(title->FontSize, FLT_MAX, 0, "Signet");
  float tx = m0.x + mark + platform::px(10);
  dl->AddText(title, title->FontSize, ImVec2(tx, wp.y + (h - ts.y) * 0.5f), theme::u32(k.text),
              "Signet");
  ImFont* reg = platform::font(platform::FontRole::Regular);
  ImVec2 rs = reg->CalcTextSizeA(reg->FontSize, FLT_MAX, 0, "Reseller portal");
  float sep_x = tx + ts.x + platform::px(14);
  dl->AddLine(ImVec2(sep_x, wp.y + h * 0.32f), ImVec2(sep_x, wp.y + h * 0.68f),
              theme::u32(k.border), platform::px(1));
  dl->AddText(reg, reg->FontSize, ImVec2(sep_x + platform::px(14), wp.y + (h - rs.y) * 0.5f),
              theme::u32(k.text_muted), "Reseller portal");
  ImGui::SetCursorScreenPos(ImVec2(tx, wp.y + (h - ts.y) * 0.5f));
  ImGui::Dummy(ts);
  test_hooks::name_last_item("Signet");

  // Navigation: Subscriptions | Billing | Audit log (the current one underlined in the accent).
  if (a.user) {
    struct Tab { const char* label; Screen screen; };
    static const Tab tabs[] = {{"Subscriptions", Screen::Subscriptions},
                               {"Billing", Screen::Billing},
                               {"Audit log", Screen::Audit},
                               {"Team", Screen::Team}};
    float x = sep_x + platform::px(14) + rs.x + platform::px(36);
    for (const Tab& t : tabs) {
      if (!can_open(a, t.screen)) continue;  // what this role may not open is not offered
      const bool current = a.screen == t.screen;
      ImFont* f = current ? bold : reg;
      ImVec2 s = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, t.label);
      const float pad_x = platform::px(12);
      ImGui::SetCursorScreenPos(ImVec2(x, wp.y));
      ImGui::PushID(t.label);
      const bool pressed = ImGui::InvisibleButton("##nav", ImVec2(s.x + pad_x * 2, h - 1));
      const bool hovered = ImGui::IsItemHovered();
      ImGui::PopID();
      test_hooks::name_last_item((std::string("nav:") + t.label).c_str(), current ? "current" : "");
      if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      ImVec4 col = current ? k.accent : hovered ? k.text : k.text_muted;
      dl->AddText(f, f->FontSize, ImVec2(x + pad_x, wp.y + (h - s.y) * 0.5f), theme::u32(col), t.label);
      if (current)
        dl->AddRectFilled(ImVec2(x + pad_x * 0.5f, wp.y + h - platform::px(3)),
                          ImVec2(x + s.x + pad_x * 1.5f, wp.y + h - 1), theme::u32(k.accent),
                          platform::px(1.5f));
      if (pressed && !current) {
        std::string path = "/";
        if (t.screen == Screen::Billing) path = "/billing";
        else if (t.screen == Screen::Audit) path = "/audit";
        else if (t.screen == Screen::Team) path = "/team";
        else if (a.list.selected) path = "/subscriptions/" + std::to_string(a.list.selected->id);
        a.navigate(path, true);
      }
      x += s.x + pad_x * 2 + platform::px(4);
    }
  }

  if (a.user) {
    const float btn_w = ui::button_width("Sign out");
    const float btn_h = ImGui::GetFrameHeight();
    std::string who = a.user->name.empty() ? a.user->email : a.user->name;
    ImVec2 name_size = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, who.c_str());
    float x_btn = wp.x + w - pad - btn_w;
    float x_name = x_btn - platform::px(16) - name_size.x;
    // Avatar circle with the initial.
    float r = platform::px(15);
    ImVec2 c(x_name - platform::px(12) - r, wp.y + h * 0.5f);
    dl->AddCircleFilled(c, r, theme::u32(k.accent_soft), 24);
    std::string initial = who.empty() ? "?" : who.substr(0, (who[0] & 0x80) ? 2 : 1);
    ImVec2 is = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, initial.c_str());
    dl->AddText(bold, bold->FontSize, ImVec2(c.x - is.x * 0.5f, c.y - is.y * 0.5f),
                theme::u32(k.accent), initial.c_str());
    dl->AddText(bold, bold->FontSize, ImVec2(x_name, wp.y + (h - name_size.y) * 0.5f),
                theme::u32(k.text), who.c_str());
    // Avatar and name open the user menu (Profile and password).
    view_user_menu(a, ImVec2(c.x - r, wp.y + platform::px(8)),
                   ImVec2(x_name + name_size.x, wp.y + h - platform::px(8)), who);
    ImGui::SetCursorScreenPos(ImVec2(x_btn, wp.y + (h - btn_h) * 0.5f));
    if (ui::secondary_button("Sign out", true, ImVec2(btn_w, 0))) a.sign_out();
  }
  ImGui::SetCursorScreenPos(ImVec2(wp.x, wp.y + h));
}

void view_banner(App& a) {
  if (!a.unreachable) return;
  const auto& k = theme::colors();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();
  float w = ImGui::GetWindowWidth();
  float h = ImGui::GetFrameHeight() + platform::px(16);
  dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), theme::u32(k.danger_soft));
  dl->AddLine(ImVec2(p.x, p.y + h), ImVec2(p.x + w, p.y + h), theme::u32(k.danger), platform::px(1));
  const char* text = "Cannot reach the Signet server. Check your connection, then try again.";
  ImVec2 ts = ImGui::CalcTextSize(text);
  ImGui::SetCursorScreenPos(ImVec2(p.x + platform::px(24), p.y + (h - ts.y) * 0.5f));
  ImGui::PushStyleColor(ImGuiCol_Text, k.danger);
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
  test_hooks::name_last_item("banner", text);
  ImGui::SameLine(0, platform::px(16));
  ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x, p.y + platform::px(8)));
  if (ui::secondary_button("Retry")) a.do_retry();
  ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + h + 1));
}

void view_toast(App& a) {
  if (a.toast.text.empty()) return;
  if (platform::now_ms() > a.toast.until) {
    a.toast.text.clear();
    return;
  }
  const auto& k = theme::colors();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  float max_w = std::min(platform::px(560), vp->Size.x - platform::px(32));
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
                   ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove);
  // Green check mark, then the text.
  ImVec2 p = ImGui::GetCursorScreenPos();
  float fh = ImGui::GetFontSize();
  ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + fh * 0.5f, p.y + fh * 0.5f), fh * 0.5f,
                                              theme::u32(k.success_soft), 16);
  ImGui::GetWindowDrawList()->AddText(ImVec2(p.x + fh * 0.2f, p.y), theme::u32(k.success), "✓");
  ImGui::SetCursorScreenPos(ImVec2(p.x + fh + platform::px(10), p.y));
  ImGui::PushTextWrapPos(max_w - platform::px(60));
  ImGui::TextUnformatted(a.toast.text.c_str());
  ImGui::PopTextWrapPos();
  test_hooks::name_last_item("toast", a.toast.text.c_str());
  ImGui::End();
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor(2);
}

}  // namespace portal
