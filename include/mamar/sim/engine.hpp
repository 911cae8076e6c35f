// The evacuation engine: one replication of a scenario as a discrete-event simulation.
//
// An Engine is built once per scenario (it compiles the scenario into samplers and lookup
// tables) and is immutable afterwards: many threads may call run() on one Engine at once. A
// replication's result depends only on the scenario, the options, the seed and the replication
// index (one independent random stream per source of randomness), never on the thread that runs
// it. The behaviour simulated is documented in docs/simulation.md.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "mamar/common/time.hpp"
#include "mamar/model/scenario.hpp"

namespace mamar::sim {

struct RunOptions {
  bool stochastic_risks = true;  ///< draw the scenario's `risks`
  bool scheduled_events = true;  ///< replay the scenario's `events`
  Duration horizon = Duration::days(30);
  Duration curve_step = Duration::hours(1);  ///< spacing of the curve samples
  Duration warmup;  ///< checkpoint statistics ignore vehicles arriving earlier
};

inline constexpr double kNotReached = std::numeric_limits<double>::quiet_NaN();

/// Hours since the agreement start at which 90% and 100% of a group of people were cleared
/// (their outcome settled: arrived, removed or killed); NaN when not reached within the horizon.
struct Clearance {
  double t90_h = kNotReached;
  double t100_h = kNotReached;
};

/// Whether the people `c` is the clearance of were all out by `end_h` hours since the start (a
/// ceasefire's end): their 100% reached, no later than that.
inline bool cleared_by(const Clearance& c, double end_h) {
  return !std::isnan(c.t100_h) && c.t100_h <= end_h + 1e-9;
}

/// What held the people who were not out when a replication ended. Each is counted under the
/// first of these that holds for them at the end (docs/simulation.md, "Who was left, and why").
enum class LeftReason : std::uint8_t {
  Coming,         ///< not yet at the gathering point
  PhaseNotOpen,   ///< waiting: no phase of their category has opened
  QuotaReached,   ///< waiting: every phase of their category has ended (its quota reached)
  Linkage,        ///< waiting: a linkage holds the operation at its cap
  NoVehicle,      ///< no vehicle left can carry them, or too few escorts for a convoy
  CeasefireOver,  ///< waiting or boarded: no ceasefire window is left to move in
  Suspended,      ///< waiting or boarded: movement stopped (a suspension, a gap between windows)
  AwaitingTransport,  ///< waiting or boarded: in line for a vehicle or a convoy
  OnTheRoad,          ///< departed, not yet arrived (on a leg, at a checkpoint, held)
};
inline constexpr std::size_t kLeftReasons = 9;

/// The reason's name in results (JSON keys, trace details): "coming", "phase_not_open", …
std::string_view left_reason_id(LeftReason why);

/// What became of some of an operation's people (those of a category, or of a phase) in a
/// replication.
struct Outcomes {
  std::int64_t arrived = 0;  ///< reached the destination
  std::int64_t removed = 0;  ///< taken off at checkpoints
  std::int64_t killed = 0;
  std::int64_t injured = 0;
};

/// Person-hours of some of an operation's people (those of a category, or of a phase) in a
/// replication.
struct Exposure {
  double waiting = 0;   ///< at the gathering point, from arrival to departure
  double held = 0;      ///< in convoys held on the way (a hold, or stopped: not moving on)
  double queueing = 0;  ///< in vehicles queueing for inspection
};

struct OperationResult {
  std::int64_t leaving = 0;    ///< people who chose to leave
  std::int64_t stayed = 0;     ///< people who chose to stay
  std::int64_t arrived = 0;    ///< reached the destination
  std::int64_t sheltered = 0;  ///< of those, admitted to a shelter
  std::int64_t removed = 0;    ///< taken off at checkpoints
  std::int64_t killed = 0;
  std::int64_t injured = 0;
  std::int64_t turned_back = 0;  ///< people sent back to the gathering point (counted per event)
  std::int64_t not_cleared = 0;  ///< still inside or on the road at the end
  /// not_cleared by LeftReason (indexed by its value); sums to not_cleared.
  std::array<std::int64_t, kLeftReasons> left_by_reason{};
  Clearance clearance;            ///< 0 h when nobody leaves: there is nothing to clear
  std::vector<Clearance> phases;  ///< by phase index of the operation (NaN where it had nobody)
  std::vector<std::int64_t> phase_people;  ///< the people each phase had to clear
  /// What became of the people of each phase (those who boarded in it), by phase index.
  std::vector<Outcomes> phase_outcomes;
  std::vector<Clearance> categories;  ///< by scenario category index (NaN where none leave)
  std::vector<std::int64_t> category_leaving;
  std::vector<std::int64_t> category_not_cleared;  ///< not_cleared by scenario category index
  /// category_not_cleared by LeftReason: [category][reason], each summing to its category's.
  std::vector<std::array<std::int64_t, kLeftReasons>> category_left_by_reason;
  /// What became of the people of each category, by scenario category index: they add up to the
  /// operation's arrived, removed, killed and injured.
  std::vector<Outcomes> category_outcomes;
  /// Exposure of the people of each category, by scenario category index: they add up (to
  /// rounding) to the operation's wait, held and queue person-hours.
  std::vector<Exposure> category_exposure;
  /// Exposure of the people of each phase (those who boarded in it), by phase index: their held
  /// and queueing person-hours add up (to rounding) to the operation's, their waiting with
  /// unboarded_wait_person_hours to its waiting.
  std::vector<Exposure> phase_exposure;
  double wait_person_hours = 0;  ///< at the gathering point, from arrival to departure
  /// of wait_person_hours, that of the people waiting at the end and not aboard: of no phase
  double unboarded_wait_person_hours = 0;
  double held_person_hours = 0;  ///< in convoys held on the way (a hold, or stopped)
  /// of wait_person_hours, waiting beyond the gathering point's capacity (outside it), not aboard
  double outside_person_hours = 0;
  double queue_person_hours = 0;  ///< in vehicles queueing for inspection
  std::int64_t convoys = 0;       ///< outbound convoys
  std::int64_t trips = 0;         ///< outbound passenger-vehicle trips
  std::int64_t vehicles_lost = 0;
  double last_departure_h = kNotReached;  ///< the last convoy to leave the gathering point
  double utilisation = 0;                 ///< busy vehicle-hours / available vehicle-hours
  /// The end of its last ceasefire window, hours since the start (infinite: open-ended); its
  /// phases and categories finished inside the ceasefire where cleared_by() it.
  double ceasefire_end_h = std::numeric_limits<double>::infinity();
  bool finished_in_ceasefire = false;  ///< cleared_by(clearance, ceasefire_end_h)
  std::vector<double> inside;          ///< people not yet departed, at each curve time
  std::vector<double> in_transit;      ///< departed, outcome not settled
  std::vector<double> out;             ///< outcome settled (arrived, removed, killed)
};

struct CheckpointResult {
  std::int32_t place = -1;  ///< scenario place index
  std::int64_t vehicles = 0;
  double mean_wait_min = 0;  ///< wait before inspection starts
  double max_wait_min = 0;
  double mean_queue = 0;  ///< time-average vehicles waiting
  std::int64_t max_queue = 0;
  std::int64_t holds = 0;
};

/// A gathering point in a replication: how many people waited there to board at once.
struct GatheringPointResult {
  std::int32_t place = -1;         ///< scenario place index
  std::int64_t peak_waiting = 0;   ///< the most people waiting there to board at once
  double peak_at_h = kNotReached;  ///< when they were first that many (NaN: nobody waited)
  double over_capacity_h = 0;      ///< hours with more people waiting than its capacity
  std::vector<double> waiting;     ///< people waiting there to board, at each curve time
};

struct LinkageResult {
  /// For each operation tied by the linkage (in scenario order), its measure (departed or
  /// arrived) as a share of its people leaving, at each curve time.
  std::vector<std::vector<double>> parity;
  std::vector<std::int32_t> operations;
  /// Of a linkage in tranches, for each tranche: when it was complete (every operation tied had
  /// reached it, or had nobody left to move), in hours since the start; NaN if never, or, counted
  /// on departures, only once no operation of it could send a convoy any more. Empty for a ratio.
  std::vector<double> tranche_done_h;
};

struct ReplicationResult {
  std::uint64_t replication = 0;
  std::vector<OperationResult> operations;
  std::vector<CheckpointResult> checkpoints;
  /// The gathering points of the operations, in scenario order (one where operations share it).
  std::vector<GatheringPointResult> gathering_points;
  std::vector<LinkageResult> linkages;
  std::vector<double> curve_times_h;
  Clearance clearance;  ///< all operations together
  bool finished_in_ceasefire = false;
  double end_h = 0;  ///< simulated time when the replication ended
  std::uint64_t events = 0;
};

/// One line of the event trace of a replication.
struct TraceRecord {
  Duration time;
  std::string event;
  std::int32_t operation = -1;
  std::int64_t convoy = -1;
  std::int64_t vehicle = -1;
  std::int32_t place = -1;
  std::int64_t people = 0;
  std::string detail;
};
using TraceSink = std::function<void(const TraceRecord&)>;

class Engine {
 public:
  /// Compiles `scenario` (which must have loaded without errors and must outlive the Engine).
  /// Throws std::invalid_argument when `options.horizon` is not longer than zero.
  Engine(const model::Scenario& scenario, RunOptions options);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  /// Runs replication `replication` with `seed`; thread-safe. `trace`, if set, receives every
  /// event of this replication.
  ReplicationResult run(std::uint64_t seed, std::uint64_t replication,
                        const TraceSink& trace = nullptr) const;

  /// Runs replication `replication` as run() does and returns the operations it made on its
  /// pending-event set, in order: the time in ms of each push, -1 for each pop. For measuring
  /// event-queue designs on the engine's own workload (bench/engine_queue_trace).
  std::vector<std::int64_t> queue_operations(std::uint64_t seed, std::uint64_t replication) const;

  const model::Scenario& scenario() const;
  const RunOptions& options() const;

 private:
  struct Compiled;
  std::unique_ptr<const Compiled> compiled_;
};

}  // namespace mamar::sim
