"""Dates, times, durations, decades and eras, and the ratios written like times (aspect
ratios): which of them a number with colons, slashes or dashes is comes from its neighbours.

What is covered
---------------
- **Times** (``3:45 pm`` -> three forty-five P M, ``3:05`` -> three oh five, ``15:00`` -> fifteen
  hundred, ``12:00:30``, ``5pm``, ``9am-5pm`` -> nine A M to five P M ("between 9am-12pm": and),
  a TV listing's Eastern and Central times, ``9/8c`` -> nine, eight Central;
  a cricket side's runs for its wickets, ``287/6 in 50 overs`` -> two hundred eighty-seven for six;
  a range to or from a time past noon on the 24-hour clock, on that clock at both ends
  (``9:00–21:00`` -> nine to twenty-one hundred, ``09:00-17:00`` -> oh nine hundred ...),
  ``10a-4p``, ``7:45a``; as Europe writes them, ``9h-17h`` -> nine to seventeen
  hundred, ``8h30–17h``, ``at 17h`` (``lasts 10h-14h`` -> ten to fourteen hours); a zone's offset,
  ``UTC-5`` -> UTC minus five, and a bare one where the text speaks of zones, ``+00:00`` ->
  plus zero, ``-05:00`` -> minus five (after a time with seconds, ``14:30:00-05:00`` -> fourteen
  thirty UTC minus five); a time in two zones,
  ``9am PT/12pm ET`` (a pause); ``17:00h`` -> seventeen hundred hours, ``14h30`` (``2h15`` before no time word and up
  to 12: a duration); military times, ``0800 hours`` -> oh eight hundred hours, and with a leading
  zero after "at", "by", "from", "until" ... (``at 0600`` -> at oh six hundred) or in a range
  (``0900-1700``); "NNNN hours" without one is a time only after such a word or before "sharp",
  "local", "tomorrow", a time zone (``1600 hours sharp``; ``1600 hours of video`` is a count); after
  "at", ``2130`` and ``1045`` before a stop are times, other years stay years); a time taken,
  ``h:mm:ss`` after "finished in", "ran", "clocked", "a winning time of", "elapsed", "took", "the
  timer for" ..., before "marathon", "finish" ... (``a 2:01:09 marathon`` -> a two hour, one
  minute and nine second marathon) or past 24 hours (``finished in 2:03:45`` -> two hours, three
  minutes and forty-five seconds;
  ``ran 26.2 miles in 2:05:30``); a lap's or a split's minutes with a fraction of a second,
  ``1:21.345`` -> one minute and twenty-one point three four five seconds; on the minute after
  such a cue, ``rowed 2k in under 8:00`` -> ... eight minutes (hours after a long event's word:
  ``finished the marathon in 3:00``); a runner's pace, ``4:45/km`` -> four forty-five per kilometer.
- **Dates**: ISO ``2024-01-15`` (with a time, ``2024-12-05T14:30:00Z`` -> December fifth, twenty
  twenty-four at fourteen thirty UTC), ``2024/01/15``, US ``1/15/2024`` and ``1/1/25`` (day first
  where the first number is over 12: ``15/03/2024``), dotted day first ``05.03.2025``, the year
  first ``2025.03.15``, a year
  to this day (``2020–present`` -> twenty twenty to present), ``3/15``
  after "due", "by", "on", "until", "as of", "ends", "ETA", a weekday (``Tuesday, 12/10``) ...,
  with a leading zero (``03/14``), and in a range of dates (``12/24-12/26``, ``12/31-1/2``) (not 1/2, 2/3, 3/4 or before "of"), month names
  with a day (``Jan 5``, ``March 3rd``) and their ranges (``June 1-15``, ``Mar 5 - Apr 2``,
  ``Jan 5-Feb 3``), a range of months to a part of one (``Mar.–early Apr.`` -> March to early April),
  a short month name alone after "in", "since", "by", "mid-" ... (``in Dec.``;
  Jan and Mar only with their period), the day first before a month's name (``5 Jan 2024``, ``3-Jan-2024``,
  ``15 March``); short month names before a year (``Sept. 2023``, ``Jan '25``), month ranges
  (``Jan-Mar``,
  ``Jan 2025-Mar 2025``); weekday ranges (``Mon-Fri`` -> Monday to Friday; ``M-F``) and short names
  in a date or with a period (``Mon, Dec 5``, ``Sat.``; not ``Sun.`` alone: ``Sun., Dec 8``,
  ``Sun. at 4:25``), after a word that names
  a day (``by Fri``, ``closed Mon``, ``every Tue``; not ``Sun``) or joined to another
  (``Sat & Sun``, ``Tue, Thu``; ``Tue 3 Dec``), before a temperature (``Fri 27°C``) or a day of
  a range of weekdays (``Fri 14–Sun 16 June`` -> Friday the fourteenth to Sunday June
  sixteenth); a range of days before a month, ``1st–3rd March`` -> March first to third; a
  forecast's high and low after a weekday or with degrees (``Mon 72/58`` -> Monday, high
  seventy-two, low fifty-eight; ``27°C/18°C``; not ``Mon 12/10``, a date; ``27°C/81°F``, a
  temperature in both scales, is "or").
- **Seconds and eras**: ``30s`` after "the", "his", "early", "mid-" ... or in a range
  (``20s-30s``) is an era, otherwise seconds (``a 30s timeout``); so are three digits, but
  hundreds (``the 110s`` -> one hundred tens, ``to 120s`` seconds, ``100s of``); ``9.58s``, ``3.1 s``; other
  whole seconds after a tilde or a bracket (``~2s``, ``(5s max)``; not an ``iPhone 4s``).
"""

