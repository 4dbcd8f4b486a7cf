// The dialogs of both apps: a centred, rounded panel with its title in the title font and its
// text wrapped to its width (no ImGui title bar). One look, one implementation.
#pragma once

namespace ui {

// Shown while `open` is true; an action or a button sets it false, which closes the dialog.
// `id` is a stable ImGui ID ("###new_template"); `title` is drawn (and read by tests as
// "modal-title"). The panel is `width_css` wide, less on a narrow screen. Returns true while the
// dialog is drawn: then draw its content and call dialog_end().
bool dialog_begin(const char* id, const char* title, bool& open, float width_css);
void dialog_end();
// Inner width of the dialog being drawn.
float dialog_inner_width();

// Keys a dialog or form acts on, pressed this frame (a text field's Enter and Escape included).
bool enter_pressed();
bool escape_pressed();

}  // namespace ui
