// Wall-clock time in whole seconds (UTC). Services take a Clock so tests can move time.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

namespace signet {

using Clock = std::function<int64_t()>;  // Unix seconds

Clock system_clock();
// "2026-11-26T19:05:00Z"
std::string format_timestamp(int64_t unix_seconds);

}  // namespace signet
