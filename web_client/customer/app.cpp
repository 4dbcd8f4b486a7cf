#include "customer/app.h"

#include <cstdio>

#include "customer/js_glue.h"
#include "imgui.h"
#include "platform/platform.h"
#include "signet/json_mapping.h"
#include "signet/signature_json.h"
#include "test_hooks/test_hooks.h"

namespace customer {

const char* screen_name(Screen s) {
  switch (s) {
    case Screen::Loading: return "loading";
    case Screen::Invite: return "invite";
    case Screen::InviteInvalid: return "invite_invalid";
    case Screen::SignIn: return "signin";
    case Screen::Editor: return "editor";
    case Screen::NoSubscription: return "no_subscription";
  }
  return "?";
}

App& app() {
  static App instance;
  return instance;
}

void Field::set(const std::string& s) { std::snprintf(buf, sizeof buf, "%s", s.c_str()); }

std::string App::sub_url(const std::string& rest) const {
  return "/api/subscriptions/" + std::to_string(subscription_id) + rest;
}

void App::start() {
  const std::string path = platform::location_path();
  const std::string prefix = "/invite/";
  if (path.rfind(prefix, 0) == 0 && path.size() > prefix.size()) {
    invite.token = path.substr(prefix.size());
    while (!invite.token.empty() && invite.token.back() == '/') invite.token.pop_back();
    screen = Screen::Loading;
    check_invitation();
    return;
  }
  screen = Screen::Loading;
  api("GET", "/api/session", nullptr, [this](const net::Response& r) {
    if (r.ok()) {
      signed_in(r.body);
      open_editor();
    } else {
      go(Screen::SignIn, "/editor/");
    }
  }, true);
}

void App::go(Screen s, const std::string& path) {
  screen = s;
  ++screen_serial;
  // Keep ?subscription= for resellers opening a customer's editor.
  std::string q = js::query_param("subscription");
  platform::replace_url(q.empty() || path.rfind("/editor", 0) != 0 ? path : path + "?subscription=" + q);
  const char* title = "Signet";
  switch (s) {
    case Screen::Invite: title = "Accept your invitation · Signet"; break;
    case Screen::InviteInvalid: title = "Invitation link · Signet"; break;
    case Screen::SignIn: title = "Sign in · Signet signature editor"; break;
    case Screen::Editor: title = "Signature editor · Signet"; break;
    default: break;
  }
  platform::set_document_title(title);
  platform::mark_dirty();
}

void App::api(const char* method, const std::string& url, const nlohmann::json* body,
              net::Callback done, bool session_call) {
  std::string m = method;
  std::optional<nlohmann::json> copy;
  if (body) copy = *body;
  net::request(method, url, body, [this, m, url, copy, done, session_call](const net::Response& r) {
    if (r.unreachable()) {
      unreachable = true;
      retry = [this, m, url, copy, done, session_call] {
        api(m.c_str(), url, copy ? &*copy : nullptr, done, session_call);
      };
      return;
    }
    unreachable = false;
    if (r.status == 401 && !session_call && user) {
      std::string email = user->email;
      user.reset();
      js::preview_hide();
      signin = SignInState{};
      signin.email.set(email);
      signin.note = "Your session ended. Sign in again to continue.";
      go(Screen::SignIn, "/editor/");
      return;
    }
    done(r);
  });
}

void App::do_retry() {
  unreachable = false;
  auto f = std::move(retry);
  retry = nullptr;
  if (f) f();
}

void App::show_toast(std::string text) {
  toast = std::move(text);
  toast_until = platform::now_ms() + 3500;
  platform::wake_after(3600);
}

void App::check_invitation() {
  api("GET", "/api/invitations/" + net::url_encode(invite.token), nullptr, [this](const net::Response& r) {
    if (r.ok()) {
      invite.info = signet::invitation_info_from_json(r.body);
      if (invite.info) {
        invite.name.set(invite.info->contact_name);
        go(Screen::Invite, "/invite/" + invite.token);
        return;
      }
    }
    invite.bad_status = r.ok() ? 500 : r.status;
    go(Screen::InviteInvalid, "/invite/" + invite.token);
  }, true);
}

void App::submit_accept() {
  invite.submitted = true;
  signet::AcceptInvitation acc{signet::normalize_text(invite.name.buf),
                               signet::normalize_text(invite.phone.buf), invite.password.buf};
  auto errors = signet::validate(acc, invite.info ? invite.info->contact_email : "");
  if (!errors.empty() || invite.sending) return;
  invite.sending = true;
  invite.error.clear();
  nlohmann::json body{{"name", acc.name}, {"phone", acc.phone}, {"password", acc.password}};
  api("POST", "/api/invitations/" + net::url_encode(invite.token) + "/accept", &body,
      [this](const net::Response& r) {
        invite.sending = false;
        if (r.ok()) {
          invite.password.set("");
          signed_in(r.body);
          open_editor();
          return;
        }
        if (r.status == 400 && !r.fields.empty()) {
          for (auto& [k, v] : r.fields) {
            if (k == "name") invite.name.server_error = v;
            else if (k == "phone") invite.phone.server_error = v;
            else if (k == "password") invite.password.server_error = v;
            else invite.error = v;
          }
        } else if (r.status == 410 || r.status == 404) {
          invite.bad_status = r.status;
          go(Screen::InviteInvalid, "/invite/" + invite.token);
        } else if (r.status == 409) {
          invite.error = r.error_message.empty()
                             ? "An account with this e-mail address already exists. Sign in instead."
                             : r.error_message;
        } else {
          invite.error = r.error_message.empty() ? "Something went wrong. Please try again." : r.error_message;
        }
      }, true);
}

void App::submit_signin() {
  if (signin.sending) return;
  signin.sending = true;
  signin.error.clear();
  nlohmann::json body{{"email", signet::normalize_email(signin.email.buf)}, {"password", signin.password.buf}};
  api("POST", "/api/session", &body, [this](const net::Response& r) {
    signin.sending = false;
    if (r.ok()) {
      signin.password.set("");
      signin.note.clear();
      signed_in(r.body);
      open_editor();
    } else if (r.status == 429) {
      signin.error = "Too many attempts. Wait a minute, then try again.";
    } else if (r.status == 401 || r.status == 400) {
      signin.error = "That e-mail address and password do not match an account.";
    } else {
      signin.error = r.error_message.empty() ? "Could not sign in. Please try again." : r.error_message;
    }
  }, true);
}

void App::signed_in(const nlohmann::json& body) {
  if (body.is_object() && body.contains("user"))
    if (auto u = signet::user_from_json(body["user"])) user = *u;
  if (!user) user = signet::User{};
  if (body.is_object() && body.contains("csrf_token") && body["csrf_token"].is_string())
    net::set_csrf_token(body["csrf_token"].get<std::string>());
}

void App::open_editor() {
  subscription_id = 0;
  if (user && user->role == signet::Role::Customer && user->subscription_id)
    subscription_id = *user->subscription_id;
  if (!subscription_id) {
    std::string q = js::query_param("subscription");
    subscription_id = std::atoll(q.c_str());
  }
  if (subscription_id <= 0) {
    go(Screen::NoSubscription, "/editor/");
    return;
  }
  screen = Screen::Loading;
  api("GET", sub_url("/editor-info"), nullptr, [this](const net::Response& r) {
    if (r.ok()) info = signet::customer_view_from_json(r.body);
    if (!info) {
      go(Screen::NoSubscription, "/editor/");
      return;
    }
    users = UsersState{};
    templates = TemplatesState{};
    deploy = DeployState{};
    tab = Tab::Templates;
    go(Screen::Editor, "/editor/");
    load_templates();
    load_preview_users();
    reload_users();
  });
}

void App::sign_out() {
  guard([this] {
    js::preview_hide();
    js::set_unsaved(false);
    api("DELETE", "/api/session", nullptr, [this](const net::Response&) {
      std::string email = user ? user->email : "";
      user.reset();
      info.reset();
      net::set_csrf_token("");
      signin = SignInState{};
      signin.email.set(email);
      signin.note = "You are signed out.";
      go(Screen::SignIn, "/editor/");
    }, true);
  });
}

void App::select_tab(Tab t) {
  if (t == tab) return;
  tab = t;
  if (t == Tab::Deploy) {
    load_deployment();
    load_rules();
  }
  if (t == Tab::Users && users.total < 0) reload_users();
  platform::mark_dirty();
}

bool App::template_dirty() const {
  return templates.editing && signet::to_json(*templates.editing).dump() != templates.saved_json;
}

void App::guard(std::function<void()> action) {
  if (!template_dirty()) {
    action();
    return;
  }
  pending_leave = std::move(action);
  want_leave_dialog = true;
  platform::mark_dirty();
}

// ---- users ----

void App::reload_users() {
  const int gen = ++users.generation;
  users.loading = true;
  std::string url = sub_url("/users?per_page=" + std::to_string(UsersState::kPerPage) + "&page=" +
                            std::to_string(users.page) + "&sort=" + (users.descending ? "-" : "") + users.sort);
  if (!users.applied_q.empty()) url += "&q=" + net::url_encode(users.applied_q);
  api("GET", url, nullptr, [this, gen](const net::Response& r) {
    if (gen != users.generation) return;
    users.loading = false;
    if (!r.ok() || !r.body.is_object()) {
      users.error = r.error_message.empty() ? "Could not load the directory." : r.error_message;
      return;
    }
    users.error.clear();
    users.items.clear();
    if (r.body.contains("items") && r.body["items"].is_array())
      for (const auto& j : r.body["items"])
        if (auto u = signet::directory_user_from_json(j)) users.items.push_back(*u);
    users.total = r.body.value("total", (int)users.items.size());
  });
}

void App::apply_search_now() {
  users.search_edited_at = -1;
  users.applied_q = signet::normalize_text(users.search);
  users.page = 1;
  reload_users();
}

void App::set_user_sort(const std::string& key, bool descending) {
  if (key == users.sort && descending == users.descending) return;
  users.sort = key;
  users.descending = descending;
  users.page = 1;
  reload_users();
}

void App::save_user() {
  users.submitted = true;
  signet::DirectoryUser u = users.editing;
  for (const char* f : signet::kDirectoryFields) *signet::field_of(u, f) = signet::normalize_text(*signet::field_of(u, f));
  u.email = signet::normalize_email(u.email);
  if (!signet::validate(u).empty() || users.sending || read_only()) return;
  users.sending = true;
  users.dialog_error.clear();
  nlohmann::json body = signet::to_json(u);
  body.erase("id");
  const bool is_new = u.id == 0;
  api(is_new ? "POST" : "PUT", is_new ? sub_url("/users") : sub_url("/users/" + std::to_string(u.id)), &body,
      [this, is_new](const net::Response& r) {
        users.sending = false;
        if (r.ok()) {
          users.want_dialog = false;
          show_toast(is_new ? "Person added." : "Changes saved.");
          reload_users();
          load_preview_users();
          return;
        }
        users.server_fields = r.fields;
        if (r.error_code == "seat_limit" || r.status == 409)
          users.dialog_error = r.error_message.empty() ? "Your subscription has no free seats." : r.error_message;
        else if (r.fields.empty())
          users.dialog_error = r.error_message.empty() ? "Could not save." : r.error_message;
      });
}

void App::remove_user(int64_t id) {
  api("DELETE", sub_url("/users/" + std::to_string(id)), nullptr, [this](const net::Response& r) {
    if (r.ok()) {
      show_toast("Person removed.");
      reload_users();
      load_preview_users();
    } else {
      show_toast(r.error_message.empty() ? "Could not remove." : r.error_message);
    }
  });
}

void App::import_csv() {
  if (users.importing || read_only()) return;
  users.importing = true;
  users.import_error.clear();
  users.import_result.reset();
  js::send_text("POST", sub_url("/users/import"), "text/csv; charset=utf-8", users.csv,
                [this](const net::Response& r) {
                  users.importing = false;
                  if (r.status == 401) { start(); return; }
                  if (r.ok()) {
                    users.import_result = r.body;
                    reload_users();
                    load_preview_users();
                  } else if (r.error_code == "seat_limit") {
                    users.import_error = r.error_message.empty() ? "Importing these people would exceed your number of users." : r.error_message;
                  } else if (r.status == 0) {
                    users.import_error = "Cannot reach the Signet server.";
                  } else {
                    users.import_error = r.error_message.empty() ? "The import failed." : r.error_message;
                    if (r.body.is_object()) users.import_result = r.body;
                  }
                });
}

// ---- templates ----

void App::load_templates(int64_t select_id) {
  api("GET", sub_url("/templates"), nullptr, [this, select_id](const net::Response& r) {
    if (!r.ok()) {
      templates.error = r.error_message.empty() ? "Could not load the templates." : r.error_message;
      return;
    }
    templates.loaded = true;
    templates.items.clear();
    if (r.body.is_object() && r.body.contains("items") && r.body["items"].is_array())
      for (const auto& j : r.body["items"])
        if (auto t = signet::template_from_json(j)) templates.items.push_back(*t);
    int64_t want = select_id ? select_id : templates.selected_id;
    if (!want && !templates.items.empty()) {
      want = templates.items.front().id;
      for (const auto& t : templates.items) if (t.is_default) want = t.id;
    }
    // Keep unsaved edits of the open template when only the list refreshed.
    if (templates.editing && templates.editing->id == want && template_dirty()) return;
    select_template(want);
  });
}

void App::select_template(int64_t id) {
  templates.selected_id = id;
  templates.editing.reset();
  templates.saved_json.clear();
  templates.conflict = false;
  templates.server_fields.clear();
  templates.error.clear();
  for (const auto& t : templates.items)
    if (t.id == id) {
      templates.editing = t;
      templates.saved_json = signet::to_json(t).dump();
    }
  templates.preview_key.clear();
  platform::mark_dirty();
}

void App::create_template(const std::string& name, const signet::SignatureTemplate* copy_of) {
  signet::SignatureTemplate t;
  if (copy_of) {
    t = *copy_of;
  } else {
    signet::Block b;
    b.type = signet::BlockType::Text;
    b.text = "{{display_name}}";
    b.bold = true;
    t.blocks.push_back(b);
    signet::Block c;
    c.type = signet::BlockType::Text;
    c.text = "{{job_title}} · {{company}}";
    t.blocks.push_back(c);
  }
  t.id = 0;
  t.version = 0;
  t.is_default = false;
  t.name = name;
  nlohmann::json body = signet::to_json(t);
  body.erase("id");
  body.erase("version");
  api("POST", sub_url("/templates"), &body, [this](const net::Response& r) {
    if (r.ok()) {
      auto t = signet::template_from_json(r.body);
      show_toast("Template created.");
      load_templates(t ? t->id : 0);
    } else {
      show_toast(r.error_message.empty() ? "Could not create the template." : r.error_message);
    }
  });
}

void App::save_template() {
  if (!templates.editing || templates.saving || read_only()) return;
  if (!signet::validate(*templates.editing).empty()) return;
  templates.saving = true;
  templates.error.clear();
  nlohmann::json body = signet::to_json(*templates.editing);
  body.erase("id");
  const int64_t id = templates.editing->id;
  api("PUT", sub_url("/templates/" + std::to_string(id)), &body, [this, id](const net::Response& r) {
    templates.saving = false;
    if (r.ok()) {
      if (auto t = signet::template_from_json(r.body)) {
        for (auto& x : templates.items) if (x.id == id) x = *t;
        if (templates.editing && templates.editing->id == id) {
          templates.editing = *t;
          templates.saved_json = signet::to_json(*t).dump();
        }
      }
      templates.server_fields.clear();
      show_toast("Template saved.");
      load_templates(id);
    } else if (r.status == 409) {
      templates.conflict = true;
    } else {
      templates.server_fields = r.fields;
      templates.error = r.error_message.empty() ? "Could not save the template." : r.error_message;
    }
  });
}

void App::reload_template() {
  const int64_t id = templates.selected_id;
  api("GET", sub_url("/templates/" + std::to_string(id)), nullptr, [this, id](const net::Response& r) {
    if (!r.ok()) { load_templates(); return; }
    if (auto t = signet::template_from_json(r.body)) {
      for (auto& x : templates.items) if (x.id == id) x = *t;
      select_template(id);
      show_toast("Reloaded the latest version.");
    }
  });
}

void App::delete_template() {
  if (!templates.editing || read_only()) return;
  const int64_t id = templates.editing->id;
  api("DELETE", sub_url("/templates/" + std::to_string(id)), nullptr, [this](const net::Response& r) {
    if (r.ok()) {
      show_toast("Template deleted.");
      templates.selected_id = 0;
      templates.editing.reset();
      templates.saved_json.clear();
      load_templates();
    } else {
      show_toast(r.error_message.empty() ? "Could not delete the template." : r.error_message);
    }
  });
}

void App::make_default() {
  if (!templates.editing || read_only()) return;
  templates.editing->is_default = true;
  save_template();
}

void App::load_preview_users() {
  api("GET", sub_url("/users?per_page=200&sort=display_name"), nullptr, [this](const net::Response& r) {
    if (!r.ok() || !r.body.is_object()) return;
    templates.preview_users.clear();
    if (r.body.contains("items") && r.body["items"].is_array())
      for (const auto& j : r.body["items"])
        if (auto u = signet::directory_user_from_json(j)) templates.preview_users.push_back(*u);
    templates.preview_users_loaded = true;
    if (templates.preview_user >= (int)templates.preview_users.size()) templates.preview_user = 0;
    templates.preview_key.clear();
  });
}

void App::update_preview() {
  if (!templates.editing) return;
  static const signet::DirectoryUser kSample = [] {
    signet::DirectoryUser u;
    u.email = "jane.doe@example.com";
    u.display_name = "Jane Doe";
    u.first_name = "Jane";
    u.last_name = "Doe";
    u.job_title = "Office manager";
    u.department = "Operations";
    u.phone = "+31 20 123 4567";
    return u;
  }();
  const signet::DirectoryUser& u = templates.preview_users.empty()
                                       ? kSample
                                       : templates.preview_users[templates.preview_user];
  std::string key = signet::to_json(*templates.editing).dump() + "|" + signet::to_json(u).dump() +
                    "|" + (info ? info->customer_name : "");
  if (key == templates.preview_key) return;
  templates.preview_key = key;
  signet::PlaceholderValues values{u, info ? info->customer_name : ""};
  templates.preview = signet::render_signature(*templates.editing, values);
}

// ---- deployment ----

void App::load_deployment() {
  deploy.loading = true;
  api("GET", sub_url("/deployment"), nullptr, [this](const net::Response& r) {
    deploy.loading = false;
    if (r.ok()) {
      deploy.data = r.body;
      deploy.error.clear();
    } else {
      deploy.error = r.error_message.empty() ? "Could not build the deployment files." : r.error_message;
    }
  });
}

nlohmann::json App::rules_json(const std::vector<AssignmentRule>& rules) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : rules) {
    nlohmann::json j{{"template_id", r.template_id}};
    if (r.by_user) j["user_id"] = r.user_id;
    else j["department"] = r.department;
    items.push_back(std::move(j));
  }
  return nlohmann::json{{"rules", std::move(items)}};
}

