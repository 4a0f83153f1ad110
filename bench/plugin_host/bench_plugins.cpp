// bench_plugins: plugin parse throughput through the real sandbox (worker round trip included)
// for a large RemoteOK-like JSON feed and a large We Work Remotely-like RSS feed, run through
// the real plugins (plugins/remoteok/init.lua, plugins/weworkremotely/init.lua), against Python's
// json plus the same normalisation, and python3-feedparser, on the same bytes (python_baseline.py,
// run with /usr/bin/python3). Also the worker's start and call costs.
// Both sides time the same way: N passes over all pages in one warm process (here one worker,
// started and loaded before the clocks start), best of N (5 with --quick, whose passes are
// short enough for noise to matter; 3 for the ten pages). CPU time is this process plus its
// worker. The first pass on the fresh worker is shown as well.
//   bench_plugins [--quick]     (--quick: one 2 MB page per feed instead of ten)
//   bench_plugins --write-pages DIR   (only writes the generated pages, for profiling)
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "base/iso_time.h"
#include "plugin_host/plugin_session.h"

namespace gigscout {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kPageBytes = 2u << 20;
const std::int64_t kNow = *parse_iso8601("2026-11-25T12:00:00Z");

// Deterministic: the same pages on every run and machine.
class Rng {
  public:
    std::uint64_t next() {
        s_ ^= s_ >> 12;
        s_ ^= s_ << 25;
        s_ ^= s_ >> 27;
        return s_ * 2685821657736338717ull;
    }
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
    template <class T>
    const T& pick(const std::vector<T>& v) {
        return v[below(v.size())];
    }
    bool chance(int percent) { return below(100) < static_cast<std::size_t>(percent); }

