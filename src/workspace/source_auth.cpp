#include "workspace/source_auth.h"

#include <sstream>

#include "base/ascii.h"
#include "base/iso_time.h"
#include "base/utf8.h"
#include "fetch/fetcher.h"
#include "fetch/oauth2_client.h"
#include "refresh/oauth2_tokens.h"
#include "refresh/source_config.h"

namespace gigscout {
namespace {

// A pending sign-in older than this is refused: the platform's code has long expired too.
constexpr std::int64_t kPendingLifetime = 30 * 60;

struct AuthTarget {
    SourceConfig config;
    const PluginManifest* manifest = nullptr;
    OAuth2Source oauth;
};

Result<AuthTarget> auth_target(Workspace& workspace, const std::string& id) {
    auto sources = workspace.sources();
    if (!sources) {
        return sources.error();
    }
    AuthTarget t;
    std::string known;
    bool found = false;
    for (const auto& s : sources.value()) {
        known += (known.empty() ? "" : ", ") + s.id;
        if (s.id == id) {
            t.config = s;
            found = true;
        }
    }
    if (!found) {
        return Error{
            "no source `" + id + "` (configured: " + (known.empty() ? "none" : known) + ")", true};
    }
    const PluginEntry* entry = workspace.catalog().find(t.config.plugin);
    if (entry == nullptr || !entry->manifest) {
        return Error{"source " + id + ": plugin " + t.config.plugin + " cannot be loaded" +
                     (entry != nullptr && !entry->disabled_reason.empty()
                          ? " (" + entry->disabled_reason + ")"
                          : "")};
    }
    t.manifest = &*entry->manifest;
    if (!t.manifest->oauth2) {
        return Error{"source " + id + ": plugin " + t.config.plugin +
                         " declares no OAuth2 sign-in; its secrets are set in its settings",
                     true};
    }
    t.oauth.source = id;
    t.oauth.platform = t.manifest->name;
    t.oauth.rule = *t.manifest->oauth2;
    const std::string& key = t.oauth.rule.client_id_setting;
    if (auto it = t.config.settings.find(key); it != t.config.settings.end()) {
        t.oauth.client_id = std::string(ascii::trim(it->second));
    } else if (const SettingSpec* spec = t.manifest->setting(key);
               spec != nullptr && spec->default_value) {
        t.oauth.client_id = setting_value_to_text(*spec->default_value);
    }
    return t;
}

SecretAccess access_of(SecretStore& secrets) {
    SecretAccess a;
    a.get = [&secrets](const std::string& source,
                       const std::string& key) -> std::optional<std::string> {
        auto v = secrets.get(source, key);
        return v ? v.value() : std::nullopt;
    };
    a.set = [&secrets](const std::string& source, const std::string& key,
                       const std::string& value) { return secrets.set(source, key, value); };
    return a;
}

}  // namespace

std::string loopback_redirect_uri(int port) {
    return "http://127.0.0.1:" + std::to_string(port) + "/callback";
}

Result<SourceAuthStart> begin_source_auth(Workspace& workspace, const std::string& id,
                                          const std::string& redirect_uri, SecretStore& secrets,
                                          const std::string& client_secret) {
    auto target = auth_target(workspace, id);
    if (!target) {
        return target.error();
    }
    const OAuth2Source& o = target.value().oauth;
    if (o.client_id.empty()) {
        return Error{"source " + id + ": setting `" + o.rule.client_id_setting +
                         "` is empty: set it to the client id (key) " + o.platform +
                         " gave you, in the sources dialog or sources.json",
                     true};
    }
    if (!client_secret.empty()) {
        if (auto s = secrets.set(id, kOAuth2ClientSecretKey, client_secret); !s) {
            return s.error();
        }
    }
    fetch::AuthorizeRequest request;
    request.authorize_url = o.rule.authorize_url;
    request.client_id = o.client_id;
    request.redirect_uri = redirect_uri;
    request.scopes = o.rule.scopes;
    request.state = fetch::random_token();
    request.code_verifier = o.rule.pkce ? fetch::random_token() : std::string();
    const std::string pending = request.state + " " +
                                (request.code_verifier.empty() ? "-" : request.code_verifier) +
                                " " + redirect_uri + " " + std::to_string(now_epoch_seconds());
    if (auto s = secrets.set(id, kOAuth2PendingKey, pending); !s) {
        return s.error();
    }
    return SourceAuthStart{id, o.platform, fetch::authorize_url(request), redirect_uri};
}

std::map<std::string, std::string> auth_params_from_paste(std::string_view text) {
    text = ascii::trim(text);
    const auto q = text.find('?');
    if (q == std::string_view::npos && text.find('=') == std::string_view::npos) {
        return {{"code", std::string(text)}};
    }
    std::string_view query = q == std::string_view::npos ? text : text.substr(q + 1);
    query = query.substr(0, query.find('#'));
    return fetch::parse_query(query);
}

Result<SourceAuthDone> finish_source_auth(Workspace& workspace, const std::string& id,
                                          const std::map<std::string, std::string>& params,
                                          SecretStore& secrets, const fetch::CancelToken& cancel,
                                          std::int64_t now) {
    now = now != 0 ? now : now_epoch_seconds();
    auto target = auth_target(workspace, id);
    if (!target) {
        return target.error();
    }
    const OAuth2Source& o = target.value().oauth;
    auto param = [&](const char* name) -> std::string {
        auto it = params.find(name);
        return it == params.end() ? std::string() : it->second;
    };
    const std::string who = "source " + id + ": ";
    if (!param("error").empty()) {
        std::string why = utf8::printable(param("error"), 100);
        if (!param("error_description").empty()) {
            why += ": " + utf8::printable(param("error_description"), 300);
        }
        return Error{who + o.platform + " did not sign you in (" + why + ")"};
    }
    if (param("code").empty()) {
        return Error{who +
                         "no `code` in what was given: paste the whole address the browser "
                         "shows after signing in",
                     true};
    }
    auto pending_text = secrets.get(id, kOAuth2PendingKey);
    if (!pending_text) {
        return pending_text.error();
    }
    std::string state, verifier, redirect_uri;
    std::int64_t started = 0;
    if (pending_text.value()) {
        std::istringstream in(*pending_text.value());
        in >> state >> verifier >> redirect_uri >> started;
    }
    if (state.empty() || redirect_uri.empty()) {
        return Error{
            who + "no sign-in was started here: run gigscout-cli source auth " + id + " first",
            true};
    }
    if (now - started > kPendingLifetime) {
        return Error{who +
                         "the sign-in started over 30 minutes ago has expired: run "
                         "gigscout-cli source auth " +
                         id + " again",
                     true};
    }
    // A bare code carries no state; one that does must be ours (RFC 6749 §10.12: a forged
    // redirect would otherwise sign this source in to someone else's account).
    if (params.count("state") != 0 && param("state") != state) {
        return Error{who +
                         "the sign-in's state does not match the one GigScout started; "
                         "nothing was stored (run gigscout-cli source auth " +
                         id + " again)",
                     true};
    }
    fetch::FetchPolicy policy;
    policy.allowed_hosts = target.value().manifest->hosts;
    policy.allow_http = target.value().config.allow_http;
    policy.allow_local_addresses = target.value().config.allow_private_network;
    SecretAccess access = access_of(secrets);
    fetch::TokenEndpoint endpoint{o.rule.token_url, o.client_id, oauth2_client_secret(o, access)};
    fetch::Fetcher fetcher;
    fetch::TokenReply reply =
        fetch::exchange_code(fetcher, policy, endpoint, param("code"), redirect_uri,
                             verifier == "-" ? "" : verifier, cancel);
    if (reply.kind != fetch::TokenReply::Kind::Granted) {
        std::string hint;
        if (reply.kind == fetch::TokenReply::Kind::Refused) {
            hint =
                " (a code is good once and for minutes; check the client id and secret, and "
                "that " +
                redirect_uri + " is the redirect URI registered with " + o.platform + ")";
        }
        return Error{who + reply.message + hint};
    }
    if (auto s = store_oauth2_grant(access, o, reply.grant, now); !s) {
        return s.error();
    }
    // A used sign-in cannot be finished twice.
    (void)secrets.erase(id, kOAuth2PendingKey);
    return SourceAuthDone{id, o.platform, reply.grant.expires_in,
                          !reply.grant.refresh_token.empty()};
}

Result<SourceAuthDone> await_source_auth(Workspace& workspace, const std::string& id,
                                         fetch::LoopbackRedirect& listener, SecretStore& secrets,
                                         std::chrono::milliseconds timeout,
                                         const fetch::CancelToken& cancel) {
    auto params = listener.wait(timeout, cancel);
    if (!params) {
        return Error{"source " + id + ": " + params.error().message};
    }
    return finish_source_auth(workspace, id, params.value(), secrets, cancel);
}

bool source_client_secret_known(const SecretStore& secrets, const std::string& id) {
    if (secret_from_environment(id, "client_secret")) {
        return true;
    }
    auto v = secrets.get(id, kOAuth2ClientSecretKey);
    return v && v.value() && !v.value()->empty();
}

std::optional<SignIn> source_sign_in(const SecretStore& secrets, const std::string& id,
                                     const std::string& token_setting) {
    if (secret_from_environment(id, token_setting)) {
        return SignIn{};
    }
    auto stored = [&](const std::string& key) -> std::optional<std::string> {
        auto v = secrets.get(id, key);
        if (v && v.value() && !v.value()->empty()) {
            return *v.value();
        }
        return std::nullopt;
    };
    SignIn out;
    out.renewable = stored(kOAuth2RefreshTokenKey).has_value();
    if (!out.renewable && !stored(token_setting)) {
        return std::nullopt;
    }
    out.expires_at = epoch_from_text(stored(kOAuth2ExpiresAtKey));
    return out;
}

}  // namespace gigscout
