// RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 0.3/1.0 feeds to one shape, on top of xml_tree.
// Elements are matched by namespace (any prefix bound to the RSS 1.0, RDF, Atom, Dublin Core,
// dcterms or content namespace), links are resolved against xml:base, and each text
// construct says whether it is literal text or markup.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "plugin_host/modules/xml_tree.h"

namespace gigscout::feed {

// What a text construct holds: literal text, or markup a plugin converts (once) to text.
enum class TextType { Text, Html, Xhtml };
const char* text_type_name(TextType type);

struct Item {
    std::optional<std::string> title;
    TextType title_type = TextType::Text;
    std::optional<std::string> link;
    std::optional<std::string> guid;
    std::optional<std::string> description;  // as in the feed (often HTML)
    TextType description_type = TextType::Text;
    std::optional<std::string> content;  // content:encoded, or Atom <content>
    TextType content_type = TextType::Text;
    // The first date of the item's publication dates (pubDate, Atom published, dc:date, ...;
    // see kPublishedDates in the .cpp) that parses; the raw text is that one's, or the first
    // one present when none parses. `updated` likewise.
    std::optional<std::int64_t> published;  // UTC epoch seconds
    std::optional<std::string> published_raw;
    std::optional<std::int64_t> updated;
    std::optional<std::string> updated_raw;
    std::optional<std::string> author;
    std::vector<std::string> categories;
    // Every other child element, by name as written ("media:content", "region"): its text, or
    // its url/href attribute when it has no text; the first of repeated names wins.
    std::vector<std::pair<std::string, std::string>> extra;
};

struct Feed {
    std::string kind;  // "rss", "atom" or "rdf"
    std::optional<std::string> title;
    TextType title_type = TextType::Text;
    std::optional<std::string> link;
    std::optional<std::string> description;
    TextType description_type = TextType::Text;
    std::vector<Item> items;
};

inline constexpr std::size_t kMaxItems = 10000;

// `now` is only used for relative dates (which feeds rarely have). `base` is the document's
// address (the response's final URL) or empty: links and xml:base are resolved against it;
// without it, links are resolved against absolute xml:base values only.
Result<Feed> parse(std::string_view text, std::int64_t now, std::string_view base = {});
Result<Feed> from_document(const xml::Document& doc, std::int64_t now, std::string_view base = {});

}  // namespace gigscout::feed
