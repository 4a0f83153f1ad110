#include "plugin_host/modules/time_parse.h"

#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "base/ascii.h"
#include "base/iso_time.h"
#include "base/utf8.h"

namespace gigscout::timeparse {
namespace {

constexpr std::int64_t kMinute = 60;
constexpr std::int64_t kHour = 3600;
constexpr std::int64_t kDay = 86400;

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
std::int64_t min_epoch() {
    return days_from_civil(kMinYear, 1, 1) * kDay;
}
std::int64_t max_epoch() {
    return days_from_civil(kMaxYear + 1, 1, 1) * kDay - 1;
}

unsigned days_in_month(std::int64_t y, unsigned m) {
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : kDays[m - 1];
}

Error cannot_read(std::string_view text) {
    return Error{"cannot read \"" + std::string(utf8::truncate(text, 64)) + "\" as a date/time"};
}

// A civil time with an offset from UTC in seconds; validated into epoch seconds.
struct Fields {
    std::int64_t year = -1;
    int month = 0, day = 0, hour = 0, minute = 0, second = 0;
    std::int64_t offset = 0;
};

Result<std::int64_t> to_epoch(const Fields& f, std::string_view text) {
    if (f.year < kMinYear || f.year > kMaxYear) {
        return Error{"year " + std::to_string(f.year) + " in \"" +
                     std::string(utf8::truncate(text, 64)) + "\" is outside " +
                     std::to_string(kMinYear) + "-" + std::to_string(kMaxYear)};
    }
    if (f.month < 1 || f.month > 12 || f.day < 1 ||
        f.day > static_cast<int>(days_in_month(f.year, static_cast<unsigned>(f.month))) ||
        f.hour > 24 || f.minute > 59 || f.second > 60 ||
        (f.hour == 24 && (f.minute != 0 || f.second != 0))) {
        return Error{"\"" + std::string(utf8::truncate(text, 64)) +
                     "\" is not a valid calendar date/time"};
    }
    std::int64_t epoch =
        days_from_civil(f.year, static_cast<unsigned>(f.month), static_cast<unsigned>(f.day)) *
            kDay +
        f.hour * kHour + f.minute * kMinute + f.second - f.offset;
    if (!in_range(epoch)) {
        return Error{"\"" + std::string(utf8::truncate(text, 64)) + "\" is outside " +
                     std::to_string(kMinYear) + "-" + std::to_string(kMaxYear)};
    }
    return epoch;
}

// Reads exactly `n` digits at `pos`.
bool digits(std::string_view s, std::size_t& pos, std::size_t n, int& out) {
    if (pos + n > s.size()) {
        return false;
    }
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (!is_digit(s[i])) {
            return false;
        }
        v = v * 10 + (s[i] - '0');
    }
    pos += n;
    out = v;
    return true;
}

struct NamedZone {
    std::string_view name;
    int minutes;
};
constexpr NamedZone kZones[] = {
    {"z", 0},      {"ut", 0},      {"utc", 0},     {"gmt", 0},    {"wet", 0},    {"est", -300},
    {"edt", -240}, {"cst", -360},  {"cdt", -300},  {"mst", -420}, {"mdt", -360}, {"pst", -480},
    {"pdt", -420}, {"akst", -540}, {"akdt", -480}, {"hst", -600}, {"bst", 60},   {"west", 60},
    {"cet", 60},   {"cest", 120},  {"eet", 120},   {"eest", 180}, {"msk", 180},  {"ist", 330},
    {"sgt", 480},  {"hkt", 480},   {"awst", 480},  {"jst", 540},  {"kst", 540},  {"acst", 570},
    {"aest", 600}, {"aedt", 660},  {"nzst", 720},  {"nzdt", 780},
};

std::optional<std::int64_t> named_zone(std::string_view word) {
    for (const auto& z : kZones) {
        if (z.name == word) {
            return std::int64_t{z.minutes} * kMinute;
        }
    }
    return std::nullopt;
}

// "+hh:mm", "+hhmm", "+hh" (or '-') at `pos`; advances `pos`.
bool numeric_offset(std::string_view s, std::size_t& pos, std::int64_t& offset) {
    if (pos >= s.size() || (s[pos] != '+' && s[pos] != '-')) {
        return false;
    }
    int sign = s[pos] == '-' ? -1 : 1;
    std::size_t p = pos + 1;
    int hh = 0, mm = 0;
    if (!digits(s, p, 2, hh)) {
        return false;
    }
    if (p < s.size() && s[p] == ':') {
        ++p;
        if (!digits(s, p, 2, mm)) {
            return false;
        }
    } else if (p + 1 < s.size() && is_digit(s[p])) {
        if (!digits(s, p, 2, mm)) {
            return false;
        }
    }
    if (hh > 23 || mm > 59) {
        return false;
    }
    offset = sign * (hh * kHour + mm * kMinute);
    pos = p;
    return true;
}

// YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|±hh[:mm]|±hhmm|( )zone-name]
std::optional<Result<std::int64_t>> parse_iso(std::string_view s, std::string_view original) {
    std::size_t p = 0;
    Fields f;
    int y = 0;
    if (!digits(s, p, 4, y) || p >= s.size() || s[p] != '-') {
        return std::nullopt;
    }
    f.year = y;
    ++p;
    if (!digits(s, p, 2, f.month) || p >= s.size() || s[p] != '-') {
        return Result<std::int64_t>(cannot_read(original));
    }
    ++p;
    if (!digits(s, p, 2, f.day)) {
        return Result<std::int64_t>(cannot_read(original));
    }
    if (p < s.size() && (s[p] == 't' || s[p] == ' ')) {
        ++p;
        if (!digits(s, p, 2, f.hour) || p >= s.size() || s[p] != ':' ||
            !digits(s, ++p, 2, f.minute)) {
            return Result<std::int64_t>(cannot_read(original));
        }
        if (p < s.size() && s[p] == ':') {
            ++p;
            if (!digits(s, p, 2, f.second)) {
                return Result<std::int64_t>(cannot_read(original));
            }
            if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
                ++p;
                std::size_t start = p;
                while (p < s.size() && is_digit(s[p])) {
                    ++p;
                }
                if (p == start) {
                    return Result<std::int64_t>(cannot_read(original));
                }
            }
        }
        if (p < s.size() && s[p] == ' ') {
            ++p;  // "2024-07-19 04:41:50 UTC" or "... +0000"
        }
        if (p < s.size() && s[p] == 'z') {
            ++p;
        } else if (p < s.size() && (s[p] == '+' || s[p] == '-')) {
            if (!numeric_offset(s, p, f.offset)) {
                return Result<std::int64_t>(cannot_read(original));
            }
        } else if (p < s.size()) {
            auto zone = named_zone(s.substr(p));
            if (!zone) {
                return Result<std::int64_t>(cannot_read(original));
            }
            f.offset = *zone;
            p = s.size();
        }
    }
    if (p != s.size()) {
        return Result<std::int64_t>(cannot_read(original));
    }
    return to_epoch(f, original);
}

constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                        "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::string_view kLongMonths[] = {"january",   "february", "march",    "april",
                                            "may",       "june",     "july",     "august",
                                            "september", "october",  "november", "december"};

int month_number(std::string_view word) {
    for (int i = 0; i < 12; ++i) {
        if (word == kMonths[i] || word == kLongMonths[i] || (i == 8 && word == "sept")) {
            return i + 1;
        }
    }
    return 0;
}

bool is_weekday(std::string_view w) {
    static constexpr std::string_view kDays[] = {
        "mon", "tue",    "tues",    "wed",       "thu",      "thur",   "thurs",    "fri",   "sat",
        "sun", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    for (auto d : kDays) {
        if (d == w) {
            return true;
        }
    }
    return false;
}

// RFC 2822 ("Fri, 19 Jul 2024 04:41:50 +0000"), English long dates ("July 19, 2024 04:41 UTC",
// "19 July 2024", "Jul 19 2024 4:41 PM") and asctime ("Fri Jul 19 04:41:50 2024").
Result<std::int64_t> parse_words(std::string_view s, std::string_view original) {
    Fields f;
    int day = 0;
    bool have_time = false, have_zone = false;
    int meridiem = 0;  // 1 am, 2 pm
    std::size_t p = 0;
    while (p < s.size()) {
        char c = s[p];
        if (ascii::is_space(c) || c == ',' || (c == '-' && !have_time)) {
            ++p;  // "19-Jul-2024" separators too
            continue;
        }
        if (is_digit(c)) {
            std::size_t start = p;
            while (p < s.size() && is_digit(s[p])) {
                ++p;
            }
            std::string_view number = s.substr(start, p - start);
            if (p < s.size() && s[p] == ':') {
                // a time: H:MM[:SS[.fff]]
                if (have_time || number.size() > 2) {
                    return cannot_read(original);
                }
                f.hour = std::stoi(std::string(number));
                ++p;
                if (!digits(s, p, 2, f.minute)) {
                    return cannot_read(original);
                }
                if (p < s.size() && s[p] == ':') {
                    ++p;
                    if (!digits(s, p, 2, f.second)) {
                        return cannot_read(original);
                    }
                    if (p < s.size() && s[p] == '.') {
                        ++p;
                        while (p < s.size() && is_digit(s[p])) {
                            ++p;
                        }
                    }
                }
                have_time = true;
                continue;
            }
            // ordinal suffixes: "19th", "1st"
            std::string_view rest = s.substr(p, 2);
            if (rest == "st" || rest == "nd" || rest == "rd" || rest == "th") {
                p += 2;
            }
            if (number.size() == 4 && f.year < 0) {
                f.year = std::stoi(std::string(number));
            } else if (number.size() <= 2 && day == 0) {
                day = std::stoi(std::string(number));
            } else if (number.size() == 2 && f.year < 0 && f.month != 0) {
                // RFC 822 two-digit years
                int yy = std::stoi(std::string(number));
                f.year = yy < 50 ? 2000 + yy : 1900 + yy;
            } else {
                return cannot_read(original);
            }
            continue;
        }
        if ((c == '+' || c == '-') && have_time && !have_zone) {
            if (!numeric_offset(s, p, f.offset)) {
                return cannot_read(original);
            }
            have_zone = true;
            continue;
        }
        if (is_alpha(c)) {
            std::size_t start = p;
            while (p < s.size() && (is_alpha(s[p]) || s[p] == '.')) {
                ++p;
            }
            std::string word(s.substr(start, p - start));
            while (!word.empty() && word.back() == '.') {
                word.pop_back();
            }
            if (int m = month_number(word); m != 0 && f.month == 0) {
                f.month = m;
            } else if (is_weekday(word) || word == "at" || word == "on" || word == "of" ||
                       word == "the") {
            } else if (word == "am" || word == "a.m" || word == "pm" || word == "p.m") {
                if (!have_time || meridiem != 0) {
                    return cannot_read(original);
                }
                meridiem = word[0] == 'a' ? 1 : 2;
            } else if (auto zone = named_zone(word); zone && !have_zone) {
                f.offset = *zone;
                have_zone = true;
                // "GMT+2", "UTC-05:00"
                if (p < s.size() && (s[p] == '+' || s[p] == '-')) {
                    std::int64_t extra = 0;
                    if (!numeric_offset(s, p, extra)) {
                        return cannot_read(original);
                    }
                    f.offset += extra;
                }
            } else {
                return cannot_read(original);
            }
            continue;
        }
        return cannot_read(original);
    }
    if (f.month == 0 || day == 0 || f.year < 0) {
        return cannot_read(original);
    }
    if (meridiem != 0) {
        if (f.hour < 1 || f.hour > 12) {
            return cannot_read(original);
        }
        f.hour = f.hour % 12 + (meridiem == 2 ? 12 : 0);
    }
    f.day = day;
    return to_epoch(f, original);
}

struct Unit {
    std::string_view name;
    std::int64_t seconds;
};
constexpr Unit kUnits[] = {
    {"s", 1},
    {"sec", 1},
    {"secs", 1},
    {"second", 1},
    {"seconds", 1},
    {"m", kMinute},
    {"min", kMinute},
    {"mins", kMinute},
    {"minute", kMinute},
    {"minutes", kMinute},
    {"h", kHour},
    {"hr", kHour},
    {"hrs", kHour},
    {"hour", kHour},
    {"hours", kHour},
    {"d", kDay},
    {"day", kDay},
    {"days", kDay},
    {"w", 7 * kDay},
    {"wk", 7 * kDay},
    {"wks", 7 * kDay},
    {"week", 7 * kDay},
    {"weeks", 7 * kDay},
    {"mo", 30 * kDay},
    {"mos", 30 * kDay},
    {"month", 30 * kDay},
    {"months", 30 * kDay},
    {"y", 365 * kDay},
    {"yr", 365 * kDay},
    {"yrs", 365 * kDay},
    {"year", 365 * kDay},
    {"years", 365 * kDay},
};

std::optional<std::int64_t> unit_seconds(std::string_view word) {
    for (const auto& u : kUnits) {
        if (u.name == word) {
            return u.seconds;
        }
    }
    return std::nullopt;
}

std::vector<std::string_view> words_of(std::string_view s) {
    std::vector<std::string_view> words;
    std::size_t p = 0;
    while (p < s.size()) {
        if (ascii::is_space(s[p])) {
            ++p;
            continue;
        }
        std::size_t start = p;
        while (p < s.size() && !ascii::is_space(s[p])) {
            ++p;
        }
        words.push_back(s.substr(start, p - start));
    }
    return words;
}

// "3 hours ago", "an hour ago", "30+ days ago", "2d ago", "yesterday", "just now".
std::optional<Result<std::int64_t>> parse_relative(std::string_view s, std::int64_t now) {
    std::vector<std::string_view> w = words_of(s);
    std::size_t i = 0;
    if (i < w.size() && w[i] == "posted") {
        ++i;
    }
    auto rest = [&](std::size_t from) {
        return std::vector<std::string_view>(w.begin() + static_cast<std::ptrdiff_t>(from),
                                             w.end());
    };
    auto phrase = rest(i);
    using V = std::vector<std::string_view>;
    // Phrases count back from `now`, which must itself be sane (no overflow below).
    auto back_from_now = [&](std::int64_t seconds) -> Result<std::int64_t> {
        if (!in_range(now)) {
            return Error{"the reference time for \"" + std::string(s) + "\" is outside " +
                         std::to_string(kMinYear) + "-" + std::to_string(kMaxYear)};
        }
        if (!in_range(now - seconds)) {
            return Error{"\"" + std::string(s) + "\" counts back to before " +
                         std::to_string(kMinYear)};
        }
        return now - seconds;
    };
    if (phrase == V{"just", "now"} || phrase == V{"now"} || phrase == V{"today"} ||
        phrase == V{"moments", "ago"} || phrase == V{"a", "moment", "ago"} ||
        phrase == V{"just", "posted"}) {
        return back_from_now(0);
    }
    if (phrase == V{"yesterday"}) {
        return back_from_now(kDay);
    }
    if (phrase.empty() || phrase.back() != "ago") {
        return std::nullopt;
    }
    phrase.pop_back();
    std::size_t j = 0;
    static constexpr std::string_view kHedges[] = {"about",  "over",          "almost", "around",
                                                   "nearly", "approximately", "~"};
    for (auto h : kHedges) {
        if (j < phrase.size() && phrase[j] == h) {
            ++j;
            break;
        }
    }
    if (j + 1 < phrase.size() && (phrase[j] == "more" || phrase[j] == "less") &&
        phrase[j + 1] == "than") {
        j += 2;
    }
    std::int64_t amount = -1;
    std::string_view unit_word;
    if (j < phrase.size()) {
        std::string_view q = phrase[j];
        static constexpr std::string_view kWords[] = {
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};
        if (q == "a" || q == "an") {
            amount = 1;
            if (j + 1 < phrase.size() && phrase[j + 1] == "few") {
                amount = 2;
                ++j;
            }
        } else if (q == "few") {
            amount = 2;
        } else {
            for (std::size_t k = 0; k < std::size(kWords); ++k) {
                if (q == kWords[k]) {
                    amount = static_cast<std::int64_t>(k);
                }
            }
        }
        if (amount < 0 && !q.empty() && is_digit(q[0])) {
            std::size_t d = 0;
            amount = 0;
            while (d < q.size() && is_digit(q[d])) {
                if (amount > 1000000) {
                    return Result<std::int64_t>(cannot_read(s));
                }
                amount = amount * 10 + (q[d] - '0');
                ++d;
            }
            if (d < q.size() && q[d] == '+') {
                ++d;
            }
            unit_word = q.substr(d);  // "2d", "3h" or "" when the unit is the next word
        }
        if (amount < 0) {
            return std::nullopt;
        }
        ++j;
    }
    if (unit_word.empty()) {
        if (j + 1 != phrase.size()) {
            return std::nullopt;
        }
        unit_word = phrase[j];
    } else if (j != phrase.size()) {
        return std::nullopt;
    }
    auto unit = unit_seconds(unit_word);
    if (!unit) {
        return std::nullopt;
    }
    return back_from_now(amount * *unit);
}

}  // namespace

