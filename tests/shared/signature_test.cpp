#include <doctest/doctest.h>

#include "signet/csv.h"
#include "signet/deployment.h"
#include "signet/signature.h"
#include "signet/signature_json.h"

using namespace signet;

namespace {
DirectoryUser anna() {
  DirectoryUser u;
  u.email = "anna@cafe.nl";
  u.display_name = "Anna de Vries";
  u.first_name = "Anna";
  u.job_title = "Head of Sales";
  u.phone = "+31 20 123 4567";
  return u;
}

SignatureTemplate three_blocks() {
  SignatureTemplate t;
  t.name = "Standard";
  Block name;
  name.text = "{{display_name}}";
  name.bold = true;
  Block title;
  title.text = "{{job_title}} · {{company}}\nT {{phone}}";
  Block logo;
  logo.type = BlockType::Image;
  logo.image_url = "https://cdn.cafe.nl/logo.png";
  logo.alt = "Café Brûlé";
  logo.width = 120;
  logo.link = "https://cafe.nl";
  t.blocks = {name, title, logo};
  return t;
}
}  // namespace

TEST_CASE("renderer: table layout, inline styles, placeholders filled, plain text beside it") {
  const DirectoryUser u = anna();
  const RenderedSignature r = render_signature(three_blocks(), {u, "Café Brûlé B.V."});
  CHECK(r.html.rfind("<table cellpadding=\"0\" cellspacing=\"0\" border=\"0\"", 0) == 0);
  CHECK(r.html.find("<div") == std::string::npos);
  CHECK(r.html.find("<script") == std::string::npos);
  CHECK(r.html.find("<span style=\"font-weight:bold;\">Anna de Vries</span>") != std::string::npos);
  CHECK(r.html.find("Head of Sales · Café Brûlé B.V.<br>T +31 20 123 4567") != std::string::npos);
  CHECK(r.html.find("<a href=\"https://cafe.nl\"") != std::string::npos);
  CHECK(r.html.find("<img src=\"https://cdn.cafe.nl/logo.png\" alt=\"Café Brûlé\" width=\"120\"") != std::string::npos);
  CHECK(r.text == "Anna de Vries\nHead of Sales · Café Brûlé B.V.\nT +31 20 123 4567\nCafé Brûlé <https://cafe.nl>");
  CHECK(r.warnings.empty());
}

