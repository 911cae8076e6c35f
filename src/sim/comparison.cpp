#include "mamar/sim/comparison.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cassert>
#include <cmath>
#include <exception>
#include <functional>
#include <limits>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <type_traits>
#include <utility>

#include "chances.hpp"
#include "compiled.hpp"

namespace mamar::sim {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

bool not_reached(double v) {
  return std::isnan(v) || v == kInf;
}

// The quantities of an operation compared, read from a replication, with their bounds (every one
// is at least 0; a share is at most 1).
struct Quantity {
  PairedDifference OperationComparison::*field;
  double (*read)(const OperationResult&);
  double highest = kInf;
  bool chance = false;  ///< 1 or 0 in a replication
};

double as_double(std::int64_t v) {
  return static_cast<double>(v);
}

// Element i of v, or a value-initialised one where v has none (an operation's vectors by category
// or phase may be shorter: a category the operation lacks, a replication that gives no count).
template <class T>
const T& element_or_none(const std::vector<T>& v, std::size_t i) {
  static const T kNone{};
  return i < v.size() ? v[i] : kNone;
}

const std::array<Quantity, 16> kQuantities = {{
    {&OperationComparison::t90_h, [](const OperationResult& o) { return o.clearance.t90_h; }},
    {&OperationComparison::t100_h, [](const OperationResult& o) { return o.clearance.t100_h; }},
    {&OperationComparison::finished_in_ceasefire,
     [](const OperationResult& o) { return o.finished_in_ceasefire ? 1.0 : 0.0; }, 1.0, true},
    {&OperationComparison::wait_person_hours,
     [](const OperationResult& o) { return o.wait_person_hours; }},
    {&OperationComparison::outside_person_hours,
     [](const OperationResult& o) { return o.outside_person_hours; }},
    {&OperationComparison::held_person_hours,
     [](const OperationResult& o) { return o.held_person_hours; }},
    {&OperationComparison::queue_person_hours,
     [](const OperationResult& o) { return o.queue_person_hours; }},
    {&OperationComparison::sheltered,
     [](const OperationResult& o) { return as_double(o.sheltered); }},
    {&OperationComparison::removed, [](const OperationResult& o) { return as_double(o.removed); }},
    {&OperationComparison::killed, [](const OperationResult& o) { return as_double(o.killed); }},
    {&OperationComparison::injured, [](const OperationResult& o) { return as_double(o.injured); }},
    {&OperationComparison::turned_back,
     [](const OperationResult& o) { return as_double(o.turned_back); }},
    {&OperationComparison::not_cleared,
     [](const OperationResult& o) { return as_double(o.not_cleared); }},
    {&OperationComparison::vehicles_lost,
     [](const OperationResult& o) { return as_double(o.vehicles_lost); }},
    {&OperationComparison::trips, [](const OperationResult& o) { return as_double(o.trips); }},
    {&OperationComparison::utilisation, [](const OperationResult& o) { return o.utilisation; },
     1.0},
}};

// The quantities of all operations together, read from a replication.
struct OverallQuantity {
  PairedDifference OverallComparison::*field;
  double (*read)(const ReplicationResult&);
  double highest = kInf;
  bool chance = false;
};

const std::array<OverallQuantity, 4> kOverallQuantities = {{
    {&OverallComparison::t90_h, [](const ReplicationResult& r) { return r.clearance.t90_h; }},
    {&OverallComparison::t100_h, [](const ReplicationResult& r) { return r.clearance.t100_h; }},
    {&OverallComparison::finished_in_ceasefire,
     [](const ReplicationResult& r) { return r.finished_in_ceasefire ? 1.0 : 0.0; }, 1.0, true},
    {&OverallComparison::not_cleared,
     [](const ReplicationResult& r) {
       double people = 0;
       for (const auto& op : r.operations) people += as_double(op.not_cleared);
       return people;
     }},
}};

// The quantities of a category in an operation compared, read from a replication (every one is at
// least 0); `c` is a category index of the replication's scenario, which the operation may lack
// (its vectors are then empty: the values are 0).
struct CategoryQuantity {
  PairedDifference CategoryComparison::*field;
  double (*read)(const OperationResult&, std::size_t c);
};

const std::array<CategoryQuantity, 7> kCategoryQuantities = {{
    {&CategoryComparison::not_cleared,
     [](const OperationResult& o, std::size_t c) {
       return as_double(element_or_none(o.category_not_cleared, c));
     }},
    {&CategoryComparison::removed,
     [](const OperationResult& o, std::size_t c) {
       return as_double(element_or_none(o.category_outcomes, c).removed);
     }},
    {&CategoryComparison::killed,
     [](const OperationResult& o, std::size_t c) {
       return as_double(element_or_none(o.category_outcomes, c).killed);
     }},
    {&CategoryComparison::injured,
     [](const OperationResult& o, std::size_t c) {
       return as_double(element_or_none(o.category_outcomes, c).injured);
     }},
    {&CategoryComparison::wait_person_hours,
     [](const OperationResult& o, std::size_t c) {
       return element_or_none(o.category_exposure, c).waiting;
     }},
    {&CategoryComparison::held_person_hours,
     [](const OperationResult& o, std::size_t c) {
       return element_or_none(o.category_exposure, c).held;
     }},
    {&CategoryComparison::queue_person_hours,
     [](const OperationResult& o, std::size_t c) {
       return element_or_none(o.category_exposure, c).queueing;
     }},
}};

// The times of a category in an operation compared, read from a replication where people of it
// left (NaN where not reached).
struct CategoryTime {
  PairedDifference CategoryComparison::*field;
  double (*read)(const OperationResult&, std::size_t c);
  double highest = kInf;
  bool chance = false;
};

const std::array<CategoryTime, 3> kCategoryTimes = {{
    {&CategoryComparison::t90_h,
     [](const OperationResult& o, std::size_t c) {
       return element_or_none(o.categories, c).t90_h;
     }},
    {&CategoryComparison::t100_h,
     [](const OperationResult& o, std::size_t c) {
       return element_or_none(o.categories, c).t100_h;
     }},
    {&CategoryComparison::finished_in_ceasefire,
     [](const OperationResult& o, std::size_t c) {
       return cleared_by(element_or_none(o.categories, c), o.ceasefire_end_h) ? 1.0 : 0.0;
     },
     1.0, true},
}};

// Whether people of a category left in a replication: as the run decides which replications are
// in the category's times (one that gives no count is where its time was reached).
bool category_had_people(const OperationResult& o, std::size_t c) {
  if (c < o.category_leaving.size()) return o.category_leaving[c] > 0;
  return c < o.categories.size() && !std::isnan(o.categories[c].t100_h);
}

// The quantities of a phase of an operation compared, read from a replication (every one is at
// least 0; a time NaN where not reached); `p` is a phase index of the operation, whose vectors
// may be short (a time is then not reached, a count 0).
struct PhaseQuantity {
  PairedDifference PhaseComparison::*field;
  double (*read)(const OperationResult&, std::size_t p);
  double highest = kInf;
  bool chance = false;
};

const std::array<PhaseQuantity, 9> kPhaseQuantities = {{
    {&PhaseComparison::t90_h,
     [](const OperationResult& o, std::size_t p) { return element_or_none(o.phases, p).t90_h; }},
    {&PhaseComparison::t100_h,
     [](const OperationResult& o, std::size_t p) { return element_or_none(o.phases, p).t100_h; }},
    {&PhaseComparison::finished_in_ceasefire,
     [](const OperationResult& o, std::size_t p) {
       return cleared_by(element_or_none(o.phases, p), o.ceasefire_end_h) ? 1.0 : 0.0;
     },
     1.0, true},
    {&PhaseComparison::removed,
     [](const OperationResult& o, std::size_t p) {
       return as_double(element_or_none(o.phase_outcomes, p).removed);
     }},
    {&PhaseComparison::killed,
     [](const OperationResult& o, std::size_t p) {
       return as_double(element_or_none(o.phase_outcomes, p).killed);
     }},
    {&PhaseComparison::injured,
     [](const OperationResult& o, std::size_t p) {
       return as_double(element_or_none(o.phase_outcomes, p).injured);
     }},
    {&PhaseComparison::wait_person_hours,
     [](const OperationResult& o, std::size_t p) {
       return element_or_none(o.phase_exposure, p).waiting;
     }},
    {&PhaseComparison::held_person_hours,
     [](const OperationResult& o, std::size_t p) {
       return element_or_none(o.phase_exposure, p).held;
     }},
    {&PhaseComparison::queue_person_hours,
     [](const OperationResult& o, std::size_t p) {
       return element_or_none(o.phase_exposure, p).queueing;
     }},
}};

// Whether a phase had people to clear in a replication: as the run decides which replications
// are in the phase's sample (one that gives no count is).
bool phase_had_people(const OperationResult& o, std::size_t p) {
  return p >= o.phase_people.size() || o.phase_people[p] > 0;
}

// The quantities of a gathering point compared, read from a replication (both at least 0).
struct GatheringPointQuantity {
  PairedDifference GatheringPointComparison::*field;
  double (*read)(const GatheringPointResult&);
};

const std::array<GatheringPointQuantity, 2> kGatheringPointQuantities = {{
    {&GatheringPointComparison::peak_waiting,
     [](const GatheringPointResult& g) { return as_double(g.peak_waiting); }},
    {&GatheringPointComparison::over_capacity_h,
     [](const GatheringPointResult& g) { return g.over_capacity_h; }},
}};

// What is kept of each replication of a run, a row of numbers: each operation's quantities, then
// its people left by reason, then by category (of its own scenario's categories) its quantities
// each followed by its people left by reason, its times and 1 where people of it left (0 where
// not), then by phase (of its own phases) its quantities each followed by 1 where the phase had
// people to clear (0 where not); all operations' quantities and people left by reason after
// them; last each gathering point's quantities, in the order the replication gives them (that of
// MonteCarloResult::gathering_points).
constexpr std::size_t kQuantityCount = kQuantities.size();
constexpr std::size_t kPerOperation = kQuantityCount + kLeftReasons;
constexpr std::size_t kPerCategory =
    kCategoryQuantities.size() + kLeftReasons + kCategoryTimes.size() + 1;
constexpr std::size_t kPerPhase = kPhaseQuantities.size() + 1;

// The numbers of operation `op` of `s` in a row: operations of more phases have more.
std::size_t stride(const model::Scenario& s, const model::Operation& op) {
  return kPerOperation + s.categories.size() * kPerCategory + op.phases.size() * kPerPhase;
}

// Where the numbers of operation `i` begin in a row (i = the operation count: where those of all
// operations begin).
std::size_t operation_at(const model::Scenario& s, std::size_t i) {
  std::size_t at = 0;
  for (std::size_t k = 0; k < i && k < s.operations.size(); ++k) at += stride(s, s.operations[k]);
  return at;
}

// Where the phases of an operation begin among its numbers.
std::size_t phases_at(const model::Scenario& s) {
  return kPerOperation + s.categories.size() * kPerCategory;
}

// Where the gathering points' quantities begin in a row.
std::size_t gathering_points_at(const model::Scenario& s) {
  return operation_at(s, s.operations.size()) + kOverallQuantities.size() + kLeftReasons;
}

// The paired difference of a quantity of the tables above, by its kind.
template <class Quantity>
PairedDifference difference_of(const Quantity& quantity, std::span<const double> base,
                               std::span<const double> variant) {
  return quantity.chance ? paired_chance_difference(base, variant)
                         : paired_difference(base, variant, 0, quantity.highest);
}

// Where the time to clear everyone stands among an operation's quantities (kQuantities), those
// of all operations (kOverallQuantities), a phase's (kPhaseQuantities) or a category's times
// (kCategoryTimes).
template <class Quantities, class Field>
std::size_t index_of(const Quantities& quantities, Field field) {
  for (std::size_t q = 0; q < quantities.size(); ++q) {
    if (quantities[q].field == field) return q;
  }
  return 0;
}

// The change of one high percentile of some people's times to clear everyone, paired by
// replication, with its interval: read from the rows of both runs (columns base_column and
// variant_column; where flags are given, only the pairs in which both are above 0), and drawn from
// a stream of its own named by what it is of, so that it depends neither on what else is
// compared nor on which thread computes it. `into` finds where it goes in the comparison.
struct ChangeJob {
  std::size_t base_column = 0;
  std::size_t variant_column = 0;
  std::optional<std::pair<std::size_t, std::size_t>> flags;  // base's, variant's
  int percent = 0;
  std::string stream;
  std::function<std::vector<PercentileChange>&(Comparison&)> into;
};

// The jobs of the high chances there are pairs enough for (`pairs` of them) of some people's
// times, the stream of each named after `scope` ("operation:ID", "all" …).
void add_change_jobs(std::vector<ChangeJob>& jobs, std::size_t pairs, ChangeJob job,
                     const std::string& scope) {
  for (const int percent : kHighChancePercents) {
    if (pairs < paired_percentile_change_min_n(static_cast<double>(percent) / 100)) continue;
    job.percent = percent;
    job.stream = "comparison:" + scope + ":t100:" + std::to_string(percent);
    jobs.push_back(job);
  }
}

// Runs the jobs on `threads` threads (the calling one among them), asking `interrupted` (if set)
// on the calling thread before any starts and before each job it takes, and telling `progress`
// (if set) there how many were taken, and all of them at the end; the changes by job, or none
// when interrupted before every job was taken.
std::optional<std::vector<PercentileChange>> run_change_jobs(
    const std::vector<ChangeJob>& jobs, const std::vector<std::vector<double>>& base_rows,
    const std::vector<std::vector<double>>& variant_rows, std::uint64_t seed, unsigned threads,
    const std::function<bool()>& interrupted,
    const std::function<void(std::size_t, std::size_t)>& progress) {
  std::vector<PercentileChange> out(jobs.size());
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex failure_mutex;
  std::exception_ptr failure;
  auto work = [&](bool calling) {
    std::vector<double> xs;
    std::vector<double> ys;
    try {
      for (bool first = true; !stop.load(); first = false) {
        if (calling && !first && interrupted && interrupted()) {
          stop = true;
          break;
        }
        const std::size_t i = next.fetch_add(1);
        if (i >= jobs.size()) break;
        if (calling && progress) progress(i, jobs.size());
        const ChangeJob& job = jobs[i];
        xs.clear();
        ys.clear();
        for (std::size_t r = 0; r < base_rows.size(); ++r) {
          if (job.flags &&
              !(base_rows[r][job.flags->first] > 0 && variant_rows[r][job.flags->second] > 0))
            continue;
          xs.push_back(base_rows[r][job.base_column]);
          ys.push_back(variant_rows[r][job.variant_column]);
        }
        RandomStream rng(seed, 0, job.stream);
        out[i] = paired_percentile_change(xs, ys, static_cast<double>(job.percent) / 100, rng);
      }
    } catch (...) {
      const std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      stop = true;
    }
  };
  if (interrupted && interrupted()) return std::nullopt;  // before any job is taken
  std::vector<std::thread> pool;
  const std::size_t workers =
      std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(jobs.size(), 1));
  for (std::size_t t = 1; t < workers; ++t) {
    try {
      pool.emplace_back(work, false);
    } catch (const std::system_error&) {
      break;  // no more threads to be had: those there are do the work
    }
  }
  work(true);
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  if (next.load() < jobs.size() && stop.load()) return std::nullopt;
  if (progress && !jobs.empty()) progress(jobs.size(), jobs.size());
  return out;
}

