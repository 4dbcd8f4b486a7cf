#include "http/client_address.h"

#include <arpa/inet.h>

#include <cstring>
#include <optional>

namespace signet {

namespace {

using Bytes = std::array<uint8_t, 16>;
constexpr uint8_t kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

std::string trim_spaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

// An address as 16 bytes (IPv4 mapped into IPv6), or nullopt when it is not one.
std::optional<Bytes> parse_address(std::string_view text) {
  const std::string s(text);
  if (s.empty() || s.size() > INET6_ADDRSTRLEN) return std::nullopt;
  Bytes b{};
  in_addr v4;
  if (inet_pton(AF_INET, s.c_str(), &v4) == 1) {
    std::memcpy(b.data(), kMappedPrefix, 12);
    std::memcpy(b.data() + 12, &v4, 4);
    return b;
  }
  if (inet_pton(AF_INET6, s.c_str(), b.data()) == 1) return b;
  return std::nullopt;
}

bool is_mapped_v4(const Bytes& b) { return std::memcmp(b.data(), kMappedPrefix, 12) == 0; }

std::string to_text(const Bytes& b) {
  char buf[INET6_ADDRSTRLEN];
  if (is_mapped_v4(b)) return inet_ntop(AF_INET, b.data() + 12, buf, sizeof buf);
  return inet_ntop(AF_INET6, b.data(), buf, sizeof buf);
}

bool in_range(const Bytes& address, const Bytes& range, int prefix_bits) {
  const int whole = prefix_bits / 8, rest = prefix_bits % 8;
  if (std::memcmp(address.data(), range.data(), static_cast<size_t>(whole)) != 0) return false;
  if (rest == 0) return true;
  const uint8_t mask = static_cast<uint8_t>(0xff << (8 - rest));
  return (address[whole] & mask) == (range[whole] & mask);
}

}  // namespace

bool TrustedProxies::add(std::string_view cidr) {
  const size_t slash = cidr.find('/');
  const auto address = parse_address(cidr.substr(0, slash));
  if (!address) return false;
  const bool v4 = cidr.substr(0, slash).find(':') == std::string_view::npos;
  const int max_bits = v4 ? 32 : 128;
  int bits = max_bits;
  if (slash != std::string_view::npos) {
    const std::string_view digits = cidr.substr(slash + 1);
    if (digits.empty() || digits.size() > 3 || digits.find_first_not_of("0123456789") != std::string_view::npos)
      return false;
    bits = std::stoi(std::string(digits));
    if (bits > max_bits) return false;
  }
  ranges_.push_back({*address, v4 ? 96 + bits : bits});
  return true;
}

bool TrustedProxies::trusts(std::string_view address) const {
  const auto b = parse_address(address);
  if (!b) return false;
  for (const Range& r : ranges_)
    if (in_range(*b, r.bytes, r.prefix_bits)) return true;
  return false;
}

std::string TrustedProxies::client_of(const std::string& peer, const std::vector<std::string>& forwarded_for) const {
  const auto peer_bytes = parse_address(peer);
  if (!peer_bytes) return peer;
  std::string client = to_text(*peer_bytes);
  if (!trusts(client)) return client;
  // The entries right to left: each was appended by the hop to its right, which is trusted.
  std::vector<std::string_view> entries;
  for (const std::string& line : forwarded_for) {
    size_t start = 0;
    while (start <= line.size()) {
      const size_t comma = std::min(line.find(',', start), line.size());
      entries.emplace_back(line.data() + start, comma - start);
      start = comma + 1;
    }
  }
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    const auto hop = parse_address(trim_spaces(*it));
    if (!hop) break;  // a trusted proxy does not write that: stop at the last hop that makes sense
    client = to_text(*hop);
    if (!trusts(client)) break;
  }
  return client;
}

}  // namespace signet
