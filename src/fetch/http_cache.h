// A small on-disk cache for conditional GETs: the validators (ETag, Last-Modified) and body of
// the last 200 response per URL, so a refresh can ask "changed since?" and get a 304.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "base/sha256.h"
#include "fetch/http_message.h"

namespace gigscout::fetch {

struct CachedResponse {
    std::string etag;           // as the server sent it, quotes included
    std::string last_modified;  // HTTP-date as sent
    HttpHeaders headers;        // the 200's headers (Set-Cookie dropped)
    std::string body;
};

// One file per entry, named by the key; written to a temporary file and renamed, so readers
// see a whole entry or none. A damaged or foreign file reads as a miss. Thread-safe (no
// shared state besides the directory).
class HttpCache {
  public:
    explicit HttpCache(std::filesystem::path dir);

    // SHA-256 (hex) of the method, URL and the request headers (sorted, names lower-cased):
    // a request with another Authorization gets another entry, and no header value is ever
    // written to disk in clear.
    static std::string key_for(HttpMethod method, std::string_view url, const HttpHeaders& headers);

    std::optional<CachedResponse> load(const std::string& key) const;
    // Creates the directory when missing; the error names the file.
    Status store(const std::string& key, const CachedResponse& entry) const;
    // Removes entries (and leftover temporary files) not written for `max_age`.
    void prune(std::chrono::seconds max_age) const;

    const std::filesystem::path& dir() const { return dir_; }
    std::filesystem::path file_for(const std::string& key) const;

  private:
    std::filesystem::path dir_;
};

using gigscout::sha256_hex;  // base/sha256.h

}  // namespace gigscout::fetch
