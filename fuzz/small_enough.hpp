// Whether a scenario is small enough for a fuzzer to run many times a second: large ones add
// nothing the small ones do not reach.
#pragma once

#include <algorithm>
#include <cstdint>

#include "mamar/model/scenario.hpp"

namespace mamar::fuzz {

inline bool small_enough(const model::Scenario& s, std::int64_t max_people,
                         std::int64_t max_vehicles) {
  std::int64_t people = 0;
  std::int64_t vehicles = 0;
  for (const auto& op : s.operations) {
    for (const auto& g : op.population) people += std::max<std::int64_t>(g.people, 0);
    for (const auto& b : op.fleet) vehicles += std::max(b.count, 0);
  }
  return people <= max_people && vehicles <= max_vehicles;
}

}  // namespace mamar::fuzz
