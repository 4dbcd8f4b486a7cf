// Handlers of the signature editor: directory users, templates, assignment rules, previews and
// the deployment artefacts.
#include "http/handlers.h"

#include "http/request_parsing.h"
#include "http/routes.h"
#include "signet/api/signatures.h"
#include "signet/json_mapping.h"
#include "signet/signature_json.h"
#include "signet/text.h"

namespace signet::handlers {

using nlohmann::json;

namespace {

DirectoryQuery directory_query(const httplib::Request& req) {
  DirectoryQuery q;
  FieldErrors errors;
  for (const auto& [name, value] : query_params(req)) {
    if (name == "q") {
      if (!is_valid_utf8(value) || value.size() > 200) errors.emplace("q", "Search text must be valid text of at most 200 characters.");
      else q.q = value;
    } else if (name == "sort") {
      q.descending = !value.empty() && value[0] == '-';
      q.sort = q.descending ? value.substr(1) : value;
      if (q.sort != "email" && q.sort != "display_name" && q.sort != "department" && q.sort != "job_title")
        errors.emplace("sort", "Sort by email, display_name, department or job_title, with - for descending.");
    } else if (name == "page" || name == "per_page") {
      const bool digits = !value.empty() && value.size() <= 6 && value.find_first_not_of("0123456789") == std::string::npos;
      const int n = digits ? std::stoi(value) : 0;
      if (n < 1 || (name == "per_page" && n > kMaxPerPage)) errors.emplace(name, "Must be a whole number from 1 to " + std::string(name == "page" ? "999999" : "500") + ".");
      else (name == "page" ? q.page : q.per_page) = n;
    } else {
      errors.emplace(name, "Unknown parameter.");
    }
  }
  require_valid(errors);
  return q;
}

json templates_json(const std::vector<SignatureTemplate>& templates) {
  json items = json::array();
  for (const auto& t : templates) items.push_back(to_json(t));
  return json{{"items", std::move(items)}};
}

}  // namespace

// GET /api/subscriptions/{id}/users
ApiReply list_directory_users(Services& sv, ApiRequest& r) {
  const DirectoryPage page = sv.signatures.list_users(r.id_param(0), directory_query(r.http));
  json items = json::array();
  for (const auto& u : page.items) items.push_back(to_json(u));
  return reply(200, json{{"items", std::move(items)}, {"total", page.total}});
}

// POST /api/subscriptions/{id}/users
ApiReply create_directory_user(Services& sv, ApiRequest& r) {
  auto u = require_parsed(parse_directory_user(r.body));
  return reply(201, to_json(sv.signatures.create_user(r.signed_in(), r.id_param(0), u)));
}

// POST /api/subscriptions/{id}/users/import
ApiReply import_directory_users(Services& sv, ApiRequest& r) {
  return reply(200, to_json(sv.signatures.import_users(r.signed_in(), r.id_param(0), r.http.body)));
}

// PUT /api/subscriptions/{id}/users/{id}
ApiReply update_directory_user(Services& sv, ApiRequest& r) {
  auto u = require_parsed(parse_directory_user(r.body));
  return reply(200, to_json(sv.signatures.update_user(r.signed_in(), r.id_param(0), r.id_param(1), u)));
}

// DELETE /api/subscriptions/{id}/users/{id}
ApiReply delete_directory_user(Services& sv, ApiRequest& r) {
  sv.signatures.delete_user(r.signed_in(), r.id_param(0), r.id_param(1));
  return reply(204, nullptr);
}

// GET /api/subscriptions/{id}/templates
ApiReply list_templates(Services& sv, ApiRequest& r) {
  return reply(200, templates_json(sv.signatures.list_templates(r.id_param(0))));
}

// POST /api/subscriptions/{id}/templates
ApiReply create_template(Services& sv, ApiRequest& r) {
  auto t = require_parsed(parse_template(r.body));
  return reply(201, to_json(sv.signatures.create_template(r.signed_in(), r.id_param(0), t)));
}

// GET /api/subscriptions/{id}/templates/{id}
ApiReply get_template(Services& sv, ApiRequest& r) {
  return reply(200, to_json(sv.signatures.get_template(r.id_param(0), r.id_param(1))));
}

// PUT /api/subscriptions/{id}/templates/{id}
ApiReply update_template(Services& sv, ApiRequest& r) {
  auto t = require_parsed(parse_template(r.body));
  return reply(200, to_json(sv.signatures.update_template(r.signed_in(), r.id_param(0), r.id_param(1), t)));
}

// DELETE /api/subscriptions/{id}/templates/{id}
ApiReply delete_template(Services& sv, ApiRequest& r) {
  sv.signatures.delete_template(r.signed_in(), r.id_param(0), r.id_param(1));
  return reply(204, nullptr);
}

// GET /api/subscriptions/{id}/templates/{id}/render
ApiReply render_template(Services& sv, ApiRequest& r) {
  const std::string user = r.http.get_param_value("user");
  if (user.empty() || user.size() > 15 || user.find_first_not_of("0123456789") != std::string::npos)
    throw ServiceError(ErrorKind::Validation, phrase("Some fields need attention."), {{"user", phrase("Choose a directory user.")}});
  return reply(200, to_json(sv.signatures.render(r.id_param(0), r.id_param(1), std::stoll(user))));
}

// GET /api/subscriptions/{id}/template-rules
ApiReply get_template_rules(Services& sv, ApiRequest& r) {
  return reply(200, to_json(sv.signatures.rules(r.id_param(0))));
}

// PUT /api/subscriptions/{id}/template-rules
ApiReply replace_template_rules(Services& sv, ApiRequest& r) {
  return reply(200, to_json(sv.signatures.replace_rules(r.signed_in(), r.id_param(0), require_parsed(parse_template_rules(r.body)))));
}

// GET /api/subscriptions/{id}/deployment
ApiReply deployment(Services& sv, ApiRequest& r) {
  const int64_t id = r.id_param(0);
  json artefacts = sv.signatures.deployment(id);
  ApiReply out = reply(200, artefacts);
  if (r.http.get_param_value("download") == "1") {
    const bool gmail = artefacts.contains("gmail");
    out.download = Download{
        "signatures-" + std::to_string(id) + (gmail ? "-gmail.json" : "-exchange.ps1"),
        gmail ? "application/json" : "text/plain; charset=utf-8",
        gmail ? artefacts["gmail"].dump(2) : artefacts["powershell"].get<std::string>()};
  }
  return out;
}

}  // namespace signet::handlers
