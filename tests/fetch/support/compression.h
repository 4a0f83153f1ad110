// gzip and zlib encoders for compressed test responses (compression bombs included).
#pragma once

#include <string>
#include <string_view>

namespace gigscout::testing {

// Content-Encoding: gzip
std::string gzip(std::string_view data);
// Content-Encoding: deflate (zlib-wrapped, as HTTP means it)
std::string deflate(std::string_view data);
// gzip of `size` zero bytes, produced in chunks (the zeros are never held in memory).
std::string gzip_zeros(std::size_t size);

}  // namespace gigscout::testing
