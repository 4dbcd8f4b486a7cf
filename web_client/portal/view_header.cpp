// Header bar (brand, navigation, EN | NL switch, user), the "server unreachable" banner and
// the toast. The header is one row when everything fits; otherwise it first drops the
// "Reseller portal" subtitle, then the user's name, and on a phone puts the navigation on a
// second row.
#include <algorithm>
#include <vector>

#include "platform/shell.h"
#include "platform/theme.h"
#include "portal/permissions.h"
#include "portal/view_accounts.h"
#include "portal/view_common.h"
#include "test_hooks/test_hooks.h"

namespace portal {
namespace {

struct Tab {
  const char* label;  // English phrase; also the test-hook name "nav:<label>"
  Screen screen;
  const char* path;
};

std::vector<Tab> tabs_for(const App& a) {
  static const Tab all[] = {{signet::phrase("Subscriptions"), Screen::Subscriptions, "/"},
                            {signet::phrase("Billing"), Screen::Billing, "/billing"},
                            {signet::phrase("Audit log"), Screen::Audit, "/audit"},
                            {signet::phrase("Team"), Screen::Team, "/team"}};
  std::vector<Tab> out;
  if (!a.user) return out;
  for (const Tab& t : all)
    if (can_open(a, t.screen)) out.push_back(t);
  return out;
}

float text_w(ImFont* f, const char* s) { return f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, s).x; }

// Navigation tabs from `x` in a band [y, y + h); the current one underlined in the accent.
void draw_tabs(App& a, const std::vector<Tab>& tabs, float x, float y, float h, float pad_x) {
  const auto& k = theme::colors();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* bold = platform::font(platform::FontRole::Bold);
  ImFont* reg = platform::font(platform::FontRole::Regular);
  for (const Tab& t : tabs) {
    const bool current = a.screen == t.screen;
    const char* label = tr(t.label);
    ImFont* f = current ? bold : reg;
    ImVec2 s = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, label);
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    ImGui::PushID(t.label);
    const bool pressed = ImGui::InvisibleButton("##nav", ImVec2(s.x + pad_x * 2, h - 1));
    const bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();
    test_hooks::name_last_item((std::string("nav:") + t.label).c_str(), current ? "current" : "");
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImVec4 col = current ? k.accent : hovered ? k.text : k.text_muted;
    dl->AddText(f, f->FontSize, ImVec2(x + pad_x, y + (h - s.y) * 0.5f), theme::u32(col), label);
    if (current)
      dl->AddRectFilled(ImVec2(x + pad_x * 0.5f, y + h - platform::px(3)),
                        ImVec2(x + s.x + pad_x * 1.5f, y + h - 1), theme::u32(k.accent), platform::px(1.5f));
    if (pressed && !current) {
      std::string path = t.path;
      if (t.screen == Screen::Subscriptions && a.list.selected)
        path = "/subscriptions/" + std::to_string(a.list.selected->id);
      a.navigate(path, true);
    }
    x += s.x + pad_x * 2 + platform::px(4);
  }
}

float tabs_width(const std::vector<Tab>& tabs, float pad_x) {
  ImFont* bold = platform::font(platform::FontRole::Bold);
  float w = 0;
  for (const Tab& t : tabs) w += text_w(bold, tr(t.label)) + pad_x * 2 + platform::px(4);
  return w;
}

}  // namespace

