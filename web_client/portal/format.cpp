#include "portal/format.h"

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
    case signet::InvitationStatus::Pending: return "Invited";
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

}  // namespace portal
