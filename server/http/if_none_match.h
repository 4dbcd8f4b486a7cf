// The entity tags of an If-None-Match header ("a", W/"b", *), as one list: what the static
// files and the subscription list both compare their ETags with.
#pragma once
#include <string>
#include <vector>

namespace signet {

// Each comma-separated entry, without the spaces around it; empty entries are left out.
std::vector<std::string> if_none_match_tags(const std::string& header);

}  // namespace signet
