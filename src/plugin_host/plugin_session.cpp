#include "plugin_host/plugin_session.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <map>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "base/ascii.h"
#include "base/file_io.h"
#include "base/iso_time.h"
#include "base/json_reader.h"
#include "base/utf8.h"
#include "model/listing_json.h"
#include "model/listing_validator.h"
#include "plugin_host/frame_io.h"
#include "plugin_host/worker_process.h"

namespace gigscout {
namespace fs = std::filesystem;

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void put(Writer& w, const char* key, std::string_view value) {
    w.Key(key);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void put(Writer& w, const char* key, std::uint64_t value) {
    w.Key(key);
    w.Uint64(value);
}

void write_limits(Writer& w, const PluginLimits& l) {
    w.Key("limits");
    w.StartObject();
    put(w, "cpu_ms", static_cast<std::uint64_t>(l.cpu_time.count()));
    put(w, "memory_bytes", l.memory_bytes);
    put(w, "max_listings", l.max_listings);
    put(w, "max_requests", l.max_requests);
    put(w, "max_string_bytes", l.max_string_bytes);
    put(w, "max_pattern_subject_bytes", l.max_pattern_subject_bytes);
    put(w, "max_pattern_variable_items", l.max_pattern_variable_items);
    put(w, "max_output_bytes", l.max_output_bytes);
    put(w, "max_log_messages", l.max_log_messages);
    put(w, "max_log_message_bytes", l.max_log_message_bytes);
    w.EndObject();
}

void write_setting(Writer& w, const SettingValue& v) {
    switch (v.index()) {
        case 0: {
            const auto& s = std::get<std::string>(v);
            w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
            break;
        }
        case 1: {
            double d = std::get<double>(v);
            // 10 stays an integer in Lua, so "limit=" .. n reads "limit=10", not "limit=10.0".
            if (d == static_cast<double>(static_cast<std::int64_t>(d)) && std::abs(d) < 9e15) {
                w.Int64(static_cast<std::int64_t>(d));
            } else {
                w.Double(d);
            }
            break;
        }
        case 2:
            w.Bool(std::get<bool>(v));
            break;
        default:
            w.StartArray();
            for (const auto& s : std::get<std::vector<std::string>>(v)) {
                w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
            }
            w.EndArray();
    }
}

std::int64_t effective_now(const PluginContext& ctx) {
    return ctx.now != 0 ? ctx.now : now_epoch_seconds();
}

std::string effective_source(const PluginContext& ctx, const PluginManifest& m) {
    return ctx.source.empty() ? m.id + ":default" : ctx.source;
}

void write_ctx(Writer& w, const PluginContext& ctx, const PluginManifest& m,
               const SettingValues& settings) {
    w.Key("ctx");
    w.StartObject();
    put(w, "source", effective_source(ctx, m));
    w.Key("settings");
    w.StartObject();
    for (const auto& [key, value] : settings) {
        w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
        write_setting(w, value);
    }
    w.EndObject();
    w.Key("query");
    w.StartArray();
    for (const auto& q : ctx.query) {
        w.String(q.data(), static_cast<rapidjson::SizeType>(q.size()));
    }
    w.EndArray();
    w.Key("now");
    w.Int64(effective_now(ctx));
    w.Key("page");
    w.Int(ctx.page);
    w.EndObject();
}

std::string seconds_text(std::chrono::steady_clock::duration d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f s", std::chrono::duration<double>(d).count());
    return buf;
}

const rapidjson::Value* find(const rapidjson::Value& o, const char* key) {
    if (!o.IsObject()) {
        return nullptr;
    }
    auto it = o.FindMember(key);
    return it == o.MemberEnd() ? nullptr : &it->value;
}

std::string as_string(const rapidjson::Value* v) {
    return v != nullptr && v->IsString() ? std::string(v->GetString(), v->GetStringLength())
                                         : std::string();
}

std::vector<PluginLogMessage> read_log(const rapidjson::Value& header) {
    std::vector<PluginLogMessage> log;
    if (const auto* l = find(header, "log"); l != nullptr && l->IsArray()) {
        for (const auto& m : l->GetArray()) {
            log.push_back({as_string(find(m, "level")), as_string(find(m, "text"))});
        }
    }
    if (const auto* d = find(header, "dropped_log");
        d != nullptr && d->IsUint64() && d->GetUint64() > 0) {
        log.push_back({"warn", std::to_string(d->GetUint64()) + " more log messages dropped"});
    }
    return log;
}

// The worker's JSON array of requests or listings, parsed in place (its strings point into
// `text`, which must outlive the document). Checking the UTF-8 of the whole text first (fast
// on mostly-ASCII text) lets RapidJSON skip its slower per-string validation; the iterative
// parser keeps deep nesting off the stack.
std::optional<rapidjson::Document> parse_payload(std::string& text) {
    if (!utf8::is_valid(text) || text.find('\0') != std::string::npos) {
        return std::nullopt;
    }
    rapidjson::Document doc;
    doc.ParseInsitu<rapidjson::kParseIterativeFlag>(text.data());
    if (doc.HasParseError() || !doc.IsArray()) {
        return std::nullopt;
    }
    return doc;
}

// The top-level field a "field `settings[2].key`: ..." problem is about ("settings").
std::string field_of_problem(std::string_view problem) {
    constexpr std::string_view kStart = "field `";
    if (problem.rfind(kStart, 0) != 0) {
        return {};
    }
    problem.remove_prefix(kStart.size());
    return std::string(problem.substr(0, problem.find_first_of("`.[")));
}

bool ends_with(std::string_view s, std::string_view end) {
    return s.size() >= end.size() && s.substr(s.size() - end.size()) == end;
}

// manifest_from_json's problems, one by one (each starts with "field `"; they are joined
// with "; ").
std::vector<std::string> split_problems(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t next = text.find("; field `", start);
        out.push_back(
            text.substr(start, next == std::string::npos ? std::string::npos : next - start));
        if (next == std::string::npos) {
            break;
        }
        start = next + 2;
    }
    return out;
}

}  // namespace

