// Validation rules shared by the server (authoritative) and the browser (as-you-type).
// Each rule returns a message for the person filling in the form, or nothing when fine.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "signet/model.h"

namespace signet {

// Field name -> message. Field names are the JSON field names of the API.
using FieldErrors = std::map<std::string, std::string>;

constexpr size_t kMaxCompanyNameLength = 120;
constexpr size_t kMaxPersonNameLength = 100;
constexpr size_t kMaxEmailLength = 254;
constexpr size_t kMinPasswordLength = 12;
constexpr size_t kMaxPasswordLength = 128;
constexpr size_t kMaxPhoneLength = 40;
constexpr int kMinUserCount = 1;
constexpr int kMaxUserCount = 100000;

// Values are checked after trimming; callers store the trimmed form (normalize_*).
std::optional<std::string> check_company_name(std::string_view value);
std::optional<std::string> check_person_name(std::string_view value);
std::optional<std::string> check_email(std::string_view value);
std::optional<std::string> check_user_count(long long value);
// A whole number as a person types it into a form: surrounding spaces are fine, and so are the
// full-width digits a Japanese or Chinese IME types (２５). Nothing when empty, not all digits,
// or beyond 18 digits.
std::optional<long long> parse_whole_number(std::string_view typed);
std::optional<std::string> check_phone(std::string_view value);  // optional field: "" is fine
// `email` lets the policy refuse a password equal to the user name.
std::optional<std::string> check_password(std::string_view password, std::string_view email = {});

// The generic free-text rule the named checks are built from: valid UTF-8, [min, max]
// characters after trimming, no control characters. `what` starts the message.
std::optional<std::string> check_text_field(std::string_view value, size_t min, size_t max,
                                            const char* what, bool allow_line_breaks = false);

// Trimmed text; e-mail addresses also lower-cased, since they are user names compared
// without regard to case.
std::string normalize_text(std::string_view value);
std::string normalize_email(std::string_view value);

// Whole requests. Expect normalized values (the JSON mapping normalizes).
FieldErrors validate(const NewSubscription& s);
FieldErrors validate(const SubscriptionPatch& p);
FieldErrors validate(const ResellerSignup& s);
// `email` is the invited address (the user name), which the password must not equal.
FieldErrors validate(const AcceptInvitation& a, std::string_view email);

// True when `password` is on the list of common passwords (case-insensitive).
bool is_common_password(std::string_view password);

}  // namespace signet
