// Test support: synthetic replication results shaped after any scenario, for testing the
// Monte Carlo fold and the result formats without the engine. Deterministic in the replication
// index; header-only.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "mamar/model/scenario.hpp"
#include "mamar/sim/engine.hpp"

namespace mamar::testing {

/// A uniform number in [0, 1) from an index and a salt (splitmix64).
inline double synthetic_uniform(std::uint64_t i, std::uint64_t salt) {
  std::uint64_t z =
      i * 0x9E3779B97F4A7C15ULL + salt * 0xBF58476D1CE4E5B9ULL + 0x94D049BB133111EBULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) * 0x1.0p-53;
}

/// Replication `i` of `s`: every operation clears at a steady rate in 10–30 h (one replication
/// in 20 leaves 10% behind), curves hourly to 48 h, every checkpoint of every route sees traffic,
/// linkages report the share moved of each tied operation.
inline sim::ReplicationResult synthetic_replication(const model::Scenario& s, std::uint64_t i) {
  sim::ReplicationResult r;
  r.replication = i;
  const bool stuck = i % 20 == 3;
  const int hours = 48;
  for (int h = 0; h <= hours; ++h) r.curve_times_h.push_back(h);
  double overall_t100 = 0;
  double overall_t90 = 0;
  for (std::size_t o = 0; o < s.operations.size(); ++o) {
    const auto& op = s.operations[o];
    sim::OperationResult res;
    res.leaving = op.people_leaving();
    const double leaving = static_cast<double>(res.leaving);
    const double t100 = 10 + 20 * synthetic_uniform(i, 10 + o);
    const double cap = stuck ? 0.9 * leaving : leaving;
    res.clearance = {0.9 * t100, stuck ? sim::kNotReached : t100};
    for (std::size_t p = 0; p < op.phases.size(); ++p) {
      const double share = static_cast<double>(p + 1) / static_cast<double>(op.phases.size());
      res.phases.push_back({0.9 * share * t100,
                            stuck && p + 1 == op.phases.size() ? sim::kNotReached : share * t100});
    }
    res.categories.resize(s.categories.size());
    res.category_leaving.assign(s.categories.size(), 0);
    for (const auto& g : op.population) {
      res.category_leaving[g.category.idx()] +=
          std::llround(static_cast<double>(g.people) * g.willing);
      res.categories[g.category.idx()] = res.clearance;
    }
    res.arrived = static_cast<std::int64_t>(cap);
    res.not_cleared = res.leaving - res.arrived;
    // Those not out: of each category by its share of the leaving, the rest in the last.
    res.category_not_cleared.assign(s.categories.size(), 0);
    std::int64_t shared = 0;
    for (std::size_t c = 0; c < s.categories.size() && res.leaving > 0; ++c) {
      res.category_not_cleared[c] = res.not_cleared * res.category_leaving[c] / res.leaving;
      shared += res.category_not_cleared[c];
    }
    for (std::size_t c = s.categories.size(); c-- > 0;) {
      if (res.category_leaving[c] > 0) {
        res.category_not_cleared[c] += res.not_cleared - shared;
        break;
      }
    }
    // A quarter of those not out on the road, the rest waiting for transport; by category, those
    // on the road are of the first categories.
    constexpr auto kRoad = static_cast<std::size_t>(sim::LeftReason::OnTheRoad);
    constexpr auto kAwaiting = static_cast<std::size_t>(sim::LeftReason::AwaitingTransport);
    res.left_by_reason[kRoad] = res.not_cleared / 4;
    res.left_by_reason[kAwaiting] = res.not_cleared - res.not_cleared / 4;
    res.category_left_by_reason.assign(s.categories.size(), {});
    std::int64_t road = res.left_by_reason[kRoad];
    for (std::size_t c = 0; c < s.categories.size(); ++c) {
      auto& reasons = res.category_left_by_reason[c];
      reasons[kRoad] = std::min(road, res.category_not_cleared[c]);
      reasons[kAwaiting] = res.category_not_cleared[c] - reasons[kRoad];
      road -= reasons[kRoad];
    }
    res.removed = static_cast<std::int64_t>(std::floor(3 * synthetic_uniform(i, 20 + o)));
    res.wait_person_hours = leaving * t100 / 3;
    // Beyond the gathering point's capacity, where it has one: a share of the waiting.
    const model::Ref& gp = s.operations[o].gathering_point;
    if (gp.resolved() && s.places[gp.idx()].capacity)
      res.outside_person_hours = res.wait_person_hours * synthetic_uniform(i, 60 + o);
    res.held_person_hours = 100 * synthetic_uniform(i, 30 + o);
    res.queue_person_hours = 50 * synthetic_uniform(i, 40 + o);
    // By phase, shared evenly: held and queueing, and the waiting but for a tenth, that of those
    // still waiting at the end (of no phase).
    res.unboarded_wait_person_hours = res.wait_person_hours / 10;
    const auto phases = static_cast<double>(op.phases.size());
    for (std::size_t p = 0; p < op.phases.size(); ++p) {
      res.phase_exposure.push_back({0.9 * res.wait_person_hours / phases,
                                    res.held_person_hours / phases,
                                    res.queue_person_hours / phases});
    }
    res.convoys = 5 + static_cast<std::int64_t>(i % 3);
    res.trips = 20 + static_cast<std::int64_t>(i % 7);
    res.utilisation = 0.4 + 0.4 * synthetic_uniform(i, 50 + o);
    res.finished_in_ceasefire = !stuck && t100 < 25;
    for (int h = 0; h <= hours; ++h) {
      const double out = std::min(cap, leaving * h / t100);
      const double transit = out < cap ? std::min(50.0, leaving - out) : 0;
      res.out.push_back(out);
      res.in_transit.push_back(transit);
      res.inside.push_back(leaving - out - transit);
    }
    overall_t100 = std::max(overall_t100, res.clearance.t100_h);
    overall_t90 = std::max(overall_t90, res.clearance.t90_h);
    if (stuck) overall_t100 = sim::kNotReached;
    r.operations.push_back(std::move(res));
  }
  r.clearance = {overall_t90, stuck ? sim::kNotReached : overall_t100};
  r.finished_in_ceasefire = std::all_of(r.operations.begin(), r.operations.end(),
                                        [](const auto& o) { return o.finished_in_ceasefire; });
  for (std::size_t p = 0; p < s.places.size(); ++p) {
    if (s.places[p].kind != model::PlaceKind::Checkpoint) continue;
    sim::CheckpointResult cp;
    cp.place = static_cast<std::int32_t>(p);
    cp.vehicles = 20 + static_cast<std::int64_t>(i % 5);
    cp.mean_wait_min = 5 + 20 * synthetic_uniform(i, 60 + p);
    cp.max_wait_min = 3 * cp.mean_wait_min;
    cp.mean_queue = 2 * synthetic_uniform(i, 70 + p);
    cp.max_queue = 4 + static_cast<std::int64_t>(i % 3);
    cp.holds = i % 4 == 0 ? 1 : 0;
    r.checkpoints.push_back(cp);
  }
  for (const auto& l : s.agreement.linkages) {
    sim::LinkageResult lr;
    if (l.kind == model::LinkageKind::Ratio) {
      lr.operations = {l.lead.index, l.follow.index};
    } else {
      for (const auto& tranche : l.tranches) {
        for (const auto& t : tranche) {
          if (std::find(lr.operations.begin(), lr.operations.end(), t.operation.index) ==
              lr.operations.end()) {
            lr.operations.push_back(t.operation.index);
          }
        }
      }
    }
    for (auto op : lr.operations) {
      const auto& res = r.operations[static_cast<std::size_t>(op)];
      std::vector<double> share;
      for (double v : res.out)
        share.push_back(res.leaving > 0 ? v / static_cast<double>(res.leaving) : 0);
      lr.parity.push_back(std::move(share));
    }
    r.linkages.push_back(std::move(lr));
  }
  r.end_h = stuck ? hours : overall_t100;
  r.events = 1000 + i % 100;
  return r;
}

}  // namespace mamar::testing
