// Random streams for the simulator: reproducible, independent, and the same across variants.
//
// Every source of randomness in a run (a road leg's travel time, a checkpoint's inspections, a
// risk's incidents ...) draws from its own RandomStream, identified by a stable name. A stream's
// state depends only on (scenario seed, replication index, stream id), never on the order in
// which streams are created or on what other streams have drawn. So two "what if" variants of a
// scenario run with the same seed see the same random numbers wherever their models agree: the
// common-random-numbers technique, which makes the difference between variants far less noisy
// than the variants themselves.
//
// The generator is xoshiro256++ (Blackman and Vigna, 2019; period 2^256 - 1), its state filled
// by SplitMix64 from a hash of the three identifiers. Every draw is computed here from the raw
// 64-bit words (no std::*_distribution, whose output differs between standard libraries), so a
// run gives the same numbers with any compiler and library.
//
// A RandomStream is a plain value: copying it copies its position, so both copies then produce
// the same numbers. It is not safe to draw from one stream in several threads at once.
#pragma once

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <string_view>

namespace mamar::sim {

/// SplitMix64's finalizer (Stafford's "Mix13"): a bijection on 64-bit words that spreads every
/// input bit over the whole output.
constexpr std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// The id of a named stream: FNV-1a 64 of the bytes, then mix64. Stable across platforms and
/// releases (changing it would change every run's numbers). By convention the name says what
/// draws from the stream, most general part first, separated by ':' — "leg:aleppo-out:2",
/// "checkpoint:ramouseh:inspection", "risk:shelling:interval".
/// Example: `RandomStream rng(seed, replication, stream_id("leg:aleppo-out:2"));`
constexpr std::uint64_t stream_id(std::string_view name) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return mix64(h);
}

/// One independent stream of random numbers and the draws the simulator needs from it.
class RandomStream {
 public:
  /// The stream `stream` of replication `replication` of a run seeded with `seed`.
  RandomStream(std::uint64_t seed, std::uint64_t replication, std::uint64_t stream);
  /// The same, naming the stream (see stream_id()).
  RandomStream(std::uint64_t seed, std::uint64_t replication, std::string_view stream_name)
      : RandomStream(seed, replication, stream_id(stream_name)) {}

  /// A generator started from a raw xoshiro256++ state (not all zero); for testing against the
  /// reference implementation.
  static RandomStream from_state(const std::array<std::uint64_t, 4>& state);

  /// The next 64 random bits (xoshiro256++).
  std::uint64_t next_u64() {
    const std::uint64_t result = std::rotl(s_[0] + s_[3], 23) + s_[0];
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = std::rotl(s_[3], 45);
    return result;
  }

  /// Uniform on the open interval (0, 1): one of the 2^53 midpoints (k + 0.5) / 2^53, so never
  /// 0 or 1 and safe to take the logarithm of.
  double uniform() { return (static_cast<double>(next_u64() >> 11) + 0.5) * 0x1.0p-53; }
  /// Uniform on (a, b).
  double uniform(double a, double b) { return a + (b - a) * uniform(); }
  /// Exponential with the given mean (inversion: one uniform per draw).
  double exponential(double mean) { return -mean * std::log(uniform()); }
  /// Standard normal, by Marsaglia's polar method; every second call returns the cached spare.
  double normal();
  /// Gamma with the given shape (>= 1) and scale 1, by Marsaglia and Tsang's method (2000): the
  /// sum of `shape` exponentials of mean 1 when shape is whole, in one draw.
  double gamma(double shape);
  /// Normal with the given mean and standard deviation.
  double normal(double mean, double sd) { return mean + sd * normal(); }
  /// True with probability p (p <= 0: never; p >= 1: always).
  bool bernoulli(double p) { return uniform() < p; }
  /// Uniform on {0, ..., n-1} without modulo bias (Lemire's multiply-and-reject). Requires n > 0.
  std::uint64_t uniform_index(std::uint64_t n);
  /// Binomial(n, p): successes in n trials. Exact (inversion) while n*min(p, 1-p) < 30; above,
  /// the normal approximation with continuity correction, clamped to [0, n], whose error is
  /// then small next to the uncertainty of the inputs.
  std::int64_t binomial(std::int64_t n, double p);
  /// binomial(n, p) where it is exact by inversion (0 < p <= 0.5, n p below kExactCountMean),
  /// given the first term of its search, exp(n log1p(-p)): the same draw from the same numbers,
  /// for a caller that draws often with one p and keeps that term for each n.
  std::int64_t binomial_by_inversion(std::int64_t n, double p, double first_term);
  /// Poisson with the given mean. Exact (inversion) for mean < 30; above, the normal
  /// approximation with continuity correction, clamped to >= 0.
  std::int64_t poisson(double mean);

  /// Below this mean binomial() and poisson() are exact.
  static constexpr double kExactCountMean = 30;

 private:
  RandomStream() = default;

  std::array<std::uint64_t, 4> s_{};
  double spare_normal_ = 0;
  bool has_spare_normal_ = false;
};

inline std::uint64_t RandomStream::uniform_index(std::uint64_t n) {
  __extension__ typedef unsigned __int128 Wide;
  Wide m = static_cast<Wide>(next_u64()) * n;
  auto low = static_cast<std::uint64_t>(m);
  if (low < n) {
    // Reject the 2^64 mod n products that would make the smallest results more likely.
    const std::uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      m = static_cast<Wide>(next_u64()) * n;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

}  // namespace mamar::sim
