"""Text normalisation for speech (English; Chinese numbers in ``normalize_zh``): turn what the
model cannot read into words.

``normalize_text(text)`` is pure and deterministic, never raises on any ``str``, and its output
is at most ``MAX_EXPANSION`` (20) times the input's length. It runs on each segment after the
segmenter has cut it (``voice_server.text.segmenter``).

Theory of operation
-------------------
``rewrite`` runs ordered lists of regex rules (``voice_server.text.rules``) over the text, each
list once, in this order: citations, Chinese numbers (``normalize_zh``, in text read as
Chinese), Unicode folding (``folding``), flags and math signs, inline code, LaTeX and inline
math (``math``), Markdown (``markdown``), powers, URLs and emails (``addresses``),
abbreviations (``abbreviations``), numbers in context (``number_rules``, whose readers live
in ``numbers``, ``codes``, ``money``, ``dates_times``, ``units``, ``sizes`` and ``sports``),
then what the model cannot read is dropped and symbols and spacing are read last
(``symbols``). A later list sees what the earlier ones wrote, so the order is part of every
reading. ``cjk`` decides first whether the text is read as Chinese and keeps the numbers
of Chinese, Japanese or Korean text as written; ``number_words`` spells numbers out; ``cues``
holds what several readers ask of the text around a match (where a sentence ends, an article
before, a noun after). Each module's docstring lists what it reads, with examples; the
golden corpus (``tests/normalize_corpus.py``) reads all of them.

What is covered
---------------
- **Flags** of common countries are their names (``🇯🇵`` -> Japan; 日本 in Chinese text; the table
  is ``voice_server.text.flags``).
- **Removed**: emoji, pictographs, other flags, emoticons (``:)``, ``;-)``, ``:D``, ``^_^``; not
  ``<3`` or ``XD``, which also mean less than three and a product), other symbols the model cannot
  read, control characters; whitespace runs collapse to one space; runs of ``!``, ``?`` or ``…``
  become one mark and runs of dots an ellipsis.
- **Chinese**: in text whose CJK characters, at three Latin letters each, outweigh its Latin
  letters (twice as much where Chinese punctuation, ``，。！？；：、``, is in it; without CJK
  characters such punctuation alone, where no English word of three letters is in it:
  ``1+1=2，2×3=6。``; so is a segment of numbers and signs alone after a Chinese one, a table's
  row ``| ¥1,299 | ¥2,499 |``, and any row of a table with a CJK character in it, ``| iPhone 15 |
  6.1英寸 |``: ``normalize_text(text, after_chinese=True)``), numbers are read
  in Chinese by ``normalize_zh`` (its docstring has the list:
  cardinals by 万 and 亿, decimals, percentages, fractions, 第N, years and dates, times, ranges,
  money, units, phone numbers and codes digit by digit with 幺, 两 before a measure word;
  ``100+个`` is 一百多个), URLs and emails in it are read as above, and comparison and
  arithmetic signs read in Chinese (``=`` 等于, ``≥`` 大于等于, ``≈`` 约等于, ``&`` 和, ``+`` 加,
  ``±`` 正负, ``√`` 根号, ``==`` 等于, ``===`` 全等于; a tilde between weekdays or Chinese
  numerals 到 (``周一~周五``), any other a tone's, a pause (``好的呢~有什么``); 设置 > 隐私 is a
  menu path; a number's sign before a code is not read: ``订单#A-102``, ``#AI#话题``; ``#号键`` 井号键). In other text,
  digits next to Chinese, Japanese or Korean characters are left as written (the model reads
  them there).

Not covered: other languages' number words, Roman numerals elsewhere, context-dependent readings
(``lead``, ``read``), arbitrary abbreviations, chemical formulas, math beyond the above, a
sentence break after a dotted initialism before a capital ("the U.S. It" reads "U S It").
"""

from __future__ import annotations

import logging
import re

from voice_server.text.flags import read_flags
from voice_server.text.inline_code import read_inline_code
from voice_server.text.normalize.abbreviations import ABBREVIATIONS
from voice_server.text.normalize.addresses import ADDRESS, ADDRESSES
from voice_server.text.normalize.cjk import (
    TILDE_RANGE,
    protect_cjk_digits,
    reads_chinese,
    tilde_range,
)
from voice_server.text.normalize.folding import drop_unreadable, fold
from voice_server.text.normalize.markdown import CITATIONS_EARLY, MARKDOWN
from voice_server.text.normalize.math import INLINE_MATH, LATEX, POWERS, inline_math
from voice_server.text.normalize.number_rules import NUMBERS
from voice_server.text.normalize.symbols import (
    CJK_SYMBOLS,
    SPACING,
    SYMBOLS,
    greek_letters,
    read_math_signs,
)
from voice_server.text.normalize_zh import read_chinese
from voice_server.text.rules import apply as _apply

