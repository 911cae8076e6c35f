// The evacuation engine: one replication as explicit state machines over one event queue.
//
// Entities: households (people who travel together), vehicles, convoys (a group of vehicles
// moving along a route together; a returning vehicle is a convoy of one), checkpoints with
// inspection lanes, gathering points with loading bays. Behaviour is documented in
// docs/simulation.md; comments here say why, not what.
#include "mamar/sim/engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <queue>
#include <span>
#include <stdexcept>

#include "compiled.hpp"
#include "fifo.hpp"
#include "mamar/sim/event_queue.hpp"
#include "radix_sort.hpp"
#include "slowdowns.hpp"
#include "waiting_queue.hpp"

namespace mamar::sim {

using detail::Compiled;
using detail::CompiledOperation;
using detail::CompiledRisk;
using detail::CompiledRoute;
using detail::kNone;

struct Engine::Compiled : detail::Compiled {
  explicit Compiled(detail::Compiled c) : detail::Compiled(std::move(c)) {}
};

namespace {

using detail::Window;

enum class EventType : std::uint8_t {
  Arrival,           // a: operation, b: generation
  FleetAvailable,    // a: operation, b: batch
  BoardingDone,      // a: vehicle, b: generation
  OperationCheck,    // a: operation, b: generation
  LegDone,           // a: convoy, b: generation
  InspectionDone,    // a: convoy, b: generation (its last vehicle is through the checkpoint)
  HoldDone,          // a: convoy, b: generation
  UnloadDone,        // a: vehicle, b: place
  ConvoyRetry,       // a: convoy, b: generation
  Suspension,        // a: risk
  VehicleLoss,       // a: scheduled event
  Sample,            // a: curve index
  Linkage,           // a: linkage, b: 1 it starts to bind, 0 it stops
  FleetWithdrawn,    // a: operation, b: batch (its `until`)
  CheckpointChange,  // a: scheduled event
  Fire,              // a: scheduled event (on a route)
};

// A set of operations, walked in ascending order from any of them: a bit each, so that a walk
// costs a word per 64 operations, not a look at each.
class OperationSet {
 public:
  void resize(std::size_t n) { words_.assign((n + 63) / 64, 0); }
  void insert(std::uint32_t o) { words_[o >> 6] |= bit(o); }
  void erase(std::uint32_t o) { words_[o >> 6] &= ~bit(o); }
  bool contains(std::uint32_t o) const { return (words_[o >> 6] & bit(o)) != 0; }
  void clear() { std::fill(words_.begin(), words_.end(), 0); }
  /// The smallest member not below `from`, or kNone.
  std::uint32_t next(std::uint32_t from) const {
    std::size_t w = from >> 6;
    if (w >= words_.size()) return kNone;
    std::uint64_t bits = words_[w] & (~std::uint64_t{0} << (from & 63));
    while (bits == 0) {
      if (++w == words_.size()) return kNone;
      bits = words_[w];
    }
    return static_cast<std::uint32_t>(w * 64 + static_cast<std::size_t>(std::countr_zero(bits)));
  }

 private:
  static std::uint64_t bit(std::uint32_t o) { return std::uint64_t{1} << (o & 63); }
  std::vector<std::uint64_t> words_;
};

struct Payload {
  EventType type;
  std::uint32_t a;
  std::uint32_t b;
};

// GoingBack: on a vehicle turned back, riding home to the gathering point (no longer boarded or
// departed, not yet waiting).
enum class HouseholdState : std::uint8_t {
  NotArrived,
  Waiting,
  Boarded,
  Departed,
  GoingBack,
  Settled
};

// A household, or a run of `count` identical ones (same size, no stretcher patient, come at the
// same time: a group whose household size and arrival are fixed). The waiting queue holds a run
// as one entry; boarding takes from it what would board of as many households picked one after
// the other (see fill()). A run is only ever waiting or, taken in part or whole, on one vehicle;
// what happens to households one by one on the road (removal, fire, being sent back) first splits
// the runs of the vehicle (split_runs()).
struct Household {
  std::uint32_t op = 0;
  std::uint32_t category = 0;
  std::int32_t size = 0;  // people, of each household of the run
  std::int32_t stretchers = 0;
  std::int32_t count = 1;
  SimTime arrival;
  std::int32_t phase = -1;
  // Boarded: the next household in the same vehicle. Still to come: the next household of its
  // operation and category to come, with a stretcher patient if it has one, without if not
  // (OperationState::upcoming follows them as they are admitted).
  std::uint32_t next = kNone;
  HouseholdState state = HouseholdState::NotArrived;
};

std::int64_t people_in(const Household& hh) {
  return std::int64_t{hh.size} * hh.count;
}

// Where OperationState::upcoming keeps the next household to come of this one's category and
// line of the queue (with or without a stretcher patient).
std::size_t upcoming_slot(const Household& hh) {
  return 2 * std::size_t{hh.category} + (hh.stretchers > 0 ? 1 : 0);
}

// a / b rounded up, for a > 0 and b > 0; 0 for a <= 0.
std::int64_t ceil_div(std::int64_t a, std::int64_t b) {
  return a <= 0 ? 0 : (a - 1) / b + 1;
}

enum class VehicleState : std::uint8_t {
  NotYet,
  Idle,
  AtBay,
  Ready,
  EnRoute,
  Unloading,
  Returning,
  Approaching,  // from its start (a depot) to the gathering point, by its batch's approach route
  Done,
  Destroyed,
  Withdrawn
};

struct Vehicle {
  std::uint32_t op = 0;
  std::uint32_t type = 0;
  VehicleState state = VehicleState::NotYet;
  std::int32_t seats_free = 0;
  std::int32_t stretchers_free = 0;
  std::int64_t people = 0;
  std::uint32_t first = kNone;
  std::uint32_t convoy = kNone;
  std::uint32_t generation = 0;
  bool boarding = false;
  // Its batch comes when its operation can no longer move (after its last ceasefire window, or
  // the horizon): it will never join a convoy (may_come_back()).
  bool too_late = false;
  // Its batch cannot be at the gathering point before no convoy may leave any more
  // (CompiledBatch::earliest, CompiledOperation::departures_end): it serves nobody on its way
  // there (serves()), so that a phase whose people only it could carry ends for "no vehicle",
  // and no convoy waits for it (may_come_back()). (Once there, it cannot leave: nobody may.)
  bool after_ceasefire = false;
  // On a trip from which it cannot be back at the gathering point before no convoy may leave any
  // more: a leg it set out on ends too late for the shortest drive left from there (start_leg()).
  // It serves nobody and no convoy waits for it, as above; but it is still part of the fleet
  // (in_fleet()): those it could have carried are left by the end of the ceasefire, not for want
  // of a vehicle.
  bool late_back = false;
  SimTime until = SimTime::infinity();
  SimTime active_from = SimTime::infinity();
  SimTime active_to = SimTime::infinity();
  SimTime idle_since = SimTime::infinity();
  SimTime loaded_since = SimTime::infinity();  // when its first people of this trip boarded
  double idle_ms = 0;
  // Hours its people aboard have queued at checkpoints and been held on the way since they were
  // last counted for their categories (count_aboard()).
  double queued_h = 0;
  double held_h = 0;
};

struct Convoy {
  std::uint32_t op = 0;
  bool outbound = true;
  bool alive = false;
  std::uint32_t generation = 0;
  std::uint32_t leg = 0;
  bool held_before_inspection = false;  // a scheduled hold: inspection comes after it
  SimTime held_until;       // the end of its last hold (counted whole when it began: count_held())
  SimTime stood_since;      // standing still without an end in sight since (stand())
  SimTime inspected_until;  // at a checkpoint: when its vehicles whose inspection started are done
  std::vector<std::uint32_t> vehicles;
  std::int64_t pending = 0;
  // Fires and vehicle losses on the route of its trip, drawn or scheduled when it set out: each
  // strikes at the end of its leg. Every risk is drawn on its own, so several may strike.
  struct Strike {
    std::int32_t leg = 0;
    std::int32_t source = 0;  // risk index, or -(event index) - 2 for a scheduled fire
    bool loss = false;        // a vehicle loss (always drawn), else a fire
  };
  std::vector<Strike> strikes;
  bool driving = false;  // between the start and the end of one of its legs
  std::int64_t id = 0;
  const CompiledRoute* route = nullptr;
  std::int32_t approach = -1;  // empty vehicles on an approach route: its index in the operation
  // Turned back: the leg of its route out at whose end it was (it drives home on the operation's
  // `home` from the leg that drives that one back, each leg drawn from the stream of the leg of
  // the route out it drives back).
  std::int32_t home = -1;
};

struct PhaseState {
  bool ended = false;
  bool stranded = false;  // ended with people left whom no vehicle left could carry
  // Stranded, but the fleet has vehicles that could carry them, on trips from which they cannot
  // be back in time (Vehicle::late_back): left by the end of the ceasefire.
  bool out_of_time = false;
  bool open = false;
  bool was_open = false;  // in update_phases(): open before it looked again
  std::int64_t boarded = 0;
  std::int64_t departed = 0;
};

struct Settle {
  SimTime time;
  std::int64_t people;
  std::uint32_t op;
  std::int32_t phase;
  std::uint32_t category;
};

struct OperationState {
  std::vector<detail::WaitingQueue> queues;  // by category: waiting households
  std::vector<std::int64_t> not_arrived;     // people, by category
  std::vector<std::int64_t> waiting;         // people, by category
  // By category and line (upcoming_slot()): people still to come "in time", before the last moment
  // a convoy of the operation may leave as known before the run (CompiledOperation::
  // departures_end: the end of its last ceasefire window, or of the last stretch of it outside the
  // scheduled suspensions and inside its movement hours). Those who come then or later, and
  // vehicles that become available then or later, are waited for by nothing: every rule that
  // waits for those still to come counts those in time. (Not the horizon: what happens before it
  // does not depend on it.)
  std::vector<std::int64_t> in_time;
  std::int64_t coming_in_time(std::uint32_t cat) const {
    return in_time[2 * std::size_t{cat}] + in_time[2 * std::size_t{cat} + 1];
  }
  // The operation's households are households_[next_arrival, arrivals_end) in arrival order once
  // generated; those before next_arrival have been admitted to the queues.
  std::uint32_t households_begin = 0;  // its households drawn: [households_begin, arrivals_end)
  std::uint32_t next_arrival = 0;
  std::uint32_t arrivals_end = 0;
  std::uint32_t arrival_generation = 0;      // of the pending Arrival event: older ones are stale
  SimTime arrival_at = SimTime::infinity();  // when the pending Arrival event comes
  // By category and line (upcoming_slot()): the next household still to come of the category
  // without a stretcher patient, and the next with one (households_ indexes), or kNone. A line of
  // the category's queue may have room in view for it when the other has none.
  std::vector<std::uint32_t> upcoming;
  std::vector<SimTime> last_arrival;  // by category: when its last household comes
  std::vector<PhaseState> phases;
  // By category: whether a phase open now takes it (update_phases(); all until it first looks).
  std::vector<char> category_open;
  // Someone admitted since the last board() may change what boarding does (on_arrival()).
  bool arrivals_matter = false;
  std::vector<std::vector<std::uint32_t>> idle;  // by vehicle type
  std::vector<std::uint32_t> at_bay;
  detail::Fifo<std::uint32_t> ready;
  std::int64_t committed = 0;     // people boarded, net of those sent back
  std::int64_t departed_net = 0;  // people departed, net of those sent back
  std::int64_t settled = 0;
  std::int64_t arrived = 0;
  std::int64_t sheltered = 0;
  std::int64_t removed = 0;
  std::int64_t killed = 0;
  std::int64_t injured = 0;
  std::int64_t turned_back = 0;
  std::int64_t convoys = 0;
  std::int64_t trips = 0;
  std::int64_t lost = 0;
  SimTime forming_since = SimTime::infinity();
  SimTime last_departure = SimTime::from_ms(INT64_MIN / 4);
  SimTime suspended_until;
  SimTime check_at = SimTime::infinity();
  bool phases_stale = false;  // someone boarded who may have ended a phase (board())
  // What the phases depend on (update_phases()) may have changed since they were last looked at:
  // people going back or put back to wait, a departure of this operation or of one whose phase
  // one of its phases is `after`, a phase of that one ended. Until then, and while the fleet is
  // not short and no phase waits for a time now reached, looking again would change nothing but
  // ask again for the checks at the times phases wait for (phases_checks, as the last look did).
  bool phases_dirty = true;
  std::vector<SimTime> phases_checks;
  // The places (seats, stretcher places) of its passenger vehicles, one entry per kind: of the
  // whole fleet, and of the vehicles that may still take people (serving, by type; see
  // serves()), the latter computed again when a type has none left. fleet_short: some kind of
  // places of the whole fleet has no kind left as large, so people left may fit no vehicle
  // (update_phases()).
  std::vector<std::pair<std::int32_t, std::int32_t>> places_all;
  std::vector<std::pair<std::int32_t, std::int32_t>> places_left;
  std::vector<std::int64_t> serving;
  bool fleet_short = false;
  std::uint32_t check_generation = 0;
  double wait_ph = 0;
  double held_ph = 0;
  double queue_ph = 0;
  // What became of its people, by phase and by category, and their exposure by category: the
  // waiting as for wait_ph; held and queueing looked up vehicle by vehicle only where people of
  // more than one category leave (CompiledOperation::mixed), else they are the operation's
  // (collect()).
  std::vector<Outcomes> phase_outcomes;
  std::vector<Outcomes> category_outcomes;
  std::vector<Exposure> category_exposure;
  // Their exposure by phase, of the people who boarded in it: the waiting of each household
  // counted when it departs; held and queueing vehicle by vehicle only where the operation has
  // more than one phase (else they are the operation's: collect()).
  std::vector<Exposure> phase_exposure;
  std::vector<std::vector<std::uint32_t>> batch_vehicles;
  std::vector<Window> static_suspensions;
  // The last answer of next_movement() and how long it holds: movement is allowed from `from`
  // until `to` (inside one ceasefire window, before the next scheduled suspension) while no
  // suspension runs past the time asked about. Asked at every departure rule's look, mostly
  // within the same stretch.
  mutable Window moves{SimTime::infinity(), SimTime::infinity()};
  std::int64_t not_arrived_total = 0;
  // By category: people riding home on vehicles turned back, to wait again when home; and of them,
  // those in households with a stretcher patient.
  std::vector<std::int64_t> going_back;
  std::vector<std::int64_t> going_back_lying;
  std::int64_t going_back_total() const {
    return std::accumulate(going_back.begin(), going_back.end(), std::int64_t{0});
  }
  // Passenger vehicles that will be at the gathering point later without a departure from it:
  // not yet available, or on the road and coming back (see may_come_back()).
  std::int64_t coming_back = 0;
  std::int64_t open_at_bay = 0;     // vehicles at a bay, not boarding, with room (open_at_bay())
  std::int64_t idle_passenger = 0;  // idle vehicles that are not escorts
  // cap() as last computed, while progress_ is still cap_progress (see cap()).
  std::int64_t cap_value = 0;
  std::uint64_t cap_progress = ~std::uint64_t{0};
};

// Vehicles are inspected one by one, first come first served, each by the first lane free. Nothing
// that happens after a vehicle joins the line changes when its inspection starts or how long it
// takes (those behind it wait behind it; lanes do not stop), so both are known when it joins:
// start_inspection() draws them then, in the order the inspections start, as drawing at the start
// would. Until the start, the vehicle counts as waiting in line (`line`), for the statistics. The
// one exception, a scheduled change of the number of lanes, plans the line anew
// (on_checkpoint_change()).
struct CheckpointState {
  std::vector<SimTime> lane_free;  // when each lane has finished the vehicles given to it
  // Who holds it and how long it inspects a vehicle, now: the place's, then as changed by
  // scheduled checkpoint changes (a vehicle's inspection is drawn as it joins the line).
  std::int32_t party = -1;
  const Sampler* inspection = nullptr;
  const Sampler* empty_inspection = nullptr;
  bool empty_as_inspection = false;  // no empty inspection of its own: it follows `inspection`
  bool replans = false;  // a scheduled change is to come, which plans the line anew (see InLine)
  struct InLine {
    std::uint32_t op;
    std::uint32_t vehicle;
    std::int64_t people;  // on board (nothing changes it in line)
    SimTime joined;
    SimTime start;
    SimTime end;
    Duration inspection;   // as drawn, before any slowdown
    std::uint32_t lane;    // index into lane_free
    std::uint32_t convoy;  // its convoy, while of generation `generation`
    std::uint32_t generation;
    bool traced;  // its row "inspected" is written (its convoy is through: trace_inspections())
    // (where replans, its convoy's inspected_until is kept up for replan_line())
  };
  detail::Fifo<InLine> line;  // in order of start (= of joining)
  std::int64_t vehicles = 0;
  double wait_sum_ms = 0;
  double wait_max_ms = 0;
  double queue_area = 0;  // vehicle-ms
  SimTime last_change;
  std::int64_t max_queue = 0;
  std::int64_t holds = 0;
};

struct BayState {
  std::int64_t used = 0;
  detail::Fifo<std::uint32_t> queue;  // vehicles waiting to unload
};

class Replication {
 public:
  Replication(const Compiled& c, std::uint64_t seed, std::uint64_t replication,
              const TraceSink& trace)
      : c_(c), s_(*c.scenario), seed_(seed), replication_(replication), trace_(trace) {}

  ReplicationResult run();
  /// Records every operation on the pending-event set: the time of a push, -1 for a pop.
  void record_queue(std::vector<std::int64_t>* log) { queue_log_ = log; }

 private:
  // --- streams ------------------------------------------------------------------------------
  RandomStream stream(std::uint64_t id) const { return RandomStream(seed_, replication_, id); }

  // --- setup --------------------------------------------------------------------------------
  void generate_population();
  void create_fleet();
  void schedule_risks();

  // --- events -------------------------------------------------------------------------------
  void schedule(SimTime t, EventType type, std::uint32_t a = 0, std::uint32_t b = 0) {
    if (t > horizon_) return;
    if (moves_vehicles(type)) ++moving_;
    push(t, Payload{type, a, b});
  }
  // The events that take vehicles on (and the people aboard them): while none is pending after
  // the last ceasefire window, nothing can move any more (see run()).
  static bool moves_vehicles(EventType type) {
    return type == EventType::LegDone || type == EventType::InspectionDone ||
           type == EventType::HoldDone || type == EventType::UnloadDone ||
           type == EventType::ConvoyRetry;
  }
  void push(SimTime t, const Payload& p) {
    if (queue_log_ != nullptr) queue_log_->push_back(t.ms());
    queue_.push(t, p);
  }
  void dispatch(const Payload& p);
  void run_departure_checks();
  void on_arrival(std::uint32_t op, std::uint32_t generation);
  void admit_arrivals();
  void admit_arrivals(std::uint32_t op);
  bool hungry(std::uint32_t op) const;
  void schedule_arrival(std::uint32_t op, SimTime t);
  void schedule_next_arrival(std::uint32_t op);
  SimTime next_arrival_that_matters(std::uint32_t op) const;
  void replan_arrivals();
  void park_arrivals(std::uint32_t op);
  void unpark_arrivals();
  void on_fleet_available(std::uint32_t op, std::uint32_t batch);
  void on_fleet_withdrawn(std::uint32_t op, std::uint32_t batch);
  void on_boarding_done(std::uint32_t v);
  void on_leg_done(std::uint32_t cv);
  void on_unload_done(std::uint32_t v, std::uint32_t place);
  void on_suspension(std::uint32_t risk);
  void on_vehicle_loss_event(std::uint32_t event);
  void on_sample(std::uint32_t k);

  // --- operation logic ----------------------------------------------------------------------
  void wake(std::uint32_t op);
  bool board(std::uint32_t op);
  void request_wake(std::uint32_t op);
  void request_linked_wakes(std::uint32_t op);
  void finish_one_way(std::uint32_t v);
  void on_linkage(std::uint32_t l, bool binds);
  void request_departure_check(std::uint32_t op);
  bool update_phases(std::uint32_t op);
  bool carriable_left(std::uint32_t op, std::uint32_t phase,
                      const std::vector<std::pair<std::int32_t, std::int32_t>>& places) const;
  bool serves(const Vehicle& veh) const;
  bool in_fleet(const Vehicle& veh) const;
  bool serves_if(const Vehicle& veh, bool late_back) const;
  void count_serving(std::uint32_t v, bool before);
  void cannot_be_back(std::uint32_t cv);
  // OperationState::places_left and fleet_short, from its vehicles serving.
  void count_places_left(OperationState& os) const;
  struct FleetLeft {
    std::vector<std::pair<std::int32_t, std::int32_t>> places;  // one entry per kind
    std::vector<std::int64_t> escorts;                          // by vehicle type
  };
  FleetLeft fleet_left(std::uint32_t op) const;
  bool phase_start_ok(std::uint32_t op, std::uint32_t p);
  void phases_changed_for(std::uint32_t op);
  bool try_board(std::uint32_t op);
  bool fill(std::uint32_t v);
  struct Pick {
    std::uint32_t category = 0;
    std::size_t position = 0;
    std::int32_t phase = -1;
    std::size_t slot = 0;  // position in the operation's pick_order
  };
  bool pick(std::uint32_t op, std::int32_t seats, std::int32_t stretchers, Pick& out);
  bool pick_within_phases(std::uint32_t op, std::int32_t seats, std::int32_t stretchers, Pick& out,
                          std::size_t from = 0);
  std::int64_t cap(std::uint32_t op);
  // Something a linkage's cap depends on has changed: the caps are computed again when next
  // asked, and the tranches that every operation has now completed are passed at once.
  void progressed();
  void advance_tranches();
  // People of an operation who boarded and will never arrive (removed, killed).
  std::int64_t lost(std::uint32_t op) const { return ops_[op].removed + ops_[op].killed; }
  std::int64_t measure(std::uint32_t op, bool arrived) const;
  bool exhausted(std::uint32_t op) const;
  bool measure_final(std::uint32_t op, bool arrived) const;
  bool eligible_waiting(std::uint32_t op);
  bool eligible_left_to_come(std::uint32_t op) const;
  // Whether someone still to come in time, or riding home turned back, of a category that a phase
  // open now takes could board this vehicle: still to come, a household of a line whose fewest
  // seats and fewest stretcher places needed (ComingFits) are within its free places; riding
  // home, one without a stretcher patient where it has a seat free, one with where it has a
  // stretcher place free.
  bool may_take_coming(const Vehicle& veh) const;
  bool idle_passenger_vehicle(std::uint32_t op);
  // Where operations share a gathering point: whether another of them than `op` needs a bay of
  // it (one of its idle vehicles could take someone waiting, and no bay is free); whether a
  // vehicle of another stands at a bay ready for people.
  bool bay_wanted_by_another(std::uint32_t op);
  bool another_open_at_bay(std::uint32_t op) const;
  // A vehicle of another operation sharing `op`'s gathering point gives its bay up to `op` if it
  // would not keep it (keeps_bay()). Returns whether one did.
  bool take_bay_from_another(std::uint32_t op);
  void try_depart(std::uint32_t op);
  // OperationState::forming_since, from the vehicles loaded at the gathering point.
  void recount_forming(std::uint32_t op);
  void depart(std::uint32_t op, const std::vector<std::uint32_t>& chosen);
  void schedule_check(std::uint32_t op, SimTime t);

  // --- movement -----------------------------------------------------------------------------
  SimTime next_movement(std::uint32_t op, SimTime t) const;
  SimTime next_departure(std::uint32_t op, SimTime t) const;
  SimTime next_movement_hours(std::uint32_t op, SimTime t) const;
  // `later`: its rows wait for the row of the incident that set it off (write_later_rows()).
  void suspend(const std::vector<bool>& applies, Duration d, const std::string& why,
               bool later = false);

