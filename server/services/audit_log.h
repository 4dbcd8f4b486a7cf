// Records audit entries; the router writes one for every route that names an action,
// server jobs (billing runs) write their own.
#pragma once
#include <mutex>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "clock.h"
#include "services/actor.h"
#include "storage/audit_store.h"
#include "storage/connection_pool.h"

namespace signet {

// Refused requests (outcome 400 and up) cost a synced write each and anyone can send them, so
// at most this many are written per client address and per minute, and this many in all;
// the first one held back in a minute writes an "audit.throttled" note instead.
// Counted by each server for itself, on purpose: counting across servers would cost the very
// write per refusal that this saves. N servers write at most N times as many.
constexpr int kAuditRefusedPerAddressPerMinute = 10;
constexpr int kAuditRefusedPerMinute = 120;

class AuditLog {
 public:
  AuditLog(ConnectionPool& pool, Clock clock) : pool_(pool), clock_(std::move(clock)) {}

  // Never throws: an audit write that fails is reported on stderr, not to the user.
  void record(AuditRecord entry);
  std::vector<AuditEntry> list(const Actor& actor, const AuditQuery& q);

  // A request body fit for the log: keys holding secrets removed, at most 500 characters.
  static std::string redact(const nlohmann::json& body);

 private:
  // Whether a refused request's entry is written now; may turn `entry` into the minute's
  // "audit.throttled" note. Successful requests and server jobs always are.
  bool admit(AuditRecord& entry);
  void write(const AuditRecord& entry);

  ConnectionPool& pool_;
  Clock clock_;
  std::mutex mutex_;
  int64_t minute_ = 0;  // the minute the counts below are for
  int refused_ = 0;  // entries and notes of refused requests written in that minute
  bool overall_noted_ = false;
  std::unordered_map<std::string, int> refused_by_address_;
};

std::string audit_csv(const std::vector<AuditEntry>& entries);

}  // namespace signet
