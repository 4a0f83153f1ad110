#include "views/listing_view.h"

#include "views/display_text.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>
#include <unordered_map>

namespace gigscout {
namespace {

// SQLite binds at most 32,766 parameters; whole listings are read by id in slices well below.
constexpr std::size_t kIdsPerRead = 500;
// Past this many ids one pass over the table (sequential pages) beats looking each one up:
// 100,000 by id took 7 s, the pass about 1.5 s.
constexpr std::size_t kReadByIdUpTo = 2000;

ListingRow row_of(const StoredListing& stored) {
    const Listing& l = stored.listing;
    ListingRow row;
    row.id = l.id;
    row.title = l.title;
    row.company = l.company;
    row.url = l.url;
    row.sources = stored.sources;
    row.posted_at = l.posted_at;
    row.budget = l.budget;
    row.first_seen = stored.first_seen;
    row.last_seen = stored.last_seen;
    row.closed_at = stored.closed_at;
    row.applied_at = stored.applied_at;
    row.content_dropped = stored.content_dropped;
    row.state = stored.state;
    row.is_new = stored.is_new;
    row.note = stored.note;
    row.state_changed_at = stored.state_changed_at;
    if (l.client) {
        row.client_country = l.client->country;
    }
    row.job_type = l.job_type;
    row.entered_seq = stored.entered_seq;
    return row;
}

// Skill ids become small indices into one list of distinct ids (ListingView::skill_ids).
class SkillIndex {
  public:
    explicit SkillIndex(std::vector<std::string>& ids) : ids_(ids) {}

    void index(const std::vector<ListingSkill>& skills, std::vector<std::uint32_t>& out) {
        out.clear();
        out.reserve(skills.size());
        for (const auto& s : skills) {
            auto [it, added] = known_.try_emplace(s.skill, static_cast<std::uint32_t>(ids_.size()));
            if (added) {
                ids_.push_back(s.skill);
            }
            out.push_back(it->second);
        }
    }

  private:
    std::vector<std::string>& ids_;
    std::unordered_map<std::string, std::uint32_t> known_;
};

// What placing a row needs, side by side: sorting these reads no row (each a cache miss at
// 100,000 rows) except the ids of rows that tie.
struct OrderEntry {
    double exact = 0;
    std::int64_t first_seen = 0;
    std::uint32_t row = 0;
    bool filtered = false;
    bool demoted = false;
};

std::vector<std::size_t> rank_order(const std::deque<ListingRow>& rows, bool scored) {
    std::vector<OrderEntry> entries(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const ListingRow& row = rows[i];
        entries[i] = {scored ? row.score->exact : 0, row.first_seen, static_cast<std::uint32_t>(i),
                      scored && row.score->filtered, scored && row.score->demoted};
    }
    auto id = [&](const OrderEntry& e, bool tie) {
        return tie ? std::string_view(rows[e.row].id) : std::string_view();
    };
    if (scored) {
        std::sort(entries.begin(), entries.end(), [&](const OrderEntry& a, const OrderEntry& b) {
            bool tie = a.filtered == b.filtered && a.demoted == b.demoted && a.exact == b.exact;
            return ranks_before({a.filtered, a.demoted, a.exact, id(a, tie)},
                                {b.filtered, b.demoted, b.exact, id(b, tie)});
        });
    } else {
        std::sort(entries.begin(), entries.end(), [&](const OrderEntry& a, const OrderEntry& b) {
            bool tie = a.first_seen == b.first_seen;
            return newest_first(a.first_seen, id(a, tie), b.first_seen, id(b, tie));
        });
    }
    std::vector<std::size_t> order(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        order[i] = entries[i].row;
    }
    return order;
}

// Reading and scoring overlap: the store's thread decodes rows into batches while a second
// thread scores the batches before it, in the order read (100,000 rows: ~360 ms of reading
// and ~250 ms of scoring became about the longer of the two). Batches are handed back empty
// and read into again, so their strings keep their capacity.
class ScoringPipeline {
  public:
    static constexpr std::size_t kBatch = 256;
    static constexpr std::size_t kInFlight = 8;

    explicit ScoringPipeline(std::function<void(const StoredListing&)> consume)
        : consume_(std::move(consume)), worker_([this] { run(); }) {}

    ~ScoringPipeline() { finish(); }

    // The store's thread: a copy of the row joins the current batch.
    void add(const StoredListing& row) {
        if (!filling_) {
            filling_ = take_free();
            filling_->used = 0;
        }
        Batch& b = *filling_;
        if (b.used == b.rows.size()) {
            b.rows.emplace_back();
        }
        b.rows[b.used++] = row;
        if (b.used == kBatch) {
            push(std::move(filling_));
        }
    }

    // Waits until every row was consumed.
    void finish() {
        if (!worker_.joinable()) {
            return;
        }
        if (filling_ && filling_->used > 0) {
            push(std::move(filling_));
        }
        {
            std::lock_guard lock(mutex_);
            done_ = true;
        }
        ready_.notify_all();
        worker_.join();
    }

  private:
    struct Batch {
        std::vector<StoredListing> rows;
        std::size_t used = 0;
    };

