// How both apps call the API. When the server cannot be reached the call is kept: the app
// shows its banner and retry() sends the very same call again. A 401 on an ordinary call while
// someone is signed in means the session ended; it goes to the app's session_ended hook, not
// to the caller.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "net/http.h"

namespace net {

class ApiClient {
 public:
  struct Hooks {
    std::function<bool()> signed_in;      // a 401 means "session ended" only while this holds
    std::function<void()> session_ended;
    std::function<void()> unreachable;    // optional: called when a call finds no server
  };
  void set_hooks(Hooks hooks) { hooks_ = std::move(hooks); }

  // `session_call`: the call checks, starts or ends the session itself, so a 401 is its answer.
  void call(const char* method, const std::string& url, const nlohmann::json* body, Callback done,
            bool session_call = false);
  // The same with a body of another type (a CSV import).
  void send(const char* method, const std::string& url, std::optional<Body> body, Callback done,
            bool session_call = false);
  bool unreachable() const { return unreachable_; }
  // Sends the call that found no server again.
  void retry();

 private:
  Hooks hooks_;
  bool unreachable_ = false;
  std::function<void()> retry_;
};

}  // namespace net
