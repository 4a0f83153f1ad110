// gigscout-cli list, mark, export and import as a user runs them: the real binary, a real data
// directory, real files (docs/cli.md, docs/store.md).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <map>
#include <set>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "base/iso_time.h"
#include "base/json_reader.h"
#include "base/paths.h"
#include "cli_process.h"
#include "refresh/source_config.h"
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

// The bundled demo listings as of today: their posting dates move by the time since
// 2026-12-04T21:00Z, when the expected ranks and counts were read, as the app's demo moves them
// (app/demo_data.h). Read as they are, a profile's 45-day limit would filter them all once the
// calendar passes early January 2027.
fs::path demo_listings_as_of_today(const fs::path& folder) {
    const std::int64_t shift = now_epoch_seconds() - *parse_iso8601("2026-12-04T21:00:00Z");
    auto doc = json::parse(read_file(source_dir() / "resources" / "demo" / "demo-listings.json"),
                           "demo listings");
    EXPECT_TRUE(doc.ok());
    rapidjson::Document& listings = doc.value();
    for (auto& l : listings.GetArray()) {
        if (l.HasMember("posted_at") && l["posted_at"].IsString()) {
            auto posted = parse_iso8601(l["posted_at"].GetString());
            EXPECT_TRUE(posted) << l["posted_at"].GetString();
            const std::string moved = format_iso8601(posted.value_or(0) + shift);
            l["posted_at"].SetString(moved.c_str(), static_cast<rapidjson::SizeType>(moved.size()),
                                     listings.GetAllocator());
        }
    }
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    listings.Accept(w);
    const fs::path out = folder / "demo-listings.json";
    write_file(out, std::string(buf.GetString(), buf.GetSize()));
    return out;
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
    EXPECT_EQ(str(cv["skills"][0], "skill"), "computer-vision");  // the title's first

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

TEST_F(CliStore, OnlyTheListingsShownStopBeingNew) {
    auto demo = cli({"import", demo_listings_as_of_today(dir.path()).string()});
    ASSERT_EQ(demo.code, 0) << demo.err;
    ASSERT_EQ(cli({"profile", "add", "cv", "--starter", "intermediate"}).code, 0);
    // Every stored listing, ranked (filtered ones last), and which of them are still new.
    auto ranked = [&] {
        std::vector<std::pair<std::string, bool>> out;
        // Kept in a variable: a range-for over a temporary's array outlives the temporary.
        rapidjson::Document doc = list_json({"--all"});
        for (const auto& row : doc.GetArray()) {
            out.emplace_back(str(row, "id"), row["new"].GetBool());
        }
        return out;
    };
    auto still_new = [&] {
        std::set<std::string> out;
        for (const auto& [id, fresh] : ranked()) {
            if (fresh) {
                out.insert(id);
            }
        }
        return out;
    };
    auto before = ranked();
    ASSERT_EQ(before.size(), 25u);
    std::set<std::string> expected_new;
    for (const auto& [id, fresh] : before) {
        ASSERT_TRUE(fresh) << id;
        expected_new.insert(id);
    }
    // --top 3 shows the three best: only they are seen (a few shown: they are named).
    auto top = cli({"list", "--top", "3"});
    ASSERT_EQ(top.code, 0) << top.err;
    EXPECT_EQ(top.err, "3 listings, 3 new; ranked against profile `cv`\n");
    for (std::size_t i = 0; i < 3; ++i) {
        expected_new.erase(before[i].first);
    }
    EXPECT_EQ(still_new(), expected_new);
    // --min-score 60 shows the 7 scoring 60 or more, 3 of them seen already.
    auto good = cli({"list", "--min-score", "60"});
    ASSERT_EQ(good.code, 0) << good.err;
    EXPECT_EQ(good.err, "7 listings, 4 new; ranked against profile `cv`\n");
    for (std::size_t i = 0; i < 7; ++i) {
        expected_new.erase(before[i].first);
    }
    EXPECT_EQ(still_new(), expected_new);
    ASSERT_EQ(expected_new.size(), 18u);
    // The default view shows every listing the profile does not filter out; the 9 it filters
    // out (below its minimum pay, two levels away, ...: scored but never on screen) stay new
    // (many shown: the rest is named).
    auto plain = cli({"list"});
    ASSERT_EQ(plain.code, 0) << plain.err;
    EXPECT_EQ(plain.err, "16 listings, 9 new; ranked against profile `cv`\n");
    EXPECT_EQ(still_new(),
              (std::set<std::string>{"demo:11", "demo:12", "demo:13", "demo:16", "demo:17",
                                     "demo:20", "demo:22", "demo:25", "demo:6"}));
    // --all shows them too: now nothing is new.
    ASSERT_EQ(cli({"list", "--all"}).code, 0);
    EXPECT_TRUE(still_new().empty());
}

TEST_F(CliStore, ListExplainsScoresAsMatchDoesAndMatchTakesAStoredProfileName) {
    fs::path demo = demo_listings_as_of_today(dir.path());
    ASSERT_EQ(cli({"import", demo.string()}).code, 0);
    auto no_profile = cli({"list", "--explain"});
    EXPECT_EQ(no_profile.code, 2);
    EXPECT_EQ(no_profile.err,
              "gigscout-cli list: --explain needs a profile: there is no active profile; pass "
              "--profile NAME or FILE\n");
    ASSERT_EQ(cli({"profile", "add", "cv", "--starter", "intermediate"}).code, 0);
    auto listed = cli({"list", "--top", "1", "--explain", "--keep-new"});
    ASSERT_EQ(listed.code, 0) << listed.err;
    // The budget on the details line, then match's two lines.
    EXPECT_THAT(listed.out,
                HasSubstr("     https://example.com/demo/24  [demo]  $45–55/h\n"
                          "            matched: Computer vision, Image classification, PyTorch, "
                          "Docker, Python · partial: Back-end\n              development (via "
                          "Flask)\n"
                          "            skill 30.3 + level 20 + budget"));
    // `match --profile` takes the stored name as `list` does.
    auto matched = cli({"match", "--profile", "cv", "--listings", demo.string(), "--top", "1"});
    ASSERT_EQ(matched.code, 0) << matched.err;
    EXPECT_THAT(matched.out, HasSubstr("Ranked 25 listings for \"Intermediate computer-vision "
                                       "engineer\""));
    EXPECT_THAT(matched.out, HasSubstr("            matched: Computer vision, Image "
                                       "classification, PyTorch, Docker, Python · partial: "
                                       "Back-end\n"));
    auto nope = cli({"match", "--profile", "nope", "--listings", demo.string()});
    EXPECT_EQ(nope.code, 2);
    EXPECT_EQ(nope.err,
              "gigscout-cli match: --profile: no stored profile is named `nope` and no file nope "
              "exists\n");
}

TEST_F(CliStore, ImportingAListingArrayMergesCrossPostsAsARefreshDoes) {
    // One job on two boards (the company's legal suffix and the board's "(Remote)" differ),
    // and another job of the same company that must stay apart.
    auto f = file("boards.json", R"json([
      {"id": "remotive:101", "source": "remotive", "url": "https://remotive.com/remote-jobs/101",
       "title": "Computer Vision Engineer (Remote)", "company": "Acme Vision Inc.",
       "description": "Build OpenCV and PyTorch pipelines for warehouse robots."},
      {"id": "weworkremotely:abc", "source": "weworkremotely",
       "url": "https://weworkremotely.com/remote-jobs/acme-vision-computer-vision-engineer",
       "title": "Computer Vision Engineer", "company": "Acme Vision",
       "description": "Build OpenCV and PyTorch pipelines for warehouse robots."},
      {"id": "remotive:102", "source": "remotive", "url": "https://remotive.com/remote-jobs/102",
       "title": "Data Labeling Lead", "company": "Acme Vision",
       "description": "Run a team that labels images."}])json");
    auto r = cli({"import", f.string()});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr("3 listings (3 new, 0 already known), 0 user states, 0 "
                                 "profiles, 0 settings; 1 cross-posted copies merged\n"));
    auto rows = list_json();
    ASSERT_EQ(rows.Size(), 2u);
    std::map<std::string, std::vector<std::string>> sources;
    for (const auto& row : rows.GetArray()) {
        for (const auto& src : row["sources"].GetArray()) {
            sources[str(row, "id")].push_back(src.GetString());
        }
    }
    EXPECT_EQ(sources["remotive:101"], (std::vector<std::string>{"remotive", "weworkremotely"}));
    EXPECT_EQ(sources["remotive:102"], (std::vector<std::string>{"remotive"}));
    // Importing it again merges nothing more.
    r = cli({"import", f.string()});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(list_json().Size(), 2u);
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

