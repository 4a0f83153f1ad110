// gigscout-render-icon SVG OUTDIR: a build tool that draws the app's icon (resources/package/)
// at the sizes desktops look for, OUTDIR/<N>.png, with wxWidgets' own SVG renderer, so the
// PNGs are never out of step with the SVG and no other tool is needed. Needs no display.
#include <cstdio>

#include <wx/bmpbndl.h>
#include <wx/image.h>
#include <wx/init.h>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: gigscout-render-icon ICON.svg OUTDIR\n");
        return 2;
    }
    wxInitializer init;
    if (!init.IsOk()) {
        std::fprintf(stderr, "gigscout-render-icon: cannot initialise wxWidgets\n");
        return 1;
    }
    wxInitAllImageHandlers();
    wxBitmapBundle icon = wxBitmapBundle::FromSVGFile(argv[1], wxSize(256, 256));
    if (!icon.IsOk()) {
        std::fprintf(stderr, "gigscout-render-icon: %s: not a readable SVG\n", argv[1]);
        return 1;
    }
    for (int size : {16, 32, 48, 64, 128, 256}) {
        wxImage image = icon.GetBitmap(wxSize(size, size)).ConvertToImage();
        wxString file = wxString::Format("%s/%d.png", argv[2], size);
        if (!image.IsOk() || !image.SaveFile(file, wxBITMAP_TYPE_PNG)) {
            std::fprintf(stderr, "gigscout-render-icon: cannot write %s\n",
                         static_cast<const char*>(file.utf8_str()));
            return 1;
        }
    }
    return 0;
}
