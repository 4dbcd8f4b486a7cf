// Each reseller's customer names, folded for search (lower case, no accents), in memory.
//
// Search as the user types is a substring test: "cafe" must find "Grand Café". No SQLite
// index can seek on a substring, and testing a reseller's rows one by one in SQL costs about
// a microsecond a row (8.6 ms a request at 10,000 rows). Here the names lie end to end in one
// string, and every three-byte sequence of a name (its trigrams) has a posting list: the
// names, in order, that contain it. A needle of three bytes or more is answered from the
// posting lists of its trigrams (their intersection, each survivor then checked for the whole
// needle), so the cost follows the matches, not the reseller's size; a one- or two-byte needle
// is one memmem pass over the string (it matches a large share of the names anyway).
//
// Customer names never change and subscriptions are never deleted, so a reseller's names only
// grow: before each search the index reads the rows with a higher id than the last it holds.
// A transaction that rolls back never showed its rows, and a reseller's ids are handed out
// one committed writer at a time (SQLite has one writer; on PostgreSQL each new subscription
// is written under its reseller's WriteScope), so no row can appear below the highest id
// already read.
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
    // Trigram (three bytes, packed) -> indexes into ids of the names holding it, ascending,
    // each name once.
    std::unordered_map<uint32_t, std::vector<uint32_t>> postings;

    void add(int64_t id, std::string_view name);
    size_t begin_of(size_t i) const { return i == 0 ? 0 : ends[i - 1] + 1; }
    std::vector<uint32_t> scan(std::string_view needle) const;
    std::vector<uint32_t> look_up(std::string_view needle) const;
  };
  Names& of(int64_t reseller_id);
  void catch_up(Connection& c, int64_t reseller_id, Names& names);

  std::mutex mutex_;  // guards by_reseller_ only; each Names has its own lock
  std::unordered_map<int64_t, std::unique_ptr<Names>> by_reseller_;
};

}  // namespace signet
