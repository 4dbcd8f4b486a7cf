// Audit log screen: who did what, when (UTC) and from where; a text filter (server side,
// debounced), an action filter, CSV export and "older entries" paging.
#include <algorithm>

#include "platform/theme.h"
#include "portal/format.h"
#include "portal/view_common.h"
#include "test_hooks/test_hooks.h"

namespace portal {
namespace {

// "2026-11-26T19:05:07Z" -> "Nov 26, 2026 19:05:07" / "26-11-2026 19:05:07"
std::string when(const std::string& at) {
  if (at.size() < 19) return at;
  return format_date(at.substr(0, 10)) + " " + at.substr(11, 8);
}

const char* action_filter_label(int i) {
  using signet::phrase;
  static const char* const labels[] = {phrase("All actions"), phrase("Sign-ins (session.)"),
                                       phrase("Subscriptions (subscription.)"), phrase("Invitations (invitation.)"),
                                       phrase("Directory (directory.)"), phrase("Templates (template.)"),
                                       phrase("Billing (billing.)")};
  return tr(labels[std::clamp(i, 0, 6)]);
}

}  // namespace

void view_audit(App& a) {
  AuditState& A = a.audit;
  const auto& k = theme::colors();
  const float pad = page_pad();

  ImGui::SetCursorPos(ImVec2(pad, ImGui::GetCursorPosY() + platform::px(22)));
  ImGui::BeginGroup();
  ui::heading(tr("Audit log"));
  test_hooks::name_last_item("audit-title");
  std::string count;
  if (!A.loaded) {
    count = tr("Loading…");
  } else {
    const std::string n = signet::format_count((long long)A.items.size(), platform::ui_language());
    if (A.items.size() == 1) count = trf("{n} entry · times in UTC", {{"n", n}});
    else if (A.more) count = trf("{n} entries shown · times in UTC", {{"n", n}});
    else count = trf("{n} entries · times in UTC", {{"n", n}});
  }
  ui::muted_text(count.c_str());
  test_hooks::name_last_item("audit-count", count.c_str());
  ImGui::EndGroup();

  const char* export_label = tr("Export CSV");
  float export_w = ui::button_width(export_label) + platform::px(8);
  ImGui::SameLine(ImGui::GetWindowWidth() - pad - export_w);
  if (ui::secondary_button(export_label, true, ImVec2(export_w, platform::px(42))))
    open_url(a.audit_csv_url(), 2);

  // Toolbar.
  ImGui::SetCursorPosX(pad);
  const char* filter_hint = tr("Filter by e-mail, target or detail…");
  if (ui::text_input("##audit_search", A.search,
                     {ui::Kind::Search, filter_hint,
                      std::min(platform::px(380), ImGui::GetWindowWidth() * 0.4f), 0, false, filter_hint})) {
    A.search_edited_at = platform::now_ms();
    platform::wake_after(260);
  }
  test_hooks::name_last_item("Audit filter", A.search.c_str());
  ImGui::SameLine(0, platform::px(12));
  ImGui::SetNextItemWidth(platform::px(260));
  if (ImGui::BeginCombo("##audit_action", action_filter_label(A.action_filter))) {
    for (int i = 0; i < 7; ++i)
      if (ImGui::Selectable(action_filter_label(i), A.action_filter == i)) a.set_audit_action(i);
    ImGui::EndCombo();
  }
  test_hooks::name_last_item("Action filter", action_filter_label(A.action_filter));
  if (A.loading || A.search_edited_at >= 0) {
    ImGui::SameLine(0, platform::px(14));
    ui::spinner(8);
  }
  if (!A.error.empty()) {
    ImGui::SetCursorPosX(pad);
    ImGui::PushTextWrapPos(ImGui::GetWindowWidth() - pad);
    ui::message(ui::Tone::Danger, trm(A.error).c_str());
    ImGui::PopTextWrapPos();
  }

  ImGui::SetCursorPos(ImVec2(pad, ImGui::GetCursorPosY() + platform::px(6)));
  ImVec2 size(ImGui::GetWindowWidth() - pad * 2, ImGui::GetWindowHeight() - ImGui::GetCursorPosY() - pad);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, platform::px(10));
  ImGui::BeginChild("##audit_card", size, true, ImGuiWindowFlags_NoScrollbar);
  if (A.loaded && A.items.empty()) {
    ImGui::SetCursorPos(ImVec2(platform::px(24), platform::px(40)));
    ImGui::BeginGroup();
    ui::heading(A.applied_q.empty() && A.action_filter == 0 ? tr("Nothing recorded yet")
                                                            : tr("No matching entries"));
    test_hooks::name_last_item("audit-empty");
    ui::muted_text(tr("Sign-ins, subscription changes, invitations, template changes and billing runs appear here."), true);
    ImGui::EndGroup();
  } else if (ImGui::BeginTable("audit", 7,
                               ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                   ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp |
                                   ImGuiTableFlags_PadOuterX,
                               ImGui::GetContentRegionAvail())) {
    ImGui::TableSetupScrollFreeze(0, 1);
    // A phone shows when, who and what; target, outcome, detail and address need the width.
    const ImGuiTableColumnFlags wide_only =
        ImGuiTableColumnFlags_WidthStretch | (narrow_layout() ? ImGuiTableColumnFlags_Disabled : 0);
    ImGui::TableSetupColumn(tr("When (UTC)"), ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn(tr("Who"), ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn(tr("Action"), ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn(tr("Target"), wide_only, 1.5f);
    ImGui::TableSetupColumn(tr("Outcome"), wide_only, 0.6f);
    ImGui::TableSetupColumn(tr("Detail"), wide_only, 2.4f);
    ImGui::TableSetupColumn(tr("From"), wide_only, 0.9f);
    ImGui::PushFont(platform::font(platform::FontRole::Bold));
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers, ImGui::GetFrameHeight());
    for (int c = 0; c < 7; ++c) {
      if (!ImGui::TableSetColumnIndex(c)) continue;
      ImGui::TableHeader(ImGui::TableGetColumnName(c));
    }
    ImGui::PopFont();
    const float row_h = ImGui::GetFrameHeight();
    ImGuiListClipper clipper;
    clipper.Begin((int)A.items.size(), row_h + ImGui::GetStyle().CellPadding.y * 2);
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const signet::AuditEntry& e = A.items[(size_t)i];
        ImGui::TableNextRow(0, row_h);
        auto cell = [&](int c, const std::string& s, bool muted = false) {
          if (!ImGui::TableSetColumnIndex(c)) return;
          ImGui::AlignTextToFramePadding();
          if (muted) ImGui::PushStyleColor(ImGuiCol_Text, k.text_muted);
          ui::fitted_text(s.c_str());
          if (muted) ImGui::PopStyleColor();
        };
        cell(0, when(e.at), true);
        test_hooks::name_last_item(("audit-row:" + e.action).c_str(),
                                   (e.actor_email + " | " + e.target + " | " + e.detail).c_str());
        cell(1, e.actor_email.empty() ? "—" : e.actor_email);
        cell(2, e.action);
        cell(3, e.target.empty() ? "—" : e.target);
        // The HTTP status of the request; 0 for the server's own jobs.
        const bool failed = e.outcome >= 400 && e.outcome <= 599;
        if (ImGui::TableSetColumnIndex(4)) {
          ImGui::AlignTextToFramePadding();
          ui::text_colored(failed ? k.danger : k.success, e.outcome ? std::to_string(e.outcome).c_str() : "—");
        }
        cell(5, e.detail.empty() ? "—" : e.detail, true);
        cell(6, e.client_address.empty() ? "—" : e.client_address, true);
      }
    }
    if (A.more) {
      ImGui::TableNextRow(0, row_h + platform::px(12));
      ImGui::TableSetColumnIndex(0);
      if (ui::secondary_button(tr("Load older entries"), !A.loading)) a.load_audit(true);
    }
    ImGui::EndTable();
  }
  ImGui::EndChild();
  ImGui::PopStyleVar(2);
}

}  // namespace portal
