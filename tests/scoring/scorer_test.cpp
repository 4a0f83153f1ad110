// Every score component in isolation, with values computed by hand from docs/scoring.md over
// the small taxonomy and round currency rates of scoring_fixtures.h.
#include "scoring/scorer.h"

#include <gtest/gtest.h>

#include <cmath>

#include "scoring_fixtures.h"
#include "taxonomy/taxonomy.h"

namespace gigscout {
namespace {

using testing::kDay;
using testing::kNow;
using testing::listing;
using testing::skill;
using testing::test_currencies;
using testing::test_taxonomy;

constexpr double kEps = 1e-9;

Score score_with(const Profile& p, const Listing& l, std::int64_t now = kNow) {
    Scorer scorer(p, test_taxonomy(), test_currencies(), now);
    return scorer.score(l);
}

double value_of(const Score& s, std::string_view name) {
    const ScoreComponent* c = s.component(name);
    EXPECT_NE(c, nullptr) << name;
    return c == nullptr ? -1 : c->value;
}

Profile cv_profile() {
    Profile p;
    p.skills = {skill("opencv", SkillLevel::Advanced), skill("python", SkillLevel::Intermediate)};
    return p;
}

ListingSkill tag(const std::string& id) {
    return {id, SkillOrigin::Tag};
}
ListingSkill title(const std::string& id) {
    return {id, SkillOrigin::Title};
}
ListingSkill description(const std::string& id) {
    return {id, SkillOrigin::Description};
}
ListingSkill tag_only(const std::string& id) {
    return {id, SkillOrigin::TagOnly};
}
ListingSkill role(const std::string& id) {
    return {id, SkillOrigin::Role};
}
ListingSkill lead(const std::string& id) {
    return {id, SkillOrigin::Lead};
}
ListingSkill preferred(const std::string& id) {
    return {id, SkillOrigin::Preferred};
}

// --- skill fit ---

TEST(SkillFit, IsCoverageWeightedByImportanceAndLevelTimesEvidence) {
    Listing l = listing("a", {tag("opencv"), tag("python"), description("react")});
    Score s = score_with(cv_profile(), l);
    // asked = 1 + 0.6 (language) + 0.5 (description) = 2.1
    // have = 1 × 1.0 (advanced) + 0.6 × 0.85 (intermediate) = 1.51; backed = 1.6 of 4
    double expected = (1.51 / 2.1) * (1.6 / 4.0);
    EXPECT_NEAR(value_of(s, "skill"), expected, kEps);
    // Without search terms, their 10 points go to the skill fit's 35.
    EXPECT_NEAR(s.component("skill")->points, 45 * expected, kEps);
    EXPECT_EQ(s.matched_skills, (std::vector<std::string>{"opencv", "python"}));
    EXPECT_EQ(s.missing_skills, (std::vector<std::string>{"react"}));
    EXPECT_TRUE(s.partial_skills.empty());
    EXPECT_EQ(s.component("skill")->reason,
              "2 of 3 asked skills matched: coverage 0.72 (the share of the asked skills, by "
              "importance, that you have, at your level) × evidence 0.40 (matched importance 1.60 "
              "of the 4 that count in full); level, budget, recency and client count at 0.80 "
              "(matched importance 1.60 of 2)");
}

TEST(SkillFit, TitleCountsLikeATagAndTheDescriptionHalf) {
    Profile p;
    p.skills = {skill("opencv", SkillLevel::Advanced)};
    Score in_title = score_with(p, listing("a", {title("opencv"), tag("ros")}));
    Score in_description = score_with(p, listing("a", {description("opencv"), tag("ros")}));
    EXPECT_NEAR(value_of(in_title, "skill"), (1.0 / 2.0) * (1.0 / 4.0), kEps);
    EXPECT_NEAR(value_of(in_description, "skill"), (0.5 / 1.5) * (0.5 / 4.0), kEps);
}

TEST(SkillFit, EmptyProfileMatchesNothing) {
    Profile empty;
    Listing l = listing("a", {tag("opencv"), tag("python"), title("yolo")});
    l.experience_level = ExperienceLevel::Intermediate;
    l.budget = Budget{BudgetKind::Hourly, 100, 200, "USD"};
    l.posted_at = kNow;
    l.client = ClientInfo{"US", 5.0, 100, true, std::nullopt};
    Score s = score_with(empty, l);
    EXPECT_EQ(value_of(s, "skill"), 0);
    EXPECT_EQ(s.total, 0);
    EXPECT_EQ(s.exact, 0);
    for (const auto& c : s.components) {
        EXPECT_EQ(c.points, 0) << c.name;
    }
    EXPECT_EQ(s.component("skill")->reason, "your profile lists no skills");
    EXPECT_EQ(s.missing_skills.size(), 3u);
}

TEST(SkillFit, ListingWithNoSkillsScoresZeroAndIsNotReExtracted) {
    // The text names OpenCV, but skills are extracted once when a listing enters: an empty
    // `skills` means the scorer has no evidence, whatever the text says.
    Listing l = listing("a");
    l.title = "OpenCV expert";
    l.description = "OpenCV and Python";
    l.tags = {"opencv"};
    l.budget = Budget{BudgetKind::Hourly, 100, 200, "USD"};
    l.posted_at = kNow;
    Score s = score_with(cv_profile(), l);
    EXPECT_EQ(value_of(s, "skill"), 0);
    EXPECT_EQ(s.total, 0);
    EXPECT_EQ(s.component("skill")->reason, "no skills found in the listing");
}

// A feed searched for "java" tags every result Java: a tag the listing's own words never name
// weighs a quarter, and the reason says why.
TEST(SkillFit, ATagTheListingsWordsNeverNameIsTheWeakestEvidence) {
    Listing backed = listing("a", {tag("opencv"), description("react")});
    Listing unbacked = listing("b", {description("react"), tag_only("opencv")});
    Score s = score_with(cv_profile(), backed);
    Score weak = score_with(cv_profile(), unbacked);
    // backed: asked 1 + 0.5, have 1, backed 1 of 4; tag-only: asked 0.25 + 0.5, have 0.25.
    EXPECT_NEAR(value_of(s, "skill"), (1.0 / 1.5) * (1.0 / 4.0), kEps);
    EXPECT_NEAR(value_of(weak, "skill"), (0.25 / 0.75) * (0.25 / 4.0), kEps);
    EXPECT_EQ(weak.matched_skills, (std::vector<std::string>{"opencv"}));
    EXPECT_EQ(weak.component("skill")->reason,
              "1 of 2 asked skills matched: coverage 0.33 (the share of the asked skills, by "
              "importance, that you have, at your level) × evidence 0.06 (matched importance "
              "0.25 of the 4 that count in full); level, budget, recency and client count at "
              "0.12 (matched importance 0.25 of 2); opencv counts at 0.25: only the platform's "
              "tags name it, not the posting's own words");
}

// A skill named only as a role or team ("Senior DevOps Engineer") is not asked of the hire:
// missing it costs nothing and it is not listed missing; having it adds a quarter, said why.
TEST(SkillFit, ASkillNamedOnlyAsARoleIsNeverMissingAndAddsALittle) {
    Listing plain = listing("a", {tag("opencv"), description("react")});
    Listing with_role = listing("b", {tag("opencv"), description("react"), role("devops")});
    Score s = score_with(cv_profile(), plain);
    Score r = score_with(cv_profile(), with_role);
    EXPECT_NEAR(value_of(r, "skill"), value_of(s, "skill"), kEps);
    EXPECT_EQ(r.missing_skills, (std::vector<std::string>{"react"}));
    EXPECT_EQ(r.component("skill")->reason.rfind("1 of 2 asked skills matched", 0), 0u);

    Profile p = cv_profile();
    p.skills.push_back(skill("devops", SkillLevel::Advanced));
    Score had = score_with(p, with_role);
    // asked 1 + 0.5 + 0.25 (practice weight aside), have 1 + 0.25 × the category weight.
    EXPECT_GT(value_of(had, "skill"), value_of(s, "skill"));
    EXPECT_EQ(had.matched_skills, (std::vector<std::string>{"opencv", "devops"}));
    const std::string& why = had.component("skill")->reason;
    EXPECT_NE(why.find("devops counts at 0.25: named only as a role or a team"), std::string::npos)
        << why;
}

// A skill the listing calls a plus ("Kubernetes is a plus") costs less when missing than one
// it requires, still counts as missing, and the explanation says why it weighs less.
TEST(SkillFit, ANiceToHaveCostsLessThanARequirement) {
    Listing required = listing("a", {tag("opencv"), description("kubernetes")});
    Listing nice = listing("b", {tag("opencv"), preferred("kubernetes")});
    Score r = score_with(cv_profile(), required);
    Score n = score_with(cv_profile(), nice);
    EXPECT_GT(value_of(n, "skill"), value_of(r, "skill"));
    EXPECT_EQ(n.missing_skills, (std::vector<std::string>{"kubernetes"}));
    EXPECT_EQ(n.nice_to_have, (std::vector<std::string>{"kubernetes"}));
    EXPECT_TRUE(r.nice_to_have.empty());
    const std::string& why = n.component("skill")->reason;
    EXPECT_NE(why.find("kubernetes counts at 0.25: the listing names it only as a nice-to-have"),
              std::string::npos)
        << why;
    // Having it adds less than having a required skill would.
    Profile p = cv_profile();
    p.skills.push_back(skill("kubernetes", SkillLevel::Advanced));
    Listing only_nice = listing("c", {description("react"), preferred("kubernetes")});
    Listing only_required = listing("d", {description("react"), description("kubernetes")});
    EXPECT_LT(value_of(score_with(p, only_nice), "skill"),
              value_of(score_with(p, only_required), "skill"));
}

// A listing that names one of the user's skills among many it asks for: its pay, level and
// recency say little about the user, so the context shrinks with coverage below 0.1.
TEST(SkillFit, ContextShrinksWhenTheUserHasLittleOfWhatIsAsked) {
    Profile p;
    p.skills = {skill("opencv", SkillLevel::Advanced), skill("pytorch", SkillLevel::Advanced)};
    std::vector<ListingSkill> asked = {tag("opencv"), tag("pytorch")};
    for (const char* other :
         {"react",      "wordpress",  "php",    "laravel",    "vue",     "angular", "django",
          "rails",      "flutter",    "swift",  "kotlin",     "graphql", "redis",   "mongodb",
          "mysql",      "postgresql", "docker", "kubernetes", "html",    "css",     "javascript",
          "typescript", "go",         "rust",   "c",          "cpp",     "csharp",  "ruby"}) {
        asked.push_back(tag(other));
    }
    Score s = score_with(p, listing("a", asked));
    // Coverage about 2 of 30 (the test taxonomy weighs the unknown ids 1 each), below 0.3: the
    // context is the evidence factor (1) × coverage / 0.3.
    const ScoreComponent* skill_c = s.component("skill");
    ASSERT_NE(skill_c, nullptr);
    EXPECT_NE(skill_c->reason.find(", × coverage 0.0"), std::string::npos) << skill_c->reason;
    EXPECT_NE(skill_c->reason.find(" of the 0.30 that counts in full)"), std::string::npos)
        << skill_c->reason;
    // Two of eight: a quarter of what is asked still shrinks the context, to 0.25 / 0.3.
    Score quarter =
        score_with(p, listing("c", {tag("opencv"), tag("pytorch"), tag("react"), tag("vue"),
                                    tag("php"), tag("laravel"), tag("django"), tag("rails")}));
    EXPECT_NE(quarter.component("skill")->reason.find(", × coverage 0.25 of the 0.30"),
              std::string::npos)
        << quarter.component("skill")->reason;
    // Two matched of two asked: the full context, and the reason does not mention coverage.
    Score full = score_with(p, listing("b", {tag("opencv"), tag("pytorch")}));
    EXPECT_EQ(full.component("skill")->reason.find("× coverage 0.0"), std::string::npos);
    EXPECT_LT(s.component("recency")->points, full.component("recency")->points * 0.9);
}

// The title names the job itself: a chatbot gig whose description lists the user's tools pays,
// levels and dates a chatbot job, so its context shrinks with how little of the title the user
// has — to half when none, in full from 0.3.
TEST(SkillFit, ContextShrinksWhenTheTitleAsksForOtherWork) {
    Profile p;
    p.skills = {skill("opencv", SkillLevel::Advanced), skill("pytorch", SkillLevel::Advanced)};
    auto with = [&](std::vector<ListingSkill> asked) {
        asked.push_back(description("pytorch"));
        asked.push_back(description("python"));
        return score_with(p, listing("a", asked));
    };
    // The same skills, once named by the title and once by a tag (the same importance, 1): the
    // same skill fit, but none of the title is the user's, so the context halves.
    const Score titled = with({title("chatbots"), description("opencv")});
    const Score tagged = with({tag("chatbots"), description("opencv")});
    EXPECT_NEAR(value_of(titled, "skill"), value_of(tagged, "skill"), kEps);
    // Matched importance 0.5 + 0.5 of 2: the context is 0.5 from the evidence, × 0.5 titled.
    EXPECT_NEAR(tagged.component("recency")->points, 12 * value_of(tagged, "recency") * 0.5, kEps);
    EXPECT_NEAR(titled.component("recency")->points, 12 * value_of(titled, "recency") * 0.25, kEps);
    EXPECT_NE(titled.component("skill")->reason.find(
                  ", × 0.50: you have 0.00 of what the title asks, by importance, of the 0.30 "
                  "that counts in full)"),
              std::string::npos)
        << titled.component("skill")->reason;
    EXPECT_EQ(tagged.component("skill")->reason.find("the title"), std::string::npos);
    // A third of the title is the user's: the context counts in full, as with tags.
    const Score third = with({title("chatbots"), title("react"), title("opencv")});
    const Score third_tags = with({tag("chatbots"), tag("react"), tag("opencv")});
    EXPECT_NEAR(third.component("level")->points, third_tags.component("level")->points, kEps);
    EXPECT_EQ(third.component("skill")->reason.find("the title"), std::string::npos);
    // A title naming no skill leaves the context alone.
    const Score untitled = with({description("opencv")});
    EXPECT_EQ(untitled.component("skill")->reason.find("the title"), std::string::npos);
    EXPECT_GT(untitled.component("level")->points, titled.component("level")->points);
}

// "Python Developer" says little of the job: the first sentence's skills (origin `lead`, weighed
// like the description's) then stand for the title.
TEST(SkillFit, ALeadSentenceStandsForATitleNamingOnlyALanguage) {
    auto with = [](ListingSkill first) {
        return score_with(cv_profile(),
                          listing("a", {title("python"), std::move(first), description("opencv")}));
    };
    const Score led = with(lead("chatbots"));
    const Score plain = with(description("chatbots"));
    EXPECT_NEAR(value_of(led, "skill"), value_of(plain, "skill"), kEps);
    // The user has Python (the title) but not chatbots (the first sentence).
    EXPECT_NEAR(led.component("level")->points, plain.component("level")->points * 0.5, kEps);
    EXPECT_NE(led.component("skill")->reason.find(
                  ", × 0.50: you have 0.00 of what the description's first sentence asks (the "
                  "title names only a language or a whole field), by importance"),
              std::string::npos)
        << led.component("skill")->reason;
    EXPECT_EQ(plain.component("skill")->reason.find("title"), std::string::npos);
}

TEST(SkillFit, ListingAskingNothingTheUserHasScoresZero) {
    Score s = score_with(cv_profile(), listing("a", {tag("react"), tag("wordpress")}));
    EXPECT_EQ(value_of(s, "skill"), 0);
    EXPECT_EQ(s.total, 0);
    EXPECT_EQ(s.component("skill")->reason, "asks for none of your skills");
}

TEST(SkillFit, ImpliedSkillCountsOnlyPartially) {
    Profile keras;
    keras.skills = {skill("keras", SkillLevel::Advanced)};
    Profile tensorflow;
    tensorflow.skills = {skill("tensorflow", SkillLevel::Advanced)};
    Listing l = listing("a", {tag("tensorflow")});

    Score partial = score_with(keras, l);
    Score full = score_with(tensorflow, l);
    // Keras implies TensorFlow: credit and strength 0.5 → coverage 0.5 × evidence 0.5 / 4.
    EXPECT_NEAR(value_of(partial, "skill"), 0.5 * 0.125, kEps);
    EXPECT_NEAR(value_of(full, "skill"), 1.0 * 0.25, kEps);
    EXPECT_TRUE(partial.matched_skills.empty());
    EXPECT_EQ(partial.partial_skills,
              (std::vector<PartialSkill>{{"tensorflow", "keras", {"keras"}}}));
    EXPECT_EQ(partial.component("skill")->reason,
              "0 of 1 asked skills matched, 1 partly: coverage 0.50 (the share of the asked "
              "skills, by importance, that you have, at your level) × evidence 0.12 (matched "
              "importance 0.50 of the 4 that count in full); level, budget, recency and client "
              "count at 0.25 (matched importance 0.50 of 2)");
}

TEST(SkillFit, ImplicationWeakensWithEachHop) {
    Profile keras;
    keras.skills = {skill("keras", SkillLevel::Advanced)};
    // keras → tensorflow → deep-learning: 0.5 × 0.7.
    Score s = score_with(keras, listing("a", {tag("deep-learning")}));
    EXPECT_NEAR(value_of(s, "skill"), 0.35 * (0.35 / 4), kEps);
    EXPECT_EQ(s.partial_skills, (std::vector<PartialSkill>{{"deep-learning", "keras", {"keras"}}}));
}

TEST(SkillFit, NarrowerSkillIsStrongPartialEvidenceForTheBroaderOne) {
    Profile yolo;
    yolo.skills = {skill("yolo", SkillLevel::Intermediate)};
    // yolo's broader is object-detection: 0.7 × 0.85; one hop further (computer-vision) 0.49.
    Score detection = score_with(yolo, listing("a", {title("object-detection")}));
    EXPECT_NEAR(value_of(detection, "skill"), (0.7 * 0.85) * (0.7 / 4), kEps);
    Score vision = score_with(yolo, listing("a", {title("computer-vision")}));
    EXPECT_NEAR(value_of(vision, "skill"), (0.49 * 0.85) * (0.49 / 4), kEps);
}

// Scores against the bundled taxonomy, whose relations the next tests read.
Score bundled(const Profile& p, const Listing& l) {
    return Scorer(p, Taxonomy::bundled(), test_currencies(), kNow).score(l);
}

TEST(SkillFit, MachineLearningAndComputerVisionAreFieldsOfAI) {
    // Nearly every AI gig asks for "AI": in the bundled taxonomy a profile of vision or
    // learning work has part of it (a narrower form, 0.7 × 0.85), and a profile naming only AI
    // is weaker evidence for them (a broader form, 0.5).
    Profile vision;
    vision.skills = {skill("computer-vision", SkillLevel::Intermediate)};
    Score ai = bundled(vision, listing("a", {title("artificial-intelligence")}));
    // AI weighs 0.6 (an umbrella field): coverage 0.7 × 0.85, evidence 0.6 × 0.7 / 4.
    EXPECT_NEAR(value_of(ai, "skill"), (0.7 * 0.85) * (0.6 * 0.7 / 4), kEps);
    EXPECT_EQ(ai.partial_skills,
              (std::vector<PartialSkill>{
                  {"artificial-intelligence", "computer-vision", {"computer-vision"}}}));
    Profile learning;
    learning.skills = {skill("machine-learning", SkillLevel::Intermediate)};
    EXPECT_FALSE(
        bundled(learning, listing("a", {title("artificial-intelligence")})).partial_skills.empty());
    Profile ai_only;
    ai_only.skills = {skill("artificial-intelligence", SkillLevel::Advanced)};
    EXPECT_NEAR(value_of(bundled(ai_only, listing("a", {tag("machine-learning")})), "skill"),
                0.5 * (0.5 / 4), kEps);
}

TEST(SkillFit, LargeLanguageModelsAreGenerativeAI) {
    // "Forward Deployed Engineer, GenAI" asks what an LLM developer does (ranking set 78: the
    // title had counted as nothing the profile has, halving the listing's context).
    Profile llm;
    llm.skills = {skill("llm", SkillLevel::Intermediate)};
    Score genai = bundled(llm, listing("a", {title("generative-ai")}));
    EXPECT_EQ(genai.partial_skills, (std::vector<PartialSkill>{{"generative-ai", "llm", {"llm"}}}));
    EXPECT_NEAR(value_of(genai, "skill"), (0.7 * 0.85) * (0.7 / 4), kEps);
}

TEST(SkillFit, WebFrameworksArePartialEvidenceForThePartTheyBuild) {
    // In the bundled taxonomy a back-end framework implies back-end development, a front-end
    // one front-end development and a REST API API design: a profile of FastAPI is part of what
    // "Back-end developer needed" asks, and a profile naming only the field some evidence for
    // the framework.
    Profile fastapi;
    fastapi.skills = {skill("fastapi", SkillLevel::Advanced)};
    Score backend = bundled(fastapi, listing("a", {title("backend")}));
    EXPECT_NEAR(value_of(backend, "skill"), 0.5 * (0.5 / 4), kEps);
    EXPECT_EQ(backend.partial_skills,
              (std::vector<PartialSkill>{{"backend", "fastapi", {"fastapi"}}}));
    Profile react;
    react.skills = {skill("react", SkillLevel::Advanced)};
    EXPECT_EQ(bundled(react, listing("a", {title("frontend")})).partial_skills,
              (std::vector<PartialSkill>{{"frontend", "react", {"react"}}}));
    EXPECT_TRUE(bundled(react, listing("a", {title("backend")})).partial_skills.empty());
    Profile rest;
    rest.skills = {skill("rest-api", SkillLevel::Advanced)};
    EXPECT_EQ(bundled(rest, listing("a", {title("api-design")})).partial_skills,
              (std::vector<PartialSkill>{{"api-design", "rest-api", {"rest-api"}}}));
    Profile field;
    field.skills = {skill("backend", SkillLevel::Advanced)};
    EXPECT_NEAR(value_of(bundled(field, listing("a", {tag("django")})), "skill"), 0.3 * (0.3 / 4),
                kEps);
}

TEST(SkillFit, SpecialisationsOfAUserSkillCountHalfAndReverseImplicationLess) {
    Profile detection;
    detection.skills = {skill("object-detection", SkillLevel::Advanced)};
    Score yolo = score_with(detection, listing("a", {tag("yolo")}));
    EXPECT_NEAR(value_of(yolo, "skill"), 0.5 * 0.125, kEps);
    EXPECT_EQ(yolo.partial_skills,
              (std::vector<PartialSkill>{{"yolo", "object-detection", {"object-detection"}}}));

    Profile tensorflow;
    tensorflow.skills = {skill("tensorflow", SkillLevel::Advanced)};
    Score keras = score_with(tensorflow, listing("a", {tag("keras")}));
    EXPECT_NEAR(value_of(keras, "skill"), 0.3 * 0.075, kEps);
}

TEST(SkillFit, DirectSkillWinsOverStrongerPartialEvidence) {
    Profile p;
    p.skills = {skill("tensorflow", SkillLevel::Beginner), skill("keras", SkillLevel::Advanced)};
    Score s = score_with(p, listing("a", {tag("tensorflow")}));
    EXPECT_EQ(s.matched_skills, (std::vector<std::string>{"tensorflow"}));
    EXPECT_NEAR(value_of(s, "skill"), 0.6 * 0.25, kEps);
}

TEST(SkillFit, YearsRaiseTheCreditUpToALimit) {
    Profile p;
    p.skills = {skill("python", SkillLevel::Intermediate)};
    p.skills[0].years = 3;
    Listing l = listing("a", {tag("python")});
    // credit 0.85 + 3 × 0.03 = 0.94; python is a language (0.6): evidence 0.6 / 4.
    EXPECT_NEAR(value_of(score_with(p, l), "skill"), 0.94 * 0.15, kEps);
    p.skills[0].years = 20;  // bonus capped at 0.15
    EXPECT_NEAR(value_of(score_with(p, l), "skill"), 1.0 * 0.15, kEps);
}

// A language says less about what a job is than a library or a task; a practice (like a
// business or a design skill) asked and missing counts in full (measured: docs/eval.md, "Category
// weights").
TEST(SkillFit, LanguagesWeighLessAndPracticesCountInFull) {
    Profile p;
    p.skills = {skill("opencv", SkillLevel::Advanced)};
    Score language = score_with(p, listing("a", {tag("opencv"), tag("python")}));
    EXPECT_NEAR(value_of(language, "skill"), (1.0 / 1.6) * 0.25, kEps);
    Score practice = score_with(p, listing("b", {tag("opencv"), tag("agile")}));
    EXPECT_NEAR(value_of(practice, "skill"), (1.0 / 2.0) * 0.25, kEps);
}

TEST(SkillFit, AnUmbrellaFieldWeighsLikeALanguage) {
    // "AI" names a whole area that nearly every AI gig asks for (Skill::umbrella), so a chatbot
    // gig asking for AI and chatbots is no better than half a match for a vision profile.
    Profile p;
    p.skills = {skill("artificial-intelligence", SkillLevel::Advanced)};
    auto bundled = [](const Profile& profile, const Listing& l) {
        return Scorer(profile, Taxonomy::bundled(), test_currencies(), kNow).score(l);
    };
    ASSERT_TRUE(Taxonomy::bundled().find("artificial-intelligence")->umbrella);
    Score s = bundled(p, listing("a", {tag("artificial-intelligence"), tag("chatbots")}));
    // asked 0.6 + 1; have = backed = 0.6: coverage 0.6 / 1.6 × evidence 0.6 / 4.
    EXPECT_NEAR(value_of(s, "skill"), (0.6 / 1.6) * (0.6 / 4), kEps);
}

TEST(SkillFit, AListingMatchingEightOfTenOutranksOneNamingThreeBasics) {
    Profile p;
    for (const char* id :
         {"opencv", "python", "pytorch", "yolo", "docker", "object-detection", "computer-vision"}) {
        p.skills.push_back(skill(id, SkillLevel::Advanced));
    }
    Score thin = score_with(p, listing("thin", {tag("python"), tag("opencv"), tag("docker")}));
    // asked = have = backed = 0.6 + 1 + 1 = 2.6: coverage 1 × evidence 2.6 / 4.
    EXPECT_NEAR(value_of(thin, "skill"), 0.65, kEps);
    Score rich = score_with(
        p, listing("rich", {tag("opencv"), tag("pytorch"), tag("yolo"), tag("object-detection"),
                            tag("computer-vision"), tag("docker"), tag("python"),
                            tag("deep-learning"), tag("ros"), tag("react")}));
    // asked 9.6; have 6.6 + 0.5 (deep learning via PyTorch) = 7.1; evidence full.
    EXPECT_NEAR(value_of(rich, "skill"), 7.1 / 9.6, kEps);
    EXPECT_GT(rich.exact, thin.exact);
}

TEST(SkillFit, APartialSkillNamesEveryProfileSkillBehindItStrongestFirst) {
    Profile p;
    p.skills = {skill("keras", SkillLevel::Advanced), skill("pytorch", SkillLevel::Advanced)};
    // pytorch implies deep-learning (0.5); keras → tensorflow → deep-learning (0.35).
    Score s = score_with(p, listing("a", {tag("deep-learning")}));
    EXPECT_EQ(s.partial_skills,
              (std::vector<PartialSkill>{{"deep-learning", "pytorch", {"pytorch", "keras"}}}));
    EXPECT_NEAR(value_of(s, "skill"), 0.5 * (0.5 / 4), kEps);
}

TEST(SkillFit, AToolCoversItsDomainAndTheDomainsField) {
    Profile p;
    p.skills = {skill("scikit-image", SkillLevel::Advanced)};
    // scikit-image implies image processing (0.5), whose broader field is computer vision
    // (one hop further, 0.5 × 0.7).
    Score domain = score_with(p, listing("a", {tag("image-processing")}));
    EXPECT_NEAR(value_of(domain, "skill"), 0.5 * (0.5 / 4), kEps);
    Score field = score_with(p, listing("a", {tag("computer-vision")}));
    EXPECT_NEAR(value_of(field, "skill"), 0.35 * (0.35 / 4), kEps);
    EXPECT_EQ(field.partial_skills,
              (std::vector<PartialSkill>{{"computer-vision", "scikit-image", {"scikit-image"}}}));
    // Used the other way, a profile with the field is weaker evidence for the tool's domain.
    Profile vision;
    vision.skills = {skill("computer-vision", SkillLevel::Advanced)};
    EXPECT_NEAR(value_of(score_with(vision, listing("a", {tag("image-processing")})), "skill"),
                0.5 * (0.5 / 4), kEps);
}

// --- search terms ---

TEST(SearchTerms, CountFullyInTheTitleAndHalfInTheDescription) {
    Profile p;
    p.skills = {skill("opencv", SkillLevel::Advanced)};
    p.search_terms = {"ocr", "object detection", "drone"};
    Listing l = listing("a", {tag("opencv"), description("object-detection")});
    l.title = "OCR for invoices";
    l.description = "Some object detection too.";
    Score both = score_with(p, l);
    EXPECT_NEAR(value_of(both, "search"), 1.0, kEps);  // 1 + 0.5, at most 1
    EXPECT_NEAR(both.component("search")->points, 10, kEps);
    EXPECT_EQ(both.component("search")->reason,
              "your search term \"ocr\" in the title or tags, \"object detection\" in the "
              "description");
    l.title = "Invoices";
    Score description_only = score_with(p, l);
    EXPECT_NEAR(value_of(description_only, "search"), 0.5, kEps);
    EXPECT_NEAR(description_only.component("search")->points, 5, kEps);
    l.skills = {tag("opencv")};
    l.description = "Nothing else.";
    EXPECT_EQ(score_with(p, l).component("search")->reason, "none of your search terms found");
    // A term naming a skill that only a platform tag names counts a quarter.
    l.skills = {tag("opencv"), tag_only("object-detection")};
    Score tag_only_term = score_with(p, l);
    EXPECT_NEAR(value_of(tag_only_term, "search"), 0.25, kEps);
    EXPECT_EQ(tag_only_term.component("search")->reason,
              "your search term \"object detection\" only in the platform's tags, not the "
              "posting's words");
    // With search terms the skill fit keeps its own 35 points.
    EXPECT_NEAR(score_with(p, l).component("skill")->weight, 35, kEps);
}

TEST(SearchTerms, WithoutSearchTermsTheirPointsGoToTheSkillFit) {
    Score s = score_with(cv_profile(), listing("a", {tag("opencv")}));
    EXPECT_NEAR(s.component("skill")->weight, 45, kEps);
    EXPECT_NEAR(s.component("search")->weight, 0, kEps);
    EXPECT_EQ(s.component("search")->reason, "you gave no search terms (their points go to skill)");
}

// --- level fit ---

Score level_case(std::optional<ExperienceLevel> level, const std::string& title_text = "Job") {
    Profile p;
    p.skills = {skill("opencv", SkillLevel::Intermediate)};
    Listing l = listing("a", {tag("opencv")});
    l.title = title_text;
    l.experience_level = level;
    return score_with(p, l);
}

TEST(LevelFit, ComparesTheListingLevelWithTheProfilesLevel) {
    // The profile's one skill is intermediate, so the profile is intermediate.
    EXPECT_NEAR(value_of(level_case(ExperienceLevel::Intermediate), "level"), 1.0, kEps);
    EXPECT_NEAR(value_of(level_case(ExperienceLevel::Expert), "level"), 0.3, kEps);
    EXPECT_NEAR(value_of(level_case(ExperienceLevel::Entry), "level"), 0.6, kEps);
    EXPECT_NEAR(value_of(level_case(std::nullopt), "level"), 0.5, kEps);
    EXPECT_EQ(level_case(std::nullopt).component("level")->reason, "the listing states no level");
    EXPECT_EQ(level_case(ExperienceLevel::Expert).component("level")->reason,
              "listing: expert, you: intermediate (the mean of your skills' levels); one level "
              "above yours");
    EXPECT_EQ(level_case(ExperienceLevel::Intermediate).component("level")->reason,
              "listing: intermediate, you: intermediate (the mean of your skills' levels); your "
              "level");
    EXPECT_FALSE(level_case(ExperienceLevel::Expert).filtered);
    EXPECT_FALSE(level_case(ExperienceLevel::Entry).filtered);
}

TEST(LevelFit, ReadsTheLevelFromTheTitleWhenNotStated) {
    Score senior = level_case(std::nullopt, "Senior OpenCV developer");
    EXPECT_NEAR(value_of(senior, "level"), 0.3, kEps);
    EXPECT_EQ(senior.component("level")->reason,
              "listing: expert (from the title), you: intermediate (the mean of your skills' "
              "levels); one level above yours");
    EXPECT_NEAR(value_of(level_case(std::nullopt, "Jr. vision engineer"), "level"), 0.6, kEps);
    // A title's level word wins over a stated level that differs: the field is often a board's
    // default ("Associate" on a "Senior Machine Learning Engineer", ranking set P).
    Score titled = level_case(ExperienceLevel::Intermediate, "Senior dev");
    EXPECT_NEAR(value_of(titled, "level"), 0.3, kEps);
    EXPECT_EQ(titled.component("level")->reason,
              "listing: expert (from the title), you: intermediate (the mean of your skills' "
              "levels); one level above yours");
    // Where the two agree, or the title names no level, the stated level is the listing's.
    EXPECT_EQ(level_case(ExperienceLevel::Expert, "Senior dev").component("level")->reason,
              "listing: expert, you: intermediate (the mean of your skills' levels); one level "
              "above yours");
    EXPECT_NEAR(value_of(level_case(ExperienceLevel::Intermediate, "Vision dev"), "level"), 1.0,
                kEps);
    // Words containing a level word are not it.
    EXPECT_NEAR(value_of(level_case(std::nullopt, "Leadership tracking app"), "level"), 0.5, kEps);
    // Nor are level words that are part of a name: a title at AI labs of any level, and kinds of
    // work (ranking set L: "Member of Technical Staff - ML Research Engineer" had ranked first
    // for an advanced profile as a Staff job).
    EXPECT_NEAR(value_of(level_case(std::nullopt, "Member of Technical Staff, Vision"), "level"),
                0.5, kEps);
    EXPECT_NEAR(value_of(level_case(std::nullopt, "Lead Generation with OpenCV"), "level"), 0.5,
                kEps);
    EXPECT_NEAR(value_of(level_case(std::nullopt, "Data Entry: label OpenCV images"), "level"), 0.5,
                kEps);
    EXPECT_NEAR(value_of(level_case(std::nullopt, "Staff Vision Engineer"), "level"), 0.3, kEps);
    EXPECT_NEAR(value_of(level_case(std::nullopt, "Vision Team Lead"), "level"), 0.3, kEps);
    EXPECT_NEAR(value_of(level_case(std::nullopt, "Entry-level data annotator"), "level"), 0.6,
                kEps);
    // A new graduate's job is an entry one (ranking set 76: "Research Engineer, Interactive World
    // Models - New College Grad 2026" had ranked first for an advanced profile).
    EXPECT_NEAR(value_of(level_case(std::nullopt, "Vision Engineer - New College Grad"), "level"),
                0.6, kEps);
    // So is a student's (ranking set 78: "Machine Learning Student, (MSc Students)" had ranked
    // fifth for an advanced profile); a job serving students states no level.
    EXPECT_NEAR(value_of(level_case(std::nullopt, "Machine Learning Student"), "level"), 0.6, kEps);
    EXPECT_NEAR(value_of(level_case(std::nullopt, "Student Success Manager"), "level"), 0.5, kEps);
    // A German board's working student (ranking set 79: "Werkstudent Data Science / Business
    // Intelligence").
    EXPECT_NEAR(value_of(level_case(std::nullopt, "Werkstudent Data Science (m/w/d)"), "level"),
                0.6, kEps);
}

TEST(LevelFit, TwoLevelsAwayIsFilteredWithItsReason) {
    Profile beginner;
    beginner.skills = {skill("opencv", SkillLevel::Beginner)};
    Listing l = listing("a", {tag("opencv")});
    l.title = "Senior OpenCV developer";
    Score expert = score_with(beginner, l);
    EXPECT_TRUE(expert.filtered);
    EXPECT_EQ(expert.filter_reasons,
              (std::vector<std::string>{
                  "expert listing (from the title) is two levels above yours (beginner)"}));

    Profile advanced;
    advanced.skills = {skill("opencv", SkillLevel::Beginner)};
    advanced.level = SkillLevel::Advanced;  // given, it wins over the skills' mean
    l.title = "OpenCV script";
    l.experience_level = ExperienceLevel::Entry;
    Score entry = score_with(advanced, l);
    EXPECT_EQ(entry.filter_reasons,
              (std::vector<std::string>{"entry listing is two levels below yours (advanced)"}));
    EXPECT_EQ(entry.component("level")->reason,
              "listing: entry, you: advanced (your profile's level); two levels below yours");
}

TEST(LevelFit, StretchListingsAreKeptWithALowFit) {
    Profile p;
    p.skills = {skill("opencv", SkillLevel::Beginner)};
    p.stretch_levels = true;
    Listing l = listing("a", {tag("opencv")});
    l.experience_level = ExperienceLevel::Expert;
    Score s = score_with(p, l);
    EXPECT_FALSE(s.filtered);
    EXPECT_NEAR(value_of(s, "level"), 0.0, kEps);
    EXPECT_EQ(s.component("level")->reason,
              "listing: expert, you: beginner (the mean of your skills' levels); two levels above "
              "yours, kept because you asked for stretch listings");
    p.level = SkillLevel::Advanced;
    l.experience_level = ExperienceLevel::Entry;
    EXPECT_NEAR(value_of(score_with(p, l), "level"), 0.2, kEps);
}

// --- budget fit ---

Score budget_case(std::optional<Budget> budget, Profile p = {}) {
    if (p.skills.empty()) {
        p.skills = {skill("opencv", SkillLevel::Advanced)};
        p.min_hourly = Money{40, "USD"};
        p.min_fixed = Money{1000, "USD"};
    }
    Listing l = listing("a", {tag("opencv")});
    l.budget = budget;
    return score_with(p, l);
}

TEST(BudgetFit, SixTenthsAtTheMinimumRisingToFullAtTwiceIt) {
    EXPECT_NEAR(value_of(budget_case(Budget{BudgetKind::Hourly, {}, 40, "USD"}), "budget"), 0.6,
                kEps);
    EXPECT_NEAR(value_of(budget_case(Budget{BudgetKind::Hourly, 30, 60, "USD"}), "budget"), 0.8,
                kEps);
    EXPECT_NEAR(value_of(budget_case(Budget{BudgetKind::Hourly, {}, 80, "USD"}), "budget"), 1.0,
                kEps);
    EXPECT_NEAR(value_of(budget_case(Budget{BudgetKind::Hourly, {}, 200, "USD"}), "budget"), 1.0,
                kEps);
    EXPECT_NEAR(value_of(budget_case(Budget{BudgetKind::Fixed, 500, 1500, "USD"}), "budget"), 0.8,
                kEps);
    // A salary counts as 2,000 hours a year: 120,000 → 60/h.
    EXPECT_NEAR(value_of(budget_case(Budget{BudgetKind::Salary, 120000, {}, "USD"}), "budget"), 0.8,
                kEps);
    EXPECT_EQ(budget_case(Budget{BudgetKind::Hourly, 30, 60, "USD"}).component("budget")->reason,
              "up to 60 USD/h vs your minimum 40: 1.50× it (the minimum counts 0.6, twice it 1)");
}

TEST(BudgetFit, ConvertsCurrencies) {
    // 56 EUR at 0.8 EUR per USD = 70 USD/h: 1.75 × 40.
    Score eur = budget_case(Budget{BudgetKind::Hourly, 20, 56, "EUR"});
    EXPECT_NEAR(value_of(eur, "budget"), 0.6 + 0.4 * 0.75, kEps);
    EXPECT_EQ(eur.component("budget")->reason,
              "up to 70 USD/h (56 EUR) vs your minimum 40: 1.75× it (the minimum counts 0.6, "
              "twice it 1)");
    // Only a minimum: 4,800 INR at 80 per USD = 60 USD/h.
    EXPECT_NEAR(value_of(budget_case(Budget{BudgetKind::Hourly, 4800, {}, "INR"}), "budget"), 0.8,
                kEps);
    // 900 GBP at 0.5 per USD = 1,800 USD fixed, 1.8 × 1,000.
    EXPECT_NEAR(value_of(budget_case(Budget{BudgetKind::Fixed, {}, 900, "GBP"}), "budget"),
                0.6 + 0.4 * 0.8, kEps);
    // A profile wanting EUR: 50 USD/h = 40 EUR/h, 1.25 × the wanted 32 EUR.
    Profile euro;
    euro.skills = {skill("opencv", SkillLevel::Advanced)};
    euro.min_hourly = Money{32, "EUR"};
    EXPECT_NEAR(value_of(budget_case(Budget{BudgetKind::Hourly, {}, 50, "USD"}, euro), "budget"),
                0.6 + 0.4 * 0.25, kEps);
}

TEST(BudgetFit, NeutralWhenItCannotBeCompared) {
    EXPECT_NEAR(value_of(budget_case(std::nullopt), "budget"), 0.5, kEps);
    EXPECT_EQ(budget_case(std::nullopt).component("budget")->reason, "no budget stated");
    EXPECT_NEAR(value_of(budget_case(Budget{BudgetKind::Hourly, {}, {}, "USD"}), "budget"), 0.5,
                kEps);
    EXPECT_NEAR(value_of(budget_case(Budget{BudgetKind::Hourly, {}, 90, "XYZ"}), "budget"), 0.5,
                kEps);
    Profile hourly_only;
    hourly_only.skills = {skill("opencv", SkillLevel::Advanced)};
    hourly_only.min_hourly = Money{40, "USD"};
    Score fixed = budget_case(Budget{BudgetKind::Fixed, {}, 10, "USD"}, hourly_only);
    EXPECT_NEAR(value_of(fixed, "budget"), 0.5, kEps);
    EXPECT_EQ(fixed.component("budget")->reason, "fixed price; you set only an hourly minimum");
}

TEST(BudgetFit, FullWhenTheProfileSetsNoMinimum) {
    Profile any;
    any.skills = {skill("opencv", SkillLevel::Advanced)};
    EXPECT_NEAR(value_of(budget_case(Budget{BudgetKind::Hourly, {}, 1, "USD"}, any), "budget"), 1.0,
                kEps);
}

// --- floors ---

TEST(Floors, KnownPayBelowTheMinimumIsFilteredWithItsReason) {
    Score hourly = budget_case(Budget{BudgetKind::Hourly, 20, 30, "USD"});
    EXPECT_TRUE(hourly.filtered);
    EXPECT_FALSE(hourly.demoted);
    EXPECT_EQ(hourly.filter_reasons,
              (std::vector<std::string>{"pays up to 30 USD/h, your minimum is 40 USD/h"}));
    // Below the minimum the value still falls linearly to 0 at half of it: 0.6 × (2 × 0.75 - 1).
    EXPECT_NEAR(value_of(hourly, "budget"), 0.3, kEps);
    EXPECT_EQ(hourly.component("budget")->reason,
              "up to 30 USD/h vs your minimum 40: below it (filtered)");

    Score fixed = budget_case(Budget{BudgetKind::Fixed, 200, 400, "USD"});
    EXPECT_EQ(
        fixed.filter_reasons,
        (std::vector<std::string>{"pays up to 400 USD fixed, your minimum is 1000 USD fixed"}));
    // 2,880 INR at 80 per USD = 36 USD/h.
    Score rupees = budget_case(Budget{BudgetKind::Hourly, {}, 2880, "INR"});
    EXPECT_EQ(
        rupees.filter_reasons,
        (std::vector<std::string>{"pays up to 36 USD/h (2880 INR), your minimum is 40 USD/h"}));
    // 78,000 a year ÷ 2,000 h = 39 USD/h.
    Score salary = budget_case(Budget{BudgetKind::Salary, {}, 78000, "USD"});
    EXPECT_EQ(salary.filter_reasons,
              (std::vector<std::string>{
                  "pays up to 39 USD/h (salary ÷ 2000 h), your minimum is 40 USD/h"}));
    // Cents are shown when rounding would hide the shortfall.
    Score cents = budget_case(Budget{BudgetKind::Hourly, {}, 39.6, "USD"});
    EXPECT_EQ(cents.filter_reasons,
              (std::vector<std::string>{"pays up to 39.60 USD/h, your minimum is 40 USD/h"}));
}

TEST(Floors, PayAtTheMinimumOrAboveIsKept) {
    EXPECT_FALSE(budget_case(Budget{BudgetKind::Hourly, {}, 40, "USD"}).filtered);
    // The most offered counts: 30–50 reaches 40.
    EXPECT_FALSE(budget_case(Budget{BudgetKind::Hourly, 30, 50, "USD"}).filtered);
}

TEST(Floors, UnknownPayIsNotBelowTheFloor) {
    EXPECT_FALSE(budget_case(std::nullopt).filtered);
    EXPECT_FALSE(budget_case(Budget{BudgetKind::Hourly, {}, {}, "USD"}).filtered);
    EXPECT_FALSE(budget_case(Budget{BudgetKind::Hourly, {}, 1, "XYZ"}).filtered);
}

TEST(Floors, HourlyAndFixedAreComparedLikeForLike) {
    Profile hourly_only;
    hourly_only.skills = {skill("opencv", SkillLevel::Advanced)};
    hourly_only.min_hourly = Money{40, "USD"};
    // 30 fixed is not compared with 40 an hour.
    EXPECT_FALSE(budget_case(Budget{BudgetKind::Fixed, {}, 30, "USD"}, hourly_only).filtered);
    Profile fixed_only;
    fixed_only.skills = {skill("opencv", SkillLevel::Advanced)};
    fixed_only.min_fixed = Money{1000, "USD"};
    EXPECT_FALSE(budget_case(Budget{BudgetKind::Hourly, {}, 30, "USD"}, fixed_only).filtered);
    // 90 an hour is well above the 40 an hour minimum, though below the fixed one.
    EXPECT_FALSE(budget_case(Budget{BudgetKind::Hourly, {}, 90, "USD"}).filtered);
}

TEST(Floors, AFlexibleMinimumRanksBelowEveryListingThatMeetsIt) {
    Profile p;
    p.skills = {skill("opencv", SkillLevel::Advanced), skill("python", SkillLevel::Advanced)};
    p.min_hourly = Money{40, "USD"};
    p.min_hourly_flexible = true;
    Listing cheap = listing("cheap", {tag("opencv"), tag("python")});
    cheap.budget = Budget{BudgetKind::Hourly, {}, 30, "USD"};
    cheap.posted_at = kNow;
    Listing meets = listing("meets", {description("python")});
    meets.budget = Budget{BudgetKind::Hourly, {}, 45, "USD"};
    Listing unknown = listing("unknown", {description("python")});
    Listing filtered = listing("filtered", {tag("opencv")});
    filtered.remote = false;
    p.remote_only = true;

    Scorer scorer(p, test_taxonomy(), test_currencies(), kNow);
    Score s = scorer.score(cheap);
    EXPECT_FALSE(s.filtered);
    EXPECT_TRUE(s.demoted);
    EXPECT_EQ(s.component("budget")->reason,
              "up to 30 USD/h vs your minimum 40: below it, so ranked after every listing that "
              "meets your flexible minimum");
    EXPECT_GT(s.exact, scorer.score(meets).exact);

    std::vector<Listing> listings{cheap, filtered, meets, unknown};
    std::vector<std::string> order;
    for (const auto& r : rank(listings, scorer)) {
        order.push_back(listings[r.index].id);
    }
    EXPECT_EQ(order, (std::vector<std::string>{"meets", "unknown", "cheap", "filtered"}));
}

TEST(Floors, PostingsOlderThanTheMaximumAgeAreFiltered) {
    Profile p;
    p.skills = {skill("opencv", SkillLevel::Advanced)};
    Listing l = listing("a", {tag("opencv")});
    l.posted_at = kNow - 45 * kDay;
    EXPECT_FALSE(score_with(p, l).filtered);  // 45 days is the default limit, not over it
    l.posted_at = kNow - 410 * kDay;
    Score old = score_with(p, l);
    EXPECT_TRUE(old.filtered);
    EXPECT_EQ(old.filter_reasons,
              (std::vector<std::string>{"posted 410.0 days ago, more than your limit of 45 days"}));
    p.max_age_days = 500;
    EXPECT_FALSE(score_with(p, l).filtered);
    l.posted_at.reset();  // no date: not known to be old
    p.max_age_days = 1;
    EXPECT_FALSE(score_with(p, l).filtered);
}

// --- recency ---

Score recency_case(std::optional<std::int64_t> posted) {
    Profile p;
    p.skills = {skill("opencv", SkillLevel::Advanced)};
    Listing l = listing("a", {tag("opencv")});
    l.posted_at = posted;
    return score_with(p, l);
}

TEST(Recency, HalvesEverySevenDays) {
    EXPECT_NEAR(value_of(recency_case(kNow), "recency"), 1.0, kEps);
    EXPECT_NEAR(value_of(recency_case(kNow - 7 * kDay), "recency"), 0.5, kEps);
    EXPECT_NEAR(value_of(recency_case(kNow - 14 * kDay), "recency"), 0.25, kEps);
    EXPECT_NEAR(value_of(recency_case(kNow - 7 * kDay / 2), "recency"), std::sqrt(0.5), kEps);
    EXPECT_NEAR(value_of(recency_case(kNow + kDay), "recency"), 1.0, kEps);
    EXPECT_NEAR(value_of(recency_case(std::nullopt), "recency"), 0.5, kEps);
    EXPECT_EQ(recency_case(kNow - 7 * kDay).component("recency")->reason,
              "posted 7.0 days ago (half-life 7 days)");
}

// --- client quality ---

Score client_case(std::optional<ClientInfo> client) {
    Profile p;
    p.skills = {skill("opencv", SkillLevel::Advanced)};
    Listing l = listing("a", {tag("opencv")});
    l.client = client;
    return score_with(p, l);
}

TEST(ClientQuality, CombinesRatingPaymentAndHistory) {
    Score good = client_case(ClientInfo{"US", 4.5, 10, true, std::nullopt});
    EXPECT_NEAR(value_of(good, "client"), 0.5 * 0.9 + 0.3 * 1 + 0.2 * 0.5, kEps);
    EXPECT_EQ(good.component("client")->reason, "rating 4.5, 10 reviews, payment verified");
    EXPECT_NEAR(value_of(client_case(ClientInfo{"US", {}, {}, false, {}}), "client"),
                0.5 * 0.5 + 0 + 0.2 * 0.5, kEps);
    // Spent 4,000 GBP = 8,000 USD, of the 10,000 that count as a full history.
    EXPECT_NEAR(value_of(client_case(ClientInfo{"US", 5.0, {}, {}, Money{4000, "GBP"}}), "client"),
                0.5 + 0.3 * 0.5 + 0.2 * 0.8, kEps);
}

TEST(ClientQuality, NeutralWhenThePlatformGivesNothing) {
    EXPECT_NEAR(value_of(client_case(std::nullopt), "client"), 0.5, kEps);
    EXPECT_NEAR(value_of(client_case(ClientInfo{"US", {}, {}, {}, {}}), "client"), 0.5, kEps);
    EXPECT_EQ(client_case(std::nullopt).component("client")->reason, "not given by the platform");
}

// --- the total ---

Listing full_listing() {
    Listing l = listing("a", {tag("opencv")});
    l.experience_level = ExperienceLevel::Expert;
    l.budget = Budget{BudgetKind::Hourly, 40, 60, "USD"};
    l.posted_at = kNow - 7 * kDay;
    l.client = ClientInfo{"US", 5.0, 20, true, std::nullopt};
    l.description = "Port our WordPress gallery to a data entry tool.";
    return l;
}

Profile full_profile() {
    Profile p;
    p.skills = {skill("opencv", SkillLevel::Advanced)};
    p.min_hourly = Money{40, "USD"};
    return p;
}

TEST(Total, OtherComponentsAreScaledByTheSkillEvidence) {
    Score s = score_with(full_profile(), full_listing());
    // One matched tag: coverage 1 × evidence 1/4 → skill (35 + 10 for no search terms) × 0.25.
    // The context counts at 1/2 (matched importance 1 of 2): level 1 (expert for an advanced
    // profile), budget 0.8 (60 = 1.5 × 40), recency 0.5, client 1:
    // 20 × 0.5 + 15 × 0.8 × 0.5 + 12 × 0.5 × 0.5 + 8 × 0.5 = 10 + 6 + 3 + 4.
    EXPECT_NEAR(s.component("skill")->points, 11.25, kEps);
    EXPECT_NEAR(s.component("level")->points, 10, kEps);
    EXPECT_NEAR(s.component("budget")->points, 6, kEps);
    EXPECT_NEAR(s.component("recency")->points, 3, kEps);
    EXPECT_NEAR(s.component("client")->points, 4, kEps);
    EXPECT_NEAR(s.component("search")->points, 0, kEps);
    EXPECT_NEAR(s.component("penalty")->points, 0, kEps);
    EXPECT_NEAR(s.exact, 34.25, kEps);
    EXPECT_EQ(s.total, 34);
    ASSERT_EQ(s.components.size(), 7u);
    std::vector<std::string> names;
    for (const auto& c : s.components) {
        names.push_back(c.name);
    }
    EXPECT_EQ(names, (std::vector<std::string>{"skill", "level", "budget", "recency", "client",
                                               "search", "penalty"}));
}

TEST(Total, ExcludedKeywordsCostTheirPenaltyEach) {
    Profile p = full_profile();
    p.excluded_keywords = {"gallery"};
    Score one = score_with(p, full_listing());
    EXPECT_NEAR(one.component("penalty")->value, 1, kEps);
    EXPECT_NEAR(one.component("penalty")->points, -30, kEps);
    EXPECT_EQ(one.component("penalty")->reason,
              "excluded keyword \"gallery\": ranked after every listing without one");
    EXPECT_EQ(one.total, 4);

    p.excluded_keywords = {"Gallery", "data entry", "not there"};
    Score two = score_with(p, full_listing());
    EXPECT_NEAR(two.component("penalty")->points, -60, kEps);
    EXPECT_EQ(two.component("penalty")->reason,
              "excluded keyword \"Gallery\", \"data entry\": ranked after every listing without "
              "one");
    EXPECT_EQ(two.total, 0);  // clamped
    EXPECT_EQ(two.exact, 0);

    p.excluded_keywords = {"galler"};  // whole words only
    EXPECT_EQ(score_with(p, full_listing()).component("penalty")->value, 0);
    EXPECT_EQ(score_with(p, full_listing()).component("penalty")->reason, "no excluded keyword");
}

TEST(Rank, AnExcludedKeywordRanksAfterEveryListingWithoutOne) {
    Profile p;
    p.skills = {skill("opencv", SkillLevel::Advanced), skill("python", SkillLevel::Advanced)};
    p.excluded_keywords = {"wordpress"};
    // Matches both skills but names WordPress: its points stay above the weak listing's,
    // the order does not.
    Listing strong = listing("strong", {tag("opencv"), tag("python"), description("wordpress")});
    Listing weak = listing("weak", {description("python")});
    Scorer scorer(p, test_taxonomy(), test_currencies(), kNow);
    Score s = scorer.score(strong);
    EXPECT_TRUE(s.demoted);
    EXPECT_FALSE(s.filtered);
    EXPECT_GT(s.exact, scorer.score(weak).exact);
    EXPECT_FALSE(scorer.score(weak).demoted);

    std::vector<Listing> listings{strong, weak};
    std::vector<std::string> order;
    for (const auto& r : rank(listings, scorer, ScoreDetail::Numbers)) {
        order.push_back(listings[r.index].id);
    }
    EXPECT_EQ(order, (std::vector<std::string>{"weak", "strong"}));

    // A penalty of 0 turns excluded keywords off.
    p.weights.excluded_keyword_penalty = 0;
    EXPECT_FALSE(score_with(p, strong).demoted);
}

// A title asking for work of another kind (a writer, an account executive) ranks after every
// listing of the user's own work, however many of their skills its text names; a profile that
// holds one of the kind's skills keeps it.
TEST(Rank, WorkOfAnotherKindRanksAfterTheUsersOwnWork) {
    Profile p = cv_profile();
    Listing writer = listing("writer", {tag("opencv"), tag("python")});
    writer.title = "Research Paper Writer on Computer Vision";
    Listing weak = listing("weak", {description("python")});
    weak.title = "Python scripts";
    Scorer scorer(p, test_taxonomy(), test_currencies(), kNow);
    Score s = scorer.score(writer);
    EXPECT_TRUE(s.demoted);
    EXPECT_EQ(s.component("penalty")->value, 1);
    EXPECT_EQ(s.component("penalty")->reason,
              "the title asks for a writer (writing work), and none of your skills is writing: "
              "ranked after every listing without one");
    std::vector<Listing> listings{writer, weak};
    std::vector<std::string> order;
    for (const auto& r : rank(listings, scorer, ScoreDetail::Numbers)) {
        order.push_back(listings[r.index].id);
    }
    EXPECT_EQ(order, (std::vector<std::string>{"weak", "writer"}));

    // A writing skill in the profile makes it the user's work.
    p.skills.push_back(skill("technical-writing", SkillLevel::Beginner));
    EXPECT_FALSE(score_with(p, writer).demoted);
    // An engineering noun after the kind's makes the job engineering.
    writer.title = "Sales Engineer, Computer Vision";
    EXPECT_FALSE(score_with(cv_profile(), writer).demoted);
}

TEST(Total, AnExcludedKeywordNamingASkillMatchesTheExtractedSkill) {
    Profile p = full_profile();
    p.excluded_keywords = {"wordpress"};
    // The text says WordPress, but the extractor did not report it (as it would not for an
    // ambiguous word it rejected): the skill list decides.
    EXPECT_EQ(score_with(p, full_listing()).component("penalty")->value, 0);
    Listing l = listing("a", {tag("opencv"), description("wordpress")});
    l.description = "Our WP site needs image tagging.";
    EXPECT_EQ(score_with(p, l).component("penalty")->value, 1);
}

TEST(Total, WeightsComeFromTheProfile) {
    Profile p = full_profile();
    p.weights = ScoreWeights{50, 10, 10, 10, 10, 5, 10};
    Score s = score_with(p, full_listing());
    // (50 + 10 unused for search) × 0.25 + (10 + 10 × 0.8 + 10 × 0.5 + 10) × 0.5 = 15 + 16.5
    EXPECT_NEAR(s.exact, 31.5, kEps);
    EXPECT_EQ(s.total, 32);
}

// --- filters ---

TEST(Filters, ReportUnwantedJobTypeNotRemoteAndExcludedCountryWithReasons) {
    Profile p = full_profile();
    p.job_types = {JobType::Freelance, JobType::Contract};
    p.remote_only = true;
    p.excluded_countries = {"DE", "IN"};
    Listing l = full_listing();
    l.job_type = JobType::FullTime;
    l.remote = false;
    l.location = "Berlin, Germany";
    l.client->country = "India";
    Score s = score_with(p, l);
    EXPECT_TRUE(s.filtered);
    EXPECT_EQ(
        s.filter_reasons,
        (std::vector<std::string>{"job type full_time is not one you want (freelance, contract)",
                                  "not remote (Berlin, Germany)",
                                  "location \"Berlin, Germany\" is in Germany, an excluded country",
                                  "client in India, an excluded country"}));
    EXPECT_EQ(s.total, 34);  // still scored, so the user can see what was filtered
}

// A yearly salary is an employer's pay: without a stated job type such a listing is a permanent
// job (ranking set 76: salaried NVIDIA, JPMorgan and CVS roles ranked first for a profile wanting
// freelance and contract work).
TEST(Filters, AYearlySalaryWithoutAJobTypeIsAPermanentJob) {
    Profile p = full_profile();
    p.job_types = {JobType::Freelance, JobType::Contract};
    Listing l = full_listing();
    l.budget = Budget{BudgetKind::Salary, 120000, 150000, "USD"};
    Score s = score_with(p, l);
    EXPECT_TRUE(s.filtered);
    EXPECT_EQ(s.filter_reasons,
              (std::vector<std::string>{"job type full_time (a yearly salary) is not one you want "
                                        "(freelance, contract)"}));
    // A stated job type is the listing's own word, and a profile open to permanent jobs keeps it.
    l.job_type = JobType::Contract;
    EXPECT_FALSE(score_with(p, l).filtered);
    l.job_type.reset();
    p.job_types.push_back(JobType::FullTime);
    EXPECT_FALSE(score_with(p, l).filtered);
    // Hourly pay says nothing of the job type.
    p.job_types = {JobType::Freelance};
    l.budget = Budget{BudgetKind::Hourly, 60, 80, "USD"};
    EXPECT_FALSE(score_with(p, l).filtered);
}

// An internship is employment: a profile wanting only freelance or contract work never applies
// (ranking set 76: a TikTok internship at $45-60/h ranked fourth for such a profile).
TEST(Filters, AnInternshipIsNoFreelanceOrContractWork) {
    Profile p = full_profile();
    p.level = SkillLevel::Beginner;  // an intern's level: only the job type is at stake
    p.job_types = {JobType::Freelance, JobType::Contract};
    Listing l = full_listing();
    l.title = "Software Engineer Intern (Visual Search)";
    Score s = score_with(p, l);
    EXPECT_TRUE(s.filtered);
    EXPECT_EQ(s.filter_reasons,
              (std::vector<std::string>{
                  "an internship is not one of the job types you want (freelance, contract)"}));
    // A profile open to employment keeps it, and a stated job type is the listing's own word.
    p.job_types.push_back(JobType::PartTime);
    EXPECT_FALSE(score_with(p, l).filtered);
    p.job_types = {JobType::Freelance, JobType::Contract};
    l.job_type = JobType::Contract;
    EXPECT_FALSE(score_with(p, l).filtered);
    // A German board's "Praktikum" is an internship (ranking set 79, Arbeitnow).
    l.job_type.reset();
    l.title = "Praktikum im Bereich Prototyping & Data";
    EXPECT_TRUE(score_with(p, l).filtered);
    // "International" is no internship.
    l.title = "International OpenCV project";
    l.experience_level = ExperienceLevel::Entry;
    EXPECT_FALSE(score_with(p, l).filtered);
}

TEST(Filters, ARemoteListingOpenOnlyToPeopleElsewhereIsFilteredWithItsLocation) {
    Profile p = full_profile();
    p.based_in = "DE";
    Listing l = full_listing();
    l.remote = true;
    l.location = "Remote (US)";
    Score s = score_with(p, l);
    EXPECT_TRUE(s.filtered);
    EXPECT_EQ(s.filter_reasons, (std::vector<std::string>{
                                    "location \"Remote (US)\" is not open to people in Germany, "
                                    "where you are based"}));

    l.location = "Remote (EU)";
    EXPECT_FALSE(score_with(p, l).filtered);
    l.location = "Worldwide";
    EXPECT_FALSE(score_with(p, l).filtered);
    // Not said where the user lives: nothing to compare with.
    p.based_in.clear();
    l.location = "Remote (US)";
    EXPECT_FALSE(score_with(p, l).filtered);
    // An on-site listing is the remote rule's to judge, not this one's.
    p.based_in = "DE";
    l.remote = false;
    EXPECT_FALSE(score_with(p, l).filtered);
}

TEST(Filters, UnknownFactsDoNotFilter) {
    Profile p = full_profile();
    p.job_types = {JobType::Freelance};
    p.remote_only = true;
    p.excluded_countries = {"US"};
    Listing l = full_listing();
    l.client->country.clear();
    l.location = "Work with us from anywhere";
    Score s = score_with(p, l);
    EXPECT_FALSE(s.filtered);
    EXPECT_TRUE(s.filter_reasons.empty());
}

TEST(Filters, MustHaveKeywordsAreFoundInTextOrSkills) {
    Profile p = full_profile();
    Listing l = full_listing();
    l.skills.push_back({"computer-vision", SkillOrigin::Title});
    l.title = "CV engineer";

    p.must_have_keywords = {"computer vision", "pytorch|OpenCV", "gallery"};
    EXPECT_FALSE(score_with(p, l).filtered);

    p.must_have_keywords = {"ros", "gallery", "keras|tensorflow"};
    Score s = score_with(p, l);
    EXPECT_TRUE(s.filtered);
    EXPECT_EQ(s.filter_reasons,
              (std::vector<std::string>{"must-have keyword \"ros\" not found",
                                        "must-have keyword \"keras|tensorflow\" not found"}));
}

// --- ranking ---

TEST(Rank, BestFirstFilteredLastTiesById) {
    Profile p = full_profile();
    p.remote_only = true;
    std::vector<Listing> listings;
    listings.push_back(listing("c", {tag("opencv")}));
    listings.push_back(listing("b", {tag("opencv")}));
    listings.push_back(listing("z", {tag("react")}));
    Listing strong = full_listing();
    strong.id = "y";
    listings.push_back(strong);
    Listing filtered = full_listing();
    filtered.id = "a";
    filtered.remote = false;
    listings.push_back(filtered);
    listings.push_back(listing("a2", {tag("opencv")}));

    Scorer scorer(p, test_taxonomy(), test_currencies(), kNow);
    auto ranked = rank(listings, scorer);
    std::vector<std::string> order;
    for (const auto& r : ranked) {
        order.push_back(listings[r.index].id);
        EXPECT_EQ(r.score.total, scorer.score(listings[r.index]).total);
    }
    EXPECT_EQ(order, (std::vector<std::string>{"y", "a2", "b", "c", "z", "a"}));
    EXPECT_TRUE(ranked.back().score.filtered);
    EXPECT_GT(ranked.back().score.total, ranked[1].score.total);
}

TEST(Rank, IsDeterministic) {
    Profile p = full_profile();
    std::vector<Listing> listings;
    for (int i = 0; i < 50; ++i) {
        Listing l = full_listing();
        l.id = "l" + std::to_string((i * 37) % 50);
        l.posted_at = kNow - (i % 7) * kDay;
        if (i % 3 == 0) {
            l.skills.push_back(tag("react"));
        }
        listings.push_back(l);
    }
    Scorer scorer(p, test_taxonomy(), test_currencies(), kNow);
    auto first = rank(listings, scorer);
    auto second = rank(listings, scorer);
    ASSERT_EQ(first.size(), second.size());
    for (std::size_t i = 0; i < first.size(); ++i) {
        EXPECT_EQ(first[i].index, second[i].index);
        EXPECT_EQ(first[i].score.exact, second[i].score.exact);
    }
    for (std::size_t i = 1; i < first.size(); ++i) {
        const auto& a = first[i - 1];
        const auto& b = first[i];
        EXPECT_TRUE(a.score.exact > b.score.exact || (a.score.exact == b.score.exact &&
                                                      listings[a.index].id < listings[b.index].id));
    }
}

TEST(Rank, NumbersOnlyGivesTheSameOrderAndNumbersWithoutText) {
    Profile p = full_profile();
    p.remote_only = true;
    p.excluded_keywords = {"react"};
    p.must_have_keywords = {"opencv"};
    std::vector<Listing> listings;
    for (int i = 0; i < 40; ++i) {
        Listing l = full_listing();
        l.id = "l" + std::to_string((i * 17) % 40);
        l.posted_at = kNow - (i % 9) * kDay;
        l.remote = i % 5 != 0;
        if (i % 3 == 0) {
            l.skills.push_back(tag("react"));
        }
        if (i % 4 == 0) {
            l.skills = {tag("python")};
            l.title = "Python scripts";
            l.description = "Scripts.";
        }
        if (i % 6 == 0) {
            l.experience_level.reset();
            l.budget.reset();
            l.client.reset();
        }
        listings.push_back(l);
    }
    Scorer scorer(p, test_taxonomy(), test_currencies(), kNow);
    auto full = rank(listings, scorer);
    auto numbers = rank(listings, scorer, ScoreDetail::Numbers);
    ASSERT_EQ(full.size(), numbers.size());
    std::size_t filtered = 0;
    for (std::size_t i = 0; i < full.size(); ++i) {
        const Score& f = full[i].score;
        const Score& n = numbers[i].score;
        EXPECT_EQ(full[i].index, numbers[i].index) << i;
        EXPECT_EQ(f.exact, n.exact) << i;
        EXPECT_EQ(f.filtered, n.filtered) << i;
        filtered += f.filtered ? 1 : 0;
        ASSERT_EQ(f.components.size(), n.components.size());
        for (std::size_t c = 0; c < f.components.size(); ++c) {
            EXPECT_EQ(f.components[c].name, n.components[c].name);
            EXPECT_EQ(f.components[c].value, n.components[c].value) << f.components[c].name;
            EXPECT_EQ(f.components[c].points, n.components[c].points) << f.components[c].name;
            EXPECT_FALSE(f.components[c].reason.empty());
            EXPECT_TRUE(n.components[c].reason.empty());
        }
        EXPECT_TRUE(n.filter_reasons.empty());
        EXPECT_TRUE(n.matched_skills.empty() && n.partial_skills.empty() &&
                    n.missing_skills.empty());
    }
    EXPECT_GT(filtered, 0u);
    EXPECT_LT(filtered, full.size());
}

TEST(Rank, EmptyInputGivesEmptyRanking) {
    Scorer scorer(full_profile(), test_taxonomy(), test_currencies(), kNow);
    EXPECT_TRUE(rank({}, scorer).empty());
}

TEST(Scorer, KeepsACopyOfTheProfile) {
    Profile p = full_profile();
    Scorer scorer(p, test_taxonomy(), test_currencies(), kNow);
    p.skills.clear();
    EXPECT_EQ(scorer.profile().skills.size(), 1u);
    EXPECT_EQ(scorer.score(full_listing()).total, 34);
    Scorer moved = std::move(scorer);
    EXPECT_EQ(moved.score(full_listing()).total, 34);
}

}  // namespace
}  // namespace gigscout
