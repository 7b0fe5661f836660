r"""Numbers that name rather than count: phone numbers, identifiers and order codes, versions,
HTTP statuses, ports, model numbers, standards and CVEs, command options with sizes. Most are
read digit by digit or in pairs, as people say them.

What is covered
---------------
Tech words: ``A/B``, ``I/O``, ``TCP/IP`` (no "slash"), ``C#`` and ``F#`` (sharp), ``.NET`` (dot
NET), ``Node.js``, a file's extension (``app.py`` -> app dot py), a Java-style package's path
(``com.acme.util.Parser`` -> com dot acme dot util dot Parser), a source file's line and
column (``ProductList.jsx:18:27`` -> ..., line eighteen, column twenty-seven), a connection's
speeds (``500/50 Mbps`` -> five hundred megabits per second down and fifty up), an IP address's port
(``10.0.0.1:5432`` -> ... colon fifty-four thirty-two; ``localhost:8080``), a port mapping after
``-p``, ``--publish``, ``ports`` (``-p 8080:80`` -> eighty eighty colon eighty), a port and its
protocol (``443/tcp`` -> four forty-three slash T C P, ``8080:80/udp``), Windows by its short
name (``Win11`` -> Windows eleven), ``--verbose`` (dash
dash), ``YoY``/``QoQ``, ``y/y``/``m/m``, a colour's code (``#FF5733``, ``#fff`` -> hex F F F),
relative paths (``./configure`` -> dot slash configure), an API's path
(``/api/v1/users/{id}`` -> slash api slash version one slash users slash id), a Windows path
(``C:\Program Files\App`` -> C colon backslash Program Files backslash App), a spreadsheet's
range of cells (``=SUM(A1:A10)`` -> ... A one to A ten; whole columns, ``=XLOOKUP(A2, B:B, C:C)``
-> ... B to B, C to C; a sheet's, ``Sheet2!A:C`` -> Sheet two, A to C; ``$A$1`` -> A one), ``Model #:`` (number), a version's wildcard
(``3.x`` -> three dot
x), an algorithm's complexity (``O(n log n)`` -> big O of n log n; ``an O(n²)`` -> a big O ...); a command's short options
(``tail -n 50`` -> tail dash n fifty, after ``ls``, ``kill``, ``git``, ``sed`` ...; an empty
argument, ``sed -i ''`` -> sed dash i empty string; a substitution's quote, ``'s/a/b/'``, apart
from the word before), one named in prose after a word that uses it (``Use -i to edit in
place``, ``-v and -i`` -> dash i; not ``x and -x``); a path from the root
or home (``/usr/bin`` -> slash usr slash bin, ``~/.bashrc`` -> tilde slash dot bashrc); keys
held together (``Ctrl+Alt+Del`` -> Control plus Alt plus Delete); words written as a count of
their letters (``k8s``, ``i18n``, ``a11y``, ``e2e``: Kubernetes ...); ``w/o`` and ``b/c``
(without, because); a rating in stars (``4.5★``, ``★★★★☆`` -> four out of five stars); a
model's name and its numbers, ``Llama-3-70B`` (no range; a size in millions, ``SmolLM-135M`` ->
SmolLM one hundred thirty-five M), a mixture of experts, ``8x7B`` ->
eight by seven B; memory's speed, ``DDR5-6000`` -> DDR five six thousand; citation marks (``[1]``,
and
`` [1, 2]`` or `` [3-5]`` after a space unless a word names them: "see [2]") are dropped, and
brackets and braces in code; subscript digits (``CO₂``) are digits.
"""

from __future__ import annotations

import re

from voice_server.text.normalize.cues import NOUN_AFTER_UNIT, alternation, spaced
from voice_server.text.normalize.number_words import (
    ONES,
    cardinal,
    digits,
    in_pairs,
    read_number,
    year,
)
from voice_server.text.normalize_zh import VERSIONED


