#include "signet/signature.h"

#include "signet/i18n.h"
#include "signet/text.h"

namespace signet {

const std::string* field_of(const DirectoryUser& u, std::string_view name) {
  return field_of(const_cast<DirectoryUser&>(u), name);
}

std::string* field_of(DirectoryUser& u, std::string_view name) {
  if (name == "email") return &u.email;
  if (name == "display_name") return &u.display_name;
  if (name == "first_name") return &u.first_name;
  if (name == "last_name") return &u.last_name;
  if (name == "job_title") return &u.job_title;
  if (name == "department") return &u.department;
  if (name == "phone") return &u.phone;
  if (name == "mobile") return &u.mobile;
  if (name == "website") return &u.website;
  if (name == "address") return &u.address;
  return nullptr;
}

std::string_view to_string(BlockType t) {
  switch (t) {
    case BlockType::Text: return "text";
    case BlockType::Image: return "image";
    case BlockType::Social: return "social";
    case BlockType::Banner: return "banner";
    case BlockType::Divider: return "divider";
    case BlockType::Disclaimer: return "disclaimer";
  }
  return "text";
}

std::optional<BlockType> parse_block_type(std::string_view s) {
  for (auto t : {BlockType::Text, BlockType::Image, BlockType::Social, BlockType::Banner,
                 BlockType::Divider, BlockType::Disclaimer})
    if (to_string(t) == s) return t;
  return std::nullopt;
}

std::string_view social_network_label(std::string_view n) {
  if (n == "linkedin") return "LinkedIn";
  if (n == "x") return "X";
  if (n == "facebook") return "Facebook";
  if (n == "instagram") return "Instagram";
  if (n == "youtube") return "YouTube";
  return {};
}

std::string escape_html(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string style_attributes_as_data(std::string_view html) {
  static constexpr std::string_view kFrom = " style=\"", kTo = " data-signet-style=\"";
  std::string out;
  out.reserve(html.size() + html.size() / 8);
  size_t at = 0;
  for (size_t hit; (hit = html.find(kFrom, at)) != std::string_view::npos; at = hit + kFrom.size()) {
    out.append(html.substr(at, hit - at));
    out.append(kTo);
  }
  out.append(html.substr(at));
  return out;
}

std::vector<std::string> placeholders_in(std::string_view text) {
  std::vector<std::string> out;
  size_t pos = 0;
  while ((pos = text.find("{{", pos)) != std::string_view::npos) {
    const size_t end = text.find("}}", pos + 2);
    if (end == std::string_view::npos) break;
    out.push_back(trim(text.substr(pos + 2, end - pos - 2)));
    pos = end + 2;
  }
  return out;
}

bool is_known_placeholder(std::string_view name) {
  return name == "company" || field_of(DirectoryUser{}, name) != nullptr;
}

namespace {

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && ascii_lower(s.substr(0, prefix.size())) == prefix;
}

bool is_hex_color(std::string_view c) {
  if (c.size() != 7 || c[0] != '#') return false;
  for (size_t i = 1; i < 7; ++i)
    if (!std::isxdigit(static_cast<unsigned char>(c[i]))) return false;
  return true;
}

std::string css_font_stack(std::string_view family) {
  if (family == "Georgia" || family == "Times New Roman") return std::string(family) + ", Times, serif";
  if (family == "Courier New") return "'Courier New', Courier, monospace";
  if (family == "Trebuchet MS") return "'Trebuchet MS', Arial, sans-serif";
  return std::string(family) + ", Arial, Helvetica, sans-serif";
}

// Image sources: https, or http (allowed with a warning: many clients block it).
bool is_image_url(std::string_view url) {
  return (starts_with_ci(url, "https://") || starts_with_ci(url, "http://")) && url.size() > 8 &&
         url.find_first_of(" \"'<>\\\r\n\t") == std::string_view::npos;
}

}  // namespace

std::optional<std::string> safe_link(std::string_view url) {
  const std::string u = trim(url);
  if (u.empty() || u.find_first_of(" \"'<>\\\r\n\t") != std::string::npos) return std::nullopt;
  if (starts_with_ci(u, "https://") && u.size() > 8) return u;
  if (starts_with_ci(u, "mailto:") && u.size() > 7) return u;
  if (starts_with_ci(u, "tel:") && u.size() > 4) return u;
  return std::nullopt;
}

FieldErrors validate(const SignatureTemplate& t) {
  FieldErrors e;
  if (auto m = check_text_field(t.name, 1, 80, phrase("Template name"))) e.emplace("name", *m);
  bool font_ok = false;
  for (const char* f : kFontFamilies) font_ok = font_ok || t.style.font_family == f;
  if (!font_ok) e.emplace("style.font_family", phrase("Choose one of the e-mail-safe fonts."));
  if (t.style.font_size < 8 || t.style.font_size > 24)
    e.emplace("style.font_size", phrase("Font size must be from 8 to 24 pixels."));
  if (!is_hex_color(t.style.text_color)) e.emplace("style.text_color", fill(phrase("Use a colour like {example}."), {{"example", "#1f2937"}}));
  if (!is_hex_color(t.style.link_color)) e.emplace("style.link_color", fill(phrase("Use a colour like {example}."), {{"example", "#2563eb"}}));
  if (t.blocks.size() > kMaxBlocks)
    e.emplace("blocks", fill(phrase("A signature can have at most {max} blocks."), {{"max", std::to_string(kMaxBlocks)}}));

  for (size_t i = 0; i < t.blocks.size() && i < kMaxBlocks; ++i) {
    const Block& b = t.blocks[i];
    const std::string at = "blocks." + std::to_string(i) + ".";
    auto check_placeholders = [&](const std::string& field, const std::string& text) {
      for (const std::string& p : placeholders_in(text))
        if (!is_known_placeholder(p)) {
          e.emplace(at + field, fill(phrase("Unknown placeholder {placeholder}."), {{"placeholder", "{{" + p + "}}"}}));
          return;
        }
    };
    auto check_link = [&](const std::string& field, const std::string& url) {
      if (url.empty()) return;
      std::string probe = url;  // placeholders stand for values; check the scheme around them
      for (const std::string& p : placeholders_in(url)) {
        const size_t pos = probe.find("{{");
        probe.replace(pos, probe.find("}}", pos) + 2 - pos, "x");
        if (!is_known_placeholder(p)) e.emplace(at + field, fill(phrase("Unknown placeholder {placeholder}."), {{"placeholder", "{{" + p + "}}"}}));
      }
      if (!safe_link(probe)) e.emplace(at + field, phrase("Links must start with https://, mailto: or tel:."));
    };
    switch (b.type) {
      case BlockType::Text:
      case BlockType::Disclaimer:
        if (auto m = check_text_field(b.text, 1, 2000, phrase("Text"), true)) e.emplace(at + "text", *m);
        else check_placeholders("text", b.text);
        if (b.type == BlockType::Text) check_link("link", b.link);
        break;
      case BlockType::Image:
      case BlockType::Banner:
        if (!is_image_url(b.image_url))
          e.emplace(at + "image_url", phrase("Give the image's address, starting with https://."));
        if (b.width < 0 || b.width > 800) e.emplace(at + "width", phrase("Width must be from 0 to 800 pixels."));
        if (auto m = check_text_field(b.alt, 0, 200, phrase("Alt text"))) e.emplace(at + "alt", *m);
        check_link("link", b.link);
        break;
      case BlockType::Social:
        if (b.social.empty()) e.emplace(at + "social", phrase("Add at least one social link."));
        for (const SocialLink& s : b.social) {
          if (social_network_label(s.network).empty()) {
            e.emplace(at + "social", fill(phrase("Unknown network \"{network}\"."), {{"network", s.network}}));
            break;
          }
          if (!safe_link(s.url) || !starts_with_ci(s.url, "https://")) {
            e.emplace(at + "social", fill(phrase("{network} link must start with https://."), {{"network", std::string(social_network_label(s.network))}}));
            break;
          }
        }
        break;
      case BlockType::Divider:
        break;
    }
  }
  return e;
}

FieldErrors validate(const DirectoryUser& u) {
  FieldErrors e;
  if (auto m = check_email(u.email)) e.emplace("email", *m);
  for (const char* f : kDirectoryFields) {
    if (std::string_view(f) == "email") continue;
    if (auto m = check_text_field(*field_of(u, f), 0, 200, phrase("This field"))) e.emplace(f, *m);
  }
  if (!u.website.empty() && !safe_link(u.website))
    e.emplace("website", phrase("Website must start with https://."));
  if (auto m = check_phone(u.phone)) e.emplace("phone", *m);
  if (auto m = check_phone(u.mobile)) e.emplace("mobile", *m);
  return e;
}

namespace {

// Builds one signature; collects warnings as it goes.
class Renderer {
 public:
  Renderer(const SignatureTemplate& t, const PlaceholderValues& v) : t_(t), v_(v) {}

