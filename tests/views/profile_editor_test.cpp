// Editing a profile without JSON: finding skills by any spelling, setting levels and fields,
// and a profile that fails its check is never saved.
#include "views/profile_editor.h"

#include <gtest/gtest.h>

#include "store_test_support.h"
#include "taxonomy/skill_extractor.h"
#include "taxonomy/taxonomy.h"

namespace gigscout::testing {
namespace {

std::vector<std::string> ids(const std::vector<SkillMatch>& found) {
    std::vector<std::string> out;
    for (const auto& f : found) {
        out.push_back(f.id);
    }
    return out;
}

TEST(SearchSkills, AnAliasFindsItsSkillAndSaysWhichSpellingMatched) {
    auto found = search_skills("cv2");
    ASSERT_FALSE(found.empty());
    EXPECT_EQ(found[0].id, "opencv");
    EXPECT_EQ(found[0].name, "OpenCV");
    EXPECT_EQ(found[0].via, "cv2");
}

TEST(SearchSkills, ExactAndPrefixMatchesComeFirstAndCaseDoesNotMatter) {
    auto found = search_skills("PYTORCH");
    ASSERT_FALSE(found.empty());
    EXPECT_EQ(found[0].id, "pytorch");
    EXPECT_TRUE(found[0].via.empty()) << "the name itself matched";
    auto prefix = search_skills("pyto");
    ASSERT_FALSE(prefix.empty());
    EXPECT_EQ(prefix[0].id, "pytorch");
}

TEST(SearchSkills, ACategoryNarrowsTheSearchAndTheLimitHolds) {
    auto in_category = search_skills("", "cv-library", 1000);
    ASSERT_FALSE(in_category.empty());
    auto all = ids(in_category);
    EXPECT_NE(std::find(all.begin(), all.end(), "opencv"), all.end());
    EXPECT_EQ(std::find(all.begin(), all.end(), "pytorch"), all.end());
    EXPECT_EQ(search_skills("", {}, 5).size(), 5u);
    EXPECT_TRUE(search_skills("zzzz-no-such-skill").empty());
}

TEST(ProfileEditor, SkillsAreAddedOnceWithTheirLevelAndRemoved) {
    ProfileEditor editor(Profile{});
    EXPECT_TRUE(editor.add_skill("opencv", SkillLevel::Beginner));
    EXPECT_TRUE(editor.add_skill("opencv", SkillLevel::Advanced));
    EXPECT_FALSE(editor.add_skill("no-such-skill", SkillLevel::Advanced));
    ASSERT_EQ(editor.profile().skills.size(), 1u);
    EXPECT_EQ(editor.profile().skills[0].level, SkillLevel::Advanced);
    editor.add_skill("pytorch", SkillLevel::Intermediate);
    editor.set_level("pytorch", SkillLevel::Beginner);
    EXPECT_EQ(editor.profile().find_skill("pytorch")->level, SkillLevel::Beginner);
    editor.remove_skill("opencv");
    EXPECT_EQ(editor.profile().find_skill("opencv"), nullptr);
}

TEST(ProfileEditor, ListsAreTypedAsAPersonTypesThem) {
    ProfileEditor editor(Profile{});
    editor.set_search_terms("ocr, object detection\n  yolo ,, ");
    EXPECT_EQ(editor.profile().search_terms,
              (std::vector<std::string>{"ocr", "object detection", "yolo"}));
    EXPECT_EQ(join_list(editor.profile().search_terms), "ocr, object detection, yolo");
}

TEST(ProfileEditor, AProfileThatFailsItsCheckNamesTheFieldAndIsNeverSaved) {
    TempDir dir;
    auto store = Store::open(dir.path() / "s.sqlite3");
    ASSERT_TRUE(store.ok());
    ProfileEditor editor(Profile{});
    editor.add_skill("opencv", SkillLevel::Advanced);
    editor.set_min_hourly(Money{40, "XYZ"});
    auto saved = editor.save(store.value(), "me", true, kT0);
    ASSERT_FALSE(saved.ok());
    EXPECT_NE(saved.error().message.find("min_hourly"), std::string::npos) << saved.error().message;
    auto profiles = store.value().profiles();
    ASSERT_TRUE(profiles.ok());
    EXPECT_TRUE(profiles.value().empty()) << "nothing half-saved";

    editor.set_min_hourly(Money{40, "USD"});
    ASSERT_TRUE(editor.save(store.value(), "me", true, kT0).ok());
    auto active = store.value().active_profile();
    ASSERT_TRUE(active.ok() && active.value());
    EXPECT_EQ(active.value()->name, "me");
    auto back = profile_from_json(active.value()->json, "stored");
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back.value().skills.size(), 1u);
    EXPECT_EQ(back.value().min_hourly->amount, 40);
}

TEST(ProfileEditor, WhereYouLiveIsTypedAsACountryAndAnUnknownOneIsNamed) {
    ProfileEditor editor(Profile{});
    editor.set_based_in("  Germany ");
    auto ok = editor.checked();
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    EXPECT_EQ(ok.value().based_in, "DE");
    EXPECT_EQ(ProfileEditor(ok.value()).based_in_name(), "Germany");

    editor.set_based_in("Atlantis");
    auto bad = editor.checked();
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("field `based_in`: unknown country \"Atlantis\""),
              std::string::npos)
        << bad.error().message;