def phone(m: re.Match[str]) -> str:
    """``(555) 123-4567 x89`` -> "five five five, one two three, four five six seven,
    extension eight nine"; a bare ``18005550199`` only after "call", "phone", "number" ..."""
    groups = m.groupdict()
    if "bare" in groups and _PHONE_CUE_BEFORE.search(
            m.string, max(0, m.start() - 30), m.start()) is None:  # fmt: skip
        return m.group(0)
    code = m["cc"] or ""
    lead = ("plus " if code.startswith("+") else "") + ("one, " if code else "")
    words = lead + ", ".join(digits(g) for g in (m["area"], m["exchange"], m["line"]))
    return spaced(words + (f", extension {digits(m['ext'])}" if groups.get("ext") else ""))


_PHONE_CUE_BEFORE = re.compile(r"\b(?:call|dial|phone|tel|text|fax|mobile|cell|number|contact|"
                               r"reach)\w*\b[^.!?\d]{0,20}$", re.I)  # fmt: skip


IDENTIFIER_WORDS = ("order|orders|code|codes|ID|PIN|OTP|tracking|confirmation|reference|ref|"
                    "account|acct|invoice|ticket|case|docket|booking|reservation|serial|claim|policy|"
                    "member|customer|transaction|receipt|incident|SKU|RMA|PNR|voucher|"
                    "(?:license|licence|number) plate|plate number|VIN|"
                    "(?-i:ZIP)|zip code|postal code|"
                    "card ending in|ending in|ends in|"
                    r"last (?:four|4) digits(?: of (?:your|the) \w+(?: \w+)?)?(?: (?:are|is))?")
"""Words after which a number is an identifier, read digit by digit (4 digits or more)."""
IDENTIFIER_BEFORE_NO = re.compile(rf"\b(?:{IDENTIFIER_WORDS})[ \t]+$", re.I)
"""Before "no.": the word of an identifier ("reference no. is RF-8831" is read "number", and
its period ends no sentence)."""


_PROMO_WORDS = ("SAVE|FREE|SHIP|SHIPPING|WELCOME|SPRING|SUMMER|FALL|AUTUMN|WINTER|HOLIDAY|XMAS|"
                "NEW|YEAR|FIRST|EXTRA|TAKE|GET|OFF|SALE|DEAL|DEALS|BONUS|GIFT|HELLO|THANKS|"
                "STUDENT|FRIENDS|FAMILY|BLACK|FRIDAY|CYBER|MONDAY|FLASH|SUPER|HAPPY|WEEKEND|"
                "SPECIAL|TREAT|JOIN|HOME|BACK|SCHOOL|MOM|DAD|LOVE|ORDER|APP|EASTER")
_PROMO_WORDS = alternation(_PROMO_WORDS.split("|"))  # SHIPPING before SHIP
_PROMO_CODE = re.compile(rf"((?:{_PROMO_WORDS})+)(\d{{1,2}}|20\d\d)")
"""A promotion's code of words and an amount or a year: ``SAVE20`` is said "save twenty"
(was "S A V E two zero"), ``WELCOME10``, ``FREESHIP50``, ``SPRING2025``."""
_PROMO_WORD = re.compile(_PROMO_WORDS)


def _promo_code(code: str) -> str | None:
    """``SAVE20`` -> "save twenty", ``FREESHIP50`` -> "free ship fifty"; None for any other code."""
    m = _PROMO_CODE.fullmatch(code)
    if m is None:
        return None
    words = " ".join(word.lower() for word in _PROMO_WORD.findall(m[1]))
    return f"{words} {read_number(m[2])}"


def identifier(m: re.Match[str]) -> str:
    """An order number, code or ID, character by character: "order #1234" -> order number
    one two three four; "ID: 7F3K-9Q2L" -> I D seven F three K, nine Q two L; a promotion's
    code of words, "code SAVE20", as said (``_promo_code``)."""
    gap = re.sub(r"\bno\.", "number", m["gap"], flags=re.I)  # "case no. 123"
    gap = gap.replace("#", "" if "number" in gap.lower() else " number ")  # "ticket # is"
    return f"{m['word']}{gap}" + spaced(_promo_code(m["id"]) or spell(m["id"]))


