// The households of one category waiting at a gathering point, in boarding order (FIFO; people
// sent back from the road go to the front): a WaitingQueue, made of two WaitingLines, one of the
// households without a stretcher patient and one of those with one. A vehicle looks at most
// kLookahead households down each line for one that fits its free places, and takes the one of
// the two that came first: a household does not overtake the whole queue, and a bus, which has
// no stretcher place, looks past the stretcher patients it could never take (they do not fill
// its view of the seated households behind them).
//
// A WaitingLine entry is one household, or a run of identical households (same size, no
// stretcher patient, come at the same time) that board one after the other: `count` of them. A
// run is taken from in part or whole; its households keep their places in the order.
//
// A line's window is the entries before the one at which kLookahead households are reached,
// that one included. The question "who in the window fits" is asked on every event at the
// gathering point, mostly with the same answer, so the line remembers the last query that found
// nobody and answers a query asking for no more places at once, until the window changes. And it
// remembers how far the last search went past households that did not fit: a vehicle filling up
// asks again with fewer places after each household boards, and those households still do not
// fit, so the next search starts there. The caches are exact: results are as if the window were
// scanned every time.
//
// Storage is one contiguous vector with a moving head (no deque: the scan is the hot loop), and
// each entry carries what the fit test needs, so the scan touches no household record.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace mamar::sim::detail {

class WaitingLine {
 public:
  static constexpr std::size_t kLookahead = 64;

  struct Entry {
    std::uint32_t household;
    std::int32_t seats;       // seats needed by one household (people without a stretcher place)
    std::int32_t stretchers;  // stretcher places needed by one household
    std::int32_t count = 1;   // identical households in the entry; more than 1 only without
                              // stretcher patients
    std::int64_t order = 0;   // place in the queue of both lines (set by WaitingQueue)
  };

  void reserve(std::size_t entries) { items_.reserve(entries); }
  /// Entries (not households).
  std::size_t size() const { return items_.size() - head_; }
  bool empty() const { return head_ == items_.size(); }
  const Entry& operator[](std::size_t i) const { return items_[head_ + i]; }

  /// Adds an entry at the back; returns whether it is in the window (else no find_fit() can
  /// find it until entries before it are taken).
  bool push_back(const Entry& e) {
    assert(e.count >= 1 && (e.count == 1 || e.stretchers == 0));
    // An entry added behind the others leaves the skip (what was before it stays before it).
    const bool in_window = would_see_next();
    if (in_window) {
      miss_valid_ = false;
      enter_window(e);
    }
    items_.push_back(e);
    return in_window;
  }

  void push_front(const Entry& e) {
    assert(e.count >= 1 && (e.count == 1 || e.stretchers == 0));
    changed();
    skip_ = 0;
    if (head_ == 0) {
      // Make room at the front: as much again as the queue holds, so pushes stay amortised O(1).
      const std::size_t gap = std::max<std::size_t>(16, size());
      items_.insert(items_.begin(), gap, Entry{});
      head_ = gap;
    }
    items_[--head_] = e;
    enter_window(e);
    // The last entries of the window are pushed out of it while it is full without them.
    while (window_ > 1 &&
           window_households_ - households_in(items_[head_ + window_ - 1]) >= kLookahead)
      leave_window(items_[head_ + window_ - 1]);
  }

  /// Whether an entry pushed at the back now enters the window: every entry is in it and it is
  /// not full. It stays false, whatever is pushed, until entries are taken.
  bool would_see_next() const { return window_ == size() && window_households_ < kLookahead; }

  /// Takes `households` (at least 1, at most its count) of the entry at position i (0 = front),
  /// which is in the window, and returns them as an entry (the same household index). The
  /// entry goes when all of it is taken. O(i).
  Entry take(std::size_t i, std::int32_t households) {
    assert(i < window_ && households >= 1 && households <= items_[head_ + i].count);
    changed();
    // The entries before position i keep their positions; so the skip holds up to i.
    skip_ = std::min(skip_, i);
    Entry& slot = items_[head_ + i];
    Entry taken = slot;
    taken.count = households;
    if (households < slot.count) {
      slot.count -= households;
      window_households_ -= static_cast<std::size_t>(households);
    } else {
      leave_window(slot);  // the window loses an entry, wherever in it
      // Shift the entries before it one place back, then drop the front.
      std::move_backward(items_.begin() + static_cast<std::ptrdiff_t>(head_),
                         items_.begin() + static_cast<std::ptrdiff_t>(head_ + i),
                         items_.begin() + static_cast<std::ptrdiff_t>(head_ + i + 1));
      ++head_;
      if (head_ == items_.size()) {
        items_.clear();
        head_ = 0;
      } else if (head_ > 4096 && head_ * 2 > items_.size()) {
        items_.erase(items_.begin(), items_.begin() + static_cast<std::ptrdiff_t>(head_));
        head_ = 0;
      }
    }
    // The entries behind the window move into it while it is not full.
    while (window_ < size() && window_households_ < kLookahead)
      enter_window(items_[head_ + window_]);
    return taken;
  }
  /// Takes the whole entry at position i.
  Entry take(std::size_t i) { return take(i, items_[head_ + i].count); }

