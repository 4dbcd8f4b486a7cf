// Pieces shared by the customer app's view files (views.cpp: sign-in, invitation, editor;
// views_account.cpp: password reset, profile, colleagues).
#pragma once
#include <string>

#include "customer/app.h"
#include "platform/dialog.h"

namespace customer {

using ui::enter_pressed;
// A field's message: the server's when it has one, else the local rule's once the person
// has left the field or submitted.
std::string field_error(const Field& f, bool submitted, const std::optional<std::string>& rule);
// The shared password rules shown as they type, with a tick when the password passes.
void password_feedback(const char* test_name, const Field& f, const std::optional<std::string>& rule);
// A small "Copy" button that puts `text` on the clipboard and says so.
void copy_button(App& a, const std::string& id, const std::string& text);

void view_forgot(App& a);
void view_reset(App& a);
void view_profile(App& a, float h);
void view_colleagues(App& a, float h);

}  // namespace customer
