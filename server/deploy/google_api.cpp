#include "deploy/google_api.h"

#include <curl/curl.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace signet {

namespace {

using Curl = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using Headers = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

size_t append_body(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

// Keeps Retry-After when it is a number of seconds (Google sends those); an HTTP date is left
// to the caller's own back-off.
size_t read_header(char* data, size_t size, size_t count, void* out) {
  const std::string_view line(data, size * count);
  constexpr std::string_view kName = "retry-after:";
  if (line.size() > kName.size()) {
    std::string lower(line.substr(0, kName.size()));
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (lower == kName) {
      try {
        size_t used = 0;
        const long long seconds = std::stoll(std::string(line.substr(kName.size())), &used);
        if (seconds >= 0) static_cast<GoogleReply*>(out)->retry_after = seconds;
      } catch (const std::exception&) {
      }
    }
  }
  return size * count;
}

std::string escape(CURL* curl, std::string_view s) {
  std::unique_ptr<char, decltype(&curl_free)> e(curl_easy_escape(curl, s.data(), static_cast<int>(s.size())), curl_free);
  return e ? std::string(e.get()) : std::string();
}

GoogleReply perform(CURL* curl, const std::string& url, const char* method, const std::string& body, curl_slist* headers) {
  GoogleReply reply;
  char error[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &read_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &reply);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  const CURLcode rc = curl_easy_perform(curl);
  if (rc != CURLE_OK) {
    reply.transport_error = *error ? error : curl_easy_strerror(rc);
    return reply;
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

Curl new_curl() {
  Curl curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) throw std::runtime_error("libcurl could not start");
  return curl;
}

}  // namespace

GoogleApi::GoogleApi(GoogleEndpoints endpoints) : endpoints_(std::move(endpoints)) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
}

GoogleReply GoogleApi::request_token(std::string_view assertion) const {
  const Curl curl = new_curl();
  const std::string body = "grant_type=" + escape(curl.get(), "urn:ietf:params:oauth:grant-type:jwt-bearer") +
                           "&assertion=" + escape(curl.get(), assertion);
  Headers headers(curl_slist_append(nullptr, "Content-Type: application/x-www-form-urlencoded"), curl_slist_free_all);
  return perform(curl.get(), endpoints_.token_url, "POST", body, headers.get());
}

GoogleReply GoogleApi::put_signature(std::string_view access_token, std::string_view address, std::string_view html) const {
  const Curl curl = new_curl();
  const std::string user = escape(curl.get(), address);
  const std::string url = endpoints_.gmail_url + "/gmail/v1/users/" + user + "/settings/sendAs/" + user;
  const std::string body = nlohmann::json{{"signature", html}}.dump();
  Headers headers(curl_slist_append(nullptr, "Content-Type: application/json"), curl_slist_free_all);
  headers.reset(curl_slist_append(headers.release(), ("Authorization: Bearer " + std::string(access_token)).c_str()));
  return perform(curl.get(), url, "PUT", body, headers.get());
}

std::string google_message(const GoogleReply& reply) {
  if (reply.status == 0) return reply.transport_error;
  const nlohmann::json j = nlohmann::json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
  auto text = [](const nlohmann::json& o, const char* key) {
    const auto it = o.is_object() ? o.find(key) : o.end();
    return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  if (j.is_object()) {
    if (const auto it = j.find("error"); it != j.end() && !text(*it, "message").empty()) return text(*it, "message");
    if (!text(j, "error_description").empty()) return text(j, "error_description");
    if (!text(j, "error").empty()) return text(j, "error");
  }
  return "HTTP " + std::to_string(reply.status);
}

}  // namespace signet
