#include "signet/deployment.h"

#include "signet/i18n.h"
#include "signet/text.h"

namespace signet {

using nlohmann::json;

json gmail_send_as_requests(const std::vector<UserSignature>& signatures) {
  json requests = json::array();
  for (const UserSignature& s : signatures) {
    requests.push_back({
        {"method", "users.settings.sendAs.update"},
        {"userId", s.user->email},
        {"sendAsEmail", s.user->email},
        {"body", {{"signature", s.signature.html}}},
    });
  }
  return json{{"product", "google_workspace"}, {"requests", std::move(requests)}};
}

std::string powershell_quote(std::string_view value) {
  std::string out = "'";
  const auto cps = decode_utf8(value);
  if (!cps) return "''";
  for (char32_t cp : *cps) {
    if (cp == '\'' || cp == 0x2018 || cp == 0x2019 || cp == 0x201A || cp == 0x201B)
      out += encode_utf8(cp);  // doubled: PowerShell reads two quotes as one literal quote
    out += encode_utf8(cp);
  }
  return out + "'";
}

std::string exchange_mailflow_script(const MailflowRoute& r) {
  const std::string host = powershell_quote(r.smart_host);
  const std::string connector = powershell_quote("Signet signatures");
  std::string domains;
  for (const std::string& d : r.sender_domains) domains += (domains.empty() ? "" : ",") + powershell_quote(d);
  if (domains.empty()) domains = "'*'";  // no directory yet; Signet refuses other domains anyway
  std::string s =
      "# Signet: signatures added to outgoing mail by Signet's mail flow.\r\n"
      "# Run in Exchange Online PowerShell (Connect-ExchangeOnline first).\r\n"
      "$ErrorActionPreference = 'Stop'\r\n"
      "New-OutboundConnector -Name " + connector + " -ConnectorType OnPremises -SmartHosts " + host +
      " -UseMXRecord $false -IsTransportRuleScoped $true -TlsSettings DomainValidation -TlsDomain " + host + "\r\n" +
      "New-InboundConnector -Name " + powershell_quote("Signet signatures (signed mail back)") +
      " -ConnectorType OnPremises -SenderDomains " + domains + " -RequireTls $true -TlsSenderCertificateName " + host + "\r\n" +
      "New-TransportRule -Name " + connector + " -FromScope InOrganization -SentToScope NotInOrganization" +
      " -ExceptIfHeaderContainsMessageHeader " + powershell_quote(r.signed_header) +
      " -ExceptIfHeaderContainsWords " + powershell_quote("yes") +
      " -SetHeaderName " + powershell_quote(r.route_header) + " -SetHeaderValue " + powershell_quote(r.route_token) +
      " -RouteMessageOutboundConnector " + connector + " -StopRuleProcessing $true\r\n";
  return s;
}

std::string exchange_powershell_script(const std::vector<UserSignature>& signatures,
                                       const std::string& customer_name) {
  std::string s;
  s += "# Signet: e-mail signatures for " + trim(customer_name) + " (Microsoft 365)\r\n";
  s += "# Run in PowerShell after Connect-ExchangeOnline. Sets each mailbox's Outlook on the web\r\n";
  s += "# signature and turns on adding it to new messages.\r\n";
  s += "$ErrorActionPreference = 'Stop'\r\n\r\n";
  for (const UserSignature& u : signatures) {
    s += "Set-MailboxMessageConfiguration -Identity " + powershell_quote(u.user->email) +
         " -SignatureHtml " + powershell_quote(u.signature.html) +
         " -SignatureText " + powershell_quote(u.signature.text) + " -AutoAddSignature $true\r\n";
  }
  return s;
}

TransportRule exchange_transport_rule(const SignatureTemplate& t, const std::string& company) {
  // Exchange replaces these tokens per sender from Entra ID attributes.
  DirectoryUser tokens;
  tokens.email = "%%Email%%";
  tokens.display_name = "%%DisplayName%%";
  tokens.first_name = "%%FirstName%%";
  tokens.last_name = "%%LastName%%";
  tokens.job_title = "%%Title%%";
  tokens.department = "%%Department%%";
  tokens.phone = "%%PhoneNumber%%";
  tokens.mobile = "%%MobileNumber%%";
  tokens.website = "";  // no Exchange attribute for a personal website
  tokens.address = "%%Street%%, %%PostalCode%% %%City%%";
  RenderedSignature r = render_signature(t, {tokens, company});
  TransportRule rule;
  rule.html = std::move(r.html);
  if (rule.html.size() > kExchangeDisclaimerLimit)
    rule.warnings.push_back(fill(phrase("The transport-rule HTML is {n} characters; Exchange accepts at most {max}."),
                                 {{"n", std::to_string(rule.html.size())}, {"max", std::to_string(kExchangeDisclaimerLimit)}}));
  for (const Block& b : t.blocks) {
    bool uses_website = false;
    for (const std::string& name : placeholders_in(b.text + b.link)) uses_website |= name == "website";
    if (uses_website) {
      rule.warnings.push_back(fill(phrase("{placeholder} has no Exchange attribute and stays empty in the transport rule."),
                                   {{"placeholder", "{{website}}"}}));
      break;
    }
  }
  return rule;
}

}  // namespace signet
