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
  return {phrases::common(), phrases::portal(), phrases::accounts(), phrases::customer(), phrases::mail()};
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
