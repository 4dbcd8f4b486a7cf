// Account screens of the customer app: forgotten password, password reset (/reset/{token}),
// the profile (/editor/profile) and colleagues (/editor/colleagues).
#include <cfloat>
#include <cstdio>

#include "customer/views_common.h"
#include "imgui.h"
#include "platform/platform.h"
#include "platform/theme.h"
#include "platform/tr.h"
#include "platform/widgets.h"
#include "signet/validation.h"
#include "test_hooks/test_hooks.h"

namespace customer {

using platform::px;



void password_feedback(const char* test_name, const Field& f, const std::optional<std::string>& rule) {
  if (f.value.empty() || rule || !f.server_error.empty()) return;
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - px(4));
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colors().success);
  const std::string ok = std::string("\xE2\x9C\x93 ") + tr("Strong enough");
  ui::text(ok.c_str());
  ImGui::PopStyleColor();
  test_hooks::name_last_item(test_name, "Strong enough");
}

void copy_button(App& a, const std::string& id, const std::string& text) {
  if (ui::secondary_button((std::string(tr("Copy")) + "##copy" + id).c_str())) {
    ImGui::SetClipboardText(text.c_str());
    a.show_toast(signet::fill(signet::phrase("Copied {text}."), {{"text", text}}));
  }
  test_hooks::name_last_item(("copy:" + text).c_str());
}

namespace {

// A password field with the shared rules under it as they type (and a tick when fine).
void new_password_fields(Field& password, Field& repeat, bool submitted, const std::string& email, float width,
                         const char* label, const char* test_prefix) {
  auto rule = signet::check_password(password.value, email);
  std::string msg = password.server_error.empty() ? std::string() : trm(password.server_error);
  if (msg.empty() && rule && (!password.value.empty() || submitted)) msg = trm(*rule);
  if (ui::text_field(label, (std::string("##") + test_prefix + "pw").c_str(), password.value, msg,
                     {ui::Kind::NewPassword, nullptr, width},
                     tr("At least 12 characters; not a common password or your e-mail address.")))
    password.server_error.clear();
  password_feedback((std::string(test_prefix) + "password:ok").c_str(), password, rule);
  const bool mismatch = !repeat.value.empty() && password.value != repeat.value;
  const std::string repeat_msg =
      mismatch && (submitted || password.value.size() <= repeat.value.size())
          ? std::string(tr("The passwords do not match."))
          : (submitted && repeat.value.empty() ? std::string(tr("Repeat the new password.")) : std::string());
  ui::text_field(tr("Repeat the new password"), (std::string("##") + test_prefix + "repeat").c_str(), repeat.value,
                 repeat_msg, {ui::Kind::NewPassword, nullptr, width});
  if (!repeat_msg.empty()) test_hooks::name_last_item((std::string(test_prefix) + "error:repeat").c_str(), repeat_msg.c_str());
}

}  // namespace

void view_forgot(App& a) {
  ForgotState& s = a.forgot;
  float inner = ui::card_begin("forgot", px(460), ImGui::GetCursorPosY() + px(72));
  ui::heading(tr("Forgot password?"));
  if (s.sent) {
    const char* done = tr("If an account exists for that address, we have sent a link. It is valid for one hour.");
    ui::message(ui::Tone::Success, done);
    test_hooks::name_last_item("forgot:sent", done);
  } else {
    ui::muted_text(tr("Enter the e-mail address you sign in with. We will send you a link to choose a new password."));
    ImGui::Dummy(ImVec2(0, px(6)));
    if (!s.error.empty()) ui::message(ui::Tone::Danger, trm(s.error).c_str());
    static int seen = -1;
    if (seen != a.screen_serial) {
      seen = a.screen_serial;
      ui::autofocus_field();
    }
    const std::string e = ui::field_message(s.email, false, signet::check_email(signet::normalize_email(s.email.value)));
    if (ui::text_field(tr("E-mail address"), "##fg_email", s.email.value, e,
                       {ui::Kind::Username, tr("you@company.com"), inner}, nullptr, &s.email.touched))
      s.email.server_error.clear();
    ImGui::Dummy(ImVec2(0, px(4)));
    const std::string label = std::string(s.sending ? tr("Sending…") : tr("Send link")) + "###sendlink";
    if (ui::primary_button(label.c_str(), !s.sending && !s.email.value.empty(), ImVec2(inner, px(44)))) a.submit_forgot();
    test_hooks::name_last_item("Send link");
    if (!s.sending && !s.email.value.empty() && enter_pressed()) a.submit_forgot();
  }
  ImGui::Dummy(ImVec2(0, px(4)));
  if (ui::link_button(tr("Back to sign in"))) a.show_sign_in();
  test_hooks::name_last_item("Back to sign in");
  ui::card_end();
}

