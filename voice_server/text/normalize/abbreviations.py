"""Abbreviations read as their words: titles, streets, places, legal citations, Latin
abbreviations, keyboard shortcuts, numeronyms, star ratings, and a period kept when it also
ends the sentence.

What is covered
---------------
- **Abbreviations**: Mr., Mrs., Ms., Dr., Prof., Rev., Gen., Capt., Lt., Col., Sgt., Gov., Sen.,
  Rep., Mt., St. (Saint before a name, Street otherwise; Dr. likewise Doctor or Drive), a street's
  type and direction after a house number and a name, with or without a period (``123 Main St``,
  ``1600 Pennsylvania Ave NW``, ``5th Ave.``; St Ave Rd Blvd Ln Dr Ct Pl Hwy Cir Ter Sq Fwy Expy
  Pkwy Trl; no stop before the rest of the address: ``Main St. Apt. 4B``; a direction before the
  street's name, ``42 W. 57th St.`` -> forty-two West ...),
  No./Fig./Vol./Ch./Ep./Apt./Ste./Rm./Eq./p./pp./Op. (opus)/Tel. (``Tel. +44 20`` -> telephone plus four four ...) before a number (No. also before a model's code:
  ``Model No. XR-500``), Hwy./Rte. before a number, Jr., Sr., Inc., Ltd., Co., p.a., Corp., Dept.,
  Ave., Blvd., Rd., Ph.D., etc., e.g., i.e., cf., viz., a.k.a. (also known as), vs. (and vs),
  approx. (also capitalised; between a determiner and a noun approximate: ``the approx.
  cost``), ``Fed. R. Civ. P. 4`` (Federal Rule of Civil Procedure four; ``Fed. R. Evid.``),
  a state's code (``Cal. Gov. Code`` -> California Government Code, ``Code Civ. Proc.`` -> Code
  of Civil Procedure, ``Fla. Stat. Ann.`` -> Florida Statutes Annotated), a reporter's series
  between a volume and a page (``123 F.3d 456`` -> ... F third ..., ``F. Supp. 2d``),
  ``N°7`` (number seven), ``hwy`` (highway), clothing sizes (``XS–XXL`` -> XS to XXL),
  incl. and excl. (including, excluding; at a clause's end included: "utilities incl."), Est.
  before a year (Established: ``Est. 1998``, ``(est. 1837)``; otherwise estimated, ``Est.
  delivery``, ``(2023 est.)``; estimates after a word that beats or misses them, ``beat est. of
  $38.1B``), avg. (average), appt. (appointment), ea. after an amount (each),
  ca. before a number (circa), a.m., p.m., Sec. and Art. before a number, Ft. before a name (Fort),
  places as newspapers abbreviate them (``Phila.``, ``Calif.``; a state's after a city, ``Austin,
  Tex.`` -> Austin, Texas),
  WWII/WW2 (World War two), TL;DR, SEC forms (``10-K`` -> ten K), and dotted initialisms (U.S. -> U
  S). Their period is kept when it also ends the sentence (not before a time zone: "3 p.m. EST", "9
  a.m. Eastern"; for vs., e.g., i.e. and approx. only at the end of the text; nor for a company's
  suffix before a word that goes on with its name: ``Acme Corp. HQ``, ``Globex Inc. CEO``).
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable

from voice_server.text.normalize.codes import IDENTIFIER_WORDS
from voice_server.text.normalize.cues import (
    MONTH,
    MONTH_ABBR,
    MONTH_STEMS,
    WEEKDAYS,
    WEEKDAY_NAMES,
    after_article,
    alternation,
    keeps_period,
    occurs_near,
    spaced,
)
from voice_server.text.normalize.number_words import ONES, cardinal, digits, in_pairs, ordinal
from voice_server.text.normalize.roman import (
    REGNAL_NAMES,
    ROMAN,
    ROMAN_CUES,
    regnal,
    roman_after_cue,
)
from voice_server.text.normalize.units import UNITS
from voice_server.text.rules import Rule


def _final_after(m: re.Match[str]) -> str:
    """``F/OT`` -> "final in overtime", ``F/2OT`` -> "final in double overtime", ``F/SO`` ->
    "final in a shootout"."""
    if m["so"]:
        return "final in a shootout"
    times = {"": "", "2": "double ", "3": "triple ", "4": "quadruple "}[m["ot"]]
    return f"final in {times}overtime"


_SCORE_BEFORE_FINAL = re.compile(r"(?:[A-Z][\w.']*\s\d{1,2},\s(?:[A-Z][\w.']*\s){1,3}\d{1,2}"
                                 r"|\b\d{1,2}-\d{1,2}),?\s\(?$")
"""A game's score just before ``F/10``: "Yankees 5, Red Sox 4 (F/10)", "won 3-2 F/11"."""


def _extra_innings(m: re.Match[str]) -> str:
    """``Red Sox 4 (F/10)`` -> "final in 10 innings" after a score; an oven's ``350 F/10
    minutes`` stays."""
    if _SCORE_BEFORE_FINAL.search(m.string, max(0, m.start() - 60), m.start()) is None:
        return m[0]
    return f"final in {m[1]} innings"


_SHOOTING = {"FG": "field goal", "FT": "free throw", "eFG": "effective field goal",
             "TS": "true shooting"}
"""A basketball shooting percentage's letters, before ``%``: ``FG%`` field goal percentage."""


def _list_slash(m: re.Match[str]) -> str:
    """A spaced slash between a word and the next item, a list's: "front / 5' sides", "9 am /
    Sat" -> a pause; not in an equation's line (``BMI = weight / height``: divided by) nor
    "and / or"."""
    line = m.string[max(0, m.string.rfind("\n", 0, m.start())) : m.start()]
    word = line.rsplit(None, 1)[-1] if line.strip() else ""
    if re.fullmatch(r"\d{0,2}[ap]\.?m\.?", word.lower()):
        return ", "  # 9 am / Sat 10 am, 3 p.m. / 4 p.m. (were dropped)
    if ("=" in line or word in UNITS or word.rstrip("s") in UNITS or word.isupper()
            or (word == "and" and m.string.startswith("or", m.end()))):  # fmt: skip
        return m[0]  # 256GB / 512GB, 4 bd / 2.5 ba: the units' rules
    return ", "


_TITLES = {"Mr": "Mister", "Mrs": "Missus", "Ms": "Miz", "Prof": "Professor",
           "Rev": "Reverend", "Gen": "General", "Capt": "Captain", "Lt": "Lieutenant",
           "Col": "Colonel", "Sgt": "Sergeant", "Gov": "Governor", "Sen": "Senator",
           "Rep": "Representative", "Mt": "Mount"}  # fmt: skip
_BEFORE_NUMBER = {"No": "number", "Fig": "figure", "fig": "figure",
                  "Vol": "volume", "vol": "volume", "Ch": "chapter", "ch": "chapter",
                  "Apt": "apartment", "Ste": "suite", "Rm": "room", "p": "page", "pp": "pages",
                  "Eq": "equation", "Ep": "episode", "Tel": "telephone", "tel": "telephone"}  # fmt: skip
_OTHER_ABBREVIATIONS = {"Jr": "Junior", "Sr": "Senior", "Inc": "Incorporated",
                        "Ltd": "Limited", "Co": "Company", "Corp": "Corporation",
                        "Dept": "Department", "Ave": "Avenue", "Blvd": "Boulevard",
                        "Rd": "Road", "etc": "et cetera", "vs": "versus", "approx": "approximately",
                        "e.g": "for example", "i.e": "that is", "a.m": "A M",
                        "p.m": "P M", "Ph.D": "P H D", "Etc": "Et cetera", "Vs": "Versus",
                        "Approx": "Approximately", "E.g": "For example", "p.a": "per year",
                        "I.e": "That is", "cf": "compare", "viz": "namely",
                        "avg": "average", "Avg": "Average", "appt": "appointment",
                        "Appt": "Appointment", "est": "estimated", "Est": "Estimated"}  # fmt: skip
_CAPITALISED_BEFORE_NUMBER = {"Sec": "section", "Art": "article", "Op": "opus"}
"""Before a number, and only capitalised ("Sec. 230", "Art. 5", a work's "Op. 125": not "5
sec.", "art.")."""
FEDERAL_RULES = re.compile(r"R\. ?(?P<body>Civ\. ?P|Crim\. ?P|App\. ?P|Bankr\. ?P|Evid)\.")
"""The federal rules of the United States' courts after ``Fed.``: ``Fed. R. Civ. P. 12(b)(6)``
(the Federal Rule of Civil Procedure), ``Fed. R. Evid. 702``."""
_FEDERAL_RULES = {"Civ": "Civil Procedure", "Crim": "Criminal Procedure",
                  "App": "Appellate Procedure", "Bankr": "Bankruptcy Procedure", "Evid": "Evidence"}
