#include "plugin_host/modules/host_modules.h"

#include "plugin_host/modules/module_openers.h"

namespace gigscout::plugin_modules {

const std::vector<HostModule>& host_modules() {
    static const std::vector<HostModule> kModules = {
        {"json", open_json_module}, {"xml", open_xml_module},   {"feed", open_feed_module},
        {"html", open_html_module}, {"time", open_time_module}, {"money", open_money_module},
        {"url", open_url_module},   {"text", open_text_module},
    };
    return kModules;
}

}  // namespace gigscout::plugin_modules
