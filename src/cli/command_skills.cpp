// gigscout-cli skills: the canonical skills found in a text (a file or standard input), with
// --json the byte spans where each was found (docs/cli.md, docs/taxonomy.md).
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <rapidjson/filewritestream.h>
#include <rapidjson/prettywriter.h>

#include "base/file_io.h"
#include "base/utf8.h"
#include "cli/command_registry.h"
#include "taxonomy/skill_extractor.h"

namespace gigscout::cli::skills_command {
namespace {

struct SkillsOptions {
    std::string file;  // empty or "-": standard input
    bool json = false;
};

// Standard input piece by piece, as read_file_pieces reads a file.
Status read_stdin_pieces(const std::function<Status(std::string_view)>& each) {
    char buf[65536];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, stdin)) > 0) {
        if (Status s = each(std::string_view(buf, n)); !s) {
            return s;
        }
    }
    if (std::ferror(stdin)) {
        return Error{"standard input: read error"};
    }
    return Ok{};
}

// A skill found, with its spans for --json (the text alone needs only the order). A skill is
// written in a few ways over and over ("OpenCV", "opencv"): each way is kept once.
struct FoundSkill {
    struct Span {
        std::size_t begin = 0;
        std::size_t end = 0;
        std::uint32_t written = 0;  // index into `ways`
    };
    std::vector<Span> spans;
    // Whether any span asks for it: a skill named only as a role or a team ("Senior DevOps
    // Engineer", "our QA team") is printed as such, since ranking counts it as a weaker signal.
    bool asked = false;
    // Whether some span asks for it as a requirement, not only as a nice-to-have ("Docker is a
    // plus"), which ranking counts at less.
    bool required = false;
    std::vector<std::string> ways;
    std::map<std::string, std::uint32_t, std::less<>> way_index;
};

int run_skills(const SkillsOptions& opt) {
    const bool from_stdin = opt.file.empty() || opt.file == "-";
    const std::string what = from_stdin ? "standard input" : opt.file;
    const SkillExtractor& extractor = SkillExtractor::bundled();
    // The text is read and matched piece by piece, so any size fits in a few megabytes; what
    // is kept is what is printed: the skills in order of first occurrence and, for --json,
    // their spans.
    std::vector<std::string> order;
    std::map<std::string, FoundSkill> found;
    SkillSpanStream stream(extractor, [&](const SkillSpan& span, std::string_view bytes) {
        auto [it, first] = found.try_emplace(std::string(span.skill));
        if (first) {
            order.emplace_back(span.skill);
        }
        it->second.asked = it->second.asked || !span.role;
        it->second.required = it->second.required || (!span.role && !span.preferred);
        if (opt.json) {
            FoundSkill& f = it->second;
            auto way = f.way_index.find(bytes);
            if (way == f.way_index.end()) {
                way = f.way_index
                          .emplace(std::string(bytes), static_cast<std::uint32_t>(f.ways.size()))
                          .first;
                f.ways.emplace_back(bytes);
            }
            f.spans.push_back({span.begin, span.end, way->second});
        }
    });
    // Spans are byte offsets into the text as given, so it is checked, not repaired: each piece
    // up to a character the piece cuts short, which waits for the next.
    std::string carry;
    bool valid = true;
    auto take = [&](std::string_view piece) -> Status {
        if (!valid) {
            return Ok{};  // read to the end anyway: the error is the text's, reported once
        }
        std::string_view text = piece;
        if (!carry.empty()) {
            carry.append(piece);
            text = carry;
        }
        const std::size_t complete = utf8::complete_prefix(text);
        if (!utf8::is_valid(text.substr(0, complete))) {
            valid = false;
            return Ok{};
        }
        stream.feed(text.substr(0, complete));
        carry = std::string(text.substr(complete));
        return Ok{};
    };
    Status read = from_stdin ? read_stdin_pieces(take) : read_file_pieces(opt.file, take);
    if (!read) {
        return fail("skills", read.error().message, kExitUsage);
    }
    if (!valid || !carry.empty()) {
        return fail("skills", what + ": not valid UTF-8 text", kExitUsage);
    }
    stream.finish();

    const Taxonomy& taxonomy = extractor.taxonomy();
    if (!opt.json) {
        for (const auto& id : order) {
            const Skill* s = taxonomy.find(id);
            const FoundSkill& f = found[id];
            std::printf("%-28s %s%s\n", id.c_str(), s != nullptr ? s->name.c_str() : "",
                        !f.asked      ? "  (named as a role or team only)"
                        : !f.required ? "  (nice to have)"
                                      : "");
        }
        return kExitOk;
    }
    // Written as it goes: the spans of a large text make a large output.
    char out[65536];
    rapidjson::FileWriteStream os(stdout, out, sizeof out);
    rapidjson::PrettyWriter<rapidjson::FileWriteStream> w(os);
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
        const FoundSkill& f = found[id];
        w.Key("asked");
        w.Bool(f.asked);
        w.Key("nice_to_have");
        w.Bool(f.asked && !f.required);
        w.Key("spans");
        w.StartArray();
        for (const auto& span : f.spans) {
            w.StartObject();
            w.Key("begin");
            w.Uint64(span.begin);
            w.Key("end");
            w.Uint64(span.end);
            w.Key("text");
            str(f.ways[span.written]);
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
    }
    w.EndArray();
    os.Put('\n');
    os.Flush();
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
