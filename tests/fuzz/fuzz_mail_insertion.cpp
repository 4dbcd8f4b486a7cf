// libFuzzer target: any bytes as a message passing through the Microsoft 365 mail flow. The
// insertion must not crash on hostile MIME, and what it signed must count as signed when it
// passes again (once per thread: a second pass never adds a second signature).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "mailflow/signature_insertion.h"

namespace {

// The header block with `name` set to `value`, as the MTA applies the milter's change.
std::string with_header(std::string headers, const std::string& name, const std::string& value) {
  for (size_t at = 0; at < headers.size(); at = headers.find("\r\n", at) + 2) {
    if (headers.compare(at, name.size() + 1, name + ":") == 0) {
      size_t end = headers.find("\r\n", at);
      while (end + 2 < headers.size() && (headers[end + 2] == ' ' || headers[end + 2] == '\t')) end = headers.find("\r\n", end + 2);
      return headers.replace(at, end - at, name + ": " + value);
    }
    if (headers.find("\r\n", at) == std::string::npos) break;
  }
  return headers + name + ": " + value + "\r\n";
}

// Header lines as the milter rebuilds them from the MTA's callbacks: "Name: value" or a
// folded continuation, each ending in CRLF.
bool milter_shaped(const std::string& headers) {
  for (size_t at = 0; at < headers.size();) {
    const size_t end = headers.find("\r\n", at);
    const std::string line = headers.substr(at, end - at);
    if (line.empty() || line.find('\n') != std::string::npos || line.find('\r') != std::string::npos) return false;
    if (line[0] != ' ' && line[0] != '\t' && line.find(':') == std::string::npos) return false;
    at = end + 2;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string message(reinterpret_cast<const char*>(data), size);
  const std::string html = "<table><tr><td>Anna &middot; Caf\xC3\xA9</td></tr></table>";
  const std::string text = "Anna\nCaf\xC3\xA9\n";
  const signet::SignatureInsertion once = signet::insert_signature(message, html, text);
  signet::first_mailbox(message.substr(0, message.find('\n')));
  // The milter hands over header lines and the body apart; the second pass needs that shape.
  const size_t end = message.find("\r\n\r\n");
  if (once.result != signet::SignatureInsertion::Inserted || end == std::string::npos) return 0;
  std::string headers = message.substr(0, end + 2);
  if (!milter_shaped(headers)) return 0;
  for (const auto& [name, value] : once.changed_headers) headers = with_header(headers, name, value);
  const signet::SignatureInsertion twice = signet::insert_signature(headers + "\r\n" + once.body, html, text);
  if (twice.result == signet::SignatureInsertion::Inserted) abort();  // signed twice
  return 0;
}
