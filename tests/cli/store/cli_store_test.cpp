// gigscout-cli list, mark, export and import as a user runs them: the real binary, a real data
// directory, real files (docs/cli.md, docs/store.md).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/json_reader.h"
#include "cli_process.h"
#include "support/test_support.h"

namespace gigscout::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// remoteok:1's 180,000 a year is 90 an hour, above the advanced starter profile's minimum of 80
// an hour, so ranking keeps it (pay below the minimum is filtered).
const char* kListings = R"json([
  {"id": "remoteok:1", "source": "remoteok", "url": "https://remoteok.com/1",
   "title": "Computer vision engineer (OpenCV, C++)", "company": "Acme",
   "description": "Build OpenCV pipelines in C++ and Python; PyTorch a plus.",
   "tags": ["opencv", "c++"], "budget": {"kind": "salary", "min": 180000, "currency": "USD"}},
  {"id": "remoteok:2", "source": "remoteok", "url": "https://remoteok.com/2",
   "title": "React frontend developer", "description": "React and TypeScript."},
  {"id": "remotive:3", "source": "remotive", "url": "https://remotive.com/3",
   "title": "Robotics perception engineer", "description": "ROS 2, PCL, SLAM."}
])json";

class CliStore : public ::testing::Test {
  protected:
    TempDir dir;
    fs::path data = dir.path() / "d";

    CliRun cli(const std::vector<std::string>& args) { return run_cli(data, args, dir.path()); }
    fs::path file(const std::string& name, const std::string& content) {
        write_file(dir.path() / name, content);
        return dir.path() / name;
    }
    rapidjson::Document list_json(std::vector<std::string> extra = {}) {
        std::vector<std::string> args = {"list", "--json", "--keep-new"};
        args.insert(args.end(), extra.begin(), extra.end());
        auto r = cli(args);
        EXPECT_EQ(r.code, 0) << r.err;
        auto doc = json::parse(r.out, "list --json");
        EXPECT_TRUE(doc.ok()) << r.out;
        return std::move(doc).value();
    }
};

std::string str(const rapidjson::Value& v, const char* key) {
    return v.HasMember(key) && v[key].IsString() ? v[key].GetString() : "";
}

TEST_F(CliStore, ImportedListingsAreListedNewWithTheirSkillsUntilTheUserLooks) {
    auto r = cli({"import", file("l.json", kListings).string()});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out, "imported " + (dir.path() / "l.json").string() +
                         ": 3 listings (3 new, 0 already known), 0 user states, 0 profiles, 0 "
                         "settings\n");
    auto doc = list_json();
    ASSERT_EQ(doc.Size(), 3u);
    for (const auto& row : doc.GetArray()) {
        EXPECT_EQ(str(row, "state"), "new");
        EXPECT_TRUE(row["new"].GetBool());
        EXPECT_FALSE(row.HasMember("score"));  // no profile yet
    }
    const auto& cv = doc[0]["listing"];
    EXPECT_EQ(str(cv, "id"), "remoteok:1");
    ASSERT_TRUE(cv["skills"].IsArray());
    EXPECT_GE(cv["skills"].Size(), 2u);
    EXPECT_EQ(str(cv["skills"][0], "skill"), "opencv");

    auto look = cli({"list"});
    ASSERT_EQ(look.code, 0) << look.err;
    EXPECT_THAT(look.out, HasSubstr("new      remoteok:1  Computer vision engineer"));
    EXPECT_EQ(look.err,
              "3 listings, 3 new; newest first, unscored (no active profile; pass --profile)\n");
    auto after = list_json();
    for (const auto& row : after.GetArray()) {
        EXPECT_EQ(str(row, "state"), "seen");
        EXPECT_FALSE(row["new"].GetBool());
    }
}

