// Conditional GETs of the subscription list (services/list_validator.h): a page the browser
// holds is answered 304 while it is exactly what the server would send, and never after a
// write, a mail delivery or an invitation's expiry changed it.
#include <doctest/doctest.h>

#include "clocked_services.h"
#include "storage/mail_store.h"
#include "test_support.h"

using namespace signet;
using namespace signet::test;
using nlohmann::json;

namespace {

const std::string kList = "/api/subscriptions?sort=next_payment_date&per_page=50";

json plain_subscription(const std::string& name) {
  return {{"product", "m365"}, {"customer_name", name}, {"user_count", 3}};
}

Reply revalidate(Browser& b, const std::string& path, const std::string& etag) {
  return b.send("GET", path, "", "", {{"If-None-Match", etag}});
}

}  // namespace

TEST_CASE("list revalidation: 304 while nothing changed, only for the same page and person") {
  ServerProcess server;
  Browser owner = reseller_browser(server, "Acme", "owner@acme.nl");
  Browser other = reseller_browser(server, "Other", "owner@other.nl");
  REQUIRE(owner.post("/api/subscriptions", plain_subscription("Bakkerij B.V.")).status == 201);

  const Reply first = owner.get(kList);
  REQUIRE(first.status == 200);
  const std::string etag = first.header("ETag");
  REQUIRE(!etag.empty());
  CHECK(first.header("Cache-Control") == "private, no-cache");

  const Reply again = revalidate(owner, kList, etag);
  CHECK(again.status == 304);
  CHECK(again.raw.empty());
  CHECK(again.header("ETag") == etag);
  // Browsers may send several validators at once.
  CHECK(revalidate(owner, kList, "\"stale-1\", " + etag).status == 304);

  // Another page, another sort, a search, another reseller: a full answer each.
  CHECK(revalidate(owner, kList + "&page=2", etag).status == 200);
  CHECK(revalidate(owner, "/api/subscriptions?sort=customer_name&per_page=50", etag).status == 200);
  CHECK(revalidate(owner, kList + "&q=bak", etag).status == 200);
  const Reply theirs = revalidate(other, kList, etag);
  CHECK(theirs.status == 200);
  CHECK(theirs.body["total"] == 0);
  // Without a session there is nothing to revalidate.
  Browser stranger(server.port());
  CHECK(revalidate(stranger, kList, etag).status == 401);
  // A made-up or mangled validator is a miss, never a 304.
  CHECK(revalidate(owner, kList, etag.substr(0, etag.size() - 2) + "\"").status == 200);
  CHECK(revalidate(owner, kList, "*").status == 200);
  // Signing out tells the browser to drop what it kept; the page is then nobody's to revalidate.
  const Reply out = owner.del("/api/session");
  CHECK(out.status == 204);
  CHECK(out.header("Clear-Site-Data") == "\"cache\"");
  CHECK(revalidate(owner, kList, etag).status == 401);
}

TEST_CASE("list revalidation is never stale: a write on one connection, the list on another, 10,000 times") {
  ServerProcess server;
  Browser writer = reseller_browser(server, "Acme", "owner@acme.nl");
  Browser reader(server.port());
  REQUIRE(reader.sign_in("owner@acme.nl", kPassword).status == 200);

  std::string etag;
  int stale = 0, not_revalidated = 0;
  for (int i = 1; i <= 10000; ++i) {
    REQUIRE(writer.post("/api/subscriptions", plain_subscription("Klant " + std::to_string(i))).status == 201);
    const Reply fresh = revalidate(reader, kList, etag.empty() ? "\"none\"" : etag);
    if (fresh.status != 200 || fresh.body["total"] != i) ++stale;
    etag = fresh.header("ETag");
    if (i % 100 == 0 && revalidate(reader, kList, etag).status != 304) ++not_revalidated;
  }
  CHECK(stale == 0);
  CHECK(not_revalidated == 0);
}

// One reseller with one subscription whose customer was invited (its mail still queued).
struct InvitedCustomer : ClockedServices {
  Actor reseller = signed_in_owner("olga@acme.nl");

  InvitedCustomer() {
    NewSubscription r;
    r.customer_name = "Later B.V.";
    r.customer_can_edit = true;
    r.contact_name = "Jan";
    r.contact_email = "jan@later.nl";
    subs.create(reseller, r);
  }
  ConditionalPage list(const std::string& if_none_match) { return subs.list_unless_current(reseller, {}, if_none_match); }
};

TEST_CASE("list revalidation: the invitation mail's delivery makes the held page stale") {
  InvitedCustomer w;
  const ConditionalPage held = w.list("");
  REQUIRE(held.page);
  REQUIRE(held.page->items.at(0).invitation_delivery == "queued");
  CHECK_FALSE(w.list(held.etag).page);
  {
    auto c = w.pool.acquire();
    MailStore mail(*c);
    const auto due = mail.due(w.time.now, 10);
    REQUIRE(due.size() == 1);
    mail.mark_sent(due[0].id, w.time.now);
  }
  const ConditionalPage sent = w.list(held.etag);
  REQUIRE(sent.page);
  CHECK(sent.page->items.at(0).invitation_delivery == "sent");
}

TEST_CASE("list revalidation: a page with a pending invitation is stale the moment it expires") {
  InvitedCustomer w;
  const ConditionalPage held = w.list("");
  REQUIRE(held.page);
  REQUIRE(held.page->items.at(0).invitation_status == InvitationStatus::Pending);
  w.time.now += 7 * 24 * 3600 - 1;
  CHECK_FALSE(w.list(held.etag).page);  // still exactly this
  w.time.now += 1;
  const ConditionalPage expired = w.list(held.etag);
  REQUIRE(expired.page);
  CHECK(expired.page->items.at(0).invitation_status == InvitationStatus::Expired);
  CHECK(expired.etag != held.etag);
  // With nothing pending any more, the page stays current however long it is held.
  w.time.now += 365 * 24 * 3600;
  CHECK_FALSE(w.list(expired.etag).page);
}
