// Signing a source in by OAuth2 on a real data directory against a local platform on 127.0.0.1
// (cpp-httplib): the browser is played by a GET of the loopback callback; the token endpoint
// checks the code, the redirect URI, the client and the PKCE verifier against the challenge
// the authorize address carried. The tokens and the client secret go to the secret store's
// 0600 file, never to sources.json or the database; a forged state is refused before any
// request.
#include "workspace/source_auth.h"

#include <gtest/gtest.h>

#include <thread>

#include "base/iso_time.h"
#include "fetch/oauth2_client.h"
#include "fetch/support/test_http_server.h"
#include "refresh/oauth2_tokens.h"
#include "support/test_support.h"
#include "workspace/source_settings.h"

namespace gigscout {
namespace {

using testing::contains;

class AuthPlatform {
  public:
    AuthPlatform() {
        server_.http().Post("/token", [this](const httplib::Request& req, httplib::Response& res) {
            std::lock_guard lock(mutex_);
            ++token_requests_;
            auto form = fetch::parse_query(req.body);
            const bool ok = form["grant_type"] == "authorization_code" &&
                            form["code"] == "code-1" && form["client_id"] == "cid-1" &&
                            form["client_secret"] == "csecret-1" &&
                            form["redirect_uri"] == redirect_uri_ &&
                            fetch::pkce_challenge(form["code_verifier"]) == challenge_;
            if (!ok) {
                res.status = 400;
                res.set_content(R"({"error":"invalid_grant"})", "application/json; charset=utf-8");
                return;
            }
            res.set_content(
                R"({"access_token":"a-first","expires_in":86400,"refresh_token":"r-first"})",
                "application/json; charset=utf-8");
        });
        server_.start();
    }
    int port() const { return server_.port(); }
    // What the authorize page saw (the test reads it from the printed address).
    void expect(const std::string& redirect_uri, const std::string& challenge) {
        std::lock_guard lock(mutex_);
        redirect_uri_ = redirect_uri;
        challenge_ = challenge;
    }
    int token_requests() const {
        std::lock_guard lock(mutex_);
        return token_requests_;
    }

  private:
    testing::TestHttpServer server_;
    mutable std::mutex mutex_;
    std::string redirect_uri_;
    std::string challenge_;
    int token_requests_ = 0;
};

class SourceAuth : public ::testing::Test {
  protected:
    void SetUp() override {
        auto paths = Paths::resolve(dir_.path());
        ASSERT_TRUE(paths.ok()) << paths.error().message;
        paths_ = paths.value();
        const std::string base = "http://127.0.0.1:" + std::to_string(platform_.port());
        testing::write_file(paths_.user_plugins_dir() / "signed.lua", R"(return {
  id = "signed", name = "Signed Board", version = "1.0.0", api_version = 1,
  hosts = { "127.0.0.1" },
  oauth2 = { authorize_url = ")" + base + R"(/authorize", token_url = ")" +
                                                                          base + R"(/token",
             scopes = { "jobs:read" }, pkce = true },
  settings = {
    { key = "client_id", label = "Client id", type = "string" },
    { key = "token", label = "Access token", type = "string", secret = true },
  },
  requests = function(ctx) return {} end,
  parse = function(response, ctx) return {} end,
}
)");
        testing::write_file(paths_.sources_file(), R"({"sources": [
  {"plugin": "signed", "settings": {"client_id": "cid-1"}, "allow_http": true,
   "allow_private_network": true}]})");
        auto opened = Workspace::open(paths_);
        ASSERT_TRUE(opened.ok()) << opened.error().message;
        workspace_.emplace(std::move(opened).value());
        SecretStoreOptions file_only;
        file_only.use = SecretStoreOptions::Use::FileOnly;
        auto secrets = SecretStore::open(paths_, file_only);
        ASSERT_TRUE(secrets.ok()) << secrets.error().message;
        secrets_.emplace(std::move(secrets).value());
    }

    // Starts a sign-in and tells the platform what its authorize page would have seen.
    std::map<std::string, std::string> begin(const std::string& redirect_uri) {
        auto start = begin_source_auth(*workspace_, "signed", redirect_uri, *secrets_, "csecret-1");
        EXPECT_TRUE(start.ok()) << start.error().message;
        if (!start.ok()) {
            return {};
        }
        const std::string& url = start.value().authorize_url;
        EXPECT_EQ(url.rfind("http://127.0.0.1:" + std::to_string(platform_.port()) +
                                "/authorize?response_type=code&client_id=cid-1&redirect_uri=",
                            0),
                  0u)
            << url;
        auto query = fetch::parse_query(url.substr(url.find('?') + 1));
        EXPECT_EQ(query["redirect_uri"], redirect_uri);
        EXPECT_EQ(query["scope"], "jobs:read");
        EXPECT_EQ(query["code_challenge_method"], "S256");
        EXPECT_EQ(query["state"].size(), 43u);
        platform_.expect(redirect_uri, query["code_challenge"]);
        return query;
    }

    std::optional<std::string> secret(const std::string& key) {
        auto v = secrets_->get("signed", key);
        EXPECT_TRUE(v.ok());
        return v.ok() ? v.value() : std::nullopt;
    }

    AuthPlatform platform_;
    testing::TempDir dir_;
    Paths paths_;
    std::optional<Workspace> workspace_;
    std::optional<SecretStore> secrets_;
};