  // --- convoys ------------------------------------------------------------------------------
  std::uint32_t new_convoy(std::uint32_t op, bool outbound, const CompiledRoute* route);
  void release_convoy(std::uint32_t cv);
  void start_leg(std::uint32_t cv);
  void continue_convoy(std::uint32_t cv);
  void stand(std::uint32_t cv, SimTime allowed);
  void arrive_checkpoint(std::uint32_t cv, std::uint32_t place);
  void start_inspection(std::uint32_t cv, std::uint32_t place);
  void after_inspection(std::uint32_t cv, std::uint32_t place);
  void arrive_destination(std::uint32_t cv);
  void start_unloading(std::uint32_t place);
  void arrive_home(std::uint32_t cv);
  void start_return(std::uint32_t v, std::uint32_t from_leg);
  void start_approach(std::uint32_t op, std::int32_t approach,
                      const std::vector<std::uint32_t>& vehicles);
  void draw_trip_loss(std::uint32_t cv, std::int32_t route, std::uint32_t from_leg);
  bool strike_at_leg_end(std::uint32_t cv, std::int32_t leg);
  void set_out(std::uint32_t cv);
  void turn_back(std::uint32_t cv, std::uint32_t place);
  // Takes people of `categories` off convoy `cv`: each with probability `share`, or, when `count`
  // is not negative, that many (all of them when fewer), each chosen uniformly among those left.
  void apply_removal(std::uint32_t cv, std::int32_t place, const std::vector<bool>& categories,
                     double share, std::int64_t count, RandomStream& rng);
  void apply_fire(std::uint32_t cv, std::int32_t place, std::int64_t killed, std::int64_t injured,
                  RandomStream& rng);
  void apply_fire_risk(std::uint32_t cv, std::int32_t place, const CompiledRisk& risk,
                       RandomStream& rng);
  // Where a vehicle is lost: at `place`, or on `route` (-1: not that).
  void destroy_in_convoy(std::uint32_t cv, std::int64_t n, std::int32_t place, std::int32_t route);
  void destroy_vehicle(std::uint32_t v, std::int32_t place, std::int32_t route);
  bool loss_takes(std::uint32_t e, const Vehicle& veh) const;
  void took_for_loss(std::uint32_t e);
  bool strike_convoy(std::uint32_t cv, std::int32_t place, std::int32_t route);
  bool take_from_convoy(std::uint32_t cv, std::uint32_t e, std::int32_t place);
  void take_on_road(std::uint32_t e);
  void take_at_gathering_point(std::uint32_t e);
  bool strike_vehicle(std::uint32_t v, std::int32_t place, std::int32_t route);
  void return_passengers(std::uint32_t v);
  // `people` more of `op` wait at its gathering point `gp` (fewer when negative) from `t`: counted,
  // and logged where it has a capacity. A rise is a new peak only once the instant's other
  // changes are in (note_peak()).
  void change_waiting(std::uint32_t gp, std::uint32_t op, SimTime t, std::int64_t people) {
    if (rooms_) {
      log_room_change(gp, op, t, people);
    } else {
      crowds_[gp].waiting += people;
    }
  }
  [[gnu::noinline]] void log_room_change(std::uint32_t gp, std::uint32_t op, SimTime t,
                                         std::int64_t people) {
    if (c_.places[gp].room != INT64_MAX) {
      room_change(gp, op, t, people);
    } else {
      crowds_[gp].waiting += people;
    }
  }
  void room_change(std::uint32_t gp, std::uint32_t op, SimTime t, std::int64_t people);
  // The people waiting at `gp` now are the most yet: they were first that many at `t`.
  void note_peak(std::uint32_t gp, SimTime t) {
    Crowd& crowd = crowds_[gp];
    if (crowd.waiting > crowd.peak) {
      crowd.peak = crowd.waiting;
      crowd.peak_at = t;
    }
  }
  // Beyond the capacities of the gathering points: person-hours by operation, and the hours with
  // more people waiting than a capacity, by place.
  struct Crowding {
    std::vector<double> outside_person_hours;  // by operation
    std::vector<double> over_capacity_h;       // by place
  };
  Crowding crowding() const;
  void send_back(std::uint32_t v);
  void unboard(Household& hh);
  void split_runs(std::uint32_t v);
  std::int64_t convoy_people(std::uint32_t cv) const;
  void advance_checkpoint_line(CheckpointState& cs, SimTime t);
  // The person-hours of those aboard vehicle `in`, in a checkpoint's line from joining it until
  // `until`.
  void count_queueing(const CheckpointState::InLine& in, SimTime until) {
    const double hours = (until - in.joined).to_hours();
    ops_[in.op].queue_ph += static_cast<double>(in.people) * hours;
    if (in.people > 0) vehicles_[in.vehicle].queued_h += hours;
  }
  // The wait of vehicle `in` in the line of `cs`, from joining it until `until`, when its
  // inspection starts.
  void count_wait(CheckpointState& cs, const CheckpointState::InLine& in, SimTime until,
                  SimTime warmup) {
    const Duration wait = until - in.joined;
    count_queueing(in, until);
    if (in.joined >= warmup) {
      ++cs.vehicles;
      cs.wait_sum_ms += static_cast<double>(wait.count_ms());
      cs.wait_max_ms = std::max(cs.wait_max_ms, static_cast<double>(wait.count_ms()));
    }
  }
  void count_line_area(CheckpointState& cs, SimTime t);
  // The hours vehicle `v`'s people aboard have queued and been held since last counted, counted
  // for their categories, where its operation has people of more than one category, and for
  // their phases, where it has more than one phase (else collect() takes the operation's). Called
  // before anyone gets off (arrives, is taken off, killed, goes back to wait) and at the end; a
  // vehicle's wait in a checkpoint's line is added before its convoy's inspections end
  // (after_inspection()), where people may be taken off.
  void count_aboard(std::uint32_t v) {
    Vehicle& veh = vehicles_[v];
    if (veh.queued_h == 0 && veh.held_h == 0) return;
    OperationState& os = ops_[veh.op];
    const bool mixed = c_.operations[veh.op].mixed;
    const bool phased = os.phases.size() > 1;
    if (mixed || phased) {
      for (std::uint32_t h = veh.first; h != kNone; h = households_[h].next) {
        const Household& hh = households_[h];
        const auto people = static_cast<double>(people_in(hh));
        if (mixed) {
          Exposure& e = os.category_exposure[hh.category];
          e.queueing += people * veh.queued_h;
          e.held += people * veh.held_h;
        }
        if (phased && hh.phase >= 0) {
          Exposure& e = os.phase_exposure[static_cast<std::size_t>(hh.phase)];
          e.queueing += people * veh.queued_h;
          e.held += people * veh.held_h;
        }
      }
    }
    veh.queued_h = 0;
    veh.held_h = 0;
  }
  // Convoy `cv` held until `until` with everyone aboard, counted when the hold begins (the end
  // of the replication takes back what comes after it: collect()).
  void count_held(std::uint32_t cv, SimTime until) {
    convoys_[cv].held_until = until;
    count_held(cv, (until - now_).to_hours());
  }
  void count_held(std::uint32_t cv, double hours) {
    const Convoy& c = convoys_[cv];
    ops_[c.op].held_ph += static_cast<double>(convoy_people(cv)) * hours;
    for (auto v : c.vehicles) {
      if (vehicles_[v].people > 0) vehicles_[v].held_h += hours;
    }
  }
  void injure(std::uint32_t cv, std::int64_t n);
  // When activity `a` of operation `op`, at place or on route `where` (a route for travel, a
  // place for the others), starting at `t` (now or later) and taking `d` unhindered, ends under
  // the slowdowns.
  SimTime slowed_end(std::uint32_t op, detail::Activity a, std::int32_t where, SimTime t,
                     Duration d) {
    return slowdowns_.slows(op, a) ? slowdowns_.end(op, a, where, t, d, now_) : t + d;
  }
  // The scenario route whose legs a convoy drives: its own, also when driven back reversed.
  std::int32_t route_of(const Convoy& c) const { return scenario_route(c.op, *c.route); }
  // The scenario route of operation `op` that `r` drives (the operation's route for the reverse
  // of it).
  std::int32_t scenario_route(std::uint32_t op, const CompiledRoute& r) const {
    return r.route >= 0 ? r.route : c_.operations[op].out.route;
  }
  Duration inspection_time(std::uint32_t v, std::uint32_t place, const CheckpointState& cs) {
    return (vehicles_[v].people > 0 ? *cs.inspection : *cs.empty_inspection)
        .sample_duration(inspection_rng_[place]);
  }
  void on_checkpoint_change(std::uint32_t e);
  void on_fire_event(std::uint32_t e);
  std::vector<std::uint32_t> on_road(const detail::CompiledEvent& ev) const;
  void replan_line(CheckpointState& cs, std::uint32_t place, std::size_t lanes,
                   const std::vector<std::pair<std::uint32_t, std::uint32_t>>& also);
  void make_idle(std::uint32_t v);
  void leave_idle(std::uint32_t v);
  void take_from_idle(std::uint32_t v);
  void set_state(std::uint32_t v, VehicleState state);
  void set_boarding(std::uint32_t v, bool boarding);
  static bool open_at_bay(const Vehicle& veh);
  bool keeps_bay(std::uint32_t v, bool nobody_fits = false);
  void leave_bay(std::uint32_t v);
  void free_bay(std::uint32_t v);
  bool may_come_back(const Vehicle& veh) const;
  void settle(std::uint32_t household, std::int64_t people);
  std::int64_t settle_aboard(std::uint32_t v);
  void record_settle(const Household& hh, std::int64_t people);
  void shelter(std::uint32_t op, std::int64_t people);
  // Counts `people` of household `hh` in `what` of its category's outcomes and of its phase's.
  void tally(const Household& hh, std::int64_t Outcomes::*what, std::int64_t people) {
    OperationState& os = ops_[hh.op];
    os.category_outcomes[hh.category].*what += people;
    if (hh.phase >= 0) os.phase_outcomes[static_cast<std::size_t>(hh.phase)].*what += people;
  }
  void maybe_suspend(const detail::CompiledRisk& r, RandomStream& rng, bool later = false);

  // A time as the trace's time_iso column writes it: to the second, in the agreement's time zone.
  std::string time_text(SimTime t) const {
    return format_instant_seconds(Instant::from_unix_ms(c_.start_unix_ms) + t.since_start(),
                                  c_.timezone_minutes);
  }
  // Inlined down to the test of the sink, so that an untraced run (the usual one) pays nothing
  // more at the many places that trace.
  void trace(std::string_view event, std::int32_t op, std::int64_t convoy, std::int64_t vehicle,
             std::int32_t place, std::int64_t people, std::string_view detail = {}) {
    if (trace_) emit_trace(event, op, convoy, vehicle, place, people, detail);
  }
  std::string aboard_detail(std::uint32_t from, std::uint32_t until) const;
  std::string who_detail(std::span<const std::uint32_t> firsts, std::uint32_t until) const;
  // People by (category, phase) for the trace: who_detail(), removals.
  using WhoGroups = std::vector<std::tuple<std::uint32_t, std::int32_t, std::int64_t>>;
  static void add_who(WhoGroups& groups, const Household& hh, std::int64_t people);
  std::string who_text(WhoGroups groups, std::uint32_t op) const;
  [[gnu::noinline]] void emit_trace(std::string_view event, std::int32_t op, std::int64_t convoy,
                                    std::int64_t vehicle, std::int32_t place, std::int64_t people,
                                    std::string_view detail) {
    trace_(TraceRecord{now_.since_start(), std::string(event), op, convoy, vehicle, place, people,
                       std::string(detail)});
  }
  void trace_windows(SimTime until);
  void trace_vehicle_loss(std::uint32_t e);
  void write_later_rows();
  void trace_inspections(std::uint32_t cv, std::uint32_t place);
  void write_inspection(std::int64_t convoy_id, std::uint32_t place,
                        const CheckpointState::InLine& in);
  void trace_scheduled_suspensions(SimTime until, std::vector<TraceRecord>& rows);
  void trace_slowdowns(SimTime until, std::vector<TraceRecord>& rows);
  [[maybe_unused]] void check_invariants() const;
  [[maybe_unused]] void check_nobody_boards(std::uint32_t op);
  bool all_settled() const;
  void update_moves_until();
  void record_curves(std::size_t k);
  void fill_curves_from(std::size_t k);
  // Who is not out at the end and why: by operation, and by operation and category
  // ([op * categories + category]). `aboard` and `on_road`: people of each operation and category
  // aboard at the gathering point, and departed but not arrived.
  struct LeftAtEnd {
    std::vector<std::array<std::int64_t, kLeftReasons>> by_operation;
    std::vector<std::array<std::int64_t, kLeftReasons>> by_category;
  };
  LeftAtEnd left_at_end(const std::vector<std::int64_t>& aboard,
                        const std::vector<std::int64_t>& on_road);
  ReplicationResult collect();

  const Compiled& c_;
  const model::Scenario& s_;
  std::uint64_t seed_;
  std::uint64_t replication_;
  const TraceSink& trace_;

