#include "scoring/country.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <unordered_map>

#include "base/ascii.h"

namespace gigscout {
namespace {

struct Country {
    std::string_view code;
    std::string_view name;
};

// ISO 3166-1 alpha-2 with the short English names platforms use.
constexpr std::array kCountries = std::to_array<Country>({
    {"AD", "Andorra"},
    {"AE", "United Arab Emirates"},
    {"AF", "Afghanistan"},
    {"AG", "Antigua and Barbuda"},
    {"AI", "Anguilla"},
    {"AL", "Albania"},
    {"AM", "Armenia"},
    {"AO", "Angola"},
    {"AQ", "Antarctica"},
    {"AR", "Argentina"},
    {"AS", "American Samoa"},
    {"AT", "Austria"},
    {"AU", "Australia"},
    {"AW", "Aruba"},
    {"AX", "Åland Islands"},
    {"AZ", "Azerbaijan"},
    {"BA", "Bosnia and Herzegovina"},
    {"BB", "Barbados"},
    {"BD", "Bangladesh"},
    {"BE", "Belgium"},
    {"BF", "Burkina Faso"},
    {"BG", "Bulgaria"},
    {"BH", "Bahrain"},
    {"BI", "Burundi"},
    {"BJ", "Benin"},
    {"BL", "Saint Barthélemy"},
    {"BM", "Bermuda"},
    {"BN", "Brunei"},
    {"BO", "Bolivia"},
    {"BQ", "Caribbean Netherlands"},
    {"BR", "Brazil"},
    {"BS", "Bahamas"},
    {"BT", "Bhutan"},
    {"BW", "Botswana"},
    {"BY", "Belarus"},
    {"BZ", "Belize"},
    {"CA", "Canada"},
    {"CC", "Cocos (Keeling) Islands"},
    {"CD", "Democratic Republic of the Congo"},
    {"CF", "Central African Republic"},
    {"CG", "Republic of the Congo"},
    {"CH", "Switzerland"},
    {"CI", "Côte d'Ivoire"},
    {"CK", "Cook Islands"},
    {"CL", "Chile"},
    {"CM", "Cameroon"},
    {"CN", "China"},
    {"CO", "Colombia"},
    {"CR", "Costa Rica"},
    {"CU", "Cuba"},
    {"CV", "Cape Verde"},
    {"CW", "Curaçao"},
    {"CX", "Christmas Island"},
    {"CY", "Cyprus"},
    {"CZ", "Czechia"},
    {"DE", "Germany"},
    {"DJ", "Djibouti"},
    {"DK", "Denmark"},
    {"DM", "Dominica"},
    {"DO", "Dominican Republic"},
    {"DZ", "Algeria"},
    {"EC", "Ecuador"},
    {"EE", "Estonia"},
    {"EG", "Egypt"},
    {"EH", "Western Sahara"},
    {"ER", "Eritrea"},
    {"ES", "Spain"},
    {"ET", "Ethiopia"},
    {"FI", "Finland"},
    {"FJ", "Fiji"},
    {"FK", "Falkland Islands"},
    {"FM", "Micronesia"},
    {"FO", "Faroe Islands"},
    {"FR", "France"},
    {"GA", "Gabon"},
    {"GB", "United Kingdom"},
    {"GD", "Grenada"},
    {"GE", "Georgia"},
    {"GF", "French Guiana"},
    {"GG", "Guernsey"},
    {"GH", "Ghana"},
    {"GI", "Gibraltar"},
    {"GL", "Greenland"},
    {"GM", "Gambia"},
    {"GN", "Guinea"},
    {"GP", "Guadeloupe"},
    {"GQ", "Equatorial Guinea"},
    {"GR", "Greece"},
    {"GT", "Guatemala"},
    {"GU", "Guam"},
    {"GW", "Guinea-Bissau"},
    {"GY", "Guyana"},
    {"HK", "Hong Kong"},
    {"HN", "Honduras"},
    {"HR", "Croatia"},
    {"HT", "Haiti"},
    {"HU", "Hungary"},
    {"ID", "Indonesia"},
    {"IE", "Ireland"},
    {"IL", "Israel"},
    {"IM", "Isle of Man"},
    {"IN", "India"},
    {"IQ", "Iraq"},
    {"IR", "Iran"},
    {"IS", "Iceland"},
    {"IT", "Italy"},
    {"JE", "Jersey"},
    {"JM", "Jamaica"},
    {"JO", "Jordan"},
    {"JP", "Japan"},
    {"KE", "Kenya"},
    {"KG", "Kyrgyzstan"},
    {"KH", "Cambodia"},
    {"KI", "Kiribati"},
    {"KM", "Comoros"},
    {"KN", "Saint Kitts and Nevis"},
    {"KP", "North Korea"},
    {"KR", "South Korea"},
    {"KW", "Kuwait"},
    {"KY", "Cayman Islands"},
    {"KZ", "Kazakhstan"},
    {"LA", "Laos"},
    {"LB", "Lebanon"},
    {"LC", "Saint Lucia"},
    {"LI", "Liechtenstein"},
    {"LK", "Sri Lanka"},
    {"LR", "Liberia"},
    {"LS", "Lesotho"},
    {"LT", "Lithuania"},
    {"LU", "Luxembourg"},
    {"LV", "Latvia"},
    {"LY", "Libya"},
    {"MA", "Morocco"},
    {"MC", "Monaco"},
    {"MD", "Moldova"},
    {"ME", "Montenegro"},
    {"MF", "Saint Martin"},
    {"MG", "Madagascar"},
    {"MH", "Marshall Islands"},
    {"MK", "North Macedonia"},
    {"ML", "Mali"},
    {"MM", "Myanmar"},
    {"MN", "Mongolia"},
    {"MO", "Macau"},
    {"MP", "Northern Mariana Islands"},
    {"MQ", "Martinique"},
    {"MR", "Mauritania"},
    {"MS", "Montserrat"},
    {"MT", "Malta"},
    {"MU", "Mauritius"},
    {"MV", "Maldives"},
    {"MW", "Malawi"},
    {"MX", "Mexico"},
    {"MY", "Malaysia"},
    {"MZ", "Mozambique"},
    {"NA", "Namibia"},
    {"NC", "New Caledonia"},
    {"NE", "Niger"},
    {"NF", "Norfolk Island"},
    {"NG", "Nigeria"},
    {"NI", "Nicaragua"},
    {"NL", "Netherlands"},
    {"NO", "Norway"},
    {"NP", "Nepal"},
    {"NR", "Nauru"},
    {"NU", "Niue"},
    {"NZ", "New Zealand"},
    {"OM", "Oman"},
    {"PA", "Panama"},
    {"PE", "Peru"},
    {"PF", "French Polynesia"},
    {"PG", "Papua New Guinea"},
    {"PH", "Philippines"},
    {"PK", "Pakistan"},
    {"PL", "Poland"},
    {"PM", "Saint Pierre and Miquelon"},
    {"PN", "Pitcairn Islands"},
    {"PR", "Puerto Rico"},
    {"PS", "Palestine"},
    {"PT", "Portugal"},
    {"PW", "Palau"},
    {"PY", "Paraguay"},
    {"QA", "Qatar"},
    {"RE", "Réunion"},
    {"RO", "Romania"},
    {"RS", "Serbia"},
    {"RU", "Russia"},
    {"RW", "Rwanda"},
    {"SA", "Saudi Arabia"},
    {"SB", "Solomon Islands"},
    {"SC", "Seychelles"},
    {"SD", "Sudan"},
    {"SE", "Sweden"},
    {"SG", "Singapore"},
    {"SH", "Saint Helena"},
    {"SI", "Slovenia"},
    {"SK", "Slovakia"},
    {"SL", "Sierra Leone"},
    {"SM", "San Marino"},
    {"SN", "Senegal"},
    {"SO", "Somalia"},
    {"SR", "Suriname"},
    {"SS", "South Sudan"},
    {"ST", "São Tomé and Príncipe"},
    {"SV", "El Salvador"},
    {"SX", "Sint Maarten"},
    {"SY", "Syria"},
    {"SZ", "Eswatini"},
    {"TC", "Turks and Caicos Islands"},
    {"TD", "Chad"},
    {"TG", "Togo"},
    {"TH", "Thailand"},
    {"TJ", "Tajikistan"},
    {"TK", "Tokelau"},
    {"TL", "Timor-Leste"},
    {"TM", "Turkmenistan"},
    {"TN", "Tunisia"},
    {"TO", "Tonga"},
    {"TR", "Turkey"},
    {"TT", "Trinidad and Tobago"},
    {"TV", "Tuvalu"},
    {"TW", "Taiwan"},
    {"TZ", "Tanzania"},
    {"UA", "Ukraine"},
    {"UG", "Uganda"},
    {"US", "United States"},
    {"UY", "Uruguay"},
    {"UZ", "Uzbekistan"},
    {"VA", "Vatican City"},
    {"VC", "Saint Vincent and the Grenadines"},
    {"VE", "Venezuela"},
    {"VG", "British Virgin Islands"},
    {"VI", "U.S. Virgin Islands"},
    {"VN", "Vietnam"},
    {"VU", "Vanuatu"},
    {"WF", "Wallis and Futuna"},
    {"WS", "Samoa"},
    {"XK", "Kosovo"},
    {"YE", "Yemen"},
    {"YT", "Mayotte"},
    {"ZA", "South Africa"},
    {"ZM", "Zambia"},
    {"ZW", "Zimbabwe"},
});

// Other spellings platforms use.
constexpr std::array kOtherNames = std::to_array<Country>({
    {"US", "USA"},
    {"US", "U.S."},
    {"US", "U.S.A."},
    {"US", "United States of America"},
    {"US", "America"},
    {"GB", "UK"},
    {"GB", "U.K."},
    {"GB", "Great Britain"},
    {"GB", "Britain"},
    {"GB", "England"},
    {"GB", "Scotland"},
    {"GB", "Wales"},
    {"GB", "Northern Ireland"},
    {"AE", "UAE"},
    {"RU", "Russian Federation"},
    {"KR", "Korea"},
    {"KR", "Republic of Korea"},
    {"VN", "Viet Nam"},
    {"CZ", "Czech Republic"},
    {"TR", "Türkiye"},
    {"TR", "Turkiye"},
    {"CI", "Ivory Coast"},
    {"CI", "Cote d'Ivoire"},
    {"NL", "The Netherlands"},
    {"NL", "Holland"},
    {"MM", "Burma"},
    {"SZ", "Swaziland"},
    {"CV", "Cabo Verde"},
    {"MK", "Macedonia"},
    {"CD", "DR Congo"},
    {"CD", "DRC"},
    {"CG", "Congo"},
    {"VA", "Vatican"},
    {"TL", "East Timor"},
    {"IR", "Islamic Republic of Iran"},
    {"SY", "Syrian Arab Republic"},
    {"LA", "Lao PDR"},
    {"BO", "Plurinational State of Bolivia"},
    {"VE", "Bolivarian Republic of Venezuela"},
    {"TZ", "United Republic of Tanzania"},
    {"MD", "Republic of Moldova"},
    {"PS", "State of Palestine"},
    {"MO", "Macao"},
    {"HK", "Hong Kong SAR"},
    {"TW", "Republic of China"},
    {"CN", "People's Republic of China"},
    {"CN", "PRC"},
    {"BS", "The Bahamas"},
    {"GM", "The Gambia"},
    {"PH", "The Philippines"},
});

// Drops the words around a country that do not change which one it is ("US only", "Remote EU").
std::string_view strip_qualifiers(std::string_view part) {
    for (std::string_view word : {"only", "remote", "based", "-"}) {
        if (part.size() > word.size() + 1 &&
            ascii::iequals(part.substr(part.size() - word.size()), word) &&
            part[part.size() - word.size() - 1] == ' ') {
            part = ascii::trim(part.substr(0, part.size() - word.size()));
        }
        if (part.size() > word.size() + 1 && ascii::iequals(part.substr(0, word.size()), word) &&
            part[word.size()] == ' ') {
            part = ascii::trim(part.substr(word.size()));
        }
    }
    return part;
}

// Regions as remote listings name them, each as lists of alpha-2 codes.
constexpr std::string_view kEurope =
    "AD AL AT AX BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI LT "
    "LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SK SM UA VA XK";
constexpr std::string_view kEuropeanUnion =
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK";
constexpr std::string_view kMiddleEast = "AE BH CY EG IL IQ IR JO KW LB OM PS QA SA SY TR YE";
constexpr std::string_view kAfrica =
    "AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW KE KM LR LS LY MA MG ML "
    "MR MU MW MZ NA NE NG RW SC SD SL SN SO SS ST SZ TD TG TN TZ UG ZA ZM ZW";
constexpr std::string_view kNorthAmerica = "US CA MX";
constexpr std::string_view kLatinAmerica =
    "AR BO BR BZ CL CO CR CU DO EC GT GY HN HT MX NI PA PE PR PY SR SV UY VE";
constexpr std::string_view kCaribbean =
    "AG AI AW BB BQ BS CU CW DM DO GD HT JM KN KY LC MS PR TC TT VC VG VI";
constexpr std::string_view kSouthAmerica = "AR BO BR CL CO EC GY PE PY SR UY VE";
constexpr std::string_view kCentralAmerica = "BZ CR GT HN NI PA SV";
constexpr std::string_view kEastAsia = "CN HK JP KP KR MN MO TW";
constexpr std::string_view kSouthEastAsia = "BN ID KH LA MM MY PH SG TH TL VN";
constexpr std::string_view kSouthAsia = "AF BD BT IN LK MV NP PK";
constexpr std::string_view kCentralAsia = "KG KZ TJ TM UZ";
constexpr std::string_view kOceania = "AU FJ FM KI MH NR NZ PG PW SB TO TV VU WS";

struct Region {
    std::string_view name;  // lower case
    std::array<std::string_view, 4> codes;
};

constexpr std::array kRegions = std::to_array<Region>({
    {"europe", {kEurope}},
    {"eu", {kEuropeanUnion}},
    {"european union", {kEuropeanUnion}},
    {"eea", {kEuropeanUnion, "IS LI NO"}},
    {"emea", {kEurope, kMiddleEast, kAfrica}},
    {"middle east", {kMiddleEast}},
    {"mena", {kMiddleEast, "DZ LY MA TN"}},
    {"africa", {kAfrica}},
    {"north america", {kNorthAmerica}},
    {"northern america", {kNorthAmerica}},
    {"latam", {kLatinAmerica}},
    {"latin america", {kLatinAmerica}},
    {"south america", {kSouthAmerica}},
    {"central america", {kCentralAmerica}},
    {"caribbean", {kCaribbean}},
    {"americas", {kNorthAmerica, kLatinAmerica, kCaribbean}},
    {"the americas", {kNorthAmerica, kLatinAmerica, kCaribbean}},
    {"apac", {kEastAsia, kSouthEastAsia, kSouthAsia, kOceania}},
    {"asia pacific", {kEastAsia, kSouthEastAsia, kSouthAsia, kOceania}},
    {"asia-pacific", {kEastAsia, kSouthEastAsia, kSouthAsia, kOceania}},
    {"asia", {kEastAsia, kSouthEastAsia, kSouthAsia, kCentralAsia}},
    {"southeast asia", {kSouthEastAsia}},
    {"south asia", {kSouthAsia}},
    {"oceania", {kOceania}},
    {"anz", {"AU NZ"}},
    {"dach", {"AT CH DE"}},
    {"nordics", {"DK FI IS NO SE"}},
    {"benelux", {"BE LU NL"}},
});

// Words that open a listing to everyone.
constexpr std::array<std::string_view, 9> kAnywhere = {
    "worldwide",  "anywhere",      "global",        "globally",   "world",
    "everywhere", "international", "all countries", "any country"};

// US states, by name and by their two letters (which may also spell a country: "MA", "DE").
constexpr std::array<std::string_view, 51> kUsStateCodes = {
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL",
    "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT",
    "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI",
    "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC"};
constexpr std::array<std::string_view, 51> kUsStateNames = {
    "Alabama",        "Alaska",        "Arizona",
    "Arkansas",       "California",    "Colorado",
    "Connecticut",    "Delaware",      "Florida",
    "Georgia",        "Hawaii",        "Idaho",
    "Illinois",       "Indiana",       "Iowa",
    "Kansas",         "Kentucky",      "Louisiana",
    "Maine",          "Maryland",      "Massachusetts",
    "Michigan",       "Minnesota",     "Mississippi",
    "Missouri",       "Montana",       "Nebraska",
    "Nevada",         "New Hampshire", "New Jersey",
    "New Mexico",     "New York",      "North Carolina",
    "North Dakota",   "Ohio",          "Oklahoma",
    "Oregon",         "Pennsylvania",  "Rhode Island",
    "South Carolina", "South Dakota",  "Tennessee",
    "Texas",          "Utah",          "Vermont",
    "Virginia",       "Washington",    "West Virginia",
    "Wisconsin",      "Wyoming",       "District of Columbia"};

bool list_has(std::string_view codes, std::string_view code) {
    for (std::size_t at = codes.find(code); at != std::string_view::npos;
         at = codes.find(code, at + 1)) {
        if (at % 3 == 0) {  // codes are "XX " cells
            return true;
        }
    }
    return false;
}

// The places a free-text location names, one part at a time: its parts between , / ; ( ) | &,
// split again at " or ", with "only", "remote", "based" and "-" around them dropped ("US
// only", "Remote (EU)", "US or Canada"). Stops at the first part `visit` returns true for and
// says whether one did.
template <typename Visit>
bool any_place(std::string_view location, Visit&& visit) {
    std::size_t start = 0;
    while (start <= location.size()) {
        std::size_t end = location.find_first_of(",/;()|&", start);
        if (end == std::string_view::npos) {
            end = location.size();
        }
        const std::string_view piece = location.substr(start, end - start);
        for (std::size_t from = 0; from <= piece.size();) {
            const std::size_t to = piece.find(" or ", from);
            const std::string_view part = strip_qualifiers(
                ascii::trim(piece.substr(from, to == std::string_view::npos ? to : to - from)));
            from = to == std::string_view::npos ? piece.size() + 1 : to + 4;
            if (!part.empty() && visit(part)) {
                return true;
            }
        }
        start = end + 1;
    }
    return false;
}

// Two letters count as a code in upper case only: "us" or "in" in running text are words.
bool is_upper_pair(std::string_view part) {
    return part.size() == 2 && std::isupper(static_cast<unsigned char>(part[0])) &&
           std::isupper(static_cast<unsigned char>(part[1]));
}

}  // namespace

std::optional<std::string_view> country_code(std::string_view s) {
    // Every spelling, lower-cased, looked up in a table built once: the scorer asks for each
    // part of every listing's location, so a scan of ~300 names per call would show.
    using Table = std::unordered_map<std::string, std::string_view>;
    static const Table by_code = [] {
        Table t;
        for (const auto& c : kCountries) {
            t.emplace(ascii::to_lower(c.code), c.code);
        }
        return t;
    }();
    static const Table by_name = [] {
        Table t;
        for (const auto& c : kCountries) {
            t.emplace(ascii::to_lower(c.name), c.code);
        }
        for (const auto& c : kOtherNames) {
            t.emplace(ascii::to_lower(c.name), c.code);  // a country's own name stays first
        }
        return t;
    }();
    s = ascii::trim(s);
    const std::string lower = ascii::to_lower(s);
    if (s.size() == 2) {
        if (auto it = by_code.find(lower); it != by_code.end()) {
            return it->second;
        }
    }
    if (auto it = by_name.find(lower); it != by_name.end()) {
        return it->second;
    }
    return std::nullopt;
}

std::string_view country_name(std::string_view code) {
    for (const auto& c : kCountries) {
        if (c.code == code) {
            return c.name;
        }
    }
    return {};
}

bool location_names_country(std::string_view location, std::string_view code) {
    return any_place(location, [&](std::string_view part) {
        if (part.size() == 2 && !is_upper_pair(part)) {
            return false;
        }
        auto found = country_code(part);
        return found && *found == code;
    });
}

bool location_admits(std::string_view location, std::string_view home) {
    bool named_a_place = false;
    const bool admitted = any_place(location, [&](std::string_view part) {
        const std::string lower = ascii::to_lower(part);
        if (std::find(kAnywhere.begin(), kAnywhere.end(), lower) != kAnywhere.end()) {
            return true;
        }
        for (const Region& r : kRegions) {
            if (r.name == lower) {
                named_a_place = true;
                for (std::string_view codes : r.codes) {
                    if (!codes.empty() && list_has(codes, home)) {
                        return true;
                    }
                }
            }
        }
        const bool pair = is_upper_pair(part);
        const bool us_state =
            std::any_of(kUsStateNames.begin(), kUsStateNames.end(),
                        [&](std::string_view n) { return ascii::iequals(n, part); }) ||
            (pair &&
             std::find(kUsStateCodes.begin(), kUsStateCodes.end(), part) != kUsStateCodes.end());
        // A state or a city names no country by itself ("Tampa, FL", "California" may be where
        // the company sits), and "MA" may be Morocco as well as Massachusetts: such a part
        // admits people in either country and filters no one.
        if (us_state) {
            return home == "US" || (pair && part == home);
        }
        if (part.size() == 2 && !pair) {
            return false;
        }
        auto code = country_code(part);
        named_a_place = named_a_place || code.has_value();
        return code && *code == home;
    });
    return admitted || !named_a_place;
}

}  // namespace gigscout
