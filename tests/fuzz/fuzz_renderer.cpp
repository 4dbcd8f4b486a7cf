// libFuzzer target: the bytes split into template text, link and user values, rendered.
// Besides not crashing, the output must never contain markup the input smuggled in.
#include <cstddef>
#include <cstdint>
#include <cctype>
#include <cstdlib>
#include <string>

#include "signet/deployment.h"
#include "signet/signature.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  // Fields separated by \x1f (unit separator).
  std::string parts[6];
  size_t part = 0;
  for (char c : text) {
    if (c == '\x1f' && part < 5) ++part;
    else parts[part] += c;
  }
  signet::SignatureTemplate t;
  signet::Block b;
  b.text = parts[0];
  b.link = parts[1];
  signet::Block img;
  img.type = signet::BlockType::Image;
  img.image_url = parts[2];
  img.alt = parts[3];
  img.link = parts[1];
  t.blocks = {b, img};
  signet::DirectoryUser u;
  u.display_name = parts[4];
  u.job_title = parts[5];
  u.website = parts[1];
  signet::validate(t);
  const signet::RenderedSignature r = signet::render_signature(t, {u, parts[5]});
  // Text may mention anything (escaped); what must never appear is live markup or a
  // script URL in an attribute.
  std::string lower = r.html;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.find("<script") != std::string::npos || lower.find("=\"javascript:") != std::string::npos ||
      lower.find("=\"data:") != std::string::npos || lower.find("=\"vbscript:") != std::string::npos)
    std::abort();
  signet::powershell_quote(parts[4]);
  signet::exchange_transport_rule(t, parts[5]);
  return 0;
}
