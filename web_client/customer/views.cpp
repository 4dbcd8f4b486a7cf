// All screens of the customer app: accept invitation, invalid link, sign-in, and the editor
// (templates with live preview, directory users, deployment).
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "customer/app.h"
#include "customer/views_common.h"
#include "customer/js_glue.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "platform/platform.h"
#include "platform/theme.h"
#include "platform/tr.h"
#include "platform/widgets.h"
#include "signet/json_mapping.h"
#include "signet/signature_json.h"
#include "test_hooks/test_hooks.h"

namespace customer {
namespace {

using platform::px;
using signet::phrase;

bool g_preview_drawn = false;
int g_scroll_to_block = -1;

// What a directory field holds, for the keyboard and autofill of its input.
ui::Kind directory_field_kind(std::string_view field) {
  if (field == "email") return ui::Kind::Email;
  if (field == "phone" || field == "mobile") return ui::Kind::Phone;
  if (field == "website") return ui::Kind::Url;
  if (field == "display_name" || field == "first_name" || field == "last_name") return ui::Kind::Name;
  return ui::Kind::Text;
}

std::string product_name(const App& a) {
  return a.info ? tr(signet::display_name(a.info->product).data()) : std::string();
}

// ---------------------------------------------------------------------------------------------
// Header and banners

// "EN | NL": the current language in bold. Signed in, the choice is saved on the account.
float language_switch_width() {
  ImFont* bold = platform::font(platform::FontRole::Bold);
  return bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, "EN | NL").x + px(8);
}

void language_switch(App& a) {
  const auto& k = theme::colors();
  ImGui::AlignTextToFramePadding();
  ImGui::BeginGroup();
  auto option = [&](const char* code, signet::Language lang, const char* test_name) {
    const bool current = platform::ui_language() == lang;
    ImGui::PushFont(platform::font(current ? platform::FontRole::Bold : platform::FontRole::Regular));
    ImGui::PushStyleColor(ImGuiCol_Text, current ? k.text : k.accent);
    ImGui::AlignTextToFramePadding();
    ui::text(code);
    ImGui::PopStyleColor();
    ImGui::PopFont();
    const bool clicked = ImGui::IsItemClicked();
    if (!current && ImGui::IsItemHovered()) {
      ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      ImGui::SetTooltip("%s", lang == signet::Language::Nl ? "Nederlands" : "English");
    }
    test_hooks::name_last_item(test_name, current ? "current" : "");
    if (clicked && !current) a.set_language(lang);
  };
  option("EN", signet::Language::En, "lang:en");
  ImGui::SameLine(0, px(4));
  ui::text_colored(k.text_muted, "|");
  ImGui::SameLine(0, px(4));
  option("NL", signet::Language::Nl, "lang:nl");
  ImGui::EndGroup();
}

void view_header(App& a) {
  const auto& k = theme::colors();
  const float h = px(60);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 wp = ImGui::GetWindowPos();
  float w = ImGui::GetWindowWidth();
  dl->AddRectFilled(wp, ImVec2(wp.x + w, wp.y + h), theme::u32(k.surface));
  dl->AddLine(ImVec2(wp.x, wp.y + h - 1), ImVec2(wp.x + w, wp.y + h - 1), theme::u32(k.border), px(1));
  const float pad = px(ui::narrow_layout() ? 12 : 24), mark = px(28);
  ImVec2 m0(wp.x + pad, wp.y + (h - mark) * 0.5f);
  dl->AddRectFilled(m0, ImVec2(m0.x + mark, m0.y + mark), theme::u32(k.accent), px(7));
  ImFont* bold = platform::font(platform::FontRole::Bold);
  ImVec2 ss = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, "S");
  dl->AddText(bold, bold->FontSize, ImVec2(m0.x + (mark - ss.x) * 0.5f, m0.y + (mark - ss.y) * 0.5f),
              IM_COL32_WHITE, "S");
  ImFont* title = platform::font(platform::FontRole::Title);
  ImVec2 ts = title->CalcTextSizeA(title->FontSize, FLT_MAX, 0, "Signet");
  float tx = m0.x + mark + px(10);
  dl->AddText(title, title->FontSize, ImVec2(tx, wp.y + (h - ts.y) * 0.5f), theme::u32(k.text), "Signet");
  ImFont* reg = platform::font(platform::FontRole::Regular);
  float sep_x = tx + ts.x + px(14);
  std::string area = tr("Signature editor");
  if (a.info) area = a.info->customer_name + "  ·  " + product_name(a);
  ImVec2 rs = reg->CalcTextSizeA(reg->FontSize, FLT_MAX, 0, area.c_str());
  // On a narrow screen (a phone) the area gives way first, then the name beside Sign out (the
  // profile is a tab of its own).
  const std::string who = !a.user ? std::string() : a.user->name.empty() ? a.user->email : a.user->name;
  const float name_w = px(58) + bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, who.c_str()).x;
  float right_w = language_switch_width() + px(16) + (a.user ? ui::button_width(tr("Sign out")) : 0.0f);
  const bool show_name = a.user && tx + ts.x + px(16) + right_w + name_w <= wp.x + w - pad;
  if (show_name) right_w += name_w;
  if (sep_x + px(26) + rs.x <= wp.x + w - pad - right_w) {
    dl->AddLine(ImVec2(sep_x, wp.y + h * 0.32f), ImVec2(sep_x, wp.y + h * 0.68f), theme::u32(k.border), px(1));
    dl->AddText(reg, reg->FontSize, ImVec2(sep_x + px(14), wp.y + (h - rs.y) * 0.5f),
                theme::u32(k.text_muted), area.c_str());
    ImGui::SetCursorScreenPos(ImVec2(sep_x + px(14), wp.y + (h - rs.y) * 0.5f));
    ImGui::Dummy(rs);
    test_hooks::name_last_item("header:area", area.c_str());
  }

  // EN | NL at the right; signed in, the name (opens the profile) and Sign out before it.
  const float lang_w = language_switch_width();
  float right = wp.x + w - pad - lang_w;
  ImGui::SetCursorScreenPos(ImVec2(right, wp.y + (h - ImGui::GetFrameHeight()) * 0.5f));
  language_switch(a);
  right -= px(16);
  if (a.user) {
    const char* sign_out = tr("Sign out");
    const float btn_w = ui::button_width(sign_out);
    const float btn_h = ImGui::GetFrameHeight();
    float x_btn = right - btn_w;
    ImGui::SetCursorScreenPos(ImVec2(x_btn, wp.y + (h - btn_h) * 0.5f));
    if (ui::secondary_button(sign_out, true, ImVec2(btn_w, 0))) a.sign_out();
    test_hooks::name_last_item("Sign out");
  }
  if (show_name) {
    ImVec2 ns = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, who.c_str());
    float x_name = right - ui::button_width(tr("Sign out")) - px(16) - ns.x;
    float r = px(15);
    ImVec2 c(x_name - px(12) - r, wp.y + h * 0.5f);
    dl->AddCircleFilled(c, r, theme::u32(k.accent_soft), 24);
    std::string initial = who.empty() ? "?" : who.substr(0, (who[0] & 0x80) ? 2 : 1);
    ImVec2 is = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, initial.c_str());
    dl->AddText(bold, bold->FontSize, ImVec2(c.x - is.x * 0.5f, c.y - is.y * 0.5f), theme::u32(k.accent),
                initial.c_str());
    dl->AddText(bold, bold->FontSize, ImVec2(x_name, wp.y + (h - ns.y) * 0.5f), theme::u32(k.text), who.c_str());
    ImGui::SetCursorScreenPos(ImVec2(x_name, wp.y + (h - ns.y) * 0.5f));
    // The name opens the profile (name, phone, password) when the editor is open.
    if (ns.x > 0 && ImGui::InvisibleButton("##profile", ns) && a.screen == Screen::Editor)
      a.guard([&a] { a.select_tab(Tab::Profile); });
    if (ImGui::IsItemHovered() && a.screen == Screen::Editor) {
      ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      ImGui::SetTooltip("%s", tr("Your profile"));
    }
    test_hooks::name_last_item("user", who.c_str());
  }
  ImGui::SetCursorScreenPos(ImVec2(wp.x, wp.y + h));
}

void view_unreachable(App& a) {
  if (!a.api_client.unreachable()) return;
  ImGui::SetCursorPosX(px(24));
  ImGui::BeginGroup();
  ImGui::Dummy(ImVec2(0, px(8)));
  ImGui::PushTextWrapPos(ImGui::GetWindowWidth() - px(24));
  ui::message(ui::Tone::Danger, tr("Cannot reach the Signet server. Check your connection, then try again."));
  ImGui::PopTextWrapPos();
  if (ui::secondary_button((std::string(tr("Try again")) + "##unreachable").c_str())) a.api_client.retry();
  ImGui::EndGroup();
}

