#include "radix_sort.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "mamar/sim/random.hpp"

namespace mamar::sim::detail {
namespace {

using Items = std::vector<std::pair<std::int64_t, std::uint32_t>>;

// The reference: a stable comparison sort by key.
Items reference(Items items) {
  std::stable_sort(items.begin(), items.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  return items;
}

Items sorted(Items items) {
  Items scratch;
  radix_sort_by_key(items, scratch);
  return items;
}

// The 32-bit-value version, packed into words while the keys span less than 2^32.
Items sorted_packed(Items items) {
  radix_sort_by_key(items);
  return items;
}

TEST(RadixSort, MatchesAStableSortOnRandomKeysWithTies) {
  RandomStream rng(3, 0, "radix");
  for (std::uint64_t spread :
       {1ULL, 7ULL, 2047ULL, 2048ULL, 1ULL << 30, (1ULL << 32) - 1, 1ULL << 32, 1ULL << 40}) {
    Items items;
    for (std::uint32_t i = 0; i < 5000; ++i) {
      // Many equal keys when the spread is small: their order must be kept.
      const auto key = static_cast<std::int64_t>(rng.uniform_index(spread)) - 1000;
      items.emplace_back(key, i);
    }
    const Items expected = reference(items);
    EXPECT_EQ(sorted(items), expected) << "spread " << spread;
    EXPECT_EQ(sorted_packed(items), expected) << "spread " << spread;
  }
}

TEST(RadixSort, HandlesTheExtremesOfTheKeyRange) {
  constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  const Items items = {{kMax, 0}, {0, 1}, {kMin, 2}, {-1, 3}, {kMax, 4}, {kMin, 5}, {1, 6}};
  EXPECT_EQ(sorted(items), reference(items));
  EXPECT_EQ(sorted_packed(items), reference(items));
  // Near the ends of the range, a span that fits 32 bits: packed.
  const Items high = {{kMax, 7}, {kMax - 5, 8}, {kMax - 0xffffffffLL, 9}, {kMax - 5, 10}};
  EXPECT_EQ(sorted_packed(high), reference(high));
  const Items low = {{kMin + 3, 7}, {kMin, 8}, {kMin + 0xffffffffLL, 0xffffffffU}, {kMin + 3, 0}};
  EXPECT_EQ(sorted_packed(low), reference(low));
}

TEST(RadixSort, EmptyOneAndAllEqual) {
  EXPECT_EQ(sorted({}), Items{});
  EXPECT_EQ(sorted({{5, 0}}), (Items{{5, 0}}));
  const Items same = {{9, 3}, {9, 1}, {9, 2}};
  EXPECT_EQ(sorted(same), same);
  EXPECT_EQ(sorted_packed({}), Items{});
  EXPECT_EQ(sorted_packed({{5, 0}}), (Items{{5, 0}}));
  EXPECT_EQ(sorted_packed(same), same);
}

}  // namespace
}  // namespace mamar::sim::detail
