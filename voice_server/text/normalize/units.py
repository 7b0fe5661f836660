"""Units of measure after a number, singular or plural by the number, and the readings that
depend on the sentence (K kelvin or thousand, t tonnes, kt knots or karats).

What is covered
---------------
- **Units** after a number: cal (calories, ``250 cal each``; not near a gun's words), km, m, cm, mm, µm, nm, mi, ft, in (only as ``5in`` or after feet,
  ``6 ft 2 in``), yd, kg, g, mg, mcg, µg, lb, lbs, oz, L, ml, tsp, tbsp, mph, mpg, km/h, kph, m/s,
  °C, °F, °, a latitude or longitude (``51.5074°N`` -> ... degrees north, ``40°42'46"N`` ->
  forty degrees forty-two minutes forty-six seconds north), ms, µs, ns, sec, min, hr, h, Hz, kHz,
  MHz, GHz, rpm, fps, KB, MB, GB, TB, KiB, MiB,
  GiB, TiB, TB/s, spm (steps per minute), kbps, Mbps, Gbps, ``Mbit/s``, ``kbit/s``, ``Gbit/s`` (and ``Mbit`` ...: megabits), tok/s, req/s (req/sec, tok/sec, ops/s, ops/sec), bps (basis
  points, under 1,000), bp (``50bp`` -> fifty basis points; in a text about DNA, "a 500 bp
  fragment", base pairs: left), kJ, J after a space (``8.314 J`` -> ... joules, ``J/(mol·K)``
  -> joules per mole kelvin; not ``seat 23J``), mol, mW, W,
  kW, MW,
  GW, TW, Wh, kWh, MWh, GWh, TWh, V, mAh, kcal, ppm, ppb, dB, hPa, kPa, psi, pts, yr, wk, mo, gal,
  qt, hp, lb-ft, ft-lbs (foot-pounds), VA and kVA (a UPS's ``1500VA/900W`` -> fifteen hundred
  volt-amp, nine hundred watt before its noun), atm, Nm and ``N·m`` (newton meters), ``in.`` with its
  period before a lowercase word (``0.031 in. and`` -> ... inches), a wind's direction before its
  speed (``Winds SW 10–15 mph`` -> winds southwest ...) and after a distance before "of" (``35 km SW of
  the city`` -> ... southwest of), an earthquake's magnitude (``M6.4`` -> magnitude six point four,
  where the text speaks of earthquakes), kN, N/m, N where the sentence speaks of
  forces or an equation gives the number (``a tension of 12 N``, ``= 9.8 N``; else north or a
  grade: ``2 km N``), ha, dL, mmol, mM, µM, nM (millimolar ...),
  mEq, fl oz, Ω (kΩ, MΩ), sq ft (sq. m ...), ng, pg, µL, IU, mIU, µIU (micro-international
  units), yds, a box score's reb, ast, stl,
  blk (rebounds, assists, steals, blocks), a quarterback's TD and INT (touchdowns,
  interceptions), Tbsp, doz, y/o (years old), GB in standings (after a record or near "games
  back", "standings": ``Nuggets 48-25, 9.5 GB`` -> nine and a half games back;
  ``2.5 games back``), M before a chemical formula or "solution" (``0.5 M NaCl`` -> zero point five
  molar NaCl; a formula with a small letter or a digit: not ``NO``), k (thousand;
  ``10K employees`` before a plural noun; before a unit, ``1.2k req/s`` -> one point two thousand
  requests per second, ``5k rpm``; a race's, ``a 10k run``, ``ran a 10k`` -> ten K), M (million), bn (billion), B and T before a plural noun
  (``70B parameters``, ``15T tokens``), x (times; ``3x-5x faster`` -> three to five times; a
  variable before an operator or a power,
  ``2x + 3``, or in a text with a variable x; a quotient after a power, ``x³/3`` -> x cubed
  over three; a count of things of one weight or volume,
  ``2 x 500 mg tablets`` -> two five hundred milligram tablets, and without a noun after it
  ``1 x 23 kg`` -> one by twenty-three kilograms; sets and reps, ``3x10 reps`` -> three sets of
  ten reps, ``3×10 squats``, ``Squats: 4x8`` -> squats: four sets of eight; a repetition
  maximum, ``1RM`` -> one rep max; a USB link's lanes, ``USB 3.2 Gen 2x2`` -> ... Gen two by two); a unit's period
  inside a sentence is the unit's (``6 ft. tall``); the feet mark (``12' x 15'``, ``12'x15'``,
  ``12'6" x 15'``); singular for
  exactly 1, after "a" or "an"
  (``a 4TB drive`` -> a four terabyte drive), before what holds an amount (``10 lb bag`` ->
  ten pound bag), after "the" or a count before a noun
  (``the 10MB limit``, ``two 500 mg tablets``; not ``250 g flour``) and after a proper fraction
  (``1/2 tsp`` -> one half teaspoon), and for each side of a size before its noun
  (``a 12' x 15' room`` -> a twelve foot by fifteen foot room); after a power of ten,
  ``250 x 10^9/L``, ``10³/µL``,
  ``11 K/µL`` -> ... per liter; an amount before a slash and another, ``1.5GB/2GB`` -> ...
  gigabytes slash two gigabytes; "degrees C" (Celsius); one unit per another (``5mg/kg`` ->
  five milligrams per
  kilogram; ``10 mg/kg/day``, ``$8/user/month``: per ... per day; per a count of hours,
  ``1,200mg/24h`` -> ... per twenty-four hours; after a count's noun, ``5 doses/24 h``; after a
  span's, ``3 nights/4 days`` -> three nights and four days); sizes of memory to choose
  from (``8/16GB``, ``128GB/256GB/512GB``, ``256GB / 512GB / 1TB`` -> ... or ...; not
  ``475/500 GB`` or ``12GB / 16GB``, used of all: ... of ...); a range of amounts each with
  its unit (``2GB–4GB`` -> two gigabytes to four gigabytes); a unit's period before a comma
  goes (``12 mo.,``);
  Kubernetes' ``256Mi``, ``2Gi`` (mebibytes, gibibytes) and ``250m CPU`` (millicores);
  megapixels where the text is of cameras (``a 48MP camera``; not a game's ``20 MP``);
  ``100 req/min`` (requests per minute); electronics' ``mA``, ``µA``, ``µF``, ``nF``, ``pF``,
  ``µH``, ``mJ``, ``mV``, ``kV``; ``inHg``, ``nmi``, ``cu ft``, ``ly`` (light-years), ``Mpc``;
  the Sun's ``M☉``, ``R☉``, ``L☉`` (solar masses ...); ``3.5 GB behind`` (games behind); a British rent's ``pcm`` (per month); a charger's
  ``5V/3A`` (five volts at three amps); a size of memory as an option takes it,
  ``--memory=2g`` -> ... two gigabytes, ``-Xmx512m``; where the text says which, ``273.15 K``
  (kelvin: it speaks of heat; a colour temperature where it speaks of light, ``2700K bulbs`` ->
  twenty-seven hundred kelvin bulbs, ``6500K``), ``938 mb`` (millibars: of pressure or storms), ``15 kt`` (knots:
  of wind, boats, flight; ``14 kt gold``, karat), ``a 48 A breaker`` (amp: of breakers,
  circuits, chargers, volts); elsewhere each stays as written.
"""

