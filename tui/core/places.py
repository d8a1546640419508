"""A small gazetteer of places below (or beside) the country level: capitals, big cities,
states and provinces, plus named regions that are *not* places for extraction purposes.

Countries themselves live in `tui.core.countries`. Everything here is hand-written fact
(names, the ISO code of the country they belong to, a few aliases); the tables are parsed
once, on first use, so importing this module costs nothing.

Kinds:
- ``capital``, ``city``: cities (GPE).
- ``state``: first-level divisions and constituent nations (US states, provinces, England...) (GPE).
- ``region``: continents, seas, sub-regions ("South China Sea", "Indo-Pacific", "East Asia").
  They are *not* GPEs; the entity extractor uses them to stop their words from being read as
  countries or people.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

__all__ = ["Place", "PlaceKind", "all_places", "place_by_name", "region_adjectives"]

PlaceKind = Literal["capital", "city", "state", "region"]


@dataclass(frozen=True, slots=True)
class Place:
    """A named place: canonical name, kind, ISO alpha-2 of its country ("" for regions), aliases."""

    name: str
    kind: PlaceKind
    iso2: str = ""
    aliases: tuple[str, ...] = ()


# One place per line: "Name;ISO2[;alias|alias...]". Capitals of (nearly) every country.
_CAPITALS = """
Kabul;AF
Tirana;AL
Algiers;DZ
Andorra la Vella;AD
Luanda;AO
Buenos Aires;AR
Yerevan;AM
Canberra;AU
Vienna;AT
Baku;AZ
Nassau;BS
Manama;BH
Dhaka;BD
Bridgetown;BB
Minsk;BY
Brussels;BE
Belmopan;BZ
Porto-Novo;BJ
Thimphu;BT
La Paz;BO
Sucre;BO
Sarajevo;BA
Gaborone;BW
Brasilia;BR;Brasília
Bandar Seri Begawan;BN
Sofia;BG
Ouagadougou;BF
Gitega;BI
Phnom Penh;KH
Yaounde;CM;Yaoundé
Ottawa;CA
Praia;CV
Bangui;CF
N'Djamena;TD;N’Djamena
Santiago;CL
Beijing;CN;Peking
Bogota;CO;Bogotá
Moroni;KM
Kinshasa;CD
Brazzaville;CG
San Jose;CR;San José
Yamoussoukro;CI
Zagreb;HR
Havana;CU
Nicosia;CY
Prague;CZ
Copenhagen;DK
Djibouti City;DJ
Roseau;DM
Santo Domingo;DO
Dili;TL
Quito;EC
Cairo;EG
San Salvador;SV
Malabo;GQ
Asmara;ER
Tallinn;EE
Mbabane;SZ
Addis Ababa;ET
Suva;FJ
Helsinki;FI
Paris;FR
Libreville;GA
Banjul;GM
Tbilisi;GE
Berlin;DE
Accra;GH
Athens;GR
St. George's;GD
Guatemala City;GT
Conakry;GN
Bissau;GW
Georgetown;GY
Port-au-Prince;HT
Tegucigalpa;HN
Budapest;HU
Reykjavik;IS;Reykjavík
New Delhi;IN
Jakarta;ID
Tehran;IR
Baghdad;IQ
Dublin;IE
Jerusalem;IL
Rome;IT
Kingston;JM
Tokyo;JP
Amman;JO
Astana;KZ
Nairobi;KE
Tarawa;KI
Pristina;XK
Kuwait City;KW
Bishkek;KG
Vientiane;LA
Riga;LV
Beirut;LB
Maseru;LS
Monrovia;LR
Tripoli;LY
Vaduz;LI
Vilnius;LT
Antananarivo;MG
Lilongwe;MW
Kuala Lumpur;MY;KL
Putrajaya;MY
Malé;MV
Bamako;ML
Valletta;MT
Majuro;MH
Nouakchott;MR
Port Louis;MU
Mexico City;MX
Palikir;FM
Chisinau;MD;Chișinău
Ulaanbaatar;MN;Ulan Bator
Podgorica;ME
Rabat;MA
Maputo;MZ
Naypyidaw;MM;Nay Pyi Taw|Naypyitaw
Windhoek;NA
Kathmandu;NP
Amsterdam;NL
The Hague;NL
Wellington;NZ
Managua;NI
Niamey;NE
Abuja;NG
Pyongyang;KP
Skopje;MK
Oslo;NO
Muscat;OM
Islamabad;PK
Ngerulmud;PW
Ramallah;PS
Panama City;PA
Port Moresby;PG
Asuncion;PY;Asunción
Lima;PE
Manila;PH
Warsaw;PL
Lisbon;PT
Doha;QA
Bucharest;RO
Moscow;RU
Kigali;RW
Basseterre;KN
Castries;LC
Kingstown;VC
Apia;WS
San Marino City;SM
Sao Tome;ST;São Tomé
Riyadh;SA
Dakar;SN
Belgrade;RS
Victoria;SC
Freetown;SL
Bratislava;SK
Ljubljana;SI
Honiara;SB
Mogadishu;SO
Pretoria;ZA
Cape Town;ZA
Seoul;KR
Juba;SS
Madrid;ES
Colombo;LK
Sri Jayawardenepura Kotte;LK
Khartoum;SD
Paramaribo;SR
Stockholm;SE
Bern;CH
Berne;CH
Damascus;SY
Taipei;TW
Dushanbe;TJ
Dodoma;TZ
Bangkok;TH
Lome;TG;Lomé
Nuku'alofa;TO
Port of Spain;TT
Tunis;TN
Ankara;TR
Ashgabat;TM
Funafuti;TV
Kampala;UG
Kyiv;UA;Kiev
Abu Dhabi;AE
London;GB
Washington;US;Washington, D.C.|Washington D.C.|Washington DC|Washington, DC
Montevideo;UY
Tashkent;UZ
Port Vila;VU
Caracas;VE
Hanoi;VN
Sanaa;YE;Sana'a|Sana’a
Lusaka;ZM
Harare;ZW
"""

# Big and newsworthy cities that are not capitals.
_CITIES = """
New York;US;New York City|NYC
Los Angeles;US;LA
Chicago;US
Houston;US
Phoenix;US
Philadelphia;US
San Antonio;US
San Diego;US
Dallas;US
Austin;US
San Francisco;US
Seattle;US
Denver;US
Boston;US
Detroit;US
Nashville;US
Baltimore;US
Atlanta;US
Miami;US
Minneapolis;US
Las Vegas;US
Portland;US
New Orleans;US
Pittsburgh;US
Cleveland;US
Cincinnati;US
St. Louis;US;St Louis|Saint Louis
Kansas City;US
Salt Lake City;US
Sacramento;US
Honolulu;US
Anchorage;US
Buffalo;US
Rochester;US
Albany;US
Tampa;US
Orlando;US
Charlotte;US
Raleigh;US
Savannah;US
Charleston;US
Spokane;US
Knoxville;US
St. Paul;US;St Paul|Saint Paul
Milwaukee;US
Indianapolis;US
Columbus;US
Memphis;US
Louisville;US
Oklahoma City;US
Albuquerque;US
Tucson;US
Fort Worth;US
El Paso;US
Jacksonville;US
Oakland;US
San Jose, California;US
Palo Alto;US
Cupertino;US
Mountain View;US
Menlo Park;US
Redmond;US
Brooklyn;US
Manhattan;US
Queens;US
the Bronx;US;Bronx
Staten Island;US
Newark;US
Jersey City;US
Hoboken;US
Cambridge, Massachusetts;US
Annapolis;US
Richmond;US
Tallahassee;US
Montgomery;US
Boise;US
Des Moines;US
Omaha;US
Lincoln, Nebraska;US
Toronto;CA
Montreal;CA;Montréal
Vancouver;CA
Calgary;CA
Edmonton;CA
Winnipeg;CA
Quebec City;CA
Halifax;CA
Manchester;GB
Birmingham;GB
Liverpool;GB
Leeds;GB
Glasgow;GB
Edinburgh;GB
Cardiff;GB
Belfast;GB
Bristol;GB
Sheffield;GB
Newcastle;GB
Nottingham;GB
Leicester;GB
Oxford;GB
Southampton;GB
Aberdeen;GB
Brighton;GB
Coventry;GB
Hamburg;DE
Munich;DE;München
Frankfurt;DE
Cologne;DE;Köln
Stuttgart;DE
Dusseldorf;DE;Düsseldorf
Leipzig;DE
Dresden;DE
Bonn;DE
Hanover;DE;Hannover
Nuremberg;DE
Marseille;FR
Lyon;FR
Toulouse;FR
Nice;FR
Bordeaux;FR
Lille;FR
Strasbourg;FR
Nantes;FR
Milan;IT;Milano
Naples;IT
Turin;IT
Florence;IT
Venice;IT
Genoa;IT
Bologna;IT
Palermo;IT
Barcelona;ES
Valencia;ES
Seville;ES
Bilbao;ES
Malaga;ES;Málaga
Porto;PT
Rotterdam;NL
Antwerp;BE
Geneva;CH
Zurich;CH;Zürich
Basel;CH
Davos;CH
Gothenburg;SE
Krakow;PL;Kraków
Gdansk;PL;Gdańsk
Wroclaw;PL;Wrocław
Istanbul;TR
Izmir;TR
St Petersburg;RU;St. Petersburg|Saint Petersburg
Novosibirsk;RU
Yekaterinburg;RU
Kazan;RU
Vladivostok;RU
Sochi;RU
Murmansk;RU
Kaliningrad;RU
Kharkiv;UA;Kharkov
Odesa;UA;Odessa
Lviv;UA
Dnipro;UA
Zaporizhzhia;UA
Mariupol;UA
Donetsk;UA
Luhansk;UA
Kherson;UA
Bakhmut;UA
Sevastopol;UA
Thessaloniki;GR
Shanghai;CN
Guangzhou;CN
Shenzhen;CN
Chongqing;CN
Tianjin;CN
Wuhan;CN
Chengdu;CN
Hangzhou;CN
Nanjing;CN
Xi'an;CN;Xian
Dalian;CN
Qingdao;CN
Xiamen;CN
Urumqi;CN
Lhasa;CN
Osaka;JP
Kyoto;JP
Yokohama;JP
Nagoya;JP
Sapporo;JP
Fukuoka;JP
Kobe;JP
Hiroshima;JP
Nagasaki;JP
Okinawa;JP
Busan;KR
Incheon;KR
Kaohsiung;TW
Ho Chi Minh City;VN;Saigon
Da Nang;VN
Haiphong;VN
Mumbai;IN;Bombay
Delhi;IN
Bengaluru;IN;Bangalore
Kolkata;IN;Calcutta
Chennai;IN;Madras
Hyderabad;IN
Ahmedabad;IN
Pune;IN
Jaipur;IN
Lucknow;IN
Patna;IN
Srinagar;IN
Karachi;PK
Lahore;PK
Peshawar;PK
Rawalpindi;PK
Chittagong;BD
Kandahar;AF
Herat;AF
Surabaya;ID
Bandung;ID
Medan;ID
Bali;ID
Penang;MY
Johor Bahru;MY
Cebu;PH
Davao;PH
Quezon City;PH
Chiang Mai;TH
Phuket;TH
Pattaya;TH
Yangon;MM;Rangoon
Mandalay;MM
Siem Reap;KH
Dubai;AE
Sharjah;AE
Jeddah;SA
Mecca;SA;Makkah
Medina;SA
Dammam;SA
Basra;IQ
Mosul;IQ
Erbil;IQ
Aleppo;SY
Homs;SY
Idlib;SY
Isfahan;IR
Mashhad;IR
Tel Aviv;IL
Haifa;IL
Gaza City;PS
Rafah;PS
Khan Younis;PS
Hebron;PS
Alexandria;EG
Giza;EG
Sharm el-Sheikh;EG
Benghazi;LY
Casablanca;MA
Marrakesh;MA;Marrakech
Lagos;NG
Kano;NG
Johannesburg;ZA
Durban;ZA
Mombasa;KE
Dar es Salaam;TZ
Goma;CD
Lubumbashi;CD
Abidjan;CI
Darfur;SD
Sao Paulo;BR;São Paulo
Rio de Janeiro;BR;Rio
Salvador;BR
Belo Horizonte;BR
Porto Alegre;BR
Manaus;BR
Cordoba;AR;Córdoba
Rosario;AR
Guadalajara;MX
Monterrey;MX
Tijuana;MX
Cancun;MX;Cancún
Acapulco;MX
Medellin;CO;Medellín
Cali;CO
Cartagena;CO
Valparaiso;CL;Valparaíso
Guayaquil;EC
Sydney;AU
Melbourne;AU
Brisbane;AU
Perth;AU
Adelaide;AU
Darwin;AU
Hobart;AU
Gold Coast;AU
Auckland;NZ
Christchurch;NZ
Hong Kong;HK
Macau;MO
Singapore;SG
"""

# First-level divisions people write as places, and the UK's constituent nations.
_STATES = """
Alabama;US
Alaska;US
Arizona;US
Arkansas;US
California;US
Colorado;US
Connecticut;US
Delaware;US
Florida;US
Hawaii;US
Idaho;US
Illinois;US
Indiana;US
Iowa;US
Kansas;US
Kentucky;US
Louisiana;US
Maine;US
Maryland;US
Massachusetts;US
Michigan;US
Minnesota;US
Mississippi;US
Missouri;US
Montana;US
Nebraska;US
Nevada;US
New Hampshire;US
New Jersey;US
New Mexico;US
New York State;US;New York state
North Carolina;US
North Dakota;US
Ohio;US
Oklahoma;US
Oregon;US
Pennsylvania;US
Rhode Island;US
South Carolina;US
South Dakota;US
Tennessee;US
Texas;US
Utah;US
Vermont;US
Virginia;US
Washington State;US;Washington state
West Virginia;US
Wisconsin;US
Wyoming;US
Puerto Rico;US
Ontario;CA
Quebec;CA;Québec
British Columbia;CA
Alberta;CA
Manitoba;CA
Saskatchewan;CA
Nova Scotia;CA
New Brunswick;CA
Newfoundland;CA
England;GB
Scotland;GB
Wales;GB
Northern Ireland;GB
New South Wales;AU
Queensland;AU
Tasmania;AU
Western Australia;AU
South Australia;AU
Bavaria;DE
Catalonia;ES
Basque Country;ES
Andalusia;ES
Sicily;IT
Sardinia;IT
Lombardy;IT
Corsica;FR
Brittany;FR
Normandy;FR
Crimea;UA
Donbas;UA;Donbass
Kursk;RU
Belgorod;RU
Chechnya;RU
Xinjiang;CN
Tibet;CN
Guangdong;CN
Hubei;CN
Sichuan;CN
Yunnan;CN
Fujian;CN
Zhejiang;CN
Jiangsu;CN
Inner Mongolia;CN
Kashmir;IN
Jammu and Kashmir;IN
Punjab;IN
Kerala;IN
Tamil Nadu;IN
Maharashtra;IN
Gujarat;IN
Uttar Pradesh;IN
Bihar;IN
West Bengal;IN
Karnataka;IN
Assam;IN
Manipur;IN
Balochistan;PK
Khyber Pakhtunkhwa;PK
Sindh;PK
Mindanao;PH
Luzon;PH
Java;ID
Sumatra;ID
Borneo;ID
Papua;ID
Aceh;ID
Sabah;MY
Sarawak;MY
Johor;MY
Selangor;MY
Rakhine;MM
Shan State;MM
Kurdistan;IQ
Gaza;PS;Gaza Strip
West Bank;PS
Golan Heights;SY
Tigray;ET
Hokkaido;JP
Jeju;KR
Ontario Province;CA
"""

# Named regions, seas and continents: never GPEs, but their words must not read as
# countries ("South China Sea") or people ("East Asia").
_REGIONS = """
Asia
Europe
Africa
Oceania
Antarctica
Arctic
Antarctic
North America
South America
Latin America
Central America
Americas
Australasia
Eurasia
Middle East
Near East
Far East
East Asia
Southeast Asia
South Asia
Central Asia
West Asia
Western Asia
Northeast Asia
Asia-Pacific
Asia Pacific
Indo-Pacific
Indo Pacific
Western Europe
Eastern Europe
Central Europe
Northern Europe
Southern Europe
Scandinavia
Nordics
Baltics
Balkans
Western Balkans
Caucasus
South Caucasus
Sahel
Maghreb
Levant
Horn of Africa
Sub-Saharan Africa
North Africa
West Africa
East Africa
Southern Africa
Central Africa
Arabian Peninsula
Korean Peninsula
Iberian Peninsula
Gulf
Persian Gulf
Arabian Gulf
Gulf of Mexico
Gulf of America
Gulf of Aden
Gulf of Thailand
Caribbean
Pacific
Pacific Ocean
South Pacific
Atlantic
Atlantic Ocean
North Atlantic
Indian Ocean
Southern Ocean
Arctic Ocean
Mediterranean
Mediterranean Sea
South China Sea
East China Sea
Yellow Sea
Sea of Japan
Black Sea
Red Sea
Baltic Sea
North Sea
Caspian Sea
Aegean Sea
Adriatic
Bay of Bengal
Taiwan Strait
Strait of Hormuz
Strait of Malacca
Malacca Strait
Bosphorus
Suez Canal
Panama Canal
English Channel
Himalayas
Alps
Andes
Amazon Basin
Siberia
Patagonia
Sahara
Silicon Valley
Wall Street
Main Street
Midwest
Deep South
Pacific Northwest
New England
Rust Belt
Sun Belt
West Coast
East Coast
Global South
Global North
Third World
Free World
"""

# Adjectives of regions ("Southeast Asian nations"): not countries, not people.
_REGION_ADJECTIVES = """
Asian
European
African
American
Southeast Asian
East Asian
South Asian
Central Asian
Latin American
North American
South American
Central American
Middle Eastern
Arab
Arabic
Western
Eastern
Northern
Southern
Nordic
Scandinavian
Baltic
Balkan
Caribbean
Pacific
Atlantic
Transatlantic
Mediterranean
Gulf
Sub-Saharan
Eurasian
Caucasian
Himalayan
Siberian
Arctic
Hispanic
Latino
Latina
Asian-American
African-American
Indigenous
Aboriginal
Kurdish
Tibetan
Uyghur
Uighur
Rohingya
Pashtun
Tamil
Sikh
Punjabi
Bengali
Hindi
Urdu
Persian
Catalan
Basque
Scottish
Welsh
English
Flemish
Walloon
Cantonese
Mandarin
Hebrew
Latin
Greek
Zionist
Soviet
Yugoslav
Ottoman
Roman
Byzantine
Celtic
Anglo
Hawaiian
Texan
Californian
Floridian
Ukrainians
"""


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    places: tuple[Place, ...]
    by_name: dict[str, Place]
    adjectives: frozenset[str]


def _parse(block: str, kind: PlaceKind) -> list[Place]:
    out: list[Place] = []
    for line in block.strip().splitlines():
        parts = line.split(";")
        name = parts[0].strip()
        iso2 = parts[1].strip() if len(parts) > 1 else ""
        aliases = tuple(a.strip() for a in parts[2].split("|")) if len(parts) > 2 else ()
        out.append(Place(name=name, kind=kind, iso2=iso2, aliases=aliases))
    return out


@cache
def _gazetteer() -> _Gazetteer:
    places = (
        _parse(_CAPITALS, "capital")
        + _parse(_CITIES, "city")
        + _parse(_STATES, "state")
        + _parse(_REGIONS, "region")
    )
    by_name: dict[str, Place] = {}
    for place in places:  # first claim wins: a capital beats a same-named city
        for key in (place.name, *place.aliases):
            by_name.setdefault(key, place)
    adjectives = frozenset(line.strip() for line in _REGION_ADJECTIVES.strip().splitlines())
    return _Gazetteer(tuple(places), by_name, adjectives)


def all_places() -> tuple[Place, ...]:
    """Every place in the gazetteer (capitals first, then cities, states, regions)."""
    return _gazetteer().places


def place_by_name(name: str) -> Place | None:
    """The place a name or alias refers to (case-sensitive: place names are proper nouns)."""
    key = " ".join(name.split())
    g = _gazetteer()
    hit = g.by_name.get(key)
    if hit is None and key.startswith("the "):
        hit = g.by_name.get(key[4:])
    return hit


def region_adjectives() -> frozenset[str]:
    """Adjectives of regions and peoples that are neither places nor persons ("Southeast Asian")."""
    return _gazetteer().adjectives
