// floor_reference: the peer reference model (bench/peer/reference_model.yaml) written by hand in
// plain C++ for that one model, as a programmer would write it who needed nothing else: each bus a
// small state machine, one std::priority_queue of (time, sequence, bus), a FIFO of buses for the
// bay and one for each checkpoint's lanes. None of mamar's engine is used (only its scenario loader
// to read the parameters, and its RandomStream to draw): it shows what a plain program of the model
// costs on this machine, and so how near that program a general engine would have to come for the
// goal "mamar at least 100x faster than SimPy". bench/peer/run_peer_bench.sh times it beside SimPy
// and mamar; tests/peer/compare_simpy.py checks that it simulates the same model (the same
// clearance time to the millisecond in the deterministic variants, the same distribution in the
// stochastic one).
//
//   floor_reference SCENARIO [--replications R] [--seed S] [--first K] [--time]
//
// Prints, as mamar_reference does, the clearance time in hours of each replication (the time the
// last person got off; "nan" if the buses stop with people left), one per line; --time also prints
// the wall time per replication (seconds) to standard error, measured around the replication loop
// only. The semantics are those listed in reference_model.py; a scenario of another shape than the
// model's (more operations, risks, a return route, households of more than one ...) is refused.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <optional>
#include <queue>
#include <stdexcept>
#include <string>
#include <vector>

#include "mamar/model/load.hpp"
#include "mamar/sim/random.hpp"
#include "peer_driver.hpp"

namespace {

using mamar::model::Distribution;
using mamar::model::DistributionKind;
using mamar::sim::RandomStream;

// A duration distribution in milliseconds, of the kinds reference_model.py knows.
struct Draw {
  DistributionKind kind = DistributionKind::Fixed;
  double a = 0, b = 0, c = 0;