from __future__ import annotations

import functools
import re

from voice_server.text.normalize.cues import (
    occurs_near,
    ARTICLE_BEFORE,
    NOUN_AFTER_UNIT,
    RANGE_BEFORE,
    THE_BEFORE,
    THE_OR_COUNT_BEFORE,
    TIME_ZONES,
    VERBS_IN_S,
    after_article,
    alternation,
    describes_the_noun_after,
    spaced,
)
from voice_server.text.normalize.number_words import cardinal, read_number


UNITS = {
    "km": ("kilometer", "kilometers"), "m": ("meter", "meters"),
    "cm": ("centimeter", "centimeters"),
    "mm": ("millimeter", "millimeters"), "mi": ("mile", "miles"), "ft": ("foot", "feet"),
    "yd": ("yard", "yards"), "kg": ("kilogram", "kilograms"), "g": ("gram", "grams"),
    "mg": ("milligram", "milligrams"), "lb": ("pound", "pounds"), "lbs": ("pound", "pounds"),
    "oz": ("ounce", "ounces"), "L": ("liter", "liters"), "ml": ("milliliter", "milliliters"),
    "mL": ("milliliter", "milliliters"), "mph": ("mile per hour", "miles per hour"),
    "km/h": ("kilometer per hour", "kilometers per hour"),
    "kph": ("kilometer per hour", "kilometers per hour"),
    "m/s": ("meter per second", "meters per second"),
    "km/s": ("kilometer per second", "kilometers per second"),
    "°C": ("degree Celsius", "degrees Celsius"), "°F": ("degree Fahrenheit", "degrees Fahrenheit"),
    "°": ("degree", "degrees"), "ms": ("millisecond", "milliseconds"),
    "sec": ("second", "seconds"), "secs": ("second", "seconds"), "min": ("minute", "minutes"),
    "mins": ("minute", "minutes"), "hr": ("hour", "hours"), "hrs": ("hour", "hours"),
    "h": ("hour", "hours"), "Hz": ("hertz", "hertz"), "kHz": ("kilohertz", "kilohertz"),
    "MHz": ("megahertz", "megahertz"), "GHz": ("gigahertz", "gigahertz"),
    "KB": ("kilobyte", "kilobytes"), "kB": ("kilobyte", "kilobytes"),
    "MB": ("megabyte", "megabytes"), "GB": ("gigabyte", "gigabytes"),
    "TB": ("terabyte", "terabytes"), "KB/s": ("kilobyte per second", "kilobytes per second"),
    "MB/s": ("megabyte per second", "megabytes per second"),
    "GB/s": ("gigabyte per second", "gigabytes per second"),
    "TB/s": ("terabyte per second", "terabytes per second"),
    "KiB": ("kibibyte", "kibibytes"), "MiB": ("mebibyte", "mebibytes"),
    "GiB": ("gibibyte", "gibibytes"), "TiB": ("tebibyte", "tebibytes"),
    "tok/s": ("token per second", "tokens per second"),
    "req/s": ("request per second", "requests per second"), "kJ": ("kilojoule", "kilojoules"),
    "req/sec": ("request per second", "requests per second"),
    "tok/sec": ("token per second", "tokens per second"),
    "ops/s": ("operation per second", "operations per second"),
    "ops/sec": ("operation per second", "operations per second"),
    "mol": ("mole", "moles"), "bps": ("basis point", "basis points"),  # bits: kbps, Mbps
    "bp": ("basis point", "basis points"),  # a rate's change: 50bp; a DNA's base pairs are left
    "Mb/s": ("megabit per second", "megabits per second"),
    "Gb/s": ("gigabit per second", "gigabits per second"),
    # bits as Europe and the IEC write them: 100 Mbit/s, 10 Gbit/s (were "Mbit slash s")
    **{f"{prefix}bit{per}": (f"{word}bit{' per second' if per else ''}",
                             f"{word}bits{' per second' if per else ''}")
       for prefix, word in (("k", "kilo"), ("K", "kilo"), ("M", "mega"), ("G", "giga"), ("T", "tera"))
       for per in ("/s", "")},
    "W": ("watt", "watts"), "kW": ("kilowatt", "kilowatts"),
    "kWh": ("kilowatt hour", "kilowatt hours"), "V": ("volt", "volts"),
    "spm": ("step per minute", "steps per minute"),  # a runner's cadence
    "AW": ("air watt", "air watts"),  # a vacuum's suction: 230 AW
    "VA": ("volt-amp", "volt-amps"), "kVA": ("kilovolt-amp", "kilovolt-amps"),  # a UPS's rating
    "mW": ("milliwatt", "milliwatts"), "MW": ("megawatt", "megawatts"),
    "GW": ("gigawatt", "gigawatts"), "TW": ("terawatt", "terawatts"),
    "Wh": ("watt hour", "watt hours"), "MWh": ("megawatt hour", "megawatt hours"),
    "GWh": ("gigawatt hour", "gigawatt hours"), "TWh": ("terawatt hour", "terawatt hours"),
    "mAh": ("milliamp hour", "milliamp hours"), "k": ("thousand", "thousand"),
    "x": ("times", "times"), "tsp": ("teaspoon", "teaspoons"),
    "tbsp": ("tablespoon", "tablespoons"), "mpg": ("mile per gallon", "miles per gallon"),
    "kbps": ("kilobit per second", "kilobits per second"),
    "Kbps": ("kilobit per second", "kilobits per second"),
    "Mbps": ("megabit per second", "megabits per second"),
    "Gbps": ("gigabit per second", "gigabits per second"),
    "fps": ("frame per second", "frames per second"), "rpm": ("R P M", "R P M"),
    "bpm": ("beat per minute", "beats per minute"),
    "mmHg": ("millimeter of mercury", "millimeters of mercury"),
    "kcal": ("kilocalorie", "kilocalories"), "pts": ("point", "points"),
    "hPa": ("hectopascal", "hectopascals"), "kPa": ("kilopascal", "kilopascals"),
    "psi": ("P S I", "P S I"), "mcg": ("microgram", "micrograms"),
    "ppm": ("part per million", "parts per million"),
    "ppb": ("part per billion", "parts per billion"), "dB": ("decibel", "decibels"),
    "nm": ("nanometer", "nanometers"), "ns": ("nanosecond", "nanoseconds"),
    "M": ("million", "million"), "bn": ("billion", "billion"),
    "µg": ("microgram", "micrograms"), "μg": ("microgram", "micrograms"),
    "µm": ("micrometer", "micrometers"), "μm": ("micrometer", "micrometers"),
    "µs": ("microsecond", "microseconds"), "μs": ("microsecond", "microseconds"),
    "yr": ("year", "years"), "yrs": ("year", "years"), "wk": ("week", "weeks"),
    "wks": ("week", "weeks"), "mo": ("month", "months"), "mos": ("month", "months"),
    "gal": ("gallon", "gallons"), "qt": ("quart", "quarts"), "hp": ("horsepower", "horsepower"),
    "lb-ft": ("pound-foot", "pound-feet"), "ha": ("hectare", "hectares"),
    "ft-lb": ("foot-pound", "foot-pounds"), "ft-lbs": ("foot-pound", "foot-pounds"),
    "atm": ("atmosphere", "atmospheres"),
    "kN": ("kilonewton", "kilonewtons"), "N/m": ("newton per meter", "newtons per meter"),
    "Nm": ("newton meter", "newton meters"), "N m": ("newton meter", "newton meters"),  # N·m
    "dL": ("deciliter", "deciliters"), "mmol": ("millimole", "millimoles"),
    "mM": ("millimolar", "millimolar"), "µM": ("micromolar", "micromolar"),
    "μM": ("micromolar", "micromolar"), "nM": ("nanomolar", "nanomolar"),
    "mEq": ("milliequivalent", "milliequivalents"),
    "fl oz": ("fluid ounce", "fluid ounces"), "fl. oz": ("fluid ounce", "fluid ounces"),
    "Ω": ("ohm", "ohms"), "kΩ": ("kilohm", "kilohms"), "MΩ": ("megohm", "megohms"),
    "ng": ("nanogram", "nanograms"), "pg": ("picogram", "picograms"),
    "µL": ("microliter", "microliters"), "μL": ("microliter", "microliters"),
    "IU": ("international unit", "international units"),
    "mIU": ("milli-international unit", "milli-international units"),
    "µIU": ("micro-international unit", "micro-international units"),
    "μIU": ("micro-international unit", "micro-international units"),
    # electronics: 20 mA, 10 µA, 100 µF, 22 nF, 4.7 µH, 7.2 mJ (were left as written)
    **{f"{prefix}{unit}": (f"{word}{one}", f"{word}{many}") for prefix, word in (
        ("m", "milli"), ("µ", "micro"), ("μ", "micro"), ("n", "nano"), ("p", "pico"))
       for unit, one, many in (("A", "amp", "amps"), ("F", "farad", "farads"),
                               ("H", "henry", "henries"), ("J", "joule", "joules"))
       if f"{prefix}{unit}" not in ("mF", "pA", "nA", "nH", "pH", "nJ", "pJ")},  # pH: acidity
    "mV": ("millivolt", "millivolts"), "kV": ("kilovolt", "kilovolts"),
    "inHg": ("inch of mercury", "inches of mercury"), "nmi": ("nautical mile", "nautical miles"),
    "cu ft": ("cubic foot", "cubic feet"), "cu. ft": ("cubic foot", "cubic feet"),
    "ly": ("light-year", "light-years"), "Mpc": ("megaparsec", "megaparsecs"),
    "kpc": ("kiloparsec", "kiloparsecs"),
    "yds": ("yard", "yards"),  # a box score's, after a number: 12 reb, 8 ast, 3 stl, 2 blk
    "reb": ("rebound", "rebounds"), "ast": ("assist", "assists"), "stl": ("steal", "steals"),
    "blk": ("block", "blocks"),
    "TD": ("touchdown", "touchdowns"), "TDs": ("touchdown", "touchdowns"),  # 3 TD, 1 INT
    "INT": ("interception", "interceptions"), "INTs": ("interception", "interceptions"),
    "Tbsp": ("tablespoon", "tablespoons"), "Tbs": ("tablespoon", "tablespoons"),
    "TBSP": ("tablespoon", "tablespoons"), "doz": ("dozen", "dozen"),
    **{f"sq{dot} {u}": (f"square {one}", f"square {many}") for dot in ("", ".")
       for u, one, many in (("ft", "foot", "feet"), ("m", "meter", "meters"),
                            ("km", "kilometer", "kilometers"), ("mi", "mile", "miles"),
                            ("in", "inch", "inches"), ("cm", "centimeter", "centimeters"),
                            ("mm", "millimeter", "millimeters"), ("yd", "yard", "yards"))},  # 100 sq ft, 1,500 sq. ft.
    "sqft": ("square foot", "square feet"),  # 2,400 sqft
    **{f"cu{dot} {u}": (f"cubic {one}", f"cubic {many}") for dot in ("", ".")
       for u, one, many in (("m", "meter", "meters"), ("cm", "centimeter", "centimeters"),
                            ("mm", "millimeter", "millimeters"), ("km", "kilometer", "kilometers"),
                            ("in", "inch", "inches"), ("yd", "yard", "yards"),
                            ("mi", "mile", "miles"))},  # 10 m³ (cu ft is above)
}  # fmt: skip
_ELEMENTS = ("He Li Be Ne Na Mg Al Si Cl Ar Ca Cr Mn Fe Co Ni Cu Zn Br Rb Sr Ag Cd Sn Cs Ba Pt "
             "Au Hg Pb H B C N O F P S K I").split()  # two letters first: Cl, not C and l