TEST_F(CliStore, ALargeListingArrayIsReadInBatchesAndItsProblemsNamedByTheirPlaceInTheFile) {
    // 4,500 listings: three batches of the streaming import (2,000 each); one bad in the last.
    std::string text = "[";
    for (int i = 0; i < 4500; ++i) {
        text += i > 0 ? ",\n" : "";
        const std::string url =
            i == 4321 ? "javascript:alert(1)" : "https://a.com/" + std::to_string(i);
        text += R"({"id": "a:)" + std::to_string(i) + R"(", "url": ")" + url +
                R"(", "title": "Computer vision engineer )" + std::to_string(i) +
                R"(", "company": "Company )" + std::to_string(i) +
                R"(", "description": "OpenCV and PyTorch."})";
    }
    text += "]";
    auto f = file("big.json", text);
    auto r = cli({"import", f.string()});
    EXPECT_EQ(r.code, 2);
    EXPECT_THAT(r.err, HasSubstr("gigscout-cli import: importing 4500 listings into "));
    EXPECT_THAT(r.err, HasSubstr("gigscout-cli import: " + f.string() +
                                 ": listing 4321: field `url`: must be an http or https URL"));
    EXPECT_EQ(r.out, "imported " + f.string() +
                         ": 4499 listings (4499 new, 0 already known), 0 user states, 0 "
                         "profiles, 0 settings\n");
    auto rows = list_json();
    ASSERT_EQ(rows.Size(), 4499u);
    // Every batch went through the intake door: skills extracted in the last one too.
    for (const auto& row : rows.GetArray()) {
        if (str(row, "id") == "a:4499") {
            ASSERT_TRUE(row["listing"].HasMember("skills"));
            EXPECT_GT(row["listing"]["skills"].Size(), 0u);
        }
    }
}

