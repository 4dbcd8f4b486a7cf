#include "http/static_files.h"

#include <sys/stat.h>

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>

#include "http/if_none_match.h"

namespace signet {

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = (char)std::tolower((unsigned char)c);
  return s;
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool is_regular_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool read_whole_file(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  *out = s.str();
  return true;
}

// A strong ETag names the exact bytes sent, so each encoding of a file has its own. FNV-1a over
// the bytes: the files are small (the largest, a .wasm, is read and hashed in about a
// millisecond), and hashed names are requested once per browser anyway (immutable).
std::string etag_of(const std::string& bytes) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "\"%016llx\"", (unsigned long long)h);
  return buf;
}

bool etag_matches(const std::string& if_none_match, const std::string& etag) {
  for (const std::string& tag : if_none_match_tags(if_none_match))
    if (tag == "*" || tag == etag) return true;
  return false;
}

}  // namespace

std::string choose_encoding(const std::string& accept_encoding, bool have_br, bool have_gzip) {
  // q-value per coding; -1 = not mentioned.
  double q_br = -1, q_gzip = -1, q_any = -1;
  std::stringstream list(accept_encoding);
  std::string item;
  while (std::getline(list, item, ',')) {
    std::string name = lower(trim(item.substr(0, item.find(';'))));
    double q = 1;
    auto semi = item.find(';');
    if (semi != std::string::npos) {
      std::string param = lower(trim(item.substr(semi + 1)));
      if (param.rfind("q=", 0) == 0) q = std::atof(param.c_str() + 2);
    }
    if (name == "br") q_br = q;
    else if (name == "gzip" || name == "x-gzip") q_gzip = q;
    else if (name == "*") q_any = q;
  }
  auto acceptable = [&](double q) { return q > 0 || (q < 0 && q_any > 0); };
  if (have_br && acceptable(q_br)) return "br";
  if (have_gzip && acceptable(q_gzip)) return "gzip";
  return "";
}

bool is_content_hashed(const std::string& file_name) {
  static const std::regex hashed(R"(^[^.]+\.[0-9a-f]{8,64}\.[A-Za-z0-9]+$)");
  return std::regex_match(file_name, hashed);
}

std::string mime_type(const std::string& file_name) {
  static const std::pair<const char*, const char*> types[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".wasm", "application/wasm"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".ttf", "font/ttf"},
      {".woff2", "font/woff2"},
      {".json", "application/json"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".txt", "text/plain; charset=utf-8"},
  };
  for (const auto& [ext, type] : types)
    if (ends_with(file_name, ext)) return type;
  return "application/octet-stream";
}

bool is_safe_static_path(const std::string& url_path) {
  static const std::regex safe(R"((/[A-Za-z0-9_\-][A-Za-z0-9_.\-]*)+)");
  if (url_path.size() > 200 || !std::regex_match(url_path, safe)) return false;
  return !ends_with(url_path, ".br") && !ends_with(url_path, ".gz");
}

bool serve_static_file(const std::string& dir, const std::string& url_path,
                       const httplib::Request& req, httplib::Response& res) {
  const std::string path = dir + url_path;
  if (!is_regular_file(path)) return false;
  const std::string encoding = choose_encoding(req.get_header_value("Accept-Encoding"),
                                               is_regular_file(path + ".br"),
                                               is_regular_file(path + ".gz"));
  const std::string variant = encoding == "br" ? path + ".br" : encoding == "gzip" ? path + ".gz" : path;
  auto bytes = std::make_shared<std::string>();
  if (!read_whole_file(variant, bytes.get())) return false;

  const std::string name = url_path.substr(url_path.rfind('/') + 1);
  const std::string etag = etag_of(*bytes);
  res.set_header("ETag", etag);
  res.set_header("Vary", "Accept-Encoding");
  // Hashed names change whenever their content does, so browsers may keep them for good;
  // everything else (the HTML shells above all) is revalidated with the ETag on every use.
  res.set_header("Cache-Control",
                 is_content_hashed(name) ? "public, max-age=31536000, immutable" : "no-cache");
  if (etag_matches(req.get_header_value("If-None-Match"), etag)) {
    res.status = 304;
    return true;
  }
  if (!encoding.empty()) res.set_header("Content-Encoding", encoding);
  // A content provider with a known length, not set_content(): cpp-httplib would otherwise
  // compress text types a second time on its own.
  const size_t size = bytes->size();
  res.set_content_provider(size, mime_type(name),
                           [bytes](size_t offset, size_t length, httplib::DataSink& sink) {
                             sink.write(bytes->data() + offset, length);
                             return true;
                           });
  return true;
}

}  // namespace signet
