#include "http/routes.h"

#include "signet/json_mapping.h"

namespace signet {

using nlohmann::json;

namespace {

json session_body(const Actor& a) {
  return json{{"user", to_json(a.user)}, {"csrf_token", a.csrf_token}};
}

ApiReply signed_in_reply(int status, const NewSession& s) {
  ApiReply r = reply(status, session_body(s.actor));
  r.session_cookie = s.token;
  return r;
}

template <typename T>
T require_parsed(Parsed<T> parsed) {
  require_valid(parsed.errors);
  return std::move(parsed.value);
}

std::map<std::string, std::string> query_params(const httplib::Request& req) {
  std::map<std::string, std::string> params;
  for (const auto& [k, v] : req.params) params.emplace(k, v);  // first value wins
  return params;
}

}  // namespace

std::vector<Route> api_routes(Services& sv) {
  AuthService& auth = sv.auth;
  SubscriptionService& subs = sv.subscriptions;
  InvitationService& invitations = sv.invitations;
  return {
      // Sessions
      {"POST", "/api/session", Access::Public, Csrf::Exempt, Body::Json,
       [&](ApiRequest& r) {
         return signed_in_reply(200, auth.sign_in(require_parsed(parse_credentials(r.body))));
       }},
      {"GET", "/api/session", Access::SignedIn, Csrf::Required, Body::None,
       [](ApiRequest& r) { return reply(200, session_body(r.signed_in())); }},
      {"DELETE", "/api/session", Access::SignedIn, Csrf::Required, Body::None,
       [&](ApiRequest& r) {
         auth.sign_out(r.signed_in());
         ApiReply out = reply(204, nullptr);
         out.session_cookie = std::string();  // clear it
         return out;
       }},

      // First-run setup of the first reseller account
      {"GET", R"(/api/setup/([A-Za-z0-9_-]{1,128}))", Access::Public, Csrf::Exempt, Body::None,
       [&](ApiRequest& r) {
         auth.check_setup_token(r.path_param(0));
         return reply(200, json::object());
       }},
      {"POST", R"(/api/setup/([A-Za-z0-9_-]{1,128}))", Access::Public, Csrf::Exempt, Body::Json,
       [&](ApiRequest& r) {
         auto signup = require_parsed(parse_reseller_signup(r.body));
         return signed_in_reply(201, auth.complete_setup(r.path_param(0), signup));
       }},

      // Subscriptions
      {"GET", "/api/subscriptions", Access::Reseller, Csrf::Required, Body::None,
       [&](ApiRequest& r) {
         const ListQuery q = require_parsed(parse_list_query(query_params(r.http)));
         const SubscriptionPage page = subs.list(r.signed_in(), q);
         json items = json::array();
         for (const auto& s : page.items) items.push_back(to_json(s));
         return reply(200, json{{"items", std::move(items)}, {"total", page.total}});
       }},
      {"POST", "/api/subscriptions", Access::Reseller, Csrf::Required, Body::Json,
       [&](ApiRequest& r) {
         auto request = require_parsed(parse_new_subscription(r.body));
         return reply(201, to_json(subs.create(r.signed_in(), request)));
       }},
      {"GET", R"(/api/subscriptions/(\d+))", Access::Reseller, Csrf::Required, Body::None,
       [&](ApiRequest& r) { return reply(200, to_json(subs.get(r.signed_in(), r.id_param(0)))); }},
      {"PATCH", R"(/api/subscriptions/(\d+))", Access::Reseller, Csrf::Required, Body::Json,
       [&](ApiRequest& r) {
         auto patch = require_parsed(parse_subscription_patch(r.body));
         return reply(200, to_json(subs.update(r.signed_in(), r.id_param(0), patch)));
       }},
      {"POST", R"(/api/subscriptions/(\d+)/invitation)", Access::Reseller, Csrf::Required, Body::None,
       [&](ApiRequest& r) {
         invitations.resend(r.signed_in(), r.id_param(0));
         return reply(202, json::object());
       }},

      // Customer entry point
      {"GET", R"(/api/invitations/([A-Za-z0-9_-]{1,128}))", Access::Public, Csrf::Exempt, Body::None,
       [&](ApiRequest& r) { return reply(200, to_json(invitations.lookup(r.path_param(0)))); }},
      {"POST", R"(/api/invitations/([A-Za-z0-9_-]{1,128})/accept)", Access::Public, Csrf::Exempt, Body::Json,
       [&](ApiRequest& r) {
         auto request = require_parsed(parse_accept_invitation(r.body));
         return signed_in_reply(201, invitations.accept(r.path_param(0), request));
       }},
      {"GET", R"(/api/subscriptions/(\d+)/editor-info)", Access::SubscriptionMember, Csrf::Required,
       Body::None,
       [&](ApiRequest& r) { return reply(200, to_json(subs.customer_view(r.id_param(0)))); }},
  };
}

}  // namespace signet
