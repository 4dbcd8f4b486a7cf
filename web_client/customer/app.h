// The customer entry point (separate WASM from the reseller portal): invitation accept screen,
// sign-in, and the signature editor (templates with a live preview, directory users, deployment).
// State and actions live here; views.cpp draws them.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "net/api_client.h"
#include "net/http.h"
#include "platform/field.h"
#include "platform/shell.h"
#include "signet/api/accounts.h"
#include "signet/api/deploy.h"
#include "signet/api/signatures.h"
#include "signet/i18n.h"
#include "signet/model.h"
#include "signet/signature.h"
#include "signet/validation.h"

namespace customer {

enum class Screen { Loading, Invite, InviteInvalid, SignIn, Forgot, Reset, Editor, NoSubscription };
const char* screen_name(Screen s);

using ui::Field;

struct InviteState {
  std::string token;
  std::optional<signet::InvitationInfo> info;
  int bad_status = 0;  // 404, 410, 429 ...
  Field name, phone, password;
  bool submitted = false, sending = false;
  std::string error;
};

// Messages in the states below are kept in English (phrases or server text) and translated
// when drawn (trm), so switching the language also switches what is already on screen.
struct SignInState {
  Field email, password;
  bool sending = false;
  std::string error, note;
};

// "Forgot password?": e-mail -> POST /api/password-reset -> a neutral confirmation.
struct ForgotState {
  Field email;
  bool sending = false, sent = false;
  std::string error;
};

// /reset/{token}: new password twice -> POST /api/password-reset/{token}.
struct ResetState {
  std::string token;
  std::string email;     // whose link it is (GET /api/password-reset/{token})
  Field password, repeat;
  bool submitted = false, sending = false;
  bool done = false;     // 204
  bool expired = false;  // 410: used or expired
  std::string error;
};

// The customer's own users and pending invitations (never billing).
struct ColleaguesState {
  bool loaded = false, loading = false;
  std::vector<signet::Contact> users;
  std::vector<signet::PendingInvitation> invitations;
  std::string error;
  Field name, email;
  bool submitted = false, sending = false;
  signet::FieldErrors server_fields;
  std::string invite_error;
  // Remove a colleague / revoke an invitation, after a confirmation.
  bool want_confirm = false;
  bool confirm_invitation = false;
  int64_t confirm_id = 0;
  std::string confirm_who;
};

// The signed-in person's own name, phone and password.
struct ProfileState {
  Field name, phone;
  bool submitted = false, sending = false;
  std::string error;
  Field current, password, repeat;
  bool pw_submitted = false, pw_sending = false;
  std::string pw_error;
};

enum class Tab { Templates, Users, Deploy, Colleagues, Profile };
const char* tab_path(Tab t);  // "/editor/users" ...

struct UsersState {
  std::string search;
  std::string applied_q;
  double search_edited_at = -1;
  std::string sort = "email";
  bool descending = false;
  int page = 1;
  static constexpr int kPerPage = 50;
  std::vector<signet::DirectoryUser> items;
  int total = -1;
  int generation = 0;
  bool loading = false;
  std::string error;
  // add/edit dialog
  bool want_dialog = false;
  signet::DirectoryUser editing;  // id 0: new
  bool submitted = false, sending = false;
  signet::FieldErrors server_fields;
  std::string dialog_error;
  // remove confirmation
  bool want_confirm = false;
  signet::DirectoryUser removing;
  // CSV import
  bool want_import = false;
  std::string csv;
  bool importing = false;
  std::optional<signet::ImportResult> import_result;
  std::string import_error;
};

struct TemplatesState {
  bool loaded = false;
  std::vector<signet::SignatureTemplate> items;
  int64_t selected_id = 0;
  std::optional<signet::SignatureTemplate> editing;  // working copy of the selected template
  std::string saved_json;                            // what the server has, to detect changes
  bool saving = false;
  bool conflict = false;
  std::string error;
  signet::FieldErrors server_fields;
  // preview
  std::vector<signet::DirectoryUser> preview_users;  // first page of the directory
  bool preview_users_loaded = false;
  int preview_user = 0;
  signet::RenderedSignature preview;
  std::string preview_key;  // template json + user, to re-render only on change
  bool want_new = false;
  std::string new_name;
  bool want_delete = false;
  bool compact_preview = false;  // a narrow screen shows the editor or the preview, one at a time
};

struct DeployState {
  // Which template a person gets: first matching rule wins, else the default template.
  std::vector<signet::TemplateRule> rules;
  std::string saved_rules;  // JSON of what the server has
  bool rules_loaded = false, rules_saving = false;
  std::string rules_error;
  bool loading = false;
  std::optional<nlohmann::json> data;
  std::string error;
  signet::FieldErrors rules_field_errors;
};

// Live deployment to Google Workspace (GET/PUT/DELETE /api/subscriptions/{id}/google): the
// connection, the latest run and each user's state, polled while a run is under way.
struct LiveDeployState {
  bool loaded = false;
  std::optional<signet::GoogleDeployment> status;
  std::string error;      // English, drawn through trm()
  std::string key_error;  // why the chosen key was refused (fields.key of the 400)
  bool busy = false;      // a connect, deploy, retry or disconnect is under way
  double poll_at = -1;    // platform::now_ms() of the next status poll; -1: none
  bool want_disconnect = false;
};

// Microsoft 365 mail flow (GET /api/subscriptions/{id}/microsoft): the connectors and transport
// rule to set up in Exchange Online, and what each person's mail last carried.
struct MailflowState {
  bool loaded = false;
  std::optional<signet::MailflowDeployment> status;
  std::string error;  // English, drawn through trm()
};

class App {
 public:
  void start();
  void frame();

