#include "net/api_client.h"

#include <optional>

namespace net {

void ApiClient::call(const char* method, const std::string& url, const nlohmann::json* body, Callback done,
                     bool session_call) {
  send(method, url, body ? std::optional<Body>(Body::json(*body)) : std::nullopt, std::move(done), session_call);
}

void ApiClient::send(const char* method, const std::string& url, std::optional<Body> body, Callback done,
                     bool session_call) {
  std::string m = method;
  request(method, url, body ? &*body : nullptr, [this, m, url, body, done, session_call](const Response& r) {
    if (r.unreachable()) {
      unreachable_ = true;
      retry_ = [this, m, url, body, done, session_call] { send(m.c_str(), url, body, done, session_call); };
      if (hooks_.unreachable) hooks_.unreachable();
      return;
    }
    unreachable_ = false;
    if (r.status == 401 && !session_call && hooks_.signed_in && hooks_.signed_in()) {
      if (hooks_.session_ended) hooks_.session_ended();
      return;
    }
    done(r);
  });
}

void ApiClient::retry() {
  unreachable_ = false;
  auto f = std::move(retry_);
  retry_ = nullptr;
  if (f) f();
}

}  // namespace net
