// Team screen (/team, owners only): colleagues and pending invitations, "Invite colleague",
// remove a colleague and revoke an invitation (each after a confirmation).
#include <algorithm>

#include "platform/theme.h"
#include "platform/tr.h"
#include "portal/format.h"
#include "portal/view_accounts.h"
#include "portal/view_common.h"
#include "test_hooks/test_hooks.h"

namespace portal {
namespace {

const char* language_name(const std::string& code) {
  return code == "nl" ? "Nederlands" : "English";  // each language in its own words
}

std::string display_name(const signet::User& m) { return m.name.empty() ? m.email : m.name; }

void cell_text(const std::string& s) {
  ImGui::AlignTextToFramePadding();
  ui::fitted_text(s.c_str());
}

// The e-mail address with its copy link after it.
void email_cell(const std::string& email, const char* id) {
  ImFont* small = platform::font(platform::FontRole::Small);
  const float copy_w = small->CalcTextSizeA(small->FontSize, FLT_MAX, 0, tr("Copied")).x;
  ImGui::AlignTextToFramePadding();
  ui::fitted_text(email.c_str(), ImGui::GetContentRegionAvail().x - copy_w - platform::px(8));
  ImGui::SameLine(0, platform::px(8));
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetStyle().FramePadding.y);
  copy_button(id, email, email);
}

void role_badge(const std::string& role) {
  const auto& k = theme::colors();
  if (role == "owner") ui::badge(role_label(role), k.accent_soft, k.accent);
  else if (role == "billing") ui::badge(role_label(role), k.warning_soft, k.warning);
  else ui::badge(role_label(role), k.neutral_soft, k.text_muted);
}

// A section heading with a count: "Colleagues (3)".
void section(const std::string& t) {
  ImGui::Dummy(ImVec2(0, platform::px(6)));
  ImGui::PushFont(platform::font(platform::FontRole::Bold));
  ui::text(t.c_str());
  ImGui::PopFont();
  test_hooks::name_last_item(t.c_str());
}

// Warning box with Yes/Cancel under it; returns 1 for yes, -1 for cancel, 0 otherwise.
int confirmation(const std::string& question, const char* yes, bool busy) {
  ui::message(ui::Tone::Warning, question.c_str());
  test_hooks::name_last_item("team-confirmation", question.c_str());
  int answer = 0;
  if (ui::danger_button(yes, !busy)) answer = 1;
  ImGui::SameLine(0, platform::px(10));
  if (ui::secondary_button(tr("Cancel"), !busy)) answer = -1;
  if (busy) {
    ImGui::SameLine();
    ui::spinner();
  }
  return answer;
}

// The server refuses removing yourself (409); there is no button for it.
void remove_button(App& a, const signet::User& m) {
  TeamState& t = a.team;
  if (a.user && a.user->id == m.id) return;
  if (ui::danger_button(tr("Remove"), !t.busy)) {
    t.confirm_remove = m.id;
    t.confirm_revoke = 0;
    t.error.clear();
  }
  test_hooks::name_last_item(("remove:" + m.email).c_str());
}

void revoke_button(App& a, const signet::PendingInvitation& i) {
  TeamState& t = a.team;
  if (ui::danger_button(tr("Revoke"), !t.busy)) {
    t.confirm_revoke = i.id;
    t.confirm_remove = 0;
    t.error.clear();
  }
  test_hooks::name_last_item(("revoke:" + i.email).c_str());
}

// Phone width: one stacked block per person instead of table columns.
void person_block(const std::string& title, const char* tag, const std::string& tag_text,
                  const std::string& email, const std::string& role, const std::string& extra) {
  ImGui::PushFont(platform::font(platform::FontRole::Bold));
  ui::text(title.c_str());
  ImGui::PopFont();
  test_hooks::name_last_item(tag, tag_text.c_str());
  const float line_y = ImGui::GetItemRectMin().y;
  same_line_if_fits(ui::badge_width(role_label(role)), platform::px(10));  // else under the name
  if (ImGui::GetCursorScreenPos().y == line_y)
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ImGui::GetStyle().FramePadding.y);
  role_badge(role);
  email_cell(email, tag);
  if (!extra.empty()) ui::muted_text(extra.c_str());
}

void member_list(App& a) {
  for (const signet::User& m : a.team.list.members) {
    ImGui::PushID((int)m.id);
    const bool me = a.user && a.user->id == m.id;
    const std::string title = me ? trf("{name} (you)", {{"name", display_name(m)}}) : display_name(m);
    person_block(title, ("member:" + m.email).c_str(), m.reseller_role, m.email, m.reseller_role, language_name(m.language));
    remove_button(a, m);
    ImGui::Separator();
    ImGui::PopID();
  }
}

void invitation_list(App& a) {
  for (const signet::PendingInvitation& i : a.team.list.invitations) {
    ImGui::PushID((int)i.id);
    person_block(i.name, ("invited:" + i.email).c_str(), i.role, i.email, i.role,
                 trf("Link valid until {date}", {{"date", format_timestamp(i.expires_at)}}));
    revoke_button(a, i);
    ImGui::Separator();
    ImGui::PopID();
  }
}

