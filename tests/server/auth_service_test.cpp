#include <doctest/doctest.h>

#include <sodium.h>

#include <cstring>

#include "services/auth_service.h"
#include "services/service_error.h"
#include "storage/account_store.h"
#include "test_support.h"

using namespace signet;

namespace {
struct Fixture {
  test::TempDir dir;
  test::ManualClock time;
  ConnectionPool pool{dir.database("auth.db")};
  PasswordHasher hasher{2};
  AuthService auth{pool, hasher, time.clock()};

  User reseller(const std::string& email = "owner@acme.nl") {
    return auth.create_reseller({"Acme B.V.", "Olga Owner", email, test::kPassword});
  }
  ErrorKind error_of(const std::function<void()>& f) {
    try {
      f();
    } catch (const ServiceError& e) {
      return e.kind();
    }
    FAIL("expected a ServiceError");
    return ErrorKind::BadRequest;
  }
};
}  // namespace

TEST_CASE_FIXTURE(Fixture, "passwords are stored as argon2id at the interactive preset or stronger") {
  reseller();
  auto c = pool.acquire();
  const std::string hash = AccountStore(*c).find_user_by_email("owner@acme.nl")->password_hash;
  CHECK(hash.rfind("$argon2id$", 0) == 0);
  CHECK(hash.find("m=65536,t=2") != std::string::npos);
  CHECK(hash.find(test::kPassword) == std::string::npos);
}

TEST_CASE_FIXTURE(Fixture, "sign-in works with the e-mail in any case; failures do not say which part was wrong") {
  reseller();
  const NewSession s = auth.sign_in({"owner@acme.nl", test::kPassword});
  CHECK(s.token.size() == 43);  // 256 bits, base64url
  CHECK(s.actor.user.role == Role::Reseller);
  std::string wrong_password, unknown_user;
  try { auth.sign_in({"owner@acme.nl", "wrong password here"}); } catch (const ServiceError& e) { wrong_password = e.what(); }
  try { auth.sign_in({"nobody@acme.nl", "wrong password here"}); } catch (const ServiceError& e) { unknown_user = e.what(); }
  CHECK(!wrong_password.empty());
  CHECK(wrong_password == unknown_user);
}

TEST_CASE_FIXTURE(Fixture, "sessions end after 30 idle minutes, after 12 hours in all, and at sign-out") {
  reseller();
  const NewSession s = auth.sign_in({"owner@acme.nl", test::kPassword});
  CHECK(auth.authenticate(s.token));
  time.now += 29 * 60;
  CHECK(auth.authenticate(s.token));  // activity resets the idle timer
  time.now += 29 * 60;
  CHECK(auth.authenticate(s.token));
  time.now += 31 * 60;
  CHECK_FALSE(auth.authenticate(s.token));

  const NewSession busy = auth.sign_in({"owner@acme.nl", test::kPassword});
  for (int i = 0; i < 12 * 4 - 1; ++i) {
    time.now += 15 * 60;
    REQUIRE(auth.authenticate(busy.token));
  }
  time.now += 15 * 60;  // 12 hours since sign-in, however busy
  CHECK_FALSE(auth.authenticate(busy.token));

  const NewSession third = auth.sign_in({"owner@acme.nl", test::kPassword});
  auth.sign_out(*auth.authenticate(third.token));
  CHECK_FALSE(auth.authenticate(third.token));
  CHECK_FALSE(auth.authenticate(""));
  CHECK_FALSE(auth.authenticate("not-a-token"));
}

TEST_CASE_FIXTURE(Fixture, "session tokens are stored only as hashes") {
  reseller();
  const NewSession s = auth.sign_in({"owner@acme.nl", test::kPassword});
  auto c = pool.acquire();
  auto q = c->prepare("SELECT COUNT(*) FROM sessions WHERE token_hash = $1");
  q->bind(1, s.token);
  q->executeStep();
  CHECK(q->getColumn(0).getInt() == 0);
  CHECK(AccountStore(*c).find_session(hash_token(s.token)));
}

TEST_CASE_FIXTURE(Fixture, "one account per e-mail address, compared without case") {
  reseller("owner@acme.nl");
  CHECK(error_of([&] { reseller("owner@acme.nl"); }) == ErrorKind::Validation);
  CHECK(error_of([&] { auth.create_reseller({"X", "Y", "not an email", test::kPassword}); }) ==
        ErrorKind::Validation);
}

TEST_CASE_FIXTURE(Fixture, "first-run setup: one live link, single use, spent once a reseller exists") {
  const auto first = auth.issue_setup_token();
  REQUIRE(first);
  const auto second = auth.issue_setup_token();
  REQUIRE(second);
  CHECK(error_of([&] { auth.check_setup_token(*first); }) == ErrorKind::NotFound);  // replaced
  auth.check_setup_token(*second);
  CHECK(error_of([&] { auth.complete_setup(*second, {"", "", "bad", "short"}); }) == ErrorKind::Validation);
  const NewSession s = auth.complete_setup(*second, {"Acme", "Olga", "olga@acme.nl", test::kPassword});
  CHECK(auth.authenticate(s.token));
  CHECK(error_of([&] { auth.check_setup_token(*second); }) == ErrorKind::Gone);
  CHECK(error_of([&] { auth.complete_setup(*second, {"Evil", "Eve", "eve@evil.nl", test::kPassword}); }) ==
        ErrorKind::Gone);
  CHECK_FALSE(auth.issue_setup_token());
}

TEST_CASE_FIXTURE(Fixture, "setup links expire after seven days") {
  const auto token = auth.issue_setup_token();
  time.now += 7 * 24 * 3600 + 1;
  CHECK(error_of([&] { auth.check_setup_token(*token); }) == ErrorKind::NotFound);
}

TEST_CASE_FIXTURE(Fixture, "a hash from weaker parameters is replaced at the next sign-in") {
  reseller();
  char weak[crypto_pwhash_STRBYTES];
  REQUIRE(crypto_pwhash_str_alg(weak, test::kPassword, std::strlen(test::kPassword), crypto_pwhash_OPSLIMIT_MIN,
                                crypto_pwhash_MEMLIMIT_MIN, crypto_pwhash_ALG_ARGON2ID13) == 0);
  {
    auto c = pool.acquire();
    AccountStore store(*c);
    store.update_password_hash(store.find_user_by_email("owner@acme.nl")->user.id, weak);
  }
  auth.sign_in({"owner@acme.nl", test::kPassword});
  auto c = pool.acquire();
  const std::string now = AccountStore(*c).find_user_by_email("owner@acme.nl")->password_hash;
  CHECK(now != weak);
  CHECK(now.find("m=65536,t=2") != std::string::npos);
}
