r"""Symbols and signs read as words (``&``, ``=``, ``→``, ``±``, math signs, Greek letters;
their Chinese words in text read as Chinese), and the spacing cleanup that runs last.

What is covered
---------------
- **Symbols**: a note's ``E♭``, ``F♯`` (E flat, F sharp), ``& @ + = # % ‰ © ° ± +/- × ÷ < > ≤ ≥ ≠ ≈ ~ § √ ∞``
  (one degree after "per", "each", "a": ``per °C`` -> per degree Celsius; ``>`` joined to an
  amount after a word, ``for >60 min`` -> for more than sixty minutes), the minus sign between
  terms (``3x − 5``, ``a − b``), signs of sets, logic and calculus (``x ∈ ℝ`` -> x in R,
  ``x ∈ [0, 1]`` -> x in the interval from zero to one, ``A ∩ B``, ``∀``, ``∃``, ``∑``,
  ``∫``; in Chinese 属于, 交 ...), a factorial before an operator or
  "is" (``10! = 3,628,800`` -> ten factorial equals ...) (``≈`` after a value or a
  variable is "is approximately", ``π ≈ 3.14``, so spaced after a noun, ``My 1RM ≈ 185 lb``,
  ``the total ≈ $1,200``; after a verb or a preposition "about", ``takes ≈5 hours``, ``costs ≈
  $5``; after
  "about", "around", "roughly" ... neither it nor ``~`` is read: ``about ~5 min``; after an
  article ``~`` is "roughly", ``a ~10-day trip``; after a value
  with its unit or currency too, ``1 mile ≈ 1.609 km``, ``€355 ≈ $383``; LaTeX's ``\approx``
  likewise); code's
  comparisons (``x == 2``
  -> x is equal to two; ``===``, ``!==``: strictly) and ``a || b`` (or); arrows (``-> => → ⇒ ⟶ ➜``
  to; between equations so, ``3x + 7 = 22 → x = 5``; in a chemical equation yields, ``2H2 + O2
  → 2H2O``, ``⇌`` is in equilibrium with, and a state's letters words, ``NaCl(aq)`` -> NaCl
  aqueous; ``←`` from, ``↔`` and, ``⇔`` if and
  only if; ``↑ ↓ ▲ ▼`` before a change, up and down,
  ``(↑18%)``, unless a word says which way: "fell ↓3.2%"); ``over/under`` (a bet's total);
  ``#1`` -> number one; a hashtag (``#AI`` ->
  hashtag AI; a Chinese topic, ``#人工智能#``, is its words); ``/`` between words ("and/or" -> and or,
  ``he/she``, ``yes/no`` -> he or she, yes or no, two plurals "and", ``stocks/bonds``,
  ``pros/cons`` -> pros and cons (not units, ``mins/secs``, nor a folder's path, ``in
  assets/images``), otherwise "slash"; a number or a variable over a
  bracket, ``1/(2πRC)``, ``x/(1+x)``: over; spaced, ``d / t`` between lone letters or after ``=`` in its clause,
  ``BMI = weight / height``: divided by; after a bracket, ``n(n+1)/2``, ``(n - 1) / 2``: over), ``P(A|B)`` (A
  given B), ``§§`` (sections), a Mac's keys
  (``⌘ ⌥ ⇧ ⌃``: Command, Option, Shift, Control), a minus before a variable (``(-b``), a
  function's empty brackets (``get_user()``); `` > `` between capitalised
  words is a menu path ("Settings > Privacy" -> Settings, then Privacy; so is an arrow's in a
  chain or after "Go to", "Open" ...: ``Settings → General → About``).
"""

from __future__ import annotations

import re
import unicodedata

from voice_server.text.normalize.cues import CJK, LATIN_LETTER, SENTENCE_END_AHEAD, occurs_near
from voice_server.text.normalize.numbers import per_word
from voice_server.text.normalize.units import UNITS
from voice_server.text.rules import Rule


_MATH_OPERAND_BEFORE = re.compile(
    r"(?:(?<![\w'])[A-Za-z]|(?<![\w'])[A-Z]{2,6}|[)\]²³\dπ]"
    r"|\b(?:pi|squared|cubed|zero|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen|(?:twen|thir|"
    r"for|fif|six|seven|eigh|nine)ty|hundred|thousand|million|billion))\s*$")  # fmt: skip
"""A variable, pi, a bracket, a power or a number (already read as words) just before ``≈``: a
relation between two values (``x ≈ 2.5``, a quantity's capitals, ``TDEE ≈ 2,150``), where
another word before it (``takes ≈5 hours``) makes it "about"."""


