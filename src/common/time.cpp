#include "mamar/common/time.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace mamar {
namespace {

// Days since 1970-01-01 of a civil date (proleptic Gregorian); H. Hinnant's algorithm.
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3U : 9U)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct CivilDate {
  std::int64_t year;
  unsigned month;
  unsigned day;
};

constexpr CivilDate civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2 ? 1 : 0), m, d};
}

bool is_leap(std::int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned days_in_month(std::int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `n` digits at `pos`.
std::optional<unsigned> digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return std::nullopt;
  unsigned v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
    v = v * 10 + static_cast<unsigned>(s[i] - '0');
  }
  return v;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::optional<double> unit_ms(std::string_view unit) {
  if (unit == "ms") return 1.0;
  if (unit == "s" || unit == "sec" || unit == "secs" || unit == "second" || unit == "seconds")
    return 1e3;
  if (unit == "min" || unit == "mins" || unit == "minute" || unit == "minutes") return 60e3;
  if (unit == "h" || unit == "hr" || unit == "hrs" || unit == "hour" || unit == "hours")
    return 3600e3;
  if (unit == "d" || unit == "day" || unit == "days") return 86400e3;
  return std::nullopt;
}

}  // namespace

namespace {

// A duration's text in milliseconds, however long: nullopt when it is not written as one.
// `ordered`: each unit at most once, the largest first ("1 h 30 min", not "30 min 1 h" or
// "1 h 1 h", more likely a slip than meant as a sum).
std::optional<double> duration_ms(std::string_view text, bool ordered = true) {
  std::string_view s = trim(text);
  if (s == "0") return 0.0;
  if (s.empty()) return std::nullopt;
  double total_ms = 0;
  bool negative = false;
  if (s.front() == '-') {
    negative = true;
    s.remove_prefix(1);
  }
  int parts = 0;
  double last_unit_ms = std::numeric_limits<double>::infinity();
  while (!s.empty()) {
    s = trim(s);
    // number
    std::size_t i = 0;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
    if (i == 0) return std::nullopt;
    double value = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + i, value);
    if (ec != std::errc() || ptr != s.data() + i) return std::nullopt;
    s.remove_prefix(i);
    s = trim(s);
    std::size_t j = 0;
    while (j < s.size() && std::isalpha(static_cast<unsigned char>(s[j]))) ++j;
    auto ms = unit_ms(s.substr(0, j));
    if (!ms || (ordered && *ms >= last_unit_ms)) return std::nullopt;
    last_unit_ms = *ms;
    s.remove_prefix(j);
    total_ms += value * *ms;
    ++parts;
    if (parts > 8) return std::nullopt;
  }
  if (std::isnan(total_ms)) return std::nullopt;
  return negative ? -total_ms : total_ms;
}

constexpr double kMaxDurationMs = 1e15;

}  // namespace

std::optional<Duration> parse_duration(std::string_view text) {
  const auto ms = duration_ms(text);
  if (!ms || !std::isfinite(*ms) || std::abs(*ms) > kMaxDurationMs) return std::nullopt;
  return Duration::milliseconds(static_cast<std::int64_t>(std::llround(*ms)));
}

bool duration_parts_out_of_order(std::string_view text) {
  return !duration_ms(text) && duration_ms(text, false);
}

bool duration_too_long(std::string_view text) {
  const auto ms = duration_ms(text);
  return ms && (!std::isfinite(*ms) || std::abs(*ms) > kMaxDurationMs);
}

std::optional<int> parse_utc_offset(std::string_view s) {
  if (s == "Z" || s == "z") return 0;
  if (s.size() != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':') return std::nullopt;
  auto hh = digits(s, 1, 2);
  auto mm = digits(s, 4, 2);
  if (!hh || !mm || *hh > 14 || *mm > 59) return std::nullopt;
  int minutes = static_cast<int>(*hh * 60 + *mm);
  return s[0] == '-' ? -minutes : minutes;
}

