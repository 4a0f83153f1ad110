#include "taxonomy/skill_extractor.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace gigscout {
namespace {

using Ids = std::vector<std::string>;

Ids ids(std::string_view text) {
    return SkillExtractor::bundled().extract_ids(text);
}

// "skill@text" for every span, to check offsets and what was matched.
std::vector<std::string> spans(std::string_view text) {
    std::vector<std::string> out;
    for (const auto& s : SkillExtractor::bundled().extract(text)) {
        out.push_back(std::string(s.skill) + "@" +
                      std::string(text.substr(s.begin, s.end - s.begin)));
    }
    return out;
}

TEST(SkillExtractor, FindsSkillsWithPunctuationInTheirNames) {
    EXPECT_EQ(ids("C++ and C# developers"), (Ids{"cpp", "csharp"}));
    EXPECT_EQ(ids("Modern C++17/20 only"), (Ids{"cpp"}));
    EXPECT_EQ(ids("Backend on .NET 8 and Node.js"), (Ids{"backend", "dotnet", "nodejs"}));
    EXPECT_EQ(ids("ASP.NET Core Web API"), (Ids{"aspnet"}));
    EXPECT_EQ(ids("VB.NET maintenance"), (Ids{"dotnet"}));
    EXPECT_EQ(ids("F# or C#"), (Ids{"fsharp", "csharp"}));
}

TEST(SkillExtractor, FindsLibraryNamesInTheirCommonSpellings) {
    EXPECT_EQ(ids("scikit-image filters"), (Ids{"scikit-image"}));
    EXPECT_EQ(ids("from skimage import io"), (Ids{"scikit-image"}));
    EXPECT_EQ(ids("Scikit Image and scikit-learn"), (Ids{"scikit-image", "scikit-learn"}));
    EXPECT_EQ(ids("cv2.imread(path)"), (Ids{"opencv"}));
    EXPECT_EQ(ids("import cv2"), (Ids{"opencv"}));
    EXPECT_EQ(ids("model = tf.keras.Sequential()"), (Ids{"keras"}));
    EXPECT_EQ(ids("PIL/Pillow for resizing"), (Ids{"pillow"}));
    EXPECT_EQ(ids("a U-Net or UNet"), (Ids{"unet"}));
}

TEST(SkillExtractor, VersionsDoNotHideTheSkill) {
    EXPECT_EQ(ids("Python 3.11"), (Ids{"python"}));
    EXPECT_EQ(ids("python3 and Python3.12"), (Ids{"python"}));
    EXPECT_EQ(ids("YOLOv8, ResNet50 and OpenCV4"), (Ids{"yolo", "resnet", "opencv"}));
    EXPECT_EQ(ids("TensorFlow 2.15, Java 17, Angular 17"), (Ids{"tensorflow", "java", "angular"}));
}

TEST(SkillExtractor, SlashSeparatedListsGiveEachSkill) {
    EXPECT_EQ(ids("C/C++"), (Ids{"c", "cpp"}));
    EXPECT_EQ(ids("TensorFlow/Keras"), (Ids{"tensorflow", "keras"}));
    EXPECT_EQ(ids("CI/CD pipelines"), (Ids{"ci-cd"}));
    EXPECT_EQ(ids("PHP/Laravel"), (Ids{"php", "laravel"}));
}

TEST(SkillExtractor, OnnxTheFormatDiffersFromOnnxRuntime) {
    EXPECT_EQ(ids("export to ONNX"), (Ids{"onnx"}));
    EXPECT_EQ(ids("served with ONNX Runtime"), (Ids{"onnx-runtime"}));
    EXPECT_EQ(ids("onnxruntime-gpu"), (Ids{"onnx-runtime"}));
    EXPECT_EQ(ids("ONNX models run by ONNX Runtime"), (Ids{"onnx", "onnx-runtime"}));
}

TEST(SkillExtractor, LongestNameWins) {
    EXPECT_EQ(ids("Google Cloud Vision API"), (Ids{"google-cloud-vision"}));
    EXPECT_EQ(ids("Azure Computer Vision"), (Ids{"azure-computer-vision"}));
    EXPECT_EQ(ids("React Native and React"), (Ids{"react-native", "react"}));
    EXPECT_EQ(ids("Ruby on Rails"), (Ids{"rails"}));
}

TEST(SkillExtractor, GoIsFoundOnlyAsTheLanguage) {
    EXPECT_EQ(ids("Services are written in Go and Rust."), (Ids{"go", "rust"}));
    EXPECT_EQ(ids("Go engineer, remote"), (Ids{"go"}));
    EXPECT_EQ(ids("Python, Go or Java"), (Ids{"python", "go", "java"}));
    EXPECT_EQ(ids("Golang"), (Ids{"go"}));
    EXPECT_EQ(ids("Go-to-market manager"), Ids{});
    EXPECT_EQ(ids("Go to market with our sales team"), Ids{});
    EXPECT_EQ(ids("We go to great lengths; let's go."), Ids{});
    EXPECT_EQ(ids("Go above and beyond for customers."), Ids{});
    // "Go to" a place or a market is the verb; Go used to build something is the language.
    EXPECT_EQ(ids("Go to market with Python tools."), Ids{"python"});
    EXPECT_EQ(ids("We use Go to build services in Python and Rust."),
              (Ids{"go", "python", "rust"}));
    EXPECT_EQ(ids("We write services in Go on Kubernetes."), (Ids{"go", "kubernetes"}));
    EXPECT_EQ(ids("Go on, apply now with Python."), Ids{"python"});
    EXPECT_EQ(ids("Ready to go live with Salesforce?"), (Ids{"salesforce"}));
}

TEST(SkillExtractor, RAndCAreFoundOnlyAsLanguages) {
    EXPECT_EQ(ids("R&D engineer"), Ids{});
    EXPECT_EQ(ids("Our R&D team writes Python"), (Ids{"python"}));
    EXPECT_EQ(ids("statistics in R"), (Ids{"statistics", "r"}));
    EXPECT_EQ(ids("Python, R and SQL"), (Ids{"python", "r", "sql"}));
    EXPECT_EQ(ids("Series C startup hiring sales leads"), Ids{});
    EXPECT_EQ(ids("Work with C-level executives"), Ids{});
    EXPECT_EQ(ids("Plan C: Java"), (Ids{"java"}));
    EXPECT_EQ(ids("Embedded C and assembly language"), (Ids{"embedded-systems", "c", "assembly"}));
    EXPECT_EQ(ids("Programming in C on Linux"), (Ids{"c", "linux"}));
    EXPECT_EQ(ids("a USB-C port next to the STM32"), (Ids{"microcontrollers"}));
}

TEST(SkillExtractor, RustSwiftAndSparkNeedATechnicalContext) {
    EXPECT_EQ(ids("We are a rust-belt company"), Ids{});
    EXPECT_EQ(ids("Rust belt manufacturing"), Ids{});
    EXPECT_EQ(ids("Systems programming in Rust"), (Ids{"systems-programming", "rust"}));
    EXPECT_EQ(ids("Swift delivery is essential"), Ids{});
    EXPECT_EQ(ids("we value swift decisions"), Ids{});
    EXPECT_EQ(ids("Native apps in Swift and Kotlin"), (Ids{"swift", "kotlin"}));
    EXPECT_EQ(ids("We are hiring a Swift developer for iOS."), (Ids{"swift", "ios"}));
    // Used, written or learnt, a language's name is the language.
    EXPECT_EQ(ids("Use R to analyse survey data."), (Ids{"r", "data-analysis"}));
    EXPECT_EQ(ids("Use Rust to build services."), Ids{"rust"});
    EXPECT_EQ(ids("Expect a Swift turnaround on Python fixes."), Ids{"python"});
    EXPECT_EQ(ids("We spark joy in children"), Ids{});
    EXPECT_EQ(ids("Spark joy every day."), Ids{});
    EXPECT_EQ(ids("Spark jobs on Databricks"), (Ids{"apache-spark", "databricks"}));
    EXPECT_EQ(ids("Apache Spark and PySpark"), (Ids{"apache-spark"}));
}

TEST(SkillExtractor, CvAsAResumeIsNotComputerVision) {
    EXPECT_EQ(ids("Please send your CV to jobs@example.com"), Ids{});
    EXPECT_EQ(ids("Attach a CV/resume"), Ids{});
    EXPECT_EQ(ids("CV (resume) and cover letter"), Ids{});
    EXPECT_EQ(ids("Submit an updated CV in English"), Ids{});
    EXPECT_EQ(ids("CV engineer for retail"), (Ids{"computer-vision"}));
    EXPECT_EQ(ids("train CV models"), (Ids{"computer-vision"}));
    EXPECT_EQ(ids("CV/ML research"), (Ids{"computer-vision", "machine-learning"}));
    EXPECT_EQ(ids("CV, PyTorch and OpenCV"), (Ids{"computer-vision", "pytorch", "opencv"}));
    EXPECT_EQ(ids("the cv of the candidate"), Ids{});  // lower case never counts
}

TEST(SkillExtractor, VisionNeedsAComputerVisionSense) {
    EXPECT_EQ(ids("Our vision is to make Python accessible"), (Ids{"python"}));
    EXPECT_EQ(ids("Apps for Apple Vision Pro"), Ids{});
    EXPECT_EQ(ids("medical, dental and vision insurance"), Ids{});
    EXPECT_EQ(ids("computer vision and machine vision"), (Ids{"computer-vision"}));
    EXPECT_EQ(ids("vision models on the edge"), (Ids{"computer-vision"}));
    EXPECT_EQ(ids("Vision engineer"), (Ids{"computer-vision"}));
    EXPECT_EQ(ids("robot vision"), (Ids{"computer-vision"}));
}

TEST(SkillExtractor, OrdinaryWordsWithSkillNamesAreLeftAlone) {
    EXPECT_EQ(ids("React quickly to incidents"), Ids{});
    EXPECT_EQ(ids("Express your interest by email"), Ids{});
    EXPECT_EQ(ids("Excel at teamwork and excel in sales"), Ids{});
    // Latex the material is no typesetting (set 81: "3D silicone masks, latex masks").
    EXPECT_EQ(ids("Presentation attacks: silicone masks and latex masks."), Ids{});
    EXPECT_EQ(ids("Write the paper in LaTeX."), Ids{"latex"});
    EXPECT_EQ(ids("Candidates excel with clients."), Ids{});
    // The spreadsheet used with something is the tool.
    EXPECT_EQ(ids("Create financial models in Excel with VLOOKUP."),
              (Ids{"financial-modeling", "excel", "spreadsheets-advanced"}));
    // A macro-enabled workbook is Excel work (ranking set 78: an "XLSM file to filter and
    // calculate" gig had named Excel only in its tag).
    EXPECT_EQ(ids("One of our current apps is an xlsm file."), Ids{"excel"});
    // A task title names its work: "Email Outreach" is email marketing, whatever contact list
    // in Excel it is sent from (ranking set 77: it had ranked first for a data analyst).
    EXPECT_EQ(ids("High-Volume Personalized Email Outreach"), Ids{"email-marketing"});
    EXPECT_EQ(ids("Spring 2026 internship"), Ids{});
    // The verb "react to" something is no React; React used to do something is.
    EXPECT_EQ(ids("React to customer feedback and changing priorities."), Ids{});
    EXPECT_EQ(ids("The site uses React to render on the server."), Ids{"react"});
    // Segmentation of customers is marketing analysis, not image segmentation.
    EXPECT_EQ(ids("customer segmentation and time tracking"), Ids{"customer-segmentation"});
    EXPECT_EQ(ids("SAM (serviceable addressable market)"), Ids{});
    EXPECT_EQ(ids("500 ml bottles"), Ids{});
    EXPECT_EQ(ids("take the rest of the day off"), Ids{});
    // The tail of a contraction starts no name: "don't test" is no t-test (set 74).
    EXPECT_EQ(ids("You don't test your work"), Ids{});
    EXPECT_EQ(ids("You don\u2019t test your work"), Ids{});
    EXPECT_EQ(ids("Compare the groups with a t-test."), Ids{"statistics"});
    // Another library of the same family, and capture hardware (set 73).
    EXPECT_EQ(ids("Generator functions and Sagas (for redux-saga)"), Ids{});
    EXPECT_EQ(ids("camera sensors and other data capture devices"), Ids{});
    EXPECT_EQ(ids("Redux and data capture from scanned forms"), (Ids{"redux", "data-entry"}));
}

TEST(SkillExtractor, AmbiguousWordsCountNearOtherSkills) {
    EXPECT_EQ(ids("React and Node"), (Ids{"react", "nodejs"}));
    EXPECT_EQ(ids("Node.js with Express"), (Ids{"nodejs", "express"}));
    // "Fine-tune" near machine learning is fine-tuning; a process fine-tuned is not.
    EXPECT_EQ(ids("Fine-tune LLMs with LoRA."), (Ids{"fine-tuning", "llm", "peft"}));
    EXPECT_EQ(ids("Fine-tune our sales process."), Ids{});
    // A tool used, or used to build something, is the tool.
    EXPECT_EQ(ids("Use Unity to build games."), Ids{"unity"});
    EXPECT_EQ(ids("Built using Electron."), Ids{"electron"});
    EXPECT_EQ(ids("object detection and tracking"), (Ids{"object-detection", "object-tracking"}));
    EXPECT_EQ(ids("SAM and YOLO"), (Ids{"sam", "yolo"}));
    EXPECT_EQ(ids("detection, segmentation with PyTorch"),
              (Ids{"object-detection", "image-segmentation", "pytorch"}));
}

// Vision tasks are often written as what the gig does ("estimate human pose", "blur faces").
TEST(SkillExtractor, VisionTasksWrittenAsTheWorkDone) {
    EXPECT_EQ(ids("Estimate human pose from video with MediaPipe."),
              (Ids{"pose-estimation", "mediapipe"}));
    EXPECT_EQ(ids("Blur faces in videos automatically."), Ids{"face-detection"});
    EXPECT_EQ(ids("Detect defects on metal sheets."), Ids{"visual-inspection"});
    EXPECT_EQ(ids("Segment cells in microscopy images."), Ids{"microscopy-image-analysis"});
    EXPECT_EQ(ids("Count vehicles at the junction."), Ids{"crowd-counting"});
    EXPECT_EQ(ids("Label images with bounding boxes in CVAT."), (Ids{"data-labeling", "cvat"}));
    // Keypoint models are pose estimation, and dental radiographs medical images; each confirms
    // the bare tasks listed with it (ranking set R's computer-vision job had no task at all).
    EXPECT_EQ(
        ids("Train detection, segmentation, and keypoint models for dental radiograph "
            "analysis."),
        (Ids{"object-detection", "image-segmentation", "pose-estimation", "medical-imaging"}));
    // A photo turned into an effect is image processing (ranking set T's watercolour gig, graded 2
    // by both computer-vision profiles that could take it); a painted effect is art.
    EXPECT_EQ(ids("Convert the uploaded image into a watercolor effect of the original photo."),
              Ids{"image-processing"});
    EXPECT_EQ(ids("Paint a mural with a watercolor effect for our cafe wall."), Ids{});
}

// "Detection" alone is object detection only among vision words, like "segmentation" and
// "tracking"; a longer name (fraud detection) wins, and a change is no object.
TEST(SkillExtractor, DetectionAmongVisionWordsIsObjectDetection) {
    EXPECT_EQ(ids("Rider detection using YOLO"), (Ids{"object-detection", "yolo"}));
    EXPECT_EQ(ids("Train detectors and trackers with OpenCV"), (Ids{"object-detection", "opencv"}));
    EXPECT_EQ(ids("Fraud detection with scikit-learn"), (Ids{"fraud-detection", "scikit-learn"}));
    EXPECT_EQ(ids("Change detection in satellite imagery"), (Ids{"remote-sensing"}));
    EXPECT_EQ(ids("Detection of leaks in pipelines"), Ids{});
}

TEST(SkillExtractor, NearbyMeansTheSameSentence) {
    EXPECT_EQ(ids("We use Python. Go team!"), (Ids{"python"}));
    EXPECT_EQ(ids("We use Python, Go team!"), (Ids{"python", "go"}));
    EXPECT_EQ(ids("We use Python; R is a plus"), (Ids{"python"}));
}

TEST(SkillExtractor, DottedIdentifiersDoNotMatchInside) {
    EXPECT_EQ(ids("load jquery.min.js"), (Ids{"jquery"}));
    EXPECT_EQ(ids("see www.example.python"), Ids{});
}

TEST(SkillExtractor, SpansAreByteOffsetsIntoTheText) {
    std::string text = "Erfahrung mit OpenCV und C++ in München — Python 3.11, scikit-image.";
    auto found = SkillExtractor::bundled().extract(text);
    ASSERT_EQ(found.size(), 4u);
    EXPECT_EQ(found[0].skill, "opencv");
    EXPECT_EQ(found[0].begin, text.find("OpenCV"));
    EXPECT_EQ(found[0].end, text.find("OpenCV") + 6);
    EXPECT_EQ(found[1].skill, "cpp");
    EXPECT_EQ(found[1].begin, text.find("C++"));
    EXPECT_EQ(found[1].end, text.find("C++") + 3);
    EXPECT_EQ(found[2].skill, "python");
    EXPECT_EQ(found[2].begin, text.find("Python"));
    EXPECT_EQ(found[2].end, text.find("Python") + 6);
    EXPECT_EQ(found[3].skill, "scikit-image");
    EXPECT_EQ(found[3].begin, text.find("scikit-image"));
    EXPECT_EQ(found[3].end, text.find("scikit-image") + 12);
}

TEST(SkillExtractor, SpansCoverTheWholeMatchedName) {
    EXPECT_EQ(spans("tf.keras and YOLOv8 on Node.js"),
              (std::vector<std::string>{"keras@tf.keras", "yolo@YOLOv8", "nodejs@Node.js"}));
    EXPECT_EQ(spans("C/C++"), (std::vector<std::string>{"c@C", "cpp@C++"}));
}

TEST(SkillExtractor, Utf8AroundSkillsIsHandled) {
    EXPECT_EQ(ids("数据工程师 — Spark, Hive and Python"), (Ids{"apache-spark", "hive", "python"}));
    EXPECT_EQ(ids("🚀PyTorch🤗Transformers"), (Ids{"pytorch", "transformers"}));
    EXPECT_EQ(ids("«OpenCV» “Docker” ‘Kubernetes’"), (Ids{"opencv", "docker", "kubernetes"}));
    EXPECT_EQ(ids("Développeur·se full-stack : Vue.js"), (Ids{"full-stack", "vue"}));
    // A letter glued to a name makes another word.
    EXPECT_EQ(ids("Pythonista and éPython"), Ids{});
}

TEST(SkillExtractor, EveryOccurrenceIsReportedInOrderButIdsOnce) {
    auto found = SkillExtractor::bundled().extract("Python, then Docker, then Python again");
    ASSERT_EQ(found.size(), 3u);
    EXPECT_EQ(found[0].skill, "python");
    EXPECT_EQ(found[1].skill, "docker");
    EXPECT_EQ(found[2].skill, "python");
    EXPECT_EQ(ids("Python, then Docker, then Python again"), (Ids{"python", "docker"}));
}

TEST(SkillExtractor, APlatformCategoryLineIsNotAnAskedSkill) {
    EXPECT_EQ(ids("Budget : $300 Category : Full Stack Development Skills :React, Node.js"),
              (Ids{"react", "nodejs"}));
    EXPECT_EQ(ids("Full stack development with React"), (Ids{"full-stack", "react"}));
    // An "Industry:" line names the employer's trade.
    EXPECT_EQ(ids("Industry: Cloud Computing / Web3 / AI. Use Terraform."), Ids{"terraform"});
}

TEST(SkillExtractor, RoleAndTeamNamesAreNotAskedSkills) {
    EXPECT_EQ(ids("Senior DevOps Engineer: Terraform on AWS"), (Ids{"terraform", "aws"}));
    EXPECT_EQ(ids("DevOps practices and Terraform"), (Ids{"devops", "terraform"}));
    // A student of a field is a role ("Co-op Data Science Student"), as its scientist is.
    EXPECT_EQ(ids("Co-op Data Science Student - September 2026"), Ids{});
    // A BI analyst or expert is a role too; a tool's title is not ("Power BI Expert").
    EXPECT_EQ(ids("Senior BI Analyst with SQL"), Ids{"sql"});
    EXPECT_EQ(ids("Data analyst/BI expert needed"), Ids{});
    EXPECT_EQ(ids("Power BI Expert needed"), Ids{"power-bi"});
    EXPECT_EQ(ids("Experience with BI tools"), Ids{"business-intelligence"});
    // Abbreviated roles ("SWE", "SDE") and programmers are roles too.
    EXPECT_EQ(ids("Senior Frontend SWE; Backend SDE; embedded programmer"), Ids{});
    EXPECT_EQ(ids("Trunk - DevRel Engineer - Remote US"), Ids{});
    // A role noun that ends a tool's name heads no specialisation.
    EXPECT_EQ(ids("Senior Manager, Data Analysis"), Ids{});
    EXPECT_EQ(ids("Skills: Google Tag Manager, Data Analysis"),
              (Ids{"google-tag-manager", "data-analysis"}));
    // A list before the noun: every field in it is a team.
    EXPECT_EQ(ids("You will work with the Design, QA, Marketing, and Support teams."), Ids{});
    EXPECT_EQ(ids("Collaborating with our Project Management & QA teams"), Ids{});
    // An organisation is a team too.
    EXPECT_EQ(ids("Leverage the SRE organization and our data science org."), Ids{});
    // A lower-case item right before the noun ends the list too.
    EXPECT_EQ(ids("work closely with security engineering and operations teams"), Ids{});
    // Unless the noun modifies the next word: the team's standards are no team.
    EXPECT_EQ(ids("Join code reviews, and follow team standards."), Ids{"code-review"});
    // A role noun right after "or" is an item of its own, not the list's suffix.
    EXPECT_EQ(ids("QA or developer background required"), Ids{"quality-assurance"});
    // What the role works on may stand between the field and the noun, in lower case too.
    EXPECT_EQ(ids("We're looking for a full-stack product engineer to own features."), Ids{});
    EXPECT_EQ(ids("We need a DevOps platform engineer with Terraform."), Ids{"terraform"});
    EXPECT_EQ(ids("Build the backend software for our app."), Ids{"backend"});
    // "roles" ends a list of fields like "teams", also after "or a similar".
    EXPECT_EQ(ids("7+ years of experience in SRE, DevOps, or Solutions Architecture roles."),
              Ids{});
    EXPECT_EQ(ids("3+ years of experience in DevOps, SRE, or a similar role."), Ids{});
    EXPECT_EQ(ids("Python, Go or a similar language."), (Ids{"python", "go"}));
    // Fields that do not name roles, and tools, stay asked skills.
    EXPECT_EQ(ids("Senior Python Engineer"), Ids{"python"});
    // The span is still reported, marked as a role.
    auto all = SkillExtractor::bundled().extract("Staff DevOps Engineer");
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].skill, "devops");
    EXPECT_TRUE(all[0].role);
}

// The skills a posting names only as nice-to-haves, as "skill@text" like spans().
std::vector<std::string> nice_to_have(std::string_view text) {
    std::vector<std::string> out;
    for (const auto& s : SkillExtractor::bundled().extract(text)) {
        if (s.preferred) {
            out.push_back(std::string(s.skill) + "@" +
                          std::string(text.substr(s.begin, s.end - s.begin)));
        }
    }
    return out;
}