_VALUE_WITH_UNIT_BEFORE = re.compile(
    r"(?:^|[\s(-])(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"(?:thir|four|fif|six|seven|eigh|nine)teen|(?:twen|thir|for|fif|six|seven|eigh|nine)ty|"
    r"hundred|thousand|million|billion|point \w+)\s+[a-z]{1,12}(?:\s+(?:squared|cubed|"
    r"per\s+[a-z]{1,10}))?\s*$")  # fmt: skip
"""A value with its unit just before ``≈``: ``1 mile ≈ 1.609 km`` ("one mile is approximately
..."; was "one mile about"), ``€355 ≈ $383`` (three hundred fifty-five euros, by then)."""


def _approximately(m: re.Match[str]) -> str:
    """``π ≈ 3.14`` -> "pi is approximately ..."; ``takes ≈5 hours`` -> "takes about ..."."""
    if (_MATH_OPERAND_BEFORE.search(m.string, max(0, m.start() - 12), m.start())
            or _VALUE_WITH_UNIT_BEFORE.search(m.string, max(0, m.start() - 40), m.start())):
        return " is approximately "
    if m.string[m.start() - 1 : m.start()] == " " and m.string[m.end() : m.end() + 1] == " ":
        clause = re.split(r"[\n,;:(.!?]", m.string[max(0, m.start() - 60) : m.start()])[-1].split()
        if 0 < len(clause) <= 6 and not _ABOUT_AFTER.fullmatch(clause[-1]):
            return " is approximately "  # a noun's value: The total ≈ 42, 1RM ≈ 185 lb
    return " about "


_ABOUT_AFTER = re.compile(
    r"(?i:is|are|was|were|be|been|of|for|at|in|on|to|by|from|with|within|over|under|into|than|"
    r"just|only|still|now|then|so|and|or|but|plus|minus|times|"
    r"takes?|took|costs?|weighs?|lasts?|needs?|uses?|"
    r"runs?|ran|gets?|got|has|have|had|reach(?:es)?|makes?|made|pays?|paid|spends?|spent|"
    r"burns?|adds?|loses?|lost|gains?|saves?|earns?|holds?|yields?|returns?|becomes?|"
    r"\w+ed|\w+'\w+)")
"""A verb, a preposition or a word of degree before a spaced ``≈``: "about" (``costs ≈ $5``),
where after a noun it relates the noun to its value (``The total ≈ 42``: is approximately)."""


_QUOTE_MARK = re.compile(r"\"|(?<!\w)'|'(?!\w)")
"""A quotation mark: a double one, or a single one not inside a word (``don't``)."""


def _quotes_unspaced(m: re.Match[str]) -> str:
    """A line's quotes without the spaces a number's reading left inside their ends: ``"give
    me five "`` -> ``"give me five"``, ``' January first '`` -> ``'January first'``. Marks of
    a kind pair in their order on the line, so that a closing one is never taken for an
    opening one (``"a." and "b."`` keeps its "and" apart); a single one after a letter, none
    open, is a plural's apostrophe (``the players' 'give me 5' moment``), no opening one; one
    pass, linear in the line."""
    line = m[0]
    gone: set[int] = set()
    opened: dict[str, int] = {}
    for mark in _QUOTE_MARK.finditer(line):
        q, at = mark[0], mark.start()
        start = opened.pop(q, None)
        if start is None:
            if q == "'" and at and line[at - 1].isalnum():
                continue  # the players' 'best': an apostrophe, none open to close (was paired)
            opened[q] = at
            continue
        inside = line[start + 1 : at]
        if (inside.strip() and at - start <= 202 and (start == 0 or line[start - 1] in " ([=,:")
                and not line[at + 1 : at + 2].isalnum()):  # fmt: skip
            gone.update(i for i in (start + 1, at - 1) if line[i] == " ")
    return "".join(c for i, c in enumerate(line) if i not in gone) if gone else line


_PLACE_BEFORE = re.compile(r"\b(?i:in|into|to|under|inside|within|from|at|open|cd)\s$")


def _plurals_joined(m: re.Match[str]) -> str:
    """``stocks/bonds`` -> "stocks and bonds": two plurals named together, as "pros and cons";
    units (``mins/secs``) keep their slash."""
    if any(w.lower() in UNITS or w.lower()[:-1] in UNITS for w in (m[1], m[2])):
        return m[0]
    if _PLACE_BEFORE.search(m.string, max(0, m.start() - 12), m.start()):
        return m[0]  # in assets/images: a folder's path
    if m[1].lower() != "pros" and _CHOICE_BEFORE.search(m.string, max(0, m.start() - 24),
                                                        m.start()):
        return f"{m[1]} or {m[2]}"  # use spaces/tabs: one or the other
    return f"{m[1]} and {m[2]}"


