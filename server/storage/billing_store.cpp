#include "storage/billing_store.h"

namespace signet {

namespace {

constexpr const char* kStateColumns =
    "id, reseller_id, customer_name, product, user_count, billing_cycle, anchor_day, status, "
    "period_start, next_payment_date, pending_user_count, period_user_count";

// The charges an invoice of reseller ?1 dated ?2 takes: the one filter both the invoice's
// lines and the marking of those charges as invoiced use.
constexpr const char* kChargesDue = "reseller_id = $1 AND invoice_id IS NULL AND created_on <= $2";

std::optional<Date> date_column(const Column& c) {
  if (c.isNull()) return std::nullopt;
  return parse_iso(c.getString());
}

BillingState read_state(Statement& q) {
  BillingState s;
  s.id = q.getColumn(0).getInt64();
  s.reseller_id = q.getColumn(1).getInt64();
  s.customer_name = q.getColumn(2).getString();
  s.product = parse_product(q.getColumn(3).getString()).value_or(Product::M365);
  s.user_count = q.getColumn(4).getInt();
  s.cycle = parse_billing_cycle(q.getColumn(5).getString()).value_or(BillingCycle::Monthly);
  s.anchor_day = q.getColumn(6).getInt();
  s.active = q.getColumn(7).getString() == "active";
  s.period_start = date_column(q.getColumn(8));
  s.next_payment_date = date_column(q.getColumn(9));
  if (!q.getColumn(10).isNull()) s.pending_user_count = q.getColumn(10).getInt();
  s.period_user_count = q.getColumn(11).getInt();
  return s;
}

void bind_date(Statement& q, int index, const std::optional<Date>& d) {
  if (d) q.bind(index, format_iso(*d));
  else q.bind(index);
}

std::vector<BillingState> read_states(Statement& q) {
  std::vector<BillingState> out;
  while (q.executeStep()) out.push_back(read_state(q));
  return out;
}

}  // namespace

std::optional<BillingState> BillingStore::find(int64_t reseller_id, int64_t subscription_id) {
  auto q = c_.prepare(std::string("SELECT ") + kStateColumns +
                      " FROM subscriptions WHERE reseller_id = $1 AND id = $2");
  q->bind(1, reseller_id);
  q->bind(2, subscription_id);
  if (!q->executeStep()) return std::nullopt;
  return read_state(*q);
}

std::vector<BillingState> BillingStore::active(int64_t reseller_id) {
  auto q = c_.prepare(std::string("SELECT ") + kStateColumns +
                      " FROM subscriptions WHERE reseller_id = $1 AND status = 'active' ORDER BY next_payment_date, id");
  q->bind(1, reseller_id);
  return read_states(*q);
}

std::vector<BillingState> BillingStore::due(int64_t reseller_id, const Date& on_or_before) {
  auto q = c_.prepare(std::string("SELECT ") + kStateColumns +
                      " FROM subscriptions WHERE reseller_id = $1 AND status = 'active' AND next_payment_date <= $2 "
                      "ORDER BY id");
  q->bind(1, reseller_id);
  q->bind(2, format_iso(on_or_before));
  return read_states(*q);
}

void BillingStore::save(const BillingState& s) {
  auto q = c_.prepare(
      "UPDATE subscriptions SET user_count = $1, status = $2, period_start = $3, next_payment_date = $4, "
      "pending_user_count = $5, anchor_day = $6, period_user_count = $7 WHERE reseller_id = $8 AND id = $9");
  q->bind(1, s.user_count);
  q->bind(2, s.active ? "active" : "inactive");
  bind_date(*q, 3, s.period_start);
  bind_date(*q, 4, s.next_payment_date);
  if (s.pending_user_count) q->bind(5, *s.pending_user_count);
  else q->bind(5);
  q->bind(6, s.anchor_day);
  q->bind(7, s.period_user_count);
  q->bind(8, s.reseller_id);
  q->bind(9, s.id);
  q->exec();
}

std::vector<int64_t> BillingStore::resellers_to_bill(const Date& on_or_before) {
  auto q = c_.prepare(
      "SELECT reseller_id FROM subscriptions WHERE status = 'active' AND next_payment_date <= $1 "
      "UNION SELECT reseller_id FROM charges WHERE invoice_id IS NULL AND created_on <= $2 ORDER BY 1");
  q->bind(1, format_iso(on_or_before));
  q->bind(2, format_iso(on_or_before));
  std::vector<int64_t> out;
  while (q->executeStep()) out.push_back(q->getColumn(0).getInt64());
  return out;
}

void BillingStore::add_charge(int64_t reseller_id, const Charge& ch, const Date& created_on) {
  auto q = c_.prepare(
      "INSERT INTO charges(reseller_id, subscription_id, created_on, user_count, period_start, period_end, "
      "description, amount_cents) VALUES($1, $2, $3, $4, $5, $6, $7, $8)");
  q->bind(1, reseller_id);
  q->bind(2, ch.subscription_id);
  q->bind(3, format_iso(created_on));
  q->bind(4, ch.user_count);
  q->bind(5, format_iso(ch.period_start));
  q->bind(6, format_iso(ch.period_end));
  q->bind(7, ch.description);
  q->bind(8, ch.amount_cents);
  q->exec();
}

std::vector<Charge> BillingStore::open_charges(int64_t reseller_id, const Date& made_by,
                                               std::optional<int64_t> subscription_id) {
  auto q = c_.prepare(
      "SELECT c.subscription_id, s.customer_name, s.product, c.user_count, c.period_start, c.period_end, "
      "c.description, c.amount_cents FROM (SELECT * FROM charges WHERE " + std::string(kChargesDue) +
      ") c JOIN subscriptions s ON s.id = c.subscription_id WHERE CAST($3 AS BIGINT) IS NULL OR c.subscription_id = $3 ORDER BY c.id");
  q->bind(1, reseller_id);
  q->bind(2, format_iso(made_by));
  if (subscription_id) q->bind(3, *subscription_id);
  else q->bind(3);
  std::vector<Charge> out;
  while (q->executeStep()) {
    Charge ch;
    ch.subscription_id = q->getColumn(0).getInt64();
    ch.customer_name = q->getColumn(1).getString();
    ch.product = parse_product(q->getColumn(2).getString()).value_or(Product::M365);
    ch.user_count = q->getColumn(3).getInt();
    ch.period_start = *parse_iso(q->getColumn(4).getString());
    ch.period_end = *parse_iso(q->getColumn(5).getString());
    ch.description = q->getColumn(6).getString();
    ch.amount_cents = q->getColumn(7).getInt64();
    out.push_back(std::move(ch));
  }
  return out;
}

bool BillingStore::has_invoice_on(int64_t reseller_id, const Date& day) {
  auto q = c_.prepare("SELECT 1 FROM invoices WHERE reseller_id = $1 AND issued_on = $2");
  q->bind(1, reseller_id);
  q->bind(2, format_iso(day));
  return q->executeStep();
}

int64_t BillingStore::insert_invoice(int64_t reseller_id, Invoice& inv) {
  {
    auto q = c_.prepare("SELECT COALESCE(MAX(number), 0) + 1 FROM invoices WHERE reseller_id = $1");
    q->bind(1, reseller_id);
    q->executeStep();
    inv.number = q->getColumn(0).getInt64();
  }
  auto q = c_.prepare(
      "INSERT INTO invoices(reseller_id, number, issued_on, period_start, period_end, currency, subtotal_cents, "
      "vat_basis_points, vat_cents, total_cents) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id");
  q->bind(1, reseller_id);
  q->bind(2, inv.number);
  q->bind(3, format_iso(inv.issued_on));
  q->bind(4, format_iso(inv.period_start));
  q->bind(5, format_iso(inv.period_end));
  q->bind(6, inv.currency);
  q->bind(7, inv.subtotal_cents);
  q->bind(8, inv.vat_basis_points);
  q->bind(9, inv.vat_cents);
  q->bind(10, inv.total_cents);
  q->executeStep();
  inv.id = q->getColumn(0).getInt64();
  for (const InvoiceLine& l : inv.lines) {
    auto line = c_.prepare(
        "INSERT INTO invoice_lines(invoice_id, subscription_id, customer_name, product, user_count, period_start, "
        "period_end, description, amount_cents) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9)");
    line->bind(1, inv.id);
    line->bind(2, l.subscription_id);
    line->bind(3, l.customer_name);
    line->bind(4, std::string(to_string(l.product)));
    line->bind(5, l.user_count);
    line->bind(6, format_iso(l.period_start));
    line->bind(7, format_iso(l.period_end));
    line->bind(8, l.description);
    line->bind(9, l.amount_cents);
    line->exec();
  }
  auto attach = c_.prepare("UPDATE charges SET invoice_id = $3 WHERE " + std::string(kChargesDue));
  attach->bind(1, reseller_id);
  attach->bind(2, format_iso(inv.issued_on));
  attach->bind(3, inv.id);
  attach->exec();
  return inv.id;
}

std::vector<Invoice> BillingStore::invoices(int64_t reseller_id) {
  auto q = c_.prepare(
      "SELECT i.id, i.number, i.issued_on, i.period_start, i.period_end, i.currency, i.subtotal_cents, "
      "i.vat_basis_points, i.vat_cents, i.total_cents, (SELECT COUNT(*) FROM invoice_lines l WHERE l.invoice_id = i.id) "
      "FROM invoices i WHERE i.reseller_id = $1 ORDER BY i.number DESC");
  q->bind(1, reseller_id);
  std::vector<Invoice> out;
  while (q->executeStep()) {
    Invoice inv;
    inv.id = q->getColumn(0).getInt64();
    inv.number = q->getColumn(1).getInt64();
    inv.issued_on = *parse_iso(q->getColumn(2).getString());
    inv.period_start = *parse_iso(q->getColumn(3).getString());
    inv.period_end = *parse_iso(q->getColumn(4).getString());
    inv.currency = q->getColumn(5).getString();
    inv.subtotal_cents = q->getColumn(6).getInt64();
    inv.vat_basis_points = q->getColumn(7).getInt64();
    inv.vat_cents = q->getColumn(8).getInt64();
    inv.total_cents = q->getColumn(9).getInt64();
    inv.line_count = q->getColumn(10).getInt64();
    out.push_back(std::move(inv));
  }
  return out;
}

std::optional<Invoice> BillingStore::find_invoice(int64_t reseller_id, int64_t id) {
  std::optional<Invoice> found;
  for (Invoice& inv : invoices(reseller_id))
    if (inv.id == id) found = std::move(inv);
  if (!found) return std::nullopt;
  auto q = c_.prepare(
      "SELECT subscription_id, customer_name, product, user_count, period_start, period_end, description, amount_cents "
      "FROM invoice_lines WHERE invoice_id = $1 ORDER BY id");
  q->bind(1, id);
  while (q->executeStep()) {
    InvoiceLine l;
    l.subscription_id = q->getColumn(0).getInt64();
    l.customer_name = q->getColumn(1).getString();
    l.product = parse_product(q->getColumn(2).getString()).value_or(Product::M365);
    l.user_count = q->getColumn(3).getInt();
    l.period_start = *parse_iso(q->getColumn(4).getString());
    l.period_end = *parse_iso(q->getColumn(5).getString());
    l.description = q->getColumn(6).getString();
    l.amount_cents = q->getColumn(7).getInt64();
    found->lines.push_back(std::move(l));
  }
  return found;
}

}  // namespace signet
