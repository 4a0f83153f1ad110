// gigscout: the desktop app. Without a display it says so and points to the terminal tool.
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "app/app.h"
#include "workspace/build_info.h"

wxIMPLEMENT_APP_NO_MAIN(gigscout::GigScoutApp);

int main(int argc, char** argv) {
    // Answered before the display check: a packaging test or a bug report needs no display.
    if (argc >= 2 && std::string_view(argv[1]) == "--version") {
        if (argc == 3 && std::string_view(argv[2]) == "--verbose") {
            std::fputs(gigscout::component_versions_text(gigscout::component_versions()).c_str(),
                       stdout);
        } else {
            std::printf("gigscout %s\n", GIGSCOUT_VERSION);
        }
        return 0;
    }
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
