#include "mamar/sim/monte_carlo.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cassert>
#include <cmath>
#include <condition_variable>
#include <exception>
#include <iterator>
#include <limits>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

#include "chances.hpp"
#include "compiled.hpp"

namespace mamar::sim::detail {

Chances clearance_chances(std::span<const double> t100_h) {
  const std::vector<double> sorted = sort_censored_last(t100_h);
  Chances out{percentiles_sorted(sorted, kClearancePercentiles), {}};
  for (const int percent : kHighChancePercents) {
    const QuantileInterval q = quantile_interval_sorted(sorted, percent / 100.0);
    if (q.exists) out.intervals.push_back({percent, q.low, q.high});
  }
  return out;
}

}  // namespace mamar::sim::detail

namespace mamar::sim {
namespace {

// --- scalar columns ------------------------------------------------------------------------

// Every quantity summarised here is a count, a duration, a time since the agreement's start or
// a share: none is below 0, and a share is at most 1. The intervals of their means are clipped
// to that (see summarize()).
constexpr double kLowest = 0;
constexpr double kNoHighest = std::numeric_limits<double>::infinity();

// How each summarised quantity of an operation is read from a replication.
struct OperationMetric {
  Summary OperationSummary::*summary;
  double (*read)(const OperationResult&);
  double highest = kNoHighest;
};

double as_double(std::int64_t v) {
  return static_cast<double>(v);
}

const std::array<OperationMetric, 18> kOperationMetrics = {{
    {&OperationSummary::leaving, [](const OperationResult& o) { return as_double(o.leaving); }},
    {&OperationSummary::stayed, [](const OperationResult& o) { return as_double(o.stayed); }},
    {&OperationSummary::arrived, [](const OperationResult& o) { return as_double(o.arrived); }},
    {&OperationSummary::sheltered, [](const OperationResult& o) { return as_double(o.sheltered); }},
    {&OperationSummary::removed, [](const OperationResult& o) { return as_double(o.removed); }},
    {&OperationSummary::killed, [](const OperationResult& o) { return as_double(o.killed); }},
    {&OperationSummary::injured, [](const OperationResult& o) { return as_double(o.injured); }},
    {&OperationSummary::turned_back,
     [](const OperationResult& o) { return as_double(o.turned_back); }},
    {&OperationSummary::not_cleared,
     [](const OperationResult& o) { return as_double(o.not_cleared); }},
    {&OperationSummary::wait_person_hours,
     [](const OperationResult& o) { return o.wait_person_hours; }},
    {&OperationSummary::outside_person_hours,
     [](const OperationResult& o) { return o.outside_person_hours; }},
    {&OperationSummary::unboarded_wait_person_hours,
     [](const OperationResult& o) { return o.unboarded_wait_person_hours; }},
    {&OperationSummary::held_person_hours,
     [](const OperationResult& o) { return o.held_person_hours; }},
    {&OperationSummary::queue_person_hours,
     [](const OperationResult& o) { return o.queue_person_hours; }},
    {&OperationSummary::convoys, [](const OperationResult& o) { return as_double(o.convoys); }},
    {&OperationSummary::trips, [](const OperationResult& o) { return as_double(o.trips); }},
    {&OperationSummary::vehicles_lost,
     [](const OperationResult& o) { return as_double(o.vehicles_lost); }},
    {&OperationSummary::utilisation, [](const OperationResult& o) { return o.utilisation; }, 1.0},
}};

// Where a quantity is among kOperationMetrics.
std::size_t metric_index(Summary OperationSummary::*summary) {
  std::size_t i = 0;
  while (i + 1 < kOperationMetrics.size() && kOperationMetrics[i].summary != summary) ++i;
  assert(kOperationMetrics[i].summary == summary);
  return i;
}

struct CheckpointMetric {
  Summary CheckpointSummary::*summary;
  double (*read)(const CheckpointResult&);
  // A quantity of the vehicles inspected (their waits): a replication in which none was has no
  // value of it, and is left out of its sample rather than counted as 0.
  bool of_vehicles = false;
};

const std::array<CheckpointMetric, 6> kCheckpointMetrics = {{
    {&CheckpointSummary::vehicles, [](const CheckpointResult& c) { return as_double(c.vehicles); }},
    {&CheckpointSummary::mean_wait_min, [](const CheckpointResult& c) { return c.mean_wait_min; },
     true},
    {&CheckpointSummary::max_wait_min, [](const CheckpointResult& c) { return c.max_wait_min; },
     true},
    {&CheckpointSummary::mean_queue, [](const CheckpointResult& c) { return c.mean_queue; }},
    {&CheckpointSummary::max_queue,
     [](const CheckpointResult& c) { return as_double(c.max_queue); }},
    {&CheckpointSummary::holds, [](const CheckpointResult& c) { return as_double(c.holds); }},
}};

struct GatheringPointMetric {
  Summary GatheringPointSummary::*summary;
  double (*read)(const GatheringPointResult&);
};

const std::array<GatheringPointMetric, 3> kGatheringPointMetrics = {{
    {&GatheringPointSummary::peak_waiting,
     [](const GatheringPointResult& g) { return as_double(g.peak_waiting); }},
    {&GatheringPointSummary::peak_at_h, [](const GatheringPointResult& g) { return g.peak_at_h; }},
    {&GatheringPointSummary::over_capacity_h,
     [](const GatheringPointResult& g) { return g.over_capacity_h; }},
}};

struct ClearanceColumns {
  std::vector<double> t90;
  std::vector<double> t100;

  void add(const Clearance& c) {
    t90.push_back(c.t90_h);
    t100.push_back(c.t100_h);
  }
  ClearanceSummary summarize_all() const {
    return {summarize(t90, kLowest), summarize(t100, kLowest)};
  }
};

// The people of a phase or category: arrived, removed, killed, injured (Outcomes), per replication.
struct OutcomesColumns {
  std::array<std::vector<double>, 4> values;

