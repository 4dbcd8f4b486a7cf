#include "platform/field.h"

namespace ui {

void Field::reset() {
  value.clear();
  touched = false;
  server_error.clear();
}

}  // namespace ui