TEST_F(CliStore, MarkRecordsTheActionAndItSurvivesExportAndImportElsewhere) {
    ASSERT_EQ(cli({"import", file("l.json", kListings).string()}).code, 0);
    auto m = cli({"mark", "remoteok:1", "applied", "--note", "sent CV v3"});
    ASSERT_EQ(m.code, 0) << m.err;
    EXPECT_EQ(m.out, "remoteok:1: applied\n");
    ASSERT_EQ(cli({"mark", "remoteok:2", "hidden"}).code, 0);
    ASSERT_EQ(cli({"mark", "remoteok:2", "hidden", "--note", "not for me"}).code, 0);
    auto applied = list_json({"--state", "applied"});
    ASSERT_EQ(applied.Size(), 1u);
    EXPECT_EQ(str(applied[0], "note"), "sent CV v3");
    EXPECT_FALSE(str(applied[0], "applied_at").empty());
    // Hidden listings leave the default view.
    EXPECT_EQ(list_json().Size(), 2u);

    auto e = cli({"export", (dir.path() / "backup.json").string()});
    ASSERT_EQ(e.code, 0) << e.err;
    EXPECT_EQ(e.out, "exported 3 listings, 0 profiles, 0 settings to " +
                         (dir.path() / "backup.json").string() + "\n");
    std::string backup = read_file(dir.path() / "backup.json");
    EXPECT_THAT(backup, HasSubstr("\"format\":\"gigscout-state\""));

    data = dir.path() / "other-machine";
    auto i = cli({"import", (dir.path() / "backup.json").string()});
    ASSERT_EQ(i.code, 0) << i.err;
    EXPECT_THAT(i.out, HasSubstr("3 listings (3 new, 0 already known), 2 user states"));
    applied = list_json({"--state", "applied"});
    ASSERT_EQ(applied.Size(), 1u);
    EXPECT_EQ(str(applied[0], "id"), "remoteok:1");
    EXPECT_EQ(str(applied[0], "note"), "sent CV v3");
    EXPECT_EQ(list_json({"--state", "hidden"}).Size(), 1u);
    // Importing the same backup again changes nothing.
    i = cli({"import", (dir.path() / "backup.json").string()});
    EXPECT_THAT(i.out, HasSubstr("3 listings (0 new, 3 already known), 0 user states"));
}

TEST_F(CliStore, ListRanksAgainstTheActiveOrANamedProfile) {
    ASSERT_EQ(cli({"import", file("l.json", kListings).string()}).code, 0);
    std::string profile =
        read_file(source_dir() / "resources" / "profiles" / "advanced-cv-engineer.json");
    auto state = file("profile.json", R"({"format": "gigscout-state", "version": 1,
        "active_profile": "cv", "profiles": [{"name": "cv", "profile": )" +
                                          profile + "}]}");
    auto r = cli({"import", state.string()});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr("1 profiles"));
    auto ranked = list_json();
    ASSERT_EQ(ranked.Size(), 3u);
    EXPECT_EQ(str(ranked[0], "id"), "remoteok:1");
    int previous = 101;
    for (const auto& row : ranked.GetArray()) {
        ASSERT_TRUE(row.HasMember("score"));
        EXPECT_LE(row["score"].GetInt(), previous);
        previous = row["score"].GetInt();
    }
    int best = ranked[0]["score"].GetInt();
    auto top = list_json({"--min-score", std::to_string(best)});
    EXPECT_EQ(top.Size(), 1u);
    auto text = cli({"list", "--keep-new", "--profile", "cv"});
    EXPECT_EQ(text.code, 0);
    EXPECT_THAT(text.err, HasSubstr("ranked against profile `cv`"));
    auto missing = cli({"list", "--profile", "nope"});
    EXPECT_EQ(missing.code, 2);
    EXPECT_EQ(missing.err,
              "gigscout-cli list: --profile: no stored profile is named `nope` and no file nope "
              "exists\n");
}

