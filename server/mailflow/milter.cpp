#include "mailflow/milter.h"

#include <arpa/inet.h>
#include <libmilter/mfapi.h>
#include <netdb.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <strings.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <memory>
#include <mutex>

#include "mailflow/signature_insertion.h"
#include "signet/text.h"

namespace signet {

namespace {

// Larger messages pass unchanged rather than being held in memory whole.
constexpr size_t kMaxMessageBytes = 64u << 20;
// smfi_replacebody takes the new body in pieces of at most this many bytes.
constexpr size_t kReplaceChunk = 65535;
// Messages signed at the same time; the others wait their turn (each holds a few copies of
// itself in memory while it is signed).
constexpr int kConcurrentSignings = 4;

// libmilter's callbacks are plain functions: they find the service here.
std::atomic<MailflowService*> g_service{nullptr};
std::atomic<bool> g_stopping{false};
std::mutex g_log_mutex;

// Open MTA connections: libmilter's session threads run on after smfi_main returns, so stop()
// waits for them before the service they use goes away.
std::mutex g_sessions_mutex;
std::condition_variable g_sessions_cv;
int g_sessions = 0;

class SigningTurns {
 public:
  void take() {
    std::unique_lock<std::mutex> lock(m_);
    cv_.wait(lock, [this] { return free_ > 0; });
    --free_;
  }
  void give_back() {
    {
      std::lock_guard<std::mutex> lock(m_);
      ++free_;
    }
    cv_.notify_one();
  }

