#include "storage/subscription_store.h"

#include "signet/text.h"

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

Subscription read_subscription(SQLite::Statement& q, int64_t now) {
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

// LIKE pattern matching `needle` anywhere, with LIKE's wildcards escaped.
std::string contains_pattern(const std::string& needle) {
  std::string p = "%";
  for (char c : needle) {
    if (c == '%' || c == '_' || c == '\\') p += '\\';
    p += c;
  }
  return p + "%";
}

// ORDER BY text from the sort key enum only, never from request text.
std::string order_by(const ListQuery& q) {
  const char* dir = q.descending ? " DESC" : " ASC";
  switch (q.sort) {
    case SortKey::CustomerName: return std::string("s.search_key") + dir + ", s.id" + dir;
    case SortKey::UserCount: return std::string("s.user_count") + dir + ", s.id" + dir;
    case SortKey::NextPaymentDate:
      // Inactive subscriptions have no date; they go last in both directions.
      return std::string("s.next_payment_date IS NULL, s.next_payment_date") + dir + ", s.id" + dir;
    case SortKey::CreatedAt: return std::string("s.created_at") + dir + ", s.id" + dir;
  }
  return "s.id";
}

}  // namespace

namespace {

constexpr const char* kInsert =
    "INSERT INTO subscriptions(reseller_id, customer_name, search_key, product, user_count, "
    "status, next_payment_date, customer_can_edit, contact_name, contact_email, "
    "invitation_status, created_at, billing_cycle, anchor_day, period_start, language) "
    "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

void bind_row(SQLite::Statement& q, int64_t reseller_id, const Subscription& s, int anchor_day,
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
  auto q = c_.prepare(kInsert);
  // A new subscription starts today: its anchor is the day of the month it started.
  bind_row(*q, reseller_id, s, std::stoi(s.created_at.substr(8, 2)), s.created_at.substr(0, 10));
  q->exec();
  return c_.db().getLastInsertRowid();
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
                       " WHERE s.reseller_id = ? AND s.id = ?");
  q->bind(1, reseller_id);
  q->bind(2, id);
  if (!q->executeStep()) return std::nullopt;
  return read_subscription(*q, now_);
}

SubscriptionPage SubscriptionStore::list(int64_t reseller_id, const ListQuery& query) {
  std::string where = " WHERE s.reseller_id = ?";
  const std::string needle = fold_for_search(query.q);
  if (!needle.empty()) where += " AND s.search_key LIKE ? ESCAPE '\\'";
  if (query.status) where += " AND s.status = ?";

  auto bind_filters = [&](SQLite::Statement& q) {
    int i = 1;
    q.bind(i++, reseller_id);
    if (!needle.empty()) q.bind(i++, contains_pattern(needle));
    if (query.status) q.bind(i++, std::string(to_string(*query.status)));
    return i;
  };

  SubscriptionPage page;
  auto count = c_.prepare("SELECT COUNT(*) FROM subscriptions s" + where);
  bind_filters(*count);
  count->executeStep();
  page.total = count->getColumn(0).getInt64();

  auto rows = c_.prepare(std::string("SELECT ") + kColumns + kFrom + where + " ORDER BY " +
                          order_by(query) + " LIMIT ? OFFSET ?");
  int i = bind_filters(*rows);
  rows->bind(i++, query.per_page);
  rows->bind(i, static_cast<int64_t>(query.page - 1) * query.per_page);
  while (rows->executeStep()) page.items.push_back(read_subscription(*rows, now_));
  return page;
}

std::optional<int64_t> SubscriptionStore::reseller_of(int64_t subscription_id) {
  auto q = c_.prepare("SELECT reseller_id FROM subscriptions WHERE id = ?");
  q->bind(1, subscription_id);
  if (!q->executeStep()) return std::nullopt;
  return q->getColumn(0).getInt64();
}

void SubscriptionStore::set_invitation(int64_t subscription_id, InvitationStatus status,
                                       int64_t expires_at, int64_t mail_id) {
  auto q = c_.prepare(
      "UPDATE subscriptions SET invitation_status = ?, invitation_expires_at = ?, "
      "invitation_mail_id = ? WHERE id = ?");
  q->bind(1, std::string(to_string(status)));
  q->bind(2, expires_at);
  q->bind(3, mail_id);
  q->bind(4, subscription_id);
  q->exec();
}

void SubscriptionStore::mark_invitation_accepted(int64_t subscription_id) {
  auto q = c_.prepare("UPDATE subscriptions SET invitation_status = 'accepted' WHERE id = ?");
  q->bind(1, subscription_id);
  q->exec();
}

}  // namespace signet
