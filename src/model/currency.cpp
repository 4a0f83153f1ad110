#include "model/currency.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "base/file_io.h"
#include "base/json_reader.h"
#include "base/paths.h"

namespace gigscout {

Result<CurrencyTable> CurrencyTable::load(const std::filesystem::path& file) {
    auto text = read_text_file(file, 1 << 20);
    if (!text) {
        return text.error();
    }
    auto doc = json::parse(text.value(), file.string());
    if (!doc) {
        return doc.error();
    }
    const auto& d = doc.value();
    if (!d.IsObject()) {
        return Error{file.string() + ": expected a JSON object"};
    }
    json::FieldReader r(d, "");
    CurrencyTable t;
    t.as_of_ = r.string("as_of", json::FieldReader::Required).value_or("");
    auto base = r.string("base", json::FieldReader::Required);
    const auto* rates = r.object("rates", json::FieldReader::Required);
    if (r.ok() && base != "USD") {
        r.fail("base", "must be USD");
    }
    if (!r.ok()) {
        return Error{file.string() + ": " + r.error()->message};
    }
    t.per_usd_["USD"] = 1.0;
    for (auto it = rates->MemberBegin(); it != rates->MemberEnd(); ++it) {
        std::string code(it->name.GetString(), it->name.GetStringLength());
        bool iso = code.size() == 3 && std::isupper(static_cast<unsigned char>(code[0])) &&
                   std::isupper(static_cast<unsigned char>(code[1])) &&
                   std::isupper(static_cast<unsigned char>(code[2]));
        if (!iso) {
            return Error{file.string() + ": field `rates." + code +
                         "`: not an ISO 4217 code (three capital letters)"};
        }
        if (!it->value.IsNumber() || !(it->value.GetDouble() > 0) ||
            !std::isfinite(it->value.GetDouble())) {
            return Error{file.string() + ": field `rates." + code +
                         "`: expected a positive number"};
        }
        t.per_usd_[code] = it->value.GetDouble();
    }
    return t;
}

Result<const CurrencyTable*> CurrencyTable::load_bundled() {
    static const Result<CurrencyTable> loaded = load(resources_dir() / "currency-rates.json");
    if (!loaded.ok()) {
        return bundled_resource_error("the bundled currency table", loaded.error());
    }
    return &loaded.value();
}

const CurrencyTable& CurrencyTable::bundled() {
    auto loaded = load_bundled();
    if (!loaded.ok()) {
        exit_for_bundled_resource(loaded.error());
    }
    return *loaded.value();
}

bool CurrencyTable::is_known(std::string_view code) const {
    return per_usd_.count(std::string(code)) != 0;
}

std::optional<double> CurrencyTable::convert(double amount, std::string_view from,
                                             std::string_view to) const {
    auto f = per_usd_.find(std::string(from));
    auto t = per_usd_.find(std::string(to));
    if (f == per_usd_.end() || t == per_usd_.end()) {
        return std::nullopt;
    }
    return amount / f->second * t->second;
}

std::optional<std::string> CurrencyTable::code_from_symbol(std::string_view symbol) {
    struct Entry {
        std::string_view symbol;
        std::string_view code;
    };
    static constexpr Entry kSymbols[] = {
        {"$", "USD"},   {"US$", "USD"}, {"USD$", "USD"}, {"€", "EUR"},    {"£", "GBP"},
        {"₹", "INR"},   {"Rs", "INR"},  {"Rs.", "INR"},  {"A$", "AUD"},   {"AU$", "AUD"},
        {"C$", "CAD"},  {"CA$", "CAD"}, {"NZ$", "NZD"},  {"S$", "SGD"},   {"HK$", "HKD"},
        {"¥", "JPY"},   {"₩", "KRW"},   {"₽", "RUB"},  {"₺", "TRY"},    {"R$", "BRL"},
        {"zł", "PLN"},  {"₱", "PHP"},   {"₦", "NGN"},    {"₴", "UAH"},    {"CHF", "CHF"},
        {"Fr.", "CHF"}, {"kr", "SEK"},  {"R", "ZAR"},    {"Mex$", "MXN"}, {"₫", "VND"},
    };
    for (const auto& e : kSymbols) {
        if (e.symbol == symbol) {
            return std::string(e.code);
        }
    }
    if (symbol.size() == 3) {
        std::string code;
        for (char c : symbol) {
            if (!std::isalpha(static_cast<unsigned char>(c))) {
                return std::nullopt;
            }
            code += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
        if (bundled().is_known(code)) {
            return code;
        }
    }
    return std::nullopt;
}

}  // namespace gigscout
