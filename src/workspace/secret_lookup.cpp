#include "workspace/secret_lookup.h"

namespace gigscout {

SecretLookup::SecretLookup(Paths paths, std::function<void(const std::string&)> warn)
    : paths_(std::move(paths)), warn_(std::move(warn)) {}

void SecretLookup::open_once() {
    // Opened on the first question only: finding out whether a keyring runs can take a second.
    if (!tried_) {
        tried_ = true;
        auto opened = SecretStore::open(paths_);
        if (opened) {
            store_.emplace(std::move(opened).value());
        } else if (warn_) {
            warn_("no secret store: " + opened.error().message);
        }
    }
}

Status SecretLookup::set(const std::string& source, const std::string& key,
                         const std::string& value) {
    std::lock_guard lock(mutex_);
    open_once();
    if (!store_) {
        return Error{"source " + source + ": no secret store to keep `" + key + "` in"};
    }
    return store_->set(source, key, value);
}

std::optional<std::string> SecretLookup::get(const std::string& source, const std::string& key) {
    std::lock_guard lock(mutex_);
    open_once();
    if (!store_) {
        return std::nullopt;
    }
    auto value = store_->get(source, key);
    if (!value) {
        if (warn_) {
            warn_(value.error().message);
        }
        return std::nullopt;
    }
    return value.value();
}

}  // namespace gigscout
