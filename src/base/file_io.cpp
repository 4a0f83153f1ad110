#include "base/file_io.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>

namespace gigscout {
namespace fs = std::filesystem;

namespace {

// The file opened for reading, or why it cannot be, in read_text_file's words.
Status open_for_reading(const fs::path& file, std::ifstream& in) {
    std::error_code ec;
    if (!fs::exists(file, ec)) {
        // exists() is false with an error when a directory on the way cannot be searched.
        if (ec && ec != std::errc::no_such_file_or_directory) {
            return Error{file.string() + ": cannot open: " + ec.message()};
        }
        return Error{file.string() + ": no such file"};
    }
    if (fs::is_directory(file, ec)) {
        return Error{file.string() + ": is a directory, expected a file"};
    }
    in.open(file, std::ios::binary);
    if (!in) {
        return Error{file.string() + ": cannot open: " + std::strerror(errno)};
    }
    return Ok{};
}

}  // namespace

Status read_file_pieces(const fs::path& file, const std::function<Status(std::string_view)>& each,
                        std::size_t piece) {
    std::ifstream in;
    if (Status opened = open_for_reading(file, in); !opened) {
        return opened;
    }
    std::string buf(std::max<std::size_t>(piece, 1), '\0');
    while (in.read(buf.data(), static_cast<std::streamsize>(buf.size())) || in.gcount() > 0) {
        if (Status s = each(std::string_view(buf.data(), static_cast<std::size_t>(in.gcount())));
            !s) {
            return s;
        }
    }
    if (in.bad()) {
        return Error{file.string() + ": read error"};
    }
    return Ok{};
}

Result<std::string> read_text_file(const fs::path& file, std::size_t max_bytes) {
    std::ifstream in;
    if (Status opened = open_for_reading(file, in); !opened) {
        return opened.error();
    }
    std::string content;
    char buf[65536];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        content.append(buf, static_cast<std::size_t>(in.gcount()));
        if (content.size() > max_bytes) {
            return Error{file.string() + ": larger than the limit of " +
                         std::to_string(max_bytes >> 20) + " MiB"};
        }
    }
    if (in.bad()) {
        return Error{file.string() + ": read error"};
    }
    return content;
}

Status write_file_atomically(const fs::path& file, std::string_view content) {
    std::random_device rd;
    fs::path tmp = file;
    tmp += ".tmp" + std::to_string(rd());
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        return Error{"cannot write " + file.string() + ": " + std::strerror(errno)};
    }
    const char* p = content.data();
    std::size_t left = content.size();
    while (left > 0) {
        ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            int err = errno;
            ::close(fd);
            ::unlink(tmp.c_str());
            return Error{"cannot write " + file.string() + ": " + std::strerror(err)};
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    // close() runs whatever fsync() said, so the descriptor never leaks.
    int synced = ::fsync(fd) == 0 ? 0 : errno;
    int closed = ::close(fd) == 0 ? 0 : errno;
    if (synced != 0 || closed != 0) {
        ::unlink(tmp.c_str());
        return Error{"cannot write " + file.string() + ": " +
                     std::strerror(synced != 0 ? synced : closed)};
    }
    if (::rename(tmp.c_str(), file.c_str()) != 0) {
        int err = errno;
        ::unlink(tmp.c_str());
        return Error{"cannot replace " + file.string() + ": " + std::strerror(err)};
    }
    return Ok{};
}

}  // namespace gigscout
