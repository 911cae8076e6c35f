// The pending-event set of a discrete-event simulation.
//
// DaryHeapQueue<Payload, Arity> keeps future events ordered by time in an implicit d-ary heap
// stored in one array (Arity 2 is the binary heap, 4 the 4-ary heap). Events at the same time
// come out in the order they were pushed (FIFO), through a 64-bit insertion sequence number, so a
// run is a pure function of its inputs and seeds, whatever the arity.
//
// push and pop are O(log n); neither allocates once reserve() has made room for the largest
// number of pending events. The payload is a small trivially copyable struct (an event type tag
// and an index, say): entries are moved with plain copies.
//
// Ownership and threads: the queue owns its entries. One queue belongs to one simulation run and
// is not safe to use from several threads at once; separate queues are independent.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "mamar/sim/sim_time.hpp"

namespace mamar::sim {

/// An event as it leaves the queue.
template <class Payload>
struct TimedEvent {
  SimTime time;
  Payload payload;
};

/// A priority queue of (time, payload) ordered by time, then by insertion (FIFO).
/// Example: `q.push(SimTime::from_ms(5), p); auto [t, payload] = q.pop();`
template <class Payload, unsigned Arity>
class DaryHeapQueue {
  static_assert(Arity >= 2, "a heap needs at least two children per node");
  static_assert(std::is_trivially_copyable_v<Payload>, "payloads are copied as plain bytes");

 public:
  using Event = TimedEvent<Payload>;

  DaryHeapQueue() = default;

  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  /// Makes room for `n` pending events, so that pushes up to that size do not allocate.
  void reserve(std::size_t n) { heap_.reserve(n); }
  /// Removes every event and restarts the insertion sequence: the queue is as new, so a reused
  /// queue orders ties exactly as a fresh one would.
  void clear() {
    heap_.clear();
    next_seq_ = 0;
    taking_ = false;
  }

  /// Schedules `payload` at `time`.
  void push(SimTime time, const Payload& payload) {
    const Entry e{next_seq_++, static_cast<std::uint64_t>(time.ms()) ^ kSignBit, payload};
    if (taking_) {
      // The earliest event, being taken, leaves its place to this one (see start_pop()).
      taking_ = false;
      sift_up(hole_to_leaf(heap_.size()), e);
      return;
    }
    heap_.push_back(e);
    sift_up(heap_.size() - 1, e);
  }

  /// The time of the earliest event. Requires !empty().
  SimTime top_time() const {
    assert(!empty());
    return SimTime::from_ms(key_time(heap_.front()));
  }
  /// The earliest event, left in place. Requires !empty().
  Event top() const {
    assert(!empty());
    return {SimTime::from_ms(key_time(heap_.front())), heap_.front().payload};
  }

  /// Removes and returns the earliest event (the first pushed among equal times).
  /// Requires !empty().
  Event pop() {
    const Event top = start_pop();
    finish_pop();
    return top;
  }

  /// Returns the earliest event (as pop() does) and starts taking it out: the first push()
  /// after this takes its place, in one pass down the heap instead of a removal and an
  /// insertion (a simulator's event mostly schedules one more); finish_pop() removes it if no
  /// push came. Until finish_pop(), push() is the only other call allowed. The order of events
  /// is the same as with pop(). Requires !empty().
  Event start_pop() {
    assert(!empty() && !taking_);
    taking_ = true;
    return top();
  }
  /// Ends what start_pop() started: removes the event it returned, unless a push took its place.
  void finish_pop() {
    if (!taking_) return;
    taking_ = false;
    const Entry last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_up(hole_to_leaf(heap_.size()), last);
  }

 private:
  // The key (time, seq) as one unsigned 128-bit number: time with its sign bit flipped (so that
  // unsigned order is signed order) above the sequence number. Comparing two keys is then one
  // branch-free double-word comparison, which matters because which child is smaller is a coin
  // toss the branch predictor cannot learn.
  __extension__ typedef unsigned __int128 Key;
  static constexpr std::uint64_t kSignBit = std::uint64_t{1} << 63;

