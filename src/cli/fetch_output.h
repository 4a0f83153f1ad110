// What `gigscout-cli fetch` prints: progress lines while it runs (stderr), then a per-source
// summary and the ranked listings (stdout, or one JSON object with --json).
#pragma once

#include <mutex>

#include "views/listing_view.h"
#include "workspace/refresh_job.h"

namespace gigscout::cli {

class FetchPrinter {
  public:
    FetchPrinter(bool json, int top) : json_(json), top_(top) {}

    // Called from the refresh threads (serialised by the runner).
    void progress(const SourceProgress& p);
    // `ranked`: what the refresh brought, as load_fetched read it back from the store; without
    // `scored` it is newest first.
    void report(const RefreshReport& report, const std::vector<ShownListing>& ranked,
                bool scored) const;

  private:
    bool json_;
    int top_;
};

// The listings behind `ids` as `list` ranks them (unscored: newest first), the first `top`
// whole and explained.
Result<std::vector<ShownListing>> load_fetched(Store& store, const std::vector<std::string>& ids,
                                               const Scorer* scorer, std::size_t top);

}  // namespace gigscout::cli