  void reserve(std::size_t n) {
    for (auto& v : values) v.reserve(n);
  }
  void add(const Outcomes& o) {
    values[0].push_back(as_double(o.arrived));
    values[1].push_back(as_double(o.removed));
    values[2].push_back(as_double(o.killed));
    values[3].push_back(as_double(o.injured));
  }
  OutcomesSummary summarize_all() const {
    return {summarize(values[0], kLowest), summarize(values[1], kLowest),
            summarize(values[2], kLowest), summarize(values[3], kLowest)};
  }
};

// Person-hours of a category or phase: waiting, held, queueing (Exposure), per replication.
struct ExposureColumns {
  std::array<std::vector<double>, 3> values;

  void reserve(std::size_t n) {
    for (auto& v : values) v.reserve(n);
  }
  void add(const Exposure& e) {
    values[0].push_back(e.waiting);
    values[1].push_back(e.held);
    values[2].push_back(e.queueing);
  }
  ExposureSummary summarize_all() const {
    return {summarize(values[0], kLowest), summarize(values[1], kLowest),
            summarize(values[2], kLowest)};
  }
};

struct OperationColumns {
  ClearanceColumns clearance;
  std::vector<ClearanceColumns> phases;
  std::vector<OutcomesColumns> phase_outcomes;
  std::vector<ExposureColumns> phase_exposure;
  std::vector<OutcomesColumns> category_outcomes;
  std::vector<ExposureColumns> category_exposure;
  std::vector<ClearanceColumns> categories;
  std::vector<std::vector<double>> category_not_cleared;
  std::vector<std::array<std::vector<double>, kLeftReasons>> category_left;  // [category][reason]
  std::size_t in_ceasefire = 0;
  std::vector<std::size_t> phase_in_ceasefire;     // replications each phase was out in time
  std::vector<std::size_t> category_in_ceasefire;  // and each category
  std::array<std::vector<double>, kOperationMetrics.size()> metrics;
  std::array<std::vector<double>, kLeftReasons> left;
};

struct CheckpointColumns {
  std::int32_t place = -1;
  std::array<std::vector<double>, kCheckpointMetrics.size()> metrics;
};

struct GatheringPointColumns {
  std::int32_t place = -1;
  std::array<std::vector<double>, kGatheringPointMetrics.size()> metrics;
};

// --- curves --------------------------------------------------------------------------------

// The curves of one replication, cut where they stop changing and downsampled.
struct CompactCurves {
  std::vector<float> times_h;
  std::vector<std::vector<float>> series;
};

// The series of a replication in a fixed order: per operation inside, in transit, out; per
// gathering point, the people waiting there; then per linkage, the parity of each of its
// operations.
std::vector<const std::vector<double>*> series_of(const ReplicationResult& r) {
  std::vector<const std::vector<double>*> out;
  for (const auto& op : r.operations) {
    out.push_back(&op.inside);
    out.push_back(&op.in_transit);
    out.push_back(&op.out);
  }
  for (const auto& gp : r.gathering_points) out.push_back(&gp.waiting);
  for (const auto& l : r.linkages) {
    for (const auto& p : l.parity) out.push_back(&p);
  }
  return out;
}

// Value of a series at point j; a short series holds its last value, an empty one is 0.
double at(const std::vector<double>& s, std::size_t j) {
  if (s.empty()) return 0;
  return s[std::min(j, s.size() - 1)];
}

CompactCurves compact(const ReplicationResult& r, std::size_t series_count) {
  CompactCurves out;
  const auto& times = r.curve_times_h;
  if (times.empty()) return out;
  auto all = series_of(r);
  all.resize(series_count, nullptr);
  static const std::vector<double> kEmpty;
  for (auto& s : all) {
    if (s == nullptr) s = &kEmpty;
  }
  // The last point where any series changes; after it every series is constant.
  std::size_t last = 0;
  for (std::size_t j = 1; j < times.size(); ++j) {
    for (const auto* s : all) {
      if (at(*s, j) != at(*s, j - 1)) {
        last = j;
        break;
      }
    }
  }
  // Every vector sized once: this runs for thousands of replications on the thread that folds.
  std::vector<std::size_t> keep;
  keep.reserve(std::min(last + 1, kCurvePointsPerReplication));
  if (last + 1 <= kCurvePointsPerReplication) {
    for (std::size_t j = 0; j <= last; ++j) keep.push_back(j);
  } else {
    for (std::size_t k = 0; k < kCurvePointsPerReplication; ++k) {
      keep.push_back((k * last + (kCurvePointsPerReplication - 1) / 2) /
                     (kCurvePointsPerReplication - 1));
    }
  }
  out.times_h.reserve(keep.size());
  for (std::size_t j : keep) out.times_h.push_back(static_cast<float>(times[j]));
  out.series.resize(series_count);
  for (std::size_t i = 0; i < series_count; ++i) {
    out.series[i].reserve(keep.size());
    for (std::size_t j : keep) out.series[i].push_back(static_cast<float>(at(*all[i], j)));
  }
  return out;
}

// A round number, a whole number of tenths of a power of ten (`tenths` × 10^(exponent − 1)):
// the step of the bands' time grid, the width of a histogram's bins.
struct RoundStep {
  double tenths = 10;
  int exponent = 0;

