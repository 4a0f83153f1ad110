// An OAuth2 source refreshed against a local platform on 127.0.0.1 (cpp-httplib): its jobs
// endpoint takes only a current access token, its token endpoint renews with a good refresh
// token and refuses a revoked one. The host renews before expiry and once on a 401, says
// "sign in again" in words when the refresh token is refused, and the plugin (a real worker)
// sees the access token only.
#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <set>
#include <string>

#include "base/iso_time.h"
#include "fetch/oauth2_client.h"
#include "fetch/support/test_http_server.h"
#include "refresh/oauth2_tokens.h"
#include "refresh/refresh_runner.h"
#include "refresh_test_support.h"
#include "support/test_support.h"

namespace gigscout {
namespace {

using testing::contains;
using testing::outcome;

// The platform: tokens it takes, refresh tokens it honours, what it was asked.
class SignedPlatform {
  public:
    SignedPlatform() {
        server_.http().Get("/jobs", [this](const httplib::Request& req, httplib::Response& res) {
            std::lock_guard lock(mutex_);
            ++job_requests_;
            const std::string auth = req.get_header_value("Authorization");
            if (auth.rfind("Bearer ", 0) != 0 || valid_access_.count(auth.substr(7)) == 0 ||
                refuse_every_token_) {
                res.status = 401;
                res.set_content(R"({"error":"invalid_token"})", "application/json; charset=utf-8");
                return;
            }
            res.set_content(
                R"({"jobs":[{"id":"s1","title":"Vision Engineer","url":"https://jobs.example/s1"}]})",
                "application/json; charset=utf-8");
        });
        server_.http().Post("/token", [this](const httplib::Request& req, httplib::Response& res) {
            std::lock_guard lock(mutex_);
            ++token_requests_;
            if (token_down_) {
                res.status = 503;
                res.set_content("maintenance", "text/plain; charset=utf-8");
                return;
            }
            auto form = fetch::parse_query(req.body);
            last_form_ = form;
            const bool client_ok =
                form["client_id"] == "cid-1" && form["client_secret"] == "csecret-1";
            if (form["grant_type"] != "refresh_token" || !client_ok ||
                good_refresh_.count(form["refresh_token"]) == 0) {
                res.status = 400;
                res.set_content(R"({"error":"invalid_grant"})", "application/json; charset=utf-8");
                return;
            }
            const std::string access = "a-" + std::to_string(++issued_);
            valid_access_.insert(access);
            res.set_content(
                R"({"access_token":")" + access +
                    R"(","token_type":"bearer","expires_in":3600,"refresh_token":"r-good"})",
                "application/json; charset=utf-8");
        });
        server_.start();
    }

    int port() const { return server_.port(); }
    void accept_access(const std::string& t) {
        std::lock_guard lock(mutex_);
        valid_access_.insert(t);
    }
    void honour_refresh(const std::string& t) {
        std::lock_guard lock(mutex_);
        good_refresh_.insert(t);
    }
    void refuse_every_token() {
        std::lock_guard lock(mutex_);
        refuse_every_token_ = true;
    }
    void take_token_endpoint_down() {
        std::lock_guard lock(mutex_);
        token_down_ = true;
    }
    int token_requests() const {
        std::lock_guard lock(mutex_);
        return token_requests_;
    }
    int job_requests() const {
        std::lock_guard lock(mutex_);
        return job_requests_;
    }

  private:
    testing::TestHttpServer server_;
    mutable std::mutex mutex_;
    std::set<std::string> valid_access_;
    std::set<std::string> good_refresh_;
    std::map<std::string, std::string> last_form_;
    int token_requests_ = 0;
    int job_requests_ = 0;
    int issued_ = 0;
    bool token_down_ = false;
    bool refuse_every_token_ = false;
};

// The plugin writes every setting it was given into the listing's description, so the test
// sees what it saw.
std::string signed_plugin(int port) {
    const std::string base = "http://127.0.0.1:" + std::to_string(port);
    return R"(local json = require("json")
return {
  id = "signed", name = "Signed Board", version = "1.0.0", api_version = 1,
  multi_source = true, enabled_by_default = false,
  hosts = { "127.0.0.1" },
  oauth2 = { authorize_url = ")" +
           base + R"(/authorize", token_url = ")" + base + R"(/token",
             scopes = { "jobs:read" }, pkce = true },
  settings = {
    { key = "client_id", label = "Client id", type = "string" },
    { key = "token", label = "Access token", type = "string", secret = true },
  },
  requests = function(ctx)
    return { { url = ")" +
           base + R"(/jobs", headers = { Authorization = "Bearer " .. ctx.settings.token } } }
  end,
  parse = function(response, ctx)
    local seen = {}
    for k, v in pairs(ctx.settings) do seen[#seen + 1] = k .. "=" .. tostring(v) end
    table.sort(seen)
    local data = assert(json.decode(response.body))
    local out = {}
    for _, j in ipairs(data.jobs) do
      out[#out + 1] = { id = j.id, url = j.url, title = j.title,
                        description = table.concat(seen, " ") }
    end
    return out
  end,
}
)";
}

