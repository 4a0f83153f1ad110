#include "fetch/http_cache.h"

#include <algorithm>
#include <cstdint>
#include <system_error>

#include "base/ascii.h"
#include "base/file_io.h"

namespace gigscout::fetch {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kMagic = "GIGSCOUT-HTTP-CACHE 1\n";
// Bodies are capped at 32 MiB by default; leave room for larger caps and the header block,
// but never read an arbitrarily large file into memory.
constexpr std::size_t kMaxEntryBytes = std::size_t{256} << 20;

bool one_line(std::string_view s) {
    return s.find_first_of("\r\n") == std::string_view::npos;
}

// Splits off the next "\n"-terminated line of `rest`; false at the end.
bool next_line(std::string_view& rest, std::string_view& line) {
    std::size_t nl = rest.find('\n');
    if (nl == std::string_view::npos) {
        return false;
    }
    line = rest.substr(0, nl);
    rest.remove_prefix(nl + 1);
    return true;
}

}  // namespace

HttpCache::HttpCache(fs::path dir) : dir_(std::move(dir)) {}

std::string HttpCache::key_for(HttpMethod method, std::string_view url,
                               const HttpHeaders& headers) {
    std::vector<std::string> lines;
    lines.reserve(headers.size());
    for (const HttpHeader& h : headers) {
        lines.push_back(ascii::to_lower(h.name) + ": " + h.value + "\n");
    }
    std::sort(lines.begin(), lines.end());
    std::string material = std::string(method_name(method)) + "\n" + std::string(url) + "\n";
    for (const std::string& l : lines) {
        material += l;
    }
    return sha256_hex(material);
}

fs::path HttpCache::file_for(const std::string& key) const {
    return dir_ / (key + ".entry");
}

std::optional<CachedResponse> HttpCache::load(const std::string& key) const {
    if (key.empty()) {
        return std::nullopt;
    }
    auto text = read_text_file(file_for(key), kMaxEntryBytes);
    if (!text) {
        return std::nullopt;
    }
    std::string_view rest = text.value();
    if (!rest.starts_with(kMagic)) {
        return std::nullopt;
    }
    rest.remove_prefix(kMagic.size());
    CachedResponse entry;
    bool key_seen = false;
    std::string_view line;
    while (next_line(rest, line)) {
        std::size_t sp = line.find(' ');
        std::string_view tag = line.substr(0, sp);
        std::string_view value = sp == std::string_view::npos ? "" : line.substr(sp + 1);
        if (tag == "key") {
            if (value != key) {
                return std::nullopt;
            }
            key_seen = true;
        } else if (tag == "etag") {
            entry.etag = value;
        } else if (tag == "last-modified") {
            entry.last_modified = value;
        } else if (tag == "header") {
            std::size_t colon = value.find(": ");
            if (colon == std::string_view::npos) {
                return std::nullopt;
            }
            entry.headers.push_back(
                {std::string(value.substr(0, colon)), std::string(value.substr(colon + 2))});
        } else if (tag == "body") {
            std::uint64_t length = 0;
            if (value.empty() || value.size() > 12 ||
                !std::all_of(value.begin(), value.end(),
                             [](char c) { return c >= '0' && c <= '9'; })) {
                return std::nullopt;
            }
            length = std::stoull(std::string(value));
            if (!key_seen || length != rest.size() ||
                (entry.etag.empty() && entry.last_modified.empty())) {
                return std::nullopt;
            }
            entry.body = std::string(rest);
            return entry;
        } else {
            return std::nullopt;
        }
    }
    return std::nullopt;
}

Status HttpCache::store(const std::string& key, const CachedResponse& entry) const {
    if (key.empty()) {
        return Error{"HTTP cache: no key for the entry"};
    }
    if (!one_line(entry.etag) || !one_line(entry.last_modified)) {
        return Error{"HTTP cache: validator contains a line break; not stored"};
    }
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (ec) {
        return Error{"HTTP cache: cannot create " + dir_.string() + ": " + ec.message()};
    }
    std::string out(kMagic);
    out += "key " + key + "\n";
    if (!entry.etag.empty()) {
        out += "etag " + entry.etag + "\n";
    }
    if (!entry.last_modified.empty()) {
        out += "last-modified " + entry.last_modified + "\n";
    }
    for (const HttpHeader& h : entry.headers) {
        if (one_line(h.name) && one_line(h.value) && ascii::to_lower(h.name) != "set-cookie") {
            out += "header " + h.name + ": " + h.value + "\n";
        }
    }
    out += "body " + std::to_string(entry.body.size()) + "\n";
    out += entry.body;
    return write_file_atomically(file_for(key), out);
}

void HttpCache::prune(std::chrono::seconds max_age) const {
    std::error_code ec;
    auto now = fs::file_time_type::clock::now();
    for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        std::string name = p.filename().string();
        bool ours = name.ends_with(".entry") || name.find(".entry.tmp") != std::string::npos;
        std::error_code time_ec;
        auto written = fs::last_write_time(p, time_ec);
        if (ours && !time_ec && now - written > max_age) {
            std::error_code rm_ec;
            fs::remove(p, rm_ec);
        }
    }
}

}  // namespace gigscout::fetch