def spell(code: str) -> str:
    """``7F3K-9Q2L`` -> "seven F three K, nine Q two L" (a hyphen or space is a pause)."""
    spelled = [ONES[int(c)] if c.isdigit() else "," if c in "- " else c.upper() for c in code]
    return " ".join(spelled).replace(" ,", ",")


MODEL_BRANDS = ("(?:Boeing|Airbus|Xbox|Cessna|Porsche|Peugeot|Nokia|Snapdragon|Dimensity|Model|"
                "Samsung|Crucial|Kingston|Garmin|Forerunner|Canon|Nikon|Ryzen|Radeon|GeForce)")  # fmt: skip


OR_LATER = re.compile(rf"(?<![\w.])((?:{VERSIONED}) v?\d{{1,3}}(?:\.\d{{1,4}}){{0,2}})\+"
                      r"(?![\w+]|\s?\d)")
"""A product's version and a plus: ``macOS 14.4+``, ``Python 3.9+`` -> "... or later" (was
"plus", as if something were added)."""
VERSIONED_BEFORE = re.compile(rf"(?<![\w.])(?:{VERSIONED})"
                              r"(?::?\s(?:version:?\s)?(?:(?:to|from|is|at least)\s)?"
                              r"|\s?(?:[<>=!~]=|[<>])\s?)$"
                              r"|(?<![\w.-])[A-Za-z][\w.-]+(?:[<>=!~]=|[<>])$")
"""A product's name before a version, or a package's before a bound on it: ``Python >= 3.10``,
``numpy>=1.24`` (were "three point one zero", "one point two four"); "to" or "from" between
them, ``Upgrade Python to 3.12``, ``the minimum Go version to 1.21`` (were "one point two one");
"is", "at least" or a colon, ``Minimum Node is 18.18``, ``Node version: 18.18`` (were "one
eight")."""


def version(m: re.Match[str]) -> str:
    """``Python 3.11`` -> "Python three point eleven": after a product's name
    (``VERSIONED``), a version's minor number is a number, as developers say it (the rule
    looks for the digits, then for the name before them: a search for any of the names at
    every position costs five times more)."""
    if (VERSIONED_BEFORE.search(m.string, max(0, m.start() - 24), m.start()) is None
            and not _named_version_before(m) or m.string.startswith(" times", m.end())):
        return m.group(0)  # Python is 3.14 times faster: a factor
    return spaced(f"{cardinal(int(m['major']))} point {cardinal(int(m['minor']))}")


_NAMED_VERSION = re.compile(rf"(?<![\w.])(?:{VERSIONED})\s(?:version\s)?(\d{{1,3}})\.(\d{{1,3}})")
_COMPARED_BEFORE = re.compile(r"(?:\b(?:(?P<vs>than|vs\.?|versus)|and|or|to|from|over|on|with|under|"
                              r"since|until|before|below|above|[Uu]se|[Uu]sing|[Ii]nstall(?:ing)?|"
                              r"[Pp]in|[Kk]eep|[Tt]ry|[Cc]hoose|[Pp]ick),?|,)\s$")  # fmt: skip
_SENTENCE_REACH = 160


def _named_version_before(m: re.Match[str]) -> bool:
    """A bare ``3.11`` reads as a version where its sentence named a product's version before
    it and it is compared to that ("Python 3.12 is faster than 3.11", "Node 18.20 vs 20.11";
    were "three point one one", "twenty point one one") or listed with it, the same major
    number ("Python 3.11 and 3.12", "In Python 3.12 use X; on 3.11, Y") or chosen instead
    ("Python 3.13 is out; use 3.12 if unsure", "pin 3.12"); not "Python 3.12 scored 3.45",
    nor "3.15 times"."""
    text, start = m.string, m.start()
    joined = _COMPARED_BEFORE.search(text, max(0, start - 12), start)
    if joined is None or text.startswith(" times", m.end()):
        return False
    begin = max(0, start - _SENTENCE_REACH)
    sentence = max(begin, *(text.rfind(end, begin, start) for end in (". ", "! ", "? ", "\n")))
    if any(joined["vs"] or named[1] == m["major"]
           for named in _NAMED_VERSION.finditer(text, sentence, start)):
        return True
    # a sentence or two before, the same major and a minor near it: "Kubernetes 1.29
    # deprecates it. ... before moving to 1.32" (was "one point three two")
    if joined["vs"] or joined[0].strip(" ,") in ("and", "or", ""):
        return False  # "It costs 3.15 more than 3.11": a price's, compared to its sentence's
    return any(named[1] == m["major"] and abs(int(named[2]) - int(m["minor"])) <= 6
               for named in _NAMED_VERSION.finditer(text, max(0, start - 2 * _SENTENCE_REACH),
                                                    sentence))


