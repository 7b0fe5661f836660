"""Sizes and counts of things in spec sheets and listings: dimensions (``12 ft x 15 ft``),
inches and feet, screens, batteries, storage, cameras, and counts of parts.

What is covered
---------------
- **Spec sheets and listings**: a count of ports or batteries (``2x USB-C``, ``1x HDMI``, ``4x AAA``
  -> two USB-C ...; ``3x faster`` and ``2x USB 3.2 speed`` stay times), sticks and drives
  (``2x 16GB sticks`` -> two sixteen gigabyte sticks), bedrooms and baths (``3BR/2BA`` -> three
  bedroom, two bath; ``2.5 ba`` -> two and a half bath).
"""

from __future__ import annotations

import functools
import re

from voice_server.text.normalize.codes import code_number
from voice_server.text.normalize.cues import (
    NOUN_AFTER_UNIT,
    THE_BEFORE,
    VERB_AFTER,
    after_article,
    quote_open_before,
    spaced,
)
from voice_server.text.normalize.number_words import cardinal, plural_of, read_number
from voice_server.text.normalize.numbers import BETWEEN_BEFORE, fraction
from voice_server.text.normalize.units import ACRONYM_AFTER, side_of_a_size


def _sizes_to_choose(small: int, large: int, same_unit: bool) -> bool:
    """Two sizes of memory or storage offered as options: powers of two, up to four times
    apart in one unit (``8/16GB``, ``256GB/1TB``); not ``475/500 GB`` or ``12GB/16GB``, used of
    all, nor ``1/2 GB``, a half."""
    powers_of_two = small > 0 and not small & (small - 1) and not large & (large - 1)
    return powers_of_two and (not same_unit or 2 <= small < large <= 4 * small)


def sizes_or(m: re.Match[str]) -> str:
    """``8/16GB`` -> "8 or 16GB" (``_sizes_to_choose``); ``475/500 GB`` -> "475 of 500 GB",
    used of all (was "four hundred seventy-five slash five hundred"; ``12/16 GB`` "twelve
    sixteenths"); ``1/2 GB`` and ``3/4 TB`` stay fractions."""
    small, large = int(m[1]), int(m[2])
    if _sizes_to_choose(small, large, True):
        return f"{m[1]} or {m[2]}"
    if small <= large and large > 8 and _one_pair(m.string, m.start(), m.end()):
        return f"{m[1]} of {m[2]}"
    return m.group(0)


_STORAGE_SCALE = {"KB": 0, "MB": 1, "GB": 2, "GiB": 2, "TB": 3, "TiB": 3}


def sized_or(m: re.Match[str]) -> str:
    """``128GB/256GB/512GB`` -> "128GB or 256GB or 512GB" (``_sizes_to_choose``; the next size
    is looked at, not taken, so that it can be the first of the next pair); ``12GB / 16GB``
    -> "12GB of 16GB", used of all (the slash was dropped), as ``475/500 GB`` is."""
    if "." not in m[1] and _sizes_to_choose(int(m[1]), int(m[3]), m[2].strip() == m[4]):
        return f"{m[1]}{m[2]} or "
    used = float(m[1]) * 1000 ** _STORAGE_SCALE[m[2].strip()]
    if used <= int(m[3]) * 1000 ** _STORAGE_SCALE[m[4]] and _one_pair(m.string, m.start(),
                                                                      m.end(4)):  # fmt: skip
        return f"{m[1]}{m[2]} of "
    return m.group(0)


def _one_pair(text: str, start: int, end: int) -> bool:
    """No slash joins another size to the pair ``text[start:end]`` (``4GB/8GB/12GB`` are
    options, not used of all)."""
    return not text[max(0, start - 2) : start].strip().endswith("/") and not text[
        end : end + 2].strip().startswith("/")  # fmt: skip


_SIDES = {"W": "wide", "H": "high", "D": "deep", "L": "long"}
_SIZE_TIMES_AHEAD = re.compile(r"\s?[x×]\s?\d")
_SIZE_TIMES_BEFORE = re.compile(r"[x×]\s?$")


def side_letter(m: re.Match[str]) -> str:
    """``36" W x 70" H x 31" D`` -> 36" wide x 70" high x 31" deep: a letter after a length is
    the side it measures where the size goes on or came on with "x" (``65" W`` alone may be a
    TV and watts are not read here)."""
    if not (_SIZE_TIMES_AHEAD.match(m.string, m.end())
            or _SIZE_TIMES_BEFORE.search(m.string, max(0, m.start() - 3), m.start())):
        return m[0]
    return f"{m['size']} {_SIDES[m['side']]}"


