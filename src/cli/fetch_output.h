// What `gigscout-cli fetch` prints: progress lines while it runs (stderr), then a per-source
// summary and the ranked listings (stdout, or one JSON object with --json).
#pragma once

#include <mutex>

#include "refresh/refresh_runner.h"
#include "scoring/profile.h"

namespace gigscout::cli {

class FetchPrinter {
  public:
    FetchPrinter(bool json, int top) : json_(json), top_(top) {}

    // Called from the refresh threads (serialised by the runner).
    void progress(const SourceProgress& p);
    // `profile` null: listings are shown newest first, unscored.
    void report(const RefreshReport& report, const Profile* profile) const;

  private:
    bool json_;
    int top_;
};

}  // namespace gigscout::cli