void view_reset(App& a) {
  ResetState& s = a.reset;
  float inner = ui::card_begin("reset", px(480), ImGui::GetCursorPosY() + px(72));
  if (s.done) {
    ui::heading(tr("Your password has been changed"));
    test_hooks::name_last_item("reset:done");
    ui::muted_text(tr("Sign in with your new password."));
    ImGui::Dummy(ImVec2(0, px(8)));
    if (ui::primary_button(tr("Sign in"), true, ImVec2(inner, px(44)))) a.show_sign_in();
    test_hooks::name_last_item("Sign in");
  } else if (s.expired) {
    ui::heading(tr("This link can no longer be used"));
    test_hooks::name_last_item("reset:expired");
    const char* body = tr("A password link works once and for one hour. It was already used or has expired. Request a new link and open the newest e-mail.");
    ui::muted_text(body);
    test_hooks::name_last_item("reset:expired-body", body);
    ImGui::Dummy(ImVec2(0, px(8)));
    if (ui::primary_button(tr("Request a new link"))) a.show_forgot();
    test_hooks::name_last_item("Request a new link");
    ImGui::SameLine();
    if (ui::secondary_button(tr("Sign in"))) a.show_sign_in();
  } else {
    ui::heading(tr("Choose a new password"));
    ui::muted_text(tr("After this, sign in with your e-mail address and the new password."));
    ImGui::Dummy(ImVec2(0, px(6)));
    if (!s.email.empty()) {
      // Read-only, and marked as the user name: a password manager saves the new password with it.
      std::string email = s.email;
      ui::text_field(tr("User name"), "##reset_email", email, "", {ui::Kind::Username, nullptr, inner, 0, true});
    }
    if (!s.error.empty()) ui::message(ui::Tone::Danger, trm(s.error).c_str());
    static int seen = -1;
    if (seen != a.screen_serial) {
      seen = a.screen_serial;
      ui::autofocus_field();
    }
    new_password_fields(s.password, s.repeat, s.submitted, s.email, inner, tr("New password"), "");
    ImGui::Dummy(ImVec2(0, px(6)));
    const std::string label = std::string(s.sending ? tr("Saving…") : tr("Save new password")) + "###savereset";
    if (ui::primary_button(label.c_str(), !s.sending, ImVec2(inner, px(44)))) a.submit_reset();
    test_hooks::name_last_item("Save new password");
    if (!s.sending && enter_pressed()) a.submit_reset();
  }
  ui::card_end();
}

void view_profile(App& a, float h) {
  ProfileState& s = a.profile;
  ImGui::BeginChild("##profile", ImVec2(0, h), false);
  const float w = std::min(px(480), ImGui::GetContentRegionAvail().x - px(8));
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
  ui::heading(tr("Your profile"));
  if (a.user) {
    const std::string who = trf("You sign in as {email}.", {{"email", a.user->email}});
    ui::muted_text(who.c_str());
  }
  ImGui::Dummy(ImVec2(0, px(6)));
  if (!s.error.empty()) ui::message(ui::Tone::Danger, trm(s.error).c_str());
  const std::string name_err = ui::field_message(s.name, s.submitted, signet::check_person_name(s.name.value));
  if (ui::text_field(tr("Name"), "##pf_name", s.name.value, name_err, {ui::Kind::Name, nullptr, w}, nullptr,
                     &s.name.touched))
    s.name.server_error.clear();
  const std::string phone_err = ui::field_message(s.phone, s.submitted, signet::check_phone(s.phone.value));
  if (ui::text_field(tr("Phone (optional)"), "##pf_phone", s.phone.value, phone_err,
                     {ui::Kind::Phone, "+31 20 123 4567", w}, nullptr, &s.phone.touched))
    s.phone.server_error.clear();
  if (ui::primary_button((std::string(s.sending ? tr("Saving…") : tr("Save")) + "###saveprofile").c_str(), !s.sending))
    a.save_profile();
  test_hooks::name_last_item("profile:save");

  ImGui::Dummy(ImVec2(0, px(18)));
  ui::heading(tr("Change password"));
  ui::muted_text(tr("Other sessions are signed out when you change your password."));
  ImGui::Dummy(ImVec2(0, px(4)));
  if (!s.pw_error.empty()) ui::message(ui::Tone::Danger, trm(s.pw_error).c_str());
  const std::string cur_err = !s.current.server_error.empty()
                                  ? trm(s.current.server_error)
                                  : (s.pw_submitted && s.current.value.empty() ? std::string(tr("Enter your current password."))
                                                                          : std::string());
  if (ui::text_field(tr("Current password"), "##pf_current", s.current.value, cur_err,
                     {ui::Kind::CurrentPassword, nullptr, w}))
    s.current.server_error.clear();
  new_password_fields(s.password, s.repeat, s.pw_submitted, a.user ? a.user->email : "", w, tr("New password"),
                      "profile:");
  if (ui::primary_button((std::string(s.pw_sending ? tr("Saving…") : tr("Change password")) + "###changepw").c_str(),
                         !s.pw_sending))
    a.change_password();
  test_hooks::name_last_item("profile:change-password");
  ImGui::PopTextWrapPos();
  ImGui::EndChild();
}