  // k steps (k whole): the double nearest to the decimal it stands for. k × 0.01 in binary is
  // not (552 × 0.01 is 5.5200000000000005, and 3 × 1.2 is 3.5999999999999996); a whole number
  // over an exact power of ten is, as division rounds correctly.
  double times(double k) const {
    const double units = k * tenths;  // whole, exact
    const int e = exponent - 1;
    return e >= 0 ? units * std::pow(10.0, e) : units / std::pow(10.0, -e);
  }
  double value() const { return times(1); }
};

// A "nice" number ≥ x from mantissas such as {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8} × 10^k.
RoundStep nice_at_least(double x, std::span<const double> mantissas) {
  if (!(x > 0)) return {};
  const int exponent = static_cast<int>(std::floor(std::log10(x)));
  const double scale = std::pow(10.0, exponent);
  for (double m : mantissas) {
    if (m * scale >= x * (1 - 1e-12)) return {std::round(m * 10), exponent};
  }
  return {10, exponent + 1};
}

constexpr std::array<double, 10> kGridMantissas = {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8};
constexpr std::array<double, 3> kHistogramMantissas = {1, 2, 5};

// --- the fold --------------------------------------------------------------------------------

// Folds replication results, given strictly in index order, into columns and curves.
class Aggregator {
 public:
  Aggregator(const model::Scenario& scenario, const MonteCarloOptions& options)
      : options_(options) {
    operations_.resize(scenario.operations.size());
    for (std::size_t i = 0; i < operations_.size(); ++i) {
      operations_[i].phases.resize(scenario.operations[i].phases.size());
      operations_[i].phase_outcomes.resize(scenario.operations[i].phases.size());
      operations_[i].phase_exposure.resize(scenario.operations[i].phases.size());
      operations_[i].phase_in_ceasefire.resize(scenario.operations[i].phases.size());
      operations_[i].category_in_ceasefire.resize(scenario.categories.size());
      operations_[i].category_outcomes.resize(scenario.categories.size());
      operations_[i].category_exposure.resize(scenario.categories.size());
      operations_[i].categories.resize(scenario.categories.size());
      operations_[i].category_not_cleared.resize(scenario.categories.size());
      operations_[i].category_left.resize(scenario.categories.size());
    }
    // Every column sized once for the replications asked for, as memory_kept() counts them: a
    // column that doubled as it grew would hold twice its values for a moment. Pages reserved
    // and never written (a run stopped early) are not memory taken.
    const std::size_t n = options.replications;
    auto reserve = [n](ClearanceColumns& c) {
      c.t90.reserve(n);
      c.t100.reserve(n);
    };
    reserve(overall_);
    for (auto& cols : operations_) {
      reserve(cols.clearance);
      for (auto& p : cols.phases) reserve(p);
      for (auto& p : cols.phase_outcomes) p.reserve(n);
      for (auto& p : cols.phase_exposure) p.reserve(n);
      for (auto& c : cols.category_outcomes) c.reserve(n);
      for (auto& c : cols.category_exposure) c.reserve(n);
      for (auto& c : cols.categories) reserve(c);
      for (auto& c : cols.category_not_cleared) c.reserve(n);
      for (auto& by_reason : cols.category_left) {
        for (auto& c : by_reason) c.reserve(n);
      }
      for (auto& m : cols.metrics) m.reserve(n);
      for (auto& l : cols.left) l.reserve(n);
    }
    curves_.reserve(std::min(n, options.curve_replications));
  }

  std::size_t count() const { return count_; }

  /// Whether the half-width of the 95% interval of the mean overall 100% clearance time, as
  /// finish() reports it, is below `target` (never while a replication has not cleared). Checked
  /// every batch, it must not cost a pass over every value: running moments decide, but for a
  /// half-width within a millionth of the target, where their last bits (which differ from the
  /// compensated sums of summarize()) could decide otherwise than the figure reported.
  bool overall_t100_within(double target) const {
    if (t100_censored_ > 0 || count_ < 2) return false;
    const double n = static_cast<double>(count_);
    const double half = student_t_quantile(0.975, n - 1) * std::sqrt(t100_m2_ / (n - 1) / n);
    if (std::abs(half - target) > 1e-6 * target) return half < target;
    return summarize(overall_.t100, kLowest).ci95_half < target;
  }

  void add(const ReplicationResult& r) {
    if (count_ == 0) shape_from(r);
    for (std::size_t i = 0; i < operations_.size(); ++i)
      add_operation(operations_[i], i < r.operations.size() ? &r.operations[i] : nullptr);
    add_checkpoints(r);
    add_gathering_points(r);
    for (std::size_t l = 0; l < r.linkages.size() && l < tranche_done_.size(); ++l) {
      const auto& times = r.linkages[l].tranche_done_h;
      for (std::size_t k = 0; k < times.size() && k < tranche_done_[l].size(); ++k)
        tranche_done_[l][k].push_back(times[k]);
    }
    overall_.add(r.clearance);
    if (std::isnan(r.clearance.t100_h) || std::isinf(r.clearance.t100_h)) {
      ++t100_censored_;
    } else {
      // Welford's update of the mean and the sum of squared deviations.
      const double delta = r.clearance.t100_h - t100_mean_;
      t100_mean_ += delta / static_cast<double>(count_ + 1 - t100_censored_);
      t100_m2_ += delta * (r.clearance.t100_h - t100_mean_);
    }
    if (r.finished_in_ceasefire) ++overall_in_ceasefire_;
    events_ += r.events;
    if (count_ < options_.curve_replications) {
      if (step_h_ <= 0 && r.curve_times_h.size() >= 2)
        step_h_ = r.curve_times_h[1] - r.curve_times_h[0];
      if (!r.curve_times_h.empty())
        last_curve_time_h_ = std::max(last_curve_time_h_, r.curve_times_h.back());
      curves_.push_back(compact(r, series_count_));
    }
    ++count_;
  }

