#include "plugin_host/modules/html_document.h"

#include <algorithm>
#include <cstdlib>
#include <initializer_list>
#include <string>
#include <unordered_map>
#include <vector>

#include "plugin_host/modules/html_tokenizer.h"
#include "plugin_host/modules/memory_budget.h"

namespace gigscout::html {
namespace {

bool in(std::string_view name, std::initializer_list<std::string_view> set) {
    for (auto s : set) {
        if (s == name) {
            return true;
        }
    }
    return false;
}

bool is_void(std::string_view n) {
    return in(n, {"area",     "base", "basefont", "bgsound", "br",    "col",    "embed",
                  "frame",    "hr",   "image",    "img",     "input", "keygen", "link",
                  "menuitem", "meta", "param",    "source",  "track", "wbr",    "isindex"});
}

bool is_formatting(std::string_view n) {
    return in(n, {"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike",
                  "strong", "tt", "u"});
}

// HTML's "special" category: elements the adoption agency treats as blocks.
bool is_special(std::string_view n) {
    return in(
        n, {"address",  "applet",     "area",     "article",    "aside",    "base",     "basefont",
            "bgsound",  "blockquote", "body",     "br",         "button",   "caption",  "center",
            "col",      "colgroup",   "dd",       "details",    "dir",      "div",      "dl",
            "dt",       "embed",      "fieldset", "figcaption", "figure",   "footer",   "form",
            "frame",    "frameset",   "h1",       "h2",         "h3",       "h4",       "h5",
            "h6",       "head",       "header",   "hgroup",     "hr",       "html",     "iframe",
            "img",      "input",      "li",       "link",       "listing",  "main",     "marquee",
            "menu",     "meta",       "nav",      "noembed",    "noframes", "noscript", "object",
            "ol",       "p",          "param",    "plaintext",  "pre",      "script",   "section",
            "select",   "source",     "style",    "summary",    "table",    "tbody",    "td",
            "template", "textarea",   "tfoot",    "th",         "thead",    "title",    "tr",
            "track",    "ul",         "wbr",      "xmp"});
}

// Start tags that close an open <p> ("in button scope").
bool closes_p(std::string_view n) {
    return in(n, {"address", "article",   "aside", "blockquote", "center",     "details", "dialog",
                  "dir",     "div",       "dl",    "fieldset",   "figcaption", "figure",  "footer",
                  "header",  "hgroup",    "main",  "menu",       "nav",        "ol",      "p",
                  "section", "summary",   "ul",    "h1",         "h2",         "h3",      "h4",
                  "h5",      "h6",        "pre",   "listing",    "form",       "li",      "dd",
                  "dt",      "plaintext", "table", "hr",         "xmp"});
}

bool is_heading(std::string_view n) {
    return in(n, {"h1", "h2", "h3", "h4", "h5", "h6"});
}

// What the estimate needs to know about a tag name, worked out once per distinct name.
enum class Kind : std::uint8_t {
    Other,
    P,
    Li,
    DdDt,
    Tr,
    Cell,
    Section,
    Option,
    Heading,
    Foreign,
    ListBarrier,
    TableBarrier,
    ButtonScope,
    SelectBarrier
};

struct NameInfo {
    Kind kind = Kind::Other;
    bool is_void = false;
    bool formatting = false;
    bool special = false;
    bool closes_p = false;
    // Barriers: where the search for an open element to close implicitly stops.
    bool stops_li = false;      // ul ol menu table td th button
    bool stops_dd = false;      // dl table td th button
    bool stops_row = false;     // table (for tr, tbody...)
    bool stops_cell = false;    // tr table
    bool stops_option = false;  // select optgroup datalist
    bool stops_p = false;       // button scope
};

NameInfo describe(std::string_view n) {
    NameInfo i;
    i.is_void = is_void(n);
    i.formatting = is_formatting(n);
    i.special = is_special(n);
    i.closes_p = closes_p(n);
    i.stops_li = in(n, {"ul", "ol", "menu", "table", "td", "th", "button"});
    i.stops_dd = in(n, {"dl", "table", "td", "th", "button"});
    i.stops_row = n == "table";
    i.stops_cell = in(n, {"tr", "table"});
    i.stops_option = in(n, {"select", "optgroup", "datalist"});
    i.stops_p = in(n, {"applet", "caption", "html", "table", "td", "th", "marquee", "object",
                       "template", "button", "svg", "math"});
    if (n == "p") {
        i.kind = Kind::P;
    } else if (n == "li") {
        i.kind = Kind::Li;
    } else if (n == "dd" || n == "dt") {
        i.kind = Kind::DdDt;
    } else if (n == "tr") {
        i.kind = Kind::Tr;
    } else if (n == "td" || n == "th") {
        i.kind = Kind::Cell;
    } else if (in(n, {"tbody", "thead", "tfoot"})) {
        i.kind = Kind::Section;
    } else if (n == "option") {
        i.kind = Kind::Option;
    } else if (is_heading(n)) {
        i.kind = Kind::Heading;
    } else if (n == "svg" || n == "math") {
        i.kind = Kind::Foreign;
    }
    return i;
}

// An approximation of the parser's stack of open elements and list of active formatting
// elements, erring on the deep side, in time linear in the tags (scans stop at barriers, and
// a scan that finds its element pops what it passed).
class NestingEstimate {
  public:
    void start(const Token& t) {
        const NameInfo& info = info_of(t.name);
        if (!info.closes_p) {
            reopen();  // phrasing and other non-block tags: the parser rebuilds first
        }
        if (info.is_void || (foreign_ > 0 && t.self_closing)) {
            return;
        }
        close_implied(t.name, info);
        if (t.name == "a") {
            forget_formatting("a");  // a new <a> ends the previous one
        }
        push(t.name, info);
        if (info.formatting) {
            // The parser keeps at most three identical entries (the "Noah's Ark" clause).
            std::string key = t.name;
            for (const Attribute& a : t.attributes) {
                key += ' ';
                key += a.name;
                key += '=';
                key += a.value;
            }
            int& count = by_key_[key];
            if (count < 3) {
                ++count;
                keys_by_name_[t.name].push_back(std::move(key));
                ++active_;
            }
        }
        work_ += depth();
    }

