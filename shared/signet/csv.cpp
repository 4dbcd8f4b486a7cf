#include "signet/csv.h"

#include "signet/i18n.h"

namespace signet {

CsvTable parse_csv(std::string_view text) {
  CsvTable table;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  // The separator is whichever of ; and , appears first outside quotes in the header line.
  for (size_t i = 0; i < text.size() && text[i] != '\n' && text[i] != '\r'; ++i) {
    if (text[i] == ';' || text[i] == ',') {
      table.separator = text[i];
      break;
    }
  }
  CsvRow row;
  std::string field;
  size_t line = 1;
  row.line = 1;
  bool in_quotes = false, field_started = false;
  auto end_field = [&] {
    row.fields.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  auto end_row = [&] {
    end_field();
    const bool blank = row.fields.size() == 1 && row.fields[0].empty();
    if (!blank) table.rows.push_back(std::move(row));
    row = CsvRow{};
    row.line = line;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
    } else if (c == '"' && !field_started) {
      in_quotes = true;
      field_started = true;
    } else if (c == table.separator) {
      end_field();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++line;
      end_row();
    } else {
      field += c;
      field_started = true;
    }
  }
  if (in_quotes) {
    table.error = fill(phrase("A quoted field starting on line {line} is never closed."), {{"line", std::to_string(row.line)}});
    return table;
  }
  if (field_started || !row.fields.empty()) end_row();
  return table;
}

std::string csv_field(std::string_view value, char separator) {
  if (value.find_first_of(std::string("\"\r\n") + separator) == std::string_view::npos)
    return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_text(std::string_view value) {
  const bool formula = !value.empty() && std::string_view("=+-@\t\r").find(value[0]) != std::string_view::npos;
  return csv_field(formula ? "'" + std::string(value) : std::string(value));
}

}  // namespace signet
