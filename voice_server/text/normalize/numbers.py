"""Numbers that are not money, dates, units or codes: fractions, ranges, counts, arithmetic,
scientific notation, chances, positions, coordinates, prescriptions and Bible verses. (The
readers of phone numbers, versions and model numbers listed here live in ``codes``.)

What is covered
---------------
- **Numbers**: cardinals up to 10^36 (``1,234`` and ``1234``), decimals (``3.14`` -> three point one
  four), negatives (``-5``), leading zeros and longer numbers digit by digit, versions and IP
  addresses (``1.2.3`` -> one dot two dot three; a part of four digits in pairs, of five or
  more digit by digit, ``Chrome 122.0.6261.94`` -> ... dot sixty-two sixty-one dot ninety-four,
  ``build 22631.3155`` -> build two two six three one dot thirty-one fifty-five; a network's
  prefix, ``10.0.0.0/8`` -> ... slash eight; ``v2`` -> version two; after a product's name or
  "version" (or "is", a colon: ``Minimum Node is 18.18``; not before "times"), a minor number is
  a number: ``Python 3.11`` -> three point eleven, ``Ubuntu 22.04`` ->
  twenty-two oh four; a package's pin, ``torch==2.1.0`` -> torch version two dot one dot zero,
  ``react@18.2.0``, a bound, ``numpy>=1.24`` -> ... at least one point twenty-four; a
  bare one compared or listed with the version its sentence named, ``faster than 3.11``
  after ``Python 3.12`` -> ... three point eleven; a pre-release, ``1.0.0-rc.2`` -> ... R C two;
  a range of numbered sections or versions, ``sections 11.1-11.11`` -> ... eleven point one to
  eleven point eleven, ``3.9-3.12`` (backwards as decimals; ``1.0-1.05`` stays decimals); IEEE 802 standards, ``802.11ax`` -> eight oh two point eleven A X),
  years 1100-2099 (``1999`` -> nineteen ninety-nine, ``2005`` -> two thousand five; a count before
  a plural noun, "2024 units", unless "in", "since", "by", ``Q3`` ... precede it, or a
  possessive a year's not ending in 00, "your 2024 taxes"), earlier ones
  after "in", "since", "the year" ... or by an era (``in 1066`` -> in ten sixty-six, ``476 AD``),
  hexadecimal
  (``0x1F``, character by character), decades (``1990s``, ``'80s``, ``1980s-era``; teams,
  ``49ers``), a year's last two digits (``'99``, ``Q3'24``), ordinals (``1st``, ``22nd``),
  fractions (``3/4``, ``2 1/2``, ``1-1/2 cups`` -> one and one half cups; a chance, ``the
  probability is 1/36`` -> ... one in thirty-six, ``a 1/1000 chance``; splits, ``80/20`` ->
  eighty twenty; ``24/7/365`` -> twenty-four seven three sixty-five; an improper one next to
  ``=``, ``≈``, "pi is about", "multiply by", "divide it by" ..., ``22/7`` -> twenty-two over seven (not a date
  after "by" there: ``multiply by 9/5``, ``Divide it by 22/7``), else "slash": alone it may be
  a date written day first), ranges (``5-10`` -> five to ten, ``5%-10%``;
  as code writes them, ``0..n-1``, ``1...10`` -> one to ten;
  of ordinals, ``1st-2nd grade`` -> first to second grade; "between 9-10" ->
  between nine and ten; not a chain such as ``1-800-FLOWERS``, nor of three small numbers or
  more, ``the 3-2-1 rule``, ``a 4-3-3 formation`` -> four three three;
  vanity numbers, ``1-888-GO-DELTA`` -> one eight eight eight GO-DELTA; ``Q1-Q3``, ``FY23-FY25`` ->
  Q one to Q three; a season, ``2023/24`` -> twenty twenty-three to twenty-four), subtraction (the
  minus sign ``−``, or `` - `` in an equation: ``5 - 3 = 2``, ``2x - 1 = 3``, ``$100 - $35 = $65``;
  between amounts of one unit or currency where the second is less, ``5 kg - 2 kg``,
  ``$100 - $35``; after a variable:
  ``n-1``, ``x - y``; after a call or a power: ``len(arr) - 1``, ``2^31 - 1``), ``x`` and ``*``
  between numbers or variables (times; between lengths "by": ``12 ft x 15 ft``, ``a 9x13 inch pan``,
  a metric thread's size and pitch, ``M8 x 1.25`` -> M eight by one point two five; an inch
  thread's size, then its threads per inch, ``3/8"-16 UNC`` -> three eighths inch, sixteen UNC;
  ``12 x 8 x 4 in.`` -> twelve by eight by four inches; the size of a box, a rug, a print, a grid, a matrix ...,
  a ratio of parts, ``1 part bleach : 10 parts water`` -> ... bleach to ten parts water;
  ``a 10x12 box``, a baking pan's, ``a 9x13 pan`` -> a nine by thirteen pan; lumber, ``2x4s``
  -> two by fours), `` / `` between numbers (divided by; three or more before a word are
  choices, ``1 / 2 / 3 bedrooms`` -> one, two or three bedrooms, not in an equation's line),
  ``^`` (to the power of), scientific
  notation (``1e-5`` -> one times ten to the power of minus five), phone numbers (``555-123-4567``,
  ``+44 20 7946 0958``: digit by digit in their groups, the country code read;
  ``(555) 123-4567 x89``: extension eight nine; ten or eleven digits in one run after "call",
  "number" ...: ``18005550199``; national ones with a trunk 0, ``020 7946 0958``, ``07700 900123``,
  ``(02) 9876 5432``, ``0049 30 123456``, with an extension after a dash, ``+49 30 123456-0``;
  the trunk's ``(0)`` after a country code is not read; Australia's ``1300 655 506``;
  ``call 911`` -> nine one one, and where the text speaks of emergencies, ``emergency services
  are 112`` -> one one two, ``dial 999 or 112``, ``911 calls``; short codes, ``text STOP to 12345``, ``Text 741741``; star codes,
  ``dial *67`` -> star six seven; phone keys, ``press #``, ``press *``, ``the # key`` -> pound,
  star), model numbers
  in pairs (``RTX 4090`` -> RTX forty ninety, ``A320``, ``F-150``, ``Boeing 737``, ``Office 365``, ``Nikkei 225``, ``HTTP 404``,
  and an HTTP status before its reason or "error", ``a 404 error``, ``502 Bad Gateway``, after
  "HTTP", "status code", "returned a" and with others joined to it, ``HTTP 401/403``, ``a 401 or
  500 response`` -> a four oh one or five hundred response; without the article where the text
  speaks of the web, ``the API returns 401 or 403`` -> ... four oh one or four oh three, and
  before what it answers there, ``200 on success and 404 otherwise`` (a
  plural not of a round count, ``404 errors`` -> four oh four errors); a class of
  them, ``5xx`` -> five X X; a file's mode, ``chmod 755`` -> chmod seven five five (after "mode"
  or "permissions" where the text speaks of files, ``mode 600`` -> mode six zero zero); an
  identifier's five digits or more joined to its name, ``id_ed25519`` -> id ed two five five one
  nine; ``port 8080``, ``Room 101`` -> one oh one, ``Flight 370``, ``Suite 1204``; processors,
  ``i7-13700K`` -> i seven thirteen seven hundred K, ``Ryzen 9 7950X``;
  an airliner's variant, ``Boeing 737-800``, is no range; without the maker's name before a
  variant or MAX, ``737 MAX 8`` -> seven thirty-seven MAX eight, ``787-9``, ``777X``; a model's
  version joined to its name, then its size, ``Qwen2.5-72B`` -> Qwen two point five seventy-two B; roads, ``Hwy 101`` -> Highway one oh one, ``I-405``, ``Rte. 66``, ``Rt. 9W`` -> Route nine
  W), runways digit by digit with their side (``Runway 28L`` -> runway two eight left), a
  lithium cell's size (``2x 18650 cells`` -> two eighteen six fifty cells), blood pressure
  (``120/80 mmHg`` -> one hundred twenty over eighty ..., ``BP of 130/85``), ZIP codes after a city and state
  (``Austin, TX 78701``, digit by digit), UK postcodes (``SW1A 1AA`` -> S W one A, one A A),
  identifiers after "order", "code", "ID", "PIN", "tracking", "confirmation", "account", "claim",
  "policy", "SKU", "ZIP", "card ending in" ... (``order #123456789``, ``code is 583920``,
  ``ID: 7F3K-9Q2L``, ``Confirmation #: QX7-4412``, ``ticket # is 45821``, ``case no. 00458``,
  ``OTP 482 913``, ``ZIP 94105-1234``, ``Docket No. 22-1234``, and a code of capitals and digits after "number is",
  ``1EG4-TE5-MK73``, character by character, never a colour: ``Order #A12345``; a masked number,
  ``card ****1234``, ``xxx-xx-6789`` -> ending in one two three four; a promotion's code of
  words, ``code SAVE20`` -> code save twenty, ``FREESHIPPING25``); so are codes of capitals and
  digit groups, ``CS-2024-88123``, of capitals and five digits or more, ``KB5034441``, and of
  capitals and digits before a hyphen, ``AB12-34`` (not ``FY23-25``, a range); a CVE's year
  is a year: ``CVE-2024-3094`` -> C V E twenty twenty-four, three zero nine four), a
  standard's number, part and year (``ISO-8859-1`` -> ISO eighty-eight fifty-nine dash one,
  ``ISO 9001:2015`` -> ... ninety oh one, twenty fifteen; ``IEC 61131-3``, ``RFC-7231``),
  ``401(k)`` (four oh one k), ``a 529 plan`` (five twenty-nine), a rule's paragraphs (``Rule
  12(b)(6)`` -> twelve b six, ``501(c)(3)`` -> five oh one c three), ``Pub. L. 117-169`` (Public
  Law one seventeen, one sixty-nine), a federal case's number (``1:23-cv-04567`` -> one,
  twenty-three, C V, zero four five six seven), ``H.R. 3684`` in pairs, ``§§ 78a–78qq`` (... a
  to ... q q; ``§§ 2000e–2000e-17`` ... dash seventeen), one section's hyphen (``§ 2-207`` -> section
  two dash two oh seven), Canadian postal codes (``K1A 0B1``), a postcode of five digits before its city at
  an address's line (``10115 Berlin, Germany``: digit by digit), tax forms (``Form 1099``,
  ``the 1040 form``: in pairs) and extensions (``ext. 204``), tilde ranges (``10~20`` -> ten to
  twenty; after a date, ``2024-01-15~2024-01-20``; ``100～200`` -> 一百到二百 in Chinese), rates
  (``$3.50/month``, ``24 hrs/day``, ``40 MB/s``, ``$0.99/min``, ``$3/lb``, ``$0.25/text``, ``$3.49/gal``, ``$0.24/share``,
  ``$0.15/kWh``, ``$30/vehicle``, ``150 min./week`` -> per;
  "per min" -> per minute; ``29元/月`` -> 二十九元每月; ``£9.99 p/m``) and ratings (``4.5/5`` -> four point
  five out of five, ``98/100``, ``10/10``, a GPA's ``3.8/4.0``; a decimal's in arithmetic is
  "over", ``(1 + 0.05/12)``; ``9/11`` is nine eleven; ``7/10``
  after "scored", "rated", "a rating of", "Rating:", "gave it" or before "stars", "points") and
  positions (``Step 2/5``, ``Page 3/10`` after step, page, question, slide, part, round ...: step two of five); a price per
  a thousand or a million (``$0.15/1M tokens``, ``per 1K tokens`` -> per million, per thousand).
- **Prescriptions**: how often (``q12h`` -> every twelve hours, ``Q4-6H``), and after a dose
  ``BID``, ``TID``, ``QID``, ``QD``, ``QHS``, ``PRN``, ``PO`` (``b.i.d.``, ``prn`` ...: twice a day, three
  times a day, four times a day, once a day, at bedtime, as needed, by mouth); a course's length,
  ``daily x 5 days`` -> daily for five days (``q12h x 10 days``, ``TID x 7d`` too); a strength
  of a mass per a volume, ``160 mg/5 mL`` -> ... per five milliliters; ``Qty: 30`` (quantity).
- **Bible verses** after a book's name (``Mark 16:9`` -> Mark sixteen nine, ``1 Corinthians 13:4-7``
  -> First Corinthians thirteen four to seven; where the verse could be minutes, ``John 3:16``, a
  clock reads it the same).
- **Number words joined by a hyphen** (``24-hour`` -> twenty-four hour, ``19th-century``; a unit,
  singular before a noun: ``a 30-min call`` -> a thirty minute call, ``the 10-yr Treasury``),
  durations (``1h30m``; singular before a noun, ``a 24h pass`` -> a twenty-four hour pass;
  ``5m30s``, ``4-6h`` -> four to six hours; a range's unit too, ``a 4-6h hike`` -> a four to six
  hour hike, ``a 2-3 min read``), video resolutions (``1080p`` -> ten eighty p; ``1080p60`` -> ten eighty p sixty), screen
  sizes (``1920x1080`` -> nineteen twenty by ten eighty), aspect ratios (``16:9`` -> sixteen by
  nine; ``4:3``, ``9:16``, ``1:1`` only before "screen", "video", "photos" ... or after "aspect
  ratio": ``won 3:2`` and ``a 2:1 ratio of water`` stay "to"; so does a proportion that could be
  a time, ``a 1:10 ratio``, ``a 1:10 bleach-to-water ratio``, ``diluted 1:20``; a meeting of two, ``1:1 meetings``, ``weekly 1:1s``
  -> one-on-ones), thousands joined to a noun (``a 1M-key dataset``, ``a 200K-token context`` -> a two hundred thousand
  token context), heights (``5'11"``, ``5'11``),
  a football match's minutes (``Salah 23', 67'`` -> Salah minute twenty-three, minute
  sixty-seven; stoppage time, ``90+2'`` -> minute ninety plus two, and with it in the text a
  name's mark too, ``Ronaldo 88', Benzema 90+3'``; ``scored in the 23'`` ->
  scored in the twenty-third minute; ``He scored at 61'.`` -> ... at minute sixty-one; ``in the 23' minute`` -> in the twenty-third minute; after a
  name in a list or brackets, or alone where its clause ends, ``Salah 23'``, ``Salah (23')``,
  not after what is measured, ``Kitchen 12'``, nor after a word of a product's name,
  ``Little Giant 22'`` -> Little Giant twenty-two feet; after "in the", or near
  a football word, "goal", "penalty" ...; otherwise feet), inches
  (``6.7"``, ``1/4"``, unless the quote closes one opened before it; a size, ``12" x 8"``, ``a
  9x13" pan`` -> a nine by thirteen inch pan; with its sides' letters, ``20"W x 16"H`` -> twenty
  inches W by sixteen inches H; a range, ``38–40"`` -> thirty-eight to forty inches),
  ``9.30am``; a screen's size after its maker's name, ``The Samsung 65" QN90C`` -> ... sixty-five
  inch QN ninety C.
"""

