#include "mailflow/signature_insertion.h"

#include <gmime/gmime.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>
#include <optional>

#include "signet/text.h"

namespace signet {

namespace {

// GObject references, released when they go out of scope.
struct Unref {
  void operator()(gpointer p) const {
    if (p) g_object_unref(p);
  }
};
template <class T>
using Ref = std::unique_ptr<T, Unref>;

struct GFree {
  void operator()(char* p) const { g_free(p); }
};

void init_gmime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

bool is_type(GMimeObject* o, const char* type, const char* subtype) {
  return g_mime_content_type_is_type(g_mime_object_get_content_type(o), type, subtype);
}

// A part whose change would break a cryptographic signature, cannot be made (encrypted), or
// that a calendar client reads as a meeting.
bool is_untouchable(GMimeObject* o) {
  return GMIME_IS_MULTIPART_SIGNED(o) || GMIME_IS_MULTIPART_ENCRYPTED(o) || GMIME_IS_APPLICATION_PKCS7_MIME(o) ||
         is_type(o, "application", "pkcs7-mime") || is_type(o, "application", "x-pkcs7-mime") ||
         is_type(o, "application", "pkcs7-signature") || is_type(o, "application", "pgp-encrypted") ||
         is_type(o, "text", "calendar");
}

// The object or any part inside it (forwarded messages are attachments: not searched).
bool contains_untouchable(GMimeObject* o) {
  if (is_untouchable(o)) return true;
  if (!GMIME_IS_MULTIPART(o)) return false;
  GMimeMultipart* m = GMIME_MULTIPART(o);
  for (int i = 0; i < g_mime_multipart_get_count(m); ++i)
    if (contains_untouchable(g_mime_multipart_get_part(m, i))) return true;
  return false;
}

struct Body {
  GMimeTextPart* html = nullptr;
  GMimeTextPart* text = nullptr;
};

bool is_inline_text(GMimeObject* o, const char* subtype) {
  return GMIME_IS_TEXT_PART(o) && is_type(o, "text", subtype) && !g_mime_part_is_attachment(GMIME_PART(o));
}

// The message's own text: the object itself when it is text, the text/plain and text/html
// alternatives of a multipart/alternative, and otherwise the first part of a multipart (the
// ones after it are attachments, or what an HTML body refers to). Forwarded messages
// (message/rfc822) are someone else's text and never searched.
void find_body(GMimeObject* o, Body& b) {
  if (is_inline_text(o, "html")) {
    if (!b.html) b.html = GMIME_TEXT_PART(o);
    return;
  }
  if (is_inline_text(o, "plain")) {
    if (!b.text) b.text = GMIME_TEXT_PART(o);
    return;
  }
  if (!GMIME_IS_MULTIPART(o)) return;
  GMimeMultipart* m = GMIME_MULTIPART(o);
  const int n = g_mime_multipart_get_count(m);
  if (is_type(o, "multipart", "alternative")) {
    for (int i = 0; i < n; ++i) find_body(g_mime_multipart_get_part(m, i), b);
  } else if (n > 0) {
    find_body(g_mime_multipart_get_part(m, 0), b);
  }
}

// The part's content with its transfer encoding undone: bytes in the part's own charset.
std::string decoded_bytes(GMimePart* p) {
  GMimeDataWrapper* content = g_mime_part_get_content(p);
  if (!content) return "";
  Ref<GMimeStream> out(g_mime_stream_mem_new());
  g_mime_data_wrapper_write_to_stream(content, out.get());
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out.get()));
  return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}


bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// `bytes` converted from `from` to `to`, or nothing when any byte does not convert.
std::optional<std::string> converted(const std::string& bytes, const char* from, const char* to) {
  GError* error = nullptr;
  gsize read = 0, written = 0;
  char* out = g_convert(bytes.data(), static_cast<gssize>(bytes.size()), to, from, &read, &written, &error);
  const bool whole = out && !error && read == bytes.size();
  std::optional<std::string> result = whole ? std::optional<std::string>(std::string(out, written)) : std::nullopt;
  g_free(out);
  if (error) g_error_free(error);
  return result;
}

