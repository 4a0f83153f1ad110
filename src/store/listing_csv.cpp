#include "store/listing_csv.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <functional>
#include <map>

#include "base/file_io.h"
#include "base/iso_time.h"
#include "model/listing_validator.h"

namespace gigscout {
namespace {

constexpr std::array<std::string_view, 26> kColumns = {"id",
                                                       "source",
                                                       "url",
                                                       "title",
                                                       "company",
                                                       "location",
                                                       "posted_at",
                                                       "budget_kind",
                                                       "budget_min",
                                                       "budget_max",
                                                       "budget_currency",
                                                       "remote",
                                                       "job_type",
                                                       "experience_level",
                                                       "proposals",
                                                       "tags",
                                                       "skills",
                                                       "state",
                                                       "state_changed_at",
                                                       "applied_at",
                                                       "note",
                                                       "first_seen",
                                                       "last_seen",
                                                       "closed_at",
                                                       "sources",
                                                       "description"};

bool formula_like(std::string_view s) {
    return !s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
                          s[0] == '\t' || s[0] == '\r');
}

void cell(std::string& out, std::string_view value) {
    std::string v;
    if (formula_like(value)) {
        v = "'";
    }
    v.append(value);
    bool quote = v.find_first_of(",\"\n\r") != std::string::npos ||
                 (!v.empty() && (v.front() == ' ' || v.back() == ' '));
    if (!quote) {
        out += v;
        return;
    }
    out += '"';
    for (char c : v) {
        if (c == '"') {
            out += '"';
        }
        out += c;
    }
    out += '"';
}

std::string number(double d) {
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, d);
    return std::string(buf, r.ptr);
}

std::string time_or_empty(const std::optional<std::int64_t>& t) {
    return t ? format_iso8601(*t) : std::string();
}

std::string lines(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) {
        out += (out.empty() ? "" : "\n") + i;
    }
    return out;
}

std::vector<std::string> split_lines(std::string_view s) {
    std::vector<std::string> out;
    while (!s.empty()) {
        auto cut = s.find('\n');
        std::string_view item = s.substr(0, cut);
        if (!item.empty() && item.back() == '\r') {
            item.remove_suffix(1);
        }
        if (!item.empty()) {
            out.emplace_back(item);
        }
        if (cut == std::string_view::npos) {
            break;
        }
        s.remove_prefix(cut + 1);
    }
    return out;
}

// RFC 4180 records; quoted cells may hold commas, quotes ("") and line breaks.
struct CsvReader {
    std::string_view text;
    std::size_t pos = 0;
    std::size_t line = 1;

    bool done() const { return pos >= text.size(); }

    // One record; false (with `error`) on a quote that never closes.
    bool record(std::vector<std::string>& cells, std::string& error) {
        cells.clear();
        std::string current;
        bool quoted_cell = false;
        while (pos < text.size()) {
            char c = text[pos];
            if (c == '"' && current.empty() && !quoted_cell) {
                quoted_cell = true;
                std::size_t start_line = line;
                ++pos;
                for (;;) {
                    if (pos >= text.size()) {
                        error = "line " + std::to_string(start_line) +
                                ": a quoted cell is never closed";
                        return false;
                    }
                    char q = text[pos++];
                    if (q == '"') {
                        if (pos < text.size() && text[pos] == '"') {
                            current += '"';
                            ++pos;
                            continue;
                        }
                        break;
                    }
                    line += q == '\n' ? 1 : 0;
                    current += q;
                }
                continue;
            }
            if (c == ',') {
                cells.push_back(std::move(current));
                current.clear();
                quoted_cell = false;
                ++pos;
                continue;
            }
            if (c == '\r' || c == '\n') {
                pos += (c == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') ? 2 : 1;
                ++line;
                break;
            }
            current += c;
            ++pos;
        }
        cells.push_back(std::move(current));
        return true;
    }
};

std::string unguard(std::string s) {
    if (s.size() >= 2 && s[0] == '\'' && formula_like(std::string_view(s).substr(1))) {
        s.erase(0, 1);
    }
    return s;
}

struct CsvRowReader {
    const std::map<std::string, std::size_t>& columns;
    const std::vector<std::string>& cells;
    std::string problem;

