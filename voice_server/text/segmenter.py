"""Incremental segmentation: text deltas in, speakable segments out.

Theory of operation
-------------------
An LLM's output arrives as arbitrary deltas: a delta may end inside a word, a number
(``"3."`` then ``"5"``), an abbreviation (``"Dr"`` then ``". Smith"``), a URL, or a run of
spaces, and no delta promises a trailing space. ``Segmenter.push`` appends the delta to a buffer
and returns the segments that are now certain; ``flush`` returns the rest.

A *boundary* is a place the text may be cut:

- **sentence**: ``. ! ? …`` (and runs of them, with closing quotes or brackets, or Markdown's
  emphasis marks ``*`` ``_``: "**Update the driver.** Open", then a footnote's mark,
  "residents.¹ The", "2023.[1] Light", then any emoji glued to them: "Amazing.🙂 Thanks")
  followed by whitespace;
  Chinese/Japanese ``。！？`` (with the closers and emoji after them: "（注：仅供参考。）",
  "好的！😊"; and a ``“`` typed for ``”``, closing a ``“`` open on its line: "他说：“你好！“");
  a line break. Emoji after the spaces that follow a sentence's end, on its line,
  end with it: "Great question! 😊" | "Let me explain", "好的！ 😊" | "我们".
- **clause**: ``, ; :`` followed (after such closers: "**Note:** This") by whitespace (not
  the comma between a date's day, or days, and its year, "July 20, 1969", "June 12-14,
  2025", a weekday and its month, "Monday, March 3", a month and its year, "3 March, 2025";
  not an address's, after a street after a house number or after a suite's number before a
  capital, "12 Main St, Springfield", "Unit 5, Austin", or after a city's name before its
  state or country, "Springfield, IL", "Albany, New York", "Paris, France"; not a comma
  before a closing quote,
  whose speaker follows: '"Great question," said Dr. Lee'); ``— –`` (not between digits, nor
  at a line's start, a bullet's; an en dash spaced on one side or both is where a comma
  would be, so not between a range's ends: "10 – 15", "Monday –Friday", "2019 – present");
  ``，、；：``. A colon before digits is none: the label before it says how to read them
  (``验证码：385921`` digit by digit). No clause mark is one inside a parenthesis whose ``)``
  has not come ("a tuple (status, payload)", "(Smith et al., 2021)"), or a ``{``, spaced or
  not, whose ``}`` has not come (an inline JSON object: ``{"status": "ok", "count": 3}``), on
  its line and within ``HOLD_SENTENCE_MAX`` characters of the opener (one that never closes
  holds no longer).

An ASCII mark between two CJK characters is one as if spaced ("会议,地点", "会议室!请"): LLMs
write Chinese with them too.

Nothing but a line break is a boundary inside a Markdown link's text (``[a, b](url)``: cut
there, the address would be read), inline math (``$x = 3, y = 4$``: cut there, "4$" would be
read "four dollars") or inline code (`` `git commit -m "fix: typo. Again"` ``), on the line of
its opening and within ``LINK_TEXT_MAX`` characters of it; but further than
``HOLD_SENTENCE_MAX`` from it a sentence's end before a capital is one again, since an LLM's
backtick or bracket often never closes ("Run `npm install. Then start the server. ...").
Inside a fenced code block (from a line that starts, after its indent, with ``` or ``~~~`` to
the next such line, or to a flush) nothing but a line break is a boundary: prose rules would
cut code ("print('Done." | "Next')"). Over each cut the segmenter carries whether its buffer
now starts inside one, counting the fences in the text cut off.

A period is *not* a sentence end when the word before it is a known abbreviation (Dr., Mr., St.,
e.g., vs., No. ...; see ``normalize.abbreviations.NON_FINAL_ABBREVIATIONS``; a journal's,
``JOURNAL_WORDS``: "N. Engl. J. Med. 357"; "No." only after an
identifier's word or before a number or a word with a digit, "No. 5", "Patent No. US7654321",
not "No. That is wrong"), a single letter or dotted initials (J., U.S., "J. I. Smith"'s I.; not
a one-letter unit after a number: "8,848 m. It", unless it is a direction's letter before a
street's name and type: "500 W. Madison St."; and not, when capitalised and no title's, before a
word that begins sentences and no name, whole: "in the U.S. It is", "D.C. The", "Downing St.
It's", "the U.K. Call us", ``_FIRST_WORDS``; not after ``_TITLES_BEFORE_A_NAME``, "E.g.", nor
"Dr. He", nor an option's letter at a line's start or after a colon, "A. The nucleus"), or a
list's number (``1.`` at the start of a line, after its Markdown marks too, "### 1.", "- 1.",
after a sentence's end (not a period that goes on before a number: "Nov. 6. The") or a colon,
"Do it: 1. Open the app. 2. Tap", right after a Chinese one, which takes no space, "如下：1. 下载",
or after the item numbered one less, if that number numbers one, "1. Restart the app 2. Clear
the cache", not "in step 1. Then step 2. After"; a "1." after a word no value's number follows
("it", "this", ..., ``_LIST_LEADS``) whose item's sentence is followed by "2." numbers a list
whose colon was left out, and the cut is before the "1": "To fix it" | "1. Open the file. 2.
Save it"); nor before a number after a road, a weekday, a company, a bound ("max. 1,200", "Min.
8") or a unit after a number ("Hwy. 101", "Mon.-Fri. 9-5",
``normalize.abbreviations.NON_FINAL_BEFORE_NUMBER``, "5 ft. 11 in."), nor after a street's type
before the rest of the address ("Oak Ave. Suite 200"), nor after a company's suffix before a
word that goes on with its name ("Acme Corp. HQ is",
``normalize.abbreviations.COMPANY_GOES_ON``), nor inside a legal citation ("Cal. Civ. Code §
1950.5", "Code Civ. Proc. § 430.10", "(9th Cir. 1997)": a state's abbreviation before its code's
name, ``normalize.abbreviations.CODE_AFTER_STATE``); and before a lowercase word (or a
parenthesis that opens with one or a digit: "et al. (2021)") ("... etc. and so on", "2 lbs. of
flour") a period ends nothing after a unit after a number ("150+ min. of", "a 3-min. walk", "a
9-in. pan", "$9.99/mo. for"), after a month's short name ("mid-Nov. (fall colors)"), after a
word without a vowel ("tbsp.", "Ph.D.") or after an abbreviation that goes on
(``GOES_ON_BEFORE_LOWERCASE``: "et al. found"; "no." after an identifier's word: "reference no.
is"; a place's, "Phila. (as of 2020) had"), and a mark followed by a closing quote or bracket
ends nothing (``"Why?" she asked``; so does one before up to two capitalised words and a verb
of saying, '"Why?" Maria asked', unless a comma or colon and a quote follow the verb, the next
quote's speaker: 'I said, "Maybe"', ``_speaker_after_quote``; and a Chinese quote closed after
``。！？`` before up to four characters and a verb of saying that ends the phrase, "“太好了！”
她说。", not "我问她为什么", ``_speaker_follows``).
Otherwise a sentence mark before a lowercase word still ends a sentence: chat-style text is
often all lowercase ("sure. i can help. what is it?"), and without that it would have no
boundary but line breaks, so no early audio and cuts only at the maximum length, mid-sentence.
An ellipsis before a lowercase word is a pause, a clause boundary ("well... i guess"). And
"a.m." or "p.m." after a time is no initials: before a capitalised word it ends a sentence
("at 5 p.m. Please arrive"), unless the word is a time zone, a weekday or a month ("5 p.m.
PT", "9 a.m. Monday"), which needs that word whole. So a sentence boundary is
only *final* once the next non-space character (or word) has arrived; until then the segmenter
waits (not before a line break, which cuts whatever the marks before it are: "### Part 1.\n").
That is what makes the output independent of how the text was split into deltas: every decision
depends only on text that is already in the buffer.

Which boundary ends a segment depends on the policy:

- ``auto``: the first segment (after creation or a flush) ends at the first clause or sentence
  boundary once it is ``first_segment_min_chars`` long, for fast first audio (shorter, at a
  line break before a list's item: "Here are the steps" | "1. Preheat", without waiting for
  the whole first item, ``_list_follows``; at a line break after a first line that ends with
  a clause's mark, a salutation: "Dear Mr. Smith," | "I hope"; and at its last sentence
  boundary once ``FIRST_SENTENCE_WAIT`` follow it with no boundary it could end at: "In short
  – yes." | "The warranty covers ..."; after these two short cuts the next segment is a first
  one too); later segments end at the first sentence boundary once they are ``min_chars``
  long.
- ``sentence``: every sentence boundary ends a segment.
- ``flush_only``: only ``flush`` ends a segment.

In every mode a segment is at most ``max_chars`` long, because the model degrades on long
input: when no acceptable boundary comes within ``max_chars``, the segment is cut at the last
boundary of any kind in that window (if it keeps at least a third of it), else before the
last conjunction ("and", "but", "because" ...; if it keeps a third), else at the last
whitespace after no number (a number goes with its unit or noun: "25 dollars", "5 km"), else
at the last whitespace, else hard at ``max_chars``.

Lengths are what the text takes to say, in Latin characters: a Chinese, Japanese or Korean
character (a syllable, about three Latin letters of speech) counts ``CJK_WEIGHT``. So the
thresholds mean about the same stretch of speech in either of Spark-TTS's languages: the first
Chinese segment may end at a clause of 7 characters, a later one at a sentence of 20, and none
is longer than 83 (not 250 characters, a minute of speech).

Segments are returned raw, stripped of the whitespace at the cut; concatenating them gives the
input minus that whitespace, never losing or repeating a character. Normalisation
(``normalize.normalize_text``) is the caller's next step.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from enum import Enum, StrEnum

from voice_server.text.normalize import normalize_text, speakable
from voice_server.text.normalize.abbreviations import (
    ADDRESS_GOES_ON,
    CODE_AFTER_STATE,
    COMPANY_GOES_ON,
    COMPANY_SUFFIXES,
    FEDERAL_RULES,
    LEGAL_CODE_WORDS,
    LEGAL_STATES,
    NON_FINAL_ABBREVIATIONS,
    NON_FINAL_BEFORE_NUMBER,
    NON_FINAL_CAPITALISED,
    PLACE_ABBREVIATIONS,
    STREET_AFTER_DIRECTION,
    STREET_TYPES,
)
from voice_server.text.normalize.codes import IDENTIFIER_BEFORE_NO
from voice_server.text.normalize.cues import (
    CALENDAR_NAMES,
    CJK_CHAR,
    CJK_WEIGHT,
    MONTH_ABBR,
    MONTHS,
    WEEKDAY_NAMES,
)
from voice_server.text.normalize.numbers import STATES
from voice_server.text.normalize.units import ONE_LETTER_UNITS, UNIT_ABBREVIATIONS


class SegmentMode(StrEnum):
    """Where segments end (see the module docstring)."""

    AUTO = "auto"
    SENTENCE = "sentence"
    FLUSH_ONLY = "flush_only"


@dataclass(frozen=True)
class SegmenterPolicy:
    """How text is cut into segments.

    Attributes:
        mode: ``auto``, ``sentence`` or ``flush_only`` (a string is converted).
        first_segment_min_chars: in ``auto``, the first segment may end at a clause or
            sentence boundary once it is this long; small values give faster first audio.
        min_chars: in ``auto``, later segments end at a sentence boundary once this long.
        max_chars: no segment is longer; the model degrades on long input.
    """

    mode: SegmentMode = SegmentMode.AUTO
    first_segment_min_chars: int = 20
    min_chars: int = 60
    max_chars: int = 250

    def __post_init__(self) -> None:
        object.__setattr__(self, "mode", SegmentMode(self.mode))
        if self.max_chars < 1:
            raise ValueError(f"max_chars must be >= 1, got {self.max_chars}")
        for name in ("first_segment_min_chars", "min_chars"):
            if not 1 <= getattr(self, name) <= self.max_chars:
                raise ValueError(f"{name} must be in 1..max_chars ({self.max_chars})")


class _Kind(Enum):
    CLAUSE = "clause"
    SENTENCE = "sentence"


class _Status(Enum):
    FINAL = "final"  # a boundary, whatever comes next
    NOT = "not"  # not a boundary, whatever comes next
    UNKNOWN = "unknown"  # depends on text that has not arrived


@dataclass(frozen=True)
class _Verdict:
    status: _Status
    kind: _Kind
    end: int  # the cut position: the segment is buffer[:end]
    after: int  # where scanning for the next candidate resumes


_CANDIDATE = re.compile(r"[.!?…。！？,;:，、；：—–\n]")
_SENTENCE_MARKS = ".!?…"
_CJK_SENTENCE = "。！？"
_EMPHASIS = "*_"
"""Markdown's emphasis marks: after a sentence's or clause's mark they close as a quote does
("**Update the driver.** Open"), and before a word they open ("**Dr.** Smith")."""
_CLOSERS = "\"'”’»)]}」』）】》〉〕］｝" + _EMPHASIS
_OPENERS = "\"'“‘([{«「『（【《〈〔［｛" + _EMPHASIS

LINK_TEXT_MAX = 200
"""A ``[`` (a ``$`` of inline math, a backtick) further back than this characters opens no
link text (a stray bracket must not hold cuts off for long)."""
FIRST_SENTENCE_WAIT = 40
"""How much text (spoken length) may follow a first segment's sentence end that is too short
for ``first_segment_min_chars`` ("In short – yes.") with no boundary that would end the segment
before that sentence end is cut anyway: a long next sentence ("The warranty covers ...") must
not hold the first audio back, and a clause soon after still joins it ("Hello! How are you
doing today,")."""
HOLD_SENTENCE_MAX = 60
"""Further back than this, such an opener holds no sentence's end before a capital, and a
``(`` no clause mark: an LLM's ``(`` or backtick often never closes ("Step 1 (optional.",
"Run `npm install. Then ..."), and a real link text, code span or parenthetical seldom has a
sentence this far in."""


def spoken_length(text: str) -> int:
    """``text``'s length with each CJK character counted ``CJK_WEIGHT`` (module docstring)."""
    return len(text) + (CJK_WEIGHT - 1) * len(CJK_CHAR.findall(text))


def _index_at_length(text: str, start: int, length: int) -> int:
    """The index from ``start`` where ``text`` reaches spoken length ``length`` (capped at the
    text's end): ``start + length`` for text without CJK characters."""
    end = start + length
    if CJK_CHAR.search(text, start, end) is None:
        return end
    budget, i = length, start
    for match in CJK_CHAR.finditer(text, start, end):
        plain = match.start() - i  # Latin characters before this CJK one
        if plain >= budget:
            return i + budget
        budget -= plain
        if budget < CJK_WEIGHT:
            return match.start()
        budget -= CJK_WEIGHT
        i = match.start() + 1
    return min(i + budget, len(text), end)


def _skip(text: str, i: int, chars: str) -> int:
    while i < len(text) and text[i] in chars:
        i += 1
    return i


def _skip_back(text: str, i: int, chars: str, floor: int = 0) -> int:
    """Where the run of ``chars`` that ends at ``i`` starts (not before ``floor``)."""
    while i > floor and text[i - 1] in chars:
        i -= 1
    return i


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _word_before(text: str, i: int) -> tuple[str, int]:
    """The whitespace-delimited word ending at ``i`` (openers stripped) and its start."""
    start = i
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:i].lstrip(_OPENERS), start


def _number_before(text: str, i: int) -> bool:
    """The word before the whitespace that ends at ``i`` ends with a digit (8,848 or 10-20),
    or with a digit and a plus ("150+")."""
    k = i
    while k > 0 and text[k - 1].isspace():
        k -= 1
    if k < i and text[k - 1 : k] == "+":  # 150+ min.
        k -= 1
    return k < i and text[k - 1 : k].isdigit()


def _period_is_not_an_end(text: str, i: int) -> bool:
    """The single period at ``i`` follows an abbreviation, initials or a list number."""
    word, start = _word_before(text, i)
    if word.lower() in NON_FINAL_ABBREVIATIONS or word in NON_FINAL_CAPITALISED:
        return True
    if word in ONE_LETTER_UNITS and _number_before(text, start):
        return False  # a unit, not an initial: "The summit is 8,848 m. It's high."
    if ((word != "I" or _INITIAL_BEFORE.search(text, max(0, start - 4), start) is not None)
            and all(len(part) == 1 and part.isalpha() for part in word.split("."))):  # fmt: skip
        return True  # J.  U.S.  e.g.  (not "I.", which ends sentences, but "J. I. Smith")
    if word.isdecimal():  # not "²": int() fails
        return _is_list_number(text, start, word)
    number = word[len(word.rstrip("0123456789")) :]  # 如下：1. 下载: Chinese marks take no space
    return (0 < len(number) < len(word) and word[-len(number) - 1] in "：。！？；"
            and _is_list_number(text, i - len(number), number))


_INITIAL_BEFORE = re.compile(r"(?:^|\s)[A-Z]\.[ \t]+$")
"""A capital's initial before a word: "J. I. Smith"'s "I." is one too."""


def _is_list_number(text: str, start: int, number: str) -> bool:
    """``number`` (its period follows) at ``start`` numbers a list's item: at the start of a
    line (after its Markdown marks too: "### 1.", "- 1.") or of the buffer, after a
    sentence's end or a colon ("Do it: 1. Open the app. 2. Tap"), or after an item numbered
    one less that numbers one too ("1. Restart the app 2. Clear the cache"; not "in step 1.
    Then go on to step 2. After"). Cut after it, the number would be said alone, as a
    sentence."""
    if len(number) > 2:
        return False  # not a list's: "in 1985. Then"
    k = _skip_back(text, start, " \t")
    if k == 0 or text[k - 1] in "\n!?…:。！？：；":
        return True
    line = k  # after a Markdown line's marks: "### 1.", "- 1.", "> 1.", "| 1."
    while line > 0 and text[line - 1] in " \t#>*+-|":
        line -= 1
    if line < k and (line == 0 or text[line - 1] == "\n"):
        return True
    if text[k - 1] == "." and not _goes_on_before_number(text, k - 1):
        return True
    if int(number) < 2:
        return False
    previous = str(int(number) - 1)
    p, window = start, max(0, start - LINK_TEXT_MAX)
    while (p := text.rfind(previous + ".", window, p)) != -1:
        after = p + len(previous) + 1  # "1. Restart": the previous number's item
        if (p == 0 or text[p - 1].isspace()) and after < start and text[after].isspace():
            return _is_list_number(text, p, previous)
    return False


def _goes_on_before_number(text: str, i: int) -> bool:
    """The period at ``i`` ends no sentence before a number: "Nov. 6. The agenda" (a date,
    not a list's sixth item), "Vol. 2."."""
    word = _word_before(text, i)[0]
    return (word.lower() in NON_FINAL_ABBREVIATIONS or word in NON_FINAL_CAPITALISED
            or word in NON_FINAL_BEFORE_NUMBER)  # fmt: skip


def _is_list_marker(text: str, i: int) -> bool:
    """The ``、`` at ``i`` ends a Chinese list item's number ("一、", "十二、") at the start of a
    line or after a colon: a segment cut there would say the number alone."""
    k = i
    while k > 0 and text[k - 1] in "一二三四五六七八九十":
        k -= 1
    return k < i and (k == 0 or text[k - 1] in "\n 　：:")


def _hold_window(text: str, i: int, span: int) -> int:
    """Where an opener's hold over ``i`` may start: ``span`` characters back, not before the
    line's start (a line break ends every hold: it is a boundary whatever is open)."""
    return max(text.rfind("\n", 0, i) + 1, i - span)


def _link_text_opener(text: str, i: int) -> int:
    """The ``[`` that ``i`` lies after, whose ``]`` has not come: a markdown link's text (cut
    there, the link's address would be read aloud); -1 if none."""
    opened = text.rfind("[", _hold_window(text, i, LINK_TEXT_MAX), i)
    return opened if opened != -1 and text.find("]", opened, i) == -1 else -1


_MATH_SIGNS = frozenset("=^\\{}<>+")


def _inline_math_opener(text: str, i: int) -> int:
    """The ``$`` that opens the inline math ``i`` lies in (``$x = 3, y = 4$``), -1 if none: no
    letter or digit before it, a letter or ``\\`` after it, a sign of math since, its closing
    ``$`` not come. Cut there, the next segment would end in "4$", read "four dollars". A
    price (``$5``) and a ticker (``$AAPL, $TSLA``) open none."""
    opened = text.rfind("$", _hold_window(text, i, LINK_TEXT_MAX), i)
    if opened == -1 or not (text[opened + 1].isalpha() or text[opened + 1] == "\\"):
        return -1
    if opened > 0 and (text[opened - 1].isalnum() or text[opened - 1] == "$"):
        return -1
    return opened if not _MATH_SIGNS.isdisjoint(text[opened:i]) else -1


_BACKTICKS = re.compile("`+")


def _code_span_opener(text: str, i: int) -> int:
    """The backtick run that opens the inline code ``i`` lies in (`` `git commit -m "fix:
    typo. Again"` ``): the last of an odd number of runs on its line; -1 if none. Cut there,
    each half would be read with an unpaired backtick, neither as code."""
    opened, runs = -1, 0
    for run in _BACKTICKS.finditer(text, _hold_window(text, i, LINK_TEXT_MAX), i):
        opened, runs = run.start(), runs + 1
    return opened if runs % 2 == 1 else -1


def _held(text: str, i: int) -> bool:
    """The candidate at ``i`` is no boundary: it lies in a link's text, inline math or inline
    code (within ``LINK_TEXT_MAX`` of the opener, on its line), unless it ends a sentence
    before a capital more than ``HOLD_SENTENCE_MAX`` after the opener."""
    opened = max(_link_text_opener(text, i), _inline_math_opener(text, i),
                 _code_span_opener(text, i))  # fmt: skip
    return opened != -1 and (i - opened <= HOLD_SENTENCE_MAX or not _ends_a_sentence(text, i))


def _ends_a_sentence(text: str, i: int) -> bool:
    """The mark at ``i`` is a sentence's mark followed by closers, whitespace and a capital
    (or by text that has not arrived: the caller's rules then wait for it)."""
    if text[i] not in _SENTENCE_MARKS:
        return False
    k = _skip(text, _skip(text, i, _SENTENCE_MARKS), _CLOSERS)
    if k < len(text) and not text[k].isspace():
        return False
    k = _skip_space(text, k)
    return k == len(text) or text[k].isupper()


_CLAUSE_MARKS = ",;:，、；：—–"


def _inside_parentheses(text: str, i: int) -> bool:
    """``i`` lies after a ``(`` that opens a word (not a ``:(``) whose ``)`` has not come
    (within ``HOLD_SENTENCE_MAX``, on its line): a clause mark there is none. Cut at it, a
    parenthesis would be split ("a tuple (status," | "payload)", "(Smith et al.," | "2021)").
    Further, it is likelier a ``(`` never closed ("Step 1 (optional, but ...") that would hold
    a first segment's clause cuts for long. A ``{`` holds them too, spaced or not: an inline
    JSON object's (``{"status": "ok", "count": 3}``, ``{ "a": 1 }``)."""
    for opener, closer in ("()", "（）", "{}"):
        opened = text.rfind(opener, _hold_window(text, i, HOLD_SENTENCE_MAX), i)
        if (opened != -1 and (opener == "{" or not text[opened + 1].isspace())
                and text[opened + 1] not in ",.;:!?"
                and text.find(closer, opened, i) == -1):  # fmt: skip
            return True
    return False


def _classify(text: str, i: int, at_end: bool, in_code: bool = False) -> _Verdict:
    """Whether the candidate character at ``i`` is a boundary (see the module docstring);
    ``in_code``: ``i`` lies in a fenced code block, where only a line break is one."""
    c = text[i]
    if c != "\n" and (in_code or _held(text, i)):
        return _Verdict(_Status.NOT, _Kind.CLAUSE, i + 1, i + 1)
    if c == "\n":
        return _Verdict(_Status.FINAL, _Kind.SENTENCE, i, i + 1)
    if c in _CLAUSE_MARKS and _inside_parentheses(text, i):
        return _Verdict(_Status.NOT, _Kind.CLAUSE, i + 1, i + 1)
    if c in _CJK_SENTENCE:
        j = _skip(text, _skip(text, i, _CJK_SENTENCE + _SENTENCE_MARKS), _CLOSERS)
        if j < len(text) and text[j] == "“" and _closes_a_quote(text, j):
            j = _skip(text, j + 1, _CLOSERS)  # 他说：“你好！“他笑了: a “ typed for ”
        if not _QUOTE_CLOSERS.isdisjoint(text[i:j]) or text[j - 1] == "“":
            speaker = _speaker_follows(text, j, at_end)  # “太好了！”她说。
            if speaker is not _Status.FINAL:
                return _Verdict(speaker, _Kind.SENTENCE, j, j)
        j = _skip_emoji(text, j)
        if j < len(text) and text[j] in " \t":  # an emoji may follow the spaces: 好的！ 😊
            j = _spaced_emoji_end(text, j)
            k = _skip_space(text, j)
            undecided = k == len(text) and "\n" not in text[j:k]
        else:
            undecided = j == len(text)
        status = _Status.UNKNOWN if undecided and not at_end else _Status.FINAL
        return _Verdict(status, _Kind.SENTENCE, j, j)
    if c == "、" and _is_list_marker(text, i):
        return _Verdict(_Status.NOT, _Kind.CLAUSE, i + 1, i + 1)
    if c == "：":
        return _Verdict(_label_before_digits(text, i + 1, at_end), _Kind.CLAUSE, i + 1, i + 1)
    if c in "，、；":
        return _Verdict(_Status.FINAL, _Kind.CLAUSE, i + 1, i + 1)
    if c in "—–":
        return _classify_dash(text, i, at_end)
    if c in ",;:":
        return _classify_clause(text, i, at_end)
    return _classify_sentence(text, i, at_end)


SPEAKER_MAX = 4
"""How many characters of a speaker ("她", "小明", "李老师", "她笑着") may come between a quote's
end and the verb that says it was said (``_speaker_follows``)."""
_SAYS = frozenset("说喊")
_SAYS_TWO = frozenset(
    "说道 问道 问他 问她 问我 问你 答道 回答 笑道 叹道 叫道 喊道 补充 解释 追问 反问 嘀咕 感叹 "
    "表示 指出 回应".split())
"""The verbs after a Chinese quote that make the quote and its speaker one sentence ("“太好了！”
她说。", "“为什么？”他问道。"); two characters where one would mislead (问题, 答案)."""


_AFTER_SAYING = "。，：；！？…,:;!?“\"\n"
"""What follows a verb of saying that tags a quote ("她说。", "老王回答，“别迟到！”"); anything
else goes on with a new sentence ("我问她为什么", "她说得对")."""


def _speaker_follows(text: str, j: int, at_end: bool) -> _Status:
    """NOT where, right after a quote closed after ``。！？`` at ``j``, up to ``SPEAKER_MAX``
    Chinese characters and a verb of saying follow (“太好了！”她说。): the quote keeps its
    speaker, as ``"Why?" she asked`` does, if the verb ends the phrase (``_AFTER_SAYING``);
    UNKNOWN while they may still be arriving, FINAL otherwise. At most ``SPEAKER_MAX + 3``
    characters are read."""
    for p in range(j, j + SPEAKER_MAX + 1):
        if p == len(text):
            break
        two = text[p : p + 2] in _SAYS_TWO
        if two or text[p] in _SAYS:
            after = p + 2 if two else p + 1
            if after == len(text):  # "说" may become "说道" or "说得对"
                return _Status.NOT if at_end else _Status.UNKNOWN
            return _Status.NOT if text[after] in _AFTER_SAYING else _Status.FINAL
        if p + 1 == len(text):
            break  # "问" may become "问道"
        if CJK_CHAR.match(text, p) is None or text[p] in "没不未别":
            return _Status.FINAL  # a new sentence: “你去哪里？”我没有回答。
    else:
        return _Status.FINAL
    return _Status.FINAL if at_end else _Status.UNKNOWN


def _closes_a_quote(text: str, j: int) -> bool:
    """The ``“`` at ``j``, right after a sentence's mark, closes the quote a ``“`` opened
    before it (on its line, within ``HOLD_SENTENCE_MAX``, no ``”`` since): Chinese text often
    has ``“`` for both (``他说：“你好！“他笑了``), and cut before it the quote would open the
    next segment."""
    opened = text.rfind("“", _hold_window(text, j, HOLD_SENTENCE_MAX), j)
    return opened != -1 and text.find("”", opened, j) == -1


def _label_before_digits(text: str, k: int, at_end: bool) -> _Status:
    """A colon before digits ends a label whose words say how to read them (``验证码：385921``
    digit by digit, ``时间：3/15`` a date, ``血压：120/80``): NOT a boundary there, FINAL
    before anything else, UNKNOWN while the next character has not arrived."""
    k = _skip_space(text, k)
    if k == len(text):
        return _Status.FINAL if at_end else _Status.UNKNOWN
    return _Status.NOT if text[k].isdigit() else _Status.FINAL


def _classify_dash(text: str, i: int, at_end: bool) -> _Verdict:
    j = _skip(text, i, "—–")
    if j == len(text):
        status = _Status.FINAL if at_end else _Status.UNKNOWN
    elif i > 0 and text[i - 1].isdigit() and text[j].isdigit():
        status = _Status.NOT  # a range: 1990–1995
    elif text[i] == "–" and i > 0 and not text[i - 1].isspace() and not text[j].isspace():
        status = _Status.NOT  # an unspaced en dash joins: $10–$15, 9am–5pm, Mon–Fri
    elif _starts_a_line(text, i):
        status = _Status.NOT  # a bullet: "– Flour" (cut after it, the dash would be alone)
    elif text[i] == "–" and j == i + 1:
        status = _range_dash(text, i, j, at_end)
    else:
        status = _Status.FINAL
    return _Verdict(status, _Kind.CLAUSE, j, j)


def _starts_a_line(text: str, i: int) -> bool:
    """Only spaces or tabs lie between ``i`` and its line's (or the buffer's) start."""
    k = _skip_back(text, i, " \t")
    return k == 0 or text[k - 1] == "\n"


_RANGE_WORDS = CALENDAR_NAMES | frozenset("a.m. p.m. am pm AM PM present now today".split())


def _range_end(word: str) -> bool:
    """``word`` may end a range: a number, a price or a time ("9am"), a weekday, a month."""
    return any(c.isdigit() for c in word) or word in _RANGE_WORDS or (
        word.rstrip(".") in CALENDAR_NAMES)


def _range_dash(text: str, i: int, j: int, at_end: bool) -> _Status:
    """An en dash spaced on one side or both is a clause's (a comma's place: "simple – we
    start") except between a range's ends ("10 – 15 minutes", "Mon –Fri", "9 a.m. – 5 p.m.",
    "2019 – present"), where no comma goes; UNKNOWN while the word after it is arriving."""
    b = _skip_back(text, i, " \t")
    if not _range_end(_word_before(text, b)[0].rstrip(")]")):
        return _Status.FINAL
    k = _skip(text, j, " \t")
    if k < len(text) and (text[k].isdigit() or text[k] in _AMOUNT_OPENERS):
        return _Status.NOT
    end = k
    while end < len(text) and (text[end].isalpha() or text[end] == "."):
        end += 1
    if end == len(text) and not at_end:
        return _Status.UNKNOWN
    return _Status.NOT if _range_end(text[k:end]) else _Status.FINAL


_MONTH_DAY = re.compile(r"(?:^|(?<=\W))(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
                        r"January|February|March|April|June|July|August|September|October|"
                        r"November|December)\.? \d{1,2}(?:st|nd|rd|th)?"
                        r"(?: ?[-–] ?\d{1,2}(?:st|nd|rd|th)?)?$")  # fmt: skip
"""A date's month and day (or days) just before a comma: "July 20, 1969" and "June 12-14,
2025" are one date, no pause in them."""


def _classify_clause(text: str, i: int, at_end: bool) -> _Verdict:
    j = _skip(text, i + 1, _CLOSERS)
    if j == len(text):
        status = _Status.FINAL if at_end else _Status.UNKNOWN
    elif not text[j].isspace() and not _between_cjk(text, i, j):
        status = _Status.NOT  # not 1,000 or 3:45 (but 会议,地点)
    elif text[i] == "," and not _QUOTE_CLOSERS.isdisjoint(text[i + 1 : j]):
        status = _Status.NOT  # '"Great question," said Dr. Lee': the quote keeps its speaker
    elif text[i] == ":":
        status = _label_before_digits(text, j, at_end)  # "Code: 583920", "验证码: 385921"
    elif text[i] == "," and j == i + 1 and _MONTH_DAY.search(text, max(0, i - 24), i):
        status = _year_follows(text, _skip_space(text, j), at_end)
    elif text[i] == "," and j == i + 1:
        status = _date_or_address_goes_on(text, i, _skip_space(text, j), at_end)
    else:
        status = _Status.FINAL
    return _Verdict(status, _Kind.CLAUSE, j, j)


_QUOTE_CLOSERS = frozenset("\"'”’»」』")


def _between_cjk(text: str, i: int, j: int) -> bool:
    """An ASCII mark at ``i`` (closers up to ``j``) stands between CJK characters, as a
    Chinese or Japanese one would ("会议,地点", "会议室!请"): it is one, unspaced."""
    return (i > 0 and CJK_CHAR.match(text, i - 1) is not None
            and j < len(text) and CJK_CHAR.match(text, j) is not None)  # fmt: skip


MONTH_NAMES = frozenset([*MONTHS, *MONTH_ABBR])
_STATE_CODES = frozenset(STATES.split("|"))
_PLACES_AFTER_A_CITY = frozenset(
    "Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia "
    "Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts "
    "Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada New North Ohio Oklahoma "
    "Oregon Pennsylvania Rhode South Tennessee Texas Utah Vermont Virginia Washington West "
    "Wisconsin Wyoming USA UK Canada Ontario Quebec England Scotland Ireland France Germany "
    "Italy Spain Japan China India Australia Mexico Brazil".split())
"""What follows a city's comma in an address or a place's name: "Springfield, Illinois",
"Albany, New York", "Paris, France" ("New", "North", "South", "West", "Rhode" for the states
named in two words)."""
_STREET_WORDS = STREET_TYPES | frozenset(
    "St Dr Way Street Avenue Road Boulevard Drive Lane Court Place Parkway Highway Square "
    "Terrace Circle Trail Loop Pike Row Plaza Alley Crescent Broadway Expressway Freeway "
    "NW NE SW SE N S E W".split())
"""A street's type, or the direction after it, that may end the street before a comma."""
_UNIT_WORDS = frozenset("Apt Apartment Suite Ste Unit Fl Floor Bldg Building Rm Room Box".split())


def _date_or_address_goes_on(text: str, i: int, k: int, at_end: bool) -> _Status:
    """The comma at ``i`` (the next word at ``k``) goes on inside a date or an address, where
    a cut would split what is read as one: a weekday before its month ("Monday, March 3"), a
    month before its year ("3 March, 2025"), a street or a suite before the rest of the address
    ("12 Main St, Springfield", "Suite 200, Austin"), a city before its state or country
    ("Springfield, IL 62701", "Paris, France"); UNKNOWN while the word that decides arrives."""
    word, start = _word_before(text, i)
    word = word.rstrip(".")
    if not word[:1].isupper() and not (word.isalnum() and word[:1].isdigit()):
        return _Status.FINAL  # no name nor number before it: decided at once
    if text.find("\n", i, k) != -1:
        return _Status.FINAL  # a line break follows, and cuts anyway: "Dear Mr. Smith,\n"
    if word in MONTH_NAMES:
        return _year_follows(text, k, at_end)
    if k == len(text):
        return _Status.FINAL if at_end else _Status.UNKNOWN
    before = text[max(0, start - 48) : start].split()[-5:]
    if word in _STREET_WORDS and any(w[:1].isdigit() for w in before):
        return _Status.NOT if text[k].isupper() or text[k] in "#" else _Status.FINAL
    if before and before[-1].rstrip(".") in _UNIT_WORDS and any(c.isdigit() for c in word):
        return _Status.NOT if text[k].isupper() or text[k] in "#" else _Status.FINAL
    if not text[k].isupper() or not word[:1].isupper() or word in _FIRST_WORDS:
        return _Status.FINAL
    end = k
    while end < len(text) and text[end].isalpha():
        end += 1
    if end == len(text) and not at_end:
        return _Status.UNKNOWN
    following = text[k:end]
    if word in WEEKDAY_NAMES:
        return _Status.NOT if following in MONTH_NAMES else _Status.FINAL
    if following in _STATE_CODES or following in _PLACES_AFTER_A_CITY:
        return _Status.NOT
    return _Status.FINAL


def _year_follows(text: str, k: int, at_end: bool) -> _Status:
    """After "July 20, ": NOT a boundary before a year ("1969"), FINAL before anything else,
    UNKNOWN while the year may still be arriving."""
    digits = 0
    while k + digits < len(text) and digits < 4 and text[k + digits].isdigit():
        digits += 1
    if digits == 4:
        end = k + 4
        if end == len(text) and not at_end:
            return _Status.UNKNOWN  # "1969" may be "19690 people"
        return _Status.FINAL if end < len(text) and text[end].isdigit() else _Status.NOT
    if k + digits == len(text) and not at_end:
        return _Status.UNKNOWN
    return _Status.FINAL


def _before_number_or_address(text: str, i: int, k: int, at_end: bool) -> _Status:
    """The period at ``i``, with the next word at ``k``, does not end a sentence after a word
    that goes on before a number ("Take Hwy. 101", "Mon.-Fri. 9-5"), after a street's type
    before the rest of the address ("456 Oak Ave. Suite 200") or after a company's suffix
    before a word that goes on with its name ("Acme Corp. HQ is", ``COMPANY_GOES_ON``); which
    needs the next word whole."""
    word, start = _word_before(text, i)
    if text[k].isdigit() and re.split("[-–]", word)[-1].rstrip(".") in NON_FINAL_BEFORE_NUMBER:
        return _Status.NOT
    if (text[k].isdigit() and word in ("max", "min", "Max", "Min")
            and not _number_before(text, start)):  # fmt: skip
        return _Status.NOT  # a bound before its number: "max. 1,200 mg/day", "Min. 8 characters"
    if text[k].isdigit() and _is_a_unit(word, text, start):
        return _Status.NOT  # a measure in two units: "5 ft. 11 in.", "1 hr. 30 min."
    if word == "Fed":  # Fed. R. Civ. P. 4, a rule of the federal courts (not "the Fed. Rates")
        if FEDERAL_RULES.match(text, k):
            return _Status.NOT
        if not at_end and _MAY_BECOME_FEDERAL_RULES.fullmatch(text, k):
            return _Status.UNKNOWN  # "R. Ci" may become "R. Civ. P."
    if text[start] == "(" and word[:1].islower() and (text[k].isdigit() or text[k] in _AMOUNT_OPENERS):
        return _Status.NOT  # a parenthesis's first word before its amount: "(reg. $399.99)"
    if word in ("N", "S", "E", "W") and _number_before(text, start):
        return _street_follows(text, k, at_end)
    if word in LEGAL_STATES:  # "Cal. Civ. Code § 1950.5" (not "I live in Wash. State")
        status = _next_word_goes_on(text, k, at_end, CODE_AFTER_STATE)  # "Ci": "Civ."?
        if status is not _Status.FINAL:
            return status
    if word in LEGAL_CODE_WORDS and _in_a_citation(text, start):
        if text[k] in "§&" or text[k].isdigit():
            return _Status.NOT  # "Cal. Bus. & Prof. Code", "Fla. Stat. Ann. § 83.49"
        status = _next_word_goes_on(text, k, at_end, CODE_AFTER_STATE)  # "Cal. Lab. Code"
        if status is not _Status.FINAL:
            return status
    if word == "Cir" and text[k].isdigit() and _COURT_BEFORE_CIR.search(text, 0, start):
        return _Status.NOT  # a court's year: "(9th Cir. 1997)"
    if word in COMPANY_SUFFIXES:  # "C" may become "CEO"
        status = _next_word_goes_on(text, k, at_end, COMPANY_GOES_ON, hyphen=True)
        if status is not _Status.FINAL:
            return status
    if word in STREET_TYPES:  # "Su" may become "Suite"
        return _next_word_goes_on(text, k, at_end, ADDRESS_GOES_ON)
    return _Status.FINAL


def _next_word_goes_on(text: str, k: int, at_end: bool, goes_on: re.Pattern[str],
                       hyphen: bool = False) -> _Status:
    """NOT where the word at ``k`` carries the name on (``goes_on`` matches there), UNKNOWN
    while that word (letters, and hyphens if ``hyphen``) may still be arriving, else FINAL."""
    end = k
    while end < len(text) and (text[end].isalpha() or (hyphen and text[end] == "-")):
        end += 1
    if end == len(text) and not at_end:
        return _Status.UNKNOWN
    return _Status.NOT if goes_on.match(text, k) else _Status.FINAL


def _in_a_citation(text: str, start: int) -> bool:
    """The word before the one at ``start`` is a state's abbreviation or a citation's word,
    with its period: "Cal. Lab.", "Stat. Ann."."""
    before = _word_before(text, _skip_back(text, start, " \t"))[0]
    return before.endswith(".") and before[:-1] in LEGAL_STATES | LEGAL_CODE_WORDS


_AMOUNT_OPENERS = "~$€£¥₹"
"""What opens an amount as a digit does: "(~60 min.", "(reg. $399.99)"."""
_COURT_BEFORE_CIR = re.compile(r"(?:\b\d{1,2}(?:st|nd|rd|th)|\bFed\.)[ \t]+$")
"""A federal circuit before "Cir.": "9th Cir.", "Fed. Cir."."""
_MAY_BECOME_FEDERAL_RULES = re.compile(r"R(?:\. ?[A-Za-z]{0,5}\.? ?P?)?")
"""What may still grow into ``FEDERAL_RULES`` after "Fed. "."""
_MAY_BECOME_A_STREET = re.compile(r"[A-Za-z0-9]{0,16}(?: [A-Za-z0-9]{0,16}){0,3}")
"""What may still grow into ``STREET_AFTER_DIRECTION``: up to four words of 16 letters or
digits at most, single spaces between them; anything else decides."""


def _street_follows(text: str, k: int, at_end: bool) -> _Status:
    """After "500 W.": NOT a boundary before a street's name and type ("Madison St."), FINAL
    before anything else ("1500 W. It heats"), UNKNOWN while the four words that could be one
    are still arriving."""
    if STREET_AFTER_DIRECTION.match(text, k):
        return _Status.NOT
    if not at_end and _MAY_BECOME_A_STREET.fullmatch(text, k):
        return _Status.UNKNOWN
    return _Status.FINAL


def _skip_emoji(text: str, i: int) -> int:
    """After the emoji that start at ``i`` (with their modifiers and joiners): glued to a
    sentence's mark, they end with it ("Amazing.🙂 Thanks", "好的！😊我们")."""
    while i < len(text) and (text[i] in "\ufe0f\u200d" or "\U0001f3fb" <= text[i] <= "\U0001f3ff"
                             or (("\u231a" <= text[i] <= "\u23ff" or text[i] >= "\u2600")
                                 and unicodedata.category(text[i]) == "So")):  # ⏱ ☀ 😊
        i += 1
    return i


def _spaced_emoji_end(text: str, j: int) -> int:
    """After the emoji that follow spaces at ``j`` (on its line), or ``j`` if none: after a
    sentence's end they end with it ("Great question! 😊" | "Let me explain")."""
    end = p = j
    while True:
        q = _skip(text, p, " \t")
        r = _skip_emoji(text, q)
        if q == p or r == q:
            return end
        end = p = r


_SUPERSCRIPT_DIGITS = "¹²³⁴⁵⁶⁷⁸⁹⁰"


def _footnote_end(text: str, j: int, at_end: bool) -> int | None:
    """After the footnote marks at ``j``, superscript digits or ``[12]`` (three digits at
    most): after a sentence's mark they end with it ("residents.¹ The", "2023.[1] Light");
    None while a ``[`` and digits may still become one."""
    k = _skip(text, j, _SUPERSCRIPT_DIGITS)
    if k < len(text) and text[k] == "[":
        m = k + 1
        while m < len(text) and m <= k + 3 and text[m].isdigit():
            m += 1
        if m < len(text) and text[m] == "]" and m > k + 1:
            return m + 1
        if m == len(text) and not at_end:
            return None
    return k


def _classify_sentence(text: str, i: int, at_end: bool) -> _Verdict:
    marks_end = _skip(text, i, _SENTENCE_MARKS)
    j = _footnote_end(text, _skip(text, marks_end, _CLOSERS), at_end)
    if j is None:
        return _Verdict(_Status.UNKNOWN, _Kind.SENTENCE, marks_end, marks_end)
    j = _skip_emoji(text, j)
    emoji_end = _spaced_emoji_end(text, j)  # "Done. 😊 Thanks"
    k = _skip_space(text, emoji_end)
    if "\n" in text[j:k]:  # the line break cuts, whatever the marks end: "### Part 1.\n"
        return _Verdict(_Status.NOT, _Kind.SENTENCE, j, j)
    verdict = _sentence_verdict(text, i, marks_end, j, k, at_end)
    if emoji_end > j and verdict.end == j and verdict.status is not _Status.NOT:
        return _Verdict(verdict.status, verdict.kind, emoji_end, emoji_end)
    return verdict


def _sentence_verdict(text: str, i: int, marks_end: int, j: int, k: int,
                      at_end: bool) -> _Verdict:
    """The sentence marks ``text[i:marks_end]``, closers and glued emoji up to ``j``, the next
    word at ``k`` (after whitespace and any emoji in it)."""
    if (j < k < len(text) and text[k].isupper()
            and not _QUOTE_CLOSERS.isdisjoint(text[marks_end:j])):  # fmt: skip
        speaker = _speaker_after_quote(text, k, at_end)  # '"Are you coming?" Maria asked.'
        if speaker is not _Status.FINAL:
            return _Verdict(speaker, _Kind.SENTENCE, j, j)
    if j < len(text) and not text[j].isspace():
        if _between_cjk(text, i, j):  # 参加.谢谢  会议室!请
            if not _QUOTE_CLOSERS.isdisjoint(text[marks_end:j]):  # “太好了!”她说
                speaker = _speaker_follows(text, j, at_end)
                if speaker is not _Status.FINAL:
                    return _Verdict(speaker, _Kind.SENTENCE, j, j)
            marks = text[i:marks_end]
            pause = "…" in marks or ".." in marks
            return _Verdict(_Status.FINAL, _Kind.CLAUSE if pause else _Kind.SENTENCE, j, j)
        status = _Status.NOT  # 3.5, U.S, example.com, "e.g.,"
    elif k == len(text):
        status = _Status.FINAL if at_end else _Status.UNKNOWN
    elif text[k].islower():
        return _before_lowercase(text, i, marks_end, j)
    elif text[k] == "(" and k + 1 == len(text):
        status = _Status.FINAL if at_end else _Status.UNKNOWN  # "(2" or "(The"
    elif text[k] == "(" and (text[k + 1].islower() or text[k + 1].isdigit()
                             or text[k + 1] in _AMOUNT_OPENERS):
        return _before_lowercase(text, i, marks_end, j)  # "Smith et al. (2021)", "Stn. (~60 min."
    elif marks_end == i + 1 and text[i] == "." and _ends_a_time(text, i):
        status = _after_a_time(text, k, at_end)
    elif marks_end == i + 1 and text[i] == "." and _word_before(text, i)[0].lower() == "no":
        status = _number_follows_no(text, i, j, k, at_end)
    elif marks_end == i + 1 and text[i] == "." and _word_before(text, i)[0] in JOURNAL_WORDS:
        status = _Status.NOT  # a citation: "N. Engl. J. Med. 357", "Proc. Natl. Acad. Sci."
    elif marks_end == i + 1 and text[i] == "." and _period_is_not_an_end(text, i):
        status = _first_word_follows(text, i, k, at_end) if j == i + 1 else _Status.NOT
    elif marks_end == i + 1 and text[i] == "." and j == i + 1 and _one_after_a_word(text, i):
        return _first_item(text, i, k, at_end)
    elif marks_end == i + 1 and text[i] == "." and j == i + 1:
        status = _before_number_or_address(text, i, k, at_end)
    else:
        status = _Status.FINAL
    return _Verdict(status, _Kind.SENTENCE, j, j)


_SAID = frozenset(
    "said asked replied answered whispered shouted added cried exclaimed muttered called yelled "
    "explained continued insisted says asks replies answers adds".split())
"""Verbs that tie a quote to its speaker after it: '"Are you coming?" Maria asked' (not
"laughed" or "sighed", which begin sentences: '"Maybe later!"' | 'We laughed.')."""


def _speaker_after_quote(text: str, k: int, at_end: bool) -> _Status:
    """NOT where, after a quote that ends with a sentence's mark, up to two capitalised words
    and a verb of saying follow at ``k`` ('"Why?" Maria asked', '"No!" Dr. Lee shouted'): the
    quote keeps its speaker, as before a lowercase one ('"Why?" she asked'); UNKNOWN while
    those words are arriving, FINAL otherwise. Three words of 20 letters at most are read."""
    p = k
    for _ in range(3):
        end = p
        while end < len(text) and end - p <= 20 and (text[end].isalpha() or text[end] in "'’."):
            end += 1
        if end == len(text) and not at_end:
            return _Status.UNKNOWN
        word = text[p:end]
        if word.rstrip(".") in _SAID:  # "asked."
            return _quote_follows(text, end, at_end)
        if end == len(text) or text[end] != " " or not word[:1].isupper():
            return _Status.FINAL
        p = end + 1
    return _Status.FINAL


def _quote_follows(text: str, end: int, at_end: bool) -> _Status:
    """After the verb of saying that ends at ``end``: FINAL where a comma or colon and a quote
    follow, the speaker's of the next quote ('"Are you coming?"' | 'I said, "Maybe later!"'),
    NOT otherwise ('"Really?" I asked.'), UNKNOWN while they may still be arriving."""
    if end < len(text) and text[end] not in ",:":
        return _Status.NOT
    k = _skip_space(text, end + 1)
    if k >= len(text):
        return _Status.NOT if at_end else _Status.UNKNOWN
    return _Status.FINAL if text[k] in "\"“'‘" else _Status.NOT


_FIRST_WORDS = frozenset(
    "The This That These Those There There's Their They They're They'll It It's Its We We're "
    "We'll We've You You're You'll You've Your He He's She She's His Our Ours My I'm I've I'll "
    "I'd In On At By For From With After Before During If But So However Also Then Now Here "
    "Please Let's Today Since While Although Because When Where What Why How Once Each Every "
    "All Most Many Some Both Yes "
    # round 34: the pronoun I, questions' verbs, imperatives and sentence adverbs that begin an
    # assistant's sentences ("in the U.K. Call us", "vitamin D. Make sure"); no name's word
    # ("U.S. Open", "St. Mark", "Dr. Who", "the U.S. Great Lakes" stay one)
    "I Is Are Was Were Do Does Did Don't Can Could Would Should Has Have Had Isn't Can't Call "
    "Contact Check Visit Try Make Take Use Let Get Keep Consider Ask Remember Note Be Go See "
    "Click Enter Run Install Save Avoid Follow Find Look Start Stop Wait Add Remove Apply "
    "Expect Bring Feel Enjoy Thanks Thank Just Sure Unfortunately Otherwise Alternatively "
    "Additionally Finally Meanwhile Overall Therefore Thus Hence Moreover Furthermore Instead "
    "Never Always Only Even Perhaps Maybe Again Later Typically Usually Generally Often "
    "Sometimes Which Such Another Any Yet And Or As Unlike Like Given Despite Though Until "
    "Unless".split())
"""Words that begin sentences and no name: after initials or a capitalised abbreviation whose
period goes on before a name ("U.S. Army", "Dr. Lee"), one of them begins a new sentence
("made in the U.S. It is", "Washington, D.C. The city", "Downing St. It's")."""
_TITLES_BEFORE_A_NAME = frozenset(
    "Mr Mrs Ms Mx Prof Rev Gen Capt Lt Col Sgt Gov Sen Rep Pres Hon Vs Ft Cf Viz Ca Approx "
    "Incl Excl Ext".split())
"""Capitalised abbreviations that no sentence ends with ("Mr.") or that a title or an example
may follow ("Stones Vs. The Beatles", "Cf. The Times"; a sentence's "E.g." and "I.e." are no
initials: not all capitals). "No." has its own rule (``_number_follows_no``)."""
_SURNAMES_AFTER_DR = frozenset("He So On In Do An Go".split())
"""First words that are surnames too: "Dr. He Jiankui" ("Dr." is no street's there)."""


def _first_word_follows(text: str, i: int, k: int, at_end: bool) -> _Status:
    """The period at ``i`` after initials or an abbreviation that go on before a name ends a
    sentence when they are capitalised and the word at ``k`` is one of ``_FIRST_WORDS``
    (whole: "It" may become "Italy"); not a title's, nor an option's letter at a line's
    start or after a colon ("A. The nucleus"). NOT otherwise, UNKNOWN until the word ends."""
    word, start = _word_before(text, i)
    if not word[:1].isupper() or word in _TITLES_BEFORE_A_NAME:
        return _Status.NOT
    if "." in word and not word.isupper():
        return _Status.NOT  # "E.g. The Beatles", "I.e. The"
    b = _skip_back(text, start, " \t")
    if len(word) == 1 and (b == 0 or text[b - 1] in "\n:："):
        return _Status.NOT  # an option's letter: "A. The nucleus", "Answer: B. The wall"
    end = k
    while end < len(text) and (text[end].isalpha() or text[end] in "'’-"):
        end += 1
    following = text[k:end].replace("’", "'")
    if end == len(text) and not at_end:
        growing = any(first.startswith(following) for first in _FIRST_WORDS)
        return _Status.UNKNOWN if growing else _Status.NOT
    if word == "Dr" and following in _SURNAMES_AFTER_DR:
        return _Status.NOT
    if following == "I" and text[end : end + 1] == ".":
        return _Status.NOT  # an initial: "J. R. I. Smith"
    return _Status.FINAL if following in _FIRST_WORDS else _Status.NOT


LIST_ITEM_MAX = 200
"""How far after a "1." that follows a word its list's "2." may come (``_first_item``)."""
_ITEM_END = re.compile(r"[.!?]\s|\n")
_ITEM_TWO = re.compile(r"2\.\s")


_LIST_LEADS = frozenset(
    "it this that these those them follows following below here how do steps".split())
"""Words no value's number follows, that a list may ("To fix it 1. Open", "Do this 1. Open"):
a "1." after another word is a value's and ends a sentence at once ("on cylinder 1. Swap",
"Set it to 1. Then"), without waiting for the next sentence's end to look for a "2."."""


def _one_after_a_word(text: str, i: int) -> bool:
    """The period at ``i`` follows a "1" that follows one of ``_LIST_LEADS``: "To fix it 1."."""
    word, start = _word_before(text, i)
    if word != "1" or text[start - 1 : start] not in (" ", "\t"):
        return False
    return _word_before(text, start - 1)[0].lower() in _LIST_LEADS


def _first_item(text: str, i: int, k: int, at_end: bool) -> _Verdict:
    """The period at ``i`` after "it 1", before the capital at ``k``: a list's first number
    without the colon before it ("To fix it 1. Open the file. 2. Save it") if its item's
    sentence, within ``LIST_ITEM_MAX``, is followed by "2." (a boundary then before the "1",
    whose item it keeps: "To fix it" | "1. Open the file."); else a sentence's end ("Set it
    to 1. Then restart. Done"); UNKNOWN until that sentence's end and the word after it."""
    number = i - 1
    before_number = _Verdict(_Status.FINAL, _Kind.SENTENCE, number, i + 1)
    end = _ITEM_END.search(text, k, min(len(text), k + LIST_ITEM_MAX))
    if end is None or end.group() == "\n":
        decided = end is not None or at_end or len(text) >= k + LIST_ITEM_MAX
        return _Verdict(_Status.FINAL if decided else _Status.UNKNOWN, _Kind.SENTENCE, i + 1, i + 1)
    after = _skip_space(text, end.end())
    if _ITEM_TWO.match(text, after):
        return before_number
    if not at_end and "2.".startswith(text[after:]):  # "", "2" or "2." may become "2. Save"
        return _Verdict(_Status.UNKNOWN, _Kind.SENTENCE, i + 1, i + 1)
    return _Verdict(_Status.FINAL, _Kind.SENTENCE, i + 1, i + 1)


def _number_follows_no(text: str, i: int, j: int, k: int, at_end: bool) -> _Status:
    """The period at ``i`` after "No", before closers up to ``j`` and the word at ``k`` (not
    lowercase): "No." for "number" goes on after an identifier's word ("Reference No. RF-88")
    and before a number or a word with a digit in it ("No. 5", "Patent No. US7654321"), which
    needs the word whole; else "No." is the answer and ends a sentence ("No. That is wrong",
    "**No.** It"); UNKNOWN while the word may still be arriving."""
    start = _word_before(text, i)[1]
    if IDENTIFIER_BEFORE_NO.search(text, max(0, start - 40), start) is not None:
        return _Status.NOT
    if j > i + 1:
        return _Status.FINAL  # no number's "No." is closed: "**No.** It is", '"No." He'
    end = k
    while end < len(text) and (text[end].isalnum() or text[end] in "#-'’"):
        end += 1
    if end == len(text) and not at_end:
        return _Status.UNKNOWN  # "A" may become "A113"
    return _Status.NOT if any(c.isdigit() or c == "#" for c in text[k:end]) else _Status.FINAL


_TIME_OF_DAY = re.compile(r"(?:\d{1,2}(?::\d{2})?)?[AaPp]\.[Mm]")
_AFTER_A_TIME_GOES_ON = CALENDAR_NAMES | frozenset(
    "Eastern Pacific Central Mountain Atlantic Alaska Hawaii Standard Daylight Local Time".split())
"""Capitalised words that go on with the time before them: "5 p.m. Friday", "9 a.m. Eastern"."""


def _ends_a_time(text: str, i: int) -> bool:
    """The period at ``i`` ends "a.m." or "p.m." after a time ("at 5 p.m.", "3:30p.m."): no
    initials, and no prime minister ("P.M. Modi")."""
    word, start = _word_before(text, i)
    return (_TIME_OF_DAY.fullmatch(word) is not None
            and (word[0].isdigit() or _number_before(text, start)))  # fmt: skip


def _after_a_time(text: str, k: int, at_end: bool) -> _Status:
    """After "5 p.m." the next word, at ``k``, starts a sentence if it is capitalised ("at 5
    p.m. Please arrive early") but not a time zone, a weekday or a month ("5 p.m. PT", "9
    a.m. Monday"), which needs the word whole; anything else goes on ("5 p.m. (ET)")."""
    end = k
    while end < len(text) and text[end].isalpha():
        end += 1
    if end == len(text) and not at_end:
        return _Status.UNKNOWN  # "P" may become "PT" or "Please"
    word = text[k:end]
    if not word[:1].isupper() or word in _AFTER_A_TIME_GOES_ON:
        return _Status.NOT
    return _Status.NOT if len(word) >= 2 and word.isupper() else _Status.FINAL  # PT  EST  UTC


GOES_ON_BEFORE_LOWERCASE = frozenset(
    "etc al esp est ref resp misc orig avg appt ed eds univ dept assoc govt intl natl bros inc "
    "corp ltd cu".split())  # cu: "28 cu. ft. capacity"
"""Abbreviations with a vowel that a lowercase word often follows ("et al. found", "esp. when",
"2nd ed. of"), in any case: their period is not a sentence's end there (module docstring)."""
JOURNAL_WORDS = frozenset(
    "Engl Med Natl Acad Sci Proc Phys Lett Chem Soc Biol Psychol Clin Assoc Res Ann Intern "
    "Pharmacol Neurol Epidemiol Nutr Physiol Environ Geophys Astrophys Econ Stud Educ".split())
"""Words of journals' abbreviated names, capitalised: their period ends no sentence ("N. Engl.
J. Med. 357 (2007)", "Proc. Natl. Acad. Sci. USA"), as no sentence ends with them."""
_CAPITALISED_GOES_ON = (NON_FINAL_BEFORE_NUMBER | STREET_TYPES | COMPANY_SUFFIXES
                        | NON_FINAL_CAPITALISED | PLACE_ABBREVIATIONS | JOURNAL_WORDS)
"""Likewise as written, capitalised: "Open Mon. through Sat.", "the 9th Cir. held", "Acme Co.
and", "Phila. (as of 2020) had", "Austin, Tex. is" (lowercase, "the sun. it was warm" ends a
sentence)."""
_VOWELS = frozenset("aeiouyAEIOUY")
_MONTH_ABBREVIATIONS = frozenset("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split())
"""A month's short name, whose period goes on before a lowercase word: "mid-Nov. (fall
colors)", "in Jan. and"."""
_NUMBER_HYPHEN = re.compile(r"[$€£¥]?\d[\d,]*(?:\.\d+)?[-/]")
"""A number (or a price) joined to a unit by a hyphen or a slash: "a 3-min. walk", "a 9-in.
pan", "$9.99/mo. for Basic"."""


def _is_a_unit(word: str, text: str, start: int) -> bool:
    """``word`` at ``start`` is a unit after a number ("2 lbs", "11 in")."""
    return (word in UNIT_ABBREVIATIONS or word == "in") and _number_before(text, start)


def _before_lowercase(text: str, i: int, marks_end: int, j: int) -> _Verdict:
    """The sentence marks ``text[i:marks_end]`` (then closers up to ``j``, then whitespace)
    before a lowercase word: a sentence's end in chat-style text ("sure. i can help"), except
    where the module docstring says the sentence goes on."""
    marks = text[i:marks_end]
    if marks_end < len(text) and text[marks_end] in _CLOSERS:  # a closer right after the marks
        return _Verdict(_Status.NOT, _Kind.SENTENCE, j, j)  # '"Why?" she asked', "(see 2.) and"
    if "…" in marks or ".." in marks:
        return _Verdict(_Status.FINAL, _Kind.CLAUSE, j, j)  # a pause: "well... i guess"
    if "!" in marks or "?" in marks:
        return _Verdict(_Status.FINAL, _Kind.SENTENCE, j, j)
    word, start = _word_before(text, i)
    if word.lower() == "no":  # "no. i don't think so" ("No. 5"), not "reference no. is"
        identifier = IDENTIFIER_BEFORE_NO.search(text, max(0, start - 40), start) is not None
        return _Verdict(_Status.NOT if identifier else _Status.FINAL, _Kind.SENTENCE, j, j)
    letters = [c for c in word if c.isalpha()]
    last = re.split("[-–/]", word)[-1]  # "mid-Nov.", "a 3-min. walk", "Mon.–Sat.", "$5/mo."
    goes_on = (
        _period_is_not_an_end(text, i)
        or word.lower() in GOES_ON_BEFORE_LOWERCASE
        or word in _CAPITALISED_GOES_ON
        or last in _CAPITALISED_GOES_ON or last in _MONTH_ABBREVIATIONS
        or (bool(letters) and _VOWELS.isdisjoint(letters))  # tbsp.  Ph.D.  pkg.
        or _is_a_unit(word, text, start)  # 2 lbs. of  11 in. tall
        or ((last in UNIT_ABBREVIATIONS or last == "in")  # a 9-in. pan, $9.99/mo. for
            and _NUMBER_HYPHEN.fullmatch(word[: -len(last)]) is not None)
    )
    return _Verdict(_Status.NOT if goes_on else _Status.FINAL, _Kind.SENTENCE, j, j)


class Segmenter:
    """Cuts a stream of text deltas into segments (see the module docstring).

    Args:
        policy: where segments end.
    """

    def __init__(self, policy: SegmenterPolicy | None = None) -> None:
        self.policy = policy or SegmenterPolicy()
        self._buf = ""
        self._scan = 0  # candidates before this index are settled and not acceptable
        self._first = True
        self._short = 0  # a first segment's last sentence end, too short to cut yet (0: none)
        self._still_first = False  # the cut just made was a short first one: the next is too
        self._in_code = False  # the buffer starts inside a fenced code block
        self._line_start = True  # the buffer starts a line (a fence may open at its start)

    @property
    def buffered_chars(self) -> int:
        """Characters received and not yet returned in a segment."""
        return len(self._buf)

    def push(self, delta: str) -> list[str]:
        """Add a delta; returns the segments that became certain (often none)."""
        settled = not self._buf or self._buf[-1].isspace()
        self._buf += delta
        if settled and delta.isspace():
            return []  # more whitespace after whitespace decides nothing (and costs nothing)
        return self._drain(at_end=False)

    def flush(self) -> list[str]:
        """Return everything buffered as segments; the next text starts a first segment."""
        segments = self._drain(at_end=True)
        rest = self._buf.strip()
        if rest:
            segments.append(rest)
        self._buf, self._scan, self._first, self._short = "", 0, True, 0
        self._in_code, self._line_start = False, True
        return segments

    def _drain(self, at_end: bool) -> list[str]:
        segments = []
        while (end := self._next_cut(at_end)) is not None:
            segments.append(self._buf[:end].strip())
            self._in_code = self._in_code_at(bisect_right(self._fences(), end))
            self._line_start = self._buf[end - 1] == "\n"
            self._buf, self._scan, self._short = self._buf[end:], 0, 0
            self._first, self._still_first = self._still_first, False
        return segments

    def _fences(self) -> list[int]:
        """Where each code fence in the buffer ends: ``` or ~~~ at a line's start (called on
        every push, so a buffer without a fence's marks is not scanned)."""
        if "```" not in self._buf and "~~~" not in self._buf:
            return []
        return [fence.end() for fence in _FENCE.finditer(self._buf)
                if fence.start() > 0 or self._line_start]  # fmt: skip

    def _in_code_at(self, fences_before: int) -> bool:
        """Inside a fenced code block after ``fences_before`` of the buffer's fences."""
        return self._in_code != (fences_before % 2 == 1)

    def _rule(self) -> tuple[frozenset[_Kind], int]:
        """Boundary kinds that may end the current segment, and its minimum length."""
        policy = self.policy
        if policy.mode is SegmentMode.FLUSH_ONLY:
            return frozenset(), 1
        if policy.mode is SegmentMode.SENTENCE:
            return frozenset({_Kind.SENTENCE}), 1
        if self._first:
            return frozenset(_Kind), policy.first_segment_min_chars
        return frozenset({_Kind.SENTENCE}), policy.min_chars

    def _next_cut(self, at_end: bool) -> int | None:
        """End index of the next segment in the buffer, or None to wait for more text."""
        buf = self._buf
        start = _skip_space(buf, 0)
        if start == len(buf):
            return None
        # a segment's text ends at or before this (and holds at least one character)
        limit = max(_index_at_length(buf, start, self.policy.max_chars), start + 1)
        kinds, min_len = self._rule()
        fences = self._fences()
        pos = max(self._scan, start)
        wait_end = self._short and _index_at_length(buf, self._short, FIRST_SENTENCE_WAIT)
        while (match := _CANDIDATE.search(buf, pos)) is not None:
            if self._short and match.start() >= wait_end:
                self._still_first = True
                return self._short  # "In short – yes." | "The warranty covers ..."
            in_code = self._in_code_at(bisect_right(fences, match.start()))
            verdict = _classify(buf, match.start(), at_end, in_code)
            if verdict.status is _Status.UNKNOWN or verdict.end > limit:
                break
            if verdict.status is _Status.FINAL and verdict.kind in kinds:
                if spoken_length(buf[start : verdict.end].rstrip()) >= min_len:
                    return verdict.end
                if self._first and buf[match.start()] == "\n":
                    lead = _list_follows(buf, match.start() + 1, at_end)
                    if lead is _Status.UNKNOWN:
                        break
                    if lead is _Status.FINAL:
                        return verdict.end
                    if _ends_with_a_clause_mark(buf, start, match.start()):
                        self._still_first = True
                        return verdict.end  # a salutation: "Dear Mr. Smith," | "I hope"
                if self._first and verdict.kind is _Kind.SENTENCE:
                    self._short = verdict.end
                    wait_end = _index_at_length(buf, self._short, FIRST_SENTENCE_WAIT)
            pos = self._scan = verdict.after
        else:  # every candidate is settled: the wait is over once all its text has come
            if self._short and (wait_end < len(buf)
                                or spoken_length(buf[self._short :]) >= FIRST_SENTENCE_WAIT):
                self._still_first = True
                return self._short
        if len(buf.rstrip()) > limit:
            return self._forced_cut(buf, start, limit, at_end, fences)
        return None

    def _forced_cut(self, buf: str, start: int, limit: int, at_end: bool,
                    fences: list[int]) -> int | None:
        """Cut a too-long segment: last boundary in the window (if it keeps a third of it),
        else the last whitespace, else hard at ``max_chars``; None while a boundary in the
        window still depends on text that has not arrived."""
        best = None
        pos = start
        while (match := _CANDIDATE.search(buf, pos, limit + 1)) is not None:
            in_code = self._in_code_at(bisect_right(fences, match.start()))
            verdict = _classify(buf, match.start(), at_end, in_code)
            if verdict.end > limit:  # a run of marks past the window: no cut in it can be
                break  # used, whatever follows the run (so waiting for it would only grow it)
            if verdict.status is _Status.UNKNOWN:
                return None
            if verdict.status is _Status.FINAL and verdict.end <= limit:
                best = verdict.end
            pos = verdict.after
        keep = self.policy.max_chars // 3
        if best is not None and spoken_length(buf[start:best].rstrip()) >= keep:
            return best
        return _word_break(buf, start, limit, keep)


def _ends_with_a_clause_mark(buf: str, start: int, i: int) -> bool:
    """The first line, ``buf[start:i]``, ends with ``, : ;`` or ``，：；``: a salutation ("Dear
    Mr. Smith,", "Hi Sarah,", "尊敬的张先生：") or a lead ("Here's the code:"), a first
    segment of its own however short, not read on into the letter's first sentence."""
    k = _skip_back(buf, i, " \t", start)
    return k > start and buf[k - 1] in ",:;，：；" and "\n" not in buf[start:k]


_LIST_ITEM = re.compile(r"[ \t]*(?:\d{1,2}[.)]|[-*+•–])[ \t]")
_MAY_BECOME_A_LIST_ITEM = re.compile(r"[ \t]*(?:\d{1,2}[.)]?|[-*+•–])?")


def _list_follows(buf: str, k: int, at_end: bool) -> _Status:
    """FINAL where the line at ``k`` (or after a blank line) starts a list's item ("1. ",
    "- "): the short line before it is the list's lead ("Here are the steps"), a first
    segment of its own, not waiting for the whole first item; UNKNOWN while its start is
    arriving, NOT otherwise."""
    if k < len(buf) and buf[k] == "\n":
        k += 1
    if _LIST_ITEM.match(buf, k) is not None:
        return _Status.FINAL
    if not at_end and _MAY_BECOME_A_LIST_ITEM.fullmatch(buf, k) is not None:
        return _Status.UNKNOWN
    return _Status.NOT


_FENCE = re.compile(r"^[ \t]*(?:```|~~~)", re.MULTILINE)
"""A code fence: a line that starts (after its indent) with three backticks or tildes."""
_CONJUNCTION = re.compile(r"(?:and|but|because|unless|although|though|while|whereas)\s")


def _word_break(buf: str, start: int, limit: int, keep: int) -> int:
    """Where a segment with no boundary in ``buf[start:limit]`` is cut: before the last
    conjunction in it ("... to the client" | "and the whole thing", not "and the whole" |
    "thing") if that keeps ``keep``, else at the last whitespace not after a number (a number
    goes with its unit or noun: not "costs 25" | "dollars", "5" | "km"), else at the last
    whitespace, else hard at ``limit``. Only ``buf[:limit + 1]`` is read: it is all there
    whenever a cut is forced."""
    last = after_number = None
    for i in range(limit, start, -1):
        if not buf[i].isspace():
            continue
        conjunction = _CONJUNCTION.match(buf, i + 1, limit + 1) is not None
        if conjunction and spoken_length(buf[start:i].rstrip()) >= keep:
            return i
        if last is None and _number_before(buf, i + 1):
            after_number = after_number or i
        elif last is None:
            last = i
        if conjunction and last is not None:
            break  # an earlier conjunction keeps less
    last = last or after_number
    return limit if last is None else last


def split_long(text: str, max_chars: int) -> list[str]:
    """``text`` (a segment after normalisation) in pieces of at most ``max_chars``, cut where
    ``Segmenter`` would force a cut (last boundary, else last space); one piece when it fits.

    Why: the limit applies to the text as sent, and normalisation can make it several times
    longer (a list of phone numbers, 250 digits read one by one); the model degrades on long
    input whatever made it long.
    """
    if spoken_length(text) <= max_chars:
        return [text]
    pieces = _cut_at_most(text, max_chars)
    if len(pieces) >= 2 and spoken_length(pieces[-1]) < max_chars // 4:
        # a text just over the limit would leave a word or two alone ("policy."): the last
        # two pieces are cut again nearer their middle
        pair = f"{pieces[-2]} {pieces[-1]}"
        pieces[-2:] = _cut_at_most(pair, max(1, spoken_length(pair) * 3 // 5))
    return pieces


def _cut_at_most(text: str, max_chars: int) -> list[str]:
    segmenter = Segmenter(SegmenterPolicy(SegmentMode.FLUSH_ONLY, 1, 1, max_chars))
    return [piece for piece in segmenter.push(text) + segmenter.flush() if piece]


def model_texts(raw: str, max_chars: int, after_chinese: bool = False) -> list[str]:
    """What one raw segment sends to the model: normalised, cut to ``max_chars``
    (``split_long``), pieces with nothing to read (no letter or digit) dropped.
    ``after_chinese``: the answer's previous segment was read as Chinese
    (``normalize.reads_chinese``; the caller keeps it, one answer's segments in order)."""
    return [piece for piece in split_long(normalize_text(raw, after_chinese).strip(), max_chars)
            if speakable(piece)]  # fmt: skip
