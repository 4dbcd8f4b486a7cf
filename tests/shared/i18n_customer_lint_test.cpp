// Native only: the customer app (web_client/customer) draws no English text of its own; every
// visible string goes through tr()/trf()/trm(). Catches a literal handed straight to an ImGui
// widget, the usual way an untranslated word slips in.
#include <doctest/doctest.h>

#include <regex>

#include "source_scan.h"

TEST_CASE("customer views pass no English literal straight to a widget") {
  // Signet's ui:: widgets too. Labels that are only an ImGui ID ("##search", "###unsaved") or a format without words are fine.
  static const std::regex widget(
      R"re((?:ui::(?:primary_button|secondary_button|danger_button|link_button|heading|label_text|muted_text|message|text_field|checkbox)|ImGui::(?:Text|TextWrapped|TextDisabled|TextColored|TextUnformatted|Button|SmallButton|Checkbox|RadioButton|MenuItem|BeginMenu|Selectable|BeginTabItem|CollapsingHeader|SetTooltip|TableSetupColumn|InputText|InputTextWithHint|OpenPopup|BeginPopupModal|BeginCombo))\(\s*(?:(?:"[^"]*"|[^,()"]*),\s*)?"([^"#%][^"]*)")re");
  static const std::regex words("[A-Za-z]{2,}");
  static const std::regex escapes(R"(\\(?:x[0-9A-Fa-f]{2}|.))");  // "\xE2\x9A\xA0 %s" has no words
  size_t files = 0;
  for (const auto& f : source_scan::sources({"web_client/customer"})) {
    ++files;
    for (auto it = std::sregex_iterator(f.text.begin(), f.text.end(), widget); it != std::sregex_iterator(); ++it) {
      const std::string literal = std::regex_replace((*it)[1].str(), escapes, "");
      if (std::regex_search(literal, words)) FAIL_CHECK(f.path << ": untranslated \"" << literal << "\"");
    }
  }
  CHECK(files >= 4);  // the scanner still finds the app
}
