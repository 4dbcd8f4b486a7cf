#include "signet/json_mapping.h"

#include <initializer_list>

#include "signet/text.h"

namespace signet {

using nlohmann::json;

namespace {

// Reads typed fields out of a JSON object, recording one message per bad field instead of
// throwing. Also refuses fields it was never asked about, so a typo is not silently ignored.
class FieldReader {
 public:
  FieldReader(const json& j, FieldErrors& errors, std::initializer_list<const char*> known)
      : j_(j), errors_(errors) {
    if (!j.is_object()) {
      errors_.emplace("body", "Expected a JSON object.");
      return;
    }
    for (auto it = j.begin(); it != j.end(); ++it) {
      bool is_known = false;
      for (const char* k : known) is_known = is_known || it.key() == k;
      if (!is_known) errors_.emplace(it.key(), "Unknown field.");
    }
  }

  bool is_object() const { return j_.is_object(); }
  bool has(const char* field) const { return j_.is_object() && j_.contains(field); }

  std::optional<std::string> string(const char* field, bool required) {
    if (!has(field) || j_.at(field).is_null()) {
      if (required) errors_.emplace(field, "This field is required.");
      return std::nullopt;
    }
    const json& v = j_.at(field);
    if (!v.is_string()) {
      errors_.emplace(field, "Must be text.");
      return std::nullopt;
    }
    return v.get<std::string>();
  }

  std::optional<bool> boolean(const char* field, bool required) {
    if (!has(field) || j_.at(field).is_null()) {
      if (required) errors_.emplace(field, "This field is required.");
      return std::nullopt;
    }
    const json& v = j_.at(field);
    if (!v.is_boolean()) {
      errors_.emplace(field, "Must be true or false.");
      return std::nullopt;
    }
    return v.get<bool>();
  }

  // Whole numbers only: 3.0, "3" and 1e300 are refused, as are values outside `long long`.
  std::optional<long long> integer(const char* field, bool required, const char* message) {
    if (!has(field) || j_.at(field).is_null()) {
      if (required) errors_.emplace(field, "This field is required.");
      return std::nullopt;
    }
    const json& v = j_.at(field);
    if (v.is_number_integer() && !v.is_number_unsigned()) return v.get<long long>();
    if (v.is_number_unsigned() && v.get<unsigned long long>() <= 9007199254740991ULL)
      return static_cast<long long>(v.get<unsigned long long>());
    errors_.emplace(field, message);
    return std::nullopt;
  }

