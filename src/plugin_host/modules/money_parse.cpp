#include "plugin_host/modules/money_parse.h"

#include <algorithm>
#include <cstdlib>
#include <initializer_list>
#include <vector>

#include "base/ascii.h"
#include "base/utf8.h"
#include "model/currency.h"
#include "plugin_host/modules/text_ops.h"

namespace gigscout::moneyparse {
namespace {

constexpr double kMaxAmount = 1e12;

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

enum class Kind { Number, Symbol, Word, Dash, Plus, Other };

struct Token {
    Kind kind;
    std::string_view text;
    double value = 0;   // Number
    double suffix = 1;  // Number: 1000 for "40k", 1e6 for "2m"
};

// Dashes that join a range: '-', '~', U+2010-U+2015 (hyphens and dashes), U+2212 (minus).
std::size_t dash_length(std::string_view s, std::size_t i) {
    if (s[i] == '-' || s[i] == '~') {
        return 1;
    }
    if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2) {
        auto b1 = static_cast<unsigned char>(s[i + 1]);
        auto b2 = static_cast<unsigned char>(s[i + 2]);
        if ((b1 == 0x80 && b2 >= 0x90 && b2 <= 0x95) || (b1 == 0x88 && b2 == 0x92)) {
            return 3;
        }
    }
    return 0;
}

// "1,500" -> 1500, "30.00" -> 30, "1.234,56" -> 1234.56, "12,5" -> 12.5, "1,50,000" -> 150000.
double amount_of(std::string_view raw) {
    std::size_t commas = 0, dots = 0;
    for (char c : raw) {
        commas += c == ',';
        dots += c == '.';
    }
    char decimal = 0;
    if (commas > 0 && dots > 0) {
        decimal = raw.rfind(',') > raw.rfind('.') ? ',' : '.';
    } else if (commas == 1) {
        std::size_t after = raw.size() - raw.find(',') - 1;
        decimal = after == 3 ? 0 : ',';
    } else if (dots == 1) {
        decimal = '.';
    }
    std::string digits;
    for (char c : raw) {
        if (is_digit(c)) {
            digits += c;
        } else if (c == decimal) {
            digits += '.';
        }
    }
    return std::strtod(digits.c_str(), nullptr);
}

std::vector<Token> tokenize(std::string_view s) {
    std::vector<Token> tokens;
    std::size_t i = 0;
    while (i < s.size()) {
        if (std::size_t n = text::space_length(s, i)) {
            i += n;
            continue;
        }
        if (std::size_t n = dash_length(s, i)) {
            tokens.push_back({Kind::Dash, s.substr(i, n)});
            i += n;
            continue;
        }
        char c = s[i];
        if (is_digit(c)) {
            std::size_t start = i;
            while (i < s.size() && (is_digit(s[i]) || ((s[i] == ',' || s[i] == '.') &&
                                                       i + 1 < s.size() && is_digit(s[i + 1])))) {
                ++i;
            }
            Token t{Kind::Number, s.substr(start, i - start)};
            t.value = amount_of(t.text);
            std::size_t j = i;
            while (j < s.size() && s[j] == ' ') {
                ++j;  // "40 k"
            }
            if (j < s.size() && (s[j] == 'k' || s[j] == 'K' || s[j] == 'm' || s[j] == 'M') &&
                (j + 1 >= s.size() || !is_letter(s[j + 1]))) {
                t.suffix = s[j] == 'k' || s[j] == 'K' ? 1e3 : 1e6;
                i = j + 1;
            }
            tokens.push_back(t);
            continue;
        }
        if (c == '+') {
            tokens.push_back({Kind::Plus, s.substr(i, 1)});
            ++i;
            continue;
        }
        if (static_cast<unsigned char>(c) < 0x80 && !is_letter(c) && c != '$') {
            tokens.push_back({Kind::Other, s.substr(i, 1)});
            ++i;
            continue;
        }
        // A run of letters, '$' and non-ASCII characters: a word or a currency symbol.
        std::size_t start = i;
        bool symbolic = false;
        while (i < s.size() && text::space_length(s, i) == 0 && dash_length(s, i) == 0 &&
               !is_digit(s[i])) {
            auto u = static_cast<unsigned char>(s[i]);
            if (u < 0x80 && !is_letter(s[i]) && s[i] != '$' &&
                !(s[i] == '.' && i > start && !symbolic)) {
                break;
            }
            symbolic = symbolic || u >= 0x80 || s[i] == '$';
            ++i;
        }
        std::string_view word = s.substr(start, i - start);
        // A trailing period ends a sentence ("500 USD."), except in "Rs.". The word starts
        // with a letter, so it stays non-empty.
        if (!symbolic && word.back() == '.' && word != "Rs.") {
            while (word.back() == '.') {
                word.remove_suffix(1);
            }
            i = start + word.size();
        }
        tokens.push_back({symbolic ? Kind::Symbol : Kind::Word, word});
    }
    return tokens;
}

bool is_upper_code(std::string_view w) {
    return w.size() == 3 &&
           std::all_of(w.begin(), w.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

std::optional<std::string> token_currency(const Token& t) {
    if (t.kind == Kind::Symbol ||
        (t.kind == Kind::Word &&
         (is_upper_code(t.text) || t.text == "Rs" || t.text == "Rs." || t.text == "kr"))) {
        return CurrencyTable::code_from_symbol(t.text);
    }
    return std::nullopt;
}

// True when `marker` occurs in `s` (lower case) not inside a longer word.
bool has_marker(std::string_view s, std::string_view marker) {
    for (std::size_t pos = s.find(marker); pos != std::string_view::npos;
         pos = s.find(marker, pos + 1)) {
        bool left_ok = pos == 0 || !is_letter(marker.front()) || !is_letter(s[pos - 1]);
        std::size_t end = pos + marker.size();
        bool right_ok = end == s.size() || !is_letter(s[end]);
        if (left_ok && right_ok) {
            return true;
        }
    }
    return false;
}

bool has_any(std::string_view s, std::initializer_list<std::string_view> markers) {
    for (auto m : markers) {
        if (has_marker(s, m)) {
            return true;
        }
    }
    return false;
}

// Separators between two amounts that make them a range.
bool joins_range(const std::vector<Token>& tokens, std::size_t from, std::size_t to) {
    bool joined = false;
    for (std::size_t k = from; k < to; ++k) {
        const Token& t = tokens[k];
        if (t.kind == Kind::Dash) {
            joined = true;
        } else if (t.kind == Kind::Word &&
                   (ascii::to_lower(t.text) == "to" || ascii::to_lower(t.text) == "and")) {
            joined = true;
        } else if (!token_currency(t)) {
            return false;
        }
    }
    return joined;
}

std::string shown(std::string_view s) {
    return "\"" + std::string(utf8::truncate(s, 80)) + (s.size() > 80 ? "…\"" : "\"");
}

}  // namespace

std::optional<std::string> currency_code(std::string_view symbol) {
    return CurrencyTable::code_from_symbol(text::trim(symbol));
}

Result<ParsedMoney> parse(std::string_view input) {
    if (input.size() > kMaxTextBytes) {
        return Error{"text is " + std::to_string(input.size()) + " bytes, more than the " +
                     std::to_string(kMaxTextBytes) + "-byte limit (pass the budget phrase only)"};
    }
    std::vector<Token> tokens = tokenize(input);
    ParsedMoney m;
    std::vector<std::size_t> numbers;
    for (std::size_t k = 0; k < tokens.size(); ++k) {
        if (tokens[k].kind == Kind::Number) {
            numbers.push_back(k);
        } else if (!m.currency) {
            m.currency = token_currency(tokens[k]);
        }
    }
    if (numbers.empty()) {
        return Error{"no amount in " + shown(input)};
    }
    Token first = tokens[numbers[0]];
    std::optional<Token> second;
    if (numbers.size() >= 2 && joins_range(tokens, numbers[0] + 1, numbers[1])) {
        second = tokens[numbers[1]];
        // "£40-60k" means 40k to 60k
        if (first.suffix == 1 && second->suffix > 1 && first.value <= second->value) {
            first.suffix = second->suffix;
        }
    }
    double a = first.value * first.suffix;
    if (!(a <= kMaxAmount) || (second && !(second->value * second->suffix <= kMaxAmount))) {
        return Error{"amount in " + shown(input) + " is above 1e12"};
    }
    std::string low = ascii::to_lower(input);
    if (second) {
        double b = second->value * second->suffix;
        if (a > b) {
            return Error{"range in " + shown(input) + " runs backwards"};
        }
        m.min = a;
        m.max = b;
    } else {
        std::string before = ascii::to_lower(
            input.substr(0, static_cast<std::size_t>(first.text.data() - input.data())));
        bool plus_after =
            numbers[0] + 1 < tokens.size() && tokens[numbers[0] + 1].kind == Kind::Plus;
        if (has_any(before, {"up to", "upto", "max", "maximum", "under", "less than", "below"})) {
            m.max = a;
        } else if (plus_after || has_any(before, {"from", "at least", "min", "minimum",
                                                  "starting at", "over", "more than"})) {
            m.min = a;
        } else {
            m.min = a;
            m.max = a;
        }
    }
    if (has_any(low, {"/hr", "/ hr", "/hour", "/ hour", "per hour", "an hour", "per hr", "/h",
                      "hourly", "p/h"})) {
        m.period = "hour";
    } else if (has_any(low, {"/day", "/ day", "per day", "a day", "daily", "day rate"})) {
        m.period = "day";
    } else if (has_any(low, {"/week", "/ week", "/wk", "per week", "a week", "weekly"})) {
        m.period = "week";
    } else if (has_any(low, {"/month", "/ month", "/mo", "/mth", "per month", "a month", "monthly",
                             "pcm"})) {
        m.period = "month";
    } else if (has_any(low, {"/year", "/ year", "/yr", "/annum", "per year", "a year", "per annum",
                             "p.a.", "annual", "annually", "yearly", "/y"})) {
        m.period = "year";
    }
    if (m.period == "hour") {
        m.kind = "hourly";
    } else if (m.period == "year" || m.period == "month" || has_marker(low, "salary")) {
        m.kind = "salary";
    } else if (has_any(low, {"fixed", "budget", "fixed-price", "fixed price"})) {
        m.kind = "fixed";
    }
    return m;
}

}  // namespace gigscout::moneyparse
