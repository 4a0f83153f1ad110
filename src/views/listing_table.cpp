#include "views/listing_table.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

#include "base/ascii.h"
#include "model/currency.h"
#include "views/display_text.h"

namespace gigscout {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;
// A salary per year counts as this many hours, as the scorer's budget component counts it.
constexpr double kSalaryHoursPerYear = 2000;
constexpr double kUnknownPay = std::numeric_limits<double>::quiet_NaN();

// -1, 0 or 1: `a` against `b` with ASCII letters folded to lower case.
int compare_folded(std::string_view a, std::string_view b) {
    std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        char x = ascii::to_lower(a[i]);
        char y = ascii::to_lower(b[i]);
        if (x != y) {
            return static_cast<unsigned char>(x) < static_cast<unsigned char>(y) ? -1 : 1;
        }
    }
    return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

// `needle` must be lower case already.
bool contains_folded(std::string_view haystack, std::string_view needle) {
    if (needle.size() > haystack.size()) {
        return false;
    }
    const char first = needle[0];
    const std::size_t last = haystack.size() - needle.size();
    for (std::size_t i = 0; i <= last; ++i) {
        if (ascii::to_lower(haystack[i]) != first) {
            continue;
        }
        std::size_t k = 1;
        while (k < needle.size() && ascii::to_lower(haystack[i + k]) == needle[k]) {
            ++k;
        }
        if (k == needle.size()) {
            return true;
        }
    }
    return false;
}

// The row's pay on `basis` in USD: [low, high], NaN when none is stated or the currency is
// unknown.
struct Pay {
    PayBasis basis = PayBasis::PerHour;
    double low = kUnknownPay;
    double high = kUnknownPay;
};

Pay pay_of(const std::optional<Budget>& budget, const CurrencyTable& currencies) {
    Pay pay;
    if (!budget || (!budget->min && !budget->max)) {
        return pay;
    }
    double per = 1;
    switch (budget->kind) {
        case BudgetKind::Fixed:
            pay.basis = PayBasis::Fixed;
            break;
        case BudgetKind::Hourly:
            break;
        case BudgetKind::Salary:
            per = kSalaryHoursPerYear;
            break;
    }
    auto low =
        currencies.convert(budget->min ? *budget->min : *budget->max, budget->currency, "USD");
    auto high =
        currencies.convert(budget->max ? *budget->max : *budget->min, budget->currency, "USD");
    if (low && high) {
        pay.low = *low / per;
        pay.high = *high / per;
    }
    return pay;
}

bool is_refused(const ListingRow& row) {
    return row.score && row.score->filtered;
}

ListingState target_state(RowAction action) {
    switch (action) {
        case RowAction::Save:
            return ListingState::Saved;
        case RowAction::Hide:
            return ListingState::Hidden;
        case RowAction::Apply:
            return ListingState::Applied;
        case RowAction::BackToNew:
            break;
    }
    return ListingState::New;
}

// What Store::set_state did to the row, done to the row in memory (store.h: New forgets the
// action; a nullopt note keeps the note; applied_at is set when the row first becomes applied).
void apply_state(ListingRow& row, ListingState state, const std::optional<std::string>& note,
                 std::int64_t now) {
    if (state == ListingState::New) {
        row.state = row.is_new ? ListingState::New : ListingState::Seen;
        row.state_changed_at.reset();
        row.applied_at.reset();
        row.note.clear();
        return;
    }
    if (state == ListingState::Applied && !(row.state == ListingState::Applied && row.applied_at)) {
        row.applied_at = now;
    }
    row.state = state;
    row.state_changed_at = now;
    if (note) {
        row.note = *note;
    }
}

}  // namespace

Result<ListingView> ListingTable::read(Store& store, const Scorer* scorer) {
    ListingViewQuery query;
    query.filter.include_hidden = true;
    query.filter.include_closed = true;
    query.filter.include_dropped = true;
    query.scorer = scorer;
    query.include_filtered = true;
    return load_listing_view(store, query);
}

// --- loading ---------------------------------------------------------------------------------

Result<ListingTable> ListingTable::load(Store& store, const Scorer* scorer, std::int64_t now) {
    auto view = read(store, scorer);
    if (!view) {
        return view.error();
    }
    ListingTable table;
    table.adopt(std::move(view).value(), now);
    return table;
}

Status ListingTable::reload(Store& store, const Scorer* scorer, std::int64_t now) {
    auto view = read(store, scorer);
    if (!view) {
        return view.error();
    }
    adopt(std::move(view).value(), now);
    return Ok{};
}

