#include <doctest/doctest.h>

#include "signet/validation.h"

using namespace signet;

TEST_CASE("company names: trimmed, 1-120 characters, no control characters") {
  CHECK_FALSE(check_company_name("Café Brûlé B.V."));
  CHECK_FALSE(check_company_name("Łódź Sp. z o.o."));
  CHECK_FALSE(check_company_name("  Acme  "));
  CHECK(check_company_name(""));
  CHECK(check_company_name("   "));
  CHECK_FALSE(check_company_name(std::string(120, 'x')));
  CHECK(check_company_name(std::string(121, 'x')));
  // 120 two-byte characters are 240 bytes but still 120 characters.
  std::string e_acute;
  for (int i = 0; i < 120; ++i) e_acute += "é";
  CHECK_FALSE(check_company_name(e_acute));
  CHECK(check_company_name("Acme\nB.V."));
  CHECK(check_company_name(std::string("Acme\0", 5) + "x"));
  CHECK(check_company_name("Acme\xE2\x80\xAE"));  // right-to-left override
  CHECK(check_company_name("\xFF\xFE"));
}

TEST_CASE("user count is a whole number from 1 to 100000") {
  CHECK(check_user_count(0));
  CHECK_FALSE(check_user_count(1));
  CHECK_FALSE(check_user_count(100000));
  CHECK(check_user_count(100001));
  CHECK(check_user_count(-5));
}

TEST_CASE("a typed whole number: spaces and full-width IME digits are fine, anything else is not") {
  CHECK(parse_whole_number("25") == 25);
  CHECK(parse_whole_number(" 25\t") == 25);
  CHECK(parse_whole_number("\xEF\xBC\x92\xEF\xBC\x95") == 25);  // ２５
  CHECK(parse_whole_number("007") == 7);
  CHECK_FALSE(parse_whole_number(""));
  CHECK_FALSE(parse_whole_number("  "));
  CHECK_FALSE(parse_whole_number("2 5"));
  CHECK_FALSE(parse_whole_number("-5"));
  CHECK_FALSE(parse_whole_number("2.5"));
  CHECK_FALSE(parse_whole_number("25x"));
  CHECK_FALSE(parse_whole_number("1234567890123456789"));  // 19 digits
  CHECK(parse_whole_number("123456789012345678") == 123456789012345678LL);
}

TEST_CASE("e-mail addresses: practical RFC 5321 subset") {
  for (const char* good : {"anna@example.com", "Anna.de.Vries@Bedrijf.NL", "a+tag@sub.example.co.uk",
                           "o'brien@example.ie", "x@xn--caf-dma.nl"})
    CHECK_MESSAGE(!check_email(good), good);
  for (const char* bad : {"", "anna", "anna@", "@example.com", "anna@example", "anna@@example.com",
                          "an na@example.com", ".anna@example.com", "anna.@example.com",
                          "an..na@example.com", "anna@-example.com", "anna@example.c",
                          "anna@exam_ple.com", "anna@example.123", "\"anna\"@example.com"})
    CHECK_MESSAGE(check_email(bad), bad);
  const std::string local(64, 'a');
  CHECK_FALSE(check_email(local + "@example.com"));
  CHECK(check_email(std::string(65, 'a') + "@example.com"));
  std::string long_domain;
  for (int i = 0; i < 4; ++i) long_domain += std::string(60, 'd') + ".";
  CHECK(check_email(local + "@" + long_domain + "com"));  // 64 + 1 + 247 > 254
}

TEST_CASE("e-mail addresses are compared without regard to case") {
  CHECK(normalize_email("  Anna@Example.COM ") == "anna@example.com");
}

TEST_CASE("password policy: 12 to 128 characters, no composition rules, no common passwords") {
  CHECK_FALSE(check_password("correct horse battery"));
  CHECK_FALSE(check_password("alllowercaseletters"));
  CHECK_FALSE(check_password("Żółw na plaży 1"));
  CHECK(check_password("short1!"));
  CHECK(check_password("12345678901"));
  CHECK(check_password(std::string(129, 'q') + "x"));
  CHECK_FALSE(check_password(std::string(127, 'q') + "x"));
  CHECK(check_password("Password1234"));
  CHECK(check_password("passwordpassword"));
  CHECK(check_password("aaaaaaaaaaaaaaaa"));
  CHECK(check_password("anna@example.com", "Anna@Example.com"));
  // Length counts characters, not bytes: 11 two-byte characters are too short.
  std::string eleven;
  for (int i = 0; i < 11; ++i) eleven += "ż";
  CHECK(check_password(eleven));
}

TEST_CASE("new subscription: contact fields required exactly when customers may edit") {
  NewSubscription s;
  s.customer_name = "Café Brûlé B.V.";
  s.user_count = 25;
  CHECK(validate(s).empty());
  s.customer_can_edit = true;
  const FieldErrors errors = validate(s);
  CHECK(errors.count("contact_name") == 1);
  CHECK(errors.count("contact_email") == 1);
  s.contact_name = "Anna de Vries";
  s.contact_email = "anna@cafe-brule.nl";
  CHECK(validate(s).empty());
}

TEST_CASE("reseller signup reports every bad field at once") {
  ResellerSignup s{"", "", "not-an-email", "short"};
  const FieldErrors errors = validate(s);
  CHECK(errors.size() == 4);
  CHECK(errors.at("password") == "Use at least 12 characters.");
}
