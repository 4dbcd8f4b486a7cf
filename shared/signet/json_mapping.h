// JSON <-> model, strict. Parsing never throws: wrong types, missing fields and unknown
// enum values come back as field errors, exactly what the API returns in error.fields.
#pragma once
#include <nlohmann/json.hpp>

#include "signet/model.h"
#include "signet/validation.h"

namespace signet {

template <typename T>
struct Parsed {
  T value{};
  FieldErrors errors;  // empty when value is valid
  bool ok() const { return errors.empty(); }
};

// Request bodies. Each also runs the validation rules, so ok() means "valid".
Parsed<NewSubscription> parse_new_subscription(const nlohmann::json& j);
Parsed<SubscriptionPatch> parse_subscription_patch(const nlohmann::json& j);
Parsed<Credentials> parse_credentials(const nlohmann::json& j);
Parsed<ResellerSignup> parse_reseller_signup(const nlohmann::json& j);
// Checks types and the name/phone rules; the password rule needs the invited e-mail and is
// applied by validate(AcceptInvitation, email).
Parsed<AcceptInvitation> parse_accept_invitation(const nlohmann::json& j);

// Query string values of GET /api/subscriptions (already split into name/value).
Parsed<ListQuery> parse_list_query(const std::map<std::string, std::string>& params);

nlohmann::json to_json(const Subscription& s);
nlohmann::json to_json(const User& u);
nlohmann::json to_json(const NewSubscription& s);
nlohmann::json to_json(const InvitationInfo& i);
nlohmann::json to_json(const CustomerView& c);

// Responses read by the browser. nullopt when the shape is wrong.
std::optional<Subscription> subscription_from_json(const nlohmann::json& j);
std::optional<User> user_from_json(const nlohmann::json& j);
std::optional<InvitationInfo> invitation_info_from_json(const nlohmann::json& j);
std::optional<CustomerView> customer_view_from_json(const nlohmann::json& j);

// {"error":{"code":...,"message":...,"fields":{...}}}
nlohmann::json error_body(std::string_view code, std::string_view message,
                          const FieldErrors& fields = {});

}  // namespace signet
