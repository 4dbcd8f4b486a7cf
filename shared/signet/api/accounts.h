// The bodies of the team, colleague and audit-log endpoints (GET /api/team,
// GET /api/subscriptions/{id}/contacts, GET /api/audit).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "signet/model.h"

namespace signet {

// A pending invitation to the reseller's team or to a customer's editor. `role` is the
// reseller role for team invitations and empty for colleagues; `expires_at` an ISO timestamp.
struct PendingInvitation {
  int64_t id = 0;
  std::string name, email, role, expires_at;
};

struct TeamList {
  std::vector<User> members;  // "items"
  std::vector<PendingInvitation> invitations;
};

// A customer user who edits the signatures; `is_primary`: the contact the reseller named.
struct Contact {
  int64_t id = 0;
  std::string name, email;
  bool is_primary = false;
};

struct ContactList {
  std::vector<Contact> users;
  std::vector<PendingInvitation> invitations;
};

// One entry of the audit log as the reseller sees it; `outcome` is the HTTP status (0 for the
// server's own jobs).
struct AuditEntry {
  int64_t id = 0;
  std::string at, actor_email, action, target;
  int outcome = 0;
  std::string detail, client_address;
};

nlohmann::json to_json(const TeamList& t);
nlohmann::json to_json(const ContactList& c);
nlohmann::json to_json(const AuditEntry& e);
std::optional<TeamList> team_list_from_json(const nlohmann::json& j);
std::optional<ContactList> contact_list_from_json(const nlohmann::json& j);
std::optional<AuditEntry> audit_entry_from_json(const nlohmann::json& j);
// GET /api/audit: {"items":[entry, ...]}, newest first.
std::optional<std::vector<AuditEntry>> audit_page_from_json(const nlohmann::json& j);

}  // namespace signet
