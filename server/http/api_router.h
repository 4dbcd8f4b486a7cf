// The one path every API request takes: size and type checks, authentication from the
// session cookie, authorization by the route's Access level, the CSRF check, JSON parsing,
// and the mapping of ServiceError to the contract's status codes and error bodies.
// Route handlers only parse, call a service and shape the reply.
#pragma once
#include <httplib.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "http/client_address.h"
#include "http/policy.h"
#include "services/audit_log.h"
#include "services/auth_service.h"

namespace signet {

struct CookieConfig {
  std::string name = "session";  // "__Host-session" when served over https
  bool secure = false;
};

struct ApiRequest {
  const httplib::Request& http;
  std::optional<Actor> actor;
  nlohmann::json body;  // parsed JSON for routes that take a body; null otherwise
  // Who sent it: the peer, or the client a trusted proxy names (http/client_address.h). Every
  // per-address limit and the audit log use this, never http.remote_addr.
  std::string client_address;

  const Actor& signed_in() const { return *actor; }  // routes with Access above Public
  std::string path_param(size_t index) const { return http.matches[index + 1].str(); }
  int64_t id_param(size_t index) const;  // NotFound when not a valid id
};

// A file to hand to the browser as a download instead of a JSON body.
struct Download {
  std::string filename;  // [A-Za-z0-9._-] only: it goes into a header
  std::string content_type;
  std::string content;
};

// A document shown in the browser (e.g. a printable invoice) instead of a JSON body.
struct Page {
  std::string content_type;
  std::string content;
};

struct ApiReply {
  int status = 200;
  nlohmann::json body;  // not sent for 204
  // A body already written as JSON text, sent instead of `body` (the list: see list_json.h).
  std::optional<std::string> json_text;
  std::optional<Download> download;
  std::optional<Page> page;
  // Session cookie to set (a token) or to clear (empty string).
  std::optional<std::string> session_cookie;
  // Who is signed in after this request when it signed someone in (for the audit log).
  std::optional<Actor> new_actor;
  // A validator for this reply: the browser may keep it and revalidate (304 when current).
  std::optional<std::string> etag;
};

inline ApiReply reply(int status, nlohmann::json body) {
  ApiReply r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

// None: a GET, which changes nothing. Exempt: a state-changing route for someone without a
// session yet (signing in, redeeming a link).
enum class Csrf { None, Required, Exempt };
enum class Body { None, Json, Csv };
// Subscription: the first path id is a subscription, whose owner the router looks up before
// anything else, so authorization sees the tenant and a stranger learns nothing.
enum class Scope { None, Subscription };
// PathToken: the first path part is a secret link token, blanked out in the audit log.
enum class Secret { None, PathToken };

struct Route {
  std::string method;   // GET POST PATCH PUT DELETE
  std::string pattern;  // httplib regex, e.g. R"(/api/subscriptions/(\d+))"
  Access access = Access::SignedIn;
  Csrf csrf = Csrf::None;
  Body body = Body::None;
  Scope scope = Scope::None;
  Secret secret = Secret::None;
  std::function<ApiReply(ApiRequest&)> handler;
  const char* audit = nullptr;  // action name for the audit log, e.g. "subscription.create"
};

// What is wrong with a route's declaration, or nullopt: an unknown method, a GET that claims a
// CSRF check or a state-changing route without a CSRF decision, flags that disagree with the
// pattern (a subscription path without Scope::Subscription, a token in the path without
// Secret::PathToken, or the other way round), no handler. ApiRouter::add refuses such a route,
// so a wrong table stops the server at start-up instead of serving a route without its checks.
std::optional<std::string> route_problem(const Route& route);

constexpr size_t kMaxJsonBodyBytes = 1 << 20;
constexpr size_t kMaxCsvBodyBytes = 2 << 20;  // a CSV import: 10,000 rows of 200 bytes fit
constexpr int kMaxJsonDepth = 32;

// Finds the reseller of a subscription for SubscriptionMember routes.
using SubscriptionOwnerLookup = std::function<std::optional<int64_t>(int64_t subscription_id)>;

class ApiRouter {
 public:
  ApiRouter(httplib::Server& server, AuthService& auth, AuditLog& audit,
            SubscriptionOwnerLookup owner_of, CookieConfig cookie, TrustedProxies proxies);
  // Throws std::invalid_argument with route_problem()'s words for a wrong declaration.
  void add(Route route);
  // JSON 404 for any other /api/ path (registered after all routes).
  void add_fallback();

 private:
  // What the audit entry of a request needs, filled in as the request is handled.
  struct AuditContext {
    std::optional<Actor> actor;
    nlohmann::json body;
    std::string client_address;
  };
  void handle(const Route& route, const httplib::Request& req, httplib::Response& res);
  void dispatch(const Route& route, const httplib::Request& req, httplib::Response& res, AuditContext& audit);

  httplib::Server& server_;
  AuthService& auth_;
  AuditLog& audit_;
  SubscriptionOwnerLookup owner_of_;
  CookieConfig cookie_;
  TrustedProxies proxies_;
};

// Status code of the contract for each kind of refusal.
int status_for(ErrorKind kind);
const char* code_for(ErrorKind kind);
void send_error(httplib::Response& res, int status, std::string_view code, std::string_view message,
                const FieldErrors& fields = {});

}  // namespace signet
