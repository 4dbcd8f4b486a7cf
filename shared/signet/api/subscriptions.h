// Bodies of subscription endpoints beyond the Subscription itself (json_mapping.h): the seat
// quote (GET /api/subscriptions/{id}/seat-quote) and the bulk resend
// (POST /api/subscriptions/invitations).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "signet/dates.h"

namespace signet {

// What changing the number of users would do. `amount_cents` and `currency` are null for roles
// that see no prices (support staff).
struct SeatQuote {
  int user_count = 0;
  bool immediate = true;
  std::optional<int64_t> amount_cents;
  std::optional<Date> effective_from;  // a decrease waits for the next renewal
  std::optional<std::string> currency;
};

struct SkippedResend {
  int64_t id = 0;
  std::string message;  // what the single resend would have answered
};

struct BulkResendResult {
  std::vector<int64_t> resent;
  std::vector<SkippedResend> skipped;
};

nlohmann::json to_json(const SeatQuote& q);
nlohmann::json to_json(const BulkResendResult& r);
std::optional<SeatQuote> seat_quote_from_json(const nlohmann::json& j);
std::optional<BulkResendResult> bulk_resend_from_json(const nlohmann::json& j);

}  // namespace signet