// The charset a text part's bytes are in. ISO-8859-1, US-ASCII and no label at all are read as
// windows-1252, as every mail reader does (Outlook labels windows-1252 text ISO-8859-1).
std::string charset_of(GMimeTextPart* p) {
  const char* declared = g_mime_text_part_get_charset(p);
  if (!declared) return "windows-1252";
  const std::string name = g_mime_charset_iconv_name(declared);
  const std::string l = ascii_lower(name);
  if (l == "iso-8859-1" || l == "us-ascii" || l == "ascii" || l == "ansi_x3.4-1968" || l == "latin1") return "windows-1252";
  return name;
}

// Charsets in which the ASCII bytes of "<blockquote" or "> " mean what they say.
bool ascii_compatible(const std::string& charset) {
  const std::string l = ascii_lower(charset);
  return l.rfind("utf-16", 0) != 0 && l.rfind("utf-32", 0) != 0 && l.rfind("ucs", 0) != 0 && l.rfind("utf-7", 0) != 0;
}

// HTML in pure ASCII: every other character as a numeric character reference, so it means the
// same in whatever charset the part is in.
std::string html_as_ascii(std::string_view html) {
  std::string out;
  const char* p = html.data();
  const char* end = p + html.size();
  while (p < end) {
    const gunichar c = g_utf8_get_char_validated(p, end - p);
    if (c == static_cast<gunichar>(-1) || c == static_cast<gunichar>(-2)) {
      ++p;  // not UTF-8: the renderer never makes that; dropped rather than passed on raw
      continue;
    }
    if (c < 0x80) out += static_cast<char>(c);
    else out += "&#" + std::to_string(c) + ";";
    p = g_utf8_next_char(p);
  }
  return out;
}

// Where the HTML signature goes: above the quoted reply of Gmail, Outlook or a plain
// <blockquote>; else at the end of the body.
size_t html_insertion_point(const std::string& html) {
  const std::string l = ascii_lower(html);
  size_t at = std::string::npos;
  for (const char* quote : {"<div class=\"gmail_quote", "<div id=\"appendonsend", "<div id=\"divrplyfwdmsg",
                            "<hr id=\"stopspelling", "<blockquote"})
    at = std::min(at, l.find(quote));
  if (at != std::string::npos) return at;
  const size_t body_end = l.rfind("</body");
  return body_end != std::string::npos ? body_end : html.size();
}

std::vector<std::string_view> lines_of(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start < s.size()) {
    const size_t nl = s.find('\n', start);
    const size_t end = nl == std::string_view::npos ? s.size() : nl + 1;
    out.push_back(s.substr(start, end - start));
    start = end;
  }
  return out;
}

std::string_view trimmed(std::string_view l) {
  while (!l.empty() && std::isspace(static_cast<unsigned char>(l.back()))) l.remove_suffix(1);
  while (!l.empty() && std::isspace(static_cast<unsigned char>(l.front()))) l.remove_prefix(1);
  return l;
}

// Where the plain signature goes: above the first quoted line (">") together with the line
// that introduces it ("On … wrote:"), above Outlook's "-----Original Message-----" or its
// line of underscores; else at the end.
size_t text_insertion_point(const std::string& text) {
  const auto lines = lines_of(text);
  size_t offset = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string_view t = trimmed(lines[i]);
    if (t == "-----Original Message-----" || t.rfind("________________________________", 0) == 0) return offset;
    if (!t.empty() && t.front() == '>') {
      // Step back over blank lines to an introducing line ending in ':' ("… wrote:", "… schreef:").
      size_t j = i, back = offset;
      while (j > 0 && trimmed(lines[j - 1]).empty()) back -= lines[--j].size();
      if (j > 0 && trimmed(lines[j - 1]).size() > 0 && trimmed(lines[j - 1]).back() == ':') back -= lines[j - 1].size();
      return back;
    }
    offset += lines[i].size();
  }
  return text.size();
}

// The text without quoting marks at line starts and with one kind of line end, so a
// signature quoted in a reply ("> ") is still recognised.
std::string unquoted(std::string_view s) {
  std::string out;
  for (std::string_view l : lines_of(s)) {
    while (!l.empty() && (l.front() == '>' || l.front() == ' ')) l.remove_prefix(1);
    for (char c : l)
      if (c != '\r') out += c;
  }
  return out;
}

