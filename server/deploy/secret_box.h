// Secrets the server must keep in its database but never in clear (a Google service account's
// private key), sealed with libsodium's secretbox (XSalsa20-Poly1305, a random nonce per
// message). The key itself is never in the database: it comes from the SIGNET_SECRET_KEY
// environment variable or a key file that the first start creates (mode 0600), so a copy of the
// database alone reveals nothing.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace signet {

class SecretBox {
 public:
  // `key`: crypto_secretbox_KEYBYTES (32) raw bytes; anything else throws.
  explicit SecretBox(std::string key);
  // SIGNET_SECRET_KEY (base64 of 32 bytes) when set; else `file` (the same, one line), created
  // with a fresh random key when missing. Throws with a message fit for the operator.
  static SecretBox from_environment_or_file(const std::string& file);
  static std::string new_key_base64();

  std::string seal(std::string_view plain) const;  // nonce, then ciphertext with its tag
  // Nothing when `sealed` was not made by seal() under this key (forged, cut, another key).
  std::optional<std::string> open(std::string_view sealed) const;

 private:
  std::string key_;
};

}  // namespace signet
