// The signature inserted into messages of every shape the mail flow meets; what is not the
// body keeps its bytes. The expectations are read back with GMime, the library the mail flow
// uses, and with plain string checks on the raw result.
#include <doctest/doctest.h>
#include <gmime/gmime.h>

#include <algorithm>

#include "mailflow/signature_insertion.h"

using namespace signet;

namespace {

const std::string kHtml = "<table><tr><td>Anna de Vries &middot; Caf\xC3\xA9 Brul\xC3\xA9</td></tr></table>";
const std::string kText = "Anna de Vries\nCaf\xC3\xA9 Brul\xC3\xA9\n";
// kHtml as it goes into a message: ASCII, with character references (right in any charset).
const std::string kHtmlAscii = "<table><tr><td>Anna de Vries &middot; Caf&#233; Brul&#233;</td></tr></table>";

std::string crlf(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

// The message as the MTA would pass it on: the original headers (with the changed ones
// replaced, or added) and the new body.
std::string resulting(const std::string& message, const SignatureInsertion& s) {
  std::string headers = message.substr(0, message.find("\r\n\r\n") + 2);
  for (const auto& [name, value] : s.changed_headers) {
    const size_t at = headers.find(name + ":");
    if (at == std::string::npos) {  // a header the message lacks is added, as the MTA does
      headers += name + ": " + value + "\r\n";
      continue;
    }
    size_t end = headers.find("\r\n", at);
    while (end + 2 < headers.size() && (headers[end + 2] == ' ' || headers[end + 2] == '\t')) end = headers.find("\r\n", end + 2);
    headers.replace(at, end - at, name + ": " + value);
  }
  return headers + "\r\n" + s.body;
}

// The decoded text (UTF-8) of the n-th part of that content type, read with GMime.
struct Parsed {
  explicit Parsed(const std::string& message) {
    GMimeStream* in = g_mime_stream_mem_new_with_buffer(message.data(), message.size());
    GMimeParser* p = g_mime_parser_new_with_stream(in);
    msg = g_mime_parser_construct_message(p, nullptr);
    g_object_unref(p);
    g_object_unref(in);
  }
  ~Parsed() {
    if (msg) g_object_unref(msg);
  }
  std::string text(const char* subtype) const {
    struct Find {
      const char* subtype;
      std::string out;
      bool found = false;
    } f{subtype, {}};
    g_mime_message_foreach(
        msg,
        [](GMimeObject*, GMimeObject* part, gpointer data) {
          auto* f = static_cast<Find*>(data);
          if (f->found || !GMIME_IS_TEXT_PART(part) ||
              !g_mime_content_type_is_type(g_mime_object_get_content_type(part), "text", f->subtype))
            return;
          char* t = g_mime_text_part_get_text(GMIME_TEXT_PART(part));
          f->out = t ? t : "";
          g_free(t);
          f->found = true;
        },
        &f);
    if (!f.found && GMIME_IS_TEXT_PART(g_mime_message_get_mime_part(msg))) {
      char* t = g_mime_text_part_get_text(GMIME_TEXT_PART(g_mime_message_get_mime_part(msg)));
      f.out = t ? t : "";
      g_free(t);
    }
    return f.out;
  }
  GMimeMessage* msg = nullptr;
};

std::string without_cr(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), '\r'), s.end());
  return s;
}

const std::string kPdfBase64 =
    "JVBERi0xLjQKJcOkw7zDtsOfCjIgMCBvYmoKPDwvTGVuZ3RoIDMgMCBSL0ZpbHRlci9GbGF0ZURl\r\n"
    "Y29kZT4+CnN0cmVhbQp4nCvkMlAwUDC1NNUzMVGwMDHUszRSKErlCtfiyuMCAGMvBo8KZW5kc3Ry\r\n"
    "ZWFtCmVuZG9iago=\r\n";

}  // namespace

