#include "services/service_error.h"

namespace signet {

void require_valid(const FieldErrors& errors) {
  if (!errors.empty())
    throw ServiceError(ErrorKind::Validation, phrase("Some fields need attention."), errors);
}

}  // namespace signet