  MonteCarloResult finish() const {
    MonteCarloResult out;
    out.replications = count_;
    out.mean_events = count_ > 0 ? static_cast<double>(events_) / static_cast<double>(count_) : 0;
    out.curve_replications = curves_.size();
    out.curve_times_h = grid();
    const auto bands = all_bands(out.curve_times_h);
    std::size_t series = 0;
    for (std::size_t i = 0; i < operations_.size(); ++i) {
      const OperationColumns& cols = operations_[i];
      OperationSummary s;
      s.operation = static_cast<std::int32_t>(i);
      s.clearance = cols.clearance.summarize_all();
      detail::Chances all = detail::clearance_chances(cols.clearance.t100);
      s.t100_percentiles_h = std::move(all.percentiles);
      s.t100_chance_intervals = std::move(all.intervals);
      for (const auto& p : cols.phases) {
        s.phases.push_back(p.summarize_all());
        detail::Chances phase = detail::clearance_chances(p.t100);
        s.phase_t100_percentiles_h.push_back(std::move(phase.percentiles));
        s.phase_t100_chance_intervals.push_back(std::move(phase.intervals));
      }
      for (const auto& p : cols.phase_outcomes) s.phase_outcomes.push_back(p.summarize_all());
      for (const auto& p : cols.phase_exposure) s.phase_exposure.push_back(p.summarize_all());
      for (std::size_t p = 0; p < cols.phases.size(); ++p) {
        s.phase_in_ceasefire.push_back(
            wilson_interval(cols.phase_in_ceasefire[p], cols.phases[p].t100.size()));
      }
      for (std::size_t c = 0; c < cols.categories.size(); ++c) {
        s.category_in_ceasefire.push_back(
            wilson_interval(cols.category_in_ceasefire[c], cols.categories[c].t100.size()));
      }
      for (const auto& c : cols.category_outcomes) s.category_outcomes.push_back(c.summarize_all());
      for (const auto& c : cols.category_exposure) s.category_exposure.push_back(c.summarize_all());
      for (const auto& c : cols.categories) {
        s.categories.push_back(c.summarize_all());
        detail::Chances category = detail::clearance_chances(c.t100);
        s.category_t100_percentiles_h.push_back(std::move(category.percentiles));
        s.category_t100_chance_intervals.push_back(std::move(category.intervals));
      }
      for (const auto& c : cols.category_not_cleared)
        s.category_not_cleared.push_back(summarize(c, kLowest));
      for (const auto& c : cols.category_left) {
        auto& by_reason = s.category_left_by_reason.emplace_back();
        for (std::size_t k = 0; k < kLeftReasons; ++k) by_reason[k] = summarize(c[k], kLowest);
      }
      s.finished_in_ceasefire = wilson_interval(cols.in_ceasefire, count_);
      for (std::size_t m = 0; m < kOperationMetrics.size(); ++m)
        s.*(kOperationMetrics[m].summary) =
            summarize(cols.metrics[m], kLowest, kOperationMetrics[m].highest);
      for (std::size_t k = 0; k < kLeftReasons; ++k)
        s.left_by_reason[k] = summarize(cols.left[k], kLowest);
      if (series + 3 <= bands.size()) {
        s.inside = bands[series];
        s.in_transit = bands[series + 1];
        s.out = bands[series + 2];
      }
      series += 3;
      out.operations.push_back(std::move(s));
    }
    for (const auto& cp : checkpoints_) {
      CheckpointSummary s;
      s.place = cp.place;
      for (std::size_t m = 0; m < kCheckpointMetrics.size(); ++m) {
        if (!kCheckpointMetrics[m].of_vehicles) {
          s.*(kCheckpointMetrics[m].summary) = summarize(cp.metrics[m], kLowest);
          continue;
        }
        std::vector<double> with_traffic;
        with_traffic.reserve(cp.metrics[m].size());
        std::copy_if(cp.metrics[m].begin(), cp.metrics[m].end(), std::back_inserter(with_traffic),
                     [](double v) { return !std::isnan(v); });
        s.*(kCheckpointMetrics[m].summary) = summarize(with_traffic, kLowest);
      }
      out.checkpoints.push_back(s);
    }
    std::sort(out.checkpoints.begin(), out.checkpoints.end(),
              [](const auto& a, const auto& b) { return a.place < b.place; });
    for (const auto& gp : gathering_points_) {
      GatheringPointSummary s;
      s.place = gp.place;
      for (std::size_t m = 0; m < kGatheringPointMetrics.size(); ++m)
        s.*(kGatheringPointMetrics[m].summary) = summarize(gp.metrics[m], kLowest);
      if (series < bands.size()) s.waiting = bands[series];
      ++series;
      out.gathering_points.push_back(std::move(s));
    }
    for (std::size_t l = 0; l < linkage_operations_.size(); ++l) {
      LinkageSummary s;
      s.linkage = static_cast<std::int32_t>(l);
      s.operations = linkage_operations_[l];
      for (std::size_t k = 0; k < s.operations.size(); ++k, ++series) {
        s.parity.push_back(series < bands.size() ? bands[series] : CurveBand{});
      }
      for (const auto& times : tranche_done_[l])
        s.tranche_done_h.push_back(summarize(times, kLowest));
      out.linkages.push_back(std::move(s));
    }
    out.clearance = overall_.summarize_all();
    detail::Chances overall = detail::clearance_chances(overall_.t100);
    out.t100_percentiles_h = std::move(overall.percentiles);
    out.t100_chance_intervals = std::move(overall.intervals);
    out.finished_in_ceasefire = wilson_interval(overall_in_ceasefire_, count_);
    out.t100_histogram = make_histogram(overall_.t100);
    // People not out at the end, of all operations (and by what held them): the operations'
    // columns summed by replication.
    auto all_operations = [this](auto column) {
      std::vector<double> sum(count_, 0.0);
      for (const auto& cols : operations_) {
        const std::vector<double>& values = column(cols);
        for (std::size_t j = 0; j < values.size() && j < count_; ++j) sum[j] += values[j];
      }
      return sum;
    };
    const std::size_t k = metric_index(&OperationSummary::not_cleared);
    const std::vector<double> not_cleared =
        all_operations([k](const OperationColumns& c) -> const auto& { return c.metrics[k]; });
    out.not_cleared = summarize(not_cleared, kLowest);
    out.not_cleared_histogram = make_histogram(not_cleared, 40, 1);
    for (std::size_t why = 0; why < kLeftReasons; ++why) {
      out.left_by_reason[why] = summarize(
          all_operations([why](const OperationColumns& c) -> const auto& { return c.left[why]; }),
          kLowest);
    }
    return out;
  }

