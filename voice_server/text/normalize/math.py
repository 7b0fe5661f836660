r"""Math as LLMs write it: LaTeX commands and delimiters, inline ``$...$`` math, and powers.

What is covered
---------------
- **Math** as LLMs write it: ``$...$`` (where pandoc would take it for math: ``$n = 10$`` is no
  money, ``$5 and $10`` is), ``$$...$$``, ``\(...\)``, ``\[...\]`` delimiters dropped; ``x^2``
  squared, ``^3`` cubed, other powers "to the power of"; ``\frac{a}{b}`` (a over b; three deep, a
  root inside), ``\sqrt{x}``, ``\int``/``\sum``/``\prod`` with their bounds, Greek letters (``\pi``,
  and ``π`` or ``Δx`` on their own in text without Greek words),
  ``\times \cdot \leq \geq \neq \approx \infty \pm \cap \cup`` and a few functions, a fraction's part
  that opens with a minus (``\frac{-b}{2a}`` -> minus b over two a); any other command is read
  as its name. Code fences and their language tag are not read (the code inside is, as prose: an
  answer that says "run this" would otherwise leave a silence the listener cannot explain; a client
  that wants code skipped drops it before sending, where it knows what its LLM writes).
"""

from __future__ import annotations

import re

from voice_server.text.normalize.cues import alternation
from voice_server.text.normalize.money import DOLLAR_PREFIXES
from voice_server.text.rules import Rule


PER_UNIT = {"mol": "mole", "s": "second", "m": "meter", "kg": "kilogram", "g": "gram",
            "L": "liter", "K": "kelvin", "h": "hour", "min": "minute", "yr": "year",
            "cm": "centimeter", "km": "kilometer"}  # fmt: skip
"""Units read "per" one before ``^-1`` (``mol⁻¹``: per mole)."""


_GREEK = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi "
          "rho sigma tau upsilon phi chi psi omega").split()  # fmt: skip
_MATH_WORDS = {"times": "times", "cdot": "times", "div": "divided by", "pm": "plus or minus",
               "leq": "at most", "le": "at most", "geq": "at least", "ge": "at least",
               "neq": "not equal to", "ne": "not equal to", "approx": "≈",
               "infty": "infinity", "int": "the integral of", "sum": "the sum of",
               "prod": "the product of", "lim": "the limit of", "to": "to",
               "cap": "intersect", "cup": "union",
               "rightarrow": "to", "partial": "partial", "nabla": "nabla", "log": "log",
               "ln": "natural log of", "sin": "sine", "cos": "cosine", "tan": "tangent",
               "cdots": "", "ldots": "", "dots": "", "left": "", "right": "", "quad": "",
               "qquad": "", "text": "", "mathrm": "", "mathbf": "", "displaystyle": ""}  # fmt: skip

_BOUNDED = {"int": "integral", "sum": "sum", "prod": "product"}

INLINE_MATH = re.compile(r"\$(?<![\w$]\$)(?=[^\s$])([^$\n]{1,200}+)\$(?<!\s\$)(?<!/\$)(?![\w$])")
"""``$x = 3$``: inline math, as LLMs write it, with pandoc's rule (no space inside either
``$``, no digit after the closing one), so that money stays money (``$5 and $10``,
``$5-$10``, ``$AAPL and $TSLA``), nor one whose closing ``$`` is a currency's after an amount
(``$0.99/min or 82 S$``), nor one a rate's ``/$`` closes (``(~$4.2T) ... ¥151.9/$``). Its
delimiters are dropped: "three", not "three dollars"."""


_PATH_PART = r"[^\\\s{}<>|\"*?:]"
_WINDOWS_PATH = re.compile(rf"(?<![\w\\$])([A-Z]):\\((?:{_PATH_PART}+(?: {_PATH_PART}+)*\\)*{_PATH_PART}*?)"
                           r"(?=[.,;:!?)'\"]*(?:\s|$))")
"""A drive's letter, then folders (a space only inside a folder's name: ``Program Files``)
and a file."""


def _windows_path(m: re.Match[str]) -> str:
    return f" {m[1]} colon backslash " + m[2].replace("\\", " backslash ") + " "


def inline_math(m: re.Match[str]) -> str:
    if re.search(rf"\d\s?(?:{DOLLAR_PREFIXES})$", m[1]):
        return m[0]
    after = "" if m.string[m.end() : m.end() + 1].isspace() else " "
    return f" {m[1]}{after}"  # "$r = 3$ cm": the unit stays next to its number

