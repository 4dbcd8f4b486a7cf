#include "http/routes.h"

#include "http/list_json.h"

#include "signet/api/accounts.h"
#include "signet/api/billing.h"
#include "signet/api/signatures.h"
#include "signet/api/subscriptions.h"
#include "signet/json_mapping.h"
#include "signet/signature_json.h"
#include "signet/text.h"

namespace signet {

using nlohmann::json;

namespace {

json session_body(const Actor& a) {
  return json{{"user", to_json(a.user)}, {"csrf_token", a.csrf_token}};
}

ApiReply signed_in_reply(int status, const NewSession& s) {
  ApiReply r = reply(status, session_body(s.actor));
  r.session_cookie = s.token;
  r.new_actor = s.actor;
  return r;
}

template <typename T>
T require_parsed(Parsed<T> parsed) {
  require_valid(parsed.errors);
  return std::move(parsed.value);
}

std::map<std::string, std::string> query_params(const httplib::Request& req) {
  std::map<std::string, std::string> params;
  for (const auto& [k, v] : req.params) params.emplace(k, v);  // first value wins
  return params;
}

DirectoryQuery directory_query(const httplib::Request& req) {
  DirectoryQuery q;
  FieldErrors errors;
  for (const auto& [name, value] : query_params(req)) {
    if (name == "q") {
      if (!is_valid_utf8(value) || value.size() > 200) errors.emplace("q", "Search text must be valid text of at most 200 characters.");
      else q.q = value;
    } else if (name == "sort") {
      q.descending = !value.empty() && value[0] == '-';
      q.sort = q.descending ? value.substr(1) : value;
      if (q.sort != "email" && q.sort != "display_name" && q.sort != "department" && q.sort != "job_title")
        errors.emplace("sort", "Sort by email, display_name, department or job_title, with - for descending.");
    } else if (name == "page" || name == "per_page") {
      const bool digits = !value.empty() && value.size() <= 6 && value.find_first_not_of("0123456789") == std::string::npos;
      const int n = digits ? std::stoi(value) : 0;
      if (n < 1 || (name == "per_page" && n > kMaxPerPage)) errors.emplace(name, "Must be a whole number from 1 to " + std::string(name == "page" ? "999999" : "500") + ".");
      else (name == "page" ? q.page : q.per_page) = n;
    } else {
      errors.emplace(name, "Unknown parameter.");
    }
  }
  require_valid(errors);
  return q;
}

// Subscription ids chosen in the table: "ids=3,5,8" in a query or {"ids":[3,5,8]} in a body.
constexpr size_t kMaxSelection = kMaxPerPage;

std::vector<int64_t> selected_ids(const std::string& list) {
  std::vector<int64_t> ids;
  size_t start = 0;
  while (start <= list.size()) {
    const size_t comma = std::min(list.find(',', start), list.size());
    const std::string one = list.substr(start, comma - start);
    if (one.empty() || one.size() > 15 || one.find_first_not_of("0123456789") != std::string::npos ||
        ids.size() == kMaxSelection)
      throw ServiceError(ErrorKind::Validation, phrase("Some fields need attention."),
                         {{"ids", "List up to 500 subscription ids, separated by commas."}});
    ids.push_back(std::stoll(one));
    start = comma + 1;
  }
  return ids;
}

std::vector<int64_t> selected_ids(const json& body) {
  const bool ok = body.is_object() && body.size() == 1 && body.contains("ids") && body["ids"].is_array() &&
                  !body["ids"].empty() && body["ids"].size() <= kMaxSelection;
  std::vector<int64_t> ids;
  for (const auto& v : ok ? body["ids"] : json::array()) {
    if (!v.is_number_integer()) break;
    ids.push_back(v.get<int64_t>());
  }
  if (!ok || ids.size() != body["ids"].size())
    throw ServiceError(ErrorKind::Validation, phrase("Some fields need attention."),
                       {{"ids", "Send {\"ids\": [...]} with 1 to 500 subscription ids."}});
  return ids;
}

ContactList contact_list(const Colleagues& c) {
  ContactList out;
  for (const User& u : c.users) out.users.push_back({u.id, u.name, u.email, u.email == c.primary_email});
  for (const PendingColleague& i : c.invitations)
    out.invitations.push_back({i.id, i.name, i.email, "", format_timestamp(i.expires_at)});
  return out;
}

// A required text field of a small body; a field error when missing or not text.
std::string text_field(const json& body, const char* key) {
  if (!body.is_object() || !body.contains(key) || !body[key].is_string())
    throw ServiceError(ErrorKind::Validation, phrase("Some fields need attention."), {{key, phrase("This field is required.")}});
  return body[key].get<std::string>();
}

json templates_json(const std::vector<SignatureTemplate>& templates) {
  json items = json::array();
  for (const auto& t : templates) items.push_back(to_json(t));
  return json{{"items", std::move(items)}};
}

}  // namespace

std::vector<Route> api_routes(Services& sv) {
  AuthService& auth = sv.auth;
  SubscriptionService& subs = sv.subscriptions;
  InvitationService& invitations = sv.invitations;
  SignatureService& sig = sv.signatures;
  BillingService& billing = sv.billing;
  AuditLog& audit = sv.audit;
  AccountService& accounts = sv.accounts;
  TeamService& team = sv.team;
  return {
      // Sessions
      {"POST", "/api/session", Access::Public, Csrf::Exempt, Body::Json,
       [&](ApiRequest& r) {
         return signed_in_reply(200, auth.sign_in(require_parsed(parse_credentials(r.body)), r.client_address));
       },
       "session.create"},
      {"GET", "/api/session", Access::SignedIn, Csrf::Required, Body::None,
       [&](ApiRequest& r) {
         json body = session_body(r.signed_in());
         body["user"]["phone"] = accounts.phone(r.signed_in());
         return reply(200, std::move(body));
       }},
      {"DELETE", "/api/session", Access::SignedIn, Csrf::Required, Body::None,
       [&](ApiRequest& r) {
         auth.sign_out(r.signed_in());
         ApiReply out = reply(204, nullptr);
         out.session_cookie = std::string();  // clear it
         return out;
       },
       "session.delete"},

      {"PATCH", "/api/me", Access::SignedIn, Csrf::Required, Body::Json,
       [&](ApiRequest& r) {
         AccountService::ProfileChange change;
         FieldErrors errors;
         for (auto it = r.body.begin(); r.body.is_object() && it != r.body.end(); ++it) {
           std::optional<std::string>* into = it.key() == "name"       ? &change.name
                                              : it.key() == "phone"    ? &change.phone
                                              : it.key() == "language" ? &change.language
                                                                       : nullptr;
           if (!into) errors.emplace(it.key(), "Unknown field.");
           else if (!it->is_string()) errors.emplace(it.key(), phrase("Must be text."));
           else *into = it->get<std::string>();
         }
         require_valid(errors);
         json user = to_json(accounts.update_profile(r.signed_in(), change));
         user["phone"] = accounts.phone(r.signed_in());
         return reply(200, std::move(user));
       },
       "profile.update"},

      // Passwords
      {"POST", "/api/session/password", Access::SignedIn, Csrf::Required, Body::Json,
       [&](ApiRequest& r) {
         accounts.change_password(r.signed_in(), text_field(r.body, "current_password"),
                                  text_field(r.body, "new_password"));
         return reply(204, nullptr);
       },
       "password.change"},
      {"POST", "/api/password-reset", Access::Public, Csrf::Exempt, Body::Json,
       [&](ApiRequest& r) {
         const std::string email = normalize_email(text_field(r.body, "email"));
         if (auto m = check_email(email))
           throw ServiceError(ErrorKind::Validation, phrase("Some fields need attention."), {{"email", *m}});
         accounts.request_reset(email, r.client_address);
         return reply(202, json::object());
       },
       "password.reset_request"},
      {"GET", R"(/api/password-reset/([A-Za-z0-9_-]{1,128}))", Access::Public, Csrf::Exempt, Body::None,
       [&](ApiRequest& r) { return reply(200, json{{"email", accounts.reset_email(r.path_param(0))}}); }},
      {"POST", R"(/api/password-reset/([A-Za-z0-9_-]{1,128}))", Access::Public, Csrf::Exempt, Body::Json,
       [&](ApiRequest& r) {
         accounts.complete_reset(r.path_param(0), text_field(r.body, "password"));
         return reply(204, nullptr);
       },
       "password.reset"},

      // First-run setup of the first reseller account
      {"GET", R"(/api/setup/([A-Za-z0-9_-]{1,128}))", Access::Public, Csrf::Exempt, Body::None,
       [&](ApiRequest& r) {
         auth.check_setup_token(r.path_param(0));
         return reply(200, json::object());
       }},
      {"POST", R"(/api/setup/([A-Za-z0-9_-]{1,128}))", Access::Public, Csrf::Exempt, Body::Json,
       [&](ApiRequest& r) {
         auto signup = require_parsed(parse_reseller_signup(r.body));
         return signed_in_reply(201, auth.complete_setup(r.path_param(0), signup));
       },
       "setup.complete"},

      // Subscriptions
      {"GET", "/api/subscriptions", Access::Reseller, Csrf::Required, Body::None,
       [&](ApiRequest& r) {
         auto params = query_params(r.http);
         const std::string format = params.count("format") ? params["format"] : "";
         const std::string ids = params.count("ids") ? params["ids"] : "";
         params.erase("format");
         params.erase("ids");
         if (!format.empty() && format != "csv")
           throw ServiceError(ErrorKind::Validation, phrase("Some fields need attention."), {{"format", "Use csv or leave it out."}});
         if (!ids.empty() && format != "csv")
           throw ServiceError(ErrorKind::Validation, phrase("Some fields need attention."), {{"ids", "ids goes with format=csv."}});
         const ListQuery q = require_parsed(parse_list_query(params));
         if (format == "csv") {
           ApiReply out = reply(200, nullptr);
           const auto rows = subs.export_list(r.signed_in(), q, ids.empty() ? std::vector<int64_t>{} : selected_ids(ids));
           out.download = Download{"subscriptions.csv", "text/csv; charset=utf-8", subscriptions_csv(rows)};
           return out;
         }
         ApiReply out;
         out.json_text = subscription_page_json(subs.list(r.signed_in(), q));
         return out;
       }},
      {"POST", "/api/subscriptions", Access::ResellerOwner, Csrf::Required, Body::Json,
       [&](ApiRequest& r) {
         auto request = require_parsed(parse_new_subscription(r.body));
         return reply(201, to_json(subs.create(r.signed_in(), request)));
       },
       "subscription.create"},
      {"GET", R"(/api/subscriptions/(\d+))", Access::Reseller, Csrf::Required, Body::None,
       [&](ApiRequest& r) { return reply(200, to_json(subs.get(r.signed_in(), r.id_param(0)))); }},
      {"PATCH", R"(/api/subscriptions/(\d+))", Access::ResellerManage, Csrf::Required, Body::Json,
       [&](ApiRequest& r) {
         auto patch = require_parsed(parse_subscription_patch(r.body));
         if (patch.status)
           if (auto refusal = authorize_status_change(r.signed_in())) throw *refusal;
         return reply(200, to_json(subs.update(r.signed_in(), r.id_param(0), patch)));
       },
       "subscription.update"},
      {"GET", R"(/api/subscriptions/(\d+)/seat-quote)", Access::ResellerManage, Csrf::Required, Body::None,
       [&](ApiRequest& r) {
         const std::string n = r.http.get_param_value("user_count");
         const bool digits = !n.empty() && n.size() <= 7 && n.find_first_not_of("0123456789") == std::string::npos;
         if (!digits)
           throw ServiceError(ErrorKind::Validation, phrase("Some fields need attention."),
                              {{"user_count", "Number of users must be a whole number from 1 to 100000."}});
         const SeatChangePlan plan = billing.quote(r.signed_in(), r.id_param(0), std::stoi(n));
         const bool amounts = may_see_amounts(r.signed_in());
         SeatQuote quote{std::stoi(n), plan.immediate, std::nullopt, plan.effective_from, std::nullopt};
         if (amounts) {
           quote.amount_cents = plan.charge_cents;
           quote.currency = billing.prices().currency;
         }
         return reply(200, to_json(quote));
       }},
      {"POST", R"(/api/subscriptions/(\d+)/invitation)", Access::ResellerManage, Csrf::Required, Body::None,
       [&](ApiRequest& r) {
         invitations.resend(r.signed_in(), r.id_param(0));
         return reply(202, json::object());
       },
       "invitation.resend"},

      {"POST", "/api/subscriptions/invitations", Access::ResellerManage, Csrf::Required, Body::Json,
       [&](ApiRequest& r) {
         BulkResendResult result;
         for (int64_t id : selected_ids(r.body)) {
           try {
             invitations.resend(r.signed_in(), id);
             result.resent.push_back(id);
           } catch (const ServiceError& e) {
             result.skipped.push_back({id, e.what()});
           }
         }
         return reply(200, to_json(result));
       },
       "invitation.resend_bulk"},

      // Billing (resellers only)
      {"GET", "/api/billing/summary", Access::ResellerBilling, Csrf::Required, Body::None,
       [&](ApiRequest& r) {
         const std::string days = r.http.get_param_value("days");
         const int n = days == "30" ? 30 : days.empty() || days == "90" ? 90 : -1;
         if (n < 0) throw ServiceError(ErrorKind::Validation, phrase("Some fields need attention."), {{"days", "Use 30 or 90."}});
         return reply(200, to_json(billing.summary(r.signed_in(), n)));
       }},
      {"GET", "/api/billing/invoices", Access::ResellerBilling, Csrf::Required, Body::None,
       [&](ApiRequest& r) {
         json items = json::array();
         for (const Invoice& inv : billing.invoices(r.signed_in())) items.push_back(to_json(inv));
         return reply(200, json{{"items", std::move(items)}});
       }},
      {"GET", R"(/api/billing/invoices/(\d+))", Access::ResellerBilling, Csrf::Required, Body::None,
       [&](ApiRequest& r) { return reply(200, to_json(billing.invoice(r.signed_in(), r.id_param(0)))); }},
      {"GET", R"(/api/billing/invoices/(\d+)/csv)", Access::ResellerBilling, Csrf::Required, Body::None,
       [&](ApiRequest& r) {
         const Invoice inv = billing.invoice(r.signed_in(), r.id_param(0));
         ApiReply out = reply(200, nullptr);
         out.download = Download{"invoice-" + std::to_string(inv.number) + ".csv", "text/csv; charset=utf-8", invoice_csv(inv)};
         return out;
       }},
      {"GET", R"(/api/billing/invoices/(\d+)/html)", Access::ResellerBilling, Csrf::Required, Body::None,
       [&](ApiRequest& r) {
         const Invoice inv = billing.invoice(r.signed_in(), r.id_param(0));
         ApiReply out = reply(200, nullptr);
         out.page = Page{"text/html; charset=utf-8", invoice_html(inv, auth.reseller_name(r.signed_in()))};
         return out;
       }},

      {"GET", "/api/audit", Access::ResellerOwner, Csrf::Required, Body::None,
       [&](ApiRequest& r) {
         AuditQuery q;
         q.action = r.http.get_param_value("action");
         q.q = r.http.get_param_value("q");
         const std::string before = r.http.get_param_value("before");
         if (!before.empty() && before.size() < 16 && before.find_first_not_of("0123456789") == std::string::npos)
           q.before_id = std::stoll(before);
         const bool csv = r.http.get_param_value("format") == "csv";
         if (csv) q.limit = 100000;
         const std::vector<AuditEntry> entries = audit.list(r.signed_in(), q);
         ApiReply out = reply(200, nullptr);
         if (csv) {
           out.download = Download{"audit-log.csv", "text/csv; charset=utf-8", audit_csv(entries)};
         } else {
           json items = json::array();
           for (const auto& e : entries) items.push_back(to_json(e));
           out.body = json{{"items", std::move(items)}};
         }
         return out;
       }},

      // The reseller's team
      {"GET", "/api/team", Access::ResellerOwner, Csrf::Required, Body::None,
       [&](ApiRequest& r) {
         TeamList list{team.members(r.signed_in()), {}};
         for (const PendingTeamInvitation& i : team.pending_invitations(r.signed_in()))
           list.invitations.push_back({i.id, i.name, i.email, i.role, format_timestamp(i.expires_at)});
         return reply(200, to_json(list));
       }},
      {"POST", "/api/team", Access::ResellerOwner, Csrf::Required, Body::Json,
       [&](ApiRequest& r) {
         team.invite(r.signed_in(), {normalize_text(text_field(r.body, "name")),
                                     normalize_email(text_field(r.body, "email")), text_field(r.body, "role")});
         return reply(201, json::object());
       },
       "team.invite"},
      {"DELETE", R"(/api/team/(\d+))", Access::ResellerOwner, Csrf::Required, Body::None,
       [&](ApiRequest& r) {
         team.remove(r.signed_in(), r.id_param(0));
         return reply(204, nullptr);
       },
       "team.remove"},
      {"DELETE", R"(/api/team/invitations/(\d+))", Access::ResellerOwner, Csrf::Required, Body::None,
       [&](ApiRequest& r) {
         team.revoke_invitation(r.signed_in(), r.id_param(0));
         return reply(204, nullptr);
       },
       "team.revoke_invitation"},

      // Customer entry point
      {"GET", R"(/api/invitations/([A-Za-z0-9_-]{1,128}))", Access::Public, Csrf::Exempt, Body::None,
       [&](ApiRequest& r) { return reply(200, to_json(invitations.lookup(r.path_param(0), r.client_address))); }},
      {"POST", R"(/api/invitations/([A-Za-z0-9_-]{1,128})/accept)", Access::Public, Csrf::Exempt, Body::Json,
       [&](ApiRequest& r) {
         auto request = require_parsed(parse_accept_invitation(r.body));
         return signed_in_reply(201, invitations.accept(r.path_param(0), request, r.client_address));
       },
       "invitation.accept"},
      {"GET", R"(/api/subscriptions/(\d+)/editor-info)", Access::SubscriptionMember, Csrf::Required,
       Body::None,
       [&](ApiRequest& r) { return reply(200, to_json(subs.customer_view(r.id_param(0)))); }},

      // A customer's colleagues in the editor
      {"GET", R"(/api/subscriptions/(\d+)/contacts)", Access::SubscriptionMember, Csrf::Required, Body::None,
       [&](ApiRequest& r) { return reply(200, to_json(contact_list(invitations.colleagues(r.signed_in(), r.id_param(0))))); }},
      {"POST", R"(/api/subscriptions/(\d+)/contacts)", Access::SubscriptionMember, Csrf::Required, Body::Json,
       [&](ApiRequest& r) {
         invitations.invite_colleague(r.signed_in(), r.id_param(0), normalize_text(text_field(r.body, "name")),
                                      normalize_email(text_field(r.body, "email")));
         return reply(201, json::object());
       },
       "colleague.invite"},
      {"DELETE", R"(/api/subscriptions/(\d+)/contacts/(\d+))", Access::SubscriptionMember, Csrf::Required, Body::None,
       [&](ApiRequest& r) {
         invitations.remove_colleague(r.signed_in(), r.id_param(0), r.id_param(1));
         return reply(204, nullptr);
       },
       "colleague.remove"},
      {"DELETE", R"(/api/subscriptions/(\d+)/contact-invitations/(\d+))", Access::SubscriptionMember, Csrf::Required,
       Body::None,
       [&](ApiRequest& r) {
         invitations.revoke_colleague_invitation(r.signed_in(), r.id_param(0), r.id_param(1));
         return reply(204, nullptr);
       },
       "colleague.revoke_invitation"},

      // Signature editor: directory users
      {"GET", R"(/api/subscriptions/(\d+)/users)", Access::SubscriptionMember, Csrf::Required, Body::None,
       [&](ApiRequest& r) {
         const DirectoryPage page = sig.list_users(r.id_param(0), directory_query(r.http));
         json items = json::array();
         for (const auto& u : page.items) items.push_back(to_json(u));
         return reply(200, json{{"items", std::move(items)}, {"total", page.total}});
       }},
      {"POST", R"(/api/subscriptions/(\d+)/users)", Access::SubscriptionMember, Csrf::Required, Body::Json,
       [&](ApiRequest& r) {
         auto u = require_parsed(parse_directory_user(r.body));
         return reply(201, to_json(sig.create_user(r.signed_in(), r.id_param(0), u)));
       },
       "directory.create"},
      {"POST", R"(/api/subscriptions/(\d+)/users/import)", Access::SubscriptionMember, Csrf::Required, Body::Csv,
       [&](ApiRequest& r) {
         return reply(200, to_json(sig.import_users(r.signed_in(), r.id_param(0), r.http.body)));
       },
       "directory.import"},
      {"PUT", R"(/api/subscriptions/(\d+)/users/(\d+))", Access::SubscriptionMember, Csrf::Required, Body::Json,
       [&](ApiRequest& r) {
         auto u = require_parsed(parse_directory_user(r.body));
         return reply(200, to_json(sig.update_user(r.signed_in(), r.id_param(0), r.id_param(1), u)));
       },
       "directory.update"},
      {"DELETE", R"(/api/subscriptions/(\d+)/users/(\d+))", Access::SubscriptionMember, Csrf::Required, Body::None,
       [&](ApiRequest& r) {
         sig.delete_user(r.signed_in(), r.id_param(0), r.id_param(1));
         return reply(204, nullptr);
       },
       "directory.delete"},

      // Signature editor: templates, assignment rules, previews, deployment
      {"GET", R"(/api/subscriptions/(\d+)/templates)", Access::SubscriptionMember, Csrf::Required, Body::None,
       [&](ApiRequest& r) { return reply(200, templates_json(sig.list_templates(r.id_param(0)))); }},
      {"POST", R"(/api/subscriptions/(\d+)/templates)", Access::SubscriptionMember, Csrf::Required, Body::Json,
       [&](ApiRequest& r) {
         auto t = require_parsed(parse_template(r.body));
         return reply(201, to_json(sig.create_template(r.signed_in(), r.id_param(0), t)));
       },
       "template.create"},
      {"GET", R"(/api/subscriptions/(\d+)/templates/(\d+))", Access::SubscriptionMember, Csrf::Required, Body::None,
       [&](ApiRequest& r) { return reply(200, to_json(sig.get_template(r.id_param(0), r.id_param(1)))); }},
      {"PUT", R"(/api/subscriptions/(\d+)/templates/(\d+))", Access::SubscriptionMember, Csrf::Required, Body::Json,
       [&](ApiRequest& r) {
         auto t = require_parsed(parse_template(r.body));
         return reply(200, to_json(sig.update_template(r.signed_in(), r.id_param(0), r.id_param(1), t)));
       },
       "template.update"},
      {"DELETE", R"(/api/subscriptions/(\d+)/templates/(\d+))", Access::SubscriptionMember, Csrf::Required, Body::None,
       [&](ApiRequest& r) {
         sig.delete_template(r.signed_in(), r.id_param(0), r.id_param(1));
         return reply(204, nullptr);
       },
       "template.delete"},
      {"GET", R"(/api/subscriptions/(\d+)/templates/(\d+)/render)", Access::SubscriptionMember, Csrf::Required,
       Body::None,
       [&](ApiRequest& r) {
         const std::string user = r.http.get_param_value("user");
         if (user.empty() || user.size() > 15 || user.find_first_not_of("0123456789") != std::string::npos)
           throw ServiceError(ErrorKind::Validation, phrase("Some fields need attention."), {{"user", phrase("Choose a directory user.")}});
         return reply(200, to_json(sig.render(r.id_param(0), r.id_param(1), std::stoll(user))));
       }},
      {"GET", R"(/api/subscriptions/(\d+)/template-rules)", Access::SubscriptionMember, Csrf::Required, Body::None,
       [&](ApiRequest& r) { return reply(200, to_json(sig.rules(r.id_param(0)))); }},
      {"PUT", R"(/api/subscriptions/(\d+)/template-rules)", Access::SubscriptionMember, Csrf::Required, Body::Json,
       [&](ApiRequest& r) {
         return reply(200, to_json(sig.replace_rules(r.signed_in(), r.id_param(0), require_parsed(parse_template_rules(r.body)))));
       },
       "template.rules"},
      {"GET", R"(/api/subscriptions/(\d+)/deployment)", Access::SubscriptionMember, Csrf::Required, Body::None,
       [&](ApiRequest& r) {
         const int64_t id = r.id_param(0);
         json artefacts = sig.deployment(id);
         ApiReply out = reply(200, artefacts);
         if (r.http.get_param_value("download") == "1") {
           const bool gmail = artefacts.contains("gmail");
           out.download = Download{
               "signatures-" + std::to_string(id) + (gmail ? "-gmail.json" : "-exchange.ps1"),
               gmail ? "application/json" : "text/plain; charset=utf-8",
               gmail ? artefacts["gmail"].dump(2) : artefacts["powershell"].get<std::string>()};
         }
         return out;
       }},
  };
}

}  // namespace signet
