#include "workspace/build_info.h"

#include <curl/curl.h>
#include <rapidjson/rapidjson.h>
#include <sqlite3.h>
#include <lua.hpp>

#include "plugin_host/plugin_manifest.h"

namespace gigscout {

std::vector<ComponentVersion> component_versions() {
    std::vector<ComponentVersion> out;
    out.push_back({"GigScout", GIGSCOUT_VERSION});
    out.push_back({"plugin API", std::to_string(kPluginApiVersion)});
    const curl_version_info_data* curl = curl_version_info(CURLVERSION_NOW);
    std::string curl_text = curl->version;
    if (curl->ssl_version != nullptr) {
        curl_text += std::string(" (") + curl->ssl_version + ")";
    }
    out.push_back({"libcurl", curl_text});
    out.push_back({"SQLite", sqlite3_libversion()});
    // LUA_RELEASE is "Lua 5.4.4"; the name is already in the row.
    std::string lua = LUA_RELEASE;
    out.push_back({"Lua", lua.substr(lua.find(' ') + 1)});
    out.push_back({"RapidJSON", RAPIDJSON_VERSION_STRING});
#ifdef GIGSCOUT_WX_VERSION
    // The desktop app's toolkit, as found when this build was configured; the app's About box
    // reports the library it actually loaded.
    out.push_back({"wxWidgets", GIGSCOUT_WX_VERSION " (the desktop app's build)"});
#endif
    return out;
}

std::string component_versions_text(const std::vector<ComponentVersion>& components) {
    std::string out;
    for (const auto& c : components) {
        out += c.name + " " + c.version + "\n";
    }
    return out;
}

}  // namespace gigscout