def ieee_802(m: re.Match[str]) -> str:
    """``802.11ax`` -> "eight oh two point eleven A X", as network engineers say it: the
    family in pairs, its numbers after a dot as numbers, the amendment's letters one by one,
    capitals (a small ``a`` would be read as the article); ``802.11b/g/n`` -> "... B slash G
    slash N"."""
    words = ["eight oh two", *(f"point {cardinal(int(n))}" for n in m[1][1:].split("."))]
    letters = [spell(m[2].upper())] if m[2] else []
    letters += [spell(amendment.upper()) for amendment in m[3].split("/")[1:]]
    return spaced(" ".join(words) + (" " + " slash ".join(letters) if letters else ""))


def ubuntu(m: re.Match[str]) -> str:
    """``Ubuntu 22.04`` -> "Ubuntu twenty-two oh four" (a year and a month), ``22.04.3`` ->
    "... point three"."""
    major, minor = int(m["major"]), int(m["minor"])
    words = f"{cardinal(major)} {'oh ' if minor < 10 else ''}{cardinal(minor)}"
    words += f" point {cardinal(int(m['patch']))}" if m["patch"] else ""
    return "Ubuntu " + spaced(words)


def processor_model(number: str, suffix: str) -> str:
    """A processor's number as it is said: 13700 "thirteen seven hundred", 7950 "seventy-nine
    fifty", with its letters spelled (K, X3D)."""
    head, tail = (number[:2], number[2:]) if len(number) == 5 else ("", number)
    words = (f"{cardinal(int(head))} " if head else "") + model_number(int(tail))
    return f"{words} {spell(suffix)}" if suffix else words


SAID_IN_PAIRS = frozenset({("401", "k"), ("403", "b"), ("457", "b"), ("501", "c")})
"""A number and its first paragraph said in pairs: a 401(k), a 501(c)(3) (five oh one c three)."""


_PAGES_BEFORE = re.compile(r"\b(?:pages?|pp?\.|lines?|verses?|sections?|§§?|chapters?|nos?\.|"
                           r"numbers?|rooms?|items?|from)\s*$", re.I)  # fmt: skip
"""Words after which ``737-800`` is a range of numbers, not a Boeing's variant."""


def boeing(m: re.Match[str]) -> str:
    """A Boeing's number without its maker's name, before a variant or MAX: ``787-9`` ->
    "seven eighty-seven nine", ``737 MAX 8``, ``777X`` (were "seven hundred eighty-seven to
    nine", "seven hundred thirty-seven MAX"); ``pages 737-800`` stays a range."""
    if m["var"] and (_PAGES_BEFORE.search(m.string, max(0, m.start() - 12), m.start())
                     or (len(m["var"]) < 3 and m["num"] not in ("737", "777", "787"))):
        return m[0]  # only the 737's, 777's and 787's variants are 7 to 10
    return spaced(model_number(int(m["num"]))) + (f" {m['var']}" if m["var"] else m["tail"])


def code_number(number: str) -> str:
    """A model's or code's number: in pairs (``model_number``), but digit by digit when it
    starts with a zero, which pairs would drop (F050 "F zero five zero", not "F fifty")."""
    return digits(number) if number.startswith("0") else model_number(int(number))


