#include "app/app_config.h"
#include "app/wx_text.h"

#include <wx/fileconf.h>

namespace gigscout {

std::filesystem::path app_config_file(const Paths& paths) {
    return paths.config_dir / "gigscout.conf";
}

void install_app_config(const Paths& paths) {
    std::error_code ec;
    std::filesystem::create_directories(paths.config_dir, ec);
    const wxString file = utf8(app_config_file(paths).string());
    delete wxConfigBase::Set(
        new wxFileConfig("gigscout", wxEmptyString, file, wxEmptyString, wxCONFIG_USE_LOCAL_FILE));
}

}  // namespace gigscout