_CHOICE_BEFORE = re.compile(r"\b(?i:use|using|uses|choose|choosing|pick|prefer|prefers|either|"
                            r"whether|indent with)\s(?:either\s)?$")
"""A verb of choice before two plurals: ``Use spaces/tabs`` -> "spaces or tabs", one or the
other (``stocks/bonds mix`` -> and)."""
_TIME_SPAN_BEFORE = re.compile(r"\b(?:day|week|month|year|hour|minute|second|date|time|night|"
                               r"daily|weekly|monthly|yearly|hourly|annual)s?$", re.I)
"""A span of time before ``/month``: a choice of spans or a date's parts (``day/month``), no
rate."""


_FILE_EXTENSIONS = ("txt|py|js|ts|tsx|jsx|json|yaml|yml|toml|md|csv|pdf|docx?|xlsx?|pptx?|html?|css|"
                    "conf|cfg|ini|env|log|sh|png|jpe?g|gif|svg|zip|mp3|mp4|wav|exe|sql|xml|ipynb")
"""A file's extension: its period is read "dot" (``notes.txt``), not as a sentence's stop."""

_AT_MOST, _AT_LEAST, _NOT_EQUAL, _ARROW = r"<=|≤", r">=|≥", r"!=|≠", r"->|=>|→|←|⇔|↔"
_ARROWS = {"←": " from ", "⇔": " if and only if ", "↔": " and "}  # Tokyo ↔ Osaka; else " to "
_ARROWS_ZH = {"←": "来自", "⇔": "当且仅当", "↔": "和"}  # else 到

_HASH = re.compile(f"#(?:(?P<topic>[{CJK}][^#\\s]{{0,30}})#|(?P<zh>)(?=[{CJK}])"
                   r"|(?P<tag>)(?<![\w&#]#)(?=[A-Za-z])(?!(?:include|define|ifn?def|endif|pragma|undef)\b)"
                   r"|)")


def _hash(m: re.Match[str]) -> str:
    """A Chinese topic's hashes are not read (``#人工智能#``, ``#春节快乐``), a hashtag is one
    (``#AI``; not C's ``#include``), any other hash is "hash"."""
    if m["topic"] is not None:
        return m["topic"]
    return "" if m["zh"] is not None else " hashtag " if m["tag"] is not None else " hash "


_EQUATION_BEFORE_ARROW = re.compile(r"(?<![=<>!])=(?![=>])[^=\n→]{0,40}$")
_EQUATION_AHEAD_ARROW = re.compile(r"[^=\n→]{0,40}?(?<![=<>!-])=(?![=>])")


def _arrow(m: re.Match[str]) -> str:
    """``←`` "from", ``↔`` "and" ... (``_ARROWS``); between equations "so" (``3x + 7 = 22 →
    x = 5``; was "to"); else "to" (Tokyo → Osaka)."""
    if m[0] in _ARROWS:
        return _ARROWS[m[0]]
    text = m.string
    if (_EQUATION_BEFORE_ARROW.search(text, max(0, m.start() - 60), m.start())
            and _EQUATION_AHEAD_ARROW.match(text, m.end())):  # fmt: skip
        return " so "
    if _CLAUSE_AHEAD.match(text, m.end()):
        return ", then " if _IMPERATIVE_AHEAD.match(text, m.end()) else ", "
    return " to "


_CLAUSE_AHEAD = re.compile(r"[ \t]*(?:(?:it|that|there|here|this|you|we|they|he|she|I|which|then|"
                           r"so|now|click|tap|select|choose|press|open|run|restart|enter|type)"
                           r"(?:['’](?:s|ll|re|ve|d))?\b(?![-/])|it['’]s\b)")
"""A clause after an arrow, ``the guide → it's short``, ``→ then click Save``: a pause, no
"to" (was "the guide to it's short")."""
_IMPERATIVE_AHEAD = re.compile(r"[ \t]*(?:click|tap|select|choose|press|open|run|restart|enter|"
                               r"type)\b")


_MENU_VERB_BEFORE = re.compile(r"\b(?:[Gg]o to|[Oo]pen|[Tt]ap|[Cc]lick|[Ss]elect|[Nn]avigate to|"
                               r"[Cc]hoose|[Hh]ead to|[Uu]nder)\s+(?:the\s+)?[A-Z][\w ]{0,30}$")