namespace {

void colleague_confirm_dialog(App& a) {
  ColleaguesState& s = a.colleagues;
  const char* title = s.confirm_invitation ? tr("Revoke invitation?") : tr("Remove colleague?");
  if (ui::dialog_begin("###rmcolleague", title, s.want_confirm, 480)) {
    const std::string q =
        s.confirm_invitation
            ? trf("Revoke the invitation of {who}? The link in their e-mail stops working.", {{"who", s.confirm_who}})
            : trf("Remove {who}? They can no longer sign in to edit your signatures.", {{"who", s.confirm_who}});
    ui::text(q.c_str());
    ImGui::Dummy(ImVec2(0, px(8)));
    if (ui::danger_button((std::string(s.confirm_invitation ? tr("Revoke") : tr("Remove")) + "###confirmcol").c_str())) {
      a.remove_colleague();
      s.want_confirm = false;
    }
    test_hooks::name_last_item("colleague:confirm");
    ImGui::SameLine();
    if (ui::secondary_button((std::string(tr("Cancel")) + "###cancelcol").c_str()) || ui::escape_pressed())
      s.want_confirm = false;
    ui::dialog_end();
  }
}

std::string local_date(const std::string& iso_timestamp) {
  if (auto d = signet::parse_iso(iso_timestamp.substr(0, 10))) return signet::format_date(*d, platform::ui_language());
  return iso_timestamp;
}

}  // namespace

