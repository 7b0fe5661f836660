"""Money and percentages: currency signs and codes before or after the amount, scales (k, M,
bn), ranges, rates per unit of time, amounts written the continental or Indian way.

What is covered
---------------
- **Money**: ``$ € £ ¥ ￥ ₹ ₩ ₽ ¢`` (``$-20``: minus twenty dollars), ``USD EUR GBP JPY INR KRW RUB``
  and ``CNY RMB RMB¥`` (yuan), other dollars (``C$ A$ NZ$ HK$ S$``, ``CAD AUD NZD HKD SGD``),
  ``MX$``/``MXN``, ``R$``/``BRL``, ``CHF``, ``zł``/``PLN``, ``Kč``/``CZK``, ``kr`` (kroner; ``SEK``
  kronor, ``NOK`` and ``DKK`` kroner), ``HUF`` before or after the amount (``25€``, ``50 US$``,
  ``837,82 R$``), written the continental way next to a currency (``1.299,00 €``, ``€3,50``,
  ``kr. 99,95``, ``R$ 49,90``), Swiss thousands by CHF (``CHF 1'234.50``), Indian grouping after
  the rupee's sign (``₹1,23,456``); a code between two numbers is the first's (``841 SGD 373 CNY``), unless that is a
  year, a label's number (``Room 5 EUR 90`` -> Room five ninety euros) or the code is joined to the
  second (``5 HK$6.50``); ``50p``, cents and pence (``$5.50`` ->
  five dollars and fifty cents; ``¥3.50``, with no coin to name, three point five yen), an
  accountant's negative (``$(3.2) million`` -> minus three point two million dollars), scales
  (``$1.5M``, ``$3.4T``, ``€2 billion``, ``₹500 crore`` -> five hundred crore rupees, lakh; not
  ``$5 T-shirts``), ranges (``$5-10k`` -> five to ten thousand dollars); after "a" or "an" a whole amount's currency is singular
  (``a $5 bill`` -> a five dollar bill; ``a $0.50 charge`` -> a fifty cent charge; after "the" or a
  count before a noun too, ``the $500 fee``, or after "a" and another adjective, ``a 10-year, $700M
  contract`` -> ... seven hundred million dollar contract; a range's,
  ``a $5-10 fee`` -> a five to ten dollar fee); an exchange
  rate's second amount is a decimal (``1 USD = 0.92 EUR`` -> ... equals zero point nine two
  euros); a pair of currencies, ``EUR/USD 1.0875`` -> euro dollar one point zero eight seven five;
  after its rate one per the other, ``1.35 CAD/USD`` -> ... Canadian dollars per US dollar;
  a range after a code, ``CHF 49–89`` -> forty-nine to eighty-nine Swiss francs; a currency and
  its scale repeated at both ends are said once, ``€65k–€80k`` -> sixty-five to eighty thousand
  euros, as a unit is, ``36°F–46°F`` -> thirty-six to forty-six degrees Fahrenheit; so after
  "to" and "between ... and", ``$80 to $120`` -> eighty to one hundred twenty dollars, and
  across scales, ``$500k-$1.2M`` -> five hundred thousand to one point two million dollars (not
  ``$5 to $10M``); a rate per dollar, ``¥151.9/$`` -> ... yen per dollar;
  a price per barrel, ``$70.58/bbl``, per square foot, ``$405/sq ft``; two amounts joined by
  a slash keep it, ``$1,600/$3,200`` -> ... dollars slash ... dollars; an amount or more,
  ``$1k+`` -> one thousand plus dollars (not ``$5+ tax``).
- **Percentages** (``50%``, ``-2.5 %``; a decimal's trailing zeros not said, ``5.50%`` -> five
  point five percent, ``4.00%`` -> four percent; a spaced slash between two, a pause) and
  percentage points (``-0.5 pp``, ``by 1 pp``; where a
  sign, a decimal, a word of change or of a share that strays says so, ``drifts more than 5 pp``:
  ``a 300 pp book`` stays; after an
  amount, ``€45 pp``, ``€25–35 pp``, per person); a sign after a word that says which way is not
  read (``up +3.2%``, ``fell -4%`` -> fell four percent; ``down -2 to -3%`` -> down two to three
  percent).
"""

