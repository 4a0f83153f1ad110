#include "store/state_export.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "base/ascii.h"
#include "base/iso_time.h"
#include "base/json_reader.h"
#include "base/utf8.h"
#include "model/listing_json.h"
#include "model/listing_validator.h"

namespace gigscout {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;
using json::FieldReader;

// Text from the store as a JSON string. The doors refuse text that is not UTF-8, but a store
// written before they did may hold some: its bad bytes become U+FFFD, so the export is always
// JSON that import reads (RapidJSON's writer copies bytes as they are). True when it did.
bool write_text(Writer& w, std::string_view value) {
    if (utf8::is_valid(value)) {
        w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
        return false;
    }
    std::string repaired = utf8::sanitize(value);
    w.String(repaired.data(), static_cast<rapidjson::SizeType>(repaired.size()));
    return true;
}

bool key_string(Writer& w, const char* key, std::string_view value) {
    w.Key(key);
    return write_text(w, value);
}

void key_time(Writer& w, const char* key, std::int64_t t) {
    key_string(w, key, format_iso8601(t));
}

// True when text that was not UTF-8 had to be repaired (write_text).
bool write_listing_entry(Writer& w, const ExportedListing& e) {
    bool repaired = false;
    w.StartObject();
    repaired |= key_string(w, "id", e.id);
    repaired |= key_string(w, "source", e.source);
    repaired |= key_string(w, "url", e.url);
    if (e.listing) {
        w.Key("listing");
        write_listing_json(w, *e.listing, true);
    }
    w.Key("sources");
    w.StartArray();
    for (const auto& s : e.sources) {
        repaired |= write_text(w, s);
    }
    w.EndArray();
    key_time(w, "first_seen", e.first_seen);
    key_time(w, "last_seen", e.last_seen);
    if (e.closed_at) {
        key_time(w, "closed_at", *e.closed_at);
    }
    if (e.merged_into) {
        repaired |= key_string(w, "merged_into", *e.merged_into);
    }
    w.Key("new");
    w.Bool(e.is_new);
    if (e.action) {
        w.Key("action");
        w.StartObject();
        key_string(w, "state", to_string(e.action->state));
        key_time(w, "changed_at", e.action->changed_at);
        if (e.action->applied_at) {
            key_time(w, "applied_at", *e.action->applied_at);
        }
        if (!e.action->note.empty()) {
            repaired |= key_string(w, "note", e.action->note);
        }
        w.EndObject();
    }
    w.EndObject();
    return repaired;
}

// A time as ISO 8601 text (what we write) or epoch seconds.
std::optional<std::int64_t> read_time(FieldReader& r, const char* key, FieldReader::Need need) {
    const rapidjson::Value* v = r.any(key, need);
    if (v == nullptr) {
        return std::nullopt;
    }
    if (v->IsString()) {
        if (auto t = parse_iso8601({v->GetString(), v->GetStringLength()})) {
            return t;
        }
        r.fail(key, "expected an ISO 8601 time such as \"2026-11-25T10:00:00Z\"");
        return std::nullopt;
    }
    if (v->IsInt64()) {
        return v->GetInt64();
    }
    r.fail(key, "expected a time, got " + std::string(json::type_name(*v)));
    return std::nullopt;
}

std::string raw_json(const rapidjson::Value& v) {
    rapidjson::StringBuffer buf;
    Writer w(buf);
    v.Accept(w);
    return buf.GetString();
}

std::optional<UserAction> read_action(const rapidjson::Value& v, const std::string& path,
                                      std::string& problem) {
    FieldReader r(v, path);
    UserAction a;
    auto state = r.string("state", FieldReader::Required);
    if (state) {
        auto s = listing_state_from_string(*state);
        if (!s || *s == ListingState::New) {
            r.fail("state", "expected seen, hidden, saved or applied, got \"" + *state + "\"");
        } else {
            a.state = *s;
        }
    }
    a.changed_at = read_time(r, "changed_at", FieldReader::Required).value_or(0);
    a.applied_at = read_time(r, "applied_at", FieldReader::Optional);
    a.note = r.string("note").value_or("");
    if (a.note.size() > kMaxNoteBytes) {
        r.fail("note", "longer than " + std::to_string(kMaxNoteBytes) + " bytes");
    }
    r.reject_unknown({"state", "changed_at", "applied_at", "note"});
    if (!r.ok()) {
        problem = r.error()->message;
        return std::nullopt;
    }
    return a;
}

std::optional<std::vector<ListingSkill>> read_skills(const rapidjson::Value& listing,
                                                     std::string& problem) {
    std::vector<ListingSkill> out;
    auto it = listing.FindMember("skills");
    if (it == listing.MemberEnd()) {
        return out;
    }
    if (!it->value.IsArray()) {
        problem = "field `skills`: expected an array";
        return std::nullopt;
    }
    for (rapidjson::SizeType i = 0; i < it->value.Size(); ++i) {
        const auto& v = it->value[i];
        if (!v.IsObject()) {
            problem = "field `skills[" + std::to_string(i) + "]`: expected an object";
            return std::nullopt;
        }
        FieldReader r(v, "skills[" + std::to_string(i) + "]");
        ListingSkill s;
        s.skill = r.string("skill", FieldReader::Required).value_or("");
        auto origin = r.string("origin", FieldReader::Required).value_or("");
        const auto known = skill_origin_from_string(origin);
        if (known) {
            s.origin = *known;
        }
        if (r.ok() && !known) {
            r.fail("origin", "expected tag, title, lead, description, tag-only or role, got \"" +
                                 origin + "\"");
        }
        r.reject_unknown({"skill", "origin"});
        if (!r.ok()) {
            problem = r.error()->message;
            return std::nullopt;
        }
        out.push_back(std::move(s));
    }
    return out;
}

std::optional<ExportedListing> read_listing_entry(const rapidjson::Value& v,
                                                  const std::string& path, std::int64_t now,
                                                  std::string& problem) {
    if (!v.IsObject()) {
        problem = path + ": expected an object, got " + std::string(json::type_name(v));
        return std::nullopt;
    }
    FieldReader r(v, "");
    ExportedListing e;
    e.id = r.string("id", FieldReader::Required).value_or("");
    e.source = r.string("source").value_or("");
    e.url = r.string("url", FieldReader::Required).value_or("");
    if (const auto* sources = r.array("sources")) {
        for (const auto& s : sources->GetArray()) {
            if (!s.IsString()) {
                r.fail("sources", "expected an array of strings");
                break;
            }
            e.sources.emplace_back(s.GetString(), s.GetStringLength());
        }
    }
    e.first_seen = read_time(r, "first_seen", FieldReader::Required).value_or(0);
    e.last_seen = read_time(r, "last_seen", FieldReader::Required).value_or(0);
    e.closed_at = read_time(r, "closed_at", FieldReader::Optional);
    e.merged_into = r.string("merged_into");
    e.is_new = r.boolean("new").value_or(false);
    const rapidjson::Value* listing = r.object("listing");
    const rapidjson::Value* action = r.object("action");
    r.reject_unknown({"id", "source", "url", "listing", "sources", "first_seen", "last_seen",
                      "closed_at", "merged_into", "new", "action"});
    if (!r.ok()) {
        problem = path + ": " + r.error()->message;
        return std::nullopt;
    }
    if (e.id.empty() || e.id.size() > ListingLimits::kIdBytes) {
        problem = path + ": field `id`: must be 1 to " + std::to_string(ListingLimits::kIdBytes) +
                  " bytes";
        return std::nullopt;
    }
    if (!is_http_url(e.url)) {
        problem = path + ": field `url`: must be an http or https URL";
        return std::nullopt;
    }
    if (e.merged_into && *e.merged_into == e.id) {
        problem = path + ": field `merged_into`: names the listing itself";
        return std::nullopt;
    }
    if (listing != nullptr) {
        auto l = listing_from_json(*listing);
        if (!l) {
            problem = path + ".listing: " + l.error().message;
            return std::nullopt;
        }
        if (auto s = validate_listing(l.value(), now); !s) {
            problem = path + ".listing: " + s.error().message;
            return std::nullopt;
        }
        if (l.value().id != e.id) {
            problem = path + ".listing: field `id`: \"" + l.value().id +
                      "\" differs from the entry's id \"" + e.id + "\"";
            return std::nullopt;
        }
        e.listing = std::move(l).value();
        // Our own export carries the skills extracted when the listing first entered; a backup
        // restores them as they were (listing_from_json ignores them in other input).
        if (auto skills = read_skills(*listing, problem); skills) {
            e.listing->skills = std::move(*skills);
        } else {
            problem = path + ".listing: " + problem;
            return std::nullopt;
        }
    }
    if (action != nullptr) {
        e.action = read_action(*action, "action", problem);
        if (!e.action) {
            problem = path + ": " + problem;
            return std::nullopt;
        }
    }
    return e;
}

// Removes byte order marks that stand outside strings, where JSON allows none: an older GigScout
// copied a profile saved with one into its export as it was. Returns how many were removed.
std::size_t remove_stray_boms(std::string& text) {
    std::size_t removed = 0;
    std::size_t out = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size();) {
        char c = text[i];
        if (!in_string && text.compare(i, 3, "\xEF\xBB\xBF") == 0) {
            i += 3;
            ++removed;
            continue;
        }
        if (in_string && c == '\\' && i + 1 < text.size()) {
            text[out++] = text[i++];
        } else if (c == '"') {
            in_string = !in_string;
        }
        text[out++] = text[i++];
    }
    text.resize(out);
    return removed;
}

