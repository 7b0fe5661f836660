"""Numbers of sports: scores, records, standings, batting averages, a match's minutes, race
gaps and paces.

What is covered
---------------
- **Sports and cars**: a tennis set's tiebreak with both players' points (``7-6(5)`` -> seven to
  six (tiebreak seven to five), ``6-7(3)``); fuel economy, city and highway (``32/41 mpg`` ->
  thirty-two city, forty-one highway miles per gallon; ``28/36/31 mpg``, combined last); a motor
  oil's grade (``5W-30`` -> five W thirty), a tire's load index and speed rating after its size
  (``225/45R17 94W`` -> ... ninety-four W); innings pitched in thirds (``6.2 IP`` -> six and two
  thirds innings pitched), half a point (``a 3.5-point favorite`` -> a three and a half point
  favorite), shots made for taken (``14-28 FG`` -> fourteen for twenty-eight FG), a chess
  rating in pairs (``a peak rating of 2882``), a pair of weights, a man's and a woman's (``24/16
  kg`` -> twenty-four or sixteen kilograms), a rest in minutes' or seconds' marks (``2' rest``
  -> two minute rest), a time under which a race is run (``a sub-4:00 mile`` -> a sub four
  minute mile; ``Goal: sub-2:00`` in a half-marathon's plan, two hours); a box score's final
  after overtime or a shootout (``F/OT`` -> final in overtime, ``F/2OT`` -> final in double
  overtime, ``F/SO`` -> final in a shootout; ``won in 2OT`` -> ... double overtime; after a
  score, ``Red Sox 4 (F/10)`` -> final in ten innings); a shooting percentage (``3-pt%`` ->
  three-point percentage, ``FG%`` -> field goal percentage), home runs where the text speaks
  of baseball (``44 HR``), a game's quarter before its clock (``Q4 2:14 left`` -> fourth
  quarter, ...), jeans by waist and inseam (``a 32x30`` -> thirty-two by thirty); a height
  before its noun after "a", ``a 5'10" runner`` -> a five foot ten runner; a speed's range
  from zero, an acceleration's, ``its 0–60 mph time`` -> ... sixty miles per hour time; a
  game's kills, deaths and assists (``K/D/A of 25/3/12`` -> twenty-five, three, twelve), sets
  of a held time (``3x30s plank`` -> three sets of a thirty second plank).
- **Batting averages** after "batting", "hitting", "average" ... or before "hitter", "OBP" ...
  (``batting .312`` -> batting three twelve, ``a .300 hitter``).
"""

from __future__ import annotations

import functools
import re

from voice_server.text.normalize.cues import SCORE_BEFORE, occurs_near, quote_open_before, spaced
from voice_server.text.normalize.number_words import ONES, cardinal, in_pairs, ordinal
from voice_server.text.normalize.units import STORAGE_AFTER


_SCORE_AFTER = re.compile(r"\s+(?:stars?|points?)\b", re.I)


def _said_as_score(m: re.Match[str]) -> bool:
    """``7/10`` (group ``d`` the 10) after "scored", "rated", "a rating of" ... or before
    "stars", "points"."""
    before = m.string[max(0, m.start() - 30) : m.start()]
    return (int(m["d"]) in (5, 10, 20, 50, 100)
            and (SCORE_BEFORE.search(before) is not None
                 or _SCORE_AFTER.match(m.string, m.end()) is not None))  # fmt: skip


def is_score(m: re.Match[str]) -> bool:
    return not m["w"] and _said_as_score(m)


def spaced_score(m: re.Match[str]) -> str:
    """``10 / 10`` after "give it", ``3 / 5 stars``, ``24 / 7``: closed up, so the fraction
    rule reads it as a score ("ten out of ten") or as said; any other spaced slash between
    numbers stays for the rule that reads it "divided by"."""
    num, den = int(m["n"]), int(m["d"])
    score = num <= den and _said_as_score(m)
    return f"{m['n']}/{m['d']}" if score or (num, den) == (24, 7) else m[0]


_SEASON_WORDS = re.compile(r"\b(?:season|record|standings|games? (?:back|behind)|playoffs?|postseason|"
                           r"conference|division|league|wins|losses|streak|seed(?:ed)?|NBA|NFL|MLB|NHL|"
                           r"WNBA|MLS|NCAA|hosts?|hosted|favou?rites?|underdogs?|matchup|kickoff|"
                           r"spread|O/U)\b")  # fmt: skip