Result<PluginSource> read_plugin_source(const fs::path& path, std::size_t max_bytes) {
    PluginSource s;
    s.path = path;
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        s.file = path / "init.lua";
        if (!fs::exists(s.file, ec)) {
            return Error{path.string() + ": a plugin folder needs an init.lua"};
        }
        s.chunkname = path.filename().string() + "/init.lua";
    } else {
        s.file = path;
        s.chunkname = path.filename().string();
    }
    auto text = read_text_file(s.file, max_bytes);
    if (!text) {
        return text.error();
    }
    s.text = std::move(text).value();
    return s;
}

struct PluginSession::Reply {
    rapidjson::Document header;
    std::string payload;
};

PluginSession::PluginSession(fs::path path, PluginLimits limits)
    : path_(std::move(path)), limits_(limits) {}

PluginSession::PluginSession(PluginSource source, PluginLimits limits)
    : path_(source.path), limits_(limits), source_(std::move(source)) {}

Result<PluginManifest> manifest_from_answer(const LoadAnswer& answer,
                                            const std::string& chunkname) {
    if (!answer.refusal.empty()) {
        return Error{answer.refusal};
    }
    auto doc = json::parse(answer.manifest_json, "the manifest");
    if (!doc) {
        return Error{"plugin " + chunkname + ": " + doc.error().message};
    }
    auto m = manifest_from_json(doc.value(), answer.functions);
    if (answer.problems.empty()) {
        if (!m) {
            return Error{"plugin " + chunkname + ": " + m.error().message};
        }
        return m;
    }
    // Every bad field, the worker's first. A field it left out is not also "required".
    std::string text;
    std::vector<std::string> left_out;
    for (const auto& p : answer.problems) {
        text += (text.empty() ? "" : "; ") + p;
        left_out.push_back(field_of_problem(p));
    }
    if (!m && m.error().message.rfind("field `", 0) != 0) {
        return Error{"plugin " + chunkname + ": " + m.error().message};  // "needs API 2"
    }
    if (!m) {
        for (const auto& p : split_problems(m.error().message)) {
            if (ends_with(p, ": is required") || p.find("`: is required (") != std::string::npos) {
                if (std::find(left_out.begin(), left_out.end(), field_of_problem(p)) !=
                    left_out.end()) {
                    continue;
                }
            }
            text += "; " + p;
        }
    }
    return Error{"plugin " + chunkname + ": " + text};
}