_MOLAR_AHEAD = re.compile(rf"\s+(?=\S*[a-z\d])(?:(?:{'|'.join(_ELEMENTS)})\d*){{2,}}(?![\w(])"
                          r"|\s+(?:solutions?|stock|buffer)\b")
"""A chemical formula with a small letter or a digit (``NaCl``, ``H2SO4``; not ``NO``, ``CNN``,
which are also words) or a solution after ``0.5 M``: the M is molar, not million."""
_MOLAR_WORDS = re.compile(r"\b(?:mol|moles?|molar|molarity|dissolv\w*|solutions?|solutes?|"
                          r"concentrations?|titrat\w*|dilut\w*|NaCl|HCl|NaOH|KCl)\b")
"""Words of chemistry near an ``M`` that ends its phrase: "to get 0.1 M." (molar; was
"million")."""
_NO_NOUN_AHEAD = re.compile(r"[ \t]*(?:[.,;:)]|$)")
DIMENSION_UNITS = "km|cm|mm|m|ft|in|yd|feet|foot|inch|inches|meters|centimeters|yards"
_LENGTH_UNITS = frozenset(DIMENSION_UNITS.split("|"))
"""Units of length: ``x`` between lengths is "by" (a room of 12 ft x 15 ft)."""
ONE_LETTER_UNITS = frozenset([*(u for u in UNITS if len(u) == 1), "s"])  # s: 3.1 s
"""Units of one letter (``8,848 m.``): after a number, not an initial (the segmenter asks)."""
UNIT_ABBREVIATIONS = frozenset(u for u in UNITS if u.isalpha())
"""Units written as letters (``lbs``, ``oz``, ``min``): after a number and before a lowercase
word, a period after one is the unit's, not a sentence's end ("2 lbs. of flour")."""
FRACTION_UNITS = alternation(u for u in UNITS if u not in ("x", "k", "M", "bn", "bp"))
WORD_UNITS = [u for u in UNITS if u.isalpha() and len(u) > 1 and u not in ("bn", "bp")]
SCALED_UNITS = alternation(u for u in UNITS if len(u) > 1 and u not in ("bn", "in", "pts", "doz", "bp")
                           and not u[0].isupper() and not u.startswith("sq"))