  private:
    std::uint64_t s_ = 0x9E3779B97F4A7C15ull;
};

const std::vector<std::string> kCompanies = {
    "Acme Robotics", "Vision Forge",     "Pixel & Partners", "Müller Imaging GmbH",
    "Lumen Labs",    "DeepSight",        "Orbital Data",     "Café Metrics",
    "Northwind AI",  "Quanta Perception"};
const std::vector<std::string> kRoles = {"Senior Computer Vision Engineer",
                                         "Machine Learning Engineer",
                                         "Backend Developer (Go)",
                                         "C++ Perception Engineer",
                                         "Data Scientist",
                                         "DevOps Engineer",
                                         "Full-Stack Developer",
                                         "Image Processing Specialist",
                                         "MLOps Engineer",
                                         "Robotics Software Engineer"};
const std::vector<std::string> kSkills = {
    "python", "c++",        "opencv",    "pytorch",         "tensorflow",    "cuda",
    "docker", "kubernetes", "aws",       "computer vision", "deep learning", "react",
    "golang", "sql",        "full-time", "contract"};
const std::vector<std::string> kSentences = {
    "We’re building perception systems that see the world as people do.",
    "You will design, train and ship models that run on edge devices in real time.",
    "Our stack is Python, C++ and CUDA, with PyTorch for research & TensorRT in production.",
    "Experience with OpenCV, camera calibration and multi-view geometry is a big plus.",
    "You’ll work closely with a small, senior team across three time zones.",
    "We value clear writing, careful code review and shipping often.",
    "The role is fully remote; we meet twice a year in Zürich or Lisbon.",
    "Compensation includes equity, a home-office budget and 30 days of paid leave.",
    "You have 5+ years building production software and can own a feature end to end.",
    "Bonus: you’ve published at CVPR, ICCV or ECCV, or maintained an open-source library."};
const std::vector<std::string> kLocations = {
    "Worldwide", "Europe", "USA", "Remote (EU time zones)", "Berlin, Germany", "Anywhere"};

// UTF-8 read as Latin-1 and encoded again, as Remote OK serves many descriptions.
std::string mojibake(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

std::string description_html(Rng& rng) {
    std::string html = "<p><strong>" + rng.pick(kCompanies) + "</strong> is hiring.</p>";
    int paragraphs = 6 + static_cast<int>(rng.below(8));
    for (int p = 0; p < paragraphs; ++p) {
        html += "<p>";
        int sentences = 3 + static_cast<int>(rng.below(4));
        for (int s = 0; s < sentences; ++s) {
            html += rng.pick(kSentences) + " ";
        }
        html += "</p>";
        if (rng.chance(40)) {
            html += "<ul>";
            for (int i = 0; i < 4; ++i) {
                html += "<li>" + rng.pick(kSkills) + " &amp; " + rng.pick(kSkills) + "</li>";
            }
            html += "</ul>";
        }
    }
    return html;
}

std::string remoteok_page(Rng& rng, int page) {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    auto str = [&](const char* k, const std::string& v) {
        w.Key(k);
        w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
    };
    w.StartArray();
    w.StartObject();
    str("last_updated", "1772870000");
    str("legal", "API Terms of Service: please link back to the job on Remote OK.");
    w.EndObject();
    for (int i = 0; buf.GetSize() < kPageBytes; ++i) {
        std::string id = std::to_string(1000000 + page * 10000 + i);
        std::string role = rng.pick(kRoles);
        std::string company = rng.pick(kCompanies);
        std::string desc = description_html(rng);
        if (rng.chance(20)) {
            desc = "<p>Salary: $" + std::to_string(90 + rng.below(60)) + "k</p>" + desc;
        }
        desc +=
            "<p>Please mention the word **BRAVO** and tag RMTAxLjIuMy40 when applying to show "
            "you read the job post completely (#RMTAxLjIuMy40).</p>";
        bool mangled = rng.chance(30);
        w.StartObject();
        str("slug", "remote-job-" + id);
        str("id", id);
        w.Key("epoch");
        w.Int64(kNow - 86400 * static_cast<std::int64_t>(1 + rng.below(60)));
        str("date", "2026-11-01T00:00:00+00:00");
        str("company", mangled ? mojibake(company) : company);
        str("company_logo", "https://remoteok.com/assets/img/jobs/" + id + ".png");
        str("position", role);
        w.Key("tags");
        w.StartArray();
        for (int t = 0; t < 5; ++t) {
            const std::string& tag = rng.pick(kSkills);
            w.String(tag.data(), static_cast<rapidjson::SizeType>(tag.size()));
        }
        w.EndArray();
        str("description", mangled ? mojibake(desc) : desc);
        str("location", rng.pick(kLocations));
        w.Key("salary_min");
        w.Int(rng.chance(50) ? 0 : 80000 + static_cast<int>(rng.below(40)) * 1000);
        w.Key("salary_max");
        w.Int(rng.chance(50) ? 0 : 130000 + static_cast<int>(rng.below(40)) * 1000);
        str("apply_url", "https://remoteok.com/remote-jobs/" + id);
        str("url", "https://remoteok.com/remote-jobs/remote-job-" + id);
        w.EndObject();
    }
    w.EndArray();
    return {buf.GetString(), buf.GetSize()};
}

std::string xml_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string wwr_page(Rng& rng, int page) {
    static const char* const kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    std::string out =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
        "xmlns:media=\"http://search.yahoo.com/mrss\">\n<channel>\n<title>We Work Remotely: "
        "Remote jobs</title>\n<link>https://weworkremotely.com/remote-jobs.rss</link>\n"
        "<description>Remote jobs</description>\n<ttl>60</ttl>\n";
    for (int i = 0; out.size() < kPageBytes; ++i) {
        std::string id = std::to_string(page * 10000 + i);
        std::string link = "https://weworkremotely.com/remote-jobs/job-" + id;
        std::string desc = "<p><strong>Headquarters:</strong> " + rng.pick(kLocations) +
                           "<br /><strong>URL:</strong> <a href=\"https://example.com\">"
                           "https://example.com</a></p>" +
                           description_html(rng) + "<p><b>To apply:</b> " + link + "</p>";
        int day = 1 + static_cast<int>(rng.below(24));
        out += "<item>\n<media:content url=\"https://wwr-pro.s3.amazonaws.com/logos/" + id +
               ".png\" type=\"image/png\"/>\n<title>" + xml_escape(rng.pick(kCompanies)) + ": " +
               xml_escape(rng.pick(kRoles)) +
               "</title>\n<region>Anywhere in the World</region>\n<country>🇺🇸 United States, "
               "and 🇩🇪 Germany</country>\n<state></state>\n<skills>" +
               rng.pick(kSkills) + ", " + rng.pick(kSkills) + ", and " + rng.pick(kSkills) +
               "</skills>\n<category>Programming</category>\n<type>Full-Time</type>\n"
               "<description>" +
               xml_escape(desc) + "</description>\n<pubDate>" + kDays[day % 7] + ", " +
               std::to_string(day) + " Nov 2026 10:" + std::to_string(10 + i % 50) +
               ":00 +0000</pubDate>\n<guid>" + link + "</guid>\n<link>" + link +
               "</link>\n</item>\n";
    }
    out += "</channel>\n</rss>\n";
    return out;
}

struct Run {
    double seconds = 0;      // wall clock
    double cpu_seconds = 0;  // host + worker CPU time
    double worker_cpu_seconds = 0;
    std::size_t bytes = 0;
    std::size_t listings = 0;
    std::size_t rejected = 0;
};

struct Passes {
    Run best;  // the best pass, as python_baseline.py's best_of
    Run cold;  // the first pass alone: a fresh worker, whose heap is still new
};

struct Cpu {
    double host = 0;
    double worker = 0;
};

// CPU time of this process and of the session's running worker (read from its CPU clock, so it
// needs neither a reap nor a fresh worker per pass).
Cpu cpu_now(PluginSession& session) {
    timespec self{};
    ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &self);
    auto worker = session.worker_cpu_time();
    if (!worker) {
        std::fprintf(stderr, "bench_plugins: cannot read the plugin worker's CPU time\n");
        std::exit(1);
    }
    return {static_cast<double>(self.tv_sec) + static_cast<double>(self.tv_nsec) / 1e9,
            std::chrono::duration<double>(*worker).count()};
}

// `passes` passes over every page through one worker, the way python_baseline.py runs each of
// its functions --repeat times in one interpreter: the worker is started and the plugin loaded
// before the clocks start (that cost is reported on its own), and the responses are ready
// beforehand.
Passes run_plugin(const fs::path& plugin, const std::vector<std::string>& pages, int passes) {
    std::vector<PluginResponse> responses(pages.size());
    for (std::size_t i = 0; i < pages.size(); ++i) {
        responses[i].body = pages[i];
    }
    PluginContext ctx;
    ctx.now = kNow;
    PluginSession session(plugin);
    if (!session.load()) {
        std::fprintf(stderr, "bench_plugins: cannot load %s\n", plugin.c_str());
        std::exit(1);
    }
    Passes out;
    out.best.seconds = 1e9;
    out.best.cpu_seconds = 1e9;
    for (int rep = 0; rep < passes; ++rep) {
        Run r;
        Cpu cpu_before = cpu_now(session);
        auto start = Clock::now();
        for (std::size_t i = 0; i < responses.size(); ++i) {
            ctx.page = static_cast<int>(i + 1);
            auto o = session.parse(responses[i], ctx);
            if (!o) {
                std::fprintf(stderr, "bench_plugins: %s\n", o.error().message.c_str());
                std::exit(1);
            }
            r.listings += o.value().listings.size();
            r.rejected += o.value().problems.size();
            r.bytes += responses[i].body.size();
        }
        r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
        Cpu cpu_after = cpu_now(session);
        r.worker_cpu_seconds = cpu_after.worker - cpu_before.worker;
        r.cpu_seconds = cpu_after.host - cpu_before.host + r.worker_cpu_seconds;
        if (session.worker_starts() != 1) {
            std::fprintf(stderr, "bench_plugins: the worker was restarted during a pass\n");
            std::exit(1);
        }
        if (rep == 0) {
            out.cold = r;
        }
        out.best.seconds = std::min(out.best.seconds, r.seconds);
        if (r.cpu_seconds < out.best.cpu_seconds) {
            out.best.cpu_seconds = r.cpu_seconds;
            out.best.worker_cpu_seconds = r.worker_cpu_seconds;
        }
        out.best.bytes = r.bytes;
        out.best.listings = r.listings;
        out.best.rejected = r.rejected;
    }
    return out;
}

std::string quote(const std::string& s) {
    return "'" + s + "'";
}

std::string run_command(const std::string& command) {
    std::string out;
    FILE* p = ::popen(command.c_str(), "r");
    if (p == nullptr) {
        return out;
    }
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) {
        out.append(buf, n);
    }
    int status = ::pclose(p);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        return {};
    }
    return out;
}

