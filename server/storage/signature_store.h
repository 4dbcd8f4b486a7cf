// All SQL about one customer's signature data: directory users, templates, assignment
// rules. Every query names the subscription: nothing crosses from one customer to another.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "signet/api/signatures.h"
#include "signet/signature.h"
#include "storage/connection_pool.h"

namespace signet {

struct DirectoryQuery {
  std::string q;                  // matches e-mail, names, department (accent-insensitive)
  std::string sort = "display_name";  // email | display_name | department | job_title
  bool descending = false;
  int page = 1;
  int per_page = 100;
};

struct DirectoryPage {
  std::vector<DirectoryUser> items;
  int64_t total = 0;
};


class SignatureStore {
 public:
  SignatureStore(Connection& c, int64_t subscription_id) : c_(c), sub_(subscription_id) {}

  int64_t count_users();
  DirectoryPage list_users(const DirectoryQuery& q);
  std::vector<DirectoryUser> all_users();
  std::optional<DirectoryUser> find_user(int64_t id);
  std::optional<DirectoryUser> find_user_by_email(const std::string& email);
  // Those of `emails` that are in this directory, in one query (a CSV import's rows).
  std::vector<DirectoryUser> find_users_by_email(const std::vector<std::string>& emails);
  // nullopt when the e-mail is already in this directory.
  std::optional<int64_t> insert_user(const DirectoryUser& u);
  bool update_user(const DirectoryUser& u);  // false: the e-mail belongs to someone else
  // update_user for a user whose e-mail is known to stay theirs (an import matched it).
  void update_fields(const DirectoryUser& u);
  bool delete_user(int64_t id);

  std::vector<SignatureTemplate> list_templates();
  std::optional<SignatureTemplate> find_template(int64_t id);
  int64_t insert_template(const SignatureTemplate& t, const std::string& now);
  // Saves when the stored version equals t.version and bumps it; false on a stale version.
  bool update_template(const SignatureTemplate& t, const std::string& now);
  bool delete_template(int64_t id);
  void clear_default();

  std::vector<TemplateRule> rules();
  void replace_rules(const std::vector<TemplateRule>& rules);

 private:
  Connection& c_;
  int64_t sub_;
};

}  // namespace signet
