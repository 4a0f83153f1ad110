#include "workspace/source_from_url.h"

#include <algorithm>
#include <functional>

#include "base/ascii.h"
#include "base/file_io.h"
#include "plugin_host/url_rules.h"
#include "workspace/source_selection.h"

namespace gigscout {
namespace {

constexpr std::size_t kMaxInstance = 64;

// A name a person typed or an address gave, as an instance name: lower case, anything but
// letters, digits, - and _ becomes -, at most 64 bytes.
std::string instance_name(std::string_view text) {
    std::string out;
    for (char c : text) {
        c = ascii::to_lower(c);
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        out += ok ? c : '-';
    }
    while (!out.empty() && out.back() == '-') {
        out.pop_back();
    }
    while (!out.empty() && out.front() == '-') {
        out.erase(out.begin());
    }
    return out.substr(0, kMaxInstance);
}

bool valid_instance(std::string_view name) {
    return !name.empty() && name.size() <= kMaxInstance && instance_name(name) == name;
}

// What a feed's address usually looks like; anything else is read as a page.
bool looks_like_feed(std::string_view url) {
    std::string path = ascii::to_lower(url.substr(0, url.find_first_of("?#")));
    for (std::string_view end :
         {".rss", ".xml", ".atom", ".rdf", "/feed", "/feed/", "/rss", "/rss/", "/atom", "/atom/"}) {
        if (path.size() >= end.size() &&
            path.compare(path.size() - end.size(), end.size(), end) == 0) {
            return true;
        }
    }
    return path.find("/feeds/") != std::string::npos || path.find("/rss/") != std::string::npos;
}

Result<std::vector<SourceConfig>> file_sources(Workspace& workspace) {
    auto file = load_sources(workspace.paths().sources_file());
    if (!file) {
        return file.error();
    }
    if (file.value().exists) {
        return file.value().sources;
    }
    return workspace.sources();
}

Status write_sources(Workspace& workspace, std::vector<SourceConfig> sources) {
    SourcesFile file;
    file.sources = std::move(sources);
    file.exists = true;
    return write_file_atomically(workspace.paths().sources_file(), sources_to_json(file));
}

}  // namespace

Result<SourceFromUrl> source_from_url(const PluginCatalog& catalog, std::string_view url,
                                      const std::optional<std::string>& name,
                                      const std::optional<std::string>& plugin) {
    const auto host = url_host(url);
    if (!host) {
        return Error{"expected a board's address: an http or https URL with a host name, got \"" +
                     std::string(url) + "\""};
    }
    SourceFromUrl out;
    const PluginEntry* chosen = nullptr;
    std::string others;
    if (plugin) {
        chosen = catalog.find(*plugin);
        if (chosen == nullptr) {
            return Error{"--plugin " + *plugin +
                         ": no such plugin is installed and usable (gigscout-cli plugin list)"};
        }
    }
    const bool forced_generic = chosen != nullptr && !chosen->manifest->hosts_from_settings.empty();
    for (const PluginEntry* e : catalog.matching_url(url)) {
        if (plugin) {
            break;
        }
        if (chosen == nullptr) {
            chosen = e;
        } else {
            others += (others.empty() ? "" : ", ") + e->manifest->id;
        }
    }
    std::string instance;
    if (chosen != nullptr && !forced_generic) {
        const PluginManifest& m = *chosen->manifest;
        out.source.plugin = m.id;
        out.how = "plugin " + m.id +
                  (plugin ? std::string(" (as asked)") : std::string(" (its url_patterns match)"));
        if (auto settings = m.settings_from_url(url)) {
            std::string filled;
            for (const auto& [key, value] : *settings) {
                filled += (filled.empty() ? "" : ", ") + key + " = " + value;
            }
            out.how += "; settings: " + filled;
            // The board's own name names the source: the first setting the address filled
            // from one of its parts, else the first fixed one.
            for (const auto& rule : m.url_settings) {
                if (url_pattern_captures(rule.pattern, url)) {
                    auto keys = url_pattern_keys(rule.pattern);
                    if (keys && !keys->empty()) {
                        instance = instance_name(settings->at(keys->front()));
                    }
                    break;
                }
            }
            for (auto& [key, value] : *settings) {
                out.source.settings[key] = value;
            }
        } else if (!m.url_settings.empty()) {
            // Its board addresses name a board; this one names none (the site's front page).
            return Error{"plugin " + m.id + " knows this address but it names no board: paste " +
                         "one like " + m.url_settings.front().pattern};
        } else {
            out.how += "; its default settings (the address fills none)";
        }
        if (!others.empty()) {
            out.how += "; also matching: " + others;
        }
    } else {
        const bool feed = looks_like_feed(url);
        out.generic = true;
        if (forced_generic) {
            out.source.plugin = chosen->manifest->id;
        } else {
            out.source.plugin = feed ? "rss" : "jobposting";
            chosen = catalog.find(out.source.plugin);
            if (chosen == nullptr) {
                return Error{"no plugin knows this address, and the generic plugin `" +
                             out.source.plugin + "` is not installed or is disabled"};
            }
        }
        const std::string key = chosen->manifest->hosts_from_settings.empty()
                                    ? std::string("url")
                                    : chosen->manifest->hosts_from_settings.front();
        out.source.settings[key] = std::string(url);
        if (forced_generic) {
            out.how = "plugin " + out.source.plugin + " (as asked)";
        } else {
            out.how = std::string("no plugin knows this address; ") +
                      (feed ? "it looks like a feed (RSS or Atom), so the rss plugin reads it "
                              "(for a page, use --plugin jobposting)"
                            : "it looks like a page, so the jobposting plugin reads the "
                              "schema.org JobPosting data in it (for a feed, use --plugin rss)");
        }
        out.how += "; settings: " + key + " = " + std::string(url);
        std::string h = *host;
        if (h.rfind("www.", 0) == 0) {
            h.erase(0, 4);
        }
        instance = instance_name(h);
        if (url.substr(0, 7) == "http://") {
            out.source.allow_http = true;
            out.how += "; plain http allowed for this source (allow_http)";
        }
    }
    if (name) {
        std::string wanted = *name;
        if (wanted == out.source.plugin) {
            wanted.clear();
        } else if (wanted.rfind(out.source.plugin + ":", 0) == 0) {
            wanted.erase(0, out.source.plugin.size() + 1);
        } else if (wanted.find(':') != std::string::npos) {
            return Error{"--id " + *name + ": the address is for plugin " + out.source.plugin +
                         ", so the id must be " + out.source.plugin + " or " + out.source.plugin +
                         ":NAME"};
        }
        if (!wanted.empty() && !valid_instance(wanted)) {
            return Error{"--id " + *name + ": a name must be lower-case letters, digits, - and _"};
        }
        instance = wanted;
    }
    out.source.instance = instance;
    out.source.id = instance.empty() ? out.source.plugin : out.source.plugin + ":" + instance;
    return out;
}

Status add_source(Workspace& workspace, const SourceConfig& source) {
    auto sources = file_sources(workspace);
    if (!sources) {
        return sources.error();
    }
    for (const auto& s : sources.value()) {
        if (s.id == source.id) {
            return Error{"source `" + source.id + "` is already configured in " +
                         workspace.paths().sources_file().string() +
                         " (give it another name with --id, or remove it first)"};
        }
    }
    sources.value().push_back(source);
    return write_sources(workspace, std::move(sources).value());
}

Result<SourceConfig> remove_source(Workspace& workspace, const std::string& id) {
    auto sources = file_sources(workspace);
    if (!sources) {
        return sources.error();
    }
    auto& list = sources.value();
    auto it =
        std::find_if(list.begin(), list.end(), [&](const SourceConfig& s) { return s.id == id; });
    if (it == list.end()) {
        return Error{"no configured source named `" + id +
                     "`; the configured sources are: " + source_ids_text(list)};
    }
    SourceConfig removed = *it;
    list.erase(it);
    if (auto w = write_sources(workspace, std::move(list)); !w) {
        return w.error();
    }
    return removed;
}

Status edit_source(Workspace& workspace, const std::string& id,
                   const std::function<void(SourceConfig&)>& change) {
    auto sources = file_sources(workspace);
    if (!sources) {
        return sources.error();
    }
    auto& list = sources.value();
    auto it =
        std::find_if(list.begin(), list.end(), [&](const SourceConfig& s) { return s.id == id; });
    if (it == list.end()) {
        return Error{"no configured source named `" + id +
                     "`; the configured sources are: " + source_ids_text(list)};
    }
    change(*it);
    return write_sources(workspace, std::move(list));
}

Status set_source_enabled(Workspace& workspace, const std::string& id, bool enabled) {
    return edit_source(workspace, id, [enabled](SourceConfig& s) { s.enabled = enabled; });
}

Status set_source_refresh_minutes(Workspace& workspace, const std::string& id,
                                  std::optional<int> minutes) {
    if (minutes && (*minutes < 1 || *minutes > kMaxRefreshMinutes)) {
        return Error{"refresh_minutes must be 1 to " + std::to_string(kMaxRefreshMinutes) +
                     " (a week), got " + std::to_string(*minutes)};
    }
    return edit_source(workspace, id, [minutes](SourceConfig& s) { s.refresh_minutes = minutes; });
}

}  // namespace gigscout
