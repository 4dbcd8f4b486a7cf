#include "test_support.h"

#include <doctest/doctest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <libpq-fe.h>
#include <sodium.h>
#include <sys/prctl.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <regex>
#include <cstdlib>
#include <fstream>
#include <random>
#include <thread>

#include "storage/postgres_engine.h"

namespace signet::test {

namespace fs = std::filesystem;

TempDir::TempDir() {
  std::random_device rd;
  path_ = fs::temp_directory_path() / ("signet-test-" + std::to_string(rd()) + std::to_string(getpid()));
  fs::create_directories(path_);
}

namespace {

// Runs one statement on the test server's own database (scripts/test.sh creates "signet").
void postgres_admin(const std::string& base, const std::string& sql) {
  PGconn* conn = PQconnectdb((base + "/signet").c_str());
  PGresult* r = PQstatus(conn) == CONNECTION_OK ? PQexec(conn, sql.c_str()) : nullptr;
  const bool ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
  const std::string error = PQerrorMessage(conn);
  PQclear(r);
  PQfinish(conn);
  if (!ok) throw std::runtime_error(sql + ": " + error);
}

}  // namespace

namespace {
// The secret key file of the servers of a test database (a URL, or the database's name).
std::string postgres_key_file(const std::string& url) {
  return (fs::temp_directory_path() / ("signet-test-" + url.substr(url.rfind('/') + 1) + ".key")).string();
}
}  // namespace

void require_postgres() {
  const char* base = std::getenv("SIGNET_TEST_POSTGRES");
  REQUIRE_MESSAGE((base && *base), "this test needs SIGNET_TEST_POSTGRES=postgresql://user@host:port");
}

std::string TempDir::database(const std::string& name) {
  const char* base = std::getenv("SIGNET_TEST_POSTGRES");
  if (!base || !*base) return file(name);
  static std::atomic<int> made{0};
  const std::string db = "test_" + std::to_string(getpid()) + "_" + std::to_string(++made);
  postgres_admin(base, "CREATE DATABASE " + db);
  postgres_databases_.push_back(db);
  return std::string(base) + "/" + db;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
  if (const char* base = std::getenv("SIGNET_TEST_POSTGRES"))
    for (const std::string& db : postgres_databases_) try {
        fs::remove(postgres_key_file(db), ec);
        postgres_admin(base, "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      } catch (const std::exception& e) {
        std::fprintf(stderr, "test: %s\n", e.what());  // the cluster is thrown away anyway
      }
}

namespace {

// Reads lines from the child's stdout until `done` says stop or the deadline passes.
template <typename F>
void read_lines(int fd, F done, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  std::string buffer;
  char chunk[512];
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    const ssize_t n = read(fd, chunk, sizeof chunk);
    if (n <= 0) break;
    buffer.append(chunk, static_cast<size_t>(n));
    size_t nl;
    while ((nl = buffer.find('\n')) != std::string::npos) {
      const std::string line = buffer.substr(0, nl);
      buffer.erase(0, nl + 1);
      if (done(line)) return;
    }
  }
}

}  // namespace

ServerProcess::ServerProcess(std::vector<std::string> extra_args, std::string db)
    : db_(db.empty() ? dir_.database("signet.db") : db), web_dir_(dir_.file("web")) {
  fs::create_directories(web_dir_);
  std::ofstream(web_dir_ + "/index.html") << "<!doctype html><title>Signet portal shell</title>";
  std::ofstream(web_dir_ + "/customer.html") << "<!doctype html><title>Signet customer shell</title>";
  std::ofstream(web_dir_ + "/app.wasm", std::ios::binary) << std::string("\0asm\1\0\0\0", 8);

  std::vector<std::string> args = {SIGNET_SERVER_BINARY, "--port", "0", "--db", db_,
                                   "--web-dir", web_dir_, "--outbox-dir", dir_.file("outbox")};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  // PostgreSQL has no folder to keep the key beside, and every server of one database must
  // use the same key: one file per test database (removed with it, see TempDir).
  if (is_postgres_url(db_) && std::find(args.begin(), args.end(), "--secret-key-file") == args.end())
    args.insert(args.end(), {"--secret-key-file", postgres_key_file(db_)});
  int out[2];
  REQUIRE(pipe(out) == 0);
  pid_ = fork();
  REQUIRE(pid_ >= 0);
  if (pid_ == 0) {
    // If the test process dies (a crash, a sanitizer abort), the server goes with it
    // instead of holding the test runner's output pipe open forever.
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  stdout_fd_ = out[0];
  read_lines(stdout_fd_, [&](const std::string& line) {
    const std::string listening = "listening on http://127.0.0.1:";
    if (auto p = line.find(listening); p != std::string::npos) {
      port_ = std::atoi(line.c_str() + p + listening.size());
      return false;  // the setup line, if any, comes next
    }
    if (auto p = line.find("/setup/"); p != std::string::npos) {
      setup_link_ = line.substr(p + 7, line.find(' ', p) - p - 7);
      return true;
    }
    return line.find("Signet: ready") != std::string::npos;
  }, std::chrono::seconds(20));  // well under a second when idle; minutes of CI load stretch it
  drain_ = std::thread([fd = stdout_fd_] {
    char chunk[4096];
    while (read(fd, chunk, sizeof chunk) > 0) {
    }
  });
  if (port_ == 0) {
    terminate();
    FAIL("signet-server did not start");
  }
}

void ServerProcess::finish() {
  pid_ = -1;
  if (drain_.joinable()) drain_.join();
  close(stdout_fd_);
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) terminate();
}

int ServerProcess::terminate() {
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  finish();
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

SmtpSink::SmtpSink(int port, const std::string& mode) {
  const std::string script = std::string(SIGNET_SOURCE_DIR) + "/tests/support/smtp_sink.py";
  int out[2];
  REQUIRE(pipe(out) == 0);
  pid_ = fork();
  if (pid_ == 0) {
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    execl("/usr/bin/python3", "python3", script.c_str(), std::to_string(port).c_str(),
          dir_.path().c_str(), mode.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  bool ready = false;
  read_lines(out[0], [&](const std::string& line) { return ready = line == "ready"; },
             std::chrono::seconds(10));
  close(out[0]);
  REQUIRE_MESSAGE(ready, "the SMTP test server did not start");
}

SmtpSink::~SmtpSink() {
  kill(pid_, SIGTERM);
  waitpid(pid_, nullptr, 0);
}

std::vector<std::string> read_mail_folder(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".eml") files.push_back(e.path());
  std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
    return fs::last_write_time(a) < fs::last_write_time(b) ||
           (fs::last_write_time(a) == fs::last_write_time(b) && a < b);
  });
  std::vector<std::string> out;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    out.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return out;
}

std::vector<std::string> SmtpSink::wait_for(size_t count, int seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  std::vector<std::string> mail = read_mail_folder(dir_.path());
  while (mail.size() < count && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    mail = read_mail_folder(dir_.path());
  }
  return mail;
}

std::string plain_text_part(const std::string& message) {
  const std::string marker = "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  const size_t start = message.find(marker);
  if (start == std::string::npos) return {};
  const size_t body = start + marker.size();
  const size_t end = message.find("--", body);
  std::string b64;
  for (char c : message.substr(body, end - body))
    if (c != '\r' && c != '\n') b64 += c;
  std::string out(b64.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), b64.data(), b64.size(),
                        nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return {};
  out.resize(len);
  return out;
}

std::string link_token(const std::string& message, const std::string& path) {
  std::smatch m;
  const std::string text = plain_text_part(message);
  if (std::regex_search(text, m, std::regex(path + "([A-Za-z0-9_-]+)"))) return m[1];
  return {};
}

void ServerProcess::kill_hard() {
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  finish();
}

std::pair<int, std::string> run_admin(const std::vector<std::string>& args, const std::string& input) {
  std::vector<std::string> all = {"admin"};
  all.insert(all.end(), args.begin(), args.end());
  return run_server(all, input);
}

std::pair<int, std::string> run_server(const std::vector<std::string>& args, const std::string& input) {
  int in[2], out[2];
  REQUIRE(pipe(in) == 0);
  REQUIRE(pipe(out) == 0);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(in[0], STDIN_FILENO);
    dup2(out[1], STDOUT_FILENO);
    dup2(out[1], STDERR_FILENO);
    close(in[1]);
    close(out[0]);
    std::vector<std::string> all = {SIGNET_SERVER_BINARY};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  if (!input.empty()) REQUIRE(write(in[1], input.data(), input.size()) == ssize_t(input.size()));
  close(in[1]);
  std::string text;
  char buf[512];
  ssize_t n;
  while ((n = read(out[0], buf, sizeof buf)) > 0) text.append(buf, static_cast<size_t>(n));
  close(out[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, text};
}

std::string Reply::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

Browser::Browser(int port) : client_("127.0.0.1", port) {
  client_.set_read_timeout(30, 0);
}

Reply Browser::finish(httplib::Result r) {
  REQUIRE_MESSAGE(r, "no HTTP response");
  Reply reply;
  reply.status = r->status;
  reply.headers = r->headers;
  reply.raw = r->body;
  reply.body = nlohmann::json::parse(r->body, nullptr, false);
  if (auto set = r->get_header_value("Set-Cookie"); !set.empty()) {
    const std::string pair = set.substr(0, set.find(';'));
    cookie = set.find("Max-Age=0") != std::string::npos ? "" : pair;
  }
  if (reply.body.is_object() && reply.body.contains("csrf_token"))
    csrf_token = reply.body["csrf_token"].get<std::string>();
  return reply;
}

Reply Browser::send(const std::string& method, const std::string& path, const std::string& body,
                    const std::string& content_type, httplib::Headers headers) {
  if (!cookie.empty()) headers.emplace("Cookie", cookie);
  httplib::Request req;
  req.method = method;
  req.path = path;
  req.headers = headers;
  req.body = body;
  if (!content_type.empty()) req.set_header("Content-Type", content_type);
  return finish(client_.send(req));
}

Reply Browser::get(const std::string& path) { return send("GET", path, "", ""); }
Reply Browser::post(const std::string& path, const nlohmann::json& body) {
  return send("POST", path, body.dump(), "application/json", {{"X-CSRF-Token", csrf_token}});
}
Reply Browser::patch(const std::string& path, const nlohmann::json& body) {
  return send("PATCH", path, body.dump(), "application/json", {{"X-CSRF-Token", csrf_token}});
}
Reply Browser::del(const std::string& path) {
  return send("DELETE", path, "", "", {{"X-CSRF-Token", csrf_token}});
}

Reply Browser::sign_in(const std::string& email, const std::string& password) {
  return post("/api/session", {{"email", email}, {"password", password}});
}

Browser reseller_browser(ServerProcess& server, const std::string& company, const std::string& email) {
  auto [code, text] = run_admin({"create-reseller", "--db", server.db(), "--company", company,
                                 "--name", "Owner of " + company, "--email", email},
                                std::string(kPassword) + "\n");
  REQUIRE_MESSAGE(code == 0, text);
  Browser b(server.port());
  REQUIRE(b.sign_in(email, kPassword).status == 200);
  return b;
}

std::string mailed_token(ServerProcess& server, const std::string& email) {
  std::string token;
  for (int i = 0; i < 100 && token.empty(); ++i) {
    for (const auto& m : read_mail_folder(server.outbox_dir()))
      if (m.find("To: " + email) != std::string::npos) token = invite_token(m);
    if (token.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  REQUIRE(!token.empty());
  return token;
}

Browser staff_member(ServerProcess& server, Browser& owner, const std::string& email, const std::string& role) {
  REQUIRE(owner.post("/api/team", {{"name", role + " colleague"}, {"email", email}, {"role", role}}).status == 201);
  const std::string token = mailed_token(server, email);
  Browser b(server.port());
  REQUIRE(b.post("/api/invitations/" + token + "/accept", {{"name", role + " colleague"}, {"password", kPassword}}).status == 201);
  return b;
}

}  // namespace signet::test
