// The scenario model: operations, agreement, places, routes, people, fleet and risks.
//
// A Scenario is a plain value produced by load_scenario() (see load.hpp) and read by every
// other layer. References between things are `Ref`s: the id as written, the index it resolves to
// (-1 when it did not resolve), and where it was written. A scenario that loaded without errors
// has every Ref resolved. The format is specified in docs/scenario-format.md. Immutable after
// loading, so it is safe to share across threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mamar/common/text.hpp"
#include "mamar/common/time.hpp"
#include "mamar/model/distribution.hpp"

namespace mamar::model {

/// Where something was written: 1-based line and column, 0 when unknown.
struct SourceRef {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

/// A reference by id to another thing of the scenario.
struct Ref {
  std::string id;
  std::int32_t index = -1;
  SourceRef at;

  bool resolved() const { return index >= 0; }
  std::size_t idx() const { return static_cast<std::size_t>(index); }
};

struct Source {
  std::string key;
  std::string text;
};

enum class PartyRole { Besieging, Besieged, Guarantor, Operator, Monitor, Mediator, Other };

struct Party {
  std::string id;
  LocalizedName name;
  PartyRole role = PartyRole::Other;
  SourceRef at;
};

struct Category {
  std::string id;
  LocalizedName name;
  double stretcher_share = 0;
  bool sensitive = false;
  SourceRef at;
};

enum class PlaceKind { Origin, GatheringPoint, Checkpoint, Destination, Shelter, Depot };

struct Coordinates {
  double lat = 0;
  double lon = 0;
  bool approximate = false;
};

struct Place {
  std::string id;
  PlaceKind kind = PlaceKind::Origin;
  LocalizedName name;
  std::optional<Coordinates> coords;
  std::string pcode;
  std::optional<Ref> party;
  // gathering point
  int bays = 1;
  Distribution boarding_time = Distribution::fixed(30e3);  ///< per person
  std::optional<std::int64_t> capacity;  ///< gathering point (waiting), shelter (beds)
  // checkpoint
  int lanes = 1;
  Distribution inspection;                       ///< per vehicle
  std::optional<Distribution> empty_inspection;  ///< per vehicle carrying no evacuees
  // destination
  Distribution unloading_time = Distribution::fixed(10e3);  ///< per person
  std::optional<int> unloading_bays;
  SourceRef at;
};

struct Leg {
  Ref from;
  Ref to;
  Distribution time;
  std::optional<double> length_m;
  SourceRef at;
};

struct Route {
  std::string id;
  LocalizedName name;
  std::vector<Leg> legs;
  SourceRef at;

