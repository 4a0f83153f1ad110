#include "scoring/profile.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "base/ascii.h"
#include "base/file_io.h"
#include "base/json_reader.h"
#include "base/utf8.h"
#include "model/currency.h"
#include "scoring/country.h"
#include "taxonomy/taxonomy.h"

namespace gigscout {
namespace {

using json::FieldReader;

constexpr int kFormat = 1;
constexpr std::size_t kMaxProfileBytes = 1 << 20;
constexpr std::size_t kMaxKeywordBytes = 100;
constexpr std::size_t kMaxListEntries = 500;
constexpr double kMaxYears = 60;
constexpr double kMaxHourly = 10000;
constexpr double kMaxAmount = 1e9;
constexpr std::int64_t kMaxAgeDays = 3650;

std::string format_number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = up;
        }
    }
    return row[b.size()];
}

// "unknown skill \"pytorh\" (did you mean \"pytorch\"?)": the nearest id or alias by edit
// distance, when it is near enough to be a typo.
std::string unknown_skill_message(std::string_view given, const Taxonomy& taxonomy) {
    std::string key = Taxonomy::normalise_tag(given);
    const Skill* best = nullptr;
    std::size_t best_distance = std::string::npos;
    auto consider = [&](const Skill& s, std::string_view spelling) {
        std::size_t d = edit_distance(key, Taxonomy::normalise_tag(spelling));
        if (d < best_distance) {
            best_distance = d;
            best = &s;
        }
    };
    // Every spelling in the taxonomy is at most 40 characters: a text much longer is no typo of
    // one, and comparing it with all 4,500 spellings cost a fuzzed profile seconds.
    constexpr std::size_t kLongestTypo = 60;
    if (key.size() <= kLongestTypo) {
        for (const Skill& s : taxonomy.skills()) {
            consider(s, s.id);
            for (const auto& alias : s.aliases) {
                consider(s, alias);
            }
        }
    }
    std::string message = "unknown skill " + utf8::quoted(given, 80);
    std::size_t allowed = std::max<std::size_t>(1, key.size() / 3);
    if (best != nullptr && best_distance <= allowed) {
        return message + " (did you mean " + utf8::quoted(best->id, 80) + "?)";
    }
    return message + " (not in the taxonomy; the ids are listed in resources/taxonomy.json)";
}

// Reads an array of strings at `key`; calls `take(value)` for each element, which returns an
// error text for a bad value or an empty string.
template <class Take>
void read_strings(FieldReader& r, const char* key, Take take) {
    const rapidjson::Value* array = r.array(key);
    if (array == nullptr) {
        return;
    }
    if (array->Size() > kMaxListEntries) {
        r.fail(key, "more than " + std::to_string(kMaxListEntries) + " entries");
        return;
    }
    for (rapidjson::SizeType i = 0; i < array->Size() && r.ok(); ++i) {
        const rapidjson::Value& v = (*array)[i];
        std::string element = std::string(key) + "[" + std::to_string(i) + "]";
        if (!v.IsString()) {
            r.fail(element.c_str(), "expected a string, got " + std::string(json::type_name(v)));
            return;
        }
        std::string problem = take(std::string_view(v.GetString(), v.GetStringLength()));
        if (!problem.empty()) {
            r.fail(element.c_str(), problem);
        }
    }
}

// The reads below use readers of their own, whose messages carry the full path
// ("field `min_hourly.currency`: ..."); each returns the first problem.
using Problem = std::optional<Error>;

