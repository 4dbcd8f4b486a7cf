// The durable mail queue: every outgoing mail is a row until it is delivered or given up.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/connection_pool.h"

namespace signet {

struct QueuedMail {
  int64_t id = 0;
  std::string message_id;
  std::string sender;     // envelope sender
  std::string recipient;  // envelope recipient
  std::string rfc5322;
  std::string note;
  int attempts = 0;
};

struct MailMessage;
// A fresh "<random@domain-of-from>" Message-ID.
std::string new_message_id(const std::string& from);
// Queues `m` (rendered to RFC 5322) within the caller's transaction; returns the queue id.
int64_t queue_mail(Connection& c, const MailMessage& m, const std::string& note, int64_t now);

enum class MailState { Queued, Retrying, Sent, Failed };
std::string_view to_string(MailState s);

class MailStore {
 public:
  explicit MailStore(Connection& c) : c_(c) {}

  int64_t enqueue(const QueuedMail& m, int64_t now);
  // Takes the next mail due at `now` for this server: its next attempt moves to `claim_until`,
  // so no other server takes it meanwhile (PostgreSQL: FOR UPDATE SKIP LOCKED, no waiting on
  // a claim in progress). The caller marks it sent, retried or failed; if the caller dies, the
  // mail is due again at `claim_until`.
  std::optional<QueuedMail> claim_next(int64_t now, int64_t claim_until);
  std::optional<int64_t> next_due_at();
  // Delivered: the body and note (which hold the link and its token) are erased.
  void mark_sent(int64_t id, int64_t now);
  void mark_retry(int64_t id, int attempts, int64_t next_attempt_at, const std::string& error);
  void mark_failed(int64_t id, int attempts, int64_t now, const std::string& error);

 private:
  Connection& c_;
};

}  // namespace signet
