// The details page is built from untrusted listing text: everything is escaped, nothing but
// the listing's own https link is linked, no resource is named, and the score reads as the
// CLI's words.
#include "app/listing_html.h"

#include <gtest/gtest.h>

#include "base/iso_time.h"
#include "model/currency.h"
#include "scoring/scorer.h"
#include "taxonomy/skill_extractor.h"
#include "taxonomy/taxonomy.h"

namespace gigscout {
namespace {

bool contains(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

ShownListing shown(Listing l) {
    annotate_skills(l, SkillExtractor::bundled());
    ShownListing s;
    s.row.listing = std::move(l);
    s.row.sources = {"board"};
    s.row.first_seen = 1'764'000'000;
    return s;
}

Listing hostile() {
    Listing l;
    l.id = "board:1";
    l.source = "board";
    l.url = "https://jobs.example/1";
    l.title = "<script>alert(1)</script> OpenCV & \"friends\"";
    l.company = "<img src=\"file:///etc/passwd\">";
    l.description =
        "Use OpenCV <a href=\"javascript:x()\">here</a> and <img src='http://evil.example/t.gif'>"
        "\nSecond line's text.";
    return l;
}

TEST(HtmlEscape, EscapesMarkupAndQuotesAndDropsControlCharacters) {
    EXPECT_EQ(html_escape("<a href=\"x\">&'</a>"),
              "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
    EXPECT_EQ(html_escape(std::string("a\x01"
                                      "b\tc\nd",
                                      7)),
              "ab\tc\nd");
    EXPECT_EQ(html_escape("Zürich – 5 €"), "Zürich – 5 €");
}

TEST(ListingDetailsHtml, NoTagFromTheListingSurvives) {
    std::string page = listing_details_html(shown(hostile()), 1'764'000'000, {});
    EXPECT_FALSE(contains(page, "<script")) << page;
    EXPECT_FALSE(contains(page, "<img")) << page;
    EXPECT_FALSE(contains(page, "javascript:x()\">")) << page;
    EXPECT_TRUE(contains(page, "&lt;img src=&quot;file:///etc/passwd&quot;&gt;")) << page;
    EXPECT_TRUE(contains(page, "&lt;script&gt;alert(1)&lt;/script&gt; OpenCV &amp; &quot;friends"))
        << page;
    EXPECT_TRUE(contains(page, "Second line&#39;s text.")) << page;
}

TEST(ListingDetailsHtml, TheOnlyLinkIsTheListingsOwnHttpsAddress) {
    std::string page = listing_details_html(shown(hostile()), 1'764'000'000, {});
    EXPECT_TRUE(contains(page, "<a href=\"https://jobs.example/1\">Open in browser</a>")) << page;
    std::size_t links = 0;
    for (std::size_t at = page.find("<a "); at != std::string::npos;
         at = page.find("<a ", at + 1)) {
        ++links;
    }
    EXPECT_EQ(links, 1u) << page;

    Listing plain = hostile();
    plain.url = "http://jobs.example/1";
    std::string unsafe = listing_details_html(shown(plain), 1'764'000'000, {});
    EXPECT_FALSE(contains(unsafe, "<a ")) << "a plain-http link is not offered";
}

TEST(ListingDetailsHtml, MatchedSkillsAreMarkedInTheDescriptionAndTheScoreReadsAsTheCli) {
    Listing l;
    l.id = "board:2";
    l.source = "board";
    l.url = "https://jobs.example/2";
    l.title = "Vision engineer";
    l.description = "We need OpenCV and Kubernetes.";
    ShownListing s = shown(l);
    Profile p;
    p.skills = {{"opencv", SkillLevel::Advanced, std::nullopt}};
    Scorer scorer(p, Taxonomy::bundled(), CurrencyTable::bundled(), 1'764'000'000);
    s.score = scorer.score(s.row.listing);
    std::string page = listing_details_html(s, 1'764'000'000, {});
    EXPECT_TRUE(contains(page, "<font bgcolor=\"#c8f0d2\"><b>OpenCV</b></font>")) << page;
    EXPECT_TRUE(contains(page, "<font bgcolor=\"#ffe2a8\"><b>Kubernetes</b></font>")) << page;
    EXPECT_TRUE(contains(page, "matched: OpenCV")) << page;
    const std::size_t missing = page.find("missing: ");
    ASSERT_NE(missing, std::string::npos) << page;
    EXPECT_NE(page.find("Kubernetes", missing), std::string::npos) << page;
    EXPECT_TRUE(contains(page, "<td>skill</td>")) << page;
}

TEST(PlaceholderHtml, EscapesItsMessage) {
    EXPECT_TRUE(contains(placeholder_html("a <b> c"), "a &lt;b&gt; c"));
}

}  // namespace
}  // namespace gigscout