from __future__ import annotations

import re

from voice_server.text.normalize.cues import (
    MONTH,
    NOUN_AFTER_UNIT,
    RANGE_BEFORE,
    VERB_AFTER,
    YEAR_BEFORE,
    after_article,
    alternation,
    describes_the_noun_after,
    spaced,
)
from voice_server.text.normalize.number_words import MAX_CARDINAL_DIGITS, cardinal, read_number


_CURRENCIES = {"$": ("dollar", "dollars", "cent", "cents"), "€": ("euro", "euros", "cent", "cents"),
               "£": ("pound", "pounds", "penny", "pence"), "¥": ("yen", "yen", "", ""),
               "₹": ("rupee", "rupees", "paisa", "paise"), "₩": ("won", "won", "", ""),
               "₽": ("ruble", "rubles", "kopek", "kopeks"),
               "CN¥": ("yuan", "yuan", "", ""),
               **{f"{prefix}$": (f"{country} dollar", f"{country} dollars", "cent", "cents")
                  for prefix, country in (("C", "Canadian"), ("A", "Australian"),
                                          ("NZ", "New Zealand"), ("HK", "Hong Kong"),
                                          ("S", "Singapore"))},
               "MX$": ("Mexican peso", "Mexican pesos", "centavo", "centavos"),
               "R$": ("real", "reais", "centavo", "centavos"),
               "CHF": ("Swiss franc", "Swiss francs", "centime", "centimes"),
               "zł": ("zloty", "zlotys", "grosz", "groszy"), "Kč": ("koruna", "korunas", "", ""),
               "kr": ("krone", "kroner", "", ""),  # Danish or Norwegian (Swedish: SEK)
               "SEK": ("Swedish krona", "Swedish kronor", "", ""),
               "NOK": ("Norwegian krone", "Norwegian kroner", "", ""),
               "DKK": ("Danish krone", "Danish kroner", "", ""),
               "HUF": ("forint", "forints", "", "")}  # fmt: skip
CODES = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "KRW": "₩", "RUB": "₽",
         "CNY": "CN¥", "RMB": "CN¥", "CAD": "C$", "AUD": "A$", "NZD": "NZ$", "HKD": "HK$",
         "SGD": "S$", "MXN": "MX$", "BRL": "R$", "CHF": "CHF", "US$": "$", "CA$": "C$",
         "AU$": "A$", "SG$": "S$", "PLN": "zł", "zł": "zł", "CZK": "Kč", "Kč": "Kč", "kr": "kr",
         "SEK": "SEK", "NOK": "NOK", "DKK": "DKK", "HUF": "HUF"}  # fmt: skip
"""Codes, and signs written with letters (zł, Kč, kr), of the currencies: the key of each in
``_CURRENCIES``."""
CURRENCY_PAIR_CODES = "|".join(code for code in CODES if len(code) == 3 and code.isalpha()
                                 and code.isupper())
"""Codes that name a pair of currencies, ``EUR/USD``, ``USD/JPY`` (euro dollar, dollar yen)."""
_RATE_JUST_BEFORE = re.compile(r"(?<![\w.,])(?!(?:19|20)\d\d ?$)(\d+(?:[.,]\d+)*) ?$")
"""A pair's rate before it; not a year (``In 2024 EUR/USD fell``)."""


def currency_pair(m: re.Match[str]) -> str:
    """``EUR/USD 1.0875``: "euro dollar", the pair as traders name it; after its rate,
    ``~1.35 CAD/USD``: "Canadian dollars per US dollar", as a unit per another (was "Canadian
    dollar dollar"). Beside another dollar, the US one says so (``USD/CAD``: US dollar)."""
    first, second = _CURRENCIES[CODES[m[1]]][:2], _CURRENCIES[CODES[m[2]]][:2]
    if first[0] == "dollar" and second[0].endswith("dollar"):
        first = ("US dollar", "US dollars")
    elif second[0] == "dollar" and first[0].endswith("dollar"):
        second = ("US dollar", "US dollars")
    rate = _RATE_JUST_BEFORE.search(m.string, max(0, m.start() - 24), m.start())
    if rate is None:
        return f"{first[0]} {second[0]}"
    return f"{first[0] if rate[1] == '1' else first[1]} per {second[0]}"


