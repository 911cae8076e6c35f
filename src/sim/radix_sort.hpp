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

/// Visits (key, value) pairs in the order of a stable sort by key, without writing them back:
/// `visit(key, value)` for each. Faster than sorting while the keys span less than 2^32: each
/// key's offset from the smallest goes with its value in one 64-bit word, half the bytes to move in
/// every pass, and the counts of every pass are taken in one sweep, as the words are packed.
/// `items` is read before the first visit and not after.
template <class Visit>
void for_each_by_key(const std::vector<std::pair<std::int64_t, std::uint32_t>>& items,
                     Visit&& visit) {
  const std::size_t n = items.size();
  if (n == 0) return;
  std::int64_t lo = items[0].first;
  std::int64_t hi = lo;
  for (const auto& item : items) {
    lo = std::min(lo, item.first);
    hi = std::max(hi, item.first);
  }
  const std::uint64_t spread = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
  if (spread > 0xffffffffU) {
    std::vector<std::pair<std::int64_t, std::uint32_t>> copy = items;
    std::vector<std::pair<std::int64_t, std::uint32_t>> scratch;
    radix_sort_by_key(copy, scratch);
    for (const auto& [key, value] : copy) visit(key, value);
    return;
  }
  constexpr unsigned kBits = 11;
  constexpr std::size_t kBuckets = std::size_t{1} << kBits;
  constexpr unsigned kMaxPasses = (32 + kBits - 1) / kBits;
  unsigned passes = 0;
  while (passes < kMaxPasses && (spread >> (passes * kBits)) != 0) ++passes;
  // Left uninitialised: every pass writes what the next reads (zeroing it first was a
  // twentieth of the sort).
  const auto words = std::make_unique_for_overwrite<std::uint64_t[]>(2 * n);
  std::uint64_t* from = words.get();
  std::uint64_t* to = words.get() + n;
  std::array<std::array<std::size_t, kBuckets>, kMaxPasses> start;
  for (unsigned p = 0; p < passes; ++p) start[p].fill(0);
  auto digit = [](std::uint64_t word, unsigned pass) {
    return static_cast<std::size_t>(word >> (32 + pass * kBits)) & (kBuckets - 1);
  };
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t offset =
        static_cast<std::uint64_t>(items[i].first) - static_cast<std::uint64_t>(lo);
    const std::uint64_t word = offset << 32 | items[i].second;
    from[i] = word;
    // The passes needed are known before the loop: these branches always go the same way.
    if (passes > 0) ++start[0][digit(word, 0)];
    if (passes > 1) ++start[1][digit(word, 1)];
    if (passes > 2) ++start[2][digit(word, 2)];
  }
  static_assert(kMaxPasses == 3, "the counting sweep above counts three passes at most");
  for (unsigned p = 0; p < passes; ++p) {
    std::size_t sum = 0;
    for (auto& c : start[p]) sum += std::exchange(c, sum);
    for (std::size_t i = 0; i < n; ++i) to[start[p][digit(from[i], p)]++] = from[i];
    std::swap(from, to);
  }
  for (std::size_t i = 0; i < n; ++i) {
    visit(static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + (from[i] >> 32)),
          static_cast<std::uint32_t>(from[i]));
  }
}

/// Sorts `items` by `.first`, keeping the order of equal keys (for_each_by_key(), written back).
inline void radix_sort_by_key(std::vector<std::pair<std::int64_t, std::uint32_t>>& items) {
  std::size_t k = 0;
  for_each_by_key(items, [&](std::int64_t key, std::uint32_t value) { items[k++] = {key, value}; });
}

}  // namespace mamar::sim::detail
