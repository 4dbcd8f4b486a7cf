// Bodies of the signature endpoints beyond templates and directory users (signature_json.h):
// the assignment rules (GET/PUT /api/subscriptions/{id}/template-rules) and the result of a CSV
// import (POST /api/subscriptions/{id}/users/import).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "signet/json_mapping.h"

namespace signet {

// Which template a user gets: the first rule that matches, else the default template. A rule
// names a department or (user_id) one directory user.
struct TemplateRule {
  int64_t template_id = 0;
  std::string department;
  std::optional<int64_t> user_id;
};

struct ImportError {
  size_t line = 0;  // in the file, the header being line 1
  std::string field;
  std::string message;
};

struct ImportResult {
  int created = 0;
  int updated = 0;
  std::vector<ImportError> errors;  // the first ones; the server lists at most 100
  int64_t errors_omitted = 0;       // the ones past those
};

// {"rules":[...]}
nlohmann::json to_json(const std::vector<TemplateRule>& rules);
nlohmann::json to_json(const ImportResult& r);
// The body of PUT template-rules: each rule checked, with a message at "rules.N" for each bad one.
Parsed<std::vector<TemplateRule>> parse_template_rules(const nlohmann::json& body);
std::optional<ImportResult> import_result_from_json(const nlohmann::json& j);

}  // namespace signet
