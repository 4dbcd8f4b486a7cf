// One database file with two resellers and a subscription store on one connection: where the
// storage tests of listing and search start. The second reseller's rows sit among the first's
// and must never show up in its results.
#pragma once
#include "storage/account_store.h"
#include "storage/connection_pool.h"
#include "storage/subscription_store.h"
#include "test_support.h"

namespace signet::test {

struct TwoResellers {
  explicit TwoResellers(const std::string& file)
      : pool(dir.file(file)),
        c(pool.acquire()),
        reseller(AccountStore(*c).insert_reseller("Acme", "2026-11-26T00:00:00Z")),
        other(AccountStore(*c).insert_reseller("Other", "2026-11-26T00:00:00Z")),
        store(*c, 0) {}

  TempDir dir;
  ConnectionPool pool;
  ConnectionPool::Lease c;
  const int64_t reseller;
  const int64_t other;
  SubscriptionStore store;
};

}  // namespace signet::test
