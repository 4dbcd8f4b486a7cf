#include "mail/mail_message.h"

#include <sodium.h>

#include <ctime>

namespace signet {

namespace {

std::string base64(const std::string& data) {
  std::string out(sodium_base64_ENCODED_LEN(data.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(data.data()),
                    data.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

// Base64 wrapped at 76 characters per line, as MIME requires.
std::string base64_lines(const std::string& data) {
  const std::string b = base64(data);
  std::string out;
  for (size_t i = 0; i < b.size(); i += 76) out += b.substr(i, 76) + "\r\n";
  return out;
}

std::string encode_header_text(const std::string& s) {
  for (unsigned char c : s)
    if (c >= 0x80 || c < 0x20) return "=?UTF-8?B?" + base64(s) + "?=";
  return s;
}

std::string rfc5322_date(int64_t t) {
  const std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

}  // namespace

std::string address_of(const std::string& mailbox) {
  const size_t open = mailbox.rfind('<');
  const size_t close = mailbox.rfind('>');
  if (open == std::string::npos || close == std::string::npos || close < open) return mailbox;
  return mailbox.substr(open + 1, close - open - 1);
}

std::string to_rfc5322(const MailMessage& m, int64_t unix_date) {
  // The boundary is derived from the message id, which is random: it cannot occur in
  // base64 bodies (no '=' or '_' runs of this shape) and needs no further checks.
  std::string id_chars;
  for (char c : m.message_id)
    if (std::isalnum(static_cast<unsigned char>(c))) id_chars += c;
  const std::string boundary = "=_signet_" + id_chars;
  std::string s;
  s += "From: " + m.from + "\r\n";
  s += "To: " + m.to + "\r\n";
  s += "Subject: " + encode_header_text(m.subject) + "\r\n";
  s += "Date: " + rfc5322_date(unix_date) + "\r\n";
  s += "Message-ID: " + m.message_id + "\r\n";
  s += "MIME-Version: 1.0\r\n";
  s += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n";
  s += "\r\n";
  s += "--" + boundary + "\r\n";
  s += "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  s += base64_lines(m.text);
  s += "--" + boundary + "\r\n";
  s += "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  s += base64_lines(m.html);
  s += "--" + boundary + "--\r\n";
  return s;
}

}  // namespace signet
