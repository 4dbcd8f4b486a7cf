// Detail panel of the selected subscription: all fields, change the number of users, set
// active/inactive (PATCH).
#include "platform/theme.h"
#include "portal/format.h"
#include "portal/view_common.h"
#include "test_hooks/test_hooks.h"

namespace portal {
namespace {

void row(const char* label, const std::string& value, float label_w) {
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colors().text_muted);
  ImGui::TextUnformatted(label);
  ImGui::PopStyleColor();
  ImGui::SameLine(label_w);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(value.c_str());
  ImGui::PopTextWrapPos();
  test_hooks::name_last_item((std::string("detail:") + label).c_str(), value.c_str());
}

}  // namespace

void view_detail(App& a, float width, float height) {
  const signet::Subscription s = *a.list.selected;
  DetailState& d = a.detail;
  const auto& k = theme::colors();
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(platform::px(22), platform::px(20)));
  ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, platform::px(10));
  ImGui::BeginChild("##detail", ImVec2(width, height), true);

  // Title + close.
  float close_w = ImGui::CalcTextSize("Close").x;
  ImGui::PushFont(platform::font(platform::FontRole::Title));
  ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x - close_w - platform::px(12));
  ImGui::TextUnformatted(s.customer_name.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  test_hooks::name_last_item("detail-title", s.customer_name.c_str());
  ImGui::SameLine(ImGui::GetContentRegionMax().x - close_w);
  if (ui::link_button("Close##detail")) {
    a.clear_selection();
    ImGui::EndChild();
    ImGui::PopStyleVar(2);
    return;
  }
  ui::muted_text(std::string(signet::display_name(s.product)).c_str());
  ImGui::Dummy(ImVec2(0, platform::px(4)));
  ImGui::Separator();
  ImGui::Dummy(ImVec2(0, platform::px(4)));

  const float lw = platform::px(176);
  ImGui::PushStyleColor(ImGuiCol_Text, k.text_muted);
  ImGui::TextUnformatted("Status");
  ImGui::PopStyleColor();
  ImGui::SameLine(lw);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ImGui::GetStyle().FramePadding.y);
  if (s.status == signet::SubscriptionStatus::Active) ui::badge("Active", k.success_soft, k.success);
  else ui::badge("Inactive", k.neutral_soft, k.text_muted);
  row("Number of users", format_count(s.user_count), lw);
  row("Next payment date", format_date(s.next_payment_date), lw);
  row("Customer edits", s.customer_can_edit ? "Yes, the customer edits signatures"
                                             : "No, you manage the designs", lw);
  if (s.customer_can_edit) {
    row("Contact name", s.contact_name, lw);
    row("Contact e-mail", s.contact_email, lw);
    row("Invitation", invitation_label(s.invitation_status), lw);
  }
  row("Created", format_timestamp(s.created_at), lw);

  ImGui::Dummy(ImVec2(0, platform::px(6)));
  ImGui::Separator();
  ImGui::Dummy(ImVec2(0, platform::px(4)));

  // Change the number of users.
  if (d.for_id != s.id) a.select(s);
  float inner = ImGui::GetContentRegionAvail().x;
  float save_w = ui::button_width("Save");
  ui::label_text("Change number of users");
  ImGui::SetNextItemWidth(inner - save_w - platform::px(10));
  if (ImGui::InputText("##detail_users", d.users, sizeof d.users,
                       ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_EnterReturnsTrue))
    a.save_user_count();
  if (ImGui::IsItemEdited()) d.users_error.clear();
  test_hooks::name_last_item("Detail number of users");
  ImGui::SameLine(0, platform::px(10));
  if (ui::primary_button("Save##users", !d.sending, ImVec2(save_w, 0))) a.save_user_count();
  if (!d.users_error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, k.danger);
    ImGui::TextWrapped("%s", d.users_error.c_str());
    ImGui::PopStyleColor();
    test_hooks::name_last_item("error:Detail number of users", d.users_error.c_str());
  }
  ImGui::Dummy(ImVec2(0, platform::px(6)));

  ui::label_text("Subscription status");
  if (s.status == signet::SubscriptionStatus::Active) {
    ui::muted_text("An inactive subscription is not billed and its signatures are not deployed.", true);
    if (ui::danger_button("Set inactive", !d.sending)) a.set_selected_status(signet::SubscriptionStatus::Inactive);
  } else {
    ui::muted_text("Activating it starts billing again.", true);
    if (ui::primary_button("Set active", !d.sending)) a.set_selected_status(signet::SubscriptionStatus::Active);
  }
  if (d.sending) {
    ImGui::SameLine();
    ui::spinner();
  }
  if (!d.error.empty()) ui::message(ui::Tone::Danger, d.error.c_str());

  ImGui::EndChild();
  ImGui::PopStyleVar(2);
}

}  // namespace portal