TEST_CASE("mail flow insertion: a plain-text message gets the plain signature at its end") {
  const std::string m = crlf("From: Anna <anna@cafe.nl>\nTo: bob@example.com\nSubject: Hi\nMIME-Version: 1.0\n"
                             "Content-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: 7bit\n\n"
                             "Hello Bob,\n\nsee you.\n");
  const SignatureInsertion s = insert_signature(m, kHtml, kText);
  REQUIRE(s.result == SignatureInsertion::Inserted);
  const std::string out = resulting(m, s);
  const std::string text = without_cr(Parsed(out).text("plain"));
  CHECK(text == "Hello Bob,\n\nsee you.\n\nAnna de Vries\nCaf\xC3\xA9 Brul\xC3\xA9\n");
  // Not ASCII any more: labelled as such and encoded so that 7-bit relays carry it.
  REQUIRE(s.changed_headers.size() == 2);
  CHECK(out.find("Content-Transfer-Encoding: quoted-printable") != std::string::npos);
  CHECK(out.find("From: Anna <anna@cafe.nl>\r\n") == 0);
  CHECK(s.body.find("\n") == s.body.find("\r\n") + 1);  // CRLF throughout
}

TEST_CASE("mail flow insertion: HTML-only goes in before </body>, marked") {
  const std::string m = crlf("From: anna@cafe.nl\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n"
                             "Content-Transfer-Encoding: 8bit\n\n<html><body><p>Hallo</p></body></html>\n");
  const SignatureInsertion s = insert_signature(m, kHtml, kText);
  REQUIRE(s.result == SignatureInsertion::Inserted);
  std::string changed;
  for (const auto& [name, value] : s.changed_headers) changed += name + ": " + value + "\n";
  INFO(changed);
  CHECK(s.changed_headers.empty());
  const std::string html = Parsed(resulting(m, s)).text("html");
  CHECK(html.find("<p>Hallo</p><div data-signet-signature=\"1\">" + kHtmlAscii + "</div></body>") != std::string::npos);
}

TEST_CASE("mail flow insertion: a line too long for SMTP makes an 8bit part quoted-printable") {
  const std::string m = crlf("From: anna@cafe.nl\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n"
                             "Content-Transfer-Encoding: 8bit\n\n<p>Hallo</p>\n");
  const std::string long_html = "<div>" + std::string(1200, 'x') + "</div>";
  const SignatureInsertion s = insert_signature(m, long_html, kText);
  REQUIRE(s.result == SignatureInsertion::Inserted);
  const std::string out = resulting(m, s);
  CHECK(out.find("Content-Transfer-Encoding: quoted-printable\r\n") != std::string::npos);
  size_t longest = 0, start = 0;
  for (size_t nl = out.find("\r\n"); nl != std::string::npos; start = nl + 2, nl = out.find("\r\n", start))
    longest = std::max(longest, nl - start);
  CHECK(longest <= 76);
  CHECK(Parsed(out).text("html").find(long_html) != std::string::npos);
}

TEST_CASE("mail flow insertion: multipart/alternative with an attachment; the attachment keeps its bytes") {
  const std::string attachment =
      "--outer\r\nContent-Type: application/pdf; name=\"offer.pdf\"\r\nContent-Disposition: attachment; "
      "filename=\"offer.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + kPdfBase64;
  const std::string m =
      "From: anna@cafe.nl\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
      "This is a multi-part message in MIME format.\r\n"
      "--outer\r\nContent-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n"
      "--alt\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
      "Offerte in de bijlage, groet=\r\n en tot ziens.\r\n"
      "--alt\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
      "<html><body><p style=3D\"color:red\">Offerte</p></body></html>\r\n"
      "--alt--\r\n" + attachment + "--outer--\r\n";
  const SignatureInsertion s = insert_signature(m, kHtml, kText);
  REQUIRE(s.result == SignatureInsertion::Inserted);
  CHECK(s.changed_headers.empty());
  const std::string out = resulting(m, s);
  CHECK(out.find(attachment) != std::string::npos);  // byte for byte
  CHECK(out.find("This is a multi-part message in MIME format.\r\n") != std::string::npos);
  const Parsed p(out);
  CHECK(without_cr(p.text("plain")) == "Offerte in de bijlage, groet en tot ziens.\n\nAnna de Vries\nCaf\xC3\xA9 Brul\xC3\xA9\n");
  CHECK(p.text("html").find("<p style=\"color:red\">Offerte</p><div data-signet-signature=\"1\">") != std::string::npos);
  // Both stay quoted-printable.
  CHECK(out.find("Content-Transfer-Encoding: quoted-printable\r\n\r\n<html>") != std::string::npos);
}