void App::load_rules() {
  api("GET", sub_url("/template-rules"), nullptr, [this](const net::Response& r) {
    if (!r.ok() || !r.body.is_object() || !r.body.contains("rules") || !r.body["rules"].is_array()) {
      deploy.rules_error = r.error_message.empty() ? "Could not load the assignment rules." : r.error_message;
      return;
    }
    deploy.rules.clear();
    for (const auto& j : r.body["rules"]) {
      if (!j.is_object()) continue;
      AssignmentRule rule;
      rule.template_id = j.value("template_id", (int64_t)0);
      if (j.contains("user_id") && j["user_id"].is_number_integer()) {
        rule.by_user = true;
        rule.user_id = j["user_id"].get<int64_t>();
      } else {
        rule.department = j.value("department", std::string());
      }
      deploy.rules.push_back(rule);
    }
    deploy.saved_rules = rules_json(deploy.rules).dump();
    deploy.rules_loaded = true;
    deploy.rules_error.clear();
  });
}

void App::save_rules() {
  if (deploy.rules_saving || read_only()) return;
  deploy.rules_saving = true;
  nlohmann::json body = rules_json(deploy.rules);
  api("PUT", sub_url("/template-rules"), &body, [this](const net::Response& r) {
    deploy.rules_saving = false;
    if (r.ok()) {
      deploy.saved_rules = rules_json(deploy.rules).dump();
      deploy.rules_error.clear();
      show_toast("Assignment rules saved.");
      load_deployment();
    } else {
      std::string msg = r.error_message.empty() ? "Could not save the rules." : r.error_message;
      for (const auto& [k, v] : r.fields) msg += "\n" + k + ": " + v;
      deploy.rules_error = msg;
    }
  });
}

void App::download_deployment() { js::download(sub_url("/deployment?download=1")); }

void App::frame() {
  test_hooks::set_screen(screen_name(screen));
  if (users.search_edited_at >= 0 && platform::now_ms() - users.search_edited_at >= 250) apply_search_now();
  js::set_unsaved(template_dirty());
  view_frame(*this);
}

}  // namespace customer
