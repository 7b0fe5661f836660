r"""Markdown and the marks LLM answers carry around their words: emphasis, headings, lists,
links, tables, block quotes, citations, footnotes, emoticons and placeholders. The words are
kept and read; the marks are dropped or said (a table's check mark is "yes").

What is covered
---------------
- **Markdown** from LLM output: ``**bold**``, ``_em_``, ``~~strike~~``, inline code (read as
  said, ``ls -la /tmp`` -> ls dash la slash tmp, ``user.name`` -> user dot name; a regular
  expression by what its parts mean, ``^\d{3}$`` -> start, digit three times, end, and one
  past 24 words not at all: "a regular expression"; ``voice_server.text.inline_code`` has the
  choice and why), placeholders in angle brackets (``kill -9 <PID>`` -> kill dash nine PID,
  ``<your-name>`` -> your name),
  ``# headings``, ``- bullets``, ``1)`` list numbers (read as ``1.``), ``> block quotes`` and
  GitHub's alerts (``> [!NOTE]`` -> Note), ``[link text](url)`` and ``[link text][1]`` (the text is
  kept; a reference's definition, ``[1]: https://...``, is not read), horizontal rules, table
  pipes (a cell of a check or a cross alone, ``| SSO | ✗ | ✓ |``: no, yes), task-list boxes
  (``- [x]``), footnote marks (``[^1]``; a footnote's text is read;
  in superscript, ``below.¹``, ``Note¹:``), an arrow as a line's bullet (``→ Next``), citations
  ``【1】``, ``【3†source】`` and ``[1]`` after Chinese text (``有益健康[1]。``), ``※``; a line
  that ends in an emoji still ends its sentence (``Done ✅⏎Next``).
  A line break after a word becomes a sentence break (``。`` after Chinese). HTML tags are dropped,
  ``<https://...>`` autolinks read as their address, entities (``&amp;``, ``&nbsp;``) become
  their characters.
"""

from __future__ import annotations

import html
import re

from voice_server.text.normalize.cues import CJK, CJK_CHAR, EQUATION_BEFORE, spaced
from voice_server.text.normalize.number_words import ONES, cardinal, digits
from voice_server.text.normalize.numbers import PER_WORDS
from voice_server.text.rules import Rule


_EMOJI = "\u231a\u231b\u23e9-\u23fa\u25a0-\u25ff\u2600-\u2767\u2794-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff"
"""Emoji and pictographs (dingbats' circled digits, ``❶``, and brackets left out): all of them
are dropped (``drop_unreadable``)."""


_CITATION = r"\[\d{1,3}(?:(?:[-–]|,[ \t]?)\d{1,3}){0,8}\]"
"""A citation mark: [1], [1-3], [1, 2]."""
_CITED_AFTER = re.compile(r"\b(?:to|in|see|of|from|and|or|by|at|per|cf|also|source|sources|"
                          r"ref|refs|reference|references|study|studies|paper|papers|item|"
                          r"items|step|steps|note)$", re.I)  # fmt: skip


CITATIONS_EARLY: list[Rule] = [
    # 【1】, 【3†source】, 【4:0†source】 after text: a citation (was read 【一】, 【 four †source】)
    Rule(re.compile(r"(?<=\S)[ \t]*【\d{1,3}(?:[-–,，、:：]\d{1,3})*(?:†[^】\n]{0,40})?】"), "",
         needs=("【",)),
    # [1], [1][2] after Chinese text or its punctuation (有益健康[1]。 was 有益健康 一 。)
    Rule(re.compile(rf"(?<=[{CJK}，。！？；：、）%”])(?:{_CITATION})+(?=[\s，。！？；：、,.;:!?)）]|$)"),
         "", needs=("[",)),
]
"""Citation marks that Chinese text would read as numbers: dropped before its readings."""


def _spaced_citation(m: re.Match[str]) -> str:
    """Citation marks after a space, before a stop ("is blue [1]."), are dropped; after a
    word that names them ("According to [1],", "see [2].") they are read."""
    if _CITED_AFTER.search(m.string, max(0, m.start() - 12), m.start()) or not _cited(m[0]):
        return m.group(0)
    return ""


def _cited(marks: str) -> bool:
    """Whether marks in square brackets can be citations: each's numbers rise (``[1, 3]``,
    ``[2-4]``); ``For [2, 4, 4, 5],`` is a list of values, read (was dropped)."""
    for mark in re.findall(r"\[([^\]]*)\]", marks):
        numbers = [int(n) for n in re.findall(r"\d+", mark)]
        if any(a >= b for a, b in zip(numbers, numbers[1:])):
            return False
    return True


