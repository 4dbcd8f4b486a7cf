// UTF-8 helpers used by validation and search. Pure functions, no locale.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace signet {

// Decodes UTF-8 into code points; nullopt when the bytes are not valid UTF-8
// (overlong forms, surrogates and values above U+10FFFF are invalid).
std::optional<std::vector<char32_t>> decode_utf8(std::string_view s);
std::string encode_utf8(char32_t cp);
bool is_valid_utf8(std::string_view s);

// Number of code points, or nullopt for invalid UTF-8.
std::optional<size_t> utf8_length(std::string_view s);

// Browsers count text positions (caret, selection) in UTF-16 code units; Signet keeps text as
// UTF-8. These convert a position from one to the other. Positions past the end clamp to the
// end; a UTF-16 position inside a surrogate pair, or a byte offset inside a UTF-8 sequence,
// moves to the start of that character. Invalid bytes count as one unit each.
size_t utf16_index_of_utf8_offset(std::string_view s, size_t byte_offset);
size_t utf8_offset_of_utf16_index(std::string_view s, size_t utf16_index);

// Removes leading and trailing white space (ASCII and the Unicode spaces a user can paste,
// such as U+00A0 no-break space). Leaves invalid UTF-8 untouched.
std::string trim(std::string_view s);

// Characters that must never appear in names: C0/C1 controls, DEL, line/paragraph
// separators and bidirectional overrides (they let a name render as something else).
bool is_forbidden_in_text(char32_t cp);

// Lower-case ASCII letters only; leaves other bytes as they are.
std::string ascii_lower(std::string_view s);

// Search key: lower case with diacritics removed for Latin scripts, so that "cafe"
// matches "Café" and "lodz" matches "Łódź". Invalid UTF-8 folds to "".
std::string fold_for_search(std::string_view s);

}  // namespace signet
