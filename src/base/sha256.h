// SHA-256 as lower-case hex: the HTTP cache's keys and the plugin manifest cache's keys.
#pragma once

#include <string>
#include <string_view>

namespace gigscout {

// Lower-case hex SHA-256 of `data`; empty only when OpenSSL cannot allocate (a key that never
// collides with a real one).
std::string sha256_hex(std::string_view data);

}  // namespace gigscout
