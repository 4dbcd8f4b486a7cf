#include "signet/api/billing.h"

#include "signet/api/wire.h"

namespace signet {

using nlohmann::json;
using api::WireReader;

json to_json(const InvoiceLine& l) {
  return json{{"subscription_id", l.subscription_id}, {"customer_name", l.customer_name},
              {"product", to_string(l.product)},     {"user_count", l.user_count},
              {"period_start", format_iso(l.period_start)}, {"period_end", format_iso(l.period_end)},
              {"description", l.description},        {"amount_cents", l.amount_cents}};
}

json to_json(const Invoice& inv) {
  json j{{"id", inv.id},
         {"number", inv.number},
         {"issued_on", format_iso(inv.issued_on)},
         {"period_start", format_iso(inv.period_start)},
         {"period_end", format_iso(inv.period_end)},
         {"currency", inv.currency},
         {"subtotal_cents", inv.subtotal_cents},
         {"vat_basis_points", inv.vat_basis_points},
         {"vat_cents", inv.vat_cents},
         {"total_cents", inv.total_cents},
         {"line_count", inv.line_count ? inv.line_count : static_cast<int64_t>(inv.lines.size())}};
  if (!inv.lines.empty()) j["lines"] = api::array_of(inv.lines);
  return j;
}

json to_json(const UpcomingPayment& p) {
  return json{{"subscription_id", p.subscription_id}, {"customer_name", p.customer_name},
              {"date", format_iso(p.date)}, {"amount_cents", p.amount_cents}};
}

json to_json(const BillingSummary& s) {
  return json{{"currency", s.currency}, {"monthly_recurring_cents", s.monthly_recurring_cents},
              {"vat_basis_points", s.vat_basis_points}, {"days", s.days}, {"upcoming", api::array_of(s.upcoming)}};
}

std::optional<InvoiceLine> invoice_line_from_json(const json& j) {
  InvoiceLine l;
  std::string product;
  WireReader r(j);
  r.req("subscription_id", l.subscription_id).req("customer_name", l.customer_name).req("product", product)
      .req("user_count", l.user_count).req("period_start", l.period_start).req("period_end", l.period_end)
      .req("description", l.description).req("amount_cents", l.amount_cents);
  const auto p = parse_product(product);
  if (!r.done() || !p) return std::nullopt;
  l.product = *p;
  return l;
}

std::optional<Invoice> invoice_from_json(const json& j) {
  return api::read_object<Invoice>(j, [&j](WireReader& r, Invoice& inv) {
    r.req("id", inv.id).req("number", inv.number).req("issued_on", inv.issued_on)
        .req("period_start", inv.period_start).req("period_end", inv.period_end).req("currency", inv.currency)
        .req("subtotal_cents", inv.subtotal_cents).req("vat_basis_points", inv.vat_basis_points)
        .req("vat_cents", inv.vat_cents).req("total_cents", inv.total_cents).req("line_count", inv.line_count);
    if (j.is_object() && j.contains("lines")) r.list("lines", inv.lines, invoice_line_from_json);  // one invoice only
  });
}

std::optional<std::vector<Invoice>> invoice_list_from_json(const json& j) {
  return api::items_from_json<Invoice>(j, invoice_from_json);
}

std::optional<UpcomingPayment> upcoming_payment_from_json(const json& j) {
  return api::read_object<UpcomingPayment>(j, [](WireReader& r, UpcomingPayment& p) {
    r.req("subscription_id", p.subscription_id).req("customer_name", p.customer_name).req("date", p.date)
        .req("amount_cents", p.amount_cents);
  });
}

std::optional<BillingSummary> billing_summary_from_json(const json& j) {
  return api::read_object<BillingSummary>(j, [](WireReader& r, BillingSummary& s) {
    r.req("currency", s.currency).req("monthly_recurring_cents", s.monthly_recurring_cents)
        .req("vat_basis_points", s.vat_basis_points).req("days", s.days)
        .list("upcoming", s.upcoming, upcoming_payment_from_json);
  });
}

}  // namespace signet
