// The text agent: the one path by which text reaches Signet's ImGui fields.
//
// A canvas gets no IME, no on-screen keyboard, no dictation and no autofill; a real <input>
// gets all of them. So every text field drawn has a DOM input (in one <form> per ImGui window)
// lying exactly over it, transparent and click-through. While the field is active its input
// has the focus and the browser does the editing; the field mirrors the input's value and
// selection each frame. What ImGui changes itself (a click that moves the caret, Escape that
// reverts) goes back to the input. Enter and Escape still reach ImGui, once; Tab moves the
// focus between the inputs of one window, synchronously, so nothing typed right after it lands
// in the previous field. The browser half is text_agent.js (linked with --pre-js).
#pragma once
#include <string>

#include "imgui.h"

namespace text_agent {

// What a field holds: decides the input's type, inputmode and autocomplete, and so the
// keyboard a phone shows and what autofill and password managers offer.
enum class Kind {
  Text,
  Name,             // a person's full name
  Organization,     // a company name
  Email,
  Username,         // the e-mail address someone signs in with
  Phone,
  Number,           // digits only (a user count)
  CurrentPassword,
  NewPassword,
  Url,
  Search,
  Color,            // #rrggbb
  Multiline,
};

// Called by platform::init() before glfwInit(): the agent's key listeners must run before the
// GLFW emulation's, which would otherwise also see (and prevent) keys typed into an input.
void install();
void begin_frame();  // after ImGui::NewFrame()
void end_frame();
// The visible area shrank or grew (a phone keyboard): scroll the active field into view.
void reveal_active();

// ---- for ui::text_input, the widget every text field is drawn with ----
struct FieldInfo {
  Kind kind = Kind::Text;
  const char* label = nullptr;  // the visible label: the input's accessible name
  bool read_only = false;
};
// Before the field's InputText: true when the browser focused the field's input (Tab, a
// password manager) and ImGui should activate the field now (SetKeyboardFocusHere).
bool wants_activation(ImGuiID id);
// Before the InputText of a field that is not being edited: the input's value changed (autofill
// fills every field of a form at once). Returns true and sets `value` then.
bool take_value(ImGuiID id, std::string& value);
// From the field's ImGuiInputTextFlags_CallbackAlways, every frame while it is active: applies
// what the browser changed, or sends the browser what ImGui changed.
void sync_active(ImGuiID id, ImGuiInputTextCallbackData* data, bool read_only);
// After the InputText: where the field is, what it is, and its value.
void field_drawn(ImGuiID id, const FieldInfo& info, const std::string& value, bool active);
// While an IME composes in the active field: the composed part, in bytes of its text.
bool composition(ImGuiID id, size_t* begin, size_t* end);

}  // namespace text_agent
