"""Tokens of a text and the word lists the entity rules read them with.

The text is tokenised once; each token keeps its surface form, its form without a possessive
("Rubio's" -> "Rubio") and its offsets. The word lists say which capitalised words are not names
(sentence starters, news nouns), which end a facility, a place or a company, and which never sit
inside a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _words(s: str) -> frozenset[str]:
    """The whitespace-separated words of a literal, as a set."""
    return frozenset(s.split())


TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_](?:\w|[’'\-&](?=[^\W_]))*")
POSSESSIVE = re.compile(r"^(.+?)['’][sS]$")
DIGIT = re.compile(r"\d")

ABBREVIATIONS = _words(
    "Mr Mrs Ms Dr St Sen Rep Gov Gen Lt Col Capt Prof Jr Sr Mt Ft Rev Sgt No Nos Inc Corp Co"
)
NAME_PARTICLES = _words(
    "de da di du des del della van von der den ter ten bin ibn bint al el la le dos das y zu"
)
OF_WORDS = frozenset({"of", "for", "on"})
DAYS = _words(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thur Thurs Fri "
    "Sat Sun"
)
MONTHS = _words(
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
)
NAMELIKE_MONTHS = frozenset({"May", "June", "April", "August"})
_SENTENCE_GAP = re.compile(r"[.!?\n:;|“”\"‘(\[—–•]")

# Capitalised words that are not names: sentence starters, pronouns, news nouns, adjectives.
COMMON = _words(
    """
a an the and or but nor so yet if then than when while after before as at in on of for to by
from with without within into onto upon about above below over under between among amid
against across around through during since until till despite though although because unless
whether where which who whom whose what why how this that these those there here it its he she
they we i you me him her them us our ours your yours their theirs my mine his hers itself
i'm i've i'd i'll it's he's she's we're they're you're that's there's what's let's don't
no not yes all any some many most more much few other others another each every both either
neither such same only just also even still again already always never ever often sometimes
now today tonight yesterday tomorrow last next first second third new old big small top major
minor global national international local federal state official officials government police
meanwhile however instead indeed perhaps maybe anyway overall finally earlier later soon once
according asked read watch listen share subscribe advertisement sponsored related photo photos
image images video videos getty afp file update updated breaking live exclusive analysis opinion
editorial comment comments news report reports story stories issue issues please click sign log
home world business sport sports tech technology science health politics culture travel style
lifestyle entertainment markets economy money weather climate education opinion video audio
morning evening afternoon night week weekend month year day days weeks years months
north south east west northern southern eastern western central northeast northwest southeast
southwest upper lower greater inner outer
republican republicans democrat democrats democratic conservative conservatives liberal
liberals labour progressive progressives independent socialist communist islamic muslim
muslims christian christians catholic catholics jewish jews hindu hindus buddhist orthodox
royal supreme united general federal public private chief senior junior former late
acting interim deputy vice then incoming outgoing
cabinet parliament congress senate court army navy government ministry administration
majority minority leader leaders members member president minister prime secretary
people person man woman men women children child family families friends staff team teams
experts analysts critics supporters residents students workers voters users customers fans
investors traders economists researchers scientists doctors lawyers officers troops soldiers
reporters journalists witnesses protesters demonstrators sources observers diplomats lawmakers
legislators prosecutors investigators judges rescuers parents teachers organisers organizers
authorities agencies companies firms countries nations states cities regions allies partners
many several dozens hundreds thousands millions billions
one two three four five six seven eight nine ten eleven twelve
mr mrs ms dr sir madam
oh ah hey hi hello wow okay ok
do does did is are was were be been being have has had can could will would shall should
might must get got make made take took give gave see saw say said tell told think thought know
knew want wanted need needed like look looking come came go went keep kept let
why whatever whoever wherever whenever however
internet web online email app apps software data ai dept
"""
)

# Last words of facilities and streets: such a chunk names no entity ("Delaware Avenue").
FACILITY_SUFFIXES = _words(
    "avenue ave street st road rd boulevard blvd lane drive circle square bridge park airport "
    "station stadium arena hall tower building plaza highway expressway freeway parkway palace "
    "cathedral mosque temple synagogue mall monastery garden gardens zoo beach lake river "
    "mountain island valley canyon falls"
)
# Words after which a capitalised name is a place ("in Hamilton, Ontario").
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "from"})
# Last words of places below the state level ("Erie County").
GPE_SUFFIXES = frozenset({"county", "province", "prefecture", "oblast", "governorate"})
# Legal forms after a known company's name ("Toyota Motor Corp" is Toyota).
LEGAL_SUFFIXES = _words(
    "inc corp corporation co ltd limited llc plc ag gmbh nv sa se group holdings motor motors "
    "company"
)
# Last words that close a company's whole name ("Acme Motor Group", "Brill Steel"): what
# follows "and" after one is another company.
COMPANY_CLOSERS = LEGAL_SUFFIXES | _words("steel airlines airways industries electronics")
# Determiners and the like that may lead a chunk ending in an organisation word.
LEADING = _words(
    "the a an this that these those when while after before as at in on for to by from with "
    "but and or if so"
)

# Verbs of title-case headlines ("Commerce Department Announces ..."): never inside a name.
HEADLINE_VERBS = _words(
    "Announces Says Imposes Slaps Raises Extends Delays Launches Warns Threatens Urges Unveils "
    "Signs Approves Seeks Expands Lifts Suspends Reaches Agrees Finalizes Finalises Publishes "
    "Rejects Pauses Vows Confirms Hikes Adds Removes Revokes Exempts"
)
# Words that never sit inside a name: a chunk holding one is a title-case headline.
FUNCTION_WORDS = _words(
    """