from __future__ import annotations

import functools
import re

from voice_server.text.normalize.cues import (
    MONTHS,
    MONTH_ABBR,
    NOUN_AFTER_UNIT,
    SCORE_BEFORE,
    TIME_ZONES,
    WEEKDAYS,
    after_article,
    describes_the_noun_after,
    keeps_period,
    spaced,
)
from voice_server.text.normalize.number_words import (
    cardinal,
    in_pairs,
    ordinal,
    plural_of,
    read_number,
    year,
)
from voice_server.text.normalize.units import COUNTED_AFTER


def read_date(y: str, mo: str, d: str) -> str | None:
    month, day = int(mo), int(d)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return spaced(f"{MONTHS[month - 1]} {ordinal(day)}, {_date_year(int(y))}")


def _date_year(n: int) -> str:
    """A date's year: ``14 October 1066`` ten sixty-six, in pairs as a later one is (``year``
    reads it "one thousand sixty-six", as a count)."""
    return in_pairs(n) if 1010 <= n < 1100 else year(n)


DATE_CUE = ("(?:on|by|due|until|till|before|after|since|through|thru|starting|effective|"
            f"expires?|dated|as of|ends?|ending|starts?|begins?|ET[ADB]|week of|weekend of|"
            f"{'|'.join(WEEKDAYS)})")
"""Words before which ``3/15`` is a date (March fifteenth), not a fraction."""


def month_and_day(mo: str, d: str, weekday: bool = False) -> str | None:
    """``3/15`` after a date word; None where it reads better as a fraction (1/2, 2/3, 3/4),
    unless a weekday's name is that word (``Tue 3/4``: March fourth)."""
    month, day = int(mo), int(d)
    if not (1 <= month <= 12 and 1 <= day <= 31) or (month < day <= 4 and not weekday):
        return None
    return spaced(f"{MONTHS[month - 1]} {ordinal(day)}")


def dates_range(m: re.Match[str]) -> str:
    """``12/24-12/26`` -> "December twenty-fourth to December twenty-sixth", ``12/28-1/3``;
    left to the fraction rules unless both are dates, the second not before the first (a
    range of fractions falls: 3/8-3/16) save across a new year, and not after "scored",
    "rated" ... (3/10-5/10)."""
    first = month_and_day(m[1], m[2])
    start, end = (int(m[1]), int(m[2])), (int(m[3]), int(m[4]))
    new_year = start[0] == 12 == end[0] + 11  # 12/28-1/3: 1/3 is no third there
    if (first is None or not (1 <= end[0] <= 12 and 1 <= end[1] <= 31)
            or (end < start and not new_year)
            or SCORE_BEFORE.search(m.string, max(0, m.start() - 30), m.start())):  # fmt: skip
        return m.group(0)
    return f"{first} to {spaced(f'{MONTHS[end[0] - 1]} {ordinal(end[1])}')}"


def day_month(m: re.Match[str]) -> str:
    """``5 Jan 2024`` -> "January fifth, twenty twenty-four"; a range of days, ``1st–3rd
    March`` -> "March first to third"."""
    month = MONTHS.index(MONTH_ABBR.get(m["mo"], m["mo"])) + 1
    days = [int(d) for d in (m["d"], m["to"]) if d]
    if not all(1 <= d <= 31 for d in days) or (len(days) == 2 and days[1] <= days[0]):
        return m.group(0)
    if m["y"] and not m["to"]:
        return read_date(m["y"], str(month), m["d"]) or m.group(0)
    words = f"{MONTHS[month - 1]} " + " to ".join(ordinal(d) for d in days)
    return spaced(f"{words}, {_date_year(int(m['y']))}" if m["y"] else words)


def month_day(m: re.Match[str]) -> str:
    """``Jan 5`` -> "January fifth", ``June 1-15`` -> "June first to fifteenth", ``Mar 5 -
    Apr 2`` -> "March fifth to April second"."""
    days = [int(d) for d in (m[2], m[3]) if d]
    if not all(1 <= d <= 31 for d in days):
        return m.group(0)
    to = " to " if m["to"] else ""
    return f"{MONTH_ABBR.get(m[1], m[1])} " + " to ".join(ordinal(d) for d in days) + to


