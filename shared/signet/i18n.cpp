#include "signet/i18n.h"

#include <unordered_map>
#include <vector>

#include "signet/phrases/phrases.h"
#include "signet/text.h"

namespace signet {

std::optional<Language> parse_language(std::string_view code) {
  if (code.size() < 2) return std::nullopt;
  if (code.size() > 2 && code[2] != '-' && code[2] != '_') return std::nullopt;
  const std::string primary = ascii_lower(code.substr(0, 2));
  if (primary == "nl") return Language::Nl;
  if (primary == "en") return Language::En;
  return std::nullopt;
}

std::string_view language_code(Language lang) { return lang == Language::Nl ? "nl" : "en"; }

namespace {

// All Dutch tables merged once into an immutable index. Phrases with {placeholders} are
// also kept apart: they translate messages that were filled in before they reached us
// (a validation message from the server, "Company name is required.").
struct Index {
  std::unordered_map<std::string_view, std::string_view> dutch;
  std::vector<phrases::Phrase> templates;
};

const Index& index() {
  static const Index idx = [] {
    Index i;
    for (auto table : {phrases::common(), phrases::portal(), phrases::accounts(), phrases::customer(), phrases::mail(), phrases::api()})
      for (size_t k = 0; k < table.size; ++k) {
        const auto& p = table.items[k];
        i.dutch.emplace(p.en, p.nl);
        if (p.en.find('{') != std::string_view::npos) i.templates.push_back(p);
      }
    return i;
  }();
  return idx;
}

// Matches `message` against a template such as "{what} must be at most {max} characters.";
// on success fills `captures` in placeholder order. Each placeholder takes the shortest
// text up to the next literal part; the last one takes the rest.
bool match_template(std::string_view tmpl, std::string_view message,
                    std::vector<std::pair<std::string_view, std::string_view>>& captures) {
  captures.clear();
  size_t t = 0, m = 0;
  while (t < tmpl.size()) {
    const size_t open = tmpl.find('{', t);
    const std::string_view literal = tmpl.substr(t, open == std::string_view::npos ? open : open - t);
    if (message.substr(m, literal.size()) != literal) return false;
    m += literal.size();
    if (open == std::string_view::npos) return m == message.size();
    const size_t close = tmpl.find('}', open);
    if (close == std::string_view::npos) return false;
    const std::string_view name = tmpl.substr(open + 1, close - open - 1);
    t = close + 1;
    const size_t next_open = tmpl.find('{', t);
    const std::string_view next_literal = tmpl.substr(t, next_open == std::string_view::npos ? next_open : next_open - t);
    size_t end = next_literal.empty() ? message.size() : message.find(next_literal, m);
    if (next_literal.empty() && next_open != std::string_view::npos) return false;  // "{a}{b}" is ambiguous
    if (end == std::string_view::npos || end == m) return false;
    captures.emplace_back(name, message.substr(m, end - m));
    m = end;
  }
  return m == message.size();
}

}  // namespace

std::string_view translate(std::string_view english, Language lang) {
  if (lang == Language::En) return english;
  const auto& dutch = index().dutch;
  auto it = dutch.find(english);
  return it == dutch.end() ? english : it->second;
}

bool has_translation(std::string_view english, Language lang) {
  return lang == Language::En || index().dutch.count(english) > 0;
}


std::string translate_message(std::string_view message, Language lang) {
  if (lang == Language::En || has_translation(message, lang))
    return std::string(translate(message, lang));
  std::vector<std::pair<std::string_view, std::string_view>> captures;
  for (const auto& t : index().templates) {
    if (!match_template(t.en, message, captures)) continue;
    std::string out(t.nl);
    for (const auto& [name, value] : captures) {
      const std::string key = "{" + std::string(name) + "}";
      const std::string translated(translate(value, lang));
      for (size_t at = out.find(key); at != std::string::npos; at = out.find(key, at + translated.size()))
        out.replace(at, key.size(), translated);
    }
    return out;
  }
  return std::string(message);
}

std::string fill(std::string_view text, std::initializer_list<Arg> args) {
  std::string out;
  out.reserve(text.size() + 16);
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '{') {
      const size_t close = text.find('}', i);
      if (close != std::string_view::npos) {
        const std::string_view name = text.substr(i + 1, close - i - 1);
        const Arg* arg = nullptr;
        for (const auto& a : args)
          if (a.name == name) arg = &a;
        if (arg) {
          out += arg->value;
          i = close + 1;
          continue;
        }
      }
    }
    out += text[i++];
  }
  return out;
}

static const char* const kMonthsEn[] = {"January", "February", "March",     "April",   "May",      "June",
                                        "July",    "August",   "September", "October", "November", "December"};
static const char* const kMonthsNl[] = {"januari", "februari", "maart",     "april",   "mei",      "juni",
                                        "juli",    "augustus", "september", "oktober", "november", "december"};

static std::string two_digits(int v) { return std::string(1, char('0' + v / 10)) + char('0' + v % 10); }

std::string format_date(const Date& d, Language lang) {
  if (lang == Language::Nl) return two_digits(d.day) + "-" + two_digits(d.month) + "-" + std::to_string(d.year);
  return std::string(kMonthsEn[d.month - 1]).substr(0, 3) + " " + std::to_string(d.day) + ", " + std::to_string(d.year);
}

std::string format_date_long(const Date& d, Language lang) {
  if (lang == Language::Nl) return std::to_string(d.day) + " " + kMonthsNl[d.month - 1] + " " + std::to_string(d.year);
  return std::string(kMonthsEn[d.month - 1]) + " " + std::to_string(d.day) + ", " + std::to_string(d.year);
}

static std::string grouped(uint64_t value, char separator) {
  const std::string digits = std::to_string(value);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += separator;
    out += digits[i];
  }
  return out;
}

// Magnitude without overflow for INT64_MIN.
static uint64_t magnitude(int64_t v) { return v < 0 ? static_cast<uint64_t>(-(v + 1)) + 1 : static_cast<uint64_t>(v); }

std::string format_money(int64_t cents, Language lang) {
  const bool dutch = lang == Language::Nl;
  const uint64_t abs = magnitude(cents);
  return std::string(cents < 0 ? "-" : "") + (dutch ? "€ " : "€") + grouped(abs / 100, dutch ? '.' : ',') +
         (dutch ? ',' : '.') + two_digits(static_cast<int>(abs % 100));
}

std::string format_count(long long n, Language lang) {
  return std::string(n < 0 ? "-" : "") + grouped(magnitude(n), lang == Language::Nl ? '.' : ',');
}

}  // namespace signet
