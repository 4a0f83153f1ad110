#include "fetch/fetch_error.h"

namespace gigscout::fetch {

std::string_view to_string(FetchErrorKind kind) {
    switch (kind) {
        case FetchErrorKind::InvalidRequest:
            return "invalid-request";
        case FetchErrorKind::Dns:
            return "dns";
        case FetchErrorKind::Connect:
            return "connect";
        case FetchErrorKind::NoNetwork:
            return "no-network";
        case FetchErrorKind::Tls:
            return "tls";
        case FetchErrorKind::Timeout:
            return "timeout";
        case FetchErrorKind::LowSpeed:
            return "low-speed";
        case FetchErrorKind::ConnectionLost:
            return "connection-lost";
        case FetchErrorKind::HttpStatus:
            return "http-status";
        case FetchErrorKind::TooLarge:
            return "too-large";
        case FetchErrorKind::Blocked:
            return "blocked";
        case FetchErrorKind::TooManyRedirects:
            return "too-many-redirects";
        case FetchErrorKind::Cancelled:
            return "cancelled";
        case FetchErrorKind::Protocol:
            return "protocol";
    }
    return "protocol";
}

}  // namespace gigscout::fetch
