// Asynchronous JSON over emscripten_fetch. Same-origin cookies go along automatically;
// state-changing methods carry X-CSRF-Token. Callbacks run on the main thread and the UI is
// marked dirty after each completion.
#pragma once
#include <functional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "signet/validation.h"

namespace net {

struct Response {
  int status = 0;             // 0: the server could not be reached
  nlohmann::json body;        // parsed body; null when empty or not JSON
  std::string error_code;     // error.code of an error body
  std::string error_message;  // error.message
  signet::FieldErrors fields; // error.fields (validation_failed)
  bool ok() const { return status >= 200 && status < 300; }
  // The server's message, else `fallback` (an English phrase); shown through trm().
  std::string message_or(const char* fallback) const { return error_message.empty() ? fallback : error_message; }
  bool unreachable() const { return status == 0; }
};
using Callback = std::function<void(const Response&)>;

void set_csrf_token(std::string token);
const std::string& csrf_token();

// A request body: JSON, or bytes of another type (a CSV import).
struct Body {
  std::string bytes;
  std::string content_type;
  static Body json(const nlohmann::json& j);
};

// The one fetch both apps go through (by way of ApiClient). `body` may be null. Returns at once.
void request(const char* method, const std::string& url, const Body* body, Callback done);

// Percent-encodes a query-string value (UTF-8 bytes).
std::string url_encode(std::string_view s);

}  // namespace net
