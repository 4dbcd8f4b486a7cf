#include "customer/app.h"

#include <cstdio>

#include "customer/js_glue.h"
#include "imgui.h"
#include "net/session.h"
#include "platform/platform.h"
#include "platform/tr.h"
#include "signet/json_mapping.h"
#include "signet/signature_json.h"
#include "test_hooks/test_hooks.h"

namespace customer {

using signet::phrase;

const char* screen_name(Screen s) {
  switch (s) {
    case Screen::Loading: return "loading";
    case Screen::Invite: return "invite";
    case Screen::InviteInvalid: return "invite_invalid";
    case Screen::SignIn: return "signin";
    case Screen::Forgot: return "forgot";
    case Screen::Reset: return "reset";
    case Screen::Editor: return "editor";
    case Screen::NoSubscription: return "no_subscription";
  }
  return "?";
}

const char* tab_path(Tab t) {
  switch (t) {
    case Tab::Templates: return "/editor/templates";
    case Tab::Users: return "/editor/users";
    case Tab::Deploy: return "/editor/deploy";
    case Tab::Colleagues: return "/editor/colleagues";
    case Tab::Profile: return "/editor/profile";
  }
  return "/editor/";
}

App& app() {
  static App instance;
  return instance;
}

namespace {

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// The token after `prefix` ("/invite/abc/" -> "abc").
std::string token_after(const std::string& path, const char* prefix) {
  std::string t = path.substr(std::string(prefix).size());
  while (!t.empty() && t.back() == '/') t.pop_back();
  return t;
}

// A reseller opening a customer's editor carries ?subscription=; editor URLs keep it.
std::string with_query(const std::string& path) {
  const std::string q = js::query_param("subscription");
  return q.empty() || !starts_with(path, "/editor") ? path : path + "?subscription=" + q;
}

}  // namespace

std::string App::sub_url(const std::string& rest) const {
  return "/api/subscriptions/" + std::to_string(subscription_id) + rest;
}

void App::start() {
  platform::set_ui_language(platform::initial_language());
  platform::on_popstate([this](const std::string& path) { open_path(path); });
  platform::hold_first_frame_until([this] { return screen != Screen::Loading; });
  api_client.set_hooks({[this] { return user.has_value(); }, [this] { session_ended(); },
                        [this] { announce(phrase("Cannot reach the Signet server. Check your connection, then try again.")); }});
  open_path(platform::location_path());
}

void App::open_path(const std::string& path) {
  if (starts_with(path, "/invite/") && path.size() > 8) {
    invite = InviteState{};
    invite.token = token_after(path, "/invite/");
    screen = Screen::Loading;
    check_invitation();
    return;
  }
  if (starts_with(path, "/reset/") && path.size() > 7) {
    reset = ResetState{};
    reset.token = token_after(path, "/reset/");
    go(Screen::Reset, path);
    check_reset_link();
    return;
  }
  if (path == "/editor/forgot-password") {
    show_forgot();
    return;
  }
  if (user && info && screen == Screen::Editor) {
    guard([this, path] { apply_editor_path(path); });
    return;
  }
  if (user) {
    after_sign_in(path);
    return;
  }
  screen = Screen::Loading;
  api("GET", "/api/session", nullptr, [this, path](const net::Response& r) {
    if (r.ok()) {
      signed_in(r.body);
      after_sign_in(path);
    } else {
      wanted_path_ = path;
      go(Screen::SignIn, starts_with(path, "/editor") && path != "/editor/forgot-password" ? path : "/editor/");
    }
  }, true);
}

void App::go(Screen s, const std::string& path, bool push) {
  if (s != screen) ++screen_serial;
  screen = s;
  if (push) platform::push_url(with_query(path));
  else platform::replace_url(with_query(path));
  platform::mark_dirty();
}

// The page title follows the screen and the language; a change of place is read out.
void App::update_title() {
  const char* what = nullptr;
  switch (screen) {
    case Screen::Loading: return;
    case Screen::Invite:
      what = invite.info && invite.info->kind == "team" ? phrase("Join your team") : phrase("Accept your invitation");
      break;
    case Screen::InviteInvalid: what = phrase("Invitation link"); break;
    case Screen::SignIn: what = phrase("Sign in to the signature editor"); break;
    case Screen::Forgot: what = phrase("Forgot password"); break;
    case Screen::Reset:
      what = reset.done ? phrase("Your password has been changed")
                        : reset.expired ? phrase("Link no longer valid") : phrase("Choose a new password");
      break;
    case Screen::NoSubscription: what = phrase("No signatures to edit"); break;
    case Screen::Editor:
      switch (tab) {
        case Tab::Templates: what = phrase("Templates"); break;
        case Tab::Users: what = phrase("Users"); break;
        case Tab::Deploy: what = phrase("Deploy"); break;
        case Tab::Colleagues: what = phrase("Colleagues"); break;
        case Tab::Profile: what = phrase("Your profile"); break;
      }
      break;
  }
  const std::string title = std::string(tr(what)) + " · " + tr("Signet signature editor");
  if (title == title_shown_) return;
  const bool same_place = title_key_ == what;
  title_shown_ = title;
  title_key_ = what;
  platform::set_document_title(title);
  if (!same_place) platform::announce(tr(what));
}

void App::announce(const std::string& english) { platform::announce(trm(english)); }

void App::set_language(signet::Language lang) {
  platform::set_ui_language(lang);
  if (!user) return;
  const std::string code(signet::language_code(lang));
  user->language = code;
  nlohmann::json body{{"language", code}};
  api("PATCH", "/api/me", &body, [this](const net::Response& r) {
    if (!r.ok()) show_toast(r.message_or(phrase("Could not save your language.")));
  });
}

void App::session_ended() {
  std::string email = user->email;
  user.reset();
  js::preview_hide();
  signin = SignInState{};
  signin.email.set(email);
  signin.note = net::kSessionEndedNote;
  wanted_path_ = platform::location_path();
  go(Screen::SignIn, wanted_path_);
}

void App::show_toast(std::string text) { toast.show(std::move(text)); }

void App::check_invitation() {
  api("GET", "/api/invitations/" + net::url_encode(invite.token), nullptr, [this](const net::Response& r) {
    if (r.ok()) {
      invite.info = signet::invitation_info_from_json(r.body);
      if (invite.info) {
        invite.name.set(invite.info->contact_name);
        // The language the reseller chose for this customer (the mail was in it); EN | NL still switches.
        if (auto lang = signet::parse_language(invite.info->language)) platform::set_ui_language(*lang);
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
  signet::AcceptInvitation acc{signet::normalize_text(invite.name.value),
                               signet::normalize_text(invite.phone.value), invite.password.value};
  auto errors = signet::validate(acc, invite.info ? invite.info->contact_email : "");
  if (!errors.empty() || invite.sending) {
    if (!errors.empty()) announce(errors.begin()->second);
    return;
  }
  invite.sending = true;
  invite.error.clear();
  nlohmann::json body{{"name", acc.name}, {"phone", acc.phone}, {"password", acc.password}};
  api("POST", "/api/invitations/" + net::url_encode(invite.token) + "/accept", &body,
      [this](const net::Response& r) {
        if (r.ok()) {
          invite.password.set("");
          // The new account remembers the language this screen was shown in; a team member
          // continues in the portal once that is saved.
          signed_in(r.body, false);
          const std::string code(signet::language_code(platform::ui_language()));
          if (user) user->language = code;
          nlohmann::json lang{{"language", code}};
          const bool team = invite.info && invite.info->kind == "team";
          api("PATCH", "/api/me", &lang, [this, team](const net::Response&) {
            invite.sending = false;
            if (team || (user && user->role == signet::Role::Reseller)) {
              js::go_to("/");
              return;
            }
            open_editor("/editor/");
          });
          return;
        }
        invite.sending = false;
        if (r.status == 400 && !r.fields.empty()) {
          ui::show_server_errors(r.fields, {{"name", &invite.name}, {"phone", &invite.phone}, {"password", &invite.password}},
                                 invite.error);
          announce(r.fields.begin()->second);
          return;
        } else if (r.status == 410 || r.status == 404) {
          invite.bad_status = r.status;
          go(Screen::InviteInvalid, "/invite/" + invite.token);
          return;
        } else if (r.status == 409) {
          invite.error = r.error_message.empty()
                             ? phrase("An account with this e-mail address already exists. Sign in instead.")
                             : r.error_message;
        } else {
          invite.error = r.message_or(phrase("Something went wrong. Try again."));
        }
        announce(invite.error);
      }, true);
}

void App::submit_signin() {
  if (signin.sending) return;
  signin.sending = true;
  signin.error.clear();
  nlohmann::json body{{"email", signet::normalize_email(signin.email.value)}, {"password", signin.password.value}};
  api("POST", "/api/session", &body, [this](const net::Response& r) {
    signin.sending = false;
    if (r.ok()) {
      signin.password.set("");
      signin.note.clear();
      signed_in(r.body);
      after_sign_in(wanted_path_.empty() ? platform::location_path() : wanted_path_);
      return;
    }
    signin.error = net::sign_in_refusal(r);
    announce(signin.error);
  }, true);
}

void App::signed_in(const nlohmann::json& body, bool apply_language) {
  user = net::adopt_session(body, apply_language);
  if (body.is_object() && body.contains("user")) {
    const auto& j = body["user"];
    if (j.is_object() && j.contains("phone") && j["phone"].is_string()) user_phone = j["phone"].get<std::string>();
  }
}

// A reseller who signed in here belongs in the portal, unless they opened a customer's
// editor from it (?subscription=).
void App::after_sign_in(const std::string& path) {
  wanted_path_.clear();
  if (user && user->role == signet::Role::Reseller && js::query_param("subscription").empty()) {
    screen = Screen::Loading;
    js::go_to("/");
    return;
  }
  open_editor(starts_with(path, "/editor") && path != "/editor/forgot-password" ? path : "/editor/");
}

void App::open_editor(const std::string& path) {
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
  api("GET", sub_url("/editor-info"), nullptr, [this, path](const net::Response& r) {
    if (r.ok()) info = signet::customer_view_from_json(r.body);
    if (!info) {
      go(Screen::NoSubscription, "/editor/");
      return;
    }
    users = UsersState{};
    templates = TemplatesState{};
    deploy = DeployState{};
    live = LiveDeployState{};
    colleagues = ColleaguesState{};
    tab = Tab::Templates;
    go(Screen::Editor, "/editor/");
    load_templates();
    load_preview_users();
    reload_users();
    apply_editor_path(path);
  });
}

// /editor/users, /editor/templates/12 ... -> the tab (and template) they name.
void App::apply_editor_path(const std::string& path) {
  Tab t = Tab::Templates;
  int64_t template_id = 0;
  for (Tab c : {Tab::Users, Tab::Deploy, Tab::Colleagues, Tab::Profile})
    if (starts_with(path, tab_path(c))) t = c;
  if (starts_with(path, "/editor/templates/")) template_id = std::atoll(path.c_str() + 18);
  select_tab(t, false);
  if (template_id > 0 && template_id != templates.selected_id) {
    if (templates.loaded) select_template(template_id);
    else templates.selected_id = template_id;  // load_templates() picks it up
  }
  platform::replace_url(with_query(path == "/editor" ? "/editor/" : path));
}

void App::sign_out() {
  guard([this] {
    js::preview_hide();
    js::set_unsaved(false);
    api("DELETE", "/api/session", nullptr, [this](const net::Response&) {
      std::string email = user ? user->email : "";
      user.reset();
      info.reset();
      net::drop_session();
      signin = SignInState{};
      signin.email.set(email);
      signin.note = phrase("You are signed out.");
      go(Screen::SignIn, "/editor/", true);
      announce(signin.note);
    }, true);
  });
}

void App::select_tab(Tab t, bool push) {
  if (push) {
    std::string path = tab_path(t);
    if (t == Tab::Templates && templates.selected_id) path += "/" + std::to_string(templates.selected_id);
    if (t != tab) platform::push_url(with_query(path));
  }
  if (t == tab) return;
  tab = t;
  if (t == Tab::Deploy) {
    load_deployment();
    load_rules();
    if (google_product()) load_live();
    else load_mailflow();
  }
  if (t == Tab::Users && users.total < 0) reload_users();
  if (t == Tab::Colleagues) load_colleagues();
  if (t == Tab::Profile) open_profile();
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
      users.error = r.message_or(phrase("Could not load the directory."));
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
          show_toast(is_new ? phrase("Person added.") : phrase("Changes saved."));
          reload_users();
          load_preview_users();
          return;
        }
        users.server_fields = r.fields;
        if (r.error_code == "seat_limit" || r.status == 409)
          users.dialog_error = r.message_or(phrase("Your subscription has no free seats."));
        else if (r.fields.empty())
          users.dialog_error = r.message_or(phrase("Could not save."));
      });
}

void App::remove_user(int64_t id) {
  api("DELETE", sub_url("/users/" + std::to_string(id)), nullptr, [this](const net::Response& r) {
    if (r.ok()) {
      show_toast(phrase("Person removed."));
      reload_users();
      load_preview_users();
    } else {
      show_toast(r.message_or(phrase("Could not remove.")));
    }
  });
}

void App::import_csv() {
  if (users.importing || read_only()) return;
  users.importing = true;
  users.import_error.clear();
  users.import_result.reset();
  api_client.send("POST", sub_url("/users/import"), net::Body{users.csv, "text/csv; charset=utf-8"},
                [this](const net::Response& r) {
                  users.importing = false;
                  if (r.ok()) {
                    users.import_result = signet::import_result_from_json(r.body);
                    reload_users();
                    load_preview_users();
                  } else if (r.error_code == "seat_limit") {
                    users.import_error = r.message_or(phrase("Importing these people would exceed your number of users."));
                  } else if (r.status == 0) {
                    users.import_error = phrase("Cannot reach the Signet server.");
                  } else if (r.fields.count("file")) {  // too many rows for one file
                    users.import_error = r.fields.at("file");
                  } else {
                    users.import_error = r.message_or(phrase("The import failed."));
                  }
                });
}

// ---- templates ----

void App::load_templates(int64_t select_id) {
  api("GET", sub_url("/templates"), nullptr, [this, select_id](const net::Response& r) {
    if (!r.ok()) {
      templates.error = r.message_or(phrase("Could not load the templates."));
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
      show_toast(phrase("Template created."));
      load_templates(t ? t->id : 0);
    } else {
      show_toast(r.message_or(phrase("Could not create the template.")));
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
      show_toast(phrase("Template saved."));
      load_templates(id);
    } else if (r.status == 409) {
      templates.conflict = true;
    } else {
      templates.server_fields = r.fields;
      templates.error = r.message_or(phrase("Could not save the template."));
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
      show_toast(phrase("Reloaded the latest version."));
    }
  });
}

void App::delete_template() {
  if (!templates.editing || read_only()) return;
  const int64_t id = templates.editing->id;
  api("DELETE", sub_url("/templates/" + std::to_string(id)), nullptr, [this](const net::Response& r) {
    if (r.ok()) {
      show_toast(phrase("Template deleted."));
      templates.selected_id = 0;
      templates.editing.reset();
      templates.saved_json.clear();
      load_templates();
    } else {
      show_toast(r.message_or(phrase("Could not delete the template.")));
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
  // A made-up person while the directory is empty; the job title follows the UI language.
  const signet::DirectoryUser kSample = [] {
    signet::DirectoryUser u;
    u.email = "jane.doe@example.com";
    u.display_name = "Jane Doe";
    u.first_name = "Jane";
    u.last_name = "Doe";
    u.job_title = tr("Office manager");
    u.department = tr("Operations");
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
      deploy.error = r.message_or(phrase("Could not build the deployment files."));
    }
  });
}

void App::load_rules() {
  api("GET", sub_url("/template-rules"), nullptr, [this](const net::Response& r) {
    auto rules = r.ok() ? signet::parse_template_rules(r.body) : signet::Parsed<std::vector<signet::TemplateRule>>{};
    if (!r.ok() || !rules.ok()) {
      deploy.rules_error = r.message_or(phrase("Could not load the assignment rules."));
      return;
    }
    deploy.rules = std::move(rules.value);
    deploy.saved_rules = signet::to_json(deploy.rules).dump();
    deploy.rules_loaded = true;
    deploy.rules_error.clear();
  });
}

void App::save_rules() {
  if (deploy.rules_saving || read_only()) return;
  deploy.rules_saving = true;
  nlohmann::json body = signet::to_json(deploy.rules);
  api("PUT", sub_url("/template-rules"), &body, [this](const net::Response& r) {
    deploy.rules_saving = false;
    if (r.ok()) {
      deploy.saved_rules = signet::to_json(deploy.rules).dump();
      deploy.rules_error.clear();
      show_toast(phrase("Assignment rules saved."));
      load_deployment();
    } else {
      std::string msg = r.message_or(phrase("Could not save the rules."));
      deploy.rules_error = msg;
      deploy.rules_field_errors = r.fields;
    }
  });
}

void App::download_deployment() { js::download(sub_url("/deployment?download=1")); }

// ---- live deployment to Google Workspace ----

void App::take_live_status(const nlohmann::json& body) {
  live.status = signet::google_deployment_from_json(body);
  live.loaded = true;
  live.error = live.status ? "" : phrase("Could not load the deployment status.");
  // Poll while the run is under way; a finished run changes no more by itself.
  live.poll_at = live.status && live.status->running() ? platform::now_ms() + 2000 : -1;
  if (live.poll_at >= 0) platform::wake_after(2010);
}

void App::load_live() {
  live.poll_at = -1;
  const int64_t sub = subscription_id;
  api("GET", sub_url("/google"), nullptr, [this, sub](const net::Response& r) {
    if (sub != subscription_id) return;
    if (r.ok()) take_live_status(r.body);
    else live.error = r.message_or(phrase("Could not load the deployment status."));
  });
}

void App::live_call(const char* method, const std::string& rest, const nlohmann::json* body, const char* done_toast,
                    const char* fallback) {
  if (live.busy || read_only()) return;
  live.busy = true;
  live.error.clear();
  api(method, sub_url(rest), body, [this, done_toast, fallback](const net::Response& r) {
    live.busy = false;
    if (r.ok()) {
      live.key_error.clear();
      if (r.status == 204) load_live();
      else take_live_status(r.body);
      show_toast(done_toast);
    } else if (r.fields.count("key")) {
      live.key_error = r.fields.at("key");
    } else {
      live.error = r.message_or(fallback);
      load_live();  // the status may have moved on meanwhile (another person, a finished run)
    }
  });
}

void App::connect_google() {
  if (live.busy || read_only()) return;
  js::pick_file(".json,application/json", [this](std::string bytes) {
    const nlohmann::json key = nlohmann::json::parse(bytes, nullptr, false);
    if (!key.is_object()) {
      live.key_error = phrase("This file is not a service account key (JSON) from the Google Cloud console.");
      return;
    }
    live_call("PUT", "/google", &key, phrase("Connected. Deploying the signatures now."),
              phrase("Could not connect the key."));
  });
}

void App::deploy_google() {
  const nlohmann::json none = nlohmann::json::object();
  live_call("POST", "/google/deploy", &none, phrase("Deploying the signatures now."), phrase("Could not start the deployment."));
}

void App::retry_google() {
  const nlohmann::json none = nlohmann::json::object();
  live_call("POST", "/google/retry", &none, phrase("Trying the failed people again."), phrase("Could not retry the failed people."));
}

void App::disconnect_google() {
  live_call("DELETE", "/google", nullptr, phrase("Disconnected. The key is removed."), phrase("Could not disconnect."));
}

// ---- Microsoft 365: signatures in the mail flow ----

void App::load_mailflow() {
  const int64_t sub = subscription_id;
  api("GET", sub_url("/microsoft"), nullptr, [this, sub](const net::Response& r) {
    if (sub != subscription_id) return;
    mailflow.status = r.ok() ? signet::mailflow_deployment_from_json(r.body) : std::nullopt;
    mailflow.loaded = true;
    mailflow.error = mailflow.status ? "" : r.message_or(phrase("Could not load the mail flow settings."));
  });
}

void App::download_mailflow_script() { js::download(sub_url("/microsoft?download=1")); }

void App::open_template(int64_t id) {
  select_template(id);
  if (screen == Screen::Editor && tab == Tab::Templates)
    platform::push_url(with_query("/editor/templates/" + std::to_string(id)));
}

void App::frame() {
  test_hooks::set_screen(screen_name(screen));
  update_title();
  if (users.search_edited_at >= 0 && platform::now_ms() - users.search_edited_at >= 250) apply_search_now();
  if (live.poll_at >= 0 && platform::now_ms() >= live.poll_at && screen == Screen::Editor && tab == Tab::Deploy) load_live();
  js::set_unsaved(template_dirty());
  view_frame(*this);
}

}  // namespace customer