from __future__ import annotations

import re

from voice_server.text.normalize.codes import SAID_IN_PAIRS, VERSIONED_BEFORE
from voice_server.text.normalize.cues import (
    NOUN_AFTER_UNIT,
    YEAR_BEFORE,
    after_article,
    alternation,
    keeps_period,
    spaced,
)
from voice_server.text.normalize.dates_times import early_year, month_and_day
from voice_server.text.normalize.math import PER_UNIT
from voice_server.text.normalize.money import LABEL_BEFORE, read_amount
from voice_server.text.normalize.number_words import cardinal, in_pairs, ordinal, read_number
from voice_server.text.normalize.sports import is_score
from voice_server.text.normalize.units import COUNTED_AFTER, UNITS, read_unit


_ARITHMETIC_BEFORE = re.compile(
    r"(?:[=≈≠<>≤≥±+×÷*π]|\b(?:pi|approximately|roughly|equals?|equal to|times|plus|minus|"
    r"(?:multiply|multiplied|divide|divided)(?: (?!by\b)[\w'-]+){0,3} by)"
    r"(?:\s+(?:is|was|equals))?(?:\s+(?:about|approximately|roughly|around|nearly))?)\s*$",
    re.I)  # fmt: skip
_ARITHMETIC_AFTER = re.compile(
    r"\s*(?:[=≈≠<>≤≥±+×÷*]|(?:equals|is (?:about|approximately|roughly))\b)")
