// Test fixtures: temporary folders, a real signet-server process on a free port, and an
// HTTP client that keeps cookies like a browser does.
#pragma once
#include <httplib.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "clock.h"

namespace signet::test {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  std::filesystem::path path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  // A fresh, empty database for a test: the SQLite file `name` in this folder, or, when
  // SIGNET_TEST_POSTGRES holds a server's URL (postgresql://user@host:port, no database), a
  // new database on that server, dropped with this folder.
  std::string database(const std::string& name);

 private:
  std::filesystem::path path_;
  std::vector<std::string> postgres_databases_;
};

// For the tests of the "postgres" suite: fails the test unless SIGNET_TEST_POSTGRES names a
// PostgreSQL server (scripts/test.sh starts one; run the rest with -tse=postgres without it).
void require_postgres();

// A clock the test moves by hand.
struct ManualClock {
  int64_t now = 1'795'000'000;  // 2026-11-18
  Clock clock() { return [this] { return now; }; }
};

// Runs build/bin/signet-server with --port 0 on a temporary database, and stops it with
// SIGTERM on destruction.
class ServerProcess {
 public:
  explicit ServerProcess(std::vector<std::string> extra_args = {}, std::string db = "");
  ~ServerProcess();
  int port() const { return port_; }
  const std::string& setup_link() const { return setup_link_; }  // "" once a reseller exists
  const std::string& db() const { return db_; }
  const std::string& web_dir() const { return web_dir_; }
  std::filesystem::path outbox_dir() const { return dir_.path() / "outbox"; }
  // Sends SIGTERM and returns the exit status.
  int terminate();
  // kill -9: no chance to finish anything.
  void kill_hard();

 private:
  TempDir dir_;
  std::string db_;
  std::string web_dir_;
  void finish();  // after the process ended: the drain thread sees end of file
  int pid_ = -1;
  int stdout_fd_ = -1;
  int port_ = 0;
  std::string setup_link_;
  // Reads the server's output once it has started, so that a server that logs a lot (a line
  // per mail) never blocks on a full pipe; a blocked mail thread would stall its shutdown.
  std::thread drain_;
};

// A free TCP port on 127.0.0.1 (bound and released; good enough for tests).
int free_port();

// The real SMTP server of the tests (tests/support/smtp_sink.py, aiosmtpd) on `port`.
class SmtpSink {
 public:
  // mode: "accept", "refuse" (550 for every recipient) or "slow" (20 s per message).
  explicit SmtpSink(int port, const std::string& mode = "accept");
  ~SmtpSink();
  // Waits up to `seconds` for at least `count` messages; returns all received so far.
  std::vector<std::string> wait_for(size_t count, int seconds = 15);

 private:
  TempDir dir_;
  int pid_ = -1;
};

// The decoded text/plain part of an RFC 5322 message with base64 parts.
std::string plain_text_part(const std::string& message);
// The token of the first {base-url}{path}{token} link in a message ("" when none).
std::string link_token(const std::string& message, const std::string& path);
inline std::string invite_token(const std::string& message) { return link_token(message, "/invite/"); }
// Every .eml file in a folder, oldest first.
std::vector<std::string> read_mail_folder(const std::filesystem::path& dir);

// Runs `signet-server admin ARGS`, feeding `input` to stdin. Returns the exit code and
// stdout+stderr text.
std::pair<int, std::string> run_admin(const std::vector<std::string>& args, const std::string& input);
// Runs signet-server with ARGS to completion (for runs expected to stop by themselves).
std::pair<int, std::string> run_server(const std::vector<std::string>& args, const std::string& input = "");

struct Reply {
  int status = 0;
  nlohmann::json body;
  httplib::Headers headers;
  std::string raw;
  std::string header(const std::string& name) const;
};

// A browser-like API client: keeps the session cookie and sends the CSRF token it was given.
class Browser {
 public:
  explicit Browser(int port);
  Reply get(const std::string& path);
  Reply post(const std::string& path, const nlohmann::json& body);
  Reply patch(const std::string& path, const nlohmann::json& body);
  Reply del(const std::string& path);
  // Raw request for malformed input: exact body and headers, no CSRF added unless given.
  Reply send(const std::string& method, const std::string& path, const std::string& body,
             const std::string& content_type, httplib::Headers headers = {});

  Reply sign_in(const std::string& email, const std::string& password);
  std::string csrf_token;
  std::string cookie;  // "session=..." as sent back to the server

 private:
  Reply finish(httplib::Result r);
  httplib::Client client_;
};

// Creates a reseller through the admin command; returns a signed-in Browser.
Browser reseller_browser(ServerProcess& server, const std::string& company, const std::string& email);
constexpr const char* kPassword = "correct horse battery staple";
// The /invite/ token of the newest mail to `email` in the server's outbox, once it is written.
std::string mailed_token(ServerProcess& server, const std::string& email);
// Invites a colleague into the owner's team with `role` and accepts by the mailed link;
// returns a browser signed in as them.
Browser staff_member(ServerProcess& server, Browser& owner, const std::string& email, const std::string& role);

}  // namespace signet::test
