// gigscout-cli import FILE: restores a state export, or adds listings from a JSON array
// (docs/listing-format.md) or a CSV selection. Chunked in short transactions and idempotent,
// so an import cut short (a crash, a kill) is completed by running it again.
#include <cstdio>

#include "base/file_io.h"
#include "base/iso_time.h"
#include "cli/command_registry.h"
#include "model/listing_json.h"
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

FileKind detect(const std::string& file, std::string_view text) {
    if (file.size() >= 4 && file.compare(file.size() - 4, 4, ".csv") == 0) {
        return FileKind::Csv;
    }
    for (char c : text) {
        if (c == '{') {
            return FileKind::StateExport;
        }
        if (c == '[') {
            return FileKind::ListingArray;
        }
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            break;
        }
    }
    return FileKind::Csv;
}

Result<ParsedImport> parse(const std::string& file, const std::string& text, std::int64_t now) {
    switch (detect(file, text)) {
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
        return fail("import", opened.error().message, kExitInternal);
    }
    std::fprintf(stderr, "gigscout-cli import: importing %zu listings into %s\n",
                 state.listings.size(), opened.value().file().c_str());
    auto summary = opened.value().import_state(state, now);
    if (!summary) {
        return fail("import", summary.error().message, kExitInternal);
    }
    const ImportSummary& s = summary.value();
    std::printf(
        "imported %s: %zu listings (%zu new, %zu already known), %zu user states, %zu profiles, "
        "%zu settings\n",
        opt.file.c_str(), s.listings_added + s.listings_updated, s.listings_added,
        s.listings_updated, s.actions_applied, s.profiles_saved, s.settings_added);
    const auto& problems = parsed.value().problems;
    if (problems.empty()) {
        return kExitOk;
    }
    for (std::size_t i = 0; i < problems.size() && i < kProblemsShown; ++i) {
        std::fprintf(stderr, "gigscout-cli import: %s: %s\n", opt.file.c_str(),
                     problems[i].c_str());
    }
    if (problems.size() > kProblemsShown) {
        std::fprintf(stderr, "gigscout-cli import: ... and %zu more\n",
                     problems.size() - kProblemsShown);
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
