#include "services/list_validator.h"

#include <cstdlib>

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

std::optional<std::string> current_list_etag(const std::vector<std::string>& tags, const std::string& digest,
                                             int64_t now) {
  for (const std::string& tag : tags) {
    const size_t dash = tag.rfind('-');
    if (tag.size() < 4 || tag.front() != '"' || tag.back() != '"' || dash == std::string::npos) continue;
    const std::string when = tag.substr(dash + 1, tag.size() - dash - 2);
    char* parsed_to = nullptr;
    const long long changes_at = std::strtoll(when.c_str(), &parsed_to, 10);
    if (when.empty() || *parsed_to != '\0' || now >= changes_at) continue;
    if (tag == list_etag(digest, changes_at)) return tag;
  }
  return std::nullopt;
}

}  // namespace signet
