"""What a whole story says, beyond one sentence: whose goods it is about, and which of its rows
a later statement settles (imported by tui.core.tariff_engine).

- The **story's target**: the one country the headline and lead tax ("India's tariffs on US
  goods take effect", "Trump doubles tariffs on Turkish steel"). A later rate whose sentence
  names no country ("Duties on walnuts rise to 120%", "Another 50% tax was levied on
  footwear") is that country's, unless it is a global sector duty (steel, cars...) the lead
  did not put on that country, or a baseline for everyone. When the lead says that measure is
  in force, such a rate worded only by tense ("will be raised to 40%") is imposed.
- The **two parties** of a bilateral story ("The United States and China agreed to..."): a
  party that acts on its own tariff ("the US agreed to drop its 145% tax") taxes the other.
- **Settling**: one (country, rate) has one status in the end. A superseded rate is only
  `other`; a deal's rate is `agreed` even where a sentence restates it as a plain fact; an
  imposed rate is no longer `threatened` or `proposed`. A threat to a country that then
  struck a deal is superseded by it (`other`), and so is a rate the story tells in the past
  tense with no act named ("its goods were subject to a 32% tariff").
"""

from __future__ import annotations

import re
from dataclasses import replace

from tui.core.models import TariffRow, TariffStatus
from tui.core.tariff_lexicon import (
    ANSWERED,
    IMPORTS_FROM,
    IMPOSER_AFTER,
    IMPOSING_NEXT,
    LEAD_IN_FORCE,
)
from tui.core.tariff_status import strongest_cue
from tui.core.tariff_targets import Mention, Target, find_mentions

__all__ = ["Story", "dedupe", "sectors", "settle"]

