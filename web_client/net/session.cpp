#include "net/session.h"

#include "net/http.h"
#include "platform/tr.h"
#include "signet/i18n.h"
#include "signet/json_mapping.h"

namespace net {

const char* const kSessionEndedNote = signet::phrase("Your session ended. Please sign in again.");

signet::User adopt_session(const nlohmann::json& body, bool apply_language) {
  signet::User user;
  if (body.is_object() && body.contains("user"))
    if (auto u = signet::user_from_json(body["user"])) user = *u;
  if (body.is_object() && body.contains("csrf_token") && body["csrf_token"].is_string())
    set_csrf_token(body["csrf_token"].get<std::string>());
  if (apply_language)
    if (auto lang = signet::parse_language(user.language)) platform::set_ui_language(*lang);
  return user;
}

void drop_session() { set_csrf_token(""); }

std::string sign_in_refusal(const Response& r) {
  if (r.status == 401 || r.error_code == "invalid_credentials")
    return signet::phrase("The e-mail address or password is not correct.");
  if (r.status == 429) return signet::phrase("Too many attempts. Please wait a minute and try again.");
  return r.message_or(signet::phrase("Could not sign in."));
}

}  // namespace net