void view_toast(App& a) {
  if (a.toast.empty() || platform::now_ms() > a.toast_until) return;
  const std::string toast = trm(a.toast);
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImVec2 ts = ImGui::CalcTextSize(toast.c_str());
  ImVec2 size(ts.x + px(40), ts.y + px(24));
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + (vp->Size.x - size.x) * 0.5f, vp->Pos.y + vp->Size.y - size.y - px(28)));
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.12f, 0.16f, 0.23f, 0.96f));
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, px(8));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(px(20), px(12)));
  ImGui::Begin("##toast", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoInputs |
                                       ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing);
  ui::text(toast.c_str());
  test_hooks::name_last_item("toast", toast.c_str());
  ImGui::End();
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor(2);
}

// ---------------------------------------------------------------------------------------------
// Invitation, invalid link, sign-in

const char* reseller_role_label(const std::string& role) {
  if (role == "owner") return tr("Owner");
  if (role == "billing") return tr("Billing");
  if (role == "support") return tr("Support");
  return role.c_str();
}

// What the invitation is for: a customer's signature editor, a colleague joining it, or a
// reseller's team (which then continues in the portal).
std::string invite_intro(const signet::InvitationInfo& inv) {
  if (inv.kind == "team")
    return trf("{reseller} invited you to their team in the Signet reseller portal as {role}. Confirm your details and choose a password to join.",
               {{"reseller", inv.reseller_name}, {"role", reseller_role_label(inv.reseller_role)}});
  if (inv.kind == "colleague" && !inv.invited_by.empty())
    return trf("{inviter} invited you to edit the e-mail signatures of {customer} ({product}). Confirm your details and choose a password to start.",
               {{"inviter", inv.invited_by}, {"customer", inv.customer_name},
                {"product", tr(signet::display_name(inv.product).data())}});
  if (inv.kind == "colleague")
    return trf("You were invited to edit the e-mail signatures of {customer} ({product}). Confirm your details and choose a password to start.",
               {{"customer", inv.customer_name}, {"product", tr(signet::display_name(inv.product).data())}});
  return trf("{reseller} invited {customer} to {product}. Confirm your details and choose a password to start editing your e-mail signatures.",
             {{"reseller", inv.reseller_name}, {"customer", inv.customer_name},
              {"product", tr(signet::display_name(inv.product).data())}});
}

void view_invite(App& a) {
  InviteState& s = a.invite;
  const signet::InvitationInfo& inv = *s.info;
  float inner = ui::card_begin("invite", px(520), ImGui::GetCursorPosY() + px(40));
  ui::heading(inv.kind == "team" ? tr("Join your team on Signet") : tr("Welcome to Signet"));
  const std::string intro = invite_intro(inv);
  ui::muted_text(intro.c_str());
  test_hooks::name_last_item("invite:intro", intro.c_str());
  ImGui::Dummy(ImVec2(0, px(6)));
  if (!s.error.empty()) ui::message(ui::Tone::Danger, trm(s.error).c_str());

  static int seen = -1;
  if (seen != a.screen_serial) {
    seen = a.screen_serial;
    ui::autofocus_field();
  }
  const std::string name_err = field_error(s.name, s.submitted, signet::check_person_name(s.name.value));
  if (ui::text_field(tr("Your name"), "##inv_name", s.name.value, name_err, {ui::Kind::Name, nullptr, inner},
                     nullptr, &s.name.touched))
    s.name.server_error.clear();
  const std::string phone_err = field_error(s.phone, s.submitted, signet::check_phone(s.phone.value));
  if (ui::text_field(tr("Phone (optional)"), "##inv_phone", s.phone.value, phone_err,
                     {ui::Kind::Phone, "+31 20 123 4567", inner}, nullptr, &s.phone.touched))
    s.phone.server_error.clear();
  // Read-only, and marked as the user name: a password manager saves it with the new password.
  std::string email = inv.contact_email;
  ui::text_field(tr("User name"), "##inv_email", email, "", {ui::Kind::Username, nullptr, inner, 0, true},
                 tr("Your e-mail address is your user name."));
  // The shared password policy, live as they type.
  auto rule = signet::check_password(s.password.value, inv.contact_email);
  std::string pw_msg = s.password.server_error.empty() ? std::string() : trm(s.password.server_error);
  if (pw_msg.empty() && rule && (!s.password.value.empty() || s.submitted)) pw_msg = trm(*rule);
  if (ui::text_field(tr("Password"), "##inv_password", s.password.value, pw_msg, {ui::Kind::NewPassword, nullptr, inner},
                     tr("At least 12 characters; not a common password or your e-mail address."),
                     &s.password.touched))
    s.password.server_error.clear();
  password_feedback("password:ok", s.password, rule);
  ImGui::Dummy(ImVec2(0, px(6)));
  const bool can = !s.sending;
  const std::string label = std::string(s.sending ? tr("Creating your account…")
                                        : inv.kind == "team" ? tr("Join the team") : tr("Accept invitation")) +
                            "##accept";
  if (ui::primary_button(label.c_str(), can, ImVec2(inner, px(44)))) a.submit_accept();
  test_hooks::name_last_item("Accept invitation");
  if (can && enter_pressed()) a.submit_accept();
  if (s.sending) ui::spinner();
  ui::card_end();
}

void view_invite_invalid(App& a) {
  ui::card_begin("invalid", px(520), ImGui::GetCursorPosY() + px(72));
  const char* title = tr("This invitation link is not valid");
  const char* body =
      tr("We could not find this invitation. Check that you opened the whole link from the e-mail, or ask your reseller to send you a new invitation.");
  if (a.invite.bad_status == 410) {
    title = tr("This invitation link can no longer be used");
    body = tr("It has already been used, was replaced by a newer invitation, or has expired. Ask your reseller to resend the invitation, then open the link in the newest e-mail. Already accepted? Sign in with your e-mail address and password.");
  } else if (a.invite.bad_status == 429) {
    title = tr("Too many attempts");
    body = tr("Wait a minute, then open the link again.");
  }
  ui::heading(title);
  test_hooks::name_last_item("invalid:title", title);
  ImGui::Dummy(ImVec2(0, px(4)));
  ui::muted_text(body);
  test_hooks::name_last_item("invalid:body", body);
  ImGui::Dummy(ImVec2(0, px(10)));
  if (ui::secondary_button(tr("Sign in to the signature editor"))) a.show_sign_in();
  test_hooks::name_last_item("Sign in to the signature editor");
  ui::card_end();
}

void view_signin(App& a) {
  SignInState& s = a.signin;
  float inner = ui::card_begin("signin", px(440), ImGui::GetCursorPosY() + px(72));
  ui::heading(tr("Sign in"));
  ui::muted_text(tr("Edit your company's e-mail signatures."));
  ImGui::Dummy(ImVec2(0, px(6)));
  if (!s.note.empty()) ui::message(ui::Tone::Info, trm(s.note).c_str());
  if (!s.error.empty()) ui::message(ui::Tone::Danger, trm(s.error).c_str());
  static int seen = -1;
  if (seen != a.screen_serial) {
    seen = a.screen_serial;
    ui::autofocus_field(!s.email.value.empty() ? 1 : 0);
  }
  if (ui::text_field(tr("E-mail address"), "##si_email", s.email.value, "", {ui::Kind::Username, tr("you@company.com"), inner}))
    s.error.clear();
  if (ui::text_field(tr("Password"), "##si_password", s.password.value, "", {ui::Kind::CurrentPassword, nullptr, inner}))
    s.error.clear();
  ImGui::Dummy(ImVec2(0, px(4)));
  const bool can = !s.sending && !s.email.value.empty() && !s.password.value.empty();
  const std::string label = std::string(s.sending ? tr("Signing in…") : tr("Sign in")) + "##signin";
  if (ui::primary_button(label.c_str(), can, ImVec2(inner, px(44)))) a.submit_signin();
  test_hooks::name_last_item("Sign in");
  if (can && enter_pressed()) a.submit_signin();
  ImGui::Dummy(ImVec2(0, px(2)));
  if (ui::link_button(tr("Forgot password?"))) a.show_forgot();
  test_hooks::name_last_item("Forgot password?");
  ui::card_end();
}

void view_no_subscription(App& a) {
  ui::card_begin("nosub", px(520), ImGui::GetCursorPosY() + px(72));
  ui::heading(tr("No signatures to edit"));
  ui::muted_text(a.user && a.user->role == signet::Role::Reseller
                     ? tr("Open the editor from a customer's details in the reseller portal.")
                     : tr("This account is not linked to a subscription. Contact your reseller."));
  ui::card_end();
}

// ---------------------------------------------------------------------------------------------
// Editor: tabs

