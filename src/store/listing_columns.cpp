#include "store/listing_columns.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <array>

#include "base/json_string.h"

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

void encode_tags(const std::vector<std::string>& tags, std::string& out) {
    out.clear();
    out += '[';
    for (std::size_t i = 0; i < tags.size(); ++i) {
        if (i > 0) {
            out += ',';
        }
        append_json_string(out, tags[i]);
    }
    out += ']';
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
    return std::string(buf.GetString(), buf.GetSize());
}

void encode_merged(const std::vector<MergedCopy>& merged, std::string& out) {
    out.clear();
    out += '[';
    for (std::size_t i = 0; i < merged.size(); ++i) {
        out += i > 0 ? ",[" : "[";
        append_json_string(out, merged[i].id);
        out += ',';
        append_json_string(out, merged[i].source);
        out += ',';
        append_json_string(out, merged[i].url);
        out += ']';
    }
    out += ']';
}

void encode_skills(const std::vector<ListingSkill>& skills, std::string& out) {
    out.clear();
    out += '[';
    for (std::size_t i = 0; i < skills.size(); ++i) {
        out += i > 0 ? ",[" : "[";
        append_json_string(out, skills[i].skill);
        out += ',';
        append_json_string(out, to_string(skills[i].origin));
        out += ']';
    }
    out += ']';
}

// Our own compact JSON read without a DOM: an array of strings (Width 1) or of arrays of Width
// strings, calling `f` with each element's strings (views into `text`). Returns false on
// anything else — an escape, a space, another shape — and the caller then clears what `f`
// gathered and parses the text with rapidjson, which decides what to keep.
template <std::size_t Width, class F>
bool read_compact(std::string_view text, F&& f) {
    if (text.find('\\') != std::string_view::npos) {
        return false;
    }
    std::size_t i = 0;
    auto eat = [&](char c) {
        if (i < text.size() && text[i] == c) {
            ++i;
            return true;
        }
        return false;
    };
    auto str = [&](std::string_view& out) {
        if (!eat('"')) {
            return false;
        }
        std::size_t end = text.find('"', i);
        if (end == std::string_view::npos) {
            return false;
        }
        out = text.substr(i, end - i);
        i = end + 1;
        return true;
    };
    if (!eat('[')) {
        return false;
    }
    if (eat(']')) {
        return i == text.size();
    }
    std::array<std::string_view, Width> fields;
    do {
        if (Width > 1 && !eat('[')) {
            return false;
        }
        for (std::size_t k = 0; k < Width; ++k) {
            if ((k > 0 && !eat(',')) || !str(fields[k])) {
                return false;
            }
        }
        if (Width > 1 && !eat(']')) {
            return false;
        }
        f(fields);
    } while (eat(','));
    return eat(']') && i == text.size();
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

// Decoders fill a list in place, reusing the elements (and their strings' capacity) a reused
// listing already has: reading a view row by row then allocates almost nothing.
template <class T>
class Filler {
  public:
    explicit Filler(std::vector<T>& out) : out_(out) {}
    ~Filler() { out_.resize(n_); }
    Filler(const Filler&) = delete;
    Filler& operator=(const Filler&) = delete;
    T& next() {
        if (n_ == out_.size()) {
            out_.emplace_back();
        }
        return out_[n_++];
    }
    void restart() { n_ = 0; }

  private:
    std::vector<T>& out_;
    std::size_t n_ = 0;
};

void decode_tags(std::string_view text, std::vector<std::string>& tags) {
    if (tags.capacity() == 0) {  // a reused listing has room already
        tags.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '"')) / 2);
    }
    Filler fill(tags);
    if (read_compact<1>(text, [&](const auto& f) { fill.next().assign(f[0]); })) {
        return;
    }
    fill.restart();
    SmallDocument small;
    rapidjson::Document& doc = small.doc;
    if (!small.parse(text) || !doc.IsArray()) {
        return;
    }
    for (const auto& t : doc.GetArray()) {
        fill.next() = str(t);
    }
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

void decode_merged(std::string_view text, std::vector<MergedCopy>& merged) {
    Filler fill(merged);
    if (read_compact<3>(text, [&](const auto& f) {
            MergedCopy& m = fill.next();
            m.id.assign(f[0]);
            m.source.assign(f[1]);
            m.url.assign(f[2]);
        })) {
        return;
    }
    fill.restart();
    SmallDocument small;
    rapidjson::Document& doc = small.doc;
    if (!small.parse(text) || !doc.IsArray()) {
        return;
    }
    for (const auto& m : doc.GetArray()) {
        if (m.IsArray() && m.Size() == 3) {
            fill.next() = {str(m[0]), str(m[1]), str(m[2])};
        }
    }
}

