// The HTTP server: cpp-httplib configured for real clients, the API routes, the static
// web apps with their deep-link shells, and the security headers on every response.
#pragma once
#include <httplib.h>

#include <atomic>
#include <memory>

#include "http/api_router.h"
#include "http/guarded_server.h"
#include "http/routes.h"
#include "options.h"

namespace signet {

class WebServer {
 public:
  WebServer(const ServerOptions& options, Services& services);
  // Binds (port 0 picks a free port). Returns false when the address is unavailable.
  bool bind();
  int port() const { return port_; }
  // Serves until stop(); in-flight requests finish before it returns.
  void serve();
  // Safe from another thread at any time after bind(), even before serve() has started.
  void stop();

 private:
  void configure_limits();
  void add_static_files();

  ServerOptions options_;
  GuardedServer server_;
  std::unique_ptr<ApiRouter> router_;
  int port_ = 0;
  int listen_fd_ = -1;  // the listening socket, to raise its backlog after bind
  std::atomic<bool> serve_returned_{false};
};

bool is_https(const std::string& base_url);

// cpp-httplib's transport as every signet server sets it up: worker pool, keep-alive,
// timeouts, Nagle off, body limit; `listen_fd` receives the listening socket when bound, for
// raise_listen_backlog() afterwards. tests/load/bare_server.cpp uses the same, so
// scripts/bench.sh can show what the library itself reaches on the machine.
void configure_transport(httplib::Server& server, int& listen_fd);
void raise_listen_backlog(int listen_fd);

}  // namespace signet
