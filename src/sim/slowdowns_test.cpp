#include "slowdowns.hpp"

#include <gtest/gtest.h>

#include <tuple>
#include <vector>

namespace mamar::sim::detail {
namespace {

using model::Distribution;

SimTime at_min(double m) {
  return SimTime::from(Duration::minutes(m));
}
Duration mins(double m) {
  return Duration::minutes(m);
}
const std::vector<bool> kBoth = {true, true};

Distribution exponential(double mean_ms) {
  Distribution d;
  d.kind = model::DistributionKind::Exponential;
  d.a = mean_ms;
  return d;
}

TEST(Slowdowns, NoWindowLeavesTravelAsDrawn) {
  Slowdowns s;
  EXPECT_FALSE(s.slows(0, Activity::Travel));
  EXPECT_EQ(s.end(0, Activity::Travel, -1, at_min(10), mins(25)), at_min(35));
  // A factor of 1, or an empty window, slows nothing.
  s.add_window({at_min(0), at_min(60)}, 1.0, Activity::Travel, kBoth, -1, 0);
  s.add_window({at_min(30), at_min(30)}, 2.0, Activity::Travel, kBoth, -1, 1);
  EXPECT_FALSE(s.slows(0, Activity::Travel));
}

TEST(Slowdowns, SlowsOnlyThePartOfTheLegInsideTheWindow) {
  Slowdowns s;
  s.add_window({at_min(30), at_min(60)}, 2.0, Activity::Travel, kBoth, -1, 0);
  EXPECT_TRUE(s.slows(0, Activity::Travel));
  // Wholly inside: twice as long.
  EXPECT_EQ(s.end(0, Activity::Travel, -1, at_min(30), mins(10)), at_min(50));
  // Through the end of the window: 10 min at half pace cover 5 of 20, the other 15 at full pace.
  EXPECT_EQ(s.end(0, Activity::Travel, -1, at_min(50), mins(20)), at_min(75));
  // Wholly after it.
  EXPECT_EQ(s.end(0, Activity::Travel, -1, at_min(60), mins(20)), at_min(80));
}

TEST(Slowdowns, ALegStartedBeforeTheWindowIsSlowedWhereItIsInIt) {
  Slowdowns s;
  s.add_window({at_min(30), at_min(60)}, 2.0, Activity::Travel, kBoth, -1, 0);
  // 60 min unhindered from 0: 30 covered by the window's start, 15 in the window, 15 after it.
  EXPECT_EQ(s.end(0, Activity::Travel, -1, at_min(0), mins(60)), at_min(75));
  // Ending before the window: untouched.
  EXPECT_EQ(s.end(0, Activity::Travel, -1, at_min(0), mins(30)), at_min(30));
}

TEST(Slowdowns, OverlappingWindowsTakeTheLargestFactor) {
  Slowdowns s;
  s.add_window({at_min(0), at_min(120)}, 1.5, Activity::Travel, kBoth, -1, 0);
  s.add_window({at_min(30), at_min(60)}, 3.0, Activity::Travel, kBoth, -1, 1);
  // 0-30: 20 covered at 1.5; 30-60: 10 at 3; 60-: 10 left at 1.5 take 15.
  EXPECT_EQ(s.end(0, Activity::Travel, -1, at_min(0), mins(40)), at_min(75));
}

TEST(Slowdowns, OnlyTheOperationsItAppliesTo) {
  Slowdowns s;
  s.add_window({at_min(0), at_min(60)}, 2.0, Activity::Travel, {false, true}, -1, 0);
  EXPECT_FALSE(s.slows(0, Activity::Travel));
  EXPECT_TRUE(s.slows(1, Activity::Travel));
  EXPECT_EQ(s.end(0, Activity::Travel, -1, at_min(0), mins(10)), at_min(10));
  EXPECT_EQ(s.end(1, Activity::Travel, -1, at_min(0), mins(10)), at_min(20));
  EXPECT_FALSE(s.slows(2, Activity::Travel));  // an index beyond the masks
}

TEST(Slowdowns, OnlyTheActivitiesItSlows) {
  Slowdowns s;
  s.add_window({at_min(0), at_min(60)}, 2.0, Activity::Boarding | Activity::Inspection, kBoth, -1,
               0);
  EXPECT_FALSE(s.slows(0, Activity::Travel));
  EXPECT_TRUE(s.slows(0, Activity::Boarding));
  EXPECT_TRUE(s.slows(1, Activity::Inspection));
  EXPECT_FALSE(s.slows(1, Activity::Unloading));
  EXPECT_EQ(s.end(0, Activity::Travel, -1, at_min(0), mins(10)), at_min(10));
  EXPECT_EQ(s.end(0, Activity::Unloading, -1, at_min(0), mins(10)), at_min(10));
  EXPECT_EQ(s.end(0, Activity::Boarding, -1, at_min(0), mins(10)), at_min(20));
  // Nothing to slow: no window kept.
  s.add_window({at_min(0), at_min(60)}, 2.0, 0, kBoth, -1, 1);
  EXPECT_FALSE(s.slows(0, Activity::Travel));
}

TEST(Slowdowns, OnlyWhereItIs) {
  Slowdowns s;
  // Inspections three times as long at place 4; travel twice as long on route 1 (1.5 times
  // everywhere).
  s.add_window({at_min(0), at_min(60)}, 3.0, Activity::Inspection, kBoth, 4, 0);
  s.add_window({at_min(0), at_min(60)}, 2.0, Activity::Travel, kBoth, 1, 1);
  s.add_window({at_min(0), at_min(60)}, 1.5, Activity::Travel, kBoth, -1, 2);
  EXPECT_EQ(s.end(0, Activity::Inspection, 4, at_min(0), mins(10)), at_min(30));
  EXPECT_EQ(s.end(0, Activity::Inspection, 3, at_min(0), mins(10)), at_min(10));
  EXPECT_EQ(s.end(1, Activity::Travel, 1, at_min(0), mins(10)), at_min(20));
  EXPECT_EQ(s.end(1, Activity::Travel, 0, at_min(0), mins(10)), at_min(15));
  EXPECT_EQ(s.end(1, Activity::Travel, -1, at_min(0), mins(10)), at_min(15));
}

// An inspection is worked out when its vehicle joins the line, for when its lane is free: after
// the call. A later call for an activity starting now, before that, still sees the windows.
TEST(Slowdowns, AnActivityStartingLaterLetsGoOfNothingBeforeIt) {
  Slowdowns s;
  s.add_window({at_min(30), at_min(60)}, 2.0, Activity::Travel | Activity::Inspection, kBoth, -1,
               0);
  // At 20, for an inspection from 70: after the window, untouched.
  EXPECT_EQ(s.end(0, Activity::Inspection, -1, at_min(70), mins(10), at_min(20)), at_min(80));
  // At 25, for an inspection from 50: 10 min inside the window cover 5, the other 5 after it.
  EXPECT_EQ(s.end(0, Activity::Inspection, -1, at_min(50), mins(10), at_min(25)), at_min(65));
  // At 25, a leg from now: 5 min before the window, 5 inside it at half pace.
  EXPECT_EQ(s.end(0, Activity::Travel, -1, at_min(25), mins(10)), at_min(40));
}

TEST(Slowdowns, AProcessOfWindowsAsARenewalProcess) {
  // A window of 30 min every hour after the last one ended: [60, 90), [150, 180), [240, 270) ...
  const Sampler interval(Distribution::fixed(60 * 60e3));
  const Sampler duration(Distribution::fixed(30 * 60e3));
  Slowdowns s;
  s.add_process(interval, duration, 2.0, Activity::Travel, kBoth, -1, RandomStream(1, 0, 7),
                SimTime::infinity(), 3);
  s.report_windows();
  // 180 min unhindered from 0: 60 full pace, 15 in [60, 90), 60 in [90, 150), 15 in [150, 180),
  // the last 30 in [180, 210).
  EXPECT_EQ(s.end(0, Activity::Travel, -1, at_min(0), mins(180)), at_min(210));
  std::vector<std::tuple<std::uint32_t, SimTime, SimTime>> seen;
  s.each_started(at_min(240), [&](std::uint32_t source, const Slowdowns::Window& w, double factor,
                                  std::uint8_t, const std::vector<std::uint8_t>&) {
    EXPECT_EQ(factor, 2.0);
    seen.emplace_back(source, w.from, w.to);
  });
  ASSERT_EQ(seen.size(), 3U);
  EXPECT_EQ(seen[0], std::make_tuple(3U, at_min(60), at_min(90)));
  EXPECT_EQ(seen[2], std::make_tuple(3U, at_min(240), at_min(270)));
  // Each window is reported once.
  int again = 0;
  s.each_started(at_min(240), [&](auto, const auto&, auto, auto, const auto&) { ++again; });
  EXPECT_EQ(again, 0);
}

TEST(Slowdowns, NoWindowStartsAfterTheLastStart) {
  const Sampler interval(Distribution::fixed(60 * 60e3));
  const Sampler duration(Distribution::fixed(30 * 60e3));
  Slowdowns s;
  s.add_process(interval, duration, 2.0, Activity::Travel, kBoth, -1, RandomStream(1, 0, 7),
                at_min(100), 0);
  // Only [60, 90): the next would start at 150.
  EXPECT_EQ(s.end(0, Activity::Travel, -1, at_min(100), mins(600)), at_min(700));
}

TEST(Slowdowns, DrawnWindowsDoNotDependOnWhoAsksFirst) {
  // Random windows: one object asked leg by leg, the other once for the whole time.
  const Sampler interval(exponential(3 * 3600e3));
  const Sampler duration(exponential(3600e3));
  Slowdowns step, once;
  step.add_process(interval, duration, 2.5, Activity::Travel, kBoth, -1, RandomStream(9, 4, 2),
                   SimTime::infinity(), 0);
  once.add_process(interval, duration, 2.5, Activity::Travel, kBoth, -1, RandomStream(9, 4, 2),
                   SimTime::infinity(), 0);
  step.report_windows();
  once.report_windows();
  SimTime t = SimTime::zero();
  int slowed = 0;
  for (std::uint32_t i = 0; i < 200; ++i) {
    const SimTime end = step.end(i % 2, Activity::Travel, -1, t, mins(17));
    EXPECT_GE(end, t + mins(17));
    EXPECT_LE(end, t + Duration::milliseconds(llround(17 * 60e3 * 2.5)));
    slowed += end > t + mins(17) ? 1 : 0;
    t = t + mins(13);
  }
  EXPECT_GT(slowed, 0);
  EXPECT_LT(slowed, 200);
  using Seen = std::vector<std::pair<SimTime, SimTime>>;
  auto windows = [&](Slowdowns& s) {
    Seen out;
    s.each_started(t, [&](auto, const Slowdowns::Window& w, auto, auto, const auto&) {
      out.emplace_back(w.from, w.to);
    });
    return out;
  };
  const Seen a = windows(step);
  const Seen b = windows(once);
  EXPECT_GT(a.size(), 5U);
  EXPECT_EQ(a, b);
}

// Windows of 1 s with 1 s between them, [1, 2), [3, 4) ... s, at twice the time: a leg of 10 h
// unhindered does 1.5 s of its way every 2 s and ends at 48,000 s, after 24,000 windows. The walk
// looks at each window once (it looked at all the windows from the first on at each one: hours
// for a leg of days), and windows over are let go as time passes unless a trace needs them.
TEST(Slowdowns, ManyShortWindowsAreCrossedOnceAndLetGo) {
  const Sampler second(Distribution::fixed(1e3));
  Slowdowns s;
  s.add_process(second, second, 2.0, Activity::Travel, kBoth, -1, RandomStream(1, 0, 7),
                SimTime::infinity(), 0);
  EXPECT_EQ(s.end(0, Activity::Travel, -1, SimTime::zero(), Duration::hours(10)),
            SimTime::from(Duration::seconds(48000)));
  for (int h = 1; h <= 100; ++h) {
    const SimTime now = SimTime::from(Duration::hours(h * 10));
    EXPECT_EQ(s.end(0, Activity::Travel, -1, now, Duration::seconds(3)),
              now + Duration::milliseconds(4000))  // [now, now+1) full, then 1 s at half pace
        << h;
  }
  // Those drawn since the last call (18,000 in 10 h) are held, not the 1,800,000 drawn in all.
  EXPECT_LT(s.windows_held(), 20'000U);

  Slowdowns traced;
  traced.add_process(second, second, 2.0, Activity::Travel, kBoth, -1, RandomStream(1, 0, 7),
                     SimTime::infinity(), 0);
  traced.report_windows();
  traced.end(0, Activity::Travel, -1, SimTime::zero(), Duration::hours(1));
  traced.end(0, Activity::Travel, -1, SimTime::from(Duration::hours(2)), Duration::seconds(1));
  std::size_t reported = 0;
  traced.each_started(SimTime::from(Duration::hours(2)),
                      [&](auto, const auto&, auto, auto, const auto&) { ++reported; });
  EXPECT_EQ(reported, 3600U);  // every window up to 2 h, though the walk has passed them
}

}  // namespace
}  // namespace mamar::sim::detail
