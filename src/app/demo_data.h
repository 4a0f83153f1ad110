// The bundled demo listings (resources/demo/demo-listings.json, every title marked [DEMO]),
// shown while the user's store is empty so the window is never blank before the first
// refresh, or offline. They live in a store of their own in the cache folder, so the user's
// store and exports never hold made-up listings.
#pragma once

#include <cstdint>
#include <filesystem>

#include "base/paths.h"
#include "base/result.h"
#include "store/store.h"

namespace gigscout {

std::filesystem::path demo_store_file(const Paths& paths);

// Opens the demo store, filling it from the bundled file the first time.
Result<Store> open_demo_store(const Paths& paths, std::int64_t now);

}  // namespace gigscout
