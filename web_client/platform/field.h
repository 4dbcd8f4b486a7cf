// One text field of a form, as both apps keep it: its buffer, whether the person has finished
// editing it once (from then on its message updates as they type), and the server's message
// for it.
#pragma once
#include <string>

namespace ui {

struct Field {
  char buf[512] = "";
  bool touched = false;
  std::string server_error;
  std::string text() const { return buf; }
  void set(const std::string& s);
  void reset();  // empty, untouched, no message
};

}  // namespace ui
