// Microsoft 365 in the Deploy tab: Exchange Online routes the organisation's outgoing mail
// through Signet, which adds each person's signature. The script that sets this up, the host it
// routes to, and per person the signature version their mail carries now and the latest one
// Signet added.
#include <algorithm>

#include "customer/app.h"
#include "customer/views_common.h"
#include "imgui.h"
#include "platform/platform.h"
#include "platform/theme.h"
#include "platform/tr.h"
#include "platform/widgets.h"
#include "signet/i18n.h"
#include "test_hooks/test_hooks.h"

namespace customer {
namespace {

using platform::px;

// Up to date: the latest signed message had the version their mail gets now.
void signed_badge(const signet::MailflowUserState& u) {
  const auto& k = theme::colors();
  if (!u.signed_version) ui::badge(tr("No mail yet"), k.surface_alt, k.text_muted);
  else if (*u.signed_version == u.template_version) ui::badge(tr("Up to date"), k.success_soft, k.success);
  else ui::badge(tr("Earlier version"), k.warning_soft, k.warning);
}

void mailflow_users_table(const std::vector<signet::MailflowUserState>& users) {
  const auto& k = theme::colors();
  const ImGuiTableColumnFlags wide_only = ui::narrow_layout() ? ImGuiTableColumnFlags_Disabled : 0;
  const float pad = ImGui::GetStyle().CellPadding.y * 2 + px(1);
  const float height = std::min(ImGui::GetTextLineHeight() + pad + px(4) + users.size() * (ImGui::GetFrameHeight() + pad), px(400));
  if (!ImGui::BeginTable("mailflow", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY,
                         ImVec2(0, height)))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(tr("Person"), ImGuiTableColumnFlags_WidthStretch, 2.2f);
  float state_w = ImGui::CalcTextSize(tr("Last signed mail")).x;
  for (const char* l : {tr("No mail yet"), tr("Up to date"), tr("Earlier version")}) state_w = std::max(state_w, ui::badge_width(l));
  ImGui::TableSetupColumn(tr("Last signed mail"), ImGuiTableColumnFlags_WidthFixed, state_w + px(8));
  ImGui::TableSetupColumn(tr("Version now"), ImGuiTableColumnFlags_WidthFixed | wide_only, ImGui::CalcTextSize(tr("Version now")).x + px(12));
  ImGui::TableSetupColumn(tr("Signed"), ImGuiTableColumnFlags_WidthFixed | wide_only, ImGui::CalcTextSize("Sep 30, 2026 00:00 · v00").x + px(12));
  ImGui::TableSetupColumn(tr("Messages"), ImGuiTableColumnFlags_WidthFixed | wide_only, ImGui::CalcTextSize(tr("Messages")).x + px(12));
  ImGui::TableHeadersRow();
  for (const signet::MailflowUserState& u : users) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::AlignTextToFramePadding();
    ui::fitted_text(u.email.c_str());
    const std::string version = u.signed_version ? std::to_string(*u.signed_version) : "";
    test_hooks::name_last_item(("mailflow-user:" + u.email).c_str(), (version + "|" + std::to_string(u.messages)).c_str());
    ImGui::TableSetColumnIndex(1);
    signed_badge(u);
    if (ImGui::TableSetColumnIndex(2)) {
      ImGui::AlignTextToFramePadding();
      ui::text(trf("v{n}", {{"n", std::to_string(u.template_version)}}).c_str());
    }
    if (ImGui::TableSetColumnIndex(3)) {
      ImGui::AlignTextToFramePadding();
      if (u.signed_version) ui::fitted_text((local_time(u.signed_at) + " · " + trf("v{n}", {{"n", version}})).c_str());
      else ui::text_colored(k.text_muted, "—");
    }
    if (ImGui::TableSetColumnIndex(4)) {
      ImGui::AlignTextToFramePadding();
      ui::text(std::to_string(u.messages).c_str());
    }
  }
  ImGui::EndTable();
}

void draw_mailflow(App& a, const MailflowState& s) {
  ui::label_text(tr("Signatures in the mail flow"));
  if (!s.error.empty()) ui::message(ui::Tone::Danger, trm(s.error).c_str());
  if (!s.loaded || !s.status) {
    if (!s.loaded) ui::spinner();
    return;
  }
  const signet::MailflowDeployment& m = *s.status;
  ui::paragraph(tr("Exchange Online routes your organisation's outgoing mail through Signet, which adds each person's signature and sends the mail on. Run the script below once in Exchange Online PowerShell (Connect-ExchangeOnline first): it creates the connectors to and from Signet and the transport rule that routes the mail."));
  ui::text(trf("Signet's mail server: {host}, port {port}", {{"host", m.smart_host}, {"port", std::to_string(m.port)}}).c_str());
  test_hooks::name_last_item("mailflow:host", m.smart_host.c_str());
  if (!m.milter_listening)
    ui::message(ui::Tone::Warning, tr("The mail flow is not switched on for this Signet server yet. Ask your provider before you run the script: until it is, mail routed to Signet waits and is not delivered."));
  ImGui::Dummy(ImVec2(0, px(2)));
  if (ui::primary_button(lbl(tr("Download the script"), "mailflowdownload").c_str())) a.download_mailflow_script();
  test_hooks::name_last_item("mailflow:download");
  ui::same_line_if_fits(ui::button_width(tr("Copy the script")), px(8));
  if (ui::secondary_button(lbl(tr("Copy the script"), "mailflowcopy").c_str())) {
    ImGui::SetClipboardText(m.powershell.c_str());
    a.show_toast(signet::phrase("The script is on the clipboard."));
  }
  test_hooks::name_last_item("mailflow:copy");
  ui::same_line_if_fits(ui::button_width(tr("Refresh")), px(8));
  if (ui::secondary_button(lbl(tr("Refresh"), "mailflowrefresh").c_str())) a.load_mailflow();
  test_hooks::name_last_item("mailflow:refresh");
  // The script itself, as it will run: readable before anyone pastes it into their tenant.
  ImGui::BeginChild("##script", ImVec2(0, px(132)), true);
  ImGui::PushTextWrapPos(0.0f);
  ui::muted_text(m.powershell.c_str(), true);
  ImGui::PopTextWrapPos();
  ImGui::EndChild();
  test_hooks::name_last_item("mailflow:script", m.powershell.c_str());
  ImGui::Dummy(ImVec2(0, px(2)));
  if (!m.users.empty()) mailflow_users_table(m.users);
}

}  // namespace

void view_mailflow(App& a) {
  ImGui::PushTextWrapPos(0.0f);  // every line wraps at the tab's edge (a phone, Dutch)
  draw_mailflow(a, a.mailflow);
  ImGui::PopTextWrapPos();
}

}  // namespace customer
