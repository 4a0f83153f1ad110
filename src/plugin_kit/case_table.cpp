#include "plugin_kit/case_table.h"

#include <cmath>
#include <set>

#include "base/file_io.h"
#include "base/json_reader.h"

namespace gigscout::plugin_kit {
namespace {

namespace fs = std::filesystem;

bool is_case_name(const std::string& s) {
    if (s.empty()) {
        return false;
    }
    for (char c : s) {
        bool ok =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        if (!ok) {
            return false;
        }
    }
    return true;
}

// A setting's value as the CLI takes it: lists comma-joined, numbers and booleans as text.
Result<std::string> case_setting_text(const rapidjson::Value& v, const std::string& key) {
    if (v.IsString()) {
        return std::string(v.GetString(), v.GetStringLength());
    }
    if (v.IsBool()) {
        return std::string(v.GetBool() ? "true" : "false");
    }
    if (v.IsNumber()) {
        double d = v.GetDouble();
        if (d == std::floor(d) && std::fabs(d) < 1e15) {
            return std::to_string(static_cast<long long>(d));
        }
        return std::to_string(d);
    }
    if (v.IsArray()) {
        std::string out;
        for (const auto& e : v.GetArray()) {
            if (!e.IsString()) {
                return Error{"setting `" + key + "`: list elements must be strings"};
            }
            out += (out.empty() ? "" : ",") + std::string(e.GetString(), e.GetStringLength());
        }
        return out;
    }
    return Error{"setting `" + key + "`: expected a string, number, boolean or list"};
}

const std::set<std::string, std::less<>> kKnownCaseFields = {
    "name",         "type",      "fixture",  "status", "headers", "settings",
    "count",        "min_count", "listings", "absent", "error",   "warning",
    "next_request", "requests",  "note",     "page",   "url",     "query",
};

}  // namespace

Result<std::vector<PluginCase>> load_case_table(const fs::path& plugin_dir) {
    fs::path file = plugin_dir / "cases.json";
    std::string where = file.string();
    auto text = read_text_file(file, 4u << 20);
    if (!text.ok()) {
        return text.error();
    }
    auto parsed = json::parse(text.value(), where);
    if (!parsed.ok()) {
        return parsed.error();
    }
    auto table = std::make_shared<rapidjson::Document>(std::move(parsed).value());
    if (!table->IsObject() || !table->HasMember("cases") || !(*table)["cases"].IsArray()) {
        return Error{where + ": expected an object with a `cases` array"};
    }
    std::string plugin = fs::absolute(plugin_dir).lexically_normal().filename().string();
    if (plugin.empty()) {
        plugin = fs::absolute(plugin_dir).lexically_normal().parent_path().filename().string();
    }
    if (table->HasMember("plugin") && (*table)["plugin"].IsString()) {
        plugin = (*table)["plugin"].GetString();
    }

    std::vector<PluginCase> cases;
    std::set<std::string> names;
    const auto& list = (*table)["cases"];
    for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
        std::string at = where + ": case " + std::to_string(i + 1);
        const auto& c = list[i];
        if (!c.IsObject()) {
            return Error{at + ": expected an object"};
        }
        for (const auto& m : c.GetObject()) {
            if (kKnownCaseFields.count(m.name.GetString()) == 0) {
                return Error{at + ": unknown field `" + std::string(m.name.GetString()) + "`"};
            }
        }
        PluginCase pc;
        pc.plugin = plugin;
        pc.plugin_dir = plugin_dir;
        pc.table = table;
        pc.spec = &c;
        if (!c.HasMember("name") || !c["name"].IsString() || !is_case_name(c["name"].GetString())) {
            return Error{at + ": field `name`: expected a test name of letters, digits and _"};
        }
        pc.name = c["name"].GetString();
        at += " (" + pc.name + ")";
        if (!names.insert(pc.name).second) {
            return Error{at + ": duplicate name"};
        }
        std::string type =
            c.HasMember("type") && c["type"].IsString() ? c["type"].GetString() : "run";
        if (type == "run") {
            pc.kind = CaseKind::Run;
            if (!c.HasMember("fixture") || !c["fixture"].IsString()) {
                return Error{at + ": field `fixture`: a run case needs the saved response's path"};
            }
            pc.fixture = c["fixture"].GetString();
            bool has_expectation = c.HasMember("count") || c.HasMember("min_count") ||
                                   c.HasMember("error") || c.HasMember("listings");
            if (!has_expectation) {
                return Error{at + ": a run case needs `count`, `min_count`, `listings` or `error`"};
            }
        } else if (type == "requests") {
            pc.kind = CaseKind::Requests;
            if (!c.HasMember("requests") && !c.HasMember("error")) {
                return Error{at + ": a requests case needs `requests` or `error`"};
            }
        } else {
            return Error{at + ": field `type`: expected run or requests, got \"" + type + "\""};
        }
        if (c.HasMember("status")) {
            if (!c["status"].IsInt()) {
                return Error{at + ": field `status`: expected a number"};
            }
            pc.status = c["status"].GetInt();
        }
        if (c.HasMember("page")) {
            if (!c["page"].IsInt() || c["page"].GetInt() < 1) {
                return Error{at + ": field `page`: expected a page number from 1"};
            }
            pc.page = c["page"].GetInt();
        }
        if (c.HasMember("url")) {
            if (!c["url"].IsString()) {
                return Error{at + ": field `url`: expected the response's address"};
            }
            pc.url = c["url"].GetString();
        }
        if (c.HasMember("query")) {
            if (!c["query"].IsArray()) {
                return Error{at + ": field `query`: expected a list of search terms"};
            }
            for (const auto& q : c["query"].GetArray()) {
                if (!q.IsString()) {
                    return Error{at + ": field `query`: expected strings"};
                }
                pc.query.emplace_back(q.GetString());
            }
        }
        if (c.HasMember("headers")) {
            if (!c["headers"].IsArray()) {
                return Error{at + ": field `headers`: expected a list of \"Name: value\" strings"};
            }
            for (const auto& h : c["headers"].GetArray()) {
                if (!h.IsString()) {
                    return Error{at + ": field `headers`: expected strings"};
                }
                pc.headers.emplace_back(h.GetString());
            }
        }
        if (c.HasMember("settings")) {
            if (!c["settings"].IsObject()) {
                return Error{at + ": field `settings`: expected an object"};
            }
            for (const auto& s : c["settings"].GetObject()) {
                std::string key = s.name.GetString();
                auto value = case_setting_text(s.value, key);
                if (!value.ok()) {
                    return Error{at + ": " + value.error().message};
                }
                pc.settings.emplace_back(key, value.value());
            }
        }
        cases.push_back(std::move(pc));
    }
    return cases;
}

}  // namespace gigscout::plugin_kit