    std::unique_ptr<Batch> take_free() {
        std::unique_lock lock(mutex_);
        freed_.wait(lock, [&] { return !free_.empty() || made_ < kInFlight; });
        if (free_.empty()) {
            ++made_;
            return std::make_unique<Batch>();
        }
        auto b = std::move(free_.back());
        free_.pop_back();
        return b;
    }

    void push(std::unique_ptr<Batch> b) {
        {
            std::lock_guard lock(mutex_);
            full_.push_back(std::move(b));
        }
        ready_.notify_one();
    }

    void run() {
        for (;;) {
            std::unique_ptr<Batch> b;
            {
                std::unique_lock lock(mutex_);
                ready_.wait(lock, [&] { return !full_.empty() || done_; });
                if (full_.empty()) {
                    return;
                }
                b = std::move(full_.front());
                full_.pop_front();
            }
            for (std::size_t i = 0; i < b->used; ++i) {
                consume_(b->rows[i]);
            }
            {
                std::lock_guard lock(mutex_);
                free_.push_back(std::move(b));
            }
            freed_.notify_one();
        }
    }

    std::function<void(const StoredListing&)> consume_;
    std::mutex mutex_;
    std::condition_variable ready_;
    std::condition_variable freed_;
    std::deque<std::unique_ptr<Batch>> full_;
    std::vector<std::unique_ptr<Batch>> free_;
    std::size_t made_ = 0;
    bool done_ = false;
    std::unique_ptr<Batch> filling_;  // the store's thread only
    std::thread worker_;
};

}  // namespace

Result<ListingView> load_listing_view(Store& store, const ListingViewQuery& query) {
    const Scorer* scorer = query.scorer;
    ListingView view;
    SkillIndex skills(view.skill_ids);
    // One thread at a time adds rows to the view: the visit without a scorer, the pipeline's
    // worker with one.
    auto add_row = [&](const StoredListing& stored) {
        std::optional<RowScore> score;
        if (scorer) {
            Score s = scorer->score(stored.listing, ScoreDetail::Numbers);
            if ((s.filtered && !query.include_filtered) ||
                (query.min_score && s.total < *query.min_score)) {
                return;
            }
            score = RowScore{s.total, s.exact, s.filtered, {}, s.demoted};
            if (s.filtered) {
                // A refused row is shown with its reasons, which Numbers leaves out; it is
                // scored again in full now rather than read again when it is shown.
                score->reasons =
                    filter_reasons_text(scorer->score(stored.listing, ScoreDetail::Full));
            }
        }
        ListingRow& row = view.rows.emplace_back(row_of(stored));
        row.score = std::move(score);
        skills.index(stored.listing.skills, row.skills);
    };
    Result<std::int64_t> mark = std::int64_t{0};
    if (scorer) {
        ScoringPipeline pipeline(add_row);
        mark = store.visit_listings(query.filter,
                                    [&](const StoredListing& stored) { pipeline.add(stored); });
        pipeline.finish();
    } else {
        mark = store.visit_listings(query.filter, add_row);
    }
    if (!mark) {
        return mark.error();
    }
    view.look_mark = mark.value();
    view.order = rank_order(view.rows, scorer != nullptr);
    return view;
}

Result<std::vector<ShownListing>> load_shown(Store& store, const std::vector<std::string>& ids,
                                             const Scorer* scorer) {
    std::unordered_map<std::string_view, std::size_t> position;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        position.emplace(ids[i], i);
    }
    std::vector<std::optional<ShownListing>> slots(ids.size());
    // A merged copy's id finds the listing it joined, which is shown under its own id.
    // Takes a visited row by copy (it is read into again) and a loaded one by move.
    auto place = [&](auto&& row) {
        auto it = position.find(row.listing.id);
        if (it == position.end()) {
            return;
        }
        ShownListing& shown = slots[it->second].emplace();
        shown.row = std::forward<decltype(row)>(row);
        if (scorer) {
            shown.score = scorer->score(shown.row.listing, ScoreDetail::Full);
        }
    };
    if (ids.size() > kReadByIdUpTo) {
        ListingFilter everything;
        everything.include_hidden = everything.include_closed = everything.include_dropped = true;
        auto visited = store.visit_listings(everything, place);
        if (!visited) {
            return visited.error();
        }
    } else {
        for (std::size_t begin = 0; begin < ids.size(); begin += kIdsPerRead) {
            ListingFilter slice;
            auto end = ids.begin() +
                       static_cast<std::ptrdiff_t>(std::min(ids.size(), begin + kIdsPerRead));
            slice.ids.assign(ids.begin() + static_cast<std::ptrdiff_t>(begin), end);
            auto loaded = store.load_listings(slice);
            if (!loaded) {
                return loaded.error();
            }
            for (StoredListing& row : loaded.value().rows) {
                place(std::move(row));
            }
        }
    }
    std::vector<ShownListing> out;
    out.reserve(ids.size());
    for (auto& slot : slots) {
        if (slot) {
            out.push_back(std::move(*slot));
        }
    }
    return out;
}

}  // namespace gigscout