_KEY_BEFORE = re.compile(r"\b(?:(?:dial|press|enter|hit|tap|push)(?:ed|ing|es|s)?|followed by)"
                         r"\s+(?:the\s+)?(?:[\d*#]+,?\s+(?:or|and|then)\s+(?:the\s+)?)?$", re.I)
_KEY_AFTER = re.compile(r"\s+(?:key|button|sign)\b", re.I)


def _phone_keys(m: re.Match[str]) -> str:
    """A phone's keys after "press", "dial", "followed by" ... or before "key": ``press #``
    -> press pound, ``press *`` -> press star, ``dial *67`` -> dial star six seven, ``#31#``;
    elsewhere a star is emphasis and a hash a hashtag or a number sign."""
    before = _KEY_BEFORE.search(m.string, max(0, m.start() - 40), m.start())
    if before is None and _KEY_AFTER.match(m.string, m.end()) is None:
        return m.group(0)
    keys = [ONES[int(c)] if c.isdigit() else "star" if c == "*" else "pound" for c in m[0]]
    return spaced(" ".join(keys))


_ENDING_IN_BEFORE = re.compile(r"\b(?:ending|ends|ended) in\s*$", re.I)


def _masked(m: re.Match[str]) -> str:
    """A masked number, ``****1234`` or ``xxx-xx-6789``: "ending in one two three four" (the
    masking characters are not read)."""
    ending = _ENDING_IN_BEFORE.search(m.string, max(0, m.start() - 12), m.start())
    return spaced(("" if ending else "ending in ") + digits(m[1]))


_EMOTICON = re.compile(r"[:;=^](?:(?<=[:;=])[-']?[)(DPpOo/|\]\[]|(?<=\^)_?\^)(?=[\s.,!?]|$)")
"""A face typed in characters (``:)``, ``;-)``, ``:D``, ``:P``, ``^_^``; each pattern starts
with one character class, which the regex engine scans for fast), not read: only after
a space, the text's start or a CJK character (``http://``, ``Note:D`` stay), and before a space,
a stop or the text's end (``:Do`` stays). ``<3`` and ``XD`` are left alone: "x <3", "XD" are
also written for less than three and a product."""


def _emoticon(m: re.Match[str]) -> str:
    before = m.string[m.start() - 1 : m.start()]
    return m[0] if before and not before.isspace() and not CJK_CHAR.match(before) else " "


_REFERENCE_DEFINITION = re.compile(
    r"^[ \t]{0,3}\[(?!\^)[^\[\]\n]{1,40}\]:[ \t]*<?(?:https?://|www\.|/|#)[^\s>]*>?"
    r"""(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*$"""
    r"|^[ \t]*\[!(?P<alert>(?i:NOTE|TIP|IMPORTANT|WARNING|CAUTION))\][ \t]*$", re.M)
"""A reference-style link's definition, ``[1]: https://example.com "Title"``: not read (its
text is read where the link is used, ``[the guide][1]``); and a GitHub alert's label, ``[!NOTE]``
(its ``>`` gone), read as its word."""

def _link(m: re.Match[str]) -> str:
    """A link's text: ``[the docs](https://...)``, ``[the guide][1]`` (a reference-style link);
    not ``[1][2]``, citations, which hold no letter, nor an array's indexes joined to its
    name, ``arr[i][j]`` (was "arri": read "arr i j")."""
    if m[2] is not None and (not any(c.isalpha() for c in m[1])
                             or m.start() and (m.string[m.start() - 1].isalnum()
                                               or m.string[m.start() - 1] in "_]")):
        return m[0]
    return m[1]


def _logical_or(m: re.Match[str]) -> str:
    """``a || b`` in code is "or"; not in a table's row (a line that opens with ``|``), where
    ``||`` is an empty cell."""
    line = m.string[m.string.rfind("\n", 0, m.start()) + 1 : m.start()]
    return m[0] if line.lstrip().startswith("|") else " or "


_HTML_TAGS = frozenset("a abbr b bdi bdo big blockquote br caption center cite code dd del details "
                        "dfn div dl dt em figcaption figure font footer h1 h2 h3 h4 h5 h6 header hr i "
                        "img ins kbd li mark nav ol p pre q s samp section small span strike strong "
                        "sub summary sup table tbody td tfoot th thead tr tt u ul var wbr".split())
