#include "plugin_host/modules/xml_tree.h"

#include <expat.h>

#include <cctype>
#include <cstring>
#include <memory>

#include "base/ascii.h"
#include "base/utf8.h"
#include "plugin_host/modules/html_entities.h"
#include "plugin_host/modules/memory_budget.h"

namespace gigscout::xml {
namespace {

struct ParserDeleter {
    void operator()(XML_ParserStruct* p) const { XML_ParserFree(p); }
};
using Parser = std::unique_ptr<XML_ParserStruct, ParserDeleter>;

struct Builder {
    explicit Builder(const Limits& l) : limits(l) {}
    const Limits& limits;
    XML_Parser parser = nullptr;
    Document doc;
    std::vector<std::uint32_t> open;
    std::string error;           // set when a handler stopped the parser
    bool out_of_memory = false;  // a handler was refused memory (nothing allocated to say so)

    void stop(std::string message) {
        if (error.empty()) {
            error = std::move(message);
        }
        XML_StopParser(parser, XML_FALSE);
    }
};

void on_start_unguarded(void* data, const XML_Char* name, const XML_Char** attrs) {
    auto& b = *static_cast<Builder*>(data);
    if (!b.error.empty()) {
        return;
    }
    if (b.open.size() >= static_cast<std::size_t>(b.limits.max_depth)) {
        b.stop("elements nested deeper than " + std::to_string(b.limits.max_depth));
        return;
    }
    if (b.doc.elements.size() >= b.limits.max_elements) {
        b.stop("more than " + std::to_string(b.limits.max_elements) + " elements");
        return;
    }
    auto index = static_cast<std::uint32_t>(b.doc.elements.size());
    Element e;
    e.name = name;
    for (const XML_Char** a = attrs; a[0] != nullptr; a += 2) {
        e.attrs.emplace_back(a[0], a[1]);
    }
    if (!b.open.empty()) {
        Element& parent = b.doc.elements[b.open.back()];
        e.parent = b.open.back();
        e.text_offset = parent.text.size();
        e.position = static_cast<std::uint32_t>(parent.children.size());
        parent.children.push_back(index);
    }
    b.doc.elements.push_back(std::move(e));
    b.open.push_back(index);
}

void XMLCALL on_end(void* data, const XML_Char*) {
    auto& b = *static_cast<Builder*>(data);
    if (!b.open.empty()) {
        b.open.pop_back();
    }
}

void on_text_unguarded(void* data, const XML_Char* s, int len) {
    auto& b = *static_cast<Builder*>(data);
    if (!b.open.empty() && b.error.empty()) {
        b.doc.elements[b.open.back()].text.append(s, static_cast<std::size_t>(len));
    }
}

void on_doctype_unguarded(void* data, const XML_Char*, const XML_Char*, const XML_Char*,
                          int has_internal_subset) {
    auto& b = *static_cast<Builder*>(data);
    if (has_internal_subset) {
        b.stop("a DOCTYPE with an internal subset (entity declarations) is refused");
    }
}

void on_entity_decl_unguarded(void* data, const XML_Char* name, int, const XML_Char*, int,
                              const XML_Char*, const XML_Char*, const XML_Char*, const XML_Char*) {
    auto& b = *static_cast<Builder*>(data);
    b.stop(std::string("entity declarations are refused (\"") + name + "\")");
}

// Reached for references to entities an unread external DTD might define ("&nbsp;" under an
// XHTML or RSS 0.91 DOCTYPE): HTML's meaning when it has one, else the reference as text.
void on_skipped_entity_unguarded(void* data, const XML_Char* name, int is_parameter_entity) {
    auto& b = *static_cast<Builder*>(data);
    if (is_parameter_entity || b.open.empty() || !b.error.empty()) {
        return;
    }
    std::string& text = b.doc.elements[b.open.back()].text;
    if (auto known = html::named_entity(name)) {
        text += *known;
    } else {
        text += '&';
        text += name;
        text += ';';
    }
}

// windows-1252 (which feeds declare as "windows-1252" or "cp1252"): ISO-8859-1 except for
// 0x80-0x9F; the five unassigned bytes map to U+FFFD.
constexpr int kCp1252High[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

int XMLCALL on_unknown_encoding(void*, const XML_Char* name, XML_Encoding* info) {
    if (std::strlen(name) > 12) {  // longer than any name below; no allocation for hostile ones
        return XML_STATUS_ERROR;
    }
    std::string n = ascii::to_lower(name);
    if (n != "windows-1252" && n != "cp1252" && n != "x-cp1252") {
        return XML_STATUS_ERROR;
    }
    for (int i = 0; i < 256; ++i) {
        info->map[i] = i >= 0x80 && i < 0xA0 ? kCp1252High[i - 0x80] : i;
    }
    info->data = nullptr;
    info->convert = nullptr;
    info->release = nullptr;
    return XML_STATUS_OK;
}

// The document with references to entities XML does not define rewritten: "&nbsp;" as
// "&#160;", unknown names as "&amp;name;" (so they read as text). CDATA sections, comments and
// processing instructions are copied untouched.
std::string rewrite_undefined_entities(std::string_view s) {
    std::string out;
    out.reserve(s.size() + s.size() / 16);
    std::size_t i = 0;
    auto copy_through = [&](std::string_view close) {
        std::size_t end = s.find(close, i);
        end = end == std::string_view::npos ? s.size() : end + close.size();
        out.append(s.substr(i, end - i));
        i = end;
    };
    while (i < s.size()) {
        char c = s[i];
        if (c == '<') {
            if (s.compare(i, 9, "<![CDATA[") == 0) {
                copy_through("]]>");
            } else if (s.compare(i, 4, "<!--") == 0) {
                copy_through("-->");
            } else if (s.compare(i, 2, "<?") == 0) {
                copy_through("?>");
            } else {
                out += c;
                ++i;
            }
            continue;
        }
        if (c != '&' || (i + 1 < s.size() && s[i + 1] == '#')) {
            out += c;
            ++i;
            continue;
        }
        std::size_t end = i + 1;
        while (end < s.size() && end - i <= 32 &&
               (std::isalnum(static_cast<unsigned char>(s[end])) != 0)) {
            ++end;
        }
        std::string_view name = s.substr(i + 1, end - i - 1);
        if (end < s.size() && s[end] == ';' && !name.empty() && name != "amp" && name != "lt" &&
            name != "gt" && name != "quot" && name != "apos") {
            if (auto known = html::named_entity(name)) {
                // numeric references for each code point of the replacement
                for (std::size_t k = 0; k < known->size();) {
                    auto lead = static_cast<unsigned char>((*known)[k]);
                    std::size_t n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
                    unsigned cp = n == 1 ? lead : lead & (0xFF >> (n + 1));
                    for (std::size_t j = 1; j < n; ++j) {
                        cp = (cp << 6) | (static_cast<unsigned char>((*known)[k + j]) & 0x3F);
                    }
                    out += "&#" + std::to_string(cp) + ";";
                    k += n;
                }
            } else {
                out += "&amp;";
                out += name;
                out += ';';
            }
            i = end + 1;
            continue;
        }
        out += c;
        ++i;
    }
    return out;
}

// Expat is C: a std::bad_alloc (the memory budget refusing operator new) must not unwind
// through its frames. The handlers stop the parser instead.
template <auto Handler, class... Args>
void XMLCALL stop_on_bad_alloc(void* data, Args... args) {
    try {
        Handler(data, args...);
    } catch (const std::bad_alloc&) {
        auto& b = *static_cast<Builder*>(data);
        b.out_of_memory = true;
        XML_StopParser(b.parser, XML_FALSE);
    }
}

// Expat's own allocations count against the plugin's memory budget (memory_budget.h); a
// refusal is XML_ERROR_NO_MEMORY.
void* XMLCALL budget_malloc(std::size_t size) {
    return memory_budget::allocate(size, true);
}
void* XMLCALL budget_realloc(void* block, std::size_t size) {
    return memory_budget::reallocate(block, size, true);
}
void XMLCALL budget_free(void* block) {
    memory_budget::release(block);
}
const XML_Memory_Handling_Suite kBudgetMemory = {budget_malloc, budget_realloc, budget_free};

struct Attempt {
    Result<Document> result;
    bool undefined_entity;
};

Attempt parse_once(std::string_view text, const Limits& limits) {
    Parser parser(XML_ParserCreate_MM(nullptr, &kBudgetMemory, nullptr));
    if (!parser) {
        return {Error{"xml: cannot create a parser (out of memory)"}, false};
    }
    Builder b(limits);
    b.parser = parser.get();
    XML_SetUserData(parser.get(), &b);
    XML_SetElementHandler(parser.get(),
                          stop_on_bad_alloc<on_start_unguarded, const XML_Char*, const XML_Char**>,
                          on_end);
    XML_SetCharacterDataHandler(parser.get(),
                                stop_on_bad_alloc<on_text_unguarded, const XML_Char*, int>);
    XML_SetStartDoctypeDeclHandler(
        parser.get(), stop_on_bad_alloc<on_doctype_unguarded, const XML_Char*, const XML_Char*,
                                        const XML_Char*, int>);
    XML_SetEntityDeclHandler(
        parser.get(),
        stop_on_bad_alloc<on_entity_decl_unguarded, const XML_Char*, int, const XML_Char*, int,
                          const XML_Char*, const XML_Char*, const XML_Char*, const XML_Char*>);
    XML_SetSkippedEntityHandler(
        parser.get(), stop_on_bad_alloc<on_skipped_entity_unguarded, const XML_Char*, int>);
    XML_SetUnknownEncodingHandler(parser.get(), on_unknown_encoding, nullptr);
    // No external entity handler is ever set, so nothing outside the text is read.
    XML_SetParamEntityParsing(parser.get(), XML_PARAM_ENTITY_PARSING_NEVER);
    XML_Status status = XML_Parse(parser.get(), text.data(), static_cast<int>(text.size()), 1);
    if (b.out_of_memory ||
        (status != XML_STATUS_OK && XML_GetErrorCode(parser.get()) == XML_ERROR_NO_MEMORY)) {
        return {Error{"xml: not enough memory to parse the document"}, false};
    }
    if (!b.error.empty()) {
        return {Error{"xml: " + b.error}, false};
    }
    if (status != XML_STATUS_OK) {
        XML_Error code = XML_GetErrorCode(parser.get());
        return {Error{"xml: line " + std::to_string(XML_GetCurrentLineNumber(parser.get())) +
                      ", column " + std::to_string(XML_GetCurrentColumnNumber(parser.get()) + 1) +
                      ": " + XML_ErrorString(code)},
                code == XML_ERROR_UNDEFINED_ENTITY};
    }
    if (b.doc.elements.empty()) {
        return {Error{"xml: no root element"}, false};
    }
    // Expat validates the encoding; this is a second guard for everything handed on.
    for (Element& e : b.doc.elements) {
        if (!utf8::is_valid(e.text)) {
            e.text = utf8::sanitize(e.text);
        }
        for (auto& [k, v] : e.attrs) {
            if (!utf8::is_valid(v)) {
                v = utf8::sanitize(v);
            }
        }
    }
    return {std::move(b.doc), false};
}

void append_escaped(std::string& out, std::string_view s, bool attribute) {
    for (char c : s) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += attribute ? "&quot;" : "\"";
                break;
            default:
                out += c;
        }
    }
}

}  // namespace

