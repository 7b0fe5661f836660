"""Unicode folding and cleanup, the first rewrite of every text: smart quotes, dashes, spaces,
ligatures, fractions and superscripts become what the later rules expect, and what no rule
could read (emoji, symbols, control characters) is dropped near the end
(``drop_unreadable``).

What is covered
---------------
- **Unicode folding**: smart quotes to ``'`` and ``"``; en and em dashes to a pause (en dash between
  numbers to "to", between words a hyphen: ``mass–energy``, between two capitals alone "to":
  ``zones A–C``, not in a chain of them, ``D–A–D–G–B–E``); ``…`` to ``...``; non-breaking and
  other spaces to a space; ligatures (``ﬁ``); vulgar fractions (``½``); superscript ² and ³ (after a unit of length, an area's
  or a volume's: ``65 µg/m³`` -> ... per cubic meter, ``a 20 m² room``), other
  superscript powers (``10⁶``, ``10⁻⁹``: to the power of; a unit's after a number, ``0.5 s⁻¹``,
  ``kJ mol⁻¹``: per second, per mole; an ion's charge, ``Cl⁻`` -> Cl minus, ``Ca²⁺`` -> Ca two
  plus); zero-width characters, soft hyphens and
  variation selectors removed.
"""

from __future__ import annotations

import re
import unicodedata

from voice_server.text.normalize.cues import EQUATION_BEFORE
from voice_server.text.normalize.number_words import cardinal
from voice_server.text.normalize_zh import SUPERSCRIPTS


_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"',
    "\u00bb": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2043": "-",
    "\u2026": "...", "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
    "\ufb04": "ffl", "\u00bd": " 1/2", "\u2153": " 1/3", "\u2154": " 2/3", "\u00bc": " 1/4",
    "\u00be": " 3/4", "\u2155": " 1/5", "\u215b": " 1/8", "\u215c": " 3/8", "\u215d": " 5/8",
    "\u215e": " 7/8", "\u00b2": " squared", "\u00b3": " cubed", "\u2103": "°C", "\u2109": "°F",
    **{chr(0x2080 + d): str(d) for d in range(10)},  # subscripts: CO₂, H₂O
    "\u2022": "\n- ", "\u00b7": " ", "\u00ad": "", "\u200b": "", "\u200c": "", "\u200d": "",
    "\u2060": "", "\ufeff": "", "\u203b": " ", "\uffe5": "¥", "\uff5e": "~", "\t": " ", "\r": "\n", "\u2028": "\n",
    "\u2029": "\n",
    **dict.fromkeys("\u21d2\u27f9\u27f6\u279c\u2794\u27a1\u21e8\u21a6", "\u2192"),  # ⇒ ⟹ ⟶ ➜ ...
    "\u2318": " Command ", "\u2325": " Option ", "\u21e7": " Shift ", "\u2303": " Control ",
    "\u27f5": "\u2190", "\u21d0": "\u2190", "\u27f7": "\u2194", "\u27fa": "\u21d4",  # ⟵ ⇐ ⟷ ⟺
})  # fmt: skip
_SPACES = re.compile(r"[^\S\n]+")
_VARIATION_SELECTORS = re.compile(r"[\ufe00-\ufe0f\U000e0100-\U000e01ef]")


_SUPERSCRIPT_POWER = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]{2,}|[⁰¹⁴⁵⁶⁷⁸⁹⁻⁺]")
"""A power written in superscripts other than a lone ² or ³ (``10⁶``, ``10⁻⁹``, ``x¹⁰``)."""


_FOOTNOTE_MARK = re.compile(r"(?<=[.,;:!?\"”])[⁰¹²³⁴⁵⁶⁷⁸⁹]+(?=[\s)]|$)|(?<=\b[A-Za-z]{3})¹"
                            r"(?![⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺])|(?<=[A-Za-z]{4})¹(?![⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺])")
"""A footnote's mark in superscript: after a stop or a closing double quote (``below.¹``), or
a lone ``¹`` after a word of three letters or more (``Note¹:``; was "to the power of one");
not ``x¹``, ``(x+1)²``, ``f'²``."""
_SUPERSCRIPT_DIGITS = tuple("⁰¹²³⁴⁵⁶⁷⁸⁹")
_ION_CHARGE = re.compile(r"(?:(?<=[A-Z])|(?<=[A-Z][a-z])|(?<=[₀-₉)\]]))(?P<n>[²³⁴⁵⁶⁷]?)(?P<sign>[⁺⁻])"
                         r"(?![⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻\w])")
"""An ion's charge after its formula: ``Cl⁻``, ``Ca²⁺``, ``SO₄²⁻`` (not a power: ``10⁻⁹``)."""