  RenderedSignature run() {
    const TemplateStyle& s = t_.style;
    out_.html = "<table cellpadding=\"0\" cellspacing=\"0\" border=\"0\" role=\"presentation\" style=\"border-collapse:collapse;font-family:" +
                escape_html(css_font_stack(s.font_family)) + ";font-size:" + std::to_string(s.font_size) +
                "px;line-height:1.4;color:" + s.text_color + ";\">";
    for (const Block& b : t_.blocks) {
      out_.html += "<tr><td style=\"padding:0 0 6px 0;\">";
      block(b);
      out_.html += "</td></tr>";
    }
    out_.html += "</table>";
    while (!out_.text.empty() && out_.text.back() == '\n') out_.text.pop_back();
    if (out_.html.size() > kGmailSignatureLimit)
      warn(signet::fill(phrase("The signature is {n} characters of HTML; Gmail accepts at most {max}."),
                        {{"n", std::to_string(out_.html.size())}, {"max", std::to_string(kGmailSignatureLimit)}}));
    return out_;
  }

 private:
  void warn(const std::string& w) {
    for (const auto& existing : out_.warnings)
      if (existing == w) return;
    out_.warnings.push_back(w);
  }

  // Placeholders replaced by raw values (escaping is the caller's job).
  std::string fill(const std::string& text) {
    std::string out;
    size_t pos = 0;
    while (true) {
      const size_t open = text.find("{{", pos);
      const size_t close = open == std::string::npos ? open : text.find("}}", open + 2);
      if (close == std::string::npos) {
        out += text.substr(pos);
        return out;
      }
      out += text.substr(pos, open - pos);
      const std::string name = trim(text.substr(open + 2, close - open - 2));
      std::string value;
      if (name == "company") value = v_.company;
      else if (const std::string* f = field_of(v_.user, name)) value = *f;
      else warn(signet::fill(phrase("Unknown placeholder {placeholder} left empty."), {{"placeholder", "{{" + name + "}}"}}));
      if (value.empty() && is_known_placeholder(name))
        warn(signet::fill(phrase("{placeholder} is empty for {who}."),
                          {{"placeholder", "{{" + name + "}}"}, {"who", v_.user.email.empty() ? phrase("this user") : v_.user.email}}));
      out += value;
      pos = close + 2;
    }
  }

