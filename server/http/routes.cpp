// The API route table: one line per endpoint, naming its handler (http/handlers.h). Each line
// says who may call it (Access), and its chained calls say what the router must know:
//   .json() / .csv()   the body it takes (none otherwise);
//   .subscription()    its first path id is a subscription, whose owner is settled before the
//                      handler runs, so a stranger learns nothing;
//   .token()           its first path part is a secret link token, blanked in the audit log;
//   .no_csrf()         a state-changing route for someone without a session yet;
//   .audit("name")     the action it writes to the audit log.
// ApiRouter::add checks each line against its pattern at start-up (route_problem), and tests
// walk this same table (the role matrix, the CSRF walk), so a new route cannot escape them.
#include "http/routes.h"

#include "http/handlers.h"

namespace signet {

namespace {

// One line of the table: the route, filled in by the chained calls.
class Line {
 public:
  Line(Services& sv, const char* method, const char* pattern, Access access, ApiReply (*handler)(Services&, ApiRequest&)) {
    route_.method = method;
    route_.pattern = pattern;
    route_.access = access;
    // State-changing routes check the CSRF token unless the line says no_csrf().
    route_.csrf = route_.method == "GET" ? Csrf::None : Csrf::Required;
    route_.handler = [&sv, handler](ApiRequest& r) { return handler(sv, r); };
  }
  Line& json() { return body(Body::Json); }
  Line& csv() { return body(Body::Csv); }
  Line& subscription() { route_.scope = Scope::Subscription; return *this; }
  Line& token() { route_.secret = Secret::PathToken; return *this; }
  Line& no_csrf() { route_.csrf = Csrf::Exempt; return *this; }
  Line& audit(const char* action) { route_.audit = action; return *this; }
  operator Route() const { return route_; }