NON_FINAL_CAPITALISED = frozenset({*_CAPITALISED_BEFORE_NUMBER, "Ft", "Civ", "Crim", "Bankr",
                                   "Proc", "Stat", "Supp", "Rptr"})  # fmt: skip
"""Words (as written, without the final period) whose period does not end a sentence:
"Sec. 230", "Ft. Worth" (unlike "5 sec." or "6 ft.", which may), and the words of a legal
citation that are no English word: "Cal. Code Civ. Proc. § 430.10", "Fla. Stat. § 83.49",
"F. Supp. 2d", "Cal. Rptr."."""
_STATE_NAMES = {
    "Ala": "Alabama", "Ariz": "Arizona", "Ark": "Arkansas", "Cal": "California",
    "Colo": "Colorado", "Conn": "Connecticut", "Del": "Delaware", "Fla": "Florida",
    "Ga": "Georgia", "Ill": "Illinois", "Ind": "Indiana", "Kan": "Kansas", "Ky": "Kentucky",
    "La": "Louisiana", "Mass": "Massachusetts", "Md": "Maryland", "Mich": "Michigan",
    "Minn": "Minnesota", "Miss": "Mississippi", "Mo": "Missouri", "Mont": "Montana",
    "Neb": "Nebraska", "Nev": "Nevada", "Okla": "Oklahoma", "Or": "Oregon", "Ore": "Oregon",
    "Pa": "Pennsylvania", "Tenn": "Tennessee", "Tex": "Texas", "Va": "Virginia",
    "Vt": "Vermont", "Wash": "Washington", "Wis": "Wisconsin", "Wyo": "Wyoming"}  # fmt: skip
LEGAL_STATES = frozenset(_STATE_NAMES)
"""A state's abbreviation as legal citations write it (the Bluebook's): "Cal.", "Tex."."""
_CODE_WORDS = {
    "Civ": "Civil", "Gov": "Government", "Govt": "Government", "Bus": "Business",
    "Prof": "Professions", "Lab": "Labor", "Fam": "Family", "Veh": "Vehicle",
    "Evid": "Evidence", "Prob": "Probate", "Educ": "Education", "Ins": "Insurance",
    "Pen": "Penal", "Fin": "Financial", "Corp": "Corporations", "Welf": "Welfare",
    "Inst": "Institutions", "Gen": "General", "Comp": "Compiled", "Admin": "Administrative",
    "Crim": "Criminal", "Pub": "Public", "Res": "Resources", "Util": "Utilities",
    "Saf": "Safety", "Rev": "Revised", "Tax": "Taxation", "Elec": "Elections",
    "Agric": "Agricultural", "Transp": "Transportation", "Unemp": "Unemployment"}  # fmt: skip
"""The abbreviated words of a code's name in a citation: "Cal. Gov. Code", "Bus. & Prof."."""
LEGAL_CODE_WORDS = frozenset([*_CODE_WORDS, "Stat", "Proc", "Ann", "App", "Rptr", "Supp"])
"""Words of a citation after a state's abbreviation, whose period ends nothing before the
citation's next word, "&", "§" or a number: "Cal. Lab. Code", "Cal. App. 4th", "Fla. Stat.
Ann. § 83.49" (the segmenter asks)."""
CODE_AFTER_STATE = re.compile(
    r"(?:Civ|Gov|Bus|Lab|Fam|Veh|Evid|Prob|Educ|Rptr|App|Const|Stat|Ins|Pub|Rev|Gen|Comp|"
    r"Admin|Crim|Ct|Sup|Ann)\.|(?:Code|Penal|Health|Laws|Rules)\b")  # fmt: skip
"""After ``LEGAL_STATES``, the name of a code, reporter or court, which goes on with the
state's: "Cal. Civ. Code § 1950.5", "Tex. Penal Code", "Mass. Gen. Laws", "Cal. App. 4th"."""

NON_FINAL_BEFORE_NUMBER = frozenset(
    {"Jr", "Sr", "Inc", "Ltd", "Co", "Corp", "Dept", "Ave", "Blvd", "Rd", "Hwy", "Rte", "Rt", "Fwy",
     "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", "est", "Est"})  # fmt: skip
"""Words (as written, without the final period) whose period does not end a sentence before
a number: "Take Hwy. 101", "Mon.-Fri. 9-5", "Acme Inc. 401(k) plan", "(est. 1837)" (the
normaliser reads them so too: no stop before a digit)."""
STREET_TYPES = frozenset({"Ave", "Blvd", "Rd", "Ln", "Ct", "Pl", "Pkwy", "Hwy", "Cir", "Ter",
                          "Sq", "Fwy", "Expy", "Trl"})  # fmt: skip
"""A street's type whose period does not end a sentence before the rest of the address
(``ADDRESS_GOES_ON``): "456 Oak Ave. Suite 200" (St. and Dr. never end one)."""
ADDRESS_GOES_ON = re.compile(r"(?:Apt|Apartment|Suite|Ste|Unit|Fl|Floor|Bldg|Building|Rm|Room|"
                             r"Box|Dept)\b|#")  # fmt: skip
"""The rest of an address after its street: a unit, a suite, a floor."""

COMPANY_SUFFIXES = frozenset({"Inc", "Corp", "Co", "Ltd"})
COMPANY_GOES_ON = re.compile(r"(?:HQ|CEO|CFO|COO|CTO|CIO|CMO|SVP|EVP|VP|President|Chairman|"
                             r"Chairwoman|Chair|Founder|Co-founder|Headquarters|Board|"
                             r"Spokesperson|Spokesman|Spokeswoman)(?![\w-])")  # fmt: skip
"""After a company's suffix, a word that goes on with the company's name, not a new sentence:
"Acme Corp. HQ is in Austin", "Globex Inc. CEO Jane Doe resigned" (was cut, and read with a
stop, after "Corporation.")."""

_MONTHS_SHORT = "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()  # "Oct. 30" goes on
NON_FINAL_ABBREVIATIONS = frozenset(
    {t.lower() for t in [*_TITLES, *_BEFORE_NUMBER, *_MONTHS_SHORT, "dr", "st", "vs", "e.g",
                         "i.e", "approx", "cf", "ca", "viz", "ext", "incl", "excl"]}  # fmt: skip
)
"""Words (lowercase, without the final period) whose period does not end a sentence."""


def _named_place_before(preceding: str) -> bool:
    """A capitalised word that is not the first of its sentence precedes ("Oak Dr.", "Main
    St."), with no mark between; a sentence's first word ("Visit St. Louis", "Ask Dr. Lee")
    says nothing."""
    words = preceding.split()
    if not words or not words[-1][:1].isupper() or not words[-1][-1].isalnum():
        return False  # not capitalised, or a comma or other mark ends it ("The CEO, Dr. Lee")
    if len(words) == 1:
        return False  # the first word of the text
    return not words[-2].endswith((".", "!", "?", ":"))


def _title_or_place(m: re.Match[str]) -> str:
    """Dr. is Doctor and St. is Saint before a name or at a sentence's start ("Dr. who"),
    unless a capitalised word (not the first of its sentence) precedes them ("Oak Dr. Then
    ...", "Main St. He ..."): then, as before a lowercase word, Drive and Street."""
    before_name = m.group(2) is not None
    preceding = m.string[max(0, m.start() - 60) : m.start()]
    starts_sentence = preceding.strip() == "" or preceding.rstrip().endswith((".", "!", "?"))
    title = (before_name or starts_sentence) and not _named_place_before(preceding)
    if title:
        return ("Doctor" if m.group(1) == "Dr" else "Saint") + " "
    place = "Drive" if m.group(1) == "Dr" else "Street"
    return place + (". " if m.group(2) else keeps_period(m))  # before a capital: sentence end


_STREET_TYPES = {"St": "Street", "Ave": "Avenue", "Av": "Avenue", "Rd": "Road",
                 "Blvd": "Boulevard", "Ln": "Lane", "Dr": "Drive", "Ct": "Court", "Pl": "Place",
                 "Hwy": "Highway", "Cir": "Circle", "Ter": "Terrace",
                 "Sq": "Square", "Fwy": "Freeway", "Expy": "Expressway", "Trl": "Trail",
                 "Pkwy": "Parkway"}  # fmt: skip
_DIRECTIONS = {"N": "North", "S": "South", "E": "East", "W": "West", "NE": "Northeast",
               "NW": "Northwest", "SE": "Southeast", "SW": "Southwest"}  # fmt: skip