_ARROW_BEFORE = re.compile(r"[A-Za-z][ \t]*(?:→|->)[ \t]*[A-Z][^\n→]{0,40}$")
_ARROW_AHEAD = re.compile(r"[^\n→]{0,40}?[A-Za-z][ \t]*(?:→|->)[ \t]*[A-Z]")


def _menu_arrow(m: re.Match[str]) -> str:
    """An arrow between capitalised words of a menu path, ``Go to Settings → Privacy`` or a
    chain, ``Settings → General → About``: ", then" (as ``>`` is); else "to" (Tokyo → Osaka)."""
    before = m.string[max(0, m.start() - 50) : m.start()]
    if (_MENU_VERB_BEFORE.search(before) or _ARROW_BEFORE.search(before)
            or _ARROW_AHEAD.match(m.string, m.end())):
        return ", then "
    return _ARROWS.get(m[0].strip(), " to ")


def _equality(m: re.Match[str]) -> str:
    """A comparison in code: ``==`` "is equal to" ("equals equals" says the characters, not
    the test; and ``x = 2``, "x equals two", is an assignment there), ``===`` "is strictly
    equal to" (JavaScript's test without type conversion)."""
    return " is strictly equal to " if len(m[0]) == 3 else " is equal to "


def _dash(m: re.Match[str]) -> str:
    """A pause, but an en dash between words joins them: ``mass–energy``, ``Dunning–Kruger``;
    between two capitals alone it is a range's, ``zones A–C`` (A to C; was "A-C"), not in a
    chain of them, ``D–A–D–G–B–E``."""
    before, after = m.string[m.start() - 1 : m.start()], m.string[m.end() : m.end() + 1]
    joins = m[0] == "–" and LATIN_LETTER.fullmatch(before) and LATIN_LETTER.fullmatch(after)
    if joins and _LETTER_RANGE.match(m.string, m.start() - 1):
        return " to "
    return "-" if joins else ", "


_LETTER_RANGE = re.compile(r"(?<![\w'–-])[A-Z]–[A-Z](?![\w'–-])")
"""Two capitals alone: ``zones A–C``; not a chain of them, ``D–A–D–G–B–E`` (a guitar's
tuning, was "D to A to D ..."), which stays joined."""


_MATH_SYMBOLS = {"∑": "the sum", "∫": "the integral of", "∈": "in", "∉": "not in",
                 "∩": "intersect", "∪": "union", "⊂": "subset of", "⊆": "subset of", "∀": "for all",
                 "∃": "there exists", "∂": "partial", "∇": "nabla", "∴": "therefore",
                 "∵": "because", "¬": "not", "∧": "and", "∨": "or", "ℝ": "R", "ℕ": "N", "ℤ": "Z",
                 "ℚ": "Q", "ℂ": "C"}  # fmt: skip
"""Signs of sets, logic and calculus as they are said (were dropped: ``x ∈ ℝ`` read "x ℝ",
``A ∩ B`` "A B")."""
_MATH_SYMBOLS_ZH = {"∑": "求和", "∫": "积分", "∈": "属于", "∉": "不属于", "∩": "交", "∪": "并",
                    "⊂": "包含于", "⊆": "包含于", "∀": "对于所有", "∃": "存在", "∴": "所以",
                    "∵": "因为"}  # fmt: skip
_MATH_SIGN = re.compile(f"[{''.join(_MATH_SYMBOLS)}]")


_BOUND = r"[-−+]?(?:[\w.]{1,12}|∞)"
_INTERVAL_AFTER_IN = re.compile(rf"([∈∉])[ \t]*[\[(][ \t]*({_BOUND})[ \t]*,[ \t]*({_BOUND})"
                                r"[ \t]*[\])]")
"""An interval after "in": ``x ∈ [0, 1]``, ``t ∈ (0, ∞)`` (its brackets were dropped and its
comma read as a pause: "x in zero, one")."""


def read_math_signs(text: str, mostly_cjk: bool) -> str:
    """``x ∈ ℝ`` -> "x in R", ``A ∩ B`` -> "A intersect B" (属于, 交 ... in Chinese),
    ``x ∈ [0, 1]`` -> "x in the interval from 0 to 1": run on text that is not ASCII alone,
    before the signs are dropped as unreadable."""
    if mostly_cjk:
        return _MATH_SIGN.sub(lambda m: _MATH_SYMBOLS_ZH.get(m[0]) or f" {_MATH_SYMBOLS[m[0]]} ", text)
    if "∈" in text or "∉" in text:
        text = _INTERVAL_AFTER_IN.sub(lambda m: f"{m[1]} the interval from {m[2]} to {m[3]} ", text)
    return _MATH_SIGN.sub(lambda m: f" {_MATH_SYMBOLS[m[0]]} ", text)


