#include "dedupe/listing_dedupe.h"

#include <algorithm>
#include <array>
#include <numeric>
#include <unordered_map>

#include "base/ascii.h"

namespace gigscout {
namespace {

// ASCII letters and digits as std::isalnum gives them in the "C" locale, without its call
// per byte (shingling is most of what a dedupe costs).
bool is_word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

// Splits into lower-case words of letters/digits (UTF-8 bytes count as letters).
std::vector<std::string> words(std::string_view s) {
    std::vector<std::string> out;
    std::string cur;
    for (unsigned char c : s) {
        if (is_word_byte(c)) {
            cur += ascii::to_lower(static_cast<char>(c));
        } else if (!cur.empty()) {
            out.push_back(std::move(cur));
            cur.clear();
        }
    }
    if (!cur.empty()) {
        out.push_back(std::move(cur));
    }
    return out;
}

std::string join(const std::vector<std::string>& ws) {
    std::string out;
    for (const auto& w : ws) {
        if (!out.empty()) {
            out += ' ';
        }
        out += w;
    }
    return out;
}

std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 1469598103934665603ULL) {
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

struct UnionFind {
    std::vector<std::size_t> parent;
    explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
    std::size_t find(std::size_t x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }
    void unite(std::size_t a, std::size_t b) { parent[find(a)] = find(b); }
};

}  // namespace

std::string canonical_url(std::string_view url) {
    std::string u = std::string(url);
    if (auto hash = u.find('#'); hash != std::string::npos) {
        u.erase(hash);
    }
    std::string_view rest = u;
    if (auto scheme = rest.find("://"); scheme != std::string_view::npos) {
        rest.remove_prefix(scheme + 3);
    }
    std::size_t host_end = rest.find_first_of("/?");
    std::string host = ascii::to_lower(rest.substr(0, host_end));
    if (host.rfind("www.", 0) == 0) {
        host.erase(0, 4);
    }
    std::string path(host_end == std::string_view::npos ? "" : rest.substr(host_end));
    std::string query;
    if (auto q = path.find('?'); q != std::string::npos) {
        // Keep parameters that identify the job; drop tracking ones.
        std::string kept;
        std::string_view params = std::string_view(path).substr(q + 1);
        while (!params.empty()) {
            std::size_t amp = params.find('&');
            std::string_view p = params.substr(0, amp);
            std::string key = ascii::to_lower(p.substr(0, p.find('=')));
            bool tracking = key.rfind("utm_", 0) == 0 || key == "ref" || key == "source" ||
                            key == "src" || key == "gh_src" || key == "lever-source" ||
                            key == "fbclid" || key == "gclid";
            if (!tracking && !p.empty()) {
                kept += kept.empty() ? "?" : "&";
                kept += p;
            }
            if (amp == std::string_view::npos) {
                break;
            }
            params.remove_prefix(amp + 1);
        }
        query = kept;
        path.erase(q);
    }
    while (path.size() > 1 && path.back() == '/') {
        path.pop_back();
    }
    if (path == "/") {
        path.clear();
    }
    return host + path + query;
}

std::string normalised_company(std::string_view company) {
    static constexpr std::array<std::string_view, 14> kSuffixes = {
        "inc", "llc",     "ltd", "limited", "gmbh", "corp", "corporation",
        "co",  "company", "plc", "ag",      "sa",   "bv",   "srl"};
    auto ws = words(company);
    while (ws.size() > 1 &&
           std::find(kSuffixes.begin(), kSuffixes.end(), ws.back()) != kSuffixes.end()) {
        ws.pop_back();
    }
    return join(ws);
}

std::string normalised_title(std::string_view title) {
    std::string t(title);
    // Platform suffixes and parentheses carry no identity: "(Remote)", "(m/f/d)", "- Upwork".
    for (std::string_view suffix : {" - Upwork", " | Upwork", " - Freelancer"}) {
        if (t.size() >= suffix.size() &&
            t.compare(t.size() - suffix.size(), suffix.size(), suffix.data(), suffix.size()) == 0) {
            t.erase(t.size() - suffix.size());
        }
    }
    std::string no_parens;
    int depth = 0;
    for (char c : t) {
        if (c == '(' || c == '[') {
            ++depth;
        } else if ((c == ')' || c == ']') && depth > 0) {
            --depth;
        } else if (depth == 0) {
            no_parens += c;
        }
    }
    auto ws = words(no_parens);
    std::erase_if(ws, [](const std::string& w) { return w == "remote" || w == "fully"; });
    return join(ws);
}

std::vector<std::uint64_t> description_shingles(std::string_view text) {
    // The words' places in `text` rather than copies (a refresh and an import shingle every
    // description, ~3 KB each): the hash of "w1 w2 w3" lower-cased, as words() would give it.
    struct Span {
        std::size_t begin, end;
    };
    std::vector<Span> ws;
    ws.reserve(text.size() / 6);
    for (std::size_t i = 0; i < text.size();) {
        if (!is_word_byte(static_cast<unsigned char>(text[i]))) {
            ++i;
            continue;
        }
        const std::size_t begin = i;
        while (i < text.size() && is_word_byte(static_cast<unsigned char>(text[i]))) {
            ++i;
        }
        ws.push_back({begin, i});
    }
    std::vector<std::uint64_t> out;
    if (ws.size() < 3) {
        return out;
    }
    auto hash_word = [&](const Span& w, std::uint64_t h) {
        for (std::size_t i = w.begin; i < w.end; ++i) {
            h ^= static_cast<unsigned char>(ascii::to_lower(text[i]));
            h *= 1099511628211ULL;
        }
        return h;
    };
    out.reserve(ws.size() - 2);
    for (std::size_t i = 0; i + 2 < ws.size(); ++i) {
        std::uint64_t h = hash_word(ws[i], 1469598103934665603ULL);
        h = fnv1a(" ", h);
        h = hash_word(ws[i + 1], h);
        h = fnv1a(" ", h);
        out.push_back(hash_word(ws[i + 2], h));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

double shingle_similarity(const std::vector<std::uint64_t>& a,
                          const std::vector<std::uint64_t>& b) {
    if (a.empty() || b.empty()) {
        return 0;
    }
    std::size_t common = 0;
    auto i = a.begin();
    auto j = b.begin();
    while (i != a.end() && j != b.end()) {
        if (*i < *j) {
            ++i;
        } else if (*j < *i) {
            ++j;
        } else {
            ++common;
            ++i;
            ++j;
        }
    }
    return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

std::string_view to_string(DuplicateReason r) {
    switch (r) {
        case DuplicateReason::SameUrl:
            return "same url";
        case DuplicateReason::SameCompanyAndTitle:
            return "same company and title";
        case DuplicateReason::SameTitleSimilarText:
            return "same title, similar description";
        case DuplicateReason::SimilarText:
            return "near-identical description";
    }
    return "?";
}

std::vector<DuplicateGroup> find_duplicates(const std::vector<Listing>& listings,
                                            const std::vector<std::int64_t>& rank,
                                            const DedupeThresholds& th) {
    const std::size_t n = listings.size();
    struct Key {
        std::string url, company, title;
        std::vector<std::uint64_t> shingles;
    };
    std::vector<Key> keys(n);
    for (std::size_t i = 0; i < n; ++i) {
        keys[i].url = canonical_url(listings[i].url);
        keys[i].company = normalised_company(listings[i].company);
        keys[i].title = normalised_title(listings[i].title);
        keys[i].shingles = description_shingles(listings[i].description);
    }
    UnionFind uf(n);
    std::vector<std::pair<std::size_t, DuplicateReason>> why(n, {n, DuplicateReason::SameUrl});
    auto link = [&](std::size_t a, std::size_t b, DuplicateReason r) {
        if (uf.find(a) != uf.find(b)) {
            uf.unite(a, b);
            why[b] = {a, r};
        }
    };
    // Companies that differ, both known, rule a pair out unless the url says otherwise.
    auto companies_conflict = [&](std::size_t a, std::size_t b) {
        return !keys[a].company.empty() && !keys[b].company.empty() &&
               keys[a].company != keys[b].company;
    };

    std::unordered_map<std::string, std::size_t> by_url;
    std::unordered_map<std::string, std::vector<std::size_t>> by_title;
    for (std::size_t i = 0; i < n; ++i) {
        if (!keys[i].url.empty()) {
            auto [it, fresh] = by_url.emplace(keys[i].url, i);
            if (!fresh) {
                link(it->second, i, DuplicateReason::SameUrl);
            }
        }
        if (!keys[i].title.empty()) {
            by_title[keys[i].title].push_back(i);
        }
    }
    for (const auto& [title, members] : by_title) {
        for (std::size_t x = 0; x < members.size(); ++x) {
            for (std::size_t y = x + 1; y < members.size(); ++y) {
                std::size_t a = members[x];
                std::size_t b = members[y];
                if (companies_conflict(a, b)) {
                    continue;
                }
                if (!keys[a].company.empty() && keys[a].company == keys[b].company) {
                    link(a, b, DuplicateReason::SameCompanyAndTitle);
                } else if (shingle_similarity(keys[a].shingles, keys[b].shingles) >=
                           th.same_title_description) {
                    link(a, b, DuplicateReason::SameTitleSimilarText);
                }
            }
        }
    }
    // Near-identical long descriptions under different titles: candidates share one of their
    // four smallest shingle hashes (a bottom-k sketch), so this stays near-linear.
    std::unordered_map<std::uint64_t, std::vector<std::size_t>> by_sketch;
    for (std::size_t i = 0; i < n; ++i) {
        if (keys[i].shingles.size() < th.min_shingles) {
            continue;
        }
        for (std::size_t k = 0; k < 4 && k < keys[i].shingles.size(); ++k) {
            by_sketch[keys[i].shingles[k]].push_back(i);
        }
    }
    for (const auto& [hash, members] : by_sketch) {
        if (members.size() > 200) {
            continue;  // boilerplate shared by a whole board, not evidence of one job
        }
        for (std::size_t x = 0; x < members.size(); ++x) {
            for (std::size_t y = x + 1; y < members.size(); ++y) {
                std::size_t a = members[x];
                std::size_t b = members[y];
                if (uf.find(a) == uf.find(b) || companies_conflict(a, b)) {
                    continue;
                }
                if (shingle_similarity(keys[a].shingles, keys[b].shingles) >= th.description_only) {
                    link(a, b, DuplicateReason::SimilarText);
                }
            }
        }
    }

    auto better = [&](std::size_t a, std::size_t b) {
        std::int64_t ra = a < rank.size() ? rank[a] : 0;
        std::int64_t rb = b < rank.size() ? rank[b] : 0;
        if (ra != rb) {
            return ra < rb;
        }
        std::int64_t pa = listings[a].posted_at.value_or(INT64_MAX);
        std::int64_t pb = listings[b].posted_at.value_or(INT64_MAX);
        if (pa != pb) {
            return pa < pb;
        }
        return listings[a].id < listings[b].id;
    };
    std::unordered_map<std::size_t, std::vector<std::size_t>> members;
    for (std::size_t i = 0; i < n; ++i) {
        members[uf.find(i)].push_back(i);
    }
    std::vector<DuplicateGroup> groups;
    for (auto& [root, m] : members) {
        if (m.size() < 2) {
            continue;
        }
        DuplicateGroup g;
        g.keep = *std::min_element(m.begin(), m.end(), better);
        for (std::size_t i : m) {
            if (i == g.keep) {
                continue;
            }
            g.duplicates.push_back(i);
            // The reason recorded when i joined; the kept one may differ from its partner.
            g.reasons.push_back(why[i].first < n ? why[i].second : why[g.keep].second);
        }
        groups.push_back(std::move(g));
    }
    std::sort(groups.begin(), groups.end(),
              [](const DuplicateGroup& a, const DuplicateGroup& b) { return a.keep < b.keep; });
    return groups;
}

std::vector<Listing> merge_duplicates(std::vector<Listing> listings,
                                      const std::vector<DuplicateGroup>& groups) {
    std::vector<bool> drop(listings.size(), false);
    for (const auto& g : groups) {
        Listing& keep = listings[g.keep];
        for (std::size_t d : g.duplicates) {
            const Listing& dup = listings[d];
            keep.merged.push_back({dup.id, dup.source, dup.url});
            for (const auto& m : dup.merged) {
                keep.merged.push_back(m);
            }
            if (!keep.budget && dup.budget) {
                keep.budget = dup.budget;
            }
            if (keep.company.empty()) {
                keep.company = dup.company;
            }
            if (dup.posted_at && (!keep.posted_at || *dup.posted_at < *keep.posted_at)) {
                keep.posted_at = dup.posted_at;
            }
            if (keep.description.size() < dup.description.size() / 2) {
                keep.description = dup.description;
            }
            for (const auto& t : dup.tags) {
                if (std::find(keep.tags.begin(), keep.tags.end(), t) == keep.tags.end() &&
                    keep.tags.size() < 100) {
                    keep.tags.push_back(t);
                }
            }
            for (const auto& s : dup.skills) {
                auto it = std::find_if(keep.skills.begin(), keep.skills.end(),
                                       [&](const ListingSkill& k) { return k.skill == s.skill; });
                if (it == keep.skills.end()) {
                    keep.skills.push_back(s);
                } else if (static_cast<int>(s.origin) < static_cast<int>(it->origin)) {
                    it->origin = s.origin;
                }
            }
            drop[d] = true;
        }
    }
    std::vector<Listing> out;
    out.reserve(listings.size());
    for (std::size_t i = 0; i < listings.size(); ++i) {
        if (!drop[i]) {
            out.push_back(std::move(listings[i]));
        }
    }
    return out;
}

}  // namespace gigscout