std::size_t row_size(const model::Scenario& s) {
  return gathering_points_at(s) +
         detail::gathering_point_count(s) * kGatheringPointQuantities.size();
}

}  // namespace

std::size_t comparison_memory_kept(const model::Scenario& base, const model::Scenario& variant,
                                   const MonteCarloOptions& options, const RunOptions& run) {
  // A row is a vector of its own: its header, and its numbers with the allocator's word beside.
  auto rows = [&](const model::Scenario& s) {
    return options.replications *
           (sizeof(std::vector<double>) + row_size(s) * sizeof(double) + 2 * sizeof(void*));
  };
  return memory_kept(base, options, run) + memory_kept(variant, options, run) + rows(base) +
         rows(variant);
}

PairedDifference paired_difference(std::span<const double> base, std::span<const double> variant,
                                   double lowest, double highest) {
  assert(base.size() == variant.size());
  PairedDifference d;
  const std::size_t n = std::min(base.size(), variant.size());
  d.pairs = n;
  d.base = summarize(base.first(n), lowest, highest);
  d.variant = summarize(variant.first(n), lowest, highest);
  if (n == 0) return d;
  std::vector<double> differences;
  differences.reserve(n);
  bool all_reached = true;
  for (std::size_t i = 0; i < n; ++i) {
    const bool base_missing = not_reached(base[i]);
    const bool variant_missing = not_reached(variant[i]);
    double x = 0;
    if (variant_missing && !base_missing) {
      x = kInf;
    } else if (base_missing && !variant_missing) {
      x = -kInf;
    } else if (!base_missing) {
      x = variant[i] - base[i];
    }
    all_reached = all_reached && !base_missing && !variant_missing;
    if (x > 0) {
      ++d.higher;
    } else if (x < 0) {
      ++d.lower;
    } else {
      ++d.same;
    }
    differences.push_back(x);
  }
  if (all_reached) {
    const auto [mean, variance] = moments(differences);
    d.mean = mean;
    if (n > 1) {
      const double dn = static_cast<double>(n);
      d.ci95_half = student_t_quantile(0.975, dn - 1) * std::sqrt(variance / dn);
      d.ci95_low = mean - d.ci95_half;
      d.ci95_high = mean + d.ci95_half;
      // Two independent runs of n each: Welch's interval of the difference of their means.
      // As summarize() takes them: a sample that never varies has variance 0.
      const double vb = moments(base.first(n)).variance / dn;
      const double vv = moments(variant.first(n)).variance / dn;
      const double se2 = vb + vv;
      if (se2 > 0) {
        const double dof = se2 * se2 / ((vb * vb + vv * vv) / (dn - 1));
        d.independent_ci95_half = student_t_quantile(0.975, dof) * std::sqrt(se2);
      } else {
        d.independent_ci95_half = 0;
      }
    }
  }
  std::sort(differences.begin(), differences.end());
  d.p10 = differences[percentile_rank(n, 0.1)];
  d.median = differences[percentile_rank(n, 0.5)];
  d.p90 = differences[percentile_rank(n, 0.9)];
  return d;
}

