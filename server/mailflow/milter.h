// The milter: Postfix (or Sendmail) calls it for each message over the mail-filter protocol
// (libmilter). It collects the headers and body of messages that carry a routing token
// (services/mailflow_service.h), asks the service for the sender's signature, and replaces the
// body with the signed one (mailflow/signature_insertion.h). It never refuses or loses a
// message: whatever goes wrong, the message passes unchanged. The routing token is removed and
// X-Signet-Signed added, so the transport rule does not route the message again.
//
// libmilter keeps its state in the process, so there is at most one Milter at a time.
#pragma once
#include <string>
#include <thread>

#include "services/mailflow_service.h"

namespace signet {

class Milter {
 public:
  explicit Milter(MailflowService& service) : service_(service) {}
  ~Milter() { stop(); }
  Milter(const Milter&) = delete;
  Milter& operator=(const Milter&) = delete;

  // Listens on `socket` (libmilter's form: inet:PORT@HOST, inet6:PORT@HOST, unix:PATH) and
  // serves on a thread of its own. Returns an error message, or "" when listening.
  std::string start(const std::string& socket);
  void stop();

 private:
  MailflowService& service_;
  std::string socket_;
  std::thread thread_;
};

}  // namespace signet
