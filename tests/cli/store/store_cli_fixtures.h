// Generated listings files for the store's process-level tests.
#pragma once

#include <string>

namespace gigscout::testing {

// A JSON array of `count` valid listings "<plugin>:0" ... with short, varied descriptions.
inline std::string generated_listings(const std::string& plugin, int count) {
    std::string out = "[";
    for (int i = 0; i < count; ++i) {
        std::string n = std::to_string(i);
        out += (i ? ",\n" : "\n");
        out += R"({"id": ")" + plugin + ":" + n + R"(", "source": ")" + plugin +
               R"(", "url": "https://jobs.example.com/)" + n +
               R"(", "title": "Computer vision engineer )" + n + R"(", "company": "Company )" +
               std::to_string(i % 97) +
               R"(", "description": "Build OpenCV and PyTorch pipelines for camera )" + n +
               R"(; C++17, CUDA and ROS 2 a plus. We ship perception to robots in )" +
               std::to_string(i % 13) + R"( countries.", "tags": ["opencv", "python"]})";
    }
    return out + "\n]\n";
}

}  // namespace gigscout::testing
