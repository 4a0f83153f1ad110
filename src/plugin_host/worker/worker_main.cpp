// gigscout-plugin-worker: runs one plugin's calls for the host, one request frame at a time
// on stdin/stdout (frame_io.h). It never opens files or sockets itself: the host sends the
// plugin's source text, the response bodies, and gets listings back.
#include <signal.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/json_reader.h"
#include "model/currency.h"
#include "plugin_host/frame_io.h"
#include "plugin_host/worker/os_wall.h"
#include "plugin_host/worker/worker_ops.h"

namespace {

using namespace gigscout;
using namespace gigscout::worker;

constexpr frame::Caps kRequestCaps{16u << 20, 1u << 30};

std::size_t size_field(const rapidjson::Value& o, const char* key, std::size_t fallback) {
    auto it = o.FindMember(key);
    return it != o.MemberEnd() && it->value.IsUint64()
               ? static_cast<std::size_t>(it->value.GetUint64())
               : fallback;
}

PluginLimits limits_from_json(const rapidjson::Value& o) {
    PluginLimits l;
    if (!o.IsObject()) {
        return l;
    }
    l.cpu_time = std::chrono::milliseconds(
        size_field(o, "cpu_ms", static_cast<std::size_t>(l.cpu_time.count())));
    l.memory_bytes = size_field(o, "memory_bytes", l.memory_bytes);
    l.max_listings = size_field(o, "max_listings", l.max_listings);
    l.max_requests = size_field(o, "max_requests", l.max_requests);
    l.max_string_bytes = size_field(o, "max_string_bytes", l.max_string_bytes);
    l.max_pattern_subject_bytes =
        size_field(o, "max_pattern_subject_bytes", l.max_pattern_subject_bytes);
    l.max_pattern_variable_items =
        size_field(o, "max_pattern_variable_items", l.max_pattern_variable_items);
    l.max_output_bytes = size_field(o, "max_output_bytes", l.max_output_bytes);
    l.max_log_messages = size_field(o, "max_log_messages", l.max_log_messages);
    l.max_log_message_bytes = size_field(o, "max_log_message_bytes", l.max_log_message_bytes);
    return l;
}

const rapidjson::Value& member(const rapidjson::Value& o, const char* key) {
    static const rapidjson::Value kNull;
    if (!o.IsObject()) {
        return kNull;
    }
    auto it = o.FindMember(key);
    return it == o.MemberEnd() ? kNull : it->value;
}

// `--data-limit=BYTES` (the host's PluginLimits::data_limit()), else the default limits'.
std::size_t data_limit_argument(int argc, char** argv) {
    constexpr std::string_view kFlag = "--data-limit=";
    for (int i = 1; i < argc; ++i) {
        std::string_view arg(argv[i]);
        if (arg.substr(0, kFlag.size()) == kFlag) {
            return std::strtoull(argv[i] + kFlag.size(), nullptr, 10);
        }
    }
    return PluginLimits{}.data_limit();
}

}  // namespace

int main(int argc, char** argv) {
    // The host owns this process: when it dies the socket closes and reads end. A call that
    // outlives its host (stuck in C) is ended by this alarm, armed per call.
    signal(SIGPIPE, SIG_DFL);
    // No mallopt: glibc's defaults give freed memory back to the system, so a worker idles at
    // its baseline between calls instead of keeping its largest call's heap.
    //
    // The wall goes up before the first request is read; nothing after it may open a file, so
    // the one file a helper reads (money's currency table) is read now. The time module works
    // in UTC and reads no time zone.
    (void)CurrencyTable::load_bundled();  // a failure is reported when money is used
    if (std::string error = raise_os_wall(data_limit_argument(argc, argv)); !error.empty()) {
        std::fprintf(stderr, "gigscout-plugin-worker: cannot set up the sandbox: %s\n",
                     error.c_str());
        return 1;
    }
    PluginLimits limits;
    PluginSource source;
    bool loaded = false;
    frame::Frame in;                   // kept: its buffers are reused by the next request
    rapidjson::StringBuffer listings;  // the same for call_parse's output
    for (;;) {
        frame::IoStatus st =
            frame::read_frame(STDIN_FILENO, in, kRequestCaps, frame::Clock::time_point::max());
        if (st != frame::IoStatus::Ok) {
            return st == frame::IoStatus::Closed ? 0 : 1;
        }
        Reply reply;
        auto doc = json::parse(in.header, "request");
        if (!doc) {
            reply = protocol_error(doc.error().message);
        } else if (const rapidjson::Value& op = member(doc.value(), "op"); !op.IsString()) {
            reply = protocol_error("request without op");
        } else {
            std::string_view name(op.GetString(), op.GetStringLength());
            alarm(static_cast<unsigned>(std::ceil(limits.cpu_time.count() / 1000.0)) + 10);
            if (name == "load") {
                limits = limits_from_json(member(doc.value(), "limits"));
                alarm(static_cast<unsigned>(std::ceil(limits.cpu_time.count() / 1000.0)) + 10);
                const auto& chunkname = member(doc.value(), "chunkname");
                source.chunkname = chunkname.IsString() ? chunkname.GetString() : "=plugin";
                source.text = std::move(in.payload);
                loaded = true;
                reply = load_plugin(source, limits);
            } else if (name == "describe") {
                reply = describe_environment(limits);
            } else if (!loaded) {
                reply = protocol_error("no plugin loaded");
            } else if (name == "requests") {
                reply = call_requests(source, limits, member(doc.value(), "ctx"));
            } else if (name == "parse") {
                reply = call_parse(source, limits, member(doc.value(), "response"), in.payload,
                                   member(doc.value(), "ctx"), listings);
            } else {
                reply = protocol_error("unknown op");
            }
        }
        st = frame::write_frame(STDOUT_FILENO, reply.header, reply.payload_text(),
                                frame::Clock::time_point::max());
        alarm(0);
        if (st != frame::IoStatus::Ok) {
            return 1;
        }
    }
}