"""Signs and words around an improper fraction that make it arithmetic ("pi is about 22/7",
``22/7 ≈ 3.14``): "twenty-two over seven". Alone, ``22/7`` may be a date written day first,
and is read "slash"."""


def is_arithmetic(m: re.Match[str]) -> bool:
    return (_ARITHMETIC_BEFORE.search(m.string, max(0, m.start() - 40), m.start()) is not None
            or _ARITHMETIC_AFTER.match(m.string, m.end()) is not None)  # fmt: skip


_CHANCE_WORDS = re.compile(r"\b(?:probability|probabilities|chances?|odds|likelihood|risk|likely)\b", re.I)
_CHANCE_AFTER = re.compile(r" (?:chance|odds|probability|risk)\b")


def _is_chance(m: re.Match[str]) -> bool:
    """Whether ``1/36`` is a chance, "one in thirty-six" (was "one slash thirty-six"): a word
    of chance in its sentence before it (60 characters), or "chance" after it."""
    before = m.string[max(0, m.start() - 60) : m.start()]
    before = before[max(before.rfind(". "), before.rfind("\n")) + 1 :]
    return _CHANCE_WORDS.search(before) is not None or _CHANCE_AFTER.match(m.string, m.end()) is not None


def fraction(m: re.Match[str]) -> str:
    num, den = int(m["n"]), int(m["d"])
    whole = f"{cardinal(int(m['w']))} " if m["w"] else ""
    if not whole and len(m["n"]) == len(m["d"]) == 2 and m["n"].startswith("0"):
        date = month_and_day(m["n"], m["d"])  # 03/14: no fraction is written with a zero
        if date:
            return date
    if (not whole and num < den
            and VERSIONED_BEFORE.search(m.string, max(0, m.start() - 24), m.start())):
        return spaced(f"{cardinal(num)} or {cardinal(den)}")  # Windows 10/11: two versions
    if is_score(m):
        return spaced(f"{cardinal(num)} out of {cardinal(den)}")
    if not whole and num == 1 and den > 16 and _is_chance(m):  # 1/36: one in thirty-six
        return spaced(f"one in {cardinal(den)}")
    if not (0 < num < den and (den <= 16 or den in (32, 64))):  # 2/32": two thirty-seconds
        split = num + den == 100 and num % 10 == 0  # the 80/20 rule, a 60/40 split
        joiner = " " if split or f"{num}/{den}" in ("24/7", "20/20") else " slash "
        if joiner != " " and num <= den in (5, 10, 20, 50, 100) and not whole:
            joiner = " out of "  # a score: 98/100, 10/10
        elif joiner != " " and den > 0 and not whole and is_arithmetic(m):
            joiner = " over "  # pi is about 22/7; = 625/1296 (was "slash")
        return spaced(f"{whole}{cardinal(num)}{joiner}{cardinal(den)}")
    if den == 2:
        name = "half" if num == 1 else "halves"
    elif den == 4:
        name = "quarter" if num == 1 else "quarters"
    else:
        name = ordinal(den) + ("s" if num > 1 else "")
    return spaced(f"{whole}{'and ' if whole else ''}{cardinal(num)} {name}")


