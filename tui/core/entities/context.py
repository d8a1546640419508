"""What the words around a capitalised run say of it, for the rules backend: "said" or a role
beside a name (a person), a place preposition and a region after it (a town), "on X" (the
platform), a noun that calls it an organisation ("industry association Acme", "Acme, the
engineering group").
"""

from __future__ import annotations

from tui.core.entities.chunks import ChunkState, match_phrase
from tui.core.entities.tokens import DAYS, PLACE_PREPOSITIONS, Tokens
from tui.core.orgs import ORG_DESCRIPTORS
from tui.core.people import ROLE_NOUNS, SPEECH_AFTER, SPEECH_BEFORE

__all__ = [
    "context_evidence",
    "company_context",
    "described_as_org",
    "descriptor_before",
    "on_platform",
    "town_before_region",
    "which_follows",
]


def _role_follows(t: Tokens, k: int) -> bool:
    """Whether a person's role closes the words from k: "[the] US trade representative,"."""
    for j in range(k, min(len(t.surf), k + _APPOSITIVE_WORDS)):
        if t.surf[j] in _APPOSITIVE_STOPS:
            return False
        if j + 1 >= len(t.surf) or t.gap(j).strip():
            return t.surf[j] in ROLE_NOUNS
        if t.surf[j] in ROLE_NOUNS and t.surf[j + 1] in ("of", "at"):
            return True  # "Jane Doe, the visiting president of Finland, said"
    return False


def context_evidence(st: ChunkState, first: int, last: int) -> bool:
    t = st.toks
    n = len(t.surf)
    if last + 1 < n and not t.poss[last]:
        gap = t.gap(last)
        nxt = t.surf[last + 1]
        if gap == " " and nxt in SPEECH_AFTER:
            return True
        if gap == ", " and (nxt in ("who", "aged") or nxt.isdigit()):
            return True
        if gap == ", " and nxt in ("the", "a", "an") and _role_follows(t, last + 2):
            return True  # "Jamieson Greer, the US trade representative, said"
    if first > 0:
        gap = t.gap(first - 1)
        prev = t.surf[first - 1]
        if gap == " " and (prev in SPEECH_BEFORE or prev in ROLE_NOUNS):
            return True
        if gap == ", " and prev.split("-")[0] in ROLE_NOUNS:
            return True  # "Its commissioner-general, Philippe Lazzarini, said"
        if prev == "to" and first > 1 and t.surf[first - 2] == "according":
            return True
    return False


def town_before_region(st: ChunkState, first: int, last: int) -> bool:
    """ "in Hamilton, Ontario", "near Dalton, Georgia": a run of unknown capitalised words after
    a preposition of place, followed by a comma and a state, province or country."""
    t = st.toks
    if first == 0 or t.gap(first - 1) != " " or t.surf[first - 1] not in PLACE_PREPOSITIONS:
        return False
    if last + 1 >= len(t.surf) or t.gap(last) != ", " or t.poss[last]:
        return False
    found = match_phrase(st, last + 1)
    return (
        found is not None
        and found[1].kind == "GPE"
        and (found[1].country or found[1].division)
        and (found[0] + 1 >= len(t.surf) or not t.cap(found[0] + 1) or t.gap(found[0]) != " ")
    )


def on_platform(t: Tokens, i: int) -> bool:
    """The lone letter X as the social platform: "posted on X", "wrote on X, saying"."""
    if i == 0 or t.gap(i - 1) != " " or t.surf[i - 1] not in ("on", "platform"):
        return False
    if i + 1 >= len(t.surf):
        return True
    gap = t.gap(i)
    if gap.startswith(("-", "’", "'")):
        return False  # "X-ray", "X's"
    # "posted on X Thursday": a day after it is when, not more of a name.
    return gap[:1] in (",", ".", ";", ":", ")") or not t.cap(i + 1) or t.surf[i + 1] in DAYS


_APPOSITIVE_WORDS = 8  # "Acme, the [up to this many words] association"
# Words that end the noun an appositive describes: "the head of the group" is a person.
_APPOSITIVE_STOPS = frozenset(
    ["of", "for", "in", "at", "on", "with", "by", "from", "to", "who", "whom", "whose"]
)
# What may follow the describing noun: "a trade group based in Lyon", "the firm that makes".
_AFTER_DESCRIPTOR = frozenset(
    [
        "based",
        "that",
        "which",
        "whose",
        "owned",
        "founded",
        "headquartered",
        "representing",
        "behind",
        "of",
        "for",
        "in",
    ]
)


