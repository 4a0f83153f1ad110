// What one plugin call may use. The worker enforces these inside the Lua state; the host
// enforces the wall-clock deadline (cpu_time + kill_slack) by killing the worker. One struct for
// both ends: the host sends it with the load request (plugin_session.cpp, write_limits) and the
// worker reads it back (worker/worker_main.cpp); kill_slack, max_response_bytes and
// max_source_bytes are the host's own and keep their defaults in the worker.
#pragma once

#include <chrono>
#include <cstddef>

namespace gigscout {

struct PluginLimits {
    // Lua execution per call (load, requests or parse), measured from the start of the call by
    // an instruction-count hook; sticky once passed, so pcall cannot swallow it.
    std::chrono::milliseconds cpu_time{2000};
    // Extra time the host waits before it kills the worker (a long C call, a hung worker).
    std::chrono::milliseconds kill_slack{1000};
    // Everything the Lua state allocates, counted by its allocator (garbage included).
    std::size_t memory_bytes = 64u << 20;
    // Listings one parse() may return (one page).
    std::size_t max_listings = 5000;
    // Requests one requests() may return.
    std::size_t max_requests = 100;
    // Any single string a plugin returns (the validator applies the per-field limits after).
    std::size_t max_string_bytes = 256u << 10;
    // Subject length for string.find/match/gmatch/gsub with a pattern that backtracks.
    std::size_t max_pattern_subject_bytes = 256u << 10;
    // Patterns with more variable-length items (*, +, -, ?, %b) are refused.
    std::size_t max_pattern_variable_items = 3;
    // The response body handed to parse() and the JSON a call sends back.
    std::size_t max_response_bytes = 64u << 20;
    std::size_t max_output_bytes = 64u << 20;
    // log.* messages kept per call, and their length.
    std::size_t max_log_messages = 100;
    std::size_t max_log_message_bytes = 1024;
    // The plugin's source file.
    std::size_t max_source_bytes = 1u << 20;

    std::chrono::milliseconds deadline() const { return cpu_time + kill_slack; }
    // The worker's RLIMIT_DATA, the operating system's wall behind memory_bytes: the call's
    // budget, the request frame (a body up to max_response_bytes), the reply being built (up to
    // max_output_bytes), and 64 MiB for the worker itself and the allocator's slack.
    std::size_t data_limit() const {
        return memory_bytes + max_response_bytes + max_output_bytes + (std::size_t{64} << 20);
    }
};

}  // namespace gigscout
