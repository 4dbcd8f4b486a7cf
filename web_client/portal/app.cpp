#include "portal/app.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "imgui.h"
#include "net/session.h"
#include "portal/format.h"
#include "portal/permissions.h"
#include "platform/platform.h"
#include "platform/tr.h"
#include "platform/widgets.h"
#include "signet/json_mapping.h"
#include "signet/text.h"
#include "test_hooks/test_hooks.h"

namespace portal {

using signet::phrase;

const char* screen_name(Screen s) {
  switch (s) {
    case Screen::Loading: return "loading";
    case Screen::Setup: return "setup";
    case Screen::SignIn: return "signin";
    case Screen::Subscriptions: return "subscriptions";
    case Screen::Billing: return "billing";
    case Screen::Audit: return "audit";
    case Screen::Team: return "team";
    case Screen::NoAccess: return "no-access";
  }
  return "?";
}

App& app() {
  static App instance;
  return instance;
}

void NewSubscriptionState::reset() {
  product = 0;
  customer.reset();
  users.reset();
  contact_name.reset();
  contact_email.reset();
  can_edit = false;
  billing_cycle = 0;
  language = platform::ui_language();
  submitted = sending = false;
  error.clear();
}

static bool parse_count(const std::string& typed, long long* out) {
  const auto n = signet::parse_whole_number(typed);
  if (n) *out = *n;
  return n.has_value();
}

signet::FieldErrors NewSubscriptionState::local_errors() const {
  signet::FieldErrors e;
  if (auto m = signet::check_company_name(customer.value)) e["customer_name"] = *m;
  long long n = 0;
  if (!parse_count(users.value, &n)) {
    e["user_count"] = !users.value.empty() ? phrase("Enter a whole number.") : phrase("Enter the number of users.");
  } else if (auto m = signet::check_user_count(n)) {
    e["user_count"] = *m;
  }
  if (can_edit) {
    if (auto m = signet::check_person_name(contact_name.value)) e["contact_name"] = *m;
    if (auto m = signet::check_email(contact_email.value)) e["contact_email"] = *m;
  }
  return e;
}

signet::NewSubscription NewSubscriptionState::to_model() const {
  signet::NewSubscription s;
  s.product = signet::kAllProducts[product];
  s.customer_name = signet::normalize_text(customer.value);
  long long n = 0;
  parse_count(users.value, &n);
  s.user_count = (int)n;
  s.customer_can_edit = can_edit;
  s.billing_cycle = billing_cycle == 1 ? "annual" : "monthly";
  s.language = std::string(signet::language_code(language));
  if (can_edit) {
    s.contact_name = signet::normalize_text(contact_name.value);
    s.contact_email = signet::normalize_email(contact_email.value);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------

void App::start() {
  platform::set_ui_language(platform::initial_language());
  // Arrow keys and Space reach every widget; Tab moves between text fields (ImGui 1.86).
  ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  platform::on_popstate([this](const std::string& path) { navigate(path, false); });
  platform::hold_first_frame_until([this] { return screen != Screen::Loading; });
  api_client.set_hooks({[this] { return user.has_value(); }, [this] { session_expired(); }, nullptr});
  navigate(platform::location_path(), false);
}

void App::go(Screen s, const std::string& path, bool push) {
  screen = s;
  ++screen_serial;
  if (push) platform::push_url(path);
  else platform::replace_url(path);
  apply_title();
  platform::mark_dirty();
}

void App::apply_title() {
  std::string title = "Signet";
  switch (screen) {
    case Screen::Setup: title = page_title(phrase("Set up your account")); break;
    case Screen::SignIn: title = page_title(phrase("Sign in")); break;
    case Screen::Subscriptions: title = page_title(phrase("Subscriptions")); break;
    case Screen::Billing: title = page_title(phrase("Billing")); break;
    case Screen::Audit: title = page_title(phrase("Audit log")); break;
    case Screen::Team: title = tr("Team · Signet"); break;
    case Screen::NoAccess: title = tr("No access · Signet"); break;
    case Screen::Loading: break;
  }
  platform::set_document_title(title);
  // A canvas app has no page load to tell screen readers that the screen changed.
  if (screen != Screen::Loading) platform::announce(title);
}

void App::set_language(signet::Language lang) {
  if (lang == platform::ui_language()) return;
  platform::set_ui_language(lang);
  apply_title();
  platform::announce(std::string(tr("Language")) + ": " + (lang == signet::Language::Nl ? "Nederlands" : "English"));
  save_language();
}

void App::save_language() {
  if (!user) return;
  const std::string code(signet::language_code(platform::ui_language()));
  if (user->language == code) return;
  user->language = code;  // optimistic: the header shows the choice at once
  nlohmann::json body = {{"language", code}};
  api("PATCH", "/api/me", &body, [this](const net::Response& r) {
    if (!r.ok()) show_toast(tr("Your language choice could not be saved; it applies on this browser only."));
  });
}

void App::open_create() {
  create.reset();
  if (user)
    create.language = signet::parse_language(user->language).value_or(platform::ui_language());
  create.open = true;
}

void App::fail(std::string& slot, std::string message) {
  slot = std::move(message);
  if (!slot.empty()) platform::announce(trm(slot));
}

void App::navigate(const std::string& path, bool push) {
  const std::string setup_prefix = "/setup/";
  if (path.rfind(setup_prefix, 0) == 0 && path.size() > setup_prefix.size()) {
    setup = SetupState{};
    setup.token = path.substr(setup_prefix.size());
    go(Screen::Setup, path, push);
    check_setup_link();
    return;
  }
  if (user) {
    route(path, push);
    return;
  }
  screen = Screen::Loading;
  check_session(path);
}

void App::route(const std::string& path, bool push) {
  if (route_guard(path, push)) return;  // /team, and screens this role may not open
  if (path == "/billing") {
    go(Screen::Billing, path, push);
    load_billing();
    return;
  }
  if (path == "/audit") {
    go(Screen::Audit, path, push);
    load_audit();
    return;
  }
  const std::string prefix = "/subscriptions/";
  int64_t id = 0;
  if (path.rfind(prefix, 0) == 0) id = std::atoll(path.c_str() + prefix.size());
  go(Screen::Subscriptions, id > 0 ? prefix + std::to_string(id) : "/", push);
  if (list.total < 0) reload_list();
  if (id > 0) {
    if (!list.selected || list.selected->id != id) load_selected(id);
  } else if (list.selected) {
    clear_selection();
  }
}

void App::load_selected(int64_t id) {
  api("GET", "/api/subscriptions/" + std::to_string(id), nullptr, [this, id](const net::Response& r) {
    if (screen != Screen::Subscriptions) return;
    if (r.ok()) {
      if (auto s = signet::subscription_from_json(r.body)) {
        select(*s);
        return;
      }
    }
    if (list.selected_id == id || !list.selected) {
      clear_selection();
      show_toast(tr("That subscription was not found."));
    }
  });
}

void App::check_session(const std::string& path) {
  api("GET", "/api/session", nullptr, [this, path](const net::Response& r) {
    if (r.ok()) {
      signed_in(r.body);
      route(path == "/signin" ? "/" : path, false);
    } else {
      user.reset();
      // Remember a deep link (other than the sign-in page itself) to return to.
      if (path != "/signin") return_path = path;
      go(Screen::SignIn, "/signin", false);
    }
  }, true);
}

void App::check_setup_link() {
  setup.link = SetupState::Link::Checking;
  api("GET", "/api/setup/" + net::url_encode(setup.token), nullptr, [this](const net::Response& r) {
    if (r.ok()) setup.link = SetupState::Link::Valid;
    else if (r.status == 410) setup.link = SetupState::Link::Used;
    else setup.link = SetupState::Link::Invalid;
  }, true);
}

void App::signed_in(const nlohmann::json& body) {
  user = net::adopt_session(body);  // the user's saved language wins over this browser's choice
  if (body.is_object() && body.contains("user")) remember_profile(body["user"]);
}

void App::session_expired() {
  if (screen == Screen::SignIn) return;
  if (user) signin.email.set(user->email);  // they sign in again as the same person
  user.reset();
  net::drop_session();
  return_path = platform::location_path();
  signin.note = net::kSessionEndedNote;
  signin.error.clear();
  signin.password.reset();
  signin.sending = false;
  create.sending = false;
  detail.sending = false;
  list.requested.clear();
  go(Screen::SignIn, "/signin", false);
}

void App::submit_setup() {
  setup.submitted = true;
  setup.error.clear();
  signet::ResellerSignup s;
  s.company_name = signet::normalize_text(setup.company.value);
  s.name = signet::normalize_text(setup.name.value);
  s.email = signet::normalize_email(setup.email.value);
  s.password = setup.password.value;
  if (!signet::validate(s).empty()) return;
  nlohmann::json body = {{"company_name", s.company_name}, {"name", s.name},
                         {"email", s.email}, {"password", s.password}};
  setup.sending = true;
  api("POST", "/api/setup/" + net::url_encode(setup.token), &body, [this](const net::Response& r) {
    setup.sending = false;
    if (r.ok()) {
      // A new account keeps the language it was set up in.
      const signet::Language lang = platform::ui_language();
      signed_in(r.body);
      platform::set_ui_language(lang);
      save_language();
      setup.password.reset();
      list = ListState{};
      go(Screen::Subscriptions, "/", false);
      reload_list();
      show_toast(tr("Welcome to Signet. Your reseller account is ready."));
      return;
    }
    if (r.status == 410) setup.link = SetupState::Link::Used;
    else if (r.status == 404) setup.link = SetupState::Link::Invalid;
    const ui::FormFields form{{"company_name", &setup.company}, {"name", &setup.name},
                              {"email", &setup.email}, {"password", &setup.password}};
    if (!ui::show_server_errors(r.fields, form, setup.error))
      fail(setup.error, r.message_or(phrase("Could not create the account.")));
    else
      platform::announce(tr("Check the highlighted fields."));
  }, true);
}

void App::submit_signin() {
  if (signin.sending) return;
  signin.error.clear();
  nlohmann::json body = {{"email", signet::normalize_email(signin.email.value)},
                         {"password", signin.password.value}};
  signin.sending = true;
  api("POST", "/api/session", &body, [this](const net::Response& r) {
    signin.sending = false;
    if (r.ok()) {
      signed_in(r.body);
      signin.note.clear();
      signin.password.reset();
      std::string back = return_path.empty() || return_path == "/signin" ? "/" : return_path;
      return_path = "/";
      list.total = -1;
      route(back, false);
      return;
    }
    fail(signin.error, net::sign_in_refusal(r));
  }, true);
}

void App::sign_out() {
  api("DELETE", "/api/session", nullptr, [this](const net::Response&) {
    user.reset();
    net::drop_session();
    list = ListState{};
    detail = DetailState{};
    billing = BillingState{};
    audit = AuditState{};
    create.reset();
    create.open = false;
    signin = SignInState{};
    reset_accounts();
    return_path = "/";
    go(Screen::SignIn, "/signin", true);
  }, true);
}

// ---- subscriptions list ----

void App::reload_list() {
  ++list.generation;
  list.pages.clear();
  list.requested.clear();
  request_page(1);
}

void App::apply_search_now() {
  list.search_edited_at = -1;
  std::string q = signet::trim(list.search);
  if (q == list.applied_q) return;
  list.applied_q = q;
  list.total = -1;
  list.scroll_to_row = 0;
  reload_list();
}

void App::set_sort(signet::SortKey key, bool descending) {
  if (key == list.sort && descending == list.descending) return;
  list.sort = key;
  list.descending = descending;
  list.scroll_to_row = 0;
  reload_list();
}

void App::set_status_filter(int filter) {
  if (filter == list.status_filter) return;
  list.status_filter = filter;
  list.total = -1;
  list.scroll_to_row = 0;
  reload_list();
}

void App::request_page(int page) {
  if (list.requested.count(page) || list.pages.count(page)) return;
  list.requested.insert(page);
  std::string url = "/api/subscriptions?page=" + std::to_string(page) +
                    "&per_page=" + std::to_string(kPageSize) + "&sort=" +
                    (list.descending ? "-" : "") + std::string(signet::to_string(list.sort));
  if (!list.applied_q.empty()) url += "&q=" + net::url_encode(list.applied_q);
  if (list.status_filter == 1) url += "&status=active";
  if (list.status_filter == 2) url += "&status=inactive";
  int gen = list.generation;
  api("GET", url, nullptr, [this, gen, page](const net::Response& r) { page_arrived(gen, page, r); });
}

void App::page_arrived(int gen, int page, const net::Response& r) {
  if (gen != list.generation) return;  // an older query
  list.requested.erase(page);
  if (!r.ok() || !r.body.is_object()) {
    show_toast(trm(r.message_or(phrase("Could not load subscriptions."))));
    return;
  }
  std::vector<signet::Subscription> rows;
  if (r.body.contains("items") && r.body["items"].is_array())
    for (const auto& j : r.body["items"])
      if (auto s = signet::subscription_from_json(j)) rows.push_back(*s);
  if (r.body.contains("total") && r.body["total"].is_number_integer())
    list.total = r.body["total"].get<int>();
  else if (list.total < 0)
    list.total = (int)rows.size();
  list.pages[page] = std::move(rows);
  size_t loaded = 0;  // how much of the table is in memory, for scripts/bench-browser.sh
  for (const auto& [n, p] : list.pages) loaded += p.size();
  test_hooks::publish_number("rowsLoaded", (double)loaded);

  if (list.reveal_id && page == 1) {
    // After creating: scroll to the new row if it is on a loaded page; otherwise narrow the
    // search to its name so it is visible.
    const auto& p = list.pages[1];
    bool found = false;
    for (size_t i = 0; i < p.size(); ++i)
      if (p[i].id == list.reveal_id) {
        list.scroll_to_row = (int)i;
        found = true;
      }
    if (!found && list.total > (int)p.size()) {
      list.search = list.reveal_name;
      list.applied_q.clear();
      list.reveal_name.clear();
      apply_search_now();  // keeps reveal_id for the narrowed query
      return;
    }
    list.reveal_id = 0;
  }
  // Keep the detail panel in step with fresh data.
  if (list.selected)
    for (const auto& s : list.pages[page])
      if (s.id == list.selected->id) list.selected = s;
}

const signet::Subscription* App::row(int index) {
  int page = index / kPageSize + 1;
  auto it = list.pages.find(page);
  if (it == list.pages.end()) {
    request_page(page);
    return nullptr;
  }
  size_t i = (size_t)(index % kPageSize);
  return i < it->second.size() ? &it->second[i] : nullptr;
}

void App::select(const signet::Subscription& s) {
  list.selected_id = s.id;
  list.selected = s;
  detail = DetailState{};
  detail.for_id = s.id;
  detail.users = std::to_string(s.user_count);
  load_google_summary();
  if (screen == Screen::Subscriptions) platform::replace_url("/subscriptions/" + std::to_string(s.id));
  platform::announce(s.customer_name);
}

void App::load_google_summary() {
  if (!list.selected || list.selected->product != signet::Product::GoogleWorkspace || !can(*this, Permission::EditSignatures))
    return;
  const int64_t id = list.selected->id;
  api("GET", "/api/subscriptions/" + std::to_string(id) + "/google", nullptr, [this, id](const net::Response& r) {
    if (r.ok() && detail.for_id == id) detail.google = signet::google_deployment_from_json(r.body);
  });
}

void App::clear_selection() {
  list.selected_id = 0;
  list.selected.reset();
  detail = DetailState{};
  if (screen == Screen::Subscriptions) platform::replace_url("/");
}

void App::replace_row(const signet::Subscription& s) {
  for (auto& [page, rows] : list.pages)
    for (auto& row : rows)
      if (row.id == s.id) row = s;
  if (list.selected && list.selected->id == s.id) list.selected = s;
}

void App::save_user_count() {
  if (!list.selected || detail.sending || detail.quoting) return;
  long long n = 0;
  detail.users_error.clear();
  detail.error.clear();
  detail.quote.reset();
  if (!parse_count(detail.users, &n)) {
    fail(detail.users_error, phrase("Enter a whole number."));
    return;
  }
  if (auto m = signet::check_user_count(n)) {
    fail(detail.users_error, *m);
    return;
  }
  const signet::Subscription& cur = *list.selected;
  if (n == cur.user_count && !cur.pending_user_count) {
    fail(detail.users_error, trf("The subscription already has {n} users.",
                                 {{"n", signet::format_count(n, platform::ui_language())}}));
    return;
  }
  detail.quoting = true;
  const int64_t id = cur.id;
  api("GET", "/api/subscriptions/" + std::to_string(id) + "/seat-quote?user_count=" + std::to_string(n),
      nullptr, [this, id](const net::Response& r) {
        detail.quoting = false;
        if (!list.selected || list.selected->id != id) return;
        auto quote = r.ok() ? signet::seat_quote_from_json(r.body) : std::nullopt;
        if (!quote) {
          if (r.fields.count("user_count")) fail(detail.users_error, r.fields.at("user_count"));
          else fail(detail.error, r.message_or(phrase("Could not work out the price.")));
          return;
        }
        detail.quote = std::move(quote);
        platform::announce(tr("Check the price and confirm the change."));
      });
}

void App::confirm_user_count() {
  if (!list.selected || !detail.quote || detail.sending) return;
  nlohmann::json body = {{"user_count", detail.quote->user_count}};
  detail.sending = true;
  int64_t id = list.selected->id;
  api("PATCH", "/api/subscriptions/" + std::to_string(id), &body, [this](const net::Response& r) {
    detail.sending = false;
    detail.quote.reset();
    if (r.ok()) {
      if (auto s = signet::subscription_from_json(r.body)) {
        replace_row(*s);
        detail.users = std::to_string(s->user_count);
        const signet::Language lang = platform::ui_language();
        if (s->pending_user_count && s->pending_from)
          show_toast(trf("{customer} will have {n} users from {date}.",
                         {{"customer", s->customer_name},
                          {"n", signet::format_count(*s->pending_user_count, lang)},
                          {"date", format_date(s->pending_from)}}));
        else
          show_toast(trf("Number of users for {customer} changed to {n}.",
                         {{"customer", s->customer_name}, {"n", signet::format_count(s->user_count, lang)}}));
      }
    } else if (r.fields.count("user_count")) {
      fail(detail.users_error, r.fields.at("user_count"));
    } else {
      fail(detail.error, r.message_or(phrase("Could not save the change.")));
    }
  });
}

void App::set_selected_status(signet::SubscriptionStatus status) {
  if (!list.selected || detail.sending) return;
  detail.confirm_status = false;
  nlohmann::json body = {{"status", std::string(signet::to_string(status))}};
  detail.sending = true;
  detail.error.clear();
  int64_t id = list.selected->id;
  api("PATCH", "/api/subscriptions/" + std::to_string(id), &body, [this](const net::Response& r) {
    detail.sending = false;
    if (r.ok()) {
      if (auto s = signet::subscription_from_json(r.body)) {
        replace_row(*s);
        show_toast(s->status == signet::SubscriptionStatus::Active
                       ? trf("The subscription for {customer} is now active.", {{"customer", s->customer_name}})
                       : trf("The subscription for {customer} is now inactive.", {{"customer", s->customer_name}}));
      }
    } else {
      fail(detail.error, r.message_or(phrase("Could not save the change.")));
    }
  });
}

void App::submit_create() {
  if (create.sending) return;
  create.submitted = true;
  create.error.clear();
  if (const auto errors = create.local_errors(); !errors.empty()) {
    // The summary screen readers hear; each message also shows under its field.
    std::string summary = tr("Check the highlighted fields.");
    for (const auto& [field, message] : errors) summary += " " + trm(message);
    platform::announce(summary);
    return;
  }
  signet::NewSubscription s = create.to_model();
  nlohmann::json body = signet::to_json(s);
  create.sending = true;
  api("POST", "/api/subscriptions", &body, [this](const net::Response& r) {
    create.sending = false;
    if (r.ok()) {
      auto s = signet::subscription_from_json(r.body);
      create.open = false;
      if (!s) {
        reload_list();
        return;
      }
      std::string msg = trf("Subscription for {customer} created.", {{"customer", s->customer_name}});
      if (s->customer_can_edit)
        msg += " " + trf("An invitation e-mail was sent to {email}.", {{"email", s->contact_email}});
      create.reset();
      select(*s);
      show_toast(msg);  // after select(): the confirmation is what screen readers hear last
      list.reveal_id = s->id;
      list.reveal_name = s->customer_name;
      reload_list();
      return;
    }
    const ui::FormFields form{{"customer_name", &create.customer}, {"user_count", &create.users},
                              {"contact_name", &create.contact_name}, {"contact_email", &create.contact_email}};
    if (!ui::show_server_errors(r.fields, form, create.error))
      fail(create.error, r.message_or(phrase("Could not create the subscription.")));
    else
      platform::announce(create.error.empty() ? std::string(tr("Check the highlighted fields.")) : trm(create.error));
  });
}

void App::show_toast(std::string text) { toast.show(std::move(text)); }

// ---------------------------------------------------------------------------------------------

void App::frame() {
  test_hooks::set_screen(screen_name(screen));
  // Debounced search: apply 250 ms after the last keystroke.
  if (list.search_edited_at >= 0 && platform::now_ms() - list.search_edited_at >= 250)
    apply_search_now();
  if (audit.search_edited_at >= 0 && platform::now_ms() - audit.search_edited_at >= 250)
    apply_audit_search_now();

  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
  ImGui::Begin("##signet", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                   ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleVar(2);
  if (screen != Screen::Loading) view_header(*this);
  view_banner(*this);
  ui::screen_begin();
  switch (screen) {
    case Screen::Loading: {
      ImVec2 avail = ImGui::GetContentRegionAvail();
      ImGui::SetCursorPos(ImVec2(avail.x * 0.5f - platform::px(12), avail.y * 0.45f));
      if (!api_client.unreachable()) ui::spinner(12.0f);
      break;
    }
    case Screen::Setup: view_setup(*this); break;
    case Screen::SignIn: view_signin(*this); break;
    case Screen::Subscriptions: view_subscriptions(*this); break;
    case Screen::Billing: view_billing(*this); break;
    case Screen::Audit: view_audit(*this); break;
    case Screen::Team: view_team(*this); break;
    case Screen::NoAccess: view_no_access(*this); break;
  }
  view_account_dialogs(*this);
  ui::screen_end();
  ImGui::End();
  toast.draw();
}

}  // namespace portal