AM_PM = r"(?P<ampm>[AaPp])\.?\s?[Mm]\.?(?!\w)"


def _clock(hour: int, minute: int) -> str:
    """Hours and minutes as a 24-hour clock is said: "fourteen thirty", "seventeen hundred"."""
    if minute == 0:
        return f"{cardinal(hour)} hundred"
    return f"{cardinal(hour)} {'oh ' if minute < 10 else ''}{cardinal(minute)}"


_TIME_WORD_BEFORE = re.compile(r"\b(?:at|by|from|until|till|to|before|after|around)\s$", re.I)


def h_time(m: re.Match[str]) -> str:
    """``14h30`` -> "fourteen thirty" (a time: after "at", "from" ... or past 12 o'clock),
    ``1h30`` -> "one hour thirty minutes" (a duration)."""
    hour, minute = int(m["h"]), int(m["m"])
    if hour > 12 or _TIME_WORD_BEFORE.search(m.string, max(0, m.start() - 8), m.start()):
        return spaced(_clock(hour, minute))
    return spaced(f"{cardinal(hour)} hour{'' if hour == 1 else 's'} {cardinal(minute)} "
                  f"minute{'' if minute == 1 else 's'}")


_DURATION_BEFORE = re.compile(r"\b(?:takes?|took|taking|lasts?|lasted|lasting|for|about|around|over|"
                              r"under|up to|approx\.?|charge|charging)\s+$|~\s*$", re.I)  # fmt: skip


def h_time_range(m: re.Match[str]) -> str:
    """A range of times as Europe writes them: ``9h-17h``, ``8h30–17h`` -> "nine to seventeen
    hundred", "eight thirty to ..." (were "nine hours, seventeen hours"; "nine hundred to" until
    round 31: the 24-hour clock's ``9:00–17:00`` says the morning hour bare). A range is
    of times where it ends past noon or has minutes, or another in the text does (``9h-12h
    and 14h-18h``), and no word of duration comes before it: "lasts 10h-14h" is a range of
    hours, "ten to fourteen hours" (was "ten hours, fourteen hours")."""
    start, end = int(m["h1"]), int(m["h2"])
    sep = " and " if m["sep"].strip() == "and" else " to "
    if (start >= end or _DURATION_BEFORE.search(m.string, max(0, m.start() - 12), m.start())
            or not _has_clock_range(m.string)):
        if m["m1"] or m["m2"] or start >= end:
            return m[0]
        describes = after_article(m) or describes_the_noun_after(m)  # a 2h-3h hike
        return spaced(f"{cardinal(start)}{sep}{cardinal(end)} hour{'' if describes else 's'}")
    # a morning hour without its zero is said bare, as ``9:00–17:00`` is: "nine to seventeen
    # hundred" (was "nine hundred to ...", round 31)
    first = cardinal(start) if 0 < start < 10 and len(m["h1"]) == 1 and not m["m1"] else (
        ("oh " if m["h1"].startswith("0") and start else "") + _clock(start, int(m["m1"] or 0)))
    return spaced(first + sep + _clock(end, int(m["m2"] or 0)))


def h_time_after_cue(m: re.Match[str]) -> str:
    """``at 17h`` -> "at seventeen hundred" (was "seventeen hours"): an hour past noon after
    "at", "from", "until" ... is a time of day; elsewhere (``a 14h flight``) a duration."""
    if _TIME_WORD_BEFORE.search(m.string, max(0, m.start() - 8), m.start()) is None:
        return m[0]
    return spaced(_clock(int(m[1]), 0))


@functools.lru_cache(maxsize=8)
def _has_clock_range(text: str) -> bool:
    """Whether a range of ``H_RANGE`` in ``text`` ends past noon or has minutes: searched
    once per text, not once per range."""
    return any(int(r["h2"]) > 12 or r["m1"] or r["m2"] for r in H_RANGE.finditer(text))


H_RANGE = re.compile(r"(?<![\w.:])(?P<h1>[01]?\d|2[0-3])h(?P<m1>[0-5]\d)?(?P<sep>\s?[-–]\s?|\s(?:to|and)\s)"
                     r"(?P<h2>[01]?\d|2[0-4])h(?P<m2>[0-5]\d)?(?!\w|[.,]\d)")


HHMM = "(?:[01]\\d|2[0-3])[0-5]\\d"
"""Four digits that can be a 24-hour time: 0000 to 2359."""
_MILITARY_CUE_BEFORE = re.compile(r"\b(?:at|by|from|until|till|before|after|around)\s$", re.I)
_AT_BEFORE = re.compile(r"\bat\s$", re.I)
_MILITARY_CUE_AFTER = re.compile(
    r"\s+(?:sharp|local|today|tomorrow|tonight|Zulu|this (?:morning|afternoon|evening)|"
    rf"on (?:{'|'.join(WEEKDAYS)})\b|(?:{TIME_ZONES})\b)")  # fmt: skip
