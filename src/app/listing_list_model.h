// The listing list's wxDataViewCtrl model: a virtual list that asks the ListingTable for the
// row at each position it paints, so 100,000 rows cost the table's memory and nothing more.
// Sorting and filtering are the table's job (GTK never sorts a virtual model); after either,
// the frame calls Reset(table.size()) and selects the table's selected row again.
#pragma once

#include <wx/dataview.h>

#include "views/listing_table.h"

namespace gigscout {

enum ListColumn : unsigned {
    kColScore,
    kColTitle,
    kColSources,
    kColPay,
    kColPosted,
    kColCountry,
    kColState,
    kColCount
};

// The table's sort key for a column.
SortColumn sort_column_of(unsigned column);

class ListingListModel : public wxDataViewVirtualListModel {
  public:
    explicit ListingListModel(const ListingTable& table);

    unsigned GetColumnCount() const override { return kColCount; }
    wxString GetColumnType(unsigned column) const override;
    void GetValueByRow(wxVariant& value, unsigned row, unsigned column) const override;
    bool GetAttrByRow(unsigned row, unsigned column, wxDataViewItemAttr& attr) const override;
    bool SetValueByRow(const wxVariant&, unsigned, unsigned) override { return false; }

  private:
    const ListingTable& table_;
};

// The score column: a bar as long as the score, the number on it; a row the profile refused
// is drawn grey with its number struck through by a dash.
class ScoreBarRenderer : public wxDataViewCustomRenderer {
  public:
    ScoreBarRenderer();
    bool SetValue(const wxVariant& value) override;
    bool GetValue(wxVariant& value) const override;
    bool Render(wxRect rect, wxDC* dc, int state) override;
    wxSize GetSize() const override;

  private:
    long score_ = -1;  // -1: no score (no profile); -2 - n: refused, scoring n
};

}  // namespace gigscout
