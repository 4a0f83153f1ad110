#include "fetch/refresh_ledger.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <system_error>

#include "base/file_io.h"
#include "base/iso_time.h"
#include "base/json_reader.h"
#include "base/utf8.h"

namespace gigscout::fetch {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kMaxLedgerBytes = 4u << 20;
// A few minutes of clock disagreement between processes is normal; more is a clock jump.
constexpr std::chrono::minutes kFutureTolerance{5};

}  // namespace

RefreshLedger::RefreshLedger(fs::path file) : file_(std::move(file)) {}

std::map<std::string, RefreshLedger::Clock::time_point, std::less<>> RefreshLedger::read() const {
    std::map<std::string, Clock::time_point, std::less<>> out;
    auto text = read_text_file(file_, kMaxLedgerBytes);
    if (!text) {
        return out;
    }
    auto doc = json::parse(text.value(), file_.string());
    if (!doc || !doc.value().IsObject()) {
        return out;
    }
    auto sources = doc.value().FindMember("sources");
    if (sources == doc.value().MemberEnd() || !sources->value.IsObject()) {
        return out;
    }
    for (const auto& m : sources->value.GetObject()) {
        if (!m.value.IsObject()) {
            continue;
        }
        auto last = m.value.FindMember("last_refresh");
        if (last == m.value.MemberEnd() || !last->value.IsString()) {
            continue;
        }
        if (auto secs = parse_iso8601(last->value.GetString())) {
            out[std::string(m.name.GetString(), m.name.GetStringLength())] =
                Clock::time_point(std::chrono::seconds(*secs));
        }
    }
    return out;
}

std::optional<RefreshLedger::Clock::time_point> RefreshLedger::last_refresh(
    std::string_view source) const {
    std::lock_guard lock(mutex_);
    auto all = read();
    auto it = all.find(source);
    if (it == all.end()) {
        return std::nullopt;
    }
    return it->second;
}

RefreshDecision RefreshLedger::check(std::string_view source, std::chrono::seconds min_interval,
                                     Clock::time_point now) const {
    RefreshDecision d;
    d.next_allowed = now;
    auto last = last_refresh(source);
    if (!last || *last > now + kFutureTolerance) {
        return d;
    }
    Clock::time_point next = *last + min_interval;
    if (next <= now) {
        return d;
    }
    d.allowed = false;
    d.next_allowed = next;
    d.wait = std::chrono::ceil<std::chrono::seconds>(next - now);
    return d;
}

Status RefreshLedger::record(std::string_view source, Clock::time_point when) {
    std::lock_guard lock(mutex_);
    auto all = read();
    // The file is read back with UTF-8 validation; one bad name must not void the rest.
    all[utf8::sanitize(source)] = when;

    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    w.Key("version");
    w.Int(1);
    w.Key("sources");
    w.StartObject();
    for (const auto& [name, time] : all) {
        w.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
        w.StartObject();
        w.Key("last_refresh");
        std::string iso = format_iso8601(
            std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count());
        w.String(iso.data(), static_cast<rapidjson::SizeType>(iso.size()));
        w.EndObject();
    }
    w.EndObject();
    w.EndObject();

    std::error_code ec;
    if (file_.has_parent_path()) {
        fs::create_directories(file_.parent_path(), ec);
        if (ec) {
            return Error{"refresh ledger: cannot create " + file_.parent_path().string() + ": " +
                         ec.message()};
        }
    }
    std::string content(buffer.GetString(), buffer.GetSize());
    content += '\n';
    return write_file_atomically(file_, content);
}

}  // namespace gigscout::fetch
