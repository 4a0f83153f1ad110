#include "app/demo_data.h"

#include <algorithm>
#include <vector>

#include "base/file_io.h"
#include "model/listing_json.h"
#include "taxonomy/listing_intake.h"

namespace gigscout {

std::filesystem::path demo_store_file(const Paths& paths) {
    return paths.cache_dir / "demo" / "demo.sqlite3";
}

Result<Store> open_demo_store(const Paths& paths, std::int64_t now) {
    std::error_code ec;
    std::filesystem::create_directories(demo_store_file(paths).parent_path(), ec);
    auto store = Store::open(demo_store_file(paths));
    if (!store) {
        return store.error();
    }
    auto seen = store.value().first_seen({"demo:1"});
    if (seen && !seen.value().empty()) {
        return store;
    }
    const auto file = resources_dir() / "demo" / "demo-listings.json";
    auto text = read_text_file(file);
    if (!text) {
        return text.error();
    }
    auto parsed = parse_listings(text.value(), file.string(), now);
    if (!parsed) {
        return parsed.error();
    }
    // The demo shows how fresh listings rank, whenever it is opened: dates keep their spacing
    // but move so the newest was posted a day ago (a profile refuses stale postings).
    std::int64_t newest = 0;
    for (const auto& l : parsed.value().listings) {
        newest = std::max(newest, l.posted_at.value_or(0));
    }
    const std::int64_t shift = newest > 0 ? (now - 86'400) - newest : 0;
    std::vector<Listing> admitted;
    for (auto& l : parsed.value().listings) {
        if (l.posted_at) {
            *l.posted_at += shift;
        }
        // The bundled file is checked by its own test; a listing the door refused is left out.
        if (admit_listing(l, now)) {
            admitted.push_back(std::move(l));
        }
    }
    auto recorded =
        store.value().record_refresh("demo", admitted, RefreshCompleteness::Complete, now);
    if (!recorded) {
        return recorded.error();
    }
    return store;
}

}  // namespace gigscout