// A recruiter reads a listing by what it requires: what it calls a plus is marked, so ranking
// can weigh it less (sets Q and S, thirty-fourth session).
TEST(SkillExtractor, NiceToHavesAreMarkedAsSuch) {
    using Spans = std::vector<std::string>;
    // A section under a nice-to-have heading, up to the next heading.
    EXPECT_EQ(nice_to_have("Requirements:\n- Python and PyTorch\n\nNice to have:\n- Docker\n"
                           "- Kubernetes experience\n\nBenefits\n- Remote work"),
              (Spans{"docker@Docker", "kubernetes@Kubernetes"}));
    EXPECT_EQ(nice_to_have("Preferred Qualifications\n* Terraform\n\nRelated Skills\n\n"
                           "Machine Learning, Statistics"),
              (Spans{"terraform@Terraform"}));
    EXPECT_EQ(
        nice_to_have("**Bonus points**\n- Terraform in production\nWhat we offer:\n- AWS credits"),
        (Spans{"terraform@Terraform"}));
    // In a sentence: the clause before "a plus" or "preferred", or what follows "ideally".
    EXPECT_EQ(nice_to_have("Strong SQL skills, experience with Airflow is a plus."),
              (Spans{"airflow@Airflow"}));
    EXPECT_EQ(nice_to_have("Experience with Docker, Kubernetes, and Terraform is a big plus."),
              (Spans{"docker@Docker", "kubernetes@Kubernetes", "terraform@Terraform"}));
    EXPECT_EQ(nice_to_have("We need Python, SQL and ideally OpenCV."), (Spans{"opencv@OpenCV"}));
    EXPECT_EQ(nice_to_have("Nice to have: Docker, AWS."), (Spans{"docker@Docker", "aws@AWS"}));
    EXPECT_EQ(nice_to_have("Experience with cloud providers AWS and Azure are all bonuses."),
              (Spans{"aws@AWS", "azure@Azure"}));
    // A bracket: its own words, or the item before it when the bracket is only the soft words.
    EXPECT_EQ(nice_to_have("Experience with SQL databases (PostgreSQL preferred)."),
              (Spans{"postgresql@PostgreSQL"}));
    EXPECT_EQ(nice_to_have("Python, SQL, AWS (a plus)."), (Spans{"aws@AWS"}));
    EXPECT_EQ(nice_to_have("Database design and management (preferably MongoDB)."),
              (Spans{"mongodb@MongoDB"}));
    EXPECT_EQ(nice_to_have("Write guides (writing skill is a bonus) and track AI automation."),
              Spans{});
    EXPECT_EQ(nice_to_have("Cloud platforms (e.g. AWS, GCP) would be advantageous."),
              (Spans{"aws@AWS", "gcp@GCP"}));
    // No nice-to-have: a pay bonus, "plus" that adds, a preference about no skill, a heading of
    // what is required.
    EXPECT_EQ(nice_to_have("Annual bonus for our Python developers."), Spans{});
    EXPECT_EQ(nice_to_have("Quarterly bonuses for Python developers."), Spans{});
    EXPECT_EQ(nice_to_have("Salary plus equity for a Python developer."), Spans{});
    EXPECT_EQ(nice_to_have("Transcription with high accuracy (Spanish preferred)."), Spans{});
    EXPECT_EQ(nice_to_have("Required and preferred skills:\n- Python\n- Docker"), Spans{});
    EXPECT_EQ(nice_to_have("Startup experience a plus\nPython and Docker"), Spans{});
}

TEST(SkillExtractor, FieldsInTheCompanysOwnSectionsAreNotAsked) {
    const char* about =
        "Engineer\nAbout Acme Acme builds blockchain tools for banks. "
        "Requirements: Python and SQL.";
    EXPECT_EQ(ids(about), (Ids{"python", "sql"}));
    // A job heading may say where before its colon ("What you'll do at UiPath:"); after "Life at
    // UiPath" the company's section had run to the end (set 71).
    EXPECT_EQ(ids("Scientist\nLife at Acme\nWe believe in automation.\nWhat you'll do at Acme:\n"
                  "Build deep learning systems for NLP.\nWhat you'll bring to the team:\n"
                  "Experience in computer vision."),
              (Ids{"deep-learning", "nlp", "computer-vision"}));
    EXPECT_EQ(ids("Scientist\nLife at Acme\nOur teams build deep learning systems at Acme for "
                  "banks."),
              Ids{});
    // The same field with no company heading before it, said of the job.
    EXPECT_EQ(ids("You will build blockchain tools for banks. Requirements: Python and SQL."),
              (Ids{"blockchain", "python", "sql"}));
    // Named tools there are the company's stack, which the job uses.
    EXPECT_EQ(ids("About Us We run on Kubernetes and do data science."), Ids{"kubernetes"});
    // A job heading ends the company's section; "About Engineering at Acme" is one.
    EXPECT_EQ(ids("Benefits: machine learning stipend. What you'll do: build machine learning "
                  "models"),
              Ids{"machine-learning"});
    EXPECT_EQ(ids("About Acme We sell shoes. About Engineering at Acme We do data science."),
              Ids{"data-science"});
    // "A bit about Acme", "A little about us" and "More about Acme" are such headings, and the
    // name is the company's: Datadog's pitch names no monitoring work and no Datadog skill.
    EXPECT_EQ(ids("Who are we?\nA bit about Datadog: We're on a mission to build the best "
                  "platform for monitoring and data visualization.\nWhat you will do: write Go."),
              Ids{"go"});
    EXPECT_EQ(ids("A little about us:\nWe are a computer vision startup.\nYour role: write Go."),
              Ids{"go"});
    EXPECT_EQ(ids("A strong background in computer vision is required."), Ids{"computer-vision"});
    // A bare "Description" heading ends it too; when it opens the posting, the employer's
    // description of itself below it is still not asked.
    EXPECT_EQ(ids("About Us\nSince 1977 we serve insurers.\n\nDescription\n\nResponsibilities "
                  "include:\n- LLM and GenAI models, hyperparameter tuning"),
              (Ids{"llm", "generative-ai", "hyperparameter-tuning"}));
    EXPECT_EQ(ids("Description: We're a startup building AI tools for B2B sales. We need a data "
                  "engineer with Python."),
              Ids{"python"});
    // Only a heading where headings stand: capitalised, after a sentence or a line.
    EXPECT_EQ(ids("Tell me about us and data science"), Ids{"data-science"});
    // "Your tasks" and the like end a benefits section as "Responsibilities" does.
    EXPECT_EQ(ids("Benefits\nFormat: Full-time, Remote.\nYour tasks\nOptimize performance and "
                  "conduct code reviews."),
              (Ids{"performance-optimization", "code-review"}));
    // So do the headings over what the hire brings.
    EXPECT_EQ(ids("About Acme:\nAcme builds blockchain tools.\nExperience & Skills We're Looking "
                  "For:\n- You've built distributed systems"),
              Ids{"distributed-systems"});
    EXPECT_EQ(ids("About Acme:\nAcme builds blockchain tools.\nWhat you will bring:\n- Data "
                  "modelling"),
              Ids{"data-modeling"});
    EXPECT_EQ(ids("What We Offer\n- Flexible hours.\nWhat We Seek\n- Knowledge of Agile and "
                  "API development"),
              (Ids{"agile", "api-design"}));
    // Headings in job boards' markdown emphasis are headings.
    EXPECT_EQ(ids("- Benefits: a laptop.\n_What you'll do:_\n- Write technical documentation."),
              Ids{"technical-writing"});
    // A heading over '*' bullets, or closed by bold's asterisks, is a heading (set 63).
    EXPECT_EQ(ids("About Acme\n\nAcme builds robots.\n\nWhat will you do\n\n*Fine-tune models at "
                  "scale\n"),
              Ids{"fine-tuning"});
    EXPECT_EQ(ids("About Acme\nAcme builds robots.\n**Requirements**\nFine-tuning of models"),
              Ids{"fine-tuning"});
}

TEST(SkillExtractor, AiDescribingAProductIsNotAnAskedSkill) {
    EXPECT_EQ(ids("Join our AI-powered platform as a Java developer"), Ids{"java"});
    EXPECT_EQ(ids("We are an AI company"), Ids{});
    EXPECT_EQ(ids("Experience with AI models"), Ids{"artificial-intelligence"});
    // The AI tools a hire uses are not AI work: readers of sets 38-52 leave "leverage AI tools
    // to accelerate development" unlabelled (docs/eval.md, thirtieth session).
    EXPECT_EQ(ids("Experience with AI tools"), Ids{});
    EXPECT_EQ(ids("Comfort leveraging modern AI tools and technology to ship faster."), Ids{});
    EXPECT_EQ(ids("Integrate AI tooling into our workflow with Python."), Ids{"python"});
}

TEST(SkillExtractor, AnEmployerDescribingItselfAsksForNoField) {
    // No heading: the sentence's subject is the company.
    EXPECT_EQ(ids("Veeam is the Data and AI Trust Company."), Ids{});
    EXPECT_EQ(ids("Kastle is building the AI operating system for lending."), Ids{});
    EXPECT_EQ(ids("Anthropic's mission is to create reliable AI systems."), Ids{});
    EXPECT_EQ(ids("We want AI to be safe. At Acme, we're building the future of AI compute."),
              Ids{});
    EXPECT_EQ(ids("Our platform uses machine learning to price homes."), Ids{});
    EXPECT_EQ(ids("Our proprietary technology is based on radar and computer vision."), Ids{});
    // A name after a preposition is no subject: the sentence is the job's duty (set 69's
    // marketing manager lost every tool after "aligns with Lemonaid's vision").
    EXPECT_EQ(ids("Build a program that aligns with Lemonaid's vision of affordable care, with "
                  "data tools like Google Analytics, Looker and Tableau"),
              (Ids{"google-analytics", "looker", "tableau"}));
    EXPECT_EQ(ids("Lemonaid's vision is affordable care, measured in Tableau."), Ids{});
    // Not as the object of another phrase: the work is on that platform (serving models).
    EXPECT_EQ(ids("Senior engineer for our inference platform: Go microservices."),
              (Ids{"model-serving", "go", "microservices"}));
    // A name that contains a skill word is still a name.
    EXPECT_EQ(ids("TELUS Digital AI Community is a network of contributors."), Ids{});
    // An aside in brackets may stand between the name and its verb.
    EXPECT_EQ(ids("Acme (YC W22) is an open source robotics platform. You will write Go."),
              Ids{"go"});
    EXPECT_EQ(ids("Experience with Python (3.10+) is required."), Ids{"python"});
    // So may an aside between commas.
    EXPECT_EQ(ids("Acme, a fast-growing startup, builds computer vision tools. You will write Go."),
              Ids{"go"});
    EXPECT_EQ(ids("Acme, used by 500 retailers, powers machine learning search."), Ids{});
    EXPECT_EQ(ids("Skills: OpenCV, PyTorch, helps a lot."), (Ids{"opencv", "pytorch"}));
    // Named tools in such a sentence are the company's stack, which the job uses.
    EXPECT_EQ(ids("Acme is a machine learning company built on PyTorch."), Ids{"pytorch"});
    // Said of the job, or with a skill as the subject, the field is asked.
    EXPECT_EQ(ids("Acme is hiring an engineer to build machine learning models."),
              Ids{"machine-learning"});
    EXPECT_EQ(ids("We are looking for someone who knows machine learning."),
              Ids{"machine-learning"});
    EXPECT_EQ(ids("Machine Learning is a plus."), Ids{"machine-learning"});
    EXPECT_EQ(ids("The engineer is fluent in machine learning."), Ids{"machine-learning"});
    // Under a job heading the same words describe the work.
    EXPECT_EQ(ids("About the role: we're building a platform spanning data pipelines."),
              Ids{"data-engineering"});
    EXPECT_EQ(ids("We're building a platform spanning data pipelines."), Ids{});
    // A client building "a system", "a tool" or "an app" describes the gig's project (ranking
    // set 76: a poker content pipeline "combining solver data with LLMs" had asked no LLM).
    EXPECT_EQ(ids("We're building a system that generates poker questions, combining solver data "
                  "with LLMs."),
              Ids{"llm"});
    EXPECT_EQ(ids("We're building the future of payments with machine learning."), Ids{});
    // Only from the subject on: what comes before it in the sentence is not the company's.
    EXPECT_EQ(ids("Machine learning skills, Acme is growing."), Ids{"machine-learning"});
    // A name does not run back over a line break: the title above it is the job's.
    EXPECT_EQ(ids("ETL Power BI\nAcme is among the fastest growing companies."),
              (Ids{"etl", "power-bi"}));
    // On one line the capitalised run reads as one name ("ETL Power BI Acme"), as before.
    EXPECT_EQ(ids("ETL Power BI Acme is among the fastest growing companies."), Ids{});
}

TEST(SkillExtractor, TheCompanysNameIsNotTheSkillInIt) {
    const char* text =
        "Rainforest QA: Senior Engineer About Rainforest Rainforest QA is a distributed company. "
        "About the Role Work on the Rainforest QA web app in React.";
    EXPECT_EQ(ids(text), Ids{"react"});
    // Without the heading that names the company, "Rainforest QA" is read as QA.
    EXPECT_EQ(ids("Work on the Rainforest QA web app in React."),
              (Ids{"quality-assurance", "react"}));
    // The heading's own word is the name as well (set 56: every Mistral AI posting opens so);
    // the model named in the duties is still asked.
    EXPECT_EQ(ids("Software Engineer, QA\nAbout Mistral\nAt Mistral AI, we build open models. "
                  "You will fine-tune Mistral and Llama models."),
              (Ids{"fine-tuning", "mistral", "llama"}));
    EXPECT_EQ(ids("About Mistral\nAt Mistral AI, we build open models."), Ids{});
    // The heading's word alone in the company's pitch, or as an owner, is the employer; without
    // the heading it is the payment service.
    EXPECT_EQ(ids("Data Scientist\nAbout Stripe\nMillions of companies use Stripe to accept "
                  "payments.\nWhat you will do\nBuild statistical models in Python to support "
                  "Stripe's business."),
              (Ids{"statistics", "python"}));
    EXPECT_EQ(ids("Accept payments with Stripe."), Ids{"stripe"});
}

TEST(SkillExtractor, ASkillHeadingAListIsNotAskedByItself) {
    EXPECT_EQ(ids("Back-end: Express.js, Node.js and Django"),
              (Ids{"express", "nodejs", "django"}));
    EXPECT_EQ(ids("Back-end: you will own it"), Ids{"backend"});
    EXPECT_EQ(ids("Strong back-end skills: Node.js"), (Ids{"backend", "nodejs"}));
    // On a line of its own over a bulleted list, after any line.
    EXPECT_EQ(ids("System overview\nFrontend\n  \u2022 React\nBackend\n  - Node.js with Express"),
              (Ids{"react", "nodejs", "express"}));
    // A list of one skill per line, bulleted or not, has no heading.
    EXPECT_EQ(ids("Skills\nPython\nDocker"), (Ids{"python", "docker"}));
    EXPECT_EQ(ids("Skills\n- Python\n- Docker"), (Ids{"python", "docker"}));
}

TEST(SkillExtractor, TheBackendAsAPlaceIsNotBackendWork) {
    EXPECT_EQ(ids("Colours are controlled from the backend."), Ids{});
    // The back end as the subject of a sentence is a part of the system, not the work.
    EXPECT_EQ(ids("The backend should check the cache; our frontend is based on React."),
              Ids{"react"});
    // The back end a tester tests is not back-end development.
    EXPECT_EQ(ids("Two years of backend testing with Postman."), Ids{"postman"});
    EXPECT_EQ(ids("Test backend services and validate frontend flows with Postman."),
              Ids{"postman"});
    EXPECT_EQ(ids("Build the backend in Go."), (Ids{"backend", "go"}));
}

TEST(SkillExtractor, FieldsListedBeforeATeamNounAreTeams) {
    EXPECT_EQ(ids("You will work with the Platform Engineering, AI, and Software Engineering "
                  "teams."),
              Ids{});
    EXPECT_EQ(ids("Partner with the Licensing, Accounting, and Legal teams."), Ids{});
    EXPECT_EQ(ids("Partner with the Data Science and ML teams."), Ids{});
    // A team of its own is the work's field: "our robotics team is hiring" asks for robotics.
    EXPECT_EQ(ids("Our robotics team is hiring."), Ids{"robotics"});
    // Fields that name no roles keep their other role nouns: a computer-vision engineer does
    // computer-vision work.
    EXPECT_EQ(ids("Senior Computer Vision Engineer"), Ids{"computer-vision"});
    // Named tools keep theirs too: a Python team writes Python.
    EXPECT_EQ(ids("Join the Python and Go teams."), (Ids{"python", "go"}));
}

TEST(SkillExtractor, FieldsListedAmongDepartmentsAfterWithAreColleagues) {
    EXPECT_EQ(ids("Collaborate with PM, Design and Data Science to understand customers."), Ids{});
    EXPECT_EQ(ids("collaborate with Product, Engineering, and Data Science to scope insights"),
              Ids{});
    // Without "with", or without a department beside it, the field is asked.
    EXPECT_EQ(ids("Background in Design, Marketing or Data Science."), Ids{"data-science"});
    EXPECT_EQ(ids("Experience with SQL and Data Science."), (Ids{"sql", "data-science"}));
    // "teams, including …" names teams, department word or not; "tools including …" does not.
    EXPECT_EQ(ids("Support all engineering teams, including Data Engineering, Product "
                  "Management and Platform."),
              Ids{});
    EXPECT_EQ(ids("Experience with tools including Data Engineering and SQL."),
              (Ids{"data-engineering", "sql"}));
    // Items that name no skill may stand between the opener and the field; a clause may not.
    EXPECT_EQ(ids("We're hiring across Backend, Infrastructure, and Frontend (ICs and leads)."),
              Ids{});
    EXPECT_EQ(ids("We are seeking roles across product development, data science, and QA."), Ids{});
    EXPECT_EQ(ids("We have roles across the company to build backend services."), Ids{"backend"});
}

TEST(SkillExtractor, FieldsOfColleaguesWorkedWithAreNotAsked) {
    EXPECT_EQ(ids("You shall coordinate with our team of back-end developers."), Ids{});
    EXPECT_EQ(ids("Work closely with our designers, product owners, and backend engineers."),
              Ids{});
    EXPECT_EQ(ids("Work closely with ML and data engineers on serving."), Ids{});
    EXPECT_EQ(ids("Partner closely with the Flutter client team on releases."), Ids{});
    EXPECT_EQ(ids("Experience with Flutter client apps and a small team."), Ids{"flutter"});
    // The people may come first: their field, and the list it opens, are theirs.
    EXPECT_EQ(ids("Work alongside leading experts across machine learning and robotics, cloud "
                  "platforms and mapping. Experience with Python."),
              Ids{"python"});
    EXPECT_EQ(ids("We seek experts in machine learning."), Ids{"machine-learning"});
    // ... or after "with expertise in" (set 80).
    EXPECT_EQ(ids("Work closely with data scientists with expertise in information retrieval and "
                  "large language models. You know Python."),
              Ids{"python"});
    EXPECT_EQ(ids("We need engineers with expertise in computer vision."), Ids{"computer-vision"});
    EXPECT_EQ(ids("Collaborate with designers in Figma."), Ids{"figma"});
    // The people hired are a role too; their field is asked when written as the work.
    EXPECT_EQ(ids("We need backend engineers with Go."), Ids{"go"});
    EXPECT_EQ(ids("Experience with backend development."), Ids{"backend"});
    // A colleague's tools in brackets are the colleague's (set 81); a title's are the hire's.
    EXPECT_EQ(ids("You will work alongside the iOS lead (Swift/CoreML) and the Android lead "
                  "(Kotlin/MediaPipe). Experience with PyTorch."),
              Ids{"pytorch"});
    EXPECT_EQ(ids("Collaborate with the backend team (Go, Postgres) to ship features."), Ids{});
    EXPECT_EQ(ids("Backend Developer (Python, Django)\nBuild our API."), (Ids{"python", "django"}));
}

// "<work> with <field>": the group the hire works with, not a skill it asks for.
TEST(SkillExtractor, AFieldTheHireWorksWithIsAGroupNotAnAskedSkill) {
    EXPECT_EQ(ids("Partner closely with DevOps to ship releases."), Ids{});
    EXPECT_EQ(ids("You will collaborate with data engineering on the ingestion."), Ids{});
    EXPECT_EQ(ids("Collaborate cross-functionally with product stakeholders and DevOps."), Ids{});
    // Experience with it, or work with it as a practice: asked.
    EXPECT_EQ(ids("Experience with DevOps is required."), Ids{"devops"});
    EXPECT_EQ(ids("You will work with DevOps practices every day."), Ids{"devops"});
    EXPECT_EQ(ids("Experience with Python and DevOps."), (Ids{"python", "devops"}));
    // Another field written as a department's name is one too; a tool, a field in lower case
    // or one reached over other words is not.
    EXPECT_EQ(ids("Partner with Accounting/Financial Reporting to define needs."), Ids{});
    EXPECT_EQ(ids("Work with React every day."), Ids{"react"});
    EXPECT_EQ(ids("Work with financial reporting every day."), Ids{"reporting"});
    EXPECT_EQ(ids("Collaborating with designers in Figma."), Ids{"figma"});
    // Bare "work with" uses tools as often as it meets a department: a name after it is a tool
    // unless a filler says people ("work closely with Finance").
    EXPECT_EQ(ids("Work with Spark, Flink, Kafka and Trino."),
              (Ids{"apache-spark", "flink", "kafka", "trino"}));
    EXPECT_EQ(ids("Work closely with Accounting and Legal."), Ids{});
    // Experience working with a product is its use; so is working with a field's tools.
    EXPECT_EQ(ids("Experience working with QuickBooks, Google Sheets, or Excel."),
              (Ids{"accounting", "google-sheets", "excel"}));
    EXPECT_EQ(ids("Working with Python, SQL, or BI tools."),
              (Ids{"python", "sql", "business-intelligence"}));
}

// An admin or user dashboard is a page of the app being built, not dashboard (BI) work.
TEST(SkillExtractor, AnAppsAdminDashboardIsNotDashboardWork) {
    EXPECT_EQ(ids("Build the admin dashboard in React."), Ids{"react"});
    EXPECT_EQ(ids("Staff Dashboard: today's bookings. Order Dashboard: active orders."), Ids{});
    EXPECT_EQ(ids("Build KPI dashboards in Power BI."), (Ids{"dashboards", "power-bi"}));
}

// A field opening a team's capitalised name names colleagues; "our robotics team is hiring" is
// still robotics work.
TEST(SkillExtractor, AFieldsTeamWorkedWithIsColleagues) {
    EXPECT_EQ(ids("Review error reports with the ML team to prioritize fixes."), Ids{});
    EXPECT_EQ(ids("Work across data science teams on SQL reporting."), (Ids{"sql", "reporting"}));
    EXPECT_EQ(ids("You will build ML models in a small team."), Ids{"machine-learning"});
}

TEST(SkillExtractor, AFieldOpeningATeamsNameIsColleagues) {
    EXPECT_EQ(ids("Join our ML Acceleration team."), Ids{});
    EXPECT_EQ(ids("The Computer Vision Platform Team builds tools."), Ids{});
    EXPECT_EQ(ids("Our robotics team is hiring."), Ids{"robotics"});
    // A capitalised pronoun starts a phrase of its own (a feed that lost its full stop).
    EXPECT_EQ(ids("Background in natural language processing Our team values clarity."),
              Ids{"nlp"});
    EXPECT_EQ(ids("Background in machine learning and NLP Our team values clarity."),
              (Ids{"machine-learning", "nlp"}));
}

// "AI" right before another machine-learning skill says which kind it is.
TEST(SkillExtractor, AiBeforeAnotherMlSkillOnlySaysWhichKind) {
    EXPECT_EQ(ids("Build an AI chatbot for bookings."), Ids{"chatbots"});
    EXPECT_EQ(ids("Skills: Lead Generation Chatbot"), Ids{"chatbots"});
    // Scale AI is a labelling platform; to scale AI systems is not to use it.
    EXPECT_EQ(ids("Label images on Scale AI."), (Ids{"data-labeling", "scale-ai"}));
    EXPECT_EQ(ids("Build, automate, and scale AI systems; large-scale AI models."),
              Ids{"artificial-intelligence"});
    // The agent is an AI agent too (twenty-fifth session: "agent" beside AI words).
    EXPECT_EQ(ids("Headless AI RAG agent"), (Ids{"rag", "ai-agents"}));
    EXPECT_EQ(ids("Experience with AI and LLMs; AI/ML background."),
              (Ids{"artificial-intelligence", "llm", "machine-learning"}));
}

