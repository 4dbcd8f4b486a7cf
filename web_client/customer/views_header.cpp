// The customer app's header (brand, the customer and product, EN | NL, the account) and the
// offline banner under it.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "customer/app.h"
#include "customer/js_glue.h"
#include "customer/views_common.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "platform/platform.h"
#include "platform/shell.h"
#include "platform/theme.h"
#include "platform/tr.h"
#include "platform/widgets.h"
#include "signet/json_mapping.h"
#include "signet/signature_json.h"
#include "test_hooks/test_hooks.h"

namespace customer {
namespace {

using platform::px;
using signet::phrase;

std::string product_name(const App& a) {
  return a.info ? tr(signet::display_name(a.info->product).data()) : std::string();
}

}  // namespace

void view_header(App& a) {
  const auto& k = theme::colors();
  const float h = px(60);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 wp = ImGui::GetWindowPos();
  float w = ImGui::GetWindowWidth();
  dl->AddRectFilled(wp, ImVec2(wp.x + w, wp.y + h), theme::u32(k.surface));
  dl->AddLine(ImVec2(wp.x, wp.y + h - 1), ImVec2(wp.x + w, wp.y + h - 1), theme::u32(k.border), px(1));
  const float pad = px(ui::narrow_layout() ? 12 : 24), mark = px(28);
  ImVec2 m0(wp.x + pad, wp.y + (h - mark) * 0.5f);
  dl->AddRectFilled(m0, ImVec2(m0.x + mark, m0.y + mark), theme::u32(k.accent), px(7));
  ImFont* bold = platform::font(platform::FontRole::Bold);
  ImVec2 ss = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, "S");
  dl->AddText(bold, bold->FontSize, ImVec2(m0.x + (mark - ss.x) * 0.5f, m0.y + (mark - ss.y) * 0.5f),
              IM_COL32_WHITE, "S");
  ImFont* title = platform::font(platform::FontRole::Title);
  ImVec2 ts = title->CalcTextSizeA(title->FontSize, FLT_MAX, 0, "Signet");
  float tx = m0.x + mark + px(10);
  dl->AddText(title, title->FontSize, ImVec2(tx, wp.y + (h - ts.y) * 0.5f), theme::u32(k.text), "Signet");
  ImFont* reg = platform::font(platform::FontRole::Regular);
  float sep_x = tx + ts.x + px(14);
  std::string area = tr("Signature editor");
  if (a.info) area = a.info->customer_name + "  ·  " + product_name(a);
  ImVec2 rs = reg->CalcTextSizeA(reg->FontSize, FLT_MAX, 0, area.c_str());
  // On a narrow screen (a phone) the area gives way first, then the name beside Sign out (the
  // profile is a tab of its own).
  const std::string who = !a.user ? std::string() : a.user->name.empty() ? a.user->email : a.user->name;
  const float name_w = px(58) + bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, who.c_str()).x;
  float right_w = ui::language_switch_width() + px(16) + (a.user ? ui::button_width(tr("Sign out")) : 0.0f);
  const bool show_name = a.user && tx + ts.x + px(16) + right_w + name_w <= wp.x + w - pad;
  if (show_name) right_w += name_w;
  if (sep_x + px(26) + rs.x <= wp.x + w - pad - right_w) {
    dl->AddLine(ImVec2(sep_x, wp.y + h * 0.32f), ImVec2(sep_x, wp.y + h * 0.68f), theme::u32(k.border), px(1));
    dl->AddText(reg, reg->FontSize, ImVec2(sep_x + px(14), wp.y + (h - rs.y) * 0.5f),
                theme::u32(k.text_muted), area.c_str());
    ImGui::SetCursorScreenPos(ImVec2(sep_x + px(14), wp.y + (h - rs.y) * 0.5f));
    ImGui::Dummy(rs);
    test_hooks::name_last_item("header:area", area.c_str());
  }

  // EN | NL at the right; signed in, the name (opens the profile) and Sign out before it.
  const float lang_w = ui::language_switch_width();
  float right = wp.x + w - pad - lang_w;
  ImGui::SetCursorScreenPos(ImVec2(right, wp.y));
  if (auto lang = ui::language_switch(h)) a.set_language(*lang);
  right -= px(16);
  if (a.user) {
    const char* sign_out = tr("Sign out");
    const float btn_w = ui::button_width(sign_out);
    const float btn_h = ImGui::GetFrameHeight();
    float x_btn = right - btn_w;
    ImGui::SetCursorScreenPos(ImVec2(x_btn, wp.y + (h - btn_h) * 0.5f));
    if (ui::secondary_button(sign_out, true, ImVec2(btn_w, 0))) a.sign_out();
    test_hooks::name_last_item("Sign out");
  }
  if (show_name) {
    ImVec2 ns = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, who.c_str());
    float x_name = right - ui::button_width(tr("Sign out")) - px(16) - ns.x;
    float r = px(15);
    ImVec2 c(x_name - px(12) - r, wp.y + h * 0.5f);
    dl->AddCircleFilled(c, r, theme::u32(k.accent_soft), 24);
    std::string initial = who.empty() ? "?" : who.substr(0, (who[0] & 0x80) ? 2 : 1);
    ImVec2 is = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, initial.c_str());
    dl->AddText(bold, bold->FontSize, ImVec2(c.x - is.x * 0.5f, c.y - is.y * 0.5f), theme::u32(k.accent),
                initial.c_str());
    dl->AddText(bold, bold->FontSize, ImVec2(x_name, wp.y + (h - ns.y) * 0.5f), theme::u32(k.text), who.c_str());
    ImGui::SetCursorScreenPos(ImVec2(x_name, wp.y + (h - ns.y) * 0.5f));
    // The name opens the profile (name, phone, password) when the editor is open.
    if (ns.x > 0 && ImGui::InvisibleButton("##profile", ns) && a.screen == Screen::Editor)
      a.guard([&a] { a.select_tab(Tab::Profile); });
    if (ImGui::IsItemHovered() && a.screen == Screen::Editor) {
      ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      ImGui::SetTooltip("%s", tr("Your profile"));
    }
    test_hooks::name_last_item("user", who.c_str());
  }
  ImGui::SetCursorScreenPos(ImVec2(wp.x, wp.y + h));
}

void view_unreachable(App& a) {
  if (ui::offline_banner(a.api_client.unreachable())) a.api_client.retry();
}

}  // namespace customer