_TIME_AFTER = re.compile(r"[ -]time\b(?!s)")


def time_signature(m: re.Match[str]) -> str:
    """``6/8 time`` -> "six eight time", ``a time signature of 4/4`` -> "... four four";
    other fractions are left to the rules after this one."""
    if not m["pre"] and _TIME_AFTER.match(m.string, m.end()) is None:
        return m.group(0)
    return f"{m['pre'] or ''}{cardinal(int(m['n']))} {cardinal(int(m['d']))}"


def fraction_unit(m: re.Match[str]) -> str:
    """``1/2 tsp`` -> "one half teaspoon", ``2 1/2 kg`` -> "two and one half kilograms"."""
    one, many = UNITS[m["unit"]]
    words = fraction(m).strip()
    proper = (0 < int(m["n"]) < int(m["d"]) <= 16 and not m["w"]
              and not words.endswith(m["d"] and cardinal(int(m["d"]))))  # not "slash", "out of"
    return spaced(f"{words} {one if proper else many}")


def scientific(m: re.Match[str]) -> str:
    """``1e-5`` -> "one times ten to the power of minus five"; a unit after it is plural."""
    sign = "minus " if m[2] and m[2] in "-\u2212" else ""
    unit = f" {UNITS[m['unit']][1]}" if m["unit"] else ""
    return spaced(f"{read_number(m[1], False)} times ten to the power of {sign}"
                  f"{cardinal(int(m[3]))}{unit}")