PluginSession::~PluginSession() {
    drop_worker();
}

std::string PluginSession::name() const {
    if (manifest_) {
        return manifest_->id;
    }
    return source_ ? source_->chunkname : path_.filename().string();
}

void PluginSession::drop_worker() {
    std::unique_ptr<WorkerProcess> w;
    {
        std::lock_guard lock(state_mutex_);
        w = std::move(worker_);
    }
    // The destructor kills and reaps.
}

std::optional<std::chrono::nanoseconds> PluginSession::worker_cpu_time() {
    std::lock_guard lock(state_mutex_);
    if (!worker_) {
        return std::nullopt;
    }
    return worker_->cpu_time();
}

std::optional<pid_t> PluginSession::worker_pid() {
    std::lock_guard lock(state_mutex_);
    if (!worker_) {
        return std::nullopt;
    }
    return worker_->pid();
}

void PluginSession::cancel() {
    std::lock_guard lock(state_mutex_);
    if (in_call_) {
        cancel_requested_ = true;
        if (worker_) {
            worker_->kill();
        }
    }
}

// One request/reply exchange with the running worker, with the host's deadline.
Result<PluginSession::Reply> PluginSession::call(const char* op, const std::string& header,
                                                 const std::string& payload) {
    int fd = -1;
    error_is_plugins_ = false;
    {
        std::lock_guard lock(state_mutex_);
        if (cancel_requested_) {
            return Error{"plugin " + name() + ": cancelled"};
        }
        fd = worker_->fd();
    }
    auto start = frame::Clock::now();
    auto deadline = start + limits_.deadline();
    frame::IoStatus st = frame::write_frame(fd, header, payload, deadline);
    frame::Frame in;
    in.payload.swap(reply_buffer_);
    if (st == frame::IoStatus::Ok) {
        st =
            frame::read_frame(fd, in, {16u << 20, limits_.max_output_bytes + (1u << 20)}, deadline);
    }
    if (st != frame::IoStatus::Ok) {
        bool cancelled = false;
        std::string how;
        {
            std::lock_guard lock(state_mutex_);
            cancelled = cancel_requested_;
            how = worker_->terminate();
        }
        drop_worker();
        if (cancelled) {
            return Error{"plugin " + name() + ": cancelled"};
        }
        error_is_plugins_ = st == frame::IoStatus::Timeout || st == frame::IoStatus::TooLarge;
        switch (st) {
            case frame::IoStatus::Timeout:
                return Error{"plugin " + name() + ": killed after " +
                             seconds_text(frame::Clock::now() - start) + " (time limit) " + op};
            case frame::IoStatus::Closed:
                return Error{"plugin " + name() + ": worker crashed (" + how + ") " + op};
            case frame::IoStatus::TooLarge:
                return Error{"plugin " + name() + ": the reply " + op +
                             " was larger than the output limit"};
            default:
                return Error{"plugin " + name() + ": lost contact with the worker " + op + ": " +
                             std::strerror(errno)};
        }
    }
    Reply reply;
    auto doc = json::parse(in.header, "worker reply");
    if (!doc || !doc.value().IsObject()) {
        drop_worker();
        return Error{"plugin " + name() + ": the worker sent a malformed reply"};
    }
    reply.header = std::move(doc).value();
    reply.payload = std::move(in.payload);
    last_log_ = read_log(reply.header);
    const auto* ok = find(reply.header, "ok");
    if (ok == nullptr || !ok->IsBool() || !ok->GetBool()) {
        error_is_plugins_ = true;
        return Error{"plugin " + name() + ": " + as_string(find(reply.header, "error"))};
    }
    return reply;
}