// "<tool> or a similar <kind>": the kind is the tool's class, not a skill of its own.
TEST(SkillExtractor, TheKindOfANamedToolIsNotASkillOfItsOwn) {
    EXPECT_EQ(ids("Store them in Pinecone or a similar vector database."), Ids{"pinecone"});
    EXPECT_EQ(ids("Pinecone, or other vector databases."), Ids{"pinecone"});
    EXPECT_EQ(ids("Pinecone and vector databases."), (Ids{"pinecone", "vector-databases"}));
    // A field before a kind noun is the kind, whatever the taxonomy relates it to.
    EXPECT_EQ(ids("Go, Python or similar systems programming languages."), (Ids{"go", "python"}));
    // A stock index is no DAX measure; a scraping tool is named by its own name.
    EXPECT_EQ(ids("Benchmarks: SPY QQQ DAX EURUSD."), Ids{});
    EXPECT_EQ(ids("Power BI measures in DAX."), (Ids{"power-bi", "dax"}));
    EXPECT_EQ(ids("Chrome / Playwright Scraping Expert"), (Ids{"playwright", "web-scraping"}));
}

// A field followed by examples of itself names no skill of its own either: "AI tools like
// Claude Code" asks for the coding assistant (readers label the most specific skill). A task
// with its model in brackets asks for both.
TEST(SkillExtractor, AFieldFollowedByItsExamplesIsNotASkillOfItsOwn) {
    EXPECT_EQ(ids("We encourage using AI tools (Cursor, Copilot, Gemini) in your daily work."),
              (Ids{"ai-coding-assistants", "gemini"}));
    EXPECT_EQ(ids("If building with AI tools like Claude Code excites you, apply."),
              Ids{"ai-coding-assistants"});
    EXPECT_EQ(ids("Experience with LLMs such as Claude."), Ids{"claude"});
    EXPECT_EQ(ids("Evaluate and integrate AI capabilities (LLMs, agents)."),
              (Ids{"llm", "ai-agents"}));
    EXPECT_EQ(ids("Experience with AI and Claude."), (Ids{"artificial-intelligence", "claude"}));
    EXPECT_EQ(ids("Fine-tune an image classification model (EfficientNet)."),
              (Ids{"fine-tuning", "image-classification", "efficientnet"}));
    // Models the hire works with are no colleagues.
    EXPECT_EQ(ids("You will interface with machine learning models."), Ids{"machine-learning"});
}

// "Node.js for the backend": the back end is the part of the system the tool serves; readers
// label the tool. Other fields after "for the" stay asked.
TEST(SkillExtractor, ThePartOfASystemAToolServesIsNotASkillOfItsOwn) {
    EXPECT_EQ(ids("Stack: Next.js for the frontend, Node.js for the backend, MongoDB."),
              (Ids{"nextjs", "nodejs", "mongodb"}));
    EXPECT_EQ(ids("We use React on the frontend."), Ids{"react"});
    EXPECT_EQ(ids("Use Python for the data analysis."), (Ids{"python", "data-analysis"}));
    EXPECT_EQ(ids("Build the backend for our app."), Ids{"backend"});
    // In brackets, either way round.
    EXPECT_EQ(ids("Stack: TypeScript (frontend & backend), React, Postgres."),
              (Ids{"typescript", "react", "postgresql"}));
    EXPECT_EQ(ids("Integrate models into our backend (Django) and frontend (React)."),
              (Ids{"django", "react"}));
    EXPECT_EQ(ids("Build the backend (APIs and jobs) in Go."),
              (Ids{"backend", "api-design", "go"}));
    // Right after the tool, when the part ends its phrase, or the tool's own part.
    EXPECT_EQ(ids("A web app on a .NET backend and React frontend, with SSO."),
              (Ids{"dotnet", "react", "oauth"}));
    EXPECT_EQ(ids("Experience with Supabase's backend features."), Ids{"supabase"});
    EXPECT_EQ(ids("Node.js backend development."), (Ids{"nodejs", "backend"}));
    EXPECT_EQ(ids("Strong TypeScript full-stack + open-source experience."),
              (Ids{"typescript", "full-stack"}));
}

// Fields listed before a trade's noun share it: "the autonomous vehicle or robotics industry".
TEST(SkillExtractor, FieldsListedBeforeATradeAreTradesToo) {
    EXPECT_EQ(ids("Prior experience in the autonomous vehicle or robotics industry is a bonus."),
              Ids{});
    EXPECT_EQ(ids("Experience with Python or the robotics industry."), Ids{"python"});
}

// GitHub as where an applicant shows work ("send your resume and GitHub", "a link to your
// GitHub profile", "the code on GitHub", "NVIDIA's GitHub") is no skill the work uses; in a stack
// it is.
TEST(SkillExtractor, AGitHubProfileIsNotAskedButGitHubWorkIs) {
    EXPECT_EQ(ids("Apply with your resume, github and a few lines on what you built."), Ids{});
    EXPECT_EQ(ids("Code samples or a link to GitHub profile required."), Ids{});
    EXPECT_EQ(ids("Review the src code on GitHub before you start."), Ids{});
    // Someone's GitHub, and code taken from GitHub, are places too.
    EXPECT_EQ(ids("Clone and adapt the examples from NVIDIA’s GitHub."), Ids{});
    EXPECT_EQ(ids("Pull the sample project from GitHub and run it."), Ids{});
    EXPECT_EQ(ids("Comfortable with GitHub workflows and CI/CD."), (Ids{"github", "ci-cd"}));
    EXPECT_EQ(ids("Node.js REST API; CI/CD on GitHub."),
              (Ids{"nodejs", "rest-api", "ci-cd", "github"}));
}

// An alias joined by "and" is written with "&" as often: "backup & restore", "Trust & Safety".
TEST(SkillExtractor, AnAliasWithAndMatchesItsAmpersandSpelling) {
    EXPECT_EQ(ids("Daily automatic backup & restore"), Ids{"disaster-recovery"});
    EXPECT_EQ(ids("Experience in Trust & Safety operations"), Ids{"content-moderation"});
    EXPECT_EQ(ids("Identity & Access Management"), Ids{"identity-access"});
}

// "Responsive" beside a layout, UI or page is responsive design; said of a person ("be
// responsive to client messages") or as a quality ("it is responsive") it is not.
TEST(SkillExtractor, ResponsiveBesideALayoutIsResponsiveDesign) {
    EXPECT_EQ(ids("Responsive mobile layout"), Ids{"responsive-design"});
    EXPECT_EQ(ids("Build a modern, responsive, mobile-first billing app."),
              Ids{"responsive-design"});
    EXPECT_EQ(ids("Please be responsive and available on mobile."), Ids{});
    EXPECT_EQ(ids("Highly responsive to client messages."), Ids{});
    EXPECT_EQ(ids("Make sure it's responsive on mobile."), Ids{});
}

// "Segmentation" and "tracking" alone are vision tasks beside perception, vision or camera words,
// and camera and sensor words settle "ISP" and "GPS".
TEST(SkillExtractor, BareVisionTasksBesidePerceptionWords) {
    EXPECT_EQ(ids("Build models for scene understanding, segmentation, tracking, and spatial "
                  "perception."),
              (Ids{"image-segmentation", "object-tracking"}));
    EXPECT_EQ(ids("Customer segmentation and order tracking."), Ids{"customer-segmentation"});
    // The tasks written with "of images" share it; "ISP" beside camera words is the image
    // signal processor, "GPS" among sensors satellite positioning.
    EXPECT_EQ(ids("CNNs for classification and segmentation of images."),
              (Ids{"cnn", "image-classification", "image-segmentation"}));
    EXPECT_EQ(ids("Capture raw image frames and run preprocessing (ISP, color conversions)."),
              Ids{"camera-pipelines"});
    EXPECT_EQ(ids("Our ISP provides fast internet."), Ids{});
    EXPECT_EQ(ids("Sensors: cameras, LIDAR, RADAR, GPS and IMU."),
              (Ids{"lidar", "radar", "gnss", "imu"}));
    EXPECT_EQ(ids("Fleet GPS tracking for delivery vans."), Ids{});
    // "Fusion" beside perception words is sensor fusion; biometrics is biometric recognition.
    EXPECT_EQ(ids("Develop perception & fusion algorithms."), Ids{"sensor-fusion"});
    EXPECT_EQ(ids("Asian fusion cuisine for our cafe."), Ids{});
    EXPECT_EQ(ids("Applied ML in computer vision/biometrics."),
              (Ids{"machine-learning", "computer-vision", "biometric-recognition"}));
}

// "Evaluate" with models as its object is model evaluation; evaluating the outputs of an LLM,
// a business model or vendors is not.
TEST(SkillExtractor, EvaluatingModelsIsModelEvaluation) {
    EXPECT_EQ(ids("Fine-tune and evaluate open-source detection models on our datasets."),
              (Ids{"fine-tuning", "model-evaluation", "object-detection"}));
    EXPECT_EQ(ids("Design experiments to evaluate the performance of different models."),
              Ids{"model-evaluation"});
    EXPECT_EQ(ids("Evaluate and model global licensing revenue."), Ids{});
    EXPECT_EQ(ids("Evaluate AI model output in lyrics."), Ids{});
    EXPECT_EQ(ids("Evaluate business models for our stores."), Ids{});
}

// "DSP" among processors is the chip a model runs on, not signal processing; "story writing"
// beside agile words is writing user stories, not creative writing; a trajectory's forecast is
// no forecasting.
TEST(SkillExtractor, AChipAndAUserStoryAreNotTheirNamesakeSkills) {
    EXPECT_EQ(ids("Use hardware-specific APIs (GPU, NPU, DSP)."), Ids{});
    EXPECT_EQ(ids("Experience with DSP algorithms for audio."), Ids{"signal-processing"});
    EXPECT_EQ(ids("The full SDLC (Kanban), including requirement analysis, story writing, design."),
              (Ids{"sdlc", "agile"}));
    EXPECT_EQ(ids("Skills: story writing, fiction writing"), Ids{"creative-writing"});
    // A trajectory forecast is motion prediction, not forecasting demand or sales.
    EXPECT_EQ(ids("Re-identification and trajectory forecasting across cameras."),
              Ids{"person-reidentification"});
    EXPECT_EQ(ids("Demand forecasting with Prophet."), (Ids{"forecasting", "prophet"}));
}

// "Agent" alone is an AI agent beside AI words ("agent orchestration", "AI Quant Agent"), not
// a person who sells, supports or rents ("customer support agents", "real estate agents").
TEST(SkillExtractor, AnAgentBesideAiWordsIsAnAiAgent) {
    EXPECT_EQ(ids("Create AI Quant Agent (pairs trading)"), Ids{"ai-agents"});
    EXPECT_EQ(ids("Experience with agent orchestration."), Ids{"ai-agents"});
    EXPECT_EQ(ids("Workflow automations, agents, and cron jobs with n8n."),
              (Ids{"no-code-automation", "ai-agents", "cron"}));
    EXPECT_EQ(ids("Hire and train customer support agents."), Ids{"customer-support"});
    EXPECT_EQ(ids("Top real estate agents use our AI platform."), Ids{});
}

// Where the founders worked or what they led is no skill the job asks ("ex-Stripe", "cofounder
// of Gambit Robotics", "CTO of MongoDB"); the same tool named as used still is.
TEST(SkillExtractor, PastEmployersAreNotAsked) {
    EXPECT_EQ(ids("Founded by ex-Stripe/Segment product leads, we're changing how teams work."),
              Ids{});
    EXPECT_EQ(ids("Started by the cofounder of Gambit Robotics and the cofounder/CTO of MongoDB."),
              Ids{});
    EXPECT_EQ(ids("Ex-Google and Stripe engineers. We use Stripe for billing."), Ids{"stripe"});
    EXPECT_EQ(ids("Report to the CTO of Robotics."), Ids{"robotics"});
    EXPECT_EQ(ids("Open source contributors (authors of neovim and neverthrow)."), Ids{});
    EXPECT_EQ(ids("Founded by the pioneers of Kubernetes. You will write Go."), Ids{"go"});
    EXPECT_EQ(ids("A seed round with angels from OpenAI, Apple and Waymo."), Ids{});
    // Customers listed after a comma are customers too.
    EXPECT_EQ(ids("Our customers, including Alibaba Cloud and Supabase, rely on us."), Ids{});
    // "ex-" marks a past employer of any kind; "former" only a tool.
    EXPECT_EQ(ids("Led by Andrew Filev (ex-Wrike), we build fast."), Ids{});
    // The capitalised name after a role and "at" is where the role is held.
    EXPECT_EQ(ids("As a Senior iOS Engineer at Help Scout, you will ship features."), Ids{"ios"});
    EXPECT_EQ(ids("Work at Shopify scale."), Ids{"shopify"});
}

// What the employer sets out to change is its mission, not a skill the hire uses; the same
// words as the hire's duty or in a sentence about "you" keep what they name.
TEST(SkillExtractor, AnEmployersMissionIsNotAsked) {
    EXPECT_EQ(ids("Join us in pioneering the future of e-commerce search. You will write Python."),
              Ids{"python"});
    EXPECT_EQ(ids("Neurotone is revolutionizing auditory training with AI, helping people hear. "
                  "We use PyTorch."),
              Ids{"pytorch"});
    EXPECT_EQ(ids("Our mission is to make auth simple for every developer building web and "
                  "mobile applications."),
              Ids{});
    EXPECT_EQ(ids("We are at the forefront of applying LLMs in lending."), Ids{});
    EXPECT_EQ(ids("Redefine the data model in PostgreSQL."), (Ids{"data-modeling", "postgresql"}));
    EXPECT_EQ(ids("You will help us redefine our pipelines with Airflow."), Ids{"airflow"});
    EXPECT_EQ(ids("You'll define the future of our data model."), Ids{"data-modeling"});
}

// A hiring thread's header names the company first: a product there is the employer, and not
// asked anywhere in the post; a language, or a skill matched by its stem ("ML6"), is no company.
TEST(SkillExtractor, AProductOpeningAHiringHeaderIsTheEmployer) {
    EXPECT_EQ(ids("PostHog | Full-Time | Product engineers | Remote\nWe use PostHog everywhere."),
              Ids{});
    EXPECT_EQ(ids("Cloudflare | Rust engineers | Austin\nYou will build on Cloudflare Workers."),
              Ids{"rust"});
    EXPECT_EQ(ids("ML6 | Machine Learning Engineer | Ghent\nBuild machine learning models."),
              Ids{"machine-learning"});
    EXPECT_EQ(ids("We use PostHog | Mixpanel for analytics."), (Ids{"posthog", "mixpanel"}));
    // An aside may follow the name, and then a colon ends the field too.
    EXPECT_EQ(ids("AssemblyAI (YC 17): Senior Software Engineer, Python"), Ids{"python"});
}

// The hyphens U+2010 and U+2011 join a name's words like '-' and a space do.
TEST(SkillExtractor, TypographicHyphensJoinANamesWords) {
    EXPECT_EQ(ids("Use scikit\xE2\x80\x91image and Server\xE2\x80\x90Sent Events."),
              (Ids{"scikit-image", "server-sent-events"}));
}

// Names of telephony, streaming, analytics and camera work; "or tools" and an Ethernet
// connection at home are no skills.
TEST(SkillExtractor, AliasesForTelephonyStreamingAndCameras) {
    EXPECT_EQ(ids("SIP trunking and VoIP with FreeSWITCH."), Ids{"voip"});
    EXPECT_EQ(ids("Stream tokens to the browser over server-sent events."),
              Ids{"server-sent-events"});
    EXPECT_EQ(ids("Bring up MIPI CSI-2 and GMSL cameras and write the bootloader."),
              (Ids{"machine-vision-cameras", "firmware"}));
    EXPECT_EQ(ids("Integrate a Safari web extension and Google AppSheet."),
              (Ids{"chrome-extensions", "low-code-platforms"}));
    EXPECT_EQ(ids("Show automations or tools you have built. Solve it with OR-Tools."),
              Ids{"optimization"});
    EXPECT_EQ(ids("Send contracts with PandaDoc or DocuSign; trace agents in Langfuse."),
              (Ids{"e-signature", "mlops"}));
    EXPECT_EQ(ids("A wired Ethernet connection is preferred."), Ids{});
    EXPECT_EQ(ids("Automotive Ethernet and CAN bus experience."), (Ids{"networking", "can-bus"}));
    // "CAN" alone is the bus beside protocol and vehicle words, not Canada or a shout (sets 31,
    // 43 and 65); embedded environments and real-time applications are embedded work.
    EXPECT_EQ(ids("Development skills in CAN, Diagnostics, language embedded C."),
              (Ids{"can-bus", "embedded-systems", "c"}));
    EXPECT_EQ(ids("Full-Time | Remote in US & CAN | SaaS"), Ids{});
    EXPECT_EQ(ids("Experience of developing embedded real time applications."),
              Ids{"embedded-systems"});
}

// Machine-learning work written the way gigs write it.
TEST(SkillExtractor, AliasesForModelWorkInGigs) {
    EXPECT_EQ(ids("Continuously evaluate model performance and inference latency."),
              Ids{"model-evaluation"});
    EXPECT_EQ(ids("Design, train, and integrate this predictive engine."),
              Ids{"predictive-modeling"});
    EXPECT_EQ(ids("Classify documents into a predefined folder architecture."),
              Ids{"text-classification"});
    EXPECT_EQ(ids("OCR and layout extraction experience."),
              (Ids{"ocr", "document-layout-analysis"}));
    EXPECT_EQ(ids("Conduct exploratory analysis. Create new features or variables from data."),
              (Ids{"exploratory-data-analysis", "feature-engineering"}));
    EXPECT_EQ(ids("Use data to tell a story that colleagues understand."),
              Ids{"data-storytelling"});
    EXPECT_EQ(ids("Hands-on experience in training and evaluating modern ML models."),
              (Ids{"model-evaluation", "machine-learning"}));
    EXPECT_EQ(ids("Assess model performance with precision and recall; fine-tune hyperparameters."),
              (Ids{"model-evaluation", "hyperparameter-tuning"}));
    EXPECT_EQ(ids("Develop a rule-based vector recommender; run online experimentation."),
              (Ids{"recommender-systems", "ab-testing"}));
    EXPECT_EQ(ids("Experience with AWS cost management tools and right-sizing."),
              Ids{"cloud-cost"});
    // xAI is a company, XAI explainable AI; a step-function change is no AWS service.
    EXPECT_EQ(ids("About xAI: we build a step-function change in reasoning."), Ids{});
    EXPECT_EQ(ids("XAI methods for credit models; AWS Lambda and Step Functions."),
              (Ids{"explainable-ai", "aws-lambda", "aws-sqs-sns"}));
    EXPECT_EQ(ids("Azure Storage and Azure SQL Data Warehouse."),
              (Ids{"cloud-storage", "azure-synapse"}));
}

// Names that readers of the new sets listed as unknown: a workflow engine, a message bus, a
// job queue, an ML compiler, mainframes, record linkage, a payments API and a CMS. Temporal is
// the engine only beside stack words; in a customer list it is a company.
TEST(SkillExtractor, AliasesForQueuesCompilersAndMainframes) {
    EXPECT_EQ(ids("Stack: Go, Postgres, Temporal, NATS and BullMQ."),
              (Ids{"go", "postgresql", "temporal", "nats", "bullmq"}));
    EXPECT_EQ(ids("Trusted by teams like Block, Canva, Temporal and Rippling."), Ids{});
    EXPECT_EQ(ids("Lower PyTorch graphs through XLA; mainframe and JCL batch jobs."),
              (Ids{"pytorch", "xla", "mainframe"}));
    EXPECT_EQ(ids("Entity resolution over Lucene indexes; Plaid API and Sitecore."),
              (Ids{"entity-resolution", "solr", "plaid", "sitecore"}));
    // Serving and sensor names by their neighbours: Triton and TGI beside serving systems,
    // radar beside other sensors.
    EXPECT_EQ(ids("Maintain model-serving systems (vLLM/Triton/TGI)."),
              (Ids{"model-serving", "vllm", "triton", "text-generation-inference"}));
    EXPECT_EQ(ids("Simulate cameras, lidar and radar. Flying under the radar."),
              (Ids{"lidar", "radar"}));
    EXPECT_EQ(ids("Compress large models to run in low precision; proficiency in systems coding."),
              (Ids{"quantization", "systems-programming"}));
    EXPECT_EQ(ids("Build tools (SVN, GIT, ant, maven); experience with payment processors."),
              (Ids{"svn", "git", "build-tools-jvm", "payment-integration"}));
    EXPECT_EQ(ids("Ship pages in Gatsby and React (hooks, state mgmt); export with jsPDF."),
              (Ids{"gatsby", "react", "state-management", "pdf-libraries"}));
    EXPECT_EQ(ids("The Great Gatsby is a novel."), Ids{});
}

// Operations work as small gigs name it: SSL (not an SSL VPN, not a mail name), a backup
// solution (not the employer's photo backup product), Entra, DevOps pipelines.
TEST(SkillExtractor, AliasesForOperationsGigs) {
    EXPECT_EQ(ids("Fix SSL handshake errors; set up a backup solution and data backups."),
              (Ids{"tls", "disaster-recovery"}));
    EXPECT_EQ(ids("Remote access through an SSL VPN; mail ssl @ example.com."), Ids{"networking"});
    EXPECT_EQ(ids("Our self-hostable photo and video backup solution."), Ids{});
    EXPECT_EQ(ids("Migrate the SSO into Entra; build DevOps pipelines."),
              (Ids{"oauth", "identity-access", "ci-cd"}));
}

// Data-science methods and tools as job descriptions name them (sets 41-44, development halves).
TEST(SkillExtractor, AliasesForDataScienceMethods) {
    EXPECT_EQ(ids("Use causal discovery analysis, Bayesian analysis, boosting and bagging."),
              (Ids{"causal-inference", "bayesian-methods", "ensemble-methods"}));
    EXPECT_EQ(ids("Use relational and non-relational data sources; imputation; feature "
                  "generation; data pre-processing."),
              (Ids{"nosql", "data-cleaning", "feature-engineering"}));
    EXPECT_EQ(ids("Use visualization and storytelling to communicate insights."),
              (Ids{"data-visualization", "data-storytelling"}));
    EXPECT_EQ(ids("Visual storytelling for our game levels."), Ids{});
    EXPECT_EQ(ids("LLM work: fine-tuning, RLHF, distillation."),
              (Ids{"llm", "fine-tuning", "reinforcement-learning", "model-optimization"}));
    EXPECT_EQ(ids("Crude oil distillation units."), Ids{});
    EXPECT_EQ(ids("Build a projection model to predict future campaign performance."),
              Ids{"forecasting"});
    EXPECT_EQ(ids("Applications like customer lifetime valuation and product recommendation."),
              (Ids{"customer-lifetime-value", "recommender-systems"}));
    EXPECT_EQ(ids("Object detection models (YOLO, SSD, Faster R-CNN)."),
              (Ids{"object-detection", "yolo", "ssd-detector", "faster-rcnn"}));
    EXPECT_EQ(ids("A laptop with a 512GB SSD and Python."), Ids{"python"});
}

// Stack names of startup and freelance postings (sets 41-44, development halves).
TEST(SkillExtractor, AliasesForStacksAndTags) {
    EXPECT_EQ(ids("Backend: Node, AWS, CDK. Observability: Jaeger."),
              (Ids{"nodejs", "aws", "aws-cloudformation", "monitoring"}));
    EXPECT_EQ(ids("Angular CDK and RxJS."), (Ids{"angular", "rxjs"}));
    EXPECT_EQ(ids("On the backend we use Drizzle with Postgres."),
              (Ids{"backend", "typeorm", "postgresql"}));
    EXPECT_EQ(ids("Explore protocols like MCP and A2A."), Ids{"model-context-protocol"});
    EXPECT_EQ(ids("Database: Cloud SQL (MySQL)."), (Ids{"gcp", "mysql"}));
    EXPECT_EQ(ids("Integrate a chatbot into a Copilot Agent in Microsoft 365 Copilot."),
              (Ids{"chatbots", "microsoft-365"}));
    EXPECT_EQ(ids("We code with GitHub Copilot."), Ids{"ai-coding-assistants"});
    EXPECT_EQ(ids("Skills: Google Suite, LLM Prompt"),
              (Ids{"google-workspace", "prompt-engineering"}));
    EXPECT_EQ(ids("Regex for text cleaning; enhance platform performance."),
              (Ids{"regex", "data-cleaning", "performance-optimization"}));
}

