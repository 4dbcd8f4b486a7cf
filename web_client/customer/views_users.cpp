// The Users tab: the directory (search, sort, pages), adding and editing a person, removing
// one, and the CSV import.
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

// What a directory field holds, for the keyboard and autofill of its input.
ui::Kind directory_field_kind(std::string_view field) {
  if (field == "email") return ui::Kind::Email;
  if (field == "phone" || field == "mobile") return ui::Kind::Phone;
  if (field == "website") return ui::Kind::Url;
  if (field == "display_name" || field == "first_name" || field == "last_name") return ui::Kind::Name;
  return ui::Kind::Text;
}


// Labels of signet::kDirectoryFields, in that order (translated when drawn).
const char* const kUserFieldLabels[] = {phrase("E-mail"),     phrase("Display name"), phrase("First name"),
                                        phrase("Last name"),  phrase("Job title"),    phrase("Department"),
                                        phrase("Phone"),      phrase("Mobile"),       phrase("Website"),
                                        phrase("Address")};

void user_dialog(App& a) {
  UsersState& s = a.users;
  if (ui::dialog_begin("###person", s.editing.id ? tr("Edit person") : tr("Add a person"), s.want_dialog, 660)) {
    if (!s.dialog_error.empty()) ui::message(ui::Tone::Danger, trm(s.dialog_error).c_str());
    static int64_t focused_for = -1;
    if (focused_for != s.editing.id) { focused_for = s.editing.id; ui::autofocus_field(); }
    auto local = signet::validate(s.editing);
    // Two columns where there is room, one on a phone.
    const float inner = ui::dialog_inner_width();
    const bool two = inner >= px(480);
    const float col = two ? (inner - px(20)) * 0.5f : inner;
    for (int i = 0; i < 10; ++i) {
      const char* f = signet::kDirectoryFields[i];
      if (two && i % 2 == 1) ImGui::SameLine(0, px(20));
      ImGui::BeginGroup();
      std::string e = err(s.submitted ? local : signet::FieldErrors{}, s.server_fields, f);
      if (ui::text_field(tr(kUserFieldLabels[i]), (std::string("##u_") + f).c_str(), *signet::field_of(s.editing, f), e,
                         {directory_field_kind(f), nullptr, col}))
        s.server_fields.erase(f);
      ImGui::EndGroup();
    }
    ImGui::Dummy(ImVec2(0, px(6)));
    if (ui::primary_button(lbl(s.sending ? tr("Saving…") : tr("Save person"), "saveuser").c_str(), !s.sending && !a.read_only()))
      a.save_user();
    test_hooks::name_last_item("Save person");
    ImGui::SameLine();
    if (ui::secondary_button(lbl(tr("Cancel"), "canceluser").c_str()) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
      s.want_dialog = false;
      focused_for = -1;
    }
    ui::dialog_end();
  }

  if (ui::dialog_begin("###rmperson", tr("Remove person?"), s.want_confirm, 460)) {
    ui::text(trf("Remove {email} from the directory? Their signature will no longer be deployed.",
                               {{"email", s.removing.email}}).c_str());
    ImGui::Dummy(ImVec2(0, px(8)));
    if (ui::danger_button(lbl(tr("Remove"), "confirmrm").c_str())) {
      a.remove_user(s.removing.id);
      s.want_confirm = false;
    }
    ImGui::SameLine();
    if (ui::secondary_button(lbl(tr("Cancel"), "cancelrm").c_str()) || ui::escape_pressed()) s.want_confirm = false;
    ui::dialog_end();
  }

  if (ui::dialog_begin("###import", tr("Import people from CSV"), s.want_import, 720)) {
    ui::muted_text(tr("Paste the CSV text (Ctrl+V). The first row names the fields: email, display_name, first_name, last_name, job_title, department, phone, mobile, website, address. Comma or semicolon separated; existing e-mail addresses are updated."), true);
    ui::text_field(tr("CSV text"), "##csv", s.csv, "", {ui::Kind::Multiline, nullptr, ui::dialog_inner_width(), px(200)});
    if (!s.import_error.empty()) ui::message(ui::Tone::Danger, trm(s.import_error).c_str());
    if (s.import_result) {
      const signet::ImportResult& r = *s.import_result;
      const std::string line = trf("{created} created, {updated} updated.",
                                   {{"created", std::to_string(r.created)}, {"updated", std::to_string(r.updated)}});
      ui::message(ui::Tone::Success, line.c_str());
      test_hooks::name_last_item("import:result", line.c_str());
      if (!r.errors.empty()) {
        std::string all;
        for (const auto& e : r.errors) {
          const std::string line_no = std::to_string(e.line), message = trm(e.message);
          all += e.field.empty() ? trf("Line {line}: {message}", {{"line", line_no}, {"message", message}})
                                 : trf("Line {line}, {field}: {message}", {{"line", line_no}, {"field", e.field}, {"message", message}});
          all += "\n";
        }
        // The server lists the first 100 and counts the rest.
        if (r.errors_omitted > 0)
          all += trf("… and {n} more rows not imported.",
                     {{"n", signet::format_count(r.errors_omitted, platform::ui_language())}}) + "\n";
        ui::message(ui::Tone::Warning, (std::string(tr("Rows not imported:")) + "\n" + all).c_str());
        test_hooks::name_last_item("import:errors", all.c_str());
      }
    }
    if (ui::primary_button(lbl(s.importing ? tr("Importing…") : tr("Import"), "imp").c_str(),
                           !s.importing && !s.csv.empty() && !a.read_only()))
      a.import_csv();
    test_hooks::name_last_item("Import");
    ImGui::SameLine();
    const bool close = ui::secondary_button(lbl(tr("Close"), "closeimp").c_str());
    test_hooks::name_last_item("Close");
    if (close) s.want_import = false;
    ui::dialog_end();
  }
}

}  // namespace

