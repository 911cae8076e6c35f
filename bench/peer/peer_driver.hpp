// What the two programs that run the peer model share (mamar_reference.cpp, floor_reference.cpp):
// their command line, and the loop that runs the replications, times them and prints their
// clearance times, so that the two are called and timed alike.
#pragma once

#include <fmt/format.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "bench_args.hpp"

namespace mamar::bench {

struct PeerArgs {
  std::string path;
  std::uint64_t replications = 100;
  std::uint64_t seed = 1;
  std::uint64_t first = 0;  // index of the first replication
  bool timing = false;      // --time
  bool deliveries = false;  // --deliveries: each unloading of replication `first`, not clearances
};

/// Reads `PROGRAM SCENARIO [--replications R] [--seed S] [--first K] [--time] [--deliveries]`;
/// prints the usage and gives nothing for anything else.
inline std::optional<PeerArgs> parse_peer_args(int argc, char** argv, std::string_view program) {
  PeerArgs args;
  auto usage = [&]() -> std::optional<PeerArgs> {
    fmt::print(stderr,
               "usage: {} SCENARIO [--replications R] [--seed S] [--first K] [--time] "
               "[--deliveries]\n",
               program);
    return std::nullopt;
  };
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    std::uint64_t* target = nullptr;
    if (a == "--replications")
      target = &args.replications;
    else if (a == "--seed")
      target = &args.seed;
    else if (a == "--first")
      target = &args.first;
    else if (a == "--time")
      args.timing = true;
    else if (a == "--deliveries")
      args.deliveries = true;
    else if (!a.empty() && a[0] != '-' && args.path.empty())
      args.path = a;
    else
      return usage();
    if (target && (++i == argc || !parse_u64(argv[i], *target))) return usage();
  }
  if (args.path.empty()) return usage();
  return args;
}

/// Runs `clearance_h(r)` (the clearance time in hours of replication r, NaN when not reached) for
/// each replication asked for, then prints them one per line ("nan" for NaN), and with --time the
/// wall time per replication of that loop alone on standard error ("seconds_per_replication S").
template <class Clearance>
void run_peer_replications(const PeerArgs& args, Clearance&& clearance_h) {
  std::string out;
  out.reserve(static_cast<std::size_t>(args.replications) * 12);
  const auto t0 = std::chrono::steady_clock::now();
  for (std::uint64_t r = args.first; r < args.first + args.replications; ++r)
    out += fmt::format("{:.6f}\n", clearance_h(r));
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - t0;
  std::fputs(out.c_str(), stdout);
  if (args.timing) {
    fmt::print(
        stderr, "seconds_per_replication {:.9g}\n",
        elapsed.count() / static_cast<double>(args.replications > 0 ? args.replications : 1));
  }
}

}  // namespace mamar::bench
