#include "signet/api/wire.h"

namespace signet::api {

const nlohmann::json* WireReader::field(const char* key, bool nullable) {
  known_.insert(key);
  if (!ok_) return nullptr;
  auto it = j_.find(key);
  if (it == j_.end() || (!nullable && it->is_null())) {
    ok_ = false;
    return nullptr;
  }
  return it->is_null() ? nullptr : &*it;
}

WireReader& WireReader::req(const char* key, std::string& out) {
  const nlohmann::json* v = field(key, false);
  if (!v) return *this;
  if (!v->is_string()) return fail();
  out = v->get<std::string>();
  return *this;
}

WireReader& WireReader::req(const char* key, int64_t& out) {
  const nlohmann::json* v = field(key, false);
  if (!v) return *this;
  if (!v->is_number_integer()) return fail();
  out = v->get<int64_t>();
  return *this;
}

WireReader& WireReader::req(const char* key, int& out) {
  int64_t n = 0;
  req(key, n);
  if (n < INT32_MIN || n > INT32_MAX) return fail();
  out = static_cast<int>(n);
  return *this;
}

WireReader& WireReader::req(const char* key, bool& out) {
  const nlohmann::json* v = field(key, false);
  if (!v) return *this;
  if (!v->is_boolean()) return fail();
  out = v->get<bool>();
  return *this;
}

WireReader& WireReader::req(const char* key, Date& out) {
  std::string s;
  req(key, s);
  if (!ok_) return *this;
  const auto d = parse_iso(s);
  if (!d) return fail();
  out = *d;
  return *this;
}

WireReader& WireReader::nullable(const char* key, std::optional<std::string>& out) {
  out.reset();
  const nlohmann::json* v = field(key, true);
  if (!v) return *this;
  if (!v->is_string()) return fail();
  out = v->get<std::string>();
  return *this;
}

WireReader& WireReader::nullable(const char* key, std::optional<int64_t>& out) {
  out.reset();
  const nlohmann::json* v = field(key, true);
  if (!v) return *this;
  if (!v->is_number_integer()) return fail();
  out = v->get<int64_t>();
  return *this;
}

WireReader& WireReader::nullable(const char* key, std::optional<Date>& out) {
  std::optional<std::string> s;
  nullable(key, s);
  out.reset();
  if (!ok_ || !s) return *this;
  out = parse_iso(*s);
  if (!out) return fail();
  return *this;
}

bool WireReader::done() const {
  if (!ok_) return false;
  for (auto it = j_.begin(); it != j_.end(); ++it)
    if (!known_.count(it.key())) return false;
  return true;
}

}  // namespace signet::api