// Replaces the bad bytes of every string (and member name) that is not UTF-8 with U+FFFD and
// names each one by its path (`listings[3].action.note`).
void repair_strings(rapidjson::Value& v, const std::string& path,
                    rapidjson::Document::AllocatorType& alloc, std::vector<std::string>& repaired) {
    auto fix = [&](rapidjson::Value& s, const std::string& where) {
        std::string_view text(s.GetString(), s.GetStringLength());
        if (!utf8::is_valid(text)) {
            std::string good = utf8::sanitize(text);
            s.SetString(good.data(), static_cast<rapidjson::SizeType>(good.size()), alloc);
            repaired.push_back(where + ": text that was not UTF-8 was replaced with U+FFFD");
        }
    };
    if (v.IsString()) {
        fix(v, path);
    } else if (v.IsArray()) {
        for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
            repair_strings(v[i], path + "[" + std::to_string(i) + "]", alloc, repaired);
        }
    } else if (v.IsObject()) {
        for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
            std::string where = path.empty() ? "" : path + ".";
            fix(it->name, where + "(a member name)");
            repair_strings(it->value, where + it->name.GetString(), alloc, repaired);
        }
    }
}

// The export as it was written, or repaired when a damaged file can still be read: stray byte
// order marks removed, text that is not UTF-8 mended string by string. Fails with the strict
// parser's message when it cannot be read either way. `listings_from`: the text is a batch of
// the export's listings, the first being listings[listings_from] (repairs are named so).
Result<rapidjson::Document> parse_export(std::string_view text, std::string_view what,
                                         std::vector<std::string>& repaired,
                                         std::optional<std::size_t> listings_from = std::nullopt) {
    auto strict = json::parse(text, what);
    if (strict) {
        return strict;
    }
    std::string mended(text);
    std::size_t boms = remove_stray_boms(mended);
    rapidjson::Document doc;
    // No encoding check: bytes that are not UTF-8 are kept for repair_strings to find.
    doc.Parse<rapidjson::kParseIterativeFlag>(mended.data(), mended.size());
    if (doc.HasParseError()) {
        return strict.error();
    }
    if (boms > 0) {
        repaired.push_back(std::to_string(boms) +
                           " byte order mark(s) inside the file (where an older GigScout wrote "
                           "a profile as it was saved) were removed");
    }
    if (listings_from && doc.IsArray()) {
        for (rapidjson::SizeType i = 0; i < doc.Size(); ++i) {
            repair_strings(doc[i], "listings[" + std::to_string(*listings_from + i) + "]",
                           doc.GetAllocator(), repaired);
        }
    } else {
        repair_strings(doc, "", doc.GetAllocator(), repaired);
    }
    return doc;
}

