#include "plugin_host/manifest_cache.h"

#include <sys/stat.h>

#include <algorithm>
#include <system_error>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "base/file_io.h"
#include "base/json_reader.h"
#include "base/sha256.h"

namespace gigscout {
namespace fs = std::filesystem;
namespace {

constexpr const char* kFormat = "gigscout-plugin-manifests 1";
// Far above what 1,000 plugins need; a bigger file is not read at all.
constexpr std::size_t kMaxCacheBytes = std::size_t{16} << 20;
constexpr std::size_t kMaxEntries = 10000;
constexpr std::size_t kMaxRefusalBytes = std::size_t{64} << 10;
constexpr std::size_t kMaxFunctions = 64;

bool is_key(std::string_view s) {
    return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

std::string to_json_text(const rapidjson::Value& v) {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    v.Accept(w);
    return std::string(buf.GetString(), buf.GetSize());
}

// One entry as written by write_if_changed, or nullopt for anything else.
std::optional<LoadAnswer> answer_from_json(const rapidjson::Value& v) {
    if (!v.IsObject()) {
        return std::nullopt;
    }
    LoadAnswer a;
    auto refusal = v.FindMember("refusal");
    if (refusal != v.MemberEnd()) {
        if (!refusal->value.IsString() || refusal->value.GetStringLength() == 0 ||
            refusal->value.GetStringLength() > kMaxRefusalBytes || v.MemberCount() != 1) {
            return std::nullopt;
        }
        a.refusal.assign(refusal->value.GetString(), refusal->value.GetStringLength());
        return a;
    }
    auto manifest = v.FindMember("manifest");
    auto functions = v.FindMember("functions");
    auto problems = v.FindMember("problems");
    std::size_t members = problems == v.MemberEnd() ? 2 : 3;
    if (manifest == v.MemberEnd() || !manifest->value.IsObject() || functions == v.MemberEnd() ||
        !functions->value.IsArray() || functions->value.Size() > kMaxFunctions ||
        v.MemberCount() != members) {
        return std::nullopt;
    }
    for (const auto& f : functions->value.GetArray()) {
        if (!f.IsString() || f.GetStringLength() > 64) {
            return std::nullopt;
        }
        a.functions.emplace_back(f.GetString(), f.GetStringLength());
    }
    if (problems != v.MemberEnd()) {
        if (!problems->value.IsArray() || problems->value.Empty() ||
            problems->value.Size() > kMaxFunctions) {
            return std::nullopt;
        }
        for (const auto& p : problems->value.GetArray()) {
            if (!p.IsString() || p.GetStringLength() > kMaxRefusalBytes) {
                return std::nullopt;
            }
            a.problems.emplace_back(p.GetString(), p.GetStringLength());
        }
    }
    a.manifest_json = to_json_text(manifest->value);
    return a;
}

bool same(const LoadAnswer& a, const LoadAnswer& b) {
    return a.manifest_json == b.manifest_json && a.functions == b.functions &&
           a.problems == b.problems && a.refusal == b.refusal;
}

}  // namespace

ManifestCache::ManifestCache(fs::path file) : file_(std::move(file)) {}

void ManifestCache::read() {
    entries_.clear();
    wanted_.clear();
    changed_ = false;
    std::error_code ec;
    if (!fs::exists(file_, ec)) {
        return;
    }
    // Damage of any kind means starting over: the file is rewritten after the next load.
    changed_ = true;
    auto text = read_text_file(file_, kMaxCacheBytes);
    if (!text) {
        return;
    }
    auto doc = json::parse(text.value(), "the plugin manifest cache");
    if (!doc || !doc.value().IsObject()) {
        return;
    }
    const auto& root = doc.value();
    auto format = root.FindMember("format");
    auto entries = root.FindMember("entries");
    if (format == root.MemberEnd() || !format->value.IsString() ||
        std::string_view(format->value.GetString(), format->value.GetStringLength()) != kFormat ||
        entries == root.MemberEnd() || !entries->value.IsObject() ||
        entries->value.MemberCount() > kMaxEntries) {
        return;
    }
    bool damaged = false;
    for (const auto& e : entries->value.GetObject()) {
        std::string key(e.name.GetString(), e.name.GetStringLength());
        auto answer = answer_from_json(e.value);
        if (!is_key(key) || !answer) {
            damaged = true;
            continue;
        }
        entries_[key] = std::move(*answer);
    }
    changed_ = damaged;
}

std::optional<LoadAnswer> ManifestCache::find(const std::string& key) {
    auto it = entries_.find(key);
    if (it == entries_.end()) {
        return std::nullopt;
    }
    wanted_.insert(key);
    return it->second;
}

void ManifestCache::put(const std::string& key, LoadAnswer answer) {
    auto it = entries_.find(key);
    if (it == entries_.end() || !same(it->second, answer)) {
        changed_ = true;
    }
    entries_[key] = std::move(answer);
    wanted_.insert(key);
}

Status ManifestCache::write_if_changed() {
    if (!changed_ && wanted_.size() == entries_.size()) {
        return Ok{};
    }
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    w.StartObject();
    w.Key("format");
    w.String(kFormat);
    w.Key("entries");
    w.StartObject();
    for (const auto& [key, a] : entries_) {
        if (wanted_.count(key) == 0) {
            continue;
        }
        w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
        w.StartObject();
        if (!a.refusal.empty()) {
            w.Key("refusal");
            w.String(a.refusal.data(), static_cast<rapidjson::SizeType>(a.refusal.size()));
        } else {
            w.Key("manifest");
            // Valid JSON: the worker's reply or this file, both parsed before.
            w.RawValue(a.manifest_json.data(), a.manifest_json.size(), rapidjson::kObjectType);
            w.Key("functions");
            w.StartArray();
            for (const auto& f : a.functions) {
                w.String(f.data(), static_cast<rapidjson::SizeType>(f.size()));
            }
            w.EndArray();
            if (!a.problems.empty()) {
                w.Key("problems");
                w.StartArray();
                for (const auto& p : a.problems) {
                    w.String(p.data(), static_cast<rapidjson::SizeType>(p.size()));
                }
                w.EndArray();
            }
        }
        w.EndObject();
    }
    w.EndObject();
    w.EndObject();
    std::error_code ec;
    fs::create_directories(file_.parent_path(), ec);
    auto st = write_file_atomically(file_, std::string_view(buf.GetString(), buf.GetSize()));
    if (st) {
        changed_ = false;
    }
    return st;
}

std::string manifest_cache_key(const PluginSource& source, const PluginLimits& limits,
                               const std::string& worker_identity) {
    std::string material =
        std::string(kFormat) + "\n" + worker_identity + "\n" +
        std::to_string(limits.cpu_time.count()) + " " + std::to_string(limits.kill_slack.count()) +
        " " + std::to_string(limits.memory_bytes) + " " + std::to_string(limits.max_string_bytes) +
        " " + std::to_string(limits.max_pattern_subject_bytes) + " " +
        std::to_string(limits.max_pattern_variable_items) + " " +
        std::to_string(limits.max_output_bytes) + "\n" + source.chunkname + "\n" +
        std::to_string(source.text.size()) + "\n";
    material += source.text;
    return sha256_hex(material);
}

std::string worker_identity(const fs::path& worker_executable) {
    struct stat st {};
    if (::stat(worker_executable.c_str(), &st) != 0) {
        return {};
    }
    return worker_executable.string() + " " + std::to_string(st.st_size) + " " +
           std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
}

}  // namespace gigscout