// Job-board postings of web, design and data teams (set 42, development half).
TEST(SkillExtractor, AliasesForWebDesignAndDataTeams) {
    EXPECT_EQ(ids("Build reusable components for our complex SPA; know UI accessibility "
                  "techniques."),
              (Ids{"single-page-apps", "web-accessibility"}));
    EXPECT_EQ(ids("Book a spa day. Draft and negotiate SPAs, APAs and LLC agreements."), Ids{});
    EXPECT_EQ(ids("Create mood boards, illustrations and style tiles."), Ids{"illustration"});
    EXPECT_EQ(ids("Tools to ease the use of feed forward and recurrent models; database table "
                  "design."),
              (Ids{"rnn", "database-design"}));
    EXPECT_EQ(ids("Support real-time data ingestion solutions; conduct analysis; predict "
                  "customer behavior."),
              (Ids{"streaming", "data-analysis", "predictive-modeling"}));
    EXPECT_EQ(ids("AWS - Lambda / S3 / Aurora / EC2"),
              (Ids{"aws", "aws-lambda", "aws-s3", "aws-rds", "aws-ec2"}));
    EXPECT_EQ(ids("Aurora Solar: Software Engineer on AWS"), Ids{"aws"});
    // Unity's entity component system is no AWS service.
    EXPECT_EQ(ids("Unity DOTS (including ECS, Job System) and C#"), Ids{"csharp"});
    EXPECT_EQ(ids("AWS services such as Lambda, S3 and ECS"),
              (Ids{"aws", "aws-lambda", "aws-s3", "aws-ecs"}));
}

// Spellings of non-US job boards (set 48, development half).
TEST(SkillExtractor, AliasesForJobStreetAndItJobsPostings) {
    EXPECT_EQ(ids("MVC with Razor Pages; Visual Basic Applications; TailwindsCSS; Python or GO."),
              (Ids{"aspnet", "vba", "tailwind", "python", "go"}));
    EXPECT_EQ(ids("GO LIVE next week."), Ids{});
    EXPECT_EQ(ids("Azure Data Components (Data Factory, Synapse Analytics)"),
              (Ids{"azure", "azure-data-factory", "azure-synapse"}));
    EXPECT_EQ(ids("Services such as API Gateway, Lambda, DynamoDB and BedRock"),
              (Ids{"aws-api-gateway", "aws-lambda", "dynamodb", "aws-bedrock"}));
    // A workday is a day's work; system integration testing is a QA stage.
    EXPECT_EQ(ids("Design your workday."), Ids{});
    EXPECT_EQ(ids("Integrate Workday with ServiceNow."), Ids{"workday"});
    EXPECT_EQ(ids("Execute system integration testing and user acceptance testing."),
              Ids{"quality-assurance"});
    EXPECT_EQ(ids("Write unit and integration testing suites."), Ids{"unit-testing"});
}

// Greenhouse postings of machine-learning and data teams (set 46, development half).
TEST(SkillExtractor, AliasesForExperimentsAndPropensityModels) {
    EXPECT_EQ(ids("Design & execute experiments; run multivariate experiments."),
              Ids{"ab-testing"});
    EXPECT_EQ(ids("Targeting leveraging propensity models."), Ids{"predictive-modeling"});
    EXPECT_EQ(ids("Propensity score matching."), Ids{"causal-inference"});
    // Sets 52 and 61: experimentation frameworks and A/B experimentation.
    EXPECT_EQ(ids("Build the metrics, dashboards, and experimentation frameworks."),
              (Ids{"dashboards", "ab-testing"}));
    EXPECT_EQ(ids("Measure the impact with A/B experimentation."), Ids{"ab-testing"});
}

// Evaluation beside LLM words is LLM evaluation; a bare "evaluation" needs the word close by
// (sets 33-62, development halves).
TEST(SkillExtractor, EvaluationBesideLlmWordsIsLlmEvaluation) {
    EXPECT_EQ(ids("Design automated evaluation pipelines for prompts, embeddings and agent "
                  "workflows."),
              (Ids{"llm-evaluation", "embeddings", "ai-agents"}));
    EXPECT_EQ(ids("Experience with prompt optimization and evaluation."),
              (Ids{"prompt-engineering", "llm-evaluation"}));
    EXPECT_EQ(
        ids("Retrieval, evaluation, and reliability infrastructure for LLM-powered products."),
        Ids{"llm"});
    EXPECT_EQ(
        ids("Develop evaluation frameworks and benchmarks to measure perception performance."),
        Ids{});
    EXPECT_EQ(ids("Take part in the yearly performance evaluation."), Ids{});
}

// Monitoring models written out, and "statistical" on its own: readers of the real sets label
// statistics in 66 of the 70 development texts that use the word.
TEST(SkillExtractor, MonitoringModelsAndStatisticalWork) {
    EXPECT_EQ(ids("Implement automated monitoring of deployed models to assess their performance."),
              (Ids{"model-monitoring", "model-serving"}));
    EXPECT_EQ(ids("Assist in monitoring model performance in production."),
              Ids{"model-monitoring"});
    // "monitoring of" is the model's only beside a model; otherwise it is monitoring.
    EXPECT_EQ(ids("Provisioning, deployment, and monitoring of infrastructure."),
              Ids{"monitoring"});
    EXPECT_EQ(ids("Construct and fit statistical, machine learning, or optimization models."),
              (Ids{"statistics", "machine-learning", "optimization"}));
    EXPECT_EQ(ids("Familiarity with basic statistical concepts a plus."), Ids{"statistics"});
    EXPECT_EQ(ids("Identify, develop and test hypotheses in support of research."),
              Ids{"statistics"});
}

// Governance and lineage beside data words are data governance (sets 43-66: 16 right, 1 wrong);
// a company's or AI's governance is not.
TEST(SkillExtractor, GovernanceOfDataIsDataGovernance) {
    EXPECT_EQ(ids("Define and implement data quality checks, SLAs, and governance practices."),
              (Ids{"data-quality", "data-governance"}));
    EXPECT_EQ(ids("Understanding of data modeling and governance concepts."),
              (Ids{"data-modeling", "data-governance"}));
    EXPECT_EQ(ids("Petabyte-scale data systems, lineage, and feature stores."),
              (Ids{"data-governance", "feature-store"}));
    EXPECT_EQ(ids("Establish robust governance for AI use cases."), Ids{"artificial-intelligence"});
    EXPECT_EQ(ids("Trace the cell lineage of stem cells."), Ids{});
}

// Stack names of remote-board postings (set 47, development half).
TEST(SkillExtractor, AliasesForRemoteBoardStacks) {
    EXPECT_EQ(ids("Unit and e2e testing (Jest, Detox)."),
              (Ids{"unit-testing", "e2e-testing", "jest", "espresso"}));
    EXPECT_EQ(ids("Cloud platforms (e.g., Vertex, SageMaker); ML libraries like Scikit."),
              (Ids{"vertex-ai", "sagemaker", "machine-learning", "scikit-learn"}));
    EXPECT_EQ(ids("Frameworks such as React, Angular, Next, Vue; GraphQL with Apollo."),
              (Ids{"react", "angular", "nextjs", "vue", "graphql", "apollo"}));
    EXPECT_EQ(ids("React work. Next, you will build Vue apps."), (Ids{"react", "vue"}));
    // npm is Node's package manager, not Node.js work; "Git Co-Pilot" is GitHub Copilot.
    EXPECT_EQ(ids("Node Package Manager/NPM, Vite; Git Co-Pilot"),
              (Ids{"npm", "vite", "ai-coding-assistants"}));
    EXPECT_EQ(ids("Own the app architecture; design and implement architectural improvements."),
              Ids{"software-architecture"});
}

TEST(SkillExtractor, AliasesForEvalsExperimentsAndTestTools) {
    EXPECT_EQ(ids("Experience with designing evals and building evaluation harnesses."),
              Ids{"llm-evaluation"});
    EXPECT_EQ(ids("Experience with LLM deployment and fine-tuning."),
              (Ids{"model-serving", "fine-tuning"}));
    EXPECT_EQ(ids("Hands on experience utilizing both supervised and unsupervised ML algorithms."),
              (Ids{"supervised-learning", "unsupervised-learning"}));
    EXPECT_EQ(ids("Prior exposure to auto-ML platforms like H2O or DataRobot."),
              (Ids{"h2o", "datarobot"}));
    EXPECT_EQ(ids("Drink H2O daily."), Ids{});
    EXPECT_EQ(ids("Design and analyze experiments; knowledge of experimental methods."),
              Ids{"ab-testing"});
    EXPECT_EQ(ids("Statistical methods (regression, cluster analysis, text analysis)."),
              (Ids{"statistics", "regression-analysis", "clustering", "nlp"}));
    EXPECT_EQ(ids("Craft data stories and narratives for executives."), Ids{"data-storytelling"});
    EXPECT_EQ(ids("Predict which customers are at risk of churning."), Ids{"churn-analysis"});
    EXPECT_EQ(ids("Construct and fit machine learning or optimization models."),
              (Ids{"machine-learning", "optimization"}));
    EXPECT_EQ(ids("ML libraries like py-torch, xg-boost, sk-learn."),
              (Ids{"machine-learning", "pytorch", "xgboost", "scikit-learn"}));
    EXPECT_EQ(ids("Identify and construct predictive variables."), Ids{"feature-engineering"});
    EXPECT_EQ(ids("Advanced knowledge of model tuning, evaluation, and operationalization."),
              (Ids{"hyperparameter-tuning", "model-evaluation"}));
    EXPECT_EQ(ids("Experience in architecting and consuming APIs at scale."), Ids{"api-design"});
    EXPECT_EQ(ids("Test automation (Appium, RestAssured). Test Management: TestRail"),
              (Ids{"test-automation", "appium", "rest-assured", "test-management"}));
    EXPECT_EQ(ids("Write software that interfaces with 3D camera systems."), Ids{"depth-cameras"});
    EXPECT_EQ(ids("Integration of commercial robot arms (e.g., Cobots)."), Ids{"robot-arms"});
    EXPECT_EQ(ids("Deployments across AWS (EC2, S3, Firehose)."),
              (Ids{"aws", "aws-ec2", "aws-s3", "aws-kinesis"}));
    EXPECT_EQ(ids("Skills: Figma, Identity & access management"),
              (Ids{"figma", "identity-access"}));
    EXPECT_EQ(ids("Background in NLP annotation. Optimize vector indexing."),
              (Ids{"data-labeling", "vector-databases"}));
    EXPECT_EQ(ids("Freelance Agent Evaluation Engineer"), Ids{"llm-evaluation"});
    EXPECT_EQ(ids("Twitter Enterprise APIs, LinkedIn APIs."), Ids{"social-media-apis"});
}

// A tool's field named with the tool as its example is the tool alone, now that the DevOps
// tools imply their fields (IaC, observability); infrastructure words readers of set 55
// labelled.
TEST(SkillExtractor, InfrastructureFieldsTheirToolsAndTheirWords) {
    EXPECT_EQ(ids("Knowledge of IaC tools such as Terraform or CloudFormation."),
              (Ids{"terraform", "aws-cloudformation"}));
    EXPECT_EQ(ids("Experience with observability tools such as Datadog and Grafana."),
              (Ids{"datadog", "grafana"}));
    EXPECT_EQ(ids("Own observability and CI/CD for the fleet."), (Ids{"monitoring", "ci-cd"}));
    EXPECT_EQ(ids("Comfortable with GPU hardware and large-scale networking."), Ids{"networking"});
    EXPECT_EQ(ids("Have written distributed algorithms; run the streaming infrastructure."),
              (Ids{"distributed-systems", "streaming"}));
    // Set 56's 3D and robotics words: "CAD" alone is also the Canadian dollar.
    EXPECT_EQ(ids("Render gaussian splats, CAD models and BIM files; tune shader performance."),
              (Ids{"gaussian-splatting", "cad", "bim", "shaders"}));
    EXPECT_EQ(ids("Salary: $126k-$154k CAD."), Ids{});
    EXPECT_EQ(ids("Research Engineer for RL-based robot navigation."),
              Ids{"reinforcement-learning"});
    EXPECT_EQ(ids("Localize with onboard IMUs and GNSS."), (Ids{"imu", "gnss"}));
    // Set 58's Upwork gigs: an n8n node is no Node.js, and training the client's team to use
    // what was built is no tutoring (3 of 3 such mentions unlabelled over sets 31-58).
    EXPECT_EQ(ids("Step 1: n8n Node: Google Drive Trigger."),
              (Ids{"no-code-automation", "google-workspace"}));
    EXPECT_EQ(ids("Set up the tools and train our team to use them."), Ids{});
    EXPECT_EQ(ids("Online tutoring in math."), Ids{"tutoring"});
    EXPECT_EQ(ids("Create ads via the Meta Marketing API; keep the page mobile-friendly."),
              (Ids{"meta-ads", "responsive-design"}));
    EXPECT_EQ(ids("Own prompt testing for the support bot."), Ids{"llm-evaluation"});
}

// "OpenAI" names the API a gig integrates, but the employer when the posting works at it,
// helps it or speaks of its teams and products ("at OpenAI", "OpenAI's mission", "As OpenAI
// continues to grow"); ChatGPT is the employer's product when the team powers it. Readers of
// sets 31 and 55 labelled none of these.
TEST(SkillExtractor, ADataRoleIsNoAskedSkill) {
    EXPECT_EQ(ids("Senior Data Scientist. Work with data analysts and data engineers."), Ids{});
    const auto spans = SkillExtractor::bundled().extract("Data Scientists wanted.");
    ASSERT_EQ(spans.size(), 1u);
    EXPECT_EQ(spans[0].skill, "data-science");
    EXPECT_TRUE(spans[0].role);
    // The field itself is still asked.
    EXPECT_EQ(ids("Data science and data engineering in Python."),
              (Ids{"data-science", "data-engineering", "python"}));
    // A role alias ends in its own role noun, so it makes the list's items roles too; and names
    // people, so it confirms no ambiguous word near it ("C" needs a skill beside it).
    EXPECT_EQ(ids("Hiring: ML/Data Scientist."), Ids{});
    EXPECT_EQ(ids("Hiring C and data scientists."), Ids{});
    EXPECT_EQ(ids("Hiring C and Python developers."), (Ids{"c", "python"}));
}

TEST(SkillExtractor, TheEmployerOpenAiIsNotItsApi) {
    EXPECT_EQ(ids("Data Platform at OpenAI owns the data stack. Bring OpenAI's technology to the "
                  "world. As OpenAI continues to grow, join the OpenAI Growth team."),
              Ids{});
    EXPECT_EQ(ids("We power products such as ChatGPT. The ChatGPT team ships weekly."), Ids{});
    EXPECT_EQ(ids("Integrate OpenAI and Claude into our support bot."),
              (Ids{"openai-api", "claude"}));
    EXPECT_EQ(ids("Use AI tools like ChatGPT to draft replies."), Ids{"gpt-models"});
}

TEST(SkillExtractor, AliasesForDesignToolsSecretsAndDataStores) {
    EXPECT_EQ(ids("Proficient in tools like Figma, Sketch, or Adobe XD."),
              (Ids{"figma", "sketch-app", "adobe-xd"}));
    EXPECT_EQ(ids("Draw a Sketch of the house."), Ids{});
    EXPECT_EQ(ids("Manage API keys and secrets securely (Vault/AWS Secrets Manager)."),
              (Ids{"hashicorp-vault", "aws"}));
    EXPECT_EQ(ids("Keep the documents in the Vault of the bank."), Ids{});
    EXPECT_EQ(ids("Set up a dedicated smtp email server."), Ids{"email-protocols"});
    EXPECT_EQ(ids("Optimize heavy Trino/Athena queries."), (Ids{"trino", "aws-glue"}));
    EXPECT_EQ(ids("Athena Health is our client."), Ids{});
    EXPECT_EQ(ids("Cloud platforms: Google Model Garden, Amazon Bedrock."),
              (Ids{"vertex-ai", "aws-bedrock"}));
    EXPECT_EQ(ids("Code review with CodeRabbit; completions from Supermaven."),
              (Ids{"code-review", "ai-coding-assistants"}));
    EXPECT_EQ(ids("Python-driven statistical methods (P-values, Bayesian frameworks)."),
              (Ids{"python", "statistics", "bayesian-methods"}));
    EXPECT_EQ(ids("Integrate an AI caller and the WhatsApp API."),
              (Ids{"voice-agents", "whatsapp-api"}));
    EXPECT_EQ(ids("Monitor cloud infrastructure and respond to incidents."),
              (Ids{"monitoring", "incident-response"}));
    EXPECT_EQ(ids("Build highly scalable and distributed backend systems."),
              Ids{"distributed-systems"});
    EXPECT_EQ(ids("Databases (SQL, Azure blob). Clean coding; chunking and embedding strategies."),
              (Ids{"sql", "cloud-storage", "clean-code", "embeddings"}));
    // A self-serve model is a way of working, not a model that is served.
    EXPECT_EQ(ids("Turn ticket spikes into automated self-serve models."), Ids{});
    EXPECT_EQ(ids("Serve models behind an API."), Ids{"model-serving"});
}

// What a word names beside its neighbours: the customers an AI product serves, a benchmark of
// spoken questions, a ranking formula, a company, the languages of a field, a requirement the
// whole team gathers and the experience a role offers are no skill the work asks.
TEST(SkillExtractor, NeighboursThatMakeAWordNoAskedSkill) {
    EXPECT_EQ(ids("AI Voice Agent Development for Customer Service"), Ids{"voice-agents"});
    EXPECT_EQ(ids("Build chatbots with LangChain for customer support automation."),
              (Ids{"chatbots", "langchain"}));
    EXPECT_EQ(ids("Build chatbots that improve customer service."), Ids{"chatbots"});
    EXPECT_EQ(ids("Provide customer support to our users by email and chat."),
              Ids{"customer-support"});
    EXPECT_EQ(ids("Build benchmarks for speech QA and audio understanding."), Ids{});
    EXPECT_EQ(ids("Own manual QA of the mobile app."),
              (Ids{"quality-assurance", "mobile-development"}));
    EXPECT_EQ(ids("Preprocessing (stemming), TF-IDF, Named Entity Recognition."),
              Ids{"named-entity-recognition"});
    EXPECT_EQ(ids("FanDuel is a subsidiary of Flutter Entertainment."), Ids{});
    EXPECT_EQ(ids("Build the mobile app with Flutter."), (Ids{"mobile-development", "flutter"}));
    EXPECT_EQ(ids("Proficiency in data science languages such as Python and R."),
              (Ids{"python", "r"}));
    EXPECT_EQ(ids("Collaborate with stakeholders to gather requirements and deliver solutions."),
              Ids{});
    EXPECT_EQ(ids("Gather and analyze business requirements from stakeholders."),
              Ids{"business-analysis"});
    EXPECT_EQ(ids("Degree in a quantitative field (eg. Computer Science, Economics, Statistics)."),
              Ids{});
    EXPECT_EQ(ids("What You'll Gain:\nExperience applying data science to real problems."), Ids{});
}

// Anthropic named among model vendors is its models; as a customer, partner, investor or the
// employer it is a company.
TEST(SkillExtractor, AnthropicAmongModelVendorsIsClaude) {
    EXPECT_EQ(ids("Build features on an LLM (e.g. OpenAI, Anthropic, Bedrock)."),
              (Ids{"llm", "openai-api", "claude", "aws-bedrock"}));
    EXPECT_EQ(ids("Knowledge in API's development and integration."), Ids{"api-design"});
    EXPECT_EQ(ids("Our product is used by Google, Anthropic and Meta."), Ids{});
    EXPECT_EQ(ids("We partner closely with OpenAI and Anthropic on models."), Ids{});
    EXPECT_EQ(ids("Anthropic's security team builds LLM tooling."), Ids{"llm"});
    // The client's own online store is its business; building one is e-commerce work.
    EXPECT_EQ(ids("These images are of shoes for my online store."), Ids{});
    EXPECT_EQ(ids("Build an online store with Shopify."), (Ids{"ecommerce", "shopify"}));
    // Secret rotation is secrets management; Postgres indexing is database design.
    EXPECT_EQ(ids("Manage DevOps on Fly.io, including secret rotation."),
              (Ids{"devops", "render-fly", "hashicorp-vault"}));
    EXPECT_EQ(ids("Understand Postgres indexing and query performance."),
              (Ids{"postgresql", "database-design"}));
}

// APIs the work builds are API design; APIs it calls, or those of a named kind, are not.
TEST(SkillExtractor, BuildingApisIsApiDesign) {
    EXPECT_EQ(ids("Build and maintain APIs and third-party integrations."), Ids{"api-design"});
    EXPECT_EQ(ids("Design and develop our APIs."), Ids{"api-design"});
    EXPECT_EQ(ids("Building reliable automations, connecting APIs."), Ids{});
    EXPECT_EQ(ids("Implement REST and GraphQL APIs."), (Ids{"rest-api", "graphql"}));
    EXPECT_EQ(ids("Build agents on LLM APIs."), (Ids{"ai-agents", "llm"}));
    // Integrating with APIs and owning them is API work too, and the verb may stand five words
    // before them (readers label both: 9 of 12 development-half texts).
    EXPECT_EQ(ids("Integrate third-party tools via APIs."), Ids{"api-design"});
    EXPECT_EQ(ids("Own APIs, data pipelines, and durable workflows."),
              (Ids{"api-design", "data-engineering"}));
    EXPECT_EQ(ids("Design and build robust backend services and APIs."),
              (Ids{"backend", "api-design"}));
    // APIs listed with microservices or endpoints are a service's own (sets 37, 39 and 62);
    // where data is fetched from them, or a background is described, they are not.
    EXPECT_EQ(ids("Backend services (e.g., APIs, microservices)."),
              (Ids{"backend", "api-design", "microservices"}));
    EXPECT_EQ(ids("Cloud-native systems (APIs, microservices, containerization)."),
              (Ids{"api-design", "microservices", "docker"}));
    EXPECT_EQ(ids("You have a technical background (APIs, SDKs)."), Ids{});
    EXPECT_EQ(ids("Import data from databases or APIs into 3D scenes."), Ids{});
}

// State management is a front-end skill beside UI words, not a phone call's state; hypervisors,
// overlay networks and secure-by-default engineering name their fields.
TEST(SkillExtractor, AliasesForSystemsAndFrontEndWork) {
    EXPECT_EQ(ids("Solid understanding of mobile architecture and state management."),
              Ids{"state-management"});
    EXPECT_EQ(ids("Twilio webhook handling and call-state management."),
              (Ids{"twilio", "webhooks"}));
    EXPECT_EQ(ids("Home-rolled hypervisors and overlay networks."),
              (Ids{"virtualization", "networking"}));
    EXPECT_EQ(ids("Experience with secure-by-default engineering."), Ids{"security-engineering"});
    // A system design interview is a step of the hiring, not the work; system designs are.
    EXPECT_EQ(ids("4. System Design Interview 5. Chat with a product manager"), Ids{});
    EXPECT_EQ(ids("Produce high quality system designs."), Ids{"software-architecture"});
}

// A hashtag is a code word: "#AI-Response" in the application instructions does not make the
// gig one where people judge AI responses.
TEST(SkillExtractor, AHashtagDoesNotMakeAGigOneThatJudgesAi) {
    EXPECT_EQ(ids("Build Outbound Voice AI Agents on AWS\nIf you reply with a script, put "
                  "#AI-Response on every line."),
              (Ids{"voice-agents", "aws"}));
    EXPECT_EQ(ids("Rate AI responses for accuracy."), Ids{});
}

