// Bulk actions on the subscriptions table: a tick-box column (the header box ticks every
// loaded row), a bar "{n} selected" with Resend invitations and Export selected (CSV), and
// Export all (CSV) with the current search, filter and sort. Downloads go through the
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
  const float pad = platform::px(28);
  // "Export all (CSV)" at the right end of the search line when it fits, else on its own line.
  const char* export_all = tr("Export all (CSV)");
  const float w = ui::button_width(export_all);
  ImGui::SameLine(0, platform::px(12));
  const float right = ImGui::GetWindowWidth() - pad - w;
  if (right > ImGui::GetCursorPosX()) ImGui::SetCursorPosX(right);
  else ImGui::NewLine(), ImGui::SetCursorPosX(pad);
  if (ui::secondary_button(export_all, a.list.total > 0)) {
    open_url(a.subscriptions_csv_url(false), 2);
    platform::announce(tr("The export of all subscriptions shown is downloading."));
  }
  test_hooks::name_last_item("Export all (CSV)");

  if (b.ids.empty()) return;
  // The selection bar: a tinted strip with the count and the actions.
  const auto& k = theme::colors();
  ImGui::SetCursorPosX(pad);
  ImVec2 p = ImGui::GetCursorScreenPos();
  const float bar_w = ImGui::GetWindowWidth() - pad * 2;
  const float bar_h = ImGui::GetFrameHeight() + platform::px(12);
  // The strip is drawn behind its content once the content's height is known (it may wrap).
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);
  ImGui::SetCursorScreenPos(ImVec2(p.x + platform::px(14), p.y + platform::px(6)));
  ImGui::AlignTextToFramePadding();
  const std::string n = trf("{n} selected", {{"n", signet::format_count((long long)b.ids.size(), platform::ui_language())}});
  ImGui::PushFont(platform::font(platform::FontRole::Bold));
  ImGui::TextUnformatted(n.c_str());
  ImGui::PopFont();
  test_hooks::name_last_item("bulk-count", n.c_str());

  // Buttons that do not fit on the strip's line wrap under it (narrow windows).
  auto next = [&](const char* label) {
    const float need = ui::button_width(label) + platform::px(10);
    ImGui::SameLine(0, platform::px(14));
    if (ImGui::GetCursorScreenPos().x + need > p.x + bar_w) {
      ImGui::NewLine();
      ImGui::SetCursorScreenPos(ImVec2(p.x + platform::px(14), ImGui::GetCursorScreenPos().y));
    }
  };
  if (can(a, Permission::ResendInvitation)) {
    const std::string resend = std::string(b.resending ? tr("Sending…") : tr("Resend invitations")) + "##bulk_resend";
    next(resend.c_str());
    if (ui::secondary_button(resend.c_str(), !b.resending)) a.bulk_resend_invitations();
  }
  const char* export_sel = tr("Export selected (CSV)");
  next(export_sel);
  if (ui::secondary_button(export_sel)) {
    open_url(a.subscriptions_csv_url(true), 2);
    platform::announce(tr("The export of the selected subscriptions is downloading."));
  }
  test_hooks::name_last_item("Export selected (CSV)");
  next(tr("Clear selection"));
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetStyle().FramePadding.y);
  if (ui::link_button(tr("Clear selection"))) b.ids.clear();
  test_hooks::name_last_item("Clear selection");
  // Below the strip (taller when its buttons wrapped).
  const float bottom = std::max(p.y + bar_h, ImGui::GetItemRectMax().y + platform::px(6));
  dl->ChannelsSetCurrent(0);
  dl->AddRectFilled(p, ImVec2(p.x + bar_w, bottom), theme::u32(k.accent_soft), platform::px(8));
  dl->ChannelsMerge();
  ImGui::SetCursorScreenPos(ImVec2(p.x, bottom));
  ImGui::Dummy(ImVec2(bar_w, platform::px(2)));
}

}  // namespace portal
