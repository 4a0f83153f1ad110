#include "views/source_settings_form.h"

#include <algorithm>
#include <cmath>

namespace gigscout {
namespace {

// parse_setting_value names the setting first; a form shows the reason beside its field.
std::string reason_of(const std::string& message, const std::string& key) {
    const std::string prefix = "setting `" + key + "`: ";
    return message.rfind(prefix, 0) == 0 ? message.substr(prefix.size()) : message;
}

bool blank(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t'; });
}

struct HostValue {
    std::optional<int> value;  // none: blank, so the default
    std::optional<std::string> error_reason;
};

// A host field's text as a whole number in its range.
HostValue host_value(const SettingField& f) {
    if (blank(f.text)) {
        return {};
    }
    const std::string range = "must be a whole number from " + std::to_string(f.min) + " to " +
                              std::to_string(f.max) + ", got \"" + f.text + "\"";
    auto v = parse_setting_value(f.spec, f.text);
    if (!v) {
        return {std::nullopt, range};
    }
    const double d = std::get<double>(v.value());
    if (!(d >= f.min && d <= f.max) || d != std::floor(d)) {
        return {std::nullopt, range};
    }
    return {static_cast<int>(d), std::nullopt};
}

}  // namespace

SettingsForm::SettingsForm(PluginManifest manifest,
                           const std::map<std::string, std::string>& settings,
                           const std::map<std::string, SecretPlace>& secrets,
                           const std::vector<HostSetting>& host)
    : manifest_(std::move(manifest)) {
    for (const SettingSpec& spec : manifest_.settings) {
        SettingField& f = fields_.emplace_back();
        f.spec = spec;
        if (spec.secret) {
            auto where = secrets.find(spec.key);
            f.stored = where == secrets.end() ? SecretPlace::None : where->second;
            continue;
        }
        auto it = settings.find(spec.key);
        if (it != settings.end()) {
            f.text = it->second;
        } else if (spec.default_value) {
            f.text = setting_value_to_text(*spec.default_value);
        }
    }
    for (const HostSetting& h : host) {
        if (field(h.spec.key) != nullptr) {
            continue;
        }
        SettingField& f = fields_.emplace_back();
        f.spec = h.spec;
        f.host = true;
        f.min = h.min;
        f.max = h.max;
        if (h.value) {
            f.text = std::to_string(*h.value);
        } else if (h.spec.default_value) {
            f.text = setting_value_to_text(*h.spec.default_value);
        }
    }
    update_required();
}

bool SettingsForm::required(const SettingField& f, const SettingValues& given) const {
    if (f.host || (manifest_.oauth2 && f.spec.key == manifest_.oauth2->token_setting)) {
        return false;
    }
    return setting_required(manifest_, f.spec, given);
}

void SettingsForm::update_required() {
    const SettingValues now = given();
    for (SettingField& f : fields_) {
        f.required = required(f, now);
    }
}

const SettingField* SettingsForm::field(const std::string& key) const {
    for (const SettingField& f : fields_) {
        if (f.spec.key == key) {
            return &f;
        }
    }
    return nullptr;
}

bool SettingsForm::set_text(const std::string& key, std::string text) {
    auto it = std::find_if(fields_.begin(), fields_.end(),
                           [&](const SettingField& f) { return f.spec.key == key; });
    if (it == fields_.end() || it->spec.secret) {
        return false;
    }
    it->text = std::move(text);
    // One field's value decides whether another is required (required_unless).
    update_required();
    return true;
}

bool SettingsForm::set_secret(const std::string& key, std::string value) {
    auto it = std::find_if(fields_.begin(), fields_.end(),
                           [&](const SettingField& f) { return f.spec.key == key; });
    if (it == fields_.end() || !it->spec.secret) {
        return false;
    }
    it->secret_typed = !value.empty();
    it->secret_cleared = false;
    if (value.empty()) {
        typed_secrets_.erase(key);
    } else {
        typed_secrets_[key] = std::move(value);
    }
    return true;
}

bool SettingsForm::clear_secret(const std::string& key) {
    auto it = std::find_if(fields_.begin(), fields_.end(),
                           [&](const SettingField& f) { return f.spec.key == key; });
    if (it == fields_.end() || !it->spec.secret) {
        return false;
    }
    typed_secrets_.erase(key);
    it->secret_typed = false;
    it->secret_cleared = true;
    return true;
}

// The values a refresh would see from this form: what parses, blanks left out (so defaults
// and required_unless read as the host reads them).
SettingValues SettingsForm::given() const {
    SettingValues out;
    for (const SettingField& f : fields_) {
        if (f.host) {
            continue;
        }
        if (f.spec.secret) {
            const bool has = f.secret_typed || (f.stored != SecretPlace::None && !f.secret_cleared);
            if (has) {
                out[f.spec.key] = std::string("set");
            }
            continue;
        }
        if (blank(f.text)) {
            continue;
        }
        if (auto v = parse_setting_value(f.spec, f.text)) {
            out[f.spec.key] = std::move(v).value();
        }
    }
    return out;
}

std::vector<FieldError> SettingsForm::validate() const {
    std::vector<FieldError> errors;
    const SettingValues now = given();
    for (const SettingField& f : fields_) {
        if (f.host) {
            if (auto reason = host_value(f).error_reason) {
                errors.push_back({f.spec.key, *reason});
            }
            continue;
        }
        const bool needed = required(f, now);
        auto it = now.find(f.spec.key);
        const bool has_value = it != now.end() && setting_has_value(it->second);
        if (f.spec.secret) {
            if (needed && !has_value) {
                errors.push_back({f.spec.key,
                                  "is required (kept in the keyring or the secrets "
                                  "file, never in sources.json)"});
            }
            continue;
        }
        if (!blank(f.text)) {
            if (auto v = parse_setting_value(f.spec, f.text); !v) {
                errors.push_back({f.spec.key, reason_of(v.error().message, f.spec.key)});
                continue;
            }
        }
        if (needed && !has_value) {
            errors.push_back(
                {f.spec.key, f.spec.required_unless.empty()
                                 ? std::string("is required")
                                 : "is required unless `" + f.spec.required_unless + "` is set"});
        }
    }
    return errors;
}

Result<SettingsEdit> SettingsForm::edit() const {
    const auto errors = validate();
    if (!errors.empty()) {
        return Error{"field `" + errors.front().key + "`: " + errors.front().reason};
    }
    SettingsEdit out;
    for (const SettingField& f : fields_) {
        if (f.host) {
            const auto value = host_value(f).value;
            if (value && (!f.spec.default_value ||
                          std::get<double>(*f.spec.default_value) != static_cast<double>(*value))) {
                out.host[f.spec.key] = *value;
            }
            continue;
        }
        if (f.spec.secret) {
            if (auto it = typed_secrets_.find(f.spec.key); it != typed_secrets_.end()) {
                out.secrets[f.spec.key] = it->second;
            } else if (f.secret_cleared) {
                out.erase_secrets.push_back(f.spec.key);
            }
            continue;
        }
        if (blank(f.text)) {
            continue;
        }
        auto value = parse_setting_value(f.spec, f.text);
        const std::string text = setting_value_to_text(value.value());
        if (f.spec.default_value && setting_value_to_text(*f.spec.default_value) == text) {
            continue;
        }
        out.settings[f.spec.key] = text;
    }
    return out;
}

std::string secret_place_text(SecretPlace place) {
    switch (place) {
        case SecretPlace::Keyring:
            return "stored in keyring";
        case SecretPlace::File:
            return "stored in file";
        case SecretPlace::Environment:
            return "set in the environment";
        case SecretPlace::None:
            break;
    }
    return "not set";
}

}  // namespace gigscout
