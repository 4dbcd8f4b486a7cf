// Handlers of sessions, the profile, passwords, first-run setup, the reseller's team, the
// customer entry point (invitation links) and a customer's colleagues.
#include "http/handlers.h"

#include "http/request_parsing.h"
#include "http/routes.h"
#include "signet/api/accounts.h"
#include "signet/json_mapping.h"
#include "signet/text.h"
#include "signet/validation.h"

namespace signet::handlers {

using nlohmann::json;

namespace {

json session_body(const Actor& a) {
  return json{{"user", to_json(a.user)}, {"csrf_token", a.csrf_token}};
}

ApiReply signed_in_reply(int status, const NewSession& s) {
  ApiReply r = reply(status, session_body(s.actor));
  r.session_cookie = s.token;
  r.new_actor = s.actor;
  return r;
}

ContactList contact_list(const Colleagues& c) {
  ContactList out;
  for (const User& u : c.users) out.users.push_back({u.id, u.name, u.email, u.email == c.primary_email});
  for (const PendingColleague& i : c.invitations)
    out.invitations.push_back({i.id, i.name, i.email, "", format_timestamp(i.expires_at)});
  return out;
}

}  // namespace

// POST /api/session
ApiReply sign_in(Services& sv, ApiRequest& r) {
  return signed_in_reply(200, sv.auth.sign_in(require_parsed(parse_credentials(r.body)), r.client_address));
}

// GET /api/session
ApiReply current_session(Services& sv, ApiRequest& r) {
  json body = session_body(r.signed_in());
  body["user"]["phone"] = sv.accounts.phone(r.signed_in());
  return reply(200, std::move(body));
}

// DELETE /api/session
ApiReply sign_out(Services& sv, ApiRequest& r) {
  sv.auth.sign_out(r.signed_in());
  ApiReply out = reply(204, nullptr);
  out.session_cookie = std::string();  // clear it
  return out;
}

// PATCH /api/me
ApiReply update_profile(Services& sv, ApiRequest& r) {
  AccountService::ProfileChange change;
  FieldErrors errors;
  for (auto it = r.body.begin(); r.body.is_object() && it != r.body.end(); ++it) {
    std::optional<std::string>* into = it.key() == "name"       ? &change.name
                                       : it.key() == "phone"    ? &change.phone
                                       : it.key() == "language" ? &change.language
                                                                : nullptr;
    if (!into) errors.emplace(it.key(), "Unknown field.");
    else if (!it->is_string()) errors.emplace(it.key(), phrase("Must be text."));
    else *into = it->get<std::string>();
  }
  require_valid(errors);
  json user = to_json(sv.accounts.update_profile(r.signed_in(), change));
  user["phone"] = sv.accounts.phone(r.signed_in());
  return reply(200, std::move(user));
}

// POST /api/session/password
ApiReply change_password(Services& sv, ApiRequest& r) {
  sv.accounts.change_password(r.signed_in(), text_field(r.body, "current_password"),
                           text_field(r.body, "new_password"));
  return reply(204, nullptr);
}

// POST /api/password-reset
ApiReply request_password_reset(Services& sv, ApiRequest& r) {
  const std::string email = normalize_email(text_field(r.body, "email"));
  if (auto m = check_email(email))
    throw ServiceError(ErrorKind::Validation, phrase("Some fields need attention."), {{"email", *m}});
  sv.accounts.request_reset(email, r.client_address);
  return reply(202, json::object());
}

// GET /api/password-reset/{token}
ApiReply password_reset_email(Services& sv, ApiRequest& r) {
  return reply(200, json{{"email", sv.accounts.reset_email(r.path_param(0))}});
}

// POST /api/password-reset/{token}
ApiReply complete_password_reset(Services& sv, ApiRequest& r) {
  sv.accounts.complete_reset(r.path_param(0), text_field(r.body, "password"));
  return reply(204, nullptr);
}

// GET /api/setup/{token}
ApiReply check_setup_link(Services& sv, ApiRequest& r) {
  sv.auth.check_setup_token(r.path_param(0));
  return reply(200, json::object());
}

// POST /api/setup/{token}
ApiReply complete_setup(Services& sv, ApiRequest& r) {
  auto signup = require_parsed(parse_reseller_signup(r.body));
  return signed_in_reply(201, sv.auth.complete_setup(r.path_param(0), signup));
}

// GET /api/team
ApiReply list_team(Services& sv, ApiRequest& r) {
  TeamList list{sv.team.members(r.signed_in()), {}};
  for (const PendingTeamInvitation& i : sv.team.pending_invitations(r.signed_in()))
    list.invitations.push_back({i.id, i.name, i.email, i.role, format_timestamp(i.expires_at)});
  return reply(200, to_json(list));
}

// POST /api/team
ApiReply invite_team_member(Services& sv, ApiRequest& r) {
  sv.team.invite(r.signed_in(), {normalize_text(text_field(r.body, "name")),
                              normalize_email(text_field(r.body, "email")), text_field(r.body, "role")});
  return reply(201, json::object());
}

// DELETE /api/team/{id}
ApiReply remove_team_member(Services& sv, ApiRequest& r) {
  sv.team.remove(r.signed_in(), r.id_param(0));
  return reply(204, nullptr);
}

// DELETE /api/team/invitations/{id}
ApiReply revoke_team_invitation(Services& sv, ApiRequest& r) {
  sv.team.revoke_invitation(r.signed_in(), r.id_param(0));
  return reply(204, nullptr);
}

// GET /api/invitations/{token}
ApiReply look_up_invitation(Services& sv, ApiRequest& r) {
  return reply(200, to_json(sv.invitations.lookup(r.path_param(0), r.client_address)));
}

// POST /api/invitations/{token}/accept
ApiReply accept_invitation(Services& sv, ApiRequest& r) {
  auto request = require_parsed(parse_accept_invitation(r.body));
  return signed_in_reply(201, sv.invitations.accept(r.path_param(0), request, r.client_address));
}

// GET /api/subscriptions/{id}/contacts
ApiReply list_colleagues(Services& sv, ApiRequest& r) {
  return reply(200, to_json(contact_list(sv.invitations.colleagues(r.signed_in(), r.id_param(0)))));
}

// POST /api/subscriptions/{id}/contacts
ApiReply invite_colleague(Services& sv, ApiRequest& r) {
  sv.invitations.invite_colleague(r.signed_in(), r.id_param(0), normalize_text(text_field(r.body, "name")),
                               normalize_email(text_field(r.body, "email")));
  return reply(201, json::object());
}

// DELETE /api/subscriptions/{id}/contacts/{id}
ApiReply remove_colleague(Services& sv, ApiRequest& r) {
  sv.invitations.remove_colleague(r.signed_in(), r.id_param(0), r.id_param(1));
  return reply(204, nullptr);
}

// DELETE /api/subscriptions/{id}/contact-invitations/{id}
ApiReply revoke_colleague_invitation(Services& sv, ApiRequest& r) {
  sv.invitations.revoke_colleague_invitation(r.signed_in(), r.id_param(0), r.id_param(1));
  return reply(204, nullptr);
}

}  // namespace signet::handlers
