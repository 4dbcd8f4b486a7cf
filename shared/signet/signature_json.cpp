#include "signet/signature_json.h"

#include "signet/text.h"

namespace signet {

using nlohmann::json;

namespace {

// Copies a string member into `into`; records a type error instead of throwing.
void take_string(const json& j, const std::string& key, std::string& into, FieldErrors& errors,
                 const std::string& error_key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return;
  if (!it->is_string()) {
    errors.emplace(error_key, "Must be text.");
    return;
  }
  into = it->get<std::string>();
}

void take_int(const json& j, const std::string& key, int& into, FieldErrors& errors,
              const std::string& error_key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return;
  if (!it->is_number_integer() || it->get<long long>() < -1000000 || it->get<long long>() > 1000000) {
    errors.emplace(error_key, "Must be a whole number.");
    return;
  }
  into = static_cast<int>(it->get<long long>());
}

void take_bool(const json& j, const std::string& key, bool& into, FieldErrors& errors,
               const std::string& error_key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return;
  if (!it->is_boolean()) {
    errors.emplace(error_key, "Must be true or false.");
    return;
  }
  into = it->get<bool>();
}

Block parse_block(const json& j, const std::string& at, FieldErrors& errors) {
  Block b;
  if (!j.is_object()) {
    errors.emplace(at + "type", "Each block must be an object.");
    return b;
  }
  std::string type;
  take_string(j, "type", type, errors, at + "type");
  if (auto t = parse_block_type(type)) b.type = *t;
  else errors.emplace(at + "type", "Unknown block type \"" + type + "\".");
  take_string(j, "text", b.text, errors, at + "text");
  take_bool(j, "bold", b.bold, errors, at + "bold");
  take_bool(j, "italic", b.italic, errors, at + "italic");
  take_string(j, "link", b.link, errors, at + "link");
  take_string(j, "image_url", b.image_url, errors, at + "image_url");
  take_string(j, "alt", b.alt, errors, at + "alt");
  take_int(j, "width", b.width, errors, at + "width");
  b.link = trim(b.link);
  b.image_url = trim(b.image_url);
  if (auto it = j.find("social"); it != j.end() && !it->is_null()) {
    if (!it->is_array()) {
      errors.emplace(at + "social", "Must be a list of {network, url}.");
    } else {
      for (const json& s : *it) {
        SocialLink link;
        if (!s.is_object()) {
          errors.emplace(at + "social", "Must be a list of {network, url}.");
          break;
        }
        take_string(s, "network", link.network, errors, at + "social");
        take_string(s, "url", link.url, errors, at + "social");
        link.url = trim(link.url);
        b.social.push_back(std::move(link));
      }
    }
  }
  return b;
}

json block_json(const Block& b) {
  json j{{"type", to_string(b.type)}};
  switch (b.type) {
    case BlockType::Text:
      j["text"] = b.text;
      j["bold"] = b.bold;
      j["italic"] = b.italic;
      j["link"] = b.link;
      break;
    case BlockType::Image:
    case BlockType::Banner:
      j["image_url"] = b.image_url;
      j["alt"] = b.alt;
      j["width"] = b.width;
      j["link"] = b.link;
      break;
    case BlockType::Social: {
      json links = json::array();
      for (const SocialLink& s : b.social) links.push_back({{"network", s.network}, {"url", s.url}});
      j["social"] = std::move(links);
      break;
    }
    case BlockType::Divider: break;
    case BlockType::Disclaimer: j["text"] = b.text; break;
  }
  return j;
}

}  // namespace

Parsed<DirectoryUser> parse_directory_user(const json& j) {
  Parsed<DirectoryUser> out;
  if (!j.is_object()) {
    out.errors.emplace("body", "Expected a JSON object.");
    return out;
  }
  for (auto it = j.begin(); it != j.end(); ++it)
    if (it.key() != "id" && !field_of(DirectoryUser{}, it.key())) out.errors.emplace(it.key(), "Unknown field.");
  for (const char* f : kDirectoryFields) take_string(j, f, *field_of(out.value, f), out.errors, f);
  for (const char* f : kDirectoryFields) *field_of(out.value, f) = trim(*field_of(out.value, f));
  out.value.email = normalize_email(out.value.email);
  for (const auto& [field, message] : validate(out.value)) out.errors.emplace(field, message);
  return out;
}

json to_json(const DirectoryUser& u) {
  json j{{"id", u.id}};
  for (const char* f : kDirectoryFields) j[f] = *field_of(u, f);
  return j;
}

std::optional<DirectoryUser> directory_user_from_json(const json& j) {
  if (!j.is_object() || !j.contains("id") || !j["id"].is_number_integer()) return std::nullopt;
  DirectoryUser u;
  u.id = j["id"].get<int64_t>();
  for (const char* f : kDirectoryFields) {
    auto it = j.find(f);
    if (it == j.end() || !it->is_string()) return std::nullopt;
    *field_of(u, f) = it->get<std::string>();
  }
  return u;
}

Parsed<SignatureTemplate> parse_template(const json& j) {
  Parsed<SignatureTemplate> out;
  SignatureTemplate& t = out.value;
  if (!j.is_object()) {
    out.errors.emplace("body", "Expected a JSON object.");
    return out;
  }
  for (auto it = j.begin(); it != j.end(); ++it)
    if (it.key() != "id" && it.key() != "name" && it.key() != "version" && it.key() != "is_default" &&
        it.key() != "style" && it.key() != "blocks")
      out.errors.emplace(it.key(), "Unknown field.");
  take_string(j, "name", t.name, out.errors, "name");
  t.name = trim(t.name);
  int version = 0;
  take_int(j, "version", version, out.errors, "version");
  t.version = version;
  take_bool(j, "is_default", t.is_default, out.errors, "is_default");
  if (auto it = j.find("style"); it != j.end() && !it->is_null()) {
    if (!it->is_object()) {
      out.errors.emplace("style", "Must be an object.");
    } else {
      take_string(*it, "font_family", t.style.font_family, out.errors, "style.font_family");
      take_int(*it, "font_size", t.style.font_size, out.errors, "style.font_size");
      take_string(*it, "text_color", t.style.text_color, out.errors, "style.text_color");
      take_string(*it, "link_color", t.style.link_color, out.errors, "style.link_color");
      t.style.text_color = ascii_lower(t.style.text_color);
      t.style.link_color = ascii_lower(t.style.link_color);
    }
  }
  if (auto it = j.find("blocks"); it != j.end() && !it->is_null()) {
    if (!it->is_array()) {
      out.errors.emplace("blocks", "Must be a list of blocks.");
    } else {
      for (size_t i = 0; i < it->size() && i <= kMaxBlocks; ++i)
        t.blocks.push_back(parse_block((*it)[i], "blocks." + std::to_string(i) + ".", out.errors));
    }
  }
  for (const auto& [field, message] : validate(t)) out.errors.emplace(field, message);
  return out;
}

json to_json(const SignatureTemplate& t) {
  json blocks = json::array();
  for (const Block& b : t.blocks) blocks.push_back(block_json(b));
  return json{{"id", t.id},
              {"name", t.name},
              {"version", t.version},
              {"is_default", t.is_default},
              {"style",
               {{"font_family", t.style.font_family},
                {"font_size", t.style.font_size},
                {"text_color", t.style.text_color},
                {"link_color", t.style.link_color}}},
              {"blocks", std::move(blocks)}};
}

std::optional<SignatureTemplate> template_from_json(const json& j) {
  Parsed<SignatureTemplate> p = parse_template(j);
  if (!j.is_object() || !j.contains("id") || !j["id"].is_number_integer()) return std::nullopt;
  p.value.id = j["id"].get<int64_t>();
  if (j.contains("version") && j["version"].is_number_integer()) p.value.version = j["version"].get<int64_t>();
  return p.value;  // a stored template may be shown even if a rule has since tightened
}

json to_json(const RenderedSignature& r) {
  return json{{"html", r.html}, {"text", r.text}, {"warnings", r.warnings}};
}

}  // namespace signet