 private:
  void shape_from(const ReplicationResult& r) {
    for (const auto& l : r.linkages) {
      linkage_operations_.push_back(l.operations);
      tranche_done_.emplace_back(l.tranche_done_h.size());
      for (auto& column : tranche_done_.back()) column.reserve(options_.replications);
    }
    series_count_ = 3 * operations_.size() + r.gathering_points.size();
    for (const auto& ops : linkage_operations_) series_count_ += ops.size();
  }

  void add_operation(OperationColumns& cols, const OperationResult* op) {
    static const OperationResult kMissing{};
    const OperationResult& o = op != nullptr ? *op : kMissing;
    cols.clearance.add(o.clearance);
    for (std::size_t p = 0; p < cols.phases.size(); ++p) {
      // A phase that had nobody to clear in this replication has no clearance time either.
      if (p < o.phase_people.size() && o.phase_people[p] == 0) continue;
      const Clearance phase = p < o.phases.size() ? o.phases[p] : Clearance{};
      cols.phases[p].add(phase);
      if (cleared_by(phase, o.ceasefire_end_h)) ++cols.phase_in_ceasefire[p];
      cols.phase_outcomes[p].add(p < o.phase_outcomes.size() ? o.phase_outcomes[p] : Outcomes{});
      cols.phase_exposure[p].add(p < o.phase_exposure.size() ? o.phase_exposure[p] : Exposure{});
    }
    for (std::size_t c = 0; c < cols.categories.size(); ++c) {
      // A category nobody of which leaves has no clearance time: leave it out, not censored.
      if (c < o.category_leaving.size() && o.category_leaving[c] == 0) continue;
      if (c >= o.category_leaving.size() &&
          (c >= o.categories.size() || std::isnan(o.categories[c].t100_h)))
        continue;
      const Clearance category = c < o.categories.size() ? o.categories[c] : Clearance{};
      cols.categories[c].add(category);
      if (cleared_by(category, o.ceasefire_end_h)) ++cols.category_in_ceasefire[c];
      cols.category_not_cleared[c].push_back(
          c < o.category_not_cleared.size() ? as_double(o.category_not_cleared[c]) : 0.0);
      cols.category_outcomes[c].add(c < o.category_outcomes.size() ? o.category_outcomes[c]
                                                                   : Outcomes{});
      cols.category_exposure[c].add(c < o.category_exposure.size() ? o.category_exposure[c]
                                                                   : Exposure{});
      for (std::size_t k = 0; k < kLeftReasons; ++k) {
        cols.category_left[c][k].push_back(c < o.category_left_by_reason.size()
                                               ? as_double(o.category_left_by_reason[c][k])
                                               : 0.0);
      }
    }
    if (o.finished_in_ceasefire) ++cols.in_ceasefire;
    for (std::size_t m = 0; m < kOperationMetrics.size(); ++m)
      cols.metrics[m].push_back(kOperationMetrics[m].read(o));
    for (std::size_t k = 0; k < kLeftReasons; ++k)
      cols.left[k].push_back(as_double(o.left_by_reason[k]));
  }

  void add_checkpoints(const ReplicationResult& r) {
    std::vector<bool> seen(checkpoints_.size(), false);
    for (const auto& c : r.checkpoints) {
      auto it = std::find_if(checkpoints_.begin(), checkpoints_.end(),
                             [&](const auto& x) { return x.place == c.place; });
      if (it == checkpoints_.end()) {
        // First seen now: earlier replications had no traffic there.
        CheckpointColumns cols;
        cols.place = c.place;
        for (std::size_t m = 0; m < kCheckpointMetrics.size(); ++m) {
          cols.metrics[m].reserve(std::max(options_.replications, count_ + 1));
          cols.metrics[m].assign(count_, no_traffic(m));
        }
        checkpoints_.push_back(std::move(cols));
        seen.push_back(false);
        it = checkpoints_.end() - 1;
      }
      const auto k = static_cast<std::size_t>(it - checkpoints_.begin());
      if (seen[k]) continue;
      seen[k] = true;
      for (std::size_t m = 0; m < kCheckpointMetrics.size(); ++m) {
        it->metrics[m].push_back(c.vehicles > 0 ? kCheckpointMetrics[m].read(c) : no_traffic(m));
      }
    }
    for (std::size_t k = 0; k < checkpoints_.size(); ++k) {
      if (!seen[k]) {
        for (std::size_t m = 0; m < kCheckpointMetrics.size(); ++m)
          checkpoints_[k].metrics[m].push_back(no_traffic(m));
      }
    }
  }

  // The value of checkpoint metric m in a replication in which no vehicle was inspected there:
  // none (NaN, left out of the sample) for a quantity of the vehicles inspected, else 0.
  static double no_traffic(std::size_t m) {
    return kCheckpointMetrics[m].of_vehicles ? std::numeric_limits<double>::quiet_NaN() : 0.0;
  }

