r"""Inline code in backticks (```ls -la /tmp```, ```^\d{3}-\d{4}$```), made readable before the
normaliser's other rules see it (``voice_server.text.normalize`` runs ``read_inline_code``
first: its math and LaTeX rules would take ``$`` and ``\d`` for their own).

- **Code** is read plainly, as a programmer says it: its words as written, a command's
  short option with "dash" (``ls -la`` -> ls dash la), a
  dot between names with "dot" (``os.path.join`` -> os dot path dot join), a path's slash
  with "slash" (``/tmp`` -> slash tmp), an index in square brackets as a word after the
  name (``arr[i][j]`` -> arr i j), a generic's parameters after "of" (``List<String>`` -> List
  of String), a star that joins no two terms (``SELECT *``,
  ``COUNT(*)``, ``import *``, ``*.txt``, ``'*'``, ``**kwargs`` -> star; ``a * b`` and ``x*2``
  are times), a path's ``::`` (``Vec::new`` -> Vec colon colon new), digits grouped by
  underscores (``1_000``, a number), a shell's pipe (``ps aux | grep node`` -> ... pipe grep
  node), a lone dot (``pip install -e .`` -> ... dash e dot), an empty string's quotes
  (``sed -i ''`` -> sed dash i empty string), a spaced dash between terms (``arr.length - 1``
  -> ... minus one), an operator quoted alone by its characters' names (```===``` -> triple
  equals, ```=>``` -> fat arrow); the rest (numbers,
  ``--verbose``, ``==``, ``app.py``, ``<PID>``) is left to the normaliser's rules, as in
  prose: an LLM also quotes values (```8080```, ```10.0.0.0/8```) in backticks.
- **A regular expression** (a span with ``\d``, ``[a-z]``, ``{3}``, ``(?:``, ``.*`` or both
  anchors) is read by what its parts mean, not character by character: ``^\d{3}-\d{4}$`` ->
  "start, digit three times, dash, digit four times, end". Past ``MAX_REGEX_WORDS`` words
  the reading would outlast anyone's attention and still not let a listener type it, so a
  long one is not read: it is "a regular expression", or nothing where a word before it
  already says so (``The regex `...` validates`` -> The regex validates).
"""

from __future__ import annotations

import re

MAX_REGEX_WORDS = 24
"""A regular expression read by its parts takes at most this many words; a longer one is
named, not read (module docstring)."""

_SPAN = re.compile(r"(?<!`)(`{1,2})(?!`)([^`\n]{1,400}?)(?<!`)\1(?!`)")
"""A span of inline code: one or two backticks each side, on one line (a fence's three
backticks are the markdown rules')."""
_REGEX_MARKS = re.compile(
    r"\\[dDwWsSbB]"  # \d, \w, \s, \b
    r"|\[\^?[^\]\s]*\w-\w[^\]\s]*\]"  # a class with a range: [a-z0-9]
    r"|[\w\])}.]\{\d+(?:,\d*)?\}"  # a counted repeat: \d{3}, [a-z]{2,}
    r"|\(\?(?:[:=!]|<[=!])"  # a group that captures nothing or looks around
    r"|(?<![\w.])\.[*+](?!\w)|(?<=[^\s.])\.[*+]"  # .* and .+
    r"|^\^.*[^\\]\$$")  # both anchors: ^...$
_NAMED_BY_REGEX_BEFORE = re.compile(r"\b(?:regexp?|regexes|regular expression|pattern)s?[:,]?\s*$",
                                    re.I)
_ESCAPES = {"d": "digit", "D": "non-digit", "w": "word character", "W": "non-word character",
            "s": "space", "S": "non-space", "b": "word boundary", "B": "non-boundary",
            "n": "new line", "t": "tab", "r": "carriage return"}  # fmt: skip