// `test_name` stays English so tests find the tab in every language.
void tab_button(App& a, const char* label, const char* test_name, Tab t) {
  const bool active = a.tab == t;
  const std::string id = std::string(label) + "###tab_" + test_name;
  const bool pressed = ui::tab_choice(id.c_str(), active);
  test_hooks::name_last_item((std::string("tab:") + test_name).c_str(), active ? "active" : "");
  if (pressed && !active) a.guard([&a, t] { a.select_tab(t); });
}

// A translated label with an ImGui ID that is the same in every language ("Opslaan###save").
std::string lbl(const char* text, const char* id) { return std::string(text) + "###" + id; }

void confirm_leave_dialog(App& a) {
  if (ui::dialog_begin("###unsaved", tr("Unsaved changes"), a.want_leave_dialog, 460)) {
    ui::text(tr("This template has changes you have not saved. Discard them?"));
    ImGui::Dummy(ImVec2(0, px(8)));
    if (ui::danger_button(tr("Discard changes"))) {
      a.want_leave_dialog = false;
      if (a.templates.editing) a.select_template(a.templates.editing->id);  // back to saved
      auto f = std::move(a.pending_leave);
      a.pending_leave = nullptr;
      if (f) f();
    }
    ImGui::SameLine();
    if (ui::secondary_button(tr("Keep editing"))) {
      a.want_leave_dialog = false;
      a.pending_leave = nullptr;
    }
    ui::dialog_end();
  }
}

// ---------------------------------------------------------------------------------------------
// Templates tab

const char* block_type_label(signet::BlockType t) {
  switch (t) {
    case signet::BlockType::Text: return tr("Text");
    case signet::BlockType::Image: return tr("Logo or image");
    case signet::BlockType::Social: return tr("Social links");
    case signet::BlockType::Banner: return tr("Banner");
    case signet::BlockType::Divider: return tr("Divider");
    case signet::BlockType::Disclaimer: return tr("Legal disclaimer");
  }
  return "?";
}

constexpr signet::BlockType kBlockTypes[] = {signet::BlockType::Text, signet::BlockType::Image,
                                            signet::BlockType::Social, signet::BlockType::Banner,
                                            signet::BlockType::Divider, signet::BlockType::Disclaimer};

std::string err(const signet::FieldErrors& local, const signet::FieldErrors& server, const std::string& key) {
  auto it = server.find(key);
  if (it != server.end()) return trm(it->second);
  it = local.find(key);
  return it != local.end() ? trm(it->second) : std::string();
}

// A combo that appends {{placeholder}} to `s`.
bool placeholder_picker(const char* id, const char* label_for_tests, std::string& s, float width) {
  bool changed = false;
  ImGui::SetNextItemWidth(width);
  if (ImGui::BeginCombo(id, tr("Insert placeholder"), ImGuiComboFlags_HeightLarge)) {
    auto item = [&](const char* f) {
      std::string label = std::string("{{") + f + "}}";
      if (ImGui::Selectable(label.c_str())) {
        s += label;
        changed = true;
      }
    };
    for (const char* f : signet::kDirectoryFields) item(f);
    item("company");
    ImGui::EndCombo();
  }
  test_hooks::name_last_item(label_for_tests);
  return changed;
}

void block_editor(App& a, signet::SignatureTemplate& t, size_t i, const signet::FieldErrors& local,
                  float width, int& move, int& remove) {
  const auto& k = theme::colors();
  signet::Block& b = t.blocks[i];
  const std::string key = "blocks." + std::to_string(i) + ".";
  const bool ro = a.read_only();
  ImGui::PushID((int)i);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 top = ImGui::GetCursorScreenPos();
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);
  ImGui::SetCursorScreenPos(ImVec2(top.x + px(12), top.y + px(10)));
  ImGui::BeginGroup();
  const float inner = width - px(24);
  ImGui::PushFont(platform::font(platform::FontRole::Bold));
  char title[64];
  std::snprintf(title, sizeof title, "%zu · %s", i + 1, block_type_label(b.type));
  ImGui::AlignTextToFramePadding();
  ui::text(title);
  ImGui::PopFont();
  test_hooks::name_last_item(("block:" + std::to_string(i + 1)).c_str(), std::string(signet::to_string(b.type)).c_str());
  const char* up = tr("Up");
  const char* down = tr("Down");
  const char* remove_label = tr("Remove");
  // The buttons at the right of the title, or under it when both do not fit (a phone, Dutch).
  const float buttons_w = ui::button_width(up) + ui::button_width(down) + ui::button_width(remove_label) + px(16);
  if (ImGui::GetItemRectSize().x + px(12) + buttons_w <= inner) ImGui::SameLine(inner - buttons_w);
  const std::string n = std::to_string(i + 1);
  if (ui::secondary_button((std::string(up) + "##b" + n).c_str(), !ro && i > 0)) move = -1;
  test_hooks::name_last_item(("up:" + std::to_string(i + 1)).c_str());
  ImGui::SameLine();
  if (ui::secondary_button((std::string(down) + "##b" + n).c_str(), !ro && i + 1 < t.blocks.size())) move = 1;
  test_hooks::name_last_item(("down:" + std::to_string(i + 1)).c_str());
  ImGui::SameLine();
  if (ui::danger_button((std::string(remove_label) + "##b" + n).c_str(), !ro)) remove = (int)i;
  test_hooks::name_last_item(("remove:" + std::to_string(i + 1)).c_str());

  // Field labels carry the block number ("Text 2"); tests find them by the English name.
  auto label = [&](const char* text) { return std::string(text) + " " + n; };
  switch (b.type) {
    case signet::BlockType::Text:
    case signet::BlockType::Disclaimer: {
      ui::text_field(label(tr("Text")).c_str(), "##text", b.text, err(local, a.templates.server_fields, key + "text"),
                     {ui::Kind::Multiline, nullptr, inner, b.type == signet::BlockType::Disclaimer ? px(84) : px(56), ro});
      if (!ro) placeholder_picker(("##ph" + n).c_str(), ("Placeholder " + n).c_str(), b.text, px(200));
      if (b.type == signet::BlockType::Text) {
        if (!ro) ImGui::SameLine();
        ImGui::BeginDisabled(ro);
        ui::checkbox((std::string(tr("Bold")) + "##" + n).c_str(), &b.bold);
        ui::same_line_if_fits(ImGui::GetFrameHeight() + ImGui::CalcTextSize(tr("Italic")).x + px(12), px(8));
        ui::checkbox((std::string(tr("Italic")) + "##" + n).c_str(), &b.italic);
        ImGui::EndDisabled();
        ui::text_field(label(tr("Link")).c_str(), "##link", b.link, err(local, a.templates.server_fields, key + "link"),
                       {ui::Kind::Url, tr("Optional: https://, mailto: or tel:"), inner, 0, ro});
      }
      break;
    }
    case signet::BlockType::Image:
    case signet::BlockType::Banner: {
      ui::text_field(label(tr("Image URL")).c_str(), "##img", b.image_url,
                     err(local, a.templates.server_fields, key + "image_url"), {ui::Kind::Url, "https://…", inner, 0, ro});
      ui::text_field(label(tr("Alt text")).c_str(), "##alt", b.alt, err(local, a.templates.server_fields, key + "alt"),
                     {ui::Kind::Text, nullptr, inner * 0.64f, 0, ro});
      ImGui::SameLine();
      ImGui::BeginGroup();
      ImGui::PushFont(platform::font(platform::FontRole::Bold));
      ui::text(tr("Width (px)"));
      ImGui::PopFont();
      ImGui::SetCursorPosY(ImGui::GetCursorPosY() - px(4));
      ImGui::BeginDisabled(ro);
      ui::int_input("##width", &b.width, 0, 2000, 10, inner * 0.36f - px(8), tr("Width (px)"));
      ImGui::EndDisabled();
      test_hooks::name_last_item(("Width " + n).c_str());
      ImGui::EndGroup();
      ui::text_field(label(tr("Image link")).c_str(), "##ilink", b.link, err(local, a.templates.server_fields, key + "link"),
                     {ui::Kind::Url, tr("Optional: https://…"), inner, 0, ro});
      break;
    }
    case signet::BlockType::Social: {
      for (const char* net : signet::kSocialNetworks) {
        auto it = std::find_if(b.social.begin(), b.social.end(), [&](const signet::SocialLink& l) { return l.network == net; });
        std::string url = it != b.social.end() ? it->url : "";
        size_t idx = it != b.social.end() ? (size_t)(it - b.social.begin()) : 0;
        std::string label = std::string(signet::social_network_label(net)) + " " + n;
        std::string e = it != b.social.end() ? err(local, a.templates.server_fields, key + "social." + std::to_string(idx) + ".url") : "";
        if (ui::text_field(label.c_str(), (std::string("##") + net).c_str(), url, e, {ui::Kind::Url, "https://…", inner, 0, ro})) {
          if (it != b.social.end()) {
            if (url.empty()) b.social.erase(it);
            else it->url = url;
          } else if (!url.empty()) {
            b.social.push_back({net, url});
          }
        }
      }
      break;
    }
    case signet::BlockType::Divider:
      ui::muted_text(tr("A thin line between the blocks above and below."));
      break;
  }
  ImGui::EndGroup();
  ImVec2 end(top.x + width, ImGui::GetItemRectMax().y + px(12));
  dl->ChannelsSetCurrent(0);
  dl->AddRectFilled(top, end, theme::u32(k.surface), px(8));
  dl->AddRect(top, end, theme::u32(k.border), px(8), 0, px(1));
  dl->ChannelsMerge();
  ImGui::SetCursorScreenPos(ImVec2(top.x, end.y + px(10)));
  ImGui::Dummy(ImVec2(width, 0));
  ImGui::PopID();
}

