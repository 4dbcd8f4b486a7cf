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
  bool unreachable() const { return status == 0; }
};
using Callback = std::function<void(const Response&)>;

void set_csrf_token(std::string token);
const std::string& csrf_token();

// `body` may be null (no body). Returns immediately.
void request(const char* method, const std::string& url, const nlohmann::json* body,
             Callback done);
inline void get(const std::string& url, Callback done) { request("GET", url, nullptr, std::move(done)); }
inline void post(const std::string& url, const nlohmann::json& body, Callback done) {
  request("POST", url, &body, std::move(done));
}
inline void patch(const std::string& url, const nlohmann::json& body, Callback done) {
  request("PATCH", url, &body, std::move(done));
}
inline void del(const std::string& url, Callback done) { request("DELETE", url, nullptr, std::move(done)); }

int pending();  // requests in flight

// Percent-encodes a query-string value (UTF-8 bytes).
std::string url_encode(std::string_view s);

}  // namespace net
