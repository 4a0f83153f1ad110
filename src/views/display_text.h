// The words and numbers every front end shows for a listing, in one style: pay ("$30–50/h",
// "€2,000 fixed"), score points, skill names, reasons, dates ("2026-11-25", "3 d ago") and
// fixed-width cells for terminal tables. The CLI's commands and the desktop app both print
// through these, so a listing reads the same everywhere.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/listing.h"
#include "scoring/scorer.h"

namespace gigscout {

// Thousands grouped with commas; whole amounts without decimals, others with two:
// 1500 -> "1,500", 42.5 -> "42.50".
std::string grouped_amount(double amount);

// An amount in a currency: a symbol for USD, EUR, GBP, INR and JPY ("$1,500", "€40"), else the
// ISO code and a space ("CHF 1,500").
std::string money_text(double amount, std::string_view currency);

// A listing's pay: "$30–50/h", "€2,000 fixed", "$90,000–120,000/yr", "from $40/h",
// "up to $500 fixed"; "—" when none is stated.
std::string budget_text(const std::optional<Budget>& budget);

// Score points to one decimal, without the sign and without ".0": 12.46 -> "12.5", -5 -> "5".
std::string points_text(double points);

// Every component's points: "skill 42.5 + level 10 + budget 20 + recency 8 + client 4 − penalty
// 5". Empty for a score without components.
std::string points_line(const Score& score);

// A skill's display name in the bundled taxonomy ("opencv" -> "OpenCV"); the id itself when
// the taxonomy does not know it.
std::string skill_name(std::string_view id);

// "matched: OpenCV, Python · partial: PyTorch (via TensorFlow) · missing: Kubernetes", in
// display names; "no skills found in the listing" when all three lists are empty.
std::string skills_text(const Score& score);

// Why the profile's hard filters refused a listing, in the scorer's words joined by "; ".
// Empty when it was not refused (or scored with ScoreDetail::Numbers).
std::string filter_reasons_text(const Score& score);

// The UTC date: "2026-11-25".
std::string date_text(std::int64_t epoch_seconds);
// The UTC date and minute: "2026-11-25 10:00 UTC".
std::string date_time_text(std::int64_t epoch_seconds);

// A span of time: minutes below two hours (unless whole), then hours, then days from two days
// on; rounded up, so "next in 5 min" never promises a run sooner than it comes.
std::string span_text(std::int64_t seconds);

// How long before `now` a moment was: "just now" (under a minute), "5 min ago", "3 h ago",
// "3 d ago" (under 60 days), then the date ("2026-09-01"). A moment after `now` (clocks
// differ between platforms) is "just now" up to a minute ahead, else the date.
std::string relative_time(std::int64_t then, std::int64_t now);

// `text` cut or padded to exactly `columns` code points for a terminal table: newlines and
// tabs become spaces and a cut ends in "…". A code point counts as one column, which holds
// for the Latin, Greek and Cyrillic text listings use.
std::string fit_columns(std::string_view text, std::size_t columns);

// Word-wrapped for a terminal: lines of at most `columns` code points, the first starting with
// `indent`, the others with `indent` and two spaces; each line ends with '\n'.
std::string wrap_columns(std::string_view text, std::size_t columns, std::string_view indent);

// The explanation lines under a ranked listing in `match` and `list --explain`: wrap_columns at
// 110 columns under a 12-space indent.
std::string explanation_lines(std::string_view text);

}  // namespace gigscout