"""Words after "NNNN hours" that make it a time, not a count ("1600 hours of video")."""
_TIME_ENDS_AHEAD = re.compile(rf"\s*(?:$|[.,;!?)]|(?:on|tonight|today|tomorrow|{TIME_ZONES})\b)")


def _hhmm(time: str) -> str:
    """``0800`` -> "oh eight hundred", ``0030`` -> "zero thirty", ``1430`` -> "fourteen thirty"."""
    hour, minute = int(time[:2]), int(time[2:])
    lead = "" if hour > 9 else "zero " if hour == 0 else "oh "
    return lead + _clock(hour, minute).removeprefix("zero ")


def _is_military_time(m: re.Match[str]) -> bool:
    """Whether four digits that could be a 24-hour time (``military_time``) are one: with a
    leading zero (a year or an amount has none), or a word before or after that makes them a
    time; else they are a year or a count ("1600 hours of video")."""
    time, until, hours = m["t"], m["t2"], m["hrs"] is not None
    cue = _MILITARY_CUE_BEFORE.search(m.string, max(0, m.start() - 8), m.start()) is not None
    if until:  # 0900 to 1700, between 0800 and 1800 hours
        return "0" in (time[0], until[0]) or (hours and cue)
    if hours:  # 0800 hours, at 1600 hours, 1600 hours sharp
        return time[0] == "0" or cue or _MILITARY_CUE_AFTER.match(m.string, m.end()) is not None
    if time[0] == "0":  # at 0600, from 0630 until 0900
        return cue
    hour, minute = int(time[:2]), int(time[2:])  # at 2130, at 1045: not a year after "at"
    return ((hour > 20 or (hour == 10 and minute > 0))
            and _AT_BEFORE.search(m.string, max(0, m.start() - 3), m.start()) is not None
            and _TIME_ENDS_AHEAD.match(m.string, m.end()) is not None)


def military_time(m: re.Match[str]) -> str:
    """``0800 hours`` -> "oh eight hundred hours", "at 1430 hours" -> "fourteen thirty hours",
    "at 0600" -> "oh six hundred", ``0900-1700`` (a range by now: "0900 to 1700") -> "oh nine
    hundred to seventeen hundred"; left as written where ``_is_military_time`` says no."""
    if not _is_military_time(m):
        return m.group(0)
    until = f" {m['sep']} {_hhmm(m['t2'])}" if m["t2"] else ""
    return spaced(_hhmm(m["t"]) + until + (" hours" if m["hrs"] else ""))


_WIDESCREEN_RATIOS = frozenset("16:9 21:9 32:9 18:9 19.5:9 20:9 1.85:1 2.2:1 2.35:1 2.39:1 2.4:1 "
                               "2.76:1".split())  # fmt: skip
"""Aspect ratios that are nothing else (no clock reads 16:9): "by" wherever they stand."""
_SCREEN_RATIOS = frozenset("4:3 3:4 3:2 2:3 1:1 5:4 4:5 16:10 10:16 9:16 2:1 1.33:1 1.78:1".split())
"""Aspect ratios that may be a score, odds, a mix or a time (3:2, 1:1, 9:16): "by" only next
to a word that makes them a screen's or picture's shape (``_RATIO_CUE_AFTER``, "aspect")."""
_RATIO_CUE_BEFORE = re.compile(r"\baspect(?:\s+ratios?)?(?:\s+(?:of|is|was|at|to|from|in))?:?\s+$",
                               re.I)  # fmt: skip
_RATIO_CUE_AFTER = re.compile(r"\s?(?:aspect|widescreen|ultrawide|screens?|displays?|monitors?|"
                              r"TVs?|videos?|format|crop|photos?|images?|frames?|vertical|"
                              r"portrait|landscape|letterbox(?:ed)?|sensor|panels?|thumbnails?)\b",
                              re.I)  # fmt: skip

_PROPORTION_CUE_AFTER = re.compile(r"\s(?:[A-Za-z]+(?:-to-| to )[A-Za-z]+\s)?"
                                   r"(?:ratios?|dilutions?|mix(?:ture)?|split|odds)\b", re.I)
_PROPORTION_CUE_BEFORE = re.compile(r"\b(?:ratios?|dilut(?:ed?|ion)|mix(?:ed)?|odds|ICR|ISF|I:C)"
                                    r"(?:\s+(?:of|is|was|at|to|from))?:?\s+$", re.I)  # fmt: skip
"""Words that make ``1:10`` a proportion, "one to ten", and no time: a 1:10 ratio, diluted
1:20, odds of 5:2, a 1:10 bleach-to-water ratio (was "one ten"); an insulin-to-carb ratio or
a sensitivity factor, ``ICR is 1:10``."""


