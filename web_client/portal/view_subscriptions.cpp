// Home screen: toolbar (search, status filter, "New customer subscription"), the table with
// server-side sorting and paging (ImGuiListClipper over `total` rows; pages load as they
// scroll into view), the empty state and the detail panel. On a phone the table shows
// customer, users and status only, and the detail replaces it as a full-width screen.
#include <algorithm>
#include <cmath>

#include "imgui_internal.h"
#include "platform/theme.h"
#include "portal/format.h"
#include "portal/permissions.h"
#include "portal/view_accounts.h"
#include "portal/view_common.h"
#include "test_hooks/test_hooks.h"

namespace portal {
namespace {

enum Column { ColSelect, ColCustomer, ColUsers, ColStatus, ColNext, ColProduct, ColInvitation, ColCount };

void status_badge(signet::SubscriptionStatus s) {
  const auto& k = theme::colors();
  if (s == signet::SubscriptionStatus::Active) ui::badge(tr("Active"), k.success_soft, k.success);
  else ui::badge(tr("Inactive"), k.neutral_soft, k.text_muted);
}

void invitation_badge(const signet::Subscription& sub) {
  const auto& k = theme::colors();
  const std::string text = invitation_text(sub);
  const bool failed = sub.invitation_delivery == "failed";
  switch (sub.invitation_status) {
    case signet::InvitationStatus::None:
      ImGui::AlignTextToFramePadding();
      ui::muted_text("—");
      break;
    case signet::InvitationStatus::Pending:
      if (failed) ui::badge(text.c_str(), k.danger_soft, k.danger);
      else ui::badge(text.c_str(), k.warning_soft, k.warning);
      break;
    case signet::InvitationStatus::Accepted: ui::badge(text.c_str(), k.success_soft, k.success); break;
    case signet::InvitationStatus::Expired: ui::badge(text.c_str(), k.danger_soft, k.danger); break;
  }
  test_hooks::name_last_item(("invitation:" + sub.customer_name).c_str(), text.c_str());
}

void empty_state(App& a, float width, float height) {
  const bool filtered = !a.list.applied_q.empty() || a.list.status_filter != 0;
  float block_w = std::min(width - platform::px(48), platform::px(520));
  ImGui::SetCursorPos(ImVec2((width - block_w) * 0.5f, std::max(platform::px(40), height * 0.22f)));
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + block_w);
  if (!filtered) {
    ui::heading(tr("No customer subscriptions yet"));
    test_hooks::name_last_item("empty-state");
    ui::muted_text(tr("Create the first subscription for one of your customers. Choose the product, the number of users and whether the customer may edit their own signatures; if so, Signet e-mails them an invitation."));
    ImGui::Dummy(ImVec2(0, platform::px(8)));
    if (can(a, Permission::CreateSubscription) && ui::primary_button(tr("Create your first subscription")))
      a.open_create();
  } else {
    ui::heading(tr("No matching subscriptions"));
    test_hooks::name_last_item("empty-state");
    std::string msg = a.list.applied_q.empty()
                          ? std::string(tr("No subscriptions have this status."))
                          : trf("Nothing matches “{search}”. Check the spelling or clear the search.",
                                {{"search", a.list.applied_q}});
    ui::muted_text(msg.c_str());
    ImGui::Dummy(ImVec2(0, platform::px(8)));
    if (ui::secondary_button(tr("Clear search and filter"))) {
      a.list.search.clear();
      a.list.status_filter = -1;
      a.set_status_filter(0);
      a.apply_search_now();
    }
  }
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

// `compact`: the detail panel is open beside the table; `phone`: a 390 px screen.
void table(App& a, bool compact, bool phone) {
  ListState& L = a.list;
  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX;
  if (!ImGui::BeginTable("subscriptions", ColCount, flags, ImGui::GetContentRegionAvail())) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  // Customer and Product stretch; the others are as wide as their bold header (+ sort arrow).
  ImFont* bold = platform::font(platform::FontRole::Bold);
  auto fixed = [&](const char* h, float min_css) {
    return std::max(bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, h).x + platform::px(22),
                    platform::px(min_css));
  };
  const ImGuiTableColumnFlags F = ImGuiTableColumnFlags_WidthFixed;
  // ColSelect: tick boxes for bulk actions (view_bulk.cpp); a phone has no room for them.
  if (phone) ImGui::TableSetupColumn("##select", ImGuiTableColumnFlags_Disabled);
  else bulk_setup_column();
  // On a phone "Users" replaces "Number of users" (the detail names it in full).
  const char* users_header = phone ? tr("Users") : tr("Number of users");
  ImGui::TableSetupColumn(tr("Customer"), ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortAscending, 2.0f, ColCustomer);
  // Room for "→ 25 from Dec 26, 2026" only while a loaded row has a scheduled decrease.
  bool any_pending = false;
  for (const auto& [page, page_rows] : L.pages)
    for (const auto& r : page_rows) any_pending |= r.pending_user_count.has_value();
  ImGui::TableSetupColumn(users_header, F | ImGuiTableColumnFlags_PreferSortDescending,
                          fixed(users_header, phone || !any_pending ? 0 : 220), ColUsers);
  ImGui::TableSetupColumn(tr("Status"), F | ImGuiTableColumnFlags_NoSort, fixed(tr("Status"), phone ? 0 : 96), ColStatus);
  // With the detail panel open the table keeps the seed's four columns; the panel shows the rest.
  const ImGuiTableColumnFlags hide = compact || phone ? ImGuiTableColumnFlags_Disabled : 0;
  ImGui::TableSetupColumn(tr("Next payment date"), F | (phone ? ImGuiTableColumnFlags_Disabled : 0) | ImGuiTableColumnFlags_PreferSortAscending, fixed(tr("Next payment date"), 0), ColNext);
  const float product_w = ImGui::CalcTextSize("Google Workspace").x + platform::px(28);
  ImGui::TableSetupColumn(tr("Product"), F | hide | ImGuiTableColumnFlags_NoSort, product_w, ColProduct);
  // As wide as the widest badge in this language ("In afwachting · nieuwe poging"), plus the
  // badge's dot and padding, so that Dutch is not clipped.
  const std::string widest_badge = std::string(tr("Pending")) + " · " + tr("retrying");
  const float invitation_w = ImGui::CalcTextSize(widest_badge.c_str()).x + platform::px(40);
  ImGui::TableSetupColumn(tr("Invitation"), F | hide | ImGuiTableColumnFlags_NoSort,
                          std::max(fixed(tr("Invitation"), 0), invitation_w), ColInvitation);

