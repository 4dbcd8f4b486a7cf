// Dutch for the e-mails the server sends (server/mail).
#include "signet/phrases/phrases.h"

namespace signet::phrases {

static const Phrase kMail[] = {
    {"English", "English"},  // keeps the table non-empty; real entries follow
};

Table mail() { return {kMail, sizeof kMail / sizeof kMail[0]}; }

}  // namespace signet::phrases
