"""What a regular expression cannot match without: the strings one of which every text it
matches in must hold. The normaliser's rules declare such strings (``Rule.needs``) and skip
their pattern where none occurs; ``tests/test_normalize_needs.py`` uses this module to prove
each declaration from the pattern itself, so a wrong one cannot silently drop a reading.

Needs are sought in the text's *shape*: the text with every decimal digit (whatever ``\\d``
matches) written ``0``, lower-cased too for a pattern that ignores case. So ``0p`` is a digit
followed by ``p``.

Theory: the pattern is parsed (``re._parser``, the parser ``re.compile`` uses) into a tree of
conditions. A run of items that each match one character from a known set (a literal, a
class of literals, ``\\d`` as ``0``), with nothing optional between them, is a *sequence*: a
text the pattern matches in holds, contiguously, some string made of one character of each
set. Groups are transparent; zero-width items (``\\b``, ``^``, lookarounds) do not break a
run; a repeat adds the copies it always has and ends the run, and its last copy starts the
next one; a lookbehind that sees fixed characters starts a run with them, and a lookahead
continues the run so far with what it sees. Anything else (``\\w``, ``.``, an optional part)
ends the run. A match needs *all* of its sequences and all that its lookarounds see (an
``And``) and *one* alternative of each ``|`` (an ``Or``). A rule's ``needs`` is proven when
some condition the pattern cannot match without already puts one of them in the shape.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import sys
from dataclasses import dataclass
from typing import Any
from re import _constants as sre, _parser as sre_parse  # type: ignore[attr-defined]  # no stubs

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_MAX_ALTERNATIVES = 256
"""A run whose alternatives multiply past this many ends there (the proof just gets weaker)."""
_DIGIT = re.compile(r"\d")

Chars = frozenset[str]
Item = tuple[Any, Any, int]
"""A parsed item (opcode, argument: ``re._parser`` has no types) with the flags in force
where it stands."""


@dataclass(frozen=True)
class Seq:
    """Contiguous characters, each from its set."""

    sets: tuple[Chars, ...]


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
def case_variants(chars: Chars) -> Chars:
    """The characters ``re.I`` lets a class of ``chars`` match (``[k]`` also matches ``K``
    and ``K``), found by asking the engine itself."""
    cls = re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]", re.IGNORECASE)
    return chars | {c for c in _cased() if cls.fullmatch(c)}


def _shaped(chars: Chars) -> Chars:
    return frozenset("0" if _DIGIT.match(c) else c for c in chars)


def conditions(pattern: re.Pattern[str]) -> Condition:
    """The tree of what ``pattern`` cannot match without, in the shape (module docstring)."""
    return _sequence(_flat(list(sre_parse.parse(pattern.pattern, pattern.flags)), pattern.flags))


def _flat(items: list[tuple[Any, Any]], flags: int) -> list[Item]:
    """``items`` with each group's contents in its place (a group matches contiguously)."""
    out: list[Item] = []
    for op, av in items:
        if op is sre.SUBPATTERN:
            _group, add, remove, sub = av
            out += _flat(list(sub), (flags | add) & ~remove)
        elif op is sre.ATOMIC_GROUP:
            out += _flat(list(av), flags)
        else:
            out.append((op, av, flags))
    return out


def _chars(op: Any, av: Any, flags: int) -> Chars | None:
    """The characters (shaped) one item matches, if it is one character from a known set."""
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
            elif kind is sre.CATEGORY and value is sre.CATEGORY_DIGIT:
                found.add("0")
            else:  # another category (\w, \s), a negation, a huge range
                return None
        chars = frozenset(found)
    else:
        return None
    return _shaped(case_variants(chars) if flags & re.IGNORECASE else chars)


def _fixed(item: Item) -> list[tuple[Chars, ...]] | None:
    """The sequences an item always matches exactly one of, or None if it varies in length
    or in what it matches beyond known sets, or looks around (what a lookaround sees is
    worth keeping: ``_walk`` keeps it)."""
    op, av, flags = item
    chars = _chars(op, av, flags)
    if chars is not None:
        return [(chars,)]
    if op in (sre.AT, sre.ASSERT_NOT):  # zero-width, and says nothing
        return [()]
    if op in _REPEATS and av[0] == av[1]:
        low, _high, sub = av
        return _fixed_items(_flat(list(sub), flags) * low)
    if op is sre.BRANCH:
        found: list[tuple[Chars, ...]] = []
        for alternative in av[1]:
            fixed = _fixed_items(_flat(list(alternative), flags))
            if fixed is None:
                return None
            found += fixed
        return found if len(found) <= _MAX_ALTERNATIVES else None
    return None


