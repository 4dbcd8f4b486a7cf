// The Deploy tab: which template each person gets (the rules), the artefacts to download and
// the signature per person.
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
#include "signet/dates.h"
#include "signet/json_mapping.h"
#include "signet/signature_json.h"
#include "test_hooks/test_hooks.h"

namespace customer {
namespace {

using platform::px;
using signet::phrase;

const char* template_name(const App& a, int64_t id) {
  for (const auto& t : a.templates.items)
    if (t.id == id) return t.name.c_str();
  return tr("(choose a template)");
}

std::string person_name(const App& a, int64_t id) {
  for (const auto& u : a.templates.preview_users)
    if (u.id == id) return u.display_name.empty() ? u.email : u.display_name + " <" + u.email + ">";
  return tr("(choose a person)");
}

void view_rules(App& a) {
  DeployState& s = a.deploy;
  const bool ro = a.read_only();
  ui::label_text(tr("Who gets which signature"));
  ui::muted_text(tr("Rules are checked from top to bottom; the first match wins. Everyone else gets the default template."), true);
  if (!s.rules_error.empty()) {
    std::string msg = trm(s.rules_error);
    for (const auto& [k, v] : s.rules_field_errors) msg += "\n" + k + ": " + trm(v);
    ui::message(ui::Tone::Danger, msg.c_str());
  }
  int move_from = -1, move_by = 0, remove = -1;
  const float w = ImGui::GetContentRegionAvail().x;
  ImGui::BeginDisabled(ro);
  for (size_t i = 0; i < s.rules.size(); ++i) {
    signet::TemplateRule& r = s.rules[i];
    ImGui::PushID((int)i);
    ImGui::AlignTextToFramePadding();
    ui::text((std::to_string(i + 1) + ".").c_str());
    ImGui::SameLine(px(36));
    ImGui::SetNextItemWidth(w * 0.22f);
    if (ImGui::BeginCombo("##tpl", template_name(a, r.template_id))) {
      for (const auto& t : a.templates.items)
        if (ImGui::Selectable(t.name.c_str(), t.id == r.template_id)) r.template_id = t.id;
      ImGui::EndCombo();
    }
    test_hooks::name_last_item(("rule-template:" + std::to_string(i + 1)).c_str(), template_name(a, r.template_id));
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ui::text(tr("for"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(w * 0.14f);
    // A rule names one person (user_id, 0 until one is picked) or a department.
    const bool by_person = r.user_id.has_value();
    if (ImGui::BeginCombo("##kind", by_person ? tr("the person") : tr("department"))) {
      if (ImGui::Selectable(tr("department"), !by_person)) r.user_id.reset();
      if (ImGui::Selectable(tr("the person"), by_person)) r.user_id = r.user_id.value_or(0);
      ImGui::EndCombo();
    }
    ImGui::SameLine();
    if (r.user_id) {
      std::string cur = person_name(a, *r.user_id);
      ImGui::SetNextItemWidth(w * 0.3f);
      if (ImGui::BeginCombo("##person", cur.c_str(), ImGuiComboFlags_HeightLarge)) {
        for (const auto& u : a.templates.preview_users) {
          std::string l = (u.display_name.empty() ? u.email : u.display_name + " <" + u.email + ">") + "##" + std::to_string(u.id);
          if (ImGui::Selectable(l.c_str(), u.id == *r.user_id)) r.user_id = u.id;
        }
        ImGui::EndCombo();
      }
    } else {
      const char* dept_hint = tr("Department, e.g. Sales");
      ui::text_input("##dept", r.department, {ui::Kind::Text, dept_hint, w * 0.3f, 0, false, dept_hint});
      test_hooks::name_last_item(("rule-department:" + std::to_string(i + 1)).c_str(), r.department.c_str());
    }
    ImGui::SameLine();
    if (ui::secondary_button(tr("Up"), i > 0)) { move_from = (int)i; move_by = -1; }
    ImGui::SameLine();
    if (ui::secondary_button(tr("Down"), i + 1 < s.rules.size())) { move_from = (int)i; move_by = 1; }
    ImGui::SameLine();
    if (ui::danger_button(tr("Remove"))) remove = (int)i;
    ImGui::PopID();
  }
  ImGui::EndDisabled();
  if (move_from >= 0) std::swap(s.rules[move_from], s.rules[move_from + move_by]);
  if (remove >= 0) s.rules.erase(s.rules.begin() + remove);
  if (ui::secondary_button(tr("Add rule"), !ro && !a.templates.items.empty())) {
    signet::TemplateRule r;
    r.template_id = a.templates.items.front().id;
    s.rules.push_back(r);
  }
  ImGui::SameLine();
  const bool dirty = s.rules_loaded && signet::to_json(s.rules).dump() != s.saved_rules;
  if (ui::primary_button(lbl(s.rules_saving ? tr("Saving…") : tr("Save rules"), "rules").c_str(), !ro && dirty && !s.rules_saving))
    a.save_rules();
  test_hooks::name_last_item("Save rules");
}


const char* run_reason(const std::string& reason) {
  if (reason == "connect") return tr("after connecting");
  if (reason == "manual") return tr("started with Deploy now");
  if (reason == "change") return tr("after a change to the signatures");
  if (reason == "nightly") return tr("nightly re-apply");
  return reason.c_str();
}

void user_state_badge(const std::string& state) {
  const auto& k = theme::colors();
  if (state == "deployed") ui::badge(tr("Deployed"), k.success_soft, k.success);
  else if (state == "failed") ui::badge(tr("Failed"), k.danger_soft, k.danger);
  else ui::badge(tr("Pending"), k.warning_soft, k.warning);
}

// Each person of the latest run: address, state, the template version Google has, when, and
// Google's words when it refused.
void live_users_table(const signet::DeployRunState& run) {
  const auto& k = theme::colors();
  const bool narrow = ui::narrow_layout();
  const ImGuiTableColumnFlags wide_only = narrow ? ImGuiTableColumnFlags_Disabled : 0;
  // Rows as tall as ImGui makes them (a framed line and the cell padding), up to about eight.
  const float pad = ImGui::GetStyle().CellPadding.y * 2 + px(1);
  float height = ImGui::GetTextLineHeight() + pad + px(4);  // the header row
  for (const signet::DeployUserState& u : run.users)
    height += ImGui::GetFrameHeight() + pad + (narrow && u.error ? ImGui::GetTextLineHeightWithSpacing() : 0.0f);
  height = std::min(height, px(400));
  if (!ImGui::BeginTable("live", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY,
                         ImVec2(0, height)))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(tr("Person"), ImGuiTableColumnFlags_WidthStretch, 2.2f);
  float state_w = ImGui::CalcTextSize(tr("State")).x;
  for (const char* l : {tr("Deployed"), tr("Failed"), tr("Pending")}) state_w = std::max(state_w, ui::badge_width(l));
  ImGui::TableSetupColumn(tr("State"), ImGuiTableColumnFlags_WidthFixed, state_w + px(8));
  ImGui::TableSetupColumn(tr("Version"), ImGuiTableColumnFlags_WidthFixed | wide_only, ImGui::CalcTextSize(tr("Version")).x + px(12));
  ImGui::TableSetupColumn(tr("Time"), ImGuiTableColumnFlags_WidthFixed | wide_only, ImGui::CalcTextSize("Sep 30, 2026 00:00").x + px(12));
  ImGui::TableSetupColumn(tr("Message from Google"), ImGuiTableColumnFlags_WidthStretch | wide_only, 2.8f);
  ImGui::TableHeadersRow();
  for (const signet::DeployUserState& u : run.users) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::AlignTextToFramePadding();
    ui::fitted_text(u.email.c_str());
    const std::string version = u.state == "deployed" ? std::to_string(u.template_version) : "";
    test_hooks::name_last_item(("live-user:" + u.email).c_str(), (u.state + "|" + version + "|" + u.error.value_or("")).c_str());
    if (narrow && u.error) ui::fitted_text(trm(*u.error).c_str());  // no column for it on a phone
    ImGui::TableSetColumnIndex(1);
    user_state_badge(u.state);
    if (ImGui::TableSetColumnIndex(2)) {
      ImGui::AlignTextToFramePadding();
      if (version.empty()) ui::text_colored(k.text_muted, "—");
      else ui::text(trf("v{n}", {{"n", version}}).c_str());
    }
    if (ImGui::TableSetColumnIndex(3)) {
      ImGui::AlignTextToFramePadding();
      ui::fitted_text(u.state == "pending" ? "—" : local_time(u.done_at).c_str());
    }
    if (ImGui::TableSetColumnIndex(4)) {
      ImGui::AlignTextToFramePadding();
      if (u.error) ui::text_colored(u.state == "failed" ? k.danger : k.text_muted, trm(*u.error).c_str());
    }
  }
  ImGui::EndTable();
}

void live_disconnect_dialog(App& a) {
  LiveDeployState& s = a.live;
  if (ui::dialog_begin("###disconnect", tr("Disconnect Google Workspace?"), s.want_disconnect, 480)) {
    ui::paragraph(tr("The service account key is removed from Signet. Signatures already in Gmail stay as they are; changes are no longer deployed until a key is connected again."));
    ImGui::Dummy(ImVec2(0, px(8)));
    if (ui::danger_button(lbl(tr("Disconnect"), "confirmdisconnect").c_str())) {
      a.disconnect_google();
      s.want_disconnect = false;
    }
    test_hooks::name_last_item("live:confirm-disconnect");
    ImGui::SameLine();
    if (ui::secondary_button(lbl(tr("Cancel"), "canceldisconnect").c_str()) || ui::escape_pressed()) s.want_disconnect = false;
    ui::dialog_end();
  }
}

// What view_live() shows, inside its wrap position.
void draw_live(App& a, LiveDeployState& s, bool ro) {
  ui::label_text(tr("Live deployment"));
  if (!s.error.empty()) ui::message(ui::Tone::Danger, trm(s.error).c_str());
  if (!s.key_error.empty())
    ui::message(ui::Tone::Danger, trf("The key was not accepted: {reason}", {{"reason", trm(s.key_error)}}).c_str());
  if (!s.loaded) {
    ui::spinner();
    return;
  }
  const bool connected = s.status && s.status->connected;
  if (!connected) {
    ui::paragraph(tr("Signet can set every person's signature in Gmail by itself. In the Google Cloud console, create a service account, give it domain-wide delegation in the Google Workspace admin console with the scope https://www.googleapis.com/auth/gmail.settings.basic, and download its key as JSON."));
    test_hooks::name_last_item("live:status", "not connected");
    if (ui::primary_button(lbl(s.busy ? tr("Connecting…") : tr("Connect with a service account key"), "connect").c_str(), !ro && !s.busy))
      a.connect_google();
    test_hooks::name_last_item("live:connect");
  } else {
    const signet::GoogleDeployment& g = *s.status;
    ui::text(trf("Connected since {when}", {{"when", local_time(g.connected_at)}}).c_str());
    test_hooks::name_last_item("live:status", "connected");
    // The account is one long word: cut to the line (whole in its tooltip) rather than wrapped.
    ui::fitted_text(trf("Service account: {account}", {{"account", g.client_email.value_or("")}}).c_str());
    ImGui::Dummy(ImVec2(0, px(2)));
    const int failed = g.run ? g.run->counts.failed : 0;
    if (ui::primary_button(lbl(tr("Deploy now"), "deploynow").c_str(), !ro && !s.busy)) a.deploy_google();
    test_hooks::name_last_item("live:deploy");
    ui::same_line_if_fits(ui::button_width(tr("Retry failed")), px(8));
    if (ui::secondary_button(lbl(tr("Retry failed"), "retry").c_str(), !ro && !s.busy && failed > 0)) a.retry_google();
    test_hooks::name_last_item("live:retry");
    ui::same_line_if_fits(ui::button_width(tr("Replace key")), px(8));
    if (ui::secondary_button(lbl(tr("Replace key"), "replace").c_str(), !ro && !s.busy)) a.connect_google();
    test_hooks::name_last_item("live:replace");
    ui::same_line_if_fits(ui::button_width(tr("Disconnect")), px(8));
    if (ui::danger_button(lbl(tr("Disconnect"), "disconnect").c_str(), !ro && !s.busy)) s.want_disconnect = true;
    test_hooks::name_last_item("live:disconnect");
  }
  if (s.status && s.status->run) {
    const signet::DeployRunState& run = *s.status->run;
    const signet::DeployCounts& n = run.counts;
    ImGui::Dummy(ImVec2(0, px(4)));
    ui::text(trf("Last run {reason}, started {when}", {{"reason", run_reason(run.reason)}, {"when", local_time(run.created_at)}}).c_str());
    std::string progress = trf("{done} of {total} deployed", {{"done", std::to_string(n.deployed)}, {"total", std::to_string(n.total())}});
    if (n.failed > 0) progress += ", " + trf("{n} failed", {{"n", std::to_string(n.failed)}});
    if (run.finished_at) progress += " · " + trf("finished {when}", {{"when", local_time(run.finished_at)}});
    ui::text(progress.c_str());
    test_hooks::name_last_item("live:run", progress.c_str());
    if (!run.finished_at) {
      ImGui::SameLine();
      ui::spinner();
    }
    ImGui::Dummy(ImVec2(0, px(2)));
    if (!run.users.empty()) live_users_table(run);
  }
}

// Live deployment to Google Workspace: connect a service account key, then every person's
// signature is set through the Gmail API; the latest run and each person's state.
void view_live(App& a) {
  LiveDeployState& s = a.live;
  const bool ro = a.read_only();
  ImGui::PushTextWrapPos(0.0f);  // every line wraps at the tab's edge (a phone, Dutch)
  draw_live(a, s, ro);
  ImGui::PopTextWrapPos();
  live_disconnect_dialog(a);
}

}  // namespace

std::string local_time(const std::optional<std::string>& iso) {
  if (!iso || iso->size() < 16) return "—";
  const auto day = signet::parse_iso(iso->substr(0, 10));
  if (!day) return *iso;
  const int64_t utc = signet::to_days(*day) * 86400 + std::atoi(iso->substr(11, 2).c_str()) * 3600 +
                      std::atoi(iso->substr(14, 2).c_str()) * 60;
  const int64_t local = utc + int64_t(js::utc_offset_minutes(double(utc))) * 60;
  const int64_t minutes = ((local % 86400) + 86400) % 86400 / 60;
  char hm[8];
  std::snprintf(hm, sizeof hm, "%02d:%02d", int(minutes / 60), int(minutes % 60));
  return signet::format_date(signet::date_from_unix(local), platform::ui_language()) + " " + hm;
}

void view_deploy(App& a, float h) {
  const auto& k = theme::colors();
  DeployState& s = a.deploy;
  ImGui::BeginChild("##deploy", ImVec2(0, h), false);
  const bool m365 = a.info && a.info->product == signet::Product::M365;
  ImGui::PushTextWrapPos(0.0f);
  ui::heading(m365 ? tr("Deploy to Microsoft 365") : tr("Deploy to Google Workspace"));
  ImGui::PopTextWrapPos();
  if (a.google_product()) view_live(a);
  else view_mailflow(a);
  ImGui::Dummy(ImVec2(0, px(8)));
  ui::label_text(tr("Files for your administrator"));
  ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x);
  ui::muted_text(m365 ? tr("Download the PowerShell script and run it in Exchange Online PowerShell (Connect-ExchangeOnline first). It sets each person's signature in Outlook on the web.")
                      : tr("Download the Gmail API requests (users.settings.sendAs.update), one per person, as a JSON document for your Google Workspace administrator."),
                 true);
  ImGui::PopTextWrapPos();
  ImGui::Dummy(ImVec2(0, px(4)));
  if (ui::primary_button(m365 ? tr("Download PowerShell script") : tr("Download Gmail API requests"))) a.download_deployment();
  test_hooks::name_last_item("Download");
  ui::same_line_if_fits(ui::button_width(tr("Refresh")), px(8));
  if (ui::secondary_button(tr("Refresh"))) a.load_deployment();
  if (s.loading) { ImGui::SameLine(); ui::spinner(); }
  if (!s.error.empty()) ui::message(ui::Tone::Danger, trm(s.error).c_str());
  ImGui::Dummy(ImVec2(0, px(8)));
  view_rules(a);
  ImGui::Dummy(ImVec2(0, px(8)));
  ui::label_text(tr("Signature per person"));
  if (s.data && s.data->is_object()) {
    const auto& d = *s.data;
    if (d.contains("unassigned") && d["unassigned"].is_array() && !d["unassigned"].empty()) {
      std::string list;
      bool first = true;
      for (const auto& e : d["unassigned"]) {
        std::string v = e.is_string() ? e.get<std::string>() : (e.is_object() ? e.value("email", std::string()) : std::string());
        list += (first ? "" : ", ") + v;
        first = false;
      }
      ui::message(ui::Tone::Warning,
                  trf("These people have no template (create a default template): {people}", {{"people", list}}).c_str());
    }
    if (m365 && d.contains("transport_rule") && d["transport_rule"].is_object()) {
      const auto& tr = d["transport_rule"];
      if (tr.contains("warnings") && tr["warnings"].is_array())
        for (const auto& w : tr["warnings"])
          if (w.is_string())
            ui::message(ui::Tone::Warning, trf("Transport rule: {warning}", {{"warning", trm(w.get<std::string>())}}).c_str());
    }
    if (ImGui::BeginTable("deploy", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY,
                          ImVec2(0, std::max(ImGui::GetContentRegionAvail().y - px(8), px(240))))) {
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableSetupColumn(tr("Person"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
      ImGui::TableSetupColumn(tr("Template"), ImGuiTableColumnFlags_WidthStretch, 1.5f);
      ImGui::TableSetupColumn(tr("Warnings"), ImGuiTableColumnFlags_WidthStretch, 3.0f);
      ImGui::TableHeadersRow();
      if (d.contains("users") && d["users"].is_array())
        for (const auto& u : d["users"]) {
          if (!u.is_object()) continue;
          ImGui::TableNextRow();
          ImGui::TableSetColumnIndex(0);
          std::string email = u.value("email", std::string());
          ui::fitted_text(email.c_str());
          test_hooks::name_last_item(("deploy:" + email).c_str(), u.contains("template") && u["template"].is_string() ? u["template"].get<std::string>().c_str() : "");
          ImGui::TableSetColumnIndex(1);
          if (u.contains("template") && u["template"].is_string()) ui::fitted_text(u["template"].get<std::string>().c_str());
          else ui::text_colored(k.text_muted, "—");
          ImGui::TableSetColumnIndex(2);
          if (u.contains("warnings") && u["warnings"].is_array() && !u["warnings"].empty()) {
            for (const auto& w : u["warnings"])
              if (w.is_string()) {
                ImGui::PushTextWrapPos(0);
                ui::text_colored(k.warning, trm(w.get<std::string>()).c_str());
                ImGui::PopTextWrapPos();
              }
          } else {
            ui::text_colored(k.success, tr("Ready"));
          }
        }
      ImGui::EndTable();
    }
  }
  ImGui::EndChild();
}

}  // namespace customer
