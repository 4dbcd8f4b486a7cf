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

}  // namespace

void view_deploy(App& a, float h) {
  const auto& k = theme::colors();
  DeployState& s = a.deploy;
  ImGui::BeginChild("##deploy", ImVec2(0, h), false);
  const bool m365 = a.info && a.info->product == signet::Product::M365;
  ui::heading(m365 ? tr("Deploy to Microsoft 365") : tr("Deploy to Google Workspace"));
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
                          ImVec2(0, ImGui::GetContentRegionAvail().y - px(8)))) {
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