  // A replication gives every gathering point of the scenario's operations, in the same order.
  void add_gathering_points(const ReplicationResult& r) {
    if (count_ == 0) {
      for (const auto& g : r.gathering_points) {
        GatheringPointColumns cols;
        cols.place = g.place;
        for (auto& m : cols.metrics) m.reserve(options_.replications);
        gathering_points_.push_back(std::move(cols));
      }
    }
    for (std::size_t k = 0; k < gathering_points_.size(); ++k) {
      static const GatheringPointResult kMissing{};
      const GatheringPointResult& g =
          k < r.gathering_points.size() ? r.gathering_points[k] : kMissing;
      for (std::size_t m = 0; m < kGatheringPointMetrics.size(); ++m)
        gathering_points_[k].metrics[m].push_back(kGatheringPointMetrics[m].read(g));
    }
  }

  // The common time grid: from 0 to the latest time any stored curve changes, with a round
  // step no finer than the engine's curve step, at most kBandPoints points; not past the
  // horizon (the last sample), where the last step is cut short when it would pass it.
  std::vector<double> grid() const {
    double end = 0;
    for (const auto& c : curves_) {
      if (!c.times_h.empty()) end = std::max(end, static_cast<double>(c.times_h.back()));
    }
    if (std::all_of(curves_.begin(), curves_.end(),
                    [](const auto& c) { return c.times_h.empty(); }))
      return {};
    // Curves that never change: show them over the whole run rather than over one step.
    if (std::all_of(curves_.begin(), curves_.end(),
                    [](const auto& c) { return c.times_h.size() <= 1; })) {
      end = last_curve_time_h_;
    }
    if (end <= 0) end = step_h_ > 0 ? step_h_ : 1;
    const RoundStep round =
        nice_at_least(end / static_cast<double>(kBandPoints - 1), kGridMantissas);
    // The engine's step where it is the longer (not always a decimal: a horizon of 10 min).
    const bool engine_step = step_h_ > round.value();
    std::vector<double> out;
    for (std::size_t k = 0;; ++k) {
      const auto steps = static_cast<double>(k);
      double t = engine_step ? steps * step_h_ : round.times(steps);
      if (last_curve_time_h_ > 0) t = std::min(t, last_curve_time_h_);
      out.push_back(t);
      // (The stored curves' times are floats: one that is not a whole number of hours, as a
      // horizon of 10 min, is a little past the double it was.)
      if (t >= end * (1 - 1e-6) || out.size() >= kBandPoints) break;
    }
    return out;
  }

  std::vector<CurveBand> all_bands(const std::vector<double>& grid_h) const {
    std::vector<CurveBand> out(series_count_);
    if (grid_h.empty() || curves_.empty()) return out;
    std::vector<double> column(curves_.size());
    std::vector<std::vector<double>> values(grid_h.size(), std::vector<double>(curves_.size()));
    for (std::size_t s = 0; s < series_count_; ++s) {
      for (std::size_t r = 0; r < curves_.size(); ++r) {
        const CompactCurves& c = curves_[r];
        std::size_t j = 0;
        for (std::size_t g = 0; g < grid_h.size(); ++g) {
          values[g][r] = interpolate(c, s, grid_h[g], j);
        }
      }
      CurveBand& band = out[s];
      for (std::size_t g = 0; g < grid_h.size(); ++g) {
        std::copy(values[g].begin(), values[g].end(), column.begin());
        // Curve values are never censored, so a selection gives the same percentile as a sort.
        // The median first: the smaller ranks are then among the values before it, the larger
        // ones among those after it.
        const auto rank = [&](double p) {
          return static_cast<std::ptrdiff_t>(percentile_rank(column.size(), p));
        };
        const std::ptrdiff_t k10 = rank(0.1);
        const std::ptrdiff_t k50 = rank(0.5);
        const std::ptrdiff_t k90 = rank(0.9);
        const auto at = [&](std::ptrdiff_t k) { return column.begin() + k; };
        std::nth_element(column.begin(), at(k50), column.end());
        if (k10 < k50) std::nth_element(column.begin(), at(k10), at(k50));
        if (k90 > k50) std::nth_element(at(k50 + 1), at(k90), column.end());
        band.p10.push_back(static_cast<float>(*at(k10)));
        band.median.push_back(static_cast<float>(*at(k50)));
        band.p90.push_back(static_cast<float>(*at(k90)));
      }
    }
    return out;
  }

  // Linear interpolation of series s of c at time t; `j` walks forward over increasing t.
  static double interpolate(const CompactCurves& c, std::size_t s, double t, std::size_t& j) {
    if (c.times_h.empty() || s >= c.series.size()) return 0;
    const auto& times = c.times_h;
    const auto& v = c.series[s];
    while (j + 1 < times.size() && static_cast<double>(times[j + 1]) <= t) ++j;
    if (j + 1 >= times.size() || t <= static_cast<double>(times[j]))
      return static_cast<double>(v[j]);
    const double t0 = times[j];
    const double t1 = times[j + 1];
    const double w = (t - t0) / (t1 - t0);
    return static_cast<double>(v[j]) +
           w * (static_cast<double>(v[j + 1]) - static_cast<double>(v[j]));
  }

