// Deployment artefacts, built offline: the services themselves are not reachable here.
//   Google Workspace: Gmail API users.settings.sendAs.update requests, one per user.
//   Microsoft 365: a PowerShell script (Set-MailboxMessageConfiguration per mailbox) and
//   the alternative server-side transport-rule HTML with Exchange's %%Field%% tokens.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "signet/signature.h"

namespace signet {

struct UserSignature {
  const DirectoryUser* user;
  RenderedSignature signature;
};

nlohmann::json gmail_send_as_requests(const std::vector<UserSignature>& signatures);

// PowerShell single-quoted string literal: every quote character PowerShell accepts as a
// single quote (' and the typographic ‘ ’ ‚ ‛) is doubled, so no value can end the string.
std::string powershell_quote(std::string_view value);
std::string exchange_powershell_script(const std::vector<UserSignature>& signatures,
                                       const std::string& customer_name);

// Server-side signatures for Microsoft 365: where the tenant's outgoing mail is routed and how
// it is recognised (services/mailflow_service.h on the server).
struct MailflowRoute {
  std::string smart_host;    // Signet's MTA; Exchange Online connectors deliver to port 25
  std::string route_header;  // set by the transport rule ...
  std::string route_token;   // ... to this subscription's token
  std::string signed_header; // set by Signet on what passed, so the rule does not route it again
  std::vector<std::string> sender_domains;  // the directory's; what comes back may be from these
};
// Exchange Online PowerShell: an outbound connector to Signet used only by the transport rule,
// an inbound connector that accepts the signed mail coming back (by Signet's certificate name,
// for the directory's domains), and the transport rule itself. It stops at the first error, so
// a rule never routes mail that could not come back. Every value is a single-quoted literal.
std::string exchange_mailflow_script(const MailflowRoute& route);

struct TransportRule {
  std::string html;
  std::vector<std::string> warnings;  // e.g. over Exchange's 5000-character limit
};
TransportRule exchange_transport_rule(const SignatureTemplate& t, const std::string& company);

}  // namespace signet
