// The Microsoft 365 mail flow end to end with real protocols: SMTP into a real Postfix on
// loopback, which calls signet-server's milter (--milter) for each message and relays the
// result over SMTP to the tests' aiosmtpd sink.
#include <curl/curl.h>
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <thread>

#include "test_support.h"

using namespace signet;
using namespace signet::test;
using nlohmann::json;

namespace {

// A Postfix instance of its own (tests/support/postfix_instance.sh): SMTP on `port`, every
// message through the milter, everything relayed to `relay_port`.
class Postfix {
 public:
  Postfix(int port, int milter_port, int relay_port) : port_(port) {
    REQUIRE(std::system((script() + " start " + dir_.path().string() + " " + std::to_string(port) + " " +
                         std::to_string(milter_port) + " " + std::to_string(relay_port)).c_str()) == 0);
  }
  ~Postfix() {
    const int rc = std::system((script() + " stop " + dir_.path().string()).c_str());
    (void)rc;  // a stop that fails leaves a stray instance, nothing to check here
  }
  int port() const { return port_; }
  std::string log() const {
    std::ifstream in(dir_.path() / "maillog");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

 private:
  static std::string script() { return std::string(SIGNET_SOURCE_DIR) + "/tests/support/postfix_instance.sh"; }
  TempDir dir_;
  int port_;
};

// Sends `message` over SMTP (libcurl) and returns whether the server took it. With `curl`
// given, on that handle: its connection stays open for the next message.
bool send_mail(int port, const std::string& from, const std::string& to, const std::string& message, CURL* reuse = nullptr) {
  CURL* curl = reuse ? reuse : curl_easy_init();
  struct Source {
    const std::string& data;
    size_t at = 0;
  } source{message};
  curl_slist* rcpt = curl_slist_append(nullptr, ("<" + to + ">").c_str());
  const std::string url = "smtp://127.0.0.1:" + std::to_string(port);
  const std::string mail_from = "<" + from + ">";
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_READDATA, &source);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, +[](char* buf, size_t size, size_t n, void* p) -> size_t {
    auto* s = static_cast<Source*>(p);
    const size_t len = std::min(size * n, s->data.size() - s->at);
    std::memcpy(buf, s->data.data() + s->at, len);
    s->at += len;
    return len;
  });
  const CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(rcpt);
  if (!reuse) curl_easy_cleanup(curl);
  return rc == CURLE_OK;
}

size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}
std::string body_of(const std::string& m) { return m.substr(m.find("\r\n\r\n") + 4); }

// A Microsoft 365 customer: a directory and a default template; its routing token.
struct Tenant {
  Tenant(Browser& reseller, const std::string& company, const std::string& email) : reseller(reseller) {
    sub = reseller.post("/api/subscriptions", {{"product", "m365"}, {"customer_name", company}, {"user_count", 5}}).body["id"];
    base = "/api/subscriptions/" + std::to_string(sub);
    REQUIRE(reseller.post(base + "/users", {{"email", email}, {"display_name", "Anna de Vries"}, {"job_title", "Barista"}}).status == 201);
    const Reply t = reseller.post(base + "/templates", {{"name", "Standard"},
                                                        {"blocks", {{{"type", "text"}, {"text", "{{display_name}} · {{job_title}} · {{company}}"}}}}});
    REQUIRE(t.status == 201);
    template_json = t.body;
    const Reply m = reseller.get(base + "/microsoft");
    REQUIRE(m.status == 200);
    token = m.body["route_token"];
  }
  Browser& reseller;
  int64_t sub = 0;
  std::string base, token;
  json template_json;
};

// A message from `from` with the routing header, as Exchange's transport rule sends it.
std::string routed(const std::string& token, const std::string& from, const std::string& subject, const std::string& mime) {
  return "X-Signet-Route: " + token + "\r\nFrom: Anna de Vries <" + from + ">\r\nTo: bob@example.com\r\nSubject: " + subject +
         "\r\nDate: Fri, 4 Dec 2026 10:00:00 +0100\r\nMessage-ID: <" + subject + "@cafe.test>\r\nMIME-Version: 1.0\r\n" + mime;
}

