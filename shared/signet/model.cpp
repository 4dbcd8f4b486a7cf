#include "signet/model.h"

namespace signet {

std::string_view to_string(Product p) {
  return p == Product::M365 ? "m365" : "google_workspace";
}

std::string_view display_name(Product p) {
  return p == Product::M365 ? "Signatures for Microsoft 365" : "Signatures for Google Workspace";
}

std::string_view to_string(SubscriptionStatus s) {
  return s == SubscriptionStatus::Active ? "active" : "inactive";
}

std::string_view to_string(InvitationStatus s) {
  switch (s) {
    case InvitationStatus::None: return "none";
    case InvitationStatus::Pending: return "pending";
    case InvitationStatus::Accepted: return "accepted";
    case InvitationStatus::Expired: return "expired";
  }
  return "none";
}

std::string_view to_string(Role r) { return r == Role::Reseller ? "reseller" : "customer"; }

std::optional<Product> parse_product(std::string_view s) {
  if (s == "m365") return Product::M365;
  if (s == "google_workspace") return Product::GoogleWorkspace;
  return std::nullopt;
}

std::optional<SubscriptionStatus> parse_subscription_status(std::string_view s) {
  if (s == "active") return SubscriptionStatus::Active;
  if (s == "inactive") return SubscriptionStatus::Inactive;
  return std::nullopt;
}

std::optional<InvitationStatus> parse_invitation_status(std::string_view s) {
  for (auto v : {InvitationStatus::None, InvitationStatus::Pending, InvitationStatus::Accepted,
                 InvitationStatus::Expired})
    if (to_string(v) == s) return v;
  return std::nullopt;
}

std::optional<Role> parse_role(std::string_view s) {
  if (s == "reseller") return Role::Reseller;
  if (s == "customer") return Role::Customer;
  return std::nullopt;
}

std::optional<ResellerRole> parse_reseller_role(std::string_view s) {
  if (s == "owner") return ResellerRole::Owner;
  if (s == "billing") return ResellerRole::Billing;
  if (s == "support") return ResellerRole::Support;
  return std::nullopt;
}

std::string_view to_string(SortKey k) {
  switch (k) {
    case SortKey::CustomerName: return "customer_name";
    case SortKey::UserCount: return "user_count";
    case SortKey::NextPaymentDate: return "next_payment_date";
    case SortKey::CreatedAt: return "created_at";
  }
  return "customer_name";
}

std::optional<SortKey> parse_sort_key(std::string_view s) {
  for (auto k : {SortKey::CustomerName, SortKey::UserCount, SortKey::NextPaymentDate,
                 SortKey::CreatedAt})
    if (to_string(k) == s) return k;
  return std::nullopt;
}

}  // namespace signet
