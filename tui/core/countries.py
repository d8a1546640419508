"""Countries by their common English names, aliases and demonyms.

The ISO 3166-1 list comes from pycountry (a maintained data package, no download at run time);
the names people write in news ("Vietnam", "South Korea", "the U.S.", "Britain"), the aliases
and the demonyms ("Brazilian", "Chinese") are hand-written here. Everything is built once, on
the first call, so importing this module costs nothing at start-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

__all__ = [
    "Country",
    "all_countries",
    "country_by_demonym",
    "country_by_iso",
    "country_by_name",
]


@dataclass(frozen=True, slots=True)
class Country:
    """A country: its common English name, ISO 3166-1 alpha-2 code, aliases and demonyms."""

    name: str
    iso2: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()


# ISO alpha-2 -> the common English name used everywhere in the app, where pycountry's
# (even its common_name) is not what a news reader writes.
_NAMES: dict[str, str] = {
    "BN": "Brunei",
    "BO": "Bolivia",
    "BQ": "Caribbean Netherlands",
    "CC": "Cocos Islands",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "CI": "Ivory Coast",
    "CV": "Cape Verde",
    "CZ": "Czech Republic",
    "FK": "Falkland Islands",
    "FM": "Micronesia",
    "HK": "Hong Kong",
    "IR": "Iran",
    "KP": "North Korea",
    "KR": "South Korea",
    "LA": "Laos",
    "MD": "Moldova",
    "MF": "Saint Martin",
    "MO": "Macau",
    "PS": "Palestine",
    "RU": "Russia",
    "SH": "Saint Helena",
    "SX": "Sint Maarten",
    "SY": "Syria",
    "TL": "East Timor",
    "TR": "Turkey",
    "TW": "Taiwan",
    "TZ": "Tanzania",
    "US": "United States",
    "GB": "United Kingdom",
    "VA": "Vatican City",
    "VE": "Venezuela",
    "VG": "British Virgin Islands",
    "VI": "US Virgin Islands",
    "VN": "Vietnam",
}

# Extra names by ISO alpha-2. Earlier entries win when two countries claim one alias.
_ALIASES: dict[str, tuple[str, ...]] = {
    "US": (
        "US",
        "U.S.",
        "U.S",
        "USA",
        "U.S.A.",
        "America",
        "United States of America",
        "the United States",
        "the US",
        "the U.S.",
        "the USA",
    ),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "the United Kingdom", "the UK", "the U.K."),
    "CN": ("PRC", "People's Republic of China", "Mainland China", "mainland China"),
    "KR": ("Korea", "Republic of Korea", "ROK", "S. Korea"),
    "KP": ("DPRK", "Democratic People's Republic of Korea", "N. Korea"),
    "RU": ("Russian Federation",),
    "VN": ("Viet Nam",),
    "LA": ("Lao PDR", "Lao People's Democratic Republic"),
    "CZ": ("Czechia",),
    "TR": ("Türkiye", "Turkiye"),
    "MM": ("Burma",),
    "CI": ("Côte d'Ivoire", "Cote d'Ivoire", "Côte d’Ivoire", "Cote d’Ivoire"),
    "CD": ("DR Congo", "DRC", "Democratic Republic of Congo", "Congo-Kinshasa", "Congo"),
    "CG": ("Congo-Brazzaville", "Republic of Congo"),
    "SZ": ("Swaziland",),
    "TL": ("Timor-Leste",),
    "CV": ("Cabo Verde",),
    "MK": ("Macedonia",),
    "NL": ("the Netherlands", "Holland"),
    "PH": ("the Philippines",),
    "BS": ("the Bahamas",),
    "GM": ("the Gambia",),
    "AE": ("UAE", "U.A.E.", "the UAE", "the United Arab Emirates"),
    "VA": ("Vatican", "Holy See"),
    "MO": ("Macao",),
    "PS": ("Palestinian Territories", "State of Palestine"),
    "IR": ("Persia",),
    "FM": ("Federated States of Micronesia",),
    "BO": ("Plurinational State of Bolivia",),
    "VE": ("Bolivarian Republic of Venezuela",),
    "TW": ("Republic of China",),
    "SA": ("KSA",),
    "BA": ("Bosnia", "Bosnia-Herzegovina"),
    "TT": ("Trinidad",),
    "VI": ("U.S. Virgin Islands",),
    "FK": ("Falklands",),
    "DO": ("Dominican Rep.",),
}

# Demonyms (adjectives of nationality). The first country to claim a word keeps it.
_DEMONYMS: dict[str, tuple[str, ...]] = {
    "US": ("American", "U.S.", "US"),
    "GB": ("British", "UK", "U.K."),
    "CN": ("Chinese",),
    "JP": ("Japanese",),
    "KR": ("South Korean", "Korean"),
    "KP": ("North Korean",),
    "IN": ("Indian",),
    "ID": ("Indonesian",),
    "BR": ("Brazilian",),
    "MX": ("Mexican",),
    "CA": ("Canadian",),
    "AR": ("Argentine", "Argentinian", "Argentinean"),
    "AU": ("Australian",),
    "RU": ("Russian",),
    "SA": ("Saudi", "Saudi Arabian"),
    "ZA": ("South African",),
    "TR": ("Turkish",),
    "DE": ("German",),
    "FR": ("French",),
    "IT": ("Italian",),
    "ES": ("Spanish",),
    "PT": ("Portuguese",),
    "NL": ("Dutch",),
    "BE": ("Belgian",),
    "LU": ("Luxembourgish", "Luxembourger"),
    "IE": ("Irish",),
    "AT": ("Austrian",),
    "DK": ("Danish",),
    "SE": ("Swedish",),
    "FI": ("Finnish",),
    "PL": ("Polish",),
    "CZ": ("Czech",),
    "SK": ("Slovak", "Slovakian"),
    "SI": ("Slovenian", "Slovene"),
    "HU": ("Hungarian",),
    "RO": ("Romanian",),
    "BG": ("Bulgarian",),
    "HR": ("Croatian",),
    "GR": ("Greek",),
    "CY": ("Cypriot",),
    "MT": ("Maltese",),
    "EE": ("Estonian",),
    "LV": ("Latvian",),
    "LT": ("Lithuanian",),
    "NO": ("Norwegian",),
    "IS": ("Icelandic",),
    "CH": ("Swiss",),
    "LI": ("Liechtensteiner",),
    "UA": ("Ukrainian",),
    "BY": ("Belarusian",),
    "MD": ("Moldovan",),
    "RS": ("Serbian",),
    "BA": ("Bosnian",),
    "ME": ("Montenegrin",),
    "MK": ("North Macedonian", "Macedonian"),
    "AL": ("Albanian",),
    "XK": ("Kosovan", "Kosovar"),
    "GE": ("Georgian",),
    "AM": ("Armenian",),
    "AZ": ("Azerbaijani", "Azeri"),
    "KZ": ("Kazakh", "Kazakhstani"),
    "UZ": ("Uzbek",),
    "TM": ("Turkmen",),
    "KG": ("Kyrgyz",),
    "TJ": ("Tajik",),
    "MN": ("Mongolian",),
    "VN": ("Vietnamese",),
    "TH": ("Thai",),
    "MY": ("Malaysian",),
    "SG": ("Singaporean",),
    "PH": ("Filipino", "Philippine"),
    "KH": ("Cambodian",),
    "LA": ("Laotian", "Lao"),
    "MM": ("Myanmar", "Burmese"),
    "BN": ("Bruneian",),
    "TL": ("Timorese",),
    "BD": ("Bangladeshi",),
    "PK": ("Pakistani",),
    "LK": ("Sri Lankan",),
    "NP": ("Nepali", "Nepalese"),
    "BT": ("Bhutanese",),
    "MV": ("Maldivian",),
    "AF": ("Afghan",),
    "IR": ("Iranian",),
    "IQ": ("Iraqi",),
    "SY": ("Syrian",),
    "LB": ("Lebanese",),
    "JO": ("Jordanian",),
    "IL": ("Israeli",),
    "PS": ("Palestinian",),
    "EG": ("Egyptian",),
    "AE": ("Emirati",),
    "QA": ("Qatari",),
    "KW": ("Kuwaiti",),
    "BH": ("Bahraini",),
    "OM": ("Omani",),
    "YE": ("Yemeni",),
    "TW": ("Taiwanese",),
    "HK": ("Hong Konger", "Hongkonger"),
    "MO": ("Macanese",),
    "NZ": ("New Zealander", "New Zealand"),
    "FJ": ("Fijian",),
    "PG": ("Papua New Guinean",),
    "CL": ("Chilean",),
    "CO": ("Colombian",),
    "PE": ("Peruvian",),
    "VE": ("Venezuelan",),
    "EC": ("Ecuadorian", "Ecuadorean"),
    "BO": ("Bolivian",),
    "PY": ("Paraguayan",),
    "UY": ("Uruguayan",),
    "GY": ("Guyanese",),
    "SR": ("Surinamese",),
    "CU": ("Cuban",),
    "DO": ("Dominican",),
    "HT": ("Haitian",),
    "JM": ("Jamaican",),
    "TT": ("Trinidadian",),
    "BS": ("Bahamian",),
    "BB": ("Barbadian",),
    "PR": ("Puerto Rican",),
    "GT": ("Guatemalan",),
    "HN": ("Honduran",),
    "SV": ("Salvadoran", "Salvadorean"),
    "NI": ("Nicaraguan",),
    "CR": ("Costa Rican",),
    "PA": ("Panamanian",),
    "BZ": ("Belizean",),
    "NG": ("Nigerian",),
    "GH": ("Ghanaian",),
    "KE": ("Kenyan",),
    "ET": ("Ethiopian",),
    "TZ": ("Tanzanian",),
    "UG": ("Ugandan",),
    "RW": ("Rwandan",),
    "SO": ("Somali",),
    "SD": ("Sudanese",),
    "SS": ("South Sudanese",),
    "LY": ("Libyan",),
    "TN": ("Tunisian",),
    "DZ": ("Algerian",),
    "MA": ("Moroccan",),
    "SN": ("Senegalese",),
    "ML": ("Malian",),
    "NE": ("Nigerien",),
    "BF": ("Burkinabe", "Burkinabè"),
    "CI": ("Ivorian",),
    "CM": ("Cameroonian",),
    "CD": ("Congolese",),
    "AO": ("Angolan",),
    "ZM": ("Zambian",),
    "ZW": ("Zimbabwean",),
    "MZ": ("Mozambican",),
    "MW": ("Malawian",),
    "BW": ("Botswanan", "Motswana"),
    "NA": ("Namibian",),
    "MG": ("Malagasy",),
    "MU": ("Mauritian",),
    "LS": ("Basotho",),
    "SZ": ("Swazi", "Eswatini"),
    "TD": ("Chadian",),
    "ER": ("Eritrean",),
    "DJ": ("Djiboutian",),
    "GN": ("Guinean",),
    "SL": ("Sierra Leonean",),
    "LR": ("Liberian",),
    "GA": ("Gabonese",),
    "BJ": ("Beninese",),
    "TG": ("Togolese",),
    "MR": ("Mauritanian",),
    "GM": ("Gambian",),
    "CV": ("Cape Verdean",),
}

# Short all-capitals forms ("US", "UK", "DRC") match case-sensitively, so "us" is never the US.
_ACRONYM = re.compile(r"^[A-Z][A-Z.]{0,5}$")
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True, slots=True)
class _Index:
    countries: tuple[Country, ...]
    exact: dict[str, Country]
    folded: dict[str, Country]
    demonyms: dict[str, Country]
    by_iso: dict[str, Country]


def _clean_pycountry_name(name: str) -> str | None:
    """pycountry names like "Korea, Republic of" are not how anyone writes; skip them."""
    if "," in name or "(" in name:
        return None
    return name


@cache
def _index() -> _Index:
    import pycountry  # imported on first use only: start-up never pays for the JSON load

    hand_aliases = {alias for names in _ALIASES.values() for alias in names}
    countries: list[Country] = []
    for record in pycountry.countries:
        iso2 = str(record.alpha_2)
        common = getattr(record, "common_name", None)
        name = _NAMES.get(iso2) or common or str(record.name)
        aliases: list[str] = list(_ALIASES.get(iso2, ()))
        for extra in (
            common,
            str(record.name),
            getattr(record, "official_name", None),
        ):
            cleaned = _clean_pycountry_name(extra) if extra else None
            if (
                cleaned
                and cleaned != name
                and cleaned not in aliases
                and cleaned not in hand_aliases
            ):
                aliases.append(cleaned)
        countries.append(
            Country(name=name, iso2=iso2, aliases=tuple(aliases), demonyms=_DEMONYMS.get(iso2, ()))
        )
    if not any(c.iso2 == "XK" for c in countries):  # Kosovo: a user-assigned code, not in ISO
        countries.append(Country("Kosovo", "XK", (), _DEMONYMS["XK"]))
    countries.sort(key=lambda c: c.name)

    exact: dict[str, Country] = {}
    folded: dict[str, Country] = {}
    demonyms: dict[str, Country] = {}
    by_iso = {c.iso2: c for c in countries}
    # Names first, then hand-written aliases in table order, then pycountry's extra names:
    # a name always wins over another country's alias ("Congo" stays the DRC's alias only
    # because no country is *named* "Congo").
    for country in countries:
        _claim(exact, folded, country.name, country)
    for iso2 in _ALIASES:
        if iso2 in by_iso:
            for alias in _ALIASES[iso2]:
                _claim(exact, folded, alias, by_iso[iso2])
    for country in countries:
        for alias in country.aliases:
            _claim(exact, folded, alias, country)
    for iso2, words in _DEMONYMS.items():
        if iso2 in by_iso:
            for word in words:
                key = word if _ACRONYM.match(word) else word.casefold()
                demonyms.setdefault(key, by_iso[iso2])
    return _Index(tuple(countries), exact, folded, demonyms, by_iso)


def _claim(exact: dict[str, Country], folded: dict[str, Country], key: str, c: Country) -> None:
    exact.setdefault(key, c)
    bare = key[4:] if key.startswith("the ") else key
    if not _ACRONYM.match(bare):
        folded.setdefault(_fold(key), c)


def _fold(s: str) -> str:
    s = " ".join(s.replace("’", "'").split()).casefold()
    return s[4:] if s.startswith("the ") else s


def all_countries() -> tuple[Country, ...]:
    """Every ISO 3166-1 country (plus Kosovo), sorted by common name."""
    return _index().countries


def country_by_iso(iso2: str) -> Country | None:
    """The country with this ISO alpha-2 code (any case), or None."""
    return _index().by_iso.get(iso2.strip().upper())


def country_by_name(name: str) -> Country | None:
    """The country a name or alias refers to ("Viet Nam", "the U.S.", "Britain"), or None.

    Acronyms match case-sensitively ("US" but not "us"); other names ignore case, a leading
    "the" and a trailing possessive ("China's").
    """
    ix = _index()
    key = name.strip()
    if not key:
        return None
    hit = ix.exact.get(key)
    if hit is not None:
        return hit
    if key[:4] in ("the ", "The "):
        hit = ix.exact.get(key[4:].lstrip())
        if hit is not None:
            return hit
    if not _ACRONYM.match(key):
        hit = ix.folded.get(_fold(key))
        if hit is not None:
            return hit
    stripped = _POSSESSIVE.sub("", key)
    if stripped != key and stripped:
        return country_by_name(stripped)
    return None


def country_by_demonym(word: str) -> Country | None:
    """The country a nationality adjective or plural refers to ("Brazilian(s)" -> Brazil)."""
    ix = _index()
    key = " ".join(word.replace("’", "'").split())
    if not key:
        return None
    if _ACRONYM.match(key):
        return ix.demonyms.get(key)
    key = key.casefold()
    hit = ix.demonyms.get(key)
    if hit is None and key.endswith("s"):
        hit = ix.demonyms.get(key[:-1])
    return hit