 private:
  std::mutex m_;
  std::condition_variable cv_;
  int free_ = kConcurrentSignings;
};
SigningTurns g_turns;

// One SMTP connection; reset for each message on it.
struct Message {
  std::string from_header;
  std::string envelope_from;
  std::string route_token;
  int route_headers = 0;
  std::string headers;  // "Name: value\r\n" each, as received
  std::string body;
  bool too_big = false;
};

Message* message_of(SMFICTX* ctx) { return static_cast<Message*>(smfi_getpriv(ctx)); }

void log(const std::string& sender, const std::string& what) {
  std::lock_guard<std::mutex> lock(g_log_mutex);
  std::cout << "Signet: mail flow: " << (sender.empty() ? "(no sender)" : sender) << ": " << what << std::endl;
}

// Header values come with folded lines ending in a bare LF; a message needs CRLF.
std::string with_crlf(const char* value) {
  std::string out;
  for (const char* p = value; *p; ++p) {
    if (*p == '\n' && (out.empty() || out.back() != '\r')) out += '\r';
    out += *p;
  }
  return out;
}

// The sender the message is signed for: its From address, else the envelope sender.
std::string sender_of(const Message& m) { return m.from_header.empty() ? m.envelope_from : first_mailbox(m.from_header); }

// 550 5.7.1 with the reason, logged.
void set_refusal(SMFICTX* ctx, const std::string& sender, const std::string& why) {
  const std::string reply = "Signet: " + why;
  smfi_setreply(ctx, const_cast<char*>("550"), const_cast<char*>("5.7.1"), const_cast<char*>(reply.c_str()));
  log(sender, "refused: " + why);
}

sfsistat refuse(SMFICTX* ctx, Message& m, const std::string& why) {
  set_refusal(ctx, sender_of(m), why);
  m = Message{};
  return SMFIS_REJECT;
}

sfsistat on_connect(SMFICTX* ctx, char*, _SOCK_ADDR*) {
  if (g_stopping) return SMFIS_TEMPFAIL;
  {
    std::lock_guard<std::mutex> lock(g_sessions_mutex);
    ++g_sessions;
  }
  smfi_setpriv(ctx, new Message);
  return SMFIS_CONTINUE;
}

sfsistat on_envfrom(SMFICTX* ctx, char** argv) {
  Message* m = message_of(ctx);
  if (!m) return SMFIS_TEMPFAIL;
  *m = Message{};
  std::string from = argv && argv[0] ? argv[0] : "";
  if (from.size() >= 2 && from.front() == '<' && from.back() == '>') from = from.substr(1, from.size() - 2);
  m->envelope_from = from;
  return SMFIS_CONTINUE;
}

sfsistat on_header(SMFICTX* ctx, char* name, char* value) {
  Message* m = message_of(ctx);
  if (!m) return SMFIS_TEMPFAIL;
  const std::string v = with_crlf(value);
  if (strcasecmp(name, kRouteHeader) == 0) {
    ++m->route_headers;
    if (m->route_headers == 1) m->route_token = v;
    else if (m->route_token != v) m->route_token.clear();  // two different tokens: neither counts
  }
  if (strcasecmp(name, "From") == 0 && m->from_header.empty()) m->from_header = v;
  m->headers += std::string(name) + ": " + v + "\r\n";
  return SMFIS_CONTINUE;
}

sfsistat on_eoh(SMFICTX* ctx) {
  Message* m = message_of(ctx);
  if (!m) return SMFIS_TEMPFAIL;
  // Signet's MTA takes only mail a Signet transport rule routed to it.
  if (m->route_headers == 0) return refuse(ctx, *m, "not routed here by a Signet transport rule");
  return SMFIS_CONTINUE;
}

sfsistat on_body(SMFICTX* ctx, unsigned char* chunk, size_t len) {
  Message* m = message_of(ctx);
  if (!m) return SMFIS_TEMPFAIL;
  if (m->too_big || m->headers.size() + m->body.size() + len > kMaxMessageBytes) {
    m->too_big = true;
    m->body.clear();
    m->body.shrink_to_fit();
    return SMFIS_CONTINUE;  // still at the end: the routing token comes off
  }
  m->body.append(reinterpret_cast<const char*>(chunk), len);
  return SMFIS_CONTINUE;
}

// What the message came to, and why (for the log, and the reply of a refusal).
struct Outcome {
  sfsistat status = SMFIS_ACCEPT;
  std::string what;
};

// Applies the signature. Once a change has gone to the MTA, a failure holds the message back
// (the sender's server tries again) rather than letting it go half changed.
Outcome apply(SMFICTX* ctx, const SignatureInsertion& s) {
  for (size_t at = 0; at < s.body.size(); at += kReplaceChunk) {
    const size_t n = std::min(kReplaceChunk, s.body.size() - at);
    if (smfi_replacebody(ctx, reinterpret_cast<unsigned char*>(const_cast<char*>(s.body.data() + at)), static_cast<int>(n)) != MI_SUCCESS)
      return {at == 0 ? SMFIS_ACCEPT : SMFIS_TEMPFAIL, "the MTA did not take the new body"};
  }
  for (const auto& [name, value] : s.changed_headers)
    if (smfi_chgheader(ctx, const_cast<char*>(name.c_str()), 1, const_cast<char*>(value.c_str())) != MI_SUCCESS)
      return {SMFIS_TEMPFAIL, "the MTA did not take the new " + name};
  return {SMFIS_ACCEPT, ""};
}

Outcome sign(SMFICTX* ctx, const Message& m, const std::string& sender, MailflowService& service) {
  if (m.route_token.empty()) return {SMFIS_REJECT, "conflicting routing tokens"};
  MailflowDecision d = service.decide(trim(m.route_token), sender);
  if (d.kind == MailflowDecision::Refuse) return {SMFIS_REJECT, d.reason};
  if (d.kind == MailflowDecision::Pass) return {SMFIS_ACCEPT, "passed unchanged: " + d.reason};
  if (m.too_big) return {SMFIS_ACCEPT, "passed unchanged: larger than the mail flow signs"};
  g_turns.take();
  SignatureInsertion s;
  try {
    s = insert_signature(m.headers + "\r\n" + m.body, d.signing->html, d.signing->text);
  } catch (...) {
    g_turns.give_back();
    throw;
  }
  g_turns.give_back();
  if (s.result != SignatureInsertion::Inserted) return {SMFIS_ACCEPT, std::string("passed unchanged: ") + to_string(s.result)};
  Outcome applied = apply(ctx, s);
  if (!applied.what.empty()) return applied;
  try {
    service.signed_message(*d.signing);
  } catch (const std::exception& e) {
    log(sender, std::string("signed, but not recorded: ") + e.what());
  }
  return {SMFIS_ACCEPT, "signed (template version " + std::to_string(d.signing->template_version) + ")"};
}

sfsistat on_eom(SMFICTX* ctx) {
  Message* m = message_of(ctx);
  MailflowService* service = g_service;
  if (!m || !service || g_stopping) return SMFIS_TEMPFAIL;
  std::string sender;
  Outcome outcome;
  try {
    sender = sender_of(*m);
    outcome = sign(ctx, *m, sender, *service);
  } catch (const std::exception& e) {
    outcome = {SMFIS_ACCEPT, std::string("passed unchanged after an error: ") + e.what()};
  } catch (...) {
    outcome = {SMFIS_ACCEPT, "passed unchanged after an error"};
  }
  if (outcome.status == SMFIS_REJECT) {
    set_refusal(ctx, sender, outcome.what);
  } else if (outcome.status == SMFIS_TEMPFAIL) {
    log(sender, "held back to be tried again: " + outcome.what);
  } else {
    // The token is the subscription's secret: it does not leave with the message.
    for (int i = m->route_headers; i >= 1; --i) smfi_chgheader(ctx, const_cast<char*>(kRouteHeader), i, nullptr);
    smfi_addheader(ctx, const_cast<char*>(kSignedHeader), const_cast<char*>("yes"));
    log(sender, outcome.what);
  }
  *m = Message{};
  return outcome.status;
}

sfsistat on_abort(SMFICTX* ctx) {
  if (Message* m = message_of(ctx)) *m = Message{};
  return SMFIS_CONTINUE;
}

sfsistat on_close(SMFICTX* ctx) {
  Message* m = message_of(ctx);
  if (!m) return SMFIS_CONTINUE;
  delete m;
  smfi_setpriv(ctx, nullptr);
  {
    std::lock_guard<std::mutex> lock(g_sessions_mutex);
    --g_sessions;
  }
  g_sessions_cv.notify_all();
  return SMFIS_CONTINUE;
}

// Connects to the milter's own socket and hangs up: libmilter's listener notices a stop only
// when its poll returns, which without a connection takes seconds.
void wake_listener(const std::string& socket) {
  int fd = -1;
  if (socket.rfind("unix:", 0) == 0) {
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    const std::string path = socket.substr(5);
    if (path.size() >= sizeof a.sun_path) return;
    std::copy(path.begin(), path.end(), a.sun_path);
    fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd >= 0) (void)connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  } else {
    // inet:PORT@HOST or inet6:PORT@HOST (no host: all addresses, loopback reaches them).
    const size_t colon = socket.find(':'), at = socket.find('@');
    const std::string port = socket.substr(colon + 1, at == std::string::npos ? std::string::npos : at - colon - 1);
    std::string host = at == std::string::npos ? "" : socket.substr(at + 1);
    if (host.empty() || host == "0.0.0.0" || host == "::") host = socket.rfind("inet6:", 0) == 0 ? "::1" : "127.0.0.1";
    addrinfo hints{}, *found = nullptr;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host.c_str(), port.c_str(), &hints, &found) != 0) return;
    fd = ::socket(found->ai_family, SOCK_STREAM, 0);
    if (fd >= 0) (void)connect(fd, found->ai_addr, found->ai_addrlen);
    freeaddrinfo(found);
  }
  if (fd >= 0) close(fd);
}

}  // namespace

