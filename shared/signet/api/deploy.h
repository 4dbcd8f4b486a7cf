// The body of GET /api/subscriptions/{id}/google (and of the calls that change it): whether the
// subscription's Google Workspace domain is connected, and its latest deployment run with each
// user's state. Never the key. And the body of GET /api/subscriptions/{id}/microsoft: how
// Exchange Online routes the mail through Signet, and what each person's mail carried.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace signet {

struct DeployUserState {
  std::string email;
  std::string state;  // pending | deployed | failed
  int attempts = 0;
  std::optional<std::string> error;  // Google's words, or "disconnected"
  int64_t template_id = 0;
  int64_t template_version = 0;
  std::optional<std::string> done_at;  // ISO timestamp
};

struct DeployCounts {
  int pending = 0, deployed = 0, failed = 0;
  int total() const { return pending + deployed + failed; }
};

struct DeployRunState {
  int64_t id = 0;
  std::string reason;  // connect | manual | change | nightly
  std::string created_at;
  std::optional<std::string> finished_at;
  DeployCounts counts;
  std::vector<DeployUserState> users;
};

struct GoogleDeployment {
  bool connected = false;
  std::optional<std::string> client_email, connected_at;
  std::optional<DeployRunState> run;  // the latest one
  bool running() const { return run && !run->finished_at; }
};

std::optional<GoogleDeployment> google_deployment_from_json(const nlohmann::json& j);

struct MailflowUserState {
  std::string email;
  int64_t template_version = 0;           // what their mail gets now
  std::optional<int64_t> signed_version;  // what the latest signed message got
  std::optional<std::string> signed_at;   // ISO timestamp
  int64_t messages = 0;
};

struct MailflowDeployment {
  std::string smart_host;
  int port = 25;
  std::string route_header, route_token;
  bool milter_listening = false;
  std::string powershell;
  std::vector<MailflowUserState> users;
};

std::optional<MailflowDeployment> mailflow_deployment_from_json(const nlohmann::json& j);

}  // namespace signet
