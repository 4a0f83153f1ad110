#include "fetch/support/compression.h"

#include <zlib.h>

#include <algorithm>

#include <stdexcept>
#include <vector>

namespace gigscout::testing {
namespace {

// window_bits: 15 + 16 for gzip, 15 for zlib.
class Encoder {
  public:
    explicit Encoder(int window_bits) {
        if (deflateInit2(&z_, Z_BEST_COMPRESSION, Z_DEFLATED, window_bits, 9, Z_DEFAULT_STRATEGY) !=
            Z_OK) {
            throw std::runtime_error("zlib: deflateInit2 failed");
        }
    }
    ~Encoder() { deflateEnd(&z_); }
    Encoder(const Encoder&) = delete;
    Encoder& operator=(const Encoder&) = delete;

    void feed(std::string_view data, bool last) {
        z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
        z_.avail_in = static_cast<uInt>(data.size());
        int flush = last ? Z_FINISH : Z_NO_FLUSH;
        char buf[65536];
        int rc;
        do {
            z_.next_out = reinterpret_cast<Bytef*>(buf);
            z_.avail_out = sizeof buf;
            rc = ::deflate(&z_, flush);
            if (rc == Z_STREAM_ERROR) {
                throw std::runtime_error("zlib: deflate failed");
            }
            out_.append(buf, sizeof buf - z_.avail_out);
        } while (z_.avail_out == 0 || (last && rc != Z_STREAM_END));
    }
    std::string take() { return std::move(out_); }

  private:
    z_stream z_{};
    std::string out_;
};

std::string encode(std::string_view data, int window_bits) {
    Encoder e(window_bits);
    e.feed(data, true);
    return e.take();
}

}  // namespace

std::string gzip(std::string_view data) {
    return encode(data, 15 + 16);
}
std::string deflate(std::string_view data) {
    return encode(data, 15);
}

std::string gzip_zeros(std::size_t size) {
    Encoder e(15 + 16);
    std::string zeros(1 << 20, '\0');
    while (size > 0) {
        std::size_t n = std::min(size, zeros.size());
        size -= n;
        e.feed(std::string_view(zeros).substr(0, n), size == 0);
    }
    return e.take();
}

}  // namespace gigscout::testing