// Everyday names of voice agents, AI agents, Meta's ad tracking and funnels.
TEST(SkillExtractor, AliasesForAutomationGigs) {
    EXPECT_EQ(ids("Set up the Meta Pixel and Conversions API."), Ids{"meta-ads"});
    EXPECT_EQ(ids("The first two will be outbound calling agents."), Ids{"voice-agents"});
    EXPECT_EQ(ids("Build an AI sales agent."), Ids{"ai-agents"});
    EXPECT_EQ(ids("Slack automations with Workflow Builder."), Ids{"slack-apps"});
    EXPECT_EQ(ids("Handle PDF text extraction."), Ids{"document-data-extraction"});
    EXPECT_EQ(ids("Model partitioning (tensor, model and data parallelism) for DCNNs."),
              (Ids{"distributed-training", "cnn"}));
    EXPECT_EQ(ids("Operate large-scale distributed software."), Ids{"distributed-systems"});
    EXPECT_EQ(ids("Funnels and landing pages in GoHighLevel."), (Ids{"sales-funnels", "crm"}));
}

// A list of skills the sentence then says the hire need not have is not asked; one that is
// not required but a plus is a nice-to-have, still named.
TEST(SkillExtractor, SkillsNotRequiredAreNotAsked) {
    EXPECT_EQ(ids("Experience with AI or robotics isn't required; we want great engineers."),
              Ids{});
    EXPECT_EQ(ids("Kubernetes knowledge isn\u2019t required. You will write Go."), Ids{"go"});
    EXPECT_EQ(ids("Python, Go and Rust are not required. You will use Java."), Ids{"java"});
    EXPECT_EQ(ids("Docker is not required but is a big plus."), Ids{"docker"});
    EXPECT_EQ(ids("Docker is required."), Ids{"docker"});
}

// "not (a/an) <skill>" and "no (<word>) <skill>", with the list they open, say what the work
// is not.
TEST(SkillExtractor, WhatTheWorkIsNotIsNotAsked) {
    EXPECT_EQ(ids("This is not a chatbot project; it is a Django app."), Ids{"django"});
    // "isn't", "aren't", "wasn't", "weren't" negate like "is not" (twenty-fifth session).
    EXPECT_EQ(ids("This isn\u2019t a chatbot or a homework helper; it is a Django app."),
              Ids{"django"});
    EXPECT_EQ(ids("These aren't WordPress sites."), Ids{});
    EXPECT_EQ(ids("We write Go, not Java."), Ids{"go"});
    EXPECT_EQ(ids("This is not a generic chatbot project."), Ids{});
    EXPECT_EQ(ids("Python data analysis only, no scraping this time."),
              (Ids{"python", "data-analysis"}));
    EXPECT_EQ(ids("A backend-only agent (no frontend) in FastAPI."), (Ids{"backend", "fastapi"}));
    EXPECT_EQ(ids("Experience with No-SQL databases."), Ids{"nosql"});
    // "not only" still names it.
    EXPECT_EQ(ids("Not only Python but also Rust."), (Ids{"python", "rust"}));
    // One word may stand between "no" and the skill; a negated list stays negated.
    EXPECT_EQ(ids("No crypto. No speculative AI research."), Ids{});
    EXPECT_EQ(ids("Plain HTTP requests (no Puppeteer, Selenium, Playwright, etc.) in Go."),
              Ids{"go"});
    EXPECT_EQ(ids("No Java or C#; the service is in Rust."), Ids{"rust"});
    // A negated verb a few words before: the work does without it (twenty-ninth session).
    EXPECT_EQ(ids("We don't use React. Write CSS."), Ids{"css"});
    EXPECT_EQ(ids("(Note: We don't need/use JS frameworks like React, Vue.js, etc.) Write CSS."),
              Ids{"css"});
    EXPECT_EQ(ids("We do not need WordPress for this; use Python."), Ids{"python"});
    EXPECT_EQ(ids("We don't just use React, we build with Vue."), (Ids{"react", "vue"}));
    EXPECT_EQ(ids("Someone who doesn't shy away from DevOps."), Ids{"devops"});
    EXPECT_EQ(ids("We do not do social media marketing; we do SEO."), Ids{"seo"});
    EXPECT_EQ(ids("Write original content (without AI)."), Ids{});
    EXPECT_EQ(ids("Write without the use of AI tools."), Ids{});
    EXPECT_EQ(ids("We make use of Python."), Ids{"python"});
}

// What a posting leaves out under a heading of its own is not asked; the words in prose are
// no heading.
TEST(SkillExtractor, WhatAnOutOfScopeSectionListsIsNotAsked) {
    EXPECT_EQ(ids("Deliverables\n- A Python workflow\n\nNon-Goals (Out of Scope)\n\t\u2022\tUI\n"
                  "\t\u2022\tFrontend\n\t\u2022\tOCR / images\n\nThe workflow must be stable."),
              Ids{"python"});
    EXPECT_EQ(ids("Out of scope: UI, React frontend.\nThe backend is in Go."), Ids{"go"});
    EXPECT_EQ(ids("Anything beyond React is out of scope for now, but Python helps."),
              (Ids{"react", "python"}));
    EXPECT_EQ(ids("Scope of work\n- Build a React app"), Ids{"react"});
    // Later phases, and who the job is not for, are left out too; a heading whose line break
    // the feed lost still ends its line with a colon.
    EXPECT_EQ(ids("Deliver working code with documentation Future Phases (Separate Projects):\n"
                  "- Add a web dashboard\n- Integrate with CRM systems\n\nPython only."),
              Ids{"python"});
    EXPECT_EQ(ids("You are NOT a fit if:\nYou avoid architecture decisions\n\nWe need Go."),
              Ids{"go"});
}

// A name is not spelled across two list items: a bullet or a line break between its words
// ends one item; a no-break or narrow space keeps it whole.
TEST(SkillExtractor, ANameIsNotSpelledAcrossListItems) {
    EXPECT_EQ(ids("Twitter / Website \u2022 Speed to launch"), Ids{});
    EXPECT_EQ(ids("Website\nSpeed to launch"), Ids{});
    EXPECT_EQ(ids("Website speed matters."), Ids{"web-performance"});
    EXPECT_EQ(ids("Power\u00a0BI and Machine\u202fLearning"),
              (Ids{"power-bi", "machine-learning"}));
}

TEST(SkillExtractor, AOneLetterNameAloneInBracketsIsASignNotALanguage) {
    EXPECT_EQ(ids("Online Data Analyst, C++ and Python team (C)"), (Ids{"cpp", "python"}));
    EXPECT_EQ(ids("Python, SQL and Excel(R) macros"), (Ids{"python", "sql", "excel"}));
    // In a list in brackets it is the language.
    EXPECT_EQ(ids("Systems languages (C, C++)"), (Ids{"c", "cpp"}));
    EXPECT_EQ(ids("Python and C (version 11)"), (Ids{"python", "c"}));
}

TEST(SkillExtractor, ASkillWordInAWebAddressIsNotTheSkill) {
    EXPECT_EQ(ids("Fork https://github.com/acme/tool and fix it."), Ids{});
    EXPECT_EQ(ids("Docs at python.org; code in GitHub."), Ids{"github"});
    // Nor a word in an address's path, nor a domain ending in ".net".
    EXPECT_EQ(ids("Endpoints: https://live.example.com/swagger/index.html"), Ids{});
    // A path's words joined by hyphens are the path's too.
    EXPECT_EQ(ids("See https://gamma.app/docs/The-Guide-to-Email-Marketing-2?mode=doc first."),
              Ids{});
    EXPECT_EQ(ids("We need email-marketing help."), Ids{"email-marketing"});
    EXPECT_EQ(ids("See github.com/pytorch/vision; we use PyTorch."), Ids{"pytorch"});
    EXPECT_EQ(ids("The site https://videos.net is hosted on AWS."), Ids{"aws"});
    EXPECT_EQ(ids("Experience with .NET and VB.NET."), Ids{"dotnet"});
    EXPECT_EQ(ids("A .NET/C# developer."), (Ids{"dotnet", "csharp"}));
    // A name that ends in a dotted part is still found whole.
    EXPECT_EQ(ids("Node.js and Vue.js"), (Ids{"nodejs", "vue"}));
}

// "the AI", "our AI": a particular system (the company's), not the field the work asks for.
TEST(SkillExtractor, AParticularAiSystemIsNotAnAskedAiSkill) {
    EXPECT_EQ(ids("the data centers where our AI systems are built"), Ids{});
    EXPECT_EQ(ids("Train the AI system to handle phone calls better."), Ids{});
    EXPECT_EQ(ids("Experience with AI systems"), Ids{"artificial-intelligence"});
}

TEST(SkillExtractor, AnAiTrainerIsNotAnAskedAiSkill) {
    EXPECT_EQ(ids("We are looking for a part-time AI Trainer."), Ids{});
    EXPECT_EQ(ids("Experience training AI models"), Ids{"artificial-intelligence"});
}

TEST(SkillExtractor, JavaFxInEitherSpelling) {
    EXPECT_EQ(ids("an animation app in pure java and Java FX"), (Ids{"java", "desktop-gui"}));
    EXPECT_EQ(ids("JavaFX screens"), Ids{"desktop-gui"});
}

TEST(SkillExtractor, EmptyAndSkillFreeTextsGiveNothing) {
    EXPECT_TRUE(ids("").empty());
    EXPECT_TRUE(ids("   \n\t ").empty());
    EXPECT_TRUE(ids("Warehouse associate, night shift").empty());
}

TEST(SkillExtractor, ArbitraryBytesGiveOrderedSpansInsideTheText) {
    // Invalid UTF-8, cut-off sequences and every special lead byte, at every position.
    std::mt19937 rng(3);
    const std::string seeds[] = {"C++ ",    "Go ",  "\xE2\x80", "\xC2", "\xF0\x9F\x9A", "\xEF\xBB",
                                 "python3", ".NET", "-",        "CV ",  "\xE3\x80\x80", "R&D"};
    for (int round = 0; round < 500; ++round) {
        std::string text;
        std::size_t parts = rng() % 40;
        for (std::size_t k = 0; k < parts; ++k) {
            if (rng() % 3 == 0) {
                text += static_cast<char>(rng() % 256);
            } else {
                text += seeds[rng() % std::size(seeds)];
            }
        }
        auto found = SkillExtractor::bundled().extract(text);
        std::size_t previous_end = 0;
        for (const auto& span : found) {
            ASSERT_LT(span.begin, span.end);
            ASSERT_LE(span.end, text.size());
            ASSERT_GE(span.begin, previous_end);
            previous_end = span.end;
            ASSERT_NE(SkillExtractor::bundled().taxonomy().find(span.skill), nullptr);
        }
    }
}

TEST(SkillExtractor, RulesComeFromTheDataFile) {
    // A taxonomy of its own: the extractor has no built-in skills or rules.
    testing::TempDir dir;
    auto path = dir.path() / "t.json";
    testing::write_file(path, R"({"format": 1,
      "categories": [{"id": "lang", "name": "Languages"}, {"id": "tool", "name": "Tools"}],
      "contexts": {"code": {"window": 2, "accept_near_skill": true, "near_categories": ["lang"],
                            "accept_next": ["programming"], "reject_prev": ["the"]}},
      "skills": [
        {"id": "zig", "name": "Zig", "category": "lang", "aliases": ["ziglang", {"text": "Zig", "case": "sensitive", "context": "code"}]},
        {"id": "odin", "name": "Odin", "category": "lang", "aliases": ["odin-lang"]},
        {"id": "hammer", "name": "Hammer", "category": "tool", "aliases": ["hammer"]}
      ]})");
    auto t = Taxonomy::load(path);
    ASSERT_TRUE(t.ok()) << t.error().message;
    SkillExtractor ex(t.value());
    EXPECT_EQ(ex.extract_ids("Zig programming"), (Ids{"zig"}));
    EXPECT_EQ(ex.extract_ids("Zig and odin lang"), (Ids{"zig", "odin"}));
    EXPECT_EQ(ex.extract_ids("Zig and a hammer"), (Ids{"hammer"}));  // not a language
    EXPECT_EQ(ex.extract_ids("the Zig programming"), Ids{});         // rejected first
    EXPECT_EQ(ex.extract_ids("zig programming"), Ids{});             // case-sensitive
    EXPECT_EQ(ex.extract_ids("odin lang, then many more words, then Zig"), (Ids{"odin"}));
    EXPECT_EQ(ex.extract_ids("ZIGLANG"), (Ids{"zig"}));
    EXPECT_EQ(&ex.taxonomy(), &t.value());

    SkillExtractor moved = std::move(ex);
    EXPECT_EQ(moved.extract_ids("hammer"), (Ids{"hammer"}));
}

TEST(SkillExtractor, PluralsAndBritishSpellingsMatchWithoutBeingListed) {
    EXPECT_EQ(ids("data visualisations"), (Ids{"data-visualization"}));
    EXPECT_EQ(ids("Data Visualizations for the board"), (Ids{"data-visualization"}));
    EXPECT_EQ(ids("build visualizations"), (Ids{"data-visualization"}));
    EXPECT_EQ(ids("visualisation"), (Ids{"data-visualization"}));
    EXPECT_EQ(ids("statistical modelling and statistical modeling"), (Ids{"statistics"}));
    // A generated spelling never takes a word from another skill or from ordinary text.
    EXPECT_EQ(ids("Excels at communication"), Ids{});
}

TEST(SkillExtractor, RoleTitlesAreNotAskedSkills) {
    EXPECT_EQ(ids("Data Analyst (Excel, SQL)"), (Ids{"excel", "sql"}));
    EXPECT_EQ(ids("Data scientist wanted"), Ids{});
    EXPECT_EQ(ids("data analysis in Python"), (Ids{"data-analysis", "python"}));
    EXPECT_EQ(ids("Site Reliability Engineer. Partner with SRE on Kubernetes."), Ids{"kubernetes"});
    EXPECT_EQ(ids("SRE practices: SLOs and error budgets."), Ids{"sre"});
    EXPECT_EQ(ids("Lead GIS Analyst. Publish web maps in ArcGIS."), Ids{"arcgis"});
    EXPECT_EQ(ids("Experience with GIS and spatial analysis"), Ids{"geospatial-analysis"});
}

// A field after a role, as its specialisation, is a role too; a field that goes on is not.
// A tag line's items are whole tags: the API's lower-case slugs name their skills though the
// words alone would need their case ("r") or spell no alias ("uiux").
TEST(SkillExtractor, ATagLineItemIsReadAsATag) {
    EXPECT_EQ(ids("Forecast prices.\nSkills: tensorflow, r, uiux, python"),
              (Ids{"tensorflow", "r", "ui-ux-design", "python"}));
    EXPECT_EQ(ids("I r ok"), Ids{});
    // An item only a skill's name spells stays out: too broad as a word of a text.
    EXPECT_EQ(ids("Write a blog.\nSkills: Sales, Legal"), Ids{});
    // An item the match scan judged keeps its verdict.
    EXPECT_EQ(ids("Skills: Amazon Listing Optimization, Amazon FBA, Amazon Web Services, SEO"),
              (Ids{"ecommerce", "seo"}));
}

TEST(SkillExtractor, AliasesForEverydayVisionWork) {
    EXPECT_EQ(ids("Write the rows to a Google spreadsheet."), Ids{"google-sheets"});
    // Named data structures say which data structures are meant.
    EXPECT_EQ(ids("Common data structures like binary trees, heaps, and hash tables."),
              Ids{"data-structures-algorithms"});
    EXPECT_EQ(ids("Capture with the ZED 2 camera outdoors."), Ids{"depth-cameras"});
    EXPECT_EQ(ids("A script to detect and extract tables from scanned images."),
              Ids{"table-extraction"});
    EXPECT_EQ(ids("Make harvest estimates by counting plants in multi-spectrum photos."),
              (Ids{"crowd-counting", "hyperspectral-imaging"}));
    EXPECT_EQ(ids("Analyse drone imagery of the fields."), Ids{"remote-sensing"});
}

// A compiler has a front end and a back end too.
TEST(SkillExtractor, AliasesForModelWorkAndMicrosoftIdentity) {
    EXPECT_EQ(ids("Experience training and evaluating models."), Ids{"model-evaluation"});
    // The stages of model work listed with commas, benchmarking models and judging a model's
    // performance name its evaluation; a performance evaluation elsewhere is a review.
    EXPECT_EQ(ids("Experience training, evaluating, testing, and deploying models."),
              (Ids{"model-evaluation", "model-serving"}));
    EXPECT_EQ(ids("Data cleaning, model benchmarking, validation and deployment."),
              (Ids{"data-cleaning", "model-evaluation", "model-serving"}));
    EXPECT_EQ(ids("Experience with data preprocessing, model training, and performance "
                  "evaluation."),
              (Ids{"data-cleaning", "model-evaluation"}));
    EXPECT_EQ(ids("Take part in the yearly performance evaluation."), Ids{});
    EXPECT_EQ(ids("Optimize models for production throughput."), Ids{"model-optimization"});
    EXPECT_EQ(ids("Manage users in Azure Active Directory."), Ids{"identity-access"});
    EXPECT_EQ(ids("Configure Azure ExpressRoute circuits."), Ids{"azure"});
    EXPECT_EQ(ids("Azure Network, Azure AD, Express route, Compute"),
              (Ids{"azure", "identity-access"}));
    // "Ember" is the framework beside other web tools, a name elsewhere.
    EXPECT_EQ(ids("Migrate the code from Ember to React."), (Ids{"ember", "react"}));
    EXPECT_EQ(ids("Ember is our client."), Ids{});
    EXPECT_EQ(ids("Write unit, integration, and load tests as necessary."),
              (Ids{"unit-testing", "load-testing"}));
    EXPECT_EQ(ids("A passion for building systems software."), Ids{"systems-programming"});
    EXPECT_EQ(ids("Pairing sessions and code reviews every week."),
              (Ids{"pair-programming", "code-review"}));
    EXPECT_EQ(ids("Own the full ML development lifecycle."), Ids{"mlops"});
    EXPECT_EQ(ids("Fine-tune voice models for clarity."), Ids{"fine-tuning"});
    EXPECT_EQ(ids("We fine-tune our business processes."), Ids{});
    EXPECT_EQ(ids("Measure and optimize system performance."), Ids{"performance-optimization"});
    EXPECT_EQ(ids("Azure Security Center alerts."), (Ids{"cloud-security"}));
    EXPECT_EQ(ids("A model that can resize images and clean the background."),
              (Ids{"image-processing", "background-removal"}));
}

// An alias that opens with a verb of an action matches the verb's other forms.
TEST(SkillExtractor, AnActionsAliasMatchesEveryFormOfItsVerb) {
    EXPECT_EQ(ids("Optimizing application performance and responsiveness."),
              Ids{"performance-optimization"});
    EXPECT_EQ(ids("The model detected defects on the line."), Ids{"visual-inspection"});
    EXPECT_EQ(ids("Experience classifying images."), Ids{"image-classification"});
    // A verb that opens noun compounds too is left as written: "designing systems" is no
    // design system.
    EXPECT_EQ(ids("Designing systems that scale."), Ids{});
    // Nor does a bare "optimize performance", which readers seldom label in its other forms.
    EXPECT_EQ(ids("Continuously optimizing performance."), Ids{});
}

TEST(SkillExtractor, ACompilersFrontAndBackEndAreNoWebWork) {
    EXPECT_EQ(ids("Projects such as a front-end compiler, back-end code generation."), Ids{});
    EXPECT_EQ(ids("Help develop the compiler backend."), Ids{});
    EXPECT_EQ(ids("Build the frontend and the backend."), (Ids{"frontend", "backend"}));
}

TEST(SkillExtractor, ARolesSpecialisationIsARole) {
    EXPECT_EQ(ids("Senior Software Engineer, Backend - Zeebe\nYou will join the team."), Ids{});
    EXPECT_EQ(ids("Senior Staff Software Engineer (Java/Backend)\nAbout us"), Ids{"java"});
    EXPECT_EQ(ids("Sr Software Engineer - Frontend"), Ids{});
    EXPECT_EQ(ids("We need a developer, backend experience a plus."), Ids{"backend"});
    EXPECT_EQ(ids("Software Engineer (Backend)\nBuild the backend in Go."), (Ids{"backend", "go"}));
}

// A tool named like a company — hiring, or owning a team or customers — is the employer: its
// product is not an asked skill anywhere in the text.
TEST(SkillExtractor, TheEmployersOwnProductIsNotAnAskedSkill) {
    EXPECT_EQ(
        ids("Snowflake is looking for engineers. Integrate Apache Iceberg with Snowflake in Java."),
        (Ids{"lakehouse-table-formats", "java"}));
    EXPECT_EQ(ids("Plan the growth of GitLab's infrastructure with Terraform. Use GitLab daily."),
              Ids{"terraform"});
    EXPECT_EQ(ids("Load data into Snowflake with dbt."), (Ids{"snowflake", "dbt"}));
    EXPECT_EQ(ids("Ship native iOS & Android builds."), (Ids{"ios", "android"}));
    // Its own staff: "Stripe employees" are the employer's.
    EXPECT_EQ(ids("Ensure Stripe employees use trusted data. Extend the Stripe API with Go."),
              Ids{"go"});
}

// A tool a sentence calls a company ("Supabase is an open-source company") is the employer too;
// a tool that is only the company's ("the company's main database") stays asked.
TEST(SkillExtractor, AToolCalledACompanyIsTheEmployer) {
    EXPECT_EQ(ids("Senior API Engineer\nSupabase is an open-source and fully remote company. "
                  "Every product in the Supabase stack uses TypeScript."),
              Ids{"typescript"});
    EXPECT_EQ(ids("PostgreSQL is the company's main database."), Ids{"postgresql"});
    EXPECT_EQ(ids("Docker is a platform we use daily."), Ids{"docker"});
}

// A company heading may end in a question mark: "Our mission? Making banking easy" opens the
// company's pitch like "Our mission:".
TEST(SkillExtractor, ACompanyHeadingMayEndInAQuestionMark) {
    EXPECT_EQ(ids("Frontend Engineer\nOur mission? Making banking easy with invoicing, bookkeeping "
                  "and 24/7 customer support.\n\nYour missions\nAs an engineer, you will "
                  "migrate the app to React."),
              Ids{"react"});
    EXPECT_EQ(ids("Why bookkeeping? Because we must."), Ids{"accounting"});
}

// A guild is a team of colleagues: "our Frontend guild" names no front-end work; generalists
// are a role like engineers.
TEST(SkillExtractor, AGuildIsATeam) {
    EXPECT_EQ(ids("This role suits full-stack generalists who like Go."), Ids{"go"});
    EXPECT_EQ(ids("Agents such as a Customer Support Assistant."), Ids{});
    EXPECT_EQ(ids("Qonto is expanding its Frontend guild to ship faster in React."), Ids{"react"});
    EXPECT_EQ(ids("Join the QA and DevOps guilds."), Ids{});
}

// What the employer makes, listed after "our portfolio includes" or "the team behind", is
// its product line; a stack that includes tools is still asked.
TEST(SkillExtractor, TheEmployersProductListIsNotAskedSkills) {
    EXPECT_EQ(ids("Our portfolio includes Microsoft Fabric, Azure SQL DB, Azure Cosmos DB and "
                  "Power BI. You will write C# and Python."),
              (Ids{"csharp", "python"}));
    EXPECT_EQ(ids("We're the team behind Stable Diffusion and FLUX.1. You know PyTorch."),
              Ids{"pytorch"});
    EXPECT_EQ(ids("Our stack includes Python and Django."), (Ids{"python", "django"}));
    // The employer's products with examples in brackets or after "such as" (set 75).
    EXPECT_EQ(ids("Accept payments across our existing products (ChatGPT, ChatGPT for Teams). "
                  "You will write Python."),
              Ids{"python"});
    EXPECT_EQ(ids("We power products such as ChatGPT and the OpenAI API. You will write Go."),
              Ids{"go"});
    EXPECT_EQ(ids("Build products such as chatbots with the OpenAI API."),
              (Ids{"chatbots", "openai-api"}));
}

// Finding the root cause of a production incident is incident response; of a bug, it is not.
TEST(SkillExtractor, RootCauseAnalysisOfIncidentsButNotOfBugs) {
    EXPECT_EQ(ids("Lead root cause analysis of production incidents."), Ids{"incident-response"});
    EXPECT_EQ(ids("Investigate bugs and do root cause analysis across layers."), Ids{});
}

