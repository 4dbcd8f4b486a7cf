#include "services/list_validator.h"

#include <cstdlib>
#include <string_view>

#include "crypto.h"

namespace signet {

std::string list_digest(const Actor& actor, int64_t version, const ListQuery& query) {
  std::string key;
  key.reserve(96 + query.q.size());
  for (const int64_t n : {actor.reseller_id, actor.user.id, version, static_cast<int64_t>(query.page),
                          static_cast<int64_t>(query.per_page), static_cast<int64_t>(query.descending)}) {
    key += std::to_string(n);
    key += '|';
  }
  key += to_string(query.sort);
  key += '|';
  key += query.status ? to_string(*query.status) : "any";
  key += '|';
  key += query.q;  // last: the only part that may hold '|'
  return hash_token(key).substr(0, 32);  // 128 bits of BLAKE2b
}

// The changes_at is sealed into the tag, so one edited by hand matches nothing.
std::string list_etag(const std::string& digest, int64_t changes_at) {
  const std::string when = std::to_string(changes_at);
  return '"' + hash_token(digest + '|' + when).substr(0, 32) + '-' + when + '"';
}

std::optional<std::string> current_list_etag(const std::string& if_none_match, const std::string& digest,
                                             int64_t now) {
  size_t start = 0;
  while (start < if_none_match.size()) {
    size_t end = if_none_match.find(',', start);
    if (end == std::string::npos) end = if_none_match.size();
    std::string_view tag(if_none_match.data() + start, end - start);
    start = end + 1;
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    const size_t dash = tag.rfind('-');
    if (tag.size() < 4 || tag.front() != '"' || tag.back() != '"' || dash == std::string_view::npos) continue;
    const std::string when(tag.substr(dash + 1, tag.size() - dash - 2));
    char* parsed_to = nullptr;
    const long long changes_at = std::strtoll(when.c_str(), &parsed_to, 10);
    if (when.empty() || *parsed_to != '\0' || now >= changes_at) continue;
    if (std::string expected = list_etag(digest, changes_at); tag == expected) return expected;
  }
  return std::nullopt;
}

}  // namespace signet
