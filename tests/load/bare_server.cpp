// signet-bare-server: cpp-httplib with signet's transport settings (configure_transport) and
// nothing else: every GET answers the bytes of one file. scripts/bench.sh serves the list's
// JSON this way beside signet-server and nginx, so the report separates what the HTTP library
// costs on this machine from what signet's own work (session, SQL, JSON) adds.
//   signet-bare-server --port P --body FILE
#include <httplib.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "http/web_server.h"

int main(int argc, char** argv) {
  int port = 0;
  std::string body_file;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--port")) port = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--body")) body_file = argv[i + 1];
  }
  std::ifstream in(body_file, std::ios::binary);
  if (port <= 0 || !in) {
    std::fprintf(stderr, "usage: signet-bare-server --port P --body FILE\n");
    return 2;
  }
  std::stringstream body;
  body << in.rdbuf();
  const std::string bytes = body.str();

  httplib::Server server;
  int listen_fd = -1;
  signet::configure_transport(server, listen_fd);
  server.Get(".*", [&bytes](const httplib::Request&, httplib::Response& res) {
    res.set_content(bytes, "application/json");
  });
  if (!server.bind_to_port("127.0.0.1", port)) {
    std::fprintf(stderr, "signet-bare-server: cannot bind port %d\n", port);
    return 1;
  }
  signet::raise_listen_backlog(listen_fd);
  server.listen_after_bind();
}
