#include "scoring/work_kind.h"

#include <gtest/gtest.h>

#include <string>

#include "taxonomy/taxonomy.h"

namespace gigscout {
namespace {

std::string kind_of(std::string_view title) {
    const WorkKind* kind = work_kind_of_title(title);
    return kind == nullptr ? "" : std::string(kind->name);
}

TEST(WorkKind, TheTitlesLastRoleNounNamesTheKind) {
    EXPECT_EQ(kind_of("Research Paper Writer on AI/ML (No AI Tools)"), "writing");
    EXPECT_EQ(kind_of("Senior Account Executive, Enterprise"), "sales");
    EXPECT_EQ(kind_of("Territory Sales Representative Southeast"), "sales");
    EXPECT_EQ(kind_of("UK Support Specialist"), "support");
    EXPECT_EQ(kind_of("Principal 3D Character Artist"), "art");
    EXPECT_EQ(kind_of("CFO"), "finance");
    EXPECT_EQ(kind_of("Virtual assistant for e-commerce"), "assistant");
    EXPECT_EQ(kind_of("Technical Recruiter (AI)"), "recruiting");
    EXPECT_EQ(kind_of("Freelance Copywriter"), "writing");
    EXPECT_EQ(kind_of("Japanese Translator"), "translation");
    // Customer success, account and partner managers, SDRs (ranking sets R, S and T: every one
    // graded 0 for every profile).
    EXPECT_EQ(kind_of("Senior Customer Success Specialist - GenAI, AWS Specialist"), "support");
    EXPECT_EQ(kind_of("Founding Scaled Customer Success Manager"), "support");
    EXPECT_EQ(kind_of("Commercial Account Manager"), "sales");
    EXPECT_EQ(kind_of("Partner Manager"), "sales");
    EXPECT_EQ(kind_of("Founding SDR and Customer Success"), "sales");
}

TEST(WorkKind, EngineeringAndModifiersNameNoKind) {
    EXPECT_EQ(kind_of("Senior Computer Vision Engineer"), "");
    EXPECT_EQ(kind_of("Sales Engineer, Computer Vision"), "");
    EXPECT_EQ(kind_of("Writer Tools Developer"), "");
    EXPECT_EQ(kind_of("Image processing tutor for a university student"), "");
    // A bare "Sales" names the role only where its part of the title ends.
    EXPECT_EQ(kind_of("Client Partner Enterprise Platform Sales"), "sales");
    EXPECT_EQ(kind_of("Head of Sales - EMEA"), "sales");
    EXPECT_EQ(kind_of("Sales Dashboard in Power BI"), "");
    EXPECT_EQ(kind_of("Salesforce Administrator"), "");
    EXPECT_EQ(kind_of(""), "");
}

TEST(WorkKind, EveryKindsSkillsAreInTheTaxonomy) {
    for (const WorkKind& kind : work_kinds()) {
        EXPECT_FALSE(kind.skills.empty()) << kind.name;
        for (std::string_view id : kind.skills) {
            EXPECT_NE(Taxonomy::bundled().find(id), nullptr) << kind.name << ": " << id;
        }
    }
}

}  // namespace
}  // namespace gigscout
