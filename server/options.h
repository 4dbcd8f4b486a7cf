// Command-line flags of signet-server (see docs/api.md, "Server flags").
#pragma once
#include <string>
#include <vector>

#include "http/client_address.h"

namespace signet {

struct ServerOptions {
  std::string db = "data/signet.db";
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string base_url;  // default http://HOST:PORT
  std::string smtp_url;  // empty: write mail to outbox_dir
  std::string mail_from = "Signet <no-reply@signet.invalid>";
  std::string web_dir;   // default: ../web next to the executable's bin/ folder
  std::string outbox_dir = "data/outbox";
  int mail_retry_seconds = 30;  // first retry delay of the mail queue, doubling after
  // How long a server's claim on a queued mail stands: another server retries the mail only
  // after that, should the claiming one have died mid-send. Longer than one SMTP delivery.
  int mail_claim_seconds = 300;
  int list_cache_mib = 16;      // list pages kept to be sent again (http/list_replies.h); 0: none
  std::string prices_file;      // JSON price list; empty: the built-in one (billing.h)
  // The key sealing service account keys (deploy/secret_box.h); empty: secret.key beside --db.
  std::string secret_key_file;
  std::string google_token_url = "https://oauth2.googleapis.com/token";
  std::string gmail_api_url = "https://gmail.googleapis.com";
  int deploy_settle_seconds = 60;  // a change deploys once no other came for this long
  // As mail_claim_seconds, for one user's signature being sent to Google.
  int deploy_claim_seconds = 300;
  std::string milter;         // libmilter socket (inet:PORT@HOST, unix:PATH); empty: no mail flow
  std::string mailflow_host;  // shown in the Exchange connector; default: the host of base_url
  // --trusted-proxy CIDR, repeatable: proxies whose X-Forwarded-For names the client.
  TrustedProxies trusted_proxies;
  bool help = false;  // --help: print kServerUsage and exit
};

extern const char* const kServerUsage;

struct PriceList;
// Reads {"currency":"EUR","m365_cents":200,"google_workspace_cents":200,"vat_percent":21}.
// Returns an error message, or "" with `out` filled.
std::string load_price_list(const std::string& file, PriceList& out);

// Parses flags of the form --name VALUE or --name=VALUE. Returns an error message, or ""
// when all flags were understood.
std::string parse_server_options(const std::vector<std::string>& args, ServerOptions& out);

// Parses "--name VALUE" pairs for admin commands; unknown names are an error. A flag in
// `repeatable` may be given more than once and collects every value.
std::string parse_flags(const std::vector<std::string>& args,
                        const std::vector<std::pair<std::string, std::string*>>& known,
                        const std::vector<std::pair<std::string, std::vector<std::string>*>>& repeatable = {});

}  // namespace signet
