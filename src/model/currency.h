// Money conversion: ISO 4217 codes and a dated table of rates (resources/currency-rates.json).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/result.h"

namespace gigscout {

class CurrencyTable {
  public:
    // Loads resources/currency-rates.json: {"as_of": "YYYY-MM-DD", "base": "USD",
    // "rates": {"EUR": 0.92, ...}} where a rate is units of that currency per 1 USD.
    static Result<CurrencyTable> load(const std::filesystem::path& file);
    // The table shipped in resources/, loaded once and shared; the error says what is missing,
    // unreadable or broken. Front ends check it before any work.
    static Result<const CurrencyTable*> load_bundled();
    // The same after that check; without one, a bad shipped file ends the process with a
    // message and exit status 1 (exit_for_bundled_resource).
    static const CurrencyTable& bundled();

    bool is_known(std::string_view code) const;
    // `amount` in `from` expressed in `to`; nullopt when either code is unknown.
    std::optional<double> convert(double amount, std::string_view from, std::string_view to) const;
    const std::string& as_of() const { return as_of_; }

    // Maps a currency symbol or name as platforms print it ("$", "€", "£", "₹", "US$", "usd")
    // to an ISO code; nullopt when not recognised. "$" alone means USD.
    static std::optional<std::string> code_from_symbol(std::string_view symbol);

  private:
    std::string as_of_;
    std::unordered_map<std::string, double> per_usd_;
};

}  // namespace gigscout
