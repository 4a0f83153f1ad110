// What a bug report needs to know about this build: GigScout's version, the plugin API it runs,
// and the versions of the libraries that read, fetch and keep a user's data. Both front ends
// print it: `gigscout-cli --version --verbose` and the app's About box.
#pragma once

#include <string>
#include <vector>

namespace gigscout {

struct ComponentVersion {
    std::string name;     // "libcurl"
    std::string version;  // "7.88.1 (OpenSSL/3.0.15)"
};

// GigScout, the plugin API, then libcurl, SQLite and Lua as loaded at run time where the library
// says (curl_version_info, sqlite3_libversion) and as compiled in otherwise (Lua runs in the
// plugin worker, built from the same headers; RapidJSON is header-only).
std::vector<ComponentVersion> component_versions();

// One "name version" line per component.
std::string component_versions_text(const std::vector<ComponentVersion>& components);

}  // namespace gigscout
