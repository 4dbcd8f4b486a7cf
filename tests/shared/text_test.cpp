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