TEST_F(CliStore, ProfilesAreStoredCheckedAndOneIsActiveForList) {
    ASSERT_EQ(cli({"import", file("l.json", kListings).string()}).code, 0);
    auto none = cli({"profile", "list"});
    ASSERT_EQ(none.code, 0) << none.err;
    EXPECT_THAT(none.out, HasSubstr("no profiles yet"));

    // A profile with a mistake is refused with the field named, and nothing is stored.
    auto bad =
        cli({"profile", "add", "bad",
             file("bad.json", R"({"skills": [{"skill": "opencv", "level": "guru"}]})").string()});
    EXPECT_EQ(bad.code, 2);
    EXPECT_THAT(bad.err, HasSubstr("field `skills[0].level`: unknown value \"guru\""));

    // The first stored profile becomes active, so `list` scores at once.
    auto add = cli({"profile", "add", "cv", "--starter", "advanced"});
    ASSERT_EQ(add.code, 0) << add.err;
    EXPECT_THAT(add.out, HasSubstr("saved profile `cv`"));
    EXPECT_THAT(add.out, HasSubstr("it is the active profile"));
    auto scored = list_json();
    ASSERT_EQ(scored.Size(), 3u);
    EXPECT_TRUE(scored[0].HasMember("score"));
    EXPECT_EQ(str(scored[0]["listing"], "id"), "remoteok:1");

    // A second one is kept beside it until the user switches to it.
    auto web =
        file("web.json", R"({"name": "Web", "skills": [{"skill": "react", "level": "advanced"},
                                                        {"skill": "typescript", "level": "advanced"}]})");
    ASSERT_EQ(cli({"profile", "add", "web", web.string()}).code, 0);
    auto listed = cli({"profile", "list", "--json"});
    ASSERT_EQ(listed.code, 0) << listed.err;
    auto doc = json::parse(listed.out, "profile list --json");
    ASSERT_TRUE(doc.ok()) << listed.out;
    ASSERT_EQ(doc.value().Size(), 2u);
    EXPECT_EQ(str(doc.value()[0], "name"), "cv");
    EXPECT_TRUE(doc.value()[0]["active"].GetBool());
    EXPECT_FALSE(doc.value()[1]["active"].GetBool());

    ASSERT_EQ(cli({"profile", "use", "web"}).code, 0);
    auto web_first = list_json();
    EXPECT_EQ(str(web_first[0]["listing"], "id"), "remoteok:2");  // the React job
    EXPECT_THAT(cli({"profile", "show", "web"}).out, HasSubstr("\"typescript\""));

    auto unknown = cli({"profile", "use", "nope"});
    EXPECT_EQ(unknown.code, 2);
    EXPECT_THAT(unknown.err, HasSubstr("no profile is named `nope`"));

    auto removed = cli({"profile", "remove", "web"});
    ASSERT_EQ(removed.code, 0) << removed.err;
    EXPECT_THAT(removed.out, HasSubstr("no profile is active now"));
    EXPECT_FALSE(list_json()[0].HasMember("score"));
    EXPECT_THAT(cli({"profile", "list"}).out, HasSubstr("  cv "));
}

TEST_F(CliStore, MarkRefusesUnknownIdsAndStates) {
    ASSERT_EQ(cli({"import", file("l.json", kListings).string()}).code, 0);
    auto r = cli({"mark", "remoteok:404", "saved"});
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.err,
              "gigscout-cli mark: no stored listing has the id `remoteok:404` (see `gigscout-cli "
              "list`)\n");
    r = cli({"mark", "remoteok:1", "loved"});
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.err,
              "gigscout-cli mark: expected seen, saved, hidden, applied or new (forget), got "
              "`loved`\n");
}

TEST_F(CliStore, ImportKeepsTheGoodEntriesAndNamesTheBadOnes) {
    auto f = file("mixed.json", R"json([
      {"id": "a:1", "url": "https://a.com/1", "title": "Fine"},
      {"id": "a:2", "url": "javascript:alert(1)", "title": "Bad"}])json");
    auto r = cli({"import", f.string()});
    EXPECT_EQ(r.code, 2);
    EXPECT_THAT(r.err, HasSubstr("gigscout-cli import: " + f.string() +
                                 ": listing 1: field `url`: must be an http or https URL"));
    EXPECT_THAT(r.err, HasSubstr("gigscout-cli import: 1 entries of " + f.string() +
                                 " were skipped (the rest was imported)\n"));
    EXPECT_EQ(list_json().Size(), 1u);
    auto missing = cli({"import", (dir.path() / "nope.json").string()});
    EXPECT_EQ(missing.code, 2);
    EXPECT_EQ(missing.err,
              "gigscout-cli import: " + (dir.path() / "nope.json").string() + ": no such file\n");
}

