#include "plugin_host/modules/lua_patterns.h"

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstring>

// Everything here is plain data on the C stack (no C++ object with a destructor), because the
// Lua calls below may raise (lua_glue.h).
namespace gigscout::plugin_modules {
namespace {

constexpr std::size_t kMaxItems = 32;
constexpr std::size_t kNotFound = static_cast<std::size_t>(-1);

struct ByteSet {
    std::uint64_t bits[4];

    bool has(unsigned char c) const { return ((bits[c >> 6] >> (c & 63)) & 1) != 0; }
};

struct SimplePattern {
    bool anchored;
    std::size_t count;  // items, each matching exactly one byte
    ByteSet items[kMaxItems];
};

// lstrlib.c's match_class: %a, %d, ... by the C library's classification (the worker never
// changes the "C" locale, and neither does the standard library); any other character after
// '%' stands for itself.
bool match_class(int c, int cl) {
    int res = 0;
    switch (std::tolower(cl)) {
        case 'a':
            res = std::isalpha(c);
            break;
        case 'c':
            res = std::iscntrl(c);
            break;
        case 'd':
            res = std::isdigit(c);
            break;
        case 'g':
            res = std::isgraph(c);
            break;
        case 'l':
            res = std::islower(c);
            break;
        case 'p':
            res = std::ispunct(c);
            break;
        case 's':
            res = std::isspace(c);
            break;
        case 'u':
            res = std::isupper(c);
            break;
        case 'w':
            res = std::isalnum(c);
            break;
        case 'x':
            res = std::isxdigit(c);
            break;
        default:
            return cl == c;
    }
    if (std::isupper(cl)) {
        res = !res;
    }
    return res != 0;
}

// lstrlib.c's matchbracketclass: `p` is the '[', `ec` its closing ']'.
bool match_bracket_class(int c, const unsigned char* p, const unsigned char* ec) {
    bool sig = true;
    if (p[1] == '^') {
        sig = false;
        ++p;
    }
    while (++p < ec) {
        if (*p == '%') {
            ++p;
            if (match_class(c, *p)) {
                return sig;
            }
        } else if (p[1] == '-' && p + 2 < ec) {
            p += 2;
            if (p[-2] <= c && c <= *p) {
                return sig;
            }
        } else if (*p == c) {
            return sig;
        }
    }
    return !sig;
}

// lstrlib.c's singlematch for one item [p, ep).
bool single_match(int c, const unsigned char* p, const unsigned char* ep) {
    switch (*p) {
        case '.':
            return true;
        case '%':
            return match_class(c, p[1]);
        case '[':
            return match_bracket_class(c, p, ep - 1);
        default:
            return *p == c;
    }
}

// True when [p, p + len) is a pattern of the shape this file handles; fills `out`. The item
// boundaries are found first, so that any other pattern is turned down before the tables are
// built.
bool compile(const char* pattern, std::size_t len, SimplePattern& out) {
    const auto* begin = reinterpret_cast<const unsigned char*>(pattern);
    const unsigned char* end = begin + len;
    out.anchored = begin < end && *begin == '^';
    const unsigned char* starts[kMaxItems + 1];  // item i is [starts[i], starts[i + 1])
    std::size_t count = 0;
    const unsigned char* p = out.anchored ? begin + 1 : begin;
    while (p < end) {
        if (count == kMaxItems) {
            return false;
        }
        const unsigned char* ep = p + 1;  // just past the item
        switch (*p) {
            case '(':
            case ')':
                return false;  // a capture
            case '$':
                if (ep == end) {
                    return false;  // anchors the end
                }
                break;
            case '%':
                if (ep == end) {
                    return false;  // malformed: the library says so
                }
                // %b, %f and back references; 'z' (a deprecated class in older Lua versions)
                // is left to the library as well.
                if (*ep == 'b' || *ep == 'f' || *ep == 'z' || *ep == 'Z' || std::isdigit(*ep)) {
                    return false;
                }
                ep = p + 2;
                break;
            case '[': {
                // lstrlib.c's classEnd: the first character (after '^') is part of the set even
                // when it is ']'; '%' escapes the next one.
                const unsigned char* q = p + 1;
                if (q < end && *q == '^') {
                    ++q;
                }
                do {
                    if (q == end) {
                        return false;  // malformed (missing ']')
                    }
                    if (*q++ == '%' && q < end) {
                        ++q;
                    }
                } while (q == end || *q != ']');
                ep = q + 1;
                break;
            }
            default:
                break;
        }
        if (ep < end && (*ep == '*' || *ep == '+' || *ep == '-' || *ep == '?')) {
            return false;  // a repetition
        }
        starts[count++] = p;
        p = ep;
    }
    if (count == 0) {
        return false;
    }
    starts[count] = end;
    out.count = count;
    for (std::size_t i = 0; i < count; ++i) {
        ByteSet& set = out.items[i];
        set = ByteSet{};
        for (int c = 0; c < 256; ++c) {
            if (single_match(c, starts[i], starts[i + 1])) {
                set.bits[c >> 6] |= std::uint64_t{1} << (c & 63);
            }
        }
    }
    return true;
}

// Plugins use a handful of patterns over and over, many on short texts: building the tables
// each time would cost more than the match. The last few patterns seen are kept, by their
// text, with their tables (or the verdict that they are not simple). One worker runs one call
// at a time on one thread.
constexpr std::size_t kCacheEntries = 16;
constexpr std::size_t kMaxCachedPattern = 48;

struct CacheEntry {
    std::size_t length;  // of text; kMaxCachedPattern + 1 marks an empty entry
    char text[kMaxCachedPattern];
    bool simple;
    SimplePattern compiled;
};

struct Cache {
    CacheEntry entries[kCacheEntries];
    std::size_t next = 0;

