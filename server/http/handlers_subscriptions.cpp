// Handlers of subscriptions, seat quotes, invitation resends, billing and the audit log.
#include "http/handlers.h"

#include "http/request_parsing.h"
#include "http/routes.h"
#include "signet/api/accounts.h"
#include "signet/api/billing.h"
#include "signet/api/subscriptions.h"
#include "signet/api/wire.h"
#include "signet/json_mapping.h"
#include "signet/validation.h"

namespace signet::handlers {

using nlohmann::json;

namespace {

// Subscription ids chosen in the table: "ids=3,5,8" in a query or {"ids":[3,5,8]} in a body.
constexpr size_t kMaxSelection = kMaxPerPage;

std::vector<int64_t> selected_ids(const std::string& list) {
  std::vector<int64_t> ids;
  size_t start = 0;
  while (start <= list.size()) {
    const size_t comma = std::min(list.find(',', start), list.size());
    const std::string one = list.substr(start, comma - start);
    if (one.empty() || one.size() > 15 || one.find_first_not_of("0123456789") != std::string::npos ||
        ids.size() == kMaxSelection)
      throw ServiceError(ErrorKind::Validation, phrase("Some fields need attention."),
                         {{"ids", "List up to 500 subscription ids, separated by commas."}});
    ids.push_back(std::stoll(one));
    start = comma + 1;
  }
  return ids;
}

std::vector<int64_t> selected_ids(const json& body) {
  const bool ok = body.is_object() && body.size() == 1 && body.contains("ids") && body["ids"].is_array() &&
                  !body["ids"].empty() && body["ids"].size() <= kMaxSelection;
  std::vector<int64_t> ids;
  for (const auto& v : ok ? body["ids"] : json::array()) {
    if (!v.is_number_integer()) break;
    ids.push_back(v.get<int64_t>());
  }
  if (!ok || ids.size() != body["ids"].size())
    throw ServiceError(ErrorKind::Validation, phrase("Some fields need attention."),
                       {{"ids", "Send {\"ids\": [...]} with 1 to 500 subscription ids."}});
  return ids;
}

}  // namespace

// GET /api/subscriptions
ApiReply list_subscriptions(Services& sv, ApiRequest& r) {
  auto params = query_params(r.http);
  const std::string format = params.count("format") ? params["format"] : "";
  const std::string ids = params.count("ids") ? params["ids"] : "";
  params.erase("format");
  params.erase("ids");
  if (!format.empty() && format != "csv")
    throw ServiceError(ErrorKind::Validation, phrase("Some fields need attention."), {{"format", "Use csv or leave it out."}});
  if (!ids.empty() && format != "csv")
    throw ServiceError(ErrorKind::Validation, phrase("Some fields need attention."), {{"ids", "ids goes with format=csv."}});
  const ListQuery q = require_parsed(parse_list_query(params));
  if (format == "csv") {
    ApiReply out = reply(200, nullptr);
    const auto rows = sv.subscriptions.export_list(r.signed_in(), q, ids.empty() ? std::vector<int64_t>{} : selected_ids(ids));
    out.download = Download{"subscriptions.csv", "text/csv; charset=utf-8", subscriptions_csv(rows)};
    return out;
  }
  return sv.list_replies.answer(sv.subscriptions, r.signed_in(), q, r.http.get_header_value("If-None-Match"));
}

// POST /api/subscriptions
ApiReply create_subscription(Services& sv, ApiRequest& r) {
  auto request = require_parsed(parse_new_subscription(r.body));
  return reply(201, to_json(sv.subscriptions.create(r.signed_in(), request)));
}

// GET /api/subscriptions/{id}
ApiReply get_subscription(Services& sv, ApiRequest& r) {
  return reply(200, to_json(sv.subscriptions.get(r.signed_in(), r.id_param(0))));
}

// PATCH /api/subscriptions/{id}
ApiReply update_subscription(Services& sv, ApiRequest& r) {
  auto patch = require_parsed(parse_subscription_patch(r.body));
  if (patch.status)
    if (auto refusal = authorize_status_change(r.signed_in())) throw *refusal;
  return reply(200, to_json(sv.subscriptions.update(r.signed_in(), r.id_param(0), patch)));
}

// GET /api/subscriptions/{id}/seat-quote
ApiReply seat_quote(Services& sv, ApiRequest& r) {
  // The same reading as the typed field: whole numbers only, then the shared range rule.
  const auto n = parse_whole_number(r.http.get_param_value("user_count"));
  const auto problem = n ? check_user_count(*n) : check_user_count(0);
  if (problem)
    throw ServiceError(ErrorKind::Validation, phrase("Some fields need attention."), {{"user_count", *problem}});
  const int count = static_cast<int>(*n);
  const SeatChangePlan plan = sv.billing.quote(r.signed_in(), r.id_param(0), count);
  const bool amounts = may_see_amounts(r.signed_in());
  SeatQuote quote{count, plan.immediate, std::nullopt, plan.effective_from, std::nullopt};
  if (amounts) {
    quote.amount_cents = plan.charge_cents;
    quote.currency = sv.billing.prices().currency;
  }
  return reply(200, to_json(quote));
}

// POST /api/subscriptions/{id}/invitation
ApiReply resend_invitation(Services& sv, ApiRequest& r) {
  sv.invitations.resend(r.signed_in(), r.id_param(0));
  return reply(202, json::object());
}

// POST /api/subscriptions/invitations
ApiReply resend_invitations(Services& sv, ApiRequest& r) {
  BulkResendResult result;
  for (int64_t id : selected_ids(r.body)) {
    try {
      sv.invitations.resend(r.signed_in(), id);
      result.resent.push_back(id);
    } catch (const ServiceError& e) {
      result.skipped.push_back({id, e.what()});
    }
  }
  return reply(200, to_json(result));
}

// GET /api/subscriptions/{id}/editor-info
ApiReply editor_info(Services& sv, ApiRequest& r) {
  return reply(200, to_json(sv.subscriptions.customer_view(r.id_param(0))));
}

// GET /api/billing/summary
ApiReply billing_summary(Services& sv, ApiRequest& r) {
  const std::string days = r.http.get_param_value("days");
  const int n = days == "30" ? 30 : days.empty() || days == "90" ? 90 : -1;
  if (n < 0) throw ServiceError(ErrorKind::Validation, phrase("Some fields need attention."), {{"days", "Use 30 or 90."}});
  return reply(200, to_json(sv.billing.summary(r.signed_in(), n)));
}

// GET /api/billing/invoices
ApiReply list_invoices(Services& sv, ApiRequest& r) {
  return reply(200, api::items_of(sv.billing.invoices(r.signed_in())));
}

// GET /api/billing/invoices/{id}
ApiReply get_invoice(Services& sv, ApiRequest& r) {
  return reply(200, to_json(sv.billing.invoice(r.signed_in(), r.id_param(0))));
}

// GET /api/billing/invoices/{id}/csv
ApiReply download_invoice_csv(Services& sv, ApiRequest& r) {
  const Invoice inv = sv.billing.invoice(r.signed_in(), r.id_param(0));
  ApiReply out = reply(200, nullptr);
  out.download = Download{"invoice-" + std::to_string(inv.number) + ".csv", "text/csv; charset=utf-8", invoice_csv(inv)};
  return out;
}

// GET /api/billing/invoices/{id}/html
ApiReply invoice_page(Services& sv, ApiRequest& r) {
  const Invoice inv = sv.billing.invoice(r.signed_in(), r.id_param(0));
  ApiReply out = reply(200, nullptr);
  out.page = Page{"text/html; charset=utf-8", invoice_html(inv, sv.auth.reseller_name(r.signed_in()))};
  return out;
}

// GET /api/audit
ApiReply audit_log(Services& sv, ApiRequest& r) {
  AuditQuery q;
  q.action = r.http.get_param_value("action");
  q.q = r.http.get_param_value("q");
  const std::string before = r.http.get_param_value("before");
  if (!before.empty()) {
    const auto id = parse_whole_number(before);
    if (!id || *id < 1)
      throw ServiceError(ErrorKind::Validation, phrase("Some fields need attention."),
                         {{"before", "Enter a whole number."}});
    q.before_id = *id;
  }
  const bool csv = r.http.get_param_value("format") == "csv";
  if (csv) q.limit = 100000;
  const std::vector<AuditEntry> entries = sv.audit.list(r.signed_in(), q);
  ApiReply out = reply(200, nullptr);
  if (csv) {
    out.download = Download{"audit-log.csv", "text/csv; charset=utf-8", audit_csv(entries)};
  } else {
    out.body = api::items_of(entries);
  }
  return out;
}

}  // namespace signet::handlers