_MINUS_BETWEEN = r"(?<=[\w)\]²³\x00])[ \t]*−[ \t]*(?=[\w(√\x00])"
"""The minus sign between two terms: ``3x − 5``, ``a − b`` (was dropped: "three x five")."""

_SHELL_VARIABLE = re.compile(r"\$(?:\{(?P<braced>[A-Za-z_]\w*)\}|(?P<name>[A-Za-z_]\w*))")
_ENVIRONMENT_VARIABLES = frozenset("HOME PATH USER PWD SHELL EDITOR LANG TERM TMPDIR HOSTNAME "
                                   "PYTHONPATH VIRTUAL_ENV JAVA_HOME GOPATH LD_LIBRARY_PATH "
                                   "CUDA_HOME XDG_CONFIG_HOME".split())  # fmt: skip
_SHELL_WORDS = re.compile(r"\b(?:export|echo|printenv|env|cd|ls|mkdir|source|sudo|bash|zsh|"
                          r"shell|terminal|\.bashrc|\.zshrc|\.profile|variables?)\b|\$\{|=\$")
"""Words of a shell near ``$HOME``: a variable, said with its dollar ("dollar HOME")."""


def _shell_variable(m: re.Match[str]) -> str:
    """``echo $HOME`` -> "echo dollar HOME" (the dollar was dropped, "echo HOME"), as a
    shell's user says it: a well-known variable anywhere, another where shell words are near
    (``export``, ``echo``, ``${``...); else, as a ticker's ``$AAPL``, the sign goes."""
    name = m["braced"] or m["name"]
    if name in _ENVIRONMENT_VARIABLES or occurs_near(_SHELL_WORDS, m, 80, 40):
        return f" dollar {name} "
    return m[0]



