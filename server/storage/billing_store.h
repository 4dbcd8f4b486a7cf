// All SQL about money: subscriptions' billing state, one-off charges, invoices.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "signet/api/billing.h"
#include "signet/billing.h"
#include "storage/connection_pool.h"

namespace signet {

// A subscription as billing sees it.
struct BillingState {
  int64_t id = 0;
  int64_t reseller_id = 0;
  std::string customer_name;
  Product product = Product::M365;
  int user_count = 0;
  int period_user_count = 0;  // users the running period is billed for: its count at the start
  BillingCycle cycle = BillingCycle::Monthly;
  int anchor_day = 1;
  bool active = true;
  std::optional<Date> period_start;       // start of the period the next payment covers
  std::optional<Date> next_payment_date;  // end of that period; none while inactive
  std::optional<int> pending_user_count;
};

// A one-off amount waiting for the next invoice has the shape of the line it becomes. Invoice
// and InvoiceLine are the wire's (shared/signet/api/billing.h); an invoice's lines are filled by
// find_invoice only.
using Charge = InvoiceLine;

class BillingStore {
 public:
  explicit BillingStore(Connection& c) : c_(c) {}

  std::optional<BillingState> find(int64_t reseller_id, int64_t subscription_id);
  std::vector<BillingState> active(int64_t reseller_id);
  std::vector<BillingState> due(int64_t reseller_id, const Date& on_or_before);
  void save(const BillingState& s);  // user count, status, dates, pending decrease

  // Resellers with a due subscription or an open charge on that date.
  std::vector<int64_t> resellers_to_bill(const Date& on_or_before);
  void add_charge(int64_t reseller_id, const Charge& c, const Date& created_on);
  // Charges not invoiced yet that were made on or before `made_by` (an invoice for a past
  // date must not take later ones).
  std::vector<Charge> open_charges(int64_t reseller_id, const Date& made_by,
                                   std::optional<int64_t> subscription_id = std::nullopt);

  bool has_invoice_on(int64_t reseller_id, const Date& day);
  // Writes the invoice (next number), its lines, and attaches to it exactly the charges
  // open_charges(reseller_id, invoice.issued_on) returns.
  int64_t insert_invoice(int64_t reseller_id, Invoice& invoice);
  std::vector<Invoice> invoices(int64_t reseller_id);
  std::optional<Invoice> find_invoice(int64_t reseller_id, int64_t id);

 private:
  Connection& c_;
};

}  // namespace signet
