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

// Binds parameters ?1 .. ?20 to the content columns, in content_columns() order. The listing's
// strings are bound without a copy: keep it alive until the statement is reset.
void bind_content(Statement& statement, const Listing& listing);

// Reads the content columns starting at result column `first`. Lists that fail to decode
// (never written by us) come back empty rather than failing the whole load.
Listing read_content(const Statement& statement, int first);

}  // namespace gigscout::store
