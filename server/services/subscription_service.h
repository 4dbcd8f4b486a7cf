// The reseller's customer subscriptions. Every operation is scoped to the actor's reseller.
#pragma once
#include "clock.h"
#include "services/actor.h"
#include "storage/connection_pool.h"
#include "storage/subscription_store.h"

namespace signet {

class SubscriptionService {
 public:
  SubscriptionService(ConnectionPool& pool, Clock clock) : pool_(pool), clock_(std::move(clock)) {}

  SubscriptionPage list(const Actor& actor, const ListQuery& query);
  Subscription create(const Actor& actor, const NewSubscription& request);
  Subscription get(const Actor& actor, int64_t id);  // NotFound for other resellers' ids
  Subscription update(const Actor& actor, int64_t id, const SubscriptionPatch& patch);

 private:
  ConnectionPool& pool_;
  Clock clock_;
};

}  // namespace signet
