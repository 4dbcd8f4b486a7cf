// Native only: reads the sources. Fails when a phrase used anywhere lacks its Dutch text,
// or when a table entry loses or adds a {placeholder}.
#include <doctest/doctest.h>

#include <map>
#include <regex>
#include <set>

#include "signet/i18n.h"
#include "signet/phrases/phrases.h"
#include "source_scan.h"

using namespace signet;

namespace {

using source_scan::sources;
using source_scan::unescape;

std::set<std::string> placeholders(std::string_view text) {
  std::set<std::string> out;
  static const std::regex re(R"(\{[a-z_]+\})");
  const std::string s(text);
  for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator(); ++it)
    out.insert(it->str());
  return out;
}

std::vector<phrases::Table> tables() {
  return {phrases::common(), phrases::portal(), phrases::accounts(), phrases::customer(), phrases::mail(), phrases::api()};
}

}  // namespace

TEST_CASE("every phrase in the sources has Dutch") {
  // tr("..."), trf("...", ...), trm("..."), phrase("..."): the marker functions of the apps, server and shared.
  static const std::regex marked(R"re(\b(?:tr|trf|trm|phrase)\(\s*"((?:[^"\\]|\\.)*)"\s*[,)])re");
  size_t found = 0;
  std::vector<std::string> missing;
  for (const auto& f : sources({"shared", "server", "web_client"}))
    for (auto it = std::sregex_iterator(f.text.begin(), f.text.end(), marked); it != std::sregex_iterator(); ++it) {
      ++found;
      const std::string english = unescape((*it)[1].str());
      if (!has_translation(english, Language::Nl)) missing.push_back(f.path + ": \"" + english + "\"");
    }
  CHECK(found > 10);  // the scanner still sees the markers
  for (const auto& m : missing) FAIL_CHECK("no Dutch for " << m);
}

TEST_CASE("translations keep their placeholders and do not contradict each other") {
  std::map<std::string_view, std::string_view> seen;
  for (const auto& table : tables())
    for (size_t i = 0; i < table.size; ++i) {
      const auto& p = table.items[i];
      CHECK_MESSAGE(!p.nl.empty(), "empty Dutch for \"", std::string(p.en), "\"");
      CHECK_MESSAGE(placeholders(p.en) == placeholders(p.nl), "placeholders differ in \"", std::string(p.en), "\"");
      auto [it, inserted] = seen.emplace(p.en, p.nl);
      CHECK_MESSAGE((inserted || it->second == p.nl), "two different Dutch texts for \"", std::string(p.en), "\"");
    }
}

TEST_CASE("views pass no English literal straight to a widget") {
  // Labels that are only an ImGui ID ("##search") or a format without words are fine.
  // Besides ImGui's own widgets: the label-taking helpers of web_client/platform/widgets.h
  // (ui::...) and the portal's form_field(field, "label", ...).
  static const std::regex widget(
      R"re((?:ImGui::(?:Text|TextWrapped|TextDisabled|Button|SmallButton|Checkbox|RadioButton|MenuItem|BeginMenu|Selectable|BeginTabItem|CollapsingHeader|SetTooltip|TableSetupColumn|InputText|InputTextWithHint|OpenPopup|BeginPopupModal)|ui::(?:primary_button|secondary_button|danger_button|link_button|text_field|checkbox|badge|message\(\s*ui::Tone::\w+,|muted_text|button_width|heading|label_text)|\bform_field\(\s*[\w.]+,)\(?\s*"([^"#%][^"]*)")re");
  static const std::regex words("[A-Za-z]{2,}");
  // The customer app is translated on its own branch; this branch checks the portal and the
  // platform layer it uses.
  for (const auto& f : sources({"web_client/portal", "web_client/platform"}))
    for (auto it = std::sregex_iterator(f.text.begin(), f.text.end(), widget); it != std::sregex_iterator(); ++it) {
      const std::string literal = (*it)[1].str();
      if (std::regex_search(literal, words)) FAIL_CHECK(f.path << ": untranslated \"" << literal << "\"");
    }
}