DOLLAR_PREFIXES = "US|CA|C|AU|A|NZ|HK|SG|S|MX|R"
"""Letters before a ``$`` that name the country's currency: C$20, A$30, HK$100, R$50."""
CODE_NAMES = "|".join(re.escape(code) for code in CODES)  # CA$: a dollar sign, no line end
MONEY_SCALES = {"k": "thousand", "K": "thousand", "m": "million", "M": "million",
                "b": "billion", "B": "billion", "bn": "billion", "T": "trillion",
                "tn": "trillion", "thousand": "thousand",
                "million": "million", "billion": "billion", "trillion": "trillion",
                "lakh": "lakh", "lakhs": "lakh", "crore": "crore", "crores": "crore",
                "lakh crore": "lakh crore"}  # fmt: skip
"""Scales after an amount: ``$1.5M``, ``₹500 crore`` (five hundred crore rupees), ``$3.4T``
(not "$5 T-shirts")."""
SCALE = rf"(?:\s?(?P<scale>{alternation(MONEY_SCALES)})(?!\w|(?<=T)-[A-Za-z]))?"


_BARE_NUMBER_BEFORE = re.compile(r"(?<![\w.,:/^'$€£¥₹₩₽-])(?<![A-Z]{3} )(?!0\d)(\d+(?:[.,]\d+)*) $")
"""A number, after no currency, a space before a currency's code: the code may be its."""


_MONTH_BEFORE = re.compile(rf"\b(?:{MONTH})\.?,?\s+$")
LABEL_BEFORE = re.compile(r"\b(?:room|rm|table|gate|seat|row|flight|platform|bus|floor|level|suite|"
                          r"unit|apt|apartment|step|item|page|chapter|day|week|line|box|lot|"
                          r"terminal|door|bed|court|track|aisle|section|booth|stand|hall|pier|"
                          r"dock|zone|block|building|no|number)\.?\s?#?$", re.I)  # fmt: skip
"""Words whose number names a thing, and is no amount: "Room 5 EUR 90" is ninety euros."""


def _code_is_the_number_befores(m: re.Match[str]) -> bool:
    """Whether a currency's code between two numbers belongs to the first: "841 SGD 373 CNY"
    is 841 Singapore dollars and 373 yuan. Not where the code is joined to the amount after
    it ("5 HK$6.5", "935 GBP974") or that amount is negative, nor after a year ("in 2023
    USD 100 bought ...") or a label's number ("Room 5 EUR 90")."""
    if m["neg"] or not m["cur"][0].isalpha() or not m.string[m.end("cur")].isspace():
        return False
    before = _BARE_NUMBER_BEFORE.search(m.string, max(0, m.start() - 24), m.start())
    if before is None:
        return False
    number, start = before[1], before.start()
    if LABEL_BEFORE.search(m.string, max(0, start - 12), start) is not None:
        return False
    return not (len(number) == 4 and number.isdigit() and 1100 <= int(number) <= 2099
                and (YEAR_BEFORE.search(m.string, max(0, start - 12), start) is not None
                     or _MONTH_BEFORE.search(m.string, max(0, start - 12), start) is not None))


_MONEY_WORDS = alternation({word for names in _CURRENCIES.values() for word in names[:2]})
_RATE_BEFORE = re.compile(rf"(?:[$€£¥₹₩₽]\d[\d,.]*|\d[\d,.]*\s?(?:{CODE_NAMES})|\b(?:{_MONEY_WORDS}))"
                          r"\s?[=≈]\s?$")  # fmt: skip
"""An amount of one currency and ``=`` just before another's: an exchange rate, ``1 USD =
0.92 EUR``, whose second amount is a rate, "zero point nine two euros" (not "ninety-two
cents"; ``1 GBP = 1.19 EUR`` was "one euro and nineteen cents")."""


