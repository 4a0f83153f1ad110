// A pasted board address becomes a source: the bundled plugin whose url_patterns match, with
// the settings its url_settings read from the address; an address no plugin claims goes to the
// generic rss (feeds) or jobposting (pages) plugin. Real board addresses, over the real bundled
// plugins; and adding and removing in a real sources.json.
#include "workspace/source_from_url.h"

#include <gtest/gtest.h>

#include <map>

#include "support/test_support.h"

namespace gigscout {
namespace {

const PluginCatalog& bundled() {
    static const PluginCatalog catalog(testing::source_dir() / "plugins", std::nullopt);
    return catalog;
}

struct Pasted {
    std::string url;
    std::string id;  // the source made
    std::map<std::string, std::string> settings;
};

class PastedAddress : public ::testing::TestWithParam<Pasted> {};

TEST_P(PastedAddress, FindsThePluginAndFillsItsSettings) {
    const Pasted& p = GetParam();
    auto made = source_from_url(bundled(), p.url);
    ASSERT_TRUE(made.ok()) << p.url << ": " << made.error().message;
    EXPECT_EQ(made.value().source.id, p.id) << p.url;
    EXPECT_EQ(made.value().source.settings, p.settings) << p.url;
    EXPECT_EQ(made.value().generic, p.id.rfind("rss:", 0) == 0 || p.id.rfind("jobposting:", 0) == 0)
        << p.url;
}

// Each bundled plugin with url_patterns, by the addresses its boards really have.
INSTANTIATE_TEST_SUITE_P(
    BoardsOfEachBundledPlugin, PastedAddress,
    ::testing::Values(
        Pasted{"https://boards.greenhouse.io/gitlab", "greenhouse:gitlab", {{"board", "gitlab"}}},
        Pasted{"https://boards.greenhouse.io/anthropic/jobs/4020305008",
               "greenhouse:anthropic",
               {{"board", "anthropic"}}},
        Pasted{"https://job-boards.greenhouse.io/waymo/jobs/6212345?gh_jid=6212345",
               "greenhouse:waymo",
               {{"board", "waymo"}}},
        Pasted{"https://boards.greenhouse.io/embed/job_board?for=skydio&b=https%3A%2F%2Fskydio.com",
               "greenhouse:skydio",
               {{"board", "skydio"}}},
        Pasted{"https://boards-api.greenhouse.io/v1/boards/discord/jobs?content=true",
               "greenhouse:discord",
               {{"board", "discord"}}},
        Pasted{"HTTPS://Boards.Greenhouse.io/Figma", "greenhouse:figma", {{"board", "Figma"}}},
        Pasted{"https://jobs.lever.co/spotify", "lever:spotify", {{"site", "spotify"}}},
        Pasted{"https://jobs.lever.co/palantir/3f1c2a9e-1234-4bcd-9e0f-abcdefabcdef/apply",
               "lever:palantir",
               {{"site", "palantir"}}},
        Pasted{"https://jobs.eu.lever.co/personio#open-positions",
               "lever:personio",
               {{"site", "personio"}, {"region", "eu"}}},
        Pasted{"https://jobs.ashbyhq.com/ramp", "ashby:ramp", {{"board", "ramp"}}},
        Pasted{"https://jobs.ashbyhq.com/openai/0b8a1a2e-7f2b-4c3e-9a55-1f0c6d2e7a11",
               "ashby:openai",
               {{"board", "openai"}}},
        Pasted{"https://remoteok.com/remote-python-jobs", "remoteok", {}},
        Pasted{"https://weworkremotely.com/categories/remote-programming-jobs.rss",
               "weworkremotely",
               {}},
        Pasted{"https://news.ycombinator.com/item?id=42575537", "hackernews", {}},
        Pasted{"https://himalayas.app/jobs/python", "himalayas", {}},
        Pasted{"https://remotive.com/remote-jobs/software-dev", "remotive", {}},
        Pasted{"https://jobicy.com/jobs", "jobicy", {}},
        Pasted{"https://www.arbeitnow.com/jobs/companies/acme", "arbeitnow", {}},
        Pasted{"https://www.freelancer.com/projects/python/opencv-pipeline", "freelancer", {}},
        Pasted{"https://www.toptal.com/freelance-jobs/developers", "toptal", {}},
        Pasted{"https://www.usajobs.gov/job/812345600", "usajobs", {}},
        Pasted{"https://www.adzuna.co.uk/jobs/details/4512345678", "adzuna", {}},
        Pasted{"https://www.upwork.com/jobs/~01a2b3c4d5e6f7", "upwork", {}}),
    [](const auto& info) { return "board_" + std::to_string(info.index); });

// Addresses that look close to a board's but are not: a generic plugin reads them.
INSTANTIATE_TEST_SUITE_P(
    AddressesNoPluginClaims, PastedAddress,
    ::testing::Values(Pasted{"https://boards.greenhouse.io.evil.example/gitlab",
                             "jobposting:boards-greenhouse-io-evil-example",
                             {{"url", "https://boards.greenhouse.io.evil.example/gitlab"}}},
                      Pasted{"https://greenhouse.io/careers",
                             "jobposting:greenhouse-io",
                             {{"url", "https://greenhouse.io/careers"}}},
                      Pasted{"https://jobs.lever.co.example.com/spotify",
                             "jobposting:jobs-lever-co-example-com",
                             {{"url", "https://jobs.lever.co.example.com/spotify"}}},
                      Pasted{"https://notjobs.ashbyhq.com/ramp",
                             "jobposting:notjobs-ashbyhq-com",
                             {{"url", "https://notjobs.ashbyhq.com/ramp"}}},
                      Pasted{
                          "https://weworkremotely.com/remote-jobs/acme-vision-engineer",
                          "jobposting:weworkremotely-com",
                          {{"url", "https://weworkremotely.com/remote-jobs/acme-vision-engineer"}}},
                      Pasted{"https://news.ycombinator.com/jobs",
                             "jobposting:news-ycombinator-com",
                             {{"url", "https://news.ycombinator.com/jobs"}}},
                      Pasted{"https://www.example-board.com/jobs.rss",
                             "rss:example-board-com",
                             {{"url", "https://www.example-board.com/jobs.rss"}}},
                      Pasted{"https://blog.robotics.example/feed/",
                             "rss:blog-robotics-example",
                             {{"url", "https://blog.robotics.example/feed/"}}},
                      Pasted{"https://careers.acme.example/jobs?team=vision",
                             "jobposting:careers-acme-example",
                             {{"url", "https://careers.acme.example/jobs?team=vision"}}}),
    [](const auto& info) { return "not_a_board_" + std::to_string(info.index); });

TEST(SourceFromUrl, SaysWhatItChoseAndWhy) {
    auto gh = source_from_url(bundled(), "https://boards.greenhouse.io/gitlab");
    ASSERT_TRUE(gh.ok());
    EXPECT_EQ(gh.value().how,
              "plugin greenhouse (its url_patterns match); settings: board = gitlab");
    auto feed = source_from_url(bundled(), "http://jobs.example.org/feed.xml");
    ASSERT_TRUE(feed.ok());
    EXPECT_EQ(feed.value().how,
              "no plugin knows this address; it looks like a feed (RSS or Atom), so the rss "
              "plugin reads it (for a page, use --plugin jobposting); settings: url = "
              "http://jobs.example.org/feed.xml; plain http allowed for this source (allow_http)");
    EXPECT_TRUE(feed.value().source.allow_http);
    auto page = source_from_url(bundled(), "https://careers.acme.example/jobs");
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page.value().how,
              "no plugin knows this address; it looks like a page, so the jobposting plugin "
              "reads the schema.org JobPosting data in it (for a feed, use --plugin rss); "
              "settings: url = https://careers.acme.example/jobs");
}

TEST(SourceFromUrl, TheUserMayNameTheSourceAndChooseTheGenericPlugin) {
    auto named = source_from_url(bundled(), "https://jobs.lever.co/spotify", "music");
    ASSERT_TRUE(named.ok());
    EXPECT_EQ(named.value().source.id, "lever:music");
    EXPECT_EQ(named.value().source.instance, "music");
    EXPECT_EQ(
        source_from_url(bundled(), "https://jobs.lever.co/spotify", "lever:sp").value().source.id,
        "lever:sp");
    EXPECT_EQ(source_from_url(bundled(), "https://remoteok.com/", "remoteok").value().source.id,
              "remoteok");
    auto forced =
        source_from_url(bundled(), "https://careers.acme.example/jobs", std::nullopt, "rss");
    ASSERT_TRUE(forced.ok()) << forced.error().message;
    EXPECT_EQ(forced.value().source.id, "rss:careers-acme-example");
    EXPECT_EQ(forced.value().source.settings.at("url"), "https://careers.acme.example/jobs");
    EXPECT_EQ(forced.value().how,
              "plugin rss (as asked); settings: url = https://careers.acme.example/jobs");
}

TEST(SourceFromUrl, WhatCannotBeASourceIsAnErrorThatSaysWhy) {
    auto bad = [](std::string_view url, const std::optional<std::string>& name = std::nullopt,
                  const std::optional<std::string>& plugin = std::nullopt) {
        auto r = source_from_url(bundled(), url, name, plugin);
        return r.ok() ? std::string("(no error)") : r.error().message;
    };
    EXPECT_EQ(bad("boards.greenhouse.io/gitlab"),
              "expected a board's address: an http or https URL with a host name, got "
              "\"boards.greenhouse.io/gitlab\"");
    EXPECT_EQ(bad("ftp://example.com/jobs.rss"),
              "expected a board's address: an http or https URL with a host name, got "
              "\"ftp://example.com/jobs.rss\"");
    EXPECT_EQ(bad("https://boards.greenhouse.io/"),
              "plugin greenhouse knows this address but it names no board: paste one like "
              "https://boards.greenhouse.io/embed/job_board?for={board}*");
    EXPECT_EQ(bad("https://jobs.lever.co/spotify", "Big Name"),
              "--id Big Name: a name must be lower-case letters, digits, - and _");
    EXPECT_EQ(bad("https://jobs.lever.co/spotify", "greenhouse:x"),
              "--id greenhouse:x: the address is for plugin lever, so the id must be lever or "
              "lever:NAME");
    EXPECT_EQ(bad("https://x.example/", std::nullopt, "nope"),
              "--plugin nope: no such plugin is installed and usable (gigscout-cli plugin list)");
}

TEST(SourceFromUrl, AddsToSourcesJsonAndRemovesAgain) {
    testing::TempDir dir;
    auto paths = Paths::resolve(dir.path());
    ASSERT_TRUE(paths.ok()) << paths.error().message;
    auto opened = Workspace::open(paths.value());
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    Workspace& w = opened.value();
    const auto defaults = w.sources().value().size();
    ASSERT_GT(defaults, 0u) << "without a file, the bundled defaults";

    auto made = source_from_url(w.catalog(), "https://jobs.eu.lever.co/personio");
    ASSERT_TRUE(made.ok());
    ASSERT_TRUE(add_source(w, made.value().source).ok());
    auto file = load_sources(paths.value().sources_file());
    ASSERT_TRUE(file.ok() && file.value().exists);
    ASSERT_EQ(file.value().sources.size(), defaults + 1) << "the defaults became the file";
    const SourceConfig& added = file.value().sources.back();
    EXPECT_EQ(added.id, "lever:personio");
    EXPECT_EQ(added.instance, "personio");
    EXPECT_EQ(added.settings,
              (std::map<std::string, std::string>{{"region", "eu"}, {"site", "personio"}}));

    auto twice = add_source(w, made.value().source);
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().message, "source `lever:personio` is already configured in " +
                                         paths.value().sources_file().string() +
                                         " (give it another name with --id, or remove it first)");

    auto removed = remove_source(w, "lever:personio");
    ASSERT_TRUE(removed.ok()) << removed.error().message;
    EXPECT_EQ(removed.value().plugin, "lever");
    EXPECT_EQ(load_sources(paths.value().sources_file()).value().sources.size(), defaults);
    auto gone = remove_source(w, "lever:personio");
    ASSERT_FALSE(gone.ok());
    EXPECT_EQ(gone.error().message.rfind("no configured source named `lever:personio`; the "
                                         "configured sources are: ",
                                         0),
              0u)
        << gone.error().message;
}

}  // namespace
}  // namespace gigscout
