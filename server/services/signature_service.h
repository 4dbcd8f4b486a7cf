// A customer's signature data: directory users (the seats), templates, which template each
// user gets, previews and deployment artefacts. The router has already established that
// the actor belongs to the subscription; this service adds the rules of the data itself.
#pragma once
#include <functional>
#include <nlohmann/json.hpp>
#include <string_view>

#include "clock.h"
#include "services/actor.h"
#include "signet/signature.h"
#include "storage/connection_pool.h"
#include "storage/signature_store.h"

namespace signet {

// Limits of one import (docs/api.md, Limits): rows after the header, and errors listed.
constexpr size_t kMaxImportRows = 10000;
constexpr size_t kMaxImportErrors = 100;
// Rules of which template a user gets: checked one by one under the write lock, so capped.
constexpr size_t kMaxTemplateRules = 200;

// ImportResult, ImportError and TemplateRule are the wire's (shared/signet/api/signatures.h).

// A directory user with the template the rules give them, rendered for them.
struct AssignedSignature {
  DirectoryUser user;
  int64_t template_id = 0;
  int64_t template_version = 0;
  std::string template_name;
  RenderedSignature signature;
};

class SignatureService {
 public:
  SignatureService(ConnectionPool& pool, Clock clock) : pool_(pool), clock_(std::move(clock)) {}
  // Told the subscription after every change to what its signatures are made of (users,
  // templates, rules), e.g. to deploy them again. Set once, before serving.
  void set_change_listener(std::function<void(int64_t sub)> listener) { on_change_ = std::move(listener); }

  DirectoryPage list_users(int64_t sub, const DirectoryQuery& q);
  DirectoryUser create_user(const Actor& a, int64_t sub, DirectoryUser u);  // 409 seat_limit
  DirectoryUser update_user(const Actor& a, int64_t sub, int64_t uid, DirectoryUser u);
  void delete_user(const Actor& a, int64_t sub, int64_t uid);
  // Header row of field names; each good row creates or updates (by e-mail), each bad row is
  // reported and skipped. Refused whole (409 seat_limit) when it would pass the seat count,
  // and (400) past kMaxImportRows. Rows are checked before the write lock is taken.
  ImportResult import_users(const Actor& a, int64_t sub, std::string_view csv);

  std::vector<SignatureTemplate> list_templates(int64_t sub);
  SignatureTemplate get_template(int64_t sub, int64_t tid);
  SignatureTemplate create_template(const Actor& a, int64_t sub, SignatureTemplate t);
  // t.version must be the version the editor loaded; otherwise 409 (someone saved since).
  SignatureTemplate update_template(const Actor& a, int64_t sub, int64_t tid, SignatureTemplate t);
  void delete_template(const Actor& a, int64_t sub, int64_t tid);

  std::vector<TemplateRule> rules(int64_t sub);
  std::vector<TemplateRule> replace_rules(const Actor& a, int64_t sub, const std::vector<TemplateRule>& rules);

  RenderedSignature render(int64_t sub, int64_t tid, int64_t uid);
  Product product_of(int64_t sub);
  // Every directory user that has a template, rendered; in directory order.
  std::vector<AssignedSignature> assigned_signatures(int64_t sub);
  // The signature of the directory user with this address, when the subscription is active and
  // a template reaches them (the mail flow signs their messages with it).
  std::optional<AssignedSignature> signature_of(int64_t sub, const std::string& email);
  // Product-specific artefacts for every directory user with a template.
  nlohmann::json deployment(int64_t sub);

 private:
  void changed(int64_t sub) {
    if (on_change_) on_change_(sub);
  }

  ConnectionPool& pool_;
  Clock clock_;
  std::function<void(int64_t)> on_change_;
};

// The template a user gets: the first rule that matches, else the default; nullopt if none.
std::optional<int64_t> template_for(const DirectoryUser& u, const std::vector<TemplateRule>& rules,
                                    const std::vector<SignatureTemplate>& templates);

}  // namespace signet
