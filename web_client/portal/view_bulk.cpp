// Bulk actions on the subscriptions table: a tick-box column (the header box ticks every
// loaded row); at the end of the search line either Export all (CSV) with the current
// search, filter and sort, or, with ticked rows, "{n} selected" with Resend invitations and
// Export selected (CSV). Downloads go through the
// portal's open_url(…, download) like the invoice and audit CSVs.
#include <algorithm>

#include "platform/theme.h"
#include "platform/tr.h"
#include "portal/permissions.h"
#include "portal/view_accounts.h"
#include "portal/view_common.h"
#include "test_hooks/test_hooks.h"

namespace portal {
namespace {

constexpr ImGuiID kSelectColumnId = 99;  // apart from the sortable columns' ids

// Ticks belong to one search/filter: a new query starts with none ticked, so an export or a
// resend never includes rows the person can no longer see.
void sync_query(App& a) {
  const std::string key = a.list.applied_q + "|" + std::to_string(a.list.status_filter);
  if (key != a.bulk.query_key) {
    a.bulk.query_key = key;
    a.bulk.ids.clear();
  }
}

template <class F>
void for_loaded_rows(App& a, F f) {
  for (auto& [page, rows] : a.list.pages)
    for (const auto& s : rows) f(s);
}

}  // namespace

void bulk_setup_column() {
  ImGui::TableSetupColumn("##select",
                          ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort |
                              ImGuiTableColumnFlags_NoResize | ImGuiTableColumnFlags_NoHide,
                          ImGui::GetFrameHeight() + platform::px(6), kSelectColumnId);
}

void bulk_header_cell(App& a) {
  sync_query(a);
  size_t loaded = 0, ticked = 0;
  for_loaded_rows(a, [&](const signet::Subscription& s) {
    ++loaded;
    ticked += a.bulk.ids.count(s.id);
  });
  bool all = loaded > 0 && ticked == loaded;
  if (ui::checkbox("##select_all", &all)) {
    for_loaded_rows(a, [&](const signet::Subscription& s) {
      if (all) a.bulk.ids.insert(s.id);
      else a.bulk.ids.erase(s.id);
    });
  }
  test_hooks::name_last_item("select-all", all ? "checked" : "");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s", all ? tr("Clear the selection") : tr("Select all rows shown"));
}

void bulk_row_cell(App& a, const signet::Subscription& s) {
  bool on = a.bulk.ids.count(s.id) > 0;
  if (ui::checkbox("##select", &on)) {
    if (on) a.bulk.ids.insert(s.id);
    else a.bulk.ids.erase(s.id);
  }
  test_hooks::name_last_item(("select:" + s.customer_name).c_str(), on ? "checked" : "");
}

void view_bulk_toolbar(App& a) {
  sync_query(a);
  BulkState& b = a.bulk;
  const float pad = platform::px(28), gap = platform::px(10);
  const float right_edge = ImGui::GetWindowWidth() - pad;
  ImGui::SameLine(0, platform::px(12));
  // Right-align a block of `width` on the search line when it fits, else start a new line:
  // ticking a box then never moves the table under the pointer (except on narrow screens).
  auto place = [&](float width) {
    if (right_edge - width > ImGui::GetCursorPosX()) {
      ImGui::SetCursorPosX(right_edge - width);
    } else {
      ImGui::NewLine();
      ImGui::SetCursorPosX(pad);
    }
  };
  // Next item on this line if it fits, else on the next one.
  auto next = [&](float width) {
    ImGui::SameLine(0, gap);
    if (ImGui::GetCursorPosX() + width > right_edge) {
      ImGui::NewLine();
      ImGui::SetCursorPosX(pad);
    }
  };

  if (b.ids.empty()) {
    const char* export_all = tr("Export all (CSV)");
    place(ui::button_width(export_all));
    if (ui::secondary_button(export_all, a.list.total > 0)) {
      open_url(a.subscriptions_csv_url(false), 2);
      platform::announce(tr("The export of all subscriptions shown is downloading."));
    }
    test_hooks::name_last_item("Export all (CSV)");
    return;
  }

  // With ticked rows the same place holds "{n} selected" and what can be done with them.
  const std::string n = trf("{n} selected", {{"n", signet::format_count((long long)b.ids.size(), platform::ui_language())}});
  const std::string resend = std::string(b.resending ? tr("Sending…") : tr("Resend invitations")) + "##bulk_resend";
  const char* export_sel = tr("Export selected (CSV)");
  // A small × clears the ticks (its name in the tooltip): the line must fit Dutch labels too.
  const char* clear = "×##bulk_clear";
  const bool may_resend = can(a, Permission::ResendInvitation);
  ImFont* bold = platform::font(platform::FontRole::Bold);
  const float count_w = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, n.c_str()).x;
  const float resend_w = may_resend ? ui::button_width(resend.c_str()) + gap : 0.0f;
  const float export_w = ui::button_width(export_sel);
  ImFont* title = platform::font(platform::FontRole::Title);
  const float clear_w = title->CalcTextSizeA(title->FontSize, FLT_MAX, 0, "×").x;
  place(count_w + resend_w + gap + export_w + gap + clear_w);

  ImGui::AlignTextToFramePadding();
  ImGui::PushFont(bold);
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colors().accent);
  ui::text(n.c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
  test_hooks::name_last_item("bulk-count", n.c_str());
  if (may_resend) {
    next(resend_w - gap);
    if (ui::secondary_button(resend.c_str(), !b.resending)) a.bulk_resend_invitations();
    test_hooks::name_last_item("Resend invitations");
  }
  next(export_w);
  if (ui::secondary_button(export_sel)) {
    open_url(a.subscriptions_csv_url(true), 2);
    platform::announce(tr("The export of the selected subscriptions is downloading."));
  }
  test_hooks::name_last_item("Export selected (CSV)");
  next(clear_w);
  const float y = ImGui::GetCursorPosY();
  ImGui::SetCursorPosY(y + platform::px(2));
  ImGui::PushFont(platform::font(platform::FontRole::Title));
  if (ui::link_button(clear)) b.ids.clear();
  ImGui::PopFont();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Clear selection"));
  test_hooks::name_last_item("Clear selection");
  ImGui::SetCursorPosY(y + ImGui::GetFrameHeight() + ImGui::GetStyle().ItemSpacing.y);
}

}  // namespace portal