_WIND_POINTS = {d: w.lower() for d, w in _DIRECTIONS.items()} | {
    f"{a}{b}": f"{_DIRECTIONS[a].lower()}-{_DIRECTIONS[b].lower()}"
    for a, b in (("N", "NE"), ("E", "NE"), ("E", "SE"), ("S", "SE"), ("S", "SW"), ("W", "SW"),
                 ("W", "NW"), ("N", "NW"))}  # fmt: skip
"""A wind's or a storm's direction, to sixteen points: ``NNE`` north-northeast."""
_ADDRESS_GOES_ON = re.compile(rf"\s+(?:{ADDRESS_GOES_ON.pattern}|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?,"
                              r"\s[A-Z]{2}\b)")  # fmt: skip
"""What goes on with an address after its street: "Apt. 4B", "Suite 200", "Springfield, IL"
(not a new sentence, though it starts with a capital)."""


def _street(m: re.Match[str]) -> str:
    """``123 Main St`` -> "123 Main Street", ``1600 Pennsylvania Ave NW`` -> "... Avenue
    Northwest"; a period is kept where it ends the sentence, not before the rest of the
    address ("10 Oak Dr. Apt. 4", "5 Main St. Springfield, IL")."""
    words = f"{m[1]} {_STREET_TYPES[m[2]]}" + (f" {_DIRECTIONS[m[4]]}" if m[4] else "")
    if _ADDRESS_GOES_ON.match(m.string, m.end()):
        return words
    return words + keeps_period(m)


_SPACE_AHEAD = re.compile(r"\s+")


def _abbreviation(table: dict[str, str]) -> Callable[[re.Match[str]], str]:
    """The word for the abbreviation; its period is kept where it ends the sentence, and for
    one that never ends a sentence before a capital ("Apple vs. Samsung"), only at the end;
    nor for a company's before a word that goes on with its name ("Acme Corp. HQ")."""

    def read(m: re.Match[str]) -> str:
        space = _SPACE_AHEAD.match(m.string, m.end())
        if (m.group(1) in COMPANY_SUFFIXES and space
                and COMPANY_GOES_ON.match(m.string, space.end())):  # fmt: skip
            return table[m.group(1)]
        return table[m.group(1)] + keeps_period(
            m, m.group(1).lower() not in NON_FINAL_ABBREVIATIONS)

    return read


_INCLUDED_THING_AHEAD = re.compile(r"\s+(?:[a-z\d$€£¥₹(]|[A-Z]{2,}\b)")
"""What "incl." names when it is "including": a word, a number, an amount, a tax (VAT, GST)."""


def _including(m: re.Match[str]) -> str:
    """``incl. VAT`` -> "including VAT", ``excl. tax`` -> "excluding tax"; at the end of a
    clause, "utilities incl." -> "utilities included"."""
    word = "includ" if m[1].lower() == "incl" else "exclud"
    word = word.capitalize() if m[1][0].isupper() else word
    if _INCLUDED_THING_AHEAD.match(m.string, m.end()):
        return word + "ing"
    return word + "ed" + keeps_period(m)


_MOVED = (r"up|down|rose|rise[ns]?|rising|fell|falls?|falling|fallen|dropped|drops?|gain(?:ed|s)?|"
          r"lost|los(?:es|ing)|increased?|decreased?|climb(?:ed|s)?|declined?|jump(?:ed|s)?|"
          r"slip(?:ped|s)?")
_MOVED_BEFORE = re.compile(rf"\b(?:{_MOVED})\s*$", re.I)
_MOVED_BY_BEFORE = re.compile(rf"\b(?:{_MOVED}|widen(?:ed|s)?|narrow(?:ed|s)?)(?:\s+by)?\s*$", re.I)
"""A word that says which way a change went, "by" after it or not: "rose +2 pp", "fell by -4%"."""


_MOVED_RANGE_BEFORE = re.compile(rf"\b(?:{_MOVED})(?:\s+by)?\s+[+\-\u2212]?[$€£¥₹]?\d[\d,]*"
                                 r"(?:\.\d+)?%?\s?(?:to|[-–])\s?$", re.I)  # fmt: skip
"""A range's first end after a word that says which way: the second sign of ``down -2 to
-3%`` is not read either."""


def sign_after_change(m: re.Match[str]) -> str:
    """``up +3.2%``, ``fell -4%``, ``down -2 to -3%`` -> "up 3.2%", "fell 4%", "down 2 to 3%":
    after a word that says which way, a change's sign is not read (was "up plus ...", "fell
    minus ...")."""
    before = max(0, m.start() - 40)
    return ("" if _MOVED_BY_BEFORE.search(m.string, max(0, m.start() - 20), m.start())
            or _MOVED_RANGE_BEFORE.search(m.string, before, m.start()) else m[0])


_AMOUNT_RANGE_BEFORE = re.compile(r"[$€£¥₹]\d[\d,.]*\s?(?:[-–]|to)\s?[$€£¥₹]?$")
"""The first end of a range of money: ``€25–35 pp`` is per person too."""


_DRIFT_BEFORE = re.compile(r"\b(?:drift(?:s|ed|ing)?|deviat(?:es?|ed|ing)|exceed(?:s|ed|ing)?|"
                           r"strays?|strayed|moves?|moved|shifts?|shifted|swings?|swung|off|"
                           r"bands?|threshold|tolerance|overweight|underweight)"
                           r"(?:\s+(?:by|more than|less than|over|under|at least|at most|up to|"
                           r"about|around|roughly|nearly|beyond|of|than))*\s+$", re.I)  # fmt: skip
"""Words of a share that strays from its target before ``5 pp``: "drifts more than 5 pp" is
percentage points (a portfolio's allocation)."""


def percentage_points(m: re.Match[str]) -> str:
    """``-0.5 pp``, ``2.5pp``, ``by 1 pp`` -> "... percentage points", where a sign, a decimal,
    a word of change or a percentage in the text says so; after an amount, ``€45 pp``, per
    person; else pages, left (``a 300 pp book``)."""
    if (m.string[m.start() - 1 : m.start()] in tuple("$€£¥₹")  # €45 pp: per person
            or _AMOUNT_RANGE_BEFORE.search(m.string, max(0, m.start() - 24), m.start())):
        return f"{m['num']} per person"
    if not (m["sign"] or "." in m["num"] or "%" in m.string or "percent" in m.string
            or _MOVED_BY_BEFORE.search(m.string, max(0, m.start() - 20), m.start())
            or _DRIFT_BEFORE.search(m.string, max(0, m.start() - 40), m.start())):
        return m[0]
    return f"{m['sign'] or ''}{m['num']} percentage point{'' if m['num'] == '1' else 's'}"


def arrow_up_or_down(m: re.Match[str]) -> str:
    """``↑18%`` -> "up 18%", ``▼3.2%`` -> "down 3.2%"; not read after a word that says which
    way ("fell ↓3.2%") or before a sign that does (``↓-2.1%``)."""
    if (m.string[m.end()] in "+-−"
            or _MOVED_BEFORE.search(m.string, max(0, m.start() - 12), m.start())):
        return ""
    return "up " if m[0][0] in "↑▲" else "down "


_QUAKE_WORDS = re.compile(r"\b(?:earthquakes?|quakes?|tremors?|aftershocks?|seismic|epicent\w*|"
                          r"USGS|Richter|tsunami)\b", re.I)
"""Words of earthquakes, near ``M6.4``: its magnitude."""
_CRICKET_WORDS = re.compile(r"\b(?:cricket|overs|wickets?|innings|bowl(?:ed|er|ers|ing)|batt(?:ed|ing)|"
                            r"ODI|T20|IPL|Test match|run rate|all out|declared|centur(?:y|ies))\b")
"""Words of cricket, near ``287/6``: runs for wickets."""
_WIND_DIRECTION = re.compile(
    rf"(?<![\w'’-])({alternation(_WIND_POINTS)})( (?:at )?\d{{1,3}}(?: ?[-–] ?\d{{1,3}})? ?"
    r"(?:mph|km/h|kph|kmh|kts?|knots|m/s)\b|(?= (?:winds?|breezes?|gusts|swells?)\b))")
"""A direction before a speed: "Winds SW 10–15 mph", "moving NNE at 12 mph"; or before the
wind's word: "SW winds at 15 mph" (southwest winds; was "S W")."""

def _wind_point(m: re.Match[str]) -> str:
    """A direction in words, capitalised where it starts a sentence ("mph. NW breeze": the
    period before it stays a sentence's, not a unit's)."""
    words = _WIND_POINTS[m[1]]
    before = m.string[max(0, m.start() - 2) : m.start()]
    return words.capitalize() if m.start() == 0 or before[-1:] == "\n" or before in (". ", "! ", "? ") else words