void template_list(App& a, float h) {
  const auto& k = theme::colors();
  ImGui::BeginChild("##tlist", ImVec2(px(240), h), false);
  if (ui::primary_button(tr("New template"), !a.read_only(), ImVec2(-1, 0))) {
    a.guard([&a] {
      a.templates.new_name = a.templates.items.empty() ? tr("Standard") : tr("New template");
      a.templates.want_new = true;
    });
  }
  ImGui::Dummy(ImVec2(0, px(6)));
  if (!a.templates.loaded) ui::spinner();
  else if (a.templates.items.empty()) ui::muted_text(tr("No templates yet. Create the first one: it becomes the default."), true);
  for (const auto& t : a.templates.items) {
    const bool sel = t.id == a.templates.selected_id;
    ImGui::PushID((int)t.id);
    ImVec2 p = ImGui::GetCursorScreenPos();
    float w = ImGui::GetContentRegionAvail().x;
    ImVec2 size(w, ImGui::GetFrameHeight() + px(8));
    bool pressed = ImGui::InvisibleButton("t", size);
    test_hooks::name_last_item(("template:" + t.name).c_str(), sel ? "selected" : "");
    bool hov = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (sel || hov) dl->AddRectFilled(p, ImVec2(p.x + w, p.y + size.y), theme::u32(sel ? k.row_selected : k.row_hover), px(6));
    std::string name = (sel && a.template_dirty() ? "• " : "") + t.name;
    dl->AddText(ImVec2(p.x + px(10), p.y + (size.y - ImGui::GetFontSize()) * 0.5f), theme::u32(k.text), name.c_str());
    if (t.is_default) {
      ImFont* f = platform::font(platform::FontRole::Small);
      const char* d = tr("Default");
      ImVec2 ds = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, d);
      ImVec2 q(p.x + w - ds.x - px(22), p.y + (size.y - ds.y - px(6)) * 0.5f);
      dl->AddRectFilled(q, ImVec2(q.x + ds.x + px(12), q.y + ds.y + px(6)), theme::u32(k.success_soft), px(9));
      dl->AddText(f, f->FontSize, ImVec2(q.x + px(6), q.y + px(3)), theme::u32(k.success), d);
    }
    if (pressed && !sel) {
      const int64_t id = t.id;
      a.guard([&a, id] { a.open_template(id); });
    }
    ImGui::PopID();
  }
  ImGui::EndChild();
}

void template_editor(App& a, float w, float h) {
  const auto& k = theme::colors();
  ImGui::BeginChild("##tedit", ImVec2(w, h), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  if (!a.templates.editing) {
    ImGui::Dummy(ImVec2(0, px(20)));
    ui::muted_text(a.templates.loaded ? tr("Choose a template on the left, or create one.") : tr("Loading…"), true);
    ImGui::EndChild();
    return;
  }
  signet::SignatureTemplate& t = *a.templates.editing;
  const bool ro = a.read_only();
  const float inner = ImGui::GetContentRegionAvail().x - px(16);
  auto local = signet::validate(t);
  const bool dirty = a.template_dirty();

  // Action bar.
  if (ui::primary_button(lbl(a.templates.saving ? tr("Saving…") : tr("Save"), "save").c_str(),
                         !ro && dirty && local.empty() && !a.templates.saving))
    a.save_template();
  test_hooks::name_last_item("Save");
  ui::same_line_if_fits(ui::button_width(tr("Duplicate")), px(8));
  if (ui::secondary_button(tr("Duplicate"), !ro)) {
    a.guard([&a] {
      if (!a.templates.editing) return;
      signet::SignatureTemplate copy = *a.templates.editing;
      a.create_template(trf("Copy of {name}", {{"name", copy.name}}), &copy);
    });
  }
  ui::same_line_if_fits(ui::button_width(tr("Make default")), px(8));
  if (ui::secondary_button(tr("Make default"), !ro && !t.is_default && !dirty)) a.make_default();
  ui::same_line_if_fits(ui::button_width(tr("Delete")), px(8));
  if (ui::danger_button(lbl(tr("Delete"), "template").c_str(), !ro)) a.templates.want_delete = true;
  if (dirty) {
    ui::same_line_if_fits(ImGui::CalcTextSize(tr("Unsaved changes")).x, px(8));
    ImGui::AlignTextToFramePadding();
    ui::text_colored(k.warning, tr("Unsaved changes"));
    test_hooks::name_last_item("unsaved", "Unsaved changes");
  }
  ImGui::Dummy(ImVec2(0, px(4)));
  if (a.templates.conflict) {
    ui::message(ui::Tone::Warning, tr("Someone else saved this template since you opened it. Reload to see their version (your changes here will be replaced)."));
    if (ui::secondary_button(tr("Reload"))) a.reload_template();
    test_hooks::name_last_item("Reload");
  }
  if (!a.templates.error.empty()) ui::message(ui::Tone::Danger, trm(a.templates.error).c_str());
  if (!local.empty() && dirty) ui::message(ui::Tone::Warning, tr("Fix the fields marked in red to save."));
  // The form scrolls under the fixed action bar.
  ImGui::BeginChild("##tform", ImVec2(0, 0), false);

  ui::text_field(tr("Template name"), "##tname", t.name, err(local, a.templates.server_fields, "name"),
                 {ui::Kind::Text, nullptr, inner, 0, ro});

  // Style.
  ImGui::PushFont(platform::font(platform::FontRole::Bold));
  ui::text(tr("Font"));
  ImGui::PopFont();
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - px(4));
  ImGui::BeginDisabled(ro);
  ImGui::SetNextItemWidth(inner * 0.5f);
  if (ImGui::BeginCombo("##font", t.style.font_family.c_str())) {
    for (const char* f : signet::kFontFamilies)
      if (ImGui::Selectable(f, t.style.font_family == f)) t.style.font_family = f;
    ImGui::EndCombo();
  }
  test_hooks::name_last_item("Font", t.style.font_family.c_str());
  ImGui::SameLine();
  ui::int_input("##size", &t.style.font_size, 8, 24, 1, inner * 0.5f - px(8), tr("Font size"));
  test_hooks::name_last_item("Font size");
  ImGui::EndDisabled();
  auto colour = [&](const char* label, const char* id, std::string& c, const std::string& key, float wd) {
    ImGui::BeginGroup();
    ui::text_field(label, id, c, err(local, a.templates.server_fields, key), {ui::Kind::Color, "#1f2937", wd - px(40), 0, ro});
    ImGui::EndGroup();
    ImGui::SameLine();
    unsigned r = 0, g = 0, bl = 0;
    if (c.size() == 7 && std::sscanf(c.c_str(), "#%02x%02x%02x", &r, &g, &bl) == 3) {
      ImVec2 p = ImGui::GetItemRectMax();
      ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x + px(6), p.y - ImGui::GetFrameHeight()), ImVec2(p.x + px(34), p.y),
                                                IM_COL32(r, g, bl, 255), px(4));
    }
    ImGui::Dummy(ImVec2(px(34), 0));
  };
  ImGui::BeginGroup();
  colour(tr("Text colour"), "##tc", t.style.text_color, "style.text_color", inner * 0.5f);
  ImGui::EndGroup();
  ImGui::SameLine(inner * 0.5f + px(8));
  ImGui::BeginGroup();
  colour(tr("Link colour"), "##lc", t.style.link_color, "style.link_color", inner * 0.5f);
  ImGui::EndGroup();

  ImGui::Dummy(ImVec2(0, px(8)));
  ui::label_text(tr("Blocks"));
  // Add a block.
  static int add_type = 0;
  ImGui::BeginDisabled(ro || t.blocks.size() >= signet::kMaxBlocks);
  ImGui::SetNextItemWidth(px(200));
  if (ImGui::BeginCombo("##addtype", block_type_label(kBlockTypes[add_type]))) {
    for (int i = 0; i < 6; ++i) {
      if (ImGui::Selectable(block_type_label(kBlockTypes[i]), i == add_type)) add_type = i;
      test_hooks::name_last_item((std::string("block-type:") + std::string(signet::to_string(kBlockTypes[i]))).c_str());
    }
    ImGui::EndCombo();
  }
  test_hooks::name_last_item("Block type", std::string(signet::to_string(kBlockTypes[add_type])).c_str());
  ImGui::EndDisabled();
  ui::same_line_if_fits(ui::button_width(tr("Add block")), px(8));
  if (ui::secondary_button(tr("Add block"), !ro && t.blocks.size() < signet::kMaxBlocks)) {
    signet::Block b;
    b.type = kBlockTypes[add_type];
    if (b.type == signet::BlockType::Text) b.text = "{{phone}}";
    if (b.type == signet::BlockType::Disclaimer)
      b.text = tr("This e-mail may contain confidential information. If you received it by mistake, please tell the sender and delete it.");
    if (b.type == signet::BlockType::Image || b.type == signet::BlockType::Banner) b.image_url = "https://";
    t.blocks.push_back(b);
    g_scroll_to_block = (int)t.blocks.size() - 1;
  }
  ImGui::Dummy(ImVec2(0, px(2)));
  int move = 0, remove = -1;
  size_t moved_index = 0;
  for (size_t i = 0; i < t.blocks.size(); ++i) {
    int m = 0;
    if ((int)i == g_scroll_to_block) {
      ImGui::SetScrollHereY(0.1f);
      g_scroll_to_block = -1;
      platform::mark_dirty();
    }
    block_editor(a, t, i, local, inner, m, remove);
    if (m) { move = m; moved_index = i; }
  }
  if (move) std::swap(t.blocks[moved_index], t.blocks[moved_index + move]);
  if (remove >= 0) t.blocks.erase(t.blocks.begin() + remove);

  ImGui::Dummy(ImVec2(0, px(40)));
  ImGui::EndChild();
  ImGui::EndChild();
}