  const MonteCarloOptions& options_;
  std::size_t count_ = 0;
  std::vector<OperationColumns> operations_;
  std::vector<CheckpointColumns> checkpoints_;
  std::vector<GatheringPointColumns> gathering_points_;
  std::vector<std::vector<std::int32_t>> linkage_operations_;
  // By linkage and tranche: when it was complete in each replication (NaN: never).
  std::vector<std::vector<std::vector<double>>> tranche_done_;
  ClearanceColumns overall_;
  std::size_t overall_in_ceasefire_ = 0;
  std::size_t t100_censored_ = 0;
  double t100_mean_ = 0;
  double t100_m2_ = 0;
  std::uint64_t events_ = 0;
  std::size_t series_count_ = 0;
  double step_h_ = 0;
  double last_curve_time_h_ = 0;
  std::vector<CompactCurves> curves_;
};

// --- the pool --------------------------------------------------------------------------------

// Worker threads running replications; results wait in a reorder buffer until the caller folds
// them in index order. Workers stay at most `lookahead` replications ahead of the fold, which
// bounds the buffer. The destructor stops and joins the workers.
class ReplicationPool {
 public:
  ReplicationPool(const ReplicationFunction& replicate, std::size_t total, unsigned threads,
                  std::size_t lookahead)
      : replicate_(replicate),
        total_(total),
        lookahead_(lookahead),
        chunk_(std::max<std::size_t>(1, lookahead / 4)) {
    for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
  }
  ~ReplicationPool() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    room_.notify_all();
    for (auto& w : workers_) w.join();
  }
  ReplicationPool(const ReplicationPool&) = delete;
  ReplicationPool& operator=(const ReplicationPool&) = delete;

  /// Waits for replication `index` and takes it; rethrows a replication's exception.
  ReplicationResult take(std::size_t index) {
    std::unique_lock lock(mutex_);
    if (error_ == nullptr && done_.count(index) == 0) {
      // Sleep until a chunk of results waits, not just the next one: the caller shares the cores
      // with the workers, and waking it for every replication (a system call and a context switch
      // each) cost a twentieth of the run on a 2-core machine.
      wanted_ = std::min(chunk_, total_ - index);
      ready_.wait(lock, [&] {
        return error_ != nullptr || (done_.count(index) > 0 && done_.size() >= wanted_);
      });
      wanted_ = 0;
    }
    if (error_ != nullptr) std::rethrow_exception(error_);
    auto node = done_.extract(index);
    folded_ = index + 1;
    lock.unlock();
    room_.notify_all();
    return std::move(node.mapped());
  }

 private:
  void work() {
    for (;;) {
      const std::size_t i = next_.fetch_add(1);
      if (i >= total_) return;
      {
        std::unique_lock lock(mutex_);
        room_.wait(lock, [&] { return stop_ || i < folded_ + lookahead_; });
        if (stop_) return;
      }
      bool wake = true;
      try {
        ReplicationResult r = replicate_(i);
        std::lock_guard lock(mutex_);
        done_.emplace(i, std::move(r));
        wake = wanted_ > 0 && done_.size() >= wanted_;
      } catch (...) {
        std::lock_guard lock(mutex_);
        if (error_ == nullptr) error_ = std::current_exception();
        stop_ = true;
      }
      if (wake) ready_.notify_one();
    }
  }

  const ReplicationFunction& replicate_;
  const std::size_t total_;
  const std::size_t lookahead_;
  const std::size_t chunk_;  // results the caller waits for at once (fewer than lookahead_)
  std::atomic<std::size_t> next_{0};
  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable room_;
  std::map<std::size_t, ReplicationResult> done_;
  std::size_t folded_ = 0;
  std::size_t wanted_ = 0;  // while the caller waits: results it waits for; else 0
  bool stop_ = false;
  std::exception_ptr error_;
  std::vector<std::thread> workers_;  // last: started after, and joined before, the rest dies
};

}  // namespace

namespace {

// The workers of a run, and how far they may run ahead of the fold (in replications).
// No more than the cores: more workers only wait on each other (on 2 cores, 64 threads took 15
// times as long as 2 for 20,000 replications of a small scenario, most of it in the kernel).
unsigned worker_threads(const MonteCarloOptions& options) {
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const unsigned threads = options.threads != 0 ? std::min(options.threads, cores) : cores;
  return static_cast<unsigned>(
      std::min<std::size_t>(threads, std::max<std::size_t>(options.replications, 1)));
}

std::size_t lookahead(const MonteCarloOptions& options, unsigned threads) {
  return std::max<std::size_t>(2 * std::max<std::size_t>(options.batch, 1),
                               4 * std::size_t{threads});
}

// The heap of one replication's result at most, as the engine gives it (collect()): its
// operations with their phases, categories and curves, its checkpoints and gathering points, the
// linkages' parity (at most every operation in each) and the curves' times; every vector with
// the allocator's two words beside it.
std::size_t result_bytes(const model::Scenario& s, std::size_t points) {
  constexpr std::size_t kBlock = 2 * sizeof(void*);
  const std::size_t curve = points * sizeof(double) + kBlock;
  const std::size_t categories = s.categories.size();
  std::size_t bytes = 5 * kBlock + curve;  // the result's own vectors, the curves' times
  for (const auto& op : s.operations) {
    bytes += sizeof(OperationResult) + 3 * curve + 9 * kBlock +
             op.phases.size() * (sizeof(Clearance) + sizeof(std::int64_t) + sizeof(Outcomes)) +
             categories * (sizeof(Clearance) + 2 * sizeof(std::int64_t) +
                           sizeof(std::array<std::int64_t, kLeftReasons>) + sizeof(Outcomes) +
                           sizeof(Exposure));
  }
  for (const auto& place : s.places) {
    if (place.kind == model::PlaceKind::Checkpoint) bytes += sizeof(CheckpointResult);
    if (detail::gathers_at(s, place)) bytes += sizeof(GatheringPointResult) + curve;
  }
  bytes += s.agreement.linkages.size() *
           (sizeof(LinkageResult) + 3 * kBlock +
            s.operations.size() * (sizeof(std::vector<double>) + curve + sizeof(std::int32_t)));
  for (const auto& l : s.agreement.linkages) bytes += l.tranches.size() * sizeof(double);
  return bytes;
}

}  // namespace

