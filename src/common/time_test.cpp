#include "mamar/common/time.hpp"

#include <gtest/gtest.h>

namespace mamar {
namespace {

TEST(Duration, ParsesHumanForms) {
  EXPECT_EQ(parse_duration("90 min"), Duration::minutes(90));
  EXPECT_EQ(parse_duration("1.5 h"), Duration::minutes(90));
  EXPECT_EQ(parse_duration("1 h 30 min"), Duration::minutes(90));
  EXPECT_EQ(parse_duration("3 d"), Duration::days(3));
  EXPECT_EQ(parse_duration("45 s"), Duration::seconds(45));
  EXPECT_EQ(parse_duration("2days"), Duration::days(2));
  EXPECT_EQ(parse_duration("0"), Duration{});
}

TEST(Duration, RejectsNumbersWithoutUnitsAndJunk) {
  EXPECT_FALSE(parse_duration("15"));
  EXPECT_FALSE(parse_duration("min"));
  EXPECT_FALSE(parse_duration("5 weeks"));
  EXPECT_FALSE(parse_duration(""));
  EXPECT_FALSE(parse_duration("1e300 h"));
  // Each unit once, the largest first: the others are slips, not sums.
  EXPECT_FALSE(parse_duration("1 h 1 h"));
  EXPECT_FALSE(parse_duration("30 min 1 h"));
  EXPECT_TRUE(duration_parts_out_of_order("30 min 1 h"));
  EXPECT_TRUE(duration_parts_out_of_order("1 h 2 hours"));
  EXPECT_FALSE(duration_parts_out_of_order("1 h 30 min"));
  EXPECT_FALSE(duration_parts_out_of_order("1 h 2 weeks"));
  EXPECT_EQ(parse_duration("1 d 2 h 3 min 4 s 5 ms"),
            Duration::milliseconds(((26 * 60 + 3) * 60 + 4) * 1000 + 5));
}

TEST(Instant, ParsesIsoWithOffset) {
  auto t = parse_instant("2016-12-15T05:00+02:00");
  ASSERT_TRUE(t);
  auto utc = parse_instant("2016-12-15T03:00:00Z");
  ASSERT_TRUE(utc);
  EXPECT_EQ(t->instant, utc->instant);
  EXPECT_EQ(t->offset_minutes, 120);
  EXPECT_EQ(utc->instant.unix_ms(), 1481770800000);
  EXPECT_EQ(format_instant(t->instant, 120), "2016-12-15 05:00+02:00");
  // To the second, cut as the minutes are: 05:00:59.9 is 05:00:59, not 05:01.
  EXPECT_EQ(format_instant_seconds(t->instant + Duration::milliseconds(59'900), 120),
            "2016-12-15 05:00:59+02:00");
  EXPECT_EQ(format_instant(t->instant + Duration::milliseconds(59'900), 120),
            "2016-12-15 05:00+02:00");
  EXPECT_EQ(format_instant_seconds(t->instant - Duration::milliseconds(100), 120),
            "2016-12-15 04:59:59+02:00");
}

TEST(Instant, RejectsMissingOffsetAndImpossibleDates) {
  EXPECT_FALSE(parse_instant("2016-12-15T05:00"));
  EXPECT_FALSE(parse_instant("2016-02-30T05:00Z"));
  EXPECT_FALSE(parse_instant("2016-12-15T25:00Z"));
  EXPECT_TRUE(parse_instant("2016-02-29T05:00Z"));
  EXPECT_FALSE(parse_instant("2015-02-29T05:00Z"));
}

TEST(ClockTime, ParsesDayRange) {
  EXPECT_EQ(parse_clock_time("06:00"), 360);
  EXPECT_EQ(parse_clock_time("24:00"), 1440);
  EXPECT_FALSE(parse_clock_time("24:30"));
  EXPECT_FALSE(parse_clock_time("6:00"));
}

TEST(Duration, FormatsForPeople) {
  EXPECT_EQ(format_duration(Duration::hours(76)), "3 d 4 h");
  EXPECT_EQ(format_duration(Duration::minutes(125)), "2 h 05 min");
  EXPECT_EQ(format_duration(Duration::seconds(12)), "12 s");
  // To the millisecond, for the trace: a hold of 2 h 3 min 27.612 s is not shown as 2 h 03 min.
  EXPECT_EQ(format_duration_exact(Duration::milliseconds(7'407'612)), "2 h 03 min 27.612 s");
  EXPECT_EQ(format_duration_exact(Duration::seconds(654)), "10 min 54 s");
  EXPECT_EQ(format_duration_exact(Duration::seconds(45)), "45 s");
  EXPECT_EQ(format_duration_exact(Duration{}), "0 s");
  EXPECT_EQ(format_duration_exact(Duration::hours(10)), "10 h");
  EXPECT_EQ(format_duration_exact(Duration::hours(26) + Duration::seconds(4)),
            "1 d 02 h 00 min 04 s");
}

}  // namespace
}  // namespace mamar
