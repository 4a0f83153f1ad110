#include "app/sources_list.h"
#include "app/wx_text.h"

#include <wx/intl.h>
#include <wx/menu.h>
#include <wx/settings.h>

#include "views/display_text.h"

namespace gigscout {

SourcesList::SourcesList(wxWindow* parent)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                 wxLC_REPORT | wxLC_SINGLE_SEL | wxBORDER_NONE) {
    AppendColumn(_("Source"), wxLIST_FORMAT_LEFT, FromDIP(130));
    AppendColumn(_("State"), wxLIST_FORMAT_LEFT, FromDIP(190));
    AppendColumn(_("Last refresh"), wxLIST_FORMAT_LEFT, FromDIP(85));
    AppendColumn(_("Listings"), wxLIST_FORMAT_RIGHT, FromDIP(60));
    AppendColumn(_("Last error"), wxLIST_FORMAT_LEFT, FromDIP(520));
    Bind(wxEVT_LIST_ITEM_RIGHT_CLICK, [this](wxListEvent& e) { context_menu(e.GetIndex()); });
}

void SourcesList::set_rows(const std::vector<SourceRow>& rows, std::int64_t now) {
    lines_.clear();
    for (const auto& r : rows) {
        Line line;
        line.source = r.id;
        line.state = r.state_text;
        if (!r.deprecated.empty()) {
            line.state += " (deprecated: " + r.deprecated + ")";
        }
        line.when = r.last_refresh_at ? relative_time(*r.last_refresh_at, now) : "never";
        line.listings = std::to_string(r.open_listings);
        line.error = r.health == SourceHealth::Ok ? "" : r.last_error;
        if (r.suspicious) {
            line.error = r.suspicious_text + (line.error.empty() ? "" : "; " + line.error);
        }
        line.failed = r.health == SourceHealth::Failing || r.health == SourceHealth::Unusable ||
                      r.health == SourceHealth::Paused || r.suspicious;
        line.paused = r.health == SourceHealth::Paused && r.consecutive_failures > 0;
        lines_.push_back(std::move(line));
    }
    show();
}

void SourcesList::update(const SourceProgress& p, std::int64_t now) {
    auto it = std::find_if(lines_.begin(), lines_.end(),
                           [&](const Line& l) { return l.source == p.source; });
    if (it == lines_.end()) {
        lines_.push_back(Line{p.source, "", "", "", "", false});
        it = lines_.end() - 1;
    }
    it->state = std::string(to_string(p.state));
    if (p.state == SourceState::Fetching) {
        it->state += " p" + std::to_string(p.pages + 1);
    }
    it->listings = std::to_string(p.listings);
    it->failed = p.state == SourceState::Failed || p.state == SourceState::Partial;
    it->running = p.state == SourceState::Queued || p.state == SourceState::Loading ||
                  p.state == SourceState::Fetching || p.state == SourceState::Parsing;
    if (p.state == SourceState::Done || p.state == SourceState::Partial ||
        p.state == SourceState::Failed) {
        it->when = relative_time(now, now);
        it->error = p.error;
    } else if (p.state == SourceState::Skipped) {
        it->error = p.error;
    }
    show();
}

void SourcesList::end_all(std::int64_t) {
    for (auto& l : lines_) {
        if (l.running) {
            l.state = "cancelled";
            l.running = false;
        }
    }
    show();
}

std::string SourcesList::state_of(const std::string& source) const {
    for (const auto& l : lines_) {
        if (l.source == source) {
            return l.state;
        }
    }
    return "";
}

bool SourcesList::paused(const std::string& source) const {
    for (const auto& l : lines_) {
        if (l.source == source) {
            return l.paused;
        }
    }
    return false;
}

void SourcesList::context_menu(long row) {
    if (row < 0 || static_cast<std::size_t>(row) >= lines_.size()) {
        return;
    }
    const std::string source = lines_[static_cast<std::size_t>(row)].source;
    wxMenu menu;
    // Ids of this menu alone, bound on it: nothing else sees them.
    const int resume = wxID_HIGHEST + 401;
    const int manage = wxID_HIGHEST + 402;
    menu.Append(resume, wxString::Format(_("&Resume %s"), utf8(source)));
    menu.Enable(resume, paused(source) && on_resume);
    menu.Append(manage, _("&Manage sources…"));
    menu.Bind(
        wxEVT_MENU, [this, source](wxCommandEvent&) { on_resume(source); }, resume);
    menu.Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { on_manage(); }, manage);
    menu.Enable(manage, static_cast<bool>(on_manage));
    PopupMenu(&menu);
}

void SourcesList::show() {
    Freeze();
    if (GetItemCount() != static_cast<int>(lines_.size())) {
        DeleteAllItems();
        for (std::size_t i = 0; i < lines_.size(); ++i) {
            InsertItem(static_cast<long>(i), wxString());
        }
    }
    for (std::size_t i = 0; i < lines_.size(); ++i) {
        const Line& l = lines_[i];
        long row = static_cast<long>(i);
        SetItem(row, 0, utf8(l.source));
        SetItem(row, 1, utf8(l.state));
        SetItem(row, 2, utf8(l.when));
        SetItem(row, 3, utf8(l.listings));
        SetItem(row, 4, utf8(l.error));
        SetItemTextColour(row, l.failed ? wxColour(200, 40, 40)
                                        : wxSystemSettings::GetColour(wxSYS_COLOUR_LISTBOXTEXT));
    }
    Thaw();
}

}  // namespace gigscout
