#include "plugin_host/modules/feed_parse.h"

#include <array>
#include <cctype>
#include <span>
#include <unordered_map>

#include "base/utf8.h"
#include "plugin_host/modules/html_entities.h"
#include "plugin_host/modules/text_ops.h"
#include "plugin_host/modules/time_parse.h"
#include "plugin_host/modules/url_parts.h"

namespace gigscout::feed {

const char* text_type_name(TextType type) {
    switch (type) {
        case TextType::Html:
            return "html";
        case TextType::Xhtml:
            return "xhtml";
        case TextType::Text:
            break;
    }
    return "text";
}

namespace {

// The namespaces whose elements are read, each under the one prefix the code below matches,
// whatever prefix a document binds it to (XML Namespaces make the prefix arbitrary:
// <r:item>, <a10:updated>). RSS 0.90 and 1.0, and the RSS 2.0 namespaces a few feeds declare,
// map to no prefix: their elements read as RSS 2.0's unprefixed ones.
struct KnownNamespace {
    std::string_view uri;
    std::string_view prefix;
};
constexpr std::array<KnownNamespace, 10> kKnownNamespaces{{
    {"http://purl.org/rss/1.0/", ""},
    {"http://my.netscape.com/rdf/simple/0.9/", ""},
    {"http://backend.userland.com/rss2", ""},
    {"http://blogs.law.harvard.edu/tech/rss", ""},
    {"http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf"},
    {"http://www.w3.org/2005/Atom", "atom"},
    {"http://purl.org/atom/ns#", "atom"},  // Atom 0.3
    {"http://purl.org/dc/elements/1.1/", "dc"},
    {"http://purl.org/dc/terms/", "dcterms"},
    {"http://purl.org/rss/1.0/modules/content/", "content"},
}};

// Publication and modification dates by precedence: the format's own element first, then
// Atom's (in RSS), then Dublin Core's. The first that parses is taken.
constexpr std::array<std::string_view, 8> kPublishedDates{
    "pubDate", "atom:published", "atom:issued",     "atom:created",
    "dc:date", "dcterms:issued", "dcterms:created", "dcterms:date",
};
constexpr std::array<std::string_view, 5> kUpdatedDates{
    "atom:updated", "atom:modified", "dcterms:modified", "dc:modified", "updated",
};

std::string_view local_name(std::string_view name) {
    std::size_t colon = name.rfind(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string_view attr(const xml::Element& e, std::string_view name) {
    for (const auto& [k, v] : e.attrs) {
        if (k == name) {
            return v;
        }
    }
    return {};
}

void set_once(std::optional<std::string>& field, std::string value) {
    if (!field && !value.empty()) {
        field = std::move(value);
    }
}

std::optional<std::string> decode_base64_text(std::string_view s) {
    std::string out;
    out.reserve(s.size() / 4 * 3);
    std::uint32_t acc = 0;
    int bits = 0;
    bool padding = false;
    for (char c : s) {
        int v;
        if (c >= 'A' && c <= 'Z') {
            v = c - 'A';
        } else if (c >= 'a' && c <= 'z') {
            v = c - 'a' + 26;
        } else if (c >= '0' && c <= '9') {
            v = c - '0' + 52;
        } else if (c == '+') {
            v = 62;
        } else if (c == '/') {
            v = 63;
        } else if (c == '=') {
            padding = true;
            continue;
        } else if (std::isspace(static_cast<unsigned char>(c)) != 0) {
            continue;
        } else {
            return std::nullopt;
        }
        if (padding) {
            return std::nullopt;  // data after '='
        }
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((acc >> bits) & 0xFF);
        }
    }
    return out;
}

// RSS does not say whether a title is text or HTML. Like mature feed readers, it is taken as
// HTML when it holds an end tag, a <br> or a character reference ("&amp;", "&#39;"); a bare
// "<" ("C++ <Senior> Engineer", escaped once in the XML) stays literal text.
bool looks_like_html(std::string_view s) {
    auto alpha = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
    auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
    for (std::size_t i = s.find_first_of("<&"); i != std::string_view::npos;
         i = s.find_first_of("<&", i + 1)) {
        std::size_t j = i + 1;
        if (s[i] == '<') {
            if (s.compare(i, 3, "<br") == 0 && i + 3 < s.size() &&
                (s[i + 3] == '>' || s[i + 3] == '/' || s[i + 3] == ' ')) {
                return true;
            }
            if (j + 1 < s.size() && s[j] == '/' && alpha(s[j + 1])) {
                j += 2;
                while (j < s.size() && alnum(s[j])) {
                    ++j;
                }
                if (j < s.size() && s[j] == '>') {
                    return true;
                }
            }
            continue;
        }
        if (j < s.size() && s[j] == '#') {
            ++j;
            bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
            j += hex ? 1 : 0;
            std::size_t digits = j;
            while (j < s.size() && j - digits < 8 &&
                   (hex ? std::isxdigit(static_cast<unsigned char>(s[j])) != 0
                        : std::isdigit(static_cast<unsigned char>(s[j])) != 0)) {
                ++j;
            }
            if (j > digits && j < s.size() && s[j] == ';') {
                return true;
            }
            continue;
        }
        while (j < s.size() && j - i <= 32 && alnum(s[j])) {
            ++j;
        }
        if (j > i + 1 && j < s.size() && s[j] == ';' &&
            html::named_entity(s.substr(i + 1, j - i - 1))) {
            return true;
        }
    }
    return false;
}

struct TextValue {
    std::string value;
    TextType type = TextType::Text;
};

void set_once(std::optional<std::string>& field, TextType& type, TextValue v) {
    if (!field && !v.value.empty()) {
        field = std::move(v.value);
        type = v.type;
    }
}

// One pass over a document: element names by namespace, xml:base, text constructs. Each
// element's own attributes are scanned at most once, and lookups walk up the (depth-limited)
// ancestors, so a root with many declarations costs once, not once per item.
class Reader {
  public:
    Reader(const xml::Document& doc, std::int64_t now, std::string_view base)
        : doc_(doc), now_(now) {
        if (!base.empty()) {
            document_base_ = std::string(base);
        }
    }

    const xml::Document& doc() const { return doc_; }

    // The name the code matches: "title" for RSS's own elements (unprefixed, or in the RSS
    // 0.90/1.0 namespace under any prefix), "atom:link", "dc:date", ... for the known
    // namespaces under any prefix, and the name as written for everything else.
    std::string name_of(std::uint32_t index) {
        const std::string& name = doc_.at(index).name;
        std::size_t colon = name.find(':');
        std::string_view prefix = colon == std::string::npos
                                      ? std::string_view()
                                      : std::string_view(name).substr(0, colon);
        std::string_view uri = namespace_uri(index, prefix);
        for (const KnownNamespace& ns : kKnownNamespaces) {
            if (!uri.empty() && ns.uri == uri) {
                std::string_view local = local_name(name);
                return ns.prefix.empty() ? std::string(local)
                                         : std::string(ns.prefix) + ":" + std::string(local);
            }
        }
        return name;
    }

    // The value of the attribute `local` in the namespace known as `prefix` (any prefix the
    // document binds to it), e.g. ("rdf", "about") for rdf:about.
    std::string_view ns_attr(std::uint32_t index, std::string_view prefix, std::string_view local) {
        for (const auto& [k, v] : doc_.at(index).attrs) {
            std::size_t colon = k.find(':');
            if (colon == std::string::npos || std::string_view(k).substr(colon + 1) != local) {
                continue;
            }
            std::string_view uri = namespace_uri(index, std::string_view(k).substr(0, colon));
            for (const KnownNamespace& ns : kKnownNamespaces) {
                if (ns.uri == uri && ns.prefix == prefix) {
                    return v;
                }
            }
        }
        return {};
    }

    // `link` resolved against the xml:base in effect at `index` (its own, its ancestors',
    // relative ones against the document's address); as written when no absolute base is known.
    std::string resolve_link(std::uint32_t index, std::string link) {
        std::optional<std::string> base = base_at(index);
        if (!base || link.empty()) {
            return link;
        }
        auto resolved = url::resolve(*base, link);
        return resolved.ok() ? std::move(resolved).value() : link;
    }

    // Text of an element, trimmed; type="xhtml" gives the markup back.
    std::string plain_text(std::uint32_t index) const {
        const xml::Element& e = doc_.at(index);
        if (attr(e, "type") == "xhtml") {
            return std::string(text::trim(doc_.inner_xml(index)));
        }
        if (e.children.empty()) {
            return std::string(text::trim(e.text));  // all its text is its own: no gathering copy
        }
        return std::string(text::trim(doc_.text_of(index)));
    }

    // An Atom text construct. Atom 1.0 names the type ("text", "html", "xhtml"); Atom 0.3 gives
    // a MIME type and a mode ("xml", "escaped", "base64"). A MIME type that is neither text
    // nor XML means base64 (RFC 4287 4.1.3.3, for content; feeds use it on titles too); what
    // does not decode to UTF-8 text (an image) is dropped.
    TextValue atom_text(std::uint32_t index) const {
        const xml::Element& e = doc_.at(index);
        std::string_view type = attr(e, "type");
        std::string_view mode = attr(e, "mode");
        bool html = type == "html" || type == "text/html";
        bool xhtml = type == "xhtml" || type == "application/xhtml+xml";
        bool binary_type = type.find('/') != std::string_view::npos &&
                           type.substr(0, 5) != "text/" && !type.ends_with("+xml") &&
                           !type.ends_with("/xml");
        if (mode == "base64" || (mode.empty() && binary_type)) {
            auto bytes = decode_base64_text(doc_.text_of(index));
            if (!bytes || !utf8::is_valid(*bytes)) {
                return {};
            }
            return {std::string(text::trim(*bytes)),
                    html || xhtml ? TextType::Html : TextType::Text};
        }
        if (mode == "escaped") {
            return {plain_text(index), html || xhtml ? TextType::Html : TextType::Text};
        }
        // Markup inline: XHTML, or Atom 0.3's text/html in mode "xml"
        if (xhtml || (html && !e.children.empty())) {
            return {std::string(text::trim(doc_.inner_xml(index))), TextType::Xhtml};
        }
        return {plain_text(index), html ? TextType::Html : TextType::Text};
    }

    // An RSS element's text: `markup` for description and content, which RSS defines as
    // (entity-encoded) HTML; a title is HTML only when it looks like it.
    TextValue rss_text(std::uint32_t index, bool markup) const {
        if (attr(doc_.at(index), "type") == "xhtml") {
            return {plain_text(index), TextType::Xhtml};
        }
        std::string value = plain_text(index);
        bool html = markup || looks_like_html(value);
        return {std::move(value), html ? TextType::Html : TextType::Text};
    }

    std::optional<std::int64_t> parse_date(const std::string& raw) const {
        auto t = timeparse::parse(raw, now_);
        return t.ok() ? std::optional<std::int64_t>(t.value()) : std::nullopt;
    }

  private:
    struct Own {
        // prefix ("" = default) -> URI; hashed, since a root may declare thousands
        std::unordered_map<std::string_view, std::string_view> namespaces;
        const std::string* base = nullptr;  // its xml:base
    };

    const Own& own(std::uint32_t index) {
        static const Own kNone;
        if (doc_.at(index).attrs.empty()) {
            return kNone;  // most elements: nothing to remember
        }
        auto [it, inserted] = own_.try_emplace(index);
        if (inserted) {
            for (const auto& [k, v] : doc_.at(index).attrs) {
                if (k == "xmlns") {
                    it->second.namespaces.emplace(std::string_view(), v);
                } else if (k.compare(0, 6, "xmlns:") == 0) {
                    it->second.namespaces.emplace(std::string_view(k).substr(6), v);
                } else if (k == "xml:base" && it->second.base == nullptr) {
                    it->second.base = &v;
                }
            }
        }
        return it->second;
    }

    std::string_view namespace_uri(std::uint32_t index, std::string_view prefix) {
        for (std::uint32_t i = index; i != xml::kNoParent; i = doc_.at(i).parent) {
            const auto& declared = own(i).namespaces;
            if (auto found = declared.find(prefix); found != declared.end()) {
                return found->second;
            }
        }
        return {};
    }

    std::optional<std::string> base_at(std::uint32_t index) {
        // The xml:base carriers from `index` up, to the first whose base is already known.
        std::vector<std::uint32_t> chain;
        std::optional<std::string> base = document_base_;
        for (std::uint32_t i = index; i != xml::kNoParent; i = doc_.at(i).parent) {
            if (own(i).base == nullptr) {
                continue;
            }
            if (auto known = resolved_bases_.find(i); known != resolved_bases_.end()) {
                base = known->second;
                break;
            }
            chain.push_back(i);
        }
        for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
            base = combine(base, *own(*it).base);
            resolved_bases_[*it] = base;
        }
        return base;
    }

    static std::optional<std::string> combine(const std::optional<std::string>& base,
                                              const std::string& ref) {
        auto parts = url::parse(ref);
        if (!parts.ok()) {
            return base;  // an unreadable xml:base is ignored
        }
        if (parts.value().scheme) {
            return url::compose(parts.value());
        }
        if (!base) {
            return std::nullopt;
        }
        auto resolved = url::resolve(*base, ref);
        return resolved.ok() ? std::optional<std::string>(std::move(resolved).value()) : base;
    }

    const xml::Document& doc_;
    std::int64_t now_;
    std::optional<std::string> document_base_;
    std::unordered_map<std::uint32_t, Own> own_;
    std::unordered_map<std::uint32_t, std::optional<std::string>> resolved_bases_;
};

void add_extra(Reader& r, Item& item, std::uint32_t index) {
    const xml::Element& e = r.doc().at(index);
    for (const auto& [k, v] : item.extra) {
        if (k == e.name) {
            return;
        }
    }
    std::string value = r.plain_text(index);
    if (value.empty()) {
        value = std::string(attr(e, "url"));
    }
    if (value.empty()) {
        value = std::string(attr(e, "href"));
    }
    if (!value.empty()) {
        item.extra.emplace_back(e.name, std::move(value));
    }
}

// An item's dates by the name the Reader gives them; the first of each name wins.
class Dates {
  public:
    bool add(const std::string& name, Reader& r, std::uint32_t index) {
        bool is_date = false;
        for (std::string_view n : kPublishedDates) {
            is_date = is_date || n == name;
        }
        for (std::string_view n : kUpdatedDates) {
            is_date = is_date || n == name;
        }
        if (!is_date) {
            return false;
        }
        for (const auto& [k, v] : dates_) {
            if (k == name) {
                return true;
            }
        }
        dates_.emplace_back(name, r.plain_text(index));
        return true;
    }

