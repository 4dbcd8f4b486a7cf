// The domain model shared by server and browser. Plain data; the string forms are the
// wire forms of the HTTP API (docs/api.md).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace signet {

enum class Product { M365, GoogleWorkspace };
enum class SubscriptionStatus { Active, Inactive };
enum class InvitationStatus { None, Pending, Accepted, Expired };
enum class Role { Reseller, Customer };

// Wire names ("m365", "active", ...) and the names people read.
std::string_view to_string(Product p);
std::string_view display_name(Product p);  // "Signatures for Microsoft 365"
std::string_view to_string(SubscriptionStatus s);
std::string_view to_string(InvitationStatus s);
std::string_view to_string(Role r);

std::optional<Product> parse_product(std::string_view s);
std::optional<SubscriptionStatus> parse_subscription_status(std::string_view s);
std::optional<InvitationStatus> parse_invitation_status(std::string_view s);
std::optional<Role> parse_role(std::string_view s);

constexpr Product kAllProducts[] = {Product::M365, Product::GoogleWorkspace};

struct Subscription {
  int64_t id = 0;
  std::string customer_name;
  Product product = Product::M365;
  int user_count = 1;
  SubscriptionStatus status = SubscriptionStatus::Active;
  std::optional<std::string> next_payment_date;  // YYYY-MM-DD; none while inactive
  bool customer_can_edit = false;
  std::string contact_name;   // empty unless customer_can_edit
  std::string contact_email;  // empty unless customer_can_edit
  InvitationStatus invitation_status = InvitationStatus::None;
  // Delivery of the latest invitation e-mail: "queued", "retrying", "sent", "failed";
  // empty when none was sent.
  std::string invitation_delivery;
  std::string created_at;  // ISO 8601 UTC, e.g. 2026-11-26T19:05:00Z
  std::string billing_cycle = "monthly";  // "monthly" or "annual" (see billing.h)
  // A decrease of users waits for the next renewal: the count and the day it applies.
  std::optional<int> pending_user_count;
  std::optional<std::string> pending_from;
  std::string language = "en";  // of the customer's e-mails
};

// What an invitation link shows before it is accepted.
struct InvitationInfo {
  // "customer" (the contact the reseller named), "colleague" (invited by a customer user)
  // or "team" (reseller staff).
  std::string kind = "customer";
  std::string reseller_role;      // team invitations: the role offered
  std::string reseller_name;
  std::string customer_name;
  Product product = Product::M365;
  std::string contact_name;
  std::string contact_email;
  std::string language;    // customers: the subscription's e-mail language ("en"/"nl")
  std::string invited_by;  // colleagues: who invited them
};

// The accept screen: contact details and a password; the user name is the invited e-mail.
struct AcceptInvitation {
  std::string name;
  std::string phone;
  std::string password;
};

// What a customer user may read about its own subscription (no billing).
struct CustomerView {
  int64_t subscription_id = 0;
  std::string customer_name;
  Product product = Product::M365;
  SubscriptionStatus status = SubscriptionStatus::Active;
  std::string reseller_name;
};

// What the "New customer subscription" dialog sends.
struct NewSubscription {
  Product product = Product::M365;
  std::string customer_name;
  int user_count = 1;
  bool customer_can_edit = false;
  std::string contact_name;
  std::string contact_email;
  std::string billing_cycle = "monthly";
  std::string language;  // of the invitation e-mail: "en" or "nl"; empty = the reseller's
};

// PATCH /api/subscriptions/{id}: only the fields present change.
struct SubscriptionPatch {
  std::optional<int> user_count;
  std::optional<SubscriptionStatus> status;
};

struct User {
  int64_t id = 0;
  std::string email;
  std::string name;
  Role role = Role::Reseller;
  std::optional<int64_t> subscription_id;  // customers: the one subscription they belong to
  std::string reseller_role;               // reseller staff: "owner", "billing" or "support"
  std::string language = "en";             // "en" or "nl"
};

// What each kind of reseller staff may do (the server enforces it in one place).
enum class ResellerRole { Owner, Billing, Support };
std::optional<ResellerRole> parse_reseller_role(std::string_view s);

struct Credentials {
  std::string email;
  std::string password;
};

// First-run setup: the first reseller account, created in the browser.
struct ResellerSignup {
  std::string company_name;
  std::string name;
  std::string email;
  std::string password;
};

// Subscription list query (GET /api/subscriptions).
enum class SortKey { CustomerName, UserCount, NextPaymentDate, CreatedAt };
struct ListQuery {
  std::string q;
  std::optional<SubscriptionStatus> status;
  SortKey sort = SortKey::CustomerName;
  bool descending = false;
  int page = 1;
  int per_page = 50;
};
constexpr int kMaxPerPage = 500;

std::string_view to_string(SortKey k);
std::optional<SortKey> parse_sort_key(std::string_view s);

}  // namespace signet
