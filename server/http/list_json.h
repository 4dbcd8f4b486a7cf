// The subscription list's JSON written straight into one string. The list is the portal's
// hottest reply; building it as nlohmann::json objects first (a map node and strings per
// field, 16 fields per row) cost more than the database query. The bytes are exactly those
// of to_json() + dump() (same sorted key order, same escaping); tests compare the two.
#pragma once
#include <string>

#include "storage/subscription_store.h"

namespace signet {

std::string subscription_page_json(const SubscriptionPage& page);

}  // namespace signet