Status PluginSession::ensure_worker() {
    {
        std::lock_guard lock(state_mutex_);
        if (worker_) {
            return Ok{};
        }
    }
    if (!source_) {
        auto source = read_plugin_source(path_, limits_.max_source_bytes);
        if (!source) {
            return source.error();
        }
        source_ = std::move(source).value();
    }
    auto started = std::chrono::steady_clock::now();
    auto spawned = WorkerProcess::spawn(find_worker_executable(),
                                        {"--data-limit=" + std::to_string(limits_.data_limit())});
    if (!spawned) {
        return spawned.error();
    }
    {
        std::lock_guard lock(state_mutex_);
        worker_ = std::move(spawned).value();
        if (cancel_requested_) {
            worker_->kill();
        }
    }
    ++worker_starts_;
    rapidjson::StringBuffer buf;
    Writer w(buf);
    w.StartObject();
    put(w, "op", "load");
    put(w, "chunkname", "@" + source_->chunkname);
    write_limits(w, limits_);
    w.EndObject();
    load_answer_.reset();
    auto reply = call("while loading", std::string(buf.GetString(), buf.GetSize()), source_->text);
    if (!reply) {
        drop_worker();
        if (error_is_plugins_ && !manifest_) {
            load_answer_ = LoadAnswer{};
            load_answer_->refusal = reply.error().message;
        }
        return reply.error();
    }
    LoadAnswer answer;
    if (const auto* manifest = find(reply.value().header, "manifest"); manifest != nullptr) {
        rapidjson::StringBuffer text;
        Writer mw(text);
        manifest->Accept(mw);
        answer.manifest_json.assign(text.GetString(), text.GetSize());
    } else {
        answer.manifest_json = "null";
    }
    if (const auto* f = find(reply.value().header, "functions"); f != nullptr && f->IsArray()) {
        for (const auto& name : f->GetArray()) {
            answer.functions.push_back(as_string(&name));
        }
    }
    if (const auto* p = find(reply.value().header, "problems"); p != nullptr && p->IsArray()) {
        for (const auto& problem : p->GetArray()) {
            answer.problems.push_back(utf8::printable(as_string(&problem)));
        }
    }
    auto m = manifest_from_answer(answer, name());
    load_answer_ = std::move(answer);
    if (!m) {
        drop_worker();
        return m.error();
    }
    if (!manifest_) {
        manifest_ = std::move(m).value();
    }
    last_start_time_ = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - started);
    return Ok{};
}

Result<PluginManifest> PluginSession::load_locked() {
    if (auto st = ensure_worker(); !st) {
        return st.error();
    }
    return *manifest_;
}

Result<PluginManifest> PluginSession::load() {
    std::lock_guard call_lock(call_mutex_);
    {
        std::lock_guard lock(state_mutex_);
        in_call_ = true;
        cancel_requested_ = false;
    }
    auto m = load_locked();
    std::lock_guard lock(state_mutex_);
    in_call_ = false;
    return m;
}

Result<PluginManifest> PluginSession::reload() {
    {
        std::lock_guard call_lock(call_mutex_);
        drop_worker();
        source_.reset();
        manifest_.reset();
    }
    return load();
}

namespace {

// Marks the session busy for cancel() for the scope of one public call.
class CallScope {
  public:
    CallScope(std::mutex& m, bool& in_call, bool& cancel) : m_(m), in_call_(in_call) {
        std::lock_guard lock(m_);
        in_call_ = true;
        cancel = false;
    }
    ~CallScope() {
        std::lock_guard lock(m_);
        in_call_ = false;
    }