TEST(SkillExtractor, AFieldOfStudyIsNotAnAskedSkill) {
    EXPECT_EQ(ids("Degree in data science or statistics required."), Ids{});
    // A longer aside between the degree and its "in", and fields listed after a colon.
    EXPECT_EQ(ids("Advanced degree (Master's or Ph.D.) in CS/Statistics/Data Science."), Ids{});
    EXPECT_EQ(ids("Bachelors' or above in quantitative discipline: Statistics, Applied "
                  "Mathematics, Economics"),
              Ids{});
    EXPECT_EQ(ids("Bachelor's in Statistics, Mathematics or a related field; Python daily."),
              (Ids{"python"}));
    EXPECT_EQ(ids("MSc in computer vision; 3 years of OpenCV"), (Ids{"opencv"}));
    EXPECT_EQ(ids("Bachelor's degree in Computer Science, Statistics or Mathematics"), Ids{});
    EXPECT_EQ(ids("Degree in Physics and experience with Python"), (Ids{"python"}));
    // A degree programme too; "a program in Python" is code.
    EXPECT_EQ(ids("Enrolled in a Bachelor's or Master's program in Computer Science, Data "
                  "Science, Engineering, AI, or a related field"),
              Ids{});
    EXPECT_EQ(ids("Write a program in Python."), Ids{"python"});
    // Lower-case fields in the list, and "Ph.D" without its last dot.
    EXPECT_EQ(ids("University degree in computer science, engineering, mathematics or related "
                  "fields."),
              Ids{});
    EXPECT_EQ(ids("M.S or Ph.D in Computer Science, Statistics, Mathematics, or other "
                  "quantitative fields."),
              Ids{});
    EXPECT_EQ(ids("A degree in computer science, or 5 years experience, and Python."),
              Ids{"python"});
    EXPECT_EQ(ids("Degree in physics; strong statistics and Python skills."),
              (Ids{"statistics", "python"}));
    EXPECT_EQ(ids("Major course work in Geographic Information Systems (GIS) or Geography."),
              Ids{});
    EXPECT_EQ(ids("statistics in R"), (Ids{"statistics", "r"}));
    EXPECT_EQ(ids("Master's degree (or equivalent) in Computer Science, Data Science or a "
                  "related discipline."),
              Ids{});
    EXPECT_EQ(ids("a quantitative subject such as Economics/Mathematics"), Ids{});
    EXPECT_EQ(ids("Ph.D. in a quantitative field (e.g., Computer Science, Statistics, "
                  "Mathematics, or related fields)."),
              Ids{});
    // Fields of work are not fields of study: "learn fast in fields such as Computer Vision".
    EXPECT_EQ(ids("The ability to learn fast (in fields such as Computer Vision, Data Science)."),
              (Ids{"computer-vision", "data-science"}));
    EXPECT_EQ(ids("Master's degree or higher in Data Science, Robotics, Physics, or related "
                  "fields; PyTorch."),
              Ids{"pytorch"});
    EXPECT_EQ(ids("Tuning (and retraining) in PyTorch"), Ids{"pytorch"});
    // The quantitative field's list in brackets without "e.g.", and "Bachelors or more in".
    EXPECT_EQ(ids("PhD in a quantitative field (Statistics, Economics, Operations Research, or "
                  "related)."),
              Ids{});
    EXPECT_EQ(ids("Bachelors or more in Robotics, Physics, Computer Science."), Ids{});
    EXPECT_EQ(ids("A degree in a quantitative discipline (Engineering, Statistics, Operations "
                  "Research, etc.)."),
              Ids{});
    // A relevant, related or technical field, or a STEM discipline, with examples (sets 64, 68,
    // 75).
    EXPECT_EQ(ids("Bachelor's degree in a relevant field (e.g., Data Science, Business "
                  "Analytics, Statistics)."),
              Ids{});
    EXPECT_EQ(ids("Bachelor's degree in a technical field (e.g., Computer Science, Engineering, "
                  "Mathematics)."),
              Ids{});
    EXPECT_EQ(ids("a degree in a STEM discipline (science, technology, engineering, and "
                  "mathematics)"),
              Ids{});
    // A degree's focus, areas of study after a colon, and courses taken (set 80).
    EXPECT_EQ(ids("Bachelor's degree with a focus in data management, information security."),
              Ids{});
    EXPECT_EQ(ids("Pursuing a degree in one of the following areas of study: Data Science, Data "
                  "Analytics, Electrical Engineering."),
              Ids{});
    EXPECT_EQ(ids("Graduate-level courses in Data Science, Statistics, or a related field."),
              Ids{});
    // An institution's name (set 81's academic postings); a group is a team, whose field is
    // no asked skill.
    EXPECT_EQ(ids("You will be based at the Institute of Artificial Intelligence in Vienna."),
              Ids{});
    EXPECT_EQ(ids("Join the Section for Visual Computing at DTU."), Ids{});
    EXPECT_EQ(ids("Work with the computer vision group on deep learning."), Ids{"deep-learning"});
}

TEST(SkillExtractor, AWordThatNeededItsContextConfirmsNoOther) {
    // "in Spark" would confirm Apache Spark, which then confirmed "Go" in "Go-Karts".
    EXPECT_EQ(ids("Our office is in Spark Street, near the Go-Karts track."), Ids{});
    EXPECT_EQ(ids("Spark and Go"), Ids{});
    // A word that needs no context still confirms its neighbours.
    EXPECT_EQ(ids("Python, R and Go"), (Ids{"python", "r", "go"}));
}

TEST(SkillExtractor, TheIamHandwritingDatasetIsNoAccessManagement) {
    EXPECT_EQ(ids("Train on the NIST Special 19 and/or the IAM Handwriting dataset."), Ids{});
    EXPECT_EQ(ids("Experience with IAM, audits and access reviews."), Ids{"identity-access"});
}

TEST(SkillExtractor, ACvEngineerIsComputerVisionButAnEnclosedCvIsNot) {
    EXPECT_EQ(ids("Looking for a CV engineer"), (Ids{"computer-vision"}));
    EXPECT_EQ(ids("Please include a CV with your application"), Ids{});
    EXPECT_EQ(ids("Send a CV"), Ids{});
}

// Building a web app is web development; a web app that merely exists is not, and the words
// it starts keep their own skills ("web application security").
TEST(SkillExtractor, BuildingAWebAppIsWebDevelopment) {
    EXPECT_EQ(ids("Help me code a simple web app."), Ids{"web-development"});
    EXPECT_EQ(ids("Our web app is used by 10,000 clinics."), Ids{});
    EXPECT_EQ(ids("Web application security is a plus."), Ids{"cybersecurity"});
}

// "ORM" is object-relational mapping beside databases, and online reputation management
// elsewhere (no skill of the taxonomy).
TEST(SkillExtractor, OrmBesideDatabasesOnly) {
    EXPECT_EQ(ids("Using an ORM such as Sequelize for database queries."), (Ids{"orm", "typeorm"}));
    EXPECT_EQ(ids("ORM specialist to manage our online reviews."), Ids{});
}

// Cleaning is data cleaning only with data in reach; clean code and clean designs are not.
TEST(SkillExtractor, CleaningDataButNotCleanCode) {
    EXPECT_EQ(ids("Collect, clean, and organize large datasets."), Ids{"data-cleaning"});
    EXPECT_EQ(ids("Help clean up our membership data."), Ids{"data-cleaning"});
    EXPECT_EQ(ids("A clean and modern design for our data app."), Ids{});
    EXPECT_EQ(ids("Preparation of clean product data for the catalog."), Ids{});
    // Preprocessing data is preparing it (readers label it so: 17 of 22 development and test
    // texts); "Zoho Data Prep" is a product, so the short form is no alias.
    EXPECT_EQ(ids("Strong knowledge of data preprocessing and data pre-processing."),
              Ids{"data-cleaning"});
    EXPECT_EQ(ids("Use Zoho Data Prep."), Ids{"crm"});
}

// Analysing is data analysis when data is what is analysed.
TEST(SkillExtractor, AnalysingDataIsDataAnalysis) {
    EXPECT_EQ(ids("You will be analyzing sales data."), Ids{"data-analysis"});
    EXPECT_EQ(ids("Analyze requirements and write code."), Ids{});
    // What is analysed may stand four words on ("voter files, campaign metrics"); ad hoc and
    // deep-dive analyses are an analyst's work (readers label them; 5 of 7 changed texts).
    EXPECT_EQ(ids("Maintain and analyze voter files, campaign metrics and polls."),
              Ids{"data-analysis"});
    EXPECT_EQ(ids("Conduct deep-dive ad hoc analyses for the business."), Ids{"data-analysis"});
    EXPECT_EQ(ids("Analyze problems and opportunities with the team and partners."), Ids{});
}

// Translating between languages is translation; translating requirements into solutions is not.
TEST(SkillExtractor, TranslatingLanguagesOnly) {
    EXPECT_EQ(ids("Translate our website from English to Spanish."), Ids{"translation"});
    EXPECT_EQ(ids("Translate business requirements into technical solutions."), Ids{});
    // "Language" in the singular is a manner of speaking: plain language, a design language, the
    // language of a field (sets 42 and 66). Languages in the plural are what is translated.
    EXPECT_EQ(ids("Translate technical constraints into plain language."), Ids{});
    EXPECT_EQ(ids("Translating between the language of generative AI and chemists."),
              Ids{"generative-ai"});
    EXPECT_EQ(ids("Tools we use to translate the web app into 40+ languages."), Ids{"translation"});
}

// Trades of everyday gigs beyond software, as clients write them; the work's material (drone
// footage to analyse, a company's own business plan) is not the trade.
TEST(SkillExtractor, EverydayTradesAsGigsWriteThem) {
    EXPECT_EQ(ids("Set up cPanel hosting and migrate my website."), Ids{"web-hosting"});
    EXPECT_EQ(ids("Create tech packs for our clothing line."), Ids{"fashion-design"});
    EXPECT_EQ(ids("Draw floor plans and elevation drawings for a permit."),
              Ids{"architectural-drafting"});
    EXPECT_EQ(ids("Space planning and home staging for a small apartment."),
              Ids{"interior-design"});
    EXPECT_EQ(ids("Build a sales funnel in ClickFunnels."), Ids{"sales-funnels"});
    EXPECT_EQ(ids("CNC programming in Mastercam."), Ids{"cnc-machining"});
    EXPECT_EQ(ids("Write a business plan for a bakery."), Ids{"business-plans"});
    EXPECT_EQ(ids("Videography for a wedding."), Ids{"video-production"});
    EXPECT_EQ(ids("Track sales against the business plan."), Ids{});
    EXPECT_EQ(ids("Object tracking on drone footage."), (Ids{"object-tracking", "drones"}));
    EXPECT_EQ(ids("HVAC design and shop drawings for a restaurant."),
              (Ids{"mep-design", "architectural-drafting"}));
    // Airflow through a duct is no Apache Airflow; beside other tools, or capitalised, it is.
    EXPECT_EQ(ids("The duct system must give proper airflow and efficiency."), Ids{});
    EXPECT_EQ(ids("python, airflow, dbt"), (Ids{"python", "airflow", "dbt"}));
    EXPECT_EQ(ids("Our pipelines run in Airflow."), Ids{"airflow"});
    // Product names that are also words count beside what they are used for.
    EXPECT_EQ(ids("Integrate Clerk as the authentication provider."), Ids{"auth0"});
    EXPECT_EQ(ids("Data Entry Clerk needed."), Ids{"data-entry"});
    EXPECT_EQ(ids("React Native (preferably with Expo)."), (Ids{"react-native", "expo"}));
    EXPECT_EQ(ids("Design our booth for the trade Expo."), Ids{});
    EXPECT_EQ(ids("Event tracking via GTM/GA4."),
              (Ids{"product-analytics", "google-tag-manager", "google-analytics"}));
    EXPECT_EQ(ids("A GTM strategy for our launch."), Ids{"go-to-market"});
    // A messaging app is the skill where the work builds on it, not where it is how to reach
    // the client.
    EXPECT_EQ(ids("Lead capture from the website, WhatsApp and Instagram, with follow-up "
                  "automation."),
              Ids{"whatsapp-api"});
    EXPECT_EQ(ids("Contact me on WhatsApp about this Python job."), Ids{"python"});
    EXPECT_EQ(ids("Send real-time alerts to Telegram."), Ids{"telegram-bots"});
    EXPECT_EQ(ids("Excel VBA with Outlook integration."), (Ids{"vba", "microsoft-365"}));
    EXPECT_EQ(ids("The market Outlook is positive."), Ids{});
    EXPECT_EQ(ids("De-duplicate records and map fields correctly."), Ids{"data-mapping"});
    EXPECT_EQ(ids("Sync QBO estimates to Google Sheets."), (Ids{"accounting", "google-sheets"}));
    EXPECT_EQ(ids("Run cold email in Smartlead or lemlist."), Ids{"lead-generation"});
    EXPECT_EQ(ids("Microsoft SQL Server Reporting Services, Microsoft SQL Server Integration "
                  "Services."),
              (Ids{"ssrs", "ssis"}));
    EXPECT_EQ(ids("A dashboard that pulls call statistics from the Dialpad API."),
              (Ids{"dashboards", "cloud-telephony"}));
    EXPECT_EQ(ids("An Access front-end to a SQL Express DB."), (Ids{"frontend", "sql-server"}));
    EXPECT_EQ(ids("Managing ADFS (Microsoft Active Directory Federation Services)."),
              Ids{"identity-access"});
    EXPECT_EQ(ids("Networking protocols, load balancing and firewall rules."),
              (Ids{"networking", "traefik"}));
    EXPECT_EQ(ids("We need scrapping of casino results."), Ids{"web-scraping"});
    EXPECT_EQ(ids("We are scrapping the old design."), Ids{});
    EXPECT_EQ(ids("Test our GPT-4o API implementation."), Ids{"openai-api"});
    // A sales funnel to build is the trade; one whose metrics are analysed is data analysis.
    EXPECT_EQ(ids("Build a high-converting sales funnel with upsells."), Ids{"sales-funnels"});
    EXPECT_EQ(ids("Analyze the sales funnel metrics."), Ids{"data-analysis"});
    EXPECT_EQ(ids("Skills: ChatGPT, Claude, Gemini."), (Ids{"gpt-models", "claude", "gemini"}));
    EXPECT_EQ(ids("Born under Gemini, she loves travel."), Ids{});
    EXPECT_EQ(ids("NLU and intent recognition."), (Ids{"nlp", "text-classification"}));
    // Data structures are the computer-science subject beside programming, not a data model.
    EXPECT_EQ(ids("Strong knowledge of C++ and data structures."),
              (Ids{"cpp", "data-structures-algorithms"}));
    EXPECT_EQ(ids("Strong attention to data structure and naming conventions."), Ids{});
    EXPECT_EQ(ids("Upload Excel files or link a Google Drive for data input."),
              (Ids{"excel", "google-workspace"}));
    // "Amazon Web Services" tagged on an Amazon seller's gig is the marketplace, not the cloud.
    EXPECT_EQ(ids("Skills: Amazon Listing Optimization, Amazon FBA, Amazon Web Services, SEO"),
              (Ids{"ecommerce", "seo"}));
    EXPECT_EQ(ids("We host the app on Amazon Web Services."), Ids{"aws"});
    EXPECT_EQ(ids("Strong understanding of version control systems."), Ids{});
    EXPECT_EQ(ids("Download videos and generate transcripts."), Ids{"transcription"});
    EXPECT_EQ(ids("Help them making graphs for publications."), Ids{"data-visualization"});
    // Azure's services under their Microsoft names are the services, not Azure plus a word.
    EXPECT_EQ(ids("Skills: Microsoft Azure SQL Database, Microsoft Azure Data Factory"),
              (Ids{"azure-sql", "azure-data-factory"}));
    EXPECT_EQ(ids("AWS services including EC2, S3 and RDS."),
              (Ids{"aws", "aws-ec2", "aws-s3", "aws-rds"}));
    EXPECT_EQ(ids("Delphi and Firebird SQL."), (Ids{"delphi", "firebird"}));
    EXPECT_EQ(ids("The Firebird rose from the ashes."), Ids{});
    EXPECT_EQ(ids("Work behind rotating proxies and handle CAPTCHA challenges."),
              (Ids{"web-scraping-tools"}));
    EXPECT_EQ(ids("Set up the DNS records and buy a domain."), (Ids{"networking", "web-hosting"}));
    EXPECT_EQ(ids("Configure the VPC and subnets."), Ids{"networking"});
    // Typeform builds forms, not market research; spreadsheets are no particular product.
    EXPECT_EQ(ids("Build a Typeform with branching logic."), Ids{"online-forms"});
    EXPECT_EQ(ids("Collect documents, spreadsheets and presentations."), Ids{});
}

// A landing page to be made is web design; one that ads point at is not.
TEST(SkillExtractor, MakingALandingPageIsWebDesign) {
    EXPECT_EQ(ids("New landing page needed for a martial arts school."), Ids{"web-design"});
    EXPECT_EQ(ids("Drive traffic to our landing pages."), Ids{});
    EXPECT_EQ(ids("Modernize and redesign website."), Ids{"web-design"});
}

// "No ChatGPT answers" is a rule for the proposal, not an asked skill; Amazon's own service
// names ("AWS DynamoDB") are the service, the most specific skill.
TEST(SkillExtractor, ProposalRulesAndServiceNames) {
    EXPECT_EQ(ids("Please don't send ChatGPT answers."), Ids{});
    EXPECT_EQ(ids("Integrate ChatGPT into our support flow."), Ids{"gpt-models"});
    EXPECT_EQ(ids("Expertise in AWS DynamoDB and Cognito."), (Ids{"dynamodb", "auth0"}));
}

TEST(SkillExtractor, ExcelInAnyCaseButNotTheVerb) {
    EXPECT_EQ(ids("Advanced EXCEL"), (Ids{"excel"}));
    EXPECT_EQ(ids("excel and SQL reports"), (Ids{"excel", "sql", "reporting"}));
    EXPECT_EQ(ids("Word and Excel"), (Ids{"excel"}));
    EXPECT_EQ(ids("you will excel at this"), Ids{});
    EXPECT_EQ(ids("people who excel in teams"), Ids{});
}

// "Statistics" is also the plural of a statistic: figures shown or quoted, not the discipline.
TEST(SkillExtractor, StatisticsAsFiguresIsNotTheDiscipline) {
    EXPECT_EQ(ids("Statistics show that most users leave"), Ids{});
    EXPECT_EQ(ids("display player statistics on the stats page"), Ids{});
    EXPECT_EQ(ids("statistics of the website"), Ids{});
    EXPECT_EQ(ids("a strong background in statistics"), (Ids{"statistics"}));
    EXPECT_EQ(ids("run t-tests and ANOVA on survey data"), (Ids{"statistics"}));
}

// "Regression" alone is a statistical method or a bug that came back: it needs a statistical
// neighbour, and testing words nearby reject it.
TEST(SkillExtractor, RegressionNeedsAStatisticalNeighbourAndNoTestingOne) {
    EXPECT_EQ(ids("statistical analysis in R (regression, mixed models)"),
              (Ids{"statistics", "r", "regression-analysis"}));
    EXPECT_EQ(ids("run regression on the survey dataset"), (Ids{"regression-analysis"}));
    // (Regression and smoke testing are quality assurance, not regression analysis.)
    EXPECT_EQ(ids("Run regression and smoke testing before each release"),
              Ids{"quality-assurance"});
    EXPECT_EQ(ids("a regression in the checkout flow"), Ids{});
}

TEST(SkillExtractor, ReportingAsWorkButNotReportingToSomeone) {
    EXPECT_EQ(ids("weekly sales reporting in Excel"), (Ids{"reporting", "excel"}));
    EXPECT_EQ(ids("Reporting and dashboards for the finance team"),
              (Ids{"reporting", "dashboards"}));
    EXPECT_EQ(ids("You will be reporting to the CEO"), Ids{});
    EXPECT_EQ(ids("bug reporting and triage"), Ids{});
    // Reporting is the work of reports from data: near data, metrics, finance or a BI tool.
    EXPECT_EQ(ids("Keep the inventory history for reporting purposes."), Ids{});
    EXPECT_EQ(ids("Support donor reporting and learning."), Ids{});
    // Reports beside dashboards are the reporting work, and the dashboards are named too.
    EXPECT_EQ(ids("Maintain Power BI dashboards and reports."),
              (Ids{"power-bi", "dashboards", "reporting"}));
    EXPECT_EQ(ids("Build reports & dashboards."), (Ids{"reporting", "dashboards"}));
    EXPECT_EQ(ids("Send weekly reports to the client."), Ids{});
    // A report of the job's own findings is what it delivers, not reporting work.
    EXPECT_EQ(ids("Deliverables: a final report with analysis and recommendations."), Ids{});
    EXPECT_EQ(ids("Create a detailed report summarizing the results."), Ids{});
    EXPECT_EQ(ids("Build the sales report from the SQL data."), (Ids{"reporting", "sql"}));
}

// "At <Name>, we …" names the company; a skill word inside the name is none, wherever the name
// stands. A possessive before the company's own things (its equity plan) names the employer.
TEST(SkillExtractor, TheCompanysNameAndPossessionsAreNotAskedSkills) {
    EXPECT_EQ(ids("Lead Engineer At Serve Robotics, we're reimagining delivery. Serve Robotics "
                  "builds robots. Requirements: Python."),
              Ids{"python"});
    EXPECT_EQ(ids("At Collaborative Robotics, the on-robot software is key. Python."),
              Ids{"python"});
    EXPECT_EQ(ids("At Google, we use Python."), Ids{"python"});
    EXPECT_EQ(ids("At first, robotics work; later Python."), (Ids{"robotics", "python"}));
    EXPECT_EQ(ids("Join Cloudflare's equity plan. Cloudflare offers benefits. You know Rust."),
              Ids{"rust"});
    EXPECT_EQ(ids("Configure Cloudflare for our sites."), Ids{"cloudflare"});
    // A product of a category that is no tool's (design, business) may be the employer too.
    EXPECT_EQ(ids("Data Scientist\nFigma is growing our team.\nWhat you'll do\nOwn the data "
                  "behind Figma's financial reporting in SQL."),
              (Ids{"reporting", "sql"}));
    EXPECT_EQ(ids("Design mockups in Figma."), (Ids{"ui-ux-design", "figma"}));
}

// "Why Acme?" and "Who is Acme?" open the company's pitch like "About Acme", and the name they
// give is the company's wherever it stands: "Cast AI" names no AI work.
TEST(SkillExtractor, AQuestionHeadingOpensTheCompanysPitchAndNamesIt) {
    // "What is <product>?" introduces the employer's product: it is no asked skill anywhere.
    EXPECT_EQ(ids("What is Grafana Cloud? Grafana Cloud is our platform, built on Grafana. You "
                  "will write Go."),
              Ids{"go"});
    EXPECT_EQ(ids("What is needed? Grafana dashboards."), (Ids{"grafana", "dashboards"}));
    EXPECT_EQ(ids("Senior Engineer - Why Cast AI?Cast AI is an automation platform for cloud "
                  "cost. Requirements: Go and Kubernetes."),
              (Ids{"go", "kubernetes"}));
    EXPECT_EQ(ids("Who is Boulevard? Boulevard provides a platform with reporting and machine "
                  "learning. Requirements: SQL."),
              Ids{"sql"});
    // A question that is no heading: "Why" before lower-case words.
    EXPECT_EQ(ids("Why does machine learning matter? Because of data."), Ids{"machine-learning"});
}