void ListingTable::adopt(ListingView view, std::int64_t now) {
    rows_ = std::move(view.rows);
    skill_ids_ = std::move(view.skill_ids);
    look_mark_ = view.look_mark;
    now_ = now;
    const std::size_t n = rows_.size();
    rank_.assign(n, 0);
    for (std::size_t i = 0; i < view.order.size(); ++i) {
        rank_[view.order[i]] = static_cast<std::uint32_t>(i);
    }
    const CurrencyTable& currencies = CurrencyTable::bundled();
    pay_low_.resize(n);
    pay_high_.resize(n);
    pay_basis_.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        Pay pay = pay_of(rows_[i].budget, currencies);
        pay_low_[i] = pay.low;
        pay_high_[i] = pay.high;
        pay_basis_[i] = static_cast<std::uint8_t>(pay.basis);
    }
    sorted_.resize(n);
    std::iota(sorted_.begin(), sorted_.end(), std::uint32_t{0});
    selected_row_ = row_index(selected_);
    sort_rows();
    refilter();
}

// --- what is shown ---------------------------------------------------------------------------

std::optional<std::size_t> ListingTable::position_of(std::string_view id) const {
    auto row = row_index(id);
    if (!row) {
        return std::nullopt;
    }
    auto it = std::find(shown_.begin(), shown_.end(), static_cast<std::uint32_t>(*row));
    if (it == shown_.end()) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(it - shown_.begin());
}

std::size_t ListingTable::new_shown() const {
    return static_cast<std::size_t>(std::count_if(
        shown_.begin(), shown_.end(), [&](std::uint32_t row) { return rows_[row].is_new; }));
}

std::size_t ListingTable::refused_loaded() const {
    return static_cast<std::size_t>(std::count_if(rows_.begin(), rows_.end(), is_refused));
}

std::optional<std::size_t> ListingTable::row_index(std::string_view id) const {
    if (id.empty()) {
        return std::nullopt;
    }
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        if (rows_[i].id == id) {
            return i;
        }
    }
    return std::nullopt;
}

// --- sort ------------------------------------------------------------------------------------

void ListingTable::set_sort(const TableSort& sort) {
    if (sort == sort_) {
        return;
    }
    sort_ = sort;
    sort_rows();
    collect_shown();
}

// Rows without the sorted value go last in either direction; ties keep rank order.
template <class Missing, class Compare>
void ListingTable::sort_by(Missing missing, Compare compare) {
    const bool descending = sort_.direction == SortDirection::Descending;
    std::sort(sorted_.begin(), sorted_.end(), [&](std::uint32_t a, std::uint32_t b) {
        bool a_missing = missing(a);
        bool b_missing = missing(b);
        if (a_missing != b_missing) {
            return b_missing;
        }
        if (!a_missing) {
            int c = compare(a, b);
            if (c != 0) {
                return descending ? c > 0 : c < 0;
            }
        }
        return rank_[a] < rank_[b];
    });
}

void ListingTable::sort_rows() {
    auto never = [](std::uint32_t) { return false; };
    auto three_way = [](auto a, auto b) { return a < b ? -1 : (b < a ? 1 : 0); };
    switch (sort_.column) {
        case SortColumn::Score:
            // Rank order is the score's order: refused rows last, then exact score, then id.
            std::sort(sorted_.begin(), sorted_.end(), [&](std::uint32_t a, std::uint32_t b) {
                return sort_.direction == SortDirection::Descending ? rank_[a] < rank_[b]
                                                                    : rank_[a] > rank_[b];
            });
            break;
        case SortColumn::Title:
            sort_by([&](std::uint32_t r) { return rows_[r].title.empty(); },
                    [&](std::uint32_t a, std::uint32_t b) {
                        return compare_folded(rows_[a].title, rows_[b].title);
                    });
            break;
        case SortColumn::Sources:
            sort_by([&](std::uint32_t r) { return rows_[r].sources.empty(); },
                    [&](std::uint32_t a, std::uint32_t b) {
                        return three_way(rows_[a].sources, rows_[b].sources);
                    });
            break;
        case SortColumn::Budget:
            // Pay per hour before fixed prices in both directions: the two do not compare.
            sort_by([&](std::uint32_t r) { return std::isnan(pay_high_[r]); },
                    [&](std::uint32_t a, std::uint32_t b) {
                        if (pay_basis_[a] != pay_basis_[b]) {
                            bool a_first = pay_basis_[a] < pay_basis_[b];
                            bool descending = sort_.direction == SortDirection::Descending;
                            return a_first != descending ? -1 : 1;
                        }
                        return three_way(pay_high_[a], pay_high_[b]);
                    });
            break;
        case SortColumn::Posted:
            sort_by(never, [&](std::uint32_t a, std::uint32_t b) {
                return three_way(posted_or_seen(rows_[a]), posted_or_seen(rows_[b]));
            });
            break;
        case SortColumn::ClientCountry:
            sort_by([&](std::uint32_t r) { return rows_[r].client_country.empty(); },
                    [&](std::uint32_t a, std::uint32_t b) {
                        return compare_folded(rows_[a].client_country, rows_[b].client_country);
                    });
            break;
        case SortColumn::State:
            sort_by(never, [&](std::uint32_t a, std::uint32_t b) {
                return three_way(static_cast<int>(rows_[a].state),
                                 static_cast<int>(rows_[b].state));
            });
            break;
    }
}