bool carries_text_signature(const std::string& body, std::string_view signature) {
  const std::string sig = unquoted(trimmed(signature));
  return !sig.empty() && unquoted(body).find(sig) != std::string::npos;
}

// `signature` with the line ends of `body` (CRLF or LF).
std::string with_line_ends_of(const std::string& body, std::string_view signature) {
  const bool crlf = body.find("\r\n") != std::string::npos || body.find('\n') == std::string::npos;
  std::string out;
  for (char c : signature) {
    if (c == '\r') continue;
    if (c == '\n' && crlf) out += '\r';
    out += c;
  }
  return out;
}

// Longer lines break SMTP (RFC 5321 allows 998 octets before the CRLF).
bool has_long_line(const std::string& text) {
  size_t start = 0;
  for (size_t nl = text.find('\n'); ; nl = text.find('\n', start)) {
    if ((nl == std::string::npos ? text.size() : nl) - start > 998) return true;
    if (nl == std::string::npos) return false;
    start = nl + 1;
  }
}

// Sets `bytes` as the part's content (in the charset its Content-Type names, or `relabel_to`
// when given). The content transfer encoding stays as it was, except that it becomes
// quoted-printable where the old one cannot carry the new bytes: 7bit (or none) once they are
// not ASCII, 7bit or 8bit once a line is too long for SMTP.
void set_content(GMimeTextPart* p, const std::string& bytes, const char* relabel_to = nullptr) {
  GMimePart* part = GMIME_PART(p);
  GMimeContentEncoding encoding = g_mime_part_get_content_encoding(part);
  Ref<GMimeStream> content(g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size()));
  Ref<GMimeDataWrapper> wrapper(g_mime_data_wrapper_new_with_stream(content.get(), GMIME_CONTENT_ENCODING_DEFAULT));
  g_mime_part_set_content(part, wrapper.get());
  if (relabel_to) g_mime_text_part_set_charset(p, relabel_to);
  const bool line_based = encoding == GMIME_CONTENT_ENCODING_DEFAULT || encoding == GMIME_CONTENT_ENCODING_7BIT ||
                          encoding == GMIME_CONTENT_ENCODING_8BIT;
  if (line_based && (has_long_line(bytes) || (!is_ascii(bytes) && encoding != GMIME_CONTENT_ENCODING_8BIT)))
    encoding = GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE;
  g_mime_part_set_content_encoding(part, encoding == GMIME_CONTENT_ENCODING_DEFAULT ? GMIME_CONTENT_ENCODING_7BIT : encoding);
}

int header_count(GMimeObject* o, const char* name) {
  GMimeHeaderList* headers = g_mime_object_get_header_list(o);
  int n = 0;
  for (int i = 0; i < g_mime_header_list_get_count(headers); ++i)
    if (g_ascii_strcasecmp(g_mime_header_get_name(g_mime_header_list_get_header_at(headers, i)), name) == 0) ++n;
  return n;
}

// A header's value as it is written (not decoded), unfolded onto one line; "" when absent.
std::string raw_header(GMimeObject* o, const char* name) {
  GMimeHeader* h = g_mime_header_list_get_header(g_mime_object_get_header_list(o), name);
  const char* raw = h ? g_mime_header_get_raw_value(h) : nullptr;
  std::string out;
  for (const char* c = raw; c && *c; ++c)
    if (*c != '\r' && *c != '\n') out += *c;
  return std::string(trimmed(out));
}

}  // namespace

const char* to_string(SignatureInsertion::Result r) {
  switch (r) {
    case SignatureInsertion::Inserted: return "inserted";
    case SignatureInsertion::AlreadySigned: return "already signed";
    case SignatureInsertion::LeftAlone: return "signed, encrypted or an invitation";
    case SignatureInsertion::NoTextBody: return "no text body";
    case SignatureInsertion::EmptySignature: return "the signature is empty";
    case SignatureInsertion::Unparsable: return "not parsable";
  }
  return "";
}

std::string first_mailbox(std::string_view header_value) {
  init_gmime();
  const std::string value(header_value);
  Ref<InternetAddressList> list(internet_address_list_parse(nullptr, value.c_str()));
  if (!list) return "";
  for (int i = 0; i < internet_address_list_length(list.get()); ++i) {
    InternetAddress* a = internet_address_list_get_address(list.get(), i);
    if (INTERNET_ADDRESS_IS_MAILBOX(a)) return internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
  }
  return "";
}

