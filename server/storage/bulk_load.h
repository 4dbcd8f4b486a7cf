// Settings for a one-off bulk load (admin seed-demo).
#pragma once
#include "storage/connection_pool.h"

namespace signet {

// For a bulk load into a database nobody else uses yet: a large page cache and no fsync.
// A crash mid-load leaves a file to delete, never one a server trusted.
void tune_for_bulk_load(Connection& c);

}  // namespace signet