_LEGAL_CODE = re.compile(
    rf"\b(?:(?P<state>{alternation(_STATE_NAMES)})\. )?"
    rf"(?P<name>(?:(?:(?:{alternation(_CODE_WORDS)})\.|[A-Z][a-z]+) (?:& )?){{0,4}})"
    r"(?P<head>Code|Laws|Stat\.)(?P<proc> (?:Civ|Crim)\. Proc\.)?(?P<ann> Ann\.)?(?![\w-])")
"""A state's code, laws or statutes, with a name of abbreviated words: "Cal. Gov. Code", "Code
Civ. Proc.", "Mass. Gen. Laws", "Fla. Stat. Ann."."""


_PLACES = {"Phila": "Philadelphia", "Calif": "California"}
"""Places abbreviated by newspapers (the AP's) that are no word or name: "Phila. (as of
2020)", "San Diego, Calif."."""
_STATES_AFTER_CITY = {name: full for name, full in _STATE_NAMES.items()
                      if name not in ("Del", "Ill", "Miss", "Mo", "Or")}
"""A state's abbreviation after a city and a comma: "Philadelphia, Pa." (not the names and
words "Del", "Mo", "Miss", "Ill", "Or": "Thanks, Mo.")."""
PLACE_ABBREVIATIONS = frozenset([*_PLACES, *_STATES_AFTER_CITY])
"""Abbreviated places whose period goes on before a lowercase word (the segmenter asks):
"Phila. (as of 2020) had", "Austin, Tex. is"."""
_PLACE = re.compile(
    rf"(?<![\w.])(?:(?P<place>{alternation(_PLACES)})|(?P<city>[A-Z][a-z]+(?: [A-Z][a-z]+)?, )"
    rf"(?P<state>{alternation(_STATES_AFTER_CITY)}))\.(?![\w.])")
"""``Phila.``, ``Calif.`` anywhere; a state's abbreviation after a city, ``Austin, Tex.``."""


def _place(m: re.Match[str]) -> str:
    if m["place"]:
        return _PLACES[m["place"]] + keeps_period(m)
    return m["city"] + _STATES_AFTER_CITY[m["state"]] + keeps_period(m)


_REPORTER_SERIES = re.compile(
    r"(?<=\d )(?P<reporter>(?:[A-Z][a-z]{0,4}\.|[A-Z]\.)(?: ?(?:[A-Z][a-z]{0,4}\.|[A-Z]\.)){0,3}) ?"
    r"(?P<series>[23]d|[1-9]\d?(?:st|nd|rd|th))(?= \d)")
"""A case reporter and its series between a volume and a page: ``123 F.3d 456``, ``F. Supp.
2d``, ``Cal. App. 4th``, ``S.W.3d``."""


def _reporter_series(m: re.Match[str]) -> str:
    """The reporter's letters and its series' ordinal: "F third", "F Supp second", "S W third".
    Lawyers say "F third" or "F three d"; the ordinal is what ``3d`` abbreviates (the third
    series), and is how ``F.4th``, its successor, can only be read."""
    reporter = m["reporter"].replace(".", " ").replace("Rptr", "Reporter").split()
    series = m["series"]
    n = int(series.rstrip("dstnrh"))
    return " ".join([*reporter, ordinal(n)])


def _legal_code(m: re.Match[str]) -> str:
    """``_LEGAL_CODE`` in words: "California Government Code" (was "Cal. Governor Code"),
    "Code of Civil Procedure", "Florida Statutes"; as written where nothing is abbreviated
    ("Penal Code", "the Da Vinci Code")."""
    name = m["name"]
    if not (m["state"] or "." in name or m["proc"] or m["ann"]):
        return m[0]
    words = [_STATE_NAMES[m["state"]]] if m["state"] else []
    for word in name.split():
        stem = word.rstrip(".")
        if word == "&":
            words.append("and")
        elif stem == "Rev" and "& Tax" in name:
            words.append("Revenue")  # Rev. & Tax. Code: the Revenue and Taxation Code
        else:
            words.append(_CODE_WORDS[stem] if word.endswith(".") else word)
    words.append("Statutes" if m["head"] == "Stat." else m["head"])
    if m["proc"]:
        words.append(f"of {_CODE_WORDS[m['proc'].split('.')[0].strip()]} Procedure")
    return " ".join(words) + (" Annotated" if m["ann"] else "")


_STREET_WORDS = alternation([*_STREET_TYPES, *_STREET_TYPES.values(), "Way", "Parkway", "Pkwy"])
"""A street's type, short or written out (a direction before the street's name says West)."""
STREET_AFTER_DIRECTION = re.compile(rf"(?:\d{{1,3}}(?:st|nd|rd|th)|[A-Z][a-z]{{1,15}})"
                                    rf"(?:[ ][A-Z][a-z]{{1,15}}){{0,2}}[ ](?:{_STREET_WORDS})(?=[^A-Za-z])")
"""A street's name and type after a direction's letter and a house number, "500 W. Madison
St.": there the letter's period ends no sentence (the segmenter asks; W after a number is
otherwise watts, which may end one). Four words at most, and the character after them."""
_WEEKDAY = rf"\b({alternation(WEEKDAY_NAMES)})\b"
_WEEKDAY_STEMS = tuple(d[:3] for d in WEEKDAYS)
"""Likewise for the names of the weekdays ("Tues", "Thurs" too)."""
_WEEKDAY_DATE_AHEAD = (rf",?\s+(?:(?:{MONTH})\b|-?\d{{1,3}}(?:/-?\d{{1,3}})?°"
                       rf"|\d{{1,2}}\s?[-–]\s?(?:{alternation(_WEEKDAY_STEMS)})\b"
                       rf"|\d{{1,2}}(?:[/:.]\d|\s?[-–]\s?\d|\s?[ap]\.?m\b|h[0-5]\d|h\s?[-–]\s?\d"
                       rf"|st\b|nd\b|rd\b|th\b|\s(?:{MONTH})\b)|at\s\d{{1,2}}(?:[:.]\d|\s?[ap]\.?m\b))")  # fmt: skip
"""What makes a weekday's short name one: a month, a date or a time after it ("Mon, Dec 5",
"Tue 3/4", "Sat 9-5", "Sat 9h-12h", "Tue 3 Dec", "Sun. at 4:25", "Sun at 10am"), a temperature ("Fri 27°C") or
a range of days to another weekday ("Fri 14–Sun 16 June")."""


def _hex_colour(m: re.Match[str]) -> str:
    """A colour's code, character by character: ``#FF5733`` -> "hex F F five seven three
    three"; letters alone only in capitals or one letter repeated (``#FFF``, ``#fff``), and
    in three only with a digit or repeated (not a hashtag: ``#ACE``, ``#dad``); never after
    "order", "case" ... (``Order #A12345`` is an identifier)."""
    code = m[1]
    if _IDENTIFIER_BEFORE.search(m.string, max(0, m.start() - 40), m.start()):
        return m.group(0)  # "Order #A12345", "case #00123456": read by the identifier rule
    if not any(c.isdigit() for c in code) and not (
        len(set(code.lower())) == 1 or (code.isupper() and len(code) > 3)
    ):
        return m.group(0)
    return spaced("hex " + " ".join(ONES[int(c)] if c.isdigit() else c.upper() for c in code))


_NUMERONYMS = {"k8s": "Kubernetes", "K8s": "Kubernetes", "i18n": "internationalization",
               "I18N": "internationalization", "l10n": "localization", "L10N": "localization",
               "a11y": "accessibility", "A11y": "accessibility", "o11y": "observability",
               "g11n": "globalization", "e2e": "end to end", "E2E": "end to end",
               "p2p": "peer to peer", "P2P": "peer to peer"}  # fmt: skip
"""Words written as a count of their letters (``k8s`` was "k eight s"), as they are said."""
_KEY_NAMES = {"Ctrl": "Control", "CTRL": "Control", "Control": "Control", "Cmd": "Command",
              "CMD": "Command", "Command": "Command", "⌘": "Command", "Alt": "Alt", "ALT": "Alt",
              "Option": "Option", "Opt": "Option", "⌥": "Option", "Shift": "Shift",
              "SHIFT": "Shift", "⇧": "Shift", "⌃": "Control", "Win": "Windows", "Super": "Super",
              "Fn": "Fn", "Meta": "Meta"}  # fmt: skip
_LAST_KEYS = {"Del": "Delete", "Esc": "Escape", "PgUp": "Page Up", "PgDn": "Page Down",
              "Ins": "Insert", "Bksp": "Backspace", "/": "slash", ".": "period", ",": "comma",
              ";": "semicolon", "-": "minus", "=": "equals", "`": "backtick",
              "\\": "backslash"}  # fmt: skip