  private:
    std::mutex& m_;
    bool& in_call_;
};

}  // namespace

Result<std::vector<PluginRequest>> PluginSession::requests(const PluginContext& ctx) {
    std::lock_guard call_lock(call_mutex_);
    CallScope scope(state_mutex_, in_call_, cancel_requested_);
    last_log_.clear();
    auto m = load_locked();
    if (!m) {
        return m.error();
    }
    const PluginManifest& manifest = m.value();
    auto settings = resolve_settings(manifest, ctx.settings);
    if (!settings) {
        return settings.error();
    }
    // Before the call: a URL setting the host cannot use is the user's to fix, whatever the
    // plugin would make of it.
    auto hosts = source_hosts(manifest, settings.value());
    if (!hosts) {
        return Error{"plugin " + name() + ": " + hosts.error().message};
    }
    rapidjson::StringBuffer buf;
    Writer w(buf);
    w.StartObject();
    put(w, "op", "requests");
    write_ctx(w, ctx, manifest, settings.value());
    w.EndObject();
    auto reply = call("in requests()", std::string(buf.GetString(), buf.GetSize()), "");
    if (!reply) {
        return reply.error();
    }
    auto list = parse_payload(reply.value().payload);
    if (!list) {
        return Error{"plugin " + name() + ": the worker sent malformed requests"};
    }
    std::vector<PluginRequest> out;
    const auto& array = list->GetArray();
    for (rapidjson::SizeType i = 0; i < array.Size(); ++i) {
        std::string where = "plugin " + name() + ": requests(): request " + std::to_string(i + 1);
        auto req = request_from_json(array[i]);
        if (!req) {
            return Error{where + ": " + req.error().message};
        }
        if (auto st = check_request(req.value(), hosts.value()); !st) {
            return Error{where + ": " + st.error().message};
        }
        out.push_back(std::move(req).value());
    }
    return out;
}

