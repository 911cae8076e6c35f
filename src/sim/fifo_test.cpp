#include "fifo.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <vector>

#include "mamar/sim/random.hpp"

namespace mamar::sim::detail {
namespace {

std::vector<int> contents(const Fifo<int>& f) {
  return {f.begin(), f.end()};
}

// Random pushes, pops and erasures, against std::deque doing the same: the same items in the
// same order after every step, through lines that empty and lines that never do (which the
// vector gives back its front to).
TEST(Fifo, BehavesAsADeque) {
  RandomStream rng(5, 0, "fifo");
  for (const std::uint64_t push_weight : {1u, 2u, 3u}) {
    Fifo<int> fifo;
    std::deque<int> reference;
    int next = 0;
    for (int step = 0; step < 20'000; ++step) {
      const std::uint64_t what = rng.uniform_index(push_weight + 2);
      if (what < push_weight || reference.empty()) {
        fifo.push_back(next);
        reference.push_back(next);
        ++next;
      } else if (what == push_weight) {
        ASSERT_EQ(fifo.front(), reference.front());
        fifo.pop_front();
        reference.pop_front();
      } else {
        const auto at = static_cast<std::ptrdiff_t>(rng.uniform_index(reference.size()));
        const auto it = fifo.erase(fifo.begin() + at);
        const auto ref = reference.erase(reference.begin() + at);
        ASSERT_EQ(it == fifo.end(), ref == reference.end());
        if (ref != reference.end()) {
          ASSERT_EQ(*it, *ref);
        }
      }
      ASSERT_EQ(fifo.size(), reference.size());
      ASSERT_EQ(fifo.empty(), reference.empty());
      ASSERT_EQ(contents(fifo), std::vector<int>(reference.begin(), reference.end()));
    }
  }
}

TEST(Fifo, ErasingWhileWalking) {
  Fifo<int> fifo;
  for (int i = 0; i < 10; ++i) fifo.push_back(i);
  fifo.pop_front();
  for (auto it = fifo.begin(); it != fifo.end();) it = *it % 3 == 0 ? fifo.erase(it) : it + 1;
  EXPECT_EQ(contents(fifo), (std::vector<int>{1, 2, 4, 5, 7, 8}));
  while (!fifo.empty()) fifo.erase(fifo.begin());
  EXPECT_EQ(fifo.begin(), fifo.end());
  fifo.push_back(42);
  EXPECT_EQ(fifo.front(), 42);
}

}  // namespace
}  // namespace mamar::sim::detail