  EventQueue<Payload> queue_;
  std::vector<std::int64_t>* queue_log_ = nullptr;
  SimTime now_;
  SimTime horizon_;
  std::int64_t moving_ = 0;  // pending events of the kinds moves_vehicles() names
  // The end of the last ceasefire window of the operations with someone not yet out: after it
  // (and once no vehicle moves) nothing can move any more.
  SimTime moves_until_;
  std::uint32_t unsettled_ = 0;  // operations with someone not yet out (update_moves_until())
  SimTime next_admission_;       // the earliest arrival not yet admitted
  // Each operation with households still to come, by the time its next one comes (in ms), the
  // earliest first: admitting arrivals looks only at those whose next one has come.
  std::priority_queue<std::pair<std::int64_t, std::uint32_t>,
                      std::vector<std::pair<std::int64_t, std::uint32_t>>, std::greater<>>
      arrivals_due_;
  std::vector<std::uint32_t> scratch_due_;  // admit_arrivals()
  // The operations to look at again once this instant's events have run: who may board
  // (request_wake()), and whether a convoy may leave (request_departure_check()).
  OperationSet wake_pending_;
  OperationSet departure_pending_;
  OperationSet parked_;  // whose arrivals wait for a vehicle ready for people (park_arrivals())
  // Whose next arrival that matters may have come nearer during this event (replan_arrivals()).
  OperationSet replan_;
  // replan_ has a member: a flag beside the set, because asking the set after every event cost
  // 0.6% of an East Aleppo replication's instructions.
  bool replan_due_ = false;
  std::uint64_t events_ = 0;
  // The curves' sample due at this instant (on_sample()), taken once all its events have run;
  // -1: none.
  std::int64_t sample_due_ = -1;
  std::vector<Household> households_;
  // By household drawn (households_ index), of those of its operation, category and line still to
  // come in time from it on (OperationState::upcoming): the fewest seats and stretcher places one
  // needs, and when the last of those that need so few comes (after it, one needs more).
  struct ComingFits {
    std::int32_t seats = 0;
    std::int32_t stretchers = 0;
    SimTime until;
  };
  std::vector<ComingFits> coming_fits_;
  // The arrival of a category's still to come of one line (upcoming_slot()) that may let a vehicle
  // or a convoy go, with nothing else changing meanwhile: the next after which one of the line
  // needs more places (ComingFits::until; the line's last in time at the latest), or the
  // category's last once those in time have come.
  SimTime last_that_matters(const OperationState& os, std::size_t slot) const {
    return os.in_time[slot] > 0 ? coming_fits_[os.upcoming[slot]].until : os.last_arrival[slot / 2];
  }
  struct Drawn {  // a household (or run) as drawn, before it is placed in arrival order
    std::int32_t size;
    std::int32_t stretchers;
    std::uint32_t category;
    std::int32_t count;
  };
  std::vector<Drawn> scratch_drawn_;
  std::vector<std::pair<std::int64_t, std::uint32_t>> scratch_keys_;
  std::vector<std::uint32_t> scratch_partial_, scratch_chosen_;  // try_depart()
  std::vector<Vehicle> vehicles_;
  std::vector<Convoy> convoys_;
  std::vector<std::uint32_t> free_convoys_;
  std::int64_t next_convoy_id_ = 0;
  std::vector<OperationState> ops_;
  std::vector<CheckpointState> checkpoints_;
  std::vector<BayState> bays_;  // by place: gathering-point loading, destination unloading
  std::vector<std::int64_t> shelter_used_;
  // Gathering points with a capacity: every change of the people waiting there (an arrival at its
  // time, a boarding, people back off a vehicle), by place, swept once the replication has ended
  // (crowding()). Arrivals are admitted when the next event comes (admit_arrivals()),
  // not always in time order across operations: the sweep puts them in order.
  struct RoomChange {
    std::int64_t ms;
    std::int64_t people;  // + come to wait, - boarded
    std::uint32_t op;
  };
  std::vector<std::vector<RoomChange>> room_log_;  // by place; empty where there is no capacity
  bool rooms_ = false;                             // some gathering point has a capacity
  // People waiting to board at a gathering point now, the most of them at once so far and when
  // they were first that many; the latest arrival admitted in a round of admissions.
  struct Crowd {
    std::int64_t waiting = 0;
    std::int64_t peak = 0;
    SimTime peak_at;
    std::int64_t round_latest = INT64_MIN;
  };
  std::vector<Crowd> crowds_;      // by place
  bool shared_gathering_ = false;  // operations share a gathering point
  std::vector<bool> event_consumed_;
  // Scheduled vehicle losses: the vehicles each has still to take (its `vehicles`, less those
  // taken; it takes them from its time on), their event indices, and how many have some left, so
  // that the places where vehicles may be struck look only while one has.
  std::vector<std::int64_t> loss_left_;
  std::vector<std::uint32_t> loss_events_;
  std::uint32_t losses_due_ = 0;
  std::vector<Settle> settles_;
  std::vector<RandomStream> boarding_rng_, inspection_rng_, unloading_rng_;
  std::optional<RandomStream> injured_rng_;  // who the injured are (injure()), made when first used
  std::vector<std::vector<RandomStream>> out_leg_rng_, back_leg_rng_;
  std::vector<std::vector<std::vector<RandomStream>>> approach_leg_rng_;  // by operation, approach
  std::vector<RandomStream> risk_rng_;
  detail::Slowdowns slowdowns_;
  std::vector<std::vector<double>> inside_, transit_, out_;
  std::vector<std::uint32_t> gathering_places_;     // places some operation gathers at
  std::vector<std::vector<double>> waiting_curve_;  // by entry of gathering_places_
  std::vector<std::vector<std::vector<double>>> parity_;
  std::vector<std::size_t> tranche_;                // current tranche of each linkage
  std::vector<std::vector<SimTime>> tranche_done_;  // by linkage and tranche: when complete
  std::vector<char> linkage_binds_;  // whether each linkage binds now (see on_linkage())
  std::vector<char> event_traced_;   // scheduled suspensions and vehicle losses in the trace
  // Rows of suspensions set off by an incident at a checkpoint whose own row is written after the
  // risks there are drawn (a turn-back, a hold): written after it (after_inspection()).
  std::vector<TraceRecord> later_rows_;
  // Inspections started (taken out of their line by advance_checkpoint_line()) whose convoy is not
  // through the checkpoint yet, for the trace: their rows are written when it is
  // (trace_inspections()), or at the end.
  struct Inspected {
    std::int64_t convoy_id;
    std::uint32_t place;
    CheckpointState::InLine in;
  };
  std::vector<Inspected> inspected_;
  // Counts changes of what linkage caps depend on: people committed, departed (net) and arrived,
  // of any operation. cap() recomputes only when it has moved.
  std::uint64_t progress_ = 0;
  bool has_tranches_ = false;  // some linkage is of tranches: progressed() passes them
};

// ------------------------------------------------------------------------------------------
// Setup

void Replication::generate_population() {
  const std::size_t ncat = s_.categories.size();
  ops_.resize(c_.operations.size());
  std::size_t most = 0;  // households: at most one per person
  for (const auto& co : c_.operations) most += static_cast<std::size_t>(co.leaving);
  households_.clear();
  households_.reserve(most);
  // One operation at a time: its households drawn as (arrival, index) keys with the rest of each
  // beside them, sorted by arrival (stably: draws at the same time keep generation order), and
  // written to households_ in that order, so that admitting arrivals walks memory in order.
  auto& keys = scratch_keys_;
  auto& drawn = scratch_drawn_;
  // An operation draws at most one record per person leaving (a household, a part of one, a
  // run): room for the largest once, so that the drawing loop never moves what it has drawn.
  std::size_t most_in_one = 0;
  for (const auto& co : c_.operations)
    most_in_one = std::max(most_in_one, static_cast<std::size_t>(co.leaving));
  keys.reserve(most_in_one);
  drawn.reserve(most_in_one);
  for (std::uint32_t o = 0; o < c_.operations.size(); ++o) {
    const CompiledOperation& co = c_.operations[o];
    OperationState& os = ops_[o];
    os.queues.resize(ncat);
    os.not_arrived.assign(ncat, 0);
    os.waiting.assign(ncat, 0);
    os.going_back.assign(ncat, 0);
    os.going_back_lying.assign(ncat, 0);
    os.category_open.assign(ncat, 1);
    os.phases.resize(co.phases.size());
    os.phase_outcomes.resize(co.phases.size());
    os.phase_exposure.resize(co.phases.size());
    os.category_outcomes.resize(ncat);
    os.category_exposure.resize(ncat);
    os.idle.resize(c_.types.size());
    os.in_time.assign(2 * ncat, 0);
    // Largest vehicle capacities, to split households that fit no vehicle.
    std::vector<std::pair<std::int32_t, std::int32_t>> capacities;
    for (const auto& b : co.fleet) {
      const auto& t = c_.types[b.type];
      if (t.escort) continue;
      capacities.emplace_back(t.seats, t.stretchers);
    }
    auto fits = [&](std::int32_t size, std::int32_t str) {
      for (auto [seats, stretchers] : capacities) {
        if (size - str <= seats && str <= stretchers) return true;
      }
      return false;
    };
    keys.clear();
    drawn.clear();
    // Per category: households, people and the latest arrival, counted while drawing.
    std::vector<std::size_t> per_category(ncat, 0);
    std::vector<std::size_t> on_stretcher(ncat, 0);  // of them, those with a stretcher patient
    std::vector<std::int64_t> latest(ncat, std::numeric_limits<std::int64_t>::min());
    for (const auto& g : co.groups) {
      RandomStream rng = stream(g.stream);
      detail::BinomialDraws stretchers(g.stretcher_share);
      std::int64_t left = g.leaving;
      const std::size_t drawn_before = drawn.size();
      std::int64_t& group_latest = latest[g.category];
      os.not_arrived[g.category] += g.leaving;
      os.not_arrived_total += g.leaving;
      // Households of a fixed size, all coming at a fixed time, without stretcher patients: one
      // run of identical households and one smaller household for the rest, as the draws below
      // would give them (a fixed distribution uses no random numbers).
      if (g.household.kind() == model::DistributionKind::Fixed &&
          g.arrival.kind() == model::DistributionKind::Fixed && !(g.stretcher_share > 0) &&
          left > 0) {
        const auto size = static_cast<std::int32_t>(
            std::clamp<std::int64_t>(g.household.sample_count(rng), 1, left));
        if (fits(size, 0) && left / size <= INT32_MAX) {
          const std::int64_t arrival = (g.arrives_from + g.arrival.sample_duration(rng)).ms();
          group_latest = std::max(group_latest, arrival);
          keys.emplace_back(arrival, static_cast<std::uint32_t>(drawn.size()));
          drawn.push_back({size, 0, g.category, static_cast<std::int32_t>(left / size)});
          if (left % size > 0) {
            keys.emplace_back(arrival, static_cast<std::uint32_t>(drawn.size()));
            drawn.push_back({static_cast<std::int32_t>(left % size), 0, g.category, 1});
          }
          left = 0;
        }
      }
      while (left > 0) {
        auto size = static_cast<std::int32_t>(
            std::clamp<std::int64_t>(g.household.sample_count(rng), 1, left));
        auto str = static_cast<std::int32_t>(g.stretcher_share > 0 ? stretchers(rng, size) : 0);
        const std::int64_t arrival = (g.arrives_from + g.arrival.sample_duration(rng)).ms();
        group_latest = std::max(group_latest, arrival);
        auto add = [&](std::int32_t people, std::int32_t on_stretchers) {
          keys.emplace_back(arrival, static_cast<std::uint32_t>(drawn.size()));
          drawn.push_back({people, on_stretchers, g.category, 1});
          if (on_stretchers > 0) ++on_stretcher[g.category];
        };
        left -= size;
        // A household that fits no vehicle travels in parts (check warns about it), each as large
        // as one vehicle of the fleet takes of what is left of it (its seated people on seats,
        // its stretcher patients on stretcher places); of two as large, the one taking more
        // stretcher patients.
        while (!capacities.empty() && !fits(size, str)) {
          std::int32_t s1 = 0;
          std::int32_t n1 = 0;
          for (auto [seats, places] : capacities) {
            const std::int32_t s = std::min(str, places);
            const std::int32_t n = s + std::min(size - str, seats);
            if (n > n1 || (n == n1 && s > s1)) {
              n1 = n;
              s1 = s;
            }
          }
          if (n1 <= 0) break;
          add(n1, s1);
          size -= n1;
          str -= s1;
        }
        if (size > 0) add(size, str);
      }
      per_category[g.category] += drawn.size() - drawn_before;
    }
    os.last_arrival.assign(ncat, SimTime::zero());
    for (std::size_t cat = 0; cat < ncat; ++cat) {
      if (per_category[cat] > 0) os.last_arrival[cat] = SimTime::from_ms(latest[cat]);
    }
    const std::size_t first = households_.size();
    os.households_begin = static_cast<std::uint32_t>(first);
    os.next_arrival = static_cast<std::uint32_t>(first);
    households_.resize(first + keys.size());
    // Each category's households linked in arrival order (Household::next), from its first one,
    // those with a stretcher patient apart.
    os.upcoming.assign(2 * ncat, kNone);
    std::vector<Household*> last_of(2 * ncat, nullptr);
    Household* out = households_.data() + first;
    detail::for_each_by_key(keys, [&](std::int64_t arrival, std::uint32_t index) {
      const Drawn& d = drawn[index];
      // Written field by field into place: a temporary copied in whole stalled on
      // store-to-load forwarding.
      out->op = o;
      out->category = d.category;
      out->size = d.size;
      out->stretchers = d.stretchers;
      out->count = d.count;
      out->arrival = SimTime::from_ms(arrival);
      const auto here = static_cast<std::uint32_t>(out - households_.data());
      const std::size_t slot = upcoming_slot(*out);
      (last_of[slot] != nullptr ? last_of[slot]->next : os.upcoming[slot]) = here;
      last_of[slot] = out;
      if (out->arrival < co.departures_end) os.in_time[slot] += people_in(*out);
      ++out;
    });
    os.arrivals_end = static_cast<std::uint32_t>(households_.size());
    // Back from the last household: each line's fewest places needed from each household on.
    coming_fits_.resize(households_.size());
    std::vector<ComingFits> fewest(2 * ncat, {INT32_MAX, INT32_MAX, SimTime::infinity()});
    std::vector<SimTime> seats_until(2 * ncat, SimTime::infinity());
    std::vector<SimTime> stretchers_until(2 * ncat, SimTime::infinity());
    for (std::size_t h = households_.size(); h-- > first;) {
      const Household& hh = households_[h];
      const std::size_t slot = upcoming_slot(hh);
      ComingFits& f = fewest[slot];
      if (hh.arrival < co.departures_end) {
        if (hh.size - hh.stretchers < f.seats) {
          f.seats = hh.size - hh.stretchers;
          seats_until[slot] = hh.arrival;
        }
        if (hh.stretchers < f.stretchers) {
          f.stretchers = hh.stretchers;
          stretchers_until[slot] = hh.arrival;
        }
      }
      coming_fits_[h] = {f.seats, f.stretchers,
                         std::min(seats_until[slot], stretchers_until[slot])};
    }
    // Room for every household of a category at once: queues never grow while simulating.
    for (std::size_t cat = 0; cat < ncat; ++cat)
      os.queues[cat].reserve(per_category[cat] - on_stretcher[cat], on_stretcher[cat]);
    // Scheduled suspensions are known in advance: movement is blocked in their windows.
    for (const auto& e : c_.events) {
      if (e.kind == model::RiskKind::Suspension && e.applies[o])
        os.static_suspensions.push_back({e.time, e.to});
    }
  }
  settles_.reserve(households_.size());
}

void Replication::create_fleet() {
  for (std::uint32_t o = 0; o < c_.operations.size(); ++o) {
    const CompiledOperation& co = c_.operations[o];
    ops_[o].batch_vehicles.resize(co.fleet.size());
    ops_[o].serving.assign(c_.types.size(), 0);
    // A batch that cannot be at the gathering point before nobody may leave any more (available
    // then, or too far away to drive there by then) serves nobody: the fleet without it may be
    // short from the start (a phase of stretcher patients whose ambulances come after the
    // ceasefire ends for "no vehicle").
    for (const auto& batch : co.fleet) {
      const auto& t = c_.types[batch.type];
      if (t.escort || batch.count <= 0) continue;
      if (batch.earliest < co.departures_end) ops_[o].serving[batch.type] += batch.count;
      const std::pair places{t.seats, t.stretchers};
      auto& all = ops_[o].places_all;
      if (std::find(all.begin(), all.end(), places) == all.end()) all.push_back(places);
    }
    count_places_left(ops_[o]);
    for (std::uint32_t b = 0; b < co.fleet.size(); ++b) {
      const auto& batch = co.fleet[b];
      for (std::int64_t i = 0; i < batch.count; ++i) {
        Vehicle v;
        v.op = o;
        v.type = batch.type;
        v.until = batch.until;
        v.seats_free = c_.types[batch.type].seats;
        v.stretchers_free = c_.types[batch.type].stretchers;
        v.too_late = batch.available >= std::min(co.ceasefire_end, horizon_);
        v.after_ceasefire = batch.earliest >= co.departures_end;
        ops_[o].batch_vehicles[b].push_back(static_cast<std::uint32_t>(vehicles_.size()));
        vehicles_.push_back(v);
        if (may_come_back(v)) ++ops_[o].coming_back;
      }
      schedule(batch.available, EventType::FleetAvailable, o, b);
      if (!batch.until.is_infinite()) schedule(batch.until, EventType::FleetWithdrawn, o, b);
    }
  }
}

void Replication::schedule_risks() {
  risk_rng_.clear();
  for (std::uint32_t r = 0; r < c_.risks.size(); ++r) {
    risk_rng_.push_back(stream(c_.risks[r].stream));
    if (c_.options.stochastic_risks && c_.risks[r].kind == model::RiskKind::Suspension) {
      schedule(SimTime::zero() + c_.risks[r].interval.sample_duration(risk_rng_[r]),
               EventType::Suspension, r);
    }
  }
  event_consumed_.assign(c_.events.size(), false);
  loss_left_.assign(c_.events.size(), 0);
  loss_events_.clear();
  losses_due_ = 0;
  if (c_.options.scheduled_events) {
    for (std::uint32_t e = 0; e < c_.events.size(); ++e) {
      const auto& ev = c_.events[e];
      if (ev.kind == model::RiskKind::VehicleLoss && ev.vehicles > 0) {
        // It takes the vehicles that come its way from its time on, those of that very instant
        // too; its event strikes those at a gathering point then.
        loss_left_[e] = ev.vehicles;
        loss_events_.push_back(e);
        ++losses_due_;
        schedule(ev.time, EventType::VehicleLoss, e);
      }
      if (ev.kind == model::RiskKind::CheckpointChange)
        schedule(std::max(ev.time, SimTime::zero()), EventType::CheckpointChange, e);
      if (ev.kind == model::RiskKind::Fire && ev.route >= 0)
        schedule(std::max(ev.time, SimTime::zero()), EventType::Fire, e);
      if (ev.kind == model::RiskKind::Slowdown)
        slowdowns_.add_window({ev.time, ev.to}, ev.factor, ev.slows, ev.applies,
                              ev.place >= 0 ? ev.place : ev.route, e);
    }
  }
  if (c_.options.stochastic_risks) {
    // A slowdown risk's windows come from its own stream, drawn as far as activities need them.
    for (std::uint32_t r = 0; r < c_.risks.size(); ++r) {
      const auto& risk = c_.risks[r];
      if (risk.kind == model::RiskKind::Slowdown)
        slowdowns_.add_process(risk.interval, risk.duration, risk.factor, risk.slows, risk.applies,
                               risk.place >= 0 ? risk.place : risk.route, risk_rng_[r], horizon_,
                               static_cast<std::uint32_t>(c_.events.size()) + r);
    }
  }
  if (trace_) slowdowns_.report_windows();  // the trace names every window where it starts
}

// ------------------------------------------------------------------------------------------
// Movement: ceasefire windows, suspensions, movement hours, headway.

SimTime Replication::next_movement(std::uint32_t op, SimTime t) const {
  const OperationState& os = ops_[op];
  if (t >= os.moves.from && t < os.moves.to && os.suspended_until <= t) {
#ifdef MAMAR_INVARIANTS
    // The test build asks again without the last answer, and checks that it is the same.
    const Window last = os.moves;
    os.moves = {SimTime::infinity(), SimTime::infinity()};
    const SimTime again = next_movement(op, t);
    os.moves = last;
    if (again != t) {
      throw std::logic_error(fmt::format(
          "movement of operation {} allowed at {} ms by the last answer, not until {} ms",
          s_.operations[op].id, t.ms(), again.ms()));
    }
#endif
    return t;
  }
  for (int guard = 0; guard < 1000; ++guard) {
    SimTime before = t;
    t = std::max(t, os.suspended_until);
    if (c_.options.scheduled_events) {
      for (const auto& w : os.static_suspensions) {
        if (t >= w.from && t < w.to) t = w.to;
      }
    }
    // Next moment inside one of its ceasefire windows, and the end of that window.
    SimTime in_window = SimTime::infinity();
    SimTime window_end = SimTime::infinity();
    for (const auto& w : c_.operations[op].ceasefire) {
      if (t < w.to) {
        in_window = std::max(t, w.from);
        window_end = w.to;
        break;
      }
    }
    t = in_window;
    if (t.is_infinite()) return t;
    if (t == before) {
      // Allowed from t until its window ends or the next scheduled suspension begins.
      SimTime until = window_end;
      if (c_.options.scheduled_events) {
        for (const auto& w : os.static_suspensions) {
          if (w.from > t) until = std::min(until, w.from);
        }
      }
      os.moves = {t, until};
      return t;
    }
  }
  return t;
}

SimTime Replication::next_movement_hours(std::uint32_t op, SimTime t) const {
  const auto& hours = c_.operations[op].movement_minutes;
  if (hours.empty() || t.is_infinite()) return t;
  const std::int64_t local_ms =
      c_.start_unix_ms + t.ms() + static_cast<std::int64_t>(c_.timezone_minutes) * 60000;
  const std::int64_t day_ms = 86400000;
  const std::int64_t in_day = ((local_ms % day_ms) + day_ms) % day_ms;
  std::int64_t best = INT64_MAX;
  for (auto [from, to] : hours) {
    const std::int64_t f = from * 60000LL;
    const std::int64_t e = to * 60000LL;
    bool inside = f < e ? (in_day >= f && in_day < e) : (in_day >= f || in_day < e);
    if (inside) return t;
    std::int64_t wait = f >= in_day ? f - in_day : day_ms - in_day + f;
    best = std::min(best, wait);
  }
  return t + Duration::milliseconds(best);
}

SimTime Replication::next_departure(std::uint32_t op, SimTime t) const {
  const OperationState& os = ops_[op];
  for (int guard = 0; guard < 1000; ++guard) {
    SimTime before = t;
    t = next_movement(op, t);
    if (t.is_infinite()) return t;
    t = std::max(t, os.last_departure + c_.operations[op].convoy.headway);
    t = next_movement_hours(op, t);
    if (t == before) return t;
  }
  return t;
}

void Replication::suspend(const std::vector<bool>& applies, Duration d, const std::string& why,
                          bool later) {
  for (std::uint32_t o = 0; o < ops_.size(); ++o) {
    if (!applies[o]) continue;
    ops_[o].suspended_until = std::max(ops_[o].suspended_until, now_ + d);
    if (!trace_) continue;
    std::string detail = fmt::format("{} for {}", why, format_duration_exact(d));
    if (later) {
      later_rows_.push_back(TraceRecord{now_.since_start(), "suspension",
                                        static_cast<std::int32_t>(o), -1, -1, -1, 0,
                                        std::move(detail)});
    } else {
      trace("suspension", static_cast<std::int32_t>(o), -1, -1, -1, 0, detail);
    }
  }
}

void Replication::maybe_suspend(const detail::CompiledRisk& r, RandomStream& rng, bool later) {
  if (!r.suspends || !rng.bernoulli(r.suspend_probability)) return;
  suspend(r.applies, r.suspend_duration.sample_duration(rng), "renegotiation after incident",
          later);
}

void Replication::write_later_rows() {
  for (const auto& row : later_rows_) trace_(row);
  later_rows_.clear();
}

// Scheduled suspensions and slowdowns need no event (next_movement() and Slowdowns::end() know
// their windows): the trace shows each window where it starts, once the replication has come that
// far (the next event, or the end), in time order with the rest. Those starting between two
// events come in the order they start.
void Replication::trace_windows(SimTime until) {
  std::vector<TraceRecord> rows;
  trace_scheduled_suspensions(until, rows);
  trace_slowdowns(until, rows);
  std::stable_sort(rows.begin(), rows.end(),
                   [](const TraceRecord& a, const TraceRecord& b) { return a.time < b.time; });
  for (const auto& row : rows) trace_(row);
}

void Replication::trace_scheduled_suspensions(SimTime until, std::vector<TraceRecord>& rows) {
  if (!c_.options.scheduled_events) return;
  event_traced_.resize(c_.events.size(), 0);
  for (std::size_t i = 0; i < c_.events.size(); ++i) {
    const auto& e = c_.events[i];
    if (e.kind != model::RiskKind::Suspension || event_traced_[i] != 0 || e.time > until) continue;
    event_traced_[i] = 1;
    // One that began before the agreement's start has its row at the start, for what is left.
    const SimTime from = std::max(e.time, SimTime::zero());
    const std::string detail = e.to.is_infinite()
                                   ? fmt::format("scheduled event {}, without end", s_.events[i].id)
                                   : fmt::format("scheduled event {} for {}", s_.events[i].id,
                                                 format_duration_exact(e.to - from));
    for (std::uint32_t o = 0; o < ops_.size(); ++o) {
      if (e.applies[o])
        rows.push_back(TraceRecord{from.since_start(), "suspension", static_cast<std::int32_t>(o),
                                   -1, -1, -1, 0, detail});
    }
  }
}

void Replication::trace_slowdowns(SimTime until, std::vector<TraceRecord>& rows) {
  slowdowns_.each_started(
      until, [&](std::uint32_t source, const detail::Slowdowns::Window& w, double factor,
                 std::uint8_t what, const std::vector<std::uint8_t>& by_operation) {
        // Sources are events (their index), then risks (see schedule_risks()).
        const std::size_t ne = c_.events.size();
        std::string slowed;
        for (const auto& [bit, word] : {std::pair{detail::Activity::Travel, "travel"},
                                        std::pair{detail::Activity::Boarding, "boarding"},
                                        std::pair{detail::Activity::Inspection, "inspections"},
                                        std::pair{detail::Activity::Unloading, "unloading"}}) {
          if ((what & bit) != 0) slowed += (slowed.empty() ? "" : ", ") + std::string(word);
        }
        const bool one = what == detail::Activity::Travel || what == detail::Activity::Boarding ||
                         what == detail::Activity::Unloading;  // "travel takes", "inspections take"
        const SimTime from = std::max(w.from, SimTime::zero());  // as a suspension's row
        const std::string line = fmt::format(
            "{} {} for {}: {} {} {:g} times as long", source < ne ? "scheduled event" : "risk",
            source < ne ? s_.events[source].id : s_.risks[source - ne].id,
            format_duration_exact(w.to - from), slowed, one ? "takes" : "take", factor);
        for (std::uint32_t o = 0; o < ops_.size(); ++o) {
          if (o < by_operation.size() && by_operation[o] != 0)
            rows.push_back(TraceRecord{from.since_start(), "slowdown", static_cast<std::int32_t>(o),
                                       -1, -1, -1, 0, line});
        }
      });
}

void Replication::on_suspension(std::uint32_t r) {
  const auto& risk = c_.risks[r];
  Duration d = risk.duration.sample_duration(risk_rng_[r]);
  suspend(risk.applies, d, "suspension");
  // The next suspension comes an interval after this one ends.
  schedule(now_ + d + risk.interval.sample_duration(risk_rng_[r]), EventType::Suspension, r);
}

// ------------------------------------------------------------------------------------------
// Arrivals, phases and boarding

// People join the queue at their arrival time, whatever the event that finds them there: the
// loop admits everyone due before it handles an event. An Arrival event only wakes the operation,
// and only while a vehicle stands ready for people (hungry()); otherwise arrivals are "parked":
// no event each, which in Aleppo removes most arrival events (they were half of all events).
// Parked, the operation is still woken at the last arrival of each category (park_arrivals()).
// Not parked, it is woken only at the arrivals that may change what boarding does
// (next_arrival_that_matters()), planned again when boarding opens a queue's view or a phase
// opens (replan_arrivals()): most of the others came behind long queues, each with an event that
// changed nothing (Sheikh Maqsoud: 46% of all events).
//
// admit_arrivals() admits the households come by now of every operation whose next one is due,
// in the order of the operations. Nobody has boarded since the last event, so the people waiting
// at a gathering point rose until the latest arrival admitted there: a new peak is theirs from
// then.
void Replication::admit_arrivals() {
  auto& due = scratch_due_;
  due.clear();
  while (!arrivals_due_.empty() && arrivals_due_.top().first <= now_.ms()) {
    due.push_back(arrivals_due_.top().second);
    arrivals_due_.pop();
  }
  std::sort(due.begin(), due.end());
  for (const std::uint32_t op : due) {
    admit_arrivals(op);
    const OperationState& os = ops_[op];
    if (os.next_arrival < os.arrivals_end)
      arrivals_due_.emplace(households_[os.next_arrival].arrival.ms(), op);
  }
  next_admission_ =
      arrivals_due_.empty() ? SimTime::infinity() : SimTime::from_ms(arrivals_due_.top().first);
  // Where operations share a gathering point, its people rose until the latest arrival admitted
  // there by any of them (admit_arrivals(op) notes the peak of one gathering alone).
  if (!shared_gathering_) return;
  for (const std::uint32_t op : due) {
    const std::uint32_t gp = c_.operations[op].gathering_point;
    if (crowds_[gp].round_latest == INT64_MIN) continue;
    note_peak(gp, SimTime::from_ms(crowds_[gp].round_latest));
    crowds_[gp].round_latest = INT64_MIN;
  }
}

void Replication::admit_arrivals(std::uint32_t op) {
  OperationState& os = ops_[op];
  const std::uint32_t gp = c_.operations[op].gathering_point;
  // Looked at once: the loop's stores could alias the flag, which it would then load each time.
  const bool room_log = rooms_ && c_.places[gp].room != INT64_MAX;
  const std::uint32_t first = os.next_arrival;
  const std::int64_t still_to_come = os.not_arrived_total;
  while (os.next_arrival < os.arrivals_end) {
    const std::uint32_t h = os.next_arrival;
    Household& hh = households_[h];
    if (hh.arrival > now_) break;
    ++os.next_arrival;
#ifdef MAMAR_INVARIANTS
    if (os.upcoming[upcoming_slot(hh)] != h) {
      throw std::logic_error(fmt::format("household {} came out of its category's order", h));
    }
#endif
    os.upcoming[upcoming_slot(hh)] = hh.next;
    hh.next = kNone;
    hh.state = HouseholdState::Waiting;
    const bool in_time = hh.arrival < c_.operations[op].departures_end;
    // After it, a household still to come of its line may need more places (may_take_coming()).
    const bool fits_change = in_time && hh.arrival >= coming_fits_[h].until;
    hh.arrival = std::max(hh.arrival, SimTime::zero());
    const bool in_view =
        os.queues[hh.category].push_back({h, hh.size - hh.stretchers, hh.stretchers, hh.count});
    const std::int64_t people = people_in(hh);
    os.not_arrived[hh.category] -= people;
    if (in_time) os.in_time[upcoming_slot(hh)] -= people;
    // The last of a category, or of its line in time, or the last of its line who needs so few
    // places, may let a vehicle waiting at its bay for them go (keeps_bay()), or a convoy (rules 4
    // and 5 in docs/simulation.md).
    const bool last = os.not_arrived[hh.category] == 0 ||
                      (in_time && os.in_time[upcoming_slot(hh)] == 0) || fits_change;
    // Boarding can take it only once it is in view and a phase open takes its category.
    if ((in_view && os.category_open[hh.category] != 0) || last) os.arrivals_matter = true;
    os.not_arrived_total -= people;
    os.waiting[hh.category] += people;
    trace("arrival", static_cast<std::int32_t>(op), -1, -1, static_cast<std::int32_t>(gp), people,
          s_.categories[hh.category].id);
    if (room_log) room_change(gp, op, hh.arrival, people);  // after: its trace row follows
    // The last of a category has come: the convoy rules that wait for those still to come may
    // now let a convoy go (rule 5 in docs/simulation.md).
    if (last) request_departure_check(op);
  }
  if (os.next_arrival == first) return;
  if (!room_log) crowds_[gp].waiting += still_to_come - os.not_arrived_total;
  // Households come in arrival order: the last admitted came last.
  const SimTime latest = households_[os.next_arrival - 1].arrival;
  if (c_.gathering_at[gp].size() == 1) {
    note_peak(gp, latest);
  } else {
    crowds_[gp].round_latest = std::max(crowds_[gp].round_latest, latest.ms());
  }
}

// Whether a vehicle at the gathering point could take someone arriving now: one at a bay that is
// not boarding and has room, or an idle one and a free bay. When not, an arrival changes nothing
// but the queue: boarding needs such a vehicle, phases end only when people board, and more
// people waiting never lets a convoy leave that could not leave before (see try_depart), except
// when the last of a category comes (rule 5), for which parked arrivals still wake.
bool Replication::hungry(std::uint32_t op) const {
  if (trace_) return true;  // a trace shows every arrival event at its time
  const OperationState& os = ops_[op];
  if (os.open_at_bay > 0) return true;
  const std::uint32_t gp = c_.operations[op].gathering_point;
  // No bay is free: one may be, where another operation's vehicle stands at a bay ready for
  // people and one of this operation's could take someone now (keeps_bay()).
  if (bays_[gp].used >= c_.places[gp].bays) return os.idle_passenger > 0 && another_open_at_bay(op);
  return os.idle_passenger > 0;
}

void Replication::schedule_arrival(std::uint32_t op, SimTime t) {
  OperationState& os = ops_[op];
  os.arrival_at = std::max(now_, t);
  schedule(os.arrival_at, EventType::Arrival, op, ++os.arrival_generation);
}

void Replication::schedule_next_arrival(std::uint32_t op) {
  parked_.erase(op);
  const SimTime t = next_arrival_that_matters(op);
  if (t.is_infinite()) {
    ops_[op].arrival_at = t;
  } else {
    schedule_arrival(op, t);
  }
}

// The first household still to come whose arrival may change what boarding does (on_arrival()),
// were nothing else to change until then: one that comes in view (WaitingQueue::push_back()) of
// a category that a phase open now takes, or the last of a category. Until an event changes the
// queues or the phases, a household of a category whose view is full (or that no phase open
// takes) comes for nothing but its place in the queue, which the next event gives it as well
// (admit_arrivals()): no event of its own is needed. Where one has been admitted that matters
// since boarding last looked, the next household, as every household in a trace.
SimTime Replication::next_arrival_that_matters(std::uint32_t op) const {
  const OperationState& os = ops_[op];
  if (os.next_arrival >= os.arrivals_end) return SimTime::infinity();
  if (trace_ || os.arrivals_matter) return households_[os.next_arrival].arrival;
  SimTime next = SimTime::infinity();
  for (std::size_t slot = 0; slot < os.upcoming.size(); ++slot) {
    const std::uint32_t h = os.upcoming[slot];
    if (h == kNone) continue;
    const std::uint32_t cat = households_[h].category;
    next = std::min(next, os.category_open[cat] != 0 &&
                                  os.queues[cat].would_see_next(households_[h].stretchers > 0)
                              ? households_[h].arrival
                              : last_that_matters(os, slot));
  }
  return next;
}

// After each event, for the operations whose queues boarding took from or whose phases opened:
// their next arrival that matters may be nearer than their pending Arrival event (one farther
// comes for nothing and plans again).
void Replication::replan_arrivals() {
  for (std::uint32_t op = replan_.next(0); op != kNone; op = replan_.next(op + 1)) {
    if (parked_.contains(op)) continue;
    const SimTime t = next_arrival_that_matters(op);
    if (t < ops_[op].arrival_at) schedule_arrival(op, t);
  }
  replan_.clear();
  replan_due_ = false;
}

// Parked, the operation still wakes when the last household of a category comes, or the last in
// time of a line of it: that can let a convoy go (see admit_arrivals()).
void Replication::park_arrivals(std::uint32_t op) {
  OperationState& os = ops_[op];
  parked_.insert(op);
  SimTime next = SimTime::infinity();
  for (std::size_t cat = 0; cat < os.last_arrival.size(); ++cat) {
    if (os.not_arrived[cat] > 0)
      next = std::min({next, last_that_matters(os, 2 * cat), last_that_matters(os, 2 * cat + 1)});
  }
  if (!next.is_infinite()) schedule_arrival(op, next);
}

// After each event: wake the arrivals of operations that can board again.
void Replication::unpark_arrivals() {
  for (std::uint32_t op = parked_.next(0); op != kNone; op = parked_.next(op + 1)) {
    if (hungry(op)) schedule_next_arrival(op);
  }
}

void Replication::on_arrival(std::uint32_t op, std::uint32_t generation) {
  if (generation != ops_[op].arrival_generation) return;
  if (!hungry(op)) {
    park_arrivals(op);  // until a vehicle is ready for people (unpark_arrivals)
    return;
  }
  // Those come since boarding last looked are out of its view (behind a queue's first
  // households) or of no open phase: it would find what it found then. Whatever else changes
  // what it finds (a vehicle, a phase, a linkage, the time) wakes the operation itself.
  if (!ops_[op].arrivals_matter) {
#ifdef MAMAR_INVARIANTS
    check_nobody_boards(op);
#endif
    schedule_next_arrival(op);
    return;
  }
  if (board(op)) request_departure_check(op);
  schedule_next_arrival(op);
}

void Replication::wake(std::uint32_t op) {
  board(op);
  request_departure_check(op);
}

// Boards whoever may board now (try_board), with the phases looked at again after each round: a
// phase whose last people have boarded ends there and then, and the next one opens for the
// vehicles and bays still free. Returns whether anything changed for the convoy rules.
bool Replication::board(std::uint32_t op) {
  ops_[op].arrivals_matter = false;
  update_phases(op);
  bool changed = false;
  while (try_board(op)) {
    changed = true;
    if (!ops_[op].phases_stale || !update_phases(op)) break;
  }
  return changed;
}

// wake() the operation once every event of this instant has run (run_departure_checks()): the
// vehicles of every batch available now are idle by then, so the bays go by the rule of vehicle
// types, not by the order of the fleet's list.
void Replication::request_wake(std::uint32_t op) {
  wake_pending_.insert(op);
}

// The operations tied to `op` by a linkage look again at who may board: `op` has nobody left to
// board, and a linkage no longer holds the others back for it (cap()).
void Replication::request_linked_wakes(std::uint32_t op) {
  for (auto l : c_.operations[op].linkages) {
    for (auto o : c_.linkages[l].operations) {
      if (o != op) request_wake(o);
    }
  }
}

// A linkage starts or stops binding at the times the scenario gives (`from`, `until`). The caps
// are computed again (cap() keeps them while progress_ stands still) and its operations look
// again at who may board: one that has moved further than the linkage now allows waits for the
// others to catch up; one that was held may move on.
void Replication::on_linkage(std::uint32_t l, bool binds) {
  linkage_binds_[l] = binds ? 1 : 0;
  progressed();
  if (trace_) {
    const std::string detail = fmt::format("linkage {}", s_.agreement.linkages[l].id);
    if (binds) {
      trace("linkage-binds", -1, -1, -1, -1, 0, detail);
    } else {
      trace("linkage-lifted", -1, -1, -1, -1, 0, detail);
    }
  }
  for (auto op : c_.linkages[l].operations) wake(op);
}

// The departure rules are looked at again once every event of this instant has run
// (run_departure_checks).
void Replication::request_departure_check(std::uint32_t op) {
  departure_pending_.insert(op);
}

// What the phases of `op` and of the operations with a phase `after` one of its phases depend on
// has changed: its phases' departures, or who of it is left to board (update_phases()).
void Replication::phases_changed_for(std::uint32_t op) {
  ops_[op].phases_dirty = true;
  for (const auto o : c_.operations[op].after_dependents) ops_[o].phases_dirty = true;
}

bool Replication::phase_start_ok(std::uint32_t op, std::uint32_t p) {
  const auto& ph = c_.operations[op].phases[p];
  if (now_ < ph.not_before) {
    schedule_check(op, ph.not_before);
    ops_[op].phases_checks.push_back(ph.not_before);
    return false;
  }
  for (const auto& a : ph.after) {
    const PhaseState& other = ops_[a.op].phases[a.phase];
    const auto& target = c_.operations[a.op].phases[a.phase];
    if (other.ended) continue;
    if (static_cast<double>(other.departed) < a.share * static_cast<double>(target.target) - 1e-9)
      return false;
  }
  return true;
}

// Which phases have ended and which are open now. Returns whether that changed.
bool Replication::update_phases(std::uint32_t op) {
  const CompiledOperation& co = c_.operations[op];
  OperationState& os = ops_[op];
  // Nothing they depend on has changed since the last look (OperationState::phases_dirty): the
  // same look, without looking. The test build looks, and checks that nothing changed.
  const bool settled = !os.phases_dirty && !os.phases_stale && !os.fleet_short &&
                       std::none_of(os.phases_checks.begin(), os.phases_checks.end(),
                                    [&](SimTime t) { return t <= now_; });
#ifndef MAMAR_INVARIANTS
  if (settled) {
    for (const SimTime t : os.phases_checks) schedule_check(op, t);
    return false;
  }
#endif
  [[maybe_unused]] const std::vector<SimTime> checks_before = os.phases_checks;
  os.phases_checks.clear();
  os.phases_dirty = false;
  os.phases_stale = false;
  bool changed = false;
  for (std::uint32_t p = 0; p < co.phases.size(); ++p) {
    PhaseState& ps = os.phases[p];
    ps.was_open = ps.open;
    ps.open = false;
    if (ps.ended) continue;
    bool left = false;
    for (auto cat : co.phases[p].categories)
      left = left || os.coming_in_time(cat) > 0 || os.waiting[cat] > 0 || os.going_back[cat] > 0;
    // A phase also ends when no vehicle left can carry anyone left of it (every ambulance lost,
    // with stretcher patients waiting): they are left "no vehicle", and later phases go on. So
    // when those that could are on trips from which they cannot be back in time: they are left
    // by the end of the ceasefire.
    if (ps.boarded >= co.phases[p].quota || !left ||
        (os.fleet_short && !carriable_left(op, p, os.places_left))) {
      ps.ended = true;
      ps.stranded = left && ps.boarded < co.phases[p].quota;
      ps.out_of_time = ps.stranded && carriable_left(op, p, fleet_left(op).places);
      changed = true;
      progressed();  // the linkages' caps may change (exhausted())
      // The phases of other operations `after` this one may open now.
      for (const auto o : co.after_dependents) {
        ops_[o].phases_dirty = true;
        request_wake(o);
      }
      trace("phase-ended", static_cast<std::int32_t>(op), -1, -1, -1, ps.boarded,
            s_.operations[op].phases[p].id);
    }
  }
  // Open the lowest order that has phases left. With `overlap`, later orders open too: pick()
  // serves them only when no one of an earlier order fits the vehicle at hand, so earlier
  // orders keep priority without leaving vehicles idle (a bus cannot take a stretcher patient).
  std::size_t i = 0;
  const auto& order = co.phase_order;
  while (i < order.size()) {
    while (i < order.size() && os.phases[order[i]].ended) ++i;
    if (i == order.size()) break;
    const int level = co.phases[order[i]].order;
    for (; i < order.size() && co.phases[order[i]].order == level; ++i) {
      const std::uint32_t p = order[i];
      if (!os.phases[p].ended && phase_start_ok(op, p)) os.phases[p].open = true;
    }
    if (!s_.agreement.overlap) break;
  }
  bool opened_or_closed = false;
  for (const PhaseState& ps : os.phases)
    opened_or_closed = opened_or_closed || ps.open != ps.was_open;
  if (opened_or_closed) {
    changed = true;
    os.category_open.assign(os.queues.size(), 0);
    for (const auto& slot : co.pick_order) {
      if (os.phases[slot.phase].open) os.category_open[slot.category] = 1;
    }
    replan_.insert(op);  // arrivals of a category opened may matter now
    replan_due_ = true;
  }
  // Its last phase has ended: the operations a linkage held back for it may go on.
  if (changed && exhausted(op)) request_linked_wakes(op);
#ifdef MAMAR_INVARIANTS
  if (settled && (changed || os.phases_checks != checks_before)) {
    throw std::logic_error(
        fmt::format("the phases of operation {} changed at {} ms though nothing they depend on did",
                    s_.operations[op].id, now_.ms()));
  }
#endif
  return changed;
}

// Whether someone left of a phase (waiting, still to come, or riding home turned back) fits a
// vehicle with one of `places` (seats, stretcher places): those of the vehicles that may still take
// people (OperationState::places_left), or of the fleet left (fleet_left()). Asked only once the
// fleet is short (update_phases()): it looks through the phase's queues and the households still
// to come.
bool Replication::carriable_left(
    std::uint32_t op, std::uint32_t phase,
    const std::vector<std::pair<std::int32_t, std::int32_t>>& places) const {
  const OperationState& os = ops_[op];
  const auto& categories = c_.operations[op].phases[phase].categories;
  auto fits = [&](std::int32_t seats, std::int32_t stretchers) {
    return std::any_of(places.begin(), places.end(),
                       [&](const auto& p) { return seats <= p.first && stretchers <= p.second; });
  };
  for (auto cat : categories) {
    if (os.going_back[cat] > 0) return true;  // aboard a vehicle now
    if (os.queues[cat].any_of([&](const auto& e) { return fits(e.seats, e.stretchers); }))
      return true;
  }
  for (std::uint32_t h = os.next_arrival; h < os.arrivals_end; ++h) {
    const Household& hh = households_[h];
    // In arrival order: the rest come too late.
    if (hh.arrival >= c_.operations[op].departures_end) break;
    if (std::find(categories.begin(), categories.end(), hh.category) != categories.end() &&
        fits(hh.size - hh.stretchers, hh.stretchers))
      return true;
  }
  return false;
}

// The operation's vehicles that may still take people: not lost, withdrawn or past their
// `until`, and private ones not gone on their one trip; those that cannot be back in time count
// (in_fleet()).
Replication::FleetLeft Replication::fleet_left(std::uint32_t op) const {
  FleetLeft out;
  out.escorts.assign(c_.types.size(), 0);
  for (const auto& v : vehicles_) {
    const auto& type = c_.types[v.type];
    if (v.op != op || v.until <= now_ || v.state == VehicleState::Destroyed ||
        v.state == VehicleState::Withdrawn || v.state == VehicleState::Done)
      continue;
    if (type.escort) {
      ++out.escorts[v.type];
      continue;
    }
    if (!in_fleet(v)) continue;  // a private one on its one trip
    if (std::find(out.places.begin(), out.places.end(), std::pair{type.seats, type.stretchers}) ==
        out.places.end())
      out.places.emplace_back(type.seats, type.stretchers);
  }
  return out;
}

std::int64_t Replication::measure(std::uint32_t op, bool arrived) const {
  return arrived ? ops_[op].arrived : ops_[op].departed_net;
}

// Nobody more of the operation will board: everyone has, or every phase has ended (its quota
// reached, or no vehicle left for those left of it), so that those left stay. A linkage no longer
// holds the other operations back for it.
bool Replication::exhausted(std::uint32_t op) const {
  const OperationState& os = ops_[op];
  return os.committed >= c_.operations[op].leaving ||
         std::all_of(os.phases.begin(), os.phases.end(),
                     [](const PhaseState& ps) { return ps.ended; });
}

// The operation's measure under a linkage will not change any more: nobody more of it will board
// (exhausted()) and, counted on arrival, nobody of it is aboard or on the way still (everyone who
// boarded has arrived, or been removed or killed). Only then does the linkage stop holding the
// other operations back for it: under `arrived`, the last people of the other side do not leave
// before its own last people are in.
bool Replication::measure_final(std::uint32_t op, bool arrived) const {
  return exhausted(op) && (!arrived || ops_[op].committed == ops_[op].settled);
}

void Replication::progressed() {
  ++progress_;
  if (has_tranches_) advance_tranches();
}

// Passes every tranche that all operations of a binding linkage have completed, at the moment
// the last of them completes it: a tranche once complete stays so (people of it sent back later
// board again within the next one's amounts).
void Replication::advance_tranches() {
  for (std::uint32_t l = 0; l < c_.linkages.size(); ++l) {
    const auto& lk = c_.linkages[l];
    if (!linkage_binds_[l] || lk.kind != model::LinkageKind::Tranches) continue;
    std::size_t& k = tranche_[l];
    while (k < lk.tranches.size()) {
      bool done = true;
      for (std::size_t i = 0; i < lk.operations.size() && done; ++i) {
        const std::uint32_t o = lk.operations[i];
        if (measure(o, lk.arrived) < lk.tranches[k][i] && !measure_final(o, lk.arrived))
          done = false;
      }
      if (!done) break;
      // Counted on departures, a tranche done once no operation of it may send a convoy any more
      // (its people boarded onto vehicles that cannot leave, or its phases ended) moved nobody:
      // not reported as complete (the caps still go on to the next).
      SimTime last_departure = SimTime::zero();
      for (const std::uint32_t o : lk.operations)
        last_departure = std::max(last_departure, c_.operations[o].departures_end);
      if (lk.arrived || now_ < last_departure) tranche_done_[l][k] = now_;
      ++k;
      if (trace_)
        trace("tranche-complete", -1, -1, -1, -1, static_cast<std::int64_t>(k),
              fmt::format("linkage {}", s_.agreement.linkages[l].id));
    }
  }
}

// A function of the operations' progress counts alone (tranche_ advances with them), so it is
// computed again only once one of them has changed: it is asked on every event at a gathering
// point, far more often than anyone boards, departs or arrives. Under a measure of people
// arrived, those of the operation removed or killed on the way are not counted against its cap:
// they will never arrive, and others board in their place.
std::int64_t Replication::cap(std::uint32_t op) {
  OperationState& os = ops_[op];
  if (os.cap_progress == progress_) return os.cap_value;
  if (has_tranches_) advance_tranches();  // passed already, unless a count moved after progressed()
  std::int64_t result = INT64_MAX;
  for (auto l : c_.operations[op].linkages) {
    if (!linkage_binds_[l]) continue;
    const auto& lk = c_.linkages[l];
    const std::int64_t never_arriving = lk.arrived ? lost(op) : 0;
    if (lk.kind == model::LinkageKind::Tranches) {
      const std::size_t k = tranche_[l];
      if (k < lk.tranches.size()) {
        auto pos = static_cast<std::size_t>(
            std::find(lk.operations.begin(), lk.operations.end(), op) - lk.operations.begin());
        result = std::min(result, lk.tranches[k][pos] + never_arriving);
      }
    } else {
      if (op == lk.follow && !measure_final(lk.lead, lk.arrived)) {
        auto c = static_cast<std::int64_t>(
                     std::floor(lk.ratio * static_cast<double>(measure(lk.lead, lk.arrived)))) +
                 lk.allowance + never_arriving;
        result = std::min(result, c);
      }
      if (op == lk.lead && lk.mutual && !measure_final(lk.follow, lk.arrived)) {
        auto c = static_cast<std::int64_t>(
                     std::floor((static_cast<double>(measure(lk.follow, lk.arrived)) +
                                 static_cast<double>(lk.allowance)) /
                                lk.ratio)) +
                 never_arriving;
        result = std::min(result, c);
      }
    }
  }
  os.cap_progress = progress_;
  os.cap_value = result;
  return result;
}

// Finds a waiting household that may board a vehicle with these free places now.
bool Replication::pick(std::uint32_t op, std::int32_t seats, std::int32_t stretchers, Pick& out) {
  return ops_[op].committed < cap(op) && pick_within_phases(op, seats, stretchers, out);
}

// pick() without the linkage cap, for a caller that has checked it. Looks from position `from` of
// the pick order on; out.slot tells where it found someone.
bool Replication::pick_within_phases(std::uint32_t op, std::int32_t seats, std::int32_t stretchers,
                                     Pick& out, std::size_t from) {
  OperationState& os = ops_[op];
  const CompiledOperation& co = c_.operations[op];
  for (std::size_t k = from; k < co.pick_order.size(); ++k) {
    const auto [p, cat] = co.pick_order[k];
    if (!os.phases[p].open || os.phases[p].boarded >= co.phases[p].quota) continue;
    const std::ptrdiff_t i = os.queues[cat].find_fit(seats, stretchers);
    if (i >= 0) {
      out = {cat, static_cast<std::size_t>(i), static_cast<std::int32_t>(p), k};
      return true;
    }
  }
  return false;
}

// Boards as many waiting households as fit; schedules the end of boarding. Returns whether
// anyone boarded.
bool Replication::fill(std::uint32_t v) {
  Vehicle& veh = vehicles_[v];
  OperationState& os = ops_[veh.op];
  const std::uint32_t gp = c_.operations[veh.op].gathering_point;
  std::int64_t boarded = 0;
  const bool was_open = open_at_bay(veh);  // before boarding changes its free places
  Pick pk;
  const std::uint32_t aboard_before = veh.first;  // those boarding now go in front of them
  // The cap moves with the other operations' progress, and with this one's only once all its
  // people have boarded: it holds for the whole loop.
  const std::int64_t limit = cap(veh.op);
  // Each pick looks on from where the last one found someone: the slots before it found nobody
  // who fits, and with fewer free places and the same queues they still would not. Only a slot
  // of the category just taken from has a changed queue (it may be earlier when the category is
  // in more than one phase): the search goes back to its first slot.
  const auto& first_pick = c_.operations[veh.op].first_pick;
  std::size_t from = 0;
  while ((veh.seats_free > 0 || veh.stretchers_free > 0) && os.committed < limit &&
         pick_within_phases(veh.op, veh.seats_free, veh.stretchers_free, pk, from)) {
    from = std::min<std::size_t>(pk.slot, first_pick[pk.category]);
    auto& queue = os.queues[pk.category];
    const std::int32_t run = queue[pk.position].count;
    // Of a run, as many households as would board one by one: the next one would be picked
    // again (nothing before it fits with fewer places; the phase and category stay first) while
    // it fits, the phase's quota is not reached and the cap is not.
    std::int32_t k = 1;
    if (run > 1) {
      const std::int64_t size = queue[pk.position].seats;  // no stretcher patient in a run
      std::int64_t most = std::min<std::int64_t>(run, veh.seats_free / size);
      const std::int64_t quota =
          c_.operations[veh.op].phases[static_cast<std::size_t>(pk.phase)].quota;
      if (quota != INT64_MAX)
        most = std::min(
            most, ceil_div(quota - os.phases[static_cast<std::size_t>(pk.phase)].boarded, size));
      if (limit != INT64_MAX) most = std::min(most, ceil_div(limit - os.committed, size));
      k = static_cast<std::int32_t>(std::max<std::int64_t>(1, most));
    }
    std::uint32_t h = queue.take(pk.position, k).household;
    if (queue.line_sees_next(pk.position)) {  // its view takes in arrivals (again)
      replan_.insert(veh.op);
      replan_due_ = true;
    }
    if (k < run) {
      // Part of the run boards: it becomes a run of its own; the rest waits.
      households_[h].count -= k;
      households_.push_back(households_[h]);
      households_.back().count = k;
      h = static_cast<std::uint32_t>(households_.size() - 1);
    }
    Household& hh = households_[h];
#ifdef MAMAR_INVARIANTS
    if (os.committed >= cap(veh.op)) {
      throw std::logic_error(fmt::format("operation {} boards past its linkage cap at {} ms",
                                         s_.operations[veh.op].id, now_.ms()));
    }
#endif
    const std::int64_t people = people_in(hh);
    hh.state = HouseholdState::Boarded;
    hh.phase = pk.phase;
    hh.next = veh.first;
    veh.first = h;
    veh.seats_free -= (hh.size - hh.stretchers) * k;
    veh.stretchers_free -= hh.stretchers * k;
    veh.people += people;
    os.waiting[hh.category] -= people;
    os.committed += people;
    progressed();
    os.phases[static_cast<std::size_t>(pk.phase)].boarded += people;
    boarded += people;
    // Its phase may have ended: the quota reached, or nobody of the category left to board.
    // With the fleet short, the last of it whom a vehicle left can carry may have boarded.
    if (os.phases[static_cast<std::size_t>(pk.phase)].boarded >=
            c_.operations[veh.op].phases[static_cast<std::size_t>(pk.phase)].quota ||
        (os.waiting[hh.category] == 0 && os.coming_in_time(hh.category) == 0 &&
         os.going_back[hh.category] == 0) ||
        os.fleet_short)
      os.phases_stale = true;
  }
  if (boarded == 0) return false;
  if (exhausted(veh.op)) request_linked_wakes(veh.op);
  // One boarding_time draw per person, summed (drawn together: the picks use no random numbers).
  const Duration boarding = c_.places[gp].boarding.sample_duration_sum(boarded, boarding_rng_[gp]);
  if (veh.people == boarded) veh.loaded_since = now_;  // its first people of this trip
  os.forming_since = std::min(os.forming_since, now_);
  if (was_open) --os.open_at_bay;
  veh.boarding = true;
  ++veh.generation;
  schedule(
      slowed_end(veh.op, detail::Activity::Boarding, static_cast<std::int32_t>(gp), now_, boarding),
      EventType::BoardingDone, v, veh.generation);
  if (trace_)
    trace("boarding", static_cast<std::int32_t>(veh.op), -1, v, static_cast<std::int32_t>(gp),
          boarded, aboard_detail(veh.first, aboard_before));
  change_waiting(gp, veh.op, now_, -boarded);  // after: its trace row follows
  return true;
}

// Who is in a vehicle, for the trace: "CATEGORY/PHASE N" for each category and phase (the
// category alone for people of no phase), in the scenario's order, for the households of its
// list from `from` up to `until` (not included).
std::string Replication::aboard_detail(std::uint32_t from, std::uint32_t until) const {
  return who_detail({&from, 1}, until);
}

// Who is in the vehicles whose household lists start at `firsts` (each up to `until`, not
// included), as aboard_detail() says it, all together.
std::string Replication::who_detail(std::span<const std::uint32_t> firsts,
                                    std::uint32_t until) const {
  WhoGroups groups;
  std::uint32_t op = 0;
  for (const std::uint32_t from : firsts) {
    for (std::uint32_t h = from; h != until && h != kNone; h = households_[h].next) {
      op = households_[h].op;
      add_who(groups, households_[h], people_in(households_[h]));
    }
  }
  return who_text(groups, op);
}

// Counts `people` of household `hh` under its category and phase (none: a household everyone of
// whom was taken off or killed on the way is not named).
void Replication::add_who(WhoGroups& groups, const Household& hh, std::int64_t people) {
  if (people == 0) return;
  auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) {
    return std::get<0>(g) == hh.category && std::get<1>(g) == hh.phase;
  });
  if (it == groups.end()) {
    groups.emplace_back(hh.category, hh.phase, people);
  } else {
    std::get<2>(*it) += people;
  }
}

