#include "options.h"

#include <fstream>
#include <optional>
#include <nlohmann/json.hpp>

#include "signet/billing.h"

namespace signet {

const char* const kServerUsage =
    "usage: signet-server [--db FILE|postgresql://USER@HOST:PORT/DB] [--port N] [--host ADDR]\n"
    "                     [--base-url URL] [--smtp-url URL] [--mail-from ADDR] [--web-dir DIR]\n"
    "                     [--outbox-dir DIR] [--prices FILE] [--mail-retry-seconds N]\n"
    "                     [--mail-claim-seconds N] [--list-cache-mib N] [--trusted-proxy CIDR]...\n"
    "                     [--secret-key-file FILE] [--google-token-url URL] [--gmail-api-url URL]\n"
    "                     [--deploy-settle-seconds N] [--deploy-claim-seconds N]\n"
    "                     [--milter SOCKET] [--mailflow-host NAME]\n"
    "       signet-server admin COMMAND ...  (\"signet-server admin\" lists the commands)\n"
    "  --trusted-proxy CIDR  a proxy in front of the server (e.g. 127.0.0.1/32, 10.0.0.0/8, fd00::/8);\n"
    "                        repeatable. From such a proxy, the right-most X-Forwarded-For address\n"
    "                        that is not a trusted proxy is the client, for limits and the audit log.\n"
    "  --mail-claim-seconds N  a mail being sent is left to its server for N seconds (default 300);\n"
    "                        only if that server died does another one send it after that.\n"
    "  --list-cache-mib N    memory for list pages kept to be sent again while unchanged (default 16;\n"
    "                        0 reads every page anew, as a benchmark of the first request does).\n"
    "  --secret-key-file FILE  the key that seals service account keys in the database (default:\n"
    "                        secret.key beside --db, made on first start; SIGNET_SECRET_KEY overrides).\n"
    "  --google-token-url URL, --gmail-api-url URL  Google's endpoints (defaults: Google's own).\n"
    "  --deploy-settle-seconds N  a change to a connected subscription's signatures is deployed once\n"
    "                        no other change came for N seconds (default 60).\n"
    "  --deploy-claim-seconds N  a user's signature being sent to Google is left to its server for N\n"
    "                        seconds (default 300); only if that server died does another one send it.\n"
    "  --milter SOCKET       also serve the Microsoft 365 mail flow: the milter that adds signatures,\n"
    "                        for Postfix (smtpd_milters), e.g. inet:8891@127.0.0.1 or unix:/run/signet.sock.\n"
    "  --mailflow-host NAME  the MTA's host name the Exchange connector delivers to (default: the\n"
    "                        host of --base-url).\n";

std::string parse_flags(const std::vector<std::string>& args,
                        const std::vector<std::pair<std::string, std::string*>>& known,
                        const std::vector<std::pair<std::string, std::vector<std::string>*>>& repeatable) {
  for (size_t i = 0; i < args.size(); ++i) {
    std::string name = args[i], value;
    const size_t eq = name.find('=');
    if (eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return "missing value for " + name;
    }
    std::string* target = nullptr;
    for (const auto& [flag, into] : known)
      if (flag == name) target = into;
    std::vector<std::string>* list = nullptr;
    for (const auto& [flag, into] : repeatable)
      if (flag == name) list = into;
    if (list) list->push_back(value);
    else if (target) *target = value;
    else return "unknown option " + name;
  }
  return "";
}

namespace {

// A flag's whole number within [min, max], or nullopt.
std::optional<int> whole_number(const std::string& text, int min, int max) {
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  const int n = std::stoi(text);
  if (n < min || n > max) return std::nullopt;
  return n;
}

}  // namespace

std::string parse_server_options(const std::vector<std::string>& args, ServerOptions& out) {
  if (args.size() == 1 && (args[0] == "--help" || args[0] == "-h")) {
    out.help = true;
    return "";
  }
  std::string port = std::to_string(out.port);
  std::string retry = std::to_string(out.mail_retry_seconds);
  std::string claim = std::to_string(out.mail_claim_seconds);
  std::string list_cache = std::to_string(out.list_cache_mib);
  std::string settle = std::to_string(out.deploy_settle_seconds);
  std::string deploy_claim = std::to_string(out.deploy_claim_seconds);
  std::vector<std::string> proxies;
  std::string error = parse_flags(args, {{"--db", &out.db},
                                         {"--port", &port},
                                         {"--host", &out.host},
                                         {"--base-url", &out.base_url},
                                         {"--smtp-url", &out.smtp_url},
                                         {"--mail-from", &out.mail_from},
                                         {"--web-dir", &out.web_dir},
                                         {"--outbox-dir", &out.outbox_dir},
                                         {"--mail-retry-seconds", &retry},
                                         {"--mail-claim-seconds", &claim},
                                         {"--list-cache-mib", &list_cache},
                                         {"--prices", &out.prices_file},
                                         {"--secret-key-file", &out.secret_key_file},
                                         {"--google-token-url", &out.google_token_url},
                                         {"--gmail-api-url", &out.gmail_api_url},
                                         {"--deploy-settle-seconds", &settle},
                                         {"--deploy-claim-seconds", &deploy_claim},
                                         {"--milter", &out.milter},
                                         {"--mailflow-host", &out.mailflow_host}},
                                  {{"--trusted-proxy", &proxies}});
  if (!error.empty()) return error;
  for (const std::string& p : proxies)
    if (!out.trusted_proxies.add(p))
      return "--trusted-proxy must be an address or a range like 10.0.0.0/8 or fd00::/8, not \"" + p + "\"";
  const auto port_number = whole_number(port, 0, 65535);
  if (!port_number) return "--port must be a number from 0 to 65535";
  out.port = *port_number;
  const auto retry_seconds = whole_number(retry, 1, 99999);
  if (!retry_seconds) return "--mail-retry-seconds must be a whole number of seconds, at least 1";
  out.mail_retry_seconds = *retry_seconds;
  const auto claim_seconds = whole_number(claim, 1, 86400);
  if (!claim_seconds) return "--mail-claim-seconds must be a whole number from 1 to 86400";
  out.mail_claim_seconds = *claim_seconds;
  const auto cache_mib = whole_number(list_cache, 0, 1024);
  if (!cache_mib) return "--list-cache-mib must be a whole number from 0 to 1024";
  out.list_cache_mib = *cache_mib;
  const auto settle_seconds = whole_number(settle, 0, 86400);
  if (!settle_seconds) return "--deploy-settle-seconds must be a whole number from 0 to 86400";
  out.deploy_settle_seconds = *settle_seconds;
  const auto deploy_claim_seconds = whole_number(deploy_claim, 1, 86400);
  if (!deploy_claim_seconds) return "--deploy-claim-seconds must be a whole number from 1 to 86400";
  out.deploy_claim_seconds = *deploy_claim_seconds;
  if (out.db.empty()) return "--db must name a file or a postgresql:// URL";
  if (!out.milter.empty() && out.milter.rfind("inet:", 0) != 0 && out.milter.rfind("inet6:", 0) != 0 &&
      out.milter.rfind("unix:", 0) != 0)
    return "--milter must be a socket like inet:8891@127.0.0.1 or unix:/run/signet-milter.sock";
  if (!out.base_url.empty() && out.base_url.rfind("http://", 0) != 0 &&
      out.base_url.rfind("https://", 0) != 0)
    return "--base-url must start with http:// or https://";
  while (!out.base_url.empty() && out.base_url.back() == '/') out.base_url.pop_back();
  for (const auto& [flag, url] : {std::pair{"--google-token-url", &out.google_token_url}, std::pair{"--gmail-api-url", &out.gmail_api_url}}) {
    if (url->rfind("http://", 0) != 0 && url->rfind("https://", 0) != 0)
      return std::string(flag) + " must start with http:// or https://";
    while (url->back() == '/') url->pop_back();
  }
  return "";
}

std::string load_price_list(const std::string& file, PriceList& out) {
  std::ifstream in(file);
  if (!in) return "cannot read " + file;
  const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (!j.is_object()) return file + " is not a JSON object";
  auto cents = [&](const char* key, int64_t& into) -> std::string {
    if (!j.contains(key)) return "";
    if (!j[key].is_number_integer() || j[key].get<int64_t>() < 0 || j[key].get<int64_t>() > 1000000)
      return std::string(key) + " must be a whole number of cents";
    into = j[key].get<int64_t>();
    return "";
  };
  for (auto [key, into] : {std::pair<const char*, int64_t*>{"m365_cents", &out.m365_cents},
                           {"google_workspace_cents", &out.google_workspace_cents}})
    if (auto e = cents(key, *into); !e.empty()) return e;
  if (j.contains("vat_percent")) {
    if (!j["vat_percent"].is_number() || j["vat_percent"].get<double>() < 0 || j["vat_percent"].get<double>() > 100)
      return "vat_percent must be from 0 to 100";
    // Percent with at most two decimals, read as basis points without float arithmetic on money.
    out.vat_basis_points = static_cast<int>(j["vat_percent"].get<double>() * 100 + 0.5);
  }
  if (j.contains("currency")) {
    if (!j["currency"].is_string() || j["currency"].get<std::string>().size() != 3) return "currency must be a 3-letter code";
    out.currency = j["currency"].get<std::string>();
  }
  return "";
}

}  // namespace signet
