// What a refresh of one source can say about what is gone: the refresh pipeline reports it
// (docs/fetch.md, "States and completeness") and the store acts on it (docs/store.md). Only
// Complete lets the store close listings the source no longer lists; a 304, a failure, a
// partial or page-limited run never does. It lives in the store, the lower of the two, so the
// arrow stays refresh → store.
#pragma once

#include <string_view>

namespace gigscout {

enum class RefreshCompleteness { Complete, Partial, NotModified, Failed };

// "complete", "partial", "not_modified", "failed": also the spelling the store keeps in
// `sources.last_result`, so a stored value reads back.
std::string_view to_string(RefreshCompleteness c);

}  // namespace gigscout
