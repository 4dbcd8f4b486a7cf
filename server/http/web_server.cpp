#include "http/web_server.h"

#include <sys/socket.h>

#include <chrono>
#include <thread>

#include "http/static_files.h"
#include "signet/i18n.h"

namespace signet {

namespace {

// cpp-httplib serves a connection on one worker for as long as it is kept alive, so the
// pool must exceed the number of open connections or new ones wait for an idle one to time
// out (measured: 100 keep-alive clients on 64 workers gave p99 of 9 s; on 256, see the
// README). Idle threads cost a few KiB of RSS each; keep-alive is cut short below so idle
// connections give their worker back.
constexpr size_t kWorkerThreads = 256;
// Largest body any route accepts (CSV imports); JSON routes enforce 1 MiB themselves.
constexpr size_t kMaxBodyBytes = kMaxCsvBodyBytes;

std::string content_security_policy() {
  return "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
         "img-src 'self' data: https:; font-src 'self'; connect-src 'self'; "
         "frame-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'; "
         "form-action 'self'";
}

}  // namespace

bool is_https(const std::string& base_url) { return base_url.rfind("https://", 0) == 0; }

WebServer::WebServer(const ServerOptions& options, Services& services)
    : options_(options), server_(options.trusted_proxies) {
  CookieConfig cookie;
  if (is_https(options_.base_url)) {
    cookie.name = "__Host-session";  // bound to this host, Secure, Path=/
    cookie.secure = true;
  }
  configure_limits();
  router_ = std::make_unique<ApiRouter>(
      server_, services.auth, services.audit,
      [&subs = services.subscriptions](int64_t id) { return subs.reseller_of(id); }, cookie,
      options_.trusted_proxies);
  for (Route& r : api_routes(services)) router_->add(std::move(r));
  router_->add_fallback();
  add_static_files();
}

void configure_transport(httplib::Server& server, int& listen_fd) {
  server.new_task_queue = [] { return new httplib::ThreadPool(kWorkerThreads); };
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(1000);
  server.set_keep_alive_timeout(2);
  server.set_read_timeout(10, 0);
  server.set_write_timeout(10, 0);
  server.set_payload_max_length(kMaxBodyBytes);
  // Debian's compiled cpp-httplib listens with a backlog of 5 (CPPHTTPLIB_LISTEN_BACKLOG).
  // When more clients connect at once the kernel drops their handshakes and they retry a
  // second later. Keep the library's socket options, remember the socket, and let
  // raise_listen_backlog() raise the backlog to the system's maximum after binding.
  server.set_socket_options([&listen_fd](socket_t sock) {
    httplib::default_socket_options(sock);
    listen_fd = sock;
  });
}

void raise_listen_backlog(int listen_fd) {
  // listen() again on a listening socket only changes its backlog (Linux).
  if (listen_fd >= 0) ::listen(listen_fd, SOMAXCONN);
}

void WebServer::configure_limits() {
  configure_transport(server_, listen_fd_);

  httplib::Headers headers = {
      {"Content-Security-Policy", content_security_policy()},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Frame-Options", "DENY"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
  };
  if (is_https(options_.base_url))
    headers.emplace("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  server_.set_default_headers(headers);

  server_.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    // cpp-httplib 0.11 applies the payload limit to Content-Length only: a chunked body
    // would bypass it, so chunked request bodies are refused outright.
    if (req.has_header("Transfer-Encoding")) {
      send_error(res, 411, "length_required", "Send the body with a Content-Length header.");
      return httplib::Server::HandlerResponse::Handled;
    }
    // Fetch metadata: a browser tells us when another site made it send this request.
    const bool changes_state = req.method != "GET" && req.method != "HEAD" && req.method != "OPTIONS";
    if (changes_state && req.get_header_value("Sec-Fetch-Site") == "cross-site") {
      send_error(res, 403, "csrf_failed", "Cross-site requests are not accepted.");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  server_.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 413)
      send_error(res, 413, "payload_too_large", phrase("The request body is too large."));
    else if (req.path.rfind("/api/", 0) == 0 || res.status != 404)
      send_error(res, res.status, res.status == 404 ? "not_found" : "bad_request",
                 res.status == 404 ? "Not found." : "The request could not be handled.");
  });
}

void WebServer::add_static_files() {
  const std::string dir = options_.web_dir;
  // Deep links (/setup/TOKEN, /invite/TOKEN, /editor/...) have no file of their own: they get
  // the HTML shell of their app, which reads location.pathname to pick the screen.
  server_.Get(R"(/[^.]*)", [dir](const httplib::Request& req, httplib::Response& res) {
    // Reset links serve customers and resellers alike; the small customer app shows the form.
    const bool customer = req.path.rfind("/invite/", 0) == 0 || req.path.rfind("/editor", 0) == 0 ||
                          req.path.rfind("/reset/", 0) == 0;
    if (!serve_static_file(dir, customer ? "/customer.html" : "/index.html", req, res)) {
      res.status = 503;
      res.set_content("The web app has not been built. Run scripts/build.sh.", "text/plain");
    }
  });
  server_.Get(R"(/.+)", [dir](const httplib::Request& req, httplib::Response& res) {
    if (!is_safe_static_path(req.path) || !serve_static_file(dir, req.path, req, res))
      res.status = 404;
  });
}

bool WebServer::bind() {
  bool bound;
  if (options_.port == 0) {
    port_ = server_.bind_to_any_port(options_.host);
    bound = port_ > 0;
  } else {
    port_ = options_.port;
    bound = server_.bind_to_port(options_.host, options_.port);
  }
  if (bound) raise_listen_backlog(listen_fd_);
  return bound;
}

void WebServer::serve() {
  server_.listen_after_bind();
  serve_returned_ = true;
}

void WebServer::stop() {
  // cpp-httplib's stop() does nothing until listen_after_bind() has marked the server as running,
  // so a SIGTERM that came right after bind() was lost and serve() then blocked in accept()
  // forever (seen in the server tests on a loaded machine). Wait for serving to begin.
  while (!server_.is_running() && !serve_returned_)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  server_.stop();
}

}  // namespace signet
