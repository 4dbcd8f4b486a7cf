// Live deployment of signatures to Google Workspace: a subscription connects its domain with a
// service account key (domain-wide delegation, scope gmail.settings.basic); a deployment run
// then sets, for every directory user with a template, the rendered signature on their address
// through the Gmail API, acting as that user. A run is durable: each user is a row that stays
// pending until Google took the signature or refused it, so a restart resumes where it stopped
// and one user's failure never stops the others. The router has already established that the
// actor belongs to the subscription.
#pragma once
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "clock.h"
#include "deploy/google_api.h"
#include "deploy/secret_box.h"
#include "services/actor.h"
#include "services/audit_log.h"
#include "services/signature_service.h"
#include "storage/connection_pool.h"
#include "storage/deploy_store.h"

namespace signet {

constexpr const char* kGmailScope = "https://www.googleapis.com/auth/gmail.settings.basic";

// When runs start by themselves.
struct DeploySchedule {
  int64_t settle_seconds = 60;          // after a change, once no other change came for this long
  int64_t reapply_seconds = 24 * 3600;  // and again when the latest run is this old (nightly)
};

struct DeployRetryPolicy {
  int max_attempts = 8;
  int64_t first_delay_seconds = 2;  // then doubled, with up to half again of jitter
  int64_t max_delay_seconds = 600;  // also caps a Retry-After
  // A target being sent is this server's for so long (DeployStore::claim_next): another
  // server sends it only after that, should this one have died mid-send.
  int64_t claim_seconds = 300;
};

class DeployService {
 public:
  DeployService(ConnectionPool& pool, SignatureService& signatures, const SecretBox& box, GoogleApi google,
                Clock clock, AuditLog* audit = nullptr, DeploySchedule schedule = {}, DeployRetryPolicy retry = {});

  // Connected or not, the latest run and each of its users' state. Never the key.
  nlohmann::json status(int64_t sub);
  // Keeps the key sealed, replacing any earlier one, and starts a run ("connect"). 400 when it
  // is not a usable service account key; 409 when the subscription is not for Google Workspace.
  nlohmann::json connect(const Actor& a, int64_t sub, std::string_view key_json);
  // Removes the key, if any; users still pending in a run fail ("disconnected").
  void disconnect(const Actor& a, int64_t sub);
  // A new run for every directory user with a template (409 when not connected). With
  // `unless_run_after`, also 409 when a run started after that: the nightly run that two
  // servers both found due starts once.
  nlohmann::json deploy(int64_t sub, const std::string& reason, std::optional<int64_t> unless_run_after = std::nullopt);
  // The latest run's failed users are tried again, from their first attempt, with the
  // signature that run rendered for them (409 when not connected or when none failed).
  nlohmann::json retry_failed(int64_t sub);
  // A subscription's users, templates or rules changed: when it is connected, a run "change"
  // is scheduled for once the changes have settled (each change puts it off again).
  void changed(int64_t sub);
  // Starts the runs that are due: scheduled ones ("change") and re-applies ("nightly") of
  // connected subscriptions whose latest run is older than reapply_seconds, each written to
  // the audit log as deploy.run (those started over HTTP are logged by the router). Returns
  // how many.
  size_t start_due_runs();

  // Deploys every target that is due (the worker calls this every second); returns how many
  // were handled. Google is called without holding a database connection.
  size_t run_due();

 private:
  struct Token {
    std::string value;
    int64_t expires_at = 0;
  };
  // What one attempt came to.
  struct Outcome {
    enum Kind { Deployed, Retry, Failed } kind;
    std::string message;
    std::optional<int64_t> retry_after;
  };
  Outcome attempt(const DeployTarget& t);
  // Puts the user's access token in `token` (held, or asked for); what the attempt came to
  // when there is none.
  std::optional<Outcome> token_for(const DeployTarget& t, const GoogleConnection& g, std::string& token);
  static Outcome refusal(const GoogleReply& reply);
  void forget_tokens(int64_t sub);
  int64_t next_attempt_at(int attempts, std::optional<int64_t> retry_after) const;

  ConnectionPool& pool_;
  SignatureService& signatures_;
  const SecretBox& box_;
  GoogleApi google_;
  Clock clock_;
  AuditLog* audit_;
  DeploySchedule schedule_;
  DeployRetryPolicy retry_;
  std::mutex tokens_mutex_;
  // (subscription, user address) -> access token, reused until a minute before it expires.
  std::map<std::pair<int64_t, std::string>, Token> tokens_;
};

}  // namespace signet
