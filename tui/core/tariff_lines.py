"""Lines of a text, for the tariff extractor (tui.core.tariff_engine): headings that name a
section's country ("Tariffs on Canada"), list items ("- Vietnam: 20%") and where a line starts."""

from __future__ import annotations

from tui.core import tariff_lexicon as lex
from tui.core.sentences import at_line_start
from tui.core.tariff_rates import rates_in
from tui.core.tariff_targets import Target, find_mentions
from tui.core.tariff_whom import WORD, is_imposer

__all__ = ["at_line_start", "heading_target", "is_heading", "is_list_item"]

HEADING_WORDS = 8  # a line this short with no closing stop is a heading


def is_heading(text: str, sent: str, end: int) -> bool:
    """A short line of its own with no closing stop: "Tariffs on Canada", "What comes next"."""
    line_end = text.find("\n", end)
    return (
        not text[end : line_end if line_end >= 0 else len(text)].strip()
        and sent[-1] not in ".!?:;,\"'”’)"
        and len(WORD.findall(sent)) <= HEADING_WORDS
        and not rates_in(sent)
    )


def heading_target(heading: str) -> Target | None:
    """The one country a heading about tariffs names, if it names just one (and not as the
    imposer): "Tariffs on Canada", "Duties on Chinese goods"."""
    if lex.TARIFF_WORD.search(heading) is None:
        return None
    found = {m.target for m in find_mentions(heading) if not is_imposer(heading, m)}
    return found.pop() if len(found) == 1 else None


def is_list_item(sent: str) -> bool:
    """ "- Vietnam: 20%", "1. Laos — 40%", "| Chile | 10% |", or a short "Chile: 10%"."""
    if lex.LIST_ITEM.match(sent):
        return True
    return len(WORD.findall(sent)) <= lex.SHORT_LINE_WORDS and lex.RATE.search(sent) is not None
