// An e-mail as the product writes it: plain text plus HTML, UTF-8, and its RFC 5322 form.
#pragma once
#include <cstdint>
#include <string>

#include "signet/signature.h"

namespace signet {

struct MailMessage {
  std::string message_id;  // "<random@signet>": also the de-duplication key of the queue
  std::string from;        // "Signet <no-reply@example.com>"
  std::string to;          // bare address
  std::string subject;
  std::string text;
  std::string html;
};

// multipart/alternative, base64 bodies, RFC 2047 subject when not ASCII, Date in UTC.
std::string to_rfc5322(const MailMessage& m, int64_t unix_date);

// The bare address inside "Name <addr>" (or the whole string when there are no brackets).
std::string address_of(const std::string& mailbox);

// Mail bodies escape text with the signature renderer's escape_html (shared/).

}  // namespace signet