Problem read_money(const rapidjson::Value& doc, const char* key, double max_amount,
                   std::optional<Money>& out, bool& flexible) {
    FieldReader r(doc, "");
    const rapidjson::Value* object = r.object(key);
    if (object == nullptr) {
        return r.error();
    }
    FieldReader m(*object, key);
    auto amount = m.number("amount", FieldReader::Required);
    auto currency = m.string("currency", FieldReader::Required);
    flexible = m.boolean("flexible").value_or(false);
    m.reject_unknown({"amount", "currency", "flexible"});
    if (m.ok() && *amount < 0) {
        m.fail("amount", "must not be negative, got " + format_number(*amount));
    }
    if (m.ok() && *amount > max_amount) {
        m.fail("amount",
               "must be at most " + format_number(max_amount) + ", got " + format_number(*amount));
    }
    std::string code;
    if (m.ok()) {
        for (char c : *currency) {
            code += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
        if (!CurrencyTable::bundled().is_known(code)) {
            m.fail("currency", "unknown currency " + utf8::quoted(*currency, 80) +
                                   " (expected an ISO 4217 code such as USD, EUR, GBP or INR)");
        }
    }
    if (!m.ok()) {
        return m.error();
    }
    out = Money{*amount, code};
    return std::nullopt;
}

std::string keyword_problem(std::string_view keyword) {
    std::string_view k = ascii::trim(keyword);
    if (k.empty()) {
        return "is empty";
    }
    if (k.size() > kMaxKeywordBytes) {
        return "longer than " + std::to_string(kMaxKeywordBytes) + " bytes";
    }
    std::size_t start = 0;
    while (start <= k.size()) {
        std::size_t end = std::min(k.find('|', start), k.size());
        if (ascii::trim(k.substr(start, end - start)).empty()) {
            return "has an empty alternative in " + utf8::quoted(k, 80) + " (write \"a|b\")";
        }
        start = end + 1;
    }
    return {};
}

Problem read_weights(const rapidjson::Value& doc, ScoreWeights& weights) {
    FieldReader r(doc, "");
    const rapidjson::Value* object = r.object("weights");
    if (object == nullptr) {
        return r.error();
    }
    FieldReader w(*object, "weights");
    auto take = [&](const char* key, double& out, double max) {
        if (auto v = w.number(key)) {
            if (*v < 0 || *v > max) {
                w.fail(key, "must be between 0 and " + format_number(max) + ", got " +
                                format_number(*v));
                return;
            }
            out = *v;
        }
    };
    take("skill", weights.skill, 100);
    take("level", weights.level, 100);
    take("budget", weights.budget, 100);
    take("recency", weights.recency, 100);
    take("client", weights.client, 100);
    take("excluded_keyword_penalty", weights.excluded_keyword_penalty, 100);
    bool search_given = object->HasMember("search_terms");
    take("search_terms", weights.search_terms, 100);
    w.reject_unknown({"skill", "level", "budget", "recency", "client", "search_terms",
                      "excluded_keyword_penalty"});
    if (!w.ok()) {
        return w.error();
    }
    double five = weights.skill + weights.level + weights.budget + weights.recency + weights.client;
    // A file written before search terms counted gives the five older weights adding up to
    // 100; search terms take what they leave, so it still loads and scores as it did.
    if (!search_given) {
        weights.search_terms = std::max(0.0, 100 - five);
    }
    double sum = five + weights.search_terms;
    if (std::fabs(sum - 100) > 0.01) {
        r.fail("weights",
               "skill, level, budget, recency, client and search_terms are the most points each "
               "can add and must add up to 100, got " +
                   format_number(sum) + " (" + format_number(weights.skill) + " + " +
                   format_number(weights.level) + " + " + format_number(weights.budget) + " + " +
                   format_number(weights.recency) + " + " + format_number(weights.client) + " + " +
                   format_number(weights.search_terms) + ")");
    } else if (weights.skill <= 0) {
        r.fail("weights", "`skill` must be above 0: without skill evidence nothing matches");
    }
    return r.error();
}

Problem read_skills(const rapidjson::Value& doc, const Taxonomy& taxonomy,
                    std::vector<ProfileSkill>& out) {
    FieldReader r(doc, "");
    const rapidjson::Value* array = r.array("skills");
    if (array == nullptr) {
        return r.error();
    }
    if (array->Size() > kMaxListEntries) {
        r.fail("skills", "more than " + std::to_string(kMaxListEntries) + " entries");
        return r.error();
    }
    for (rapidjson::SizeType i = 0; i < array->Size(); ++i) {
        std::string path = "skills[" + std::to_string(i) + "]";
        const rapidjson::Value& v = (*array)[i];
        if (!v.IsObject()) {
            r.fail(path.c_str(),
                   "expected an object such as {\"skill\": \"opencv\", \"level\": "
                   "\"advanced\"}, got " +
                       std::string(json::type_name(v)));
            return r.error();
        }
        FieldReader s(v, path);
        auto name = s.string("skill", FieldReader::Required);
        auto level_text = s.string("level", FieldReader::Required);
        auto years = s.number("years");
        s.reject_unknown({"skill", "level", "years"});
        ProfileSkill skill;
        if (s.ok()) {
            const Skill* found = taxonomy.find(*name);
            if (found == nullptr) {
                found = taxonomy.resolve_tag(*name);
            }
            if (found == nullptr) {
                s.fail("skill", unknown_skill_message(*name, taxonomy));
            } else {
                skill.skill = found->id;
            }
        }
        if (s.ok()) {
            auto level = skill_level_from_string(*level_text);
            if (!level) {
                s.fail("level", "unknown value " + utf8::quoted(*level_text, 80) +
                                    " (expected beginner, intermediate or advanced)");
            } else {
                skill.level = *level;
            }
        }
        if (s.ok() && years && (*years < 0 || *years > kMaxYears)) {
            s.fail("years", "must be between 0 and " + format_number(kMaxYears) + ", got " +
                                format_number(*years));
        }
        if (s.ok()) {
            for (std::size_t j = 0; j < out.size(); ++j) {
                if (out[j].skill == skill.skill) {
                    s.fail("skill", utf8::quoted(skill.skill, 80) +
                                        " is already listed at skills[" + std::to_string(j) + "]");
                    break;
                }
            }
        }
        if (!s.ok()) {
            return s.error();
        }
        skill.years = years;
        out.push_back(std::move(skill));
    }
    return std::nullopt;
}

}  // namespace

