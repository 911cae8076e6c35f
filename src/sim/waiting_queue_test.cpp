#include "waiting_queue.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <deque>

#include "mamar/sim/random.hpp"

namespace mamar::sim::detail {
namespace {

using Entry = WaitingQueue::Entry;

// The behaviour the queue must have, written the slow obvious way.
struct Naive {
  std::deque<Entry> items;
  std::ptrdiff_t find_fit(std::int32_t seats, std::int32_t stretchers) const {
    for (std::size_t i = 0; i < items.size() && i < WaitingQueue::kLookahead; ++i) {
      if (items[i].seats <= seats && items[i].stretchers <= stretchers)
        return static_cast<std::ptrdiff_t>(i);
    }
    return -1;
  }
  bool stretcher_in_window() const {
    for (std::size_t i = 0; i < items.size() && i < WaitingQueue::kLookahead; ++i) {
      if (items[i].stretchers > 0) return true;
    }
    return false;
  }
};

// Random pushes at both ends, removals inside the window and queries of every shape: the caches
// must never give an answer a full scan would not.
TEST(WaitingQueue, AgreesWithAFullScanUnderRandomUse) {
  RandomStream rng(11, 0, "waiting-queue");
  WaitingQueue q;
  Naive naive;
  std::uint32_t next = 0;
  for (int step = 0; step < 200'000; ++step) {
    // The queue's length drifts around a target that changes every 10,000 steps: shorter than
    // the window (pushes at the back change it) or longer (pushes at the front push households
    // out of it, removals let households into it).
    const std::size_t target =
        (step / 10'000) % 2 == 0 ? WaitingQueue::kLookahead / 2 : 3 * WaitingQueue::kLookahead / 2;
    const bool push = rng.bernoulli(naive.items.size() < target ? 0.7 : 0.4);
    const auto op = rng.uniform_index(10);
    if (push) {
      // Mostly small households; now and then a large one or a stretcher patient.
      const auto seats = static_cast<std::int32_t>(rng.uniform_index(rng.bernoulli(0.1) ? 40 : 6));
      const auto stretchers = static_cast<std::int32_t>(rng.bernoulli(0.05) ? 1 : 0);
      const Entry e{next++, seats, stretchers};
      if (rng.bernoulli(0.1)) {
        q.push_front(e);
        naive.items.push_front(e);
      } else {
        q.push_back(e);
        naive.items.push_back(e);
      }
    } else if (op < 2 && !naive.items.empty()) {
      // A vehicle filling up: picks with ever fewer places, each taking what it found.
      auto seats = static_cast<std::int32_t>(rng.uniform_index(20));
      const auto stretchers = static_cast<std::int32_t>(rng.uniform_index(2));
      for (;;) {
        const std::ptrdiff_t expected = naive.find_fit(seats, stretchers);
        ASSERT_EQ(q.find_fit(seats, stretchers), expected) << "step " << step;
        if (expected < 0) break;
        q.take(static_cast<std::size_t>(expected));
        seats -= naive.items[static_cast<std::size_t>(expected)].seats;
        naive.items.erase(naive.items.begin() + expected);
      }
    } else if (op < 4 && !naive.items.empty()) {
      // Someone leaves the queue from anywhere in the window (not where a search stopped).
      const auto i = static_cast<std::size_t>(
          rng.uniform_index(std::min<std::size_t>(naive.items.size(), WaitingQueue::kLookahead)));
      ASSERT_EQ(q.take(i).household, naive.items[i].household);
      naive.items.erase(naive.items.begin() + static_cast<std::ptrdiff_t>(i));
    } else if (op < 7) {
      const auto seats = static_cast<std::int32_t>(rng.uniform_index(8));
      const auto stretchers = static_cast<std::int32_t>(rng.uniform_index(2));
      const std::ptrdiff_t expected = naive.find_fit(seats, stretchers);
      ASSERT_EQ(q.find_fit(seats, stretchers), expected) << "step " << step;
      if (expected >= 0 && rng.bernoulli(0.9)) {
        const Entry taken = q.take(static_cast<std::size_t>(expected));
        ASSERT_EQ(taken.household, naive.items[static_cast<std::size_t>(expected)].household);
        naive.items.erase(naive.items.begin() + expected);
      }
    }
    // After every step: the same length, the same answer on stretcher patients, the same ends.
    ASSERT_EQ(q.size(), naive.items.size());
    ASSERT_EQ(q.stretcher_in_window(), naive.stretcher_in_window()) << "step " << step;
    if (!naive.items.empty()) {
      ASSERT_EQ(q[0].household, naive.items.front().household);
      ASSERT_EQ(q[q.size() - 1].household, naive.items.back().household);
    }
  }
}

TEST(WaitingQueue, LooksOnlyAtTheWindow) {
  WaitingQueue q;
  for (std::uint32_t i = 0; i < WaitingQueue::kLookahead; ++i) q.push_back({i, 10, 0});
  q.push_back({99, 1, 1});  // fits a small vehicle, but is beyond the window
  EXPECT_EQ(q.find_fit(5, 1), -1);
  EXPECT_FALSE(q.stretcher_in_window());
  q.take(0);  // the window moves on by one and now holds it
  EXPECT_EQ(q.find_fit(5, 1), static_cast<std::ptrdiff_t>(WaitingQueue::kLookahead - 1));
  EXPECT_TRUE(q.stretcher_in_window());
}

}  // namespace
}  // namespace mamar::sim::detail
