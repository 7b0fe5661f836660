"""Numbers as English words: cardinals (to 10^36), ordinals, years, digit by digit, in pairs,
and decimals. Pure functions every reader of the package builds on; nothing here looks at the
text around a number.
"""

from __future__ import annotations


ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen").split()  # fmt: skip
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = ("_ thousand million billion trillion quadrillion quintillion sextillion septillion "
           "octillion nonillion decillion").split()  # fmt: skip
MAX_CARDINAL_DIGITS = 3 * len(_SCALES)
_ORDINAL_WORDS = {"one": "first", "two": "second", "three": "third", "five": "fifth",
                  "eight": "eighth", "nine": "ninth", "twelve": "twelfth"}  # fmt: skip


def _below_1000(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    words = [f"{ONES[hundreds]} hundred"] if hundreds else []
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        words.append(_TENS[tens] + (f"-{ONES[ones]}" if ones else ""))
    elif rest or not hundreds:
        words.append(ONES[rest])
    return " ".join(words)


def cardinal(n: int) -> str:
    """``1234`` -> "one thousand two hundred thirty-four" (digit by digit past 10^36)."""
    if n < 0:
        return "minus " + cardinal(-n)
    if n < 1000:
        return _below_1000(n)
    if len(str(n)) > MAX_CARDINAL_DIGITS:
        return digits(str(n))
    words = []
    for scale, group in enumerate(_groups_of_1000(n)):
        if group:
            words.append(_below_1000(group) + (f" {_SCALES[scale]}" if scale else ""))
    return " ".join(reversed(words))


def _groups_of_1000(n: int) -> list[int]:
    groups = []
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    return groups


def ordinal(n: int) -> str:
    """``22`` -> "twenty-second"."""
    words = cardinal(n)
    head, sep, last = words.rpartition("-" if words.rfind("-") > words.rfind(" ") else " ")
    if last in _ORDINAL_WORDS:
        last = _ORDINAL_WORDS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + sep + last


def year(n: int) -> str:
    """``1999`` -> "nineteen ninety-nine", ``2005`` -> "two thousand five", ``1900`` ->
    "nineteen hundred"; outside 1100-2099 a plain cardinal."""
    if not 1100 <= n <= 2099 or 2000 <= n <= 2009:
        return cardinal(n)
    return in_pairs(n)


def in_pairs(n: int) -> str:
    """Read in pairs of digits, as years and sizes are: 1080 "ten eighty", 600 "six hundred",
    1905 "nineteen oh five"; below 100 a plain cardinal (port 22 "twenty-two", not "zero
    twenty-two")."""
    if n < 100:
        return cardinal(n)
    high, low = divmod(n, 100)
    if low == 0:
        return f"{cardinal(high)} hundred"
    return f"{cardinal(high)} {'oh ' if low < 10 else ''}{cardinal(low)}"


def digits(text: str) -> str:
    """``"007"`` -> "zero zero seven" (any decimal digit; other characters are skipped)."""
    return " ".join(ONES[int(c)] for c in text if c.isdecimal())


def plural_of(words: str) -> str:
    """"ninety" -> "nineties", "six" -> "sixes", "hundred" -> "hundreds"."""
    if words.endswith("y"):
        return words[:-1] + "ies"
    return words + ("es" if words.endswith(("x", "s")) else "s")


def read_number(text: str, as_year: bool = True) -> str:
    """Read a numeral as written: ``-1,234.50``, ``007``, ``1.2.3``, ``1999``.

    Args:
        text: optional ``-``, digits with optional thousands commas, optional ``.digits``
            parts (two or more make a version number, read with "dot").
        as_year: read plain four-digit numbers 1100-2099 as years.
    """
    sign = "minus " if text.startswith("-") else ""
    body = text.lstrip("-")
    whole, *fractions = body.split(".")
    whole = whole.replace(",", "")
    if len(fractions) > 1:
        return sign + " dot ".join(map(version_part, [whole, *fractions]))
    words = _read_integer(whole, as_year and not sign and not fractions and "," not in body)
    if fractions:
        words = (f"{words} " if whole else "") + "point " + digits(fractions[0])
    return sign + words


def version_part(text: str) -> str:
    """A version's or a build's part between dots as it is said: ``94`` "ninety-four", ``6261``
    "sixty-two sixty-one" (as a model's number is; was "six thousand two hundred ..."), five
    digits or more one by one (``22631``: Chrome's 122.0.6261.94, Windows' 10.0.22631)."""
    if len(text) == 4 and text[0] != "0":
        n = int(text)
        return cardinal(n) if n % 1000 == 0 else in_pairs(n)
    return digits(text) if len(text) > 4 else _read_integer(text, False)


def _read_integer(text: str, as_year: bool) -> str:
    if not text:
        return ""
    if (len(text) > 1 and text[0] == "0") or len(text) > MAX_CARDINAL_DIGITS:
        return digits(text)
    if as_year and len(text) == 4:
        return year(int(text))
    return cardinal(int(text))