void decode_skills(std::string_view text, std::vector<ListingSkill>& skills) {
    if (skills.capacity() == 0) {  // a reused listing has room already
        // Each skill is one "[" after the list's own.
        auto brackets = static_cast<std::size_t>(std::count(text.begin(), text.end(), '['));
        skills.reserve(brackets > 0 ? brackets - 1 : 0);
    }
    Filler fill(skills);
    auto put = [&](std::string_view skill, SkillOrigin origin) {
        ListingSkill& s = fill.next();
        s.skill.assign(skill);
        s.origin = origin;
    };
    if (read_compact<2>(text, [&](const auto& f) {
            if (auto origin = skill_origin_from_string(f[1])) {
                put(f[0], *origin);
            }
        })) {
        return;
    }
    fill.restart();
    SmallDocument small;
    rapidjson::Document& doc = small.doc;
    if (!small.parse(text) || !doc.IsArray()) {
        return;
    }
    for (const auto& s : doc.GetArray()) {
        if (!s.IsArray() || s.Size() != 2 || !s[1].IsString()) {
            continue;
        }
        if (auto origin = skill_origin_from_string({s[1].GetString(), s[1].GetStringLength()})) {
            put(str(s[0]), *origin);
        }
    }
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

void bind_content(Statement& s, const Listing& l, ContentBuffers& buffers) {
    // The listing and the buffers outlive the statement's step: bound without a copy.
    s.bind_static(1, l.id).bind_static(2, l.source).bind_static(3, l.url);
    s.bind_static(4, l.title).bind_static(5, l.description).bind_static(6, l.company);
    s.bind_static(7, l.location).bind(8, l.posted_at);
    if (l.budget) {
        s.bind_static(9, to_string(l.budget->kind)).bind(10, l.budget->min);
        s.bind(11, l.budget->max).bind_static(12, l.budget->currency);
    } else {
        s.bind_null(9).bind_null(10).bind_null(11).bind_null(12);
    }
    encode_tags(l.tags, buffers.tags);
    s.bind_static(13, buffers.tags);
    if (l.experience_level) {
        s.bind_static(14, to_string(*l.experience_level));
    } else {
        s.bind_null(14);
    }
    if (l.job_type) {
        s.bind_static(15, to_string(*l.job_type));
    } else {
        s.bind_null(15);
    }
    if (l.remote) {
        s.bind(16, *l.remote ? 1 : 0);
    } else {
        s.bind_null(16);
    }
    if (auto client = encode_client(l.client)) {
        buffers.client = std::move(*client);
        s.bind_static(17, buffers.client);
    } else {
        s.bind_null(17);
    }
    s.bind(18, l.proposals);
    if (l.merged.empty()) {
        s.bind_null(19);
    } else {
        encode_merged(l.merged, buffers.merged);
        s.bind_static(19, buffers.merged);
    }
    encode_skills(l.skills, buffers.skills);
    s.bind_static(20, buffers.skills);
}

void read_content(const Statement& s, int c, Listing& l) {
    // Every field is overwritten, so a listing can be read into again and again.
    l.id.assign(s.text_view(c + 0));
    l.source.assign(s.text_view(c + 1));
    l.url.assign(s.text_view(c + 2));
    l.title.assign(s.text_view(c + 3));
    l.description.assign(s.text_view(c + 4));
    l.company.assign(s.text_view(c + 5));
    l.location.assign(s.text_view(c + 6));
    l.posted_at = s.optional_integer(c + 7);
    if (!s.is_null(c + 8)) {
        Budget& b = l.budget ? *l.budget : l.budget.emplace();
        b.kind = budget_kind_from_string(s.text_view(c + 8)).value_or(BudgetKind::Fixed);
        b.min = s.optional_real(c + 9);
        b.max = s.optional_real(c + 10);
        b.currency.assign(s.text_view(c + 11));
    } else {
        l.budget.reset();
    }
    decode_tags(s.text_view(c + 12), l.tags);
    l.experience_level.reset();
    if (auto v = s.text_view(c + 13); !v.empty()) {
        l.experience_level = experience_level_from_string(v);
    }
    l.job_type.reset();
    if (auto v = s.text_view(c + 14); !v.empty()) {
        l.job_type = job_type_from_string(v);
    }
    l.remote.reset();
    if (!s.is_null(c + 15)) {
        l.remote = s.integer(c + 15) != 0;
    }
    l.client.reset();
    if (!s.is_null(c + 16)) {
        l.client = decode_client(s.text_view(c + 16));
    }
    l.proposals = s.optional_integer(c + 17);
    if (!s.is_null(c + 18)) {
        decode_merged(s.text_view(c + 18), l.merged);
    } else {
        l.merged.clear();
    }
    decode_skills(s.text_view(c + 19), l.skills);
}

Listing read_content(const Statement& s, int c) {
    Listing l;
    read_content(s, c, l);
    return l;
}

}  // namespace gigscout::store
