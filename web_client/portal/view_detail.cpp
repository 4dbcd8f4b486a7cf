// Detail panel of the selected subscription: all fields, the signature editor link, resend the
// invitation, change the number of users (price quote first, then confirm) and set
// active/inactive (with a confirmation). Beside the table it has a Close link; on a phone it
// is a full-width screen with a Back link. Labels sit left of their values when they fit,
// else above them (long Dutch labels, narrow panels).
#include <algorithm>

#include "platform/theme.h"
#include "portal/format.h"
#include "portal/permissions.h"
#include "portal/view_accounts.h"
#include "portal/view_common.h"
#include "test_hooks/test_hooks.h"

namespace portal {
namespace {

using signet::phrase;

// Where values start; 0: labels above their values.
float g_value_x = 0;

// `label` is an English phrase; the test hook keeps that name ("detail:Number of users").
void row(const char* label, const std::string& value) {
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colors().text_muted);
  ui::text(tr(label));
  ImGui::PopStyleColor();
  if (g_value_x > 0) ImGui::SameLine(g_value_x);
  ImGui::PushTextWrapPos(0.0f);
  ui::text(value.c_str());
  ImGui::PopTextWrapPos();
  test_hooks::name_last_item((std::string("detail:") + label).c_str(), value.c_str());
  if (g_value_x <= 0) ImGui::Dummy(ImVec2(0, platform::px(2)));
}

// The panel scrolls so that a quote or confirmation that just appeared (with its buttons, the
// last item drawn) is visible; a long Dutch panel would otherwise hide it below the fold.
void scroll_into_view_once(bool shown, int slot = 0) {
  static bool was_shown[2] = {false, false};
  if (shown && !was_shown[slot]) ImGui::SetScrollHereY(1.0f);
  was_shown[slot] = shown;
}

// What the quote means, in words.
std::string quote_text(const signet::Subscription& s, const signet::SeatQuote& q) {
  const int diff = q.user_count - s.user_count;
  if (!q.immediate)
    return trf("From {date} the subscription has {users}; no charge now.",
               {{"date", format_date(q.effective_from)}, {"users", users_text(q.user_count)}});
  if (!q.amount_cents && diff > 0 && s.status == signet::SubscriptionStatus::Active)
    return trf("Adding {users} is charged now, prorated until {date}. Prices are shown to owners and billing staff.",
               {{"users", users_text(diff)}, {"date", format_date(s.next_payment_date)}});
  if (q.amount_cents && *q.amount_cents > 0 && diff > 0)
    return trf("Adding {users} costs {amount} now (prorated until {date}).",
               {{"users", users_text(diff)},
                {"amount", signet::format_money(*q.amount_cents, platform::ui_language())},
                {"date", format_date(s.next_payment_date)}});
  const std::string users = users_text(q.user_count);
  if (s.status == signet::SubscriptionStatus::Inactive)
    return trf("The subscription will have {users} at once; no charge now (inactive subscriptions are not billed).",
               {{"users", users}});
  return trf("The subscription will have {users} at once; no charge now.", {{"users", users}});
}

void title(App& a, const signet::Subscription& s, bool phone, bool* closed) {
  if (phone) {
    // A screen of its own: Back returns to the list.
    if (ui::link_button(id_label((std::string("← ") + tr("Back")).c_str(), "detail_back").c_str())) *closed = true;
    test_hooks::name_last_item("detail-back");
    ImGui::Dummy(ImVec2(0, platform::px(2)));
  }
  const char* close = tr("Close");
  const float close_w = phone ? 0.0f : ImGui::CalcTextSize(close).x;
  ImGui::PushFont(platform::font(platform::FontRole::Title));
  ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x - close_w - platform::px(12));
  ui::text(s.customer_name.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  test_hooks::name_last_item("detail-title", s.customer_name.c_str());
  if (!phone) {
    ImGui::SameLine(ImGui::GetContentRegionMax().x - close_w);
    if (ui::link_button(id_label(close, "detail").c_str())) *closed = true;
  }
  (void)a;
}

// "Connected, last run 12 of 12 deployed" / "Not connected"; empty while it loads.
std::string google_summary(const std::optional<signet::GoogleDeployment>& g) {
  if (!g) return "";
  if (!g->connected) return tr("Not connected");
  if (!g->run) return tr("Connected, no run yet");
  const auto& n = g->run->counts;
  const std::string done = std::to_string(n.deployed), total = std::to_string(n.total());
  std::string out = g->running() ? trf("Connected, deploying: {done} of {total} deployed", {{"done", done}, {"total", total}})
                                 : trf("Connected, last run {done} of {total} deployed", {{"done", done}, {"total", total}});
  if (n.failed > 0) out += ", " + trf("{n} failed", {{"n", std::to_string(n.failed)}});
  return out;
}

void fields(const App& a, const signet::Subscription& s) {
  const auto& k = theme::colors();
  // Label column as wide as the longest label shown, unless that leaves too little room.
  static const char* const kLabels[] = {
      phrase("Status"),       phrase("Number of users"), phrase("Scheduled change"), phrase("Billing cycle"),
      phrase("Next payment date"), phrase("Customer edits"), phrase("Contact name"),  phrase("Contact e-mail"),
      phrase("Invitation"),   phrase("Created"), phrase("Live deployment")};
  float widest = 0;
  for (const char* l : kLabels) widest = std::max(widest, ImGui::CalcTextSize(tr(l)).x);
  const float avail = ImGui::GetContentRegionAvail().x;
  g_value_x = widest + platform::px(16) <= avail * 0.55f
                  ? ImGui::GetCursorPosX() + widest + platform::px(16)
                  : 0.0f;

  ImGui::PushStyleColor(ImGuiCol_Text, k.text_muted);
  ui::text(tr("Status"));
  ImGui::PopStyleColor();
  if (g_value_x > 0) {
    ImGui::SameLine(g_value_x);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ImGui::GetStyle().FramePadding.y);
  }
  if (s.status == signet::SubscriptionStatus::Active) ui::badge(tr("Active"), k.success_soft, k.success);
  else ui::badge(tr("Inactive"), k.neutral_soft, k.text_muted);
  row(phrase("Number of users"), signet::format_count(s.user_count, platform::ui_language()));
  if (s.pending_user_count && s.pending_from)
    row(phrase("Scheduled change"), *s.pending_user_count == 1
                                        ? trf("1 user from {date}", {{"date", format_date(s.pending_from)}})
                                        : trf("{n} users from {date}",
                                              {{"n", signet::format_count(*s.pending_user_count, platform::ui_language())},
                                               {"date", format_date(s.pending_from)}}));
  row(phrase("Billing cycle"), cycle_label(s.billing_cycle));
  row(phrase("Next payment date"), format_date(s.next_payment_date));
  row(phrase("Customer edits"), s.customer_can_edit ? tr("Yes, the customer edits signatures")
                                                    : tr("No, you manage the designs"));
  if (s.customer_can_edit) {
    row(phrase("Contact name"), s.contact_name);
    row(phrase("Contact e-mail"), s.contact_email);
    same_line_if_fits(std::max(ImGui::CalcTextSize(tr("Copy")).x, ImGui::CalcTextSize(tr("Copied")).x),
                      platform::px(8));  // else under the address
    copy_button("contact_email", s.contact_email, "Contact e-mail");
    row(phrase("Invitation"), invitation_text(s));
  }
  row(phrase("Created"), format_timestamp(s.created_at));
  if (s.product == signet::Product::GoogleWorkspace && a.detail.google) row(phrase("Live deployment"), google_summary(a.detail.google));
}