def _ion_charge(m: re.Match[str]) -> str:
    """``Cl⁻`` -> "Cl minus" (was "Cl -"), ``Ca²⁺`` -> "Ca two plus" (was "Ca squared plus")."""
    count = cardinal(int(m["n"].translate(SUPERSCRIPTS))) + " " if m["n"] else ""
    return f" {count}{'plus' if m['sign'] == '⁺' else 'minus'}"


_ASCII_SPACES_TO_FOLD = ("  ", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f")
"""What ``_SPACES`` changes in ASCII text once tabs and carriage returns are folded: two
spaces, or a space character other than the space and the line break."""


_SQUARE_OR_CUBIC_UNIT = re.compile(r"(?:(?<=\d)|(?<=\d )|(?<=\d[kKM] )|(?<=/))"
                                   r"(km|cm|mm|m|ft|in|yd|mi)"
                                   r"([\u00b2\u00b3])(?![\w\u00b2\u00b3])")
"""A unit of length squared or cubed after a number or a slash: an area's or a volume's, as
said: ``10 m³`` ten cubic meters, ``24 kg/m²`` ... per square meter (were "meters cubed"); after
thousands or millions, ``5M km²`` five million square kilometers."""


def _square_or_cubic(m: re.Match[str]) -> str:
    if m.string[m.start() - 1 : m.start()] == "/" and not any(
            c.isdigit() for c in m.string[max(0, m.start() - 10) : m.start()]):
        return m[0]  # mg/m³ with no amount before it: left to read as written
    return f"{'sq' if m[2] == chr(0xB2) else 'cu'} {m[1]}"


def fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    if text.isascii():  # no superscript, ligature or selector: only tabs, CRs and spaces
        if "\t" in text or "\r" in text:
            text = text.translate(_FOLD)
        if any(space in text for space in _ASCII_SPACES_TO_FOLD):
            text = _SPACES.sub(" ", text)
        return text
    if any(c in text for c in _SUPERSCRIPT_DIGITS):
        text = _FOOTNOTE_MARK.sub("", text)
    if "⁺" in text or "⁻" in text:
        text = _ION_CHARGE.sub(_ion_charge, text)
    if "\u00b2" in text or "\u00b3" in text:  # 65 µg/m³: per cubic meter (was "per meter cubed")
        text = _SQUARE_OR_CUBIC_UNIT.sub(_square_or_cubic, text)
    # 10⁶ -> 10^6 (read as a power; ² and ³ alone fold to words)
    text = _SUPERSCRIPT_POWER.sub(lambda m: "^" + m[0].translate(SUPERSCRIPTS), text)
    if " \u00b7 " in text:  # spaced, a middle dot parts items: Serves 4 · Prep 15 min (a pause;
        text = _SPACED_MIDDLE_DOT.sub(_middle_dot, text)  # was run together); in mol·K it stays a space
    text = text.translate(_FOLD)
    return _SPACES.sub(" ", _VARIATION_SELECTORS.sub("", text))


_SPACED_MIDDLE_DOT = re.compile(" \u00b7 ")


def _middle_dot(m: re.Match[str]) -> str:
    """A spaced middle dot in an equation is a product, ``f(x) = x³ · sin(x)`` (x cubed times
    sin x; was a pause); elsewhere it parts items, ``Serves 4 · Prep 15 min``."""
    return " × " if EQUATION_BEFORE.search(m.string, max(0, m.start() - 60), m.start()) else ", "


_KEEP_SYMBOLS = frozenset("$€£¥₹₩₽¢%‰©&@+=#°±×÷<>≤≥≠≈~→←↔⇔§^*/|\\_'\"`√∞−∑∫∈∉∩∪⊂⊆∀∃∂∇∴∵¬∧∨")
_DROP_CATEGORIES = frozenset({"So", "Sk", "Sm", "Sc", "Co", "Cn", "Cs", "Cc", "Cf", "Me"})


_CONTROL = re.compile(r"[\x01-\x09\x0b-\x1f\x7f]")


def drop_unreadable(text: str) -> str:
    """Remove emoji, pictographs and other symbols; control characters become spaces.

    ``\x00`` marks a number kept aside (see ``cjk.protect_cjk_digits``) and stays.
    """
    if text.isascii():
        return _CONTROL.sub(" ", text)
    out = []
    for ch in text:
        if ch.isascii() or ch in _KEEP_SYMBOLS:
            out.append(" " if _CONTROL.match(ch) else ch)
        elif unicodedata.category(ch) not in _DROP_CATEGORIES:
            out.append(ch)
        elif unicodedata.category(ch) == "Cc":
            out.append(" ")
    return "".join(out)