SYMBOLS: list[Rule] = [
    # a scope's double colon: std::vector, Vec::new (colon colon; was "std:vector")
    Rule(re.compile(r"(?<=[A-Za-z_\d])::(?=[A-Za-z_~])"), " colon colon ", needs=("::",)),
    # a substitution's quote apart from its command's letter: sed 's/a/b/' (was joined to the
    # word before as a possessive, "sed's slash a")
    Rule(re.compile(r"(?<=\s)(['\"])(?=(?:s|y|tr)/[^/\n]*/[^/\n]*/)"), r"\1 ", needs=("/",)),
    # a spacing on center after inches or feet: studs 16" OC, 24 in. o.c. (was "OC"): on center
    Rule(re.compile(r"\b(?P<unit>inch|inches|feet|foot)\s+(?:OC|O\.C|o\.c)\b(?P<dot>\.)?"),
         lambda m: f"{m['unit']} on center" + ("." if m["dot"] and SENTENCE_END_AHEAD.match(
             m.string, m.end()) else ""), needs=("OC", "O.C", "o.c")),  # fmt: skip
    Rule(re.compile(_MINUS_BETWEEN), " minus ", needs=("−",)),
    Rule(re.compile(r"−(?=[\w(√])"), " minus ", needs=("−",)),  # −x
    Rule(re.compile(r"\band/or\b"), "and or", needs=("and/or",)),
    # a ratio of two words: the gold/silver ratio, debt/equity ratio (was "gold slash silver")
    Rule(re.compile(r"\b([A-Za-z]{2,})/([A-Za-z]{2,})(?= ratios?\b)"), r"\1 to \2",
         needs=(" ratio",)),
    # one of two words: he/she, his/her, yes/no, true/false (was "he slash she"; other words
    # keep their slash: "stocks/bonds", "input/output" may be both)
    Rule(re.compile(r"\b(?i:(he|she|his|her|him|himself|herself|yes|no|true|false))/"
                    r"(?i:(?!\1\b)(?:he|she|his|her|him|himself|herself|yes|no|true|false))\b(?!/)"),
         lambda m: m[0].replace("/", " or "), needs=("/",)),
    # two plurals, both of a kind: stocks/bonds, pros/cons, cats/dogs (was "stocks slash
    # bonds"); not units, mins/secs, nor a path's parts, src/tests/
    Rule(re.compile(r"(?<![\w/.-])([A-Za-z][a-z]+[^siu\W\d_]s)/([a-z]{2,}[^siu\W\d_]s)(?![\w/-])"),
         _plurals_joined, needs=("s/",)),
    # a noun per a span of time: downtime/month, visits/week (was "downtime slash month"); not
    # between spans or parts of a date, day/month/year
    Rule(re.compile(r"(?<=[a-z]{3})/(day|week|month|year|hour|hr|yr|mo|wk|min|minute|sec|"
                    r"second)\b(?!/)"),
         lambda m: m[0] if _TIME_SPAN_BEFORE.search(m.string, max(0, m.start() - 8), m.start())
         else f" per {per_word(m[1])}", needs=("/",)),
    Rule(re.compile(r"\b([Oo]ver)/under\b"), r"\1 under", needs=("ver/under",)),  # a bet's total
    Rule(re.compile(r"\b([ymq])/\1\b", re.I), lambda m: {"y": "year over year", "q": "quarter over "
         "quarter", "m": "month over month"}[m[1].lower()],  # y/y, m/m (not w/w: weight)
         needs=("/",)),
    Rule(re.compile(r"\b([A-Z]{1,5})/(?=[A-Z]{1,5}\b)"), r"\1 ",  # A/B testing, I/O, TCP/IP
         needs=("/",)),
    Rule(re.compile(r"(?<![A-Za-z0-9_])([CF])#(?![A-Za-z0-9_])"), r"\1 sharp", needs=("#",)),  # C#, F#, C#是
    Rule(re.compile(r"\b(Y|Q|M|W)o\1\b"), lambda m: {"Y": "year over year", "Q": "quarter over "
         "quarter", "M": "month over month", "W": "week over week"}[m[1]],  # YoY, QoQ
         needs=("Yo", "Qo", "Mo", "Wo")),
    Rule(re.compile(r"(?<![\w.])(\.\.?)/(?=[\w.])"),
         lambda m: " dot dot slash " if m[1] == ".." else " dot slash ",  # ./configure, ../lib
         needs=("/",)),
    Rule(re.compile(r"(?<=[A-Za-z])\.js\b"), " J S", needs=(".js",)),  # Node.js
    Rule(re.compile(r"(?<![\w.])\.(?=[A-Za-z]{2})"), "dot ",  # .NET, .env, a .com domain
         needs=(".",)),
    Rule(re.compile(rf"(?<=[A-Za-z0-9_])\.(?=(?:{_FILE_EXTENSIONS})\b)"), " dot ",  # app.py
         needs=(".",)),
    Rule(re.compile(r"\bw/(?=\s)"), "with", needs=("w/",)),
    Rule(re.compile(r"(?<![\w/])([Ww])/o\b(?!/)"), r"\1ithout", needs=("w/o", "W/o")),  # w/o sugar
    Rule(re.compile(r"(?<![\w/])([Bb])/c\b(?!/)"), r"\1ecause", needs=("b/c", "B/c")),  # b/c
    Rule(re.compile(r"(?<=\w)\(\)"), "", needs=("()",)),  # a function's call: get_user()
    Rule(re.compile(_AT_MOST), " at most ", needs=("<=", "≤")),
    Rule(re.compile(_AT_LEAST), " at least ", needs=(">=", "≥")),
    Rule(re.compile(r"!=="), " not strictly equal to ", needs=("!==",)),  # JavaScript's
    Rule(re.compile(_NOT_EQUAL), " not equal to ", needs=("!=", "≠")),
    Rule(re.compile(r"(?<![=!<>])={2,3}(?!=)"), _equality, needs=("==",)),  # x == 2, a === b
    # a menu path: Settings → General → About (Settings, then General ...; was "to")
    Rule(re.compile(r"(?<=[A-Za-z]{2})[ \t]*(?:→|->)[ \t]*(?=[A-Z][a-z])"), _menu_arrow,
         needs=("→", "->")),  # Step 1 → Step 2: a number read leaves two spaces before the arrow
    Rule(re.compile(_ARROW), _arrow, needs=("->", "=>", *"→←⇔↔")),
    Rule(re.compile(r"(?<![\w-])--(?=[a-z])"), " dash dash ",  # a command's option: --verbose
         needs=("--",)),
    Rule(re.compile(r"(?<![A-Za-z'][a-z])(?<=[a-z]) - (?=[a-z](?![\w']))"), " minus ",  # x - y
         needs=(" - ",)),
    Rule(re.compile(r"(?:(?<=[(=])|(?<=[(=] ))-(?=[A-Za-z](?![\w']))"), "minus ",  # (-b ± ...)
         needs=("(-", "( -", "=-", "= -")),
    Rule(re.compile(r"[–—]|(?<=\s)-(?=\s)|--+"), _dash, needs=("–", "—", "-")),
    Rule(re.compile(r"&&?"), " and ", needs=("&",)),  # && in a shell command too
    Rule(re.compile(r"@"), " at ", needs=("@",)),
    Rule(re.compile("(?<=\x00)\\+(?![\\d\x00])"), "多",  # 100+个 (a number kept for Chinese): 100多个
         needs=("\x00",)),
    Rule(re.compile(r"\+/?[-\u2212]"), " plus or minus ", needs=("+",)),  # +/- 2 mm
    Rule(re.compile(r"\+"), " plus ", needs=("+",)),
    Rule(re.compile(r"="), " equals ", needs=("=",)),
    Rule(re.compile(r"±"), " plus or minus ", needs=("±",)),
    # after a word that says it already, a tilde or ≈ is not read: about ~5 min (was "about
    # about")
    Rule(re.compile(r"\b((?i:about|around|approximately|roughly|nearly|almost|circa))"
                    r"[ \t]?[~≈][ \t]?"),
         r"\1 ", needs=("~", "≈")),
    Rule(re.compile(r"≈"), _approximately, needs=("≈",)),
    # after an article, roughly: a ~10-day mission (was "a about ten day mission")
    Rule(re.compile(r"\b([Aa])n?[ \t]+~[ \t]?(?=\w)"), r"\1 roughly ", needs=("~",)),
    # after "every", before it: every ~92 min (was "every about ninety-two minutes")
    Rule(re.compile(r"\b([Ee])very[ \t]+~[ \t]?(?=\w)"),
         lambda m: f"{'A' if m[1] == 'E' else 'a'}bout every ", needs=("~",)),
    Rule(re.compile(r"~(?=\s?\w)"), " about ", needs=("~",)),
    Rule(re.compile(r"<"), " less than ", needs=("<",)),
    Rule(re.compile(r"(?<=[A-Za-z]{2}) > (?=[A-Z][a-z])"), ", then ",  # Settings > Privacy
         needs=(" > ",)),
    Rule(re.compile(r">"), " greater than ", needs=(">",)),
    Rule(re.compile(r"×"), " times ", needs=("×",)),
    Rule(re.compile(r"÷"), " divided by ", needs=("÷",)),
    Rule(re.compile(r"%"), " percent ", needs=("%",)),
    Rule(re.compile(r"‰"), " per mille ", needs=("‰",)),  # 5‰: per thousand
    Rule(re.compile(r"(?<=\b[Cc]opyright)\s*©|(?<=\bCOPYRIGHT)\s*©"), "",  # Copyright © 2024
         needs=("©",)),
    Rule(re.compile(r"©"), " copyright ", needs=("©",)),  # © 2024 Acme
    # one degree after "per", "each", "a": 12 ppm per °C (was "per degrees Celsius")
    Rule(re.compile(r"\b((?i:per|each|a|one))[ \t]*°"), r"\1 degree ", needs=("°",)),
    Rule(re.compile(r"°"), " degrees ", needs=("°",)),
    Rule(re.compile(r"\b(degrees?)\s+([CF])\b(?![\w'-]|\.\w)"),  # 12 degrees C: Celsius
         lambda m: f"{m[1]} {'Celsius' if m[2] == 'C' else 'Fahrenheit'}", needs=("degree",)),
    Rule(re.compile(r"§\s?§"), " sections ", needs=("§",)),  # §§ 101-122
    Rule(re.compile(r"§"), " section ", needs=("§",)),
    Rule(re.compile(r"√"), " the square root of ", needs=("√",)),
    Rule(re.compile(r"∞"), " infinity ", needs=("∞",)),
    Rule(_HASH, _hash, needs=("#",)),
    Rule(re.compile(f"(?<=[{CJK}A-Za-z\x00])/(?=[{CJK}])"), "每",  # 29元/月: yuan per month
         needs=("/",)),
    Rule(re.compile(r"(?<=\w)/(?=\w)"), " slash ", needs=("/",)),
    Rule(re.compile(r"(?<=\))/(?=\(|[A-Za-z]\b)"), " over ", needs=(")/",)),  # (a+b)/c
    # a variable over a bracket: x/(1+x) (not a unit's, J/(mol·K), g/(kg·d), nor w/ "with")
    Rule(re.compile(r"(?<![\w.][A-Za-z])(?<=[abcdknptxyz])/(?=\()"), " over ",
         needs=("/(",)),
    # any other minus sign is one (it is never a hyphen): "= −π³" minus pi cubed, the
    # negative "(−)" terminal (both were dropped)
    Rule(re.compile(r"−"), " minus ", needs=("−",)),
    Rule(_SHELL_VARIABLE, _shell_variable, needs=("$",)),  # echo $HOME: dollar HOME
    Rule(re.compile(r"[~^*/|\\_`$€£¥₹₩₽¢{}\[\]]"), " "),  # code's brackets: arr[i], \d{3}
]

