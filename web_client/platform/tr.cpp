#include "platform/tr.h"

#include "platform/platform.h"

namespace platform {

static signet::Language g_language = signet::Language::En;

signet::Language ui_language() { return g_language; }

void set_ui_language(signet::Language lang) {
  if (lang != g_language) mark_dirty();
  g_language = lang;
  set_page_language(std::string(signet::language_code(lang)));
}

signet::Language initial_language() {
  return signet::parse_language(language_hint()).value_or(signet::Language::En);
}

}  // namespace platform
