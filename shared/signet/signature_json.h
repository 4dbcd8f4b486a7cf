// JSON mapping of the signature types, strict like json_mapping.h: field errors, no throws.
#pragma once
#include <nlohmann/json.hpp>

#include "signet/json_mapping.h"
#include "signet/signature.h"

namespace signet {

// Directory users: every field is text; email is required, the rest optional.
Parsed<DirectoryUser> parse_directory_user(const nlohmann::json& j);
nlohmann::json to_json(const DirectoryUser& u);
std::optional<DirectoryUser> directory_user_from_json(const nlohmann::json& j);

// Templates: {name, version?, is_default?, style:{...}, blocks:[{type, ...}]}.
Parsed<SignatureTemplate> parse_template(const nlohmann::json& j);
nlohmann::json to_json(const SignatureTemplate& t);
std::optional<SignatureTemplate> template_from_json(const nlohmann::json& j);

nlohmann::json to_json(const RenderedSignature& r);

}  // namespace signet