def _fixed_items(items: list[Item]) -> list[tuple[Chars, ...]] | None:
    runs: list[tuple[Chars, ...]] = [()]
    for item in items:
        fixed = _fixed(item)
        if fixed is None or len(runs) * len(fixed) > _MAX_ALTERNATIVES:
            return None
        runs = [run + more for run in runs for more in fixed]
    return runs


Runs = list[tuple[Chars, ...]]


def _sequence(items: list[Item]) -> Condition:
    """An ``And`` of the runs of fixed items and of what each other item needs."""
    return _walk(items)[0]


def _walk(items: list[Item]) -> tuple[And, Runs, Runs]:
    """What ``items`` need, with the runs every match of them starts with and ends with
    (``[()]`` where a match may start or end with something unknown). The numbered steps
    are those of the module docstring."""
    parts: list[Condition] = []
    runs: Runs = [()]
    lead: Runs | None = None

    def extend(more: Runs) -> bool:
        if len(runs) * len(more) > _MAX_ALTERNATIVES:
            return False
        runs[:] = [run + tail for run in runs for tail in more]
        return True

    def end_run(then: Runs | None = None) -> None:
        nonlocal lead
        lead = list(runs) if lead is None else lead
        if all(runs):
            parts.append(Or(tuple(Seq(run) for run in runs)))
        runs[:] = then if then and len(then) <= _MAX_ALTERNATIVES else [()]

    for item in items:
        op, av, flags = item
        # 1. a lookaround: what it sees is in the text; a lookbehind's characters come
        #    right before what follows, a lookahead's right after the run so far
        if op is sre.ASSERT:
            direction, sub = av
            seen = _flat(list(sub), flags)
            parts.append(_sequence(seen))
            fixed = _fixed_items(seen)
            if fixed is not None and direction < 0:
                end_run(then=fixed)
            elif fixed is not None and all(runs) and len(runs) * len(fixed) <= _MAX_ALTERNATIVES:
                parts.append(Or(tuple(Seq(run + ahead) for run in runs for ahead in fixed)))
            continue
        if op in (sre.AT, sre.ASSERT_NOT):  # 2. zero-width: the run goes on across it
            continue
        fixed = _fixed(item)  # 3. a fixed item extends the run
        if fixed is not None and extend(fixed):
            continue
        # 4. a repeat or an alternation: the run goes on into how each copy or alternative
        #    starts, and what follows comes right after how it ends
        if op in _REPEATS or op is sre.BRANCH:
            if op is sre.BRANCH:
                walks = [_walk(_flat(list(alt), flags)) for alt in av[1]]
                need: Condition = Or(tuple(walk[0] for walk in walks))
                optional = False
            else:
                low, _high, sub = av
                walks = [_walk(_flat(list(sub), flags))]
                copies = _fixed_items(_flat(list(sub), flags) * low) if low > 1 else None
                if copies is not None:  # the copies every match has: x{3,} starts xxx
                    walks = [(walks[0][0], copies, walks[0][2])]
                need, optional = walks[0][0], low == 0
            before = list(runs)
            starts = [run for walk in walks for run in walk[1]]
            if not optional and all(starts):
                extend(starts)
            end_run()
            if not optional:
                parts.append(need)
            ends = [run for walk in walks for run in walk[2]]
            if all(ends) and (not optional or all(before)):
                runs[:] = (ends + before if optional else ends)[:_MAX_ALTERNATIVES + 1]
                if len(runs) > _MAX_ALTERNATIVES:
                    runs[:] = [()]
            continue
        end_run()  # 5. anything else ends the run
        parts.append(_item(item))
    trail = list(runs)
    end_run()
    return And(tuple(parts)), lead or [()], trail


def _item(item: Item) -> Condition:
    """What one character of a known set needs; anything else (\\w, ., a back-reference,
    a conditional) says nothing."""
    chars = _chars(*item)
    return Or((Seq((chars,)),)) if chars is not None else And(())


CASE_BLIND = frozenset("İıſ")
"""The characters that ``re.I`` equates with an ASCII letter they do not lower-case to (İ
lowers to two characters); ``test_normalize_needs`` proves there are no others."""


def proves(condition: Condition, needs: tuple[str, ...], ignore_case: bool) -> bool:
    """Whether every text ``condition`` holds in has one of ``needs`` in its shape (lower-
    cased first where ``ignore_case``, as ``normalize._apply`` seeks them; a text with one
    of ``CASE_BLIND`` is never skipped)."""
    if isinstance(condition, Seq):
        return _fits(needs, condition.sets, ignore_case)
    if isinstance(condition, And):
        return any(proves(part, needs, ignore_case) for part in condition.parts)
    return bool(condition.parts) and all(proves(part, needs, ignore_case)
                                         for part in condition.parts)  # fmt: skip


def _fits(needs: tuple[str, ...], sets: tuple[Chars, ...], ignore_case: bool) -> bool:
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
