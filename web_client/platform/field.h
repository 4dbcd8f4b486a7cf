// One text field of a form, as both apps keep it: its text, whether the person has finished
// editing it once (from then on its message updates as they type), and the server's message
// for it.
#pragma once
#include <optional>
#include <string>

namespace ui {

struct Field {
  std::string value;
  bool touched = false;
  std::string server_error;
  bool empty() const { return value.empty(); }
  void set(const std::string& s) { value = s; }
  void reset();  // empty, untouched, no message
};

// The message shown under a field, in the UI language: the server's, else the local rule's
// (`rule`, from shared/) once the person has left the field or tried to submit.
std::string field_message(const Field& f, bool submitted, const std::optional<std::string>& rule);

}  // namespace ui
