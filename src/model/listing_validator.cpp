#include "model/listing_validator.h"

#include <cmath>
#include <string>
#include <vector>

#include "base/utf8.h"
#include "model/currency.h"

namespace gigscout {
namespace {

using L = ListingLimits;

class Checker {
  public:
    void text(const char* field, std::string_view s, std::size_t max, bool allow_newlines) {
        if (s.size() > max) {
            add(field,
                "longer than " + std::to_string(max) + " bytes (" + std::to_string(s.size()) + ")");
            return;
        }
        if (!utf8::is_valid(s)) {
            add(field, "is not valid UTF-8");
            return;
        }
        for (unsigned char c : s) {
            bool allowed = c >= 0x20 || c == '\t' || (allow_newlines && (c == '\n' || c == '\r'));
            if (!allowed || c == 0x7f) {
                add(field, "contains a control character");
                return;
            }
        }
    }
    void required(const char* field, std::string_view s) {
        bool blank = true;
        for (char c : s) {
            blank = blank && (c == ' ' || c == '\t' || c == '\n' || c == '\r');
        }
        if (blank) {
            add(field, "is required");
        }
    }
    void amount(const char* field, const std::optional<double>& v, double max) {
        if (!v) {
            return;
        }
        if (!std::isfinite(*v) || *v < 0 || *v > max) {
            add(field, "must be between 0 and " + std::to_string(static_cast<long long>(max)) +
                           ", got " + std::to_string(*v));
        }
    }
    void count(const char* field, const std::optional<std::int64_t>& v) {
        if (v && (*v < 0 || *v > L::kMaxCount)) {
            add(field, "must be between 0 and " + std::to_string(L::kMaxCount) + ", got " +
                           std::to_string(*v));
        }
    }
    void currency(const char* field, const std::string& code) {
        if (code.empty()) {
            add(field, "is required when a budget is given (ISO 4217 code such as USD)");
        } else if (!CurrencyTable::bundled().is_known(code)) {
            add(field, "unknown ISO 4217 currency code " + utf8::quoted(code, 60));
        }
    }
    void add(const char* field, const std::string& what) {
        if (!message_.empty()) {
            message_ += "; ";
        }
        message_ += "field `";
        message_ += field;
        message_ += "`: " + what;
    }
    Status result() const {
        if (message_.empty()) {
            return Ok{};
        }
        return Error{message_};
    }

  private:
    std::string message_;
};

}  // namespace

bool is_http_url(std::string_view url) {
    std::string_view rest;
    if (url.size() >= 8 && (url.substr(0, 8) == "https://" || url.substr(0, 8) == "HTTPS://")) {
        rest = url.substr(8);
    } else if (url.size() >= 7 &&
               (url.substr(0, 7) == "http://" || url.substr(0, 7) == "HTTP://")) {
        rest = url.substr(7);
    } else {
        return false;
    }
    for (unsigned char c : url) {
        if (c <= 0x20 || c == 0x7f) {
            return false;
        }
    }
    std::size_t host_end = rest.find_first_of("/?#");
    std::string_view authority = rest.substr(0, host_end);
    // Credentials in URLs are refused: they leak into logs and exports.
    if (authority.empty() || authority.find('@') != std::string_view::npos) {
        return false;
    }
    return authority[0] != ':';
}

std::string posted_at_problem(std::int64_t posted_at, std::int64_t now) {
    if (posted_at < L::kEarliestPosted) {
        return "is before 1995-01-01";
    }
    if (posted_at > now + L::kFutureSlackSeconds) {
        return "is more than two days in the future";
    }
    return {};
}

Status validate_listing(const Listing& l, std::int64_t now) {
    Checker c;
    c.required("id", l.id);
    c.text("id", l.id, L::kIdBytes, false);
    c.text("source", l.source, L::kSourceBytes, false);
    c.required("title", l.title);
    c.text("title", l.title, L::kTitleBytes, false);
    c.required("url", l.url);
    if (!l.url.empty()) {
        if (l.url.size() > L::kUrlBytes) {
            c.add("url", "longer than " + std::to_string(L::kUrlBytes) + " bytes");
        } else if (!is_http_url(l.url)) {
            c.add("url", "must be an http or https URL, got " + utf8::quoted(l.url, 60));
        }
    }
    c.text("description", l.description, L::kDescriptionBytes, true);
    c.text("company", l.company, L::kShortTextBytes, false);
    c.text("location", l.location, L::kShortTextBytes, false);
    if (l.posted_at) {
        if (std::string problem = posted_at_problem(*l.posted_at, now); !problem.empty()) {
            c.add("posted_at", problem);
        }
    }
    if (l.budget) {
        const Budget& b = *l.budget;
        double max = b.kind == BudgetKind::Hourly ? L::kMaxHourly : L::kMaxAmount;
        c.amount("budget.min", b.min, max);
        c.amount("budget.max", b.max, max);
        if (b.min && b.max && *b.min > *b.max) {
            c.add("budget", "min (" + std::to_string(*b.min) + ") is greater than max (" +
                                std::to_string(*b.max) + ")");
        }
        c.currency("budget.currency", b.currency);
    }
    if (l.tags.size() > L::kTags) {
        c.add("tags", "more than " + std::to_string(L::kTags) + " tags");
    } else {
        for (std::size_t i = 0; i < l.tags.size(); ++i) {
            std::string field = "tags[" + std::to_string(i) + "]";
            c.required(field.c_str(), l.tags[i]);
            c.text(field.c_str(), l.tags[i], L::kTagBytes, false);
        }
    }
    if (l.client) {
        const ClientInfo& k = *l.client;
        c.text("client.country", k.country, L::kShortTextBytes, false);
        if (k.rating && (!std::isfinite(*k.rating) || *k.rating < 0 || *k.rating > 5)) {
            c.add("client.rating", "must be between 0 and 5, got " + std::to_string(*k.rating));
        }
        c.count("client.reviews", k.reviews);
        if (k.total_spent) {
            c.amount("client.total_spent.amount", k.total_spent->amount, L::kMaxAmount);
            c.currency("client.total_spent.currency", k.total_spent->currency);
        }
    }
    c.count("proposals", l.proposals);
    return c.result();
}

}  // namespace gigscout
