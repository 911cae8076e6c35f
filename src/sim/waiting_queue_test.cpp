#include "waiting_queue.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <utility>

#include "mamar/sim/random.hpp"

namespace mamar::sim::detail {
namespace {

using Entry = WaitingLine::Entry;

// The behaviour the queue must have, written the slow obvious way: one item per household (the
// households of a run one after the other, each with the run's household index).
struct Naive {
  std::deque<Entry> items;
  void push(const Entry& e, bool front) {
    for (std::int32_t k = 0; k < e.count; ++k) {
      const Entry one{e.household, e.seats, e.stretchers, 1};
      if (front)
        items.push_front(one);
      else
        items.push_back(one);
    }
  }
  // Position of the first household in the window that fits, or -1.
  std::ptrdiff_t find_fit(std::int32_t seats, std::int32_t stretchers) const {
    for (std::size_t i = 0; i < items.size() && i < WaitingLine::kLookahead; ++i) {
      if (items[i].seats <= seats && items[i].stretchers <= stretchers)
        return static_cast<std::ptrdiff_t>(i);
    }
    return -1;
  }
  void erase(std::size_t at, std::int32_t n) {
    items.erase(items.begin() + static_cast<std::ptrdiff_t>(at),
                items.begin() + static_cast<std::ptrdiff_t>(at) + n);
  }
};

// Households before the entry at position p.
std::size_t households_before(const WaitingLine& q, std::size_t p) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < p; ++i) n += static_cast<std::size_t>(q[i].count);
  return n;
}

// The queue's answer, as the naive one: the position of the first household of the entry found.
std::ptrdiff_t find_fit_household(WaitingLine& q, std::int32_t seats, std::int32_t stretchers) {
  const std::ptrdiff_t p = q.find_fit(seats, stretchers);
  return p < 0 ? -1
               : static_cast<std::ptrdiff_t>(households_before(q, static_cast<std::size_t>(p)));
}

// The entry holding the household at position j, and how many of its households are before it.
std::pair<std::size_t, std::int32_t> entry_of(const WaitingLine& q, std::size_t j) {
  std::size_t p = 0;
  while (j >= static_cast<std::size_t>(q[p].count)) j -= static_cast<std::size_t>(q[p++].count);
  return {p, static_cast<std::int32_t>(j)};
}

