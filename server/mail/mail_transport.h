// Where queued mail goes: an SMTP server through libcurl, or .eml files in an outbox folder
// when no SMTP server is configured.
#pragma once
#include <memory>
#include <string>

namespace signet {

struct OutgoingMail {
  std::string message_id;
  std::string from;  // envelope sender (bare address)
  std::string to;    // envelope recipient
  std::string rfc5322;
  std::string note;  // what to log besides the recipient, e.g. the link it carries
};

class MailTransport {
 public:
  virtual ~MailTransport() = default;
  // Throws std::runtime_error with a reason when the mail was not accepted.
  virtual void send(const OutgoingMail& mail) = 0;
};

// smtp://host:port (STARTTLS when the server offers it) or smtps://host:port.
std::unique_ptr<MailTransport> make_smtp_transport(const std::string& url);
// Writes MESSAGE-ID.eml atomically into `dir` and logs the note.
std::unique_ptr<MailTransport> make_outbox_transport(const std::string& dir);

}  // namespace signet