void read_listing_entries(const rapidjson::Value& listings, std::size_t first_index,
                          std::int64_t now, ParsedImport& out) {
    out.state.listings.reserve(out.state.listings.size() + listings.Size());
    for (rapidjson::SizeType i = 0; i < listings.Size(); ++i) {
        std::string problem;
        auto e = read_listing_entry(
            listings[i], "listings[" + std::to_string(first_index + i) + "]", now, problem);
        if (!e) {
            out.problems.push_back(std::move(problem));
            continue;
        }
        out.state.listings.push_back(std::move(*e));
    }
}

}  // namespace

std::string_view to_string(SettingScope s) {
    switch (s) {
        case SettingScope::App:
            return "app";
        case SettingScope::Source:
            return "source";
        case SettingScope::Plugin:
            return "plugin";
    }
    return "app";
}

std::optional<SettingScope> setting_scope_from_string(std::string_view s) {
    for (SettingScope scope : {SettingScope::App, SettingScope::Source, SettingScope::Plugin}) {
        if (to_string(scope) == s) {
            return scope;
        }
    }
    return std::nullopt;
}

bool looks_like_secret_key(std::string_view key) {
    std::string k;
    for (char c : key) {
        char lower = ascii::to_lower(c);
        // "api-key", "api_key", "apiKey" and "api key" all become "apikey".
        if (lower != '_' && lower != '-' && lower != ' ' && lower != '.') {
            k += lower;
        }
    }
    constexpr std::array<std::string_view, 10> kWords = {
        "token",  "secret", "password",   "passwd",     "passphrase",
        "apikey", "cookie", "credential", "privatekey", "accesskey"};
    return std::any_of(kWords.begin(), kWords.end(),
                       [&](std::string_view w) { return k.find(w) != std::string::npos; });
}