namespace {

// A header value the MTA can set as it is: one line of printable ASCII.
bool settable(const std::string& v) {
  return std::all_of(v.begin(), v.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
}

// What a message's root part holds: its body parts and whether they may be signed.
struct Examined {
  SignatureInsertion::Result result = SignatureInsertion::Inserted;  // Inserted: may be signed
  Body body;
  std::string html;  // the HTML part's bytes, in its own charset (ASCII-compatible)
  std::string text;  // the text part, converted to UTF-8 without loss
};

Examined examine(GMimeObject* root, std::string_view signature_text) {
  Examined e;
  if (contains_untouchable(root)) {
    e.result = SignatureInsertion::LeftAlone;
    return e;
  }
  find_body(root, e.body);
  if (!e.body.html && !e.body.text) {
    e.result = SignatureInsertion::NoTextBody;
    return e;
  }
  // A Content-Type that is not plain ASCII is hostile or broken (and GMime's re-encoding of
  // such parameters runs away with memory): not touched.
  for (GMimeTextPart* part : {e.body.html, e.body.text})
    if (part && !settable(raw_header(GMIME_OBJECT(part), "Content-Type"))) return {SignatureInsertion::Unparsable, {}, {}, {}};
  // Text we cannot read exactly, we cannot write back exactly: such a message is left alone.
  if (e.body.html) {
    if (!ascii_compatible(charset_of(e.body.html))) return {SignatureInsertion::Unparsable, {}, {}, {}};
    e.html = decoded_bytes(GMIME_PART(e.body.html));
  }
  if (e.body.text) {
    const std::string charset = charset_of(e.body.text);
    const auto text = converted(decoded_bytes(GMIME_PART(e.body.text)), charset.c_str(), "UTF-8");
    if (!text || !ascii_compatible(charset)) return {SignatureInsertion::Unparsable, {}, {}, {}};
    e.text = *text;
  }
  // Inline PGP lives in the text itself; a changed character breaks it.
  if (e.text.find("-----BEGIN PGP ") != std::string::npos || e.html.find("-----BEGIN PGP ") != std::string::npos) {
    e.result = SignatureInsertion::LeftAlone;
    return e;
  }
  // Once per thread: the HTML says by its marker, a text-only message by the signature's text.
  const bool signed_before = e.body.html ? e.html.find(kSignatureMarker) != std::string::npos
                                         : carries_text_signature(e.text, signature_text);
  if (signed_before) e.result = SignatureInsertion::AlreadySigned;
  return e;
}

std::string with_text_signature(const std::string& t, std::string_view text) {
  const size_t at = text_insertion_point(t);
  const std::string nl = with_line_ends_of(t, "\n");
  std::string before = t.substr(0, at);
  if (!before.empty() && before.back() != '\n') before += nl;  // the signature starts on a line of its own
  const bool blank_before = before.empty() || (before.size() >= 2 * nl.size() &&
                                               before.compare(before.size() - 2 * nl.size(), 2 * nl.size(), nl + nl) == 0);
  std::string sig = (blank_before ? "" : nl) + with_line_ends_of(t, text);  // after a blank line
  if (!sig.empty() && sig.back() != '\n') sig += nl;
  if (at < t.size()) sig += nl;  // and a blank line before the quoted reply
  return before + sig + t.substr(at);
}

// The signed text (UTF-8) back into the part: in its own charset when that holds every
// character (the sender's bytes stay as they were), else as UTF-8, relabelled.
void set_text(GMimeTextPart* p, const std::string& utf8) {
  const std::string charset = charset_of(p);
  const char* declared = g_mime_text_part_get_charset(p);
  const std::string label = declared ? ascii_lower(g_mime_charset_iconv_name(declared)) : "";
  if (label == "utf-8") return set_content(p, utf8);
  // US-ASCII or no label: only ASCII may stay under it.
  const bool may_keep = !label.empty() && label != "us-ascii" && label != "ascii" && label != "ansi_x3.4-1968";
  if (is_ascii(utf8) || may_keep)
    if (const auto bytes = converted(utf8, "UTF-8", charset.c_str())) return set_content(p, *bytes);
  set_content(p, utf8, "utf-8");
}

std::string written(GMimeObject* o, bool with_headers) {
  Ref<GMimeStream> out(g_mime_stream_mem_new());
  GMimeFormatOptions* format = g_mime_format_options_new();
  g_mime_format_options_set_newline_format(format, GMIME_NEWLINE_FORMAT_DOS);
  if (with_headers) g_mime_object_write_to_stream(o, format, out.get());
  else g_mime_object_write_content_to_stream(o, format, out.get());
  g_mime_format_options_free(format);
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out.get()));
  return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
}

