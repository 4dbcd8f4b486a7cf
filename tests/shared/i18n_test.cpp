#include <doctest/doctest.h>

#include "signet/i18n.h"
#include "signet/validation.h"

using namespace signet;

TEST_CASE("language codes from browsers and profiles") {
  CHECK(parse_language("nl") == Language::Nl);
  CHECK(parse_language("nl-BE") == Language::Nl);
  CHECK(parse_language("NL_nl") == Language::Nl);
  CHECK(parse_language("en-GB") == Language::En);
  CHECK_FALSE(parse_language("de").has_value());
  CHECK_FALSE(parse_language("n").has_value());
  CHECK_FALSE(parse_language("nld").has_value());
  CHECK(language_code(Language::Nl) == "nl");
}

TEST_CASE("phrases translate to Dutch and stay English in English") {
  CHECK(translate("Cancel", Language::Nl) == "Annuleren");
  CHECK(translate("Cancel", Language::En) == "Cancel");
  CHECK(translate("no such phrase", Language::Nl) == "no such phrase");
  CHECK(has_translation("Cancel", Language::Nl));
  CHECK_FALSE(has_translation("no such phrase", Language::Nl));
}

TEST_CASE("filled-in validation messages translate through their template") {
  const auto required = check_company_name("");
  REQUIRE(required);
  CHECK(*required == "Company name is required.");
  CHECK(translate_message(*required, Language::Nl) == "Bedrijfsnaam is verplicht.");
  const auto too_long = check_company_name(std::string(300, 'x'));
  REQUIRE(too_long);
  CHECK(translate_message(*too_long, Language::Nl) == "Bedrijfsnaam mag hoogstens 120 tekens lang zijn.");
  CHECK(translate_message(*too_long, Language::En) == *too_long);
  CHECK(translate_message("Use at least 12 characters.", Language::Nl) == "Gebruik minstens 12 tekens.");
  CHECK(translate_message("Unknown message from a newer server.", Language::Nl) ==
        "Unknown message from a newer server.");
}

TEST_CASE("fill replaces named placeholders and leaves unknown ones") {
  CHECK(fill("{n} of {total}", {{"n", "5"}, {"total", "10"}}) == "5 of 10");
  CHECK(fill("{n} and {x}", {{"n", "1"}}) == "1 and {x}");
  CHECK(fill("no braces", {}) == "no braces");
  CHECK(fill("{", {{"n", "1"}}) == "{");
}

TEST_CASE("dates, amounts and counts follow the locale") {
  const Date d{2026, 11, 26};
  CHECK(format_date(d, Language::Nl) == "26-11-2026");
  CHECK(format_date(d, Language::En) == "Nov 26, 2026");
  CHECK(format_date(Date{2027, 1, 5}, Language::Nl) == "05-01-2027");
  CHECK(format_date_long(d, Language::Nl) == "26 november 2026");
  CHECK(format_date_long(d, Language::En) == "November 26, 2026");
  CHECK(format_money(123456, Language::Nl) == "€ 1.234,56");
  CHECK(format_money(123456, Language::En) == "€1,234.56");
  CHECK(format_money(5, Language::En) == "€0.05");
  CHECK(format_money(-100000, Language::Nl) == "-€ 1.000,00");
  CHECK(format_money(100000000, Language::En) == "€1,000,000.00");
  CHECK(format_money(INT64_MIN, Language::En) == "-€92,233,720,368,547,758.08");
  CHECK(format_count(10000, Language::Nl) == "10.000");
  CHECK(format_count(10000, Language::En) == "10,000");
  CHECK(format_count(999, Language::En) == "999");
  CHECK(format_count(-1234567, Language::Nl) == "-1.234.567");
}