SCALED_UNITS += "|sq km|sq mi|sq ft|sq m"  # 5M km² (folded to "sq km"), 5k sq ft
"""Units read after a number with k or M (``1.2k req/s``, ``5k rpm``): not a capital's
(``4K HDR``, ``5M TB``?), nor one that is also a word."""
"""Units written with letters alone, that a hyphen joins to a number: a 30-min call."""


WORD_AHEAD = (r"[ \t]+(?!(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
              r"\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|minus|point)\b)[a-z]")
"""A lowercase word after a unit's period (``6 ft. tall``): the period is the unit's, not a
sentence's; not a number the rules before have read ("30 mph. 40% chance": forty percent
was read first, and the sentence's stop went with the unit)."""
_VARIABLE_X = re.compile(r"(?<![\w'])(?<!\d )x(?![\w'-])(?! ?\d)")
"""An ``x`` on its own, not between numbers (3 x 4) nor in "x-axis": the text's variable, so
"2x" there is two x ("the derivative of x^2 is 2x"), not "two times"."""


@functools.lru_cache(maxsize=4)
def has_variable_x(text: str) -> bool:
    """Whether ``text`` has a variable x (``_VARIABLE_X``): searched once per text."""
    return _VARIABLE_X.search(text) is not None


_ALGEBRA_AHEAD = re.compile(r"\s?(?:[+=^<>*/²³]|squared\b|cubed\b|to the power\b|minus\b)|\s[-−]\s")


def thousands(m: re.Match[str]) -> str:
    """``10K employees`` -> "ten thousand employees", unless the noun is no plural."""
    if COUNTED_AFTER.match(m.string, m.end()) is None:
        return m.group(0)
    return spaced(f"{read_number(m['num'], False)} thousand")


def billions(m: re.Match[str]) -> str:
    """``70B parameters`` -> "seventy billion parameters", ``15T tokens`` -> "fifteen trillion
    tokens", ``~1.8B people`` -> "one point eight billion people" (T only before tokens and
    parameters; 2B pencils are pencils)."""
    noun = m["noun"]
    if noun in ("pencils", "leads") or (m["scale"] == "T" and noun not in _MODEL_COUNTS):
        return m.group(0)
    scale = "billion" if m["scale"] == "B" else "trillion"
    return spaced(f"{read_number(m['num'], False)} {scale}")


