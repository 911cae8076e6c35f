// Benchmarks of the simulation kernel: the pending-event set and two styles of model code.
//
//   Hold/<arity>/<N>            the classic HOLD model: N pending events; pop the earliest and
//                               push it back at now + exponential(mean 1e6 ms), drawn live.
//   HoldQueueOnly/<arity>/<N>   the same with the increments drawn beforehand, so only the
//                               queue is timed.
//   HoldTaking/<arity>/<N>      Hold as the engine drives its queue: start_pop() the earliest,
//                               and its push takes its place (one pass down the heap).
//   Replay/<arity>              replays an event-queue trace recorded from the engine: the file
//                               named by MAMAR_QUEUE_TRACE, one operation a line, "p <time_ms>"
//                               for a push and "o" for a pop. Skipped when the variable is unset.
//   MM1StateMachine, MM1Coroutines
//                               the same M/M/1 queue (Poisson arrivals, exponential service, one
//                               server, 1,000,000 customers) written as an event-type switch and
//                               as C++20 coroutine processes. Both must give the same mean wait,
//                               within 5% of the formula, or the benchmark reports an error.
//
// Items per second are events per second (one pop and one push each for HOLD; one operation for
// Replay; one event taken from the queue for M/M/1). Run:
//   ./build/bench/kernel_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <charconv>
#include <cmath>
#include <coroutine>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <exception>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "mamar/sim/event_queue.hpp"
#include "mamar/sim/random.hpp"
#include "mamar/sim/sim_time.hpp"

