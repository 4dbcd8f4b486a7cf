// The screens before the editor: accept an invitation, an invalid link, sign in, no subscription.
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

const char* reseller_role_label(const std::string& role) {
  if (role == "owner") return tr("Owner");
  if (role == "billing") return tr("Billing");
  if (role == "support") return tr("Support");
  return role.c_str();
}

// What the invitation is for: a customer's signature editor, a colleague joining it, or a
// reseller's team (which then continues in the portal).
std::string invite_intro(const signet::InvitationInfo& inv) {
  if (inv.kind == "team")
    return trf("{reseller} invited you to their team in the Signet reseller portal as {role}. Confirm your details and choose a password to join.",
               {{"reseller", inv.reseller_name}, {"role", reseller_role_label(inv.reseller_role)}});
  if (inv.kind == "colleague" && !inv.invited_by.empty())
    return trf("{inviter} invited you to edit the e-mail signatures of {customer} ({product}). Confirm your details and choose a password to start.",
               {{"inviter", inv.invited_by}, {"customer", inv.customer_name},
                {"product", tr(signet::display_name(inv.product).data())}});
  if (inv.kind == "colleague")
    return trf("You were invited to edit the e-mail signatures of {customer} ({product}). Confirm your details and choose a password to start.",
               {{"customer", inv.customer_name}, {"product", tr(signet::display_name(inv.product).data())}});
  return trf("{reseller} invited {customer} to {product}. Confirm your details and choose a password to start editing your e-mail signatures.",
             {{"reseller", inv.reseller_name}, {"customer", inv.customer_name},
              {"product", tr(signet::display_name(inv.product).data())}});
}

}  // namespace

void view_invite(App& a) {
  InviteState& s = a.invite;
  const signet::InvitationInfo& inv = *s.info;
  float inner = ui::card_begin("invite", px(520), ImGui::GetCursorPosY() + px(40));
  ui::heading(inv.kind == "team" ? tr("Join your team on Signet") : tr("Welcome to Signet"));
  const std::string intro = invite_intro(inv);
  ui::muted_text(intro.c_str());
  test_hooks::name_last_item("invite:intro", intro.c_str());
  ImGui::Dummy(ImVec2(0, px(6)));
  if (!s.error.empty()) ui::message(ui::Tone::Danger, trm(s.error).c_str());

  static int seen = -1;
  if (seen != a.screen_serial) {
    seen = a.screen_serial;
    ui::autofocus_field();
  }
  const std::string name_err = ui::field_message(s.name, s.submitted, signet::check_person_name(s.name.value));
  if (ui::text_field(tr("Your name"), "##inv_name", s.name.value, name_err, {ui::Kind::Name, nullptr, inner},
                     nullptr, &s.name.touched))
    s.name.server_error.clear();
  const std::string phone_err = ui::field_message(s.phone, s.submitted, signet::check_phone(s.phone.value));
  if (ui::text_field(tr("Phone (optional)"), "##inv_phone", s.phone.value, phone_err,
                     {ui::Kind::Phone, "+31 20 123 4567", inner}, nullptr, &s.phone.touched))
    s.phone.server_error.clear();
  // Read-only, and marked as the user name: a password manager saves it with the new password.
  std::string email = inv.contact_email;
  ui::text_field(tr("User name"), "##inv_email", email, "", {ui::Kind::Username, nullptr, inner, 0, true},
                 tr("Your e-mail address is your user name."));
  // The shared password policy, live as they type.
  auto rule = signet::check_password(s.password.value, inv.contact_email);
  std::string pw_msg = s.password.server_error.empty() ? std::string() : trm(s.password.server_error);
  if (pw_msg.empty() && rule && (!s.password.value.empty() || s.submitted)) pw_msg = trm(*rule);
  if (ui::text_field(tr("Password"), "##inv_password", s.password.value, pw_msg, {ui::Kind::NewPassword, nullptr, inner},
                     tr("At least 12 characters; not a common password or your e-mail address."),
                     &s.password.touched))
    s.password.server_error.clear();
  password_feedback("password:ok", s.password, rule);
  ImGui::Dummy(ImVec2(0, px(6)));
  const bool can = !s.sending;
  const std::string label = std::string(s.sending ? tr("Creating your account…")
                                        : inv.kind == "team" ? tr("Join the team") : tr("Accept invitation")) +
                            "##accept";
  if (ui::primary_button(label.c_str(), can, ImVec2(inner, px(44)))) a.submit_accept();
  test_hooks::name_last_item("Accept invitation");
  if (can && enter_pressed()) a.submit_accept();
  if (s.sending) ui::spinner();
  ui::card_end();
}