 private:
  const json& j_;
  FieldErrors& errors_;
};

constexpr const char* kUserCountMessage = "Number of users must be a whole number from 1 to 100000.";

// Keeps the first message per field: a type error explains more than a range error.
void merge(FieldErrors& into, const FieldErrors& from) {
  for (const auto& [field, message] : from) into.emplace(field, message);
}

}  // namespace

Parsed<NewSubscription> parse_new_subscription(const json& j) {
  Parsed<NewSubscription> out;
  FieldReader r(j, out.errors,
                {"product", "customer_name", "user_count", "customer_can_edit", "contact_name",
                 "contact_email", "billing_cycle", "language"});
  if (!r.is_object()) return out;
  NewSubscription& s = out.value;
  if (auto p = r.string("product", true)) {
    if (auto product = parse_product(*p)) s.product = *product;
    else out.errors.emplace("product", "Choose Signatures for Microsoft 365 or Signatures for Google Workspace.");
  }
  if (auto name = r.string("customer_name", true)) s.customer_name = normalize_text(*name);
  if (auto n = r.integer("user_count", true, kUserCountMessage)) {
    if (auto msg = check_user_count(*n)) out.errors.emplace("user_count", *msg);
    else s.user_count = static_cast<int>(*n);
  }
  if (auto cycle = r.string("billing_cycle", false)) {
    if (*cycle == "monthly" || *cycle == "annual") s.billing_cycle = *cycle;
    else out.errors.emplace("billing_cycle", "Billing cycle must be \"monthly\" or \"annual\".");
  }
  if (auto language = r.string("language", false)) {
    if (*language == "en" || *language == "nl") s.language = *language;
    else out.errors.emplace("language", "Language must be \"en\" or \"nl\".");
  }
  s.customer_can_edit = r.boolean("customer_can_edit", false).value_or(false);
  const auto contact_name = r.string("contact_name", s.customer_can_edit);
  const auto contact_email = r.string("contact_email", s.customer_can_edit);
  if (s.customer_can_edit) {
    s.contact_name = normalize_text(contact_name.value_or(""));
    s.contact_email = normalize_email(contact_email.value_or(""));
  } else if ((contact_name && !trim(*contact_name).empty()) ||
             (contact_email && !trim(*contact_email).empty())) {
    // The contract: contact fields exist exactly when customers may edit.
    const char* msg = "Only used when customers may edit signatures.";
    if (contact_name && !trim(*contact_name).empty()) out.errors.emplace("contact_name", msg);
    if (contact_email && !trim(*contact_email).empty()) out.errors.emplace("contact_email", msg);
  }
  merge(out.errors, validate(s));
  return out;
}

Parsed<SubscriptionPatch> parse_subscription_patch(const json& j) {
  Parsed<SubscriptionPatch> out;
  FieldReader r(j, out.errors, {"user_count", "status"});
  if (!r.is_object()) return out;
  if (auto n = r.integer("user_count", false, kUserCountMessage)) {
    if (auto msg = check_user_count(*n)) out.errors.emplace("user_count", *msg);
    else out.value.user_count = static_cast<int>(*n);
  }
  if (auto st = r.string("status", false)) {
    if (auto status = parse_subscription_status(*st)) out.value.status = *status;
    else out.errors.emplace("status", "Status must be \"active\" or \"inactive\".");
  }
  if (out.errors.empty() && !out.value.user_count && !out.value.status)
    out.errors.emplace("body", "Nothing to change: send user_count and/or status.");
  return out;
}

Parsed<Credentials> parse_credentials(const json& j) {
  Parsed<Credentials> out;
  FieldReader r(j, out.errors, {"email", "password"});
  if (!r.is_object()) return out;
  if (auto e = r.string("email", true)) out.value.email = normalize_email(*e);
  if (auto p = r.string("password", true)) out.value.password = *p;
  return out;
}

Parsed<ResellerSignup> parse_reseller_signup(const json& j) {
  Parsed<ResellerSignup> out;
  FieldReader r(j, out.errors, {"company_name", "name", "email", "password"});
  if (!r.is_object()) return out;
  ResellerSignup& s = out.value;
  if (auto v = r.string("company_name", true)) s.company_name = normalize_text(*v);
  if (auto v = r.string("name", true)) s.name = normalize_text(*v);
  if (auto v = r.string("email", true)) s.email = normalize_email(*v);
  if (auto v = r.string("password", true)) s.password = *v;
  merge(out.errors, validate(s));
  return out;
}

Parsed<AcceptInvitation> parse_accept_invitation(const json& j) {
  Parsed<AcceptInvitation> out;
  FieldReader r(j, out.errors, {"name", "phone", "password"});
  if (!r.is_object()) return out;
  AcceptInvitation& a = out.value;
  if (auto v = r.string("name", true)) a.name = normalize_text(*v);
  if (auto v = r.string("phone", false)) a.phone = normalize_text(*v);
  if (auto v = r.string("password", true)) a.password = *v;
  FieldErrors rules = validate(a, "");
  if (!r.has("password")) rules.erase("password");
  merge(out.errors, rules);
  return out;
}

Parsed<ListQuery> parse_list_query(const std::map<std::string, std::string>& params) {
  Parsed<ListQuery> out;
  ListQuery& q = out.value;
  auto positive = [&](const std::string& name, int max, int& into) {
    auto it = params.find(name);
    if (it == params.end()) return;
    const std::string& v = it->second;
    long long n = 0;
    bool ok = !v.empty() && v.size() <= 9;
    for (size_t i = 0; ok && i < v.size(); ++i) {
      ok = v[i] >= '0' && v[i] <= '9';
      n = n * 10 + (v[i] - '0');
    }
    if (!ok || n < 1 || n > max) {
      out.errors.emplace(name, "Must be a whole number from 1 to " + std::to_string(max) + ".");
      return;
    }
    into = static_cast<int>(n);
  };
  for (const auto& [name, value] : params) {
    if (name == "q") {
      if (!is_valid_utf8(value) || value.size() > 200)
        out.errors.emplace("q", "Search text must be valid text of at most 200 characters.");
      else q.q = trim(value);
    } else if (name == "status") {
      if (value.empty()) continue;
      if (auto s = parse_subscription_status(value)) q.status = *s;
      else out.errors.emplace("status", "Status must be \"active\" or \"inactive\".");
    } else if (name == "sort") {
      std::string_view key = value;
      q.descending = !key.empty() && key.front() == '-';
      if (q.descending) key.remove_prefix(1);
      if (auto k = parse_sort_key(key)) q.sort = *k;
      else out.errors.emplace("sort", "Sort by customer_name, user_count, next_payment_date or created_at, with - for descending.");
    } else if (name != "page" && name != "per_page") {
      out.errors.emplace(name, "Unknown parameter.");
    }
  }
  positive("page", 1000000, q.page);
  positive("per_page", kMaxPerPage, q.per_page);
  return out;
}

json to_json(const Subscription& s) {
  return json{
      {"id", s.id},
      {"customer_name", s.customer_name},
      {"product", to_string(s.product)},
      {"user_count", s.user_count},
      {"status", to_string(s.status)},
      {"next_payment_date", s.next_payment_date ? json(*s.next_payment_date) : json(nullptr)},
      {"customer_can_edit", s.customer_can_edit},
      {"contact_name", s.customer_can_edit ? json(s.contact_name) : json(nullptr)},
      {"contact_email", s.customer_can_edit ? json(s.contact_email) : json(nullptr)},
      {"invitation_status", to_string(s.invitation_status)},
      {"invitation_delivery", s.invitation_delivery.empty() ? json(nullptr) : json(s.invitation_delivery)},
      {"created_at", s.created_at},
      {"billing_cycle", s.billing_cycle},
      {"pending_user_count", s.pending_user_count ? json(*s.pending_user_count) : json(nullptr)},
      {"pending_from", s.pending_from ? json(*s.pending_from) : json(nullptr)},
      {"language", s.language},
  };
}

json to_json(const InvitationInfo& i) {
  json j{{"kind", i.kind}, {"reseller_name", i.reseller_name}, {"contact_name", i.contact_name},
         {"contact_email", i.contact_email}};
  if (i.kind == "team") {
    j["reseller_role"] = i.reseller_role;
  } else {
    j["customer_name"] = i.customer_name;
    j["product"] = to_string(i.product);
    if (!i.language.empty()) j["language"] = i.language;
    if (!i.invited_by.empty()) j["invited_by"] = i.invited_by;
  }
  return j;
}

json to_json(const CustomerView& c) {
  return json{{"subscription_id", c.subscription_id}, {"customer_name", c.customer_name},
              {"product", to_string(c.product)}, {"status", to_string(c.status)},
              {"reseller_name", c.reseller_name}};
}

json to_json(const User& u) {
  json j{{"id", u.id}, {"email", u.email}, {"name", u.name}, {"role", to_string(u.role)},
         {"language", u.language}};
  if (u.subscription_id) j["subscription_id"] = *u.subscription_id;
  if (!u.reseller_role.empty()) j["reseller_role"] = u.reseller_role;
  return j;
}

json to_json(const NewSubscription& s) {
  json j{{"product", to_string(s.product)},
         {"customer_name", s.customer_name},
         {"user_count", s.user_count},
         {"customer_can_edit", s.customer_can_edit},
         {"billing_cycle", s.billing_cycle}};
  if (!s.language.empty()) j["language"] = s.language;
  if (s.customer_can_edit) {
    j["contact_name"] = s.contact_name;
    j["contact_email"] = s.contact_email;
  }
  return j;
}

namespace {
template <typename T>
bool read(const json& j, const char* key, T& into) {
  auto it = j.find(key);
  if (it == j.end()) return false;
  if constexpr (std::is_same_v<T, std::string>) {
    if (!it->is_string()) return false;
  } else if constexpr (std::is_same_v<T, bool>) {
    if (!it->is_boolean()) return false;
  } else {
    if (!it->is_number_integer()) return false;
  }
  into = it->template get<T>();
  return true;
}
}  // namespace

std::optional<Subscription> subscription_from_json(const json& j) {
  if (!j.is_object()) return std::nullopt;
  Subscription s;
  std::string product, status, invitation;
  if (!read(j, "id", s.id) || !read(j, "customer_name", s.customer_name) ||
      !read(j, "product", product) || !read(j, "user_count", s.user_count) ||
      !read(j, "status", status) || !read(j, "customer_can_edit", s.customer_can_edit) ||
      !read(j, "invitation_status", invitation) || !read(j, "created_at", s.created_at))
    return std::nullopt;
  auto p = parse_product(product);
  auto st = parse_subscription_status(status);
  auto inv = parse_invitation_status(invitation);
  if (!p || !st || !inv) return std::nullopt;
  s.product = *p;
  s.status = *st;
  s.invitation_status = *inv;
  std::string date;
  if (read(j, "next_payment_date", date)) s.next_payment_date = date;
  read(j, "contact_name", s.contact_name);
  read(j, "contact_email", s.contact_email);
  read(j, "invitation_delivery", s.invitation_delivery);
  read(j, "billing_cycle", s.billing_cycle);
  read(j, "language", s.language);
  int pending = 0;
  if (read(j, "pending_user_count", pending)) s.pending_user_count = pending;
  std::string from;
  if (read(j, "pending_from", from)) s.pending_from = from;
  return s;
}

std::optional<User> user_from_json(const json& j) {
  if (!j.is_object()) return std::nullopt;
  User u;
  std::string role;
  if (!read(j, "id", u.id) || !read(j, "email", u.email) || !read(j, "name", u.name) ||
      !read(j, "role", role))
    return std::nullopt;
  auto r = parse_role(role);
  if (!r) return std::nullopt;
  u.role = *r;
  int64_t subscription_id = 0;
  if (read(j, "subscription_id", subscription_id)) u.subscription_id = subscription_id;
  read(j, "reseller_role", u.reseller_role);
  read(j, "language", u.language);
  return u;
}

std::optional<InvitationInfo> invitation_info_from_json(const json& j) {
  if (!j.is_object()) return std::nullopt;
  InvitationInfo i;
  read(j, "kind", i.kind);
  if (!read(j, "reseller_name", i.reseller_name) || !read(j, "contact_name", i.contact_name) ||
      !read(j, "contact_email", i.contact_email))
    return std::nullopt;
  if (i.kind == "team") return read(j, "reseller_role", i.reseller_role) ? std::optional<InvitationInfo>(i) : std::nullopt;
  std::string product;
  if (!read(j, "customer_name", i.customer_name) || !read(j, "product", product)) return std::nullopt;
  auto p = parse_product(product);
  if (!p) return std::nullopt;
  i.product = *p;
  read(j, "language", i.language);      // optional
  read(j, "invited_by", i.invited_by);  // optional
  return i;
}

std::optional<CustomerView> customer_view_from_json(const json& j) {
  if (!j.is_object()) return std::nullopt;
  CustomerView c;
  std::string product, status;
  if (!read(j, "subscription_id", c.subscription_id) || !read(j, "customer_name", c.customer_name) ||
      !read(j, "product", product) || !read(j, "status", status) ||
      !read(j, "reseller_name", c.reseller_name))
    return std::nullopt;
  auto p = parse_product(product);
  auto s = parse_subscription_status(status);
  if (!p || !s) return std::nullopt;
  c.product = *p;
  c.status = *s;
  return c;
}

json error_body(std::string_view code, std::string_view message, const FieldErrors& fields) {
  json err{{"code", code}, {"message", message}};
  if (!fields.empty()) err["fields"] = fields;
  return json{{"error", err}};
}

}  // namespace signet
