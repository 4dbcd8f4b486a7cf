// Secrets: random tokens, token hashes for storage, and argon2id password hashes.
// All of it is libsodium; nothing home-made.
#pragma once
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>

namespace signet {

// Must run once before any other function here (sodium_init).
void init_crypto();

// 256 random bits, URL-safe base64 without padding (43 characters).
std::string random_token();
// What the database keeps instead of a token: BLAKE2b-256, as lower-case hex.
std::string hash_token(std::string_view token);
// Constant-time comparison of two strings.
bool equal_secrets(std::string_view a, std::string_view b);

// argon2id at libsodium's INTERACTIVE preset (t=2, 64 MiB). Each hash holds 64 MiB, so the
// number running at once is bounded: callers beyond the bound wait their turn, and memory
// stays bounded however many sign-ins arrive together. A caller that cannot get a turn
// within a few seconds gets HasherBusy instead of waiting on (the server answers 429).
struct HasherBusy : std::runtime_error {
  HasherBusy() : std::runtime_error("too many password checks at once") {}
};
class PasswordHasher {
 public:
  explicit PasswordHasher(int max_concurrent = 2);
  std::string hash(std::string_view password);
  bool verify(std::string_view stored_hash, std::string_view password);
  bool needs_rehash(std::string_view stored_hash) const;
  // Spends the same time as verify() against a real hash; used for unknown accounts so
  // timing does not tell whether an e-mail address exists.
  void verify_dummy(std::string_view password);

 private:
  class Slot;
  std::mutex mutex_;
  std::condition_variable cv_;
  int free_slots_;
  std::string dummy_hash_;
};

}  // namespace signet
