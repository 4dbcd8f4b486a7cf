#include "services/audit_log.h"

#include <iostream>

#include "signet/csv.h"

namespace signet {

using nlohmann::json;

void AuditLog::record(AuditRecord entry) {
  if (admit(entry)) write(entry);
}

bool AuditLog::admit(AuditRecord& entry) {
  if (entry.outcome < 400) return true;
  std::lock_guard<std::mutex> lock(mutex_);
  const int64_t minute = clock_() / 60;
  if (minute != minute_) {  // a new minute: everyone is heard again (and the map stays small)
    minute_ = minute;
    refused_ = 0;
    overall_noted_ = false;
    refused_by_address_.clear();
  }
  const int from_address = ++refused_by_address_[entry.client_address];
  auto note = [&entry](std::string address, const char* text) {
    entry = AuditRecord{};
    entry.action = "audit.throttled";
    entry.outcome = 429;
    entry.client_address = std::move(address);
    entry.detail = text;
  };
  if (refused_ < kAuditRefusedPerMinute) {
    if (from_address > kAuditRefusedPerAddressPerMinute + 1) return false;
    if (from_address == kAuditRefusedPerAddressPerMinute + 1)
      note(entry.client_address, "More refused requests from this address in this minute are not logged.");
    ++refused_;
    return true;
  }
  if (overall_noted_) return false;
  overall_noted_ = true;
  note("", "More refused requests in this minute are not logged.");
  return true;
}

void AuditLog::write(const AuditRecord& entry) {
  try {
    AuditRecord e = entry;
    e.at = format_timestamp(clock_());
    auto c = pool_.acquire();
    WriteTransaction tx(*c);  // SQLite: in turn with the other writers, not racing them
    AuditStore(*c).insert(e);
    tx.commit();
  } catch (const std::exception& e) {
    std::cerr << "Signet: audit entry " << entry.action << " not written: " << e.what() << std::endl;
  }
}

std::vector<AuditEntry> AuditLog::list(const Actor& actor, const AuditQuery& q) {
  auto c = pool_.acquire();
  return AuditStore(*c).list(actor.reseller_id, q);
}

std::string AuditLog::redact(const json& body) {
  if (!body.is_object()) return "";
  json safe = json::object();
  for (auto it = body.begin(); it != body.end(); ++it) {
    std::string key = it.key();
    for (char& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (key.find("password") != std::string::npos || key.find("token") != std::string::npos ||
        key.find("private_key") != std::string::npos || key.find("secret") != std::string::npos)
      continue;
    safe[it.key()] = *it;
  }
  std::string text = safe.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > 500) text = text.substr(0, 497) + "...";
  return text;
}

std::string audit_csv(const std::vector<AuditEntry>& entries) {
  std::string out = "id,at,actor_email,action,target,outcome,detail,client_address\r\n";
  for (const AuditEntry& e : entries)
    out += std::to_string(e.id) + "," + e.at + "," + csv_text(e.actor_email) + "," + csv_field(e.action) + "," +
           csv_text(e.target) + "," + std::to_string(e.outcome) + "," + csv_text(e.detail) + "," +
           csv_field(e.client_address) + "\r\n";
  return out;
}

}  // namespace signet
