#include "http/guarded_server.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <nlohmann/json.hpp>

#include "signet/i18n.h"

namespace signet {

namespace {

using Steady = std::chrono::steady_clock;

std::string address_of(const sockaddr_storage& addr, int& port) {
  char host[NI_MAXHOST], serv[NI_MAXSERV];
  if (getnameinfo(reinterpret_cast<const sockaddr*>(&addr), sizeof addr, host, sizeof host, serv, sizeof serv,
                  NI_NUMERICHOST | NI_NUMERICSERV) != 0)
    return {};
  port = std::atoi(serv);
  return host;
}

// One connection's socket, read through a buffer (the library's line reader asks for one
// byte at a time), under the deadlines of the request in progress.
class GuardedStream : public httplib::Stream {
 public:
  GuardedStream(socket_t sock, const ConnectionLimits& limits, time_t read_timeout_sec, time_t write_timeout_sec)
      : sock_(sock), limits_(limits), read_timeout_(read_timeout_sec * 1000), write_timeout_(write_timeout_sec * 1000) {}

  // The next request starts now: its head and its whole exchange each get their deadline.
  void begin_request() {
    const Steady::time_point now = Steady::now();
    head_deadline_ = now + std::chrono::seconds(limits_.head_seconds);
    exchange_deadline_ = now + std::chrono::seconds(limits_.exchange_seconds);
    in_head_ = true;
    head_bytes_ = 0;
    head_end_ = 0;
  }
  bool has_buffered() const { return off_ < size_; }
  // Waits up to `ms` for a request to begin on an idle kept-alive connection.
  bool wait_for_request(int ms) const { return has_buffered() || poll_for(POLLIN, ms); }

  bool is_readable() const override { return has_buffered() || poll_for(POLLIN, time_left(read_timeout_)); }
  bool is_writable() const override { return poll_for(POLLOUT, time_left(write_timeout_)); }

  ssize_t read(char* ptr, size_t size) override {
    if (!has_buffered()) {
      if (in_head_ && head_bytes_ >= limits_.head_bytes) return -1;
      if (!is_readable()) return -1;
      ssize_t n;
      do n = recv(sock_, buffer_, sizeof buffer_, 0);
      while (n < 0 && errno == EINTR);
      if (n <= 0) return -1;
      off_ = 0;
      size_ = static_cast<size_t>(n);
    }
    const size_t n = std::min(size, size_ - off_);
    std::memcpy(ptr, buffer_ + off_, n);
    if (in_head_) note_head(buffer_ + off_, n);
    off_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (!is_writable()) return -1;
    ssize_t n;
    do n = send(sock_, ptr, size, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    return n;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (getpeername(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) ip = address_of(addr, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (getsockname(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) ip = address_of(addr, port);
  }
  socket_t socket() const override { return sock_; }

 private:
  // Milliseconds to wait: the timeout of one read or write, cut short by the deadlines.
  int time_left(int timeout_ms) const {
    const Steady::time_point deadline = in_head_ ? std::min(head_deadline_, exchange_deadline_) : exchange_deadline_;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Steady::now()).count();
    return static_cast<int>(std::max<int64_t>(0, std::min<int64_t>(timeout_ms, left)));
  }
  bool poll_for(short events, int ms) const {
    if (ms <= 0) return false;
    pollfd p{sock_, events, 0};
    int r;
    do r = ::poll(&p, 1, ms);
    while (r < 0 && errno == EINTR);
    return r > 0 && (p.revents & events) != 0;
  }
  // The head ends with an empty line (CRLF CRLF, as the library's parser requires).
  void note_head(const char* bytes, size_t n) {
    static const char kEnd[] = "\r\n\r\n";
    head_bytes_ += n;
    for (size_t i = 0; i < n && in_head_; ++i) {
      head_end_ = bytes[i] == kEnd[head_end_] ? head_end_ + 1 : bytes[i] == '\r' ? 1 : 0;
      if (head_end_ == 4) in_head_ = false;
    }
  }

  socket_t sock_;
  const ConnectionLimits& limits_;
  int read_timeout_, write_timeout_;  // ms
  char buffer_[4096];
  size_t off_ = 0, size_ = 0;
  Steady::time_point head_deadline_, exchange_deadline_;
  bool in_head_ = true;
  size_t head_bytes_ = 0;
  int head_end_ = 0;  // how much of CRLF CRLF the last bytes were
};

void refuse_busy_address(socket_t sock) {
  const std::string body =
      nlohmann::json{{"error",
                      {{"code", "rate_limited"},
                       {"message", phrase("Too many connections from your address. Try again in a moment.")}}}}
          .dump();
  const std::string response = "HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nRetry-After: 5\r\n"
                               "Connection: close\r\nContent-Length: " +
                               std::to_string(body.size()) + "\r\n\r\n" + body;
  send(sock, response.data(), response.size(), MSG_NOSIGNAL);  // best effort: the connection closes anyway
  // Read what the client already sent: closing with unread bytes would answer with a reset,
  // and the client might lose the 429 before reading it.
  shutdown(sock, SHUT_WR);
  char discard[4096];
  for (int i = 0; i < 16 && recv(sock, discard, sizeof discard, MSG_DONTWAIT) > 0; ++i) {
  }
}

}  // namespace

bool GuardedServer::counts(const std::string& address) const {
  return !(address == "127.0.0.1" || address == "::1" || exempt_.trusts(address));
}

bool GuardedServer::admit(const std::string& address) {
  std::lock_guard<std::mutex> lock(mutex_);
  int& n = open_[address];
  if (n >= limits_.per_address) return false;
  ++n;
  return true;
}

void GuardedServer::release(const std::string& address) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = open_.find(address);
  if (it != open_.end() && --it->second <= 0) open_.erase(it);
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  GuardedStream stream(sock, limits_, read_timeout_sec_, write_timeout_sec_);
  std::string peer;
  int port = 0;
  stream.get_remote_ip_and_port(peer, port);
  const bool counted = counts(peer);
  const bool admitted = !counted || admit(peer);
  bool ok = admitted;
  if (!admitted) {
    refuse_busy_address(sock);
  } else {
    // As the library does: up to keep_alive_max_count_ requests, each after at most
    // keep_alive_timeout_sec_ of waiting, the last one told that the connection closes.
    for (size_t count = keep_alive_max_count_; count > 0 && svr_sock_ != INVALID_SOCKET; --count) {
      if (!stream.wait_for_request(static_cast<int>(keep_alive_timeout_sec_ * 1000))) break;
      stream.begin_request();
      bool closed = false;
      ok = process_request(stream, count == 1, closed, nullptr);
      if (!ok || closed) break;
    }
  }
  if (counted && admitted) release(peer);
  shutdown(sock, SHUT_RDWR);
  close(sock);
  return ok;
}

}  // namespace signet
