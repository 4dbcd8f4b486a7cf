#include "http/api_router.h"


#include <cstdio>
#include <stdexcept>

#include "crypto.h"
#include "signet/json_mapping.h"
#include "signet/validation.h"
#include "storage/statement.h"

namespace signet {

using nlohmann::json;

int status_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Validation: return 400;
    case ErrorKind::BadRequest: return 400;
    case ErrorKind::Unauthenticated: return 401;
    case ErrorKind::InvalidCredentials: return 401;
    case ErrorKind::Forbidden: return 403;
    case ErrorKind::NotFound: return 404;
    case ErrorKind::Conflict: return 409;
    case ErrorKind::Gone: return 410;
    case ErrorKind::RateLimited: return 429;
    case ErrorKind::Unavailable: return 503;
  }
  return 500;
}

const char* code_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Validation: return "validation_failed";
    case ErrorKind::BadRequest: return "bad_request";
    case ErrorKind::Unauthenticated: return "unauthenticated";
    case ErrorKind::InvalidCredentials: return "invalid_credentials";
    case ErrorKind::Forbidden: return "forbidden";
    case ErrorKind::NotFound: return "not_found";
    case ErrorKind::Conflict: return "conflict";
    case ErrorKind::Gone: return "gone";
    case ErrorKind::RateLimited: return "rate_limited";
    case ErrorKind::Unavailable: return "unavailable";
  }
  return "internal";
}

void send_error(httplib::Response& res, int status, std::string_view code, std::string_view message,
                const FieldErrors& fields) {
  res.status = status;
  res.set_content(error_body(code, message, fields).dump(), "application/json");
}

int64_t ApiRequest::id_param(size_t index) const {
  const std::string s = path_param(index);
  if (s.empty() || s.size() > 15) throw ServiceError(ErrorKind::NotFound, phrase("Not found."));
  return std::stoll(s);  // the route regex allows digits only
}

namespace {

std::string cookie_value(const httplib::Request& req, const std::string& name) {
  const std::string header = req.get_header_value("Cookie");
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string_view part(header.data() + pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.substr(0, name.size()) == name && part[name.size()] == '=')
      return std::string(part.substr(name.size() + 1));
    pos = end + 1;
  }
  return {};
}

std::string set_cookie_header(const CookieConfig& cfg, const std::string& token) {
  std::string h = cfg.name + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
  if (cfg.secure) h += "; Secure";
  if (token.empty()) h += "; Max-Age=0";
  return h;
}


// Nesting depth of a JSON text, counted without parsing it, so a hostile
// "[[[[..." cannot make the parser recurse deeply.
int json_depth(const std::string& text) {
  int depth = 0, max_depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) max_depth = depth;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return max_depth;
}


bool is_json_content_type(const std::string& value) {
  const std::string type = value.substr(0, value.find(';'));
  return type == "application/json";
}

}  // namespace

std::optional<std::string> route_problem(const Route& r) {
  const std::string name = r.method + " " + r.pattern;
  const bool get = r.method == "GET";
  if (!get && r.method != "POST" && r.method != "PATCH" && r.method != "PUT" && r.method != "DELETE")
    return name + ": unknown method";
  if (get && r.csrf != Csrf::None) return name + ": a GET changes nothing, so it has no CSRF check to declare";
  if (!get && r.csrf == Csrf::None) return name + ": a state-changing route must require the CSRF token or be exempt";
  if (get && r.body != Body::None) return name + ": a GET takes no body";
  const bool subscription_path = r.pattern.rfind(R"(/api/subscriptions/(\d+))", 0) == 0;
  if (subscription_path != (r.scope == Scope::Subscription))
    return name + (subscription_path ? ": a subscription's path needs Scope::Subscription"
                                     : ": Scope::Subscription needs a path starting /api/subscriptions/(\\d+)");
  const bool token_path = r.pattern.find("([A-Za-z0-9_-]{1,128})") != std::string::npos;
  if (token_path != (r.secret == Secret::PathToken))
    return name + (token_path ? ": a token in the path needs Secret::PathToken"
                              : ": Secret::PathToken needs a ([A-Za-z0-9_-]{1,128}) token in the path");
  if (!r.handler) return name + ": no handler";
  return std::nullopt;
}

