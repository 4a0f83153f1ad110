// `html`: HTML to text, references, tag stripping, parsed documents (gumbo) with a small CSS
// selector subset, and JSON-LD (schema.org JobPosting) extraction.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/utf8.h"
#include "plugin_host/modules/css_selector.h"
#include "plugin_host/modules/html_document.h"
#include "plugin_host/modules/html_text.h"
#include "plugin_host/modules/html_tokenizer.h"
#include "plugin_host/modules/json_lua.h"
#include "plugin_host/modules/lua_glue.h"
#include "plugin_host/modules/module_openers.h"
#include "plugin_host/modules/text_ops.h"

namespace gigscout::plugin_modules {
namespace {

constexpr const char* kDocumentType = "gigscout.html.document";
constexpr std::size_t kMaxMatches = 10000;
constexpr std::size_t kMaxInnerHtmlBytes = 64 * 1024;
constexpr std::size_t kMaxTotalHtmlBytes = 16 * kMiB;
// Nodes html.select may walk to build the `text` of its matches (nested matches walk the
// same nodes again).
constexpr std::size_t kMaxTextNodes = 20000000;
constexpr std::size_t kMaxJsonLdItems = 10000;

// --- plain C++ helpers (no Lua calls) ---

html::Document* parse_document(std::string_view text, std::string& error) {
    memory_budget::RefuseScope refuse;
    auto parsed = html::Document::parse(text);
    if (!parsed.ok()) {
        error = parsed.error().message;
        return nullptr;
    }
    return std::move(parsed).value().release();
}

// to_text of an element's contents (the element's own tag does not count). A hidden element
// (<script>, <style>, ...) gives its raw text, so a selected JSON or CSS block can be read.
// Returns false when `budget` (nodes left to visit) runs out.
bool element_text(const GumboNode* element, std::string& out, std::size_t& budget) {
    out.clear();
    const GumboVector& top = element->v.element.children;
    if (html::is_hidden_element(html::tag_name(element))) {
        for (unsigned i = 0; i < top.length; ++i) {
            const auto* child = static_cast<const GumboNode*>(top.data[i]);
            if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE ||
                child->type == GUMBO_NODE_CDATA) {
                out += child->v.text.text;
            }
        }
        return true;
    }
    html::TextBuilder builder;
    struct Frame {
        const GumboNode* node;
        unsigned next;
    };
    std::vector<Frame> stack{{element, 0}};
    std::vector<std::string> names{""};
    while (!stack.empty()) {
        Frame& f = stack.back();
        const GumboVector& children = f.node->v.element.children;
        if (f.next >= children.length) {
            if (stack.size() > 1) {
                builder.end_element(names.back());
            }
            stack.pop_back();
            names.pop_back();
            continue;
        }
        const auto* child = static_cast<const GumboNode*>(children.data[f.next++]);
        if (budget == 0) {
            return false;
        }
        --budget;
        switch (child->type) {
            case GUMBO_NODE_TEXT:
            case GUMBO_NODE_WHITESPACE:
            case GUMBO_NODE_CDATA:
                builder.text(child->v.text.text);
                break;
            case GUMBO_NODE_ELEMENT:
            case GUMBO_NODE_TEMPLATE: {
                std::string name = html::tag_name(child);
                if (html::is_hidden_element(name)) {
                    break;
                }
                builder.start_element(name);
                stack.push_back({child, 0});
                names.push_back(std::move(name));
                break;
            }
            default:
                break;
        }
    }
    out = builder.finish();
    return true;
}

// The source between an element's start and end tags, when both are written in the source.
std::optional<std::string_view> inner_html(const html::Document& doc, const GumboNode* node) {
    const GumboElement& e = node->v.element;
    if (e.original_tag.length == 0 || e.original_end_tag.length == 0) {
        return std::nullopt;
    }
    std::size_t begin = e.start_pos.offset + e.original_tag.length;
    std::size_t end = e.end_pos.offset;
    std::string_view source = doc.source();
    if (begin > end || end > source.size()) {
        return std::nullopt;
    }
    return source.substr(begin, end - begin);
}

bool is_ld_json(std::string_view type) {
    type = text::trim(type);
    constexpr std::string_view kType = "application/ld+json";
    if (type.size() < kType.size()) {
        return false;
    }
    for (std::size_t i = 0; i < kType.size(); ++i) {
        char c = type[i];
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
        if (c != kType[i]) {
            return false;
        }
    }
    std::string_view rest = text::trim(type.substr(kType.size()));
    return rest.empty() || rest.front() == ';';
}

void ld_blocks_from_text(std::string_view source, std::vector<std::string>& blocks) {
    html::Tokenizer tokenizer(source);
    html::Token token;
    bool in_block = false;
    while (tokenizer.next(token)) {
        if (token.kind == html::TokenKind::StartTag && token.name == "script") {
            const html::Attribute* type = html::find_attribute(token, "type");
            in_block = type != nullptr && is_ld_json(type->value);
            if (in_block) {
                blocks.emplace_back();
            }
        } else if (token.kind == html::TokenKind::Text && in_block) {
            blocks.back() += token.text;
        } else {
            in_block = false;
        }
    }
}

void ld_blocks_from_document(const html::Document& doc, std::vector<std::string>& blocks) {
    std::vector<const GumboNode*> stack{doc.root()};
    while (!stack.empty()) {
        const GumboNode* node = stack.back();
        stack.pop_back();
        const GumboVector* children = node->type == GUMBO_NODE_DOCUMENT ? &node->v.document.children
                                      : html::is_element(node)          ? &node->v.element.children
                                                                        : nullptr;
        if (children == nullptr) {
            continue;
        }
        if (html::is_element(node) && node->v.element.tag == GUMBO_TAG_SCRIPT) {
            const char* type = html::attribute(node, "type");
            if (type != nullptr && is_ld_json(type)) {
                std::string& block = blocks.emplace_back();
                for (unsigned i = 0; i < children->length; ++i) {
                    const auto* child = static_cast<const GumboNode*>(children->data[i]);
                    if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE) {
                        block += child->v.text.text;
                    }
                }
            }
            continue;
        }
        // push children in reverse so they pop in document order
        for (unsigned i = children->length; i > 0; --i) {
            stack.push_back(static_cast<const GumboNode*>(children->data[i - 1]));
        }
    }
}

