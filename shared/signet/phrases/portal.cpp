// Dutch for the reseller portal (web_client/portal).
#include "signet/phrases/phrases.h"

namespace signet::phrases {

static const Phrase kPortal[] = {
    {"English", "English"},  // keeps the table non-empty; real entries follow
};

Table portal() { return {kPortal, sizeof kPortal / sizeof kPortal[0]}; }

}  // namespace signet::phrases
