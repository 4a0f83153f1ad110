#include "store/secret_store.h"

#include <libsecret/secret.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <system_error>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "base/file_io.h"
#include "base/json_reader.h"

namespace gigscout {
namespace fs = std::filesystem;

struct SecretStore::Backend {
    virtual ~Backend() = default;
    virtual SecretBackend kind() const = 0;
    virtual std::string describe() const = 0;
    virtual Result<std::optional<std::string>> get(const std::string& source,
                                                   const std::string& key) const = 0;
    virtual Status set(const std::string& source, const std::string& key,
                       const std::string& value) = 0;
    virtual Status erase(const std::string& source, const std::string& key) = 0;
};

namespace {

constexpr const char* kSecretServiceName = "org.freedesktop.secrets";

std::string what(const std::string& source, const std::string& key) {
    return "the secret `" + key + "` of `" + source + "`";
}

// --- keyring ---------------------------------------------------------------------------------

// Items are found by these two attributes; the schema name keeps them apart from other apps'.
const SecretSchema* schema() {
    static const SecretSchema* s = secret_schema_new(
        "org.gigscout.SourceSecret", SECRET_SCHEMA_NONE, "source", SECRET_SCHEMA_ATTRIBUTE_STRING,
        "key", SECRET_SCHEMA_ATTRIBUTE_STRING, static_cast<char*>(nullptr));
    return s;
}

std::string take_error(GError* error) {
    std::string message =
        error != nullptr && error->message != nullptr ? error->message : "unknown error";
    g_clear_error(&error);
    return message;
}

class KeyringBackend : public SecretStore::Backend {
  public:
    SecretBackend kind() const override { return SecretBackend::Keyring; }
    std::string describe() const override { return "the desktop keyring (Secret Service)"; }

    Result<std::optional<std::string>> get(const std::string& source,
                                           const std::string& key) const override {
        GError* error = nullptr;
        gchar* value =
            secret_password_lookup_sync(schema(), nullptr, &error, "source", source.c_str(), "key",
                                        key.c_str(), static_cast<char*>(nullptr));
        if (error != nullptr) {
            return Error{"cannot read " + what(source, key) +
                         " from the keyring: " + take_error(error)};
        }
        if (value == nullptr) {
            return std::optional<std::string>();
        }
        std::string out(value);
        secret_password_free(value);  // wipes the memory
        return std::optional<std::string>(std::move(out));
    }

    Status set(const std::string& source, const std::string& key,
               const std::string& value) override {
        GError* error = nullptr;
        std::string label = "GigScout: " + source + " " + key;
        gboolean ok = secret_password_store_sync(
            schema(), SECRET_COLLECTION_DEFAULT, label.c_str(), value.c_str(), nullptr, &error,
            "source", source.c_str(), "key", key.c_str(), static_cast<char*>(nullptr));
        if (!ok || error != nullptr) {
            return Error{"cannot store " + what(source, key) +
                         " in the keyring: " + take_error(error)};
        }
        return Ok{};
    }

    Status erase(const std::string& source, const std::string& key) override {
        GError* error = nullptr;
        secret_password_clear_sync(schema(), nullptr, &error, "source", source.c_str(), "key",
                                   key.c_str(), static_cast<char*>(nullptr));
        if (error != nullptr) {
            return Error{"cannot erase " + what(source, key) +
                         " from the keyring: " + take_error(error)};
        }
        return Ok{};
    }
};

// --- file ------------------------------------------------------------------------------------

class FileBackend : public SecretStore::Backend {
  public:
    explicit FileBackend(fs::path file) : file_(std::move(file)) {}

    SecretBackend kind() const override { return SecretBackend::File; }
    std::string describe() const override {
        return "the file " + file_.string() + " (readable only by you)";
    }

    Result<std::optional<std::string>> get(const std::string& source,
                                           const std::string& key) const override {
        auto doc = load();
        if (!doc) {
            return doc.error();
        }
        const rapidjson::Value& secrets = doc.value()["secrets"];
        auto s = secrets.FindMember(source.c_str());
        if (s == secrets.MemberEnd() || !s->value.IsObject()) {
            return std::optional<std::string>();
        }
        auto k = s->value.FindMember(key.c_str());
        if (k == s->value.MemberEnd() || !k->value.IsString()) {
            return std::optional<std::string>();
        }
        return std::optional<std::string>(
            std::string(k->value.GetString(), k->value.GetStringLength()));
    }

    Status set(const std::string& source, const std::string& key,
               const std::string& value) override {
        auto doc = load();
        if (!doc) {
            return doc.error();
        }
        rapidjson::Document& d = doc.value();
        auto& alloc = d.GetAllocator();
        rapidjson::Value& secrets = d["secrets"];
        auto s = secrets.FindMember(source.c_str());
        if (s == secrets.MemberEnd()) {
            secrets.AddMember(rapidjson::Value(source.c_str(), alloc),
                              rapidjson::Value(rapidjson::kObjectType), alloc);
            s = secrets.FindMember(source.c_str());
        }
        auto k = s->value.FindMember(key.c_str());
        if (k != s->value.MemberEnd()) {
            k->value.SetString(value.c_str(), static_cast<rapidjson::SizeType>(value.size()),
                               alloc);
        } else {
            s->value.AddMember(rapidjson::Value(key.c_str(), alloc),
                               rapidjson::Value(value.c_str(), alloc), alloc);
        }
        return save(d, source, key);
    }

