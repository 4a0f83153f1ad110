// Pay and budget texts as platforms print them ("$25.00-$50.00/hr", "£40k - £60k per year",
// "Budget: 500 USD", "₹ 600 - 1500 INR") to amounts, a currency and a kind.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace gigscout::moneyparse {

struct ParsedMoney {
    std::optional<std::string> kind;      // "hourly", "fixed" or "salary" when the text says so
    std::optional<std::string> period;    // "hour", "day", "week", "month" or "year" when stated
    std::optional<double> min;            // both set (and equal) for a single amount;
    std::optional<double> max;            // only max for "up to $500", only min for "$500+"
    std::optional<std::string> currency;  // ISO 4217 code, when a symbol or code is present
};

// Longer texts are refused: pass the budget phrase, not a whole description.
inline constexpr std::size_t kMaxTextBytes = 1024;

// Fails when the text holds no amount, when a range runs backwards or when an amount is
// above 1e12.
Result<ParsedMoney> parse(std::string_view text);

// The ISO code for a symbol or code ("$", "US$", "€", "£", "₹", "A$", "C$", "¥", "usd"),
// surrounding whitespace ignored (gigscout::CurrencyTable::code_from_symbol).
std::optional<std::string> currency_code(std::string_view symbol);

}  // namespace gigscout::moneyparse
