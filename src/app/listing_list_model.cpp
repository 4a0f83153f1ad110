#include "app/listing_list_model.h"
#include "app/wx_text.h"

#include <wx/dc.h>
#include <wx/settings.h>

#include "views/display_text.h"

namespace gigscout {

SortColumn sort_column_of(unsigned column) {
    switch (column) {
        case kColTitle:
            return SortColumn::Title;
        case kColSources:
            return SortColumn::Sources;
        case kColPay:
            return SortColumn::Budget;
        case kColPosted:
            return SortColumn::Posted;
        case kColCountry:
            return SortColumn::ClientCountry;
        case kColState:
            return SortColumn::State;
        default:
            return SortColumn::Score;
    }
}

ListingListModel::ListingListModel(const ListingTable& table)
    : wxDataViewVirtualListModel(static_cast<unsigned>(table.size())), table_(table) {}

wxString ListingListModel::GetColumnType(unsigned column) const {
    return column == kColScore ? "long" : "string";
}

void ListingListModel::GetValueByRow(wxVariant& value, unsigned row, unsigned column) const {
    if (row >= table_.size()) {
        value = column == kColScore ? wxVariant(-1L) : wxVariant(wxString());
        return;  // GTK may ask for a row of the old size while a Reset is under way
    }
    const ListingRow& r = table_.at(row);
    switch (column) {
        case kColScore:
            value = !r.score ? -1L
                             : (r.score->filtered ? -2L - r.score->total
                                                  : static_cast<long>(r.score->total));
            return;
        case kColTitle: {
            std::string title = r.content_dropped ? "(content expired; open the link)" : r.title;
            if (!r.company.empty()) {
                title += " · " + r.company;
            }
            value = utf8(title);
            return;
        }
        case kColSources: {
            std::string sources;
            for (const auto& s : r.sources) {
                sources += (sources.empty() ? "" : ", ") + s;
            }
            value = utf8(sources);
            return;
        }
        case kColPay:
            value = utf8(r.budget ? budget_text(r.budget) : "");
            return;
        case kColPosted:
            value = utf8(relative_time(r.posted_at.value_or(r.first_seen), table_.now()));
            return;
        case kColCountry:
            value = utf8(r.client_country);
            return;
        case kColState: {
            // ● marks a listing new since the last look, whatever the user did with it since.
            std::string state(to_string(r.state));
            if (r.is_new) {
                state = "● " + state;
            }
            if (r.closed_at) {
                state += ", closed";
            }
            value = utf8(state);
            return;
        }
        default:
            value = wxString();
    }
}

bool ListingListModel::GetAttrByRow(unsigned row, unsigned column, wxDataViewItemAttr& attr) const {
    if (row >= table_.size()) {
        return false;
    }
    const ListingRow& r = table_.at(row);
    bool changed = false;
    if (r.is_new && column == kColTitle) {
        attr.SetBold(true);  // new since the last look
        changed = true;
    }
    if (r.state == ListingState::Hidden || r.closed_at || (r.score && r.score->filtered)) {
        attr.SetColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
        changed = true;
    }
    return changed;
}

ScoreBarRenderer::ScoreBarRenderer()
    : wxDataViewCustomRenderer("long", wxDATAVIEW_CELL_INERT, wxALIGN_LEFT) {}

bool ScoreBarRenderer::SetValue(const wxVariant& value) {
    score_ = value.GetLong();
    return true;
}

bool ScoreBarRenderer::GetValue(wxVariant& value) const {
    value = score_;
    return true;
}

wxSize ScoreBarRenderer::GetSize() const {
    return wxSize(80, 18);
}

bool ScoreBarRenderer::Render(wxRect rect, wxDC* dc, int state) {
    if (score_ == -1) {
        RenderText("–", 0, rect, dc, state);
        return true;
    }
    const bool refused = score_ <= -2;
    const long score = refused ? -2 - score_ : score_;
    wxRect bar = rect.Deflate(2, 3);
    bar.width = static_cast<int>(bar.width * std::clamp(score, 0L, 100L) / 100);
    // Green for a strong match, amber for a fair one, grey for a weak or refused one.
    wxColour colour = refused       ? wxColour(170, 170, 170)
                      : score >= 70 ? wxColour(76, 175, 80)
                      : score >= 45 ? wxColour(240, 180, 40)
                                    : wxColour(190, 190, 190);
    dc->SetPen(*wxTRANSPARENT_PEN);
    dc->SetBrush(wxBrush(colour));
    dc->DrawRectangle(bar);
    wxString text = wxString::Format("%ld", score);
    if (refused) {
        text += " ✕";
    }
    RenderText(text, 4, rect, dc, state);
    return true;
}

}  // namespace gigscout
