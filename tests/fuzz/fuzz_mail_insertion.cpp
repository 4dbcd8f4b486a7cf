// libFuzzer target: any bytes as a message passing through the Microsoft 365 mail flow. The
// insertion must not crash on hostile MIME, and what it signed must count as signed when it
// passes again (once per thread: a second pass never adds a second signature).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <strings.h>

#include "mailflow/signature_insertion.h"

namespace {

// The header block with `name` set to `value`, as the MTA applies the milter's change.
std::string with_header(std::string headers, const std::string& name, const std::string& value) {
  for (size_t at = 0; at < headers.size(); at = headers.find("\r\n", at) + 2) {
    if (headers.size() > at + name.size() && headers[at + name.size()] == ':' &&
        strncasecmp(headers.c_str() + at, name.c_str(), name.size()) == 0) {  // the MTA ignores case
      size_t end = headers.find("\r\n", at);
      while (end + 2 < headers.size() && (headers[end + 2] == ' ' || headers[end + 2] == '\t')) end = headers.find("\r\n", end + 2);
      return headers.replace(at, end - at, name + ": " + value);
    }
    if (headers.find("\r\n", at) == std::string::npos) break;
  }
  return headers + name + ": " + value + "\r\n";
}

// Header lines as the milter rebuilds them from the MTA's callbacks: "Name: value" or a
// folded continuation, each ending in CRLF (C strings: no NUL).
bool milter_shaped(const std::string& headers) {
  for (size_t at = 0; at < headers.size();) {
    const size_t end = headers.find("\r\n", at);
    const std::string line = headers.substr(at, end - at);
    if (line.empty() || line.find_first_of(std::string("\r\n\0", 3)) != std::string::npos) return false;
    if (line[0] != ' ' && line[0] != '\t' && line.find(':') == std::string::npos) return false;
    at = end + 2;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte picks the signature: Latin, beyond Latin-1 (Polish), or HTML only.
  static const char* const kTexts[] = {"Anna\nCaf\xC3\xA9\n", "Zofia \xC5\x81\xC3\xB3\x64\xC5\xBA\n", ""};
  const std::string html = "<table><tr><td>Anna &middot; Caf\xC3\xA9</td></tr></table>";
  const std::string text = kTexts[data[0] % 3];
  const std::string message(reinterpret_cast<const char*>(data) + 1, size - 1);
  const signet::SignatureInsertion once = signet::insert_signature(message, html, text);
  signet::first_mailbox(message.substr(0, message.find('\n')));
  // The milter hands over header lines and the body apart; the second pass needs that shape.
  const size_t end = message.find("\r\n\r\n");
  if (once.result != signet::SignatureInsertion::Inserted || end == std::string::npos) return 0;
  std::string headers = message.substr(0, end + 2);
  if (!milter_shaped(headers)) return 0;
  for (const auto& [name, value] : once.changed_headers) headers = with_header(headers, name, value);
  // What was signed reads as signed: never a second signature, never a message broken by the first.
  const signet::SignatureInsertion twice = signet::insert_signature(headers + "\r\n" + once.body, html, text);
  if (twice.result != signet::SignatureInsertion::AlreadySigned) abort();
  return 0;
}