struct Flow {
  int milter_port = free_port();
  int sink_port = free_port();
  SmtpSink sink{sink_port};
  ServerProcess server{{"--milter", "inet:" + std::to_string(milter_port) + "@127.0.0.1", "--mailflow-host", "mail.signet.test"}};
  Postfix postfix{free_port(), milter_port, sink_port};
  Browser reseller = reseller_browser(server, "Acme IT", "owner@acme-it.nl");
  // Sends and returns the message as it arrived behind Postfix.
  std::string pass(const std::string& from, const std::string& message) {
    REQUIRE(send_mail(postfix.port(), from, "bob@example.com", message));
    const size_t at = message.find("Message-ID: ") + 12;
    return pass_sent(message.substr(at, message.find("\r\n", at) - at));
  }
  // The message with this Message-ID as it arrived behind Postfix, once it did.
  std::string pass_sent(const std::string& message_id) {
    for (int i = 0; i < 150; ++i) {
      for (const std::string& m : sink.wait_for(0, 0))
        if (m.find("Message-ID: " + message_id) != std::string::npos) return m;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    FAIL("the message did not come through Postfix: " << postfix.log());
    return "";
  }
};

}  // namespace

TEST_CASE("mail flow: Postfix passes mail through the milter, which signs it for the sender's subscription") {
  Flow f;
  Tenant cafe(f.reseller, "Café Brûlé", "anna@cafe.test");
  Tenant other(f.reseller, "Other BV", "zoe@other.test");
  const std::string attachment =
      "--mix\r\nContent-Type: application/pdf; name=\"offer.pdf\"\r\nContent-Disposition: attachment; filename=\"offer.pdf\"\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQKJcOkw7zDtsOfCjIgMCBvYmoKPDwvTGVuZ3RoIDMgMCBSL0ZpbHRlci9GbGF0ZURl\r\n"
      "ZWFtCmVuZG9iago=\r\n";

  SUBCASE("plain US-ASCII text: signed, relabelled UTF-8 quoted-printable once, the routing token gone") {
    const std::string out = f.pass("anna@cafe.test", routed(cafe.token, "anna@cafe.test", "plain",
                                                             "Content-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\n"
                                                             "Hoi Bob,\r\n\r\ntot morgen.\r\n"));
    CHECK(body_of(out).find("tot morgen.\r\n\r\nAnna de Vries =C2=B7 Barista =C2=B7 Caf=C3=A9 Br=C3=BBl=C3=A9") != std::string::npos);
    // The MTA changed the headers in place: one of each, with the new values.
    const std::string headers = out.substr(0, out.find("\r\n\r\n") + 2);
    CHECK(count(headers, "Content-Type:") == 1);
    CHECK(count(headers, "Content-Transfer-Encoding:") == 1);
    CHECK(headers.find("Content-Type: text/plain; charset=utf-8\r\n") != std::string::npos);
    CHECK(headers.find("Content-Transfer-Encoding: quoted-printable\r\n") != std::string::npos);
    CHECK(out.find("X-Signet-Route") == std::string::npos);
    CHECK(out.find("X-Signet-Signed: yes") != std::string::npos);
    CHECK(out.find("From: Anna de Vries <anna@cafe.test>\r\n") != std::string::npos);
    const json status = f.reseller.get(cafe.base + "/microsoft").body;
    REQUIRE(status["users"].size() == 1);
    CHECK(status["users"][0]["signed_version"] == cafe.template_json["version"]);
    CHECK(status["users"][0]["messages"] == 1);
    CHECK(status["users"][0]["signed_at"].is_string());
  }

  SUBCASE("HTML with an attachment, base64: HTML and text signed, the attachment byte for byte") {
    const std::string html = "<html><body><p>Offerte</p></body></html>";
    const std::string mime =
        "Content-Type: multipart/mixed; boundary=\"mix\"\r\n\r\n--mix\r\nContent-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n"
        "--alt\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: base64\r\n\r\nR3L832UgYXVzIEv2bG4K\r\n"
        "--alt\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + html + "\r\n--alt--\r\n" +
        attachment + "--mix--\r\n";
    const std::string out = f.pass("anna@cafe.test", routed(cafe.token, "anna@cafe.test", "attachment", mime));
    CHECK(out.find(attachment) != std::string::npos);
    CHECK(out.find("<p>Offerte</p><div data-signet-signature=\"1\">") != std::string::npos);
    // The HTML's charset and encoding stay: the signature went in as ASCII.
    CHECK(out.find("Anna de Vries &#183; Barista &#183; Caf&#233; Br&#251;l&#233;</td>") != std::string::npos);
    CHECK(out.find("Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n<html>") != std::string::npos);
    // ISO-8859-1 holds the signature: the text stays ISO-8859-1 (and base64), signed.
    CHECK(out.find("Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: base64\r\n\r\nR3L832UgYXVzIEv2bG4KCkFubmEgZGUgVnJpZXMgtyBCYXJpc3RhILcgQ2Fm6SBCcvts6Qo=") != std::string::npos);
  }

  SUBCASE("left alone, byte for byte: a signed reply, S/MIME, a newcomer not in the directory, inactive") {
    const std::string signed_reply = "Content-Type: text/html; charset=utf-8\r\n\r\n<p>Ja</p><blockquote><div data-signet-signature=\"1\">x</div></blockquote>\r\n";
    const std::string smime =
        "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256; boundary=\"s\"\r\n\r\n"
        "--s\r\nContent-Type: text/plain\r\n\r\nSigned text.\r\n--s\r\nContent-Type: application/pkcs7-signature; name=smime.p7s\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\nMIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQMEAgEFADCABgkqhkiG9w0BBwEAAA==\r\n--s--\r\n";
    const std::string plain = "Content-Type: text/plain; charset=us-ascii\r\n\r\nHello.\r\n";
    for (const auto& [name, message] :
         {std::pair<std::string, std::string>{"reply", routed(cafe.token, "anna@cafe.test", "reply", signed_reply)},
          {"smime", routed(cafe.token, "anna@cafe.test", "smime", smime)},
          // Of the customer's domain, not (yet) in its directory: passed on, unsigned.
          {"newcomer", routed(cafe.token, "newcomer@cafe.test", "newcomer", plain)}}) {
      CAPTURE(name);
      const std::string out = f.pass("anna@cafe.test", message);
      CHECK(body_of(out) == body_of(message));
      CHECK(out.find("X-Signet-Route") == std::string::npos);
      for (const char* h : {"From: ", "Subject: ", "Content-Type: ", "Message-ID: "}) {
        const size_t at = message.find(h);
        CHECK(out.find(message.substr(at, message.find("\r\n", at) - at + 2)) != std::string::npos);
      }
    }
    REQUIRE(f.reseller.patch(cafe.base, {{"status", "inactive"}}).status == 200);
    const std::string inactive = routed(cafe.token, "anna@cafe.test", "inactive", plain);
    CHECK(body_of(f.pass("anna@cafe.test", inactive)) == body_of(inactive));
    CHECK(f.reseller.get(cafe.base + "/microsoft").body["users"][0]["messages"] == 0);
  }

  SUBCASE("refused: no routing token, an unknown one, another customer's domain with this token") {
    const std::string plain = "Content-Type: text/plain; charset=us-ascii\r\n\r\nHello.\r\n";
    const std::string direct = "From: anna@cafe.test\r\nTo: bob@example.com\r\nSubject: direct\r\n"
                               "Date: Fri, 4 Dec 2026 10:00:00 +0100\r\nMessage-ID: <direct@cafe.test>\r\n" + plain;
    CHECK_FALSE(send_mail(f.postfix.port(), "anna@cafe.test", "bob@example.com", direct));
    CHECK_FALSE(send_mail(f.postfix.port(), "anna@cafe.test", "bob@example.com", routed("not-a-token", "anna@cafe.test", "unknown", plain)));
    // Zoë is a user of another customer: Café's token neither signs nor carries her mail.
    CHECK_FALSE(send_mail(f.postfix.port(), "zoe@other.test", "bob@example.com", routed(cafe.token, "zoe@other.test", "stranger", plain)));
    // Her own customer's token does.
    CHECK(f.pass("zoe@other.test", routed(other.token, "zoe@other.test", "own", plain)).find("Other BV") != std::string::npos);
    CHECK(f.sink.wait_for(0, 0).size() == 1);
    const std::string log = f.postfix.log();
    CHECK(log.find("Signet: not routed here by a Signet transport rule") != std::string::npos);
    CHECK(log.find("Signet: the sender's domain is not one of this subscription's") != std::string::npos);
  }

  SUBCASE("two messages on one SMTP connection: each is judged on its own") {
    const std::string plain = "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nHallo.\r\n";
    CURL* connection = curl_easy_init();
    CHECK(send_mail(f.postfix.port(), "anna@cafe.test", "bob@example.com", routed(cafe.token, "anna@cafe.test", "one", plain), connection));
    // The second, on the same connection, carries no token: refused, whatever the first had.
    const std::string direct = "From: anna@cafe.test\r\nTo: bob@example.com\r\nSubject: two\r\nMessage-ID: <two@cafe.test>\r\n" + plain;
    CHECK_FALSE(send_mail(f.postfix.port(), "anna@cafe.test", "bob@example.com", direct, connection));
    CHECK(send_mail(f.postfix.port(), "zoe@other.test", "bob@example.com", routed(other.token, "zoe@other.test", "three", plain), connection));
    curl_easy_cleanup(connection);
    const std::string one = f.pass_sent("<one@cafe.test>"), three = f.pass_sent("<three@cafe.test>");
    CHECK(one.find("Anna de Vries · Barista · Café Brûlé") != std::string::npos);
    CHECK(three.find("Other BV") != std::string::npos);
    CHECK(three.find("Café Brûlé") == std::string::npos);
    // Postfix saw one session with the three of them ("disconnect from … mail=3 … data=2/3").
    CHECK(f.postfix.log().find("mail=3 rcpt=3 data=2/3") != std::string::npos);
  }

  SUBCASE("saving the template changes the signature the next message carries") {
    const std::string plain = "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nHallo.\r\n";
    CHECK(f.pass("anna@cafe.test", routed(cafe.token, "anna@cafe.test", "before", plain)).find("Anna de Vries · Barista") != std::string::npos);
    json edited = cafe.template_json;
    edited["blocks"] = {{{"type", "text"}, {"text", "{{display_name}}, nieuw adres: Kade 1"}}};
    const Reply saved = f.reseller.send("PUT", cafe.base + "/templates/" + std::to_string(edited["id"].get<int64_t>()), edited.dump(),
                                        "application/json", {{"X-CSRF-Token", f.reseller.csrf_token}});
    REQUIRE(saved.status == 200);
    const std::string after = f.pass("anna@cafe.test", routed(cafe.token, "anna@cafe.test", "after", plain));
    CHECK(after.find("Anna de Vries, nieuw adres: Kade 1") != std::string::npos);
    CHECK(after.find("Barista") == std::string::npos);
    const json status = f.reseller.get(cafe.base + "/microsoft").body;
    CHECK(status["users"][0]["signed_version"] == saved.body["version"]);
    CHECK(status["users"][0]["messages"] == 2);
  }
}