PairedDifference paired_chance_difference(std::span<const double> base,
                                          std::span<const double> variant) {
  PairedDifference d = paired_difference(base, variant, 0, 1);
  const std::size_t n = d.pairs;
  if (n == 0) return d;
  // The pairs as a 2 x 2 table: both 1 (a), only the variant 1 (b), only the base 1 (c), neither
  // (d). The variant's share is (a + b) / n, the base's (a + c) / n, their difference (b − c) / n.
  std::size_t both = 0;
  for (std::size_t i = 0; i < n; ++i) both += base[i] > 0 && variant[i] > 0 ? 1U : 0U;
  const std::size_t only_variant = d.higher;
  const std::size_t only_base = d.lower;
  const std::size_t neither = n - both - only_variant - only_base;
  const Proportion v = wilson_interval(both + only_variant, n);
  const Proportion b = wilson_interval(both + only_base, n);
  // The correlation of the pair's two values (phi), 0 where a margin is empty; method 10 takes
  // n / 2 off a positive numerator (a continuity correction of phi alone).
  auto f = [](std::size_t x) { return static_cast<double>(x); };
  const double margins = f(both + only_variant) * f(only_base + neither) * f(both + only_base) *
                         f(only_variant + neither);
  double phi = 0;
  if (margins > 0) {
    double numerator = f(both) * f(neither) - f(only_variant) * f(only_base);
    if (numerator > 0) numerator = std::max(numerator - f(n) / 2, 0.0);
    phi = numerator / std::sqrt(margins);
  }
  const double theta = v.estimate - b.estimate;
  const double below_v = v.estimate - v.ci95_low;
  const double above_v = v.ci95_high - v.estimate;
  const double below_b = b.estimate - b.ci95_low;
  const double above_b = b.ci95_high - b.estimate;
  const double down =
      std::sqrt(std::max(0.0, below_v * below_v - 2 * phi * below_v * above_b + above_b * above_b));
  const double up =
      std::sqrt(std::max(0.0, below_b * below_b - 2 * phi * below_b * above_v + above_v * above_v));
  d.ci95_low = std::max(-1.0, theta - down);
  d.ci95_high = std::min(1.0, theta + up);
  return d;
}