void template_preview(App& a, float w, float h) {
  const auto& k = theme::colors();
  ImGui::BeginChild("##tprev", ImVec2(w, h), false);
  TemplatesState& s = a.templates;
  if (!s.editing) {
    ImGui::EndChild();
    return;
  }
  ImGui::PushFont(platform::font(platform::FontRole::Bold));
  ui::text(tr("Preview"));
  ImGui::PopFont();
  // Which directory user the preview shows.
  std::string current = s.preview_users.empty()
                            ? std::string(tr("Sample person (add people under Users)"))
                            : s.preview_users[s.preview_user].display_name.empty()
                                  ? s.preview_users[s.preview_user].email
                                  : s.preview_users[s.preview_user].display_name + " <" + s.preview_users[s.preview_user].email + ">";
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##previewuser", current.c_str(), ImGuiComboFlags_HeightLarge)) {
    for (int i = 0; i < (int)s.preview_users.size(); ++i) {
      const auto& u = s.preview_users[i];
      std::string l = (u.display_name.empty() ? u.email : u.display_name) + "##pu" + std::to_string(i);
      if (ImGui::Selectable(l.c_str(), i == s.preview_user)) s.preview_user = i;
      test_hooks::name_last_item(("preview-user:" + u.email).c_str());
    }
    ImGui::EndCombo();
  }
  test_hooks::name_last_item("Preview for", current.c_str());
  a.update_preview();

  // The preview area: a white panel; the real HTML is shown over it in a sandboxed iframe.
  const float warn_h = s.preview.warnings.empty() ? 0 : (ImGui::GetTextLineHeightWithSpacing() * (float)std::min<size_t>(s.preview.warnings.size(), 6) + px(40));
  float area_h = std::max(px(160), ImGui::GetContentRegionAvail().y - warn_h - px(140));
  ImVec2 p = ImGui::GetCursorScreenPos();
  float aw = ImGui::GetContentRegionAvail().x;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + aw, p.y + area_h), theme::u32(k.surface), px(6));
  dl->AddRect(p, ImVec2(p.x + aw, p.y + area_h), theme::u32(k.border), px(6), 0, px(1));
  ImGui::Dummy(ImVec2(aw, area_h));
  test_hooks::name_last_item("preview", std::to_string(s.preview.html.size()).c_str());
  // Place the iframe inside the border, clipped to this child's visible region.
  ImRect clip = ImGui::GetCurrentWindow()->ClipRect;
  ImRect r(p.x + px(1), p.y + px(1), p.x + aw - px(1), p.y + area_h - px(1));
  r.ClipWith(clip);
  const bool popup = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel);
  if (!popup && r.GetWidth() > 4 && r.GetHeight() > 4) {
    const float d = platform::dpr();
    std::string doc = "<!doctype html><html><head><meta charset=\"utf-8\"></head><body>" +
                      signet::style_attributes_as_data(s.preview.html) + "</body></html>";
    js::preview_show(doc, r.Min.x / d, r.Min.y / d, r.GetWidth() / d, r.GetHeight() / d);
    g_preview_drawn = true;
  }
  ImGui::Dummy(ImVec2(0, px(6)));
  if (s.preview.warnings.empty()) {
    ui::text_colored(k.success, tr("No warnings."));
    test_hooks::name_last_item("warnings", "");
  } else {
    std::string all;
    for (const auto& wmsg : s.preview.warnings) {
      ImGui::PushTextWrapPos(0);
      // U+26A0 is not in the font atlas; a bullet in the warning colour is.
      ui::text_colored(k.warning, ("\xE2\x80\xA2 " + trm(wmsg)).c_str());
      ImGui::PopTextWrapPos();
      all += trm(wmsg) + "\n";
    }
    test_hooks::name_last_item("warnings", all.c_str());
  }
  ImGui::PushFont(platform::font(platform::FontRole::Small));
  const std::string size_note = trf("{n} characters of HTML (Gmail allows {max}).",
                                    {{"n", signet::format_count((long long)s.preview.html.size(), platform::ui_language())},
                                     {"max", signet::format_count((long long)signet::kGmailSignatureLimit, platform::ui_language())}});
  ui::text_colored(k.text_muted, size_note.c_str());
  ImGui::PopFont();
  if (ImGui::CollapsingHeader(lbl(tr("Plain-text version"), "plain").c_str())) {
    ImGui::PushTextWrapPos(0);
    ui::text(s.preview.text.c_str());
    ImGui::PopTextWrapPos();
    test_hooks::name_last_item("plain-text", s.preview.text.c_str());
  }
  ImGui::EndChild();
}

void template_dialogs(App& a) {
  TemplatesState& s = a.templates;
  if (ui::dialog_begin("###newtpl", tr("New template"), s.want_new, 440)) {
    static bool focus = true;
    if (focus) { ui::autofocus_field(1); focus = false; }
    ui::text_field(tr("Name"), "##newname", s.new_name, "", {ui::Kind::Text, nullptr, ui::dialog_inner_width()});
    const bool ok = signet::normalize_text(s.new_name).size() > 0;
    const bool create = ui::primary_button(tr("Create"), ok);
    test_hooks::name_last_item("Create");
    if (create || (ok && enter_pressed())) {
      a.create_template(signet::normalize_text(s.new_name), nullptr);
      s.want_new = false;
      focus = true;
    }
    ImGui::SameLine();
    if (ui::secondary_button(lbl(tr("Cancel"), "cancelnew").c_str()) || ui::escape_pressed()) {
      s.want_new = false;
      focus = true;
    }
    ui::dialog_end();
  }
  if (ui::dialog_begin("###deltpl", tr("Delete template?"), s.want_delete, 440)) {
    ui::text(trf("Delete \"{name}\"? People who get it will get the default template.",
                               {{"name", s.editing ? s.editing->name : std::string()}}).c_str());
    ImGui::Dummy(ImVec2(0, px(8)));
    if (ui::danger_button(lbl(tr("Delete"), "confirmdel").c_str())) {
      a.delete_template();
      s.want_delete = false;
    }
    ImGui::SameLine();
    if (ui::secondary_button(lbl(tr("Cancel"), "canceldel").c_str()) || ui::escape_pressed()) s.want_delete = false;
    ui::dialog_end();
  }
}