std::size_t memory_kept(const model::Scenario& scenario, const MonteCarloOptions& options,
                        const RunOptions& run) {
  const std::size_t n = options.replications;
  const std::size_t categories = scenario.categories.size();
  // The values kept of each replication, as Aggregator::add() keeps them: the overall clearance
  // times; per operation its clearance times, those of each phase and category, each category's
  // people left (in all, and by reason), its quantities and its people left by reason; per
  // checkpoint its quantities (every checkpoint of the scenario, traffic or not); per gathering
  // point of an operation its quantities.
  std::size_t values = 2;
  std::size_t series = 0;
  for (const auto& op : scenario.operations) {
    // Each phase: its two clearance times, four outcomes and three exposures; each category: its
    // clearance times, people left, by reason, four outcomes and three exposures.
    values += 2 + 9 * op.phases.size() + categories * (2 + 1 + kLeftReasons + 4 + 3) +
              kOperationMetrics.size() + kLeftReasons;
    series += 3;
  }
  for (const auto& place : scenario.places) {
    if (place.kind == model::PlaceKind::Checkpoint) values += kCheckpointMetrics.size();
    if (detail::gathers_at(scenario, place)) {
      values += kGatheringPointMetrics.size();
      series += 1;  // the people waiting there
    }
  }
  // A linkage's parity: one series per operation it ties (at most every operation); when each of
  // its tranches was complete.
  series += scenario.agreement.linkages.size() * scenario.operations.size();
  for (const auto& l : scenario.agreement.linkages) values += l.tranches.size();
  // Summarising copies a column at a time, and sums the operations' columns a quantity at a time.
  const std::size_t columns = n * (values + 2) * sizeof(double);
  // The curves of the first replications: a time and each series' values per point, as float.
  const std::size_t curve_replications = std::min(n, options.curve_replications);
  const std::size_t curves =
      curve_replications * (sizeof(CompactCurves) + (series + 1) * sizeof(std::vector<float>) +
                            (series + 1) * kCurvePointsPerReplication * sizeof(float)) +
      kBandPoints * curve_replications * sizeof(double);
  // The results on their way to the fold: those the workers may have run ahead of it, and one in
  // the making on each, each in a node of the pool's map.
  const unsigned threads = worker_threads(options);
  const std::size_t ahead = std::min(n, lookahead(options, threads) + threads);
  constexpr std::size_t kMapNode = 4 * sizeof(void*) + sizeof(std::size_t);
  const std::size_t in_flight = ahead * (sizeof(ReplicationResult) + kMapNode +
                                         result_bytes(scenario, detail::curve_points(run)));
  return columns + curves + in_flight;
}

Histogram make_histogram(std::span<const double> values, std::size_t max_bins, double min_width) {
  Histogram h;
  double lo = std::numeric_limits<double>::infinity();
  double hi = -lo;
  for (double v : values) {
    if (std::isnan(v) || std::isinf(v)) {
      ++h.not_reached;
      continue;
    }
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  if (lo > hi) return h;
  max_bins = std::max<std::size_t>(max_bins, 1);
  RoundStep width = nice_at_least(std::max({(hi - lo) / static_cast<double>(max_bins),
                                            std::max(std::abs(hi), 1.0) * 1e-3, min_width}),
                                  kHistogramMantissas);
  // Which bin a value falls in, as if in decimal: widths such as 0.05 are not exact in binary,
  // and 0.3 / 0.05 is 5.999...; a value within a billionth of a bin below an edge is on it (the
  // simulated times are whole milliseconds, far coarser than that).
  auto bin_of = [](double x, double w) { return std::floor(x / w + 1e-9); };
  // The edges are whole numbers of bins, each the decimal it stands for (RoundStep::times()).
  for (;;) {
    const double first = width.times(bin_of(lo, width.value()));
    const auto bins = static_cast<std::size_t>(bin_of(hi - first, width.value())) + 1;
    if (bins <= max_bins) {
      h.first_edge = first;
      h.bin_width = width.value();
      h.counts.assign(bins, 0);
      break;
    }
    width = nice_at_least(width.value() * 1.01, kHistogramMantissas);
  }
  for (double v : values) {
    if (std::isnan(v) || std::isinf(v)) continue;
    const double k = bin_of(v - h.first_edge, h.bin_width);
    const auto bin =
        static_cast<std::size_t>(std::clamp(k, 0.0, static_cast<double>(h.counts.size() - 1)));
    ++h.counts[bin];
  }
  return h;
}

MonteCarloResult run_monte_carlo(const model::Scenario& scenario,
                                 const ReplicationFunction& replicate,
                                 const MonteCarloOptions& options, const RunOptions& run) {
  const std::size_t total = options.replications;
  const std::size_t batch = std::max<std::size_t>(options.batch, 1);
  const unsigned threads = worker_threads(options);

  Aggregator aggregator(scenario, options);
  bool stopped_early = false;
  bool interrupted = false;
  if (total > 0) {
    ReplicationPool pool(replicate, total, threads, lookahead(options, threads));
    for (std::size_t i = 0; i < total; ++i) {
      aggregator.add(pool.take(i));
      if (options.progress) options.progress(i + 1, total);
      if (options.interrupted && i + 1 < total && options.interrupted()) {
        interrupted = true;
        break;
      }
      if (options.ci_target_h && (i + 1) % batch == 0 && i + 1 < total &&
          aggregator.overall_t100_within(*options.ci_target_h)) {
        stopped_early = true;
        break;
      }
    }
  }
  MonteCarloResult out = aggregator.finish();
  out.replications_requested = total;
  out.seed = options.seed;
  out.ci_target_h = options.ci_target_h;
  out.stopped_early = stopped_early;
  out.interrupted = interrupted;
  out.run = run;
  return out;
}

}  // namespace mamar::sim
