#include "taxonomy/taxonomy.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "support/test_support.h"

namespace gigscout {
namespace {

using testing::TempDir;
using testing::write_file;

// A minimal valid file around `skills` (a JSON array body) and `contexts` (an object body).
std::string taxonomy_json(const std::string& skills, const std::string& contexts = "") {
    return R"({"format": 1,
  "categories": [{"id": "language", "name": "Languages"}, {"id": "cv-library", "name": "CV"}],
  "contexts": {)" +
           contexts + R"(},
  "skills": [)" +
           skills + "]}";
}

// Loads `content` from a real file; returns the error message with the file's path written as
// FILE ("" on success).
std::string load_error(const std::string& content) {
    TempDir dir;
    auto path = dir.path() / "taxonomy.json";
    write_file(path, content);
    auto t = Taxonomy::load(path);
    if (t.ok()) {
        return "";
    }
    std::string message = t.error().message;
    std::string p = path.string();
    if (auto at = message.find(p); at != std::string::npos) {
        message.replace(at, p.size(), "FILE");
    }
    return message;
}

TEST(Taxonomy, BundledFileLoadsWithAtLeast150Skills) {
    auto t = Taxonomy::load(testing::source_dir() / "resources" / "taxonomy.json");
    ASSERT_TRUE(t.ok()) << t.error().message;
    EXPECT_GE(t.value().skills().size(), 150u);
    EXPECT_EQ(&Taxonomy::bundled(), &Taxonomy::bundled());
    EXPECT_EQ(Taxonomy::bundled().skills().size(), t.value().skills().size());
}

TEST(Taxonomy, BundledFileCoversTheComputerVisionLearningPath) {
    const Taxonomy& t = Taxonomy::bundled();
    const char* required[] = {
        // frameworks and libraries
        "tensorflow", "keras", "pytorch", "onnx", "onnx-runtime", "opencv", "scikit-image",
        "pillow", "python",
        // cloud vision services
        "aws-rekognition", "google-cloud-vision", "azure-computer-vision",
        // tasks
        "computer-vision", "face-recognition", "object-detection", "image-classification",
        "image-segmentation", "ocr", "pose-estimation", "object-tracking", "generative-models",
        // deployment and optimisation
        "docker", "kubernetes", "fastapi", "flask", "tensorrt", "openvino", "tflite", "coreml",
        "cuda", "quantization", "edge-devices", "sagemaker", "vertex-ai", "azure-ml",
        // models
        "yolo", "resnet", "unet", "vit", "sam", "stable-diffusion", "detectron2", "mmdetection",
        "huggingface",
        // data tooling
        "numpy", "pandas", "data-labeling", "cvat", "label-studio",
        // general software
        "cpp", "csharp", "c", "go", "rust", "r", "swift", "java", "javascript", "typescript",
        "dotnet", "nodejs", "react", "postgresql", "aws", "gcp", "azure", "android", "ios",
        "apache-spark", "kafka", "airflow", "sql", "linux", "git"};
    for (const char* id : required) {
        EXPECT_NE(t.find(id), nullptr) << id;
    }
}

TEST(Taxonomy, BundledFileCoversEverydayGigSkills) {
    const Taxonomy& t = Taxonomy::bundled();
    EXPECT_GE(t.skills().size(), 800u);
    for (const char* id :
         {"business-intelligence", "dashboards", "data-entry", "reporting", "google-analytics",
          "power-bi", "dax", "power-query", "tableau", "looker", "regression-analysis",
          "forecasting", "survival-analysis", "causal-inference", "predictive-modeling",
          "data-visualization", "excel", "pivot-tables"}) {
        EXPECT_NE(t.find(id), nullptr) << id;
    }
}

// Following implies and broader relations from `id`, is `target` reached?
bool leads_to(const Taxonomy& t, const std::string& id, const std::string& target) {
    std::vector<std::string> todo{id};
    std::set<std::string> seen;
    while (!todo.empty()) {
        std::string at = todo.back();
        todo.pop_back();
        if (at == target) {
            return true;
        }
        const Skill* s = t.find(at);
        if (s == nullptr || !seen.insert(at).second) {
            continue;
        }
        todo.insert(todo.end(), s->implies.begin(), s->implies.end());
        if (!s->broader.empty()) {
            todo.push_back(s->broader);
        }
    }
    return false;
}

TEST(Taxonomy, ToolsAndTasksLeadToTheirField) {
    const Taxonomy& t = Taxonomy::bundled();
    for (const auto& s : t.skills()) {
        if (s.category == "cv-task" || s.category == "cloud-vision") {
            EXPECT_TRUE(leads_to(t, s.id, "computer-vision")) << s.id;
        }
        if (s.category == "dl-framework") {
            EXPECT_TRUE(leads_to(t, s.id, "deep-learning")) << s.id;
        }
    }
    for (const char* id : {"opencv", "pytorch-lightning", "yolo", "tensorrt", "mediapipe",
                           "scikit-image", "torchvision", "monai"}) {
        EXPECT_TRUE(leads_to(t, id, "computer-vision") || leads_to(t, id, "deep-learning")) << id;
    }
    EXPECT_TRUE(leads_to(t, "pytorch-lightning", "pytorch"));
    EXPECT_TRUE(leads_to(t, "pandas", "data-analysis"));
    EXPECT_TRUE(leads_to(t, "dax", "data-visualization"));
}

TEST(Taxonomy, EverySkillHasANameACategoryAndAliases) {
    const Taxonomy& t = Taxonomy::bundled();
    std::set<std::string> categories;
    for (const auto& c : t.categories()) {
        categories.insert(c.id);
    }
    for (const auto& s : t.skills()) {
        EXPECT_FALSE(s.name.empty()) << s.id;
        EXPECT_EQ(categories.count(s.category), 1u) << s.id;
        EXPECT_FALSE(s.aliases.empty()) << s.id;
        EXPECT_EQ(s.aliases.size(), s.alias_rules.size()) << s.id;
    }
}

TEST(Taxonomy, RelationsAreLoaded) {
    const Taxonomy& t = Taxonomy::bundled();
    const Skill* keras = t.find("keras");
    ASSERT_NE(keras, nullptr);
    EXPECT_NE(std::find(keras->implies.begin(), keras->implies.end(), "tensorflow"),
              keras->implies.end());
    EXPECT_EQ(t.find("unet")->broader, "image-segmentation");
    EXPECT_EQ(t.find("semantic-segmentation")->broader, "image-segmentation");
    const Skill* ort = t.find("onnx-runtime");
    EXPECT_EQ(ort->implies, std::vector<std::string>{"onnx"});
}

TEST(Taxonomy, AliasRulesCarryCaseAndContext) {
    const Taxonomy& t = Taxonomy::bundled();
    const Skill* go = t.find("go");
    ASSERT_NE(go, nullptr);
    auto it = std::find_if(go->alias_rules.begin(), go->alias_rules.end(),
                           [](const Alias& a) { return a.text == "Go"; });
    ASSERT_NE(it, go->alias_rules.end());
    EXPECT_TRUE(it->case_sensitive);
    EXPECT_EQ(it->context, "programming-language");
    EXPECT_NE(t.find_context("programming-language"), nullptr);
    EXPECT_EQ(t.find_context("no-such-rule"), nullptr);
}

TEST(Taxonomy, ResolveTagIsCaseSpacingAndPunctuationTolerant) {
    const Taxonomy& t = Taxonomy::bundled();
    auto id = [&](std::string_view tag) -> std::string {
        const Skill* s = t.resolve_tag(tag);
        return s == nullptr ? "-" : s->id;
    };
    EXPECT_EQ(id("tf.keras"), "keras");
    EXPECT_EQ(id("Computer Vision"), "computer-vision");
    EXPECT_EQ(id("Computer-Vision"), "computer-vision");
    EXPECT_EQ(id("opencv-python"), "opencv");
    EXPECT_EQ(id("  OpenCV "), "opencv");
    EXPECT_EQ(id("Machine-Learning"), "machine-learning");
    EXPECT_EQ(id("C++"), "cpp");
    EXPECT_EQ(id("c#"), "csharp");
    EXPECT_EQ(id("C"), "c");
    EXPECT_EQ(id(".Net"), "dotnet");
    EXPECT_EQ(id("ASP.NET"), "aspnet");
    EXPECT_EQ(id("node.js"), "nodejs");
    EXPECT_EQ(id("node"), "nodejs");  // a tag-only alias
    EXPECT_EQ(id("go"), "go");
    EXPECT_EQ(id("Golang"), "go");
    EXPECT_EQ(id("r"), "r");
    EXPECT_EQ(id("Typescript "), "typescript");
    EXPECT_EQ(id("AI/ML"), "-");  // two skills: annotate_skills runs the extractor on it
    EXPECT_EQ(id("object-detection"), "object-detection");  // the id itself
    EXPECT_EQ(id("OpenCV"), "opencv");                      // the display name
}

TEST(Taxonomy, ResolveTagStripsAGluedVersion) {
    const Taxonomy& t = Taxonomy::bundled();
    EXPECT_EQ(t.resolve_tag("python3")->id, "python");
    EXPECT_EQ(t.resolve_tag("YOLOv8")->id, "yolo");
    EXPECT_EQ(t.resolve_tag("opencv4")->id, "opencv");
    EXPECT_EQ(t.resolve_tag("ResNet50")->id, "resnet");
}

TEST(Taxonomy, ResolveTagReturnsNullForUnknownOrEmptyTags) {
    const Taxonomy& t = Taxonomy::bundled();
    EXPECT_EQ(t.resolve_tag("digital nomad"), nullptr);
    EXPECT_EQ(t.resolve_tag("marketing"), nullptr);
    EXPECT_EQ(t.resolve_tag(""), nullptr);
    EXPECT_EQ(t.resolve_tag(" - / "), nullptr);
    EXPECT_EQ(t.resolve_tag("."), nullptr);
    EXPECT_EQ(t.resolve_tag("2024"), nullptr);
}

TEST(Taxonomy, NormaliseTagKeepsWhatDistinguishesSkills) {
    EXPECT_EQ(Taxonomy::normalise_tag("Node.js"), "nodejs");
    EXPECT_EQ(Taxonomy::normalise_tag("C++"), "c++");
    EXPECT_EQ(Taxonomy::normalise_tag("C#"), "c#");
    EXPECT_EQ(Taxonomy::normalise_tag(".NET Core"), ".netcore");
    EXPECT_EQ(Taxonomy::normalise_tag("Scikit Image"), "scikitimage");
    EXPECT_EQ(Taxonomy::normalise_tag("Bildverarbeitung (München)"), "bildverarbeitungmünchen");
}

TEST(Taxonomy, LoadsAMinimalFileWithAliasObjects) {
    TempDir dir;
    auto path = dir.path() / "t.json";
    write_file(path, taxonomy_json(
                         R"({"id": "go", "name": "Go", "category": "language",
                             "aliases": ["golang", {"text": "Go", "case": "sensitive",
                                                    "context": "lang", "not_next": ["to"]}]})",
                         R"("lang": {"window": 3, "accept_near_skill": true})"));
    auto t = Taxonomy::load(path);
    ASSERT_TRUE(t.ok()) << t.error().message;
    const Skill* go = t.value().find("go");
    ASSERT_NE(go, nullptr);
    EXPECT_EQ(go->aliases, (std::vector<std::string>{"golang", "Go"}));
    EXPECT_TRUE(go->alias_rules[1].case_sensitive);
    EXPECT_EQ(go->alias_rules[1].not_next, std::vector<std::string>{"to"});
    EXPECT_EQ(t.value().find_context("lang")->window, 3);
}