// The pitch ends where the text turns to the hire, under no heading the scan knows.
TEST(SkillExtractor, TheCompanysPitchEndsWhereTheTextSpeaksToTheHire) {
    EXPECT_EQ(ids("About Acme: we automate machine learning for banks. HOW YOU'LL MAKE AN "
                  "IMPACT: you will lead code reviews."),
              Ids{"code-review"});
    EXPECT_EQ(ids("About Acme: we automate machine learning for banks. You\u2019ll lead code "
                  "reviews."),
              Ids{"code-review"});
    // So does the employer's own turn to the hire: "we are looking for", "we're hiring".
    for (const char* turn : {"We are looking for", "We\u2019re hiring", "We're seeking"}) {
        EXPECT_EQ(ids(std::string("Who We Are\n\nWe build delivery robots with robotics and "
                                  "machine learning.\n\n") +
                      turn + " an engineer to own data engineering and MLOps."),
                  (Ids{"data-engineering", "mlops"}))
            << turn;
    }
    EXPECT_EQ(ids("ABOUT US\nAcme Media is an Italian marketing agency. We need to finish a video "
                  "generation workflow."),
              Ids{"video-generation"});
    // A gig's project headings are the job's.
    EXPECT_EQ(ids("Company Overview:\nWe sell prefabricated houses.\nProject Scope:\nAn "
                  "AI-powered product recommendation system and marketing automation."),
              (Ids{"recommender-systems", "marketing-automation"}));
    EXPECT_EQ(ids("About Acme\nWe sell houses.\nWhat Will You Be Doing\n- Own our data "
                  "engineering and MLOps."),
              (Ids{"data-engineering", "mlops"}));
    // A benefits section stays the company's.
    EXPECT_EQ(ids("Benefits: you will get machine learning courses."), Ids{});
}

// A feed that escaped its line breaks twice sends the two characters "\n": a heading after
// them still starts a line.
TEST(SkillExtractor, AnEscapedLineBreakStartsAHeading) {
    EXPECT_EQ(ids("Our Vision: a blockchain exchange for all. \\n Job description - Monitor "
                  "Web3 trends."),
              Ids{"blockchain"});
}

TEST(SkillExtractor, ClientsInvestorsAndIndustriesListedAreNotSkills) {
    EXPECT_EQ(ids("Our client roster includes Google, Stripe, Figma, and Hinge. You will retouch "
                  "in Photoshop."),
              Ids{"photoshop"});
    EXPECT_EQ(ids("backed by investors like Founders Fund, Stripe and others"), Ids{});
    EXPECT_EQ(ids("Quantum will redefine industries like finance, artificial intelligence, "
                  "machine learning and cryptography."),
              Ids{});
    EXPECT_EQ(ids("Create lasting impact in fields as diverse as cybersecurity, healthcare and "
                  "aviation."),
              Ids{});
    // The list ends where the sentence speaks of the job.
    EXPECT_EQ(ids("Clients include Nike and you will build dashboards in Tableau"),
              (Ids{"dashboards", "tableau"}));
    // ... or with its line, when it goes on on the phrase's own line (bullets have no full
    // stops); one the phrase opens at a line's end runs on over the lines below.
    EXPECT_EQ(ids("- Scale a platform trusted by leaders in the industry\n- Build it with Go, "
                  "Python or TypeScript"),
              (Ids{"go", "python", "typescript"}));
    EXPECT_EQ(ids("Trusted by:\n- Stripe\n- Shopify"), Ids{});
    EXPECT_EQ(ids("Teams rely on our tools at companies including OpenAI and Lyft. You know "
                  "Python."),
              Ids{"python"});
    EXPECT_EQ(ids("Backed by Notion Capital."), Ids{});
    // What the employer sells, and competitors.
    EXPECT_EQ(ids("We sell AI voice agents to service businesses. You will use Python."),
              Ids{"python"});
    EXPECT_EQ(ids("An ERP app to replace legacy giants like SAP and Oracle. You will write Go."),
              (Ids{"erp", "go"}));
    EXPECT_EQ(ids("We serve global leaders including Adobe, PayPal and Splunk. You will use Go."),
              Ids{"go"});
}

TEST(SkillExtractor, AFieldBeforeACompanyNounIsATrade) {
    EXPECT_EQ(ids("one of the top game development studios; you will write C++"), Ids{"cpp"});
    EXPECT_EQ(ids("a leader in the EDA industry"), Ids{});
    EXPECT_EQ(ids("a major player in the computer vision space"), Ids{});
    EXPECT_EQ(ids("Customer support, ideally in an e-commerce environment."),
              Ids{"customer-support"});
    EXPECT_EQ(ids("game development in Unity"), (Ids{"game-development", "unity"}));
    // The client's own trade, told of themselves.
    EXPECT_EQ(ids("I'm a longtime eCommerce entrepreneur and need an app."), Ids{});
    EXPECT_EQ(ids("Build an eCommerce store for our merchants."), Ids{"ecommerce"});
    // E-commerce is work when a store, a site, its operations or a shop system go with it;
    // alone it is the trade a company is in (readers label it in 3 of 31 development texts).
    EXPECT_EQ(ids("Implement business logic for the core part of our e-commerce platform."), Ids{});
    EXPECT_EQ(ids("Machine Learning Platform for E-Commerce"), Ids{"machine-learning"});
    EXPECT_EQ(ids("Support our ecommerce pricing operations."), Ids{"ecommerce"});
    EXPECT_EQ(ids("Build a fully functional e-commerce website using WordPress."),
              (Ids{"ecommerce", "wordpress"}));
}

// In a gig where people train or judge AI, AI is the subject matter, not an asked skill; a
// machine-learning tool makes it machine-learning work again. The other fields it names are
// asked as anywhere else.
TEST(SkillExtractor, AiThatPeopleTrainOrJudgeIsNotAnAskedSkill) {
    EXPECT_EQ(ids("Help train AI models to become better writers. Rank responses produced by an "
                  "AI model. Machine learning knowledge is a plus."),
              Ids{"machine-learning"});
    EXPECT_EQ(ids("Physics AI Rater. Score the answers it writes; you have used large "
                  "language models a lot."),
              Ids{"llm"});
    EXPECT_EQ(ids("Make voice calls with an AI agent and rate how well it listens."), Ids{});
    // The other machine-learning fields such a gig names are what is judged, unless words near
    // one ask for it.
    EXPECT_EQ(ids("Chat with an AI assistant and rank its answers. The work trains "
                  "conversational AI systems and generative AI models. Data labeling experience "
                  "is a plus; familiarity with LLMs helps."),
              (Ids{"data-labeling", "llm"}));
    // The large language models such a gig trains are named as asked, as readers label them.
    EXPECT_EQ(ids("Rank responses produced by an AI model. Your work trains large language "
                  "models to write better code."),
              Ids{"llm"});
    // Training AI models is also what an ML engineer does.
    EXPECT_EQ(ids("Help train AI models for medical imaging."),
              (Ids{"artificial-intelligence", "medical-imaging"}));
    EXPECT_EQ(ids("You will train AI models with PyTorch."),
              (Ids{"artificial-intelligence", "pytorch"}));
    EXPECT_EQ(ids("Experience with machine learning and AI is required."),
              (Ids{"machine-learning", "artificial-intelligence"}));
    // Evaluating "AI/ML solutions" or working "with an AI expert" is engineering work: the fields
    // it names stay asked (a job-board posting had lost RAG, embeddings and fine-tuning).
    EXPECT_EQ(ids("You will be designing and evaluating AI/ML solutions. Expertise in LLM "
                  "applications: embeddings, RAG and fine tuning."),
              (Ids{"artificial-intelligence", "machine-learning", "llm", "embeddings", "rag",
                   "fine-tuning"}));
    // The AI expert is a colleague (a role), the RAG chatbot the work.
    EXPECT_EQ(ids("Work with an AI expert to build a RAG chatbot."), (Ids{"rag", "chatbots"}));
}

// Labelling work names the tasks its labels serve: what is labelled, not what the annotator
// must know. Words near a task that ask for it, or a machine-learning tool, keep it.
TEST(SkillExtractor, TheTasksALabellingJobServesAreNotAskedSkills) {
    EXPECT_EQ(ids("Data annotation specialist. Label images with bounding boxes and segmentation "
                  "masks; annotate named entity recognition data for our machine learning "
                  "models."),
              Ids{"data-labeling"});
    EXPECT_EQ(ids("Data annotation specialist. Experience with image segmentation is required."),
              (Ids{"data-labeling", "image-segmentation"}));
    EXPECT_EQ(ids("Manage data labeling and train image segmentation models in PyTorch."),
              (Ids{"data-labeling", "image-segmentation", "pytorch"}));
    // Labelling is the work only where the text opens with it: a research posting that lists
    // "data annotation" among its themes still asks for the fields beside it (set 79).
    EXPECT_EQ(ids("Sr. Applied Scientist\nOur research themes include diffusion models, transfer "
                  "learning, active learning and semi-automated data annotation."),
              (Ids{"diffusion-models", "transfer-learning", "active-learning", "data-labeling"}));
}

// "AI" is asked when the work builds or uses it, not when a text only mentions the field.
TEST(SkillExtractor, AiNeedsWorkThatBuildsOrUsesIt) {
    EXPECT_EQ(ids("Build AI features for article summarization."),
              (Ids{"artificial-intelligence", "summarization"}));
    EXPECT_EQ(ids("Experience with AI is a plus."), Ids{"artificial-intelligence"});
    EXPECT_EQ(ids("Pushing the boundaries of the broader AI community."), Ids{});
    EXPECT_EQ(ids("Stay current with emerging AI technologies."), Ids{});
    // A notice that the employer uses AI in hiring ("AI Disclosure", set 78) asks for nothing.
    EXPECT_EQ(ids("AI Disclosure: AI may be used during the hiring process."), Ids{});
    // "AI" among design files is Illustrator's file type (set 32).
    EXPECT_EQ(ids("Send any custom design files (AI, PSD, Figma) used for the animation."),
              Ids{"figma"});
}

// "Machine learning" and "AI" name roles like "DevOps" does: readers of real postings never
// labelled "a Machine Learning Engineer", "ML engineers" or "an AI Architect" as a skill asked
// (nine mentions in four sets, twenty-fifth session). The same words beside the work are asked.
TEST(SkillExtractor, MachineLearningAndAiNameRoles) {
    EXPECT_EQ(ids("We are seeking a Machine Learning Engineer to join one of our teams."), Ids{});
    EXPECT_EQ(ids("Seeking: U.S.-Based AI Architect"), Ids{});
    EXPECT_EQ(ids("Senior AI Engineer"), Ids{});
    EXPECT_EQ(ids("You will work with ML engineers and researchers on PyTorch models."),
              Ids{"pytorch"});
    EXPECT_EQ(ids("Looking for an ML engineer to build machine learning models."),
              Ids{"machine-learning"});
    EXPECT_EQ(ids("Experience with AI is a plus."), Ids{"artificial-intelligence"});
}

// Judging what a model wrote is LLM evaluation; the same words without the judging are not.
TEST(SkillExtractor, JudgingModelResponsesIsLlmEvaluation) {
    EXPECT_EQ(ids("Evaluate LLM-generated responses for accuracy."), Ids{"llm-evaluation"});
    EXPECT_EQ(ids("Score model responses against a rubric."), Ids{"llm-evaluation"});
    EXPECT_EQ(ids("Compare AI-generated responses and pick the better one."),
              Ids{"llm-evaluation"});
    EXPECT_EQ(ids("Parse the LLM responses into JSON."), Ids{"llm"});
    EXPECT_EQ(ids("Cache model responses in Redis."), Ids{"redis"});
}

// The AI-training gigs that hire engineers to judge what a model writes: judging its code is LLM
// evaluation, the annotators' team labels data, and reviewing code is code review. Their
// judging words also make the AI they name a thing people judge, not a skill asked.
TEST(SkillExtractor, JudgingAiGeneratedCodeIsLlmEvaluation) {
    EXPECT_EQ(ids("Evaluating the quality of AI-generated code."), Ids{"llm-evaluation"});
    EXPECT_EQ(ids("Help train generative artificial intelligence models. Evaluating the quality "
                  "of AI-generated code."),
              Ids{"llm-evaluation"});
    // Without a judging verb it is neither the work nor a sign of an AI-training gig.
    EXPECT_EQ(ids("Verify the quality of AI-generated code with our product."), Ids{});
    EXPECT_EQ(ids("Join an expert annotation team to create training data."), Ids{"data-labeling"});
    EXPECT_EQ(ids("Reviewing the code before it goes into the model."), Ids{"code-review"});
    EXPECT_EQ(ids("Engineers who train large AI language models."), Ids{"llm"});
    // The company's own product judging AI output does not make the job AI training.
    EXPECT_EQ(ids("About Acme\nAcme maps AI-generated summaries to ground truth, helping "
                  "providers verify the output.\nThe Role\nBuild agent workflows with LangChain "
                  "and the OpenAI API."),
              (Ids{"ai-agents", "langchain", "openai-api"}));
}

// A sentence in quotes is an example or a question, not a request; a quoted name is a name.
TEST(SkillExtractor, AQuotedSentenceAsksForNothing) {
    EXPECT_EQ(ids("Projects range from \"Make a full mobile application using this chatbot\" to "
                  "more."),
              Ids{});
    EXPECT_EQ(ids("Projects range from \u201cMake a full mobile application using this "
                  "chatbot\u201d to more."),
              Ids{});
    EXPECT_EQ(ids("Build a mobile application. We ask \"Which chatbot do you like best?\""),
              Ids{"mobile-development"});
    EXPECT_EQ(ids("Experience with \"Power BI\" dashboards."), (Ids{"power-bi", "dashboards"}));
    // Quotes pair within a line: one left open does not swallow the next line.
    EXPECT_EQ(ids("The file \"report.pdf\nBuild a mobile application using a chatbot\" now"),
              (Ids{"mobile-development", "chatbots"}));
}

// A longer alias whose context fails leaves the shorter alias it began with: "LLM-generated
// responses" that are cached, not judged, still name the LLM.
TEST(SkillExtractor, ALongerAliasFailingItsContextLeavesTheShorterOne) {
    EXPECT_EQ(ids("Cache LLM-generated responses in Redis."), (Ids{"llm", "redis"}));
    EXPECT_EQ(ids("Evaluate LLM-generated responses for accuracy."), Ids{"llm-evaluation"});
}

// "system-level design" and "high-level design" are software design, not a game's levels.
TEST(SkillExtractor, HighLevelDesignIsNotLevelDesign) {
    EXPECT_EQ(ids("Join system-level design discussions and high-level design reviews."), Ids{});
    EXPECT_EQ(ids("Level design for a platformer in Unity"), (Ids{"game-design", "unity"}));
}

TEST(SkillExtractor, MonitoringNeedsAnOperationsSenseAndYieldsToANamedTool) {
    EXPECT_EQ(ids("Operational excellence: monitoring, tracing, SLOs."), (Ids{"monitoring"}));
    EXPECT_EQ(ids("Automate the deployment, scaling, and monitoring of infrastructure."),
              (Ids{"monitoring"}));
    EXPECT_EQ(ids("Set up production monitoring for the API."), (Ids{"monitoring"}));
    EXPECT_EQ(ids("monitoring campaign performance and logs of calls"), Ids{});
    EXPECT_EQ(ids("Monitoring student progress weekly"), Ids{});
    EXPECT_EQ(ids("Prometheus monitoring with alerts for the cluster"), (Ids{"prometheus"}));
    // A model's monitoring is model monitoring.
    EXPECT_EQ(ids("Own model performance monitoring and alerting on drift."),
              (Ids{"model-monitoring"}));
}

TEST(SkillExtractor, AgileAsAnAdjectiveIsNotTheMethod) {
    EXPECT_EQ(ids("We are bold, smart, agile, and fun."), Ids{});
    EXPECT_EQ(ids("stays agile when priorities shift"), Ids{});
    EXPECT_EQ(ids("work in an agile environment"), Ids{"agile"});
    EXPECT_EQ(ids("Agile development practices"), Ids{"agile"});
}

TEST(SkillExtractor, MultiWordFormsSpelledOut) {
    EXPECT_EQ(ids("extract, transform, load jobs"), (Ids{"etl"}));
    EXPECT_EQ(ids("GPT4 prompts"), (Ids{"gpt-models"}));
}

TEST(SkillExtractor, CoordinatedWordsShareTheMatchsHeadOrModifier) {
    EXPECT_EQ(
        spans("Experience in image and video processing."),
        (std::vector<std::string>{"image-processing@image", "video-analytics@video processing"}));
    // The head is the longest end of the match the word spells an alias with.
    EXPECT_EQ(ids("face, object, and license plate detection"),
              (Ids{"face-detection", "object-detection", "license-plate-recognition"}));
    EXPECT_EQ(ids("supervised/unsupervised learning"),
              (Ids{"supervised-learning", "unsupervised-learning"}));
    EXPECT_EQ(ids("front- and back-end development"), (Ids{"frontend", "backend"}));
    // "and/or" links like "and" or "or", before a match and after it.
    EXPECT_EQ(ids("supervised and/or unsupervised learning"),
              (Ids{"supervised-learning", "unsupervised-learning"}));
    EXPECT_EQ(ids("object detection and/or tracking"),
              (Ids{"object-detection", "object-tracking"}));
    EXPECT_EQ(ids("generative and/or multimodal AI"),
              (Ids{"generative-ai", "vision-language-models"}));
    // A list a conjunction closes shares the modifier even when its last word spells nothing
    // with it, and a word that alone lacked its context ("monitoring") is still an item.
    EXPECT_EQ(ids("Enforce model validation, monitoring, and rollback strategies."),
              (Ids{"model-evaluation", "model-monitoring"}));
    // The same where the last word ends an alias of other words ("machine learning").
    EXPECT_EQ(ids("Experience with data cleaning, validation, and learning."),
              (Ids{"data-cleaning", "data-quality"}));
    EXPECT_EQ(ids("Skills: data analysis, monitoring, SQL"), (Ids{"data-analysis", "sql"}));
    // The walk stops at a word that spells no alias with the head, and never reaches into an
    // earlier match.
    EXPECT_EQ(ids("Python, data and image processing"), (Ids{"python", "image-processing"}));
    EXPECT_EQ(ids("OpenCV and image processing"), (Ids{"opencv", "image-processing"}));
    // An item of a comma list is a whole item: "systems" in "AI systems" shares nothing.
    EXPECT_EQ(ids("AI systems, and UX design"), (Ids{"artificial-intelligence", "ui-ux-design"}));
    // A match's first words shared with the words after it.
    EXPECT_EQ(ids("Microsoft Excel, Word, and Outlook"),
              (Ids{"excel", "microsoft-word", "microsoft-365"}));
    EXPECT_EQ(ids("web design and development for clients"),
              (Ids{"web-design", "web-development"}));
    EXPECT_EQ(ids("data annotation and validation"), (Ids{"data-labeling", "data-quality"}));
    // ... where the word ends its phrase: "model" in "model decay" does not.
    EXPECT_EQ(ids("data drift and model decay"), Ids{"model-monitoring"});
    EXPECT_EQ(ids("data annotation and validation rules"), Ids{"data-labeling"});
    // The shared word takes the match's fate: a field of study or a role stays one.
    EXPECT_EQ(ids("MSc in Image and Video Processing"), Ids{});
    EXPECT_EQ(ids("Our QA and DevOps engineers review it."), Ids{});
}

// A list closed by a conjunction shares its first word's modifier even when its last item is
// a match of its own.
TEST(SkillExtractor, AModifierSpreadsOverAListThatEndsInAMatch) {
    EXPECT_EQ(ids("Computer skills, especially Microsoft Excel, Word, and Outlook."),
              (Ids{"excel", "microsoft-word", "microsoft-365"}));
}

// A "Skills:" line is the platform's tags pasted into the text: the client's own list of what
// the job needs.
TEST(SkillExtractor, ATagLineInTheTextListsWhatIsAsked) {
    // The tags list what the client asks for: an app's "AI-generated quizzes" do not make the
    // AI listed there a thing people judge.
    EXPECT_EQ(ids("Students get AI-generated quizzes.\nSkills: Artificial Intelligence, Python"),
              (Ids{"artificial-intelligence", "python"}));
    EXPECT_EQ(ids("Rate AI responses for accuracy."), Ids{});
    EXPECT_EQ(ids("Rate AI responses for accuracy.\nSkills: Artificial Intelligence"),
              Ids{"artificial-intelligence"});
    // The line ends at its line break.
    EXPECT_EQ(ids("Skills: Python\nRate AI responses; artificial intelligence."), Ids{"python"});
    EXPECT_EQ(ids("Skills: ChatGPT, AI Content Writing"), (Ids{"gpt-models", "content-marketing"}));
}

// AWS services and model names as AI gigs write them: bare service names beside other cloud
// services, model names in lower case or with a version, models "like Whisper".
TEST(SkillExtractor, ServiceAndModelNamesAsAiGigsWriteThem) {
    EXPECT_EQ(ids("AWS AI/ML services, especially SageMaker, Bedrock, and A2I."),
              (Ids{"aws", "machine-learning", "sagemaker", "aws-bedrock"}));
    EXPECT_EQ(ids("Container orchestration on AWS (ECR, ECS, Lambda)."),
              (Ids{"aws", "amazon-ecr", "aws-ecs", "aws-lambda"}));
    EXPECT_EQ(ids("The bedrock of our culture is trust."), Ids{});
    EXPECT_EQ(ids("A power user of Cursor AI with claude 3.7 or OpenAI o1 pro."),
              (Ids{"ai-coding-assistants", "claude", "gpt-models"}));
    EXPECT_EQ(ids("Ask claude about the weather."), Ids{});
    EXPECT_EQ(ids("Fine-tune custom models like Whisper."), (Ids{"fine-tuning", "whisper"}));
    EXPECT_EQ(ids("Skills: LLM Prompt Engineering, Python"), (Ids{"prompt-engineering", "python"}));
    // Vision and voice work by its everyday names: motion detection is not object detection.
    EXPECT_EQ(ids("Adjust the motion detection of our NVR."), Ids{"video-analytics"});
    EXPECT_EQ(ids("Build our machine learning operations platform."), Ids{"mlops"});
    EXPECT_EQ(ids("Pipelines (e.g., Kafka, Airflow, Ray)."), (Ids{"kafka", "airflow", "ray"}));
    EXPECT_EQ(ids("Ray will call you next week."), Ids{});
    EXPECT_EQ(ids("Libraries such as three.js, d3, WebGL."), (Ids{"threejs", "d3js", "webgl"}));
    EXPECT_EQ(ids("Take vitamin D3 daily."), Ids{});
    EXPECT_EQ(ids("Languages: PHP, R, Apex, and Shell."), (Ids{"php", "r", "apex", "bash"}));
    EXPECT_EQ(ids("Royal Dutch Shell is our client."), Ids{});
    EXPECT_EQ(ids("AWS services such as S3, SQS or Kinesis."),
              (Ids{"aws", "aws-s3", "aws-sqs-sns", "aws-kinesis"}));
    EXPECT_EQ(ids("Help us bridge the sim-to-real gap."), Ids{"domain-adaptation"});
    EXPECT_EQ(ids("Orchestration frameworks (Kubeflow, Airflow, Argo)."),
              (Ids{"kubeflow", "airflow", "argo-cd"}));
    EXPECT_EQ(ids("Data processing (Flink, Dataflow, Beam)."),
              (Ids{"flink", "gcp-dataflow", "apache-beam"}));
    EXPECT_EQ(ids("JavaScript testing frameworks (jest, webdriver.io)."),
              (Ids{"javascript", "jest"}));
    EXPECT_EQ(ids("Containers like Docker, Kubernetes and/or Spark."),
              (Ids{"docker", "kubernetes", "apache-spark"}));
    EXPECT_EQ(ids("He said it in jest. Ideas that spark joy."), Ids{});
    EXPECT_EQ(ids("Products like sentiment analyzers, translation engines and summarizers."),
              (Ids{"sentiment-analysis", "machine-translation", "summarization"}));
    EXPECT_EQ(ids("Deployed as containerized services; text/sentiment classification."),
              (Ids{"text-classification", "sentiment-analysis"}));
    // Ordinary words and other products spelled like a skill.
    EXPECT_EQ(ids("Opportunities to learn and excel are endless."), Ids{});
    EXPECT_EQ(ids("Support customers with the Renesas R-CAR platform."), Ids{});
    EXPECT_EQ(ids("Test management tools (e.g., TestRail, Zephyr)."), Ids{"test-management"});
    EXPECT_EQ(ids("Build firmware on Zephyr and FreeRTOS."), (Ids{"firmware", "rtos"}));
    EXPECT_EQ(ids("Avoir une vue 360 du SI."), Ids{});
    EXPECT_EQ(ids("PyTorch and GPU programing; advanced Bayesian filters."),
              (Ids{"pytorch", "gpu-programming", "bayesian-methods"}));
    // To improve performance is every job's aim; optimising it is the skill.
    EXPECT_EQ(ids("Evaluate new tools to improve performance and reliability."), Ids{});
    EXPECT_EQ(ids("Optimize performance of the SQL queries."),
              (Ids{"performance-optimization", "sql"}));
    EXPECT_EQ(ids("It should support upscaling of old photos."), Ids{"super-resolution"});
    EXPECT_EQ(ids("Advice on a robotic picking application."), Ids{"robot-arms"});
    EXPECT_EQ(ids("Experience with AI voice assistants."), Ids{"voice-agents"});
    // Voice-agent platforms as their users write them, with the domain, and a common typo.
    EXPECT_EQ(ids("Set up call automation in Bland.ai or Retell.ai."), Ids{"voice-agents"});
    EXPECT_EQ(ids("LangChain and strong pyhton"), (Ids{"langchain", "python"}));
    // Names written as one word; "Jasmine" is a test framework beside other testing tools.
    EXPECT_EQ(ids("Kotlin and ComposeUI"), (Ids{"kotlin", "jetpack-compose"}));
    EXPECT_EQ(ids("Bootstrap or MaterialUI"), (Ids{"bootstrap", "material-ui"}));
    EXPECT_EQ(ids("A public cloud (AWS, GCP or AliCloud)."), (Ids{"aws", "gcp", "alibaba-cloud"}));
    EXPECT_EQ(ids("Unit tests with Jasmine and Jest."), (Ids{"unit-testing", "jasmine", "jest"}));
    EXPECT_EQ(ids("Jasmine will walk you through the process."), Ids{});
    // Crafting, optimising or refining prompts is prompt engineering.
    EXPECT_EQ(ids("The capacity to craft and optimize prompts for GPT-4."),
              (Ids{"prompt-engineering", "gpt-models"}));
    EXPECT_EQ(ids("Write and refine prompts."), Ids{"prompt-engineering"});
    // Blog posts to read are no writing work.
    EXPECT_EQ(ids("Write blog posts for our SaaS."), Ids{"content-marketing"});
    EXPECT_EQ(ids("You can read this blog post on what we did."), Ids{});
    EXPECT_EQ(ids("Check out these blog posts."), Ids{});
    // Distributed systems as postings name the work.
    EXPECT_EQ(ids("Design and test scalable distributed data systems."),
              Ids{"distributed-systems"});
    EXPECT_EQ(ids("Scaling distributed backend services."), Ids{"distributed-systems"});
    // An inference platform serves models.
    EXPECT_EQ(ids("Architect, build, and optimize the inference platform."), Ids{"model-serving"});
    // Contributing to a product roadmap is an engineer's part in planning, not product
    // management (readers of the real sets left it out in 7 of 7 texts).
    EXPECT_EQ(ids("Contribute to the team's product roadmap and technical decisions."), Ids{});
    EXPECT_EQ(ids("Experience in product management."), Ids{"product-management"});
    EXPECT_EQ(ids("Build responsive user interfaces in React."),
              (Ids{"responsive-design", "react"}));
}