TEST_F(CliStore, AnExportReadInBatchesAppliesAMergeWhoseListingComesInALaterBatch) {
    // listings[0] was merged into a listing 2,400 entries later: in another batch.
    std::string text = R"({"format": "gigscout-state", "version": 1, "listings": [)";
    for (int i = 0; i < 2500; ++i) {
        const std::string id = "a:" + std::to_string(i);
        const std::string url = "https://a.com/" + std::to_string(i);
        text += i > 0 ? ",\n" : "";
        text += R"({"id": ")" + id + R"(", "url": ")" + url +
                R"(", "first_seen": "2026-11-20T00:00:00Z", "last_seen": "2026-11-20T00:00:00Z", )";
        if (i == 0) {
            text += R"("merged_into": "a:2400", )";
        }
        text += R"("listing": {"id": ")" + id + R"(", "url": ")" + url + R"(", "title": "Job )" +
                std::to_string(i) + R"("}})";
    }
    text += "]}";
    auto f = file("export.json", text);
    auto r = cli({"import", f.string()});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr(": 2500 listings (2500 new, 0 already known)"));
    EXPECT_EQ(list_json().Size(), 2499u);
    // The duplicate's id acts on the listing it joined.
    ASSERT_EQ(cli({"mark", "a:0", "saved"}).code, 0);
    auto saved = list_json({"--state", "saved"});
    ASSERT_EQ(saved.Size(), 1u);
    EXPECT_EQ(str(saved[0], "id"), "a:2400");
}

