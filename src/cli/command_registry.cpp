#include "cli/command_registry.h"

#include <algorithm>
#include <cstdio>

namespace gigscout::cli {
namespace {

std::vector<Command>& commands() {
    static std::vector<Command> list;
    return list;
}

}  // namespace

bool register_command(Command command) {
    auto& list = commands();
    list.push_back(std::move(command));
    std::stable_sort(list.begin(), list.end(),
                     [](const Command& a, const Command& b) { return a.order < b.order; });
    return true;
}

const std::vector<Command>& registered_commands() {
    return commands();
}

std::optional<Paths> GlobalOptions::paths() const {
    std::optional<std::filesystem::path> override;
    const std::string prefix = command.empty() ? "gigscout-cli" : "gigscout-cli " + command;
    if (data_dir) {
        override = *data_dir;
        std::error_code ec;
        if (std::filesystem::exists(*data_dir, ec) &&
            !std::filesystem::is_directory(*data_dir, ec)) {
            std::fprintf(stderr, "%s: --data-dir: %s is not a directory\n", prefix.c_str(),
                         data_dir->c_str());
            return std::nullopt;
        }
    }
    auto p = Paths::resolve(override);
    if (!p) {
        std::fprintf(stderr, "%s: %s\n", prefix.c_str(), p.error().message.c_str());
        return std::nullopt;
    }
    return p.value();
}

int fail(const std::string& command, const Error& error) {
    return fail(command, error.message, error.bad_input ? kExitUsage : kExitInternal);
}

int fail(const std::string& command, const std::string& message, int code) {
    std::fprintf(stderr, "gigscout-cli %s: %s\n", command.c_str(), message.c_str());
    return code;
}

}  // namespace gigscout::cli
