"""The tariff extractor proper (imported on first use by tui.core.tariffs).

Rule-based and fast (a few regexes per sentence, and only sentences with a percentage in them
are looked at closely). The reading, sentence by sentence:

1. A sentence counts when it names a tariff ("tariff", "duty", "levy", "taxed"...), or when the
   sentence before it did and this one carries on its list ("Others hit this week include
   Cambodia at 36 per cent, ...").
2. Each rate ("25%", "25 per cent", "30-40 percent", "between 30 and 40 per cent") is dropped
   when it reads as a statistic (shares, growth, inflation, polls, "30 per cent of exports")
   unless it is tied to a tariff word ("a 25% tariff", "taxed at 25 per cent").
3. Its target is the country after it ("a 50% tariff on Brazilian goods", "36% each for Thailand
   and Cambodia") or, failing that, the nearest country before it within a few words
   ("Cambodia at 36 per cent", "Bangladesh 35%"), or, for a sentence that opens with "It" or
   "The country", the country that opened the sentence before ("Vietnam struck a deal. It will
   face a 20% tariff"). Imposers ("US tariffs", "the US imposed"), destinations ("imported to
   the US") and bare rates ("30-40 per cent tariffs") give no row.
4. Status comes from the nearest wording in the rate's clause, else the sentence, else the
   sentence before it; the effective date from a date in the clause, else (for threatened
   rows) a pending date stated earlier ("tariffs set to be imposed August 1").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from tui.core import tariff_lexicon as lex
from tui.core.models import TariffRow, TariffStatus
from tui.core.sentences import split_sentences
from tui.core.tariff_targets import Mention, find_mentions

__all__ = ["extract"]

_ADJACENT = 3  # status wording this close after a rate is about that rate
_LOOKBACK = 60  # characters scanned before a mention for "to the", "outside", "on"...
_CONTEXT_SENTENCES = 2  # how far a tariff sentence's context reaches into the next ones

_WORD = re.compile(r"[\w'’.%-]+")


def extract(text: str, published: date | None = None) -> tuple[TariffRow, ...]:
    """The tariff rows a text states, in reading order, one per (country, rate, status)."""
    reader = _Reader(text, published)
    for start, end in split_sentences(text):
        reader.sentence(start, end)
    return _dedupe(reader.rows)


@dataclass(frozen=True, slots=True)
class _Rate:
    start: int
    end: int
    low: float
    high: float | None


class _Reader:
    """Walks the sentences in order, carrying context (status, pending date) forward."""

    def __init__(self, text: str, published: date | None) -> None:
        self.text = text
        self.published = published
        self.rows: list[TariffRow] = []
        # Sentences left for which the last tariff sentence still sets the context.
        self.context_left = 0
        self._prev_status: TariffStatus | None = None
        self._prev_cue_text = ""
        self.pending_date: date | None = None
        self.last_targets: list[Mention] = []
        self.last_rate_end = 0
        self.prev_span = (0, 0)  # the sentence before the current one

    def sentence(self, start: int, end: int) -> None:
        try:
            self._read(start, end)
        finally:
            self.prev_span = (start, end)

    def _read(self, start: int, end: int) -> None:
        sent = self.text[start:end]
        keyword = lex.TARIFF_WORD.search(sent) is not None
        carried = not keyword and self.context_left > 0
        if not keyword and not carried:
            self._reset()
            return
        rates = _rates(sent)
        found: list[TariffRow] = []
        self.last_targets = []
        if rates:
            mentions = find_mentions(sent)
            for rate in rates:
                found.extend(self._rows_for(sent, start, end, rate, mentions, carried))
        if keyword:
            self._note_pending_date(sent)
        if carried and not found:
            self.context_left -= 1
            return
        self.rows.extend(found)
        self.context_left = _CONTEXT_SENTENCES
        if found:
            self._prev_status = found[-1].status
            self._prev_cue_text = ""
        else:
            self._prev_cue_text = sent  # its wording is read only if a list follows

    @property
    def prev_status(self) -> TariffStatus | None:
        """The status the previous tariff sentence set, for a list that carries on from it."""
        if self._prev_cue_text:
            sent, self._prev_cue_text = self._prev_cue_text, ""
            cue = _nearest_cue(sent, 0, len(sent), len(sent), len(sent))
            self._prev_status = cue or self._prev_status
        return self._prev_status

    def _reset(self) -> None:
        self.context_left = 0
        self._prev_status = None
        self._prev_cue_text = ""

    def _rows_for(
        self,
        sent: str,
        start: int,
        end: int,
        rate: _Rate,
        mentions: list[Mention],
        carried: bool,
    ) -> list[TariffRow]:
        c_start, c_end = _clause(sent, rate.start)
        before = sent[c_start : rate.start]
        after = sent[rate.end : c_end]
        bound_after = lex.BOUND_AFTER.match(after)
        bound = (
            bool(bound_after)
            or bool(lex.BOUND_BEFORE.search(before[-70:]))
            or (
                bool(lex.BOUND_RATE_BEFORE.search(before[-40:]))
                and not lex.OTHER_RATE.search(before[-40:])
            )
        )
        if not bound_after and (lex.SHARE_AFTER.match(after) or lex.BY_BEFORE.search(before)):
            return []
        if not bound and lex.NEGATIVE.search(before[-40:] + " " + after[:25]):
            return []
        skip = bound_after.end() if bound_after else 0
        targets = _targets_after(sent, rate.end + skip, mentions)
        if not targets:
            gap_max = lex.GAP_MAX_WORDS_CARRIED if carried else lex.GAP_MAX_WORDS
            targets = _targets_before(sent, rate.start, mentions, gap_max)
        status: TariffStatus | None = None
        if not targets and self.last_targets:
            targets, status = self._same_targets(sent, before, c_end, rate, mentions)
        if not targets and c_start == 0:
            targets = self._antecedent(sent, rate, mentions)
        if not targets:
            return []
        self.last_targets = targets
        self.last_rate_end = rate.end
        status = (
            status
            or _nearest_cue(sent, c_start, c_end, rate.start, rate.end)
            or (_nearest_cue(sent, 0, len(sent), rate.start, rate.end) if not carried else None)
            or (self.prev_status if carried else None)
            or "other"
        )
        effective = self._date_in(sent[c_start:c_end])
        if effective is None and status == "threatened":
            effective = self.pending_date
        evidence = self.text[start:end]
        return [
            TariffRow(
                country=m.target.name,
                iso=m.target.iso,
                rate_pct=rate.low,
                rate_max_pct=rate.high,
                status=status,
                effective=effective,
                evidence=evidence,
                evidence_span=(start, end),
            )
            for m in targets
        ]

    def _same_targets(
        self, sent: str, before: str, c_end: int, rate: _Rate, mentions: list[Mention]
    ) -> tuple[list[Mention], TariffStatus | None]:
        """A rate that refers back to the previous rate's countries in the same sentence.

        "..., taking the total to 50 percent"; "down from the 32% rate threatened in a
        letter"; "Lesotho, once threatened with 50 per cent, now faces the 15% minimum".
        """
        if lex.TOTAL_BEFORE.search(before):
            return self.last_targets, None
        if lex.FROM_BEFORE.search(before):
            window_end = min(c_end, rate.end + lex.FROM_STATUS_WINDOW)
            status = _nearest_cue(sent, rate.start, window_end, rate.start, rate.end)
            return (self.last_targets, status) if status else ([], None)
        between = (self.last_rate_end, rate.start)
        if any(between[0] <= m.start < between[1] for m in mentions):
            return [], None
        # Carries on only when wording in between says how ("now faces", "was cut to").
        status = _nearest_cue(sent, between[0], between[1], rate.start, rate.end)
        return (self.last_targets, None) if status else ([], None)

    def _antecedent(self, sent: str, rate: _Rate, mentions: list[Mention]) -> list[Mention]:
        """ "Vietnam struck a deal last week. It will face a 20% tariff": the country that opened
        the previous sentence, when this one opens with a pronoun and names no country before
        the rate, and nothing between says the subject imposes the tariff."""
        pronoun = lex.PRONOUN_SUBJECT.match(sent)
        if pronoun is None or any(m.start < rate.start for m in mentions):
            return []
        gap = sent[pronoun.end() : rate.start]
        if len(_WORD.findall(gap)) > lex.GAP_MAX_WORDS or lex.ACTIVE_IMPOSING.search(gap):
            return []
        prev = self.text[self.prev_span[0] : self.prev_span[1]]
        subject = next(iter(find_mentions(prev)), None)
        if (
            subject is None
            or subject.kind != "name"
            or lex.SUBJECT_LEAD.fullmatch(prev[: subject.start]) is None
            or _is_imposer(prev, subject)
        ):
            return []
        return [subject]

    def _date_in(self, clause: str, *, future_only: bool = False) -> date | None:
        for match in lex.DATE.finditer(clause):
            lead = clause[max(0, match.start() - 40) : match.start()]
            if not lex.EFFECT_CUE.search(lead):
                continue
            if future_only and not lex.FUTURE_CUE.search(lead):
                continue
            found = _resolve_date(match, self.published)
            if found is not None:
                return found
        return None

    def _note_pending_date(self, sent: str) -> None:
        found = self._date_in(sent, future_only=True)
        if found is not None:
            self.pending_date = found


def _rates(sent: str) -> list[_Rate]:
    rates: list[_Rate] = []
    for match in lex.RATE.finditer(sent):
        groups = match.groupdict()
        low_s = groups["blo"] or groups["lo"] or groups["v"]
        high_s = groups["bhi"] or groups["hi"]
        low = float(low_s)
        high = float(high_s) if high_s else None
        if high is not None and high <= low:  # "40-30 per cent" reads as 30-40; "25-25" as 25
            low, high = (high, low) if high < low else (low, None)
        rates.append(_Rate(match.start(), match.end(), low, high))
    return rates


def _clause(sent: str, pos: int) -> tuple[int, int]:
    """The clause around pos: sentence parts split at ";", dashes and "while"/"but"."""
    c_start, c_end = 0, len(sent)
    for match in lex.CLAUSE_BREAK.finditer(sent):
        if match.end() <= pos:
            c_start = match.end()
        elif match.start() >= pos:
            c_end = match.start()
            break
    return c_start, c_end


def _targets_after(sent: str, pos: int, mentions: list[Mention]) -> list[Mention]:
    """ "a 50% tariff on Brazilian goods", "36% each for Thailand and Cambodia"."""
    each = re.match(r"\s*each\b", sent[pos:])
    if each:
        pos += each.end()
    prep = lex.TARGET_PREP_AFTER.match(sent, pos)
    if prep is None:
        return []
    starts = {m.start: m for m in mentions}
    at = prep.end()
    first = starts.get(at)
    for _ in range(lex.TARGET_FILL_MAX_WORDS):
        if first is not None:
            break
        word = lex.FILL_WORD.match(sent, at)
        if word is None:
            break
        at = word.end()
        first = starts.get(at)
    if first is None or first.kind == "capital":
        return []
    if _ends_with(lex.DESTINATION_BEFORE, sent, first.start):
        return []
    found = [first]
    while True:
        conj = lex.CONJUNCTION_AFTER.match(sent[found[-1].end :])
        if conj is None:
            break
        nxt = next((m for m in mentions if m.start == found[-1].end + conj.end()), None)
        if nxt is None or nxt.kind == "capital":
            break
        found.append(nxt)
    return found


def _targets_before(
    sent: str, rate_start: int, mentions: list[Mention], gap_max: int
) -> list[Mention]:
    """ "Cambodia at 36 per cent", "Brunei, whose imports would be taxed at 25 per cent"."""
    asides = [m.span() for m in lex.RELATIVE_CLAUSE.finditer(sent, 0, rate_start)]
    before = [
        m for m in mentions if m.end <= rate_start and not any(a <= m.start < b for a, b in asides)
    ]
    for index in range(len(before) - 1, -1, -1):
        cand = before[index]
        gap = sent[cand.end : rate_start]
        if lex.RATE.search(gap):
            return []
        gap = lex.RELATIVE_CLAUSE.sub(",", gap)
        # A country that opens the sentence is its subject: "Japan agreed to a deal last month
        # that fixes a 15 per cent tariff" may put a few more words between it and the rate.
        limit = (
            gap_max + lex.SUBJECT_EXTRA_WORDS
            if cand.start == 0 and cand.kind == "name"
            else gap_max
        )
        if lex.GAP_BREAK.search(gap) or len(_WORD.findall(gap)) > limit:
            return []
        if (
            _is_imposer(sent, cand)
            or _ends_with(lex.DESTINATION_BEFORE, sent, cand.start)
            or _ends_with(lex.NOT_TARGET_BEFORE, sent, cand.start)
        ):
            continue  # "Canada faces US tariffs of 25%": skip the US, look further back
        if cand.kind == "capital" and _ends_with(lex.LOCATION_BEFORE, sent, cand.start):
            continue  # "talks in Brussels": a place, not a government
        if (
            cand.kind == "demonym"
            and not lex.TRADE_NOUN.match(sent, cand.end)
            and not _ends_with(lex.ON_BEFORE, sent, cand.start)
        ):
            continue  # "India, which buys Russian oil, will face": not the Russian one
        if lex.ACTIVE_IMPOSING.search(gap):
            return []
        return _with_listed_before(sent, before[: index + 1])
    return []


def _ends_with(pattern: re.Pattern[str], sent: str, end: int) -> bool:
    """pattern (anchored with $) matches the text just before end; only a window is scanned."""
    return pattern.search(sent, max(0, end - _LOOKBACK), end) is not None


def _is_imposer(sent: str, mention: Mention) -> bool:
    return lex.IMPOSER_AFTER.match(sent, mention.end) is not None


def _with_listed_before(sent: str, before: list[Mention]) -> list[Mention]:
    """ "Thailand and Cambodia face 36%": countries listed just before the chosen one."""
    found = [before[-1]]
    for prev in reversed(before[:-1]):
        between = sent[prev.end : found[0].start]
        if prev.kind != found[0].kind or not lex.CONJUNCTION.fullmatch(between):
            break
        found.insert(0, prev)
    return found


@lru_cache(maxsize=64)
def _cues(sent: str) -> tuple[tuple[int, int, TariffStatus], ...]:
    """Every status wording in a sentence (read once per sentence, however many rates)."""
    found: list[tuple[int, int, TariffStatus]] = []
    for match in lex.STATUS_CUE.finditer(sent):
        if match.lastgroup is not None:
            found.append((match.start(), match.end(), lex.STATUS_OF_GROUP[match.lastgroup]))
    return tuple(found)


def _nearest_cue(
    sent: str, c_start: int, c_end: int, r_start: int, r_end: int
) -> TariffStatus | None:
    """The status of the wording nearest the rate within [c_start, c_end)."""
    best: tuple[float, TariffStatus] | None = None
    for start, end, status in _cues(sent):
        if start < c_start or end > c_end:
            continue
        if end <= r_start:
            distance = float(r_start - end)
        elif 0 <= start - r_end <= _ADJACENT and "," not in sent[r_end:start]:
            distance = 0.0  # "20 per cent under its agreement", "36% would ..."
        elif start >= r_end:
            # Wording after the rate counts less, and less again past a comma.
            comma = 20.0 if "," in sent[r_end:start] else 0.0
            distance = (start - r_end) * 1.5 + comma
        else:
            distance = 0.0
        if best is None or distance < best[0]:
            best = (distance, status)
    return best[1] if best else None


def _resolve_date(match: re.Match[str], published: date | None) -> date | None:
    groups = match.groupdict()
    try:
        if groups["y3"]:
            return date(int(groups["y3"]), int(groups["m3"]), int(groups["d3"]))
        month_s = groups["m1"] or groups["m2"] or ""
        month = lex.MONTHS[month_s[:3].lower()]
        day = int(groups["d1"] or groups["d2"] or 0)
        year_s = groups["y1"] or groups["y2"]
        if year_s:
            return date(int(year_s), month, day)
        if published is None:
            return None
        options = []
        for year in (published.year - 1, published.year, published.year + 1):
            try:
                options.append(date(year, month, day))
            except ValueError:
                continue
        return min(options, key=lambda d: abs((d - published).days)) if options else None
    except (ValueError, KeyError):
        return None


def _dedupe(rows: list[TariffRow]) -> tuple[TariffRow, ...]:
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
