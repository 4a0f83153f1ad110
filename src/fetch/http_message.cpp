#include "fetch/http_message.h"

#include <algorithm>
#include <array>
#include <cstddef>

#include "base/ascii.h"

namespace gigscout::fetch {
namespace {

constexpr std::size_t kMaxHeaders = 64;
constexpr std::size_t kMaxHeaderNameBytes = 256;
constexpr std::size_t kMaxHeaderValueBytes = 8192;
constexpr std::size_t kMaxBodyBytes = 1u << 20;

// RFC 9110 token characters.
bool is_token_char(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        return true;
    }
    return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// Printable for a message: control bytes shown as \xNN, cut to a readable length.
std::string printable(std::string_view s) {
    std::string out;
    for (char c : s.substr(0, 64)) {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) {
            static constexpr char kHex[] = "0123456789abcdef";
            out += "\\x";
            out += kHex[u >> 4];
            out += kHex[u & 15];
        } else {
            out += c;
        }
    }
    if (s.size() > 64) {
        out += "...";
    }
    return out;
}

}  // namespace

std::string_view method_name(HttpMethod method) {
    switch (method) {
        case HttpMethod::Get:
            return "GET";
        case HttpMethod::Post:
            return "POST";
        case HttpMethod::Head:
            return "HEAD";
    }
    return "GET";
}

std::optional<HttpMethod> parse_method(std::string_view name) {
    if (name == "GET") {
        return HttpMethod::Get;
    }
    if (name == "POST") {
        return HttpMethod::Post;
    }
    if (name == "HEAD") {
        return HttpMethod::Head;
    }
    return std::nullopt;
}

std::optional<std::string_view> find_header(const HttpHeaders& headers, std::string_view name) {
    for (const HttpHeader& h : headers) {
        if (ascii::iequals(h.name, name)) {
            return std::string_view(h.value);
        }
    }
    return std::nullopt;
}

bool is_reserved_header(std::string_view name) {
    // The fetcher owns framing (a forged Content-Length or Transfer-Encoding smuggles
    // requests), routing (Host), decoding and its caps (Accept-Encoding, Range), its identity
    // (User-Agent), the cache's validators, and has no cookie engine on purpose.
    static constexpr std::array<std::string_view, 21> kReserved = {"host",
                                                                   "content-length",
                                                                   "transfer-encoding",
                                                                   "connection",
                                                                   "keep-alive",
                                                                   "upgrade",
                                                                   "te",
                                                                   "trailer",
                                                                   "expect",
                                                                   "accept-encoding",
                                                                   "user-agent",
                                                                   "cookie",
                                                                   "proxy-authorization",
                                                                   "proxy-connection",
                                                                   "if-none-match",
                                                                   "if-modified-since",
                                                                   "if-match",
                                                                   "if-unmodified-since",
                                                                   "if-range",
                                                                   "range",
                                                                   "http2-settings"};
    return std::any_of(kReserved.begin(), kReserved.end(),
                       [&](std::string_view r) { return ascii::iequals(r, name); });
}

Status validate_request(const HttpRequest& request) {
    if (request.headers.size() > kMaxHeaders) {
        return Error{"request has " + std::to_string(request.headers.size()) +
                     " headers, more than the limit of " + std::to_string(kMaxHeaders)};
    }
    for (std::size_t i = 0; i < request.headers.size(); ++i) {
        const HttpHeader& h = request.headers[i];
        std::string where =
            "request header " + std::to_string(i + 1) + " `" + printable(h.name) + "`";
        if (h.name.empty()) {
            return Error{where + ": the name is empty"};
        }
        if (h.name.size() > kMaxHeaderNameBytes) {
            return Error{where + ": the name is longer than " +
                         std::to_string(kMaxHeaderNameBytes) + " bytes"};
        }
        if (!std::all_of(h.name.begin(), h.name.end(), is_token_char)) {
            return Error{where + ": the name may only contain letters, digits and !#$%&'*+-.^_`|~"};
        }
        if (is_reserved_header(h.name)) {
            return Error{where + ": this header is set by GigScout and cannot be changed"};
        }
        if (h.value.size() > kMaxHeaderValueBytes) {
            return Error{where + ": the value is longer than " +
                         std::to_string(kMaxHeaderValueBytes) + " bytes"};
        }
        for (char c : h.value) {
            auto u = static_cast<unsigned char>(c);
            if ((u < 0x20 && c != '\t') || u == 0x7f) {
                return Error{where +
                             ": the value contains a control character (CR, LF, NUL, ...): `" +
                             printable(h.value) + "`"};
            }
        }
    }
    if (request.method != HttpMethod::Post && !request.body.empty()) {
        return Error{std::string("a ") + std::string(method_name(request.method)) +
                     " request cannot have a body"};
    }
    if (request.body.size() > kMaxBodyBytes) {
        return Error{"request body of " + std::to_string(request.body.size()) +
                     " bytes is larger than the limit of 1 MiB"};
    }
    return Ok{};
}

}  // namespace gigscout::fetch
