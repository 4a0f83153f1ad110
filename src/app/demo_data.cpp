#include "app/demo_data.h"

#include "base/file_io.h"
#include "model/listing_json.h"
#include "taxonomy/skill_extractor.h"

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
    for (auto& l : parsed.value().listings) {
        annotate_skills(l, SkillExtractor::bundled());
    }
    auto recorded = store.value().record_refresh("demo", parsed.value().listings,
                                                 RefreshCompleteness::Complete, now);
    if (!recorded) {
        return recorded.error();
    }
    return store;
}

}  // namespace gigscout
