"""Word lists and patterns the tariff extractor reads text with (no logic beyond matching).

Kept apart from tariffs.py so the wording it understands can be reviewed (and extended) in one
place. All patterns are compiled once at import: plain `re`, no data files.
"""

from __future__ import annotations

import re

from tui.core.models import TariffStatus

# --- is this text / sentence about tariffs at all ------------------------------------------
# A sentence that says this is about tariffs (not a bare "rate").
TARIFF_WORD = re.compile(
    r"\b(?:tariffs?|surtax(?:es)?|(?:import|export|customs|anti-dumping|countervailing)\s+dut(?:y|ies)|"
    r"dut(?:y|ies)|lev(?:y|ies|ied)|import\s+tax(?:es)?|taxed|reciprocal\s+rates?|"
    r"trade\s+(?:deal|letters?|war))\b",
    re.IGNORECASE,
)

# --- rates ---------------------------------------------------------------------------------
_NUM = r"\d{1,3}(?:\.\d+)?"
_UNIT = r"(?:\s?%|\s*per\s?cent\b|\s*percent\b|\s*pct\b)"
_UNIT_OPT = r"(?:\s?%|\s*per\s?cent|\s*percent)?"
RATE = re.compile(
    rf"(?<![\d.,$£€])(?:"
    rf"between\s+(?P<blo>{_NUM}){_UNIT_OPT}\s+and\s+(?P<bhi>{_NUM}){_UNIT}"
    rf"|(?P<lo>{_NUM}){_UNIT_OPT}\s*(?:-|–|—|to)\s*(?P<hi>{_NUM}){_UNIT}"
    rf"|(?P<v>{_NUM}){_UNIT})"
    r"(?!\s*(?:-\s*)?points?\b)(?!\s*percentage)",
    re.IGNORECASE,
)
# A rate tied to a tariff noun right after it: "25% tariff", "a 10 per cent reciprocal duty".
BOUND_AFTER = re.compile(
    r"\s*(?:(?:each|import|imports|export|additional|extra|new|higher|blanket|baseline|"
    r"reciprocal|retaliatory|punitive|across-the-board|customs|anti-dumping|countervailing|"
    r"global|universal|minimum|flat|sectoral|steep|hefty|fresh)\s+){0,3}"
    r"(?:counter-?)?(?:tariffs?|surtax(?:es)?|dut(?:y|ies)|lev(?:y|ies)|import\s+tax(?:es)?|"
    r"tax(?:es)?|rate)\b"
    r"(?:\s+(?:rates?|ceiling|cap|level|wall|hike|increase|charge|barrier|penalty))?",
    re.IGNORECASE,
)
# ... or to one just before it: "tariffs of 25%", "taxed at", "duty rate to 30%".
BOUND_BEFORE = re.compile(
    r"\b(?:tariffs?|dut(?:y|ies)|lev(?:y|ies)|tax(?:ed|es)?)\b[^,;:()]{0,40}?"
    r"\b(?:of|at|to|from|is|was|were|are|be|stands at|set at|hits?)"
    r"(?:\s+(?:up to|as high as|as much as|nearly|about|around|roughly|just|only|an?))?\s*$",
    re.IGNORECASE,
)

