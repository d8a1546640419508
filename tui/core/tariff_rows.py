"""The rows one rate gives, for the tariff extractor (tui.core.tariff_engine): whether the rate
is a tariff at all (point 2 of the engine's docstring), its countries (tariff_rate_targets), its
status (tariff_rate_status) and its date (point 5); and the rows of a Markdown table's line."""

from __future__ import annotations

from tui.core import tariff_lexicon as lex
from tui.core.models import TariffRow
from tui.core.tariff_abroad import decided_abroad
from tui.core.tariff_rate_status import rate_status
from tui.core.tariff_rate_targets import linked, rate_targets
from tui.core.tariff_rates import Rate, bracketed_change, changed_tariff, clause_at, rates_in
from tui.core.tariff_reading import CONTEXT_SENTENCES, DEFAULT, FIRM, TENSE, Awaiting, Reading
from tui.core.tariff_story import BASELINE
from tui.core.tariff_tables import Table, head_status, is_separator, table_cells
from tui.core.tariff_targets import Mention
from tui.core.tariff_whom import respective

__all__ = ["rate_rows", "table_line"]

_BEFORE_CHARS = 120  # how much of a clause either side of a rate its wording is read from


def rate_rows(
    reading: Reading,
    sent: str,
    start: int,
    end: int,
    rate: Rate,
    mentions: list[Mention],
    carried: bool,
) -> tuple[list[TariffRow], int]:
    """The rows one rate of the sentence at ``start``:``end`` gives, and how firmly their
    status is worded. ``carried``: the sentence names no tariff itself and is read because the
    one before did."""
    c_start, c_end = clause_at(sent, rate.start)
    # What the rate's clause says either side of it (the patterns read only what is near).
    before = sent[max(c_start, rate.start - _BEFORE_CHARS) : rate.start]
    after = sent[rate.end : min(c_end, rate.end + _BEFORE_CHARS)]
    bound_after = (
        lex.BOUND_AFTER.match(after)
        or (lex.BOUND_AFTER.match(sent, rate.chain[1]) if rate.chain else None)
        or lex.ADDED_TO_COST.match(after)
    )
    bound = (
        bool(bound_after)
        or linked(reading, sent, rate)  # "to 10% on May 1, to 15% on June 1"
        or lex.COMPARED_BEFORE.search(before) is not None
        or changed_tariff(sent, c_start, rate)  # "tariffs on ... will rise to 25%"
        or bracketed_change(sent, rate)
        or rate.derived  # "halved the 20% rate"
        or bool(lex.BOUND_BEFORE.search(before[-70:]))
        or (
            bool(lex.BOUND_RATE_BEFORE.search(before[-40:]))
            and not lex.OTHER_RATE.search(before[-40:])
        )
    )
    if not bound_after and (lex.SHARE_AFTER.match(after) or lex.BY_BEFORE.search(before)):
        return [], DEFAULT
    if lex.STATISTIC_BEFORE.search(before):
        return [], DEFAULT  # "the average effective tariff rate stands at 17.8%"
    if not bound and lex.NEGATIVE.search(before[-40:] + " " + after[:25]):
        return [], DEFAULT
    targets, status = rate_targets(
        reading, sent, c_start, before, c_end, rate, mentions, carried, bound
    )
    if not targets:
        reading.untargeted.append((start, end, rate))
        if bound and not BASELINE.search(sent, c_start, c_end):
            found_status, weight = rate_status(reading, sent, c_start, c_end, rate, carried)
            effective = reading.clause_date(start, c_start, c_end)
            reading.awaiting.append(Awaiting(start, end, rate, found_status, weight, effective))
        return [], DEFAULT
    last = reading.last
    last.targets = targets  # all of them, for the next rate of a "respectively" list
    targets = respective(sent, rate, targets)
    found, weight = (
        (status, FIRM) if status else rate_status(reading, sent, c_start, c_end, rate, carried)
    )
    effective = reading.clause_date(start, c_start, c_end)
    if (
        (found == "threatened" and weight == TENSE) or (found is None and reading.later(effective))
    ) and decided_abroad(reading, sent, c_start, c_end, rate.start, targets, mentions):
        # "a ministry says its 30% duties will apply to US pork": a decision, not a threat
        found, weight = "imposed", TENSE
    elif found == "threatened" and weight == TENSE and _of_measure(reading, targets, mentions):
        # "duties on lentils will be raised to 40%" in a story on duties now in force
        found = "threatened" if reading.later(effective) else "imposed"
        weight = FIRM
    elif (
        reading.story.measure is not None
        and (
            found is None
            # a deal's terms are told in the future tense: "will decrease from 125% to 10%"
            or (found == "threatened" and weight == TENSE and reading.story.measure == "agreed")
        )
        and not reading.later(effective)
        and all(reading.story.of_measure(m.target.iso) for m in targets)
    ):
        # a rate of the lead's target with no wording of its own takes the act the lead
        # names ("The US and China agreed to cut tariffs. ... China's rate on US goods will
        # decrease from 125% to 10%")
        found, weight = reading.story.measure, FIRM
    if effective is None and reading.open_list.open and found != "other":
        effective = reading.open_list.date
    if found is None:
        # No wording at all: a rate stated as a fact is imposed, one that starts later than
        # the report is announced for the future (threatened).
        found = "threatened" if reading.later(effective) else "imposed"
    status = found
    last.rate = rate
    last.status = status
    last.weight = weight
    last.clause = (c_start, c_end)
    if effective is None and status == "threatened":
        effective = reading.pending_date
    evidence = reading.original[start:end]
    in_force = (
        lex.IN_FORCE.search(sent, c_start, c_end) is not None
        or lex.STAYS_IN_FORCE.search(sent, c_start, c_end) is not None
    )
    rows = [
        TariffRow(
            country=m.target.name,
            iso=m.target.iso,
            rate_pct=rate.low,
            rate_max_pct=rate.high,
            # "tariffs on Mexico have been postponed" ... "the order would impose 25%"
            status="threatened"
            if status == "imposed" and m.target.iso in reading.postponed and not in_force
            else status,
            effective=effective,
            evidence=evidence,
            evidence_span=(start, end),
        )
        for m in targets
    ]
    return rows, weight


