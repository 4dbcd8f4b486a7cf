// Who sent a request. Behind a TLS-terminating proxy every connection comes from the proxy,
// and per-address limits would become one limit for everyone; the proxy names the client in
// X-Forwarded-For. That header is believed only when the connection comes from a proxy the
// operator named (--trusted-proxy CIDR), and only as far as trusted proxies wrote it.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace signet {

class TrustedProxies {
 public:
  // "10.0.0.0/8", "fd00::/8" or one address; false when it is not that.
  bool add(std::string_view cidr);
  bool empty() const { return ranges_.empty(); }
  bool trusts(std::string_view address) const;

  // The client's address: `peer` (the connection's address) unless the peer is trusted; then
  // the right-most X-Forwarded-For entry that is not a trusted proxy (the header lines in
  // order, each a comma-separated list). Canonical text (inet_ntop), IPv4 unwrapped from
  // IPv4-mapped IPv6.
  std::string client_of(const std::string& peer, const std::vector<std::string>& forwarded_for) const;

 private:
  struct Range {
    std::array<uint8_t, 16> bytes;  // IPv4 as IPv4-mapped IPv6
    int prefix_bits;                // of the 128
  };
  std::vector<Range> ranges_;
};

}  // namespace signet