    std::string get(std::string_view name) const {
        auto it = columns.find(std::string(name));
        if (it == columns.end() || it->second >= cells.size()) {
            return {};
        }
        return unguard(cells[it->second]);
    }
    void fail(std::string_view name, const std::string& what) {
        if (problem.empty()) {
            problem = "field `" + std::string(name) + "`: " + what;
        }
    }
    std::optional<double> real(std::string_view name) {
        std::string v = get(name);
        if (v.empty()) {
            return std::nullopt;
        }
        double d = 0;
        auto r = std::from_chars(v.data(), v.data() + v.size(), d);
        if (r.ec != std::errc() || r.ptr != v.data() + v.size() || !std::isfinite(d)) {
            fail(name, "expected a number, got \"" + v + "\"");
            return std::nullopt;
        }
        return d;
    }
    std::optional<std::int64_t> integer(std::string_view name) {
        std::string v = get(name);
        if (v.empty()) {
            return std::nullopt;
        }
        std::int64_t n = 0;
        auto r = std::from_chars(v.data(), v.data() + v.size(), n);
        if (r.ec != std::errc() || r.ptr != v.data() + v.size()) {
            fail(name, "expected a whole number, got \"" + v + "\"");
            return std::nullopt;
        }
        return n;
    }
    std::optional<std::int64_t> time(std::string_view name) {
        std::string v = get(name);
        if (v.empty()) {
            return std::nullopt;
        }
        auto t = parse_iso8601(v);
        if (!t) {
            fail(name, "expected an ISO 8601 time such as 2026-11-25T10:00:00Z, got \"" + v + "\"");
        }
        return t;
    }
    std::optional<bool> boolean(std::string_view name) {
        std::string v = get(name);
        if (v.empty()) {
            return std::nullopt;
        }
        if (v == "true" || v == "yes" || v == "1") {
            return true;
        }
        if (v == "false" || v == "no" || v == "0") {
            return false;
        }
        fail(name, "expected true or false, got \"" + v + "\"");
        return std::nullopt;
    }
    template <class E>
    std::optional<E> enumeration(std::string_view name, std::optional<E> (*parse)(std::string_view),
                                 const char* allowed) {
        std::string v = get(name);
        if (v.empty()) {
            return std::nullopt;
        }
        auto e = parse(v);
        if (!e) {
            fail(name, "expected " + std::string(allowed) + ", got \"" + v + "\"");
        }
        return e;
    }
};

std::optional<ExportedListing> read_row(CsvRowReader& r, std::int64_t now) {
    Listing l;
    l.id = r.get("id");
    l.source = r.get("source");
    l.url = r.get("url");
    l.title = r.get("title");
    l.company = r.get("company");
    l.location = r.get("location");
    l.description = r.get("description");
    l.posted_at = r.time("posted_at");
    auto kind = r.enumeration<BudgetKind>("budget_kind", &budget_kind_from_string,
                                          "fixed, hourly or salary");
    auto min = r.real("budget_min");
    auto max = r.real("budget_max");
    std::string currency = r.get("budget_currency");
    if (kind) {
        l.budget = Budget{*kind, min, max, currency};
    } else if (min || max || !currency.empty()) {
        r.fail("budget_kind", "is required when the budget has an amount or currency");
    }
    l.remote = r.boolean("remote");
    l.job_type = r.enumeration<JobType>("job_type", &job_type_from_string,
                                        "freelance, contract, full_time or part_time");
    l.experience_level = r.enumeration<ExperienceLevel>(
        "experience_level", &experience_level_from_string, "entry, intermediate or expert");
    l.proposals = r.integer("proposals");
    l.tags = split_lines(r.get("tags"));
    auto state = r.enumeration<ListingState>("state", &listing_state_from_string,
                                             "new, seen, hidden, saved or applied");
    auto changed_at = r.time("state_changed_at");
    auto applied_at = r.time("applied_at");
    auto first_seen = r.time("first_seen");
    auto last_seen = r.time("last_seen");
    auto closed_at = r.time("closed_at");
    if (!r.problem.empty()) {
        return std::nullopt;
    }
    if (auto s = validate_listing(l, now); !s) {
        r.problem = s.error().message;
        return std::nullopt;
    }
    ExportedListing e;
    e.id = l.id;
    e.source = l.source;
    e.url = l.url;
    e.sources = split_lines(r.get("sources"));
    e.first_seen = first_seen.value_or(now);
    e.last_seen = last_seen.value_or(now);
    e.closed_at = closed_at;
    e.is_new = !state || *state == ListingState::New;
    // "seen" without a date is what the listing was shown as, not something the user did.
    if (state && *state != ListingState::New && !(*state == ListingState::Seen && !changed_at)) {
        UserAction a;
        a.state = *state;
        a.changed_at = changed_at.value_or(now);
        a.applied_at = applied_at;
        a.note = r.get("note");
        e.action = std::move(a);
    }
    e.listing = std::move(l);
    return e;
}

}  // namespace

