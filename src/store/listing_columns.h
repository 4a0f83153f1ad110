// How a listing's content maps onto the columns of the `listings` table (docs/store.md):
// scalars in their own columns, lists and nested objects as compact JSON text.
#pragma once

#include <string>
#include <string_view>

#include "model/listing.h"
#include "store/sqlite_db.h"

namespace gigscout::store {

constexpr int kContentColumnCount = 20;

// "id, source, url, ..., skills", each prefixed with `alias.` when an alias is given.
std::string content_columns(std::string_view alias = {});

// The JSON columns of one listing, encoded into buffers a writer reuses, so encoding a refresh
// allocates nothing once they are warm.
struct ContentBuffers {
    std::string tags, client, merged, skills;
};

// Binds parameters ?1 .. ?20 to the content columns, in content_columns() order. The listing's
// strings and `buffers` are bound without a copy: keep both alive and unchanged until the
// statement is reset.
void bind_content(Statement& statement, const Listing& listing, ContentBuffers& buffers);

// Reads the content columns starting at result column `first` into `into`, overwriting every
// field: one listing can be read into row after row, keeping its strings' and lists' capacity.
// Lists that fail to decode (never written by us) come back empty rather than failing the
// whole load.
void read_content(const Statement& statement, int first, Listing& into);
Listing read_content(const Statement& statement, int first);

}  // namespace gigscout::store
