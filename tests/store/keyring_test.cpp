// The Secret Service backend against a real gnome-keyring-daemon on a private session bus.
// Run through run_keyring_tests.sh (ctest: store_keyring), which starts both and sets
// GIGSCOUT_KEYRING_TEST=1; run alone, the tests skip rather than touch your own keyring.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "store/secret_store.h"
#include "support/test_support.h"

namespace gigscout::testing {
namespace {

class SecretStoreKeyring : public ::testing::Test {
  protected:
    void SetUp() override {
        const char* flag = std::getenv("GIGSCOUT_KEYRING_TEST");
        if (flag == nullptr || std::string(flag) != "1") {
            GTEST_SKIP() << "run through tests/store/run_keyring_tests.sh (a private bus and "
                            "keyring), never against your own keyring";
        }
        // The daemon registers its name shortly after it forks: wait for it, generously.
        for (int i = 0; i < 100 && !secret_service_running(); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        if (!secret_service_running()) {
            GTEST_SKIP() << "no Secret Service appeared on the session bus within 10 s "
                            "(gnome-keyring-daemon could not start here); the file backend is "
                            "tested by SecretStoreFile.*";
        }
    }

    TempDir dir;
    Paths paths{dir.path() / "data", dir.path() / "config", dir.path() / "cache"};
};

TEST_F(SecretStoreKeyring, StoresReadsAndErasesSecretsInTheKeyringAndNowhereElse) {
    auto opened = SecretStore::open(paths);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    SecretStore secrets = std::move(opened).value();
    EXPECT_EQ(secrets.backend(), SecretBackend::Keyring);
    EXPECT_EQ(secrets.describe(), "the desktop keyring (Secret Service)");
    EXPECT_FALSE(secrets.get("upwork", "token").value());
    auto stored = secrets.set("upwork", "token", "s3cr3t-ü");
    ASSERT_TRUE(stored.ok()) << stored.error().message;
    ASSERT_TRUE(secrets.set("greenhouse:gitlab", "token", "other").ok());
    EXPECT_EQ(secrets.get("upwork", "token").value(), "s3cr3t-ü");
    // Another process's store (the CLI beside the app) finds the same item.
    auto again = SecretStore::open(paths, {SecretStoreOptions::Use::KeyringOnly});
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(again.value().get("greenhouse:gitlab", "token").value(), "other");
    ASSERT_TRUE(secrets.erase("upwork", "token").ok());
    EXPECT_FALSE(secrets.get("upwork", "token").value());
    EXPECT_EQ(secrets.get("greenhouse:gitlab", "token").value(), "other");
    EXPECT_FALSE(std::filesystem::exists(paths.secrets_file()));
}

TEST_F(SecretStoreKeyring, FileOnlyIgnoresARunningKeyring) {
    auto s = SecretStore::open(paths, {SecretStoreOptions::Use::FileOnly});
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(s.value().backend(), SecretBackend::File);
}

}  // namespace
}  // namespace gigscout::testing
