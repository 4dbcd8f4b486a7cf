// Dutch for the portal's account screens: forgot password, profile, password change, team, bulk actions.
#include "signet/phrases/phrases.h"

namespace signet::phrases {

static const Phrase kAccounts[] = {
    {"English", "English"},  // keeps the table non-empty; real entries follow
};

Table accounts() { return {kAccounts, sizeof kAccounts / sizeof kAccounts[0]}; }

}  // namespace signet::phrases
