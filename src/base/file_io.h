// Whole-file reads and atomic writes, with errors that name the file.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace gigscout {

// Fails (naming the file) when it is missing, unreadable, a directory, or over `max_bytes`.
Result<std::string> read_text_file(const std::filesystem::path& file,
                                   std::size_t max_bytes = 256u << 20);

// Hands `file` to `each` piece by piece (at most `piece` bytes at a time), in memory of one
// piece whatever its size; fails as read_text_file does, naming the file, or with what `each`
// returned.
Status read_file_pieces(const std::filesystem::path& file,
                        const std::function<Status(std::string_view)>& each,
                        std::size_t piece = std::size_t{1} << 16);

// Writes to a temporary file beside `file`, flushes, then renames over it: readers see the old
// or the new content, never half of one.
Status write_file_atomically(const std::filesystem::path& file, std::string_view content);

}  // namespace gigscout
