// How services say no. Routes catch ServiceError and turn its kind into the status code
// of the contract in one place (http/api_router.cpp); services never think in HTTP.
#pragma once
#include <stdexcept>
#include <string>

#include "signet/i18n.h"
#include "signet/validation.h"

namespace signet {

enum class ErrorKind {
  Validation,          // 400 validation_failed (with fields)
  BadRequest,          // 400 bad_request
  Unauthenticated,     // 401 unauthenticated
  InvalidCredentials,  // 401 invalid_credentials
  Forbidden,           // 403 forbidden
  NotFound,            // 404 not_found (also another tenant's objects)
  Conflict,            // 409 conflict
  Gone,                // 410 gone
  RateLimited,         // 429 rate_limited (with Retry-After)
  Unavailable,         // 503 unavailable: storage full or read-only, try again later
};

class ServiceError : public std::runtime_error {
 public:
  ServiceError(ErrorKind kind, std::string message, FieldErrors fields = {})
      : std::runtime_error(message), kind_(kind), fields_(std::move(fields)) {}
  // A more specific error code than the kind's own, e.g. Conflict + "seat_limit".
  static ServiceError with_code(ErrorKind kind, std::string code, std::string message) {
    ServiceError e(kind, std::move(message));
    e.code_ = std::move(code);
    return e;
  }
  static ServiceError rate_limited(int64_t retry_after_seconds) {
    ServiceError e(ErrorKind::RateLimited,
                   fill(phrase("Too many attempts. Try again in {seconds} seconds."),
                        {{"seconds", std::to_string(retry_after_seconds)}}));
    e.retry_after_ = retry_after_seconds;
    return e;
  }
  ErrorKind kind() const { return kind_; }
  int64_t retry_after() const { return retry_after_; }
  const FieldErrors& fields() const { return fields_; }
  const std::string& code() const { return code_; }  // empty: the kind's code

 private:
  ErrorKind kind_;
  FieldErrors fields_;
  std::string code_;
  int64_t retry_after_ = 0;
};

// Throws a Validation error when `errors` is not empty.
void require_valid(const FieldErrors& errors);

}  // namespace signet