_LEADING_MINUS = re.compile(r"^\s*-(?=[A-Za-z])")
r"""A fraction's part that opens with a minus before a variable: ``\frac{-b \pm ...}{2a}`` (minus b;
was "-b", read as a dash)."""
_FRAC = Rule(re.compile(r"\\d?frac\{([^{}]*)\}\{([^{}]*)\}"),
             lambda m: f" {_LEADING_MINUS.sub('minus ', m[1])} over {_LEADING_MINUS.sub('minus ', m[2])} ",
             needs=("frac{",))
_SQRT = Rule(re.compile(r"\\sqrt\{([^{}]*)\}"), r" the square root of \1 ", needs=("\\sqrt{",))

LATEX: list[Rule] = [
    # a Windows path: C:\Program Files\App\app.exe (its backslashes were taken for LaTeX's
    # commands and dropped: "C: Program Files App app dot exe")
    Rule(_WINDOWS_PATH, _windows_path, needs=(":\\",)),
    Rule(re.compile(r"\$\$|\\[\[\]()]"), " "),  # display and inline math delimiters
    Rule(re.compile(r"\\[,;:! ]"), " ", needs=("\\",)),  # spacing commands
    Rule(re.compile(r"\\(int|sum|prod)(?:_\{([^{}]*)\}|_(\w))\^?(?:\{([^{}]*)\}|(\w))?"),
         lambda m: f" the {_BOUNDED[m[1]]} from {m[2] or m[3]}"
         + (f" to {m[4] or m[5]}" if m[4] or m[5] else "") + " of ",
         needs=("\\",)),  # fmt: skip
    # innermost first, three levels deep: \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}, \frac{\frac{1}{2}}{3}
    *[_SQRT, _FRAC] * 3,
    Rule(re.compile(r"\\(" + "|".join(_GREEK) + r")\b", re.I), lambda m: f" {m[1].lower()} ",
         needs=("\\",)),
    Rule(re.compile(rf"\\({alternation(_MATH_WORDS)})(?![A-Za-z])"),
         lambda m: f" {_MATH_WORDS[m[1]]} ", needs=("\\",)),  # fmt: skip
    Rule(re.compile(r"\\([A-Za-z]+)"), r" \1 ", needs=("\\",)),  # any other command: its name
]

POWERS: list[Rule] = [  # after a letter or bracket; between numbers see NUMBERS
    # a unit to the power of minus one after a number: 6.022 × 10²³ mol⁻¹, 0.5 s⁻¹, kJ mol⁻¹
    # (were "moles to the power of minus one")
    Rule(re.compile(r"(?:(?<=\d)|(?<=\d )|(?<=\^-1 )|(?<=J ))(?P<unit>mol|s|m|kg|g|L|K|h|min|yr|cm|km)"
                    r"\^-1(?![\w^])"),
         lambda m: f"per {PER_UNIT[m['unit']]}", needs=("^-0",)),  # fmt: skip
    Rule(re.compile(r"(?<=[A-Za-z)\]}])\s?\^\s?\{?2\}?(?!\d|\.\d)"), " squared "),
    Rule(re.compile(r"(?<=[A-Za-z)\]}])\s?\^\s?\{?3\}?(?!\d|\.\d)"), " cubed "),
    # a power in brackets: P(1 + r/n)^(nt) (the brackets and the power were dropped: "(nt)")
    Rule(re.compile(r"(?<=[A-Za-z0-9)\]}])\s?\^\s?\((-?)([^()\n]{1,20})\)"),
         lambda m: f" to the power of {'minus ' if m[1] else ''}{m[2]} ", needs=("^",)),
    # a quotient of two variables inside a formula's bracket or after its sign: (1 + r/n)
    # (was "r slash n"; n/a, y/n and w/o alone stay)
    Rule(re.compile(r"(?<=\()[a-z]/[a-z](?= [+\-*×=] )|(?<=[+\-*=×] )[a-z]/[a-z](?=[ )])"),
         lambda m: m[0].replace("/", " over "), needs=("/",)),
    Rule(re.compile(r"(?<=[A-Za-z)\]}])\s?\^\s?\{?(-?\d+|[A-Za-z])\}?"), r" to the power of \1 "),
]
