// What both apps do with a session: a reply that signs someone in (POST or GET /api/session, an
// accepted invitation, a new account) gives the user, the CSRF token every state-changing call
// must carry, and the language saved for that person; a session that ends takes the token away
// and leaves a note for the sign-in screen.
#pragma once
#include <nlohmann/json.hpp>

#include "net/http.h"
#include "signet/model.h"

namespace net {

// Takes {user, csrf_token}. The user's saved language becomes the UI language unless
// `apply_language` is false (a screen that just chose one, such as the accept screen).
signet::User adopt_session(const nlohmann::json& body, bool apply_language = true);
// Signed out, or the session ended underneath (a 401): no token is sent any more.
void drop_session();
// The note both sign-in screens show after the session ended underneath (an English phrase).
extern const char* const kSessionEndedNote;
// Why a sign-in (POST /api/session) was refused, for the sign-in screens: the same words for an
// unknown address and a wrong password (the server does not say which), the wait after too many
// attempts, else the server's message. An English phrase or the server's message.
std::string sign_in_refusal(const Response& r);

}  // namespace net
