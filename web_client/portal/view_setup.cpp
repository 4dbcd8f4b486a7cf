// First-run setup: /setup/{token} creates the first reseller account.
#include "platform/theme.h"
#include "portal/view_common.h"
#include "signet/validation.h"

namespace portal {

void view_setup(App& a) {
  SetupState& s = a.setup;
  float inner = ui::card_begin("setup", platform::px(480), ImGui::GetCursorPosY() + platform::px(48));
  ui::heading(tr("Set up your reseller account"));
  ui::muted_text(tr("This creates the first account of your Signet portal. From it you manage all your customers' subscriptions."), true);
  ImGui::Dummy(ImVec2(0, platform::px(6)));

  if (s.link == SetupState::Link::Checking) {
    ui::spinner(10);
    ui::card_end();
    return;
  }
  if (s.link != SetupState::Link::Valid) {
    ui::message(ui::Tone::Danger,
                s.link == SetupState::Link::Used
                    ? tr("This setup link was already used, or an account already exists. Sign in instead.")
                    : tr("This setup link is not valid. Ask your administrator for a new one (signet-server admin setup-link)."));
    if (ui::primary_button(tr("Go to sign in"))) a.navigate("/signin", true);
    ui::card_end();
    return;
  }
  if (!s.error.empty()) ui::message(ui::Tone::Danger, trm(s.error).c_str());

  static int seen = -1;
  focus_on_screen_entry(a, seen);
  const bool sub = s.submitted;
  form_field(s.company, tr("Company name"), "##setup_company", sub,
             signet::check_company_name(s.company.value),
             {ui::Kind::Organization, tr("e.g. Café Brûlé IT B.V."), inner});
  form_field(s.name, tr("Your name"), "##setup_name", sub, signet::check_person_name(s.name.value),
             {ui::Kind::Name, nullptr, inner});
  form_field(s.email, tr("E-mail address"), "##setup_email", sub, signet::check_email(s.email.value),
             {ui::Kind::Username, tr("you@company.com"), inner}, tr("You sign in with this address."));
  form_field(s.password, tr("Password"), "##setup_password", sub,
             signet::check_password(s.password.value, s.email.value),
             {ui::Kind::NewPassword, nullptr, inner}, tr("At least 12 characters; not a common password."));

  signet::ResellerSignup m;
  m.company_name = signet::normalize_text(s.company.value);
  m.name = signet::normalize_text(s.name.value);
  m.email = signet::normalize_email(s.email.value);
  m.password = s.password.value;
  const bool valid = signet::validate(m).empty();
  ImGui::Dummy(ImVec2(0, platform::px(4)));
  if (ui::primary_button(id_label(s.sending ? tr("Creating account…") : tr("Create account"), "setup").c_str(),
                         valid && !s.sending, ImVec2(inner, platform::px(44))))
    a.submit_setup();
  if (s.sending) ui::spinner();
  if (enter_pressed() && !s.sending) {
    if (valid) a.submit_setup();
    else s.submitted = true;  // show every message
  }
  ui::card_end();
}

}  // namespace portal