std::string_view to_string(SkillLevel level) {
    switch (level) {
        case SkillLevel::Beginner:
            return "beginner";
        case SkillLevel::Intermediate:
            return "intermediate";
        case SkillLevel::Advanced:
            return "advanced";
    }
    return "intermediate";
}

std::optional<SkillLevel> skill_level_from_string(std::string_view s) {
    if (s == "beginner") {
        return SkillLevel::Beginner;
    }
    if (s == "intermediate") {
        return SkillLevel::Intermediate;
    }
    if (s == "advanced") {
        return SkillLevel::Advanced;
    }
    return std::nullopt;
}

SkillLevel profile_level(const Profile& profile) {
    if (profile.level) {
        return *profile.level;
    }
    if (profile.skills.empty()) {
        return SkillLevel::Intermediate;
    }
    int sum = 0;
    for (const auto& s : profile.skills) {
        sum += static_cast<int>(s.level);
    }
    // Rounded half up, in integers: round(sum / n) = floor((2 sum + n) / 2n).
    int n = static_cast<int>(profile.skills.size());
    return static_cast<SkillLevel>((2 * sum + n) / (2 * n));
}

const ProfileSkill* Profile::find_skill(std::string_view id) const {
    for (const auto& s : skills) {
        if (s.skill == id) {
            return &s;
        }
    }
    return nullptr;
}