"""Tags an answer's HTML uses; any other name in angle brackets is a placeholder."""
_PLACEHOLDER = re.compile(r"(?<![\w<])<(?P<name>[A-Za-z][\w.-]*(?:[ /][A-Za-z][\w.-]*){0,5})>(?![\w>])")


def _placeholder(m: re.Match[str]) -> str:
    """``<PID>``, ``<your-name>``, ``<container_id>``: what the reader puts there, as words
    (the tag rule dropped them: "kill -9 <PID>" was "kill minus nine"); an HTML tag stays."""
    if m["name"].lower() in _HTML_TAGS:
        return m[0]
    return f" {m['name'].replace('_', ' ').replace('-', ' ')} "


_TYPE_PARAMETERS = re.compile(r"(?<=[A-Za-z\d_])<(?P<types>[A-Za-z_]\w{0,30}"
                              r"(?:, ?[A-Za-z_]\w{0,30}){0,3})>(?![\w>])")


def _type_parameters(m: re.Match[str]) -> str:
    """``Vec<u8>`` -> "Vec of u8", ``HashMap<String, i32>`` -> "HashMap of String, i32": a
    type's parameters, said; an HTML tag joined to a word (``text<br>``) stays one."""
    if m["types"].lower() in _HTML_TAGS:
        return m[0]
    return f" of {m['types']} "


_COMMANDS = ("kill|pkill|killall|ls|rm|cp|mv|mkdir|tail|head|grep|ps|ping|chmod|chown|tar|curl|wget|"
             "ssh|scp|du|df|uname|lsof|netstat|journalctl|git|docker|npm|pip3?|"
             "python3(?:\\.\\d{1,2})?|python|sudo|"
             "java|javac|node|kubectl|ffmpeg|rsync|openssl|systemctl|sed|awk|perl|xargs|brew|"
             "apt|apt-get|yarn|pnpm|cargo|helm|unzip|gzip")
_COMMAND_LINE = re.compile(rf"(?<![\w./-])(?:{_COMMANDS})(?:[ \t]+[a-z][\w.-]*){{0,2}}[ \t]+-[A-Za-z0-9][\w-]*"
                           r"(?:[ \t]+(?:-[A-Za-z0-9][\w-]*(?::[+-]?\w+)?|[a-z][\w.-]*"
                           r"|''(?!\S)|\"\"(?!\S))){0,4}")
_SHORT_OPTION = re.compile(r"(?<=\s)-(?=[A-Za-z]|\d+(?!\S))")


_JVM_OPTION = re.compile(r"(?:(?<![\w-])-|\bdash )(?:XX:(?P<sign>[+-]?)(?P<flag>[A-Za-z]\w*)"
                         r"|D(?P<prop>[a-z][\w-]*(?:(?:\.| dot )[A-Za-z][\w-]*)*)(?==))")
_CAMEL_HUMP = re.compile(r"(?<=[a-z])(?=[A-Z0-9])|(?<=[A-Z0-9])(?=[A-Z][a-z])|(?<=\d)(?=[A-Z])")


_PITCHING_WORDS = re.compile(r"\b(?:ERA|WHIP|strikeouts?|pitch\w*|innings|starts?|bullpen|"
                             r"hurler|ace|starter|relievers?|no-hitter)\b|\d (?:ER|BB|SO)\b")
"""Words of pitching, where ``7 IP`` is innings pitched."""


def innings(m: re.Match[str]) -> str:
    """``6.2 IP`` -> "six and two thirds innings pitched", ``7.1 innings`` -> "seven and one
    third innings": a baseball line counts outs in thirds after the point, so ``.1`` and
    ``.2`` are no tenths; a whole ``7 IP`` where the text speaks of pitching."""
    if m["f"] is None and (not m["ip"] or not _PITCHING_WORDS.search(m.string)):
        return m[0]
    words = cardinal(int(m["n"]))
    if m["f"] in ("1", "2"):
        words += " and one third" if m["f"] == "1" else " and two thirds"
    inning = "inning" if m["n"] == "1" and m["f"] in (None, "0") else "innings"
    return f"{words} {inning}{' pitched' if m['ip'] else ''}"


def weights_or(m: re.Match[str]) -> str:
    """``24/16 kg`` -> "24 or 16 kg", a heavier and a lighter weight to choose from (no
    fraction: nobody writes 1.5 kg so); ``35/53 lb`` too, but not ``3/4 lb`` nor ``12/16 kg``,
    fractions."""
    a, b = int(m["a"]), int(m["b"])
    heavy, light = max(a, b), min(a, b)
    if not (light >= 4 and heavy <= 2 * light and (a > b or b > 16)):
        return m[0]  # 727/1 lbs: no pair
    return f"{m['a']} or {m['b']} "


