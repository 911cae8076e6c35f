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

}  // namespace mamar::model