    void end(const Token& t) {
        auto open = open_by_name_.find(t.name);
        const NameInfo& info = info_of(t.name);
        if (info.formatting) {
            auto it = keys_by_name_.find(t.name);
            if (it != keys_by_name_.end() && !it->second.empty()) {
                --by_key_[it->second.back()];
                it->second.pop_back();
                --active_;
            }
        }
        if (open == open_by_name_.end() || open->second == 0) {
            return;  // nothing to close: the parser ignores it
        }
        std::size_t i = stack_.size();
        while (i > 0 && stack_[i - 1].name != t.name) {
            --i;
        }
        std::size_t index = i - 1;
        if (info.formatting) {
            for (std::size_t k = index + 1; k < stack_.size(); ++k) {
                if (stack_[k].info->special) {
                    // The adoption agency keeps the block open and moves the formatting
                    // element inside it: the depth stays, the element is no longer open.
                    --open->second;
                    stack_[index].name.clear();
                    stack_[index].info = &info_of("");
                    return;
                }
            }
        }
        pop_to(index);
    }

    // Text makes the parser reopen the formatting elements closed around it.
    void text() { reopen(); }

    std::size_t depth() const { return stack_.size() + active_; }
    // Formatting elements the parser rebuilt ("reconstructed") so far, counted generously.
    std::uint64_t reopened() const { return reopened_; }
    // The sum of the depths at each start tag: what the parser's scope checks cost.
    std::uint64_t work() const { return work_; }

  private:
    struct Open {
        std::string name;
        const NameInfo* info;
    };

    const NameInfo& info_of(const std::string& name) {
        auto it = infos_.find(name);
        if (it == infos_.end()) {
            it = infos_.emplace(name, describe(name)).first;
        }
        return it->second;
    }

    void push(const std::string& name, const NameInfo& info) {
        stack_.push_back({name, &info});
        ++open_by_name_[name];
        ++kind_count_[static_cast<int>(info.kind)];
        if (info.kind == Kind::Foreign) {
            ++foreign_;
        }
    }

    // The rebuilt copies are open again (as nameless entries) until something closes them.
    void reopen() {
        std::size_t rebuilt = std::min<std::size_t>(closed_active_, active_);
        reopened_ += rebuilt;
        closed_active_ = 0;
        for (std::size_t k = 0; k < rebuilt; ++k) {
            stack_.push_back({std::string(), &rebuilt_info_});
        }
    }

    void pop_to(std::size_t index) {
        while (stack_.size() > index) {
            const Open& top = stack_.back();
            if (top.info == &rebuilt_info_) {
                ++closed_active_;
            } else if (!top.name.empty()) {
                --open_by_name_[top.name];
                if (top.info->formatting) {
                    auto keys = keys_by_name_.find(top.name);
                    if (keys != keys_by_name_.end() && !keys->second.empty()) {
                        ++closed_active_;  // closed, still active: the parser will rebuild it
                    }
                }
            }
            --kind_count_[static_cast<int>(top.info->kind)];
            if (top.info->kind == Kind::Foreign) {
                --foreign_;
            }
            stack_.pop_back();
        }
    }

