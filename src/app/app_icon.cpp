#include "app/app_icon.h"

#include <wx/icon.h>

namespace gigscout {

extern const char kAppIconSvg[];

wxBitmapBundle app_icon() {
    return wxBitmapBundle::FromSVG(kAppIconSvg, wxSize(256, 256));
}

wxIconBundle app_icon_sizes() {
    wxIconBundle icons;
    const wxBitmapBundle picture = app_icon();
    for (int side : {16, 32, 48, 64, 128, 256}) {
        wxIcon icon;
        icon.CopyFromBitmap(picture.GetBitmap(wxSize(side, side)));
        icons.AddIcon(icon);
    }
    return icons;
}

}  // namespace gigscout