def aspect_ratio(m: re.Match[str]) -> str:
    """``16:9`` -> "sixteen by nine", ``a 4:3 screen`` -> "a four by three screen"; other
    ratios are left to the rules for times and for "to" (``won 3:2``, ``odds of 3:1``)."""
    ratio = m.group(0)
    screen = ratio in _SCREEN_RATIOS and (
        _RATIO_CUE_AFTER.match(m.string, m.end()) is not None
        or _RATIO_CUE_BEFORE.search(m.string, max(0, m.start() - 24), m.start()) is not None)
    if ratio not in _WIDESCREEN_RATIOS and not screen:
        if (_PROPORTION_CUE_AFTER.match(m.string, m.end()) is None  # a 1:10 ratio: one to ten
                and _PROPORTION_CUE_BEFORE.search(m.string, max(0, m.start() - 24), m.start()) is None):
            return ratio  # "ratio" alone says nothing: a 2:1 ratio of water to rice
        return spaced(f"{read_number(m['w'], False)} to {read_number(m['h'], False)}")
    return spaced(f"{read_number(m['w'], False)} by {read_number(m['h'], False)}")


_DAY_CLOCK_AHEAD = re.compile(r" (?:to|and|until|till) (?:1[3-9]|2[0-3]):[0-5]\d(?!\d)")
_DAY_CLOCK_BEFORE = re.compile(r"(?<![\d:])(?:1[3-9]|2[0-3]):[0-5]\d (?:to|and|until|till) $")
"""The other end of a range of times on the 24-hour clock, past noon: ``9:00–21:00`` is read
on that clock at both ends ("nine to twenty-one hundred", not "nine o'clock to ...", and
``09:00–21:00`` "oh nine hundred to ...")."""


_RACE_TIME_AFTER = re.compile(r" (?:half[- ])?(?:marathons?|ultra|finish|finishing time|race|pace|"
                              r"century|ride|Ironman)\b")
"""After ``2:00``, what makes it a time taken, on the hour: "a 2:00 marathon pace" a two hour
marathon pace (was "two o'clock")."""


_LONG_EVENT = re.compile(r"\b(?:(?:half[- ])?marathons?|ultra\w*|ironman|triathlons?|century|hikes?|"
                         r"hiked|hiking|drive|drove|flights?|movies?|films?|meetings?|hours?|hrs?)\b",
                         re.I)  # fmt: skip
"""Before a time taken on the hour (``finished the marathon in 3:00``): hours; else minutes
(``ran a mile in 6:00``, ``rowed 2k in under 8:00``)."""


_SHORT_EVENT = re.compile(r"\b(?:miles?|mi|\d{1,2}(?:\.\d)?k|\d{3,4} ?m|km|laps?|rowed|rowing|"
                          r"erg|swim|sprint|interval\w*|splits?|reps?|pace|planks?)\b", re.I)
"""A distance or a drill that a time on the minute is taken over, in minutes: "a 4:00 mile"."""
WEIGHT_BEFORE = re.compile(r"\b(?:weighs?|weighing|weighed|weight|mass|payload|tonnage|"
                           r"displacement|displaces)\b(?:[^.!?]|\.\d)*$", re.I)
"""A word of weight before ``60 t`` in its sentence: metric tonnes."""
INSULIN_WORDS = re.compile(r"\b(?:insulin|bolus|basal|ICR|ISF|Lantus|Humalog|Novolog|glargine|"
                           r"lispro|aspart|carb ratio|correction factor)\b", re.I)
"""Words of insulin, where ``8 U`` is eight units."""
CHANNEL_BEFORE = re.compile(r"\bchannels?\b", re.I)
"""A word of radio channels before ``1/6/11``: channels, not a date."""
_FLAT_AFTER = re.compile(r" (?:flat|even|exactly|or|and|for|to|on|in|at|with)\b")
"""Words after a time taken that describe no noun: "in 8:00 flat" stays minutes; before a
noun it is singular, "a sub-4:00 mile" a sub four minute mile (was "four o'clock")."""
_A_OR_SUB_BEFORE = re.compile(r"\b(?:an?|sub)\s+$")
_RACE_DISTANCE_AFTER = re.compile(r" \d{1,2}(?:\.\d)?[kK]\b")  # a sub-20:00 5k


