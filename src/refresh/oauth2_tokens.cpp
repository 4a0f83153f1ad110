#include "refresh/oauth2_tokens.h"

#include <charconv>

#include "refresh/source_config.h"

namespace gigscout {

std::optional<std::int64_t> epoch_from_text(const std::optional<std::string>& text) {
    if (!text || text->empty()) {
        return std::nullopt;
    }
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
    if (ec != std::errc() || end != text->data() + text->size()) {
        return std::nullopt;
    }
    return v;
}

std::string sign_in_again_message(const OAuth2Source& source) {
    return "sign in to " + source.platform + " again: gigscout-cli source auth " + source.source;
}

std::string oauth2_client_secret(const OAuth2Source& source, const SecretAccess& secrets) {
    if (auto env = secret_from_environment(source.source, "client_secret")) {
        return *env;
    }
    if (secrets.get) {
        if (auto stored = secrets.get(source.source, kOAuth2ClientSecretKey)) {
            return *stored;
        }
    }
    return {};
}

Status store_oauth2_grant(const SecretAccess& secrets, const OAuth2Source& source,
                          const fetch::OAuth2Grant& grant, std::int64_t now) {
    if (!secrets.set) {
        return Ok{};
    }
    if (auto s = secrets.set(source.source, source.rule.token_setting, grant.access_token); !s) {
        return s;
    }
    if (!grant.refresh_token.empty()) {
        if (auto s = secrets.set(source.source, kOAuth2RefreshTokenKey, grant.refresh_token); !s) {
            return s;
        }
    }
    const std::int64_t expires = grant.expires_in ? now + *grant.expires_in : 0;
    return secrets.set(source.source, kOAuth2ExpiresAtKey, std::to_string(expires));
}

AccessToken oauth2_access_token(fetch::Fetcher& fetcher, const fetch::FetchPolicy& policy,
                                const OAuth2Source& source, const SecretAccess& secrets,
                                std::int64_t now, bool force, const fetch::CancelToken& cancel) {
    auto get = [&](const std::string& key) -> std::optional<std::string> {
        return secrets.get ? secrets.get(source.source, key) : std::nullopt;
    };
    const std::string who = "source " + source.source + ": ";
    AccessToken out;
    const auto access = get(source.rule.token_setting);
    const auto refresh = get(kOAuth2RefreshTokenKey);
    const auto expires_at = epoch_from_text(get(kOAuth2ExpiresAtKey));
    const bool have_access = access && !access->empty();
    const bool have_refresh = refresh && !refresh->empty();
    // 0 or nothing stored: the server never said, so the token is used until it is refused.
    const bool expiring = expires_at && *expires_at > 0 && *expires_at - now <= kOAuth2RenewMargin;
    if (!have_access && !have_refresh) {
        out.state = AccessToken::State::NotSignedIn;
        out.message = who + "not signed in to " + source.platform + ": gigscout-cli source auth " +
                      source.source + " (or set GIGSCOUT_" + source_env_prefix(source.source) +
                      "_" + source_env_prefix(source.rule.token_setting) +
                      " to a token of your own)";
        return out;
    }
    if (have_access && !force && !expiring) {
        out.state = AccessToken::State::Ready;
        out.token = *access;
        return out;
    }
    if (!have_refresh) {
        out.state = AccessToken::State::SignInAgain;
        out.message = who + source.platform + "'s access token " +
                      (force ? "was refused" : "has expired") +
                      " and there is no refresh token: " + sign_in_again_message(source);
        return out;
    }
    if (source.client_id.empty()) {
        out.state = AccessToken::State::Failed;
        out.message = who + "setting `" + source.rule.client_id_setting + "` (the client id " +
                      source.platform +
                      " gave you) is empty, so the access token cannot be renewed";
        return out;
    }
    fetch::TokenEndpoint endpoint{source.rule.token_url, source.client_id,
                                  oauth2_client_secret(source, secrets)};
    fetch::TokenReply reply = fetch::refresh_grant(fetcher, policy, endpoint, *refresh, cancel);
    switch (reply.kind) {
        case fetch::TokenReply::Kind::Granted:
            break;
        case fetch::TokenReply::Kind::Refused:
            out.state = AccessToken::State::SignInAgain;
            out.message = who + reply.message + ": " + sign_in_again_message(source);
            return out;
        case fetch::TokenReply::Kind::Cancelled:
            out.state = AccessToken::State::Cancelled;
            out.message = "cancelled";
            return out;
        case fetch::TokenReply::Kind::Failed:
            out.message = who + "could not renew the access token: " + reply.message;
            // Not yet expired: this refresh still has a token; the next one tries again.
            if (have_access && !force && expires_at && *expires_at > now) {
                out.state = AccessToken::State::Ready;
                out.token = *access;
                out.message += "; the current one serves this refresh";
                return out;
            }
            out.state = AccessToken::State::Failed;
            return out;
    }
    if (auto s = store_oauth2_grant(secrets, source, reply.grant, now); !s) {
        // The new token still serves this refresh; the next one renews again.
        out.message = who + "the renewed access token could not be stored: " + s.error().message;
    }
    out.state = AccessToken::State::Ready;
    out.token = reply.grant.access_token;
    out.renewed = true;
    return out;
}

}  // namespace gigscout