ApiRouter::ApiRouter(httplib::Server& server, AuthService& auth, AuditLog& audit,
                     SubscriptionOwnerLookup owner_of, CookieConfig cookie, TrustedProxies proxies)
    : server_(server),
      auth_(auth),
      audit_(audit),
      owner_of_(std::move(owner_of)),
      cookie_(std::move(cookie)),
      proxies_(std::move(proxies)) {}

void ApiRouter::add(Route route) {
  if (auto problem = route_problem(route)) throw std::invalid_argument("route table: " + *problem);
  auto shared = std::make_shared<Route>(std::move(route));
  auto handler = [this, shared](const httplib::Request& req, httplib::Response& res) {
    handle(*shared, req, res);
  };
  const std::string& m = shared->method;
  if (m == "GET") server_.Get(shared->pattern, handler);
  else if (m == "POST") server_.Post(shared->pattern, handler);
  else if (m == "PATCH") server_.Patch(shared->pattern, handler);
  else if (m == "PUT") server_.Put(shared->pattern, handler);
  else if (m == "DELETE") server_.Delete(shared->pattern, handler);
}

void ApiRouter::add_fallback() {
  auto not_found = [](const httplib::Request&, httplib::Response& res) {
    send_error(res, 404, "not_found", phrase("There is no such API endpoint."));
  };
  const std::string any_api = R"(/api(/.*)?)";
  server_.Get(any_api, not_found);
  server_.Post(any_api, not_found);
  server_.Patch(any_api, not_found);
  server_.Put(any_api, not_found);
  server_.Delete(any_api, not_found);
}

void ApiRouter::handle(const Route& route, const httplib::Request& req, httplib::Response& res) {
  AuditContext context;
  std::vector<std::string> forwarded_for;
  if (!proxies_.empty())
    for (size_t i = 0; i < req.get_header_value_count("X-Forwarded-For"); ++i)
      forwarded_for.push_back(req.get_header_value("X-Forwarded-For", i));
  context.client_address = proxies_.client_of(req.remote_addr, forwarded_for);
  dispatch(route, req, res, context);
  if (!route.audit) return;
  AuditRecord e;
  e.action = route.audit;
  e.target = req.path;
  // Links' tokens are secrets: the log keeps the path with the token blanked out.
  if (route.secret == Secret::PathToken && req.matches.size() > 1) {
    const std::string token = req.matches[1].str();
    if (const size_t at = e.target.find(token); at != std::string::npos) e.target.replace(at, token.size(), "{token}");
  }
  e.outcome = res.status;
  e.client_address = context.client_address;
  e.detail = AuditLog::redact(context.body);
  if (context.actor) {
    e.reseller_id = context.actor->reseller_id;
    e.user_id = context.actor->user.id;
    e.actor_email = context.actor->user.email;
  } else if (context.body.is_object() && context.body.contains("email") && context.body["email"].is_string()) {
    // A failed sign-in or a reset request: the address it was for, when it is one. Whatever
    // else a stranger sends is not worth a column (detail keeps 500 characters of it).
    const std::string email = normalize_email(context.body["email"].get<std::string>());
    if (!check_email(email)) e.actor_email = email;
  }
  audit_.record(std::move(e));
}

