// money.*: budgets and pay as platforms print them.
#include <gtest/gtest.h>

#include "lua_test_state.h"

namespace gigscout {
namespace {

using testing::LuaTestState;

std::string money(LuaTestState& lua, const std::string& text) {
    lua.set_string("s", text);
    return lua.eval_all("return money.parse(s)");
}

TEST(MoneyModule, ReadsHourlyRanges) {
    LuaTestState lua;
    EXPECT_EQ(money(lua, "$25.00-$50.00/hr"),
              "{currency=USD,kind=hourly,max=50,min=25,period=hour}");
    EXPECT_EQ(money(lua, "Hourly: $30"), "{currency=USD,kind=hourly,max=30,min=30,period=hour}");
    EXPECT_EQ(money(lua, "Hourly Range: $30.00-$54.00"),
              "{currency=USD,kind=hourly,max=54,min=30,period=hour}");
    EXPECT_EQ(money(lua, "£75 per hour"), "{currency=GBP,kind=hourly,max=75,min=75,period=hour}");
    EXPECT_EQ(money(lua, "$12.50/hr"), "{currency=USD,kind=hourly,max=12.5,min=12.5,period=hour}");
}

TEST(MoneyModule, ReadsFixedBudgetsAndBareAmounts) {
    LuaTestState lua;
    EXPECT_EQ(money(lua, "Budget: 500 USD"), "{currency=USD,kind=fixed,max=500,min=500}");
    EXPECT_EQ(money(lua, "Fixed-price: $1,200"), "{currency=USD,kind=fixed,max=1200,min=1200}");
    EXPECT_EQ(money(lua, "€1,500"), "{currency=EUR,max=1500,min=1500}");
    EXPECT_EQ(money(lua, "$10,000"), "{currency=USD,max=10000,min=10000}");
    EXPECT_EQ(money(lua, "$30.00-$54.00"), "{currency=USD,max=54,min=30}");
    EXPECT_EQ(money(lua, "1.5k"), "{max=1500,min=1500}");
}

TEST(MoneyModule, ReadsSalariesWithThousandsSuffixes) {
    LuaTestState lua;
    EXPECT_EQ(money(lua, "£40k - £60k per year"),
              "{currency=GBP,kind=salary,max=60000,min=40000,period=year}");
    EXPECT_EQ(money(lua, "$120,000 - $150,000 a year"),
              "{currency=USD,kind=salary,max=150000,min=120000,period=year}");
    EXPECT_EQ(money(lua, "€40-60k annually"),
              "{currency=EUR,kind=salary,max=60000,min=40000,period=year}");
    EXPECT_EQ(money(lua, "Salary: 5,000 EUR / month"),
              "{currency=EUR,kind=salary,max=5000,min=5000,period=month}");
}

TEST(MoneyModule, ReadsCodesSymbolsAndDashesOfManyKinds) {
    LuaTestState lua;
    EXPECT_EQ(money(lua, "₹ 600 - 1500 INR"), "{currency=INR,max=1500,min=600}");
    EXPECT_EQ(money(lua, "USD 100–200"), "{currency=USD,max=200,min=100}");
    EXPECT_EQ(money(lua, "US$25 to US$40"), "{currency=USD,max=40,min=25}");
    EXPECT_EQ(money(lua, "A$90,000 — A$110,000"), "{currency=AUD,max=110000,min=90000}");
    EXPECT_EQ(money(lua, "C$50/hour"), "{currency=CAD,kind=hourly,max=50,min=50,period=hour}");
    EXPECT_EQ(money(lua, "¥3,000"), "{currency=JPY,max=3000,min=3000}");
    EXPECT_EQ(money(lua, "between $10 and $20"), "{currency=USD,max=20,min=10}");
    EXPECT_EQ(money(lua, "1.234,56 €"), "{currency=EUR,max=1234.56,min=1234.56}");
}

TEST(MoneyModule, ReadsOpenEndedAmounts) {
    LuaTestState lua;
    EXPECT_EQ(money(lua, "Up to $500"), "{currency=USD,max=500}");
    EXPECT_EQ(money(lua, "$500+"), "{currency=USD,min=500}");
    EXPECT_EQ(money(lua, "from 45 EUR/hour"), "{currency=EUR,kind=hourly,min=45,period=hour}");
}

TEST(MoneyModule, RefusesTextWithoutAnAmountOrWithABackwardRange) {
    LuaTestState lua;
    EXPECT_EQ(money(lua, "Negotiable"), "nil | money: no amount in \"Negotiable\"");
    EXPECT_EQ(money(lua, ""), "nil | money: no amount in \"\"");
    EXPECT_EQ(money(lua, "$50-$30"), "nil | money: range in \"$50-$30\" runs backwards");
    EXPECT_EQ(money(lua, "$9999999999999"),
              "nil | money: amount in \"$9999999999999\" is above 1e12");
    EXPECT_EQ(money(lua, std::string(2000, '1')),
              "nil | money: text is 2000 bytes, more than the 1024-byte limit (pass the budget "
              "phrase only)");
    // invalid UTF-8 is not a currency, and nothing breaks
    EXPECT_EQ(money(lua, "\xff\xfe 12"), "{max=12,min=12}");
}

TEST(MoneyModule, CurrencyCodeMapsSymbolsAndCodes) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval("return money.currency_code('$')"), "USD");
    EXPECT_EQ(lua.eval("return money.currency_code(' € ')"), "EUR");
    EXPECT_EQ(lua.eval("return money.currency_code('US$')"), "USD");
    EXPECT_EQ(lua.eval("return money.currency_code('₹')"), "INR");
    EXPECT_EQ(lua.eval("return money.currency_code('A$')"), "AUD");
    EXPECT_EQ(lua.eval("return money.currency_code('usd')"), "USD");
    EXPECT_EQ(lua.eval("return money.currency_code('GBP')"), "GBP");
    EXPECT_EQ(lua.eval_all("return money.currency_code('dollars?')"),
              "nil | money: unknown currency symbol or code \"dollars?\"");
}

}  // namespace
}  // namespace gigscout