std::optional<ZonedInstant> parse_instant(std::string_view text) {
  std::string_view s = trim(text);
  // YYYY-MM-DDTHH:MM[:SS[.fff]](Z|+HH:MM)
  auto year = digits(s, 0, 4);
  auto month = digits(s, 5, 2);
  auto day = digits(s, 8, 2);
  if (!year || !month || !day || s.size() < 16 || s[4] != '-' || s[7] != '-' ||
      (s[10] != 'T' && s[10] != 't' && s[10] != ' '))
    return std::nullopt;
  auto hour = digits(s, 11, 2);
  auto minute = digits(s, 14, 2);
  if (!hour || !minute || s[13] != ':') return std::nullopt;
  std::size_t pos = 16;
  unsigned second = 0;
  unsigned millis = 0;
  if (pos < s.size() && s[pos] == ':') {
    auto sec = digits(s, pos + 1, 2);
    if (!sec) return std::nullopt;
    second = *sec;
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      unsigned scale = 100;
      std::size_t start = pos;
      while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
        millis += static_cast<unsigned>(s[pos] - '0') * scale;
        scale /= 10;
        ++pos;
      }
      if (pos == start) return std::nullopt;
    }
  }
  auto offset = parse_utc_offset(s.substr(pos));
  if (!offset) return std::nullopt;
  if (*month < 1 || *month > 12 || *day < 1 || *day > days_in_month(*year, *month) || *hour > 23 ||
      *minute > 59 || second > 60)
    return std::nullopt;
  std::int64_t days = days_from_civil(*year, *month, *day);
  std::int64_t ms = ((days * 24 + *hour) * 60 + *minute) * 60000 + second * 1000LL + millis -
                    static_cast<std::int64_t>(*offset) * 60000;
  return ZonedInstant{Instant::from_unix_ms(ms), *offset};
}

std::optional<int> parse_clock_time(std::string_view text) {
  std::string_view s = trim(text);
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  auto hh = digits(s, 0, 2);
  auto mm = digits(s, 3, 2);
  if (!hh || !mm || *mm > 59 || *hh > 24 || (*hh == 24 && *mm != 0)) return std::nullopt;
  return static_cast<int>(*hh * 60 + *mm);
}

namespace {

// "2016-12-15 05:00", to the second when asked ("05:00:27"), then the offset ("+02:00").
std::string format_local(Instant t, int offset_minutes, bool seconds) {
  const std::int64_t ms = t.unix_ms() + static_cast<std::int64_t>(offset_minutes) * 60000;
  const std::int64_t secs = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);  // floor
  const std::int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
  const std::int64_t in_day = secs - days * 86400;
  const CivilDate c = civil_from_days(days);
  const int off = std::abs(offset_minutes);
  std::string out = fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", c.year, c.month, c.day,
                                in_day / 3600, in_day % 3600 / 60);
  if (seconds) out += fmt::format(":{:02}", in_day % 60);
  out += fmt::format("{}{:02}:{:02}", offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
  return out;
}

}  // namespace

std::string format_instant(Instant t, int offset_minutes) {
  return format_local(t, offset_minutes, false);
}

std::string format_instant_seconds(Instant t, int offset_minutes) {
  return format_local(t, offset_minutes, true);
}

std::string format_duration(Duration d) {
  std::int64_t ms = d.count_ms();
  std::string sign = ms < 0 ? "-" : "";
  ms = std::llabs(ms);
  std::int64_t s = ms / 1000;
  std::int64_t days = s / 86400;
  std::int64_t hours = (s % 86400) / 3600;
  std::int64_t mins = (s % 3600) / 60;
  std::int64_t secs = s % 60;
  if (days > 0) return fmt::format("{}{} d {} h", sign, days, hours);
  if (hours > 0) return fmt::format("{}{} h {:02} min", sign, hours, mins);
  if (mins > 0) return fmt::format("{}{} min", sign, mins);
  if (secs > 0 || ms == 0) return fmt::format("{}{} s", sign, secs);
  return fmt::format("{}{} ms", sign, ms);
}

std::string format_duration_exact(Duration d) {
  std::int64_t ms = d.count_ms();
  const std::string sign = ms < 0 ? "-" : "";
  ms = std::llabs(ms);
  const std::int64_t s = ms / 1000;
  // Days, hours, minutes, seconds (with the milliseconds): from the largest unit with something
  // in it to the smallest, the inner ones on two digits.
  const std::array<std::int64_t, 4> parts = {s / 86400, s % 86400 / 3600, s % 3600 / 60,
                                             s % 60 * 1000 + ms % 1000};
  const std::array<const char*, 4> units = {"d", "h", "min", "s"};
  std::size_t first = 0;
  while (first < 3 && parts[first] == 0) ++first;
  std::size_t last = 3;
  while (last > first && parts[last] == 0) --last;
  std::string out = sign;
  for (std::size_t i = first; i <= last; ++i) {
    if (i > first) out += ' ';
    const std::int64_t whole = i < 3 ? parts[i] : parts[i] / 1000;
    out += i > first ? fmt::format("{:02}", whole) : std::to_string(whole);
    if (i == 3 && parts[i] % 1000 != 0) out += fmt::format(".{:03}", parts[i] % 1000);
    out += std::string(" ") + units[i];
  }
  return out;
}

}  // namespace mamar