void members_table(App& a) {
  TeamState& t = a.team;
  const int cols = 5;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX;
  if (!ImGui::BeginTable("team_members", cols, flags)) return;
  ImGui::TableSetupColumn(tr("Name"), 0, 1.2f);
  ImGui::TableSetupColumn(tr("E-mail address"), 0, 1.6f);
  ImGui::TableSetupColumn(tr("Role"), ImGuiTableColumnFlags_WidthFixed, platform::px(120));
  ImGui::TableSetupColumn(tr("Language"), ImGuiTableColumnFlags_WidthFixed, platform::px(120));
  ImGui::TableSetupColumn("##actions", ImGuiTableColumnFlags_WidthFixed,
                          ui::button_width(tr("Remove")) + platform::px(8));
  ImGui::PushFont(platform::font(platform::FontRole::Bold));
  ImGui::TableHeadersRow();
  ImGui::PopFont();
  const float row_h = ImGui::GetFrameHeight() + ImGui::GetStyle().CellPadding.y * 2;
  for (const signet::User& m : t.list.members) {
    ImGui::TableNextRow(0, row_h);
    ImGui::PushID((int)m.id);
    const bool me = a.user && a.user->id == m.id;
    ImGui::TableSetColumnIndex(0);
    cell_text(me ? trf("{name} (you)", {{"name", display_name(m)}}) : display_name(m));
    test_hooks::name_last_item(("member:" + m.email).c_str(), m.reseller_role.c_str());
    ImGui::TableSetColumnIndex(1);
    email_cell(m.email, "member");
    ImGui::TableSetColumnIndex(2);
    role_badge(m.reseller_role);
    ImGui::TableSetColumnIndex(3);
    cell_text(language_name(m.language));
    ImGui::TableSetColumnIndex(4);
    remove_button(a, m);
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void invitations_table(App& a) {
  TeamState& t = a.team;
  const int cols = 5;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX;
  if (!ImGui::BeginTable("team_invitations", cols, flags)) return;
  ImGui::TableSetupColumn(tr("Name"), 0, 1.2f);
  ImGui::TableSetupColumn(tr("E-mail address"), 0, 1.6f);
  ImGui::TableSetupColumn(tr("Role"), ImGuiTableColumnFlags_WidthFixed, platform::px(120));
  ImGui::TableSetupColumn(tr("Link valid until"), ImGuiTableColumnFlags_WidthFixed, platform::px(150));
  ImGui::TableSetupColumn("##actions", ImGuiTableColumnFlags_WidthFixed,
                          ui::button_width(tr("Revoke")) + platform::px(8));
  ImGui::PushFont(platform::font(platform::FontRole::Bold));
  ImGui::TableHeadersRow();
  ImGui::PopFont();
  const float row_h = ImGui::GetFrameHeight() + ImGui::GetStyle().CellPadding.y * 2;
  for (const signet::PendingInvitation& i : t.list.invitations) {
    ImGui::TableNextRow(0, row_h);
    ImGui::PushID((int)i.id);
    ImGui::TableSetColumnIndex(0);
    cell_text(i.name);
    test_hooks::name_last_item(("invited:" + i.email).c_str(), i.role.c_str());
    ImGui::TableSetColumnIndex(1);
    email_cell(i.email, "invitation");
    ImGui::TableSetColumnIndex(2);
    role_badge(i.role);
    ImGui::TableSetColumnIndex(3);
    cell_text(format_timestamp(i.expires_at));
    ImGui::TableSetColumnIndex(4);
    revoke_button(a, i);
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace

void view_team(App& a) {
  TeamState& t = a.team;
  const bool narrow = ImGui::GetWindowWidth() < platform::px(760);
  const float pad = narrow ? platform::px(14) : platform::px(28);
  const float width = ImGui::GetWindowWidth() - pad * 2;

  ImGui::SetCursorPos(ImVec2(pad, ImGui::GetCursorPosY() + platform::px(22)));
  ImGui::BeginGroup();
  ui::heading(tr("Team"));
  ImGui::PushTextWrapPos(ImGui::GetWindowWidth() - pad);
  ui::muted_text(tr("Colleagues who sign in to this reseller account, and what each may do."));
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  const char* invite = tr("Invite colleague");
  const float invite_w = ui::button_width(invite) + platform::px(8);
  if (!narrow) ImGui::SameLine(ImGui::GetWindowWidth() - pad - invite_w);
  else ImGui::SetCursorPosX(pad);
  if (ui::primary_button(invite, true, ImVec2(invite_w, platform::px(42)))) {
    t.name.reset();
    t.email.reset();
    t.role = 2;
    t.submitted = false;
    t.invite_error.clear();
    t.invite_open = true;
  }
  test_hooks::name_last_item("Invite colleague");

  ImGui::SetCursorPos(ImVec2(pad, ImGui::GetCursorPosY() + platform::px(6)));
  const float body_pad = narrow ? platform::px(10) : platform::px(18);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(body_pad, platform::px(12)));
  ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, platform::px(10));
  ImGui::BeginChild("##team_body", ImVec2(width, ImGui::GetWindowHeight() - ImGui::GetCursorPosY() - pad), true);
  ImGui::PopStyleVar(2);
  ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x);
  if (!t.error.empty()) ui::message(ui::Tone::Danger, trm(t.error).c_str());

  if (t.confirm_remove) {
    std::string name;
    for (const auto& m : t.list.members)
      if (m.id == t.confirm_remove) name = display_name(m);
    const int answer = confirmation(
        trf("Remove {name} from your team? They are signed out at once and can no longer sign in.", {{"name", name}}),
        tr("Yes, remove"), t.busy);
    if (answer > 0) a.remove_member(t.confirm_remove);
    if (answer < 0) t.confirm_remove = 0;
  }
  if (t.confirm_revoke) {
    std::string email;
    for (const auto& i : t.list.invitations)
      if (i.id == t.confirm_revoke) email = i.email;
    const int answer = confirmation(
        trf("Revoke the invitation to {email}? The link in their e-mail stops working.", {{"email", email}}),
        tr("Yes, revoke"), t.busy);
    if (answer > 0) a.revoke_team_invitation(t.confirm_revoke);
    if (answer < 0) t.confirm_revoke = 0;
  }

  if (!t.loaded) {
    ImGui::Dummy(ImVec2(0, platform::px(30)));
    if (t.loading) ui::spinner(10);
  } else {
    section(trf("Colleagues ({n})", {{"n", std::to_string(t.list.members.size())}}));
    if (narrow) member_list(a);
    else members_table(a);
    section(trf("Pending invitations ({n})", {{"n", std::to_string(t.list.invitations.size())}}));
    if (t.list.invitations.empty()) ui::muted_text(tr("No pending invitations."));
    else if (narrow) invitation_list(a);
    else invitations_table(a);
  }
  ImGui::PopTextWrapPos();
  ImGui::EndChild();
}

// ---- Invite colleague ----

void view_invite_dialog(App& a) {
  TeamState& t = a.team;
  if (!a.user) t.invite_open = false;  // the session ended underneath
  if (!ui::dialog_begin("###invite_colleague", tr("Invite colleague"), t.invite_open, 560)) return;
  test_hooks::set_screen("invite-colleague");
  const float inner = ui::dialog_inner_width();
  ui::muted_text(tr("They receive an e-mail with a link to create their own account for this reseller."), true);
  ImGui::Dummy(ImVec2(0, platform::px(4)));
  if (!t.invite_error.empty()) ui::message(ui::Tone::Danger, trm(t.invite_error).c_str());

  static int open_serial = 0, seen = -1;
  if (ImGui::IsWindowAppearing()) ++open_serial;
  if (seen != open_serial) {
    seen = open_serial;
    ui::autofocus_field();
  }
  const signet::FieldErrors local = t.local_errors();
  auto local_of = [&](const char* key) -> std::optional<std::string> {
    auto it = local.find(key);
    if (it == local.end()) return std::nullopt;
    return it->second;
  };
  form_field(t.name, tr("Name"), "##invite_name", t.submitted, local_of("name"),
             {ui::Kind::Name, nullptr, inner});
  form_field(t.email, tr("E-mail address"), "##invite_email", t.submitted, local_of("email"),
             {ui::Kind::Email, "name@company.com", inner});

  ui::label_text(tr("Role"));
  for (int i = 0; i < 3; ++i) {
    ImGui::PushStyleColor(ImGuiCol_CheckMark, theme::colors().accent);
    if (ImGui::RadioButton(role_label(kTeamRoles[i]), t.role == i)) t.role = i;
    ImGui::PopStyleColor();
    test_hooks::name_last_item((std::string("Role:") + kTeamRoles[i]).c_str(), t.role == i ? "selected" : "");
    // The explanation under each choice, indented to the label.
    ImGui::Indent(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - platform::px(4));
    ImGui::PushFont(platform::font(platform::FontRole::Small));
    ImGui::PushStyleColor(ImGuiCol_Text, theme::colors().text_muted);
    ui::paragraph(role_explanation(kTeamRoles[i]));
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::Unindent(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x);
  }

  ImGui::Dummy(ImVec2(0, platform::px(8)));
  const bool valid = local.empty();
  const float bw = std::max(ui::button_width(tr("Send invitation")), platform::px(120));
  const float cw = std::max(ui::button_width(tr("Cancel")), platform::px(110));
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, inner - bw - cw - platform::px(10)));
  bool close = ui::secondary_button(tr("Cancel"), true, ImVec2(cw, platform::px(42)));
  ImGui::SameLine(0, platform::px(10));
  const std::string send = std::string(t.sending ? tr("Sending…") : tr("Send invitation")) + "##invite_send";
  if (ui::primary_button(send.c_str(), valid && !t.sending, ImVec2(bw, platform::px(42)))) a.submit_invite();
  if (t.sending) ui::spinner();
  if (!t.sending && enter_pressed()) {
    if (valid) a.submit_invite();
    else t.submitted = true;
  }
  if (escape_pressed()) close = true;
  if (close) t.invite_open = false;
  ui::dialog_end();
}

}  // namespace portal
