#include "portal/format.h"

#include "signet/i18n.h"
#include "signet/dates.h"

namespace portal {

std::string format_date(const std::optional<std::string>& iso) {
  if (!iso || iso->empty()) return "—";
  auto d = signet::parse_iso(*iso);
  if (!d) return *iso;
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return std::to_string(d->day) + " " + months[d->month - 1] + " " + std::to_string(d->year);
}

std::string format_timestamp(const std::string& iso) {
  if (iso.size() < 10) return iso.empty() ? "—" : iso;
  return format_date(iso.substr(0, 10));
}

std::string short_product(signet::Product p) {
  std::string s(signet::display_name(p));
  const std::string prefix = "Signatures for ";
  if (s.rfind(prefix, 0) == 0) s.erase(0, prefix.size());
  return s;
}

const char* invitation_label(signet::InvitationStatus s) {
  switch (s) {
    case signet::InvitationStatus::None: return "—";
    case signet::InvitationStatus::Pending: return "Pending";
    case signet::InvitationStatus::Accepted: return "Accepted";
    case signet::InvitationStatus::Expired: return "Expired";
  }
  return "—";
}

std::string format_count(long long n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  int c = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (c && c % 3 == 0) out.insert(out.begin(), ',');
    out.insert(out.begin(), *it);
    ++c;
  }
  return n < 0 ? "-" + out : out;
}

const char* delivery_label(const std::string& d) {
  if (d == "queued") return "queued";
  if (d == "retrying") return "retrying";
  if (d == "sent") return "sent";
  if (d == "failed") return "failed";
  return "";
}

std::string invitation_text(const signet::Subscription& s) {
  std::string out = invitation_label(s.invitation_status);
  if (s.invitation_status == signet::InvitationStatus::Pending ||
      s.invitation_status == signet::InvitationStatus::Expired) {
    const char* d = delivery_label(s.invitation_delivery);
    if (*d) out += std::string(" · ") + d;
  }
  return out;
}

std::string cycle_label(const std::string& cycle) { return cycle == "annual" ? "Annual" : "Monthly"; }

std::string format_money(int64_t cents) { return signet::format_money(cents, signet::Language::En); }

std::string format_percent(int bp) {
  std::string s = std::to_string(bp / 100);
  int frac = bp % 100;
  if (frac) {
    s += "." + std::to_string(frac / 10);
    if (frac % 10) s += std::to_string(frac % 10);
  }
  return s + "%";
}

}  // namespace portal
