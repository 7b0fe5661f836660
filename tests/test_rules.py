"""Rules skip texts that hold none of their needs, sought in the text's shape."""

from __future__ import annotations

import re
import string
import sys

from tests.regex_needs import CASE_BLIND
from voice_server.text import rules
from voice_server.text.rules import Rule


def test_a_rule_runs_where_one_of_its_needs_occurs_and_is_skipped_elsewhere() -> None:
    # needs are a promise: a rule that broke it (here on purpose) is skipped
    broken = [Rule(re.compile("cat"), "dog", needs=("kitten",))]
    assert rules.apply(broken, "a cat") == "a cat"
    assert rules.apply(broken, "a cat, a kitten") == "a dog, a kitten"
    assert rules.apply([Rule(re.compile("cat"), "dog")], "a cat") == "a dog"  # no needs


def test_needs_are_sought_with_every_digit_written_0() -> None:
    pence = [Rule(re.compile(r"(\d+)p\b"), r"\1 pence", needs=("0p",))]
    assert rules.apply(pence, "a 50p coin, a ٥p one") == "a 50 pence coin, a ٥ pence one"
    assert rules.apply(pence, "a p coin, 5 p") == "a p coin, 5 p"


def test_the_shape_is_made_again_after_a_rule_changes_the_text() -> None:
    chain = [Rule(re.compile("five"), "5"), Rule(re.compile(r"\d"), "#", needs=("0",))]
    assert rules.apply(chain, "five") == "#"


def test_a_pattern_that_ignores_case_has_its_needs_sought_in_lower_case() -> None:
    order = [Rule(re.compile(r"order (\d+)", re.I), r"order number \1", needs=("order",))]
    assert rules.apply(order, "ORDER 7") == "order number 7"
    assert rules.apply(order, "ORDEr 7 or ordeſ") == "order number 7 or ordeſ"


def test_a_case_blind_character_runs_every_rule_that_ignores_case() -> None:
    """``re.I`` matches ``ſ`` to ``s``, which ``str.lower`` leaves alone."""
    stop = [Rule(re.compile("stop", re.I), "halt", needs=("stop",))]
    assert rules.apply(stop, "ſtop") == "halt"


def test_many_needs_are_sought_at_once_with_the_same_result() -> None:
    names = tuple(f"Name{chr(65 + i)}" for i in range(26))
    rule = Rule(re.compile(f"(?:{'|'.join(names)}) I"), "x", needs=names)
    assert len(names) > rules._MANY_NEEDS
    assert rules.apply([rule], "NameQ I") == "x"
    assert rules.apply([rule], "Name I") == "Name I"


def test_the_shape_writes_0_for_exactly_what_backslash_d_matches() -> None:
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    shape = rules.shape(every)
    assert len(shape) == len(every)
    assert [c for c, s in zip(every, shape) if (s == "0") != bool(re.match(r"\d", c))] == []
    assert rules.shape("5٣３ x") == "000 x" and rules.shape("a b") == "a b"


def test_only_the_case_blind_characters_match_a_letter_they_do_not_lower_case_to() -> None:
    """Ignoring case, ``re`` matches ``i`` to ``ı`` and ``İ`` and ``s`` to ``ſ``: a need sought
    in the lower-cased text would miss them, so their texts are never skipped."""
    letter = re.compile("[a-z]", re.IGNORECASE)
    blind = {c for c in map(chr, range(sys.maxunicode + 1)) if letter.fullmatch(c)
             and c.lower() not in string.ascii_lowercase}  # fmt: skip
    assert blind == CASE_BLIND == set(rules.CASE_BLIND)