void view_colleagues(App& a, float h) {
  const auto& k = theme::colors();
  ColleaguesState& s = a.colleagues;
  ImGui::BeginChild("##colleagues", ImVec2(0, h), false);
  const float avail = ImGui::GetContentRegionAvail().x;
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::min(avail, px(760)));
  ui::heading(tr("Colleagues"));
  ui::muted_text(tr("Colleagues you invite can edit your company's signatures here. They do not see billing."));
  ImGui::PopTextWrapPos();
  if (!s.error.empty()) ui::message(ui::Tone::Danger, trm(s.error).c_str());
  ImGui::Dummy(ImVec2(0, px(6)));

  // Invite form: name and e-mail side by side, checked as they type.
  ui::label_text(tr("Invite a colleague"));
  if (!s.invite_error.empty()) ui::message(ui::Tone::Danger, trm(s.invite_error).c_str());
  // Side by side where there is room; one under the other on a phone.
  const bool stacked = ui::narrow_layout();
  const float fw = stacked ? avail : std::min(px(300), (avail - px(40)) * 0.4f);
  ImGui::BeginGroup();
  const std::string name_err = ui::field_message(s.name, s.submitted, signet::check_person_name(s.name.value));
  if (ui::text_field(tr("Colleague's name"), "##col_name", s.name.value, name_err, {ui::Kind::Name, nullptr, fw}, nullptr,
                     &s.name.touched))
    s.name.server_error.clear();
  ImGui::EndGroup();
  if (!stacked) ImGui::SameLine(0, px(12));
  ImGui::BeginGroup();
  const std::string email_err =
      ui::field_message(s.email, s.submitted, signet::check_email(signet::normalize_email(s.email.value)));
  if (ui::text_field(tr("Colleague's e-mail address"), "##col_email", s.email.value, email_err,
                     {ui::Kind::Email, tr("colleague@company.com"), fw}, nullptr, &s.email.touched))
    s.email.server_error.clear();
  ImGui::EndGroup();
  if (!stacked) ImGui::SameLine(0, px(12));
  ImGui::BeginGroup();
  if (!stacked) ImGui::Dummy(ImVec2(0, ImGui::GetTextLineHeight() - px(4)));
  if (ui::primary_button((std::string(s.sending ? tr("Sending…") : tr("Send invitation")) + "###invitecol").c_str(),
                         !s.sending))
    a.invite_colleague();
  test_hooks::name_last_item("colleague:invite");
  ImGui::EndGroup();
  ImGui::Dummy(ImVec2(0, px(10)));

  if (!s.loaded) {
    if (s.loading) ui::spinner();
    ImGui::EndChild();
    return;
  }
  const int64_t me = a.user ? a.user->id : 0;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("colleagues", 4, flags)) {
    // A phone shows the name (else the address) and the actions.
    const ImGuiTableColumnFlags wide_only = stacked ? ImGuiTableColumnFlags_Disabled : 0;
    ImGui::TableSetupColumn(tr("Name"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn(tr("E-mail address"), ImGuiTableColumnFlags_WidthStretch | wide_only, 3.0f);
    ImGui::TableSetupColumn(tr("Status"), ImGuiTableColumnFlags_WidthStretch | wide_only, 2.2f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed,
                            ui::button_width(tr("Copy")) + ui::button_width(tr("Revoke")) + px(24));
    ImGui::TableHeadersRow();
    for (const auto& u : s.users) {
      ImGui::TableNextRow();
      ImGui::PushID((int)u.id);
      ImGui::TableSetColumnIndex(0);
      ImGui::AlignTextToFramePadding();
      const std::string who = u.name.empty() ? u.email : u.name;
      const std::string name = u.id == me ? trf("{name} (you)", {{"name", who}}) : who;
      ui::fitted_text(name.c_str());
      test_hooks::name_last_item(("colleague:" + u.email).c_str(), u.name.c_str());
      if (ImGui::TableSetColumnIndex(1)) {
        ImGui::AlignTextToFramePadding();
        ui::fitted_text(u.email.c_str());
      }
      if (ImGui::TableSetColumnIndex(2)) {
        ImGui::AlignTextToFramePadding();
        ImGui::PushStyleColor(ImGuiCol_Text, k.success);
        ui::fitted_text(u.is_primary ? tr("Main contact") : tr("Active"));
        ImGui::PopStyleColor();
      }
      ImGui::TableSetColumnIndex(3);
      copy_button(a, "u" + std::to_string(u.id), u.email);
      if (u.id != me) {  // you cannot remove yourself
        ImGui::SameLine();
        if (ui::danger_button(tr("Remove"))) {
          s.confirm_invitation = false;
          s.confirm_id = u.id;
          s.confirm_who = u.name.empty() ? u.email : u.name + " (" + u.email + ")";
          s.want_confirm = true;
        }
        test_hooks::name_last_item(("remove-colleague:" + u.email).c_str());
      }
      ImGui::PopID();
    }
    for (const auto& inv : s.invitations) {
      ImGui::TableNextRow();
      ImGui::PushID((int)(inv.id + 1000000000));
      ImGui::TableSetColumnIndex(0);
      ImGui::AlignTextToFramePadding();
      ui::fitted_text((inv.name.empty() ? inv.email : inv.name).c_str());
      test_hooks::name_last_item(("invitation:" + inv.email).c_str(), inv.name.c_str());
      if (ImGui::TableSetColumnIndex(1)) {
        ImGui::AlignTextToFramePadding();
        ui::fitted_text(inv.email.c_str());
      }
      if (ImGui::TableSetColumnIndex(2)) {
        ImGui::AlignTextToFramePadding();
        const std::string status = inv.expires_at.empty()
                                       ? std::string(tr("Invited"))
                                       : trf("Invited, link valid until {date}", {{"date", local_date(inv.expires_at)}});
        ImGui::PushStyleColor(ImGuiCol_Text, k.warning);
        ui::fitted_text(status.c_str());
        ImGui::PopStyleColor();
      }
      ImGui::TableSetColumnIndex(3);
      copy_button(a, "i" + std::to_string(inv.id), inv.email);
      ImGui::SameLine();
      if (ui::danger_button(tr("Revoke"))) {
        s.confirm_invitation = true;
        s.confirm_id = inv.id;
        s.confirm_who = inv.name.empty() ? inv.email : inv.name + " (" + inv.email + ")";
        s.want_confirm = true;
      }
      test_hooks::name_last_item(("revoke-invitation:" + inv.email).c_str());
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  colleague_confirm_dialog(a);
  ImGui::EndChild();
}

}  // namespace customer
