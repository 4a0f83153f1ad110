#include "taxonomy/corpus.h"

#include <array>
#include <string_view>

namespace gigscout::bench {
namespace {

template <std::size_t N>
std::string_view pick(Rng& rng, const std::array<std::string_view, N>& words) {
    return words[rng.below(N)];
}

constexpr std::array<std::string_view, 120> kFiller = {
    "we",
    "are",
    "looking",
    "for",
    "a",
    "an",
    "the",
    "and",
    "or",
    "with",
    "to",
    "of",
    "in",
    "on",
    "our",
    "your",
    "you",
    "will",
    "team",
    "product",
    "customers",
    "build",
    "design",
    "deliver",
    "work",
    "closely",
    "across",
    "company",
    "growing",
    "remote",
    "experience",
    "years",
    "strong",
    "skills",
    "knowledge",
    "ability",
    "communication",
    "ownership",
    "fast-paced",
    "environment",
    "startup",
    "mission",
    "platform",
    "data",
    "systems",
    "services",
    "quality",
    "reliable",
    "scalable",
    "production",
    "features",
    "users",
    "clients",
    "projects",
    "responsible",
    "maintain",
    "improve",
    "support",
    "collaborate",
    "stakeholders",
    "requirements",
    "nice",
    "have",
    "plus",
    "bonus",
    "benefits",
    "salary",
    "equity",
    "flexible",
    "hours",
    "time",
    "zone",
    "office",
    "hybrid",
    "full-time",
    "contract",
    "freelance",
    "budget",
    "milestone",
    "deadline",
    "weeks",
    "months",
    "deliverables",
    "documentation",
    "code",
    "review",
    "testing",
    "deploy",
    "monitor",
    "optimise",
    "performance",
    "latency",
    "accuracy",
    "dataset",
    "models",
    "pipeline",
    "images",
    "video",
    "cameras",
    "sensors",
    "devices",
    "cloud",
    "infrastructure",
    "tools",
    "research",
    "prototype",
    "ship",
    "iterate",
    "independently",
    "senior",
    "junior",
    "mid-level",
    "lead",
    "mentor",
    "café",
    "naïve",
    "München",
    "résumé",
    "coöperate",
    "déjà",
};

constexpr std::array<std::string_view, 96> kSkills = {
    "Python",
    "Python 3.11",
    "PyTorch",
    "TensorFlow",
    "Keras",
    "tf.keras",
    "OpenCV",
    "cv2",
    "scikit-image",
    "skimage",
    "Pillow",
    "ONNX",
    "ONNX Runtime",
    "TensorRT",
    "OpenVINO",
    "TFLite",
    "Core ML",
    "CUDA",
    "Docker",
    "Kubernetes",
    "FastAPI",
    "Flask",
    "YOLOv8",
    "ResNet-50",
    "U-Net",
    "ViT",
    "Stable Diffusion",
    "Detectron2",
    "MMDetection",
    "Hugging Face",
    "NumPy",
    "pandas",
    "CVAT",
    "Label Studio",
    "AWS Rekognition",
    "Google Cloud Vision",
    "Azure Computer Vision",
    "SageMaker",
    "Vertex AI",
    "Azure ML",
    "C++",
    "C#",
    ".NET",
    "Node.js",
    "React",
    "TypeScript",
    "Java",
    "Golang",
    "Rust",
    "C/C++",
    "Kotlin",
    "SQL",
    "PostgreSQL",
    "MongoDB",
    "Redis",
    "Kafka",
    "Apache Spark",
    "Airflow",
    "Terraform",
    "AWS",
    "GCP",
    "Azure",
    "Linux",
    "Git",
    "object detection",
    "image classification",
    "semantic segmentation",
    "face recognition",
    "OCR",
    "pose estimation",
    "object tracking",
    "computer vision",
    "machine learning",
    "deep learning",
    "NLP",
    "LLMs",
    "edge devices",
    "quantization",
    "Jetson Orin",
    "MLflow",
    "scikit-learn",
    "Django",
    "GraphQL",
    "gRPC",
    "Swift",
    "Go",
    "R",
    "CV",
    "Spark",
    "Ruby on Rails",
    "Vue.js",
    "Angular",
    "JavaScript",
    "HTML",
    "CSS",
    "Elasticsearch",
};

// Ordinary phrases that contain skill-like words; the matcher must reject most of them.
constexpr std::array<std::string_view, 16> kLookalikes = {
    "Please send your CV and cover letter to our recruiting team.",
    "Our vision is to make every camera smarter.",
    "We are a Series C company backed by great investors.",
    "Our R&D group works closely with C-level leadership.",
    "Swift delivery and clear communication matter here.",
    "We want to spark joy for the rest of the team.",
    "You will own our go-to-market plan and help customers go live.",
    "Medical, dental and vision insurance are included.",
    "Excel at ownership and react quickly to feedback.",
    "Express your interest by replying with a short note.",
    "Spring 2026 cohort applications are open.",
    "We value customer segmentation and time tracking discipline.",
    "Let’s go — the interview process takes two weeks.",
    "Salary is paid in CAD or EUR depending on location.",
    "We are a rust-belt manufacturer modernising its plants.",
    "Send an updated CV/resume in English.",
};

constexpr std::array<std::string_view, 12> kLeadIns = {
    "Experience with", "Strong knowledge of", "You have shipped with",
    "Nice to have:",   "Our stack includes",  "You will work on",
    "Hands-on with",   "Familiarity with",    "We use",
    "Requirements:",   "Bonus points for",    "Deep expertise in",
};

constexpr std::array<std::string_view, 16> kRoles = {
    "Computer Vision Engineer",
    "ML Engineer",
    "Backend Developer",
    "Data Engineer",
    "Full-Stack Developer",
    "Research Scientist",
    "MLOps Engineer",
    "Perception Engineer",
    "Software Engineer",
    "Data Scientist",
    "DevOps Engineer",
    "Mobile Developer",
    "Embedded Engineer",
    "Frontend Developer",
    "AI Consultant",
    "Image Processing Specialist",
};

constexpr std::array<std::string_view, 6> kSeniority = {"Senior", "Junior",    "Lead",
                                                        "Staff",  "Principal", "Mid-level"};

constexpr std::array<std::string_view, 12> kCompanies = {
    "Acme Vision",      "Northwind AI",   "Globex Robotics", "Initech",
    "Umbrella Imaging", "Hooli",          "Stark Sensors",   "Wayne Analytics",
    "Soylent Data",     "Tyrell Systems", "Cyberdyne Labs",  "Aperture Science"};

constexpr std::array<std::string_view, 8> kSources = {
    "remoteok", "freelancer",      "remotive",        "himalayas",
    "upwork",   "greenhouse:acme", "lever:northwind", "hackernews"};

constexpr std::array<std::string_view, 8> kLocations = {
    "Remote",     "Berlin, Germany",  "Austin, TX",      "Remote (EU)",
    "London, UK", "Bangalore, India", "Toronto, Canada", ""};

constexpr std::array<std::string_view, 6> kCurrencies = {"USD", "EUR", "GBP", "INR", "CAD", "AUD"};

void append_sentence(Rng& rng, std::string& out) {
    // Proportions give about 6 skill mentions per KB: a CV-heavy listing. (Real listings in
    // ../shared/fixtures, tech and non-tech mixed, have about 2.6 per KB.)
    std::size_t kind = rng.below(100);
    if (kind < 80) {
        // Filler with a few skills mixed in.
        std::size_t words = 8 + rng.below(13);
        for (std::size_t w = 0; w < words; ++w) {
            std::string_view word = rng.chance(0.03) ? pick(rng, kSkills) : pick(rng, kFiller);
            if (w == 0 && !word.empty() && word[0] >= 'a' && word[0] <= 'z') {
                out.push_back(static_cast<char>(word[0] - 'a' + 'A'));
                out.append(word.substr(1));
            } else {
                out.append(word);
            }
            out.push_back(w + 1 == words ? '.' : (rng.chance(0.08) ? ',' : ' '));
            if (w + 1 < words && out.back() == ',') {
                out.push_back(' ');
            }
        }
    } else if (kind < 94) {
        // A list of skills after a lead-in.
        out.append(pick(rng, kLeadIns));
        out.push_back(' ');
        std::size_t n = 2 + rng.below(4);
        for (std::size_t i = 0; i < n; ++i) {
            out.append(pick(rng, kSkills));
            out.append(i + 2 < n ? ", " : (i + 2 == n ? (rng.chance(0.5) ? " and " : " or ") : ""));
        }
        out.append(rng.chance(0.5) ? "." : " is required.");
    } else {
        out.append(pick(rng, kLookalikes));
    }
    out.append(rng.chance(0.15) ? "\n\n" : " ");
}

}  // namespace

std::uint64_t Rng::next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

std::size_t Rng::below(std::size_t n) {
    return static_cast<std::size_t>(next() % n);
}

bool Rng::chance(double p) {
    return static_cast<double>(next() >> 11) * 0x1.0p-53 < p;
}

std::string generate_description(Rng& rng, std::size_t bytes) {
    std::string out;
    out.reserve(bytes + 256);
    while (out.size() < bytes) {
        append_sentence(rng, out);
    }
    return out;
}

Listing generate_listing(Rng& rng, std::size_t index, const CorpusOptions& options) {
    Listing l;
    std::string_view source = pick(rng, kSources);
    l.source = std::string(source);
    l.id = std::string(source.substr(0, source.find(':'))) + ":" + std::to_string(index);
    l.url = "https://jobs.example.com/" + std::to_string(index);
    l.title = std::string(pick(rng, kSeniority)) + " " + std::string(pick(rng, kRoles));
    if (rng.chance(0.4)) {
        l.title += " (" + std::string(pick(rng, kSkills)) + ")";
    }
    std::size_t span = options.max_description_bytes > options.min_description_bytes
                           ? options.max_description_bytes - options.min_description_bytes
                           : 1;
    l.description = generate_description(rng, options.min_description_bytes + rng.below(span));
    l.company = std::string(pick(rng, kCompanies));
    l.posted_at = 1767225600 - static_cast<std::int64_t>(rng.below(30 * 86400));
    std::size_t tags = rng.below(7);
    for (std::size_t t = 0; t < tags; ++t) {
        l.tags.emplace_back(pick(rng, kSkills));
    }
    if (rng.chance(0.8)) {
        Budget b;
        b.kind = static_cast<BudgetKind>(rng.below(3));
        b.currency = std::string(pick(rng, kCurrencies));
        double base = b.kind == BudgetKind::Hourly ? 15.0 + static_cast<double>(rng.below(120))
                      : b.kind == BudgetKind::Fixed
                          ? 100.0 + static_cast<double>(rng.below(20000))
                          : 40000.0 + static_cast<double>(rng.below(160000));
        b.min = base;
        if (rng.chance(0.7)) {
            b.max = base * (1.2 + static_cast<double>(rng.below(80)) / 100.0);
        }
        l.budget = b;
    }
    l.experience_level = static_cast<ExperienceLevel>(rng.below(3));
    l.job_type = static_cast<JobType>(rng.below(4));
    l.remote = rng.chance(0.7);
    l.location = std::string(pick(rng, kLocations));
    if (rng.chance(0.5)) {
        ClientInfo c;
        c.country = std::string(pick(rng, kLocations));
        c.rating = static_cast<double>(rng.below(51)) / 10.0;
        c.reviews = static_cast<std::int64_t>(rng.below(300));
        c.payment_verified = rng.chance(0.8);
        c.total_spent = Money{static_cast<double>(rng.below(500000)), "USD"};
        l.client = c;
    }
    if (rng.chance(0.6)) {
        l.proposals = static_cast<std::int64_t>(rng.below(80));
    }
    return l;
}

std::vector<Listing> generate_corpus(const CorpusOptions& options) {
    Rng rng(options.seed);
    std::vector<Listing> out;
    out.reserve(options.listings);
    for (std::size_t i = 0; i < options.listings; ++i) {
        out.push_back(generate_listing(rng, i, options));
    }
    return out;
}

}  // namespace gigscout::bench
