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

#include "net/http.h"
#include "signet/model.h"
#include "signet/validation.h"

namespace portal {

enum class Screen { Loading, Setup, SignIn, Subscriptions };
const char* screen_name(Screen s);

// One text field of a form: its buffer, whether the person has finished editing it once
// (from then on its message updates as they type), and the server's message for it.
struct Field {
  char buf[512] = "";
  bool touched = false;
  std::string server_error;
  std::string text() const { return buf; }
  void set(const std::string& s);
  void reset();
};

struct SetupState {
  std::string token;
  enum class Link { Checking, Valid, Invalid, Used } link = Link::Checking;
  Field company, name, email, password;
  bool submitted = false, sending = false;
  std::string error;
};

struct SignInState {
  Field email, password;
  bool sending = false;
  std::string error;  // wrong credentials etc.
  std::string note;   // "Your session expired"
};

constexpr int kPageSize = 100;

struct ListState {
  char search[256] = "";
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
  char users[16] = "";
  bool sending = false;
  std::string error;
  std::string users_error;
};

struct NewSubscriptionState {
  bool want_open = false;
  bool open = false;
  int product = 0;  // index into signet::kAllProducts
  Field customer, users, contact_name, contact_email;
  bool can_edit = false;
  bool submitted = false, sending = false;
  std::string error;
  void reset();
  // Local validation (shared rules) of what is typed now; keys are API field names.
  signet::FieldErrors local_errors() const;
  signet::NewSubscription to_model() const;
};

struct Toast {
  std::string text;
  double until = 0;
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
  Toast toast;
  bool unreachable = false;
  std::function<void()> retry;

  // ---- actions ----
  void navigate(const std::string& path, bool push);
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
  void save_user_count();
  void set_selected_status(signet::SubscriptionStatus status);
  void submit_create();
  void show_toast(std::string text);
  void do_retry();

 private:
  // Wraps net::request: status 0 shows the "unreachable" banner (Retry re-sends the same
  // request); 401 on a signed-in call ends the session (sign-in with a note, then back).
  void api(const char* method, const std::string& url, const nlohmann::json* body,
           net::Callback done, bool session_call = false);
  void check_session(const std::string& path);
  void check_setup_link();
  void signed_in(const nlohmann::json& body);
  void session_expired();
  void go(Screen s, const std::string& path, bool push);
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
void view_toast(App& a);

}  // namespace portal
