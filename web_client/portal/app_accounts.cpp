// Portal actions for accounts: forgot password, the profile and password change, the team
// screen (owners), the role guard for screens, and bulk actions on the subscriptions table.
// Messages are stored in English (phrase()/trf) and translated where they are drawn (trm),
// so a language switch while a message is shown still changes it.
#include <algorithm>

#include "platform/platform.h"
#include "platform/tr.h"
#include "portal/app.h"
#include "portal/permissions.h"
#include "signet/json_mapping.h"
#include "signet/text.h"

namespace portal {

using signet::phrase;

const char* const kTeamRoles[3] = {"owner", "billing", "support"};

// ---- permissions ----

bool can(const App& a, Permission p) {
  if (!a.user || a.user->role != signet::Role::Reseller) return false;
  // Accounts from before roles existed are owners (the server's migration says the same).
  const auto role = a.user->reseller_role.empty() ? std::optional<signet::ResellerRole>(signet::ResellerRole::Owner)
                                                  : signet::parse_reseller_role(a.user->reseller_role);
  return role && signet::allowed(*role, p);
}

bool can_open(const App& a, Screen s) {
  switch (s) {
    case Screen::Billing: return can(a, Permission::ViewBilling);
    case Screen::Audit: return can(a, Permission::ViewAudit);
    case Screen::Team: return can(a, Permission::ManageTeam);
    default: return true;
  }
}

bool App::route_guard(const std::string& path, bool push) {
  Screen wanted = Screen::Subscriptions;
  if (path == "/billing") wanted = Screen::Billing;
  else if (path == "/audit") wanted = Screen::Audit;
  else if (path == "/team") wanted = Screen::Team;
  else return false;
  if (!can_open(*this, wanted)) {
    go(Screen::NoAccess, path, push);  // the URL stays, so a reload shows the same answer
    return true;
  }
  if (wanted != Screen::Team) return false;  // route() opens billing/audit as before
  go(Screen::Team, path, push);
  load_team();
  return true;
}

// ---- forgot password ----

void App::submit_forgot_password() {
  ForgotPasswordState& f = forgot;
  if (f.sending) return;
  f.submitted = true;
  f.error.clear();
  const std::string email = signet::normalize_email(f.email.value);
  if (signet::check_email(email)) return;
  nlohmann::json body = {{"email", email}};
  f.sending = true;
  api("POST", "/api/password-reset", &body, [this](const net::Response& r) {
    forgot.sending = false;
    if (r.ok()) {
      forgot.done = true;  // the same answer whether or not the address has an account
      platform::announce(tr("If an account exists for that address, we have sent a link. It is valid for one hour."));
      return;
    }
    if (r.fields.count("email")) forgot.email.server_error = r.fields.at("email");
    else forgot.error = r.message_or(phrase("Something went wrong. Try again."));
  }, true);
}

// ---- profile and password ----

signet::FieldErrors ProfileState::local_errors() const {
  signet::FieldErrors e;
  if (auto m = signet::check_person_name(name.value)) e["name"] = *m;
  if (auto m = signet::check_phone(phone.value)) e["phone"] = *m;
  return e;
}

signet::FieldErrors ProfileState::password_errors(const std::string& email) const {
  signet::FieldErrors e;
  if (current_password.value.empty()) e["current_password"] = phrase("Enter your current password.");
  if (auto m = signet::check_password(new_password.value, email)) e["new_password"] = *m;
  if (repeat_password.value != new_password.value)
    e["repeat_password"] = phrase("The two new passwords are not the same.");
  return e;
}

void App::remember_profile(const nlohmann::json& u) {
  // The phone is not part of every server's user JSON; keep what we know.
  if (u.is_object() && u.contains("phone") && u["phone"].is_string())
    profile.phone_known = u["phone"].get<std::string>();
}

void App::open_profile() {
  if (!user) return;
  ProfileState fresh;
  fresh.phone_known = profile.phone_known;
  profile = fresh;
  profile.name.set(user->name);
  profile.phone.set(profile.phone_known);
  profile.open = true;
}

void App::submit_profile() {
  ProfileState& p = profile;
  if (p.sending || !user) return;
  p.submitted = true;
  p.error.clear();
  p.saved.clear();
  if (!p.local_errors().empty()) return;
  nlohmann::json body = {{"name", signet::normalize_text(p.name.value)},
                         {"phone", signet::normalize_text(p.phone.value)}};
  p.sending = true;
  api("PATCH", "/api/me", &body, [this, phone = signet::normalize_text(p.phone.value)](const net::Response& r) {
    profile.sending = false;
    if (r.ok()) {
      if (auto u = signet::user_from_json(r.body)) {
        user->name = u->name;
        user->language = u->language;
      }
      profile.phone_known = phone;
      remember_profile(r.body);
      profile.saved = phrase("Your profile was saved.");
      platform::announce(tr("Your profile was saved."));
      return;
    }
    if (!ui::show_server_errors(r.fields, {{"name", &profile.name}, {"phone", &profile.phone}}, profile.error))
      profile.error = r.message_or(phrase("Could not save your profile."));
  });
}

void App::submit_password_change() {
  ProfileState& p = profile;
  if (p.password_sending || !user) return;
  p.password_submitted = true;
  p.password_error.clear();
  p.password_done.clear();
  if (!p.password_errors(user->email).empty()) return;
  nlohmann::json body = {{"current_password", p.current_password.value},
                         {"new_password", p.new_password.value}};
  p.password_sending = true;
  api("POST", "/api/session/password", &body, [this](const net::Response& r) {
    profile.password_sending = false;
    if (r.ok()) {
      profile.current_password.reset();
      profile.new_password.reset();
      profile.repeat_password.reset();
      profile.password_submitted = false;
      profile.password_done =
          phrase("Your password was changed. You stay signed in here; every other device where you were signed in has been signed out.");
      platform::announce(tr("Your password was changed. You stay signed in here; every other device where you were signed in has been signed out."));
      return;
    }
    const ui::FormFields form{{"current_password", &profile.current_password}, {"new_password", &profile.new_password}};
    if (!ui::show_server_errors(r.fields, form, profile.password_error))
      profile.password_error = r.message_or(phrase("Could not change your password."));
  });
}

// ---- team ----

signet::FieldErrors TeamState::local_errors() const {
  signet::FieldErrors e;
  if (auto m = signet::check_person_name(name.value)) e["name"] = *m;
  if (auto m = signet::check_email(email.value)) e["email"] = *m;
  return e;
}

void App::load_team() {
  team.loading = true;
  team.error.clear();
  api("GET", "/api/team", nullptr, [this](const net::Response& r) {
    team.loading = false;
    auto list = r.ok() ? signet::team_list_from_json(r.body) : std::nullopt;
    if (!list) {
      team.error = r.message_or(phrase("Could not load your team."));
      return;
    }
    team.loaded = true;
    team.list = std::move(*list);
  });
}

void App::submit_invite() {
  TeamState& t = team;
  if (t.sending) return;
  t.submitted = true;
  t.invite_error.clear();
  if (!t.local_errors().empty()) return;
  const std::string email = signet::normalize_email(t.email.value);
  nlohmann::json body = {{"name", signet::normalize_text(t.name.value)},
                         {"email", email},
                         {"role", std::string(kTeamRoles[std::clamp(t.role, 0, 2)])}};
  t.sending = true;
  api("POST", "/api/team", &body, [this, email](const net::Response& r) {
    team.sending = false;
    if (r.ok()) {
      team.invite_open = false;
      const std::string msg = trf("An invitation was sent to {email}.", {{"email", email}});
      show_toast(msg);
      platform::announce(msg);
      load_team();
      return;
    }
    if (!ui::show_server_errors(r.fields, {{"name", &team.name}, {"email", &team.email}}, team.invite_error))
      team.invite_error = r.message_or(phrase("Could not send the invitation."));
  });
}

void App::remove_member(int64_t id) {
  if (team.busy) return;
  std::string name;
  for (const auto& m : team.list.members)
    if (m.id == id) name = m.name.empty() ? m.email : m.name;
  team.busy = true;
  team.error.clear();
  api("DELETE", "/api/team/" + std::to_string(id), nullptr, [this, name](const net::Response& r) {
    team.busy = false;
    team.confirm_remove = 0;
    if (r.ok()) {
      show_toast(trf("{name} was removed from your team and signed out.", {{"name", name}}));
      load_team();
      return;
    }
    // 409: yourself or the last owner; the server says which.
    team.error = r.message_or(phrase("Could not remove this colleague."));
  });
}

void App::revoke_team_invitation(int64_t id) {
  if (team.busy) return;
  std::string email;
  for (const auto& i : team.list.invitations)
    if (i.id == id) email = i.email;
  team.busy = true;
  team.error.clear();
  api("DELETE", "/api/team/invitations/" + std::to_string(id), nullptr, [this, email](const net::Response& r) {
    team.busy = false;
    team.confirm_revoke = 0;
    if (r.ok()) {
      show_toast(trf("The invitation to {email} was revoked. Its link no longer works.", {{"email", email}}));
      load_team();
      return;
    }
    team.error = r.message_or(phrase("Could not revoke the invitation."));
  });
}

// ---- bulk actions ----

static std::string join_ids(const std::set<int64_t>& ids) {
  std::string s;
  for (int64_t id : ids) s += (s.empty() ? "" : ",") + std::to_string(id);
  return s;
}

std::string App::subscriptions_csv_url(bool only_selected) const {
  std::string url = "/api/subscriptions?format=csv&sort=" + std::string(list.descending ? "-" : "") +
                    std::string(signet::to_string(list.sort));
  if (only_selected) return url + "&ids=" + join_ids(bulk.ids);
  if (!list.applied_q.empty()) url += "&q=" + net::url_encode(list.applied_q);
  if (list.status_filter == 1) url += "&status=active";
  if (list.status_filter == 2) url += "&status=inactive";
  return url;
}

void App::bulk_resend_invitations() {
  if (bulk.resending || bulk.ids.empty()) return;
  nlohmann::json ids = nlohmann::json::array();
  for (int64_t id : bulk.ids) ids.push_back(id);
  nlohmann::json body = {{"ids", ids}};
  bulk.resending = true;
  api("POST", "/api/subscriptions/invitations", &body, [this](const net::Response& r) {
    bulk.resending = false;
    const auto result = r.ok() ? signet::bulk_resend_from_json(r.body) : std::nullopt;
    if (!result) {
      const std::string msg = trm(r.message_or(phrase("Could not send the invitations.")));
      show_toast(msg);
      platform::announce(msg);
      return;
    }
    const auto count = [](size_t n) { return signet::format_count((long long)n, platform::ui_language()); };
    std::string msg = trf("Invitations sent again: {resent}. Skipped: {skipped}.",
                          {{"resent", count(result->resent.size())}, {"skipped", count(result->skipped.size())}});
    // Say why the first one was skipped (usually: the customer may not edit, or already accepted).
    if (!result->skipped.empty() && !result->skipped.front().message.empty())
      msg += " " + trm(result->skipped.front().message);
    show_toast(msg);
    platform::announce(msg);
    reload_list();  // fresh invitation states in the table
  });
}

void App::reset_accounts() {
  forgot = ForgotPasswordState{};
  ProfileState p;
  profile = p;
  team = TeamState{};
  bulk = BulkState{};
}

}  // namespace portal
