// The customer app's frame: the header, the screen of the moment, and the editor with its tabs.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "customer/app.h"
#include "customer/js_glue.h"
#include "customer/views_common.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "platform/platform.h"
#include "platform/shell.h"
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

// `test_name` stays English so tests find the tab in every language.
void tab_button(App& a, const char* label, const char* test_name, Tab t) {
  const bool active = a.tab == t;
  const std::string id = std::string(label) + "###tab_" + test_name;
  const bool pressed = ui::tab_choice(id.c_str(), active);
  test_hooks::name_last_item((std::string("tab:") + test_name).c_str(), active ? "active" : "");
  if (pressed && !active) a.guard([&a, t] { a.select_tab(t); });
}


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

std::string lbl(const char* text, const char* id) { return std::string(text) + "###" + id; }

std::string err(const signet::FieldErrors& local, const signet::FieldErrors& server, const std::string& key) {
  auto it = server.find(key);
  if (it != server.end()) return trm(it->second);
  it = local.find(key);
  return it != local.end() ? trm(it->second) : std::string();
}

void view_frame(App& a) {
  js::preview_frame_begin();
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
  a.toast.draw();
  js::preview_frame_end();
}

}  // namespace customer