TEST_CASE("mail flow insertion: base64 bodies and a non-UTF-8 charset") {
  // "Grüße aus Köln" in ISO-8859-1, base64.
  const std::string m = crlf("From: anna@cafe.nl\nMIME-Version: 1.0\nContent-Type: text/plain; charset=iso-8859-1\n"
                             "Content-Transfer-Encoding: base64\n\nR3L832UgYXVzIEv2bG4K\n");
  const SignatureInsertion s = insert_signature(m, kHtml, kText);
  REQUIRE(s.result == SignatureInsertion::Inserted);
  const std::string out = resulting(m, s);
  CHECK(without_cr(Parsed(out).text("plain")) == "Gr\xC3\xBC\xC3\x9F" "e aus K\xC3\xB6ln\n\nAnna de Vries\nCaf\xC3\xA9 Brul\xC3\xA9\n");
  CHECK(out.find("Content-Transfer-Encoding: base64") != std::string::npos);
}

TEST_CASE("mail flow insertion: the sender's own text never goes through a lossy conversion") {
  // Outlook's windows-1252 labelled ISO-8859-1: a curly quote (0x92) and the euro sign (0x80).
  const std::string outlook = "From: anna@cafe.nl\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
                              "Content-Transfer-Encoding: 8bit\r\n\r\nIt\x92s \x80 12.\r\n";
  // A signature ISO-8859-1 holds: the sender's bytes stay, the label stays.
  SignatureInsertion s = insert_signature(outlook, kHtml, kText);
  REQUIRE(s.result == SignatureInsertion::Inserted);
  CHECK(s.changed_headers.empty());
  CHECK(s.body.find("It\x92s \x80 12.\r\n\r\nAnna de Vries\r\nCaf\xE9 Brul\xE9") == 0);
  // One it does not hold (Polish): all of it as UTF-8, read as windows-1252, relabelled.
  s = insert_signature(outlook, kHtml, "Zofia \xC5\x81\xC3\xB3\x64\xC5\xBA\n");
  REQUIRE(s.result == SignatureInsertion::Inserted);
  const std::string out = resulting(outlook, s);
  CHECK(out.find("Content-Type: text/plain; charset=utf-8\r\n") != std::string::npos);
  CHECK(without_cr(Parsed(out).text("plain")) == "It\xE2\x80\x99s \xE2\x82\xAC 12.\n\nZofia \xC5\x81\xC3\xB3\x64\xC5\xBA\n");
  // HTML keeps its charset whatever the signature holds: it goes in as ASCII.
  const std::string latin_html = "From: anna@cafe.nl\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=iso-8859-1\r\n"
                                 "Content-Transfer-Encoding: 8bit\r\n\r\n<p>Gr\xFC\xDF" "e</p>\r\n";
  s = insert_signature(latin_html, "<b>\xC5\x81\xC3\xB3\x64\xC5\xBA</b>", kText);
  REQUIRE(s.result == SignatureInsertion::Inserted);
  CHECK(s.changed_headers.empty());
  CHECK(s.body == "<p>Gr\xFC\xDF" "e</p>\r\n<div data-signet-signature=\"1\"><b>&#321;&#243;d&#378;</b></div>");
  // Bytes that are no text in their charset: left alone rather than guessed at.
  const std::string broken = "From: anna@cafe.nl\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nHi \xFF\xFE\r\n";
  CHECK(insert_signature(broken, kHtml, kText).result == SignatureInsertion::Unparsable);
}

