// Validators (ETags) for pages of the subscription list, so a browser revalidating a page it
// holds is answered 304 without a row being read.
//
// An ETag is "<seal>-<changes_at>". The seal is a hash of the digest and changes_at; the
// digest covers who asks (reseller and user), the reseller's list version
// (SubscriptionStore::list_version: any write to what the list shows changes it) and the parsed
// query; changes_at is when the page would read differently without any write (a pending
// invitation on it expiring). A page is current while both hold.
//
// Read the version before the page. A page read afterwards can only be newer than the version
// it is tagged with, and then its ETag never matches again, since the version has moved on;
// the other order could tag an old page with a new version and answer 304 for it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/actor.h"
#include "signet/model.h"

namespace signet {

std::string list_digest(const Actor& actor, int64_t version, const ListQuery& query);
std::string list_etag(const std::string& digest, int64_t changes_at);
// The one of `tags` (an If-None-Match header's) that has this digest and a changes_at still
// ahead of `now`; nullopt when none does.
std::optional<std::string> current_list_etag(const std::vector<std::string>& tags, const std::string& digest,
                                             int64_t now);

}  // namespace signet
