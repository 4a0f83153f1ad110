// Secrets in the 0600 file, and the choice of backend. The keyring itself is tested against a
// real daemon by keyring_test.cpp (run_keyring_tests.sh).
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>

#include "store/secret_store.h"
#include "support/test_support.h"

namespace gigscout::testing {
namespace {

namespace fs = std::filesystem;

// Unsets DBUS_SESSION_BUS_ADDRESS for one test, so the developer's own keyring is never used.
class NoSessionBus {
  public:
    NoSessionBus() {
        if (const char* v = std::getenv("DBUS_SESSION_BUS_ADDRESS")) {
            saved_ = v;
        }
        ::unsetenv("DBUS_SESSION_BUS_ADDRESS");
    }
    ~NoSessionBus() {
        if (saved_) {
            ::setenv("DBUS_SESSION_BUS_ADDRESS", saved_->c_str(), 1);
        }
    }

  private:
    std::optional<std::string> saved_;
};

class SecretStoreFile : public ::testing::Test {
  protected:
    TempDir dir;
    Paths paths{dir.path() / "data", dir.path() / "config", dir.path() / "cache"};

    SecretStore open_file() {
        auto s = SecretStore::open(paths, {SecretStoreOptions::Use::FileOnly});
        EXPECT_TRUE(s.ok());
        return std::move(s).value();
    }
    unsigned mode() const {
        struct stat st {};
        EXPECT_EQ(::stat(paths.secrets_file().c_str(), &st), 0);
        return st.st_mode & 0777;
    }
};

TEST_F(SecretStoreFile, KeepsSecretsInAFileOnlyTheOwnerCanRead) {
    SecretStore secrets = open_file();
    EXPECT_EQ(secrets.backend(), SecretBackend::File);
    EXPECT_EQ(secrets.describe(),
              "the file " + paths.secrets_file().string() + " (readable only by you)");
    EXPECT_FALSE(secrets.get("upwork", "token").value());
    ASSERT_TRUE(secrets.set("upwork", "token", "s3cr3t-ü").ok());
    ASSERT_TRUE(secrets.set("greenhouse:gitlab", "api_key", "k2").ok());
    EXPECT_EQ(mode(), 0600u);
    EXPECT_EQ(secrets.get("upwork", "token").value(), "s3cr3t-ü");
    EXPECT_FALSE(secrets.get("upwork", "other").value());
    ASSERT_TRUE(secrets.set("upwork", "token", "rotated").ok());
    EXPECT_EQ(mode(), 0600u);
    // Another instance (the app, the CLI) reads the same file.
    EXPECT_EQ(open_file().get("upwork", "token").value(), "rotated");
    ASSERT_TRUE(secrets.erase("upwork", "token").ok());
    ASSERT_TRUE(secrets.erase("upwork", "token").ok());
    EXPECT_FALSE(secrets.get("upwork", "token").value());
    EXPECT_EQ(secrets.get("greenhouse:gitlab", "api_key").value(), "k2");
}

TEST_F(SecretStoreFile, RefusesAFileOthersCanReadAndSaysHowToFixIt) {
    SecretStore secrets = open_file();
    ASSERT_TRUE(secrets.set("upwork", "token", "t").ok());
    ASSERT_EQ(::chmod(paths.secrets_file().c_str(), 0644), 0);
    auto got = secrets.get("upwork", "token");
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.error().message,
              "the secrets file " + paths.secrets_file().string() +
                  " can be read by other users (mode 644); GigScout will not use it until you "
                  "run `chmod 600 " +
                  paths.secrets_file().string() + "`");
    EXPECT_FALSE(secrets.set("upwork", "token", "t2").ok());
}

TEST_F(SecretStoreFile, ErrorsNeverRepeatTheSecret) {
    fs::create_directories(paths.config_dir);
    write_file(paths.secrets_file(), R"({"secrets": {"upwork": {"token": "hunter2"})");
    ASSERT_EQ(::chmod(paths.secrets_file().c_str(), 0600), 0);
    auto got = open_file().get("upwork", "token");
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.error().message.find("hunter2"), std::string::npos) << got.error().message;
    EXPECT_NE(got.error().message.find(paths.secrets_file().string() + ": line 1"),
              std::string::npos)
        << got.error().message;
}

TEST_F(SecretStoreFile, NeedsASourceAndAKey) {
    EXPECT_EQ(open_file().set("", "token", "x").error().message,
              "a secret needs a source and a key, got `` and `token`");
}

TEST_F(SecretStoreFile, WithoutASessionBusAutoUsesTheFileAndKeyringOnlyFails) {
    NoSessionBus no_bus;
    EXPECT_FALSE(secret_service_running());
    auto automatic = SecretStore::open(paths);
    ASSERT_TRUE(automatic.ok());
    EXPECT_EQ(automatic.value().backend(), SecretBackend::File);
    auto keyring = SecretStore::open(paths, {SecretStoreOptions::Use::KeyringOnly});
    ASSERT_FALSE(keyring.ok());
    EXPECT_EQ(keyring.error().message,
              "no desktop keyring is running (no Secret Service on the session bus); start one "
              "(e.g. gnome-keyring-daemon) or use the secrets file");
}

}  // namespace
}  // namespace gigscout::testing