void print_row(const char* name, double cpu, double wall, std::size_t bytes, std::size_t listings) {
    std::printf("  %-44s CPU %6.3f s %7.1f MB/s %8.0f listings/s | wall %6.3f s %7.1f MB/s\n", name,
                cpu, static_cast<double>(bytes) / 1e6 / cpu, static_cast<double>(listings) / cpu,
                wall, static_cast<double>(bytes) / 1e6 / wall);
}

void print_run(const char* name, const Run& r) {
    print_row(name, r.cpu_seconds, r.seconds, r.bytes, r.listings);
    std::printf("  %-44s     (worker %.3f s, host %.3f s)\n", "", r.worker_cpu_seconds,
                r.cpu_seconds - r.worker_cpu_seconds);
}

void print_ratio(const Run& ours, const rapidjson::Value& theirs, double target) {
    double cpu_ratio = theirs["cpu_seconds"].GetDouble() / ours.cpu_seconds;
    double wall_ratio = theirs["seconds"].GetDouble() / ours.seconds;
    std::printf("  ratio: %.1fx by CPU time, %.1fx by wall clock (target >= %.0fx): %s\n",
                cpu_ratio, wall_ratio, target, cpu_ratio >= target ? "met" : "NOT met");
}

}  // namespace
}  // namespace gigscout