// Random pushes at both ends of single households and runs of identical ones, removals inside
// the window (whole entries or part of a run) and queries of every shape: the caches must never
// give an answer a full scan of the households would not.
TEST(WaitingLine, AgreesWithAFullScanUnderRandomUse) {
  RandomStream rng(11, 0, "waiting-queue");
  WaitingLine q;
  Naive naive;
  std::uint32_t next = 0;
  std::size_t runs_taken_in_part = 0;
  for (int step = 0; step < 200'000; ++step) {
    // The queue's length drifts around a target that changes every 10,000 steps: shorter than
    // the window (pushes at the back change it) or longer (pushes at the front push households
    // out of it, removals let households into it).
    const std::size_t target =
        (step / 10'000) % 2 == 0 ? WaitingLine::kLookahead / 2 : 3 * WaitingLine::kLookahead / 2;
    const bool push = rng.bernoulli(naive.items.size() < target ? 0.7 : 0.4);
    const auto op = rng.uniform_index(10);
    if (push) {
      // Mostly small households; now and then a large one, a stretcher patient, or a run of
      // identical households (of up to a window and a half).
      const auto seats = static_cast<std::int32_t>(rng.uniform_index(rng.bernoulli(0.1) ? 40 : 6));
      const auto stretchers = static_cast<std::int32_t>(rng.bernoulli(0.05) ? 1 : 0);
      const auto count =
          stretchers == 0 && rng.bernoulli(0.15)
              ? static_cast<std::int32_t>(
                    2 + rng.uniform_index(rng.bernoulli(0.2) ? 3 * WaitingLine::kLookahead / 2 : 8))
              : 1;
      const Entry e{next++, seats, stretchers, count};
      const bool front = rng.bernoulli(0.1);
      if (front)
        q.push_front(e);
      else
        q.push_back(e);
      naive.push(e, front);
    } else if (op < 2 && !naive.items.empty()) {
      // A vehicle filling up: picks with ever fewer places, each taking what it found, a run's
      // households as many at once as fit.
      auto seats = static_cast<std::int32_t>(rng.uniform_index(20));
      const auto stretchers = static_cast<std::int32_t>(rng.uniform_index(2));
      for (;;) {
        const std::ptrdiff_t expected = naive.find_fit(seats, stretchers);
        ASSERT_EQ(find_fit_household(q, seats, stretchers), expected) << "step " << step;
        if (expected < 0) break;
        const auto [p, within] = entry_of(q, static_cast<std::size_t>(expected));
        ASSERT_EQ(within, 0);
        const Entry& e = q[p];
        const std::int32_t k =
            e.seats == 0 ? e.count : std::min(e.count, std::max(1, seats / e.seats));
        const Entry taken = q.take(p, k);
        ASSERT_EQ(taken.household, naive.items[static_cast<std::size_t>(expected)].household);
        ASSERT_EQ(taken.count, k);
        seats -= k * taken.seats;
        naive.erase(static_cast<std::size_t>(expected), k);
      }
    } else if (op < 4 && !naive.items.empty()) {
      // Someone leaves the queue from anywhere in the window (not where a search stopped): a
      // household, a whole run or part of one.
      const std::size_t j =
          rng.uniform_index(std::min<std::size_t>(naive.items.size(), WaitingLine::kLookahead));
      const auto [p, within] = entry_of(q, j);
      const std::size_t first = j - static_cast<std::size_t>(within);
      const std::int32_t count = q[p].count;
      const std::int32_t k =
          rng.bernoulli(0.5)
              ? count
              : 1 + static_cast<std::int32_t>(rng.uniform_index(static_cast<std::uint64_t>(count)));
      runs_taken_in_part += k < count ? 1 : 0;
      ASSERT_EQ(q.take(p, k).household, naive.items[first].household);
      naive.erase(first, k);
    } else if (op < 7) {
      const auto seats = static_cast<std::int32_t>(rng.uniform_index(8));
      const auto stretchers = static_cast<std::int32_t>(rng.uniform_index(2));
      const std::ptrdiff_t expected = naive.find_fit(seats, stretchers);
      ASSERT_EQ(find_fit_household(q, seats, stretchers), expected) << "step " << step;
      if (expected >= 0 && rng.bernoulli(0.9)) {
        const auto p = entry_of(q, static_cast<std::size_t>(expected)).first;
        const Entry taken = q.take(p);
        ASSERT_EQ(taken.household, naive.items[static_cast<std::size_t>(expected)].household);
        naive.erase(static_cast<std::size_t>(expected), taken.count);
      }
    }
    // After every step: the same households, the same ends.
    ASSERT_EQ(households_before(q, q.size()), naive.items.size());
    if (!naive.items.empty()) {
      ASSERT_EQ(q[0].household, naive.items.front().household);
      ASSERT_EQ(q[q.size() - 1].household, naive.items.back().household);
    }
  }
  EXPECT_GT(runs_taken_in_part, 1000u);  // the test exercised what it is about
}

TEST(WaitingLine, LooksOnlyAtTheWindow) {
  WaitingLine q;
  for (std::uint32_t i = 0; i < WaitingLine::kLookahead; ++i) q.push_back({i, 10, 0});
  q.push_back({99, 1, 1});  // fits a small vehicle, but is beyond the window
  EXPECT_EQ(q.find_fit(5, 1), -1);
  q.take(0);  // the window moves on by one and now holds it
  EXPECT_EQ(q.find_fit(5, 1), static_cast<std::ptrdiff_t>(WaitingLine::kLookahead - 1));
}

TEST(WaitingLine, CountsTheWindowInHouseholds) {
  WaitingLine q;
  // A run of a whole window of identical households that need 10 seats each, then one that
  // needs 1 seat and a stretcher place: beyond the window until the run is short enough.
  q.push_back({0, 10, 0, static_cast<std::int32_t>(WaitingLine::kLookahead)});
  q.push_back({1, 1, 1, 1});
  EXPECT_EQ(q.find_fit(5, 1), -1);
  EXPECT_EQ(q.take(0, 1).count, 1);  // one of the run boards: the window reaches it
  EXPECT_EQ(q.find_fit(5, 1), 1);
  // A household sent back to the front pushes it out again.
  q.push_front({2, 20, 0, 1});
  EXPECT_EQ(q.find_fit(5, 1), -1);
  EXPECT_EQ(q.size(), 3u);
  EXPECT_EQ(q[1].count, static_cast<std::int32_t>(WaitingLine::kLookahead) - 1);
}

// The two lines as one queue, written the slow obvious way: one item per household in queue
// order; a household is in view when fewer than kLookahead households of its line (with or
// without a stretcher patient) are before it.
struct NaiveQueue : Naive {
  static bool lying(const Entry& e) { return e.stretchers > 0; }
  // Position of the first household in view that fits, or -1.
  std::ptrdiff_t find_fit(std::int32_t seats, std::int32_t stretchers) const {
    std::size_t before[2] = {0, 0};
    for (std::size_t i = 0; i < items.size(); ++i) {
      const Entry& e = items[i];
      if (before[lying(e)]++ >= WaitingQueue::kLookahead) continue;
      if (e.seats <= seats && e.stretchers <= stretchers) return static_cast<std::ptrdiff_t>(i);
    }
    return -1;
  }
  // Positions of the households in view.
  std::vector<std::size_t> in_view() const {
    std::vector<std::size_t> out;
    std::size_t before[2] = {0, 0};
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (before[lying(items[i])]++ < WaitingQueue::kLookahead) out.push_back(i);
    }
    return out;
  }
  bool stretcher_waiting() const {
    return std::any_of(items.begin(), items.end(), [](const Entry& e) { return lying(e); });
  }
};

