#include "services/signature_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "services/service_error.h"
#include "signet/csv.h"
#include "signet/deployment.h"
#include "signet/signature_json.h"
#include "signet/text.h"
#include "storage/subscription_store.h"

namespace signet {

namespace {

constexpr const char* kNoUser = phrase("There is no such user in this directory.");
constexpr const char* kNoTemplate = phrase("There is no such template.");

Subscription load_subscription(Connection& c, int64_t sub, int64_t now) {
  SubscriptionStore store(c, now);
  const auto reseller = store.reseller_of(sub);
  auto s = reseller ? store.find(*reseller, sub) : std::nullopt;
  if (!s) throw ServiceError(ErrorKind::NotFound, phrase("There is no such subscription."));
  return *s;
}

// Customers of an inactive subscription may look, not change: the reseller decides.
void require_writable(const Actor& a, const Subscription& s) {
  if (!a.is_reseller() && s.status == SubscriptionStatus::Inactive)
    throw ServiceError(ErrorKind::Forbidden,
                       phrase("This subscription is inactive, so signatures are read-only. Contact your reseller."));
}

// A file that adds `adding` users to a directory of `count`.
void require_free_seats(const Subscription& s, int64_t count, size_t adding) {
  const int64_t free = std::max<int64_t>(0, s.user_count - count);
  if (static_cast<int64_t>(adding) <= free) return;
  throw ServiceError::with_code(
      ErrorKind::Conflict, "seat_limit",
      fill(phrase("The subscription has {seats} users and {free} free; this file adds {adding}. Ask your reseller for more users, or remove some first."),
           {{"seats", std::to_string(s.user_count)}, {"free", std::to_string(free)}, {"adding", std::to_string(adding)}}));
}

ServiceError seat_limit(const Subscription& s, int64_t would_have) {
  return ServiceError::with_code(
      ErrorKind::Conflict, "seat_limit",
      fill(phrase("The subscription has {seats} users; this would make {would_have}. Ask your reseller for more users, or remove some first."),
           {{"seats", std::to_string(s.user_count)}, {"would_have", std::to_string(would_have)}}));
}

void require_valid_user(const DirectoryUser& u) {
  require_valid(validate(u));
}

}  // namespace

std::optional<int64_t> template_for(const DirectoryUser& u, const std::vector<TemplateRule>& rules,
                                    const std::vector<SignatureTemplate>& templates) {
  const std::string department = fold_for_search(trim(u.department));
  for (const TemplateRule& r : rules) {
    if (r.user_id ? *r.user_id == u.id
                  : (!department.empty() && fold_for_search(trim(r.department)) == department))
      return r.template_id;
  }
  for (const SignatureTemplate& t : templates)
    if (t.is_default) return t.id;
  return std::nullopt;
}

DirectoryPage SignatureService::list_users(int64_t sub, const DirectoryQuery& q) {
  auto c = pool_.acquire();
  return SignatureStore(*c, sub).list_users(q);
}

DirectoryUser SignatureService::create_user(const Actor& a, int64_t sub, DirectoryUser u) {
  require_valid_user(u);
  auto c = pool_.acquire();
  WriteTransaction tx(*c, {WriteScope::subscription(sub)});
  const Subscription s = load_subscription(*c, sub, clock_());
  require_writable(a, s);
  SignatureStore store(*c, sub);
  const int64_t count = store.count_users();
  if (count + 1 > s.user_count) throw seat_limit(s, count + 1);
  auto id = store.insert_user(u);
  if (!id)
    throw ServiceError(ErrorKind::Validation, phrase("Some fields need attention."),
                       {{"email", phrase("This e-mail address is already in the directory.")}});
  tx.commit();
  changed(sub);
  u.id = *id;
  return u;
}

DirectoryUser SignatureService::update_user(const Actor& a, int64_t sub, int64_t uid, DirectoryUser u) {
  require_valid_user(u);
  u.id = uid;
  auto c = pool_.acquire();
  WriteTransaction tx(*c, {WriteScope::subscription(sub)});
  require_writable(a, load_subscription(*c, sub, clock_()));
  SignatureStore store(*c, sub);
  if (!store.find_user(uid)) throw ServiceError(ErrorKind::NotFound, kNoUser);
  if (!store.update_user(u))
    throw ServiceError(ErrorKind::Validation, phrase("Some fields need attention."),
                       {{"email", phrase("This e-mail address is already in the directory.")}});
  tx.commit();
  changed(sub);
  return u;
}

void SignatureService::delete_user(const Actor& a, int64_t sub, int64_t uid) {
  auto c = pool_.acquire();
  WriteTransaction tx(*c, {WriteScope::subscription(sub)});
  require_writable(a, load_subscription(*c, sub, clock_()));
  if (!SignatureStore(*c, sub).delete_user(uid)) throw ServiceError(ErrorKind::NotFound, kNoUser);
  tx.commit();
  changed(sub);
}

ImportResult SignatureService::import_users(const Actor& a, int64_t sub, std::string_view csv) {
  if (!is_valid_utf8(csv)) throw ServiceError(ErrorKind::BadRequest, phrase("The file is not UTF-8 text. Save it as CSV UTF-8."));
  const CsvTable table = parse_csv(csv);
  if (!table.error.empty()) throw ServiceError(ErrorKind::BadRequest, table.error);
  if (table.rows.empty()) throw ServiceError(ErrorKind::BadRequest, phrase("The file is empty."));

  // Header: contract field names; "E-mail", "Display name" and the like are accepted too.
  std::vector<std::string> columns;
  bool has_email = false;
  for (const std::string& raw : table.rows[0].fields) {
    std::string name = ascii_lower(trim(raw));
    for (char& ch : name)
      if (ch == ' ' || ch == '-') ch = '_';
    if (name == "e_mail") name = "email";
    if (!field_of(DirectoryUser{}, name))
      throw ServiceError(ErrorKind::BadRequest,
                         "Line 1: unknown column \"" + trim(raw) + "\". Use: email, display_name, first_name, "
                         "last_name, job_title, department, phone, mobile, website, address.");
    has_email = has_email || name == "email";
    columns.push_back(name);
  }
  if (!has_email) throw ServiceError(ErrorKind::BadRequest, phrase("Line 1: the file needs an \"email\" column."));

  if (table.rows.size() - 1 > kMaxImportRows)
    throw ServiceError(ErrorKind::Validation, phrase("Some fields need attention."),
                       {{"file", fill(phrase("A file can hold at most {max} rows; this one has {rows}. Split it into smaller files."),
                                      {{"max", std::to_string(kMaxImportRows)}, {"rows", std::to_string(table.rows.size() - 1)}})}});

  // Every row is mapped and checked before any lock is taken: that needs no database. A row
  // holds only the file's columns; an existing user keeps the others.
  ImportResult result;
  auto report = [&result](size_t line, const std::string& field, const std::string& message) {
    if (result.errors.size() < kMaxImportErrors) result.errors.push_back({line, field, message});
    else ++result.errors_omitted;
  };
  std::vector<DirectoryUser> rows;
  std::vector<std::string> emails;  // each address once
  std::set<std::string> seen;
  for (size_t r = 1; r < table.rows.size(); ++r) {
    const CsvRow& row = table.rows[r];
    if (row.fields.size() != columns.size()) {
      report(row.line, "", "Expected " + std::to_string(columns.size()) + " fields, found " +
                               std::to_string(row.fields.size()) + ".");
      continue;
    }
    DirectoryUser u;
    for (size_t i = 0; i < columns.size(); ++i) *field_of(u, columns[i]) = trim(row.fields[i]);
    u.email = normalize_email(u.email);
    const FieldErrors errors = validate(u);  // per field: the same for the merged user
    for (const auto& [field, message] : errors) report(row.line, field, message);
    if (!errors.empty()) continue;
    if (seen.insert(u.email).second) emails.push_back(u.email);
    rows.push_back(std::move(u));
  }

  // Refused up front, from a read, when the new addresses exceed the free seats; checked
  // again under the lock, where it counts.
  {
    auto c = pool_.acquire();
    const Subscription s = load_subscription(*c, sub, clock_());
    require_writable(a, s);
    SignatureStore store(*c, sub);
    require_free_seats(s, store.count_users(), emails.size() - store.find_users_by_email(emails).size());
  }
  auto c = pool_.acquire();
  WriteTransaction tx(*c, {WriteScope::subscription(sub)});
  const Subscription s = load_subscription(*c, sub, clock_());
  require_writable(a, s);
  SignatureStore store(*c, sub);
  std::map<std::string, DirectoryUser> existing;
  for (DirectoryUser& u : store.find_users_by_email(emails)) existing.emplace(u.email, std::move(u));
  require_free_seats(s, store.count_users(), emails.size() - existing.size());
  for (const DirectoryUser& row : rows) {
    auto it = existing.find(row.email);
    if (it == existing.end()) {
      DirectoryUser created = row;
      created.id = *store.insert_user(created);  // a new address: the insert cannot conflict
      existing.emplace(created.email, std::move(created));
      ++result.created;
      continue;
    }
    for (const std::string& col : columns) *field_of(it->second, col) = *field_of(row, col);
    store.update_fields(it->second);
    ++result.updated;
  }
  tx.commit();
  changed(sub);
  return result;
}

std::vector<SignatureTemplate> SignatureService::list_templates(int64_t sub) {
  auto c = pool_.acquire();
  return SignatureStore(*c, sub).list_templates();
}

SignatureTemplate SignatureService::get_template(int64_t sub, int64_t tid) {
  auto c = pool_.acquire();
  auto t = SignatureStore(*c, sub).find_template(tid);
  if (!t) throw ServiceError(ErrorKind::NotFound, kNoTemplate);
  return *t;
}

SignatureTemplate SignatureService::create_template(const Actor& a, int64_t sub, SignatureTemplate t) {
  require_valid(validate(t));
  auto c = pool_.acquire();
  WriteTransaction tx(*c, {WriteScope::subscription(sub)});
  require_writable(a, load_subscription(*c, sub, clock_()));
  SignatureStore store(*c, sub);
  if (store.list_templates().empty()) t.is_default = true;  // the first one is the default
  if (t.is_default) store.clear_default();
  t.id = store.insert_template(t, format_timestamp(clock_()));
  t = *store.find_template(t.id);
  tx.commit();
  changed(sub);
  return t;
}

SignatureTemplate SignatureService::update_template(const Actor& a, int64_t sub, int64_t tid, SignatureTemplate t) {
  require_valid(validate(t));
  t.id = tid;
  auto c = pool_.acquire();
  WriteTransaction tx(*c, {WriteScope::subscription(sub)});
  require_writable(a, load_subscription(*c, sub, clock_()));
  SignatureStore store(*c, sub);
  auto current = store.find_template(tid);
  if (!current) throw ServiceError(ErrorKind::NotFound, kNoTemplate);
  if (current->version != t.version)
    throw ServiceError(ErrorKind::Conflict,
                       "Someone else saved this template since you opened it (version " +
                           std::to_string(current->version) + "). Reload it to see their changes.");
  if (t.is_default && !current->is_default) store.clear_default();
  store.update_template(t, format_timestamp(clock_()));
  t = *store.find_template(tid);
  tx.commit();
  changed(sub);
  return t;
}

void SignatureService::delete_template(const Actor& a, int64_t sub, int64_t tid) {
  auto c = pool_.acquire();
  WriteTransaction tx(*c, {WriteScope::subscription(sub)});
  require_writable(a, load_subscription(*c, sub, clock_()));
  if (!SignatureStore(*c, sub).delete_template(tid)) throw ServiceError(ErrorKind::NotFound, kNoTemplate);
  tx.commit();
  changed(sub);
}

std::vector<TemplateRule> SignatureService::rules(int64_t sub) {
  auto c = pool_.acquire();
  return SignatureStore(*c, sub).rules();
}

std::vector<TemplateRule> SignatureService::replace_rules(const Actor& a, int64_t sub,
                                                          const std::vector<TemplateRule>& rules) {
  if (rules.size() > kMaxTemplateRules)
    throw ServiceError(ErrorKind::Validation, phrase("Some fields need attention."),
                       {{"rules", fill(phrase("At most {max} rules."), {{"max", std::to_string(kMaxTemplateRules)}})}});
  FieldErrors errors;
  for (size_t i = 0; i < rules.size(); ++i)
    if (!rules[i].user_id)
      if (auto m = check_text_field(rules[i].department, 0, 200, phrase("Department")))
        errors.emplace("rules." + std::to_string(i), *m);
  require_valid(errors);
  auto c = pool_.acquire();
  WriteTransaction tx(*c, {WriteScope::subscription(sub)});
  require_writable(a, load_subscription(*c, sub, clock_()));
  SignatureStore store(*c, sub);
  for (size_t i = 0; i < rules.size(); ++i) {
    const std::string at = "rules." + std::to_string(i);
    if (!store.find_template(rules[i].template_id)) errors.emplace(at + ".template_id", kNoTemplate);
    if (rules[i].user_id ? !store.find_user(*rules[i].user_id).has_value() : trim(rules[i].department).empty())
      errors.emplace(at, phrase("Each rule names a department or an existing user."));
  }
  require_valid(errors);
  store.replace_rules(rules);
  tx.commit();
  changed(sub);
  return rules;
}

RenderedSignature SignatureService::render(int64_t sub, int64_t tid, int64_t uid) {
  auto c = pool_.acquire();
  const Subscription s = load_subscription(*c, sub, clock_());
  SignatureStore store(*c, sub);
  auto t = store.find_template(tid);
  if (!t) throw ServiceError(ErrorKind::NotFound, kNoTemplate);
  auto u = store.find_user(uid);
  if (!u) throw ServiceError(ErrorKind::NotFound, kNoUser);
  return render_signature(*t, {*u, s.customer_name});
}

Product SignatureService::product_of(int64_t sub) {
  auto c = pool_.acquire();
  return load_subscription(*c, sub, clock_()).product;
}

namespace {

// The users of one directory with their templates, read in one go.
struct Assignment {
  Subscription subscription;
  std::vector<SignatureTemplate> templates;
  std::vector<AssignedSignature> assigned;
  std::vector<std::string> unassigned;  // e-mail addresses of users no template reaches
};

// The user's template, rendered; nothing when no template reaches them.
std::optional<AssignedSignature> assigned_to(const DirectoryUser& u, const std::vector<TemplateRule>& rules,
                                             const std::vector<SignatureTemplate>& templates, const std::string& company) {
  const auto tid = template_for(u, rules, templates);
  const auto t = std::find_if(templates.begin(), templates.end(),
                              [&](const SignatureTemplate& candidate) { return tid && candidate.id == *tid; });
  if (t == templates.end()) return std::nullopt;
  return AssignedSignature{u, t->id, t->version, t->name, render_signature(*t, {u, company})};
}

Assignment assign(Connection& c, int64_t sub, int64_t now) {
  Assignment out;
  out.subscription = load_subscription(c, sub, now);
  SignatureStore store(c, sub);
  out.templates = store.list_templates();
  const std::vector<TemplateRule> rules = store.rules();
  for (const DirectoryUser& u : store.all_users()) {
    if (auto s = assigned_to(u, rules, out.templates, out.subscription.customer_name)) out.assigned.push_back(std::move(*s));
    else out.unassigned.push_back(u.email);
  }
  return out;
}

}  // namespace

std::vector<AssignedSignature> SignatureService::assigned_signatures(int64_t sub) {
  auto c = pool_.acquire();
  return assign(*c, sub, clock_()).assigned;
}

std::optional<AssignedSignature> SignatureService::signature_of(int64_t sub, const std::string& email) {
  auto c = pool_.acquire();
  const Subscription s = load_subscription(*c, sub, clock_());
  if (s.status != SubscriptionStatus::Active) return std::nullopt;
  SignatureStore store(*c, sub);
  const auto u = store.find_user_by_email(normalize_email(email));
  if (!u) return std::nullopt;
  return assigned_to(*u, store.rules(), store.list_templates(), s.customer_name);
}

nlohmann::json SignatureService::deployment(int64_t sub) {
  Assignment a;
  {
    auto c = pool_.acquire();
    a = assign(*c, sub, clock_());
  }
  std::vector<UserSignature> signatures;
  nlohmann::json per_user = nlohmann::json::array();
  for (const AssignedSignature& s : a.assigned) {
    signatures.push_back({&s.user, s.signature});
    per_user.push_back({{"email", s.user.email}, {"template_id", s.template_id}, {"template", s.template_name},
                        {"warnings", s.signature.warnings}});
  }
  nlohmann::json out{{"product", to_string(a.subscription.product)}, {"users", per_user}, {"unassigned", a.unassigned}};
  if (a.subscription.product == Product::GoogleWorkspace) {
    out["gmail"] = gmail_send_as_requests(signatures);
  } else {
    out["powershell"] = exchange_powershell_script(signatures, a.subscription.customer_name);
    for (const auto& t : a.templates)
      if (t.is_default) {
        const TransportRule rule = exchange_transport_rule(t, a.subscription.customer_name);
        out["transport_rule"] = {{"template_id", t.id}, {"html", rule.html}, {"warnings", rule.warnings}};
      }
  }
  return out;
}

}  // namespace signet