TEST_F(CliStore, ASelectionExportsAsCsvAndComesBackWithItsStates) {
    ASSERT_EQ(cli({"import", file("l.json", kListings).string()}).code, 0);
    ASSERT_EQ(cli({"mark", "remotive:3", "saved", "--note", "=1+1"}).code, 0);
    fs::path csv = dir.path() / "saved.csv";
    auto e = cli({"export", csv.string(), "--listings", "--state", "saved"});
    ASSERT_EQ(e.code, 0) << e.err;
    std::string text = read_file(csv);
    EXPECT_EQ(text.rfind("id,source,url,title,", 0), 0u);
    EXPECT_THAT(text, HasSubstr("remotive:3,remotive,https://remotive.com/3,"));
    EXPECT_THAT(text, HasSubstr(",'=1+1,"));  // a formula, disarmed
    data = dir.path() / "elsewhere";
    auto i = cli({"import", csv.string()});
    ASSERT_EQ(i.code, 0) << i.err;
    auto saved = list_json({"--state", "saved"});
    ASSERT_EQ(saved.Size(), 1u);
    EXPECT_EQ(str(saved[0], "note"), "=1+1");
    auto json_selection = cli({"export", (dir.path() / "sel.json").string(), "--listings"});
    ASSERT_EQ(json_selection.code, 0) << json_selection.err;
    EXPECT_EQ(read_file(dir.path() / "sel.json").rfind("[{\"id\":\"remotive:3\"", 0), 0u);
    EXPECT_EQ(cli({"export", "x.json", "--state", "saved"}).code, 2);
}

TEST_F(CliStore, AFileThatIsNotADatabaseIsReportedAndLeftAlone) {
    fs::create_directories(data / "data");
    write_file(data / "data" / "gigscout.sqlite3", "not a database\n");
    auto r = cli({"list"});
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.err, "gigscout-cli list: " + (data / "data" / "gigscout.sqlite3").string() +
                         " is not a GigScout database (not an SQLite file); GigScout left it as "
                         "it is — move it away to start a new store, or use another "
                         "--data-dir\n");
    EXPECT_EQ(read_file(data / "data" / "gigscout.sqlite3"), "not a database\n");
}

// Root ignores permissions, so these run the CLI as `nobody` through setpriv.
class CliStoreReadOnly : public CliStore {
  protected:
    void SetUp() override {
        if (::geteuid() != 0) {
            GTEST_SKIP() << "needs root to drop to `nobody` with setpriv (run as root, as CI does)";
        }
        if (!fs::exists("/usr/bin/setpriv")) {
            GTEST_SKIP() << "setpriv is missing (Debian package util-linux)";
        }
        fs::permissions(dir.path(), fs::perms(0755));
    }
    CliRun as_nobody(const std::vector<std::string>& args) {
        return run_cli(data, args, dir.path(),
                       {"/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"});
    }
    void read_only_tree() {
        for (const char* d : {"", "data", "config", "cache"}) {
            fs::create_directories(data / d);
            fs::permissions(data / d, fs::perms(0555));
        }
    }
};

TEST_F(CliStoreReadOnly, ANewStoreInAReadOnlyDirectoryFailsClearly) {
    read_only_tree();
    auto r = as_nobody({"mark", "a:1", "saved"});
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.err, "gigscout-cli mark: cannot open the database " +
                         (data / "data" / "gigscout.sqlite3").string() +
                         ": unable to open database file (does its directory exist, and may "
                         "GigScout create files there?)\n");
    EXPECT_FALSE(fs::exists(data / "data" / "gigscout.sqlite3"));
}

TEST_F(CliStoreReadOnly, AnExistingStoreThatCannotBeWrittenIsRefusedUntouched) {
    ASSERT_EQ(cli({"import", file("l.json", kListings).string()}).code, 0);
    ASSERT_EQ(cli({"mark", "remoteok:1", "saved"}).code, 0);
    fs::permissions(dir.path() / "l.json", fs::perms(0644));
    fs::path db = data / "data" / "gigscout.sqlite3";
    std::string before = read_file(db);
    read_only_tree();
    auto r = as_nobody({"mark", "remoteok:2", "saved"});
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.err, "gigscout-cli mark: the database " + db.string() +
                         " cannot be written: its file, directory or disk is read-only (check "
                         "the permissions of the file and of its directory)\n");
    r = as_nobody({"import", (dir.path() / "l.json").string()});
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(read_file(db), before);
    // Back in a writable directory, everything is still there.
    fs::permissions(data / "data", fs::perms(0755));
    auto saved = list_json({"--state", "saved"});
    ASSERT_EQ(saved.Size(), 1u);
    EXPECT_EQ(str(saved[0], "id"), "remoteok:1");
}

}  // namespace
}  // namespace gigscout::testing
