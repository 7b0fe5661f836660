"""Roman numerals, read only where they are numbers: after a word that numbers (Chapter, Part,
Super Bowl ...) or in a monarch's name; elsewhere "I" and "CV" are words.

What is covered
---------------
- **Roman numerals** where they are numbers: after Chapter, Part, Vol., Book, Act, Type, Class,
  Episode, Season, War, Bowl ... (``World War II`` -> World War two) and after a monarch's or
  pope's name (``Henry VIII`` -> Henry the eighth; never ``I``: "Mary I was"); a lone C or L
  is a letter (``Class C``, ``USB Type C``).
"""

from __future__ import annotations

import re

from voice_server.text.normalize.number_words import cardinal, ordinal


_ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(numeral: str) -> int | None:
    """The value of a Roman numeral written the standard way (XIV, not XIIII), up to 399;
    None for anything else."""
    values = [_ROMAN_DIGITS.get(c) for c in numeral]
    if not numeral or None in values:
        return None
    total = 0
    for i, value in enumerate(values):
        assert value is not None
        following = values[i + 1] if i + 1 < len(values) else 0
        total += -value if following and following > value else value
    return total if 0 < total < 400 and _roman(total) == numeral else None


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"),
                           (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):  # fmt: skip
        count, n = divmod(n, value)
        out += letters * count
    return out


ROMAN_CUES = ("Chapter Chapters Part Parts Volume Vol Book Act Scene Section Article Appendix "
              "Phase Stage Level Type Class Grade Episode Season Title Round Tier Category War Bowl "
              "Schedule Amendment Unit Lesson Psalm Canto Division League Form").split()  # fmt: skip
REGNAL_NAMES = ("Henry Edward George William Richard Charles James Elizabeth Mary Anne Louis "
                "Philip Philippe Frederick Alexander Nicholas Peter Ivan John Paul Pius Leo "
                "Gregory Benedict Innocent Clement Urban Boniface Alfonso Ferdinand Carlos Juan "
                "Felipe Victor Emmanuel Umberto Wilhelm Francis Joseph Otto Rudolf Gustav "
                "Gustaf Christian Haakon Olav Harald Frederik Margrethe Ramesses Ramses "
                "Thutmose Amenhotep Ptolemy Cleopatra Constantine Justinian Napoleon Leopold "
                "Albert Baudouin Rama Mehmed Murad Selim Suleiman Darius Xerxes Antiochus "
                "Sancho Casimir Sigismund Stephen Matthias Edmund Malcolm David Robert Kamehameha "
                "Willem Sixtus Julius Adrian Celestine Martin Eugene Hadrian Pedro Manuel "
                "Catherine Nero Augustus Tiberius Valentinian Theodosius Basil Michael Andronikos "
                "Vasily Dmitry Boris Sergius Honorius Marcus Lothair Conrad Ludwig Maximilian "
                "Charlemagne Magnus Eric Erik Valdemar Canute Olaf Sverre Harold Edgar Ethelred "
                "Kenneth Duncan Alexios Isaac Romanos Leopoldo Friedrich Karl Franz").split()  # fmt: skip
ROMAN = r"(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"


def roman_after_cue(m: re.Match[str]) -> str:
    """``Chapter IV`` -> "Chapter four"; a lone C or L is a letter, not 100 or 50 (``Class C``,
    ``USB Type C``, ``Medicare Part C``): no title counts that far in one numeral's letter."""
    if m["num"] in ("C", "L"):
        return m.group(0)
    value = roman_value(m["num"])
    cue = "Volume" if m["cue"] == "Vol" else m["cue"]
    return m.group(0) if value is None else f"{cue} {cardinal(value)}"


def regnal(m: re.Match[str]) -> str:
    value = roman_value(m["num"])  # never "I": "when I met Mary I was ..."
    return m.group(0) if value is None or value == 1 else f"{m['name']} the {ordinal(value)}"
