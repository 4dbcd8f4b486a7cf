#include "google_fake.h"

#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>

#include "deploy/service_account.h"
#include "rsa_keys.h"

namespace signet::test {

using nlohmann::json;

GoogleFake::GoogleFake(EVP_PKEY* service_account_key, std::string client_email)
    : key_(service_account_key), client_email_(std::move(client_email)) {
  server_.Post("/token", [this](const httplib::Request& req, httplib::Response& res) { handle_token(req, res); });
  server_.Put(R"(/gmail/v1/users/([^/]+)/settings/sendAs/([^/]+))",
              [this](const httplib::Request& req, httplib::Response& res) { handle_send_as(req, res); });
  port_ = server_.bind_to_any_port("127.0.0.1");
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  // stop() does nothing before the server runs, so the destructor must not come first.
  while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

GoogleFake::~GoogleFake() {
  server_.stop();
  thread_.join();
}

void GoogleFake::throttle(const std::string& address, int n, int seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  throttled_[address] = {n, seconds};
}

void GoogleFake::fail_next(int n) {
  std::lock_guard<std::mutex> lock(mutex_);
  fail_next_ = n;
}

void GoogleFake::deny(const std::string& address) {
  std::lock_guard<std::mutex> lock(mutex_);
  denied_.insert(address);
}

void GoogleFake::allow(const std::string& address) {
  std::lock_guard<std::mutex> lock(mutex_);
  denied_.erase(address);
}

void GoogleFake::revoke() {
  std::lock_guard<std::mutex> lock(mutex_);
  revoked_ = true;
}

std::map<std::string, std::string> GoogleFake::signatures() {
  std::lock_guard<std::mutex> lock(mutex_);
  return signatures_;
}

std::map<std::string, int> GoogleFake::updates() {
  std::lock_guard<std::mutex> lock(mutex_);
  return updates_;
}

int GoogleFake::refused_assertions() {
  std::lock_guard<std::mutex> lock(mutex_);
  return refused_;
}

void GoogleFake::handle_token(const httplib::Request& req, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto refuse = [&](int status, const char* error, const char* description) {
    res.status = status;
    res.set_content(json{{"error", error}, {"error_description", description}}.dump(), "application/json");
  };
  const std::string jwt = req.get_param_value("assertion");
  const size_t dot1 = jwt.find('.'), dot2 = jwt.rfind('.');
  const auto claims_text = dot1 != std::string::npos && dot2 > dot1 ? from_base64url(jwt.substr(dot1 + 1, dot2 - dot1 - 1)) : std::nullopt;
  const auto signature = dot2 != std::string::npos ? from_base64url(jwt.substr(dot2 + 1)) : std::nullopt;
  const json claims = claims_text ? json::parse(*claims_text, nullptr, false) : json();
  const int64_t now = std::time(nullptr);
  const bool valid = req.get_param_value("grant_type") == "urn:ietf:params:oauth:grant-type:jwt-bearer" && signature &&
                     claims.is_object() && rs256_valid(key_, jwt.substr(0, dot2), *signature) &&
                     claims.value("iss", "") == client_email_ && claims.value("aud", "") == url() + "/token" &&
                     claims.value("scope", "") == "https://www.googleapis.com/auth/gmail.settings.basic" &&
                     claims.value("exp", int64_t{0}) > now && claims.value("exp", int64_t{0}) - claims.value("iat", int64_t{0}) <= 3600 &&
                     !claims.value("sub", "").empty();
  if (!valid) {
    ++refused_;
    return refuse(400, "invalid_grant", "Invalid JWT Signature.");
  }
  if (revoked_)
    return refuse(401, "unauthorized_client",
                  "Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.");
  const std::string token = "ya29.fake-" + std::to_string(++issued_);
  token_owner_[token] = claims["sub"].get<std::string>();
  res.set_content(json{{"access_token", token}, {"expires_in", 3599}, {"token_type", "Bearer"}}.dump(), "application/json");
}

void GoogleFake::handle_send_as(const httplib::Request& req, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto error = [&](int status, const std::string& message) {
    res.status = status;
    res.set_content(json{{"error", {{"code", status}, {"message", message}}}}.dump(), "application/json");
  };
  const std::string user = httplib::detail::decode_url(req.matches[1], false);
  const std::string address = httplib::detail::decode_url(req.matches[2], false);
  const std::string auth = req.get_header_value("Authorization");
  const auto owner = token_owner_.find(auth.rfind("Bearer ", 0) == 0 ? auth.substr(7) : "");
  if (owner == token_owner_.end() || owner->second != user)
    return error(401, "Request had invalid authentication credentials.");
  if (user != address || denied_.count(address)) return error(403, "Delegation denied for " + user);
  if (auto t = throttled_.find(address); t != throttled_.end() && t->second.first > 0) {
    --t->second.first;
    res.set_header("Retry-After", std::to_string(t->second.second));
    return error(429, "Too many requests for this user.");
  }
  if (fail_next_ > 0) {
    --fail_next_;
    return error(503, "The service is currently unavailable.");
  }
  const json body = json::parse(req.body, nullptr, false);
  if (!body.is_object() || !body.contains("signature") || !body["signature"].is_string())
    return error(400, "Invalid value at 'send_as.signature'");
  signatures_[address] = body["signature"].get<std::string>();
  ++updates_[address];
  res.set_content(json{{"sendAsEmail", address}, {"signature", signatures_[address]}}.dump(), "application/json");
}

}  // namespace signet::test