def _is_count(m: re.Match[str]) -> bool:
    """A four-digit number followed by a plural noun counts things ("2024 units", "1234
    reviews"), unless a word before it makes it a year ("in 2024 sales rose")."""
    text = m.string
    if (_POSSESSIVE_BEFORE.search(text, max(0, m.start() - 8), m.start())
            and m[0].isdigit() and 1950 <= int(m[0]) <= 2099 and int(m[0]) % 100):
        return False  # "your 2024 taxes", "their 2019 results" (not "our 2000 customers")
    return (COUNTED_AFTER.match(text, m.end()) is not None
            and YEAR_BEFORE.search(text, max(0, m.start() - 12), m.start()) is None)


_POSSESSIVE_BEFORE = re.compile(r"\b(?:your|my|our|their|his|her|its)\s+$", re.I)


def read_plain_number(m: re.Match[str]) -> str:
    text = m.group(0)
    if text.startswith("-") and m.start() > 0 and m.string[m.start() - 1].isalnum():
        return " " + spaced(read_number(text[1:]))  # a hyphen, not a minus sign
    if early_year(m):
        n = int(text)
        return spaced(cardinal(n) if n % 1000 < 10 else in_pairs(n))  # 1000, 1005, 2000 BC
    return spaced(read_number(text, as_year=not (len(text) == 4 and _is_count(m))))


BETWEEN_BEFORE = re.compile(r"\b[Bb]etween [$€£¥₹]?\d[\d.,]*(?:%|[kKMB]|bn)?$")


_BETWEEN_TIME_BEFORE = re.compile(r"\b[Bb]etween \d{1,2}(?::\d\d)?\s?[AaPp]\.?\s?[Mm]\.?$")


def hours_range(m: re.Match[str]) -> str:
    """``9am-5pm`` -> "nine A M to five P M"; "between 9am-12pm" -> "... and ..."."""
    between = _BETWEEN_TIME_BEFORE.search(m.string, max(0, m.start() - 20), m.start())
    return " and " if between else " to "


_BARE_HOUR_BEFORE = re.compile(r"(?<![\w.,:/$-])(?:1[0-2]|0?[1-9])$")
_CLOCK_TIME_AHEAD = re.compile(r"(?:1[0-2]|0?[1-9]):[0-5]\d ?(?:[AaPp]\.?[Mm]|[AP] M)(?![A-Za-z])")
"""A clock's time, said to be one by its a.m. or p.m. (not a verse's: ``Matthew 5-7:29``)."""


def read_range(m: re.Match[str]) -> str:
    """``5-10`` -> "five to ten"; "between 9-10" -> "between nine and ten"; a bare hour before
    a time of day, ``10–10:30am`` -> "ten o'clock to ten thirty A M", as ``10:00–10:30am`` is
    read (was "ten to ten thirty", heard as ten to ten, 9:50)."""
    between = BETWEEN_BEFORE.search(m.string, max(0, m.start() - 30), m.start())
    if between:
        return " and "
    if (_CLOCK_TIME_AHEAD.match(m.string, m.end())
            and _BARE_HOUR_BEFORE.search(m.string, max(0, m.start() - 3), m.start())):
        return " o'clock to "
    return " to "


def percent_range(m: re.Match[str]) -> str:
    """``5%-10%`` -> "5 to 10%" ("between 5%-10%": "5 and 10%"): the second keeps the sign."""
    between = BETWEEN_BEFORE.search(m.string, max(0, m.start() - 30), m.start() + len(m["a"]))
    return f"{m['a']} {'and' if between else 'to'} "


def spaced_difference(m: re.Match[str]) -> str:
    """``5 kg - 2 kg``: "minus" where the second amount is less (a range rises), else "to",
    the unit said once (``10 kg - 15 kg``: ten to fifteen kilograms);
    the same amounts, ``5 kg - 5 kg``, stay a pause."""
    first, second = read_amount(m["a"]), read_amount(m["b"])
    if first == second:
        return m[0]
    return m[0][:-3] + " minus " if second < first else f"{m['a']} to "  # 10 to 15 kg
