// Detail panel of the selected subscription: all fields, the signature editor link, resend the
// invitation, change the number of users (price quote first, then confirm) and set
// active/inactive (with a confirmation).
#include "platform/theme.h"
#include "portal/format.h"
#include "portal/permissions.h"
#include "portal/view_accounts.h"
#include "portal/view_common.h"
#include "test_hooks/test_hooks.h"

namespace portal {
namespace {

void row(const char* label, const std::string& value, float label_w) {
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colors().text_muted);
  ImGui::TextUnformatted(label);
  ImGui::PopStyleColor();
  ImGui::SameLine(label_w);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(value.c_str());
  ImGui::PopTextWrapPos();
  test_hooks::name_last_item((std::string("detail:") + label).c_str(), value.c_str());
}

std::string users_word(int n) { return n == 1 ? "user" : "users"; }

// What the quote means, in words.
std::string quote_text(const signet::Subscription& s, const SeatQuote& q) {
  const int diff = q.user_count - s.user_count;
  if (!q.immediate) {
    return "From " + format_date(q.effective_from) + " the subscription has " +
           format_count(q.user_count) + " " + users_word(q.user_count) + "; no charge now.";
  }
  if (q.amount_cents > 0 && diff > 0) {
    return "Adding " + format_count(diff) + " " + users_word(diff) + " costs " +
           format_money(q.amount_cents) + " now (prorated until " +
           format_date(s.next_payment_date) + ").";
  }
  std::string t = "The subscription will have " + format_count(q.user_count) + " " +
                  users_word(q.user_count) + " at once; no charge now";
  if (s.status == signet::SubscriptionStatus::Inactive) t += " (inactive subscriptions are not billed)";
  return t + ".";
}

}  // namespace