TEST_F(CliStore, ImportMergesACrossPostWhoseCopiesComeInDifferentBatches) {
    // A listing array is stored 2,000 listings at a time: the first listing and the 2,401st are
    // one job on two boards (same company and title), and so are the 10th and the 2,450th (same
    // canonical url, one with a tracking parameter).
    std::string text = "[";
    for (int i = 0; i < 2500; ++i) {
        std::string id = "a:" + std::to_string(i);
        std::string url = "https://a.com/" + std::to_string(i);
        std::string title = "Job " + std::to_string(i);
        std::string company = "Company " + std::to_string(i);
        if (i == 2400) {
            id = "b:1";
            url = "https://b.com/1";
            title = "Job 0 (Remote)";
            company = "Company 0 Inc.";
        }
        if (i == 2449) {
            url = "https://a.com/9?utm_source=feed";
        }
        text += i > 0 ? ",\n" : "";
        text += R"({"id": ")" + id + R"(", "source": ")" + id.substr(0, 1) + R"(", "url": ")" +
                url + R"(", "title": ")" + title + R"(", "company": ")" + company + R"("})";
    }
    text += "]";
    auto r = cli({"import", file("boards.json", text).string()});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr(": 2500 listings (2500 new, 0 already known), 0 user states, 0 "
                                 "profiles, 0 settings; 2 cross-posted copies merged\n"));
    EXPECT_EQ(list_json().Size(), 2498u);
    // The copy stored first keeps its id; the later one joins it with its source.
    auto joined = list_json({"--state", "new"});
    std::map<std::string, std::vector<std::string>> sources;
    for (const auto& row : joined.GetArray()) {
        for (const auto& src : row["sources"].GetArray()) {
            sources[str(row, "id")].push_back(src.GetString());
        }
    }
    EXPECT_EQ(sources["a:0"], (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(sources.count("b:1"), 0u);
    EXPECT_EQ(sources.count("a:2449"), 0u);
    EXPECT_EQ(sources["a:9"], (std::vector<std::string>{"a"}));
}

TEST_F(CliStore, ACsvFileIsReadInBatchesNamingRowsInTheWholeFile) {
    // 4,500 rows, read 2,000 at a time: multi-line quoted descriptions, a bad row in the third
    // batch named by its row in the file, and a cross-post whose copies are in two batches.
    std::string text = "id,source,url,title,company,description\r\n";
    for (int i = 0; i < 4500; ++i) {
        const std::string n = std::to_string(i);
        if (i == 4100) {
            text += "c:4100,c,javascript:alert(1),Bad,Acme,\"x\"\r\n";
            continue;
        }
        const std::string title = i == 3999 ? "Job 0" : "Job " + n;
        text += "c:" + n + ",c,https://c.com/" + n + "," + title + ",Company " +
                (i == 3999 ? "0" : n) + ",\"Line one of " + n + ",\nline \"\"two\"\".\"\r\n";
    }
    auto f = file("rows.csv", text);
    auto r = cli({"import", f.string()});
    EXPECT_EQ(r.code, 2);
    EXPECT_THAT(r.err, HasSubstr("gigscout-cli import: importing 4500 listings into "));
    EXPECT_THAT(r.err, HasSubstr(f.string() + ": row 4102: "));
    EXPECT_THAT(r.out, HasSubstr(": 4499 listings (4499 new, 0 already known), 0 user states, 0 "
                                 "profiles, 0 settings; 1 cross-posted copies merged\n"));
    auto rows = list_json();
    ASSERT_EQ(rows.Size(), 4498u);
    bool saw = false;
    for (const auto& row : rows.GetArray()) {
        if (str(row, "id") == "c:7") {
            saw = true;
            EXPECT_EQ(str(row["listing"], "description"), "Line one of 7,\nline \"two\".");
        }
    }
    EXPECT_TRUE(saw);
    // A quote that never closes, far into the file: refused before anything is stored.
    data = dir.path() / "elsewhere";
    auto open_quote = file("open.csv", text + "c:9999,c,https://c.com/9999,Job,Acme,\"never");
    auto refused = cli({"import", open_quote.string()});
    EXPECT_EQ(refused.code, 2);
    EXPECT_THAT(refused.err, HasSubstr(open_quote.string() + ": line 9001: a quoted cell is never "
                                                             "closed"));
    EXPECT_EQ(list_json().Size(), 0u);
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
    EXPECT_EQ(r.code, 2);  // the user's file, not a failure of GigScout (docs/cli.md)
    EXPECT_EQ(r.err, "gigscout-cli list: " + (data / "data" / "gigscout.sqlite3").string() +
                         " is not a GigScout database (not an SQLite file); GigScout left it as "
                         "it is — move it away to start a new store, or use another "
                         "--data-dir\n");
    EXPECT_EQ(read_file(data / "data" / "gigscout.sqlite3"), "not a database\n");
}

// An export without its `exported_at` time: the rest must match byte for byte.
std::string without_export_time(std::string text) {
    auto at = text.find("\"exported_at\":\"");
    if (at != std::string::npos) {
        text.erase(at, text.find(',', at) + 1 - at);
    }
    return text;
}

TEST_F(CliStore, WhatTheDoorsLetInExportsAndImportsIntoAFreshStoreByteForByte) {
    ASSERT_EQ(cli({"import", file("l.json", kListings).string()}).code, 0);
    // A profile saved by an editor that starts files with a byte order mark.
    std::string advanced =
        read_file(source_dir() / "resources" / "profiles" / "advanced-cv-engineer.json");
    auto added =
        cli({"profile", "add", "cv", file("bom.json", "\xEF\xBB\xBF" + advanced).string()});
    ASSERT_EQ(added.code, 0) << added.err;
    ASSERT_EQ(cli({"profile", "add", "starter", "--starter", "beginner"}).code, 0);
    // Notes: Unicode is fine; bytes that are not UTF-8 and notes over 10 KiB are refused.
    ASSERT_EQ(cli({"mark", "remoteok:1", "applied", "--note", "sent CV — v3 ✓, \"quoted\""}).code,
              0);
    auto bad = cli({"mark", "remotive:3", "saved", "--note", std::string("caf\xE9")});
    EXPECT_EQ(bad.code, 2);
    EXPECT_EQ(bad.err,
              "gigscout-cli mark: --note: not valid UTF-8 text (is the terminal's character set "
              "UTF-8?)\n");
    auto long_note =
        cli({"mark", "remotive:3", "saved", "--note", std::string(10 * 1024 + 1, 'x')});
    EXPECT_EQ(long_note.code, 2);
    EXPECT_EQ(long_note.err,
              "gigscout-cli mark: --note: longer than 10 KiB (10241 bytes); keep longer text in a "
              "file and note where it is\n");
    ASSERT_EQ(cli({"mark", "remotive:3", "saved", "--note", std::string(10 * 1024, 'x')}).code, 0);
    ASSERT_EQ(cli({"mark", "remoteok:2", "hidden"}).code, 0);
    ASSERT_EQ(cli({"list"}).code, 0);  // a look: the rest is seen, last_look_at is set

    fs::path first = dir.path() / "first.json";
    auto e = cli({"export", first.string()});
    ASSERT_EQ(e.code, 0) << e.err;
    EXPECT_EQ(e.err, "");
    data = dir.path() / "fresh";
    auto i = cli({"import", first.string()});
    ASSERT_EQ(i.code, 0) << i.err;
    EXPECT_THAT(i.out, HasSubstr("3 listings (3 new, 0 already known), 3 user states, 2 profiles"));
    fs::path second = dir.path() / "second.json";
    ASSERT_EQ(cli({"export", second.string()}).code, 0);
    EXPECT_EQ(without_export_time(read_file(second)), without_export_time(read_file(first)));
    EXPECT_THAT(read_file(second), HasSubstr("\"note\":\"sent CV — v3 ✓, \\\"quoted\\\"\""));
    EXPECT_EQ(read_file(first).find("\xEF\xBB\xBF"), std::string::npos);
}

TEST_F(CliStore, TheUsersSourcesTravelWithAnExportAndNeverReplaceTheOnesThere) {
    write_file(data / "config" / "sources.json", R"({"sources": [
        {"plugin": "remoteok"},
        {"plugin": "greenhouse", "instance": "gitlab", "settings": {"board": "gitlab"}},
        {"plugin": "rss", "instance": "blog", "enabled": false,
         "settings": {"url": "https://example.com/jobs.rss"}}]})");
    fs::path first = dir.path() / "first.json";
    auto e = cli({"export", first.string()});
    ASSERT_EQ(e.code, 0) << e.err;
    EXPECT_THAT(e.out, HasSubstr("0 settings, 3 sources"));

    // A fresh machine gets the same sources back, and exports the same file.
    const fs::path original = data;
    data = dir.path() / "fresh";
    auto i = cli({"import", first.string()});
    ASSERT_EQ(i.code, 0) << i.err;
    EXPECT_THAT(i.out,
                HasSubstr("3 sources added to " + (data / "config" / "sources.json").string()));
    auto moved = load_sources(data / "config" / "sources.json");
    auto kept = load_sources(original / "config" / "sources.json");
    ASSERT_TRUE(moved.ok() && kept.ok());
    ASSERT_EQ(moved.value().sources.size(), 3u);
    for (std::size_t k = 0; k < 3; ++k) {
        EXPECT_EQ(moved.value().sources[k].id, kept.value().sources[k].id);
        EXPECT_EQ(moved.value().sources[k].enabled, kept.value().sources[k].enabled);
        EXPECT_EQ(moved.value().sources[k].settings, kept.value().sources[k].settings);
    }
    fs::path second = dir.path() / "second.json";
    ASSERT_EQ(cli({"export", second.string()}).code, 0);
    EXPECT_EQ(without_export_time(read_file(second)), without_export_time(read_file(first)));

    // A machine with sources of its own keeps them as they are; only the missing ones join.
    data = dir.path() / "other";
    write_file(data / "config" / "sources.json",
               R"({"sources": [{"plugin": "remoteok", "enabled": false}]})");
    auto j = cli({"import", first.string()});
    ASSERT_EQ(j.code, 0) << j.err;
    EXPECT_THAT(j.out, HasSubstr("2 sources added"));
    auto merged = load_sources(data / "config" / "sources.json");
    ASSERT_TRUE(merged.ok());
    ASSERT_EQ(merged.value().sources.size(), 3u);
    EXPECT_EQ(merged.value().sources[0].id, "remoteok");
    EXPECT_FALSE(merged.value().sources[0].enabled) << "the user's own source is unchanged";
}

