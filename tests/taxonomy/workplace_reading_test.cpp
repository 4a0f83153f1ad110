#include "taxonomy/workplace_reading.h"

#include <gtest/gtest.h>

#include <cstdio>

#include <string>

#include "base/utf8.h"

namespace gigscout {
namespace {

std::string office(std::string_view title, std::string_view description) {
    return office_requirement(title, description).value_or("");
}

TEST(WorkplaceReading, OfficeDaysAHybridRoleAndOnSiteLabelsAreRequirements) {
    EXPECT_EQ(office("ML Compiler Engineer",
                     "Location:\n\nHybrid, working onsite at our Toronto, Ontario headquarters 3 "
                     "days per week.\n\nThe role: build compilers."),
              "Hybrid, working onsite at our Toronto, Ontario headquarters 3 days per week");
    EXPECT_EQ(office("Analyst",
                     "We are seeking an analyst. Also, you will have to come to the "
                     "office in SYD more than once a week. Apply now!"),
              "Also, you will have to come to the office in SYD more than once a week");
    EXPECT_EQ(office("Cloud Engineer",
                     "• Based in Bangalore and willing to work from the office "
                     "3 days a week\n• Python"),
              "Based in Bangalore and willing to work from the office 3 days a week");
    EXPECT_EQ(office("Platform Architect", "Hybrid 2-3 days onsite in Dallas."),
              "Hybrid 2-3 days onsite in Dallas");
    EXPECT_EQ(office("Generative AI Engineer",
                     "Position: GenAI Engineer\nLocation: phoenix, AZ( "
                     "Hybrid)\nJob Brief"),
              "Location: phoenix, AZ( Hybrid)");
    EXPECT_EQ(office("Data Scientist (Hybrid)", "Python and SQL."), "Data Scientist (Hybrid)");
    EXPECT_EQ(office("CRM Consultant", "Please note this is onsite job role in Dubai."),
              "Please note this is onsite job role in Dubai");
    EXPECT_EQ(office("Engineer", "We offer a hybrid work setup and free snacks."),
              "We offer a hybrid work setup and free snacks");
    EXPECT_EQ(office("Engineer", "Interviews: two rounds. #LI-Hybrid"), "#LI-Hybrid");
    EXPECT_EQ(office("Spotify Engineer", "You will work out of our London office."),
              "You will work out of our London office");
    // The role placed at the employer's site (set O: a LinkedIn posting's perks list).
    EXPECT_EQ(office("ML / CV Research Engineer",
                     "* Full-time role at our WA headquarters\n* Flexible working hours"),
              "Full-time role at our WA headquarters");
    // Office days counted by the month, and a line that opens with the workplace.
    EXPECT_EQ(office("Azure Engineer", "Remote work: Yes\nOn-site : One week per month"),
              "On-site : One week per month");
    EXPECT_EQ(office("Analyst", "Hybrid: 3 times a month onsite at Makati"),
              "Hybrid: 3 times a month onsite at Makati");
    EXPECT_EQ(office("Analyst", "Hybrid as per our Lima office policy"),
              "Hybrid as per our Lima office policy");
    // A label with a dash, an in-person value, and a hybrid role that names the home it
    // includes.
    EXPECT_EQ(office("AI ML Engineer", "Location \xE2\x80\x93 San Jose, CA Hybrid (3 days WFO)"),
              "Location \xE2\x80\x93 San Jose, CA Hybrid (3 days WFO)");
    EXPECT_EQ(office("Founding Engineer", "Location: In-person in San Francisco"),
              "Location: In-person in San Francisco");
    EXPECT_EQ(office("Senior AI Engineer",
                     "This role is hybrid, done both from home and from our office."),
              "This role is hybrid, done both from home and from our office");
    // A workplace as a segment of the title, and a move to the site asked or paid for.
    EXPECT_EQ(office("Machine Learning Engineer | Python | GPU | Hybrid, San Jose, CA", ""),
              "Machine Learning Engineer | Python | GPU | Hybrid, San Jose, CA");
    EXPECT_EQ(office("Data Engineer \xE2\x80\x93 Onsite", "SQL."),
              "Data Engineer \xE2\x80\x93 Onsite");
    EXPECT_EQ(office("Member of Technical Staff",
                     "Location The role is based in the Bay Area. Candidates are expected to be "
                     "located near the Bay Area or Seattle or open to relocation."),
              "Candidates are expected to be located near the Bay Area or Seattle or open to "
              "relocation");
    EXPECT_EQ(office("Research Engineer", "Both roles require relocation to Japan."),
              "Both roles require relocation to Japan");
    // An office culture the hire joins, and an in-person role (ranking set R: a remote-only
    // profile's third place was a Forward Deployed Engineer "backed by a high-energy, in-office
    // culture across our NYC headquarters").
    EXPECT_EQ(office("Forward Deployed Engineer",
                     "We're backed by a high-energy, in-office culture across our NYC "
                     "headquarters.\nBuild voice agents."),
              "We're backed by a high-energy, in-office culture across our NYC headquarters");
    EXPECT_EQ(office("AI Lead",
                     "The role is a full-time position located at the Nordic head "
                     "office in Gothenburg."),
              "The role is a full-time position located at the Nordic head office in Gothenburg");
    EXPECT_EQ(office("Founding Engineer", "This is an in-person role in San Francisco."),
              "This is an in-person role in San Francisco");
    EXPECT_EQ(
        office("Engineer", "Our team is remote, with an in-office culture for those near HQ."), "");
    EXPECT_EQ(office("Hybrid Cloud Engineer", "AWS."), "");
    EXPECT_EQ(office("Engineer - Hybrid-Electric Vehicles", "CAN bus."), "");
    EXPECT_EQ(office("Engineer", "You must be located in the United States."), "");
    EXPECT_EQ(office("Engineer",
                     "This role is open to remote employees, or relocation "
                     "assistance is available to our offices."),
              "");
    EXPECT_EQ(office("Engineer", "Remote-first. Relocation to Berlin is optional."), "");
    EXPECT_EQ(office("Engineer", "Willing to relocate: No. Applications open now."), "");
    EXPECT_EQ(office("Engineer", "The role is hybrid or fully remote, as you prefer."), "");
    EXPECT_EQ(office("Engineer", "Our infrastructure is hybrid (AWS and on-prem)."), "");
    EXPECT_EQ(office("Engineer", "Location-based pricing for our customers."), "");
}

TEST(WorkplaceReading, LabelsRunTogetherOnOneLineAreReadByTheirValue) {
    // Some job boards flatten their fields into one line; the label's own "Remote" is no
    // alternative.
    EXPECT_EQ(office("Designer",
                     "Date Posted: April 28, 2026 Experience Level: Junior Remote "
                     "Status: On-site Role Summary - This role supports retail."),
              "Date Posted: April 28, 2026 Experience Level: Junior Remote Status: On-site Role "
              "Summary - This role supports retail");
    EXPECT_EQ(office("Consultant",
                     "Duration: | 1 year | Duty Station: | MRCS Office in Vientiane | "
                     "Reporting to: | Director"),
              "Duration: | 1 year | Duty Station: | MRCS Office in Vientiane | Reporting to: | "
              "Director");
    EXPECT_EQ(office("Consultant", "Duty Station: Home-based"), "");
    EXPECT_EQ(office("QA Engineer", "Office Location: Lisbon Office\nPython"),
              "Office Location: Lisbon Office");
    EXPECT_EQ(office("Tableau Administrator",
                     "Location: Chile (Santiago, Valparaiso, Concepcion) "
                     "- Hybrid as per company policy"),
              "Location: Chile (Santiago, Valparaiso, Concepcion) - Hybrid as per company policy");
    EXPECT_EQ(office("Engineer", "Location: Remote (US). Job type: full-time"), "");
    EXPECT_EQ(office("Engineer", "Workplace type: Remote, hybrid possible"), "");
}

TEST(WorkplaceReading, RemoteRefusedOrOnSomeDaysOnlyIsARequirement) {
    // Ranking set 79: remote named only to be refused.
    EXPECT_EQ(office("Senior Software Engineer Perception",
                     "Face-to-face collaboration is the key to success, which is why we have "
                     "decided not to become a fully remote company. We ask agencies not to "
                     "apply."),
              "Face-to-face collaboration is the key to success, which is why we have decided "
              "not to become a fully remote company");
    EXPECT_EQ(office("Analyst", "Please note: this is not a remote position."),
              "Please note: this is not a remote position");
    // Remote on some days of the week: the office on the others.
    EXPECT_EQ(office("ML Researcher - Internship",
                     "You will also benefit from:\n\u2022 1 day of remote work per week\n\u2022 "
                     "A great company culture"),
              "1 day of remote work per week");
    EXPECT_EQ(office("Engineer", "Two days from home per week, the rest with the team."),
              "Two days from home per week, the rest with the team");
    // All of them, or remote with a weekly call, is remote.
    EXPECT_EQ(office("Engineer", "Work 5 days remote per week, from anywhere."), "");
    EXPECT_EQ(office("Engineer", "Fully remote; the team meets once a week on a call."), "");
    EXPECT_EQ(office("Engineer", "We are a remote company; not remotely boring."), "");
}

TEST(WorkplaceReading, ChoicesThatIncludeRemoteAndOccasionalVisitsAreNotRequirements) {
    EXPECT_EQ(office("Engineer",
                     "Perks:\n- Remote, hybrid, and flexible work options\n- Team "
                     "off-site in fun places!"),
              "");
    EXPECT_EQ(office("Engineer",
                     "Hiring into all EMEA offices, either for hybrid work or "
                     "remotely."),
              "");
    EXPECT_EQ(office("Systems Engineer", "Available Locations: Austin, London (Hybrid or Remote)"),
              "");
    EXPECT_EQ(office("Engineer",
                     "If you live close to one of our offices, come into the office "
                     "as often as you'd like."),
              "");
    EXPECT_EQ(office("Engineer", "In some cases, employees may be required to work on-site."), "");
    EXPECT_EQ(office("Engineer", "Work from home or in the office, 2 days a week if you wish."),
              "");
    // A title offering remote as a choice is not taken back by a tag below it.
    EXPECT_EQ(office("Software Engineer - Onsite or Remote (FR, UK)", "Apply now. #LI-Hybrid"), "");
    EXPECT_EQ(office("Junior ML Engineer (Portugal Based Remote/Hybrid)", "Hybrid role."), "");
    // The words of a label inside the choice are no label (ranking set P).
    EXPECT_EQ(office("Senior Data Scientist",
                     "Location: US remote-friendly or any office location - SF, LA, CHI, NY"),
              "");
    EXPECT_EQ(office("Senior Data Scientist", "Office location - SF or LA"),
              "Office location - SF or LA");
}

TEST(WorkplaceReading, OtherHybridsAndCompanyOfficesAreNotRequirements) {
    EXPECT_EQ(office("SRE Lead", "You excel in cloud and hybrid environments."), "");
    EXPECT_EQ(office("Engineer", "Architect scalable hybrid cloud solutions."), "");
    EXPECT_EQ(office("Engineer", "Join the Hybrid Compiler team."), "");
    EXPECT_EQ(office("Engineer",
                     "An engagement through Upwork's Hybrid Workforce Solutions "
                     "team."),
              "");
    EXPECT_EQ(office("Analyst", "We have offices in London, Paris and New York."), "");
    EXPECT_EQ(office("Analyst",
                     "Headquartered in Austin, we build software. Microsoft Office "
                     "skills."),
              "");
    EXPECT_EQ(office("Events Manager", "A platform for in-person and hybrid events."), "");
    // A model of work, not a machine-learning one (ranking set 78).
    EXPECT_EQ(office("Generative AI Engineer",
                     "We work in a hybrid model, with our new offices located in Tel Aviv."),
              "We work in a hybrid model, with our new offices located in Tel Aviv");
    EXPECT_EQ(office("ML Engineer", "You will work on a hybrid model of CNNs and transformers."),
              "");
    // A technique's kind in brackets (ranking set 80), not the workplace "(Hybrid, Boston)".
    EXPECT_EQ(office("Python AI Engineer",
                     "Set up RAG pipeline with Qdrant + Typesense (hybrid search)."),
              "");
    EXPECT_EQ(office("Cloud Engineer", "Design the network (hybrid cloud, VPN)."), "");
    EXPECT_EQ(office("Data Engineer", "Boston (Hybrid 3 days)"), "Boston (Hybrid 3 days)");
    EXPECT_EQ(office("Data Engineer", "Location: Austin (on-site in our lab)"),
              "Location: Austin (on-site in our lab)");
}

TEST(WorkplaceReading, ALongRequirementIsCutAtAWord) {
    std::string description =
        "You must work from our Boston office every day of the week, which is a lovely building "
        "next to the river with a view of the bridges and the boats going by all day long.";
    std::string q = office("Analyst", description);
    ASSERT_FALSE(q.empty());
    EXPECT_LE(q.size(), 124u);
    EXPECT_TRUE(q.starts_with("You must work from our Boston office"));
    EXPECT_TRUE(q.ends_with("…")) << q;
}

// The quote becomes a listing's location: it must pass the validator however the posting is
// written.
TEST(WorkplaceReading, TheQuoteIsValidUtf8WithoutControlCharacters) {
    std::string unspaced = "Hybrid:";
    for (int i = 0; i < 60; ++i) {
        unspaced += "\xE5\x87\xBA";  // 出, three bytes, no space to cut at
    }
    std::string q = office("Engineer", unspaced);
    ASSERT_FALSE(q.empty());
    EXPECT_TRUE(utf8::is_valid(q)) << q;
    EXPECT_LE(q.size(), 124u);

    q = office("Engineer", "Hybrid:\rthree days a week in the Lisbon office");
    ASSERT_FALSE(q.empty());
    EXPECT_EQ(q.find('\r'), std::string::npos) << q;
}

// A posting's own label of its kind of employment, on a line of its own.
TEST(WorkplaceReading, TheJobTypeAPostingStatesIsRead) {
    EXPECT_EQ(stated_job_type("Location: Hyderabad\nEmployment Type: Full-time\n\nAbout"),
              JobType::FullTime);
    EXPECT_EQ(stated_job_type("Job Type: Full-Time, Remote (Eastern Time)"), JobType::FullTime);
    EXPECT_EQ(stated_job_type("\xE2\x80\xA2 Job type: Contract (6 months)"), JobType::Contract);
    EXPECT_EQ(stated_job_type("- Employment type: Part-time"), JobType::PartTime);
    EXPECT_EQ(stated_job_type("Employment: full-time contract"), JobType::Contract);
    // A choice, no label, a label in running text, or a value of no kind: nothing stated.
    EXPECT_EQ(stated_job_type("Employment Type: Full-time or Contract"), std::nullopt);
    EXPECT_EQ(stated_job_type("A full-time role building models."), std::nullopt);
    EXPECT_EQ(stated_job_type("We list the job type: full-time."), std::nullopt);
    EXPECT_EQ(stated_job_type("Job type: Remote"), std::nullopt);
    EXPECT_EQ(stated_job_type("Job type: Remote\nEmployment type: Contract"), JobType::Contract);
}

std::string pay(std::string_view description) {
    auto b = stated_pay(description);
    if (!b) {
        return "";
    }
    const char* kind = b->kind == BudgetKind::Hourly   ? "hourly"
                       : b->kind == BudgetKind::Salary ? "salary"
                                                       : "fixed";
    char out[96];
    std::snprintf(out, sizeof out, "%s %.0f-%.0f %s", kind, b->min.value_or(-1),
                  b->max.value_or(-1), b->currency.c_str());
    return out;
}

// A posting's own pay line (ranking set S: a remote job board's prompt engineer paid "Monthly
// Rate: $2500-3350", about 20 USD an hour, ranked first for a profile asking 30).
// Where the role itself is based, by a place's name; not a country with an article, not a
// choice with remote, not a team's base (ranking sets M, N and S).
TEST(WorkplaceReading, ThePlaceARoleIsBasedInIsRead) {
    auto site = [](std::string_view d) { return stated_site(d).value_or(""); };
    EXPECT_EQ(site("Work with customers. This role is based in Paris, with an internship duration "
                   "of 3 to 6 months. We are open to CIFRE programs."),
              "This role is based in Paris, with an internship duration of 3 to 6 months");
    EXPECT_EQ(site("Where You'll Be\n- This role is based in London or Stockholm\n- Perks"),
              "This role is based in London or Stockholm");
    EXPECT_EQ(site("The position will be based in Dublin or London and reports to the lead."),
              "The position will be based in Dublin or London and reports to the lead");
    EXPECT_EQ(site("This is a full-time role based with the rest of the team in New York City."),
              "This is a full-time role based with the rest of the team in New York City");
    EXPECT_EQ(site("This is a full-time role based in Sunnyvale or Israel."),
              "This is a full-time role based in Sunnyvale or Israel");
    EXPECT_EQ(site("This role is based in the US."), "");
    EXPECT_EQ(site("This role is based in Berlin or remote within Germany."), "");
    EXPECT_EQ(site("Our team is based in Paris, Buenos Aires and Miami."), "");
    EXPECT_EQ(site("Data-driven decisions based in Python notebooks."), "");
}

TEST(WorkplaceReading, ThePayAPostingStatesIsRead) {
    EXPECT_EQ(pay("Role: Applied AI Engineer\n\nMonthly Rate: $2500-3350\n\nAvailability: 40 "
                  "hours/week"),
              "salary 30000-40200 USD");
    EXPECT_EQ(pay("\xE2\x80\xA2 Salary: $120-150k"), "salary 120000-150000 USD");
    EXPECT_EQ(pay("Salary range: 60,000 \xE2\x80\x93 80,000 EUR per year"),
              "salary 60000-80000 EUR");
    EXPECT_EQ(pay("Hourly rate: $40/hr"), "hourly 40-40 USD");
    EXPECT_EQ(pay("Pay: \xC2\xA3"
                  "25 - \xC2\xA3"
                  "30 per hour"),
              "hourly 25-30 GBP");
    EXPECT_EQ(pay("Budget: $500"), "fixed 500-500 USD");
    EXPECT_EQ(pay("Compensation: $4,000 a month"), "salary 48000-48000 USD");
    EXPECT_EQ(pay("Salary: Up to $90k per year"), "salary -1-90000 USD");
    // "From" states the bottom only (ranking set 77's job-board internships).
    EXPECT_EQ(pay("Pay: From \u20B915,000.00 per month"), "salary 180000--1 INR");
    EXPECT_EQ(pay("Pay: \u20B95,000.00 - \u20B98,000.00 per month"), "salary 60000-96000 INR");
    EXPECT_EQ(pay("Salary: EUR 60,000 - 80,000 per year"), "salary 60000-80000 EUR");
    // An internship's stipend (ranking set 77: "Stipend: ₹30,000 – ₹50,000 per month", about
    // $2–3.50 an hour, ranked eighth for a profile asking $15).
    EXPECT_EQ(pay("Stipend: \u20B930,000 \xE2\x80\x93 \u20B950,000 per month"),
              "salary 360000-600000 INR");
    // No period, no currency, no label at a line's start, or no amount: nothing stated.
    EXPECT_EQ(pay("Rate: $45"), "");
    EXPECT_EQ(pay("Salary: 120000"), "");
    EXPECT_EQ(pay("We raised $20M. Our budget: $5M for compute."), "");
    EXPECT_EQ(pay("Salary: competitive, with equity"), "");
    EXPECT_EQ(pay("Pay: $20-10 per hour"), "");
}

}  // namespace
}  // namespace gigscout
