#include "scoring_fixtures.h"

#include <cstdlib>

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace gigscout::testing {

const Taxonomy& test_taxonomy() {
    static const Taxonomy taxonomy = [] {
        auto t = Taxonomy::parse(R"({
  "format": 1,
  "categories": [
    {"id": "language", "name": "Languages"}, {"id": "cv-library", "name": "CV libraries"},
    {"id": "dl-framework", "name": "DL frameworks"}, {"id": "cv-task", "name": "CV tasks"},
    {"id": "model", "name": "Models"}, {"id": "ml", "name": "ML"}, {"id": "web", "name": "Web"},
    {"id": "devops", "name": "DevOps"}, {"id": "practice", "name": "Practices"}
  ],
  "contexts": {},
  "skills": [
    {"id": "python", "name": "Python", "category": "language", "aliases": ["python"]},
    {"id": "opencv", "name": "OpenCV", "category": "cv-library", "aliases": ["opencv", "cv2"]},
    {"id": "deep-learning", "name": "Deep learning", "category": "ml", "aliases": ["deep learning"]},
    {"id": "pytorch", "name": "PyTorch", "category": "dl-framework", "aliases": ["pytorch", "torch"], "implies": ["deep-learning"]},
    {"id": "tensorflow", "name": "TensorFlow", "category": "dl-framework", "aliases": ["tensorflow"], "implies": ["deep-learning"]},
    {"id": "keras", "name": "Keras", "category": "dl-framework", "aliases": ["keras", "tf.keras"], "implies": ["tensorflow"]},
    {"id": "computer-vision", "name": "Computer vision", "category": "cv-task", "aliases": ["computer vision"]},
    {"id": "object-detection", "name": "Object detection", "category": "cv-task", "aliases": ["object detection"], "broader": "computer-vision"},
    {"id": "yolo", "name": "YOLO", "category": "model", "aliases": ["yolo"], "broader": "object-detection"},
    {"id": "image-processing", "name": "Image processing", "category": "cv-task", "aliases": ["image processing"], "broader": "computer-vision"},
    {"id": "scikit-image", "name": "scikit-image", "category": "cv-library", "aliases": ["scikit-image"], "implies": ["image-processing"]},
    {"id": "ros", "name": "ROS", "category": "devops", "aliases": ["ros"]},
    {"id": "react", "name": "React", "category": "web", "aliases": ["react", "reactjs"]},
    {"id": "wordpress", "name": "WordPress", "category": "web", "aliases": ["wordpress"]},
    {"id": "docker", "name": "Docker", "category": "devops", "aliases": ["docker"]},
    {"id": "agile", "name": "Agile", "category": "practice", "aliases": ["agile"]}
  ]
})",
                                 "test taxonomy");
        if (!t) {
            ADD_FAILURE() << t.error().message;
            std::abort();
        }
        return std::move(t).value();
    }();
    return taxonomy;
}

const CurrencyTable& test_currencies() {
    static const CurrencyTable table = [] {
        auto t = CurrencyTable::load(tests_dir() / "scoring" / "data" / "currency-rates.json");
        if (!t) {
            ADD_FAILURE() << t.error().message;
            std::abort();
        }
        return std::move(t).value();
    }();
    return table;
}

ProfileSkill skill(const std::string& id, SkillLevel level) {
    return ProfileSkill{id, level, std::nullopt};
}

Listing listing(const std::string& id, std::vector<ListingSkill> skills) {
    Listing l;
    l.id = id;
    l.source = "test";
    l.url = "https://example.com/" + id;
    l.title = "Listing " + id;
    l.skills = std::move(skills);
    return l;
}

}  // namespace gigscout::testing
