// Answers for pages of GET /api/subscriptions: 304 when the browser's copy is current, the JSON
// of the same page sent a moment ago when it is still exactly right, else the page read now.
// "Current" and "still exactly right" are one test (services/list_validator.h): the
// reseller's list version is the one the page was read under and no pending invitation on it
// has expired since. So a kept reply is never stale; it only saves reading and writing the
// page again. Kept replies are bounded in bytes, the oldest going first.
#pragma once
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "http/api_router.h"
#include "services/subscription_service.h"

namespace signet {

class ListReplies {
 public:
  explicit ListReplies(size_t max_bytes = 16u << 20) : max_bytes_(max_bytes) {}
  ApiReply answer(SubscriptionService& subscriptions, const Actor& actor, const ListQuery& query,
                  const std::string& if_none_match);
  size_t kept_bytes();

 private:
  struct Kept {
    std::string etag;
    int64_t changes_at = 0;
    std::shared_ptr<const std::string> body;
  };
  std::optional<Kept> find(const std::string& digest, int64_t now);
  void keep(const std::string& digest, Kept kept);

  size_t max_bytes_;
  std::mutex mutex_;
  std::unordered_map<std::string, Kept> kept_;  // by digest
  std::deque<std::string> order_;               // each kept digest once, oldest first
  size_t bytes_ = 0;
};

}  // namespace signet
