"""The tariff extractor proper (imported on first use by tui.core.tariffs).

It reads a text sentence by sentence with the help of tui.core.tariff_rates (rates and
changes), tui.core.tariff_whom (whose goods a rate taxes), tui.core.tariff_status (status
wording), tui.core.tariff_lines (headings and list items) and tui.core.tariff_story (what the
whole story says).

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
   sentence before. Imposers ("US tariffs", "the US imposed"), destinations ("imported to the
   US"), capitals as places ("talks in Brussels"), exempted countries and bare rates ("30-40
   per cent tariffs") give no row; member states listed as part of the EU give the EU's row.
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

import re
from bisect import bisect_left
from dataclasses import replace
from datetime import date

from tui.core import tariff_lexicon as lex
from tui.core.models import TariffRow, TariffStatus
from tui.core.sentences import split_sentences
from tui.core.tariff_dates import date_in
from tui.core.tariff_lines import at_line_start, heading_target, is_heading, is_list_item
from tui.core.tariff_rates import (
    RATES_WORD,
    Rate,
    changed_from,
    changed_tariff,
    clause_at,
    rates_in,
)
from tui.core.tariff_status import (
    document_status,
    framing_end_of,
    is_prior,
    nearest_cue,
    source_in,
    strongest_cue,
)
from tui.core.tariff_story import Story, dedupe, settle
from tui.core.tariff_tables import Table, head_status, is_separator, table_cells
from tui.core.tariff_targets import Mention, Target, find_mentions
from tui.core.tariff_whom import (
    WORD,
    as_members_of_eu,
    ends_with,
    imposer_before,
    is_agent,
    is_imposer,
    respective,
    targets_after,
    targets_before,
    targets_later,
    words_between,
)

__all__ = ["extract"]

_BEFORE_CHARS = 120  # how much of a clause before a rate its wording is read from
_CONTEXT_SENTENCES = 2  # how far a tariff sentence's context reaches into the next ones
_LEAD_SENTENCES = 2  # the headline and lead, whose wording sets the document's context
# A story whose headline and lead give no rows (a headline, a subhead) learns its target from
# the first sentence that does, this far in.
_TARGET_LEAD_SENTENCES = 5

_TO_BEFORE = re.compile(r"\bto\s+$")
# How firmly a row's status is worded: no wording at all (a rate stated as a fact), tense
# wording or a neighbour's status only, or wording that names the act (or a superseded rate, or
# the document's or list's context). A later statement settles the less firm ones.
DEFAULT, TENSE, FIRM = 0, 1, 2
# Hyphens that are not U+002D ("39\u2011percent", "non\u2011tariff"), one character each, so
# offsets into the text stay right: the rules read them as "-".
_HYPHENS = str.maketrans(dict.fromkeys("\u2010\u2011\u2012", "-"))


def extract(text: str, published: date | None = None) -> tuple[TariffRow, ...]:
    """The tariff rows a text states, in reading order, one per (country, rate, status)."""
    original, text = text, text.translate(_HYPHENS)
    spans = split_sentences(text)
    reader = _Reader(text, original, published, document_status(text, spans[:_LEAD_SENTENCES]))
    for start, end in spans:
        reader.sentence(start, end)
    return dedupe(settle(reader.rows, reader.weights))


class _Reader:
    """Walks the sentences in order, carrying context (status, pending date) forward."""

    def __init__(
        self, text: str, original: str, published: date | None, doc_status: TariffStatus | None
    ) -> None:
        self.text = text
        self.original = original  # the text as given, for the evidence
        self.published = published
        self.rows: list[TariffRow] = []
        self.weights: list[int] = []  # how firmly each row's status is worded
        self.last_weight = DEFAULT
        self._just_found = (0, 0)  # the rows the sentence before gave (indexes)
        # The document's own context; a deal's applies to its lists only (a deal names its
        # parties, and news about one deal often states other countries' rates).
        self.doc_status = doc_status
        # Sentences left for which the last tariff sentence still sets the context.
        self.context_left = 0
        self._prev_status: TariffStatus | None = None
        self._prev_cue_text = ""
        # A list opened by a line such as "The order sets the following rates:".
        self.list_status: TariffStatus | None = None
        self.list_date: date | None = None
        self.in_list = False
        # The source the sentence before named, for a sentence that refers back to its
        # subject ("Vietnam signed a deal. It will pay 20%").
        self.antecedent_source: TariffStatus | None = None
        # The Markdown table being read.
        self.table: Table | None = None
        self.pending_date: date | None = None
        self.last_targets: list[Mention] = []
        self.last_rate: Rate | None = None
        self.last_status: TariffStatus | None = None
        self.last_clause = (0, 0)
        self.prev_span = (0, 0)  # the sentence before the current one
        self._blocs: list[tuple[int, bool]] | None = None  # (start, is the EU) of bloc names
        self._dates: dict[tuple[int, int], date | None] = {}  # by clause offsets
        self._ends: list[int] = []  # where each mention of the current sentence ends
        self.story = Story()
        self.read = 0  # sentences read so far
        # A sentence about a measure that gives no rates ("The countermeasures take effect
        # today."): its status is the context of the rates the next sentence gives.
        self._measure_text = ""
        self.prev_targets: list[Mention] = []  # the last targets of the sentence before
        # The country a section's heading names ("Tariffs on Canada"): the target of the
        # section's rates that name none of their own.
        self.section: Target | None = None
        # Countries whose tariffs the story says were postponed: their rates are threatened.
        self.postponed: set[str] = set()

    def sentence(self, start: int, end: int) -> None:
        before = len(self.rows)
        try:
            self._read(start, end)
        finally:
            self.prev_span = (start, end)
            self.read += 1
        sent = self.text[start:end]
        if self.read <= _LEAD_SENTENCES or (
            self.read <= _TARGET_LEAD_SENTENCES and not self.rows[:before]
        ):
            self.story.note_lead(sent, self.rows[before:])
        if self.doc_status is None and lex.SIGNED_ORDER.search(sent):
            self.doc_status = "imposed"  # "Later, Trump signed the executive order."

    # --- one sentence ---------------------------------------------------------------------

    def _read(self, start: int, end: int) -> None:
        sent = self.text[start:end]
        line_start = at_line_start(self.text, start)
        if line_start and sent.startswith("|"):
            self._table_row(start, end)
            return
        self.table = None
        if line_start and is_heading(self.text, sent, end):
            self.section = heading_target(sent)
        item = line_start and is_list_item(sent)
        if self.in_list and line_start and not item:
            self.in_list = False
            self.list_status = None
            self.list_date = None
        keyword = lex.TARIFF_WORD.search(sent) is not None
        if (
            (lex.LIST_INTRO.search(sent) is not None and (keyword or RATES_WORD.search(sent)))
            or (self.doc_status is not None and lex.SHORT_INTRO.fullmatch(sent))
            # "Trump has confirmed the terms of the deal:" opens a list of its rates
            or (sent.endswith(":") and source_in(sent, 0, len(sent)) is not None)
        ):
            self._open_list(sent)  # "Here are the details:" in a story about an order or a deal
        carried = not keyword and (self.context_left > 0 or self.in_list)
        if not keyword and not carried:
            self._reset()
            return
        rates = rates_in(sent)
        found: list[TariffRow] = []
        weights: list[int] = []
        self.prev_targets = self.last_targets
        self.last_targets = []
        self.last_rate = None
        self.last_status = None
        # "Under it, European goods will face 15%": the deal or order the sentence before named
        self.antecedent_source = self._source_before() if lex.UNDER_IT.match(sent) else None
        if rates:
            mentions = self._mentions(sent, start)
            self._ends = [m.end for m in mentions]
            for rate in rates:
                rows, weight = self._rows_for(sent, start, end, rate, mentions, carried)
                found.extend(rows)
                weights.extend([weight] * len(rows))
        else:
            self._follow_up(sent)
        self._note_pending_date(sent)
        if not rates and lex.POSTPONED.search(sent):
            self.postponed.update(
                m.target.iso for m in self._mentions(sent, start) if m.kind in ("name", "demonym")
            )
        # Read only if the next sentence's rates need it (see measure_status).
        self._measure_text = "" if rates else sent
        if carried and not found:
            self.context_left -= 1
            self._just_found = (0, 0)
            return
        self._just_found = (len(self.rows), len(self.rows) + len(found))
        self.rows.extend(found)
        self.weights.extend(weights)
        self.context_left = _CONTEXT_SENTENCES
        if found:
            self._prev_status = found[-1].status
            self._prev_cue_text = ""
        else:
            self._prev_cue_text = sent  # its wording is read only if a list follows

    @property
    def measure_status(self) -> TariffStatus | None:
        """The status the sentence before states, when it gave no rates of its own."""
        if not self._measure_text:
            return None
        cue = strongest_cue(self._measure_text)
        if cue is None or not cue.strong or cue.status not in ("imposed", "agreed"):
            return None
        return cue.status

    def _follow_up(self, sent: str) -> None:
        """A sentence with no rate of its own that says when the rates just given apply: "They
        took effect on Monday" (imposed), "The start date will depend on talks" (threatened).
        It settles those rows whose status no wording of their own named."""
        lo, hi = self._just_found
        if lo == hi:
            return
        cue = strongest_cue(sent)
        if cue is None or not cue.strong or cue.status not in ("imposed", "threatened"):
            return
        if cue.status == "imposed" and lex.IN_FORCE.search(sent) is None:
            return  # only wording that the measure is in force
        taxed = {row.iso for row in self.rows[lo:hi]}
        if any(m.target.iso in taxed and is_imposer(sent, m) for m in find_mentions(sent)):
            return  # "The US tariffs took effect": another measure, by the rows' target
        for index in range(lo, hi):
            row = self.rows[index]
            if self.weights[index] < FIRM and row.status in ("imposed", "threatened"):
                self.rows[index] = replace(row, status=cue.status)
                self.weights[index] = FIRM

    @property
    def prev_status(self) -> TariffStatus | None:
        """The status the previous tariff sentence set, for a list that carries on from it."""
        if self._prev_cue_text:
            sent, self._prev_cue_text = self._prev_cue_text, ""
            found = strongest_cue(sent)
            self._prev_status = found.status if found else self._prev_status
        return self._prev_status

    def _reset(self) -> None:
        self.context_left = 0
        self._measure_text = ""
        self.last_targets = []
        self._prev_status = None
        self._prev_cue_text = ""
        self.in_list = False
        self.list_status = None
        self.list_date = None

    def _open_list(self, sent: str) -> None:
        found = strongest_cue(sent)
        self.in_list = True
        self.list_status = found.status if found and found.strong else self.doc_status
        self.list_date = self._date_in(sent)
        self.context_left = _CONTEXT_SENTENCES

    def _mentions(self, sent: str, start: int) -> list[Mention]:
        mentions = find_mentions(sent)
        if any(m.kind == "bloc" for m in mentions):
            mentions = [m for m in mentions if m.kind != "bloc" or self._eu_bloc(start + m.start)]
        return mentions

    def _eu_bloc(self, pos: int) -> bool:
        """Whether "the bloc" at pos is the EU: the EU is the last bloc named before it."""
        if self._blocs is None:
            self._blocs = [
                (m.start(), m.group("eu") is not None) for m in lex.BLOC_NAME.finditer(self.text)
            ]
        index = bisect_left(self._blocs, (pos, False)) - 1
        return index >= 0 and self._blocs[index][1]

    # --- one rate -------------------------------------------------------------------------

    def _rows_for(
        self,
        sent: str,
        start: int,
        end: int,
        rate: Rate,
        mentions: list[Mention],
        carried: bool,
    ) -> tuple[list[TariffRow], int]:
        """The rows one rate gives, and how firmly their status is worded."""
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
            or self._linked(sent, rate)  # "to 10% on May 1, to 15% on June 1"
            or lex.COMPARED_BEFORE.search(before) is not None
            or changed_tariff(sent, c_start, rate)  # "tariffs on ... will rise to 25%"
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
        targets, status = self._targets(
            sent, c_start, before, c_end, rate, mentions, carried, bound
        )
        if not targets:
            return [], DEFAULT
        self.last_targets = targets  # all of them, for the next rate of a "respectively" list
        targets = respective(sent, rate, targets)
        found, weight = (
            (status, FIRM) if status else self._status(sent, c_start, c_end, rate, carried)
        )
        effective = self._clause_date(start, c_start, c_end)
        if found == "threatened" and weight == TENSE and self._of_measure(targets, mentions):
            # "duties on lentils will be raised to 40%" in a story on duties now in force
            found = "threatened" if self._later(effective) else "imposed"
            weight = FIRM
        if effective is None and self.in_list and found != "other":
            effective = self.list_date
        if found is None:
            # No wording at all: a rate stated as a fact is imposed, one that starts later
            # than the report is announced for the future (threatened).
            found = "threatened" if self._later(effective) else "imposed"
        status = found
        self.last_rate = rate
        self.last_status = status
        self.last_weight = weight
        self.last_clause = (c_start, c_end)
        if effective is None and status == "threatened":
            effective = self.pending_date
        evidence = self.original[start:end]
        in_force = lex.IN_FORCE.search(sent, c_start, c_end) is not None
        rows = [
            TariffRow(
                country=m.target.name,
                iso=m.target.iso,
                rate_pct=rate.low,
                rate_max_pct=rate.high,
                # "tariffs on Mexico have been postponed" ... "the order would impose 25%"
                status="threatened"
                if status == "imposed" and m.target.iso in self.postponed and not in_force
                else status,
                effective=effective,
                evidence=evidence,
                evidence_span=(start, end),
            )
            for m in targets
        ]
        return rows, weight

    def _later(self, effective: date | None) -> bool:
        """Whether a rate applies from a date after the report's."""
        return effective is not None and self.published is not None and effective > self.published

    def _of_measure(self, targets: list[Mention], mentions: list[Mention]) -> bool:
        """Whether a rate is one of the measure the lead says is in force: its target is the
        lead's, and its sentence names no country of its own."""
        return (
            self.story.in_force
            and not mentions
            and all(self.story.taxes(m.target.iso) for m in targets)
        )

    def _targets(
        self,
        sent: str,
        c_start: int,
        before: str,
        c_end: int,
        rate: Rate,
        mentions: list[Mention],
        carried: bool,
        bound: bool,
    ) -> tuple[list[Mention], TariffStatus | None]:
        """Whose goods the rate taxes, and a status when the way it was found says one."""
        r_start, r_end = (
            rate.group
            if rate.group and not rate.own_targets
            else (rate.start, rate.chain[1] if rate.chain else rate.end)
        )
        if rate.group and self.last_rate and self.last_rate.group == rate.group:
            return self.last_targets, None  # the "20%" of "from 30% to 20%"
        bound_after = lex.BOUND_AFTER.match(sent, r_end)
        skip = bound_after.end() - r_end if bound_after else 0
        targets = targets_after(sent, r_end + skip, mentions)
        if not targets:
            gap_max = lex.GAP_MAX_WORDS_CARRIED if carried else lex.GAP_MAX_WORDS
            targets = targets_before(sent, r_start, mentions, self._ends, gap_max)
        if not targets:
            targets = targets_later(sent, r_end, c_end, mentions)
        if targets:
            return as_members_of_eu(sent, targets, mentions), None
        if self.last_targets:
            same, status = self._same_targets(sent, before, c_end, rate, mentions)
            if same:
                return same, status
        if c_start == 0:
            found = self._antecedent(sent, rate, mentions)
            if found:
                self.antecedent_source = self._source_before()
                return found, None
        if (
            self.prev_targets
            and lex.TOTAL_BEFORE.search(before)
            and all(is_imposer(sent, m) or is_agent(sent, m) for m in mentions)
        ):
            return self.prev_targets, None  # "... Altogether, that brings the rate to 145%."
        return self._story_targets(sent, c_start, c_end, rate, mentions, bound), None

    def _story_targets(
        self, sent: str, c_start: int, c_end: int, rate: Rate, mentions: list[Mention], bound: bool
    ) -> list[Mention]:
        """A rate whose clause names no target of its own: the other party of a two-party
        story when a party taxes here ("the US agreed to drop the 145% tax"), else the
        story's one target ("Another 50% tax was levied on footwear")."""
        r_start = rate.group[0] if rate.group else rate.start
        imposer = imposer_before(sent, c_start, r_start, mentions)
        if imposer is not None:
            other = self.story.other_party(imposer, sent[c_start:c_end])
            return [Mention(imposer.start, imposer.end, other, "name")] if other else []
        if any(
            c_start <= m.start
            and m.end <= r_start
            and words_between(sent, m.end, rate.start) <= lex.GAP_MAX_WORDS
            and not is_agent(sent, m)
            for m in mentions
        ):
            return []  # a country near before the rate that is not its target: no guess
        clause = sent[c_start:c_end]
        tied = bound or bool(rate.group or rate.chain)
        if self.section is not None and tied and not self.story.general(clause):
            return [Mention(rate.start, rate.end, self.section, "name")]
        target = self.story.target(clause, tied)
        return [Mention(rate.start, rate.end, target, "name")] if target else []

    def _same_targets(
        self, sent: str, before: str, c_end: int, rate: Rate, mentions: list[Mention]
    ) -> tuple[list[Mention], TariffStatus | None]:
        """A rate that refers back to the previous rate's countries in the same sentence.

        "..., taking the total to 50 percent"; "..., up from 25%"; "cut to 20% from 32%";
        "from 30 per cent in April to 20 per cent"; "Lesotho, once threatened with 50 per
        cent, now faces the 15% minimum".
        """
        if (
            lex.TOTAL_BEFORE.search(before)
            or lex.ADDITIVE_BEFORE.search(before)
            or (
                lex.COMPARED_BEFORE.search(before)
                and not any(rate.end <= m.start < c_end for m in mentions)
            )
        ):
            return self.last_targets, None  # "... before factoring in the 20% tariffs"
        if (
            changed_from(before, 0, len(before))
            or lex.AVOIDED.search(before[-30:])
            or is_prior(sent, 0, len(sent), rate)
        ):
            if self.last_status in ("threatened", "proposed") and lex.CURRENT_BEFORE.search(before):
                return self.last_targets, "imposed"  # "30% from August, up from the current 10%"
            return self.last_targets, "other"
        if self.last_status == "other" and _TO_BEFORE.search(before):
            return self.last_targets, None  # "from 30 per cent in April to 10 per cent"
        last_end = self.last_rate.end if self.last_rate else 0
        if self._linked(sent, rate):
            return self.last_targets, None  # "to 50% and 20%", "on top of the 20% in place"
        first_after = bisect_left(self._ends, last_end + 1)
        taxed = {m.target.iso for m in self.last_targets}
        if any(m.start < rate.start and m.target.iso not in taxed for m in mentions[first_after:]):
            return [], None  # another country named between the two rates
        # Carries on only when wording in between says how ("now faces", "was cut to").
        found = nearest_cue(sent, last_end, rate.start, rate, blocked=False)
        return (self.last_targets, None) if found else ([], None)

    def _announced_after(
        self, sent: str, c_start: int, c_end: int, rate: Rate, carried: bool
    ) -> bool:
        """Whether the rate that replaces this earlier one is only announced or floated."""
        new = next((r for r in rates_in(sent) if r.start >= rate.end and not r.prior), None)
        if new is not None:
            announced = self._status(sent, c_start, c_end, new, carried)[0]
        else:
            announced = self.last_status if self.last_rate is not None else "imposed"
        return announced in ("threatened", "proposed", None)

    def _parallel(self, sent: str, rate: Rate) -> bool:
        """Whether the rate is the next of a list of rates each for its own country ("up to
        32% on Indonesia and 20% on the Philippines"), so sharing the first one's wording."""
        if self.last_rate is None or self.last_status is None or self.last_rate.end > rate.start:
            return False
        return lex.PARALLEL_LINK.fullmatch(sent, self.last_rate.end, rate.start) is not None

    def _linked(self, sent: str, rate: Rate) -> bool:
        """Whether the rate carries on from the last rate the sentence gave a row ("to 50% and
        20%", "to 10% on May 1, to 15% on June 1")."""
        if self.last_rate is None or self.last_rate.end > rate.start:
            return False
        if rate.chain is not None and rate.chain == self.last_rate.chain:
            return True  # "of 30%, 20% and 15%"
        noun = lex.BOUND_AFTER.match(sent, self.last_rate.end)
        start = noun.end() if noun else self.last_rate.end
        return lex.RATE_LINK.fullmatch(sent, start, rate.start) is not None

    def _source_before(self) -> TariffStatus | None:
        prev = self.text[self.prev_span[0] : self.prev_span[1]]
        return source_in(prev, 0, len(prev))

    def _antecedent(self, sent: str, rate: Rate, mentions: list[Mention]) -> list[Mention]:
        """ "Vietnam struck a deal last week. It will face a 20% tariff": the country that opened
        the previous sentence, when this one opens with a pronoun and names no country before
        the rate, and nothing between says the subject imposes the tariff."""
        pronoun = lex.PRONOUN_SUBJECT.match(sent)
        if pronoun is None or any(m.start < rate.start for m in mentions):
            return []
        gap = sent[pronoun.end() : rate.start]
        if len(WORD.findall(gap)) > lex.GAP_MAX_WORDS or lex.ACTIVE_IMPOSING.search(gap):
            return []
        prev = self.text[self.prev_span[0] : self.prev_span[1]]
        subject = next(iter(find_mentions(prev)), None)
        if (
            subject is None
            or subject.kind not in ("name", "capital")
            or lex.SUBJECT_LEAD.fullmatch(prev[: subject.start]) is None
            or is_imposer(prev, subject)
        ):
            return []
        return [subject]

    def _status(
        self, sent: str, c_start: int, c_end: int, rate: Rate, carried: bool
    ) -> tuple[TariffStatus | None, int]:
        """The rate's status by the rubric (see the module docstring, point 4), None when no
        wording or context says anything, and how firmly it is worded."""
        changed = rate.prior or changed_from(sent, max(c_start, rate.start - 40), rate.start)
        if changed and self._announced_after(sent, c_start, c_end, rate, carried):
            # "from the current 10% rate to 50%", "25%, up from the current 10%": the 10%
            # stays in force while the new rate is only announced. Without "current" it is
            # superseded only by a threat: a text that says elsewhere that it is in force
            # ("will jump from 10% to 25%" ... "imposed 10% tariffs last year") settles it.
            if ends_with(lex.CURRENT_BEFORE, sent, rate.start):
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
            # "Japan's rate is higher than the 24% announced in April" (not "than the 30%
            # Vietnam pays"): the rate it replaces
            return "other", FIRM
        if is_prior(sent, c_start, c_end, rate):
            # "had threatened 30% ..., which Mexico gets to stave off for three months": a
            # threat put off is still a threat, not a superseded rate
            postponed = lex.POSTPONED.search(sent, c_start, c_end) is not None
            return ("threatened", FIRM) if postponed else ("other", FIRM)
        if self._parallel(sent, rate):
            return self.last_status, self.last_weight  # "32% on Indonesia and 20% on Peru"
        if rate.group is not None:
            # The new rate of "cut from 30% to 20%": its wording is the whole change's.
            rate = Rate(rate.group[0], rate.group[1], rate.low, rate.high, False, rate.group)
        found = nearest_cue(sent, c_start, c_end, rate, blocked=True)
        if (
            found is None
            and self.last_status not in (None, "other")
            and self.last_clause == (c_start, c_end)
        ):
            # "Cambodia at 36 per cent, Indonesia at 32 per cent"
            return self.last_status, self.last_weight
        framing_end = framing_end_of(sent, rate)
        if found is None and not carried:
            # The sentence's framing ("Both sides agreed: ..., while ... fall to 10%"), but not
            # wording that another rate after this one stands nearer.
            found = nearest_cue(sent, 0, framing_end, rate, blocked=False)
        # Tense wording yields to the source the clause names ("the order said India will
        # face", "under the deal, Japan will pay"), else to the list's or document's context.
        context = (
            source_in(sent, c_start, min(c_end, framing_end))
            or self.antecedent_source
            # "The duties take effect today. They will add 25% to ...": a measure in force
            # or agreed outweighs the future tense of what it does, not a past act.
            or (self.measure_status if found is None or found.status == "threatened" else None)
            or (self.list_status if self.in_list else None)
            or self._doc_context(sent, c_start, rate)
        )
        if found is not None:
            if found.strong:
                return found.status, FIRM
            return (found.status, TENSE) if context is None else (context, FIRM)
        if context is not None:
            return context, FIRM
        if carried and self.prev_status is not None:
            return self.prev_status, TENSE
        return None, DEFAULT  # no wording at all: see _rows_for

    def _doc_context(
        self, sent: str = "", c_start: int = 0, rate: Rate | None = None
    ) -> TariffStatus | None:
        """The document's status for a rate its own wording leaves open; none for a rate that
        a country the story taxes imposes in return ("Canada will impose 25% on US goods" in
        a story about the order that taxes Canada): the order does not set that one."""
        if self.doc_status not in ("imposed", "threatened"):
            return None
        if rate is not None:
            imposer = imposer_before(sent, c_start, rate.start, find_mentions(sent))
            if imposer is not None and self.story.taxes(imposer.target.iso):
                return None
        return self.doc_status

    # --- Markdown tables ------------------------------------------------------------------

    def _table_row(self, start: int, end: int) -> None:
        """One line of a Markdown table: a head, a separator or a row of cells."""
        row = self.text[start:end]
        if is_separator(row):
            return
        rates = rates_in(row)
        if self.table is None:
            self.table = Table(row, table_cells(row), in_list=self.in_list, rates=bool(rates))
            if not rates:
                if self.table.of_rates and self.list_status is None:
                    self.list_status = head_status(row) or self.prev_status or self.doc_status
                return
        if not self.table.of_rates or not rates:
            return
        mentions = [m for m in self._mentions(row, start) if m.start < rates[0].start]
        if not mentions:
            return
        target = mentions[0]
        statuses = self.table.statuses(row, rates, self.list_status)
        for rate, found in zip(rates, statuses, strict=True):
            status = found or self._doc_context() or "imposed"
            self.weights.append(FIRM if found or self._doc_context() else DEFAULT)
            self.rows.append(
                TariffRow(
                    country=target.target.name,
                    iso=target.target.iso,
                    rate_pct=rate.low,
                    rate_max_pct=rate.high,
                    status=status,
                    effective=self._date_in(row) or (self.list_date if status != "other" else None),
                    evidence=self.original[start:end],
                    evidence_span=(start, end),
                )
            )
        self.context_left = _CONTEXT_SENTENCES

    # --- dates ----------------------------------------------------------------------------

    def _clause_date(self, start: int, c_start: int, c_end: int) -> date | None:
        """The date a clause gives, read once however many rates the clause holds."""
        key = (start + c_start, start + c_end)
        if key not in self._dates:
            self._dates[key] = self._date_in(self.text[key[0] : key[1]])
        return self._dates[key]

    def _date_in(self, clause: str, *, future_only: bool = False) -> date | None:
        return date_in(clause, self.published, future_only=future_only)

    def _note_pending_date(self, sent: str) -> None:
        found = self._date_in(sent, future_only=True)
        if found is not None:
            self.pending_date = found