  std::string link_color() const { return t_.style.link_color; }

  void open_link(const std::string& raw) {
    link_ = raw.empty() ? std::nullopt : safe_link(fill(raw));
    if (link_) out_.html += "<a href=\"" + escape_html(*link_) + "\" style=\"color:" + link_color() + ";text-decoration:none;\">";
  }
  void close_link() {
    if (link_) out_.html += "</a>";
    link_.reset();
  }

  void image(const Block& b, bool banner) {
    if (b.alt.empty()) warn(phrase("An image has no alt text; it shows nothing when images are blocked."));
    if (starts_with_ci(b.image_url, "http://"))
      warn(phrase("An image is loaded over http://; many e-mail clients block it. Use https://."));
    if (!is_image_url(b.image_url)) return;
    open_link(b.link);
    out_.html += "<img src=\"" + escape_html(b.image_url) + "\" alt=\"" + escape_html(fill(b.alt)) + "\"";
    const int width = b.width > 0 ? b.width : (banner ? 600 : 0);
    if (width > 0) out_.html += " width=\"" + std::to_string(width) + "\"";
    out_.html += " style=\"display:block;border:0;outline:none;" +
                 (width > 0 ? "max-width:" + std::to_string(width) + "px;" : std::string()) + "\">";
    close_link();
    const std::string alt = fill(b.alt);
    if (!alt.empty()) out_.text += alt + (link_text(b.link).empty() ? "" : " <" + link_text(b.link) + ">") + "\n";
  }