Result<Profile> profile_from_json(std::string_view text, std::string_view what,
                                  const Taxonomy& taxonomy) {
    auto doc = json::parse(text, what);
    if (!doc) {
        return doc.error();
    }
    const rapidjson::Document& d = doc.value();
    if (!d.IsObject()) {
        return Error{std::string(what) + ": expected a JSON object (a profile), got " +
                     std::string(json::type_name(d))};
    }

    Profile p;
    FieldReader r(d, "");
    Problem problem;
    if (auto format = r.integer("format"); format && *format != kFormat) {
        r.fail("format", "unsupported format " + std::to_string(*format) +
                             " (this version reads format " + std::to_string(kFormat) + ")");
    }
    p.name = std::string(ascii::trim(r.string("name").value_or("")));
    read_strings(r, "search_terms", [&](std::string_view term) -> std::string {
        std::string_view t = ascii::trim(term);
        if (t.empty()) {
            return "is empty";
        }
        if (t.size() > kMaxKeywordBytes) {
            return "longer than " + std::to_string(kMaxKeywordBytes) + " bytes";
        }
        p.search_terms.emplace_back(t);
        return {};
    });
    if (r.ok()) {
        problem = read_skills(d, taxonomy, p.skills);
    }
    if (r.ok() && !problem) {
        problem = read_money(d, "min_hourly", kMaxHourly, p.min_hourly, p.min_hourly_flexible);
    }
    if (r.ok() && !problem) {
        problem = read_money(d, "min_fixed", kMaxAmount, p.min_fixed, p.min_fixed_flexible);
    }
    if (r.ok() && !problem) {
        if (auto level_text = r.string("level")) {
            auto level = skill_level_from_string(*level_text);
            if (!level) {
                r.fail("level", "unknown value " + utf8::quoted(*level_text, 80) +
                                    " (expected beginner, intermediate or advanced)");
            }
            p.level = level;
        }
        p.stretch_levels = r.boolean("stretch_levels").value_or(false);
        if (auto days = r.integer("max_age_days")) {
            if (*days < 1 || *days > kMaxAgeDays) {
                r.fail("max_age_days", "must be between 1 and " + std::to_string(kMaxAgeDays) +
                                           ", got " + std::to_string(*days));
            } else {
                p.max_age_days = static_cast<int>(*days);
            }
        }
    }
    if (r.ok() && !problem) {
        read_strings(r, "job_types", [&](std::string_view s) -> std::string {
            auto type = job_type_from_string(s);
            if (!type) {
                return "unknown value " + utf8::quoted(s, 80) +
                       " (expected freelance, contract, full_time or part_time)";
            }
            if (std::find(p.job_types.begin(), p.job_types.end(), *type) == p.job_types.end()) {
                p.job_types.push_back(*type);
            }
            return {};
        });
        p.remote_only = r.boolean("remote_only").value_or(false);
        read_strings(r, "excluded_countries", [&](std::string_view s) -> std::string {
            auto code = country_code(s);
            if (!code) {
                return "unknown country " + utf8::quoted(s, 80) +
                       " (expected an ISO 3166 code such as DE or an English name such as "
                       "Germany)";
            }
            if (std::find(p.excluded_countries.begin(), p.excluded_countries.end(), *code) ==
                p.excluded_countries.end()) {
                p.excluded_countries.emplace_back(*code);
            }
            return {};
        });
        if (auto home = r.string("based_in")) {
            auto code = country_code(*home);
            if (!code) {
                r.fail("based_in", "unknown country " + utf8::quoted(*home, 80) +
                                       " (expected an ISO 3166 code such as DE or an English "
                                       "name such as Germany)");
            } else {
                p.based_in = std::string(*code);
            }
        }
        auto keywords = [](std::vector<std::string>& out) {
            return [&out](std::string_view s) -> std::string {
                std::string why = keyword_problem(s);
                if (why.empty()) {
                    out.emplace_back(ascii::trim(s));
                }
                return why;
            };
        };
        read_strings(r, "must_have_keywords", keywords(p.must_have_keywords));
        read_strings(r, "excluded_keywords", keywords(p.excluded_keywords));
    }
    if (r.ok() && !problem) {
        problem = read_weights(d, p.weights);
    }
    if (r.ok() && !problem) {
        r.reject_unknown({"format", "name", "search_terms", "skills", "level", "stretch_levels",
                          "min_hourly", "min_fixed", "max_age_days", "job_types", "remote_only",
                          "excluded_countries", "based_in", "must_have_keywords",
                          "excluded_keywords", "weights"});
    }
    if (!r.ok()) {
        problem = r.error();
    }
    if (problem) {
        return Error{std::string(what) + ": " + problem->message};
    }
    return p;
}

