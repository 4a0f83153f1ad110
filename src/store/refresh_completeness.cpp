#include "store/refresh_completeness.h"

namespace gigscout {

std::string_view to_string(RefreshCompleteness c) {
    switch (c) {
        case RefreshCompleteness::Complete:
            return "complete";
        case RefreshCompleteness::Partial:
            return "partial";
        case RefreshCompleteness::NotModified:
            return "not_modified";
        case RefreshCompleteness::Failed:
            return "failed";
    }
    return "failed";
}

}  // namespace gigscout