// "CATEGORY/PHASE N, ..." in the scenario's order of categories, then phases, of operation `op`.
std::string Replication::who_text(WhoGroups groups, std::uint32_t op) const {
  std::sort(groups.begin(), groups.end());
  std::string out;
  for (const auto& [category, phase, people] : groups) {
    if (!out.empty()) out += ", ";
    out += s_.categories[category].id;
    if (phase >= 0) out += "/" + s_.operations[op].phases[static_cast<std::size_t>(phase)].id;
    out += fmt::format(" {}", people);
  }
  return out;
}

void Replication::leave_idle(std::uint32_t v) {
  Vehicle& veh = vehicles_[v];
  veh.idle_ms += static_cast<double>((now_ - veh.idle_since).count_ms());
  veh.idle_since = SimTime::infinity();
}

// An idle vehicle taken out of the idle pool (lost or withdrawn; not for a trip).
void Replication::take_from_idle(std::uint32_t v) {
  Vehicle& veh = vehicles_[v];
  OperationState& os = ops_[veh.op];
  leave_idle(v);
  auto& idle = os.idle[veh.type];
  idle.erase(std::find(idle.begin(), idle.end(), v));
  if (!c_.types[veh.type].escort) --os.idle_passenger;
}

void Replication::make_idle(std::uint32_t v) {
  Vehicle& veh = vehicles_[v];
  if (now_ >= veh.until) {
    set_state(v, VehicleState::Withdrawn);
    veh.active_to = now_;
    trace("withdrawn", static_cast<std::int32_t>(veh.op), -1, v, -1, 0);
    return;
  }
  set_state(v, VehicleState::Idle);
  veh.idle_since = now_;
  veh.convoy = kNone;
  veh.seats_free = c_.types[veh.type].seats;
  veh.stretchers_free = c_.types[veh.type].stretchers;
  veh.people = 0;
  veh.first = kNone;
  ops_[veh.op].idle[veh.type].push_back(v);
  if (!c_.types[veh.type].escort) ++ops_[veh.op].idle_passenger;
  // Back at (or new to) the gathering point, where a vehicle loss may be waiting for it.
  if (losses_due_ > 0)
    strike_vehicle(v, static_cast<std::int32_t>(c_.operations[veh.op].gathering_point), -1);
}

// Every change of a vehicle's state goes through here, to keep the operation's counts.
void Replication::set_state(std::uint32_t v, VehicleState state) {
  Vehicle& veh = vehicles_[v];
  OperationState& os = ops_[veh.op];
  if (may_come_back(veh)) --os.coming_back;
  if (open_at_bay(veh)) --os.open_at_bay;
  const bool served = serves(veh);
  veh.state = state;
  if (may_come_back(veh)) ++os.coming_back;
  if (open_at_bay(veh)) ++os.open_at_bay;
  if (served != serves(veh)) count_serving(v, served);
}

// A passenger vehicle that may still take people: not lost, withdrawn or done, a private one not
// gone on its one trip, and not on a trip from which it cannot be back in time.
bool Replication::serves(const Vehicle& veh) const {
  return serves_if(veh, veh.late_back);
}

// The same, whether or not it can be back in time: a vehicle of the fleet left.
bool Replication::in_fleet(const Vehicle& veh) const {
  return serves_if(veh, false);
}

// serves(), `late_back` standing for Vehicle::late_back.
bool Replication::serves_if(const Vehicle& veh, bool late_back) const {
  const auto& type = c_.types[veh.type];
  if (type.escort) return false;
  switch (veh.state) {
    case VehicleState::NotYet:
    case VehicleState::Approaching:  // unless it can be there only when nobody may leave
      return !veh.after_ceasefire && !late_back;
    case VehicleState::Returning:  // its first drive to the gathering point, or a trip home
      return !veh.after_ceasefire && !late_back && !type.private_car;
    case VehicleState::Idle:
    case VehicleState::AtBay:
    case VehicleState::Ready:
      return true;
    case VehicleState::Destroyed:
    case VehicleState::Withdrawn:
    case VehicleState::Done:
      return false;
    default:  // on its trip, unloading: unless it cannot be back in time
      return !late_back && !type.private_car;
  }
}

// Vehicle v has started or stopped serving (`before`: it served). When its type has none left,
// or has one again, the fleet may have become short or whole again: a short fleet has the
// phases looked at again (update_phases()), once this instant's events have run.
void Replication::count_serving(std::uint32_t v, bool before) {
  const Vehicle& veh = vehicles_[v];
  OperationState& os = ops_[veh.op];
  std::int64_t& n = os.serving[veh.type];
  n += before ? -1 : 1;
  const bool emptied = before && n == 0;
  const bool back = !before && n == 1;
  if (!emptied && !back) return;
  const bool was_short = os.fleet_short;
  count_places_left(os);
  if (os.fleet_short && !was_short) request_wake(veh.op);
}

void Replication::count_places_left(OperationState& os) const {
  os.places_left.clear();
  for (std::uint32_t t = 0; t < c_.types.size(); ++t) {
    const std::pair places{c_.types[t].seats, c_.types[t].stretchers};
    if (os.serving[t] > 0 &&
        std::find(os.places_left.begin(), os.places_left.end(), places) == os.places_left.end())
      os.places_left.push_back(places);
  }
  os.fleet_short = std::any_of(os.places_all.begin(), os.places_all.end(), [&](const auto& a) {
    return std::none_of(os.places_left.begin(), os.places_left.end(),
                        [&](const auto& b) { return b.first >= a.first && b.second >= a.second; });
  });
}

void Replication::set_boarding(std::uint32_t v, bool boarding) {
  Vehicle& veh = vehicles_[v];
  OperationState& os = ops_[veh.op];
  if (open_at_bay(veh)) --os.open_at_bay;
  veh.boarding = boarding;
  if (open_at_bay(veh)) ++os.open_at_bay;
}

// At a bay, not boarding, with room: ready to take whoever comes.
bool Replication::open_at_bay(const Vehicle& veh) {
  return veh.state == VehicleState::AtBay && !veh.boarding &&
         (veh.seats_free > 0 || veh.stretchers_free > 0);
}

bool Replication::may_come_back(const Vehicle& veh) const {
  const auto& type = c_.types[veh.type];
  if (type.escort) return false;
  // Not one that can be there only when no convoy may leave any more.
  if (veh.after_ceasefire || veh.late_back) return false;
  switch (veh.state) {
    case VehicleState::NotYet:  // unless it comes when nothing moves any more
      return !veh.too_late;
    case VehicleState::Approaching:  // private cars too: they have not made their trip yet
      return true;
    case VehicleState::EnRoute:
    case VehicleState::Unloading:
    case VehicleState::Returning:
      return !type.private_car;  // private cars go one way
    default:
      return false;
  }
}

// A vehicle at a bay keeps it while it has room and someone waiting fits it, or nobody is
// waiting (it waits for those still to come; the convoy rules decide when it leaves partly
// filled). `nobody_fits`: the caller has just found nobody who may board it (fill()).
bool Replication::keeps_bay(std::uint32_t v, bool nobody_fits) {
  const Vehicle& veh = vehicles_[v];
  if (veh.seats_free <= 0 && veh.stretchers_free <= 0) return false;
  Pick pk;
  if (!nobody_fits && pick(veh.op, veh.seats_free, veh.stretchers_free, pk)) return true;
  // Nobody waiting fits it. Where operations share its gathering point, a vehicle of another
  // that needs a bay takes this one's, as one of its own would (below): the people this one
  // waits for have not come, or it cannot take them; the other's are waiting for a bay.
  if (bay_wanted_by_another(veh.op)) return false;
  if (!eligible_waiting(veh.op)) return true;
  // People wait whom it cannot take (a stretcher patient, for a bus). It gives up its bay when
  // another vehicle needs it (one idle here could take them, and no bay is free) or when nobody
  // eligible is still to come; else it waits there for those still to come, as with nobody
  // waiting. Leaving at once would send it off with whoever it has, and the next vehicle of its
  // kind likewise, as long as such a person waits: the fleet gone in near-empty convoys.
  const std::uint32_t gp = c_.operations[veh.op].gathering_point;
  if (bays_[gp].used >= c_.places[gp].bays && idle_passenger_vehicle(veh.op)) return false;
  return may_take_coming(veh);
}

bool Replication::bay_wanted_by_another(std::uint32_t op) {
  const std::uint32_t gp = c_.operations[op].gathering_point;
  const auto& sharing = c_.gathering_at[gp];
  if (sharing.size() < 2 || bays_[gp].used < c_.places[gp].bays) return false;
  for (const auto o : sharing) {
    if (o != op && ops_[o].idle_passenger > 0 && idle_passenger_vehicle(o)) return true;
  }
  return false;
}

bool Replication::another_open_at_bay(std::uint32_t op) const {
  const auto& sharing = c_.gathering_at[c_.operations[op].gathering_point];
  if (sharing.size() < 2) return false;
  for (const auto o : sharing) {
    if (o != op && ops_[o].open_at_bay > 0) return true;
  }
  return false;
}

bool Replication::take_bay_from_another(std::uint32_t op) {
  const auto& sharing = c_.gathering_at[c_.operations[op].gathering_point];
  if (sharing.size() < 2) return false;
  for (const auto o : sharing) {
    if (o == op) continue;
    for (const std::uint32_t v : ops_[o].at_bay) {
      if (vehicles_[v].boarding || keeps_bay(v)) continue;
      leave_bay(v);
      request_departure_check(o);
      return true;
    }
  }
  return false;
}

// A vehicle at a bay of its gathering point gives the bay up (whatever it does next). Where
// operations share the gathering point, the bay may be taken by any of them: the others look
// again at who may board once this instant's events have run (the vehicle's own operation goes
// on from where it freed it).
void Replication::free_bay(std::uint32_t v) {
  const std::uint32_t op = vehicles_[v].op;
  OperationState& os = ops_[op];
  os.at_bay.erase(std::find(os.at_bay.begin(), os.at_bay.end(), v));
  const std::uint32_t gp = c_.operations[op].gathering_point;
  --bays_[gp].used;
  const auto& sharing = c_.gathering_at[gp];
  if (sharing.size() > 1) {
    for (const auto o : sharing) {
      if (o != op) request_wake(o);
    }
  }
}

void Replication::leave_bay(std::uint32_t v) {
  OperationState& os = ops_[vehicles_[v].op];
  set_state(v, VehicleState::Ready);
  free_bay(v);
  os.ready.push_back(v);
}

// Boards whoever can board now. Returns whether anything changed for the convoy rules: someone
// boarded, or a vehicle left its bay.
//
// A vehicle looks for a fit among the first households of a queue (WaitingQueue::kLookahead): one
// that found nobody may find someone once another vehicle's boarding has taken households from
// the front and brought others into view. So the round is made again, for the vehicles still not
// boarding, while someone has boarded since the first vehicle found nobody. Each new round needs
// someone boarded in the one before: the rounds are as many as the boardings at most.
bool Replication::try_board(std::uint32_t op) {
  OperationState& os = ops_[op];
  const CompiledOperation& co = c_.operations[op];
  const std::uint32_t gp = co.gathering_point;
  BayState& bays = bays_[gp];
  bool changed = false;
  constexpr std::uint64_t kNoMiss = UINT64_MAX;
  for (;;) {
    std::uint64_t missed_at = kNoMiss;  // progress_ when a vehicle first found nobody who fits
    // Vehicles already at a bay take more people first. One that boarded everyone it could while
    // nobody else was waiting looks again at who waits now: it may have to give up its bay.
    for (std::size_t i = 0; i < os.at_bay.size();) {
      const std::uint32_t v = os.at_bay[i];
      if (!vehicles_[v].boarding) {
        if (fill(v)) {
          changed = true;
        } else if (!keeps_bay(v, /*nobody_fits=*/true)) {
          leave_bay(v);
          changed = true;
          continue;
        } else if (missed_at == kNoMiss) {
          missed_at = progress_;
        }
      }
      ++i;
    }
    // Then idle vehicles take free bays: stretcher vehicles first when stretcher patients who may
    // board now (a phase open takes their category) are waiting, else last (keep ambulances for
    // the wounded).
    // Where operations share the gathering point and no bay is free, a vehicle of another that
    // stands at a bay ready for people and would not keep it gives it up (keeps_bay()); with
    // none such, the idle vehicles need not look.
    const bool from_others = c_.gathering_at[gp].size() > 1 && os.idle_passenger > 0 &&
                             (bays.used < c_.places[gp].bays || another_open_at_bay(op));
    if (bays.used < c_.places[gp].bays || from_others) {
      bool stretcher_waiting = false;
      for (std::uint32_t cat = 0; cat < os.queues.size() && !stretcher_waiting; ++cat)
        stretcher_waiting = os.category_open[cat] != 0 && os.queues[cat].stretcher_waiting();
      for (int pass = 0; pass < 2; ++pass) {
        for (std::uint32_t t = 0; t < c_.types.size(); ++t) {
          const auto& type = c_.types[t];
          if (type.escort) continue;
          const bool stretcher_type = type.stretchers > 0;
          if ((pass == 0) != (stretcher_waiting == stretcher_type)) continue;
          auto& idle = os.idle[t];
          while (!idle.empty()) {
            if (bays.used >= c_.places[gp].bays && !from_others) break;
            Pick pk;
            if (!pick(op, type.seats, type.stretchers, pk)) {
              if (missed_at == kNoMiss) missed_at = progress_;
              break;
            }
            if (bays.used >= c_.places[gp].bays && !take_bay_from_another(op)) break;
            const std::uint32_t v = idle.back();
            idle.pop_back();
            --os.idle_passenger;  // escorts are skipped above
            leave_idle(v);
            set_state(v, VehicleState::AtBay);
            ++bays.used;
            os.at_bay.push_back(v);
            fill(v);
            changed = true;
          }
        }
      }
    }
    if (missed_at == kNoMiss || progress_ == missed_at) return changed;
  }
}

void Replication::on_boarding_done(std::uint32_t v) {
  set_boarding(v, false);
  const Vehicle& veh = vehicles_[v];
  const std::uint32_t op = veh.op;
  Pick pk;
  const bool fits = (veh.seats_free > 0 || veh.stretchers_free > 0) &&
                    pick(op, veh.seats_free, veh.stretchers_free, pk);
  if (!fits && keeps_bay(v, /*nobody_fits=*/true)) {
    // It stays at its bay and nobody waiting fits it: boarding would find what it found when
    // this vehicle's boarding began (the others at their bays, the bays, the phases as then).
#ifdef MAMAR_INVARIANTS
    check_nobody_boards(op);
#endif
    request_departure_check(op);
    return;
  }
  if (!fits) leave_bay(v);
  wake(op);
}

bool Replication::eligible_waiting(std::uint32_t op) {
  OperationState& os = ops_[op];
  if (os.committed >= cap(op)) return false;
  const CompiledOperation& co = c_.operations[op];
  for (std::uint32_t p = 0; p < co.phases.size(); ++p) {
    if (!os.phases[p].open || os.phases[p].boarded >= co.phases[p].quota) continue;
    for (auto cat : co.phases[p].categories) {
      if (!os.queues[cat].empty()) return true;
    }
  }
  return false;
}

// Whether an idle vehicle could take someone who is waiting now.
bool Replication::idle_passenger_vehicle(std::uint32_t op) {
  for (std::uint32_t t = 0; t < c_.types.size(); ++t) {
    const auto& type = c_.types[t];
    Pick pk;
    if (!type.escort && !ops_[op].idle[t].empty() && pick(op, type.seats, type.stretchers, pk))
      return true;
  }
  return false;
}

bool Replication::may_take_coming(const Vehicle& veh) const {
  const OperationState& os = ops_[veh.op];
  const CompiledOperation& co = c_.operations[veh.op];
  for (std::uint32_t p = 0; p < co.phases.size(); ++p) {
    if (!os.phases[p].open) continue;
    for (auto cat : co.phases[p].categories) {
      // Riding home: by line only.
      if ((veh.seats_free > 0 && os.going_back[cat] > os.going_back_lying[cat]) ||
          (veh.stretchers_free > 0 && os.going_back_lying[cat] > 0))
        return true;
      for (std::size_t slot = 2 * std::size_t{cat}; slot < 2 * std::size_t{cat} + 2; ++slot) {
        if (os.in_time[slot] == 0) continue;
        const ComingFits& f = coming_fits_[os.upcoming[slot]];
        if (f.seats <= veh.seats_free && f.stretchers <= veh.stretchers_free) return true;
      }
    }
  }
  return false;
}

