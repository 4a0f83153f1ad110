#include "cli/man_page.h"

#include <string_view>

namespace gigscout::cli {

namespace {

// roff treats a leading '.' or '\'' as a request and '\' as an escape; hyphens in option names
// must be \- to print as ASCII hyphens (lintian: hyphen-used-as-minus-sign).
std::string roff_text(std::string_view text) {
    std::string out;
    bool line_start = true;
    for (char c : text) {
        if (line_start && (c == '.' || c == '\'')) {
            out += "\\&";
        }
        if (c == '\\') {
            out += "\\e";
        } else if (c == '-') {
            out += "\\-";
        } else {
            out += c;
        }
        line_start = c == '\n';
    }
    return out;
}

std::string option_names(const CLI::Option& option) {
    std::string names = option.get_name(false, true);
    if (names.empty()) {
        names = option.get_name(true, false);
    }
    std::string type = option.get_type_name();
    if (!type.empty() && option.get_items_expected_max() != 0) {
        names += " " + type;
    }
    return names;
}

void write_options(std::string& out, const CLI::App& app) {
    for (const CLI::Option* option : app.get_options()) {
        if (option->get_group().empty()) {
            continue;  // hidden
        }
        out += ".TP\n.B " + roff_text(option_names(*option)) + "\n";
        out += roff_text(option->get_description().empty() ? std::string("(no description)")
                                                           : option->get_description()) +
               "\n";
    }
}

void write_commands(std::string& out, const CLI::App& app, const std::string& prefix) {
    for (const CLI::App* sub : app.get_subcommands({})) {
        if (sub->get_group().empty()) {
            continue;
        }
        std::string name = prefix.empty() ? sub->get_name() : prefix + " " + sub->get_name();
        out += ".SS " + roff_text(name) + "\n";
        out += roff_text(sub->get_description()) + "\n";
        if (!sub->get_options().empty()) {
            out += ".RS\n";
            write_options(out, *sub);
            out += ".RE\n";
        }
        write_commands(out, *sub, name);
    }
}

}  // namespace

std::string man_page(const CLI::App& app, const std::string& date) {
    std::string out;
    out += ".TH GIGSCOUT\\-CLI 1 \"" + date +
           "\" \"GigScout " GIGSCOUT_VERSION "\" \"User Commands\"\n";
    out += ".SH NAME\ngigscout\\-cli \\- " + roff_text(app.get_description()) + "\n";
    out +=
        ".SH SYNOPSIS\n.B gigscout\\-cli\n[\\fB\\-\\-data\\-dir\\fR \\fIDIR\\fR] "
        "\\fICOMMAND\\fR [\\fIOPTIONS\\fR]\n";
    out +=
        ".SH DESCRIPTION\n"
        "Fetches freelance gigs and remote jobs through per\\-platform Lua plugins, scores "
        "each listing against the user's skill profile and explains each score. The desktop "
        "app\n.BR gigscout (1)\nworks on the same data.\n";
    out += ".SH OPTIONS\n";
    write_options(out, app);
    out += ".SH COMMANDS\n";
    write_commands(out, app, "");
    out +=
        ".SH EXIT STATUS\n0 success; 1 an internal or environment error; 2 a usage error or "
        "bad input (the message names it).\n";
    out +=
        ".SH FILES\nData, configuration and cache follow the XDG base directories "
        "(\\fI~/.local/share/gigscout\\fR, \\fI~/.config/gigscout\\fR, "
        "\\fI~/.cache/gigscout\\fR) unless \\fB\\-\\-data\\-dir\\fR is given.\n";
    out += ".SH SEE ALSO\n.BR gigscout (1)\n";
    return out;
}

}  // namespace gigscout::cli
