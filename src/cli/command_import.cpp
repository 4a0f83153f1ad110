// gigscout-cli import FILE: restores a state export, or adds listings from a JSON array
// (docs/listing-format.md) or a CSV selection. Chunked in short transactions and idempotent,
// so an import cut short (a crash, a kill) is completed by running it again.
#include <cstdio>
#include <limits>
#include <utility>
#include <vector>

#include "base/file_io.h"
#include "base/iso_time.h"
#include "base/utf8.h"
#include "cli/command_registry.h"
#include "dedupe/listing_dedupe.h"
#include "model/listing_json.h"
#include "refresh/source_config.h"
#include "store/listing_csv.h"
#include "store/state_export.h"
#include "store/store.h"
#include "taxonomy/skill_extractor.h"

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

Result<ParsedImport> parse(const std::string& file, const std::string& text, std::int64_t now) {
    auto kind = detect(file, text);
    if (!kind) {
        return kind.error();
    }
    switch (kind.value()) {
        case FileKind::StateExport:
            return state_export_from_json(text, file, now);
        case FileKind::Csv:
            return listings_from_csv(text, file, now);
        case FileKind::ListingArray:
            break;
    }
    auto parsed = parse_listings(text, file, now);
    if (!parsed) {
        return parsed.error();
    }
    ParsedImport out;
    out.problems = std::move(parsed.value().problems);
    for (auto& l : parsed.value().listings) {
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

// The duplicates among the imported listings (docs/dedupe.md), as (kept id, duplicate id). Of
// a job cross-posted on several boards the copy the store saw first keeps its id, as in a
// refresh, so what the user did with it stays where it was.
std::vector<std::pair<std::string, std::string>> cross_posts(const StateExport& state,
                                                             Store& store) {
    std::vector<Listing> listings;
    std::vector<std::string> ids;
    for (const auto& e : state.listings) {
        if (e.listing) {
            listings.push_back(*e.listing);
            ids.push_back(e.listing->id);
        }
    }
    std::vector<std::int64_t> rank;
    if (auto seen = store.first_seen(ids)) {
        for (const auto& id : ids) {
            auto it = seen.value().find(id);
            rank.push_back(it == seen.value().end() ? std::numeric_limits<std::int64_t>::max()
                                                    : it->second);
        }
    }
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& group : find_duplicates(listings, rank)) {
        for (std::size_t d : group.duplicates) {
            out.emplace_back(listings[group.keep].id, listings[d].id);
        }
    }
    return out;
}

int run_import(const ImportOptions& opt, const GlobalOptions& global) {
    auto paths = global.paths();
    if (!paths) {
        return kExitUsage;
    }
    auto text = read_text_file(opt.file);
    if (!text) {
        return fail("import", text.error().message, kExitUsage);
    }
    const std::int64_t now = now_epoch_seconds();
    auto parsed = parse(opt.file, text.value(), now);
    if (!parsed) {
        return fail("import", parsed.error().message, kExitUsage);
    }
    StateExport& state = parsed.value().state;
    // Skills are extracted once, when a listing enters; a GigScout export brings its own.
    const SkillExtractor& extractor = SkillExtractor::bundled();
    for (auto& e : state.listings) {
        if (e.listing && e.listing->skills.empty()) {
            annotate_skills(*e.listing, extractor);
        }
    }
    auto opened = Store::open(*paths);
    if (!opened) {
        return fail("import", opened.error());
    }
    Store& store = opened.value();
    // Listings from a JSON array or CSV enter as a refresh's do: cross-posted copies of one job
    // are merged (docs/dedupe.md). An export brings its own merges (`merged_into`).
    auto kind = detect(opt.file, text.value());
    auto merges = kind && kind.value() != FileKind::StateExport
                      ? cross_posts(state, store)
                      : std::vector<std::pair<std::string, std::string>>{};
    std::fprintf(stderr, "gigscout-cli import: importing %zu listings into %s\n",
                 state.listings.size(), store.file().c_str());
    auto summary = store.import_state(state, now);
    if (!summary) {
        return fail("import", summary.error().message, kExitInternal);
    }
    std::size_t merged = 0;
    for (const auto& [keep, duplicate] : merges) {
        if (auto m = store.merge_listings(keep, duplicate); m) {
            ++merged;
        } else {
            std::fprintf(stderr, "gigscout-cli import: not merged: %s\n",
                         m.error().message.c_str());
        }
    }
    // The export's sources join the user's sources.json; a source the user has already stays
    // as it is (docs/sources.md).
    std::string sources_note;
    if (state.sources) {
        auto incoming = parse_sources(*state.sources, opt.file + ": sources");
        auto local = load_sources(paths->sources_file());
        if (!incoming || !local) {
            parsed.value().problems.push_back(!incoming ? incoming.error().message
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
    const ImportSummary& s = summary.value();
    std::printf(
        "imported %s: %zu listings (%zu new, %zu already known), %zu user states, %zu profiles, "
        "%zu settings%s%s\n",
        opt.file.c_str(), s.listings_added + s.listings_updated, s.listings_added,
        s.listings_updated, s.actions_applied, s.profiles_saved, s.settings_added,
        merged > 0 ? ("; " + std::to_string(merged) + " cross-posted copies merged").c_str() : "",
        sources_note.c_str());
    const auto& problems = parsed.value().problems;
    const auto& repaired = parsed.value().repaired;
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
