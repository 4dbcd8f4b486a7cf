#include "options.h"

namespace signet {

std::string parse_flags(const std::vector<std::string>& args,
                        const std::vector<std::pair<std::string, std::string*>>& known) {
  for (size_t i = 0; i < args.size(); ++i) {
    std::string name = args[i], value;
    const size_t eq = name.find('=');
    if (eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return "missing value for " + name;
    }
    std::string* target = nullptr;
    for (const auto& [flag, into] : known)
      if (flag == name) target = into;
    if (!target) return "unknown option " + name;
    *target = value;
  }
  return "";
}

std::string parse_server_options(const std::vector<std::string>& args, ServerOptions& out) {
  std::string port = std::to_string(out.port);
  std::string retry = std::to_string(out.mail_retry_seconds);
  std::string error = parse_flags(args, {{"--db", &out.db},
                                         {"--port", &port},
                                         {"--host", &out.host},
                                         {"--base-url", &out.base_url},
                                         {"--smtp-url", &out.smtp_url},
                                         {"--mail-from", &out.mail_from},
                                         {"--web-dir", &out.web_dir},
                                         {"--outbox-dir", &out.outbox_dir},
                                         {"--mail-retry-seconds", &retry}});
  if (!error.empty()) return error;
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(port) > 65535)
    return "--port must be a number from 0 to 65535";
  out.port = std::stoi(port);
  if (retry.empty() || retry.size() > 5 || retry.find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(retry) < 1)
    return "--mail-retry-seconds must be a whole number of seconds, at least 1";
  out.mail_retry_seconds = std::stoi(retry);
  if (out.db.empty()) return "--db must name a file";
  if (!out.base_url.empty() && out.base_url.rfind("http://", 0) != 0 &&
      out.base_url.rfind("https://", 0) != 0)
    return "--base-url must start with http:// or https://";
  while (!out.base_url.empty() && out.base_url.back() == '/') out.base_url.pop_back();
  return "";
}

}  // namespace signet
