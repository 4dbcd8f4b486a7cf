#include "services/retention.h"

#include <functional>

#include "storage/retention_store.h"

namespace signet {

namespace {

constexpr int kBatch = 1000;

// Runs one kind of deletion batch by batch until a batch comes back short.
int64_t in_batches(ConnectionPool& pool, const std::function<int(RetentionStore&)>& batch) {
  int64_t total = 0;
  for (;;) {
    auto c = pool.acquire();
    WriteTransaction tx(*c);
    RetentionStore store(*c);
    const int n = batch(store);
    tx.commit();
    total += n;
    if (n < kBatch) return total;
  }
}

}  // namespace

PruneResult Retention::prune() {
  const int64_t now = clock_();
  PruneResult r;
  int64_t first_kept = 0;
  {
    auto c = pool_.acquire();
    first_kept = RetentionStore(*c).first_audit_id_at_or_after(format_timestamp(now - policy_.audit_seconds));
  }
  r.audit = in_batches(pool_, [&](RetentionStore& s) { return s.delete_audit_below(first_kept, kBatch); });
  r.sessions = in_batches(pool_, [&](RetentionStore& s) {
    return s.delete_sessions(now - sessions_.idle_timeout_seconds, now - sessions_.absolute_timeout_seconds, kBatch);
  });
  const int64_t expired_links = now - policy_.expired_link_seconds;
  const std::pair<RetentionStore::Link, int64_t> links[] = {
      {RetentionStore::Link::PasswordReset, now},
      {RetentionStore::Link::SetupToken, now - sessions_.setup_token_lifetime_seconds},
      {RetentionStore::Link::Invitation, expired_links},
      {RetentionStore::Link::TeamInvitation, expired_links}};
  for (const auto& [kind, before] : links)
    r.links += in_batches(pool_, [&](RetentionStore& s) { return s.delete_links(kind, before, kBatch); });
  r.mail = in_batches(pool_, [&](RetentionStore& s) {
    return s.delete_finished_mail(now - policy_.finished_mail_seconds, kBatch);
  });
  r.deploy_runs = in_batches(pool_, [&](RetentionStore& s) {
    return s.delete_finished_deploy_runs(now - policy_.finished_deploy_run_seconds, kBatch);
  });
  return r;
}

}  // namespace signet
