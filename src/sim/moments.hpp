// Test helpers: sample moments and goodness-of-fit checks with fixed, tight tolerances.
//
// Every check allows 4.5 standard errors (about 7 in a million to fail by chance), computed from
// the sample itself, so with a million draws a bias of a fraction of a percent fails. The tests
// use fixed seeds, so each outcome is deterministic: a failure is a real change.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <vector>

namespace mamar::sim::test {

constexpr double kZ = 4.5;

/// Running central moments (Terriberry's update of Welford's method).
class Moments {
 public:
  void add(double x) {
    const double n1 = n_;
    n_ += 1;
    const double delta = x - mean_;
    const double dn = delta / n_;
    const double dn2 = dn * dn;
    const double term = delta * dn * n1;
    mean_ += dn;
    m4_ += term * dn2 * (n_ * n_ - 3 * n_ + 3) + 6 * dn2 * m2_ - 4 * dn * m3_;
    m3_ += term * dn * (n_ - 2) - 3 * dn * m2_;
    m2_ += term;
  }
  double count() const { return n_; }
  double mean() const { return mean_; }
  double variance() const { return m2_ / (n_ - 1); }
  double skewness() const { return std::sqrt(n_) * m3_ / std::pow(m2_, 1.5); }
  double kurtosis() const { return n_ * m4_ / (m2_ * m2_); }

  /// Checks the sample mean and variance against the analytic values.
  void expect_mean_and_variance(double mean, double variance) const {
    if (variance == 0) {
      EXPECT_EQ(mean_, mean);
      EXPECT_EQ(m2_, 0.0);
      return;
    }
    const double se_mean = std::sqrt(variance / n_);
    EXPECT_NEAR(mean_, mean, kZ * se_mean) << "mean";
    // Var(s^2) ~ (mu4 - sigma^4) / n, with mu4 estimated from the sample.
    const double mu4 = m4_ / n_;
    const double se_var = std::sqrt(std::max(mu4 - variance * variance, 0.0) / n_);
    EXPECT_NEAR(this->variance(), variance, kZ * se_var) << "variance";
  }

 private:
  double n_ = 0;
  double mean_ = 0;
  double m2_ = 0;
  double m3_ = 0;
  double m4_ = 0;
};

/// Pearson's chi-square test of observed counts against cell probabilities, cells with fewer
/// than 5 expected merged into their neighbours; fails above the 1 - 1e-6 quantile. Counts in a
/// cell of probability 0 fail at once.
inline void expect_fits(const std::vector<double>& observed,
                        const std::vector<double>& probability) {
  ASSERT_EQ(observed.size(), probability.size());
  double total = 0;
  for (double o : observed) total += o;
  std::vector<double> o_cells;
  std::vector<double> e_cells;
  double o_acc = 0;
  double e_acc = 0;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    if (probability[i] == 0) {
      EXPECT_EQ(observed[i], 0) << "draws in cell " << i << " of probability 0";
      continue;
    }
    o_acc += observed[i];
    e_acc += probability[i] * total;
    if (e_acc >= 5) {
      o_cells.push_back(o_acc);
      e_cells.push_back(e_acc);
      o_acc = e_acc = 0;
    }
  }
  ASSERT_FALSE(o_cells.empty());
  o_cells.back() += o_acc;  // the thin tail joins the last cell
  e_cells.back() += e_acc;
  double chi2 = 0;
  for (std::size_t i = 0; i < o_cells.size(); ++i) {
    chi2 += (o_cells[i] - e_cells[i]) * (o_cells[i] - e_cells[i]) / e_cells[i];
  }
  const auto cells = static_cast<double>(o_cells.size());
  const double k = cells - 1;
  ASSERT_GE(k, 1);
  // Wilson-Hilferty: the chi-square quantile from the normal one (z = 4.75 for 1 - 1e-6).
  const double h = 2 / (9 * k);
  const double critical = k * std::pow(1 - h + 4.75 * std::sqrt(h), 3);
  EXPECT_LT(chi2, critical) << "chi-square with " << k << " degrees of freedom";
}

}  // namespace mamar::sim::test