// Whether the signed part, written out and read back, is a message that carries the
// signature where it was put. Broken MIME (an unterminated header, a missing boundary) can
// come out differently from how it went in; such a message passes unchanged instead.
bool reads_back_signed(GMimeObject* root, std::string_view signature_text) {
  const std::string bytes = written(root, true);
  Ref<GMimeStream> in(g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size()));
  Ref<GMimeParser> parser(g_mime_parser_new_with_stream(in.get()));
  Ref<GMimeObject> again(g_mime_parser_construct_part(parser.get(), nullptr));
  return again && examine(again.get(), signature_text).result == SignatureInsertion::AlreadySigned;
}

}  // namespace

SignatureInsertion insert_signature(std::string_view message, std::string_view html, std::string_view text) {
  init_gmime();
  SignatureInsertion out;
  Ref<GMimeStream> in(g_mime_stream_mem_new_with_buffer(message.data(), message.size()));
  Ref<GMimeParser> parser(g_mime_parser_new_with_stream(in.get()));
  Ref<GMimeMessage> parsed(g_mime_parser_construct_message(parser.get(), nullptr));
  GMimeObject* root = parsed ? g_mime_message_get_mime_part(parsed.get()) : nullptr;
  if (!root) return out;
  // GMime must see the header block the MTA has (else the body it writes belongs to other
  // headers), and one Content-Type and transfer encoding on top (readers differ on which of
  // two counts, and the MTA would change the first where GMime reads the last).
  const size_t header_end = message.find("\r\n\r\n");
  if (header_end == std::string_view::npos || g_mime_parser_get_headers_end(parser.get()) != static_cast<gint64>(header_end + 2) ||
      header_count(root, "Content-Type") > 1 || header_count(root, "Content-Transfer-Encoding") > 1)
    return out;
  const Examined e = examine(root, text);
  if (e.result != SignatureInsertion::Inserted) {
    out.result = e.result;
    return out;
  }
  // An empty signature (a template of images without alt text has no plain text) adds nothing.
  const bool sign_html = e.body.html && !html.empty();
  const bool sign_text = e.body.text && !trimmed(text).empty();
  if (!sign_html && !sign_text) {
    out.result = SignatureInsertion::EmptySignature;
    return out;
  }

  const std::string content_type = raw_header(root, "Content-Type");
  const std::string encoding = raw_header(root, "Content-Transfer-Encoding");
  if (sign_html) {
    std::string h = e.html;
    h.insert(html_insertion_point(h), "<div " + std::string(kSignatureMarker) + "=\"1\">" + html_as_ascii(html) + "</div>");
    set_content(e.body.html, h);
  }
  if (sign_text) set_text(e.body.text, with_text_signature(e.text, text));
  if (!reads_back_signed(root, text)) return out;  // Unparsable

  for (const auto& [name, before] : {std::pair<const char*, std::string>{"Content-Type", content_type},
                                     std::pair<const char*, std::string>{"Content-Transfer-Encoding", encoding}}) {
    const std::string after = raw_header(root, name);
    if (after == before) continue;
    if (!settable(after)) return out;
    out.changed_headers.emplace_back(name, after);
  }
  // A message without MIME headers that now gets them needs MIME-Version too.
  if (!out.changed_headers.empty() && !g_mime_object_get_header(GMIME_OBJECT(parsed.get()), "MIME-Version"))
    out.changed_headers.emplace_back("MIME-Version", "1.0");
  out.body = written(root, false);
  out.result = SignatureInsertion::Inserted;
  return out;
}

}  // namespace signet
