// Account views outside the team screen: the forgot-password dialog, the header's user menu,
// the profile dialog (name, phone, password change), the "no access" state, copy buttons and
// the modal frame they share.
#include <map>

#include "platform/theme.h"
#include "platform/tr.h"
#include "portal/permissions.h"
#include "portal/view_accounts.h"
#include "portal/view_common.h"
#include "test_hooks/test_hooks.h"

namespace portal {
namespace {

// A local (shared-rule) message for `key`, in the UI language.
std::optional<std::string> local_of(const signet::FieldErrors& e, const char* key) {
  auto it = e.find(key);
  if (it == e.end()) return std::nullopt;
  return it->second;
}

}  // namespace

// ---- shared pieces ----

void copy_button(const char* id, const std::string& text, const std::string& what) {
  // "Copied" for two seconds after a click on this button (one at a time is enough).
  static std::string copied_id;
  static double copied_until = 0;
  const std::string key = std::string(id) + text;
  const bool showing = copied_id == key && platform::now_ms() < copied_until;
  const std::string label = std::string(showing ? tr("Copied") : tr("Copy")) + "##copy_" + id;
  ImGui::PushFont(platform::font(platform::FontRole::Small));
  const bool pressed = ui::link_button(label.c_str());
  ImGui::PopFont();
  test_hooks::name_last_item(("copy:" + what).c_str(), text.c_str());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", trf("Copy {text}", {{"text", text}}).c_str());
  if (pressed) {
    ImGui::SetClipboardText(text.c_str());  // the platform layer writes navigator.clipboard
    copied_id = key;
    copied_until = platform::now_ms() + 2000;
    platform::wake_after(2050);
    platform::announce(trf("Copied {text}", {{"text", text}}));
  }
}

const char* role_label(const std::string& role) {
  if (role == "owner") return tr("Owner");
  if (role == "billing") return tr("Billing");
  if (role == "support") return tr("Support");
  return role.empty() ? tr("Owner") : role.c_str();
}

const char* role_explanation(const std::string& role) {
  if (role == "billing") return tr("Sees billing and invoices; cannot change subscriptions or edit signatures.");
  if (role == "support") return tr("Manages subscriptions and signatures; no billing, cannot create or deactivate subscriptions.");
  return tr("Can do everything, including billing, the team and the audit log.");
}

// ---- sign-in: forgot password ----

void view_forgot_link(App& a) {
  ImGui::Dummy(ImVec2(0, platform::px(2)));
  if (ui::link_button(tr("Forgot password?"))) {
    a.forgot = ForgotPasswordState{};
    a.forgot.email.set(a.signin.email.value);  // what they already typed
    a.forgot.open = true;
  }
  test_hooks::name_last_item("Forgot password?");
}

static void forgot_dialog(App& a) {
  ForgotPasswordState& f = a.forgot;
  if (!ui::dialog_begin("###forgot_password", tr("Reset your password"), f.open, 480)) return;
  test_hooks::set_screen("forgot-password");
  const float inner = ui::dialog_inner_width();
  bool close = false;
  if (f.done) {
    ui::message(ui::Tone::Success,
                tr("If an account exists for that address, we have sent a link. It is valid for one hour."));
    test_hooks::name_last_item("forgot-confirmation",
                               tr("If an account exists for that address, we have sent a link. It is valid for one hour."));
    ui::muted_text(tr("Open the link in the e-mail to choose a new password. Check your spam folder if it does not arrive."), true);
    ImGui::Dummy(ImVec2(0, platform::px(6)));
    close = ui::primary_button(tr("Back to sign in"), true, ImVec2(inner, platform::px(42)));
    if (enter_pressed()) close = true;
  } else {
    ui::muted_text(tr("Enter the e-mail address of your account. We will send you a link to choose a new password."), true);
    ImGui::Dummy(ImVec2(0, platform::px(4)));
    if (!f.error.empty()) ui::message(ui::Tone::Danger, trm(f.error).c_str());
    static int open_serial = 0, seen = -1;
    if (ImGui::IsWindowAppearing()) ++open_serial;
    if (seen != open_serial) {
      seen = open_serial;
      ui::autofocus_field();
    }
    std::optional<std::string> local;
    if (auto m = signet::check_email(signet::normalize_email(f.email.value))) local = *m;
    form_field(f.email, tr("E-mail address"), "##forgot_email", f.submitted, local,
               {ui::Kind::Username, "you@company.com", inner});
    ImGui::Dummy(ImVec2(0, platform::px(6)));
    const float bw = (inner - platform::px(10)) * 0.5f;
    close = ui::secondary_button(tr("Cancel"), true, ImVec2(bw, platform::px(42)));
    ImGui::SameLine(0, platform::px(10));
    const std::string send = std::string(f.sending ? tr("Sending…") : tr("Send link")) + "##forgot_send";
    if (ui::primary_button(send.c_str(), !f.sending, ImVec2(bw, platform::px(42))))
      a.submit_forgot_password();
    if (!f.sending && enter_pressed()) a.submit_forgot_password();
  }
  if (escape_pressed()) close = true;
  if (close) f.open = false;
  ui::dialog_end();
}

// ---- header: user menu ----

void view_user_menu(App& a, ImVec2 min, ImVec2 max, const std::string& who) {
  ImGui::SetCursorScreenPos(min);
  const bool pressed = ImGui::InvisibleButton("##user_menu_button", ImVec2(max.x - min.x, max.y - min.y));
  test_hooks::name_last_item("user", who.c_str());
  if (ImGui::IsItemHovered()) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImGui::SetTooltip("%s", tr("Your profile and password"));
  }
  if (pressed) ImGui::OpenPopup("##user_menu");
  ImGui::SetNextWindowPos(ImVec2(max.x, max.y - platform::px(6)), ImGuiCond_Always, ImVec2(1.0f, 0.0f));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(platform::px(14), platform::px(12)));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(platform::px(8), platform::px(8)));
  if (ImGui::BeginPopup("##user_menu")) {
    if (a.user) {
      ui::label_text(a.user->name.empty() ? a.user->email.c_str() : a.user->name.c_str());
      ui::muted_text(a.user->email.c_str());
      const std::string role = trf("Role: {role}", {{"role", role_label(a.user->reseller_role)}});
      ui::muted_text(role.c_str());
      test_hooks::name_last_item("menu:role", role.c_str());
      ImGui::Separator();
      if (ImGui::Selectable(tr("Profile and password"))) a.open_profile();
      test_hooks::name_last_item("menu:Profile");
    }
    ImGui::EndPopup();
  }
  ImGui::PopStyleVar(2);
}

