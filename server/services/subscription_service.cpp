#include "services/subscription_service.h"

#include "services/list_validator.h"
#include "services/service_error.h"
#include "signet/billing.h"
#include "signet/csv.h"
#include "signet/dates.h"
#include "storage/account_store.h"

namespace signet {

namespace {
constexpr const char* kNotFound = phrase("There is no such subscription.");
}  // namespace

SubscriptionPage SubscriptionService::list(const Actor& actor, const ListQuery& query) {
  auto c = pool_.acquire();
  return SubscriptionStore(*c, clock_()).list(actor.reseller_id, query);
}

ListValidity SubscriptionService::list_validity(const Actor& actor, const ListQuery& query) {
  auto c = pool_.acquire();
  const int64_t now = clock_();
  return {list_digest(actor, SubscriptionStore(*c, now).list_version(actor.reseller_id), query), now};
}

std::vector<Subscription> SubscriptionService::export_list(const Actor& actor, ListQuery query,
                                                          const std::vector<int64_t>& ids) {
  std::vector<Subscription> out;
  auto c = pool_.acquire();
  ReadSnapshot snapshot(*c);  // one consistent view across the pages
  SubscriptionStore store(*c, clock_());
  if (!ids.empty()) {
    for (int64_t id : ids)
      if (auto s = store.find(actor.reseller_id, id)) out.push_back(std::move(*s));
    return out;
  }
  query.per_page = kMaxPerPage;
  for (query.page = 1;; ++query.page) {
    SubscriptionPage page = store.list(actor.reseller_id, query);
    for (auto& s : page.items) out.push_back(std::move(s));
    if (page.items.size() < static_cast<size_t>(kMaxPerPage)) break;
  }
  return out;
}

std::string subscriptions_csv(const std::vector<Subscription>& items) {
  std::string out =
      "id,customer_name,product,user_count,status,next_payment_date,billing_cycle,customer_can_edit,contact_name,"
      "contact_email,invitation_status,created_at\r\n";
  for (const Subscription& s : items)
    out += std::to_string(s.id) + "," + csv_text(s.customer_name) + "," + std::string(to_string(s.product)) + "," +
           std::to_string(s.user_count) + "," + std::string(to_string(s.status)) + "," +
           (s.next_payment_date ? *s.next_payment_date : "") + "," + csv_field(s.billing_cycle) + "," +
           (s.customer_can_edit ? "yes" : "no") + "," + csv_text(s.contact_name) + "," + csv_text(s.contact_email) +
           "," + std::string(to_string(s.invitation_status)) + "," + s.created_at + "\r\n";
  return out;
}

Subscription SubscriptionService::create(const Actor& actor, const NewSubscription& request) {
  require_valid(validate(request));
  const int64_t now = clock_();
  Subscription s;
  s.customer_name = request.customer_name;
  s.product = request.product;
  s.user_count = request.user_count;
  s.status = SubscriptionStatus::Active;
  // First payment one cycle after the start day, anchored on that day of the month.
  const Date today = date_from_unix(now);
  s.billing_cycle = request.billing_cycle;
  s.language = request.language.empty() ? actor.user.language : request.language;
  s.next_payment_date = format_iso(
      next_payment(today, parse_billing_cycle(request.billing_cycle).value_or(BillingCycle::Monthly), today.day));
  s.customer_can_edit = request.customer_can_edit;
  if (request.customer_can_edit) {
    s.contact_name = request.contact_name;
    s.contact_email = request.contact_email;
    s.invitation_status = InvitationStatus::Pending;
  }
  s.created_at = format_timestamp(now);
  {
    // The subscription, its invitation link and the queued e-mail commit together or not at
    // all; the mail server is only contacted later, by the queue.
    auto c = pool_.acquire();
    // Under the reseller's scope the new id is drawn after every earlier one committed:
    // CustomerNames reads a reseller's names in id order.
    WriteTransaction tx(*c, {WriteScope::reseller(actor.reseller_id)});
    SubscriptionStore store(*c, now);
    s.id = store.insert(actor.reseller_id, s);
    if (s.customer_can_edit)
      invitations_.issue(*c, s, AccountStore(*c).reseller_company(actor.reseller_id).value_or(""));
    s = *store.find(actor.reseller_id, s.id);
    tx.commit();
  }
  if (s.customer_can_edit) invitations_.mail_queued();
  return s;
}

Subscription SubscriptionService::get(const Actor& actor, int64_t id) {
  auto c = pool_.acquire();
  auto s = SubscriptionStore(*c, clock_()).find(actor.reseller_id, id);
  if (!s) throw ServiceError(ErrorKind::NotFound, kNotFound);
  return *s;
}

Subscription SubscriptionService::update(const Actor& actor, int64_t id,
                                         const SubscriptionPatch& patch) {
  require_valid(validate(patch));
  auto c = pool_.acquire();
  // The reseller's for the charges and the billing run, the subscription's for its seats.
  WriteTransaction tx(*c, {WriteScope::reseller(actor.reseller_id), WriteScope::subscription(id)});
  BillingStore billing(*c);
  auto state = billing.find(actor.reseller_id, id);
  if (!state) throw ServiceError(ErrorKind::NotFound, kNotFound);
  // Status first: reactivating and adding users in one request bills the users from today.
  if (patch.status) billing_.change_status(*c, *state, *patch.status == SubscriptionStatus::Active);
  if (patch.user_count) billing_.change_seats(*c, *state, *patch.user_count);
  billing.save(*state);
  Subscription s = *SubscriptionStore(*c, clock_()).find(actor.reseller_id, id);
  tx.commit();
  return s;
}

CustomerView SubscriptionService::customer_view(int64_t subscription_id) {
  auto c = pool_.acquire();
  SubscriptionStore store(*c, clock_());
  const auto reseller = store.reseller_of(subscription_id);
  auto s = reseller ? store.find(*reseller, subscription_id) : std::nullopt;
  if (!s) throw ServiceError(ErrorKind::NotFound, kNotFound);
  CustomerView v;
  v.subscription_id = s->id;
  v.customer_name = s->customer_name;
  v.product = s->product;
  v.status = s->status;
  v.reseller_name = AccountStore(*c).reseller_company(*reseller).value_or("");
  return v;
}

std::optional<int64_t> SubscriptionService::reseller_of(int64_t subscription_id) {
  auto c = pool_.acquire();
  return SubscriptionStore(*c, clock_()).reseller_of(subscription_id);
}

}  // namespace signet
