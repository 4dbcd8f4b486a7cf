// The audit log: who did what, when (UTC), from where, and how it ended.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/connection_pool.h"

namespace signet {

struct AuditEntry {
  int64_t id = 0;
  std::string at;
  std::optional<int64_t> reseller_id;
  std::optional<int64_t> user_id;
  std::string actor_email;
  std::string action;
  std::string target;
  int outcome = 0;
  std::string detail;
  std::string client_address;
};

struct AuditQuery {
  std::string action;  // exact action or prefix ending in '.', e.g. "session."
  std::string q;       // substring of e-mail, target or detail
  int limit = 200;
  int64_t before_id = 0;  // paging: entries older than this id; 0 = newest
};

class AuditStore {
 public:
  explicit AuditStore(Connection& c) : c_(c) {}
  void insert(const AuditEntry& e);
  // A reseller's entries: its own staff's and customers' actions, and failed sign-ins
  // for their e-mail addresses.
  std::vector<AuditEntry> list(int64_t reseller_id, const AuditQuery& q);

 private:
  Connection& c_;
};

}  // namespace signet