  /// The position of the first entry in the window whose households fit in `seats` seats and
  /// `stretchers` stretcher places, or -1.
  std::ptrdiff_t find_fit(std::int32_t seats, std::int32_t stretchers) {
    if (miss_valid_ && seats <= miss_seats_ && stretchers <= miss_stretchers_) return -1;
    const Entry* window = items_.data() + head_;
    // The first skip_ entries fit no query for at most skip_seats_ and skip_stretchers_ places.
    const bool narrower = seats <= skip_seats_ && stretchers <= skip_stretchers_;
    for (std::size_t i = narrower ? skip_ : 0; i < window_; ++i) {
      if (window[i].seats <= seats && window[i].stretchers <= stretchers) {
        skip_ = i;
        skip_seats_ = seats;
        skip_stretchers_ = stretchers;
        return static_cast<std::ptrdiff_t>(i);
      }
    }
    // Remember the widest query that found nobody.
    if (!miss_valid_ || (seats >= miss_seats_ && stretchers >= miss_stretchers_)) {
      miss_valid_ = true;
      miss_seats_ = seats;
      miss_stretchers_ = stretchers;
    }
    return -1;
  }

 private:
  void changed() { miss_valid_ = false; }
  static std::size_t households_in(const Entry& e) { return static_cast<std::size_t>(e.count); }
  // The entry just behind the window joins it.
  void enter_window(const Entry& e) {
    ++window_;
    window_households_ += households_in(e);
  }
  // An entry of the window leaves it: the last, or one taken from the queue.
  void leave_window(const Entry& e) {
    --window_;
    window_households_ -= households_in(e);
  }

  std::vector<Entry> items_;
  std::size_t head_ = 0;
  // The window: its first window_ entries, holding window_households_ households, the fewest
  // entries that hold kLookahead households (or all of them).
  std::size_t window_ = 0;
  std::size_t window_households_ = 0;
  bool miss_valid_ = false;
  std::int32_t miss_seats_ = 0;
  std::int32_t miss_stretchers_ = 0;
  std::size_t skip_ = 0;
  std::int32_t skip_seats_ = 0;
  std::int32_t skip_stretchers_ = 0;
};

class WaitingQueue {
 public:
  static constexpr std::size_t kLookahead = WaitingLine::kLookahead;
  using Entry = WaitingLine::Entry;
  // A position in the queue: one in the line of those without a stretcher patient, or one in the
  // other line with this bit set.
  static constexpr std::size_t kOnStretcher = std::size_t{1} << 48;

  /// Room for so many entries of each line.
  void reserve(std::size_t seated, std::size_t on_stretcher) {
    seated_.reserve(seated);
    lying_.reserve(on_stretcher);
  }
  /// Entries (not households).
  std::size_t size() const { return seated_.size() + lying_.size(); }
  bool empty() const { return seated_.empty() && lying_.empty(); }
  const Entry& operator[](std::size_t position) const {
    return (position & kOnStretcher) != 0 ? lying_[position & ~kOnStretcher] : seated_[position];
  }

  /// Adds an entry at the back; returns whether it is in its line's window (else no find_fit()
  /// can find it until entries before it are taken).
  bool push_back(Entry e) {
    e.order = back_++;
    return line(e.stretchers > 0).push_back(e);
  }
  /// Adds an entry at the front (before every other, of both lines).
  void push_front(Entry e) {
    e.order = --front_;
    line(e.stretchers > 0).push_front(e);
  }
  /// Whether an entry with (or without) a stretcher patient pushed at the back now enters its
  /// line's window.
  bool would_see_next(bool on_stretcher) const { return line(on_stretcher).would_see_next(); }
  /// Whether the line of the entry at this position lets the next one pushed into it in view.
  bool line_sees_next(std::size_t position) const {
    return would_see_next((position & kOnStretcher) != 0);
  }

  /// Takes `households` of the entry at this position (see WaitingLine::take()).
  Entry take(std::size_t position, std::int32_t households) {
    return (position & kOnStretcher) != 0 ? lying_.take(position & ~kOnStretcher, households)
                                          : seated_.take(position, households);
  }
  Entry take(std::size_t position) { return take(position, (*this)[position].count); }

  /// The position of the household that came first of those in the two windows that fit in
  /// `seats` seats and `stretchers` stretcher places, or -1.
  std::ptrdiff_t find_fit(std::int32_t seats, std::int32_t stretchers) {
    // The seated line asked for no stretcher place: its answer is the same, and its cache of
    // the last query that found nobody serves vehicles with and without stretcher places.
    const std::ptrdiff_t seated = seated_.find_fit(seats, 0);
    if (stretchers <= 0 || lying_.empty()) return seated;
    const std::ptrdiff_t lying = lying_.find_fit(seats, stretchers);
    if (lying < 0 || (seated >= 0 && seated_[static_cast<std::size_t>(seated)].order <
                                         lying_[static_cast<std::size_t>(lying)].order))
      return seated;
    return lying | static_cast<std::ptrdiff_t>(kOnStretcher);
  }

  /// Whether a household with a stretcher patient is waiting (each is in view of a vehicle with
  /// stretcher places, or will be before any household behind it).
  bool stretcher_waiting() const { return !lying_.empty(); }

  const WaitingLine& seated() const { return seated_; }
  const WaitingLine& on_stretcher() const { return lying_; }

  /// Whether f(entry) holds for an entry of either line.
  template <typename F>
  bool any_of(F f) const {
    for (std::size_t i = 0; i < seated_.size(); ++i)
      if (f(seated_[i])) return true;
    for (std::size_t i = 0; i < lying_.size(); ++i)
      if (f(lying_[i])) return true;
    return false;
  }

 private:
  WaitingLine& line(bool on_stretcher) { return on_stretcher ? lying_ : seated_; }
  const WaitingLine& line(bool on_stretcher) const { return on_stretcher ? lying_ : seated_; }

  WaitingLine seated_;  // households without a stretcher patient
  WaitingLine lying_;   // households with one or more
  std::int64_t back_ = 0;
  std::int64_t front_ = 0;
};

}  // namespace mamar::sim::detail
