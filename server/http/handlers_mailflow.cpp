// Handlers of the Microsoft 365 mail flow (services/mailflow_service.h).
#include "http/handlers.h"
#include "http/routes.h"

namespace signet::handlers {

// GET /api/subscriptions/{id}/microsoft: the connector and rule to set up, and what was signed.
ApiReply mailflow_status(Services& sv, ApiRequest& r) { return reply(200, sv.mailflow.status(r.id_param(0))); }

}  // namespace signet::handlers