_TEAM_BEFORE = re.compile(r"\b[A-Z][a-z]+s \($")
"""Words of a league's season, that make ``38-29`` after "are" a team's wins and losses."""
_TEAM_SUBJECT = re.compile(r"(?:\b[Tt]he\s+|[a-z,;:]\s+)(?:[A-Z][\w.'-]*\s+){1,3}$"
                           r"|\b(?:[Tt]hey|[Ww]e)\s+$")
"""What says who "are" or "were" ``38-29``: a name after "the" or inside a sentence ("the
Lakers", "and Boston"), "they", "we"; not a sentence's first word ("Shifts are 9-5")."""


def record(m: re.Match[str]) -> str:
    """``are 38-29`` -> "thirty-eight and twenty-nine", a record, where the text speaks of a
    season or a game within 200 characters; a 10-6 record, and after a team's name, ``The
    Ravens (10-4) host ...``, likewise; else left to the range rule."""
    a, b = m["a"] or m["c"] or m["e"], m["b"] or m["d"] or m["f"]
    if _SEASON_WORDS.search(m.string, max(0, m.start() - 200), m.end() + 200) is None or (
            m["e"] and _TEAM_BEFORE.search(m.string, max(0, m.start() - 30), m.start()) is None):
        return m[0]
    if m["cue"] in ("are ", "were ") and _TEAM_SUBJECT.search(
            m.string, max(0, m.start() - 60), m.start()) is None:  # fmt: skip
        return m[0]
    return (m["cue"] or "") + spaced(f"{cardinal(int(a))} and {cardinal(int(b))}")


_RACE_GAP_AFTER = re.compile(r" (?:ahead|behind|back|down|clear|slower|faster|gap|adrift)\b")
_HOURS_BEFORE = re.compile(r"\dh ?$")


def race_gap(m: re.Match[str]) -> str:
    """``12' 33"`` -> "twelve minutes and thirty-three seconds" where no height could be
    (more than 11 inches), or, written with a zero (``1'08"``), after hours (``4h 12' 08"``) or
    before a gap's word ("ahead", "behind" ...); ``5'11"`` stays feet and inches."""
    seconds = int(m["s"])
    if seconds < 12 and not (m["s"].startswith("0") and (
            _RACE_GAP_AFTER.match(m.string, m.end())
            or _HOURS_BEFORE.search(m.string, max(0, m.start() - 3), m.start()))):
        return m[0]
    minutes = int(m["m"])
    words = f"{cardinal(minutes)} minute{'' if minutes == 1 else 's'}" if minutes else ""
    if seconds:
        words += f"{' and ' if words else ''}{cardinal(seconds)} second{'' if seconds == 1 else 's'}"
    return spaced(words)


_AVERAGE_BEFORE = re.compile(r"\b(?:batting|batted|bats|hitting|hit|hits|average|avg\.?|OBP|OPS|"
                             r"SLG|slugging)(?:\s+(?:of|at|is|was|to))?\s+$", re.I)  # fmt: skip
_AVERAGE_AFTER = re.compile(r"\s+(?:hitter|batting average|average|avg|OBP|OPS|SLG|on-base|"
                            r"slugging|batter)\b", re.I)  # fmt: skip


def batting_average(m: re.Match[str]) -> str:
    """A batting average as it is said: "batting .312" -> "batting three twelve", "a .300
    hitter" -> "a three hundred hitter", ".056" -> "oh fifty-six"; other decimals of three
    places are left to the number rule (point three one two)."""
    if not (_AVERAGE_BEFORE.search(m.string, max(0, m.start() - 16), m.start())
            or _AVERAGE_AFTER.match(m.string, m.end())):  # fmt: skip
        return m.group(0)
    n = int(m[1])
    words = in_pairs(n) if n >= 100 else f"oh {cardinal(n)}" if n >= 10 else f"oh oh {ONES[n]}"
    return spaced(words)


_STANDINGS = re.compile(r"\bgames? (?:back|behind)\b|\bstandings\b|\bwild[- ]card\b|\bGB\s*\|"
                        r"|\b(?:\w+ )?seed\b|\bplayoffs?\b|\bfirst place\b",
                        re.I)  # fmt: skip
