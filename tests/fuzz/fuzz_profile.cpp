// A profile file as the user (or an import) hands it over, read against the bundled taxonomy.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include "scoring/profile.h"
#include "taxonomy/taxonomy.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const gigscout::Taxonomy& taxonomy = gigscout::Taxonomy::bundled();
    auto profile = gigscout::profile_from_json({reinterpret_cast<const char*>(data), size},
                                               "fuzz profile", taxonomy);
    if (profile) {
        // What was read must write back to text that reads again.
        (void)gigscout::profile_from_json(gigscout::profile_to_json(profile.value()),
                                          "written back", taxonomy);
    }
    return 0;
}
