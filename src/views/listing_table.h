// The listing list a front end shows (the desktop app's list, bound by its window): every
// stored listing loaded once into small rows (load_listing_view), then sorted, filtered,
// selected and acted on in memory, so nothing but an action or a reload touches SQLite.
//
// Hidden, closed and profile-refused rows are loaded too and kept out of sight by the filter,
// so restoring a hidden listing or asking why one is refused needs no query. Positions are
// places in what is shown (0 = first row shown); rows are named by listing id, which survives
// re-sorting, filtering and reloading.
//
// Not thread-safe: one thread (the GUI thread) owns a table. It holds no Store or Scorer;
// calls that read or write take them as arguments.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "model/listing.h"
#include "scoring/scorer.h"
#include "store/store.h"
#include "views/listing_view.h"

namespace gigscout {

// Rows without the sorted value (no title, no pay stated, no client country...) go last in
// either direction; equal values keep rank order.
enum class SortColumn {
    Score,          // rank order (refused rows last); ascending reverses it
    Title,          // byte order after ASCII case folding
    Sources,        // the sorted source list, compared source by source
    Budget,         // the most it pays, in USD: per hour (salary ÷ 2000 h) before fixed prices
    Posted,         // posting date; without one, when GigScout first saw it
    ClientCountry,  // ASCII case folded
    State,          // new, seen, hidden, saved, applied (ListingState's order)
};
enum class SortDirection { Ascending, Descending };

struct TableSort {
    SortColumn column = SortColumn::Score;
    SortDirection direction = SortDirection::Descending;
    friend bool operator==(const TableSort&, const TableSort&) = default;
};

// How pay is compared: hourly rates and salaries (÷ 2000 h, as the scorer does) per hour,
// fixed prices as totals. The two are never compared with each other.
enum class PayBasis { PerHour, Fixed };

// A pay range in `currency`: a row passes when its stated pay (converted through the bundled
// CurrencyTable) is on `basis` and overlaps [min, max].
struct PayRange {
    PayBasis basis = PayBasis::PerHour;
    std::optional<double> min;
    std::optional<double> max;
    std::string currency = "USD";
    bool include_unknown = false;  // rows with no stated pay (or an unknown currency) pass too
    friend bool operator==(const PayRange&, const PayRange&) = default;
};

// The rows the profile's hard filters refused (RowScore::filtered, with the scorer's reasons
// in RowScore::reasons): out of sight, shown with the others (after them in rank order), or
// shown alone.
enum class RefusedRows { Hide, Show, Only };

struct TableFilter {
    // Case-insensitive (ASCII) in the title, the company and the row's skill names (taxonomy
    // display names and ids); never the description. Surrounding spaces are ignored.
    std::string text;
    // Only rows in this effective state; closed and content-expired rows then pass too, as in
    // ListingFilter. Hidden finds the hidden rows, so they can be restored.
    std::optional<ListingState> state;
    bool show_hidden = false;  // without a state: hidden rows too
    bool show_closed = false;  // without a state: closed rows and rows whose content expired
    std::optional<std::string> source;  // rows this source (or a merged copy's) brought
    // Rows asking for this skill (a taxonomy id among the listing's skills, as the Insights
    // demand counts them).
    std::optional<std::string> skill;
    std::optional<int> min_score;     // rows without a score (no scorer) never pass
    std::optional<JobType> job_type;  // rows that do not state one never pass
    std::optional<PayRange> pay;
    // Posted at most this many days before the table's `now` (without a posting date: first
    // seen at most that long ago).
    std::optional<int> posted_within_days;
    RefusedRows refused = RefusedRows::Hide;
    friend bool operator==(const TableFilter&, const TableFilter&) = default;
};

// What can be done to a row from the list. Each is undoable.
enum class RowAction { Save, Hide, Apply, BackToNew };

// Rows read for a table (ListingTable::read_rows) with what sorting and filtering them needs
// worked out on the reading thread. Only a ListingTable reads inside; pass it to adopt.
class TableRows {
  public:
    std::size_t size() const { return rows.size(); }  // listings read

  private:
    friend class ListingTable;

    // One text per row, one after another: sorting and searching read these few megabytes
    // instead of a string on the heap per row (a cache miss each; a title sort took 250 ms).
    struct TextColumn {
        std::string bytes;
        std::vector<std::uint32_t> start;  // row i is bytes[start[i], start[i + 1])
        std::string_view operator[](std::size_t row) const {
            return std::string_view(bytes).substr(start[row], start[row + 1] - start[row]);
        }
    };

    std::deque<ListingRow> rows;  // as load_listing_view read them
    std::vector<std::string> skill_ids;
    std::int64_t look_mark = 0;
    std::vector<std::uint32_t> rank;  // rank[row]: its place in rank order
    // Per row: stated pay in USD (per hour, or fixed), NaN when unknown.
    std::vector<double> pay_low;
    std::vector<double> pay_high;
    std::vector<std::uint8_t> pay_basis;  // PayBasis
    std::vector<std::int64_t> posted;     // the posting date, else first seen
    TextColumn titles;                    // ASCII folded
    TextColumn companies;                 // ASCII folded
    TextColumn countries;                 // ASCII folded
    TextColumn sources;                   // the sorted sources joined by '\0'
};

class ListingTable {
  public:
    ListingTable() = default;  // no rows yet: a window's table before its first read
    // Reads every stored listing (hidden, closed and refused ones too) into rows, scored with
    // `scorer` (nullptr: unscored, newest first). `now` is the time posted-within is measured
    // from. Shows them with the default sort and filter, nothing selected.
    static Result<ListingTable> load(Store& store, const Scorer* scorer, std::int64_t now);

