// gigscout-cli export FILE: backs up the whole user state (JSON), or with --listings a
// selection of listings as CSV or JSON (docs/store.md, "Export and import").
#include <cstdio>
#include <filesystem>

#include "base/file_io.h"
#include "base/iso_time.h"
#include "cli/command_registry.h"
#include "model/listing_json.h"
#include "store/listing_csv.h"
#include "store/state_export.h"
#include "workspace/workspace.h"

namespace gigscout::cli::export_command {
namespace {

struct ExportOptions {
    std::string file;
    bool listings = false;
    std::optional<std::string> state;
    std::optional<std::string> format;
    bool all = false;
};

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix.data(), suffix.size()) == 0;
}

// "-" is standard output.
Status write_output(const std::string& file, const std::string& text) {
    if (file == "-") {
        std::fwrite(text.data(), 1, text.size(), stdout);
        return Ok{};
    }
    return write_file_atomically(file, text);
}

int run_export(const ExportOptions& opt, const GlobalOptions& global) {
    if (!opt.listings && (opt.state || opt.format || opt.all)) {
        return fail("export", "--state, --format and --all select listings: add --listings",
                    kExitUsage);
    }
    ListingFilter filter;
    if (opt.state) {
        filter.state = listing_state_from_string(*opt.state);
        if (!filter.state) {
            return fail(
                "export",
                "--state: expected new, seen, saved, hidden or applied, got `" + *opt.state + "`",
                kExitUsage);
        }
    }
    filter.include_closed = opt.all;
    filter.include_hidden = opt.all;
    std::string format = opt.format.value_or(ends_with(opt.file, ".csv") ? "csv" : "json");
    if (format != "csv" && format != "json") {
        return fail("export", "--format: expected csv or json, got `" + format + "`", kExitUsage);
    }
    // Checked before any work: the file is written last, after the whole export is made.
    if (opt.file != "-") {
        std::error_code ec;
        std::filesystem::path target(opt.file);
        std::filesystem::path folder = std::filesystem::absolute(target, ec).parent_path();
        if (std::filesystem::is_directory(target, ec)) {
            return fail("export", opt.file + " is a directory; give the name of a file to write",
                        kExitUsage);
        }
        if (!std::filesystem::is_directory(folder, ec)) {
            return fail(
                "export",
                "cannot write " + opt.file + ": the folder " + folder.string() + " does not exist",
                kExitUsage);
        }
    }
    auto paths = global.paths();
    if (!paths) {
        return kExitUsage;
    }
    auto opened = Workspace::open(*paths);
    if (!opened) {
        return fail("export", opened.error());
    }
    Store& store = opened.value().store();
    std::string text;
    std::string summary;
    if (!opt.listings) {
        auto state = store.export_state();
        if (!state) {
            return fail("export", state.error().message, kExitInternal);
        }
        state.value().exported_at = now_epoch_seconds();
        // The user's sources travel with the export (never secrets: they are not in the file).
        auto sources = load_sources(paths->sources_file());
        if (!sources) {
            return fail("export", sources.error().message, kExitUsage);
        }
        if (sources.value().exists) {
            state.value().sources = sources_to_json(sources.value());
        }
        std::vector<std::string> repairs;
        text = state_export_to_json(state.value(), &repairs);
        // The store held text from before its checks; the file is still one import reads.
        for (const auto& r : repairs) {
            std::fprintf(stderr, "gigscout-cli export: warning: %s\n", r.c_str());
        }
        summary = std::to_string(state.value().listings.size()) + " listings, " +
                  std::to_string(state.value().profiles.size()) + " profiles, " +
                  std::to_string(state.value().settings.size()) + " settings";
        if (sources.value().exists) {
            summary += ", " + std::to_string(sources.value().sources.size()) + " sources";
        }
    } else {
        auto loaded = store.load_listings(filter);
        if (!loaded) {
            return fail("export", loaded.error().message, kExitInternal);
        }
        const auto& rows = loaded.value().rows;
        if (format == "csv") {
            text = listings_to_csv(rows);
            summary = std::to_string(rows.size()) + " listings (CSV)";
        } else {
            std::vector<Listing> listings;
            std::size_t expired = 0;
            for (const auto& r : rows) {
                if (r.content_dropped) {
                    ++expired;  // no title left: not a valid listing any more
                } else {
                    listings.push_back(r.listing);
                }
            }
            text = listings_to_json(listings, true) + "\n";
            summary = std::to_string(listings.size()) + " listings (JSON)";
            if (expired > 0) {
                summary += "; " + std::to_string(expired) +
                           " left out: their content expired under the platform's terms";
            }
        }
    }
    if (auto s = write_output(opt.file, text); !s) {
        return fail("export", s.error().message, kExitInternal);
    }
    std::fprintf(opt.file == "-" ? stderr : stdout, "exported %s to %s\n", summary.c_str(),
                 opt.file.c_str());
    return kExitOk;
}

const bool registered = register_command(Command{
    "export", 42, [](CLI::App& app, const GlobalOptions& global) {
        auto opt = std::make_shared<ExportOptions>();
        CLI::App* sub = app.add_subcommand(
            "export", "Back up your listings, states, profiles and settings (never secrets)");
        sub->add_option("file", opt->file, "Where to write (- for standard output)")->required();
        sub->add_flag("--listings", opt->listings,
                      "Export a selection of listings (CSV or JSON) instead of the whole state");
        sub->add_option("--state", opt->state, "With --listings: only listings in this state")
            ->type_name("new|seen|saved|hidden|applied");
        sub->add_option("--format", opt->format,
                        "With --listings: csv or json (default: from the file name)")
            ->type_name("csv|json");
        sub->add_flag("--all", opt->all, "With --listings: include closed and hidden listings");
        return [opt, &global] { return run_export(*opt, global); };
    }});

}  // namespace
}  // namespace gigscout::cli::export_command