Result<ParseOutcome> PluginSession::parse(const PluginResponse& response,
                                          const PluginContext& ctx) {
    std::lock_guard call_lock(call_mutex_);
    CallScope scope(state_mutex_, in_call_, cancel_requested_);
    last_log_.clear();
    auto m = load_locked();
    if (!m) {
        return m.error();
    }
    const PluginManifest& manifest = m.value();
    auto settings = resolve_settings(manifest, ctx.settings);
    if (!settings) {
        return settings.error();
    }
    if (response.body.size() > limits_.max_response_bytes) {
        return Error{"plugin " + name() + ": the response body (" +
                     std::to_string(response.body.size()) + " bytes) is larger than the limit of " +
                     std::to_string(limits_.max_response_bytes) + " bytes"};
    }
    rapidjson::StringBuffer buf;
    Writer w(buf);
    w.StartObject();
    put(w, "op", "parse");
    w.Key("response");
    w.StartObject();
    w.Key("status");
    w.Int(response.status);
    w.Key("headers");
    w.StartObject();
    std::map<std::string, std::string> headers;
    for (const auto& [k, v] : response.headers) {
        std::string& slot = headers[ascii::to_lower(k)];
        slot += (slot.empty() ? "" : ", ") + v;
    }
    for (const auto& [k, v] : headers) {
        w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
        w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
    }
    w.EndObject();
    put(w, "url", response.url);
    w.EndObject();
    write_ctx(w, ctx, manifest, settings.value());
    w.EndObject();

    auto reply = call("in parse()", std::string(buf.GetString(), buf.GetSize()), response.body);
    if (!reply) {
        return reply.error();
    }
    const rapidjson::Value& header = reply.value().header;
    auto list = parse_payload(reply.value().payload);
    if (!list) {
        return Error{"plugin " + name() + ": the worker sent malformed listings"};
    }

    ParseOutcome out;
    out.log = last_log_;
    std::string prefix = manifest.id + ": page " + std::to_string(ctx.page) + ": ";
    std::map<std::size_t, std::string> worker_problems;
    if (const auto* p = find(header, "problems"); p != nullptr && p->IsArray()) {
        for (const auto& e : p->GetArray()) {
            if (e.IsArray() && e.Size() == 2 && e[0].IsUint64()) {
                worker_problems[e[0].GetUint64()] = as_string(&e[1]);
            }
        }
    }
    std::int64_t now = effective_now(ctx);
    std::string source = effective_source(ctx, manifest);
    rapidjson::Document& doc = *list;
    auto& alloc = doc.GetAllocator();
    out.returned = doc.Size();
    std::size_t dropped_dates = 0;
    std::string first_dropped_date;
    for (rapidjson::SizeType i = 0; i < doc.Size(); ++i) {
        std::string where = prefix + "listing " + std::to_string(i + 1) + ": ";
        rapidjson::Value& item = doc[i];
        if (!item.IsObject()) {
            auto it = worker_problems.find(i + 1);
            out.problems.push_back(where + (it != worker_problems.end() ? it->second : "refused"));
            continue;
        }
        // The platform's id (string or integer) becomes "<plugin id>:<id>".
        if (auto it = item.FindMember("id"); it != item.MemberEnd()) {
            std::string platform_id;
            if (it->value.IsInt64()) {
                platform_id = std::to_string(it->value.GetInt64());
            } else if (it->value.IsString()) {
                platform_id.assign(it->value.GetString(), it->value.GetStringLength());
            }
            bool blank = std::all_of(platform_id.begin(), platform_id.end(), [](char c) {
                return std::isspace(static_cast<unsigned char>(c));
            });
            if (!blank) {
                std::string id = manifest.id + ":" + platform_id;
                it->value.SetString(id.data(), static_cast<rapidjson::SizeType>(id.size()), alloc);
            }
        }
        if (auto it = item.FindMember("source"); it != item.MemberEnd()) {
            item.RemoveMember(it);
        }
        item.AddMember(
            "source",
            rapidjson::Value(source.data(), static_cast<rapidjson::SizeType>(source.size()), alloc),
            alloc);
        auto listing = listing_from_json(item);
        // An implausible posting time (a feed's 1970-01-01, a date years ahead) costs the
        // time, not the listing: the job itself is still worth showing.
        if (listing && listing.value().posted_at) {
            std::string problem = posted_at_problem(*listing.value().posted_at, now);
            if (!problem.empty()) {
                listing.value().posted_at.reset();
                if (dropped_dates++ == 0) {
                    first_dropped_date = where + "field `posted_at`: " + problem;
                }
            }
        }
        Status valid = listing ? validate_listing(listing.value(), now) : Status(listing.error());
        if (!valid) {
            out.problems.push_back(where + valid.error().message);
            continue;
        }
        out.listings.push_back(std::move(listing).value());
    }
    if (dropped_dates > 0) {
        out.log.push_back({"warn", std::to_string(dropped_dates) +
                                       " listing(s) kept without their posting time; the first: " +
                                       first_dropped_date});
    }
    if (const auto* next = find(header, "next")) {
        auto req = request_from_json(*next);
        // A parse of a saved response needs no hosts, so a bad URL setting only refuses `next`.
        auto hosts = source_hosts(manifest, settings.value());
        Status ok = !req     ? Status(req.error())
                    : !hosts ? Status(hosts.error())
                             : check_request(req.value(), hosts.value());
        if (ok) {
            out.next = std::move(req).value();
        } else {
            out.problems.push_back(prefix + "next request: " + ok.error().message);
        }
    }
    if (const auto* p = find(header, "next_problem")) {
        out.problems.push_back(prefix + "next request: " + as_string(p));
    }
    keep_reply_buffer(reply.value().payload);
    return out;
}

void PluginSession::keep_reply_buffer(std::string& payload) {
    constexpr std::size_t kKeepBytes = 16u << 20;
    if (payload.capacity() <= kKeepBytes) {
        reply_buffer_.swap(payload);
    }
}

}  // namespace gigscout
