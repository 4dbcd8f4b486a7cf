#include <doctest/doctest.h>

#include "services/auth_service.h"
#include "services/service_error.h"
#include "services/subscription_service.h"
#include "test_support.h"

using namespace signet;

namespace {
struct Fixture {
  test::TempDir dir;
  test::ManualClock time;
  ConnectionPool pool{dir.database("subs.db")};
  PasswordHasher hasher{2};
  AuthService auth{pool, hasher, time.clock()};
  int mails_queued = 0;
  InvitationService invitations{pool, auth, time.clock(), {"http://portal.test", "Signet <no-reply@portal.test>"},
                                [this] { ++mails_queued; }};
  BillingService billing{pool, time.clock(), PriceList{}};
  SubscriptionService subs{pool, time.clock(), invitations, billing};

  Actor actor(const std::string& email) {
    auth.create_reseller({"Reseller " + email, "Owner", email, test::kPassword});
    return auth.sign_in({email, test::kPassword}).actor;
  }
  static NewSubscription request(const std::string& name, int users = 5) {
    NewSubscription r;
    r.customer_name = name;
    r.user_count = users;
    return r;
  }
};

std::vector<std::string> names(const SubscriptionPage& page) {
  std::vector<std::string> out;
  for (const auto& s : page.items) out.push_back(s.customer_name);
  return out;
}
}  // namespace

TEST_CASE_FIXTURE(Fixture, "create: active, paying one month later, invitation pending when customers edit") {
  time.now = 1'801'353'600;  // 2027-01-31T00:00:00Z
  const Actor a = actor("a@resell.nl");
  const Subscription plain = subs.create(a, request("Café Brûlé B.V."));
  CHECK(plain.status == SubscriptionStatus::Active);
  CHECK(plain.next_payment_date == "2027-02-28");
  CHECK(plain.invitation_status == InvitationStatus::None);
  CHECK(plain.created_at == "2027-01-31T00:00:00Z");

  NewSubscription r = request("Łódź Sp. z o.o.");
  r.customer_can_edit = true;
  r.contact_name = "Jan";
  r.contact_email = "jan@lodz.pl";
  const Subscription editing = subs.create(a, r);
  CHECK(editing.invitation_status == InvitationStatus::Pending);
  CHECK(editing.invitation_delivery == "queued");
  CHECK(mails_queued == 1);
  CHECK(subs.get(a, editing.id).contact_email == "jan@lodz.pl");
}

TEST_CASE_FIXTURE(Fixture, "invalid requests are refused by the service too, not only by the JSON layer") {
  const Actor a = actor("a@resell.nl");
  CHECK_THROWS_AS(subs.create(a, request("", 5)), ServiceError);
  CHECK_THROWS_AS(subs.create(a, request("Acme", 0)), ServiceError);
}

TEST_CASE_FIXTURE(Fixture, "list: accent- and case-insensitive search, sorting and paging in SQL") {
  const Actor a = actor("a@resell.nl");
  for (auto [name, users] : std::vector<std::pair<std::string, int>>{
           {"Café Brûlé B.V.", 20}, {"Bakkerij de Vries", 3}, {"cafeteria Noord", 7},
           {"Łódź Sp. z o.o.", 12}, {"Acme 100%_Tools", 1}})
    subs.create(a, request(name, users));

  ListQuery q;
  CHECK(names(subs.list(a, q)) == std::vector<std::string>{"Acme 100%_Tools", "Bakkerij de Vries",
                                                          "Café Brûlé B.V.", "cafeteria Noord",
                                                          "Łódź Sp. z o.o."});
  q.q = "CAFE";
  CHECK(subs.list(a, q).total == 2);
  q.q = "lodz";
  CHECK(names(subs.list(a, q)) == std::vector<std::string>{"Łódź Sp. z o.o."});
  q.q = "%_";  // LIKE wildcards are matched literally
  CHECK(names(subs.list(a, q)) == std::vector<std::string>{"Acme 100%_Tools"});

  ListQuery by_users;
  by_users.sort = SortKey::UserCount;
  by_users.descending = true;
  by_users.per_page = 2;
  by_users.page = 2;
  const SubscriptionPage p = subs.list(a, by_users);
  CHECK(p.total == 5);
  CHECK(names(p) == std::vector<std::string>{"cafeteria Noord", "Bakkerij de Vries"});
}

TEST_CASE_FIXTURE(Fixture, "one reseller never sees or changes another's subscriptions") {
  const Actor a = actor("a@resell.nl");
  const Actor b = actor("b@other.nl");
  const Subscription mine = subs.create(a, request("Acme"));
  CHECK(subs.list(b, {}).total == 0);
  CHECK_THROWS_AS(subs.get(b, mine.id), ServiceError);
  SubscriptionPatch p;
  p.user_count = 99;
  CHECK_THROWS_AS(subs.update(b, mine.id, p), ServiceError);
  CHECK(subs.get(a, mine.id).user_count == 5);
}

TEST_CASE_FIXTURE(Fixture, "update: user count, deactivation clears the next payment, reactivation starts anew") {
  const Actor a = actor("a@resell.nl");
  const Subscription s = subs.create(a, request("Acme"));
  SubscriptionPatch p;
  p.user_count = 40;
  CHECK(subs.update(a, s.id, p).user_count == 40);
  SubscriptionPatch off;
  off.status = SubscriptionStatus::Inactive;
  const Subscription inactive = subs.update(a, s.id, off);
  CHECK_FALSE(inactive.next_payment_date);
  time.now += 10 * 86400;
  SubscriptionPatch on;
  on.status = SubscriptionStatus::Active;
  const Subscription active = subs.update(a, s.id, on);
  REQUIRE(active.next_payment_date);
  CHECK(*active.next_payment_date > *s.next_payment_date);
  CHECK(subs.get(a, s.id).user_count == 40);
}
