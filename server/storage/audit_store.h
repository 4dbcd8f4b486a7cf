// The audit log: who did what, when (UTC), from where, and how it ended.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "signet/api/accounts.h"
#include "storage/connection_pool.h"

namespace signet {

// An entry as written: what the reseller sees (the wire's AuditEntry), and whose it is.
struct AuditRecord : AuditEntry {
  std::optional<int64_t> reseller_id;
  std::optional<int64_t> user_id;
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
  void insert(const AuditRecord& e);
  // A reseller's entries: its own staff's and customers' actions, and failed sign-ins
  // for their e-mail addresses.
  std::vector<AuditEntry> list(int64_t reseller_id, const AuditQuery& q);

 private:
  Connection& c_;
};

}  // namespace signet
