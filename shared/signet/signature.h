// Signatures: directory users, templates made of blocks, and the one renderer that both
// the browser preview and the server's deployment artefacts use.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "signet/validation.h"

namespace signet {

// A person in the customer's directory; one signature each.
struct DirectoryUser {
  int64_t id = 0;
  std::string email;
  std::string display_name;
  std::string first_name;
  std::string last_name;
  std::string job_title;
  std::string department;
  std::string phone;
  std::string mobile;
  std::string website;
  std::string address;
};

// The field names, in CSV/JSON/placeholder spelling, in display order.
constexpr const char* kDirectoryFields[] = {"email", "display_name", "first_name", "last_name",
                                            "job_title", "department", "phone", "mobile",
                                            "website", "address"};
const std::string* field_of(const DirectoryUser& u, std::string_view name);
std::string* field_of(DirectoryUser& u, std::string_view name);

enum class BlockType { Text, Image, Social, Banner, Divider, Disclaimer };
std::string_view to_string(BlockType t);
std::optional<BlockType> parse_block_type(std::string_view s);

struct SocialLink {
  std::string network;  // linkedin, x, facebook, instagram, youtube
  std::string url;
};
constexpr const char* kSocialNetworks[] = {"linkedin", "x", "facebook", "instagram", "youtube"};
std::string_view social_network_label(std::string_view network);  // "LinkedIn"

struct Block {
  BlockType type = BlockType::Text;
  std::string text;       // Text, Disclaimer: may hold {{placeholders}}
  bool bold = false;      // Text
  bool italic = false;    // Text
  std::string link;       // Text, Image, Banner: optional https:/mailto:/tel: URL
  std::string image_url;  // Image, Banner
  std::string alt;        // Image, Banner
  int width = 0;          // Image, Banner: pixels, 0 = natural size
  std::vector<SocialLink> social;  // Social
};

// E-mail-safe font families (with their CSS fallback stacks).
constexpr const char* kFontFamilies[] = {"Arial", "Helvetica", "Verdana", "Tahoma",
                                         "Trebuchet MS", "Georgia", "Times New Roman", "Courier New"};

struct TemplateStyle {
  std::string font_family = "Arial";
  int font_size = 13;  // px, 8..24
  std::string text_color = "#1f2937";
  std::string link_color = "#2563eb";
};

struct SignatureTemplate {
  int64_t id = 0;
  std::string name;
  int64_t version = 0;  // bumped by every save; a stale version is a conflict
  bool is_default = false;
  TemplateStyle style;
  std::vector<Block> blocks;
};

struct RenderedSignature {
  std::string html;
  std::string text;
  std::vector<std::string> warnings;
};

constexpr size_t kGmailSignatureLimit = 10000;
constexpr size_t kExchangeDisclaimerLimit = 5000;
constexpr size_t kMaxBlocks = 30;

// Every {{name}} in `text`, in order (names trimmed). Malformed braces are not placeholders.
std::vector<std::string> placeholders_in(std::string_view text);
bool is_known_placeholder(std::string_view name);  // directory fields and "company"

// Field errors keyed like "name", "style.text_color", "blocks.2.image_url".
FieldErrors validate(const SignatureTemplate& t);
FieldErrors validate(const DirectoryUser& u);

// The URL when it may appear in a signature link (https:, mailto:, tel:), else nullopt.
std::optional<std::string> safe_link(std::string_view url);

// Values for the placeholders: a directory user plus the customer's company name.
struct PlaceholderValues {
  const DirectoryUser& user;
  std::string company;
};

RenderedSignature render_signature(const SignatureTemplate& t, const PlaceholderValues& values);

std::string escape_html(std::string_view s);

// The rendered HTML with each style="…" attribute renamed data-signet-style="…", so that a page
// whose Content-Security-Policy forbids inline styles can show it in a frame without violations
// and apply the styles through the CSSOM (the customer editor's preview). Because the renderer
// escapes every quote in text and attribute values, ` style="` can only be an attribute there.
std::string style_attributes_as_data(std::string_view rendered_html);

}  // namespace signet