TEST_CASE("renderer: every value is HTML-escaped; hostile links are dropped") {
  DirectoryUser u = anna();
  u.job_title = "<script>alert(1)</script>";
  u.display_name = "O'Brien \"Ace\" & Co";
  SignatureTemplate t;
  Block a;
  a.text = "{{display_name}} — {{job_title}}";
  a.link = "javascript:alert(1)";
  Block b;
  b.text = "site";
  b.link = "{{website}}";
  u.website = "javascript:alert(2)";
  t.blocks = {a, b};
  const RenderedSignature r = render_signature(t, {u, "<b>Co</b>"});
  CHECK(r.html.find("<script>") == std::string::npos);
  CHECK(r.html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(r.html.find("O&#39;Brien &quot;Ace&quot; &amp; Co") != std::string::npos);
  CHECK(r.html.find("javascript:") == std::string::npos);
  CHECK(r.html.find("href") == std::string::npos);
}

TEST_CASE("preview HTML: style attributes become data attributes, text that looks like one does not") {
  DirectoryUser u = anna();
  u.job_title = "x\" style=\"color:red";  // typed by someone: escaped, so never an attribute
  SignatureTemplate t;
  Block a;
  a.text = "{{display_name}} style=\"big\" {{job_title}}";
  a.bold = true;
  t.blocks = {a};
  const RenderedSignature r = render_signature(t, {u, "Co"});
  const std::string p = style_attributes_as_data(r.html);
  CHECK(r.html.find(" style=\"") != std::string::npos);
  CHECK(p.find(" style=\"") == std::string::npos);
  CHECK(p.find("<span data-signet-style=\"font-weight:bold;\">") != std::string::npos);
  CHECK(p.find("style=&quot;big&quot;") != std::string::npos);
  CHECK(p.find("x&quot; style=&quot;color:red") != std::string::npos);
  // Only the attribute name changes.
  std::string back = p;
  for (size_t at; (at = back.find(" data-signet-style=\"")) != std::string::npos;)
    back.replace(at, 20, " style=\"");
  CHECK(back == r.html);
  CHECK(style_attributes_as_data("") == "");
}

TEST_CASE("renderer warnings: empty values, missing alt text, http images, Gmail's size limit") {
  DirectoryUser u = anna();
  SignatureTemplate t;
  Block mobile;
  mobile.text = "M {{mobile}}";
  Block img;
  img.type = BlockType::Image;
  img.image_url = "http://cdn.example.com/x.png";
  t.blocks = {mobile, img};
  RenderedSignature r = render_signature(t, {u, "Co"});
  REQUIRE(r.warnings.size() == 3);
  CHECK(r.warnings[0].find("{{mobile}} is empty") == 0);
  CHECK(r.warnings[1].find("no alt text") != std::string::npos);
  CHECK(r.warnings[2].find("http://") != std::string::npos);

  SignatureTemplate big;
  Block long_text;
  long_text.text = std::string(2000, 'x');
  for (int i = 0; i < 6; ++i) big.blocks.push_back(long_text);
  CHECK(render_signature(big, {u, "Co"}).warnings.back().find("Gmail accepts at most 10000") != std::string::npos);
}

TEST_CASE("template validation: unknown placeholders, unsafe links, colours and fonts") {
  SignatureTemplate t = three_blocks();
  CHECK(validate(t).empty());
  t.blocks[0].text = "{{display_name}} {{shoe_size}}";
  t.blocks[2].link = "javascript:alert(1)";
  t.style.text_color = "red";
  t.style.font_family = "Comic Sans MS";
  const FieldErrors e = validate(t);
  CHECK(e.at("blocks.0.text") == "Unknown placeholder {{shoe_size}}.");
  CHECK(e.count("blocks.2.link") == 1);
  CHECK(e.count("style.text_color") == 1);
  CHECK(e.count("style.font_family") == 1);
  SignatureTemplate mail;
  mail.name = "Mail";
  Block b;
  b.text = "{{email}}";
  b.link = "mailto:{{email}}";
  mail.blocks = {b};
  CHECK(validate(mail).empty());
}

TEST_CASE("templates round-trip through JSON; bad shapes are field errors") {
  SignatureTemplate t = three_blocks();
  t.id = 4;
  t.version = 3;
  auto back = template_from_json(to_json(t));
  REQUIRE(back);
  CHECK(back->blocks.size() == 3);
  CHECK(back->blocks[2].width == 120);
  CHECK(back->version == 3);
  auto bad = parse_template(nlohmann::json::parse(R"({"name":"x","blocks":[{"type":"video"},7],"style":[]})"));
  CHECK(bad.errors.count("blocks.0.type"));
  CHECK(bad.errors.count("blocks.1.type"));
  CHECK(bad.errors.count("style"));
}

TEST_CASE("CSV: BOM, semicolons, quotes with separators and line breaks, CRLF") {
  const CsvTable t = parse_csv("\xEF\xBB\xBF" "email;display_name;address\r\n"
                               "anna@cafe.nl;\"Vries; Anna de\";\"Dam 1\r\nAmsterdam\"\r\n"
                               "\r\n"
                               "jan@cafe.nl;\"Jan \"\"JJ\"\" Jansen\";\r\n");
  REQUIRE(t.error.empty());
  CHECK(t.separator == ';');
  REQUIRE(t.rows.size() == 3);
  CHECK(t.rows[0].fields == std::vector<std::string>{"email", "display_name", "address"});
  CHECK(t.rows[1].fields[1] == "Vries; Anna de");
  CHECK(t.rows[1].fields[2] == "Dam 1\r\nAmsterdam");
  CHECK(t.rows[2].line == 5);
  CHECK(t.rows[2].fields[1] == "Jan \"JJ\" Jansen");
  CHECK(t.rows[2].fields[2] == "");
  CHECK(parse_csv("email\n\"open").error.find("never closed") != std::string::npos);
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("plain") == "plain");
  // Exported free text never runs as a spreadsheet formula.
  CHECK(csv_text("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
  CHECK(csv_text("+31 20 123") == "'+31 20 123");
  CHECK(csv_text("@home") == "'@home");
  CHECK(csv_text("Café, Zoë") == "\"Café, Zoë\"");
  CHECK(csv_text("") == "");
}

TEST_CASE("deployment: PowerShell quoting cannot be broken by any name") {
  CHECK(powershell_quote("O'Brien") == "'O''Brien'");
  CHECK(powershell_quote("O’Brien") == "'O’’Brien'");  // typographic quote is a quote to PowerShell
  CHECK(powershell_quote("'; Remove-Mailbox -Identity x; '") == "'''; Remove-Mailbox -Identity x; '''");
  CHECK(powershell_quote("$(Get-Date) `n") == "'$(Get-Date) `n'");  // no expansion in single quotes
  DirectoryUser u = anna();
  u.email = "o'brien@cafe.nl";
  const RenderedSignature sig = render_signature(three_blocks(), {u, "Co"});
  const std::string script = exchange_powershell_script({{&u, sig}}, "Café");
  CHECK(script.find("Set-MailboxMessageConfiguration -Identity 'o''brien@cafe.nl' -SignatureHtml '") != std::string::npos);
  CHECK(script.find("-AutoAddSignature $true") != std::string::npos);
}

TEST_CASE("deployment: the mail-flow script routes through Signet with every value quoted") {
  const MailflowRoute route{"mail.signet.example", "X-Signet-Route", "tok'; Remove-Mailbox x; '", "X-Signet-Signed",
                            {"cafe.nl", "o'brien.ie"}};
  const std::string script = exchange_mailflow_script(route);
  CHECK(script.find("$ErrorActionPreference = 'Stop'\r\nNew-OutboundConnector") != std::string::npos);
  CHECK(script.find("-SenderDomains 'cafe.nl','o''brien.ie' -RequireTls $true") != std::string::npos);
  CHECK(script.find("New-OutboundConnector -Name 'Signet signatures' -ConnectorType OnPremises -SmartHosts "
                    "'mail.signet.example' -UseMXRecord $false -IsTransportRuleScoped $true") != std::string::npos);
  CHECK(script.find("New-InboundConnector ") != std::string::npos);
  CHECK(script.find("-TlsSenderCertificateName 'mail.signet.example'") != std::string::npos);
  // The token cannot end its literal: the quote inside is doubled.
  CHECK(script.find("-SetHeaderName 'X-Signet-Route' -SetHeaderValue 'tok''; Remove-Mailbox x; '''") != std::string::npos);
  CHECK(script.find("-ExceptIfHeaderContainsMessageHeader 'X-Signet-Signed'") != std::string::npos);
  CHECK(script.find("-RouteMessageOutboundConnector 'Signet signatures'") != std::string::npos);
}

TEST_CASE("deployment: Gmail requests per user, transport rule with Exchange tokens") {
  DirectoryUser u = anna();
  const RenderedSignature sig = render_signature(three_blocks(), {u, "Co"});
  const auto gmail = gmail_send_as_requests({{&u, sig}});
  REQUIRE(gmail["requests"].size() == 1);
  CHECK(gmail["requests"][0]["userId"] == "anna@cafe.nl");
  CHECK(gmail["requests"][0]["sendAsEmail"] == "anna@cafe.nl");
  CHECK(gmail["requests"][0]["body"]["signature"] == sig.html);
  const TransportRule rule = exchange_transport_rule(three_blocks(), "Café Brûlé");
  CHECK(rule.html.find("%%DisplayName%%") != std::string::npos);
  CHECK(rule.html.find("%%Title%%") != std::string::npos);
  CHECK(rule.warnings.empty());
  SignatureTemplate big = three_blocks();
  big.blocks[1].text = std::string(5000, 'y');
  CHECK(exchange_transport_rule(big, "Co").warnings.size() == 1);
}
