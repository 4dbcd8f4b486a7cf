// Display strings for the portal that shared/signet/i18n does not cover: ISO dates from the
// API (with "—" when absent), status and delivery labels, percentages. Amounts and counts go
// straight through signet::format_money / format_count with platform::ui_language().
#pragma once
#include <optional>
#include <string>

#include "signet/dates.h"
#include "signet/model.h"

namespace portal {
// "2026-12-26" -> "Dec 26, 2026" / "26-12-2026" (the UI language); "—" when absent.
std::string format_date(const std::optional<std::string>& iso);
std::string format_date(const signet::Date& d);
std::string format_date(const std::optional<signet::Date>& d);
std::string format_timestamp(const std::string& iso);  // "2026-11-26T19:05:00Z" -> its date
// "Nov 26 – Dec 26, 2026": the year once when both dates share it.
std::string format_period(const signet::Date& from, const signet::Date& to);
std::string short_product(signet::Product p);           // "Microsoft 365"
const char* invitation_label(signet::InvitationStatus s);
// "Pending · sent", "Expired · failed", "Accepted", "—"
std::string invitation_text(const signet::Subscription& s);
const char* delivery_label(const std::string& delivery);  // "sent", "retrying", ... or ""
const char* cycle_label(const std::string& cycle);         // "Monthly" / "Annual"
std::string format_percent(int basis_points);              // 2100 -> "21%", 2150 -> "21.5%" / "21,5%"
// "1 user", "1.250 users" (counts in the UI language).
std::string users_text(long long n);
// The page title of a screen: "Subscriptions · Signet".
std::string page_title(const char* screen_phrase);
}  // namespace portal