TEST_CASE("mail flow insertion: an empty signature adds nothing; a message without MIME headers gets them") {
  const std::string plain = "From: anna@cafe.nl\r\nSubject: Hi\r\n\r\nHello.\r\n";
  CHECK(insert_signature(plain, kHtml, "").result == SignatureInsertion::EmptySignature);
  const SignatureInsertion s = insert_signature(plain, kHtml, kText);
  REQUIRE(s.result == SignatureInsertion::Inserted);
  const std::string out = resulting(plain, s);
  CHECK(out.find("MIME-Version: 1.0\r\n") != std::string::npos);
  CHECK(out.find("charset=utf-8") != std::string::npos);
  CHECK(without_cr(Parsed(out).text("plain")) == "Hello.\n\nAnna de Vries\nCaf\xC3\xA9 Brul\xC3\xA9\n");
  // Text and HTML, the plain signature empty: the HTML is signed, the text keeps its bytes.
  const std::string both = crlf("From: anna@cafe.nl\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=b\n\n"
                                "--b\nContent-Type: text/plain\n\nHello.\n--b\nContent-Type: text/html\n\n<p>Hello.</p>\n--b--\n");
  const SignatureInsertion h = insert_signature(both, kHtml, "");
  REQUIRE(h.result == SignatureInsertion::Inserted);
  CHECK(h.body.find("Content-Type: text/plain\r\n\r\nHello.\r\n--b") != std::string::npos);
  CHECK(h.body.find(kHtmlAscii) != std::string::npos);
}

TEST_CASE("mail flow insertion: above the quoted reply, in text and in HTML") {
  const std::string m = crlf(
      "From: anna@cafe.nl\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=b\n\n"
      "--b\nContent-Type: text/plain; charset=utf-8\n\nPrima, tot dan.\n\nOn Tue, 1 Dec 2026 Bob <bob@example.com> wrote:\n\n> Zullen we dinsdag afspreken?\n"
      "--b\nContent-Type: text/html; charset=utf-8\n\n<div>Prima, tot dan.</div><div class=\"gmail_quote\"><blockquote>Zullen we?</blockquote></div>\n"
      "--b--\n");
  const SignatureInsertion s = insert_signature(m, kHtml, kText);
  REQUIRE(s.result == SignatureInsertion::Inserted);
  const Parsed p(resulting(m, s));
  CHECK(without_cr(p.text("plain")) ==
        "Prima, tot dan.\n\nAnna de Vries\nCaf\xC3\xA9 Brul\xC3\xA9\n\nOn Tue, 1 Dec 2026 Bob <bob@example.com> wrote:\n\n> Zullen we dinsdag afspreken?");
  CHECK(p.text("html").find("<div>Prima, tot dan.</div><div data-signet-signature=\"1\">" + kHtmlAscii + "</div><div class=\"gmail_quote\">") !=
        std::string::npos);
}

TEST_CASE("mail flow insertion: once per thread, a message that carries the signature is left alone") {
  const std::string html_reply = crlf("From: anna@cafe.nl\nMIME-Version: 1.0\nContent-Type: text/html\n\n<p>Ja</p><blockquote><p>Eerder</p>"
                                      "<div data-signet-signature=\"1\">x</div></blockquote>\n");
  CHECK(insert_signature(html_reply, kHtml, kText).result == SignatureInsertion::AlreadySigned);
  const std::string text_reply = crlf("From: anna@cafe.nl\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
                                      "Ja.\n\nAnna wrote:\n> Eerder\n>\n> Anna de Vries\n> Caf\xC3\xA9 Brul\xC3\xA9\n");
  CHECK(insert_signature(text_reply, kHtml, kText).result == SignatureInsertion::AlreadySigned);
}

