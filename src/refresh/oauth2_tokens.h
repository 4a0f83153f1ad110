// The tokens of an OAuth2 source (a plugin whose manifest declares `oauth2`): where the host
// keeps them, and the access token a refresh hands the plugin — the stored one while it is good
// for more than a few minutes, else one renewed with the refresh token and stored back. The
// plugin sees only the access token (as its `token_setting`), never the refresh token or the
// client secret. The HTTP requests are fetch/oauth2_client.h's; signing in is
// workspace/source_auth.h's.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "base/result.h"
#include "fetch/cancel_token.h"
#include "fetch/fetch_policy.h"
#include "fetch/fetcher.h"
#include "fetch/oauth2_client.h"
#include "plugin_host/plugin_manifest.h"

namespace gigscout {

// Secret keys (per source id) the host keeps for an OAuth2 source, beside the access token,
// which is kept under the plugin's token setting (OAuth2Rule::token_setting) where a refresh
// reads every secret setting. All start with kHostSecretPrefix, which no setting may use.
inline constexpr const char* kOAuth2ClientSecretKey = "oauth2_client_secret";
inline constexpr const char* kOAuth2RefreshTokenKey = "oauth2_refresh_token";
inline constexpr const char* kOAuth2ExpiresAtKey = "oauth2_expires_at";  // epoch seconds
// A sign-in under way: "state verifier redirect_uri started_at" (source_auth.h).
inline constexpr const char* kOAuth2PendingKey = "oauth2_pending";

// An access token that expires within this many seconds is renewed before a refresh uses it:
// a refresh of several pages must not run out of token halfway.
inline constexpr std::int64_t kOAuth2RenewMargin = 300;

// The secret store as a refresh reaches it (workspace/secret_lookup.h in the front ends).
struct SecretAccess {
    std::function<std::optional<std::string>(const std::string& source, const std::string& key)>
        get;
    // Null: renewed tokens serve this refresh only.
    std::function<Status(const std::string& source, const std::string& key,
                         const std::string& value)>
        set;
};

struct OAuth2Source {
    std::string source;    // the source's id: "upwork"
    std::string platform;  // the plugin's name, for messages: "Upwork"
    OAuth2Rule rule;
    std::string client_id;  // the value of rule.client_id_setting
};

// A stored expiry (kOAuth2ExpiresAtKey) read back; nullopt when absent or not a number.
std::optional<std::int64_t> epoch_from_text(const std::optional<std::string>& text);

// "sign in to Upwork again: gigscout-cli source auth upwork"
std::string sign_in_again_message(const OAuth2Source& source);

// The client secret: GIGSCOUT_<SOURCE>_CLIENT_SECRET, else the stored one, else empty.
std::string oauth2_client_secret(const OAuth2Source& source, const SecretAccess& secrets);

struct AccessToken {
    enum class State {
        Ready,        // `token` is good
        NotSignedIn,  // nothing stored: run `source auth`
        SignInAgain,  // the refresh token was refused or is missing for an expired token
        Failed,       // renewing failed for a reason that may pass (network, server)
        Cancelled,
    };
    State state = State::Failed;
    std::string token;     // Ready
    bool renewed = false;  // Ready: a new token was fetched (and stored)
    std::string message;   // otherwise: for the user, naming the source
};

// The access token for a refresh starting at `now` (epoch seconds). `force`: renew whatever the
// stored expiry says (the platform answered 401 to the stored token).
AccessToken oauth2_access_token(fetch::Fetcher& fetcher, const fetch::FetchPolicy& policy,
                                const OAuth2Source& source, const SecretAccess& secrets,
                                std::int64_t now, bool force, const fetch::CancelToken& cancel);

// Keeps a grant: the access token, the refresh token when one came (a server that rotates
// them sends a new one with each renewal) and the expiry ("0" when the server gave none).
Status store_oauth2_grant(const SecretAccess& secrets, const OAuth2Source& source,
                          const fetch::OAuth2Grant& grant, std::int64_t now);

}  // namespace gigscout
