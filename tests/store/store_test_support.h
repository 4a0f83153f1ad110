// Listings and stores for the store's tests: real SQLite files in a TempDir.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/listing.h"
#include "store/store.h"
#include "support/test_support.h"

namespace gigscout::testing {

// 2026-11-20T00:00:00Z: every test's clock starts here.
inline constexpr std::int64_t kDay = 86400;
inline constexpr std::int64_t kT0 = 1795132800;

// A valid listing: id "<plugin>:<n>", source = plugin unless given.
inline Listing job(const std::string& id, const std::string& title = "Computer vision engineer",
                   const std::string& source = "") {
    Listing l;
    l.id = id;
    l.source = source.empty() ? id.substr(0, id.find(':')) : source;
    l.url = "https://jobs.example.com/" + id.substr(id.find(':') + 1);
    l.title = title;
    l.description = "Build OpenCV pipelines in C++ for " + title + ".";
    l.company = "Acme Robotics";
    l.tags = {"opencv", "c++"};
    l.skills = {{"opencv", SkillOrigin::Tag}, {"cpp", SkillOrigin::Tag}};
    return l;
}

inline std::vector<Listing> jobs(const std::string& plugin, int first, int count) {
    std::vector<Listing> out;
    for (int i = first; i < first + count; ++i) {
        out.push_back(job(plugin + ":" + std::to_string(i)));
    }
    return out;
}

inline Store open_store(const std::filesystem::path& file, StoreOptions options = {}) {
    auto s = Store::open(file, options);
    if (!s) {
        ADD_FAILURE() << s.error().message;
        std::abort();
    }
    return std::move(s).value();
}

// Every listing, hidden and closed ones included.
inline ListingFilter everything() {
    ListingFilter f;
    f.include_closed = true;
    f.include_hidden = true;
    return f;
}

// SQL run on the database file behind the store's back, as another program would.
inline void raw_exec(const std::filesystem::path& file, const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
}

inline std::vector<StoredListing> load(Store& store, const ListingFilter& filter = {}) {
    auto rows = store.load_listings(filter);
    EXPECT_TRUE(rows.ok()) << (rows.ok() ? "" : rows.error().message);
    return rows.ok() ? rows.value().rows : std::vector<StoredListing>{};
}

// A copy, so a row found in a temporary load stays valid.
inline std::optional<StoredListing> find(const std::vector<StoredListing>& rows,
                                         const std::string& id) {
    for (const auto& r : rows) {
        if (r.listing.id == id) {
            return r;
        }
    }
    return std::nullopt;
}

inline std::vector<std::string> ids(const std::vector<StoredListing>& rows) {
    std::vector<std::string> out;
    for (const auto& r : rows) {
        out.push_back(r.listing.id);
    }
    return out;
}

}  // namespace gigscout::testing