_FORMULA = (r"(?:\d{1,2} ?)?(?:[A-Z][a-z]?\d{0,3}|\((?:[A-Z][a-z]?\d{0,3}){1,6}\)\d{0,3}){1,12}"
            r"(?:\((?:s|l|g|aq)\))?")
_CHEMICAL_SIDE = rf"{_FORMULA}(?: ?\+ ?{_FORMULA}){{0,5}}"
CHEMICAL_EQUATION = re.compile(rf"(?<![\w(])(?P<left>{_CHEMICAL_SIDE})[ \t]*"
                               rf"(?P<arrow>→|->|⟶|⇌)[ \t]*(?P<right>{_CHEMICAL_SIDE})(?![\w(])")
"""A chemical equation: formulas, ``+`` between them, an arrow, ``CaCO3 → CaO + CO2``."""
_CHEMICAL_ELEMENTS = frozenset(
    "H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As "
    "Se Br Kr Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd "
    "Tb Dy Ho Er Tm Yb Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu Am "
    "Cm Bk Cf Es Fm Md No Lr".split())
_CHEMICAL_STATES = {"s": "solid", "l": "liquid", "g": "gas", "aq": "aqueous"}


def chemical_equation(m: re.Match[str]) -> str:
    """A reaction's arrow "yields" (``⇌`` "is in equilibrium with"), its states' letters their
    words (``NaCl(aq)`` -> NaCl aqueous); only where every capital starts an element's symbol,
    a formula has a count (``H2O``) and a side joins two or a formula has two elements: else
    an arrow between cells, ``A1 → M25``, or names, ``V1 → V2``, stays "to"."""
    left, right = m["left"], m["right"]
    symbols = re.findall(r"[A-Z][a-z]?", re.sub(r"\((?:s|l|g|aq)\)", "", left + right))
    if not _CHEMICAL_ELEMENTS.issuperset(symbols) or not re.search(r"[A-Za-z)]\d", left + right):
        return m[0]  # A1 → M25, Fe → Cu: "to"
    if "+" not in left + right and not re.search(r"[A-Z][a-z]?\d*[A-Z(]", f"{left} {right}"):
        return m[0]  # V1 → V2: "to"
    arrow = " is in equilibrium with " if m["arrow"] == "⇌" else " yields "
    return re.sub(r"\((s|l|g|aq)\)", lambda s: f" {_CHEMICAL_STATES[s[1]]}",
                  f"{left}{arrow}{right}")


NUMBER_CHOICES = re.compile(r"(?<![\w.,/+*×÷^-])(?<![+*×÷^-] )\d{1,4}(?: / \d{1,4}){2,}"
                            r"(?=[ -]?[A-Za-z])")
"""Whole numbers, three or more, spaced slashes between them, before a word: ``1 / 2 / 3
bedrooms``."""


def number_choices(m: re.Match[str]) -> str:
    """``1 / 2 / 3 bedrooms`` -> "1, 2 or 3 bedrooms", as ``8/16GB`` is "eight or sixteen"; in
    a line with ``=`` they are divided (left as written)."""
    before = m.string[max(0, m.start() - 80) : m.start()].rsplit("\n", 1)[-1]
    after = m.string[m.end() : m.end() + 80].split("\n", 1)[0]
    if "=" in before or "=" in after:
        return m[0]
    *first, last = m[0].split(" / ")
    return f"{', '.join(first)} or {last}"


def _jvm_option(m: re.Match[str]) -> str:
    """A JVM's option: ``-XX:+UseG1GC`` -> "dash X X colon plus Use G1 GC" (its name's words
    apart), ``-Dkey.name=v`` -> "dash D key dot name=v" (were "-XX: plus UseG one GC",
    "-Dkey.name")."""
    if m["flag"]:
        sign = {"+": " plus", "-": " minus"}.get(m["sign"], "")
        return f" dash X X colon{sign} {_CAMEL_HUMP.sub(' ', m['flag'])}"
    return f" dash D {m['prop'].replace(' dot ', '.').replace('.', ' dot ')}"


_ARITHMETIC_WORD_BEFORE = re.compile(r"\b(?i:is|are|was|be|equals?|plus|minus|times|over|"
                                     r"than|from|to|of|and|or|at|by|then|gives?|yields?|so)"
                                     r"[ ,]*$")
