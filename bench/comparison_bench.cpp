// Benchmarks of a "what if" comparison's interval of the change in a high percentile of the time
// to clear everyone (sim::paired_percentile_change(): a percentile bootstrap over whole pairs).
//
//   PairedPercentileChange/<pairs>/<percent>   the function as compare_monte_carlo() calls it,
//                                              2,000 resamples: each resample's percentiles
//                                              found from the pairs' counts, walking each run's
//                                              sorted order from the top.
//   DrawAndSelect/<pairs>/<percent>            its peer, the textbook way: each resample's values
//                                              drawn into two arrays, each percentile found by
//                                              std::nth_element; the same 2,000 resamples.
//
// The pairs are exponential times, the variant's 0.8 times the base's plus an independent part,
// as common random numbers make a variant's. Items per second are pairs resampled per second
// (pairs × resamples). Run:
//   ./build/bench/comparison_bench --benchmark_repetitions=5
//   --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "mamar/sim/comparison.hpp"
#include "mamar/sim/random.hpp"
#include "mamar/sim/statistics.hpp"

namespace {

constexpr std::size_t kResamples = 2000;

struct Pairs {
  std::vector<double> base;
  std::vector<double> variant;
};

Pairs pairs(std::size_t n) {
  mamar::sim::RandomStream rng(1, 0, 7);
  Pairs p;
  for (std::size_t i = 0; i < n; ++i) {
    p.base.push_back(10 + rng.exponential(2.0));
    p.variant.push_back(0.8 * p.base.back() + rng.exponential(1.0));
  }
  return p;
}

void PairedPercentileChange(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const double p = static_cast<double>(state.range(1)) / 100;
  const Pairs data = pairs(n);
  mamar::sim::RandomStream rng(2, 0, 1);
  for (auto _ : state) {
    const mamar::sim::PercentileChange c =
        mamar::sim::paired_percentile_change(data.base, data.variant, p, rng, kResamples);
    benchmark::DoNotOptimize(c);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(n * kResamples));
}

void DrawAndSelect(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const double p = static_cast<double>(state.range(1)) / 100;
  const Pairs data = pairs(n);
  const std::size_t rank = mamar::sim::percentile_rank(n, p);
  mamar::sim::RandomStream rng(2, 0, 1);
  std::vector<double> base(n);
  std::vector<double> variant(n);
  std::vector<double> changes(kResamples);
  for (auto _ : state) {
    for (std::size_t r = 0; r < kResamples; ++r) {
      for (std::size_t k = 0; k < n; ++k) {
        const auto i = static_cast<std::size_t>(rng.uniform_index(n));
        base[k] = data.base[i];
        variant[k] = data.variant[i];
      }
      std::nth_element(base.begin(), base.begin() + static_cast<std::ptrdiff_t>(rank), base.end());
      std::nth_element(variant.begin(), variant.begin() + static_cast<std::ptrdiff_t>(rank),
                       variant.end());
      changes[r] = variant[rank] - base[rank];
    }
    std::sort(changes.begin(), changes.end());
    benchmark::DoNotOptimize(changes.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(n * kResamples));
}

// The same sizes for both: pairs, and the chance in percent.
void Sizes(benchmark::internal::Benchmark* b) {
  b->Args({1000, 95})->Args({10000, 95})->Args({10000, 99})->Args({100000, 95});
  b->Unit(benchmark::kMillisecond);
}

}  // namespace

BENCHMARK(PairedPercentileChange)->Apply(Sizes);
BENCHMARK(DrawAndSelect)->Apply(Sizes);

BENCHMARK_MAIN();