bool Replication::eligible_left_to_come(std::uint32_t op) const {
  const OperationState& os = ops_[op];
  const CompiledOperation& co = c_.operations[op];
  for (std::uint32_t p = 0; p < co.phases.size(); ++p) {
    if (!os.phases[p].open) continue;
    for (auto cat : co.phases[p].categories) {
      if (os.coming_in_time(cat) > 0 || os.going_back[cat] > 0) return true;
    }
  }
  return false;
}

void Replication::schedule_check(std::uint32_t op, SimTime t) {
  OperationState& os = ops_[op];
  // A check now or in the past would loop: whatever changes the state next wakes the operation.
  if (t <= now_ || t.is_infinite() || (os.check_at <= t && os.check_at > now_)) return;
  os.check_at = t;
  schedule(t, EventType::OperationCheck, op, ++os.check_generation);
}

void Replication::try_depart(std::uint32_t op) {
  OperationState& os = ops_[op];
  const auto& rules = c_.operations[op].convoy;
  // Storage reused from call to call (try_depart() is never re-entered).
  std::vector<std::uint32_t>& partial = scratch_partial_;
  std::vector<std::uint32_t>& chosen = scratch_chosen_;
  for (int guard = 0; guard < 10000; ++guard) {
    partial.clear();
    std::int64_t n_boarding = 0;
    for (auto v : os.at_bay) {
      if (vehicles_[v].boarding)
        ++n_boarding;
      else if (vehicles_[v].people > 0)
        partial.push_back(v);
    }
    const bool boarding = n_boarding > 0;
    const auto n_ready = static_cast<std::int64_t>(os.ready.size());
    const auto n_all = n_ready + static_cast<std::int64_t>(partial.size());
    if (n_all == 0) {
      os.forming_since = boarding ? os.forming_since : SimTime::infinity();
      return;
    }
    const SimTime allowed = next_departure(op, now_);
    if (allowed > now_) {
      schedule_check(op, allowed);
      return;
    }
    for (const auto& e : rules.escorts) {
      if (static_cast<std::int64_t>(os.idle[e.type].size()) < e.count)
        return;  // an escort coming back wakes the operation
    }
    // Full vehicles wait for a convoy of at least min_vehicles; partly filled ones wait for the
    // people still to come, unless the convoy's max_wait runs out or nobody eligible is left.
    // While a linkage holds the operation at its cap, nobody else may board: those still to come
    // do not count (for a linkage on departures, waiting for them would wait for this convoy).
    bool go = false;
    bool take_partial = false;
    bool only_unfit = false;  // of the partly filled, only those nobody still to come fits
    const bool waiting = eligible_waiting(op);
    const bool may_board = os.committed < cap(op);
    // One branch per departure rule (docs/simulation.md), even where two do the same.
    // NOLINTBEGIN(bugprone-branch-clone)
    if (n_ready >= rules.max_vehicles) {
      go = true;
    } else if (rules.max_wait && now_ >= os.forming_since + *rules.max_wait &&
               n_all >= rules.min_vehicles) {
      go = take_partial = true;
    } else if (n_ready >= std::max(rules.min_vehicles, n_boarding) &&
               (!waiting || !idle_passenger_vehicle(op))) {
      // While others still board, a ready group at least as large as theirs does not wait for them.
      go = true;
      take_partial = !waiting && !boarding;
    } else if (!boarding && !waiting && (!may_board || !eligible_left_to_come(op))) {
      go = take_partial = true;
    } else if (!boarding && !waiting &&
               n_ready + std::count_if(
                             partial.begin(), partial.end(),
                             [&](std::uint32_t v) { return !may_take_coming(vehicles_[v]); }) >=
                   std::max<std::int64_t>(rules.min_vehicles, n_ready + 1)) {
      // Rule 4 again, vehicle by vehicle: those still to come are people some partly filled
      // vehicles cannot take (stretcher patients, for a bus). They go, with the ready ones, when
      // they make min_vehicles; those that can take them wait on.
      go = take_partial = true;
      only_unfit = true;
    } else if (!boarding && os.coming_back == 0 &&
               (!eligible_left_to_come(op) || (os.at_bay.empty() && os.idle_passenger == 0)) &&
               !idle_passenger_vehicle(op)) {
      // No vehicle can join any more: no vehicle waiting here can take those still waiting, none
      // is on its way back, and either everyone has come or no vehicle is left here to take
      // those still to come (the loaded ones are full). Waiting for min_vehicles would wait
      // forever.
      go = take_partial = true;
    } else if (rules.max_wait && !os.forming_since.is_infinite()) {
      schedule_check(op, os.forming_since + *rules.max_wait);
    }
    // NOLINTEND(bugprone-branch-clone)
    if (!go) return;
    chosen.clear();
    while (!os.ready.empty() && static_cast<std::int64_t>(chosen.size()) < rules.max_vehicles) {
      chosen.push_back(os.ready.front());
      os.ready.pop_front();
    }
    if (take_partial) {
      for (auto v : partial) {
        if (static_cast<std::int64_t>(chosen.size()) >= rules.max_vehicles) break;
        if (only_unfit && may_take_coming(vehicles_[v])) continue;
        free_bay(v);
        chosen.push_back(v);
      }
    }
    depart(op, chosen);
    try_board(op);
  }
}

void Replication::recount_forming(std::uint32_t op) {
  OperationState& os = ops_[op];
  os.forming_since = SimTime::infinity();
  auto count_from = [&](std::uint32_t v) {
    if (vehicles_[v].people > 0)
      os.forming_since = std::min(os.forming_since, vehicles_[v].loaded_since);
  };
  std::for_each(os.at_bay.begin(), os.at_bay.end(), count_from);
  std::for_each(os.ready.begin(), os.ready.end(), count_from);
}

void Replication::depart(std::uint32_t op, const std::vector<std::uint32_t>& chosen) {
  OperationState& os = ops_[op];
  const CompiledOperation& co = c_.operations[op];
  const std::uint32_t cv = new_convoy(op, true, &co.out);
  Convoy& convoy = convoys_[cv];
  std::int64_t people = 0;
  for (auto v : chosen) {
    Vehicle& veh = vehicles_[v];
    set_state(v, VehicleState::EnRoute);
    veh.convoy = cv;
    ++os.trips;
    for (std::uint32_t h = veh.first; h != kNone; h = households_[h].next) {
      Household& hh = households_[h];
      hh.state = HouseholdState::Departed;
      const double waited = static_cast<double>(people_in(hh)) * (now_ - hh.arrival).to_hours();
      os.wait_ph += waited;
      os.category_exposure[hh.category].waiting += waited;
      os.phase_exposure[static_cast<std::size_t>(hh.phase)].waiting += waited;
      os.phases[static_cast<std::size_t>(hh.phase)].departed += people_in(hh);
    }
    people += veh.people;
    phases_changed_for(op);
    convoy.vehicles.push_back(v);
  }
  const auto& rules = co.convoy;
  for (const auto& escort : rules.escorts) {
    auto& idle = os.idle[escort.type];
    for (std::int64_t i = 0; i < escort.count; ++i) {
      const std::uint32_t e = idle.back();
      idle.pop_back();
      leave_idle(e);
      set_state(e, VehicleState::EnRoute);
      vehicles_[e].convoy = cv;
      convoy.vehicles.push_back(e);
    }
  }
  os.departed_net += people;
  progressed();
  ++os.convoys;
  os.last_departure = now_;
  // The next convoy forms around the vehicles left behind with people aboard: its max_wait runs
  // from when the first of them took people, not from this departure.
  recount_forming(op);
  if (trace_)
    trace("depart", static_cast<std::int32_t>(op), convoy.id, -1,
          static_cast<std::int32_t>(co.gathering_point), people,
          fmt::format("{} vehicles: {}", convoy.vehicles.size(), fmt::join(convoy.vehicles, ", ")));
  // Incidents on the route are drawn once per trip, each fire on it in turn: whether, and on
  // which leg.
  const auto nlegs = static_cast<std::uint64_t>(co.out.legs.size());
  if (c_.options.stochastic_risks) {
    for (std::uint32_t r = 0; r < c_.risks.size(); ++r) {
      const auto& risk = c_.risks[r];
      if (!risk.applies[op] || risk.route != co.out.route || risk.route < 0) continue;
      if (risk.kind == model::RiskKind::Fire && risk_rng_[r].bernoulli(risk.probability)) {
        convoy.strikes.push_back({static_cast<std::int32_t>(risk_rng_[r].uniform_index(nlegs)),
                                  static_cast<std::int32_t>(r), false});
      }
    }
  }
  draw_trip_loss(cv, co.out.route, 0);  // each risk has its stream: the order of draws is free
  // Scheduled fires on the route due now and not yet met: at the end of the first leg.
  if (c_.options.scheduled_events) {
    for (std::uint32_t e = 0; e < c_.events.size(); ++e) {
      const auto& ev = c_.events[e];
      if (ev.kind != model::RiskKind::Fire || event_consumed_[e] || !ev.applies[op] ||
          ev.route != co.out.route || now_ < ev.time)
        continue;
      event_consumed_[e] = true;
      convoy.strikes.push_back({0, -static_cast<std::int32_t>(e) - 2, false});
    }
  }
  // A vehicle loss on the route takes vehicles of the convoy as it sets out; their people get off
  // and wait again.
  if (losses_due_ == 0 || !strike_convoy(cv, -1, co.out.route) || convoys_[cv].alive) start_leg(cv);
  // A departure moves the measures of the linkages that tie the operation and what the phases
  // `after` its phases wait for: the operations tied by either look again at who may board, in
  // the order of the operations. (Those sharing its gathering point look again when a bay is
  // freed: free_bay().)
  std::vector<std::uint32_t> others;
  for (const auto l : co.linkages)
    others.insert(others.end(), c_.linkages[l].operations.begin(), c_.linkages[l].operations.end());
  others.insert(others.end(), co.after_dependents.begin(), co.after_dependents.end());
  std::sort(others.begin(), others.end());
  others.erase(std::unique(others.begin(), others.end()), others.end());
  for (const auto o : others) {
    if (o != op) wake(o);
  }
  if (update_phases(op)) request_wake(op);  // a phase `after` its own may open
}

// ------------------------------------------------------------------------------------------
// Convoys on the road

std::uint32_t Replication::new_convoy(std::uint32_t op, bool outbound, const CompiledRoute* route) {
  std::uint32_t cv;
  if (!free_convoys_.empty()) {
    cv = free_convoys_.back();
    free_convoys_.pop_back();
  } else {
    cv = static_cast<std::uint32_t>(convoys_.size());
    convoys_.emplace_back();
  }
  Convoy& c = convoys_[cv];
  c.op = op;
  c.outbound = outbound;
  c.alive = true;
  ++c.generation;
  c.leg = 0;
  c.held_before_inspection = false;
  c.held_until = SimTime::zero();
  c.stood_since = SimTime::infinity();
  c.vehicles.clear();
  c.pending = 0;
  c.strikes.clear();
  c.driving = false;
  c.id = next_convoy_id_++;
  c.route = route;
  c.approach = -1;
  c.home = -1;
  return cv;
}

void Replication::release_convoy(std::uint32_t cv) {
  convoys_[cv].alive = false;
  ++convoys_[cv].generation;
  free_convoys_.push_back(cv);
}

void Replication::start_leg(std::uint32_t cv) {
  Convoy& c = convoys_[cv];
  RandomStream& rng = c.approach >= 0
                          ? approach_leg_rng_[c.op][static_cast<std::size_t>(c.approach)][c.leg]
                      : c.home >= 0 ? out_leg_rng_[c.op][c.route->legs.size() - 1 - c.leg]
                      : c.outbound  ? out_leg_rng_[c.op][c.leg]
                                    : back_leg_rng_[c.op][c.leg];
  const Duration d = c.route->legs[c.leg].time.sample_duration(rng);
  const SimTime end = slowed_end(c.op, detail::Activity::Travel, route_of(c), now_, d);
  c.driving = true;
  schedule(end, EventType::LegDone, cv, c.generation);
  // The shortest drive left to the gathering point (for a convoy leaving, the rest of its route
  // and the whole way back): its vehicles can be back in time or not.
  const CompiledOperation& co = c_.operations[c.op];
  const Duration left = c.outbound ? c.route->least_from[c.leg + 1] + co.back.least_from[0]
                                   : c.route->least_from[c.leg + 1];
  if (end + left >= co.departures_end) cannot_be_back(cv);
}

// The vehicles of convoy `cv` cannot be at the gathering point before no convoy may leave any
// more (Vehicle::late_back): from now on they serve nobody and no convoy waits for them.
void Replication::cannot_be_back(std::uint32_t cv) {
  const Convoy& c = convoys_[cv];
  OperationState& os = ops_[c.op];
  const std::int64_t coming_back = os.coming_back;
  for (const std::uint32_t v : c.vehicles) {
    Vehicle& veh = vehicles_[v];
    if (veh.after_ceasefire || veh.late_back) continue;
    if (may_come_back(veh)) --os.coming_back;
    const bool served = serves(veh);
    veh.late_back = true;
    if (may_come_back(veh)) ++os.coming_back;
    if (served != serves(veh)) count_serving(v, served);
  }
  // Convoys waiting for no vehicle to join (rule 5) may go now.
  if (os.coming_back != coming_back) request_departure_check(c.op);
}

void Replication::continue_convoy(std::uint32_t cv) {
  Convoy& c = convoys_[cv];
  const SimTime allowed = next_movement(c.op, now_);
  if (allowed > now_) {
    stand(cv, allowed);
    return;
  }
  ++c.leg;
  start_leg(cv);
}

std::int64_t Replication::convoy_people(std::uint32_t cv) const {
  std::int64_t n = 0;
  for (auto v : convoys_[cv].vehicles) n += vehicles_[v].people;
  return n;
}

void Replication::on_leg_done(std::uint32_t cv) {
  Convoy& c = convoys_[cv];
  c.driving = false;
  const auto leg = static_cast<std::int32_t>(c.leg);
  const std::uint32_t place = c.route->legs[c.leg].to;
  if (!c.strikes.empty() && !strike_at_leg_end(cv, leg)) return;
  if (c.leg + 1 == c.route->legs.size()) {
    if (c.outbound)
      arrive_destination(cv);
    else
      arrive_home(cv);
  } else if (c.route->legs[c.leg].checkpoint) {
    arrive_checkpoint(cv, place);
  } else {
    continue_convoy(cv);
  }
}

void Replication::arrive_checkpoint(std::uint32_t cv, std::uint32_t place) {
  Convoy& c = convoys_[cv];
  if (trace_)
    trace("checkpoint", static_cast<std::int32_t>(c.op), c.id, -1, static_cast<std::int32_t>(place),
          convoy_people(cv));
  if (c_.options.scheduled_events) {
    for (const std::uint32_t e : c_.events_at[place]) {
      const auto& ev = c_.events[e];
      if (ev.kind == model::RiskKind::Hold && ev.applies[c.op] && now_ >= ev.time && now_ < ev.to) {
        c.held_before_inspection = true;
        count_held(cv, ev.to);
        ++checkpoints_[static_cast<std::size_t>(c_.places[place].checkpoint_slot)].holds;
        if (trace_)
          trace("held", static_cast<std::int32_t>(c.op), c.id, -1, static_cast<std::int32_t>(place),
                convoy_people(cv), "until " + time_text(ev.to));
        schedule(ev.to, EventType::HoldDone, cv, c.generation);
        return;
      }
    }
  }
  start_inspection(cv, place);
}

// The area under the line length (vehicle-ms), counted from the warm-up on, up to time t.
void Replication::count_line_area(CheckpointState& cs, SimTime t) {
  const SimTime from = std::max(cs.last_change, SimTime::from(c_.options.warmup));
  if (t > from)
    cs.queue_area +=
        static_cast<double>(cs.line.size()) * static_cast<double>((t - from).count_ms());
  cs.last_change = t;
}

// Takes out of the line, in order, the vehicles whose inspection has started by time t, with
// their waits.
void Replication::advance_checkpoint_line(CheckpointState& cs, SimTime t) {
  const SimTime warmup = SimTime::from(c_.options.warmup);
  while (!cs.line.empty() && cs.line.front().start <= t) {
    const CheckpointState::InLine in = cs.line.front();
    count_line_area(cs, in.start);
    cs.line.pop_front();
    if (trace_ && !in.traced)
      inspected_.push_back({convoys_[in.convoy].id,
                            c_.checkpoints[static_cast<std::size_t>(&cs - checkpoints_.data())],
                            in});
    if (cs.replans) {
      if (Convoy& c = convoys_[in.convoy]; c.generation == in.generation)
        c.inspected_until = std::max(c.inspected_until, in.end);
    }
    count_wait(cs, in, in.start, warmup);
  }
  count_line_area(cs, t);
}

void Replication::start_inspection(std::uint32_t cv, std::uint32_t place) {
  Convoy& c = convoys_[cv];
  c.held_before_inspection = false;
  CheckpointState& cs = checkpoints_[static_cast<std::size_t>(c_.places[place].checkpoint_slot)];
  advance_checkpoint_line(cs, now_);
  if (c.vehicles.empty()) return;
  SimTime through = now_;
  c.inspected_until = now_;
  for (auto v : c.vehicles) {
    if (cs.party >= 0 && c_.types[vehicles_[v].type].party == cs.party) continue;  // waved through
    auto lane = std::min_element(cs.lane_free.begin(), cs.lane_free.end());
    const SimTime start = std::max(now_, *lane);
    const Duration d = inspection_time(v, place, cs);
    *lane = slowed_end(vehicles_[v].op, detail::Activity::Inspection,
                       static_cast<std::int32_t>(place), start, d);
    through = std::max(through, *lane);
    cs.line.push_back({vehicles_[v].op, v, vehicles_[v].people, now_, start, *lane, d,
                       static_cast<std::uint32_t>(lane - cs.lane_free.begin()), cv, c.generation,
                       false});
  }
  advance_checkpoint_line(cs, now_);  // those whose inspection starts at once do not wait
  cs.max_queue = std::max(cs.max_queue, static_cast<std::int64_t>(cs.line.size()));
  // The convoy waits for its last vehicle before it moves on.
  schedule(through, EventType::InspectionDone, cv, c.generation);
}

// From now on the checkpoint is held by another party (its escorts are waved through, risks
// `held_by` it happen there), or inspects with other lanes or times. So are the vehicles
// waiting in its line: the new holder's escorts leave it, the others are inspected for a time
// drawn anew (from the change's own stream) where their inspection times changed, and all are
// given lanes anew (replan_line()); inspections under way go on.
void Replication::on_checkpoint_change(std::uint32_t e) {
  const detail::CompiledEvent& ev = c_.events[e];
  const auto place = static_cast<std::uint32_t>(ev.place);
  CheckpointState& cs = checkpoints_[static_cast<std::size_t>(c_.places[place].checkpoint_slot)];
  const Sampler* loaded_before = cs.inspection;
  const Sampler* empty_before = cs.empty_inspection;
  if (ev.party >= 0) cs.party = ev.party;
  if (ev.inspection) {
    cs.inspection = &*ev.inspection;
    if (cs.empty_as_inspection) cs.empty_inspection = cs.inspection;
  }
  if (ev.empty_inspection) {
    cs.empty_inspection = &*ev.empty_inspection;
    cs.empty_as_inspection = false;
  }
  advance_checkpoint_line(cs, now_);  // the line holds the vehicles still waiting
  // The convoys (with their generations) of vehicles waved through from the line.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> waved;
  RandomStream rng = stream(ev.stream);
  for (auto it = cs.line.begin(); it != cs.line.end();) {
    if (ev.party >= 0 && c_.types[vehicles_[it->vehicle].type].party == cs.party) {
      // Its time in the line is in the queue's area (count_line_area), but it is not inspected:
      // not one of the checkpoint's vehicles nor of their waits.
      count_queueing(*it, now_);
      waved.emplace_back(it->convoy, it->generation);
      it = cs.line.erase(it);
      continue;
    }
    const Sampler* now = it->people > 0 ? cs.inspection : cs.empty_inspection;
    if (now != (it->people > 0 ? loaded_before : empty_before))
      it->inspection = now->sample_duration(rng);
    ++it;
  }
  if (ev.lanes > 0 || !waved.empty() || cs.inspection != loaded_before ||
      cs.empty_inspection != empty_before)
    replan_line(cs, place, ev.lanes > 0 ? static_cast<std::size_t>(ev.lanes) : cs.lane_free.size(),
                waved);
  if (trace_) {
    std::string what;
    if (ev.party >= 0) what = "held by " + s_.parties[static_cast<std::size_t>(ev.party)].id;
    if (ev.lanes > 0) what += fmt::format("{}lanes {}", what.empty() ? "" : ", ", ev.lanes);
    if (ev.inspection || ev.empty_inspection)
      what += std::string(what.empty() ? "" : ", ") + "new inspection times";
    const std::string detail = "scheduled event " + s_.events[e].id + ": " + what;
    trace("checkpoint-change", -1, -1, -1, ev.place, 0, detail);
  }
}

// The checkpoint inspects with `lanes` lanes from now on. The inspections under way go on (with
// fewer lanes, those that would be free first stay open); the vehicles still waiting are given
// lanes anew, in the order of the line, each to the lane free first, with the inspection time
// they have; and each of their convoys, and each of `also` (convoys, with their generation, whose
// vehicles left the line), moves on when its last vehicle is through. The line has been advanced
// to now: it holds the vehicles still waiting.
void Replication::replan_line(CheckpointState& cs, std::uint32_t place, std::size_t lanes,
                              const std::vector<std::pair<std::uint32_t, std::uint32_t>>& also) {
  // When each lane is done with the inspection under way: the start of its first vehicle waiting
  // (which waits for it), else as it was.
  std::vector<SimTime> free = cs.lane_free;
  std::vector<bool> seen(free.size(), false);
  for (const auto& in : cs.line) {
    if (!seen[in.lane]) free[in.lane] = in.start;
    seen[in.lane] = true;
  }
  if (lanes < free.size()) {
    std::sort(free.begin(), free.end());
    free.resize(lanes);
  } else {
    free.resize(lanes, now_);
  }
  std::vector<std::uint32_t> convoys;
  for (auto [cv, generation] : also) {
    if (convoys_[cv].generation == generation &&
        std::find(convoys.begin(), convoys.end(), cv) == convoys.end())
      convoys.push_back(cv);
  }
  for (auto& in : cs.line) {
    auto lane = std::min_element(free.begin(), free.end());
    in.start = std::max(now_, *lane);
    in.end = slowed_end(in.op, detail::Activity::Inspection, static_cast<std::int32_t>(place),
                        in.start, in.inspection);
    in.lane = static_cast<std::uint32_t>(lane - free.begin());
    *lane = in.end;
    if (convoys_[in.convoy].generation == in.generation &&
        std::find(convoys.begin(), convoys.end(), in.convoy) == convoys.end())
      convoys.push_back(in.convoy);
  }
  cs.lane_free = std::move(free);
  for (auto cv : convoys) {
    Convoy& c = convoys_[cv];
    const std::uint32_t old = c.generation++;  // its InspectionDone is moved
    SimTime through = std::max(now_, c.inspected_until);
    for (auto& in : cs.line) {
      if (in.convoy != cv || in.generation != old) continue;
      in.generation = c.generation;
      through = std::max(through, in.end);
    }
    schedule(through, EventType::InspectionDone, cv, c.generation);
  }
}

// The rows "inspected" of the vehicles of convoy `cv`, through checkpoint `place` now, in the
// order their inspections started: those taken out of the line already (inspected_), and those
// still in it (the line is advanced only when something looks at it), marked so that they are not
// written again when they are taken out.
void Replication::trace_inspections(std::uint32_t cv, std::uint32_t place) {
  const Convoy& c = convoys_[cv];
  std::vector<CheckpointState::InLine> through;
  std::size_t kept = 0;
  for (auto& i : inspected_) {
    if (i.convoy_id == c.id) {
      through.push_back(i.in);
    } else {
      inspected_[kept++] = i;
    }
  }
  inspected_.resize(kept);
  auto& line = checkpoints_[static_cast<std::size_t>(c_.places[place].checkpoint_slot)].line;
  for (auto& in : line) {
    if (in.convoy == cv && in.generation == c.generation && in.start <= now_ && !in.traced) {
      in.traced = true;
      through.push_back(in);
    }
  }
  std::stable_sort(through.begin(), through.end(),
                   [](const auto& a, const auto& b) { return a.start < b.start; });
  for (const auto& in : through) write_inspection(c.id, place, in);
}

void Replication::write_inspection(std::int64_t convoy_id, std::uint32_t place,
                                   const CheckpointState::InLine& in) {
  trace("inspected", static_cast<std::int32_t>(in.op), convoy_id, in.vehicle,
        static_cast<std::int32_t>(place), in.people,
        fmt::format("waited {}, inspected for {}", format_duration_exact(in.start - in.joined),
                    format_duration_exact(in.end - in.start)));
}

void Replication::after_inspection(std::uint32_t cv, std::uint32_t place) {
  if (trace_) trace_inspections(cv, place);
  // Its vehicles' waits added now (count_aboard()), before anyone is taken off below (where that
  // counts: people of more than one category or phase, and someone to add).
  const CompiledOperation& co = c_.operations[convoys_[cv].op];
  if (co.mixed || co.phases.size() > 1) {
    CheckpointState& cs = checkpoints_[static_cast<std::size_t>(c_.places[place].checkpoint_slot)];
    if (!cs.line.empty() && cs.line.front().start <= now_) advance_checkpoint_line(cs, now_);
  }
  Convoy& c = convoys_[cv];
  const std::uint32_t op = c.op;
  const auto p = static_cast<std::int32_t>(place);
  const bool loaded = c.outbound && convoy_people(cv) > 0;
  Duration hold;
  bool turn = false;
  if (loaded && c_.options.scheduled_events) {
    for (const std::uint32_t e : c_.events_at[place]) {
      const auto& ev = c_.events[e];
      if (event_consumed_[e] || !ev.applies[op] || now_ < ev.time) continue;
      if (ev.kind == model::RiskKind::Removal) {
        event_consumed_[e] = true;
        RandomStream rng = stream(ev.stream);
        apply_removal(cv, p, ev.categories, ev.share, ev.people, rng);
      } else if (ev.kind == model::RiskKind::TurnBack) {
        event_consumed_[e] = true;
        turn = true;
      } else if (ev.kind == model::RiskKind::Fire) {
        event_consumed_[e] = true;
        RandomStream rng = stream(ev.stream);
        apply_fire(cv, p, ev.killed, ev.injured, rng);
      }
    }
  }
  // A vehicle loss at the checkpoint takes vehicles of every convoy passing it, loaded or empty.
  if (losses_due_ > 0 && strike_convoy(cv, p, -1)) {
    wake(op);
    if (!c.alive) return;
  }
  if (c_.options.stochastic_risks) {
    const std::int32_t holder =
        checkpoints_[static_cast<std::size_t>(c_.places[place].checkpoint_slot)].party;
    for (const std::uint32_t r : c_.risks_at[place]) {
      const auto& risk = c_.risks[r];
      if (!risk.applies[op]) continue;
      if (risk.held_by >= 0 && risk.held_by != holder) continue;  // another party holds it now
      RandomStream& rng = risk_rng_[r];
      switch (risk.kind) {
        case model::RiskKind::Removal:
          if (loaded && rng.bernoulli(risk.probability)) {
            apply_removal(cv, p, risk.categories, risk.share, -1, rng);
            maybe_suspend(risk, rng);
          }
          break;
        case model::RiskKind::TurnBack:
          if (loaded && rng.bernoulli(risk.probability)) {
            turn = true;
            maybe_suspend(risk, rng, /*later=*/true);  // after the row "turned-back"
          }
          break;
        case model::RiskKind::Fire:
          if (loaded && rng.bernoulli(risk.probability)) {
            apply_fire_risk(cv, p, risk, rng);
            maybe_suspend(risk, rng);
          }
          break;
        case model::RiskKind::Hold:
          if (loaded && rng.bernoulli(risk.probability)) {
            hold = std::max(hold, risk.duration.sample_duration(rng));
            maybe_suspend(risk, rng, /*later=*/true);  // after the row "held"
          }
          break;
        case model::RiskKind::VehicleLoss:
          if (rng.bernoulli(risk.probability)) {
            destroy_in_convoy(cv, risk.vehicles.sample_count(rng), p, -1);
            maybe_suspend(risk, rng);
            if (!c.alive) {
              if (trace_) write_later_rows();  // a turn-back or hold drawn before, which it ends
              return;
            }
          }
          break;
        default:
          break;
      }
    }
  }
  if (turn) {
    turn_back(cv, place);
    return;
  }
  if (hold > Duration{}) {
    count_held(cv, now_ + hold);
    ++checkpoints_[static_cast<std::size_t>(c_.places[place].checkpoint_slot)].holds;
    if (trace_) {
      trace("held", static_cast<std::int32_t>(op), c.id, -1, p, convoy_people(cv),
            format_duration_exact(hold));
      write_later_rows();
    }
    schedule(now_ + hold, EventType::HoldDone, cv, c.generation);
    return;
  }
  if (trace_) write_later_rows();  // a hold drawn as lasting no time
  continue_convoy(cv);
}