    template <std::size_t N>
    void pick(const Reader& r, const std::array<std::string_view, N>& order,
              std::optional<std::int64_t>& epoch, std::optional<std::string>& raw) const {
        for (std::string_view name : order) {
            for (const auto& [k, v] : dates_) {
                if (k != name || v.empty()) {
                    continue;
                }
                if (auto t = r.parse_date(v)) {
                    epoch = t;
                    raw = v;
                    return;
                }
                set_once(raw, v);
            }
        }
    }

  private:
    std::vector<std::pair<std::string, std::string>> dates_;
};

// Date elements that `extra` held before they were read as dates stay there, so plugins that
// read them from `extra` keep working (the shape only grows).
bool date_kept_in_extra(const std::string& name, bool atom) {
    constexpr std::array<std::string_view, 5> kRssDates{"pubDate", "dc:date", "atom:updated",
                                                        "dc:modified", "updated"};
    constexpr std::array<std::string_view, 4> kAtomDates{"atom:published", "atom:issued",
                                                         "atom:updated", "atom:modified"};
    for (std::string_view n : atom ? std::span<const std::string_view>(kAtomDates)
                                   : std::span<const std::string_view>(kRssDates)) {
        if (n == name) {
            return false;
        }
    }
    return true;
}

// Atom elements by the name the Reader gives them, with Atom documents that declare no
// namespace (some Atom 0.3 feeds) read the same: "title" is "atom:title" there.
std::string atom_name(Reader& r, std::uint32_t index) {
    std::string n = r.name_of(index);
    return n.find(':') == std::string::npos ? "atom:" + n : n;
}

// The link an Atom element points to: rel="alternate" (or no rel) first, else the first.
std::optional<std::string> atom_link(Reader& r, std::uint32_t parent) {
    std::optional<std::string> first;
    for (std::uint32_t c : r.doc().at(parent).children) {
        const xml::Element& e = r.doc().at(c);
        if (atom_name(r, c) != "atom:link" || attr(e, "href").empty()) {
            continue;
        }
        std::string_view rel = attr(e, "rel");
        if (rel.empty() || rel == "alternate") {
            return r.resolve_link(c, std::string(attr(e, "href")));
        }
        if (!first) {
            first = r.resolve_link(c, std::string(attr(e, "href")));
        }
    }
    return first;
}

Item rss_item(Reader& r, std::uint32_t index) {
    Item item;
    const xml::Document& doc = r.doc();
    const xml::Element& it = doc.at(index);
    std::optional<std::string> dc_creator, dc_title, atom_href;
    TextType dc_title_type = TextType::Text;
    Dates dates;
    for (std::uint32_t c : it.children) {
        const xml::Element& e = doc.at(c);
        const std::string n = r.name_of(c);
        if (n == "title") {
            set_once(item.title, item.title_type, r.rss_text(c, false));
        } else if (n == "dc:title") {
            set_once(dc_title, dc_title_type, r.rss_text(c, false));
        } else if (n == "link") {
            if (!item.link) {
                std::string link = r.plain_text(c);
                if (!link.empty()) {
                    item.link = r.resolve_link(c, std::move(link));
                }
            }
        } else if (n == "guid") {
            set_once(item.guid, r.plain_text(c));
        } else if (n == "description") {
            set_once(item.description, item.description_type, r.rss_text(c, true));
        } else if (n == "content:encoded") {
            set_once(item.content, item.content_type, r.rss_text(c, true));
        } else if (dates.add(n, r, c)) {
            if (date_kept_in_extra(n, false)) {
                add_extra(r, item, c);
            }
        } else if (n == "author") {
            set_once(item.author, r.plain_text(c));
        } else if (n == "dc:creator") {
            set_once(dc_creator, r.plain_text(c));
        } else if (n == "category" || n == "dc:subject") {
            std::string v = r.plain_text(c);
            if (!v.empty()) {
                item.categories.push_back(std::move(v));
            }
        } else if (n == "atom:link") {
            if (!atom_href && !attr(e, "href").empty()) {
                atom_href = r.resolve_link(c, std::string(attr(e, "href")));
            }
        } else {
            add_extra(r, item, c);
        }
    }
    if (!item.title) {
        item.title = std::move(dc_title);
        item.title_type = dc_title_type;
    }
    if (!item.link) {
        item.link = std::move(atom_href);
    }
    if (!item.author) {
        item.author = std::move(dc_creator);
    }
    if (!item.guid) {
        set_once(item.guid, std::string(r.ns_attr(index, "rdf", "about")));
    }
    dates.pick(r, kPublishedDates, item.published, item.published_raw);
    dates.pick(r, kUpdatedDates, item.updated, item.updated_raw);
    return item;
}

Item atom_entry(Reader& r, std::uint32_t index) {
    Item item;
    const xml::Document& doc = r.doc();
    const xml::Element& entry = doc.at(index);
    item.link = atom_link(r, index);
    std::optional<std::string> dc_title;
    TextType dc_title_type = TextType::Text;
    Dates dates;
    for (std::uint32_t c : entry.children) {
        const xml::Element& e = doc.at(c);
        std::string n = atom_name(r, c);
        if (n == "atom:title") {
            set_once(item.title, item.title_type, r.atom_text(c));
        } else if (n == "dc:title") {
            set_once(dc_title, dc_title_type, r.rss_text(c, false));
        } else if (n == "atom:link") {
        } else if (n == "atom:id") {
            set_once(item.guid, r.plain_text(c));
        } else if (n == "atom:summary") {
            set_once(item.description, item.description_type, r.atom_text(c));
        } else if (n == "atom:content") {
            set_once(item.content, item.content_type, r.atom_text(c));
        } else if (dates.add(n, r, c)) {
            if (date_kept_in_extra(n, true)) {
                add_extra(r, item, c);
            }
        } else if (n == "atom:author") {
            for (std::string_view want : {"atom:name", "atom:email"}) {
                for (std::uint32_t a : e.children) {
                    if (!item.author && atom_name(r, a) == want) {
                        set_once(item.author, r.plain_text(a));
                    }
                }
            }
        } else if (n == "atom:category") {
            std::string term(attr(e, "term"));
            if (term.empty()) {
                term = std::string(attr(e, "label"));
            }
            if (!term.empty()) {
                item.categories.push_back(std::move(term));
            }
        } else {
            add_extra(r, item, c);
        }
    }
    if (!item.title) {
        item.title = std::move(dc_title);
        item.title_type = dc_title_type;
    }
    dates.pick(r, kPublishedDates, item.published, item.published_raw);
    dates.pick(r, kUpdatedDates, item.updated, item.updated_raw);
    return item;
}

Status add_item(Feed& feed, Item item) {
    if (feed.items.size() >= kMaxItems) {
        return Error{"feed: more than " + std::to_string(kMaxItems) + " items"};
    }
    feed.items.push_back(std::move(item));
    return Ok{};
}

void channel_fields(Feed& feed, Reader& r, std::uint32_t channel) {
    std::optional<std::string> atom_href;
    for (std::uint32_t c : r.doc().at(channel).children) {
        const xml::Element& e = r.doc().at(c);
        std::string n = r.name_of(c);
        if (n == "title") {
            set_once(feed.title, feed.title_type, r.rss_text(c, false));
        } else if (n == "link") {
            if (!feed.link) {
                std::string link = r.plain_text(c);
                if (!link.empty()) {
                    feed.link = r.resolve_link(c, std::move(link));
                }
            }
        } else if (n == "description") {
            set_once(feed.description, feed.description_type, r.rss_text(c, true));
        } else if (n == "atom:link" && !attr(e, "href").empty() && !atom_href) {
            atom_href = r.resolve_link(c, std::string(attr(e, "href")));
        }
    }
    if (!feed.link) {
        feed.link = std::move(atom_href);
    }
}

std::optional<std::uint32_t> child_by_local_name(const xml::Document& doc, std::uint32_t parent,
                                                 std::string_view name) {
    for (std::uint32_t c : doc.at(parent).children) {
        if (local_name(doc.at(c).name) == name) {
            return c;
        }
    }
    return std::nullopt;
}

}  // namespace

Result<Feed> from_document(const xml::Document& doc, std::int64_t now, std::string_view base) {
    if (!base.empty()) {
        auto parts = url::parse(base);
        if (!parts.ok() || !parts.value().scheme) {
            return Error{"feed: the document address \"" + std::string(base.substr(0, 200)) +
                         "\" is not an absolute URL"};
        }
    }
    Reader r(doc, now, base);
    const xml::Element& root = doc.root();
    std::string_view root_name = local_name(root.name);
    Feed feed;
    if (root_name == "rss" || root_name == "RDF") {
        feed.kind = root_name == "rss" ? "rss" : "rdf";
        std::optional<std::uint32_t> channel = child_by_local_name(doc, 0, "channel");
        if (channel) {
            channel_fields(feed, r, *channel);
        }
        // RSS 2.0 items live in <channel>; RSS 1.0 (and some 0.9x) items beside it.
        for (std::optional<std::uint32_t> parent : {channel, std::optional<std::uint32_t>(0)}) {
            if (!parent) {
                continue;
            }
            for (std::uint32_t c : doc.at(*parent).children) {
                if (local_name(doc.at(c).name) == "item") {
                    if (Status s = add_item(feed, rss_item(r, c)); !s.ok()) {
                        return s.error();
                    }
                }
            }
        }
        return feed;
    }
    if (root_name == "feed") {
        feed.kind = "atom";
        for (std::uint32_t c : root.children) {
            std::string n = atom_name(r, c);
            if (n == "atom:title") {
                set_once(feed.title, feed.title_type, r.atom_text(c));
            } else if (n == "atom:subtitle" || n == "atom:tagline") {
                set_once(feed.description, feed.description_type, r.atom_text(c));
            } else if (n == "atom:entry") {
                if (Status s = add_item(feed, atom_entry(r, c)); !s.ok()) {
                    return s.error();
                }
            }
        }
        feed.link = atom_link(r, 0);
        return feed;
    }
    return Error{"feed: the root element is <" + root.name.substr(0, 64) +
                 ">, not <rss>, <feed> (Atom) or <rdf:RDF>"};
}

Result<Feed> parse(std::string_view text, std::int64_t now, std::string_view base) {
    auto doc = xml::parse(text);
    if (!doc.ok()) {
        return Error{"feed: " + doc.error().message};
    }
    return from_document(doc.value(), now, base);
}

}  // namespace gigscout::feed
