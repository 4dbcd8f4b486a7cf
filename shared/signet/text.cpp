#include "signet/text.h"

namespace signet {

namespace {

// The code point starting at s[i], advancing i past it; nullopt for a malformed, overlong,
// truncated or surrogate sequence. The one decoder the functions below share; it allocates
// nothing, so checking a string costs no more than reading it.
std::optional<char32_t> next_code_point(std::string_view s, size_t& i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  char32_t cp;
  size_t extra;
  char32_t min;
  if (c < 0x80) { cp = c; extra = 0; min = 0; }
  else if ((c & 0xE0) == 0xC0) { cp = c & 0x1F; extra = 1; min = 0x80; }
  else if ((c & 0xF0) == 0xE0) { cp = c & 0x0F; extra = 2; min = 0x800; }
  else if ((c & 0xF8) == 0xF0) { cp = c & 0x07; extra = 3; min = 0x10000; }
  else return std::nullopt;
  if (extra > 0 && i + extra >= s.size()) return std::nullopt;  // truncated sequence
  for (size_t k = 1; k <= extra; ++k) {
    const unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
  i += extra + 1;
  return cp;
}

}  // namespace

std::optional<std::vector<char32_t>> decode_utf8(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const auto cp = next_code_point(s, i);
    if (!cp) return std::nullopt;
    out.push_back(*cp);
  }
  return out;
}

std::string encode_utf8(char32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

bool is_valid_utf8(std::string_view s) { return utf8_length(s).has_value(); }

std::optional<size_t> utf8_length(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++n)
    if (!next_code_point(s, i)) return std::nullopt;
  return n;
}

namespace {
// How many bytes the character at s[i] takes, and how many UTF-16 units it is (an invalid byte
// counts as one of each, so that positions still move forward through damaged text).
void step_character(std::string_view s, size_t& i, size_t& units) {
  size_t j = i;
  const auto cp = next_code_point(s, j);
  if (!cp) {
    ++i;
    ++units;
    return;
  }
  i = j;
  units += *cp >= 0x10000 ? 2 : 1;
}
}  // namespace

namespace {
struct Position {
  size_t bytes = 0, units = 0;  // UTF-8 bytes and UTF-16 units from the start
};
// The last character boundary whose count (units when `by_units`, else bytes) is at most `limit`.
Position boundary(std::string_view s, size_t limit, bool by_units) {
  Position at;
  while (at.bytes < s.size()) {
    Position next = at;
    step_character(s, next.bytes, next.units);
    if ((by_units ? next.units : next.bytes) > limit) break;
    at = next;
  }
  return at;
}
}  // namespace

size_t utf16_index_of_utf8_offset(std::string_view s, size_t byte_offset) {
  return boundary(s, byte_offset, false).units;
}

size_t utf8_offset_of_utf16_index(std::string_view s, size_t utf16_index) {
  return boundary(s, utf16_index, true).bytes;
}

static bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' ||
         cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

std::string trim(std::string_view s) {
  auto cps = decode_utf8(s);
  if (!cps) return std::string(s);
  size_t b = 0, e = cps->size();
  while (b < e && is_space((*cps)[b])) ++b;
  while (e > b && is_space((*cps)[e - 1])) --e;
  std::string out;
  for (size_t i = b; i < e; ++i) out += encode_utf8((*cps)[i]);
  return out;
}

bool is_forbidden_in_text(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Base letter for the Latin-1 Supplement and Latin Extended-A ranges, lower case.
// Returns 0 when the code point has no plain-letter folding.
static const char* fold_latin(char32_t cp) {
  static const char* const latin1[] = {
      // U+00C0..U+00FF
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
      "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "ss",
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
      "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "y"};
  static const char* const ext_a[] = {
      // U+0100..U+017F
      "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
      "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
      "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
      "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
      "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
      "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
      "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
      "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s"};
  if (cp >= 0xC0 && cp <= 0xFF) return latin1[cp - 0xC0];
  if (cp >= 0x100 && cp <= 0x17F) return ext_a[cp - 0x100];
  return nullptr;
}

std::string fold_for_search(std::string_view s) {
  auto cps = decode_utf8(s);
  if (!cps) return {};
  std::string out;
  out.reserve(s.size());
  for (char32_t cp : *cps) {
    if (cp >= 'A' && cp <= 'Z') {
      out += static_cast<char>(cp - 'A' + 'a');
    } else if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp >= 0x300 && cp <= 0x36F) {
      // Combining diacritical marks (decomposed input such as "e\u0301"): drop them.
    } else if (const char* f = fold_latin(cp)) {
      out += f;
    } else {
      out += encode_utf8(cp);
    }
  }
  return out;
}

}  // namespace signet
