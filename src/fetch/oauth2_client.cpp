#include "fetch/oauth2_client.h"

#include <cassert>
#include <charconv>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "base/json_reader.h"
#include "base/utf8.h"
#include "fetch/url.h"

namespace gigscout::fetch {
namespace {

std::string base64url(const unsigned char* data, std::size_t n) {
    static constexpr char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    std::uint32_t acc = 0;
    int bits = 0;
    for (std::size_t i = 0; i < n; ++i) {
        acc = (acc << 8) | data[i];
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out += kAlphabet[(acc >> bits) & 63];
        }
    }
    if (bits > 0) {
        out += kAlphabet[(acc << (6 - bits)) & 63];
    }
    return out;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::string percent_decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out += ' ';
        } else if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 &&
                   hex_value(s[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

// What the token endpoint said, for a person: its `error` and `error_description` when the
// body is the JSON RFC 6749 §5.2 describes, never the body itself (it could echo a secret).
std::string oauth_error_text(const std::string& body) {
    auto doc = json::parse(body, "token response");
    if (!doc || !doc.value().IsObject()) {
        return "";
    }
    json::FieldReader r(doc.value(), "");
    auto error = r.string("error");
    auto description = r.string("error_description");
    std::string out = error ? utf8::printable(error->substr(0, 100)) : "";
    if (description) {
        out += (out.empty() ? "" : ": ") + utf8::printable(description->substr(0, 300));
    }
    return out;
}

TokenReply post_token_form(Fetcher& fetcher, const FetchPolicy& policy,
                           const TokenEndpoint& endpoint, std::string form,
                           const CancelToken& cancel) {
    form += "&client_id=" + form_encode(endpoint.client_id);
    if (!endpoint.client_secret.empty()) {
        form += "&client_secret=" + form_encode(endpoint.client_secret);
    }
    HttpRequest request;
    request.method = HttpMethod::Post;
    request.url = endpoint.token_url;
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                       {"Accept", "application/json"}};
    request.body = std::move(form);
    FetchPolicy p = policy;
    p.use_cache = false;
    // A code is good once: a retry after a lost answer would only be refused.
    p.max_attempts = 1;
    TokenReply reply;
    // The fetcher keeps no body of a refused request, so the refusal is read from the status.
    auto response = fetcher.fetch(request, p, cancel);
    const std::string where = "the token endpoint " + display_url(endpoint.token_url);
    if (!response) {
        const FetchError& e = response.error();
        if (e.kind == FetchErrorKind::Cancelled) {
            reply.kind = TokenReply::Kind::Cancelled;
            reply.message = "cancelled";
        } else if (e.kind == FetchErrorKind::HttpStatus &&
                   (e.http_status == 400 || e.http_status == 401)) {
            reply.kind = TokenReply::Kind::Refused;
            reply.message =
                where + " refused the grant (HTTP " + std::to_string(e.http_status) + ")";
        } else {
            reply.kind = TokenReply::Kind::Failed;
            reply.message = e.message;
        }
        return reply;
    }
    const std::string& body = response.value().body;
    auto doc = json::parse(body, "the answer of " + where);
    if (!doc) {
        reply.message = doc.error().message;
        return reply;
    }
    if (!doc.value().IsObject()) {
        reply.message = where + " answered " + std::string(json::type_name(doc.value())) +
                        ", not a JSON object";
        return reply;
    }
    json::FieldReader r(doc.value(), "");
    auto access = r.string("access_token");
    auto refresh = r.string("refresh_token");
    const rapidjson::Value* expires = r.any("expires_in");
    if (!access || access->empty()) {
        std::string said = oauth_error_text(body);
        if (!said.empty()) {
            reply.kind = TokenReply::Kind::Refused;
            reply.message = where + " refused the grant (" + said + ")";
        } else {
            reply.message = where + " answered without an `access_token`";
        }
        return reply;
    }
    reply.kind = TokenReply::Kind::Granted;
    reply.grant.access_token = *access;
    reply.grant.refresh_token = refresh.value_or("");
    // Some servers send expires_in as a string.
    if (expires != nullptr && expires->IsInt64() && expires->GetInt64() > 0) {
        reply.grant.expires_in = expires->GetInt64();
    } else if (expires != nullptr && expires->IsString()) {
        const char* text = expires->GetString();
        const char* end = text + expires->GetStringLength();
        std::int64_t v = 0;
        const auto [at, ec] = std::from_chars(text, end, v);
        if (ec == std::errc() && at == end && v > 0) {
            reply.grant.expires_in = v;
        }
    }
    return reply;
}

}  // namespace

std::string random_token(std::size_t bytes) {
    std::vector<unsigned char> buffer(bytes);
    // RAND_bytes failing means no entropy source: a bug in the machine, not an input.
    const int ok = RAND_bytes(buffer.data(), static_cast<int>(buffer.size()));
    assert(ok == 1);
    (void)ok;
    return base64url(buffer.data(), buffer.size());
}

std::string pkce_challenge(std::string_view verifier) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    const int ok =
        EVP_Digest(verifier.data(), verifier.size(), digest, &length, EVP_sha256(), nullptr);
    assert(ok == 1);
    (void)ok;
    return base64url(digest, length);
}

std::string form_encode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

std::map<std::string, std::string> parse_query(std::string_view query) {
    std::map<std::string, std::string> out;
    while (!query.empty()) {
        const auto amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        if (pair.empty()) {
            continue;
        }
        const auto eq = pair.find('=');
        std::string name = percent_decode(pair.substr(0, eq));
        std::string value =
            eq == std::string_view::npos ? std::string() : percent_decode(pair.substr(eq + 1));
        out.emplace(std::move(name), std::move(value));
    }
    return out;
}

std::string authorize_url(const AuthorizeRequest& r) {
    std::string url = r.authorize_url;
    url += url.find('?') == std::string::npos ? '?' : '&';
    url += "response_type=code&client_id=" + form_encode(r.client_id) +
           "&redirect_uri=" + form_encode(r.redirect_uri);
    if (!r.scopes.empty()) {
        std::string scope;
        for (const auto& s : r.scopes) {
            scope += (scope.empty() ? "" : " ") + s;
        }
        url += "&scope=" + form_encode(scope);
    }
    url += "&state=" + form_encode(r.state);
    if (!r.code_verifier.empty()) {
        url += "&code_challenge=" + pkce_challenge(r.code_verifier) + "&code_challenge_method=S256";
    }
    return url;
}

TokenReply exchange_code(Fetcher& fetcher, const FetchPolicy& policy, const TokenEndpoint& endpoint,
                         std::string_view code, std::string_view redirect_uri,
                         std::string_view code_verifier, const CancelToken& cancel) {
    std::string form = "grant_type=authorization_code&code=" + form_encode(code) +
                       "&redirect_uri=" + form_encode(redirect_uri);
    if (!code_verifier.empty()) {
        form += "&code_verifier=" + form_encode(code_verifier);
    }
    return post_token_form(fetcher, policy, endpoint, std::move(form), cancel);
}

TokenReply refresh_grant(Fetcher& fetcher, const FetchPolicy& policy, const TokenEndpoint& endpoint,
                         std::string_view refresh_token, const CancelToken& cancel) {
    return post_token_form(fetcher, policy, endpoint,
                           "grant_type=refresh_token&refresh_token=" + form_encode(refresh_token),
                           cancel);
}

}  // namespace gigscout::fetch
