"""Regex rewrites that say what they cannot match without, so that most of them are skipped.

The normaliser (``normalize``) runs about 230 substitutions, in order, on every segment, on
the event loop. Most match nothing, yet a regex search costs about as much when it fails: it
tries every position of the text. A substring test costs a few hundredths of that.

Theory of operation
-------------------
1. Each ``Rule`` may declare ``needs``: strings one of which every text its pattern matches
   in must hold (``"/"`` for a fraction, the names of an alternation of names). ``apply``
   skips a rule whose needs are all absent; running it could have changed nothing.
2. Needs are sought in the text's *shape* (``shape``): each digit written ``0``, so a rule
   can need a digit next to something (``"0p"``: a digit, then ``p``; ``"0000-00-00"``: an
   ISO date). The shape is made once, and again only after a rule has changed the text.
3. A pattern that ignores case has its needs sought in the lower-cased shape, so they are
   written in lower case. ``re.IGNORECASE`` also equates ``ı`` and ``İ`` with ``i`` and ``ſ``
   with ``s``, which ``str.lower`` does not: a text holding one of ``CASE_BLIND`` runs every
   such rule.
4. A wrong need would silently drop a reading. ``tests/test_normalize_needs.py`` proves each
   one from the parsed pattern (``tests/regex_needs.py``), and a golden corpus pins the
   normaliser's output.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import NamedTuple

_DIGIT = re.compile(r"\d")


class Rule(NamedTuple):
    """``pattern.sub(replacement, text)``, run only where the text's shape holds one of
    ``needs`` (module docstring)."""

    pattern: re.Pattern[str]
    replacement: str | Callable[[re.Match[str]], str]
    needs: tuple[str, ...] = ()
    """One of these is in the shape of every text ``pattern`` matches in; empty: nothing
    cheap to test, always run."""


_ASCII_DIGITS_AS_ZERO = str.maketrans(dict.fromkeys("123456789", "0"))


def shape(text: str) -> str:
    """``text`` as needs are sought in it: every digit (whatever ``\\d`` matches, ``٣`` and
    ``３`` too) written ``0``."""
    if not text.isascii():
        return _DIGIT.sub("0", text)
    for digit in "123456789":  # nine substring tests cost less than one regex search
        if digit in text:
            return text.translate(_ASCII_DIGITS_AS_ZERO)
    return text


CASE_BLIND = ("İ", "ı", "ſ")
"""Characters that ``re.IGNORECASE`` matches to ``i``, ``i`` and ``s`` but that do not
lower-case to them."""
_IGNORE_CASE = int(re.IGNORECASE)  # an int: ``&`` on the enum costs a microsecond
_MANY_NEEDS = 20
"""Past this many, one regex search for any of them beats a substring test each: a list of
names (Henry, Edward ...) is then looked for only where a capital stands."""


@functools.cache
def _search_for_any(needs: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, needs)))


def holds_one_of(needs: tuple[str, ...], shaped: str, ignore_case: int) -> bool:
    """Whether ``shaped`` (a text's shape) holds one of a rule's ``needs``; lower-cased
    first if the rule's pattern ignores case, and always where ``CASE_BLIND`` stands."""
    if ignore_case:
        if any(c in shaped for c in CASE_BLIND):
            return True
        shaped = shaped.lower()
    elif len(needs) > _MANY_NEEDS:
        return _search_for_any(needs).search(shaped) is not None
    for need in needs:
        if need in shaped:
            return True
    return False


def apply(rules: list[Rule], text: str) -> str:
    """``text`` rewritten by each rule in turn, skipping those that cannot match it."""
    shaped = None  # made when a rule first asks, again after a rule changes the text
    for pattern, replacement, needs in rules:
        if needs:
            shaped = shape(text) if shaped is None else shaped
            if not holds_one_of(needs, shaped, pattern.flags & _IGNORE_CASE):
                continue
        replaced = pattern.sub(replacement, text)
        if replaced is not text:
            text, shaped = replaced, None
    return text
