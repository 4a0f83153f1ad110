// Text between GigScout (UTF-8 std::string) and wx (wxString), one way each.
#pragma once

#include <string>

#include <wx/string.h>

namespace gigscout {

inline wxString utf8(const std::string& s) {
    return wxString::FromUTF8(s);
}
inline std::string text_of(const wxString& s) {
    return s.ToStdString(wxConvUTF8);
}

}  // namespace gigscout