const Element* Document::child(const Element& parent, std::string_view name) const {
    for (std::uint32_t c : parent.children) {
        if (elements[c].name == name) {
            return &elements[c];
        }
    }
    return nullptr;
}

std::string_view Document::tail(std::uint32_t index) const {
    const Element& e = elements[index];
    if (e.parent == kNoParent) {
        return {};
    }
    const Element& parent = elements[e.parent];
    std::size_t end = e.position + 1 < parent.children.size()
                          ? elements[parent.children[e.position + 1]].text_offset
                          : parent.text.size();
    return std::string_view(parent.text).substr(e.text_offset, end - e.text_offset);
}

// Both walks below are iterative (the depth limit keeps them shallow anyway) and visit each
// element once: for an element, its text up to each child's offset, then the child, and so on.
std::string Document::text_of(std::uint32_t index) const {
    std::string out;
    struct Frame {
        std::uint32_t element;
        std::size_t next_child;
        std::size_t text_pos;
    };
    std::vector<Frame> stack{{index, 0, 0}};
    while (!stack.empty()) {
        Frame& f = stack.back();
        const Element& e = elements[f.element];
        if (f.next_child < e.children.size()) {
            std::uint32_t ci = e.children[f.next_child++];
            std::size_t offset = elements[ci].text_offset;
            out.append(e.text, f.text_pos, offset - f.text_pos);
            f.text_pos = offset;
            stack.push_back({ci, 0, 0});
            continue;
        }
        out.append(e.text, f.text_pos);
        stack.pop_back();
    }
    return out;
}