  Screen screen = Screen::Loading;
  int screen_serial = 0;
  std::optional<signet::User> user;
  std::string user_phone;  // when the server tells it (PATCH /api/me answers with it)
  std::optional<signet::CustomerView> info;  // editor-info of the open subscription
  int64_t subscription_id = 0;
  bool read_only() const { return info && info->status != signet::SubscriptionStatus::Active; }
  InviteState invite;
  SignInState signin;
  ForgotState forgot;
  ResetState reset;
  ColleaguesState colleagues;
  ProfileState profile;
  Tab tab = Tab::Templates;
  UsersState users;
  TemplatesState templates;
  DeployState deploy;
  LiveDeployState live;
  MailflowState mailflow;
  ui::Toast toast;
  net::ApiClient api_client;  // its unreachable()/retry() drive the banner
  // Unsaved-changes guard: the action waiting for "Discard changes".
  std::function<void()> pending_leave;
  bool want_leave_dialog = false;

  // actions
  void submit_accept();
  void submit_signin();
  void sign_out();
  void select_tab(Tab t, bool push = true);
  // `text` is English (a phrase or a filled phrase); drawn translated and read out.
  void show_toast(std::string text);
  // Reads an error or confirmation out to screen readers, in the UI language.
  void announce(const std::string& english);
  void set_language(signet::Language lang);
  // Routes a path of this app (start, reload, back/forward); `push` adds a history entry.
  void open_path(const std::string& path);
  void show_sign_in();
  void show_forgot();
  void submit_forgot();
  void submit_reset();
  void check_reset_link();  // a used or expired link says so before anyone types

  void load_colleagues();
  void invite_colleague();
  void remove_colleague();
  void open_profile();
  void save_profile();
  void change_password();
  // Runs `action` now, or after the person agreed to discard unsaved template changes.
  void guard(std::function<void()> action);
  bool template_dirty() const;

  void reload_users();
  void apply_search_now();
  void set_user_sort(const std::string& key, bool descending);
  void save_user();
  void remove_user(int64_t id);
  void import_csv();

  void load_templates(int64_t select_id = 0);
  void select_template(int64_t id);
  void open_template(int64_t id);  // select_template plus a history entry
  void create_template(const std::string& name, const signet::SignatureTemplate* copy_of);
  void save_template();
  void delete_template();
  void make_default();
  void reload_template();
  void load_preview_users();
  void update_preview();

  void load_deployment();
  void load_rules();
  void save_rules();
  void download_deployment();
  bool google_product() const { return info && info->product == signet::Product::GoogleWorkspace; }
  void load_live();
  void connect_google();  // the file chooser, then PUT of the chosen key
  void deploy_google();
  void retry_google();
  void disconnect_google();
  void load_mailflow();
  void download_mailflow_script();

  std::string sub_url(const std::string& rest) const;

 private:
  void api(const char* method, const std::string& url, const nlohmann::json* body,
           net::Callback done, bool session_call = false) {
    api_client.call(method, url, body, std::move(done), session_call);
  }
  void session_ended();  // a call answered 401: sign in again, then back to where they were
  void go(Screen s, const std::string& path, bool push = false);
  // `apply_language`: switch the UI to the account's language (not right after accepting an
  // invitation, where the language shown on the accept screen is saved instead).
  void signed_in(const nlohmann::json& body, bool apply_language = true);
  // Opens the editor at `path` (/editor/users ...) once the subscription is known.
  void open_editor(const std::string& path = "/editor/");
  void after_sign_in(const std::string& path);
  void apply_editor_path(const std::string& path);
  void check_invitation();
  // One of the calls that change the live deployment: `busy` while it runs, then its status.
  void live_call(const char* method, const std::string& rest, const nlohmann::json* body, const char* done_toast,
                 const char* fallback);
  void take_live_status(const nlohmann::json& body);
  void update_title();
  std::string title_shown_;
  const char* title_key_ = nullptr;
  std::string wanted_path_;  // the /editor/... place asked for before signing in
};

App& app();

void view_frame(App& a);

}  // namespace customer