# "tariffs on Turkish steel", "measures against 28 products from the US", "duties on $3bn of
# goods from the United States": a tariff word, then its target within a few words.
_TAXED_BEFORE = re.compile(
    r"\b(?:tariffs?|dut(?:y|ies)|lev(?:y|ies)|taxes|surtax(?:es)?|(?:counter)?measures|"
    r"retaliation)\s+(?:on|against)\s+(?:[\w$.,’'-]+\s+){0,6}?(?:from\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
# A headline's subject that imposes: "China will impose", "EU slaps", "Turkey raises".
_HEADLINE_IMPOSING = re.compile(
    r"\s+(?:(?:will|to|has|have|also|again)\s+)?(?:impos\w*|slap\w*|lev(?:y|ies|ied)|rais\w*|"
    r"hik\w*|retaliat\w*|hits?\s+back)\b",
    re.IGNORECASE,
)
# Sectors the US taxes worldwide: a rate on one of them names no country by itself.
SECTOR = re.compile(
    r"\b(?:steel|alumini?um|metals?|copper|lumber|timber|autos?|cars?|vehicles?|auto\s+parts|"
    r"trucks?|pharmaceuticals?|drugs|semiconductors?|chips)\b",
    re.IGNORECASE,
)
# A rate for everyone: "the 10% baseline", "a general tariff", "most other goods".
BASELINE = re.compile(
    r"\b(?:baseline|universal|blanket|general|global|worldwide|across-the-board|"
    r"all\s+(?:countries|nations|imports|trading\s+partners)|every\s+country|"
    r"any\s+(?:other\s+)?(?:country|nation)|(?:countries|nations)\s+(?:that|which|buying|with)|"
    r"most\s+(?:other\s+)?(?:goods|imports|countries)|base|"
    # an unnamed group: "all of the remaining countries", "other trading partners"
    r"all\s+(?:of\s+)?(?:the\s+)?(?:remaining|other)\s+(?:countries|nations|partners)|"
    r"(?:remaining|other)\s+(?:trading\s+)?(?:countries|nations|partners)|"
    # "Many countries have a designated rate of 15%", "ten countries will face 30%"
    r"(?:many|some|several|numerous|few|dozens\s+of|\d+|ten|twenty|a\s+dozen)\s+(?:other\s+)?"
    r"(?:countries|nations|partners|economies))\b",
    re.IGNORECASE,
)
# A figure about tariffs in general: "the average effective US tariff rate is now 18%".
STATISTIC = re.compile(
    r"\b(?:average|weighted|overall|estimated?|estimates|highest|lowest|"
    # not the date a rate applies from: "10 percent effective June 5"
    r"effective(?!\s+(?:from|on|as\s+of|immediately|today|(?-i:[A-Z][a-z]+\.?\s+\d)|\d)))\b",
    re.I,
)
# Two parties named as one pair: "The United States and China agreed", "US-China talks".
_PAIRED = re.compile(r"\s*(?:and|&)\s+(?:the\s+)?|-")
_US = "US"


class Story:
    """The story's target and parties, read from its headline and lead."""

    def __init__(self) -> None:
        self._taxed: dict[str, Target] = {}  # iso -> target the lead taxes
        self._named: dict[str, Target] = {}  # iso -> every country the lead names
        self._sectors: set[str] = set()
        self._pair: tuple[Target, Target] | None = None
        # The countries the headline says impose ("China will impose tariffs on US goods",
        # "EU slaps tariffs on US jeans"): not the story's target while another is taxed.
        self._imposing: set[str] = set()
        self._headline_read = False
        # The lead says the measure on the story's target is in force ("India's duties on US
        # goods come into effect"): a later rate of that measure worded only in the future
        # tense ("duties on lentils will be raised to 40%") is one of its rates, imposed.
        self.in_force = False
        # What the headline or lead says of the measure on the story's target, when it names
        # the act: "Mexico imposed tariffs on American products" (imposed), "The US and China
        # agreed to cut tariffs" (agreed). A later rate of that target with no wording of its
        # own takes it, and so does a deal's rate told in the future tense ("China's rate on
        # US goods will decrease to 10%"); a threat in the future tense stays one.
        self.measure: TariffStatus | None = None

    def note_lead(self, sentence: str, rows: list[TariffRow]) -> None:
        """Read one sentence of the headline or lead, with the rows found in it."""
        mentions = find_mentions(sentence)
        if not self._headline_read:
            self._headline_read = True
            self._imposing = {
                m.target.iso for m in mentions if _HEADLINE_IMPOSING.match(sentence, m.end)
            }
        for one, two in zip(mentions, mentions[1:], strict=False):
            if (
                self._pair is None
                and one.target.iso != two.target.iso
                and _US in (one.target.iso, two.target.iso)
                and _PAIRED.fullmatch(sentence, one.end, two.start)
            ):
                self._pair = (one.target, two.target)
        for mention in mentions:
            if IMPORTS_FROM.match(sentence, mention.end):
                continue  # "tariffs on US imports from dozens of countries": the importer
            if mention.kind in ("name", "capital", "demonym"):
                self._named.setdefault(mention.target.iso, mention.target)
            if (
                _TAXED_BEFORE.search(sentence, max(0, mention.start - 80), mention.start)
                and not ANSWERED.search(sentence, max(0, mention.start - 100), mention.start)
                # "tariffs on Mexican steel, Mexico's president signed ...", "..., Chile
                # imposed": the one acting
                and not IMPOSER_AFTER.match(sentence, mention.end)
                and not IMPOSING_NEXT.match(sentence, mention.end)
            ):
                self._taxed.setdefault(mention.target.iso, mention.target)
                self.in_force = self.in_force or LEAD_IN_FORCE.search(sentence) is not None
                after = sentence[mention.end : mention.end + 40]
                self._sectors.update(sectors(after))
        for row in rows:
            self._taxed.setdefault(row.iso, Target(row.country, row.iso))
        if self.measure is None and (self._taxed or self._pair):
            cue = strongest_cue(sentence)
            if cue is not None and cue.strong and cue.status in ("imposed", "agreed"):
                self.measure = cue.status

    @property
    def imposing(self) -> frozenset[str]:
        """The countries the headline says impose ("China will impose tariffs on US goods")."""
        return frozenset(self._imposing)

    @property
    def pair(self) -> tuple[Target, Target] | None:
        """The two parties the headline or lead names as one ("The US and China agreed")."""
        return self._pair

    def of_measure(self, iso: str) -> bool:
        """Whether the lead's measure is on this country's goods: the one it taxes, or a party
        of a two-party story."""
        return iso in self._taxed or (self._pair is not None and iso in {t.iso for t in self._pair})

    def taxes(self, iso: str) -> bool:
        """Whether the headline and lead tax this country's goods."""
        return iso in self._taxed

    def party(self, iso: str) -> bool:
        """Whether the headline or lead names this country (not only in passing as an
        importer): a party to the story, such as the one that hits back."""
        return iso in self._named or iso in self._imposing

    def general(self, clause: str) -> bool:
        """Whether a rate in ``clause`` is about no one country: a baseline, a statistic, or a
        sector duty the lead did not put on the story's target."""
        if BASELINE.search(clause) or STATISTIC.search(clause):
            return True
        return bool(sectors(clause) - self._sectors)

    def target(self, clause: str, bound: bool) -> Target | None:
        """The story's one target, for a rate in ``clause`` that names none of its own. A rate
        not tied to a tariff word counts only beside a sector the lead taxes ("Aluminium will
        now be 20%" in a story on tariffs on Turkish aluminium)."""
        if self.general(clause) or not (bound or sectors(clause)):
            return None
        taxed = {iso: t for iso, t in self._taxed.items() if iso not in self._imposing}
        taxed = taxed or self._taxed
        foreign = [t for iso, t in taxed.items() if iso != _US]
        if len(foreign) == 1:
            return foreign[0]
        if not foreign and _US in taxed:
            return taxed[_US]
        return None

    def other_party(self, imposer: Mention, clause: str) -> Target | None:
        """The other side of a two-party story ("The United States and China agreed ..."),
        for a party that taxes in ``clause``."""
        if self._pair is None or self.general(clause):
            return None
        one, two = self._pair
        if imposer.target.iso == one.iso:
            return two
        return one if imposer.target.iso == two.iso else None


def sectors(text: str) -> set[str]:
    """The sectors a text names (steel, cars...), one spelling each."""
    return {m.group(0).lower().replace("aluminium", "aluminum") for m in SECTOR.finditer(text)}


# A rate told in the past tense, with no wording of an act: "goods were subject to a 32%
# tariff", "had faced 30%". For a country that has since struck a deal, it is superseded.
_PAST_TAXED = re.compile(
    r"\b(?:(?:were|was|had\s+been)\s+(?:subject(?:ed)?\s+to|hit\s+with|facing|charged)|"
    r"had\s+(?:faced|paid))\b",
    re.IGNORECASE,
)
# A threat that still hangs on a condition ("if no deal is agreed by 9 July", "if they fail to
# reach a deal, the tariffs will rise to 25%"): a deal struck on other terms leaves it open.
# (A condition told in the past, "had warned of 30% if no deal was reached", was met by the deal.)
_STILL_CONDITIONAL = re.compile(
    r"\b(?:if|unless)\b[^.;]{0,40}?\b(?:no\s+(?:\w+\s+)?deal\s+is|fails?|is\s+not|are\s+not|"
    r"does\s+not|do\s+not)\b",
    re.IGNORECASE,
)
# Which status one (country, rate) keeps when a text gives it several.
_RANK: dict[TariffStatus, int] = {
    "other": 0,
    "agreed": 1,
    "imposed": 2,
    "threatened": 3,
    "proposed": 4,
}


def settle(rows: list[TariffRow], weights: list[int]) -> list[TariffRow]:
    """One status per (country, rate), and threats a later deal superseded marked `other`.

    ``weights`` says how firmly each row's status is worded (0: not at all, 1: by tense or a
    neighbour only, 2: by wording naming the act): a rate stated with no wording takes the
    status the text words elsewhere for the same (country, rate). An `other` worded only by
    tense (the "10%" of "will jump from 10% to 25%", superseded by a threat alone) yields to a
    firm `imposed` ("imposed 10% tariffs last year"): that rate is still in force. A threat
    that still hangs on a condition (no deal, a failure) stays a threat after a deal.
    """
    worded: set[tuple[str, float]] = set()
    in_force: set[tuple[str, float]] = set()
    for row, weight in zip(rows, weights, strict=True):
        key = (row.iso, row.rate_pct)
        if weight > 0:
            worded.add(key)
        if weight > 1 and row.status == "imposed":
            in_force.add(key)
    best: dict[tuple[str, float], TariffStatus] = {}
    for row, weight in zip(rows, weights, strict=True):
        key = (row.iso, row.rate_pct)
        if (weight == 0 and key in worded) or (
            weight == 1 and row.status == "other" and key in in_force
        ):
            continue
        if key not in best or _RANK[row.status] < _RANK[best[key]]:
            best[key] = row.status
    dealt = {iso for (iso, _rate), status in best.items() if status == "agreed"}
    open_threats = {
        (row.iso, row.rate_pct)
        for row in rows
        if row.status == "threatened" and _STILL_CONDITIONAL.search(row.evidence)
    }
    past = {
        (row.iso, row.rate_pct)
        for row, weight in zip(rows, weights, strict=True)
        if weight < 2 and row.status == "imposed" and _PAST_TAXED.search(row.evidence)
    }
    out: list[TariffRow] = []
    for row in rows:
        key = (row.iso, row.rate_pct)
        status = best[key]
        if row.iso in dealt and (
            (status == "threatened" and key not in open_threats)
            or (status == "imposed" and key in past)
        ):
            status = "other"
        out.append(row if status == row.status else replace(row, status=status))
    return out


def dedupe(rows: list[TariffRow]) -> tuple[TariffRow, ...]:
    """One row per (country, rate, status): the first evidence, the first date given."""
    kept: dict[tuple[str, float, float | None, str], TariffRow] = {}
    for row in rows:
        key = (row.iso, row.rate_pct, row.rate_max_pct, row.status)
        old = kept.get(key)
        if old is None:
            kept[key] = row
        elif old.effective is None and row.effective is not None:
            kept[key] = replace(old, effective=row.effective)
    return tuple(kept.values())
