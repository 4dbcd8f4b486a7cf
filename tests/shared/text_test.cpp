#include <doctest/doctest.h>

#include "signet/text.h"

using namespace signet;

TEST_CASE("UTF-8 decoding accepts valid text and refuses malformed bytes") {
  CHECK(utf8_length("Café Brûlé B.V.") == 15u);
  CHECK(utf8_length("Łódź Sp. z o.o.") == 15u);
  CHECK(utf8_length("😀") == 1u);
  CHECK_FALSE(is_valid_utf8("\xC3"));              // truncated
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  CHECK_FALSE(is_valid_utf8("\xFF"));
  CHECK(is_valid_utf8(std::string("a\0b", 3)));     // NUL is valid UTF-8; rules refuse it
}

TEST_CASE("trim removes ASCII and pasted Unicode spaces at both ends only") {
  CHECK(trim("  Acme  ") == "Acme");
  CHECK(trim("\xC2\xA0" "Acme B.V.\t\n") == "Acme B.V.");
  CHECK(trim("a  b") == "a  b");
  CHECK(trim("   ") == "");
}

TEST_CASE("search folding ignores case and accents") {
  CHECK(fold_for_search("Café Brûlé") == "cafe brule");
  CHECK(fold_for_search("ŁÓDŹ") == "lodz");
  CHECK(fold_for_search("Straße") == "strasse");
  CHECK(fold_for_search("Cafe\xCC\x81") == "cafe");  // decomposed é
  CHECK(fold_for_search("ÆØÅ") == "aeoa");
}

TEST_CASE("caret positions convert between the browser's UTF-16 and Signet's UTF-8") {
  // "aé😀b": a (1 byte, 1 unit), é (2 bytes, 1 unit), 😀 (4 bytes, 2 units), b.
  const std::string s = "a\xC3\xA9\xF0\x9F\x98\x80" "b";
  const size_t bytes[] = {0, 1, 3, 7, 8};
  const size_t units[] = {0, 1, 2, 4, 5};
  for (int k = 0; k < 5; ++k) {
    CHECK(utf16_index_of_utf8_offset(s, bytes[k]) == units[k]);
    CHECK(utf8_offset_of_utf16_index(s, units[k]) == bytes[k]);
  }
  // Inside a character: to its start. Past the end: the end.
  CHECK(utf16_index_of_utf8_offset(s, 2) == 1);
  CHECK(utf16_index_of_utf8_offset(s, 5) == 2);
  CHECK(utf8_offset_of_utf16_index(s, 3) == 3);  // between the emoji's two surrogates
  CHECK(utf16_index_of_utf8_offset(s, 99) == 5);
  CHECK(utf8_offset_of_utf16_index(s, 99) == s.size());
  CHECK(utf8_offset_of_utf16_index("", 4) == 0);
  // A damaged byte still moves the position by one.
  CHECK(utf16_index_of_utf8_offset("a\xFF" "b", 3) == 3);
  CHECK(utf8_offset_of_utf16_index("a\xFF" "b", 2) == 2);
}
