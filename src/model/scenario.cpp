#include "mamar/model/scenario.hpp"

#include <cmath>

namespace mamar::model {

std::optional<double> Route::length_m() const {
  double total = 0;
  for (const auto& leg : legs) {
    if (!leg.length_m) return std::nullopt;
    total += *leg.length_m;
  }
  return total;
}

std::int64_t Operation::people_leaving() const {
  std::int64_t total = 0;
  for (const auto& g : population) total += std::llround(static_cast<double>(g.people) * g.willing);
  return total;
}

ConvoyRules Operation::convoy_rules(const ConvoyRules& agreement) const {
  if (!convoy) return agreement;
  const ConvoyRules& own = *convoy;
  ConvoyRules rules = agreement;
  if (own.given.min_vehicles) rules.min_vehicles = own.min_vehicles;
  if (own.given.max_vehicles) rules.max_vehicles = own.max_vehicles;
  if (own.given.max_wait) rules.max_wait = own.max_wait;
  if (own.given.headway) rules.headway = own.headway;
  if (own.given.escort) {
    rules.escorts = own.escorts;
    rules.escorts_listed = own.escorts_listed;
  }
  return rules;
}

}  // namespace mamar::model
