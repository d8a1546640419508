"""The status of one rate by the rubric (DESIGN.md §8), for the tariff extractor
(tui.core.tariff_engine, point 4 of its docstring): the wording of the rate's clause read with
tui.core.tariff_status, weighed against what the reading carries (the source a clause names,
the sentence before, an open list, the document's own context)."""

from __future__ import annotations

from tui.core import tariff_lexicon as lex
from tui.core.models import TariffStatus
from tui.core.tariff_rates import Rate, changed_from, rates_in
from tui.core.tariff_reading import DEFAULT, FIRM, TENSE, Reading
from tui.core.tariff_status import framing_end_of, is_prior, nearest_cue, source_in
from tui.core.tariff_targets import find_mentions
from tui.core.tariff_whom import ends_with

__all__ = ["rate_status"]


def rate_status(
    reading: Reading, sent: str, c_start: int, c_end: int, rate: Rate, carried: bool
) -> tuple[TariffStatus | None, int]:
    """The rate's status, None when no wording or context says anything, and how firmly it is
    worded (DEFAULT, TENSE or FIRM)."""
    last = reading.last
    changed = rate.prior or changed_from(sent, max(c_start, rate.start - 40), rate.start)
    if changed and _announced_after(reading, sent, c_start, c_end, rate, carried):
        # "from the current 10% rate to 50%", "25%, up from the current 10%": the 10% stays in
        # force while the new rate is only announced. Without "current" it is superseded only
        # by a threat: a text that says elsewhere that it is in force ("will jump from 10% to
        # 25%" ... "imposed 10% tariffs last year") settles it.
        if ends_with(lex.CURRENT_BEFORE, sent, rate.start) or lex.POSSIBLE_CHANGE.search(
            sent, c_start, rate.start
        ):
            # (a change only possible, "could lift the tariffs from 15% to 25%", leaves the
            # old rate in force too)
            return "imposed", FIRM
        if not (
            is_prior(sent, c_start, c_end, rate)
            or lex.AVOIDED.search(sent, max(c_start, rate.start - 30), rate.start)
        ):
            return "other", TENSE
    if changed or lex.AVOIDED.search(sent, max(c_start, rate.start - 30), rate.start):
        return "other", FIRM
    if lex.COMPARED_BEFORE.search(sent, max(c_start, rate.start - 80), rate.start) and not any(
        rate.end <= m.start < c_end for m in find_mentions(sent)
    ):
        # "Japan's rate is higher than the 24% announced in April" (not "than the 30% Vietnam
        # pays"): the rate it replaces
        return "other", FIRM
    if is_prior(sent, c_start, c_end, rate):
        # "had threatened 30% ..., which Mexico gets to stave off for three months": a threat
        # put off is still a threat, not a superseded rate
        postponed = lex.POSTPONED.search(sent, c_start, c_end) is not None
        return ("threatened", FIRM) if postponed else ("other", FIRM)
    if _parallel(reading, sent, rate):
        return last.status, last.weight  # "32% on Indonesia and 20% on Peru"
    if rate.group is not None:
        # The new rate of "cut from 30% to 20%": its wording is the whole change's.
        rate = Rate(rate.group[0], rate.group[1], rate.low, rate.high, False, rate.group)
    found = nearest_cue(sent, c_start, c_end, rate, blocked=True)
    if found is None and last.status not in (None, "other") and last.clause == (c_start, c_end):
        # "Cambodia at 36 per cent, Indonesia at 32 per cent"
        return last.status, last.weight
    framing_end = framing_end_of(sent, rate)
    if found is None and not carried:
        # The sentence's framing ("Both sides agreed: ..., while ... fall to 10%"), but not
        # wording that another rate after this one stands nearer.
        found = nearest_cue(sent, 0, framing_end, rate, blocked=False)
    # Tense wording yields to the source the clause names ("the order said India will face",
    # "under the deal, Japan will pay"), else to the list's or document's context.
    context = (
        source_in(sent, c_start, min(c_end, framing_end))
        or reading.antecedent_source
        # "The duties take effect today. They will add 25% to ...": a measure in force or
        # agreed outweighs the future tense of what it does, not a past act.
        or (reading.measure_status if found is None or found.status == "threatened" else None)
        or (reading.open_list.status if reading.open_list.open else None)
        or reading.doc_context(sent, c_start, rate)
    )
    if (
        found is not None
        and found.status == "imposed"
        and (
            lex.DEAL_SUBJECT.match(sent, c_start)
            or lex.DEAL_SETS_BEFORE.search(sent, max(c_start, rate.start - 80), rate.start)
        )
    ):
        return "agreed", FIRM  # "Both pacts set a 12% tariff on ...", "a deal imposing 12%"
    if found is not None:
        if found.strong:
            return found.status, FIRM
        if (
            context is None
            and reading.announcement
            and found.status == "imposed"
            and lex.BEARS_NOW.search(sent, c_start, rate.start)
        ):
            return "threatened", FIRM  # "Fiji faces a 32% rate" in a story of an announcement
        return (found.status, TENSE) if context is None else (context, FIRM)
    if context is not None:
        return context, FIRM
    if carried and reading.prev_status is not None:
        return reading.prev_status, TENSE
    return None, DEFAULT  # no wording at all: see tariff_rows.rate_rows


def _parallel(reading: Reading, sent: str, rate: Rate) -> bool:
    """Whether the rate is the next of a list of rates each for its own country ("up to 32% on
    Indonesia and 20% on the Philippines"), so sharing the first one's wording."""
    last = reading.last
    if last.rate is None or last.status is None or last.rate.end > rate.start:
        return False
    return lex.PARALLEL_LINK.fullmatch(sent, last.rate.end, rate.start) is not None


def _announced_after(
    reading: Reading, sent: str, c_start: int, c_end: int, rate: Rate, carried: bool
) -> bool:
    """Whether the rate that replaces this earlier one is only announced or floated."""
    new = next((r for r in rates_in(sent) if r.start >= rate.end and not r.prior), None)
    if new is not None:
        announced = rate_status(reading, sent, c_start, c_end, new, carried)[0]
    else:
        announced = reading.last.status if reading.last.rate is not None else "imposed"
    return announced in ("threatened", "proposed", None)
