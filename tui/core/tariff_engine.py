"""The tariff extractor proper (imported on first use by tui.core.tariffs): the walk through a
text's sentences, deciding which ones to read and what carries from one to the next.

What it knows while it reads is a tui.core.tariff_reading.Reading. A sentence's rates become
rows in tui.core.tariff_rows, which asks tui.core.tariff_rate_targets whose goods a rate taxes
and tui.core.tariff_rate_status how firm it is. Below those: tui.core.tariff_rates (rates and
changes), tui.core.tariff_whom (countries in a clause), tui.core.tariff_status (status wording),
tui.core.tariff_lines (headings and list items), tui.core.tariff_tables (Markdown tables) and
tui.core.tariff_story (what the whole story says, and the final settling of statuses).

Rule-based and fast (a few regexes per sentence, and only sentences with a percentage in them
are looked at closely). The reading, sentence by sentence:

1. A sentence counts when it names a tariff ("tariff", "duty", "levy", "taxed"...), when it
   opens a list of rates ("The order sets the following rates:"), or when the sentence before
   it did and this one carries on ("Others hit this week include Cambodia at 36 per cent",
   "- Vietnam: 20%"). Markdown table rows are read cell by cell, their column heads saying
   which rate is the current one.
2. Each rate ("25%", "25 per cent", "twenty-five percent", "30-40 percent", "between 30 and
   40 per cent") is dropped when it reads as a statistic (shares, growth, inflation, polls,
   "30 per cent of exports") unless it is tied to a tariff word ("a 25% tariff", "taxed at 25
   per cent"). "From 30% to 20%" is a change, two rates, not a range.
3. Its target is the country after it ("a 50% tariff on Brazilian goods", "36% each for Thailand
   and Cambodia") or, failing that, the nearest country before it within a few words
   ("Cambodia at 36 per cent", "Bangladesh 35%", "Tokyo will face"), or the countries of the
   rate before it that it sums up or replaces ("bringing the total to 50%", "up from 25%"), or,
   for a sentence that opens with "It", "Its" or "The country", the country that opened the
   sentence before (or, when that country imposed, the goods it taxed there). A country that
   bears the rate by its own verb ("Vietnam will shoulder a 20% tariff on US exports") wins
   over one in the goods after it, and the sentence's subject bears a rate however far back
   when the wording before the rate says so ("Lesotho ..., facing a 50% rate"). Imposers ("US
   tariffs", "the US imposed"), destinations ("imported to the US", "US imports from"),
   capitals as places ("talks in Brussels"), exempted countries and bare rates ("30-40 per cent
   tariffs") give no row; member states listed as part of the EU give the EU's row.
   A rate that refers back to a measure ("The taxes, which range from 10 to 50 percent") takes
   the one country the paragraph's last tariff sentence taxed (tui.core.tariff_carry); one on
   "these two countries" takes the countries named just before. A tariff rate that finds no
   country takes those the next sentence or list lines list (tui.core.tariff_listed), never
   its imposer. Last of all, a tariff rate still untied takes the one country its clause names
   after it in no other role ("the 20% tariff China is already charged").
4. Status follows DESIGN.md §8. A rate marked as superseded ("up from 25%", "the previous 34%",
   "once threatened with 50%", the 30 of "cut from 30% to 20%", "avoided a 25% tariff") is
   `other`. Otherwise the
   wording nearest the rate in its clause decides, wording that names the act (a letter, an
   order, a deal, "took effect", "proposed") outweighing wording that only sets a tense
   ("will face", "faces"), and a rate listed after another in a clause takes that one's status.
   Where the wording only sets a tense, the document's context wins: rates an order or a fact
   sheet lists are imposed even when they "will" apply, a letter's are threatened, and a list
   takes the status of the line that opened it. A rate with no wording at all takes the
   context, else is `imposed` (a rate stated as a fact), or `threatened` when the date it
   applies from is after the report's.
5. The effective date is a date in the clause, else (for threatened rows) a pending date
   stated earlier ("tariffs set to be imposed August 1").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from tui.core import tariff_lexicon as lex
from tui.core.models import TariffRow
from tui.core.sentences import split_sentences
from tui.core.tariff_carry import note_sentence, paragraph_break
from tui.core.tariff_lines import at_line_start, heading_target, is_heading, is_list_item
from tui.core.tariff_listed import listed_rows
from tui.core.tariff_rates import RATES_WORD, rates_in
from tui.core.tariff_reading import CONTEXT_SENTENCES, DEFAULT, FIRM, Reading
from tui.core.tariff_rows import rate_rows, table_line
from tui.core.tariff_status import announces, document_status, source_in, strongest_cue
from tui.core.tariff_story import dedupe, settle
from tui.core.tariff_targets import find_mentions
from tui.core.tariff_whom import is_imposer

__all__ = ["Read", "extract", "read"]

_LEAD_SENTENCES = 2  # the headline and lead, whose wording sets the document's context
# A story whose headline and lead give no rows (a headline, a subhead) learns its target from
# the first sentence that does, this far in.
_TARGET_LEAD_SENTENCES = 5
# Hyphens that are not U+002D ("39\u2011percent", "non\u2011tariff"), one character each, so
# offsets into the text stay right: the rules read them as "-".
_HYPHENS = str.maketrans(dict.fromkeys("\u2010\u2011\u2012", "-"))


@dataclass(frozen=True, slots=True)
class Read:
    """One reading of a text by the rules: the reading itself (each row as its sentence gave
    it, with how firmly its status is worded, and the story's context) and the rows with one
    status per (country, rate) as the rules settle them, before duplicates are dropped. What
    tests/bench/train_tariff_status.py reads a row's evidence from."""

    reading: Reading
    settled: list[TariffRow]
    spans: list[tuple[int, int]]  # the text's sentences


def read(text: str, published: date | None = None) -> Read:
    """The rules' reading of a text: :func:`extract` without the last step (dedupe)."""
    original, text = text, text.translate(_HYPHENS)
    spans = split_sentences(text)
    lead = spans[:_LEAD_SENTENCES]
    reading = Reading(text, original, published, document_status(text, lead))
    reading.announcement = reading.doc_status is None and announces(text, lead)
    for start, end in spans:
        _sentence(reading, start, end)
    _postponed_later(reading)
    return Read(reading, settle(reading.rows, reading.weights), spans)


def _postponed_later(reading: Reading) -> None:
    """A country whose tariffs the text says were postponed after it told them ("signed an
    order imposing 25% on Mexico. ... paused the tariffs on Mexico for 30 days"): its rates
    are a threat, unless their own sentence says they are or stay in force."""
    for index, row in enumerate(reading.rows):
        if (
            row.status == "imposed"
            and row.iso in reading.postponed
            and lex.IN_FORCE.search(row.evidence) is None
            and lex.STAYS_IN_FORCE.search(row.evidence) is None
        ):
            reading.rows[index] = replace(row, status="threatened")
            reading.weights[index] = FIRM


def extract(text: str, published: date | None = None) -> tuple[TariffRow, ...]:
    """The tariff rows a text states, in reading order, one per (country, rate, status).

    A rate of 0% (the "from 0%" of a new tariff, a deal's tariff-free goods) is the absence of
    a tariff, not a rate: no row. A range from 0 ("0-10%") is one.
    """
    settled = read(text, published).settled
    return dedupe([row for row in settled if row.rate_pct > 0 or row.rate_max_pct])


def _sentence(reading: Reading, start: int, end: int) -> None:
    """Read one sentence, then note what the story's lead and the document learn from it."""
    before = len(reading.rows)
    if reading.read and paragraph_break(reading.text, reading.prev_span[1], start):
        reading.carried = []  # what a paragraph names carries no further
    try:
        _read(reading, start, end)
    finally:
        reading.prev_span = (start, end)
        reading.read += 1
    sent = reading.text[start:end]
    note_sentence(reading, sent, start, reading.rows[before:], reading.names_tariff(sent))
    if reading.read <= _LEAD_SENTENCES or (
        reading.read <= _TARGET_LEAD_SENTENCES and not reading.rows[:before]
    ):
        reading.story.note_lead(sent, reading.rows[before:])
    if reading.doc_status is None and lex.SIGNED_ORDER.search(sent):
        reading.doc_status = "imposed"  # "Later, Trump signed the executive order."


def _read(reading: Reading, start: int, end: int) -> None:
    sent = reading.text[start:end]
    awaiting, reading.awaiting = reading.awaiting, []  # the sentence before's, for a list
    line_start = at_line_start(reading.text, start)
    if line_start and sent.startswith("|"):
        table_line(reading, start, end)
        return
    reading.table = None
    if line_start and is_heading(reading.text, sent, end):
        reading.section = heading_target(sent)
    item = line_start and is_list_item(sent)
    if reading.open_list.open and line_start and not item:
        reading.open_list.close()
    keyword = reading.names_tariff(sent)
    if (
        (lex.LIST_INTRO.search(sent) is not None and (keyword or RATES_WORD.search(sent)))
        or (reading.doc_status is not None and lex.SHORT_INTRO.fullmatch(sent))
        # "Trump has confirmed the terms of the deal:" opens a list of its rates
        or (sent.endswith(":") and source_in(sent, 0, len(sent)) is not None)
    ):
        _open_list(reading, sent)  # "Here are the details:" in a story about an order or a deal
    carried = not keyword and (reading.context_left > 0 or reading.open_list.open)
    if not keyword and not carried:
        _reset(reading)
        return
    rates = rates_in(sent)
    found: list[TariffRow] = []
    weights: list[int] = []
    last = reading.last
    reading.prev_targets = last.targets
    last.targets = []
    last.rate = None
    last.status = None
    # "Under it, European goods will face 15%": the deal or order the sentence before named
    reading.antecedent_source = reading.source_before() if lex.UNDER_IT.match(sent) else None
    if rates:
        mentions = reading.mentions(sent, start)
        reading.mention_ends = [m.end for m in mentions]
        # A headline's present tense tells an announcement and an act alike ("Trump imposes
        # 10% tariff on Canada"): where the body words the same rate, the body settles it.
        headline = reading.read == 0 and _is_headline(reading.text, sent, end)
        for rate in rates:
            rows, weight = rate_rows(reading, sent, start, end, rate, mentions, carried)
            found.extend(rows)
            weights.extend([DEFAULT if headline else weight] * len(rows))
    else:
        _follow_up(reading, sent)
        # "The over-quota rate will be 50%. It applies to Brazil, Argentina and Uruguay."
        listed, listed_weights = listed_rows(reading, awaiting, sent, start, item)
        found.extend(listed)
        weights.extend(listed_weights)
        if listed and item:
            reading.awaiting = awaiting  # the list's next lines name more of them
    reading.note_pending_date(sent)
    if not rates and lex.POSTPONED.search(sent) and not lex.BENEFIT.search(sent):
        reading.postponed.update(
            m.target.iso for m in reading.mentions(sent, start) if m.kind in ("name", "demonym")
        )
    # Read only if the next sentence's rates need it (see Reading.measure_status).
    reading.measure_text = "" if rates else sent
    if carried and not found:
        reading.context_left -= 1
        reading.just_found = (0, 0)
        return
    reading.just_found = (len(reading.rows), len(reading.rows) + len(found))
    if found:
        reading.last_found = reading.just_found
    reading.rows.extend(found)
    reading.weights.extend(weights)
    reading.context_left = CONTEXT_SENTENCES
    if found:
        reading.last_sentence_status = found[-1].status
        reading.last_sentence_text = ""
    else:
        reading.last_sentence_text = sent  # its wording is read only if a list follows


def _is_headline(text: str, sent: str, end: int) -> bool:
    """Whether the text's first sentence is a headline: a line of its own with no closing
    stop."""
    line_end = text.find("\n", end)
    return line_end > 0 and not text[end:line_end].strip() and sent[-1] not in ".!?:;"


def _follow_up(reading: Reading, sent: str) -> None:
    """A sentence with no rate of its own that says when the rates just given apply: "They
    took effect on Monday" (imposed), "The start date will depend on talks" (threatened). It
    settles those rows whose status no wording of their own named."""
    cue = strongest_cue(sent)
    lo, hi = reading.last_found
    start_date = reading.date_in(sent, future_only=True)
    if start_date is not None and (cue is None or cue.status in ("threatened", "imposed")):
        # Floated rates given a start date, even a few sentences on ("Ottawa proposed 25% on
        # US steel. The lists name beer too. The countermeasures will take effect on July 1.")
        # are announced: a threat, not a mere proposal.
        for index in range(lo, hi):
            row = reading.rows[index]
            if row.status == "proposed":
                effective = row.effective or start_date
                reading.rows[index] = replace(row, status="threatened", effective=effective)
                reading.weights[index] = FIRM
    lo, hi = reading.just_found
    if lo == hi:
        return
    taxed = {row.iso for row in reading.rows[lo:hi]}
    mentions = find_mentions(sent)
    if any(m.target.iso in taxed and is_imposer(sent, m) for m in mentions):
        return  # "The US tariffs took effect": another measure, by the rows' target
    named = [m for m in mentions if m.kind == "name"]
    if named and not any(m.target.iso in taxed for m in named):
        return  # "Trump paused the tariffs on Canada": another country's measure
    if cue is None or not cue.strong or cue.status not in ("imposed", "threatened"):
        return
    if cue.status == "imposed" and lex.IN_FORCE.search(sent) is None:
        return  # only wording that the measure is in force
    if cue.status == "threatened" and lex.THREATENS_OBJECT.search(sent):
        return  # "The move threatens its textile trade": what the measure harms, not a threat
    for index in range(lo, hi):
        row = reading.rows[index]
        if reading.weights[index] < FIRM and row.status in ("imposed", "threatened"):
            reading.rows[index] = replace(row, status=cue.status)
            reading.weights[index] = FIRM


def _reset(reading: Reading) -> None:
    """A sentence that names no tariff and carries no context: what carried over ends."""
    reading.context_left = 0
    reading.measure_text = ""
    reading.last.targets = []
    reading.last_sentence_status = None
    reading.last_sentence_text = ""
    reading.open_list.close()


def _open_list(reading: Reading, sent: str) -> None:
    found = strongest_cue(sent)
    reading.open_list.open = True
    reading.open_list.status = found.status if found and found.strong else reading.doc_status
    reading.open_list.date = reading.date_in(sent)
    reading.context_left = CONTEXT_SENTENCES
