// Reading a reply strictly: the fields a struct names must be there with their types (nullable
// ones may be null, but are there too), and a field the struct does not know makes the whole
// object wrong. Every *_from_json of the wire structs (shared/signet/api/) reads through this, so the
// server and the apps agree on each shape to the field, on both targets.
#pragma once
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "signet/dates.h"

namespace signet::api {

class WireReader {
 public:
  explicit WireReader(const nlohmann::json& j) : j_(j), ok_(j.is_object()) {}

  WireReader& req(const char* key, std::string& out);
  WireReader& req(const char* key, int64_t& out);
  WireReader& req(const char* key, int& out);
  WireReader& req(const char* key, bool& out);
  WireReader& req(const char* key, Date& out);  // "YYYY-MM-DD"
  WireReader& nullable(const char* key, std::optional<std::string>& out);
  WireReader& nullable(const char* key, std::optional<int64_t>& out);
  WireReader& nullable(const char* key, std::optional<Date>& out);
  // An array whose every element `read` turns into a T (nullopt: the element is wrong).
  template <typename T, typename Read>
  WireReader& list(const char* key, std::vector<T>& out, Read read) {
    const nlohmann::json* v = field(key, false);
    if (!v) return *this;
    if (!v->is_array()) return fail();
    out.clear();
    for (const auto& e : *v) {
      std::optional<T> t = read(e);
      if (!t) return fail();
      out.push_back(std::move(*t));
    }
    return *this;
  }
  // An object (nullable: or null) that `read` turns into a T (nullopt: the object is wrong).
  template <typename T, typename Read>
  WireReader& object(const char* key, std::optional<T>& out, Read read, bool nullable = false) {
    const nlohmann::json* v = field(key, nullable);
    out.reset();
    if (!v) return *this;
    out = read(*v);
    return out ? *this : fail();
  }
  // True when every field was right and the object had no others.
  bool done() const;

 private:
  // The value at `key` (marked as known), or nullptr: absent (a failure), or null when
  // `nullable` (fine).
  const nlohmann::json* field(const char* key, bool nullable);
  WireReader& fail() {
    ok_ = false;
    return *this;
  }

  const nlohmann::json& j_;
  bool ok_;
  std::set<std::string> known_;
};

// A T read strictly from `j`: `fill(reader, t)` names each field into t's members; nullopt when
// any field is wrong or the object holds one that `fill` did not name.
template <typename T, typename Fill>
std::optional<T> read_object(const nlohmann::json& j, Fill fill) {
  T t;
  WireReader r(j);
  fill(r, t);
  if (!r.done()) return std::nullopt;
  return t;
}

// A JSON array of each element's to_json.
template <typename T>
nlohmann::json array_of(const std::vector<T>& items) {
  nlohmann::json a = nlohmann::json::array();
  for (const T& t : items) a.push_back(to_json(t));
  return a;
}

// {"items":[...]}: the body of a list endpoint.
template <typename T>
nlohmann::json items_of(const std::vector<T>& items) {
  return nlohmann::json{{"items", array_of(items)}};
}
template <typename T, typename Read>
std::optional<std::vector<T>> items_from_json(const nlohmann::json& j, Read read) {
  return read_object<std::vector<T>>(j, [&](WireReader& r, std::vector<T>& items) { r.list("items", items, read); });
}

}  // namespace signet::api