    Cache() {
        for (CacheEntry& e : entries) {
            e.length = kMaxCachedPattern + 1;
        }
    }
};

// Copies the compiled pattern into `out` (a copy: a gsub replacement function may run other
// patterns through the cache before the gsub is done); false when the pattern is not simple.
bool lookup(const char* pattern, std::size_t len, SimplePattern& out) {
    if (len > kMaxCachedPattern) {
        return compile(pattern, len, out);
    }
    static Cache cache;
    CacheEntry* entry = nullptr;
    for (CacheEntry& e : cache.entries) {
        if (e.length == len && std::memcmp(e.text, pattern, len) == 0) {
            entry = &e;
            break;
        }
    }
    if (entry == nullptr) {
        entry = &cache.entries[cache.next];
        cache.next = (cache.next + 1) % kCacheEntries;
        std::memcpy(entry->text, pattern, len);
        entry->length = len;
        entry->simple = compile(pattern, len, entry->compiled);
    }
    if (!entry->simple) {
        return false;
    }
    out.anchored = entry->compiled.anchored;
    out.count = entry->compiled.count;
    std::memcpy(out.items, entry->compiled.items, sizeof(ByteSet) * out.count);
    return true;
}

bool matches_at(const SimplePattern& sp, const unsigned char* s, std::size_t n, std::size_t at) {
    if (at > n || n - at < sp.count) {
        return false;
    }
    for (std::size_t k = 0; k < sp.count; ++k) {
        if (!sp.items[k].has(s[at + k])) {
            return false;
        }
    }
    return true;
}

// The first position >= from where the pattern matches, or kNotFound.
std::size_t search(const SimplePattern& sp, const unsigned char* s, std::size_t n,
                   std::size_t from) {
    if (sp.anchored) {
        return matches_at(sp, s, n, from) ? from : kNotFound;
    }
    if (from > n || n - from < sp.count) {
        return kNotFound;
    }
    const ByteSet& first = sp.items[0];
    const std::size_t last = n - sp.count;
    for (std::size_t i = from; i <= last; ++i) {
        if (!first.has(s[i])) {
            continue;
        }
        std::size_t k = 1;
        while (k < sp.count && sp.items[k].has(s[i + k])) {
            ++k;
        }
        if (k == sp.count) {
            return i;
        }
    }
    return kNotFound;
}

// lstrlib.c's posrelatI: a 1-based start position, negative counting from the end.
std::size_t start_position(lua_Integer pos, std::size_t len) {
    if (pos > 0) {
        return static_cast<std::size_t>(pos);
    }
    if (pos == 0) {
        return 1;
    }
    if (pos < -static_cast<lua_Integer>(len)) {
        return 1;
    }
    return len + static_cast<std::size_t>(pos) + 1;
}

// A replacement string the fast path can apply: '%' only as "%%", "%0" or "%1" (without
// captures, %1 is the whole match as well); anything else raises in the library.
bool plain_replacement(const char* r, std::size_t len) {
    for (std::size_t i = 0; i < len; ++i) {
        if (r[i] == '%') {
            if (i + 1 == len || (r[i + 1] != '%' && r[i + 1] != '0' && r[i + 1] != '1')) {
                return false;
            }
            ++i;
        }
    }
    return true;
}

// lstrlib.c's add_value for the match [s, e); returns whether the text changed.
bool add_value(lua_State* L, luaL_Buffer* b, const char* s, const char* e, int tr) {
    if (tr == LUA_TSTRING) {
        std::size_t len = 0;
        const char* r = lua_tolstring(L, 3, &len);
        for (std::size_t i = 0; i < len; ++i) {
            if (r[i] != '%') {
                luaL_addchar(b, r[i]);
            } else if (r[++i] == '%') {
                luaL_addchar(b, '%');
            } else {
                luaL_addlstring(b, s, static_cast<std::size_t>(e - s));  // %0 or %1
            }
        }
        return true;
    }
    if (tr == LUA_TFUNCTION) {
        lua_pushvalue(L, 3);
        lua_pushlstring(L, s, static_cast<std::size_t>(e - s));
        lua_call(L, 1, 1);
    } else {
        lua_pushlstring(L, s, static_cast<std::size_t>(e - s));
        lua_gettable(L, 3);
    }
    if (!lua_toboolean(L, -1)) {
        lua_pop(L, 1);
        luaL_addlstring(b, s, static_cast<std::size_t>(e - s));  // keeps the original text
        return false;
    }
    if (!lua_isstring(L, -1)) {
        luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
    }
    luaL_addvalue(b);
    return true;
}

}  // namespace

int fast_find(lua_State* L, bool find) {
    std::size_t ls = 0, lp = 0;
    const char* s = luaL_checklstring(L, 1, &ls);
    const char* p = luaL_checklstring(L, 2, &lp);
    if (!lua_isnoneornil(L, 3) && !(lua_type(L, 3) == LUA_TNUMBER && lua_isinteger(L, 3))) {
        return -1;
    }
    if (find && lua_toboolean(L, 4)) {
        return -1;  // a plain search
    }
    SimplePattern sp;
    if (!lookup(p, lp, sp)) {
        return -1;
    }
    std::size_t init = start_position(lua_isnoneornil(L, 3) ? 1 : lua_tointeger(L, 3), ls) - 1;
    if (init > ls) {
        lua_pushnil(L);
        return 1;
    }
    std::size_t at = search(sp, reinterpret_cast<const unsigned char*>(s), ls, init);
    if (at == kNotFound) {
        lua_pushnil(L);
        return 1;
    }
    if (find) {
        lua_pushinteger(L, static_cast<lua_Integer>(at + 1));
        lua_pushinteger(L, static_cast<lua_Integer>(at + sp.count));
        return 2;
    }
    lua_pushlstring(L, s + at, sp.count);
    return 1;
}

int fast_gsub(lua_State* L) {
    std::size_t srcl = 0, lp = 0;
    const char* src = luaL_checklstring(L, 1, &srcl);
    const char* p = luaL_checklstring(L, 2, &lp);
    int tr = lua_type(L, 3);
    if (tr != LUA_TSTRING && tr != LUA_TFUNCTION && tr != LUA_TTABLE) {
        return -1;  // a number is converted (or a wrong type refused) by the library
    }
    if (!lua_isnoneornil(L, 4) && !(lua_type(L, 4) == LUA_TNUMBER && lua_isinteger(L, 4))) {
        return -1;
    }
    if (tr == LUA_TSTRING) {
        std::size_t len = 0;
        const char* r = lua_tolstring(L, 3, &len);
        if (!plain_replacement(r, len)) {
            return -1;
        }
    }
    SimplePattern sp;
    if (!lookup(p, lp, sp)) {
        return -1;
    }
    lua_Integer max_s =
        lua_isnoneornil(L, 4) ? static_cast<lua_Integer>(srcl) + 1 : lua_tointeger(L, 4);
    const auto* u = reinterpret_cast<const unsigned char*>(src);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    std::size_t pos = 0;  // next byte of the subject not yet in the buffer
    lua_Integer n = 0;
    bool changed = false;
    // As str_gsub: matches left to right, at most max_s of them, only at the start when
    // anchored; the bytes between matches go into the buffer unchanged (in one piece here).
    while (n < max_s) {
        std::size_t at = search(sp, u, srcl, pos);
        if (at == kNotFound) {
            break;
        }
        luaL_addlstring(&b, src + pos, at - pos);
        ++n;
        changed = add_value(L, &b, src + at, src + at + sp.count, tr) || changed;
        pos = at + sp.count;
        if (sp.anchored) {
            break;
        }
    }
    if (!changed) {
        lua_pushvalue(L, 1);  // the original string
    } else {
        luaL_addlstring(&b, src + pos, srcl - pos);
        luaL_pushresult(&b);
    }
    lua_pushinteger(L, n);
    return 2;
}

}  // namespace gigscout::plugin_modules
