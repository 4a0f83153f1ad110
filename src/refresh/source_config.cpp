#include "refresh/source_config.h"

#include <cctype>
#include <charconv>
#include <cstdlib>
#include <set>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "base/file_io.h"
#include "base/json_reader.h"

namespace gigscout {
namespace {

bool valid_name(const std::string& s) {
    if (s.empty() || s.size() > 64) {
        return false;
    }
    for (unsigned char c : s) {
        if (!(std::islower(c) || std::isdigit(c) || c == '-' || c == '_')) {
            return false;
        }
    }
    return true;
}

}  // namespace

Result<SourcesFile> parse_sources(std::string_view text, std::string_view what) {
    auto doc = json::parse(text, what);
    if (!doc) {
        return doc.error();
    }
    const auto& d = doc.value();
    if (!d.IsObject()) {
        return Error{std::string(what) + ": expected an object with a `sources` array"};
    }
    auto prefixed = [&](const std::optional<Error>& e) {
        return Error{std::string(what) + ": " + e->message};
    };
    json::FieldReader top(d, "");
    const auto* list = top.array("sources", json::FieldReader::Required);
    top.reject_unknown({"sources", "version"});
    if (!top.ok()) {
        return prefixed(top.error());
    }
    SourcesFile out;
    out.exists = true;
    std::set<std::string> ids;
    for (rapidjson::SizeType i = 0; i < list->Size(); ++i) {
        std::string path = "sources[" + std::to_string(i) + "]";
        const auto& v = (*list)[i];
        if (!v.IsObject()) {
            return Error{std::string(what) + ": field `" + path + "`: expected an object, got " +
                         std::string(json::type_name(v))};
        }
        json::FieldReader r(v, path);
        SourceConfig s;
        s.plugin = r.string("plugin", json::FieldReader::Required).value_or("");
        s.instance = r.string("instance").value_or("");
        s.enabled = r.boolean("enabled").value_or(true);
        s.allow_http = r.boolean("allow_http").value_or(false);
        s.allow_private_network = r.boolean("allow_private_network").value_or(false);
        if (auto minutes = r.integer("refresh_minutes")) {
            if (*minutes < 1 || *minutes > kMaxRefreshMinutes) {
                r.fail("refresh_minutes", "must be 1 to " + std::to_string(kMaxRefreshMinutes) +
                                              " (a week), got " + std::to_string(*minutes));
            } else {
                s.refresh_minutes = static_cast<int>(*minutes);
            }
        }
        if (auto seconds = r.integer("time_budget_seconds")) {
            if (*seconds < 1 || *seconds > kMaxTimeBudgetSeconds) {
                r.fail("time_budget_seconds", "must be 1 to " +
                                                  std::to_string(kMaxTimeBudgetSeconds) +
                                                  " (an hour), got " + std::to_string(*seconds));
            } else {
                s.time_budget_seconds = static_cast<int>(*seconds);
            }
        }
        if (const auto* settings = r.object("settings")) {
            for (auto it = settings->MemberBegin(); it != settings->MemberEnd(); ++it) {
                std::string key(it->name.GetString(), it->name.GetStringLength());
                const auto& val = it->value;
                if (val.IsString()) {
                    s.settings[key] = std::string(val.GetString(), val.GetStringLength());
                } else if (val.IsBool()) {
                    s.settings[key] = val.GetBool() ? "true" : "false";
                } else if (val.IsInt64()) {
                    s.settings[key] = std::to_string(val.GetInt64());
                } else if (val.IsNumber()) {
                    char buf[32];
                    auto res = std::to_chars(buf, buf + sizeof buf, val.GetDouble());
                    s.settings[key] = std::string(buf, res.ptr);
                } else if (val.IsArray()) {
                    // A list setting, kept as the comma-separated text a person would type.
                    std::string joined;
                    for (rapidjson::SizeType k = 0; k < val.Size(); ++k) {
                        std::string item_key = "settings." + key + "[" + std::to_string(k) + "]";
                        if (!val[k].IsString()) {
                            r.fail(item_key.c_str(), "expected a string, got " +
                                                         std::string(json::type_name(val[k])));
                            break;
                        }
                        std::string item(val[k].GetString(), val[k].GetStringLength());
                        if (item.find(',') != std::string::npos) {
                            r.fail(item_key.c_str(), "a list item cannot contain a comma");
                            break;
                        }
                        joined += (k == 0 ? "" : ",") + item;
                    }
                    s.settings[key] = joined;
                } else {
                    r.fail(("settings." + key).c_str(),
                           "expected a string, number, boolean or list of strings, got " +
                               std::string(json::type_name(val)));
                }
            }
        }
        r.reject_unknown({"plugin", "instance", "enabled", "settings", "allow_http",
                          "allow_private_network", "refresh_minutes", "time_budget_seconds"});
        if (r.ok() && !valid_name(s.plugin)) {
            r.fail("plugin", "must be a plugin id of lower-case letters, digits, - and _");
        }
        if (r.ok() && !s.instance.empty() && !valid_name(s.instance)) {
            r.fail("instance", "must be lower-case letters, digits, - and _");
        }
        if (!r.ok()) {
            return prefixed(r.error());
        }
        s.id = s.instance.empty() ? s.plugin : s.plugin + ":" + s.instance;
        if (!ids.insert(s.id).second) {
            return Error{std::string(what) + ": field `" + path + "`: source `" + s.id +
                         "` is configured twice (give each an `instance` name)"};
        }
        out.sources.push_back(std::move(s));
    }
    return out;
}

Result<SourcesFile> load_sources(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) {
        return SourcesFile{};
    }
    auto text = read_text_file(file, 4 << 20);
    if (!text) {
        return text.error();
    }
    return parse_sources(text.value(), file.string());
}