void ApiRouter::dispatch(const Route& route, const httplib::Request& req, httplib::Response& res,
                         AuditContext& audit) {
  res.set_header("Cache-Control", "no-store");
  try {
    ApiRequest request{req, std::nullopt, nullptr, audit.client_address};
    const std::string token = cookie_value(req, cookie_.name);
    if (!token.empty()) request.actor = auth_.authenticate(token);
    audit.actor = request.actor;

    // Routes under /api/subscriptions/{id} are about one tenant's subscription: whose it is
    // is settled here, before any body is looked at, so a stranger learns nothing.
    std::optional<AccessTarget> target;
    if (route.scope == Scope::Subscription && request.actor) {
      const int64_t id = request.id_param(0);
      target = AccessTarget{id, owner_of_(id)};
    }
    if (auto refusal = authorize(route.access, request.actor, target)) throw *refusal;

    if (route.csrf == Csrf::Required && request.actor &&
        !equal_secrets(req.get_header_value("X-CSRF-Token"), request.actor->csrf_token)) {
      send_error(res, 403, "csrf_failed", phrase("The request is missing its security token. Reload the page."));
      return;
    }

    if (route.body == Body::Csv) {
      if (req.get_header_value("Content-Type").substr(0, 8) != "text/csv")
        throw ServiceError(ErrorKind::BadRequest, phrase("Send the file as text/csv."));
    }
    if (route.body == Body::Json) {
      if (!is_json_content_type(req.get_header_value("Content-Type")))
        throw ServiceError(ErrorKind::BadRequest, phrase("Send the body as JSON with Content-Type: application/json."));
      if (req.body.size() > kMaxJsonBodyBytes) {
        send_error(res, 413, "payload_too_large", phrase("The request body is larger than 1 MiB."));
        return;
      }
      if (json_depth(req.body) > kMaxJsonDepth)
        throw ServiceError(ErrorKind::BadRequest, phrase("The JSON body is nested too deeply."));
      request.body = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
      if (request.body.is_discarded())
        throw ServiceError(ErrorKind::BadRequest, phrase("The body is not valid JSON (UTF-8)."));
      audit.body = request.body;
    }

    ApiReply reply = route.handler(request);
    if (reply.new_actor) audit.actor = reply.new_actor;
    res.status = reply.status;
    if (reply.session_cookie) res.set_header("Set-Cookie", set_cookie_header(cookie_, *reply.session_cookie));
    // Signing out also drops the list pages this browser kept for revalidation (see etag below).
    if (reply.session_cookie && reply.session_cookie->empty()) res.set_header("Clear-Site-Data", "\"cache\"");
    if (reply.etag) {
      // Kept by this browser only, and asked about again on every use: the reply is answered
      // 304 only while it is still exactly what the server would send.
      res.headers.erase("Cache-Control");  // set_header adds; the no-store above goes
      res.set_header("Cache-Control", "private, no-cache");
      res.set_header("ETag", *reply.etag);
    }
    if (reply.page) {
      res.set_content(reply.page->content, reply.page->content_type);
    } else if (reply.download) {
      res.set_header("Content-Disposition", "attachment; filename=\"" + reply.download->filename + "\"");
      res.set_content(reply.download->content, reply.download->content_type);
    } else if (reply.json_text) {
      res.set_content(*reply.json_text, "application/json");
    } else if (reply.status != 204 && reply.status != 304) {  // those have no body
      res.set_content(reply.body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
    }
  } catch (const ServiceError& e) {
    if (e.retry_after() > 0) res.set_header("Retry-After", std::to_string(e.retry_after()));
    if (e.kind() == ErrorKind::Unauthenticated && !cookie_value(req, cookie_.name).empty())
      res.set_header("Set-Cookie", set_cookie_header(cookie_, ""));  // drop a dead cookie
    send_error(res, status_for(e.kind()), e.code().empty() ? code_for(e.kind()) : e.code().c_str(),
               e.what(), e.fields());
  } catch (const HasherBusy&) {
    res.set_header("Retry-After", "1");
    send_error(res, 429, "rate_limited", phrase("Many people are signing in right now. Please try again in a moment."));
  } catch (const StorageError& e) {
    // Disk full, read-only file, I/O error or a lost database server: the transaction was
    // rolled back, so no data was half-written. Tell the client plainly and log the cause
    // for the operator.
    std::fprintf(stderr, "signet: %s %s: database error: %s\n", req.method.c_str(), req.path.c_str(), e.what());
    if (e.unavailable())
      send_error(res, 503, "unavailable",
                 phrase("The server cannot save data right now (storage full or unavailable). Nothing was changed; please try again later."));
    else
      send_error(res, 500, "internal", phrase("Something went wrong on our side. Please try again."));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "signet: %s %s failed: %s\n", req.method.c_str(), req.path.c_str(), e.what());
    send_error(res, 500, "internal", phrase("Something went wrong on our side. Please try again."));
  }
}

}  // namespace signet