 private:
  Line& body(Body b) {
    route_.body = b;
    return *this;
  }
  Route route_;
};

}  // namespace

std::vector<Route> api_routes(Services& sv) {
  namespace h = handlers;
  auto get = [&sv](const char* p, Access a, auto f) { return Line(sv, "GET", p, a, f); };
  auto post = [&sv](const char* p, Access a, auto f) { return Line(sv, "POST", p, a, f); };
  auto patch = [&sv](const char* p, Access a, auto f) { return Line(sv, "PATCH", p, a, f); };
  auto put = [&sv](const char* p, Access a, auto f) { return Line(sv, "PUT", p, a, f); };
  auto del = [&sv](const char* p, Access a, auto f) { return Line(sv, "DELETE", p, a, f); };
  // clang-format off
  return {
      // Sessions
      post( "/api/session",                                          Access::Public, h::sign_in).json().no_csrf().audit("session.create"),
      get(  "/api/session",                                          Access::SignedIn, h::current_session),
      del(  "/api/session",                                          Access::SignedIn, h::sign_out).audit("session.delete"),
      patch("/api/me",                                               Access::SignedIn, h::update_profile).json().audit("profile.update"),

      // Passwords
      post( "/api/session/password",                                 Access::SignedIn, h::change_password).json().audit("password.change"),
      post( "/api/password-reset",                                   Access::Public, h::request_password_reset).json().no_csrf().audit("password.reset_request"),
      get(  R"(/api/password-reset/([A-Za-z0-9_-]{1,128}))",         Access::Public, h::password_reset_email).token(),
      post( R"(/api/password-reset/([A-Za-z0-9_-]{1,128}))",         Access::Public, h::complete_password_reset).json().token().no_csrf().audit("password.reset"),

      // First-run setup of the first reseller account
      get(  R"(/api/setup/([A-Za-z0-9_-]{1,128}))",                  Access::Public, h::check_setup_link).token(),
      post( R"(/api/setup/([A-Za-z0-9_-]{1,128}))",                  Access::Public, h::complete_setup).json().token().no_csrf().audit("setup.complete"),

      // Subscriptions
      get(  "/api/subscriptions",                                    Access::Reseller, h::list_subscriptions),
      post( "/api/subscriptions",                                    Access::ResellerOwner, h::create_subscription).json().audit("subscription.create"),
      get(  R"(/api/subscriptions/(\d+))",                           Access::Reseller, h::get_subscription).subscription(),
      patch(R"(/api/subscriptions/(\d+))",                           Access::ResellerManage, h::update_subscription).json().subscription().audit("subscription.update"),
      get(  R"(/api/subscriptions/(\d+)/seat-quote)",                Access::ResellerManage, h::seat_quote).subscription(),
      post( R"(/api/subscriptions/(\d+)/invitation)",                Access::ResellerManage, h::resend_invitation).subscription().audit("invitation.resend"),
      post( "/api/subscriptions/invitations",                        Access::ResellerManage, h::resend_invitations).json().audit("invitation.resend_bulk"),

      // Billing (resellers only)
      get(  "/api/billing/summary",                                  Access::ResellerBilling, h::billing_summary),
      get(  "/api/billing/invoices",                                 Access::ResellerBilling, h::list_invoices),
      get(  R"(/api/billing/invoices/(\d+))",                        Access::ResellerBilling, h::get_invoice),
      get(  R"(/api/billing/invoices/(\d+)/csv)",                    Access::ResellerBilling, h::download_invoice_csv),
      get(  R"(/api/billing/invoices/(\d+)/html)",                   Access::ResellerBilling, h::invoice_page),
      get(  "/api/audit",                                            Access::ResellerOwner, h::audit_log),

      // The reseller's team
      get(  "/api/team",                                             Access::ResellerOwner, h::list_team),
      post( "/api/team",                                             Access::ResellerOwner, h::invite_team_member).json().audit("team.invite"),
      del(  R"(/api/team/(\d+))",                                    Access::ResellerOwner, h::remove_team_member).audit("team.remove"),
      del(  R"(/api/team/invitations/(\d+))",                        Access::ResellerOwner, h::revoke_team_invitation).audit("team.revoke_invitation"),

      // Customer entry point
      get(  R"(/api/invitations/([A-Za-z0-9_-]{1,128}))",            Access::Public, h::look_up_invitation).token(),
      post( R"(/api/invitations/([A-Za-z0-9_-]{1,128})/accept)",     Access::Public, h::accept_invitation).json().token().no_csrf().audit("invitation.accept"),
      get(  R"(/api/subscriptions/(\d+)/editor-info)",               Access::SubscriptionMember, h::editor_info).subscription(),

      // A customer's colleagues in the editor
      get(  R"(/api/subscriptions/(\d+)/contacts)",                  Access::SubscriptionMember, h::list_colleagues).subscription(),
      post( R"(/api/subscriptions/(\d+)/contacts)",                  Access::SubscriptionMember, h::invite_colleague).json().subscription().audit("colleague.invite"),
      del(  R"(/api/subscriptions/(\d+)/contacts/(\d+))",            Access::SubscriptionMember, h::remove_colleague).subscription().audit("colleague.remove"),
      del(  R"(/api/subscriptions/(\d+)/contact-invitations/(\d+))", Access::SubscriptionMember, h::revoke_colleague_invitation).subscription().audit("colleague.revoke_invitation"),

      // Signature editor: directory users
      get(  R"(/api/subscriptions/(\d+)/users)",                     Access::SubscriptionMember, h::list_directory_users).subscription(),
      post( R"(/api/subscriptions/(\d+)/users)",                     Access::SubscriptionMember, h::create_directory_user).json().subscription().audit("directory.create"),
      post( R"(/api/subscriptions/(\d+)/users/import)",              Access::SubscriptionMember, h::import_directory_users).csv().subscription().audit("directory.import"),
      put(  R"(/api/subscriptions/(\d+)/users/(\d+))",               Access::SubscriptionMember, h::update_directory_user).json().subscription().audit("directory.update"),
      del(  R"(/api/subscriptions/(\d+)/users/(\d+))",               Access::SubscriptionMember, h::delete_directory_user).subscription().audit("directory.delete"),

      // Signature editor: templates, assignment rules, previews, deployment
      get(  R"(/api/subscriptions/(\d+)/templates)",                 Access::SubscriptionMember, h::list_templates).subscription(),
      post( R"(/api/subscriptions/(\d+)/templates)",                 Access::SubscriptionMember, h::create_template).json().subscription().audit("template.create"),
      get(  R"(/api/subscriptions/(\d+)/templates/(\d+))",           Access::SubscriptionMember, h::get_template).subscription(),
      put(  R"(/api/subscriptions/(\d+)/templates/(\d+))",           Access::SubscriptionMember, h::update_template).json().subscription().audit("template.update"),
      del(  R"(/api/subscriptions/(\d+)/templates/(\d+))",           Access::SubscriptionMember, h::delete_template).subscription().audit("template.delete"),
      get(  R"(/api/subscriptions/(\d+)/templates/(\d+)/render)",    Access::SubscriptionMember, h::render_template).subscription(),
      get(  R"(/api/subscriptions/(\d+)/template-rules)",            Access::SubscriptionMember, h::get_template_rules).subscription(),
      put(  R"(/api/subscriptions/(\d+)/template-rules)",            Access::SubscriptionMember, h::replace_template_rules).json().subscription().audit("template.rules"),
      get(  R"(/api/subscriptions/(\d+)/deployment)",                Access::SubscriptionMember, h::deployment).subscription(),

      // Live deployment to Google Workspace: the domain's service account key, runs
      get(  R"(/api/subscriptions/(\d+)/google)",                    Access::SubscriptionMember, h::google_status).subscription(),
      put(  R"(/api/subscriptions/(\d+)/google)",                    Access::SubscriptionMember, h::connect_google).json().subscription().audit("deploy.connect"),
      del(  R"(/api/subscriptions/(\d+)/google)",                    Access::SubscriptionMember, h::disconnect_google).subscription().audit("deploy.disconnect"),
      post( R"(/api/subscriptions/(\d+)/google/deploy)",             Access::SubscriptionMember, h::deploy_google).subscription().audit("deploy.run"),
      post( R"(/api/subscriptions/(\d+)/google/retry)",              Access::SubscriptionMember, h::retry_google).subscription().audit("deploy.retry"),

      // Microsoft 365: the connector and transport rule that route mail through the milter
      get(  R"(/api/subscriptions/(\d+)/microsoft)",                 Access::SubscriptionMember, h::mailflow_status).subscription(),
  };
  // clang-format on
}

}  // namespace signet