void view_header(App& a) {
  const auto& k = theme::colors();
  const bool phone = narrow_layout();
  const float h = platform::px(60);
  const float pad = platform::px(phone ? 12 : 24);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 wp = ImGui::GetWindowPos();
  float w = ImGui::GetWindowWidth();
  ImFont* bold = platform::font(platform::FontRole::Bold);
  ImFont* reg = platform::font(platform::FontRole::Regular);
  ImFont* title = platform::font(platform::FontRole::Title);

  // Measure, then choose the layout.
  const std::vector<Tab> tabs = tabs_for(a);
  const float mark = platform::px(28);
  const ImVec2 ts = title->CalcTextSizeA(title->FontSize, FLT_MAX, 0, "Signet");
  const float brand_w = mark + platform::px(10) + ts.x;
  const char* subtitle = tr("Reseller portal");
  const float sub_w = platform::px(28) + text_w(reg, subtitle);
  const float tab_pad = platform::px(12);
  const float nav_w = tabs.empty() ? 0.0f : platform::px(36) + tabs_width(tabs, tab_pad);
  const float lang_w = ui::language_switch_width();
  const std::string who = a.user ? (a.user->name.empty() ? a.user->email : a.user->name) : std::string();
  const char* sign_out = tr("Sign out");
  const float btn_w = ui::button_width(sign_out);
  const float avatar_r = platform::px(15);
  const float name_w = text_w(bold, who.c_str());
  auto right_w = [&](bool with_name) {
    if (!a.user) return lang_w;
    return lang_w + platform::px(16) + avatar_r * 2 + platform::px(12) + (with_name ? name_w + platform::px(16) : 0.0f) + btn_w;
  };
  const float room = w - pad * 2 - platform::px(24);
  bool show_sub = true, show_name = true, two_rows = false;
  if (brand_w + sub_w + nav_w + right_w(true) > room) {
    show_sub = false;
    if (brand_w + nav_w + right_w(true) > room) {
      show_name = false;
      if (brand_w + nav_w + right_w(false) > room) {
        two_rows = !tabs.empty();
        show_name = brand_w + right_w(true) <= room;
      }
    }
  }
  if (phone) show_sub = false;
  const float h2 = two_rows ? platform::px(44) : 0.0f;

  dl->AddRectFilled(wp, ImVec2(wp.x + w, wp.y + h + h2), theme::u32(k.surface));
  if (two_rows)
    dl->AddLine(ImVec2(wp.x, wp.y + h), ImVec2(wp.x + w, wp.y + h), theme::u32(k.surface_alt), platform::px(1));
  dl->AddLine(ImVec2(wp.x, wp.y + h + h2 - 1), ImVec2(wp.x + w, wp.y + h + h2 - 1), theme::u32(k.border),
              platform::px(1));

  // Brand: a small accent square with an "S", the product name and (if room) the area.
  ImVec2 m0(wp.x + pad, wp.y + (h - mark) * 0.5f);
  dl->AddRectFilled(m0, ImVec2(m0.x + mark, m0.y + mark), theme::u32(k.accent), platform::px(7));
  ImVec2 ss = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, "S");
  dl->AddText(bold, bold->FontSize,
              ImVec2(m0.x + (mark - ss.x) * 0.5f, m0.y + (mark - ss.y) * 0.5f), IM_COL32_WHITE, "S");
  float tx = m0.x + mark + platform::px(10);
  dl->AddText(title, title->FontSize, ImVec2(tx, wp.y + (h - ts.y) * 0.5f), theme::u32(k.text), "Signet");
  float x = tx + ts.x;
  if (show_sub) {
    const float sep_x = x + platform::px(14);
    dl->AddLine(ImVec2(sep_x, wp.y + h * 0.32f), ImVec2(sep_x, wp.y + h * 0.68f), theme::u32(k.border),
                platform::px(1));
    const float sub_h = reg->CalcTextSizeA(reg->FontSize, FLT_MAX, 0, subtitle).y;
    dl->AddText(reg, reg->FontSize, ImVec2(sep_x + platform::px(14), wp.y + (h - sub_h) * 0.5f),
                theme::u32(k.text_muted), subtitle);
    x += sub_w;
  }
  ImGui::SetCursorScreenPos(ImVec2(tx, wp.y + (h - ts.y) * 0.5f));
  ImGui::Dummy(ts);
  test_hooks::name_last_item("Signet");

  // Navigation: after the brand, or on its own row on a phone (tabs then share the width).
  if (!tabs.empty()) {
    if (two_rows) {
      float text_sum = tabs_width(tabs, 0);
      float pad_x = std::clamp((w - pad * 2 - text_sum) / (2.0f * tabs.size()), platform::px(6), tab_pad);
      draw_tabs(a, tabs, wp.x + pad - pad_x, wp.y + h, h2, pad_x);
    } else {
      draw_tabs(a, tabs, x + platform::px(36), wp.y, h, tab_pad);
    }
  }

  // Right: EN | NL, then the user (avatar, name, menu) and Sign out.
  float right = wp.x + w - pad;
  if (a.user) {
    const float btn_h = ImGui::GetFrameHeight();
    const float x_btn = right - btn_w;
    ImGui::SetCursorScreenPos(ImVec2(x_btn, wp.y + (h - btn_h) * 0.5f));
    if (ui::secondary_button(id_label(sign_out, "sign_out").c_str(), true, ImVec2(btn_w, 0))) a.sign_out();
    right = x_btn - platform::px(16);
    ImVec2 name_max(right, wp.y + h * 0.5f + avatar_r);
    if (show_name) {
      const float name_h = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, who.c_str()).y;
      right -= name_w;
      dl->AddText(bold, bold->FontSize, ImVec2(right, wp.y + (h - name_h) * 0.5f), theme::u32(k.text), who.c_str());
      right -= platform::px(12);
    }
    // Avatar circle with the initial.
    ImVec2 c(right - avatar_r, wp.y + h * 0.5f);
    dl->AddCircleFilled(c, avatar_r, theme::u32(k.accent_soft), 24);
    std::string initial = who.empty() ? "?" : who.substr(0, (who[0] & 0x80) ? 2 : 1);
    ImVec2 is = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, initial.c_str());
    dl->AddText(bold, bold->FontSize, ImVec2(c.x - is.x * 0.5f, c.y - is.y * 0.5f), theme::u32(k.accent),
                initial.c_str());
    view_user_menu(a, ImVec2(c.x - avatar_r, c.y - avatar_r), name_max, who);
    right = c.x - avatar_r - platform::px(16);
  }
  ImGui::SetCursorScreenPos(ImVec2(right - lang_w, wp.y));
  if (auto lang = ui::language_switch(h)) a.set_language(*lang);
  ImGui::SetCursorScreenPos(ImVec2(wp.x, wp.y + h + h2));
}

void view_banner(App& a) {
  if (ui::offline_banner(a.api_client.unreachable())) a.api_client.retry();
}

}  // namespace portal
