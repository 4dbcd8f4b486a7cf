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

#include "net/http.h"
#include "signet/model.h"
#include "signet/signature.h"
#include "signet/validation.h"

namespace customer {

enum class Screen { Loading, Invite, InviteInvalid, SignIn, Editor, NoSubscription };
const char* screen_name(Screen s);

struct Field {
  char buf[512] = "";
  bool touched = false;
  std::string server_error;
  std::string text() const { return buf; }
  void set(const std::string& s);
};

struct InviteState {
  std::string token;
  std::optional<signet::InvitationInfo> info;
  int bad_status = 0;  // 404, 410, 429 ...
  Field name, phone, password;
  bool submitted = false, sending = false;
  std::string error;
};

struct SignInState {
  Field email, password;
  bool sending = false;
  std::string error, note;
};

enum class Tab { Templates, Users, Deploy };

struct UsersState {
  char search[256] = "";
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
  std::optional<nlohmann::json> import_result;
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
  char new_name[128] = "";
  bool want_delete = false;
};

struct AssignmentRule {
  int64_t template_id = 0;
  bool by_user = false;
  std::string department;
  int64_t user_id = 0;
};

struct DeployState {
  // Which template a person gets: first matching rule wins, else the default template.
  std::vector<AssignmentRule> rules;
  std::string saved_rules;  // JSON of what the server has
  bool rules_loaded = false, rules_saving = false;
  std::string rules_error;
  bool loading = false;
  std::optional<nlohmann::json> data;
  std::string error;
};

class App {
 public:
  void start();
  void frame();

  Screen screen = Screen::Loading;
  int screen_serial = 0;
  std::optional<signet::User> user;
  std::optional<signet::CustomerView> info;  // editor-info of the open subscription
  int64_t subscription_id = 0;
  bool read_only() const { return info && info->status != signet::SubscriptionStatus::Active; }
  InviteState invite;
  SignInState signin;
  Tab tab = Tab::Templates;
  UsersState users;
  TemplatesState templates;
  DeployState deploy;
  std::string toast;
  double toast_until = 0;
  bool unreachable = false;
  std::function<void()> retry;
  // Unsaved-changes guard: the action waiting for "Discard changes".
  std::function<void()> pending_leave;
  bool want_leave_dialog = false;

  // actions
  void submit_accept();
  void submit_signin();
  void sign_out();
  void select_tab(Tab t);
  void show_toast(std::string text);
  void do_retry();
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
  static nlohmann::json rules_json(const std::vector<AssignmentRule>& rules);
  void download_deployment();

  std::string sub_url(const std::string& rest) const;

 private:
  void api(const char* method, const std::string& url, const nlohmann::json* body,
           net::Callback done, bool session_call = false);
  void go(Screen s, const std::string& path);
  void signed_in(const nlohmann::json& body);
  void open_editor();
  void check_invitation();
};

App& app();

void view_frame(App& a);

}  // namespace customer
