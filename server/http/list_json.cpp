#include "http/list_json.h"

#include <nlohmann/json.hpp>

#include "signet/text.h"

namespace signet {

namespace {

// A JSON string as nlohmann::json::dump(-1, ' ', false) writes it.
void append_string(std::string& out, std::string_view s) {
  if (!is_valid_utf8(s)) {  // never stored (input is validated), but dump() replaces bad bytes
    out += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  static const char* const kHex = "0123456789abcdef";
  out += '"';
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

void append_field(std::string& out, const char* key, bool first = false) {
  if (!first) out += ',';
  out += '"';
  out += key;
  out += "\":";
}

void append_optional(std::string& out, const std::optional<std::string>& s) {
  if (s) append_string(out, *s);
  else out += "null";
}

void append_subscription(std::string& out, const Subscription& s) {
  // Keys in std::map order, as nlohmann::json (an object is a std::map) writes them.
  out += '{';
  append_field(out, "billing_cycle", true);
  append_string(out, s.billing_cycle);
  append_field(out, "contact_email");
  if (s.customer_can_edit) append_string(out, s.contact_email);
  else out += "null";
  append_field(out, "contact_name");
  if (s.customer_can_edit) append_string(out, s.contact_name);
  else out += "null";
  append_field(out, "created_at");
  append_string(out, s.created_at);
  append_field(out, "customer_can_edit");
  out += s.customer_can_edit ? "true" : "false";
  append_field(out, "customer_name");
  append_string(out, s.customer_name);
  append_field(out, "id");
  out += std::to_string(s.id);
  append_field(out, "invitation_delivery");
  if (s.invitation_delivery.empty()) out += "null";
  else append_string(out, s.invitation_delivery);
  append_field(out, "invitation_status");
  append_string(out, to_string(s.invitation_status));
  append_field(out, "language");
  append_string(out, s.language);
  append_field(out, "next_payment_date");
  append_optional(out, s.next_payment_date);
  append_field(out, "pending_from");
  append_optional(out, s.pending_from);
  append_field(out, "pending_user_count");
  if (s.pending_user_count) out += std::to_string(*s.pending_user_count);
  else out += "null";
  append_field(out, "product");
  append_string(out, to_string(s.product));
  append_field(out, "status");
  append_string(out, to_string(s.status));
  append_field(out, "user_count");
  out += std::to_string(s.user_count);
  out += '}';
}

}  // namespace

std::string subscription_page_json(const SubscriptionPage& page) {
  std::string out;
  out.reserve(64 + page.items.size() * 480);
  out += "{\"items\":[";
  for (size_t i = 0; i < page.items.size(); ++i) {
    if (i > 0) out += ',';
    append_subscription(out, page.items[i]);
  }
  out += "],\"total\":";
  out += std::to_string(page.total);
  out += '}';
  return out;
}

}  // namespace signet
