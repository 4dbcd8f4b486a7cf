// Display strings for the portal.
#pragma once
#include <optional>
#include <string>

#include "signet/model.h"

namespace portal {
// "2026-12-26" -> "26 Dec 2026"; "—" when absent.
std::string format_date(const std::optional<std::string>& iso);
std::string format_timestamp(const std::string& iso);  // "2026-11-26T19:05:00Z" -> "26 Nov 2026"
std::string short_product(signet::Product p);           // "Microsoft 365"
const char* invitation_label(signet::InvitationStatus s);
std::string format_count(long long n);                  // 10000 -> "10,000"
// "Pending · sent", "Expired · failed", "Accepted", "—"
std::string invitation_text(const signet::Subscription& s);
const char* delivery_label(const std::string& delivery);  // "sent", "retrying", ... or ""
std::string cycle_label(const std::string& cycle);         // "Monthly" / "Annual"
std::string format_money(int64_t cents);                   // "€1,234.56"
std::string format_percent(int basis_points);              // 2100 -> "21%", 2150 -> "21.5%"
}  // namespace portal