bool in_range(std::int64_t epoch) {
    return epoch >= min_epoch() && epoch <= max_epoch();
}

Result<std::int64_t> from_number(double value) {
    if (!std::isfinite(value)) {
        return Error{"time value is not a finite number"};
    }
    if (value < 0) {
        return Error{"time value is negative (before 1970)"};
    }
    if (value >= 1e11) {
        value /= 1000;  // milliseconds
    }
    double seconds = std::floor(value);
    if (seconds > static_cast<double>(max_epoch())) {
        char shown[64];
        std::snprintf(shown, sizeof shown, "%.0f", seconds);
        return Error{std::string("time value ") + shown + " is after " + std::to_string(kMaxYear)};
    }
    return static_cast<std::int64_t>(seconds);
}

Result<std::int64_t> parse(std::string_view text, std::int64_t now) {
    if (text.size() > kMaxTextBytes) {
        return Error{"date/time text is " + std::to_string(text.size()) + " bytes, more than " +
                     std::to_string(kMaxTextBytes)};
    }
    std::string s = ascii::to_lower(text);
    std::size_t b = 0, e = s.size();
    while (b < e && ascii::is_space(s[b])) {
        ++b;
    }
    while (e > b && ascii::is_space(s[e - 1])) {
        --e;
    }
    std::string_view t(s.data() + b, e - b);
    if (t.empty()) {
        return Error{"empty date/time text"};
    }
    // Digits alone (with an optional fraction) are an epoch in seconds or milliseconds.
    std::size_t digit_count = 0;
    while (digit_count < t.size() && is_digit(t[digit_count])) {
        ++digit_count;
    }
    if (digit_count > 0 && digit_count <= 16 &&
        (digit_count == t.size() ||
         (t[digit_count] == '.' && t.size() > digit_count + 1 &&
          t.find_first_not_of("0123456789", digit_count + 1) == std::string_view::npos))) {
        return from_number(std::stod(std::string(t)));
    }
    if (auto relative = parse_relative(t, now)) {
        return std::move(*relative);
    }
    if (auto iso = parse_iso(t, text)) {
        return std::move(*iso);
    }
    return parse_words(t, text);
}

}  // namespace gigscout::timeparse