// A narrow screen (a phone, a tablet upright): the template chooser on one line, then the editor
// or the preview, one at a time. With nothing chosen, the default template opens.
void templates_compact(App& a, float w, float h) {
  TemplatesState& s = a.templates;
  const float top = ImGui::GetCursorPosY();
  if (!s.editing && s.loaded && !s.items.empty() && !s.selected_id) {
    const auto def = std::find_if(s.items.begin(), s.items.end(), [](const auto& t) { return t.is_default; });
    a.open_template((def != s.items.end() ? *def : s.items.front()).id);
  }
  const char* create = tr("New template");
  const float create_w = ui::button_width(create);
  if (!s.items.empty()) {
    const auto cur = std::find_if(s.items.begin(), s.items.end(), [&](const auto& t) { return t.id == s.selected_id; });
    ImGui::SetNextItemWidth(w - create_w - px(8));
    if (ImGui::BeginCombo("##tchoose", cur != s.items.end() ? cur->name.c_str() : "", ImGuiComboFlags_HeightLarge)) {
      for (const auto& t : s.items) {
        ImGui::PushID((int)t.id);
        const std::string shown = t.is_default ? trf("{name} (default)", {{"name", t.name}}) : t.name;
        if (ImGui::Selectable(shown.c_str(), t.id == s.selected_id) && t.id != s.selected_id) {
          const int64_t id = t.id;
          a.guard([&a, id] { a.open_template(id); });
        }
        test_hooks::name_last_item(("template:" + t.name).c_str());
        ImGui::PopID();
      }
      ImGui::EndCombo();
    }
    test_hooks::name_last_item("Template", cur != s.items.end() ? cur->name.c_str() : "");
    ImGui::SameLine(0, px(8));
  }
  if (ui::primary_button(create, !a.read_only(), ImVec2(s.items.empty() ? w : create_w, 0))) {
    a.guard([&a] {
      a.templates.new_name = a.templates.items.empty() ? tr("Standard") : tr("New template");
      a.templates.want_new = true;
    });
  }
  if (!s.editing) {
    template_editor(a, w, h - (ImGui::GetCursorPosY() - top));
    return;
  }
  // Edit | Preview.
  const char* edit_label = tr("Edit");
  const char* preview_label = tr("Preview");
  if (ui::tab_choice(lbl(edit_label, "pane_edit").c_str(), !s.compact_preview)) s.compact_preview = false;
  test_hooks::name_last_item("pane:edit", s.compact_preview ? "" : "active");
  ImGui::SameLine(0, 0);
  if (ui::tab_choice(lbl(preview_label, "pane_preview").c_str(), s.compact_preview)) s.compact_preview = true;
  test_hooks::name_last_item("pane:preview", s.compact_preview ? "active" : "");
  const float rest = h - (ImGui::GetCursorPosY() - top);
  if (s.compact_preview) template_preview(a, w, rest);
  else template_editor(a, w, rest);
}

void view_templates(App& a, float h) {
  const float total_w = ImGui::GetContentRegionAvail().x;
  if (total_w < px(900)) {
    templates_compact(a, total_w, h);
    template_dialogs(a);
    return;
  }
  template_list(a, h);
  ImGui::SameLine(0, px(20));
  const float rest = total_w - px(240) - px(40);
  const float edit_w = std::floor(rest * 0.52f);
  template_editor(a, edit_w, h);
  ImGui::SameLine(0, px(20));
  template_preview(a, rest - edit_w, h);
  template_dialogs(a);
}

// ---------------------------------------------------------------------------------------------
// Users tab

// Labels of signet::kDirectoryFields, in that order (translated when drawn).
const char* const kUserFieldLabels[] = {phrase("E-mail"),     phrase("Display name"), phrase("First name"),
                                        phrase("Last name"),  phrase("Job title"),    phrase("Department"),
                                        phrase("Phone"),      phrase("Mobile"),       phrase("Website"),
                                        phrase("Address")};

void user_dialog(App& a) {
  UsersState& s = a.users;
  if (ui::dialog_begin("###person", s.editing.id ? tr("Edit person") : tr("Add a person"), s.want_dialog, 660)) {
    if (!s.dialog_error.empty()) ui::message(ui::Tone::Danger, trm(s.dialog_error).c_str());
    static int64_t focused_for = -1;
    if (focused_for != s.editing.id) { focused_for = s.editing.id; ui::autofocus_field(); }
    auto local = signet::validate(s.editing);
    // Two columns where there is room, one on a phone.
    const float inner = ui::dialog_inner_width();
    const bool two = inner >= px(480);
    const float col = two ? (inner - px(20)) * 0.5f : inner;
    for (int i = 0; i < 10; ++i) {
      const char* f = signet::kDirectoryFields[i];
      if (two && i % 2 == 1) ImGui::SameLine(0, px(20));
      ImGui::BeginGroup();
      std::string e = err(s.submitted ? local : signet::FieldErrors{}, s.server_fields, f);
      if (ui::text_field(tr(kUserFieldLabels[i]), (std::string("##u_") + f).c_str(), *signet::field_of(s.editing, f), e,
                         {directory_field_kind(f), nullptr, col}))
        s.server_fields.erase(f);
      ImGui::EndGroup();
    }
    ImGui::Dummy(ImVec2(0, px(6)));
    if (ui::primary_button(lbl(s.sending ? tr("Saving…") : tr("Save person"), "saveuser").c_str(), !s.sending && !a.read_only()))
      a.save_user();
    test_hooks::name_last_item("Save person");
    ImGui::SameLine();
    if (ui::secondary_button(lbl(tr("Cancel"), "canceluser").c_str()) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
      s.want_dialog = false;
      focused_for = -1;
    }
    ui::dialog_end();
  }

  if (ui::dialog_begin("###rmperson", tr("Remove person?"), s.want_confirm, 460)) {
    ui::text(trf("Remove {email} from the directory? Their signature will no longer be deployed.",
                               {{"email", s.removing.email}}).c_str());
    ImGui::Dummy(ImVec2(0, px(8)));
    if (ui::danger_button(lbl(tr("Remove"), "confirmrm").c_str())) {
      a.remove_user(s.removing.id);
      s.want_confirm = false;
    }
    ImGui::SameLine();
    if (ui::secondary_button(lbl(tr("Cancel"), "cancelrm").c_str()) || ui::escape_pressed()) s.want_confirm = false;
    ui::dialog_end();
  }

  if (ui::dialog_begin("###import", tr("Import people from CSV"), s.want_import, 720)) {
    ui::muted_text(tr("Paste the CSV text (Ctrl+V). The first row names the fields: email, display_name, first_name, last_name, job_title, department, phone, mobile, website, address. Comma or semicolon separated; existing e-mail addresses are updated."), true);
    ui::text_field(tr("CSV text"), "##csv", s.csv, "", {ui::Kind::Multiline, nullptr, ui::dialog_inner_width(), px(200)});
    if (!s.import_error.empty()) ui::message(ui::Tone::Danger, trm(s.import_error).c_str());
    if (s.import_result && s.import_result->is_object()) {
      const auto& r = *s.import_result;
      const std::string line = trf("{created} created, {updated} updated.",
                                   {{"created", std::to_string(r.value("created", 0))},
                                    {"updated", std::to_string(r.value("updated", 0))}});
      ui::message(ui::Tone::Success, line.c_str());
      test_hooks::name_last_item("import:result", line.c_str());
      if (r.contains("errors") && r["errors"].is_array() && !r["errors"].empty()) {
        std::string all;
        for (const auto& e : r["errors"]) {
          if (!e.is_object()) continue;
          const std::string field = e.value("field", std::string(""));
          const std::string message = trm(e.value("message", std::string("")));
          all += field.empty() ? trf("Line {line}: {message}", {{"line", std::to_string(e.value("line", 0))}, {"message", message}})
                               : trf("Line {line}, {field}: {message}",
                                     {{"line", std::to_string(e.value("line", 0))}, {"field", field}, {"message", message}});
          all += "\n";
        }
        // The server lists the first 100 and counts the rest.
        const int omitted = r.contains("errors_omitted") && r["errors_omitted"].is_number_integer() ? r["errors_omitted"].get<int>() : 0;
        if (omitted > 0)
          all += trf("… and {n} more rows not imported.", {{"n", signet::format_count(omitted, platform::ui_language())}}) + "\n";
        ui::message(ui::Tone::Warning, (std::string(tr("Rows not imported:")) + "\n" + all).c_str());
        test_hooks::name_last_item("import:errors", all.c_str());
      }
    }
    if (ui::primary_button(lbl(s.importing ? tr("Importing…") : tr("Import"), "imp").c_str(),
                           !s.importing && !s.csv.empty() && !a.read_only()))
      a.import_csv();
    test_hooks::name_last_item("Import");
    ImGui::SameLine();
    const bool close = ui::secondary_button(lbl(tr("Close"), "closeimp").c_str());
    test_hooks::name_last_item("Close");
    if (close) s.want_import = false;
    ui::dialog_end();
  }
}