std::size_t paired_percentile_change_min_n(double p) {
  return quantile_interval_min_n(p);
}

PercentileChange paired_percentile_change(std::span<const double> base,
                                          std::span<const double> variant, double p,
                                          RandomStream& rng, std::size_t resamples) {
  assert(base.size() == variant.size());
  PercentileChange out;
  out.percent = static_cast<int>(std::lround(p * 100));
  const std::size_t n = std::min(base.size(), variant.size());
  if (n == 0) return out;
  // A value as the percentiles take it: not reached (NaN or +∞) above every time reached.
  auto time = [](double v) {
    if (not_reached(v)) return kInf;
    return v;
  };
  const std::size_t rank = percentile_rank(n, p);
  // Each run's pairs in ascending order of its values (not reached last, ties by index).
  auto order_of = [&](std::span<const double> values) {
    std::vector<std::uint32_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = static_cast<std::uint32_t>(i);
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      return time(values[a]) < time(values[b]);
    });
    return order;
  };
  const std::vector<std::uint32_t> base_order = order_of(base.first(n));
  const std::vector<std::uint32_t> variant_order = order_of(variant.first(n));
  const double base_point = time(base[base_order[rank]]);
  const double variant_point = time(variant[variant_order[rank]]);
  out.change_h = base_point == kInf && variant_point == kInf ? kNaN : variant_point - base_point;
  if (n < paired_percentile_change_min_n(p) || base_point == kInf || variant_point == kInf ||
      resamples == 0)
    return out;
  // A resample draws n pairs with replacement: counts[i] times pair i. Its percentile is the
  // value at ascending position `rank` of the resample, found from the top, where the n − rank
  // values at or above it are few.
  std::vector<std::uint32_t> counts(n);
  auto percentile_of = [&](std::span<const double> values,
                           const std::vector<std::uint32_t>& order) {
    std::size_t above = 0;
    for (std::size_t j = n; j-- > 0;) {
      above += counts[order[j]];
      if (above >= n - rank) return time(values[order[j]]);
    }
    return time(values[order[0]]);
  };
  // A resample in which neither run reaches its percentile has no change to give: it could be
  // any, so it counts as −∞ for the interval's lower bound and +∞ for its upper one (one in
  // which only one run reaches it gives a change of ±∞).
  std::vector<double> changes;
  changes.reserve(resamples);
  std::size_t undetermined = 0;
  for (std::size_t r = 0; r < resamples; ++r) {
    std::fill(counts.begin(), counts.end(), 0U);
    for (std::size_t k = 0; k < n; ++k) ++counts[rng.uniform_index(n)];
    const double b = percentile_of(base.first(n), base_order);
    const double v = percentile_of(variant.first(n), variant_order);
    if (b == kInf && v == kInf) {
      ++undetermined;
    } else {
      changes.push_back(v - b);
    }
  }
  std::sort(changes.begin(), changes.end());
  const auto b = static_cast<double>(resamples);
  const auto low = static_cast<std::size_t>(std::floor(0.025 * b));
  const std::size_t high = static_cast<std::size_t>(std::ceil(0.975 * b)) - 1;
  out.ci95_low_h = -kInf;
  out.ci95_high_h = kInf;
  if (low >= undetermined) out.ci95_low_h = changes[low - undetermined];
  if (high < changes.size()) out.ci95_high_h = changes[high];
  return out;
}

