// Each reseller's customer names, folded for search (lower case, no accents), in memory.
//
// Search as the user types is a substring test: "cafe" must find "Grand Café". No SQLite
// index can seek on a substring, and testing a reseller's rows one by one in SQL costs about
// a microsecond a row (8.6 ms a request at 10,000 rows). Here the names lie end to end in one
// string and a search is one memmem pass over it: tens of microseconds for 10,000 names.
//
// Customer names never change and subscriptions are never deleted, so a reseller's names only
// grow: before each search the index reads the rows with a higher id than the last it holds.
// A transaction that rolls back never showed its rows, and ids are handed out one committed
// writer at a time, so no row can appear below the highest id already read.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace signet {

class Connection;

class CustomerNames {
 public:
  struct Matches {
    std::vector<int64_t> ids;  // ascending
    size_t of = 0;             // names the reseller has in all
  };
  // The reseller's subscriptions whose folded name contains `needle` (folded the same way).
  Matches matching(Connection& c, int64_t reseller_id, std::string_view needle);

 private:
  struct Names {
    std::shared_mutex lock;
    std::vector<int64_t> ids;   // ascending
    std::vector<size_t> ends;   // ends[i]: offset of the '\n' after name i in text
    std::string text;           // "name\nname\n..."; a folded name holds no '\n'
  };
  Names& of(int64_t reseller_id);
  void catch_up(Connection& c, int64_t reseller_id, Names& names);

  std::mutex mutex_;  // guards by_reseller_ only; each Names has its own lock
  std::unordered_map<int64_t, std::unique_ptr<Names>> by_reseller_;
};

}  // namespace signet
