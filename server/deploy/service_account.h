// A Google Workspace service account key (the JSON file Google's console hands out) and the
// signed assertion (RFC 7523: a JWT, RS256) that the token endpoint exchanges for an access
// token acting as one user of the domain (domain-wide delegation). The RSA signature is
// OpenSSL's EVP; nothing of the cryptography is home-made.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace signet {

struct ServiceAccountKey {
  std::string client_email;
  std::string private_key_id;
  std::string private_key_pem;
  // The key's own "token_uri" is not kept: the server exchanges assertions only at the token
  // endpoint it was started with (--google-token-url), wherever an uploaded key points.
};

// The key, or a message for the person who uploaded it (phrase(): shown translated).
std::variant<ServiceAccountKey, std::string> parse_service_account_key(std::string_view json);

// The assertion for `audience` (the token endpoint), acting as `subject`, valid an hour from `now`.
std::string service_account_assertion(const ServiceAccountKey& key, std::string_view subject,
                                      std::string_view scope, std::string_view audience, int64_t now);

// URL-safe base64 without padding (JWT's encoding), and back; nothing when not valid.
std::string base64url(std::string_view bytes);
std::optional<std::string> from_base64url(std::string_view text);

}  // namespace signet
