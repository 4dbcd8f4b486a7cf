// libFuzzer target: any bytes as a request body through parsing, the strict mappings and
// validation. Must never crash, hang or trip a sanitizer; every outcome is a value.
#include <cstddef>
#include <cstdint>
#include <string>

#include "signet/json_mapping.h"
#include "signet/signature_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return 0;
  signet::parse_new_subscription(j);
  signet::parse_subscription_patch(j);
  signet::parse_credentials(j);
  signet::parse_reseller_signup(j);
  signet::parse_accept_invitation(j);
  signet::parse_directory_user(j);
  if (auto t = signet::parse_template(j); t.ok()) signet::to_json(t.value).dump();
  signet::subscription_from_json(j);
  signet::user_from_json(j);
  return 0;
}
