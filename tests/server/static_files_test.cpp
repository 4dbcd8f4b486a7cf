// Static files of the web apps over real HTTP: the real signet-server serves files the test
// writes into its web folder the way the build lays them out (NAME, NAME.br, NAME.gz).
#include <brotli/decode.h>
#include <brotli/encode.h>
#include <doctest/doctest.h>
#include <zlib.h>

#include <fstream>

#include "http/static_files.h"
#include "test_support.h"

using namespace signet;
using namespace signet::test;

namespace {

std::string brotli_compress(const std::string& in) {
  size_t size = BrotliEncoderMaxCompressedSize(in.size());
  std::string out(size, '\0');
  REQUIRE(BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT,
                                in.size(), (const uint8_t*)in.data(), &size, (uint8_t*)out.data()));
  out.resize(size);
  return out;
}

std::string brotli_decompress(const std::string& in) {
  std::string out;
  BrotliDecoderState* s = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
  size_t avail_in = in.size();
  const uint8_t* next_in = (const uint8_t*)in.data();
  BrotliDecoderResult r;
  do {
    uint8_t buf[4096];
    size_t avail_out = sizeof buf;
    uint8_t* next_out = buf;
    r = BrotliDecoderDecompressStream(s, &avail_in, &next_in, &avail_out, &next_out, nullptr);
    out.append((const char*)buf, sizeof buf - avail_out);
  } while (r == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT);
  BrotliDecoderDestroyInstance(s);
  CHECK(r == BROTLI_DECODER_RESULT_SUCCESS);
  return out;
}

// windowBits 15 + 16: the gzip wrapper, as `gzip -9` writes it.
std::string gzip_compress(const std::string& in) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&z, in.size()) + 32, '\0');
  z.next_in = (Bytef*)in.data();
  z.avail_in = (uInt)in.size();
  z.next_out = (Bytef*)out.data();
  z.avail_out = (uInt)out.size();
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string gzip_decompress(const std::string& in) {
  z_stream z{};
  REQUIRE(inflateInit2(&z, 15 + 16) == Z_OK);
  z.next_in = (Bytef*)in.data();
  z.avail_in = (uInt)in.size();
  std::string out;
  int r;
  do {
    char buf[4096];
    z.next_out = (Bytef*)buf;
    z.avail_out = sizeof buf;
    r = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
  } while (r == Z_OK);
  inflateEnd(&z);
  CHECK(r == Z_STREAM_END);
  return out;
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// A client that shows the bytes as sent: no automatic decompression, no URL rewriting.
struct RawClient {
  httplib::Client client;
  explicit RawClient(int port) : client("127.0.0.1", port) {
    client.set_decompress(false);
    client.set_url_encode(false);
  }
  httplib::Result get(const std::string& path, httplib::Headers headers = {}) {
    auto r = client.Get(path.c_str(), headers);
    REQUIRE_MESSAGE(r, "no HTTP response");
    return r;
  }
};

const std::string kScript = [] {
  std::string s;
  for (int i = 0; i < 400; ++i) s += "function f" + std::to_string(i) + "() { return 'Łódź €'; }\n";
  return s;
}();

}  // namespace

TEST_CASE("static files: Accept-Encoding picks the pre-compressed variant, which decodes to the file") {
  ServerProcess server;
  const std::string js = server.web_dir() + "/portal.3f2a9c1e.js";
  write_file(js, kScript);
  write_file(js + ".br", brotli_compress(kScript));
  write_file(js + ".gz", gzip_compress(kScript));
  RawClient c(server.port());

  auto br = c.get("/portal.3f2a9c1e.js", {{"Accept-Encoding", "gzip, deflate, br"}});
  CHECK(br->status == 200);
  CHECK(br->get_header_value("Content-Encoding") == "br");
  CHECK(br->get_header_value("Content-Type") == "text/javascript; charset=utf-8");
  CHECK(br->get_header_value("Vary") == "Accept-Encoding");
  CHECK(br->body.size() < kScript.size());
  CHECK(brotli_decompress(br->body) == kScript);

  auto gz = c.get("/portal.3f2a9c1e.js", {{"Accept-Encoding", "gzip"}});
  CHECK(gz->get_header_value("Content-Encoding") == "gzip");
  CHECK(gzip_decompress(gz->body) == kScript);

  // br refused explicitly: gzip even though the client lists br first.
  auto no_br = c.get("/portal.3f2a9c1e.js", {{"Accept-Encoding", "br;q=0, gzip;q=0.5"}});
  CHECK(no_br->get_header_value("Content-Encoding") == "gzip");

  for (const char* accept : {"", "identity", "deflate", "*;q=0"}) {
    CAPTURE(accept);
    auto plain = c.get("/portal.3f2a9c1e.js", {{"Accept-Encoding", accept}});
    CHECK(plain->status == 200);
    CHECK(!plain->has_header("Content-Encoding"));
    CHECK(plain->body == kScript);
    CHECK(plain->get_header_value("Vary") == "Accept-Encoding");
  }

  // A file without variants is sent as it is, whatever the client accepts.
  auto wasm = c.get("/app.wasm", {{"Accept-Encoding", "br, gzip"}});
  CHECK(wasm->status == 200);
  CHECK(!wasm->has_header("Content-Encoding"));
  CHECK(wasm->get_header_value("Content-Type") == "application/wasm");
  CHECK(wasm->body == std::string("\0asm\1\0\0\0", 8));
}

