// The tray icon (off by default: "Start minimised to the tray", "Keep refreshing in the tray
// when closed"): a menu with Show, Refresh now and Quit, and a click that shows the window.
// The window decides what those do; the icon only offers them. Where no system tray runs
// (wxTaskBarIcon::IsAvailable() is false: a headless session, a desktop without one), the main
// window says so in its menu and never hides itself (docs/app.md, "Tray").
#pragma once

#include <functional>

#include <wx/taskbar.h>

class wxMenu;

namespace gigscout {

class TrayIcon : public wxTaskBarIcon {
  public:
    struct Actions {
        std::function<void()> show;
        std::function<void()> refresh;
        std::function<void()> quit;
    };
    // Menu command ids (tests send them as a click on the menu would).
    enum Command : int { kIdShow = 1, kIdRefreshNow, kIdQuit };

    explicit TrayIcon(Actions actions);
    ~TrayIcon() override;

    // Installs the icon with `tooltip`; false when the toolkit refused it.
    bool install(const wxString& tooltip);

  protected:
    wxMenu* CreatePopupMenu() override;

  private:
    Actions actions_;
};

}  // namespace gigscout
