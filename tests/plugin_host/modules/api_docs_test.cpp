// Every function a helper module registers has its entry in docs/plugin-api-helpers.md.
#include <gtest/gtest.h>
#include <lua.hpp>

#include <string>

#include "lua_test_state.h"
#include "plugin_host/modules/host_modules.h"
#include "support/test_support.h"

namespace gigscout {
namespace {

TEST(HelperApiDocs, EveryRegisteredFunctionHasAHeading) {
    std::string docs = testing::read_file(testing::source_dir() / "docs/plugin-api-helpers.md");
    testing::LuaTestState lua;
    lua_State* L = lua.get();
    int functions = 0;
    for (const auto& module : plugin_modules::host_modules()) {
        module.open(L);
        lua_pushnil(L);
        while (lua_next(L, -2) != 0) {
            if (lua_type(L, -1) == LUA_TFUNCTION) {
                std::string heading =
                    std::string("### `") + module.name + "." + lua_tostring(L, -2) + "(";
                EXPECT_NE(docs.find(heading), std::string::npos)
                    << "no \"" << heading << "...)`\" heading in docs/plugin-api-helpers.md";
                ++functions;
            }
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    EXPECT_EQ(functions, 32);
}

TEST(HelperApiDocs, TheModuleListIsTheOneTheBriefNames) {
    std::string names;
    for (const auto& module : plugin_modules::host_modules()) {
        names += std::string(names.empty() ? "" : " ") + module.name;
    }
    EXPECT_EQ(names, "json xml feed html time money url text");
}

}  // namespace
}  // namespace gigscout