    // Pops to the nearest open element of `kind` (or `kind2`) found before a barrier.
    void close_open(Kind kind, Kind kind2, bool NameInfo::*barrier) {
        if (kind_count_[static_cast<int>(kind)] == 0 && kind_count_[static_cast<int>(kind2)] == 0) {
            return;
        }
        for (std::size_t i = stack_.size(); i > 0; --i) {
            const NameInfo& e = *stack_[i - 1].info;
            if (e.kind == kind || e.kind == kind2) {
                pop_to(i - 1);
                return;
            }
            if (e.*barrier) {
                return;
            }
        }
    }

    void close_implied(const std::string& n, const NameInfo& info) {
        switch (info.kind) {
            case Kind::Li:
                close_open(Kind::Li, Kind::Li, &NameInfo::stops_li);
                break;
            case Kind::DdDt:
                close_open(Kind::DdDt, Kind::DdDt, &NameInfo::stops_dd);
                break;
            case Kind::Tr:
                close_open(Kind::Tr, Kind::Tr, &NameInfo::stops_row);
                break;
            case Kind::Cell:
                close_open(Kind::Cell, Kind::Cell, &NameInfo::stops_cell);
                break;
            case Kind::Section:
                close_open(Kind::Section, Kind::Section, &NameInfo::stops_row);
                break;
            case Kind::Option:
                close_open(Kind::Option, Kind::Option, &NameInfo::stops_option);
                break;
            default:
                if (n == "optgroup") {
                    close_open(Kind::Option, Kind::Option, &NameInfo::stops_option);
                }
                break;
        }
        if (info.closes_p) {
            close_open(Kind::P, Kind::P, &NameInfo::stops_p);
        }
        if (info.kind == Kind::Heading && !stack_.empty() &&
            stack_.back().info->kind == Kind::Heading) {
            pop_to(stack_.size() - 1);
        }
    }

    void forget_formatting(const std::string& name) {
        auto it = keys_by_name_.find(name);
        if (it == keys_by_name_.end()) {
            return;
        }
        for (const std::string& key : it->second) {
            --by_key_[key];
            --active_;
        }
        it->second.clear();
    }

