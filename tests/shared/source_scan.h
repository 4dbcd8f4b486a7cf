// Native test helper: reads the project's C++ sources (SIGNET_SOURCE_DIR) so tests can check
// them for patterns (phrases without Dutch, English literals handed to widgets).
#pragma once
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <vector>

namespace source_scan {

struct SourceFile {
  std::string path, text;
};

// Every .cpp/.h under the given directories (relative to the source root), except the phrase
// tables themselves.
inline std::vector<SourceFile> sources(std::initializer_list<const char*> dirs) {
  namespace fs = std::filesystem;
  std::vector<SourceFile> out;
  for (const char* dir : dirs)
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(SIGNET_SOURCE_DIR) / dir)) {
      const auto ext = entry.path().extension();
      if (ext != ".cpp" && ext != ".h") continue;
      if (entry.path().parent_path().filename() == "phrases") continue;  // the tables themselves
      std::ifstream in(entry.path());
      std::stringstream ss;
      ss << in.rdbuf();
      out.push_back({entry.path().string(), ss.str()});
    }
  return out;
}

// The value of a C++ string literal's body (\" -> ", \n -> newline).
inline std::string unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      ++i;
      out += s[i] == 'n' ? '\n' : s[i];
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace source_scan
