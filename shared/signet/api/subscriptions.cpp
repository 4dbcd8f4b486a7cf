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
  return api::read_object<SeatQuote>(j, [](WireReader& r, SeatQuote& q) {
    r.req("user_count", q.user_count).req("immediate", q.immediate).nullable("amount_cents", q.amount_cents)
        .nullable("effective_from", q.effective_from).nullable("currency", q.currency);
  });
}

std::optional<BulkResendResult> bulk_resend_from_json(const json& j) {
  const auto skipped = [](const json& s) {
    return api::read_object<SkippedResend>(s, [](WireReader& r, SkippedResend& k) { r.req("id", k.id).req("message", k.message); });
  };
  const auto id = [](const json& v) { return v.is_number_integer() ? std::optional<int64_t>(v.get<int64_t>()) : std::nullopt; };
  return api::read_object<BulkResendResult>(j, [&](WireReader& r, BulkResendResult& b) {
    r.list("resent", b.resent, id).list("skipped", b.skipped, skipped);
  });
}

}  // namespace signet
