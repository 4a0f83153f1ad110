// Where secret settings (API tokens) live: the desktop's keyring through the Secret Service
// (libsecret) when one runs on the session bus, otherwise a file only its owner may read
// (config/secrets.json, mode 0600). Never in the database, an export or a log; error messages
// name the source and key, never the value. The app and the CLI share this one interface and
// tell the user which backend holds their secrets (describe()).
//
// The environment (GIGSCOUT_<SOURCE>_<KEY>, refresh/source_config.h) is read by the refresh
// before it asks this store, so a CI job or a one-off run needs no stored secret at all.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "base/paths.h"
#include "base/result.h"

namespace gigscout {

enum class SecretBackend { Keyring, File };

struct SecretStoreOptions {
    enum class Use {
        Auto,         // the keyring when a Secret Service is running, else the file
        KeyringOnly,  // fail when no Secret Service is running
        FileOnly,     // the 0600 file, even when a keyring runs
    };
    Use use = Use::Auto;
};

class SecretStore {
  public:
    // Auto never starts a keyring daemon: with no DBUS_SESSION_BUS_ADDRESS, or no owner of
    // org.freedesktop.secrets on that bus, the file is used.
    static Result<SecretStore> open(const Paths& paths, SecretStoreOptions options = {});

    ~SecretStore();
    SecretStore(SecretStore&&) noexcept;
    SecretStore& operator=(SecretStore&&) noexcept;

    SecretBackend backend() const;
    // For the user: "the desktop keyring (Secret Service)" or
    // "the file /home/u/.config/gigscout/secrets.json (readable only by you)".
    std::string describe() const;

    // nullopt when no such secret is stored. The file backend refuses a secrets file that
    // other users can read, saying how to fix it.
    Result<std::optional<std::string>> get(const std::string& source, const std::string& key) const;
    Status set(const std::string& source, const std::string& key, const std::string& value);
    // Erasing a secret that is not stored is not an error.
    Status erase(const std::string& source, const std::string& key);

    struct Backend;  // keyring or file (secret_store.cpp)

  private:
    explicit SecretStore(std::unique_ptr<Backend> backend);
    std::unique_ptr<Backend> backend_;
};

// True when a Secret Service owns its name on the session bus (checked in about a second at
// most; never activates one).
bool secret_service_running();

}  // namespace gigscout
