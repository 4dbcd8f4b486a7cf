// Widgets in Signet's look, shared by the WASM apps. Every interactive widget also registers
// its rectangle with test_hooks under a readable name.
#pragma once
#include <string>

#include "imgui.h"
#include "platform/text_input.h"

namespace ui {

bool primary_button(const char* label, bool enabled = true, ImVec2 size = ImVec2(0, 0));
bool secondary_button(const char* label, bool enabled = true, ImVec2 size = ImVec2(0, 0));
bool danger_button(const char* label, bool enabled = true, ImVec2 size = ImVec2(0, 0));
// Looks like a hyperlink.
bool link_button(const char* label);

// Label above, input below (ui::text_input), `error` (if any) in red under it, else `help` in
// small print. The label is also the test-hook name and the input's accessible name. Returns
// true when the text changed; `finished_edit` is set when the person leaves the field after
// changing it.
bool text_field(const char* label, const char* id, std::string& value, const std::string& error,
                TextInput options = {}, const char* help = nullptr, bool* finished_edit = nullptr);

// Card: a white rounded panel of `width` (device px) centred horizontally at `top`, sized to
// its content. Content goes between card_begin/card_end; returns the inner width.
float card_begin(const char* id, float width, float top);
void card_end();

bool checkbox(const char* label, bool* value);

// Pill-shaped badge with a coloured dot.
void badge(const char* text, const ImVec4& bg, const ImVec4& fg);
// Rotating arc; keeps the app animating while visible.
void spinner(float radius_css = 8.0f);

enum class Tone { Info, Success, Warning, Danger };
// Full-width rounded message box.
void message(Tone tone, const char* text);

void muted_text(const char* text, bool wrap = false);
// Width of a primary/secondary button showing `label` (bold text + padding).
float button_width(const char* label);
void heading(const char* text);        // Title font
void label_text(const char* text);     // Bold
// Moves the cursor so that an item of `width` is horizontally centred in the current region.
void center_next(float width);

}  // namespace ui
