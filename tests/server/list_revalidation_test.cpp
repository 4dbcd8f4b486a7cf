// Conditional GETs and kept replies of the subscription list (services/list_validator.h,
// http/list_replies.h): a page the browser holds is answered 304, and a page sent a moment ago
// is sent again, only while it is exactly what reading it now would give; never after a write,
// a mail delivery or an invitation's expiry changed it.
#include <doctest/doctest.h>

#include "clocked_services.h"
#include "http/list_replies.h"
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

TEST_CASE("the list is never stale: a write on one connection, the list on another, 10,000 times") {
  ServerProcess server;
  Browser writer = reseller_browser(server, "Acme", "owner@acme.nl");
  Browser reader(server.port());
  REQUIRE(reader.sign_in("owner@acme.nl", kPassword).status == 200);

  std::string etag = "\"none\"";
  int stale = 0, not_revalidated = 0;
  for (int i = 1; i <= 10000; ++i) {
    REQUIRE(writer.post("/api/subscriptions", plain_subscription("Klant " + std::to_string(i))).status == 201);
    // Turn about: revalidating the page held from before the write, and a plain GET (which the
    // server may answer from the reply it kept for that page).
    const Reply fresh = i % 2 ? revalidate(reader, kList, etag) : reader.get(kList);
    if (fresh.status != 200 || fresh.body["total"] != i || fresh.body["items"].size() != std::min(i, 50)) ++stale;
    etag = fresh.header("ETag");
    if (i % 100 == 0 && revalidate(reader, kList, etag).status != 304) ++not_revalidated;
  }
  CHECK(stale == 0);
  CHECK(not_revalidated == 0);
}

// One reseller with one subscription whose customer was invited (its mail still queued), and
// the list answers as the route gives them.
struct InvitedCustomer : ClockedServices {
  Actor reseller = signed_in_owner("olga@acme.nl");
  ListReplies replies;

  InvitedCustomer() {
    NewSubscription r;
    r.customer_name = "Later B.V.";
    r.customer_can_edit = true;
    r.contact_name = "Jan";
    r.contact_email = "jan@later.nl";
    subs.create(reseller, r);
  }
  ApiReply list(const std::string& if_none_match = "") { return replies.answer(subs, reseller, {}, if_none_match); }
  static json first_row(const ApiReply& r) { return json::parse(r.json_text.value()).at("items").at(0); }
};

TEST_CASE("list revalidation: the invitation mail's delivery makes the held and the kept page stale") {
  InvitedCustomer w;
  const ApiReply held = w.list();
  REQUIRE(held.status == 200);
  REQUIRE(InvitedCustomer::first_row(held)["invitation_delivery"] == "queued");
  CHECK(w.list(*held.etag).status == 304);
  CHECK(w.list().json_text == held.json_text);  // the kept reply
  {
    auto c = w.pool.acquire();
    MailStore mail(*c);
    const auto claimed = mail.claim_next(w.time.now, w.time.now + 300);
    REQUIRE(claimed);
    mail.mark_sent(claimed->id, w.time.now);
  }
  const ApiReply revalidated = w.list(*held.etag);
  REQUIRE(revalidated.status == 200);
  CHECK(InvitedCustomer::first_row(revalidated)["invitation_delivery"] == "sent");
  CHECK(revalidated.etag != held.etag);
}

TEST_CASE("list revalidation: a page with a pending invitation is stale the moment it expires") {
  InvitedCustomer w;
  const ApiReply held = w.list();
  REQUIRE(held.status == 200);
  REQUIRE(InvitedCustomer::first_row(held)["invitation_status"] == "pending");
  w.time.now += 7 * 24 * 3600 - 1;
  CHECK(w.list(*held.etag).status == 304);  // still exactly this
  CHECK(InvitedCustomer::first_row(w.list())["invitation_status"] == "pending");
  w.time.now += 1;
  const ApiReply expired = w.list(*held.etag);
  REQUIRE(expired.status == 200);
  CHECK(InvitedCustomer::first_row(expired)["invitation_status"] == "expired");
  CHECK(expired.etag != held.etag);
  CHECK(InvitedCustomer::first_row(w.list())["invitation_status"] == "expired");  // not the kept one
  // With nothing pending any more, the page stays current however long it is held.
  w.time.now += 365 * 24 * 3600;
  CHECK(w.list(*expired.etag).status == 304);
}

TEST_CASE("kept list replies stay within their byte budget, the oldest going first") {
  ClockedServices w;
  const Actor owner = w.signed_in_owner("olga@acme.nl");
  NewSubscription r;
  r.customer_name = "Klant";
  w.subs.create(owner, r);
  ListReplies replies(3000);  // room for a few one-row pages
  std::vector<std::string> bodies;
  for (int per_page = 1; per_page <= 20; ++per_page) {
    ListQuery q;
    q.per_page = per_page;  // another page each time, so another kept reply
    const ApiReply a = replies.answer(w.subs, owner, q, "");
    REQUIRE(a.status == 200);
    CHECK(replies.answer(w.subs, owner, q, "").json_text == a.json_text);
    CHECK(replies.kept_bytes() <= 3000);
    CHECK(replies.kept_bytes() >= a.json_text->size());  // the newest is always kept
  }
  // Whatever was dropped is read again, the same.
  ListQuery first;
  first.per_page = 1;
  CHECK(json::parse(replies.answer(w.subs, owner, first, "").json_text.value())["total"] == 1);
}

TEST_CASE("--list-cache-mib 0 keeps no replies and answers the same; a wrong value stops the start") {
  const auto [code, text] = run_server({"--list-cache-mib", "2000"});
  CHECK(code != 0);
  CHECK(text.find("--list-cache-mib must be a whole number from 0 to 1024") != std::string::npos);

  ServerProcess server({"--list-cache-mib", "0"});
  Browser b = reseller_browser(server, "Acme", "owner@acme.nl");
  REQUIRE(b.post("/api/subscriptions", plain_subscription("Bakkerij B.V.")).status == 201);
  const Reply first = b.get(kList);
  REQUIRE(first.status == 200);
  CHECK(b.get(kList).raw == first.raw);
  CHECK(revalidate(b, kList, first.header("ETag")).status == 304);
}