Result<Profile> profile_from_json(std::string_view text, std::string_view what) {
    return profile_from_json(text, what, Taxonomy::bundled());
}

Result<Profile> load_profile(const std::filesystem::path& file, const Taxonomy& taxonomy) {
    auto text = read_text_file(file, kMaxProfileBytes);
    if (!text) {
        return text.error();
    }
    auto profile = profile_from_json(text.value(), file.string(), taxonomy);
    if (profile && profile.value().name.empty()) {
        profile.value().name = file.stem().string();
    }
    return profile;
}

Result<Profile> load_profile(const std::filesystem::path& file) {
    return load_profile(file, Taxonomy::bundled());
}

std::string profile_to_json(const Profile& p) {
    rapidjson::StringBuffer buf;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buf);
    w.SetIndent(' ', 2);
    auto str = [&](std::string_view s) {
        w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
    };
    auto strings = [&](const char* key, const std::vector<std::string>& values) {
        w.Key(key);
        w.StartArray();
        for (const auto& v : values) {
            str(v);
        }
        w.EndArray();
    };
    auto money = [&](const char* key, const std::optional<Money>& m, bool flexible) {
        if (!m) {
            return;
        }
        w.Key(key);
        w.StartObject();
        w.Key("amount");
        w.Double(m->amount);
        w.Key("currency");
        str(m->currency);
        if (flexible) {
            w.Key("flexible");
            w.Bool(true);
        }
        w.EndObject();
    };
    w.StartObject();
    w.Key("format");
    w.Int(kFormat);
    w.Key("name");
    str(p.name);
    strings("search_terms", p.search_terms);
    w.Key("skills");
    w.StartArray();
    for (const auto& s : p.skills) {
        w.StartObject();
        w.Key("skill");
        str(s.skill);
        w.Key("level");
        str(to_string(s.level));
        if (s.years) {
            w.Key("years");
            w.Double(*s.years);
        }
        w.EndObject();
    }
    w.EndArray();
    if (p.level) {
        w.Key("level");
        str(to_string(*p.level));
    }
    if (p.stretch_levels) {
        w.Key("stretch_levels");
        w.Bool(true);
    }
    money("min_hourly", p.min_hourly, p.min_hourly_flexible);
    money("min_fixed", p.min_fixed, p.min_fixed_flexible);
    if (p.max_age_days != kDefaultMaxAgeDays) {
        w.Key("max_age_days");
        w.Int(p.max_age_days);
    }
    w.Key("job_types");
    w.StartArray();
    for (JobType t : p.job_types) {
        str(to_string(t));
    }
    w.EndArray();
    w.Key("remote_only");
    w.Bool(p.remote_only);
    strings("excluded_countries", p.excluded_countries);
    if (!p.based_in.empty()) {
        w.Key("based_in");
        w.String(p.based_in.c_str());
    }
    strings("must_have_keywords", p.must_have_keywords);
    strings("excluded_keywords", p.excluded_keywords);
    if (!(p.weights == ScoreWeights{})) {
        w.Key("weights");
        w.StartObject();
        for (auto [key, value] :
             {std::pair{"skill", p.weights.skill}, std::pair{"level", p.weights.level},
              std::pair{"budget", p.weights.budget}, std::pair{"recency", p.weights.recency},
              std::pair{"client", p.weights.client},
              std::pair{"excluded_keyword_penalty", p.weights.excluded_keyword_penalty},
              std::pair{"search_terms", p.weights.search_terms}}) {
            w.Key(key);
            w.Double(value);
        }
        w.EndObject();
    }
    w.EndObject();
    return {buf.GetString(), buf.GetSize()};
}

}  // namespace gigscout