_SYMBOL_NAMES = {"-": "dash", "_": "underscore", ".": "dot", "/": "slash", "@": "at",
                 ":": "colon", ";": "semicolon", ",": "comma", "%": "percent", "#": "hash",
                 "=": "equals", "+": "plus", "*": "star", "?": "question mark", "!": "bang",
                 "&": "and", "~": "tilde", "'": "quote", '"': "quote", " ": "space",
                 "<": "less than", ">": "greater than", "|": "bar", "^": "caret", "$": "dollar",
                 "(": "open bracket", ")": "close bracket", "[": "open square bracket",
                 "]": "close square bracket", "{": "open brace", "}": "close brace",
                 "\\": "backslash", "`": "backtick"}  # fmt: skip
_QUANTIFIERS = {"+": "one or more", "*": "zero or more", "?": "optional"}
_ONES = "zero one two three four five six seven eight nine".split()
_TOKEN = re.compile(
    r"(?P<escape>\\.)"
    r"|(?P<cls>\[\^?\]?(?:\\.|[^\]\\])*\])"
    r"|(?P<count>\{(?P<lo>\d{1,3})(?P<comma>,(?P<hi>\d{1,3})?)?\})"
    r"|(?P<quant>[+*?])(?P<lazy>[?+])?"
    r"|(?P<group>\((?:\?(?:[:=!>]|<[=!]|P?<\w+>))?)"
    r"|(?P<close>\))"
    r"|(?P<run>[A-Za-z]+)"
    r"|(?P<other>.)", re.S)


def _char(c: str) -> str:
    """One literal character of a pattern, as a word."""
    if c.isdigit() and c.isascii():
        return _ONES[int(c)]
    return _SYMBOL_NAMES.get(c, c)


def _class_words(body: str) -> list[str]:
    """The inside of ``[...]``: ``a-z`` -> "a to z", escapes by meaning, others by name."""
    words: list[str] = []
    for m in re.finditer(r"(\\.|[^\\])(?:-(\\.|[^\\\]]))?", body):
        first, last = m[1], m[2]
        one = _ESCAPES.get(first[1], _char(first[1])) if first.startswith("\\") else _char(first)
        if last:
            one += " to " + (_char(last[1]) if last.startswith("\\") else _char(last))
        words.append(one)
    return words


def read_regex(pattern: str) -> str | None:
    """``^\\d{3}-\\d{4}$`` -> "start, digit three times, dash, digit four times, end"; None
    if the reading would take more than ``MAX_REGEX_WORDS`` words."""
    parts: list[str] = []
    last = len(pattern) - 1
    for m in _TOKEN.finditer(pattern):
        kind, text = m.lastgroup, m[0]
        if m["count"]:
            kind = "count"
        elif m["quant"]:
            kind = "quant"
        if kind == "escape":
            parts.append(_ESCAPES.get(text[1], _char(text[1])))
        elif kind == "cls":
            negated = text.startswith("[^")
            inner = ", ".join(_class_words(text[2 if negated else 1 : -1]))
            parts.append(("none of " if negated else "one of ") + inner)
        elif kind == "count":
            hi = m["hi"]
            times = (f"{m['lo']} to {hi}" if hi  # the normaliser reads the numbers
                     else f"{m['lo']} or more" if m["comma"] else m["lo"])
            if parts:
                parts[-1] += f" {times} times"
        elif kind == "quant":
            if parts:
                parts[-1] += " " + _QUANTIFIERS[m["quant"]]
        elif kind in ("group", "close"):
            continue  # a group's brackets are heard in its parts' order
        elif kind == "run":
            parts.append(text)
        elif text == "^" and m.start() == 0:
            parts.append("start")
        elif text == "$" and m.start() == last:
            parts.append("end")
        elif text == ".":
            parts.append("any character")
        elif text == "|":
            parts.append("or")
        else:
            parts.append(_char(text))
        if sum(len(part.split()) for part in parts) > MAX_REGEX_WORDS:
            return None
    return ", ".join(parts) if parts else None


def looks_like_regex(code: str) -> bool:
    """Whether a span of code holds a mark only a regular expression has (``_REGEX_MARKS``)."""
    return _REGEX_MARKS.search(code) is not None


