// `feed`: RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 0.3/1.0 feeds as one table shape.
#include <optional>
#include <string>

#include "base/iso_time.h"
#include "plugin_host/modules/feed_parse.h"
#include "plugin_host/modules/lua_glue.h"
#include "plugin_host/modules/module_openers.h"

namespace gigscout::plugin_modules {
namespace {

struct FeedBox {
    std::optional<Result<feed::Feed>> result;
};

void set_optional(lua_State* L, const char* key, const std::optional<std::string>& value) {
    if (value) {
        set_string(L, key, *value);
    }
}

void set_optional(lua_State* L, const char* key, const std::optional<std::int64_t>& value) {
    if (value) {
        set_integer(L, key, *value);
    }
}

// `<field>_type` beside each text construct that is present: API version 1 grew these, and
// plugins that ignore them read the same values as before.
void set_text(lua_State* L, const char* key, const std::optional<std::string>& value,
              feed::TextType type) {
    if (value) {
        set_string(L, key, *value);
        set_string(L, (std::string(key) + "_type").c_str(), feed::text_type_name(type));
    }
}

void push_item(lua_State* L, const feed::Item& item) {
    lua_createtable(L, 0, 15);
    set_text(L, "title", item.title, item.title_type);
    set_optional(L, "link", item.link);
    set_optional(L, "guid", item.guid);
    set_text(L, "description", item.description, item.description_type);
    set_text(L, "content", item.content, item.content_type);
    set_optional(L, "published", item.published);
    set_optional(L, "published_raw", item.published_raw);
    set_optional(L, "updated", item.updated);
    set_optional(L, "updated_raw", item.updated_raw);
    set_optional(L, "author", item.author);
    lua_createtable(L, static_cast<int>(item.categories.size()), 0);
    lua_Integer i = 0;
    for (const std::string& c : item.categories) {
        push_view(L, c);
        lua_rawseti(L, -2, ++i);
    }
    lua_setfield(L, -2, "categories");
    lua_createtable(L, 0, static_cast<int>(item.extra.size()));
    for (const auto& [name, value] : item.extra) {
        push_view(L, name);
        push_view(L, value);
        lua_rawset(L, -3);
    }
    lua_setfield(L, -2, "extra");
}

int feed_parse(lua_State* L) {
    std::string_view text = check_text(L, 1);
    std::string_view base = opt_text(L, 2, {});
    if (text.size() > kMaxInputBytes) {
        return push_oversized(L, "feed.parse", text.size(), kMaxInputBytes);
    }
    auto& box = push_box<FeedBox>(L);
    {
        memory_budget::RefuseScope refuse;  // no Lua call in here
        box.result.emplace(feed::parse(text, now_epoch_seconds(), base));
    }
    if (!box.result->ok()) {
        return push_failure(L, box.result->error().message);
    }
    const feed::Feed& f = box.result->value();
    lua_createtable(L, 0, 7);
    set_string(L, "kind", f.kind);
    set_text(L, "title", f.title, f.title_type);
    set_optional(L, "link", f.link);
    set_text(L, "description", f.description, f.description_type);
    lua_createtable(L, static_cast<int>(f.items.size()), 0);
    lua_Integer i = 0;
    for (const feed::Item& item : f.items) {
        push_item(L, item);
        lua_rawseti(L, -2, ++i);
    }
    lua_setfield(L, -2, "items");
    // Freed now rather than when the collector finds the box (see json.decode).
    box.result.reset();
    return 1;
}

const luaL_Reg kFeedFunctions[] = {
    {"parse", guarded<feed_parse>},
    {nullptr, nullptr},
};

}  // namespace

int open_feed_module(lua_State* L) {
    new_module(L, kFeedFunctions);
    return 1;
}

}  // namespace gigscout::plugin_modules
