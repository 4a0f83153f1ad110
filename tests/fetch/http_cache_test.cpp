#include "fetch/http_cache.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace gigscout::fetch {
namespace {

namespace fs = std::filesystem;
using gigscout::testing::read_file;
using gigscout::testing::TempDir;
using gigscout::testing::write_file;

CachedResponse sample() {
    CachedResponse e;
    e.etag = "\"v1\"";
    e.last_modified = "Wed, 21 Oct 2015 07:28:00 GMT";
    e.headers = {{"Content-Type", "application/json"}, {"Set-Cookie", "session=abc"}};
    e.body = std::string("{\"jobs\":[]}\0binary\n\r", 21);
    return e;
}

int entry_count(const fs::path& dir) {
    int n = 0;
    for (const auto& f : fs::directory_iterator(dir)) {
        n += f.path().extension() == ".entry" ? 1 : 0;
    }
    return n;
}

TEST(HttpCache, StoresAndLoadsValidatorsHeadersAndBinaryBodies) {
    TempDir dir;
    HttpCache cache(dir.path() / "http");
    std::string key = HttpCache::key_for(HttpMethod::Get, "https://remoteok.com/api", {});
    ASSERT_TRUE(cache.store(key, sample()));
    auto loaded = cache.load(key);
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->etag, "\"v1\"");
    EXPECT_EQ(loaded->last_modified, "Wed, 21 Oct 2015 07:28:00 GMT");
    EXPECT_EQ(loaded->body, sample().body);
    ASSERT_EQ(loaded->headers.size(), 1u);  // Set-Cookie is never kept
    EXPECT_EQ(loaded->headers[0].name, "Content-Type");
    EXPECT_EQ(entry_count(dir.path() / "http"), 1);
    EXPECT_FALSE(cache.load(HttpCache::key_for(HttpMethod::Get, "https://remoteok.com/other", {})));
}

TEST(HttpCache, KeyDependsOnRequestHeadersButNotTheirOrderOrNameCase) {
    HttpHeaders a = {{"Authorization", "Bearer one"}, {"Accept", "application/json"}};
    HttpHeaders b = {{"accept", "application/json"}, {"AUTHORIZATION", "Bearer one"}};
    HttpHeaders c = {{"Authorization", "Bearer two"}, {"Accept", "application/json"}};
    const char* url = "https://api.example.com/jobs";
    EXPECT_EQ(HttpCache::key_for(HttpMethod::Get, url, a),
              HttpCache::key_for(HttpMethod::Get, url, b));
    EXPECT_NE(HttpCache::key_for(HttpMethod::Get, url, a),
              HttpCache::key_for(HttpMethod::Get, url, c));
    EXPECT_NE(HttpCache::key_for(HttpMethod::Get, url, a),
              HttpCache::key_for(HttpMethod::Get, "https://api.example.com/jobs?page=2", a));
    EXPECT_EQ(HttpCache::key_for(HttpMethod::Get, url, a).size(), 64u);
}

TEST(HttpCache, SecretsInRequestHeadersAreNeverWrittenInClear) {
    TempDir dir;
    HttpCache cache(dir.path());
    HttpHeaders headers = {{"Authorization", "Bearer sk-live-1234567890"}};
    std::string key = HttpCache::key_for(HttpMethod::Get, "https://api.example.com/jobs", headers);
    ASSERT_TRUE(cache.store(key, sample()));
    std::string file = read_file(cache.file_for(key));
    EXPECT_EQ(file.find("sk-live-1234567890"), std::string::npos);
    EXPECT_EQ(file.find("api.example.com"), std::string::npos);
}

TEST(HttpCache, DamagedEntriesReadAsMisses) {
    TempDir dir;
    HttpCache cache(dir.path());
    std::string key = HttpCache::key_for(HttpMethod::Get, "https://a.example.com/", {});
    ASSERT_TRUE(cache.store(key, sample()));
    std::string good = read_file(cache.file_for(key));

    write_file(cache.file_for(key), good.substr(0, good.size() - 3));  // truncated body
    EXPECT_FALSE(cache.load(key));
    write_file(cache.file_for(key), good + "extra");  // longer than announced
    EXPECT_FALSE(cache.load(key));
    write_file(cache.file_for(key), "garbage");
    EXPECT_FALSE(cache.load(key));
    write_file(cache.file_for(key), "");
    EXPECT_FALSE(cache.load(key));

    // An entry copied under another key's name is not served for that key.
    std::string other = HttpCache::key_for(HttpMethod::Get, "https://b.example.com/", {});
    write_file(cache.file_for(other), good);
    EXPECT_FALSE(cache.load(other));

    write_file(cache.file_for(key), good);
    EXPECT_TRUE(cache.load(key));
}

TEST(HttpCache, ValidatorsWithLineBreaksAreNotStored) {
    TempDir dir;
    HttpCache cache(dir.path());
    CachedResponse e = sample();
    e.etag = "\"v1\"\nbody 0";
    EXPECT_FALSE(cache.store("k", e));
}

TEST(HttpCache, PruneRemovesOldEntriesOnly) {
    TempDir dir;
    HttpCache cache(dir.path());
    std::string old_key = HttpCache::key_for(HttpMethod::Get, "https://a.example.com/old", {});
    std::string new_key = HttpCache::key_for(HttpMethod::Get, "https://a.example.com/new", {});
    ASSERT_TRUE(cache.store(old_key, sample()));
    ASSERT_TRUE(cache.store(new_key, sample()));
    fs::last_write_time(cache.file_for(old_key),
                        fs::file_time_type::clock::now() - std::chrono::hours(24 * 40));
    write_file(dir.path() / "notes.txt", "not ours");
    cache.prune(std::chrono::hours(24 * 30));
    EXPECT_FALSE(fs::exists(cache.file_for(old_key)));
    EXPECT_TRUE(fs::exists(cache.file_for(new_key)));
    EXPECT_TRUE(fs::exists(dir.path() / "notes.txt"));
}

TEST(HttpCache, Sha256MatchesTheStandardVector) {
    EXPECT_EQ(sha256_hex("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace gigscout::fetch