_OPTION = re.compile(r"(?:(?<=\s)|^)-(?=[A-Za-z])")
"""A command's short option: ``-la``, ``-n`` (not ``--verbose``: the normaliser's rules read
that; nor ``-1``, a value as often as an option: ``kill -9`` is read by the normaliser's
rules for commands)."""
_NAME_CHAIN = re.compile(r"(?<![\w.])(?:[a-z_]\w+(?:\(\))?(?:\.[A-Za-z_]\w+(?:\(\))?)+"
                         r"|[A-Z]\w+(?:\.(?!js\b)[a-z_]\w+(?:\(\))?)+)")
"""Names joined by dots, the first of two characters or more: ``os.path``,
``com.acme.util.Parser`` (each dot is read; a chain's third and later were left,
"util.Parser"); after a capital, where a lowercase name follows, ``React.lazy()``,
``JSON.parse``, ``System.out.println`` (were left as written); not ``a.m.`` or ``Node.js`` (the
normaliser's rules read those)."""


def _chain_dots(m: re.Match[str]) -> str:
    return m[0].replace(".", " dot ")


_MINUS = re.compile(r"(?<=[)\]]) - (?=[\w(])|(?<=\w) - (?=\d)|(?<![\w.])(?<=[a-z]) - (?=[a-z]\b)")
"""A spaced dash between two terms of code: a subtraction, ``arr.length - 1``, ``len(s) - k``,
``a - b``; between two words it may be a shell's standard input, ``cat - file`` (a pause)."""
_OPERATORS = {"===": "triple equals", "!==": "bang double equals", "==": "double equals",
              "!=": "bang equals", "=>": "fat arrow", "->": "arrow", "&&": "double ampersand",
              "||": "double pipe", "??": "double question mark", "?.": "question mark dot",
              ":=": "colon equals", "//": "double slash", "+=": "plus equals",
              "-=": "minus equals"}  # fmt: skip
"""An operator quoted alone is named by its characters, as a programmer names it: ``use ===
for strict equality`` (was "use is strictly equal to for strict equality"). Not ``...``, a
placeholder's, nor ``**``, a star's pair in Markdown as often as a power's."""
_ADDRESS_LIKE = re.compile(r"://|@|\bwww\.|\.(?:com|org|net|io|ai|dev|edu|gov|co|uk|de|app|gg|xyz)\b",
                           re.I)
"""A word of code that is a URL or an email: the normaliser reads it as one."""
_PATH_SLASH = re.compile(r"(?:(?<=\s)|^)(~?)/(?=[\w.~-])")
_INDEX = re.compile(r"(?<=[\w\])])\[([^\[\]\s]{1,30})\]")
"""An index or key in square brackets after a name: ``arr[0]``, ``m[i][j]``, ``d["key"]``
(the brackets were dropped with the index, read as a citation mark, or ran the name and the
index together: "arri")."""
_GENERIC = re.compile(r"(?<=\w)<([A-Za-z_][\w, .\[\]?]{0,40})>")
"""A generic type's parameters in angle brackets after its name: ``Record<string, number>`` ->
"Record of string, number", ``List<T>`` (were "less than ... greater than", or dropped as a
placeholder)."""
_DIGIT_GROUPS = re.compile(r"(?<![\w.])\d{1,3}(?:_\d{3})+(?![\w.])")
"""A number's digits grouped by underscores, as Rust, Python and Java write them: ``1_000``."""
_STAR = re.compile(r"\*+")
"""A run of stars: read by ``_stars`` (where it joins no two terms, a star)."""


