// Slow clients ("slowloris") cannot hold every worker: a request's head has a deadline, and
// one address holds at most 32 connections at once. These tests are about liveness (being
// answered at all while the slow connections stay open), not about speed.
#include <doctest/doctest.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "test_support.h"

using namespace signet;
using namespace signet::test;

namespace {

// A TCP connection to the server from `source`: any 127.x.y.z address reaches loopback, so
// a test can be another client than the host itself.
int connect_from(int port, const char* source) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in from{};
  from.sin_family = AF_INET;
  inet_pton(AF_INET, source, &from.sin_addr);
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) == 0);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0);
  return fd;
}

void send_text(int fd, const std::string& text) { send(fd, text.data(), text.size(), MSG_NOSIGNAL); }

// Reads until the end of a response's head (or the connection closes); returns what came.
std::string read_head(int fd) {
  std::string got;
  char c;
  while (got.find("\r\n\r\n") == std::string::npos && recv(fd, &c, 1, 0) == 1) got += c;
  return got;
}

constexpr const char* kRequest = "GET /api/session HTTP/1.1\r\nHost: signet\r\n\r\n";

// `n` connections from `source`, each answered once and then sending the start of a second
// request it never finishes: each is then surely held by a worker of the server.
std::vector<int> held_connections(int port, const char* source, int n) {
  std::vector<int> fds;
  for (int i = 0; i < n; ++i) {
    const int fd = connect_from(port, source);
    send_text(fd, kRequest);
    REQUIRE(read_head(fd).rfind("HTTP/1.1 401", 0) == 0);
    send_text(fd, "GET /api/session HTTP/1.1\r\nX-Slow: ");
    fds.push_back(fd);
  }
  return fds;
}

}  // namespace

TEST_CASE("300 connections trickling header bytes do not keep a normal request from being answered") {
  ServerProcess server;
  std::vector<int> slow;
  for (int i = 0; i < 300; ++i) {
    slow.push_back(connect_from(server.port(), "127.0.0.1"));
    send_text(slow.back(), "GET /api/session HTTP/1.1\r\nHost: signet\r\nX-Slow: ");
  }
  std::atomic<bool> stop{false};
  std::thread trickle([&] {  // a byte a second on each: well within any per-read timeout
    while (!stop) {
      for (int fd : slow) send(fd, "a", 1, MSG_NOSIGNAL | MSG_DONTWAIT);
      for (int i = 0; i < 10 && !stop; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  httplib::Client client("127.0.0.1", server.port());
  client.set_connection_timeout(60, 0);
  client.set_read_timeout(60, 0);  // the head deadline is 10 s; this only bounds a hung test
  const auto reply = client.Get("/api/session");
  stop = true;
  trickle.join();
  for (int fd : slow) close(fd);
  REQUIRE_MESSAGE(reply, "no answer while slow clients held the workers");
  CHECK(reply->status == 401);
}

TEST_CASE("one address holds at most 32 connections at once; the host itself is not limited") {
  ServerProcess server;
  std::vector<int> held = held_connections(server.port(), "127.0.0.2", 32);
  const int extra = connect_from(server.port(), "127.0.0.2");
  send_text(extra, kRequest);
  const std::string refused = read_head(extra);
  CHECK(refused.rfind("HTTP/1.1 429", 0) == 0);
  CHECK(refused.find("Retry-After:") != std::string::npos);
  close(extra);
  // Another address is not affected.
  const int other = connect_from(server.port(), "127.0.0.3");
  send_text(other, kRequest);
  CHECK(read_head(other).rfind("HTTP/1.1 401", 0) == 0);
  close(other);
  // Closed connections give their places back.
  for (int fd : held) close(fd);
  bool admitted = false;
  for (int i = 0; i < 100 && !admitted; ++i) {
    const int again = connect_from(server.port(), "127.0.0.2");
    send_text(again, kRequest);
    admitted = read_head(again).rfind("HTTP/1.1 401", 0) == 0;
    close(again);
    if (!admitted) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CHECK(admitted);

  // 127.0.0.1 (a local proxy, the load tests) may hold more.
  std::vector<int> local = held_connections(server.port(), "127.0.0.1", 40);
  CHECK(local.size() == 40);
  for (int fd : local) close(fd);
}

TEST_CASE("a request head larger than 64 KiB is refused") {
  ServerProcess server;
  const int fd = connect_from(server.port(), "127.0.0.1");
  std::string head = "GET /api/session HTTP/1.1\r\nHost: signet\r\n";
  for (int i = 0; head.size() < 70 * 1024; ++i) head += "X-Filler-" + std::to_string(i) + ": " + std::string(100, 'f') + "\r\n";
  send_text(fd, head + "\r\n");
  // Answered 400, or cut off while the rest of the head was still unread (a reset): either way
  // not served.
  const std::string got = read_head(fd);
  CHECK_MESSAGE((got.empty() || got.rfind("HTTP/1.1 400", 0) == 0), got);
  close(fd);
}