def _is_rate(m: re.Match[str]) -> bool:
    return _RATE_BEFORE.search(m.string, max(0, m.start() - 30), m.start()) is not None


def money_or_rate(symbol: str, m: re.Match[str]) -> str:
    """``_money``, but an exchange rate's second amount (``_RATE_BEFORE``) is a decimal."""
    if _is_rate(m) and "." in m["amt"] and not m["scale"] and _CURRENCIES[symbol][3]:
        one, many = _CURRENCIES[symbol][:2]
        amount = read_number(m["amt"], False)
        return spaced(f"{'minus ' if m['neg'] else ''}{amount} {one if amount == 'one' else many}")
    article = (after_article(m) or _article_before_range(m) or describes_the_noun_after(m)
               or _article_and_adjective_before(m))
    return _money(symbol, m["amt"], m["scale"], bool(m["neg"]), article)  # the $500 fee: dollar


def _article_before_range(m: re.Match[str]) -> bool:
    """Whether an amount ends a range after "a" or "an": ``a $5-10 fee`` (by now "a 5 to $10
    fee") -> a five to ten dollar fee (was "dollars fee")."""
    if m.string[m.start() - 4 : m.start()] != " to ":
        return False
    first = RANGE_BEFORE.search(m.string, max(0, m.start() - 12), m.start())
    return first is not None and after_article(first)


_ARTICLE_AND_ADJECTIVE_BEFORE = re.compile(r"(?:^|(?<=\W))[Aa]n? [\w-]+(?: [\w-]+)?, $")


def _article_and_adjective_before(m: re.Match[str]) -> bool:
    """Whether an amount describes the noun after it with another adjective between it and
    "a": ``a 10-year, $700M contract`` -> ... seven hundred million dollar contract (was
    "dollars contract")."""
    return (_ARTICLE_AND_ADJECTIVE_BEFORE.search(m.string, max(0, m.start() - 24), m.start()) is not None
            and NOUN_AFTER_UNIT.match(m.string, m.end()) is not None
            and VERB_AFTER.match(m.string, m.end()) is None)


def money_after_sign(m: re.Match[str]) -> str:
    """``$5``, ``USD 100``, ``C$20``; but a code right after a bare number is that number's
    (``_code_is_the_number_befores``), and is read with it by the next rule."""
    if _code_is_the_number_befores(m):
        return m.group(0)
    currency = m["cur"]
    return money_or_rate(CODES.get(currency, currency), m)


def money_or_more(m: re.Match[str]) -> str:
    """``$1k+`` -> "one thousand plus dollars", as ``20+ hrs`` is "twenty plus hours" (after "a"
    or "an" singular: "a $500+ budget" -> a five hundred plus dollar budget); not before what
    is added to it, ``$5+ tax``."""
    one, many = _CURRENCIES[m["cur"]][:2]
    scale = f" {MONEY_SCALES[m['scale']]}" if m["scale"] else ""
    amount = read_number(m["amt"].replace(",", ""), False)
    return spaced(f"{amount}{scale} plus {one if after_article(m) else many}")


def _money(
    symbol: str, amount: str, scale: str | None, negative: bool, article: bool = False,
) -> str:
    """``$5.50`` -> "five dollars and fifty cents"; after "a" or "an" the amount describes
    the noun that follows and its currency is singular ("a $5 bill" -> a five dollar bill)."""
    one, many, sub_one, sub_many = _CURRENCIES[symbol]
    many = one if article else many
    sign = "minus " if negative else ""
    whole, _, cents = amount.replace(",", "").partition(".")
    if scale:
        return spaced(f"{sign}{read_number(amount, False)} {MONEY_SCALES[scale]} {many}")
    if cents.strip("0") and not sub_many:  # no coin to name: ¥3.50 is three point five yen
        amount = whole + "." + cents.rstrip("0")
        return spaced(f"{sign}{read_number(amount, False)} {many}")
    if len(cents) > 2 or len(whole) > MAX_CARDINAL_DIGITS:
        return spaced(f"{sign}{read_number(amount, False)} {many}")
    main = int(whole or "0")
    sub = int(cents.ljust(2, "0")) if cents else 0
    if sub:
        many = _CURRENCIES[symbol][1]  # "a five dollars and fifty cents fee" is left as it is
    parts = [f"{cardinal(main)} {one if main == 1 else many}"] if main or not sub else []
    if sub:
        singular = sub == 1 or (article and not main)  # "a 50 cent charge", as "a 5 dollar bill"
        parts.append(f"{cardinal(sub)} {sub_one if singular else sub_many}")
    return spaced(sign + " and ".join(parts))