_MODEL_COUNTS = ("tokens", "parameters", "params", "weights")


_RACE_AHEAD = re.compile(r" (?:(?:fun |trail |charity |road )?(?:run|race|walk|swim|erg)s?|runners?|PR|PB|"
                         r"personal (?:best|record)|finish|training plan)\b")
_RACE_BEFORE = re.compile(r"\b(?:ran|run|running|runs|raced|racing|walked|rowed|rowing|swam|finished|completed|did|"
                          r"train(?:ed|ing)? for|signed up for|registered for|sign up for) "
                          r"(?:a|the|my|your|his|her|their|our|this|that|another|first) $"
                          r"|\b(?:ran|raced|rowed|rowing|swam) $"  # rowed 2k: two K
                          r"|\b(?:minute|sub)\s+$", re.I)  # a sub-20:00 5k  # fmt: skip


def race_distance(m: re.Match[str]) -> str:
    """``10k`` before "run", "race" ..., or after "ran a", is a race's distance in kilometers:
    "ten K" (``5K`` is read so already); elsewhere thousands ("10k followers", "$10k")."""
    before = m.string[max(0, m.start() - 24) : m.start()]
    if _RACE_AHEAD.match(m.string, m.end()) or _RACE_BEFORE.search(before):
        return spaced(f"{read_number(m['num'], False)} K{m['s']}")
    return m[0]


_FORCE_WORDS = re.compile(r"\b(?:forces?|weigh(?:s|t|ts)?|tension|thrust|friction|drag|lift|loads?|"
                          r"newtons?|exert(?:s|ed)?|applied|pushe?s?|pull(?:s|ed)?|torque|"
                          r"acceleration|mass|kg|m/s²|m/s\^2|F_?\w{0,6} ?=)", re.I)
_RESULT_BEFORE = re.compile(r"(?:[=≈]|\bequals) ?$")
_KELVIN_WORDS = re.compile(
    r"\b(?:temperatures?|kelvin|absolute zero|freez\w*|boil\w*|melt\w*|celsius|fahrenheit|"
    r"thermal|thermodynamic\w*|heat(?:ed|ing|s)?|cool(?:ed|s|ing)?|cold(?:er|est)?|hott?\w*|"
    r"warm(?:er|est|s)?|cryogenic\w*|superconduct\w*|degrees?|T ?=)|°[CF]|℃", re.I)
_LIGHT_WORDS = re.compile(
    r"\b(?:bulbs?|lamps?|light(?:s|ing)?|LEDs?|daylight|white balance|white point|colou?r temp\w*|"
    r"CCT|fixtures?|luminaires?|downlights?|sconces?|monitors?|displays?|screens?|photograph\w*|"
    r"lighting)\b", re.I)
"""Words of light, where ``2700K`` is a colour temperature in kelvin (no 2,700 thousand)."""
_PRESSURE_WORDS = re.compile(
    r"\b(?:pressure|barometers?|barometric|hurricanes?|typhoons?|cyclones?|storms?|isobars?|"
    r"millibars?|hPa|inHg|weather|forecast|eye|landfall|Category \d)\b", re.I)
_KNOT_WORDS = re.compile(
    r"\b(?:winds?|gusts?|gusting|knots?|airspeed|ground ?speed|speed|sail\w*|boats?|ships?|"
    r"vessels?|aircraft|planes?|flights?|runways?|headings?|currents?|METAR|TAF|sustained|"
    r"crosswind|headwind|tailwind|mph|km/h|Mach)\b", re.I)
_KARAT_WORDS = re.compile(r"\b(?:gold|karats?|jewel\w*|rings?|necklaces?|bracelets?|chains?|"
                          r"earrings?|pendants?)\b", re.I)
_KARAT_AHEAD = re.compile(r"[ \t]+(?:[a-z]+[ \t]+)?(?:gold|jewel\w*|rings?|necklaces?|bracelets?|"
                          r"chains?|earrings?|pendants?)\b", re.I)
"""After ``kt``, what it is the purity of: "14 kt gold", "18kt white gold"."""
_AMP_WORDS = re.compile(
    r"\b(?:breakers?|circuits?|fuses?|amps?|amperes?|amperage|volts?|voltage|\d+ ?V|\d+ ?kW|watts?|"
    r"chargers?|charging|EVSE|wir(?:e|es|ing)|outlets?|receptacles?|sockets?|current|electric\w*|"
    r"panels?|sub-?panels?|plugs?|NEMA|gauge|AWG)\b", re.I)
_CONTEXT_UNITS = {"K": ("kelvin", "kelvin"), "mb": ("millibar", "millibars"), "A": ("amp", "amps"),
                  "kt": ("knot", "knots"), "kts": ("knot", "knots"), "karat": ("karat", "karat")}


def _near_unit(words: re.Pattern[str], m: re.Match[str]) -> bool:
    """``words`` occur from 120 characters before ``m`` to 60 after."""
    return occurs_near(words, m, 120, 60)


def unit_by_context(m: re.Match[str]) -> str:
    """A unit whose letters name two: ``273.15 K`` kelvin where its text speaks of heat, else
    thousands or a grade; ``938 mb`` millibars where it speaks of pressure or storms, else
    megabytes, as often written so; ``5 kt`` knots where it speaks of wind, boats or flight,
    ``14 kt gold`` karat; ``48 A`` amps where it speaks of breakers, circuits, chargers, volts
    (else a grade, a part: "Section 4 A"). Elsewhere each stays as written. The words are sought from 120
    characters before it to 60 after (``occurs_near``: one scan of the text, linear on a long one)."""
    unit = m["unit"].lstrip()
    if unit.startswith("kt"):
        knots = unit == "kts" or _near_unit(_KNOT_WORDS, m)  # V1 is 145 kts: no karats
        if _KARAT_AHEAD.match(m.string, m.end()) or (
                not knots and _near_unit(_KARAT_WORDS, m)):  # "while 18 kt is 75%"
            unit = "karat"
        elif not knots:
            return m[0]
    elif unit == "A":
        if not _near_unit(_AMP_WORDS, m):
            return m[0]
    elif unit == "K":
        if not _near_unit(_KELVIN_WORDS, m) and not _near_unit(_LIGHT_WORDS, m):
            return m[0]
        return spaced(f"{_kelvin_number(m['num'])} kelvin")
    elif not _near_unit(_PRESSURE_WORDS, m):
        return m[0]
    one, many = _CONTEXT_UNITS[unit]
    singular = m["num"] == "1" or (unit == "A" and (after_article(m) or describes_the_noun_after(m)))
    return spaced(f"{read_number(m['num'], False)} {one if singular else many}")


