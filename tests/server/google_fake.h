// A local stand-in for Google's token endpoint and the Gmail API's sendAs update, for the
// deployment tests only. It checks what Google checks: each assertion's RS256 signature against
// the service account's public key, its issuer, audience, scope and lifetime, and that the
// bearer token of a sendAs update was issued for that very user. It answers as Google does,
// including 429 with Retry-After, 5xx bursts and a key whose delegation was revoked, and keeps
// the signature each address was given.
#pragma once
#include <httplib.h>
#include <openssl/evp.h>

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>

namespace signet::test {

class GoogleFake {
 public:
  GoogleFake(EVP_PKEY* service_account_key, std::string client_email);
  ~GoogleFake();
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string token_url() const { return url() + "/token"; }

  // The next `n` sendAs updates of `address` get 429 with Retry-After: `seconds`.
  void throttle(const std::string& address, int n, int seconds);
  // The next `n` sendAs updates, of anyone, get 503.
  void fail_next(int n);
  // Updates of `address` get 403, as when the user is outside the delegation.
  void deny(const std::string& address);
  // ... and no longer (the administrator added the user to the delegation).
  void allow(const std::string& address);
  // From now on the token endpoint refuses the key (its domain-wide delegation was removed).
  void revoke();

  std::map<std::string, std::string> signatures();  // address -> the last signature set
  std::map<std::string, int> updates();             // address -> sendAs updates answered 200
  int refused_assertions();                         // assertions that failed a check

 private:
  void handle_token(const httplib::Request& req, httplib::Response& res);
  void handle_send_as(const httplib::Request& req, httplib::Response& res);

  EVP_PKEY* key_;
  std::string client_email_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::map<std::string, std::string> token_owner_;  // access token -> the user it acts as
  std::map<std::string, std::pair<int, int>> throttled_;  // address -> (times left, seconds)
  std::set<std::string> denied_;
  int fail_next_ = 0;
  bool revoked_ = false;
  int refused_ = 0;
  int issued_ = 0;
  std::map<std::string, std::string> signatures_;
  std::map<std::string, int> updates_;
};

}  // namespace signet::test
