// One text field of a form, as both apps keep it: its text, whether the person has finished
// editing it once (from then on its message updates as they type), and the server's message
// for it.
#pragma once
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

}  // namespace ui