std::string Milter::start(const std::string& socket) {
  if (g_service) return "a milter is already running in this process";
  static char name[] = "signet";
  smfiDesc desc{};
  desc.xxfi_name = name;
  desc.xxfi_version = SMFI_VERSION;
  desc.xxfi_flags = SMFIF_ADDHDRS | SMFIF_CHGHDRS | SMFIF_CHGBODY;
  desc.xxfi_connect = on_connect;
  desc.xxfi_envfrom = on_envfrom;
  desc.xxfi_header = on_header;
  desc.xxfi_eoh = on_eoh;
  desc.xxfi_body = on_body;
  desc.xxfi_eom = on_eom;
  desc.xxfi_abort = on_abort;
  desc.xxfi_close = on_close;
  std::string conn = socket;
  if (smfi_setconn(conn.data()) != MI_SUCCESS) return "cannot use the milter socket " + socket;
  if (smfi_register(desc) != MI_SUCCESS) return "cannot register the milter";
  if (smfi_opensocket(true) != MI_SUCCESS) return "cannot listen on the milter socket " + socket;
  g_service = &service_;
  g_stopping = false;
  socket_ = socket;
  thread_ = std::thread([] {
    const int r = smfi_main();
    if (g_stopping) return;
    // libmilter waits for SIGTERM, SIGINT and SIGHUP on a thread of its own, beside the
    // server's: when it took the signal meant to stop the whole server, pass it on. The server
    // also stops when the milter gave up by itself: mail would wait for it in the MTA.
    if (r != MI_SUCCESS) std::cerr << "Signet: the mail flow milter stopped (libmilter failed); stopping" << std::endl;
    kill(getpid(), SIGTERM);
  });
  return "";
}

void Milter::stop() {
  if (!thread_.joinable()) return;
  g_stopping = true;
  smfi_stop();
  wake_listener(socket_);
  thread_.join();
  // Sessions still open answer "try again later" from now on; they end when the MTA hangs up.
  std::unique_lock<std::mutex> lock(g_sessions_mutex);
  if (g_sessions_cv.wait_for(lock, std::chrono::seconds(10), [] { return g_sessions == 0; })) g_service = nullptr;
}

}  // namespace signet