PER_WORDS = ("month|mo|year|yr|week|wk|day|night|hour|hr|minute|min|person|user|seat|head|unit|"
             "piece|game|serving|dose|text|message|call|mile|mi|lb|kg|oz|item|ticket|visit|"
             "session|class|lesson|ride|order|bag|box|gal|gallon|share|pair|dozen|bbl|barrel|"
             "vehicle|car|guest|adult|child|room|page|word|student|member|employee|kwh|liter|"
             r"sq\.? ?ft|sq\.? ?km|sq\.? ?mi|sq\.? ?m|sf")  # $405/sq ft, 8,000/km²  # fmt: skip
PER_ABBREVIATIONS = {"mo": "month", "yr": "year", "wk": "week", "hr": "hour", "min": "minute",
                     "mi": "mile", "lb": "pound", "kg": "kilogram", "oz": "ounce",
                     "gal": "gallon", "bbl": "barrel", "sqft": "square foot", "sf": "square foot",
                     "sqm": "square meter", "kwh": "kilowatt hour", "sec": "second",
                     "sqkm": "square kilometer", "sqmi": "square mile"}  # fmt: skip

def per_word(word: str) -> str:
    return PER_ABBREVIATIONS.get(word.lower().replace(".", "").replace(" ", ""), word)


STATES = ("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT "
          "NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR")
STATES = "|".join(STATES.split())
NEG = r"(?P<neg>(?<![\w.,-])-)?"
RESOLUTIONS = "144|240|360|480|576|720|1080|1440|2160|4320"


def circuit(m: re.Match[str]) -> str:
    """``115V/15A`` -> "one hundred fifteen volts, fifteen amps"; before a noun, ``a 240V/30A
    circuit``, singular: "two hundred forty volt, thirty amp"."""
    plural = "" if NOUN_AFTER_UNIT.match(m.string, m.end()) else "s"
    return spaced(f"{cardinal(int(m[1]))} volt{plural}, {cardinal(int(m[2]))} amp"
                  f"{plural if m[2] != '1' else ''}")


def per_hours(m: re.Match[str]) -> str:
    """``1,200mg/24h`` -> "... milligrams per twenty-four hours" (``/1d``: per day)."""
    per = "hour" if m["per"][0] == "h" else "day"
    count = "" if m["n"] == "1" else f"{cardinal(int(m['n']))} "
    return f"{read_unit(m).rstrip()} per {count}{per}{'s' if count else ''} "


JOULES = re.compile(r"(?<![\w.,/-])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?) J"
                    r"(?:/(?:(?P<per>mol|kg|g|s|K|m)\b|\((?P<a>mol|kg|g)\s?[·⋅*]?\s?(?P<b>K)\)))?"
                    r"(?![\w'’/-]|\.\s?[A-Z])")  # fmt: skip
"""A number and J, a space between them: joules (``8.314 J``). Joined, ``23J``, it is a seat
or a flat; before a capital after a period, ``in 1997 J. K. Rowling``, an initial."""
_PANEL_BEFORE = re.compile(r"\b(?:fig(?:ure)?|panel|appendix|exhibit|plate|vol|part|schedule)\.?\s?$", re.I)


def joules(m: re.Match[str]) -> str:
    """``8.314 J`` -> "eight point three one four joules"; ``J/(mol·K)`` -> joules per mole
    kelvin; singular for 1 and after "a" (a 5 J pulse). Not after a label's word (``seat 4
    J``, ``Figure 3 J``)."""
    before = m.string[max(0, m.start() - 14) : m.start()]
    if LABEL_BEFORE.search(before) or _PANEL_BEFORE.search(before):
        return m[0]
    number = m["num"].replace(",", "")
    unit = "joule" if number == "1" or after_article(m) else "joules"
    per = [PER_UNIT[u] for u in (m["per"], m["a"], m["b"]) if u]
    return spaced(f"{read_number(number, False)} {unit}" + (f" per {' '.join(per)}" if per else ""))
"""Ports, slots and batteries, that a spec sheet counts with ``2x`` (``2x USB-C`` is two USB-C
ports, not "two times"); not GPU, CPU, PCIe ...: "a 10x GPU speedup" is ten times."""


_BIBLE_BOOKS = ("Genesis Exodus Leviticus Numbers Deuteronomy Joshua Judges Ruth Samuel Kings "
                "Chronicles Ezra Nehemiah Esther Job Psalm Psalms Proverbs Ecclesiastes Isaiah "
                "Jeremiah Lamentations Ezekiel Daniel Hosea Joel Amos Obadiah Jonah Micah Nahum "
                "Habakkuk Zephaniah Haggai Zechariah Malachi Matthew Mark Luke John Acts Romans "
                "Corinthians Galatians Ephesians Philippians Colossians Thessalonians Timothy Titus "
                "Philemon Hebrews James Peter Jude Revelation").split()  # fmt: skip
NUMBERED_BOOKS = ("Samuel", "Kings", "Chronicles", "Corinthians", "Thessalonians", "Timothy",
                  "Peter", "John")  # fmt: skip
