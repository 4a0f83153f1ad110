// gigscout-cli profile: the skill profiles kept in the store (several, one active), which `list`
// scores against when no --profile is given (docs/store.md, docs/profile-format.md).
//   profile add NAME (FILE | --starter LEVEL) [--use]
//   profile list [--json] | profile use NAME | profile show NAME | profile remove NAME
#include <algorithm>
#include <cstdio>
#include <iterator>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "base/file_io.h"
#include "base/iso_time.h"
#include "cli/command_registry.h"
#include "workspace/workspace.h"

namespace gigscout::cli::profile_command {
namespace {

struct ProfileOptions {
    std::string name;
    std::string file;
    std::string starter;
    bool use = false;
    bool json = false;
};

const char* const kStarters[] = {"beginner", "intermediate", "advanced"};

// Opens the store and runs `action` on it.
template <class Action>
int with_store(const GlobalOptions& global, Action action) {
    auto paths = global.paths();
    if (!paths) {
        return kExitUsage;
    }
    auto opened = Workspace::open(*paths);
    if (!opened) {
        return fail("profile", opened.error());
    }
    return action(opened.value().store());
}

int run_add(const ProfileOptions& opt, Store& store) {
    if (opt.file.empty() == opt.starter.empty()) {
        return fail("profile", "give a profile FILE or --starter LEVEL (one of them)", kExitUsage);
    }
    std::filesystem::path file = opt.file;
    if (!opt.starter.empty()) {
        if (std::find(std::begin(kStarters), std::end(kStarters), opt.starter) ==
            std::end(kStarters)) {
            return fail(
                "profile",
                "--starter: expected beginner, intermediate or advanced, got `" + opt.starter + "`",
                kExitUsage);
        }
        file = resources_dir() / "profiles" / (opt.starter + "-cv-engineer.json");
    }
    auto text = read_text_file(file, 1u << 20);
    if (!text) {
        return fail("profile", text.error().message, kExitUsage);
    }
    // Checked as `match` and `list` will read it, so a stored profile always loads.
    if (auto checked = profile_from_json(text.value(), file.string()); !checked) {
        return fail("profile", checked.error().message, kExitUsage);
    }
    auto existing = store.profiles();
    if (!existing) {
        return fail("profile", existing.error().message, kExitInternal);
    }
    bool replaced = false;
    for (const auto& p : existing.value()) {
        replaced = replaced || p.name == opt.name;
    }
    if (auto s = store.save_profile(opt.name, text.value(), now_epoch_seconds()); !s) {
        return fail("profile", s.error().message, kExitUsage);
    }
    // The first profile becomes the active one: there is nothing else `list` could use.
    bool activate = opt.use || existing.value().empty();
    if (activate) {
        if (auto s = store.set_active_profile(opt.name); !s) {
            return fail("profile", s.error().message, kExitInternal);
        }
    }
    std::printf("%s profile `%s` from %s%s\n", replaced ? "replaced" : "saved", opt.name.c_str(),
                file.string().c_str(), activate ? "; it is the active profile" : "");
    return kExitOk;
}

int run_list(const ProfileOptions& opt, Store& store) {
    auto profiles = store.profiles();
    if (!profiles) {
        return fail("profile", profiles.error().message, kExitInternal);
    }
    if (opt.json) {
        rapidjson::StringBuffer buffer;
        rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
        w.StartArray();
        for (const auto& p : profiles.value()) {
            w.StartObject();
            w.Key("name");
            w.String(p.name.c_str());
            w.Key("active");
            w.Bool(p.active);
            w.Key("updated_at");
            w.String(format_iso8601(p.updated_at).c_str());
            w.EndObject();
        }
        w.EndArray();
        std::printf("%s\n", buffer.GetString());
        return kExitOk;
    }
    if (profiles.value().empty()) {
        std::printf(
            "no profiles yet; add one with `gigscout-cli profile add NAME FILE` or "
            "`--starter intermediate`\n");
        return kExitOk;
    }
    for (const auto& p : profiles.value()) {
        auto parsed = profile_from_json(p.json, "profile `" + p.name + "`");
        std::string about = parsed ? std::to_string(parsed.value().skills.size()) + " skills"
                                   : "unreadable: " + parsed.error().message;
        std::printf("%s %-24s %s, updated %s\n", p.active ? "*" : " ", p.name.c_str(),
                    about.c_str(), format_iso8601(p.updated_at).c_str());
    }
    return kExitOk;
}

int run_use(const ProfileOptions& opt, Store& store) {
    if (auto s = store.set_active_profile(opt.name); !s) {
        return fail("profile", s.error().message, kExitUsage);
    }
    std::printf("profile `%s` is the active profile\n", opt.name.c_str());
    return kExitOk;
}

int run_show(const ProfileOptions& opt, Store& store) {
    auto profiles = store.profiles();
    if (!profiles) {
        return fail("profile", profiles.error().message, kExitInternal);
    }
    for (const auto& p : profiles.value()) {
        if (p.name == opt.name) {
            std::fputs(p.json.c_str(), stdout);
            if (!p.json.empty() && p.json.back() != '\n') {
                std::fputc('\n', stdout);
            }
            return kExitOk;
        }
    }
    return fail("profile",
                "no profile is named `" + opt.name + "` (see `gigscout-cli profile list`)",
                kExitUsage);
}

int run_remove(const ProfileOptions& opt, Store& store) {
    auto active = store.active_profile();
    bool was_active = active && active.value() && active.value()->name == opt.name;
    if (auto s = store.delete_profile(opt.name); !s) {
        return fail("profile", s.error().message, kExitUsage);
    }
    std::printf("removed profile `%s`%s\n", opt.name.c_str(),
                was_active ? "; no profile is active now: choose one with `gigscout-cli profile "
                             "use NAME`"
                           : "");
    return kExitOk;
}

const bool registered = register_command(Command{
    "profile", 45, [](CLI::App& app, const GlobalOptions& global) -> std::function<int()> {
        auto opt = std::make_shared<ProfileOptions>();
        CLI::App* profile =
            app.add_subcommand("profile", "Keep several skill profiles and choose the active one");
        profile->require_subcommand(1);
        profile->fallthrough();

        CLI::App* add = profile->add_subcommand(
            "add", "Store a profile file (checked first) under a name; the first one is active");
        add->add_option("name", opt->name, "The name to keep it under")->required();
        add->add_option("file", opt->file, "The profile (docs/profile-format.md)");
        add->add_option("--starter", opt->starter,
                        "A bundled starter profile instead of a file: beginner, intermediate "
                        "or advanced")
            ->type_name("LEVEL");
        add->add_flag("--use", opt->use, "Make it the active profile");

        CLI::App* list =
            profile->add_subcommand("list", "The stored profiles; * marks the active one");
        list->add_flag("--json", opt->json, "Print JSON");

        CLI::App* use = profile->add_subcommand("use", "Make a stored profile the active one");
        use->add_option("name", opt->name, "The profile's name")->required();

        CLI::App* show = profile->add_subcommand("show", "Print a stored profile's JSON");
        show->add_option("name", opt->name, "The profile's name")->required();

        CLI::App* remove = profile->add_subcommand("remove", "Delete a stored profile");
        remove->add_option("name", opt->name, "The profile's name")->required();

        for (CLI::App* c : {add, list, use, show, remove}) {
            c->fallthrough();
        }
        return [=, &global]() -> int {
            if (add->parsed())
                return with_store(global, [&](Store& store) { return run_add(*opt, store); });
            if (list->parsed())
                return with_store(global, [&](Store& store) { return run_list(*opt, store); });
            if (use->parsed())
                return with_store(global, [&](Store& store) { return run_use(*opt, store); });
            if (show->parsed())
                return with_store(global, [&](Store& store) { return run_show(*opt, store); });
            if (remove->parsed())
                return with_store(global, [&](Store& store) { return run_remove(*opt, store); });
            return kExitUsage;
        };
    }});

}  // namespace
}  // namespace gigscout::cli::profile_command
