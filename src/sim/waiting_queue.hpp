// The households of one category waiting at a gathering point, in boarding order (FIFO; people
// sent back from the road go to the front).
//
// Boarding looks only at the first kLookahead households for one that fits the free places of a
// vehicle (a household does not overtake the whole queue). That question is asked on every event
// at the gathering point, mostly with the same answer, so the queue remembers the last query that
// found nobody and answers a query asking for no more places at once, until the window changes.
// It counts the households in the window that need a stretcher place, as they enter and leave
// it, to answer "is anyone in the window waiting for a stretcher place". And it remembers how
// far the last search went past households that did not fit: a vehicle filling up asks again with
// fewer places after each household boards, and those households still do not fit, so the next
// search starts there. The caches are exact: results are as if the window were scanned every
// time.
//
// Storage is one contiguous vector with a moving head (no deque: the scan is the hot loop), and
// each entry carries what the fit test needs, so the scan touches no household record.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace mamar::sim::detail {

class WaitingQueue {
 public:
  static constexpr std::size_t kLookahead = 64;

  struct Entry {
    std::uint32_t household;
    std::int32_t seats;       // seats needed (people who do not need a stretcher place)
    std::int32_t stretchers;  // stretcher places needed
  };

  void reserve(std::size_t households) { items_.reserve(households); }
  std::size_t size() const { return items_.size() - head_; }
  bool empty() const { return head_ == items_.size(); }
  const Entry& operator[](std::size_t i) const { return items_[head_ + i]; }

  void push_back(const Entry& e) {
    // Only the window matters to the caches; an entry added behind the others leaves the skip
    // (what was before it stays before it).
    if (size() < kLookahead) {
      miss_valid_ = false;
      stretchers_in_window_ += on_stretcher(e);
    }
    items_.push_back(e);
  }

  void push_front(const Entry& e) {
    changed();
    skip_ = 0;
    if (head_ == 0) {
      // Make room at the front: as much again as the queue holds, so pushes stay amortised O(1).
      const std::size_t gap = std::max<std::size_t>(16, size());
      items_.insert(items_.begin(), gap, Entry{});
      head_ = gap;
    }
    items_[--head_] = e;
    stretchers_in_window_ += on_stretcher(e);
    // The last of the window is pushed out of it.
    if (size() > kLookahead) stretchers_in_window_ -= on_stretcher(items_[head_ + kLookahead]);
  }

  /// Removes the entry at position i (0 = front) and returns it. O(i): i is within the window.
  Entry take(std::size_t i) {
    changed();
    // The entries before position i keep their positions; so the skip holds up to i.
    skip_ = std::min(skip_, i);
    const Entry e = items_[head_ + i];
    if (i < kLookahead) {
      stretchers_in_window_ -= on_stretcher(e);
      // The first behind the window moves into it.
      if (size() > kLookahead) stretchers_in_window_ += on_stretcher(items_[head_ + kLookahead]);
    }
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
    return e;
  }

  /// The position of the first household in the window that fits in `seats` seats and
  /// `stretchers` stretcher places, or -1.
  std::ptrdiff_t find_fit(std::int32_t seats, std::int32_t stretchers) {
    if (miss_valid_ && seats <= miss_seats_ && stretchers <= miss_stretchers_) return -1;
    const std::size_t n = std::min(size(), kLookahead);
    const Entry* window = items_.data() + head_;
    // The first skip_ entries fit no query for at most skip_seats_ and skip_stretchers_ places.
    const bool narrower = seats <= skip_seats_ && stretchers <= skip_stretchers_;
    for (std::size_t i = narrower ? skip_ : 0; i < n; ++i) {
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

  /// Whether a household in the window needs a stretcher place.
  bool stretcher_in_window() const { return stretchers_in_window_ > 0; }

 private:
  void changed() { miss_valid_ = false; }
  static std::size_t on_stretcher(const Entry& e) { return e.stretchers > 0 ? 1 : 0; }

  std::vector<Entry> items_;
  std::size_t head_ = 0;
  bool miss_valid_ = false;
  std::int32_t miss_seats_ = 0;
  std::int32_t miss_stretchers_ = 0;
  std::size_t stretchers_in_window_ = 0;  // households in the window needing a stretcher place
  std::size_t skip_ = 0;
  std::int32_t skip_seats_ = 0;
  std::int32_t skip_stretchers_ = 0;
};

}  // namespace mamar::sim::detail