SOURCE_EXTENSIONS = ("py|pyi|ipynb|js|jsx|mjs|cjs|ts|tsx|java|kt|kts|go|rs|rb|php|c|h|cc|cpp|cxx|hpp|"
                     "cs|swift|scala|vue|svelte|css|scss|less|html|json|ya?ml|toml|sh|bash|sql|"
                     "lua|dart|exs?|erl|hs|ml|clj|jl|pl|tf|gradle|xml|txt|md|log|cfg|ini")
"""A source file's extensions: after one, ``:18:27`` is a line and a column (a web address's
``.com:8080`` is a port's, read elsewhere)."""


def line_and_column(m: re.Match[str]) -> str:
    """``ProductList.jsx:18:27`` -> "ProductList.jsx, line eighteen, column twenty-seven" (the
    name is read by the rules after)."""
    column = f", column {cardinal(int(m['col']))}" if m["col"] else ""
    return f"{m['file']}, line {cardinal(int(m['line']))}{column}"


HTTP_CODE = r"(?:[2-5]\d\d)(?!\d)"
HTTP_CODES = re.compile(rf"{HTTP_CODE}| ?/ ?")
STATUS = r"(?:4[0-4]\d|45[01]|50\d|51[01])(?!\d)"
HTTP_JOIN = r"(?:,? (?:or|and)(?: an?)? |, | ?/ ?)"
"""An HTTP status's three digits, read in pairs after a cue (``model_number``): 404 "four oh
four", 500 "five hundred"; a slash between two is "or"."""


def http_code(m: re.Match[str]) -> str:
    return " or " if "/" in m[0] else model_number(int(m[0]))


ANY_STATUS = r"(?:20[0-6]|30[0-478]|4[0-2]\d|429|431|451|50[0-8]|511)(?!\d)"
_WEB_WORDS = re.compile(r"\b(?:HTTPS?|APIs?|endpoints?|servers?|requests?|status(?:es)?|"
                        r"responses?|tokens?|auth\w*|REST|GET|POST|PUT|PATCH|DELETE|curl|routes?|"
                        r"handlers?|webhooks?|backend|headers?|Unauthorized|Forbidden|Not Found|"
                        r"rate[- ]limit\w*|gateway|proxy|nginx|Express|Flask|FastAPI|Django)\b")  # fmt: skip
"""Words of the web, near ``returns 401`` without its article: the number is a status."""


def bare_http_code(m: re.Match[str]) -> str:
    """``returns 401 or 403`` -> "returns four oh one or four oh three" (were "four hundred
    one ..."): a status after "returns", "responds with", "gets" ... with no article, where the
    text speaks of the web within 200 characters and no noun follows ("returns 200 rows")."""
    if _WEB_WORDS.search(m.string, max(0, m.start() - 200), min(len(m.string), m.end() + 200)) is None:
        return m[0]
    return m["cue"] + spaced(HTTP_CODES.sub(http_code, m["codes"]))


FAULTY = (r"(?:(?:an?|the|any) )?(?:invalid|missing|unknown|bad|unauthori[sz]ed|expired|malformed|"
          r"duplicate|wrong|empty|stale)")
"""What a status answers after "on" or "for": ``404 on a missing id``, ``400 for bad input``."""


_EMERGENCY = re.compile(r"[Ee]mergenc")
_EMERGENCY_READ_BEFORE = re.compile(r"(?:\b(?:nine one one|nine nine nine|one one two|nine eight eight|"
                                    r"zero zero zero)|(?<![\w,.$€£])(?:911|999|112|988|000))"
                                    r"\s*(?:,|or|and|/)?\s*$")  # fmt: skip
_CALLS_AFTER = re.compile(r" (?:calls?|callers?|dispatch(?:ers?)?|operators?)\b")


def emergency_number(m: re.Match[str]) -> str:
    """911, 999, 112, 988 or 000, digit by digit, where it is an emergency number: the text
    speaks of an emergency within 80 characters, one read so (or another of them, this rule's
    own) is joined to it ("dial 999 or 112", "call 911, 112 or 999"), or, 911, before a call ("911 calls"); else a number ("ran 112 meters")."""
    start, end = max(0, m.start() - 80), m.end() + 80
    if not (_EMERGENCY.search(m.string, start, end)
            or _EMERGENCY_READ_BEFORE.search(m.string, max(0, m.start() - 30), m.start())
            or (m[1] == "911" and _CALLS_AFTER.match(m.string, m.end()))):
        return m[0]
    return spaced(digits(m[1]))


