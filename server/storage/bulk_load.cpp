#include "storage/bulk_load.h"

namespace signet {

void tune_for_bulk_load(Connection& c) {
  // 1 GiB: a million rows and their indexes stay in memory until the one commit, so each
  // index page is written once rather than after every batch (docs/performance.md).
  if (c.engine() == Engine::Postgres) {
    c.execute("SET synchronous_commit = off");
    return;
  }
  c.execute("PRAGMA cache_size=-1048576");
  c.execute("PRAGMA synchronous=OFF");
}

}  // namespace signet