"""Books in two or three parts: ``1 Corinthians`` is First Corinthians."""
BOOK_ORDINALS = {"1": "First", "2": "Second", "3": "Third", "I": "First", "II": "Second",
                 "III": "Third"}  # fmt: skip
_BOOK_BEFORE = re.compile(rf"\b(?:{alternation(_BIBLE_BOOKS)}) $")


def verse(m: re.Match[str]) -> str:
    """``Mark 16:9`` -> "Mark sixteen nine", ``Corinthians 13:4-7`` -> "Corinthians thirteen
    four to seven": as a verse is cited aloud, after a book's name (looked for behind the
    digits: a search for any of 66 names at every position of every text with a clock in it
    costs ten times more). Where the verse could be minutes (``John 3:16``) the clock reads it
    the same way; where it cannot (``16:9``, ``1:1``) the ratio and time rules would not."""
    if _BOOK_BEFORE.search(m.string, max(0, m.start() - 16), m.start()) is None:
        return m.group(0)
    words = f"{cardinal(int(m['ch']))} {cardinal(int(m['v']))}"
    return spaced(words + (f" to {cardinal(int(m['v2']))}" if m["v2"] else ""))


_BETWEEN_WORD_BEFORE = re.compile(r"\b[Bb]etween $")


def numbered_range(m: re.Match[str]) -> str:
    """``3.9-3.12`` -> "three point nine to three point twelve": a range of sections or
    versions under one whole number, where the words say so (sections, a product's name:
    ``VERSIONED``, ``Python 3.10-3.12``) or where, read as decimals, it would run backwards
    (3.9 to 3.12). Otherwise a range of decimals (``1.0-1.05``, ``pH 7.4-7.45``, ``1.5-2.5``),
    left to the rule for ranges, which keeps every digit."""
    a, b, c, d = m["a"], m["b"], m["c"], m["d"]
    places = max(len(b), len(d))
    if a != c or int(d) <= int(b) or any(len(x) > 1 and x[0] == "0" for x in (b, d)):
        return m.group(0)
    backwards = int(d.ljust(places, "0")) < int(b.ljust(places, "0"))
    if not backwards and VERSIONED_BEFORE.search(m.string, max(0, m.start() - 24),
                                                 m.start()) is None:  # fmt: skip
        return m.group(0)
    between = _BETWEEN_WORD_BEFORE.search(m.string, max(0, m.start() - 8), m.start())
    joiner = "and" if between else "to"
    return spaced(f"{cardinal(int(a))} point {cardinal(int(b))} {joiner} "
                  f"{cardinal(int(c))} point {cardinal(int(d))}")


SIGS = {"BID": "twice a day", "TID": "three times a day", "QID": "four times a day",
        "QD": "once a day", "QHS": "at bedtime", "PRN": "as needed", "PO": "by mouth",
        "QAM": "every morning", "QPM": "every evening"}  # fmt: skip
SIGS |= {sig.lower(): words for sig, words in SIGS.items()
         if sig not in ("BID", "PO")}  # "bid": a word; "po": a river
SIGS |= {".".join(sig.lower()) + ".": words for sig, words in SIGS.items() if sig.isupper()}
SIGS |= {"qHS": "at bedtime", "qAM": "every morning", "qPM": "every evening"}  # insulin qHS
"""A prescription's frequency as written on it (b.i.d. too), and as said."""
_DOSE_BEFORE = re.compile(r"\d\s?(?:mg|mcg|g|mL|ml|units?|IU|tabs?|tablets?|caps?|capsules?|"
                          r"pills?|drops?|puffs?|sprays?|patch(?:es)?)\b"
                          r"|\bevery \w+ (?:to \w+ )?hours\b")  # fmt: skip


def every_hours(m: re.Match[str]) -> str:
    """``q12h`` -> "every twelve hours", ``q4-6h`` -> "every four to six hours"."""
    first, last = m["a"] or m["c"], m["b"] or m["d"]
    until = f" to {cardinal(int(last))}" if last else ""
    return spaced(f"every {cardinal(int(first))}{until} hours")


_ORDER_AFTER = re.compile(r"\s*(?:#|\d|[Bb]ox\b|[Nn]umber\b|[Nn]o\b)")
"""After "PO", what makes it a purchase order or a post office: "PO 4471", "PO Box"."""


def read_sig(m: re.Match[str]) -> str:
    """``500 mg BID`` -> "five hundred milligrams twice a day", ``2 tabs PRN`` -> "... as
    needed": only after a dose in the same sentence ("BID" elsewhere is a bid)."""
    before = m.string[max(0, m.start() - 40) : m.start()]
    before = re.split(r"[.!?;]\s", before)[-1]
    if _DOSE_BEFORE.search(before) is None or (m["sig"] == "PO" and _ORDER_AFTER.match(m.string, m.end())):
        return m.group(0)
    return SIGS[m["sig"]] + (keeps_period(m) if m["sig"].endswith(".") else "")


