// The reseller's customer subscriptions. Every operation is scoped to the actor's reseller.
#pragma once
#include "clock.h"
#include "services/actor.h"
#include "services/billing_service.h"
#include "services/invitation_service.h"
#include "storage/connection_pool.h"
#include "storage/subscription_store.h"

namespace signet {

// The columns of the subscriptions CSV export, header row first.
std::string subscriptions_csv(const std::vector<Subscription>& items);

// What decides whether a page of the list someone holds is still current
// (services/list_validator.h). Taken before the page is read, never after.
struct ListValidity {
  std::string digest;
  int64_t now = 0;
};

class SubscriptionService {
 public:
  SubscriptionService(ConnectionPool& pool, Clock clock, InvitationService& invitations,
                      BillingService& billing)
      : pool_(pool), clock_(std::move(clock)), invitations_(invitations), billing_(billing) {}

  SubscriptionPage list(const Actor& actor, const ListQuery& query);
  ListValidity list_validity(const Actor& actor, const ListQuery& query);
  // Every subscription the query matches (not paged), or only those of `ids` (in the query's
  // order) when given: the CSV export of the whole table or of a selection.
  std::vector<Subscription> export_list(const Actor& actor, ListQuery query, const std::vector<int64_t>& ids);
  // Sends the invitation e-mail (through the queue) when customers may edit.
  Subscription create(const Actor& actor, const NewSubscription& request);
  Subscription get(const Actor& actor, int64_t id);  // NotFound for other resellers' ids
  Subscription update(const Actor& actor, int64_t id, const SubscriptionPatch& patch);
  // What the subscription's customer users (and its reseller) see in the editor: no billing.
  CustomerView customer_view(int64_t subscription_id);
  // The reseller owning a subscription; used by the authorization policy.
  std::optional<int64_t> reseller_of(int64_t subscription_id);

 private:
  ConnectionPool& pool_;
  Clock clock_;
  InvitationService& invitations_;
  BillingService& billing_;
};

}  // namespace signet
