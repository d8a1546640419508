"""Status wording, for the tariff extractor (tui.core.tariff_engine): the cues of
tui.core.tariff_lexicon found in a sentence, the one nearest a rate, the source a clause names
(an order, a letter, a deal) and whether a rate is marked as superseded."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from tui.core import tariff_lexicon as lex
from tui.core.models import TariffStatus
from tui.core.tariff_rates import Rate, paired, rate_starts, rates_in

__all__ = [
    "Found",
    "announces",
    "cues",
    "cues_within",
    "document_status",
    "framing_end_of",
    "is_prior",
    "nearest_cue",
    "rubric",
    "source_in",
    "strongest_cue",
]

_ADJACENT = 3  # status wording this close after a rate is about that rate
_STRONG_BONUS = 40.0  # wording naming the act wins over tense wording this much nearer
_CUE_REACH = 300  # status wording further from its rate than this is not about it
_PRIOR_REACH = 80  # "prior" wording is a few words from the rate it marks
_PARTICIPLE_REACH = 40  # "..., setting a 15% tariff": a participle this near before its rate
OWN_WORDING_CHARS = 30  # wording this close after a rate (no comma between) is that rate's


@dataclass(frozen=True, slots=True)
class Found:
    """A status read from wording: which, and whether the wording names the act."""

    status: TariffStatus
    strong: bool


def document_status(text: str, lead: list[tuple[int, int]]) -> TariffStatus | None:
    """What the headline and lead say the document is: an order or fact sheet (its rates are
    imposed, unless its act is to put them off), a letter (threatened) or a deal (agreed),
    from the first such wording."""
    for start, end in lead:
        sent = text[start:end]
        for _s, cue_end, cue in cues(sent):
            if cue.source:
                return _source_status(sent, cue_end, cue)
    return None


def announces(text: str, lead: list[tuple[int, int]]) -> bool:
    """Whether the headline and lead only report an announcement: an announcing verb, and no
    instrument, nothing in force and nothing done named there."""
    announced = False
    for start, end in lead:
        sent = text[start:end]
        if any(c.source or (c.strong and c.status == "imposed") for _s, _e, c in cues(sent)):
            return False
        announced = announced or lex.LEAD_ANNOUNCES.search(sent) is not None
    return announced


def _source_status(sent: str, cue_end: int, cue: lex.Cue) -> TariffStatus | None:
    """The status a source wording gives its rates: an order's are imposed, unless its act is
    to put them off ("an executive order extending the deadline"): then they are a threat."""
    if cue.status == "imposed" and lex.ORDER_DEFERS.match(sent, cue_end):
        return "threatened"
    return rubric(cue.status)


@lru_cache(maxsize=64)
def cues(sent: str) -> tuple[tuple[int, int, lex.Cue], ...]:
    """Every status wording in a sentence (read once per sentence, however many rates)."""
    found: list[tuple[int, int, lex.Cue]] = []
    for match in lex.STATUS_CUE.finditer(sent):
        if match.lastgroup is not None:
            cue = lex.CUE_OF_GROUP[match.lastgroup]
            if cue.status == "agreed" and lex.DEAL_HARMED_BEFORE.search(
                sent, max(0, match.start() - 60), match.start()
            ):
                continue  # "could derail the trade deal": not the rate's deal
            found.append((match.start(), match.end(), cue))
    return tuple(found)


@lru_cache(maxsize=64)
def _cue_starts(sent: str) -> tuple[int, ...]:
    return tuple(start for start, _e, _c in cues(sent))


def cues_within(sent: str, lo: int, hi: int) -> list[tuple[int, int, lex.Cue]]:
    """The sentence's status wording that lies within [lo, hi)."""
    every = cues(sent)
    found = []
    for index in range(bisect_left(_cue_starts(sent), lo), len(every)):
        start, end, cue = every[index]
        if start >= hi:
            break
        if end <= hi:
            found.append((start, end, cue))
    return found


