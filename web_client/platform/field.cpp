#include "platform/field.h"

#include "platform/tr.h"

namespace ui {

std::string field_message(const Field& f, bool submitted, const std::optional<std::string>& rule) {
  if (!f.server_error.empty()) return trm(f.server_error);
  return (f.touched || submitted) && rule ? trm(*rule) : std::string();
}

bool show_server_errors(const signet::FieldErrors& server, FormFields form, std::string& form_error) {
  for (const auto& [name, message] : server) {
    Field* target = nullptr;
    for (const auto& [field_name, field] : form)
      if (name == field_name) target = field;
    if (target) target->server_error = message;
    else form_error = message;
  }
  return !server.empty();
}

void Field::reset() {
  value.clear();
  touched = false;
  server_error.clear();
}

}  // namespace ui
