#include "views/listing_table.h"

#include <algorithm>
#include <cmath>
#include <cstring>
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

// One row's place in a sort: compared by group, then key, then (texts) the bytes past the
// key, then rank.
struct SortEntry {
    std::uint64_t key = 0;
    std::uint32_t rank = 0;
    std::uint32_t row = 0;
    std::uint8_t group = 0;
};

// Keys whose unsigned order is the values' order.
std::uint64_t ordered_key(std::int64_t v) {
    return static_cast<std::uint64_t>(v) ^ (std::uint64_t{1} << 63);
}
std::uint64_t ordered_key(double v) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    return (bits >> 63) != 0 ? ~bits : bits | (std::uint64_t{1} << 63);
}
// The first eight bytes, big-endian, zero-padded: compares as the text's start does.
std::uint64_t leading_bytes(std::string_view text) {
    std::uint64_t key = 0;
    for (std::size_t i = 0; i < 8; ++i) {
        key = (key << 8) | (i < text.size() ? static_cast<unsigned char>(text[i]) : 0u);
    }
    return key;
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

// --- loading ---------------------------------------------------------------------------------

Result<TableRows> ListingTable::read_rows(Store& store, const Scorer* scorer) {
    ListingViewQuery query;
    query.filter.include_hidden = true;
    query.filter.include_closed = true;
    query.filter.include_dropped = true;
    query.scorer = scorer;
    query.include_filtered = true;
    auto view = load_listing_view(store, query);
    if (!view) {
        return view.error();
    }
    return prepare(std::move(view).value());
}

TableRows ListingTable::prepare(ListingView view) {
    TableRows d;
    d.rows = std::move(view.rows);
    d.skill_ids = std::move(view.skill_ids);
    d.look_mark = view.look_mark;
    const std::size_t n = d.rows.size();
    d.rank.assign(n, 0);
    for (std::size_t i = 0; i < view.order.size(); ++i) {
        d.rank[view.order[i]] = static_cast<std::uint32_t>(i);
    }
    const CurrencyTable& currencies = CurrencyTable::bundled();
    d.pay_low.resize(n);
    d.pay_high.resize(n);
    d.pay_basis.resize(n);
    d.posted.resize(n);
    for (TableRows::TextColumn* column : {&d.titles, &d.companies, &d.countries, &d.sources}) {
        column->start.reserve(n + 1);
        column->start.push_back(0);
    }
    auto append = [](TableRows::TextColumn& column, std::string_view text, bool fold) {
        std::size_t at = column.bytes.size();
        column.bytes.append(text);
        if (fold) {
            for (std::size_t k = at; k < column.bytes.size(); ++k) {
                column.bytes[k] = ascii::to_lower(column.bytes[k]);
            }
        }
    };
    for (std::size_t i = 0; i < n; ++i) {
        const ListingRow& row = d.rows[i];
        Pay pay = pay_of(row.budget, currencies);
        d.pay_low[i] = pay.low;
        d.pay_high[i] = pay.high;
        d.pay_basis[i] = static_cast<std::uint8_t>(pay.basis);
        d.posted[i] = row.posted_at ? *row.posted_at : row.first_seen;
        append(d.titles, row.title, true);
        append(d.companies, row.company, true);
        append(d.countries, row.client_country, true);
        for (std::size_t k = 0; k < row.sources.size(); ++k) {
            if (k > 0) {
                d.sources.bytes += '\0';  // below every other byte: lists compare source by source
            }
            append(d.sources, row.sources[k], false);
        }
        for (TableRows::TextColumn* column : {&d.titles, &d.companies, &d.countries, &d.sources}) {
            column->start.push_back(static_cast<std::uint32_t>(column->bytes.size()));
        }
    }
    return d;
}

Result<ListingTable> ListingTable::load(Store& store, const Scorer* scorer, std::int64_t now) {
    auto rows = read_rows(store, scorer);
    if (!rows) {
        return rows.error();
    }
    ListingTable table;
    table.adopt(std::move(rows).value(), now);
    return table;
}

Status ListingTable::reload(Store& store, const Scorer* scorer, std::int64_t now) {
    auto rows = read_rows(store, scorer);
    if (!rows) {
        return rows.error();
    }
    adopt(std::move(rows).value(), now);
    return Ok{};
}

TableRows ListingTable::adopt(TableRows rows, std::int64_t now) {
    std::swap(d_, rows);
    now_ = now;
    sorted_.resize(d_.rows.size());
    selected_row_ = row_index(selected_);
    sort_rows();
    refilter();
    return rows;  // the replaced ones, freed wherever the caller lets the value go
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
        shown_.begin(), shown_.end(), [&](std::uint32_t row) { return d_.rows[row].is_new; }));
}

std::size_t ListingTable::refused_loaded() const {
    return static_cast<std::size_t>(std::count_if(d_.rows.begin(), d_.rows.end(), is_refused));
}