TEST_F(SourceAuth, TheBrowsersRedirectToTheLoopbackSignsInAndTheTokensGoToTheSecretStoreOnly) {
    auto listener = fetch::LoopbackRedirect::listen(0);
    ASSERT_TRUE(listener.ok()) << listener.error().message;
    const std::string redirect_uri = listener.value().redirect_uri();
    auto query = begin(redirect_uri);
    ASSERT_FALSE(query.empty());
    EXPECT_FALSE(source_sign_in(*secrets_, "signed", "token").has_value());

    // The browser, sent back by the platform after the user said yes.
    std::thread browser([&] {
        httplib::Client client("127.0.0.1", listener.value().port());
        client.Get("/favicon.ico");  // answered 404; the wait goes on
        auto res = client.Get("/callback?code=code-1&state=" + query["state"]);
        ASSERT_TRUE(res);
        EXPECT_EQ(res->status, 200);
        EXPECT_TRUE(contains(res->body, "You can close this tab")) << res->body;
    });
    fetch::CancelToken cancel;
    auto done = await_source_auth(*workspace_, "signed", listener.value(), *secrets_,
                                  std::chrono::seconds(20), cancel);
    browser.join();
    ASSERT_TRUE(done.ok()) << done.error().message;
    EXPECT_EQ(done.value().platform, "Signed Board");
    EXPECT_EQ(done.value().expires_in, 86400);
    EXPECT_TRUE(done.value().refresh_token);
    EXPECT_EQ(platform_.token_requests(), 1);

    EXPECT_EQ(secret("token"), "a-first");
    EXPECT_EQ(secret(kOAuth2RefreshTokenKey), "r-first");
    EXPECT_EQ(secret(kOAuth2ClientSecretKey), "csecret-1");
    EXPECT_FALSE(secret(kOAuth2PendingKey).has_value());
    const auto sign_in = source_sign_in(*secrets_, "signed", "token");
    ASSERT_TRUE(sign_in.has_value());
    EXPECT_TRUE(sign_in->renewable);
    ASSERT_TRUE(sign_in->expires_at.has_value());
    EXPECT_GT(*sign_in->expires_at, now_epoch_seconds() + 86400 - 60);
    for (const auto& file : {paths_.sources_file(), paths_.database_file()}) {
        const std::string text = testing::read_file(file);
        for (const char* s : {"a-first", "r-first", "csecret-1"}) {
            EXPECT_FALSE(contains(text, s)) << file << " holds " << s;
        }
    }
    EXPECT_TRUE(contains(testing::read_file(paths_.secrets_file()), "r-first"));

    // Removing the source forgets its sign-in too.
    auto removed = remove_source_and_secrets(*workspace_, "signed", &*secrets_);
    ASSERT_TRUE(removed.ok()) << removed.error().message;
    EXPECT_FALSE(secret(kOAuth2RefreshTokenKey).has_value());
    EXPECT_FALSE(secret(kOAuth2ClientSecretKey).has_value());
}

