#include "store/listing_columns.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <array>

namespace gigscout::store {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

constexpr std::array<const char*, kContentColumnCount> kColumns = {
    "id",          "source",           "url",        "title",
    "description", "company",          "location",   "posted_at",
    "budget_kind", "budget_min",       "budget_max", "budget_currency",
    "tags",        "experience_level", "job_type",   "remote",
    "client",      "proposals",        "merged",     "skills"};

void string(Writer& w, const std::string& s) {
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

std::string encode_tags(const std::vector<std::string>& tags) {
    rapidjson::StringBuffer buf;
    Writer w(buf);
    w.StartArray();
    for (const auto& t : tags) {
        string(w, t);
    }
    w.EndArray();
    return buf.GetString();
}

std::optional<std::string> encode_client(const std::optional<ClientInfo>& client) {
    if (!client) {
        return std::nullopt;
    }
    rapidjson::StringBuffer buf;
    Writer w(buf);
    w.StartObject();
    w.Key("country");
    string(w, client->country);
    if (client->rating) {
        w.Key("rating");
        w.Double(*client->rating);
    }
    if (client->reviews) {
        w.Key("reviews");
        w.Int64(*client->reviews);
    }
    if (client->payment_verified) {
        w.Key("payment_verified");
        w.Bool(*client->payment_verified);
    }
    if (client->total_spent) {
        w.Key("total_spent");
        w.StartObject();
        w.Key("amount");
        w.Double(client->total_spent->amount);
        w.Key("currency");
        string(w, client->total_spent->currency);
        w.EndObject();
    }
    w.EndObject();
    return std::string(buf.GetString());
}

std::optional<std::string> encode_merged(const std::vector<MergedCopy>& merged) {
    if (merged.empty()) {
        return std::nullopt;
    }
    rapidjson::StringBuffer buf;
    Writer w(buf);
    w.StartArray();
    for (const auto& m : merged) {
        w.StartArray();
        string(w, m.id);
        string(w, m.source);
        string(w, m.url);
        w.EndArray();
    }
    w.EndArray();
    return std::string(buf.GetString());
}

std::string encode_skills(const std::vector<ListingSkill>& skills) {
    rapidjson::StringBuffer buf;
    Writer w(buf);
    w.StartArray();
    for (const auto& s : skills) {
        w.StartArray();
        string(w, s.skill);
        auto origin = to_string(s.origin);
        w.String(origin.data(), static_cast<rapidjson::SizeType>(origin.size()));
        w.EndArray();
    }
    w.EndArray();
    return buf.GetString();
}

// A document whose values live in a buffer on the stack: a default Document allocates a 64 KiB
// pool per parse, which made loading 100,000 listings spend most of its time in malloc and
// page faults. Larger lists spill to the heap as usual.
struct SmallDocument {
    char buffer[4096];
    rapidjson::MemoryPoolAllocator<> pool{buffer, sizeof buffer};
    rapidjson::Document doc{&pool};

    // Our own JSON, read back without re-validating UTF-8 (it went in validated).
    bool parse(std::string_view text) {
        doc.Parse(text.data(), text.size());
        return !doc.HasParseError();
    }
};

std::string str(const rapidjson::Value& v) {
    return v.IsString() ? std::string(v.GetString(), v.GetStringLength()) : std::string();
}

std::vector<std::string> decode_tags(std::string_view text) {
    std::vector<std::string> tags;
    SmallDocument small;
    rapidjson::Document& doc = small.doc;
    if (!small.parse(text) || !doc.IsArray()) {
        return tags;
    }
    tags.reserve(doc.Size());
    for (const auto& t : doc.GetArray()) {
        tags.push_back(str(t));
    }
    return tags;
}

std::optional<ClientInfo> decode_client(std::string_view text) {
    SmallDocument small;
    rapidjson::Document& doc = small.doc;
    if (!small.parse(text) || !doc.IsObject()) {
        return std::nullopt;
    }
    ClientInfo c;
    for (const auto& m : doc.GetObject()) {
        std::string_view key(m.name.GetString(), m.name.GetStringLength());
        if (key == "country") {
            c.country = str(m.value);
        } else if (key == "rating" && m.value.IsNumber()) {
            c.rating = m.value.GetDouble();
        } else if (key == "reviews" && m.value.IsInt64()) {
            c.reviews = m.value.GetInt64();
        } else if (key == "payment_verified" && m.value.IsBool()) {
            c.payment_verified = m.value.GetBool();
        } else if (key == "total_spent" && m.value.IsObject() && m.value.HasMember("amount") &&
                   m.value["amount"].IsNumber() && m.value.HasMember("currency")) {
            c.total_spent = Money{m.value["amount"].GetDouble(), str(m.value["currency"])};
        }
    }
    return c;
}

std::vector<MergedCopy> decode_merged(std::string_view text) {
    std::vector<MergedCopy> merged;
    SmallDocument small;
    rapidjson::Document& doc = small.doc;
    if (!small.parse(text) || !doc.IsArray()) {
        return merged;
    }
    for (const auto& m : doc.GetArray()) {
        if (m.IsArray() && m.Size() == 3) {
            merged.push_back({str(m[0]), str(m[1]), str(m[2])});
        }
    }
    return merged;
}

std::optional<SkillOrigin> origin_from_string(std::string_view s) {
    for (SkillOrigin o : {SkillOrigin::Tag, SkillOrigin::Title, SkillOrigin::Description}) {
        if (to_string(o) == s) {
            return o;
        }
    }
    return std::nullopt;
}

std::vector<ListingSkill> decode_skills(std::string_view text) {
    std::vector<ListingSkill> skills;
    SmallDocument small;
    rapidjson::Document& doc = small.doc;
    if (!small.parse(text) || !doc.IsArray()) {
        return skills;
    }
    skills.reserve(doc.Size());
    for (const auto& s : doc.GetArray()) {
        if (!s.IsArray() || s.Size() != 2 || !s[1].IsString()) {
            continue;
        }
        if (auto origin = origin_from_string({s[1].GetString(), s[1].GetStringLength()})) {
            skills.push_back({str(s[0]), *origin});
        }
    }
    return skills;
}

std::optional<std::string> nonempty(std::string_view s) {
    if (s.empty()) {
        return std::nullopt;
    }
    return std::string(s);
}

}  // namespace

std::string content_columns(std::string_view alias) {
    std::string out;
    for (const char* c : kColumns) {
        if (!out.empty()) {
            out += ", ";
        }
        if (!alias.empty()) {
            out.append(alias).append(".");
        }
        out += c;
    }
    return out;
}

void bind_content(Statement& s, const Listing& l) {
    // The listing outlives the statement's step: its strings are bound without a copy.
    s.bind_static(1, l.id).bind_static(2, l.source).bind_static(3, l.url);
    s.bind_static(4, l.title).bind_static(5, l.description).bind_static(6, l.company);
    s.bind_static(7, l.location).bind(8, l.posted_at);
    if (l.budget) {
        s.bind(9, to_string(l.budget->kind)).bind(10, l.budget->min).bind(11, l.budget->max);
        s.bind(12, l.budget->currency);
    } else {
        s.bind_null(9).bind_null(10).bind_null(11).bind_null(12);
    }
    s.bind(13, encode_tags(l.tags));
    if (l.experience_level) {
        s.bind(14, to_string(*l.experience_level));
    } else {
        s.bind_null(14);
    }
    if (l.job_type) {
        s.bind(15, to_string(*l.job_type));
    } else {
        s.bind_null(15);
    }
    if (l.remote) {
        s.bind(16, *l.remote ? 1 : 0);
    } else {
        s.bind_null(16);
    }
    s.bind(17, encode_client(l.client)).bind(18, l.proposals).bind(19, encode_merged(l.merged));
    s.bind(20, encode_skills(l.skills));
}

Listing read_content(const Statement& s, int c) {
    Listing l;
    l.id = s.text(c + 0);
    l.source = s.text(c + 1);
    l.url = s.text(c + 2);
    l.title = s.text(c + 3);
    l.description = s.text(c + 4);
    l.company = s.text(c + 5);
    l.location = s.text(c + 6);
    l.posted_at = s.optional_integer(c + 7);
    if (!s.is_null(c + 8)) {
        Budget b;
        b.kind = budget_kind_from_string(s.text_view(c + 8)).value_or(BudgetKind::Fixed);
        b.min = s.optional_real(c + 9);
        b.max = s.optional_real(c + 10);
        b.currency = s.text(c + 11);
        l.budget = std::move(b);
    }
    l.tags = decode_tags(s.text_view(c + 12));
    if (auto v = nonempty(s.text_view(c + 13))) {
        l.experience_level = experience_level_from_string(*v);
    }
    if (auto v = nonempty(s.text_view(c + 14))) {
        l.job_type = job_type_from_string(*v);
    }
    if (!s.is_null(c + 15)) {
        l.remote = s.integer(c + 15) != 0;
    }
    if (!s.is_null(c + 16)) {
        l.client = decode_client(s.text_view(c + 16));
    }
    l.proposals = s.optional_integer(c + 17);
    if (!s.is_null(c + 18)) {
        l.merged = decode_merged(s.text_view(c + 18));
    }
    l.skills = decode_skills(s.text_view(c + 19));
    return l;
}

}  // namespace gigscout::store