void view_detail(App& a, float width, float height) {
  const signet::Subscription s = *a.list.selected;
  DetailState& d = a.detail;
  const auto& k = theme::colors();
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(platform::px(22), platform::px(20)));
  ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, platform::px(10));
  ImGui::BeginChild("##detail", ImVec2(width, height), true);

  // Title + close.
  float close_w = ImGui::CalcTextSize("Close").x;
  ImGui::PushFont(platform::font(platform::FontRole::Title));
  ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x - close_w - platform::px(12));
  ImGui::TextUnformatted(s.customer_name.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  test_hooks::name_last_item("detail-title", s.customer_name.c_str());
  ImGui::SameLine(ImGui::GetContentRegionMax().x - close_w);
  if (ui::link_button("Close##detail")) {
    a.clear_selection();
    ImGui::EndChild();
    ImGui::PopStyleVar(2);
    return;
  }
  ui::muted_text(std::string(signet::display_name(s.product)).c_str());
  ImGui::Dummy(ImVec2(0, platform::px(4)));
  ImGui::Separator();
  ImGui::Dummy(ImVec2(0, platform::px(4)));

  const float lw = platform::px(176);
  ImGui::PushStyleColor(ImGuiCol_Text, k.text_muted);
  ImGui::TextUnformatted("Status");
  ImGui::PopStyleColor();
  ImGui::SameLine(lw);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ImGui::GetStyle().FramePadding.y);
  if (s.status == signet::SubscriptionStatus::Active) ui::badge("Active", k.success_soft, k.success);
  else ui::badge("Inactive", k.neutral_soft, k.text_muted);
  row("Number of users", format_count(s.user_count), lw);
  if (s.pending_user_count && s.pending_from)
    row("Scheduled change", format_count(*s.pending_user_count) + " " + users_word(*s.pending_user_count) +
                                " from " + format_date(s.pending_from), lw);
  row("Billing cycle", cycle_label(s.billing_cycle), lw);
  row("Next payment date", format_date(s.next_payment_date), lw);
  row("Customer edits", s.customer_can_edit ? "Yes, the customer edits signatures"
                                             : "No, you manage the designs", lw);
  if (s.customer_can_edit) {
    row("Contact name", s.contact_name, lw);
    row("Contact e-mail", s.contact_email, lw);
    ImGui::SameLine(0, platform::px(8));
    copy_button("contact_email", s.contact_email, "Contact e-mail");
    row("Invitation", invitation_text(s), lw);
  }
  row("Created", format_timestamp(s.created_at), lw);

  // Signature editor and invitation.
  ImGui::Dummy(ImVec2(0, platform::px(6)));
  if (can(a, Permission::EditSignatures) && ui::secondary_button("Open signature editor")) a.open_editor();
  if (can(a, Permission::ResendInvitation) && s.customer_can_edit &&
      s.invitation_status != signet::InvitationStatus::Accepted) {
    // Same line when it fits, else below.
    const float need = ui::button_width("Resend invitation") + platform::px(10);
    if (ImGui::GetContentRegionMax().x - (ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x) > need)
      ImGui::SameLine(0, platform::px(10));
    if (ui::secondary_button(d.resending ? "Sending…##resend" : "Resend invitation", !d.resending))
      a.resend_invitation();
  }
  if (!d.info.empty()) ui::message(ui::Tone::Success, d.info.c_str());
  if (!d.resend_error.empty()) ui::message(ui::Tone::Danger, d.resend_error.c_str());

  ImGui::Dummy(ImVec2(0, platform::px(6)));
  ImGui::Separator();
  ImGui::Dummy(ImVec2(0, platform::px(4)));

  // Change the number of users: quote first, then Confirm / Cancel.
  if (d.for_id != s.id) a.select(s);
  if (!can(a, Permission::ChangeUserCount)) {  // billing staff: read-only panel
    ImGui::EndChild();
    ImGui::PopStyleVar(2);
    return;
  }
  float inner = ImGui::GetContentRegionAvail().x;
  float save_w = ui::button_width("Save");
  ui::label_text("Change number of users");
  ImGui::SetNextItemWidth(inner - save_w - platform::px(10));
  const bool locked = d.quote.has_value() || d.sending || d.quoting;
  if (locked) ImGui::BeginDisabled();
  if (ImGui::InputText("##detail_users", d.users, sizeof d.users,
                       ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_EnterReturnsTrue)) {
    d.confirm_status = false;
    a.save_user_count();
  }
  if (ImGui::IsItemEdited()) d.users_error.clear();
  test_hooks::name_last_item("Detail number of users", d.users);
  if (locked) ImGui::EndDisabled();
  ImGui::SameLine(0, platform::px(10));
  if (ui::primary_button("Save##users", !locked, ImVec2(save_w, 0))) {
    d.confirm_status = false;
    a.save_user_count();
  }
  if (d.quoting) {
    ImGui::SameLine();
    ui::spinner();
  }
  if (!d.users_error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, k.danger);
    ImGui::TextWrapped("%s", d.users_error.c_str());
    ImGui::PopStyleColor();
    test_hooks::name_last_item("error:Detail number of users", d.users_error.c_str());
  }
  if (d.quote) {
    const std::string text = quote_text(s, *d.quote);
    ui::message(ui::Tone::Info, text.c_str());
    test_hooks::name_last_item("seat-quote", text.c_str());
    if (ui::primary_button(d.sending ? "Saving…##confirm_users" : "Confirm change", !d.sending))
      a.confirm_user_count();
    ImGui::SameLine(0, platform::px(10));
    if (ui::secondary_button("Cancel##users", !d.sending)) {
      d.quote.reset();
      std::snprintf(d.users, sizeof d.users, "%d", s.user_count);
    }
  }
  ImGui::Dummy(ImVec2(0, platform::px(6)));

  if (!can(a, Permission::ChangeStatus)) {  // only owners activate and deactivate
    if (!d.error.empty()) ui::message(ui::Tone::Danger, d.error.c_str());
    ImGui::EndChild();
    ImGui::PopStyleVar(2);
    return;
  }
  ui::label_text("Subscription status");
  const bool active = s.status == signet::SubscriptionStatus::Active;
  if (!d.confirm_status) {
    if (active) {
      ui::muted_text("An inactive subscription is not billed and its signatures are not deployed.", true);
      if (ui::danger_button("Set inactive", !d.sending)) {
        d.quote.reset();
        d.confirm_status = true;
      }
    } else {
      ui::muted_text("Activating it starts billing again.", true);
      if (ui::primary_button("Set active", !d.sending)) {
        d.quote.reset();
        d.confirm_status = true;
      }
    }
  } else {
    const char* q = active
        ? "Set this subscription inactive? Inactive subscriptions are not billed and show no next "
          "payment date; their signatures are not deployed."
        : "Set this subscription active? A new billing cycle starts today and the subscription is "
          "billed again.";
    ui::message(ui::Tone::Warning, q);
    test_hooks::name_last_item("status-confirmation", q);
    bool yes = active ? ui::danger_button("Yes, set inactive", !d.sending)
                      : ui::primary_button("Yes, set active", !d.sending);
    if (yes)
      a.set_selected_status(active ? signet::SubscriptionStatus::Inactive : signet::SubscriptionStatus::Active);
    ImGui::SameLine(0, platform::px(10));
    if (ui::secondary_button("Cancel##status", !d.sending)) d.confirm_status = false;
  }
  if (d.sending) {
    ImGui::SameLine();
    ui::spinner();
  }
  if (!d.error.empty()) ui::message(ui::Tone::Danger, d.error.c_str());

  ImGui::EndChild();
  ImGui::PopStyleVar(2);
}

}  // namespace portal