TEST_F(SourceAuth, APastedRedirectAddressFinishesASignInStartedEarlier) {
    auto query = begin(loopback_redirect_uri(8765));
    ASSERT_FALSE(query.empty());
    fetch::CancelToken cancel;
    auto done = finish_source_auth(
        *workspace_, "signed",
        auth_params_from_paste(
            "  http://127.0.0.1:8765/callback?code=code-1&state=" + query["state"] + "  "),
        *secrets_, cancel);
    ASSERT_TRUE(done.ok()) << done.error().message;
    EXPECT_EQ(secret("token"), "a-first");
    // Used once: the same address again finds no sign-in under way.
    auto again = finish_source_auth(*workspace_, "signed", auth_params_from_paste("code-1"),
                                    *secrets_, cancel);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().message,
              "source signed: no sign-in was started here: run gigscout-cli source auth signed "
              "first");
    EXPECT_EQ(auth_params_from_paste("abc"), (std::map<std::string, std::string>{{"code", "abc"}}));
}

TEST_F(SourceAuth, AStateThatIsNotTheOneStartedIsRefusedBeforeAnyRequest) {
    auto query = begin(loopback_redirect_uri(8765));
    ASSERT_FALSE(query.empty());
    fetch::CancelToken cancel;
    auto done = finish_source_auth(*workspace_, "signed", {{"code", "code-1"}, {"state", "forged"}},
                                   *secrets_, cancel);
    ASSERT_FALSE(done.ok());
    EXPECT_EQ(done.error().message,
              "source signed: the sign-in's state does not match the one GigScout started; "
              "nothing was stored (run gigscout-cli source auth signed again)");
    EXPECT_EQ(platform_.token_requests(), 0);
    EXPECT_FALSE(secret("token").has_value());

    // The platform said no.
    auto denied = finish_source_auth(*workspace_, "signed",
                                     {{"error", "access_denied"}, {"state", query["state"]}},
                                     *secrets_, cancel);
    ASSERT_FALSE(denied.ok());
    EXPECT_EQ(denied.error().message,
              "source signed: Signed Board did not sign you in (access_denied)");
}

TEST_F(SourceAuth, AWrongVerifierOrCodeIsRefusedByThePlatformAndNothingIsStored) {
    auto query = begin(loopback_redirect_uri(8765));
    ASSERT_FALSE(query.empty());
    platform_.expect(loopback_redirect_uri(8765), "not-the-challenge");
    fetch::CancelToken cancel;
    auto done = finish_source_auth(
        *workspace_, "signed", {{"code", "code-1"}, {"state", query["state"]}}, *secrets_, cancel);
    ASSERT_FALSE(done.ok());
    EXPECT_TRUE(contains(done.error().message, "refused the grant (HTTP 400)"))
        << done.error().message;
    EXPECT_EQ(platform_.token_requests(), 1);
    EXPECT_FALSE(secret("token").has_value());
}

TEST_F(SourceAuth, APluginWithoutOAuth2OrAnEmptyClientIdIsToldApart) {
    testing::write_file(paths_.sources_file(), R"({"sources": [{"plugin": "signed"},
  {"plugin": "remoteok"}]})");
    auto empty = begin_source_auth(*workspace_, "signed", loopback_redirect_uri(8765), *secrets_);
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().message,
              "source signed: setting `client_id` is empty: set it to the client id (key) "
              "Signed Board gave you, in the sources dialog or sources.json");
    auto plain = begin_source_auth(*workspace_, "remoteok", loopback_redirect_uri(8765), *secrets_);
    ASSERT_FALSE(plain.ok());
    EXPECT_EQ(plain.error().message,
              "source remoteok: plugin remoteok declares no OAuth2 sign-in; its secrets are set "
              "in its settings");
}

}  // namespace
}  // namespace gigscout
