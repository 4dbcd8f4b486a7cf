#include "storage/mail_store.h"

#include "crypto.h"
#include "mail/mail_message.h"

namespace signet {

std::string new_message_id(const std::string& from) {
  const std::string address = address_of(from);
  const size_t at = address.rfind('@');
  return "<" + random_token() + "@" + (at == std::string::npos ? "signet.invalid" : address.substr(at + 1)) + ">";
}

int64_t queue_mail(Connection& c, const MailMessage& m, const std::string& note, int64_t now) {
  QueuedMail queued;
  queued.message_id = m.message_id;
  queued.sender = address_of(m.from);
  queued.recipient = m.to;
  queued.rfc5322 = to_rfc5322(m, now);
  queued.note = note;
  return MailStore(c).enqueue(queued, now);
}

std::string_view to_string(MailState s) {
  switch (s) {
    case MailState::Queued: return "queued";
    case MailState::Retrying: return "retrying";
    case MailState::Sent: return "sent";
    case MailState::Failed: return "failed";
  }
  return "queued";
}

int64_t MailStore::enqueue(const QueuedMail& m, int64_t now) {
  auto q = c_.prepare(
      "INSERT INTO mail_queue(message_id, sender, recipient, body, note, next_attempt_at, created_at) "
      "VALUES($1, $2, $3, $4, $5, $6, $7) RETURNING id");
  q->bind(1, m.message_id);
  q->bind(2, m.sender);
  q->bind(3, m.recipient);
  q->bind(4, m.rfc5322);
  q->bind(5, m.note);
  q->bind(6, now);
  q->bind(7, now);
  q->executeStep();
  return q->getColumn(0).getInt64();
}

std::optional<QueuedMail> MailStore::claim_next(int64_t now, int64_t claim_until) {
  static const std::string pick =
      "UPDATE mail_queue SET next_attempt_at = $2 WHERE id = (SELECT id FROM mail_queue "
      "WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT 1";
  static const std::string returning = ") RETURNING id, message_id, sender, recipient, body, note, attempts";
  WriteTransaction tx(c_);
  auto q = c_.prepare(DialectSql{pick + returning, pick + " FOR UPDATE SKIP LOCKED" + returning});
  q->bind(1, now);
  q->bind(2, claim_until);
  if (!q->executeStep()) return std::nullopt;
  QueuedMail m;
  m.id = q->getColumn(0).getInt64();
  m.message_id = q->getColumn(1).getString();
  m.sender = q->getColumn(2).getString();
  m.recipient = q->getColumn(3).getString();
  m.rfc5322 = q->getColumn(4).getString();
  m.note = q->getColumn(5).getText("");
  m.attempts = q->getColumn(6).getInt();
  q->reset();
  tx.commit();
  return m;
}

std::optional<int64_t> MailStore::next_due_at() {
  auto q = c_.prepare(
      "SELECT MIN(next_attempt_at) FROM mail_queue WHERE sent_at IS NULL AND failed_at IS NULL");
  q->executeStep();
  if (q->getColumn(0).isNull()) return std::nullopt;
  return q->getColumn(0).getInt64();
}

void MailStore::mark_sent(int64_t id, int64_t now) {
  auto q = c_.prepare(
      "UPDATE mail_queue SET sent_at = $1, attempts = attempts + 1, body = '', note = NULL, "
      "last_error = NULL WHERE id = $2");
  q->bind(1, now);
  q->bind(2, id);
  q->exec();
}

void MailStore::mark_retry(int64_t id, int attempts, int64_t next_attempt_at, const std::string& error) {
  auto q = c_.prepare(
      "UPDATE mail_queue SET attempts = $1, next_attempt_at = $2, last_error = $3 WHERE id = $4");
  q->bind(1, attempts);
  q->bind(2, next_attempt_at);
  q->bind(3, error);
  q->bind(4, id);
  q->exec();
}

void MailStore::mark_failed(int64_t id, int attempts, int64_t now, const std::string& error) {
  auto q = c_.prepare(
      "UPDATE mail_queue SET attempts = $1, failed_at = $2, last_error = $3, body = '', note = NULL "
      "WHERE id = $4");
  q->bind(1, attempts);
  q->bind(2, now);
  q->bind(3, error);
  q->bind(4, id);
  q->exec();
}

}  // namespace signet
