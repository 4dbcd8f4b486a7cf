// libFuzzer target: any bytes as an uploaded CSV file, then each cell through the
// directory-user rules as the importer applies them.
#include <cstddef>
#include <cstdint>
#include <string>

#include "signet/csv.h"
#include "signet/signature.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const signet::CsvTable table = signet::parse_csv(text);
  for (const signet::CsvRow& row : table.rows) {
    signet::DirectoryUser u;
    size_t i = 0;
    for (const char* field : signet::kDirectoryFields) {
      if (i >= row.fields.size()) break;
      *signet::field_of(u, field) = row.fields[i++];
    }
    signet::validate(u);
    for (const std::string& cell : row.fields) signet::csv_field(cell, table.separator);
  }
  return 0;
}
