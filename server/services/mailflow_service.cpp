#include "services/mailflow_service.h"

#include <algorithm>
#include <map>

#include "crypto.h"
#include "services/service_error.h"
#include "signet/deployment.h"
#include "signet/i18n.h"
#include "signet/validation.h"
#include "storage/mailflow_store.h"

namespace signet {

MailflowDecision MailflowService::decide(const std::string& route_token, const std::string& sender) {
  std::optional<int64_t> sub;
  std::vector<std::string> domains;
  {
    auto c = pool_.acquire();
    MailflowStore store(*c);
    sub = store.subscription_of(route_token);
    if (sub) domains = store.directory_domains(*sub);
  }
  if (!sub || signatures_.product_of(*sub) != Product::M365)
    return {MailflowDecision::Refuse, "not routed here by a Signet transport rule", std::nullopt};
  const std::string address = normalize_email(sender);
  const std::string domain = address.substr(address.find('@') + 1);
  if (address.find('@') == std::string::npos || !std::binary_search(domains.begin(), domains.end(), domain))
    return {MailflowDecision::Refuse, "the sender's domain is not one of this subscription's", std::nullopt};
  const auto s = signatures_.signature_of(*sub, address);
  if (!s) return {MailflowDecision::Pass, "not a directory user with a signature, or the subscription is inactive", std::nullopt};
  return {MailflowDecision::Sign, "", Signing{*sub, s->user.id, s->template_version, s->signature.html, s->signature.text}};
}

void MailflowService::signed_message(const Signing& s) {
  auto c = pool_.acquire();
  MailflowStore(*c).record_signed(s.subscription_id, s.directory_user_id, s.template_version, clock_());
}

nlohmann::json MailflowService::status(int64_t sub) {
  if (signatures_.product_of(sub) != Product::M365)
    throw ServiceError(ErrorKind::Conflict, phrase("Only a Microsoft 365 subscription routes its mail through Signet."));
  std::string token;
  std::vector<std::string> domains;
  std::map<std::string, SignedState> last;
  {
    auto c = pool_.acquire();
    MailflowStore store(*c);
    token = store.ensure_token(sub, random_token(), clock_());
    domains = store.directory_domains(sub);
    for (SignedState& s : store.signed_states(sub)) last[s.email] = std::move(s);
  }
  nlohmann::json users = nlohmann::json::array();
  for (const AssignedSignature& a : signatures_.assigned_signatures(sub)) {
    nlohmann::json u{{"email", a.user.email}, {"template_version", a.template_version},
                     {"signed_version", nullptr}, {"signed_at", nullptr}, {"messages", 0}};
    if (const auto it = last.find(a.user.email); it != last.end()) {
      u["signed_version"] = it->second.template_version;
      u["signed_at"] = format_timestamp(it->second.signed_at);
      u["messages"] = it->second.messages;
    }
    users.push_back(std::move(u));
  }
  const MailflowRoute route{settings_.smart_host, kRouteHeader, token, kSignedHeader, domains};
  return {{"smart_host", settings_.smart_host},
          {"port", 25},
          {"route_header", kRouteHeader},
          {"route_token", token},
          {"milter_listening", settings_.milter_listening},
          {"powershell", exchange_mailflow_script(route)},
          {"users", users}};
}

}  // namespace signet
