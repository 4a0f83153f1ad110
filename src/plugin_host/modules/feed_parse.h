// RSS 2.0, Atom 1.0 and RSS 1.0 (RDF) feeds to one shape, on top of xml_tree.
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

struct Item {
    std::optional<std::string> title;
    std::optional<std::string> link;
    std::optional<std::string> guid;
    std::optional<std::string> description;  // as in the feed (often HTML)
    std::optional<std::string> content;      // content:encoded, or Atom <content>
    std::optional<std::int64_t> published;   // UTC epoch seconds when published_raw parses
    std::optional<std::string> published_raw;
    std::optional<std::int64_t> updated;
    std::optional<std::string> updated_raw;
    std::optional<std::string> author;
    std::vector<std::string> categories;
    // Every other child element, by name as written ("dc:creator", "region"): its text, or
    // its url/href attribute when it has no text; the first of repeated names wins.
    std::vector<std::pair<std::string, std::string>> extra;
};

struct Feed {
    std::string kind;  // "rss", "atom" or "rdf"
    std::optional<std::string> title;
    std::optional<std::string> link;
    std::optional<std::string> description;
    std::vector<Item> items;
};

inline constexpr std::size_t kMaxItems = 10000;

// `now` is only used for relative dates (which feeds rarely have).
Result<Feed> parse(std::string_view text, std::int64_t now);
Result<Feed> from_document(const xml::Document& doc, std::int64_t now);

}  // namespace gigscout::feed
