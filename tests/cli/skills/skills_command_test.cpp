// `gigscout-cli skills`, run as a user runs it: the real binary reading standard input or a
// file, printing canonical skills or, with --json, the spans where each was found.
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include "run_cli.h"
#include "support/test_support.h"

namespace gigscout {
namespace {

using testing::run_gigscout_cli;

std::string job_file() {
    return (testing::tests_dir() / "cli" / "skills" / "data" / "job.txt").string();
}

std::vector<std::string> first_column(const std::string& out) {
    std::vector<std::string> ids;
    std::size_t start = 0;
    while (start < out.size()) {
        std::size_t end = out.find('\n', start);
        std::string line = out.substr(start, end - start);
        ids.push_back(line.substr(0, line.find(' ')));
        start = end == std::string::npos ? out.size() : end + 1;
    }
    return ids;
}

TEST(SkillsCommand, ReadsStandardInputAndPrintsCanonicalSkills) {
    auto r = run_gigscout_cli({"skills"}, "We use PyTorch and OpenCV (cv2) for YOLOv8 models.");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(first_column(r.out), (std::vector<std::string>{"pytorch", "opencv", "yolo"}));
    EXPECT_NE(r.out.find("PyTorch"), std::string::npos) << r.out;
    EXPECT_EQ(run_gigscout_cli({"skills", "-"}, "OpenCV").out,
              run_gigscout_cli({"skills"}, "OpenCV").out);
}

TEST(SkillsCommand, JsonGivesTheSpansWhereEachSkillWasFound) {
    std::string text = testing::read_file(job_file());
    auto r = run_gigscout_cli({"skills", "--json", job_file()});
    ASSERT_EQ(r.code, 0) << r.err;
    rapidjson::Document d;
    d.Parse(r.out.c_str());
    ASSERT_FALSE(d.HasParseError()) << r.out;
    ASSERT_TRUE(d.IsArray());
    bool saw_opencv = false;
    for (const auto& s : d.GetArray()) {
        ASSERT_TRUE(s["skill"].IsString());
        ASSERT_TRUE(s["name"].IsString());
        ASSERT_TRUE(s["category"].IsString());
        ASSERT_GT(s["spans"].Size(), 0u);
        for (const auto& span : s["spans"].GetArray()) {
            auto begin = span["begin"].GetUint64();
            auto end = span["end"].GetUint64();
            ASSERT_LT(begin, end);
            ASSERT_LE(end, text.size());
            EXPECT_EQ(text.substr(begin, end - begin), span["text"].GetString());
        }
        if (std::string(s["skill"].GetString()) == "opencv") {
            saw_opencv = true;
            EXPECT_STREQ(s["name"].GetString(), "OpenCV");
            ASSERT_EQ(s["spans"].Size(), 2u);  // both mentions
            EXPECT_EQ(s["spans"][0]["begin"].GetUint64(), text.find("OpenCV"));
            EXPECT_EQ(s["spans"][1]["begin"].GetUint64(), text.rfind("OpenCV"));
        }
    }
    EXPECT_TRUE(saw_opencv) << r.out;
    // The plain form lists the same skills, in the same order.
    auto plain = run_gigscout_cli({"skills", job_file()});
    std::vector<std::string> ids;
    for (const auto& s : d.GetArray()) {
        ids.emplace_back(s["skill"].GetString());
    }
    EXPECT_EQ(first_column(plain.out), ids);
}

// A skill named only in a role title is what the ranking counts as a weaker signal: the command
// says so instead of listing it as asked.
TEST(SkillsCommand, ASkillNamedOnlyAsARoleIsMarkedSo) {
    auto r = run_gigscout_cli({"skills"}, "Senior DevOps Engineer: Terraform and Python.");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(first_column(r.out), (std::vector<std::string>{"devops", "terraform", "python"}));
    EXPECT_NE(r.out.find("DevOps  (named as a role or team only)"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("Terraform  (named"), std::string::npos) << r.out;
    auto j = run_gigscout_cli({"skills", "--json"}, "Senior DevOps Engineer; DevOps practices.");
    rapidjson::Document d;
    d.Parse(j.out.c_str());
    ASSERT_TRUE(d.IsArray() && d.Size() == 1) << j.out;
    EXPECT_TRUE(d[0]["asked"].GetBool()) << "the second mention asks for DevOps practices";
    auto k = run_gigscout_cli({"skills", "--json"}, "Senior DevOps Engineer");
    d.Parse(k.out.c_str());
    ASSERT_TRUE(d.IsArray() && d.Size() == 1) << k.out;
    EXPECT_FALSE(d[0]["asked"].GetBool());
}

// A skill the text names only as a plus is marked so: ranking weighs it less.
TEST(SkillsCommand, ANiceToHaveIsMarkedSo) {
    auto r = run_gigscout_cli({"skills"}, "Python required. Docker is a plus.");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("Docker  (nice to have)"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("Python  (nice"), std::string::npos) << r.out;
    auto j = run_gigscout_cli({"skills", "--json"}, "Python required. Docker is a plus.");
    rapidjson::Document d;
    d.Parse(j.out.c_str());
    ASSERT_TRUE(d.IsArray() && d.Size() == 2) << j.out;
    EXPECT_FALSE(d[0]["nice_to_have"].GetBool());
    EXPECT_TRUE(d[1]["nice_to_have"].GetBool());
}

TEST(SkillsCommand, EmptyInputFindsNothing) {
    auto r = run_gigscout_cli({"skills"}, "");
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out, "");
    auto json = run_gigscout_cli({"skills", "--json"}, "nothing technical here");
    EXPECT_EQ(json.code, 0) << json.err;
    EXPECT_EQ(json.out, "[]\n");
}

TEST(SkillsCommand, BadInputExitsTwoNamingIt) {
    auto missing = run_gigscout_cli({"skills", "/nonexistent/job.txt"});
    EXPECT_EQ(missing.code, 2);
    EXPECT_EQ(missing.err, "gigscout-cli skills: /nonexistent/job.txt: no such file\n");
    auto binary = run_gigscout_cli({"skills"}, std::string("OpenCV \xff\xfe", 9));
    EXPECT_EQ(binary.code, 2);
    EXPECT_EQ(binary.err, "gigscout-cli skills: standard input: not valid UTF-8 text\n");
}

TEST(SkillsCommand, TakesATextOfAnySizeAndFindsASkillAtItsVeryEnd) {
    // 20 MiB: over the 16 MiB the command once refused; read and matched piece by piece.
    std::string text;
    while (text.size() < (20u << 20)) {
        text += "We ship robots to warehouses and keep them running. ";
    }
    text += "Must know OpenCV.";
    auto r = run_gigscout_cli({"skills", "--json"}, text);
    ASSERT_EQ(r.code, 0) << r.err;
    rapidjson::Document d;
    d.Parse(r.out.c_str());
    ASSERT_FALSE(d.HasParseError()) << r.out.substr(0, 200);
    ASSERT_EQ(d.Size(), 1u) << r.out;
    EXPECT_STREQ(d[0]["skill"].GetString(), "opencv");
    ASSERT_EQ(d[0]["spans"].Size(), 1u);
    EXPECT_EQ(d[0]["spans"][0]["begin"].GetUint64(), text.size() - 7);
    EXPECT_STREQ(d[0]["spans"][0]["text"].GetString(), "OpenCV");
    // A character cut between two pieces is whole again; a broken one at the end is refused.
    auto broken = run_gigscout_cli({"skills"}, text + "\xC3");
    EXPECT_EQ(broken.code, 2);
    EXPECT_EQ(broken.err, "gigscout-cli skills: standard input: not valid UTF-8 text\n");
}

}  // namespace
}  // namespace gigscout
