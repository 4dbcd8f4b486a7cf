#include "deploy/service_account.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sodium.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "signet/i18n.h"
#include "signet/validation.h"

namespace signet {

namespace {

using PrivateKey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

// The RSA private key of a PEM text, or null.
PrivateKey load_rsa_key(const std::string& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  if (!bio) return {nullptr, EVP_PKEY_free};
  PrivateKey key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
  if (key && EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA) key.reset();
  return key;
}

std::string string_field(const nlohmann::json& j, const char* name) {
  const auto it = j.find(name);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string base64url(std::string_view bytes) {
  std::string text(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(text.data(), text.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  text.resize(text.size() - 1);  // the terminating NUL
  return text;
}

std::optional<std::string> from_base64url(std::string_view text) {
  std::string bytes(text.size(), '\0');
  size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(), text.size(),
                        nullptr, &length, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
    return std::nullopt;
  bytes.resize(length);
  return bytes;
}

std::variant<ServiceAccountKey, std::string> parse_service_account_key(std::string_view json) {
  const nlohmann::json j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object())
    return std::string(phrase("The key file is not JSON. Upload the JSON key of the service account, as Google Cloud console downloads it."));
  if (string_field(j, "type") != "service_account")
    return std::string(phrase("This is not a service account key: its \"type\" is not \"service_account\"."));
  ServiceAccountKey key;
  key.client_email = string_field(j, "client_email");
  key.private_key_id = string_field(j, "private_key_id");
  key.private_key_pem = string_field(j, "private_key");
  if (check_email(key.client_email)) return std::string(phrase("The key has no valid \"client_email\"."));
  if (!load_rsa_key(key.private_key_pem))
    return std::string(phrase("The key's \"private_key\" is not an RSA private key in PEM form."));
  return key;
}

std::string service_account_assertion(const ServiceAccountKey& key, std::string_view subject,
                                      std::string_view scope, std::string_view audience, int64_t now) {
  nlohmann::json header{{"alg", "RS256"}, {"typ", "JWT"}};
  if (!key.private_key_id.empty()) header["kid"] = key.private_key_id;
  const nlohmann::json claims{{"iss", key.client_email}, {"sub", subject}, {"scope", scope},
                              {"aud", audience},         {"iat", now},     {"exp", now + 3600}};
  const std::string signing_input = base64url(header.dump()) + "." + base64url(claims.dump());

  const PrivateKey pkey = load_rsa_key(key.private_key_pem);
  if (!pkey) throw std::runtime_error("the service account's private key does not load");
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  size_t size = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, pkey.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &size, reinterpret_cast<const unsigned char*>(signing_input.data()),
                     signing_input.size()) != 1)
    throw std::runtime_error("RS256 signing failed");
  std::string signature(size, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size,
                     reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size()) != 1)
    throw std::runtime_error("RS256 signing failed");
  signature.resize(size);
  return signing_input + "." + base64url(signature);
}

}  // namespace signet