def read_code(code: str) -> str:
    """A span of code that is no regular expression, as said: ``ls -la /tmp`` -> "ls dash la
    slash tmp", ``user.name`` -> "user dot name"; numbers and other signs are left to the
    normaliser's rules."""
    if "<" in code:
        code = _GENERIC.sub(r" of \1", code)
    words = []
    for word in code.split(" "):
        if word in (".", "..", "|"):  # pip install -e ., cd .. (was "dash e..", a stop); a
            words.append({".": "dot", "..": "dot dot", "|": "pipe"}[word])  # pipe (was a pause)
            continue
        if word in ("''", '""'):  # sed -i '' (was run into the next quote, unread)
            words.append("empty string")
            continue
        if not _ADDRESS_LIKE.search(word):
            word = _NAME_CHAIN.sub(_chain_dots, word)
            word = _PATH_SLASH.sub(lambda m: "tilde slash " if m[1] else "slash ", word)
            if "[" in word:
                word = _INDEX.sub(r" \1 ", word)
        words.append(word)
    spoken = _OPTION.sub("dash ", " ".join(words))
    if " - " in spoken:  # arr.length - 1, a - b: in code a subtraction (was a pause)
        spoken = _MINUS.sub(" minus ", spoken)
    if "::" in spoken:  # a path's separator: Vec::new (was "Vec:new")
        spoken = spoken.replace("::", " colon colon ")
    if "_" in spoken:  # a number's digit groups: 1_000 (was "one zero zero zero")
        spoken = _DIGIT_GROUPS.sub(lambda m: m[0].replace("_", ""), spoken)
    if "*/" in spoken:  # cron's step, */15 (was "star fifteen"), a comment's close
        spoken = spoken.replace("*/", "* slash ")
    return _STAR.sub(_stars, spoken) if "*" in spoken else spoken


def _stars(m: re.Match[str]) -> str:
    """A run of stars that joins no two terms, as said: every column, name or row (``SELECT
    *``, ``import *``, ``COUNT(*)``), a glob's (``*.txt``, ``'*'``), an argument list's
    (``*args``, ``**kwargs``), a pointer's (``int *p``), a header's value (``Origin: *``);
    each was dropped, as markdown's. Between terms it is left for the normaliser: ``a * b``
    times, ``2**8`` a power; unspaced, ``x*2``, it is spaced first (was "x two", the star
    dropped)."""
    text, start, end = m.string, m.start(), m.end()
    before, after = text[start - 1 : start], text[end : end + 1]
    if _TERM_END.match(before) and _TERM_START.match(after):
        return m[0] if len(m[0]) == 2 else f" {m[0]} " if len(m[0]) == 1 else _said(m[0], before, after)
    if after.isdigit():
        return m[0]  # a masked number, ****1234, or a power: the normaliser's rules read them
    if (before == " " == after and _TERM_BEFORE.search(text, max(0, start - 3), start - 1)
            and _TERM_AFTER.match(text, end + 1)):
        return m[0]  # a * b, (x + 1) * 2: times
    return _said(m[0], before, after)


def _said(stars: str, before: str, after: str) -> str:
    """Each star a word, spaced from the word before or after it (``file*.txt``)."""
    words = " ".join(["star"] * len(stars))
    return ((" " if before.isalnum() else "") + words
            + (" " if after and after not in " '\")]," else ""))


_TERM_END = re.compile(r"[\w)\]]")
_TERM_START = re.compile(r"[\w(]")
_TERM_BEFORE = re.compile(r"(?:\d|\b[a-z]|[)\]])$")
_TERM_AFTER = re.compile(r"\d|[a-z]\b|[(]")
"""Terms either side of a spaced star that multiplies them: a number, a one-letter variable, a
bracket (``a * b``, ``(x + 1) * 2``); between words a star is one (``SELECT * FROM``)."""


def _span(m: re.Match[str]) -> str:
    code = m[2]
    if code.strip() in _OPERATORS:
        return _OPERATORS[code.strip()]
    if not looks_like_regex(code):
        return read_code(code)
    reading = read_regex(code.strip())
    if reading is not None:
        return reading
    named = _NAMED_BY_REGEX_BEFORE.search(m.string, max(0, m.start() - 30), m.start())
    return "" if named else "a regular expression"


def read_inline_code(text: str) -> str:
    """Each span of inline code in ``text`` as it is said (module docstring); the backticks
    go."""
    if "`" not in text:
        return text
    return _SPAN.sub(_span, text)