_OPTION_CUE = re.compile(r"\b(?:[Uu]se|[Uu]sing|[Pp]ass|[Aa]dd|[Tt]ry|[Ww]ith|[Ww]ithout|[Rr]un|"
                         r"[Dd]rop|[Oo]mit|[Ss]et|[Ss]pecify|[Rr]emove|[Ii]nclude)\b[^.;:!?\n]*$")


def _lone_option(m: re.Match[str]) -> str:
    """A short option named in prose, ``Use -i to edit in place`` -> "dash i" (the dash was
    dropped): after a word that uses an option in its clause (use, pass, add, try ...); after
    "and", "or", "to" only there (``-v and -i``), as a variable's minus may follow them."""
    line = m.string[max(0, m.start() - 80) : m.start()].rsplit("\n", 1)[-1]
    if "=" in line or not _OPTION_CUE.search(line):
        return m[0]
    if _ARITHMETIC_WORD_BEFORE.search(line) and not (
            re.search(r"\b(?:and|or),? $", line) and re.search(r"(?<![\w-])-[A-Za-z]\b", line)):
        return m[0]  # is -x; but -v ... and -i
    return "dash "


def _command_options(m: re.Match[str]) -> str:
    """A command's short options: ``kill -9`` -> kill dash 9, ``ls -la`` -> ls dash la (were
    "minus nine" and "-la"); an empty argument, ``sed -i ''``, "empty string" (was run into
    the next quote, unread); ``--verbose`` is the symbol rules'."""
    return re.sub(r"(?<=\s)(?:''|\"\")(?!\S)", "empty string", _SHORT_OPTION.sub("dash ", m[0]))


_FACTORIAL_TERM = re.compile(r"(?:(?<![\w'.,])\d{1,3}|(?<![\w'])[a-z]|\))$")


def _factorial(m: re.Match[str]) -> str:
    """A factorial's mark after a number of up to three digits, a variable or a bracket,
    before an operator or "is": ``10! = 3,628,800``, ``n! / k!``, ``(n-1)! = 24`` (was "ten!");
    not "I won 5! Yay", nor in text with Chinese. The rule looks for the mark, then for the
    term before it (a search for the term at every position costs more)."""
    if _FACTORIAL_TERM.search(m.string, max(0, m.start() - 4), m.start()) is None or _ANY_CJK.search(m.string):
        return m[0]
    return " factorial"


def _path_part(m: re.Match[str]) -> str:
    """A version or a placeholder between a path's slashes, ``/api/v1/users/{id}``: "v1 slash",
    "slash id" (the slash after v1 was dropped, and the braces' with it); not in a web address
    (a dot before it in the same word), which is read as a whole."""
    word = m.string[max(0, m.start() - 100) : m.start()].rsplit(None, 1)[-1:]
    if word and "." in word[0]:
        return m[0]
    return f"{m[1]} slash " if m[1] else f" slash {m[2]}"


_TABLE_MARK_CELL = re.compile(r"(?<=\|)[ \t]*(?:(?P<yes>[✓✔✅☑])|[✗✘❌✖❎])[ \t]*(?=\|)")
_ANY_CJK = re.compile(f"[{CJK}]")


def _table_mark(m: re.Match[str]) -> str:
    """A table's cell of a check or a cross alone is "yes" or "no" (``| Storage | ✓ | ✗ |``:
    the marks were dropped, leaving a row of names with nothing to say which has what); in a
    row with Chinese in it they still go, as other emoji do."""
    line_start = m.string.rfind("\n", 0, m.start()) + 1
    line_end = m.string.find("\n", m.end())
    line = m.string[line_start : None if line_end < 0 else line_end]
    if _ANY_CJK.search(line):
        return m[0]
    return " yes " if m["yes"] else " no "


_ASSIGNING = {"-": "minus", "*": "times", "/": "divide"}
"""A compound assignment's operator as a programmer says it: ``-=`` "minus equals"."""