"""Words of a league's table near ``1.5 GB``: games back (``sits 1.5 GB of the 6th seed``)."""
_RECORD_BEFORE = re.compile(r"\b\d{1,3}-\d{1,3}(?:-\d{1,2})?\)?,?\s+$")
"""A win-loss record just before ``9.5 GB``, or a word of standings near it (200 characters
either side, ``occurs_near``: one scan of the text however many GB it holds): games back."""


def games_back(m: re.Match[str]) -> str:
    """``9.5 GB`` after a record (``Nuggets 48-25, 9.5 GB``) or in standings -> "nine and a
    half games back"; ``2.5 games back`` -> "two and a half games back" (``1.5 games behind the
    Kings``: behind, was "back the Kings"); before "behind" (``3.5
    GB behind Denver``) "three and a half games" (was "gigabytes"); else left (gigabytes)."""
    behind = not m["games"] and m.string.startswith(" behind ", m.end())
    if not m["games"] and STORAGE_AFTER.match(m.string, m.end()):
        return m[0]  # 1.5 GB of disk, by a table's games: gigabytes
    if not (m["games"] or behind or _RECORD_BEFORE.search(m.string, max(0, m.start() - 16), m.start())
            or occurs_near(_STANDINGS, m, 200, 200)):
        return m[0]
    n = int(m["n"] or "0")
    count = (f"{cardinal(n)} and a half" if n else "a half") if m["half"] else cardinal(n)
    word = "" if behind else " behind" if (m["games"] or "").endswith("behind") else " back"
    return spaced(f"{count} game{'' if n == 1 and not m['half'] else 's'}{word}")  # games behind: kept


def tiebreak(m: re.Match[str]) -> str:
    """A tennis set won or lost in a tiebreak, with the loser's points: ``7-6(5)`` -> "7-6
    (tiebreak 7-5)", ``6-7(3)`` -> "6-7 (tiebreak 3-7)", read as scores next."""
    first, second, lost = (m[1], m[2], int(m[3])) if m[1] else (m[4], m[5], int(m[6]))
    games, won = f"{first}-{second}", max(7, lost + 2)
    points = f"{won}-{lost}" if first == "7" else f"{lost}-{won}"
    return f"{games} (tiebreak {points})"


EXERCISES = ("squats?|push-?ups?|pull-?ups?|chin-?ups?|sit-?ups?|lunges?|crunches|burpees?|"
             "deadlifts?|presses|press|curls?|dips|(?:barbell|dumbbell|cable|bent-over|seated|upright) "
             "rows|planks?|wall sits?|dead hangs?|"
             "step-?ups?|leg raises|calf raises|tricep extensions|flyes|flys|thrusters|"
             "box jumps|snatches|hip thrusts?|"
             "bench(?: press)?|kettlebell swings|mountain climbers|jumping jacks|"
             "RDLs?")  # fmt: skip
"""Exercises counted in sets and reps: ``3×10 squats`` is three sets of ten squats."""
_HELD_FOR_AHEAD = re.compile(r" ?(?:sec|secs|s|seconds?|min|mins|minutes?) (?:[a-z]+ )?"
                             r"(?:plank|hold|wall sit|hang|carry|bridge|stretch)\b(?![-'])")
"""A time an exercise is held for, before its singular name: ``3 x 45 sec plank``."""


KDA_BEFORE = re.compile(r"\b(?:K/D/A|KDA)\b(?: (?:of|was|is|at|ratio(?: of)?|line(?: of)?))?:?"
                        r" (?=\d)")
"""A game's kills, deaths and assists right before ``25/3/12``: three counts, no date."""


def kills_deaths_assists(m: re.Match[str]) -> bool:
    """Whether a K/D/A names the three counts of ``25/3/12`` (twenty-five, three, twelve;
    was "twenty-five three twelve", one number run into the next)."""
    return occurs_near(KDA_BEFORE, m, 22, 0)


def sets_of(m: re.Match[str]) -> str:
    """``3×10 squats`` -> "three sets of ten squats"; a time before a held exercise's singular
    name, ``3 x 45 sec plank`` -> "three sets of a forty-five second plank" (was "three sets of
    forty-five seconds plank"); the article makes the unit singular, as before its noun."""
    count, each = m[1] or m[4], m[2] or m[5]
    held = m[1] and " " not in each and _HELD_FOR_AHEAD.match(m.string, m.end())
    return (f"{m['ex'] or ''}{count} set{'' if count == '1' else 's'} of "
            f"{'a ' if held else ''}{each}")