# Statistics, markets and polls: a rate near these words is not a tariff unless bound to one.
NEGATIVE = re.compile(
    r"\b(?:shares?|stocks?|index|indices|Dow|Nasdaq|S&P|FTSE|Nikkei|futures|bourse|"
    r"fell|fall(?:s|ing)?|rose|rise[sn]?|rising|drop(?:s|ped)?|jump(?:s|ed)?|climb(?:s|ed)?|"
    r"slid|slump(?:s|ed)?|plunge[sd]?|surge[sd]?|gain(?:s|ed)?|lost|tumble[sd]?|soar(?:s|ed)?|"
    r"grow(?:th|s|n)?|grew|expand(?:s|ed)?|contract(?:s|ed)?|shr[ai]nk|GDP|economy|inflation|"
    r"CPI|prices?|unemployment|jobless|poll(?:s|ing|ed)?|survey(?:s|ed)?|approval|voters?|"
    r"respondents|interest|mortgage|yields?|bonds?|discount|stake|margins?|profits?|revenues?|"
    r"sales|majority|turnout|chance|odds|likelihood|share|accounts?\s+for|accounted|"
    r"ownership|tax\s+credit|income\s+tax|VAT|sales\s+tax|benchmark|currency|franc|yen|"
    r"dollar|euro|won|yuan|rupee|peso|ended|closed|trading|traded|lower|higher|weaker|stronger|"
    r"central\s+bank|Selic|repo|policy\s+rate|lending|borrowing|deficit|surplus|budget|wages?|salary|"
    r"off|coupon|promo|down(?!\s+from\b)|up(?!\s+(?:to|from)\b))\b",
    re.IGNORECASE,
)
SHARE_AFTER = re.compile(r"\s*of\b", re.IGNORECASE)  # "30 per cent of exports"
BY_BEFORE = re.compile(r"\bby\s*$", re.IGNORECASE)  # "fell by 3%", "cut exports by 30%"

# --- who is the target ---------------------------------------------------------------------
# After "25% tariff": "on", "for", "against", "from" then (a few words) then the country.
TARGET_PREP_AFTER = re.compile(r"\s*(?:on|for|against|from)\s+")
TARGET_FILL_MAX_WORDS = 5  # "on goods manufactured in China", "on imports from Norway"
FILL_WORD = re.compile(
    r"(?!(?:that|which|who|whose|where|when|if|unless|buys?|buying|bought|sells?|sold|"
    r"trades?|trading|does|do|did)\b)"
    r"(?:[a-z][\w'’-]*|\$[\d.,]+)\s+"
)  # "on $21 billion of US goods"; stops at "on any country that buys Venezuelan oil"
# "duties on American motorcycles to 20 percent": a demonym after "on" names the target.
ON_BEFORE = re.compile(r"\b(?:on|against|from)\s+(?:[a-z][\w-]*\s+){0,2}$")
# Words that may sit between a country and its rate ("Brunei, whose imports would be taxed at").
GAP_MAX_WORDS = 8
SUBJECT_EXTRA_WORDS = 4  # when the country opens the sentence
GAP_MAX_WORDS_CARRIED = 8  # in a sentence that is about tariffs only through its neighbour
# A sentence that opens by referring back to the country the previous sentence opened with.
PRONOUN_SUBJECT = re.compile(
    r"(?:It|The\s+(?:country|nation|kingdom|republic|island\s+nation|city-state))\b"
)
# What may come before that country in the previous sentence: nothing, "The", or a short
# connective ("Meanwhile,", "In Asia,").
SUBJECT_LEAD = re.compile(r"\s*(?:The\s+|(?:Meanwhile|Elsewhere|Separately|In\s+\w+),\s+)?")
GAP_BREAK = re.compile(
    r"[;\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]"  # CJK text: word counts mean nothing there
    r"|\b(?:while|whereas|but|although|though|unlike|says?|said|claims?|claimed|argues?|"
    r"argued|believes?|according)\b",
    re.IGNORECASE,
)
# A country that does the imposing: "the US imposed", "Washington slapped" (gap between the
# country and its rate contains one of these in the active voice).
ACTIVE_IMPOSING = re.compile(
    r"(?<!\bbe\s)(?<!\bwas\s)(?<!\bwere\s)(?<!\bbeen\s)(?<!\bbeing\s)(?<!\bis\s)(?<!\bare\s)"
    r"\b(?:impose[sd]?|imposing|slap(?:s|ped)?|levie[sd]|levy|announce[sd]?|"
    r"threaten(?:s|ed)?(?!\s+with)|"
    r"raise[sd]?|hike[sd]?|place[sd]?|add(?:s|ed)?|retaliate[sd]?|"
    r"charges?|charged|lift(?:s|ed)?|increase[sd]?)\b",
    re.IGNORECASE,
)
# "US tariffs", "Chinese duties", "America's own tariffs": the country imposes them.
IMPOSER_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:(?:own|new|retaliatory|reciprocal|import|counter)\s+)?"
    r"(?:tariffs?|dut(?:y|ies)|lev(?:y|ies)|administration|government|president|officials?)\b",
    re.IGNORECASE,
)
# "imported to the US", "imposed by Washington", "exports into America": not the target.
DESTINATION_BEFORE = re.compile(r"\b(?:to|into|by)\s+(?:the\s+)?$", re.IGNORECASE)
# In a country + rate gap, a demonym needs a trade noun ("Chinese goods"), not "Chinese coercion".
TRADE_NOUN = re.compile(
    r"\s+(?:[a-z-]+\s+)?(?:goods|products|imports|exports|exporters|shipments|steel|aluminium|"
    r"aluminum|copper|cars|autos|vehicles|lumber|timber|wine|cheese|textiles|garments|"
    r"electronics|semiconductors|chips|solar|panels|pharmaceuticals|drugs|beef|rice|seafood|"
    r"shrimp|coffee|imports|made|manufactured|producers|makers|items|merchandise)\b"
)
CONJUNCTION = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|&)\s+)(?:the\s+)?$")
CONJUNCTION_AFTER = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|\s*(?:and|or|&)\s+)(?:the\s+)?")