MARKDOWN: list[Rule] = [
    # a compound assignment, before emphasis takes its star: y -= 2, a *= 2, x /= 2 (were
    # "y - equals", "a equals"); not "w/" (with): w/=2300 hours
    Rule(re.compile(r"(?:(?<=[\w\])] )|(?<=[\w\])]))(?<!\b[wW])(?P<op>[-*/])=(?=[ \t]?[\w(-])"),
         lambda m: f" {_ASSIGNING[m['op']]} equals ", needs=("-=", "*=", "/=")),
    Rule(_EMOTICON, _emoticon, needs=(":", ";", "=", "^")),
    Rule(re.compile(r"&(?:[A-Za-z]{2,8}|#\d{1,7}|#x[0-9A-Fa-f]{1,6});"), lambda m: html.unescape(m[0]),
         needs=("&",)),
    Rule(re.compile(r"<((?:https?://|mailto:)[^<>\s]+)>"), r"\1",  # autolinks: the address
         needs=("<",)),
    Rule(_PLACEHOLDER, _placeholder, needs=("<",)),  # kill -9 <PID>, <your-name>
    # a generic type's parameters joined to its name: Vec<u8>, Option<String> (Vec of u8;
    # was dropped as a tag, "Vec")
    Rule(_TYPE_PARAMETERS, _type_parameters, needs=("<",)),
    Rule(re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>"), " ", needs=("<",)),  # HTML tags
    Rule(re.compile(r"^[ \t]*(?:>[ \t]?)+", re.M), "", needs=(">",)),  # block quotes
    Rule(_REFERENCE_DEFINITION, lambda m: (m["alert"] or "").capitalize(), needs=("[!", "]:")),
    # a power as Python and JavaScript write it: x ** 2, 2**10 (was "x two": the stars were
    # taken for bold's; bold's never stand spaced on both sides, nor before a digit after one)
    Rule(re.compile(r"(?<=[\w)]) \*\* (?=[\w(])|(?<=[A-Za-z\d)])\*\*(?=\d)"), "^", needs=("**",)),
    Rule(re.compile(r"(?<=\d)\s?\*\s?(?=\d)|(?:(?<=[\d)])|(?<![A-Za-z]{2})(?<=[A-Za-z]))[ \t]\*[ \t]"
                    r"(?=[\d(]|[A-Za-z](?![A-Za-z]))"), " × ",  # 2*3, x * 2: arithmetic, not emphasis
         needs=("*",)),
    # a factorial before an operator or "is": 10! = 3,628,800, n! / k!, (n-1)! (was "ten!")
    Rule(re.compile(r"!(?=[ \t]?(?:[=×÷/]|\*(?!\*)|[+−-][ \t])|[ \t](?:is|equals)\b)"), _factorial,
         needs=("!",)),
    Rule(re.compile(r"!?\[([^\[\]\n]*)\](?:\([^()\s]*\)|(\[[^\[\]\n]{0,40}\]))"), _link,
         needs=("](", "][")),
    Rule(re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.M), "", needs=("-", "*", "_")),
    Rule(re.compile(r"^(?=[ \t|:-]*---)[ \t|:-]++$", re.M), "",  # table separator rows
         needs=("---",)),
    Rule(re.compile(r"^[ \t]*#{1,6}[ \t]+", re.M), "", needs=("#",)),
    Rule(re.compile(r"(?<=[\w)\]]) \|\| (?=[\w(!])"), _logical_or, needs=(" || ",)),  # a || b
    Rule(re.compile(r"\b([PE]\((?:[^()|\n]{1,20}))\|(?=[^()|\n]{1,20}\))"), r"\1 given ",
         needs=("P(", "E(")),  # P(A|B): the probability of A given B (was "P(A, B)")
    Rule(_TABLE_MARK_CELL, _table_mark, needs=("|",)),  # | Storage | ✓ | ✗ |: yes, no
    Rule(re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])?[ \t]*\|", re.M), "", needs=("|",)),
    Rule(re.compile(r"^[ \t]*[-*+][ \t]+(?:\[[ xX]\][ \t]+)?", re.M), "",  # bullets, task boxes
         needs=("-", "*", "+")),
    Rule(re.compile(r"^[ \t]*(?:->|=>|→)[ \t]+", re.M), "",  # an arrow as a bullet: → Next
         needs=("->", "=>", "→")),  # (was "to Next"; 到 in Chinese)
    Rule(re.compile(r"^([ \t]*\d{1,3})\)(?=[ \t])", re.M), r"\1.", needs=("0)",)),  # 1) as 1.
    Rule(re.compile(r"^[ \t]*\[\^\w{1,8}\]:[ \t]*|\[\^\w{1,8}\]", re.M), "",  # [^1], and
         needs=("[^",)),  # "[^1]: " before a footnote's text
    Rule(re.compile(rf"(?<=[A-Za-z.,;:!?)\"'])(?:{_CITATION})+(?=[\s.,;:!?)]|$)"),
         lambda m: "" if _cited(m[0]) else m[0], needs=("[",)),  # citations: [1][2]
    Rule(re.compile(rf"(?<=[A-Za-z)\"'])[ \t](?:{_CITATION})+(?=[.,;:!?)]|$)"), _spaced_citation,
         needs=("[",)),
    Rule(re.compile(r"^[ \t]*(?:`{3,}|~{3,})[\w+#.-]*[ \t]*$", re.M), "",  # code fences, language
         needs=("```", "~~~")),
    Rule(re.compile(r"(?<![\w*])(?:\*{3,}|[xX]{4,}|[xX]{2,}(?=-[xX]))(?:-(?:\*+|[xX]+))*[- ]?"
                    r"(\d{2,4})(?![\w*-]|[.,]\d)"), _masked,  # card ****1234, SSN xxx-xx-6789
         needs=("***", "xx", "xX", "Xx", "XX")),
    Rule(re.compile(r"(?<![\w*#])[*#](?:\d{1,4}#?)?(?![\w*#])"), _phone_keys,  # press #, dial *67
         needs=("*", "#")),
    # SQL's star, every column, outside code as inside it: SELECT * FROM, COUNT(*) (the star
    # was dropped as markdown's: "SELECT FROM")
    Rule(re.compile(r"(?i:(?<=\bSELECT )|(?<=\bCOUNT\())\*(?=(?i: FROM\b)|\))"), "star",
         needs=("T *", "t *", "T(*", "t(*")),
    Rule(re.compile(r"\*{1,3}|~~|`+"), "", needs=("*", "~~", "`")),
    Rule(re.compile(r"(?<![A-Za-z0-9])_{1,3}|_{1,3}(?![A-Za-z0-9])"), "", needs=("_",)),
    Rule(_COMMAND_LINE, _command_options, needs=(" -", "\t-")),  # kill -9, ls -la, tail -n 50
    # a JVM's options outside code as inside it: -XX:+UseG1GC, -Dspring.profiles.active=prod
    # (the dash was dropped, and "UseG1GC" run together): dash X X colon plus Use G1 GC
    Rule(_JVM_OPTION, _jvm_option, needs=("-XX:", "dash XX:", "-D", "dash D")),
    # an option named as one: the -D flag, the -v option (the dash was dropped)
    Rule(re.compile(r"(?<![\w-])-(?=[A-Za-z][\w-]{0,20}[ \t]+(?:flag|option|switch)s?\b)"), "dash ",
         needs=("flag", "option", "switch")),
    # a lone short option in prose: Use -i to edit in place, -v and -i (the dash was dropped);
    # not after a word of arithmetic ("is -x", "from -x to x") nor in an equation's line
    Rule(re.compile(r"(?<=[A-Za-z,] )(?<![\w-]-)-(?=[A-Za-z](?![\w'-]|\.\w))"), _lone_option,
         needs=(" -",)),
    # a path from the root or home: /usr/local/bin, ~/.bashrc (the first slash was dropped;
    # here, before an address's or a number's reading leaves a space before another slash)
    Rule(re.compile(r"(?:^|(?<=[\s(\"'`]))(?:(~)/(?=[\w.])|/(?=[A-Za-z_.][\w.-]*/|[a-z_.][a-z\d_.-]+(?![\w/])))"),
         lambda m: "tilde slash " if m[1] else "slash ", needs=("/",)),
    # a version or a placeholder between a path's slashes: /api/v1/users/{id} (the slash after
    # v1 was dropped, "v one users", and the braces' with it)
    Rule(re.compile(r"(?<=\w/)(v\d{1,2})/(?=[\w{])|(?<=\w)/\{(\w{1,30})\}"), _path_part,
         needs=("v0", "/{")),
    Rule(re.compile(r"(?<![ \t])[ \t]*\|[ \t]*$", re.M), "",  # a table row's closing pipe
         needs=("|",)),
    Rule(re.compile(r"[ \t]*\|[ \t]*(?=\S)"), ", ", needs=("|",)),
    # between two percentages, a pause: 5.50% / 5.25% (was dropped, the two run together)
    Rule(re.compile(r"(?<=\d%) / (?=[-+]?\.?\d[\d.,]*\s?%)"), ", ", needs=("% / ",)),
    Rule(re.compile(r"(?<=[\w)²³]) / (?=[\w(\[√$€£¥₹])"), lambda m: _spaced_slash(m),  # d / t: below
         needs=(" / ",)),
    # a quantity's formula, two words over each other after "=": Density = mass/volume,
    # speed = distance/time (was "mass slash volume")
    Rule(re.compile(r"(?<== )(?!(?:and/or|true/false|yes/no)\b)([a-z]{2,})/([a-z]{2,})"
                    r"(?=[\s,.;)]|$)"), r"\1 over \2", needs=("= ",)),
    # a square bracket over a number: x = [4 ± √(16 − 12)]/2 (was dropped: "... twelve) two")
    Rule(re.compile(r"(?<=\])/(?=\d)"), " over ", needs=("]/",)),
    Rule(re.compile(f"(?<=[^{_EMOJI} \\t])[ \\t]*(?:[{_EMOJI}][ \\t]*)+(?=\\n)"), "",  # done ✅⏎:
         needs=("\n",)),  # the emoji go (below), the line's break must stay a sentence's
    Rule(re.compile(f"(?<=[{CJK}])[ \\t]*\\n\\s*"), "。", needs=("\n",)),  # a line break in Chinese
    Rule(re.compile(r"(?<=[\w)\]\"'%+°])[ \t]*\n\s*"), ". ", needs=("\n",)),
    # a line that ends in a period before one that starts in lowercase keeps its break, so
    # that a unit's period stays the sentence's end: "5 kg.⏎pH 7 is neutral" (was "five
    # kilograms pH seven", the period taken for the unit's as in "6 ft. tall")
    Rule(re.compile(r"\s*\n\s*"),
         lambda m: "\n" if m.string[m.start() - 1:m.start()] == "." and m.string[m.end():m.end() + 1].islower()
         else " ", needs=("\n",)),
]
_LONE_LETTER_BEFORE = re.compile(r"(?<![\w'])[a-z]$")
_LONE_LETTER_AHEAD = re.compile(r"[a-z](?![\w'])")


