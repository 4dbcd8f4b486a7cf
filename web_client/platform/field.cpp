#include "platform/field.h"

#include "platform/tr.h"

namespace ui {

std::string field_message(const Field& f, bool submitted, const std::optional<std::string>& rule) {
  if (!f.server_error.empty()) return trm(f.server_error);
  return (f.touched || submitted) && rule ? trm(*rule) : std::string();
}

void Field::reset() {
  value.clear();
  touched = false;
  server_error.clear();
}

}  // namespace ui