std::string state_export_to_json(const StateExport& state, std::vector<std::string>* repairs) {
    auto repaired = [&](std::string what) {
        if (repairs != nullptr) {
            repairs->push_back(std::move(what));
        }
    };
    const std::string not_utf8 = ": text that was not UTF-8 was replaced with U+FFFD";
    rapidjson::StringBuffer buf;
    Writer w(buf);
    w.StartObject();
    key_string(w, "format", kStateExportFormat);
    w.Key("version");
    w.Int(kStateExportVersion);
    key_time(w, "exported_at", state.exported_at);
    if (state.last_look_at) {
        key_time(w, "last_look_at", *state.last_look_at);
    }
    if (state.active_profile) {
        key_string(w, "active_profile", *state.active_profile);
    }
    w.Key("profiles");
    w.StartArray();
    for (std::size_t i = 0; i < state.profiles.size(); ++i) {
        const StoredProfile& p = state.profiles[i];
        // Written again from its parse, never copied raw: a stored text with a byte order
        // mark (saved before the store removed them) or bad bytes would break the whole file.
        std::string what = "profiles[" + std::to_string(i) + "] (" + utf8::quoted(p.name) + ")";
        auto doc = json::parse(utf8::without_bom(p.json), what);
        if (!doc && !utf8::is_valid(p.json)) {
            doc = json::parse(utf8::sanitize(utf8::without_bom(p.json)), what);
            if (doc) {
                repaired(what + not_utf8);
            }
        }
        if (!doc || !doc.value().IsObject()) {
            repaired(what + ": left out: the stored text is not a JSON object");
            continue;
        }
        w.StartObject();
        if (key_string(w, "name", p.name)) {
            repaired(what + not_utf8 + " in its name");
        }
        key_time(w, "updated_at", p.updated_at);
        w.Key("profile");
        doc.value().Accept(w);
        w.EndObject();
    }
    w.EndArray();
    w.Key("settings");
    w.StartArray();
    for (std::size_t i = 0; i < state.settings.size(); ++i) {
        const ExportedSetting& s = state.settings[i];
        w.StartObject();
        key_string(w, "scope", to_string(s.scope));
        bool fixed = key_string(w, "owner", s.owner);
        fixed |= key_string(w, "key", s.key);
        fixed |= key_string(w, "value", s.value);
        w.EndObject();
        if (fixed) {
            repaired("settings[" + std::to_string(i) + "]" + not_utf8);
        }
    }
    w.EndArray();
    if (state.sources) {
        auto doc = json::parse(utf8::sanitize(utf8::without_bom(*state.sources)), "sources");
        if (doc && doc.value().IsObject()) {
            w.Key("sources");
            doc.value().Accept(w);
        } else {
            repaired("sources: left out: the sources file is not a JSON object");
        }
    }
    w.Key("listings");
    w.StartArray();
    for (std::size_t i = 0; i < state.listings.size(); ++i) {
        if (write_listing_entry(w, state.listings[i])) {
            repaired("listings[" + std::to_string(i) + "] (" + utf8::quoted(state.listings[i].id) +
                     ")" + not_utf8);
        }
    }
    w.EndArray();
    w.EndObject();
    std::string out(buf.GetString(), buf.GetSize());
    out += '\n';
    return out;
}