def descriptor_before(t: Tokens, first: int) -> bool:
    """ "industry association Acme", "banks like Acme", and each name of a list after a plural
    one: "drug makers Acme, Brill and Corvo"."""
    pos = first - 1
    for _ in range(_APPOSITIVE_WORDS):
        if pos > 0 and t.surf[pos] in ("like", "including") and t.gap(pos) == " ":
            pos -= 1  # "banks like UBS", "firms including Acme"
        elif pos > 1 and t.surf[pos - 1] == "such" and t.surf[pos] == "as":
            pos -= 2  # "companies such as Acme"
        if pos < 0:
            return False
        word = t.surf[pos].lower()
        if t.gap(pos) == " " and word in ORG_DESCRIPTORS:
            return True
        if word in ("and", "or") and t.gap(pos) == " ":
            pos -= 1
        elif t.gap(pos) != ", ":
            return False
        if pos < 0 or not t.cap(pos):
            return False
        while pos > 0 and t.cap(pos - 1) and t.gap(pos - 1) == " ":
            pos -= 1  # back over a name of the list ("Acme Foods")
        pos -= 1
    return False


def described_as_org(t: Tokens, first: int, last: int) -> bool:
    """A name set beside a noun that says it is an organisation: "Acme, the mechanical
    engineering industry association", or "industry association Acme" (the noun right before)."""
    if descriptor_before(t, first):
        return True
    n = len(t.surf)
    if last + 2 >= n or t.gap(last) != ", ":
        return False
    # "Acme, the ... association" or "Acme, Russia's biggest maker of ...": a place's possessive
    # stands where the article would.
    if t.surf[last + 1] not in ("the", "a", "an") and not (
        t.poss[last + 1] and t.cap(last + 1) and t.gap(last + 1) == " "
    ):
        return False
    for k in range(last + 2, min(n, last + 2 + _APPOSITIVE_WORDS)):
        word = t.surf[k]
        if word in _APPOSITIVE_STOPS:
            return False
        if word in ORG_DESCRIPTORS and (
            k + 1 >= n or t.surf[k + 1] not in ORG_DESCRIPTORS  # "lobby group"
        ):
            return (
                k + 1 >= n
                or t.gap(k).strip() != ""
                or not t.surf[k + 1][0].islower()
                or t.surf[k + 1] in _AFTER_DESCRIPTOR
            )
        if k + 1 >= n or t.gap(k).strip():
            return False
    return False


def which_follows(t: Tokens, i: int) -> bool:
    return i + 1 < len(t.surf) and t.gap(i) == ", " and t.surf[i + 1] == "which"


# What a company's name is the subject of in business reporting: "shares of Acme", "a stake in
# Acme", "Acme's chief executive", "Acme shares fell", "an analyst at Acme".
_HOLDINGS = frozenset(["shares", "stake", "stock", "stocks"])
_COMPANY_POSSESSIONS = frozenset(
    [
        "shares",
        "stock",
        "CEO",
        "CFO",
        "chairman",
        "chairwoman",
        "shareholders",
        "subsidiary",
        "subsidiaries",
        "factory",
        "factories",
        "plant",
        "plants",
        "revenue",
        "revenues",
        "earnings",
        "profit",
        "profits",
        "headquarters",
    ]
)
# Roles held "at" a company: "senior market analyst at Acme", "chief economist at Acme".
_ROLES_AT = frozenset(
    ["analyst", "economist", "strategist", "director", "partner", "executive", "researcher"]
)

# Roles held "of" or "for" a company: "chief executive officer of Acme", "president of Acme".
_ROLES_OF = frozenset(["officer", "president", "chairman", "chairwoman", "founder", "CEO"])


def company_context(t: Tokens, first: int, last: int) -> bool:
    """Do the words around a run of unknown capitalised words call it a company?"""
    n = len(t.surf)
    if first > 1 and t.gap(first - 1) == " " and t.gap(first - 2) == " ":
        prev, before = t.surf[first - 1], t.surf[first - 2].lower()
        if prev in ("of", "in") and before in _HOLDINGS:
            return True
        if prev == "at" and before in _ROLES_AT:
            return True
        if prev in ("of", "for") and before in _ROLES_OF:
            return True  # "chief development officer for Acme Solar"
    if last + 1 >= n or t.gap(last) != " ":
        return False
    nxt = t.surf[last + 1]
    if t.poss[last]:
        if nxt in _COMPANY_POSSESSIONS:
            return True
        return nxt == "chief" and last + 2 < n and t.surf[last + 2] in ("executive", "financial")
    if nxt in ("CEO", "chairman", "chairwoman") or (
        nxt == "chief" and last + 2 < n and t.surf[last + 2] in ("executive", "financial")
    ):
        return True  # "Acme chief executive Jane Doe"
    # "Acme shares fell": the word after "shares" is the verb, not more of a name.
    return (
        nxt in ("shares", "stock")
        and last + 2 < n
        and t.gap(last + 1) == " "
        and t.surf[last + 2][0].islower()
    )
