// All SQL of the Microsoft 365 mail flow: each subscription's routing token and, per directory
// user, what the milter last signed.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/connection_pool.h"

namespace signet {

struct SignedState {
  std::string email;
  int64_t template_version = 0;
  int64_t signed_at = 0;
  int64_t messages = 0;
};

class MailflowStore {
 public:
  explicit MailflowStore(Connection& c) : c_(c) {}

  std::optional<std::string> token_of(int64_t subscription_id);
  // Keeps `token` as the subscription's, unless it already has one; returns the one it has.
  std::string ensure_token(int64_t subscription_id, const std::string& token, int64_t now);
  std::optional<int64_t> subscription_of(const std::string& token);

  // The domains of the subscription's directory users ("cafe.nl"), sorted.
  std::vector<std::string> directory_domains(int64_t subscription_id);

  void record_signed(int64_t subscription_id, int64_t directory_user_id, int64_t template_version, int64_t now);
  // Every directory user who has had a message signed, by address.
  std::vector<SignedState> signed_states(int64_t subscription_id);

 private:
  Connection& c_;
};

}  // namespace signet