  static Draw of(const Distribution& d) {
    switch (d.kind) {
      case DistributionKind::Fixed:
      case DistributionKind::Uniform:
      case DistributionKind::Triangular:
      case DistributionKind::Exponential:
        return {d.kind, d.a, d.b, d.c};
      default:
        throw std::invalid_argument(
            "a distribution other than fixed, uniform, triangular or exponential");
    }
  }
  double raw(RandomStream& rng) const {
    switch (kind) {
      case DistributionKind::Uniform:
        return rng.uniform(a, b);
      case DistributionKind::Triangular: {  // min a, mode b, max c, by its inverse
        const double u = rng.uniform();
        const double split = (b - a) / (c - a);
        return u < split ? a + std::sqrt(u * (c - a) * (b - a))
                         : c - std::sqrt((1 - u) * (c - a) * (c - b));
      }
      case DistributionKind::Exponential:
        return rng.exponential(a);
      default:
        return a;
    }
  }
  // One draw, in whole milliseconds.
  std::int64_t one(RandomStream& rng) const { return std::llround(raw(rng)); }
  // The sum of n draws, rounded once; that of exponentials drawn as one Gamma(n).
  std::int64_t sum(std::int64_t n, RandomStream& rng) const {
    if (n <= 0) return 0;
    if (kind == DistributionKind::Fixed) return std::llround(a * static_cast<double>(n));
    if (kind == DistributionKind::Exponential && n > 1)
      return std::llround(a * rng.gamma(static_cast<double>(n)));
    double total = 0;
    for (std::int64_t i = 0; i < n; ++i) total += raw(rng);
    return std::llround(total);
  }
};

struct Checkpoint {
  int lanes = 1;
  Draw loaded, empty;
};

// A stretch of a trip: a drive, then the checkpoint at its end (-1: none).
struct Stretch {
  Draw drive;
  int checkpoint = -1;
};

struct Model {
  std::int64_t people = 0;
  int buses = 0;
  std::int64_t seats = 0;
  Draw boarding, unloading;
  std::vector<Checkpoint> checkpoints;
  std::vector<Stretch> out, back;
};

[[noreturn]] void refuse(const std::string& what) {
  throw std::invalid_argument("not a scenario the peer model can run: " + what);
}

Model read_model(const mamar::model::Scenario& s) {
  if (s.operations.size() != 1) refuse("exactly one operation");
  const auto& op = s.operations[0];
  if (op.population.size() != 1) refuse("exactly one population group");
  const auto& group = op.population[0];
  if (!group.household_size.is_fixed() || group.household_size.a != 1 || group.willing != 1)
    refuse("households of 1, everyone willing");
  if (!group.arrival.is_fixed() || group.arrival.a != 0)
    refuse("everyone at the gathering point at time 0");
  if (op.fleet.size() != 1) refuse("exactly one fleet batch");
  const auto& batch = op.fleet[0];
  if (batch.start && batch.start->idx() != op.gathering_point.idx())
    refuse("buses start at the gathering point");
  if (batch.available || batch.until || batch.approach)
    refuse("buses there from the start to the end, with no approach route");
  if (op.return_route) refuse("the way back is the route reversed");
  if (!s.risks.empty() || !s.events.empty()) refuse("no risks or events");
  if (op.phases.size() > 1 || !s.agreement.linkages.empty()) refuse("no phases or linkages");
  const auto& ceasefire = s.ceasefire_of(op);
  if (ceasefire.size() != 1 || ceasefire[0].to ||
      ceasefire[0].from.instant != s.agreement.start.instant || !s.movement_hours_of(op).empty())
    refuse("one ceasefire from the start with no end, no movement hours");
  const auto rules = op.convoy_rules(s.agreement.convoy);
  if (rules.min_vehicles != 1 || rules.max_vehicles != 1 || rules.max_wait ||
      rules.headway.count_ms() != 0 || !rules.escorts.empty())
    refuse("convoys of exactly one vehicle, without escorts, waits or headway");
  if (s.vehicle_types[batch.type.idx()].stretchers != 0 ||
      group.stretcher_share.value_or(s.categories[group.category.idx()].stretcher_share) > 0)
    refuse("no stretcher places or patients");
  const auto& gp = s.places[op.gathering_point.idx()];
  if (gp.bays != 1) refuse("one loading bay");
  const auto& dest = s.places[op.destination.idx()];
  if (dest.unloading_bays) refuse("unlimited unloading bays");

  Model m;
  m.people = group.people;
  m.buses = batch.count;
  m.seats = s.vehicle_types[batch.type.idx()].seats;
  m.boarding = Draw::of(gp.boarding_time);
  m.unloading = Draw::of(dest.unloading_time);
  std::vector<int> slot(s.places.size(), -1);  // a place's checkpoint, if it is one
  for (std::size_t p = 0; p < s.places.size(); ++p) {
    const auto& place = s.places[p];
    if (place.kind != mamar::model::PlaceKind::Checkpoint) continue;
    slot[p] = static_cast<int>(m.checkpoints.size());
    m.checkpoints.push_back({place.lanes, Draw::of(place.inspection),
                             Draw::of(place.empty_inspection.value_or(place.inspection))});
  }
  const auto& legs = s.routes[op.route.idx()].legs;
  for (std::size_t k = 0; k < legs.size(); ++k)  // no stop at the destination
    m.out.push_back({Draw::of(legs[k].time), k + 1 < legs.size() ? slot[legs[k].to.idx()] : -1});
  for (std::size_t k = legs.size(); k-- > 0;)  // none at the gathering point
    m.back.push_back({Draw::of(legs[k].time), k > 0 ? slot[legs[k].from.idx()] : -1});
  return m;
}

// One replication: the clearance time in milliseconds, or none if the buses stop with people left.
class Replication {
 public:
  Replication(const Model& m, RandomStream rng) : m_(m), rng_(rng) {
    waiting_ = m.people;
    bus_.resize(static_cast<std::size_t>(m.buses));
    for (const auto& c : m.checkpoints) lanes_free_.push_back(c.lanes);
    lines_.resize(m.checkpoints.size());
  }

  std::optional<std::int64_t> run() {
    for (int b = 0; b < m_.buses; ++b) to_bay(b);
    while (!events_.empty()) {
      const Event e = events_.top();
      events_.pop();
      now_ = e.time;
      if (step(e.bus)) return now_;
    }
    return std::nullopt;
  }

 private:
  enum class Stage { Boarding, Driving, Inspected, Unloading };
  struct Bus {
    Stage stage = Stage::Boarding;
    bool back = false;   // driving back empty
    std::size_t at = 0;  // its stretch of the trip
    std::int64_t aboard = 0;
  };
  struct Event {
    std::int64_t time;
    std::uint64_t seq;  // ties come out in the order they were scheduled
    int bus;
    bool operator>(const Event& o) const { return time != o.time ? time > o.time : seq > o.seq; }
  };

  void at(std::int64_t delay, int b) { events_.push({now_ + delay, seq_++, b}); }

