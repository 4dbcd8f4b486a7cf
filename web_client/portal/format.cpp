#include "portal/format.h"

#include "platform/tr.h"
#include "signet/dates.h"
#include "signet/i18n.h"

namespace portal {

std::string format_date(const std::optional<std::string>& iso) {
  if (!iso || iso->empty()) return "—";
  auto d = signet::parse_iso(*iso);
  if (!d) return *iso;
  return signet::format_date(*d, platform::ui_language());
}

std::string format_date(const signet::Date& d) { return signet::format_date(d, platform::ui_language()); }

std::string format_date(const std::optional<signet::Date>& d) { return d ? format_date(*d) : "—"; }

std::string format_timestamp(const std::string& iso) {
  if (iso.size() < 10) return iso.empty() ? "—" : iso;
  return format_date(iso.substr(0, 10));
}

std::string format_period(const signet::Date& a, const signet::Date& b) {
  std::string from = format_date(a);
  if (a.year == b.year) {
    // Both formats end in the year after a separator: ", 2026" (en) or "-2026" (nl).
    const std::string year = std::to_string(a.year);
    const size_t cut = from.size() - year.size();
    if (from.size() > year.size() + 2 && from.compare(cut, std::string::npos, year) == 0)
      from.erase(from[cut - 1] == ' ' && from[cut - 2] == ',' ? cut - 2 : cut - 1);
  }
  return from + " – " + format_date(b);
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
    case signet::InvitationStatus::Pending: return tr("Pending");
    case signet::InvitationStatus::Accepted: return tr("Accepted");
    case signet::InvitationStatus::Expired: return tr("Expired");
  }
  return "—";
}

const char* delivery_label(const std::string& d) {
  if (d == "queued") return tr("queued");
  if (d == "retrying") return tr("retrying");
  if (d == "sent") return tr("sent");
  if (d == "failed") return tr("failed");
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

const char* cycle_label(const std::string& cycle) { return cycle == "annual" ? tr("Annual") : tr("Monthly"); }

std::string format_percent(int bp) {
  std::string s = std::to_string(bp / 100);
  int frac = bp % 100;
  if (frac) {
    s += platform::ui_language() == signet::Language::Nl ? "," : ".";
    s += std::to_string(frac / 10);
    if (frac % 10) s += std::to_string(frac % 10);
  }
  return s + "%";
}

std::string users_text(long long n) {
  const std::string count = signet::format_count(n, platform::ui_language());
  return n == 1 ? trf("{n} user", {{"n", count}}) : trf("{n} users", {{"n", count}});
}

std::string page_title(const char* screen_phrase) { return std::string(tr(screen_phrase)) + " · Signet"; }

}  // namespace portal
