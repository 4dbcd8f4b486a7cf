// Dutch for the customer entry point (web_client/customer): accept, sign-in, reset, editor.
#include "signet/phrases/phrases.h"

namespace signet::phrases {

static const Phrase kCustomer[] = {
    {"English", "English"},  // keeps the table non-empty; real entries follow
};

Table customer() { return {kCustomer, sizeof kCustomer / sizeof kCustomer[0]}; }

}  // namespace signet::phrases
