#include "plugin_kit/case_runner.h"

#include <utility>

#include "base/file_io.h"
#include "base/json_reader.h"
#include "model/listing_json.h"

namespace gigscout::plugin_kit {
namespace {

namespace fs = std::filesystem;

// Failed or refused work the case may expect (`error`), or that fails a case expecting none.
struct CallFailure {
    std::string message;
};

std::string spec_string(const rapidjson::Value& spec, const char* key) {
    const auto& v = spec[key];
    return v.IsString() ? std::string(v.GetString(), v.GetStringLength()) : std::string();
}

std::string in_quotes(const std::string& s) {
    return "\"" + s + "\"";
}

// ctx for the case: its settings typed by the manifest's schema and defaults filled in, as
// `--setting k=v` would be.
Result<PluginContext> case_context(const PluginManifest& m, const PluginCase& c) {
    SettingValues given;
    for (const auto& [key, text] : c.settings) {
        const SettingSpec* spec = m.setting(key);
        if (spec == nullptr) {
            return Error{"setting `" + key + "`: plugin " + m.id + " has no such setting"};
        }
        auto value = parse_setting_value(*spec, text);
        if (!value) {
            return value.error();
        }
        given[key] = std::move(value).value();
    }
    auto settings = resolve_settings(m, given);
    if (!settings) {
        return settings.error();
    }
    PluginContext ctx;
    ctx.settings = std::move(settings).value();
    ctx.page = c.page;
    ctx.query = c.query;
    return ctx;
}

// A request as cases name it: {"method", "url", "headers": {name: value}, "body"}.
void add_request_json(const PluginRequest& r, rapidjson::Value& out,
                      rapidjson::Document::AllocatorType& a) {
    out.SetObject();
    out.AddMember("method", rapidjson::Value(r.method.c_str(), a), a);
    out.AddMember("url", rapidjson::Value(r.url.c_str(), a), a);
    rapidjson::Value headers(rapidjson::kObjectType);
    for (const auto& [name, value] : r.headers) {
        headers.AddMember(rapidjson::Value(name.c_str(), a), rapidjson::Value(value.c_str(), a), a);
    }
    out.AddMember("headers", headers, a);
    if (!r.body.empty()) {
        out.AddMember("body", rapidjson::Value(r.body.c_str(), a), a);
    }
}

std::string log_text(const std::vector<PluginLogMessage>& log) {
    std::string out;
    for (const auto& m : log) {
        out += "log " + m.level + ": " + m.text + "\n";
    }
    return out;
}

// An `error` case: the failure must say the expected words.
void expect_failure(const rapidjson::Value& spec, const std::optional<CallFailure>& failure,
                    const std::string& success, CaseResult& result) {
    std::string want = spec_string(spec, "error");
    if (!failure) {
        result.mismatches.push_back({"error", "a failure saying " + in_quotes(want), success});
    } else if (failure->message.find(want) == std::string::npos) {
        result.mismatches.push_back(
            {"error", "a failure saying " + in_quotes(want), failure->message});
    }
}

std::string listing_id(const rapidjson::Value& l) {
    if (l.IsObject() && l.HasMember("id") && l["id"].IsString()) {
        return {l["id"].GetString(), l["id"].GetStringLength()};
    }
    return {};
}

void check_listings(const rapidjson::Value& spec, const rapidjson::Value& listings,
                    CaseResult& result) {
    auto& out = result.mismatches;
    if (spec.HasMember("count") && listings.Size() != spec["count"].GetUint()) {
        out.push_back({"count", std::to_string(spec["count"].GetUint()) + " listings",
                       std::to_string(listings.Size())});
    }
    if (spec.HasMember("min_count") && listings.Size() < spec["min_count"].GetUint()) {
        out.push_back({"count", "at least " + std::to_string(spec["min_count"].GetUint()),
                       std::to_string(listings.Size())});
    }
    if (spec.HasMember("listings")) {
        for (const auto& want : spec["listings"].GetObject()) {
            std::string id = want.name.GetString();
            std::string path = "listings[" + in_quotes(id) + "]";
            const rapidjson::Value* found = nullptr;
            for (const auto& l : listings.GetArray()) {
                if (listing_id(l) == id) {
                    found = &l;
                    break;
                }
            }
            if (found == nullptr) {
                std::string ids;
                for (const auto& l : listings.GetArray()) {
                    ids += (ids.empty() ? "" : ", ") + listing_id(l);
                    if (ids.size() > 600) {
                        ids += ", ...";
                        break;
                    }
                }
                out.push_back({path, "a listing", "none (ids: " + ids + ")"});
                continue;
            }
            for (auto& m : json_mismatches(want.value, found, path)) {
                out.push_back(std::move(m));
            }
        }
    }
    if (spec.HasMember("absent")) {
        for (const auto& id : spec["absent"].GetArray()) {
            for (const auto& l : listings.GetArray()) {
                if (listing_id(l) == id.GetString()) {
                    out.push_back({"listings[" + in_quotes(listing_id(l)) + "]",
                                   "no such listing (skipped)", "present"});
                }
            }
        }
    }
}

void run_parse_case(PluginSession& session, const PluginCase& c, const fs::path& fixture,
                    CaseResult& result) {
    const rapidjson::Value& spec = *c.spec;
    auto body = read_text_file(fixture);
    if (!body) {
        result.verdict = CaseVerdict::Fail;
        result.reason = "response: " + body.error().message;
        return;
    }
    PluginResponse response;
    response.status = c.status;
    response.body = std::move(body).value();
    for (const auto& h : c.headers) {
        std::size_t colon = h.find(':');
        if (colon == std::string::npos || colon == 0) {
            result.verdict = CaseVerdict::Fail;
            result.reason = "header " + in_quotes(h) + ": expected \"Name: value\"";
            return;
        }
        std::string value = h.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        response.headers.emplace_back(h.substr(0, colon), value);
    }
    response.url = c.url;

    std::optional<CallFailure> failure;
    std::optional<ParseOutcome> outcome;
    if (auto m = session.load(); !m) {
        failure = CallFailure{m.error().message + "\n" + log_text(session.last_log())};
    } else if (auto ctx = case_context(m.value(), c); !ctx) {
        failure = CallFailure{ctx.error().message};
    } else {
        if (response.url.empty()) {
            // The address the plugin would have fetched, so parse() sees a realistic url.
            if (auto reqs = session.requests(ctx.value()); reqs && !reqs.value().empty()) {
                response.url = reqs.value().front().url;
            }
        }
        if (auto o = session.parse(response, ctx.value()); !o) {
            failure = CallFailure{o.error().message + "\n" + log_text(session.last_log())};
        } else {
            outcome = std::move(o).value();
            // A refused listing fails the run as it fails `plugin run` (exit 3).
            if (!outcome->problems.empty()) {
                std::string words;
                for (const auto& p : outcome->problems) {
                    words += p + "\n";
                }
                failure = CallFailure{words + log_text(outcome->log)};
            }
        }
    }

    if (spec.HasMember("error")) {
        std::string success = outcome ? "no failure: " + std::to_string(outcome->listings.size()) +
                                            " listings, all valid"
                                      : "no failure";
        expect_failure(spec, failure, success, result);
        return;
    }
    if (failure) {
        result.mismatches.push_back({"error", "no failure", failure->message});
        return;
    }
    auto parsed = json::parse(listings_to_json(outcome->listings), "listings");
    if (!parsed) {
        result.verdict = CaseVerdict::Fail;
        result.reason = parsed.error().message;  // a bug of listing_json, not of the plugin
        return;
    }
    check_listings(spec, parsed.value(), result);
    if (spec.HasMember("warning")) {
        std::string notes;
        for (const auto& p : outcome->problems) {
            notes += p + "\n";
        }
        notes += log_text(outcome->log);
        std::string want = spec_string(spec, "warning");
        if (notes.find(want) == std::string::npos) {
            result.mismatches.push_back(
                {"warning", "a message saying " + in_quotes(want),
                 notes.empty() ? std::string("no message") : notes.substr(0, notes.size() - 1)});
        }
    }
    if (spec.HasMember("next_request")) {
        rapidjson::Document next;
        const rapidjson::Value* got = nullptr;
        if (outcome->next) {
            add_request_json(*outcome->next, next, next.GetAllocator());
            got = &next;
        }
        for (auto& m : json_mismatches(spec["next_request"], got, "next_request")) {
            result.mismatches.push_back(std::move(m));
        }
    }
}

void run_requests_case(PluginSession& session, const PluginCase& c, CaseResult& result) {
    const rapidjson::Value& spec = *c.spec;
    std::optional<CallFailure> failure;
    std::vector<PluginRequest> requests;
    if (auto m = session.load(); !m) {
        failure = CallFailure{m.error().message};
    } else if (auto ctx = case_context(m.value(), c); !ctx) {
        failure = CallFailure{ctx.error().message};
    } else if (auto r = session.requests(ctx.value()); !r) {
        failure = CallFailure{r.error().message + "\n" + log_text(session.last_log())};
    } else {
        requests = std::move(r).value();
    }
    if (spec.HasMember("error")) {
        expect_failure(spec, failure,
                       "no failure: " + std::to_string(requests.size()) + " requests", result);
        return;
    }
    if (failure) {
        result.mismatches.push_back({"error", "no failure", failure->message});
        return;
    }
    rapidjson::Document doc(rapidjson::kArrayType);
    for (const auto& r : requests) {
        rapidjson::Value v;
        add_request_json(r, v, doc.GetAllocator());
        doc.PushBack(v, doc.GetAllocator());
    }
    for (auto& m : json_mismatches(spec["requests"], &doc, "requests")) {
        result.mismatches.push_back(std::move(m));
    }
}

}  // namespace

CaseResult run_case(PluginSession& session, const PluginCase& c, const CaseOptions& options) {
    CaseResult result;
    result.name = c.name;
    if (c.kind == CaseKind::Run) {
        fs::path fixture;
        const std::string shared_prefix = "shared:";
        if (c.fixture.rfind(shared_prefix, 0) == 0) {
            std::string relative = c.fixture.substr(shared_prefix.size());
            std::error_code ec;
            if (!options.shared_fixtures ||
                !fs::is_regular_file(*options.shared_fixtures / relative, ec)) {
                result.verdict = CaseVerdict::Skip;
                result.reason = "needs the real capture " + relative +
                                " from ../shared/fixtures, absent here (`plugin test --fixtures "
                                "DIR` or $GIGSCOUT_SHARED/fixtures points at it)";
                return result;
            }
            fixture = *options.shared_fixtures / relative;
        } else {
            fixture = c.plugin_dir / c.fixture;
            std::error_code ec;
            if (!fs::is_regular_file(fixture, ec)) {
                result.verdict = CaseVerdict::Fail;
                result.reason = "response file missing: " + fixture.string() +
                                " (field `fixture` is read from the plugin's folder)";
                return result;
            }
        }
        run_parse_case(session, c, fixture, result);
    } else {
        run_requests_case(session, c, result);
    }
    if (!result.mismatches.empty()) {
        result.verdict = CaseVerdict::Fail;
    }
    return result;
}

Result<fs::path> plugin_folder(const fs::path& path) {
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) {
        fs::path stem = path.stem();
        return Error{path.string() + " is a single-file plugin: its cases need a folder (" +
                     (stem / "init.lua").string() + ", " + (stem / "cases.json").string() + ")"};
    }
    if (!fs::is_directory(path, ec)) {
        return Error{path.string() + ": no such plugin folder"};
    }
    if (!fs::is_regular_file(path / "init.lua", ec)) {
        return Error{path.string() + ": no init.lua in this folder"};
    }
    if (!fs::is_regular_file(path / "cases.json", ec)) {
        return Error{path.string() + ": no cases.json in this folder (docs/plugin-cases.md)"};
    }
    return path;
}

}  // namespace gigscout::plugin_kit
