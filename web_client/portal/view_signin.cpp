// Sign-in screen.
#include "platform/theme.h"
#include "portal/view_accounts.h"
#include "portal/view_common.h"

namespace portal {

void view_signin(App& a) {
  SignInState& s = a.signin;
  float inner = ui::card_begin("signin", platform::px(440), ImGui::GetCursorPosY() + platform::px(72));
  ui::heading(tr("Sign in"));
  ui::muted_text(tr("Manage your customers' Signet subscriptions."), true);
  ImGui::Dummy(ImVec2(0, platform::px(6)));
  if (!s.note.empty()) ui::message(ui::Tone::Info, trm(s.note).c_str());
  if (!s.error.empty()) ui::message(ui::Tone::Danger, trm(s.error).c_str());

  static int seen = -1;
  focus_on_screen_entry(a, seen);
  if (form_field(s.email, tr("E-mail address"), "##signin_email", false, std::nullopt,
                 {ui::Kind::Username, tr("you@company.com"), inner}))
    s.error.clear();
  if (form_field(s.password, tr("Password"), "##signin_password", false, std::nullopt,
                 {ui::Kind::CurrentPassword, nullptr, inner}))
    s.error.clear();
  ImGui::Dummy(ImVec2(0, platform::px(4)));
  const bool can_submit = !s.sending && !s.email.value.empty() && !s.password.value.empty();
  if (ui::primary_button(id_label(s.sending ? tr("Signing in…") : tr("Sign in"), "signin").c_str(), can_submit,
                         ImVec2(inner, platform::px(44))))
    a.submit_signin();
  if (s.sending) ui::spinner();
  view_forgot_link(a);
  if (can_submit && enter_pressed()) a.submit_signin();
  ui::card_end();
}

}  // namespace portal