TEST_F(CliStore, ADamagedExportRestoresEveryEntryAndNamesEachRepair) {
    // As an older GigScout wrote it: a profile copied raw with its byte order mark, and a note
    // that is not UTF-8. Before, import refused the whole file and restored nothing.
    auto f = file("old.json",
                  "{\"format\": \"gigscout-state\", \"version\": 1, \"active_profile\": \"cv\",\n"
                  "\"profiles\": [{\"name\": \"cv\", \"updated_at\": \"2026-11-20T00:00:00Z\", "
                  "\"profile\": \xEF\xBB\xBF{\"skills\": [{\"skill\": \"opencv\", \"level\": "
                  "\"advanced\"}]}}],\n"
                  "\"listings\": [{\"id\": \"remoteok:1\", \"url\": \"https://remoteok.com/1\", "
                  "\"first_seen\": \"2026-11-20T00:00:00Z\", \"last_seen\": "
                  "\"2026-11-20T00:00:00Z\", \"listing\": {\"id\": \"remoteok:1\", \"url\": "
                  "\"https://remoteok.com/1\", \"title\": \"Computer vision engineer\"}, "
                  "\"action\": {\"state\": \"saved\", \"changed_at\": \"2026-11-20T00:00:00Z\", "
                  "\"note\": \"caf\xE9\"}}]}\n");
    auto r = cli({"import", f.string()});
    EXPECT_EQ(r.code, 2);
    EXPECT_THAT(r.err, HasSubstr("gigscout-cli import: " + f.string() +
                                 ": repaired: 1 byte order mark(s) inside the file"));
    EXPECT_THAT(r.err, HasSubstr("gigscout-cli import: " + f.string() +
                                 ": repaired: listings[0].action.note: text that was not UTF-8 "
                                 "was replaced with U+FFFD\n"));
    EXPECT_THAT(r.err, HasSubstr("gigscout-cli import: " + f.string() +
                                 " was damaged; 2 repairs were made and every entry was "
                                 "imported\n"));
    auto saved = list_json({"--state", "saved"});
    ASSERT_EQ(saved.Size(), 1u);
    EXPECT_EQ(str(saved[0], "note"), "caf\xEF\xBF\xBD");
    EXPECT_THAT(cli({"profile", "list"}).out, HasSubstr("cv"));
}

