// gigscout-cli import FILE: restores a state export, or adds listings from a JSON array
// (docs/listing-format.md) or a CSV selection. Chunked in short transactions and idempotent,
// so an import cut short (a crash, a kill) is completed by running it again.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/file_io.h"
#include "base/iso_time.h"
#include "base/json_stream.h"
#include "base/utf8.h"
#include "cli/command_registry.h"
#include "model/listing_json.h"
#include "store/listing_csv.h"
#include "store/state_export.h"
#include "taxonomy/listing_intake.h"
#include "workspace/import_cross_posts.h"
#include "workspace/workspace.h"

namespace gigscout::cli::import_command {
namespace {

constexpr std::size_t kProblemsShown = 20;

struct ImportOptions {
    std::string file;
};

enum class FileKind { StateExport, ListingArray, Csv };

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// A file named *.csv is CSV; otherwise its first character (after a UTF-8 byte order mark and
// spaces) decides. A .json file that is neither an object nor an array is refused here rather
// than read as CSV, whose complaints about a header row would mislead.
Result<FileKind> detect(const std::string& file, std::string_view text) {
    if (ends_with(file, ".csv")) {
        return FileKind::Csv;
    }
    if (text.substr(0, 2) == "\xFF\xFE" || text.substr(0, 2) == "\xFE\xFF" ||
        text.find('\0') != std::string_view::npos) {
        return Error{file +
                     ": looks like UTF-16 text (it has a UTF-16 byte order mark or NUL "
                     "bytes); save it as UTF-8 and import it again"};
    }
    std::string_view body = utf8::without_bom(text);
    std::size_t first = body.find_first_not_of(" \t\n\r");
    if (first == std::string_view::npos) {
        return Error{file +
                     ": the file is empty; expected a GigScout export, a JSON array of "
                     "listings or a CSV file"};
    }
    if (body[first] == '{') {
        return FileKind::StateExport;
    }
    if (body[first] == '[') {
        return FileKind::ListingArray;
    }
    if (ends_with(file, ".json")) {
        return Error{file +
                     ": expected a GigScout export (a JSON object) or a JSON array of "
                     "listings, got text starting with " +
                     utf8::quoted(utf8::truncate(body.substr(first), 20))};
    }
    return FileKind::Csv;
}

// The listings of a listing array (or of one batch of it), as import entries.
ParsedImport as_entries(ListingsParse parsed, std::int64_t now) {
    ParsedImport out;
    out.problems = std::move(parsed.problems);
    out.state.listings.reserve(parsed.listings.size());
    for (auto& l : parsed.listings) {
        ExportedListing e;
        e.id = l.id;
        e.source = l.source.empty() ? "import" : l.source;
        e.url = l.url;
        e.first_seen = now;
        e.last_seen = now;
        e.is_new = true;
        e.listing = std::move(l);
        out.state.listings.push_back(std::move(e));
    }
    return out;
}

// What an import did, whichever way the file was read.
struct Outcome {
    ImportSummary summary;
    std::size_t merged = 0;  // cross-posted copies merged (a listing array or CSV)
    std::optional<std::string> sources;
    std::vector<std::string> problems;
    std::vector<std::string> repaired;
    // A listing array or CSV: cross-posts across the file's batches too.
    ImportCrossPosts cross_posts;
};

void add(ImportSummary& to, const ImportSummary& s) {
    to.listings_added += s.listings_added;
    to.listings_updated += s.listings_updated;
    to.actions_applied += s.actions_applied;
    to.profiles_saved += s.profiles_saved;
    to.settings_added += s.settings_added;
    to.merges += s.merges;
}

// Every listing enters by the intake door; a GigScout export brings its own skills. The ones
// refused are named and left out.
void admit(StateExport& state, std::int64_t now, std::vector<std::string>& problems) {
    std::size_t kept = 0;
    for (auto& e : state.listings) {
        if (e.listing) {
            if (Status ok = admit_listing(*e.listing, now, GivenSkills::Keep); !ok) {
                problems.push_back("listing " + utf8::quoted(e.id) + ": " + ok.error().message);
                continue;
            }
        }
        if (&state.listings[kept] != &e) {
            state.listings[kept] = std::move(e);
        }
        ++kept;
    }
    state.listings.resize(kept);
}

// Stores one part of the file (all of it, or a batch): its listings through the door, then
// into the store, then — for a listing array or CSV — its cross-posted copies merged.
Status store_part(ParsedImport& part, bool from_export, Store& store, std::int64_t now,
                  Outcome& out) {
    admit(part.state, now, part.problems);
    // Listings from a JSON array or CSV enter as a refresh's do: cross-posted copies of one job
    // are merged (docs/dedupe.md). An export brings its own merges (`merged_into`).
    std::vector<const Listing*> listings;
    std::vector<std::pair<std::string, std::string>> merges;
    if (!from_export) {
        for (const auto& e : part.state.listings) {
            if (e.listing) {
                listings.push_back(&*e.listing);
            }
        }
        auto found = out.cross_posts.find(listings, store);
        if (!found) {
            return found.error();
        }
        merges = std::move(found).value();
    }
    auto summary = store.import_state(part.state, now);
    if (!summary) {
        return summary.error();
    }
    add(out.summary, summary.value());
    out.cross_posts.remember(listings);
    for (const auto& [keep, duplicate] : merges) {
        if (auto m = store.merge_listings(keep, duplicate); m) {
            ++out.merged;
        } else {
            std::fprintf(stderr, "gigscout-cli import: not merged: %s\n",
                         m.error().message.c_str());
        }
    }
    for (auto& p : part.problems) {
        out.problems.push_back(std::move(p));
    }
    for (auto& r : part.repaired) {
        out.repaired.push_back(std::move(r));
    }
    if (part.state.sources) {
        out.sources = std::move(part.state.sources);
    }
    return Ok{};
}

constexpr std::size_t kBatchListings = 2000;
constexpr std::size_t kBatchBytes = 16u << 20;

// How a JSON file is read: json::check_file passed it (`damage` empty), or refused it for what
// `damage` says and it is read element by element, skipping damaged ones.
struct JsonReading {
    std::string file;
    std::optional<std::string> damage;