  std::string link_text(const std::string& raw) {
    if (raw.empty()) return {};
    auto safe = safe_link(fill(raw));
    return safe ? *safe : std::string();
  }

  void block(const Block& b) {
    switch (b.type) {
      case BlockType::Text: {
        std::string style;
        if (b.bold) style += "font-weight:bold;";
        if (b.italic) style += "font-style:italic;";
        const std::string value = fill(b.text);
        if (!style.empty()) out_.html += "<span style=\"" + style + "\">";
        open_link(b.link);
        out_.html += with_line_breaks(escape_html(value));
        close_link();
        if (!style.empty()) out_.html += "</span>";
        out_.text += value;
        if (const std::string l = link_text(b.link); !l.empty() && l.find(value) == std::string::npos)
          out_.text += " <" + l + ">";
        out_.text += "\n";
        break;
      }
      case BlockType::Image: image(b, false); break;
      case BlockType::Banner: image(b, true); break;
      case BlockType::Social: {
        bool first = true;
        for (const SocialLink& s : b.social) {
          auto url = safe_link(s.url);
          const std::string_view label = social_network_label(s.network);
          if (!url || label.empty()) continue;
          if (!first) out_.html += "&nbsp;&middot;&nbsp;";
          out_.html += "<a href=\"" + escape_html(*url) + "\" style=\"color:" + link_color() +
                       ";text-decoration:none;\">" + std::string(label) + "</a>";
          out_.text += std::string(label) + ": " + *url + "\n";
          first = false;
        }
        break;
      }
      case BlockType::Divider:
        out_.html += "<table cellpadding=\"0\" cellspacing=\"0\" border=\"0\" role=\"presentation\" width=\"100%\" style=\"border-collapse:collapse;\"><tr><td style=\"border-top:1px solid #d1d5db;font-size:1px;line-height:1px;\">&nbsp;</td></tr></table>";
        out_.text += "--\n";
        break;
      case BlockType::Disclaimer: {
        const std::string value = fill(b.text);
        out_.html += "<span style=\"font-size:10px;line-height:1.3;color:#6b7280;\">" +
                     with_line_breaks(escape_html(value)) + "</span>";
        out_.text += value + "\n";
        break;
      }
    }
  }

  static std::string with_line_breaks(const std::string& escaped) {
    std::string out;
    for (char c : escaped) {
      if (c == '\n') out += "<br>";
      else if (c != '\r') out += c;
    }
    return out;
  }

  const SignatureTemplate& t_;
  const PlaceholderValues& v_;
  RenderedSignature out_;
  std::optional<std::string> link_;
};

}  // namespace

RenderedSignature render_signature(const SignatureTemplate& t, const PlaceholderValues& values) {
  return Renderer(t, values).run();
}

}  // namespace signet
