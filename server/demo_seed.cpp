#include "demo_seed.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>
#include <vector>

#include "clock.h"
#include "signet/billing.h"
#include "signet/dates.h"
#include "signet/text.h"
#include "storage/account_store.h"
#include "storage/subscription_store.h"

namespace signet {

namespace {

// Words for names: European places, surnames and trades, many with diacritics, so search
// folding ("cafe" finds "Café", "lodz" finds "Łódź") is exercised on every query.
const std::vector<std::string> kPlaces = {
    "Amsterdam", "Utrecht",  "Łódź",     "Kraków",   "São Paulo", "Ærø",     "Šibenik", "Göteborg",
    "Zürich",    "München",  "Malmö",    "Plzeň",    "Brașov",    "Tromsø",  "Córdoba", "Besançon",
    "Groningen", "Eindhoven", "Reykjavík", "Dubrovnik", "Poznań",  "Köln",    "Aarhus",  "Málaga"};
const std::vector<std::string> kSurnames = {
    "Müller",  "Nowak",     "Dvořák",  "Janssen", "de Vries", "Østergaard", "Novák",   "Schäfer",
    "Fernández", "Gonçalves", "Łukasik", "Ångström", "Søndergaard", "Bakker", "Visser", "Peeters",
    "Kowalski", "Horváth",  "Şahin",   "Öztürk",  "Lefèvre",  "Björk",      "Núñez",   "Jørgensen"};
const std::vector<std::string> kTrades = {
    "Café",        "Bakery",      "Bäckerei",   "Consulting", "Logistics",   "Architecten",
    "Tandartsen",  "Advocaten",   "Bouw",       "Installatietechniek", "Accountants", "Design",
    "Marina",      "Fiskeri",     "Brouwerij",  "Transport",  "Kwekerij",    "IT Services",
    "Media",       "Zorg",        "Hotel",      "Boulangerie", "Conditorei", "Vinhos"};
const std::vector<std::string> kSuffixes = {"B.V.", "GmbH", "Sp. z o.o.", "Lda.", "ApS", "d.o.o.",
                                            "s.r.o.", "AG", "AB", "SARL", "Ltd", "& Zn.", "", ""};
const std::vector<std::string> kFirstNames = {
    "Zoë",   "Jürgen", "Łukasz", "Søren", "José",  "François", "Ana",   "Björn",
    "Małgorzata", "Chloé", "Renée", "Mika", "Jan", "Anouk",    "Sven",  "Inês",
    "Ömer",  "Željko", "Åsa",    "Noémie", "Pieter", "Dagný",  "Zdeněk", "Oğuz"};

class Generator {
 public:
  explicit Generator(uint64_t seed) : random_(seed) {}

  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(random_); }
  bool chance(int percent) { return uniform(0, 99) < percent; }
  const std::string& pick(const std::vector<std::string>& words) {
    return words[static_cast<size_t>(uniform(0, static_cast<int>(words.size()) - 1))];
  }

  std::string company() {
    auto with_suffix = [&](std::string name) {
      const std::string& suffix = pick(kSuffixes);
      return suffix.empty() ? name : name + " " + suffix;
    };
    switch (uniform(0, 5)) {
      case 0: return pick(kTrades) + " " + pick(kSurnames);
      case 1: return with_suffix(pick(kSurnames) + " " + pick(kTrades));
      case 2: return pick(kTrades) + " " + pick(kPlaces);
      case 3: return with_suffix(pick(kPlaces) + " " + pick(kTrades));
      case 4: return pick(kFirstNames) + "'s " + pick(kTrades);
      default: return with_suffix(pick(kSurnames) + " & " + pick(kSurnames) + " " + pick(kTrades));
    }
  }

  std::string person() { return pick(kFirstNames) + " " + pick(kSurnames); }

  // Seats: log-uniform from 1 to 2,000, so most customers are small and a few are large.
  int seats() {
    const double x = std::uniform_real_distribution<double>(0, std::log(2000.0))(random_);
    return std::max(1, static_cast<int>(std::exp(x)));
  }

  double weight() { return std::uniform_real_distribution<double>(0.2, 1.8)(random_); }