_KEY = alternation(_KEY_NAMES)
_SHORTCUT = re.compile(rf"(?<![\w+])(?P<mods>(?:{_KEY})(?: ?\+ ?(?:{_KEY}))*) ?\+ ?"
                       rf"(?P<key>F\d{{1,2}}\b|[A-Za-z0-9](?![\w+])|[A-Z][a-z]+\b|{alternation(_LAST_KEYS)})")


def _shortcut(m: re.Match[str]) -> str:
    """``Ctrl+Shift+P`` -> "Control plus Shift plus P", ``Ctrl+Alt+Del`` -> "Control plus Alt
    plus Delete": the keys' names said, as ``⌘ + K`` is "Command plus K" (was "Ctrl", "Del")."""
    mods = [_KEY_NAMES[key] for key in re.split(r" ?\+ ?", m["mods"])]
    key = m["key"]
    return " plus ".join([*mods, _LAST_KEYS.get(key, key.upper() if len(key) == 1 else key)])


def _star_rating(m: re.Match[str]) -> str:
    """``★★★★☆`` -> "four out of five stars", ``★★★`` -> "three stars"."""
    full, empty = len(m["full"]), len(m["empty"])
    if empty:
        return f" {cardinal(full)} out of {cardinal(full + empty)} stars "
    return f" {cardinal(full)} stars "


_SOLAR = {"M": ("solar mass", "solar masses"), "R": ("solar radius", "solar radii"),
          "L": ("solar luminosity", "solar luminosities")}
"""``M☉``, ``R☉``, ``L☉`` after a number: the Sun's mass, radius and luminosity as units."""

_RUNWAY = r"(?:0[1-9]|[12]\d|3[0-6])[LRC]?"


def _runway(name: str) -> str:
    """``28L`` -> "two eight left", as a tower says a runway's number and side."""
    side = {"L": " left", "R": " right", "C": " center"}.get(name[-1], "")
    return digits(name.rstrip("LRC")) + side


_PRODUCT_UNITS = {"kg": "kilogram", "g": "gram", "N": "newton"}
_PRODUCT_UNIT = re.compile(r"(?<![\w/.])(?P<a>kg|g|N)[ ⋅](?P<b>m)(?P<b2>²| squared)?"
                           r"(?:/(?P<c>s)(?P<c2>²| squared)?)?(?![\w/²])")
"""A product of units, its middle dot a space by now: ``kg·m/s``, ``kg·m²/s²``, ``kg·m²``."""
_ONE_BEFORE = re.compile(r"(?<![\d.,])1 $")


def _product_unit(m: re.Match[str]) -> str:
    """``kg·m/s`` -> "kilogram meters per second" (was "kg m slash s"), ``kg·m²/s²`` ->
    "kilogram meters squared per second squared"; singular after ``1``. Without a slash only
    with a power (``kg·m²``): "5 kg m" may be two things."""
    if not m["c"] and not m["b2"]:
        return m[0]
    one = _ONE_BEFORE.search(m.string, max(0, m.start() - 3), m.start()) is not None
    words = f"{_PRODUCT_UNITS[m['a']]} meter{'' if one else 's'}{' squared' if m['b2'] else ''}"
    if m["c"]:
        words += f" per second{' squared' if m['c2'] else ''}"
    return f"{words} "


_RUNWAY_WORDS = re.compile(r"\b(?:[Rr]unways?|RWY|Rwy)\b")
_RUNWAY_AFTER_ONE = re.compile(r"(?<![\w./-])(?:0[1-9]|[12]\d|3[0-6])[LRC](?![\w/-])")
"""A runway's number and side where a runway was named just before: "Runway 27L is closed;
use 27R" (was "twenty-seven R")."""


def _runway_after_one(m: re.Match[str]) -> str:
    """``27R`` -> "two seven right" where "runway" occurs up to 60 characters before."""
    return f" {_runway(m[0])} " if occurs_near(_RUNWAY_WORDS, m, 60, 0) else m[0]


_TIRE_SIZE = re.compile(r"(?<![\w/.])(?P<kind>P|LT)?(?P<w>[1-3]\d5)/(?P<a>[2-8][05])\s?"
                        r"(?P<r>Z?R)(?P<d>1[2-9]|2[0-4])(?![\w/.])"
                        r"(?: (?P<load>\d{2,3})(?P<speed>[A-Z])\b)?")
"""A tire's size: ``255/45R18`` width, aspect ratio, construction and rim; then its load index
and speed rating, ``94W``."""


def _tire_size(m: re.Match[str]) -> str:
    """``255/45R18`` -> "two fifty-five forty-five R eighteen", as a tire shop says it (was
    "two hundred fifty-five forty-five R eighteen"); ``P`` and ``LT`` letters before it, ``94W``
    "ninety-four W" after it."""
    kind = f"{' '.join(m['kind'])} " if m["kind"] else ""
    return spaced(f"{kind}{in_pairs(int(m['w']))} {cardinal(int(m['a']))} {' '.join(m['r'])} "
                  f"{cardinal(int(m['d']))}"
                  + (f" {cardinal(int(m['load']))} {m['speed']}" if m["load"] else ""))


_LETTER_GRADE_MINUS = re.compile(r"\b((?i:an?|got|gets|get|earned|received|scored|straight))"
                                 r" ([A-D])-(?![\w-])")
"""A letter grade's minus after "a", "got" ...: ``an A- in Calc`` (was "A-")."""
_FLIGHT_LEVEL = re.compile(r"\bFL ?([1-6]\d\d)\b")
_SQUAWK = re.compile(r"\b([Ss]quawk(?:s|ing|ed)?) ([0-7]{4})\b")


_STORM_WORDS = re.compile(r"\b(?:[Hh]urricanes?|[Tt]yphoons?|[Cc]yclones?|[Ss]torms?|"
                          r"Saffir-Simpson|landfall)\b")
_STORM_CATEGORY = re.compile(r"\bCat\.? (?=[1-5]\b)")


def _storm_category(m: re.Match[str]) -> str:
    """``Hurricane Cat 3`` -> "Hurricane Category 3" where a storm is named near (was "Cat")."""
    return "Category " if occurs_near(_STORM_WORDS, m, 60, 60) else m[0]


_STATION = re.compile(r"(?<=[A-Za-z] )Stn\b(?P<dot>\.)?")
"""A railway station's short name after its place: ``Tokyo Stn`` (was "Stn")."""


_SPACED_DASH_BETWEEN_WORDS = re.compile(r"(?<=[a-z)]) [-–] (?=[a-z(])(?!(?:a|an|the|see|then|"
                                        r"that|this|which|and|but|so|or|not|just|only|it|we|"
                                        r"you|they|he|she|is|was|note|usually|roughly|about)\b)")
"""A spaced dash between terms, not before an aside's word (``Total = 5 items - see below``)."""


def _words_minus(m: re.Match[str]) -> str:
    """In a clause after ``=``, a spaced dash between words is a minus: ``Profit = revenue -
    costs``, ``ROI = (gain - cost) / cost`` (were read as pauses: "revenue, costs")."""
    return _SPACED_DASH_BETWEEN_WORDS.sub(" minus ", m[0])