def read_amount(number: str) -> float:
    return float(number.replace(",", ""))


_SCALED_AMOUNT_AHEAD = re.compile(rf"\d+(?:,\d{{3}})*(?:\.\d+)?\s?(?:{alternation(MONEY_SCALES)})\b")


def money_range(m: re.Match[str]) -> str:
    """``$5-10`` -> "5-$10", read "five to ten dollars"; ``$1-2 million`` -> "one to two
    million dollars" (the currency was read after the first amount, and the scale not).
    With cents and no scale the currency is said twice: ``$5.50-6.50``."""
    if m[3] and not _SCALED_AMOUNT_AHEAD.match(m.string, m.end()):
        return f"{m[1]}{m[2]}-{m[1]}"
    return f"{m[2]}-{m[1]}"


_SCALE_VALUES = {"": 1, "k": 1e3, "m": 1e6, "b": 1e9, "bn": 1e9, "t": 1e12}


def repeated_currency(m: re.Match[str]) -> str:
    """``€65k–€80k`` -> "€65–80k", ``$80-$120`` -> "$80-120" (read "sixty-five to eighty
    thousand euros", "eighty to one hundred twenty dollars" by ``money_range``): the currency
    and the scale said once, as a range of them is; so after "to", ``$80 to $120``, and "and"
    after "between" (were "eighty dollars to one hundred twenty dollars"). Scales that differ,
    ``$500k-$1.2M``, say the currency once, at the end: "five hundred thousand to one point
    two million dollars". Left where the second amount is less (``$100 - $35`` may be a
    difference, ``from $120 to $80`` a fall said in full)."""
    first, second = (m["s"] or "").lower(), (m["t"] or "").lower()
    if m["sep"] == " and " and not m.string[max(0, m.start() - 8) : m.start()].lower().endswith(
            "between "):  # fmt: skip
        return m[0]  # two prices: "$15 and $10 for kids"
    if read_amount(m["a"]) * _SCALE_VALUES[first] > read_amount(m["b"]) * _SCALE_VALUES[second]:
        return m[0]
    if first != second:  # not "$5 to $10M": five would be heard as millions
        return f"{m['a']}{m['s']}-{m['c']}{m['b']}{m['t'] or ''}" if m["s"] else m[0]
    return f"{m['c']}{m['a']}-{m['b']}{m['t'] or ''}"


CONTINENTAL_CODES = "EUR|RUB|PLN|zł|CZK|Kč|SEK|NOK|DKK|kr|HUF|BRL"
"""Currencies whose amounts are written the continental way after them too (EUR 3,50)."""
SUFFIX_CURRENCY = rf"(?:[$€£¥₹₩₽]|\b(?:{DOLLAR_PREFIXES})\$|\b(?:{CODE_NAMES})\b)"
EUROPEAN_AMOUNT = (r"(?<![\d.,])(?:\d{1,3}(?:[.\u00a0\u202f]\d{3})+(?:,\d{1,2})?"
                   r"|\d{1,3}(?: \d{3})+,\d{1,2}|\d+,\d{1,2})(?![\d,])")  # fmt: skip
"""An amount written the continental way: 1.299,00 or 1 234,56 or 3,50 (a comma before the
cents; dots or spaces between thousands). Read so only next to a currency: 1,299 alone, or
after $, stays English."""


def european_amount(amount: str) -> str:
    """1.299,00 -> 1299.00 (the form the money rules read)."""
    return re.sub(r"[.\u00a0\u202f ]", "", amount).replace(",", ".")
