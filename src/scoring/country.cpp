#include "scoring/country.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

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

}  // namespace

std::optional<std::string_view> country_code(std::string_view s) {
    s = ascii::trim(s);
    if (s.size() == 2) {
        for (const auto& c : kCountries) {
            if (ascii::iequals(c.code, s)) {
                return c.code;
            }
        }
    }
    for (const auto& c : kCountries) {
        if (ascii::iequals(c.name, s)) {
            return c.code;
        }
    }
    for (const auto& c : kOtherNames) {
        if (ascii::iequals(c.name, s)) {
            return c.code;
        }
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
    std::size_t start = 0;
    while (start <= location.size()) {
        std::size_t end = location.find_first_of(",/;()|", start);
        if (end == std::string_view::npos) {
            end = location.size();
        }
        std::string_view part = strip_qualifiers(ascii::trim(location.substr(start, end - start)));
        bool lower_short = part.size() == 2 && (std::islower(static_cast<unsigned char>(part[0])) ||
                                                std::islower(static_cast<unsigned char>(part[1])));
        // Two letters count in upper case only: "us" or "in" in running text are words.
        if (!part.empty() && !lower_short) {
            auto found = country_code(part);
            if (found && *found == code) {
                return true;
            }
        }
        start = end + 1;
    }
    return false;
}

}  // namespace gigscout