TEST(Taxonomy, NamesRolesIsReadAndOffByDefault) {
    const Taxonomy& t = Taxonomy::bundled();
    EXPECT_TRUE(t.find("devops")->names_roles);
    EXPECT_TRUE(t.find("quality-assurance")->names_roles);
    EXPECT_FALSE(t.find("python")->names_roles);
    // A web specialisation's title ("Full-Stack Developer") is a role too, like "DevOps
    // Engineer" (docs/eval.md, rule 3); a language's ("Python Developer") names the language.
    EXPECT_TRUE(t.find("full-stack")->names_roles);
    EXPECT_FALSE(t.find("react")->names_roles);
}

TEST(Taxonomy, KindOfWorkIsReadAndOffByDefault) {
    const Taxonomy& t = Taxonomy::bundled();
    EXPECT_TRUE(t.find("web-development")->kind_of_work);
    EXPECT_FALSE(t.find("frontend")->kind_of_work);
    EXPECT_FALSE(t.find("react")->kind_of_work);
    EXPECT_EQ(load_error(taxonomy_json(R"({"id": "x", "name": "X", "category": "web",
                                          "aliases": ["x"], "kind_of_work": 1})")),
              "FILE: skill 0 (`x`): field `kind_of_work`: expected true or false, got a number");
}