  // Header row, each header named for the tests.
  ImGui::PushFont(platform::font(platform::FontRole::Bold));
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers, ImGui::GetFrameHeight());
  for (int c = 0; c < ColCount; ++c) {
    if (!ImGui::TableSetColumnIndex(c)) continue;
    if (c == ColSelect) {
      bulk_header_cell(a);
      continue;
    }
    const char* name = ImGui::TableGetColumnName(c);
    ImGui::TableHeader(name);
    test_hooks::name_last_item((std::string("header:") + name).c_str());
  }
  ImGui::PopFont();

  if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs()) {
    if (specs->SpecsDirty && specs->SpecsCount > 0) {
      const ImGuiTableColumnSortSpecs& s = specs->Specs[0];
      bool desc = s.SortDirection == ImGuiSortDirection_Descending;
      signet::SortKey key = signet::SortKey::CustomerName;
      if (s.ColumnUserID == ColUsers) key = signet::SortKey::UserCount;
      if (s.ColumnUserID == ColNext) key = signet::SortKey::NextPaymentDate;
      a.set_sort(key, desc);
    }
    specs->SpecsDirty = false;
  }

  const float row_h = ImGui::GetFrameHeight() + ImGui::GetStyle().CellPadding.y * 2;
  if (L.scroll_to_row >= 0) {
    float visible = ImGui::GetWindowHeight() - row_h * 2;
    float target = L.scroll_to_row * row_h - visible * 0.4f;
    ImGui::SetScrollY(std::max(0.0f, target));
    L.scroll_to_row = -1;
  }
  const int total = std::max(0, L.total);
  ImGuiListClipper clipper;
  clipper.Begin(total, row_h);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      ImGui::TableNextRow(0, row_h);
      const signet::Subscription* s = a.row(i);
      ImGui::TableSetColumnIndex(ColCustomer);
      if (!s) {
        ImGui::AlignTextToFramePadding();
        ui::muted_text(tr("Loading…"));
        continue;
      }
      ImGui::PushID((int)s->id);
      const bool selected = s->id == L.selected_id;
      // Row-wide selectable, then the cell contents over it.
      const float cell_x = ImGui::GetCursorPosX();
      if (ImGui::Selectable("##row", selected,
                            ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
                            ImVec2(0, ImGui::GetFrameHeight()))) {
        if (selected) a.clear_selection();
        else a.select(*s);
      }
      if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      test_hooks::name_last_item(("row:" + s->customer_name).c_str(), selected ? "selected" : "");
      ImGui::SameLine(0, 0);
      ImGui::SetCursorPosX(cell_x);
      ImGui::AlignTextToFramePadding();
      ui::fitted_text(s->customer_name.c_str());  // a long name: cut with "…", whole on hover

      ImGui::TableSetColumnIndex(ColUsers);
      ImGui::AlignTextToFramePadding();
      const signet::Language lang = platform::ui_language();
      ui::text(signet::format_count(s->user_count, lang).c_str());
      if (s->pending_user_count && s->pending_from && !phone) {
        // A decrease waits for the renewal: "30 → 25 from Dec 26, 2026".
        const std::string pending = trf("→ {n} from {date}", {{"n", signet::format_count(*s->pending_user_count, lang)},
                                                              {"date", format_date(s->pending_from)}});
        ImGui::SameLine(0, platform::px(6));
        ImGui::PushFont(platform::font(platform::FontRole::Small));
        ImGui::PushStyleColor(ImGuiCol_Text, theme::colors().text_muted);
        ui::text(pending.c_str());
        ImGui::PopStyleColor();
        ImGui::PopFont();
        test_hooks::name_last_item(("pending:" + s->customer_name).c_str(), pending.c_str());
        if (ImGui::IsItemHovered())
          ImGui::SetTooltip("%s", trf("{n} users from {date} (the next renewal)",
                                      {{"n", signet::format_count(*s->pending_user_count, lang)},
                                       {"date", format_date(s->pending_from)}}).c_str());
      }
      ImGui::TableSetColumnIndex(ColStatus);
      status_badge(s->status);
      if (ImGui::TableSetColumnIndex(ColNext)) {
        ImGui::AlignTextToFramePadding();
        ui::text(format_date(s->next_payment_date).c_str());
      }
      if (ImGui::TableSetColumnIndex(ColProduct)) {
        ImGui::AlignTextToFramePadding();
        ui::text(short_product(s->product).c_str());
      }
      if (ImGui::TableSetColumnIndex(ColInvitation)) invitation_badge(*s);
      // Last, so the tick box sits over the row-wide selectable and takes the click.
      if (ImGui::TableSetColumnIndex(ColSelect)) bulk_row_cell(a, *s);
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

}  // namespace

