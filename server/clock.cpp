#include "clock.h"

#include <chrono>
#include <cstdio>

#include "signet/dates.h"

namespace signet {

Clock system_clock() {
  return [] {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
}

std::string format_timestamp(int64_t t) {
  const Date d = date_from_unix(t);
  int64_t secs = t % 86400;
  if (secs < 0) secs += 86400;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", d.year, d.month, d.day,
                static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                static_cast<int>(secs % 60));
  return buf;
}

}  // namespace signet
