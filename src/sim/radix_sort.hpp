// Stable sort of (key, value) pairs by key, least significant digit first, 11 bits a pass, only as
// many passes as the spread of the keys needs. Used to order households by arrival time: random
// times defeat a comparison sort's branch prediction (it was a seventh of a replication), and a
// few linear passes do not care.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
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

/// The same for 32-bit values, faster while the keys span less than 2^32: each key's offset from
/// the smallest goes with its value in one 64-bit word, half the bytes to move in every pass.
inline void radix_sort_by_key(std::vector<std::pair<std::int64_t, std::uint32_t>>& items) {
  const std::size_t n = items.size();
  if (n < 2) return;
  std::int64_t lo = items[0].first;
  std::int64_t hi = lo;
  for (const auto& item : items) {
    lo = std::min(lo, item.first);
    hi = std::max(hi, item.first);
  }
  const std::uint64_t spread = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
  if (spread > 0xffffffffU) {
    std::vector<std::pair<std::int64_t, std::uint32_t>> scratch;
    radix_sort_by_key(items, scratch);
    return;
  }
  constexpr unsigned kBits = 11;
  constexpr std::size_t kBuckets = std::size_t{1} << kBits;
  // Left uninitialised: every pass writes what the next reads (zeroing it first was a
  // twentieth of the sort).
  const auto words = std::make_unique_for_overwrite<std::uint64_t[]>(2 * n);
  std::uint64_t* from = words.get();
  std::uint64_t* to = words.get() + n;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t offset =
        static_cast<std::uint64_t>(items[i].first) - static_cast<std::uint64_t>(lo);
    from[i] = offset << 32 | items[i].second;
  }
  for (unsigned shift = 0; shift < 32 && (spread >> shift) != 0; shift += kBits) {
    std::array<std::size_t, kBuckets> start{};
    for (std::size_t i = 0; i < n; ++i) ++start[(from[i] >> (32 + shift)) & (kBuckets - 1)];
    std::size_t sum = 0;
    for (auto& c : start) sum += std::exchange(c, sum);
    for (std::size_t i = 0; i < n; ++i)
      to[start[(from[i] >> (32 + shift)) & (kBuckets - 1)]++] = from[i];
    std::swap(from, to);
  }
  for (std::size_t i = 0; i < n; ++i) {
    items[i] = {static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + (from[i] >> 32)),
                static_cast<std::uint32_t>(from[i])};
  }
}

}  // namespace mamar::sim::detail