def read_time(m: re.Match[str]) -> str:
    groups = m.groupdict()
    if groups.get("hrs"):  # 17:00h
        return spaced(f"{_clock(int(m['h']), int(m['m']))} hours")
    hour, minute, second, half = int(m["h"]), int(groups.get("m") or 0), groups.get("s"), m["ampm"]
    if (not minute and not second and half is None and 0 < hour < 10
            and _RACE_TIME_AFTER.match(m.string, m.end())):  # a 2:00 marathon: two hour
        return spaced(f"{cardinal(hour)} hour")
    if (not minute and not second and half is None and not groups.get("hrs") and 0 < hour < 24
            and _ELAPSED_BEFORE.search(m.string, max(0, m.start() - 40), m.start())):
        # a time taken on the minute or the hour: rowed 2k in under 8:00 (was "eight o'clock")
        start = max(0, m.start() - 80)
        start = max(start, *(m.string.rfind(c, start, m.start()) for c in ".;!?"))
        near = _LONG_EVENT.search(m.string, start, m.start())  # in its sentence
        if near is None and not _SHORT_EVENT.search(m.string, start,
                                                    min(len(m.string), m.end() + 12)):
            # or a few lines before, where its sentence names no distance: a half-marathon
            # plan's "Goal: sub-2:00" (was "two minutes")
            near = _LONG_EVENT.search(m.string, max(0, m.start() - 300), m.start())
        unit = "hour" if near else "minute"
        described = _A_OR_SUB_BEFORE.search(m.string, max(0, m.start() - 5), m.start()) and (
            NOUN_AFTER_UNIT.match(m.string, m.end()) is not None
            and _FLAT_AFTER.match(m.string, m.end()) is None
            or _RACE_DISTANCE_AFTER.match(m.string, m.end()) is not None)  # a 4:00 mile
        singular = hour == 1 or described
        return spaced(f"{cardinal(hour)} {unit}{'' if singular else 's'}")
    words = cardinal(hour)
    if minute:
        words += f" {'oh ' if minute < 10 else ''}{cardinal(minute)}"
    elif half is None:
        day_clock = (_DAY_CLOCK_AHEAD.match(m.string, m.end()) is not None
                     or _DAY_CLOCK_BEFORE.search(m.string, max(0, m.start() - 12), m.start()))
        words += " o'clock" if 0 < hour <= 12 and not day_clock else " hundred"
        words = f"oh {words}" if day_clock and m["h"].startswith("0") and hour else words
        # a morning hour written without its zero is said bare: "7:00 and 21:00" seven and
        # twenty-one hundred (was "seven hundred", a number)
        words = cardinal(hour) if day_clock and 0 < hour < 10 and len(m["h"]) == 1 else words
    if second and int(second):
        words += f" and {cardinal(int(second))} seconds"
    if half is not None:
        words += f" {half.upper()} M" + keeps_period(m)
    return spaced(words)


_ERA_AFTER = re.compile(r"\s?(?:AD|A\.D\.|CE|C\.E\.|BCE?|B\.C\.(?:E\.)?)(?!\w)")
_ERA_BEFORE = re.compile(r"\b(?:AD|A\.D\.)\s$")
_EARLY_YEAR_BEFORE = re.compile(r"\b(?:in|since|until|till|before|after|during|circa|c\.|ca\.|year)"
                                r"\s+$", re.I)  # fmt: skip
_MONTH_DAY_BEFORE = re.compile(rf"\b(?:{'|'.join(MONTHS)}) (?:[a-z]+(?:-[a-z]+)?|\d{{1,2}}),\s+$")
"""A month and its day before a year: ``October 14, 1066`` (ten sixty-six, as a date's year;
was "one thousand sixty-six")."""


def early_year(m: re.Match[str]) -> bool:
    """A year before 1100, said in pairs as later ones are (but 1000 to 1009): ``in 1066`` -> in ten sixty-six,
    ``476 AD``, ``AD 79`` (were "one thousand sixty-six", "four hundred seventy-six"). Four
    digits after "in", "since", "the year" ... (not before a plural noun: "in 1024 steps"),
    three or four next to an era's letters."""
    text = m.group(0)
    if not (text.isdigit() and 3 <= len(text) <= 4 and text[0] != "0"):
        return False
    if _ERA_AFTER.match(m.string, m.end()) or _ERA_BEFORE.search(m.string, max(0, m.start() - 5),
                                                                   m.start()):
        return True
    return (len(text) == 4 and int(text) < 1100 and COUNTED_AFTER.match(m.string, m.end()) is None
            and (_EARLY_YEAR_BEFORE.search(m.string, max(0, m.start() - 8), m.start()) is not None
                 or _MONTH_DAY_BEFORE.search(m.string, max(0, m.start() - 30),
                                             m.start()) is not None))  # fmt: skip


_DECADE_BEFORE = re.compile(r"(?:\b(?:the|his|her|their|your|my|our|its|early|mid|late|low|"
                            r"high|upper|ages?|aged)[\s-]+|\d0s\s?(?:[-–]|to)\s?)$",
                            re.I)  # fmt: skip
_DECADE_AFTER = re.compile(r"\s?(?:[-–]|to)\s?\d0s\b")  # 20s-30s: a range of ages


