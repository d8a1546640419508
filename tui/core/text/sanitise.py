"""Untrusted text made safe for a terminal: control characters, escape sequences with their
payloads, bidi controls and zero-width tricks removed; links checked before anything opens them.

Feed text never reaches the terminal as escape sequences or bidi tricks. The characters removed
as invisible are listed once, here (:data:`INVISIBLE`): the display layer removes the same ones.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

__all__ = ["INVISIBLE", "clean_line", "clean_text", "drop_invisible", "is_safe_link"]

# ESC- or C1-introduced control strings (OSC, DCS, SOS, PM, APC) carry a payload up to a string
# terminator (BEL, ESC \ or ST); an unterminated one swallows the rest of its line.
_CONTROL_STRING = re.compile(
    r"(?:\x1b[\]P^_X]|[\x90\x98\x9d\x9e\x9f])[^\x07\x9c\n]*?(?:\x07|\x1b\\|\x9c|(?=\n)|\Z)",
    re.DOTALL,
)
# CSI sequences: ESC [ or the 8-bit CSI, parameters, intermediates, one final byte.
_CSI = re.compile(r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?")
# Other two- or three-byte escapes (charset selection, keypad modes, ...).
_ESC_OTHER = re.compile(r"\x1b[\x20-\x2f]*[\x30-\x7e]?")

# Characters that print nothing but can reorder or hide text (a regex character class body).
# Zero width joiner and non-joiner are not among them: emoji sequences and Persian or Indic
# words need them.
INVISIBLE = (
    "\u00ad"  # soft hyphen
    "\u061c"  # arabic letter mark
    "\u180e"  # mongolian vowel separator
    "\u200b"  # zero width space
    "\u200e\u200f"  # LRM, RLM
    "\u202a-\u202e"  # LRE RLE PDF LRO RLO
    "\u2060-\u2064"  # word joiner, invisible operators
    "\u2066-\u2069"  # LRI RLI FSI PDI
    "\ufeff"  # BOM / zero width no-break space
    "\ufff9-\ufffb"  # interlinear annotation
    "\ufffe\uffff"
)
# Invisible characters, lone surrogates and tag characters.
_INVISIBLE = re.compile("[" + INVISIBLE + "\ud800-\udfff]|[\U000e0000-\U000e007f]")
# C0 except \t and \n, DEL, C1, and all of the above.
_STRIP = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f" + INVISIBLE + "\ud800-\udfff]|[\U000e0000-\U000e007f]"
)
_ESCAPE_START = re.compile("[\x1b\x80-\x9f]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_WS = re.compile(r"\s+")


def drop_invisible(s: str) -> str:
    """``s`` without the :data:`INVISIBLE` characters, lone surrogates and tag characters
    (control characters are left to the caller: the display shows them as pictures)."""
    return _INVISIBLE.sub("", s)


def clean_text(s: str) -> str:
    """Remove control characters (keeping ``\\n`` and ``\\t``), escape sequences with their
    payloads, bidi controls and zero-width tricks; normalise newlines and NFC."""
    if not s:
        return ""
    # Every character removed or changed below is non-printable (controls, format and bidi
    # characters, separators, surrogates): text that is printable apart from newlines and
    # tabs, and already NFC, is returned as it is (a C-speed check; the full path takes
    # several regex passes over a feed's every summary and body).
    if s.replace("\n", "").replace("\t", "").isprintable() and unicodedata.is_normalized("NFC", s):
        return s
    s = _NEWLINES.sub("\n", s)
    if _ESCAPE_START.search(s):
        s = _CONTROL_STRING.sub("", s)
        s = _CSI.sub("", s)
        s = _ESC_OTHER.sub("", s)
    s = _STRIP.sub("", s)
    s = unicodedata.normalize("NFC", s)
    # NFC never introduces controls, but be certain the invariant holds.
    return _STRIP.sub("", s)


def clean_line(s: str) -> str:
    """:func:`clean_text`, then every run of whitespace (newlines included) becomes one space."""
    return _WS.sub(" ", clean_text(s)).strip()


_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# Whitespace (\s is str.isspace's set) and the characters that end an attribute or a link.
_NOT_IN_LINK = re.compile(r"[\s<>\"'`]")


def is_safe_link(url: str) -> bool:
    """True only for absolute http(s) URLs with a host, and mailto: links, free of controls."""
    if not url or len(url) > 8192:
        return False
    if _NOT_IN_LINK.search(url) or _STRIP.search(url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    scheme = parts.scheme.lower()
    if scheme not in _SAFE_SCHEMES:
        return False
    if scheme == "mailto":
        return len(url) > len("mailto:")
    return bool(parts.hostname)