  /// Sum of leg lengths in metres, if every leg has one.
  std::optional<double> length_m() const;
};

enum class VehicleRole { Passenger, Escort };

struct VehicleType {
  std::string id;
  LocalizedName name;
  int seats = 0;
  int stretchers = 0;
  VehicleRole role = VehicleRole::Passenger;
  bool private_car = false;
  std::optional<Ref> party;  ///< its vehicles pass the checkpoints this party holds uninspected
  SourceRef at;
};

struct PopulationGroup {
  Ref category;
  std::int64_t people = 0;
  Distribution household_size = Distribution::fixed(1);
  double willing = 1;
  std::optional<double> stretcher_share;  ///< overrides the category's
  std::optional<ZonedInstant> arrives_from;
  Distribution arrival;  ///< delay after arrives_from (ms)
  SourceRef at;
};

struct FleetBatch {
  Ref type;
  int count = 0;
  std::optional<ZonedInstant> available;
  std::optional<ZonedInstant> until;
  std::optional<Ref> start;
  std::optional<Ref> approach;  ///< route driven from `start` to the gathering point
  SourceRef at;
};

struct PhaseCondition {
  Ref phase;                     ///< index into the phases of `operation` (or of this operation)
  std::optional<Ref> operation;  ///< another operation; none means this one
  double share = 1;
  SourceRef at;
};

struct Phase {
  std::string id;
  LocalizedName name;
  std::vector<Ref> categories;
  int order = 0;
  std::optional<std::int64_t> quota;
  std::optional<ZonedInstant> not_before;
  std::vector<PhaseCondition> after;
  SourceRef at;
};

struct Escort {
  Ref type;
  int count = 1;
};

struct ConvoyRules {
  int min_vehicles = 1;
  std::optional<int> max_vehicles;
  std::optional<Duration> max_wait;
  Duration headway;
  std::vector<Escort> escorts;  ///< each convoy takes this many of each type (types distinct)
  bool escorts_listed = false;  ///< written as a list (their paths are escort[i])
  /// The rules the file gives (an operation takes the others from the agreement's rules).
  struct Given {
    bool min_vehicles = false;
    bool max_vehicles = false;
    bool max_wait = false;
    bool headway = false;
    bool escort = false;
  } given;
  SourceRef at;
};

struct TimeWindow {
  ZonedInstant from;
  std::optional<ZonedInstant> to;  ///< none: open-ended
  SourceRef at;
};

/// Daily clock window in minutes after midnight; `to < from` crosses midnight.
struct ClockWindow {
  int from_minutes = 0;
  int to_minutes = 1440;
  SourceRef at;
};

struct Operation {
  std::string id;
  LocalizedName name;
  Ref origin;
  Ref gathering_point;
  Ref destination;
  Ref route;
  std::optional<Ref> return_route;  ///< none: the outbound route reversed
  std::vector<Ref> shelters;
  std::vector<PopulationGroup> population;
  std::vector<FleetBatch> fleet;
  std::vector<Phase> phases;  ///< never empty after loading (a default phase is added)
  /// The operation's own convoy rules: each one it gives replaces the agreement's (none: all
  /// the agreement's). See convoy_rules().
  std::optional<ConvoyRules> convoy;
  /// The operation's own ceasefire windows and movement hours, replacing the agreement's for its
  /// vehicles (none: the agreement's).
  std::optional<std::vector<TimeWindow>> ceasefire;
  std::optional<std::vector<ClockWindow>> movement_hours;
  SourceRef at;