def _of_measure(reading: Reading, targets: list[Mention], mentions: list[Mention]) -> bool:
    """Whether a rate is one of the measure the lead says is in force: its target is the
    lead's, and its sentence names no country of its own."""
    return (
        reading.story.in_force
        and not mentions
        and all(reading.story.taxes(m.target.iso) for m in targets)
    )


def table_line(reading: Reading, start: int, end: int) -> None:
    """One line of a Markdown table: a head, a separator or a row of cells (its rows are
    added to the reading)."""
    row = reading.text[start:end]
    if is_separator(row):
        return
    rates = rates_in(row)
    if reading.table is None:
        reading.table = Table(
            row, table_cells(row), in_list=reading.open_list.open, rates=bool(rates)
        )
        if not rates:
            if reading.table.of_rates and reading.open_list.status is None:
                reading.open_list.status = (
                    head_status(row) or reading.prev_status or reading.doc_status
                )
            return
    if not reading.table.of_rates or not rates:
        return
    mentions = [m for m in reading.mentions(row, start) if m.start < rates[0].start]
    if not mentions:
        return
    target = mentions[0]
    statuses = reading.table.statuses(row, rates, reading.open_list.status)
    for rate, found in zip(rates, statuses, strict=True):
        status = found or reading.doc_context() or "imposed"
        reading.weights.append(FIRM if found or reading.doc_context() else DEFAULT)
        reading.rows.append(
            TariffRow(
                country=target.target.name,
                iso=target.target.iso,
                rate_pct=rate.low,
                rate_max_pct=rate.high,
                status=status,
                effective=reading.date_in(row)
                or (reading.open_list.date if status != "other" else None),
                evidence=reading.original[start:end],
                evidence_span=(start, end),
            )
        )
    reading.context_left = CONTEXT_SENTENCES
