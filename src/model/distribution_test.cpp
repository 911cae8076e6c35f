#include "mamar/model/distribution.hpp"

#include <gtest/gtest.h>

namespace mamar::model {
namespace {

TEST(Distribution, MeanAndSupportOfEachKind) {
  Distribution d = Distribution::fixed(5);
  EXPECT_EQ(d.mean(), 5);
  EXPECT_EQ(d.min(), 5);
  EXPECT_EQ(d.max(), 5);

  d = Distribution{};
  d.kind = DistributionKind::Triangular;
  d.a = 0;
  d.b = 3;
  d.c = 6;
  EXPECT_DOUBLE_EQ(d.mean(), 3);
  EXPECT_EQ(d.max(), 6);

  d = Distribution{};
  d.kind = DistributionKind::Normal;
  d.a = 0;
  d.b = 1;
  d.lo = 0;
  // Half-normal: mean sqrt(2/pi).
  EXPECT_NEAR(d.mean(), 0.7978845608, 1e-9);

  // A lognormal capped at its max (draws above it are the max): mean 30, sd 20, max 40 has the
  // mean of min(X, 40), 25.775 (the integral of P(X > x) from 0 to 40, worked out on its own),
  // not 30; without a max, its mean.
  d = Distribution{};
  d.kind = DistributionKind::Lognormal;
  d.a = 30;
  d.b = 20;
  EXPECT_DOUBLE_EQ(d.mean(), 30);
  d.hi = 40;
  EXPECT_NEAR(d.mean(), 25.7750624604, 1e-8);
  d.hi = 1e9;
  EXPECT_NEAR(d.mean(), 30, 1e-9);
  d.b = 0;
  d.hi = 20;
  EXPECT_DOUBLE_EQ(d.mean(), 20);

  d = Distribution{};
  d.kind = DistributionKind::Empirical;
  d.table = {{1, 1}, {3, 3}};
  EXPECT_DOUBLE_EQ(d.mean(), 2.5);
  EXPECT_EQ(d.min(), 1);

  d.kind = DistributionKind::EmpiricalCdf;
  d.table = {{0, 0}, {10, 0.5}, {20, 1}};
  EXPECT_DOUBLE_EQ(d.mean(), 10);
  EXPECT_EQ(d.max(), 20);
}

TEST(Distribution, DescribesForPeople) {
  Distribution d;
  d.kind = DistributionKind::Uniform;
  d.a = 60e3;
  d.b = 120e3;
  EXPECT_EQ(d.describe(true), "uniform(1 min, 2 min)");
}

}  // namespace
}  // namespace mamar::model