std::int64_t ListingTable::posted_or_seen(const ListingRow& row) {
    return row.posted_at ? *row.posted_at : row.first_seen;
}

// --- filter ----------------------------------------------------------------------------------

void ListingTable::set_filter(const TableFilter& filter) {
    if (filter == filter_) {
        return;
    }
    filter_ = filter;
    refilter();
}

void ListingTable::refilter() {
    // What the filter needs, worked out once rather than per row.
    needle_ = ascii::to_lower(ascii::trim(filter_.text));
    skill_matches_.assign(skill_ids_.size(), 0);
    if (!needle_.empty()) {
        for (std::size_t i = 0; i < skill_ids_.size(); ++i) {
            skill_matches_[i] = contains_folded(skill_ids_[i], needle_) ||
                                contains_folded(skill_name(skill_ids_[i]), needle_);
        }
    }
    pay_min_usd_ = pay_max_usd_ = kUnknownPay;
    if (filter_.pay) {
        const CurrencyTable& currencies = CurrencyTable::bundled();
        auto usd = [&](const std::optional<double>& amount) {
            // An unknown currency makes the bound impossible to meet (NaN compares false).
            return amount ? currencies.convert(*amount, filter_.pay->currency, "USD")
                                .value_or(kUnknownPay)
                          : kUnknownPay;
        };
        pay_min_usd_ = usd(filter_.pay->min);
        pay_max_usd_ = usd(filter_.pay->max);
    }
    visible_.resize(rows_.size());
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        visible_[i] = passes(i);
    }
    collect_shown();
}

bool ListingTable::passes(std::size_t i) const {
    const ListingRow& row = rows_[i];
    const TableFilter& f = filter_;
    const bool refused = is_refused(row);
    if ((f.refused == RefusedRows::Hide && refused) ||
        (f.refused == RefusedRows::Only && !refused)) {
        return false;
    }
    if (f.state) {
        if (row.state != *f.state) {
            return false;
        }
    } else {
        if (row.state == ListingState::Hidden && !f.show_hidden) {
            return false;
        }
        // Closed, or nothing left to show of it unless the user kept it (as ListingFilter).
        bool kept = row.state == ListingState::Saved || row.state == ListingState::Applied;
        if ((row.closed_at || (row.content_dropped && !kept)) && !f.show_closed) {
            return false;
        }
    }
    if (f.source &&
        std::find(row.sources.begin(), row.sources.end(), *f.source) == row.sources.end()) {
        return false;
    }
    if (f.min_score && (!row.score || row.score->total < *f.min_score)) {
        return false;
    }
    if (f.job_type && row.job_type != f.job_type) {
        return false;
    }
    if (f.pay) {
        if (std::isnan(pay_high_[i])) {
            if (!f.pay->include_unknown) {
                return false;
            }
        } else if (pay_basis_[i] != static_cast<std::uint8_t>(f.pay->basis) ||
                   (f.pay->min && !(pay_high_[i] >= pay_min_usd_)) ||
                   (f.pay->max && !(pay_low_[i] <= pay_max_usd_))) {
            return false;
        }
    }
    if (f.posted_within_days &&
        posted_or_seen(row) < now_ - std::int64_t{*f.posted_within_days} * kSecondsPerDay) {
        return false;
    }
    if (!needle_.empty() && !contains_folded(row.title, needle_) &&
        !contains_folded(row.company, needle_) &&
        std::none_of(row.skills.begin(), row.skills.end(),
                     [&](std::uint32_t s) { return skill_matches_[s] != 0; })) {
        return false;
    }
    return true;
}

