// A first-in first-out line kept in one vector: what a checkpoint's line of vehicles and an
// unloading place's waiting vehicles need (push at the back, take from the front, walk in order,
// now and then take one out from the middle). std::deque allocated a block on construction and
// a block each time its front or back crossed one, for lines that hold a handful of vehicles; this
// allocates only as its longest line grows, and an empty one nothing.
#pragma once

#include <cassert>
#include <cstddef>
#include <vector>

namespace mamar::sim::detail {

template <class T>
class Fifo {
 public:
  using iterator = typename std::vector<T>::iterator;
  using const_iterator = typename std::vector<T>::const_iterator;

  bool empty() const { return head_ == items_.size(); }
  std::size_t size() const { return items_.size() - head_; }
  T& front() {
    assert(!empty());
    return items_[head_];
  }
  const T& front() const {
    assert(!empty());
    return items_[head_];
  }
  void push_back(const T& value) { items_.push_back(value); }
  void pop_front() {
    assert(!empty());
    if (++head_ == items_.size()) {
      items_.clear();
      head_ = 0;
    } else if (head_ >= kCompactAt && head_ * 2 >= items_.size()) {
      // Taken from the front as fast as added at the back, the line never empties: the slots
      // before the front are given back once they are half of it (amortised, each item moves
      // at most once per time the line's length doubles).
      items_.erase(items_.begin(), items_.begin() + static_cast<std::ptrdiff_t>(head_));
      head_ = 0;
    }
  }
  /// Takes out the item at `it` (in the line, from the front on); returns the one after it.
  iterator erase(iterator it) {
    const auto at = it - items_.begin();
    items_.erase(it);
    if (head_ == items_.size()) {
      items_.clear();
      head_ = 0;
      return items_.end();
    }
    return items_.begin() + at;
  }

  iterator begin() { return items_.begin() + static_cast<std::ptrdiff_t>(head_); }
  iterator end() { return items_.end(); }
  const_iterator begin() const { return items_.begin() + static_cast<std::ptrdiff_t>(head_); }
  const_iterator end() const { return items_.end(); }

 private:
  static constexpr std::size_t kCompactAt = 64;
  std::vector<T> items_;
  std::size_t head_ = 0;  // items_[0 .. head_) have left the line
};

}  // namespace mamar::sim::detail
