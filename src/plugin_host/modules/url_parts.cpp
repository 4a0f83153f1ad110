#include "plugin_host/modules/url_parts.h"

#include <cstring>

#include "base/ascii.h"
#include "base/utf8.h"

namespace gigscout::url {
namespace {

bool is_alpha(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(unsigned char c) {
    return c >= '0' && c <= '9';
}

int hex_value(unsigned char c) {
    if (is_digit(c)) {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// A reg-name or IPv4 host: unreserved, pct-encoded and sub-delims; bytes >= 0x80 are allowed
// so internationalised names written in Unicode pass through.
bool valid_reg_name(std::string_view host) {
    for (unsigned char c : host) {
        if (c >= 0x80 || is_alpha(c) || is_digit(c)) {
            continue;
        }
        if (std::strchr("-._~%!$&'()*+,;=", c) == nullptr || c == '\0') {
            return false;
        }
    }
    return true;
}

bool valid_ip_literal(std::string_view host) {
    if (host.size() < 3 || host.front() != '[' || host.back() != ']') {
        return false;
    }
    for (unsigned char c : host.substr(1, host.size() - 2)) {
        if (!(is_digit(c) || hex_value(c) >= 0 || c == ':' || c == '.' || c == 'v' || c == 'V' ||
              is_alpha(c) || c == '%' || c == '-' || c == '_' || c == '~')) {
            return false;
        }
    }
    return true;
}

}  // namespace

Result<UrlParts> parse(std::string_view text) {
    while (!text.empty() && ascii::is_space(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && ascii::is_space(text.back())) {
        text.remove_suffix(1);
    }
    if (text.size() > kMaxUrlBytes) {
        return Error{"URL is " + std::to_string(text.size()) + " bytes, more than the " +
                     std::to_string(kMaxUrlBytes) + "-byte limit"};
    }
    for (unsigned char c : text) {
        if (c < 0x20 || c == 0x7F) {
            return Error{"URL contains a control character"};
        }
    }
    UrlParts parts;
    std::string_view rest = text;
    // RFC 3986 appendix B: ^(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?
    std::size_t colon = rest.find_first_of(":/?#");
    if (colon != std::string_view::npos && colon > 0 && rest[colon] == ':') {
        std::string_view scheme = rest.substr(0, colon);
        if (!is_alpha(static_cast<unsigned char>(scheme[0]))) {
            return Error{"URL scheme " + utf8::quoted(scheme, 80) +
                         " does not start with a letter"};
        }
        for (unsigned char c : scheme) {
            if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') {
                return Error{"URL scheme " + utf8::quoted(scheme, 80) +
                             " has an invalid character"};
            }
        }
        parts.scheme = ascii::to_lower(scheme);
        rest.remove_prefix(colon + 1);
    }
    if (rest.substr(0, 2) == "//") {
        rest.remove_prefix(2);
        std::size_t end = rest.find_first_of("/?#");
        std::string_view authority = rest.substr(0, end);
        rest.remove_prefix(authority.size());
        std::size_t at = authority.rfind('@');
        if (at != std::string_view::npos) {
            parts.userinfo = std::string(authority.substr(0, at));
            authority.remove_prefix(at + 1);
        }
        std::string_view host = authority;
        std::size_t port_colon = std::string_view::npos;
        if (!host.empty() && host.front() == '[') {
            std::size_t close = host.find(']');
            if (close == std::string_view::npos) {
                return Error{"URL host " + utf8::quoted(authority, 80) + " lacks its closing ']'"};
            }
            if (close + 1 < host.size()) {
                if (host[close + 1] != ':') {
                    return Error{"URL host " + utf8::quoted(authority, 80) +
                                 " has text after its ']'"};
                }
                port_colon = close + 1;
            }
        } else {
            port_colon = host.rfind(':');
        }
        if (port_colon != std::string_view::npos) {
            std::string_view port = host.substr(port_colon + 1);
            host = host.substr(0, port_colon);
            if (!port.empty()) {
                long value = 0;
                for (unsigned char c : port) {
                    if (!is_digit(c) || value > 65535) {
                        return Error{"URL port " + utf8::quoted(port, 80) + " is not a number"};
                    }
                    value = value * 10 + (c - '0');
                }
                if (value > 65535) {
                    return Error{"URL port " + utf8::quoted(port, 80) + " is above 65535"};
                }
                parts.port = static_cast<int>(value);
            }
        }
        bool ok =
            !host.empty() && host.front() == '[' ? valid_ip_literal(host) : valid_reg_name(host);
        if (!ok) {
            return Error{"URL host " + utf8::quoted(host, 80) + " has an invalid character"};
        }
        parts.host = ascii::to_lower(host);
    }
    std::size_t path_end = rest.find_first_of("?#");
    parts.path = std::string(rest.substr(0, path_end));
    rest.remove_prefix(parts.path.size());
    if (!rest.empty() && rest.front() == '?') {
        std::size_t hash = rest.find('#');
        parts.query = std::string(rest.substr(1, hash == std::string_view::npos ? hash : hash - 1));
        rest.remove_prefix(1 + parts.query->size());
    }
    if (!rest.empty() && rest.front() == '#') {
        parts.fragment = std::string(rest.substr(1));
    }
    return parts;
}

std::string compose(const UrlParts& parts) {
    std::string out;
    if (parts.scheme) {
        out += *parts.scheme;
        out += ':';
    }
    if (parts.host) {
        out += "//";
        if (parts.userinfo) {
            out += *parts.userinfo;
            out += '@';
        }
        out += *parts.host;
        if (parts.port) {
            out += ':';
            out += std::to_string(*parts.port);
        }
    }
    out += parts.path;
    if (parts.query) {
        out += '?';
        out += *parts.query;
    }
    if (parts.fragment) {
        out += '#';
        out += *parts.fragment;
    }
    return out;
}

std::string remove_dot_segments(std::string_view input) {
    // RFC 3986 §5.2.4, with the output as a string whose segments are popped from the back.
    std::string out;
    while (!input.empty()) {
        if (input.substr(0, 3) == "../") {
            input.remove_prefix(3);
        } else if (input.substr(0, 2) == "./") {
            input.remove_prefix(2);
        } else if (input.substr(0, 3) == "/./") {
            input.remove_prefix(2);
        } else if (input == "/.") {
            input = "/";
        } else if (input.substr(0, 4) == "/../" || input == "/..") {
            input = input.size() == 3 ? std::string_view("/") : input.substr(3);
            std::size_t slash = out.rfind('/');
            out.erase(slash == std::string::npos ? 0 : slash);
        } else if (input == "." || input == "..") {
            input = {};
        } else {
            std::size_t next = input.find('/', input.front() == '/' ? 1 : 0);
            std::string_view segment = input.substr(0, next);
            out += segment;
            input.remove_prefix(segment.size());
        }
    }
    return out;
}

Result<std::string> resolve(std::string_view base_text, std::string_view reference_text) {
    auto base = parse(base_text);
    if (!base.ok()) {
        return Error{"base URL: " + base.error().message};
    }
    if (!base.value().scheme) {
        return Error{"base URL " + utf8::quoted(base_text, 80) +
                     " is not absolute (it has no scheme)"};
    }
    auto ref = parse(reference_text);
    if (!ref.ok()) {
        return Error{"reference: " + ref.error().message};
    }
    const UrlParts& b = base.value();
    const UrlParts& r = ref.value();
    UrlParts t;
    if (r.scheme) {
        t = r;
        t.path = remove_dot_segments(r.path);
    } else {
        if (r.host) {
            t.userinfo = r.userinfo;
            t.host = r.host;
            t.port = r.port;
            t.path = remove_dot_segments(r.path);
            t.query = r.query;
        } else {
            if (r.path.empty()) {
                t.path = b.path;
                t.query = r.query ? r.query : b.query;
            } else {
                if (r.path.front() == '/') {
                    t.path = remove_dot_segments(r.path);
                } else {
                    // §5.2.3 merge
                    std::string merged;
                    if (b.host && b.path.empty()) {
                        merged = "/" + r.path;
                    } else {
                        std::size_t slash = b.path.rfind('/');
                        merged = slash == std::string::npos ? r.path
                                                            : b.path.substr(0, slash + 1) + r.path;
                    }
                    t.path = remove_dot_segments(merged);
                }
                t.query = r.query;
            }
            t.userinfo = b.userinfo;
            t.host = b.host;
            t.port = b.port;
        }
        t.scheme = b.scheme;
    }
    t.fragment = r.fragment;
    return compose(t);
}

std::string percent_encode(std::string_view component) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(component.size());
    for (unsigned char c : component) {
        if (is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

std::string percent_decode(std::string_view component) {
    std::string out;
    out.reserve(component.size());
    for (std::size_t i = 0; i < component.size(); ++i) {
        if (component[i] == '%' && i + 2 < component.size() &&
            hex_value(static_cast<unsigned char>(component[i + 1])) >= 0 &&
            hex_value(static_cast<unsigned char>(component[i + 2])) >= 0) {
            out += static_cast<char>(hex_value(static_cast<unsigned char>(component[i + 1])) * 16 +
                                     hex_value(static_cast<unsigned char>(component[i + 2])));
            i += 2;
        } else {
            out += component[i];
        }
    }
    return out;
}

}  // namespace gigscout::url
