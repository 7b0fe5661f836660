"""The rules that read numbers in context, in the order they run. A rule earlier in the list
sees the text before the later ones rewrite it, so the order is part of every reading; each
rule's comment says what it reads and how it was read before. The readers the rules call live
in the modules by topic (``numbers``, ``codes``, ``money``, ``dates_times``, ``units``,
``sizes``, ``sports``); this module only orders them.
"""

from __future__ import annotations

import re

from voice_server.text.normalize.abbreviations import (
    arrow_up_or_down,
    percentage_points,
    sign_after_change,
)
from voice_server.text.normalize.codes import (
    ANY_STATUS,
    CONFIG_SIZE,
    FAULTY,
    FILES,
    HTTP_CODE,
    HTTP_CODES,
    HTTP_JOIN,
    IDENTIFIER_WORDS,
    MODEL_BRANDS,
    OPTION_SIZE,
    OPTION_UNITS,
    OR_LATER,
    SOURCE_EXTENSIONS,
    STANDARD_BODIES,
    STATUS,
    bare_http_code,
    boeing,
    code_number,
    positional_field,
    config_size,
    cve,
    emergency_number,
    host_port,
    http_code,
    identifier,
    ieee_802,
    labelled_number,
    line_and_column,
    model_number,
    named_chain,
    option_dash,
    phone,
    port_mapping,
    processor_model,
    read_port,
    spell,
    standard,
    ubuntu,
    version,
)
from voice_server.text.normalize.cues import (
    MONTH,
    MONTHS,
    MONTH_ABBR,
    MONTH_STEMS,
    NOUN_AFTER_UNIT,
    NUM,
    TIME_ZONES,
    after_article,
    alternation,
    spaced,
)
from voice_server.text.normalize.dates_times import (
    AM_PM,
    CHANNEL_BEFORE,
    DATE_CUE,
    HHMM,
    H_RANGE,
    INSULIN_WORDS,
    WEIGHT_BEFORE,
    aspect_ratio,
    date_after_cue,
    dates_range,
    day_month,
    decade,
    duration,
    elapsed,
    elapsed_minutes,
    h_time,
    h_time_after_cue,
    h_time_range,
    iso_datetime,
    military_time,
    month_and_day,
    month_day,
    read_date,
    read_time,
    to_present,
    two_digit_year,
    utc_offset,
)
from voice_server.text.normalize.markdown import (
    CHEMICAL_EQUATION,
    NUMBER_CHOICES,
    chemical_equation,
    innings,
    number_choices,
    weights_or,
)
from voice_server.text.normalize.money import (
    CODES,
    CODE_NAMES,
    CONTINENTAL_CODES,
    CURRENCY_PAIR_CODES,
    DOLLAR_PREFIXES,
    EUROPEAN_AMOUNT,
    MONEY_SCALES,
    SCALE,
    SUFFIX_CURRENCY,
    currency_pair,
    european_amount,
    money_after_sign,
    money_or_more,
    money_or_rate,
    money_range,
    read_amount,
    repeated_currency,
)
from voice_server.text.normalize.number_words import (
    ONES,
    cardinal,
    digits,
    in_pairs,
    ordinal,
    plural_of,
    read_number,
    version_part,
    year,
)
from voice_server.text.normalize.numbers import (
    BOOK_ORDINALS,
    JOULES,
    NEG,
    NUMBERED_BOOKS,
    PER_ABBREVIATIONS,
    PER_WORDS,
    POSITION_WORDS,
    RESOLUTIONS,
    SIGS,
    SPAN_BEFORE_SLASH,
    STATES,
    circuit,
    coordinate,
    down_and_up,
    every_hours,
    fraction,
    fraction_unit,
    high_low,
    hours_range,
    is_arithmetic,
    joules,
    mixed_number_hyphen,
    numbered_range,
    over,
    paragraphs,
    per_hours,
    per_word,
    percent_range,
    position,
    read_plain_number,
    read_range,
    read_sig,
    scientific,
    section_dash,
    spaced_difference,
    time_signature,
    verse,
)
from voice_server.text.normalize.sizes import (
    CELL_SIZE,
    COUNTED_PARTS,
    SIZED_THINGS,
    STORAGE_UNITS,
    bath,
    cell_size,
    feet_inches,
    inches_by,
    megapixels,
    read_feet,
    read_inches,
    side_letter,
    sized_or,
    sizes_or,
    times_amount,
)
from voice_server.text.normalize.sports import (
    EXERCISES,
    batting_average,
    games_back,
    home_runs,
    kills_deaths_assists,
    match_minutes,
    pace,
    pace_said,
    race_gap,
    record,
    sets_of,
    sets_of_time,
    spaced_score,
    tiebreak,
    waist_by_inseam,
)
from voice_server.text.normalize.units import (
    DIMENSION_UNITS,
    FRACTION_UNITS,
    GUN_WORDS,
    SCALED_UNITS,
    UNITS,
    WORD_AHEAD,
    WORD_UNITS,
    billions,
    bare_degrees,
    both_scales,
    colour_temperature,
    has_variable_x,
    newtons,
    race_distance,
    read_unit,
    thousands,
    unit_by_context,
    variable_over,
)
from voice_server.text.rules import Rule