class OAuth2Refresh : public ::testing::Test {
  protected:
    void SetUp() override {
        plugin_ = dir_.path() / "signed.lua";
        testing::write_file(plugin_, signed_plugin(platform_.port()));
        options_.allow_http = true;
        options_.allow_loopback = true;
        options_.ignore_min_interval = true;
        options_.policy.max_attempts = 1;
        options_.policy.total_timeout_ms = 20'000;
        options_.secret = [this](const std::string& source,
                                 const std::string& key) -> std::optional<std::string> {
            std::lock_guard lock(mutex_);
            auto it = vault_.find(source + "/" + key);
            if (it == vault_.end()) {
                return std::nullopt;
            }
            return it->second;
        };
        options_.store_secret = [this](const std::string& source, const std::string& key,
                                       const std::string& value) -> Status {
            std::lock_guard lock(mutex_);
            vault_[source + "/" + key] = value;
            return Ok{};
        };
    }

    void sign_in(const std::string& access, const std::string& refresh, std::int64_t expires_at) {
        vault_["signed/token"] = access;
        vault_["signed/oauth2_refresh_token"] = refresh;
        vault_["signed/oauth2_expires_at"] = std::to_string(expires_at);
        vault_["signed/oauth2_client_secret"] = "csecret-1";
    }

    SourceOutcome run() {
        RefreshSource s = testing::make_source(plugin_, "signed", "", {{"client_id", "cid-1"}});
        RefreshRunner runner(fetcher_, nullptr, options_);
        fetch::CancelToken cancel;
        auto report = runner.run({s}, {}, cancel);
        return outcome(report, "signed");
    }

    std::string stored(const std::string& key) {
        std::lock_guard lock(mutex_);
        return vault_["signed/" + key];
    }

    testing::TempDir dir_;
    SignedPlatform platform_;
    std::filesystem::path plugin_;
    fetch::Fetcher fetcher_;
    RefreshOptions options_;
    std::mutex mutex_;
    std::map<std::string, std::string> vault_;
};

TEST_F(OAuth2Refresh, ATokenGoodForAnHourIsUsedAsItIs) {
    platform_.accept_access("a-live");
    sign_in("a-live", "r-good", now_epoch_seconds() + 3600);
    const SourceOutcome o = run();
    EXPECT_EQ(o.progress.state, SourceState::Done) << o.progress.error;
    EXPECT_EQ(o.listings.size(), 1u);
    EXPECT_EQ(platform_.token_requests(), 0);
    EXPECT_EQ(platform_.job_requests(), 1);
}

TEST_F(OAuth2Refresh, ATokenExpiringWithinTheMarginIsRenewedBeforeTheFirstRequestAndStored) {
    platform_.honour_refresh("r-good");
    // Still valid for a minute: inside the five-minute margin, so renewed first.
    platform_.accept_access("a-old");
    const std::int64_t now = now_epoch_seconds();
    sign_in("a-old", "r-good", now + 60);
    const SourceOutcome o = run();
    EXPECT_EQ(o.progress.state, SourceState::Done) << o.progress.error;
    ASSERT_EQ(o.listings.size(), 1u);
    EXPECT_EQ(platform_.token_requests(), 1);
    EXPECT_EQ(platform_.job_requests(), 1);
    EXPECT_EQ(stored("token"), "a-1");
    const std::int64_t expires = std::stoll(stored("oauth2_expires_at"));
    EXPECT_GE(expires, now + 3600);
    EXPECT_LE(expires, now_epoch_seconds() + 3600);
    // The plugin saw the new access token and none of the host's secrets.
    const std::string& seen = o.listings[0].description;
    EXPECT_EQ(seen, "client_id=cid-1 token=a-1");
    EXPECT_FALSE(contains(seen, "r-good"));
    EXPECT_FALSE(contains(seen, "csecret-1"));
}

TEST_F(OAuth2Refresh, ATokenEndpointThatIsDownLeavesATokenNotYetExpiredInUse) {
    platform_.honour_refresh("r-good");
    platform_.accept_access("a-old");
    platform_.take_token_endpoint_down();
    sign_in("a-old", "r-good", now_epoch_seconds() + 60);
    SourceOutcome o = run();
    EXPECT_EQ(o.progress.state, SourceState::Done) << o.progress.error;
    EXPECT_EQ(o.listings.size(), 1u);
    EXPECT_EQ(platform_.token_requests(), 1);
    ASSERT_FALSE(o.problems.empty());
    EXPECT_TRUE(contains(o.problems[0], "source signed: could not renew the access token: "))
        << o.problems[0];
    EXPECT_TRUE(contains(o.problems[0], "; the current one serves this refresh")) << o.problems[0];
    EXPECT_EQ(stored("token"), "a-old");

    // Expired: nothing to fall back on, and the reason is not a refused sign-in.
    sign_in("a-old", "r-good", now_epoch_seconds() - 10);
    o = run();
    EXPECT_EQ(o.progress.state, SourceState::Failed);
    EXPECT_TRUE(contains(o.progress.error, "could not renew the access token")) << o.progress.error;
    EXPECT_FALSE(contains(o.progress.error, "sign in")) << o.progress.error;
}

