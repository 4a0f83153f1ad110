#include "app/tray_icon.h"

#include <wx/bitmap.h>
#include <wx/dcmemory.h>
#include <wx/icon.h>
#include <wx/intl.h>
#include <wx/menu.h>

namespace gigscout {
namespace {

// Drawn, not shipped: a green disc with a white "G", legible at tray sizes.
wxIcon tray_picture() {
    const int side = 32;
    wxBitmap bitmap(side, side, 32);
    {
        wxMemoryDC dc(bitmap);
        dc.SetBackground(*wxWHITE_BRUSH);
        dc.Clear();
        dc.SetBrush(wxBrush(wxColour(46, 139, 87)));
        dc.SetPen(*wxTRANSPARENT_PEN);
        dc.DrawCircle(side / 2, side / 2, side / 2 - 1);
        dc.SetTextForeground(*wxWHITE);
        dc.SetFont(wxFont(wxFontInfo(15).Bold()));
        const wxSize text = dc.GetTextExtent("G");
        dc.DrawText("G", (side - text.x) / 2, (side - text.y) / 2);
    }
    wxIcon icon;
    icon.CopyFromBitmap(bitmap);
    return icon;
}

}  // namespace

TrayIcon::TrayIcon(Actions actions) : actions_(std::move(actions)) {
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { actions_.show(); }, kIdShow);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { actions_.refresh(); }, kIdRefreshNow);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { actions_.quit(); }, kIdQuit);
    Bind(wxEVT_TASKBAR_LEFT_DOWN, [this](wxTaskBarIconEvent&) { actions_.show(); });
}

TrayIcon::~TrayIcon() {
    RemoveIcon();
}

bool TrayIcon::install(const wxString& tooltip) {
    return SetIcon(tray_picture(), tooltip);
}

wxMenu* TrayIcon::CreatePopupMenu() {
    auto* menu = new wxMenu;
    menu->Append(kIdShow, _("&Show GigScout"));
    menu->Append(kIdRefreshNow, _("&Refresh now"));
    menu->AppendSeparator();
    menu->Append(kIdQuit, _("&Quit"));
    return menu;
}

}  // namespace gigscout
