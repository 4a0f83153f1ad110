#include "plugin_host/modules/feed_parse.h"

#include "plugin_host/modules/text_ops.h"
#include "plugin_host/modules/time_parse.h"

namespace gigscout::feed {
namespace {

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

// Text of an element, trimmed; Atom's type="xhtml" gives the markup back.
std::string text_value(const xml::Document& doc, std::uint32_t index) {
    const xml::Element& e = doc.at(index);
    if (attr(e, "type") == "xhtml") {
        return std::string(text::trim(doc.inner_xml(index)));
    }
    if (e.children.empty()) {
        return std::string(text::trim(e.text));  // all its text is its own: no gathering copy
    }
    return std::string(text::trim(doc.text_of(index)));
}

void set_once(std::optional<std::string>& field, std::string value) {
    if (!field && !value.empty()) {
        field = std::move(value);
    }
}

void add_extra(Item& item, const xml::Document& doc, std::uint32_t index) {
    const xml::Element& e = doc.at(index);
    for (const auto& [k, v] : item.extra) {
        if (k == e.name) {
            return;
        }
    }
    std::string value = text_value(doc, index);
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

std::optional<std::int64_t> parse_date(const std::optional<std::string>& raw, std::int64_t now) {
    if (!raw) {
        return std::nullopt;
    }
    auto t = timeparse::parse(*raw, now);
    return t.ok() ? std::optional<std::int64_t>(t.value()) : std::nullopt;
}

// The link an Atom element points to: rel="alternate" (or no rel) first, else the first.
std::optional<std::string> atom_link(const xml::Document& doc, const xml::Element& parent) {
    std::optional<std::string> first;
    for (std::uint32_t c : parent.children) {
        const xml::Element& e = doc.at(c);
        if (local_name(e.name) != "link" || attr(e, "href").empty()) {
            continue;
        }
        std::string_view rel = attr(e, "rel");
        if (rel.empty() || rel == "alternate") {
            return std::string(attr(e, "href"));
        }
        if (!first) {
            first = std::string(attr(e, "href"));
        }
    }
    return first;
}

Item rss_item(const xml::Document& doc, std::uint32_t index, std::int64_t now) {
    Item item;
    const xml::Element& it = doc.at(index);
    std::optional<std::string> dc_date, dc_creator;
    for (std::uint32_t c : it.children) {
        const xml::Element& e = doc.at(c);
        const std::string& n = e.name;
        if (n == "title") {
            set_once(item.title, text_value(doc, c));
        } else if (n == "link") {
            set_once(item.link, text_value(doc, c));
        } else if (n == "guid") {
            set_once(item.guid, text_value(doc, c));
        } else if (n == "description") {
            set_once(item.description, text_value(doc, c));
        } else if (n == "content:encoded") {
            set_once(item.content, text_value(doc, c));
        } else if (n == "pubDate") {
            set_once(item.published_raw, text_value(doc, c));
        } else if (n == "dc:date") {
            set_once(dc_date, text_value(doc, c));
        } else if (n == "atom:updated" || n == "dc:modified" || n == "updated") {
            set_once(item.updated_raw, text_value(doc, c));
        } else if (n == "author") {
            set_once(item.author, text_value(doc, c));
        } else if (n == "dc:creator") {
            set_once(dc_creator, text_value(doc, c));
        } else if (n == "category" || n == "dc:subject") {
            std::string v = text_value(doc, c);
            if (!v.empty()) {
                item.categories.push_back(std::move(v));
            }
        } else if (n == "atom:link" && !item.link) {
            set_once(item.link, std::string(attr(e, "href")));
        } else {
            add_extra(item, doc, c);
        }
    }
    if (!item.published_raw) {
        item.published_raw = std::move(dc_date);
    }
    if (!item.author) {
        item.author = std::move(dc_creator);
    }
    if (!item.guid) {
        set_once(item.guid, std::string(attr(it, "rdf:about")));
    }
    item.published = parse_date(item.published_raw, now);
    item.updated = parse_date(item.updated_raw, now);
    return item;
}

Item atom_entry(const xml::Document& doc, std::uint32_t index, std::int64_t now) {
    Item item;
    const xml::Element& entry = doc.at(index);
    item.link = atom_link(doc, entry);
    std::optional<std::string> issued, modified;
    for (std::uint32_t c : entry.children) {
        const xml::Element& e = doc.at(c);
        std::string_view n = local_name(e.name);
        if (n == "title") {
            set_once(item.title, text_value(doc, c));
        } else if (n == "link") {
        } else if (n == "id") {
            set_once(item.guid, text_value(doc, c));
        } else if (n == "summary") {
            set_once(item.description, text_value(doc, c));
        } else if (n == "content" && e.name.find(':') == std::string::npos) {
            set_once(item.content, text_value(doc, c));
        } else if (n == "published") {
            set_once(item.published_raw, text_value(doc, c));
        } else if (n == "issued") {
            set_once(issued, text_value(doc, c));
        } else if (n == "updated") {
            set_once(item.updated_raw, text_value(doc, c));
        } else if (n == "modified") {
            set_once(modified, text_value(doc, c));
        } else if (n == "author") {
            const xml::Element* name = doc.child(e, "name");
            if (name == nullptr) {
                name = doc.child(e, "email");
            }
            if (name != nullptr) {
                set_once(item.author,
                         text_value(doc, static_cast<std::uint32_t>(name - doc.elements.data())));
            }
        } else if (n == "category") {
            std::string term(attr(e, "term"));
            if (term.empty()) {
                term = std::string(attr(e, "label"));
            }
            if (!term.empty()) {
                item.categories.push_back(std::move(term));
            }
        } else {
            add_extra(item, doc, c);
        }
    }
    if (!item.published_raw) {
        item.published_raw = std::move(issued);
    }
    if (!item.updated_raw) {
        item.updated_raw = std::move(modified);
    }
    item.published = parse_date(item.published_raw, now);
    item.updated = parse_date(item.updated_raw, now);
    return item;
}

Status add_item(Feed& feed, Item item) {
    if (feed.items.size() >= kMaxItems) {
        return Error{"feed: more than " + std::to_string(kMaxItems) + " items"};
    }
    feed.items.push_back(std::move(item));
    return Ok{};
}

void channel_fields(Feed& feed, const xml::Document& doc, const xml::Element* channel) {
    if (channel == nullptr) {
        return;
    }
    for (std::uint32_t c : channel->children) {
        const xml::Element& e = doc.at(c);
        std::string_view n = local_name(e.name);
        if (e.name == "title") {
            set_once(feed.title, text_value(doc, c));
        } else if (e.name == "link") {
            set_once(feed.link, text_value(doc, c));
        } else if (e.name == "description") {
            set_once(feed.description, text_value(doc, c));
        } else if (n == "link" && !attr(e, "href").empty() && !feed.link) {
            set_once(feed.link, std::string(attr(e, "href")));
        }
    }
}

const xml::Element* child_by_local_name(const xml::Document& doc, const xml::Element& parent,
                                        std::string_view name) {
    for (std::uint32_t c : parent.children) {
        if (local_name(doc.at(c).name) == name) {
            return &doc.at(c);
        }
    }
    return nullptr;
}

}  // namespace

Result<Feed> from_document(const xml::Document& doc, std::int64_t now) {
    const xml::Element& root = doc.root();
    std::string_view root_name = local_name(root.name);
    Feed feed;
    if (root_name == "rss" || root_name == "RDF") {
        feed.kind = root_name == "rss" ? "rss" : "rdf";
        const xml::Element* channel = child_by_local_name(doc, root, "channel");
        channel_fields(feed, doc, channel);
        // RSS 2.0 items live in <channel>; RSS 1.0 (and some 0.9x) items beside it.
        for (const xml::Element* parent : {channel, &root}) {
            if (parent == nullptr) {
                continue;
            }
            for (std::uint32_t c : parent->children) {
                if (local_name(doc.at(c).name) == "item") {
                    if (Status s = add_item(feed, rss_item(doc, c, now)); !s.ok()) {
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
            const xml::Element& e = doc.at(c);
            std::string_view n = local_name(e.name);
            if (n == "title") {
                set_once(feed.title, text_value(doc, c));
            } else if (n == "subtitle") {
                set_once(feed.description, text_value(doc, c));
            } else if (n == "entry") {
                if (Status s = add_item(feed, atom_entry(doc, c, now)); !s.ok()) {
                    return s.error();
                }
            }
        }
        feed.link = atom_link(doc, root);
        return feed;
    }
    return Error{"feed: the root element is <" + root.name.substr(0, 64) +
                 ">, not <rss>, <feed> (Atom) or <rdf:RDF>"};
}

Result<Feed> parse(std::string_view text, std::int64_t now) {
    auto doc = xml::parse(text);
    if (!doc.ok()) {
        return Error{"feed: " + doc.error().message};
    }
    return from_document(doc.value(), now);
}

}  // namespace gigscout::feed