TEST_F(OAuth2Refresh, A401RenewsTheTokenOnceAndAsksThePageAgain) {
    platform_.honour_refresh("r-good");
    // The platform revoked "a-stale" before its stated expiry.
    sign_in("a-stale", "r-good", now_epoch_seconds() + 3600);
    const SourceOutcome o = run();
    EXPECT_EQ(o.progress.state, SourceState::Done) << o.progress.error;
    ASSERT_EQ(o.listings.size(), 1u);
    EXPECT_EQ(o.listings[0].description, "client_id=cid-1 token=a-1");
    EXPECT_EQ(platform_.token_requests(), 1);
    EXPECT_EQ(platform_.job_requests(), 2);
    EXPECT_EQ(stored("token"), "a-1");
}

TEST_F(OAuth2Refresh, A401AfterTheRenewalEndsTheSourceWithoutAskingAgain) {
    platform_.honour_refresh("r-good");
    platform_.refuse_every_token();
    sign_in("a-stale", "r-good", now_epoch_seconds() + 3600);
    const SourceOutcome o = run();
    EXPECT_EQ(o.progress.state, SourceState::Failed);
    EXPECT_TRUE(contains(o.progress.error, "401")) << o.progress.error;
    EXPECT_EQ(platform_.token_requests(), 1);
    EXPECT_EQ(platform_.job_requests(), 2);
}

TEST_F(OAuth2Refresh, ARefusedRefreshTokenSaysInWordsToSignInAgain) {
    // Expiring: renewed first, and the platform refuses the refresh token (400 invalid_grant).
    sign_in("a-old", "r-revoked", now_epoch_seconds() + 10);
    SourceOutcome o = run();
    EXPECT_EQ(o.progress.state, SourceState::Failed);
    EXPECT_TRUE(contains(o.progress.error,
                         "sign in to Signed Board again: gigscout-cli source auth signed"))
        << o.progress.error;
    EXPECT_TRUE(o.progress.error.rfind("source signed: ", 0) == 0) << o.progress.error;
    EXPECT_EQ(platform_.job_requests(), 0);
    EXPECT_EQ(stored("oauth2_refresh_token"), "r-revoked");

    // The same after a 401 to a token that looked good.
    sign_in("a-stale", "r-revoked", now_epoch_seconds() + 3600);
    o = run();
    EXPECT_EQ(o.progress.state, SourceState::Failed);
    EXPECT_TRUE(contains(o.progress.error,
                         "sign in to Signed Board again: gigscout-cli source auth signed"))
        << o.progress.error;
    EXPECT_EQ(platform_.job_requests(), 1);
    EXPECT_EQ(platform_.token_requests(), 2);
}

TEST_F(OAuth2Refresh, ASourceNeverSignedInSaysWhichCommandSignsItIn) {
    const SourceOutcome o = run();
    EXPECT_EQ(o.progress.state, SourceState::Failed);
    EXPECT_EQ(o.progress.error,
              "source signed: not signed in to Signed Board: gigscout-cli source auth signed (or "
              "set GIGSCOUT_SIGNED_TOKEN to a token of your own)");
    EXPECT_EQ(platform_.job_requests(), 0);
}

TEST_F(OAuth2Refresh, AnAccessTokenFromTheEnvironmentIsTheUsersAndIsNeitherRenewedNorStored) {
    platform_.accept_access("a-env");
    ASSERT_EQ(::setenv("GIGSCOUT_SIGNED_TOKEN", "a-env", 1), 0);
    const SourceOutcome o = run();
    ::unsetenv("GIGSCOUT_SIGNED_TOKEN");
    EXPECT_EQ(o.progress.state, SourceState::Done) << o.progress.error;
    EXPECT_EQ(platform_.token_requests(), 0);
    EXPECT_EQ(stored("token"), "");
}

TEST(OAuth2Client, ThePkceChallengeIsS256AndTheAuthorizeAddressCarriesEveryParameter) {
    // Computed apart with Python: base64.urlsafe_b64encode(hashlib.sha256(v).digest()),
    // without its '=' padding.
    EXPECT_EQ(fetch::pkce_challenge("dBjftJeZ4CVP-mJ92K27uhbUJU1p1r_wW1gFWFOEjXk"),
              "ngF5GsXcbwljx6u133FFr3Xht9xooA_DuaX_3QwODtc");
    const std::string a = fetch::random_token();
    EXPECT_EQ(a.size(), 43u);
    EXPECT_NE(a, fetch::random_token());
    fetch::AuthorizeRequest r{"https://x.example/auth?prompt=1",
                              "id 1",
                              "http://127.0.0.1:8765/callback",
                              {"a", "b:c"},
                              "st",
                              ""};
    EXPECT_EQ(fetch::authorize_url(r),
              "https://x.example/auth?prompt=1&response_type=code&client_id=id%201&redirect_uri="
              "http%3A%2F%2F127.0.0.1%3A8765%2Fcallback&scope=a%20b%3Ac&state=st");
}

}  // namespace
}  // namespace gigscout