void view_users(App& a, float h) {
  UsersState& s = a.users;
  const bool ro = a.read_only();
  ImGui::BeginChild("##users", ImVec2(0, h), false);
  const char* search_hint = tr("Search name, e-mail, department…");
  const float search_w = std::min(px(320), ImGui::GetContentRegionAvail().x);
  if (ui::text_input("##search", s.search, {ui::Kind::Search, search_hint, search_w, 0, false, search_hint})) {
    s.search_edited_at = platform::now_ms();
    platform::wake_after(260);
  }
  test_hooks::name_last_item("Search people", s.search.c_str());
  // The toolbar wraps on a phone.
  ui::same_line_if_fits(ui::button_width(tr("Add person")), px(8));
  if (ui::primary_button(tr("Add person"), !ro)) {
    s.editing = signet::DirectoryUser{};
    s.submitted = false;
    s.server_fields.clear();
    s.dialog_error.clear();
    s.want_dialog = true;
  }
  ui::same_line_if_fits(ui::button_width(tr("Import CSV")), px(8));
  const bool import_clicked = ui::secondary_button(tr("Import CSV"), !ro);
  test_hooks::name_last_item("Import CSV");
  if (import_clicked) {
    s.want_import = true;
    s.import_result.reset();
    s.import_error.clear();
  }
  if (s.total >= 0) {
    const std::string count = s.total == 1 ? std::string(tr("1 person"))
                                           : trf("{n} people", {{"n", signet::format_count(s.total, platform::ui_language())}});
    ui::same_line_if_fits(ImGui::CalcTextSize(count.c_str()).x, px(12));
    ImGui::AlignTextToFramePadding();
    ui::text_colored(theme::colors().text_muted, count.c_str());
  }
  if (s.loading) { ImGui::SameLine(); ui::spinner(); }
  if (!s.error.empty()) ui::message(ui::Tone::Danger, trm(s.error).c_str());
  ImGui::Dummy(ImVec2(0, px(4)));

  enum { ColName, ColEmail, ColJob, ColDept, ColActions };
  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  const float table_h = ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing() - px(12);
  if (ImGui::BeginTable("people", 5, flags, ImVec2(0, table_h))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    // A phone shows who (name, else e-mail address) and the actions; the rest needs the width.
    const bool narrow = ui::narrow_layout();
    const ImGuiTableColumnFlags wide_only = narrow ? ImGuiTableColumnFlags_Disabled : 0;
    ImGui::TableSetupColumn(tr("Name"), ImGuiTableColumnFlags_WidthStretch, 2.0f, ColName);
    ImGui::TableSetupColumn(tr("E-mail"), ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_DefaultSort | wide_only, 2.4f, ColEmail);
    ImGui::TableSetupColumn(tr("Job title"), ImGuiTableColumnFlags_WidthStretch | wide_only, 1.8f, ColJob);
    ImGui::TableSetupColumn(tr("Department"), ImGuiTableColumnFlags_WidthStretch | wide_only, 1.5f, ColDept);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort,
                            ui::button_width(tr("Edit")) + ui::button_width(tr("Remove")) + px(20), ColActions);
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs()) {
      if (specs->SpecsDirty && specs->SpecsCount > 0) {
        const auto& sp = specs->Specs[0];
        const char* key = "email";
        if (sp.ColumnUserID == ColName) key = "display_name";
        if (sp.ColumnUserID == ColJob) key = "job_title";
        if (sp.ColumnUserID == ColDept) key = "department";
        a.set_user_sort(key, sp.SortDirection == ImGuiSortDirection_Descending);
        specs->SpecsDirty = false;
      }
    }
    for (const auto& u : s.items) {
      ImGui::TableNextRow();
      ImGui::PushID((int)u.id);
      auto cell = [](int column, const std::string& v) {
        if (!ImGui::TableSetColumnIndex(column)) return false;
        ImGui::AlignTextToFramePadding();
        ui::fitted_text(v.c_str());
        return true;
      };
      cell(ColName, narrow && u.display_name.empty() ? u.email : u.display_name);
      test_hooks::name_last_item(("row:" + u.email).c_str(), u.display_name.c_str());
      cell(ColEmail, u.email);
      cell(ColJob, u.job_title);
      cell(ColDept, u.department);
      ImGui::TableSetColumnIndex(ColActions);
      if (ui::secondary_button(tr("Edit"), !ro)) {
        s.editing = u;
        s.submitted = false;
        s.server_fields.clear();
        s.dialog_error.clear();
        s.want_dialog = true;
      }
      test_hooks::name_last_item(("edit:" + u.email).c_str());
      ImGui::SameLine();
      if (ui::danger_button(tr("Remove"), !ro)) {
        s.removing = u;
        s.want_confirm = true;
      }
      test_hooks::name_last_item(("remove:" + u.email).c_str());
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  if (s.total == 0 && s.applied_q.empty()) ui::muted_text(tr("No people yet. Add them one by one or import a CSV file."));
  else if (s.total == 0) ui::muted_text(tr("Nobody matches this search."));
  const int pages = std::max(1, (s.total + UsersState::kPerPage - 1) / UsersState::kPerPage);
  if (pages > 1) {
    if (ui::secondary_button(tr("Previous"), s.page > 1)) { --s.page; a.reload_users(); }
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ui::text(trf("Page {page} of {pages}", {{"page", std::to_string(s.page)}, {"pages", std::to_string(pages)}}).c_str());
    ImGui::SameLine();
    if (ui::secondary_button(tr("Next"), s.page < pages)) { ++s.page; a.reload_users(); }
  }
  ImGui::EndChild();
  user_dialog(a);
}

// ---------------------------------------------------------------------------------------------
// Deploy tab

const char* template_name(const App& a, int64_t id) {
  for (const auto& t : a.templates.items)
    if (t.id == id) return t.name.c_str();
  return tr("(choose a template)");
}

std::string person_name(const App& a, int64_t id) {
  for (const auto& u : a.templates.preview_users)
    if (u.id == id) return u.display_name.empty() ? u.email : u.display_name + " <" + u.email + ">";
  return tr("(choose a person)");
}