def nearest_cue(sent: str, c_start: int, c_end: int, rate: Rate, *, blocked: bool) -> Found | None:
    """The status wording that best fits the rate within [c_start, c_end): the nearest, with
    wording that names the act counted nearer; when ``blocked``, none that another rate of
    the sentence stands closer to (a rate between the wording and this one). Wording more
    than _CUE_REACH characters away never counts."""
    lo, hi = max(c_start, rate.start - _CUE_REACH), min(c_end, rate.end + _CUE_REACH)
    if blocked:
        rates = rates_in(sent)
        index = bisect_left(rate_starts(sent), rate.start)
        before = index - 1
        while before >= 0 and (rates[before].end > rate.start or paired(rates[before], rate)):
            before -= 1
        if before >= 0:
            lo = max(lo, rates[before].end)
        after = index
        while after < len(rates) and (rates[after].start < rate.end or paired(rates[after], rate)):
            after += 1
        if after < len(rates):
            hi = min(hi, rates[after].start)
    best: tuple[float, Found] | None = None
    framing: Found | None = None  # the last act named before the rate ("proposes a deal")
    hypothetical = False
    condition = False  # a condition stated before the rate in its clause
    for start, end, cue in cues_within(sent, lo, hi):
        status = rubric(cue.status)
        if status is None:
            continue
        current = lex.CURRENT_OF_RATE.match(sent, start)
        if current is not None and current.end() != rate.start:
            continue  # "to 5% from the current 40%": the 40's wording, not the 5's
        if end <= rate.start:
            distance = float(rate.start - end)
        elif (0 <= start - rate.end <= _ADJACENT and "," not in sent[rate.end : start]) or (
            lex.OWN_RELATIVE.fullmatch(sent, rate.end, start)
        ):
            # "20 per cent under its agreement", "36% would ...", and a relative clause on the
            # rate itself: "threatened a further 50% hike, which he implemented"
            distance = 0.0
        elif start >= rate.end:
            # Wording after the rate counts less, and less again past a comma; a condition
            # past a comma opens the next clause ("10% for now, and unless talks succeed, ...").
            comma = 20.0 if "," in sent[rate.end : start] else 0.0
            if comma and cue.condition:
                continue
            distance = (start - rate.end) * 1.5 + comma
        else:
            continue  # inside a change ("from the threatened 36% to 19%"): the earlier rate's
        if cue.strong:
            distance -= _STRONG_BONUS
        if cue.strong and end <= rate.start:
            framing = Found(status, True)
            condition = condition or cue.condition
        if best is None or distance < best[0]:
            best = (distance, Found(status, cue.strong))
            hypothetical = not cue.strong and lex.HYPOTHETICAL.match(sent, start) is not None
    if best is not None and hypothetical and framing is None:
        # "proposes a deal where A's goods would pay 10%, while B's would pay 5%": the act
        # that frames the sentence frames each of its hypothetical rates
        # (wording that the sentence's first rate stands before is that rate's own)
        first = rates_in(sent)[0].start
        framing = _framing_before(sent, max(0, rate.start - _CUE_REACH), min(lo, first))
    if best is not None and hypothetical and framing is not None:
        return framing  # "proposes a deal where tariffs would be set at 10-20%"
    if best is not None and best[1].status == "imposed":
        # "a framework with Kenya, imposing a 12% tariff on its goods": the deal's terms
        terms = lex.TERMS_PARTICIPLE.search(
            sent, max(lo, rate.start - _PARTICIPLE_REACH), rate.start
        )
        deal = _framing_before(sent, lo, terms.start()) if terms else None
        if deal is not None and deal.status == "agreed":
            return deal
    if condition and (best is None or not best[1].strong):
        return Found("threatened", True)  # "if talks fail, the duties will rise to 30%"
    return best[1] if best else None


def _framing_before(sent: str, lo: int, hi: int) -> Found | None:
    """The last wording in [lo, hi) naming an act that sets out terms for later, a proposal
    or a deal ("proposes an arrangement where ..."), not one done ("had already put")."""
    found: Found | None = None
    for _start, _end, cue in cues_within(sent, lo, hi):
        if cue.strong and cue.status in ("proposed", "agreed") and not cue.condition:
            found = Found(cue.status, True)
    return found


@lru_cache(maxsize=256)
def source_in(sent: str, c_start: int, c_end: int) -> TariffStatus | None:
    """The status of the first wording in [c_start, c_end) naming where rates come from (an
    order, a letter, a deal)."""
    for _start, end, cue in cues_within(sent, c_start, c_end):
        if cue.source:
            return _source_status(sent, end, cue)
    return None


def rubric(status: lex.CueStatus) -> TariffStatus | None:
    """A cue's status as a row status (None for "prior" and "none" wording)."""
    if status == "prior" or status == "none":
        return None
    return status


def strongest_cue(sent: str) -> Found | None:
    """The status a sentence states as a whole (a list's opening line, a table head): its
    last wording that names the act, else its last wording of any kind."""
    weak: Found | None = None
    strong: Found | None = None
    for _s, end, cue in cues(sent):
        status = _source_status(sent, end, cue) if cue.source else rubric(cue.status)
        if status is None:
            continue
        if cue.strong:
            strong = Found(status, True)
        else:
            weak = Found(status, False)
    return strong or weak


def is_prior(sent: str, c_start: int, c_end: int, rate: Rate) -> bool:
    """Whether "prior" wording is attached to the rate: "had been threatened with 46%", "the
    previous 34%", "half the 30 per cent rate Trump had threatened"."""
    lo, hi = max(c_start, rate.start - _PRIOR_REACH), min(c_end, rate.end + _PRIOR_REACH)
    for start, end, cue in cues_within(sent, lo, hi):
        if cue.status != "prior":
            continue
        if (
            cue.side != "after"
            and end <= rate.start
            and lex.PRIOR_GAP_BEFORE.fullmatch(sent, end, rate.start)
        ):
            return True
        if (
            cue.side != "before"
            and start >= rate.end
            and lex.PRIOR_GAP_AFTER.fullmatch(sent, rate.end, start)
        ):
            return True
    return False


def framing_end_of(sent: str, rate: Rate) -> int:
    """Where the wording that may frame a rate from afar ends: before the next rate when
    wording follows that rate closely ("contrasts with the 15% tariffs negotiated by the EU"
    is the 15%'s), else at the sentence's end ("a 25% tariff on steel and a 10% tariff on
    aluminum, affecting Canada, was implemented" frames both)."""
    for other in rates_in(sent):
        if other.start < rate.end or paired(other, rate):
            continue
        noun = lex.BOUND_AFTER.match(sent, other.end)
        near = sent[noun.end() if noun else other.end :][:OWN_WORDING_CHARS]
        own = near.split(",", 1)[0]
        if any(s < len(own) for s, _e, _c in cues(own)):
            return other.start
        break
    return len(sent)
