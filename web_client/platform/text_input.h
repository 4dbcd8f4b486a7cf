// The one text-field widget of both apps: an ImGui InputText bound to a std::string (any
// length, any character) whose text comes through the text agent (platform/text_agent.h), so
// IMEs, dead keys, on-screen keyboards, dictation, paste and autofill all work. Views never call
// ImGui::InputText directly (tests/shared/web_text_input_lint_test.cpp checks).
#pragma once
#include <string>

#include "imgui.h"
#include "platform/text_agent.h"

namespace ui {

using text_agent::Kind;

struct TextInput {
  Kind kind = Kind::Text;
  const char* hint = nullptr;     // shown while empty
  float width = -1.0f;            // device px; -1: the rest of the line
  float height = 0.0f;            // Kind::Multiline: the box's height (device px)
  bool read_only = false;
  const char* label = nullptr;    // the visible label: the input's accessible name
  ImGuiInputTextFlags flags = 0;  // more ImGui flags (EnterReturnsTrue, AutoSelectAll)
};

// Returns true when the text changed. `id` is an ImGui label ("##email").
bool text_input(const char* id, std::string& value, const TextInput& options = {});

// Gives the field `offset` fields ahead the keyboard focus, for a screen or dialog that opens
// with its first field ready to type in — only where the primary pointer is a mouse: on a touch
// screen a focused field would raise the on-screen keyboard over the page before the person
// chose to type.
void autofocus_field(int offset = 0);

// A whole number from `min` to `max`: a numeric text input (digits keyboard on phones) with −
// and + buttons stepping by `step`. `width` covers both. Returns true when *value changed.
bool int_input(const char* id, int* value, int min, int max, int step, float width,
               const char* label);

}  // namespace ui