    Status erase(const std::string& source, const std::string& key) override {
        auto doc = load();
        if (!doc) {
            return doc.error();
        }
        rapidjson::Document& d = doc.value();
        auto s = d["secrets"].FindMember(source.c_str());
        if (s == d["secrets"].MemberEnd() || !s->value.IsObject() ||
            !s->value.RemoveMember(key.c_str())) {
            return Ok{};
        }
        return save(d, source, key);
    }

  private:
    // The file's content, or {"version": 1, "secrets": {}} when it does not exist yet.
    Result<rapidjson::Document> load() const {
        struct stat st {};
        if (::stat(file_.c_str(), &st) != 0) {
            if (errno != ENOENT) {
                return Error{"cannot read the secrets file " + file_.string() + ": " +
                             std::strerror(errno)};
            }
            rapidjson::Document d;
            d.Parse(R"({"version": 1, "secrets": {}})");
            return d;
        }
        if ((st.st_mode & 077) != 0) {
            char mode[8];
            std::snprintf(mode, sizeof mode, "%03o", static_cast<unsigned>(st.st_mode & 0777));
            return Error{"the secrets file " + file_.string() +
                         " can be read by other users "
                         "(mode " +
                         mode + "); GigScout will not use it until you run `chmod 600 " +
                         file_.string() + "`"};
        }
        auto text = read_text_file(file_, 1 << 20);
        if (!text) {
            return text.error();
        }
        auto doc = json::parse(text.value(), file_.string());
        if (!doc) {
            return doc.error();  // names the file, line and column; never echoes content
        }
        rapidjson::Document& d = doc.value();
        if (!d.IsObject() || !d.HasMember("secrets") || !d["secrets"].IsObject()) {
            return Error{"the secrets file " + file_.string() +
                         " is not a GigScout secrets file (expected an object with `secrets`)"};
        }
        return std::move(doc).value();
    }

    Status save(const rapidjson::Document& d, const std::string& source, const std::string& key) {
        std::error_code ec;
        fs::create_directories(file_.parent_path(), ec);
        if (ec) {
            return Error{"cannot store " + what(source, key) + ": cannot create " +
                         file_.parent_path().string() + ": " + ec.message()};
        }
        rapidjson::StringBuffer buf;
        rapidjson::Writer<rapidjson::StringBuffer> w(buf);
        d.Accept(w);
        // write_file_atomically creates its temporary file with mode 0600 before writing, so
        // the secret is never readable by others, not even for a moment.
        if (auto s = write_file_atomically(file_, {buf.GetString(), buf.GetSize()}); !s) {
            return Error{"cannot store " + what(source, key) + ": " + s.error().message};
        }
        return Ok{};
    }

    fs::path file_;
};

Status check_names(const std::string& source, const std::string& key) {
    if (source.empty() || key.empty()) {
        return Error{"a secret needs a source and a key, got `" + source + "` and `" + key + "`"};
    }
    return Ok{};
}

}  // namespace

bool secret_service_running() {
    const char* address = std::getenv("DBUS_SESSION_BUS_ADDRESS");
    if (address == nullptr || *address == '\0') {
        return false;  // without it GLib would try to autolaunch a bus
    }
    GError* error = nullptr;
    GDBusConnection* bus = g_bus_get_sync(G_BUS_TYPE_SESSION, nullptr, &error);
    if (bus == nullptr) {
        g_clear_error(&error);
        return false;
    }
    GVariant* reply = g_dbus_connection_call_sync(
        bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
        "NameHasOwner", g_variant_new("(s)", kSecretServiceName), G_VARIANT_TYPE("(b)"),
        G_DBUS_CALL_FLAGS_NO_AUTO_START, 1000, nullptr, &error);
    bool running = false;
    if (reply != nullptr) {
        gboolean owned = FALSE;
        g_variant_get(reply, "(b)", &owned);
        running = owned == TRUE;
        g_variant_unref(reply);
    }
    g_clear_error(&error);
    g_object_unref(bus);
    return running;
}

SecretStore::SecretStore(std::unique_ptr<Backend> backend) : backend_(std::move(backend)) {}
SecretStore::~SecretStore() = default;
SecretStore::SecretStore(SecretStore&&) noexcept = default;
SecretStore& SecretStore::operator=(SecretStore&&) noexcept = default;

Result<SecretStore> SecretStore::open(const Paths& paths, SecretStoreOptions options) {
    using Use = SecretStoreOptions::Use;
    if (options.use != Use::FileOnly && secret_service_running()) {
        return SecretStore(std::make_unique<KeyringBackend>());
    }
    if (options.use == Use::KeyringOnly) {
        return Error{
            "no desktop keyring is running (no Secret Service on the session bus); start one "
            "(e.g. gnome-keyring-daemon) or use the secrets file"};
    }
    return SecretStore(std::make_unique<FileBackend>(paths.secrets_file()));
}

SecretBackend SecretStore::backend() const {
    return backend_->kind();
}

std::string SecretStore::describe() const {
    return backend_->describe();
}

Result<std::optional<std::string>> SecretStore::get(const std::string& source,
                                                    const std::string& key) const {
    if (auto s = check_names(source, key); !s) {
        return s.error();
    }
    return backend_->get(source, key);
}

Status SecretStore::set(const std::string& source, const std::string& key,
                        const std::string& value) {
    if (auto s = check_names(source, key); !s) {
        return s;
    }
    return backend_->set(source, key, value);
}

Status SecretStore::erase(const std::string& source, const std::string& key) {
    if (auto s = check_names(source, key); !s) {
        return s;
    }
    return backend_->erase(source, key);
}

}  // namespace gigscout
