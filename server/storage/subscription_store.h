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
};

class SubscriptionStore {
 public:
  explicit SubscriptionStore(Connection& c) : c_(c) {}

  int64_t insert(int64_t reseller_id, const Subscription& s);
  std::optional<Subscription> find(int64_t reseller_id, int64_t id);
  SubscriptionPage list(int64_t reseller_id, const ListQuery& query);
  void update_billing_state(int64_t reseller_id, const Subscription& s);

 private:
  Connection& c_;
};

}  // namespace signet