  struct Entry {
    std::uint64_t seq;
    std::uint64_t time_bits;  // the time's two's complement bits with the sign bit flipped
    Payload payload;
  };
  // Prefetch while deleting once the heap outgrows 512 KiB (measured on a 1 MiB L2: below, the
  // prefetches only cost).
  static constexpr std::size_t kPrefetchAbove = (std::size_t{512} << 10) / sizeof(Entry);

  static Key key(const Entry& e) { return (static_cast<Key>(e.time_bits) << 64) | e.seq; }
  static bool before(const Entry& a, const Entry& b) { return key(a) < key(b); }
  static std::int64_t key_time(const Entry& e) {
    return static_cast<std::int64_t>(e.time_bits ^ kSignBit);
  }

  // Moves the hole at `hole` up until `e` fits there.
  void sift_up(std::size_t hole, const Entry& e) {
    Entry* h = heap_.data();
    const Key k = key(e);
    while (hole > 0) {
      const std::size_t parent = (hole - 1) / Arity;
      if (!(k < key(h[parent]))) break;
      h[hole] = h[parent];
      hole = parent;
    }
    h[hole] = e;
  }

  // Floyd's bottom-up deletion: moves the hole left at the root of the first `n` entries down to
  // a leaf, always along the smaller child, without comparing against the element that will fill
  // it (that element, taken from the end of the array or newly pushed, almost always belongs near
  // the bottom anyway; sift_up then places it in a step or two). Returns the leaf.
  std::size_t hole_to_leaf(std::size_t n) {
    Entry* h = heap_.data();
    std::size_t hole = 0;
    const bool large = n > kPrefetchAbove;
    for (;;) {
      const std::size_t first = hole * Arity + 1;
      std::size_t best = first;
      if (first + Arity <= n) {
        // The grandchildren are contiguous: fetch them while this family is compared. Only in
        // a heap larger than a typical L2 cache: in a smaller one it costs more than it saves.
        const std::size_t grandchildren = first * Arity + 1;
        if (large && grandchildren < n) {
          const std::size_t stop = std::min(grandchildren + std::size_t{Arity} * Arity, n);
          const char* bytes = reinterpret_cast<const char*>(h + grandchildren);
          const std::size_t length = (stop - grandchildren) * sizeof(Entry);
          for (std::size_t offset = 0; offset < length; offset += 64) {
            __builtin_prefetch(bytes + offset);
          }
        }
        // A full family: a fixed trip count the compiler unrolls, selects without branches.
        Key best_key = key(h[first]);
        for (unsigned c = 1; c < Arity; ++c) {
          const Key k = key(h[first + c]);
          const bool smaller = k < best_key;
          best = smaller ? first + c : best;
          best_key = smaller ? k : best_key;
        }
      } else if (first < n) {
        for (std::size_t c = first + 1; c < n; ++c) {
          if (before(h[c], h[best])) best = c;
        }
      } else {
        return hole;
      }
      h[hole] = h[best];
      hole = best;
    }
  }

  std::vector<Entry> heap_;
  std::uint64_t next_seq_ = 0;
  bool taking_ = false;  // between start_pop() and the push or finish_pop() that ends it
};

/// The queue the simulator uses: the 4-ary heap, faster than the binary one at every size
/// measured. bench/kernel_bench HOLD model (pop the earliest, push it back at now +
/// exponential), queue operations only, million events per second, median of 9 (AMD EPYC VM,
/// 2.1 GHz, 1 MiB L2, GCC 12 -O2):
///
///   pending events      10    1,000   100,000
///   binary heap       36.2     21.7       9.9
///   4-ary heap        45.6     27.9      14.6
///
/// The 4-ary tree is half as deep and a node's four children share one or two cache lines, so a
/// pop takes about half the cache misses; its 1.5x key comparisons are branch-free and cheap.
template <class Payload>
using EventQueue = DaryHeapQueue<Payload, 4>;

}  // namespace mamar::sim
