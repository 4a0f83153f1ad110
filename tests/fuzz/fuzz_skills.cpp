// What is read from the text a listing carries, on any text: the skill extractor over the
// bundled taxonomy, the workplace a posting asks for (first line as the title), and who a
// location is open to.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include "scoring/country.h"
#include "taxonomy/skill_extractor.h"
#include "taxonomy/workplace_reading.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const gigscout::SkillExtractor& extractor = gigscout::SkillExtractor::bundled();
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)extractor.extract(text);
    const std::size_t line = text.find('\n');
    (void)gigscout::office_requirement(text.substr(0, line),
                                       line == std::string_view::npos ? "" : text.substr(line + 1));
    (void)gigscout::location_admits(text, "DE");
    return 0;
}