TEST(Taxonomy, UmbrellaIsReadAndOffByDefault) {
    const Taxonomy& t = Taxonomy::bundled();
    EXPECT_TRUE(t.find("artificial-intelligence")->umbrella);
    EXPECT_FALSE(t.find("machine-learning")->umbrella);
    EXPECT_FALSE(t.find("opencv")->umbrella);
    EXPECT_EQ(load_error(taxonomy_json(R"({"id": "x", "name": "X", "category": "language",
                                          "aliases": ["x"], "umbrella": "yes"})")),
              "FILE: skill 0 (`x`): field `umbrella`: expected true or false, got a string");
}

TEST(Taxonomy, ARoleAliasIsReadAndOffByDefault) {
    const Taxonomy& t = Taxonomy::bundled();
    const auto& aliases = t.find("data-science")->alias_rules;
    EXPECT_TRUE(std::any_of(aliases.begin(), aliases.end(),
                            [](const Alias& a) { return a.text == "data scientist" && a.role; }));
    EXPECT_FALSE(aliases.front().role);
    EXPECT_EQ(load_error(taxonomy_json(R"({"id": "x", "name": "X", "category": "language",
                                          "aliases": [{"text": "x person", "role": 1}]})")),
              "FILE: skill 0 (`x`): field `aliases[0].role`: expected true or false, got a number");
}