def read_inches(m: re.Match[str]) -> str:
    """``6.7"`` -> "six point seven inches" ("a 6.7" display" -> inch), ``1/4"`` -> "one
    quarter inch", unless the quote closes one opened before it (``"Give me 5"``)."""
    if quote_open_before(m.string, m.end() - 1):
        return m.group(0)
    if m["d"]:  # a fraction of an inch: singular when proper ("a 1/4" bit") or before a noun
        return spaced(f"{fraction(m).strip()} inch{'es' if m['w'] and not _inch_noun_after(m) else ''}")
    if m["lo"]:  # a range: 38–40" (was "thirty-eight, forty inches": read before the range)
        between = BETWEEN_BEFORE.search(m.string, max(0, m.start() - 30), m.start() + len(m["lo"]))
        return spaced(f"{read_number(m['lo'], False)} {'and' if between else 'to'} "
                      f"{read_number(m['v'], False)} inches")
    singular = (m["v"] == "1" or after_article(m) or _the_before_noun(m)
                or side_of_a_size(m) or _brand_size_before_noun(m) or _inch_noun_after(m)
                or _LAPTOP_BEFORE.search(m.string, max(0, m.start() - 24), m.start()) is not None)
    return spaced(f"{read_number(m['v'], False)} inch{'' if singular else 'es'}")


_LOWER_WORD_AFTER = re.compile(r"[ \t](?!(?:an|the)\b)[a-z][a-z-]+\b(?![.:/@]\w)")
_NOT_A_NOUN_AFTER_INCHES = re.compile(
    r"[ \t](?:of|and|or|to|in|on|at|by|for|is|are|was|were|per|from|below|above|under|over|around|"
    r"beyond|behind|inside|outside|into|onto|off|up|down|overnight|today|tonight|tomorrow|"
    r"yesterday|expected|possible|likely|higher|lower|high|deep|wide|long|tall|thick|across|"
    r"diagonal(?:ly)?|away|apart|each|total|overall|then|now|tops|with|than|that|which|but|so|if|"
    r"when|while|because|more|less|larger|smaller|bigger|longer|shorter|taller|wider|of|as|min|"
    r"max|minimum|maximum|or so|ish|thickness|in diameter|fell|falls?|accumulat\w*|came|remain\w*|"
    r"fits?|left|mid)\b(?!-\w)")  # not a hyphened word's first part: 16" on-center joists  # fmt: skip


def _inch_noun_after(m: re.Match[str]) -> bool:
    """Inches written with a mark before a noun describe it: ``16" joists``, ``2 1/2" deck
    screws`` -> two and one half inch deck screws (were "inches"); not before a word of measure,
    place or time (``6" deep``, ``3" apart``, ``2" overnight``) nor a verb."""
    if ACRONYM_AFTER.match(m.string, m.end()) is not None:
        return not m.string.startswith((" OC", " O.C"), m.end())  # a 6.1" OLED (was "inches")
    return (_LOWER_WORD_AFTER.match(m.string, m.end()) is not None
            and _NOT_A_NOUN_AFTER_INCHES.match(m.string, m.end()) is None
            and VERB_AFTER.match(m.string, m.end()) is None)


_LAPTOP_BEFORE = re.compile(r"\b(?:MacBook(?: Pro| Air)?|iPad(?: Pro| Air| mini)?|iMac|"
                            r"Studio Display|XPS|Zenbook|Surface (?:Pro|Laptop(?: Studio)?)|"
                            r"Razer Blade|Framework)"
                            r" $")  # fmt: skip
"""A computer whose line is named by its screen's size: ``The MacBook Pro 14" has`` -> ...
fourteen inch has (the model's name; was "inches")."""
_BRAND_BEFORE = re.compile(r"(?:\b[A-Z][\w&-]*|'s) $")
_MEASURE_WORD_AFTER = re.compile(r"[ \t](?:wide|long|tall|high|deep|thick|across|diagonal(?:ly)?|away|"
                                 r"apart|each|total|overall|then|now|tops|or|and|with|than|that|"
                                 r"which|but|so|if|when|while|because|more|less|larger|smaller|"
                                 r"bigger|longer|shorter|taller|wider)\b")  # fmt: skip


def _brand_size_before_noun(m: re.Match[str]) -> bool:
    """A size after a maker's name, before its model or a noun, describes it: ``The Samsung
    65" QN90C`` -> ... sixty-five inch QN ninety C, ``LG 55" OLED``, ``Samsung's 65" model``
    (were "inches"); ``Board 12" wide`` stays inches."""
    return (_BRAND_BEFORE.search(m.string, max(0, m.start() - 30), m.start()) is not None
            and _NOUN_AFTER.match(m.string, m.end()) is not None
            and _MEASURE_WORD_AFTER.match(m.string, m.end()) is None
            and VERB_AFTER.match(m.string, m.end()) is None)


def inches_by(m: re.Match[str]) -> str:
    """``x`` before a number of inches is "by" (``12" x 8"``, ``9x13"``), unless that inch mark
    closes a quote opened before it (``say "3 x 5"``)."""
    if quote_open_before(m.string, m.string.index('"', m.end())):
        return m.group(0)
    return f"{m[1]} by "
_NOUN_AFTER = re.compile(r"[ \t](?!(?:of|and|or|to|in|on|at|by|for|is|are|was|were)\b)(?:[a-z]|[A-Z](?=[\w-]))")
"""A noun after a size: lowercase, or a name (the 14" MacBook Pro; not "I")."""