namespace mamar::sim {
namespace {

constexpr std::uint64_t kSeed = 1;

// ---------------------------------------------------------------------------------------------
// HOLD

struct HoldPayload {
  std::uint32_t id;
  std::uint32_t tag;
};

constexpr double kHoldMeanMs = 1e6;  // fine-grained enough that ties are rare even at N = 1e5
constexpr int kHoldBatch = 1024;     // events per benchmark iteration, to amortise the loop

Duration exponential_ms(RandomStream& rng, double mean_ms) {
  return Duration::milliseconds(std::llround(rng.exponential(mean_ms)));
}

template <unsigned Arity>
void fill(DaryHeapQueue<HoldPayload, Arity>& q, std::int64_t n, RandomStream& rng) {
  q.reserve(static_cast<std::size_t>(n) + 1);
  for (std::int64_t i = 0; i < n; ++i) {
    q.push(SimTime::zero() + exponential_ms(rng, kHoldMeanMs), {static_cast<std::uint32_t>(i), 0});
  }
}

// The hold model, each event taken from the queue by `take` and pushed back.
template <unsigned Arity, class Take>
void hold(benchmark::State& state, Take take) {
  DaryHeapQueue<HoldPayload, Arity> q;
  RandomStream rng(kSeed, 0, "hold");
  fill(q, state.range(0), rng);
  for (auto _ : state) {
    for (int i = 0; i < kHoldBatch; ++i) {
      const auto e = take(q);
      q.push(e.time + exponential_ms(rng, kHoldMeanMs), e.payload);
    }
  }
  benchmark::DoNotOptimize(q.top_time());
  state.SetItemsProcessed(state.iterations() * kHoldBatch);
}

template <unsigned Arity>
void Hold(benchmark::State& state) {
  hold<Arity>(state, [](auto& q) { return q.pop(); });
}

template <unsigned Arity>
void HoldTaking(benchmark::State& state) {
  hold<Arity>(state, [](auto& q) { return q.start_pop(); });
}

template <unsigned Arity>
void HoldQueueOnly(benchmark::State& state) {
  DaryHeapQueue<HoldPayload, Arity> q;
  RandomStream rng(kSeed, 0, "hold");
  fill(q, state.range(0), rng);
  std::vector<Duration> increments(1 << 16);
  for (auto& d : increments) d = exponential_ms(rng, kHoldMeanMs);
  const std::size_t mask = increments.size() - 1;
  std::size_t k = 0;
  for (auto _ : state) {
    for (int i = 0; i < kHoldBatch; ++i) {
      const auto e = q.pop();
      q.push(e.time + increments[k++ & mask], e.payload);
    }
  }
  benchmark::DoNotOptimize(q.top_time());
  state.SetItemsProcessed(state.iterations() * kHoldBatch);
}

BENCHMARK_TEMPLATE(Hold, 2)->Arg(10)->Arg(1000)->Arg(100000);
BENCHMARK_TEMPLATE(Hold, 4)->Arg(10)->Arg(1000)->Arg(100000);
BENCHMARK_TEMPLATE(HoldTaking, 2)->Arg(10)->Arg(1000)->Arg(100000);
BENCHMARK_TEMPLATE(HoldTaking, 4)->Arg(10)->Arg(1000)->Arg(100000);
BENCHMARK_TEMPLATE(HoldQueueOnly, 2)->Arg(10)->Arg(1000)->Arg(100000);
BENCHMARK_TEMPLATE(HoldQueueOnly, 4)->Arg(10)->Arg(1000)->Arg(100000);

// ---------------------------------------------------------------------------------------------
// Trace replay

constexpr std::int64_t kPop = -1;

// Reads the trace into a list of push times, kPop marking a pop. Returns an error message, or
// an empty string.
std::string read_trace(const char* path, std::vector<std::int64_t>& ops) {
  std::ifstream in(path);
  if (!in) return std::string("cannot open ") + path;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    if (line == "o") {
      ops.push_back(kPop);
      continue;
    }
    std::int64_t t = 0;
    const char* first = line.data() + 2;
    const char* last = line.data() + line.size();
    if (line.size() < 3 || line[0] != 'p' || line[1] != ' ' ||
        std::from_chars(first, last, t).ptr != last) {
      return std::string(path) + ":" + std::to_string(number) +
             ": expected \"p <time_ms>\" or \"o\"";
    }
    ops.push_back(t);
  }
  return {};
}

template <unsigned Arity>
void Replay(benchmark::State& state) {
  const char* path = std::getenv("MAMAR_QUEUE_TRACE");
  if (path == nullptr || *path == '\0') {
    state.SkipWithError("set MAMAR_QUEUE_TRACE to an event-queue trace to replay");
    return;
  }
  std::vector<std::int64_t> ops;
  if (std::string error = read_trace(path, ops); !error.empty()) {
    state.SkipWithError(error.c_str());
    return;
  }
  std::size_t depth = 0;
  std::size_t max_depth = 0;
  for (std::int64_t op : ops) {
    if (op == kPop) {
      if (depth == 0) {
        state.SkipWithError("the trace pops an empty queue");
        return;
      }
      --depth;
    } else {
      max_depth = std::max(max_depth, ++depth);
    }
  }
  DaryHeapQueue<HoldPayload, Arity> q;
  q.reserve(max_depth);
  for (auto _ : state) {
    q.clear();
    std::uint32_t id = 0;
    for (std::int64_t op : ops) {
      if (op == kPop) {
        benchmark::DoNotOptimize(q.pop());
      } else {
        q.push(SimTime::from_ms(op), {id++, 0});
      }
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(ops.size()));
  state.counters["operations"] = static_cast<double>(ops.size());
  state.counters["max_pending"] = static_cast<double>(max_depth);
}

BENCHMARK_TEMPLATE(Replay, 2)->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(Replay, 4)->Unit(benchmark::kMillisecond);

// ---------------------------------------------------------------------------------------------
// M/M/1, two ways. Mean interarrival 12.5 s, mean service 10 s: utilisation rho = 0.8 and the
// mean wait in queue Wq = rho * S / (1 - rho) = 40 s. Interarrival times and service times come
// from their own streams, the i-th customer served taking the i-th service time, so both
// versions see the same numbers and, whatever the order of simultaneous events, compute the same
// waits (each service starts at max(arrival, previous departure)).

constexpr std::int64_t kCustomers = 1'000'000;
constexpr double kInterarrivalMs = 12'500;
constexpr double kServiceMs = 10'000;
constexpr double kRho = kServiceMs / kInterarrivalMs;
constexpr double kFormulaWaitMs = kRho * kServiceMs / (1 - kRho);

struct MM1Result {
  double mean_wait_ms = 0;
  std::int64_t events = 0;
};

// -- As a state machine: the payload's tag says what happens; the switch does it.

enum class MM1EventType : std::uint8_t { Arrival, Departure };

struct MM1Event {
  MM1EventType type;
};

MM1Result mm1_state_machine() {
  EventQueue<MM1Event> q;
  q.reserve(16);
  RandomStream arrivals(kSeed, 0, "mm1:arrivals");
  RandomStream service(kSeed, 0, "mm1:service");
  std::deque<SimTime> waiting;  // arrival times of the customers in line
  bool busy = false;
  std::int64_t generated = 1;
  std::int64_t total_wait_ms = 0;
  MM1Result r;
  q.push(SimTime::zero() + exponential_ms(arrivals, kInterarrivalMs), {MM1EventType::Arrival});
  while (!q.empty()) {
    const auto [now, event] = q.pop();
    ++r.events;
    switch (event.type) {
      case MM1EventType::Arrival:
        if (generated < kCustomers) {
          ++generated;
          q.push(now + exponential_ms(arrivals, kInterarrivalMs), {MM1EventType::Arrival});
        }
        if (busy) {
          waiting.push_back(now);
        } else {
          busy = true;
          q.push(now + exponential_ms(service, kServiceMs), {MM1EventType::Departure});
        }
        break;
      case MM1EventType::Departure:
        if (waiting.empty()) {
          busy = false;
        } else {
          total_wait_ms += (now - waiting.front()).count_ms();
          waiting.pop_front();
          q.push(now + exponential_ms(service, kServiceMs), {MM1EventType::Departure});
        }
        break;
    }
  }
  r.mean_wait_ms = static_cast<double>(total_wait_ms) / static_cast<double>(kCustomers);
  return r;
}

// -- As coroutines: a minimal process-interaction kernel, in the style of SimPy.

// A process: a coroutine started by CoSim::start and resumed from the event queue. Its frame
// frees itself when the body returns (final_suspend never suspends).
class Process {
 public:
  struct promise_type {
    Process get_return_object() {
      return Process(std::coroutine_handle<promise_type>::from_promise(*this));
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };

  Process(Process&& o) noexcept : handle_(std::exchange(o.handle_, {})) {}
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;
  Process& operator=(Process&&) = delete;
  ~Process() {
    if (handle_) handle_.destroy();  // never started
  }
  std::coroutine_handle<> release() { return std::exchange(handle_, {}); }

 private:
  explicit Process(std::coroutine_handle<promise_type> h) : handle_(h) {}
  std::coroutine_handle<promise_type> handle_;
};

struct Wakeup {
  std::coroutine_handle<> process;
};

// The clock and the pending wake-ups. Every process must have finished when run() returns.
class CoSim {
 public:
  CoSim() { queue_.reserve(16); }
  SimTime now() const { return now_; }
  std::int64_t events() const { return events_; }

  /// Runs `p` now, up to its first suspension.
  void start(Process p) { p.release().resume(); }
  void wake_at(SimTime t, std::coroutine_handle<> h) { queue_.push(t, {h}); }

  /// `co_await sim.hold(d)`: resumes the process d later.
  auto hold(Duration d) {
    struct Awaiter {
      CoSim& sim;
      Duration d;
      bool await_ready() const noexcept { return false; }
      void await_suspend(std::coroutine_handle<> h) { sim.wake_at(sim.now_ + d, h); }
      void await_resume() const noexcept {}
    };
    return Awaiter{*this, d};
  }

  void run() {
    while (!queue_.empty()) {
      const auto [t, wakeup] = queue_.pop();
      now_ = t;
      ++events_;
      wakeup.process.resume();
    }
  }

 private:
  EventQueue<Wakeup> queue_;
  SimTime now_;
  std::int64_t events_ = 0;
};

// A resource with `capacity` units, granted first come, first served.
class Resource {
 public:
  Resource(CoSim& sim, int capacity) : sim_(sim), free_(capacity) {}

  /// `co_await r.request()`: returns once a unit is the process's.
  auto request() {
    struct Awaiter {
      Resource& r;
      bool await_ready() const noexcept {
        if (r.free_ == 0) return false;
        --r.free_;
        return true;
      }
      void await_suspend(std::coroutine_handle<> h) { r.waiting_.push_back(h); }
      void await_resume() const noexcept {}
    };
    return Awaiter{*this};
  }

  /// Gives a unit back: straight to the first in line, who wakes at the same time.
  void release() {
    if (waiting_.empty()) {
      ++free_;
      return;
    }
    sim_.wake_at(sim_.now(), waiting_.front());
    waiting_.pop_front();
  }

 private:
  CoSim& sim_;
  int free_;
  std::deque<std::coroutine_handle<>> waiting_;
};

struct WaitTally {
  std::int64_t total_ms = 0;
};

Process customer(CoSim& sim, Resource& server, RandomStream& service, WaitTally& tally) {
  const SimTime arrived = sim.now();
  co_await server.request();
  tally.total_ms += (sim.now() - arrived).count_ms();
  co_await sim.hold(exponential_ms(service, kServiceMs));
  server.release();
}

Process source(CoSim& sim, Resource& server, RandomStream& arrivals, RandomStream& service,
               WaitTally& tally) {
  for (std::int64_t i = 0; i < kCustomers; ++i) {
    co_await sim.hold(exponential_ms(arrivals, kInterarrivalMs));
    sim.start(customer(sim, server, service, tally));
  }
}

MM1Result mm1_coroutines() {
  CoSim sim;
  Resource server(sim, 1);
  RandomStream arrivals(kSeed, 0, "mm1:arrivals");
  RandomStream service(kSeed, 0, "mm1:service");
  WaitTally tally;
  sim.start(source(sim, server, arrivals, service, tally));
  sim.run();
  return {static_cast<double>(tally.total_ms) / static_cast<double>(kCustomers), sim.events()};
}

// Checks the result against the other version and the formula; reports the figures.
void report_mm1(benchmark::State& state, const MM1Result& r, const MM1Result& other) {
  state.SetItemsProcessed(state.iterations() * r.events);
  state.counters["customers_per_second"] = benchmark::Counter(
      static_cast<double>(state.iterations() * kCustomers), benchmark::Counter::kIsRate);
  state.counters["mean_wait_s"] = r.mean_wait_ms / 1e3;
  state.counters["formula_wait_s"] = kFormulaWaitMs / 1e3;
  state.counters["events_per_customer"] =
      static_cast<double>(r.events) / static_cast<double>(kCustomers);
  if (r.mean_wait_ms != other.mean_wait_ms) {
    state.SkipWithError("the two M/M/1 versions disagree on the mean wait");
  } else if (std::abs(r.mean_wait_ms / kFormulaWaitMs - 1) > 0.05) {
    state.SkipWithError("the M/M/1 mean wait is more than 5% off the formula");
  }
}

void MM1StateMachine(benchmark::State& state) {
  MM1Result r;
  for (auto _ : state) r = mm1_state_machine();
  report_mm1(state, r, mm1_coroutines());
}

void MM1Coroutines(benchmark::State& state) {
  MM1Result r;
  for (auto _ : state) r = mm1_coroutines();
  report_mm1(state, r, mm1_state_machine());
}

BENCHMARK(MM1StateMachine)->Unit(benchmark::kMillisecond);
BENCHMARK(MM1Coroutines)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace mamar::sim

BENCHMARK_MAIN();
