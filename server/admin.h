// `signet-server admin ...`: operator commands that work on the database file directly.
#pragma once
#include <string>
#include <vector>

namespace signet {

// Returns the process exit code; prints what happened (or why not) for the operator.
int run_admin(const std::vector<std::string>& args);

// Opens the database, creating its folder when missing.
void ensure_parent_directory(const std::string& file);

}  // namespace signet