std::size_t merge_sources(SourcesFile& into, const SourcesFile& incoming) {
    std::size_t added = 0;
    for (const auto& s : incoming.sources) {
        bool known = false;
        for (const auto& mine : into.sources) {
            known = known || mine.id == s.id;
        }
        if (!known) {
            into.sources.push_back(s);
            ++added;
        }
    }
    into.exists = into.exists || added > 0;
    return added;
}

std::string sources_to_json(const SourcesFile& file) {
    rapidjson::StringBuffer buf;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buf);
    w.SetIndent(' ', 2);
    w.StartObject();
    w.Key("sources");
    w.StartArray();
    for (const auto& s : file.sources) {
        w.StartObject();
        w.Key("plugin");
        w.String(s.plugin.c_str());
        if (!s.instance.empty()) {
            w.Key("instance");
            w.String(s.instance.c_str());
        }
        w.Key("enabled");
        w.Bool(s.enabled);
        if (s.allow_http) {
            w.Key("allow_http");
            w.Bool(true);
        }
        if (s.allow_private_network) {
            w.Key("allow_private_network");
            w.Bool(true);
        }
        if (s.refresh_minutes) {
            w.Key("refresh_minutes");
            w.Int(*s.refresh_minutes);
        }
        if (s.time_budget_seconds) {
            w.Key("time_budget_seconds");
            w.Int(*s.time_budget_seconds);
        }
        w.Key("settings");
        w.StartObject();
        for (const auto& [k, v] : s.settings) {
            w.Key(k.c_str());
            w.String(v.c_str());
        }
        w.EndObject();
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return std::string(buf.GetString(), buf.GetSize()) + "\n";
}

std::string source_env_prefix(const std::string& source_id) {
    std::string out;
    for (unsigned char c : source_id) {
        out += std::isalnum(c) ? static_cast<char>(std::toupper(c)) : '_';
    }
    return out;
}

std::optional<std::string> secret_from_environment(const std::string& source_id,
                                                   const std::string& key) {
    std::string name = "GIGSCOUT_" + source_env_prefix(source_id) + "_" + source_env_prefix(key);
    const char* v = std::getenv(name.c_str());
    if (v == nullptr || *v == '\0') {
        return std::nullopt;
    }
    return std::string(v);
}

}  // namespace gigscout
