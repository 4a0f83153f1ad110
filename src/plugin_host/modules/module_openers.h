// The `open` function of each helper module (each defined in its own *_module.cpp).
#pragma once

struct lua_State;

namespace gigscout::plugin_modules {

int open_json_module(lua_State* L);
int open_xml_module(lua_State* L);
int open_feed_module(lua_State* L);
int open_html_module(lua_State* L);
int open_time_module(lua_State* L);
int open_money_module(lua_State* L);
int open_url_module(lua_State* L);
int open_text_module(lua_State* L);

}  // namespace gigscout::plugin_modules