def _kelvin_number(number: str) -> str:
    """A temperature in kelvin as it is said: ``2700`` "twenty-seven hundred" (a colour
    temperature's hundreds, as a lighting shop says them), ``5000`` "five thousand"."""
    if number.isdigit() and 1100 <= int(number) < 10000 and int(number) % 100 == 0 and int(number) % 1000:
        return f"{cardinal(int(number) // 100)} hundred"
    return read_number(number, False)


def colour_temperature(m: re.Match[str]) -> str:
    """``2700K bulbs`` -> "twenty-seven hundred kelvin bulbs" (was "two thousand seven hundred
    K"): four digits joined to a K are a colour temperature where the text speaks of light or
    heat (``_LIGHT_WORDS``, ``_KELVIN_WORDS``), 120 characters before it to 60 after."""
    if not _near_unit(_LIGHT_WORDS, m) and not _near_unit(_KELVIN_WORDS, m):
        return m[0]
    return spaced(f"{_kelvin_number(m['num'])} kelvin")


GUN_WORDS = re.compile(r"\b(?:rifles?|pistols?|guns?|handguns?|caliber|calibre|bullets?|ammo|"
                       r"ammunition|rounds?|cartridges?|firearms?|revolvers?|shotguns?)\b", re.I)
"""Words of guns, near ``22 cal``: a caliber, not calories."""


def newtons(m: re.Match[str]) -> str:
    """A number's ``N`` is newtons where its sentence speaks of forces ("a tension of 12 N",
    "F = ma = 9.8 N") or an equation gives the number; else it stays (north, a grade)."""
    window = max(0, m.start() - 120)  # a bounded look back: linear time on a long text
    start = max(m.string.rfind(". ", window, m.start()), m.string.rfind("\n", window, m.start()), window)
    force = (_FORCE_WORDS.search(m.string, start, m.start()) is not None
             or _RESULT_BEFORE.search(m.string, max(0, m.start() - 8), m.start()) is not None)
    if not force:
        return m[0]
    return spaced(f"{read_number(m['num'], False)} {'newton' if m['num'] == '1' else 'newtons'}")


def read_unit(m: re.Match[str]) -> str:
    """Singular for exactly 1, and after "a" or "an", where number and unit describe the
    noun that follows ("a 4TB drive" -> a four terabyte drive)."""
    if m["unit"] == "M" and (_MOLAR_AHEAD.match(m.string, m.end()) or (  # 0.5 M NaCl: molar
            _NO_NOUN_AHEAD.match(m.string, m.end()) and _near_unit(_MOLAR_WORDS, m))):
        return spaced(f"{read_number(m['num'], False)} molar")
    one, many = UNITS[m["unit"]]
    number = m["num"]
    if m["unit"] == "g" and _GRAVITY_BEFORE.search(m.string, max(0, m.start() - 80), m.start()):
        return spaced(f"{read_number(number, False)} g")  # gravity (0.38 g; was "grams")
    if m["unit"] == "bps" and not (number.isdigit() and int(number) < 1000):
        return m.group(0)  # 9600 bps: bits per second, as a modem's; 25 bps: a rate's change
    if m["unit"] == "bp" and (float(number) >= 1000 or _has_base_pairs(m.string)):
        return m.group(0)  # a 500 bp fragment of DNA: base pairs, left as written
    if m["unit"] == "x" and (_ALGEBRA_AHEAD.match(m.string, m.end())
                             or has_variable_x(m.string)):
        return spaced(f"{read_number(number, False)} x")  # a variable: 2x + 3, 3x squared
    singular = (number in ("1", "-1") or after_article(m) or describes_the_noun_after(m)
                or (m["unit"] in _LENGTH_UNITS and side_of_a_size(m))
                or _range_describes_the_noun_after(m) or _unit_before_plural_noun(m)
                or _unit_before_acronym(m) or _unit_before_device(m))
    return spaced(f"{read_number(number, False)} {one if singular else many}")


_GRAVITY_BEFORE = re.compile(r"\b(?:gravity|g-forces?|G-forces?|gees|acceleration)\b"
                             r"(?:[^.!?]|\.\d)*$")
"""A word of gravity earlier in the sentence before ``0.38 g``: Earth's gravity, not grams."""
_BASE_PAIR_WORDS = re.compile(r"\b(?:DNA|RNA|cDNA|PCR|amplicons?|primers?|paired-end|fragments?|"
                              r"genomes?|genomic|sequenc\w*|plasmids?|inserts?|genes?|exons?|introns?|"
                              r"nucleotides?|alleles?|loci|locus|kb|kbp|Mb|bases?|ladder|gel|"
                              r"deletion|insertion|repeats?|motifs?|promoter|CRISPR)\b")  # fmt: skip
"""Words of genetics, in a text where ``bp`` is base pairs (a 500 bp fragment), not basis
points (``50bp`` -> fifty basis points)."""


@functools.lru_cache(maxsize=4)
def _has_base_pairs(text: str) -> bool:
    return _BASE_PAIR_WORDS.search(text) is not None


