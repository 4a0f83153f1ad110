#include "model/listing_json.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "base/iso_time.h"
#include "base/json_reader.h"
#include "model/listing_validator.h"

namespace gigscout {
namespace {

using json::FieldReader;

template <class E>
void read_enum(FieldReader& r, const char* key, std::optional<E>& out,
               std::optional<E> (*from)(std::string_view), const char* allowed) {
    if (auto s = r.string(key)) {
        out = from(*s);
        if (!out) {
            r.fail(key, "unknown value \"" + *s + "\" (expected " + allowed + ")");
        }
    }
}

// Reads {"amount", "currency"}; nullopt with `error` set when malformed.
std::optional<Money> read_money(const rapidjson::Value& v, const std::string& path,
                                std::optional<Error>& error) {
    FieldReader r(v, path);
    Money m;
    m.amount = r.number("amount", FieldReader::Required).value_or(0);
    m.currency = r.string("currency", FieldReader::Required).value_or("");
    r.reject_unknown({"amount", "currency"});
    if (!r.ok()) {
        error = r.error();
        return std::nullopt;
    }
    return m;
}

}  // namespace

Result<Listing> listing_from_json(const rapidjson::Value& value) {
    if (!value.IsObject()) {
        return Error{"expected an object, got " + std::string(json::type_name(value))};
    }
    FieldReader r(value, "");
    Listing l;
    l.id = r.string("id", FieldReader::Required).value_or("");
    l.source = r.string("source").value_or("");
    l.url = r.string("url", FieldReader::Required).value_or("");
    l.title = r.string("title", FieldReader::Required).value_or("");
    l.description = r.string("description").value_or("");
    l.company = r.string("company").value_or("");
    l.location = r.string("location").value_or("");
    if (const auto* posted = r.any("posted_at")) {
        if (posted->IsString()) {
            std::string_view s(posted->GetString(), posted->GetStringLength());
            l.posted_at = parse_iso8601(s);
            if (!l.posted_at) {
                r.fail("posted_at",
                       "expected an ISO 8601 time such as 2026-11-25T10:00:00Z, got \"" +
                           std::string(s.substr(0, 40)) + "\"");
            }
        } else if (posted->IsNumber() && std::isfinite(posted->GetDouble()) &&
                   std::fabs(posted->GetDouble()) < 1e13) {
            l.posted_at = static_cast<std::int64_t>(posted->GetDouble());
        } else {
            r.fail("posted_at", "expected an ISO 8601 string or epoch seconds, got " +
                                    std::string(json::type_name(*posted)));
        }
    }
    if (const auto* b = r.object("budget")) {
        FieldReader br(*b, "budget");
        Budget budget;
        std::optional<BudgetKind> kind;
        read_enum(br, "kind", kind, &budget_kind_from_string, "fixed, hourly or salary");
        if (!kind && br.ok()) {
            br.fail("kind", "is required");
        }
        budget.kind = kind.value_or(BudgetKind::Fixed);
        budget.min = br.number("min");
        budget.max = br.number("max");
        budget.currency = br.string("currency").value_or("");
        br.reject_unknown({"kind", "min", "max", "currency"});
        if (!br.ok()) {
            return *br.error();
        }
        l.budget = budget;
    }
    if (const auto* tags = r.array("tags")) {
        for (rapidjson::SizeType i = 0; i < tags->Size(); ++i) {
            const auto& t = (*tags)[i];
            if (!t.IsString()) {
                r.fail("tags", "element " + std::to_string(i) + ": expected a string, got " +
                                   std::string(json::type_name(t)));
                break;
            }
            l.tags.emplace_back(t.GetString(), t.GetStringLength());
        }
    }
    read_enum(r, "experience_level", l.experience_level, &experience_level_from_string,
              "entry, intermediate or expert");
    read_enum(r, "job_type", l.job_type, &job_type_from_string,
              "freelance, contract, full_time or part_time");
    l.remote = r.boolean("remote");
    l.proposals = r.integer("proposals");
    if (const auto* c = r.object("client")) {
        FieldReader cr(*c, "client");
        ClientInfo client;
        client.country = cr.string("country").value_or("");
        client.rating = cr.number("rating");
        client.reviews = cr.integer("reviews");
        client.payment_verified = cr.boolean("payment_verified");
        if (const auto* spent = cr.object("total_spent")) {
            std::optional<Error> error;
            client.total_spent = read_money(*spent, "client.total_spent", error);
            if (error) {
                return *error;
            }
        }
        cr.reject_unknown({"country", "rating", "reviews", "payment_verified", "total_spent"});
        if (!cr.ok()) {
            return *cr.error();
        }
        l.client = client;
    }
    if (const auto* merged = r.array("merged")) {
        for (rapidjson::SizeType i = 0; i < merged->Size(); ++i) {
            std::string path = "merged[" + std::to_string(i) + "]";
            if (!(*merged)[i].IsObject()) {
                r.fail("merged", "element " + std::to_string(i) + ": expected an object");
                break;
            }
            FieldReader mr((*merged)[i], path);
            MergedCopy copy;
            copy.id = mr.string("id", FieldReader::Required).value_or("");
            copy.source = mr.string("source").value_or("");
            copy.url = mr.string("url").value_or("");
            mr.reject_unknown({"id", "source", "url"});
            if (!mr.ok()) {
                return *mr.error();
            }
            l.merged.push_back(std::move(copy));
        }
    }
    // "skills" is derived and written on output; accepted on input so exports re-import.
    r.reject_unknown({"id", "source", "url", "title", "description", "company", "location",
                      "posted_at", "budget", "tags", "experience_level", "job_type", "remote",
                      "proposals", "client", "merged", "skills"});
    if (!r.ok()) {
        return *r.error();
    }
    return l;
}

void write_listing_json(rapidjson::Writer<rapidjson::StringBuffer>& w, const Listing& l,
                        bool with_skills) {
    auto str = [&](const char* key, const std::string& v) {
        w.Key(key);
        w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
    };
    auto opt_str = [&](const char* key, const std::string& v) {
        if (!v.empty()) {
            str(key, v);
        }
    };
    auto opt_num = [&](const char* key, const std::optional<double>& v) {
        if (v) {
            w.Key(key);
            w.Double(*v);
        }
    };
    w.StartObject();
    str("id", l.id);
    opt_str("source", l.source);
    str("url", l.url);
    str("title", l.title);
    opt_str("description", l.description);
    opt_str("company", l.company);
    if (l.posted_at) {
        str("posted_at", format_iso8601(*l.posted_at));
    }
    if (l.budget) {
        w.Key("budget");
        w.StartObject();
        str("kind", std::string(to_string(l.budget->kind)));
        opt_num("min", l.budget->min);
        opt_num("max", l.budget->max);
        str("currency", l.budget->currency);
        w.EndObject();
    }
    if (!l.tags.empty()) {
        w.Key("tags");
        w.StartArray();
        for (const auto& t : l.tags) {
            w.String(t.data(), static_cast<rapidjson::SizeType>(t.size()));
        }
        w.EndArray();
    }
    if (l.experience_level) {
        str("experience_level", std::string(to_string(*l.experience_level)));
    }
    if (l.job_type) {
        str("job_type", std::string(to_string(*l.job_type)));
    }
    if (l.remote) {
        w.Key("remote");
        w.Bool(*l.remote);
    }
    opt_str("location", l.location);
    if (l.client) {
        const ClientInfo& c = *l.client;
        w.Key("client");
        w.StartObject();
        opt_str("country", c.country);
        opt_num("rating", c.rating);
        if (c.reviews) {
            w.Key("reviews");
            w.Int64(*c.reviews);
        }
        if (c.payment_verified) {
            w.Key("payment_verified");
            w.Bool(*c.payment_verified);
        }
        if (c.total_spent) {
            w.Key("total_spent");
            w.StartObject();
            w.Key("amount");
            w.Double(c.total_spent->amount);
            str("currency", c.total_spent->currency);
            w.EndObject();
        }
        w.EndObject();
    }
    if (l.proposals) {
        w.Key("proposals");
        w.Int64(*l.proposals);
    }
    if (!l.merged.empty()) {
        w.Key("merged");
        w.StartArray();
        for (const auto& m : l.merged) {
            w.StartObject();
            str("id", m.id);
            opt_str("source", m.source);
            opt_str("url", m.url);
            w.EndObject();
        }
        w.EndArray();
    }
    if (with_skills) {
        w.Key("skills");
        w.StartArray();
        for (const auto& s : l.skills) {
            w.StartObject();
            str("skill", s.skill);
            str("origin", std::string(to_string(s.origin)));
            w.EndObject();
        }
        w.EndArray();
    }
    w.EndObject();
}

std::string listing_to_json(const Listing& listing, bool with_skills) {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    write_listing_json(w, listing, with_skills);
    return {buf.GetString(), buf.GetSize()};
}

std::string listings_to_json(const std::vector<Listing>& listings, bool with_skills) {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    w.StartArray();
    for (const auto& l : listings) {
        write_listing_json(w, l, with_skills);
    }
    w.EndArray();
    return {buf.GetString(), buf.GetSize()};
}

namespace {

// Where the element of a top-level JSON array that holds byte `at` starts and ends, and its
// index; nullopt when `at` is not inside one (the text is checked by the parser, not here).
struct ArrayElement {
    std::size_t index = 0;
    std::size_t begin = 0;
    std::size_t end = 0;
};

std::optional<ArrayElement> element_at(std::string_view text, std::size_t at) {
    int depth = 0;
    bool in_string = false;
    ArrayElement e;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth == 1) {
                e.begin = i + 1;
            }
        } else if ((c == ',' && depth == 1) || ((c == ']' || c == '}') && depth-- == 1)) {
            if (at >= e.begin && at < i) {
                e.end = i;
                return e;
            }
            ++e.index;
            e.begin = i + 1;
        }
    }
    return std::nullopt;
}

}  // namespace

