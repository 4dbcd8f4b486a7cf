// Microsoft 365 signatures in the mail flow. Exchange Online has no API that sets signatures, so
// a transport rule in the customer's tenant sends outgoing mail through an outbound connector to
// Signet's MTA, whose milter (mailflow/milter.h) adds the signature; the rule stamps each message
// with the subscription's routing token (header X-Signet-Route), which is how the milter knows
// whose mail it is. A sender is signed only when they are a directory user of that very
// subscription and it is active: a token does not sign anybody else's mail.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "clock.h"
#include "services/signature_service.h"
#include "storage/connection_pool.h"

namespace signet {

constexpr const char* kRouteHeader = "X-Signet-Route";
constexpr const char* kSignedHeader = "X-Signet-Signed";  // set on mail that passed; the rule skips it

struct MailflowSettings {
  std::string smart_host;     // the name the Exchange connector delivers to (port 25)
  bool milter_listening = false;
};

// What a message is signed with.
struct Signing {
  int64_t subscription_id = 0;
  int64_t directory_user_id = 0;
  int64_t template_version = 0;
  std::string html;
  std::string text;
};

// What becomes of a message routed to Signet.
struct MailflowDecision {
  enum Kind { Sign, Pass, Refuse } kind = Refuse;
  std::string reason;              // for the log, and the SMTP reply of a refusal
  std::optional<Signing> signing;  // when Sign
};

class MailflowService {
 public:
  MailflowService(ConnectionPool& pool, SignatureService& signatures, Clock clock, MailflowSettings settings)
      : pool_(pool), signatures_(signatures), clock_(std::move(clock)), settings_(std::move(settings)) {}

  // Mail from `sender` stamped with `route_token`: refused when the token is unknown or not a
  // Microsoft 365 subscription's, or the sender's domain is none of its directory's (Signet's
  // MTA is reachable from every Exchange Online tenant: no tenant may send through it as
  // another's domain); passed unchanged when the subscription is inactive or the sender is no
  // directory user with a template; else signed.
  MailflowDecision decide(const std::string& route_token, const std::string& sender);
  void signed_message(const Signing& s);

  // The connector and rule to set up (PowerShell, the host, the routing token; the token is
  // made on first use) and per directory user the template version their mail carries now
  // and the one it last carried. 409 for a Google Workspace subscription.
  nlohmann::json status(int64_t sub);

 private:
  ConnectionPool& pool_;
  SignatureService& signatures_;
  Clock clock_;
  MailflowSettings settings_;
};

}  // namespace signet