void append_csv_cell(std::string& out, std::string_view value) {
    cell(out, value);
}

std::string listings_to_csv(const std::vector<StoredListing>& rows) {
    std::string out;
    for (std::size_t i = 0; i < kColumns.size(); ++i) {
        out += (i ? "," : "");
        out += kColumns[i];
    }
    out += '\n';
    for (const auto& row : rows) {
        const Listing& l = row.listing;
        std::vector<std::string> skills;
        for (const auto& s : l.skills) {
            skills.push_back(s.skill);
        }
        const std::array<std::string, kColumns.size()> values = {
            l.id,
            l.source,
            l.url,
            l.title,
            l.company,
            l.location,
            time_or_empty(l.posted_at),
            l.budget ? std::string(to_string(l.budget->kind)) : "",
            l.budget && l.budget->min ? number(*l.budget->min) : "",
            l.budget && l.budget->max ? number(*l.budget->max) : "",
            l.budget ? l.budget->currency : "",
            l.remote ? (*l.remote ? "true" : "false") : "",
            l.job_type ? std::string(to_string(*l.job_type)) : "",
            l.experience_level ? std::string(to_string(*l.experience_level)) : "",
            l.proposals ? std::to_string(*l.proposals) : "",
            lines(l.tags),
            lines(skills),
            std::string(to_string(row.state)),
            time_or_empty(row.state_changed_at),
            time_or_empty(row.applied_at),
            row.note,
            format_iso8601(row.first_seen),
            format_iso8601(row.last_seen),
            time_or_empty(row.closed_at),
            lines(row.sources),
            l.description,
        };
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (i) {
                out += ',';
            }
            cell(out, values[i]);
        }
        out += '\n';
    }
    return out;
}

namespace {

// The header's columns by name; fails naming a column that is not a listing's or a missing one.
Result<std::map<std::string, std::size_t>> csv_columns(const std::vector<std::string>& header,
                                                       const std::string& where) {
    std::map<std::string, std::size_t> columns;
    for (std::size_t i = 0; i < header.size(); ++i) {
        std::string name = header[i];
        if (std::find(kColumns.begin(), kColumns.end(), name) == kColumns.end()) {
            return Error{where + ": column " + std::to_string(i + 1) + " `" + name +
                         "` is not a listing column (expected some of: id, source, url, title, "
                         "company, ...; see docs/store.md)"};
        }
        columns[name] = i;
    }
    for (const char* required : {"id", "url", "title"}) {
        if (columns.count(required) == 0) {
            return Error{where + ": the header has no `" + required + "` column"};
        }
    }
    return columns;
}

// One record after the header (`row` counts the header as row 1) into `out`: an entry, a
// problem, or nothing for a blank line.
void take_csv_row(const std::vector<std::string>& cells, std::size_t row,
                  const std::map<std::string, std::size_t>& columns, std::size_t header_cells,
                  std::int64_t now, ParsedImport& out) {
    if (cells.size() == 1 && cells[0].empty()) {
        return;  // a blank line
    }
    CsvRowReader r{columns, cells, {}};
    if (cells.size() != header_cells) {
        out.problems.push_back("row " + std::to_string(row) + ": has " +
                               std::to_string(cells.size()) + " cells, the header " +
                               std::to_string(header_cells));
        return;
    }
    auto e = read_row(r, now);
    if (!e) {
        out.problems.push_back("row " + std::to_string(row) + ": " + r.problem);
        return;
    }
    out.state.listings.push_back(std::move(*e));
}

// A record longer than this is taken for a quote that never closes: reading it on would hold
// the rest of the file.
constexpr std::size_t kMaxCsvRecordBytes = std::size_t{64} << 20;

// Each record of a CSV file (the header first), read a piece at a time: memory holds a piece
// and the record it ends in.
Status for_each_csv_record(const std::filesystem::path& file, const std::string& where,
                           const std::function<Status(const std::vector<std::string>&)>& each) {
    std::string buffer;
    std::size_t line = 1;
    bool started = false;
    std::vector<std::string> cells;
    std::string error;
    auto drain = [&](bool at_end) -> Status {
        if (!started) {
            if (!at_end && buffer.size() < 3) {
                return Ok{};
            }
            if (buffer.compare(0, 3, "\xEF\xBB\xBF") == 0) {
                buffer.erase(0, 3);  // the byte order mark spreadsheets write
            }
            started = true;
        }
        CsvReader reader{buffer, 0, line};
        std::size_t consumed = 0;
        while (!reader.done()) {
            const std::size_t start_line = reader.line;
            const bool read = reader.record(cells, error);
            // Whole only when its line break was read (a "\r" at the end may be half of one),
            // or at the end of the file.
            const char last = reader.pos > 0 ? buffer[reader.pos - 1] : '\0';
            const bool whole =
                at_end || (read && (last == '\n' || (last == '\r' && reader.pos < buffer.size())));
            if (!whole) {
                if (buffer.size() - consumed > kMaxCsvRecordBytes) {
                    return Error{where + ": line " + std::to_string(start_line) +
                                 ": a quoted cell is never closed (or a row is longer than 64 "
                                 "MiB)"};
                }
                break;
            }
            if (!read) {
                return Error{where + ": " + error};
            }
            consumed = reader.pos;
            line = reader.line;
            if (Status s = each(cells); !s) {
                return s;
            }
        }
        buffer.erase(0, consumed);
        return Ok{};
    };
    Status read = read_file_pieces(file, [&](std::string_view piece) {
        buffer.append(piece);
        return drain(false);
    });
    if (!read) {
        return read;
    }
    return drain(true);
}

}  // namespace

