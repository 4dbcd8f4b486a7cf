// What the customer app's view files share: one file per screen or tab (views_header: header and
// offline banner; views_entry: invitation, invalid link, sign-in; views_templates, views_users,
// views_deploy, views_mailflow: the editor's tabs; views_account: reset, profile, colleagues; views: the frame
// and the editor around the tabs).
#pragma once
#include <optional>
#include <string>

#include "customer/app.h"
#include "platform/dialog.h"
#include "signet/validation.h"

namespace customer {

using ui::enter_pressed;

// A translated label with an ImGui ID that is the same in every language ("Opslaan###save").
std::string lbl(const char* text, const char* id);
// The message for field `key`: the server's, else the shared rule's, in the UI language.
std::string err(const signet::FieldErrors& local, const signet::FieldErrors& server, const std::string& key);
// The shared password rules shown as they type, with a tick when the password passes.
void password_feedback(const char* test_name, const Field& f, const std::optional<std::string>& rule);
// "Dec 4, 2026 14:05" in the browser's time zone, from the API's "2026-12-04T13:05:00Z"; "—"
// for none.
std::string local_time(const std::optional<std::string>& iso);
// Microsoft 365 in the Deploy tab: how the mail flows through Signet, and what it signed.
void view_mailflow(App& a);
// A small "Copy" button that puts `text` on the clipboard and says so.
void copy_button(App& a, const std::string& id, const std::string& text);

void view_header(App& a);
void view_unreachable(App& a);
void view_invite(App& a);
void view_invite_invalid(App& a);
void view_signin(App& a);
void view_no_subscription(App& a);
void view_templates(App& a, float h);
void view_users(App& a, float h);
void view_deploy(App& a, float h);
void view_forgot(App& a);
void view_reset(App& a);
void view_profile(App& a, float h);
void view_colleagues(App& a, float h);

}  // namespace customer
