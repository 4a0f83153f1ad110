// Display text in one style: pay, points, skill names, reasons, dates and terminal cells.
#include "views/display_text.h"

#include <gtest/gtest.h>

namespace gigscout::testing {
namespace {

constexpr std::int64_t kNoon = 1795176000;  // 2026-11-20T12:00:00Z

Budget pay(BudgetKind kind, std::optional<double> min, std::optional<double> max,
           const std::string& currency = "USD") {
    return Budget{kind, min, max, currency};
}

TEST(BudgetText, AnHourlyRangeIsDollarsWithAnEnDash) {
    EXPECT_EQ(budget_text(pay(BudgetKind::Hourly, 30.0, 50.0)), "$30–50/h");
}

TEST(BudgetText, AFixedPriceInEurosIsGroupedByThousands) {
    EXPECT_EQ(budget_text(pay(BudgetKind::Fixed, 2000.0, 2000.0, "EUR")), "€2,000 fixed");
}

TEST(BudgetText, ASalaryIsPerYear) {
    EXPECT_EQ(budget_text(pay(BudgetKind::Salary, 90000.0, 120000.0)), "$90,000–120,000/yr");
}

TEST(BudgetText, OneSidedRangesSayFromOrUpTo) {
    EXPECT_EQ(budget_text(pay(BudgetKind::Hourly, 40.0, std::nullopt)), "from $40/h");
    EXPECT_EQ(budget_text(pay(BudgetKind::Fixed, std::nullopt, 500.0)), "up to $500 fixed");
}

TEST(BudgetText, CurrenciesWithoutASymbolShowTheirCode) {
    EXPECT_EQ(budget_text(pay(BudgetKind::Fixed, 1500.0, 1500.0, "CHF")), "CHF 1,500 fixed");
    EXPECT_EQ(budget_text(pay(BudgetKind::Hourly, 800.0, 1200.0, "INR")), "₹800–1,200/h");
    EXPECT_EQ(budget_text(pay(BudgetKind::Fixed, 5000.0, 5000.0, "GBP")), "£5,000 fixed");
    EXPECT_EQ(budget_text(pay(BudgetKind::Fixed, 90000.0, 90000.0, "JPY")), "¥90,000 fixed");
}

TEST(BudgetText, CentsShowOnlyWhenThereAreCents) {
    EXPECT_EQ(budget_text(pay(BudgetKind::Hourly, 42.5, 42.5)), "$42.50/h");
    EXPECT_EQ(budget_text(pay(BudgetKind::Hourly, 42.001, 42.001)), "$42/h");
}

TEST(BudgetText, NoStatedPayIsADash) {
    EXPECT_EQ(budget_text(std::nullopt), "—");
    EXPECT_EQ(budget_text(pay(BudgetKind::Fixed, std::nullopt, std::nullopt)), "—");
}

TEST(MoneyText, GroupsThousandsAndKeepsTheSign) {
    EXPECT_EQ(money_text(1234567, "USD"), "$1,234,567");
    EXPECT_EQ(money_text(999, "EUR"), "€999");
    EXPECT_EQ(grouped_amount(-1500), "-1,500");
    EXPECT_EQ(grouped_amount(1000.25), "1,000.25");
}

TEST(PointsText, RoundsToOneDecimalWithoutSignOrTrailingZero) {
    EXPECT_EQ(points_text(12.46), "12.5");
    EXPECT_EQ(points_text(3.04), "3");
    EXPECT_EQ(points_text(-5), "5");
    EXPECT_EQ(points_text(0), "0");
}

TEST(PointsLine, AddsComponentsAndSubtractsThePenalty) {
    Score s;
    s.components = {
        {"skill", 0.8, 50, 40, ""}, {"budget", 0.5, 20, 10.25, ""}, {"penalty", 1, 30, -30, ""}};
    EXPECT_EQ(points_line(s), "skill 40 + budget 10.3 − penalty 30");
    EXPECT_EQ(points_line(Score{}), "");
}

TEST(SkillName, IsTheTaxonomysDisplayNameOrTheIdItself) {
    EXPECT_EQ(skill_name("opencv"), "OpenCV");
    EXPECT_EQ(skill_name("pytorch"), "PyTorch");
    EXPECT_EQ(skill_name("no-such-skill"), "no-such-skill");
}

TEST(SkillsText, NamesMatchedPartialAndMissingSkills) {
    Score s;
    s.matched_skills = {"opencv", "python"};
    s.partial_skills = {{"pytorch", "tensorflow"}};
    s.missing_skills = {"kubernetes"};
    EXPECT_EQ(skills_text(s),
              "matched: OpenCV, Python · partial: PyTorch (via TensorFlow) · missing: Kubernetes");
    s.matched_skills.clear();
    s.partial_skills.clear();
    EXPECT_EQ(skills_text(s), "missing: Kubernetes");
    s.missing_skills = {"kubernetes", "docker"};
    s.nice_to_have = {"docker"};
    EXPECT_EQ(skills_text(s), "missing: Kubernetes, Docker (nice to have)");
    EXPECT_EQ(skills_text(Score{}), "no skills found in the listing");
}

TEST(FilterReasonsText, JoinsTheScorersReasonsWithSemicolons) {
    Score s;
    s.filtered = true;
    s.filter_reasons = {"not remote (Berlin)", "client in India, an excluded country"};
    EXPECT_EQ(filter_reasons_text(s), "not remote (Berlin); client in India, an excluded country");
    EXPECT_EQ(filter_reasons_text(Score{}), "");
}

TEST(DateText, IsTheUtcDateAndMinute) {
    EXPECT_EQ(date_text(kNoon), "2026-11-20");
    EXPECT_EQ(date_time_text(kNoon + 5 * 60 + 59), "2026-11-20 12:05 UTC");
}

TEST(RelativeTime, CountsMinutesHoursAndDaysBeforeNow) {
    EXPECT_EQ(relative_time(kNoon - 59, kNoon), "just now");
    EXPECT_EQ(relative_time(kNoon - 60, kNoon), "1 min ago");
    EXPECT_EQ(relative_time(kNoon - 3599, kNoon), "59 min ago");
    EXPECT_EQ(relative_time(kNoon - 3600, kNoon), "1 h ago");
    EXPECT_EQ(relative_time(kNoon - 86399, kNoon), "23 h ago");
    EXPECT_EQ(relative_time(kNoon - 3 * 86400, kNoon), "3 d ago");
    EXPECT_EQ(relative_time(kNoon - 59 * 86400, kNoon), "59 d ago");
}

TEST(RelativeTime, IsTheDateFromSixtyDaysOnAndForTheFuture) {
    EXPECT_EQ(relative_time(kNoon - 60 * 86400, kNoon), "2026-09-21");
    EXPECT_EQ(relative_time(kNoon + 30, kNoon), "just now");  // a platform's clock ahead
    EXPECT_EQ(relative_time(kNoon + 86400, kNoon), "2026-11-21");
}

TEST(FitColumns, PadsShortTextWithSpaces) {
    EXPECT_EQ(fit_columns("abc", 5), "abc  ");
    EXPECT_EQ(fit_columns("", 2), "  ");
}

TEST(FitColumns, CutsLongTextWithAnEllipsisInTheLastColumn) {
    EXPECT_EQ(fit_columns("abcdef", 4), "abc…");
    EXPECT_EQ(fit_columns("abcd", 4), "abcd");
}

TEST(FitColumns, CountsCodePointsNotBytes) {
    EXPECT_EQ(fit_columns("Über café", 10), "Über café ");
    EXPECT_EQ(fit_columns("Привет мир", 7), "Привет…");
}

TEST(FitColumns, TurnsNewlinesAndTabsIntoSpaces) {
    EXPECT_EQ(fit_columns("a\nb\tc", 5), "a b c");
}

}  // namespace
}  // namespace gigscout::testing
