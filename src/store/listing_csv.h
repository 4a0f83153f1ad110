// A selection of stored listings as CSV (RFC 4180), for spreadsheets and for moving a selection
// between machines: one row per listing with its state, columns in docs/store.md.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "store/state_export.h"
#include "store/store.h"

namespace gigscout {

// Header row first. Lists (tags, sources) are one cell with one item per line. A cell that a
// spreadsheet would run as a formula (starting with = + - @ or a tab) is written with a
// leading apostrophe, which listings_from_csv removes again.
std::string listings_to_csv(const std::vector<StoredListing>& rows);

// One CSV cell appended to `out` as listings_to_csv writes it: quoted when needed, and a
// formula-like value behind an apostrophe. For other CSV a front end writes (`list --csv`).
void append_csv_cell(std::string& out, std::string_view value);

// Rows become export entries (listing, lifecycle, state) ready for Store::import_state. Fails
// when the text has no header row naming at least id, url and title, or an unknown column;
// each bad row is reported ("row 5: field `budget_min`: expected a number, got \"abc\"") and
// skipped. Listings pass validate_listing (bounded by `now`); missing times default to `now`.
Result<ParsedImport> listings_from_csv(std::string_view text, std::string_view what,
                                       std::int64_t now);

}  // namespace gigscout