void Replication::apply_removal(std::uint32_t cv, std::int32_t place,
                                const std::vector<bool>& categories, double share,
                                std::int64_t count, RandomStream& rng) {
  Convoy& c = convoys_[cv];
  std::int64_t total = 0;
  WhoGroups who;  // for the trace
  auto remove = [&](Vehicle& veh, std::uint32_t h, std::int64_t n) {
    Household& hh = households_[h];
    settle(h, n);
    ops_[c.op].removed += n;
    progressed();  // an arrived measure's cap no longer counts them
    tally(hh, &Outcomes::removed, n);
    veh.people -= n;
    total += n;
    if (trace_) add_who(who, hh, n);
  };
  std::int64_t eligible = 0;  // of a count: the people of `categories` aboard
  for (auto v : c.vehicles) {
    split_runs(v);
    count_aboard(v);
    for (std::uint32_t h = vehicles_[v].first; h != kNone; h = households_[h].next) {
      const Household& hh = households_[h];
      if (!categories[hh.category] || hh.size == 0) continue;
      if (count >= 0) {
        eligible += hh.size;
        continue;
      }
      if (const std::int64_t n = rng.binomial(hh.size, share); n > 0) remove(vehicles_[v], h, n);
    }
  }
  // A number of people: each in turn, chosen uniformly among those of the categories still aboard.
  for (std::int64_t k = 0; k < std::min(count, eligible); ++k) {
    auto target =
        static_cast<std::int64_t>(rng.uniform_index(static_cast<std::uint64_t>(eligible - k)));
    for (auto v : c.vehicles) {
      std::uint32_t h = vehicles_[v].first;
      for (; h != kNone; h = households_[h].next) {
        const Household& hh = households_[h];
        if (!categories[hh.category] || hh.size == 0) continue;
        if (target < hh.size) break;
        target -= hh.size;
      }
      if (h == kNone) continue;
      remove(vehicles_[v], h, 1);
      break;
    }
  }
  if (trace_)
    trace("removal", static_cast<std::int32_t>(c.op), c.id, -1, place, total, who_text(who, c.op));
}

// A fire risk's toll drawn, then applied (apply_fire()). The injured are drawn before the killed:
// the order in which GCC evaluated the two draws when they were arguments of one call, which C++
// leaves unspecified (Clang drew the killed first, and its results differed). Drawn in statements
// of their own, every compiler draws them in this order, and results stay as they were.
void Replication::apply_fire_risk(std::uint32_t cv, std::int32_t place, const CompiledRisk& risk,
                                  RandomStream& rng) {
  const std::int64_t injured = risk.injured.sample_count(rng);
  const std::int64_t killed = risk.killed.sample_count(rng);
  apply_fire(cv, place, killed, injured, rng);
}

void Replication::apply_fire(std::uint32_t cv, std::int32_t place, std::int64_t killed,
                             std::int64_t injured, RandomStream& rng) {
  Convoy& c = convoys_[cv];
  const std::int64_t people = convoy_people(cv);
  killed = std::min(killed, people);
  injured = std::min(injured, people - killed);
  std::vector<Outcomes> before;  // for the trace: who they were, by category
  if (trace_) before = ops_[c.op].category_outcomes;
  if (killed > 0) {
    for (auto v : c.vehicles) {
      split_runs(v);
      count_aboard(v);
    }
  }
  ops_[c.op].injured += injured;
  for (std::int64_t k = 0; k < killed; ++k) {
    // A person chosen uniformly among those aboard.
    auto target =
        static_cast<std::int64_t>(rng.uniform_index(static_cast<std::uint64_t>(people - k)));
    for (auto v : c.vehicles) {
      Vehicle& veh = vehicles_[v];
      if (target >= veh.people) {
        target -= veh.people;
        continue;
      }
      for (std::uint32_t h = veh.first; h != kNone; h = households_[h].next) {
        if (target >= households_[h].size) {
          target -= households_[h].size;
          continue;
        }
        settle(h, 1);
        ops_[c.op].killed += 1;
        progressed();
        tally(households_[h], &Outcomes::killed, 1);
        veh.people -= 1;
        break;
      }
      break;
    }
  }
  if (injured > 0) injure(cv, injured);
  if (trace_) {
    // "K killed (CATEGORY N, ...), I injured (CATEGORY N, ...)", the categories in scenario order.
    auto who = [&](std::int64_t total, const char* word, std::int64_t Outcomes::*what) {
      std::string out = fmt::format("{} {}", total, word);
      std::string names;
      for (std::size_t cat = 0; cat < before.size(); ++cat) {
        const std::int64_t n = ops_[c.op].category_outcomes[cat].*what - before[cat].*what;
        if (n > 0)
          names += fmt::format("{}{} {}", names.empty() ? "" : ", ", s_.categories[cat].id, n);
      }
      return names.empty() ? out : out + " (" + names + ")";
    };
    trace("fire", static_cast<std::int32_t>(c.op), c.id, -1, place, killed,
          who(killed, "killed", &Outcomes::killed) + ", " +
              who(injured, "injured", &Outcomes::injured));
  }
}

// Who the `n` injured aboard convoy `cv` are: each drawn in turn among those aboard not yet drawn,
// from a stream of its own (naming them changes no other draw), for their category and phase.
void Replication::injure(std::uint32_t cv, std::int64_t n) {
  std::vector<std::pair<std::uint32_t, std::int64_t>> aboard;  // household, people not yet drawn
  std::int64_t left = 0;
  for (auto v : convoys_[cv].vehicles) {
    for (std::uint32_t h = vehicles_[v].first; h != kNone; h = households_[h].next) {
      if (people_in(households_[h]) == 0) continue;
      aboard.emplace_back(h, people_in(households_[h]));
      left += people_in(households_[h]);
    }
  }
  if (!injured_rng_) injured_rng_ = stream(c_.injured_stream);
  for (; n > 0 && left > 0; --n, --left) {
    auto target =
        static_cast<std::int64_t>(injured_rng_->uniform_index(static_cast<std::uint64_t>(left)));
    for (auto& [h, people] : aboard) {
      if (target >= people) {
        target -= people;
        continue;
      }
      --people;
      tally(households_[h], &Outcomes::injured, 1);
      break;
    }
  }
}

// A scheduled fire on a route, at its time: the loaded convoy driving one of its legs then (the
// first to have set out, if several) is fired on, there and then. If none is, the first convoy
// leaving on the route from then on is (depart()).
void Replication::on_fire_event(std::uint32_t e) {
  if (event_consumed_[e]) return;
  const auto& ev = c_.events[e];
  for (auto cv : on_road(ev)) {
    if (!convoys_[cv].outbound || convoy_people(cv) == 0) continue;
    event_consumed_[e] = true;
    RandomStream rng = stream(ev.stream);
    apply_fire(cv, -1, ev.killed, ev.injured, rng);
    return;
  }
}

// The convoys of the operations scheduled event `ev` applies to that drive one of the legs of its
// route now, in the order they set out.
std::vector<std::uint32_t> Replication::on_road(const detail::CompiledEvent& ev) const {
  std::vector<std::uint32_t> out;
  for (std::uint32_t cv = 0; cv < convoys_.size(); ++cv) {
    const Convoy& c = convoys_[cv];
    if (c.alive && c.driving && ev.applies[c.op] && route_of(c) == ev.route) out.push_back(cv);
  }
  std::sort(out.begin(), out.end(),
            [&](std::uint32_t x, std::uint32_t y) { return convoys_[x].id < convoys_[y].id; });
  return out;
}

// Passengers of a vehicle that cannot go on are back at the gathering point, waiting again (at
// once: the vehicle is lost, or they were riding home on it), at the front of their queues.
void Replication::return_passengers(std::uint32_t v) {
  split_runs(v);
  count_aboard(v);
  Vehicle& veh = vehicles_[v];
  OperationState& os = ops_[veh.op];
  const std::uint32_t gp = c_.operations[veh.op].gathering_point;
  std::vector<std::uint32_t> list;
  for (std::uint32_t h = veh.first; h != kNone; h = households_[h].next) list.push_back(h);
  for (auto it = list.rbegin(); it != list.rend(); ++it) {
    Household& hh = households_[*it];
    if (hh.size == 0) continue;
    // Those still at the gathering point wait on, from their arrival: their wait is counted when
    // they depart. Those who had left had theirs counted then, and wait again from now.
    const bool departed = hh.state != HouseholdState::Boarded;
    phases_changed_for(veh.op);
    if (hh.state == HouseholdState::GoingBack) {
      os.going_back[hh.category] -= hh.size;
      if (hh.stretchers > 0) os.going_back_lying[hh.category] -= hh.size;
      // A phase that had ended meanwhile has them again (see unboard()).
      os.phases[static_cast<std::size_t>(hh.phase)].ended = false;
      progressed();
    } else {
      unboard(hh);
    }
    hh.state = HouseholdState::Waiting;
    if (departed) hh.arrival = now_;
    hh.next = kNone;
    os.queues[hh.category].push_front({*it, hh.size - hh.stretchers, hh.stretchers});
    os.waiting[hh.category] += hh.size;
    change_waiting(gp, veh.op, now_, hh.size);
    progressed();
  }
  note_peak(gp, now_);
  veh.first = kNone;
  veh.people = 0;
  // A vehicle lost at the gathering point was part of the convoy forming there: its max_wait
  // runs from when the first of those still loaded took people.
  recount_forming(veh.op);
}

// The people of a vehicle turned back ride home on it: from now on they count neither as
// boarded nor as departed (for phases and linkages), and wait again when it is home.
void Replication::send_back(std::uint32_t v) {
  split_runs(v);
  OperationState& os = ops_[vehicles_[v].op];
  for (std::uint32_t h = vehicles_[v].first; h != kNone; h = households_[h].next) {
    Household& hh = households_[h];
    if (hh.size == 0) continue;
    unboard(hh);
    hh.state = HouseholdState::GoingBack;
    os.going_back[hh.category] += hh.size;
    if (hh.stretchers > 0) os.going_back_lying[hh.category] += hh.size;
    phases_changed_for(hh.op);
  }
}

// A household boarded (or departed) no longer is: its counts are undone; if it had departed, it
// is counted as turned back.
void Replication::unboard(Household& hh) {
  OperationState& os = ops_[hh.op];
  auto& phase = os.phases[static_cast<std::size_t>(hh.phase)];
  os.committed -= hh.size;
  phase.boarded -= hh.size;
  if (hh.state == HouseholdState::Departed) {
    os.departed_net -= hh.size;
    phase.departed -= hh.size;
    os.turned_back += hh.size;
  }
  // A phase that had ended for want of people has them again.
  phase.ended = false;
  phases_changed_for(hh.op);
  progressed();
}

// The runs aboard a vehicle become households one by one, each after the one it was split from
// (as they boarded), for what happens to them one by one.
void Replication::split_runs(std::uint32_t v) {
  for (std::uint32_t h = vehicles_[v].first; h != kNone; h = households_[h].next) {
    while (households_[h].count > 1) {
      --households_[h].count;
      Household one = households_[h];
      one.count = 1;
      households_.push_back(one);
      const auto added = static_cast<std::uint32_t>(households_.size() - 1);
      households_[h].next = added;
    }
  }
}

// Convoy `cv` is turned back at checkpoint `place`.
void Replication::turn_back(std::uint32_t cv, std::uint32_t place) {
  Convoy& c = convoys_[cv];
  const std::uint32_t op = c.op;
  if (trace_) {
    std::vector<std::uint32_t> firsts;
    for (const std::uint32_t v : c.vehicles) firsts.push_back(vehicles_[v].first);
    const std::string who = who_detail(firsts, kNone);
    trace("turned-back", static_cast<std::int32_t>(op), c.id, -1, static_cast<std::int32_t>(place),
          convoy_people(cv),
          "turned back at " + s_.places[place].id + (who.empty() ? "" : ": " + who));
    write_later_rows();  // the suspensions it set off (after_inspection())
  }
  for (auto v : c.vehicles) {
    send_back(v);
    set_state(v, VehicleState::Returning);
  }
  // It drives home as a convoy, the way it came: the legs driven so far, last first (each drawn
  // again), through the checkpoints it passed (inspected again) and under the movement rules. A
  // fire or vehicle loss drawn for a leg of its trip out does not happen; the drive home is a
  // trip on the route of its own, for which a vehicle loss on the route is drawn.
  c.home = static_cast<std::int32_t>(c.leg);
  c.route = &c_.operations[op].home;
  c.outbound = false;
  c.leg = static_cast<std::uint32_t>(c.route->legs.size() - 1 - static_cast<std::size_t>(c.home));
  c.strikes.clear();
  ++c.generation;
  draw_trip_loss(cv, route_of(c), c.leg);
  set_out(cv);
  wake(op);
}

void Replication::destroy_vehicle(std::uint32_t v, std::int32_t place, std::int32_t route) {
  Vehicle& veh = vehicles_[v];
  OperationState& os = ops_[veh.op];
  if (veh.state == VehicleState::Idle) take_from_idle(v);
  if (veh.state == VehicleState::AtBay) {
    free_bay(v);
  }
  if (veh.state == VehicleState::Ready)
    os.ready.erase(std::find(os.ready.begin(), os.ready.end(), v));
  // Its row before those its people's return may set off (a gathering point over its capacity).
  if (trace_) {
    const std::string& type = s_.vehicle_types[veh.type].id;
    const std::string who = aboard_detail(veh.first, kNone);
    trace(
        "vehicle-lost", static_cast<std::int32_t>(veh.op),
        veh.convoy != kNone ? convoys_[veh.convoy].id : -1, v, place, veh.people,
        (route >= 0 ? type + " on route " + s_.routes[static_cast<std::size_t>(route)].id : type) +
            (who.empty() ? "" : ": " + who));
  }
  return_passengers(v);  // they get off and wait again
  if (veh.active_to.is_infinite()) veh.active_to = now_;
  set_state(v, VehicleState::Destroyed);
  veh.convoy = kNone;
  ++veh.generation;
  ++os.lost;
}

void Replication::destroy_in_convoy(std::uint32_t cv, std::int64_t n, std::int32_t place,
                                    std::int32_t route) {
  Convoy& c = convoys_[cv];
  // Passenger vehicles go first, from the back of the convoy.
  std::stable_partition(c.vehicles.begin(), c.vehicles.end(),
                        [&](std::uint32_t v) { return c_.types[vehicles_[v].type].escort; });
  while (n-- > 0 && !c.vehicles.empty()) {
    const std::uint32_t v = c.vehicles.back();
    c.vehicles.pop_back();
    destroy_vehicle(v, place, route);
  }
  if (c.vehicles.empty()) release_convoy(cv);
  wake(c.op);
}

// A scheduled vehicle loss strikes where it says, from its time on: the vehicles at the gathering
// point or driving the route then, and those that come to it or set out on it next (loaded on
// the way out, empty on the way back or approaching); the next to pass the checkpoint, or to
// finish unloading at the destination; until it has taken its `vehicles` (of its `type`;
// passenger vehicles when no type is given), whichever operations it applies to they belong to.
void Replication::on_vehicle_loss_event(std::uint32_t e) {
  const auto& ev = c_.events[e];
  if (trace_) trace_vehicle_loss(e);
  if (ev.route >= 0) {
    take_on_road(e);
  } else if (c_.places[static_cast<std::size_t>(ev.place)].kind ==
             model::PlaceKind::GatheringPoint) {
    take_at_gathering_point(e);
  } else {
    return;  // a checkpoint or a destination: the next vehicles to come
  }
  for (std::uint32_t o = 0; o < ops_.size(); ++o) {
    if (ev.applies[o]) wake(o);
  }
}

// The row of scheduled vehicle loss `e`, once: at its event, or before, at its very time, before
// the first vehicle it takes (one that comes its way before its event runs).
void Replication::trace_vehicle_loss(std::uint32_t e) {
  event_traced_.resize(c_.events.size(), 0);
  if (event_traced_[e] != 0) return;
  event_traced_[e] = 1;
  const auto& ev = c_.events[e];
  const std::string where =
      ev.route >= 0 ? " on route " + s_.routes[static_cast<std::size_t>(ev.route)].id : "";
  trace("vehicle-loss", -1, -1, -1, ev.place, 0,
        fmt::format("scheduled event {}: {} vehicle{}{}", s_.events[e].id, ev.vehicles,
                    ev.vehicles == 1 ? "" : "s", where));
}

// Scheduled vehicle loss `e` on a route, at its time: the vehicles driving one of its legs
// (loaded, back, approaching or turned back and driving home), convoy by convoy in the order they
// set out, from the back of each.
void Replication::take_on_road(std::uint32_t e) {
  const auto& ev = c_.events[e];
  for (auto cv : on_road(ev)) {
    if (loss_left_[e] <= 0) break;
    if (take_from_convoy(cv, e, -1) && convoys_[cv].vehicles.empty()) release_convoy(cv);
  }
}

// Scheduled vehicle loss `e` at a gathering point, at its time: the vehicles there, empty ones
// first (those at a bay or ready to leave have their people get off, who wait again).
void Replication::take_at_gathering_point(std::uint32_t e) {
  const auto& ev = c_.events[e];
  for (VehicleState state : {VehicleState::Idle, VehicleState::AtBay, VehicleState::Ready}) {
    for (std::uint32_t v = 0; v < vehicles_.size() && loss_left_[e] > 0; ++v) {
      const Vehicle& veh = vehicles_[v];
      if (veh.state != state ||
          c_.operations[veh.op].gathering_point != static_cast<std::uint32_t>(ev.place) ||
          !loss_takes(e, veh))
        continue;
      destroy_vehicle(v, ev.place, -1);
      took_for_loss(e);
    }
  }
}

bool Replication::loss_takes(std::uint32_t e, const Vehicle& veh) const {
  const auto& ev = c_.events[e];
  if (loss_left_[e] <= 0 || now_ < ev.time || !ev.applies[veh.op]) return false;
  return ev.vehicle_type < 0 ? !c_.types[veh.type].escort
                             : veh.type == static_cast<std::uint32_t>(ev.vehicle_type);
}

void Replication::took_for_loss(std::uint32_t e) {
  if (--loss_left_[e] == 0) --losses_due_;
}

// The vehicles of convoy `cv` that scheduled vehicle losses at `place` or on `route` (-1: not
// that) take, from the back of the convoy. Returns whether any were taken.
bool Replication::strike_convoy(std::uint32_t cv, std::int32_t place, std::int32_t route) {
  bool any = false;
  for (auto e : loss_events_) {
    const auto& ev = c_.events[e];
    if (ev.place == place && ev.route == route && take_from_convoy(cv, e, place)) any = true;
  }
  if (any && convoys_[cv].vehicles.empty()) release_convoy(cv);
  return any;
}

// The vehicles of convoy `cv` that scheduled vehicle loss `e` takes (at `place`, -1 on a route),
// from the back of the convoy. Returns whether any were taken; the convoy may be left empty.
bool Replication::take_from_convoy(std::uint32_t cv, std::uint32_t e, std::int32_t place) {
  bool any = false;
  auto& list = convoys_[cv].vehicles;
  for (std::size_t i = list.size(); i-- > 0 && loss_left_[e] > 0;) {
    const std::uint32_t v = list[i];
    if (!loss_takes(e, vehicles_[v])) continue;
    list.erase(list.begin() + static_cast<std::ptrdiff_t>(i));
    if (trace_) trace_vehicle_loss(e);
    destroy_vehicle(v, place, c_.events[e].route);
    took_for_loss(e);
    any = true;
  }
  return any;
}

// Whether a scheduled vehicle loss at `place` or on `route` takes vehicle `v` (in no convoy).
bool Replication::strike_vehicle(std::uint32_t v, std::int32_t place, std::int32_t route) {
  for (auto e : loss_events_) {
    const auto& ev = c_.events[e];
    if (ev.place != place || ev.route != route || !loss_takes(e, vehicles_[v])) continue;
    if (trace_) trace_vehicle_loss(e);
    destroy_vehicle(v, place, route);
    took_for_loss(e);
    return true;
  }
  return false;
}

// A private vehicle (car or escort) at the end of its one trip: done, it does not come back.
void Replication::finish_one_way(std::uint32_t v) {
  set_state(v, VehicleState::Done);
  vehicles_[v].convoy = kNone;
  vehicles_[v].active_to = now_;
}

void Replication::arrive_destination(std::uint32_t cv) {
  Convoy& c = convoys_[cv];
  const std::uint32_t dest = c_.operations[c.op].destination;
  if (trace_)
    trace("arrive", static_cast<std::int32_t>(c.op), c.id, -1, static_cast<std::int32_t>(dest),
          convoy_people(cv));
  BayState& bays = bays_[dest];
  std::vector<std::uint32_t> escorts;
  c.pending = 0;
  for (auto v : c.vehicles) {
    Vehicle& veh = vehicles_[v];
    if (c_.types[veh.type].escort) {
      escorts.push_back(v);
      continue;
    }
    ++c.pending;
    set_state(v, VehicleState::Unloading);
    bays.queue.push_back(v);
  }
  if (c.pending == 0) release_convoy(cv);
  // Escorts start back now, but a private one (`private: true`), which goes one way: it stays.
  // Starting a trip may add a convoy and move `c`: it is not used after.
  for (auto v : escorts) {
    if (c_.types[vehicles_[v].type].private_car) {
      finish_one_way(v);
    } else {
      start_return(v, 0);
    }
  }
  start_unloading(dest);
}

// Vehicles waiting at the destination take free unloading bays, first come first served.
void Replication::start_unloading(std::uint32_t place) {
  BayState& bays = bays_[place];
  while (bays.used < c_.places[place].bays && !bays.queue.empty()) {
    const std::uint32_t v = bays.queue.front();
    bays.queue.pop_front();
    ++bays.used;
    const Duration d =
        c_.places[place].unloading.sample_duration_sum(vehicles_[v].people, unloading_rng_[place]);
    schedule(slowed_end(vehicles_[v].op, detail::Activity::Unloading,
                        static_cast<std::int32_t>(place), now_, d),
             EventType::UnloadDone, v, place);
  }
}

void Replication::on_unload_done(std::uint32_t v, std::uint32_t place) {
  Vehicle& veh = vehicles_[v];
  --bays_[place].used;
  start_unloading(place);
  if (veh.state != VehicleState::Unloading) return;
  const std::string who = trace_ ? aboard_detail(veh.first, kNone) : std::string();
  count_aboard(v);
  const std::int64_t people = settle_aboard(v);
  trace("unloaded", static_cast<std::int32_t>(veh.op),
        veh.convoy != kNone ? convoys_[veh.convoy].id : -1, v, static_cast<std::int32_t>(place),
        people, who);
  veh.first = kNone;
  veh.people = 0;
  const std::uint32_t cv = veh.convoy;
  if (cv != kNone && --convoys_[cv].pending == 0) release_convoy(cv);
  if (losses_due_ > 0 && strike_vehicle(v, static_cast<std::int32_t>(place), -1)) {
    request_departure_check(veh.op);  // one fewer vehicle to wait for
  } else if (c_.types[veh.type].private_car) {
    finish_one_way(v);
  } else {
    start_return(v, 0);
  }
  // Arrivals move the measures of linkages on arrivals: wake the operations tied by one (this
  // one too), in the order of the operations.
  std::vector<std::uint32_t> tied;
  for (const auto l : c_.operations[veh.op].linkages) {
    const auto& lk = c_.linkages[l];
    if (lk.arrived) tied.insert(tied.end(), lk.operations.begin(), lk.operations.end());
  }
  std::sort(tied.begin(), tied.end());
  tied.erase(std::unique(tied.begin(), tied.end()), tied.end());
  for (const auto o : tied) wake(o);
}

void Replication::start_return(std::uint32_t v, std::uint32_t from_leg) {
  Vehicle& veh = vehicles_[v];
  const CompiledOperation& co = c_.operations[veh.op];
  if (from_leg >= co.back.legs.size()) {
    make_idle(v);
    return;
  }
  // A vehicle loss on the way back (the return route, or the route driven reversed) takes the
  // vehicle as it sets out on it.
  const std::int32_t route = scenario_route(veh.op, co.back);
  if (losses_due_ > 0 && strike_vehicle(v, -1, route)) {
    request_departure_check(veh.op);
    return;
  }
  const std::uint32_t cv = new_convoy(veh.op, false, &co.back);
  Convoy& c = convoys_[cv];
  c.leg = from_leg;
  c.vehicles.push_back(v);
  set_state(v, VehicleState::Returning);
  veh.convoy = cv;
  veh.first = kNone;
  veh.people = 0;
  draw_trip_loss(cv, route, from_leg);
  set_out(cv);
}

// Stochastic vehicle losses on `route` for the trip of convoy `cv` from its leg `from_leg` (a
// loaded convoy leaving, vehicles driving back or approaching, a convoy turned back driving
// home): each vehicle loss on the route drawn once per trip, whether and at the end of which of
// the legs left.
void Replication::draw_trip_loss(std::uint32_t cv, std::int32_t route, std::uint32_t from_leg) {
  if (!c_.options.stochastic_risks || route < 0) return;
  Convoy& c = convoys_[cv];
  const auto remaining = static_cast<std::uint64_t>(c.route->legs.size() - from_leg);
  for (std::uint32_t r = 0; r < c_.risks.size(); ++r) {
    const auto& risk = c_.risks[r];
    if (risk.kind == model::RiskKind::VehicleLoss && risk.applies[c.op] && risk.route == route &&
        risk_rng_[r].bernoulli(risk.probability)) {
      c.strikes.push_back(
          {static_cast<std::int32_t>(from_leg + risk_rng_[r].uniform_index(remaining)),
           static_cast<std::int32_t>(r), true});
    }
  }
}

// The fires, then the vehicle losses, due at the end of leg `leg` of convoy `cv`'s trip, each in
// the order drawn. Returns whether the convoy is still on the road.
bool Replication::strike_at_leg_end(std::uint32_t cv, std::int32_t leg) {
  for (const bool loss : {false, true}) {
    // Looked up again after each strike: what a strike sets off may add convoys.
    for (std::size_t i = 0; i < convoys_[cv].strikes.size();) {
      auto& strikes = convoys_[cv].strikes;
      const Convoy::Strike s = strikes[i];
      if (s.leg != leg || s.loss != loss) {
        ++i;
        continue;
      }
      strikes.erase(strikes.begin() + static_cast<std::ptrdiff_t>(i));
      if (s.source < -1) {
        const auto& ev = c_.events[static_cast<std::size_t>(-s.source - 2)];
        RandomStream rng = stream(ev.stream);
        apply_fire(cv, -1, ev.killed, ev.injured, rng);
        continue;
      }
      const auto r = static_cast<std::size_t>(s.source);
      const auto& risk = c_.risks[r];
      RandomStream& rng = risk_rng_[r];
      if (loss) {
        destroy_in_convoy(cv, risk.vehicles.sample_count(rng), -1, route_of(convoys_[cv]));
      } else {
        apply_fire_risk(cv, -1, risk, rng);
      }
      maybe_suspend(risk, rng);
      if (!convoys_[cv].alive) return false;
    }
  }
  return true;
}