    editor.set_based_in("");
    ASSERT_TRUE(editor.checked().ok());
    EXPECT_EQ(editor.checked().value().based_in, "");
}

// What the import dialog does with a CV: the extractor's finds (as suggest_skills makes them)
// are offered, and only those the user confirms join the profile.
std::vector<OfferedSkill> offers_from(std::string_view cv) {
    std::vector<OfferedSkill> out;
    const SkillExtractor& extractor = SkillExtractor::bundled();
    for (const auto& id : extractor.extract_ids(cv)) {
        out.push_back({id, extractor.taxonomy().find(id)->name, true});
    }
    return out;
}

TEST(ProfileEditor, ACvsSkillsAreOfferedUnconfirmedAndOnlyConfirmedOnesAreAdded) {
    Profile start;
    start.skills.push_back({"python", SkillLevel::Advanced, std::nullopt});
    ProfileEditor editor(start);
    editor.offer_skills(offers_from(
        "Five years of Python. Built OpenCV pipelines, trained PyTorch models and deployed "
        "them with Docker."));
    std::vector<std::string> offered;
    for (const auto& o : editor.offered()) {
        offered.push_back(o.id);
        EXPECT_FALSE(o.confirmed) << o.id << ": nothing is added unticked";
    }
    EXPECT_EQ(offered, (std::vector<std::string>{"opencv", "pytorch", "model-serving", "docker"}))
        << "python is in the profile already, so it is not offered";
    EXPECT_EQ(editor.offered()[0].name, "OpenCV");
    EXPECT_TRUE(editor.confirm(0, true));
    EXPECT_TRUE(editor.confirm(3, true));
    EXPECT_FALSE(editor.confirm(4, true));
    EXPECT_EQ(editor.add_confirmed(SkillLevel::Beginner), 2u);
    EXPECT_TRUE(editor.offered().empty()) << "the offer ends once answered";
    ASSERT_EQ(editor.profile().skills.size(), 3u);
    EXPECT_EQ(editor.profile().skills[0].level, SkillLevel::Advanced) << "python kept its level";
    EXPECT_EQ(editor.profile().skills[1].skill, "opencv");
    EXPECT_EQ(editor.profile().skills[1].level, SkillLevel::Beginner);
    EXPECT_EQ(editor.profile().skills[2].skill, "docker");
    EXPECT_EQ(editor.profile().find_skill("pytorch"), nullptr) << "not confirmed, not added";
    EXPECT_EQ(editor.profile().find_skill("model-serving"), nullptr);
}

TEST(ProfileEditor, AnOfferLeavesOutUnknownIdsAndRepeats) {
    ProfileEditor editor(Profile{});
    editor.offer_skills(
        {{"opencv", "OpenCV", true}, {"no-such-skill", "?", true}, {"opencv", "OpenCV", true}});
    ASSERT_EQ(editor.offered().size(), 1u);
    EXPECT_FALSE(editor.offered()[0].confirmed) << "an offer starts unconfirmed whatever it says";
    EXPECT_EQ(editor.add_confirmed(SkillLevel::Intermediate), 0u);
    EXPECT_TRUE(editor.profile().skills.empty());
}

TEST(ProfileEditor, WeightsAreSetAndAProfileWhoseWeightsMissOneHundredIsRefused) {
    TempDir dir;
    Store store = open_store(dir.path() / "gigscout.sqlite3");
    ProfileEditor editor(Profile{});
    ASSERT_TRUE(editor.add_skill("opencv", SkillLevel::Advanced));
    ScoreWeights w;
    w.skill = 50;
    w.level = 15;
    w.budget = 15;
    w.recency = 10;
    w.client = 5;
    w.search_terms = 0;
    editor.set_weights(w);
    auto refused = editor.save(store, "me", true, kT0);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("field `weights`"), std::string::npos)
        << refused.error().message;
    EXPECT_NE(refused.error().message.find("got 95"), std::string::npos) << refused.error().message;
    auto profiles = store.profiles();
    ASSERT_TRUE(profiles.ok());
    EXPECT_TRUE(profiles.value().empty()) << "nothing is saved";
    w.search_terms = 5;
    editor.set_weights(w);
    ASSERT_TRUE(editor.save(store, "me", true, kT0).ok());
    auto checked = editor.checked();
    ASSERT_TRUE(checked.ok());
    EXPECT_EQ(checked.value().weights, w);
}

}  // namespace
}  // namespace gigscout::testing
