// Internal: a scenario compiled for simulation — samplers, routes as arrays, lookup tables.
// Built once per Engine and read by every replication (immutable, so shared across threads).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mamar/model/scenario.hpp"
#include "mamar/sim/engine.hpp"
#include "mamar/sim/random.hpp"
#include "mamar/sim/sim_time.hpp"
#include "sampler.hpp"

namespace mamar::sim::detail {

inline constexpr std::uint32_t kNone = 0xffffffffu;

/// Whether some operation of `s` gathers at `place`: the engine reports each such place once
/// (ReplicationResult::gathering_points), and what a run or a comparison keeps is sized by them.
inline bool gathers_at(const model::Scenario& s, const model::Place& place) {
  return std::any_of(s.operations.begin(), s.operations.end(),
                     [&](const model::Operation& op) { return op.gathering_point.id == place.id; });
}

/// How many places the operations of `s` gather at.
inline std::size_t gathering_point_count(const model::Scenario& s) {
  return static_cast<std::size_t>(std::count_if(
      s.places.begin(), s.places.end(), [&](const model::Place& p) { return gathers_at(s, p); }));
}

/// The spacing of the curve samples of a run: the step asked for; the horizon where it is
/// shorter (the curves then have their start and the horizon, not the start alone); or over a
/// horizon of more than 10,000 such steps (hourly samples over years would hold hundreds of
/// thousands of points per replication and curve) the smallest whole multiple of it that keeps
/// within them (a step cut short by the horizon counted as one).
inline Duration curve_step(const RunOptions& options) {
  constexpr std::int64_t kMaxCurveSteps = 10000;
  const std::int64_t horizon = std::max<std::int64_t>(0, options.horizon.count_ms());
  const std::int64_t step = std::max<std::int64_t>(
      1, std::min(options.curve_step.count_ms(), options.horizon.count_ms()));
  const std::int64_t steps = horizon / step + (horizon % step > 0 ? 1 : 0);
  const std::int64_t factor = steps / kMaxCurveSteps + (steps % kMaxCurveSteps > 0 ? 1 : 0);
  return Duration::milliseconds(step * std::max<std::int64_t>(1, factor));
}

/// The curve samples of a replication of a run: from 0 to the horizon, curve_step() apart, and
/// one at the horizon when it is not a whole number of steps (so that the curves end there, not
/// up to a step before it).
inline std::size_t curve_points(const RunOptions& options) {
  const std::int64_t horizon = std::max<std::int64_t>(0, options.horizon.count_ms());
  const std::int64_t step = curve_step(options).count_ms();
  return static_cast<std::size_t>(horizon / step + (horizon % step > 0 ? 1 : 0)) + 1;
}

/// The time of curve sample `k` (below curve_points()) of a run compiled with `options` (whose
/// curve_step is curve_step() of those asked for): k steps from the start, the last at the
/// horizon.
inline Duration curve_time(const RunOptions& options, std::size_t k) {
  return std::min(options.curve_step * static_cast<std::int64_t>(k), options.horizon);
}

struct CompiledLeg {
  std::uint32_t to = 0;  ///< place index at the end of the leg
  bool checkpoint = false;
  Sampler time{model::Distribution{}};
  std::uint64_t stream = 0;
  Duration least;  ///< the shortest its time can be
};

struct CompiledRoute {
  std::int32_t route = -1;  ///< scenario route index (-1: the reverse of an outbound route)
  std::uint32_t start = 0;  ///< place index where the first leg starts
  std::vector<CompiledLeg> legs;
  /// least_from[k]: the shortest legs k to the last can take together (legs.size() + 1 entries,
  /// the last 0).
  std::vector<Duration> least_from;
};

struct CompiledGroup {
  std::uint32_t category = 0;
  std::int64_t leaving = 0;
  std::int64_t stayed = 0;
  Sampler household{model::Distribution{}};
  Sampler arrival{model::Distribution{}};
  SimTime arrives_from;
  double stretcher_share = 0;
  std::uint64_t stream = 0;
};

struct CompiledBatch {
  std::uint32_t type = 0;
  std::int64_t count = 0;
  SimTime available;
  SimTime until = SimTime::infinity();
  /// Index of the first return-route leg the vehicles still have to drive to reach the
  /// gathering point; kNone when they start at the gathering point.
  std::uint32_t return_leg = kNone;
  /// Index into the operation's `approaches` of the route the vehicles drive from their start to
  /// the gathering point when they become available; -1 when they have none.
  std::int32_t approach = -1;
  /// The earliest they can be at the gathering point: `available`, plus the shortest drive there
  /// from their start (an approach, or the rest of the return route).
  SimTime earliest;
};

struct CompiledPhase {
  std::vector<std::uint32_t> categories;
  int order = 0;
  std::int64_t quota = INT64_MAX;
  SimTime not_before;
  struct After {
    std::uint32_t op = 0;
    std::uint32_t phase = 0;
    double share = 1;
  };
  std::vector<After> after;
  std::int64_t target = 0;  ///< min(quota, people of its categories leaving)
};

struct CompiledConvoy {
  std::int64_t min_vehicles = 1;
  std::int64_t max_vehicles = INT64_MAX;
  std::optional<Duration> max_wait;
  Duration headway;
  struct Escort {
    std::uint32_t type;
    std::int64_t count;
  };
  std::vector<Escort> escorts;  ///< each convoy takes `count` idle vehicles of each `type`
};

struct Window {
  SimTime from;
  SimTime to;
};

struct CompiledOperation {
  /// Mixed into the streams of the legs its vehicles drive: named by the operation's id, so that
  /// an operation draws the same travel times wherever it stands in the list.
  std::uint64_t stream_salt = 0;
  std::uint32_t gathering_point = 0;
  std::uint32_t destination = 0;
  CompiledRoute out;
  CompiledRoute back;
  /// The drive home of a convoy turned back: the legs of `out` driven back, last first, to the
  /// gathering point (route -1: the reverse of `out`). One turned back at the end of leg k of
  /// `out` drives its last k + 1 legs, from home.legs[out.legs.size() - 1 - k] on.
  CompiledRoute home;
  std::vector<CompiledRoute> approaches;  ///< the fleet's approach routes, each once
  std::vector<std::uint32_t> shelters;
  std::vector<CompiledGroup> groups;
  std::vector<CompiledBatch> fleet;
  std::vector<CompiledPhase> phases;       ///< in scenario order
  std::vector<std::uint32_t> phase_order;  ///< phase indices sorted by (order, position)
  /// Where boarding looks for people, in turn: each phase's categories, phases in phase_order.
  struct PickSlot {
    std::uint32_t phase = 0;
    std::uint32_t category = 0;
  };
  std::vector<PickSlot> pick_order;
  /// By scenario category: its first position in pick_order (pick_order.size() if none).
  std::vector<std::uint32_t> first_pick;
  CompiledConvoy convoy;
  std::int64_t leaving = 0;
  std::int64_t stayed = 0;
  std::vector<std::int64_t> category_leaving;  ///< by scenario category
  /// People of more than one category leave: their exposure at checkpoints is counted vehicle by
  /// vehicle, by category (else it is the one category's).
  bool mixed = false;
  std::vector<std::uint32_t> linkages;  ///< indices of linkages that tie this operation
  /// The other operations with a phase `after` one of this one's phases, in ascending order.
  std::vector<std::uint32_t> after_dependents;
  /// Its ceasefire windows and movement hours: its own, else the agreement's.
  std::vector<Window> ceasefire;  ///< sorted (validation guarantees no overlap)
  std::vector<std::pair<int, int>>
      movement_minutes;  ///< daily [from, to) in local minutes; empty: all day
  SimTime ceasefire_end = SimTime::infinity();  ///< end of its last window
  /// No convoy of it may leave from then on, as known before the run: the end of the last stretch
  /// of its ceasefire windows outside the scheduled suspensions (when the run replays them) and
  /// inside its movement hours; its ceasefire's end when no stretch is left.
  SimTime departures_end = SimTime::infinity();
};

struct CompiledVehicleType {
  std::int32_t seats = 0;
  std::int32_t stretchers = 0;
  bool escort = false;
  bool private_car = false;
  std::int32_t party = -1;  ///< waved through at the checkpoints of this party
};

struct CompiledPlace {
  model::PlaceKind kind = model::PlaceKind::Origin;
  std::int64_t bays = INT64_MAX;  ///< gathering point: loading bays; destination: unloading bays
  std::int64_t lanes = 1;         ///< checkpoint
  Sampler boarding{model::Distribution{}};          ///< per person
  Sampler inspection{model::Distribution{}};        ///< per vehicle
  Sampler empty_inspection{model::Distribution{}};  ///< per vehicle with nobody aboard
  Sampler unloading{model::Distribution{}};         ///< per person
  std::int64_t capacity = 0;                        ///< shelter beds
  /// gathering point: people who can wait there at once (its `capacity`); INT64_MAX: no limit
  std::int64_t room = INT64_MAX;
  std::int32_t checkpoint_slot = -1;  ///< index into the checkpoint results
  std::int32_t party = -1;            ///< checkpoint: the party holding it
  bool own_empty_inspection = false;  ///< checkpoint: empty_inspection given (not inspection's)
  std::uint64_t boarding_stream = 0;
  std::uint64_t inspection_stream = 0;
  std::uint64_t unloading_stream = 0;
};

struct CompiledRisk {
  model::RiskKind kind = model::RiskKind::Hold;
  std::vector<bool> applies;  ///< by operation
  std::int32_t place = -1;
  std::int32_t route = -1;
  double probability = 0;
  Sampler duration{model::Distribution{}};
  Sampler interval{model::Distribution{}};
  std::vector<bool> categories;  ///< by scenario category
  double share = 0;
  Sampler killed{model::Distribution{}};
  Sampler injured{model::Distribution{}};
  Sampler vehicles{model::Distribution{}};
  double factor = 1;       ///< slowdown
  std::uint8_t slows = 0;  ///< slowdown: detail::Activity bits
  bool suspends = false;
  double suspend_probability = 0;
  Sampler suspend_duration{model::Distribution{}};
  std::int32_t held_by = -1;  ///< at a checkpoint: only while this party holds it (-1: any)
  std::uint64_t stream = 0;
};

struct CompiledEvent {
  model::RiskKind kind = model::RiskKind::Suspension;
  std::vector<bool> applies;  ///< by operation
  std::int32_t place = -1;
  std::int32_t route = -1;
  SimTime time;  ///< `time`, or `from` for windows
  SimTime to;
  std::vector<bool> categories;
  double share = 0;
  std::int64_t people = -1;  ///< a removal of this many people (-1: of `share`)
  std::int64_t killed = 0;
  std::int64_t injured = 0;
  std::int64_t vehicles = 0;
  std::int32_t vehicle_type = -1;
  double factor = 1;       ///< slowdown
  std::uint8_t slows = 0;  ///< slowdown: detail::Activity bits
  // A checkpoint change: each is left as it was when not given (-1, 0, none).
  std::int32_t party = -1;
  std::int64_t lanes = 0;
  std::optional<Sampler> inspection;
  std::optional<Sampler> empty_inspection;
  std::uint64_t stream = 0;
};

struct CompiledLinkage {
  model::LinkageKind kind = model::LinkageKind::Tranches;
  bool arrived = false;
  std::vector<std::uint32_t> operations;
  /// tranches[k][i]: cumulative people operations[i] may move in tranche k.
  std::vector<std::vector<std::int64_t>> tranches;
  std::uint32_t lead = 0;
  std::uint32_t follow = 0;
  double ratio = 1;
  std::int64_t allowance = 0;
  bool mutual = false;
  /// It binds from `from` until `until` (zero and infinity: from the start to the end).
  SimTime from = SimTime::zero();
  SimTime until = SimTime::infinity();
};

struct Compiled {
  const model::Scenario* scenario = nullptr;
  RunOptions options;
  std::vector<CompiledPlace> places;
  std::vector<CompiledVehicleType> types;
  std::vector<CompiledOperation> operations;
  std::vector<CompiledRisk> risks;
  std::vector<CompiledEvent> events;
  /// By place: the indices of the risks at it, by kind in the order a convoy draws them (removal,
  /// fire, turn-back, hold, vehicle loss; in the file's order within a kind), and of the scheduled
  /// events at it, in ascending order (what a convoy at a checkpoint looks through).
  std::vector<std::vector<std::uint32_t>> risks_at, events_at;
  std::vector<CompiledLinkage> linkages;
  int timezone_minutes = 0;
  std::int64_t start_unix_ms = 0;
  std::vector<std::uint32_t> checkpoints;  ///< place index per checkpoint slot
  /// By place: the operations gathering there, in ascending order (they share its bays).
  std::vector<std::vector<std::uint32_t>> gathering_at;
  std::size_t curve_points = 0;
  /// The stream that draws who of those aboard a convoy fired on are the injured.
  std::uint64_t injured_stream = 0;
};

/// Builds the compiled form of a loaded scenario.
Compiled compile(const model::Scenario& scenario, const RunOptions& options);

}  // namespace mamar::sim::detail