// The queue's position of the entry holding household `id` (ids are unique to an entry pushed).
std::size_t position_of(const WaitingQueue& q, std::uint32_t id) {
  for (std::size_t i = 0; i < q.seated().size(); ++i)
    if (q.seated()[i].household == id) return i;
  for (std::size_t i = 0; i < q.on_stretcher().size(); ++i)
    if (q.on_stretcher()[i].household == id) return i | WaitingQueue::kOnStretcher;
  ADD_FAILURE() << "household " << id << " not in the queue";
  return 0;
}

// Pushes at both ends, households with and without stretcher patients, runs, removals from
// anywhere in view and queries of vehicles with and without stretcher places: the queue finds
// the household a scan of the whole queue in order finds, each line's view counted on its own.
TEST(WaitingQueue, AgreesWithAScanOfBothLinesInOrder) {
  RandomStream rng(12, 0, "waiting-queue-lines");
  WaitingQueue q;
  NaiveQueue naive;
  std::uint32_t next = 0;
  std::size_t found_behind_a_full_line = 0;  // found past kLookahead households of the queue
  for (int step = 0; step < 200'000; ++step) {
    // Phases of a queue shorter than the view, and longer, with few and with many households
    // on stretchers.
    const std::size_t target =
        (step / 10'000) % 2 == 0 ? WaitingQueue::kLookahead / 2 : 3 * WaitingQueue::kLookahead;
    const double lying_share = (step / 20'000) % 2 == 0 ? 0.05 : 0.6;
    const bool push = rng.bernoulli(naive.items.size() < target ? 0.7 : 0.4);
    const auto op = rng.uniform_index(10);
    if (push) {
      const auto seats = static_cast<std::int32_t>(rng.uniform_index(rng.bernoulli(0.1) ? 40 : 6));
      const auto stretchers =
          static_cast<std::int32_t>(rng.bernoulli(lying_share) ? 1 + rng.uniform_index(2) : 0);
      const auto count = stretchers == 0 && rng.bernoulli(0.15)
                             ? static_cast<std::int32_t>(2 + rng.uniform_index(8))
                             : 1;
      const Entry e{next++, seats, stretchers, count};
      const bool front = rng.bernoulli(0.1);
      if (front) {
        q.push_front(e);
      } else {
        // In view when fewer than kLookahead households of its line are before it.
        const auto of_its_line = static_cast<std::size_t>(std::count_if(
            naive.items.begin(), naive.items.end(),
            [&](const Entry& x) { return NaiveQueue::lying(x) == NaiveQueue::lying(e); }));
        ASSERT_EQ(q.push_back(e), of_its_line < WaitingQueue::kLookahead) << "step " << step;
      }
      naive.push(e, front);
    } else if (op < 3 && !naive.items.empty()) {
      // A vehicle filling up: picks with ever fewer places.
      auto seats = static_cast<std::int32_t>(rng.uniform_index(30));
      auto stretchers = static_cast<std::int32_t>(rng.uniform_index(3));
      for (;;) {
        const std::ptrdiff_t expected = naive.find_fit(seats, stretchers);
        const std::ptrdiff_t got = q.find_fit(seats, stretchers);
        ASSERT_EQ(got >= 0, expected >= 0) << "step " << step;
        if (expected < 0) break;
        const Entry& want = naive.items[static_cast<std::size_t>(expected)];
        const auto p = static_cast<std::size_t>(got);
        ASSERT_EQ(q[p].household, want.household) << "step " << step;
        found_behind_a_full_line +=
            expected >= static_cast<std::ptrdiff_t>(WaitingQueue::kLookahead);
        const std::int32_t k =
            q[p].seats == 0 ? q[p].count : std::min(q[p].count, std::max(1, seats / q[p].seats));
        const Entry taken = q.take(p, k);
        ASSERT_EQ(taken.count, k);
        seats -= k * taken.seats;
        stretchers -= k * taken.stretchers;
        naive.erase(static_cast<std::size_t>(expected), k);
      }
    } else if (op < 5 && !naive.items.empty()) {
      // Someone in view leaves the queue: a household, a whole run or part of one.
      const auto view = naive.in_view();
      const std::size_t j = view[rng.uniform_index(view.size())];
      const std::uint32_t id = naive.items[j].household;
      std::size_t first = j;
      while (first > 0 && naive.items[first - 1].household == id) --first;
      const std::size_t p = position_of(q, id);
      const std::int32_t count = q[p].count;
      const std::int32_t k =
          rng.bernoulli(0.5)
              ? count
              : 1 + static_cast<std::int32_t>(rng.uniform_index(static_cast<std::uint64_t>(count)));
      ASSERT_EQ(q.take(p, k).household, id);
      naive.erase(first, k);
    }
    ASSERT_EQ(q.stretcher_waiting(), naive.stretcher_waiting()) << "step " << step;
    std::size_t households = 0;
    q.any_of([&](const Entry& e) {
      households += static_cast<std::size_t>(e.count);
      return false;
    });
    ASSERT_EQ(households, naive.items.size());
  }
  EXPECT_GT(found_behind_a_full_line,
            1000u);  // households found past a full window of the other line
}

TEST(WaitingQueue, ABusLooksPastStretcherPatientsItCannotTake) {
  WaitingQueue q;
  // A window's worth of stretcher patients, then households of 4 and 3 without one.
  for (std::uint32_t i = 0; i < WaitingQueue::kLookahead; ++i) q.push_back({i, 0, 1});
  EXPECT_TRUE(q.push_back({100, 4, 0}));
  EXPECT_TRUE(q.push_back({101, 3, 0}));
  EXPECT_FALSE(q.would_see_next(/*on_stretcher=*/true));
  EXPECT_TRUE(q.would_see_next(/*on_stretcher=*/false));
  // A bus of 3 seats takes the household of 3; of 50, the household of 4 (it came first).
  EXPECT_EQ(q[static_cast<std::size_t>(q.find_fit(3, 0))].household, 101u);
  EXPECT_EQ(q[static_cast<std::size_t>(q.find_fit(50, 0))].household, 100u);
  // An ambulance takes the first stretcher patient, who came before them.
  const std::ptrdiff_t p = q.find_fit(4, 2);
  ASSERT_GE(p, 0);
  EXPECT_EQ(q[static_cast<std::size_t>(p)].household, 0u);
  EXPECT_EQ(q.take(static_cast<std::size_t>(p)).household, 0u);
  EXPECT_TRUE(q.stretcher_waiting());
  // A household sent back to the front comes before all of them.
  q.push_front({200, 2, 0});
  EXPECT_EQ(q[static_cast<std::size_t>(q.find_fit(4, 2))].household, 200u);
}

}  // namespace
}  // namespace mamar::sim::detail