def _range_describes_the_noun_after(m: re.Match[str]) -> bool:
    """A range and its unit after "a" or "the" and before a noun describe it: ``a 2-3 min
    read`` -> a two to three minute read (was "minutes read"), ``a 4-6h hike``."""
    if (m.string[m.start() - 4 : m.start()] not in (" to ", " or ")
            or not NOUN_AFTER_UNIT.match(m.string, m.end())):  # fmt: skip
        return False
    first = RANGE_BEFORE.search(m.string, max(0, m.start() - 12), m.start())
    if first is None or first[0].startswith("0 ") and (
            m["unit"] in ("mph", "kph") or m[0].endswith("/h")):
        return False  # its 0–60 mph time: an acceleration to a speed (was "mile per hour")
    start = first.start()
    return (ARTICLE_BEFORE.search(m.string, max(0, start - 4), start) is not None
            or THE_OR_COUNT_BEFORE.search(m.string, max(0, start - 10), start) is not None)
_PLURAL_NOUN_AFTER = re.compile(
    rf"[ \t](?!(?:{VERBS_IN_S}|tops|plus|minus|"
    r"less|across|thus|yes|us|its|his|always|sometimes|afterwards|towards|sideways|whereas|"
    r"unless|besides|perhaps|overs|downwards|upwards|outwards|onwards|alongside|this|as)\b)"
    r"[a-z][a-z-]*[a-z](?<!ss)(?<!us)(?<!is)s\b"
    r"(?![ \t]+(?:the|an?|your|my|our|their|its|his|her|it|them|this|that|these|those|up|out|"
    r"down|over|into|about|around|through|well|far|fine|much|more|less|better|\d)\b)")  # fmt: skip
"""A plural noun right after a number and its unit: ``8 GB containers`` (a noun's, not a verb's
"s": "8 GB remains", "5 km takes", nor one before its object, "22 ft reaches the gutter")."""
_MEASURED_AMOUNT_UNITS = frozenset("g kg mg mcg µg μg lb lbs oz L ml mL dL tsp tbsp Tbsp Tbs TBSP "
                                   "gal qt doz".split() + ["fl oz", "fl. oz"])  # fmt: skip
_PACKED_IN = re.compile(r"[ \t](?:tablets|capsules|caps|pills|softgels|gummies|doses|injections|"
                        r"vials|syringes|sachets|bags|bottles|cans|jars|jugs|packs|packets|pouches|"
                        r"cartons|tubs|tins|sacks|blocks|bars|tubes|pods|kegs|containers|boxes|"
                        r"weights|dumbbells|kettlebells|plates|balls)\b")  # fmt: skip
"""What an amount of a mass or a volume before a plural noun is the size of: ``2 kg dumbbells``,
``500 ml bottles``; else it is an amount of the noun, "500 g potatoes" (grams of potatoes)."""
_NOT_ADJECTIVE_UNITS = frozenset("x k M bn bp bps pts reb ast stl blk TD TDs INT INTs ° °C °F".split())


def _unit_before_plural_noun(m: re.Match[str]) -> bool:
    """A number and its unit before a plural noun, with no word before that says so, describe
    it: ``Use 8 GB containers`` -> eight gigabyte containers, ``10 mm bolts``, ``60 W bulbs``,
    ``2 kg dumbbells``; an amount of a mass or a volume only before what holds it (``500 g
    potatoes`` stays grams)."""
    unit = m["unit"]
    if unit in _NOT_ADJECTIVE_UNITS:
        return False
    if unit in _MEASURED_AMOUNT_UNITS:
        return _PACKED_IN.match(m.string, m.end()) is not None
    return _PLURAL_NOUN_AFTER.match(m.string, m.end()) is not None


_DEVICE_AFTER = re.compile(r"[ \t](?:battery|batteries|pack|charger|motor|engine|drive|bulb|"
                           r"panel|heater|inverter|generator|lens|sensor|display|screen|monitor|"
                           r"fridge|tank|cable|adapter|laptop|phone|camera|speaker|amplifier|"
                           r"subwoofer|fan|pump|stick|card|router|switch|circuit|breaker|fuse|"
                           r"solar|station)\b")  # fmt: skip


_PACKED_IN_ONE = re.compile(r"[ \t](?:tablet|capsule|bag|bottle|jar|jug|pack|packet|pouch|"
                            r"carton|tub|tin|sack|block|bar|tube|keg|container|box|bucket|pail|"
                            r"weight|dumbbell|kettlebell|plate|ball|drum|tank|cylinder|bin)\b"
                            r"(?![-'])")  # fmt: skip
"""What one amount of a mass or a volume is the size of: ``10 lb bag``, ``5 gal bucket``."""


def _unit_before_device(m: re.Match[str]) -> bool:
    """A number and its unit before a device's singular noun describe it, as before a plural
    one: ``an 82 kWh battery``, ``82 kWh battery pack`` -> eighty-two kilowatt hour battery
    (was "hours"); an amount of a mass or a volume before what holds it, ``10 lb bag`` -> ten
    pound bag (was "pounds bag"), as a unit before its noun is."""
    unit = m["unit"]
    if unit in _MEASURED_AMOUNT_UNITS:
        return _PACKED_IN_ONE.match(m.string, m.end()) is not None
    return (unit not in _NOT_ADJECTIVE_UNITS
            and _DEVICE_AFTER.match(m.string, m.end()) is not None)


ACRONYM_AFTER = re.compile(rf"[ \t](?!(?:{TIME_ZONES}|AM|PM|OK|ASAP|TBD|TBA|FYI|AND|OR|TO|IN|ON|AT|"
                           r"OF|FOR|THE|IS|IT|IF|SO|BY|VS|PS|EOD|EOW|V?RAM|AGL|A?MSL|ASL)\b)"
                           r"(?:[A-Z]{2,}|[A-Z][a-z]{1,3}[A-Z])[\w-]*(?![\w'.]\w)")  # fmt: skip