TEST_F(CliStore, ADamagedListingArrayLosesOnlyItsDamagedListingsEachNamedWithItsBytes) {
    // Listing 1 lost a closing quote, listing 3 is not UTF-8, and the file ends inside listing
    // 5: the three others are imported.
    const std::string broken =
        R"({"id": "a:1", "url": "https://a.com/1", "title": "One, "company": "Acme"})";
    const std::string latin1 =
        "{\"id\": \"a:3\", \"url\": \"https://a.com/3\", \"title\": \"Caf\xE9\"}";
    const std::string text =
        "[" + std::string(R"({"id": "a:0", "url": "https://a.com/0", "title": "Zero"})") + ",\n" +
        broken + ",\n" + R"({"id": "a:2", "url": "https://a.com/2", "title": "Two"})" + ",\n" +
        latin1 + ",\n" + R"({"id": "a:4", "url": "https://a.com/4", "title": "Four"})" + ",\n" +
        R"({"id": "a:5", "url": "https://a.com/5", "tit)";
    auto f = file("damaged.json", text);
    auto r = cli({"import", f.string()});
    EXPECT_EQ(r.code, 2);
    const std::string at = std::to_string(text.find("company"));
    EXPECT_THAT(r.err, HasSubstr("gigscout-cli import: " + f.string() + ": at byte " + at +
                                 ": Missing a comma or '}' after an object member.\n"
                                 "gigscout-cli import: reading it entry by entry: importing "
                                 "the listings that can be read into "));
    auto bytes = [&](const std::string& from, const std::string& to) {
        return std::to_string(text.find(from)) + " to " + std::to_string(text.find(to));
    };
    const std::string said = "gigscout-cli import: " + f.string() + ": ";
    EXPECT_THAT(r.err, HasSubstr(said + "listing 1 (bytes " + bytes(broken, "{\"id\": \"a:2\"") +
                                 "): not JSON: Missing a comma or '}' after an object member (at "
                                 "byte " +
                                 at + "); skipped to the next listing\n"));
    EXPECT_THAT(r.err,
                HasSubstr(said + "listing 3 (bytes " + bytes(latin1, "{\"id\": \"a:4\"") +
                          "): not JSON: Invalid encoding in string (at byte " +
                          std::to_string(text.find('\xE9')) + "); skipped to the next listing\n"));
    EXPECT_THAT(r.err, HasSubstr(said + "listing 5 (from byte " +
                                 std::to_string(text.find("{\"id\": \"a:5\"")) +
                                 "): not JSON: Missing a closing quotation mark in string (at "
                                 "byte " +
                                 std::to_string(text.size()) +
                                 "); nothing after it could be read (was the file cut short?)\n"));
    EXPECT_THAT(r.err, HasSubstr("gigscout-cli import: 3 entries of " + f.string() +
                                 " were skipped (the rest was imported)\n"));
    EXPECT_EQ(r.out, "imported " + f.string() +
                         ": 3 listings (3 new, 0 already known), 0 user states, 0 profiles, 0 "
                         "settings\n");
    std::set<std::string> ids;
    // Kept in a variable: a range-for over a temporary's array outlives the temporary.
    rapidjson::Document listed = list_json();
    for (const auto& row : listed.GetArray()) {
        ids.insert(str(row, "id"));
    }
    EXPECT_EQ(ids, (std::set<std::string>{"a:0", "a:2", "a:4"}));
}

TEST_F(CliStore, AnExportCutShortRestoresEveryWholeEntryBeforeTheCut) {
    ASSERT_EQ(cli({"import", file("l.json", kListings).string()}).code, 0);
    ASSERT_EQ(cli({"mark", "remoteok:2", "saved", "--note", "call Tuesday"}).code, 0);
    const fs::path backup = dir.path() / "backup.json";
    ASSERT_EQ(cli({"export", backup.string()}).code, 0);
    // As a full disk leaves it: the file ends inside the last entry.
    std::string text = read_file(backup);
    const std::size_t last = text.find("{\"id\":\"remotive:3\"");
    ASSERT_NE(last, std::string::npos);
    text.resize(last + 40);
    auto cut = file("cut.json", text);
    data = dir.path() / "other-machine";
    auto r = cli({"import", cut.string()});
    EXPECT_EQ(r.code, 2);
    EXPECT_THAT(r.err,
                HasSubstr("gigscout-cli import: " + cut.string() + ": listings[2] (from byte " +
                          std::to_string(last) + "): not JSON: "));
    EXPECT_THAT(r.err, HasSubstr("; nothing after it could be read (was the file cut short?)\n"));
    EXPECT_THAT(r.out, HasSubstr(": 2 listings (2 new, 0 already known), 1 user states"));
    auto saved = list_json({"--state", "saved"});
    ASSERT_EQ(saved.Size(), 1u);
    EXPECT_EQ(str(saved[0], "id"), "remoteok:2");
    EXPECT_EQ(str(saved[0], "note"), "call Tuesday");
    EXPECT_EQ(list_json().Size(), 2u);
}

TEST_F(CliStore, SourceAddFindsThePluginForAPastedAddressAndRemoveTakesItOut) {
    const fs::path sources = data / "config" / "sources.json";
    auto gh = cli({"source", "add", "https://boards.greenhouse.io/gitlab/jobs/4020305008"});
    ASSERT_EQ(gh.code, 0) << gh.err;
    EXPECT_EQ(gh.out, "added greenhouse:gitlab to " + sources.string() +
                          ": plugin greenhouse (its url_patterns match); settings: board = "
                          "gitlab\ntry it: gigscout-cli fetch --source greenhouse:gitlab\n");
    auto feed = cli({"source", "add", "https://jobs.robotics.example/feed.atom", "--id", "robots"});
    ASSERT_EQ(feed.code, 0) << feed.err;
    EXPECT_THAT(feed.out, HasSubstr("added rss:robots to "));
    EXPECT_THAT(feed.out, HasSubstr("no plugin knows this address; it looks like a feed"));

    auto file = load_sources(sources);
    ASSERT_TRUE(file.ok()) << file.error().message;
    std::map<std::string, SourceConfig> by_id;
    for (const auto& c : file.value().sources) {
        by_id[c.id] = c;
    }
    ASSERT_TRUE(by_id.count("greenhouse:gitlab"));
    EXPECT_EQ(by_id["greenhouse:gitlab"].settings.at("board"), "gitlab");
    ASSERT_TRUE(by_id.count("rss:robots"));
    EXPECT_EQ(by_id["rss:robots"].settings.at("url"), "https://jobs.robotics.example/feed.atom");
    EXPECT_TRUE(by_id.count("remoteok")) << "the bundled defaults became the file first";

    auto list = cli({"source", "list"});
    EXPECT_THAT(list.out, HasSubstr("greenhouse:gitlab"));

    auto twice = cli({"source", "add", "https://boards.greenhouse.io/gitlab"});
    EXPECT_EQ(twice.code, 2);
    EXPECT_THAT(twice.err, HasSubstr("source `greenhouse:gitlab` is already configured"));
    auto bad = cli({"source", "add", "boards.greenhouse.io/gitlab"});
    EXPECT_EQ(bad.code, 2);
    EXPECT_THAT(bad.err, HasSubstr("expected a board's address: an http or https URL"));

    auto removed = cli({"source", "remove", "greenhouse:gitlab"});
    ASSERT_EQ(removed.code, 0) << removed.err;
    EXPECT_EQ(removed.out, "removed greenhouse:gitlab from " + sources.string() +
                               " (its listings stay in the store)\n");
    EXPECT_THAT(cli({"source", "list"}).out, ::testing::Not(HasSubstr("greenhouse:gitlab")));
    auto gone = cli({"source", "remove", "greenhouse:gitlab"});
    EXPECT_EQ(gone.code, 2);
    EXPECT_THAT(gone.err, HasSubstr("no configured source named `greenhouse:gitlab`"));
}

TEST_F(CliStore, AMissingOrBrokenBundledResourceIsAMessageAndExit1NotACrash) {
    fs::path resources = dir.path() / "resources";
    fs::create_directories(resources);
    auto with_resources = [&](const std::vector<std::string>& args) {
        return run_cli(data, args, dir.path(),
                       {"/usr/bin/env", "GIGSCOUT_RESOURCES=" + resources.string()});
    };
    const std::string fix =
        " (GigScout's bundled resources are missing, unreadable or damaged: reinstall GigScout, "
        "or set GIGSCOUT_RESOURCES to a copy of its resources folder)\n";
    auto l = file("l.json", kListings);
    auto r = with_resources({"import", l.string()});
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.err, "gigscout-cli import: cannot load the bundled skill taxonomy: " +
                         (resources / "taxonomy.json").string() + ": no such file" + fix);

    write_file(resources / "taxonomy.json", "{\"skills\": [");
    r = with_resources({"list"});
    EXPECT_EQ(r.code, 1);
    EXPECT_THAT(r.err, HasSubstr("gigscout-cli list: cannot load the bundled skill taxonomy: " +
                                 (resources / "taxonomy.json").string()));

    fs::copy_file(source_dir() / "resources" / "taxonomy.json", resources / "taxonomy.json",
                  fs::copy_options::overwrite_existing);
    r = with_resources({"mark", "remoteok:1", "saved"});
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.err, "gigscout-cli mark: cannot load the bundled currency table: " +
                         (resources / "currency-rates.json").string() + ": no such file" + fix);
    // Nothing was started: no store was created.
    EXPECT_FALSE(fs::exists(data));
}

