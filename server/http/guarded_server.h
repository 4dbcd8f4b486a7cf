// cpp-httplib's Server with the guards against slow clients that its 0.11 lacks.
//
// Each connection holds one of the pool's workers while it waits for bytes, and the library
// only limits each read (10 s), not a request as a whole: a few hundred connections that
// trickle header bytes, each byte within the read timeout, held every worker for as long as
// they liked, and nobody else was answered. This server serves a connection itself (it
// replaces the library's process_and_close_socket, keeping the library's request parsing and
// routing) through a stream that adds:
// - a deadline for a request's head (request line and headers): 10 s, at most 64 KiB;
// - a deadline for the whole exchange (head, body and response): 60 s;
// - at most 32 connections at once from one address, except the host itself (127.0.0.1,
//   ::1: a local proxy, load tests) and trusted proxies; past that a connection is answered
//   429 and closed.
#pragma once
#include <httplib.h>

#include <mutex>
#include <string>
#include <unordered_map>

#include "http/client_address.h"

namespace signet {

struct ConnectionLimits {
  int head_seconds = 10;
  size_t head_bytes = 64 * 1024;
  int exchange_seconds = 60;
  int per_address = 32;
};

class GuardedServer : public httplib::Server {
 public:
  explicit GuardedServer(TrustedProxies exempt = {}, ConnectionLimits limits = {})
      : exempt_(std::move(exempt)), limits_(limits) {}

 private:
  bool process_and_close_socket(socket_t sock) override;
  // Whether connections from `address` count against ConnectionLimits::per_address.
  bool counts(const std::string& address) const;
  // Counts a connection from `address`; false when that address has its fill.
  bool admit(const std::string& address);
  void release(const std::string& address);

  TrustedProxies exempt_;
  ConnectionLimits limits_;
  std::mutex mutex_;
  std::unordered_map<std::string, int> open_;  // connections per address
};

}  // namespace signet