// --- Lua side ---

struct StringBox {
    std::string value;
};

template <std::string (*Convert)(std::string_view)>
int string_function(lua_State* L, const char* name) {
    std::string_view s = check_text(L, 1);
    if (s.size() > kMaxInputBytes) {
        return push_oversized(L, name, s.size(), kMaxInputBytes);
    }
    auto& box = push_box<StringBox>(L);
    box.value = Convert(s);
    push_view(L, box.value);
    return 1;
}

int html_to_text(lua_State* L) {
    return string_function<html::to_text>(L, "html.to_text");
}
int html_unescape(lua_State* L) {
    return string_function<html::unescape>(L, "html.unescape");
}
int html_strip(lua_State* L) {
    return string_function<html::strip_tags>(L, "html.strip");
}

struct DocumentHandle {
    html::Document* doc;
};

int document_gc(lua_State* L) {
    auto* handle = static_cast<DocumentHandle*>(lua_touserdata(L, 1));
    delete handle->doc;
    handle->doc = nullptr;  // a finalizer run later (resurrection) sees a freed document
    return 0;
}

void push_document_metatable(lua_State* L) {
    if (luaL_newmetatable(L, kDocumentType) != 0) {
        lua_pushcfunction(L, document_gc);
        lua_setfield(L, -2, "__gc");
        lua_pushliteral(L, "html.document");
        lua_setfield(L, -2, "__metatable");
    }
}

int html_parse(lua_State* L) {
    std::string_view text = check_text(L, 1);
    auto* handle = static_cast<DocumentHandle*>(lua_newuserdatauv(L, sizeof(DocumentHandle), 0));
    handle->doc = nullptr;
    push_document_metatable(L);
    lua_setmetatable(L, -2);
    // stack: text, handle
    auto& error = push_box<StringBox>(L);
    handle->doc = parse_document(text, error.value);
    if (handle->doc == nullptr) {
        return push_failure(L, error.value);
    }
    lua_pushvalue(L, 2);
    return 1;
}

// Everything one html.select/json_ld call keeps alive while it builds Lua values.
struct WorkBox {
    std::unique_ptr<html::Document> parsed;  // when the argument was a string
    std::string error;
    std::optional<Result<html::Selector>> selector;
    std::optional<Result<std::vector<const GumboNode*>>> matches;
    std::vector<std::string> blocks;
    std::string scratch;
};

// The document for argument 1 (a handle from html.parse, or a string parsed now), or nullptr
// with box.error set.
const html::Document* document_argument(lua_State* L, WorkBox& box) {
    if (auto* handle = static_cast<DocumentHandle*>(luaL_testudata(L, 1, kDocumentType))) {
        if (handle->doc == nullptr) {
            luaL_error(L, "html: the document was already freed");
        }
        return handle->doc;
    }
    if (lua_type(L, 1) != LUA_TSTRING) {
        luaL_typeerror(L, 1, "html document or string");
    }
    std::size_t size = 0;
    const char* data = lua_tolstring(L, 1, &size);
    box.parsed.reset(parse_document({data, size}, box.error));
    return box.parsed.get();
}