    Status for_each(const std::function<Status(std::string_view)>& element,
                    const std::function<void(std::string_view, std::string_view)>& other,
                    const std::function<Status(const json::SkippedElement&)>& skipped,
                    bool listing_array) const {
        if (!damage) {
            return json::for_each_element(file, "listings", element, other);
        }
        // An export's text that is not UTF-8 is mended entry by entry; a listing array's is not.
        return json::for_each_readable_element(file, "listings", listing_array, element, other,
                                               skipped);
    }
};

// An export's members other than `listings` (small: profiles, settings, sources), read before
// anything is stored so that a file of another format or a newer version is refused first.
Result<ParsedImport> read_export_header(const JsonReading& reading, std::int64_t now) {
    const std::string& file = reading.file;
    std::string header = "{";
    Status read =
        reading.for_each([](std::string_view) -> Status { return Ok{}; },
                         [&](std::string_view name, std::string_view value) {
                             header += header.size() > 1 ? "," : "";
                             header.append(name).append(":").append(value);
                         },
                         [](const json::SkippedElement&) -> Status { return Ok{}; }, false);
    if (!read) {
        return read.error();
    }
    header += header.size() > 1 ? "," : "";
    header += "\"listings\": []}";
    return state_export_from_json(header, file, now);
}

// What a damaged file lost at one place: "listing 7 (bytes 812 to 1400): not JSON: ...".
std::string skipped_problem(const json::SkippedElement& skip, bool from_export) {
    std::string out = from_export ? "listings[" + std::to_string(skip.index) + "]"
                                  : "listing " + std::to_string(skip.index);
    if (!skip.too_large_number.empty()) {
        // Set aside as in a file read whole (parse_listings).
        return out + ": the number " + skip.too_large_number +
               " is too large (it does not fit a double)";
    }
    if (skip.resumed_at) {
        return out + " (bytes " + std::to_string(skip.begin) + " to " +
               std::to_string(*skip.resumed_at) + "): not JSON: " + skip.reason +
               "; skipped to the next listing";
    }
    return out + " (from byte " + std::to_string(skip.begin) + "): not JSON: " + skip.reason +
           "; nothing after it could be read (was the file cut short?)";
}

// A JSON array of listings, or an export's listings, read in batches (docs/store.md, "Export and
// import"): memory holds one batch, whatever the size of the file. A file json::check_file
// refused loses only its damaged elements, each named with its place and bytes.
Status import_streaming(const JsonReading& reading, std::optional<ParsedImport> header,
                        Store& store, std::int64_t now, Outcome& out) {
    const std::string& file = reading.file;
    const bool from_export = header.has_value();
    if (header) {
        if (Status s = store_part(*header, true, store, now, out); !s) {
            return s;
        }
    }
    std::vector<std::pair<std::string, std::string>> merged_into;
    std::string batch = "[";
    std::size_t first = 0;
    std::size_t count = 0;
    auto flush = [&]() -> Status {
        if (count == first) {
            return Ok{};
        }
        batch += ']';
        Result<ParsedImport> part = Error{};
        if (from_export) {
            part = exported_listings_from_json(batch, file, first, now);
        } else if (auto parsed = parse_listings(batch, file, now, first)) {
            part = as_entries(std::move(parsed).value(), now);
        } else {
            part = parsed.error();
        }
        batch = "[";
        const std::size_t begin = first;
        first = count;
        if (!part) {
            // Not expected: every element was read as JSON; the batch is named and skipped.
            out.problems.push_back("listings " + std::to_string(begin) + " to " +
                                   std::to_string(count - 1) + ": " + part.error().message);
            return Ok{};
        }
        for (const auto& e : part.value().state.listings) {
            if (e.merged_into) {
                merged_into.emplace_back(e.id, *e.merged_into);
            }
        }
        return store_part(part.value(), from_export, store, now, out);
    };
    Status read = reading.for_each(
        [&](std::string_view element) -> Status {
            batch += count > first ? "," : "";
            batch += element;
            ++count;
            if (count - first >= kBatchListings || batch.size() >= kBatchBytes) {
                return flush();
            }
            return Ok{};
        },
        [](std::string_view, std::string_view) {},
        [&](const json::SkippedElement& skip) -> Status {
            // The batch before it is stored first, so that indexes in it stay those of the file.
            if (Status s = flush(); !s) {
                return s;
            }
            out.problems.push_back(skipped_problem(skip, from_export));
            first = ++count;
            return Ok{};
        },
        !from_export);
    if (!read) {
        return read;
    }
    if (Status s = flush(); !s) {
        return s;
    }
    // Merges last, once every listing of the file is in.
    if (!merged_into.empty()) {
        auto applied = store.apply_imported_merges(merged_into);
        if (!applied) {
            return applied.error();
        }
        out.summary.merges += applied.value();
    }
    return Ok{};
}

// The first bytes of the file, enough to tell its kind; fails as read_text_file does.
Result<std::string> read_head(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in || std::filesystem::is_directory(file)) {
        auto whole = read_text_file(file);
        if (!whole) {
            return whole.error();
        }
        return Error{file + ": cannot be read"};
    }
    std::string head(64 * 1024, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return head;
}

int run_import(const ImportOptions& opt, const GlobalOptions& global) {
    auto paths = global.paths();
    if (!paths) {
        return kExitUsage;
    }
    auto head = read_head(opt.file);
    if (!head) {
        return fail("import", head.error().message, kExitUsage);
    }
    const std::int64_t now = now_epoch_seconds();
    auto kind = detect(opt.file, head.value());
    if (!kind) {
        return fail("import", kind.error().message, kExitUsage);
    }
    // A CSV file and a sound JSON file are checked first so that nothing is stored from a file
    // that would be refused; a JSON file the check refuses is damaged and gives what can be read.
    JsonReading reading{opt.file, std::nullopt};
    std::optional<std::size_t> count;
    if (kind.value() != FileKind::Csv) {
        if (auto checked = json::check_file(opt.file, "listings")) {
            count = checked.value();
        } else {
            reading.damage = checked.error().message;
        }
    } else {
        auto rows = check_csv_file(opt.file);
        if (!rows) {
            return fail("import", rows.error().message, kExitUsage);
        }
        count = rows.value();
    }
    std::optional<ParsedImport> header;
    if (kind.value() == FileKind::StateExport) {
        auto h = read_export_header(reading, now);
        if (!h) {
            return fail("import", h.error().message, kExitUsage);
        }
        header = std::move(h).value();
    }
    auto opened = Workspace::open(*paths);
    if (!opened) {
        return fail("import", opened.error());
    }
    Store& store = opened.value().store();
    if (count) {
        std::fprintf(stderr, "gigscout-cli import: importing %zu listings into %s\n", *count,
                     store.file().c_str());
    } else {
        std::fprintf(stderr,
                     "gigscout-cli import: %s\ngigscout-cli import: reading it entry by entry: "
                     "importing the listings that can be read into %s\n",
                     reading.damage->c_str(), store.file().c_str());
    }
    Outcome outcome;
    Status stored = Ok{};
    if (kind.value() == FileKind::Csv) {
        stored = listings_from_csv_file(opt.file, now, kBatchListings, [&](ParsedImport& part) {
            return store_part(part, false, store, now, outcome);
        });
    } else {
        stored = import_streaming(reading, std::move(header), store, now, outcome);
    }
    if (!stored) {
        return fail("import", stored.error().message, kExitInternal);
    }
    // The export's sources join the user's sources.json; a source the user has already stays
    // as it is (docs/sources.md).
    std::string sources_note;
    if (outcome.sources) {
        auto incoming = parse_sources(*outcome.sources, opt.file + ": sources");
        auto local = load_sources(paths->sources_file());
        if (!incoming || !local) {
            outcome.problems.push_back(!incoming ? incoming.error().message
                                                 : local.error().message);
        } else if (std::size_t added = merge_sources(local.value(), incoming.value()); added > 0) {
            auto w = paths->ensure_exist();
            if (w) {
                w = write_file_atomically(paths->sources_file(), sources_to_json(local.value()));
            }
            if (!w) {
                return fail("import", w.error().message, kExitInternal);
            }
            sources_note = "; " + std::to_string(added) + " sources added to " +
                           paths->sources_file().string();
        }
    }
    const ImportSummary& s = outcome.summary;
    const std::size_t merged = outcome.merged;
    std::printf(
        "imported %s: %zu listings (%zu new, %zu already known), %zu user states, %zu profiles, "
        "%zu settings%s%s\n",
        opt.file.c_str(), s.listings_added + s.listings_updated, s.listings_added,
        s.listings_updated, s.actions_applied, s.profiles_saved, s.settings_added,
        merged > 0 ? ("; " + std::to_string(merged) + " cross-posted copies merged").c_str() : "",
        sources_note.c_str());
    const auto& problems = outcome.problems;
    const auto& repaired = outcome.repaired;
    if (problems.empty() && repaired.empty()) {
        return kExitOk;
    }
    auto show = [&](const std::vector<std::string>& lines, const char* label) {
        for (std::size_t i = 0; i < lines.size() && i < kProblemsShown; ++i) {
            std::fprintf(stderr, "gigscout-cli import: %s: %s%s\n", opt.file.c_str(), label,
                         lines[i].c_str());
        }
        if (lines.size() > kProblemsShown) {
            std::fprintf(stderr, "gigscout-cli import: ... and %zu more\n",
                         lines.size() - kProblemsShown);
        }
    };
    show(repaired, "repaired: ");
    show(problems, "");
    if (problems.empty()) {
        return fail("import",
                    opt.file + " was damaged; " + std::to_string(repaired.size()) +
                        " repairs were made and every entry was imported",
                    kExitUsage);
    }
    return fail("import",
                std::to_string(problems.size()) + " entries of " + opt.file +
                    " were skipped (the rest was imported)",
                kExitUsage);
}

const bool registered = register_command(Command{
    "import", 43, [](CLI::App& app, const GlobalOptions& global) {
        auto opt = std::make_shared<ImportOptions>();
        CLI::App* sub = app.add_subcommand(
            "import",
            "Restore an export, or add listings from a JSON array or CSV file (safe to repeat)");
        sub->add_option("file", opt->file, "A state export, a listings JSON array or a CSV file")
            ->required();
        return [opt, &global] { return run_import(*opt, global); };
    }});

}  // namespace
}  // namespace gigscout::cli::import_command
