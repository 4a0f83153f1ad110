// The skill extractor over the bundled taxonomy, on any text a listing may carry.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include "taxonomy/skill_extractor.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const gigscout::SkillExtractor& extractor = gigscout::SkillExtractor::bundled();
    (void)extractor.extract({reinterpret_cast<const char*>(data), size});
    return 0;
}
