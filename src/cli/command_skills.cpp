// gigscout-cli skills: the canonical skills found in a text (a file or standard input), with
// --json the byte spans where each was found (docs/cli.md, docs/taxonomy.md).
#include <cstdio>
#include <map>
#include <memory>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "base/file_io.h"
#include "base/utf8.h"
#include "cli/command_registry.h"
#include "taxonomy/skill_extractor.h"

namespace gigscout::cli::skills_command {
namespace {

constexpr std::size_t kMaxInputBytes = 16u << 20;

struct SkillsOptions {
    std::string file;  // empty or "-": standard input
    bool json = false;
};

Result<std::string> read_stdin() {
    std::string text;
    char buf[65536];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, stdin)) > 0) {
        text.append(buf, n);
        if (text.size() > kMaxInputBytes) {
            return Error{"standard input: larger than the limit of " +
                         std::to_string(kMaxInputBytes >> 20) + " MiB"};
        }
    }
    if (std::ferror(stdin)) {
        return Error{"standard input: read error"};
    }
    return text;
}

int run_skills(const SkillsOptions& opt) {
    bool from_stdin = opt.file.empty() || opt.file == "-";
    auto text = from_stdin ? read_stdin() : read_text_file(opt.file, kMaxInputBytes);
    if (!text) {
        return fail("skills", text.error().message, kExitUsage);
    }
    const std::string what = from_stdin ? "standard input" : opt.file;
    // Spans are byte offsets into the text as given, so it is checked, not repaired.
    if (!utf8::is_valid(text.value())) {
        return fail("skills", what + ": not valid UTF-8 text", kExitUsage);
    }
    const SkillExtractor& extractor = SkillExtractor::bundled();
    std::vector<SkillSpan> spans = extractor.extract(text.value());

    // Distinct skills in order of first occurrence, each with its spans.
    std::vector<std::string> order;
    std::map<std::string, std::vector<const SkillSpan*>> found;
    for (const auto& s : spans) {
        auto& list = found[s.skill];
        if (list.empty()) {
            order.push_back(s.skill);
        }
        list.push_back(&s);
    }

    const Taxonomy& taxonomy = extractor.taxonomy();
    if (!opt.json) {
        for (const auto& id : order) {
            const Skill* s = taxonomy.find(id);
            std::printf("%-28s %s\n", id.c_str(), s != nullptr ? s->name.c_str() : "");
        }
        return kExitOk;
    }
    rapidjson::StringBuffer buf;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buf);
    w.SetIndent(' ', 2);
    w.SetFormatOptions(rapidjson::kFormatSingleLineArray);
    auto str = [&](std::string_view s) {
        w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
    };
    w.StartArray();
    for (const auto& id : order) {
        const Skill* s = taxonomy.find(id);
        w.StartObject();
        w.Key("skill");
        str(id);
        w.Key("name");
        str(s != nullptr ? s->name : id);
        w.Key("category");
        str(s != nullptr ? s->category : "");
        w.Key("spans");
        w.StartArray();
        for (const SkillSpan* span : found[id]) {
            w.StartObject();
            w.Key("begin");
            w.Uint64(span->begin);
            w.Key("end");
            w.Uint64(span->end);
            w.Key("text");
            str(std::string_view(text.value()).substr(span->begin, span->end - span->begin));
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
    }
    w.EndArray();
    std::printf("%s\n", buf.GetString());
    return kExitOk;
}

const bool registered = register_command(Command{
    "skills", 20, [](CLI::App& app, const GlobalOptions&) -> std::function<int()> {
        auto opt = std::make_shared<SkillsOptions>();
        CLI::App* sub = app.add_subcommand(
            "skills", "Print the canonical skills found in a text (a file, or standard input)");
        sub->add_option("file", opt->file, "The text file (default or '-': standard input)")
            ->type_name("FILE");
        sub->add_flag("--json", opt->json,
                      "Print a JSON array: each skill's id, name, category and the byte spans "
                      "where it was found");
        return [opt] { return run_skills(*opt); };
    }});

}  // namespace
}  // namespace gigscout::cli::skills_command
