#include "app/app.h"
#include "app/wx_text.h"

#include <cstdio>

#include <wx/cmdline.h>
#include <wx/image.h>
#include <wx/intl.h>
#include <wx/log.h>
#include <wx/msgdlg.h>
#include <wx/stdpaths.h>
#include <wx/translation.h>
#include <wx/uilocale.h>

#include "app/app_config.h"
#include "app/first_run.h"

namespace gigscout {

void GigScoutApp::OnInitCmdLine(wxCmdLineParser& parser) {
    wxApp::OnInitCmdLine(parser);
    parser.AddOption("", "data-dir", _("keep all data, config and cache under this directory"),
                     wxCMD_LINE_VAL_STRING);
    parser.AddSwitch("", "refresh", _("refresh every enabled source once the window is up"));
}

bool GigScoutApp::OnCmdLineParsed(wxCmdLineParser& parser) {
    wxString dir;
    if (parser.Found("data-dir", &dir)) {
        data_dir_ = text_of(dir);
    }
    refresh_on_start_ = parser.Found("refresh");
    return wxApp::OnCmdLineParsed(parser);
}

void GigScoutApp::OnAssertFailure(const wxChar* file, int line, const wxChar* func,
                                  const wxChar* cond, const wxChar* msg) {
    std::fprintf(stderr, "gigscout: wx assertion failed: %s:%d: %s: %s %s\n",
                 wxString(file).utf8_str().data(), line, wxString(func).utf8_str().data(),
                 wxString(cond).utf8_str().data(), wxString(msg).utf8_str().data());
}

bool GigScoutApp::OnInit() {
    SetAppName("gigscout");
    SetAppDisplayName("GigScout");
    // Messages go to stderr; the window shows what the user must know in its info bar. wx's
    // own log dialogs are modal and would appear at odd moments (even at exit).
    delete wxLog::SetActiveTarget(new wxLogStderr);
    if (!wxApp::OnInit()) {
        return false;
    }
    wxInitAllImageHandlers();
    wxUILocale::UseDefault();
    auto* translations = new wxTranslations;
    wxTranslations::Set(translations);
    wxFileTranslationsLoader::AddCatalogLookupPathPrefix(
        utf8((resources_dir() / "locale").string()));
    translations->AddStdCatalog();
    translations->AddCatalog("gigscout");

    std::optional<std::filesystem::path> override;
    if (data_dir_) {
        override = *data_dir_;
    }
    auto paths = Paths::resolve(override);
    if (!paths) {
        std::fprintf(stderr, "gigscout: %s\n", paths.error().message.c_str());
        return false;
    }
    install_app_config(paths.value());

    AppOptions options;
    options.paths = paths.value();
    options.refresh_on_start = refresh_on_start_;
    adjust(options);
    auto workspace = Workspace::open(options.paths);
    if (workspace && first_run_allowed()) {
        auto active = workspace.value().store().active_profile();
        if (active && !active.value()) {
            FirstRunDialog welcome(nullptr, workspace.value());
            if (welcome.ShowModal() == wxID_OK) {
                std::string error;
                if (!welcome.apply(error)) {
                    wxMessageBox(utf8(error), _("GigScout"), wxICON_ERROR);
                }
            }
        }
    }
    auto* frame = new MainFrame(options, std::move(workspace));
    // "Start minimised to the tray": only the tray icon shows (never where no tray runs).
    if (!frame->starts_hidden()) {
        frame->Show();
    }
    SetTopWindow(frame);
    CallAfter([this, frame] { started(*frame); });
    return true;
}

}  // namespace gigscout