// docs/cli.md: exit 2 for the user's mistakes, and every message as "gigscout-cli <command>:".
TEST_F(CliStore, UsageMistakesExitTwoWithTheCommandsOwnMessage) {
    ASSERT_EQ(cli({"import", file("l.json", kListings).string()}).code, 0);
    data = file("plain-file", "x");
    auto r = cli({"list"});
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.err, "gigscout-cli list: --data-dir: " + data.string() + " is not a directory\n");
    data = dir.path() / "d";

    fs::create_directories(dir.path() / "folder");
    r = cli({"export", (dir.path() / "folder").string()});
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.err, "gigscout-cli export: " + (dir.path() / "folder").string() +
                         " is a directory; give the name of a file to write\n");
    r = cli({"export", (dir.path() / "missing" / "b.json").string()});
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.err, "gigscout-cli export: cannot write " +
                         (dir.path() / "missing" / "b.json").string() + ": the folder " +
                         (dir.path() / "missing").string() + " does not exist\n");
    EXPECT_FALSE(fs::exists(dir.path() / "missing"));

    r = cli({"frobnicate"});
    EXPECT_EQ(r.code, 2);
    EXPECT_THAT(r.err, ::testing::StartsWith("gigscout-cli: unknown command `frobnicate` "
                                             "(commands: "));
    EXPECT_THAT(r.err, HasSubstr("list, mark, export, import"));
    EXPECT_THAT(r.err, ::testing::EndsWith("; see gigscout-cli --help\n"));
    r = cli({"list", "--frob"});
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.err,
              "gigscout-cli list: unexpected argument(s): --frob; see gigscout-cli list --help\n");
    r = cli({"mark", "remoteok:1"});
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.err, "gigscout-cli mark: state is required; see gigscout-cli mark --help\n");
    r = cli({"profile", "add", "x", "--starter", "advanced", "--bogus"});
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.err,
              "gigscout-cli profile: unexpected argument(s): --bogus; see gigscout-cli "
              "profile add --help\n");
    EXPECT_EQ(cli({"list", "--help"}).code, 0);
}

