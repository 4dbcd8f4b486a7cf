// The reseller portal: application state and actions (network), separate from the views.
// Views read and edit this state; actions talk to the server through net:: and update it.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "net/api_client.h"
#include "net/http.h"
#include "platform/field.h"
#include "platform/shell.h"
#include "signet/api/accounts.h"
#include "signet/api/billing.h"
#include "signet/api/deploy.h"
#include "signet/api/subscriptions.h"
#include "signet/i18n.h"
#include "signet/model.h"
#include "signet/validation.h"

namespace portal {

enum class Screen { Loading, Setup, SignIn, Subscriptions, Billing, Audit, Team, NoAccess };
const char* screen_name(Screen s);

using ui::Field;

struct SetupState {
  std::string token;
  enum class Link { Checking, Valid, Invalid, Used } link = Link::Checking;
  Field company, name, email, password;
  bool submitted = false, sending = false;
  std::string error;
};

// Messages kept in state are English phrases or server messages; views show them through
// trm(), so they follow a language switch.
struct SignInState {
  Field email, password;
  bool sending = false;
  std::string error;  // wrong credentials etc.
  std::string note;   // "Your session expired"
};

constexpr int kPageSize = 100;

struct ListState {
  std::string search;
  std::string applied_q;
  double search_edited_at = -1;  // ms; debounce pending while >= 0
  int status_filter = 0;         // 0 all, 1 active, 2 inactive
  signet::SortKey sort = signet::SortKey::CustomerName;
  bool descending = false;

  int generation = 0;
  int total = -1;  // -1: not loaded yet
  std::map<int, std::vector<signet::Subscription>> pages;  // 1-based page -> rows
  std::set<int> requested;
  bool loading() const { return !requested.empty(); }

  int64_t selected_id = 0;
  std::optional<signet::Subscription> selected;
  int scroll_to_row = -1;  // the table scrolls there once, then resets it
  int64_t reveal_id = 0;   // after creating: find this row and select/scroll to it
  std::string reveal_name;
};

struct DetailState {
  int64_t for_id = 0;
  std::string users;
  bool sending = false;
  std::string error;
  std::string users_error;
  bool quoting = false;
  std::optional<signet::SeatQuote> quote;  // shown with Confirm/Cancel before the PATCH
  bool confirm_status = false;     // "Set inactive/active?" confirmation shown
  bool resending = false;
  std::string info;  // e.g. "A new invitation was sent"
  std::string resend_error;
  // A Google Workspace subscription's live deployment, for its one-line summary.
  std::optional<signet::GoogleDeployment> google;
};

struct BillingState {
  int days = 30;  // upcoming payments window: 30 or 90
  bool summary_loading = false, invoices_loading = false, invoice_loading = false;
  bool summary_loaded = false, invoices_loaded = false;
  signet::BillingSummary summary;  // meaningful once summary_loaded
  std::vector<signet::Invoice> invoices;
  int64_t open_invoice_id = 0;
  std::optional<signet::Invoice> invoice;  // the open one, with lines
  std::string error;
};

struct AuditState {
  std::string search;
  std::string applied_q;
  double search_edited_at = -1;
  int action_filter = 0;  // index into kAuditActions
  int generation = 0;
  bool loading = false, loaded = false, more = false;
  std::vector<signet::AuditEntry> items;
  std::string error;
};
extern const char* const kAuditActions[7];  // "All actions", "session.", ...

// Opens `url`: mode 0 in this tab, 1 in a new tab, 2 as a download (attachment).
void open_url(const std::string& url, int mode);

struct NewSubscriptionState {
  bool open = false;
  int product = 0;  // index into signet::kAllProducts
  Field customer, users, contact_name, contact_email;
  bool can_edit = false;
  int billing_cycle = 0;  // 0 monthly, 1 annual
  signet::Language language = signet::Language::En;  // of the invitation e-mail
  bool submitted = false, sending = false;
  std::string error;
  void reset();
  // Local validation (shared rules) of what is typed now; keys are API field names.
  signet::FieldErrors local_errors() const;
  signet::NewSubscription to_model() const;
};

// ---- accounts: forgot password, profile, team, bulk actions (app_accounts.cpp) ----
struct ForgotPasswordState {
  bool open = false;
  Field email;
  bool submitted = false, sending = false, done = false;
  std::string error;
};

struct ProfileState {
  bool open = false;
  Field name, phone;
  std::string phone_known;  // the phone from the session or the last save (if the server sends it)
  bool submitted = false, sending = false;
  std::string error, saved;
  Field current_password, new_password, repeat_password;
  bool password_submitted = false, password_sending = false;
  std::string password_error, password_done;
  signet::FieldErrors local_errors() const;                                  // name, phone
  signet::FieldErrors password_errors(const std::string& email) const;  // new/repeat
};

struct TeamState {
  bool loading = false, loaded = false;
  signet::TeamList list;  // members and pending invitations
  std::string error;
  int64_t confirm_remove = 0, confirm_revoke = 0;  // row awaiting "Remove?" / "Revoke?"
  bool busy = false;
  // "Invite colleague" dialog.
  bool invite_open = false;
  Field name, email;
  int role = 2;  // index into kTeamRoles (support by default: the least powerful)
  bool submitted = false, sending = false;
  std::string invite_error;
  signet::FieldErrors local_errors() const;
};
extern const char* const kTeamRoles[3];  // "owner", "billing", "support"

// Rows ticked in the subscriptions table; cleared when the search or filter changes.
struct BulkState {
  std::set<int64_t> ids;
  std::string query_key;  // the search/filter the ticks were made under
  bool resending = false;
};

class App {
 public:
  void start();
  void frame();  // draws everything (one full-window ImGui window)