"""A word of capitals after a number and its unit, a noun that they describe: ``16GB LPDDR5``,
``65W PD charging``, ``2 TB NVMe drives``; not RAM or VRAM, an amount of it as of memory
(``16GB RAM``: sixteen gigabytes, as ``16GB memory``; was "gigabyte"), nor a height's datum
(``1,200 ft AGL``: feet above ground level; was "foot")."""


def _unit_before_acronym(m: re.Match[str]) -> bool:
    """A number and its unit before a word of capitals describe it, as before a plural noun:
    ``16GB LPDDR5`` -> sixteen gigabyte LPDDR five, ``65W PD`` -> sixty-five watt PD (were
    plural); not an amount of a mass or a volume (``500 g MSG``), nor a rate (``60 mph GPS``)."""
    unit = m["unit"]
    return (unit not in _NOT_ADJECTIVE_UNITS and unit not in _MEASURED_AMOUNT_UNITS
            and " per " not in UNITS[unit][1] and ACRONYM_AFTER.match(m.string, m.end()) is not None)


COUNTED_AFTER = re.compile(r"\s+(?!(?:was|has|does|is|as|his|its|this|thus|plus|less|unless|"
                           r"always|perhaps|across|yes)\b)[a-z]{2,}s\b")


_SIZE_AFTER_ARTICLE = re.compile(r"(?:^|(?<=\W))(?:[Aa]n?|[Tt]he) (?:\d{1,3}(?:\.\d{1,2})?"
                                 rf"(?:\"|\s?(?:{DIMENSION_UNITS}))? by ){{1,2}}$")
"""A size's first numbers after "a" or "the": its inches or other lengths describe the noun
after it, "a 9 by 13" dish" (a nine by thirteen inch dish), "a 12 ft by 15 ft room"."""


_SIDES_AHEAD = re.compile(rf"(?: by \d{{1,3}}(?:\.\d{{1,2}})?(?:\"|\s?(?:{DIMENSION_UNITS})\b)?){{1,2}}")


def side_of_a_size(m: re.Match[str]) -> bool:
    """Whether the match is a side of a size after "a" or "the", before the noun it
    describes: "a 12' x 15' room", "the 3 m x 4 m tent" (a twelve foot by fifteen foot room;
    the last side was "fifteen feet", the first after "the" "three meters")."""
    if (_SIZE_AFTER_ARTICLE.search(m.string, max(0, m.start() - 40), m.start()) is None
            and THE_BEFORE.search(m.string, max(0, m.start() - 4), m.start()) is None):
        return False
    sides = _SIDES_AHEAD.match(m.string, m.end())
    return NOUN_AFTER_UNIT.match(m.string, sides.end() if sides else m.end()) is not None


STORAGE_AFTER = re.compile(r" (?:of )?(?:disk|storage|RAM|VRAM|memory|space|data|free|download|"
                           r"files?|SSD|drive|cache|swap)\b")


def both_scales(m: re.Match[str]) -> str:
    """``400 F/200 C`` -> "400°F or 200°C": one temperature in both scales, its degree signs
    left out; two values that are not one temperature (``5 C/4 F``, grades) stay."""
    f, c = (m[1], m[3]) if m[2] == "F" else (m[3], m[1])
    if abs(int(f) - (int(c) * 9 / 5 + 32)) > 12:
        return m[0]
    return f"{m[1]}°{m[2]} or {m[3]}°{m[4]}"


_HEAT_WORDS = re.compile(r"\b(?:preheat\w*|oven|bak\w+|roast\w*|broil\w*|grill\w*|fry\w*|"
                         r"temp|temps|temperatures?|thermostat|degrees?|heat|fever|forecast|"
                         r"highs?|lows?|weather|freez\w+|boil\w*|simmer\w*|internal|smok\w+)\b",
                         re.I)
"""Words of heat in a sentence, where ``350 F`` is a temperature."""


_BEFORE_A_TEMPERATURE = re.compile(
    r"\b(?i:to|at|of|is|was|around|about|near|below|above|under|over|than|reach\w*|hits?|"
    r"temps?|temperature|highs?|lows?|from|and|or|between|until|by)\s+$")
"""The word before a temperature's value (``Preheat to 350 F``; ``Apartment 4 C`` is none)."""


def bare_degrees(m: re.Match[str]) -> str:
    """``Preheat to 350 F`` -> "350°F": a temperature without its degree sign, where a word
    of heat is in its sentence (``Grade 5 C``, ``Section 4 F`` stay)."""
    if not -60 <= int(m[1]) <= 600 or not _BEFORE_A_TEMPERATURE.search(
            m.string, max(0, m.start() - 16), m.start()):  # the cheap tests first
        return m[0]
    before = m.string[max(0, m.start() - 120) : m.start()]
    before = before[max(before.rfind(". "), before.rfind("\n")) + 1 :]
    after = re.split(r"\.\s|\n", m.string[m.end() : m.end() + 120], maxsplit=1)[0]
    if not (_HEAT_WORDS.search(before) or _HEAT_WORDS.search(after)):
        return m[0]
    return f"{m[1]}°{m[2]}"


_PHOTO_WORDS = re.compile(r"\b(?:aperture|lens\w*|shoot\w*|shot|shutter|ISO|bokeh|stop(?:ped)?|"
                          r"camera|photo\w*|portraits?|landscapes?|exposure|depth of field|"
                          r"wide open|\d+ ?mm)\b", re.I)
"""Words of photography: there ``f/4`` is an aperture."""


def variable_over(m: re.Match[str]) -> str:
    """``n/2`` -> "n over 2"; an aperture's ``f/8``, ``f/11`` is "f 8" (as ``f/2.8`` is), and
    ``f/2``, ``f/4`` too where the text speaks of photography."""
    if m[1] == "f" and (m[2] in ("8", "11", "16", "22", "32") or (
            m[2] in ("1", "2", "4") and _PHOTO_WORDS.search(m.string))):
        return f"f {m[2]}"
    return f"{m[1] or m[3]} over {m[2] or m[4]}"
