// The API's handlers, one function per route: each parses what the router has not (query and
// path parameters, the body's fields), calls a service and shapes the reply. They run after
// api_router.cpp has authenticated the caller, decided access, checked CSRF and parsed the
// body, so none of them repeats a check of that kind. routes.cpp names them in its table.
#pragma once
#include "http/api_router.h"

namespace signet {
struct Services;
}

namespace signet::handlers {

// Sessions, profile, passwords, setup, team, invitation links, colleagues (handlers_accounts.cpp)
ApiReply sign_in(Services& sv, ApiRequest& r);
ApiReply current_session(Services& sv, ApiRequest& r);
ApiReply sign_out(Services& sv, ApiRequest& r);
ApiReply update_profile(Services& sv, ApiRequest& r);
ApiReply change_password(Services& sv, ApiRequest& r);
ApiReply request_password_reset(Services& sv, ApiRequest& r);
ApiReply password_reset_email(Services& sv, ApiRequest& r);
ApiReply complete_password_reset(Services& sv, ApiRequest& r);
ApiReply check_setup_link(Services& sv, ApiRequest& r);
ApiReply complete_setup(Services& sv, ApiRequest& r);
ApiReply list_team(Services& sv, ApiRequest& r);
ApiReply invite_team_member(Services& sv, ApiRequest& r);
ApiReply remove_team_member(Services& sv, ApiRequest& r);
ApiReply revoke_team_invitation(Services& sv, ApiRequest& r);
ApiReply look_up_invitation(Services& sv, ApiRequest& r);
ApiReply accept_invitation(Services& sv, ApiRequest& r);
ApiReply list_colleagues(Services& sv, ApiRequest& r);
ApiReply invite_colleague(Services& sv, ApiRequest& r);
ApiReply remove_colleague(Services& sv, ApiRequest& r);
ApiReply revoke_colleague_invitation(Services& sv, ApiRequest& r);

// Subscriptions, billing, audit log (handlers_subscriptions.cpp)
ApiReply list_subscriptions(Services& sv, ApiRequest& r);
ApiReply create_subscription(Services& sv, ApiRequest& r);
ApiReply get_subscription(Services& sv, ApiRequest& r);
ApiReply update_subscription(Services& sv, ApiRequest& r);
ApiReply seat_quote(Services& sv, ApiRequest& r);
ApiReply resend_invitation(Services& sv, ApiRequest& r);
ApiReply resend_invitations(Services& sv, ApiRequest& r);
ApiReply editor_info(Services& sv, ApiRequest& r);
ApiReply billing_summary(Services& sv, ApiRequest& r);
ApiReply list_invoices(Services& sv, ApiRequest& r);
ApiReply get_invoice(Services& sv, ApiRequest& r);
ApiReply download_invoice_csv(Services& sv, ApiRequest& r);
ApiReply invoice_page(Services& sv, ApiRequest& r);
ApiReply audit_log(Services& sv, ApiRequest& r);

// Live deployment (handlers_deploy.cpp)
ApiReply google_status(Services& sv, ApiRequest& r);
ApiReply connect_google(Services& sv, ApiRequest& r);
ApiReply disconnect_google(Services& sv, ApiRequest& r);
ApiReply deploy_google(Services& sv, ApiRequest& r);
ApiReply retry_google(Services& sv, ApiRequest& r);

// Microsoft 365 mail flow (handlers_mailflow.cpp)
ApiReply mailflow_status(Services& sv, ApiRequest& r);

// Signature editor (handlers_signatures.cpp)
ApiReply list_directory_users(Services& sv, ApiRequest& r);
ApiReply create_directory_user(Services& sv, ApiRequest& r);
ApiReply import_directory_users(Services& sv, ApiRequest& r);
ApiReply update_directory_user(Services& sv, ApiRequest& r);
ApiReply delete_directory_user(Services& sv, ApiRequest& r);
ApiReply list_templates(Services& sv, ApiRequest& r);
ApiReply create_template(Services& sv, ApiRequest& r);
ApiReply get_template(Services& sv, ApiRequest& r);
ApiReply update_template(Services& sv, ApiRequest& r);
ApiReply delete_template(Services& sv, ApiRequest& r);
ApiReply render_template(Services& sv, ApiRequest& r);
ApiReply get_template_rules(Services& sv, ApiRequest& r);
ApiReply replace_template_rules(Services& sv, ApiRequest& r);
ApiReply deployment(Services& sv, ApiRequest& r);

}  // namespace signet::handlers
