#include "http/list_replies.h"

#include "http/if_none_match.h"
#include "http/list_json.h"
#include "services/list_validator.h"

namespace signet {

ApiReply ListReplies::answer(SubscriptionService& subscriptions, const Actor& actor, const ListQuery& query,
                             const std::string& if_none_match) {
  const ListValidity validity = subscriptions.list_validity(actor, query);  // before the page
  ApiReply out;
  if (auto current = current_list_etag(if_none_match_tags(if_none_match), validity.digest, validity.now)) {
    out.status = 304;
    out.etag = std::move(*current);
    return out;
  }
  if (auto hit = find(validity.digest, validity.now)) {
    out.etag = std::move(hit->etag);
    out.json_text = *hit->body;
    return out;
  }
  const SubscriptionPage page = subscriptions.list(actor, query);
  Kept kept{list_etag(validity.digest, page.changes_at), page.changes_at,
            std::make_shared<const std::string>(subscription_page_json(page))};
  out.etag = kept.etag;
  out.json_text = *kept.body;
  keep(validity.digest, std::move(kept));
  return out;
}

size_t ListReplies::kept_bytes() {
  std::lock_guard<std::mutex> lock(mutex_);
  return bytes_;
}

std::optional<ListReplies::Kept> ListReplies::find(const std::string& digest, int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = kept_.find(digest);
  if (it == kept_.end() || now >= it->second.changes_at) return std::nullopt;
  return it->second;  // the body is shared, not copied, under the lock
}

void ListReplies::keep(const std::string& digest, Kept kept) {
  std::lock_guard<std::mutex> lock(mutex_);
  const size_t size = kept.body->size() + digest.size();
  if (size > max_bytes_) return;
  if (const auto old = kept_.find(digest); old != kept_.end()) {
    // The same page kept again (it had expired, or two requests read it at once): in place.
    bytes_ = bytes_ - old->second.body->size() + kept.body->size();
    old->second = std::move(kept);
  } else {
    kept_.emplace(digest, std::move(kept));
    order_.push_back(digest);
    bytes_ += size;
  }
  while (bytes_ > max_bytes_) {
    const auto it = kept_.find(order_.front());
    bytes_ -= it->second.body->size() + it->first.size();
    kept_.erase(it);
    order_.pop_front();
  }
}

}  // namespace signet
