"""What the text around a match says, asked by several readers: character classes (CJK,
emoji, a number), where a sentence ends, calendar names, and the words before or after a
number that decide how it is read (an article, "the", a year's preposition, a noun it
describes, an open quote). Shared here so that no reader depends on another's module for
them.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable


NUM = r"(?<![\d.,])\d+(?:,\d{3})*(?:\.\d+)?"  # starts a digit run: linear-time matching
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"


def spaced(words: str) -> str:
    return f" {words} "


TIME_ZONES = "ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|UTC|GMT|BST|CET|CEST|IST|JST|AEST"
SENTENCE_END_AHEAD = re.compile(rf"\s*$|\s+(?!(?:{TIME_ZONES})\b)"
                                r"(?:[A-Z\"']|\((?![a-z\d~$€£¥₹]))|\s+\d{1,3}[.)][ \t]")
"""A capital or a parenthesis after a period: the sentence ends ("3 p.m. EST" goes on, as a
parenthesis of a lowercase word or an amount does: "Phila. (as of 2020)", the segmenter's); so
does a list's next number ("at 8 AM.⏎3. Add": was "eight A M three")."""
_TEXT_END_AHEAD = re.compile(r"\s*$")
_TIME_END_AHEAD = re.compile(rf"\s*$|\s+\d{{1,3}}[.)][ \t]"
                             rf"|\s+(?!(?:{TIME_ZONES}|Eastern|Central|Mountain|Pacific|"
                             r"Atlantic|Alaska|Hawaii)\b|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)"
                             r"day\b(?!\s?[-–]|\s+to\b))[A-Z\"'(]")  # fmt: skip
"""After a.m. or p.m., a time zone's name goes on with the sentence: "9 a.m. Eastern", and so
does a weekday's written out, "9:00 a.m. Tuesday in" (as the segmenter cuts: was "A M.
Tuesday"); a weekday's short name, or one before a dash, may start the next item of a list of
hours: "9 a.m. - 5 p.m. Sat.-Sun. 10-2" (read "Saturday to Sunday" by then)."""


def keeps_period(m: re.Match[str], before_capital: bool = True) -> str:
    """A period swallowed by a rule is kept when it also ends the sentence: at the end of
    the text or, when ``before_capital``, before a capitalised word."""
    pattern = SENTENCE_END_AHEAD if before_capital else _TEXT_END_AHEAD
    if before_capital and m.group(0).rstrip().endswith(("a.m.", "p.m.", "A.M.", "P.M.")):
        pattern = _TIME_END_AHEAD
    ends = pattern.match(m.string, m.end()) is not None
    return "." if ends and m.group(0).rstrip().endswith(".") else ""


def alternation(words: Iterable[str]) -> str:
    """A regex alternation that tries longer words first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
WEEKDAY_NAMES = {d: d for d in WEEKDAYS} | {d[:3]: d for d in WEEKDAYS} | {
    "Tues": "Tuesday", "Thur": "Thursday", "Thurs": "Thursday"}  # fmt: skip
MONTHS = ("January February March April May June July August September October November "
          "December").split()  # fmt: skip
MONTH_ABBR = {m[:3]: m for m in MONTHS} | {"Sept": "September"}
MONTH_STEMS = tuple(m[:3] for m in MONTHS)
"""What every name of a month holds, written out or short ("Sept" too): a rule's ``needs``."""
CALENDAR_NAMES = frozenset([*WEEKDAY_NAMES, *MONTHS, *MONTH_ABBR])
"""Weekdays and months, written out or short, as written ("Monday", "Tues", "Sept"): after
"5 p.m." such a word goes on with the time (the segmenter asks)."""
MONTH = f"{'|'.join(MONTHS)}|{alternation(MONTH_ABBR)}"


ARTICLE_BEFORE = re.compile(r"(?:^|(?<=\W))[Aa]n? $")


def after_article(m: re.Match[str]) -> bool:
    """Whether "a " or "an " comes right before the match."""
    return ARTICLE_BEFORE.search(m.string, max(0, m.start() - 4), m.start()) is not None


RANGE_BEFORE = re.compile(r"(?<![\w.,])\d{1,4}(?:\.\d{1,2})? (?:to|or) $")
"""A range's first number before the unit's (``4-6h`` is "4 to 6h" when units are read), or
the first of two weights offered (``24/16 kg`` is "24 or 16 kg")."""


THE_OR_COUNT_BEFORE = re.compile(r"(?:^|(?<=\W))(?:[Tt]he|(?i:one|two|three|four|five|six|seven|"
                                 r"eight|nine|ten|twelve|these|those|this|that|both|several|each|every)|"
                                 r"[Mm]y|[Yy]our|[Oo]ur|[Tt]heir|[Hh]is|[Hh]er|[Ii]ts)\s{1,3}$")  # fmt: skip
"""Words before a number and its unit that make them describe the noun after: the, a count
(``Two 500 ml bottles``), a demonstrative or a possessive (``your 2 TB drive``, ``This 20,000
mAh power bank``)."""
NOUN_AFTER_UNIT = re.compile(r"[ \t](?!(?:of|and|or|to|in|on|at|by|for|from|with|per|than|is|"
                             r"are|was|were|that|which|you|we|they|it|each|more|less|ago|away|"
                             r"long|old|apart|later|earlier|before|after|once|until|unless|since|"
                             r"then|so|but|if|when|while|because|as|during)\b)"
                             r"(?:[a-z]|[A-Z](?=[\w-]))")  # fmt: skip


def describes_the_noun_after(m: re.Match[str]) -> bool:
    """After "the" or a count, a number and its unit before a noun describe it, as after "a":
    the 10MB limit (ten megabyte), two 500 mg tablets, 2x 16GB sticks (two sixteen gigabyte);
    not "250 g flour" (grams of flour), where nothing comes before the number."""
    return (THE_OR_COUNT_BEFORE.search(m.string, max(0, m.start() - 12), m.start()) is not None
            and NOUN_AFTER_UNIT.match(m.string, m.end()) is not None
            and VERB_AFTER.match(m.string, m.end()) is None)


VERBS_IN_S = ("is|was|has|does|goes|means|makes|lasts|remains|seems|gets|costs|takes|works|"
              "needs|uses|holds|fits|equals|adds|comes|stays|helps|covers|gives|keeps|saves|sits|"
              "weighs|contains|requires|includes|allows|leaves|feels|looks|sounds|matters|becomes|"
              "buys|pays|says|shows|runs|reads|starts|ends|stops|drops|rises|falls|grows|beats|"
              "should|will|would|can|could|may|might|must")  # fmt: skip
VERB_AFTER = re.compile(rf"[ \t](?:{VERBS_IN_S})\b")
"""A verb after a number and its unit: they are its subject, no noun's size ("the 8 GB
remains free": gigabytes)."""


SCORE_BEFORE = re.compile(r"\b(?:scored?|scores|scoring|rated?|rates|rating|grade[ds]?"
                          r"|(?:gave|give|gives) it)"
                          r"(?:\s+(?:of|at|an?|it))?:?\s+\(?$", re.I)  # Rating: (4/5)  # fmt: skip
YEAR_BEFORE = re.compile(r"\b(?:in|since|by|from|until|till|to|before|after|during|circa|of|"
                         r"year|fiscal|FY|Q[1-4]|H[12]|spring|summer|autumn|fall|winter)\s+$",
                         re.I)  # fmt: skip


THE_BEFORE = re.compile(r"(?:^|(?<=\W))[Tt]he $")


_YEAR_APOSTROPHE = re.compile(r"'\d\d(?:s|\b)")


def quote_open_before(text: str, i: int, quote: str = '"') -> bool:
    """Whether a ``quote`` opened (after a space or bracket; a double quote after a comma,
    ``=`` or colon too, as a formula's or JSON's string: ``=COUNTIF(A1:A10,">100")``) in the 300 characters
    before ``i`` is still open; a quote right after a digit opens nothing, nor does the
    apostrophe of a year ('90s)."""
    opened = False
    start = max(0, i - 300)
    for k in range(start, i):
        if text[k] != quote or (quote == "'" and _YEAR_APOSTROPHE.match(text, k)):
            continue
        before = text[k - 1] if k else " "
        if opened and not before.isspace():
            opened = False
        elif before.isspace() or before in "([" or quote == '"' and before in "{,=:":
            opened = True
    return opened


EQUATION_BEFORE = re.compile(r"=[^\n=,;:.!?]*$")
"""An equation's sign before the slash, in the same clause: ``BMI = weight / height``."""


CJK_CHAR = re.compile(f"[{CJK}]")
"""One Chinese, Japanese or Korean character (the segmenter weighs them too)."""
CJK_WEIGHT = 3
"""A Chinese, Japanese or Korean character (a syllable, about a word) weighs this many Latin
letters: in segment lengths, and when deciding whether text is mostly CJK."""
LATIN_LETTER = re.compile(r"[A-Za-z]")


@functools.lru_cache(maxsize=64)
def _hits(words: re.Pattern[str], text: str) -> tuple[list[int], list[int]]:
    """Where ``words`` match in ``text`` (starts, ends): one scan per pattern and text, kept
    while a rule's matches ask about it."""
    starts, ends = [], []
    for hit in words.finditer(text):
        starts.append(hit.start())
        ends.append(hit.end())
    return starts, ends


def occurs_near(words: re.Pattern[str], m: re.Match[str], before: int, after: int) -> bool:
    """``words`` occur from ``before`` characters before ``m`` to ``after`` after it. The text
    is scanned once and the answer looked up, so a text of many matches costs one scan, not a
    search of the window per match ("1 K " * 5000 took 0.55 s, 5,000 window searches)."""
    starts, ends = _hits(words, m.string)
    i = bisect.bisect_left(starts, m.start() - before)
    return i < len(starts) and ends[i] <= m.end() + after
