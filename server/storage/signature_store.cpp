#include "storage/signature_store.h"

#include <nlohmann/json.hpp>

#include "signet/signature_json.h"
#include "signet/text.h"

namespace signet {

namespace {

constexpr const char* kUserColumns =
    "id, email, display_name, first_name, last_name, job_title, department, phone, mobile, website, address";

DirectoryUser read_user(Statement& q) {
  DirectoryUser u;
  u.id = q.getColumn(0).getInt64();
  int i = 1;
  for (const char* f : kDirectoryFields) *field_of(u, f) = q.getColumn(i++).getString();
  return u;
}

std::string search_key(const DirectoryUser& u) {
  return fold_for_search(u.email + " " + u.display_name + " " + u.first_name + " " + u.last_name +
                         " " + u.job_title + " " + u.department);
}

// Binds the ten directory fields from `first` on, then the search key.
int bind_user(Statement& q, const DirectoryUser& u, int first) {
  for (const char* f : kDirectoryFields) q.bind(first++, *field_of(u, f));
  q.bind(first++, search_key(u));
  return first;
}

SignatureTemplate read_template(Statement& q) {
  nlohmann::json body = nlohmann::json::parse(q.getColumn(4).getString(), nullptr, false);
  if (!body.is_object()) body = nlohmann::json::object();
  body["id"] = q.getColumn(0).getInt64();
  body["name"] = q.getColumn(1).getString();
  body["version"] = q.getColumn(2).getInt64();
  body["is_default"] = q.getColumn(3).getInt() != 0;
  SignatureTemplate t = template_from_json(body).value_or(SignatureTemplate{});
  t.id = q.getColumn(0).getInt64();
  t.version = q.getColumn(2).getInt64();
  return t;
}

std::string template_body(const SignatureTemplate& t) {
  nlohmann::json j = to_json(t);
  return nlohmann::json{{"style", j["style"]}, {"blocks", j["blocks"]}}.dump();
}

std::string order_by(const DirectoryQuery& q) {
  std::string column = "display_name";
  for (const char* allowed : {"email", "display_name", "department", "job_title"})
    if (q.sort == allowed) column = allowed;
  const char* dir = q.descending ? " DESC" : " ASC";
  return "lower(" + column + ")" + dir + ", id" + dir;  // lower(): the same order on both engines
}

}  // namespace

int64_t SignatureStore::count_users() {
  auto q = c_.prepare("SELECT COUNT(*) FROM directory_users WHERE subscription_id = $1");
  q->bind(1, sub_);
  q->executeStep();
  return q->getColumn(0).getInt64();
}

DirectoryPage SignatureStore::list_users(const DirectoryQuery& query) {
  const std::string needle = fold_for_search(query.q);
  std::string where = " FROM directory_users WHERE subscription_id = $1";
  if (!needle.empty()) where += " AND search_key LIKE $2 ESCAPE '\\'";
  std::string pattern = "%";
  for (char c : needle) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  pattern += "%";
  DirectoryPage page;
  auto count = c_.prepare("SELECT COUNT(*)" + where);
  count->bind(1, sub_);
  if (!needle.empty()) count->bind(2, pattern);
  count->executeStep();
  page.total = count->getColumn(0).getInt64();
  const int limit = needle.empty() ? 2 : 3;  // the parameters after the filter's
  auto rows = c_.prepare(std::string("SELECT ") + kUserColumns + where + " ORDER BY " + order_by(query) + " LIMIT $" +
                         std::to_string(limit) + " OFFSET $" + std::to_string(limit + 1));
  int i = 1;
  rows->bind(i++, sub_);
  if (!needle.empty()) rows->bind(i++, pattern);
  rows->bind(i++, query.per_page);
  rows->bind(i, static_cast<int64_t>(query.page - 1) * query.per_page);
  while (rows->executeStep()) page.items.push_back(read_user(*rows));
  return page;
}

std::vector<DirectoryUser> SignatureStore::all_users() {
  auto q = c_.prepare(std::string("SELECT ") + kUserColumns +
                      " FROM directory_users WHERE subscription_id = $1 ORDER BY email");
  q->bind(1, sub_);
  std::vector<DirectoryUser> out;
  while (q->executeStep()) out.push_back(read_user(*q));
  return out;
}

std::optional<DirectoryUser> SignatureStore::find_user(int64_t id) {
  auto q = c_.prepare(std::string("SELECT ") + kUserColumns +
                      " FROM directory_users WHERE subscription_id = $1 AND id = $2");
  q->bind(1, sub_);
  q->bind(2, id);
  if (!q->executeStep()) return std::nullopt;
  return read_user(*q);
}

std::optional<DirectoryUser> SignatureStore::find_user_by_email(const std::string& email) {
  auto q = c_.prepare(std::string("SELECT ") + kUserColumns +
                      " FROM directory_users WHERE subscription_id = $1 AND email = $2");
  q->bind(1, sub_);
  q->bind(2, email);
  if (!q->executeStep()) return std::nullopt;
  return read_user(*q);
}

std::optional<int64_t> SignatureStore::insert_user(const DirectoryUser& u) {
  auto q = c_.prepare(
      "INSERT INTO directory_users(subscription_id, email, display_name, first_name, last_name, "
      "job_title, department, phone, mobile, website, address, search_key) "
      "VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT(subscription_id, email) DO NOTHING RETURNING id");
  q->bind(1, sub_);
  bind_user(*q, u, 2);
  if (!q->executeStep()) return std::nullopt;
  return q->getColumn(0).getInt64();
}

std::vector<DirectoryUser> SignatureStore::find_users_by_email(const std::vector<std::string>& emails) {
  const std::string select = std::string("SELECT ") + kUserColumns + " FROM directory_users WHERE subscription_id = $1";
  auto q = c_.prepare(DialectSql{select + " AND email IN (SELECT value FROM json_each($2))",
                                 select + " AND email IN (SELECT json_array_elements_text(CAST($2 AS json)))"});
  q->bind(1, sub_);
  q->bind(2, nlohmann::json(emails).dump());
  std::vector<DirectoryUser> out;
  while (q->executeStep()) out.push_back(read_user(*q));
  return out;
}

bool SignatureStore::update_user(const DirectoryUser& u) {
  if (auto other = find_user_by_email(u.email); other && other->id != u.id) return false;
  update_fields(u);
  return true;
}

void SignatureStore::update_fields(const DirectoryUser& u) {
  auto q = c_.prepare(
      "UPDATE directory_users SET email = $1, display_name = $2, first_name = $3, last_name = $4, "
      "job_title = $5, department = $6, phone = $7, mobile = $8, website = $9, address = $10, search_key = $11 "
      "WHERE subscription_id = $12 AND id = $13");
  const int next = bind_user(*q, u, 1);
  q->bind(next, sub_);
  q->bind(next + 1, u.id);
  q->exec();
}

bool SignatureStore::delete_user(int64_t id) {
  auto q = c_.prepare("DELETE FROM directory_users WHERE subscription_id = $1 AND id = $2");
  q->bind(1, sub_);
  q->bind(2, id);
  return q->exec() > 0;
}

std::vector<SignatureTemplate> SignatureStore::list_templates() {
  auto q = c_.prepare(
      "SELECT id, name, version, is_default, body FROM templates WHERE subscription_id = $1 ORDER BY lower(name), id");
  q->bind(1, sub_);
  std::vector<SignatureTemplate> out;
  while (q->executeStep()) out.push_back(read_template(*q));
  return out;
}

std::optional<SignatureTemplate> SignatureStore::find_template(int64_t id) {
  auto q = c_.prepare(
      "SELECT id, name, version, is_default, body FROM templates WHERE subscription_id = $1 AND id = $2");
  q->bind(1, sub_);
  q->bind(2, id);
  if (!q->executeStep()) return std::nullopt;
  return read_template(*q);
}

int64_t SignatureStore::insert_template(const SignatureTemplate& t, const std::string& now) {
  auto q = c_.prepare(
      "INSERT INTO templates(subscription_id, name, version, is_default, body, updated_at) VALUES($1, $2, 1, $3, $4, $5) RETURNING id");
  q->bind(1, sub_);
  q->bind(2, t.name);
  q->bind(3, t.is_default ? 1 : 0);
  q->bind(4, template_body(t));
  q->bind(5, now);
  q->executeStep();
  return q->getColumn(0).getInt64();
}

bool SignatureStore::update_template(const SignatureTemplate& t, const std::string& now) {
  auto q = c_.prepare(
      "UPDATE templates SET name = $1, is_default = $2, body = $3, updated_at = $4, version = version + 1 "
      "WHERE subscription_id = $5 AND id = $6 AND version = $7");
  q->bind(1, t.name);
  q->bind(2, t.is_default ? 1 : 0);
  q->bind(3, template_body(t));
  q->bind(4, now);
  q->bind(5, sub_);
  q->bind(6, t.id);
  q->bind(7, t.version);
  return q->exec() > 0;
}

bool SignatureStore::delete_template(int64_t id) {
  auto q = c_.prepare("DELETE FROM templates WHERE subscription_id = $1 AND id = $2");
  q->bind(1, sub_);
  q->bind(2, id);
  return q->exec() > 0;
}

void SignatureStore::clear_default() {
  auto q = c_.prepare("UPDATE templates SET is_default = 0 WHERE subscription_id = $1 AND is_default = 1");
  q->bind(1, sub_);
  q->exec();
}

std::vector<TemplateRule> SignatureStore::rules() {
  auto q = c_.prepare(
      "SELECT template_id, department, user_id FROM template_rules WHERE subscription_id = $1 ORDER BY position");
  q->bind(1, sub_);
  std::vector<TemplateRule> out;
  while (q->executeStep()) {
    TemplateRule r;
    r.template_id = q->getColumn(0).getInt64();
    r.department = q->getColumn(1).getText("");
    if (!q->getColumn(2).isNull()) r.user_id = q->getColumn(2).getInt64();
    out.push_back(r);
  }
  return out;
}

void SignatureStore::replace_rules(const std::vector<TemplateRule>& rules) {
  auto del = c_.prepare("DELETE FROM template_rules WHERE subscription_id = $1");
  del->bind(1, sub_);
  del->exec();
  int position = 0;
  for (const TemplateRule& r : rules) {
    auto q = c_.prepare(
        "INSERT INTO template_rules(subscription_id, position, template_id, department, user_id) VALUES($1, $2, $3, $4, $5)");
    q->bind(1, sub_);
    q->bind(2, position++);
    q->bind(3, r.template_id);
    if (r.user_id) {
      q->bind(4);
      q->bind(5, *r.user_id);
    } else {
      q->bind(4, r.department);
      q->bind(5);
    }
    q->exec();
  }
}

}  // namespace signet