// Convoy `cv` drives its leg `leg` now, or when the operation's movement rules next allow (they
// hold for empty vehicles too).
void Replication::set_out(std::uint32_t cv) {
  Convoy& c = convoys_[cv];
  const SimTime allowed = next_movement(c.op, now_);
  if (allowed > now_) {
    --c.leg;  // ConvoyRetry advances to the next leg
    stand(cv, allowed);
    return;
  }
  start_leg(cv);
}

// Convoy `cv` stands where it is until the movement rules allow it on at `allowed` (a suspension,
// a gap between ceasefire windows; not the movement hours, which hold only departures): its
// people aboard are held there, as by a checkpoint's hold, counted now to `allowed`
// (count_held()) or, when nothing will move again, to the end of the replication (collect()).
void Replication::stand(std::uint32_t cv, SimTime allowed) {
  Convoy& c = convoys_[cv];
  if (allowed.is_infinite()) {
    c.stood_since = now_;
  } else {
    count_held(cv, allowed);
    schedule(allowed, EventType::ConvoyRetry, cv, c.generation);
  }
  if (trace_) {
    // Where the leg it drives next starts (c.leg is the one before it, wrapped below the first).
    const std::uint32_t next = c.leg + 1;
    const std::uint32_t place = next == 0 ? c.route->start : c.route->legs[next - 1].to;
    trace("stopped", static_cast<std::int32_t>(c.op), c.id, -1, static_cast<std::int32_t>(place),
          convoy_people(cv),
          allowed.is_infinite() ? std::string("without end") : "until " + time_text(allowed));
  }
}

void Replication::arrive_home(std::uint32_t cv) {
  Convoy& c = convoys_[cv];
  const std::uint32_t op = c.op;
  for (auto v : c.vehicles) {
    // The people of a convoy turned back get off and wait again, at the front of their queues.
    trace(c.approach >= 0 ? "approached" : "returned", static_cast<std::int32_t>(op), c.id, v,
          static_cast<std::int32_t>(c_.operations[op].gathering_point), vehicles_[v].people,
          c.home >= 0 ? "turned back" : "");
    if (c.home >= 0) return_passengers(v);
    make_idle(v);
  }
  release_convoy(cv);
  wake(op);
}

// Settlements at the same instant of the same operation, phase and category are one record: the
// clearance clocks (collect()) see the same counts at the same times.
void Replication::record_settle(const Household& hh, std::int64_t people) {
  if (!settles_.empty() && settles_.back().time == now_ && settles_.back().op == hh.op &&
      settles_.back().phase == hh.phase && settles_.back().category == hh.category) {
    settles_.back().people += people;
  } else {
    settles_.push_back({now_, people, hh.op, hh.phase, hh.category});
  }
}

// `people` of operation `op` arrived: beds in its shelters, the first with room first.
void Replication::shelter(std::uint32_t op, std::int64_t people) {
  OperationState& os = ops_[op];
  os.arrived += people;
  std::int64_t left = people;
  for (auto sh : c_.operations[op].shelters) {
    const std::int64_t room = std::max<std::int64_t>(0, c_.places[sh].capacity - shelter_used_[sh]);
    const std::int64_t n = std::min(room, left);
    shelter_used_[sh] += n;
    os.sheltered += n;
    left -= n;
    if (left == 0) break;
  }
}

// Everyone aboard vehicle `v` has arrived; returns how many. Their outcomes are settled household
// by household, the operation's counts and its shelters once for all of them (the first with
// room first gives each household the beds it would get on its own).
std::int64_t Replication::settle_aboard(std::uint32_t v) {
  const Vehicle& veh = vehicles_[v];
  std::int64_t people = 0;
  for (std::uint32_t h = veh.first; h != kNone; h = households_[h].next) {
    Household& hh = households_[h];
#ifdef MAMAR_INVARIANTS
    if (hh.op != veh.op) {
      throw std::logic_error(fmt::format("a vehicle of operation {} carries people of another",
                                         s_.operations[veh.op].id));
    }
#endif
    const std::int64_t n = people_in(hh);
    if (n > 0) {
      record_settle(hh, n);
      hh.state = HouseholdState::Settled;
    }
    people += n;
  }
  OperationState& os = ops_[veh.op];
  os.settled += people;
  if (people > 0 && os.settled == c_.operations[veh.op].leaving) update_moves_until();
  shelter(veh.op, people);  // counts them arrived
  if (people > 0) progressed();
  return people;
}

// `people` of household `h` leave it on the way (removed, killed): their outcome is settled.
void Replication::settle(std::uint32_t h, std::int64_t people) {
  Household& hh = households_[h];
  OperationState& os = ops_[hh.op];
  record_settle(hh, people);
  os.settled += people;
  if (os.settled == c_.operations[hh.op].leaving) update_moves_until();
  // The last of its people on the way removed or killed: a linkage on arrivals may open now.
  if (os.settled == os.committed && exhausted(hh.op)) request_linked_wakes(hh.op);
  // Under a linkage counted on arrivals, those who will never arrive no longer count against the
  // operation's own cap (cap()): others board in their place now, not at the next arrival.
  if (people > 0) {
    for (const auto l : c_.operations[hh.op].linkages) {
      if (c_.linkages[l].arrived) {
        request_wake(hh.op);
        break;
      }
    }
  }
#ifdef MAMAR_INVARIANTS
  if (hh.count != 1)
    throw std::logic_error("people leave a run of households that was not split first");
#endif
  hh.size -= static_cast<std::int32_t>(people);
  hh.stretchers = std::min(hh.stretchers, hh.size);
  if (hh.size == 0) hh.state = HouseholdState::Settled;
}

// ------------------------------------------------------------------------------------------
// Run

// An operation whose people are all out no longer keeps the replication going to the end of its
// own ceasefire: another's may end earlier.
void Replication::update_moves_until() {
  moves_until_ = SimTime::zero();
  unsettled_ = 0;
  for (std::uint32_t o = 0; o < ops_.size(); ++o) {
    if (ops_[o].settled < c_.operations[o].leaving) {
      moves_until_ = std::max(moves_until_, c_.operations[o].ceasefire_end);
      ++unsettled_;
    }
  }
}

bool Replication::all_settled() const {
  return unsettled_ == 0;
}

// Where boarding is not looked at again (an arrival out of its view: on_arrival(); a vehicle
// done boarding that nobody fits and that keeps its bay: on_boarding_done()), nobody could board:
// no vehicle at a bay with room, nor one idle while a bay is free, finds someone who fits.
void Replication::check_nobody_boards(std::uint32_t op) {
  // The operation looks again once this instant's events have run (a bay another operation
  // freed at this gathering point, say): whoever may board then does.
  if (wake_pending_.contains(op)) return;
  // Households come in this instant, whom boarding has not seen, wake it in this instant too
  // (an Arrival event after the one that called).
  if (ops_[op].arrivals_matter && ops_[op].arrival_at <= now_) return;
  const std::uint32_t gp = c_.operations[op].gathering_point;
  bool someone = false;
  Pick pk;
  for (const std::uint32_t v : ops_[op].at_bay) {
    const Vehicle& veh = vehicles_[v];
    if (!veh.boarding && (veh.seats_free > 0 || veh.stretchers_free > 0))
      someone = someone || pick(op, veh.seats_free, veh.stretchers_free, pk);
  }
  // An idle vehicle could take someone where a bay is free, or where a vehicle of another
  // operation sharing the gathering point would give its bay up.
  bool bay = bays_[gp].used < c_.places[gp].bays;
  for (const auto o : c_.gathering_at[gp]) {
    if (o == op || bay) continue;
    for (const std::uint32_t v : ops_[o].at_bay)
      bay = bay || (!vehicles_[v].boarding && !keeps_bay(v));
  }
  if (bay) {
    for (std::uint32_t t = 0; t < c_.types.size(); ++t) {
      const auto& type = c_.types[t];
      if (!type.escort && !ops_[op].idle[t].empty())
        someone = someone || pick(op, type.seats, type.stretchers, pk);
    }
  }
  if (someone) {
    throw std::logic_error(
        fmt::format("boarding not looked at again could board in operation {} at {} ms",
                    s_.operations[op].id, now_.ms()));
  }
}

void Replication::check_invariants() const {
  // What the vehicles of each operation hold and where they are, in one pass over them (one
  // pass for each operation made a city's ten thousand cars the test build's main cost).
  struct Fleet {
    std::int64_t boarded_here = 0;
    std::int64_t aboard_away = 0;  // aboard vehicles that have left the gathering point
    // Person-hours held and queued not yet counted for categories and phases (below).
    double held = 0;
    double queued = 0;
    std::size_t idle = 0;
    std::size_t at_bay = 0;
    std::size_t ready = 0;
    std::int64_t coming_back = 0;
    std::int64_t open = 0;
  };
  std::vector<Fleet> fleets(ops_.size());
  for (const auto& v : vehicles_) {
    Fleet& f = fleets[v.op];
    if (v.state == VehicleState::AtBay || v.state == VehicleState::Ready)
      f.boarded_here += v.people;
    else
      f.aboard_away += v.people;
    f.held += static_cast<double>(v.people) * v.held_h;
    f.queued += static_cast<double>(v.people) * v.queued_h;
    f.idle += v.state == VehicleState::Idle ? 1 : 0;
    f.at_bay += v.state == VehicleState::AtBay ? 1 : 0;
    f.ready += v.state == VehicleState::Ready ? 1 : 0;
    f.coming_back += may_come_back(v) ? 1 : 0;
    f.open += open_at_bay(v) ? 1 : 0;
  }
  for (std::uint32_t o = 0; o < ops_.size(); ++o) {
    const OperationState& os = ops_[o];
    std::int64_t waiting = 0;
    for (auto w : os.waiting) waiting += w;
    const std::int64_t going_back = os.going_back_total();
    const Fleet& fleet = fleets[o];
    const std::int64_t boarded_here = fleet.boarded_here;
    const std::int64_t aboard_away = fleet.aboard_away;
    const double held = fleet.held;
    const double queued = fleet.queued;
    const std::int64_t in_transit = os.departed_net - os.settled;
    // Conservation of people: every person who leaves is in exactly one state; those departed
    // and not settled are aboard a vehicle on the way, as are those riding home sent back (so
    // people departed who were neither delivered nor settled, nor aboard, are found).
    if (os.not_arrived_total + waiting + boarded_here + going_back + in_transit + os.settled !=
            c_.operations[o].leaving ||
        aboard_away != in_transit + going_back) {
      throw std::logic_error(fmt::format("people not conserved in operation {} at {} ms",
                                         s_.operations[o].id, now_.ms()));
    }
    if (in_transit < 0 || os.committed != boarded_here + os.departed_net) {
      throw std::logic_error(
          fmt::format("boarding counts inconsistent in operation {}", s_.operations[o].id));
    }
    // Conservation of vehicles: each is in exactly the place its state says.
    if (fleet.coming_back != os.coming_back || fleet.open != os.open_at_bay) {
      throw std::logic_error(fmt::format("vehicles coming back miscounted in operation {} at {} ms",
                                         s_.operations[o].id, now_.ms()));
    }
    std::size_t listed_idle = 0;
    std::int64_t idle_passenger = 0;
    for (std::size_t t = 0; t < os.idle.size(); ++t) {
      listed_idle += os.idle[t].size();
      if (!c_.types[t].escort) idle_passenger += static_cast<std::int64_t>(os.idle[t].size());
    }
    if (fleet.idle != listed_idle || fleet.at_bay != os.at_bay.size() ||
        fleet.ready != os.ready.size() || idle_passenger != os.idle_passenger) {
      throw std::logic_error(fmt::format("vehicles not conserved in operation {} at {} ms",
                                         s_.operations[o].id, now_.ms()));
    }
    // Arrivals: each category's next households to come (with and without a stretcher patient)
    // are of it and still to come, one there while some of it are (admit_arrivals() checks that
    // each household admitted was the next of its category and line), and an operation whose
    // arrivals are not parked has its Arrival event no later than the first household that matters
    // (else one would be admitted late, by another event).
    for (std::uint32_t cat = 0; cat < os.not_arrived.size(); ++cat) {
      bool none = true;
      bool lost = false;
      for (std::size_t slot = 2 * std::size_t{cat}; slot < 2 * std::size_t{cat} + 2; ++slot) {
        const std::uint32_t h = os.upcoming[slot];
        if (h == kNone) continue;
        none = false;
        lost = lost || h < os.next_arrival || h >= os.arrivals_end ||
               upcoming_slot(households_[h]) != slot;
      }
      if (lost || none != (os.not_arrived[cat] == 0)) {
        throw std::logic_error(
            fmt::format("the next household of category {} to come lost in operation {} at {} ms",
                        s_.categories[cat].id, s_.operations[o].id, now_.ms()));
      }
    }
    if (!parked_.contains(o) && next_arrival_that_matters(o) < os.arrival_at) {
      throw std::logic_error(fmt::format(
          "an arrival that matters in operation {} comes before its Arrival event, at {} ms",
          s_.operations[o].id, now_.ms()));
    }
    // Those taken off, killed and injured add up to the operation's by category and by phase
    // (everyone boards under a phase; the arrived are counted at the end, collect()). Their
    // exposure by category adds up to its own, and so does that by phase (the waiting of those
    // departed; held and queueing where it has more than one phase).
    Outcomes by_category;
    for (const Outcomes& x : os.category_outcomes) {
      by_category.removed += x.removed;
      by_category.killed += x.killed;
      by_category.injured += x.injured;
    }
    Outcomes by_phase;
    for (const Outcomes& x : os.phase_outcomes) {
      by_phase.removed += x.removed;
      by_phase.killed += x.killed;
      by_phase.injured += x.injured;
    }
    // The categories' or the phases' exposure, with the hours aboard not yet counted for them.
    auto total = [&](const std::vector<Exposure>& parts) {
      Exposure sum{0, held, queued};
      for (const Exposure& e : parts) {
        sum.waiting += e.waiting;
        sum.held += e.held;
        sum.queueing += e.queueing;
      }
      return sum;
    };
    const Exposure of_categories = total(os.category_exposure);
    const Exposure of_phases = total(os.phase_exposure);
    auto near = [](double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, b); };
    if (by_category.removed != os.removed || by_category.killed != os.killed ||
        by_category.injured != os.injured || by_phase.removed != os.removed ||
        by_phase.killed != os.killed || by_phase.injured != os.injured ||
        !near(of_categories.waiting, os.wait_ph) || !near(of_phases.waiting, os.wait_ph) ||
        (c_.operations[o].mixed &&
         (!near(of_categories.held, os.held_ph) || !near(of_categories.queueing, os.queue_ph))) ||
        (os.phases.size() > 1 &&
         (!near(of_phases.held, os.held_ph) || !near(of_phases.queueing, os.queue_ph)))) {
      throw std::logic_error(fmt::format(
          "outcomes or exposure by category or phase miscounted in operation {} at {} ms",
          s_.operations[o].id, now_.ms()));
    }
  }
  // The people waiting at a gathering point are those its operations have waiting, never more
  // than the peak; the log of one with a capacity has every change.
  for (std::uint32_t gp = 0; gp < crowds_.size(); ++gp) {
    std::int64_t waiting = 0;
    for (std::uint32_t o = 0; o < ops_.size(); ++o) {
      if (c_.operations[o].gathering_point == gp)
        waiting = std::accumulate(ops_[o].waiting.begin(), ops_[o].waiting.end(), waiting);
    }
    std::int64_t logged = waiting;
    if (rooms_ && c_.places[gp].room != INT64_MAX) {
      logged = 0;
      for (const RoomChange& change : room_log_[gp]) logged += change.people;
    }
    const Crowd& crowd = crowds_[gp];
    if (logged != waiting || crowd.waiting != waiting || crowd.peak < waiting) {
      throw std::logic_error(fmt::format(
          "people waiting at {} miscounted at {} ms: {} logged, {} counted, {}, peak {}",
          s_.places[gp].id, now_.ms(), logged, crowd.waiting, waiting, crowd.peak));
    }
  }
}

void Replication::record_curves(std::size_t k) {
  for (std::uint32_t o = 0; o < ops_.size(); ++o) {
    const OperationState& os = ops_[o];
    const auto leaving = static_cast<double>(c_.operations[o].leaving);
    // People turned back, riding home, are on the road still (and inside once home).
    const std::int64_t going_back = os.going_back_total();
    inside_[o][k] = leaving - static_cast<double>(os.departed_net + going_back);
    transit_[o][k] = static_cast<double>(os.departed_net + going_back - os.settled);
    out_[o][k] = static_cast<double>(os.settled);
  }
  // Every arrival come by now is admitted (run() samples after the instant's events), so the
  // count is that of the people waiting at this instant.
  for (std::size_t g = 0; g < gathering_places_.size(); ++g)
    waiting_curve_[g][k] = static_cast<double>(crowds_[gathering_places_[g]].waiting);
  for (std::size_t l = 0; l < c_.linkages.size(); ++l) {
    const auto& lk = c_.linkages[l];
    for (std::size_t i = 0; i < lk.operations.size(); ++i) {
      const std::uint32_t o = lk.operations[i];
      const auto leaving = static_cast<double>(std::max<std::int64_t>(1, c_.operations[o].leaving));
      parity_[l][i][k] = static_cast<double>(measure(o, lk.arrived)) / leaving;
    }
  }
}

// The replication has ended: from sample `k` on, every curve stays where it is now (recorded
// once, copied to the rest).
void Replication::fill_curves_from(std::size_t k) {
  record_curves(k);
  auto extend = [k](std::vector<double>& curve) {
    std::fill(curve.begin() + static_cast<std::ptrdiff_t>(k) + 1, curve.end(), curve[k]);
  };
  for (std::uint32_t o = 0; o < ops_.size(); ++o) {
    extend(inside_[o]);
    extend(transit_[o]);
    extend(out_[o]);
  }
  for (auto& curve : waiting_curve_) extend(curve);
  for (auto& linkage : parity_) {
    for (auto& curve : linkage) extend(curve);
  }
}

void Replication::on_sample(std::uint32_t k) {
  sample_due_ = k;  // taken in run() once every event of this instant has run
  if (k + 1 < c_.curve_points)
    schedule(SimTime::from(detail::curve_time(c_.options, k + 1)), EventType::Sample, k + 1);
}

// At a batch's `until` its idle vehicles are withdrawn, and those at a bay with nobody aboard;
// those with people aboard, or on a trip, finish it and are withdrawn when back (make_idle()).
void Replication::on_fleet_withdrawn(std::uint32_t op, std::uint32_t batch) {
  OperationState& os = ops_[op];
  for (auto v : os.batch_vehicles[batch]) {
    Vehicle& veh = vehicles_[v];
    if (veh.state == VehicleState::Idle) {
      take_from_idle(v);
    } else if (veh.state == VehicleState::AtBay && veh.people == 0 && !veh.boarding) {
      free_bay(v);
    } else {
      continue;
    }
    set_state(v, VehicleState::Withdrawn);
    veh.active_to = now_;
    trace("withdrawn", static_cast<std::int32_t>(op), -1, v, -1, 0);
  }
  wake(op);
}

void Replication::on_fleet_available(std::uint32_t op, std::uint32_t batch) {
  const auto& b = c_.operations[op].fleet[batch];
  std::vector<std::uint32_t> approaching;
  for (auto v : ops_[op].batch_vehicles[batch]) {
    Vehicle& veh = vehicles_[v];
    if (veh.state != VehicleState::NotYet) continue;  // destroyed before it arrived
    veh.active_from = now_;
    trace("available", static_cast<std::int32_t>(op), -1, v, -1, 0, s_.vehicle_types[veh.type].id);
    if (b.approach >= 0) {
      approaching.push_back(v);
    } else if (b.return_leg != kNone) {
      start_return(v, b.return_leg);
    } else {
      make_idle(v);
    }
  }
  if (!approaching.empty()) start_approach(op, b.approach, approaching);
  request_wake(op);
}

// The vehicles of a batch drive its approach route together, empty, from their start to the
// gathering point: inspected as empty vehicles at its checkpoints, stopped by the operation's
// movement rules as vehicles driving back are, exposed to vehicle losses on the route.
void Replication::start_approach(std::uint32_t op, std::int32_t approach,
                                 const std::vector<std::uint32_t>& vehicles) {
  const CompiledRoute& route = c_.operations[op].approaches[static_cast<std::size_t>(approach)];
  const std::uint32_t cv = new_convoy(op, false, &route);
  Convoy& c = convoys_[cv];
  c.approach = approach;
  for (auto v : vehicles) {
    c.vehicles.push_back(v);
    set_state(v, VehicleState::Approaching);
    vehicles_[v].convoy = cv;
  }
  draw_trip_loss(cv, route.route, 0);
  if (losses_due_ > 0 && strike_convoy(cv, -1, route.route) && !convoys_[cv].alive) return;
  set_out(cv);
}

// Departures are decided once every event of this instant has run, so that vehicles finishing
// together are seen together; so is boarding after request_wake(). A decision can schedule events
// at this instant (or ask for another decision): those run first.
void Replication::run_departure_checks() {
  // Runs `act` for each operation whose `pending` flag is set, clearing the flag; false as soon
  // as an event of this instant is still to run (it runs first, and this is called again after).
  bool again = true;
  auto each = [&](OperationSet& pending, auto act) {
    for (std::uint32_t o = pending.next(0); o != kNone; o = pending.next(o + 1)) {
      if (!queue_.empty() && queue_.top_time() <= now_) return false;
      pending.erase(o);
      act(o);
      again = true;
    }
    return true;
  };
  while (again) {
    again = false;
    if (!each(wake_pending_, [this](std::uint32_t o) { wake(o); }) ||
        !each(departure_pending_, [this](std::uint32_t o) { try_depart(o); }))
      return;
  }
}

void Replication::dispatch(const Payload& p) {
  switch (p.type) {
    case EventType::Arrival:
      on_arrival(p.a, p.b);
      break;
    case EventType::FleetAvailable:
      on_fleet_available(p.a, p.b);
      break;
    case EventType::FleetWithdrawn:
      on_fleet_withdrawn(p.a, p.b);
      break;
    case EventType::BoardingDone:
      if (vehicles_[p.a].generation == p.b && vehicles_[p.a].state == VehicleState::AtBay)
        on_boarding_done(p.a);
      break;
    case EventType::OperationCheck:
      if (ops_[p.a].check_generation == p.b) {
        ops_[p.a].check_at = SimTime::infinity();
        wake(p.a);
      }
      break;
    case EventType::LegDone:
      if (convoys_[p.a].alive && convoys_[p.a].generation == p.b) on_leg_done(p.a);
      break;
    case EventType::InspectionDone:
      if (convoys_[p.a].alive && convoys_[p.a].generation == p.b)
        after_inspection(p.a, convoys_[p.a].route->legs[convoys_[p.a].leg].to);
      break;
    case EventType::HoldDone:
      if (convoys_[p.a].alive && convoys_[p.a].generation == p.b) {
        if (convoys_[p.a].held_before_inspection) {
          start_inspection(p.a, convoys_[p.a].route->legs[convoys_[p.a].leg].to);
        } else {
          continue_convoy(p.a);
        }
      }
      break;
    case EventType::UnloadDone:
      on_unload_done(p.a, p.b);
      break;
    case EventType::ConvoyRetry:
      if (convoys_[p.a].alive && convoys_[p.a].generation == p.b) continue_convoy(p.a);
      break;
    case EventType::Suspension:
      on_suspension(p.a);
      break;
    case EventType::VehicleLoss:
      on_vehicle_loss_event(p.a);
      break;
    case EventType::Sample:
      on_sample(p.a);
      break;
    case EventType::Linkage:
      on_linkage(p.a, p.b != 0);
      break;
    case EventType::CheckpointChange:
      on_checkpoint_change(p.a);
      break;
    case EventType::Fire:
      on_fire_event(p.a);
      break;
  }
}