# --- status --------------------------------------------------------------------------------
# Ordered: longer phrases first, so "set to be imposed" is one threatened cue, not "imposed".
_STATUS_CUES: tuple[tuple[TariffStatus, str], ...] = (
    ("threatened", r"(?:set|due|scheduled|poised|slated|expected)\s+to(?:\s+be)?(?:\s+\w+)?"),
    (
        "threatened",
        r"(?:will|would|could|(?-i:may|might))(?:\s+(?:not|also|still|likely|now|then))?"
        r"\s+(?:be\s+)?\w+",
    ),
    ("threatened", r"(?:if|unless|without)\b[^.;]{0,40}?\b(?:deal|agreement|accord)"),
    ("threatened", r"no\s+(?:deal|agreement|accord)"),
    ("threatened", r"threat(?:en(?:s|ed|ing)?|s)?|letters?|warn(?:s|ed|ing)?|ultimatum"),
    ("threatened", r"to\s+be\s+(?:imposed|levied|applied)"),
    (
        "agreed",
        r"agree(?:s|d|ment|ments)?|deals?|accord|negotiated|"
        r"(?:struck|reached|signed)\s+(?:a|an|the|its)?\s*(?:trade\s+)?(?:deal|agreement|accord|pact)",
    ),
    ("agreed", r"settled|framework|secured|clinched|sealed|accept(?:s|ed)?"),
    (
        "agreed",
        r"under\s+(?:the|its|their|a|an|this)\s+(?:new\s+)?(?:trade\s+)?"
        r"(?:deal|agreement|accord|pact|framework)",
    ),
    ("proposed", r"propos(?:e|es|ed|al|als|ing)|plan(?:s|ned|ning)?|consider(?:s|ed|ing)?"),
    ("proposed", r"weigh(?:s|ed|ing)?|mull(?:s|ed|ing)?|float(?:s|ed|ing)?|suggest(?:s|ed)?"),
    ("imposed", r"impos(?:e|es|ed|ing)|levied|slapped|in\s+(?:effect|force|place)"),
    ("imposed", r"took\s+effect|went\s+into\s+effect|came\s+into\s+force|existing|current(?:ly)?"),
    ("imposed", r"already|still\s+face[sd]?|now\s+face[sd]?|face[sd]?|facing|hit\s+with|pays?"),
    ("imposed", r"paid|collect(?:s|ed|ing)?|raised|hiked|added|retaliated|remains?|remained"),
    ("imposed", r"carr(?:y|ies|ied)|subject\s+to|set|cut|lowered|reduced|slashed"),
    ("imposed", r"(?:was|were|been|is|are)\s+hit|appl(?:y|ies|ied)"),
)
STATUS_CUE = re.compile(
    "|".join(f"(?P<c{i}>\\b(?:{pattern})\\b)" for i, (_, pattern) in enumerate(_STATUS_CUES)),
    re.IGNORECASE,
)
STATUS_OF_GROUP: dict[str, TariffStatus] = {
    f"c{i}": status for i, (status, _) in enumerate(_STATUS_CUES)
}
CLAUSE_BREAK = re.compile(
    r";|\s(?:—|–)\s|,\s*(?:while|whereas|but|although|though)\b|\b(?:while|whereas)\b",
    re.IGNORECASE,
)

