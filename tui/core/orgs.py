"""Hand-written facts the rules backend uses to find organisations: well-known bodies and
companies with their acronyms, and the words that end (or head) an organisation's name.

Plain data, parsed once on first use by `tui.core.entities`; importing this module is cheap.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache


def _words(s: str) -> frozenset[str]:
    """The whitespace-separated words of a literal, as a set."""
    return frozenset(s.split())


__all__ = ["ORG_HEADS", "ORG_SUFFIXES", "KnownOrg", "known_orgs"]


@dataclass(frozen=True, slots=True)
class KnownOrg:
    """A well-known organisation: canonical name, its acronym ("" when none), other names."""

    name: str
    acronym: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *((self.acronym,) if self.acronym else ()), *self.aliases)


# Last words of an organisation's name ("Asia Society Policy Institute", "Goldman Sachs Group").
ORG_SUFFIXES: frozenset[str] = _words(
    """
inc corp corporation co company ltd limited llc llp plc ag gmbh nv group holdings bank
institute institution department ministry forum association council agency society union
university college school academy committee commission party organization organisation
federation foundation fund authority board bureau office service services club fc trust
alliance coalition conference centre center network court tribunal parliament assembly senate
congress army navy force forces guard police command corps airlines airways motors
technologies technology labs laboratories systems partners capital securities investments
ventures industries enterprises pharmaceuticals media news times post journal herald tribune
gazette telegraph press reserve exchange museum hospital church secretariat directorate league
brigade brigades movement front cartel consortium institutes studios records entertainment
broadcasting insurance bancorp city united program programme mining resources petroleum
steel electric lab foods library observer chronicle courier community brands logistics shipping
administration operator
"""
)

# Common nouns that describe an organisation beside its name: "Swissmem, the engineering
# industry association", "the trade group Acme", "lobby group Foo said".
ORG_DESCRIPTORS: frozenset[str] = _words(
    """
association federation group lobby company firm carmaker automaker maker manufacturer producer
retailer exporter importer bank lender insurer airline broadcaster publisher union chamber
conglomerate consortium startup giant consultancy brokerage chipmaker steelmaker shipbuilder
planemaker supplier miner refiner distiller watchmaker label brand regulator watchdog
associations groups companies firms carmakers automakers makers manufacturers producers
retailers exporters importers banks lenders insurers airlines broadcasters giants consultancies
brokerages chipmakers steelmakers shipbuilders suppliers miners refiners distillers watchmakers
labels brands conglomerates
"""
)

# First words of names built as "X of Y" / "X for Y" ("Bank of England", "Ministry of Defence").
ORG_HEADS: frozenset[str] = _words(
    """