void view_invite_invalid(App& a) {
  ui::card_begin("invalid", px(520), ImGui::GetCursorPosY() + px(72));
  const char* title = tr("This invitation link is not valid");
  const char* body =
      tr("We could not find this invitation. Check that you opened the whole link from the e-mail, or ask your reseller to send you a new invitation.");
  if (a.invite.bad_status == 410) {
    title = tr("This invitation link can no longer be used");
    body = tr("It has already been used, was replaced by a newer invitation, or has expired. Ask your reseller to resend the invitation, then open the link in the newest e-mail. Already accepted? Sign in with your e-mail address and password.");
  } else if (a.invite.bad_status == 429) {
    title = tr("Too many attempts");
    body = tr("Wait a minute, then open the link again.");
  }
  ui::heading(title);
  test_hooks::name_last_item("invalid:title", title);
  ImGui::Dummy(ImVec2(0, px(4)));
  ui::muted_text(body);
  test_hooks::name_last_item("invalid:body", body);
  ImGui::Dummy(ImVec2(0, px(10)));
  if (ui::secondary_button(tr("Sign in to the signature editor"))) a.show_sign_in();
  test_hooks::name_last_item("Sign in to the signature editor");
  ui::card_end();
}

void view_signin(App& a) {
  SignInState& s = a.signin;
  float inner = ui::card_begin("signin", px(440), ImGui::GetCursorPosY() + px(72));
  ui::heading(tr("Sign in"));
  ui::muted_text(tr("Edit your company's e-mail signatures."));
  ImGui::Dummy(ImVec2(0, px(6)));
  if (!s.note.empty()) ui::message(ui::Tone::Info, trm(s.note).c_str());
  if (!s.error.empty()) ui::message(ui::Tone::Danger, trm(s.error).c_str());
  static int seen = -1;
  if (seen != a.screen_serial) {
    seen = a.screen_serial;
    ui::autofocus_field(!s.email.value.empty() ? 1 : 0);
  }
  if (ui::text_field(tr("E-mail address"), "##si_email", s.email.value, "", {ui::Kind::Username, tr("you@company.com"), inner}))
    s.error.clear();
  if (ui::text_field(tr("Password"), "##si_password", s.password.value, "", {ui::Kind::CurrentPassword, nullptr, inner}))
    s.error.clear();
  ImGui::Dummy(ImVec2(0, px(4)));
  const bool can = !s.sending && !s.email.value.empty() && !s.password.value.empty();
  const std::string label = std::string(s.sending ? tr("Signing in…") : tr("Sign in")) + "##signin";
  if (ui::primary_button(label.c_str(), can, ImVec2(inner, px(44)))) a.submit_signin();
  test_hooks::name_last_item("Sign in");
  if (can && enter_pressed()) a.submit_signin();
  ImGui::Dummy(ImVec2(0, px(2)));
  if (ui::link_button(tr("Forgot password?"))) a.show_forgot();
  test_hooks::name_last_item("Forgot password?");
  ui::card_end();
}

void view_no_subscription(App& a) {
  ui::card_begin("nosub", px(520), ImGui::GetCursorPosY() + px(72));
  ui::heading(tr("No signatures to edit"));
  ui::muted_text(a.user && a.user->role == signet::Role::Reseller
                     ? tr("Open the editor from a customer's details in the reseller portal.")
                     : tr("This account is not linked to a subscription. Contact your reseller."));
  ui::card_end();
}

}  // namespace customer