// Pushes `s`, with invalid UTF-8 replaced (text straight from the source can be anything).
void push_clean(lua_State* L, std::string_view s, std::string& scratch) {
    if (utf8::is_valid(s)) {
        push_view(L, s);
        return;
    }
    scratch = utf8::sanitize(s);
    push_view(L, scratch);
}

int html_select(lua_State* L) {
    std::string_view selector_text = check_text(L, 2);
    lua_settop(L, 2);
    auto& box = push_box<WorkBox>(L);
    box.selector.emplace(html::parse_selector(selector_text));
    if (!box.selector->ok()) {
        box.scratch = "html.select: bad selector \"" +
                      std::string(utf8::truncate(selector_text, 100)) +
                      "\": " + box.selector->error().message;
        push_view(L, box.scratch);
        return lua_error(L);  // a selector is code, not input: a bad one is a plugin bug
    }
    const html::Document* doc = document_argument(L, box);
    if (doc == nullptr) {
        return push_failure(L, box.error);
    }
    {
        memory_budget::RefuseScope refuse;  // no Lua call in here
        box.matches.emplace(html::select(doc->root(), box.selector->value(), kMaxMatches));
    }
    if (!box.matches->ok()) {
        box.scratch = "html.select: " + box.matches->error().message;
        return push_failure(L, box.scratch);
    }
    const std::vector<const GumboNode*>& matches = box.matches->value();
    std::size_t node_budget = kMaxTextNodes;
    std::size_t html_budget = kMaxTotalHtmlBytes;
    lua_createtable(L, static_cast<int>(matches.size()), 0);
    lua_Integer n = 0;
    for (const GumboNode* node : matches) {
        lua_createtable(L, 0, 4);
        box.scratch = html::tag_name(node);
        push_clean(L, box.scratch, box.error);
        lua_setfield(L, -2, "tag");
        const GumboVector& attributes = node->v.element.attributes;
        lua_createtable(L, 0, static_cast<int>(attributes.length));
        for (unsigned i = 0; i < attributes.length; ++i) {
            const auto* a = static_cast<const GumboAttribute*>(attributes.data[i]);
            push_clean(L, a->name, box.scratch);
            push_clean(L, a->value, box.scratch);
            lua_rawset(L, -3);
        }
        lua_setfield(L, -2, "attrs");
        if (!element_text(node, box.scratch, node_budget)) {
            return push_failure(L,
                                "html.select: the matches hold too much to convert (more "
                                "than 20000000 nodes); select fewer or smaller elements");
        }
        push_view(L, box.scratch);
        lua_setfield(L, -2, "text");
        if (auto inner = inner_html(*doc, node); inner && html_budget > 0) {
            std::string_view cut =
                utf8::truncate(*inner, std::min(kMaxInnerHtmlBytes, html_budget));
            html_budget -= cut.size();
            push_clean(L, cut, box.error);
            lua_setfield(L, -2, "html");
        }
        lua_rawseti(L, -2, ++n);
    }
    return 1;
}

bool type_is_job_posting(std::string_view type) {
    constexpr std::string_view kName = "JobPosting";
    if (type == kName) {
        return true;
    }
    return type.size() > kName.size() && type.substr(type.size() - kName.size()) == kName &&
           (type[type.size() - kName.size() - 1] == '/' ||
            type[type.size() - kName.size() - 1] == ':');
}

// The item at the top has "@type" JobPosting (or a list holding it).
bool is_job_posting(lua_State* L) {
    int item = lua_gettop(L);
    bool yes = false;
    int type = raw_field(L, item, "@type");
    if (type == LUA_TSTRING) {
        std::size_t size = 0;
        const char* data = lua_tolstring(L, -1, &size);
        yes = type_is_job_posting({data, size});
    } else if (type == LUA_TTABLE) {
        for (lua_Integer i = 1; !yes && lua_rawgeti(L, -1, i) != LUA_TNIL; ++i) {
            if (lua_type(L, -1) == LUA_TSTRING) {
                std::size_t size = 0;
                const char* data = lua_tolstring(L, -1, &size);
                yes = type_is_job_posting({data, size});
            }
            lua_pop(L, 1);
        }
        if (!yes) {
            lua_pop(L, 1);  // the nil that ended the loop
        }
    }
    lua_pop(L, 1);
    return yes;
}

