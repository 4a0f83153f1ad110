// The request a plugin asks for and the response the fetcher hands back.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace gigscout::fetch {

// Only these three: plugins read listings, they never change anything on a server.
enum class HttpMethod { Get, Post, Head };

std::string_view method_name(HttpMethod method);
// "GET", "POST", "HEAD" (upper case only); nullopt for anything else.
std::optional<HttpMethod> parse_method(std::string_view name);

struct HttpHeader {
    std::string name;
    std::string value;
};
using HttpHeaders = std::vector<HttpHeader>;

// The first header named `name` (ASCII case-insensitive), or nullopt.
std::optional<std::string_view> find_header(const HttpHeaders& headers, std::string_view name);

struct HttpRequest {
    HttpMethod method = HttpMethod::Get;
    std::string url;
    HttpHeaders headers;  // caller's headers; see validate_request for what is refused
    std::string body;     // POST only
    // Names of the caller's headers that may follow a redirect to another origin (scheme, host
    // or port). Accept and Accept-Language always do; every other header is dropped there.
    std::vector<std::string> forward_on_redirect;
};

// Refuses what a plugin must not control: header names that are not HTTP tokens, CR/LF/NUL
// in values, host-owned headers (Host, Content-Length, Transfer-Encoding, Connection,
// Accept-Encoding, User-Agent, Cookie, conditional headers, ...) and a body on GET/HEAD.
// The message names the header ("header 2 `X-Bad\r\n`: ...").
Status validate_request(const HttpRequest& request);

// True for the headers the fetcher owns and a caller may not set.
bool is_reserved_header(std::string_view name);

struct HttpResponse {
    int status = 0;             // the final hop's status; 304 when served from the cache
    std::string url;            // final URL after redirects
    HttpHeaders headers;        // the final response's headers (the cached ones after a 304)
    std::string body;           // decoded (gzip/deflate removed)
    bool not_modified = false;  // true after a 304: body is the cached copy
    int redirects = 0;          // redirects followed
    int attempts = 0;           // HTTP requests made in total, retries and redirects included
};

}  // namespace gigscout::fetch