  /// People who choose to leave (people × willing, summed), rounded per group.
  std::int64_t people_leaving() const;
  /// The rules its convoys follow: each rule its own `convoy` gives, the agreement's for the
  /// others.
  ConvoyRules convoy_rules(const ConvoyRules& agreement) const;
};

enum class LinkageKind { Tranches, Ratio };
enum class LinkageMeasure { Departed, Arrived };

/// An amount of people in a tranche: a share of those leaving, or a number of people.
struct Amount {
  bool is_share = true;
  double value = 0;
};

struct TrancheTarget {
  Ref operation;
  Amount amount;
  SourceRef at;
};

struct Linkage {
  std::string id;
  LocalizedName name;
  LinkageKind kind = LinkageKind::Tranches;
  LinkageMeasure measure = LinkageMeasure::Departed;
  std::vector<std::vector<TrancheTarget>> tranches;
  Ref lead;
  Ref follow;
  double ratio = 1;
  std::int64_t allowance = 0;
  bool mutual = false;
  /// When the linkage binds: from `from` (none: the agreement's start) until `until` (none: the
  /// end). Outside that time the operations move as if it did not exist.
  std::optional<ZonedInstant> from;
  std::optional<ZonedInstant> until;
  SourceRef at;
};

struct Agreement {
  ZonedInstant start;
  int timezone_minutes = 0;
  std::vector<TimeWindow> ceasefire;
  std::vector<ClockWindow> movement_hours;  ///< empty: all day
  bool overlap = false;
  ConvoyRules convoy;
  std::vector<Linkage> linkages;
  std::vector<Ref> guarantors;
  std::vector<Ref> operators;
  SourceRef at;
};

/// The kinds of risks and scheduled events; a checkpoint change is a scheduled event only.
enum class RiskKind {
  Hold,
  Removal,
  Fire,
  VehicleLoss,
  Suspension,
  TurnBack,
  Slowdown,
  CheckpointChange
};

struct Suspends {
  double probability = 1;
  Distribution duration;
};

/// What a slowdown slows (`slows`): travel on the legs unless it says otherwise, or, for a
/// slowdown at a place, what is done there. Boarding, inspection and unloading are those of the
/// operations it applies to.
struct SlowedActivities {
  bool travel = true;
  bool boarding = false;
  bool inspection = false;
  bool unloading = false;
  bool listed = false;  ///< given in the file (else the default, set when loading)
  SourceRef at;         ///< where it is listed
};

/// A stochastic risk, drawn anew in every replication.
struct Risk {
  std::string id;
  LocalizedName name;
  RiskKind kind = RiskKind::Hold;
  std::vector<Ref> operations;  ///< empty: all
  std::optional<Ref> place;
  std::optional<Ref> route;
  double probability = 0;
  Distribution duration;  ///< hold duration; suspension renegotiation time
  Distribution interval;  ///< suspension: time between suspensions
  std::vector<Ref> categories;
  double share = 0;
  Distribution killed;
  Distribution injured;
  Distribution vehicles;
  double factor = 1;  ///< slowdown: what it slows takes this many times as long
  SlowedActivities slows;
  std::optional<Suspends> suspends;
  /// A risk at a checkpoint: it happens only while this party holds it (see Event's checkpoint
  /// changes); none: whoever holds it.
  std::optional<Ref> held_by;
  SourceRef at;
};

/// A scheduled event at a known time, replayed in every replication.
struct Event {
  std::string id;
  LocalizedName name;
  RiskKind kind = RiskKind::Suspension;
  std::vector<Ref> operations;  ///< empty: all
  std::optional<Ref> place;
  std::optional<Ref> route;
  std::optional<ZonedInstant> time;
  std::optional<ZonedInstant> from;
  std::optional<ZonedInstant> to;
  std::vector<Ref> categories;
  double share = 0;
  /// A removal: this many people of `categories` taken off (all of them aboard when fewer), in
  /// place of a `share`; history often counts them.
  std::optional<std::int64_t> people;
  std::int64_t killed = 0;
  std::int64_t injured = 0;
  std::int64_t vehicles = 0;
  std::optional<Ref> vehicle_type;
  double factor = 1;  ///< slowdown: what it slows takes this many times as long
  SlowedActivities slows;
  /// A checkpoint change: from `time` on, the checkpoint at `place` is held by this party,
  /// inspects with this many lanes and takes this long per vehicle (each one unchanged if not
  /// given).
  std::optional<Ref> party;
  std::optional<int> lanes;
  std::optional<Distribution> inspection;
  std::optional<Distribution> empty_inspection;
  std::string source;
  SourceRef at;
};

/// The most replications a scenario or the command line may ask for.
inline constexpr int kMaxReplications = 10'000'000;

/// The longest horizon a simulation takes: ten years.
inline constexpr Duration kMaxHorizon = Duration::days(3650);

struct SimulationSettings {
  int replications = 1000;
  std::uint64_t seed = 1;
  Duration horizon = Duration::days(30);  ///< longer than zero, at most kMaxHorizon
};

struct Scenario {
  std::string file;
  int format_version = 1;
  std::string id;
  LocalizedName name;
  std::string description;
  std::vector<Source> sources;
  std::vector<Party> parties;
  std::vector<Category> categories;
  std::vector<Place> places;
  std::vector<Route> routes;
  std::vector<VehicleType> vehicle_types;
  std::vector<Operation> operations;
  Agreement agreement;
  std::vector<Risk> risks;
  std::vector<Event> events;
  SimulationSettings simulation;

  /// Simulation time of an absolute instant (0 = agreement start).
  Duration since_start(Instant t) const { return t - agreement.start.instant; }
  /// The ceasefire windows and movement hours that hold for an operation: its own when it gives
  /// them, else the agreement's.
  const std::vector<TimeWindow>& ceasefire_of(const Operation& op) const {
    return op.ceasefire ? *op.ceasefire : agreement.ceasefire;
  }
  const std::vector<ClockWindow>& movement_hours_of(const Operation& op) const {
    return op.movement_hours ? *op.movement_hours : agreement.movement_hours;
  }
};

}  // namespace mamar::model
