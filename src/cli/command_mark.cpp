// gigscout-cli mark ID STATE [--note T]: records what the user did with a listing. The action is
// durable once this command has printed it (docs/store.md, "Durability").
#include <cstdio>

#include "base/iso_time.h"
#include "base/utf8.h"
#include "cli/command_registry.h"
#include "workspace/workspace.h"

namespace gigscout::cli::mark_command {
namespace {

struct MarkOptions {
    std::string id;
    std::string state;
    std::optional<std::string> note;
};

int run_mark(const MarkOptions& opt, const GlobalOptions& global) {
    auto state = listing_state_from_string(opt.state);
    if (!state) {
        return fail(
            "mark",
            "expected seen, saved, hidden, applied or new (forget), got `" + opt.state + "`",
            kExitUsage);
    }
    if (opt.note && opt.note->size() > kMaxNoteBytes) {
        return fail("mark",
                    "--note: longer than 10 KiB (" + std::to_string(opt.note->size()) +
                        " bytes); keep longer text in a file and note where it is",
                    kExitUsage);
    }
    if (opt.note && !utf8::is_valid(*opt.note)) {
        return fail("mark", "--note: not valid UTF-8 text (is the terminal's character set UTF-8?)",
                    kExitUsage);
    }
    auto paths = global.paths();
    if (!paths) {
        return kExitUsage;
    }
    auto opened = Workspace::open(*paths);
    if (!opened) {
        return fail("mark", opened.error());
    }
    Store& store = opened.value().store();
    ListingFilter just_this;
    just_this.ids = {opt.id};
    auto found = store.load_listings(just_this);
    if (!found) {
        return fail("mark", found.error().message, kExitInternal);
    }
    if (found.value().rows.empty()) {
        return fail("mark",
                    "no stored listing has the id `" + opt.id + "` (see `gigscout-cli list`)",
                    kExitUsage);
    }
    const std::string& kept = found.value().rows[0].listing.id;
    if (auto s = store.set_state(opt.id, *state, opt.note, now_epoch_seconds()); !s) {
        return fail("mark", s.error().message, kExitInternal);
    }
    std::printf("%s: %s%s\n", opt.id.c_str(), std::string(to_string(*state)).c_str(),
                kept != opt.id ? (" (on " + kept + ", which it was merged into)").c_str() : "");
    return kExitOk;
}

const bool registered = register_command(Command{
    "mark", 41, [](CLI::App& app, const GlobalOptions& global) {
        auto opt = std::make_shared<MarkOptions>();
        CLI::App* sub = app.add_subcommand("mark", "Record what you did with a listing");
        sub->add_option("id", opt->id, "The listing's id, as `list` shows it")->required();
        sub->add_option("state", opt->state,
                        "seen, saved, hidden, applied, or new to forget what you did")
            ->required();
        sub->add_option("--note", opt->note, "A note kept with the listing (e.g. what you sent)")
            ->type_name("TEXT");
        return [opt, &global] { return run_mark(*opt, global); };
    }});

}  // namespace
}  // namespace gigscout::cli::mark_command