_WORD_BEFORE_SLASH = re.compile(r"[A-Za-z]{3}\)?$")
_AMOUNT_AHEAD = re.compile(r"[$€£¥₹]?\d[\d,.]*[kKMB%]? ?[A-Za-z(]")
"""A word (or a bracket's words) before a spaced slash and an amount after it: the slash
parts two values, ``60 RPM / 10k TPM``, ``$4,150 (self-only) / $8,300 (family)``."""
_PER_WORD_AHEAD = re.compile(rf"(?:{PER_WORDS})\b", re.I)


_MATH_BRACKET_BEFORE = re.compile(r"\((?:\s?[\w.]{1,3}\s?[-+*×·^−]){1,4}\s?[\w.]{1,3}\s?\)$")
"""A bracket of operands and operators before a spaced slash: ``(n - 1) / 2``, ``(a + b)``
(not ``(self-only)``: a word's hyphen)."""
_QUOTIENT_AHEAD = re.compile(r"\d|[(\[]|[a-z](?![\w'])")
_BRACKETED_NUMBER_AHEAD = re.compile(r"[(\[][\d.]+[)\]]")


def _spaced_slash(m: re.Match[str]) -> str:
    """A spaced slash between two lone small letters, a number and a bracketed one (``74.8 /
    (1.753)²``) or in a line with ``=`` divides: ``d / t``,
    ``BMI = weight (kg) / height (m)²`` (was dropped: "weight height"); after a bracket of
    operands, ``(n - 1) / 2``, it is "over", as ``(n-1)/2`` is (was dropped: "(n minus one)
    two"); else not read."""
    if (_MATH_BRACKET_BEFORE.search(m.string, max(0, m.start() - 40), m.start())
            and _QUOTIENT_AHEAD.match(m.string, m.end())):
        return " over "
    lone = (_LONE_LETTER_BEFORE.search(m.string, max(0, m.start() - 3), m.start())
            and _LONE_LETTER_AHEAD.match(m.string, m.end())
            or m.string[m.start() - 1].isdigit() and _BRACKETED_NUMBER_AHEAD.match(m.string, m.end()))
    if (lone or EQUATION_BEFORE.search(m.string, max(0, m.start() - 60), m.start())
            and not _PER_WORD_AHEAD.match(m.string, m.end())):
        return " ÷ "
    if _WORD_BEFORE_SLASH.search(m.string, max(0, m.start() - 30), m.start()) and _AMOUNT_AHEAD.match(
            m.string, m.end()):
        return ", "  # between two amounts with their words: 35 mpg hwy / 28 mpg city (was run together)
    return m[0]  # not read, as before: "Mac / PC"; a rate: "cost = $5 / month"