Result<ParsedImport> state_export_from_json(std::string_view text, std::string_view what,
                                            std::int64_t now) {
    std::vector<std::string> repaired;
    auto doc = parse_export(text, what, repaired);
    if (!doc) {
        return doc.error();
    }
    const rapidjson::Value& root = doc.value();
    const std::string where(what);
    if (!root.IsObject()) {
        return Error{where + ": expected a GigScout state export (a JSON object), got " +
                     std::string(json::type_name(root))};
    }
    FieldReader r(root, "");
    auto format = r.string("format", FieldReader::Required);
    if (format && *format != kStateExportFormat) {
        return Error{where + ": field `format`: expected \"" + std::string(kStateExportFormat) +
                     "\", got \"" + *format + "\""};
    }
    auto version = r.integer("version", FieldReader::Required);
    if (version && *version > kStateExportVersion) {
        return Error{where + ": written by a newer GigScout (export format version " +
                     std::to_string(*version) + ", this one reads up to " +
                     std::to_string(kStateExportVersion) + "); upgrade GigScout to import it"};
    }
    ParsedImport out;
    out.repaired = std::move(repaired);
    out.state.exported_at = read_time(r, "exported_at", FieldReader::Optional).value_or(0);
    out.state.last_look_at = read_time(r, "last_look_at", FieldReader::Optional);
    out.state.active_profile = r.string("active_profile");
    const auto* profiles = r.array("profiles");
    const auto* settings = r.array("settings");
    const auto* listings = r.array("listings");
    if (const auto* sources = r.object("sources")) {
        out.state.sources = raw_json(*sources);
    }
    r.reject_unknown({"format", "version", "exported_at", "last_look_at", "active_profile",
                      "profiles", "settings", "sources", "listings"});
    if (!r.ok()) {
        return Error{where + ": " + r.error()->message};
    }
    if (profiles != nullptr) {
        for (rapidjson::SizeType i = 0; i < profiles->Size(); ++i) {
            const auto& v = (*profiles)[i];
            std::string path = "profiles[" + std::to_string(i) + "]";
            if (!v.IsObject()) {
                out.problems.push_back(path + ": expected an object");
                continue;
            }
            FieldReader pr(v, "");
            StoredProfile p;
            p.name = pr.string("name", FieldReader::Required).value_or("");
            p.updated_at = read_time(pr, "updated_at", FieldReader::Optional).value_or(0);
            if (const auto* body = pr.object("profile", FieldReader::Required)) {
                p.json = raw_json(*body);
            }
            pr.reject_unknown({"name", "updated_at", "profile"});
            if (!pr.ok()) {
                out.problems.push_back(path + ": " + pr.error()->message);
                continue;
            }
            out.state.profiles.push_back(std::move(p));
        }
    }
    if (settings != nullptr) {
        for (rapidjson::SizeType i = 0; i < settings->Size(); ++i) {
            const auto& v = (*settings)[i];
            std::string path = "settings[" + std::to_string(i) + "]";
            if (!v.IsObject()) {
                out.problems.push_back(path + ": expected an object");
                continue;
            }
            FieldReader sr(v, "");
            ExportedSetting s;
            auto scope = sr.string("scope", FieldReader::Required);
            if (scope) {
                if (auto sc = setting_scope_from_string(*scope)) {
                    s.scope = *sc;
                } else {
                    sr.fail("scope", "expected app, source or plugin, got \"" + *scope + "\"");
                }
            }
            s.owner = sr.string("owner").value_or("");
            s.key = sr.string("key", FieldReader::Required).value_or("");
            s.value = sr.string("value", FieldReader::Required).value_or("");
            sr.reject_unknown({"scope", "owner", "key", "value"});
            if (!sr.ok()) {
                out.problems.push_back(path + ": " + sr.error()->message);
                continue;
            }
            if (looks_like_secret_key(s.key)) {
                out.problems.push_back(path + ": key `" + s.key +
                                       "` names a secret; secrets are never imported into the "
                                       "database (set it again in the keyring)");
                continue;
            }
            out.state.settings.push_back(std::move(s));
        }
    }
    if (listings != nullptr) {
        read_listing_entries(*listings, 0, now, out);
    }
    return out;
}

Result<ParsedImport> exported_listings_from_json(std::string_view array_text, std::string_view what,
                                                 std::size_t first_index, std::int64_t now) {
    std::vector<std::string> repaired;
    auto doc = parse_export(array_text, what, repaired, first_index);
    if (!doc) {
        return doc.error();
    }
    if (!doc.value().IsArray()) {
        return Error{std::string(what) + ": field `listings`: expected an array, got " +
                     std::string(json::type_name(doc.value()))};
    }
    ParsedImport out;
    out.repaired = std::move(repaired);
    read_listing_entries(doc.value(), first_index, now, out);
    return out;
}

}  // namespace gigscout