 private:
  std::mt19937_64 random_;
};

// "zoe.muller@example.com" from "Zoë Müller": folded, letters and dots only.
std::string contact_email(const std::string& person) {
  std::string local;
  for (char c : fold_for_search(person)) {
    if (c >= 'a' && c <= 'z') local += c;
    else if (c == ' ' && !local.empty() && local.back() != '.') local += '.';
  }
  return local + "@example.com";
}

LoadedSubscription make_subscription(Generator& g, const Date& today) {
  LoadedSubscription row;
  Subscription& s = row.s;
  s.customer_name = g.company();
  s.product = g.chance(60) ? Product::M365 : Product::GoogleWorkspace;
  s.user_count = g.seats();
  s.billing_cycle = g.chance(80) ? "monthly" : "annual";
  s.language = g.chance(30) ? "nl" : "en";
  const BillingCycle cycle = s.billing_cycle == "annual" ? BillingCycle::Annual : BillingCycle::Monthly;
  Date started;
  if (g.chance(85)) {
    // Next payment from a week ahead on, so the server's billing run at start finds
    // nothing due on a freshly seeded database (scripts/bench.sh reseeds after a week).
    s.status = SubscriptionStatus::Active;
    const int horizon = cycle == BillingCycle::Annual ? 365 : 28;
    const Date next = from_days(to_days(today) + 7 + g.uniform(0, horizon - 1));
    row.anchor_day = next.day;
    const Date period_start = add_months(next, -months_in(cycle), row.anchor_day);
    row.period_start = format_iso(period_start);
    s.next_payment_date = format_iso(next);
    started = from_days(to_days(period_start) - g.uniform(0, 1000));
  } else {
    s.status = SubscriptionStatus::Inactive;
    started = from_days(to_days(today) - 7 - g.uniform(0, 1500));
    row.anchor_day = started.day;
  }
  s.created_at = format_timestamp((to_days(started) * 86400) + g.uniform(7 * 3600, 19 * 3600));
  if (g.chance(40)) {
    s.customer_can_edit = true;
    s.contact_name = g.person();
    s.contact_email = contact_email(s.contact_name);
    s.invitation_status = InvitationStatus::Accepted;
  }
  return row;
}

struct DemoReseller {
  std::string email;
  int64_t subscriptions = 0;
  int64_t id = 0;
};

// How many subscriptions each reseller gets: the three measured ones first, the rest
// spread with random weights, rounded so the total is exact.
std::vector<DemoReseller> plan(const DemoSeedOptions& o, Generator& g) {
  if (o.resellers < 4) throw std::invalid_argument("--resellers must be at least 4");
  if (o.subscriptions < 1000 || o.subscriptions > 10000000)
    throw std::invalid_argument("--subscriptions must be from 1000 to 10000000");
  std::vector<DemoReseller> out = {{"big@", o.subscriptions / 100},
                                   {"r1k@", o.subscriptions / 1000},
                                   {"r100k@", o.subscriptions / 10}};
  const int64_t rest = o.subscriptions - out[0].subscriptions - out[1].subscriptions - out[2].subscriptions;
  std::vector<double> weights;
  double sum = 0;
  for (int i = 3; i < o.resellers; ++i) sum += weights.emplace_back(g.weight());
  int64_t given = 0;
  for (int i = 3; i < o.resellers; ++i) {
    char email[32];
    std::snprintf(email, sizeof email, "reseller%04d@", i + 1);
    const auto n = static_cast<int64_t>(static_cast<double>(rest) * weights[static_cast<size_t>(i - 3)] / sum);
    out.push_back({email, n});
    given += n;
  }
  for (size_t i = 3; given < rest; i = i + 1 < out.size() ? i + 1 : 3, ++given) ++out[i].subscriptions;
  for (auto& r : out) r.email += kDemoDomain;
  return out;
}

}  // namespace

DemoSeedResult seed_demo(ConnectionPool& pool, const DemoSeedOptions& o, const std::string& password_hash) {
  Generator g(o.seed);
  std::vector<DemoReseller> resellers = plan(o, g);
  const Date today = date_from_unix(o.today);
  const std::string now = format_timestamp(o.today);

  auto c = pool.acquire();
  {
    WriteTransaction tx(*c);
    AccountStore accounts(*c);
    for (DemoReseller& r : resellers) {
      const std::string company = g.chance(50) ? g.pick(kSurnames) + " IT" : g.pick(kPlaces) + " Digital";
      r.id = accounts.insert_reseller(company, now);
      StoredUser u;
      u.user.email = r.email;
      u.user.name = g.person();
      u.user.role = Role::Reseller;
      u.user.reseller_role = "owner";
      u.reseller_id = r.id;
      u.password_hash = password_hash;
      if (!accounts.insert_user(u, now))
        throw std::runtime_error(r.email + " already exists: seed an empty database");
    }
    tx.commit();
  }

  // Rows are written round-robin in slices of 1% of each reseller, so one reseller's rows
  // are spread over the table as they would be after years of use, not stored side by side.
  // One transaction for everything: every index page is written once, at the commit.
  DemoSeedResult result;
  std::vector<int64_t> left;
  for (const auto& r : resellers) left.push_back(r.subscriptions);
  SubscriptionStore store(*c, o.today);
  std::vector<LoadedSubscription> batch;
  WriteTransaction tx(*c);
  for (bool more = true; more;) {
    more = false;
    for (size_t i = 0; i < resellers.size(); ++i) {
      const int64_t slice = std::min(left[i], std::max<int64_t>(1, resellers[i].subscriptions / 100));
      if (slice == 0) continue;
      batch.clear();
      for (int64_t k = 0; k < slice; ++k) batch.push_back(make_subscription(g, today));
      store.insert_many(resellers[i].id, batch);
      left[i] -= slice;
      result.subscriptions += slice;
      more = more || left[i] > 0;
    }
  }
  tx.commit();
  result.resellers = static_cast<int>(resellers.size());
  result.big = resellers[0].subscriptions;
  result.r1k = resellers[1].subscriptions;
  result.r100k = resellers[2].subscriptions;
  return result;
}

}  // namespace signet
