// Widgets in Signet's look, shared by the WASM apps. ImGui reports every labelled item's
// rectangle to test_hooks under its visible label; views name the others (and give friendlier
// names) with test_hooks::name_last_item. The text they draw is published with its panel for
// the layout tests.
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

// The screen's body under the app's header: the rest of the window, scrolling (wheel, finger)
// only when the screen is taller than that, while the header stays put (a form on a phone, or
// above its on-screen keyboard). Screens draw between screen_begin() and screen_end().
void screen_begin();
void screen_end();

// Card: a white rounded panel of `width` (device px) centred horizontally at `top`, sized to
// its content. Content goes between card_begin/card_end; returns the inner width.
float card_begin(const char* id, float width, float top);
void card_end();

bool checkbox(const char* label, bool* value);

// A tab: bold label, underlined in the accent colour while `active`. Returns true when pressed.
// `label` may end in an ImGui ID ("Bewerken###edit").
bool tab_choice(const char* label, bool active);
float tab_choice_width(const char* label);

// Pill-shaped badge with a coloured dot, and its width.
void badge(const char* text, const ImVec4& bg, const ImVec4& fg);
float badge_width(const char* text);
// Rotating arc; keeps the app animating while visible.
void spinner(float radius_css = 8.0f);

enum class Tone { Info, Success, Warning, Danger };
// Full-width rounded message box.
void message(Tone tone, const char* text);

void muted_text(const char* text, bool wrap = false);
// Text as views draw it (never ImGui::Text* directly: tests/shared/web_views_lint_test.cpp).
// Each also tells the layout tests where it went and which panel holds it.
void text(const char* s, const char* end = nullptr);  // wraps where a wrap position is set
void text_colored(const ImVec4& color, const char* s);
void paragraph(const char* s);  // wrapped to its card, dialog or window
// One line cut with "…" to `width` (default: the room left on the line, as in a table cell);
// the whole text as a tooltip on hover when it was cut.
void fitted_text(const char* s, float width = -1.0f);
// Width of a primary/secondary button showing `label` (bold text + padding).
float button_width(const char* label);
void heading(const char* s);        // Title font
void label_text(const char* s);     // Bold
// Phone-sized window (the 390 px layout): fewer columns, panes one at a time, details as their
// own screen.
bool narrow_layout();
// Keeps the next item (`width` device px) on the current line when it fits before the window's
// edge, else starts a new line: rows that are wider in Dutch or on a phone wrap instead of
// being clipped. Returns true when it stayed on the line.
bool same_line_if_fits(float width, float spacing);

}  // namespace ui
