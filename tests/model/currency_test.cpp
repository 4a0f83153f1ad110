#include "model/currency.h"

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace gigscout {
namespace {

TEST(Currency, BundledTableConvertsThroughUsd) {
    const auto& t = CurrencyTable::bundled();
    EXPECT_FALSE(t.as_of().empty());
    EXPECT_TRUE(t.is_known("EUR"));
    EXPECT_FALSE(t.is_known("XYZ"));
    EXPECT_DOUBLE_EQ(*t.convert(100, "USD", "USD"), 100);
    auto eur_in_usd = t.convert(92, "EUR", "USD");
    ASSERT_TRUE(eur_in_usd);
    EXPECT_NEAR(*eur_in_usd, 100, 1e-9);
    EXPECT_FALSE(t.convert(1, "USD", "XYZ"));
}

TEST(Currency, SymbolsMapToCodes) {
    EXPECT_EQ(CurrencyTable::code_from_symbol("$"), "USD");
    EXPECT_EQ(CurrencyTable::code_from_symbol("€"), "EUR");
    EXPECT_EQ(CurrencyTable::code_from_symbol("₹"), "INR");
    EXPECT_EQ(CurrencyTable::code_from_symbol("gbp"), "GBP");
    EXPECT_FALSE(CurrencyTable::code_from_symbol("zzz"));
}

TEST(Currency, LoadErrorsNameFileAndField) {
    testing::TempDir tmp;
    auto f = tmp.path() / "rates.json";
    testing::write_file(f, R"({"as_of": "2026-01-01", "base": "USD", "rates": {"eur": 0.9}})");
    auto r = CurrencyTable::load(f);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message,
              f.string() + ": field `rates.eur`: not an ISO 4217 code (three capital letters)");
    testing::write_file(f, R"({"as_of": "2026-01-01", "base": "EUR", "rates": {}})");
    EXPECT_EQ(CurrencyTable::load(f).error().message, f.string() + ": field `base`: must be USD");
}

}  // namespace
}  // namespace gigscout
