// Helpers shared by the portal's views.
#pragma once
#include <optional>
#include <string>

#include "imgui.h"
#include "platform/dialog.h"
#include "platform/platform.h"
#include "platform/tr.h"
#include "platform/widgets.h"
#include "portal/app.h"

namespace portal {

using ui::field_message;

// A labelled text field bound to a Field.
inline bool form_field(Field& f, const char* label, const char* id, bool submitted,
                       const std::optional<std::string>& local, const ui::TextInput& input,
                       const char* help = nullptr) {
  std::string msg = field_message(f, submitted, local);
  bool changed = ui::text_field(label, id, f.value, msg, input, help, &f.touched);
  if (changed) f.server_error.clear();
  return changed;
}

using ui::enter_pressed;
using ui::escape_pressed;

// Focus the next widget once per screen switch.
inline void focus_on_screen_entry(const App& a, int& seen) {
  if (seen != a.screen_serial) {
    seen = a.screen_serial;
    ui::autofocus_field();
  }
}

// A translated label whose ImGui ID stays the same in every language and state ("Sending…"):
// id_label(tr("Save"), "save_users") -> "Opslaan###save_users".
inline std::string id_label(const char* text, const char* id) { return std::string(text) + "###" + id; }

using ui::narrow_layout;
using ui::same_line_if_fits;
// Left/right margin of a screen's content.
inline float page_pad() { return platform::px(narrow_layout() ? 16 : 28); }

}  // namespace portal
