#include "storage/subscription_store.h"

#include <algorithm>

#include "signet/text.h"
#include "storage/id_set.h"
#include "storage/sqlite_engine.h"

namespace signet {

namespace {

// The latest invitation mail's delivery state comes from the queue row it points at.
constexpr const char* kColumns =
    "s.id, s.customer_name, s.product, s.user_count, s.status, s.next_payment_date, "
    "s.customer_can_edit, s.contact_name, s.contact_email, s.invitation_status, s.created_at, "
    "s.invitation_expires_at, CASE WHEN m.id IS NULL THEN '' WHEN m.sent_at IS NOT NULL THEN 'sent' "
    "WHEN m.failed_at IS NOT NULL THEN 'failed' WHEN m.attempts > 0 THEN 'retrying' ELSE 'queued' END, "
    "s.billing_cycle, s.pending_user_count, s.language";
constexpr const char* kFrom =
    " FROM subscriptions s LEFT JOIN mail_queue m ON m.id = s.invitation_mail_id";

Subscription read_subscription(Statement& q, int64_t now) {
  Subscription s;
  s.id = q.getColumn(0).getInt64();
  s.customer_name = q.getColumn(1).getString();
  s.product = parse_product(q.getColumn(2).getString()).value_or(Product::M365);
  s.user_count = q.getColumn(3).getInt();
  s.status = parse_subscription_status(q.getColumn(4).getString()).value_or(SubscriptionStatus::Inactive);
  if (!q.getColumn(5).isNull()) s.next_payment_date = q.getColumn(5).getString();
  s.customer_can_edit = q.getColumn(6).getInt() != 0;
  s.contact_name = q.getColumn(7).getText("");
  s.contact_email = q.getColumn(8).getText("");
  s.invitation_status = parse_invitation_status(q.getColumn(9).getString()).value_or(InvitationStatus::None);
  s.created_at = q.getColumn(10).getString();
  if (s.invitation_status == InvitationStatus::Pending && !q.getColumn(11).isNull() &&
      q.getColumn(11).getInt64() <= now)
    s.invitation_status = InvitationStatus::Expired;
  s.invitation_delivery = q.getColumn(12).getString();
  s.billing_cycle = q.getColumn(13).getString();
  if (!q.getColumn(14).isNull()) {
    s.pending_user_count = q.getColumn(14).getInt();
    s.pending_from = s.next_payment_date;
  }
  s.language = q.getColumn(15).getString();
  return s;
}

// ORDER BY text from the sort key enum only, never from request text. Each order matches
// an index on (reseller_id, key..., id), so a page is read in order off that index.
std::string order_by(const ListQuery& q) {
  const char* dir = q.descending ? " DESC" : " ASC";
  switch (q.sort) {
    case SortKey::CustomerName: return std::string("s.search_key") + dir + ", s.id" + dir;
    case SortKey::UserCount: return std::string("s.user_count") + dir + ", s.id" + dir;
    case SortKey::NextPaymentDate:
      // Inactive subscriptions have no date; they go last in both directions. Written as
      // the key of subscriptions_by_payment_(desc_)nulls_last, scanned forward or backward.
      return q.descending ? "s.next_payment_date IS NOT NULL DESC, s.next_payment_date DESC, s.id DESC"
                          : "s.next_payment_date IS NULL ASC, s.next_payment_date ASC, s.id ASC";
    case SortKey::CreatedAt: return std::string("s.created_at") + dir + ", s.id" + dir;
  }
  return "s.id";
}

// How a list request picks its rows. Without a search, straight off the sort order's index.
// With one, CustomerNames gives the ids whose name matches, and SQL either walks the sort
// index keeping those ids (signet_id_in, answered from the index before any row is read) or,
// when the matches are few, reads them by id and sorts them.
enum class Pick { All, Walk, Lookup };

// Walking the sort index visits about (offset + limit) * names / matches entries at some 0.1 us
// each; looking rows up by id costs about 1 us a match plus sorting. Measured with
// scripts/bench.sh (docs/performance.md); the factor only has to be right within a few times.
Pick choose_pick(size_t matches, size_t names, int64_t rows_needed) {
  if (matches == 0) return Pick::Lookup;
  const double walked = std::min<double>(static_cast<double>(names),
                                         static_cast<double>(rows_needed) * static_cast<double>(names) / matches);
  return matches * 10.0 < walked ? Pick::Lookup : Pick::Walk;
}

// The two statements of a list request. $1 is the reseller; the matching ids (Pick::Lookup,
// as JSON) and the status follow when present, then the page's limit and offset: ListSql says
// which numbers they got. Pick::Walk's ids are the connection's id set (IdSetScope), which
// only the SQLite engine has; on PostgreSQL a search always looks its matches up.
struct ListSql {
  std::string count, page;
  int ids = 0, status = 0, limit = 0, offset = 0;  // parameter numbers; 0: not in the statement
};

ListSql list_sql(const ListQuery& query, Pick pick, Engine engine) {
  ListSql sql;
  int last = 1;
  std::string from = " FROM subscriptions s";
  std::string where = " WHERE s.reseller_id = $1";
  if (pick == Pick::Walk) where += " AND signet_id_in(s.id)";
  if (pick == Pick::Lookup) {
    sql.ids = ++last;
    const std::string ids = "$" + std::to_string(sql.ids);
    if (engine == Engine::Sqlite) {
      // NOT INDEXED still reads rows by id; it keeps the planner from walking an index instead.
      from += " NOT INDEXED";
      where += " AND s.id IN (SELECT value FROM json_each(" + ids + "))";
    } else {
      where += " AND s.id IN (SELECT CAST(json_array_elements_text(CAST(" + ids + " AS json)) AS bigint))";
    }
  }
  std::string status;  // the filter, as " AND status = $n"
  if (query.status) {
    status = " AND status = $" + std::to_string(sql.status = ++last);
    where += " AND s.status = $" + std::to_string(sql.status);
  }
  // The total: kept per reseller and status without a search (subscription_counts); with one,
  // the number of matches, unless a status filter has to be applied to them.
  if (pick == Pick::All)
    sql.count = "SELECT COALESCE(SUM(n), 0) FROM subscription_counts WHERE reseller_id = $1" + status;
  else if (query.status)
    sql.count = "SELECT COUNT(*)" + (pick == Pick::Walk ? " FROM subscriptions s INDEXED BY subscriptions_by_reseller"
                                                         : from) + where;
  sql.limit = ++last;
  sql.offset = ++last;
  sql.page = std::string("SELECT ") + kColumns + from + " LEFT JOIN mail_queue m ON m.id = s.invitation_mail_id" +
             where + " ORDER BY " + order_by(query) + " LIMIT $" + std::to_string(sql.limit) + " OFFSET $" +
             std::to_string(sql.offset);
  return sql;
}

constexpr const char* kInsert =
    "INSERT INTO subscriptions(reseller_id, customer_name, search_key, product, user_count, "
    "status, next_payment_date, customer_can_edit, contact_name, contact_email, "
    "invitation_status, created_at, billing_cycle, anchor_day, period_start, language, period_user_count) "
    "VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $5)";  // the first period: user_count

void bind_row(Statement& q, int64_t reseller_id, const Subscription& s, int anchor_day,
              const std::optional<std::string>& period_start) {
  q.bind(1, reseller_id);
  q.bind(2, s.customer_name);
  q.bind(3, fold_for_search(s.customer_name));
  q.bind(4, std::string(to_string(s.product)));
  q.bind(5, s.user_count);
  q.bind(6, std::string(to_string(s.status)));
  if (s.next_payment_date) q.bind(7, *s.next_payment_date);
  else q.bind(7);
  q.bind(8, s.customer_can_edit ? 1 : 0);
  if (s.customer_can_edit) {
    q.bind(9, s.contact_name);
    q.bind(10, s.contact_email);
  } else {
    q.bind(9);
    q.bind(10);
  }
  q.bind(11, std::string(to_string(s.invitation_status)));
  q.bind(12, s.created_at);
  q.bind(13, s.billing_cycle);
  q.bind(14, anchor_day);
  if (period_start) q.bind(15, *period_start);
  else q.bind(15);
  q.bind(16, s.language);
}

}  // namespace

int64_t SubscriptionStore::insert(int64_t reseller_id, const Subscription& s) {
  auto q = c_.prepare(std::string(kInsert) + " RETURNING id");
  // A new subscription starts today: its anchor is the day of the month it started.
  bind_row(*q, reseller_id, s, std::stoi(s.created_at.substr(8, 2)), s.created_at.substr(0, 10));
  q->executeStep();
  return q->getColumn(0).getInt64();
}

void SubscriptionStore::insert_many(int64_t reseller_id, const std::vector<LoadedSubscription>& rows) {
  auto q = c_.prepare(kInsert);
  for (const LoadedSubscription& row : rows) {
    bind_row(*q, reseller_id, row.s, row.anchor_day, row.period_start);
    q->exec();
    q->reset();
  }
}

std::optional<Subscription> SubscriptionStore::find(int64_t reseller_id, int64_t id) {
  auto q = c_.prepare(std::string("SELECT ") + kColumns + kFrom +
                       " WHERE s.reseller_id = $1 AND s.id = $2");
  q->bind(1, reseller_id);
  q->bind(2, id);
  if (!q->executeStep()) return std::nullopt;
  return read_subscription(*q, now_);
}

namespace {

// What a list request works out before it runs any SQL.
struct ListPlan {
  CustomerNames::Matches matches;  // when searching
  Pick pick = Pick::All;
  std::string ids_json;            // the matches, for Pick::Lookup
  int64_t offset = 0;
  ListSql sql;
};

ListPlan plan_list(Connection& c, int64_t reseller_id, const ListQuery& query) {
  ListPlan plan;
  plan.offset = static_cast<int64_t>(query.page - 1) * query.per_page;
  const std::string needle = fold_for_search(query.q);
  if (!needle.empty()) {
    plan.matches = c.customer_names().matching(c, reseller_id, needle);
    plan.pick = choose_pick(plan.matches.ids.size(), plan.matches.of, plan.offset + query.per_page);
    if (plan.pick == Pick::Walk && c.engine() == Engine::Postgres) plan.pick = Pick::Lookup;
    if (plan.pick == Pick::Lookup) plan.ids_json = id_list_json(plan.matches.ids);
  }
  plan.sql = list_sql(query, plan.pick, c.engine());
  return plan;
}

// Binds the reseller, ids and status of either statement; the page binds its limit and offset.
void bind_filters(Statement& q, int64_t reseller_id, const ListPlan& plan, const ListQuery& query) {
  q.bind(1, reseller_id);
  if (plan.sql.ids) q.bind(plan.sql.ids, plan.ids_json);
  if (plan.sql.status) q.bind(plan.sql.status, std::string(to_string(*query.status)));
}

}  // namespace

SubscriptionPage SubscriptionStore::list(int64_t reseller_id, const ListQuery& query) {
  const ListPlan plan = plan_list(c_, reseller_id, query);
  IdSetScope matching(c_.id_set(), plan.matches.ids);
  SubscriptionPage page;
  if (plan.sql.count.empty()) {
    page.total = static_cast<int64_t>(plan.matches.ids.size());
  } else {
    auto count = c_.prepare(plan.sql.count);
    bind_filters(*count, reseller_id, plan, query);
    count->executeStep();
    page.total = count->getColumn(0).getInt64();
  }
  if (page.total <= plan.offset) return page;
  auto rows = c_.prepare(plan.sql.page);
  bind_filters(*rows, reseller_id, plan, query);
  rows->bind(plan.sql.limit, query.per_page);
  rows->bind(plan.sql.offset, plan.offset);
  page.items.reserve(static_cast<size_t>(query.per_page));
  while (rows->executeStep()) {
    page.items.push_back(read_subscription(*rows, now_));
    if (page.items.back().invitation_status == InvitationStatus::Pending && !rows->getColumn(11).isNull())
      page.changes_at = std::min(page.changes_at, rows->getColumn(11).getInt64());
  }
  return page;
}

int64_t SubscriptionStore::list_version(int64_t reseller_id) {
  auto q = c_.prepare("SELECT version FROM list_versions WHERE reseller_id = $1");
  q->bind(1, reseller_id);
  return q->executeStep() ? q->getColumn(0).getInt64() : 0;
}

std::vector<std::string> SubscriptionStore::explain_list(int64_t reseller_id, const ListQuery& query) {
  const ListPlan plan = plan_list(c_, reseller_id, query);
  IdSetScope matching(c_.id_set(), plan.matches.ids);
  std::vector<std::string> lines;
  for (const std::string* text : {&plan.sql.count, &plan.sql.page}) {
    if (text->empty()) continue;
    SqliteStatement q(static_cast<SqliteConnection&>(c_).db(), "EXPLAIN QUERY PLAN " + *text);
    bind_filters(q, reseller_id, plan, query);
    if (text == &plan.sql.page) {
      q.bind(plan.sql.limit, query.per_page);
      q.bind(plan.sql.offset, plan.offset);
    }
    while (q.executeStep()) lines.push_back((text == &plan.sql.count ? "count: " : "page: ") + q.getColumn(3).getString());
  }
  return lines;
}

std::optional<int64_t> SubscriptionStore::reseller_of(int64_t subscription_id) {
  auto q = c_.prepare("SELECT reseller_id FROM subscriptions WHERE id = $1");
  q->bind(1, subscription_id);
  if (!q->executeStep()) return std::nullopt;
  return q->getColumn(0).getInt64();
}

void SubscriptionStore::set_invitation(int64_t subscription_id, InvitationStatus status,
                                       int64_t expires_at, int64_t mail_id) {
  auto q = c_.prepare(
      "UPDATE subscriptions SET invitation_status = $1, invitation_expires_at = $2, "
      "invitation_mail_id = $3 WHERE id = $4");
  q->bind(1, std::string(to_string(status)));
  q->bind(2, expires_at);
  q->bind(3, mail_id);
  q->bind(4, subscription_id);
  q->exec();
}

void SubscriptionStore::mark_invitation_accepted(int64_t subscription_id) {
  auto q = c_.prepare("UPDATE subscriptions SET invitation_status = 'accepted' WHERE id = $1");
  q->bind(1, subscription_id);
  q->exec();
}

}  // namespace signet
