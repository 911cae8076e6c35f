#include "mamar/model/distribution.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "mamar/common/time.hpp"

namespace mamar::model {
namespace {

double normal_pdf(double x) {
  return std::exp(-0.5 * x * x) / std::sqrt(2 * std::numbers::pi);
}
double normal_cdf(double x) {
  return 0.5 * std::erfc(-x / std::numbers::sqrt2);
}

}  // namespace

double Distribution::mean() const {
  switch (kind) {
    case DistributionKind::Fixed:
      return a;
    case DistributionKind::Uniform:
      return (a + b) / 2;
    case DistributionKind::Triangular:
      return (a + b + c) / 3;
    case DistributionKind::Exponential:
      return a;
    case DistributionKind::Normal: {
      if (b <= 0) return a;
      // Mean of a normal truncated to [lo, hi].
      double alpha = (lo - a) / b;
      double beta = std::isinf(hi) ? std::numeric_limits<double>::infinity() : (hi - a) / b;
      double z = normal_cdf(beta) - normal_cdf(alpha);
      if (z <= 0) return std::clamp(a, lo, hi);
      double pb = std::isinf(beta) ? 0 : normal_pdf(beta);
      return a + b * (normal_pdf(alpha) - pb) / z;
    }
    case DistributionKind::Lognormal: {
      if (std::isinf(hi)) return a;
      if (b <= 0 || a <= 0 || hi <= 0) return std::max(0.0, std::min(a, hi));
      // Draws are capped at `max` (min(X, max)), not redrawn: E[min(X, c)] = a Φ((ln c − μ −
      // σ²)/σ) + c (1 − Φ((ln c − μ)/σ)), with μ and σ those of ln X.
      const double sigma2 = std::log1p((b * b) / (a * a));
      const double sigma = std::sqrt(sigma2);
      const double mu = std::log(a) - sigma2 / 2;
      const double z = (std::log(hi) - mu) / sigma;
      return a * normal_cdf(z - sigma) + hi * (1 - normal_cdf(z));
    }
    case DistributionKind::Empirical: {
      double sum = 0;
      double weight = 0;
      for (auto [v, w] : table) {
        sum += v * w;
        weight += w;
      }
      return weight > 0 ? sum / weight : 0;
    }
    case DistributionKind::EmpiricalCdf: {
      double sum = 0;
      for (std::size_t i = 1; i < table.size(); ++i) {
        double p = table[i].second - table[i - 1].second;
        sum += p * (table[i].first + table[i - 1].first) / 2;
      }
      return sum;
    }
  }
  return a;
}

double Distribution::min() const {
  switch (kind) {
    case DistributionKind::Fixed:
    case DistributionKind::Uniform:
    case DistributionKind::Triangular:
      return a;
    case DistributionKind::Exponential:
      return 0;
    case DistributionKind::Lognormal:
      return b == 0 ? std::min(a, hi) : 0;  // no spread: always its mean
    case DistributionKind::Normal:
      return b == 0 ? std::clamp(a, lo, hi) : lo;
    case DistributionKind::Empirical:
    case DistributionKind::EmpiricalCdf: {
      double m = std::numeric_limits<double>::infinity();
      for (auto [v, w] : table) {
        if (kind == DistributionKind::EmpiricalCdf || w > 0) m = std::min(m, v);
      }
      return m;
    }
  }
  return a;
}

double Distribution::max() const {
  switch (kind) {
    case DistributionKind::Fixed:
      return a;
    case DistributionKind::Uniform:
      return b;
    case DistributionKind::Triangular:
      return c;
    case DistributionKind::Exponential:
      return std::numeric_limits<double>::infinity();
    case DistributionKind::Normal:
      return b == 0 ? std::clamp(a, lo, hi) : hi;
    case DistributionKind::Lognormal:
      return b == 0 ? std::min(a, hi) : hi;
    case DistributionKind::Empirical:
    case DistributionKind::EmpiricalCdf: {
      double m = -std::numeric_limits<double>::infinity();
      for (auto [v, w] : table) {
        if (kind == DistributionKind::EmpiricalCdf || w > 0) m = std::max(m, v);
      }
      return m;
    }
  }
  return a;
}

std::string Distribution::describe(bool duration) const {
  auto v = [&](double x) {
    if (std::isinf(x)) return std::string("inf");
    return duration ? format_duration(Duration::milliseconds(std::llround(x)))
                    : fmt::format("{:g}", x);
  };
  switch (kind) {
    case DistributionKind::Fixed:
      return v(a);
    case DistributionKind::Uniform:
      return fmt::format("uniform({}, {})", v(a), v(b));
    case DistributionKind::Triangular:
      return fmt::format("triangular({}, {}, {})", v(a), v(b), v(c));
    case DistributionKind::Exponential:
      return fmt::format("exponential(mean {})", v(a));
    case DistributionKind::Normal:
      return fmt::format("normal(mean {}, sd {})", v(a), v(b));
    case DistributionKind::Lognormal:
      return fmt::format("lognormal(mean {}, sd {})", v(a), v(b));
    case DistributionKind::Empirical:
      return fmt::format("empirical({} values, mean {})", table.size(), v(mean()));
    case DistributionKind::EmpiricalCdf:
      return fmt::format("empirical cdf({} points, mean {})", table.size(), v(mean()));
  }
  return v(a);
}

}  // namespace mamar::model
