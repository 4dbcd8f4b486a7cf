// Translation in the browser apps: tr("Save") in a view draws "Opslaan" when the UI is in
// Dutch. The phrase tables and the lookup live in shared/signet (i18n.h); this adds the
// app's current language, which only the UI thread reads and writes.
#pragma once
#include <string>
#include <string_view>

#include "signet/i18n.h"

namespace platform {
signet::Language ui_language();
// Sets the language of every later tr(), <html lang> and the stored choice on this browser.
void set_ui_language(signet::Language lang);
// The language to start in: the stored choice, else the browser's, else English.
signet::Language initial_language();
}  // namespace platform

// A phrase from the tables; the pointer stays valid (a table literal or the argument).
inline const char* tr(const char* english) {
  return signet::translate(english, platform::ui_language()).data();
}
// A message that may be filled in from a template (validation and server messages).
inline std::string trm(std::string_view message) {
  return signet::translate_message(message, platform::ui_language());
}
// tr() plus placeholders, filled in after translation (see signet::fill).
inline std::string trf(const char* english, std::initializer_list<signet::Arg> args) {
  return signet::fill(tr(english), args);
}
