#include "signet/api/deploy.h"

#include "signet/api/wire.h"

namespace signet {

using nlohmann::json;
using api::WireReader;

namespace {

std::optional<DeployUserState> user_state_from_json(const json& j) {
  return api::read_object<DeployUserState>(j, [](WireReader& r, DeployUserState& u) {
    r.req("email", u.email).req("state", u.state).req("attempts", u.attempts).nullable("error", u.error)
        .req("template_id", u.template_id).req("template_version", u.template_version).nullable("done_at", u.done_at);
  });
}

std::optional<DeployCounts> counts_from_json(const json& j) {
  return api::read_object<DeployCounts>(j, [](WireReader& r, DeployCounts& c) {
    r.req("pending", c.pending).req("deployed", c.deployed).req("failed", c.failed);
  });
}

std::optional<DeployRunState> run_from_json(const json& j) {
  return api::read_object<DeployRunState>(j, [](WireReader& r, DeployRunState& run) {
    std::optional<DeployCounts> counts;
    r.req("id", run.id).req("reason", run.reason).req("created_at", run.created_at)
        .nullable("finished_at", run.finished_at).object("counts", counts, counts_from_json)
        .list("users", run.users, user_state_from_json);
    if (counts) run.counts = *counts;
  });
}

}  // namespace

std::optional<GoogleDeployment> google_deployment_from_json(const json& j) {
  return api::read_object<GoogleDeployment>(j, [](WireReader& r, GoogleDeployment& g) {
    r.req("connected", g.connected).nullable("client_email", g.client_email).nullable("connected_at", g.connected_at)
        .object("run", g.run, run_from_json, true);
  });
}

std::optional<MailflowDeployment> mailflow_deployment_from_json(const json& j) {
  return api::read_object<MailflowDeployment>(j, [](WireReader& r, MailflowDeployment& m) {
    r.req("smart_host", m.smart_host).req("port", m.port).req("route_header", m.route_header)
        .req("route_token", m.route_token).req("milter_listening", m.milter_listening).req("powershell", m.powershell)
        .list("users", m.users, [](const json& u) {
          return api::read_object<MailflowUserState>(u, [](WireReader& r, MailflowUserState& s) {
            r.req("email", s.email).req("template_version", s.template_version).nullable("signed_version", s.signed_version)
                .nullable("signed_at", s.signed_at).req("messages", s.messages);
          });
        });
  });
}

}  // namespace signet
