#include "scoring/country.h"

#include <gtest/gtest.h>

namespace gigscout {
namespace {

TEST(CountryCode, AcceptsCodesNamesAndCommonShortForms) {
    EXPECT_EQ(country_code("DE"), "DE");
    EXPECT_EQ(country_code("de"), "DE");
    EXPECT_EQ(country_code("Germany"), "DE");
    EXPECT_EQ(country_code(" united states "), "US");
    EXPECT_EQ(country_code("USA"), "US");
    EXPECT_EQ(country_code("UK"), "GB");
    EXPECT_EQ(country_code("UAE"), "AE");
    EXPECT_EQ(country_code("Türkiye"), "TR");
    EXPECT_EQ(country_code("Czech Republic"), "CZ");
    EXPECT_EQ(country_code("Narnia"), std::nullopt);
    EXPECT_EQ(country_code("XX"), std::nullopt);
    EXPECT_EQ(country_code(""), std::nullopt);
}

TEST(CountryName, ForACode) {
    EXPECT_EQ(country_name("IN"), "India");
    EXPECT_EQ(country_name("GB"), "United Kingdom");
    EXPECT_EQ(country_name("ZZ"), "");
}

TEST(LocationNamesCountry, FindsTheCountryAmongTheParts) {
    EXPECT_TRUE(location_names_country("Berlin, Germany", "DE"));
    EXPECT_TRUE(location_names_country("US only", "US"));
    EXPECT_TRUE(location_names_country("Remote (India)", "IN"));
    EXPECT_TRUE(location_names_country("Paris / France", "FR"));
    EXPECT_TRUE(location_names_country("London, UK", "GB"));
    EXPECT_FALSE(location_names_country("London, uk", "GB"));
    EXPECT_FALSE(location_names_country("Berlin, Germany", "FR"));
    EXPECT_FALSE(location_names_country("Work with us", "US"));
    EXPECT_FALSE(location_names_country("us", "US"));  // lower-case codes are words
    EXPECT_FALSE(location_names_country("Worldwide", "US"));
    EXPECT_FALSE(location_names_country("", "US"));
}

}  // namespace
}  // namespace gigscout
