#include "views/display_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "base/iso_time.h"
#include "base/utf8.h"
#include "taxonomy/taxonomy.h"

namespace gigscout {
namespace {

std::string join(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) {
            out += separator;
        }
        out += item;
    }
    return out;
}

// The currency's symbol before the amounts, else its code and a space.
std::string with_currency(std::string_view currency, const std::string& amounts) {
    if (currency == "USD") {
        return "$" + amounts;
    }
    if (currency == "EUR") {
        return "€" + amounts;
    }
    if (currency == "GBP") {
        return "£" + amounts;
    }
    if (currency == "INR") {
        return "₹" + amounts;
    }
    if (currency == "JPY") {
        return "¥" + amounts;
    }
    return std::string(currency) + " " + amounts;
}

}  // namespace

std::string grouped_amount(double amount) {
    char buf[64];
    bool whole = std::fabs(amount - std::round(amount)) < 0.005;
    std::snprintf(buf, sizeof buf, whole ? "%.0f" : "%.2f", amount);
    std::string_view digits = buf;
    std::string out;
    std::size_t start = 0;
    if (!digits.empty() && digits[0] == '-') {
        out += '-';
        start = 1;
    }
    std::size_t dot = digits.find('.');
    std::size_t int_end = dot == std::string_view::npos ? digits.size() : dot;
    for (std::size_t i = start; i < int_end; ++i) {
        if (i > start && (int_end - i) % 3 == 0) {
            out += ',';
        }
        out += digits[i];
    }
    out += digits.substr(int_end);
    return out;
}

std::string money_text(double amount, std::string_view currency) {
    return with_currency(currency, grouped_amount(amount));
}

std::string budget_text(const std::optional<Budget>& b) {
    if (!b || (!b->min && !b->max)) {
        return "—";
    }
    std::string_view unit = b->kind == BudgetKind::Hourly  ? "/h"
                            : b->kind == BudgetKind::Fixed ? " fixed"
                                                           : "/yr";
    std::string out;
    if (b->min && b->max && *b->min != *b->max) {
        out = with_currency(b->currency, grouped_amount(*b->min) + "–" + grouped_amount(*b->max));
    } else if (b->min && b->max) {
        out = money_text(*b->min, b->currency);
    } else if (b->min) {
        out = "from " + money_text(*b->min, b->currency);
    } else {
        out = "up to " + money_text(*b->max, b->currency);
    }
    return out.append(unit);
}

std::string points_text(double points) {
    char buf[32];
    double rounded = std::round(points * 10) / 10;
    bool whole = std::fabs(rounded - std::round(rounded)) < 1e-9;
    std::snprintf(buf, sizeof buf, whole ? "%.0f" : "%.1f", std::fabs(rounded));
    return buf;
}

std::string points_line(const Score& s) {
    std::string out;
    for (const auto& c : s.components) {
        if (c.name == "penalty") {
            out += " − penalty " + points_text(c.points);
        } else {
            out += (out.empty() ? "" : " + ") + c.name + " " + points_text(c.points);
        }
    }
    return out;
}

std::string skill_name(std::string_view id) {
    const Skill* s = Taxonomy::bundled().find(id);
    return s != nullptr ? s->name : std::string(id);
}

std::string skills_text(const Score& s) {
    std::vector<std::string> sections;
    auto section = [&](std::string_view label, const std::vector<std::string>& names) {
        if (!names.empty()) {
            sections.push_back(std::string(label) + ": " + join(names, ", "));
        }
    };
    std::vector<std::string> names;
    for (const auto& id : s.matched_skills) {
        names.push_back(skill_name(id));
    }
    section("matched", names);
    names.clear();
    for (const auto& p : s.partial_skills) {
        // Every profile skill behind it: "Computer vision (via OpenCV, PyTorch)".
        std::vector<std::string> via;
        for (const auto& id : p.all_via.empty() ? std::vector<std::string>{p.via} : p.all_via) {
            via.push_back(skill_name(id));
        }
        names.push_back(skill_name(p.skill) + " (via " + join(via, ", ") + ")");
    }
    section("partial", names);
    names.clear();
    for (const auto& id : s.missing_skills) {
        // A nice-to-have you lack costs little: the reader should see it is one.
        const bool nice =
            std::find(s.nice_to_have.begin(), s.nice_to_have.end(), id) != s.nice_to_have.end();
        names.push_back(skill_name(id) + (nice ? " (nice to have)" : ""));
    }
    section("missing", names);
    return sections.empty() ? "no skills found in the listing" : join(sections, " · ");
}

std::string filter_reasons_text(const Score& score) {
    return join(score.filter_reasons, "; ");
}

std::string date_text(std::int64_t epoch_seconds) {
    return format_date(epoch_seconds);
}

std::string date_time_text(std::int64_t epoch_seconds) {
    // "2026-11-25T10:00:00Z" -> "2026-11-25 10:00 UTC"
    std::string iso = format_iso8601(epoch_seconds);
    return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

std::string span_text(std::int64_t seconds) {
    constexpr std::int64_t kHour = 3600, kDay = 86400;
    if (seconds < 2 * kHour && seconds % kHour != 0) {
        return std::to_string((seconds + 59) / 60) + " min";
    }
    if (seconds < 2 * kDay) {
        return std::to_string((seconds + kHour - 1) / kHour) + " h";
    }
    return std::to_string((seconds + kDay - 1) / kDay) + " d";
}

std::string relative_time(std::int64_t then, std::int64_t now) {
    constexpr std::int64_t kMinute = 60, kHour = 3600, kDay = 86400;
    std::int64_t ago = now - then;
    if (ago < 0) {
        return -ago <= kMinute ? "just now" : date_text(then);
    }
    if (ago < kMinute) {
        return "just now";
    }
    if (ago < kHour) {
        return std::to_string(ago / kMinute) + " min ago";
    }
    if (ago < kDay) {
        return std::to_string(ago / kHour) + " h ago";
    }
    if (ago < 60 * kDay) {
        return std::to_string(ago / kDay) + " d ago";
    }
    return date_text(then);
}

std::string fit_columns(std::string_view text, std::size_t columns) {
    std::string out;
    std::size_t count = 0;
    const std::size_t total = utf8::length(text);
    std::size_t i = 0;
    while (i < text.size() && count < columns) {
        if (total > columns && count + 1 == columns) {
            out += "…";
            ++count;
            break;
        }
        auto lead = static_cast<unsigned char>(text[i]);
        std::size_t len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        char c = text[i];
        // A cell is one line: newlines and tabs become spaces.
        if (c == '\n' || c == '\t' || c == '\r') {
            out += ' ';
        } else {
            out.append(text.substr(i, len));
        }
        ++count;
        i += len;
    }
    out.append(columns - count, ' ');
    return out;
}

std::string wrap_columns(std::string_view text, std::size_t columns, std::string_view indent) {
    std::string out;
    std::string line(indent);
    std::size_t used = utf8::length(indent);
    bool first = true;  // the first word of a line goes on it whatever its width
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        std::string_view word = text.substr(start, end - start);
        std::size_t width = utf8::length(word);
        if (!first && used + 1 + width > columns) {
            out += line + '\n';
            line = std::string(indent) + "  ";
            used = utf8::length(line);
            first = true;
        }
        if (!first) {
            line += ' ';
            ++used;
        }
        line += word;
        used += width;
        first = false;
        start = end + 1;
    }
    return out + line + '\n';
}

std::string explanation_lines(std::string_view text) {
    return wrap_columns(text, 110, "            ");
}

}  // namespace gigscout
