#include "store/store.h"

#include <cerrno>
#include <cstring>
#include <fstream>

#include "base/json_reader.h"
#include "base/utf8.h"
#include "store/schema.h"
#include "store/store_sql.h"

// The Store's own file: opening, profiles, settings. Writing listings: store_write.cpp;
// reading them: store_read.cpp; export and import: store_transfer.cpp.

namespace gigscout {
using store::Database;
using store::DbError;
using store::ReadTransaction;
using store::Refusal;
using store::Statement;
using store::WriteTransaction;
namespace fs = std::filesystem;
using store::check_name;
using store::check_setting;
using store::meta_text;
using store::set_meta;

namespace {

constexpr std::size_t kMaxSettingBytes = 64 * 1024;

}  // namespace

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

const fs::path& Store::file() const {
    return impl_->db.file();
}

// --- open ----------------------------------------------------------------------------------------

namespace {

// A file at the database path that GigScout cannot use as its store: the user's to move away.
Error not_our_database(std::string message) {
    Error e{std::move(message)};
    e.bad_input = true;
    return e;
}

// Refuses a file SQLite would otherwise report vaguely, before SQLite touches it.
std::optional<Error> check_existing_file(const fs::path& file) {
    std::error_code ec;
    auto status = fs::status(file, ec);
    if (ec || !fs::exists(status)) {
        return std::nullopt;
    }
    if (fs::is_directory(status)) {
        return not_our_database("the database path " + file.string() +
                                " is a directory, expected a file");
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return Error{"cannot read the database " + file.string() + ": " + std::strerror(errno)};
    }
    char header[16] = {};
    in.read(header, sizeof header);
    std::streamsize got = in.gcount();
    if (got == 0) {
        return std::nullopt;  // an empty file becomes a new database
    }
    static constexpr char kMagic[16] = "SQLite format 3";  // 15 chars and a NUL, as on disk
    if (got < 16 || !std::equal(header, header + 16, kMagic)) {
        return not_our_database(
            file.string() +
            " is not a GigScout database (not an SQLite file); GigScout left it as it is — move "
            "it away to start a new store, or use another --data-dir");
    }
    return std::nullopt;
}

}  // namespace

Result<Store> Store::open(const Paths& paths, StoreOptions options) {
    std::error_code ec;
    fs::create_directories(paths.data_dir, ec);
    if (ec) {
        return Error{"cannot create the data directory " + paths.data_dir.string() + ": " +
                     ec.message()};
    }
    return open(paths.database_file(), options);
}

Result<Store> Store::open(const fs::path& file, StoreOptions options) {
    if (auto refused = check_existing_file(file)) {
        return *refused;
    }
    try {
        auto impl = std::make_unique<Impl>();
        impl->options = options;
        impl->db = Database::open(file, true, static_cast<int>(options.busy_timeout.count()));
        Database& db = impl->db;
        if (db.read_only()) {
            return Error{"the database " + file.string() +
                         " cannot be written: its file, directory or disk is read-only (check "
                         "the permissions of the file and of its directory)"};
        }
        // The first read: a damaged file or an unwritable directory shows up here, before
        // anything is written.
        int version = store::schema_version(db);
        if (version > store::kSchemaVersion) {
            return not_our_database(
                "the database " + file.string() + " has schema version " + std::to_string(version) +
                ", newer than this GigScout understands (" + std::to_string(store::kSchemaVersion) +
                "): it was written by a newer GigScout. Upgrade GigScout; the file was not "
                "changed");
        }
        if (version == 0 && store::has_foreign_tables(db)) {
            return not_our_database(
                file.string() +
                " is an SQLite database of another program (it has tables but no GigScout "
                "schema version); GigScout left it as it is — move it away or use another "
                "--data-dir");
        }
        // 16 KiB pages for a new database (an existing one keeps its own): a listing is ~1.5 KB,
        // and a refresh writes every page it touches twice (log, then checkpoint) with a system
        // call or two per page, so fewer, larger pages make refreshes and loads cheaper
        // (docs/store.md, "Performance").
        db.exec("PRAGMA page_size = 16384");
        // WAL: readers never block the writer nor the writer them; the mode is persistent.
        auto mode = db.query_text("PRAGMA journal_mode = WAL");
        if (!mode || *mode != "wal") {
            return Error{"the database " + file.string() + " cannot use write-ahead logging (" +
                         mode.value_or("no answer") + "); is it on a network file system?"};
        }
        // FULL: every commit's WAL frames are fsynced before the commit returns, so an action
        // acknowledged to the user survives a power cut as well as a crash (docs/store.md).
        db.exec("PRAGMA synchronous = FULL");
        db.exec("PRAGMA foreign_keys = ON");
        store::migrate(db);
        // Room for a whole write batch (batch_size listings and the index pages they touch):
        // a smaller cache spills pages to the log before the commit and reads them back.
        db.exec("PRAGMA cache_size = -8192");
        if (options.max_page_count) {
            db.exec(("PRAGMA max_page_count = " + std::to_string(*options.max_page_count)).c_str());
        }
        return Store(std::move(impl));
    } catch (const DbError& e) {
        return Error{e.what()};
    }
}

// --- profiles ------------------------------------------------------------------------------------

Status Store::save_profile(const std::string& name, const std::string& json, std::int64_t now) {
    return guard<Ok>("saving the profile `" + name + "`", [&] {
        check_name("the profile", name);
        // A byte order mark (the parser skips it) would be exported inside the state file,
        // where it is not JSON: the text is kept without it.
        std::string_view text = utf8::without_bom(json);
        auto doc = json::parse(text, "the profile");
        if (!doc) {
            throw Refusal{doc.error().message};
        }
        if (!doc.value().IsObject()) {
            throw Refusal{"a profile is a JSON object, got " +
                          std::string(json::type_name(doc.value()))};
        }
        Database& db = impl_->db;
        WriteTransaction tx(db);
        Statement s = db.prepare(
            "INSERT INTO profiles (name, json, updated_at) VALUES (?1, ?2, ?3) "
            "ON CONFLICT (name) DO UPDATE SET json = excluded.json, "
            "updated_at = excluded.updated_at");
        s.bind(1, name).bind(2, text).bind(3, now).run();
        tx.commit();
        return Ok{};
    });
}

Status Store::delete_profile(const std::string& name) {
    return guard<Ok>("deleting the profile `" + name + "`", [&] {
        Database& db = impl_->db;
        WriteTransaction tx(db);
        Statement s = db.prepare("DELETE FROM profiles WHERE name = ?1");
        s.bind(1, name).run();
        if (db.changes() == 0) {
            throw Refusal{"no profile is named `" + name + "`"};
        }
        if (meta_text(db, "active_profile") == name) {
            db.exec("DELETE FROM meta WHERE key = 'active_profile'");
        }
        tx.commit();
        return Ok{};
    });
}

Result<std::vector<StoredProfile>> Store::profiles() {
    return guard<std::vector<StoredProfile>>("reading the profiles", [&] {
        Database& db = impl_->db;
        ReadTransaction snapshot(db);
        auto active = meta_text(db, "active_profile");
        std::vector<StoredProfile> out;
        Statement s = db.prepare("SELECT name, json, updated_at FROM profiles ORDER BY name");
        while (s.step()) {
            StoredProfile p{s.text(0), s.text(1), s.integer(2), false};
            p.active = active && *active == p.name;
            out.push_back(std::move(p));
        }
        return out;
    });
}

Status Store::set_active_profile(const std::string& name) {
    return guard<Ok>("activating the profile `" + name + "`", [&] {
        Database& db = impl_->db;
        WriteTransaction tx(db);
        Statement s = db.prepare("SELECT 1 FROM profiles WHERE name = ?1");
        s.bind(1, name);
        if (!s.step()) {
            throw Refusal{"no profile is named `" + name + "`"};
        }
        s.reset();
        set_meta(db, "active_profile", name);
        tx.commit();
        return Ok{};
    });
}

Result<std::optional<StoredProfile>> Store::active_profile() {
    return guard<std::optional<StoredProfile>>("reading the active profile", [&] {
        Database& db = impl_->db;
        ReadTransaction snapshot(db);
        std::optional<StoredProfile> out;
        Statement s = db.prepare(
            "SELECT p.name, p.json, p.updated_at FROM profiles p JOIN meta m "
            "ON m.key = 'active_profile' AND m.value = p.name");
        if (s.step()) {
            out = StoredProfile{s.text(0), s.text(1), s.integer(2), true};
        }
        return out;
    });
}

// --- settings ------------------------------------------------------------------------------------

Result<std::map<std::string, std::string>> Store::settings(SettingScope scope,
                                                           const std::string& owner) {
    return guard<std::map<std::string, std::string>>(
        "reading the " + std::string(to_string(scope)) + " settings", [&] {
            Statement s = impl_->db.prepare(
                "SELECT key, value FROM settings WHERE scope = ?1 AND owner = ?2");
            s.bind(1, to_string(scope)).bind(2, owner);
            std::map<std::string, std::string> out;
            while (s.step()) {
                out.emplace(s.text(0), s.text(1));
            }
            return out;
        });
}

Status Store::set_setting(SettingScope scope, const std::string& owner, const std::string& key,
                          const std::string& value) {
    return guard<Ok>("saving the setting `" + key + "`", [&] {
        check_setting(scope, owner, key);
        if (value.size() > kMaxSettingBytes) {
            throw Refusal{"the value is longer than 64 KiB"};
        }
        Database& db = impl_->db;
        WriteTransaction tx(db);
        Statement s = db.prepare(
            "INSERT INTO settings (scope, owner, key, value) VALUES (?1, ?2, ?3, ?4) "
            "ON CONFLICT (scope, owner, key) DO UPDATE SET value = excluded.value");
        s.bind(1, to_string(scope)).bind(2, owner).bind(3, key).bind(4, value).run();
        tx.commit();
        return Ok{};
    });
}

Status Store::erase_setting(SettingScope scope, const std::string& owner, const std::string& key) {
    return guard<Ok>("erasing the setting `" + key + "`", [&] {
        Database& db = impl_->db;
        WriteTransaction tx(db);
        Statement s =
            db.prepare("DELETE FROM settings WHERE scope = ?1 AND owner = ?2 AND key = ?3");
        s.bind(1, to_string(scope)).bind(2, owner).bind(3, key).run();
        tx.commit();
        return Ok{};
    });
}

Result<std::string> Store::integrity_check() {
    return guard<std::string>("checking the database", [&] {
        Statement s = impl_->db.prepare("PRAGMA integrity_check");
        std::string out;
        while (s.step()) {
            out += (out.empty() ? "" : "\n") + s.text(0);
        }
        return out;
    });
}

}  // namespace gigscout
