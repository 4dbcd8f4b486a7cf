// Account actions of the customer app: forgotten and reset passwords, the profile, and the
// customer's colleagues (users of the same subscription and their pending invitations).
#include "customer/app.h"
#include "platform/platform.h"
#include "platform/tr.h"
#include "signet/json_mapping.h"

namespace customer {

using signet::phrase;

// From the reset or invitation pages: the editor, or its sign-in when there is no session.
void App::show_sign_in() {
  signin.error.clear();
  platform::push_url("/editor/");
  open_path("/editor/");
}

void App::show_forgot() {
  forgot = ForgotState{};
  forgot.email.set(signin.email.value);
  go(Screen::Forgot, "/editor/forgot-password", platform::location_path() != "/editor/forgot-password");
}

void App::submit_forgot() {
  if (forgot.sending) return;
  const std::string email = signet::normalize_email(forgot.email.value);
  if (auto m = signet::check_email(email)) {
    forgot.email.touched = true;
    announce(*m);
    return;
  }
  forgot.sending = true;
  forgot.error.clear();
  nlohmann::json body{{"email", email}};
  api("POST", "/api/password-reset", &body, [this](const net::Response& r) {
    forgot.sending = false;
    if (r.ok()) {
      forgot.sent = true;
      announce(phrase("If an account exists for that address, we have sent a link. It is valid for one hour."));
      return;
    }
    if (r.status == 429) forgot.error = phrase("Too many attempts. Please wait a minute and try again.");
    else if (!r.fields.empty()) forgot.email.server_error = r.fields.begin()->second;
    else forgot.error = r.message_or(phrase("Something went wrong. Try again."));
    announce(forgot.error.empty() ? forgot.email.server_error : forgot.error);
  }, true);
}

void App::check_reset_link() {
  api("GET", "/api/password-reset/" + net::url_encode(reset.token), nullptr, [this](const net::Response& r) {
    if (r.ok() && r.body.is_object() && r.body.contains("email") && r.body["email"].is_string())
      reset.email = r.body["email"].get<std::string>();
    else if (r.status == 410 || r.status == 404)
      reset.expired = true;
  }, true);
}

// The new password twice; the shared policy decides, the server has the last word.
void App::submit_reset() {
  reset.submitted = true;
  if (reset.sending) return;
  auto rule = signet::check_password(reset.password.value);
  const bool same = reset.password.value == reset.repeat.value;
  if (rule || !same) {
    announce(rule ? *rule : phrase("The passwords do not match."));
    return;
  }
  reset.sending = true;
  reset.error.clear();
  nlohmann::json body{{"password", reset.password.value}};
  api("POST", "/api/password-reset/" + net::url_encode(reset.token), &body, [this](const net::Response& r) {
    reset.sending = false;
    if (r.ok()) {
      reset.password.set("");
      reset.repeat.set("");
      reset.done = true;
      announce(phrase("Your password has been changed"));
    } else if (r.status == 410 || r.status == 404) {
      reset.expired = true;
    } else if (r.status == 400 && !r.fields.empty()) {
      ui::show_server_errors(r.fields, {{"password", &reset.password}}, reset.error);
      announce(reset.password.server_error.empty() ? reset.error : reset.password.server_error);
    } else if (r.status == 429) {
      reset.error = phrase("Too many attempts. Please wait a minute and try again.");
      announce(reset.error);
    } else {
      reset.error = r.message_or(phrase("Something went wrong. Try again."));
      announce(reset.error);
    }
  }, true);
}

// ---- profile ----

void App::open_profile() {
  profile = ProfileState{};
  if (user) profile.name.set(user->name);
  profile.phone.set(user_phone);
}

void App::save_profile() {
  profile.submitted = true;
  const std::string name = signet::normalize_text(profile.name.value);
  const std::string phone = signet::normalize_text(profile.phone.value);
  if (signet::check_person_name(name) || signet::check_phone(phone) || profile.sending) return;
  profile.sending = true;
  profile.error.clear();
  nlohmann::json body{{"name", name}, {"phone", phone}};
  api("PATCH", "/api/me", &body, [this, phone](const net::Response& r) {
    profile.sending = false;
    if (r.ok()) {
      if (auto u = signet::user_from_json(r.body)) user = *u;
      user_phone = r.body.is_object() && r.body.contains("phone") && r.body["phone"].is_string()
                       ? r.body["phone"].get<std::string>()
                       : phone;
      show_toast(phrase("Your profile is saved."));
      return;
    }
    if (!ui::show_server_errors(r.fields, {{"name", &profile.name}, {"phone", &profile.phone}}, profile.error))
      profile.error = r.message_or(phrase("Could not save."));
    announce(profile.error.empty() ? r.fields.begin()->second : profile.error);
  });
}

void App::change_password() {
  profile.pw_submitted = true;
  const std::string email = user ? user->email : "";
  if (profile.current.value.empty() || signet::check_password(profile.password.value, email) ||
      profile.password.value != profile.repeat.value || profile.pw_sending)
    return;
  profile.pw_sending = true;
  profile.pw_error.clear();
  nlohmann::json body{{"current_password", profile.current.value},
                      {"new_password", profile.password.value}};
  api("POST", "/api/session/password", &body, [this](const net::Response& r) {
    profile.pw_sending = false;
    if (r.ok()) {
      profile.current.set("");
      profile.password.set("");
      profile.repeat.set("");
      profile.pw_submitted = false;
      show_toast(phrase("Your password has been changed. Other sessions were signed out."));
      return;
    }
    if (!ui::show_server_errors(r.fields, {{"current_password", &profile.current}, {"new_password", &profile.password}},
                                profile.pw_error))
      profile.pw_error = r.message_or(phrase("Could not change your password."));
    announce(profile.pw_error.empty() ? r.fields.begin()->second : profile.pw_error);
  });
}

// ---- colleagues ----

void App::load_colleagues() {
  colleagues.loading = true;
  api("GET", sub_url("/contacts"), nullptr, [this](const net::Response& r) {
    colleagues.loading = false;
    auto list = r.ok() ? signet::contact_list_from_json(r.body) : std::nullopt;
    if (!list) {
      colleagues.error = r.message_or(phrase("Could not load your colleagues."));
      return;
    }
    colleagues.error.clear();
    colleagues.users = std::move(list->users);
    colleagues.invitations = std::move(list->invitations);
    colleagues.loaded = true;
  });
}

void App::invite_colleague() {
  ColleaguesState& c = colleagues;
  c.submitted = true;
  const std::string name = signet::normalize_text(c.name.value);
  const std::string email = signet::normalize_email(c.email.value);
  if (signet::check_person_name(name) || signet::check_email(email) || c.sending) return;
  c.sending = true;
  c.invite_error.clear();
  nlohmann::json body{{"name", name}, {"email", email}};
  api("POST", sub_url("/contacts"), &body, [this, email](const net::Response& r) {
    ColleaguesState& c = colleagues;
    c.sending = false;
    if (r.ok()) {
      c.name.set("");
      c.email.set("");
      c.submitted = false;
      c.name.touched = c.email.touched = false;
      show_toast(signet::fill(phrase("Invitation sent to {email}."), {{"email", email}}));
      load_colleagues();
      return;
    }
    if (!ui::show_server_errors(r.fields, {{"name", &c.name}, {"email", &c.email}}, c.invite_error))
      c.invite_error = r.message_or(phrase("Could not send the invitation."));
    announce(c.invite_error.empty() ? r.fields.begin()->second : c.invite_error);
  });
}

void App::remove_colleague() {
  ColleaguesState& c = colleagues;
  const bool invitation = c.confirm_invitation;
  const std::string url = invitation ? sub_url("/contact-invitations/" + std::to_string(c.confirm_id))
                                     : sub_url("/contacts/" + std::to_string(c.confirm_id));
  api("DELETE", url, nullptr, [this, invitation](const net::Response& r) {
    if (r.ok()) show_toast(invitation ? phrase("Invitation revoked.") : phrase("Colleague removed."));
    else show_toast(r.message_or(phrase("Could not remove.")));
    load_colleagues();
  });
}

}  // namespace customer