TEST_CASE("mail flow insertion: S/MIME, PGP and meeting invitations are never touched") {
  const std::string smime_signed = crlf(
      "From: anna@cafe.nl\nMIME-Version: 1.0\nContent-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256; boundary=s\n\n"
      "--s\nContent-Type: text/plain\n\nSigned text.\n--s\nContent-Type: application/pkcs7-signature; name=smime.p7s\n"
      "Content-Transfer-Encoding: base64\n\nMIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQMEAgEFADCABgkqhkiG9w0BBwEAAA==\n--s--\n");
  CHECK(insert_signature(smime_signed, kHtml, kText).result == SignatureInsertion::LeftAlone);
  const std::string smime_encrypted = crlf(
      "From: anna@cafe.nl\nMIME-Version: 1.0\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m\n"
      "Content-Transfer-Encoding: base64\n\nMIAGCSqGSIb3DQEHA6CAMIACAQAxggE=\n");
  CHECK(insert_signature(smime_encrypted, kHtml, kText).result == SignatureInsertion::LeftAlone);
  const std::string pgp_inline = crlf("From: anna@cafe.nl\nContent-Type: text/plain\n\n-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nHi\n");
  CHECK(insert_signature(pgp_inline, kHtml, kText).result == SignatureInsertion::LeftAlone);
  const std::string invite = crlf(
      "From: anna@cafe.nl\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=c\n\n"
      "--c\nContent-Type: text/plain\n\nMeeting\n--c\nContent-Type: text/calendar; method=REQUEST; charset=utf-8\n\n"
      "BEGIN:VCALENDAR\nMETHOD:REQUEST\nEND:VCALENDAR\n--c--\n");
  CHECK(insert_signature(invite, kHtml, kText).result == SignatureInsertion::LeftAlone);
}

TEST_CASE("mail flow insertion: no text body, a forwarded message's text, garbage") {
  const std::string only_attachment = crlf("From: anna@cafe.nl\nMIME-Version: 1.0\nContent-Type: application/pdf\n"
                                           "Content-Transfer-Encoding: base64\n\n" + without_cr(kPdfBase64));
  CHECK(insert_signature(only_attachment, kHtml, kText).result == SignatureInsertion::NoTextBody);
  const std::string forwarded = crlf("From: anna@cafe.nl\nMIME-Version: 1.0\nContent-Type: message/rfc822\n\n"
                                     "From: bob@example.com\nContent-Type: text/plain\n\nBob's text\n");
  CHECK(insert_signature(forwarded, kHtml, kText).result == SignatureInsertion::NoTextBody);
  // Two Content-Type headers: readers differ on which one counts, so nothing is changed.
  const std::string two_types = crlf("From: anna@cafe.nl\nContent-Type: multipart/alternative; boundary=b\n"
                                     "Content-Type: text/plain; charset=iso-8859-1\n\nGr=FC=DFe\n");
  CHECK(insert_signature(two_types, kHtml, kText).result == SignatureInsertion::Unparsable);
  CHECK(insert_signature("", kHtml, kText).result != SignatureInsertion::Inserted);
  CHECK(insert_signature("\x01\x02\r\n\r\n\xff\xfe", kHtml, kText).result != SignatureInsertion::Inserted);
}

TEST_CASE("mail flow: the sender's address from a From header") {
  CHECK(first_mailbox("Anna de Vries <anna@cafe.nl>") == "anna@cafe.nl");
  CHECK(first_mailbox("\"Vries, Anna\" <Anna@Cafe.nl>, bob@example.com") == "Anna@Cafe.nl");
  CHECK(first_mailbox("=?utf-8?q?Zo=C3=AB?= <zoe@cafe.nl>") == "zoe@cafe.nl");
  CHECK(first_mailbox("undisclosed-recipients:;") == "");
  CHECK(first_mailbox("") == "");
}