struct LdCollector {
    int items;   // stack index of the result list
    int errors;  // stack index of the error list
    lua_Integer count = 0;
    lua_Integer error_count = 0;
    bool jobs_only = false;
    bool overflowed = false;
};

// Pops the table at the top into the results (when it passes the filter).
void add_item(lua_State* L, LdCollector& c) {
    if (lua_type(L, -1) != LUA_TTABLE || (c.jobs_only && !is_job_posting(L))) {
        lua_pop(L, 1);
        return;
    }
    if (static_cast<std::size_t>(c.count) >= kMaxJsonLdItems) {
        lua_pop(L, 1);
        if (!c.overflowed) {
            c.overflowed = true;
            lua_pushliteral(L, "html.json_ld: more than 10000 items; the rest were dropped");
            lua_rawseti(L, c.errors, ++c.error_count);
        }
        return;
    }
    lua_rawseti(L, c.items, ++c.count);
}

// Adds the items of an object's "@graph" list; false (stack unchanged) when it has none.
bool add_graph(lua_State* L, LdCollector& c) {
    // stack: ..., object
    if (raw_field(L, -1, "@graph") != LUA_TTABLE) {
        lua_pop(L, 1);
        return false;
    }
    for (lua_Integer i = 1; lua_rawgeti(L, -1, i) != LUA_TNIL; ++i) {
        add_item(L, c);
    }
    lua_pop(L, 2);  // the nil, the graph
    return true;
}

// Pops a decoded block: top-level lists and "@graph" lists are flattened one level.
void add_block(lua_State* L, LdCollector& c) {
    if (lua_type(L, -1) != LUA_TTABLE) {
        lua_pop(L, 1);
        return;
    }
    if (add_graph(L, c)) {
        lua_pop(L, 1);
        return;
    }
    if (lua_rawgeti(L, -1, 1) != LUA_TNIL) {
        lua_pop(L, 1);
        // a list
        for (lua_Integer i = 1; lua_rawgeti(L, -1, i) != LUA_TNIL; ++i) {
            if (lua_type(L, -1) == LUA_TTABLE && add_graph(L, c)) {
                lua_pop(L, 1);
            } else {
                add_item(L, c);
            }
        }
        lua_pop(L, 2);  // the nil, the list
        return;
    }
    lua_pop(L, 1);
    add_item(L, c);
}

int json_ld(lua_State* L, bool jobs_only) {
    lua_settop(L, 1);
    auto& box = push_box<WorkBox>(L);
    if (auto* handle = static_cast<DocumentHandle*>(luaL_testudata(L, 1, kDocumentType))) {
        if (handle->doc == nullptr) {
            return luaL_error(L, "html: the document was already freed");
        }
        ld_blocks_from_document(*handle->doc, box.blocks);
    } else {
        std::string_view text = check_text(L, 1);
        if (text.size() > kMaxInputBytes) {
            return push_oversized(L, jobs_only ? "html.job_postings" : "html.json_ld", text.size(),
                                  kMaxInputBytes);
        }
        ld_blocks_from_text(text, box.blocks);
    }
    luaL_checkstack(L, 8, "html.json_ld");
    lua_newtable(L);
    lua_newtable(L);
    LdCollector c{lua_gettop(L) - 1, lua_gettop(L)};
    c.jobs_only = jobs_only;
    lua_Integer block_number = 0;
    for (const std::string& block : box.blocks) {
        ++block_number;
        if (!push_json_decoded(L, block)) {
            // stack: ..., items, errors, message
            lua_pushfstring(L, "%s: script block %I: %s",
                            jobs_only ? "html.job_postings" : "html.json_ld", block_number,
                            lua_tostring(L, -1));
            lua_rawseti(L, c.errors, ++c.error_count);
            lua_pop(L, 1);
            continue;
        }
        add_block(L, c);
    }
    // stack: arg, box, items, errors
    return 2;
}

int html_json_ld(lua_State* L) {
    return json_ld(L, false);
}
int html_job_postings(lua_State* L) {
    return json_ld(L, true);
}

const luaL_Reg kHtmlFunctions[] = {
    {"to_text", guarded<html_to_text>},
    {"unescape", guarded<html_unescape>},
    {"strip", guarded<html_strip>},
    {"parse", guarded<html_parse>},
    {"select", guarded<html_select>},
    {"json_ld", guarded<html_json_ld>},
    {"job_postings", guarded<html_job_postings>},
    {nullptr, nullptr},
};

}  // namespace

int open_html_module(lua_State* L) {
    new_module(L, kHtmlFunctions);
    return 1;
}

}  // namespace gigscout::plugin_modules
