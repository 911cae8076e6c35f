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
}

}  // namespace
}  // namespace mamar
