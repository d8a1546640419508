"""What the tariff extractor knows while it reads a text (tui.core.tariff_engine), in one place.

The rules that read a sentence (tariff_engine), tie a rate to its countries
(tariff_rate_targets), word its status (tariff_rate_status) and make its rows (tariff_rows) are
plain functions; everything they learn from the sentences before and pass on to the ones after
lives in a :class:`Reading`:

- the document: its text, its date, its own status context (an order, a letter), what the
  headline and lead say (:class:`~tui.core.tariff_story.Story`), a section heading's country,
  the countries whose tariffs were postponed, a pending date;
- the rows found so far and how firmly each one's status is worded (see :data:`FIRM`);
- what carries over from one sentence to the next: the context of the last tariff sentence, an
  open list of rates, the sentence before and its countries, a Markdown table being read;
- the rate the current sentence last gave rows (:class:`LastRate`), which the rates after it
  in the same sentence may share targets or status with.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date

from tui.core import tariff_lexicon as lex
from tui.core.models import TariffRow, TariffStatus
from tui.core.tariff_dates import date_in
from tui.core.tariff_rates import RATES_WORD, Rate
from tui.core.tariff_status import source_in, strongest_cue
from tui.core.tariff_story import Story
from tui.core.tariff_tables import Table
from tui.core.tariff_targets import Mention, Target, find_mentions
from tui.core.tariff_whom import imposer_before

__all__ = [
    "CONTEXT_SENTENCES",
    "DEFAULT",
    "FIRM",
    "TENSE",
    "Awaiting",
    "LastRate",
    "OpenList",
    "Reading",
]

_RATE_KIND_CHARS = 25  # how far before "rate" a word may say what kind of rate it is
CONTEXT_SENTENCES = 2  # how far a tariff sentence's context reaches into the next ones
# How firmly a row's status is worded: no wording at all (a rate stated as a fact), tense
# wording or a neighbour's status only, or wording that names the act (or a superseded rate, or
# the document's or list's context). A later statement settles the less firm ones.
DEFAULT, TENSE, FIRM = 0, 1, 2


@dataclass
class LastRate:
    """The rate of the current sentence that last gave rows: a rate after it may be its
    neighbour in a list ("32% on Indonesia and 20% on Peru"), or the other end of a change
    ("from 30% to 20%"), and share its countries or its status."""

    rate: Rate | None = None
    targets: list[Mention] = field(default_factory=list)
    status: TariffStatus | None = None
    # Weight and clause outlive the sentence: they are read only alongside a status that
    # does not (see tariff_rate_status).
    weight: int = DEFAULT
    clause: tuple[int, int] = (0, 0)
    # Its targets bear it by their own verb ("Vietnam will shoulder a 20% tariff"): a rate
    # coordinated with it bears on them too, whatever its goods phrase names.
    bearer: bool = False


@dataclass(frozen=True, slots=True)
class Awaiting:
    """A tariff rate whose sentence named no country for it: where it is, its status (None
    when nothing words one), how firmly, and the date its clause gives."""

    start: int
    end: int
    rate: Rate
    status: TariffStatus | None
    weight: int
    effective: date | None


@dataclass
class OpenList:
    """A list of rates opened by a line such as "The order sets the following rates:": its
    items take the status and date that line gives."""

    open: bool = False
    status: TariffStatus | None = None
    date: date | None = None

    def close(self) -> None:
        self.open = False
        self.status = None
        self.date = None


@dataclass
class Reading:
    """The state of one reading of a text, carried from sentence to sentence."""

    text: str  # the text with its odd hyphens made "-" (same length: offsets agree)
    original: str  # the text as given, for the evidence
    published: date | None
    # The document's own context; a deal's applies to its lists only (a deal names its parties,
    # and news about one deal often states other countries' rates).
    doc_status: TariffStatus | None
    story: Story = field(default_factory=Story)
    # The headline and lead only report an announcement ("revealed a chart of new tariffs"):
    # a rate the text words in the present tense alone ("Fiji faces 32%") is announced too.
    announcement: bool = False

    # --- the result so far ------------------------------------------------------------------
    rows: list[TariffRow] = field(default_factory=list)
    weights: list[int] = field(default_factory=list)  # how firmly each row's status is worded
    just_found: tuple[int, int] = (0, 0)  # the rows the sentence before gave (indexes)
    last_found: tuple[int, int] = (0, 0)  # the rows of the last sentence that gave any

    # --- from sentence to sentence ----------------------------------------------------------
    read: int = 0  # sentences read so far
    prev_span: tuple[int, int] = (0, 0)  # the sentence before the current one
    # Sentences left for which the last tariff sentence still sets the context.
    context_left: int = 0
    # The status the last tariff sentence set, and the wording of one that gave no rows, read
    # only if a list follows it (see prev_status).
    last_sentence_status: TariffStatus | None = None
    last_sentence_text: str = ""
    # A sentence about a measure that gives no rates ("The countermeasures take effect
    # today."): its status is the context of the rates the next sentence gives, and the
    # countries whose goods it puts tariffs on are those of the next one's "the tariffs".
    measure_text: str = ""
    open_list: OpenList = field(default_factory=OpenList)
    # The source the sentence before named, for a sentence that refers back to its subject
    # ("Vietnam signed a deal. It will pay 20%").
    antecedent_source: TariffStatus | None = None
    table: Table | None = None  # the Markdown table being read
    pending_date: date | None = None  # a date announced for the future ("set for August 1")
    prev_targets: list[Mention] = field(default_factory=list)  # the sentence before's last
    # The country a section's heading names ("Tariffs on Canada"): the target of the section's
    # rates that name none of their own.
    section: Target | None = None
    # The countries the paragraph's last tariff sentence taxed (see tui.core.tariff_carry).
    carried: list[Target] = field(default_factory=list)
    carried_rows: bool = False  # they are the countries of that sentence's rows
    # Countries whose tariffs the story says were postponed: their rates are threatened.
    postponed: set[str] = field(default_factory=set)

    # Rates the rules read as tariffs whose country they did not find: (sentence start, end,
    # rate). Not read by the rules; the rows hybrid (tests/bench/train_tariff_hybrid.py) may
    # add a row only there.
    untargeted: list[tuple[int, int, Rate]] = field(default_factory=list)
    # Those of the sentence just read that are tied to a tariff word, each with its status and
    # date as its own sentence words them: the next sentence or list items may name their
    # countries (see tui.core.tariff_listed).
    awaiting: list[Awaiting] = field(default_factory=list)

    # --- within the current sentence --------------------------------------------------------
    last: LastRate = field(default_factory=LastRate)
    mention_ends: list[int] = field(default_factory=list)  # where each mention ends

    # --- caches -----------------------------------------------------------------------------
    _blocs: list[tuple[int, bool]] | None = None  # (start, is the EU) of bloc names
    _dates: dict[tuple[int, int], date | None] = field(default_factory=dict)  # by clause

    @property
    def measure_status(self) -> TariffStatus | None:
        """The status the sentence before states, when it gave no rates of its own."""
        if not self.measure_text:
            return None
        cue = strongest_cue(self.measure_text)
        if cue is None or not cue.strong or cue.status not in ("imposed", "agreed"):
            return None
        return cue.status

    @property
    def prev_status(self) -> TariffStatus | None:
        """The status the previous tariff sentence set, for a list that carries on from it.

        The wording of a sentence that gave no rows is read here, once, on first need."""
        if self.last_sentence_text:
            sent, self.last_sentence_text = self.last_sentence_text, ""
            found = strongest_cue(sent)
            self.last_sentence_status = found.status if found else self.last_sentence_status
        return self.last_sentence_status

    def source_before(self) -> TariffStatus | None:
        """The act (a deal, an order, a letter) the sentence before names, if any."""
        prev = self.text[self.prev_span[0] : self.prev_span[1]]
        return source_in(prev, 0, len(prev))

    def names_tariff(self, sent: str) -> bool:
        """Whether a sentence is about tariffs by its own words: a tariff word, or, in a text
        whose lead names an order, a letter, a fact sheet or a deal, a rate ("Ten countries
        will be subject to a rate of 30% or higher"): there a rate is a tariff rate."""
        if lex.TARIFF_WORD.search(sent) is not None:
            return True
        return self.doc_status is not None and any(
            # not "the tax rate", "its policy rate"
            not lex.OTHER_RATE.search(sent, max(0, m.start() - _RATE_KIND_CHARS), m.start())
            for m in RATES_WORD.finditer(sent)
        )

    def doc_context(
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

    # --- countries --------------------------------------------------------------------------

    def mentions(self, sent: str, start: int) -> list[Mention]:
        """The targets a sentence at ``start`` names, "the bloc" only where it is the EU."""
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

    # --- dates ------------------------------------------------------------------------------

    def date_in(self, clause: str, *, future_only: bool = False) -> date | None:
        return date_in(clause, self.published, future_only=future_only)

    def clause_date(self, start: int, c_start: int, c_end: int) -> date | None:
        """The date a clause gives, read once however many rates the clause holds."""
        key = (start + c_start, start + c_end)
        if key not in self._dates:
            self._dates[key] = self.date_in(self.text[key[0] : key[1]])
        return self._dates[key]

    def later(self, effective: date | None) -> bool:
        """Whether a rate applies from a date after the report's."""
        return effective is not None and self.published is not None and effective > self.published

    def note_pending_date(self, sent: str) -> None:
        found = self.date_in(sent, future_only=True)
        if found is not None:
            self.pending_date = found
