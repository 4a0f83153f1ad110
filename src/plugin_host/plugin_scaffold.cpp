#include "plugin_host/plugin_scaffold.h"

#include <system_error>

#include "base/file_io.h"
#include "plugin_host/plugin_manifest.h"

namespace gigscout {
namespace scaffold_text {
extern const char kPlugin[];
extern const char kCases[];
extern const char kSample[];
extern const char kTest[];
}  // namespace scaffold_text

namespace fs = std::filesystem;

namespace {

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
    for (std::size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

// "my_board" -> "My board"
std::string display_name(std::string_view id) {
    std::string name(id);
    for (char& c : name) {
        if (c == '_' || c == '-') {
            c = ' ';
        }
    }
    if (!name.empty() && name[0] >= 'a' && name[0] <= 'z') {
        name[0] = static_cast<char>(name[0] - 'a' + 'A');
    }
    return name;
}

// `s` as one word for sh: in single quotes, each ' written as '\''.
std::string shell_quoted(std::string_view s) {
    return "'" + replace_all(std::string(s), "'", "'\\''") + "'";
}

std::string fill(const char* text, std::string_view id, std::string_view cli) {
    return replace_all(replace_all(replace_all(text, "{{id}}", id), "{{name}}", display_name(id)),
                       "{{cli}}", shell_quoted(cli));
}

}  // namespace

Result<std::vector<ScaffoldFile>> scaffold_plugin(std::string_view id, std::string_view cli) {
    if (!is_valid_plugin_id(id)) {
        return Error{"\"" + std::string(id) +
                     "\" is not a valid plugin id (use a-z, 0-9, _ and -, at most 64 characters)"};
    }
    return std::vector<ScaffoldFile>{
        {"init.lua", fill(scaffold_text::kPlugin, id, cli), false},
        {"cases.json", fill(scaffold_text::kCases, id, cli), false},
        {"responses/sample.json", fill(scaffold_text::kSample, id, cli), false},
        {"test.sh", fill(scaffold_text::kTest, id, cli), true},
    };
}

Result<std::vector<fs::path>> write_scaffold(const fs::path& parent, std::string_view id,
                                             std::string_view cli) {
    auto files = scaffold_plugin(id, cli);
    if (!files) {
        return files.error();
    }
    const fs::path dir = parent / std::string(id);
    std::error_code ec;
    for (const auto& f : files.value()) {
        if (fs::exists(dir / f.name, ec)) {
            return Error{(dir / f.name).string() + " already exists; not overwriting it"};
        }
    }
    fs::create_directories(dir / "responses", ec);
    if (ec) {
        return Error{"cannot create " + (dir / "responses").string() + ": " + ec.message()};
    }
    std::vector<fs::path> written;
    for (const auto& f : files.value()) {
        fs::path p = dir / f.name;
        if (auto st = write_file_atomically(p, f.content); !st) {
            return st.error();
        }
        if (f.executable) {
            fs::permissions(p,
                            fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec,
                            fs::perm_options::add, ec);
        }
        written.push_back(p);
    }
    return written;
}

}  // namespace gigscout
