// A thin layer over the SQLite C API: one connection, prepared statements, write transactions,
// and failures turned into messages that name the database file and say what to do.
//
// Inside the store, a failing SQLite call throws DbError; every public Store method catches it
// at its boundary (Store::guard) and returns an Error, so no exception leaves the store.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace gigscout::store {

// A failed SQLite call; `message` is already written for a person (see describe_sqlite_error).
class DbError : public std::runtime_error {
  public:
    DbError(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
    int code() const { return code_; }  // SQLite's primary result code

  private:
    int code_;
};

// "the database /x/gigscout.sqlite3 is full: ..." — never SQLite's own "database is locked",
// which means nothing to a user.
std::string describe_sqlite_error(int code, std::string_view sqlite_message,
                                  const std::filesystem::path& file);

class Statement {
  public:
    Statement() = default;
    Statement(sqlite3_stmt* stmt, const std::filesystem::path* file) : stmt_(stmt), file_(file) {}
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Parameters are numbered from 1, as in SQLite.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const std::string& text) {
        return bind(index, std::string_view(text));
    }
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    // Binds without copying: `text` must stay alive and unchanged until the next reset().
    Statement& bind_static(int index, std::string_view text);
    Statement& bind_null(int index);
    template <class T>
    Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind_null(index);
    }

    // True while a row is available; false when done. Throws DbError.
    bool step();
    // Steps to the end and resets, for statements that return nothing.
    void run();
    // Ready to bind and step again (bindings are cleared).
    void reset();

    bool is_null(int column) const;
    std::int64_t integer(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    std::string_view text_view(int column) const;  // valid until the next step
    std::optional<std::int64_t> optional_integer(int column) const;
    std::optional<double> optional_real(int column) const;
    std::optional<std::string> optional_text(int column) const;

  private:
    [[noreturn]] void fail(int code) const;

    sqlite3_stmt* stmt_ = nullptr;
    const std::filesystem::path* file_ = nullptr;
};

// One connection. Not for sharing between threads: open one per thread or process (SQLite
// serialises writers across connections through its file locks and our busy timeout).
class Database {
  public:
    // Opens (creating when `create`) the file; throws DbError.
    static Database open(const std::filesystem::path& file, bool create, int busy_timeout_ms);

    Database() = default;
    ~Database();
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void exec(const char* sql);
    Statement prepare(std::string_view sql);
    // The single value of a one-row, one-column query (e.g. a PRAGMA).
    std::optional<std::string> query_text(const char* sql);
    std::int64_t query_integer(const char* sql);

    bool read_only() const;
    std::int64_t changes() const;
    const std::filesystem::path& file() const { return *file_; }
    sqlite3* handle() const { return db_; }

    [[noreturn]] void fail(int code) const;

  private:
    sqlite3* db_ = nullptr;
    // Heap-held so statements keep a stable pointer when the Database moves.
    std::unique_ptr<std::filesystem::path> file_;
};

// BEGIN IMMEDIATE ... COMMIT. IMMEDIATE takes the write lock up front, so a writer waits in the
// busy handler instead of failing with SQLITE_BUSY when it upgrades a read transaction that
// another writer overtook (which the busy timeout cannot help with). Rolls back unless
// committed.
class WriteTransaction {
  public:
    explicit WriteTransaction(Database& db);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;
    void commit();

  private:
    Database& db_;
    bool open_ = true;
};

// BEGIN ... COMMIT around reads, so several queries see one snapshot (WAL readers never block
// writers and are never blocked by them).
class ReadTransaction {
  public:
    explicit ReadTransaction(Database& db);
    ~ReadTransaction();
    ReadTransaction(const ReadTransaction&) = delete;
    ReadTransaction& operator=(const ReadTransaction&) = delete;

  private:
    Database& db_;
};

}  // namespace gigscout::store
