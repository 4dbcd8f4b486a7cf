// Demo data at scale (`signet-server admin seed-demo`): many resellers and subscriptions
// with realistic, partly non-ASCII names, for measuring the portal's queries (scripts/bench.sh).
#pragma once
#include <cstdint>
#include <string>

#include "storage/connection_pool.h"

namespace signet {

struct DemoSeedOptions {
  int resellers = 1000;
  int64_t subscriptions = 1000000;
  uint64_t seed = 1;  // same seed, same data
  int64_t today = 0;  // Unix seconds; dates are spread around this day
};

// Three resellers have fixed shares of the total so the cost of a query can be read off
// at three sizes: big@ 1% (10,000 of 1,000,000), r1k@ 0.1% and r100k@ 10%. The rest is
// spread unevenly over the other resellers. Every demo reseller signs in with kDemoPassword.
constexpr const char* kDemoDomain = "demo.signet.test";
constexpr const char* kDemoPassword = "signet demo password 2026";

struct DemoSeedResult {
  int resellers = 0;
  int64_t subscriptions = 0;
  int64_t big = 0, r1k = 0, r100k = 0;  // subscriptions of the three measured resellers
};

// Writes into `pool`'s database in one transaction. `password_hash` is one argon2id
// hash of kDemoPassword, shared by all demo accounts (hashing 1,000 times would take minutes).
// Throws std::invalid_argument for impossible sizes, std::runtime_error when the demo
// accounts already exist.
DemoSeedResult seed_demo(ConnectionPool& pool, const DemoSeedOptions& options,
                         const std::string& password_hash);

}  // namespace signet
