#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "taxonomy/skill_extractor.h"

namespace gigscout {
namespace {

// "id:origin" for each annotated skill, in order.
std::vector<std::string> annotated(Listing listing) {
    annotate_skills(listing, SkillExtractor::bundled());
    std::vector<std::string> out;
    for (const auto& s : listing.skills) {
        out.push_back(std::string(s.skill) + ":" + std::string(to_string(s.origin)));
    }
    return out;
}

using Strings = std::vector<std::string>;

TEST(AnnotateSkills, TagsTitleAndDescriptionEachGiveTheirOrigin) {
    Listing l;
    l.tags = {"PyTorch", "digital nomad"};
    l.title = "Computer Vision Engineer";
    l.description = "Train PyTorch models and deploy them with Docker.";
    EXPECT_EQ(annotated(l), (Strings{"computer-vision:title", "pytorch:tag",
                                     "model-serving:description", "docker:description"}));
}

// A feed searched for "java" tags every result Java, a story-writing job included: a tag the
// listing's own words never name is the weakest evidence, after everything the text names.
TEST(AnnotateSkills, ATagTheTextNeverNamesComesLastAsTagOnly) {
    Listing l;
    l.tags = {"Java", "JavaFX", "Creative Writing"};
    l.title = "Ghostwriter for a short story";
    l.description = "Write a 5,000-word story and deliver it in Microsoft Word.";
    EXPECT_EQ(annotated(l), (Strings{"microsoft-word:description", "java:tag-only",
                                     "desktop-gui:tag-only", "creative-writing:tag-only"}));
    // Named anywhere in the text, the tag keeps its full origin.
    l.description = "A JavaFX desktop tool that formats stories.";
    EXPECT_EQ(annotated(l),
              (Strings{"desktop-gui:tag", "java:tag-only", "creative-writing:tag-only"}));
}

// Platforms derive tags from the text: a tag written there backs itself even when the word is
// too vague for the extractor ("analytics"); a short one ("go") is too often an ordinary word.
TEST(AnnotateSkills, ATagWrittenInTheTextIsBackedByIt) {
    Listing l;
    l.tags = {"analytics", "go"};
    l.title = "Part-time help for a shop";
    l.description = "You join our Analytics team; go live in May.";
    EXPECT_EQ(annotated(l), (Strings{"data-analysis:tag", "go:tag-only"}));
}

// The title names the job itself (the scorer weighs how much of it the user has), so a skill
// both the title and a tag name is the title's.
TEST(AnnotateSkills, EachSkillIsKeptOnceAtItsStrongestOrigin) {
    Listing l;
    l.tags = {"python", "NumPy"};
    l.title = "Python and OpenCV developer";
    l.description = "OpenCV, Python 3.11 and NumPy. More OpenCV.";
    EXPECT_EQ(annotated(l), (Strings{"python:title", "opencv:title", "numpy:tag"}));
}

// A role is not asked of the hire, but in the title it is what the job is: "Machine Learning
// Engineer" ranks like a title that names machine learning (ranking set H, twenty-fifth
// session). In the description it is a weak sign, after everything the listing asks for.
TEST(AnnotateSkills, ARoleInTheTitleIsTheJobAndElsewhereComesLast) {
    Listing l;
    l.title = "Senior DevOps Engineer";
    l.description = "Terraform and Kubernetes.";
    EXPECT_EQ(annotated(l),
              (Strings{"devops:title", "terraform:description", "kubernetes:description"}));
    l.title = "Platform engineer";
    l.description = "Terraform and Kubernetes. You will join the DevOps team.";
    EXPECT_EQ(annotated(l),
              (Strings{"terraform:description", "kubernetes:description", "devops:role"}));
    l.description = "Terraform and DevOps practices.";
    EXPECT_EQ(annotated(l), (Strings{"terraform:description", "devops:description"}));
}

// "Data Scientist", "Data Analyst" and "Data Engineer" name their field's person the way
// "DevOps Engineer" does (aliases marked `role`): the title's job, a colleague elsewhere, never
// an asked skill (ranking set L, thirtieth session).
TEST(AnnotateSkills, TheDataRolesAreRolesOfTheirFields) {
    Listing l;
    l.title = "Senior Data Scientist - Customer Service";
    l.description = "Forecasting in Python with our data engineers.";
    EXPECT_EQ(annotated(l),
              (Strings{"data-science:title", "customer-support:title", "forecasting:description",
                       "python:description", "data-engineering:role"}));
    l.title = "Data Analyst";
    l.description = "SQL and Tableau.";
    EXPECT_EQ(annotated(l),
              (Strings{"data-analysis:title", "sql:description", "tableau:description"}));
}

// A nice-to-have comes after what the description requires; named both ways, it is required.
TEST(AnnotateSkills, ANiceToHaveComesAfterTheRequiredSkills) {
    Listing l;
    l.title = "Backend engineer";
    l.description = "Docker is a plus. You will build services in Go and Python.";
    EXPECT_EQ(annotated(l), (Strings{"backend:title", "go:description", "python:description",
                                     "docker:preferred"}));
    l.description =
        "Docker is a plus. You will build services in Python and ship them with Docker.";
    EXPECT_EQ(annotated(l), (Strings{"backend:title", "python:description", "docker:description"}));
}

TEST(AnnotateSkills, TitleBeatsDescription) {
    Listing l;
    l.title = "Go engineer";
    l.description = "Our services need Go.\nWe write Go services on Kubernetes.";
    EXPECT_EQ(annotated(l), (Strings{"go:title", "kubernetes:description"}));
}

// A title naming only a language or "AI" says little of the job: the description's first
// sentence says it, and its skills come at origin `lead`.
TEST(AnnotateSkills, AVagueTitleLeavesTheJobToTheFirstSentence) {
    Listing l;
    l.title = "AI Engineer Needed";
    l.description = "Build a chatbot with LangChain for our clinic. Python and Docker.";
    EXPECT_EQ(annotated(l),
              (Strings{"artificial-intelligence:title", "chatbots:lead", "langchain:lead",
                       "python:description", "docker:description"}));
    // A title that names the work keeps the first sentence as description.
    l.title = "AI Engineer for a chatbot";
    EXPECT_EQ(annotated(l),
              (Strings{"artificial-intelligence:title", "chatbots:title", "langchain:description",
                       "python:description", "docker:description"}));
    // A greeting is not the first sentence.
    l.title = "Python developer";
    l.description = "Hi! We need an OpenCV expert. Docker too.";
    EXPECT_EQ(annotated(l), (Strings{"python:title", "opencv:lead", "docker:description"}));
}

TEST(AnnotateSkills, TagsResolveBySpellingVariantsNotByTextRules) {
    Listing l;
    // Lower-case "go" and "c" are not found in text, but as whole tags they are the skills (the
    // listing has no text, so each is a tag only).
    l.tags = {"go", "c", "tf.keras", "Computer-Vision", "opencv-python", "node"};
    EXPECT_EQ(annotated(l),
              (Strings{"go:tag-only", "c:tag-only", "keras:tag-only", "computer-vision:tag-only",
                       "opencv:tag-only", "nodejs:tag-only"}));
}

TEST(AnnotateSkills, AnUnknownTagIsStillSearchedForSkills) {
    Listing l;
    l.tags = {"C/C++", "AI/ML", "Machine-Learning-Engineer", "ruby/rails", "marketing"};
    l.description = "C, C++, AI models, machine learning, Ruby and Rails.";
    EXPECT_EQ(annotated(l), (Strings{"c:tag", "cpp:tag", "artificial-intelligence:tag",
                                     "machine-learning:tag", "ruby:tag", "rails:tag"}));
}

TEST(AnnotateSkills, ReplacesEarlierSkills) {
    Listing l;
    l.skills = {{"cobol", SkillOrigin::Tag}};
    l.description = "Rust";
    EXPECT_EQ(annotated(l), Strings{});
    l.description = "Written in Rust.";
    EXPECT_EQ(annotated(l), (Strings{"rust:description"}));
}

TEST(AnnotateSkills, AListingWithoutTextGetsNoSkills) {
    EXPECT_TRUE(annotated(Listing{}).empty());
}

}  // namespace
}  // namespace gigscout
