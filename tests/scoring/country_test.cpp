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

TEST(LocationAdmits, ARemoteListingOpenOnlyToOtherCountriesOrRegionsDoesNotAdmitYou) {
    EXPECT_FALSE(location_admits("Remote (US)", "DE"));
    EXPECT_FALSE(location_admits("Remote, USA", "DE"));
    EXPECT_FALSE(location_admits("Remote - US", "DE"));
    EXPECT_FALSE(location_admits("Canada (Remote)", "DE"));
    EXPECT_FALSE(location_admits("Remote - Americas", "DE"));
    EXPECT_FALSE(location_admits("LATAM, Hong Kong, Mexico, Singapore", "DE"));
    EXPECT_FALSE(location_admits("US or Canada", "GB"));
    EXPECT_FALSE(location_admits("EMEA", "IN"));
}

TEST(LocationAdmits, YourCountryARegionHoldingItAnywhereOrNoPlaceAdmitsYou) {
    EXPECT_TRUE(location_admits("Remote (US)", "US"));
    EXPECT_TRUE(location_admits("US or Canada", "CA"));
    EXPECT_TRUE(location_admits("Remote (EU)", "DE"));
    EXPECT_TRUE(location_admits("EMEA", "KE"));
    EXPECT_TRUE(location_admits("LATAM, Brazil", "AR"));
    EXPECT_TRUE(location_admits("Remote - Americas", "BR"));
    EXPECT_TRUE(location_admits("APAC", "PH"));
    EXPECT_TRUE(location_admits("Worldwide", "NG"));
    EXPECT_TRUE(location_admits("Remote, anywhere", "NG"));
    EXPECT_TRUE(location_admits("Remote", "NG"));
    EXPECT_TRUE(location_admits("London", "NG"));  // a city alone names no country here
    EXPECT_TRUE(location_admits("", "NG"));
    // A state names no country by itself, and its two letters may be a country's too ("MA"
    // Morocco, "DE" Germany): doubt keeps the listing.
    EXPECT_TRUE(location_admits("Boston, MA", "US"));
    EXPECT_TRUE(location_admits("Wilmington, DE", "DE"));
    EXPECT_TRUE(location_admits("Boston, MA", "FR"));
    EXPECT_TRUE(location_admits("California", "FR"));
    EXPECT_FALSE(location_admits("Boston, MA, USA", "FR"));
    EXPECT_TRUE(location_admits("New York", "US"));
    EXPECT_TRUE(location_admits("Northern America, LATAM, Europe, APAC", "US"));
}

}  // namespace
}  // namespace gigscout