void ListingTable::collect_shown() {
    shown_.clear();
    for (std::uint32_t row : sorted_) {
        if (visible_[row]) {
            shown_.push_back(row);
        }
    }
}

// --- selection -------------------------------------------------------------------------------

void ListingTable::select(std::string_view id) {
    selected_.assign(id);
    selected_row_ = row_index(id);
}

void ListingTable::select_at(std::size_t position) {
    if (position >= shown_.size()) {
        clear_selection();
        return;
    }
    selected_row_ = shown_[position];
    selected_ = rows_[*selected_row_].id;
}

void ListingTable::clear_selection() {
    selected_.clear();
    selected_row_.reset();
}

std::optional<std::size_t> ListingTable::selected_position() const {
    if (!selected_row_) {
        return std::nullopt;
    }
    auto it = std::find(shown_.begin(), shown_.end(), static_cast<std::uint32_t>(*selected_row_));
    if (it == shown_.end()) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(it - shown_.begin());
}

// --- actions ---------------------------------------------------------------------------------

Status ListingTable::write_state(Store& store, std::size_t i, ListingState state,
                                 const std::optional<std::string>& note, std::int64_t now) {
    ListingRow& row = rows_[i];
    auto written = store.set_state(row.id, state, note, now);
    if (!written) {
        return written;
    }
    std::optional<std::size_t> was_at =
        selected_row_ == i ? selected_position() : std::optional<std::size_t>();
    apply_state(row, state, note, now);
    visible_[i] = passes(i);
    if (sort_.column == SortColumn::State) {
        sort_rows();
    }
    collect_shown();
    if (was_at && !visible_[i]) {
        // The row left the list: its successor (now at its place) is selected, or the last row.
        if (shown_.empty()) {
            clear_selection();
        } else {
            select_at(std::min(*was_at, shown_.size() - 1));
        }
    }
    return Ok{};
}

Status ListingTable::act(Store& store, std::string_view id, RowAction action, std::int64_t now,
                         const std::optional<std::string>& note) {
    auto i = row_index(id);
    if (!i) {
        return Error{"no listing `" + std::string(id) + "` in the list"};
    }
    const ListingRow& row = rows_[*i];
    UndoStep step{row.id, row.state, row.state_changed_at.has_value(), row.note};
    auto written = write_state(store, *i, target_state(action),
                               action == RowAction::Apply ? note : std::nullopt, now);
    if (!written) {
        return written;
    }
    undo_.push_back(std::move(step));
    return Ok{};
}

Status ListingTable::undo(Store& store, std::int64_t now) {
    if (undo_.empty()) {
        return Error{"nothing to undo"};
    }
    const UndoStep& step = undo_.back();
    auto i = row_index(step.id);
    if (!i) {
        std::string id = step.id;
        undo_.pop_back();
        return Error{"cannot undo: listing `" + id + "` is no longer stored"};
    }
    // Without a stored action the state was implicit (new or seen): forgetting the action
    // brings it back. Otherwise the action is written again with its note.
    auto written = step.had_action ? write_state(store, *i, step.state, step.note, now)
                                   : write_state(store, *i, ListingState::New, std::nullopt, now);
    if (!written) {
        return written;
    }
    select(step.id);
    undo_.pop_back();
    return Ok{};
}

// --- new since the last look -----------------------------------------------------------------

Status ListingTable::mark_looked(Store& store, std::int64_t now, std::size_t shown) {
    std::vector<std::uint8_t> seen(rows_.size(), 0);
    for (std::size_t p = 0; p < std::min(shown, shown_.size()); ++p) {
        seen[shown_[p]] = 1;
    }
    // The mark stops below the first new row that was not shown. Rows the user acted on were
    // seen whether shown now or not.
    std::int64_t mark = look_mark_;
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        const ListingRow& row = rows_[i];
        if (row.is_new && !seen[i] && !row.state_changed_at) {
            mark = std::min(mark, row.entered_seq - 1);
        }
    }
    auto marked = store.mark_looked(mark, now);
    if (!marked) {
        return marked;
    }
    bool changed = false;
    for (ListingRow& row : rows_) {
        if (row.is_new && row.entered_seq <= mark) {
            row.is_new = false;
            if (row.state == ListingState::New) {
                row.state = ListingState::Seen;
            }
            changed = true;
        }
    }
    if (changed) {
        if (sort_.column == SortColumn::State) {
            sort_rows();
        }
        refilter();
    }
    return Ok{};
}

}  // namespace gigscout
