#include "http/request_parsing.h"

#include "signet/i18n.h"

namespace signet::handlers {

std::map<std::string, std::string> query_params(const httplib::Request& req) {
  std::map<std::string, std::string> params;
  for (const auto& [k, v] : req.params) params.emplace(k, v);
  return params;
}

std::string text_field(const nlohmann::json& body, const char* key) {
  if (!body.is_object() || !body.contains(key) || !body[key].is_string())
    throw ServiceError(ErrorKind::Validation, phrase("Some fields need attention."), {{key, phrase("This field is required.")}});
  return body[key].get<std::string>();
}

}  // namespace signet::handlers