NUMBERS: list[Rule] = [
    # a game's quarter before its clock: Q4 2:14 left (was "Q four two fourteen")
    Rule(re.compile(r"\bQ([1-4]),? (?=\d{1,2}:\d\d\b)"),
         lambda m: f"{ordinal(int(m[1]))} quarter, ", needs=("Q0",)),
    # an arrival the next day: 3:20 PM+1 (was "plus one")
    Rule(re.compile(r"(?:(?<=[AaPp][Mm])|(?<=[AaPp]\.[Mm]\.)|(?<=\d:\d\d))\s?\+1"
                    r"(?!\d|[.:]\d|\s?(?:days?|hours?|hrs?|h)\b)"), " the next day", needs=("+0",)),
    # a ratio of parts, a spaced colon between them: 1 part bleach : 10 parts water (was a
    # pause, "bleach: ten parts")
    Rule(re.compile(r"\b(parts? [A-Za-z]+(?: [A-Za-z]+)?) : (?=\d[\d.]* parts?\b)"),
         r"\1 to ", needs=(" : ",)),
    # a percentage's trailing zeros are not said: 5.50% (was "five point five zero percent"),
    # 4.00% -> four percent; a decimal's places elsewhere may be its precision, 3.10 m
    Rule(re.compile(r"(?<![\d.,])(\d+)(?:(\.\d*[1-9])|\.)0+(?= ?%)"), r"\1\2",
         needs=("%",)),
    # a chemical equation's arrow: 2H2 + O2 → 2H2O (was "to"), N2 + 3H2 ⇌ 2NH3 (was dropped)
    Rule(CHEMICAL_EQUATION, chemical_equation, needs=("→", "->", "⟶", "⇌")),
    # choices of three or more numbers, spaced slashes between them, before their noun or unit:
    # 1 / 2 / 3 bedrooms, 8 / 16 / 32 GB (were "one divided by two divided by three"); not in
    # an equation's line nor after an operator: 120 / 2 / 3 = 20 divides
    Rule(NUMBER_CHOICES, number_choices, needs=(" / ",)),
    # a rate per dollar: ¥151.9/$ (was "one hundred fifty-one point nine yen", the slash and
    # the dollar dropped)
    Rule(re.compile(r"(?<=\d)/\$(?![\w$])"), " per dollar", needs=("0/$",)),
    # a port after a client's -p, in pairs as "port 5432" is: psql -p 5432 (was "five thousand
    # four hundred thirty-two")
    Rule(re.compile(r"(?<=\bdash p )(\d{4})(?![\d:]|\.\d)"),
         lambda m: spaced(in_pairs(int(m[1]))), needs=("dash p 0",)),
    # a size in bytes as a setting's value: SystemMaxUse=500M (was "five hundred million")
    Rule(CONFIG_SIZE, config_size, needs=("0K", "0M", "0G", "0T")),
    # a player's shots made of those taken: 12/21 shooting, 4/6 from three (was "December
    # twenty-first shooting"): twelve for twenty-one, as "3-for-4" is read
    Rule(re.compile(r"(?<![\w./-])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?= (?:shooting|from (?:the field|three|"
                    r"deep|the floor|the line|the free-throw line|beyond the arc|3)|FG|3PT|3-point)\b)"),
         lambda m: spaced(f"{cardinal(int(m['a']))} for {cardinal(int(m['b']))}")
         if int(m["a"]) <= int(m["b"]) else m[0], needs=("0/0",)),  # fmt: skip
    # ... and with a hyphen before the shot's kind: 14-28 FG, 5-9 3PT, 7-7 FT (were "fourteen to
    # twenty-eight FG")
    Rule(re.compile(r"(?<![\w./-])(?P<a>\d{1,2})-(?P<b>\d{1,2})(?= (?:FG|3PT|3P|3-pt|3-point|FT|"
                    r"from three|from deep|from the field|from the line|shooting)\b)"),
         lambda m: spaced(f"{cardinal(int(m['a']))} for {cardinal(int(m['b']))}")
         if int(m["a"]) <= int(m["b"]) else m[0],
         needs=("0 FG", "0 0P", "0 FT", "0 from", "0 shoot", "0 0-pt", "0 0-point")),
    # a team's record after "are", "went", "improved to" ... where the text speaks of a season:
    # the Lakers are 38-29 (was "thirty-eight to twenty-nine"): thirty-eight and twenty-nine
    Rule(re.compile(r"\b(?P<cue>(?:are|were|went|improved to|fell to|dropped to|moved to|record of|"
                    r"record to|record is|record was) )(?P<a>\d{1,3})-(?P<b>\d{1,3})"
                    r"(?=[,.;:)]|$| (?:on the season|this season|overall|at home|on the road"
                    r"|in \d{4}\b|in (?:the|their|"
                    r"conference|division|league)|and|with|since|after|against|record)\b)"
                    r"|(?<![\w.,/-])(?P<c>\d{1,3})-(?P<d>\d{1,3})(?= record\b)"
                    r"|(?<=s \()(?P<e>\d{1,2})-(?P<f>\d{1,2})(?=\))"), record,
         needs=("0-0",)),  # fmt: skip
    # innings pitched in thirds: 6.2 IP, 7.1 innings (were "six point two IP"): six and two
    # thirds innings pitched
    Rule(re.compile(r"(?<![\w.,])(?P<n>\d{1,3})(?:\.(?P<f>[012]))? (?:(?P<ip>IP)|innings)\b"
                    r"(?! address| camera| phone)"), innings, needs=("0 IP", "0 innings")),
    # two weights of one kind offered, a man's and a woman's: 24/16 kg kettlebells, 95/65 lb
    # thrusters (was "twenty-four slash sixteen kilograms"): twenty-four or sixteen kilogram
    Rule(re.compile(r"(?<![\w./-])(?P<a>\d{1,3})/(?P<b>\d{1,3}) ?(?=(?:kg|lbs?|pood)\b)"),
         weights_or, needs=("0/0",)),
    # half a point: a 3.5-point favorite, 2.5 points (was "three point five point"): three and a
    # half point
    Rule(re.compile(r"(?<![\w.,$€£¥₹-])(?<![$€£¥₹] )(?P<n>\d{1,2})\.5(?:-|(?P<s> ))(?P<p>points?)\b"),
         lambda m: (m[0] if m["s"] else f"half {m['p']}") if m["n"] == "0" else
         f"{cardinal(int(m['n']))} and a half {m['p']}", needs=(".0-point", ".0 point")),
    # metric tonnes where the sentence weighs something: weighs ~60 t (was "sixty t")
    Rule(re.compile(r"(?<![\w.,])(?P<n>\d{1,3}(?:,\d{3})*(?:\.\d{1,2})?) t(?=[\s,;)]|\.(?!\w)|$)"),
         lambda m: spaced(f"{read_number(m['n'], False)} tonne{'' if m['n'] == '1' else 's'}")
         if WEIGHT_BEFORE.search(m.string, max(0, m.start() - 40), m.start()) else m[0],
         needs=("0 t",)),
    # a warranty's years and miles: 8-yr/100k-mi (was "eight years slash one hundred thousand
    # -mi"): eight year, one hundred thousand mile
    Rule(re.compile(r"(?<![\w.])(?P<y>\d{1,2})-(?:yr|year)/(?P<m>\d{1,3}(?:,\d{3})+|\d{1,3}k)-"
                    r"(?:mi|mile)\b"),
         lambda m: spaced(f"{cardinal(int(m['y']))} year, "
                          + (f"{cardinal(int(m['m'][:-1]))} thousand" if m["m"].endswith("k")
                             else read_number(m["m"], False)) + " mile"),
         needs=("0-yr/", "0-year/")),
    # children under an age: under-7s (was "under seven s"): under-sevens
    Rule(re.compile(r"\b([Uu]nder|[Oo]ver)-(\d{1,2})s\b"),
         lambda m: f"{m[1]}-{plural_of(cardinal(int(m[2])))}", needs=("er-0",)),
    # a processor's cores and threads: 8C/16T (was "eight C sixteen T")
    Rule(re.compile(r"(?<![\w.])(\d{1,3})C/(\d{1,3})T\b"),
         lambda m: spaced(f"{cardinal(int(m[1]))} cores, {cardinal(int(m[2]))} threads"),
         needs=("0C/0",)),
    # millions and billions of years: 2.5 Myr, 4.5 Gyr (were "Myr")
    Rule(re.compile(r"(?<=\d) ?(?P<u>kyr|Myr|Gyr)\b"),
         lambda m: " " + {"kyr": "thousand", "Myr": "million", "Gyr": "billion"}[m["u"]] + " years",
         needs=("kyr", "Myr", "Gyr")),
    # units of insulin: Total: 8 U, 10 U of Lantus (was "eight U"), where the text speaks of it
    Rule(re.compile(r"(?<=\d) U\b(?![\w'-]|\.\w)"),
         lambda m: m[0] if not INSULIN_WORDS.search(m.string) else " unit" if re.search(
             r"(?<![\d.,])1$", m.string[max(0, m.start() - 3) : m.start()]) else " units",
         needs=("0 U",)),  # fmt: skip
    # a rest between intervals in minutes or seconds marks: w/ 2' rest, 90" recovery (were
    # "two feet rest", "ninety inches"): two minute rest, ninety second recovery
    Rule(re.compile(r"(?<![\w.'\"])(?P<n>\d{1,3})(?P<mark>['\"])(?= (?:rest|recovery|jog|walk|"
                    r"break|float|easy|between (?:sets|reps|rounds|intervals|efforts))\b)"),
         lambda m: spaced(f"{cardinal(int(m['n']))} "
                          f"{'minute' if m['mark'] == chr(39) else 'second'}"
                          f"{'s' if m.string.startswith(' between', m.end()) else ''}"),
         needs=("0' ", '0" ')),
    # Wi-Fi channels joined by slashes: 1/6/11 (was "January sixth, twenty eleven"); a
    # game's K/D/A of 25/3/12 (was "twenty-five three twelve")
    Rule(re.compile(r"(?<![\w/.])(\d{1,3})/(\d{1,3})/(\d{1,3})(?![\w/]|[.,]\d)"),
         lambda m: f"{m[1]}, {m[2]}, {m[3]}" if CHANNEL_BEFORE.search(
             m.string, max(0, m.string.rfind(". ", 0, m.start()), m.start() - 60), m.start())
         or kills_deaths_assists(m) else m[0], needs=("0/0",)),  # fmt: skip
    # a rating in chess, said in pairs: a peak rating of 2882, FIDE requires 2500+ (were
    # "two thousand eight hundred eighty-two")
    Rule(re.compile(r"(?P<cue>\b(?:[Rr]atings?|Elo|ELO|FIDE|rated)\b[^.\d\n]{0,25}?)(?<![\w.,-])"
                    r"(?P<n>[1-3]\d{3})(?![\d,]|[.\-–/x×:]\d|\s?[A-Z%°]"
                    r"|\s?(?:kg|lbs?|mg|g|m|km|mi|ft|mm|cm|mAh|kW|hp|rpm|psi)\b)"),  # 1500 W
         lambda m: m["cue"] + spaced(cardinal(int(m["n"])) if m["n"].endswith("000")
                                     else in_pairs(int(m["n"]))),
         needs=("ating", "Elo", "ELO", "FIDE", "rated")),
    # "sub-20 min", a sub-3 marathon: "sub twenty" (the hyphen was left before the number)
    Rule(re.compile(r"\b([Ss]ub)-(?=\d)"), r"\1 ", needs=("ub-0",)),
    # a betting line's over/under: O/U 41.5 (was "O U")
    Rule(re.compile(r"\bO/U\b"), "over under", needs=("O/U",)),
    # a length along a run of trim or caulk: 30 linear ft (was "linear ft")
    Rule(re.compile(r"(?<=\d )(linear|lineal|running) (?:(ft|feet)|(m|meters?)|(yd|yards?))(?:\.(?=[ \t]+[a-z]|,))?(?!\w)"),
         lambda m: f"{m[1]} {'feet' if m[2] else 'meters' if m[3] else 'yards'}",
         needs=("0 linear", "0 lineal", "0 running")),
    # a race's gap or time in minutes and seconds, as cycling writes them: 4h 12' 33", 1'08"
    # ahead (were feet and inches): twelve minutes and thirty-three seconds
    Rule(re.compile(r"(?<![\w.'])(?P<m>\d{1,2})' ?(?P<s>[0-5]\d)\"(?!\w)"), race_gap, needs=("0'",)),
    # a consumption per a hundred of a distance: 25 kWh/100 mi, 6.5 L/100 km (were "slash")
    Rule(re.compile(r"(?<=[A-Za-z])/(?=100\s?(?:km|mi|miles?|kilomet(?:er|re)s?)\b)"), " per ",
         needs=("/",)),
    # a sign joined to an amount in prose is "more than": "Rest for >60 min.", "(>90%)" (was
    # "greater than", a comparison's; "x > 60", "x>60" and a formula's ">100" stay)
    Rule(re.compile(r"(?:(?<=[a-z]{2} )|(?<=[a-z]: )|(?<=\())>(?=[$€£¥]?\d)"), "more than ",
         needs=(" >", "(>")),
    # five digits or more joined to a lowercase name, an identifier's: ed25519, id_ed25519,
    # curve25519, user12345 (were "ed twenty-five thousand five hundred nineteen"; not x25519,
    # 0x1F2E3D4C5, a single letter's)
    Rule(re.compile(r"(?<![\w.])((?:[A-Za-z]+_)*[a-z]{2,})(\d{5,})(?!\d|[.,–-]\d|%)"),
         lambda m: f"{m[1]} {digits(m[2])} ", needs=("00000",)),
    # a size of memory as an option's value: --memory=2g, -Xmx512m (were "two grams", "five
    # hundred twelve meters")
    Rule(OPTION_SIZE, lambda m: f"{option_dash(m['opt'])}{'' if m['opt'][-1] in '= ' else ' '}{m['n']} "
         f"{OPTION_UNITS[m['u'].lower()]}"
         + ("" if m["n"] == "1" else "s"), needs=("--", "-Xm", "-Xs", "dash Xm", "dash Xs", "mem", "shm")),
    # two amounts of money joined by a slash: $1,600/$3,200 (self/family), $25/$50 copays (was
    # "... dollars fifty dollars", the slash dropped: neither "or" nor "per" is right of all)
    Rule(re.compile(r"(?<=\d)/(?=(?:US|CA|C|AU|A|NZ|HK|SG|S|MX|R)?\$\d|[€£¥₹₩₽]\d)"), " slash ",
         needs=("0/",)),
    # a lithium cell's size, its diameter and length, and a count of them: 2x 18650 cells -> two
    # eighteen six fifty cells, 21700s (were "two times eighteen thousand six hundred fifty")
    Rule(re.compile(rf"(?<![\w.,])(?:(?P<count>\d{{1,2}})[x×] )?(?={CELL_SIZE})(\d\d)(\d{{3}})(s?)"),
         cell_size, needs=("00",)),
    # a variable over a number, or one over a variable: n/2, k/3, 1/n (was "n two", the slash
    # dropped; w/ is "with")
    Rule(re.compile(r"(?<![\w/.])(?<!\d )(?:([a-vx-z])/(\d{1,3})|(\d{1,3})/([nx]))(?![\w/]|\.\d)"),
         variable_over, needs=("/0", "0/")),
    # a range written as code writes it: 0..n-1, 1..10, 0..=255 (was "zero..n", "one. point one
    # zero"); a number on one side at least (git's main..feature is no range of numbers); with
    # three dots between numbers too, 1...10, 0...n (was "one.. point one zero"; "wait...10"
    # and "5... 4... 3" stay an ellipsis)
    Rule(re.compile(r"(?<![\w.])(?:(?P<a>\d{1,9})\.\.=?(?=[A-Za-z_]\w{0,30}(?![\w.])|\d)"
                    r"|(?P<b>[A-Za-z])\.\.=?(?=\d{1,9}(?![\d.]))"
                    r"|(?P<c>\d{1,9})\.\.\.(?=\d{1,9}(?!\d|\.\d)|[nNk](?!\w|\.\w)))"),
         lambda m: f"{m['a'] or m['b'] or m['c']} to ", needs=("..",)),
    # a UPS's rating, its apparent and real power: 1500VA/900W (was "... volt-amp slash nine
    # hundred watts"): "fifteen hundred volt-amp, nine hundred watt" before its noun
    Rule(re.compile(r"(?<![\w.,])(?P<va>\d{3,5}) ?VA ?/ ?(?P<w>\d{2,5}) ?W\b(?![/-])"),
         lambda m: spaced(f"{in_pairs(int(m['va'])) if int(m['va']) % 100 == 0 and int(m['va']) % 1000 else cardinal(int(m['va']))} "
                          f"volt-amp{'' if NOUN_AFTER_UNIT.match(m.string, m.end()) else 's'}, "
                          f"{cardinal(int(m['w']))} watt{'' if NOUN_AFTER_UNIT.match(m.string, m.end()) else 's'}"),
         needs=("VA",)),
    # a spreadsheet's whole columns in a formula's arguments: =XLOOKUP(A2, B:B, C:C), Sheet2!A:C
    # (were "B:B", read as it stands); a sheet's name before its cells, Sheet2!A1 (the "!" was
    # an exclamation): a pause
    Rule(re.compile(r"(?<=\w)!(?=\$?[A-Z]{1,3}(?:\$?\d{1,7}(?:[:,)\s]|$)|:\$?[A-Z]))"), ", ", needs=("!",)),
    Rule(re.compile(r"(?:(?<=[(,])|(?<=, ))\$?([A-Z]{1,3}):\$?([A-Z]{1,3})(?=\s*[,)])"), r"\1 to \2",
         needs=(":",)),
    # an absolute reference to a cell: $A$1, Data!$B$2 (was "one Australian dollar")
    Rule(re.compile(r"(?<![\w$])\$([A-Z]{1,3})\$(\d{1,7})(?![\w.,:]\d|[\w:])"), r"\1\2", needs=("$",)),
    # a spreadsheet's range of cells: A1:A10, =SUM($B$2:D10) (was "A one:A ten")
    Rule(re.compile(r"(?<![\w:$.])\$?([A-Z]{1,3})\$?(\d{1,7}):\$?([A-Z]{1,3})\$?(\d{1,7})(?![\w:]|[.,]\d)"),
         r"\1\2 to \3\4", needs=("0:",)),
    # Kubernetes' quantities: 256Mi, 2Gi (mebibytes, gibibytes; were "Mi", "Gi") and a CPU's
    # thousandths, 250m CPU, cpu: 500m (millicores; were "meters")
    Rule(re.compile(r"(?<![\w.,])(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti)\b(?![-/]\w)"), r"\1\2B",
         needs=("0Ki", "0Mi", "0Gi", "0Ti")),
    Rule(re.compile(r"(?<![\w.,])(\d{1,6})m(?=\s+v?CPUs?\b)"
                    r"|(?<=[Cc][Pp][Uu]: )([\"']?)(\d{1,6})m\b(?![.,]\d)"),  # its quote kept
         lambda m: (m[2] or "") + spaced(f"{cardinal(int(m[1] or m[3]))} millicore"
                                         f"{'' if (m[1] or m[3]) == '1' else 's'}"),
         needs=("0m",)),
    # a runner's pace: 4:45/km, 7:30/mi (was "four forty-five km", the slash dropped)
    # a range of paces, the first without its unit: 5:30–5:50/km (was "five thirty, five fifty")
    Rule(re.compile(r"(?<![\w:.])(\d{1,2}):([0-5]\d)\s?[-–]\s?(?=\d{1,2}:[0-5]\d/(?:km|mi|mile|k)\b(?!/))"),
         lambda m: pace_said(int(m[1]), int(m[2])) + " to ", needs=(":00/",)),
    Rule(re.compile(r"(?<![\w:.])(\d{1,2}):([0-5]\d)/(km|mi|mile|k)\b(?!/)"), pace, needs=(":00/",)),
    # a latitude or longitude: 40.7128° N, 40°42'46"N (were "degrees N", feet and inches)
    Rule(re.compile(r"(?<![\w.])(?P<deg>\d{1,3}(?:\.\d+)?)°\s?(?:(?P<min>\d{1,2}(?:\.\d+)?)'\s?"
                    r"(?:(?P<sec>\d{1,2}(?:\.\d+)?)(?:\"|'')\s?)?(?P<dir>[NSEW])?|(?P<dir2>[NSEW]))(?!\w)"),
         lambda m: coordinate(m) if m["min"] or m["dir2"] else m[0], needs=("°",)),
    # a football match's minutes: Salah 23', 67'; 90+2'; scored in the 23' (were feet)
    Rule(re.compile(r"(?:\b(?P<prep>[Ii]n|[Aa]t|[Bb]y|[Ff]rom|[Uu]ntil|[Aa]fter|[Bb]efore|[Ss]ince) the )?"
                    r"(?<![\w.'\"+])(?P<marks>\d{1,3}(?:\+\d{1,2})?'(?:, ?\d{1,3}(?:\+\d{1,2})?')*)"
                    r"(?![\w'\"])"),
         match_minutes, needs=("0'",)),
    # a network's address and its prefix's length: 10.0.0.0/8, 192.168.1.0/24 (the slash was
    # dropped: "ten dot zero dot zero dot zero eight")
    Rule(re.compile(r"(?<![\w.:/])(\d{1,3}(?:\.\d{1,3}){3})/([1-2]?\d|3[0-2])(?![\w/]|[.,]\d)"),
         lambda m: f"{m[1]} slash {cardinal(int(m[2]))}", needs=("0/",)),
    # standings: Nuggets 48-25, 9.5 GB (was "nine point five gigabytes"), 2.5 games back
    Rule(re.compile(r"(?<![\w.,])(?P<n>\d{1,2})?(?P<half>\.5)?(?<=\d) ?(?:GB\b(?!/)|(?P<games>games? "
                    r"(?:back|behind)\b))"),
         games_back, needs=("GB", "game")),  # fmt: skip
    # a TV listing's times, Eastern and Central: 9/8c (was "nine eight c")
    Rule(re.compile(r"(?<![\w/.:])(1[0-2]|[1-9])(:[0-5]\d)?/(1[0-2]|[1-9])(:[0-5]\d)?c\b"),
         lambda m: f"{m[1]}{m[2] or ''}, {m[3]}{m[4] or ''} Central", needs=("0c",)),
    # a tennis set's tiebreak: 7-6(5) (was "seven to six (five)")
    Rule(re.compile(r"(?<![\w.-])(7)-(6)\((\d{1,2})\)|(?<![\w.-])(6)-(7)\((\d{1,2})\)"),
         tiebreak, needs=("0-0(0",)),
    # a car's fuel economy, city and highway: 32/41 mpg (was "thirty-two slash forty-one")
    Rule(re.compile(r"(?<![\w/.])(\d{2,3})/(\d{2,3})(?:/(\d{2,3}))?\s?mpg\b"
                    r"(?:\s?\(?city/(?:highway|hwy)(?:/comb(?:ined)?)?\)?)?"),
         lambda m: spaced(f"{cardinal(int(m[1]))} city, {cardinal(int(m[2]))} highway"
                          + (f", {cardinal(int(m[3]))} combined" if m[3] else "")
                          + " miles per gallon"), needs=("mpg",)),
    # a count of things of one weight or volume: 2 x 500 mg tablets, 1 x 23 kg (was "times")
    Rule(re.compile(r"(?<![\w.,])(?P<n>[1-9]|1[0-2]) ?[x×] ?(?=\d[\d,]*(?:\.\d+)? ?"
                    r"(?P<unit>kg|g|mg|mcg|µg|lbs?|oz|ml|mL|L|cl|gal)\b(?!/))"),
         times_amount, needs=("x", "×")),
    # a change's sign after a word that says which way: up +3.2%, fell -4%, down −$1.20
    Rule(re.compile(r"(?<![\w.])[+\-\u2212](?=[$€£¥₹]\d|\d[\d,]*(?:\.\d+)?(?:%?\s?(?:to|[-–])\s?"
                    r"[+\-\u2212]?\d[\d,]*(?:\.\d+)?)?\s?(?:%|pp\b|bps\b|pts\b|points?\b|"
                    r"basis points?\b|percent))"),
         sign_after_change, needs=("+", "-", "−")),
    Rule(re.compile(rf"(?P<sign>(?<![\w.])[+\-\u2212])?(?P<num>{NUM}) ?pp\b(?!\.\w)"),
         percentage_points, needs=("pp",)),  # -0.5 pp: percentage points
    # a quotient after a bracket or a power: n(n+1)/2, (a + b)/2, x³/3, x^2/2 (over; the slash
    # was dropped: "x cubed three")
    Rule(re.compile(r"(?<=\))/(?=\d)|(?:(?<=squared)|(?<=cubed)) ?/(?=\d)"), " over ",
         needs=("/",)),
    # an arrow up or down before a change: (↑18%), ▼ $2.31 (up, down; was dropped)
    Rule(re.compile(r"[↑↓▲▼]\s?(?=[+\-−]?[$€£¥₹]?\d)"), arrow_up_or_down, needs=tuple("↑↓▲▼")),
    # money written the continental way, and symbols after the amount: "1.299,00 €",
    # "€3,50", "25€", "12,99 EUR" become €1299.00, €3.50, €25, 12.99 EUR (read in 6.)
    Rule(re.compile(r"\bkr\.(?=\s?\d)|(?<=\d)(?:\s?)kr\.(?=\s+[a-z]|[,;:)])"),
         lambda m: m.group(0).removesuffix("."), needs=("kr.",)),  # kr. 99,95 and 10 kr. each
    Rule(re.compile(rf"(?<=[€₽])\s?({EUROPEAN_AMOUNT})|\b(?:{CONTINENTAL_CODES}|R\$)\s?({EUROPEAN_AMOUNT})"),
         lambda m: m.group(0).replace(m[1] or m[2], european_amount(m[1] or m[2])),
         needs=("€", "₽", "R$", *CONTINENTAL_CODES.split("|"))),
    Rule(re.compile(rf"({EUROPEAN_AMOUNT})(?=\s?{SUFFIX_CURRENCY})"),
         lambda m: european_amount(m[1]), needs=(*"$€£¥₹₩₽", *CODES)),
    Rule(re.compile(rf"{NEG}(?P<amt>{NUM})\s?(?P<cur>[$€£¥₹₩₽])(?![\w$€£¥₹₩₽])"),
         lambda m: f"{m['neg'] or ''}{m['cur']}{m['amt']}", needs=(*"$€£¥₹₩₽",)),
    # a range that repeats its currency and its scale says them once: €65k–€80k, sixty-five to
    # eighty thousand euros; $80-$120, eighty to one hundred twenty dollars (were "sixty-five
    # thousand euros to eighty thousand euros"); a range that falls may be a difference: kept
    Rule(re.compile(r"(?<![\w.,])(?P<c>[$€£¥₹₩₽])(?P<a>\d+(?:,\d{3})*(?:\.\d+)?)(?P<s>[kKMBT]|bn)?"
                    r"(?P<sep>\s?[-–]\s?| to | and )"
                    r"(?P=c)(?P<b>\d+(?:,\d{3})*(?:\.\d+)?)(?P<t>[kKMBT]|bn)?"
                    r"(?![\w$€£¥₹₩₽]|[.,]\d)"),
         repeated_currency, needs=(*"$€£¥₹₩₽",)),
    Rule(re.compile(r"(?<![\w.,])([$€£¥₹₩₽])(\d+(?:,\d{3})*(\.\d+)?)\s?[-–]\s?(?=\d)"),
         money_range,  # $5-10, $1-2 million: the currency goes with the second amount
         needs=(*"$€£¥₹₩₽",)),
    # and after a currency's code: CHF 49–89, USD 49-89 (was "forty-nine Swiss francs to
    # eighty-nine"): forty-nine to eighty-nine Swiss francs
    Rule(re.compile(r"(?<![\w.,$])(?P<code>USD|EUR|GBP|CHF|CAD|AUD|NZD|SGD|HKD|JPY|INR|CNY|SEK|NOK|DKK) ?"
                    r"(?P<a>\d+(?:,\d{3})*)\s?[-–]\s?(?=\d+(?:,\d{3})*(?!\d|[.,]\d|\s?[-–]))"),
         lambda m: f"{m['a']} to {m['code']} ", needs=("USD", "EUR", "GBP", "CHF", "CAD", "AUD", "NZD",
                                                       "SGD", "HKD", "JPY", "INR", "CNY", "SEK", "NOK", "DKK")),
    # a zone's offset: UTC-5, GMT+5:30 (the minus was dropped)
    Rule(re.compile(r"\b(UTC|GMT) ?([+-−]) ?(\d{1,2})(?::?([0-5]\d))?(?![\w:]|[.,]\d)"),
         lambda m: spaced(f"{m[1]} {'plus' if m[2] == '+' else 'minus'} {cardinal(int(m[3]))}"
                          + (f" {cardinal(int(m[4]))}" if m[4] and m[4] != "00" else "")),
         needs=("UTC", "GMT")),  # fmt: skip
    # a bare offset after a time, or where the text speaks of zones: 14:30:00-05:00, "ends in
    # +00:00 for UTC" (were "fourteen thirty to five o'clock", "plus zero hundred")
    Rule(re.compile(r"(?:(?<=\d:\d\d:\d\d)|(?<![\w:.+\-−]))(?P<sign>[+\-−])(?P<h>0\d|1[0-4]):"
                    r"(?P<m>00|15|30|45)(?![\d:]|[.,]\d)"),
         utc_offset, needs=("+00:00", "-00:00", "−00:00")),
    # a time in one zone, then in another: 9am PT/12pm ET (a pause; the slash was dropped)
    Rule(re.compile(rf"\b({TIME_ZONES}) ?/ ?(?=\d)"), r"\1, ", needs=("/",)),
    # thousands grouped the Swiss way, CHF 1'234.50, and the Indian way after the rupee's sign,
    # ₹1,23,456 (was "one rupee, twenty-three thousand ...")
    Rule(re.compile(r"(?:(?<=\bCHF)|(?<=\bCHF )|(?<=Fr\.)|(?<=Fr\. ))\d{1,3}(?:'\d{3})+(?![\d'\"])"
                    r"|(?<![\w'.^:/-])\d{1,3}(?:'\d{3})+(?=(?:\.\d{1,2})? ?(?:CHF\b|S?Fr\.))"),
         lambda m: m[0].replace("'", ""), needs=("0'000",)),
    Rule(re.compile(r"((?:₹|\bRs\.?|\bINR) ?)(\d{1,2}(?:,\d{2})+,\d{3})(?![\d,])"),
         lambda m: m[1] + m[2].replace(",", ""), needs=("₹", "Rs", "INR")),
    # hours with "a" and "p" for a.m. and p.m.: 10a-4p, 6a–11:30p (not 50p, pence)
    Rule(re.compile(r"(?<![\w.:])(1[0-2]|0?[1-9])(:[0-5]\d)?([ap])\s?[-–]\s?(1[0-2]|0?[1-9])(:[0-5]\d)?"
                    r"([ap])(?![\w'])"),
         lambda m: m[0] if m[3] == m[6] == "p"  # 5p-10p: pence
         else f"{m[1]}{m[2] or ''}{m[3]}m-{m[4]}{m[5] or ''}{m[6]}m",
         needs=("-", "–")),  # fmt: skip
    # a time with "a" or "p" for a.m. or p.m.: opens 7:45a, closes 9:30p (was "thirty pence")
    Rule(re.compile(r"(?<![\w.:])((?:1[0-2]|0?[1-9]):[0-5]\d)([ap])(?![\w'])"), r"\1\2m",
         needs=("0a", "0p")),
    Rule(re.compile(r"(?<![\w.,£$])(\d{1,2})p\b(?!\.[Mm]\b)"),  # a 50p coin, not 3p.m.
         lambda m: spaced(f"{cardinal(int(m[1]))} {'penny' if m[1] in ('1', '01') else 'pence'}"),
         needs=("0p",)),
    # a prescription's frequency: q12h, q4-6h (every twelve hours ...), 500 mg BID, 2 tabs PRN
    Rule(re.compile(r"\b(?:(?:q|q\.|q |q\. )(?P<a>\d{1,2})(?:\s?[-–]\s?(?P<b>\d{1,2}))?\s?(?:hours|hrs?|h)"
                    r"|Q(?P<c>\d{1,2})(?:[-–](?P<d>\d{1,2}))?[hH])\b"),  # Q4H; not "Q4 hours", a quarter's
         every_hours, needs=("q0", "q.0", "q 0", "q. 0", "Q0")),  # fmt: skip
    Rule(re.compile(rf"(?<![\w.])(?P<sig>{alternation(SIGS)})(?!\w|\.\w)"), read_sig,
         needs=tuple(SIGS)),
    # a course's length after a dose: "40 mg PO daily x 5 days" (for five days; was "x")
    Rule(re.compile(r"(?:(?<=[a-z.] )|(?<=[a-z.]  ))[x×] ?(?=\d{1,3} ?(?:days?|weeks?|wks?|months?"
                    r"|doses?)\b)"),  # q12h x 10 days: q12h's reading ends in a space
         "for ", needs=("x", "×")),
    Rule(re.compile(r"(?:(?<=[a-z.] )|(?<=[a-z.]  ))[x×] ?(\d{1,3})d\b"),  # TID x 7d
         lambda m: f"for {m[1]} day{'' if m[1] == '1' else 's'}", needs=("x", "×")),
    # extensions and identifiers are read digit by digit: "ext. 204", "order #123456789",
    # "verification code 583920", "card ending in 4242"
    Rule(re.compile(r"\bext\.?\s?(\d{1,6})\b", re.I), lambda m: spaced(f"extension {digits(m[1])}"),
         needs=("ext",)),
    # a UK postcode, character by character: SW1A 1AA (its last letters are never C I K M O V)
    Rule(re.compile(r"(?<![\w-])([A-Z]{1,2}\d[A-Z\d]?) (\d[ABD-HJLNP-UW-Z]{2})(?![\w-])"),
         lambda m: spaced(f"{spell(m[1])}, {spell(m[2])}")),
    # a Canadian postal code: M5V 3L9, K1A 0B1 (was "M five volts three L nine")
    Rule(re.compile(r"(?<![\w-])([A-CEGHJ-NPR-TVXY]\d[A-CEGHJ-NPR-TV-Z]) (\d[A-CEGHJ-NPR-TV-Z]\d)(?![\w-])"),
         lambda m: spaced(f"{spell(m[1])}, {spell(m[2])}")),
    # a postcode of five digits before its city, at an address's line: 10115 Berlin, Germany;
    # 75008 Paris (was "ten thousand one hundred fifteen")
    Rule(re.compile(r"(?:^|(?<=\n)|(?<=, ))(\d{5}) (?=[A-ZÀ-Þ][^\W\d_]+(?:[ -][A-ZÀ-Þ][^\W\d_]+)?"
                    r"(?:,|\.?$|\.?\n))"),
         lambda m: spaced(digits(m[1])), needs=("00000 ",)),
    # a wind's direction, digit by digit, as pilots and forecasts say it: Winds 270 at 15 (two
    # seven zero at fifteen; was "two hundred seventy")
    Rule(re.compile(r"\b((?:[Ww]inds?|WINDS?)(?: (?:from|are|were|of))? )([0-2]\d\d|3[0-6]0)"
                    r"(?=(?: ?°| degrees)? at \d{1,3}\b|@\d)"),
         lambda m: m[1] + spaced(digits(m[2])), needs=("ind", "IND")),
    # a reporter's volume and page, in pairs: 347 U.S. 483, 5 F.3d 123, 140 S. Ct. 1731 (three
    # forty-seven U S four eighty-three; was "three hundred forty-seven ...")
    Rule(re.compile(r"(?<![\w.,$])(\d{1,4}) (U S|(S)\. ?(Ct)\.|(L)\. ?(Ed)\."
                    r"|F (?:Supp )?(?:second|third|fourth)|F Supp) (\d{1,5})\b(?![.,]\d)"),
         lambda m: (f"{model_number(int(m[1]))} "
                    f"{' '.join(filter(None, m.group(3, 4, 5, 6))) or m[2]} "
                    f"{model_number(int(m[7]))}").replace("Ct", "C T"),
         needs=("0 U", "0 S", "0 L", "0 F")),
    # a federal case's number without its office: Case No. 22-cv-1043 (twenty-two, C V, ten
    # forty-three; was "two two, C V, one zero four three")
    Rule(re.compile(r"(?<![\w:.-])(\d{2})-(cv|cr|mj|mc|md|bk|ap|po|CV|CR|MJ|MC|MD|BK|AP|PO)-"
                    r"(\d{3,6})\b(?![.,]\d|-)"),
         lambda m: spaced(", ".join([two_digit_year(m[1]), spell(m[2].upper()),
                                     digits(m[3]) if m[3][0] == "0" or len(m[3]) > 4
                                     else model_number(int(m[3]))])),
         needs=("0-cv-", "0-cr-", "0-mj-", "0-mc-", "0-md-", "0-bk-", "0-ap-", "0-po-",
                "0-CV-", "0-CR-", "0-MJ-", "0-MC-", "0-MD-", "0-BK-", "0-AP-", "0-PO-")),
    Rule(re.compile(rf"\b(?P<word>{IDENTIFIER_WORDS})(?P<gap>(?:\s?(?:number|no\.|is|was|:|#)){{0,3}}"
                    r"\s?#?)(?P<id>(?=[A-Z0-9-]{3})(?=[\d-]*[A-Z])(?=[A-Z-]*\d)[A-Z0-9]+(?:-[A-Z0-9]+)*"
                    r"|\d{3,}(?: \d{2,})+|(?=[\d-]{6})\d+(?:-\d+)+|\d{4,})"
                    r"\b(?![.,]\d)", re.I),
         identifier,
         needs=("order", "code", "id", "pin", "otp", "tracking", "confirmation", "ref", "account",
                "acct", "invoice", "ticket", "case", "docket", "booking", "reservation", "serial", "claim",
                "policy", "member", "customer", "transaction", "receipt", "incident", "sku", "rma",
                "pnr", "voucher", "zip", "postal code", "ending in", "ends in", "last ", "plate", "vin")),  # fmt: skip
    # a code of capitals and digits after "number is": "Your Medicare number is 1EG4-TE5-MK73"
    Rule(re.compile(r"(?<![Mm]odel )\b(?P<word>[Nn]umber)(?P<gap>(?:\s?(?:is|was|:)){1,2}\s?)"
                    r"(?P<id>(?=[A-Z0-9-]{3})(?=[\d-]*[A-Z])(?=[A-Z-]*\d)[A-Z0-9]+(?:-[A-Z0-9]+)*)"
                    r"\b(?![.,]\d)"), identifier, needs=("umber",)),  # fmt: skip
    Rule(re.compile(r"(?<![\w&])#(\d{4,})\b(?![.,]\d)"), lambda m: spaced(f"number {digits(m[1])}"),
         needs=("#0000",)),
    # a version's pre-release: 1.0.0-rc.2, 2.0.0-beta.1 (were "rc point two", "beta point one")
    Rule(re.compile(r"(?<=\d\.\d)(\d{0,2}(?:\.\d{1,3})?)-(alpha|beta|rc|RC|pre|dev|preview|canary|nightly)"
                    r"\.?(\d{1,3})?(?![\w.-]|,\d)"),
         lambda m: f"{m[1]} {'R C' if m[2] in ('rc', 'RC') else m[2]}"
                   + (spaced(cardinal(int(m[3]))) if m[3] else " "),
         needs=("0-alpha", "0-beta", "0-rc", "0-RC", "0-pre", "0-dev", "0-canary", "0-nightly")),  # fmt: skip
    # a standard's number, part and year: ISO-8859-1, ISO 9001:2015, IEC 61131-3 (were a
    # cardinal and a range, or a ratio: "twenty-seven thousand one to twenty twenty-two")
    Rule(re.compile(rf"\b(?P<body>{alternation(STANDARD_BODIES)})[ -](?P<num>\d{{3,5}})"
                    r"(?P<parts>(?:-\d{1,4})*)(?::(?P<year>(?:19|20)\d\d))?\b(?![.,:]\d|-\w)"),
         standard, needs=STANDARD_BODIES),
    # a CVE's year and number: CVE-2024-3094 (C V E twenty twenty-four, three zero nine four)
    Rule(re.compile(r"\bCVE-(\d{4})-(\d{4,7})\b(?![.,]\d)"), cve, needs=("CVE-",)),
    # memory's generation and speed: DDR5-6000, LPDDR5X-8533 (was spelled, "D D R five, six zero
    # zero zero": now DDR5 six thousand)
    Rule(re.compile(r"\b((?:LP)?DDR\d[X]?)-(\d{4})\b(?![.,]\d)"),
         lambda m: f"{m[1]} " + spaced(model_number(int(m[2]))), needs=("DDR",)),
    # a mixture of experts' size: Mixtral 8x7B, 8x22B (was "eight times seven B")
    Rule(re.compile(r"(?<![\w.])([1-9]\d?)x(\d{1,3}(?:\.\d)?[BM])\b"), r"\1 by \2", needs=("0x",)),  # not 0x1B
    # a code of capitals and five digits or more, character by character: KB5034441 (was "K B
    # five million ..."); capitals and digits, a hyphen and digits: AB12-34 (was a range)
    Rule(re.compile(r"(?<![\w-])[A-Z]{1,4}\d{5,}(?![\w-]|[.,]\d)"), lambda m: spaced(spell(m[0]))),
    Rule(re.compile(r"(?<![\w-])(?!(?:FY|CY|AY|SY|MY)\d)[A-Z]{2,4}\d{1,4}-\d{1,4}(?![\w-]|[.,]\d)"),
         lambda m: spaced(spell(m[0])), needs=("0-0",)),
    # a code of capitals and groups of digits is an identifier too: CS-2024-88123, GC-8842-1193
    Rule(re.compile(r"(?<![\w-])[A-Z]{1,4}(?:(?:-\d{3,}){2,}|-\d{5,})(?![\w-]|[.,]\d)"),
         lambda m: spaced(spell(m[0])), needs=("-000",)),
    # a public law's Congress and number, in pairs: Public Law 117-169 (one seventeen, one
    # sixty-nine; was a range)
    Rule(re.compile(r"\b(Public Law (?:No\.|number) |Public Law )(\d{2,3})-(\d{1,4})\b(?![.,]\d|-)"),
         lambda m: m[1].replace("No.", "number") + spaced(
             f"{model_number(int(m[2]))}, {model_number(int(m[3]))}"),
         needs=("Public Law",)),
    # a House bill's number, in pairs: H.R. 3684 (H R thirty-six eighty-four)
    Rule(re.compile(r"\bH R (\d{3,4})\b(?![.,]\d)"),
         lambda m: "H R " + spaced(model_number(int(m[1]))), needs=("H R 000",)),
    # a federal case's number: 1:23-cv-04567 (office, year, type, number, a judge's initials)
    Rule(re.compile(r"(?<![\w:.-])(\d{1,2}):(\d{2})-([a-zA-Z]{2,3})-(\d{3,6})((?:-[A-Z]{2,4})*)\b(?![.,]\d|-)"),
         lambda m: spaced(", ".join([cardinal(int(m[1])), two_digit_year(m[2]), spell(m[3].upper()),
                                     digits(m[4]), *(spell(g) for g in m[5].split("-") if g)])),
         needs=("0:00-",)),  # fmt: skip
    # a range of sections with letters: §§ 78a–78qq (seventy-eight a to seventy-eight q q), and
    # a hyphen's number after one: §§ 2000e–2000e-17 (... two thousand e dash seventeen; was "minus")
    Rule(re.compile(r"(§\s?§?\s?|\b[Ss]ections\s)(\d{1,5})([a-z]{1,3})(-\d{1,3})?\s?[-–]\s?"
                    r"(\d{1,5})([a-z]{1,3})(-\d{1,3})?\b"),
         lambda m: f"{m[1]}{m[2]} {' '.join(m[3])}{section_dash(m[4])} to {m[5]} {' '.join(m[6])}{section_dash(m[7])} ",
         needs=("§", "ections")),  # fmt: skip
    # one section's number with a hyphen, as the U.C.C.'s: § 2-207 (two dash two oh seven; was
    # "two to two hundred seven"); §§ 101-105 stays a range
    Rule(re.compile(r"(?<!§)(§\s?)(\d{1,2})-(\d{3})((?:\((?:[a-z]{1,4}|[A-Z]|\d{1,2})\)){0,5})"
                    r"(?![\w(-]|[.,]\d)"),
         lambda m: m[1] + spaced(" ".join([cardinal(int(m[2])), "dash", model_number(int(m[3])),
                                           *re.findall(r"\(([^()]*)\)", m[4])])),
         needs=("§",)),
    # a rule's or section's paragraphs: Rule 12(b)(6), Article 6(1)(f), Section 501(c)(3)
    # (twelve b six; the brackets were read); one bracket only with letters: Section 10(b)
    Rule(re.compile(r"(?<![\w.])(\d{1,4})((?:\((?:[a-z]{1,4}|[A-Z]|\d{1,2})\)){1,5})(?![\w(])"),
         paragraphs, needs=("0(",)),
    # a clause's decimal number and its paragraphs: Clause 4.2(b) (four point two b; the
    # brackets were read)
    Rule(re.compile(r"(?:(?<=[Cc]lause )|(?<=[Ss]ection )|(?<=§ )|(?<=§)|(?<=[Aa]rticle )"
                    r"|(?<=[Pp]aragraph ))(\d{1,2}\.\d{1,2})((?:\((?:[a-z]{1,4}|[A-Z]|\d{1,2})\))"
                    r"{1,5})(?![\w(])"),
         lambda m: spaced(" ".join([read_number(m[1]), *(
             cardinal(int(mark)) if mark.isdigit() else mark
             for mark in re.findall(r"\(([^()]*)\)", m[2]))])),
         needs=("0(",)),
    # retirement plans and tax forms as they are said: 401(k), Form 1099, the 1040 form
    Rule(re.compile(r"\b(401|403|457)\(([kb])\)"), lambda m: spaced(f"{in_pairs(int(m[1]))} {m[2]}"),
         needs=("000(",)),
    Rule(re.compile(r"\b([Ff]orms?\s)(\d{3,4})(?:-(?=[A-Z]{1,4}\b)|\b(?![.,]\d))"),
         lambda m: m[1] + spaced(model_number(int(m[2]))),  # Form 1099-NEC: ten ninety-nine NEC
         needs=("orm",)),
    Rule(re.compile(r"\b(1040|1099|1098|1095)(?:-(?=[A-Z]{2,4}\b)|(?=\s+forms?\b))"),
         lambda m: spaced(in_pairs(int(m[1]))), needs=("0000",)),
    Rule(re.compile(r"\b((?:call|dial)(?:ed|led|ing|s)?|text(?:ed|ing|s)?)\s(911|999|112|988)\b", re.I),
         lambda m: f"{m[1]} " + spaced(digits(m[2])),  # emergency numbers: "call nine one one"
         needs=("call", "dial", "text")),
    # and where the text speaks of emergencies, or joined to one read so: "emergency services
    # are 112", "dial 999 or 112", "911 calls" (were "one hundred twelve", "nine hundred eleven")
    Rule(re.compile(r"(?<![\w.,$€£/#+-])(911|999|112|988|000)\b(?![.,:/-]\d|\s?%)"), emergency_number,
         needs=("000",)),
    Rule(re.compile(r"\b((?i:text|txt|reply|send)(?:ed|ing|s)?\s+(?:[A-Z]{2,10}|\"[A-Za-z]{1,12}\")"
                    r"\s+to\s)(\d{4,6})\b(?![.,]\d)"),
         lambda m: m[1] + spaced(digits(m[2])),  # a short code: "text STOP to one two three ..."
         needs=("0000",)),
    Rule(re.compile(r"\b((?i:text|txt)(?:ing)?\s)(\d{5,6})\b(?![.,]\d|\s+[a-z]+s\b)"),
         lambda m: m[1] + spaced(digits(m[2])),  # "Text 741741 for help" (not "a text 50000 words")
         needs=("00000",)),
    Rule(re.compile(r"(?<![\w.-])50[-/]50(?![\w.-]|/\d)"), "fifty-fifty",  # a 50-50 chance
         needs=("00-00", "00/00")),
    Rule(re.compile(r"(?<![\w./])9/11(?![\w/]|\.\d)"), "nine eleven",  # not "nine elevenths"
         needs=("0/00",)),
    # a Bible verse: Mark 16:9, 1 Corinthians 13:4-7 (Mark sixteen nine; not "sixteen by nine")
    Rule(re.compile(rf"\b([123]|I{{1,3}}) (?=(?:{'|'.join(NUMBERED_BOOKS)}) [1-9]\d{{0,2}}:[1-9])"),
         lambda m: f"{BOOK_ORDINALS[m[1]]} ",
         needs=NUMBERED_BOOKS),
    Rule(re.compile(r"(?<=[a-z] )(?P<ch>[1-9]\d{0,2}):(?P<v>[1-9]\d{0,2})"
                    r"(?:\s?[-–]\s?(?P<v2>[1-9]\d{0,2}))?(?![\w:]|[.,]\d|\s?[AaPp]\.?[Mm]\b)"),
         verse, needs=("0:0",)),  # fmt: skip
    # a package pinned to a version: torch==2.1.0 (torch version two dot one dot zero)
    Rule(re.compile(r"(?<=[\w\]][\w\]])==(?=\d+\.\d)"), " version ", needs=("==",)),
    # a listing's bedrooms and baths: 3BR/2BA, 4 bd / 2.5 ba (three bedroom, two bath)
    Rule(re.compile(r"(?<![\w.])(\d{1,2}) ?(?:BR|BD|Br|Bd|br|bd|bdrm|bed) ?(?:/|/ )(\d(?:\.5)?) ?"
                    r"(?:BA|Ba|ba|bth|bath)\b"),
         lambda m: spaced(f"{cardinal(int(m[1]))} bedroom, {bath(m[2])} bath"),
         needs=("/0", "/ 0")),
    # a source file's line and column, as a stack trace or a linter writes them:
    # ProductList.jsx:18:27 (was "eighteen to twenty-seven"), main.py:42
    Rule(re.compile(rf"(?P<file>(?<![\w./\\-])[\w./\\-]*\w\.(?:{SOURCE_EXTENSIONS})):(?P<line>\d{{1,6}})"
                    r"(?::(?P<col>\d{1,4}))?(?!\w|:\d|[.,]\d)"),
         line_and_column, needs=(":0",)),
    Rule(re.compile(r"(?<![\w.])(\d{1,3}(?:\.\d{1,3}){3}|localhost):(\d{2,5})\b(?![.,]\d)"),
         host_port, needs=(":00",)),  # 10.0.0.1:5432, localhost:8080/api
    # a port mapping, host's then container's: docker run -p 8080:80 (no ratio, no time)
    Rule(re.compile(r"(?P<cue>(?<![\w-])(?:-p|--publish|-L|-R)[ =]|\bdash [pLR] |\b(?i:ports?|expose[sd]?):?\s"
                    r"|\b(?i:port )?(?i:mappings?|map|maps|mapped)(?: (?:to|of|from))?\s)"  # the mapping to "8081:8080"
                    r"(?P<quote>[\"']?)"
                    r"(?P<a>\d{2,5}):(?P<b>\d{2,5})(?:/(?P<proto>tcp|udp))?\b(?![.,:]\d)"),
         port_mapping, needs=("0:00",)),
    # a port and its protocol: 443/tcp, 53/udp (were "four hundred forty-three tcp"), and a
    # mapping with one, 8080:80/udp, without a command before it (was "eight thousand eighty
    # to eighty udp")
    Rule(re.compile(r"(?<![\w.:/-])(?:(?P<a>\d{2,5}):)?(?P<b>\d{1,5})/(?P<proto>tcp|udp|sctp|TCP|UDP|SCTP)\b"
                    r"(?![/-]\w|[.,]\d)"),
         lambda m: spaced((f"{read_port(m['a'])} colon " if m["a"] else "")
                          + f"{read_port(m['b'])} slash {spell(m['proto'])}"),
         needs=("0/tcp", "0/udp", "0/sctp", "0/TCP", "0/UDP", "0/SCTP")),  # fmt: skip
    # a road's number and its direction's letter: Route 9W, US 1A (was "nine watts")
    Rule(re.compile(r"\b((?:High|Free)way|Route|US)\s(\d{1,3})([NSEWA-D])\b(?![.,]\d)"),
         lambda m: f"{m[1]} " + spaced(f"{model_number(int(m[2]))} {m[3]}"),
         needs=("Highway", "Freeway", "Route", "US")),
    # a road's number, in pairs as it is said: Highway 101 (one oh one), I-405, Route 128
    Rule(re.compile(r"\b(?:((?:High|Free)way|Route|Interstate)\s|(I)-)(\d{3})\b(?![.,]\d)"),
         lambda m: (f"{m[1]} " if m[1] else "I ") + spaced(in_pairs(int(m[3]))),
         needs=("Highway", "Freeway", "Route", "Interstate", "I-")),
    # a room's, suite's, flight's or bus's number, in pairs as it is said: Room 101 (one oh one),
    # Flight 370 (three seventy), Suite 1204 (was "one hundred one", "three hundred seventy")
    # a house number before a numbered street, in pairs: 350 5th Ave (was "three hundred fifty
    # fifth Avenue", heard as the 355th)
    Rule(re.compile(r"(?<![\w.,#$])(\d{3,4})(?= \d{1,3}(?:st|nd|rd|th) (?:Street|Avenue|Road|"
                    r"Boulevard|Place|Drive|Lane|Court|Terrace|Parkway)\b)"),
         lambda m: spaced(code_number(m[1])), needs=("0st ", "0nd ", "0rd ", "0th ")),
    Rule(re.compile(r"(?<![\w.,#])(?P<hash>#\s?)?(?P<num>\d{3,4})\b(?![.,/:–-]\d)"), labelled_number,
         needs=("000",)),
    Rule(re.compile(r"\b([Pp]ort)\s(\d{2,4})\b(?![.,]\d)"),  # port 8080: "eighty eighty"
         lambda m: f"{m[1]} " + spaced(model_number(int(m[2]))), needs=("ort",)),
    # a range between two numbers with the same letters before them: Q1-Q3, FY23-FY25, A1-A5
    Rule(re.compile(r"\b([A-Z]{1,3})(\d{1,4})\s?[-–]\s?(?=\1\d{1,4}\b)"), r"\1\2 to ",
         needs=("-", "–")),
    # a toll-free vanity number: 1-800-FLOWERS, 1-888-GO-DELTA (one eight eight eight ...)
    Rule(re.compile(r"(?<![\w-])(1[-. ])?(8(?:00|33|44|55|66|77|88))-(?=[A-Z0-9]*[A-Z]{2})"),
         lambda m: spaced(("one " if m[1] else "")
                          + ("eight hundred" if m[2] == "800" else digits(m[2]))),
         needs=("000-",)),  # fmt: skip
    # a processor's model, as it is said: i7-13700K (i seven thirteen seven hundred K), Ryzen 9
    # 7950X (seventy-nine fifty X); an airliner's variant: Boeing 737-800, A350-900 (no range)
    Rule(re.compile(r"\b(i[3579])-(\d{4,5})([A-Z]{0,2})\b(?![.,]\d)"),
         lambda m: f"{m[1]} " + spaced(processor_model(m[2], m[3])), needs=("i0-",)),
    Rule(re.compile(r"\b(Ryzen(?: Threadripper)? [3579]) (\d{4})([A-Z]{1,2}3?D?)\b"),
         lambda m: f"{m[1]} " + spaced(processor_model(m[2], m[3])), needs=("Ryzen",)),
    Rule(re.compile(r"\b((?:Boeing |Airbus |A)[37]\d{2})-(?=\d{1,3}(?:[A-Z]{1,3})?s?\b(?![.,]\d)|1000\b)"),
         r"\1 ", needs=("00-",)),
    # a connection's speeds, down and up, before one unit: 500/50 Mbps (was "five hundred slash
    # fifty megabits per second"); 1000/1000 Mbps, the same both ways
    Rule(re.compile(r"(?<![\w.,/$€£-])(?P<down>\d{1,5}(?:\.\d{1,2})?)/(?P<up>\d{1,5}(?:\.\d{1,2})?) ?"
                    r"(?P<unit>[kMG](?:bps|b/s|bit/s))(?![\w/])"),
         down_and_up, needs=("bps", "b/s", "bit/s")),
    # an HTTP status after its cue, with up to three more joined to it: HTTP 401/403, status
    # code 404, returned a 503 (were "four hundred one slash ...", "four hundred four")
    Rule(re.compile(r"\b(?P<cue>HTTP(?:/\d(?:\.\d)?)?:? |[Ss]tatus(?: [Cc]ode)?:? |(?:[Rr]esponse|[Ee]rror) "
                    r"[Cc]ode:? |(?:[Rr]eturn(?:s|ed|ing)?|[Gg]ot|[Gg]ets?|[Tt]hrows?|[Tt]hrew|[Ss]en(?:ds?|t)) an? )"
                    rf"(?P<codes>{HTTP_CODE}(?:{HTTP_JOIN}{HTTP_CODE}){{0,3}})"
                    r"(?![\w.,:/-]?\d)"),
         lambda m: m["cue"] + spaced(HTTP_CODES.sub(http_code, m["codes"])),
         needs=("000",)),
    # and without the article, where the text speaks of the web: returns 401 or 403, respond
    # with 429 (were "four hundred one"; "returns 200 rows" stays a count)
    Rule(re.compile(r"\b(?P<cue>(?:[Rr]eturn(?:s|ed|ing)?|[Rr]espond(?:s|ed|ing)? with|[Gg]ot|[Gg]ets?|"
                    r"[Tt]hrows?|[Tt]hrew|[Ss]en(?:ds?|t)|[Ff]ail(?:s|ed)? with|[Ee]xpect) )"
                    rf"(?P<codes>{ANY_STATUS}(?:{HTTP_JOIN}{ANY_STATUS}){{0,3}})"
                    r"(?![\w.,:/%-]?\d|[\w%]|\s+(?:[a-z]+s|item|record|row|result|line|byte|element|object|"
                    r"document|value|character|word|user|hit|match|page|time|percent)\b)"),
         bare_http_code, needs=("000",)),
    # a status before what it answers, where the text speaks of the web: 200 on success and 404
    # otherwise, 404 if the user is missing, 404 on a missing id (were "four hundred four")
    Rule(re.compile(rf"(?<![\w.,$€£/#-])(?P<cue>)(?P<codes>{ANY_STATUS})(?= (?:on (?:success|error|errors|failure)|"
                    r"otherwise|if|when|for (?:invalid|missing|unknown|bad|unauthori[sz]ed|expired))\b)"),
         bare_http_code, needs=("0 on ", "0 otherwise", "0 if", "0 when", "0 for ")),
    Rule(re.compile(rf"(?<![\w.,$€£/#-])(?P<cue>)(?P<codes>{ANY_STATUS})(?= (?:on|for) )"
                    rf"(?= (?:on|for) {FAULTY}\b)"),
         bare_http_code, needs=("0 on ", "0 for ")),  # 404 on a missing id
    # statuses joined before their word: a 401 or 500 response, 401/403 codes (the first was
    # "four hundred one"; not a count's plural, "410 or 450 errors")
    Rule(re.compile(rf"(?<![\w.,$€£/#-])(?P<codes>{STATUS}(?:{HTTP_JOIN}{STATUS}){{1,3}})"
                    r"(?= (?:error|response|status|code|status codes|codes|statuses)\b)"),
         lambda m: spaced(HTTP_CODES.sub(http_code, m["codes"])), needs=("0 ", "0/", "0,")),
    # an HTTP status before its reason or "error": a 404 error, 502 Bad Gateway (were "four
    # hundred four", "five hundred two"); 5xx errors (was "five xx"); a status's plural, 404
    # errors, 503 responses (not a round count: "500 errors" may be five hundred of them)
    Rule(re.compile(r"(?<![\w.,$€£/#-])(?P<code>4(?!00)[0-4]\d|45[01]|5(?!00)[01]\d)(?= (?:errors|responses)\b)"),
         lambda m: spaced(model_number(int(m["code"]))), needs=("000 ",)),
    Rule(re.compile(r"(?<![\w.,$€£/#-])(?P<code>4[0-4]\d|45[01]|50\d|51[01])(?= (?:error|page|response|"
                    r"status|Not Found|Bad Request|Unauthorized|Forbidden|Method Not Allowed|Conflict|"
                    r"Gone|Too Many Requests|Internal Server Error|Bad Gateway|Service Unavailable|"
                    r"Gateway Timeout)\b)"),
         lambda m: spaced(model_number(int(m["code"]))), needs=("000 ",)),
    Rule(re.compile(r"(?<![\w.])([1-5])(?:xx|XX)\b"), lambda m: spaced(f"{ONES[int(m[1])]} X X"),
         needs=("0xx", "0XX")),
    # a file's mode after chmod, digit by digit: chmod 755 (was "seven hundred fifty-five")
    Rule(re.compile(r"\b(chmod (?:[^\s\d]\S{0,8} ){0,2})([0-7]{3,4})\b"), lambda m: m[1] + spaced(digits(m[2])),
         needs=("chmod",)),
    # and after "mode" or "permissions" where its text speaks of files: mode 600, permissions
    # 0644 on the key (was "six hundred"; "mode 300 of the engine" stays)
    Rule(re.compile(r"\b((?:mode|permissions?|perms)(?: (?:of|to|is|are|at))? )([0-7]{3,4})\b(?![.,]\d)", re.I),
         lambda m: m[1] + spaced(digits(m[2]))
         if FILES.search(m.string, max(0, m.start() - 200), m.end() + 200) else m[0],
         needs=("mode", "permission", "perms")),
    # a count of thousands joined to its noun: a 200K-token context (was "two hundred K-token")
    Rule(re.compile(r"(?<![\w.,])(?P<num>\d{1,4}(?:\.\d{1,2})?)(?P<scale>[kKM])-(?=(?:tokens?|words?|"
                    r"lines?|steps?|rows?|samples?|param(?:eter)?s?|users?|members?|char(?:acter)?s?|"
                    r"context|pages?|miles?|images?|records?|keys?|entries|entry|items?|vectors?|"
                    r"documents?|docs?|files?|nodes?|requests?|events?|messages?|views?|subscribers?)\b)"),
         lambda m: spaced(f"{read_number(m['num'], False)} "
                          f"{'million' if m['scale'] == 'M' else 'thousand'}"),
         needs=("0k-", "0K-", "0M-")),  # fmt: skip
    # a Boeing's number without the name, before a variant or MAX: 737 MAX 8, 787-9, 777X,
    # 777-300ER (were "seven hundred thirty-seven MAX", "seven hundred eighty-seven to nine")
    Rule(re.compile(r"(?<![\w.,$€£/-])(?P<num>7[0-8]7)(?:(?P<tail> MAX\b|X\b|[EL]R\b)|-(?P<var>[7-9]|10|[1-9]00)"
                    r"(?=(?:[A-Z]{1,2})?\b(?![.,]\d|-\d)))"),
         boeing, needs=("000 MAX", "000X", "000ER", "000LR", "000-0")),  # fmt: skip
    # a model's size in millions after its name (of capitals and small letters) and a hyphen:
    # SmolLM-135M, SmolLM2-360M (M a letter, as B is in Qwen2.5-72B; was "SmolLM- one hundred
    # thirty-five million"); not EST-2M
    Rule(re.compile(r"(?<![\w.-])(?P<name>(?=[a-z]*[A-Z])(?=[A-Z]*[a-z])[A-Za-z]{2,}(?:\d{1,2}(?:\.\d{1,2})?)?)-"
                    r"(?P<n>\d{1,4}(?:\.\d{1,2})?)M\b(?![.,]\d)"),
         lambda m: m[0] if m["name"] in CODES else f"{m['name']} {read_number(m['n'], False)} M",
         needs=("0M",)),  # fmt: skip
    # a model's version joined to its name, then its size: Qwen2.5-72B (was "... to seventy-two B")
    Rule(re.compile(r"(?<=[A-Za-z]\d)(?P<v>(?:\.\d{1,2})?)-(?=\d{1,4}(?:\.\d{1,2})?[BM]\b)"
                    r"|(?<=[A-Za-z]\d\d)(?P<w>(?:\.\d{1,2})?)-(?=\d{1,4}(?:\.\d{1,2})?[BM]\b)"),
         lambda m: (m["v"] or m["w"] or "") + " ", needs=("0B", "0M")),
    # 0. a chain of hyphens with a word in it is not a range: 1-800-FLOWERS, Llama-3-8B-Instruct
    Rule(re.compile(r"(?<=\d)-(?=\d+[A-Za-z]+-|\d+-[A-Z]{3})"), " ", needs=("0-",)),
    # and after a name joined by a hyphen: Llama-3-70B, Llama-3.1-8B, ISO-8859-1 (were ranges)
    Rule(re.compile(r"(?<![\w.-])[A-Za-z][A-Za-z.]*(?:-[A-Za-z][A-Za-z.]*)*-(?P<a>\d{1,4}(?:\.\d{1,2})?)-"
                    r"(?P<b>\d{1,4}(?:\.\d{1,2})?)(?P<size>[A-Za-z]{1,2})?(?![\w.-]|,\d)"),
         named_chain, needs=("0-0",)),
    Rule(re.compile(r"\b0x([0-9A-Fa-f]{1,16})\b"),  # 0x80070005: hexadecimal, read as written
         lambda m: spaced("hex " + " ".join(ONES[int(c)] if c.isdigit() else c.upper()
                                            for c in m[1])),
         needs=("0x",)),  # fmt: skip
    # a number joined to a unit by a hyphen before a noun: singular (a 30-min call, a 5-lb bag,
    # the 10-yr Treasury)
    Rule(re.compile(rf"(?<![\w.-])(\d+(?:\.\d+)?)-({alternation(WORD_UNITS)})(?=\s+(?!I\b)[A-Za-z])"),
         lambda m: f"{m[1]} {UNITS[m[2]][0]}", needs=("0-",)),
    # a number joined to a word by a hyphen ("24-hour", "3-day"): the hyphen is not read
    Rule(re.compile(r"(?:(?<=\d)|(?<=\d(?:st|nd|rd|th))|(?<=\d0s))-(?=[A-Za-z]{2})"
                    rf"(?!(?:{alternation([*MONTHS, *MONTH_ABBR])})\b)"),
         " ", needs=("-",)),  # 19th-century, 1980s-era; not "Jan 5-Feb 3", a range  # fmt: skip
    Rule(re.compile(r"(?<=\d)-(?=[A-Z](?![\w$-]))"), " ", needs=("0-",)),  # a 10-K, 3-D: ten K
    Rule(re.compile(r"(?<![\w.])v(?=\d)"), "version ", needs=("v0",)),  # v18.17.0, API v2
    Rule(re.compile(r"(?<=\d)\.[xX](?!\w|\.\w)"), " dot x",  # Python 3.x, npm 9.x
         needs=("0.x", "0.X")),
    # an IEEE 802 standard: 802.11ax (eight oh two point eleven A X), 802.1X, 802.15.4
    Rule(re.compile(r"(?<![\w.])802((?:\.\d{1,2}){1,2})([a-z]{1,2}|[A-Z])?((?:/[a-z]{1,2})*)"
                    r"(?!\w|/\w|\.\d)"),
         ieee_802, needs=("000.0",)),
    # a range of numbered sections or versions: sections 11.1-11.11, Python 3.9-3.12
    Rule(re.compile(r"(?<![\w.])(?P<a>\d{1,3})\.(?P<b>\d{1,3})\s?[-–]\s?"
                    r"(?P<c>\d{1,3})\.(?P<d>\d{1,3})"
                    rf"(?![\w%]|[.,]\d|\s?(?:{alternation(UNITS)})(?![\w°/]))"),
         numbered_range, needs=("-", "–")),  # fmt: skip
    # a build's number: build 22631.3155 (was "twenty-two thousand ... point three one five five")
    Rule(re.compile(r"(?<=\b[Bb]uild )(\d{3,6})\.(\d{1,5})(?!\w|[.,]\d)"),
         lambda m: spaced(f"{version_part(m[1])} dot {version_part(m[2])}"), needs=("uild 0",)),
    # a version or later: macOS 14.4+, Python 3.9+ (was "fourteen point four plus")
    Rule(OR_LATER, r"\1 or later", needs=("0+",)),
    # a version joined to its program's name: python3.11, pip3.12 (was "three point one one")
    Rule(re.compile(r"\b(python|Python|pip|ruby|perl|php)(?=\d\.\d{1,2}\b)"),
         lambda m: {"python": "Python", "ruby": "Ruby", "perl": "Perl", "php": "PHP"}.get(
             m[1], m[1]) + " ", needs=("python", "Python", "pip", "ruby", "perl", "php")),
    # a version after its product's name: Python 3.11 (three point eleven), Ubuntu 22.04
    Rule(re.compile(r"(?<=[\s=<>])(?P<major>\d{1,3})\.(?P<minor>[1-9]\d{1,2})(?![\w%]|[.,]\d)"
                    rf"(?!\s?(?:{alternation(UNITS)})(?![\w°/]))"),
         version, needs=("0.00",)),
    Rule(re.compile(r"\bUbuntu\s(?P<major>\d{2})\.(?P<minor>0[1-9]|1[0-2])"
                    r"(?:\.(?P<patch>\d{1,2}))?(?![\w%]|[.,]\d)"),
         ubuntu, needs=("Ubuntu",)),
    # a ZIP code after a city and a state's code, digit by digit: "Austin, TX 78701"
    Rule(re.compile(rf"(?<=, )({STATES})\s(\d{{5}})(?:-(\d{{4}}))?\b"),
         lambda m: f"{m[1]} " + spaced(", ".join(digits(g) for g in m.groups()[1:] if g)),
         needs=("00000",)),
    # scientific notation: 1e-5, 3.0e8
    Rule(re.compile(r"(?<![\w.])(\d{1,9}(?:\.\d{1,9})?)[eE]([-+\u2212]?)(\d{1,3})\b"
                    rf"(?:\s?(?P<unit>{alternation(UNITS)})(?![\w°/]))?"),
         scientific, needs=("0e", "0E")),  # fmt: skip
    # a unit per a count of hours or days: 1,200mg/24h, 4 g/24 hours (was "mg twenty-four hours")
    Rule(re.compile(rf"(?P<num>(?<![\w.,/-]){NUM})\s?(?P<unit>{FRACTION_UNITS})\s?/\s?"
                    r"(?P<n>\d{1,3})\s?(?P<per>h|hrs?|hours?|d|days?)\b(?![/.]\w)"),
         per_hours, needs=("/",)),
    # and after a count's noun: max 5 doses/24 h (was "doses twenty-four h"); after a span's
    # own, the two spans of a stay: 3 nights/4 days (was "per four days") -> and
    Rule(re.compile(r"(?<=[a-z]{2})/(?P<n>\d{1,3})\s?(?P<per>h|hrs?|hours?|d|days?)\b(?![/.]\w)"),
         lambda m: f" and {m[0][1:]}" if SPAN_BEFORE_SLASH.search(
             m.string, max(0, m.start() - 8), m.start()) else
         f" per {cardinal(int(m['n']))} {'hour' if m['per'][0] == 'h' else 'day'}"
         f"{'' if m['n'] == '1' else 's'}", needs=("/0",)),
    # a range of times as Europe writes them: 9h-17h, 8h30–17h (was "nine hours, seventeen hours")
    Rule(H_RANGE, h_time_range, needs=("0h",)),
    # a time past noon after "at", "from", "until" ...: at 17h (was "seventeen hours")
    Rule(re.compile(r"(?<![\w.:])(1[3-9]|2[0-3])h(?!\w|[.,]\d)"), h_time_after_cue, needs=("0h",)),
    # durations (1h30m, 2h, 5m30s), video resolutions (1080p), heights (5'11")
    Rule(re.compile(r"(?<![\w.:])(?<!\d[-–])(?:(?P<h>\d{1,3})h)(?:\s?(?P<m>\d{1,2})m(?:in)?)?"
                    r"(?:\s?(?P<s>\d{1,2})s)?(?!\w)"),
         duration, needs=("0h",)),  # fmt: skip
    # ... and with its units spaced: a sol of 24 h 37 m 22 s (was "thirty-seven meters")
    Rule(re.compile(r"(?<![\w.:])(?P<h>\d{1,3}) h (?P<m>\d{1,2}) m(?: (?P<s>\d{1,2}) s)?(?![\w/])"),
         duration, needs=("0 h 0",)),
    Rule(re.compile(r"(?<![\w.])(?P<m>\d{1,3})m\s?(?P<s>\d{1,2})s(?!\w)(?P<h>)"), duration,
         needs=("0m",)),
    Rule(re.compile(rf"(?<![\w.])({RESOLUTIONS})p(?:(24|25|30|50|60|90|120|144|240)(?!\w))?\b"),
         lambda m: spaced(f"{in_pairs(int(m[1]))} p" + (f" {m[2]}" if m[2] else "")),
         needs=("000p",)),  # 1080p60: ten eighty p sixty (was "one thousand eighty p sixty")
    # x between feet and inches and feet: 12'6" x 15' (was "six inches x fifteen feet")
    Rule(re.compile(r"(?<=\d\")\s?[x×]\s?(?=\d{1,3}'(?!')|\d'\s?\d)|(?<=\d')\s?[x×]\s?(?=\d'\s?\d{1,2}\")"),
         " by ", needs=("0\"", "0'")),
    Rule(re.compile(r"(?<![\w.])(?P<ft>\d)'\s?(?P<in>\d{1,2})(?:\"|'')(?!\w)"), feet_inches,
         needs=('0"', "0''")),
    Rule(re.compile(r"(?<![\w.'])(?P<ft>[4-7])'(?P<in>\d|1[01])(?![\w'\"]|[.,]\d)"), feet_inches,
         needs=("0'0",)),
    Rule(re.compile(r"(?<![\w.])(?P<ft>\d{1,2})\s?(?:ft|feet|foot)\.?\s(?P<in>\d{1,2})\s?in\b(?:\.(?=\s+[a-z]))?"),
         feet_inches,  # 6 ft 2 in: "in" after feet is inches (not "2 in 3 people")
         needs=("ft", "feet", "foot")),
    # a side's letter in a size: 36" W x 70" H x 31" D, 90 cm W x 60 cm D (were "inches W",
    # "x"): thirty-six inches wide by seventy inches high by ...
    Rule(re.compile(r"(?<![\w.])(?P<size>\d{1,4}(?:\.\d{1,2})?\s?(?:\"|cm|mm|in|ft|m))\s?"
                    r"(?P<side>[WHDL])(?![\w'\"])"), side_letter, needs=("W", "H", "D", "L")),  # fmt: skip
    Rule(re.compile(r"(?<=\b(?:wide|high|deep|long|tall)) ?[x×] ?(?=\d)"), " by ",
         needs=("wide", "high", "deep", "long", "tall")),
    # a size in inches: 12" x 8" x 4", a 9x13" pan ("by"; was "twelve inches x eight inches",
    # "nine times thirteen")
    Rule(re.compile(r"(?<=\d)(\"?)\s?[x×]\s?(?=\d{1,3}(?:\.\d{1,2})?\"(?:\s[A-Za-z]|[\s,.;)x×]|$))"),
         inches_by, needs=('0"',)),
    # and with its sides' letters: 15.6" W x 10.2" D, 20"W x 16"H (was 'inches W x', 'twenty "W')
    Rule(re.compile(r"(?<=\d)\"\s?([WDHL])\s?[x×]\s?(?=\d{1,3}(?:\.\d{1,2})?\")"), r'" \1 by ',
         needs=('0"',)),
    # a time signature: in 6/8 time, a time signature of 4/4 (were "six eighths", "four slash
    # four"): beats, then the note that counts one
    Rule(re.compile(r"(?P<pre>\btime signatures? (?:of |is |was )?)?(?<![\w/.,])"
                    r"(?P<n>1[0-5]|[1-9])/(?P<d>16|32|[1248])(?![\w/]|\.\d)"),
         time_signature, needs=("0/0",)),
    # an inch thread, its size then its threads per inch: 3/8"-16 UNC, 1/4-20 UNF, 1/4-20
    # screws (was 'three eighths " minus sixteen', "one quarter to twenty")
    Rule(re.compile(r"(?<![\w/.])(?:(?P<w>\d)-)?(?P<n>\d{1,2})/(?P<d>\d{1,2})"
                    r"(?:\"-|-(?=\d{1,3} ?(?:UN[CFS]?|screws?|bolts?|nuts?|studs?|threads?|taps?)\b))"
                    r"(?P<tpi>\d{1,3})(?![\w.\"/-])"),
         lambda m: spaced(f"{fraction(m).strip()} inch, {cardinal(int(m['tpi']))}"),
         needs=("0/0",)),
    Rule(re.compile(r"(?<![\w/.])(?:(?P<w>\d{1,2})[ -])?(?P<n>\d{1,2})/(?P<d>\d{1,2})\"(?=\s[A-Za-z]|[\s,.;)]|$)"),
         read_inches, needs=('0"',)),  # 1/4" drill bit, 1-1/2" pipe
    Rule(re.compile(r"(?<![\w/.])(?:(?<![-–])(?P<lo>\d{1,3}(?:\.\d{1,2})?)\s?[-–]\s?)?"
                    r"(?P<v>\d{1,3}(?:\.\d{1,2})?)(?P<d>)\"(?=\s[A-Za-z]|[WDHL]\b|[\s,.;)]|$)"), read_inches,
         needs=('0"',)),
    Rule(re.compile(r"(?:(?<![\w.'\"])|(?<=\d'[x×]))(\d{1,3}(?:\.\d{1,2})?)'(?=\s?[x×]\s?\d|\s[a-z]|[\s,.;:)]|$)"),
         read_feet, needs=("0'",)),  # 12' x 15', a 6' ladder; 12'x15' (was "fifteen '")
    # 1. phone numbers, digit by digit in groups (the country code read too)
    Rule(re.compile(r"(?<![\w+-])(?:(?P<cc>\+?1)[ .-])?\(?(?P<area>\d{3})(?:\)[ .-]?|[ .-])"
                    r"(?P<exchange>\d{3})[ .-](?P<line>\d{4})(?:\s?x(?P<ext>\d{1,6}))?(?![\w-])"),
         phone, needs=("0000",)),  # fmt: skip
    Rule(re.compile(r"(?<![\w+.,-])(?P<cc>1)?(?P<area>[2-9]\d\d)(?P<exchange>[2-9]\d\d)(?P<line>\d{4})"
                    r"(?P<bare>)(?![\w-]|[.,]\d)"),
         phone, needs=("0000000000",)),  # 8005550199 after "call", "number" ...  # fmt: skip
    # the trunk's 0 in brackets is not dialled from abroad: +49 (0)30 1234567, +44 (0)20 ...
    Rule(re.compile(r"(?<![\w+])(\+\d{1,3}) ?\(0\) ?(?=\d)"), r"\1 ", needs=("(0)",)),
    Rule(re.compile(r"(?<![\w+])\+(\d{1,3})((?:[ .-]\(?\d{1,8}\)?){2,5})(?![\w-])"),
         lambda m: spaced("plus " + ", ".join(digits(g) for g in [m[1], *re.findall(r"\d+", m[2])])),
         needs=("+0",)),
    Rule(re.compile(r"(?<![\w+.,-])(1[38]00) (\d{3}) (\d{3})(?![\w-]|[.,]\d)"),  # Australia's
         lambda m: spaced(", ".join(digits(g) for g in m.groups())), needs=("000 000 000",)),
    Rule(re.compile(r"(?<![\w-])(\d{3})-(\d{4})(?![\w-])"),
         lambda m: spaced(", ".join(digits(g) for g in m.groups())), needs=("000-0000",)),  # fmt: skip
    # 2. positions, rates and ratings: Step 2/5, $3.50/month, £9.99 p/m, 4.5/5
    # requests, tokens, operations per minute, hour or day: 100 req/min (was "req per minute")
    Rule(re.compile(r"(?<=\d)(\s?)(req|tok|ops)/(?=(?:min|minute|hr|hour|h|day)\b)"),
         lambda m: f"{m[1] or ' '}{ {'req': 'requests', 'tok': 'tokens', 'ops': 'operations'}[m[2]]}/",
         needs=("req/", "tok/", "ops/")),
    # a month's rent in Britain: £1,450 pcm, £950 p.c.m. (per calendar month; was "pcm")
    Rule(re.compile(r"(?<=\d)\s?(?:pcm\b|p\.c\.m\.(?=\s+[a-z,;(])|p\.c\.m(?=\.))"), " per month",
         needs=("pcm", "p.c.m")),
    Rule(re.compile(r"(?<=[\d%])\s?p/([mwa])\b"),
         lambda m: f" per {({'m': 'month', 'w': 'week', 'a': 'year'})[m[1]]}",
         needs=("p/",)),  # fmt: skip
    Rule(re.compile(rf"\b(?P<cue>{POSITION_WORDS})\s(?P<n>\d{{1,3}})\s?/\s?(?P<d>\d{{1,3}})"
                    rf"(?![\w/]|\.\d|\s?(?:{FRACTION_UNITS}|cups?)\b)", re.I),
         position, needs=("/",)),  # fmt: skip
    # a percentage per a span: 8%/yr (was "eight percent yr", the slash dropped)
    Rule(re.compile(rf"(?<=\d%)/({PER_WORDS})\b", re.I), lambda m: f" per {per_word(m[1])}",
         needs=("%/",)),
    Rule(re.compile(rf"(?:(?<=\d)|(?<=\d\+)|(?<=\d[kKMB]\+))\s?/\s?({PER_WORDS})\b"
                    rf"(?:/({PER_WORDS})\b)?"
                    r"(\.(?=[,;]|[ \t]+(?-i:[a-z](?![a-z]*[A-Z]))))?",  # not before iCloud
                    re.I),
         lambda m: f" per {per_word(m[1])}"  # $3.50/month, $8/user/month (per user per month)
         + (f" per {per_word(m[2])}" if m[2] else "")
         + ("." if m[3] and per_word(m[2] or m[1]) == (m[2] or m[1]) else ""),
         needs=("/",)),  # $2,100/mo., $45/sq. ft. a year (the abbreviation's period inside goes),
    # $2k+/month (an amount or more per month)
    Rule(re.compile(rf"(?<=\d)(\s?(?:sq|cu)\.? ?(?:ft|in|yd|m)|\s?[A-Za-z]{{1,8}})\.?/({PER_WORDS})\b"
                    rf"(?:/({PER_WORDS})\b)?", re.I),  # 23.4 sq ft/box (was "sq ft slash box")
         lambda m: f"{m[1]} per {per_word(m[2])}"  # 24 hrs/day, 10 mg/kg/day, 150 min./week
         + (f" per {per_word(m[3])}" if m[3] else ""), needs=("/",)),
    # and per second after a counted word: 20 tokens/s, 2.5 it/s (was "tokens slash s"; m/s,
    # MB/s are units, read below)
    Rule(re.compile(r"(?<=\d)(\s?[a-z]{2,12})/(?:s|sec)(?![\w/])"),
         lambda m: m[0] if m[0].lstrip() in UNITS else f"{m[1]} per second", needs=("/s",)),
    Rule(re.compile(rf"\b([Pp]er\s)({alternation(PER_ABBREVIATIONS)})\b"),  # $0.10 per min
         lambda m: m[1] + PER_ABBREVIATIONS[m[2]], needs=tuple(PER_ABBREVIATIONS)),
    Rule(re.compile(r"(?<=\d) ?/ ?1 ?([KkMB])(?![\w/])"), lambda m: f" per {MONEY_SCALES[m[1]]}",
         needs=("/",)),  # $0.15/1M tokens: per million (not "out of one M")
    Rule(re.compile(r"\b([Pp]er )1 ?([KkMB])(?![\w/])"), lambda m: m[1] + MONEY_SCALES[m[2]],
         needs=("er 0",)),  # per 1K tokens: per thousand
    # 7.5/10., GPA 3.8/4.0; in arithmetic over, (1 + 0.05/12)^12 (was "out of twelve")
    Rule(re.compile(r"(?<![\d./])(\d+\.\d+)/(\d+(?:\.0)?)(?![\d/]|\.\d)"),
         lambda m: spaced(f"{read_number(m[1], False)} {'over' if is_arithmetic(m) else 'out of'} "
                          f"{read_number(m[2], False)}"),
         needs=("0/0",)),
    # a range of multiples before a word: 3x-5x faster (was "three x minus five times")
    Rule(re.compile(r"(?<![\w.])(\d{1,4}(?:\.\d{1,2})?)[x×] ?[-–] ?(\d{1,4}(?:\.\d{1,2})?)[x×](?=\s+[a-z])"),
         lambda m: m[0] if has_variable_x(m.string) else f"{m[1]} to {m[2]} times",
         needs=("0x", "0×")),
    # a whole number and a fraction joined by a hyphen, as recipes and lumber write them:
    # 1-1/2 cups (was "one to one half cups"; a range would not fall to a half)
    Rule(re.compile(r"-(?=(\d\d?)/(\d\d?)(?![\w/-]|[.,]\d))"), mixed_number_hyphen,
         needs=("-",)),
    # 3. dates; a season across two years: 2023/24 (twenty twenty-three to twenty-four)
    Rule(re.compile(r"(?<![\d/.])(\d{4})/(\d{2})(?![\d/]|\.\d)"),
         lambda m: spaced(f"{year(int(m[1]))} to {cardinal(int(m[2]))}")
         if (int(m[1]) + 1) % 100 == int(m[2]) and 1100 <= int(m[1]) <= 2099 else m.group(0),
         needs=("0000/00",)),
    Rule(re.compile(r"\b(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?:T| (?=\d{2}:\d{2}))"
                    r"(?P<time>\d{2}:\d{2}(?::\d{2})?)(?:\.\d{1,9})?(?P<zone>Z|[+-]\d{2}:?\d{2})?(?![\w:])"),
         iso_datetime, needs=("0000-00-00",)),  # 2024-12-05T14:30:00Z  # fmt: skip
    Rule(re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
         lambda m: read_date(m[1], m[2], m[3]) or m.group(0).replace("-", " "),
         needs=("0000-00-00",)),  # fmt: skip
    Rule(re.compile(r"\b(\d{4})/(\d{1,2})/(\d{1,2})\b"),
         lambda m: read_date(m[1], m[2], m[3]) or m.group(0).replace("/", " "),  # 2025/03/05
         needs=("0000/0",)),
    # the year first with dots, as East Asia writes it: 2025.03.15 (was "two thousand twenty-five
    # dot zero three dot fifteen"); the month and day of two digits each (IntelliJ 2024.1.2 stays)
    Rule(re.compile(r"(?<![\w.])((?:19|20)\d\d)\.(0[1-9]|1[0-2])\.(0[1-9]|[12]\d|3[01])(?![\w.]|\.\d)"),
         lambda m: read_date(m[1], m[2], m[3]) or m.group(0), needs=("0000.00.00",)),
    # a year to this day: 2020–present (was "twenty twenty, present")
    Rule(re.compile(r"[-–—] ?(?=(?:[Pp]resent|[Nn]ow|[Tt]oday|[Cc]urrent)\b)"), to_present,
         needs=("present", "Present", "now", "Now", "today", "Today", "current", "Current")),
    Rule(re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})\b"),
         lambda m: read_date(m[3], m[2], m[1]) or m.group(0),  # 05.03.2025: day first, as in Europe
         needs=("0.0000",)),
    Rule(re.compile(r"(?<![\w/.])(\d{1,2})/(\d{1,2})/(\d{2})(?![\w/]|[.,]\d)"),  # 1/1/25
         lambda m: read_date(("20" if int(m[3]) < 70 else "19") + m[3], m[1], m[2]) or m.group(0),
         needs=("0/00",)),
    Rule(re.compile(rf"(?<![\w/.])(\d{{1,2}})/(\d{{1,2}})\s?[-–]\s?(\d{{1,2}})/(\d{{1,2}})"
                    rf"(?![\w/]|\.\d|\s?(?:{FRACTION_UNITS}|cups?|inch|inches|of)\b|\")"),
         dates_range, needs=("0/0",)),  # 12/24-12/26  # fmt: skip
    # a camera's megapixels: a 48MP camera, 12 MP (were "MP"), where the text is of cameras
    Rule(re.compile(r"(?<![\w.,])(\d{1,3}(?:\.\d{1,2})?) ?MP\b(?![-/]\w)"), megapixels, needs=("MP",)),
    # an oven's temperature and its time: 350 F/10 minutes, 200°C/25 min (three hundred fifty
    # degrees Fahrenheit for ten minutes; was "slash ten minutes"); under 100 degrees a rate,
    # 10°C/5 min (per five minutes; was "high ten degrees Celsius, low five")
    Rule(re.compile(r"(?<![\w/.°-])(\d{2,3}) ?°?([FC]) ?/ ?"
                    r"(?=\d{1,3}(?:[-–]\d{1,3})? ?(?:min|mins|minutes?|hrs?|hours?|h)\b)"),
         lambda m: f"{m[1]}°{m[2]} {'for' if len(m[1]) == 3 else 'per'} ", needs=("/",)),
    # a cook's or a forecast's temperature without its degree sign: Preheat to 350 F, a low of
    # 20 F (was "three hundred fifty F"), where the text speaks of heat
    Rule(re.compile(r"(?<![\w/.°-])(-?\d{1,3}) ?([FC])(?![\w°'\"’&+#-]|\.\w|/\d+ ?[CF]\b)"),
         bare_degrees, needs=("F", "C")),
    # and without its degree signs: 400 F/200 C, 350F/175C (was "four hundred F two hundred C")
    Rule(re.compile(r"(?<![\w/.])(-?\d{1,3}) ?([CF]) ?/ ?(-?\d{1,3}) ?(?!\2)([CF])(?![\w/°])"),
         both_scales, needs=("/",)),
    # a temperature in both scales: 180°C/350°F, 350°F / 175°C (was "slash", and spaced the
    # slash was dropped: "one hundred eighty degrees Celsius three hundred fifty ...")
    Rule(re.compile(r"(?<![\w/.])(-?\d{1,3}(?:\.\d)?) ?°([CF]) ?/ ?(?=-?\d{1,3}(?:\.\d)? ?°(?!\2)[CF](?![\w/]))"),
         r"\1°\2 or ", needs=("°",)),
    # a forecast's high and low: Mon 72/58, Sat 29/19, 27°C/18°C (was "seventy-two slash fifty-eight")
    Rule(re.compile(r"(?:\b(?P<day>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day),?\s|(?<![\w/.-]))"
                    r"(?P<hi>-?\d{1,3})(?P<u>°[CF]?)?/(?P<lo>-?\d{1,3})(?P<v>°[CF]?)?(?![\w/°]|[.,]\d)"),
         high_low, needs=("/",)),
    # the day of a range between weekdays: Friday 14–Sunday 16 June (was "Fri fourteen, Sunday")
    Rule(re.compile(r"\b((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day )(\d{1,2})\s?[-–]\s?"
                    r"(?=(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)"),
         lambda m: f"{m[1]}the {ordinal(int(m[2]))} to " if 1 <= int(m[2]) <= 31 else m[0],
         needs=("day 0",)),
    Rule(re.compile(rf"\b({DATE_CUE},?) (\d{{1,2}})/(\d{{1,2}})(?![\d/]|\.\d|\s+of\b)", re.I),
         date_after_cue, needs=("0/0",)),  # due 3/15, Tuesday 3/4
    # and before a time of day: for 3/15 at 10 AM, 4/9 @ 10:30am (was "three fifteenths")
    Rule(re.compile(r"(?<![\w/.])(\d{1,2})/(\d{1,2})(?=,?\s(?:at\s|@\s?)\d{1,2}(?::\d\d|\s?[AaPp]\.?[Mm]\b))"),
         lambda m: month_and_day(m[1], m[2]) or m[0], needs=("0/0",)),
    Rule(re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"),
         lambda m: read_date(m[3], m[1], m[2]) or read_date(m[3], m[2], m[1])  # day first: 15/03/2024
         or m.group(0).replace("/", " "),
         needs=("0/0000",)),  # fmt: skip
    Rule(re.compile(rf"\b({MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?"
                    r"(?:\s?[-–]\s?(\d{1,2})(?:st|nd|rd|th)?)?(?![\d:.,]\d|\w)"
                    rf"(?P<to>\s?[-–]\s?(?=(?:{MONTH})\.?\s+\d))?"),
         month_day, needs=MONTH_STEMS),  # fmt: skip
    Rule(re.compile(r"(?<![\w.,-])(?P<d>\d{1,2})(?:st|nd|rd|th)?"
                    r"(?:\s?[-–]\s?(?P<to>\d{1,2})(?:st|nd|rd|th)?(?= ))?"
                    rf"[ -](?P<mo>{MONTH})\b(?:\.?[ -](?P<y>\d{{4}})\b)?"),
         day_month,  # day first: 5 Jan 2024, 3-Jan-2024, 15 March, 1st–3rd March
         needs=MONTH_STEMS),  # fmt: skip
    Rule(re.compile(rf"(?<=\b\d{{4}})\s?[-–]\s?(?=(?:{MONTH})\s+\d)"), " to ",  # Jan 2025-Mar 2025
         needs=MONTH_STEMS),
    # a range of ordinals: 1st-2nd grade, the 3rd–5th centuries (were "first, second")
    Rule(re.compile(r"(?:(?<=\dst)|(?<=\dnd)|(?<=\drd)|(?<=\dth))\s?[-–]\s?(?=\d{1,3}(?:st|nd|rd|th)\b)"),
         " to ", needs=("0st", "0nd", "0rd", "0th")),
    # around the clock, every day of the year: 24/7/365 (was "three hundred sixty-five")
    Rule(re.compile(r"(?<![\w/.])24/7/365(?![\w/]|[.,]\d)"), "twenty-four seven three sixty-five",
         needs=("00/0/000",)),
    # national numbers with a trunk 0: 020 7946 0958, 0800 123 4567, 06 12 34 56 78, and
    # a mobile's one long group: 07700 900123, 06 12345678; the area code in brackets, (02)
    # 9876 5432; from abroad, 0049 30 123456; an extension after a dash, 030 123456-0
    Rule(re.compile(r"(?<![\w+.,-])(?=[\d .()-]{9})(?:0\d{1,4}|\(0\d{1,4}\))"
                    r"(?:(?:[ .-]\d{2,8}){2,4}|[ .-]\d{6,8})(?:-\d{1,4})?(?![\w-]|[.,]\d)"),
         lambda m: spaced(", ".join(digits(g) for g in re.findall(r"\d+", m[0]))),
         needs=("0 00", "0.00", "0-00", "0) 00", "0).00", "0)-00")),
    # a motor oil's viscosity grade: 5W-30, 0W-20 (five W thirty; was "five watts minus thirty")
    Rule(re.compile(r"(?<![\w.,-])(\d{1,2})W-(\d{2})(?![\w-]|[.,]\d)"),
         lambda m: spaced(f"{cardinal(int(m[1]))} W {cardinal(int(m[2]))}"), needs=("0W-00",)),
    # a tire's load index and speed rating after its size: 225/45R17 94W (ninety-four W; was
    # "ninety-four watts")
    Rule(re.compile(r"(?<![\w/])(P?\d{3}/\d{2} ?Z?R ?\d{2} )(\d{2,3})([A-Z])\b"),
         lambda m: m[1] + spaced(f"{cardinal(int(m[2]))} {m[3]}"), needs=("/00",)),
    # a chain of three or more small numbers is no range: the 3-2-1 rule, a 4-3-3 formation,
    # 9-1-1 (was "three to two to one")
    Rule(re.compile(r"(?<![\w.,/-])\d{1,2}(?:-\d{1,2}){2,}(?![\w/-]|[.,]\d)"),
         lambda m: spaced(" ".join(read_number(n, False) for n in m[0].split("-"))),
         needs=("-",)),
    # 4. subtraction (the minus sign, or a spaced hyphen in an equation), then ranges: 5-10,
    # 1990–1995, $5-10
    # ... also between amounts with their units or currencies: $100 - $35 = $65, 50 L - 10 L = 40 L
    # (were "to", and a pause)
    Rule(re.compile(rf"(?<=\d)\s?\u2212\s?(?={NUM})|(?<=[\w)%]) - (?=[$€£¥₹]?{NUM}"
                    r"(?: ?[A-Za-z°µ]{1,4}\b| ?%)?\s*=)"), " minus ",
         needs=("−", " - ")),
    Rule(re.compile(rf"\u2212(?={NUM})"), " minus ", needs=("−",)),  # n−1 (was "nminus one")
    # a spaced hyphen after a function's call or a power is a minus sign: len(arr) - 1, 2^31 - 1
    Rule(re.compile(rf"(?P<head>\b[A-Za-z_]\w*\([^()\n]{{0,30}}\)|\^\d{{1,3}}) - (?={NUM})"),
         r"\g<head> minus ", needs=(") - ", "0 - ")),
    # a hyphen after a variable (a lone lowercase letter, 2x, or a power) is a minus sign:
    # n-1, (n - 1)!, 2x - 3, x^2 - 4 (not COVID-19, 20s - 30s, nor 5 - 3, a range)
    Rule(re.compile(rf"(?:(?<![\w'][a-z])(?<=[a-z])|(?<=\d[xyz])|(?<=squared)|(?<=cubed))\s*-\s?(?={NUM})"),
         " minus ", needs=("-",)),  # fmt: skip
    # ... and between two amounts of one currency where the second is less, as between two of
    # one unit: $100 - $35 (was "to"); $5 - $10 stays a range
    Rule(re.compile(rf"(?<![\w.,])(?P<c>[$€£¥₹])(?P<a>{NUM}) - "
                    rf"(?=(?P=c)(?P<b>{NUM})(?![\w.,]|\s?(?:[kKMBT]|bn)\b))"),
         lambda m: m[0][:-3] + " minus " if read_amount(m["b"]) < read_amount(m["a"]) else m[0],
         needs=(" - ",)),
    # a range of percentages says "percent" once: 5.7%–6.4%, five point seven to six point four
    # percent (was "five point seven percent to six point four percent")
    Rule(re.compile(rf"(?P<a>(?<![\w.,-])-?{NUM})\s?%(?:[-–]|\s?–\s?)(?=-?{NUM}\s?%)"), percent_range,
         needs=("%",)),
    # a range of thousands or millions says its scale once: 5k-10k steps, five to ten thousand
    # steps (was "five thousand to ten thousand"); scales that differ stay, 500k-1.2M
    Rule(re.compile(r"(?<![\w.,$€£¥₹₩₽-])(?P<a>\d{1,3}(?:\.\d{1,2})?)(?P<s>[kKM])"
                    r"\s?[-–]\s?"
                    r"(?=(?P<b>\d{1,3}(?:\.\d{1,2})?)(?P=s)(?![\w-]|[.,]\d))"),
         lambda m: f"{m['a']}-" if float(m["a"]) < float(m["b"]) else m[0],
         needs=("0k", "0K", "0M")),
    Rule(re.compile(rf"(?:(?<=\d)|(?<=\d%)|(?<=\d[kKMBT])|(?<=\dbn))\s?[-–]\s?(?=[$€£¥₹]?{NUM})"),
         read_range, needs=("-", "–")),  # 5-10, 5%-10%, $80k-$120k, $2T-$3T
    Rule(re.compile(r"(?:(?<=\d[AaPp][Mm])|(?<=\d [AaPp][Mm])|(?<=\d [AP] M)|(?<=\d[AaPp]\.[Mm]\.))"
                    r"\s?[-–]\s?(?=\d)"),
         hours_range, needs=("-", "–")),  # 9am-5pm, 9 AM – 5 PM, 9a.m.-5p.m.
    # 5. times; a time taken first: finished in 2:03:45 (two hours, three minutes and ...)
    Rule(re.compile(r"(?<![\w.:])(?P<h>\d{1,3}):(?P<m>[0-5]\d):(?P<s>[0-5]\d)(?:\.(?P<f>\d{1,3}))?"
                    r"(?![\w:]|[.,]\d)"), elapsed, needs=("0:00:00",)),  # fmt: skip
    # a time taken in minutes past any clock's hours: ran 5 km in 25:30 (was "twenty-five to
    # thirty")
    Rule(re.compile(r"(?<![\w.:])(?P<m>2[4-9]|[3-5]\d):(?P<s>[0-5]\d)(?:\.(?P<f>\d{1,3}))?"
                    r"(?![\w:]|[.,]\d)"), elapsed_minutes, needs=("00:00",)),  # fmt: skip
    # ... and any time in minutes with a fraction of a second, a lap's or a split's: 1:21.345
    # (was "one twenty-one point three four five"; a clock shows no fraction)
    Rule(re.compile(r"(?<![\w.:])(?P<m>[0-5]?\d):(?P<s>[0-5]\d)\.(?P<f>\d{1,3})(?![\w:]|[.,]\d)"),
         elapsed_minutes, needs=("0:00.0",)),  # fmt: skip
    # a meeting of two: 1:1 meetings, weekly 1:1s, a 1:1 with my manager (were "one to one")
    Rule(re.compile(r"(?<![\w.:])1:1(?:(?P<s>s)\b|(?= (?:meetings?|chats?|calls?|sessions?|"
                    r"conversations?|check-ins?|syncs?|coaching|mentoring|interviews?|time)\b)"
                    r"|(?<=\b[Aa] 1:1)(?= with\b))"),
         lambda m: "one-on-one" + (m["s"] or ""), needs=("0:0",)),  # fmt: skip
    Rule(re.compile(r"(?<![\w.:])(?P<w>\d{1,2}(?:\.\d{1,2})?):(?P<h>\d{1,2})(?![\w:]|[.,]\d)"),
         aspect_ratio, needs=("0:0",)),  # 16:9, a 4:3 screen: aspect ratios
    Rule(re.compile(r"(?<![\d:])(?P<h>[01]?\d|2[0-4]):(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?(?!\d|:\d)"
                    rf"(?:(?P<hrs>h)(?!\w)|\s?{AM_PM})?"),
         read_time, needs=(":00",)),  # 3:45 pm, 17:00h  # fmt: skip
    Rule(re.compile(r"(?<![\w.:])(?P<h>[01]?\d|2[0-3])h(?P<m>[0-5]\d)(?!\w|[.,]\d)"),
         h_time, needs=("h00",)),  # 14h30, as Europe writes the time
    Rule(re.compile(rf"(?<![\w.,])(?P<t>{HHMM})(?:\s(?P<sep>to|and)\s(?P<t2>{HHMM}))?"
                    r"(?:(?P<hrs>\s?(?:hours|hrs)\b)|(?!\w|[.,:/]\d))"),
         military_time, needs=("0000",)),  # 0800 hours, at 0600, 1600 hours sharp, 0900-1700
    Rule(re.compile(rf"(?<![\d:.])(?P<h>1[0-2]|0?[1-9])\s?{AM_PM}"), read_time, needs=("m", "M")),
    Rule(re.compile(rf"(?<![\d:.])(?P<h>1[0-2]|0?[1-9])\.(?P<m>[0-5]\d)\s?{AM_PM}"), read_time,  # 9.30am
         needs=(".00",)),
    # 6. money; a pair of currencies first, whose rate is no amount of either: EUR/USD 1.0875
    # (was "EUR one point zero eight seven five dollars") -> euro dollar 1.0875
    Rule(re.compile(rf"\b({CURRENCY_PAIR_CODES})/({CURRENCY_PAIR_CODES})\b"), currency_pair,
         needs=tuple(f"{code}/" for code in CURRENCY_PAIR_CODES.split("|"))),
    Rule(re.compile(r"\b(?:RMB|CNY|CN)\s?¥"), "RMB ", needs=("¥",)),  # RMB¥500 is yuan, not yen
    Rule(re.compile(r"(?<![\w.,])([$€£¥₹₩₽])-(?=\d)"), r"-\1",  # $-20: minus twenty dollars
         needs=tuple(f"{sign}-" for sign in "$€£¥₹₩₽")),
    # an accountant's negative: $(3.2) million, $(1,200) (was "(three point two) million", the
    # currency dropped): minus
    Rule(re.compile(r"(?<![\w.,])([$€£¥₹₩₽])\((\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\)"),
         r"-\1\2", needs=tuple(f"{sign}(0" for sign in "$€£¥₹₩₽")),
    # a whole amount or more: $1k+, $500+ -> one thousand plus dollars (was "one thousand
    # dollars plus", as if another amount were added)
    Rule(re.compile(rf"(?<![\w.,])(?P<cur>[$€£¥₹₩₽])(?P<amt>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+(?=[kKMB]))?){SCALE}\+"
                    r"(?=[\s.,;:!?)]|$)(?!\s?[\d$€£¥₹₩₽(]|\s(?:tax|taxes|VAT|GST|shipping|postage|"
                    r"fees?|tips?|gratuity|delivery|deposit|interest|utilities|S&H|s&h)\b)"),
         money_or_more, needs=tuple(f"{sign}0" for sign in "$€£¥₹₩₽")),
    # a shell's or awk's positional field, no money: awk '{print $1}', echo $2 (was "print
    # one dollar")
    Rule(re.compile(r"(?<=[{\s,(])\$(\d)(?!\d|[.,]\d)"), positional_field, needs=("$0",)),
    # a fare there and back: $199 RT (was "RT")
    Rule(re.compile(r"([$€£]\d[\d,]*(?:\.\d\d)?[kK]?) ?RT\b(?!-)"), r"\1 round trip",
         needs=("RT",)),
    Rule(re.compile(rf"{NEG}(?P<cur>\b(?:{DOLLAR_PREFIXES})\$|[$€£¥₹₩₽]|\b(?:{CODE_NAMES}))\s?"
                    rf"(?P<amt>{NUM}|\.\d+)"
                    rf"{SCALE}"),
         money_after_sign, needs=(*"$€£¥₹₩₽", *CODES)),  # fmt: skip
    Rule(re.compile(rf"{NEG}(?P<amt>{NUM}){SCALE}\s?(?P<code>(?:{CODE_NAMES})\b"
                    rf"|\b(?:{DOLLAR_PREFIXES})\$(?![\w$]))"),
         lambda m: money_or_rate(CODES.get(m["code"], m["code"]), m),
         needs=(*CODES, "$")),  # 100 USD, 837.82 R$  # fmt: skip
    Rule(re.compile(rf"(?P<amt>{NUM})\s?¢"),
         lambda m: spaced(f"{read_number(m['amt'], False)} cents"), needs=("¢",)),  # fmt: skip
    # 7. powers (before units: the 8 of "10^8 m/s" is the power's), dimensions (12 ft x 15
    # ft, 4x100m: "by"), percentages, ordinals, decades, units, fractions
    Rule(re.compile(r"(?<=\d)\s?\^\s?(?=-?\d)"), " to the power of ", needs=("^",)),
    # a unit after a power of ten: 250 x 10^9/L, 10³/µL (per liter; the slash was dropped)
    Rule(re.compile(rf"(?P<power>(?<=to the power of )-?\d{{1,3}}|(?<=\d) (?:squared|cubed))/"
                    rf"(?P<per>{FRACTION_UNITS})(?![\w°/])"),
         lambda m: f"{m['power']} per {UNITS[m['per']][0]} ", needs=("0/", "squared/", "cubed/")),
    Rule(re.compile(r"(?<=\d) ?K/([µμ]L)\b"), lambda m: f" thousand per {UNITS[m[1]][0]} ",
         needs=("K/µ", "K/μ")),  # WBC 11 K/µL
    # sets and reps: 3x10 reps, 4 x 8 to 12 reps (three sets of ten reps; were "three times ten")
    Rule(re.compile(r"(?<![\w.])(\d{1,2}) ?[x×] ?(\d{1,3}(?: to \d{1,3})?)(?= (?:reps?|repetitions)\b)"),
         lambda m: f"{m[1]} set{'' if m[1] == '1' else 's'} of {m[2]}", needs=("x", "×")),
    # a repetition maximum: 1RM, a 5RM (one rep max; was "one RM")
    Rule(re.compile(r"(?<![\w.])(\d{1,2})RMs?\b"), lambda m: f"{m[1]} rep max", needs=("0RM",)),
    # and before an exercise, or after one with a colon: 3×10 squats, Squats: 4x8 (three sets of
    # ten squats; were "three times ten")
    Rule(re.compile(rf"(?<![\w.])(\d{{1,2}}) ?[x×] ?(\d{{1,3}}(?: to \d{{1,3}})?)(?= (?:[a-z]+ ){{0,2}}(?:{EXERCISES})\b)"
                    rf"|(?P<ex>\b(?:{EXERCISES}):? )(\d{{1,2}}) ?[x×] ?(\d{{1,3}}(?: to \d{{1,3}})?)(?![\w×]|[.,]\d| ?[x×*])",
                    re.I),
         sets_of, needs=("x", "×")),
    # a held exercise's sets of a time, the unit joined: 3x30s plank, 4x1min wall sit (three
    # sets of a thirty second plank; was "three times thirty s")
    Rule(re.compile(rf"(?<![\w.])(\d{{1,2}}) ?[x×] ?(\d{{1,3}})(s|secs?|mins?)"
                    rf"(?= (?:[a-z]+ )?(?:{EXERCISES})\b)", re.I),
         lambda m: sets_of_time(m[1], m[2], m[3]), needs=("x", "×")),
    # a metric thread, its size by its pitch: M8 x 1.25, M10x1.5 (was "M eight times ...")
    Rule(re.compile(r"\b(M\d{1,2}(?:\.\d)?) ?[x×] ?(?=[0-6](?:\.\d{1,2})?(?!\d|\.\d|\s?[x×=]))"),
         r"\1 by ", needs=("M0",)),
    # jeans by waist and inseam: a 32x30 (was "thirty-two times thirty")
    Rule(re.compile(r"(?<![\w.])(2[4-9]|3\d|4[0-4]) ?[x×] ?(2[6-9]|3[0-6])"
                    r"(?![\w×]|\.\d| ?[x×])"),
         waist_by_inseam, needs=("x", "×")),
    # home runs: 44 HR, 1 HR (was "forty-four HR")
    Rule(re.compile(r"(?<![\w.])(\d{1,3}) HRs?\b"), home_runs, needs=("0 HR",)),
    # a package's size in brackets between its count and its noun: 1 (14 oz) can, 2 (15-oz)
    # cans (was "one (fourteen ounces) can"): a fourteen ounce can
    Rule(re.compile(r"(?<=\d )\((\d+(?:\.\d+)?)[ -]?(oz|lb|g|kg|ml|mL|L|ounce|pound)\)"
                    r"(?= (?:cans?|packages?|bags?|jars?|box|boxes|bottles?|cartons?|containers?|"
                    r"tubs?|blocks?|sticks?|packs?|tins?|pouch|pouches)\b)"),
         lambda m: f"{m[1]} {UNITS[m[2]][0] if m[2] in UNITS else m[2]}",
         needs=("0 (",)),
    # a port after lsof's option: lsof -i :5432 (was "five thousand four hundred thirty-two")
    Rule(re.compile(r"(?<=dash i ):(\d{2,5})(?!\d|[.:]\d)"),
         lambda m: f"colon {read_port(m[1])}", needs=("dash i :",)),
    # a bike's chainrings by its cogs: a 2x12-speed drivetrain, 1x11 (was "two times twelve")
    Rule(re.compile(r"(?<![\w.])([123]) ?[x×] ?(\d{1,2})(?=[- ]speed\b| (?:drivetrain|groupset|"
                    r"gearing|setup)s?\b)"), r"\1 by \2", needs=("x", "×")),
    # lumber by its size: 2x4s (two by fours; was "two times four s")
    Rule(re.compile(r"(?<![\w.])([124]) ?[x×] ?([2-8]|1[02])s\b"),
         lambda m: f"{cardinal(int(m[1]))} by {plural_of(cardinal(int(m[2])))}", needs=("0s",)),
    # a USB link's lanes: USB 3.2 Gen 2x2 (two by two; was "two times two")
    Rule(re.compile(r"\b(Gen ?\d)[x×](\d)\b"), r"\1 by \2", needs=("Gen",)),
    # the size of a thing shipped, hung or laid: a 10x12 box, 4x6 prints, a 2x4 board
    Rule(re.compile(r"(?<![\w.])\d{1,3}(?:\.\d)?(?: ?[x×] ?\d{1,3}(?:\.\d)?){1,2}"
                    rf"(?=\s+(?:(?!(?:{DIMENSION_UNITS})\s)[a-z]+\s)?(?:{SIZED_THINGS})s?\b)"),
         lambda m: re.sub("[x×]", " by ", m[0]), needs=("x", "×")),  # fmt: skip
    Rule(re.compile(rf"(?<=\d)\s?({DIMENSION_UNITS})\s?[x×]\s?(?=\d)"), r" \1 by ",
         needs=("x", "×")),
    Rule(re.compile(rf"(?<=\d)\s?[x×]\s?(?=\d+(?:\.\d+)?\s?(?:[x×]\s?\d+(?:\.\d+)?\s?)?"
                    rf"(?:{DIMENSION_UNITS})\b)"), " by ", needs=("x", "×")),  # fmt: skip
    Rule(re.compile(r"(?<=\d by )(\d+(?:\.\d+)?)\s?in\b(?=\s*(?:[.,;:)]|$)|\s+(?:long|wide|tall|high|"
                    r"deep|thick)\b)"),  # 12 x 8 x 4 in.: "in" ends the size, inches
         lambda m: spaced(f"{read_number(m[1], False)} inch{'' if m[1] == '1' else 'es'}"),
         needs=("0 by 0",)),  # fmt: skip
    # a spaced hyphen between two amounts of one unit: a minus where the second is less, 5 kg
    # - 2 kg (five kilograms minus two kilograms), else a range, 10 kg - 15 kg (were a pause)
    Rule(re.compile(rf"(?P<a>{NUM})\s?(?P<u>{FRACTION_UNITS}) - "
                    rf"(?=(?P<b>{NUM})\s?(?P=u)(?![\w°/]))"),
         spaced_difference, needs=(" - ",)),
    # a range of amounts, each with its unit: 2GB–4GB, 10kg-15kg, 128MB-10GB (was "two
    # gigabytes, four gigabytes"; a spaced hyphen, 5 kg - 2 kg, may be a minus); below zero
    # too: -5°C–3°C, -10°C–-5°C (was "minus five degrees Celsius, three degrees Celsius");
    # the unit said once where both ends have it: 36°F–46°F, thirty-six to forty-six degrees
    # Fahrenheit (was "thirty-six degrees Fahrenheit to forty-six degrees Fahrenheit")
    Rule(re.compile(rf"(?P<a>(?P<n>(?<![\w.,/-])-?(?<![\w.,/]){NUM})\s?(?P<u1>{FRACTION_UNITS}))"
                    rf"(?:\s?–\s?(?=-?{NUM})|-(?={NUM}))(?=-?{NUM}\s?(?P<u2>{FRACTION_UNITS})(?![\w°/]))"),
         lambda m: f"{m['n'] if m['u1'] == m['u2'] else m['a']} to ", needs=("-", "–")),
    Rule(re.compile(rf"{NEG}(?P<num>{NUM})\s?%"),
         lambda m: spaced(f"{'minus ' if m['neg'] else ''}{read_number(m['num'], False)} percent"),
         needs=("%",)),
    Rule(re.compile(r"\b(\d{1,3}(?:,\d{3}){1,11}|\d{1,36})(?:st|nd|rd|th)\b", re.I),
         lambda m: spaced(ordinal(int(m[1].replace(",", "")))),
         needs=("0st", "0nd", "0rd", "0th")),  # fmt: skip
    Rule(re.compile(r"(?:'|\b)(\d*\d0)'?s\b"), decade, needs=("00s", "'s")),
    Rule(re.compile(r"(?:(?<![\w'])|(?<=\bQ[1-4])|(?<=\bH[12])|(?<=\bFY))'(?!00)(\d{2})(?![\w'%]|[.,]\d)"),
         lambda m: spaced(("oh " if m[1] < "10" else "") + cardinal(int(m[1]))),  # '99, Q3'24
         needs=("'00",)),
    Rule(re.compile(r"(?<![\w.,])(\d{2})ers\b"),  # the 49ers, the 76ers: forty-niners, seventy-sixers
         lambda m: spaced(cardinal(int(m[1])) + ("rs" if m[1][-1] == "9" else "ers")),
         needs=("00ers",)),
    Rule(re.compile(r"(?<![\w.,])(\d{1,4}\.\d{1,3})s\b"),
         lambda m: spaced(f"{read_number(m[1], False)} seconds"), needs=("0s",)),  # 9.58s
    Rule(re.compile(r"[~≈(] ?(\d{1,4})s\b(?![\w'])"),  # (~2s), (5s max); not an iPhone 4s
         lambda m: m[0][: m.start(1) - m.start()]
         + spaced(f"{cardinal(int(m[1]))} second{'' if m[1] == '1' else 's'}"),
         needs=("0s",)),  # fmt: skip
    Rule(re.compile(r"(?<![\w.,])(\d+(?:\.\d+)?)\ss\b(?![\w'])"),  # 0-60 mph in 3.1 s
         lambda m: spaced(f"{read_number(m[1], False)} second{'' if m[1] == '1' else 's'}"),
         needs=("s",)),
    Rule(re.compile(r"(?<![\w.,])\.(\d{3})\b(?![.,]\d)"), batting_average,  # batting .312
         needs=(".000",)),
    # joules after a number, spaced: 8.314 J, 100 J of energy, 8.314 J/(mol·K) (were "J")
    Rule(JOULES, joules, needs=("0 J",)),
    # blood pressure: 120/80 mmHg, BP 120/80 ("one hundred twenty over eighty")
    Rule(re.compile(r"(?<![\w/.])(\d{2,3})/(\d{2,3})\s?mmHg\b"),
         lambda m: spaced(f"{over(m[1], m[2])} millimeters of mercury"), needs=("mmHg",)),
    Rule(re.compile(r"\b((?:BP|blood pressure)(?: (?:of|is|was|reading|readings|goal|target|"
                    r"below|under|above|over|less than|higher than|at|around|about|stays|should be"
                    r"|a)\b){0,3}:?\s?)(\d{2,3})/(\d{2,3})\b(?!/)", re.I),
         lambda m: m[1] + spaced(over(m[2], m[3])), needs=("bp", "blood pressure")),  # fmt: skip
    # a charger's output, volts and amps: 5V/3A (was "five volts slash three A")
    Rule(re.compile(r"(?<![\w.,])(\d{1,2}(?:\.\d{1,2})?) ?V/(\d{1,2}(?:\.\d{1,2})?) ?A\b(?![/-])"),
         lambda m: f"{m[1]} V at " + spaced(f"{read_number(m[2], False)} amp" + "s" * (m[2] != "1")),
         needs=("V/0",)),
    # a mains circuit's volts and amps: a 115V/15A circuit, 240V/30A (was "... volt slash fifteen
    # amps"): "a one hundred fifteen volt, fifteen amp circuit", singular before its noun
    Rule(re.compile(r"(?<![\w.,])(\d{3}) ?V ?/ ?(\d{1,3}) ?A\b(?![/-])"), circuit, needs=("V",)),
    # sizes to choose from: 128GB/256GB/512GB, 8/16GB RAM (or; were "eight sixteenths gigabyte"),
    # with spaces too: 256GB / 512GB / 1TB (the slashes were dropped)
    Rule(re.compile(rf"(?<![\w.])(?<!\d/)(\d{{1,4}}(?:\.\d{{1,2}})?)"
                    rf"(\s?(?:{alternation(STORAGE_UNITS)}))"
                    r"(?:/| / )(?=\d)"
                    rf"(?=(\d{{1,4}})\s?({alternation(STORAGE_UNITS)})\b)"),
         sized_or, needs=("B/0", "B / 0")),
    # numbers grouped in thousands either side of a slash: read/write 7,450/6,900 MB/s (was
    # "seven, four hundred fifty slash six, nine hundred", a fraction's reading of 450/6)
    Rule(re.compile(r"(?<![\w/.,])(?:\d{1,3}(?:,\d{3})+/\d{1,3}(?:,\d{3})*"
                    r"|\d{1,3}/\d{1,3}(?:,\d{3})+)(?![\w/]|[.,]\d)"),
         lambda m: m[0].replace("/", " slash "), needs=(",",)),
    Rule(re.compile(rf"(?<![\w/.])(\d{{1,4}})/(\d{{1,4}})(?=\s?(?:{alternation(STORAGE_UNITS)})\b)"),
         sizes_or, needs=("0/0",)),
    Rule(re.compile(r"(?<![\w/.])(?:(?P<w>\d{1,9})\s)?(?P<n>\d{1,9})/(?P<d>\d{1,9})\s?"
                    rf"(?P<unit>{FRACTION_UNITS})(?![\w°/])"),
         fraction_unit, needs=("0/0",)),  # 1/2 tsp, 2 1/2 kg
    # a drug's strength, a mass per a volume: 160 mg/5 mL (per five milliliters; was "slash")
    Rule(re.compile(rf"(?P<num>(?<![\w.,/-]){NUM})\s?(?P<unit>mg|mcg|µg|μg|g|mmol|mEq|IU)/"
                    r"(?=\d{1,4}(?:\.\d{1,2})?\s?(?:mL|ml|L|dL)\b)"),
         lambda m: f"{read_unit(m).rstrip()} per ", needs=("g/", "l/", "q/", "U/")),
    # an amount and its unit before a slash and another amount: 1.5GB/2GB used, 12GB/16GB,
    # 5Mbps/20Mbps (the slash was dropped and the unit left unread)
    Rule(re.compile(rf"(?P<num>(?<![\w.,/-]){NUM})\s?(?P<unit>{FRACTION_UNITS})/(?=\d)"),
         lambda m: f"{read_unit(m).rstrip()} slash ", needs=("/0",)),
    Rule(re.compile(rf"(?P<num>(?:(?<![\w.,-])-)?(?<!/){NUM})\s?(?P<unit>{FRACTION_UNITS})/"
                    rf"(?P<per>{FRACTION_UNITS})(?![\w°/])"),
         lambda m: f"{read_unit(m).rstrip()} per {UNITS[m['per']][0]} ",  # 5mg/kg, 1.5 L/min
         needs=("/",)),
    Rule(re.compile(rf"(?<![\w.,])(\d{{1,2}})[x×](?= (?:(?:{COUNTED_PARTS})s?(?![A-Za-z])"
                    rf"(?!(?:\s?\d{{1,2}}(?:\.\d)?)?\s(?:speeds?|bandwidth|throughput|performance)\b)"
                    rf"|\d{{1,4}}\s?(?:{alternation(STORAGE_UNITS)})\b))"),
         lambda m: spaced(cardinal(int(m[1]))),  # 2x USB-C, 2x 16GB: two; 2x USB 3.2 speed: times
         needs=("0x", "0×")),
    # a unit after thousands or millions: 1.2k req/s, 5k rpm (the unit was not read after k)
    Rule(re.compile(rf"(?P<num>(?<![\w.,-]){NUM})(?P<scale>[kKM]) (?P<unit>{SCALED_UNITS})"
                    r"(?![\w°/])"),
         lambda m: spaced(f"{read_number(m['num'], False)} {'million' if m['scale'] == 'M' else 'thousand'} "
                          f"{UNITS[m['unit']][1]}"),
         needs=("0k ", "0K ", "0M ")),
    # and after one in words: 93 million mi, 4.6 billion km (the unit was left as written)
    Rule(re.compile(rf"(?<=\d )(thousand|million|billion|trillion) ({SCALED_UNITS})(?![\w°/])"),
         lambda m: f"{m[1]} {UNITS[m[2]][1]}",
         needs=("0 thousand ", "0 million ", "0 billion ", "0 trillion ")),
    # a resistor's value: a 10k pull-up resistor, a 4.7K resistor (was "ten thousand"): "ten k"
    Rule(re.compile(r"(?<![\w.,])(?P<num>\d{1,3}(?:\.\d{1,2})?)[kK](?= (?:pull-?(?:up|down) |ohm )?"
                    r"(?:resistors?|pots?|potentiometers?|trimpots?|thermistors?)\b)"),
         lambda m: spaced(f"{read_number(m['num'], False)} k"), needs=("0k", "0K")),
    # a race's distance: a 10k run, ran a 10k (was "ten thousand"): "ten K", as "a 5K" is read
    Rule(re.compile(r"(?<![\w.,$€£¥₹])(?P<num>\d{1,2}(?:\.\d)?)k(?P<s>s?)(?![\w/+-]|[.,]\d)"),
         race_distance, needs=("0k",)),
    # "or more" before a unit: 20+ hrs, 10+ yrs (were "twenty plus hrs"); 150+ min. of (its
    # period inside the sentence is the unit's, as for "2 min. of")
    Rule(re.compile(rf"(?P<num>(?<![\w.,-]){NUM})\+ ?(?P<unit>{alternation(WORD_UNITS)})(?![\w°/+])"
                    rf"(?:\.(?={WORD_AHEAD}|[,;]))?"),
         lambda m: spaced(f"{read_number(m['num'], False)} plus {UNITS[m['unit']][1]}"),
         needs=("0+",)),
    Rule(re.compile(rf"(?P<num>(?:(?<![\w.,-])-)?(?<!/){NUM})\s?(?P<unit>{alternation(UNITS)})"
                    rf"(?![\w°/])(?:\.(?={WORD_AHEAD}|[,;]|\)(?![ \t]+[A-Z])))?"),
         read_unit),  # a period inside the sentence is the unit's: "6 ft. tall", "8 oz. of"  # fmt: skip
    # calories: 250 cal each (was "two hundred fifty cal"), not a gun's caliber (.22 cal rifle)
    Rule(re.compile(r"(?<![\w.,])(?P<num>\d{1,4}(?:,\d{3})?)\s?cal\b(?![.-]\w)"),
         lambda m: m[0] if GUN_WORDS.search(m.string, max(0, m.start() - 120), m.end() + 120) else
         spaced(f"{read_number(m['num'], False)} calorie{'' if m['num'] == '1' or after_article(m) else 's'}"),
         needs=("cal",)),
    # a force after a number: 9.81 N (newtons), where the sentence speaks of forces or the
    # number is a result ("= 9.8 N"); elsewhere N is also north ("5 km N") and a grade
    Rule(re.compile(rf"(?P<num>(?<![\w.,-]){NUM}) N(?![\w°'’/·-]|\.\w| m\b)"), newtons, needs=("0 N",)),
    # kelvin, millibars, knots, karats or amps by what the text speaks of: 273.15 K, 938 mb,
    # 15 kt, a 48 A breaker (were "K", "mb", "kt", "A"; "300 K people", "938 mb of data" stay)
    Rule(re.compile(rf"(?P<num>(?<![\w.,/-]){NUM})(?P<unit> K| ?mb| ?kts?| ?A)(?![\w°'’/·-]|\.\w)"),
         unit_by_context, needs=(" K", "mb", "kt", "A")),
    # a colour temperature: 2700K bulbs, 6500K white point (was "two thousand seven hundred K")
    Rule(re.compile(r"(?<![\w.,$€£¥₹-])(?P<num>[1-9]\d{3})K(?![\w/+-]|[.,]\d)"), colour_temperature,
         needs=("0K",)),
    Rule(re.compile(r"(?<![\w.,])(?P<num>[1-9]\d{1,2}|\d{1,3}\.\d)K(?=\s+(?!(?:races|runs)\b)[a-z]{2,}s\b)"),
         thousands, needs=("0K",)),  # 10K employees, 1.5K stars (a 5K run, 4K monitors: K)
    Rule(re.compile(r"(?<![\w.,-])(?P<num>\d{1,4}(?:\.\d{1,2})?)(?P<scale>[BT])"
                    r"(?=\s+(?:(?:and|or|to)\s+\d{1,4}(?:\.\d{1,2})?[BT]\s+)?"
                    r"(?P<noun>[a-z]{2,}s|people|children|adults)\b)"),
         billions, needs=("0B", "0T")),  # 7B parameters, 15T tokens (a 7B model: B)  # fmt: skip
    Rule(re.compile(r"(?<![\w.,])(?P<num>\d{1,3})\s?y/o\b"),  # 25 y/o: years old
         lambda m: spaced(f"{cardinal(int(m['num']))} year{'' if after_article(m) else 's'} old"),
         needs=("y/o",)),
    Rule(re.compile(r"(?<![\d.,])(?P<num>\d+(?:\.\d+)?)in\b"),
         lambda m: spaced(f"{read_number(m['num'], False)} inch{'' if m['num'] == '1' else 'es'}"),
         needs=("0in",)),
    # "in." with its period after a number, before a lowercase word or a comma, is inches: gapped
    # at 0.028–0.031 in. and torqued (was "in."); "2 in 3 people" stays
    Rule(re.compile(r"(?<![\d.,])(?P<num>\d+(?:\.\d+)?) in\.(?=[ \t]+[a-z]|[,;)])"),
         lambda m: spaced(f"{read_number(m['num'], False)} inch"
                          f"{'' if m['num'] == '1' or after_article(m) else 'es'}"),
         needs=("0 in.",)),
    Rule(re.compile(r"(?<![\w/.])(?P<n>\d{1,9}) / (?P<d>\d{1,9})(?![\w/]|\.\d)"),
         spaced_score, needs=(" / ",)),  # I give it 10 / 10: a score, as 10/10 is
    Rule(re.compile(r"(?<![\w/.])(?:(?P<w>\d{1,9})\s)?(?P<n>\d{1,9})/(?P<d>\d{1,9})(?![\w/]|\.\d)"),
         fraction, needs=("0/0",)),  # fmt: skip
    # 8. screen sizes (1920x1080: "nineteen twenty by ten eighty"), then arithmetic
    Rule(re.compile(r"(?<![\w.])(\d{3,4})[x×](\d{3,4})(?!\w|\.\d)"),
         lambda m: spaced(f"{in_pairs(int(m[1]))} by {in_pairs(int(m[2]))}"), needs=("0x0", "0×0")),
    # a suite's three digits, in pairs as its maker says them: Office 365, Microsoft 365, and an
    # index's, Nikkei 225 (were "three hundred sixty-five"; Office 2007 stays a year)
    Rule(re.compile(r"\b(Microsoft|Office|Dynamics|Nikkei) ([1-9]\d\d)(?![\d%]|[.,]\d)"),
         lambda m: f"{m[1]} " + spaced(code_number(m[2])),
         needs=("Microsoft", "Office", "Dynamics", "Nikkei")),
    # 7b. model numbers, in pairs as they are said: A320, F-150, RTX 4090, Boeing 737
    Rule(re.compile(rf"(?:\b(?!(?:US|UK|EU|UN|I|A|HR|RHR) )(?P<name>[A-Z]{{2,6}} |{MODEL_BRANDS} |[A-Z]-)|(?<=[A-Za-z]))"
                    rf"(?P<num>\d{{3,4}})(?![\d%]|[.,]\d|\s?(?:{alternation(UNITS)})(?!\w))"),
         lambda m: (m["name"] or "").rstrip("-") + spaced(code_number(m["num"])), needs=("000",)),  # fmt: skip
    Rule(re.compile(r"(?<=\d)\s?[x×]\s?(?=\d)"), " times ", needs=("x", "×")),
    Rule(re.compile(r"(?<=\d)\s?÷\s?(?=\d)|(?<=\d) / (?=\d)"), " divided by ",  # 10 / 2
         needs=("÷", " / ")),
    # a number over a bracket: f = 1/(2πRC) (the slash was dropped: "one (two pi RC)")
    Rule(re.compile(r"(?<![\w.,/])(\d+(?:\.\d+)?)/(?=\()"), r"\1 over ", needs=("0/(",)),
    Rule(re.compile(r"(?<=\d):(?=\d)"), " to ", needs=("0:0",)),
    Rule(re.compile(r"#(?=\d)"), " number ", needs=("#0",)),
    # 9. every other number
    Rule(re.compile(r"-?(?:\d+(?:,\d{3})*(?:\.\d+)+|\d+(?:,\d{3})*|\.\d+)"), read_plain_number),
]