int main(int argc, char** argv) {
    using namespace gigscout;
    bool quick = argc > 1 && std::string(argv[1]) == "--quick";
    bool write_only = argc > 2 && std::string(argv[1]) == "--write-pages";
    int page_count = quick ? 1 : 10;
    int passes = quick ? 5 : 3;  // on both sides
    fs::path plugins = fs::path(GIGSCOUT_SOURCE_DIR) / "plugins";
    fs::path script =
        fs::path(GIGSCOUT_SOURCE_DIR) / "bench" / "plugin_host" / "python_baseline.py";
    fs::path dir = write_only ? fs::path(argv[2])
                              : fs::temp_directory_path() /
                                    ("gigscout-bench-plugins-" + std::to_string(::getpid()));
    fs::create_directories(dir);

    Rng rng;
    std::vector<std::string> json_pages, rss_pages;
    std::string json_args, rss_args;
    for (int i = 0; i < page_count; ++i) {
        json_pages.push_back(remoteok_page(rng, i));
        rss_pages.push_back(wwr_page(rng, i));
        fs::path jp = dir / ("remoteok-" + std::to_string(i) + ".json");
        fs::path rp = dir / ("wwr-" + std::to_string(i) + ".rss");
        std::ofstream(jp, std::ios::binary) << json_pages.back();
        std::ofstream(rp, std::ios::binary) << rss_pages.back();
        json_args += " " + quote(jp.string());
        rss_args += " " + quote(rp.string());
    }

    if (write_only) {
        return 0;
    }

    // The worker: start + load, and one warm call with almost no work.
    double best_start = 1e9;
    for (int i = 0; i < 5; ++i) {
        PluginSession s(plugins / "remoteok");
        auto start = Clock::now();
        if (!s.load()) {
            std::fprintf(stderr, "bench_plugins: cannot load remoteok.lua\n");
            return 1;
        }
        best_start =
            std::min(best_start, std::chrono::duration<double>(Clock::now() - start).count());
    }
    PluginSession remoteok(plugins / "remoteok");
    PluginResponse empty;
    empty.body = "[]";
    (void)remoteok.parse(empty, {});
    auto warm_start = Clock::now();
    constexpr int kWarmCalls = 50;
    for (int i = 0; i < kWarmCalls; ++i) {
        (void)remoteok.parse(empty, {});
    }
    double warm = std::chrono::duration<double>(Clock::now() - warm_start).count() / kWarmCalls;

    Passes json_passes = run_plugin(plugins / "remoteok", json_pages, passes);
    Passes rss_passes = run_plugin(plugins / "weworkremotely", rss_pages, passes);
    const Run& json_run = json_passes.best;
    const Run& rss_run = rss_passes.best;

    std::string py = run_command("/usr/bin/python3 " + quote(script.string()) + " --now " +
                                 std::to_string(kNow) + " --repeat " + std::to_string(passes) +
                                 " --json" + json_args + " --rss" + rss_args);
    fs::remove_all(dir);
    rapidjson::Document baseline;
    baseline.Parse(py.c_str());
    bool have_python = !baseline.HasParseError() && baseline.IsObject();

    std::printf(
        "plugin worker: start + load remoteok.lua %.1f ms (best of 5); warm call round "
        "trip %.2f ms\n",
        best_start * 1000, warm * 1000);
    std::printf(
        "JSON feed (RemoteOK-like): %d page(s), %.1f MB, %zu listings valid, %zu rejected\n",
        page_count, static_cast<double>(json_run.bytes) / 1e6, json_run.listings,
        json_run.rejected);
    print_run("GigScout: plugins/remoteok/init.lua, sandboxed", json_run);
    print_run("  its first pass (fresh worker)", json_passes.cold);
    if (have_python) {
        const auto& j = baseline["json"];
        print_row("Python: json.loads + same normalisation", j["cpu_seconds"].GetDouble(),
                  j["seconds"].GetDouble(), json_run.bytes, j["listings"].GetUint64());
        print_ratio(json_run, j, 3);
    }
    std::printf(
        "RSS feed (We Work Remotely-like): %d page(s), %.1f MB, %zu listings valid, %zu "
        "rejected\n",
        page_count, static_cast<double>(rss_run.bytes) / 1e6, rss_run.listings, rss_run.rejected);
    print_run("GigScout: plugins/weworkremotely/init.lua, sandboxed", rss_run);
    print_run("  its first pass (fresh worker)", rss_passes.cold);
    if (have_python) {
        const auto& f = baseline["feedparser"];
        print_row("Python: feedparser + same normalisation", f["cpu_seconds"].GetDouble(),
                  f["seconds"].GetDouble(), rss_run.bytes, f["listings"].GetUint64());
        print_ratio(rss_run, f, 10);
    } else {
        std::printf("  (no Python baseline: /usr/bin/python3 with python3-feedparser is needed)\n");
    }
    return 0;
}
