#include "taxonomy/taxonomy.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <tuple>
#include <unordered_set>
#include <utility>

#include "base/file_io.h"
#include "base/json_reader.h"
#include "base/paths.h"
#include "taxonomy/text_tokens.h"

namespace gigscout {
namespace {

using json::FieldReader;

bool valid_id(std::string_view id) {
    if (id.empty() || id.front() == '-' || id.back() == '-') {
        return false;
    }
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

std::string backticked(std::string_view s) {
    return "`" + std::string(s) + "`";
}

// Reads an optional array of strings; `path` names the field in messages.
std::optional<std::vector<std::string>> string_list(FieldReader& r, const char* key) {
    std::vector<std::string> out;
    const rapidjson::Value* v = r.array(key);
    if (!r.ok()) {
        return std::nullopt;
    }
    if (v == nullptr) {
        return out;
    }
    for (rapidjson::SizeType i = 0; i < v->Size(); ++i) {
        const auto& e = (*v)[i];
        if (!e.IsString()) {
            std::string field = std::string(key) + "[" + std::to_string(i) + "]";
            r.fail(field.c_str(), "expected a string, got " + std::string(json::type_name(e)));
            return std::nullopt;
        }
        out.emplace_back(e.GetString(), e.GetStringLength());
    }
    return out;
}

// Checks that every entry of `phrases` tokenises to 1..kMaxAliasTokens tokens (exactly one
// when `single_word`). Returns the first problem.
std::optional<std::string> check_phrases(const std::vector<std::string>& phrases,
                                         bool single_word) {
    text_tokens::Tokens tokens;
    for (const auto& p : phrases) {
        text_tokens::tokenize(p, tokens);
        if (tokens.empty()) {
            return "entry " + backticked(p) + " has no words";
        }
        if (single_word && tokens.size() != 1) {
            return "entry " + backticked(p) + " must be a single word";
        }
        if (tokens.size() > Taxonomy::kMaxAliasTokens) {
            return "entry " + backticked(p) + " has more than " +
                   std::to_string(Taxonomy::kMaxAliasTokens) + " tokens";
        }
    }
    return std::nullopt;
}

}  // namespace

std::string Taxonomy::normalise_tag(std::string_view tag) {
    std::string out;
    out.reserve(tag.size());
    for (char raw : tag) {
        char c = text_tokens::lower(raw);
        auto u = static_cast<unsigned char>(c);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '#' || u >= 0x80) {
            out.push_back(c);
        } else if (c == '.' && out.empty()) {
            out.push_back(c);
        }
    }
    if (out == ".") {
        out.clear();
    }
    return out;
}

Result<Taxonomy> Taxonomy::load(const std::filesystem::path& file) {
    auto text = read_text_file(file, 16u << 20);
    if (!text.ok()) {
        return text.error();
    }
    return parse(text.value(), file.string());
}

Result<Taxonomy> Taxonomy::parse(std::string_view json_text, std::string_view what) {
    auto doc = json::parse(json_text, what);
    if (!doc.ok()) {
        return doc.error();
    }
    const std::string prefix = std::string(what) + ": ";
    const rapidjson::Document& root = doc.value();
    if (!root.IsObject()) {
        return Error{prefix + "expected an object with `format`, `categories`, `contexts` and " +
                     "`skills`, got " + std::string(json::type_name(root))};
    }

    Taxonomy t;
    FieldReader top(root, "");
    top.reject_unknown({"format", "categories", "contexts", "skills"});
    auto format = top.integer("format", FieldReader::Required);
    const rapidjson::Value* categories = top.array("categories", FieldReader::Required);
    const rapidjson::Value* contexts = top.object("contexts");
    const rapidjson::Value* skills = top.array("skills", FieldReader::Required);
    if (!top.ok()) {
        return Error{prefix + top.error()->message};
    }
    if (*format != 1) {
        return Error{prefix + "field `format`: unsupported format " + std::to_string(*format) +
                     " (this version reads format 1)"};
    }

    // Categories.
    std::unordered_set<std::string> category_ids;
    for (rapidjson::SizeType i = 0; i < categories->Size(); ++i) {
        const std::string where = prefix + "category " + std::to_string(i) + ": ";
        const auto& v = (*categories)[i];
        if (!v.IsObject()) {
            return Error{where + "expected an object, got " + std::string(json::type_name(v))};
        }
        FieldReader r(v, "");
        r.reject_unknown({"id", "name"});
        auto id = r.string("id", FieldReader::Required);
        auto name = r.string("name", FieldReader::Required);
        if (!r.ok()) {
            return Error{where + r.error()->message};
        }
        if (!valid_id(*id)) {
            return Error{where + "field `id`: " + backticked(*id) +
                         " is not a valid id (lower-case letters, digits and '-')"};
        }
        if (!category_ids.insert(*id).second) {
            return Error{where + "field `id`: duplicate category " + backticked(*id)};
        }
        t.categories_.push_back({*id, *name});
    }

    // Context rules.
    if (contexts != nullptr) {
        for (auto it = contexts->MemberBegin(); it != contexts->MemberEnd(); ++it) {
            ContextRule rule;
            rule.name.assign(it->name.GetString(), it->name.GetStringLength());
            const std::string where = prefix + "context " + backticked(rule.name) + ": ";
            if (!it->value.IsObject()) {
                return Error{where + "expected an object, got " +
                             std::string(json::type_name(it->value))};
            }
            FieldReader r(it->value, "");
            r.reject_unknown({"window", "accept_near_skill", "near_categories", "accept_prev",
                              "accept_next", "accept_near", "reject_prev", "reject_next",
                              "reject_near"});
            auto window = r.integer("window");
            auto near_skill = r.boolean("accept_near_skill");
            auto near_categories = string_list(r, "near_categories");
            auto accept_prev = string_list(r, "accept_prev");
            auto accept_next = string_list(r, "accept_next");
            auto accept_near = string_list(r, "accept_near");
            auto reject_prev = string_list(r, "reject_prev");
            auto reject_next = string_list(r, "reject_next");
            auto reject_near = string_list(r, "reject_near");
            if (!r.ok()) {
                return Error{where + r.error()->message};
            }
            if (window) {
                if (*window < 0 || *window > 50) {
                    return Error{where + "field `window`: expected 0..50 words, got " +
                                 std::to_string(*window)};
                }
                rule.window = static_cast<int>(*window);
            }
            rule.accept_near_skill = near_skill.value_or(false);
            rule.near_categories = std::move(*near_categories);
            for (const auto& c : rule.near_categories) {
                if (category_ids.count(c) == 0) {
                    return Error{where + "field `near_categories`: unknown category " +
                                 backticked(c)};
                }
            }
            struct List {
                const char* field;
                std::vector<std::string>* into;
                std::vector<std::string>& from;
                bool single_word;
            };
            List lists[] = {
                {"accept_prev", &rule.accept_prev, *accept_prev, false},
                {"accept_next", &rule.accept_next, *accept_next, false},
                {"accept_near", &rule.accept_near, *accept_near, true},
                {"reject_prev", &rule.reject_prev, *reject_prev, false},
                {"reject_next", &rule.reject_next, *reject_next, false},
                {"reject_near", &rule.reject_near, *reject_near, true},
            };
            for (auto& l : lists) {
                if (auto problem = check_phrases(l.from, l.single_word)) {
                    return Error{where + "field `" + l.field + "`: " + *problem};
                }
                *l.into = std::move(l.from);
            }
            t.contexts_.push_back(std::move(rule));
        }
    }

    // Skills. Every id, name and alias claims a tag key; two skills may not share one, except
    // that a spelling a context confirms in prose may share its key with another skill's
    // tag-only spelling: the tag names the tag-only skill ("APIs": REST APIs), the prose the
    // skill its context confirms ("build and maintain APIs": API design).
    std::unordered_map<std::string, std::size_t> claimed;
    enum class Claim { Plain, TagOnly, Contextual };
    std::unordered_map<std::string, Claim> claim_kinds;  // how claimed[key]'s skill claims it
    text_tokens::Tokens tokens;
    for (rapidjson::SizeType i = 0; i < skills->Size(); ++i) {
        std::string where = prefix + "skill " + std::to_string(i) + ": ";
        const auto& v = (*skills)[i];
        if (!v.IsObject()) {
            return Error{where + "expected an object, got " + std::string(json::type_name(v))};
        }
        FieldReader r(v, "");
        auto id = r.string("id", FieldReader::Required);
        if (!r.ok()) {
            return Error{where + r.error()->message};
        }
        if (!valid_id(*id)) {
            return Error{where + "field `id`: " + backticked(*id) +
                         " is not a valid id (lower-case letters, digits and '-')"};
        }
        if (auto dup = t.by_id_.find(*id); dup != t.by_id_.end()) {
            return Error{where + "field `id`: duplicate id " + backticked(*id) + " (also skill " +
                         std::to_string(dup->second) + ")"};
        }
        where = prefix + "skill " + std::to_string(i) + " (" + backticked(*id) + "): ";
        r.reject_unknown({"id", "name", "category", "aliases", "implies", "broader", "names_roles",
                          "umbrella", "kind_of_work"});
        Skill skill;
        skill.id = *id;
        auto name = r.string("name", FieldReader::Required);
        auto category = r.string("category", FieldReader::Required);
        const rapidjson::Value* aliases = r.array("aliases", FieldReader::Required);
        auto implies = string_list(r, "implies");
        auto broader = r.string("broader");
        auto names_roles = r.boolean("names_roles");
        auto umbrella = r.boolean("umbrella");
        auto kind_of_work = r.boolean("kind_of_work");
        if (!r.ok()) {
            return Error{where + r.error()->message};
        }
        skill.name = *name;
        skill.category = *category;
        skill.implies = std::move(*implies);
        skill.broader = broader.value_or("");
        skill.names_roles = names_roles.value_or(false);
        skill.umbrella = umbrella.value_or(false);
        skill.kind_of_work = kind_of_work.value_or(false);
        if (category_ids.count(skill.category) == 0) {
            return Error{where + "field `category`: unknown category " +
                         backticked(skill.category)};
        }
        if (aliases->Empty()) {
            return Error{where + "field `aliases`: needs at least one alias"};
        }

        // The word sequences of the aliases read so far (pointing into `skill.alias_rules`,
        // reserved below so that they stay put).
        std::vector<std::pair<std::uint64_t, const Alias*>> spellings;
        skill.alias_rules.reserve(aliases->Size());
        for (rapidjson::SizeType a = 0; a < aliases->Size(); ++a) {
            const std::string field = "aliases[" + std::to_string(a) + "]";
            const auto& av = (*aliases)[a];
            Alias alias;
            if (av.IsString()) {
                alias.text.assign(av.GetString(), av.GetStringLength());
            } else if (av.IsObject()) {
                FieldReader ar(av, field);
                ar.reject_unknown(
                    {"text", "case", "context", "not_prev", "not_next", "tag_only", "role"});
                auto text = ar.string("text", FieldReader::Required);
                auto kase = ar.string("case");
                auto context = ar.string("context");
                auto not_prev = string_list(ar, "not_prev");
                auto not_next = string_list(ar, "not_next");
                auto tag_only = ar.boolean("tag_only");
                auto role = ar.boolean("role");
                if (!ar.ok()) {
                    return Error{where + ar.error()->message};
                }
                alias.text = *text;
                if (kase && *kase != "sensitive" && *kase != "insensitive") {
                    return Error{where + "field `" + field + ".case`: expected \"sensitive\" or " +
                                 "\"insensitive\", got " + backticked(*kase)};
                }
                alias.case_sensitive = kase && *kase == "sensitive";
                alias.context = context.value_or("");
                if (!alias.context.empty() && t.find_context(alias.context) == nullptr) {
                    return Error{where + "field `" + field + ".context`: unknown context rule " +
                                 backticked(alias.context)};
                }
                for (auto [list, from, name] :
                     {std::tuple{&alias.not_prev, &*not_prev, ".not_prev"},
                      std::tuple{&alias.not_next, &*not_next, ".not_next"}}) {
                    if (auto problem = check_phrases(*from, false)) {
                        return Error{where + "field `" + field + name + "`: " + *problem};
                    }
                    *list = std::move(*from);
                }
                alias.tag_only = tag_only.value_or(false);
                alias.role = role.value_or(false);
            } else {
                return Error{where + "field `" + field + "`: expected a string or an object, got " +
                             std::string(json::type_name(av))};
            }
            text_tokens::tokenize(alias.text, tokens);
            bool has_word = std::any_of(tokens.begin(), tokens.end(),
                                        [](const auto& tok) { return tok.is_word(); });
            if (!has_word) {
                return Error{where + "field `" + field + "`: alias " + backticked(alias.text) +
                             " has no letters or digits"};
            }
            if (tokens.size() > kMaxAliasTokens) {
                return Error{where + "field `" + field + "`: alias " + backticked(alias.text) +
                             " has more than " + std::to_string(kMaxAliasTokens) + " tokens"};
            }
            // The extractor tries a skill's aliases of one spelling in order and judges only the
            // first whose case fits: a later one with the same words, no narrower case and rules
            // of its own would never be tried, its rules silently dead. (A plain repeat is
            // harmless: "objective c" beside "objective-c".)
            std::uint64_t words = 0;  // equal for two aliases the extractor files together
            for (const auto& tok : tokens) {
                words = text_tokens::extend(words, tok);
            }
            if (!alias.tag_only) {
                for (const auto& [earlier_words, earlier] : spellings) {
                    const bool same_rules =
                        earlier->context == alias.context && earlier->not_prev == alias.not_prev &&
                        earlier->not_next == alias.not_next && earlier->role == alias.role;
                    if (earlier_words == words && !same_rules &&
                        (!earlier->case_sensitive ||
                         (alias.case_sensitive && earlier->text == alias.text))) {
                        return Error{where + "field `" + field + "`: alias " +
                                     backticked(alias.text) + " repeats the spelling of alias " +
                                     backticked(earlier->text) +
                                     ", which is always tried first: merge their rules into one "
                                     "alias"};
                    }
                }
            }
            std::string key = normalise_tag(alias.text);
            const Claim kind = alias.tag_only           ? Claim::TagOnly
                               : !alias.context.empty() ? Claim::Contextual
                                                        : Claim::Plain;
            auto [pos, fresh] = claimed.emplace(key, t.skills_.size());
            Claim& owner_kind = claim_kinds.emplace(key, kind).first->second;
            if (!fresh && pos->second == t.skills_.size()) {
                owner_kind = owner_kind == kind ? kind : Claim::Plain;
            } else if (!fresh) {
                const bool shared = (kind == Claim::Contextual && owner_kind == Claim::TagOnly) ||
                                    (kind == Claim::TagOnly && owner_kind == Claim::Contextual);
                if (!shared) {
                    return Error{where + "field `" + field + "`: alias " + backticked(alias.text) +
                                 " is already claimed by skill " +
                                 backticked(t.skills_[pos->second].id)};
                }
                if (kind == Claim::TagOnly) {  // the tag is this skill's
                    pos->second = t.skills_.size();
                    owner_kind = kind;
                }
            }
            skill.aliases.push_back(alias.text);
            skill.alias_rules.push_back(std::move(alias));
            if (!skill.alias_rules.back().tag_only) {
                spellings.emplace_back(words, &skill.alias_rules.back());
            }
        }
        for (auto [field, text] :
             {std::pair<const char*, const std::string*>{"id", &skill.id}, {"name", &skill.name}}) {
            std::string key = normalise_tag(*text);
            if (key.empty()) {
                continue;
            }
            auto [pos, fresh] = claimed.emplace(key, t.skills_.size());
            if (!fresh && pos->second != t.skills_.size()) {
                return Error{where + "field `" + field + "`: " + backticked(*text) +
                             " is already claimed by skill " +
                             backticked(t.skills_[pos->second].id)};
            }
            claim_kinds[key] = Claim::Plain;  // an id or a name is no spelling to share
        }
        t.by_id_.emplace(skill.id, t.skills_.size());
        t.skills_.push_back(std::move(skill));
    }

    // Relations may point forwards, so they are checked once every id is known.
    for (std::size_t i = 0; i < t.skills_.size(); ++i) {
        const Skill& s = t.skills_[i];
        const std::string where =
            prefix + "skill " + std::to_string(i) + " (" + backticked(s.id) + "): ";
        for (const auto& target : s.implies) {
            if (t.find(target) == nullptr) {
                return Error{where + "field `implies`: unknown skill id " + backticked(target)};
            }
            if (target == s.id) {
                return Error{where + "field `implies`: a skill cannot imply itself"};
            }
        }
        if (!s.broader.empty()) {
            if (t.find(s.broader) == nullptr) {
                return Error{where + "field `broader`: unknown skill id " + backticked(s.broader)};
            }
            if (s.broader == s.id) {
                return Error{where + "field `broader`: a skill cannot be broader than itself"};
            }
        }
    }
    for (auto& [key, index] : claimed) {
        t.by_normalised_alias_.emplace(key, index);
    }
    return t;
}

Result<const Taxonomy*> Taxonomy::load_bundled() {
    static const Result<Taxonomy> loaded = load(resources_dir() / "taxonomy.json");
    if (!loaded.ok()) {
        return bundled_resource_error("the bundled skill taxonomy", loaded.error());
    }
    return &loaded.value();
}

const Taxonomy& Taxonomy::bundled() {
    auto loaded = load_bundled();
    if (!loaded.ok()) {
        exit_for_bundled_resource(loaded.error());
    }
    return *loaded.value();
}

const Skill* Taxonomy::find(std::string_view id) const {
    auto it = by_id_.find(std::string(id));
    return it == by_id_.end() ? nullptr : &skills_[it->second];
}

const ContextRule* Taxonomy::find_context(std::string_view name) const {
    for (const auto& c : contexts_) {
        if (c.name == name) {
            return &c;
        }
    }
    return nullptr;
}

const Skill* Taxonomy::resolve_tag(std::string_view tag) const {
    std::string key = normalise_tag(tag);
    if (key.empty()) {
        return nullptr;
    }
    auto it = by_normalised_alias_.find(key);
    if (it != by_normalised_alias_.end()) {
        return &skills_[it->second];
    }
    // A version glued to the name: "python3", "opencv4", "YOLOv8".
    std::size_t end = key.size();
    while (end > 0 && key[end - 1] >= '0' && key[end - 1] <= '9') {
        --end;
    }
    if (end == key.size() || end < 2) {
        return nullptr;
    }
    key.resize(end);
    it = by_normalised_alias_.find(key);
    if (it == by_normalised_alias_.end() && key.size() >= 4 && key.back() == 'v') {
        key.pop_back();
        it = by_normalised_alias_.find(key);
    }
    return it == by_normalised_alias_.end() ? nullptr : &skills_[it->second];
}

}  // namespace gigscout
