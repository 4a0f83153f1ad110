// Secret settings a refresh asks for (source id, key) once the environment had none
// (RefreshRunner reads GIGSCOUT_<SOURCE>_<KEY> first): the keyring or the 0600 file
// (store/secret_store.h).
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "base/paths.h"
#include "store/secret_store.h"

namespace gigscout {

class SecretLookup {
  public:
    // `warn` hears why a secret could not be read (no secret store, an unsafe file); it never
    // hears a value.
    SecretLookup(Paths paths, std::function<void(const std::string&)> warn);

    // Safe to call from several refresh threads at once.
    std::optional<std::string> get(const std::string& source, const std::string& key);
    // Writes a secret the refresh renewed (an OAuth2 source's tokens); the error names the
    // source and key.
    Status set(const std::string& source, const std::string& key, const std::string& value);

  private:
    void open_once();  // under mutex_

    Paths paths_;
    std::function<void(const std::string&)> warn_;
    std::mutex mutex_;
    bool tried_ = false;
    std::optional<SecretStore> store_;
};

}  // namespace gigscout