log = logging.getLogger(__name__)

MAX_EXPANSION = 20
"""Output length is at most this many times the input length."""


_DIGIT = re.compile(r"\d")


def speakable(text: str) -> bool:
    """Whether normalised ``text`` holds a letter or digit (of any script). Text of only
    punctuation (a lone "," left of a dash, "!!!!", "()") gives the model nothing to read:
    it babbles or says nothing, so such segments are not sent to it."""
    return any(c.isalnum() for c in text)


def normalize_text(text: str, after_chinese: bool = False) -> str:
    """Rewrite ``text`` so that it holds only words the model can read (see module docstring).

    Args:
        text: any string (a segment cut by the segmenter, usually).
        after_chinese: the previous segment of the same answer was read as Chinese
            (``reads_chinese``): a segment of numbers and signs alone is read as Chinese too.

    Returns:
        The normalised text, whitespace collapsed and stripped; at most ``MAX_EXPANSION``
        times as long as ``text``. The rules stay under that bound by themselves; the final
        cut is only a guard against a rule added later that does not. Likewise, a rule that
        raises (a bug: the rules are meant never to) costs this text its readings, not the
        session: it is then passed on as written, whitespace collapsed.
    """
    try:
        out = rewrite(text, after_chinese=after_chinese)
    except Exception:
        log.exception("text normalisation failed on %d characters; passed on as written",
                      len(text))  # fmt: skip
        out = " ".join(text.split())
    limit = MAX_EXPANSION * len(text)
    return out if len(out) <= limit else out[:limit].rsplit(" ", 1)[0]


def rewrite(text: str, protect_cjk: bool = True, after_chinese: bool = False) -> str:
    """The normalisation rules, applied in order, without the length guard.

    ``protect_cjk``: keep numbers in Chinese, Japanese or Korean text as written
    (``cjk.protect_cjk_digits``). Should a rule ever drop or add one of their placeholders, the
    numbers could come back in the wrong places (a price read where a quantity was written):
    then the text is read again without that protection, every number in English words.
    """
    original = text
    text = text.replace("\x00", "")
    mostly_cjk = reads_chinese(text, after_chinese)  # decided once, on the text as written
    if "[" in text or "【" in text:
        text = _apply(CITATIONS_EARLY, text)  # before 【1】 is read 【一】
    if mostly_cjk:  # its numbers read in Chinese (the addresses are read below)
        text = read_chinese(text, skip=ADDRESS)
    text = fold(text)
    if not text.isascii():
        text = read_flags(text, mostly_cjk)  # 🇯🇵: Japan (the other emoji are dropped below)
        text = read_math_signs(text, mostly_cjk)  # x ∈ ℝ: x in R
    text = read_inline_code(text)  # before math and LaTeX take its $ and \d for theirs
    has_digits = _DIGIT.search(text) is not None  # every number rule needs a digit
    if has_digits and ("~" in text or "～" in text):
        text = TILDE_RANGE.sub(lambda m: tilde_range(m, mostly_cjk), text)
    text, kept = (protect_cjk_digits(text, mostly_cjk) if has_digits and protect_cjk
                  else (text, []))  # fmt: skip
    if "$" in text:  # $x = 3$: inline math, before its commands are read (with spaces)
        text = INLINE_MATH.sub(inline_math, text)
    if "\\" in text or "$$" in text:
        text = _apply(LATEX, text)
    text = _apply(MARKDOWN, text)
    if "^" in text:
        text = _apply(POWERS, text)
    text = _apply(ADDRESSES, text)
    text = _apply(ABBREVIATIONS, text)
    if has_digits:
        text = _apply(NUMBERS, text)
    text = greek_letters(drop_unreadable(text))
    if mostly_cjk:
        text = _apply(CJK_SYMBOLS, text)  # 1+1=2 in Chinese: 等于, not "equals"
    text = _apply(SYMBOLS, text)
    text = _apply(SPACING, text).strip()
    if text.count("\x00") != len(kept):
        return rewrite(original, protect_cjk=False, after_chinese=after_chinese)
    for number in kept:
        text = text.replace("\x00", number, 1)
    return text
