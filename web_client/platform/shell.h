// The pieces of the app shell both apps draw alike: the confirmation toast, the offline banner
// under the header, and the EN | NL language switch. One look, one implementation.
#pragma once
#include <optional>
#include <string>

#include "signet/i18n.h"

namespace ui {

// A confirmation at the bottom of the screen for seven seconds, with a check mark, also read out
// to screen readers. `message` is an English phrase or a message from the server; it is
// translated when drawn, so it follows a language switch.
class Toast {
 public:
  void show(std::string message);
  void clear() { message_.clear(); }
  void draw();  // after the app's window, as a window of its own

 private:
  std::string message_;
  double until_ = 0;
};

// The red band under the header while the server cannot be reached: what happened, and Retry.
// Returns true when Retry was pressed.
bool offline_banner(bool unreachable);

// "EN | NL", the current language in the accent colour and underlined, at the cursor, `height`
// high. Returns the language chosen this frame. Tests find "lang:EN" and "lang:NL".
std::optional<signet::Language> language_switch(float height);
float language_switch_width();

}  // namespace ui
