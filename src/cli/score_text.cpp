#include "cli/score_text.h"

#include <cmath>
#include <cstdio>
#include <string_view>

#include "base/utf8.h"
#include "taxonomy/taxonomy.h"

namespace gigscout::cli {
namespace {

constexpr std::size_t kLineColumns = 110;

constexpr const char* kIndent = "            ";

std::string grouped(double amount) {
    char buf[64];
    bool whole = std::fabs(amount - std::round(amount)) < 0.005;
    std::snprintf(buf, sizeof buf, whole ? "%.0f" : "%.2f", amount);
    std::string digits = buf;
    std::size_t dot = digits.find('.');
    std::size_t int_end = dot == std::string::npos ? digits.size() : dot;
    std::string out;
    for (std::size_t i = 0; i < int_end; ++i) {
        if (i > 0 && (int_end - i) % 3 == 0) {
            out += ',';
        }
        out += digits[i];
    }
    return out + digits.substr(int_end);
}

std::string money_text(std::string_view currency, const std::string& amounts) {
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

std::string points_text(double points) {
    char buf[32];
    double rounded = std::round(points * 10) / 10;
    bool whole = std::fabs(rounded - std::round(rounded)) < 1e-9;
    std::snprintf(buf, sizeof buf, whole ? "%.0f" : "%.1f", std::fabs(rounded));
    return buf;
}

}  // namespace

// "$30–50/h", "€1,500 fixed", "up to $500 fixed", "$90,000–120,000/yr".
std::string budget_text(const std::optional<Budget>& b) {
    if (!b || (!b->min && !b->max)) {
        return "—";
    }
    std::string unit = b->kind == BudgetKind::Hourly  ? "/h"
                       : b->kind == BudgetKind::Fixed ? " fixed"
                                                      : "/yr";
    if (b->min && b->max && *b->min != *b->max) {
        return money_text(b->currency, grouped(*b->min) + "–" + grouped(*b->max)) + unit;
    }
    if (b->min && b->max) {
        return money_text(b->currency, grouped(*b->min)) + unit;
    }
    if (b->min) {
        return "from " + money_text(b->currency, grouped(*b->min)) + unit;
    }
    return "up to " + money_text(b->currency, grouped(*b->max)) + unit;
}

std::string skill_name(const std::string& id) {
    const Skill* s = Taxonomy::bundled().find(id);
    return s != nullptr ? s->name : id;
}

// Greedy word wrap at kLineColumns, every line indented.
void print_wrapped(const std::string& text) {
    std::string line = kIndent;
    std::size_t columns = std::char_traits<char>::length(kIndent);
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        std::string_view word(text.data() + start, end - start);
        std::size_t width = utf8::length(word);
        bool first = columns == std::char_traits<char>::length(kIndent);
        if (!first && columns + 1 + width > kLineColumns) {
            std::printf("%s\n", line.c_str());
            line = std::string(kIndent) + "  ";
            columns = line.size();
            first = true;
        }
        if (!first) {
            line += ' ';
            ++columns;
        }
        line += word;
        columns += width;
        start = end + 1;
    }
    std::printf("%s\n", line.c_str());
}

std::string explanation(const Score& s) {
    std::string out;
    auto section = [&](const char* label, const std::vector<std::string>& items) {
        if (items.empty()) {
            return;
        }
        out += (out.empty() ? "" : " · ") + std::string(label) + ": ";
        for (std::size_t i = 0; i < items.size(); ++i) {
            out += (i ? ", " : "") + items[i];
        }
    };
    std::vector<std::string> matched;
    std::vector<std::string> partial;
    std::vector<std::string> missing;
    for (const auto& id : s.matched_skills) {
        matched.push_back(skill_name(id));
    }
    for (const auto& p : s.partial_skills) {
        partial.push_back(skill_name(p.skill) + " (via " + skill_name(p.via) + ")");
    }
    for (const auto& id : s.missing_skills) {
        missing.push_back(skill_name(id));
    }
    section("matched", matched);
    section("partial", partial);
    section("missing", missing);
    return out.empty() ? "no skills found in the listing" : out;
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

}  // namespace gigscout::cli
