#include "deploy/secret_box.h"

#include <sodium.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace signet {

namespace {

std::string decode_key(std::string text, const std::string& where) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  std::string key(crypto_secretbox_KEYBYTES, '\0');
  size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(key.data()), key.size(), text.data(), text.size(),
                        nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      length != key.size())
    throw std::runtime_error(where + " must hold a base64-encoded 32-byte key (make one with: head -c 32 /dev/urandom | base64)");
  return key;
}

}  // namespace

SecretBox::SecretBox(std::string key) : key_(std::move(key)) {
  if (key_.size() != crypto_secretbox_KEYBYTES) throw std::invalid_argument("a secret box key has 32 bytes");
}

std::string SecretBox::new_key_base64() {
  unsigned char key[crypto_secretbox_KEYBYTES];
  crypto_secretbox_keygen(key);
  std::string text(sodium_base64_ENCODED_LEN(sizeof key, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(text.data(), text.size(), key, sizeof key, sodium_base64_VARIANT_ORIGINAL);
  sodium_memzero(key, sizeof key);
  text.resize(text.size() - 1);  // the terminating NUL
  return text;
}

SecretBox SecretBox::from_environment_or_file(const std::string& file) {
  if (const char* env = std::getenv("SIGNET_SECRET_KEY"); env && *env) return SecretBox(decode_key(env, "SIGNET_SECRET_KEY"));
  std::ifstream in(file);
  if (!in) {
    // First start: a new key, readable by this user only. umask first, so the file is never
    // readable by others, not even between creating it and a chmod.
    const mode_t old_mask = umask(077);
    {
      std::ofstream out(file);
      out << new_key_base64() << "\n";
      if (!out) {
        umask(old_mask);
        throw std::runtime_error("cannot write the secret key file " + file);
      }
    }
    umask(old_mask);
    in.open(file);
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return SecretBox(decode_key(text, "the secret key file " + file));
}

std::string SecretBox::seal(std::string_view plain) const {
  std::string out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(), '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(plain.data()),
                        plain.size(), nonce, reinterpret_cast<const unsigned char*>(key_.data()));
  return out;
}

std::optional<std::string> SecretBox::open(std::string_view sealed) const {
  if (sealed.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) return std::nullopt;
  const auto* nonce = reinterpret_cast<const unsigned char*>(sealed.data());
  const auto* cipher = nonce + crypto_secretbox_NONCEBYTES;
  const size_t cipher_size = sealed.size() - crypto_secretbox_NONCEBYTES;
  std::string plain(cipher_size - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), cipher, cipher_size, nonce,
                                 reinterpret_cast<const unsigned char*>(key_.data())) != 0)
    return std::nullopt;
  return plain;
}

}  // namespace signet
