// Static files of the web apps (build/web): content negotiation between the pre-compressed
// variants the build writes next to each file (NAME.br, NAME.gz), cache headers that depend on
// whether the name carries a content hash, strong ETags and 304 answers.
#pragma once
#include <httplib.h>

#include <string>

namespace signet {

// "br", "gzip" or "" (identity) for an Accept-Encoding header value; brotli is preferred when
// both are acceptable, and a q=0 entry (or "*;q=0") rules an encoding out.
std::string choose_encoding(const std::string& accept_encoding, bool have_br, bool have_gzip);

// True for names the build gave a content hash, e.g. "portal.3f2a9c1e.js": never change.
bool is_content_hashed(const std::string& file_name);

// Content-Type by extension of the (uncompressed) file name.
std::string mime_type(const std::string& file_name);

// True when `url_path` ("/portal.3f2a9c1e.js") may name a file under the web folder: every
// segment made of letters, digits, '-', '_' and '.', none starting with '.', and not a
// pre-compressed variant (those are only reached through Accept-Encoding).
bool is_safe_static_path(const std::string& url_path);

// Answers `req` with the file `dir` + `url_path` (already checked with is_safe_static_path).
// Returns false, leaving `res` untouched, when there is no such file.
bool serve_static_file(const std::string& dir, const std::string& url_path,
                       const httplib::Request& req, httplib::Response& res);

}  // namespace signet
