#include "plugin_host/plugin_environment.h"

#include "base/json_reader.h"
#include "plugin_host/frame_io.h"
#include "plugin_host/worker_process.h"

namespace gigscout {

Result<std::vector<std::string>> plugin_environment_functions(const PluginLimits& limits) {
    auto worker = WorkerProcess::spawn(find_worker_executable());
    if (!worker) {
        return worker.error();
    }
    int fd = worker.value()->fd();
    auto deadline = frame::Clock::now() + limits.deadline();
    frame::Frame reply;
    if (frame::write_frame(fd, R"({"op":"describe"})", "", deadline) != frame::IoStatus::Ok ||
        frame::read_frame(fd, reply, {16u << 20, 1u << 20}, deadline) != frame::IoStatus::Ok) {
        return Error{"the plugin worker did not answer (" + worker.value()->terminate() + ")"};
    }
    auto doc = json::parse(reply.header, "worker reply");
    if (!doc || !doc.value().IsObject() || !doc.value().HasMember("functions") ||
        !doc.value()["functions"].IsArray()) {
        return Error{"the plugin worker sent a malformed reply"};
    }
    std::vector<std::string> out;
    for (const auto& f : doc.value()["functions"].GetArray()) {
        if (f.IsString()) {
            out.emplace_back(f.GetString(), f.GetStringLength());
        }
    }
    return out;
}

}  // namespace gigscout
