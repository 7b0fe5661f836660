"""Which text is read as Chinese, and the numbers kept as written in Chinese, Japanese or
Korean text: decided before any rule runs, since a number's reading depends on the language
around it (``reads_chinese``; ``normalize_zh`` reads a Chinese sentence's numbers).
"""

from __future__ import annotations

import re

from voice_server.text.normalize.cues import CJK_CHAR, CJK_WEIGHT, LATIN_LETTER

_DIGIT = re.compile(r"\d")
_NUMBER_RUN = re.compile(r"[$¥€£+]?[\d.,:%]+(?:-[\d.,:%]+)*(?:°[CF]?|℃)?")
"""A number with its signs; hyphenated groups stay one (``400-800-1234``, ``9:00-18:00``)."""


TILDE_RANGE = re.compile(r"(?:(?<=[\d%])|(?<=\d°[CF]))\s?[~～]\s?(?=[$€£¥₹]?\d)")
"""``10~20``, ``100～200``: a range, as a tilde between numbers is in LLM text."""


_DATE_BEFORE = re.compile(r"(?<![\d/.-])(?:\d{4}([/.-])\d{1,2}\1\d{1,2}|\d{1,2}([/.])\d{1,2}\2\d{4})$")
"""A whole date (2033/9/24, 2024-01-15, 9/24/2033, 24.09.2033) ends the text before a tilde."""


def tilde_range(m: re.Match[str], mostly_cjk: bool) -> str:
    """The tilde of a range: "到" in Chinese, Japanese or Korean text (the numbers stay as
    written there), else a hyphen, which the range rule reads as "to"; after a date, "to"
    (a hyphen there would join the next number to the date: "2033/9/24~14 March")."""
    if mostly_cjk or CJK_CHAR.search(m.string, max(0, m.start() - 12), m.end() + 12):
        return "到"
    if _DATE_BEFORE.search(m.string, max(0, m.start() - 10), m.start()) or m.string[m.start() - 1] in "CF":
        return " to "  # after a temperature too: 5°C~10°C (was "about")
    return "-"


_ZH_PUNCTUATION = re.compile("[，。！？；：、]")
"""Chinese punctuation: a sentence that holds it was written in Chinese, so its CJK characters
and marks weigh twice as much against its Latin letters ("Claude 3.5 Sonnet 和 GPT-4 相比。"; an English
sentence that quotes "你好，世界" stays English), and a line of signs without CJK characters is
Chinese ("1+1=2，2×3=6。")."""
_LATIN_WORD = re.compile("[A-Za-z]{3}")


def reads_chinese(text: str, after_chinese: bool = False) -> bool:
    """Whether ``text`` (a segment) is read as Chinese: at least one CJK character, and they
    weigh at least as much as the Latin letters (``CJK_WEIGHT`` each): "iPhone 15 Pro的价格是
    7999元" is a Chinese sentence that names a product, read with its numbers as written, like
    the next sentence of the same answer. Chinese punctuation doubles the CJK characters'
    weight ("Claude 3.5 Sonnet 和 GPT-4 相比。"), and makes a Chinese answer's line of numbers,
    signs and variables without them Chinese ("x=1.5，y=-2.3。"), unless an English word is in
    it. So does ``after_chinese``, the previous segment of the same answer read as Chinese: a
    table's row of amounts, ``| ¥1,299 | ¥2,499 |``, is cut into a segment of its own (a line
    break ends a sentence) and has nothing else to say how it is read (yuan, not yen)."""
    if after_chinese and CJK_CHAR.search(text) is None:
        return _LATIN_WORD.search(text) is None
    if after_chinese and text.lstrip().startswith("|"):
        return True  # a row of a Chinese table: | iPhone 15 | 6.1英寸 | 3349mAh | (not yen)
    if text.isascii():
        return False
    cjk = len(CJK_CHAR.findall(text))
    if _ZH_PUNCTUATION.search(text) is None:
        return cjk > 0 and CJK_WEIGHT * cjk >= len(LATIN_LETTER.findall(text))
    if cjk == 0:
        return _LATIN_WORD.search(text) is None
    marks = len(_ZH_PUNCTUATION.findall(text))
    return 2 * CJK_WEIGHT * (cjk + marks) >= len(LATIN_LETTER.findall(text))


def protect_cjk_digits(text: str, mostly_cjk: bool) -> tuple[str, list[str]]:
    """Take numbers out of the text (returned in order) that are read in Chinese, Japanese or
    Korean: those that touch a CJK character, and, in text that is mostly CJK
    (``reads_chinese``), every one, with its currency, percent or degree sign
    (``温度是 25°C`` must not read "twenty-five degrees Celsius" mid-sentence)."""
    kept: list[str] = []
    if CJK_CHAR.search(text) is None:
        return text, kept

    def stash(m: re.Match[str]) -> str:
        before = text[m.start() - 1 : m.start()]
        after = text[m.end() : m.end() + 1]
        touches = mostly_cjk or CJK_CHAR.match(before) or CJK_CHAR.match(after)
        if not touches or _DIGIT.search(m.group(0)) is None:
            return m.group(0)
        kept.append(m.group(0))
        return "\x00"

    return _NUMBER_RUN.sub(stash, text), kept