void editor_and_invitation(App& a, const signet::Subscription& s) {
  DetailState& d = a.detail;
  ImGui::Dummy(ImVec2(0, platform::px(6)));
  bool any = false;
  if (can(a, Permission::EditSignatures)) {
    if (ui::secondary_button(tr("Open signature editor"))) a.open_editor();
    any = true;
  }
  if (can(a, Permission::ResendInvitation) && s.customer_can_edit &&
      s.invitation_status != signet::InvitationStatus::Accepted) {
    const std::string label = id_label(d.resending ? tr("Sending…") : tr("Resend invitation"), "resend");
    if (any) same_line_if_fits(ui::button_width(label.c_str()), platform::px(10));
    if (ui::secondary_button(label.c_str(), !d.resending)) a.resend_invitation();
  }
  if (!d.info.empty()) ui::message(ui::Tone::Success, d.info.c_str());
  if (!d.resend_error.empty()) ui::message(ui::Tone::Danger, trm(d.resend_error).c_str());
}

void user_count(App& a, const signet::Subscription& s) {
  DetailState& d = a.detail;
  const auto& k = theme::colors();
  float inner = ImGui::GetContentRegionAvail().x;
  const std::string save = id_label(tr("Save"), "save_users");
  float save_w = ui::button_width(save.c_str());
  ui::label_text(tr("Change number of users"));
  const bool locked = d.quote.has_value() || d.sending || d.quoting;
  if (locked) ImGui::BeginDisabled();
  if (ui::text_input("##detail_users", d.users,
                     {ui::Kind::Number, nullptr, inner - save_w - platform::px(10), 0, false,
                      tr("Change number of users"), ImGuiInputTextFlags_EnterReturnsTrue})) {
    d.confirm_status = false;
    a.save_user_count();
  }
  if (ImGui::IsItemEdited()) d.users_error.clear();
  test_hooks::name_last_item("Detail number of users", d.users.c_str());
  if (locked) ImGui::EndDisabled();
  ImGui::SameLine(0, platform::px(10));
  if (ui::primary_button(save.c_str(), !locked, ImVec2(save_w, 0))) {
    d.confirm_status = false;
    a.save_user_count();
  }
  if (d.quoting) {
    ImGui::SameLine();
    ui::spinner();
  }
  if (!d.users_error.empty()) {
    const std::string msg = trm(d.users_error);
    ImGui::PushStyleColor(ImGuiCol_Text, k.danger);
    ui::paragraph(msg.c_str());
    ImGui::PopStyleColor();
    test_hooks::name_last_item("error:Detail number of users", msg.c_str());
  }
  if (d.quote) {
    const std::string text = quote_text(s, *d.quote);
    ui::message(ui::Tone::Info, text.c_str());
    test_hooks::name_last_item("seat-quote", text.c_str());
    if (ui::primary_button(id_label(d.sending ? tr("Saving…") : tr("Confirm change"), "confirm_users").c_str(),
                           !d.sending))
      a.confirm_user_count();
    const std::string cancel = id_label(tr("Cancel"), "cancel_users");
    same_line_if_fits(ui::button_width(cancel.c_str()), platform::px(10));
    if (ui::secondary_button(cancel.c_str(), !d.sending)) {
      d.quote.reset();
      d.users = std::to_string(s.user_count);
    }
    scroll_into_view_once(true);
  } else {
    scroll_into_view_once(false);
  }
  ImGui::Dummy(ImVec2(0, platform::px(6)));
}

