// The HTTP side of an OAuth2 authorization-code sign-in (RFC 6749 §4.1, PKCE RFC 7636): the
// authorize URL a person opens, the state and code verifier that guard it, and the two token
// requests (code → tokens, refresh token → tokens) made through the Fetcher and its policy.
// What to do with the tokens (where they are kept, when to renew) is refresh/oauth2_tokens.h.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fetch/cancel_token.h"
#include "fetch/fetch_policy.h"
#include "fetch/fetcher.h"

namespace gigscout::fetch {

// `bytes` random bytes (OpenSSL's RAND_bytes) as unpadded base64url: 32 give 43 characters,
// a valid PKCE verifier and an unguessable state.
std::string random_token(std::size_t bytes = 32);

// BASE64URL(SHA-256(verifier)), the S256 code challenge.
std::string pkce_challenge(std::string_view verifier);

struct AuthorizeRequest {
    std::string authorize_url;
    std::string client_id;
    std::string redirect_uri;
    std::vector<std::string> scopes;  // empty: no scope parameter
    std::string state;
    std::string code_verifier;  // empty: no PKCE
};

// authorize_url?response_type=code&client_id=…&redirect_uri=…[&scope=…]&state=…
// [&code_challenge=…&code_challenge_method=S256]
std::string authorize_url(const AuthorizeRequest& request);

// "a=1&b=x%20y" → {a: "1", b: "x y"} ('+' is a space, as browsers send forms); a later
// duplicate is ignored.
std::map<std::string, std::string> parse_query(std::string_view query);

// Percent-encodes all but RFC 3986's unreserved characters.
std::string form_encode(std::string_view text);

struct TokenEndpoint {
    std::string token_url;
    std::string client_id;
    std::string client_secret;  // empty: a public client (sends none)
};

struct OAuth2Grant {
    std::string access_token;
    std::string refresh_token;               // empty: the server sent none (keep the old one)
    std::optional<std::int64_t> expires_in;  // seconds
};

struct TokenReply {
    enum class Kind {
        Granted,
        // The server refused the grant itself (HTTP 400/401: invalid_grant, a revoked or
        // expired refresh token, a used code, a wrong verifier or client secret): a person
        // must sign in again.
        Refused,
        Failed,  // the network, the server or its answer failed; trying later may work
        Cancelled,
    };
    Kind kind = Kind::Failed;
    OAuth2Grant grant;    // Granted
    std::string message;  // otherwise: what happened, never a token
};

// POST token_url: grant_type=authorization_code&code&redirect_uri[&code_verifier] with the
// client id (and secret) in the form (client_secret_post).
TokenReply exchange_code(Fetcher& fetcher, const FetchPolicy& policy, const TokenEndpoint& endpoint,
                         std::string_view code, std::string_view redirect_uri,
                         std::string_view code_verifier, const CancelToken& cancel);

// POST token_url: grant_type=refresh_token&refresh_token with the client id (and secret).
TokenReply refresh_grant(Fetcher& fetcher, const FetchPolicy& policy, const TokenEndpoint& endpoint,
                         std::string_view refresh_token, const CancelToken& cancel);

}  // namespace gigscout::fetch