std::optional<std::size_t> ListingTable::row_index(std::string_view id) const {
    if (id.empty()) {
        return std::nullopt;
    }
    for (std::size_t i = 0; i < d_.rows.size(); ++i) {
        if (d_.rows[i].id == id) {
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

void ListingTable::sort_rows() {
    const bool descending = sort_.direction == SortDirection::Descending;
    const std::size_t n = d_.rows.size();
    std::vector<SortEntry> entries(n);
    const TableRows::TextColumn* text = nullptr;
    for (std::size_t i = 0; i < n; ++i) {
        SortEntry& e = entries[i];
        e.row = static_cast<std::uint32_t>(i);
        e.rank = d_.rank[i];
        switch (sort_.column) {
            case SortColumn::Score:
                // Rank order is the score's order: refused rows last, then exact score, then id.
                e.key = descending ? d_.rank[i] : ~std::uint64_t{d_.rank[i]};
                continue;  // the direction is in the key already
            case SortColumn::Title:
                text = &d_.titles;
                break;
            case SortColumn::Sources:
                text = &d_.sources;
                break;
            case SortColumn::ClientCountry:
                text = &d_.countries;
                break;
            case SortColumn::Budget:
                // Per hour before fixed in either direction: the two do not compare.
                e.group = std::isnan(d_.pay_high[i]) ? 2 : d_.pay_basis[i];
                e.key = ordered_key(d_.pay_high[i]);
                break;
            case SortColumn::Posted:
                e.key = ordered_key(d_.posted[i]);
                break;
            case SortColumn::State:
                e.key = static_cast<std::uint64_t>(d_.rows[i].state);
                break;
        }
        if (text != nullptr) {
            std::string_view value = (*text)[i];
            e.group = value.empty() ? 1 : 0;
            e.key = leading_bytes(value);
        }
        if (descending) {
            e.key = ~e.key;
        }
    }
    // Rows without the value (a higher group) go last in either direction; ties keep rank
    // order. Entries are compared in place; a text's bytes past the first eight only on ties.
    std::sort(entries.begin(), entries.end(), [&](const SortEntry& a, const SortEntry& b) {
        if (a.group != b.group) {
            return a.group < b.group;
        }
        if (a.key != b.key) {
            return a.key < b.key;
        }
        if (text != nullptr) {
            std::string_view x = (*text)[a.row];
            std::string_view y = (*text)[b.row];
            int c = x.substr(std::min<std::size_t>(8, x.size()))
                        .compare(y.substr(std::min<std::size_t>(8, y.size())));
            if (c != 0) {
                return descending ? c > 0 : c < 0;
            }
        }
        return a.rank < b.rank;
    });
    for (std::size_t i = 0; i < n; ++i) {
        sorted_[i] = entries[i].row;
    }
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
    skill_matches_.assign(d_.skill_ids.size(), 0);
    if (!needle_.empty()) {
        for (std::size_t i = 0; i < d_.skill_ids.size(); ++i) {
            skill_matches_[i] = contains_folded(d_.skill_ids[i], needle_) ||
                                contains_folded(skill_name(d_.skill_ids[i]), needle_);
        }
    }
    skill_index_.reset();
    if (filter_.skill) {
        auto at = std::find(d_.skill_ids.begin(), d_.skill_ids.end(), *filter_.skill);
        if (at != d_.skill_ids.end()) {
            skill_index_ = static_cast<std::uint32_t>(at - d_.skill_ids.begin());
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
    visible_.resize(d_.rows.size());
    for (std::size_t i = 0; i < d_.rows.size(); ++i) {
        visible_[i] = passes(i);
    }
    collect_shown();
}

bool ListingTable::passes(std::size_t i) const {
    const ListingRow& row = d_.rows[i];
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
    if (f.skill && (!skill_index_ || std::find(row.skills.begin(), row.skills.end(),
                                               *skill_index_) == row.skills.end())) {
        return false;
    }
    if (f.min_score && (!row.score || row.score->total < *f.min_score)) {
        return false;
    }
    if (f.job_type && row.job_type != f.job_type) {
        return false;
    }
    if (f.pay) {
        if (std::isnan(d_.pay_high[i])) {
            if (!f.pay->include_unknown) {
                return false;
            }
        } else if (d_.pay_basis[i] != static_cast<std::uint8_t>(f.pay->basis) ||
                   (f.pay->min && !(d_.pay_high[i] >= pay_min_usd_)) ||
                   (f.pay->max && !(d_.pay_low[i] <= pay_max_usd_))) {
            return false;
        }
    }
    if (f.posted_within_days &&
        d_.posted[i] < now_ - std::int64_t{*f.posted_within_days} * kSecondsPerDay) {
        return false;
    }
    if (!needle_.empty() && d_.titles[i].find(needle_) == std::string_view::npos &&
        d_.companies[i].find(needle_) == std::string_view::npos &&
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
    selected_ = d_.rows[*selected_row_].id;
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
    ListingRow& row = d_.rows[i];
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
    const ListingRow& row = d_.rows[*i];
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
    std::vector<std::uint8_t> seen(d_.rows.size(), 0);
    for (std::size_t p = 0; p < std::min(shown, shown_.size()); ++p) {
        seen[shown_[p]] = 1;
    }
    // The mark stops below the first new row that was not shown. Rows the user acted on were
    // seen whether shown now or not.
    std::int64_t mark = d_.look_mark;
    for (std::size_t i = 0; i < d_.rows.size(); ++i) {
        const ListingRow& row = d_.rows[i];
        if (row.is_new && !seen[i] && !row.state_changed_at) {
            mark = std::min(mark, row.entered_seq - 1);
        }
    }
    auto marked = store.mark_looked(mark, now);
    if (!marked) {
        return marked;
    }
    bool changed = false;
    for (ListingRow& row : d_.rows) {
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
