// Pieces of the account screens that other views call into: the "Forgot password?" link,
// the header's user menu, copy buttons and the subscriptions table's bulk selection.
#pragma once
#include <string>

#include "imgui.h"
#include "portal/app.h"

namespace portal {

// Under the sign-in button: "Forgot password?" (opens the reset dialog).
void view_forgot_link(App& a);
// The avatar + name in the header as a button opening a menu (Profile and password).
// `min`/`max`: the screen rectangle of avatar and name.
void view_user_menu(App& a, ImVec2 min, ImVec2 max, const std::string& who);
// A small "Copy" link that puts `text` on the clipboard and says "Copied" for a moment.
// `id` makes it unique in its window; `what` names it for tests ("copy:<what>").
void copy_button(const char* id, const std::string& text, const std::string& what);
// Display name of a reseller role ("Owner") and its one-line explanation.
const char* role_label(const std::string& role);
const char* role_explanation(const std::string& role);

void view_invite_dialog(App& a);  // view_team.cpp

// Subscriptions table: the tick-box column (setup, header cell, row cell) and the toolbar
// part (Export all; the "{n} selected" bar with Resend invitations / Export selected).
void bulk_setup_column();
void bulk_header_cell(App& a);
void bulk_row_cell(App& a, const signet::Subscription& s);
void view_bulk_toolbar(App& a);

}  // namespace portal