def decade(m: re.Match[str]) -> str:
    """``1990s`` -> "nineteen nineties", ``'80s`` -> "eighties", ``100s`` -> "hundreds";
    but two digits after nothing that makes them an age or an era are seconds: "a 30s
    timeout" (thirty seconds), "in his 30s" (thirties); so are three, but hundreds ("100s of
    files"): "the 110s" (one hundred tens; was "hundred tens"), "set it to 120s" seconds."""
    number = m.group(1)
    written_as_era = m.group(0).startswith("'") or len(number) > 3 or number.endswith("00")
    before = max(0, m.start() - 30)  # a bounded look back: from 0, "30s 30s ..." took quadratic time
    if (not written_as_era and not _DECADE_BEFORE.search(m.string, before, m.start())
            and not _DECADE_AFTER.match(m.string, m.end())):  # fmt: skip
        unit = "second" if after_article(m) else "seconds"  # a 30s timeout
        return spaced(f"{cardinal(int(number))} {unit}")
    words = read_number(number)
    return spaced(plural_of(words.removeprefix("one ") if number.endswith("00") else words))


def duration(m: re.Match[str]) -> str:
    """``1h30m`` -> "one hour thirty minutes"; singular where it describes the noun after it,
    as other units do: "a 24h pass" -> a twenty-four hour pass (was "hours pass")."""
    parts = [(m["h"], "hour"), (m["m"], "minute"), (m["s"], "second")]
    describes = after_article(m) or describes_the_noun_after(m)
    return spaced(" ".join(f"{cardinal(int(n))} {unit}{'' if int(n) == 1 or describes else 's'}"
                           for n, unit in parts if n))  # fmt: skip


_ELAPSED_BEFORE = re.compile(
    r"(?:\b(?:finish(?:ed|es|ing)?|complet(?:e|ed|es|ing)|won|ran|swam|cycled|rode|rowed|walked|"
    r"skated|skied|paddled|hiked|done|clocked)"
    r"(?:\s+(?:the|a|his|her|their|its)\s+\w+|\s+\d[\d.,]*\s?[a-zA-Z]{0,10})?\s+in(?:\s+a\s+(?:\w+\s+)?time\s+of)?"
    r"(?:\s+(?:just|only))?(?:\s+(?:under|less\s+than|about|around|over|sub))?"
    r"|\b(?:ran|runs|clocked|clocks|posted|set|recorded)(?:\s+an?)?"
    r"|\bin\s+a\s+(?:\w+\s+)?time\s+of"
    r"|\b(?:timer|countdown|stopwatch)(?:\s+(?:for|to|of|at|on|reads|shows|set\s+to))?"
    r"|\b(?:(?:finish|finishing|winning|chip|gun|net|race|total|running|lap|official|final|record)"
    r"\s+times?|record|best|PB|PR|elapsed|duration|run\s?time|length)(?:\s+(?:of|was|is))?:?"
    r"|\b(?:lasted|lasts|lasting|took|takes|taking)(?:\s+(?:just|only|about|over|under|nearly))?"
    r"|\b(?:sub|break|breaks|breaking|broke)"  # a sub-4:00 mile, to break 3:00
    r")\s+~?$", re.I)  # fmt: skip
"""Words before ``h:mm:ss`` that make it a time taken, not a time of day: "finished in",
"ran 26.2 miles in", "ran", "a winning time of", "finish time was", "elapsed:", "took", "set
the timer for"; "the time is 2:03:45" stays a clock's."""
_ELAPSED_AFTER = re.compile(
    r"\s+(?:(?:half[- ])?marathon|ultra(?:marathon)?|triathlon|ironman|race|finish|PB|PR|"
    r"personal best)s?\b", re.I)  # fmt: skip
"""Words after ``h:mm:ss`` that make it a time taken, which describes them: "a 2:01:09
marathon", "his 3:59:59 finish" (not "time": "at 10:00:00 time to go")."""


