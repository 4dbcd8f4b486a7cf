#include "signet/api/signatures.h"

#include "signet/api/wire.h"
#include "signet/i18n.h"
#include "signet/text.h"

namespace signet {

using nlohmann::json;
using api::WireReader;

json to_json(const std::vector<TemplateRule>& rules) {
  json items = json::array();
  for (const TemplateRule& r : rules) {
    json j{{"template_id", r.template_id}};
    if (r.user_id) j["user_id"] = *r.user_id;
    else j["department"] = r.department;
    items.push_back(std::move(j));
  }
  return json{{"rules", std::move(items)}};
}

json to_json(const ImportResult& r) {
  json errors = json::array();
  for (const ImportError& e : r.errors) errors.push_back({{"line", e.line}, {"field", e.field}, {"message", e.message}});
  return json{{"created", r.created}, {"updated", r.updated}, {"errors", std::move(errors)},
              {"errors_omitted", r.errors_omitted}};
}

Parsed<std::vector<TemplateRule>> parse_template_rules(const json& body) {
  Parsed<std::vector<TemplateRule>> out;
  if (!body.is_object() || !body.contains("rules") || !body["rules"].is_array()) {
    out.errors.emplace("rules", phrase("Send {\"rules\": [...]}."));
    return out;
  }
  for (size_t i = 0; i < body["rules"].size(); ++i) {
    const json& r = body["rules"][i];
    const std::string at = "rules." + std::to_string(i);
    TemplateRule rule;
    if (!r.is_object() || !r.contains("template_id") || !r["template_id"].is_number_integer()) {
      out.errors.emplace(at + ".template_id", phrase("Each rule needs a template_id."));
      continue;
    }
    rule.template_id = r["template_id"].get<int64_t>();
    if (r.contains("user_id") && r["user_id"].is_number_integer()) rule.user_id = r["user_id"].get<int64_t>();
    else if (r.contains("department") && r["department"].is_string()) rule.department = trim(r["department"].get<std::string>());
    else out.errors.emplace(at, phrase("Each rule names a department or a user_id."));
    out.value.push_back(rule);
  }
  return out;
}

std::optional<ImportResult> import_result_from_json(const json& j) {
  const auto error = [](const json& e) -> std::optional<ImportError> {
    int64_t line = -1;
    auto ie = api::read_object<ImportError>(e, [&line](WireReader& r, ImportError& x) {
      r.req("line", line).req("field", x.field).req("message", x.message);
    });
    if (!ie || line < 0) return std::nullopt;
    ie->line = static_cast<size_t>(line);
    return ie;
  };
  return api::read_object<ImportResult>(j, [&](WireReader& r, ImportResult& res) {
    r.req("created", res.created).req("updated", res.updated).req("errors_omitted", res.errors_omitted)
        .list("errors", res.errors, error);
  });
}

}  // namespace signet