_NUMBERED_PLACE_BEFORE = re.compile(r"\b(?:[Rr]oom|ROOM|R[Mm]|rm|[Ss]uite|SUITE|[Ss]te|STE|[Aa]pt|APT|"
                                    r"[Aa]partment|[Ff]light|FLIGHT|[Gg]ate|GATE|[Bb]us|BUS|"
                                    r"[Pp]latform|[Tt]rain|TRAIN)\.?\s$")  # fmt: skip


def labelled_number(m: re.Match[str]) -> str:
    """A room's, suite's, flight's, gate's or bus's number, in pairs as it is said: Room 101
    (one oh one), Flight 370 (three seventy), Suite 1204 (were "one hundred one", "three
    hundred seventy"; the rule looks for the digits, then for the word before them)."""
    if _NUMBERED_PLACE_BEFORE.search(m.string, max(0, m.start() - 12), m.start()) is None:
        return m[0]
    return spaced(code_number(m["num"]))


def model_number(n: int) -> str:
    """A product's number as it is said: 737 "seven thirty-seven", 4090 "forty ninety",
    2000 "two thousand"."""
    return cardinal(n) if n % 1000 == 0 else in_pairs(n)


def read_port(number: str) -> str:
    """A port as it is said: 8080 "eighty eighty", 443 "four forty-three", 80 "eighty", 27017
    digit by digit."""
    if len(number) <= 2:
        return cardinal(int(number))
    return model_number(int(number)) if len(number) <= 4 else digits(number)


def host_port(m: re.Match[str]) -> str:
    """``10.0.0.1:5432`` -> "10.0.0.1 colon fifty-four thirty-two"; a path after the port
    stays joined to it, to be read "slash" (``localhost:3000/api``)."""
    after = "" if m.string.startswith("/", m.end()) else " "
    return f"{m[1]} colon {read_port(m[2])}{after}"


def port_mapping(m: re.Match[str]) -> str:
    """``-p 8080:80`` -> "-p eighty eighty colon eighty" (after a command, "dash p"; ``8080:80/udp``: "... slash U D
    P"), after an option or a word that maps ports: a time or a ratio read there would be
    nonsense."""
    proto = f" slash {spell(m['proto'])}" if m["proto"] else ""
    return (m["cue"] + m["quote"]
            + spaced(f"{read_port(m['a'])} colon {read_port(m['b'])}{proto}").lstrip())


def named_chain(m: re.Match[str]) -> str:
    """A name's numbers after hyphens, where they are no range: ``Llama-3-70B`` (a model's
    size after them), ``ISO-8859-1`` (the second smaller); ``press-784-786`` stays a range."""
    if m["size"] or float(m["b"]) < float(m["a"]):
        return m[0][: m.start("b") - m.start() - 1] + " " + m[0][m.start("b") - m.start() :]
    return m[0]


STANDARD_BODIES = ("ISO/IEC", "ISO", "IEC", "IEEE", "RFC", "ANSI", "ASTM", "DIN", "EN", "BS", "ECMA")


def standard(m: re.Match[str]) -> str:
    """A standard's number: ``ISO-8859-1`` -> "ISO eighty-eight fifty-nine dash one", ``ISO
    9001:2015`` -> "ISO ninety oh one, twenty fifteen", ``IEC 61131-3`` (the number as a
    model's, in pairs up to four digits; a part after a hyphen, the edition's year after a
    colon or a four-digit part: was "eight thousand ... to one", "ninety oh one: twenty
    fifteen", "twenty-seven thousand one to twenty twenty-two")."""
    number = m["num"]
    words = code_number(number) if len(number) <= 4 else cardinal(int(number))
    for part in m["parts"].split("-")[1:]:
        words += f" dash {year(int(part)) if len(part) == 4 else cardinal(int(part))}"
    if m["year"]:
        words += f", {year(int(m['year']))}"
    return f"{m['body'].replace('/', ' ')} " + spaced(words)