def _the_before_noun(m: re.Match[str]) -> bool:
    """"the 13" model": the size describes the noun that follows (the thirteen inch model)."""
    return (THE_BEFORE.search(m.string, max(0, m.start() - 4), m.start()) is not None
            and _NOUN_AFTER.match(m.string, m.end()) is not None)


def read_feet(m: re.Match[str]) -> str:
    """``12'`` -> "12 ft" (read by the unit rules: "12' x 15'" is twelve feet by fifteen feet),
    unless the quote closes one opened before it (``press '5'``)."""
    if quote_open_before(m.string, m.end() - 1, "'"):
        return m.group(0)
    return f"{m[1]} ft"


COUNTED_PARTS = ("USB|HDMI|DisplayPort|DP|Thunderbolt|SATA|M\\.2|RJ-?45|Ethernet|SFP|XLR|DIMM|AAA|"
                 "AA|microSD|SD|Type-C|Lightning")
CELL_SIZE = (r"[1-4]\d(?!00)\d\d0(?:s\b|\s(?:[Ll]i-?[Ii]on\s|[Ll]ithium\s|LiFePO4\s)?"
             r"(?:cells?|batter(?:y|ies)|packs?)\b)")
"""A lithium cell's size (diameter and length in millimeters) before "cells", "battery" ...:
``18650``, ``21700``."""


def cell_size(m: re.Match[str]) -> str:
    size = f"{cardinal(int(m[2]))} {code_number(m[3])}"
    count = f"{cardinal(int(m['count']))} " if m["count"] else ""
    return spaced(count + (plural_of(size) if m[4] else size))


STORAGE_UNITS = ("KB", "MB", "GB", "TB", "GiB", "TiB")
"""Sizes of memory and drives, that a spec sheet counts with ``2x`` (``2x 16GB`` is two sticks
of sixteen gigabytes)."""


def bath(count: str) -> str:
    """``2.5`` baths: "two and a half"."""
    whole, _, half = count.partition(".")
    return cardinal(int(whole)) + (" and a half" if half == "5" else "")


def feet_inches(m: re.Match[str]) -> str:
    """``6'2"`` -> "six feet two inches"; a height before its noun after "a", ``a 5'10"
    runner``, as it is said: "a five foot ten runner" (was "a five feet ten inches runner")."""
    feet, inches = int(m["ft"]), int(m["in"])
    if after_article(m) and NOUN_AFTER_UNIT.match(m.string, m.end()):
        return spaced(f"{cardinal(feet)} foot {cardinal(inches)}")
    return spaced(f"{cardinal(feet)} {'foot' if feet == 1 else 'feet'} "
                  f"{cardinal(inches)} inch{'' if inches == 1 else 'es'}")  # fmt: skip


def times_amount(m: re.Match[str]) -> str:
    """A count of things of one weight or volume: ``2 x 500 mg tablets`` -> "two 500 mg
    tablets" (each a five hundred milligram tablet), and without a noun after it ``1 x 23
    kg`` -> "1 by 23 kg" (was "one times twenty-three kilograms"; as ``4 x 100m`` is said)."""
    if NOUN_AFTER_UNIT.match(m.string, m.end("unit")):
        return f"{cardinal(int(m['n']))} "
    return f"{m['n']} by "


_CAMERA_WORDS = re.compile(r"\b(?:cameras?|sensors?|lens(?:es)?|photos?|selfies?|telephoto|"
                           r"ultra-?wide|wide-angle|megapixels?|shooters?|webcams?|zoom|"
                           r"resolution|images?|pictures?)\b", re.I)  # fmt: skip
"""Words of photography, in a text where ``48MP`` is megapixels (not a game's magic points)."""


@functools.lru_cache(maxsize=4)
def _has_camera(text: str) -> bool:
    return _CAMERA_WORDS.search(text) is not None


def megapixels(m: re.Match[str]) -> str:
    """``a 48MP camera`` -> a forty-eight megapixel camera, ``12 MP`` -> twelve megapixels."""
    if not _has_camera(m.string):
        return m[0]
    singular = m[1] == "1" or NOUN_AFTER_UNIT.match(m.string, m.end()) is not None
    return spaced(f"{read_number(m[1], False)} megapixel{'' if singular else 's'}")


SIZED_THINGS = ("box|boxe|carton|crate|package|parcel|envelope|mailer|pallet|bag|rug|mat|carpet|"
                "pan|dish|dishe|tray|casserole|skillet|ramekin|joist|rafter|header|stringer|"
                "framing|lumber|"
                "print|photo|picture|frame|poster|canvas|card|sign|banner|sheet|tarp|tile|panel|"
                "board|plank|beam|stud|sticker|label|room|shed|unit|bed|mattress|cushion|"
                "pillow|towel|blanket|window|door|mirror|grid|matrix|matrice|kernel|cube|array")  # fmt: skip
"""Things whose size is written ``10x12`` (ten by twelve): a 3x3 grid, a 2x2 matrix, a 3 x 3
kernel, a baking pan or dish (``a 9x13 pan`` -> a nine by thirteen pan)."""