void view_rules(App& a) {
  DeployState& s = a.deploy;
  const bool ro = a.read_only();
  ui::label_text(tr("Who gets which signature"));
  ui::muted_text(tr("Rules are checked from top to bottom; the first match wins. Everyone else gets the default template."), true);
  if (!s.rules_error.empty()) {
    std::string msg = trm(s.rules_error);
    for (const auto& [k, v] : s.rules_field_errors) msg += "\n" + k + ": " + trm(v);
    ui::message(ui::Tone::Danger, msg.c_str());
  }
  int move_from = -1, move_by = 0, remove = -1;
  const float w = ImGui::GetContentRegionAvail().x;
  ImGui::BeginDisabled(ro);
  for (size_t i = 0; i < s.rules.size(); ++i) {
    AssignmentRule& r = s.rules[i];
    ImGui::PushID((int)i);
    ImGui::AlignTextToFramePadding();
    ui::text((std::to_string(i + 1) + ".").c_str());
    ImGui::SameLine(px(36));
    ImGui::SetNextItemWidth(w * 0.22f);
    if (ImGui::BeginCombo("##tpl", template_name(a, r.template_id))) {
      for (const auto& t : a.templates.items)
        if (ImGui::Selectable(t.name.c_str(), t.id == r.template_id)) r.template_id = t.id;
      ImGui::EndCombo();
    }
    test_hooks::name_last_item(("rule-template:" + std::to_string(i + 1)).c_str(), template_name(a, r.template_id));
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ui::text(tr("for"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(w * 0.14f);
    if (ImGui::BeginCombo("##kind", r.by_user ? tr("the person") : tr("department"))) {
      if (ImGui::Selectable(tr("department"), !r.by_user)) r.by_user = false;
      if (ImGui::Selectable(tr("the person"), r.by_user)) r.by_user = true;
      ImGui::EndCombo();
    }
    ImGui::SameLine();
    if (r.by_user) {
      std::string cur = person_name(a, r.user_id);
      ImGui::SetNextItemWidth(w * 0.3f);
      if (ImGui::BeginCombo("##person", cur.c_str(), ImGuiComboFlags_HeightLarge)) {
        for (const auto& u : a.templates.preview_users) {
          std::string l = (u.display_name.empty() ? u.email : u.display_name + " <" + u.email + ">") + "##" + std::to_string(u.id);
          if (ImGui::Selectable(l.c_str(), u.id == r.user_id)) r.user_id = u.id;
        }
        ImGui::EndCombo();
      }
    } else {
      const char* dept_hint = tr("Department, e.g. Sales");
      ui::text_input("##dept", r.department, {ui::Kind::Text, dept_hint, w * 0.3f, 0, false, dept_hint});
      test_hooks::name_last_item(("rule-department:" + std::to_string(i + 1)).c_str(), r.department.c_str());
    }
    ImGui::SameLine();
    if (ui::secondary_button(tr("Up"), i > 0)) { move_from = (int)i; move_by = -1; }
    ImGui::SameLine();
    if (ui::secondary_button(tr("Down"), i + 1 < s.rules.size())) { move_from = (int)i; move_by = 1; }
    ImGui::SameLine();
    if (ui::danger_button(tr("Remove"))) remove = (int)i;
    ImGui::PopID();
  }
  ImGui::EndDisabled();
  if (move_from >= 0) std::swap(s.rules[move_from], s.rules[move_from + move_by]);
  if (remove >= 0) s.rules.erase(s.rules.begin() + remove);
  if (ui::secondary_button(tr("Add rule"), !ro && !a.templates.items.empty())) {
    AssignmentRule r;
    r.template_id = a.templates.items.front().id;
    s.rules.push_back(r);
  }
  ImGui::SameLine();
  const bool dirty = s.rules_loaded && App::rules_json(s.rules).dump() != s.saved_rules;
  if (ui::primary_button(lbl(s.rules_saving ? tr("Saving…") : tr("Save rules"), "rules").c_str(), !ro && dirty && !s.rules_saving))
    a.save_rules();
  test_hooks::name_last_item("Save rules");
}

void view_deploy(App& a, float h) {
  const auto& k = theme::colors();
  DeployState& s = a.deploy;
  ImGui::BeginChild("##deploy", ImVec2(0, h), false);
  const bool m365 = a.info && a.info->product == signet::Product::M365;
  ui::heading(m365 ? tr("Deploy to Microsoft 365") : tr("Deploy to Google Workspace"));
  ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x);
  ui::muted_text(m365 ? tr("Download the PowerShell script and run it in Exchange Online PowerShell (Connect-ExchangeOnline first). It sets each person's signature in Outlook on the web.")
                      : tr("Download the Gmail API requests (users.settings.sendAs.update), one per person, as a JSON document for your Google Workspace administrator."),
                 true);
  ImGui::PopTextWrapPos();
  ImGui::Dummy(ImVec2(0, px(4)));
  if (ui::primary_button(m365 ? tr("Download PowerShell script") : tr("Download Gmail API requests"))) a.download_deployment();
  test_hooks::name_last_item("Download");
  ui::same_line_if_fits(ui::button_width(tr("Refresh")), px(8));
  if (ui::secondary_button(tr("Refresh"))) a.load_deployment();
  if (s.loading) { ImGui::SameLine(); ui::spinner(); }
  if (!s.error.empty()) ui::message(ui::Tone::Danger, trm(s.error).c_str());
  ImGui::Dummy(ImVec2(0, px(8)));
  view_rules(a);
  ImGui::Dummy(ImVec2(0, px(8)));
  ui::label_text(tr("Signature per person"));
  if (s.data && s.data->is_object()) {
    const auto& d = *s.data;
    if (d.contains("unassigned") && d["unassigned"].is_array() && !d["unassigned"].empty()) {
      std::string list;
      bool first = true;
      for (const auto& e : d["unassigned"]) {
        std::string v = e.is_string() ? e.get<std::string>() : (e.is_object() ? e.value("email", std::string()) : std::string());
        list += (first ? "" : ", ") + v;
        first = false;
      }
      ui::message(ui::Tone::Warning,
                  trf("These people have no template (create a default template): {people}", {{"people", list}}).c_str());
    }
    if (m365 && d.contains("transport_rule") && d["transport_rule"].is_object()) {
      const auto& tr = d["transport_rule"];
      if (tr.contains("warnings") && tr["warnings"].is_array())
        for (const auto& w : tr["warnings"])
          if (w.is_string())
            ui::message(ui::Tone::Warning, trf("Transport rule: {warning}", {{"warning", trm(w.get<std::string>())}}).c_str());
    }
    if (ImGui::BeginTable("deploy", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY,
                          ImVec2(0, ImGui::GetContentRegionAvail().y - px(8)))) {
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableSetupColumn(tr("Person"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
      ImGui::TableSetupColumn(tr("Template"), ImGuiTableColumnFlags_WidthStretch, 1.5f);
      ImGui::TableSetupColumn(tr("Warnings"), ImGuiTableColumnFlags_WidthStretch, 3.0f);
      ImGui::TableHeadersRow();
      if (d.contains("users") && d["users"].is_array())
        for (const auto& u : d["users"]) {
          if (!u.is_object()) continue;
          ImGui::TableNextRow();
          ImGui::TableSetColumnIndex(0);
          std::string email = u.value("email", std::string());
          ui::fitted_text(email.c_str());
          test_hooks::name_last_item(("deploy:" + email).c_str(), u.contains("template") && u["template"].is_string() ? u["template"].get<std::string>().c_str() : "");
          ImGui::TableSetColumnIndex(1);
          if (u.contains("template") && u["template"].is_string()) ui::fitted_text(u["template"].get<std::string>().c_str());
          else ui::text_colored(k.text_muted, "—");
          ImGui::TableSetColumnIndex(2);
          if (u.contains("warnings") && u["warnings"].is_array() && !u["warnings"].empty()) {
            for (const auto& w : u["warnings"])
              if (w.is_string()) {
                ImGui::PushTextWrapPos(0);
                ui::text_colored(k.warning, trm(w.get<std::string>()).c_str());
                ImGui::PopTextWrapPos();
              }
          } else {
            ui::text_colored(k.success, tr("Ready"));
          }
        }
      ImGui::EndTable();
    }
  }
  ImGui::EndChild();
}

void view_editor(App& a) {
  const auto& k = theme::colors();
  const float pad = px(24);
  ImGui::SetCursorPos(ImVec2(pad, ImGui::GetCursorPosY() + px(8)));
  ImGui::BeginGroup();
  if (a.read_only()) {
    ImGui::PushTextWrapPos(ImGui::GetWindowWidth() - pad);
    const std::string note =
        a.info && !a.info->reseller_name.empty()
            ? trf("This subscription is inactive, so the signatures are read-only. Contact your reseller ({reseller}) to reactivate it.",
                  {{"reseller", a.info->reseller_name}})
            : std::string(tr("This subscription is inactive, so the signatures are read-only. Contact your reseller to reactivate it."));
    ui::message(ui::Tone::Warning, note.c_str());
    ImGui::PopTextWrapPos();
  }
  // The tabs wrap onto a second line where they do not fit (a phone).
  const std::pair<const char*, Tab> tabs[] = {{"Templates", Tab::Templates}, {"Users", Tab::Users},
                                              {"Deploy", Tab::Deploy}, {"Colleagues", Tab::Colleagues},
                                              {"Profile", Tab::Profile}};
  const char* const labels[] = {tr("Templates"), tr("Users"), tr("Deploy"), tr("Colleagues"), tr("Your profile")};
  for (int i = 0; i < 5; ++i) {
    if (i) ui::same_line_if_fits(ui::tab_choice_width(labels[i]), 0);
    tab_button(a, labels[i], tabs[i].first, tabs[i].second);
  }
  ImVec2 lp = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddLine(ImVec2(ImGui::GetWindowPos().x, lp.y - ImGui::GetStyle().ItemSpacing.y),
                                      ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowWidth(), lp.y - ImGui::GetStyle().ItemSpacing.y),
                                      theme::u32(k.border), px(1));
  ImGui::Dummy(ImVec2(0, px(6)));
  const float h = ImGui::GetWindowHeight() - ImGui::GetCursorPosY() - px(16);
  ImGui::PushItemWidth(-1);
  ImGui::BeginGroup();
  ImGui::PushID("content");
  float w = ImGui::GetWindowWidth() - pad * 2;
  ImGui::BeginChild("##content", ImVec2(w, h), false, ImGuiWindowFlags_NoScrollbar);
  switch (a.tab) {
    case Tab::Templates: view_templates(a, h); break;
    case Tab::Users: view_users(a, h); break;
    case Tab::Deploy: view_deploy(a, h); break;
    case Tab::Colleagues: view_colleagues(a, h); break;
    case Tab::Profile: view_profile(a, h); break;
  }
  ImGui::EndChild();
  ImGui::PopID();
  ImGui::EndGroup();
  ImGui::PopItemWidth();
  ImGui::EndGroup();
  confirm_leave_dialog(a);
}

}  // namespace

void view_frame(App& a) {
  g_preview_drawn = false;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
  ImGui::Begin("##signet-customer", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleVar(2);
  view_header(a);
  view_unreachable(a);
  ui::screen_begin();
  switch (a.screen) {
    case Screen::Loading: {
      ImVec2 avail = ImGui::GetContentRegionAvail();
      ImGui::SetCursorPos(ImVec2(avail.x * 0.5f - px(12), avail.y * 0.45f));
      if (!a.api_client.unreachable()) ui::spinner(12.0f);
      break;
    }
    case Screen::Invite: view_invite(a); break;
    case Screen::InviteInvalid: view_invite_invalid(a); break;
    case Screen::SignIn: view_signin(a); break;
    case Screen::Forgot: view_forgot(a); break;
    case Screen::Reset: view_reset(a); break;
    case Screen::Editor: view_editor(a); break;
    case Screen::NoSubscription: view_no_subscription(a); break;
  }
  ui::screen_end();
  ImGui::End();
  view_toast(a);
  if (!g_preview_drawn) js::preview_hide();
}

}  // namespace customer
