// Puts a rendered signature into a message as it passes through the mail flow: the HTML into
// the text/html body part and the plain text into the text/plain one, above any quoted reply.
// GMime parses the MIME structure; only the body parts that receive the signature are written
// anew, every other part (attachments, inline images, calendar data) keeps its bytes.
//
// The sender's text is never re-encoded through a lossy conversion: HTML keeps its charset (the
// signature goes in as ASCII with character references), plain text keeps its charset when that
// holds the signature and becomes UTF-8 otherwise (read as windows-1252 when it says ISO-8859-1,
// US-ASCII or nothing, as mail readers do); text that does not convert exactly is left alone.
//
// Left alone, unchanged: S/MIME or PGP signed or encrypted messages (a change would break the
// signature or cannot be made), meeting invitations (text/calendar), messages that already
// carry the signature (a reply in a thread that was signed before), messages without a text
// body, an empty signature, and anything GMime does not read the way it was written.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace signet {

// The attribute that marks the inserted HTML, so that a message carrying it is not signed again.
constexpr const char* kSignatureMarker = "data-signet-signature";

struct SignatureInsertion {
  enum Result { Inserted, AlreadySigned, LeftAlone, NoTextBody, EmptySignature, Unparsable };
  Result result = Unparsable;
  // When Inserted: the new body, everything after the header block (CRLF line ends) ...
  std::string body;
  // ... and the top-level headers whose values change with it (Content-Type when the charset
  // changes, Content-Transfer-Encoding when the encoding does).
  std::vector<std::pair<std::string, std::string>> changed_headers;
};

const char* to_string(SignatureInsertion::Result r);

// The address of the first mailbox in an address header such as From ("Anna <anna@x.nl>" ->
// "anna@x.nl"), as GMime reads it; "" when there is none.
std::string first_mailbox(std::string_view header_value);

// `message` is the whole message: headers, the blank line, the body.
SignatureInsertion insert_signature(std::string_view message, std::string_view html, std::string_view text);

}  // namespace signet