TEST_CASE("static files: hashed names are immutable, HTML is revalidated, ETag answers 304") {
  ServerProcess server;
  write_file(server.web_dir() + "/portal.3f2a9c1e.js", kScript);
  write_file(server.web_dir() + "/portal.3f2a9c1e.js.br", brotli_compress(kScript));
  write_file(server.web_dir() + "/index.html.br", brotli_compress("<!doctype html><title>Signet portal shell</title>"));
  RawClient c(server.port());

  auto js = c.get("/portal.3f2a9c1e.js", {{"Accept-Encoding", "br"}});
  CHECK(js->get_header_value("Cache-Control") == "public, max-age=31536000, immutable");
  const std::string etag = js->get_header_value("ETag");
  CHECK(etag.size() > 2);
  CHECK(etag.front() == '"');  // strong: no W/ prefix

  auto again = c.get("/portal.3f2a9c1e.js", {{"Accept-Encoding", "br"}, {"If-None-Match", etag}});
  CHECK(again->status == 304);
  CHECK(again->body.empty());
  CHECK(again->get_header_value("ETag") == etag);
  // Each encoding is its own representation with its own ETag.
  auto plain = c.get("/portal.3f2a9c1e.js", {{"If-None-Match", etag}});
  CHECK(plain->status == 200);
  CHECK(plain->get_header_value("ETag") != etag);
  CHECK(c.get("/portal.3f2a9c1e.js", {{"Accept-Encoding", "br"}, {"If-None-Match", "\"other\", " + etag}})->status == 304);
  CHECK(c.get("/portal.3f2a9c1e.js", {{"Accept-Encoding", "br"}, {"If-None-Match", "\"other\""}})->status == 200);

  // The HTML shell, at / and at the SPA routes, is never cached without asking.
  for (const char* path : {"/", "/index.html", "/setup/abc", "/subscriptions/12", "/invite/tok", "/editor", "/reset/tok"}) {
    CAPTURE(path);
    auto html = c.get(path, {{"Accept-Encoding", "br"}});
    CHECK(html->status == 200);
    CHECK(html->get_header_value("Cache-Control") == "no-cache");
    CHECK(html->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(html->has_header("ETag"));
    auto revalidated = c.get(path, {{"Accept-Encoding", "br"}, {"If-None-Match", html->get_header_value("ETag")}});
    CHECK(revalidated->status == 304);
  }
  auto shell = c.get("/", {{"Accept-Encoding", "br"}});
  CHECK(shell->get_header_value("Content-Encoding") == "br");
  CHECK(brotli_decompress(shell->body).find("portal shell") != std::string::npos);
  CHECK(c.get("/invite/tok")->body.find("customer shell") != std::string::npos);

  // A file without a hash in its name may change in place: revalidate it too.
  CHECK(c.get("/app.wasm")->get_header_value("Cache-Control") == "no-cache");
}

TEST_CASE("static files: unknown files are 404, paths outside the folder are refused") {
  ServerProcess server;
  // A file next to the web folder that must stay unreachable.
  write_file(server.web_dir() + "/../secret.txt", "top secret");
  write_file(server.web_dir() + "/.hidden", "hidden");
  write_file(server.web_dir() + "/portal.3f2a9c1e.js.br", brotli_compress(kScript));
  RawClient c(server.port());

  CHECK(c.get("/missing.3f2a9c1e.js")->status == 404);
  CHECK(c.get("/missing.css")->status == 404);
  for (const char* path : {"/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/./../secret.txt",
                           "/%2E%2E%2Fsecret.txt", "/.hidden", "/portal.3f2a9c1e.js.br", "/app.wasm%00.html",
                           "/..\\secret.txt"}) {
    CAPTURE(path);
    auto r = c.get(path);
    CHECK((r->status == 404 || r->status == 400));
    CHECK(r->body.find("top secret") == std::string::npos);
  }
}

TEST_CASE("static files: Accept-Encoding parsing") {
  CHECK(choose_encoding("gzip, deflate, br", true, true) == "br");
  CHECK(choose_encoding("br", false, true) == "");
  CHECK(choose_encoding("gzip, br", false, true) == "gzip");
  CHECK(choose_encoding("BR;Q=1.0", true, true) == "br");
  CHECK(choose_encoding("br;q=0", true, true) == "");
  CHECK(choose_encoding("br;q=0, *", true, true) == "gzip");
  CHECK(choose_encoding("*", true, true) == "br");
  CHECK(choose_encoding("*;q=0", true, true) == "");
  CHECK(choose_encoding("", true, true) == "");
  CHECK(is_content_hashed("portal.3f2a9c1e.js"));
  CHECK(is_content_hashed("DejaVuSans-Bold.0123456789abcdef.ttf"));
  CHECK_FALSE(is_content_hashed("portal.js"));
  CHECK_FALSE(is_content_hashed("index.html"));
  CHECK_FALSE(is_content_hashed("invoice.css"));
}
