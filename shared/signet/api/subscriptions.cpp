#include "signet/api/subscriptions.h"

#include "signet/api/wire.h"

namespace signet {

using nlohmann::json;
using api::WireReader;

json to_json(const SeatQuote& q) {
  return json{{"user_count", q.user_count},
              {"immediate", q.immediate},
              {"amount_cents", q.amount_cents ? json(*q.amount_cents) : json(nullptr)},
              {"effective_from", q.effective_from ? json(format_iso(*q.effective_from)) : json(nullptr)},
              {"currency", q.currency ? json(*q.currency) : json(nullptr)}};
}

json to_json(const BulkResendResult& r) {
  json skipped = json::array();
  for (const SkippedResend& s : r.skipped) skipped.push_back({{"id", s.id}, {"message", s.message}});
  return json{{"resent", r.resent}, {"skipped", std::move(skipped)}};
}

std::optional<SeatQuote> seat_quote_from_json(const json& j) {
  SeatQuote q;
  WireReader r(j);
  r.req("user_count", q.user_count).req("immediate", q.immediate).nullable("amount_cents", q.amount_cents)
      .nullable("effective_from", q.effective_from).nullable("currency", q.currency);
  if (!r.done()) return std::nullopt;
  return q;
}

std::optional<BulkResendResult> bulk_resend_from_json(const json& j) {
  BulkResendResult b;
  WireReader r(j);
  r.list("resent", b.resent,
         [](const json& id) { return id.is_number_integer() ? std::optional<int64_t>(id.get<int64_t>()) : std::nullopt; })
      .list("skipped", b.skipped, [](const json& s) -> std::optional<SkippedResend> {
        SkippedResend k;
        WireReader sr(s);
        sr.req("id", k.id).req("message", k.message);
        return sr.done() ? std::optional<SkippedResend>(k) : std::nullopt;
      });
  if (!r.done()) return std::nullopt;
  return b;
}

}  // namespace signet
