// Small readers the handlers share: a parsed body's errors as a 400, the query string as a
// map, one required text field of a small JSON body.
#pragma once
#include <httplib.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "services/service_error.h"
#include "signet/json_mapping.h"

namespace signet::handlers {

// The value, or a Validation error carrying the field messages.
template <typename T>
T require_parsed(Parsed<T> parsed) {
  require_valid(parsed.errors);
  return std::move(parsed.value);
}

// Query parameters by name; the first value wins when one is repeated.
std::map<std::string, std::string> query_params(const httplib::Request& req);

// A required text field of a small body; a field error when missing or not text.
std::string text_field(const nlohmann::json& body, const char* key);

}  // namespace signet::handlers