def sets_of_time(count: str, each: str, unit: str) -> str:
    """``3x30s plank`` -> "three sets of a thirty second plank": the time held each set, its
    unit singular before the exercise as after ``3 x 45 sec``."""
    word = "minute" if unit.lower().startswith("m") else "second"
    return (f"{cardinal(int(count))} set{'' if count == '1' else 's'} of a "
            f"{cardinal(int(each))} {word}")


_FOOTBALL_WORDS = re.compile(r"\b(?:goals?|goalscorers?|penalty|pen|assists?|header|"
                             r"equali[sz](?:er|ed|es|ing)|brace|hat-trick|yellow|red card|booked|"
                             r"sent off|subbed|substitut\w*|kick-?off|half-?time|stoppage|injury time|"
                             r"scor(?:ed|es|ing) (?:at|in|on|after)|netted|nets|striker|winger|midfielder|"
                             r"goalkeeper|keeper|referee|VAR|offside|free[- ]kick|corner kick|"
                             r"(?:first|second) half|(?-i:FT|HT|OG)|"
                             r"match(?:es)?|games?|fixtures?|derby|scorelines?|score|level|led|"
                             r"lead(?:s|ing)?|trail(?:s|ed|ing)?)\b|⚽", re.I)  # fmt: skip
"""Words that make ``23'`` a match's minute (not feet) in the same sentence ("scored" alone is
also a rating's, "minute" a length's: neither is one; "scored at", "scored in" are a goal's;
a match, a game, a score, a side level, leading or trailing: ``The score was 2-1 at 61'``)."""
_FOOTBALL_REACH = 80
"""Characters either side of a mark in which a football word counts."""
_NAME_BEFORE = re.compile(r"(?:^|[\s(,;])(?P<name>[A-Z][\w'.-]*[a-zà-ÿ]) \(?$")
_MEASURED_NAMES = frozenset(
    "Kitchen Bedroom Bathroom Bath Living Dining Family Great Room Rooms Garage Office Den Closet "
    "Hall Hallway Foyer Entry Porch Deck Patio Yard Lot Loft Attic Basement Pantry Laundry Studio "
    "Master Primary Guest Nursery Suite Pool Shed Barn Ceiling Ceilings Height Width Length Depth "
    "Wall Walls Door Window Fence Ladder Boat Tree Pole Span Beam Tall Wide Long Deep High Max Min "
    "Total Overall Approx About Around Under Over Only Just Nearly Almost Each "
    # words of a product's name, no player's: a ladder, a boat, a trailer by its length
    "Giant Pro Plus Ultra Mini Series Model Classic Deluxe Extension Step Stepladder Trailer "
    "Kayak Canoe Yacht Pontoon Sailboat Cruiser Truck Container Hose Cable Cord Rope".split())
"""Capitalised words before a feet mark that name what is measured: ``Kitchen 12'`` is feet,
``Salah 23'`` a match's minute; so are a product's (``Little Giant 22'``: a ladder)."""
_STOPPAGE_TIME = re.compile(r"(?<![\w.'\"+])\d{2,3}\+\d{1,2}'(?![\w'\"])")
"""A minute of stoppage time (``90+3'``): a text with one is a match's, and its other marks
after a name are minutes too."""


@functools.lru_cache(maxsize=8)
def _has_stoppage_time(text: str) -> bool:
    return _STOPPAGE_TIME.search(text) is not None
_MINUTE_MARK = re.compile(r"(\d{1,3})(?:\+(\d{1,2}))?'")
_NOT_A_MINUTE_AFTER = re.compile(r"\s?[x×]\s?\d|\s?\d|\"|\s(?!(?:and|or|to|in|on|at|of|for|with|from|"
                                 r"after|before|but|as|was|is|when|while|then)\b)[a-z]")  # fmt: skip
"""After feet, not a minute: 12' x 15', 5' 11", a 6' ladder."""
_CLAUSE_ENDS = re.compile(r"\s*(?:$|[.,;:!?)\]]|and\b|&)")
"""After a name's lone mark, what ends it as a scorer's minute: ``Salah 23'.``, ``Salah 23' and
Núñez 67'`` (not ``Tom 6' tall``)."""
_MINUTE_AFTER = re.compile(r"\s(?:minute|min)\b")
"""``the 23' minute``: the twenty-third minute (was "twenty-three foot minute")."""


