// The reseller's money side: seat and status changes as billing sees them, the renewal
// run that turns due periods and open charges into invoices, and the billing screens' data.
#pragma once
#include <nlohmann/json.hpp>

#include "clock.h"
#include "services/actor.h"
#include "services/audit_log.h"
#include "signet/billing.h"
#include "storage/billing_store.h"
#include "storage/connection_pool.h"

namespace signet {

struct BillingRunResult {
  int invoices = 0;
  int lines = 0;
};

class BillingService {
 public:
  // `audit` (optional) gets a "billing.run" entry per invoice written.
  BillingService(ConnectionPool& pool, Clock clock, PriceList prices, AuditLog* audit = nullptr)
      : pool_(pool), clock_(std::move(clock)), prices_(std::move(prices)), audit_(audit) {}

  const PriceList& prices() const { return prices_; }
  Date today() const { return date_from_unix(clock_()); }

  // Within the caller's transaction. Record the prorated charge of an increase, or the
  // pending decrease; deactivation charges the elapsed part of the running period and ends
  // it, reactivation starts a new cycle today (docs/billing.md).
  void change_seats(Connection& c, BillingState& s, int requested_users);
  void change_status(Connection& c, BillingState& s, bool active);
  SeatChangePlan quote(const Actor& actor, int64_t subscription_id, int requested_users);

  // Renewals as of `day`, one transaction per reseller. Idempotent: a reseller that already
  // has an invoice dated `day` is skipped, and billed periods are never billed again.
  BillingRunResult run(const Date& day);

  BillingSummary summary(const Actor& actor, int days_ahead);
  std::vector<Invoice> invoices(const Actor& actor);
  Invoice invoice(const Actor& actor, int64_t id);

 private:
  ConnectionPool& pool_;
  Clock clock_;
  PriceList prices_;
  AuditLog* audit_;
};

std::string invoice_csv(const Invoice& inv);
std::string invoice_html(const Invoice& inv, const std::string& reseller_name);

}  // namespace signet