    // Reads the rows again (after a refresh, or with another profile's scorer), keeping the
    // sort, the filter, the selected id and the undo history. The table is unchanged when the
    // read fails.
    Status reload(Store& store, const Scorer* scorer, std::int64_t now);

    // The same in two halves, for a front end whose GUI thread must not wait on SQLite:
    // read_rows on a worker thread (with that thread's own Store; no table is touched), then
    // adopt on the thread that owns the table, which keeps sort, filter, selection and undo
    // history as reload does. adopt costs a sort and a filter pass, not a read. It returns
    // the rows it replaced: freeing 100,000 of them takes tens of milliseconds, which a caller
    // may spend on another thread (or ignore the value and spend here).
    static Result<TableRows> read_rows(Store& store, const Scorer* scorer);
    TableRows adopt(TableRows rows, std::int64_t now);

    // --- what is shown ---------------------------------------------------------------------
    std::size_t size() const { return shown_.size(); }  // rows shown
    // The row at `position` (< size()).
    const ListingRow& at(std::size_t position) const { return d_.rows[shown_[position]]; }
    // Every row read, shown or not, in the order read (i < loaded()).
    const ListingRow& loaded_row(std::size_t i) const { return d_.rows[i]; }
    std::optional<std::size_t> position_of(std::string_view id) const;
    std::size_t loaded() const { return d_.rows.size(); }  // every row read, shown or not
    std::size_t new_shown() const;                         // rows shown with is_new
    std::size_t refused_loaded() const;                    // rows the profile's filters refused
    std::int64_t now() const { return now_; }
    // Distinct skill ids; ListingRow::skills index into it.
    const std::vector<std::string>& skill_ids() const { return d_.skill_ids; }

    // --- sort and filter -------------------------------------------------------------------
    const TableSort& sort() const { return sort_; }
    void set_sort(const TableSort& sort);
    const TableFilter& filter() const { return filter_; }
    void set_filter(const TableFilter& filter);

    // --- selection: kept by listing id -----------------------------------------------------
    // The selected id stays selected while its row is out of sight (selected_position() is
    // then empty) and is shown selected again when the row comes back.
    void select(std::string_view id);
    void select_at(std::size_t position);  // past the end: nothing is selected
    void clear_selection();
    const std::string& selected_id() const { return selected_; }  // empty: none
    std::optional<std::size_t> selected_position() const;

    // --- actions ---------------------------------------------------------------------------
    // Writes the action to the store (Store::set_state) and updates the row in memory. Apply
    // takes a note (nullopt keeps the current note); Save and Hide keep the note; BackToNew
    // forgets the action and its note, as Store::set_state(New) does. When the row
    // was selected and the action takes it out of sight, the row that took its place (or the
    // one before, at the end) is selected, so triage goes on from the keyboard. The store's
    // error leaves the row and the undo history as they were.
    Status act(Store& store, std::string_view id, RowAction action, std::int64_t now,
               const std::optional<std::string>& note = std::nullopt);
    // Restores the state and note the last action replaced (in the store and in memory) and
    // selects that row. Nothing to undo is an error saying so.
    Status undo(Store& store, std::int64_t now);
    bool can_undo() const { return !undo_.empty(); }

    // --- new since the last look -------------------------------------------------------------
    // Records that the rows shown — the first `shown` positions when given — were seen: they
    // are no longer new, in the store and in memory. The store keeps one look mark (an entry
    // counter, Store::mark_looked), so the mark moves only as far as every new row entered up
    // to it was shown: a new row out of sight stays new, and so may rows that entered after it
    // (marking those exactly needs per-listing marks, which the store does not have). Rows the
    // user acted on count as seen, shown or not.
    Status mark_looked(Store& store, std::int64_t now,
                       std::size_t shown = std::numeric_limits<std::size_t>::max());

  private:
    struct UndoStep {
        std::string id;
        ListingState state = ListingState::New;  // the effective state before the action
        bool had_action = false;                 // a stored user action (not implicit new/seen)
        std::string note;
    };

    static TableRows prepare(ListingView view);
    void sort_rows();
    void refilter();
    bool passes(std::size_t row) const;
    void collect_shown();
    Status write_state(Store& store, std::size_t row, ListingState state,
                       const std::optional<std::string>& note, std::int64_t now);
    std::optional<std::size_t> row_index(std::string_view id) const;

    TableRows d_;                        // the rows and their columns
    std::vector<std::uint32_t> sorted_;  // every row, in sort order
    std::vector<std::uint8_t> visible_;  // per row: passes the filter
    std::vector<std::uint32_t> shown_;   // the rows passing the filter, in sort order
    std::int64_t now_ = 0;
    TableSort sort_;
    TableFilter filter_;
    // The filter worked out once: the folded text, which skill ids it matches, pay in USD.
    std::string needle_;
    std::vector<std::uint8_t> skill_matches_;
    std::optional<std::uint32_t> skill_index_;  // filter_.skill in skill_ids; none: no row asks
    double pay_min_usd_ = 0;
    double pay_max_usd_ = 0;
    std::string selected_;
    std::optional<std::size_t> selected_row_;
    std::vector<UndoStep> undo_;
};

}  // namespace gigscout
