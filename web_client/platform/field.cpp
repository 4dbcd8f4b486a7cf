#include "platform/field.h"

#include <cstdio>

namespace ui {

void Field::set(const std::string& s) { std::snprintf(buf, sizeof buf, "%s", s.c_str()); }

void Field::reset() {
  buf[0] = 0;
  touched = false;
  server_error.clear();
}

}  // namespace ui
