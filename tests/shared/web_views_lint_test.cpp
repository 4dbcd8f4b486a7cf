// Native only: the apps' views (web_client/portal, web_client/customer) draw text fields, text
// and dialogs only through web_client/platform. A direct ImGui::InputText would bypass the text
// agent (no IME, no phone keyboard, no autofill), a direct ImGui::Text* the layout tests, and a
// direct BeginPopupModal the one dialog look.
#include <doctest/doctest.h>

#include <regex>

#include "source_scan.h"

TEST_CASE("views draw text fields, text and dialogs only through the platform widgets") {
  static const std::regex direct(
      R"(ImGui::(Input(Text|TextWithHint|TextMultiline|Int|Float|Double|Scalar)\w*|Text(Unformatted|Colored|Wrapped|Disabled)?|BulletText|LabelText|BeginPopupModal)\s*\()");
  size_t files = 0;
  for (const auto& f : source_scan::sources({"web_client/portal", "web_client/customer"})) {
    ++files;
    for (auto it = std::sregex_iterator(f.text.begin(), f.text.end(), direct); it != std::sregex_iterator(); ++it)
      FAIL_CHECK(f.path << ": " << it->str() << " (use ui::text_input, ui::text or ui::dialog_begin)");
  }
  CHECK(files >= 20);  // the scanner still finds both apps
}
