#include "base/iso_time.h"

#include <chrono>
#include <cstdio>

namespace gigscout {
namespace {

struct Civil {
    std::int64_t y;
    unsigned m, d;
};

// Howard Hinnant's civil_from_days: exact for the whole int64 day range we accept.
Civil civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {y + (m <= 2), m, d};
}

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size()) {
        return false;
    }
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') {
            return false;
        }
        v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
}

unsigned days_in_month(std::int64_t y, unsigned m) {
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : kDays[m - 1];
}

}  // namespace

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::string format_iso8601(std::int64_t t) {
    std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    std::int64_t secs = t - days * 86400;
    Civil c = civil_from_days(days);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02dZ", static_cast<long long>(c.y),
                  c.m, c.d, static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                  static_cast<int>(secs % 60));
    return buf;
}

std::string format_date(std::int64_t t) {
    return format_iso8601(t).substr(0, 10);
}

std::optional<std::int64_t> parse_iso8601(std::string_view s) {
    int y, mo, d;
    if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, mo) ||
        s[7] != '-' || !digits(s, 8, 2, d)) {
        return std::nullopt;
    }
    if (mo < 1 || mo > 12 || d < 1 || static_cast<unsigned>(d) > days_in_month(y, mo)) {
        return std::nullopt;
    }
    std::int64_t t = days_from_civil(y, mo, d) * 86400;
    std::size_t pos = 10;
    if (pos == s.size()) {
        return t;
    }
    if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') {
        return std::nullopt;
    }
    int h, mi, sec = 0;
    if (!digits(s, pos + 1, 2, h) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !digits(s, pos + 4, 2, mi)) {
        return std::nullopt;
    }
    pos += 6;
    if (pos < s.size() && s[pos] == ':') {
        if (!digits(s, pos + 1, 2, sec)) {
            return std::nullopt;
        }
        pos += 3;
        if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
            ++pos;
            std::size_t start = pos;
            while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
                ++pos;
            }
            if (pos == start) {
                return std::nullopt;
            }
        }
    }
    // 24:00 and leap seconds are not produced by any platform we read; refuse rather than guess.
    if (h > 23 || mi > 59 || sec > 59) {
        return std::nullopt;
    }
    t += h * 3600 + mi * 60 + sec;
    if (pos == s.size() || ((s[pos] == 'Z' || s[pos] == 'z') && pos + 1 == s.size())) {
        return t;
    }
    if (s[pos] != '+' && s[pos] != '-') {
        return std::nullopt;
    }
    int oh, om;
    int sign = s[pos] == '+' ? 1 : -1;
    if (!digits(s, pos + 1, 2, oh)) {
        return std::nullopt;
    }
    std::size_t mpos = pos + 3;
    if (mpos < s.size() && s[mpos] == ':') {
        ++mpos;
    }
    if (!digits(s, mpos, 2, om) || mpos + 2 != s.size() || oh > 23 || om > 59) {
        return std::nullopt;
    }
    return t - sign * (oh * 3600 + om * 60);
}

std::int64_t now_epoch_seconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace gigscout
