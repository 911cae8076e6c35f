// Command-line helpers shared by the benchmark drivers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mamar::bench {

/// Reads a whole unsigned decimal number; false for anything else (a sign, trailing text,
/// overflow).
inline bool parse_u64(const char* text, std::uint64_t& out) {
  try {
    std::size_t used = 0;
    out = std::stoull(text, &used);
    return used == std::string_view(text).size() && text[0] != '-';
  } catch (...) {
    return false;
  }
}

}  // namespace mamar::bench
