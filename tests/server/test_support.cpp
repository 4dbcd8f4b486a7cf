#include "test_support.h"

#include <doctest/doctest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <random>
#include <thread>

namespace signet::test {

namespace fs = std::filesystem;

TempDir::TempDir() {
  std::random_device rd;
  path_ = fs::temp_directory_path() / ("signet-test-" + std::to_string(rd()) + std::to_string(getpid()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
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
    : db_(db.empty() ? dir_.file("signet.db") : db), web_dir_(dir_.file("web")) {
  fs::create_directories(web_dir_);
  std::ofstream(web_dir_ + "/index.html") << "<!doctype html><title>Signet portal shell</title>";
  std::ofstream(web_dir_ + "/customer.html") << "<!doctype html><title>Signet customer shell</title>";
  std::ofstream(web_dir_ + "/app.wasm", std::ios::binary) << std::string("\0asm\1\0\0\0", 8);

  std::vector<std::string> args = {SIGNET_SERVER_BINARY, "--port", "0", "--db", db_,
                                   "--web-dir", web_dir_, "--outbox-dir", dir_.file("outbox")};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  int out[2];
  REQUIRE(pipe(out) == 0);
  pid_ = fork();
  REQUIRE(pid_ >= 0);
  if (pid_ == 0) {
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
  }, std::chrono::seconds(3));
  if (port_ == 0) {
    terminate();
    FAIL("signet-server did not start");
  }
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) terminate();
}

int ServerProcess::terminate() {
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  close(stdout_fd_);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::pair<int, std::string> run_admin(const std::vector<std::string>& args, const std::string& input) {
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
    std::vector<std::string> all = {SIGNET_SERVER_BINARY, "admin"};
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

}  // namespace signet::test