Result<ParsedImport> listings_from_csv(std::string_view text, std::string_view what,
                                       std::int64_t now) {
    const std::string where(what);
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        text.remove_prefix(3);  // the byte order mark spreadsheets write
    }
    CsvReader reader{text};
    std::vector<std::string> header;
    std::string error;
    if (reader.done() || !reader.record(header, error)) {
        return Error{where + ": " + (error.empty() ? "empty file, expected a header row" : error)};
    }
    auto columns = csv_columns(header, where);
    if (!columns) {
        return columns.error();
    }
    ParsedImport out;
    std::vector<std::string> cells;
    std::size_t row = 1;
    while (!reader.done()) {
        ++row;
        if (!reader.record(cells, error)) {
            return Error{where + ": " + error};
        }
        take_csv_row(cells, row, columns.value(), header.size(), now, out);
    }
    out.state.exported_at = now;
    return out;
}

Result<std::size_t> check_csv_file(const std::filesystem::path& file) {
    const std::string where = file.string();
    std::size_t records = 0;
    Status read = for_each_csv_record(file, where, [&](const std::vector<std::string>& cells) {
        if (records++ == 0) {
            if (auto columns = csv_columns(cells, where); !columns) {
                return Status(columns.error());
            }
        }
        return Status(Ok{});
    });
    if (!read) {
        return read.error();
    }
    if (records == 0) {
        return Error{where + ": empty file, expected a header row"};
    }
    return records - 1;
}

Status listings_from_csv_file(const std::filesystem::path& file, std::int64_t now,
                              std::size_t batch, const std::function<Status(ParsedImport&)>& each) {
    const std::string where = file.string();
    std::vector<std::string> header;
    std::map<std::string, std::size_t> columns;
    ParsedImport part;
    std::size_t row = 0;
    auto flush = [&]() -> Status {
        part.state.exported_at = now;
        Status s = each(part);
        part = ParsedImport{};
        return s;
    };
    Status read = for_each_csv_record(file, where, [&](const std::vector<std::string>& cells) {
        if (++row == 1) {
            auto c = csv_columns(cells, where);
            if (!c) {
                return Status(c.error());
            }
            header = cells;
            columns = std::move(c).value();
            return Status(Ok{});
        }
        take_csv_row(cells, row, columns, header.size(), now, part);
        if (part.state.listings.size() + part.problems.size() >= std::max<std::size_t>(batch, 1)) {
            return flush();
        }
        return Status(Ok{});
    });
    if (!read) {
        return read;
    }
    if (row == 0) {
        return Error{where + ": empty file, expected a header row"};
    }
    return flush();
}

}  // namespace gigscout