void status(App& a, const signet::Subscription& s) {
  DetailState& d = a.detail;
  ui::label_text(tr("Subscription status"));
  const bool active = s.status == signet::SubscriptionStatus::Active;
  if (!d.confirm_status) {
    if (active) {
      ui::muted_text(tr("Setting it inactive bills the part of the current period used so far; after that it is not billed and its signatures are not deployed."), true);
      if (ui::danger_button(tr("Set inactive"), !d.sending)) {
        d.quote.reset();
        d.confirm_status = true;
        platform::announce(tr("Set this subscription inactive? The part of the current period used so far is billed; after that it is not billed and shows no next payment date, and its signatures are not deployed."));
      }
    } else {
      ui::muted_text(tr("Activating it starts billing again."), true);
      if (ui::primary_button(tr("Set active"), !d.sending)) {
        d.quote.reset();
        d.confirm_status = true;
        platform::announce(tr("Set this subscription active? A new billing cycle starts today and the subscription is billed again."));
      }
    }
  } else {
    const char* q = active ? tr("Set this subscription inactive? The part of the current period used so far is billed; after that it is not billed and shows no next payment date, and its signatures are not deployed.")
                           : tr("Set this subscription active? A new billing cycle starts today and the subscription is billed again.");
    ui::message(ui::Tone::Warning, q);
    test_hooks::name_last_item("status-confirmation", q);
    bool yes = active ? ui::danger_button(tr("Yes, set inactive"), !d.sending)
                      : ui::primary_button(tr("Yes, set active"), !d.sending);
    if (yes)
      a.set_selected_status(active ? signet::SubscriptionStatus::Inactive : signet::SubscriptionStatus::Active);
    const std::string cancel = id_label(tr("Cancel"), "status");
    same_line_if_fits(ui::button_width(cancel.c_str()), platform::px(10));
    if (ui::secondary_button(cancel.c_str(), !d.sending)) d.confirm_status = false;
  }
  scroll_into_view_once(d.confirm_status, 1);
  if (d.sending) {
    ImGui::SameLine();
    ui::spinner();
  }
}

}  // namespace

void view_detail(App& a, float width, float height) {
  const signet::Subscription s = *a.list.selected;
  DetailState& d = a.detail;
  const bool phone = narrow_layout();
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(platform::px(phone ? 16 : 22), platform::px(phone ? 16 : 20)));
  ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, platform::px(10));
  ImGui::BeginChild("##detail", ImVec2(width, height), true);

  bool closed = false;
  title(a, s, phone, &closed);
  if (closed || (phone && escape_pressed() && !ImGui::IsAnyItemActive())) {
    a.clear_selection();
    ImGui::EndChild();
    ImGui::PopStyleVar(2);
    return;
  }
  ui::muted_text(tr(signet::display_name(s.product).data()), true);  // a literal: NUL-terminated
  ImGui::Dummy(ImVec2(0, platform::px(4)));
  ImGui::Separator();
  ImGui::Dummy(ImVec2(0, platform::px(4)));

  fields(a, s);
  editor_and_invitation(a, s);

  ImGui::Dummy(ImVec2(0, platform::px(6)));
  ImGui::Separator();
  ImGui::Dummy(ImVec2(0, platform::px(4)));

  if (d.for_id != s.id) a.select(s);
  if (can(a, Permission::ChangeUserCount)) user_count(a, s);  // billing staff: read-only panel
  if (can(a, Permission::ChangeStatus)) status(a, s);         // only owners activate and deactivate
  if (!d.error.empty()) ui::message(ui::Tone::Danger, trm(d.error).c_str());

  ImGui::EndChild();
  ImGui::PopStyleVar(2);
}

}  // namespace portal