TEST_F(CliStore, ImportRefusesEmptyAndUtf16JsonAndSetsAsideOnlyAListingWithAHugeNumber) {
    auto empty = file("empty.json", "");
    auto r = cli({"import", empty.string()});
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.err, "gigscout-cli import: " + empty.string() +
                         ": the file is empty; expected a GigScout export, a JSON array of "
                         "listings or a CSV file\n");
    auto utf16 = file("utf16.json", std::string("\xFF\xFE[\0]\0", 6));
    r = cli({"import", utf16.string()});
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.err, "gigscout-cli import: " + utf16.string() +
                         ": looks like UTF-16 text (it has a UTF-16 byte order mark or NUL "
                         "bytes); save it as UTF-8 and import it again\n");
    auto prose = file("notes.json", "hello\n");
    r = cli({"import", prose.string()});
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(r.err, "gigscout-cli import: " + prose.string() +
                         ": expected a GigScout export (a JSON object) or a JSON array of "
                         "listings, got text starting with \"hello?\"\n");
    // A byte order mark before the array is not CSV either.
    auto bom = file("bom.json", "\xEF\xBB\xBF" + std::string(kListings));
    r = cli({"import", bom.string()});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr("3 listings (3 new"));

    auto huge = file("huge.json", R"json([
      {"id": "a:1", "url": "https://a.com/1", "title": "Fine"},
      {"id": "a:2", "url": "https://a.com/2", "title": "Rich", "description": "[1, {\"x\": 2}]",
       "budget": {"kind": "fixed", "min": 1e400, "currency": "USD"}},
      {"id": "a:3", "url": "https://a.com/3", "title": "Also fine",
       "budget": {"kind": "fixed", "min": 10, "max": 2e999}}])json");
    r = cli({"import", huge.string()});
    EXPECT_EQ(r.code, 2);
    EXPECT_THAT(r.err, HasSubstr("gigscout-cli import: " + huge.string() +
                                 ": listing 1: the number 1e400 is too large (it does not fit a "
                                 "double)\n"));
    EXPECT_THAT(r.err, HasSubstr("gigscout-cli import: " + huge.string() +
                                 ": listing 2: the number 2e999 is too large (it does not fit a "
                                 "double)\n"));
    EXPECT_THAT(r.err, HasSubstr("2 entries of " + huge.string() + " were skipped"));
    auto all = list_json();
    std::set<std::string> ids;
    for (const auto& row : all.GetArray()) {
        ids.insert(str(row, "id"));
    }
    EXPECT_EQ(ids.count("a:1"), 1u);
    EXPECT_EQ(ids.count("a:2"), 0u);
}

// Root ignores permissions, so these run the CLI as `nobody` through setpriv. `nobody` reaches
// only what is world-readable, and a checkout in root's home folder or in a `mktemp -d` folder
// (mode 0700) is not: the binary and the resources it reads are copied into this test's own
// world-readable folder first. tests/cli/store/from_private_folder.sh runs these cases with the
// CLI in a 0700 folder to keep it so.
class CliStoreReadOnly : public CliStore {
  protected:
    fs::path nobody_cli;
    fs::path nobody_resources;

    void SetUp() override {
        if (::geteuid() != 0) {
            GTEST_SKIP() << "needs root to drop to `nobody` with setpriv (run as root, as CI does)";
        }
        if (!fs::exists("/usr/bin/setpriv")) {
            GTEST_SKIP() << "setpriv is missing (Debian package util-linux)";
        }
        // The copies live in this test's folder: `nobody` must be able to reach it.
        for (fs::path p = dir.path().parent_path(); p != p.parent_path(); p = p.parent_path()) {
            if ((fs::status(p).permissions() & fs::perms::others_exec) == fs::perms::none) {
                GTEST_SKIP() << p << " (above the test's temporary folder) is not searchable by "
                             << "other users, so `nobody` cannot reach the copied program; set "
                             << "TMPDIR to a world-searchable folder such as /tmp";
            }
        }
        fs::permissions(dir.path(), fs::perms(0755));
        fs::path program = dir.path() / "program";
        fs::create_directories(program);
        nobody_cli = program / "gigscout-cli";
        fs::copy_file(cli_binary(), nobody_cli);
        nobody_resources = program / "resources";
        fs::copy(resources_dir(), nobody_resources, fs::copy_options::recursive);
        // A clone made under umask 077 has private files; the copies are for everyone.
        for (const fs::path& p : {program, nobody_resources}) {
            fs::permissions(p, fs::perms(0755));
        }
        fs::permissions(nobody_cli, fs::perms(0755));
        for (const auto& e : fs::recursive_directory_iterator(nobody_resources)) {
            fs::permissions(e.path(), e.is_directory() ? fs::perms(0755) : fs::perms(0644));
        }
    }
    CliRun as_nobody(const std::vector<std::string>& args) {
        return run_cli(data, args, dir.path(),
                       {"/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                        "/usr/bin/env", "GIGSCOUT_RESOURCES=" + nobody_resources.string()},
                       nobody_cli);
    }
    void read_only_tree() {
        for (const char* d : {"", "data", "config", "cache"}) {
            fs::create_directories(data / d);
            fs::permissions(data / d, fs::perms(0555));
        }
    }
};

TEST_F(CliStoreReadOnly, ResourcesTheUserCannotReadAreAMessageAndExit1) {
    fs::permissions(nobody_resources, fs::perms(0700));
    auto r = as_nobody({"list"});
    EXPECT_EQ(r.code, 1);
    EXPECT_THAT(r.err, HasSubstr("gigscout-cli list: cannot load the bundled skill taxonomy: " +
                                 (nobody_resources / "taxonomy.json").string() +
                                 ": cannot open: Permission denied (GigScout's bundled resources "
                                 "are missing, unreadable or damaged"));
}

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
