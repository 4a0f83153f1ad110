// `import`'s readers: an export (state and listings, each entry standing alone, damaged text
// mended) and a CSV of listings. The first byte chooses the reader.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include "store/listing_csv.h"
#include "store/state_export.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    constexpr std::int64_t kNow = 1764806400;
    switch (data[0] % 3) {
        case 0:
            if (auto parsed = gigscout::state_export_from_json(text, "fuzz export", kNow)) {
                // An import that was read must export to text that imports again.
                auto again = gigscout::state_export_from_json(
                    gigscout::state_export_to_json(parsed.value().state), "written back", kNow);
                (void)again;
            }
            break;
        case 1:
            (void)gigscout::exported_listings_from_json(text, "fuzz batch", 40, kNow);
            break;
        default:
            (void)gigscout::listings_from_csv(text, "fuzz csv", kNow);
            break;
    }
    return 0;
}
