#include "storage/bulk_load.h"

namespace signet {

void tune_for_bulk_load(Connection& c) {
  // 1 GiB: a million rows and their indexes stay in memory until the one commit, so each
  // index page is written once rather than after every batch (docs/performance.md).
  c.db().exec("PRAGMA cache_size=-1048576");
  c.db().exec("PRAGMA synchronous=OFF");
}

}  // namespace signet
