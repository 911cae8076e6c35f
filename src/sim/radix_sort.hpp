// Stable sort of (key, value) pairs by key, least significant digit first, 11 bits a pass, only as
// many passes as the spread of the keys needs. Used to order households by arrival time: random
// times defeat a comparison sort's branch prediction (it was a seventh of a replication), and a
// few linear passes do not care.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace mamar::sim::detail {

/// Sorts `items` by `.first`, keeping the order of equal keys. `scratch` is reused storage.
template <class Value>
void radix_sort_by_key(std::vector<std::pair<std::int64_t, Value>>& items,
                       std::vector<std::pair<std::int64_t, Value>>& scratch) {
  const std::size_t n = items.size();
  if (n < 2) return;
  std::int64_t lo = items[0].first;
  std::int64_t hi = lo;
  for (const auto& item : items) {
    lo = std::min(lo, item.first);
    hi = std::max(hi, item.first);
  }
  // Keys as offsets from the smallest; the spread fits 64 unsigned bits even from INT64_MIN.
  const std::uint64_t spread = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
  constexpr unsigned kBits = 11;
  constexpr std::size_t kBuckets = std::size_t{1} << kBits;
  scratch.resize(n);
  auto offset = [lo](std::int64_t key) {
    return static_cast<std::uint64_t>(key) - static_cast<std::uint64_t>(lo);
  };
  for (unsigned shift = 0; shift < 64 && (spread >> shift) != 0; shift += kBits) {
    std::array<std::size_t, kBuckets> start{};
    for (const auto& item : items) ++start[(offset(item.first) >> shift) & (kBuckets - 1)];
    std::size_t sum = 0;
    for (auto& s : start) sum += std::exchange(s, sum);
    for (const auto& item : items)
      scratch[start[(offset(item.first) >> shift) & (kBuckets - 1)]++] = item;
    items.swap(scratch);
  }
}

}  // namespace mamar::sim::detail
