#include "http/if_none_match.h"

namespace signet {

std::vector<std::string> if_none_match_tags(const std::string& header) {
  std::vector<std::string> tags;
  size_t start = 0;
  while (start < header.size()) {
    size_t end = header.find(',', start);
    if (end == std::string::npos) end = header.size();
    const size_t b = header.find_first_not_of(" \t", start);
    const size_t e = header.find_last_not_of(" \t", end - 1);
    if (b < end && e != std::string::npos && e >= b) tags.push_back(header.substr(b, e - b + 1));
    start = end + 1;
  }
  return tags;
}

}  // namespace signet