TEST(Taxonomy, MissingFileNamesTheFile) {
    TempDir dir;
    auto path = dir.path() / "absent.json";
    auto t = Taxonomy::load(path);
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().message, path.string() + ": no such file");
}

TEST(Taxonomy, BadJsonNamesFileLineAndColumn) {
    std::string error = load_error("{\"format\": 1,\n  \"skills\": [\n}");
    EXPECT_EQ(error, "FILE: line 3, column 1: Invalid value.");
}

TEST(Taxonomy, DuplicateIdIsRefused) {
    std::string error = load_error(taxonomy_json(
        R"({"id": "opencv", "name": "OpenCV", "category": "cv-library", "aliases": ["opencv"]},
                         {"id": "opencv", "name": "OpenCV 2", "category": "cv-library", "aliases": ["cv2"]})"));
    EXPECT_EQ(error, "FILE: skill 1: field `id`: duplicate id `opencv` (also skill 0)");
}

TEST(Taxonomy, UnknownImpliesTargetIsRefused) {
    std::string error = load_error(taxonomy_json(
        R"({"id": "keras", "name": "Keras", "category": "language", "aliases": ["keras"],
                          "implies": ["tensorflw"]})"));
    EXPECT_EQ(error, "FILE: skill 0 (`keras`): field `implies`: unknown skill id `tensorflw`");
}

TEST(Taxonomy, UnknownBroaderTargetIsRefused) {
    std::string error = load_error(taxonomy_json(
        R"({"id": "unet", "name": "U-Net", "category": "cv-library", "aliases": ["unet"],
                          "broader": "segmentaton"})"));
    EXPECT_EQ(error, "FILE: skill 0 (`unet`): field `broader`: unknown skill id `segmentaton`");
}

TEST(Taxonomy, AliasClaimedByTwoSkillsIsRefused) {
    std::string error = load_error(taxonomy_json(
        R"({"id": "opencv", "name": "OpenCV", "category": "cv-library", "aliases": ["opencv", "cv2"]},
                         {"id": "other", "name": "Other", "category": "cv-library", "aliases": ["other", "CV2"]})"));
    EXPECT_EQ(error,
              "FILE: skill 1 (`other`): field `aliases[1]`: alias `CV2` is already claimed by "
              "skill `opencv`");
}

// A spelling a context confirms in prose may share its tag key with another skill's tag-only
// spelling, either way round: the tag resolves to the tag-only skill. Two plain spellings, or
// a plain one and a tag-only one, still may not share a key.
TEST(Taxonomy, AContextualSpellingMayShareATagOnlySpellingsKey) {
    const std::string contexts = R"("near-build": {"accept_near": ["build"]})";
    for (
        const auto& [first, second] :
        {std::pair<std::string, std::string>{
             R"({"id": "rest", "name": "REST", "category": "language", "aliases": [{"text": "apis", "tag_only": true}]})",
             R"({"id": "design", "name": "Design", "category": "language", "aliases": [{"text": "APIs", "context": "near-build"}]})"},
         {R"({"id": "design", "name": "Design", "category": "language", "aliases": [{"text": "APIs", "context": "near-build"}]})",
          R"({"id": "rest", "name": "REST", "category": "language", "aliases": [{"text": "apis", "tag_only": true}]})"}}) {
        TempDir dir;
        auto path = dir.path() / "taxonomy.json";
        write_file(path, taxonomy_json(first + ", " + second, contexts));
        auto t = Taxonomy::load(path);
        ASSERT_TRUE(t.ok()) << t.error().message;
        EXPECT_EQ(t.value().resolve_tag("APIs")->id, "rest");
    }
    EXPECT_NE(
        load_error(taxonomy_json(
            R"({"id": "rest", "name": "REST", "category": "language", "aliases": [{"text": "apis", "tag_only": true}]},
                     {"id": "design", "name": "Design", "category": "language", "aliases": ["APIs"]})",
            contexts)),
        "");
}

// The extractor judges only the first alias of a spelling whose case fits; a second with rules
// of its own would be dead, so the loader says so rather than ignoring it.
TEST(Taxonomy, ASecondAliasOfTheSameSpellingWithOtherRulesIsRefused) {
    const std::string contexts =
        R"("near-a": {"accept_near": ["a"]}, "near-b": {"accept_near": ["b"]})";
    EXPECT_EQ(
        load_error(taxonomy_json(
            R"({"id": "x", "name": "X", "category": "language", "aliases": [
                 {"text": "reports", "context": "near-a"}, {"text": "Reports", "context": "near-b"}]})",
            contexts)),
        "FILE: skill 0 (`x`): field `aliases[1]`: alias `Reports` repeats the spelling of alias "
        "`reports`, which is always tried first: merge their rules into one alias");
    // A narrower case after a wider one is never reached either; the other way round it is.
    EXPECT_NE(load_error(taxonomy_json(
                  R"({"id": "x", "name": "X", "category": "language", "aliases": [
                       "go", {"text": "Go", "case": "sensitive", "context": "near-a"}]})",
                  contexts)),
              "");
    EXPECT_EQ(load_error(taxonomy_json(
                  R"({"id": "x", "name": "X", "category": "language", "aliases": [
                       {"text": "Go", "case": "sensitive"}, {"text": "go", "context": "near-a"}]})",
                  contexts)),
              "");
    // So is a role alias repeating a plain one's spelling: it would never be read as a role.
    EXPECT_NE(load_error(taxonomy_json(
                  R"({"id": "x", "name": "X", "category": "language", "aliases": [
                       "x person", {"text": "X person", "role": true}]})")),
              "");
    // A plain repeat ("objective c" beside "objective-c") is harmless.
    EXPECT_EQ(
        load_error(taxonomy_json(
            R"({"id": "x", "name": "X", "category": "language", "aliases": ["x-y", "x y"]})")),
        "");
}

