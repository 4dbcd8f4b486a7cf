// The milter: Postfix (or Sendmail) calls it for each message over the mail-filter protocol
// (libmilter). Mail a Signet transport rule routed here carries a routing token
// (services/mailflow_service.h); the milter collects its headers and body, asks the service
// what becomes of it, and replaces the body with the signed one
// (mailflow/signature_insertion.h). Mail without a valid token, or from a domain that is not the
// subscription's, is refused (550 5.7.1): every Exchange Online tenant can reach Signet's MTA,
// and none may send through it as another. Whatever else goes wrong, a message passes
// unchanged, or, once a change was half made, is held back for the MTA to try again; it is
// never lost. The routing token is removed and X-Signet-Signed added, so the transport rule
// does not route the message again.
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