ABBREVIATIONS: list[Rule] = [
    # a blood test's name spelled: HbA1c, HbA1C (H b A one C; was "HbA one c"; "an" stays right)
    Rule(re.compile(r"\bHb ?A1[cC]\b"), "H b A one C", needs=("A0c", "A0C")),
    # an article of a constitution by its Roman numeral: Art. III (Article three; was "Art.")
    Rule(re.compile(r"\bArt\.(?= [IVX]{1,5}\b)"), "Article", needs=("Art.",)),
    # a game's final after overtime or a shootout, as a box score writes it: F/OT, F/2OT,
    # F/SO (were "F OT", "F two OT"): final in overtime ... (not F/10 or F/11, an aperture's
    # as often as a tenth inning's); overtimes counted, won in 2OT (was "two OT")
    Rule(re.compile(r"\bF/(?:(?P<ot>[2-4]?)OT|(?P<so>SO))\b"), _final_after,
         needs=("F/",)),
    # a baseball final in extra innings after a score: Red Sox 4 (F/10), Braves 2 F/12 (was
    # "F ten"); an aperture's F/10 has no score before it
    Rule(re.compile(r"(?:(?<=\d )|(?<=\d \()|(?<=\d, ))F/(1\d|2[0-5])\b(?![./]\d)"),
         _extra_innings, needs=("0 F/", "0 (F/", "0, F/")),
    # a shooting percentage: 3-pt%, 3P%, FG%, FT% (were "three pt percent", "FG percent"); a
    # three-pointer's kind, 3-pt range (was "three pt")
    Rule(re.compile(r"(?<![\w.-])(?:(?P<n>[23])-?(?:pt|PT|P)|(?P<k>FG|FT|eFG|TS))%(?!\w)"),
         lambda m: (f"{m['n']}-point" if m["n"] else _SHOOTING[m["k"]]) + " percentage",
         needs=("%",)),
    Rule(re.compile(r"(?<![\w.-])([23])(?:-pt|-PT|PT)\b(?!\.\w)"), r"\1-point",
         needs=("0PT", "0-pt", "0-PT")),  # 2pt alone may be two pints
    Rule(re.compile(r"(?<![\w/])([2-4])OT\b"),
         lambda m: {"2": "double", "3": "triple", "4": "quadruple"}[m[1]] + " overtime",
         needs=("OT",)),
    # a spaced slash between words, a list's: 25' front / 5' sides, red / blue, Tips / Tricks
    # (was dropped, the items run together): a pause
    Rule(re.compile(r"(?:(?<=[A-Za-z]{3})|(?<=\d [AaPp][Mm])|(?<=\d[AaPp][Mm])"
                    r"|(?<=\d [AaPp]\.[Mm]\.)|(?<=\d[AaPp]\.[Mm]\.)) / "
                    r"(?=[A-Za-z]{2}|\d)"), _list_slash, needs=(" / ",)),
    # a flight's departure and arrival before a time: dep. 7:30 PM, arr. 7:35 AM (were "dep.")
    Rule(re.compile(r"\b([Dd])ep\.(?= \d)|\b([Aa])rr\.(?= \d)"),
         lambda m: f"{m[1]}eparts" if m[1] else f"{m[2]}rrives", needs=("ep.", "rr.")),
    # a standard deviation: std dev, std. dev. (was "std dev")
    Rule(re.compile(r"\b([Ss])td\.? ?dev\b\.?"), r"\1tandard deviation", needs=("td",)),
    # "avg" without its period, as a table or a list writes it: 9:09/mi avg (was "avg")
    Rule(re.compile(r"\b([Aa])vg\b(?!\.)"), r"\1verage", needs=("avg", "Avg")),
    # a kettlebell before its lift: 15 KB swings, KB goblet squats (was "fifteen kilobyte
    # swings")
    Rule(re.compile(r"\bKBs?(?= (?:swings?|snatch(?:es)?|cleans?|goblet|press(?:es)?|deadlifts?|"
                    r"rows?|windmills?|(?:Turkish )?get-ups?|halos?|complex(?:es)?"
                    r"|carr(?:y|ies))\b)"),
         lambda m: "kettlebells" if m[0].endswith("s") else "kettlebell", needs=("KB",)),
    # words written as a count of their letters: k8s, i18n, a11y (were "k eight s" ...)
    Rule(re.compile(rf"(?<![\w.-])({alternation(_NUMERONYMS)})(?!\w)"), lambda m: _NUMERONYMS[m[1]],
         needs=tuple({re.sub(r"\d", "0", word) for word in _NUMERONYMS})),
    # Windows by its short name joined to its version: Win11, win10, WinXP (were "Win eleven")
    Rule(re.compile(r"(?<![\w.-])[Ww]in(7|8\.1|8|10|11|XP)(?!\w|[.-]\d)"), r"Windows \1",
         needs=("Win0", "win0", "WinXP", "winXP")),
    # keys held together: Ctrl+C, Ctrl+Alt+Del, Cmd+K (Control plus C ...; was "Ctrl", "Del")
    Rule(_SHORTCUT, _shortcut, needs=("+",)),
    Rule(re.compile(r"\b(?:Ctrl|CTRL)\b"), "Control", needs=("Ctrl", "CTRL")),  # the Ctrl key
    # a number's sign before a colon after a label: Model #:, Item #: (was "Model hash:")
    Rule(re.compile(r"(?<=[A-Za-z]) #(?=:)"), " number", needs=(" #:",)),
    # a rating in stars: 4.5★, a 5★ hotel, ★★★★☆ (the stars were dropped)
    Rule(re.compile(r"(?<![\w.])(\d(?:\.\d{1,2})?) ?[★⭐](?![★⭐☆])"),
         lambda m: f"{m[1]} star{'' if m[1] == '1' or after_article(m) else 's'}",
         needs=("★", "⭐")),
    Rule(re.compile(r"(?<![★⭐☆\d])(?P<full>[★⭐]{2,10}|[★⭐](?=☆))(?P<empty>☆{0,10})(?![★⭐☆])"),
         _star_rating, needs=("★", "⭐")),
    # Roman numerals where they are numbers: "Chapter IV", "World War II" (four, two), and
    # after a monarch's or pope's name: "Henry VIII", "Pope John XXIII" (the eighth, ...)
    Rule(re.compile(rf"\b(?P<cue>{alternation(ROMAN_CUES)})\.?\s(?P<num>{ROMAN})\b(?![\w'’-])"),
         roman_after_cue, needs=tuple(ROMAN_CUES)),  # fmt: skip
    Rule(re.compile(rf"\b(?P<name>{alternation(REGNAL_NAMES)})\s(?P<num>{ROMAN})\b(?![\w'’-])"),
         regnal, needs=tuple(REGNAL_NAMES)),  # fmt: skip
    # weekdays joined by slashes: Mon/Wed/Fri Monday, Wednesday, Friday (was "Mon slash Wed")
    Rule(re.compile(r"\b(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)(?:/(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri"
                    r"|Sat|Sun)){1,6}\b(?![/\w])"),
         lambda m: ", ".join(WEEKDAY_NAMES[d] for d in m[0].split("/")), needs=("/",)),
    Rule(re.compile(rf"{_WEEKDAY}\.?\s?[-–]\s?{_WEEKDAY}\.?"),
         lambda m: f"{WEEKDAY_NAMES[m[1]]} to {WEEKDAY_NAMES[m[2]]}" + keeps_period(m),
         needs=_WEEKDAY_STEMS),
    Rule(re.compile(r"(?<![\w-])M\s?[-–]\s?F(?![\w-])"), "Monday to Friday",  # 9-5 M-F (not million)
         needs=("-", "–")),
    Rule(re.compile(rf"{_WEEKDAY}(\.?(?:\s?&\s?|\s(?:and|or|through|thru|to)\s|,\s)){_WEEKDAY}(\.?)"),
         lambda m: WEEKDAY_NAMES[m[1]] + m[2].replace(".", "") + WEEKDAY_NAMES[m[3]]
         + keeps_period(m),  # Sat & Sun, Sat and Sun: weekdays
         needs=_WEEKDAY_STEMS),  # fmt: skip
    # a weekday's or month's short name in a date: "Mon, Dec 5", "Sat.", "Jan. 2024" (not
    # "Sun.", the star), and month ranges: "Jan-Mar 2025" -> January to March
    Rule(re.compile(rf"\b({alternation(k for k in WEEKDAY_NAMES if len(k) < 6)})"
                    rf"(?:(?<!Sun)\.(?=[\s,]|$)|\.?(?={_WEEKDAY_DATE_AHEAD}))"),
         lambda m: WEEKDAY_NAMES[m[1]] + keeps_period(m), needs=_WEEKDAY_STEMS),  # fmt: skip
    # and after a word that names a day: "on Mon", "by Fri", "(closed Mon)", "every Tue" (not
    # "Sun", the star)
    Rule(re.compile(r"(?<![\w-])((?i:on|by|until|till|closed|every|next|this|last|from|except|"
                    r"before|after|through|thru)\s)(Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat)\b"
                    r"(?![\w'’-]|\.\w)"),
         lambda m: m[1] + WEEKDAY_NAMES[m[2]], needs=_WEEKDAY_STEMS),
    # and before a part of the day: "landfall near Tampa Wed night", "Fri morning" (was "Wed")
    Rule(re.compile(r"(?<![\w-])(Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat)(?= (?:night|morning|evening|"
                    r"afternoon|overnight)\b)"),
         lambda m: WEEKDAY_NAMES[m[1]], needs=_WEEKDAY_STEMS),
    # a range of months, the second's part of the month too: "Mar.–early Apr. in" (was
    # "March-early April. in")
    Rule(re.compile(rf"\b({MONTH})\.?\s?[-–]\s?((?i:early|mid|late)[- ]?)?({MONTH})"
                    r"(?:\b\.(?=\s+\d{4}\b|\s+[a-z]|,)|\b)"),
         lambda m: f"{MONTH_ABBR.get(m[1], m[1])} to {m[2] or ''}{MONTH_ABBR.get(m[3], m[3])}",
         needs=MONTH_STEMS),
    Rule(re.compile(rf"\b({alternation(MONTH_ABBR)})\.?(?=\s+(?:\d{{4}}\b|['’]\d\d(?![\w'’])))"),
         lambda m: MONTH_ABBR[m[1]], needs=MONTH_STEMS),  # fmt: skip  # Sept. 2023, Jan '25
    # alone after a word that names a time: "in Dec.", "since Sept", "by Nov." (Jan and Mar, also
    # a name and a verb, only with their period)
    Rule(re.compile(r"(?<![\w-])((?i:in|since|until|till|through|thru|by|from|during|before|after"
                    r"|early|late|last|next|this|of)\s|(?i:mid)-\s?)"
                    r"(?:(Feb|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?|(Jan|Mar)\.)(?![\w'’-]|\.\w)"),
         lambda m: m[1] + MONTH_ABBR[m[2] or m[3]] + keeps_period(m), needs=MONTH_STEMS),
    # a direction between a house number and the street's name: 42 W. 57th St., 350 W 42nd
    # Street (West; was "watts")
    Rule(re.compile(rf"(?<![\w.])(\d{{1,6}}[A-Z]?\s)({alternation(_DIRECTIONS)})\.?(?=\s(?:\d{{1,3}}"
                    rf"(?:st|nd|rd|th)|[A-Z][a-z]+)(?:\s[A-Z][a-z]+){{0,2}}\s(?:{_STREET_WORDS})\b)"),
         lambda m: m[1] + _DIRECTIONS[m[2]], needs=("N", "S", "E", "W")),  # fmt: skip
    # a street's type after a house number and the street's name, and its direction: 123 Main
    # St, 1600 Pennsylvania Ave NW, 5th Ave., 10 Oak Dr. Apt. 4 (Street, Avenue Northwest ...)
    # a federal circuit after its number: the 9th Cir. (a street's Cir. is a Circle)
    Rule(re.compile(r"(?<![\w.])(\d{1,2}(?:st|nd|rd|th)|D\.C\.|Fed\.) Cir\.(?=[\s,);]|$)"),
         r"\1 Circuit", needs=(" Cir.",)),
    # PCIe lanes: PCIe 5.0 x16 ("by sixteen", not "times sixteen")
    Rule(re.compile(r"\b(PCIe(?: \d(?:\.\d)?)?) x(1|2|4|8|16|32)\b"), r"\1 by \2",
         needs=("PCIe",)),
    # a business's founding year: Est. 1998 (Established; "Est. 2025 revenue" is estimated,
    # below)
    Rule(re.compile(r"\b([Ee])st\.(?= (?:1[5-9]|20)\d\d\b(?![.,]\d| [a-z]))"),
         lambda m: "Established" if m[1] == "E" else "established", needs=("Est.", "est.")),
    # estimates after a word that beats or misses them: "beat est. of $38.1B" (was "estimated")
    # (before an amount, estimates of it: "vs. est. $1.28" was "versus estimates one dollar")
    Rule(re.compile(r"\b(beat|beats|missed|misses|topped|tops|above|below|consensus|vs\.?) est\."
                    r"(?P<of> (?=[$€£¥₹]?\d))?"),
         lambda m: f"{m[1]} estimates{' of ' if m['of'] else ''}", needs=("est.",)),
    # a public law before its number: Pub. L. 117-169, P.L. 111-148 (Public Law)
    Rule(re.compile(r"\b(?:Pub\.|P\.) ?L\.(?= (?:No\. )?\d{2,3}-\d)"), "Public Law",
         needs=("Pub.", "P.")),
    # a.k.a. before a name (was read as written, letters and dots)
    Rule(re.compile(r"(?<![\w.])(?:a\.k\.a\.?|A\.K\.A\.?|aka|AKA)(?=,?\s+\S)"), "also known as",
         needs=("a.k.a", "A.K.A", "aka", "AKA")),
    # a case's name: Brown v. Board of Education, Roe v. Wade ("v." between two names)
    Rule(re.compile(r"(?<=[A-Za-z'’)]) v\. (?=[A-Z])"), " versus ", needs=(" v. ",)),
    Rule(re.compile(rf"(?<![\w.])(\d{{1,6}}[A-Z]?(?:\s(?:[A-Z][a-z]+|\d{{1,3}}(?:st|nd|rd|th))){{1,3}}"
                    rf"|\d{{1,3}}(?:st|nd|rd|th))\s({alternation(_STREET_TYPES)})\b(\.?)"
                    rf"(?:\s({alternation(_DIRECTIONS)})\b(\.?))?(?![\w'-])"),
         _street, needs=tuple(_STREET_TYPES)),  # fmt: skip
    # a reporter's series between a case's volume and page: 123 F.3d 456 (F third; was "F point
    # three d"), F. Supp. 2d, Cal. App. 4th, S.W.3d
    Rule(_REPORTER_SERIES, _reporter_series, needs=("0d 0", "0th 0", "0st 0", "0nd 0", "0rd 0")),
    # a wind's direction before its speed: Winds SW 10–15 mph (southwest; was "S W"), NNE at 12 mph
    Rule(_WIND_DIRECTION, lambda m: _wind_point(m) + (m[2] or ""),
         needs=("mph", "km/h", "kph", "kmh", "kt", "knots", "m/s", " wind", " breeze", " gusts", " swell")),
    # a direction after a distance, before "of": 35 km SW of the city (southwest; was "S W")
    Rule(re.compile(rf"(?<=\d)( ?(?:km|mi|miles?|kilometers?|kilometres?|m|ft|nmi|yards?)\.? )"
                    rf"({alternation(_WIND_POINTS)})(?= of\b)"),
         lambda m: m[1] + _WIND_POINTS[m[2]], needs=(" of",)),
    # an earthquake's magnitude: M6.4, M 7.0, an M7 quake (magnitude; was "M six point four")
    # where the text speaks of earthquakes (the M5 bus stays)
    Rule(re.compile(r"(?:\b(?P<an>[Aa])n )?(?<![\w.])M ?(?=\d\.\d(?!\w|\.\d)|\d(?:\.\d)? (?:earth)?quake)"),
         lambda m: (f"{m['an']} " if m["an"] else "") + "magnitude " if _QUAKE_WORDS.search(
             m.string, max(0, m.start() - 120), m.end() + 120) else m[0], needs=("M",)),
    # a college savings plan by its section of the tax code: a 529 plan (five twenty-nine, as
    # 401(k) is said in pairs; was "five hundred twenty-nine")
    Rule(re.compile(r"(?<![\w.,$])529(?= (?:college )?(?:plans?|accounts?|savings)\b)"), "five twenty-nine",
         needs=("000",)),
    # a cricket side's runs for its wickets where the text speaks of cricket: 287/6 (two hundred
    # eighty-seven for six; was "slash six")
    Rule(re.compile(r"(?<![\w.,/$€£])(?P<runs>[1-9]\d{1,2})/(?P<wickets>10|\d)(?![\w/]|[.,]\d)"),
         lambda m: f"{m['runs']} for {m['wickets']}" if _CRICKET_WORDS.search(
             m.string, max(0, m.start() - 120), m.end() + 120) else m[0], needs=("0/0",)),
    # a quantity's abbreviation before its number: Qty: 30 (was "Qty")
    Rule(re.compile(r"(?<![\w.])(Qty|QTY|qty)\.?(?=:?\s*\d)"),
         lambda m: "quantity" if m[1] == "qty" else "Quantity", needs=("Qty", "QTY", "qty")),
    # a state's code: Cal. Gov. Code (was "Cal. Governor Code"), Code Civ. Proc.
    Rule(_LEGAL_CODE, _legal_code, needs=("Code", "Laws", "Stat.")),
    Rule(re.compile(rf"\b({alternation(_TITLES)})\.(?=\s)"), lambda m: _TITLES[m.group(1)],
         needs=tuple(f"{title}." for title in _TITLES)),
    Rule(re.compile(r"\b(Dr|St)\.(\s+(?=[A-Z]))?"), _title_or_place, needs=("Dr.", "St.")),
    Rule(re.compile(r"\b(No|no)\.(?=\s*#?[A-Z]{1,4}-?\d)"), "number",  # Model No. XR-500
         needs=("No.", "no.")),
    # Fed. R. Civ. P. 4 -> Federal Rule of Civil Procedure four (was "Fed. R. Civ. P.")
    Rule(re.compile(rf"\bFed\. ?{FEDERAL_RULES.pattern}"),
         lambda m: f"Federal Rule of {_FEDERAL_RULES[m['body'].split('.')[0]]}", needs=("Fed.",)),
    Rule(re.compile(rf"\b({alternation(_BEFORE_NUMBER | _CAPITALISED_BEFORE_NUMBER)})\.(?:(?=\s*\d)|(?<=[Tt]el\.)(?=\s*[+(]\d))"),
         lambda m: (_BEFORE_NUMBER | _CAPITALISED_BEFORE_NUMBER)[m.group(1)],
         needs=tuple(f"{word}." for word in _BEFORE_NUMBER | _CAPITALISED_BEFORE_NUMBER)),  # fmt: skip
    Rule(re.compile(r"\bFt\.(?=\s+[A-Z])"), "Fort", needs=("Ft.",)),  # Ft. Worth (6 ft. is feet)
    Rule(re.compile(r"\b(Hwy|Rte|Rt|Fwy)\.?(?=\s?\d)"),  # Hwy 101, Rte. 66
         lambda m: {"Hwy": "Highway", "Fwy": "Freeway"}.get(m[1], "Route"),
         needs=("Hwy", "Rt", "Fwy")),
    Rule(re.compile(r"(?<![\w.-])hwy(?![\w-])"), "highway", needs=("hwy",)),  # 35 mpg hwy (was "hwy")
    # a runway, digit by digit and its side: Runway 28L -> runway two eight left (was "twenty-eight
    # liters"), RWY 09R, runways 28L/28R
    Rule(re.compile(rf"\b(?P<word>[Rr]unways?|RWY|Rwy) (?P<first>{_RUNWAY})(?:/(?P<second>{_RUNWAY}))?\b"),
         lambda m: f"{m['word'] if m['word'][1] == 'u' else 'runway'} {_runway(m['first'])}"
                   + (f" and {_runway(m['second'])}" if m["second"] else ""),
         needs=("unway", "RWY", "Rwy")),
    # a note's flat or sharp: E♭, F♯, B♭7 (the signs were dropped: "E", "F")
    Rule(re.compile(r"(?<![A-Za-z])([A-G])([♭♯])"),
         lambda m: f"{m[1]} {'flat' if m[2] == '♭' else 'sharp'}", needs=("♭", "♯")),
    # the Sun's mass, radius and luminosity as astronomers write them: 16.5 M☉ (was "million")
    Rule(re.compile(r"(?P<one>(?<![\w.,])1 ?)?\b(?P<of>[MRL])_?[☉⊙]"),
         lambda m: (m["one"] or "") + _SOLAR[m["of"]][0 if m["one"] else 1], needs=("☉", "⊙")),
    Rule(re.compile(r"\bWW(II|I|2|1)\b"),
         lambda m: "World War " + ("two" if m[1] in ("II", "2") else "one"), needs=("WW",)),
    Rule(re.compile(r"\bTL;\s?DR\b", re.I), "T L D R", needs=("tl;",)),
    Rule(re.compile(r"(?<![\w.])O\(([\w^*+!/ .-]{1,24})\)"), r"big O of \1",  # O(n log n), O(1)
         needs=("O(",)),
    Rule(re.compile(r"\b([Aa])n (?=big O of )"), r"\1 ", needs=("big O of",)),  # an O(n²): a big O
    # the number sign of French, Spanish, Italian ...: N°7, nº 5 (was "N degrees seven")
    Rule(re.compile(r"(?<![\w.])([Nn])[°º] ?(?=\d)"), lambda m: "Number " if m[1] == "N" else "number ",
         needs=("N°", "n°", "Nº", "nº")),
    # joined to a name before it and a number after it, a tilde is git's: HEAD~3 (was "HEAD
    # about three"; a spaced one is "about", ~5 min, and one between numbers a range, 10~20)
    Rule(re.compile(r"(?<=[A-Za-z]{2})~(?=\d)"), " tilde ", needs=("~0",)),
    # a range of clothing sizes: XS–XXL, S-3XL, sizes S–L (was "XS-XXL", a hyphenated word)
    Rule(re.compile(r"(?<![\w-])(?P<lo>\d?X{0,3}[SL]|M) ?[-–] ?(?P<hi>\d?X{0,3}[SL]|M)(?![\w-])"),
         lambda m: f"{m['lo']} to {m['hi']}" if m["lo"] != m["hi"] and (
             "X" in m[0] or re.search(r"\b[Ss]izes?:?\s$", m.string[max(0, m.start() - 8):m.start()]))
         else m[0], needs=("-", "–")),
    # between a determiner and its noun, approx. is an adjective: the approx. cost (was "the
    # approximately cost"; before a number it stays the adverb: an approx. 5% drop)
    Rule(re.compile(r"\b((?i:the|an?|this|that|our|your|its|their|his|her|my)\s)approx\.?(?=\s+[A-Za-z])"),
         r"\1approximate", needs=("approx",)),
    Rule(re.compile(rf"(?<![\w.])({alternation(_OTHER_ABBREVIATIONS)})\.(?![\w])"),
         _abbreviation(_OTHER_ABBREVIATIONS),
         needs=tuple(f"{word}." for word in _OTHER_ABBREVIATIONS)),  # fmt: skip
    Rule(_PLACE, _place, needs=("Phila.", "Calif.", ", ")),  # Phila., Austin, Tex.
    # a runway named again after "runway": Runway 27L is closed; use 27R (two seven right)
    Rule(_RUNWAY_AFTER_ONE, _runway_after_one, needs=("0L", "0R", "0C")),
    Rule(_TIRE_SIZE, _tire_size, needs=("/",)),  # 255/45R18, P225/60R16
    Rule(_STORM_CATEGORY, _storm_category, needs=("Cat",)),  # Hurricane Cat 3 (Category)
    # a resolution and its frame rate: 800p/40 FPS (eight hundred p at forty; the slash was lost)
    Rule(re.compile(r"(?<![\w.])(\d{3,4}p)/(?=\d{2,3} ?(?:FPS|fps|Hz)\b)"), r"\1 at ",
         needs=("0p/",)),
    Rule(_LETTER_GRADE_MINUS, r"\1 \2 minus", needs=("-",)),  # an A- in Calc BC
    # a flight level, digit by digit as a pilot says it: FL350 (flight level three five zero)
    Rule(_FLIGHT_LEVEL, lambda m: f"flight level {digits(m[1])}", needs=("FL",)),
    Rule(_SQUAWK, lambda m: f"{m[1]} {digits(m[2])}", needs=("quawk",)),  # squawk 7700
    Rule(re.compile(r"\bper sq\.? ?ft\b"), "per square foot", needs=("per sq",)),  # $284 per sq ft
    Rule(_STATION, lambda m: "Station" + (keeps_period(m) if m["dot"] else ""), needs=("Stn",)),
    Rule(_PRODUCT_UNIT, _product_unit, needs=(" m", "⋅m")),
    Rule(re.compile(r"(?<![\w.])([Ii]ncl|[Ee]xcl)\.(?!\w)"), _including,  # incl. VAT, utilities incl.
         needs=("incl.", "Incl.", "excl.", "Excl.")),
    Rule(re.compile(r"(\d)(?: ea|ea)\.?(?![\w.])"), lambda m: f"{m[1]} each" + keeps_period(m),
         needs=("0ea", "0 ea")),  # $4.99 ea.
    Rule(re.compile(r"(?<![\w.])ca\.(?=\s?[$€£¥₹]?\d)"), "circa",  # ca. 1850, ca. $300
         needs=("ca.",)),
    Rule(re.compile(r"(?<![\w.-])vs(?![\w.-])"), "versus", needs=("vs",)),  # PS5 vs Xbox
    Rule(re.compile(r"(?<![\w&#])#(?=[0-9A-Fa-f]*[A-Fa-f])((?:[0-9A-Fa-f]{3}){1,2}|[0-9A-Fa-f]{8})\b"),
         _hex_colour, needs=("#",)),  # #FF5733, #fff
    Rule(re.compile(r"(?<![\w.])((?:[A-Z]\.){2,})(?!\w)"),
         lambda m: " ".join(m.group(1).replace(".", "")) + keeps_period(m, False),
         needs=tuple(f"{letter}." for letter in string.ascii_uppercase)),  # fmt: skip
    # a spaced dash between words after an equation's sign (before numbers are words:
    # ``= 5 - 3`` is theirs): Net worth = assets - liabilities
    # (was "assets, liabilities", a pause)
    Rule(re.compile(r"(?<![=!<>])=(?![=>])[^\n=,;:.!?]{1,80}"), _words_minus, needs=("=",)),
]
_IDENTIFIER_BEFORE = re.compile(rf"\b(?:{IDENTIFIER_WORDS})(?:\s?(?:number|no\.|is|was|:))*\s?$",
                                re.I)  # fmt: skip
