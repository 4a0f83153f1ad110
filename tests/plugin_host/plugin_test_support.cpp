#include "plugin_test_support.h"

#include <fstream>
#include <sstream>

#include "support/test_support.h"

namespace gigscout::testing {

std::filesystem::path write_test_plugin(const std::filesystem::path& dir, const TestPlugin& p) {
    std::string text = p.top + "\nreturn {\n  id = \"" + p.id +
                       "\", name = \"Test plugin\", version = \"1.0.0\", api_version = 1,\n"
                       "  hosts = { \"example.com\", \"*.example.org\" },\n  " +
                       p.manifest_extra + "\n  requests = function(ctx)\n" + p.requests +
                       "\n  end,\n  parse = function(response, ctx)\n" + p.parse + "\n  end,\n}\n";
    std::filesystem::path file = dir / (p.id + ".lua");
    write_file(file, text);
    return file;
}

PluginLimits small_limits() {
    PluginLimits l;
    l.cpu_time = std::chrono::milliseconds(300);
    l.kill_slack = std::chrono::milliseconds(1500);
    l.memory_bytes = 16u << 20;
    return l;
}

std::size_t peak_rss_kib() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmHWM:", 0) == 0) {
            std::istringstream ss(line.substr(6));
            std::size_t kib = 0;
            ss >> kib;
            return kib;
        }
    }
    return 0;
}

}  // namespace gigscout::testing
