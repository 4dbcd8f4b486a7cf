// The Dutch phrase tables. Each area of the product keeps its own table so that work on
// one screen never collides with another; translate() searches them all.
#pragma once
#include <cstddef>
#include <string_view>

namespace signet::phrases {

struct Phrase {
  std::string_view en;
  std::string_view nl;
};

struct Table {
  const Phrase* items;
  size_t size;
};

Table common();    // shared words, validation messages, statuses
Table portal();    // the reseller portal
Table accounts();  // the portal's forgot-password, profile, team and bulk-action screens
Table customer();  // the customer entry point (accept, reset, editor)
Table mail();      // e-mails sent by the server
Table api();       // messages of the HTTP API that the apps show

}  // namespace signet::phrases
