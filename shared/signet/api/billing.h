// The billing API's bodies (GET /api/billing/summary, /invoices, /invoices/{id}): what a
// reseller pays Signet. Amounts are integer cents.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "signet/dates.h"
#include "signet/model.h"

namespace signet {

struct InvoiceLine {
  int64_t subscription_id = 0;
  std::string customer_name;
  Product product = Product::M365;
  int user_count = 0;
  Date period_start, period_end;
  std::string description;
  int64_t amount_cents = 0;
};

struct Invoice {
  int64_t id = 0;
  int64_t number = 0;
  Date issued_on, period_start, period_end;
  std::string currency;
  int64_t subtotal_cents = 0, vat_basis_points = 0, vat_cents = 0, total_cents = 0;
  int64_t line_count = 0;
  std::vector<InvoiceLine> lines;  // in GET /invoices/{id}; the list leaves them out
};

struct UpcomingPayment {
  int64_t subscription_id = 0;
  std::string customer_name;
  Date date;
  int64_t amount_cents = 0;
};

struct BillingSummary {
  std::string currency;
  int64_t monthly_recurring_cents = 0;
  int64_t vat_basis_points = 0;
  int days = 30;  // the window of `upcoming`, from today
  std::vector<UpcomingPayment> upcoming;
};

nlohmann::json to_json(const InvoiceLine& l);
nlohmann::json to_json(const Invoice& inv);
nlohmann::json to_json(const UpcomingPayment& p);
nlohmann::json to_json(const BillingSummary& s);
std::optional<InvoiceLine> invoice_line_from_json(const nlohmann::json& j);
std::optional<Invoice> invoice_from_json(const nlohmann::json& j);
// GET /api/billing/invoices: {"items":[invoice without lines, ...]}
std::optional<std::vector<Invoice>> invoice_list_from_json(const nlohmann::json& j);
std::optional<UpcomingPayment> upcoming_payment_from_json(const nlohmann::json& j);
std::optional<BillingSummary> billing_summary_from_json(const nlohmann::json& j);

}  // namespace signet
