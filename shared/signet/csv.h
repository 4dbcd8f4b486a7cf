// CSV as spreadsheets write it: RFC 4180 quoting, "," or ";" (Dutch Excel) detected from
// the header row, an optional UTF-8 byte-order mark, CRLF or LF line ends.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace signet {

struct CsvRow {
  size_t line = 0;  // 1-based line number where the row starts (for error messages)
  std::vector<std::string> fields;
};

struct CsvTable {
  char separator = ',';
  std::vector<CsvRow> rows;  // including the header row
  std::string error;         // non-empty when the text is not CSV (e.g. an unclosed quote)
};

CsvTable parse_csv(std::string_view text);

// One field written for RFC 4180 (quoted when it holds a separator, quote or line break).
std::string csv_field(std::string_view value, char separator = ',');
// A free-text cell of an export: csv_field, and a text starting with = + - @ or a tab gets a
// leading apostrophe so that spreadsheets show it instead of running it as a formula.
std::string csv_text(std::string_view value);

}  // namespace signet
