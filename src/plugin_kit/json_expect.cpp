#include "plugin_kit/json_expect.h"

#include <algorithm>
#include <cmath>
#include <regex>
#include <string_view>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace gigscout::plugin_kit {
namespace {

std::string shortened(std::string s) {
    if (s.size() > 160) {
        s = s.substr(0, 157) + "...";
    }
    return s;
}

bool has_prefix(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

std::string path_or_result(const std::string& path) {
    return path.empty() ? "the result" : path;
}

void match_value(const rapidjson::Value& expected, const rapidjson::Value* actual,
                 const std::string& path, std::vector<FieldMismatch>& out);

// A string with a matcher prefix, or a plain string compared exactly.
void match_string(std::string_view e, const rapidjson::Value* actual, const std::string& path,
                  std::vector<FieldMismatch>& out) {
    if (e == "any") {
        if (actual == nullptr || actual->IsNull()) {
            out.push_back({path_or_result(path), "a value", "nothing"});
        }
        return;
    }
    if (actual == nullptr || !actual->IsString()) {
        out.push_back({path_or_result(path), "the string \"" + shortened(std::string(e)) + "\"",
                       actual == nullptr ? "nothing" : shortened(json_text(*actual))});
        return;
    }
    std::string_view a(actual->GetString(), actual->GetStringLength());
    bool ok = true;
    if (has_prefix(e, "re:")) {
        ok = std::regex_search(std::string(a), std::regex(std::string(e.substr(3))));
    } else if (has_prefix(e, "contains:")) {
        ok = a.find(e.substr(9)) != std::string_view::npos;
    } else if (has_prefix(e, "starts:")) {
        ok = has_prefix(a, e.substr(7));
    } else {
        ok = a == e;
    }
    if (!ok) {
        out.push_back({path_or_result(path), "\"" + shortened(std::string(e)) + "\"",
                       "\"" + shortened(std::string(a)) + "\""});
    }
}

void match_array_rule(const rapidjson::Value& rule, const rapidjson::Value* actual,
                      const std::string& path, std::vector<FieldMismatch>& out) {
    if (actual == nullptr || !actual->IsArray()) {
        out.push_back({path_or_result(path), "an array",
                       actual == nullptr ? std::string("nothing") : shortened(json_text(*actual))});
        return;
    }
    if (rule.HasMember("$count")) {
        auto n = rule["$count"].GetUint();
        if (actual->Size() != n) {
            out.push_back({path_or_result(path), std::to_string(n) + " elements",
                           std::to_string(actual->Size()) + ": " + shortened(json_text(*actual))});
        }
    }
    if (rule.HasMember("$has")) {
        for (const auto& want : rule["$has"].GetArray()) {
            bool found = false;
            for (const auto& have : actual->GetArray()) {
                std::vector<FieldMismatch> problems;
                match_value(want, &have, path, problems);
                if (problems.empty()) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                out.push_back({path_or_result(path), "an element matching " + json_text(want),
                               shortened(json_text(*actual))});
            }
        }
    }
}

void match_value(const rapidjson::Value& expected, const rapidjson::Value* actual,
                 const std::string& path, std::vector<FieldMismatch>& out) {
    if (expected.IsNull()) {
        if (actual != nullptr && !actual->IsNull()) {
            out.push_back({path_or_result(path), "no value", shortened(json_text(*actual))});
        }
        return;
    }
    if (expected.IsString()) {
        match_string({expected.GetString(), expected.GetStringLength()}, actual, path, out);
        return;
    }
    if (actual == nullptr) {
        out.push_back({path_or_result(path), shortened(json_text(expected)), "nothing"});
        return;
    }
    if (expected.IsBool()) {
        if (!actual->IsBool() || actual->GetBool() != expected.GetBool()) {
            out.push_back(
                {path_or_result(path), json_text(expected), shortened(json_text(*actual))});
        }
        return;
    }
    if (expected.IsNumber()) {
        double e = expected.GetDouble();
        if (!actual->IsNumber() ||
            std::fabs(actual->GetDouble() - e) > 1e-9 * std::max(1.0, std::fabs(e))) {
            out.push_back(
                {path_or_result(path), json_text(expected), shortened(json_text(*actual))});
        }
        return;
    }
    if (expected.IsArray()) {
        if (!actual->IsArray() || actual->Size() != expected.Size()) {
            out.push_back({path_or_result(path), shortened(json_text(expected)),
                           shortened(json_text(*actual))});
            return;
        }
        for (rapidjson::SizeType i = 0; i < expected.Size(); ++i) {
            match_value(expected[i], &(*actual)[i], path + "[" + std::to_string(i) + "]", out);
        }
        return;
    }
    // An object: an array rule, or a subset of fields.
    if (expected.HasMember("$count") || expected.HasMember("$has")) {
        match_array_rule(expected, actual, path, out);
        return;
    }
    if (!actual->IsObject()) {
        out.push_back({path_or_result(path), "an object", shortened(json_text(*actual))});
        return;
    }
    for (const auto& member : expected.GetObject()) {
        std::string key(member.name.GetString(), member.name.GetStringLength());
        auto it = actual->FindMember(member.name);
        match_value(member.value, it == actual->MemberEnd() ? nullptr : &it->value,
                    path.empty() ? key : path + "." + key, out);
    }
}

}  // namespace

std::string FieldMismatch::text() const {
    return path + ": expected " + expected + ", got " + actual;
}

std::vector<FieldMismatch> json_mismatches(const rapidjson::Value& expected,
                                           const rapidjson::Value* actual,
                                           const std::string& path) {
    std::vector<FieldMismatch> out;
    match_value(expected, actual, path, out);
    return out;
}

std::string json_text(const rapidjson::Value& v) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    v.Accept(writer);
    return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace gigscout::plugin_kit