std::string Document::inner_xml(std::uint32_t index) const {
    std::string out;
    struct Frame {
        std::uint32_t element;
        std::size_t next_child;
        std::size_t text_pos;
    };
    std::vector<Frame> stack{{index, 0, 0}};
    while (!stack.empty()) {
        Frame& f = stack.back();
        const Element& e = elements[f.element];
        if (f.next_child < e.children.size()) {
            std::uint32_t ci = e.children[f.next_child++];
            const Element& c = elements[ci];
            append_escaped(out,
                           std::string_view(e.text).substr(f.text_pos, c.text_offset - f.text_pos),
                           false);
            f.text_pos = c.text_offset;
            out += '<';
            out += c.name;
            for (const auto& [k, v] : c.attrs) {
                out += ' ';
                out += k;
                out += "=\"";
                append_escaped(out, v, true);
                out += '"';
            }
            out += '>';
            stack.push_back({ci, 0, 0});
            continue;
        }
        append_escaped(out, std::string_view(e.text).substr(f.text_pos), false);
        if (stack.size() > 1) {
            out += "</";
            out += e.name;
            out += '>';
        }
        stack.pop_back();
    }
    return out;
}

Result<Document> parse(std::string_view text, const Limits& limits) {
    if (text.size() > limits.max_bytes) {
        return Error{"xml: input is " + std::to_string(text.size()) + " bytes, more than the " +
                     std::to_string(limits.max_bytes) + "-byte limit"};
    }
    Attempt first = parse_once(text, limits);
    if (first.result.ok() || !first.undefined_entity) {
        return std::move(first.result);
    }
    // Feeds often use HTML entities without declaring them; read them as HTML's.
    std::string rewritten = rewrite_undefined_entities(text);
    if (rewritten.size() > limits.max_bytes + limits.max_bytes / 4) {
        return std::move(first.result);
    }
    Attempt second = parse_once(rewritten, limits);
    return std::move(second.result);
}

}  // namespace gigscout::xml