def cve(m: re.Match[str]) -> str:
    """``CVE-2024-3094`` -> "C V E twenty twenty-four, three zero nine four": its year as a
    year, its number digit by digit (was "two zero two four" and the number spelled)."""
    return spaced(f"C V E {year(int(m[1]))}, {digits(m[2])}")


FILES = re.compile(r"\b(?:chmod|chown|files?|keys?|director(?:y|ies)|folders?|ssh|permissions|"
                   r"owner|read|write|executable)\b|~/|\.pem\b|\bid_[a-z]", re.I)
"""A text that speaks of files, where "mode 600" is a file's (digit by digit)."""
OPTION_SIZE = re.compile(r"(?P<opt>(?<![\w-])--[a-z][\w-]*=|(?:(?<![\w-])-|\bdash )X(?:mx|ms|ss)"
                         r"|\b(?:mem[_ ]limit|mem[_ ]reservation|memswap[_ ]limit|shm[_ ]size|memory): ?)"
                         r"(?P<n>\d{1,6}(?:\.\d{1,3})?)(?P<u>[kmgtKMGT])(?![\w-]|\.\d)")
"""A size of memory as a command's option takes it, in bytes with a letter: ``--memory=2g``,
``--shm-size=512m``, a JVM's ``-Xmx4g``, a Compose file's ``mem_limit: 512m``."""
def option_dash(option: str) -> str:
    """A JVM's ``-Xmx`` read with its dash, outside code as inside it: "dash Xmx" (the dash was
    lost where no backticks marked the option)."""
    return f" dash {option[1:]}" if option.startswith("-X") else option


OPTION_UNITS = {"k": "kilobyte", "m": "megabyte", "g": "gigabyte", "t": "terabyte"}


def config_size(m: re.Match[str]) -> str:
    """``SystemMaxUse=500M`` -> "... 500 megabytes" where the key is a setting's (after "=",
    or a name in camel or snake case); not before a noun (``cache_size 5M entries``)."""
    key = m["key"]
    setting = "=" in m["sep"] or "_" in key or re.search(r"[a-z][A-Z]", key) is not None
    if not setting or NOUN_AFTER_UNIT.match(m.string, m.end()):
        return m[0]
    return f"{key}{m['sep']}{m['n']} {OPTION_UNITS[m['u'].lower()]}{'' if m['n'] == '1' else 's'}"
CONFIG_SIZE = re.compile(r"\b(?P<key>[A-Za-z_]*(?i:size|use|mem|memory|limit|buffers?|cache|heap|"
                         r"disk|storage|keep|free)[A-Za-z_]*)(?P<sep> ?[=:] ?| )(?P<n>\d{1,6})"
                         r"(?P<u>[KMGT])\b(?![.,]\d)")
"""A size in bytes as a setting's value, the key naming memory or storage: journald's
``SystemMaxUse=500M``, nginx's ``client_max_body_size 10M`` (were "five hundred million")."""


_BRACE_BEFORE = re.compile(r"\{[^{}\n]{0,40}$")
_BRACE_AHEAD = re.compile(r"[^{}\n]{0,40}\}")
_ECHO_BEFORE = re.compile(r"\b(?:echo|print|printf)\s+$")


def positional_field(m: re.Match[str]) -> str:
    """``awk '{print $1}'``, ``echo $2``: a field or a script's argument, "dollar one" (was
    "print one dollar"): inside braces, or after ``echo`` or ``print``; money elsewhere."""
    before = max(0, m.start() - 41)
    in_braces = (_BRACE_BEFORE.search(m.string, before, m.start())
                 and _BRACE_AHEAD.match(m.string, m.end()))
    if in_braces or _ECHO_BEFORE.search(m.string, before, m.start()):
        return f" dollar {m[1]} "
    return m[0]