def elapsed(m: re.Match[str]) -> str:
    """``2:03:45`` after "finished in", "clocked", "elapsed" ... (``_ELAPSED_BEFORE``), before
    "marathon", "finish" ... (``_ELAPSED_AFTER``; singular, as a unit before its noun is), or
    past 24 hours, or after a tilde with one digit of hours (``~1:54:40``; ``~21:27:26`` may be a
    log's time of day): "two hours, three minutes and forty-five seconds", fields of zero left
    out; anything else is left to the time rule (``12:00:30``)."""
    hours = int(m["h"])
    before = _ELAPSED_BEFORE.search(m.string, max(0, m.start() - 40), m.start())
    after = _ELAPSED_AFTER.match(m.string, m.end())
    about = (m.string[m.start() - 1 : m.start()] in ("~", "≈")  # ~1:54:40: a time taken, roughly
             and len(m["h"]) == 1)  # (not a log's ~21:27:26, a time of day)
    if hours <= 24 and before is None and after is None and not about:
        return m.group(0)
    seconds = f"{int(m['s'])}.{m['f']}" if m["f"] else str(int(m["s"]))
    describes = after is not None  # a 2:01:09 marathon: two hour ..., as a unit before its noun
    parts = [f"{read_number(n, False)} {unit}{'' if n == '1' or describes else 's'}"
             for n, unit in ((str(hours), "hour"), (str(int(m["m"])), "minute"), (seconds, "second"))
             if n.strip("0.")]  # fmt: skip
    if not parts:
        return m.group(0)
    return spaced(", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1])


def elapsed_minutes(m: re.Match[str]) -> str:
    """``25:30`` after "ran 5 km in", "finished in", "clocked" ... (``_ELAPSED_BEFORE``) or
    before "marathon", "finish" ... (``_ELAPSED_AFTER``), where the first field is 24 to 59 and
    so no clock's hour: minutes and seconds, "twenty-five minutes and thirty seconds" (was
    "twenty-five to thirty", a score's reading). Under 24 it is left to the time rule, which a
    runner's "twenty-two thirty" matches."""
    before = _ELAPSED_BEFORE.search(m.string, max(0, m.start() - 40), m.start())
    after = _ELAPSED_AFTER.match(m.string, m.end())
    if before is None and after is None and not m["f"]:
        return m.group(0)
    seconds = f"{int(m['s'])}.{m['f']}" if m["f"] else str(int(m["s"]))
    describes = after is not None  # a 25:30 race: twenty-five minute ..., as before its noun
    number = str(int(m["m"]))
    minutes = f"{read_number(number, False)} minute{'' if describes or number == '1' else 's'}"
    if not seconds.strip("0."):
        return spaced(minutes)
    unit = "second" if seconds == "1" or describes else "seconds"
    if number == "0":  # 0:45.2: forty-five point two seconds
        return spaced(f"{read_number(seconds, False)} {unit}")
    return spaced(f"{minutes} and {read_number(seconds, False)} {unit}")


def two_digit_year(yy: str) -> str:
    """A year's last two digits: ``23`` "twenty-three", ``05`` "oh five"."""
    return ("oh " if yy[0] == "0" else "") + cardinal(int(yy))


def iso_datetime(m: re.Match[str]) -> str:
    """``2024-12-05T14:30:00Z`` (ISO 8601, as APIs and logs write it) -> "December fifth, twenty
    twenty-four at 14:30:00 UTC": the time is left for the time rule; an offset is read ("UTC
    minus five"), fractions of a second are not."""
    date = read_date(m["y"], m["mo"], m["d"])
    if date is None:
        return m.group(0)
    zone = m["zone"] or ""
    if zone == "Z":
        zone = " UTC"
    elif zone:
        hours, minutes = int(zone[1:3]), int(zone[-2:])
        zone = (f" UTC {'plus' if zone[0] == '+' else 'minus'} {cardinal(hours)}"
                + (f" {cardinal(minutes)}" if minutes else ""))  # fmt: skip
    return f"{date} at {m['time']}{zone} "


_ZONE_WORDS = re.compile(r"\b(?:UTC|GMT|offsets?|time ?zones?|timezones?|ISO|timestamps?|"
                         r"Zulu)\b|\bZ\b", re.I)


def utc_offset(m: re.Match[str]) -> str:
    """``+05:30`` -> "plus five thirty", ``+00:00`` -> "plus zero" where the text speaks of
    zones (UTC, an offset, a timestamp ... within 80 characters); right after a time with its
    seconds, ``14:30:00-05:00`` -> fourteen thirty UTC minus five (``22:00-06:00`` is a
    range). Elsewhere a signed ``+10:00`` is left (a race's gap is written so too)."""
    after_time = m.start() > 0 and m.string[m.start() - 1].isdigit()
    if not after_time and not _ZONE_WORDS.search(
            m.string, max(0, m.start() - 80), min(len(m.string), m.end() + 80)):
        return m[0]
    sign = "plus" if m["sign"] == "+" else "minus"
    minutes = f" {cardinal(int(m['m']))}" if m["m"] != "00" else ""
    return spaced(f"{'UTC ' if after_time else ''}{sign} {cardinal(int(m['h']))}{minutes}")


_OPERATION_BEFORE = re.compile(r"\b(?:multiply|multiplied|divide|divided|scale|scaled)"
                               r"(?: (?!by\b)[\w'-]+){0,3} $", re.I)


def date_after_cue(m: re.Match[str]) -> str:
    """``due 3/15`` -> due March fifteenth; not "by" after an operation, ``multiply by 9/5``,
    ``Divide it by 22/7`` (a fraction: were "September fifth", "slash")."""
    if (m[1][:2].lower() == "by"
            and _OPERATION_BEFORE.search(m.string, max(0, m.start() - 40), m.start())):
        return m[0]
    return f"{m[1]} " + (month_and_day(m[2], m[3], m[1].endswith("day")) or f"{m[2]}/{m[3]}")


_YEAR_JUST_BEFORE = re.compile(r"(?<![\w.])(?:19|20)\d\d ?$")


def to_present(m: re.Match[str]) -> str:
    """A year to this day: ``2020–present`` -> "twenty twenty to present" (was "twenty twenty,
    present"); the rule looks for the dash after a digit, then for the year before it."""
    if _YEAR_JUST_BEFORE.search(m.string, max(0, m.start() - 6), m.start()) is None:
        return m[0]
    return " to "
