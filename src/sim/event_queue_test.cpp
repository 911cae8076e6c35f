#include "mamar/sim/event_queue.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>

#include "mamar/sim/random.hpp"
#include "mamar/sim/sim_time.hpp"

namespace mamar::sim {
namespace {

TEST(SimTime, ConvertsAndOrders) {
  static_assert(SimTime::from(Duration::hours(2)).ms() == 7'200'000);
  static_assert(SimTime::from_ms(5) < SimTime::from_ms(6));
  static_assert(SimTime::from_ms(5) + Duration::milliseconds(10) == SimTime::from_ms(15));
  static_assert(SimTime::from_ms(15) - SimTime::from_ms(5) == Duration::milliseconds(10));
  static_assert(SimTime::from_ms(15) - Duration::milliseconds(5) == SimTime::from_ms(10));
  static_assert(SimTime{} == SimTime::zero());
  EXPECT_EQ(SimTime::from(Duration::minutes(90)).since_start(), Duration::minutes(90));
  SimTime t = SimTime::zero();
  t += Duration::seconds(3);
  EXPECT_EQ(t.ms(), 3000);
  t -= Duration::seconds(1);
  EXPECT_EQ(t.ms(), 2000);
  const Instant start = Instant::from_unix_ms(1'481'770'800'000);  // 2016-12-15T03:00Z
  EXPECT_EQ(SimTime::from(Duration::hours(1)).to_instant(start), start + Duration::hours(1));
}

TEST(SimTime, InfinityIsLaterThanEverythingAndAbsorbsDurations) {
  static_assert(SimTime::infinity() > SimTime::from(Duration::max()));
  static_assert((SimTime::infinity() + Duration::days(3)).is_infinite());
  static_assert((SimTime::infinity() - Duration::days(3)).is_infinite());
  static_assert(!SimTime::from(Duration::max()).is_infinite());
}

struct Payload {
  std::uint32_t id;
  std::uint32_t tag;
};

template <class Queue>
class EventQueueTest : public ::testing::Test {};

// Pops `q` until `reference` (std::multimap keeps equal keys in insertion order) is empty,
// checking each event against it; the queue must then be empty too.
template <class Queue>
void drain_against(Queue& q, std::multimap<std::int64_t, Payload>& reference) {
  while (!reference.empty()) {
    const auto [time, payload] = q.pop();
    ASSERT_EQ(time.ms(), reference.begin()->first);
    ASSERT_EQ(payload.id, reference.begin()->second.id);
    reference.erase(reference.begin());
  }
  EXPECT_TRUE(q.empty());
}

using Queues =
    ::testing::Types<DaryHeapQueue<Payload, 2>, DaryHeapQueue<Payload, 3>,
                     DaryHeapQueue<Payload, 4>, DaryHeapQueue<Payload, 8>, EventQueue<Payload>>;
TYPED_TEST_SUITE(EventQueueTest, Queues);

TYPED_TEST(EventQueueTest, PopsInTimeOrderAndTiesFirstInFirstOut) {
  TypeParam q;
  EXPECT_TRUE(q.empty());
  q.push(SimTime::from_ms(30), {0, 0});
  q.push(SimTime::from_ms(10), {1, 0});
  q.push(SimTime::from_ms(30), {2, 0});
  q.push(SimTime::from_ms(20), {3, 0});
  q.push(SimTime::from_ms(10), {4, 0});
  q.push(SimTime::from_ms(30), {5, 0});
  EXPECT_EQ(q.size(), 6u);
  EXPECT_EQ(q.top_time(), SimTime::from_ms(10));
  EXPECT_EQ(q.top().payload.id, 1u);
  const std::uint32_t expected_ids[] = {1, 4, 3, 0, 2, 5};
  const std::int64_t expected_times[] = {10, 10, 20, 30, 30, 30};
  for (int i = 0; i < 6; ++i) {
    const auto [time, payload] = q.pop();
    EXPECT_EQ(time.ms(), expected_times[i]);
    EXPECT_EQ(payload.id, expected_ids[i]);
  }
  EXPECT_TRUE(q.empty());
}

TYPED_TEST(EventQueueTest, ClearEmptiesAndRestartsTheSequence) {
  TypeParam q;
  q.reserve(16);
  for (std::uint32_t i = 0; i < 10; ++i) q.push(SimTime::from_ms(i % 3), {i, 0});
  q.clear();
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(q.size(), 0u);
  q.push(SimTime::from_ms(1), {7, 0});
  q.push(SimTime::from_ms(1), {8, 0});
  EXPECT_EQ(q.pop().payload.id, 7u);
  EXPECT_EQ(q.pop().payload.id, 8u);
}

// Random pushes and pops checked against std::multimap, which keeps equal keys in insertion
// order: the reference for "by time, then first in, first out". Times are drawn from a narrow
// window so that ties are frequent; the queue grows and shrinks through several sizes.
TYPED_TEST(EventQueueTest, MatchesAMultimapReferenceOnRandomOperations) {
  TypeParam q;
  std::multimap<std::int64_t, Payload> reference;
  RandomStream rng(99, 0, "event-queue-test");
  std::int64_t now = 0;
  std::uint32_t next_id = 0;
  for (int phase = 0; phase < 6; ++phase) {
    // Alternate growing phases (70% pushes) and shrinking ones (30%).
    const double push_share = phase % 2 == 0 ? 0.7 : 0.3;
    for (int i = 0; i < 50'000; ++i) {
      if (reference.empty() || rng.bernoulli(push_share)) {
        const auto time = now + static_cast<std::int64_t>(rng.uniform_index(40));
        const Payload p{next_id++, static_cast<std::uint32_t>(phase)};
        q.push(SimTime::from_ms(time), p);
        reference.emplace(time, p);
      } else {
        ASSERT_EQ(q.top_time().ms(), reference.begin()->first);
        const auto [time, payload] = q.pop();
        ASSERT_EQ(time.ms(), reference.begin()->first);
        ASSERT_EQ(payload.id, reference.begin()->second.id);
        reference.erase(reference.begin());
        now = time.ms();  // like a simulator: later pushes are never in the past
      }
      ASSERT_EQ(q.size(), reference.size());
    }
  }
  drain_against(q, reference);
}

// start_pop() and the pushes after it, as a simulator takes an event and schedules what it
// leads to (none, one or several), against std::multimap with pop() then the pushes: the same
// events in the same order, ties first in, first out, whether a push takes the earliest event's
// place or finish_pop() removes it.
TYPED_TEST(EventQueueTest, TakingTheEarliestThenPushingIsPopThenPush) {
  TypeParam q;
  std::multimap<std::int64_t, Payload> reference;
  RandomStream rng(102, 0, "event-queue-taking");
  std::uint32_t next_id = 0;
  auto push = [&](std::int64_t time) {
    const Payload p{next_id++, 0};
    q.push(SimTime::from_ms(time), p);
    reference.emplace(time, p);
  };
  for (int i = 0; i < 20; ++i) push(static_cast<std::int64_t>(rng.uniform_index(40)));
  for (int i = 0; i < 100'000 && !reference.empty(); ++i) {
    const auto [time, payload] = q.start_pop();
    ASSERT_EQ(time.ms(), reference.begin()->first);
    ASSERT_EQ(payload.id, reference.begin()->second.id);
    reference.erase(reference.begin());
    // Mostly one push, as an event's handling mostly schedules one more; sometimes none (the
    // queue shrinks) or two or three (it grows); ties with the time taken and among themselves.
    const std::uint64_t draw = rng.uniform_index(10);
    const int pushes = draw < 6 ? 1 : draw < 8 ? 0 : static_cast<int>(draw) - 6;
    for (int k = 0; k < pushes; ++k)
      push(time.ms() + static_cast<std::int64_t>(rng.uniform_index(5)));
    q.finish_pop();
    ASSERT_EQ(q.size(), reference.size());
    if (reference.empty()) {
      for (int k = 0; k < 5; ++k)
        push(time.ms() + static_cast<std::int64_t>(rng.uniform_index(40)));
    }
  }
  drain_against(q, reference);
}

// The last event taken with nothing pushed leaves the queue empty; a clear() while taking
// leaves nothing to finish.
TYPED_TEST(EventQueueTest, TakingTheLastEventEmptiesTheQueue) {
  TypeParam q;
  q.push(SimTime::from_ms(5), {1, 0});
  EXPECT_EQ(q.start_pop().payload.id, 1u);
  q.finish_pop();
  EXPECT_TRUE(q.empty());
  q.push(SimTime::from_ms(6), {2, 0});
  q.push(SimTime::from_ms(7), {3, 0});
  EXPECT_EQ(q.start_pop().payload.id, 2u);
  q.clear();
  q.finish_pop();
  EXPECT_TRUE(q.empty());
  q.push(SimTime::from_ms(8), {4, 0});
  EXPECT_EQ(q.size(), 1u);
  EXPECT_EQ(q.pop().payload.id, 4u);
}

TYPED_TEST(EventQueueTest, HandlesTimesInAnyOrderIncludingNegativeAndInfinite) {
  TypeParam q;
  std::multimap<std::int64_t, std::uint32_t> reference;
  RandomStream rng(100, 0, "event-queue-any-order");
  for (std::uint32_t i = 0; i < 5000; ++i) {
    std::int64_t t = static_cast<std::int64_t>(rng.uniform_index(2000)) - 1000;
    if (i % 97 == 0) t = SimTime::infinity().ms();
    q.push(SimTime::from_ms(t), {i, 0});
    reference.emplace(t, i);
  }
  for (const auto& [time, id] : reference) {
    const auto e = q.pop();
    ASSERT_EQ(e.time.ms(), time);
    ASSERT_EQ(e.payload.id, id);
  }
}

TYPED_TEST(EventQueueTest, LargeHeapDrainsInOrder) {
  // Large enough (several MiB) to take the prefetching path of deletion.
  TypeParam q;
  std::multimap<std::int64_t, std::uint32_t> reference;
  RandomStream rng(101, 0, "event-queue-large");
  for (std::uint32_t i = 0; i < 300'000; ++i) {
    const auto t = static_cast<std::int64_t>(rng.uniform_index(100'000));
    q.push(SimTime::from_ms(t), {i, 0});
    reference.emplace(t, i);
  }
  for (const auto& [time, id] : reference) {
    const auto e = q.pop();
    ASSERT_EQ(e.time.ms(), time);
    ASSERT_EQ(e.payload.id, id);
  }
  EXPECT_TRUE(q.empty());
}

}  // namespace
}  // namespace mamar::sim