def match_minutes(m: re.Match[str]) -> str:
    """A football match's minutes: ``Salah 23', 67'`` -> Salah minute twenty-three, minute
    sixty-seven; ``90+2'`` (stoppage time) -> minute ninety plus two; ``scored in the 23'`` ->
    scored in the twenty-third minute (were feet; "in minute twenty-three" until round 31, which
    drops the "the" a commentator says). A mark is a minute where stoppage time is
    added, or, with nothing after it that feet describe, after a player's name in a list or
    brackets, after "in the", "at the" ..., or near a football word (``_FOOTBALL_WORDS``);
    otherwise it is left for the feet rule."""
    marks = _MINUTE_MARK.findall(m["marks"])
    if any(int(n) > 130 for n, _ in marks) or quote_open_before(m.string, m.end() - 1, "'"):
        return m[0]
    if len(marks) == 1 and not marks[0][1] and _MINUTE_AFTER.match(m.string, m.end()):
        return (f"{m['prep']} the " if m["prep"] else "") + ordinal(int(marks[0][0]))  # 23' minute
    if m["prep"] and len(marks) == 1 and not marks[0][1] and not _NOT_A_MINUTE_AFTER.match(m.string, m.end()):
        return f"{m['prep']} the {ordinal(int(marks[0][0]))} minute"  # in the 61': sixty-first
    if not any(extra for _, extra in marks):
        if _NOT_A_MINUTE_AFTER.match(m.string, m.end()):
            return m[0]
        name = _NAME_BEFORE.search(m.string, max(0, m.start() - 30), m.start())
        named = name is not None and name["name"] not in _MEASURED_NAMES
        listed = (len(marks) > 1 or m.string[m.end() : m.end() + 1] == ")"
                  or (m.start() > 1 and m.string[: m.start()].rstrip().endswith("("))
                  or _has_stoppage_time(m.string)  # Ronaldo 88', Benzema 90+3'
                  or _CLAUSE_ENDS.match(m.string, m.end()) is not None)  # Salah 23'

        near = m.string[max(0, m.start() - _FOOTBALL_REACH) : m.end() + _FOOTBALL_REACH]
        if not (m["prep"] or (named and listed) or _FOOTBALL_WORDS.search(near)):
            return m[0]
    minutes = ", ".join(f"minute {cardinal(int(n))}" + (f" plus {cardinal(int(extra))}" if extra
                                                        else "") for n, extra in marks)  # fmt: skip
    return (f"{m['prep']} " if m["prep"] else "") + spaced(minutes)


def pace(m: re.Match[str]) -> str:
    """A runner's pace, minutes and seconds per kilometer or mile, as runners say it:
    ``4:45/km`` -> "four forty-five per kilometer", ``5:00/mi`` -> "five minutes per mile"."""
    said = pace_said(int(m[1]), int(m[2]))
    return spaced(f"{said} per {'mile' if m[3].startswith('mi') else 'kilometer'}")


def pace_said(minutes: int, seconds: int) -> str:
    return (f"{cardinal(minutes)} minute{'' if minutes == 1 else 's'}" if seconds == 0
            else f"{cardinal(minutes)} {'oh ' if seconds < 10 else ''}{cardinal(seconds)}")


_BASEBALL_WORDS = re.compile(r"\b(?:RBIs?|batting|hitting|homers?|innings?|MLB|OPS|slugging|"
                             r"pitch\w*|at-bats?|home runs?|Yankees|Dodgers|Mets|Red Sox)\b")
"""Words of baseball: there ``44 HR`` is forty-four home runs."""


def home_runs(m: re.Match[str]) -> str:
    """``44 HR`` -> "44 home runs" where the text speaks of baseball (a ``24 HR`` pharmacy is
    open round the clock, and ``max HR`` a heart rate)."""
    if not _BASEBALL_WORDS.search(m.string):
        return m[0]
    return f"{m[1]} home run{'' if m[1] == '1' else 's'}"


_CLOTHES_WORDS = re.compile(r"\b(?:jeans|pants|trousers|chinos|slacks|denim|waist|inseam)\b",
                            re.I)


def waist_by_inseam(m: re.Match[str]) -> str:
    """``a 32x30`` -> "a 32 by 30": jeans by waist and inseam, where the text speaks of
    trousers (was "thirty-two times thirty")."""
    return f"{m[1]} by {m[2]}" if _CLOTHES_WORDS.search(m.string) else m[0]
