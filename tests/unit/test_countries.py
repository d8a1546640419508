"""Country names, aliases and demonyms as news writes them."""

from __future__ import annotations

import pytest

from tui.core.countries import (
    Country,
    all_countries,
    country_by_demonym,
    country_by_iso,
    country_by_name,
)

G20 = [
    "Argentina",
    "Australia",
    "Brazil",
    "Canada",
    "China",
    "France",
    "Germany",
    "India",
    "Indonesia",
    "Italy",
    "Japan",
    "Mexico",
    "Russia",
    "Saudi Arabia",
    "South Africa",
    "South Korea",
    "Turkey",
    "United Kingdom",
    "United States",
]
ASEAN = [
    "Brunei",
    "Cambodia",
    "Indonesia",
    "Laos",
    "Malaysia",
    "Myanmar",
    "Philippines",
    "Singapore",
    "Thailand",
    "Vietnam",
]
EU = [
    "Austria",
    "Belgium",
    "Bulgaria",
    "Croatia",
    "Cyprus",
    "Czech Republic",
    "Denmark",
    "Estonia",
    "Finland",
    "France",
    "Germany",
    "Greece",
    "Hungary",
    "Ireland",
    "Italy",
    "Latvia",
    "Lithuania",
    "Luxembourg",
    "Malta",
    "Netherlands",
    "Poland",
    "Portugal",
    "Romania",
    "Slovakia",
    "Slovenia",
    "Spain",
    "Sweden",
]
PARTNERS = ["Switzerland", "Taiwan", "Bangladesh", "Pakistan", "Sri Lanka", "Israel", "Norway"]


def test_all_countries_is_cached_sorted_and_complete() -> None:
    countries = all_countries()
    assert countries is all_countries()
    assert len(countries) >= 249
    names = [c.name for c in countries]
    assert names == sorted(names)
    assert len({c.iso2 for c in countries}) == len(countries)
    assert all(isinstance(c, Country) for c in countries)


@pytest.mark.parametrize(
    ("name", "iso2"),
    [
        ("United States", "US"),
        ("South Korea", "KR"),
        ("North Korea", "KP"),
        ("Vietnam", "VN"),
        ("Laos", "LA"),
        ("Russia", "RU"),
        ("United Kingdom", "GB"),
        ("Brunei", "BN"),
        ("Philippines", "PH"),
        ("Iran", "IR"),
        ("Syria", "SY"),
        ("Taiwan", "TW"),
        ("Bolivia", "BO"),
        ("Tanzania", "TZ"),
        ("Czech Republic", "CZ"),
        ("Turkey", "TR"),
        ("Ivory Coast", "CI"),
    ],
)
def test_common_english_names_are_canonical(name: str, iso2: str) -> None:
    country = country_by_iso(iso2)
    assert country is not None
    assert country.name == name
    assert country_by_name(name) == country


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("US", "United States"),
        ("U.S.", "United States"),
        ("USA", "United States"),
        ("U.S.A.", "United States"),
        ("America", "United States"),
        ("United States of America", "United States"),
        ("the United States", "United States"),
        ("The U.S.", "United States"),
        ("UK", "United Kingdom"),
        ("U.K.", "United Kingdom"),
        ("Britain", "United Kingdom"),
        ("Great Britain", "United Kingdom"),
        ("the Philippines", "Philippines"),
        ("Viet Nam", "Vietnam"),
        ("Czechia", "Czech Republic"),
        ("Türkiye", "Turkey"),
        ("Burma", "Myanmar"),
        ("Côte d'Ivoire", "Ivory Coast"),
        ("UAE", "United Arab Emirates"),
        ("Holland", "Netherlands"),
        ("vietnam", "Vietnam"),
        ("China's", "China"),
        ("Russia’s", "Russia"),
    ],
)
def test_aliases(alias: str, name: str) -> None:
    country = country_by_name(alias)
    assert country is not None
    assert country.name == name


@pytest.mark.parametrize("word", ["us", "the us", "usa", "uk", "", "   ", "Atlantis", "Europe"])
def test_non_countries_and_lowercase_acronyms(word: str) -> None:
    assert country_by_name(word) is None


def test_us_aliases_listed_on_the_country() -> None:
    us = country_by_name("United States")
    assert us is not None
    for alias in ("US", "U.S.", "USA", "America"):
        assert alias in us.aliases


def test_no_alias_is_claimed_by_two_countries() -> None:
    seen: dict[str, str] = {}
    for country in all_countries():
        for alias in (country.name, *country.aliases):
            assert seen.setdefault(alias, country.iso2) == country.iso2, alias


@pytest.mark.parametrize(
    ("word", "name"),
    [
        ("Brazilian", "Brazil"),
        ("Chinese", "China"),
        ("American", "United States"),
        ("Americans", "United States"),
        ("Malaysian", "Malaysia"),
        ("Russian", "Russia"),
        ("British", "United Kingdom"),
        ("Vietnamese", "Vietnam"),
        ("Filipino", "Philippines"),
        ("Thai", "Thailand"),
        ("Swiss", "Switzerland"),
        ("Dutch", "Netherlands"),
        ("South Korean", "South Korea"),
        ("North Korean", "North Korea"),
        ("Laotian", "Laos"),
        ("Emirati", "United Arab Emirates"),
        ("brazilian", "Brazil"),
        ("U.S.", "United States"),
    ],
)
def test_demonyms(word: str, name: str) -> None:
    country = country_by_demonym(word)
    assert country is not None
    assert country.name == name


@pytest.mark.parametrize("word", ["us", "Martian", "", "European"])
def test_unknown_demonyms(word: str) -> None:
    assert country_by_demonym(word) is None


@pytest.mark.parametrize("name", sorted(set(G20 + ASEAN + EU + PARTNERS)))
def test_major_partners_have_demonyms(name: str) -> None:
    country = country_by_name(name)
    assert country is not None, name
    assert country.demonyms, name
    for word in country.demonyms:
        assert country_by_demonym(word) == country
