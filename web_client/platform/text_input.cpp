#include "platform/text_input.h"

#include <algorithm>

#include "imgui_internal.h"
#include "platform/platform.h"
#include "platform/theme.h"
#include "test_hooks/test_hooks.h"
#include "signet/validation.h"

namespace ui {
namespace {

struct Binding {
  std::string* value;
  ImGuiID id;
  bool read_only;
};

int callback(ImGuiInputTextCallbackData* d) {
  auto* b = static_cast<Binding*>(d->UserData);
  if (d->EventFlag == ImGuiInputTextFlags_CallbackResize) {
    b->value->resize((size_t)d->BufTextLen);
    d->Buf = b->value->data();
  } else if (d->EventFlag == ImGuiInputTextFlags_CallbackAlways) {
    text_agent::sync_active(b->id, d, b->read_only);
  }
  return 0;
}

// An underline under the part an IME is still composing, as native fields show it.
void underline_composition(ImGuiID id, const std::string& value) {
  size_t begin = 0, end = 0;
  if (!text_agent::composition(id, &begin, &end) || end > value.size()) return;
  const ImGuiInputTextState* state = ImGui::GetInputTextState(id);
  const float scroll = state ? state->ScrollX : 0.0f;
  const ImVec2 frame = ImGui::GetItemRectMin();
  const ImGuiStyle& style = ImGui::GetStyle();
  const char* text = value.c_str();
  const float x0 = frame.x + style.FramePadding.x - scroll + ImGui::CalcTextSize(text, text + begin).x;
  const float x1 = frame.x + style.FramePadding.x - scroll + ImGui::CalcTextSize(text, text + end).x;
  const float y = frame.y + style.FramePadding.y + ImGui::GetFontSize() + platform::px(1);
  ImGui::GetWindowDrawList()->AddLine(ImVec2(x0, y), ImVec2(x1, y),
                                      theme::u32(theme::colors().text), platform::px(1.5f));
  test_hooks::name_last_item("ime-composition", value.substr(begin, end - begin).c_str());
}

}  // namespace

bool text_input(const char* id_label, std::string& value, const TextInput& o) {
  const ImGuiID id = ImGui::GetID(id_label);
  // The browser focused this field's input (Tab, a password manager): ImGui follows.
  if (text_agent::wants_activation(id)) ImGui::SetKeyboardFocusHere();
  bool changed = false;
  const bool editing = ImGui::GetActiveID() == id;
  if (!editing && text_agent::take_value(id, value)) changed = true;

  const bool multiline = o.kind == Kind::Multiline;
  const bool password = o.kind == Kind::CurrentPassword || o.kind == Kind::NewPassword;
  ImGuiInputTextFlags flags = o.flags | ImGuiInputTextFlags_CallbackResize |
                              ImGuiInputTextFlags_CallbackAlways;
  if (password) flags |= ImGuiInputTextFlags_Password;
  if (o.read_only) flags |= ImGuiInputTextFlags_ReadOnly;
  Binding binding{&value, id, o.read_only};
  if (multiline) {
    changed |= ImGui::InputTextMultiline(id_label, value.data(), value.capacity() + 1,
                                         ImVec2(o.width, o.height), flags, callback, &binding);
  } else {
    ImGui::SetNextItemWidth(o.width);
    changed |= ImGui::InputTextWithHint(id_label, o.hint, value.data(), value.capacity() + 1,
                                        flags, callback, &binding);
  }
  const bool active = ImGui::IsItemActive();
  text_agent::field_drawn(id, {o.kind, o.label, o.read_only}, value, active);
  if (active && !multiline && !password) underline_composition(id, value);
  return changed;
}

void autofocus_field(int offset) {
  if (platform::pointer_is_fine()) ImGui::SetKeyboardFocusHere(offset);
}

bool int_input(const char* id, int* value, int min, int max, int step, float width,
                const char* label) {
  ImGui::PushID(id);
  const float button = ImGui::GetFrameHeight();
  const float gap = ImGui::GetStyle().ItemInnerSpacing.x;
  int v = *value;
  // While the field is being edited ImGui shows its own copy of the text; this string only
  // carries each edit out, so it is made afresh from the number every frame.
  std::string text = std::to_string(v);
  if (text_input("##n", text, {Kind::Number, nullptr, width - 2 * (button + gap), 0, false, label})) {
    if (const auto n = signet::parse_whole_number(text)) v = (int)std::clamp<long long>(*n, min, max);
  }
  ImGui::SameLine(0, gap);
  if (ImGui::Button("-", ImVec2(button, button))) v = std::max(min, v - step);
  ImGui::SameLine(0, gap);
  if (ImGui::Button("+", ImVec2(button, button))) v = std::min(max, v + step);
  ImGui::PopID();
  const bool changed = v != *value;
  *value = v;
  return changed;
}

}  // namespace ui
