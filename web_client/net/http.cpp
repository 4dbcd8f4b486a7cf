#include "net/http.h"

#include <emscripten/fetch.h>

#include <cstring>
#include <vector>

#include "platform/platform.h"

namespace net {
namespace {

std::string g_csrf;

// Everything the fetch needs must outlive the emscripten_fetch() call.
struct InFlight {
  std::string method, url, body;
  std::vector<std::string> header_storage;
  std::vector<const char*> headers;
  Callback done;
};

void finish(emscripten_fetch_t* f) {
  auto* req = static_cast<InFlight*>(f->userData);
  Response r;
  r.status = f->status;
  if (f->numBytes > 0 && f->data) {
    r.body = nlohmann::json::parse(f->data, f->data + f->numBytes, nullptr, false);
    if (r.body.is_discarded()) r.body = nullptr;
  }
  emscripten_fetch_close(f);
  if (!r.ok() && r.body.is_object()) {
    auto it = r.body.find("error");
    if (it != r.body.end() && it->is_object()) {
      const auto& e = *it;
      if (e.contains("code") && e["code"].is_string()) r.error_code = e["code"].get<std::string>();
      if (e.contains("message") && e["message"].is_string())
        r.error_message = e["message"].get<std::string>();
      if (e.contains("fields") && e["fields"].is_object())
        for (auto f2 = e["fields"].begin(); f2 != e["fields"].end(); ++f2)
          if (f2.value().is_string()) r.fields[f2.key()] = f2.value().get<std::string>();
    }
  }
  platform::mark_dirty();
  Callback done = std::move(req->done);
  delete req;
  if (done) done(r);
}

}  // namespace

void set_csrf_token(std::string token) { g_csrf = std::move(token); }
const std::string& csrf_token() { return g_csrf; }

Body Body::json(const nlohmann::json& j) {
  return {j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json"};
}

void request(const char* method, const std::string& url, const Body* body, Callback done) {
  auto* req = new InFlight;
  req->method = method;
  req->url = url;
  req->done = std::move(done);
  req->header_storage = {"Accept", "application/json"};
  if (body) {
    req->body = body->bytes;
    req->header_storage.insert(req->header_storage.end(), {"Content-Type", body->content_type});
  }
  const bool changes_state = req->method != "GET" && req->method != "HEAD";
  if (changes_state && !g_csrf.empty())
    req->header_storage.insert(req->header_storage.end(), {"X-CSRF-Token", g_csrf});
  for (const auto& h : req->header_storage) req->headers.push_back(h.c_str());
  req->headers.push_back(nullptr);

  emscripten_fetch_attr_t attr;
  emscripten_fetch_attr_init(&attr);
  std::strncpy(attr.requestMethod, method, sizeof(attr.requestMethod) - 1);
  attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY | EMSCRIPTEN_FETCH_REPLACE;
  attr.requestHeaders = req->headers.data();
  if (body) {
    attr.requestData = req->body.data();
    attr.requestDataSize = req->body.size();
  }
  attr.userData = req;
  attr.onsuccess = finish;
  attr.onerror = finish;
  platform::mark_dirty();
  emscripten_fetch(&attr, req->url.c_str());
}

std::string url_encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += (char)c;
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace net
