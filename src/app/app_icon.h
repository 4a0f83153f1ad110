// GigScout's icon, the SVG of resources/package compiled in: the window's icons and the tray's
// are the same picture the desktop entry shows.
#pragma once

#include <wx/bmpbndl.h>
#include <wx/iconbndl.h>

namespace gigscout {

wxBitmapBundle app_icon();
// 16 to 256 pixels, for wxTopLevelWindow::SetIcons.
wxIconBundle app_icon_sizes();

}  // namespace gigscout