TEST_CASE("mail flow: the connector and rule to set up; Google Workspace subscriptions have none") {
  ServerProcess server({"--mailflow-host", "mail.signet.test"});
  Browser reseller = reseller_browser(server, "Acme IT", "owner@acme-it.nl");
  Tenant cafe(reseller, "Café Brûlé", "anna@cafe.test");
  const json s = reseller.get(cafe.base + "/microsoft").body;
  CHECK(s["smart_host"] == "mail.signet.test");
  CHECK(s["port"] == 25);
  CHECK(s["milter_listening"] == false);
  CHECK(s["route_token"].get<std::string>().size() >= 32);
  CHECK(s["powershell"].get<std::string>().find("-SetHeaderValue '" + s["route_token"].get<std::string>() + "'") != std::string::npos);
  CHECK(reseller.get(cafe.base + "/microsoft").body["route_token"] == s["route_token"]);  // made once, kept
  CHECK(s["users"][0]["signed_version"].is_null());
  const Reply file = reseller.get(cafe.base + "/microsoft?download=1");
  CHECK(file.header("Content-Disposition").find("signet-mailflow-" + std::to_string(cafe.sub) + ".ps1") != std::string::npos);
  CHECK(file.raw == s["powershell"].get<std::string>());
  const int64_t google = reseller.post("/api/subscriptions", {{"product", "google_workspace"}, {"customer_name", "G"}, {"user_count", 1}}).body["id"];
  CHECK(reseller.get("/api/subscriptions/" + std::to_string(google) + "/microsoft").status == 409);
}