void view_users(App& a, float h) {
  UsersState& s = a.users;
  const bool ro = a.read_only();
  ImGui::BeginChild("##users", ImVec2(0, h), false);
  const char* search_hint = tr("Search name, e-mail, department…");
  const float search_w = std::min(px(320), ImGui::GetContentRegionAvail().x);
  if (ui::text_input("##search", s.search, {ui::Kind::Search, search_hint, search_w, 0, false, search_hint})) {
    s.search_edited_at = platform::now_ms();
    platform::wake_after(260);
  }
  test_hooks::name_last_item("Search people", s.search.c_str());
  // The toolbar wraps on a phone.
  ui::same_line_if_fits(ui::button_width(tr("Add person")), px(8));
  if (ui::primary_button(tr("Add person"), !ro)) {
    s.editing = signet::DirectoryUser{};
    s.submitted = false;
    s.server_fields.clear();
    s.dialog_error.clear();
    s.want_dialog = true;
  }
  ui::same_line_if_fits(ui::button_width(tr("Import CSV")), px(8));
  const bool import_clicked = ui::secondary_button(tr("Import CSV"), !ro);
  test_hooks::name_last_item("Import CSV");
  if (import_clicked) {
    s.want_import = true;
    s.import_result.reset();
    s.import_error.clear();
  }
  if (s.total >= 0) {
    const std::string count = s.total == 1 ? std::string(tr("1 person"))
                                           : trf("{n} people", {{"n", signet::format_count(s.total, platform::ui_language())}});
    ui::same_line_if_fits(ImGui::CalcTextSize(count.c_str()).x, px(12));
    ImGui::AlignTextToFramePadding();
    ui::text_colored(theme::colors().text_muted, count.c_str());
  }
  if (s.loading) { ImGui::SameLine(); ui::spinner(); }
  if (!s.error.empty()) ui::message(ui::Tone::Danger, trm(s.error).c_str());
  ImGui::Dummy(ImVec2(0, px(4)));

  enum { ColName, ColEmail, ColJob, ColDept, ColActions };
  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  const float table_h = ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing() - px(12);
  if (ImGui::BeginTable("people", 5, flags, ImVec2(0, table_h))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    // A phone shows who (name, else e-mail address) and the actions; the rest needs the width.
    const bool narrow = ui::narrow_layout();
    const ImGuiTableColumnFlags wide_only = narrow ? ImGuiTableColumnFlags_Disabled : 0;
    ImGui::TableSetupColumn(tr("Name"), ImGuiTableColumnFlags_WidthStretch, 2.0f, ColName);
    ImGui::TableSetupColumn(tr("E-mail"), ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_DefaultSort | wide_only, 2.4f, ColEmail);
    ImGui::TableSetupColumn(tr("Job title"), ImGuiTableColumnFlags_WidthStretch | wide_only, 1.8f, ColJob);
    ImGui::TableSetupColumn(tr("Department"), ImGuiTableColumnFlags_WidthStretch | wide_only, 1.5f, ColDept);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort,
                            ui::button_width(tr("Edit")) + ui::button_width(tr("Remove")) + px(20), ColActions);
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs()) {
      if (specs->SpecsDirty && specs->SpecsCount > 0) {
        const auto& sp = specs->Specs[0];
        const char* key = "email";
        if (sp.ColumnUserID == ColName) key = "display_name";
        if (sp.ColumnUserID == ColJob) key = "job_title";
        if (sp.ColumnUserID == ColDept) key = "department";
        a.set_user_sort(key, sp.SortDirection == ImGuiSortDirection_Descending);
        specs->SpecsDirty = false;
      }
    }
    for (const auto& u : s.items) {
      ImGui::TableNextRow();
      ImGui::PushID((int)u.id);
      auto cell = [](int column, const std::string& v) {
        if (!ImGui::TableSetColumnIndex(column)) return false;
        ImGui::AlignTextToFramePadding();
        ui::fitted_text(v.c_str());
        return true;
      };
      cell(ColName, narrow && u.display_name.empty() ? u.email : u.display_name);
      test_hooks::name_last_item(("row:" + u.email).c_str(), u.display_name.c_str());
      cell(ColEmail, u.email);
      cell(ColJob, u.job_title);
      cell(ColDept, u.department);
      ImGui::TableSetColumnIndex(ColActions);
      if (ui::secondary_button(tr("Edit"), !ro)) {
        s.editing = u;
        s.submitted = false;
        s.server_fields.clear();
        s.dialog_error.clear();
        s.want_dialog = true;
      }
      test_hooks::name_last_item(("edit:" + u.email).c_str());
      ImGui::SameLine();
      if (ui::danger_button(tr("Remove"), !ro)) {
        s.removing = u;
        s.want_confirm = true;
      }
      test_hooks::name_last_item(("remove:" + u.email).c_str());
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  if (s.total == 0 && s.applied_q.empty()) ui::muted_text(tr("No people yet. Add them one by one or import a CSV file."));
  else if (s.total == 0) ui::muted_text(tr("Nobody matches this search."));
  const int pages = std::max(1, (s.total + UsersState::kPerPage - 1) / UsersState::kPerPage);
  if (pages > 1) {
    if (ui::secondary_button(tr("Previous"), s.page > 1)) { --s.page; a.reload_users(); }
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ui::text(trf("Page {page} of {pages}", {{"page", std::to_string(s.page)}, {"pages", std::to_string(pages)}}).c_str());
    ImGui::SameLine();
    if (ui::secondary_button(tr("Next"), s.page < pages)) { ++s.page; a.reload_users(); }
  }
  ImGui::EndChild();
  user_dialog(a);
}

}  // namespace customer
