#include "signet/api/accounts.h"

#include "signet/api/wire.h"
#include "signet/json_mapping.h"

namespace signet {

using nlohmann::json;
using api::WireReader;

namespace {

json invitation_json(const PendingInvitation& i, bool with_role) {
  json j{{"id", i.id}, {"name", i.name}, {"email", i.email}, {"expires_at", i.expires_at}};
  if (with_role) j["role"] = i.role;
  return j;
}

std::optional<PendingInvitation> invitation_from_json(const json& j, bool with_role) {
  return api::read_object<PendingInvitation>(j, [with_role](WireReader& r, PendingInvitation& i) {
    r.req("id", i.id).req("name", i.name).req("email", i.email).req("expires_at", i.expires_at);
    if (with_role) r.req("role", i.role);
  });
}

std::optional<Contact> contact_from_json(const json& j) {
  return api::read_object<Contact>(j, [](WireReader& r, Contact& c) {
    r.req("id", c.id).req("name", c.name).req("email", c.email).req("is_primary", c.is_primary);
  });
}

}  // namespace

json to_json(const TeamList& t) {
  json items = json::array(), invitations = json::array();
  for (const User& u : t.members) items.push_back(to_json(u));
  for (const PendingInvitation& i : t.invitations) invitations.push_back(invitation_json(i, true));
  return json{{"items", std::move(items)}, {"invitations", std::move(invitations)}};
}

json to_json(const ContactList& c) {
  json users = json::array(), invitations = json::array();
  for (const Contact& u : c.users)
    users.push_back({{"id", u.id}, {"name", u.name}, {"email", u.email}, {"is_primary", u.is_primary}});
  for (const PendingInvitation& i : c.invitations) invitations.push_back(invitation_json(i, false));
  return json{{"users", std::move(users)}, {"invitations", std::move(invitations)}};
}

json to_json(const AuditEntry& e) {
  return json{{"id", e.id},         {"at", e.at},         {"actor_email", e.actor_email},
              {"action", e.action}, {"target", e.target}, {"outcome", e.outcome},
              {"detail", e.detail}, {"client_address", e.client_address}};
}

std::optional<TeamList> team_list_from_json(const json& j) {
  return api::read_object<TeamList>(j, [](WireReader& r, TeamList& t) {
    r.list("items", t.members, [](const json& u) { return user_from_json(u); })
        .list("invitations", t.invitations, [](const json& i) { return invitation_from_json(i, true); });
  });
}

std::optional<ContactList> contact_list_from_json(const json& j) {
  return api::read_object<ContactList>(j, [](WireReader& r, ContactList& c) {
    r.list("users", c.users, contact_from_json)
        .list("invitations", c.invitations, [](const json& i) { return invitation_from_json(i, false); });
  });
}

std::optional<AuditEntry> audit_entry_from_json(const json& j) {
  return api::read_object<AuditEntry>(j, [](WireReader& r, AuditEntry& e) {
    r.req("id", e.id).req("at", e.at).req("actor_email", e.actor_email).req("action", e.action)
        .req("target", e.target).req("outcome", e.outcome).req("detail", e.detail)
        .req("client_address", e.client_address);
  });
}

std::optional<std::vector<AuditEntry>> audit_page_from_json(const json& j) {
  return api::items_from_json<AuditEntry>(j, audit_entry_from_json);
}

}  // namespace signet