bank university ministry department institute association organization organisation council
commission committee court church federation league union college school academy society
museum office bureau agency chamber house board centre center fund foundation confederation
"""
)

# One organisation a line: "Name;ACRONYM;alias|alias". A name may take a second line when its
# aliases would not fit on one; the lines add up. Bodies keep the name the text gives them
# ("Congress", "NBC News" beside "NBC"): a short form is an alias only when it is the same name.
_KNOWN = """
Association of Southeast Asian Nations;ASEAN
European Union;EU;E.U.
NATO;;Nato|North Atlantic Treaty Organization|North Atlantic Treaty Organisation
United Nations;UN;U.N.
UN Security Council;UNSC;United Nations Security Council|Security Council
World Trade Organization;WTO;World Trade Organisation
International Monetary Fund;IMF
World Bank
World Health Organization;WHO;World Health Organisation
World Economic Forum;WEF
Organisation for Economic Co-operation and Development;OECD
Organization of the Petroleum Exporting Countries;OPEC
Asia-Pacific Economic Cooperation;APEC
G7;;G-7|Group of Seven
G20;;G-20|Group of 20|Group of Twenty
BRICS
African Union;AU
Gulf Cooperation Council;GCC
Shanghai Cooperation Organisation;SCO;Shanghai Cooperation Organization
International Atomic Energy Agency;IAEA
International Criminal Court;ICC
International Court of Justice;ICJ
United Nations Relief and Works Agency;UNRWA;UN Relief and Works Agency
UNESCO
UNICEF
UNHCR
Interpol
Red Cross;;International Committee of the Red Cross
Amnesty International
Human Rights Watch
European Commission
European Parliament
European Central Bank;ECB
Federal Reserve;Fed
Bank of England
Bank of Japan;BOJ
People's Bank of China;PBOC
Executive Yuan
Legislative Yuan
Office of the United States Trade Representative;;Office of the U.S. Trade Representative
Office of the United States Trade Representative;;Office of the US Trade Representative
Office of the United States Trade Representative;;Office of The United States Trade Representative
State Department
US State Department;;U.S. State Department
Pentagon
White House
Kremlin
Congress
US Congress;;U.S. Congress
US Senate;;U.S. Senate
House of Representatives
Supreme Court
Treasury Department;;Treasury
US Treasury Department;;U.S. Treasury Department
Department of Justice;DOJ;Justice Department
Department of Homeland Security;DHS;Homeland Security
Customs and Border Protection;CBP
US Customs and Border Protection;;U.S. Customs and Border Protection
Federal Bureau of Investigation;FBI
Central Intelligence Agency;CIA
National Security Agency;NSA
NASA
Food and Drug Administration;FDA
Securities and Exchange Commission;SEC
Federal Trade Commission;FTC
Environmental Protection Agency;EPA
Internal Revenue Service;IRS
Centers for Disease Control and Prevention;CDC
National Health Service;NHS
Immigration and Customs Enforcement;ICE
Republican Party;GOP
Democratic Party
Labour Party
Conservative Party
Swiss People's Party;SVP
Communist Party
Hamas
Hezbollah
Taliban
Houthis
Islamic State;ISIS;ISIL
BBC
CNN
Reuters
Associated Press;AP;AP News
Agence France-Presse;AFP
United Press International;UPI
Asian News International;ANI
Press Trust of India;PTI
Indo-Asian News Service;IANS
Anadolu Agency
Interfax
Bernama
Jiji Press
dpa-AFX
Federal Register
Official Gazette
Bloomberg
Xinhua
Al Jazeera
New York Times
Washington Post
Wall Street Journal;WSJ
USA Today
Financial Times;FT
The Guardian;;Guardian
NPR
Politico
Axios
Fox News
ABC
ABC News
CBS
CBS News
NBC
NBC News
CNBC
MSNBC
PBS
Sky News
CBC
CBC News
Deutsche Welle;DW
France 24
Euronews
CCTV
NHK
Kyodo News
Kyodo
Yonhap
Yonhap News Agency
TASS
South China Morning Post;SCMP
Truth Social
Twitter
YouTube
Weibo
LinkedIn
Apple
Google
Alphabet
Microsoft
Amazon
Meta
Facebook
Instagram
WhatsApp
Tesla
SpaceX
Nvidia
OpenAI
Anthropic
Samsung
Toyota
Huawei
TikTok
ByteDance
Alibaba
Tencent
Intel
AMD
IBM
Boeing
Airbus
Netflix
Uber
Sony
Honda
Volkswagen
BMW
Ford
General Motors;GM
Stellantis
Qualcomm
TSMC
Oracle
Salesforce
Goldman Sachs
JPMorgan;;JPMorgan Chase|JP Morgan
Morgan Stanley
Citigroup;;Citi
HSBC
Barclays
BlackRock
Walmart
Starbucks
McDonald's
Coca-Cola
PepsiCo
Pfizer
Moderna
Shell
BP
ExxonMobil;;Exxon
Chevron
Aramco;;Saudi Aramco
Gazprom
Rosneft
Petronas
OPEC+
Premier League
FIFA
UEFA
NFL
NBA
MLB
NHL
International Olympic Committee;IOC
Arsenal
Chelsea
Tottenham Hotspur;;Tottenham|Spurs
Real Madrid
Bayern Munich
Juventus
Paris Saint-Germain;PSG
Los Angeles Lakers;;Lakers
"""


@cache
def known_orgs() -> tuple[KnownOrg, ...]:
    """Every hand-listed organisation, in table order."""
    out: list[KnownOrg] = []
    for line in _KNOWN.strip().splitlines():
        parts = line.split(";")
        name = parts[0].strip()
        acronym = parts[1].strip() if len(parts) > 1 else ""
        aliases = tuple(a.strip() for a in parts[2].split("|")) if len(parts) > 2 else ()
        out.append(KnownOrg(name=name, acronym=acronym, aliases=aliases))
    return tuple(out)
