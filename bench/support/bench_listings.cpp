#include "support/bench_listings.h"

#include <iterator>
#include <string>

#include "taxonomy/skill_extractor.h"

namespace gigscout::bench {
namespace {

const char* kTitles[] = {"Computer vision engineer",     "Senior ML engineer (PyTorch)",
                         "Robotics perception engineer", "YOLOv8 object detection expert",
                         "Edge AI developer (Jetson)",   "Backend engineer (Go)",
                         "React frontend developer",     "Data engineer (Spark, Airflow)",
                         "3D reconstruction researcher", "OCR pipeline for invoices"};

const char* kSentences[] = {
    "We build perception for warehouse robots using OpenCV, PyTorch and ROS 2.",
    "You will train and deploy YOLO models with TensorRT on NVIDIA Jetson devices.",
    "Experience with CUDA, C++17 and real-time video pipelines (GStreamer) is required.",
    "Our stack is Python, FastAPI, PostgreSQL and Docker on Kubernetes.",
    "The role covers SLAM, point clouds and multi-camera calibration.",
    "You will label data, run experiments and write clean, tested code.",
    "Remote-first team across Europe; async communication; flexible hours.",
    "Knowledge of transformers, ViT and self-supervised learning is a plus.",
    "Build React and TypeScript dashboards for our analytics product.",
    "We pay a competitive salary, equity and a yearly learning budget."};

const char* kCountries[] = {"US", "DE", "IN", "GB", "Canada", "", "FR", "BR"};

}  // namespace

std::vector<Listing> bench_listings(int count, int first, std::mt19937& random, std::int64_t now,
                                    int sources) {
    std::vector<Listing> out;
    out.reserve(static_cast<std::size_t>(count));
    static const std::vector<std::vector<ListingSkill>> skills_of_title = [] {
        std::vector<std::vector<ListingSkill>> all;
        for (const char* title : kTitles) {
            Listing l;
            l.title = title;
            l.description = std::string(kSentences[0]) + " " + kSentences[1] + " " + kSentences[2];
            l.tags = {"opencv", "python"};
            annotate_skills(l, SkillExtractor::bundled());
            all.push_back(l.skills);
        }
        return all;
    }();
    for (int i = first; i < first + count; ++i) {
        Listing l;
        std::string source = "source" + std::to_string(i % sources);
        l.id = source + ":" + std::to_string(i);
        l.source = source;
        l.url = "https://jobs.example.com/" + source + "/" + std::to_string(i);
        std::size_t t = random() % std::size(kTitles);
        l.title = std::string(kTitles[t]) + " #" + std::to_string(i);
        while (l.description.size() < 3000) {
            l.description += kSentences[random() % std::size(kSentences)];
            l.description += ' ';
        }
        l.company = "Company " + std::to_string(random() % 5000);
        l.location = (i % 3) ? "Worldwide" : "Berlin, Germany";
        l.posted_at = now - static_cast<std::int64_t>(random() % (60 * 86400));
        switch (i % 4) {
            case 0:
                l.budget = Budget{BudgetKind::Hourly, 30.0 + static_cast<double>(random() % 50),
                                  std::nullopt, "USD"};
                break;
            case 1:
                l.budget = Budget{BudgetKind::Fixed, 500.0 + static_cast<double>(random() % 5000),
                                  std::nullopt, "EUR"};
                break;
            case 2:
                l.budget = Budget{BudgetKind::Salary, 60000,
                                  60000.0 + static_cast<double>(random() % 90000), "USD"};
                break;
            default:
                break;  // none stated
        }
        l.client = ClientInfo{};
        l.client->country = kCountries[random() % std::size(kCountries)];
        l.tags = {"opencv", "python", "computer vision"};
        l.remote = i % 7 != 0;  // some on site: refused by a remote-only profile
        l.job_type = i % 5 == 0 ? JobType::FullTime : JobType::Contract;
        l.skills = skills_of_title[t];
        out.push_back(std::move(l));
    }
    return out;
}

}  // namespace gigscout::bench
