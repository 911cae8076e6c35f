// For the model's tests: a file of mamar's source tree (a shipped scenario), as text.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace mamar::model::test_files {

inline std::string read_source_file(const std::string& relative) {
  std::ifstream in(std::filesystem::path(MAMAR_SOURCE_DIR) / relative);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace mamar::model::test_files