Comparison compare_monte_carlo(const Engine& base, const Engine& variant,
                               const MonteCarloOptions& options) {
  if (options.ci_target_h) {
    throw std::invalid_argument(
        "a comparison runs a fixed number of replications: it takes no CI target");
  }
  Comparison out;
  out.replications = options.replications;
  out.seed = options.seed;
  const std::size_t n = options.replications;

  // Operations matched by id, in the base's order.
  const auto& base_ops = base.scenario().operations;
  const auto& variant_ops = variant.scenario().operations;
  std::vector<std::pair<std::int32_t, std::int32_t>> matched;
  std::vector<bool> variant_matched(variant_ops.size(), false);
  for (std::size_t b = 0; b < base_ops.size(); ++b) {
    const auto it = std::find_if(variant_ops.begin(), variant_ops.end(),
                                 [&](const auto& o) { return o.id == base_ops[b].id; });
    if (it == variant_ops.end()) {
      out.only_in_base.push_back(static_cast<std::int32_t>(b));
      continue;
    }
    const auto v = static_cast<std::size_t>(it - variant_ops.begin());
    variant_matched[v] = true;
    matched.emplace_back(static_cast<std::int32_t>(b), static_cast<std::int32_t>(v));
  }
  for (std::size_t v = 0; v < variant_ops.size(); ++v) {
    if (!variant_matched[v]) out.only_in_variant.push_back(static_cast<std::int32_t>(v));
  }

  // What is kept of each replication of a run, by replication index: the compared quantities of
  // every operation (operation-major, with its categories and phases), then those of all
  // operations, then those of every gathering point. Each index is written once, by whichever
  // thread runs it, into room made before the run.
  struct Run {
    MonteCarloResult result;
    std::vector<std::vector<double>> rows;
  };
  auto run = [&](const Engine& engine, std::size_t done_before) {
    Run r;
    r.rows.resize(n);
    const std::size_t categories = engine.scenario().categories.size();
    std::vector<std::size_t> phases;  // of each operation
    for (const auto& op : engine.scenario().operations) phases.push_back(op.phases.size());
    MonteCarloOptions o = options;
    if (options.progress) {
      o.progress = [&options, done_before, n](std::size_t done, std::size_t) {
        options.progress(done_before + done, 2 * n);
      };
    }
    const std::uint64_t seed = options.seed;
    r.result = run_monte_carlo(
        engine.scenario(),
        [&engine, &r, seed, categories, &phases, numbers = row_size(engine.scenario()),
         points = detail::gathering_point_count(engine.scenario())](std::uint64_t replication) {
          ReplicationResult result = engine.run(seed, replication);
          std::vector<double> row;
          row.reserve(numbers);
          std::array<double, kLeftReasons> left{};
          for (std::size_t i = 0; i < result.operations.size(); ++i) {
            const OperationResult& op = result.operations[i];
            for (const auto& q : kQuantities) row.push_back(q.read(op));
            for (std::size_t k = 0; k < kLeftReasons; ++k) {
              row.push_back(as_double(op.left_by_reason[k]));
              left[k] += as_double(op.left_by_reason[k]);
            }
            for (std::size_t c = 0; c < categories; ++c) {
              for (const auto& q : kCategoryQuantities) row.push_back(q.read(op, c));
              for (std::size_t k = 0; k < kLeftReasons; ++k) {
                row.push_back(c < op.category_left_by_reason.size()
                                  ? as_double(op.category_left_by_reason[c][k])
                                  : 0.0);
              }
              for (const auto& q : kCategoryTimes) row.push_back(q.read(op, c));
              row.push_back(category_had_people(op, c) ? 1.0 : 0.0);
            }
            for (std::size_t p = 0; p < (i < phases.size() ? phases[i] : 0); ++p) {
              for (const auto& q : kPhaseQuantities) row.push_back(q.read(op, p));
              row.push_back(phase_had_people(op, p) ? 1.0 : 0.0);
            }
          }
          for (const auto& q : kOverallQuantities) row.push_back(q.read(result));
          row.insert(row.end(), left.begin(), left.end());
          // Every replication gives the same gathering points in the same order; one missing
          // would count 0, so that every row has the length the columns are read at.
          assert(result.gathering_points.size() == points);
          for (std::size_t k = 0; k < points; ++k) {
            static const GatheringPointResult kMissing{};
            const GatheringPointResult& g =
                k < result.gathering_points.size() ? result.gathering_points[k] : kMissing;
            for (const auto& q : kGatheringPointQuantities) row.push_back(q.read(g));
          }
          r.rows[replication] = std::move(row);
          return result;
        },
        o, engine.options());
    return r;
  };
  // An interrupted run leaves the pairs incomplete: nothing to compare.
  Run b = run(base, 0);
  if (b.result.interrupted) {
    out.interrupted = true;
    return out;
  }
  Run v = run(variant, n);
  if (v.result.interrupted) {
    out.interrupted = true;
    return out;
  }
  out.base = std::move(b.result);
  out.variant = std::move(v.result);

  std::vector<double> xs(n);
  std::vector<double> ys(n);
  auto column = [&](std::vector<double>& into, const Run& r, std::size_t index) {
    for (std::size_t i = 0; i < n; ++i) into[i] = r.rows[i][index];
  };
  // The changes of the high chances' times, computed once everything else is compared (the
  // bootstraps take most of the comparison's own time: on all threads, and interruptible).
  std::vector<ChangeJob> jobs;
  // The quantities of a phase or a category (`quantities`, at base_at and variant_at in the rows,
  // then 1 where it had people to clear) over the pairs in which it had people in both runs, as
  // a run leaves the others out of its sample; and the chances of clearing them by a time, each
  // run's over those pairs, and the jobs of their change (from streams named by `scope`, into
  // the changes `into` finds).
  std::vector<std::size_t> both;
  std::vector<double> px;
  std::vector<double> py;
  auto over_pairs = [&](auto& compared, const auto& quantities, std::size_t base_at,
                        std::size_t variant_at, const std::string& scope,
                        std::function<std::vector<PercentileChange>&(Comparison&)> into) {
    const std::size_t people = quantities.size();
    both.clear();
    for (std::size_t i = 0; i < n; ++i) {
      if (b.rows[i][base_at + people] > 0 && v.rows[i][variant_at + people] > 0) both.push_back(i);
    }
    px.resize(both.size());
    py.resize(both.size());
    for (std::size_t q = 0; q < quantities.size(); ++q) {
      for (std::size_t k = 0; k < both.size(); ++k) {
        px[k] = b.rows[both[k]][base_at + q];
        py[k] = v.rows[both[k]][variant_at + q];
      }
      compared.*quantities[q].field = difference_of(quantities[q], px, py);
    }
    const std::size_t t100 =
        index_of(quantities, &std::remove_reference_t<decltype(compared)>::t100_h);
    for (std::size_t k = 0; k < both.size(); ++k) {
      px[k] = b.rows[both[k]][base_at + t100];
      py[k] = v.rows[both[k]][variant_at + t100];
    }
    detail::Chances base_chances = detail::clearance_chances(px);
    detail::Chances variant_chances = detail::clearance_chances(py);
    ComparedChances& chances = compared.t100_chances;
    chances.base_percentiles_h = std::move(base_chances.percentiles);
    chances.variant_percentiles_h = std::move(variant_chances.percentiles);
    chances.base_intervals = std::move(base_chances.intervals);
    chances.variant_intervals = std::move(variant_chances.intervals);
    add_change_jobs(jobs, both.size(),
                    {base_at + t100,
                     variant_at + t100,
                     std::pair{base_at + people, variant_at + people},
                     0,
                     {},
                     std::move(into)},
                    scope);
  };
  for (const auto& [ob, ov] : matched) {
    OperationComparison c;
    c.base_operation = ob;
    c.variant_operation = ov;
    const std::size_t base_at = operation_at(base.scenario(), static_cast<std::size_t>(ob));
    const std::size_t variant_at = operation_at(variant.scenario(), static_cast<std::size_t>(ov));
    for (std::size_t q = 0; q < kQuantityCount; ++q) {
      column(xs, b, base_at + q);
      column(ys, v, variant_at + q);
      c.*kQuantities[q].field = difference_of(kQuantities[q], xs, ys);
    }
    const std::size_t op_index = out.operations.size();
    const std::size_t t100 = index_of(kQuantities, &OperationComparison::t100_h);
    add_change_jobs(jobs, n,
                    {base_at + t100,
                     variant_at + t100,
                     std::nullopt,
                     0,
                     {},
                     [op_index](Comparison& x) -> std::vector<PercentileChange>& {
                       return x.operations[op_index].t100_chance_changes;
                     }},
                    "operation:" + base_ops[static_cast<std::size_t>(ob)].id);
    for (std::size_t k = 0; k < kLeftReasons; ++k) {
      column(xs, b, base_at + kQuantityCount + k);
      column(ys, v, variant_at + kQuantityCount + k);
      c.left_by_reason[k] = paired_difference(xs, ys, 0);
    }
    // Categories matched by id, where people of them leave in this operation in either run.
    const auto& base_cats = base.scenario().categories;
    const auto& variant_cats = variant.scenario().categories;
    const auto& base_op = out.base.operations[static_cast<std::size_t>(ob)];
    const auto& variant_op = out.variant.operations[static_cast<std::size_t>(ov)];
    for (std::size_t cb = 0; cb < base_cats.size(); ++cb) {
      const auto it = std::find_if(variant_cats.begin(), variant_cats.end(),
                                   [&](const auto& x) { return x.id == base_cats[cb].id; });
      if (it == variant_cats.end()) continue;
      const auto cv = static_cast<std::size_t>(it - variant_cats.begin());
      const bool in_base = cb < base_op.categories.size() && base_op.categories[cb].t100_h.n > 0;
      const bool in_variant =
          cv < variant_op.categories.size() && variant_op.categories[cv].t100_h.n > 0;
      if (!in_base && !in_variant) continue;
      const std::size_t base_cat = base_at + kPerOperation + cb * kPerCategory;
      const std::size_t variant_cat = variant_at + kPerOperation + cv * kPerCategory;
      CategoryComparison cc;
      cc.base_category = static_cast<std::int32_t>(cb);
      cc.variant_category = static_cast<std::int32_t>(cv);
      for (std::size_t q = 0; q < kCategoryQuantities.size(); ++q) {
        column(xs, b, base_cat + q);
        column(ys, v, variant_cat + q);
        cc.*kCategoryQuantities[q].field = paired_difference(xs, ys, 0);
      }
      for (std::size_t k = 0; k < kLeftReasons; ++k) {
        column(xs, b, base_cat + kCategoryQuantities.size() + k);
        column(ys, v, variant_cat + kCategoryQuantities.size() + k);
        cc.left_by_reason[k] = paired_difference(xs, ys, 0);
      }
      const std::size_t times = kCategoryQuantities.size() + kLeftReasons;
      over_pairs(
          cc, kCategoryTimes, base_cat + times, variant_cat + times,
          "operation:" + base_ops[static_cast<std::size_t>(ob)].id +
              ":category:" + base_cats[cb].id,
          [op_index, k = c.categories.size()](Comparison& x) -> std::vector<PercentileChange>& {
            return x.operations[op_index].categories[k].t100_chances.changes;
          });
      c.categories.push_back(cc);
    }
    // Phases matched by id, each over the replications where it had people to clear in both runs
    // (a run leaves the others out of the phase's sample).
    const auto& base_phases = base_ops[static_cast<std::size_t>(ob)].phases;
    const auto& variant_phases = variant_ops[static_cast<std::size_t>(ov)].phases;
    for (std::size_t pb = 0; pb < base_phases.size(); ++pb) {
      const auto it = std::find_if(variant_phases.begin(), variant_phases.end(),
                                   [&](const auto& x) { return x.id == base_phases[pb].id; });
      if (it == variant_phases.end()) continue;
      const auto pv = static_cast<std::size_t>(it - variant_phases.begin());
      PhaseComparison pc;
      pc.base_phase = static_cast<std::int32_t>(pb);
      pc.variant_phase = static_cast<std::int32_t>(pv);
      over_pairs(
          pc, kPhaseQuantities, base_at + phases_at(base.scenario()) + pb * kPerPhase,
          variant_at + phases_at(variant.scenario()) + pv * kPerPhase,
          "operation:" + base_ops[static_cast<std::size_t>(ob)].id + ":phase:" + base_phases[pb].id,
          [op_index, k = c.phases.size()](Comparison& x) -> std::vector<PercentileChange>& {
            return x.operations[op_index].phases[k].t100_chances.changes;
          });
      c.phases.push_back(pc);
    }
    out.operations.push_back(c);
  }
  const std::size_t base_overall = operation_at(base.scenario(), base_ops.size());
  const std::size_t variant_overall = operation_at(variant.scenario(), variant_ops.size());
  for (std::size_t k = 0; k < kOverallQuantities.size(); ++k) {
    column(xs, b, base_overall + k);
    column(ys, v, variant_overall + k);
    out.overall.*kOverallQuantities[k].field = difference_of(kOverallQuantities[k], xs, ys);
  }
  const std::size_t overall_t100 = index_of(kOverallQuantities, &OverallComparison::t100_h);
  add_change_jobs(jobs, n,
                  {base_overall + overall_t100,
                   variant_overall + overall_t100,
                   std::nullopt,
                   0,
                   {},
                   [](Comparison& x) -> std::vector<PercentileChange>& {
                     return x.overall.t100_chance_changes;
                   }},
                  "all");
  for (std::size_t k = 0; k < kLeftReasons; ++k) {
    column(xs, b, base_overall + kOverallQuantities.size() + k);
    column(ys, v, variant_overall + kOverallQuantities.size() + k);
    out.overall.left_by_reason[k] = paired_difference(xs, ys, 0);
  }
  // Gathering points matched by place id, in the base's order; the k-th of a run's summaries is
  // the k-th in its rows.
  const auto& base_places = base.scenario().places;
  const auto& variant_places = variant.scenario().places;
  const auto& variant_points = out.variant.gathering_points;
  const std::size_t base_points_at = gathering_points_at(base.scenario());
  const std::size_t variant_points_at = gathering_points_at(variant.scenario());
  for (std::size_t kb = 0; kb < out.base.gathering_points.size(); ++kb) {
    const std::int32_t pb = out.base.gathering_points[kb].place;
    const std::string& id = base_places[static_cast<std::size_t>(pb)].id;
    const auto it = std::find_if(variant_points.begin(), variant_points.end(), [&](const auto& g) {
      return variant_places[static_cast<std::size_t>(g.place)].id == id;
    });
    if (it == variant_points.end()) continue;
    const auto kv = static_cast<std::size_t>(it - variant_points.begin());
    GatheringPointComparison g;
    g.base_place = pb;
    g.variant_place = it->place;
    for (std::size_t q = 0; q < kGatheringPointQuantities.size(); ++q) {
      column(xs, b, base_points_at + kb * kGatheringPointQuantities.size() + q);
      column(ys, v, variant_points_at + kv * kGatheringPointQuantities.size() + q);
      g.*kGatheringPointQuantities[q].field = paired_difference(xs, ys, 0);
    }
    out.gathering_points.push_back(g);
  }
  // The changes of the high chances' times, last: interrupted there, nothing is compared either.
  const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
  const unsigned threads = std::min(options.threads != 0 ? options.threads : cores, cores);
  const auto changes = run_change_jobs(jobs, b.rows, v.rows, options.seed, threads,
                                       options.interrupted, options.change_progress);
  if (!changes) {
    Comparison cut;
    cut.interrupted = true;
    return cut;
  }
  for (std::size_t i = 0; i < jobs.size(); ++i) jobs[i].into(out).push_back((*changes)[i]);
  return out;
}

}  // namespace mamar::sim
