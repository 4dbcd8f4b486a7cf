// Handlers of the Microsoft 365 mail flow (services/mailflow_service.h).
#include "http/handlers.h"
#include "http/routes.h"

namespace signet::handlers {

// GET /api/subscriptions/{id}/microsoft: the connector and rule to set up, and what was signed;
// with ?download=1 the PowerShell as a file.
ApiReply mailflow_status(Services& sv, ApiRequest& r) {
  const int64_t id = r.id_param(0);
  const nlohmann::json status = sv.mailflow.status(id);
  ApiReply out = reply(200, status);
  if (r.http.get_param_value("download") == "1")
    out.download = Download{"signet-mailflow-" + std::to_string(id) + ".ps1", "text/plain; charset=utf-8",
                            status["powershell"].get<std::string>()};
  return out;
}

}  // namespace signet::handlers