void view_subscriptions(App& a) {
  ListState& L = a.list;
  const bool phone = narrow_layout();
  const float pad = page_pad();

  // Phone: the selected subscription is a screen of its own (with a Back link).
  if (phone && L.selected) {
    ImGui::SetCursorPos(ImVec2(pad, ImGui::GetCursorPosY() + platform::px(12)));
    view_detail(a, ImGui::GetWindowWidth() - pad * 2, ImGui::GetWindowHeight() - ImGui::GetCursorPosY() - pad);
    return;
  }

  // Title row: heading and count; "New customer subscription" at the right (phone: below).
  ImGui::SetCursorPos(ImVec2(pad, ImGui::GetCursorPosY() + platform::px(phone ? 14 : 22)));
  ImGui::BeginGroup();
  ui::heading(tr("Customer subscriptions"));
  const signet::Language lang = platform::ui_language();
  const bool filtered = !L.applied_q.empty() || L.status_filter;
  std::string count;
  if (L.total < 0) count = tr("Loading…");
  else if (L.total == 1) count = filtered ? trf("{n} subscription found", {{"n", "1"}}) : trf("{n} subscription", {{"n", "1"}});
  else {
    const std::string n = signet::format_count(L.total, lang);
    count = filtered ? trf("{n} subscriptions found", {{"n", n}}) : trf("{n} subscriptions", {{"n", n}});
  }
  ui::muted_text(count.c_str());
  test_hooks::name_last_item("count", count.c_str());
  ImGui::EndGroup();

  if (can(a, Permission::CreateSubscription)) {  // only owners create
    const char* new_label = tr("New customer subscription");
    const float new_w = phone ? ImGui::GetWindowWidth() - pad * 2 : ui::button_width(new_label) + platform::px(8);
    if (phone) ImGui::SetCursorPos(ImVec2(pad, ImGui::GetCursorPosY() + platform::px(4)));
    else ImGui::SameLine(ImGui::GetWindowWidth() - pad - new_w);
    if (ui::primary_button(id_label(new_label, "new_subscription").c_str(), true, ImVec2(new_w, platform::px(42))))
      a.open_create();
  }

  // Toolbar: search and status filter.
  const char* statuses[] = {tr("All statuses"), tr("Active"), tr("Inactive")};
  float combo_w = 0;
  for (const char* st : statuses) combo_w = std::max(combo_w, ImGui::CalcTextSize(st).x);
  combo_w += ImGui::GetFrameHeight() + ImGui::GetStyle().FramePadding.x * 2 + platform::px(4);
  const float search_w = phone ? ImGui::GetWindowWidth() - pad * 2 - combo_w - platform::px(10)
                               : std::min(platform::px(380), ImGui::GetWindowWidth() * 0.4f);
  ImGui::SetCursorPosX(pad);
  if (ui::text_input("##search", L.search,
                     {ui::Kind::Search, tr("Search customers…"), search_w, 0, false, tr("Search customers…")})) {
    L.search_edited_at = platform::now_ms();
    platform::wake_after(260);
  }
  test_hooks::name_last_item("Search", L.search.c_str());
  ImGui::SameLine(0, platform::px(phone ? 10 : 12));
  ImGui::SetNextItemWidth(combo_w);
  if (ImGui::BeginCombo("##status", statuses[std::clamp(L.status_filter, 0, 2)])) {
    for (int i = 0; i < 3; ++i)
      if (ImGui::Selectable(statuses[i], L.status_filter == i)) a.set_status_filter(i);
    ImGui::EndCombo();
  }
  test_hooks::name_last_item("Status filter");
  if ((L.loading() || L.search_edited_at >= 0) && !phone) {
    ImGui::SameLine(0, platform::px(14));
    ui::spinner(8);
  }

  view_bulk_toolbar(a);  // Export all (CSV); the "{n} selected" bar

  // Main area: table card (+ detail panel).
  ImGui::SetCursorPos(ImVec2(pad, ImGui::GetCursorPosY() + platform::px(6)));
  ImVec2 avail(ImGui::GetWindowWidth() - pad * 2, ImGui::GetWindowHeight() - ImGui::GetCursorPosY() - pad);
  const bool show_detail = L.selected.has_value();
  const float detail_w = show_detail ? std::min(platform::px(440), avail.x * 0.42f) : 0.0f;
  const float gap = show_detail ? platform::px(20) : 0.0f;
  ImVec2 table_size(avail.x - detail_w - gap, avail.y);

  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, platform::px(10));
  ImGui::BeginChild("##table_card", table_size, true, ImGuiWindowFlags_NoScrollbar);
  if (L.total == 0) {
    empty_state(a, table_size.x, table_size.y);
  } else if (L.total < 0) {
    ImGui::SetCursorPos(ImVec2(table_size.x * 0.5f - platform::px(10), platform::px(60)));
    ui::spinner(10);
  } else {
    table(a, show_detail, phone);
  }
  ImGui::EndChild();
  ImGui::PopStyleVar(2);

  if (show_detail) {
    ImGui::SameLine(0, gap);
    view_detail(a, detail_w, table_size.y);
  }

  view_new_subscription(a);
}

}  // namespace portal
