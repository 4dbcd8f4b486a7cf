// "New customer subscription" modal: the seed's fields in the seed's order, plus the language
// of the invitation when the customer is invited. Keyboard: Tab moves between the text
// fields, arrows/Space reach the choices, Enter creates, Escape cancels.
#include <algorithm>

#include "platform/theme.h"
#include "portal/view_common.h"
#include "signet/validation.h"
#include "test_hooks/test_hooks.h"

namespace portal {
namespace {

// A radio button in the accent colour (the theme's check mark is white, for the filled checkbox).
bool radio(const char* label, bool active) {
  ImGui::PushStyleColor(ImGuiCol_CheckMark, theme::colors().accent);
  const bool pressed = ImGui::RadioButton(label, active);
  ImGui::PopStyleColor();
  return pressed;
}

// A checkbox whose label wraps beside it when the dialog is too narrow for one line (a phone,
// a long Dutch label); clicking the label toggles it too.
bool labelled_checkbox(const char* label, const char* id, bool* value, float width) {
  const float box = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x;
  if (ImGui::CalcTextSize(label).x + box <= width) return ui::checkbox(label, value);
  bool changed = ui::checkbox(id, value);
  test_hooks::name_last_item(label, *value ? "checked" : "");
  ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - box);
  ui::text(label);
  ImGui::PopTextWrapPos();
  if (ImGui::IsItemClicked()) {
    *value = !*value;
    changed = true;
  }
  if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  return changed;
}

}  // namespace

void view_new_subscription(App& a) {
  NewSubscriptionState& c = a.create;
  if (!ui::dialog_begin("###new_subscription", tr("New customer subscription"), c.open, 540)) return;
  test_hooks::set_screen("new-subscription");
  const float inner = ui::dialog_inner_width();
  ui::muted_text(tr("The customer is billed through your reseller account."), true);
  ImGui::Dummy(ImVec2(0, platform::px(4)));
  if (!c.error.empty()) ui::message(ui::Tone::Danger, trm(c.error).c_str());

  // Product.
  ui::label_text(tr("Product"));
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - platform::px(4));
  ImGui::SetNextItemWidth(inner);
  std::string current = tr(signet::display_name(signet::kAllProducts[c.product]).data());
  const bool product_list_was_open = ImGui::IsPopupOpen("##product", ImGuiPopupFlags_AnyPopupId);
  if (ImGui::BeginCombo("##product", current.c_str())) {
    for (int i = 0; i < 2; ++i) {
      std::string name = tr(signet::display_name(signet::kAllProducts[i]).data());
      if (ImGui::Selectable(name.c_str(), c.product == i)) c.product = i;
    }
    ImGui::EndCombo();
  }
  test_hooks::name_last_item("Product", current.c_str());
  ImGui::Dummy(ImVec2(0, platform::px(2)));

  const signet::FieldErrors local = c.local_errors();
  auto local_of = [&](const char* key) -> std::optional<std::string> {
    auto it = local.find(key);
    if (it == local.end()) return std::nullopt;
    return it->second;
  };
  static int seen_open = -1;
  static int open_serial = 0;
  if (ImGui::IsWindowAppearing()) ++open_serial;
  if (seen_open != open_serial) {
    seen_open = open_serial;
    ui::autofocus_field();
  }
  form_field(c.customer, tr("Customer company name"), "##new_customer", c.submitted,
             local_of("customer_name"), {ui::Kind::Organization, tr("e.g. Łódź Sp. z o.o."), inner});
  form_field(c.users, tr("Number of users"), "##new_users", c.submitted, local_of("user_count"),
             {ui::Kind::Number, tr("e.g. 25"), inner},
             tr("Users linked to this customer (licensed seats)."));
  // Billing cycle: Monthly (default) or Annual, as two radio-style choices.
  ui::label_text(tr("Billing cycle"));
  {
    static const char* const kCycles[] = {signet::phrase("Monthly"), signet::phrase("Annual")};
    for (int i = 0; i < 2; ++i) {
      if (i) ImGui::SameLine(0, platform::px(24));
      if (radio(tr(kCycles[i]), c.billing_cycle == i)) c.billing_cycle = i;
      test_hooks::name_last_item((std::string("Billing cycle:") + kCycles[i]).c_str(),
                                 c.billing_cycle == i ? "selected" : "");
    }
  }
  ImGui::Dummy(ImVec2(0, platform::px(4)));
  if (labelled_checkbox(tr("Let customers edit signatures?"), "##can_edit", &c.can_edit, inner)) {
    c.contact_name.server_error.clear();
    c.contact_email.server_error.clear();
  }
  ImGui::PushFont(platform::font(platform::FontRole::Small));
  ImGui::PushStyleColor(ImGuiCol_Text, theme::colors().text_muted);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner);
  ui::text(c.can_edit
                             ? tr("The contact receives an e-mail invitation to manage the signatures. They get no access to billing.")
                             : tr("You manage this customer's signature designs; the customer gets no access."));
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::PopFont();
  if (c.can_edit) {
    ImGui::Dummy(ImVec2(0, platform::px(2)));
    form_field(c.contact_name, tr("Customer contact name"), "##new_contact_name", c.submitted,
               local_of("contact_name"), {ui::Kind::Name, nullptr, inner});
    form_field(c.contact_email, tr("Customer e-mail address"), "##new_contact_email", c.submitted,
               local_of("contact_email"), {ui::Kind::Email, tr("name@customer.com"), inner});
    // The invitation (and the customer's later e-mails) in English or Dutch; each language is
    // named in itself.
    ui::label_text(tr("Language of the invitation"));
    struct Choice { const char* name; signet::Language lang; const char* hook; };
    static const Choice kLanguages[] = {{"English", signet::Language::En, "Invitation language:en"},
                                        {"Nederlands", signet::Language::Nl, "Invitation language:nl"}};
    for (int i = 0; i < 2; ++i) {
      const Choice& l = kLanguages[i];
      if (i) ImGui::SameLine(0, platform::px(24));
      if (radio(l.name, c.language == l.lang)) c.language = l.lang;
      test_hooks::name_last_item(l.hook, c.language == l.lang ? "selected" : "");
    }
  }

  ImGui::Dummy(ImVec2(0, platform::px(8)));
  const bool valid = local.empty();
  const std::string create = id_label(c.sending ? tr("Creating…") : tr("Create"), "create");
  const char* cancel = tr("Cancel");
  const float bw = std::max({platform::px(120), ui::button_width(cancel), ui::button_width(create.c_str())});
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, inner - bw * 2 - platform::px(10)));
  bool close = ui::secondary_button(cancel, true, ImVec2(bw, platform::px(42)));
  ImGui::SameLine(0, platform::px(10));
  if (ui::primary_button(create.c_str(), valid && !c.sending, ImVec2(bw, platform::px(42))))
    a.submit_create();
  if (c.sending) ui::spinner();

  // Enter creates; on an invalid form it shows every message and reads out their summary.
  if (!c.sending && enter_pressed() && !product_list_was_open) a.submit_create();
  // Esc closes the dialog (unless it just closed the open Product list).
  if (escape_pressed() && !product_list_was_open) close = true;
  if (close) {
    c.open = false;
    c.reset();
  }
  ui::dialog_end();
}

}  // namespace portal
