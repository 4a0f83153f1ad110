#include "store/sqlite_db.h"

#include <sqlite3.h>

#include <cassert>
#include <utility>

namespace gigscout::store {

std::string describe_sqlite_error(int code, std::string_view sqlite_message,
                                  const std::filesystem::path& file) {
    const std::string f = file.string();
    const std::string detail(sqlite_message);
    switch (code & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            // SQLite says "database is locked"; say who holds it and what to do instead.
            return "the database " + f +
                   " stayed busy: another GigScout process (the app or a refresh) kept writing "
                   "longer than the wait limit; try again in a moment";
        case SQLITE_FULL:
            return "no space left for the database " + f +
                   " (the disk is full or the database reached its size limit); free some space "
                   "and try again — what was stored before is intact";
        case SQLITE_CORRUPT:
            return "the database " + f + " is damaged (" + detail +
                   "); GigScout left it as it is — move it away and restore your last export "
                   "with `gigscout-cli import`";
        case SQLITE_NOTADB:
            return f +
                   " is not a GigScout database (not an SQLite file); GigScout left it as it "
                   "is — move it away to start a new store, or use another --data-dir";
        case SQLITE_READONLY:
            return "the database " + f +
                   " cannot be written: its file, directory or disk is read-only (check the "
                   "permissions of the file and of its directory)";
        case SQLITE_CANTOPEN:
            return "cannot open the database " + f + ": " + detail +
                   " (does its directory exist, and may GigScout create files there?)";
        case SQLITE_PERM:
        case SQLITE_AUTH:
            return "no permission to use the database " + f + ": " + detail;
        case SQLITE_IOERR:
            return "input/output error on the database " + f + ": " + detail;
        default:
            return "the database " + f + ": " + detail;
    }
}

// --- Statement ---------------------------------------------------------------------------------

Statement::~Statement() {
    sqlite3_finalize(stmt_);
}

Statement::Statement(Statement&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)), file_(other.file_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(stmt_);
        stmt_ = std::exchange(other.stmt_, nullptr);
        file_ = other.file_;
    }
    return *this;
}

void Statement::fail(int code) const {
    sqlite3* db = sqlite3_db_handle(stmt_);
    throw DbError(code & 0xff, describe_sqlite_error(code, sqlite3_errmsg(db), *file_));
}

Statement& Statement::bind(int index, std::int64_t value) {
    if (int rc = sqlite3_bind_int64(stmt_, index, value); rc != SQLITE_OK) {
        fail(rc);
    }
    return *this;
}

Statement& Statement::bind(int index, double value) {
    if (int rc = sqlite3_bind_double(stmt_, index, value); rc != SQLITE_OK) {
        fail(rc);
    }
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    // SQLITE_TRANSIENT copies: callers bind temporaries freely.
    if (int rc = sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT,
                                     SQLITE_UTF8);
        rc != SQLITE_OK) {
        fail(rc);
    }
    return *this;
}

Statement& Statement::bind_static(int index, std::string_view text) {
    if (int rc =
            sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8);
        rc != SQLITE_OK) {
        fail(rc);
    }
    return *this;
}

Statement& Statement::bind_null(int index) {
    if (int rc = sqlite3_bind_null(stmt_, index); rc != SQLITE_OK) {
        fail(rc);
    }
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    // Leave the statement reusable for the next call after the caller handled the error.
    sqlite3_reset(stmt_);
    fail(rc);
}

void Statement::run() {
    while (step()) {
    }
    reset();
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

bool Statement::is_null(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(stmt_, column);
}

double Statement::real(int column) const {
    return sqlite3_column_double(stmt_, column);
}

std::string_view Statement::text_view(int column) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    if (p == nullptr) {
        return {};
    }
    return {p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::string Statement::text(int column) const {
    return std::string(text_view(column));
}

std::optional<std::int64_t> Statement::optional_integer(int column) const {
    if (is_null(column)) {
        return std::nullopt;
    }
    return integer(column);
}

std::optional<double> Statement::optional_real(int column) const {
    if (is_null(column)) {
        return std::nullopt;
    }
    return real(column);
}

std::optional<std::string> Statement::optional_text(int column) const {
    if (is_null(column)) {
        return std::nullopt;
    }
    return text(column);
}

// --- Database ----------------------------------------------------------------------------------

Database Database::open(const std::filesystem::path& file, bool create, int busy_timeout_ms) {
    Database d;
    d.file_ = std::make_unique<std::filesystem::path>(file);
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    if (create) {
        flags |= SQLITE_OPEN_CREATE;
    }
    int rc = sqlite3_open_v2(file.c_str(), &d.db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string detail = d.db_ != nullptr ? sqlite3_errmsg(d.db_) : sqlite3_errstr(rc);
        throw DbError(rc & 0xff, describe_sqlite_error(rc, detail, file));
    }
    sqlite3_busy_timeout(d.db_, busy_timeout_ms);
    // A command-line run is one short connection; checkpointing the log at every close would
    // cost it two more fsyncs. The log stays valid beside the file and is folded in by the
    // automatic checkpoint (every ~4 MiB of log) of a later write.
    sqlite3_db_config(d.db_, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    return d;
}

Database::~Database() {
    // Statements are finalised by their owners first; close_v2 copes if one is still alive.
    sqlite3_close_v2(db_);
}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), file_(std::move(other.file_)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        sqlite3_close_v2(db_);
        db_ = std::exchange(other.db_, nullptr);
        file_ = std::move(other.file_);
    }
    return *this;
}

void Database::fail(int code) const {
    throw DbError(code & 0xff, describe_sqlite_error(code, sqlite3_errmsg(db_), *file_));
}

void Database::exec(const char* sql) {
    if (int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr); rc != SQLITE_OK) {
        fail(rc);
    }
}

Statement Database::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
        fail(rc);
    }
    assert(stmt != nullptr && "prepare() needs one SQL statement");
    return Statement(stmt, file_.get());
}

std::optional<std::string> Database::query_text(const char* sql) {
    Statement s = prepare(sql);
    if (!s.step()) {
        return std::nullopt;
    }
    return s.optional_text(0);
}

std::int64_t Database::query_integer(const char* sql) {
    Statement s = prepare(sql);
    return s.step() ? s.integer(0) : 0;
}

bool Database::read_only() const {
    return sqlite3_db_readonly(db_, "main") == 1;
}

std::int64_t Database::changes() const {
    return sqlite3_changes64(db_);
}

// --- transactions ------------------------------------------------------------------------------

WriteTransaction::WriteTransaction(Database& db) : db_(db) {
    db_.exec("BEGIN IMMEDIATE");
}

WriteTransaction::~WriteTransaction() {
    if (open_) {
        // Nothing to report from a destructor; the error that got us here is already on its way.
        sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

void WriteTransaction::commit() {
    db_.exec("COMMIT");
    open_ = false;
}

ReadTransaction::ReadTransaction(Database& db) : db_(db) {
    db_.exec("BEGIN");
}

ReadTransaction::~ReadTransaction() {
    sqlite3_exec(db_.handle(), "COMMIT", nullptr, nullptr, nullptr);
}

}  // namespace gigscout::store