Result<ListingsParse> parse_listings(std::string_view text, std::string_view what, std::int64_t now,
                                     std::size_t first_index) {
    // RapidJSON refuses a whole document for one number too large for a double (1e400); the
    // listing holding it is set aside (null in its place) and reported, and the rest is read.
    std::string mended;
    std::map<rapidjson::SizeType, std::string> set_aside;
    auto doc = json::parse(text, what);
    while (!doc && set_aside.size() < 1000) {
        std::string_view current = mended.empty() ? text : std::string_view(mended);
        rapidjson::Document probe;
        probe.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag>(
            current.data(), current.size());
        if (probe.GetParseError() != rapidjson::kParseErrorNumberTooBig) {
            break;
        }
        std::size_t at = probe.GetErrorOffset();
        auto element = element_at(current, at);
        if (!element) {
            break;
        }
        std::size_t number_end = current.find_first_not_of("+-.0123456789eE", at);
        std::string number(current.substr(at, std::min<std::size_t>(number_end, at + 40) - at));
        set_aside[static_cast<rapidjson::SizeType>(element->index)] =
            "listing " + std::to_string(first_index + element->index) + ": the number " + number +
            " is too large (it does not fit a double)";
        std::string next(current.substr(0, element->begin));
        next += "null";
        next += current.substr(element->end);
        mended = std::move(next);
        doc = json::parse(mended, what);
    }
    if (!doc) {
        return doc.error();
    }
    const rapidjson::Document& d = doc.value();
    if (!d.IsArray()) {
        return Error{std::string(what) + ": expected a JSON array of listings, got " +
                     std::string(json::type_name(d))};
    }
    ListingsParse out;
    for (rapidjson::SizeType i = 0; i < d.Size(); ++i) {
        if (auto it = set_aside.find(i); it != set_aside.end()) {
            out.problems.push_back(it->second);
            continue;
        }
        auto listing = listing_from_json(d[i]);
        Status valid = listing ? validate_listing(listing.value(), now) : Status(listing.error());
        if (!valid) {
            out.problems.push_back("listing " + std::to_string(first_index + i) + ": " +
                                   valid.error().message);
            continue;
        }
        out.listings.push_back(std::move(listing).value());
        out.indexes.push_back(first_index + i);
    }
    return out;
}

}  // namespace gigscout