  // ---- state (read and edited by the views) ----
  Screen screen = Screen::Loading;
  int screen_serial = 0;  // changes on every screen switch (views focus their first field)
  std::optional<signet::User> user;
  std::string return_path = "/";
  SetupState setup;
  SignInState signin;
  ListState list;
  DetailState detail;
  NewSubscriptionState create;
  BillingState billing;
  AuditState audit;
  ForgotPasswordState forgot;
  ProfileState profile;
  TeamState team;
  BulkState bulk;
  ui::Toast toast;
  net::ApiClient api_client;  // its unreachable()/retry() drive the banner

  // ---- actions ----
  void navigate(const std::string& path, bool push);
  // Switches the UI language; signed in, it is saved for the user (PATCH /api/me).
  void set_language(signet::Language lang);
  void open_create();  // the New customer subscription dialog, fresh
  void submit_setup();
  void submit_signin();
  void sign_out();
  void apply_search_now();
  void set_sort(signet::SortKey key, bool descending);
  void set_status_filter(int filter);
  void reload_list();
  // Row `index` of the current query, or nullptr while its page is loading (requests it).
  const signet::Subscription* row(int index);
  void select(const signet::Subscription& s);
  void clear_selection();
  void save_user_count();  // asks for a seat quote first
  void confirm_user_count();
  void set_selected_status(signet::SubscriptionStatus status);
  void resend_invitation();
  void open_editor();
  void load_google_summary();  // the selected subscription's live deployment
  void load_billing();
  void set_billing_days(int days);
  void open_invoice(int64_t id);
  void close_invoice();
  void download_invoice(int64_t id, bool csv);
  void load_audit(bool more = false);
  void apply_audit_search_now();
  void set_audit_action(int index);
  std::string audit_csv_url() const;
  void submit_create();
  void show_toast(std::string text);  // also read out to screen readers
  // Sets an error message (English or already translated) and reads it out.
  void fail(std::string& slot, std::string message);
  // ---- accounts (app_accounts.cpp) ----
  bool route_guard(const std::string& path, bool push);  // /team and screens a role may not see
  void submit_forgot_password();
  void open_profile();
  void submit_profile();
  void submit_password_change();
  void load_team();
  void submit_invite();
  void remove_member(int64_t id);
  void revoke_team_invitation(int64_t id);
  void bulk_resend_invitations();
  std::string subscriptions_csv_url(bool only_selected) const;
  void remember_profile(const nlohmann::json& user);  // phone etc. from a session/me reply
  void reset_accounts();                               // on sign-out

 private:
  // Every call goes through api_client: no server shows the banner (Retry re-sends the same
  // request); 401 on a signed-in call ends the session (sign-in with a note, then back).
  void api(const char* method, const std::string& url, const nlohmann::json* body,
           net::Callback done, bool session_call = false) {
    api_client.call(method, url, body, std::move(done), session_call);
  }
  void check_session(const std::string& path);
  void check_setup_link();
  void signed_in(const nlohmann::json& body);
  void session_expired();
  void save_language();  // the current UI language as the user's, when it differs
  void apply_title();    // document title of the current screen, in the UI language
  void go(Screen s, const std::string& path, bool push);
  void route(const std::string& path, bool push);  // signed in: pick the screen for `path`
  void load_selected(int64_t id);
  void request_page(int page);
  void page_arrived(int generation, int page, const net::Response& r);
  void replace_row(const signet::Subscription& s);
};

App& app();

// Views: one small function per screen or part.
void view_header(App& a);
void view_banner(App& a);
void view_setup(App& a);
void view_signin(App& a);
void view_subscriptions(App& a);
void view_detail(App& a, float width, float height);
void view_new_subscription(App& a);
void view_billing(App& a);
void view_audit(App& a);
void view_team(App& a);
void view_no_access(App& a);
void view_account_dialogs(App& a);  // profile, forgot password, invite colleague (modals)

}  // namespace portal
