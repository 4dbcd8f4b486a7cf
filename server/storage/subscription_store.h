// All SQL about subscriptions. Every query takes the reseller id: there is no way to read
// or change a subscription without naming whose it is.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "signet/model.h"
#include "storage/connection_pool.h"

namespace signet {

struct SubscriptionPage {
  std::vector<Subscription> items;
  int64_t total = 0;
  // When the page would read differently with no write at all: the first moment a pending
  // invitation on it reads as expired (Unix seconds; kNever when none is pending).
  int64_t changes_at = kNever;
  static constexpr int64_t kNever = INT64_MAX;
};

// A subscription with its billing position given explicitly, for bulk loading (admin
// seed-demo): a seeded row may have started long before today.
struct LoadedSubscription {
  Subscription s;
  int anchor_day = 1;                       // day of the month payments fall on
  std::optional<std::string> period_start;  // YYYY-MM-DD; none while inactive
};

class SubscriptionStore {
 public:
  // `now` (Unix seconds) decides whether a pending invitation reads as expired.
  SubscriptionStore(Connection& c, int64_t now) : c_(c), now_(now) {}

  int64_t insert(int64_t reseller_id, const Subscription& s);
  // Inserts many rows through the same prepared statement as insert(), so they get the
  // same columns (search key included). The caller holds the (large) transaction.
  void insert_many(int64_t reseller_id, const std::vector<LoadedSubscription>& rows);
  std::optional<Subscription> find(int64_t reseller_id, int64_t id);
  SubscriptionPage list(int64_t reseller_id, const ListQuery& query);
  // The query plan of list()'s statements, one line per step ("count: ..." and "page: ..."),
  // for tests that check every list query is served by an index.
  std::vector<std::string> explain_list(int64_t reseller_id, const ListQuery& query);
  // Changes with every write to what list() shows this reseller (migration 15); 0 before any.
  int64_t list_version(int64_t reseller_id);

  // The reseller a subscription belongs to, for authorization; nullopt when none exists.
  std::optional<int64_t> reseller_of(int64_t subscription_id);
  void set_invitation(int64_t subscription_id, InvitationStatus status, int64_t expires_at,
                      int64_t mail_id);
  void mark_invitation_accepted(int64_t subscription_id);

 private:
  Connection& c_;
  int64_t now_;
};

}  // namespace signet
