// Translation and locale formatting shared by both web apps and the server's e-mails.
//
// Phrases are keyed by their English text (the way gettext does it), so a view reads
// naturally: ImGui::Button(tr("Save")). Dutch texts live in the tables under
// signet/phrases/, one file per area. The i18n test scans the sources for every phrase
// passed to tr()/phrase() and fails when a language lacks it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "signet/dates.h"

namespace signet {

enum class Language { En, Nl };

// "nl", "nl-NL", "NL_be" -> Nl; "en", "en-GB" -> En; anything else -> nullopt.
std::optional<Language> parse_language(std::string_view code);
std::string_view language_code(Language lang);  // "en" / "nl"

// Marks a phrase for translation where it is defined but translated later (validation
// messages, labels in tables). Returns its argument.
constexpr const char* phrase(const char* english) { return english; }

// The text of an English phrase in `lang`. English, or a phrase without a translation,
// returns the phrase itself (as a view of the argument).
std::string_view translate(std::string_view english, Language lang);
bool has_translation(std::string_view english, Language lang);
// Like translate(), and also for messages built from a phrase with {placeholders}
// ("Company name is required." via "{what} is required."): the pieces are translated too.
std::string translate_message(std::string_view message, Language lang);

// printf-free placeholder filling: fill("{n} users", {{"n", "5"}}).
struct Arg {
  std::string_view name;
  std::string value;
};
std::string fill(std::string_view text, std::initializer_list<Arg> args);

// Locale formats.
//   Nl: 26-11-2026, € 1.234,56, 10.000
//   En: 26 Nov 2026, €1,234.56, 10,000
std::string format_date(const Date& d, Language lang);
std::string format_date_long(const Date& d, Language lang);  // "26 november 2026" / "November 26, 2026"
std::string format_money(int64_t cents, Language lang);
std::string format_count(long long n, Language lang);

}  // namespace signet
