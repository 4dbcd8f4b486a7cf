#include "signet/validation.h"

#include "signet/i18n.h"
#include "signet/text.h"

namespace signet {

std::string normalize_text(std::string_view value) { return trim(value); }
std::string normalize_email(std::string_view value) { return ascii_lower(trim(value)); }

// Shared shape of every free-text rule: valid UTF-8, trimmed, no control characters,
// within [min, max] characters.
std::optional<std::string> check_text_field(std::string_view value, size_t min, size_t max,
                                            const char* what, bool allow_line_breaks) {
  const auto cps = decode_utf8(value);
  if (!cps) return fill(phrase("{what} contains invalid characters."), {{"what", what}});
  const std::string trimmed = trim(value);
  const size_t length = decode_utf8(trimmed)->size();
  if (length < min) return fill(min == 1 ? phrase("{what} is required.") : phrase("{what} is too short."),
                                {{"what", what}});
  if (length > max)
    return fill(phrase("{what} must be at most {max} characters."), {{"what", what}, {"max", std::to_string(max)}});
  for (char32_t cp : *cps)
    if (is_forbidden_in_text(cp) && !(allow_line_breaks && cp == '\n'))
      return fill(phrase("{what} must not contain control characters or line breaks."), {{"what", what}});
  return std::nullopt;
}

std::optional<std::string> check_company_name(std::string_view value) {
  return check_text_field(value, 1, kMaxCompanyNameLength, phrase("Company name"));
}

std::optional<std::string> check_person_name(std::string_view value) {
  return check_text_field(value, 1, kMaxPersonNameLength, phrase("Name"));
}

std::optional<std::string> check_phone(std::string_view value) {
  const std::string t = trim(value);
  if (t.empty()) return std::nullopt;
  if (t.size() > kMaxPhoneLength) return phrase("Phone number is too long.");
  for (char c : t)
    if (!((c >= '0' && c <= '9') || c == '+' || c == ' ' || c == '-' || c == '(' || c == ')' ||
          c == '.' || c == '/'))
      return phrase("Use digits, spaces and + - ( ) only.");
  return std::nullopt;
}

std::optional<std::string> check_user_count(long long value) {
  if (value < kMinUserCount || value > kMaxUserCount)
    return phrase("Number of users must be a whole number from 1 to 100000.");
  return std::nullopt;
}

std::optional<long long> parse_whole_number(std::string_view typed) {
  const auto cps = decode_utf8(trim(typed));
  if (!cps || cps->empty() || cps->size() > 18) return std::nullopt;
  long long n = 0;
  for (char32_t c : *cps) {
    if (c >= 0xFF10 && c <= 0xFF19) c = c - 0xFF10 + '0';  // full-width digit
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

// A practical subset of RFC 5321 mailbox syntax: dot-atom local part, host name with at
// least two labels. Quoted local parts and address literals are refused on purpose:
// real mailboxes of business customers do not use them, and they complicate every consumer.
static bool is_atext(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  for (char s : std::string_view("!#$%&'*+/=?^_`{|}~-"))
    if (c == s) return true;
  return false;
}

static bool is_valid_local_part(std::string_view local) {
  if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.')
    return false;
  for (size_t i = 0; i < local.size(); ++i) {
    if (local[i] == '.') {
      if (local[i + 1] == '.') return false;
    } else if (!is_atext(local[i])) {
      return false;
    }
  }
  return true;
}

static bool is_valid_domain(std::string_view domain) {
  if (domain.empty() || domain.size() > 253) return false;
  size_t labels = 0;
  size_t start = 0;
  std::string_view last;
  while (start <= domain.size()) {
    size_t dot = domain.find('.', start);
    if (dot == std::string_view::npos) dot = domain.size();
    std::string_view label = domain.substr(start, dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
      return false;
    for (char c : label)
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-'))
        return false;
    ++labels;
    last = label;
    start = dot + 1;
  }
  if (labels < 2) return false;
  // Top-level domain: letters, or an IDN "xn--" label.
  if (last.size() < 2) return false;
  if (last.rfind("xn--", 0) == 0) return true;
  for (char c : last)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  return true;
}

std::optional<std::string> check_email(std::string_view value) {
  const std::string e = trim(value);
  if (e.empty()) return phrase("E-mail address is required.");
  if (e.size() > kMaxEmailLength) return phrase("E-mail address must be at most 254 characters.");
  const size_t at = e.rfind('@');
  if (at == std::string::npos || e.find('@') != at)
    return phrase("Enter an e-mail address like name@company.com.");
  if (!is_valid_local_part(std::string_view(e).substr(0, at)) ||
      !is_valid_domain(std::string_view(e).substr(at + 1)))
    return phrase("Enter an e-mail address like name@company.com.");
  return std::nullopt;
}

std::optional<std::string> check_password(std::string_view password, std::string_view email) {
  const auto length = utf8_length(password);
  if (!length) return phrase("Password contains invalid characters.");
  if (*length < kMinPasswordLength) return phrase("Use at least 12 characters.");
  if (*length > kMaxPasswordLength) return phrase("Use at most 128 characters.");
  if (is_common_password(password)) return phrase("This password is too common. Choose another one.");
  if (!email.empty() && ascii_lower(password) == ascii_lower(trim(email)))
    return phrase("Do not use your e-mail address as password.");
  return std::nullopt;
}

static void check_into(FieldErrors& errors, const char* field,
                       const std::optional<std::string>& message) {
  if (message) errors.emplace(field, *message);
}

FieldErrors validate(const NewSubscription& s) {
  FieldErrors errors;
  check_into(errors, "customer_name", check_company_name(s.customer_name));
  check_into(errors, "user_count", check_user_count(s.user_count));
  if (s.customer_can_edit) {
    check_into(errors, "contact_name", check_person_name(s.contact_name));
    check_into(errors, "contact_email", check_email(s.contact_email));
  }
  return errors;
}

FieldErrors validate(const SubscriptionPatch& p) {
  FieldErrors errors;
  if (p.user_count) check_into(errors, "user_count", check_user_count(*p.user_count));
  return errors;
}

FieldErrors validate(const ResellerSignup& s) {
  FieldErrors errors;
  check_into(errors, "company_name", check_company_name(s.company_name));
  check_into(errors, "name", check_person_name(s.name));
  check_into(errors, "email", check_email(s.email));
  check_into(errors, "password", check_password(s.password, s.email));
  return errors;
}

FieldErrors validate(const AcceptInvitation& a, std::string_view email) {
  FieldErrors errors;
  check_into(errors, "name", check_person_name(a.name));
  check_into(errors, "phone", check_phone(a.phone));
  check_into(errors, "password", check_password(a.password, email));
  return errors;
}

}  // namespace signet
