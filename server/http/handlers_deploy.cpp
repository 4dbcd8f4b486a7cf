// Handlers of live deployment to Google Workspace (services/deploy_service.h).
#include "http/handlers.h"
#include "http/routes.h"

namespace signet::handlers {

// GET /api/subscriptions/{id}/google
ApiReply google_status(Services& sv, ApiRequest& r) { return reply(200, sv.deploy.status(r.id_param(0))); }

// PUT /api/subscriptions/{id}/google: the body is the service account key JSON as Google gives it.
ApiReply connect_google(Services& sv, ApiRequest& r) {
  return reply(200, sv.deploy.connect(r.signed_in(), r.id_param(0), r.body.dump()));
}

// DELETE /api/subscriptions/{id}/google
ApiReply disconnect_google(Services& sv, ApiRequest& r) {
  sv.deploy.disconnect(r.signed_in(), r.id_param(0));
  return reply(204, nullptr);
}

// POST /api/subscriptions/{id}/google/deploy: a run starts; its users are deployed in the background.
ApiReply deploy_google(Services& sv, ApiRequest& r) {
  return reply(202, sv.deploy.deploy(r.id_param(0), "manual"));
}

// POST /api/subscriptions/{id}/google/retry: the latest run's failed users are pending again.
ApiReply retry_google(Services& sv, ApiRequest& r) { return reply(202, sv.deploy.retry_failed(r.id_param(0))); }

}  // namespace signet::handlers