ReplicationResult Replication::run() {
  horizon_ = SimTime::from(c_.options.horizon);
  const std::size_t np = s_.places.size();
  bays_.resize(np);
  shelter_used_.assign(np, 0);
  for (const auto& co : c_.operations)
    rooms_ = rooms_ || c_.places[co.gathering_point].room != INT64_MAX;
  if (rooms_) room_log_.resize(np);
  crowds_.resize(np);
  for (const auto& ops : c_.gathering_at) shared_gathering_ = shared_gathering_ || ops.size() > 1;
  checkpoints_.resize(c_.checkpoints.size());
  for (std::size_t i = 0; i < c_.checkpoints.size(); ++i) {
    const detail::CompiledPlace& place = c_.places[c_.checkpoints[i]];
    CheckpointState& cs = checkpoints_[i];
    cs.lane_free.assign(static_cast<std::size_t>(std::max<std::int64_t>(1, place.lanes)),
                        SimTime::zero());
    cs.party = place.party;
    cs.inspection = &place.inspection;
    cs.empty_inspection = &place.empty_inspection;
    cs.empty_as_inspection = !place.own_empty_inspection;
  }
  for (const auto& ev : c_.events) {
    if (ev.kind == model::RiskKind::CheckpointChange && c_.options.scheduled_events)
      checkpoints_[static_cast<std::size_t>(
                       c_.places[static_cast<std::size_t>(ev.place)].checkpoint_slot)]
          .replans = true;
  }
  for (std::uint32_t i = 0; i < np; ++i) {
    boarding_rng_.push_back(stream(c_.places[i].boarding_stream));
    inspection_rng_.push_back(stream(c_.places[i].inspection_stream));
    unloading_rng_.push_back(stream(c_.places[i].unloading_stream));
  }
  for (std::uint32_t o = 0; o < c_.operations.size(); ++o) {
    const std::uint64_t op_salt = c_.operations[o].stream_salt;
    out_leg_rng_.emplace_back();
    back_leg_rng_.emplace_back();
    for (const auto& leg : c_.operations[o].out.legs)
      out_leg_rng_[o].push_back(stream(leg.stream ^ op_salt));
    for (const auto& leg : c_.operations[o].back.legs)
      back_leg_rng_[o].push_back(stream(leg.stream ^ op_salt));
    approach_leg_rng_.emplace_back();
    for (const auto& route : c_.operations[o].approaches) {
      approach_leg_rng_[o].emplace_back();
      for (const auto& leg : route.legs)
        approach_leg_rng_[o].back().push_back(stream(leg.stream ^ op_salt));
    }
  }
  generate_population();
  create_fleet();
  schedule_risks();
  update_moves_until();
  tranche_.assign(c_.linkages.size(), 0);
  tranche_done_.resize(c_.linkages.size());
  for (std::size_t l = 0; l < c_.linkages.size(); ++l)
    tranche_done_[l].assign(
        c_.linkages[l].kind == model::LinkageKind::Tranches ? c_.linkages[l].tranches.size() : 0,
        SimTime::infinity());
  linkage_binds_.assign(c_.linkages.size(), 0);
  for (std::uint32_t l = 0; l < c_.linkages.size(); ++l) {
    const auto& lk = c_.linkages[l];
    if (lk.until <= lk.from) continue;  // never binds (check rejects it)
    if (lk.from == SimTime::zero()) {
      linkage_binds_[l] = 1;
      trace("linkage-binds", -1, -1, -1, -1, 0,
            fmt::format("linkage {}", s_.agreement.linkages[l].id));
    } else {
      schedule(lk.from, EventType::Linkage, l, 1);
    }
    if (!lk.until.is_infinite()) schedule(lk.until, EventType::Linkage, l, 0);
    has_tranches_ = has_tranches_ || lk.kind == model::LinkageKind::Tranches;
  }
  progressed();  // an operation with nobody to move completes its tranches at once
  const std::size_t points = c_.curve_points;
  inside_.assign(ops_.size(), std::vector<double>(points, 0));
  transit_ = inside_;
  out_ = inside_;
  for (std::uint32_t gp = 0; gp < c_.places.size(); ++gp) {
    if (!c_.gathering_at[gp].empty()) gathering_places_.push_back(gp);
  }
  waiting_curve_.assign(gathering_places_.size(), std::vector<double>(points, 0));
  parity_.resize(c_.linkages.size());
  for (std::size_t l = 0; l < c_.linkages.size(); ++l) {
    parity_[l].assign(c_.linkages[l].operations.size(), std::vector<double>(points, 0));
  }
  schedule(SimTime::zero(), EventType::Sample, 0);
  wake_pending_.resize(ops_.size());
  departure_pending_.resize(ops_.size());
  parked_.resize(ops_.size());
  replan_.resize(ops_.size());
  next_admission_ = SimTime::zero();
  for (std::uint32_t o = 0; o < ops_.size(); ++o) {
    const OperationState& os = ops_[o];
    if (os.next_arrival < os.arrivals_end)
      arrivals_due_.emplace(households_[os.next_arrival].arrival.ms(), o);
    schedule_next_arrival(o);
  }

  std::size_t sampled = 0;
  while (!queue_.empty()) {
    // Taken out of the queue by the first event its handling schedules, or after its handling
    // (finish_pop()): most events schedule one more, which then takes its place in the heap.
    const auto ev = queue_.start_pop();
    if (queue_log_ != nullptr) queue_log_->push_back(-1);
    const bool moves = moves_vehicles(ev.payload.type);
    if (moves) --moving_;
    if (ev.time > horizon_) {
      queue_.finish_pop();
      break;
    }
    // Nothing can move any more: after the last ceasefire window (of the operations with someone
    // not yet out: each has the agreement's windows, or its own) no convoy departs, and one on
    // the road stops at the next place it reaches, for good. The replication ends then (at the
    // end of the ceasefire at the earliest), not at a horizon set far beyond: what is counted
    // until the end, such as people waiting and vehicles idle, would grow with the horizon.
    if (ev.time > moves_until_ && !moves && moving_ == 0) {
      queue_.finish_pop();
      now_ = std::max(now_, moves_until_);
      break;
    }
#ifdef MAMAR_INVARIANTS
    if (ev.time < now_) {
      throw std::logic_error(
          fmt::format("simulation time goes back from {} to {} ms", now_.ms(), ev.time.ms()));
    }
#endif
    if (trace_) trace_windows(ev.time);
    now_ = ev.time;
    ++events_;
    if (ev.payload.type == EventType::Sample) sampled = ev.payload.a + 1;
    if (now_ >= next_admission_) admit_arrivals();
    dispatch(ev.payload);
    queue_.finish_pop();
    run_departure_checks();
    unpark_arrivals();
    if (replan_due_) replan_arrivals();
    // The state at a curve time is that after every event of that instant: a convoy departing on
    // the hour is in transit at that hour.
    if (sample_due_ >= 0 && (queue_.empty() || queue_.top_time() > now_)) {
      record_curves(static_cast<std::size_t>(sample_due_));
      sample_due_ = -1;
    }
#ifdef MAMAR_INVARIANTS
    check_invariants();
#endif
    if (all_settled()) break;
  }
  // Not everyone out: the replication runs to the horizon (nothing is scheduled after it: the
  // queue may have run dry before), or to the end of the last ceasefire window if that comes
  // first, and what runs until the end (people waiting, vehicles idle) runs until then.
  if (!all_settled()) now_ = std::max(now_, std::min(horizon_, moves_until_));
  // Windows that started after the last event, by the end, are in the trace too.
  if (trace_) trace_windows(now_);
  // Those come by the end are waiting, and the phases are as they stand then: a run that parked
  // its arrivals (hungry()) has not looked since its last event, and ends as a traced run does.
  if (now_ >= next_admission_) admit_arrivals();
  for (std::uint32_t o = 0; o < ops_.size(); ++o) update_phases(o);
  // A sample of the last instant, when the replication ended before that instant's other events;
  // the curves stay at their final values after the replication ends.
  if (sample_due_ >= 0) record_curves(static_cast<std::size_t>(sample_due_));
  if (sampled < points) fill_curves_from(sampled);
  return collect();
}

// People come to wait at gathering point `gp` (of a capacity), or leave it (`people` < 0), at `t`
// (now, or an arrival admitted at the next event: see room_log_). The trace has a row when more
// people wait there than it holds, and when no more do again; a traced run admits every arrival
// at its time (hungry()), so those rows come at their times.
void Replication::room_change(std::uint32_t gp, std::uint32_t op, SimTime t, std::int64_t people) {
  room_log_[gp].push_back({t.ms(), people, op});
  const std::int64_t before = crowds_[gp].waiting;
  const std::int64_t after = before + people;
  crowds_[gp].waiting = after;
  const std::int64_t room = c_.places[gp].room;
  if (trace_ && (before > room) != (after > room)) {
    trace(after > room ? "over-capacity" : "within-capacity", static_cast<std::int32_t>(op), -1, -1,
          static_cast<std::int32_t>(gp), after,
          fmt::format("{} waiting, capacity {}", after, room));
  }
}

// Person-hours waiting beyond a gathering point's capacity, by operation: while more people wait
// there than it holds, those over it are shared among the operations gathering there in
// proportion to their people waiting. Those waiting change only at the logged instants. And the
// hours while they are more than it holds, by place.
Replication::Crowding Replication::crowding() const {
  Crowding beyond;
  beyond.outside_person_hours.assign(ops_.size(), 0);
  beyond.over_capacity_h.assign(c_.places.size(), 0);
  std::vector<double>& out = beyond.outside_person_hours;
  std::vector<std::int64_t> here(ops_.size(), 0);
  for (std::uint32_t gp = 0; gp < room_log_.size(); ++gp) {
    if (room_log_[gp].empty()) continue;
    std::vector<RoomChange> log = room_log_[gp];
    std::stable_sort(log.begin(), log.end(),
                     [](const RoomChange& a, const RoomChange& b) { return a.ms < b.ms; });
    const std::int64_t room = c_.places[gp].room;
    std::int64_t waiting = 0;
    std::int64_t since = log.front().ms;
    auto accrue = [&](std::int64_t until) {
      if (waiting > room && until > since) {
        const double hours = (SimTime::from_ms(until) - SimTime::from_ms(since)).to_hours();
        beyond.over_capacity_h[gp] += hours;
        const double over_hours =
            static_cast<double>(waiting - room) / static_cast<double>(waiting) * hours;
        for (std::uint32_t o = 0; o < ops_.size(); ++o) {
          if (c_.operations[o].gathering_point == gp)
            out[o] += over_hours * static_cast<double>(here[o]);
        }
      }
      since = std::max(since, until);
    };
    for (const RoomChange& change : log) {
      accrue(change.ms);
      waiting += change.people;
      here[change.op] += change.people;
    }
    accrue(now_.ms());
  }
  return beyond;
}

// Who was not out at the end, and what held them (LeftReason), by operation and category: each
// person under the first reason that holds for them now; an operation's reasons are its
// categories' added up. The operation's counts give how many of each category are still to come
// and waiting, the caller's how many are aboard at the gathering point and on the road; the
// households are looked at only where a stretcher patient's household waits for another reason
// than the others of its category.
Replication::LeftAtEnd Replication::left_at_end(const std::vector<std::int64_t>& aboard,
                                                const std::vector<std::int64_t>& on_road) {
  const std::size_t ncat = s_.categories.size();
  LeftAtEnd out;
  out.by_operation.resize(ops_.size());
  out.by_category.resize(ops_.size() * ncat);
  auto add = [](std::array<std::int64_t, kLeftReasons>& to, LeftReason why, std::int64_t people) {
    to[static_cast<std::size_t>(why)] += people;
  };
  for (std::uint32_t op = 0; op < ops_.size(); ++op) {
    const OperationState& os = ops_[op];
    const CompiledOperation& co = c_.operations[op];
    if (os.settled >= co.leaving) continue;
    // A convoy that needs escorts cannot leave with fewer left than it needs; a household needs a
    // vehicle with seats, or stretcher places for its patients. Vehicles lost, withdrawn (or past
    // their `until`, finishing a trip) and private cars gone do not count.
    // The places of the vehicles left, one entry per kind: a household fits one with seats for
    // its people off stretchers and stretcher places for its patients.
    const FleetLeft left = fleet_left(op);
    const auto& places = left.places;
    const auto& escorts = left.escorts;
    const SimTime moves = next_movement(op, now_);
    const bool escorted = std::all_of(co.convoy.escorts.begin(), co.convoy.escorts.end(),
                                      [&](const auto& e) { return escorts[e.type] >= e.count; });
    const LeftReason movement = !escorted             ? LeftReason::NoVehicle
                                : moves.is_infinite() ? LeftReason::CeasefireOver
                                : moves > now_        ? LeftReason::Suspended
                                                      : LeftReason::AwaitingTransport;
    auto* by_cat = out.by_category.data() + op * ncat;
    for (std::size_t cat = 0; cat < ncat; ++cat) {
      add(by_cat[cat], LeftReason::Coming, os.not_arrived[cat]);
      add(by_cat[cat], LeftReason::OnTheRoad, on_road[op * ncat + cat]);
      add(by_cat[cat], movement, aboard[op * ncat + cat]);
    }
    // Whether each category may board now: in a phase that is open and below its quota; else
    // whether a phase of it is still to come.
    // A phase that ended below its quota with people of it waiting ended because no vehicle
    // left can carry them, or because nobody of it could come in time any more and these came
    // later (update_phases()).
    std::vector<LeftReason> phase_reason(ncat, LeftReason::QuotaReached);
    std::vector<bool> eligible(ncat, false);
    for (std::uint32_t p = 0; p < co.phases.size(); ++p) {
      const PhaseState& ps = os.phases[p];
      for (auto cat : co.phases[p].categories) {
        if (ps.open && ps.boarded < co.phases[p].quota) eligible[cat] = true;
        if (!ps.ended) {
          phase_reason[cat] = LeftReason::PhaseNotOpen;
        } else if (ps.boarded < co.phases[p].quota &&
                   phase_reason[cat] == LeftReason::QuotaReached) {
          // Ended for want of a vehicle, or of one back in time, or of anyone who could still
          // come in time: those of it waiting now came after the ceasefire.
          phase_reason[cat] = ps.stranded && !ps.out_of_time ? LeftReason::NoVehicle : movement;
        }
      }
    }
    const bool linkage_holds = os.committed >= cap(op);
    // Each household waiting: held by its phase, by a linkage, by having no vehicle left that it
    // fits, or by movement.
    auto fits = [&](const Household& hh) {
      return std::any_of(places.begin(), places.end(), [&](const auto& p) {
        return hh.size - hh.stretchers <= p.first && hh.stretchers <= p.second;
      });
    };
    auto waiting_reason = [&](const Household& hh) {
      if (!eligible[hh.category]) return phase_reason[hh.category];
      if (linkage_holds) return LeftReason::Linkage;
      if (!fits(hh)) return LeftReason::NoVehicle;
      return movement;
    };
    // Its households: those drawn for it, and the parts of runs split off while boarding, which
    // come after every operation's drawn ones.
    auto count_waiting = [&](std::size_t from, std::size_t to) {
      for (std::size_t h = from; h < to; ++h) {
        const Household& hh = households_[h];
        if (hh.op == op && hh.state == HouseholdState::Waiting && hh.size > 0)
          add(by_cat[hh.category], waiting_reason(hh), people_in(hh));
      }
    };
    if (std::any_of(os.waiting.begin(), os.waiting.end(), [](std::int64_t n) { return n > 0; })) {
      count_waiting(os.households_begin, os.arrivals_end);
      count_waiting(ops_.back().arrivals_end, households_.size());
    }
    for (std::size_t cat = 0; cat < ncat; ++cat) {
      for (std::size_t k = 0; k < kLeftReasons; ++k) out.by_operation[op][k] += by_cat[cat][k];
    }
  }
  return out;
}

}  // namespace

std::string_view left_reason_id(LeftReason why) {
  switch (why) {
    case LeftReason::Coming:
      return "coming";
    case LeftReason::PhaseNotOpen:
      return "phase_not_open";
    case LeftReason::QuotaReached:
      return "quota_reached";
    case LeftReason::Linkage:
      return "linkage";
    case LeftReason::NoVehicle:
      return "no_vehicle";
    case LeftReason::CeasefireOver:
      return "ceasefire_over";
    case LeftReason::Suspended:
      return "suspended";
    case LeftReason::AwaitingTransport:
      return "awaiting_transport";
    case LeftReason::OnTheRoad:
      return "on_the_road";
  }
  return "unknown";
}

namespace {

// Clearance times from settlements fed in time order: when the running count first reaches 90%
// of the total, and the total (NaN until then; always NaN for a total of zero).
class ClearanceClock {
 public:
  // A count c reaches 90% when c >= 0.9 total - 1e-9, that is when c >= need90_ (c is whole).
  explicit ClearanceClock(std::int64_t total = 0)
      : total_(total),
        need90_(static_cast<std::int64_t>(std::ceil(0.9 * static_cast<double>(total) - 1e-9))),
        open_(total > 0) {}
  void add(SimTime t, std::int64_t people) {
    if (!open_) return;
    count_ += people;
    if (count_ < need90_) return;
    if (std::isnan(c_.t90_h)) c_.t90_h = t.since_start().to_hours();
    if (count_ >= total_) {
      c_.t100_h = t.since_start().to_hours();
      open_ = false;
    }
  }
  const Clearance& result() const { return c_; }
  std::int64_t total() const { return total_; }

 private:
  std::int64_t total_;
  std::int64_t need90_;
  bool open_;
  std::int64_t count_ = 0;
  Clearance c_;
};

ReplicationResult Replication::collect() {
  // Inspections started by now count, with their waits (people waiting at checkpoints too). The
  // people aboard vehicles still in a line have queued until now: in the person-hours, not in
  // the checkpoint's waits (of vehicles whose inspection started).
  for (auto& cs : checkpoints_) {
    advance_checkpoint_line(cs, now_);
    for (const auto& in : cs.line) count_queueing(in, now_);
  }
  // A hold that ends after the replication counts until the replication ends; so does a convoy
  // standing still with nothing to move it on again (stand()).
  for (std::uint32_t cv = 0; cv < convoys_.size(); ++cv) {
    if (!convoys_[cv].alive) continue;
    if (convoys_[cv].held_until > now_)
      count_held(cv, -(convoys_[cv].held_until - now_).to_hours());
    if (convoys_[cv].stood_since < now_)
      count_held(cv, (now_ - convoys_[cv].stood_since).to_hours());
  }
  for (std::uint32_t v = 0; v < vehicles_.size(); ++v) count_aboard(v);
  // The rows of inspections started by now whose convoy was not through.
  if (trace_) {
    std::stable_sort(inspected_.begin(), inspected_.end(),
                     [](const auto& a, const auto& b) { return a.in.start < b.in.start; });
    for (const auto& i : inspected_) write_inspection(i.convoy_id, i.place, i.in);
    inspected_.clear();
    // And of the vehicles still in a line, in its order: their people queued until the end.
    for (std::size_t k = 0; k < checkpoints_.size(); ++k) {
      for (const auto& in : checkpoints_[k].line) {
        trace("queueing", static_cast<std::int32_t>(in.op), convoys_[in.convoy].id, in.vehicle,
              static_cast<std::int32_t>(c_.checkpoints[k]), in.people,
              fmt::format("waited {}, not inspected", format_duration_exact(now_ - in.joined)));
      }
    }
  }
  ReplicationResult r;
  r.replication = replication_;
  r.events = events_;
  r.end_h = now_.since_start().to_hours();
  for (std::size_t k = 0; k < c_.curve_points; ++k) {
    r.curve_times_h.push_back(detail::curve_time(c_.options, k).to_hours());
  }
  const std::size_t ncat = s_.categories.size();
  // Clearance: one pass over the settlements (recorded in time order) for every total at once.
  std::int64_t all_leaving = 0;
  std::vector<ClearanceClock> op_clock, phase_clock, category_clock;
  std::vector<std::size_t> first_phase;  // of each operation, in phase_clock
  for (std::uint32_t o = 0; o < ops_.size(); ++o) {
    const CompiledOperation& co = c_.operations[o];
    all_leaving += co.leaving;
    op_clock.emplace_back(co.leaving);
    first_phase.push_back(phase_clock.size());
    for (std::size_t p = 0; p < co.phases.size(); ++p) {
      // A phase's people: those it boarded, or its target while it has not ended.
      const PhaseState& ps = ops_[o].phases[p];
      // A phase ended with people left whom no vehicle could carry is not cleared: they count.
      phase_clock.emplace_back(
          ps.ended && !ps.stranded ? ps.boarded : std::max(ps.boarded, co.phases[p].target));
    }
    for (std::size_t cat = 0; cat < ncat; ++cat)
      category_clock.emplace_back(co.category_leaving[cat]);
  }
  ClearanceClock all_clock(all_leaving);
  std::vector<std::int64_t> category_settled(category_clock.size(), 0);
  std::vector<std::int64_t> phase_settled(phase_clock.size(), 0);
  for (const auto& st : settles_) {
    all_clock.add(st.time, st.people);
    op_clock[st.op].add(st.time, st.people);
    if (st.phase >= 0) {
      const std::size_t p = first_phase[st.op] + static_cast<std::size_t>(st.phase);
      phase_clock[p].add(st.time, st.people);
      phase_settled[p] += st.people;
    }
    category_clock[st.op * ncat + st.category].add(st.time, st.people);
    category_settled[st.op * ncat + st.category] += st.people;
  }
  // Waiting: of those who departed, and of those still waiting at the end, until then (of their
  // phase where they are aboard; of none where they are not). And who is aboard, at the
  // gathering point or on the road, by category (for who was left, and why).
  std::vector<double> wait_ph;
  std::vector<double> unboarded_wait_ph;
  std::vector<double> category_wait_ph;  // [op * ncat + category]
  std::vector<std::vector<double>> phase_wait_ph;
  for (const auto& os : ops_) {
    wait_ph.push_back(os.wait_ph);
    unboarded_wait_ph.push_back(0);
    for (const Exposure& e : os.category_exposure) category_wait_ph.push_back(e.waiting);
    phase_wait_ph.emplace_back();
    for (const Exposure& e : os.phase_exposure) phase_wait_ph.back().push_back(e.waiting);
  }
  const Crowding beyond = rooms_ ? crowding() : Crowding{};
  std::vector<std::int64_t> aboard(category_clock.size(), 0);
  std::vector<std::int64_t> on_road(category_clock.size(), 0);
  for (const auto& hh : households_) {
    if (hh.state == HouseholdState::Waiting || hh.state == HouseholdState::Boarded) {
      const double waited = static_cast<double>(people_in(hh)) * (now_ - hh.arrival).to_hours();
      wait_ph[hh.op] += waited;
      category_wait_ph[hh.op * ncat + hh.category] += waited;
      if (hh.state == HouseholdState::Boarded) {
        phase_wait_ph[hh.op][static_cast<std::size_t>(hh.phase)] += waited;
      } else {
        unboarded_wait_ph[hh.op] += waited;
      }
    }
    if (hh.state == HouseholdState::Boarded) aboard[hh.op * ncat + hh.category] += people_in(hh);
    if (hh.state == HouseholdState::Departed || hh.state == HouseholdState::GoingBack)
      on_road[hh.op * ncat + hh.category] += people_in(hh);
  }
  bool all_in_ceasefire = true;
  const auto left_at = left_at_end(aboard, on_road);
  const auto& left = left_at.by_operation;
  for (std::uint32_t o = 0; o < ops_.size(); ++o) {
    const CompiledOperation& co = c_.operations[o];
    const OperationState& os = ops_[o];
    OperationResult res;
    res.leaving = co.leaving;
    res.stayed = co.stayed;
    res.arrived = os.arrived;
    res.sheltered = os.sheltered;
    res.removed = os.removed;
    res.killed = os.killed;
    res.injured = os.injured;
    res.turned_back = os.turned_back;
    res.not_cleared = co.leaving - os.settled;
    res.left_by_reason = left[o];
    // The trace ends with who was left and why (rows "left", detail the reason).
    for (std::size_t k = 0; k < kLeftReasons; ++k) {
      if (left[o][k] > 0)
        trace("left", static_cast<std::int32_t>(o), -1, -1, -1, left[o][k],
              left_reason_id(static_cast<LeftReason>(k)));
    }
    // Nobody leaves: nothing to clear, done at the start (a clock of zero people never runs).
    res.clearance = co.leaving > 0 ? op_clock[o].result() : Clearance{0, 0};
    for (std::size_t p = 0; p < co.phases.size(); ++p) {
      res.phases.push_back(phase_clock[first_phase[o] + p].result());
      res.phase_people.push_back(phase_clock[first_phase[o] + p].total());
    }
    // Those settled who were neither taken off nor killed arrived (counted so, not as they come).
    res.phase_outcomes = os.phase_outcomes;
    for (std::size_t p = 0; p < co.phases.size(); ++p) {
      Outcomes& x = res.phase_outcomes[p];
      x.arrived = phase_settled[first_phase[o] + p] - x.removed - x.killed;
    }
    res.category_outcomes = os.category_outcomes;
    for (std::size_t cat = 0; cat < ncat; ++cat) {
      Outcomes& x = res.category_outcomes[cat];
      x.arrived = category_settled[o * ncat + cat] - x.removed - x.killed;
    }
    res.category_exposure = os.category_exposure;
#ifdef MAMAR_INVARIANTS
    std::int64_t arrived_by_phase = 0;
    std::int64_t arrived_by_category = 0;
    for (const Outcomes& x : res.phase_outcomes) arrived_by_phase += x.arrived;
    for (const Outcomes& x : res.category_outcomes) arrived_by_category += x.arrived;
    if (arrived_by_phase != os.arrived || arrived_by_category != os.arrived)
      throw std::logic_error(fmt::format("arrivals by phase or category miscounted in operation {}",
                                         s_.operations[o].id));
#endif
    for (std::size_t cat = 0; cat < ncat; ++cat) {
      Exposure& e = res.category_exposure[cat];
      e.waiting = category_wait_ph[o * ncat + cat];
      // Where people of one category leave, theirs is the operation's (count_aboard() counts
      // nothing).
      if (!co.mixed && co.category_leaving[cat] > 0) {
        e.held = os.held_ph;
        e.queueing = os.queue_ph;
      }
    }
    res.phase_exposure = os.phase_exposure;
    for (std::size_t p = 0; p < co.phases.size(); ++p) {
      Exposure& e = res.phase_exposure[p];
      e.waiting = phase_wait_ph[o][p];
      // One phase: everyone aboard boarded in it (count_aboard() counts nothing).
      if (co.phases.size() == 1) {
        e.held = os.held_ph;
        e.queueing = os.queue_ph;
      }
    }
    res.unboarded_wait_person_hours = unboarded_wait_ph[o];
    res.category_leaving = co.category_leaving;
    for (std::size_t cat = 0; cat < ncat; ++cat) {
      res.categories.push_back(category_clock[o * ncat + cat].result());
      res.category_not_cleared.push_back(co.category_leaving[cat] -
                                         category_settled[o * ncat + cat]);
      res.category_left_by_reason.push_back(left_at.by_category[o * ncat + cat]);
    }
    res.wait_person_hours = wait_ph[o];
    res.held_person_hours = os.held_ph;
    res.outside_person_hours = rooms_ ? beyond.outside_person_hours[o] : 0;
    res.queue_person_hours = os.queue_ph;
    res.convoys = os.convoys;
    res.trips = os.trips;
    res.vehicles_lost = os.lost;
    if (os.convoys > 0) res.last_departure_h = os.last_departure.since_start().to_hours();
    double available = 0;
    double idle = 0;
    for (const auto& v : vehicles_) {
      if (v.op != o || c_.types[v.type].private_car || c_.types[v.type].escort ||
          v.active_from.is_infinite())
        continue;
      const SimTime end = std::min(v.active_to, now_);
      available += static_cast<double>((end - v.active_from).count_ms());
      idle +=
          v.idle_ms +
          (v.idle_since.is_infinite() ? 0.0 : static_cast<double>((end - v.idle_since).count_ms()));
    }
    res.utilisation = available > 0 ? 1.0 - idle / available : 0;
    if (!co.ceasefire_end.is_infinite())
      res.ceasefire_end_h = co.ceasefire_end.since_start().to_hours();
    res.finished_in_ceasefire = cleared_by(res.clearance, res.ceasefire_end_h);
    all_in_ceasefire = all_in_ceasefire && res.finished_in_ceasefire;
    res.inside = std::move(inside_[o]);
    res.in_transit = std::move(transit_[o]);
    res.out = std::move(out_[o]);
    r.operations.push_back(std::move(res));
  }
  r.clearance = all_leaving > 0 ? all_clock.result() : Clearance{0, 0};
  r.finished_in_ceasefire = all_in_ceasefire;
  for (std::size_t i = 0; i < c_.checkpoints.size(); ++i) {
    const CheckpointState& cs = checkpoints_[i];
    const std::uint32_t place = c_.checkpoints[i];
    CheckpointResult cr;
    cr.place = static_cast<std::int32_t>(place);
    cr.vehicles = cs.vehicles;
    cr.mean_wait_min =
        cs.vehicles > 0 ? cs.wait_sum_ms / static_cast<double>(cs.vehicles) / 60e3 : 0;
    cr.max_wait_min = cs.wait_max_ms / 60e3;
    const double span = static_cast<double>((now_ - SimTime::from(c_.options.warmup)).count_ms());
    cr.mean_queue = span > 0 ? cs.queue_area / span : 0;
    cr.max_queue = cs.max_queue;
    cr.holds = cs.holds;
    r.checkpoints.push_back(cr);
  }
  for (std::size_t i = 0; i < gathering_places_.size(); ++i) {
    const std::uint32_t gp = gathering_places_[i];
    GatheringPointResult g;
    g.place = static_cast<std::int32_t>(gp);
    g.peak_waiting = crowds_[gp].peak;
    if (g.peak_waiting > 0) g.peak_at_h = crowds_[gp].peak_at.since_start().to_hours();
    if (rooms_) g.over_capacity_h = beyond.over_capacity_h[gp];
    g.waiting = std::move(waiting_curve_[i]);
    r.gathering_points.push_back(std::move(g));
  }
  for (std::size_t l = 0; l < c_.linkages.size(); ++l) {
    LinkageResult lr;
    lr.parity = std::move(parity_[l]);
    for (auto o : c_.linkages[l].operations) lr.operations.push_back(static_cast<std::int32_t>(o));
    for (const SimTime t : tranche_done_[l])
      lr.tranche_done_h.push_back(t.is_infinite() ? std::nan("") : t.since_start().to_hours());
    r.linkages.push_back(std::move(lr));
  }
  return r;
}

}  // namespace

namespace {
const RunOptions& checked(const RunOptions& options) {
  if (options.horizon <= Duration{})
    throw std::invalid_argument("the simulation horizon must be longer than zero");
  return options;
}
}  // namespace

Engine::Engine(const model::Scenario& scenario, RunOptions options)
    : compiled_(std::make_unique<const Compiled>(detail::compile(scenario, checked(options)))) {}

Engine::~Engine() = default;

ReplicationResult Engine::run(std::uint64_t seed, std::uint64_t replication,
                              const TraceSink& trace) const {
  Replication r(*compiled_, seed, replication, trace);
  try {
    return r.run();
  } catch (const std::logic_error& e) {
    // An internal error (an invariant broken): which replication, so that it can be run again.
    throw std::logic_error(
        fmt::format("{} (seed {}, replication {})", e.what(), seed, replication));
  }
}

std::vector<std::int64_t> Engine::queue_operations(std::uint64_t seed,
                                                   std::uint64_t replication) const {
  std::vector<std::int64_t> log;
  const TraceSink no_trace;
  Replication r(*compiled_, seed, replication, no_trace);
  r.record_queue(&log);
  (void)r.run();
  return log;
}

const model::Scenario& Engine::scenario() const {
  return *compiled_->scenario;
}
const RunOptions& Engine::options() const {
  return compiled_->options;
}

}  // namespace mamar::sim