TEST(SkillExtractor, DeployingAModelIsModelServingWhereNoEdgeDeviceIsNamed) {
    EXPECT_EQ(ids("Design, train, and deploy ML models for fraud detection"),
              (Ids{"model-serving", "machine-learning", "fraud-detection"}));
    EXPECT_EQ(ids("Experience in model development and deployment"), Ids{"model-serving"});
    EXPECT_EQ(ids("Deploy our pose estimation model on edge devices"),
              (Ids{"pose-estimation", "edge-devices"}));
    EXPECT_EQ(ids("Deploy the app to production"), Ids{});
    EXPECT_EQ(ids("deploy new business models"), Ids{});
    // Large models and learned systems are deployed as models are; a "Forward Deployed"
    // engineer is a role at a customer's site.
    EXPECT_EQ(ids("Experience fine-tuning and deploying LLMs."),
              (Ids{"fine-tuning", "model-serving", "llm"}));
    EXPECT_EQ(ids("Build and deploy machine learning systems in production."),
              (Ids{"model-serving", "machine-learning"}));
    EXPECT_EQ(ids("Forward Deployed Machine Learning Engineer"), Ids{});
    // The edge of "cutting-edge" is praise, not an edge device.
    EXPECT_EQ(ids("Build, fine-tune, and deploy cutting-edge LLMs."),
              (Ids{"fine-tuning", "model-serving", "llm"}));
    EXPECT_EQ(ids("Deploy the model to the edge for low latency."), Ids{});
}

// Likewise monitoring: the verb near a model is model monitoring, the noun stays the ops skill.
// Being on call is incident response, and designing schemas is database design, as readers
// label them (twentieth session: on-call support 11 of 12 texts, designing schemas 8 of 8).
TEST(SkillExtractor, OnCallSupportAndSchemaDesign) {
    EXPECT_EQ(ids("Provide on-call support for our production system."), Ids{"incident-response"});
    EXPECT_EQ(ids("Designing collection schemas, and writing efficient queries."),
              Ids{"database-design"});
}

TEST(SkillExtractor, MonitoringAModelIsModelMonitoring) {
    EXPECT_EQ(ids("Retrain, maintain, and monitor models in production."), Ids{"model-monitoring"});
    EXPECT_EQ(ids("Deploy, monitor, and manage AI models in production."),
              (Ids{"model-serving", "model-monitoring", "artificial-intelligence"}));
    EXPECT_EQ(ids("Monitor the performance of our pricing models."), Ids{"pricing-strategy"});
    EXPECT_EQ(ids("Monitor server uptime."), Ids{});
}

// Sentences whose words need their context ("Go", "CV", "Vision") beside plain ones, repeated
// so pieces end everywhere: in a word, in a sentence, in a run without a sentence end.
std::string long_mixed_text() {
    const char* const sentences[] = {
        "Services are written in Go and Rust. ",
        "Go above and beyond for customers. ",
        "Please send your CV to jobs@example.com; ",
        "we build CV models with OpenCV and PyTorch! ",
        "Python, Go or Java? ",
        "Computer vision engineer (YOLOv8, ResNet50)\n\n",
        "Go to market with our sales team and C++17 and node.js and scikit-image ",
    };
    std::string text;
    std::mt19937 rng(11);
    while (text.size() < 200'000) {
        text += sentences[rng() % std::size(sentences)];
    }
    return text;
}

TEST(SkillSpanStream, TextFedInPiecesGivesTheSpansOfTheWholeText) {
    const std::string text = long_mixed_text();
    const auto whole = SkillExtractor::bundled().extract(text);
    ASSERT_GT(whole.size(), 1000u);
    for (std::size_t feed : {std::size_t{1}, std::size_t{7}, std::size_t{4096}}) {
        std::vector<SkillSpan> streamed;
        std::string matched;
        SkillSpanStream stream(
            SkillExtractor::bundled(),
            [&](const SkillSpan& s, std::string_view bytes) {
                streamed.push_back(s);
                matched.assign(bytes);
                EXPECT_EQ(matched, text.substr(s.begin, s.end - s.begin));
            },
            /*piece=*/1000, /*max_pending=*/1'000'000);
        for (std::size_t at = 0; at < text.size(); at += feed) {
            stream.feed(std::string_view(text).substr(at, feed));
        }
        stream.finish();
        EXPECT_EQ(stream.size(), text.size());
        ASSERT_EQ(streamed.size(), whole.size()) << "fed " << feed << " bytes at a time";
        for (std::size_t i = 0; i < whole.size(); ++i) {
            EXPECT_EQ(streamed[i].skill, whole[i].skill) << i;
            EXPECT_EQ(streamed[i].begin, whole[i].begin) << i;
            EXPECT_EQ(streamed[i].end, whole[i].end) << i;
        }
    }
}

TEST(SkillSpanStream, ARunWithoutASentenceEndIsCutBeforeAWordOnceTooLong) {
    std::string text;
    while (text.size() < 50'000) {
        text += "OpenCV and PyTorch and ";
    }
    std::size_t found = 0;
    SkillSpanStream stream(
        SkillExtractor::bundled(),
        [&](const SkillSpan& s, std::string_view bytes) {
            ++found;
            EXPECT_TRUE(bytes == "OpenCV" || bytes == "PyTorch") << bytes;
            EXPECT_EQ(bytes, std::string_view(text).substr(s.begin, s.end - s.begin));
        },
        /*piece=*/1000, /*max_pending=*/4000);
    for (std::size_t at = 0; at < text.size(); at += 500) {
        stream.feed(std::string_view(text).substr(at, 500));
    }
    EXPECT_GT(found, 0u) << "settled before the end";
    stream.finish();
    EXPECT_EQ(found, SkillExtractor::bundled().extract(text).size());
}

// Everyday tools and services postings name that readers listed as skills the taxonomy lacked
// (docs/eval.md, eighteenth session), and the words around them that are not those tools.
TEST(SkillExtractor, EverydayToolsAndServicesPostingsName) {
    EXPECT_EQ(ids("Deploy behind Kong with Docker and Kubernetes."),
              (Ids{"kong", "docker", "kubernetes"}));
    EXPECT_EQ(ids("Our office in Hong Kong uses Python and Docker."), (Ids{"python", "docker"}));
    EXPECT_EQ(ids("Write docs in Markdown and publish with Python."), (Ids{"markdown", "python"}));
    EXPECT_EQ(ids("Markdown strategy for retail pricing."), Ids{});
    EXPECT_EQ(ids("Use curl to call the REST API."), (Ids{"curl", "rest-api"}));
    EXPECT_EQ(ids("The curl of the wave."), Ids{});
    EXPECT_EQ(ids("Manage SSH keys and YAML config on macOS."), (Ids{"ssh", "yaml", "macos"}));
    EXPECT_EQ(ids("Schedule cron jobs and pay vendors through Bill.com."),
              (Ids{"cron", "bill-com"}));
    EXPECT_EQ(ids("Parse invoices with pdfplumber and write them out with openpyxl."),
              (Ids{"pdf-libraries", "openpyxl"}));
    EXPECT_EQ(ids("Anomaly detection with a variational autoencoder in PyTorch."),
              (Ids{"anomaly-detection", "autoencoders", "pytorch"}));
    EXPECT_EQ(ids("Fine-tune DeepSeek-R1 and Llama 3."), (Ids{"fine-tuning", "deepseek", "llama"}));
    EXPECT_EQ(ids("Build pipelines in AWS CodePipeline."), (Ids{"aws", "aws-codepipeline"}));
    // The framework's own names only: "Elixir/Phoenix" is the language and its city-named
    // framework, and the language is what a reader lists.
    EXPECT_EQ(ids("Phoenix LiveView and Elixir."), (Ids{"phoenix-framework", "elixir"}));
    EXPECT_EQ(ids("Elixir/Phoenix engineer, remote."), Ids{"elixir"});
    EXPECT_EQ(ids("Flows with Power Automate and AI Builder."),
              (Ids{"power-automate", "microsoft-ai-builder"}));
    EXPECT_EQ(ids("An AI builder for marketers."), Ids{});
    // Upwork's mobile tags, as its skills line spells them.
    EXPECT_EQ(
        ids("Fix the login screen.\nSkills: Flutter, UX & UI, User Authentication, Mobile App "
            "Design"),
        (Ids{"flutter", "ui-ux-design", "identity-access"}));
    // Capitalised as a tag, "Web Application" is the skill; in prose it needs building words.
    EXPECT_EQ(ids("Fix a bug.\nSkills: React, Web Application"), (Ids{"react", "web-development"}));
    EXPECT_EQ(ids("Our web application is slow; tune the SQL."), Ids{"sql"});
    // Cloud services by their short names, among other tools (set 70's Dice postings).
    EXPECT_EQ(ids("Pipelines with BigQuery, DataFlow, Pub/Sub, and more."),
              (Ids{"bigquery", "gcp-dataflow", "gcp-pubsub"}));
    EXPECT_EQ(ids("Software is built in AWS, mostly using Lambdas and Python."),
              (Ids{"aws", "aws-lambda", "python"}));
    EXPECT_EQ(ids("Azure services like App Services, ADF, and Azure SQL."),
              (Ids{"azure", "azure-app-service", "azure-data-factory", "azure-sql"}));
    EXPECT_EQ(ids("Use a pub/sub pattern for events."), Ids{});
    // "Core ML/AI" is the core of machine learning, not Apple's Core ML; DGL among other
    // graph tools is the Deep Graph Library (set 72).
    EXPECT_EQ(ids("Core ML/AI: DGL, GNNs, HuggingFace"),
              (Ids{"dgl", "graph-neural-networks", "huggingface"}));
    EXPECT_EQ(ids("Build the iPhone app with Core ML (iOS)."), (Ids{"coreml", "ios"}));
    // "STT" beside TTS, "HANA" after "SAP BW/" (set 75); case-sensitive.
    EXPECT_EQ(ids("Whisper/STT/TTS"), (Ids{"whisper", "speech-recognition", "text-to-speech"}));
    EXPECT_EQ(ids("Snowflake, SAP BW/HANA, Oracle"),
              (Ids{"snowflake", "sap-bw", "sap-hana", "oracle-db"}));
}

// A list of verbs shares its object: each verb that spells an alias with "data" names that
// skill, though other verbs or words of the object stand between them.
TEST(SkillExtractor, VerbsShareTheirObject) {
    EXPECT_EQ(ids("Clean, analyze and visualize the data."),
              (Ids{"data-cleaning", "data-analysis", "data-visualization"}));
    EXPECT_EQ(ids("Export, clean, analyze, and present the data."),
              (Ids{"data-cleaning", "data-analysis"}));
    EXPECT_EQ(ids("Extract, analyze, and visualize complex datasets."),
              (Ids{"data-analysis", "data-visualization"}));
    EXPECT_EQ(ids("We normalize, clean, and consolidate data."), Ids{"data-cleaning"});
    EXPECT_EQ(ids("Visualize the data for the board."), Ids{"data-visualization"});
    // A lone verb takes its object over a determiner only, and the object's own match stays.
    EXPECT_EQ(ids("Visualize complex structures in data."), Ids{});
    EXPECT_EQ(ids("Store the satellite data."), Ids{"remote-sensing"});
    EXPECT_EQ(ids("Clean code, analyze the data"), (Ids{"clean-code", "data-analysis"}));
    // After "of", an article or a verb that makes something, the words describe the data (sets
    // 31, 66, 71 and 75); data that is clean asks for no cleaning (set 36).
    EXPECT_EQ(ids("ensuring the availability of clean, reliable, and well-structured data"), Ids{});
    EXPECT_EQ(ids("you'll create clean, reliable and well-documented data assets"), Ids{});
    EXPECT_EQ(ids("so the data is clean and ready for analytics"), Ids{});
    EXPECT_EQ(ids("Responsible for collecting, cleaning and analyzing data."),
              (Ids{"data-cleaning", "data-analysis"}));
}

// Names written apart or in the plural, as postings written in a hurry spell them ("Lang chain",
// "Open AI APIs", "FastAPIs"), and notebooks named by their language.
TEST(SkillExtractor, ToolNamesWrittenApartOrInThePlural) {
    EXPECT_EQ(ids("Hands on with Lang chain and Open AI APIs."), (Ids{"langchain", "openai-api"}));
    EXPECT_EQ(ids("Python, FastAPIs, Pydantic."), (Ids{"python", "fastapi", "schema-validation"}));
    EXPECT_EQ(ids("Familiarity with python-notebooks for model development."), Ids{"jupyter"});
    EXPECT_EQ(ids("Build a Word Press site in Type Script."), (Ids{"wordpress", "typescript"}));
    EXPECT_EQ(ids("Experience in async processing of data at scale."), Ids{"concurrency"});
    EXPECT_EQ(ids("Asynchronous processing patterns and multithreaded services."),
              Ids{"concurrency"});
    EXPECT_EQ(ids("Investigate explainability methods and saliency maps."), Ids{"explainable-ai"});
}

// The words of IT operations (set 80): servers set up and patched, switches, virtual machines,
// access management and written procedures.
TEST(SkillExtractor, ITOperationsWork) {
    EXPECT_EQ(ids("Assist in server setup and patch management of Windows servers."),
              Ids{"sysadmin"});
    EXPECT_EQ(ids("Maintain network switches and the LAN/WAN."), Ids{"networking"});
    EXPECT_EQ(ids("Run SIEMs on virtualized infrastructure."), (Ids{"siem", "virtualization"}));
    EXPECT_EQ(ids("Improve IT onboarding and access management."), Ids{"identity-access"});
    EXPECT_EQ(ids("Writes Standard Operating Procedures (SOPs) for the shift."),
              Ids{"technical-writing"});
    // Documentation kept as a duty of any job is no technical writing.
    EXPECT_EQ(ids("Maintain documentation and compliance reports."), Ids{});
    EXPECT_EQ(ids("Understanding of version control (e.g. git) and CI tools."),
              (Ids{"git", "ci-cd"}));
}

// Active learning beside machine-learning words is the labelling strategy, not a teaching method.
TEST(SkillExtractor, ActiveLearningBesideMachineLearning) {
    EXPECT_EQ(ids("Applying LLM, active learning, semi-supervised learning."),
              (Ids{"llm", "active-learning", "supervised-learning"}));
    EXPECT_EQ(ids("Use active learning in the classroom."), Ids{});
}

// Set 82: the channels a client talks through are no skills; a kind of work a company names as
// its business is the company's, as a field is; and names of the field's work.
TEST(SkillExtractor, AClientsChannelsAndACompanysKindOfWorkAreNotAsked) {
    EXPECT_EQ(ids("I communicate via Loom, chat, and shared Google Drive folders."), Ids{});
    EXPECT_EQ(ids("Organise the shared Google Drive folders."), Ids{"google-workspace"});
    EXPECT_EQ(ids("Bitovi helps companies create better web applications."), Ids{});
    EXPECT_EQ(ids("You will build web applications in React."), (Ids{"web-development", "react"}));
    EXPECT_EQ(ids("Experience in neural network compression and optimization."),
              Ids{"model-optimization"});
    EXPECT_EQ(ids("Networks that perform great when deployed on the edge."), Ids{"edge-devices"});
    EXPECT_EQ(ids("Novel problems focused on controlling robotic manipulators."),
              Ids{"robot-arms"});
    EXPECT_EQ(ids("Networking: Meraki. Improve IT service management processes."),
              (Ids{"networking", "workday"}));
}

// Set 83: an annotator's gig names what its labels serve, not what the annotator must know; a
// market written "in the space of" is the employer's; roof wireframes are geometry, not UI.
TEST(SkillExtractor, AnAnnotatorsSubjectsAndAMarketsSpaceAreNotAsked) {
    EXPECT_EQ(ids("Video Data Annotator | Contractor\nTuring is seeking Video Data Annotators to "
                  "support AI/ML research on video understanding. Your annotations will train "
                  "advanced vision-language models."),
              Ids{});
    EXPECT_EQ(ids("ML Engineer\nTrain vision-language models for video understanding."),
              (Ids{"vision-language-models", "video-analytics"}));
    EXPECT_EQ(ids("Build products in the space of Virtual and Augmented Reality."), Ids{});
    EXPECT_EQ(ids("Build Virtual and Augmented Reality products."),
              (Ids{"virtual-reality", "augmented-reality"}));
    EXPECT_EQ(ids("Predict planar roof wireframes from point clouds."), Ids{"point-clouds"});
    EXPECT_EQ(ids("Create wireframes and mockups in Figma."), (Ids{"ui-ux-design", "figma"}));
    EXPECT_EQ(ids("Point clouds and geospatial imagery from digital surface models."),
              (Ids{"point-clouds", "remote-sensing"}));
    EXPECT_EQ(ids("Deep understanding of web application performance."), Ids{"web-performance"});
    EXPECT_EQ(ids("Develop hardware, software and an edge solution for drones."),
              (Ids{"edge-devices", "drones"}));
    EXPECT_EQ(ids("We deliver cutting edge solutions."), Ids{});
}

// Set 84: a long tag line sharing next to nothing with a body that names its own skills is the
// board's tags for the employer; over a body that names little it is the client's list.
TEST(SkillExtractor, ABoardsUnrelatedTagLineIsNotTheJobs) {
    constexpr std::string_view kTags =
        "\nSkills: CSS, excel, frontend, git, html, illustrator, magento, photoshop, php, shopify, "
        "wordpress, MySQL, bootstrap, jQuery";
    EXPECT_EQ(
        ids(std::string("Office Assistant\nAnswer phones and emails. Bookkeeping in "
                        "QuickBooks Online, spreadsheets in Excel and Google Sheets, data "
                        "entry and reporting, data analysis.") +
            std::string(kTags)),
        (Ids{"accounting", "excel", "google-sheets", "data-entry", "reporting", "data-analysis"}));
    const Ids thin = ids(std::string("Office Assistant\nBookkeeping in QuickBooks Online, "
                                     "spreadsheets in Excel.") +
                         std::string(kTags));
    EXPECT_EQ(thin.size(), 15u);  // both of the body's skills, and every tag
    EXPECT_NE(std::find(thin.begin(), thin.end(), "wordpress"), thin.end());
    EXPECT_EQ(ids("Build an AI bot for our support inbox."), Ids{"chatbots"});
}

// Set 84: a skill the sentence refuses after naming it is not asked.
TEST(SkillExtractor, ASkillRefusedAfterItIsNamedIsNotAsked) {
    EXPECT_EQ(ids("Fix the script. Selenium or similar browser-based solutions will not be "
                  "accepted."),
              Ids{});
    EXPECT_EQ(ids("Use React; jQuery won't be accepted."), Ids{"react"});
    EXPECT_EQ(ids("No-code builders like Bubble are prohibited."), Ids{});
    // Said to be needed first, or another thing refused, it stays asked.
    EXPECT_EQ(ids("Selenium is required, but shortcuts are not allowed."), Ids{"selenium"});
    EXPECT_EQ(ids("Docker is a plus. Plagiarism is not accepted."), Ids{"docker"});
    EXPECT_EQ(ids("Adjust the output of our WhisperX script."), Ids{"whisper"});
}

// Ranking set 82: the companies a team comes from are no skills.
TEST(SkillExtractor, TheCompaniesATeamComesFromAreNotAsked) {
    EXPECT_EQ(ids("We're an experienced team from Spotify, Docker, GitHub, Heroku, NVIDIA."),
              Ids{});
    EXPECT_EQ(ids("Our team hails from Uber, Google, Meta, CARTO, Mapbox."), Ids{});
    EXPECT_EQ(ids("Our founders are alumni of Google and Docker."), Ids{});
    EXPECT_EQ(ids("You will join a team from day one and build with Docker."), Ids{"docker"});
}

// A fuzzer's input: a comma at the very start before a coordinated list ("and/or"-style links
// back to token 0) must not read before the first token.
TEST(SkillExtractor, ACoordinatedListRightAfterTheTextsFirstCommaIsRead) {
    const std::string text =
        ",/Power BI ,`\xc5xcel, Power l,shr Query\xff),hr Query\xff), Googlomcs re"
        "por\xc7ing.";
    const Ids found = ids(text);
    EXPECT_NE(std::find(found.begin(), found.end(), "power-bi"), found.end());
    EXPECT_EQ(ids(", and pose detection"), Ids{"pose-estimation"});
}

// Set 85: how informal gigs and analyst postings write common tools and tasks.
TEST(SkillExtractor, InformalSpellingsOfCommonToolsAndTasks) {
    EXPECT_EQ(ids("Twillio web app build - ai real estate photo enhancement"),
              (Ids{"twilio", "web-development", "image-processing"}));
    EXPECT_EQ(ids("A full build with a team for website, crm and sms."), Ids{"crm"});
    EXPECT_EQ(ids("Develop trend and forecast analyses for the budget."), Ids{"forecasting"});
    EXPECT_EQ(ids("Experience with Microsoft Dynamics Customer Insights Data."),
              Ids{"customer-data-platforms"});
    EXPECT_EQ(ids("Build models that detect anomalies in invoices."), Ids{"anomaly-detection"});
}

}  // namespace
}  // namespace gigscout
