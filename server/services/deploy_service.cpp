#include "services/deploy_service.h"

#include <sodium.h>

#include <algorithm>

#include "deploy/service_account.h"
#include "services/service_error.h"
#include "signet/i18n.h"
#include "storage/subscription_store.h"

namespace signet {

namespace {

using nlohmann::json;

constexpr size_t kBatch = 20;  // targets sent per round; the rest wait for the next one

// What the database keeps sealed: the parts of the key a deployment needs.
std::string key_to_seal(const ServiceAccountKey& k) {
  return json{{"client_email", k.client_email}, {"private_key_id", k.private_key_id}, {"private_key", k.private_key_pem}}.dump();
}

std::optional<ServiceAccountKey> unsealed_key(const SecretBox& box, const GoogleConnection& g) {
  const auto plain = box.open(g.sealed_key);
  if (!plain) return std::nullopt;
  const json j = json::parse(*plain, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  return ServiceAccountKey{j.value("client_email", ""), j.value("private_key_id", ""), j.value("private_key", "")};
}

// An answer that is not a success: throttling, Google's outages and no answer at all are worth
// another attempt; any other refusal is Google's last word for this user.
bool worth_retrying(const GoogleReply& reply) { return reply.status == 0 || reply.status == 429 || reply.status >= 500; }

json target_json(const DeployTarget& t) {
  return {{"email", t.email},
          {"state", t.state},
          {"attempts", t.attempts},
          {"error", t.error.empty() ? json(nullptr) : json(t.error)},
          {"template_id", t.template_id},
          {"template_version", t.template_version},
          {"done_at", t.done_at ? json(format_timestamp(*t.done_at)) : json(nullptr)}};
}

}  // namespace

DeployService::DeployService(ConnectionPool& pool, SignatureService& signatures, const SecretBox& box, GoogleApi google,
                             Clock clock, AuditLog* audit, DeploySchedule schedule, DeployRetryPolicy retry)
    : pool_(pool),
      signatures_(signatures),
      box_(box),
      google_(std::move(google)),
      clock_(std::move(clock)),
      audit_(audit),
      schedule_(schedule),
      retry_(retry) {}

json DeployService::status(int64_t sub) {
  auto c = pool_.acquire();
  DeployStore store(*c);
  json out{{"connected", false}, {"client_email", nullptr}, {"connected_at", nullptr}, {"run", nullptr}};
  if (const auto g = store.connection(sub)) {
    out["connected"] = true;
    out["client_email"] = g->client_email;
    out["connected_at"] = format_timestamp(g->connected_at);
  }
  if (const auto run = store.latest_run(sub)) {
    json users = json::array();
    json counts{{"pending", 0}, {"deployed", 0}, {"failed", 0}};
    for (const DeployTarget& t : store.targets(run->id)) {
      users.push_back(target_json(t));
      counts[t.state] = counts[t.state].get<int>() + 1;
    }
    out["run"] = {{"id", run->id},
                  {"reason", run->reason},
                  {"created_at", format_timestamp(run->created_at)},
                  {"finished_at", run->finished_at ? json(format_timestamp(*run->finished_at)) : json(nullptr)},
                  {"counts", counts},
                  {"users", users}};
  }
  return out;
}

json DeployService::connect(const Actor& a, int64_t sub, std::string_view key_json) {
  if (signatures_.product_of(sub) != Product::GoogleWorkspace)
    throw ServiceError(ErrorKind::Conflict, phrase("Only a Google Workspace subscription connects to a Google domain."));
  auto parsed = parse_service_account_key(key_json);
  if (auto* message = std::get_if<std::string>(&parsed)) require_valid({{"key", *message}});
  const auto& key = std::get<ServiceAccountKey>(parsed);
  {
    auto c = pool_.acquire();
    GoogleConnection g{sub, key.client_email, box_.seal(key_to_seal(key)), clock_()};
    DeployStore(*c).save_connection(g, a.user.id);
  }
  forget_tokens(sub);  // those of the key replaced are no longer ours to use
  // A domain just connected gets its signatures without another click.
  return deploy(sub, "connect");
}

void DeployService::disconnect(const Actor&, int64_t sub) {
  auto c = pool_.acquire();
  WriteTransaction tx(*c, {WriteScope::subscription(sub)});
  DeployStore store(*c);
  // Removing what is not there is done too: the key is gone either way.
  if (store.delete_connection(sub)) store.fail_pending(sub, "disconnected", clock_());
  tx.commit();
  forget_tokens(sub);
}

void DeployService::forget_tokens(int64_t sub) {
  std::lock_guard<std::mutex> lock(tokens_mutex_);
  for (auto it = tokens_.begin(); it != tokens_.end();) it = it->first.first == sub ? tokens_.erase(it) : std::next(it);
}

json DeployService::deploy(int64_t sub, const std::string& reason, std::optional<int64_t> unless_run_after) {
  const std::vector<AssignedSignature> assigned = signatures_.assigned_signatures(sub);
  {
    auto c = pool_.acquire();
    WriteTransaction tx(*c, {WriteScope::subscription(sub)});
    DeployStore store(*c);
    if (!store.connection(sub))
      throw ServiceError(ErrorKind::Conflict, phrase("Connect the Google Workspace domain first."));
    if (unless_run_after)
      if (const auto latest = store.latest_run(sub); latest && latest->created_at > *unless_run_after)
        throw ServiceError(ErrorKind::Conflict, "A run started since.");
    const int64_t now = clock_();
    const int64_t run = store.insert_run(sub, reason, now);
    for (const AssignedSignature& s : assigned) {
      DeployTarget t;
      t.run_id = run;
      t.directory_user_id = s.user.id;
      t.email = s.user.email;
      t.html = s.signature.html;
      t.template_id = s.template_id;
      t.template_version = s.template_version;
      t.next_attempt_at = now;
      store.insert_target(t);
    }
    store.finish_if_done(run, now);  // a directory without templates is done at once
    tx.commit();
  }
  return status(sub);
}

json DeployService::retry_failed(int64_t sub) {
  {
    auto c = pool_.acquire();
    WriteTransaction tx(*c, {WriteScope::subscription(sub)});
    DeployStore store(*c);
    if (!store.connection(sub))
      throw ServiceError(ErrorKind::Conflict, phrase("Connect the Google Workspace domain first."));
    const auto run = store.latest_run(sub);
    if (!run || store.retry_failed(run->id, clock_()) == 0)
      throw ServiceError(ErrorKind::Conflict, phrase("No user failed in the latest deployment run."));
    tx.commit();
  }
  return status(sub);
}

void DeployService::changed(int64_t sub) {
  auto c = pool_.acquire();
  DeployStore store(*c);
  if (store.connection(sub)) store.schedule(sub, clock_() + schedule_.settle_seconds);
}

size_t DeployService::start_due_runs() {
  const int64_t stale_before = clock_() - schedule_.reapply_seconds;
  std::vector<int64_t> changed, stale;
  {
    auto c = pool_.acquire();
    DeployStore store(*c);
    changed = store.take_scheduled(clock_());
    stale = store.connected_without_run_since(stale_before);
  }
  size_t started = 0;
  auto start = [&](int64_t sub, const char* reason, std::optional<int64_t> unless_run_after) {
    json run;
    try {
      run = deploy(sub, reason, unless_run_after)["run"];
    } catch (const ServiceError&) {
      return;  // disconnected since, or another server started the run: nothing to do
    }
    ++started;
    if (!audit_) return;
    AuditRecord e;
    {
      auto c = pool_.acquire();
      e.reseller_id = SubscriptionStore(*c, clock_()).reseller_of(sub);
    }
    e.action = "deploy.run";
    e.target = "/api/subscriptions/" + std::to_string(sub) + "/google";
    e.outcome = 202;
    e.detail = std::string(reason) + ": " + std::to_string(run["users"].size()) + " user(s)";
    audit_->record(e);
  };
  for (int64_t sub : changed) start(sub, "change", std::nullopt);
  for (int64_t sub : stale)
    if (std::find(changed.begin(), changed.end(), sub) == changed.end()) start(sub, "nightly", stale_before);
  return started;
}

int64_t DeployService::next_attempt_at(int attempts, std::optional<int64_t> retry_after) const {
  int64_t delay = retry_.first_delay_seconds;
  for (int i = 1; i < attempts && delay < retry_.max_delay_seconds; ++i) delay *= 2;
  delay += randombytes_uniform(static_cast<uint32_t>(delay / 2 + 1));  // jitter: clients do not retry in step
  if (retry_after) delay = std::max(delay, *retry_after);
  return clock_() + std::min(delay, retry_.max_delay_seconds);
}

DeployService::Outcome DeployService::refusal(const GoogleReply& reply) {
  if (worth_retrying(reply)) return {Outcome::Retry, google_message(reply), reply.retry_after};
  return {Outcome::Failed, google_message(reply), std::nullopt};
}

std::optional<DeployService::Outcome> DeployService::token_for(const DeployTarget& t, const GoogleConnection& g,
                                                               std::string& token) {
  const auto key_of = std::make_pair(t.subscription_id, t.email);
  const int64_t now = clock_();
  {
    std::lock_guard<std::mutex> lock(tokens_mutex_);
    if (const auto it = tokens_.find(key_of); it != tokens_.end() && it->second.expires_at - 60 > now) {
      token = it->second.value;
      return std::nullopt;
    }
  }
  const auto key = unsealed_key(box_, g);
  if (!key) return Outcome{Outcome::Failed, "The stored key cannot be opened with this server's secret key. Connect the key again.", std::nullopt};
  const GoogleReply reply =
      google_.request_token(service_account_assertion(*key, t.email, kGmailScope, google_.endpoints().token_url, now));
  if (reply.status != 200) return refusal(reply);
  const json j = json::parse(reply.body, nullptr, false);
  if (!j.is_object() || !j.contains("access_token") || !j["access_token"].is_string())
    return Outcome{Outcome::Retry, "The token endpoint answered without an access token.", std::nullopt};
  token = j["access_token"].get<std::string>();
  const int64_t lifetime = j.contains("expires_in") && j["expires_in"].is_number_integer() ? j["expires_in"].get<int64_t>() : 3600;
  std::lock_guard<std::mutex> lock(tokens_mutex_);
  tokens_[key_of] = Token{token, now + lifetime};
  return std::nullopt;
}

DeployService::Outcome DeployService::attempt(const DeployTarget& t) {
  std::optional<GoogleConnection> g;
  {
    auto c = pool_.acquire();
    g = DeployStore(*c).connection(t.subscription_id);
  }
  if (!g) return {Outcome::Failed, "disconnected", std::nullopt};
  std::string token;
  if (auto failed = token_for(t, *g, token)) return *failed;
  const GoogleReply reply = google_.put_signature(token, t.email, t.html);
  if (reply.status >= 200 && reply.status < 300) return {Outcome::Deployed, "", std::nullopt};
  if (reply.status == 401) {
    // The token may have been revoked early: the next attempt asks for a new one.
    std::lock_guard<std::mutex> lock(tokens_mutex_);
    tokens_.erase(std::make_pair(t.subscription_id, t.email));
  }
  return refusal(reply);
}

size_t DeployService::run_due() {
  size_t sent = 0;
  for (; sent < kBatch; ++sent) {
    std::optional<DeployTarget> next;
    {
      auto c = pool_.acquire();
      next = DeployStore(*c).claim_next(clock_(), clock_() + retry_.claim_seconds);
    }
    if (!next) break;
    const DeployTarget& t = *next;
    const Outcome o = attempt(t);
    const int attempts = t.attempts + 1;
    auto c = pool_.acquire();
    DeployStore store(*c);
    if (o.kind == Outcome::Deployed) store.mark_deployed(t, clock_());
    else if (o.kind == Outcome::Retry && attempts < retry_.max_attempts)
      store.mark_retry(t, attempts, next_attempt_at(attempts, o.retry_after), o.message);
    else store.mark_failed(t, attempts, o.message, clock_());
    store.finish_if_done(t.run_id, clock_());
  }
  return sent;
}

}  // namespace signet