    // node-based map: the NameInfo addresses held in stack_ stay valid as it grows
    std::unordered_map<std::string, NameInfo> infos_;
    std::vector<Open> stack_;
    std::unordered_map<std::string, int> open_by_name_;
    int kind_count_[16] = {};
    std::unordered_map<std::string, int> by_key_;
    std::unordered_map<std::string, std::vector<std::string>> keys_by_name_;
    std::size_t active_ = 0;
    int foreign_ = 0;
    std::uint64_t work_ = 0;
    std::size_t closed_active_ = 0;
    const NameInfo rebuilt_info_{Kind::Other, false, true};
    std::uint64_t reopened_ = 0;
};

}  // namespace

struct alignas(16) Document::Block {
    Block* prev;
    Block* next;
    std::size_t size;
};

Status check_structure(std::string_view html, const DocumentLimits& limits) {
    Tokenizer tokenizer(html);
    Token token;
    NestingEstimate nesting;
    std::uint64_t attribute_work = 0;
    while (tokenizer.next(token)) {
        if (token.kind == TokenKind::StartTag) {
            if (token.name == "frameset") {
                return Error{"html: <frameset> documents are not supported"};
            }
            if (token.attribute_count > limits.max_attributes_per_tag) {
                return Error{"html: a <" + token.name.substr(0, 40) + "> tag has " +
                             std::to_string(token.attribute_count) + " attributes, more than " +
                             std::to_string(limits.max_attributes_per_tag)};
            }
            attribute_work += std::uint64_t{token.attribute_count} * token.attribute_count;
            if (attribute_work > limits.max_attribute_work) {
                return Error{
                    "html: too many attributes for the parser (tags with hundreds of "
                    "attributes)"};
            }
            nesting.start(token);
            if (nesting.depth() > limits.max_depth) {
                return Error{"html: markup nested deeper than " + std::to_string(limits.max_depth) +
                             " levels"};
            }
            if (nesting.work() > limits.max_nesting_work) {
                return Error{
                    "html: markup too deeply nested for its size (the parser's work "
                    "grows with depth times tags)"};
            }
        } else if (token.kind == TokenKind::EndTag) {
            nesting.end(token);
        } else if (token.kind == TokenKind::Text) {
            nesting.text();
        }
        if (nesting.reopened() > limits.max_reopened_formatting) {
            return Error{
                "html: too many formatting elements (<b>, <font>, ...) left open: the "
                "parser would rebuild them more than " +
                std::to_string(limits.max_reopened_formatting) + " times"};
        }
    }
    return Ok{};
}

Result<std::unique_ptr<Document>> Document::parse(std::string_view html,
                                                  const DocumentLimits& limits) {
    if (html.size() > limits.max_bytes) {
        return Error{"html: input is " + std::to_string(html.size()) + " bytes, more than the " +
                     std::to_string(limits.max_bytes) + "-byte limit"};
    }
    if (Status s = check_structure(html, limits); !s.ok()) {
        return s.error();
    }
    std::unique_ptr<Document> doc(new Document());
    doc->source_.assign(html);
    doc->max_memory_ = limits.max_memory;
    GumboOptions options = kGumboDefaultOptions;
    options.allocator = &Document::allocate;
    options.deallocator = &Document::deallocate;
    options.userdata = doc.get();
    options.max_errors = 100;  // errors are not reported; recording them only costs memory
    doc->output_ = doc->run(&options);
    if (doc->output_ == nullptr && doc->budget_refused_) {
        return Error{"html: not enough memory (the plugin's memory limit)"};
    }
    if (doc->output_ == nullptr) {
        return Error{"html: the document needs more than " +
                     std::to_string(limits.max_memory >> 20) + " MiB to parse"};
    }
    return doc;
}

// Kept apart so the frame that calls setjmp holds nothing with a destructor.
GumboOutput* Document::run(const GumboOptions* options) {
    if (setjmp(over_limit_) != 0) {
        return nullptr;  // gumbo's state is abandoned; its blocks are freed by ~Document
    }
    return gumbo_parse_with_options(options, source_.data(), source_.size());
}

void* Document::allocate(void* userdata, std::size_t size) {
    auto* doc = static_cast<Document*>(userdata);
    if (size > doc->max_memory_ - doc->allocated_) {
        std::longjmp(doc->over_limit_, 1);
    }
    // The tree counts against the plugin's memory budget for as long as the document lives
    // (an html.parse handle too); the budget's refusal ends the parse like the cap above.
    if (!memory_budget::try_charge(sizeof(Block) + size)) {
        doc->budget_refused_ = true;
        std::longjmp(doc->over_limit_, 1);
    }
    void* raw = std::malloc(sizeof(Block) + size);
    if (raw == nullptr) {
        memory_budget::credit(sizeof(Block) + size);
        std::longjmp(doc->over_limit_, 1);
    }
    auto* block = static_cast<Block*>(raw);
    block->prev = nullptr;
    block->next = doc->blocks_;
    block->size = size;
    if (doc->blocks_ != nullptr) {
        doc->blocks_->prev = block;
    }
    doc->blocks_ = block;
    doc->allocated_ += size;
    return block + 1;
}

void Document::deallocate(void* userdata, void* pointer) {
    if (pointer == nullptr) {
        return;
    }
    auto* doc = static_cast<Document*>(userdata);
    Block* block = static_cast<Block*>(pointer) - 1;
    if (block->prev != nullptr) {
        block->prev->next = block->next;
    } else {
        doc->blocks_ = block->next;
    }
    if (block->next != nullptr) {
        block->next->prev = block->prev;
    }
    doc->allocated_ -= block->size;
    memory_budget::credit(sizeof(Block) + block->size);
    std::free(block);
}

Document::~Document() {
    while (blocks_ != nullptr) {
        Block* next = blocks_->next;
        memory_budget::credit(sizeof(Block) + blocks_->size);
        std::free(blocks_);
        blocks_ = next;
    }
}

bool is_element(const GumboNode* node) {
    return node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE;
}

std::string tag_name(const GumboNode* node) {
    const GumboElement& e = node->v.element;
    std::string name;
    if (e.tag != GUMBO_TAG_UNKNOWN) {
        name = gumbo_normalized_tagname(e.tag);
    } else {
        GumboStringPiece piece = e.original_tag;
        if (piece.data != nullptr && piece.length >= 2) {  // "<x" at least, as gumbo asserts
            gumbo_tag_from_original_text(&piece);
            name.assign(piece.data, piece.length);
        }
    }
    for (char& c : name) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return name;
}

const char* attribute(const GumboNode* node, const char* name) {
    const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
    return a == nullptr ? nullptr : a->value;
}

}  // namespace gigscout::html
