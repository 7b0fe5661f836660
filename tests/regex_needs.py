"""What a regular expression cannot match without: the strings one of which every text it
matches in must hold. The normaliser's rules declare such strings (``Rule.needs``) and skip
their pattern where none occurs; ``tests/test_normalize_needs.py`` uses this module to prove
each declaration from the pattern itself, so a wrong one cannot silently drop a reading.

Theory: the pattern is parsed (``re._parser``, the parser ``re.compile`` uses) into a tree of
conditions. A run of items that each match one character from a known set (a literal, a
class of literals), with nothing optional between them, is a *sequence*: a text the pattern
matches in holds some string made of one character of each set, contiguously. Zero-width
items (``\\b``, ``^``, lookarounds) do not break a run; anything else (``\\d``, ``.``, an
optional or repeated part) ends it. A match needs *all* of its sequences and *all* that its
lookaheads and lookbehinds need (an ``And``), and *one* alternative of each ``|`` (an
``Or``). A rule's ``needs`` is proven when some condition the pattern cannot match without
already puts one of the declared strings in the text.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import sys
from dataclasses import dataclass

if sys.version_info >= (3, 11):
    from re import _constants as sre, _parser as sre_parse
else:  # pragma: no cover
    import sre_constants as sre
    import sre_parse

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_MAX_ALTERNATIVES = 256
"""A run whose alternatives multiply past this many ends there (the proof just gets weaker)."""


@dataclass(frozen=True)
class Seq:
    """Contiguous characters, each from its set."""

    sets: tuple[frozenset[str], ...]


@dataclass(frozen=True)
class And:
    parts: tuple[Condition, ...]


@dataclass(frozen=True)
class Or:
    parts: tuple[Condition, ...]


Condition = Seq | And | Or


@functools.cache
def _cased() -> tuple[str, ...]:
    """Every character whose case can change (the only ones ``re.I`` can equate)."""
    return tuple(c for c in map(chr, range(sys.maxunicode + 1))
                 if c.lower() != c or c.upper() != c)  # fmt: skip


@functools.cache
def case_variants(chars: frozenset[str]) -> frozenset[str]:
    """The characters ``re.I`` lets a class of ``chars`` match (``[k]`` also matches ``K``
    and ``K``), found by asking the engine itself."""
    cls = re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]", re.IGNORECASE)
    return chars | {c for c in _cased() if cls.fullmatch(c)}


def conditions(pattern: re.Pattern[str]) -> Condition:
    """The tree of what ``pattern`` cannot match without (module docstring)."""
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    return _items(list(parsed), pattern.flags)


def _chars(op: object, av: object, flags: int) -> frozenset[str] | None:
    """The characters one item matches, if it is one character from a known set."""
    if op is sre.LITERAL:
        assert isinstance(av, int)
        chars = frozenset(chr(av))
    elif op is sre.IN:
        assert isinstance(av, list)
        found: set[str] = set()
        for kind, value in av:
            if kind is sre.LITERAL:
                found.add(chr(value))
            elif kind is sre.RANGE and value[1] - value[0] < 2000:
                found.update(map(chr, range(value[0], value[1] + 1)))
            else:  # a category (\d, \w), a negation, a huge range
                return None
        chars = frozenset(found)
    else:
        return None
    return case_variants(chars) if flags & re.IGNORECASE else chars


def _fixed(op: object, av: object, flags: int) -> list[tuple[frozenset[str], ...]] | None:
    """The sequences an item always matches exactly one of, or None if it varies in length
    or in what it matches beyond known sets (zero-width items match the empty sequence)."""
    chars = _chars(op, av, flags)
    if chars is not None:
        return [(chars,)]
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return [()]
    if op is sre.SUBPATTERN:
        _group, add, remove, sub = av  # type: ignore[misc]
        return _fixed_items(list(sub), (flags | add) & ~remove)
    if op in _REPEATS and av[0] == av[1]:  # type: ignore[index]
        low, _high, sub = av  # type: ignore[misc]
        return _fixed_items(list(sub) * low, flags)
    if op is sre.BRANCH:
        found: list[tuple[frozenset[str], ...]] = []
        for alternative in av[1]:  # type: ignore[index]
            fixed = _fixed_items(list(alternative), flags)
            if fixed is None:
                return None
            found += fixed
        return found if len(found) <= _MAX_ALTERNATIVES else None
    return None


def _fixed_items(items: list[tuple[object, object]], flags: int) -> list[tuple[frozenset[str], ...]] | None:
    runs: list[tuple[frozenset[str], ...]] = [()]
    for op, av in items:
        fixed = _fixed(op, av, flags)
        if fixed is None or len(runs) * len(fixed) > _MAX_ALTERNATIVES:
            return None
        runs = [run + more for run in runs for more in fixed]
    return runs


def _items(items: list[tuple[object, object]], flags: int) -> Condition:
    """An ``And`` of the runs of fixed items and of what each other item needs."""
    parts: list[Condition] = []
    runs: list[tuple[frozenset[str], ...]] = [()]

    def end_run() -> None:
        nonempty = [run for run in runs if run]
        if len(nonempty) == len(runs) and nonempty:
            parts.append(Or(tuple(Seq(run) for run in nonempty)))
        runs[:] = [()]

    for op, av in items:
        fixed = _fixed(op, av, flags)
        if fixed is not None and len(runs) * len(fixed) <= _MAX_ALTERNATIVES:
            runs[:] = [run + more for run in runs for more in fixed]  # zero-width: no change
            if op is sre.ASSERT:  # what a lookaround sees is in the text too
                parts.append(_item(op, av, flags))
            continue
        if op in _REPEATS and av[0] >= 1:  # type: ignore[index]
            low, _high, sub = av  # type: ignore[misc]
            first = _fixed_items(list(sub) * low, flags)  # the copies every match has
            if first is not None and len(runs) * len(first) <= _MAX_ALTERNATIVES:
                runs[:] = [run + more for run in runs for more in first]
        end_run()
        parts.append(_item(op, av, flags))
    end_run()
    return And(tuple(parts))


def _item(op: object, av: object, flags: int) -> Condition:
    """What one item that is not a plain character needs."""
    if op in _REPEATS:
        low, _high, sub = av  # type: ignore[misc]
        return _items(list(sub), flags) if low >= 1 else And(())
    if op is sre.SUBPATTERN:
        _group, add, remove, sub = av  # type: ignore[misc]
        return _items(list(sub), (flags | add) & ~remove)
    if op is sre.ATOMIC_GROUP:
        return _items(list(av), flags)  # type: ignore[call-overload]
    if op is sre.ASSERT:
        _direction, sub = av  # type: ignore[misc]
        return _items(list(sub), flags)
    if op is sre.BRANCH:
        return Or(tuple(_items(list(alternative), flags) for alternative in av[1]))  # type: ignore[index]
    chars = _chars(op, av, flags)
    if chars is not None:
        return Or((Seq((chars,)),))
    return And(())  # anything else (\d, ., a back-reference, a negative lookaround) says nothing


CASE_BLIND = frozenset("İıſ")
"""The characters that ``re.I`` equates with an ASCII letter they do not lower-case to (İ
lowers to two characters); ``test_normalize_needs`` proves there are no others."""


def proves(condition: Condition, needs: tuple[str, ...], ignore_case: bool) -> bool:
    """Whether every text ``condition`` holds in contains one of ``needs`` (lower-cased
    first where ``ignore_case``, as ``normalize._apply`` checks them; a text with one of
    ``CASE_BLIND`` is never skipped)."""
    if isinstance(condition, Seq):
        return _fits(needs, condition.sets, ignore_case)
    if isinstance(condition, And):
        return any(proves(part, needs, ignore_case) for part in condition.parts)
    return bool(condition.parts) and all(proves(part, needs, ignore_case)
                                         for part in condition.parts)  # fmt: skip


def _fits(needs: tuple[str, ...], sets: tuple[frozenset[str], ...], ignore_case: bool) -> bool:
    """Whether every string of ``sets`` holds one of ``needs``: some window of it can only
    spell needs (``[$€]`` spells ``$`` or ``€``)."""
    if ignore_case:
        sets = tuple(frozenset(c.lower() for c in chars - CASE_BLIND) for chars in sets)
    wanted = set(needs)
    for length in {len(need) for need in needs}:
        for start in range(len(sets) - length + 1):
            window = sets[start : start + length]
            if math.prod(map(len, window)) <= _MAX_ALTERNATIVES and all(
                    "".join(spelled) in wanted for spelled in itertools.product(*window)):
                return True
    return False
