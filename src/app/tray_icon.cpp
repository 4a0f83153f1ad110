#include "app/tray_icon.h"

#include <wx/icon.h>
#include <wx/intl.h>
#include <wx/menu.h>

#include "app/app_icon.h"

namespace gigscout {

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
    wxIcon icon;
    icon.CopyFromBitmap(app_icon().GetBitmap(wxSize(32, 32)));
    return SetIcon(icon, tooltip);
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