CJK_SYMBOLS: list[Rule] = [
    Rule(re.compile(_ARROW), lambda m: _ARROWS_ZH.get(m[0], "到"),  # first: "=>" is no "="
         needs=("->", "=>", *"→←⇔↔")),
] + [Rule(re.compile(pattern), words, needs) for pattern, words, needs in [
    (_AT_MOST, "小于等于", ("<=", "≤")), (_AT_LEAST, "大于等于", (">=", "≥")),
    ("!==", "不全等于", ("!==",)), (_NOT_EQUAL, "不等于", ("!=", "≠")), ("≈", "约等于", ("≈",)),
    ("(?<![=!<>])===(?!=)", "全等于", ("===",)), ("={1,2}", "等于", ("=",)),  # x==2: 等于
    (f"(?<=[{CJK}]) > (?=[{CJK}])", "，", (" > ",)),  # a menu path: 设置 > 隐私
    (f"(?<=[{CJK}])#(?=[A-Za-z0-9\x00])", "", ("#",)),  # 订单#A-102, #AI#话题: a code's, a topic's
    ("#(?=号)", "井", ("#号",)),  # 按#号键: 井号键
    (r"(?<![A-Za-z]{2} )<(?! [A-Z])", "小于", ("<",)),
    (r"(?<![A-Za-z]{2} )>(?! [A-Z])", "大于", (">",)),
    ("×", "乘", ("×",)), ("÷", "除以", ("÷",)), ("&", "和", ("&",)),
    ("±", "正负", ("±",)), ("√", "根号", ("√",)), (_MINUS_BETWEEN, "减", ("−",)),
    (r"\+", "加", ("+",)),  # 点击+号: 加号
    ("−", "负", ("−",)),  # a minus sign left: 负
    # a tilde between weekdays or Chinese numerals is a range's (周一~周五 周一到周五); any
    # other is a tone's (好的呢~有什么 好的呢，有什么; was "about"): a pause before a word
    ("(?<=[周期拜][一二三四五六日天])[ \t]?[~～][ \t]?(?=(?:周|星期|礼拜)[一二三四五六日天])|"
     "(?<=[一二三四五六七八九十两])[~～](?=[一二三四五六七八九十两])", "到", ("~", "～")),
    (r"[~～]+(?=[ \t]*\w)", "，", ("~", "～")),
]]
"""Symbols in mostly-CJK text (``reads_chinese``), read in Chinese (the numbers around them
stay as written there); what is left goes through ``SYMBOLS``."""

