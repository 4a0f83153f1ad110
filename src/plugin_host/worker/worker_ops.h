// What the worker does for each request from the host (docs/plugin-api.md, "Sandbox design"):
// every call builds a fresh sandbox, runs the plugin's file in it, calls one function and
// copies the result out; nothing survives from one call to the next.
#pragma once

#include <string>
#include <string_view>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>

#include "plugin_host/worker/sandbox.h"

namespace gigscout::worker {

struct PluginSource {
    std::string chunkname;  // "@remoteok.lua": how errors name the file
    std::string text;
};

// A reply frame: header JSON {"ok": true|false, ...} and payload (JSON array or empty).
struct Reply {
    std::string header;
    std::string payload;
    // When set, the payload is this buffer's text instead of `payload` (call_parse's output
    // buffer, which the worker keeps: megabytes of listings are neither copied nor allocated
    // afresh for every call).
    const rapidjson::StringBuffer* payload_buffer = nullptr;

    std::string_view payload_text() const {
        return payload_buffer != nullptr
                   ? std::string_view(payload_buffer->GetString(), payload_buffer->GetSize())
                   : std::string_view(payload);
    }
};

// {"ok", "manifest": {...}, "functions": [...]}: the plugin table without its functions.
Reply load_plugin(const PluginSource& source, const PluginLimits& limits);
// payload: the JSON array of request tables.
Reply call_requests(const PluginSource& source, const PluginLimits& limits,
                    const rapidjson::Value& ctx);
// header: "count", "problems" ([[index, message], ...]), "next" or "next_problem";
// payload: a JSON array with one element per listing returned (null where refused), written
// into `out` (cleared first), which the reply refers to.
Reply call_parse(const PluginSource& source, const PluginLimits& limits,
                 const rapidjson::Value& response_meta, std::string_view body,
                 const rapidjson::Value& ctx, rapidjson::StringBuffer& out);
// {"ok", "functions": ["assert", ..., "string.find", ..., "json.decode", ...]}: every
// function a plugin can reach, for the documentation coverage test.
Reply describe_environment(const PluginLimits& limits);
// {"ok": false, "kind": "protocol", "error": message}
Reply protocol_error(std::string_view message);

}  // namespace gigscout::worker