// ---- profile dialog ----

static void profile_dialog(App& a) {
  ProfileState& p = a.profile;
  // Side by side (profile | password) where there is room; stacked on narrow screens.
  const bool wide = ImGui::GetMainViewport()->Size.x >= platform::px(860);
  if (!a.user) p.open = false;  // the session ended underneath
  if (!ui::dialog_begin("###profile", tr("Your profile"), p.open, wide ? 820 : 540)) return;
  test_hooks::set_screen("profile");
  const float inner = ui::dialog_inner_width();
  const std::string signed_in_as = trf("Signed in as {email} · {role}",
                                       {{"email", a.user->email}, {"role", role_label(a.user->reseller_role)}});
  ui::muted_text(signed_in_as.c_str(), true);
  ImGui::Dummy(ImVec2(0, platform::px(4)));
  const bool columns =
      wide && ImGui::BeginTable("##profile_columns", 2, ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchSame);
  if (columns) ImGui::TableNextColumn();
  float col = columns ? ImGui::GetContentRegionAvail().x - platform::px(12) : inner;

  // Name and phone (validated as typed with the shared rules, like the new-subscription form).
  const signet::FieldErrors local = p.local_errors();
  if (!p.error.empty()) ui::message(ui::Tone::Danger, trm(p.error).c_str());
  if (form_field(p.name, tr("Name"), "##profile_name", p.submitted, local_of(local, "name"),
                 {ui::Kind::Name, nullptr, col}))
    p.saved.clear();
  if (form_field(p.phone, tr("Phone"), "##profile_phone", p.submitted, local_of(local, "phone"),
                 {ui::Kind::Phone, "+31 20 123 4567", col}, tr("Optional.")))
    p.saved.clear();
  const std::string save = std::string(p.sending ? tr("Saving…") : tr("Save")) + "##profile_save";
  if (ui::primary_button(save.c_str(), local.empty() && !p.sending)) a.submit_profile();
  if (!p.saved.empty()) {
    ImGui::SameLine(0, platform::px(12));
    ImGui::AlignTextToFramePadding();
    ImGui::PushStyleColor(ImGuiCol_Text, theme::colors().success);
    ui::text(trm(p.saved).c_str());
    ImGui::PopStyleColor();
    test_hooks::name_last_item("profile-saved", trm(p.saved).c_str());
  }

  if (columns) {
    ImGui::TableNextColumn();
    ImGui::Indent(platform::px(12));
    col = ImGui::GetContentRegionAvail().x;
  } else {
    ImGui::Dummy(ImVec2(0, platform::px(6)));
    ImGui::Separator();
    ImGui::Dummy(ImVec2(0, platform::px(4)));
  }

  // Password change.
  ui::label_text(tr("Change password"));
  ui::muted_text(tr("Other devices where you are signed in will be signed out."), true);
  ImGui::Dummy(ImVec2(0, platform::px(2)));
  if (!p.password_error.empty()) ui::message(ui::Tone::Danger, trm(p.password_error).c_str());
  if (!p.password_done.empty()) {
    ui::message(ui::Tone::Success, trm(p.password_done).c_str());
    test_hooks::name_last_item("password-changed", trm(p.password_done).c_str());
  }
  const signet::FieldErrors perr = p.password_errors(a.user->email);
  auto typed = [&](Field& f) {
    if (!f.value.empty()) p.password_done.clear();
  };
  // The "current" message only after a submit: an empty field is not wrong while typing elsewhere.
  form_field(p.current_password, tr("Current password"), "##profile_current", p.password_submitted,
             p.password_submitted ? local_of(perr, "current_password") : std::nullopt,
             {ui::Kind::CurrentPassword, nullptr, col});
  typed(p.current_password);
  form_field(p.new_password, tr("New password"), "##profile_new", p.password_submitted,
             local_of(perr, "new_password"), {ui::Kind::NewPassword, nullptr, col},
             tr("At least 12 characters."));
  typed(p.new_password);
  // Compare as soon as something is typed in the repeat field.
  const bool repeat_typed = !p.repeat_password.value.empty();
  form_field(p.repeat_password, tr("Repeat new password"), "##profile_repeat",
             p.password_submitted || repeat_typed, local_of(perr, "repeat_password"),
             {ui::Kind::NewPassword, nullptr, col});
  const std::string change = std::string(p.password_sending ? tr("Changing…") : tr("Change password")) + "##password_change";
  if (ui::primary_button(change.c_str(), !p.password_sending)) a.submit_password_change();
  if (p.password_sending || p.sending) {
    ImGui::SameLine();
    ui::spinner();
  }
  if (columns) {
    ImGui::Unindent(platform::px(12));
    ImGui::EndTable();
  }

  ImGui::Dummy(ImVec2(0, platform::px(8)));
  ImGui::Separator();
  ImGui::Dummy(ImVec2(0, platform::px(4)));
  const float bw = ui::button_width(tr("Close"));
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + inner - bw);
  bool close = ui::secondary_button(tr("Close"), true, ImVec2(bw, 0));
  if (escape_pressed()) close = true;
  if (close) {
    p.open = false;
    p.current_password.reset();
    p.new_password.reset();
    p.repeat_password.reset();
  }
  ui::dialog_end();
}

// ---- no access ----

void view_no_access(App& a) {
  ui::card_begin("no_access", platform::px(520), ImGui::GetCursorPosY() + platform::px(72));
  ui::heading(tr("You do not have access to this page"));
  test_hooks::name_last_item("no-access", tr("You do not have access to this page"));
  const std::string role = a.user ? role_label(a.user->reseller_role) : "";
  const std::string why =
      trf("Your role in this team ({role}) does not include this page. Ask an owner of your team if you need it.",
          {{"role", role}});
  ui::muted_text(why.c_str());  // wraps at the card's edge (wrap=true would use the window's)
  ImGui::Dummy(ImVec2(0, platform::px(8)));
  if (ui::primary_button(tr("Go to subscriptions"))) a.navigate("/", true);
  ui::card_end();
}

void view_account_dialogs(App& a) {
  forgot_dialog(a);
  profile_dialog(a);
  view_invite_dialog(a);
}

}  // namespace portal