_GREEK_LETTER = re.compile(r"(?<![\u0370-\u03ff])[\u0391-\u03a9\u03b1-\u03c9](?![\u0370-\u03ff])")
_GREEK_WORD = re.compile(r"[\u0370-\u03ff]{2}")


def greek_letters(text: str) -> str:
    """A Greek letter on its own (``πr``, ``Δx``, ``σ = 2``) is read as its name, unless the
    text holds Greek words: then it is Greek, and its one-letter words are left alone."""
    if text.isascii() or _GREEK_LETTER.search(text) is None or _GREEK_WORD.search(text):
        return text
    return _GREEK_LETTER.sub(
        lambda m: f" {unicodedata.name(m[0], '').rsplit(' ', 1)[-1].lower()} ", text)


SPACING: list[Rule] = [
    Rule(re.compile(r"\s+"), " "),
    Rule(re.compile(r" (?=[,;:!?)\]]|\.(?!\w)|'s\b)|(?<=[(\[]) "), "",  # "fifteen 's": possessive
         needs=(" ,", " ;", " :", " !", " ?", " )", " ]", " .", " 's", "( ", "[ ")),
    Rule(re.compile(r"([,;:])(?:\s*[,;:])+"), r"\1", needs=(",", ";", ":")),
    # a quote's inside keeps no space a reading left at its ends: '2024-01-01' was "' January
    # first, twenty twenty-four '", "8081:8080" "\"eighty eighty-one colon eighty eighty \""
    Rule(re.compile(r"^[^'\"\n]*['\"].*$", re.M), _quotes_unspaced, needs=("'", '"')),
    Rule(re.compile(r"\b(mid|early|late|pre|post)- (?=[a-z])"), r"\1-",  # mid-90s: mid-nineties
         needs=("- ",)),
    Rule(re.compile(r"^[\s,;:.]+(?=\S)"), ""),
    Rule(re.compile(r"([!?…])\1{2,}"), r"\1",  # "!!!!" is read as "!": the model gains nothing
         needs=("!", "?", "…")),
    Rule(re.compile(r"\.{4,}"), "...", needs=("....",)),  # from a run of marks but tokens to read
]