TEST(Taxonomy, SpellingThatOnlyDiffersInPunctuationCountsAsTheSameAlias) {
    std::string error = load_error(taxonomy_json(
        R"({"id": "scikit-image", "name": "scikit-image", "category": "cv-library", "aliases": ["scikit-image"]},
                         {"id": "other", "name": "Other", "category": "cv-library", "aliases": ["Scikit Image"]})"));
    EXPECT_EQ(error,
              "FILE: skill 1 (`other`): field `aliases[0]`: alias `Scikit Image` is "
              "already claimed by skill `scikit-image`");
}

TEST(Taxonomy, UnknownCategoryContextAndFieldAreRefused) {
    EXPECT_EQ(load_error(taxonomy_json(
                  R"({"id": "x", "name": "X", "category": "tools", "aliases": ["x"]})")),
              "FILE: skill 0 (`x`): field `category`: unknown category `tools`");
    EXPECT_EQ(load_error(taxonomy_json(R"({"id": "x", "name": "X", "category": "language",
                                          "aliases": [{"text": "X", "context": "nope"}]})")),
              "FILE: skill 0 (`x`): field `aliases[0].context`: unknown context rule `nope`");
    EXPECT_EQ(load_error(taxonomy_json(
                  R"({"id": "x", "name": "X", "category": "language", "aliasses": ["x"]})")),
              "FILE: skill 0 (`x`): field `aliasses`: unknown field");
    EXPECT_EQ(load_error(taxonomy_json(R"({"id": "x", "name": "X", "category": "language",
                                          "aliases": [{"text": "X", "case": "upper"}]})")),
              "FILE: skill 0 (`x`): field `aliases[0].case`: expected \"sensitive\" or "
              "\"insensitive\", got `upper`");
}

TEST(Taxonomy, MissingAndMalformedFieldsAreNamed) {
    EXPECT_EQ(
        load_error(taxonomy_json(R"({"name": "X", "category": "language", "aliases": ["x"]})")),
        "FILE: skill 0: field `id`: is required");
    EXPECT_EQ(load_error(taxonomy_json(
                  R"({"id": "Open CV", "name": "X", "category": "language", "aliases": ["x"]})")),
              "FILE: skill 0: field `id`: `Open CV` is not a valid id (lower-case letters, digits "
              "and '-')");
    EXPECT_EQ(load_error(taxonomy_json(
                  R"({"id": "x", "name": "X", "category": "language", "aliases": "x"})")),
              "FILE: skill 0 (`x`): field `aliases`: expected an array, got a string");
    EXPECT_EQ(load_error(taxonomy_json(
                  R"({"id": "x", "name": "X", "category": "language", "aliases": []})")),
              "FILE: skill 0 (`x`): field `aliases`: needs at least one alias");
    EXPECT_EQ(load_error(taxonomy_json(
                  R"({"id": "x", "name": "X", "category": "language", "aliases": ["++"]})")),
              "FILE: skill 0 (`x`): field `aliases[0]`: alias `++` has no letters or digits");
    EXPECT_EQ(load_error(R"({"format": 2, "categories": [], "skills": []})"),
              "FILE: field `format`: unsupported format 2 (this version reads format 1)");
    EXPECT_EQ(load_error("[]"),
              "FILE: expected an object with `format`, `categories`, `contexts` and `skills`, "
              "got an array");
}

TEST(Taxonomy, ContextRuleProblemsNameTheRule) {
    EXPECT_EQ(load_error(taxonomy_json(
                  R"({"id": "x", "name": "X", "category": "language", "aliases": ["x"]})",
                  R"("r": {"accept_near": ["two words"]})")),
              "FILE: context `r`: field `accept_near`: entry `two words` must be a single word");
    EXPECT_EQ(load_error(taxonomy_json(
                  R"({"id": "x", "name": "X", "category": "language", "aliases": ["x"]})",
                  R"("r": {"near_categories": ["nope"]})")),
              "FILE: context `r`: field `near_categories`: unknown category `nope`");
}

TEST(Taxonomy, ParseNamesWhatItWasGiven) {
    auto t = Taxonomy::parse("{", "inline taxonomy");
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().message.rfind("inline taxonomy: line 1, column 2: ", 0), 0u)
        << t.error().message;
}

}  // namespace
}  // namespace gigscout
