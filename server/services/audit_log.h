// Records audit entries; the router writes one for every route that names an action,
// server jobs (billing runs) write their own.
#pragma once
#include <nlohmann/json.hpp>

#include "clock.h"
#include "services/actor.h"
#include "storage/audit_store.h"
#include "storage/connection_pool.h"

namespace signet {

class AuditLog {
 public:
  AuditLog(ConnectionPool& pool, Clock clock) : pool_(pool), clock_(std::move(clock)) {}

  // Never throws: an audit write that fails is reported on stderr, not to the user.
  void record(AuditEntry entry);
  std::vector<AuditEntry> list(const Actor& actor, const AuditQuery& q);

  // A request body fit for the log: keys holding secrets removed, at most 500 characters.
  static std::string redact(const nlohmann::json& body);

 private:
  ConnectionPool& pool_;
  Clock clock_;
};

nlohmann::json to_json(const AuditEntry& e);
std::string audit_csv(const std::vector<AuditEntry>& entries);

}  // namespace signet
