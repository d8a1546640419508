"""Word lists and patterns the tariff extractor reads text with (no logic beyond matching).

Kept apart from tariffs.py so the wording it understands can be reviewed (and extended) in one
place. All patterns are compiled once at import: plain `re`, no data files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

# --- is this text / sentence about tariffs at all ------------------------------------------
# A sentence that says this is about tariffs (not a bare "rate").
TARIFF_WORD = re.compile(
    r"\b(?:tariffs?|surtax(?:es)?|(?:import|export|customs|anti-dumping|countervailing)\s+dut(?:y|ies)|"
    r"dut(?:y|ies)|lev(?:y|ies|ied)|import\s+tax(?:es)?|taxed|(?:reciprocal|baseline)\s+rates?|"
    r"trade\s+(?:deal|letters?|war)|under\s+(?:the|its|their|a|this)\s+(?:new\s+)?(?:trade\s+)?"
    r"(?:deal|agreement|framework|pact))\b",
    re.IGNORECASE,
)

# The noun of a measure, whose goods the words after it may name: "tariffs on US goods".
_MEASURE = r"(?:tariffs?|dut(?:y|ies)|lev(?:y|ies)|surtax(?:es)?|counter-?measures)"
TARIFF_NOUN = re.compile(rf"\b{_MEASURE}\b", re.I)
# The measure a sentence's own measure answers, ending where the search ends: "in response to
# US tariffs on Peruvian copper", "in retaliation for Trump's tariffs on EU steel".
ANSWERED = re.compile(
    r"\b(?:retaliat\w*|response|reply|answer)\s+(?:of|for|to|against)\b[^;,]{0,80}$", re.I
)
# The word that starts the measure a clause's own one answers, wherever it stands: "The taxes,
# which range from 10 to 50 percent, are retaliation for the US duty of 25 percent on ...".
ANSWERING = re.compile(r"\b(?:retaliat\w*|response|reply|answer)\s+(?:of|for|to|against)\b", re.I)
# A rate of "the tariffs" a sentence before named: "The tariffs of 25 percent on steel ...",
# "the additional duties range from 25 to 40 percent".
DEFINITE_TARIFF_BEFORE = re.compile(
    rf"\b(?:the|these|those|such)\s+(?:[\w-]+\s+){{0,2}}?{_MEASURE}\b[^;:,]{{0,30}}$",
    re.IGNORECASE,
)

# --- rates ---------------------------------------------------------------------------------
_NUM = r"\d{1,3}(?:\.\d+)?"
# A date in a schedule of steps: "August 1, 2019", "1 September", "Jan. 1".
_DATE_WORDS = r"(?:[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}\s+[A-Z][a-z]+)(?:,?\s+\d{4})?"
# "25%", "25 per cent", "25 percent", "25-percent", "25 pct", "25pc"
_UNIT = r"(?:\s?%|[\s-]*per[\s-]?cent\b|\s*pct\b|\s?pc\b)"
_UNIT_OPT = r"(?:\s?%|[\s-]*per[\s-]?cent)?"
# Rates written in words ("twenty-five per cent", "fifteen percent", "a hundred percent").
_SMALL_NUMBERS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
WORD_NUMBERS: dict[str, int] = {
    word: value for value, word in enumerate(_SMALL_NUMBERS.split())
} | {word: 10 * tens for tens, word in enumerate(_TENS.split(), 2)}
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_WORD_NUM = (
    r"(?:(?:one|a)\s+hundred"
    r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:" + _ONES + r"))?"
    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    + _ONES
    + r")"
)
RATE = re.compile(
    rf"(?<![\d.,$£€])(?:"
    # "between 5 and 10 percent", "between five and 10 percent"
    rf"between\s+(?P<blo>{_NUM}|{_WORD_NUM}){_UNIT_OPT}\s+and\s+(?P<bhi>{_NUM}|{_WORD_NUM}){_UNIT}"
    # "25-40 percent", "from five to 25 percent"
    rf"|(?P<lo>{_NUM}|(?<![\w-]){_WORD_NUM}){_UNIT_OPT}\s*(?P<sep>-|–|—|to)\s*(?P<hi>{_NUM}){_UNIT}"
    rf"|(?P<v>{_NUM}){_UNIT}"
    rf"|(?<![\w-])(?P<w>{_WORD_NUM})(?:\s?%|[\s-]*per[\s-]?cent\b))"
    r"(?!\s*(?:-\s*)?points?\b)(?!\s*percentage)",
    re.IGNORECASE,
)
# "from 30% to 20%" is a change, not a range; "ranging from 10% to 50%" is a range.
# ... and only after wording of a change: "cut the tariff on Thai rice from 36% to 19%"; a
# bare "rates from 10% to 50%" is a range.
CHANGE_VERB_BEFORE = re.compile(
    r"\b(?:cut\w*|lower\w*|reduc\w+|rais\w+|increas\w+|hik\w+|ris(?:e|es|ing)|rose|fall\w*|"
    r"fell|drop\w*|jump\w*|climb\w*|go(?:es)?|went|going|slash\w*|trim\w*|lift\w*|doubl\w*|"
    r"decreas\w*|tripl\w*|halv\w*|eas\w+|chang\w+|mov\w+|bring\w*|brought|shift\w*|up|down)\b[^;:]{0,60}$",
    re.IGNORECASE,
)
CHANGE_FROM_BEFORE = re.compile(
    r"\bfrom\s+(?:(?:the|an?|its|their)\s+)?(?:[a-z][\w-]*\s+){0,2}$", re.IGNORECASE
)
# ... or a change of a tariff named between its verb and the "from": "an increase in the
# tariff rate on Chinese exports to the United States from 34 to 84 percent".
CHANGE_OF_RATE_BEFORE = re.compile(
    r"\b(?:increas\w*|decreas\w*|rais\w+|hik\w+|cut\w*|lower\w*|reduc\w+|ris(?:e|es|ing))\s+"
    r"(?:(?:in|of|to)\s+)?[^;:]{0,60}?\b(?:tariffs?|rates?|dut(?:y|ies)|lev(?:y|ies))\b"
    r"[^;:%,]{0,80}$",
    re.IGNORECASE,
)
RANGE_FROM_BEFORE = re.compile(
    r"\b(?:rang\w*|anywhere|vary\w*|varies|spanning)\s+from\s+(?:the\s+|an?\s+)?$", re.IGNORECASE
)
# A rate tied to a tariff noun right after it: "25% tariff", "a 10 per cent reciprocal duty".
BOUND_AFTER = re.compile(
    # "a 25% US tariff", "a 10 percent Trump levy": the imposer's name may come first
    r"\s*(?:(?-i:[A-Z][\w.'’-]*)\s+)?"
    r"(?:(?:each|import|imports|export|additional|extra|more|new|higher|blanket|baseline|"
    r"reciprocal|retaliatory|punitive|across-the-board|customs|anti-dumping|countervailing|"
    r"global|universal|minimum|flat|sectoral|steep|hefty|fresh)\s+){0,3}"
    r"(?:counter[-\s]?)?(?:tariffs?|surtax(?:es)?|dut(?:y|ies)|lev(?:y|ies)|import\s+tax(?:es)?|"
    r"tax(?:es)?|rate|baseline|minimum)\b"
    r"(?:\s+(?:rates?|ceiling|cap|level|wall|hike|increase|charge|barrier|penalty))?",
    re.IGNORECASE,
)
# ... or to one just before it: "tariffs of 25%", "taxed at", "duty rate to 30%".
BOUND_BEFORE = re.compile(
    r"\b(?:tariffs?|dut(?:y|ies)|lev(?:y|ies)|tax(?:ed|es)?)\b[^,;:()]{0,40}?"
    r"\b(?:of|at|to|from|is|was|were|are|be|stands at|set at|hits?|go|rise|climb|reach)"
    r"(?:\s+(?:up to|as high as|as much as|nearly|about|around|roughly|just|only|an?))?\s*$",
    re.IGNORECASE,
)

# Words that bound a stated rate: "at least 145%", "up to 32%", "as much as 50%".
_QUALIFIER = (
    r"(?:at\s+least|up\s+to|as\s+(?:much|high)\s+as|more\s+than|nearly|almost|about|around|"
    r"roughly|some|over)\s+"
)
# The verb of a change, right before its new rate: "will rise to", "was raised to", "doubled to".
CHANGE_TO_BEFORE = re.compile(
    r"\b(?:rais\w+|increas\w+|hik\w+|ris(?:e|es|ing|en)|rose|jump\w*|climb\w*|go(?:es)?\s+up|"
    r"went\s+up|doubl\w*|tripl\w*|cut|lower\w*|reduc\w+|slash\w*|drop\w*|fall\w*|fell)"
    # the tariff named as the object: "reduces blanket tariffs to 15% from a threatened 25%"
    r"(?:\s+(?:(?:the|its|their|all)\s+)?(?:[\w-]+\s+){0,2}?(?:tariffs?|duties|levies|rates?)"
    r"(?:\s+on(?:\s+[\w'’-]+){1,3}?)?)?"
    r"(?:\s+(?:again|further|sharply|steeply|in\s+half))?\s+to\s+(?:" + _QUALIFIER + r")?$",
    re.IGNORECASE,
)
# Between the two rates of a change told new-first: "to 30% from 145%".
NEW_FIRST_FROM = re.compile(
    r"\s+from\s+(?:the\s+|a\s+|an\s+|its\s+)?"
    r"(?:(?:previous|earlier|threatened|proposed|planned|announced|initial|original)\s+)?"
)
# The new rate of a change told new-first, before its "from": "to 25 percent from 10 percent".
TO_RATE_BEFORE = re.compile(
    r"\bto\s+(?:" + _QUALIFIER + r")?\d[\d.]*\s*(?:%|percent|per\s+cent)\s*$", re.IGNORECASE
)
# A figure about tariffs in general, just before the rate: "the average effective tariff rate
# stands at 17.8%", "a weighted average of 12%".
# (An "effective rate" alone may be one country's total: "that brings the effective rate to 145%".)
# ("The US average applied Most Favored Nation (MFN) tariff on farm goods is 5%": a long name)
STATISTIC_BEFORE = re.compile(r"\b(?:average|weighted|mean|median)\b[^,;.%]{0,80}$", re.I)
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
    r"off|coupon|promo|average|down(?!\s+from\b)|up(?!\s+(?:to|from)\b))\b",
    re.IGNORECASE,
)
# The subject of a change "from X to Y" is a tariff: "tariffs on Chinese imports will jump from",
# not "prices will jump from".
CHANGED_TARIFF_BEFORE = re.compile(
    r"\b(?:tariffs?|dut(?:y|ies)|lev(?:y|ies)|surtax(?:es)?)(?:\s+rates?)?\b"
    r"(?:(?!\b(?:prices?|inflation|growth|shares?|stocks?|GDP|unemployment|costs?|sales|"
    r"profits?|revenues?|index|yields?|rates?)\b)[^,;:()]){0,90}"
    r"(?:,\s*)?$",  # "10% tariffs on Chinese goods, rising to 25%"
    re.IGNORECASE,
)
SHARE_AFTER = re.compile(r"\s*of\b", re.IGNORECASE)  # "30 per cent of exports"
# "fell by 3%", "cut exports by 30%", "raised tariffs by up to 120%": a change, not a rate.
BY_BEFORE = re.compile(
    r"\bby\s+(?:(?:up\s+to|as\s+much\s+as|about|around|nearly|some|roughly|another|an?\s+"
    r"(?:further|additional|extra))\s+)?$",
    re.IGNORECASE,
)

# --- who is the target ---------------------------------------------------------------------
# After "25% tariff": "on", "for", "against", "from" then (a few words) then the country.
TARGET_PREP_AFTER = re.compile(
    # "announced a 25 percent tariff Friday on US products": the day it was announced
    r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|"
    r"yesterday|tomorrow)\b)?"
    r"(?:\s*(?:(?:(?:will|would|shall|is|are|was|were|has|have|had)\s+)?"
    r"(?:(?:continues?|continued|seem|seems)\s+)?"
    # "a 12% duty currently applied to Peruvian copper"
    r"(?:(?:to\s+)?be|been|being|already|currently|now|still|that\s+(?:was|were|is|are|will\s+be))\s+"
    # "15 per cent US tariffs would apply to most EU imports"
    r"|(?:will|would|shall|could|may|might|also)\s+(?=appl))?"
    r"(?:(?:imposed|levied|appl(?:y|ies|ied|ying)|charged|placed|slapped)\s+"
    # "a 20% duty will apply from 1 May to Chile and Peru": when, between the verb and whom
    r"(?:(?:from|on|starting|beginning|as\s+of)\s+" + _DATE_WORDS + r",?\s+)?(?:on|to|against)|"
    r"on|for|against|from|to\s+the\s+(?:cost|price|value)\s+of|"
    # "the previous 20% valid for the EU", "a 15% rate applicable to Japanese cars"
    r"(?:valid|applicable)\s+(?:for|to))\s+"
    # "tariffs of 10 percent will take effect on US products"
    r"|\s*(?:(?:will|would|shall)\s+)?(?:take|takes|took|taking)\s+effect\s+on\s+"
    # "tariffs of 25 percent affecting $16.5 billion in imports of pork from the US"
    r"|\s*(?:affecting|impacting|covering|targeting|hitting)\s+"
    # "The proposed 25 percent tariffs cover some $300 billion of imports from China"
    r"|\s+(?:(?:will|would)\s+)?(?:cover(?:s|ed)?|target(?:s|ed)?)\s+)"
)
# A relative clause after the rate that names whom its subject set it for: "the 24% rate that
# Washington had originally set for Japan", "a 30% duty which the US imposed on Chile".
# The clause may drop its "that" after a pronoun or a name ("the 20% duty it imposed on
# Peru", "the 30% duty Ottawa previously imposed on US steel"), and
# say when between the verb and the target ("that Trump imposed last week on Chinese goods").
SET_FOR_AFTER = re.compile(
    r"\s*(?:(?:that|which)\s+(?:[\w.'’-]+\s+){0,4}?|(?:it|he|she|they|we)\s+|"
    r"(?-i:[A-Z][\w.'’-]+)\s+)"
    r"(?:(?:had|has|have|was|were)\s+)?(?:(?:\w+ly|already|also|just)\s+)?"
    r"(?:set|imposed|levied|placed|slapped|announced|threatened|assigned|planned|proposed)\s+"
    r"(?:(?:(?:last|this|earlier\s+this)\s+(?:week|month|year)|earlier|previously|"
    r"in\s+(?-i:[A-Z])\w+|on\s+\w+day)\s+)?"
    r"(?:for|on|against)\s+(?:the\s+)?"
)
# What follows a demonym that names goods: "on Chinese products".
DEMONYM_GOODS = re.compile(
    r"\s+(?:goods|products|imports|exports|shipments|items|merchandise)\b", re.IGNORECASE
)
# "the 15% tariffs negotiated by the EU", "a 19% rate agreed by Jakarta": a party's own rate.
AGREED_BY_AFTER = re.compile(
    r"\s*(?:(?:that|which)\s+(?:was|were|has\s+been|have\s+been)\s+)?"
    r"(?:negotiated|agreed|secured|struck|won|accepted|clinched|obtained)\s+by\s+(?:the\s+)?"
)
TARGET_FILL_MAX_WORDS = 5  # "on goods manufactured in China", "on imports from Norway"
# One word of what is taxed: a word that is not a verb or a link to another clause ("on any
# country that buys Venezuelan oil", "on steel as talks with Peru stall"), a sum of money ("on
# $21 billion worth of US goods" is one), or a list or schedule number ("on List 1, 2 and 3").
FILL_WORD = re.compile(
    r"(?:(?!(?:that|which|who|whose|where|when|if|unless|buys?|buying|bought|sells?|sold|"
    r"trades?|trading|does|do|did|is|are|was|were|be|been|has|have|had|will|would|could|can|"
    r"may|might|should|as|amid|after|before|because|since|during|while|with|than|by)\b)"
    r"[a-z][\w'’-]*"
    r"|(?:[A-Z]{1,3})?[$€£¥]\s?[\d.,]+(?:\s?(?:billion|million|trillion|bn|mn|m|b)\b)?"
    r"(?:\s+\((?:[A-Z]{1,3})?[$€£¥]\s?[\d.,]+\s?(?:billion|million|trillion|bn|mn|m|b)?\))?"
    r"(?:\s+(?:worth|in\s+value))?(?:\s+of)?"
    r"|[A-Z][a-z]*(?=\s+\d)|\d[\w.]*,?)\s+"
)
# A relative clause on goods that carries them into a destination, whose origin may follow:
# "on every car that comes into the US from the EU".
GOODS_RELATIVE = re.compile(
    r"(?:that|which)\s+(?:comes?|came|enters?|entered|arrives?|(?:is|are|was|were)\s+"
    r"(?:imported|shipped|brought|sold))\s+"
)
# The goods' origin after their destination: "imported into the US from the EU".
ORIGIN_AFTER = re.compile(r"\s+from\s+(?:the\s+)?")
# Further on, a country whose goods are named: "on fuel or fuel processing products of
# Norway", "on machinery and spare parts shipped from Chile".
GOODS_OF = re.compile(
    r"(?:(?:goods|products|imports|exports|shipments|items|merchandise|produce|commodities)"
    r"\s+(?:of|from)|(?:made|produced|manufactured|grown|built|sourced|shipped|imported|originating|"
    r"coming)\s+(?:in|from))\s+(?:the\s+)?"
)
GOODS_OF_MAX_WORDS = 10  # words from the preposition to such a country
# In the same phrase of goods, their origin on its own: "on coal and gas (LNG) from the US".
ORIGIN_FROM = re.compile(r"(?:\([\w\s.-]{1,20}\)\s+)?from\s+(?:the\s+)?")
# Wording just before a rate that says the subject bears it: "..., facing a 50% rate", "were
# slapped with the 10% tariff", "will be subject to a 25% tariff".
BEARER_BEFORE = re.compile(
    r"\b(?:fac(?:e|es|ed|ing)|(?:hit|slapped)\s+with|subject\s+to|shoulder(?:s|ed|ing)?|"
    r"pay(?:s|ing)?|paid)\s+(?:(?:an?|the)\s+)?(?:[\w-]+\s+){0,2}"
    # "subject to new taxes of up to 100%"
    r"(?:(?:of|at)\s+)?(?:" + _QUALIFIER + r")?$",
    re.IGNORECASE,
)
# Goods that bear a rate by such a verb ("all Japanese products entering the US would be
# subject to a 25% tariff") may stand this many more words before it than a country may.
GOODS_BEARER_EXTRA_WORDS = 12
# A word of a list of goods before GOODS_OF: a brand, or a word and its comma.
GOODS_LIST_WORD = re.compile(r"(?:[A-Z][\w.'’-]*|[a-z][\w'’-]*,)\s+")
# "tariffs on $60 billion worth of US products": a country's goods, the object of the tariffs.
GOODS_OWNER_BEFORE = re.compile(
    r"\b(?:on|against)\s+(?:(?:[a-z][\w-]*|[$€£¥][\d.,]+)\s+){0,4}(?:the\s+)?$"
)
# "duties on American motorcycles to 20 percent": a demonym after "on" names the target.
ON_BEFORE = re.compile(r"\b(?:on|against|from)\s+(?:[a-z][\w-]*\s+){0,2}$")
# "a 25% tariff on steel and a 10% tariff on aluminium affecting Canada, Mexico and the EU",
# "duties of 25% on steel from several countries including Turkey": countries named later in
# the clause by a participle or "including", for rates that name none of their own.
TARGETS_LATER = re.compile(
    r"\b(?:affecting|hitting|targeting|targetting|covering|aimed\s+at|appl(?:ying|ied)\s+to|"
    # "... on walnuts in its strongest action yet against the United States"
    r"(?:action|retaliation|response|measures?|move|step|salvo|strike)\s+(?:[a-z]+\s+){0,2}?"
    r"against|"
    r"(?:countries|nations|partners|economies)\s+(?:including|such\s+as|like))\s+"
    r"(?:(?:trade\s+|trading\s+)?(?:partners?|allies|countries|nations|economies)\s+)?"
    r"(?:(?:including|such\s+as|like)\s+)?(?:the\s+)?"
)
TARGETS_LATER_REACH = 160  # characters after the rate the participle may stand
# "on vehicles not made in the US": the country named is the one the goods do not come from.
NOT_FROM = re.compile(r"\b(?:not|non|outside)\b", re.IGNORECASE)
# Words that may sit between a country and its rate ("Brunei, whose imports would be taxed at").
GAP_MAX_WORDS = 8
SUBJECT_EXTRA_WORDS = 4  # when the country opens the sentence
GAP_MAX_WORDS_CARRIED = 8  # in a sentence that is about tariffs only through its neighbour
# A sentence that opens by referring back to the country the previous sentence opened with.
PRONOUN_SUBJECT = re.compile(
    r"(?:Its?|The\s+(?:country|nation|kingdom|republic|island\s+nation|city-state)(?:['’]s)?)\b"
)
# Rates listed in the order of the countries listed: "of 25% and 15%, respectively".
RESPECTIVELY = re.compile(r"\s*(?:[\w-]+\s+){0,2}?,?\s*respectively\b", re.IGNORECASE)
# A sentence that opens by referring back to the act the previous one named.
# ("Under that scheme, ..." names its own act: only the bare pronoun refers back.)
UNDER_IT = re.compile(r"\s*Under\s+(?:it|this|that|its\s+terms|the\s+terms)\s*,")
# What may come before that country in the previous sentence: nothing, "The", or a short
# opening phrase closed by a comma ("Meanwhile,", "In Asia,", "On Monday,").
SUBJECT_LEAD = re.compile(r"\s*(?:The\s+|[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,4},\s+)?")
GAP_BREAK = re.compile(
    r"[;\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]"  # CJK text: word counts mean nothing there
    r"|\b(?:while|whereas|but|although|though|unlike|says?|said|claims?|claimed|argues?|"
    r"argued|believes?|according)\b",
    re.IGNORECASE,
)
# A country that does the imposing: "the US imposed", "Washington slapped" (gap between the
# country and its rate contains one of these in the active voice).
ACTIVE_IMPOSING = re.compile(
    # the progressive is active too: "the United States is applying a 25% tariff"
    r"\b(?:is|are|was|were|been)\s+(?:(?:now|already|still)\s+)?"
    r"(?:imposing|applying|levying|charging|collecting|enforcing|"
    r"suspending|implementing|placing|slapping)(?!\s+(?:to|by|from|on\s+hold)\b)\b|"
    r"(?<!-)(?<!\bbe\s)(?<!\bwas\s)(?<!\bwere\s)(?<!\bbeen\s)(?<!\bbeing\s)(?<!\bis\s)(?<!\bare\s)"
    r"\b(?:impose[sd]?|imposing|slap(?:s|ped)?(?!\s+with)|levie[sd]|(?<!\ba\s)(?<!\bthe\s)(?<!\bthis\s)(?<!\bthat\s)levy(?!\s+(?:of|at)\b)|announce[sd]?|"
    r"threaten(?:s|ed)?(?!\s+with)|"
    r"(?:raise[sd]?|hike[sd]?|lift(?:s|ed)?|increase[sd]?|double[sd]?|triple[sd]?)"
    r"(?!\s+(?:to|by|from)\b)|"  # "would double to 50%" is the tariff rising, not imposed
    r"place[sd]?|add(?:s|ed)?|retaliate[sd]?|charges?|charged|sets?(?!\s+to\b)|puts?|"
    # "Peru hit back with 25% tariffs on ...", "Ottawa would respond with 25% duties"
    r"(?:respond(?:s|ed|ing)?|answer(?:s|ed|ing)?|reply|replie[sd]|replying)\s+with|"
    r"(?:hit(?:s|ting)?|str(?:ike|ikes|uck|iking)|fir(?:e|es|ed|ing))\s+back|"
    r"unveil(?:s|ed)?|introduce[sd]?|"
    # "The United States also intends to eliminate 15% tariffs on generic drugs"
    r"(?:eliminat|remov|abolish)(?:e|es|ed|ing)|"
    r"(?:drop|cut|lower|reduce|slash|trim|ease|remove|scrap)(?:s|ped|ping|ed|ing)?\s+(?:"
    # "US May Cut India Tariff Rate to 15%": a country's rate as the object
    r"(?:the|its|their|his|(?-i:[A-Z][a-z]+))(?=\s|['’])|"
    # ... or a tariff noun as the object: "the US will reduce duties from 25% to 15%" (a
    # change verb without an object, "would drop to 15%", is the rate changing, not an act)
    r"(?:[a-z-]+\s+){0,2}?(?:tariffs?|dut(?:y|ies)|lev(?:y|ies)|rates?))|"
    # A verb that acts on a tariff its subject applies or holds back, with its object after it
    # (never "applies to"): "the US is applying a 25% tariff", "saw Canada apply 25 per cent",
    # "China will suspend its 25 percent tariff". Not "keep", "maintain", "retain": a bearer
    # keeps its rate too ("Mexico won a reprieve, keeping its current 25% rate").
    r"(?:appl(?:y|ies|ied|ying)|"
    r"suspend(?:s|ed|ing)?|paus(?:e|es|ed|ing)|extend(?:s|ed|ing)?|"
    r"collect(?:s|ed|ing)?|implement(?:s|ed|ing)?|enforc(?:e|es|ed|ing)|"
    r"reinstat(?:e|es|ed|ing)|restor(?:e|es|ed|ing)|reimpos(?:e|es|ed|ing))"
    r"(?=\s*$|\s+(?:an?|the|its|their|his|her|new|additional|further|higher)\s)|"
    # "the Government of Canada is moving forward with 25 per cent tariffs"
    r"(?:mov|go|proceed)(?:e|es|ed|ing|ne)?\s+(?:forward|ahead)?\s*with(?=\s*$|\s+(?:an?|the|its|their)\s))\b",
    re.IGNORECASE,
)
# The US government as a clause's actor, named by its president or seat rather than as a
# country: "The Trump administration first imposed 10% tariffs", "Washington then raised".
US_ACTOR = re.compile(
    r"\b(?:(?:President\s+)?(?:Donald\s+)?Trump|Biden|the\s+White\s+House|Washington|"
    r"(?:the\s+)?(?:U\.?S\.?|American|US)\s+(?:administration|government))\b"
)
# "Mexico and Canada were exempted from the 25% tariff": the country is not taxed at all.
EXEMPT = re.compile(
    r"\b(?:exempt\w*|spared|excluded|waived|exclusions?|carve[ds]?[- ]outs?)\b", re.IGNORECASE
)
# "Japan avoided a 25% tariff by agreeing to 15%": a rate that never applied (other).
# "talks to avoid a 20% tariff", "could avoid": a rate still pending is no such rate.
AVOIDED = re.compile(
    r"(?<!\bto\s)(?<!\bwill\s)(?<!\bwould\s)(?<!\bcould\s)(?<!\bcan\s)(?<!\bmay\s)"
    r"\b(?:avoid(?:s|ed|ing)?|averted|escaped|dodged|sidestepped)\b",
    re.IGNORECASE,
)
# Words that tie a rate to the one before it, for the same countries: "50% and 20%",
# "on top of the 20% already in place", "plus 10%".
# Steps of one schedule are linked too: "to 15% on August 1, to 20% on September 1, and to 25%".
RATE_LINK = re.compile(
    r"(?:\s+on\s+(?:[a-z]+\s+){0,2}[a-z]+)?"
    r"(?:\s+(?:on|from|by|in|starting|beginning)\s+" + _DATE_WORDS + r")?"
    r"\s*(?:,\s*)?(?:"
    # "raising the duty on cars to 120% and on spirits to 140%": the same change, other goods
    # (or "cars to 120%, alcohol to 140% and tobacco to 60%")
    r"(?:(?:and|or)\s+)?(?:(?:on|for)\s+)?(?:[a-z][\w-]*\s+){1,3}(?:to|at)\s+|"
    r"(?:and|or|plus|then)\s+(?:(?:then\s+)?to\s+)?|(?<=,)\s*to\s+|"
    r"(?:on\s+top\s+of|in\s+addition\s+to|over\s+and\s+above)"
    r"\s+(?:(?:the|its|their|an?)\s+)?(?:(?:existing|current|earlier|previous|original)\s+)?)"
    r"(?:[a-z]+\s+)?",
    re.IGNORECASE,
)
# "US tariffs", "Chinese duties", "America's own tariffs": the country imposes them.
# "Japan's tariff rate", though, is the rate Japan's goods face.
IMPOSER_AFTER = re.compile(
    r"-(?:imposed|levied|led|ordered|announced)\b"
    # "India's 25% tariff retaliation list", "Canada's 25 per cent counter-tariffs"
    r"|['’]s\s+(?:[\w.%-]+\s+){0,3}?(?:retaliat\w*|counter-?(?:measures?|tariffs?|duties))\b"
    r"|(?:['’]s(?!\s+tariff\s+rates?\b))?\s+(?:(?:own|new|retaliatory|reciprocal|import|counter)\s+)?"
    r"(?:tariffs?|dut(?:y|ies)|lev(?:y|ies)|administration|government|president|officials?)\b"
    # A country named as the country of a person or an office speaks or acts for it: "Japan's
    # trade envoy said", "U.S. negotiators", "the EU's trade chief".
    r"|(?:['’]s)?\s+(?:(?:trade|foreign|finance|commerce|economy|economic|prime|top|chief)\s+){0,2}"
    r"(?:leaders?|ministers?|ministry|envoys?|negotiators?|ambassadors?|spokes(?:man|woman|person)|"
    r"premier|chancellor|representatives?|secretary|cabinet|embassy|chief)\b",
    re.IGNORECASE,
)
# ... and "the leader of the United States", "the Government of Canada": the same, before it.
OFFICIAL_OF_BEFORE = re.compile(
    r"\b(?:leaders?|president|prime\s+minister|ministers?|ministry|government|embassy|"
    r"ambassadors?|envoys?|representatives?|premier|chancellor)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "imported to the US", "imposed by Washington", "exports into America": not the target.
DESTINATION_BEFORE = re.compile(
    r"\b(?:to|into|by|entering|bound\s+for|destined\s+for)\s+(?:the\s+)?$", re.IGNORECASE
)
# A participle that states a deal's terms: "a framework with Kenya, imposing a 12% tariff".
TERMS_PARTICIPLE = re.compile(
    r",\s+(?:imposing|setting|putting|placing|fixing|applying|levying)\b[^,;]*$", re.IGNORECASE
)
# A pronoun taking up the sentence's subject in a later clause: "because they are still".
PRONOUN_BEARER = re.compile(r"\b(?:they|it)\s+(?=(?:[\w-]+\s+){0,3}?(?:fac|subject|pay))")
# A verb right before its rate that says its subject bears it: "will shoulder a 20% tariff",
# "faces a 10% duty", "agreed to pay 15%".
BEARER_VERB_BEFORE = re.compile(
    r"\b(?:fac(?:e|es|ing)|shoulder(?:s|ing)?|pay(?:s|ing)?|accept(?:s|ed|ing)?)\s+"
    r"(?:(?:an?|the)\s+)?(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
# From a rate's goods to a rate coordinated with it: "... on all US exports and a 40% ...".
BEARER_LINK = re.compile(
    r"\s+(?:on|for)\s+(?:[\w.'’$-]+\s+){0,5}?[\w.'’-]+\s*,?\s+(?:and|plus)\s+"
    r"(?:(?:an?|the)\s+)?(?:(?:additional|further|separate)\s+)?"
)
# A subject that imposes: "The US imposed", "Washington then raised".
IMPOSING_NEXT = re.compile(
    r"\s+(?:(?:then|also|has|have|had|later|again|first)\s+)?"
    r"(?:imposed|levied|slapped|raised|hiked|increased|doubled|set|put|placed)\b",
    re.IGNORECASE,
)
# "a 25% tariff on its goods": the goods of a country named before the rate.
POSSESSIVE_GOODS = re.compile(
    r"(?:its|their)\s+(?:[\w-]+\s+)?(?:goods|products|exports|imports|shipments)\b", re.I
)
# The tariff noun after a rate, with the goods it is on: "25% steel tariffs and 10% ...".
GOODS_TARIFF_AFTER = re.compile(
    r"(?:\s+[a-z][\w-]*){0,2}?\s+(?:tariffs?|dut(?:y|ies)|lev(?:y|ies)|taxes)\b"
)
# "US imports from dozens of countries": the country before is the importer, not the target.
IMPORTS_FROM = re.compile(
    r"\s+imports\s+(?:of\s+(?:[\w,-]+\s+){1,8}?)?from\s+(?:the\s+)?", re.IGNORECASE
)
# In a country + rate gap, a demonym needs a trade noun ("Chinese goods"), not "Chinese coercion".
TRADE_NOUN = re.compile(
    r"-(?:made|built|grown|produced|sourced|manufactured|origin)\b"
    r"|\s+(?:[a-z-]+\s+)?(?:goods|products|imports|exports|exporters|shipments|steel|aluminium|"
    r"aluminum|copper|cars|autos|vehicles|lumber|timber|wine|cheese|textiles|garments|"
    r"electronics|semiconductors|chips|solar|panels|pharmaceuticals|drugs|beef|rice|seafood|"
    r"shrimp|coffee|imports|made|manufactured|producers|makers|items|merchandise|cocoa|salmon|"
    r"fish|fertili[sz]ers?|flowers|fruit|grapes|tomatoes|cotton|sugar|soybeans|soya|pork|lamb|"
    r"dairy|milk|furniture|toys|shoes|footwear|apparel|clothing|machinery|parts|tyres|tires|"
    r"trucks|ships|aircraft|planes|whisky|whiskey|spirits|beer|rubber|gloves|minerals|metals|"
    r"nickel|lithium|batteries|appliances|phones|smartphones|computers|plastics|chemicals|"
    r"paper|wood|leather|jewel(?:le)?ry|watches|gold|silver|tea|nuts|almonds|energy|oil|gas|"
    r"potash|coal|automakers|carmakers|steelmakers|manufacturers|growers|farmers)\b"
)
CONJUNCTION = re.compile(
    r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|&)\s+|,?\s+as\s+well\s+as\s+(?:to\s+)?)(?:the\s+)?"
    # "Japan and member countries of the European Union"
    r"(?:member\s+(?:countries|states|nations)\s+of\s+(?:the\s+)?)?$"
)
# The addressees of a letter, which are the targets of the rates it sets: "a letter to Japan",
# "letters addressed to Peru and to Chile", "a letter to Japan, as well as to South Korea".
LETTER_TO = re.compile(
    r"\bletters?\s+(?:(?:addressed|sent)\s+)?to\s+(?:the\s+)?"
    r"(?:(?-i:[A-Z][\w.'’-]*)\s*){0,3}(?:,?\s+(?:as\s+well\s+as|and)\s+(?:to\s+)?(?:the\s+)?)?$",
    re.IGNORECASE,
)
CONJUNCTION_AFTER = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|\s*(?:and|or|&)\s+)(?:the\s+)?")

# --- status --------------------------------------------------------------------------------
# What a piece of wording says about a rate near it: a status of the rubric (DESIGN.md §8);
# "prior" (the rate it is attached to was superseded: "once threatened with", "the previous");
# "none" (wording that looks like a status word but is not one: "outside the trade pact");
# "source" words (an order, a letter, a deal) say where a rate comes from.
CueStatus = Literal["threatened", "imposed", "agreed", "proposed", "prior", "none"]


@dataclass(frozen=True, slots=True)
class Cue:
    """One kind of status wording.

    ``strong`` wording names the act (a letter, an order, a deal, "took effect", "proposed")
    and outweighs ``weak`` wording that only sets a tense ("will face", "faces", "pays"),
    which a document's or a list's own context (an order's rates are imposed even when they
    "will" apply) may overrule. ``source`` wording in a headline or lead sets that context.
    """

    status: CueStatus
    strong: bool
    pattern: str
    source: bool = False
    # A condition ("if talks fail", "depending on") governs the rest of its clause.
    condition: bool = False
    # Where "prior" wording stands from the rate it marks: before it ("the previous 34%"),
    # after it ("the 34% rate was replaced") or either ("had threatened").
    side: Literal["before", "after", "either"] = "before"


_MODAL_RATE_VERB = (
    r"(?:face|pay|rise|reach|hit|go|climb|jump|apply|impose|see|slap|levy|put|raise|double|follow|"
    r"increase|lower|cut|reduce|bring\s+down|be\s+(?:\w+\s+)?(?:taxed|hit|subject|set|charged|levied|imposed|raised))"
)
_DEAL = r"(?:deal|agreement|accord|pact|framework|truce)"
# What a measure is said to threaten when the word is no threat of a tariff: up to three words
# (a determiner, a possessive, adjectives; no tariff word, no preposition), then the thing harmed.
_HARM_MODIFIERS = (
    r"(?:(?!(?:tariffs?|dut(?:y|ies)|lev(?:y|ies)|tax(?:es)?|on|to|with|of|an?|and|or)\b)"
    r"[\w'’-]+\s+){0,3}"
)
_HARMED = (
    r"supply\s+chains?|econom(?:y|ies)|stability|security|sectors?|industr(?:y|ies)|"
    r"trade(?!\s+(?:partners?|war|deals?))|interests|system|jobs|livelihoods?|growth|"
    r"businesses|farmers|workers|relations|markets?|recovery|competitiveness|prosperity|"
    r"exporters|manufacturers|consumers|profits"
)
# Ordered: at one place in the text the first pattern that matches wins, so longer phrases
# come first ("threatened to impose" is one threat, "to be imposed" is not "imposed").
CUES: tuple[Cue, ...] = (
    # superseded earlier rates
    Cue(
        "prior",
        True,
        # "had previously set plans to impose", "had previously also been facing"
        r"had\s+(?:(?:\w+ly|also|already|long)\s+){0,2}(?:been\s+|once\s+)?"
        r"(?:threatened|faced|facing|paying|set|announced|proposed|planned|slated|due|scheduled|"
        r"assigned)(?:\s+(?:with|at|to)|\s+plans?\s+to\s+\w+)?",
        side="either",
    ),
    Cue("prior", True, r"would\s+have\s+(?:faced|paid|been(?:\s+\w+)?)|was\s+to\s+have\s+\w+"),
    Cue("prior", True, r"once\s+(?:threatened|faced|set|slated|paid)(?:\s+(?:with|at))?"),
    Cue(
        "prior",
        True,
        r"(?:previous|prior(?!\s+to\b)|former|original|old|pre-deal)"
        r"|(?:originally|formerly)(?:\s+(?:threatened|set|slated|announced|planned))?"
        r"(?:\s+(?:with|at))?"
        r"|previously(?!\s+announced)(?:\s+(?:threatened|set|slated|planned))?(?:\s+(?:with|at))?",
    ),
    Cue(
        "prior",
        True,
        r"half\s+(?:of\s+)?the|rather\s+than|instead\s+of|"
        r"(?:replac|supersed)(?:e|es|ing)|(?:replaced|superseded)(?!\s+by\b)",
    ),
    # a rate called off: "will not impose the 15% tariff", "scrapped a planned 10% levy"
    Cue(
        "prior",
        True,
        # a rate to be removed: "will remove the 20% tariff", "agreed to eliminate its 10% duty"
        r"(?:will|would|shall|to)\s+(?:\w+ly\s+)?(?:remove|eliminate|scrap|abolish|cancel|lift)|"
        r"(?:will|would|did|does|shall)\s+not\s+(?:now\s+)?(?:impose|levy|apply|charge|"
        r"go\s+ahead\s+with|proceed\s+with)|(?:won't|wont)\s+(?:impose|levy|apply|charge)|"
        r"(?:cancel(?:s|led|ed|ling)?|called\s+off|calls\s+off|scrap(?:s|ped)|shelve[sd]|"
        r"abandon(?:s|ed)|withdr(?:ew|awn|aws)|"
        # a rate removed: "dropped its 25% retaliatory tariffs", "lifted the 10% levy"
        r"drop(?:s|ped)|remov(?:e|es|ed|ing)|eliminat(?:e|es|ed|ing)|lift(?:s|ed)|"
        r"rescind(?:s|ed)|revok(?:es|ed)|"
        r"repeal(?:s|ed)|end(?:s|ed)|rolled\s+back|rolls\s+back)"
        r"(?:\s+(?:the|its|their|his|a|plans?\s+for))?",
    ),
    Cue(
        "prior",
        True,
        r"(?:was|were|been|is|being)\s+(?:replaced|superseded|scrapped)",
        side="after",
    ),
    # a rate that ends for its goods: "will no longer face the 25% tariffs"
    Cue(
        "prior",
        True,
        r"(?:will\s+|would\s+)?no\s+longer\s+(?:face|faces|pay|pays|be\s+subject\s+to|bear)"
        r"(?:\s+the)?",
    ),
    # not a status: goods a deal leaves out, a deal not (yet) made
    Cue(
        "none",
        False,
        r"(?:outside|beyond|not\s+(?:covered\s+by|listed\s+in|included\s+in|part\s+of)|"
        r"exempt(?:ed)?\s+(?:from|under)|excluded\s+from)\s+"
        r"(?:the\s+|its\s+)?(?:\w+\s+)?(?:trade\s+)?"
        + _DEAL
        + r"|(?:(?:will|would|did|does)\s+(?:not\s+)?)?(?:rush\w*|hurr\w+)\s+into\s+"
        r"(?:an?|the)\s+(?:trade\s+)?"
        + _DEAL
        + r"|(?:not|never|yet\s+to|failed\s+to|fails\s+to|near(?:s|ing|er)?|close\s+to|"
        r"closer\s+to)\s+(?:\w+\s+){0,2}?(?:an?\s+|the\s+)?"
        r"(?:trade\s+)?"
        + _DEAL
        # a time before a deal: "before the agreement, its goods faced 36%"
        + r"|(?:before|until|prior\s+to|ahead\s+of|pending)\s+(?:the\s+|a\s+|any\s+)?"
        r"(?:trade\s+)?"
        + _DEAL
        # "deal" and "agree" that make no deal: "hard to deal with", "agreed to negotiate",
        # "pressed them to agree to its demands"
        + r"|(?:to\s+deal|dealt|dealing)\s+with"
        r"|agree[sd]?\s+(?:\w+\s+){0,3}?to\s+(?:negotiate|talk|discuss|hold|resume|continue|"
        r"start|begin|work|meet|consider|review|further)"
        r"(?:\s+(?:on\s+|toward\s+)?(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?" + _DEAL + r"s?)?"
        r"|to\s+agree\s+to(?!\s+(?:an?\s+|the\s+)?\d)"
        # where a rate came from, not an announcement now: "tariffs announced earlier"
        r"|announced\s+(?:earlier|previously|before)|(?:previously|earlier)\s+announced"
        # what a measure harms, not a threat of one: "threatening global supply chains",
        # "threatens the country's textile trade" (not "threatened tariffs", "threatened them")
        r"|threaten(?:s|ed|ing)?\s+" + _HARM_MODIFIERS + r"(?:" + _HARMED + r")(?!\s+with\b)",
    ),
    # an official decision or notice sets the rate of its own clause, even from a later date
    # (not the document's: "decided to impose" in a lead is often sourced talk of what will
    # follow, and "in a separate notice, ... threatened" words its own rates)
    Cue(
        "imposed",
        True,
        r"(?:issue[sd]?|announc\w+|publish\w*|made|took)\s+(?:the|a|its|their)\s+decision|"
        r"decided\s+to\s+(?:impose|levy|apply|add|raise|increase|slap|charge)|"
        # "said in a Federal Register notice that it would impose": the notice sets the rate
        r"(?:in|under|by)\s+(?:an?|the|its)\s+(?:[\w-]+\s+){0,3}?notice",
    ),
    # threatened
    Cue(
        "threatened",
        True,
        r"threaten\w*(?:\s+to\s+(?:impose|slap|levy|raise|hike|put|hit|charge|apply|double))?"
        r"|threats?|ultimatum|warn(?:s|ed|ing)?|vow(?:s|ed)?\s+to\s+\w+"
        # announced plans are a threat, not a proposal
        r"|(?:announc|unveil|confirm|outlin)\w*\s+(?:(?:his|her|its|their|the|a)\s+)?"
        r"(?:new\s+)?plans?\s+(?:to|for)"
        # a government's stated intention to act: "plans to impose", "its intention to levy"
        r"|(?:plans|planning|intends|intending|intention|intent|aims|aiming|is\s+set|are\s+set|"
        r"moves|moving)\s+to\s+(?:impose|slap|levy|raise|hike|put|charge|apply|introduce|"
        r"increase|double|hit)",
    ),
    Cue("threatened", True, r"letters?", source=True),
    Cue(
        "threatened",
        True,
        r"(?:if|unless|without)\b[^.;]{0,40}?\b(?:" + _DEAL + r"s?|talks|negotiations|"
        r"fail\w*|retaliat\w*|refuses?|does\s+not|doesn't|don't|do\s+not|did\s+not|has\s+not|"
        r"have\s+not|not|no|persists?|continues?|still|proceeds?|goes\s+ahead|keeps?)"
        r"|(?:(?:will|would|may|could|might)\s+)?(?:depend(?:s|ed|ing)?|hinge[sd]?|hinging)\s+"
        r"(?:up)?on|(?:conditional|contingent)\s+(?:up)?on",
        condition=True,
    ),
    Cue("threatened", True, r"no\s+" + _DEAL + r"|deadlines?"),
    Cue(
        "threatened",
        True,
        r"(?:postpone[sd]?|paused|delayed|suspended|deferred)|(?:to\s+)?(?:postpone|pause|delay|"
        r"suspend|defer)(?=\s+(?:the|a|its|their|an)\b)|(?:stave[sd]?|staving|put|putting|"
        r"held|hold|holding)\s+off|(?:put|putting|placed|kept)\s+on\s+hold",
    ),
    Cue("threatened", True, r"to\s+be\s+(?:imposed|levied|applied|collected|raised)"),
    Cue(
        "threatened",
        False,
        r"(?:will|would|could|to|plans?\s+to|expected\s+to)\s+sign\s+(?:an?\s+|the\s+)?"
        r"(?:new\s+)?(?:executive\s+)?order",
    ),
    Cue(
        "threatened",
        False,
        r"(?:to\s+reach|reaching|to\s+strike|striking|to\s+secure|securing|to\s+clinch)\s+"
        r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:trade\s+)?" + _DEAL + r"s?|"
        r"(?:hop\w+|seek\w*|sought|push\w*|press\w*|negotiat\w+|talks|work\w*)\s+"
        r"(?:(?:for|on|toward|towards|over|to\s+(?:reach|strike|secure|clinch|sign))\s+)?"
        r"(?:an?|the)\s+(?:trade\s+)?" + _DEAL,
    ),
    Cue(
        "threatened",
        False,
        # (not "due to that surplus", "due to Chinese subsidies": because of; a schedule's
        # "due to" is followed by its verb)
        r"(?:set|due(?!\s+to\s+(?:(?:the|that|this|these|those|its|their|his|her|an?)\b|"
        r"(?-i:[A-Z])))|"
        r"scheduled|poised|slated|expected)\s+to(?:\s+be)?(?:\s+\w+)?",
    ),
    Cue("threatened", False, r"(?:is|are)\s+to\s+(?:face|pay|be)"),
    # an announcement names no instrument: the rate is announced for the future
    Cue("threatened", False, r"announc(?:e|es|ed|ing|ement)|unveil(?:s|ed|ing)?"),
    # "to face" of a headline ("India to face 25% tariff") is its future tense
    Cue("threatened", False, r"to\s+(?:impose|slap|levy|hit|put|charge|apply|raise|hike|face)"),
    # proposed
    Cue(
        "proposed",
        True,
        # a proposed deal is a proposal (before "deal" alone reads as agreed)
        r"(?:propos(?:e|es|ed|ing)|offer(?:s|ed|ing)?|suggest(?:s|ed|ing)?|float(?:s|ed|ing)?)\s+"
        r"(?:an?|the|its|their)\s+(?:[\w-]+\s+){0,3}?(?:" + _DEAL + r"|arrangement|compromise)|"
        r"propos(?:e|es|ed|al|als|ing)|consider(?:s|ed|ing)?|weigh(?:s|ed|ing)?|mull\w*|"
        # "asked about the possibility of imposing a 10% tariff"
        r"possib(?:ility|ilities)\s+of(?:\s+\w+ing)?|"
        r"offer(?:s|ed|ing)?\s+(?:[\w-]+\s+){0,3}?to(?=\s)|"  # "offered to cut its tariffs to 10%"
        r"float(?:s|ed|ing)?|suggest(?:s|ed|ing)?|mooted|contemplat\w+|eyeing|looking\s+at|"
        r"draft|under\s+review|planned|planning|plans?\s+(?:to|for|on)|"
        r"recommend(?:s|ed|ing|ation|ations)?|urg(?:es|ed|ing)",
    ),
    Cue(
        "proposed",
        False,
        r"(?:could|(?-i:may|might))(?:\s+(?:also|still|soon|eventually|even))?\s+"
        + _MODAL_RATE_VERB,
    ),
    # imposed (the "will still" forms before the generic future)
    Cue(
        "imposed",
        True,
        r"(?:will\s+|would\s+)?(?:take|takes|come|comes|go|goes)\s+(?:into\s+)?(?:effect|force)\s+"
        r"(?:today|tonight|immediately|at\s+midnight|this\s+(?:morning|week))"
        r"|with\s+immediate\s+effect|effective\s+immediately",
    ),
    Cue(
        "imposed",
        False,
        r"will\s+(?:still|continue\s+to|remain|stay)\s+(?:be\s+)?\w+|stands?\s+at|assigned|"
        r"effective|"
        r"(?:takes|goes\s+into|comes\s+into)\s+(?:effect|force)|kicks\s+in",
    ),
    Cue(
        "threatened",
        False,
        r"(?:will|would|shall)(?:\s+(?:not|also|likely|now|then|soon|each|therefore|thus|instead|"
        r"again|still|\w+ly))?\s+(?:be\s+)?\w+"
        r"|reprieve",
    ),
    # agreed
    Cue(
        "agreed",
        True,
        r"under\s+(?:the|its|their|a|an|this|that)\s+(?:new\s+|July\s+|latest\s+)?(?:trade\s+)?"
        + _DEAL
        + r"|agree(?:s|d|ing|ment|ments)?|deals?|accords?|framework|pacts?|truce|arrangements?|"
        r"negotiated|settled|secured|clinched|sealed|accept(?:s|ed|ing)?",
        source=True,
    ),
    # imposed
    Cue(
        "imposed",
        True,
        r"(?:executive|presidential)\s+orders?|proclamations?|fact\s+sheets?|annex\b|"
        r"order\s+(?:that\s+)?(?:said|says|sets?|setting|resets?|resetting|lists?|listing|"
        r"raises?|raising|imposes?|imposing|modif\w+|adjust\w*|increas\w+|lower\w*|cut\w*|"
        r"signed|issued|took|takes)|"
        r"under\s+the\s+(?:new\s+)?order|sign(?:s|ed|ing)?\s+(?:an?\s+|the\s+)?(?:new\s+)?order|"
        r"(?:issue[sd]?|publish(?:es|ed)?)\s+(?:an?\s+|the\s+|its\s+)?(?:\w+\s+)?notice|"
        r"notice\s+(?:said|says|sets?|lists?)|"
        # a decree sets a rate, even from a later date
        r"decrees?|issue[sd]?\s+(?:an?|the|its)\s+list|"
        r"signed\s+into\s+law|hereby",
        source=True,
    ),
    Cue(
        "imposed",
        True,
        r"(?<!\bto\s)impos(?:e|es|ed|ing)|levied|slapped|in\s+(?:effect|force|place)|"
        r"took\s+effect|went\s+into\s+effect|came\s+into\s+(?:force|effect)|"
        r"(?:has|have)\s+taken\s+effect|kicked\s+in|enacted|existing|current(?:ly)?|"
        # (not "has already become a protracted battle", "had already warned")
        r"already(?!\s+(?:become|became|begun|began|started|said|told|warned|announced|"
        r"threatened|made|signalled|signaled))|"
        r"(?:still|now)\s+(?:face[sd]?|facing|pays?|paying|carr\w+|subject\s+to)|hit\s+with|"
        r"(?:hit|slapped)\s+(?:[A-Z][\w.'’-]*,?\s+(?:and\s+)?){1,4}with|"
        r"collect(?:s|ed|ing)?|retaliated|implemented|enforced|began\s+(?:implementing|collecting)|"
        r"(?:has|have|just)\s+authori[sz]ed",
    ),
    Cue(
        "imposed",
        False,
        r"face[sd]?|facing|pays?|paid|paying|raised|hiked|added|increased|doubled|remains?|"
        r"remained|carr(?:y|ies|ied)|subject\s+to|sets?|cut|lowered|reduced|slashed|"
        r"(?:was|were|been|is|are)\s+hit|appl(?:y|ies|ied)|charged",
    ),
)
STATUS_CUE = re.compile(
    "|".join(f"(?P<c{i}>\\b(?:{cue.pattern})\\b)" for i, cue in enumerate(CUES)),
    re.IGNORECASE,
)
CUE_OF_GROUP: dict[str, Cue] = {f"c{i}": cue for i, cue in enumerate(CUES)}
# A rate this close to "prior" wording is the superseded one: at most a few words between
# ("had faced a combined 27.5%", "had threatened with tariffs of up to 50%"), or, after it, a
# short relative clause ("the 30% rate Trump had threatened").
PRIOR_GAP_BEFORE = re.compile(
    r"\s*(?:[\w'’-]+\s+){0,3}(?:up\s+to\s+|as\s+(?:much|high)\s+as\s+)?$", re.IGNORECASE
)
PRIOR_GAP_AFTER = re.compile(r"\s*(?:[\w'’-]+\s+){0,4}$")
CLAUSE_BREAK = re.compile(
    r";|\s(?:—|–)\s|,\s*(?:while|whereas|but|although|though)\b|\b(?:while|whereas)\b"
    r"|,\s+and\s+(?=(?-i:[A-Z]))",
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

# A change whose new rate is given in words, right before the rate it changes: "halved the 20%
# rate", "reduce by half the 25 percent tariff", "cut in half its 30% duty", "doubled the 25%".
DERIVED_BEFORE = re.compile(
    r"\b(?P<verb>halv(?:e|es|ed|ing)|(?:cut\w*|reduc\w+|slash\w*)\s+(?:by\s+|in\s+)half|"
    r"doubl(?:e|es|ed|ing)|tripl(?:e|es|ed|ing))"
    r"\s+(?:the|its|their|this|that)\s+(?:[\w-]+\s+){0,2}?$",
    re.IGNORECASE,
)
# "drop the 145% tax imposed last month to 30%": a change of a rate named as its object.
CHANGE_OBJECT_BEFORE = re.compile(
    r"\b(?:cut|lower|reduc|drop|slash|trim|rais|increas|hik|lift|doubl|halv)\w*\s+"
    r"(?:the|its|their|a|an)\s+(?:[a-z][\w-]*\s+)?$",
    re.IGNORECASE,
)
# "a 10% tariff on Peruvian goods due in May will be increased to 15%": the rate before is
# the one a change replaces.
CHANGE_SUBJECT_TO = re.compile(
    r"^[^;:%,]{0,90}?\b(?:will|would|shall|to|was|were|is|are|has|have)\s+(?:be\s+|been\s+|now\s+)?"
    r"(?:increased|raised|hiked|lifted|cut|lowered|reduced|slashed|trimmed|doubled)\s+to\s+$",
    re.IGNORECASE,
)
# "from the current 10% rate on steel to 50%": words between the two rates of a change.
CHANGE_FROM_TO = re.compile(r"^(?:(?!\bfrom\b)[^;:%,]){0,60}?\bto\s+$", re.IGNORECASE)
# "add 25% to the cost of US steel": a rate bound to what it taxes.
ADDED_TO_COST = re.compile(r"\s+to\s+the\s+(?:cost|price|value)\s+of\b", re.IGNORECASE)
CHANGE_OBJECT_TO = re.compile(
    r"^(?:(?!\bfrom\b)[^;:—–()%,]){0,90}?\bto\s+(?:just\s+|only\s+)?$", re.IGNORECASE
)
# "a Trump plan to charge 10%" ... "before factoring in the 20% duties": a rate added to the
# one before it, for the same countries.
ADDITIVE_BEFORE = re.compile(
    r"\b(?:on\s+top\s+of|in\s+addition\s+to|factoring\s+in|counting|besides|over\s+and\s+above)"
    r"\s+(?:(?:the|an?|its|their)\s+)?(?:(?:existing|earlier|current|separate)\s+)?$",
    re.IGNORECASE,
)
# Modal wording whose status is that of the act framing it ("proposes a deal where ... would").
HYPOTHETICAL = re.compile(r"(?:would|could)\b", re.IGNORECASE)
# "tariffs on Mexico and Canada have been postponed": those countries' rates are threatened.
POSTPONED = re.compile(
    # (not a hope: "a deal that could stave off the harsher rate")
    r"(?<!\bcould\s)(?<!\bwould\s)(?<!\bmay\s)(?<!\bmight\s)(?<!\bcan\s)"
    r"\b(?:postpone[sd]?|postponements?|paused|pauses|delayed|suspended|deferred|"
    r"(?:the\s+)?pause\s+button|(?:\d+-day\s+)?pause\s+(?:on|of)|"
    r"(?:stave[sd]?|staving|put(?:s|ting)?|hold(?:s|ing)?|held|push(?:es|ed|ing)?)\s+(?:\w+\s+)?"
    r"(?:off|back)|(?:put|placed|kept)\s+on\s+hold|reprieve)\b",
    re.I,
)
# What a suspension may take away instead of a tariff: "suspended the US' preferential tariff
# treatment" postpones no tariff on the US.
BENEFIT = re.compile(
    r"\b(?:preferen\w+|exemptions?|exclusions?|waivers?|privileges?|concessions?|quotas?)\b",
    re.IGNORECASE,
)
# From a rate to a relative clause about it: "50% hike, which he", "25% tariff that Ottawa".
OWN_RELATIVE = re.compile(
    r"\s*(?:[\w-]+\s+){0,4}?[\w-]+,?\s+(?:which|that)\s+"
    r"(?:(?:he|she|it|they|[A-Z][\w'’-]*)\s+)?(?:(?:has|have|had|was|were|is|are)\s+)?"
)
# "threatens" with an object that is harmed ("The move threatens Lesotho's textile trade"),
# not a threat to impose something.
THREATENS_OBJECT = re.compile(
    r"\bthreaten(?:s|ed|ing)?\s+(?!to\b|with\b)(?:the\s+|its\s+|their\s+)?[\w'’-]+", re.I
)
# Wording that a rate stays as it is while another is put off: "the current structure, where
# goods are taxed at 25%", "would continue to face a 25% tariff".
STAYS_IN_FORCE = re.compile(
    r"\b(?:current(?:ly)?|existing|remains?|remained|continues?\s+to|stays?)\b", re.I
)
# Wording that a rate is in force whatever was postponed.
IN_FORCE = re.compile(
    r"\b(?:took\s+effect|went\s+into\s+effect|came\s+into\s+(?:force|effect)|in\s+force|"
    r"in\s+place|collected|kicked\s+in|(?:take|takes|come|comes|go|goes)\s+(?:into\s+)?"
    r"(?:effect|force)\s+immediately|with\s+immediate\s+effect|effective\s+immediately)\b",
    re.IGNORECASE,
)
# An order whose act is to put rates off: "issued an executive order extending the July 9
# deadline", "signed an order delaying the tariffs". The rates it defers are still a threat.
ORDER_DEFERS = re.compile(
    r"\s*(?:that\s+|which\s+|to\s+)?(?:extend\w*|delay\w*|postpon\w+|paus\w+|suspend\w*|"
    r"push\w*\s+back|defer\w*)\b[^.;:]{0,40}?\b(?:deadlines?|pause|date|suspension|"
    r"start|tariffs?|duties|rates?)\b",
    re.IGNORECASE,
)
# A headline or lead saying the story's measure is in force now: "India's tariffs on US goods
# come into effect", "duties took effect today" (not "will come into effect", "set to take").
LEAD_IN_FORCE = re.compile(
    r"(?<!\bwill\s)(?<!\bto\s)(?<!\bwould\s)(?<!\bcould\s)"
    r"\b(?:comes?|came|go|goes|went)\s+into\s+(?:force|effect)\b|"
    r"\b(?:took\s+effect|takes?\s+effect\s+(?:today|now)|(?:are|is)\s+now\s+in\s+force|kicked\s+in)\b",
    re.IGNORECASE,
)
# A lead that reports an announcement ("Trump revealed a chart of new tariffs", "unveiled
# reciprocal rates"): with no instrument and nothing in force named there, its rates are
# announced for the future, whatever tense the chart's prose uses ("Fiji faces a 32% rate").
LEAD_ANNOUNCES = re.compile(
    r"\b(?:announc(?:es|ed|ing)|unveil(?:s|ed|ing)|reveal(?:s|ed|ing))\b", re.IGNORECASE
)
# Present-tense wording of a country bearing a rate: "Oman faces 10%", "Qatar sees a 10% tariff",
# "Lesotho is hit with 50%", "Algeria stands out with a 30% rate".
BEARS_NOW = re.compile(
    r"\b(?:faces?|facing|sees?|(?:is|are)\s+hit\s+with|stands?\s+out\s+with|gets?)\b",
    re.IGNORECASE,
)
# "from the current 10% rate to 50%": the earlier rate of a change, said to be in force now.
CURRENT_BEFORE = re.compile(r"\b(?:current|existing|present|prevailing)\s+$", re.IGNORECASE)
# "... to 5% from the current 40%": wording that says which rate is in force, right before
# that rate; it is the old rate's, never the new one's.
CURRENT_OF_RATE = re.compile(r"(?:current|existing|present|prevailing)\s+(?=\d)", re.IGNORECASE)
# A change only possible ("its levy could climb to 40% from 15%", "may lift the duty from
# 10 to 25 percent"): its old rate is not superseded, it stays in force. ("would" is left out:
# it is also the future of reported speech, "said it would raise tariffs from 84% to 125%",
# where the gold reads the old rate as superseded.)
POSSIBLE_CHANGE = re.compile(r"\b(?:could|may|might)\b(?!\s+not\b)", re.IGNORECASE)
# "32% on Indonesia and 20% on the Philippines": the words between two rates of one list, each
# with its own country, which share their wording.
PARALLEL_LINK = re.compile(
    r"\s+(?:on|for|against)\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
    r"\s*(?:,\s*)?(?:and|or)\s+(?:(?:a|an|the)\s+)?"
)
# "5% or 10% tariffs", "10%, 20% and 25%": rates in one list, sharing their wording and target.
COORDINATED = re.compile(r"\s*(?:,\s*(?:or\s+|and\s+)?|\s(?:or|and)\s+)(?:either\s+)?")
# A deal and maybe its partner: "the pact with Peru", "agreements with the United Kingdom".
_DEAL_WITH = (
    r"(?:deals?|agreements?|accords?|pacts?)"
    r"(?:\s+with\s+(?:the\s+)?(?-i:[A-Z])[\w.'’-]*(?:\s+(?-i:[A-Z])[\w.'’-]*)?)?"
)
# A deal as the subject that sets the rate: "Both pacts set a 12% tariff", "The deal sets
# a 15% rate": the rate is the deal's (agreed), whatever the verb.
DEAL_SUBJECT = re.compile(
    r"\W*(?:(?:both|the|these|those|this|that|its|their|each)\s+)?(?:[\w-]+\s+){0,2}?"
    + _DEAL_WITH
    # then maybe an aside: "The pact with Peru, signed on Monday, imposes ..."
    + r"(?:\s*,[^,;]{1,60},)?\s+(?:will\s+|would\s+)?"
    r"(?:impose|set|apply|levy|fix|establish)\w*\b",
    re.IGNORECASE,
)
# "a trade deal imposing a 12% tariff on ...", "the pact, which sets a 15% rate": a deal whose
# own verb sets the rate, right before it.
DEAL_SETS_BEFORE = re.compile(
    r"\b" + _DEAL_WITH + r"\s*,?\s+(?:(?:that|which)\s+)?(?:will\s+)?"
    r"(?:impos(?:e|es|ing)|set(?:s|ting)?|establish(?:es|ing)?|fix(?:es|ing)?)\s+"
    r"(?:(?:an?|the)\s+)?(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
# A deal the measure endangers is not the measure's deal: "a tariff that could derail the
# trade deal", "a step that may jeopardize the pending pact".
DEAL_HARMED_BEFORE = re.compile(
    r"\b(?:compromis|derail|jeopardi[sz]|endanger|imperil|undermin|upend|scuttl|torpedo|"
    r"unravel|wreck|threaten)\w*\s+(?:(?:an?|the|its|their|this|that)\s+)?(?:[\w-]+\s+){0,3}?$",
    re.IGNORECASE,
)
# A sentence saying an order was signed: the story's later rates are imposed.
SIGNED_ORDER = re.compile(
    r"\b(?:signed|issued)\s+(?:(?:an?|the|two|three|several|his)\s+)?(?:\w+\s+)?"
    r"(?:executive\s+)?(?:orders?|proclamations?)\b|\b(?:order|proclamation)\s+was\s+signed\b",
    re.IGNORECASE,
)
# "..., taking the total to 50 percent": a rate that sums up the ones before it in the sentence.
TOTAL_BEFORE = re.compile(
    r"\b(?:total|combined|cumulative|overall|all\s+told|altogether|bringing|brings|taking|"
    r"takes|lifting|lifts|pushing|pushes)\b"
    r"(?:[^,;]{0,40}|[^,;]{0,90}\bto\s+(?:about\s+|nearly\s+|around\s+|some\s+)?)$",
    re.IGNORECASE,
)
# The same tariff's later step, after its countries: "10% on Chile and Peru from May, rising to
# 25% in June".
RISING_TO_BEFORE = re.compile(
    r"(?:^|,)\s*(?:and\s+)?(?:then\s+)?(?:rising|climbing|increasing|going\s+up|escalating)\s+"
    r"(?:further\s+)?to\s+$",
    re.IGNORECASE,
)
# "..., up from 10%", "cut to 20% from 32%", "down from the 32% rate threatened in a letter":
# the rate before it in the sentence replaced this one, for the same target.
FROM_BEFORE = re.compile(
    r"\b(?:down|up|lowered|reduced|cut|raised|increased|lifted|trimmed)?\s*from\s+"
    r"(?:(?:the|an?|its|their)\s+)?(?:(?:previous|earlier|original|initial|threatened|"
    r"announced|current|existing|prevailing|present)\s+)?"
    # "from previous levels of at least 145%", "from a rate of up to 50%"
    r"(?:(?:levels?|rates?|tariffs?|duties|highs?)\s+(?:of\s+)?)?(?:" + _QUALIFIER + r")?$",
    re.IGNORECASE,
)
# A subject whose goods the words just before the rate refer back to ("... that cuts the tariff
# on its goods from 36% to 19%") may stand this many words further from it.
ITS_BEFORE = re.compile(r"\b(?:its|their)\s[^,;]{0,40}$")
ITS_EXTRA_WORDS = 10
# What may come before a country that opens its sentence: a list marker, "The".
# ("Other US imports, from ketchup to pizza, will face": a determiner of the goods)
OPENING = re.compile(r"[\W\d]*(?:(?:The|Other|Some|Most|All|Many|Several|Certain)\s+)?")
# The subject exports what the rate taxes: "The UK can export 100,000 cars to the US at 10%".
EXPORTS = re.compile(r"\bexport(?:s|ed|ing)?\b", re.IGNORECASE)
# From a country's sellers to their rate: "... car companies to sell up to 100,000 vehicles a
# year into the US based on a 10% tariff" (its makers, then their sales to a destination).
SELLER_GAP = re.compile(
    r"\s+(?:[a-z-]+\s+)?(?:companies|firms|makers|manufacturers|producers|exporters|"
    r"carmakers|automakers|farmers|growers)\s+(?:(?:can|could|will|may|to)\s+)?"
    r"(?:sell|export|ship)\b[^;]*?\b(?:to|into)\s+(?:the\s+)?\S+[^;]*$",
    re.IGNORECASE,
)
# "Norway, outside the EU, faces 15 percent": a country after these is not the one meant.
NOT_TARGET_BEFORE = re.compile(
    r"\b(?:outside|unlike|than|besides|except|beyond|behind|ahead\s+of|rather\s+than|"
    # "nations trading with Cuba face 30%": the partner of the ones taxed;
    # "Peru is to pay the US 20% on its copper": the payee
    # "countries with a trade surplus with the US": a partner in a trade statistic
    r"business\s+with|trad(?:e|es|ed|ing)\s+with|pay(?:s|ing)?|"
    r"(?:surplus(?:es)?|deficits?|imbalances?)\s+with)\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
# "U.S. content", "non-US content": a share of a good's value, not whose goods they are.
CONTENT_AFTER = re.compile(r"\s+content\b", re.IGNORECASE)
# A country that speaks for itself: "..., China's Ministry of Commerce said", "the U.S.T.R. said".
SPEAKER_AFTER = re.compile(
    r"\S*(?:['’]s)?\s+(?:(?:(?-i:[A-Z][\w.&-]*)|of|for)\s+){0,5}?"
    r"(?:said|says|told|reported|announced)\b",
    re.IGNORECASE,
)
# Where a country is a place or a partner, not whose goods: "made in the U.S.", "coming to the
# United States", "bought by the United States", "nations trading with Iran"; or a group it
# stands in ("European nations").
PLACE_BEFORE = re.compile(
    r"\b(?:in|at|near|outside|inside|within|across|to|into|by|with)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# A subordinate clause after a rate, with a subject of its own: "cuts tariffs to 18% as Modi
# commits to halting Russian oil purchases".
SUBORDINATE = re.compile(r"\b(?:as|because|since|after|before|when|if|unless|until)\s+(?-i:[A-Z])")
GROUP_AFTER = re.compile(r"\s+(?:nations|countries|states|members|partners|economies)\b", re.I)
LOCATION_BEFORE = re.compile(r"\b(?:in|at|near|outside|from|to|via)\s+$", re.IGNORECASE)
# "Israel's rate falls to 15 percent" in a tariff sentence: "rate" means the tariff rate,
# unless it is some other kind of rate.
BOUND_RATE_BEFORE = re.compile(
    r"\brates?\b[^,;:()]{0,25}?\b(?:of|at|to|is|was|were|are|be|stands at|set at)"
    r"(?:\s+either)?\s*$",
    re.IGNORECASE,
)
# "The rate for Japan is higher than the 24 percent announced in April": a rate compared with
# the one it replaces (a tariff word before, so the rate is tied to it).
COMPARED_BEFORE = re.compile(
    r"\b(?:rates?|tariffs?|dut(?:y|ies)|lev(?:y|ies))\b[^,;:()%]{0,40}?"
    r"\b(?:higher|lower|steeper|more|less|above|below)\s+than\s+(?:the\s+|its\s+|their\s+)?$",
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
# Between goods and the country whose verb taxes them: "on Thai rice that Washington raised".
GOODS_OBJECT_GAP = re.compile(r"\s+(?:that|which)?\s*(?:the\s+)?", re.IGNORECASE)
# An aside between dashes or brackets: "Canadian goods—also subject to other duties—could face".
DASH_ASIDE = re.compile(r"(?:—|–|\s-\s)[^—–;]{1,160}?(?:—|–|\s-\s)|\([^()]{1,160}\)")
# "Canadian energy, which would be subject to a lower 10% tariff": a relative clause that
# runs to the rate; only its words count towards the gap.
OPEN_RELATIVE = re.compile(r"^\s*(?:[\w'’-]+\s+){0,3}?[\w'’-]*,\s*(?:which|who)\s+")

# --- lists, tables and documents -----------------------------------------------------------
# A line that opens a list of rates: "The order sets the following rates:", "New rates:".
LIST_INTRO = re.compile(
    r"(?:\b(?:rates?|tariffs?|dut(?:y|ies)|levies|following|below|schedule|annex)\b[^.]*:\s*$)"
    r"|\b(?:the\s+following|as\s+follows|listed\s+below)\b",
    re.IGNORECASE,
)
# A short line that opens a list of any kind: "Here are the headlines:", "Key points:".
SHORT_INTRO = re.compile(r"\W*(?:[\w'’-]+\s+){0,5}[\w'’-]+\s*:")
# A list item or a short "Country — rate" / "Country: rate" line.
LIST_ITEM = re.compile(r"\s*(?:[-*•·▪–—]\s|\d{1,3}[.)]\s|\|)")
SHORT_LINE_WORDS = 10
TABLE_SEPARATOR = re.compile(r"\|?\s*:?-{2,}")
TABLE_TARIFF_HEADER = re.compile(r"\b(?:rates?|tariffs?|dut(?:y|ies)|levy|levies)\b", re.I)
TABLE_OTHER_HEADER = re.compile(r"\b(?:GDP|growth|share|inflation|exports|imports|trade)\b", re.I)
# A column head that says its rates are no longer current ("Previous rate", "April rate").
TABLE_PRIOR_HEADER = re.compile(
    r"\b(?:previous|prior|old|former|original|initial|before|earlier|was|"
    r"April|Liberation\s+Day|threatened|letter)\b",
    re.IGNORECASE,
)
TABLE_CURRENT_HEADER = re.compile(r"\b(?:new|current|final|now|effective|revised)\b", re.I)

# --- the EU ----------------------------------------------------------------------------------
_EU_CODES = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE"
EU_MEMBERS = frozenset(_EU_CODES.split())
# Blocs "the bloc" may refer to; "the bloc" is the EU only when the EU was the last named.
BLOC_NAME = re.compile(
    r"\b(?:(?P<eu>EU|E\.U\.|European\s+Union|European\s+Commission|Brussels)|ASEAN|Mercosur|"
    r"BRICS|African\s+Union|EFTA|Gulf\s+Cooperation\s+Council|GCC|CARICOM|OPEC\+?|"
    r"Eurasian\s+Economic\s+Union|USMCA|NAFTA)\b"
)
# Member states listed as part of the EU ("the EU, including Germany and Italy,"): the rate
# is the EU's.
MEMBER_ASIDE = re.compile(
    r"\b(?:including|such\s+as|like|notably|especially|particularly|in\s+particular|"
    r"among\s+them|members?|member\s+states?|countries|nations|economies)\b[^;.]*$",
    re.IGNORECASE,
)
