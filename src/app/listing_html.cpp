#include "app/listing_html.h"

#include <algorithm>
#include <set>

#include "taxonomy/skill_extractor.h"
#include "views/display_text.h"

namespace gigscout {
namespace {

void fact(std::string& out, std::string_view label, const std::string& value) {
    if (value.empty()) {
        return;
    }
    out += "<tr><td><font color=\"#808080\">";
    out += html_escape(label);
    out += "</font></td><td>";
    out += html_escape(value);
    out += "</td></tr>";
}

std::string level_text(const Listing& l) {
    return l.experience_level ? std::string(to_string(*l.experience_level)) : "";
}

std::string client_text(const Listing& l) {
    if (!l.client) {
        return "";
    }
    std::string out = l.client->country;
    if (l.client->rating) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f★", *l.client->rating);
        out += (out.empty() ? "" : ", ") + std::string(buf);
    }
    if (l.client->reviews) {
        out += " (" + std::to_string(*l.client->reviews) + " reviews)";
    }
    if (l.client->payment_verified && *l.client->payment_verified) {
        out += (out.empty() ? "" : ", ") + std::string("payment verified");
    }
    return out;
}

// The description with every skill the extractor finds marked: the profile's matches in
// green, the skills it lacks in amber. Offsets come from the extractor over this same text,
// so a mark never splits a character.
std::string highlighted_description(const Listing& l, const Score* score,
                                    const DetailsStyle& style) {
    std::set<std::string, std::less<>> matched;  // less<>: looked up by string_view
    std::set<std::string, std::less<>> missing;
    if (score != nullptr) {
        matched.insert(score->matched_skills.begin(), score->matched_skills.end());
        for (const auto& p : score->partial_skills) {
            matched.insert(p.skill);
        }
        missing.insert(score->missing_skills.begin(), score->missing_skills.end());
    }
    const char* good = style.dark ? "#1e5a32" : "#c8f0d2";
    const char* lack = style.dark ? "#6a4a10" : "#ffe2a8";
    std::string out;
    std::size_t at = 0;
    for (const auto& span : SkillExtractor::bundled().extract(l.description)) {
        if (span.begin < at || span.end > l.description.size()) {
            continue;
        }
        const char* colour = matched.count(span.skill)   ? good
                             : missing.count(span.skill) ? lack
                                                         : nullptr;
        if (colour == nullptr) {
            continue;
        }
        out += html_escape(std::string_view(l.description).substr(at, span.begin - at));
        out += "<font bgcolor=\"";
        out += colour;
        out += "\"><b>";
        out +=
            html_escape(std::string_view(l.description).substr(span.begin, span.end - span.begin));
        out += "</b></font>";
        at = span.end;
    }
    out += html_escape(std::string_view(l.description).substr(at));
    // Paragraphs as the listing wrote them.
    std::string with_breaks;
    for (char c : out) {
        if (c == '\n') {
            with_breaks += "<br>";
        } else {
            with_breaks += c;
        }
    }
    return with_breaks;
}

bool is_https(std::string_view url) {
    return url.size() > 8 && url.substr(0, 8) == "https://";
}

}  // namespace

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char c : text) {
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
            case '\'':
                out += "&#39;";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') {
                    break;
                }
                out += c;
        }
    }
    return out;
}

std::string listing_details_html(const ShownListing& shown, std::int64_t now,
                                 const DetailsStyle& style) {
    const StoredListing& row = shown.row;
    const Listing& l = row.listing;
    const Score* score = shown.score ? &*shown.score : nullptr;
    std::string out = "<html><body>";
    if (row.content_dropped) {
        out +=
            "<p><i>The platform's terms let GigScout keep only this listing's link; open it "
            "to read it.</i></p>";
    }
    out += "<h3>" + html_escape(l.title.empty() ? l.id : l.title) + "</h3>";
    std::string sources;
    for (const auto& s : row.sources) {
        sources += (sources.empty() ? "" : ", ") + s;
    }
    out += "<p>" + html_escape(l.company.empty() ? sources : l.company + " · " + sources);
    if (is_https(l.url)) {
        out += " · <a href=\"" + html_escape(l.url) + "\">Open in browser</a>";
    }
    out += "</p>";

    if (score != nullptr) {
        out += "<p><b>Why this score</b></p>";
        out += "<p><font size=\"+1\"><b>" + std::to_string(score->total) + "</b></font> / 100";
        if (score->filtered) {
            out += " &nbsp;<font color=\"#c03030\"><b>refused by your profile:</b> " +
                   html_escape(filter_reasons_text(*score)) + "</font>";
        }
        out += "<br><font color=\"#808080\">" + html_escape(points_line(*score)) + "</font></p>";
        out += "<table cellspacing=\"0\" cellpadding=\"2\">";
        for (const auto& c : score->components) {
            std::string sign = c.points < 0 ? "−" : "+";
            out += "<tr><td>" + html_escape(c.name) + "</td><td align=\"right\">" + sign +
                   points_text(c.points) + "</td><td>" + html_escape(c.reason) + "</td></tr>";
        }
        out += "</table>";
        out += "<p>" + html_escape(skills_text(*score)) + "</p>";
    }

    out += "<p><b>The listing</b></p><table cellspacing=\"0\" cellpadding=\"2\">";
    fact(out, "Pay", l.budget ? budget_text(l.budget) : "");
    if (l.posted_at) {
        fact(out, "Posted",
             relative_time(*l.posted_at, now) + " (" + date_text(*l.posted_at) + ")");
    }
    fact(out, "First seen", relative_time(row.first_seen, now));
    fact(out, "Job type", l.job_type ? std::string(to_string(*l.job_type)) : "");
    fact(out, "Level", level_text(l));
    fact(out, "Remote", l.remote ? (*l.remote ? "yes" : "no") : "");
    fact(out, "Location", l.location);
    fact(out, "Client", client_text(l));
    fact(out, "Proposals", l.proposals ? std::to_string(*l.proposals) : "");
    std::string state(to_string(row.state));
    if (row.applied_at && row.state == ListingState::Applied) {
        state += " on " + date_text(*row.applied_at);
    }
    if (row.closed_at) {
        state += ", closed " + date_text(*row.closed_at);
    }
    fact(out, "State", state);
    fact(out, "Note", row.note);
    out += "</table>";

    if (!l.description.empty()) {
        out += "<hr><p>" + highlighted_description(l, score, style) + "</p>";
    }
    out += "</body></html>";
    return out;
}

std::string placeholder_html(std::string_view message) {
    return "<html><body><p><font color=\"#808080\">" + html_escape(message) +
           "</font></p></body></html>";
}

}  // namespace gigscout
