// gigscout: the desktop app. Without a display it says so and points to the terminal tool.
#include <cstdio>
#include <cstdlib>

#include "app/app.h"

wxIMPLEMENT_APP_NO_MAIN(gigscout::GigScoutApp);

int main(int argc, char** argv) {
    const char* x11 = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    if ((x11 == nullptr || *x11 == '\0') && (wayland == nullptr || *wayland == '\0')) {
        std::fprintf(stderr,
                     "gigscout: no display (neither DISPLAY nor WAYLAND_DISPLAY is set): the "
                     "desktop app needs one. In a terminal, `gigscout-cli list` shows the "
                     "ranking.\n");
        return 3;
    }
    return wxEntry(argc, argv);
}