  // The bus asks for the bay; it boards at once if the bay is free.
  void to_bay(int b) {
    if (bay_busy_) {
      bay_line_.push_back(b);
    } else {
      bay_busy_ = true;
      board(b);
    }
  }
  void free_bay() {
    if (bay_line_.empty()) {
      bay_busy_ = false;
      return;
    }
    const int next = bay_line_.front();
    bay_line_.pop_front();
    board(next);
  }
  // At the bay: everyone who fits boards, for the sum of their boarding times; with nobody left
  // the bus gives the bay up and stays.
  void board(int b) {
    if (waiting_ == 0) {
      free_bay();
      return;
    }
    Bus& bus = bus_[static_cast<std::size_t>(b)];
    bus.aboard = std::min(m_.seats, waiting_);
    waiting_ -= bus.aboard;
    bus.stage = Stage::Boarding;
    at(m_.boarding.sum(bus.aboard, rng_), b);
  }
  void drive(int b, bool back, std::size_t stretch) {
    Bus& bus = bus_[static_cast<std::size_t>(b)];
    bus.stage = Stage::Driving;
    bus.back = back;
    bus.at = stretch;
    at((back ? m_.back : m_.out)[stretch].drive.one(rng_), b);
  }
  void inspect(int b, int cp) {
    Bus& bus = bus_[static_cast<std::size_t>(b)];
    const Checkpoint& c = m_.checkpoints[static_cast<std::size_t>(cp)];
    bus.stage = Stage::Inspected;
    at((bus.back ? c.empty : c.loaded).one(rng_), b);
  }
  // The bus is at the end of its stretch: on to the next.
  void next_stretch(int b) {
    Bus& bus = bus_[static_cast<std::size_t>(b)];
    const auto& trip = bus.back ? m_.back : m_.out;
    if (bus.at + 1 < trip.size()) {
      drive(b, bus.back, bus.at + 1);
    } else if (!bus.back) {
      bus.stage = Stage::Unloading;
      at(m_.unloading.sum(bus.aboard, rng_), b);
    } else {
      to_bay(b);
    }
  }

  // Runs the bus's event; true once everyone has got off.
  bool step(int b) {
    Bus& bus = bus_[static_cast<std::size_t>(b)];
    switch (bus.stage) {
      case Stage::Boarding:
        free_bay();
        drive(b, false, 0);
        return false;
      case Stage::Driving: {
        const int cp = (bus.back ? m_.back : m_.out)[bus.at].checkpoint;
        if (cp < 0) {
          next_stretch(b);
        } else if (lanes_free_[static_cast<std::size_t>(cp)] > 0) {
          --lanes_free_[static_cast<std::size_t>(cp)];
          inspect(b, cp);
        } else {
          lines_[static_cast<std::size_t>(cp)].push_back(b);
        }
        return false;
      }
      case Stage::Inspected: {
        const auto cp = static_cast<std::size_t>((bus.back ? m_.back : m_.out)[bus.at].checkpoint);
        auto& line = lines_[cp];
        if (line.empty()) {
          ++lanes_free_[cp];
        } else {
          const int next = line.front();
          line.pop_front();
          inspect(next, static_cast<int>(cp));
        }
        next_stretch(b);
        return false;
      }
      case Stage::Unloading:
        arrived_ += bus.aboard;
        bus.aboard = 0;
        if (arrived_ == m_.people) return true;
        drive(b, true, 0);
        return false;
    }
    return false;
  }

  const Model& m_;
  RandomStream rng_;
  std::int64_t now_ = 0;
  std::uint64_t seq_ = 0;
  std::priority_queue<Event, std::vector<Event>, std::greater<>> events_;
  std::vector<Bus> bus_;
  std::int64_t waiting_ = 0;
  std::int64_t arrived_ = 0;
  bool bay_busy_ = false;
  std::deque<int> bay_line_;
  std::vector<int> lanes_free_;
  std::vector<std::deque<int>> lines_;
};

}  // namespace

int main(int argc, char** argv) {
  const auto args = mamar::bench::parse_peer_args(argc, argv, "floor_reference");
  if (!args) return 2;
  if (args->deliveries) {
    fmt::print(stderr, "floor_reference: --deliveries is mamar_reference's only\n");
    return 2;
  }

  auto loaded = mamar::model::load_scenario_file(args->path);
  if (!loaded.scenario) {
    fmt::print(stderr, "{}: the scenario has errors (mamar check tells them)\n", args->path);
    return 1;
  }
  Model model;
  try {
    model = read_model(*loaded.scenario);
  } catch (const std::invalid_argument& e) {
    fmt::print(stderr, "{}: {}\n", args->path, e.what());
    return 1;
  }

  mamar::bench::run_peer_replications(*args, [&](std::uint64_t r) {
    const auto clearance = Replication(model, RandomStream(args->seed, r, "floor")).run();
    return clearance ? static_cast<double>(*clearance) / 3600e3 : std::nan("");
  });
  return 0;
}
