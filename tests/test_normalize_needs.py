"""Each normalisation rule's ``needs`` (the strings it is skipped without) follows from its
pattern: a rule skipped wrongly would drop a reading without a trace. ``tests.regex_needs``
has the theory."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

from tests.regex_needs import conditions, proves
from voice_server.text import normalize, normalize_zh
from voice_server.text.normalize import folding
from voice_server.text.rules import Rule


def _rule_lists() -> list[tuple[str, int, Rule]]:
    """Every rule of every rule list in the normaliser's modules, each list once."""
    modules = [importlib.import_module(f"{normalize.__name__}.{info.name}")
               for info in pkgutil.iter_modules(normalize.__path__)] + [normalize_zh]
    found, seen = [], set()
    for module in modules:
        for name, listed in vars(module).items():
            if (isinstance(listed, list) and listed and isinstance(listed[0], Rule)
                    and id(listed) not in seen):
                seen.add(id(listed))
                label = f"{module.__name__.rsplit('.', 1)[1]}.{name}"
                found += [(label, i, rule) for i, rule in enumerate(listed)]
    return found


RULES = _rule_lists()


def test_the_rule_lists_are_all_found() -> None:
    assert {name for name, _, _ in RULES} >= {
        "markdown.MARKDOWN", "math.LATEX", "math.POWERS", "abbreviations.ABBREVIATIONS",
        "number_rules.NUMBERS", "symbols.SYMBOLS", "symbols.CJK_SYMBOLS", "symbols.SPACING",
        "normalize_zh._RULES"}  # fmt: skip
    assert len(RULES) > 250


@pytest.mark.parametrize(("name", "i", "rule"), [r for r in RULES if r[2].needs],
                         ids=[f"{n}[{i}]" for n, i, r in RULES if r.needs])
def test_a_rules_needs_are_implied_by_its_pattern(name: str, i: int, rule: Rule) -> None:
    ignore_case = bool(rule.pattern.flags & re.IGNORECASE)
    assert proves(conditions(rule.pattern), rule.needs, ignore_case), (
        f"{name}[{i}]: {rule.pattern.pattern!r} can match without any of {rule.needs}")


@pytest.mark.parametrize(("pattern", "needs", "proven"), [
    (r"\d+/\d+", ("/",), True),
    (r"(?<=\d)\s?%", ("%",), True),  # what a lookbehind sees is in the text too
    (r"\d+(?:/\d+)?", ("/",), False),  # optional
    (r"ab|c", ("a",), False),  # one alternative lacks it
    (r"ab|cb", ("b",), True),
    (r"[$€]\d", ("$", "€"), True),
    (r"[$€]\d", ("$",), False),
    (r"(?i)order \d", ("order",), True),
    (r"(?i)Order \d", ("Order",), False),  # the text is lower-cased before the test
    (r"(?!/)\d", ("/",), False),  # a negative lookaround needs nothing
    (r"x(?:y|z)w", ("xyw", "xzw"), True),
    (r"x(?:y|z)w", ("xyw",), False),
    (r"a`{3,}b", ("a```",), True),  # the copies a repeat always has
    (r"a`{3,}b", ("a````",), False),
    (r"a`{3,}b", ("```b",), False),
    (r"(?:ab){2}c", ("ababc",), True),
    (r"(?:ab)?c", ("abc",), False),
    (r"\d{1,2}p", ("0p",), True),  # a digit is 0 in the shape; a repeat's last copy goes on
    (r"\d{1,2}p", ("5p",), False),
    (r"[4-7]'", ("0'",), True),
    (r"x\d+", ("x00",), False),
    (r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:st|th)", ("0st", "0th"), True),  # how each alternative ends
    (r"(?:\d{1,3}(?:,\d{3})+|\d+|x)(?:st|th)", ("0st", "0th"), False),
    (r"\d+(?:\.\d+)?in", ("0in",), True),  # before "in": the optional part's end, or before it
    (r"\d+(?:\.\d+|x)?in", ("0in",), False),
    (r"(?<=\d)-", ("0-",), True),  # a lookbehind's characters come right before
    (r"(?<=\d)\s?-", ("0-",), False),
    (r"(?<=\d):(?=\d)", ("0:0",), True),  # a lookahead's right after
    (r"(?<=\d):(?=\d?)", ("0:0",), False),
    (r"(?<!\d)-", ("0-",), False),
    (r" (?=[,.])|(?<=\() ", (" ,", " .", "( "), True),  # lookarounds inside an alternation
    (r" (?=[,.])|(?<=\() ", (" ,", " ."), False),
    (r"\w-", ("0-",), False),
])  # fmt: skip
def test_the_proof_accepts_only_what_a_pattern_really_needs(
    pattern: str, needs: tuple[str, ...], proven: bool
) -> None:
    compiled = re.compile(pattern)
    assert proves(conditions(compiled), needs, bool(compiled.flags & re.IGNORECASE)) is proven


def test_needs_are_written_as_shapes_with_every_digit_0() -> None:
    assert [(name, i, rule.needs) for name, i, rule in RULES
            if any(re.search("[1-9]", need) for need in rule.needs)] == []  # fmt: skip


def test_a_word_written_with_a_case_blind_character_is_still_read() -> None:
    assert normalize.normalize_text("Your ıD: 4829") == "Your ıD: four eight two nine"
    assert normalize.normalize_text("Your ID: 4829") == "Your ID: four eight two nine"


def test_the_ascii_path_of_fold_knows_every_character_that_folding_changes() -> None:
    """``_fold`` skips work on ASCII text that only tabs, carriage returns and space runs
    could change (``_ASCII_SPACES_TO_FOLD``)."""
    ascii_chars = list(map(chr, range(128)))
    assert {c for c in ascii_chars if ord(c) in folding._FOLD} == {"\t", "\r"}
    folded_spaces = {c for c in ascii_chars if folding._SPACES.fullmatch(c)} - {"\t", "\r", " "}
    assert folded_spaces == set(folding._ASCII_SPACES_TO_FOLD) - {"  "}