def paragraphs(m: re.Match[str]) -> str:
    """``12(b)(6)`` -> "twelve b six": a number and its paragraphs in brackets, at least one
    of them letters (``2(3)`` stays arithmetic's)."""
    marks = re.findall(r"\(([^()]*)\)", m[2])
    if not any(mark.isalpha() for mark in marks):
        return m.group(0)
    number = in_pairs(int(m[1])) if (m[1], marks[0]) in SAID_IN_PAIRS else cardinal(int(m[1]))
    words = [cardinal(int(mark)) if mark.isdigit() else mark for mark in marks]
    return spaced(" ".join([number, *words]))


def section_dash(part: str | None) -> str:
    """A hyphen's number in a section's: ``-17`` -> " dash 17"."""
    return f" dash {part[1:]}" if part else ""


def down_and_up(m: re.Match[str]) -> str:
    """A connection's speeds as they are said, down first: ``500/50 Mbps`` -> "five hundred
    megabits per second down and fifty up", ``1000/1000 Mbps`` -> "... both ways"; an upload
    faster than the download is no plan's: left as written."""
    down, up = float(m["down"]), float(m["up"])
    if up > down or m["unit"] not in UNITS:
        return m[0]
    one, many = UNITS[m["unit"]]
    speed = f"{read_number(m['down'], False)} {one if m['down'] == '1' else many}"
    if up == down:
        return spaced(f"{speed} both ways")
    return spaced(f"{speed} down and {read_number(m['up'], False)} up")


def over(top: str, bottom: str) -> str:
    return f"{cardinal(int(top))} over {cardinal(int(bottom))}"


def high_low(m: re.Match[str]) -> str:
    """A forecast's high and low after a weekday or with degree signs: ``Mon 72/58`` ->
    "Monday, high 72, low 58" (the numbers read next), ``27°C/18°C``; left where the first is
    not the higher, the units differ (``27°C/81°F``), or, without degrees, it may be a date
    (``Mon 12/10``)."""
    hi, lo, unit, unit_lo = int(m["hi"]), int(m["lo"]), m["u"] or "", m["v"] or ""
    degrees = bool(unit or unit_lo)
    if (hi <= lo or (unit and unit_lo and unit != unit_lo) or not (m["day"] or degrees)
            or (not degrees and hi <= 12) or max(abs(hi), abs(lo)) > 130):
        return m[0]
    day = f"{m['day']}, " if m["day"] else ""
    return f"{day}high {m['hi']}{unit or unit_lo}, low {m['lo']}{unit_lo or unit}"


POSITION_WORDS = ("step|page|question|slide|chapter|part|item|episode|round|level|stage|lesson|"
                  "module|task|phase|problem|exercise|game|track|day|week|tweet|post|lap|"
                  "attempt|trial|file|image|photo|card|video|scene|section|season|volume|book")
"""Words before which ``2/5`` is a position in a sequence: "Step 2/5" is step two of five."""


def position(m: re.Match[str]) -> str:
    """``Step 2/5`` -> "Step two of five" (not "two fifths"); a first number past the
    second is no position, and is left to the fraction rules."""
    n, d = int(m["n"]), int(m["d"])
    if not 0 < n <= d:
        return m.group(0)
    return f"{m['cue']} " + spaced(f"{cardinal(n)} of {cardinal(d)}")


_WHOLE_JUST_BEFORE = re.compile(r"(?<![\w/.,-])[1-9]\d?$")


def mixed_number_hyphen(m: re.Match[str]) -> str:
    """The hyphen of ``1-1/2 cups`` joins a whole number and a proper fraction: one and one
    half (was "one to one half"; a range would not fall to a half). The rule looks for the
    hyphen, then for the whole number before it."""
    if not 0 < int(m[1]) < int(m[2]) or m[2] not in ("2", "3", "4", "8", "16"):
        return m[0]
    if _WHOLE_JUST_BEFORE.search(m.string, max(0, m.start() - 3), m.start()) is None:
        return m[0]
    return " "


_COMPASS = {"N": "north", "S": "south", "E": "east", "W": "west"}


def coordinate(m: re.Match[str]) -> str:
    """A latitude or longitude: ``40.7128° N`` -> "forty point seven one two eight degrees
    north", ``40°42'46"N`` -> "forty degrees forty-two minutes forty-six seconds north" (were
    "degrees N", and the minutes and seconds feet and inches)."""
    words = f"{read_number(m['deg'], False)} degree{'' if m['deg'] == '1' else 's'}"
    for part, unit in ((m["min"], "minute"), (m["sec"], "second")):
        if part:
            whole = part.lstrip("0")  # 00, 01.5: zero, one point five
            said = read_number(whole if whole[:1].isdigit() else "0" + whole, False)
            words += f" {said} {unit}{'' if said == 'one' else 's'}"
    direction = m["dir"] or m["dir2"]
    return spaced(words + (f" {_COMPASS[direction]}" if direction else ""))
SPAN_BEFORE_SLASH = re.compile(r"\b(?:nights?|days?|weeks?|hours?)$")
"""A span of time before ``/4 days``: a stay's nights and days, not a count per days."""
