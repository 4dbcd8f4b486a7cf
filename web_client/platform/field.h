// One text field of a form, as both apps keep it: its text, whether the person has finished
// editing it once (from then on its message updates as they type), and the server's message
// for it.
#pragma once
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>

#include "signet/validation.h"

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

// The text fields of one form by their API field names, so a refusal lands where the person looks.
using FormFields = std::initializer_list<std::pair<const char*, Field*>>;

// Puts each of the server's field messages under the form's field of that name; a message for a
// name the form does not show becomes `form_error`. False when the server named no field at all:
// the caller then shows its general message.
bool show_server_errors(const signet::FieldErrors& server, FormFields form, std::string& form_error);

}  // namespace ui
