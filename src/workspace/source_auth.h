// Signing a source in to its platform by OAuth2 (a plugin whose manifest declares `oauth2`;
// docs/sources.md, "Signing in"): `gigscout-cli source auth ID` and the sources dialog. The
// start makes the state (and the PKCE verifier) and keeps them as the pending sign-in in the
// secret store, so a code pasted in a later run (`--code`) can still be checked and exchanged;
// the finish checks the state, exchanges the code at the token URL through the Fetcher (the
// source's own hosts) and stores the tokens beside the client secret — never in sources.json or
// an export. Renewing the token is the refresh's (refresh/oauth2_tokens.h).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "fetch/cancel_token.h"
#include "fetch/loopback_redirect.h"
#include "store/secret_store.h"
#include "views/sources_dialog_model.h"
#include "workspace/workspace.h"

namespace gigscout {

// The port of the loopback redirect the user registers, unless they choose another.
inline constexpr int kDefaultRedirectPort = 8765;

// "http://127.0.0.1:8765/callback"
std::string loopback_redirect_uri(int port);

struct SourceAuthStart {
    std::string source;
    std::string platform;       // the plugin's name
    std::string authorize_url;  // to open in a browser
    std::string redirect_uri;
};

// Starts signing in configured source `id`. Errors: an unknown id, a plugin without `oauth2`,
// an empty client id setting (saying which and how to set it), no client secret where the
// platform needs one is not known here (the token endpoint says so). A non-empty
// `client_secret` is stored for this and later renewals.
Result<SourceAuthStart> begin_source_auth(Workspace& workspace, const std::string& id,
                                          const std::string& redirect_uri, SecretStore& secrets,
                                          const std::string& client_secret = {});

// What the platform's redirect carried: the query of a pasted address
// ("http://127.0.0.1:8765/callback?code=…&state=…") or, for a bare code, {code: text}.
std::map<std::string, std::string> auth_params_from_paste(std::string_view text);

struct SourceAuthDone {
    std::string source;
    std::string platform;
    std::optional<std::int64_t> expires_in;  // seconds the access token lives
    bool refresh_token = false;              // the platform sent one (renewals work)
};

// Finishes the pending sign-in of `id` with the redirect's parameters: an `error` from the
// platform, a state other than the pending one, a missing or stale (over 30 min) pending
// sign-in are refused without asking the token endpoint.
Result<SourceAuthDone> finish_source_auth(Workspace& workspace, const std::string& id,
                                          const std::map<std::string, std::string>& params,
                                          SecretStore& secrets, const fetch::CancelToken& cancel,
                                          std::int64_t now = 0);

// The loopback way: waits on `listener` (bound before begin_source_auth, to its redirect_uri())
// for the browser's redirect, then finishes as above.
Result<SourceAuthDone> await_source_auth(Workspace& workspace, const std::string& id,
                                         fetch::LoopbackRedirect& listener, SecretStore& secrets,
                                         std::chrono::milliseconds timeout,
                                         const fetch::CancelToken& cancel);

// Whether the client secret of source `id` is known (GIGSCOUT_<SOURCE>_CLIENT_SECRET or
// stored), so a front end asks for it only when it is not.
bool source_client_secret_known(const SecretStore& secrets, const std::string& id);

// For the sources dialog and `source list`: the sign-in an OAuth2 source holds (a refresh or
// access token, with the access token's expiry; the environment's token counts too, with no
// expiry), or nullopt when it holds none.
std::optional<SignIn> source_sign_in(const SecretStore& secrets, const std::string& id,
                                     const std::string& token_setting);

}  // namespace gigscout
