// A selection of stored listings as CSV (RFC 4180), for spreadsheets and for moving a selection
// between machines: one row per listing with its state, columns in docs/store.md.
#pragma once

#include <filesystem>
#include <functional>
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

// A CSV file of any size read as listings_from_csv reads a text, a piece at a time. First
// check_csv_file: the header and every record's quoting, before anything is stored (it
// returns the number of rows after the header); then listings_from_csv_file hands `each` the
// entries and problems of `batch` rows at a time (rows numbered in the whole file).
Result<std::size_t> check_csv_file(const std::filesystem::path& file);
Status listings_from_csv_file(const std::filesystem::path& file, std::int64_t now,
                              std::size_t batch, const std::function<Status(ParsedImport&)>& each);

}  // namespace gigscout
