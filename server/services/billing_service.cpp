#include "services/billing_service.h"

#include "mail/mail_message.h"
#include "services/service_error.h"
#include "signet/csv.h"
#include "signet/i18n.h"

namespace signet {

using nlohmann::json;

namespace {

std::string period_text(const Date& from, const Date& to) {
  return format_iso(from) + " to " + format_iso(to);
}

std::string cycle_description(const BillingState& s, int users) {
  return std::string(display_name(s.product)) + ", " + std::to_string(users) + " users, " +
         (s.cycle == BillingCycle::Annual ? "annual" : "monthly");
}

}  // namespace

void BillingService::change_seats(Connection& c, BillingState& s, int requested_users) {
  const Date day = today();
  const SeatChangePlan plan = plan_seat_change(prices_, s.product, s.cycle, s.user_count, requested_users,
                                               s.active, s.period_start, s.next_payment_date, day);
  if (!plan.immediate) {
    s.pending_user_count = requested_users;
    return;
  }
  if (plan.charge_cents > 0) {
    Charge ch;
    ch.subscription_id = s.id;
    ch.user_count = requested_users - s.user_count;
    ch.period_start = day < plan.period_start ? plan.period_start : day;
    ch.period_end = plan.period_end;
    ch.description = std::to_string(ch.user_count) + " users added on " + format_iso(day) + ", prorated to " +
                     format_iso(plan.period_end);
    ch.amount_cents = plan.charge_cents;
    BillingStore(c).add_charge(s.reseller_id, ch, day);
  }
  s.user_count = requested_users;
  s.pending_user_count.reset();
}

void BillingService::change_status(Connection& c, BillingState& s, bool active) {
  if (s.active == active) return;
  s.active = active;
  const Date day = today();
  if (!active) {
    // The part of the period used so far, at the users it started with; users added since
    // were charged to the period's end when they were added.
    if (s.period_start && s.next_payment_date) {
      Charge ch;
      ch.subscription_id = s.id;
      ch.user_count = s.period_user_count;
      ch.period_start = *s.period_start;
      ch.period_end = day;
      ch.description = cycle_description(s, s.period_user_count) + ", " + period_text(ch.period_start, day) +
                       " (deactivated)";
      ch.amount_cents = elapsed_cents(prices_, s.product, s.cycle, s.period_user_count, day, *s.period_start,
                                      *s.next_payment_date);
      if (ch.amount_cents > 0) BillingStore(c).add_charge(s.reseller_id, ch, day);
    }
    s.next_payment_date.reset();
    s.period_start.reset();
    if (s.pending_user_count) s.user_count = *s.pending_user_count;
    s.pending_user_count.reset();
    return;
  }
  s.anchor_day = day.day;
  s.period_start = day;
  s.period_user_count = s.user_count;
  s.next_payment_date = next_payment(day, s.cycle, s.anchor_day);
}

SeatChangePlan BillingService::quote(const Actor& actor, int64_t subscription_id, int requested_users) {
  if (auto m = check_user_count(requested_users))
    throw ServiceError(ErrorKind::Validation, phrase("Some fields need attention."), {{"user_count", *m}});
  auto c = pool_.acquire();
  auto s = BillingStore(*c).find(actor.reseller_id, subscription_id);
  if (!s) throw ServiceError(ErrorKind::NotFound, phrase("There is no such subscription."));
  return plan_seat_change(prices_, s->product, s->cycle, s->user_count, requested_users, s->active,
                          s->period_start, s->next_payment_date, today());
}

BillingRunResult BillingService::run(const Date& day) {
  BillingRunResult result;
  // One run at a time, whichever server starts it; a run after another for the same day
  // finds each reseller's invoice there and adds nothing.
  auto c = pool_.acquire();
  JobLock one_run(*c, Job::BillingRun);
  const std::vector<int64_t> resellers = BillingStore(*c).resellers_to_bill(day);
  for (int64_t reseller : resellers) {
    WriteTransaction tx(*c, {WriteScope::reseller(reseller)});  // with their subscriptions' changes
    BillingStore store(*c);
    if (store.has_invoice_on(reseller, day)) continue;  // this date is done for them
    Invoice inv;
    inv.issued_on = day;
    inv.currency = prices_.currency;
    inv.vat_basis_points = prices_.vat_basis_points;
    for (BillingState s : store.due(reseller, day)) {
      // In arrears: each payment covers the period that ends on its date. A server that
      // was down for a while bills every missed period, each on its own line.
      while (s.next_payment_date && *s.next_payment_date <= day) {
        const Date start = s.period_start.value_or(*s.next_payment_date);
        const Date end = *s.next_payment_date;
        // At the users the period started with: users added during it were charged then.
        inv.lines.push_back({s.id, s.customer_name, s.product, s.period_user_count, start, end,
                             cycle_description(s, s.period_user_count) + ", " + period_text(start, end),
                             cycle_price_cents(prices_, s.product, s.cycle, s.period_user_count)});
        s.period_start = end;
        s.next_payment_date = next_payment(end, s.cycle, s.anchor_day);
        if (s.pending_user_count) {  // a decrease takes effect with the new period
          s.user_count = *s.pending_user_count;
          s.pending_user_count.reset();
        }
        s.period_user_count = s.user_count;
      }
      store.save(s);
    }
    for (const Charge& ch : store.open_charges(reseller, day)) inv.lines.push_back(ch);
    if (inv.lines.empty()) continue;
    inv.period_start = inv.lines.front().period_start;
    inv.period_end = inv.lines.front().period_end;
    for (const InvoiceLine& l : inv.lines) {
      inv.subtotal_cents += l.amount_cents;
      if (l.period_start < inv.period_start) inv.period_start = l.period_start;
      if (inv.period_end < l.period_end) inv.period_end = l.period_end;
    }
    inv.vat_cents = vat_cents(inv.subtotal_cents, prices_.vat_basis_points);
    inv.total_cents = inv.subtotal_cents + inv.vat_cents;
    store.insert_invoice(reseller, inv);
    tx.commit();
    if (audit_) {
      AuditRecord e;
      e.reseller_id = reseller;
      e.action = "billing.run";
      e.target = "invoice " + std::to_string(inv.number);
      e.detail = format_iso(day) + ": " + std::to_string(inv.lines.size()) + " line(s), total " +
                 format_money(inv.total_cents, Language::En);
      audit_->record(e);
    }
    ++result.invoices;
    result.lines += static_cast<int>(inv.lines.size());
  }
  return result;
}

BillingSummary BillingService::summary(const Actor& actor, int days_ahead) {
  auto c = pool_.acquire();
  BillingStore store(*c);
  const Date day = today();
  const Date horizon = from_days(to_days(day) + days_ahead);
  BillingSummary out;
  out.currency = prices_.currency;
  out.vat_basis_points = prices_.vat_basis_points;
  out.days = days_ahead;
  for (const BillingState& s : store.active(actor.reseller_id)) {
    out.monthly_recurring_cents += prices_.per_user_month(s.product) * s.user_count;
    if (!s.next_payment_date || horizon < *s.next_payment_date) continue;
    int64_t amount = cycle_price_cents(prices_, s.product, s.cycle, s.period_user_count);
    for (const Charge& ch : store.open_charges(actor.reseller_id, *s.next_payment_date, s.id)) amount += ch.amount_cents;
    out.upcoming.push_back({s.id, s.customer_name, *s.next_payment_date, amount});
  }
  return out;
}

std::vector<Invoice> BillingService::invoices(const Actor& actor) {
  auto c = pool_.acquire();
  return BillingStore(*c).invoices(actor.reseller_id);
}

Invoice BillingService::invoice(const Actor& actor, int64_t id) {
  auto c = pool_.acquire();
  auto inv = BillingStore(*c).find_invoice(actor.reseller_id, id);
  if (!inv) throw ServiceError(ErrorKind::NotFound, phrase("There is no such invoice."));
  return *inv;
}

std::string invoice_csv(const Invoice& inv) {
  // RFC 4180: CRLF line ends, quoted where needed; amounts in cents and as decimal euros.
  std::string out = "invoice_number,issued_on,subscription_id,customer_name,product,user_count,period_start,"
                    "period_end,description,amount_cents,amount\r\n";
  auto decimal = [](int64_t cents) {
    const std::string sign = cents < 0 ? "-" : "";
    const int64_t a = cents < 0 ? -cents : cents;
    const std::string frac = std::to_string(a % 100);
    return sign + std::to_string(a / 100) + "." + (frac.size() == 1 ? "0" + frac : frac);
  };
  for (const InvoiceLine& l : inv.lines) {
    out += std::to_string(inv.number) + "," + format_iso(inv.issued_on) + "," + std::to_string(l.subscription_id) +
           "," + csv_text(l.customer_name) + "," + std::string(to_string(l.product)) + "," +
           std::to_string(l.user_count) + "," + format_iso(l.period_start) + "," + format_iso(l.period_end) + "," +
           csv_field(l.description) + "," + std::to_string(l.amount_cents) + "," + decimal(l.amount_cents) + "\r\n";
  }
  out += ",,,,,,,,Subtotal," + std::to_string(inv.subtotal_cents) + "," + decimal(inv.subtotal_cents) + "\r\n";
  out += ",,,,,,,," + csv_field("VAT " + std::to_string(inv.vat_basis_points / 100) + "%") + "," +
         std::to_string(inv.vat_cents) + "," + decimal(inv.vat_cents) + "\r\n";
  out += ",,,,,,,,Total," + std::to_string(inv.total_cents) + "," + decimal(inv.total_cents) + "\r\n";
  return out;
}

std::string invoice_html(const Invoice& inv, const std::string& reseller_name) {
  std::string rows;
  for (const InvoiceLine& l : inv.lines)
    rows += "<tr><td>" + escape_html(l.customer_name) + "</td><td>" + escape_html(std::string(display_name(l.product))) +
            "</td><td class=n>" + std::to_string(l.user_count) + "</td><td>" + format_iso(l.period_start) + " – " +
            format_iso(l.period_end) + "</td><td>" + escape_html(l.description) + "</td><td class=n>" +
            escape_html(format_money(l.amount_cents, Language::En)) + "</td></tr>";
  const std::string title = "Invoice " + std::to_string(inv.number) + " — " + reseller_name;
  return "<!doctype html><html lang=en><head><meta charset=utf-8><title>" + escape_html(title) +
         "</title><link rel=stylesheet href=\"/invoice.css\"></head><body><h1>Invoice " + std::to_string(inv.number) +
         "</h1><p>" + escape_html(reseller_name) + "<br>Issued " + format_iso(inv.issued_on) + " · Period " +
         format_iso(inv.period_start) + " – " + format_iso(inv.period_end) +
         "</p><table><thead><tr><th>Customer</th><th>Product</th><th class=n>Users</th><th>Period</th><th>Description</th>"
         "<th class=n>Amount</th></tr></thead><tbody>" + rows + "</tbody><tfoot><tr><td colspan=5>Subtotal</td><td class=n>" +
         escape_html(format_money(inv.subtotal_cents, Language::En)) + "</td></tr><tr><td colspan=5>VAT " +
         std::to_string(inv.vat_basis_points / 100) + "%</td><td class=n>" + escape_html(format_money(inv.vat_cents, Language::En)) +
         "</td></tr><tr class=total><td colspan=5>Total</td><td class=n>" + escape_html(format_money(inv.total_cents, Language::En)) +
         "</td></tr></tfoot></table></body></html>";
}

}  // namespace signet
