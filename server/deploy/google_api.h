// The two Google endpoints a deployment talks to, over HTTPS with libcurl: the OAuth token
// endpoint (a service account's signed assertion in, an access token out) and the Gmail API's
// users.settings.sendAs update (the signature of one address). Both URLs are settings
// (--google-token-url, --gmail-api-url) so tests point them at a local server.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace signet {

struct GoogleEndpoints {
  std::string token_url = "https://oauth2.googleapis.com/token";
  std::string gmail_url = "https://gmail.googleapis.com";
};

struct GoogleReply {
  long status = 0;                          // 0: no HTTP answer (see transport_error)
  std::string body;
  std::optional<int64_t> retry_after;       // seconds, from a Retry-After header
  std::string transport_error;              // libcurl's message when there was no answer
};

class GoogleApi {
 public:
  explicit GoogleApi(GoogleEndpoints endpoints);
  const GoogleEndpoints& endpoints() const { return endpoints_; }

  // POST token_url: grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=...
  GoogleReply request_token(std::string_view assertion) const;
  // PUT gmail/v1/users/{address}/settings/sendAs/{address} with {"signature": html}.
  GoogleReply put_signature(std::string_view access_token, std::string_view address, std::string_view html) const;

 private:
  GoogleEndpoints endpoints_;
};

// Google's own words for a refusal: error.message of an API error, or error_description /
// error of an OAuth one; the status line when the body says nothing.
std::string google_message(const GoogleReply& reply);

}  // namespace signet