a an the and or but nor if then than when while after before as at in on to by from with
without into onto upon about over under between among against through during since until
because unless whether where which who whom whose what why how this that these those there
here it its he she they we i you me him her them us our your their my his is are was were be
been being have has had do does did can could will would shall should might must not no
"""
)

# Words that qualify a title ("Senior Director") rather than name the employer.
TITLE_MODIFIERS = _words(
    "senior former acting deputy vice executive interim chief then general associate assistant "
    "global regional principal lead"
)


@dataclass(slots=True)
class Tokens:
    text: str
    surf: list[str]  # surface form as written ("Rubio's")
    base: list[str]  # without a possessive ("Rubio")
    start: list[int]
    end: list[int]  # end of `base`
    poss: list[bool]
    lower_words: set[str]

    def gap(self, i: int) -> str:
        """Text between token i and token i + 1 (whitespace normalised)."""
        g = self.text[self.start[i] + len(self.surf[i]) : self.start[i + 1]]
        return g.replace("\u00a0", " ")

    def cap(self, i: int) -> bool:
        return self.base[i][0].isupper()

    def sentence_initial(self, i: int) -> bool:
        if i == 0:
            return True
        prev_end = self.start[i - 1] + len(self.surf[i - 1])
        gap = self.text[prev_end : self.start[i]]
        if not _SENTENCE_GAP.search(gap):
            return False
        return not (
            gap.strip() == "." and (self.base[i - 1] in ABBREVIATIONS or len(self.base[i - 1]) == 1)
        )


def tokenise(text: str) -> Tokens:
    surf: list[str] = []
    base: list[str] = []
    start: list[int] = []
    end: list[int] = []
    poss: list[bool] = []
    lower: set[str] = set()
    for m in TOKEN.finditer(text):
        s = m.group()
        b = s
        p = False
        if len(s) > 2 and s[-1] in "sS" and s[-2] in "'’":
            pm = POSSESSIVE.match(s)
            if pm:
                b = pm.group(1)
                p = True
        surf.append(s)
        base.append(b)
        start.append(m.start())
        end.append(m.start() + len(b))
        poss.append(p)
        if s[0].islower():
            lower.add(b)
    return Tokens(text, surf, base, start, end, poss, lower)