# --- dates ---------------------------------------------------------------------------------
MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<{g}>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Mar\.|April|Apr\.|May|June|Jun\.|July|"
    r"Jul\.|August|Aug\.?|Sept(?:ember|\.)?|Sep\.|October|Oct\.?|November|Nov\.?|December|Dec\.?)"
)
DATE = re.compile(
    r"\b(?:"
    + _MONTH.format(g="m1")
    + r"\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>20\d\d)\b)?"
    + r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + _MONTH.format(g="m2")
    + r"(?:,?\s+(?P<y2>20\d\d)\b)?"
    + r"|(?P<y3>20\d\d)-(?P<m3>[01]\d)-(?P<d3>[0-3]\d))"
)
# Words before a date that make it the date the tariff applies from.
EFFECT_CUE = re.compile(
    r"\b(?:effect(?:ive)?|from|starting|start(?:s|ing)?|beginning|begins?|imposed|levied|"
    r"kicks?\s+in|force|as\s+of|deadline|until|by|applied|apply|applies|takes?|go|goes|on)\b"
    r"[^.;]{0,25}$",
    re.IGNORECASE,
)
FUTURE_CUE = re.compile(
    r"\b(?:set|due|scheduled|will|would|from|starting|beginning|effective|deadline|take\s+effect|"
    r"kick\s+in|go\s+into\s+effect)\b",
    re.IGNORECASE,
)

# "..., taking the total to 50 percent": a rate that sums up the ones before it in the sentence.
TOTAL_BEFORE = re.compile(
    r"\b(?:total|combined|cumulative|overall|all\s+told|bringing|taking|lifting|pushing)\b"
    r"[^,;]{0,25}$",
    re.IGNORECASE,
)
# "..., down from the 32% rate threatened in a letter": an earlier rate for the same target,
# kept only when its own status is stated right there.
FROM_BEFORE = re.compile(r"\b(?:down|up|lowered|reduced|cut|raised)?\s*from\s+(?:the\s+|an?\s+)?$")
FROM_STATUS_WINDOW = 30
# "Norway, outside the EU, faces 15 percent": a country after these is not the one meant.
NOT_TARGET_BEFORE = re.compile(
    r"\b(?:outside|unlike|than|besides|except|beyond|behind|ahead\s+of|rather\s+than)\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
LOCATION_BEFORE = re.compile(r"\b(?:in|at|near|outside|from|to|via)\s+$", re.IGNORECASE)
# "Israel's rate falls to 15 percent" in a tariff sentence: "rate" means the tariff rate,
# unless it is some other kind of rate.
BOUND_RATE_BEFORE = re.compile(
    r"\brates?\b[^,;:()]{0,25}?\b(?:of|at|to|is|was|were|are|be|stands at|set at)\s*$",
    re.IGNORECASE,
)
OTHER_RATE = re.compile(
    r"\b(?:interest|policy|benchmark|Selic|repo|mortgage|exchange|unemployment|jobless|"
    r"inflation|growth|savings|lending|borrowing|discount|tax|approval|birth|death|crime|"
    r"participation|vacancy|occupancy|conversion|heart|bank)\b",
    re.IGNORECASE,
)
# A relative clause inside a country-rate gap: "India, which buys Russian oil, will face 25%".
RELATIVE_CLAUSE = re.compile(r",\s*(?:which|who|whose|where)\b[^,;]*,")
