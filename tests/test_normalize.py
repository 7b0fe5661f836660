"""English normalisation: what the model cannot read becomes words, and nothing else changes."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voice_server.text.normalize import MAX_EXPANSION, normalize_text, rewrite, speakable
from voice_server.text.normalize.number_words import cardinal, ordinal, read_number, year
from voice_server.text.normalize.roman import roman_value
from tests.conftest import TIMEOUT_UNIT


@pytest.mark.parametrize(
    ("n", "words"),
    [(0, "zero"), (7, "seven"), (13, "thirteen"), (40, "forty"), (99, "ninety-nine"),
     (100, "one hundred"), (101, "one hundred one"), (1000, "one thousand"),
     (1_234_567, "one million two hundred thirty-four thousand five hundred sixty-seven"),
     (10**12, "one trillion"), (-42, "minus forty-two")],
)  # fmt: skip
def test_cardinals(n: int, words: str) -> None:
    assert cardinal(n) == words


@pytest.mark.parametrize(
    ("n", "words"),
    [(1, "first"), (2, "second"), (3, "third"), (5, "fifth"), (8, "eighth"), (9, "ninth"),
     (12, "twelfth"), (20, "twentieth"), (22, "twenty-second"), (101, "one hundred first"),
     (1000, "one thousandth")],
)  # fmt: skip
def test_ordinals(n: int, words: str) -> None:
    assert ordinal(n) == words


@pytest.mark.parametrize(
    ("n", "words"),
    [(1999, "nineteen ninety-nine"), (1900, "nineteen hundred"), (1905, "nineteen oh five"),
     (2000, "two thousand"), (2005, "two thousand five"), (2010, "twenty ten"),
     (2024, "twenty twenty-four"), (1066, "one thousand sixty-six")],
)  # fmt: skip
def test_years(n: int, words: str) -> None:
    assert year(n) == words


def test_numbers_beyond_the_scale_names_and_with_leading_zeros_are_read_digit_by_digit() -> None:
    assert read_number("007") == "zero zero seven"
    assert read_number("1" * 40) == " ".join(["one"] * 40)


CASES = [
    # numbers
    ("I have 5 apples.", "I have five apples."),
    ("It was 1,234 km.", "It was one thousand two hundred thirty-four kilometers."),
    ("pi is 3.14", "pi is three point one four"),
    ("a -5 b", "a minus five b"),
    (".5 more", "point five more"),
    ("version 1.2.3", "version one dot two dot three"),
    ("In 1999 and 2024", "In nineteen ninety-nine and twenty twenty-four"),
    ("the 1990s and '80s", "the nineteen nineties and eighties"),
    ("1st, 2nd, 3rd, 22nd", "first, second, third, twenty-second"),
    ("3/4 cup, 2 1/2, 24/7", "three quarters cup, two and one half, twenty-four seven"),
    ("pages 5-10", "pages five to ten"),
    ("2 x 3 and 2*3", "two times three and two times three"),
    ("COVID-19", "COVID nineteen"),
    ("call 555-123-4567", "call five five five, one two three, four five six seven"),
    # money and percentages
    ("It costs $5.50 today.", "It costs five dollars and fifty cents today."),
    ("$1 or $0.99", "one dollar or ninety-nine cents"),
    ("$1.5M raised", "one point five million dollars raised"),
    ("€20, £3.01, ¥500", "twenty euros, three pounds and one penny, five hundred yen"),
    ("It costs 5 EUR.", "It costs five euros."),
    ("50% off, -2.5%", "fifty percent off, minus two point five percent"),
    # times and dates
    ("at 3:45 pm", "at three forty-five P M"),
    ("at 3:05", "at three oh five"),
    ("at 15:00", "at fifteen hundred"),
    ("Meet at 5pm.", "Meet at five P M."),
    ("at 9 a.m. Then", "at nine A M. Then"),
    ("on 2024-01-15", "on January fifteenth, twenty twenty-four"),
    ("on 1/15/2024", "on January fifteenth, twenty twenty-four"),
    ("Jan 5, 2024", "January fifth, twenty twenty-four"),
    # abbreviations
    ("Dr. Smith lives on Main St. He is nice.", "Doctor Smith lives on Main Street. He is nice."),
    ("Mr. and Mrs. Jones visited St. Louis.", "Mister and Missus Jones visited Saint Louis."),
    ("fruit, e.g., apples, i.e. food, etc.",
     "fruit, for example, apples, that is food, et cetera."),  # fmt: skip
    ("cats vs. dogs", "cats versus dogs"),
    ("the U.S. Army", "the U S Army"),
    ("No. 5", "number five"),
    # units and symbols
    ("5 km, 1 kg, 10kg", "five kilometers, one kilogram, ten kilograms"),
    ("30°C and 72°F", "thirty degrees Celsius and seventy-two degrees Fahrenheit"),
    ("60 mph, 2 GB, 100 ms", "sixty miles per hour, two gigabytes, one hundred milliseconds"),
    ("Tom & Jerry @ home", "Tom and Jerry at home"),
    ("a + b = c", "a plus b equals c"),
    ("#1 hit", "number one hit"),
    ("and/or", "and or"),
    # addresses
    ("mail me@example.com", "mail me at example dot com"),
    ("Visit https://www.example.com/a-b.", "Visit w w w dot example dot com slash a dash b."),
    ("see github.com/foo2.", "see github dot com slash foo two."),
    # unicode, markdown, emoji, whitespace
    ("“Smart” — ‘quotes’…", "\"Smart\", 'quotes'..."),
    ("Hello 😀 world 👍🏽!", "Hello world!"),
    ("**bold** and _em_ and `code`", "bold and em and code"),
    ("# Title\n- one\n- two\n\nText", "Title. one. two. Text"),
    ("[the docs](https://x.io/d) say", "the docs say"),
    ("  lots   of\t\tspace  ", "lots of space"),
    ("我有3个苹果", "我有三个苹果"),
    # Chinese text reads its numbers in Chinese, signs included (normalize_zh)
    ("温度是 25°C，增长了 50%。", "温度是二十五摄氏度，增长了百分之五十。"),
    ("第1章 介绍 - 共 3 节", "第一章 介绍, 共三节"),
    ("价格 $5，折扣 20%", "价格五美元，折扣百分之二十"),
    ("我们在 Dr. Smith 的办公室 3 点见", "我们在 Doctor Smith 的办公室三点见"),
    ("The word 你好 means hello, it costs $5.", "The word 你好 means hello, it costs five dollars."),
]


@pytest.mark.parametrize(("text", "spoken"), CASES, ids=[c[0] for c in CASES])
def test_normalize_reads_it_out(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


def test_plain_text_passes_through_unchanged() -> None:
    text = "The quick brown fox, who was tired, jumped over the lazy dog! Didn't it?"
    assert normalize_text(text) == text


SPECIALS = st.sampled_from(
    list("0123456789$€£¥₹¢%&@+=#°±×÷<>≤≥≠≈~→§^*/|\\_`'\"-–—.,:;!? \n\t")
    + ["½", "⅞", "℉", "²", "😀", "🇺", "\ufe0f", "\u200d", "\x00", "Dr.", "St.", "e.g.",
       "U.S.", "www.", "http://", ".com", "@a.io", "$1.5M", "12:30", "pm", "1st", "'90s",
       "EUR", "km/h", "3/4", "我", "a", "Z", "١٢"]
)  # fmt: skip
MIXED = st.lists(st.one_of(SPECIALS, st.text(max_size=3)), max_size=40).map("".join)


@settings(max_examples=500, deadline=None)
@given(MIXED)
def test_normalize_never_raises_and_stays_within_the_expansion_bound(text: str) -> None:
    # ``rewrite`` is checked rather than ``normalize_text``, whose final guard would hide a
    # rule that breaks the bound.
    out = rewrite(text)
    assert len(out) <= MAX_EXPANSION * len(text)
    assert normalize_text(text) == out
    assert out == out.strip() and "  " not in out


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_normalize_handles_any_unicode_deterministically(text: str) -> None:
    out = normalize_text(text)
    assert len(out) <= MAX_EXPANSION * len(text)
    assert normalize_text(text) == out


PATHOLOGICAL = [
    "1" * 6000 + "th", "$" + "9" * 6000, "1" * 6000 + "/2", "1." * 3000 + "%", "-" * 6000 + "5",
    "a." * 3000 + "com", "a@" * 3000, "[" * 6000, "A." * 3000 + "b", "St. Louis " * 600,
    "我1" * 3000, "| a " * 1500, "\n- " * 2000, "😀" * 6000, "5%-" * 2000, "9am-" * 1500,
    "Jan 5-6 - " * 600, "1-8B-" * 1200, ", CA 94043-" * 550, "1 1/2 tsp " * 600, "a $5 " * 1200,
    "πx " * 2000, "| |\n" * 1500, "Mon.-" * 1200, "1e-5" * 1500, "2x - " * 1200,
    '1" ' * 2000, '"a 5" ' * 1000, "order #" * 800, "请访问a.com" * 600, "2024 units " * 500,
    "1～2我" * 1500, "1~2 " * 1500, "1 " * 15000,
    "a [1, 2" * 1000, "a [1]" * 1200, "1-1/" * 1500, "12' " * 1500, "0800 " * 1200,
    "14h30h" * 1000, "17:00h" * 1000, "#FFF" * 1500, "./." * 2000, "C$" * 3000, "2x " * 2000,
    "10K " * 1500, "5 ft. " * 1000, "sq. " * 1500,
    # the fourth round's rules, at 20,000 characters each
    "press # " * 2500, "*#1" * 6667, "order " + "12 " * 6666, "order #" + "#" * 20000,
    "call " + "2" * 20000, "(555)123-4567 x" * 1250,
    "x" * 20000 + "12", "*" * 20000 + "12", "xx-" * 6667 + "12", "xx-*" * 5000,
    "1-888-" * 3334, "SW1A 1A" * 2858, "$1/" * 6667, "per " * 5000, "1x" * 10000,
    "1x2x3 " * 3334, "1a-2" * 5000, "1p-" * 6667, "1-min" * 4000,
    "1 Aa " * 4000, "1 Main St. " * 1819, "1 Aa Aa Aa Aa" * 1539, "Hwy 1" * 4000,
    "I-101-" * 3334, "Sat & " * 3334, "Sat, " * 4000, "$-" * 10000,
    "No. A-" * 3334, "number is A1-" * 1539,
    "last 4 digits of the a b " * 800,
    # the fifth round's rules: inline math, emoticons, links, hashtags, alerts, seconds
    "$a " * 6667, "$a" * 10000, "$" + "a" * 20000, "$a$" * 6667, " :)" * 6667, ":-" * 10000,
    "[a][" * 5000, "[a]" * 6667, "[1]: http://a\n" * 1300, "> [!NOTE]\n" * 2000, "#话" * 10000,
    "#a" * 10000, "[^1]: " * 3334, "a–" * 10000, "(~1s" * 5000, "http://a.io:80" * 1429,
    # the sixth round's: elapsed times, verses, spec sheets, listings, pins, labels, flags
    "finished in 1:11:11" * 1053, "ran 1:11:1" * 2000, "1 John 1:1-" * 1819, "Mark 1:" * 2858,
    "2x USB" * 3334, "3BR/" * 5000, "3 bd / 2" * 2500, "ab==1." * 3334, "🇺🇸" * 10000,
    "🇺" * 20000, "= 22/" * 4000, "pi is about 2/" * 1429, "Room 5 EUR " * 1819, "₹5 lakh " * 2500,
    # the seventh round's: comparisons, trillions, filings, prices per million, proportions
    "a || b " * 2858, "| a || b\n" * 2223, "$5T-" * 5000, "1-K" * 6667, "the 1 kg a " * 1819,
    "2x 16GB " * 2500, "2x USB 3.2 " * 1819, "1:10 ratio " * 1819, "3.8/4.0" * 2858, "/1M" * 6667,
    "per 1K " * 2858, "a === b !== c == " * 1177,
    # the fourteenth round's: ranges before an inch mark, rates per hours, quotients, roads
    '1-2" ' * 4000, "1-" * 10000 + '2"', "1mg/" * 5000 + "24h", "1 mg/24 " * 2500,
    ")/" * 10000 + "2", "(a)/" * 5000, "US 9W " * 3334, "1-yr A " * 2858,
    "up +" * 5000 + "1%", "rose " + "-1 pp " * 3334, "1.1pp" * 4000, "+" * 20000 + "1%",
    "on Mon " * 2858, "by on Tue" * 2223, "est. " * 4000, "(1 est.)" * 2500,
    "1-2-3-" * 3334, "1-2-" * 5000 + "3", "$1 pp " * 3334, "Sun. at 1" * 2223,
    '1"W x ' * 3334, '1" W x 1"' * 2223,
    # the fifteenth round's: clock ranges, forecasts, weekdays before a day
    "1:00 to " * 2500, "9:00 to 21:00 to " * 1177, "Monday 72/" * 2000, "1°/1°/" * 3334,
    "Mon 1/-" * 2858, "Friday 1-Sunday 1-" * 1112, "Fri 1-Sun 1-" * 1667,
    "1 USD = " * 2500, "$1 = $1.1 = " * 1667, "EUR/USD/" * 2500, "down -1 to -" * 1667,
    "€1–1 pp " * 2500, "code SAVE" * 2223, "code " + "SAVE" * 5000 + "1",
    "1-1, 1.5 GB " * 1667, "1 GB standings " * 1334, "9/8c " * 4000, "7-6(5)" * 3334,
    "11/11 mpg " * 2000, "1 x 1 kg a " * 1819, "1 x " * 5000 + "1 kg", "Acme Corp. HQ " * 1429,
    "Corp. " * 3334, "beat est. " * 2000, "(est. 1999) " * 1667, "TID x 7d " * 2223,
    "`" * 6000, "`a" * 3000, "`" + "[a-z]" * 1200 + "`", "<a" * 3000, "<a>" * 2000,
    "<a b" * 1500 + ">", "Salah 1', " * 600, "1', " * 1500, "1+" * 3000 + "1'", "Ctrl+" * 1200,
    "ls -a " * 1000, "ls" + " -a" * 2000, "Llama-" * 1000 + "3-8B", "a-1" * 2000 + "-2",
    "KB" + "1" * 6000, "AB1-" * 1500, "1.1.1.1/" * 750, "/a" * 3000, "★" * 6000,
    "1h-2h and " * 600, "Salah 1', 90+1' " * 375, "1! = " * 1500, "| ✓ |\n" * 1000, "40°1'" * 1200,
    "a−" * 3000, "1'x" * 2000, "a 1 ft by " * 600, "3x-" * 2000, "Room 101 " * 666, "a/v1/" * 1200,
    # the eighteenth round's: a lone minute after a name, a range's unit, a unit after k
    "Salah 1' " * 600, "Salah (1') " * 500, "the 1' minute " * 400, "Salah 1'" + " " * 6000,
    "a 1-2 min a " * 500, "1 to " * 1500 + "2 min read", "1.2k req/s " * 500, "1k " * 2000,
    "737-" * 1500, "737 MAX " * 750, "787-9-" * 1000, "a2.5-" * 1200, "a22-1" * 1200 + "B",
    "1st-" * 1500, "1st - 2nd " * 600, "24/7/" * 1200, "24/7/365/" * 700,
    "1:1s" * 1500, "a 1:1 " * 1000, "1080p60" * 800, "an O(" * 1200, "an big O of " * 500,
    "404 " * 1500, "404 Not " * 750, "5xx" * 2000, "chmod " * 1000 + "755", "chmod -a " * 700,
    "1K-" * 2000, "1K-tokens" * 600, "1 mol^-1 " * 600, "^-1 " * 1500, "J s^-1" * 1000,
    # the twenty-seventh round's: seconds and eras (30s looked back to the text's start), newtons,
    # citations, oil grades, ions, winds, an amount before a noun
    "30s " * 5000, "120s " * 4000, "1 N " * 5000, "Cal. Gov. " * 2000 + "Code", "Cal. " * 4000,
    "1 F.3d " * 3000, "§§ 1e-1–" * 2000, "§ 1-100" * 2500, "ran a 10k " * 2000, "5W-30" * 4000,
    "Na⁺" * 6000, "Ca²⁺" * 5000, "Winds SW 1 " * 2000, "SW " * 6000 + "1 mph", "the $5 a " * 2000,
    "1 mg/5 mL" * 2000, "1 in. a " * 2500, "1 mg PO " * 2500, "Qty 1 " * 3000,
    # the twenty-eighth round's: places, amounts joined by a slash, identifiers, modes, options'
    # sizes, kelvin, millibars, knots
    "Phila. " * 3000, "Austin, Tex. " * 1600, "Aa Aa, " * 3000, "$1/$2" * 4000, "$1/" * 7000,
    "ed25519 " * 2500, "a_" * 8000 + "ab12345", "ab" * 8000 + "12345", "mode 600 " * 2000,
    "file " + "mode 600 " * 2000, "mode " * 4000 + "600", "--memory=2g " * 1600, "--a" * 6000,
    "-Xmx4g " * 2800, "1 K " * 5000, "heat " + "1 K " * 5000, "1 mb " * 5000, "storm 1 mb " * 2000,
    "1 kt " * 5000, "wind 1 kt gold " * 1300, "1kts" * 5000, "a ~1 " * 4000, "your 2024 a " * 1700,
    "1 min./week " * 1700, "$1/kWh " * 2800, "multiply by 9/5 " * 1250, "1 hrs.) " * 2800,
    # the twenty-ninth round's: stars in code, a formula's quote, offsets, decimals in
    # arithmetic, an operation's "by", "more than", a degree, a range of months
    "`" + "*a" * 190 + "`" + " `* ` " * 2000, "`a * b * c`" * 1500, '=A(,">1")' * 2000,
    ',"' * 8000, "+00:00 UTC " * 1500, "00:00:00+05:30" * 1200, "+" * 8000 + "00:00",
    "(1 + 0.05/12)" * 1200, "+ 0.5/1" * 2200, "Divide it by 22/7 " * 900, "divide a a a " * 1200
    + "by 9/5", "for >60 " * 2000, "(>1" * 5000, "per °C " * 2200, "a°" * 7000,
    "Mar.–early Apr. " * 1000, "Mar–" * 4000, "已用8GB/16GB" * 1200, "占用：" * 3000 + "1GB/2GB",
    "= x · " * 2700, " · " * 5000, "−" * 16000, "]/1" * 5000, "1 / (1) " * 2000, "a = b / [" * 1700,
    "kWh/100 mi " * 1400, "Tel. +1 " * 2000, "9 a.m. Tuesday " * 1000, "Mon/Wed/" * 2000,
    "(5/6) = 1/17 " * 1200, "1/32\" " * 2700,
    # the thirtieth round's: a morning hour on the 24-hour clock
    "7:00 and 21:00 and " * 850, "HTTP 401/" * 1800, "HTTP " * 3200 + "401", "401 or " * 2300,
    "401 or 402, " * 1400 + "403 error", "returned a 404 " * 1100, "status code " * 1400,
    "112 " * 4000, "emergency 112 " * 1100, "call 911 or 112 or " * 850, "911 calls " * 1600,
    "season the Lakers are 38-29 " * 800, "A B C D are 1-2 " * 1300, "ran in 25:30 " * 1200, "25:30:" * 3000, "took 59:59." * 1500, "1 A " * 4000, "a 48 A breaker " * 1000, "1A" * 8000, "breaker " + "the 1 A " * 2000,
    "500/50 Mbps " * 1400, "1/1/" * 4000 + "1 Mbps", "1/" * 8000 + "Gbps", "a.jsx:1:2 " * 1600, "a/" * 8000 + "b.py:1", "a." * 8000 + "py:1", "a-" * 8000 + ":1", "a.py:1:" * 2300,
    "Use 8 GB containers " * 800, "8 GB " * 3200, "8 GB " * 3000 + "bottles", "1 kg " * 3200 + "bags",
    "in the 61' " * 1400, "scored at " * 1600 + "61'", "2700K bulbs " * 1300, "2700K " * 2600,
    "9h-17h " * 2200, "returns 401 or " * 1000 + "API", "returns " * 2000 + "401",
    "100 Mbit/s " * 1400, "3×10 squats " * 1300, "Squats: " * 1800 + "3x10", "3x10 " * 3000,
    "com.acme." * 1800 + "Parser", "com." * 4000, "`" + "a." * 150 + "b` " * 20,
    "30 mph. 40% " * 1300, "a 9x13 pan " * 1400, "Office 365 " * 1600, "=XLOOKUP(A2, B:B, " * 800,
    "Sheet2!A:C, " * 1400, "$A$1 " * 3000, "Samsung 65\" QN90C " * 900, "1500VA/900W " * 1300,
    "35 km SW of " * 1300, "quake M6.4 " * 1400, "An M7 quake " * 1300, "!A1" * 5000, "M " * 8000,
    "65 µg/m³ " * 1400, "1m²" * 4000, "Python to 3.12 " * 1100, "Nikkei 225 " * 1600,
    "`" + "React.lazy." * 30 + "x` " * 20, "`A.b" * 4000,
    "1.5 games behind " * 1000, "a 10-year, $700M contract " * 600, "a b, " * 3000 + "$5 fee",
    "1M-key " * 2000, "1RM " * 4000, "API 404 if " * 1400, "404 on " * 2000 + "success",
    "probability 1/36 " * 900, "1/36 " * 2500 + "chance", "2x8 framing " * 1200, "2:00 marathon " * 1100,
    "license plate 7ABC123 " * 600, "2 1/2\" deck screws " * 700, "16\" joists " * 1300,
    "250 cal each " * 1200, "1 cal " * 3000 + "rifle",
    "CHF 49–89 " * 1200, "USD 5-" * 2500 + "9", "doses/24 h " * 1200, "a/1" * 5000, "SW winds " * 1600,
    ". NW breeze" * 1200, "170 spm " * 1800, "`" + "List<T>" * 50 + "` " * 10, "`a<" * 5000,
    "overs 287/6 " * 1300, "1/1/" * 4000 + "overs", "A350-1000 " * 1600, "a 529 plan " * 1400,
    "404 on a missing " * 1000, "65W PD " * 2000, "16GB LPDDR5 " * 1300, "1 GB " * 3000 + "SSD",
    "36°F–46°F " * 1200, "€65k–€80k " * 1300, "$1-$" * 4000 + "2", "$1k-$2M " * 1600,
    "10 kg - 15 kg " * 1000, "1:21.345 " * 1600, "ran in under 8:00 " * 800, "rowed in 8:00" * 1000,
    "marathon " * 1500 + "ran in 3:00", "rowed 2k " * 1800, "16\" on-center " * 1000,
    "score " * 2000 + "at 61'", "drifts more than 5 pp " * 700, "drifts " * 2000 + "5 pp",
    "-Xms4g " * 2000, "36\" W x " * 1800, "1 W x " * 3000, "wide x 1" * 2000,
    "12/21 shooting " * 1000, "1/1/" * 4000 + " shooting", "are 38-29, " * 1100 + "season",
    "1-2 record " * 1500, "are 1-" * 3000, "4h 12' 33\" " * 1000, "1'08\" ahead " * 1000, "1'0" * 5000,
    "23.4 sq ft/box " * 900, "115V/15A circuit " * 800, "1V/" * 5000, "230 AW " * 2000,
    "5.7%–6.4% " * 1200, "1%-" * 5000 + "1%", "50% - 20% = " * 900, "mapping to 8081:8080 " * 700,
    "mem_limit: 512m " * 1000, "memory: " * 2000 + "2g", "HR 130–145 bpm " * 900,
    "Python 3.12; on 3.11 " * 700, "on 3.1" * 3000,
    "Samsung 990 Pro " * 1000, "5:30–5:50/km " * 1000, "1:00-" * 4000 + "1:00/km", "sub-20 " * 2000,
    "O/U " * 3000, "30 linear ft. " * 1000, "1 running " * 2000, "Ravens (10-4) host " * 700,
    "s (1-1)" * 2000 + " season",
    "Use -i " * 2000, "1 / 2 / 3 x " * 1000, "1 / 2 " * 2000 + "x", "stocks/bonds " * 2000,
    "H2 + " * 2000 + "→ H2O", "H" * 10000 + " → H2", "the total ≈ " * 1000, "F/2OT " * 2000,
    "'s/a/b/' " * 1500, "`a - 1` " * 1500, "5.50% / " * 1500, "part a : " * 2000 + "1 part",
    "a 5'10\" " * 1500, "2OT " * 3000, "nights/4 days " * 1500,
]  # fmt: skip


def test_long_pathological_inputs_take_linear_time() -> None:
    """Each rule is anchored so that no regex backtracks quadratically (a 6,000-character
    input that did would take seconds to hours). The best of three tries counts: a machine
    busy with other jobs can stall one try, never a quadratic rule's every try."""
    for text in PATHOLOGICAL:
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            out = normalize_text(text)
            best = min(best, time.perf_counter() - started)
            if best < 0.5 * TIMEOUT_UNIT:
                break
        assert best < 0.5 * TIMEOUT_UNIT, text[:20]
        assert len(out) <= MAX_EXPANSION * len(text)


@pytest.mark.parametrize(("text", "segments"), [
    ("Wow" + "!" * 600, ["Wow!"]),  # the segments of marks alone after it are dropped
    ("Hmm" + "." * 600 + " ok.", ["Hmm...", "ok."]),
    ("(😊) :) ... ——", []),
    ("Call me at 5.", ["Call me at five."]),
])
def test_segments_with_nothing_to_read_are_not_sent_to_the_model(
    text: str, segments: list[str],
) -> None:
    from voice_server.say import split_text

    assert split_text(text) == segments


def test_a_chinese_answers_table_of_amounts_reads_yuan_in_its_own_segments() -> None:
    """Its rows of amounts are segments without a Chinese character (was "one thousand two
    hundred ninety-nine yen"): the Chinese before them says how to read them."""
    from voice_server.say import split_text

    text = "价格如下，请参考这张表格中的数据。\n| ¥1,299 | ¥2,499 | ¥3,999 |\n| ¥4,999 | ¥5,999 |"
    assert split_text(text) == ["价格如下，请参考这张表格中的数据。", "一千二百九十九元, 两千四百九十九元, "
                                "三千九百九十九元。四千九百九十九元, 五千九百九十九元"]
    assert split_text("Prices:\n| ¥1,299 |")[-1].endswith("ninety-nine yen")  # "Prices:" cut


def test_speakable_means_a_letter_or_digit_of_any_script() -> None:
    assert speakable("a") and speakable("5") and speakable("你") and speakable("é")
    assert not speakable("") and not speakable("!!! , —") and not speakable("()")


@pytest.mark.parametrize(("text", "spoken"), [
    ("5 - 3 = 2", "five minus three equals two"),  # a spaced hyphen in an equation
    ("10 − 2", "ten minus two"),  # the minus sign
    ("−5 degrees", "minus five degrees"),
    ("5-10 people", "five to ten people"),  # still a range
    ("1990 - 1995", "nineteen ninety to nineteen ninety-five"),
    ("> Note: keep it short.", "Note: keep it short."),  # a block quote's marker is not read
    ("line<br>two", "line two"),  # HTML tags are not read
    ("<b>bold</b> text", "bold text"),
    ("<https://example.com>", "example dot com"),  # an autolink reads its address
    ("a &amp; b&nbsp;c", "a and b c"),  # entities are the characters they stand for
    ("x < y and y > z", "x less than y and y greater than z"),  # comparisons are still read
    # a power of ten before a unit keeps its power (was "three times ten eight meters ...")
    ("3 × 10^8 m/s", "three times ten to the power of eight meters per second"),
    # x between lengths is "by" (was "twelve feet x fifteen feet")
    ("a room of 12 ft x 15 ft", "a room of twelve feet by fifteen feet"),
    ("a 12x15 ft rug", "a twelve by fifteen foot rug"),
    ("the 4x100m relay", "the four by one hundred meter relay"),
    # a hyphen after a variable is a minus sign (was "n one", "two x, one", "x, y")
    ("(n-1)!", "(n minus one)!"),
    ("divide by n - 1", "divide by n minus one"),
    ("f(x) = 2x - 1", "f(x) equals two x minus one"),
    ("x - y", "x minus y"),
    # powers in superscript (were left as "ten ⁶"), a * b, && in a command, compound units
    ("2 × 10⁶ and 10⁻⁹ m", "two times ten to the power of six and ten to the power of minus "
                          "nine meters"),
    ("x¹⁰ + y²", "x to the power of ten plus y squared"),
    ("a * b = c", "a times b equals c"),
    ("I **love** it * really", "I love it really"),
    ("Run `npm run build && npm start`.", "Run npm run build and npm start."),
    ("Dosage: 5mg/kg, 1.5 L/min", "Dosage: five milligrams per kilogram, one point five liters "
                                 "per minute"),
])  # fmt: skip
def test_llm_markup_and_arithmetic_read_as_meant(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


def test_segments_stay_within_max_chars_after_normalisation() -> None:
    """A list of phone numbers reads four times as long as it is written."""
    from voice_server.say import split_text

    numbers = ", ".join(f"555-{i:03d}-{i * 7 % 10000:04d}" for i in range(100, 114))
    segments = split_text(f"Call {numbers}.")
    assert len(segments) > 1 and all(len(s) <= 250 for s in segments)
    assert segments[0].startswith("Call five five five") and segments[-1].endswith(".")


@pytest.mark.parametrize(("text", "spoken"), [
    ("Visit St. Louis today.", "Visit Saint Louis today."),  # a sentence's first word
    ("Call St. John.", "Call Saint John."),
    ("Drive to Oak Dr. Then turn left.", "Drive to Oak Drive. Then turn left."),
    ("Ask Dr. Smith.", "Ask Doctor Smith."),
    ("He lives on Main St. He likes it.", "He lives on Main Street. He likes it."),
    ("Dr. who is here.", "Doctor who is here."),  # no street precedes it: a title
    ("It is late. Dr. who?", "It is late. Doctor who?"),
    ("Turn onto Oak Dr. and park.", "Turn onto Oak Drive and park."),
])  # fmt: skip
def test_saint_and_doctor_or_street_and_drive_from_the_words_around(
    text: str, spoken: str,
) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("Her number is +1 415 555 2671.", "Her number is plus one, four one five, five five five, "
                                       "two six seven one."),
    ("Call 1-800-555-1234 now", "Call one, eight zero zero, five five five, one two three four now"),
    ("$3.50/month", "three dollars and fifty cents per month"),
    ("$20/mo per user", "twenty dollars per month per user"),
    ("Rated 4.5/5 stars", "Rated four point five out of five stars"),
    ("3/4 cup", "three quarters cup"),  # still a fraction
])  # fmt: skip
def test_phone_country_codes_rates_and_ratings_are_read(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("a 24-hour window", "a twenty-four hour window"),  # a number's hyphen to a word is silent
    ("a 3-day trip and a 5-km run", "a three day trip and a five kilometer run"),
    ("pages 5-10", "pages five to ten"),  # still a range
    ("It takes 1h30m.", "It takes one hour thirty minutes."),
    ("1h, 2h 5min, 5m30s", "one hour, two hours five minutes, five minutes thirty seconds"),
    ("Stream in 1080p or 720p.", "Stream in ten eighty p or seven twenty p."),
    ("He is 5'11\" tall.", "He is five feet eleven inches tall."),
    ("He is 6\u2032 1\u2033.", "He is six feet one inch."),
])  # fmt: skip
def test_hyphenated_numbers_durations_resolutions_and_heights(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("```python\nprint(1)\n```\nDone.", "print(one). Done."),  # fences and language unread
    ("The formula $E = mc^2$ is famous.", "The formula E equals mc squared is famous."),
    ("Area is \\(\\pi r^2\\).", "Area is pi r squared."),
    ("$$\\frac{a}{b} \\times 2$$", "a over b times two"),
    ("\\sqrt{x} \\leq y^3", "the square root of x at most y cubed"),
    ("\\int_0^1 x\\,dx", "the integral from zero to one of x dx"),
    ("\\sum_{i=1}^{n} i", "the sum from i equals one to n of i"),
    ("x^n and 2^10", "x to the power of n and two to the power of ten"),
    ("(a+b)^2.", "(a plus b) squared."),
    ("\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}",
     "the sum from i equals one to n of i equals n(n plus one) over two"),
])  # fmt: skip
def test_code_fences_and_latex_math_read_as_words(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # a table row's closing pipe does not hide the line break: each row is its own sentence
    ("| Plan | Price |\n|---|---|\n| Basic | $10/mo |\n| Pro | $25/mo |",
     "Plan, Price. Basic, ten dollars per month. Pro, twenty-five dollars per month"),
    # a range of clock times keeps its "to"; abbreviated weekdays in a range are read in full
    ("Open 9am-5pm, Mon-Fri.", "Open nine A M to five P M, Monday to Friday."),
    ("Hours: 9 a.m. – 5 p.m. Sat.-Sun. 10-2", "Hours: nine A M to five P M. Saturday to Sunday ten to two"),
    # a capitalised word with a comma after it is not a street name: Dr. is still Doctor
    ("The CEO, Dr. Jane Smith, spoke.", "The CEO, Doctor Jane Smith, spoke."),
    ("a 19th-century novel, a 1st-place finish", "a nineteenth century novel, a first place finish"),
    # a range of days after a month, and a range of two dates
    ("From June 1-15.", "From June first to fifteenth."),
    ("Mar 15 - Apr 2, 2025", "March fifteenth to April second, twenty twenty-five"),
    # a fraction before a unit is read whole (it was "one two kilograms"), and more units
    ("Mix 1/2 tsp salt and 2 1/2 tbsp sugar.",
     "Mix one half teaspoon salt and two and one half tablespoons sugar."),
    ("It weighs 1/2 kg.", "It weighs one half kilogram."),
    ("30 mpg, 100 Mbps, 60fps", "thirty miles per gallon, one hundred megabits per second, "
                                "sixty frames per second"),
    ("It has 1.2M views and 5M users.", "It has one point two million views and five million users."),
    # after "a" or "an" a number and unit describe a noun: the unit is singular
    ("A 4TB drive, an 18 V drill and 2 GB.",
     "A four terabyte drive, an eighteen volt drill and two gigabytes."),
    # a possessive "'s" stays on the number it follows
    ("The iPhone 15's camera and 2024's best.", "The iPhone fifteen's camera and twenty twenty-four's best."),
    # more abbreviations: capitalised at a sentence's start, before a number, degrees
    ("Approx. 3 in 4. E.g. this.", "Approximately three in four. For example this."),
    ("Apt. 4, see p. 5 and pp. 10-12.", "apartment four, see page five and pages ten to twelve."),
    ("She has a Ph.D. in physics.", "She has a P H D in physics."),
    # scientific notation, and "+/-" as plus or minus
    ("A rate of 1e-5 and 3.0e8 m/s.", "A rate of one times ten to the power of minus five and "
     "three point zero times ten to the power of eight meters per second."),
    ("Tolerance is +/- 2 mm.", "Tolerance is plus or minus two millimeters."),
    ("1600 Amphitheatre Pkwy, Mountain View, CA 94043.",
     "sixteen hundred Amphitheatre Parkway, Mountain View, CA nine four zero four three."),
    ("He scored 98/100, a 10/10, not 3/4 or 50/50.",
     "He scored ninety-eight out of one hundred, a ten out of ten, not three quarters or fifty fifty."),
    ("On 15/03/2024 or 03/15/2024.",
     "On March fifteenth, twenty twenty-four or March fifteenth, twenty twenty-four."),
    # "x" after a number is a variable before an operator or a power, else "times"
    ("Solve 2x + 3 = 7; 3x^2 is 10x faster.",
     "Solve two x plus three equals seven; three x squared is ten times faster."),
    ("2x - 1 = 3 and (a + 1) - 2 = 0", "two x minus one equals three and (a plus one) minus two equals zero"),
    # a chain of hyphens is not a range; "between" a range reads "and"
    ("Call 1-800-FLOWERS about Llama-3-8B-Instruct.",
     "Call one eight hundred FLOWERS about Llama three eight B-Instruct."),
    ("Between 9-10 AM, or between $5-$10.",
     "Between nine and ten A M, or between five and ten dollars."),
    ("A 5%-10% rise", "A five to ten percent rise"),
    ("The call is at 2:00 p.m. EST on Friday.", "The call is at two P M EST on Friday."),
    # √, ∞ and Greek letters on their own are read (Greek words are left alone); µ units
    ("The area is πr², √16 = 4, Δx → ∞.",
     "The area is pi r squared, the square root of sixteen equals four, delta x to infinity."),
    ("Η Αθήνα.", "Η Αθήνα."),
    ("a 5 µm pore, 50 μg", "a five micrometer pore, fifty micrograms"),
    ("10 / 2 = 5, but 3/4 cup", "ten divided by two equals five, but three quarters cup"),
    # money after "a" describes a noun too
    ("A $5 bill, a $1.5M deal, and $5 each.",
     "A five dollar bill, a one point five million dollar deal, and five dollars each."),
    ("Use Node v18.17.0 or the v2 API.", "Use Node version eighteen dot seventeen dot zero or the "
                                         "version two API."),
])  # fmt: skip
def test_llm_answers_read_as_a_listener_expects(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("5 Jan 2024", "January fifth, twenty twenty-four"),  # day first, with a month's name
    ("3-Jan-2024 and 5 Sept. 2023", "January third, twenty twenty-four and September fifth, "
                                    "twenty twenty-three"),
    ("From 1 June to 3 July.", "From June first to July third."),
    ("Jan 5-Feb 3", "January fifth to February third"),  # the hyphen before a month: a range
    ("a 24-hour day", "a twenty-four hour day"),
    ("1920x1080 or 2560×1440.", "nineteen twenty by ten eighty or twenty-five sixty by fourteen "
                                "forty."),
    ("a 2x3 grid", "a two by three grid"),  # a grid's size (round 20; was "times")
])  # fmt: skip
def test_day_first_dates_month_ranges_and_screen_sizes(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("I scored 7/10 on the quiz.", "I scored seven out of ten on the quiz."),
    ("Rated 4/5 stars.", "Rated four out of five stars."),
    ("It has a rating of 3/5.", "It has a rating of three out of five."),
    ("He gave it 8/10.", "He gave it eight out of ten."),
    ("7/10 points", "seven out of ten points"),
    ("Add 1/2 cup.", "Add one half cup."),  # no score word: a fraction
    ("3/4 of people", "three quarters of people"),
])  # fmt: skip
def test_a_score_reads_out_of_where_the_words_around_say_it_is_one(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # a URL written into Chinese ends where the Chinese resumes, and the numbers after it
    # are read where they were written (they used to be swallowed, then refilled out of place)
    ("请访问example.com/a选择第2项，价格为 100 元。",
     "请访问 example dot com slash a 选择第二项，价格为一百元。"),
    ("登录www.example.cn/login后输入6位验证码，然后支付99元即可。",
     "登录 w w w dot example dot cn slash login 后输入六位验证码，然后支付九十九元即可。"),
    ("官网是https://www.example.cn/，客服电话400-800-1234，工作时间9:00-18:00。",
     "官网是 w w w dot example dot cn ，客服电话四零零 八零零 幺二三四，工作时间九点到十八点。"),
    ("联系support@example.com获取帮助", "联系 support at example dot com 获取帮助"),
    ("Visit münchen.de today", "Visit münchen dot de today"),  # not "mü nchen dot de"
    # tilde ranges: "to" in English, 到 in Chinese (the two numbers used to merge)
    ("价格在100～200元之间，大约需要2～3天。", "价格在一百到二百元之间，大约需要两到三天。"),
    ("It takes 10~20 minutes.", "It takes ten to twenty minutes."),
    ("$5~$10", "five to ten dollars"),
    # per
    ("29元/月", "二十九元每月"),
    ("24 hrs/day, 5 days/week", "twenty-four hours per day, five days per week"),
    ("40 MB/s", "forty megabytes per second"),
    # identifiers, digit by digit
    ("Your order #123456789 has shipped.",
     "Your order number one two three four five six seven eight nine has shipped."),
    ("Your verification code is 583920.", "Your verification code is five eight three nine two zero."),
    ("Order ID: 7F3K-9Q2L.", "Order ID: seven F three K, nine Q two L."),
    ("Your order number is 112-3456789-0123456.",
     "Your order number is one one two, three four five six seven eight nine, zero one two "
     "three four five six."),
    ("Card ending in 4242", "Card ending in four two four two"),
    ("call 555-123-4567 ext. 204 now",
     "call five five five, one two three, four five six seven extension two zero four now"),
    ("order 12 items", "order twelve items"),  # a quantity, not an identifier
    ("order 10-20 units", "order ten to twenty units"),
    # menu paths, and comparisons still read
    ("Go to Settings > Privacy > Location Services.",
     "Go to Settings, then Privacy, then Location Services."),
    ("if x > 5", "if x greater than five"),
    # currencies
    ("RMB¥500 or CNY 500", "five hundred yuan or five hundred yuan"),
    ("It's ￥299.", "It's two hundred ninety-nine yen."),
    ("₩10,000 and ₽500", "ten thousand won and five hundred rubles"),
    # dates without a year after a date word, year first with slashes, day first with dots
    ("Your payment is due 3/15.", "Your payment is due March fifteenth."),
    ("Send it by 5/12 please", "Send it by May twelfth please"),
    ("by 2/3 of voters, from 1/2 to 3/4", "by two thirds of voters, from one half to three quarters"),
    ("2025/03/05 or 05.03.2025", "March fifth, twenty twenty-five or March fifth, twenty twenty-five"),
    # the inch mark, unless it closes a quote
    ('a 6.7" OLED display', "a six point seven inch OLED display"),
    ('the 13" model', "the thirteen inch model"),
    ('the 13" of rain and the 27" is big', "the thirteen inches of rain and the twenty-seven inches is big"),
    ('He said "give me 5" loudly', 'He said "give me five" loudly'),
    # phone numbers with a country code, digit by digit in their groups
    ("+44 20 7946 0958", "plus four four, two zero, seven nine four six, zero nine five eight"),
    ("+81 3-1234-5678", "plus eight one, three, one two three four, five six seven eight"),
    # years or counts
    ("In 2024 we shipped 2024 units.", "In twenty twenty-four we shipped two thousand twenty-four units."),
    ("In 2024 orders were up", "In twenty twenty-four orders were up"),
    # odds and ends
    ("0x80070005", "hex eight zero zero seven zero zero zero five"),
    ("at 9.30am", "at nine thirty A M"),
    ("- [x] Verify email\n- [ ] Add phone", "Verify email. Add phone"),
    ("See note[^1] here", "See note here"),
    ("退货政策\n重要提示", "退货政策。重要提示"),  # a line break in Chinese is a Chinese stop
    ("| Pro | 50+ |\n\n**Recommendation:** go", "Pro, fifty plus. Recommendation: go"),
    ("请拨打+86 10 6552 9988", "请拨打加八六 幺零 六五五二 九九八八"),  # in Chinese, digit by digit
    ("这个项目有100+个贡献者。", "这个项目有一百多个贡献者。"),  # not "100 plus 个"
    # symbols in Chinese are read in Chinese
    ("如果 x > 5，那么结果≥10。", "如果 x 大于 五，那么结果大于等于十。"),
    ("总计 1+1=2，价格≈100元", "总计一加一等于二，价格约等于一百元"),
    ("打开 设置 > 隐私", "打开 设置，隐私"),
    # a Chinese sentence naming products reads its numbers in Chinese, like the next one
    ("iPhone 15 Pro的价格是7999元，", "iPhone 十五 Pro的价格是七千九百九十九元，"),
    ("比去年的iPhone 14 Pro贵了200元左右。", "比去年的iPhone 十四 Pro贵了二百元左右。"),
    ("The word 你好 means hello; 5 people said it.",
     "The word 你好 means hello; five people said it."),  # English with a Chinese word
    # ISO 8601 date and time, as APIs and logs write it (was "twenty twenty-four to twelve to
    # zero five T fourteen thirty Z")
    ("The meeting is on 2024-12-05T14:30:00Z.",
     "The meeting is on December fifth, twenty twenty-four at fourteen thirty UTC."),
    ("2025-03-15T09:00:00-05:00", "March fifteenth, twenty twenty-five at nine o'clock UTC minus five"),
    ("at 2024-12-05T14:30:00.123+05:30",
     "at December fifth, twenty twenty-four at fourteen thirty UTC plus five thirty"),
    ("Posted 2024-12-05 14:30 UTC", "Posted December fifth, twenty twenty-four at fourteen thirty UTC"),
    # "vs." never ends a sentence: no stop before the capital after it (was "versus. Samsung")
    ("It's Apple vs. Samsung.", "It's Apple versus Samsung."),
    ("PS5 vs Xbox", "PS five versus Xbox"),
    # weekdays' and months' short names in dates (were read as written: "Mon", "Sat.",
    # "Jan, Mar", "Sept. twenty twenty-three"), a weekday before a date as a date word
    ("Released on Mon, Dec 5.", "Released on Monday, December fifth."),
    ("Open Mon. through Sat. Closed Sun.", "Open Monday through Saturday. Closed Sun."),
    ("Open Sat 9-5", "Open Saturday nine to five"),
    ("Due by Friday 3/15.", "Due by Friday March fifteenth."),
    ("From Jan–Mar 2025, sales rose.", "From January to March twenty twenty-five, sales rose."),
    ("Last updated: Sept. 2023", "Last updated: September twenty twenty-three"),
    ("Jan 2025–Mar 2025", "January twenty twenty-five to March twenty twenty-five"),
    # odds and ends an answer holds: a port after an IP address (was "to"), units, Roman
    # numerals after "Bowl", p.a., a file's extension, code's brackets
    ("Connect to 10.0.0.1:5432.",
     "Connect to ten dot zero dot zero dot one colon fifty-four thirty-two."),
    ("CO2 at 420 ppm, gain +12.5 dB", "CO two at four hundred twenty parts per million, gain "
                                      "plus twelve point five decibels"),
    ("Super Bowl LVIII was in Las Vegas.", "Super Bowl fifty-eight was in Las Vegas."),
    ("Interest is 5% p.a.", "Interest is five percent per year."),
    ("Run `python app.py` after editing nginx.conf.",
     "Run python app dot py after editing nginx dot conf."),
    ("Use `arr[i] = arr[j] + 1;`", "Use arr i equals arr j plus one;"),
])  # fmt: skip
def test_real_llm_answers_read_as_meant(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


def test_numbers_kept_for_chinese_never_come_back_in_the_wrong_place(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Should a rule lose one of the kept numbers' placeholders (fault injected here: no rule
    is known to), the text is read again with every number in words, rather than with the
    kept ones shifted (a price read where a quantity was written)."""
    from voice_server.text import normalize
    from voice_server.text.rules import Rule

    apply = normalize._apply

    def losing_one(rules: list[Rule], text: str) -> str:
        if rules is normalize.SYMBOLS:
            text = text.replace("\x00", "", 1)
        return apply(rules, text)

    monkeypatch.setattr(normalize, "_apply", losing_one)
    # English text whose numbers touch Chinese words keeps them aside (a Chinese sentence
    # reads its numbers in Chinese first, and keeps none)
    assert (normalize.normalize_text("Pick item 第2项, price 100元.")
            == "Pick item 第 two 项, price one hundred 元.")


@pytest.mark.parametrize(("text", "spoken"), [
    # money written the continental way, and currency symbols after the amount
    ("It costs €1.299,00 in Germany", "It costs one thousand two hundred ninety-nine euros in Germany"),
    ("1.299,00 € in total", "one thousand two hundred ninety-nine euros in total"),
    ("a coffee at 3,50 €", "a coffee at three euros and fifty cents"),
    ("25€ or 25 €", "twenty-five euros or twenty-five euros"),
    ("Rent is 1.200 € a month", "Rent is one thousand two hundred euros a month"),
    ("We paid 1 234,56 € in fees", "We paid one thousand two hundred thirty-four euros and "
                                   "fifty-six cents in fees"),
    ("Das kostet 12,99 EUR.", "Das kostet twelve euros and ninety-nine cents."),
    ("EUR 1.299,00 is due", "one thousand two hundred ninety-nine euros is due"),
    ("€2,5 million was raised", "two point five million euros was raised"),
    ("-5 € is a loss", "minus five euros is a loss"),
    ("5$ each", "five dollars each"),
    ("€1,299 and $1,299.00", "one thousand two hundred ninety-nine euros and one thousand two "
                             "hundred ninety-nine dollars"),  # English commas stay English
    ("I scored 2,50 points", "I scored two, fifty points"),  # no currency: not money
    ("£12.50 and 50p", "twelve pounds and fifty pence and fifty pence"),
    # Roman numerals where they are numbers
    ("Chapter IV and Vol. III", "Chapter four and Volume three"),
    ("World War II and World War I", "World War two and World War one"),
    ("Type II diabetes", "Type two diabetes"),
    ("Queen Elizabeth II met Pope John XXIII", "Queen Elizabeth the second met Pope John the "
                                               "twenty-third"),
    ("Louis XIV built it", "Louis the fourteenth built it"),
    ("When I met Mary I was shy", "When I met Mary I was shy"),  # a pronoun, not "the first"
    ("Section IIII", "Section IIII"),  # not a numeral as written
    # model numbers, as they are said
    ("The RTX 4090 and GTX 1080 Ti", "The RTX forty ninety and GTX ten eighty Ti"),
    ("the Airbus A320 and the Boeing 737", "the Airbus A three twenty and the Boeing seven "
                                           "thirty-seven"),
    ("a Ford F-150", "a Ford F one fifty"),
    # a code that starts with a zero: digit by digit, which pairs would drop ("F fifty")
    ("Part F050 is in stock.", "Part F zero five zero is in stock."),
    ("Flight UA050 boards now.", "Flight UA zero five zero boards now."),
    ("AMD EPYC 9654 CPUs", "AMD EPYC ninety-six fifty-four CPUs"),
    ("HTTP 404", "HTTP four oh four"),
    ("sha256", "sha two fifty-six"),
    ("an SSD 512 GB model", "an SSD five hundred twelve gigabytes model"),  # a size: not a model
    ("the UK 350 team", "the UK three hundred fifty team"),
    ("1920x1080", "nineteen twenty by ten eighty"),
    # tech words
    ("A/B testing on the I/O layer over TCP/IP", "A B testing on the I O layer over TCP IP"),
    ("I write C#, F# and .NET with Node.js", "I write C sharp, F sharp and dot NET with Node J S"),
    ("put it in ~/.config/app", "put it in tilde slash dot config slash app"),  # the space stays; ~/ was dropped
    ("CO₂ and H₂O", "CO two and H two O"),
    ("Wait...what", "Wait...what"),
    ("Use the `--verbose` flag", "Use the dash dash verbose flag"),
    ("Prices rose.[1][2] Then fell[3].", "Prices rose. Then fell."),  # citation marks
    # national phone numbers (a trunk 0, no country code)
    ("Call 020 7946 0958 today", "Call zero two zero, seven nine four six, zero nine five eight today"),
    ("Ring 0800 123 4567", "Ring zero eight zero zero, one two three, four five six seven"),
    ("06 12 34 56 78", "zero six, one two, three four, five six, seven eight"),
    ("We sold 020 units", "We sold zero two zero units"),
    # seconds, eras, odds, ports, growth
    ("Set the timeout to 30s", "Set the timeout to thirty seconds"),
    ("a 30s timeout; ages 20s-30s", "a thirty second timeout; ages twenties, thirties"),
    ("in his 30s, in the 80s, the mid-90s", "in his thirties, in the eighties, the mid-nineties"),
    ("He ran it in 9.58s", "He ran it in nine point five eight seconds"),
    ("a 50-50 chance", "a fifty-fifty chance"),
    # a range after one currency sign: the currency and scale go with the range (was "five
    # dollars to ten thousand", "one dollar to two million")
    ("It costs $5–10k a year", "It costs five to ten thousand dollars a year"),
    ("$1-2 million", "one to two million dollars"),
    ("$5-10", "five to ten dollars"),
    ("$5.50-6.50", "five dollars and fifty cents to six dollars and fifty cents"),
    ("$1.5-2M", "one point five to two million dollars"),
    ("Use port 8080", "Use port eighty eighty"),
    ("up 15% QoQ and 20% YoY", "up fifteen percent quarter over quarter and twenty percent "
                               "year over year"),
    # emergency numbers, vital signs
    ("Call 911 now", "Call nine one one now"),
    ("pulse 72 bpm, BP 120/80 mmHg", "pulse seventy-two beats per minute, BP one hundred twenty "
                                     "over eighty millimeters of mercury"),
    ("My blood pressure was 135/85 today", "My blood pressure was one hundred thirty-five over "
                                           "eighty-five today"),
    # a position in a sequence (was "two fifths"); a fraction or a date stays one
    ("Step 2/5: open the app.", "Step two of five: open the app."),
    ("Question 4/20 is on Page 3 / 10", "Question four of twenty is on Page three of ten"),
    ("Step 1/2 cup of milk", "Step one half cup of milk"),
    # a mobile's one long group, digit by digit (was "nine hundred thousand ...")
    ("Call 07700 900123 now.", "Call zero seven seven zero zero, nine zero zero one two three now."),
    # a year's last two digits after an apostrophe (the apostrophe was left: "' ninety-nine")
    ("Back in '99 and the class of '05", "Back in ninety-nine and the class of oh five"),
    ("Revenue in Q3'24 and FY'25 grew.", "Revenue in Q three twenty-four and FY twenty-five grew."),
    # "in" after feet is inches (was "six feet two in"); elsewhere the word
    ("He is 6 ft 2 in tall, 2 in 3 people", "He is six feet two inches tall, two in three people"),
    ("up 5% m/m and 3% y/y", "up five percent month over month and three percent year over "
                             "year"),  # was "m slash m"
    ("a 1980s-era car, '90s-style", "a nineteen eighties era car, nineties style"),  # was "-era"
    ("From Q1-Q3, FY23-FY25", "From Q one to Q three, FY twenty-three to FY twenty-five"),
    ("a 5 GW plant: 100 MW, 10 GWh, 5 MWh", "a five gigawatt plant: one hundred megawatts, ten "
                                            "gigawatt hours, five megawatt hours"),
    # a voice agent's answers (were "hash: QX seven to four thousand ...", "five million -F",
    # "two thousand twenty-three slash twenty-four", "eighty slash twenty", "sixty-seven",
    # "five ' eleven", "twelve thousand three hundred forty-five")
    ("Confirmation #: QX7-4412", "Confirmation number: Q X seven, four four one two"),
    ("It's open 9-5 M-F.", "It's open nine to five Monday to Friday."),
    ("the 2023/24 season", "the twenty twenty-three to twenty-four season"),
    ("Use the 80/20 rule", "Use the eighty twenty rule"),
    ("Dial *67 first.", "Dial star six seven first."),
    ("He is 5'11 and she is 5'4.", "He is five feet eleven inches and she is five feet four inches."),
    ("Text STOP to 12345 to opt out.", "Text STOP to one two three four five to opt out."),
    # were "pts", "Ep.", "y slash o", "pts slash game", "nine elevenths", "p slash m"
    ("The Dow fell 300 pts; he scored 30 pts/game.", "The Dow fell three hundred points; he "
                                                     "scored thirty points per game."),
    ("Ep. 5 of Season 2", "episode five of Season two"),
    ("I'm 25 y/o. A 25 y/o male.", "I'm twenty-five years old. A twenty-five year old male."),
    ("the 9/11 attacks", "the nine eleven attacks"),
    ("£9.99 p/m or 5% p/a", "nine pounds and ninety-nine pence per month or five percent per year"),
    # were "twelve slash one", "three point one s", "GC eight thousand ... to eleven
    # ninety-three", "four hundred one (k)", "one thousand ninety-nine"
    ("Your balance as of 12/01; the sale ends 11/30.",
     "Your balance as of December first; the sale ends November thirtieth."),
    ("0-60 mph in 3.1 s", "zero to sixty miles per hour in three point one seconds"),
    ("Your gift card (GC-8842-1193)", "Your gift card (G C, eight eight four two, one one nine three)"),
    ("a 401(k) plan", "a four oh one k plan"),
    ("Form 1099-NEC and the 1040 form", "Form ten ninety-nine NEC and the ten forty form"),
    ("the 49ers and the 76ers", "the forty-niners and the seventy-sixers"),  # was "forty-nine ers"
    ("32 psi, 1013 hPa", "thirty-two P S I, one thousand thirteen hectopascals"),  # were letters
])  # fmt: skip
def test_money_numerals_and_model_numbers_read_as_said(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("numeral", "value"), [
    ("I", 1), ("IV", 4), ("IX", 9), ("XIV", 14), ("XL", 40), ("XC", 90), ("CCCXCIX", 399),
    ("IIII", None), ("VX", None), ("IC", None), ("", None), ("ABC", None), ("CD", None),
])  # fmt: skip
def test_roman_value_takes_only_standard_numerals(numeral: str, value: int | None) -> None:
    assert roman_value(numeral) == value


@pytest.mark.parametrize(("text", "spoken"), [
    # a decimal rating before a stop (was "seven point five ten": the stop hid "out of")
    ("Score: 7.5/10.", "Score: seven point five out of ten."),
    # a range of scaled amounts (was "eighty thousand dollars, one hundred twenty ...")
    ("Salaries of $80k-$120k.", "Salaries of eighty to one hundred twenty "
                                "thousand dollars."),
    ("between $1M-$2M, 5k-10k steps", "between one and two million dollars, "
                                      "five to ten thousand steps"),  # round 33: the scale once
    # a unit's period inside a sentence (was "six feet. tall", "eight ounces. of water")
    ("He was 6 ft. tall; drink 8 oz. of water, 2 tbsp. of oil.",
     "He was six feet tall; drink eight ounces of water, two tablespoons of oil."),
    ("It is 5 ft. Then go.", "It is five feet. Then go."),  # before a capital: a stop
    # units that were read as letters: yrs, wks, mo., gal, qt, hp, lb-ft, ha, mg/dL, kΩ, sq ft
    ("It took 10 yrs, 3 wks and 2 mo. to build.", "It took ten years, three weeks and two "
                                                  "months to build."),
    ("5 gal, 2 qt, 300 hp and 280 lb-ft", "five gallons, two quarts, three hundred horsepower "
                                          "and two hundred eighty pound-feet"),
    ("0.8 ha; 200 mg/dL; 5.5 mmol/L; a 10kΩ resistor",
     "zero point eight hectares; two hundred milligrams per deciliter; five point five "
     "millimoles per liter; a ten kilohm resistor"),
    ("100 sq ft, a 1,500 sq. ft. home", "one hundred square feet, a one thousand five hundred "
                                        "square foot home"),
    # a fraction of an inch (was "one four inches"), the feet mark (was "twelve ' x fifteen '")
    ("Use a 1/4\" drill bit and 3/8\" bolts.", "Use a one quarter inch drill bit and three "
                                               "eighths inch bolts."),
    ("The room is 12' x 15'; a 6' ladder.", "The room is twelve feet by fifteen feet; a six foot "
                                            "ladder."),
    ("In the '90s he was 6' tall. Press '5' now.", "In the nineties he was six feet tall. Press "
                                                   "'five' now."),  # a quoted digit: no feet
    # per mille (the sign was left for the model), the copyright sign (was dropped)
    ("The rate rose 5‰ last year.", "The rate rose five per mille last year."),
    ("© 2024 Acme. Copyright © 2023", "copyright twenty twenty-four Acme. Copyright twenty "
                                      "twenty-three"),
    # 24-hour times as Europe and the military write them (were "seventeen: zero hours",
    # "fourteen h thirty", "zero eight zero zero hours")
    ("Doors open at 17:00h.", "Doors open at seventeen hundred hours."),
    ("The train departs at 14h30; the film runs 2h15.", "The train departs at fourteen thirty; "
                                                       "the film runs two hours fifteen minutes."),
    ("It starts at 0800 hours, or at 1430 hours.", "It starts at oh eight hundred hours, or at "
                                                   "fourteen thirty hours."),
    ("It took 1430 hours", "It took one thousand four hundred thirty hours"),  # a count
    # a colour's hex code (was "hash FF fifty-seven thirty-three"); hashtags stay hashtags
    ("Use #FF5733 or #fff; follow #dad and #AI.", "Use hex F F five seven three three or hex F F "
                                                   "F; follow hashtag dad and hashtag AI."),
    ("Fixed in issue #123.", "Fixed in issue number one hundred twenty-three."),
    # a relative path (was "Run. configure": a stop), a version's wildcard (was "three .x")
    ("Run ./configure && make, then ../bin/app.", "Run dot slash configure and make, then dot dot "
                                                  "slash bin slash app."),
    ("Requires Python 3.x and npm 9.x.", "Requires Python three dot x and npm nine dot x."),
    # citation marks after a space, as search-backed answers write them (were read "three")
    ("The sky is blue [1][2]. It is vast [3, 4]; Wikipedia [5-7].",
     "The sky is blue. It is vast; Wikipedia."),
    ("According to [1], it works; see [2].", "According to one, it works; see two."),
    # abbreviations that were read as written: WWII, cf., viz., Sec., Art., Ft., TL;DR
    ("WWII and WW1; cf. birds, viz. fish.", "World War two and World War one; compare birds, "
                                            "namely fish."),
    ("Sec. 230 and Art. 5 in Ft. Worth; wait 5 sec.", "section two hundred thirty and article five "
                                                      "in Fort Worth; wait five seconds."),
    ("TL;DR: it works.", "T L D R: it works."),
    # other dollars, francs and reais (were "C twenty dollars", "fifty AUD", "R fifty dollars")
    ("C$20, A$30.50, HK$100 or S$5", "twenty Canadian dollars, thirty Australian dollars and "
                                     "fifty cents, one hundred Hong Kong dollars or five Singapore "
                                     "dollars"),
    ("100 CHF, 50 AUD, CAD 2,000 and R$50", "one hundred Swiss francs, fifty Australian dollars, "
                                            "two thousand Canadian dollars and fifty reais"),
    # "2x" where the text has a variable x is two x (was "two times"); elsewhere times
    ("The derivative of x^2 is 2x.", "The derivative of x squared is two x."),
    ("The x-axis grows 2x faster than 3 x 4.", "The x-axis grows two times faster than three "
                                               "times four."),
    # thousands before a plural noun (was "ten K employees"); a 5K run and 4K screens stay K
    ("10K employees, 1.5K stars; a 5K run on 4K monitors; the 10K races",
     "ten thousand employees, one point five thousand stars; a five K run on four K monitors; "
     "the ten K races"),
])  # fmt: skip
def test_third_round_of_llm_readings(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # IVR keys: a lone * or # after "press", "dial", "followed by" ... (the star was dropped,
    # the pound key read "hash")
    ("Press 1 for sales, press # to repeat, or press * to go back.",
     "Press one for sales, press pound to repeat, or press star to go back."),
    ("Enter your PIN followed by the # key. Press 9 or * now.",
     "Enter your PIN followed by the pound key. Press nine or star now."),
    ("Dial #31# or *67 first.", "Dial pound three one pound or star six seven first."),
    ("Press *1* for sales; #1 hit.", "Press one for sales; number one hit."),  # emphasis, a rank
    # an order's or case's number after "#" is no colour (was "hex A one two ...")
    ("Your Order #A12345 has shipped; case #00123456 is open.",
     "Your Order number A one two three four five has shipped; case number zero zero one two "
     "three four five six is open."),
    # "#" and "no." between the word and its number (were "hash is forty-five thousand ...",
    # "no."), a code in spaced groups (was "four hundred eighty-two nine hundred thirteen"),
    # a hyphenated one whose first group has four digits (was "... minus ...")
    ("Your ticket # is 45821; case no. 00458; ref # is QX7-4412.",
     "Your ticket number is four five eight two one; case number zero zero four five eight; ref "
     "number is Q X seven, four four one two."),
    ("Your OTP is 482 913. Order 2024-00123. Order number #123456.",
     "Your OTP is four eight two, nine one three. Order two zero two four, zero zero one two "
     "three. Order number one two three four five six."),
    # claims, policies, members, SKUs and ZIP codes are identifiers too (were "twenty twenty-four
    # to ...", "ninety-four thousand one hundred five to twelve thirty-four")
    ("Claim 2024-00123, policy 88412, SKU 12345-A; the ZIP is 94105-1234.",
     "Claim two zero two four, zero zero one two three, policy eight eight four one two, SKU one "
     "two three four five, A; the ZIP is nine four one zero five, one two three four."),
    # phone numbers: an "x" extension (was "x eighty-nine"), no space after the area code's
    # bracket (was "(eight hundred)"), ten or eleven digits in one run after "call", "number" ...
    # (was "eighteen billion ..."); a bare number elsewhere stays a number
    ("Call (555) 123-4567 x89 or (800)555-0199.", "Call five five five, one two three, four five "
     "six seven, extension eight nine or eight zero zero, five five five, zero one nine nine."),
    ("Call 18005550199; our number is 8005550199; 2147483647 rows.",
     "Call one, eight zero zero, five five five, zero one nine nine; our number is eight zero "
     "zero, five five five, zero one nine nine; two billion one hundred forty-seven million four "
     "hundred eighty-three thousand six hundred forty-seven rows."),
    # a masked number (was "card twelve thirty-four", "xxx-xx six thousand seven hundred ...")
    ("Your card ****1234 was declined; SSN xxx-xx-6789; card ending in XXXX-4242.",
     "Your card ending in one two three four was declined; SSN ending in six seven eight nine; "
     "card ending in four two four two."),
    ("**1234** and the xx-12 model", "twelve thirty-four and the xx twelve model"),
    # a vanity number with a short word or another toll-free prefix (was "one to eight hundred
    # MY-APPLE", "eight hundred eighty-eight")
    ("Call 1-800-MY-APPLE or 1-888-GO-DELTA.",
     "Call one eight hundred MY-APPLE or one eight eight eight GO-DELTA."),
    # a UK postcode (was "SW one A one AA"); a gate and a time are none
    ("Send it to London SW1A 1AA or M1 1AE; Gate B12 3PM.",
     "Send it to London S W one A, one A A or M one, one A E; Gate B twelve three P M."),
    # rates per minute, pound, text (were "ninety-nine cents min", "three dollars lb", "per min")
    ("It's $0.99/min, $3/lb, $0.25/text or $0.10 per min.",
     "It's ninety-nine cents per minute, three dollars per pound, twenty-five cents per text or "
     "ten cents per minute."),
    # the size of a thing shipped is "by" (was "ten times twelve box"); arithmetic stays "times"
    ("Use a 10x12 box or 4x6 prints; 3x4 is 12.",
     "Use a ten by twelve box or four by six prints; three times four is twelve."),
    # cents alone after "a" describe the noun too (was "a fifty cents charge")
    ("That's a $0.50 charge; pay $0.50 now.", "That's a fifty cent charge; pay fifty cents now."),
    # a date after a weekday and a comma (was "twelve slash ten")
    ("Your appointment is on Tuesday, 12/10; see you Fri, 3/15.",
     "Your appointment is on Tuesday, December tenth; see you Friday, March fifteenth."),
    # hours written 10a-4p (were "ten a- four pence"); pence stay pence
    ("Open 10a-4p, 6a–11:30p; a 50p coin.",
     "Open ten A M to four P M, six A M to eleven thirty P M; a fifty pence coin."),
    # a unit joined by a hyphen describes the noun after it (was "thirty minutes consultation")
    ("Your 30-min consultation, a 5-lb bag and a 10-ft cable; it took 30-min.",
     "Your thirty minute consultation, a five pound bag and a ten foot cable; it took thirty "
     "minutes."),
    # a time zone's name after p.m. goes on with the sentence (was "P M. Eastern")
    ("Open 9 a.m. to 5 p.m. Eastern or 8 a.m. Pacific. Call 9 a.m. Please hold.",
     "Open nine A M to five P M Eastern or eight A M Pacific. Call nine A M. Please hold."),
    # a street's type without a period after a house number and a name (was "Oak Ave", "Ave
    # NW"), and no stop before the rest of an address (was "Main Street. apartment")
    ("Send it to 456 Oak Ave, 1 Market St or 1600 Pennsylvania Ave NW.",
     "Send it to four hundred fifty-six Oak Avenue, one Market Street or sixteen hundred "
     "Pennsylvania Avenue Northwest."),
    ("It's 123 Main St. Apt. 4B, or 5 Elm Rd. Springfield, IL. The address is 12 Baker St. Go up.",
     "It's one hundred twenty-three Main Street apartment four B, or five Elm Road Springfield, IL. "
     "The address is twelve Baker Street. Go up."),
    ("I have 3 Dr appointments on 5th Ave.", "I have three Dr appointments on fifth Avenue."),
    # highways and routes (were "Hwy one hundred one", "Rte"), their numbers in pairs
    ("Take Hwy 101, then I-405 and Rte. 66 to Route 128.",
     "Take Highway one oh one, then I four oh five and Route sixty-six to Route one twenty-eight."),
    # two weekdays' short names joined by "&", "and", a comma (were "Sat and Sun")
    ("Open Sat & Sun 10-4, Tue, Thu and Sat and Sun. Sun and Moon.",
     "Open Saturday and Sunday ten to four, Tuesday, Thursday and Saturday and Sunday. Sun and "
     "Moon."),
    # a minus after the currency sign (was "minus twenty", the dollars dropped)
    ("Your balance: $-20.", "Your balance: minus twenty dollars."),
    # "No." before a model's code (was read "no")
    ("Model No. XR-500 and part no. A12 fit.", "Model number XR five hundred and part number A "
                                               "twelve fit."),
    # a code of capitals and digits after "number is" (was "one EG four TE five MK seventy-three")
    ("Your Medicare number is 1EG4-TE5-MK73; the model number is RTX4090.",
     "Your Medicare number is one E G four, T E five, M K seven three; the model number is RTX "
     "forty ninety."),
    # the last four digits "of your card are" (was "four thousand two hundred forty-two")
    ("The last 4 digits of your credit card are 4242.",
     "The last four digits of your credit card are four two four two."),
    # p.m. written on the number (was "three pence .m.") and its range
    ("Call back at 3p.m. today. Open 9a.m.-5p.m., a 50p fee.",
     "Call back at three P M today. Open nine A M to five P M, a fifty pence fee."),
])  # fmt: skip
def test_voice_agent_readings(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


def test_a_rule_that_raises_costs_the_readings_not_the_session(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A bug in one rule (a currency code once put into a pattern unescaped raised KeyError
    on text ending in "0CA") must not end the session that sent the text."""
    import voice_server.text.normalize as normalize

    def broken(text: str, protect_cjk: bool = True) -> str:
        raise KeyError("CA")

    monkeypatch.setattr(normalize, "rewrite", broken)
    assert normalize.normalize_text("  Pay 5\tCA  now ") == "Pay 5 CA now"
    assert "text normalisation failed on 16 characters" in caplog.text


@pytest.mark.parametrize(("text", "spoken"), [
    # a tilde after a date is a range (was "... twenty thirty-three minus fourteen March", and a
    # pause between ISO dates)
    ("2033/9/24~14 March", "September twenty-fourth, twenty thirty-three to March fourteenth"),
    ("From 2024-01-15~2024-01-20.", "From January fifteenth, twenty twenty-four to January "
                                    "twentieth, twenty twenty-four."),
])  # fmt: skip
def test_a_tilde_after_a_date_is_a_range(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # a 24-hour time with its leading zero after "at", "by", "from", "until" ... (was "zero six
    # zero zero"), read as "0800 hours" is: oh six hundred
    ("Report at 0600. Breakfast is from 0630 until 0900.",
     "Report at oh six hundred. Breakfast is from oh six thirty until oh nine hundred."),
    # after "at", 21xx to 23xx and 10xx before a stop are times too (were "two thousand one
    # hundred thirty", "one thousand forty-five"); a year or an amount is none ("by 2100,")
    ("Lights out at 2130, reveille at 0530; the bus is at 1045.",
     "Lights out at twenty-one thirty, reveille at oh five thirty; the bus is at ten forty-five."),
    ("Sea levels rise by 2100, priced at 1000.", "Sea levels rise by two thousand one hundred, "
                                                 "priced at one thousand."),
    # a range of 24-hour times with a leading zero (was "zero nine zero zero to ...")
    ("Hours: 0900-1700 daily; 0600 to 1800 hours.",
     "Hours: oh nine hundred to seventeen hundred daily; oh six hundred to eighteen hundred "
     "hours."),
    # "NNNN hours" is a time with a word that makes it one, before ("at", "until") or after
    # ("sharp", "local", "tomorrow", a time zone); else a count (was "one thousand six hundred
    # hours sharp")
    ("The meeting is 1600 hours sharp; we move out 2200 hours tomorrow, 1430 hours Zulu.",
     "The meeting is sixteen hundred hours sharp; we move out twenty-two hundred hours tomorrow, "
     "fourteen thirty hours Zulu."),
    ("We logged 1600 hours of video and 2000 hours of training.",
     "We logged one thousand six hundred hours of video and two thousand hours of training."),
])  # fmt: skip
def test_24_hour_times_read_as_the_military_says_them(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken




@pytest.mark.parametrize(("text", "spoken"), [
    # a software version after its product's name: the minor number as a number, as developers
    # say it (was "three point one one"); a third part keeps "dot"
    ("Python 3.11 replaced Python 3.9; Node 18.17.0 too.",
     "Python three point eleven replaced Python three point nine; Node eighteen dot seventeen "
     "dot zero too."),
    ("Upgrade to macOS 10.15, iOS 17.10 or version 2.10 (v1.12).",
     "Upgrade to macOS ten point fifteen, iOS seventeen point ten or version two point ten "
     "(version one point twelve)."),
    # Ubuntu's versions are a year and a month (was "twenty-two point zero four")
    ("It runs on Ubuntu 22.04 and Ubuntu 24.10.", "It runs on Ubuntu twenty-two oh four and "
                                                  "Ubuntu twenty-four ten."),
    # a measure is no version, nor a decimal without a product's name
    ("Go 1.25 miles; pi is 3.14; Java 1.8", "Go one point two five miles; pi is three point one "
                                            "four; Java one point eight"),
])  # fmt: skip
def test_software_versions_read_as_developers_say_them(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken




@pytest.mark.parametrize(("text", "spoken"), [
    # an aspect ratio is "by" (was "sixteen to nine"; 9:16 before "video" was a time)
    ("Shoot in 16:9, or 9:16 video for Reels; a 4:3 screen, 21:9 ultrawide.",
     "Shoot in sixteen by nine, or nine by sixteen video for Reels; a four by three screen, "
     "twenty-one by nine ultrawide."),
    ("The aspect ratio is 4:3; 2.39:1 widescreen.", "The aspect ratio is four by three; two point "
                                                    "three nine by one widescreen."),
    # a score, odds or a mixing ratio stays "to"; a time stays a time
    ("They won 3:2 at 4:30; odds of 3:1; a 2:1 ratio of water to rice.",
     "They won three to two at four thirty; odds of three to one; a two to one ratio of water "
     "to rice."),
])  # fmt: skip
def test_aspect_ratios_read_by(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken




@pytest.mark.parametrize(("text", "spoken"), [
    # a continental amount before a currency written after it (was "... eighty-two R")
    ("Total: 837,82 R$; 1.234,56 zł or 12,50 zł.",
     "Total: eight hundred thirty-seven reais and eighty-two centavos; one thousand two hundred "
     "thirty-four zlotys and fifty-six groszy or twelve zlotys and fifty groszy."),
    ("It costs 100 kr, 250 Kč, 50 US$ or PLN 80.", "It costs one hundred kroner, two hundred fifty "
                                                   "korunas, fifty dollars or eighty zlotys."),
    ("SEK 500, NOK 200 and 300 DKK", "five hundred Swedish kronor, two hundred Norwegian kroner "
                                     "and three hundred Danish kroner"),
    # a code right after a number is that number's (was "eight hundred forty-one three hundred
    # seventy-three Singapore dollars CNY"); a code before its amount still reads so
    ("841 SGD 373 CNY", "eight hundred forty-one Singapore dollars three hundred seventy-three "
                        "yuan"),
    ("USD 100 EUR 90; pay SGD 20.", "one hundred dollars ninety euros; pay twenty Singapore "
                                    "dollars."),
    # but after a year it binds to the amount after it, as when joined to that amount
    ("In 2023 USD 100 bought more; 5 HK$6.50.", "In twenty twenty-three one hundred dollars bought "
                                                "more; five six Hong Kong dollars and fifty cents."),
    ("In '65 USD 100 bought more.", "In sixty-five one hundred dollars bought more."),
    # "kr." with its period, before or after the amount (was "kr. ninety-nine, ninety-five")
    ("kr. 99,95 or 10 kr. per item", "ninety-nine point nine five kroner or ten kroner per item"),
    # no coin to name: zero cents are not read, nor a decimal's last zeros (were "ninety-nine
    # point zero zero yen", "three point five zero yen")
    ("¥99.00 or ¥3.50", "ninety-nine yen or three point five yen"),
])  # fmt: skip
def test_currencies_after_their_amounts(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken




@pytest.mark.parametrize(("text", "spoken"), [
    # a range of hours after "between" is "and" (was "between nine A M to twelve P M")
    ("Delivery between 9am-12pm or between 1 PM - 3 PM; open 9am-5pm.",
     "Delivery between nine A M and twelve P M or between one P M and three P M; open nine A M to "
     "five P M."),
    # a size in inches or centimeters (was "nine times thirteen inch pan"), and "in" at the end
    # of one (was "twelve by eight by four in.")
    ("Use a 9x13 inch pan or a 20 x 30 cm tray; the box is 12 x 8 x 4 in. I have 2 in the box.",
     "Use a nine by thirteen inch pan or a twenty by thirty centimeter tray; the box is twelve by "
     "eight by four inches. I have two in the box."),
    # a range of hours written on the number (was "every four, six hours")
    ("Take 200-400mg every 4-6h; it lasts 2-3h or 1h30m.",
     "Take two hundred to four hundred milligrams every four to six hours; it lasts two to three "
     "hours or one hour thirty minutes."),
    # localhost's port (was "localhost: eight thousand eighty")
    ("Run it on localhost:8080 or localhost:3000/api.",
     "Run it on localhost colon eighty eighty or localhost colon three thousand slash api."),
    # an algorithm's complexity (was "O(log n)", "O(one)")
    ("Binary search is O(log n); sorting is O(n log n), O(n^2) at worst; O(1) space.",
     "Binary search is big O of log n; sorting is big O of n log n, big O of n squared at worst; "
     "big O of one space."),
    # a spaced hyphen after a function's call or a power is a minus sign (was "len(arr), one",
    # "two to the power of thirty-one to one"); between numbers a range
    ("The last index is len(arr) - 1; an int32 holds up to 2^31 - 1; pages 5 - 10.",
     "The last index is len(arr) minus one; an int thirty-two holds up to two to the power of "
     "thirty-one minus one; pages five to ten."),
    # a prescription's frequency (was "q twelve hours", "BID", "TID"), only after a dose for the
    # capitalised ones ("BID" is also a bid)
    ("Take 1 tablet q12h, or 2 tabs q4-6h PRN; amoxicillin 875 mg BID; 5 mL t.i.d. Place your BID.",
     "Take one tablet every twelve hours, or two tabs every four to six hours as needed; amoxicillin "
     "eight hundred seventy-five milligrams twice a day; five milliliters three times a day. Place "
     "your BID."),
    ("Q4 hours were long; 1 cap Q8H.", "Q four hours were long; one cap every eight hours."),
    # a batting average (was "point three one two"); other decimals stay decimals
    ("He's batting .312, a .300 hitter with a .405 OBP; avg .056. The p-value is .012.",
     "He's batting three twelve, a three hundred hitter with a four oh five OBP; average oh fifty-six. "
     "The p-value is point zero one two."),
    # billions and trillions before a plural noun (was "seventy B parameters"); a 7B model and
    # 2B pencils keep their letter
    ("Llama 3 comes in 8B and 70B parameters, trained on 15T tokens; a 7B model; 2B pencils.",
     "Llama three comes in eight billion and seventy billion parameters, trained on fifteen "
     "trillion tokens; a seven B model; two B pencils."),
    # people are counted too, without a plural s (was "one point eight B people")
    ("A population of ~1.8B people, 2.1B adults and 0.6B children.",
     "A population of about one point eight billion people, two point one billion adults and "
     "zero point six billion children."),
    # a date with a two-digit year (was "one one twenty-five"), a range of dates (was "twelve
    # slash twenty-four to twelve slash twenty-six"); a range of fractions stays one
    ("Renews on 1/1/25; closed 12/24-12/26 and 12/31-1/2; use 1/4-1/2 cup or 1/8-3/16 inch bits.",
     "Renews on January first, twenty twenty-five; closed December twenty-fourth to December "
     "twenty-sixth and December thirty-first to January second; use one quarter to one half cup "
     "or one eighth to three sixteenths inch bits."),
    # a year after a quarter or a half before a plural noun (was "Q three two thousand
    # twenty-four earnings"); a count stays a count
    ("Q3 2024 earnings beat estimates; H1 2025 results; we sold 2024 units.",
     "Q three twenty twenty-four earnings beat estimates; H one twenty twenty-five results; we "
     "sold two thousand twenty-four units."),
])  # fmt: skip
def test_fourth_round_of_llm_and_voice_agent_readings(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # emoticons are not read (were "thing:) I'd", "Done.:-D"); a colon that is one stays
    ("Sure thing :) I'd be happy to help :-) ... or not :( just kidding ;)",
     "Sure thing I'd be happy to help... or not just kidding"),
    ("Done. :-D That's it! ^_^ Bye :P", "Done. That's it! Bye"),
    ("Note:Do it at 3:30 via http://a.io or ratio 3:1.",
     "Note:Do it at three thirty via a dot io or ratio three to one."),
    # a hashtag (was "hash MachineLearning"); a comment's hash and a preprocessor line stay "hash"
    ("Use #MachineLearning or #AI when you post.",
     "Use hashtag MachineLearning or hashtag AI when you post."),
    ("#define DEBUG and # note", "hash define DEBUG and hash note"),
    # an unspaced en dash between words joins them (was "mass, energy"); an em dash is a pause
    ("mass–energy equivalence and the Dunning–Kruger effect—really.",
     "mass-energy equivalence and the Dunning-Kruger effect, really."),
    # a list numbered "1)" reads as one numbered "1." (was "one) First")
    ("1) First, gather data.\n2) Second, clean it.", "one. First, gather data. two. Second, clean it."),
    # a URL's port is a number (was "three zero zero zero"); its query and fragment are not read
    ("Open http://localhost:3000 or https://example.com:8443/x now.",
     "Open localhost colon three thousand or example dot com colon eighty-four forty-three slash x "
     "now."),
    ("Search https://www.google.com/search?q=spark+tts&hl=en#results or watch "
     "https://www.youtube.com/watch?v=dQw4w9WgXcQ. See example.com/docs#install too.",
     "Search w w w dot google dot com slash search or watch w w w dot youtube dot com slash watch. "
     "See example dot com slash docs too."),
    # reference-style links read their text, their definitions are not read (were "the guide
    # one", "one: example dot com slash guide"); a footnote's text is read without its mark
    ("See [the guide][1] and [FAQ][faq].\n\n[1]: https://example.com/guide\n[faq]: "
     "https://example.com/faq \"FAQ\"", "See the guide and FAQ."),
    ("Footnotes are useful[^1].\n\n[^1]: Like this one.", "Footnotes are useful. Like this one."),
    # a GitHub alert's label (was "!NOTE")
    ("> [!NOTE]\n> Useful information.\n\n> [!WARNING]\n> Back up first.",
     "Note. Useful information. Warning. Back up first."),
    # a function's empty call brackets (were left in: "get user by id()")
    ("The function `get_user_by_id()` returns a `User`.", "The function get user by id returns a User."),
    # arrows other than "->", "=>" and "→" (were dropped: "If A B and C D")
    ("If A ⇒ B and C ← D, then A ↔ C. Also A ⟶ B ⇔ C, and ➜ done.",
     "If A to B and C from D, then A and C. Also A to B if and only if C, and to done."),
    # a fraction holding a square root (was "frac -b plus or minus ... two a")
    ("$x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}$ and $\\frac{\\frac{1}{2}}{3}$",
     "x equals minus b plus or minus the square root of b squared minus four ac over two a and one over "
     "two over three"),
    # inline math is no money (was "x equals three dollars"); money stays money
    ("if $n = 10$, then $x$ is $3$; it costs $5 and $10, or $5-$10; $AAPL and $TSLA.",
     "if n equals ten, then x is three; it costs five dollars and ten dollars, or five to ten "
     "dollars; AAPL and TSLA."),
    ("Calls cost $0.99/min, or 82 S$ a month.",
     "Calls cost ninety-nine cents per minute, or eighty-two Singapore dollars a month."),
    # seconds after a tilde or in brackets (were "about two s"); a phone's "4s" is no time
    ("slow startup (~2s), a retry after ~45s (5s max); the iPhone 4s.",
     "slow startup (about two seconds), a retry after about forty-five seconds (five seconds max); "
     "the iPhone four s."),
])  # fmt: skip
def test_fifth_round_llm_markup_emoticons_links_and_arrows(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # a race's or an elapsed time, h:mm:ss after "finished in", "clocked", "elapsed" ... (were
    # "two oh three and forty-five seconds", a clock's reading); a clock stays a clock
    ("She finished in 2:03:45.", "She finished in two hours, three minutes and forty-five "
                                 "seconds."),
    ("Kipchoge ran 2:01:09 in Berlin; elapsed: 0:45:07.5",
     "Kipchoge ran two hours, one minute and nine seconds in Berlin; elapsed: forty-five minutes "
     "and seven point five seconds"),
    ("a winning time of 1:00:05, and a runtime of 2:15:00",
     "a winning time of one hour and five seconds, and a runtime of two hours and fifteen minutes"),
    # minutes and seconds past any clock's hour after such a cue (were "twenty-five to
    # thirty"); under 24 a clock's reading, as a runner says it; no cue, as before
    ("He ran 5 km in 25:30 and she finished the 10K in 48:12.5.",
     "He ran five kilometers in twenty-five minutes and thirty seconds and she finished the ten K "
     "in forty-eight minutes and twelve point five seconds."),
    ("a 28:00 finish, took 31:01, ran 5 km in 22:30; the score was 25:30",
     "a twenty-eight minute finish, took thirty-one minutes and one second, ran five kilometers "
     "in twenty-two thirty; the score was twenty-five to thirty"),
    ("The alarm went off at 12:00:30 and the time is 2:03:45.",
     "The alarm went off at twelve o'clock and thirty seconds and the time is two oh three and "
     "forty-five seconds."),
    # a count of ports or parts in a spec sheet (were "two times USB-C"); 3x faster stays
    ("Ports: 2x USB-C, 1x HDMI 2.1 and 4x AAA batteries; 3x faster.",
     "Ports: two USB-C, one HDMI two point one and four AAA batteries; three times faster."),
    # bedrooms and bathrooms in a listing (was "three BR two BA")
    ("A 3BR/2BA condo, or 4 bd / 2.5 ba.", "A three bedroom, two bath condo, or four bedroom, two "
                                           "and a half bath."),
    # a package pinned to a version (was "torch equals equals two dot one dot zero")
    ("pip install torch==2.1.0 numpy==1.26", "pip install torch version two dot one dot zero "
                                             "numpy version one point twenty-six"),
    # a Bible verse (was "sixteen by nine"); an aspect ratio stays one
    ("Read Mark 16:9 and 1 Corinthians 13:4-7.", "Read Mark sixteen nine and First Corinthians "
                                                 "thirteen four to seven."),
    ("Genesis 1:1, Psalm 119:105; John 3:16 on a 16:9 screen.",
     "Genesis one one, Psalm one hundred nineteen one hundred five; John three sixteen on a "
     "sixteen by nine screen."),
    # a currency's code binds to the number after it when the one before is a label's (was
    # "Room five euros ninety")
    ("Room 5 EUR 90, Gate 12 USD 15", "Room five ninety euros, Gate twelve fifteen dollars"),
    # Indian scales (was "five hundred rupees crore")
    ("₹500 crore and INR 2.5 lakh", "five hundred crore rupees and two point five lakh rupees"),
    # an improper fraction in arithmetic is "over" (was "twenty-two slash seven")
    ("Pi is about 22/7, and π ≈ 22/7.", "Pi is about twenty-two over seven, and pi is "
                                        "approximately twenty-two over seven."),
    # left: a bare 22/7 may be a date written day first (the 22nd of July)
    ("22/7", "twenty-two slash seven"),
    # an LLM's context and size (already so; pinned)
    ("a 128K context and 200B parameters", "a one hundred twenty-eight K context and two hundred "
                                           "billion parameters"),
    # flags are their country (were dropped)
    ("I love 🇯🇵! Go 🇺🇸 and 🇬🇧, not 🇦🇶.", "I love Japan! Go United States and United Kingdom, "
                                           "not."),
])  # fmt: skip
def test_sixth_round_durations_listings_versions_verses_and_flags(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # comparisons in code (were "equals equals", "equals equals equals", "not equal to equals")
    ("if (count == 0) return null;", "if (count is equal to zero) return null;"),
    ("x == 2 checks equality while x = 2 assigns", "x is equal to two checks equality while x "
                                                   "equals two assigns"),
    ("a === b, a !== b", "a is strictly equal to b, a not strictly equal to b"),
    ("Set retries to 3 || 5.", "Set retries to three or five."),  # was "three, five"
    ("| a || b |", "a, b"),  # an empty table cell stays one
    # money in trillions (was "three dollars and forty cents T", "thirty-four dollars T")
    ("Apple is worth $3.4T; the debt is over $34T.", "Apple is worth three point four trillion "
                                                     "dollars; the debt is over thirty-four "
                                                     "trillion dollars."),
    ("$5T-$10T, but $5 T-shirts", "five to ten trillion dollars, but five "
                                  "dollars T-shirts"),
    # an SEC filing (was "ten -K"), 3-D
    ("Read the 10-K, the 8-K and a 3-D model.", "Read the ten K, the eight K and a three D model."),
    # an LLM's price per million tokens (was "zero point one five out of one M", "per one K")
    ("$0.15/1M input tokens, $0.002 per 1K tokens", "fifteen cents per million input tokens, zero "
                                                    "point zero zero two dollars per thousand "
                                                    "tokens"),
    # a GPA (was "three point eight four point zero")
    ("My GPA is 3.8/4.0.", "My GPA is three point eight out of four point zero."),
    # a proportion that could be a time (was "one ten ratio")
    ("Mix at a 1:10 ratio, or diluted 1:20.", "Mix at a one to ten ratio, or diluted one to twenty."),
    # 2x before a port's speed is times (was "two USB"); before a size, a count of sticks
    ("USB4 gives 2x USB 3.2 speed.", "USB four gives two times USB three point two speed."),
    ("Buy 2x 16GB sticks.", "Buy two sixteen gigabyte sticks."),
    # after "the" or a count, a size describes the noun after it (was "ten megabytes limit")
    ("the 10MB limit, the 5 kg of flour, two 500 mg tablets",
     "the ten megabyte limit, the five kilograms of flour, two five hundred milligram tablets"),
    # units (were "bps", "GiB", "TB slash s", "tok slash s", "kJ slash mol")
    ("Up 25 bps; 16 GiB; 3.35 TB/s; 45 tok/s; 286 kJ/mol", "Up twenty-five basis points; sixteen "
     "gibibytes; three point three five terabytes per second; forty-five tokens per second; two "
     "hundred eighty-six kilojoules per mole"),
    ("a 9600 bps modem", "a nine thousand six hundred bps modem"),  # bits, not basis points
    ("It costs ca. $300.", "It costs circa three hundred dollars."),  # was "ca."
    # a short code to text (was "seven hundred forty-one thousand ..."); a text's length stays
    ("Text 741741 for support, or a text 50000 words long.", "Text seven four one seven four one "
     "for support, or a text fifty thousand words long."),
    # flags past the first fifty countries (were dropped)
    ("🇨🇴 beat 🇵🇪; 🇰🇪, 🇨🇿 and 🇺🇳", "Colombia beat Peru; Kenya, Czechia and United Nations"),
    ("我去过🇨🇿和🇭🇺", "我去过捷克和匈牙利"),
    # ≈ between two values is a relation (was "pi about three point one four"); before an
    # amount after a word it is still "about"
    ("π ≈ 3.14 and x ≈ 2.5", "pi is approximately three point one four and x is approximately "
     "two point five"),
    ("5 + 3 ≈ 8, x² ≈ 4", "five plus three is approximately eight, x squared is approximately four"),
    ("It takes ≈5 hours and costs ≈ $5.", "It takes about five hours and costs about five dollars."),
    # a run of flags is a list (was "Colombia Peru Chile", one breath)
    ("Top teams: 🇨🇴 🇵🇪 🇨🇱.", "Top teams: Colombia, Peru, Chile."),
    ("Visited 🇯🇵🇰🇷 last year.", "Visited Japan, South Korea last year."),
    ("我去过🇯🇵🇰🇷🇨🇳。", "我去过日本、韩国、中国。"),
])  # fmt: skip
def test_seventh_round_code_finance_and_spec_sheets(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # a range of numbered sections or versions: the second would be smaller as a decimal
    # (was "eleven point one to eleven point one one"), or after "sections", a product's name
    ("See sections 11.1-11.11 for details.",
     "See sections eleven point one to eleven point eleven for details."),
    ("Read 3.9-3.12.", "Read three point nine to three point twelve."),  # backwards as decimals
    # forward as decimals and no word to say otherwise: decimals, every digit kept (1.0-1.05
    # was "one point zero to one point five")
    ("Read 11.1-11.11.", "Read eleven point one to eleven point one one."),
    ("a ratio of 1.0-1.05 is fine", "a ratio of one point zero to one point zero five is fine"),
    ("pH 7.4-7.45, p of 0.1-0.15", "pH seven point four to seven point four five, p of zero point "
     "one to zero point one five"),
    ("Python 3.9-3.12 works", "Python three point nine to three point twelve works"),
    ("Section 4.12 says", "Section four point twelve says"),
    ("from 1.5-2.5 kg", "from one point five to two point five kilograms"),  # decimals stay
    ("between 0.1-0.25", "between zero point one and zero point two five"),
    ("1.1-1.12 mm", "one point one to one point one two millimeters"),  # a unit: decimals
    # molar concentration before a chemical formula or "solution" (was "million"); mM, µM
    ("Use 0.5 M NaCl for the buffer.", "Use zero point five molar NaCl for the buffer."),
    ("Dissolve it in 1 M HCl, then 2M NaOH.", "Dissolve it in one molar HCl, then two molar NaOH."),
    ("5 M CNN viewers said NO", "five million CNN viewers said NO"),
    ("a 2 M solution", "a two molar solution"),
    ("50 mM Tris and 10 µM ATP", "fifty millimolar Tris and ten micromolar ATP"),
    ("It reached 2 M users and $5 M in sales.",
     "It reached two million users and five million dollars in sales."),
    # IEEE 802 standards, as engineers say them (was "eight hundred two point one one ax")
    ("The router supports 802.11ax.", "The router supports eight oh two point eleven A X."),
    ("IEEE 802.3bz, 802.1X and 802.15.4",
     "IEEE eight oh two point three B Z, eight oh two point one X and eight oh two point "
     "fifteen point four"),
    ("802.11b/g/n", "eight oh two point eleven B slash G slash N"),
    # a port mapping is no ratio (was "eight thousand eighty to eighty")
    ("Run docker run -p 8080:80 nginx.", "Run docker run dash p eighty eighty colon eighty nginx."),  # -p was left as written
    ("use --publish 5432:5432 or ports 3000:3000",
     "use dash dash publish fifty-four thirty-two colon fifty-four thirty-two or ports three "
     "thousand colon three thousand"),
    ("-p 53:53/udp", "-p fifty-three colon fifty-three slash U D P"),
    ("http://localhost:80/api", "localhost colon eighty slash api"),  # was "colon zero eighty"
    ("a 1000:1 contrast ratio", "a one thousand to one contrast ratio"),
    # a tilde or ≈ after a word that already says "about" (was "about about five minutes")
    ("It takes about ~5 min.", "It takes about five minutes."),
    ("around ~10% or roughly ≈ 3 hours", "around ten percent or roughly three hours"),
    ("approx. ~5 km", "approximately five kilometers"),
    ("It takes ~5 min.", "It takes about five minutes."),
    # Roman numerals in titles; a single C or L after a cue is a letter (was "Class one
    # hundred"), and capitalised words are no numerals
    ("World War II ended; Henry VIII had six wives.",
     "World War two ended; Henry the eighth had six wives."),
    ("Chapter IV of Super Bowl LVIII", "Chapter four of Super Bowl fifty-eight"),
    ("a Class C felony, a USB Type C cable, Appendix C, Medicare Part C, Section L",
     "a Class C felony, a USB Type C cable, Appendix C, Medicare Part C, Section L"),
    ("I said MIX the CIVIL DIV, I did.", "I said MIX the CIVIL DIV, I did."),
])  # fmt: skip
def test_ninth_round_sections_chemistry_standards_ports_and_numerals(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # a processor's model is no range (was "i seven to thirteen thousand seven hundred K")
    ("I have an Intel i7-13700K and a Ryzen 9 7950X.",
     "I have an Intel i seven thirteen seven hundred K and a Ryzen nine seventy-nine fifty X."),
    ("Core i5-12400F is a budget pick.", "Core i five twelve four hundred F is a budget pick."),
    ("Ryzen 7 7800X3D", "Ryzen seven seventy-eight hundred X three D"),
    # an airliner's variant (was "seven thirty-seven to eight hundred")
    ("The Airbus A350-900 and Boeing 737-800 are common.",
     "The Airbus A three fifty nine hundred and Boeing seven thirty-seven eight hundred are common."),
    ("The Boeing 787-9 seats 290.", "The Boeing seven eighty-seven nine seats two hundred ninety."),
    ("pages 737-800", "pages seven hundred thirty-seven to eight hundred"),  # still a range
    # a direction between a house number and its street (was "forty-two watts")
    ("He lives at 42 W. 57th St., New York.", "He lives at forty-two West fifty-seventh Street, New York."),
    ("Visit 350 W 42nd Street today.", "Visit three hundred fifty West forty-second Street today."),
    ("100 N. Michigan Ave.", "one hundred North Michigan Avenue."),
    ("a 60 W bulb on Main Street", "a sixty watt bulb on Main Street"),
    # blood pressure after "BP of", "BP is below" ... (was "one hundred thirty slash eighty-five")
    ("Your BP of 130/85 is elevated.", "Your BP of one hundred thirty over eighty-five is elevated."),
    ("Normal BP is below 120/80.", "Normal BP is below one hundred twenty over eighty."),
    # a rate per two things (was "per kilogram slash day", "per user slash month")
    ("The typical dose is 0.5 mg/kg/day.",
     "The typical dose is zero point five milligrams per kilogram per day."),
    ("Give 5 mL/kg/hr.", "Give five milliliters per kilogram per hour."),
    ("Pro is $20/user/month.", "Pro is twenty dollars per user per month."),
    # a course's length after a dose: "x 10 days" is for ten days (was "x ten days")
    ("Amoxicillin 875 mg PO BID x 10 days.",
     "Amoxicillin eight hundred seventy-five milligrams by mouth twice a day for ten days."),
    ("Take 2 tablets daily x 7 days.", "Take two tablets daily for seven days."),
    ("3 sets x 10 reps", "three sets x ten reps"),
])  # fmt: skip
def test_tenth_round_models_streets_blood_pressure_rates_and_courses(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # ≈ after a value with its unit, and LaTeX's \approx, relate two values (was "about")
    ("1 mile ≈ 1.609 km.", "one mile is approximately one point six zero nine kilometers."),
    ("1 USD ≈ 7.2 CNY", "one dollar is approximately seven point two yuan"),
    ("takes ≈5 hours", "takes about five hours"),
    # a unit after inline math is read (was "three cm")
    ("The area is $A = \\pi r^2$, so with $r = 3$ cm, $A \\approx 28.27$ cm².",
     "The area is A equals pi r squared, so with r equals three centimeters, A is approximately "
     "twenty-eight point two seven centimeters squared."),
    # a spaced slash in an equation or between variables divides (was dropped: "d t")
    ("The speed is d / t.", "The speed is d divided by t."),
    ("BMI = weight (kg) / height (m)².",
     "BMI equals weight (kg) divided by height (m) squared."),
    ("x = (-b ± √(b² - 4ac)) / 2a",
     "x equals (minus b plus or minus the square root of (b squared minus four ac)) divided by two a"),
    ("Tips / Tricks", "Tips, Tricks"),  # round 33: a pause (was run together)
    # a conditional probability (was "P(A, B)", a table's cell)
    ("P(A|B) is the probability of A given B.", "P(A given B) is the probability of A given B."),
    # §§ is sections (was "section section")
    ("See 17 U.S.C. §§ 101-122.", "See seventeen U S C sections one hundred one to one hundred twenty-two."),
    # a menu path with arrows (was "Settings to General to Software Update"); a trip stays "to"
    ("Go to Settings → General → Software Update.", "Go to Settings, then General, then Software Update."),
    ("1. Open **Settings** → **Privacy**.", "one. Open Settings, then Privacy."),
    ("Tokyo → Osaka", "Tokyo to Osaka"),
    # a Mac's modifier keys (were dropped: "press plus K")
    ("Tip: press ⌘ + K to search.", "Tip: press Command plus K to search."),
    ("Press ⌥ + ⇧ + K, or ⌃ + C.", "Press Option plus Shift plus K, or Control plus C."),
])  # fmt: skip
def test_tenth_round_approximations_division_keys_and_menu_paths(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


def test_tenth_round_a_minus_before_a_variable_and_a_rate_after_an_equation() -> None:
    assert normalize_text("y = -x + 3") == "y equals minus x plus three"  # was "-x"
    assert normalize_text("cost = $5 / month") == "cost equals five dollars per month"


@pytest.mark.parametrize(("text", "spoken"), [
    # a score or 24/7 with spaces round the slash reads as without them (was "divided by")
    ("I give it 10 / 10.", "I give it ten out of ten."),
    ("The score was 3 / 5 stars.", "The score was three out of five stars."),
    ("Rate it 4 / 5", "Rate it four out of five"),
    ("The 24 / 7 support line", "The twenty-four seven support line"),
    # division stays division
    ("What is 10 / 2?", "What is ten divided by two?"),
    ("x = 10 / 5", "x equals ten divided by five"),
])  # fmt: skip
def test_a_spaced_slash_between_numbers_is_a_score_only_where_the_words_say_so(
    text: str, spoken: str
) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # two versions after a product's name are versions, not a fraction (was "ten elevenths")
    ("Works on Windows 10/11.", "Works on Windows ten or eleven."),
    ("Supports iOS 16/17 and Android 13/14.",
     "Supports iOS sixteen or seventeen and Android thirteen or fourteen."),
    ("Add 1/2 cup of milk.", "Add one half cup of milk."),  # a fraction stays one
])  # fmt: skip
def test_two_versions_after_a_product_name_are_read_as_versions(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # a case's name: "v." between two names is "versus" (was spelled "v.")
    ("In Brown v. Board of Education, the Court ruled.",
     "In Brown versus Board of Education, the Court ruled."),
    ("Roe v. Wade (1973)", "Roe versus Wade (nineteen seventy-three)"),
    ("Plan v. 2 is out", "Plan v. two is out"),  # no name after it: left alone
    # a federal circuit after its number (was "Circle", the street's)
    ("the 9th Cir. held", "the ninth Circuit held"),
    ("at 12 Oak Cir. in town", "at twelve Oak Circle in town"),
    # PCIe lanes (was "times sixteen")
    ("a PCIe 5.0 x16 slot", "a PCIe five point zero by sixteen slot"),
    ("PCIe x8 or 3 x 4", "PCIe by eight or three times four"),
])  # fmt: skip
def test_case_names_circuits_and_pcie_lanes(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # a port of two digits (was "zero twenty-two": read in pairs)
    ("SSH runs on port 22.", "SSH runs on port twenty-two."),
    # a size in inches (was "twelve inches x eight inches", "nine times thirteen "")
    ('Dimensions: 12" x 8" x 4".', "Dimensions: twelve inches by eight inches by four inches."),
    ('Use a 9x13" baking dish.', "Use a nine by thirteen inch baking dish."),
    ('a 12" x 18" poster', "a twelve inch by eighteen inch poster"),
    # rates per gallon, share, pair, dozen (the slash was dropped: "cents gal")
    ("Gas is $3.49/gal.", "Gas is three dollars and forty-nine cents per gallon."),
    ("It pays $0.24/share quarterly.", "It pays twenty-four cents per share quarterly."),
    ("Eggs are $4/dozen.", "Eggs are four dollars per dozen."),
    # incl., excl. and ea. on prices (were read as written)
    ("Prices start at $1,299 (excl. VAT).",
     "Prices start at one thousand two hundred ninety-nine dollars (excluding VAT)."),
    ("All prices incl. 20% VAT.", "All prices including twenty percent VAT."),
    ("Rent: $2,100/month, utilities incl.",
     "Rent: two thousand one hundred dollars per month, utilities included."),
    ("Widgets are $4.99 ea. or 3 for $12.",
     "Widgets are four dollars and ninety-nine cents each or three for twelve dollars."),
    # fluid ounces and milliequivalents (were "fl oz", "mEq slash L")
    ("Drink 64 fl oz of water a day.", "Drink sixty-four fluid ounces of water a day."),
    ("Normal potassium is 3.5-5.0 mEq/L.",
     "Normal potassium is three point five to five point zero milliequivalents per liter."),
    # an accountant's negative (was "(three point two) million": the dollars dropped)
    ("Net income was $(3.2) million.", "Net income was minus three point two million dollars."),
    ("a loss of $(1,200)", "a loss of minus one thousand two hundred dollars"),
    # the course of a dose after how often (was "every twelve hours x ten days")
    ("Amoxicillin 875 mg PO q12h x 10 days.",
     "Amoxicillin eight hundred seventy-five milligrams by mouth every twelve hours for ten days."),
    # a rating after "Rating:" (was "four fifths")
    ("Rating: 4/5.", "Rating: four out of five."),
    ("Rating: (4/5)", "Rating: (four out of five)"),
    # a bet's total (was "over slash under")
    ("Over/under: 47.5.", "Over under: forty-seven point five."),
])  # fmt: skip
def test_eleventh_round_ports_inches_rates_prices_doses_and_ratings(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # sizes to choose from (were "eight sixteenths gigabyte"; "GB" unread before a slash)
    ("Storage: 128GB/256GB/512GB.", "Storage: one hundred twenty-eight gigabytes or two hundred "
     "fifty-six gigabytes or five hundred twelve gigabytes."),
    ("It comes with 8/16GB RAM.", "It comes with eight or sixteen gigabytes RAM."),
    ("256GB/1TB SSD", "two hundred fifty-six gigabytes or one terabyte SSD"),
    # used of all, or a half: not sizes to choose from; a unit after "slash" is plural (was
    # "gigabyte")
    ("Your disk is full (475/500 GB).",
     "Your disk is full (four hundred seventy-five of five hundred gigabytes)."),
    ("Use 1/2 GB.", "Use one half gigabyte."),
    ("It takes 1/2 tsp.", "It takes one half teaspoon."),
    # an arrow up or down before a change (was dropped); not after a word that says which way
    ("Revenue: $12.3M (↑18%).", "Revenue: twelve point three million dollars (up eighteen percent)."),
    ("AAPL ▼ $2.31 today.", "AAPL down two dollars and thirty-one cents today."),
    ("Shares fell ↓3.2%.", "Shares fell three point two percent."),
    ("NVDA ↓-2.1%", "NVDA minus two point one percent"),
    # a month's short name alone after "in", "since", "by" ... (was read as written)
    ("Inflation was 3.4% y/y in Dec.",
     "Inflation was three point four percent year over year in December."),
    ("Sales are up since mid-Sept. and rising.", "Sales are up since mid-September and rising."),
    ("In Aug, sales fell.", "In August, sales fell."),
    ("I believe in Jan", "I believe in Jan"),  # Jan and Mar only with their period
])  # fmt: skip
def test_eleventh_round_sizes_to_choose_arrows_and_months(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # international and national phone numbers in their groups, digit by digit (were cardinals,
    # "one hundred twenty-three thousand four hundred fifty-six to zero")
    ("Call our Berlin office at +49 30 123456-0.",
     "Call our Berlin office at plus four nine, three zero, one two three four five six, zero."),
    ("Call +44 7700 900123.", "Call plus four four, seven seven zero zero, nine zero zero one two three."),
    ("Berlin: +49 (0)30 1234567.", "Berlin: plus four nine, three zero, one two three four five six seven."),
    ("Dial 0049 30 123456 from abroad.",
     "Dial zero zero four nine, three zero, one two three four five six from abroad."),
    ("Tel: 030 123456-0", "Tel: zero three zero, one two three four five six, zero"),
    ("Call (02) 9876 5432 today.", "Call zero two, nine eight seven six, five four three two today."),
    ("Call 1300 655 506 for support.", "Call one three zero zero, six five five, five zero six for support."),
    ("Freecall 1800 123 456 anytime.",
     "Freecall one eight zero zero, one two three, four five six anytime."),
    ("In 1800 123 people died.", "In eighteen hundred one hundred twenty-three people died."),
    # legal citations (were ranges, brackets, an unread dash)
    ("See Pub. L. 117-169, the Inflation Reduction Act.",
     "See Public Law one seventeen, one sixty-nine, the Inflation Reduction Act."),
    ("See Pub. L. No. 111-148.", "See Public Law number one eleven, one forty-eight."),
    ("Docket No. 22-1234 was argued in March.",
     "Docket number two two, one two three four was argued in March."),
    ("Case No. 1:23-cv-04567 (S.D.N.Y.)",
     "Case number one, twenty-three, C V, zero four five six seven (S D N Y)"),
    ("15 U.S.C. §§ 78a–78qq", "fifteen U S C sections seventy-eight a to seventy-eight q q"),
    ("dismissed under Rule 12(b)(6).", "dismissed under Rule twelve b six."),
    ("Article 6(1)(f) GDPR", "Article six one f GDPR"),
    ("Section 10(b) of the Act", "Section ten b of the Act"),
    ("Under Section 501(c)(3) of the Code", "Under Section five oh one c three of the Code"),
    ("H.R. 3684 passed.", "H R thirty-six eighty-four passed."),
    ("f(2)(3) and 2(x + 1)", "f(two)(three) and two (x plus one)"),  # no paragraphs: as before
    # a unit after a power of ten, and a lab's units (were "L", "slash µL", "mIU slash L")
    ("Platelets: 250 x 10^9/L.",
     "Platelets: two hundred fifty times ten to the power of nine per liter."),
    ("WBC 7.2 x 10³/µL", "WBC seven point two times ten cubed per microliter"),
    ("WBC 11 K/µL", "WBC eleven thousand per microliter"),
    ("TSH 2.5 mIU/L", "TSH two point five milli-international units per liter"),
    ("Insulin 10 µIU/mL", "Insulin ten micro-international units per milliliter"),
    ("Vitamin D 30 ng/mL.", "Vitamin D thirty nanograms per milliliter."),
    ("B12 400 pg/mL", "B twelve four hundred picograms per milliliter"),
    ("Give 1000 IU daily.", "Give one thousand international units daily."),
    # storage used of all (the slash was dropped and GB unread)
    ("RAM usage 1.5GB/2GB", "RAM usage one point five gigabytes of two gigabytes"),
    ("upgrade from 12GB/16GB", "upgrade from twelve gigabytes of sixteen gigabytes"),
    ("Upload 5Mbps/20Mbps", "Upload five megabits per second slash twenty megabits per second"),
])  # fmt: skip
def test_twelfth_round_phones_citations_lab_units_and_storage(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # a.m. and p.m. as one letter after a time (was "nine: thirty pence")
    ("Opens 7:45a, closes 9:30p.", "Opens seven forty-five A M, closes nine thirty P M."),
    # Est. before a year (was read as written); before a year and a noun, estimated (since the
    # fourteenth round; it stayed "Est.")
    ("Est. 1998", "Established nineteen ninety-eight"),
    ("Smith & Sons, Est. 1920, family owned.",
     "Smith and Sons, Established nineteen twenty, family owned."),
    ("Est. 2025 revenue is up.", "Estimated twenty twenty-five revenue is up."),
    # a box score's rebounds, assists, steals and blocks after a number (were read as written)
    ("LeBron had 28 pts, 12 reb, 8 ast, 3 stl, 2 blk.",
     "LeBron had twenty-eight points, twelve rebounds, eight assists, three steals, two blocks."),
    ("She had 1 reb and 1 ast.", "She had one rebound and one assist."),
    ("He threw for 312 yds.", "He threw for three hundred twelve yards."),
    # times in two zones, and a zone's offset (the slash and the minus were dropped)
    ("Live at 9am PT/12pm ET.", "Live at nine A M PT, twelve P M ET."),
    ("Join at 11am PST / 2pm EST.", "Join at eleven A M PST, two P M EST."),
    ("The deadline is 23:59 UTC-5.", "The deadline is twenty-three fifty-nine UTC minus five."),
    ("Doors open 7:30pm GMT+1.", "Doors open seven thirty P M GMT plus one."),
    # Canadian postal codes and a postcode before a European city (were "M five volts", a cardinal)
    ("Toronto, ON M5V 3L9", "Toronto, ON M five V, three L nine"),
    ("Ottawa, ON K1A 0B1, Canada", "Ottawa, ON K one A, zero B one, Canada"),
    ("Unter den Linden 5, 10115 Berlin, Germany",
     "Unter den Linden five, one zero one one five Berlin, Germany"),
    ("75008 Paris, France", "seven five zero zero eight Paris, France"),
    ("In 2023, 15000 People came.", "In twenty twenty-three, fifteen thousand People came."),
    # currencies: Swiss thousands, Indian grouping, a real's cents after a comma
    ("Price: CHF 1'234.50",
     "Price: one thousand two hundred thirty-four Swiss francs and fifty centimes"),
    ("Budget: ₹1,23,456 for the trip.",
     "Budget: one hundred twenty-three thousand four hundred fifty-six rupees for the trip."),
    ("The flat costs ₹85,00,000.", "The flat costs eight million five hundred thousand rupees."),
    ("Only R$ 49,90/month.", "Only forty-nine reais and ninety centavos per month."),
    ("Only BRL 49,90.", "Only forty-nine reais and ninety centavos."),
    # degrees C and F (were "degrees C")
    ("Low of 12 degrees C tonight.", "Low of twelve degrees Celsius tonight."),
    ("Set it to 350 degrees F.", "Set it to three hundred fifty degrees Fahrenheit."),
    # a range of days before a month, and a weekday's short name before one
    ("The festival runs 1st–3rd March.", "The festival runs March first to third."),
    ("From 1–3 March 2025.", "From March first to third, twenty twenty-five."),
    ("On Tue 3 Dec, we ship.", "On Tuesday December third, we ship."),
])  # fmt: skip
def test_twelfth_round_times_scores_postcodes_currencies_and_dates(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # an arrow as a line's bullet (was "to Next")
    ("→ Next, open the app.", "Next, open the app."),
    ("➡️ Tap \"Continue\".", "Tap \"Continue\"."),
    ("Tokyo → Osaka", "Tokyo to Osaka"),  # as before
    # a line that ends in an emoji still ends its sentence (was "Buy groceries two. Clean house")
    ("1. Buy groceries ✅\n2. Clean house ❌", "one. Buy groceries. two. Clean house"),
    ("Step one done 🎉\nStep two pending", "Step one done. Step two pending"),
    # a footnote's mark in superscript (was "to the power of one", "below. one")
    ("Note¹: prices may vary.", "Note: prices may vary."),
    ("See footnote 1 below.¹", "See footnote one below."),
    ("As reported,² the rate rose.", "As reported, the rate rose."),
    ("x¹ = x", "x to the power of one equals x"),  # as before
    ("(x+1)² = 4", "(x plus one) squared equals four"),  # as before
    ("E = mc²", "E equals mc squared"),  # as before
    # 【1】 citations (was "【 four †source】")
    ("This is well documented【4†source】.", "This is well documented."),
    ("※ Prices exclude tax.", "Prices exclude tax."),
])  # fmt: skip
def test_thirteenth_round_bullets_emoji_at_a_lines_end_and_footnote_marks(
    text: str, spoken: str
) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # a range before an inch mark (was "thirty-eight, forty inches")
    ('Size M fits chest 38–40".', "Size M fits chest thirty-eight to forty inches."),
    ('Expect 1-2" of rain through Thursday.', "Expect one to two inches of rain through Thursday."),
    ('Snow totals of 6 – 12" expected.', "Snow totals of six to twelve inches expected."),
    ('between 2-3" thick', "between two and three inches thick"),
    # a dose's limit per a count of hours (was "one thousand two hundred mg twenty-four hours")
    ("Max 1,200mg/24h.", "Max one thousand two hundred milligrams per twenty-four hours."),
    ("No more than 4 g/24 hours.", "No more than four grams per twenty-four hours."),
    ("Up to 3 L/24 hr.", "Up to three liters per twenty-four hours."),
    # a hyphenated unit before a capitalised noun is singular too (was "ten years Treasury")
    ("The 10-yr Treasury yield rose.", "The ten year Treasury yield rose."),
    ("a 30-min call", "a thirty minute call"),  # as before
    # a road's direction letter (was "nine watts")
    ("Turn left onto Rt. 9W.", "Turn left onto Route nine W."),
    ("Take US 9W north.", "Take US nine W north."),
    # a quotient after a bracket (the slash was dropped: "n(n plus one) two")
    ("The sum is n(n+1)/2.", "The sum is n(n plus one) over two."),
    ("(a + b)/2", "(a plus b) over two"),
    ("f(x)/g(x) and (a+b)/c", "f(x) over g(x) and (a plus b) over c"),
])  # fmt: skip
def test_fourteenth_round_ranges_in_inches_rates_per_hours_roads_and_quotients(
    text: str, spoken: str
) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # percentage points (was "pp")
    ("The gap widened by 1 pp.", "The gap widened by one percentage point."),
    ("Margins were 2.5pp higher.", "Margins were two point five percentage points higher."),
    ("a 300 pp book", "a three hundred pp book"),  # as before: pages, with no sign of a change
    # a sign after a word that says which way is not read (was "up plus", "fell minus")
    ("The stock is up +3.2% today.", "The stock is up three point two percent today."),
    ("Shares fell -4% on Monday.", "Shares fell four percent on Monday."),
    ("The index slipped −0.5 pp.", "The index slipped zero point five percentage points."),
    ("Support rose +2 pp to 48%.", "Support rose two percentage points to forty-eight percent."),
    ("It's down −$1.20 at $48.", "It's down one dollar and twenty cents at forty-eight dollars."),
    ("It changed +3.2% today.", "It changed plus three point two percent today."),  # as before
    ("The low dropped to -5°C.", "The low dropped to minus five degrees Celsius."),  # as before
    ("It dropped -5°C overnight.", "It dropped minus five degrees Celsius overnight."),  # as before
])  # fmt: skip
def test_fourteenth_round_percentage_points_and_a_sign_after_up_or_down(
    text: str, spoken: str
) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # avg., appt., est. (were read as written)
    ("The avg. wait is 12 min.", "The average wait is twelve minutes."),
    ("Reminder: dentist appt. tomorrow @ 9.", "Reminder: dentist appointment tomorrow at nine."),
    ("Book an appt.", "Book an appointment."),
    ("Est. delivery: Thu, 6/13.", "Estimated delivery: Thursday, June thirteenth."),
    ("The population is 8.3 million (2023 est.).",
     "The population is eight point three million (twenty twenty-three estimated)."),
    ("Est. 1998", "Established nineteen ninety-eight"),  # as before
    ("3 p.m. EST.", "three P M EST."),  # as before
    # a weekday's short name after on, by, until, closed, every ... (was read as written)
    ("It shipped on Mon, and arrives by Fri.", "It shipped on Monday, and arrives by Friday."),
    ("Open daily (closed Mon).", "Open daily (closed Monday)."),
    ("We meet every Tue at the office.", "We meet every Tuesday at the office."),
    ("The sun sets early; Sun is a star.", "The sun sets early; Sun is a star."),  # as before
    ("She sat on Sat.", "She sat on Saturday."),  # as before
])  # fmt: skip
def test_fourteenth_round_avg_appt_est_and_a_weekday_after_on_or_by(
    text: str, spoken: str
) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # a chain of small numbers is no range (was "three to two to one")
    ("Use the 3-2-1 rule for backups.", "Use the three two one rule for backups."),
    ("The 4-7-8 breathing technique helps.", "The four seven eight breathing technique helps."),
    ("They play a 4-3-3 formation.", "They play a four three three formation."),
    ("Dial 9-1-1 now.", "Dial nine one one now."),
    ("Serves 4-6 people.", "Serves four to six people."),  # as before
    ("Call 1-800-555-0123.", "Call one, eight zero zero, five five five, zero one two three."),  # as before
    # pp after an amount of money is per person (was "pp")
    ("Dinner is €45 pp including wine.", "Dinner is forty-five euros per person including wine."),
    ("Prices range from £8 to £12pp.", "Prices range from eight to twelve pounds per person."),  # round 33
    # a weekday's short name before "at" and a time (was "Sun.")
    ("Kickoff is Sun. at 4:25 p.m. ET.", "Kickoff is Sunday at four twenty-five P M ET."),
    ("See you Sun at 10am!", "See you Sunday at ten A M!"),
    ("Sun., Dec 8 works.", "Sunday, December eighth works."),  # was "Sun., December eighth"
    # a size's width, depth and height after inch marks (was 'inches W x', 'twenty "W')
    ('Dimensions: 15.6" W x 10.2" D x 0.7" H.',
     "Dimensions: fifteen point six inches wide by ten point two inches deep by zero point seven inches high."),
    ('It measures 20"W x 16"H.', "It measures twenty inches wide by sixteen inches high."),
])  # fmt: skip
def test_fourteenth_round_number_chains_per_person_sunday_at_and_sizes_by_side(
    text: str, spoken: str
) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # a range of times on the 24-hour clock is read on it at both ends (was "nine o'clock to
    # twenty-one hundred")
    ("Open 9:00–21:00 daily.", "Open nine to twenty-one hundred daily."),
    ("Hours: 09:00-17:00.", "Hours: oh nine hundred to seventeen hundred."),
    ("Last entry 21:00–9:00.", "Last entry twenty-one hundred to nine."),
    ("Open 9:00–12:00.", "Open nine o'clock to twelve o'clock."),  # as before
    # a time before a colon (was "thirteen to zero zero:")
    ("- 11:00–13:00: Walk up to the castle.",
     "eleven hundred to thirteen hundred: Walk up to the castle."),
    ("Meet at 9:30: bring water.", "Meet at nine thirty: bring water."),
    # a forecast's high and low after a weekday or with degrees (was "seventy-two slash fifty-eight")
    ("Forecast: Mon 72/58, Tue 75/60.",
     "Forecast: Monday, high seventy-two, low fifty-eight, Tuesday, high seventy-five, low sixty."),
    ("Fri 27°C/18°C", "Friday, high twenty-seven degrees Celsius, low eighteen degrees Celsius"),
    ("Thu -2/-9°C", "Thursday, high minus two degrees Celsius, low minus nine degrees Celsius"),
    ("Today 27°/18°.", "Today high twenty-seven degrees, low eighteen degrees."),
    ("Mon 12/10 at noon", "Monday December tenth at noon"),  # a date, as before
    ("It was 27°C/81°F.", "It was twenty-seven degrees Celsius or eighty-one degrees Fahrenheit."),
    # a weekday before 3/4 makes it a date (was "Tuesday three quarters")
    ("Tue 3/4 works.", "Tuesday March fourth works."),
    # a weekday's short name before a day of a range of weekdays (was "Fri fourteen, Sunday")
    ("Fri 14–Sun 16 June", "Friday the fourteenth to Sunday June sixteenth"),
])  # fmt: skip
def test_fifteenth_round_clock_ranges_forecasts_and_weekdays_before_a_day(
    text: str, spoken: str
) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # an exchange rate's second amount is a rate (was "ninety-two cents", "one euro and nineteen cents")
    ("1 USD = 0.92 EUR", "one dollar equals zero point nine two euros"),
    ("1 GBP = 1.19 EUR today.", "one pound equals one point one nine euros today."),
    ("£1 = $1.27", "one pound equals one point two seven dollars"),
    ("$1 = ¥149.50", "one dollar equals one hundred forty-nine point five yen"),  # as before
    ("Total = $12.50", "Total equals twelve dollars and fifty cents"),  # as before
    # a pair of currencies and its rate (was "EUR one point zero eight seven five dollars")
    ("EUR/USD 1.0875, USD/JPY 148.6",
     "euro dollar one point zero eight seven five, dollar yen one hundred forty-eight point six"),
    # ≈ after an amount of money relates two values (was "euros about")
    ("So €355 ≈ $383.",
     "So three hundred fifty-five euros is approximately three hundred eighty-three dollars."),
    # a range's second sign after a word that says which way (was "down minus two to minus three")
    ("Shares are down -2 to -3% today.", "Shares are down two to three percent today."),
    ("Yields rose +5 to +10 bps.", "Yields rose five to ten basis points."),
    ("It changed -2 to -3%.", "It changed minus two to minus three percent."),  # as before
    # pp after a range of money is per person (was "pp")
    ("Dinner: ~€25–35 pp.", "Dinner: about twenty-five to thirty-five euros per person."),
    # a price per barrel (was "cents bbl")
    ("Brent: $70.58/bbl", "Brent: seventy dollars and fifty-eight cents per barrel"),
    # a promotion's code of words is said (was "S A V E two zero")
    ("Use code SAVE20 at checkout.", "Use code save twenty at checkout."),
    ("Promo code FREESHIPPING25 works.", "Promo code free shipping twenty-five works."),
    ("Voucher code SPRING2025 expires.", "Voucher code spring twenty twenty-five expires."),
    ("Your code is SAVE3X9.", "Your code is S A V E three X nine."),  # spelled, as before
])  # fmt: skip
def test_fifteenth_round_exchange_rates_changes_per_person_and_promo_codes(
    text: str, spoken: str
) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # games back in standings (was "nine point five gigabytes", "two point five games back")
    ("2. Nuggets 48-25, 9.5 GB", "two. Nuggets forty-eight to twenty-five, nine and a half games back"),
    ("3. Lakers 45-27, 12 GB", "three. Lakers forty-five to twenty-seven, twelve games back"),
    ("The Yankees are 2.5 games back.", "The Yankees are two and a half games back."),
    ("The download is 3.5 GB.", "The download is three point five gigabytes."),  # as before
    # a TV listing's Eastern and Central times (was "nine eight c")
    ("Watch it Sunday at 9/8c on HBO.", "Watch it Sunday at nine, eight Central on HBO."),
    # a tennis tiebreak, with the points of both (was "seven to six (five)")
    ("Sinner won 7-6(5), 6-7(3), 6-2.",
     "Sinner won seven to six (tiebreak seven to five), six to seven (tiebreak three to seven), six to two."),
    ("She took it 7-6(10).", "She took it seven to six (tiebreak twelve to ten)."),
    # a car's fuel economy, city and highway (was "thirty-two slash forty-one")
    ("It gets 32/41 mpg city/highway.", "It gets thirty-two city, forty-one highway miles per gallon."),
    ("Rated 28/36/31 mpg.", "Rated twenty-eight city, thirty-six highway, thirty-one combined miles per gallon."),
    # a count of things of one weight or volume (was "one times twenty-three kilograms")
    ("Baggage: 1 x 23 kg.", "Baggage: one by twenty-three kilograms."),
    ("Take 2 x 500 mg tablets.", "Take two five hundred milligram tablets."),
    ("Buy 3 x 400g cans of tomatoes.", "Buy three four hundred gram cans of tomatoes."),
    ("A 3 x 4 grid.", "A three by four grid."),  # a grid's size (round 20; was "times")
    # a company's suffix before a word that goes on with its name (was "Corporation. HQ")
    ("Acme Corp. HQ is in Austin.", "Acme Corporation HQ is in Austin."),
    ("Globex Inc. CEO Jane Doe resigned.", "Globex Incorporated CEO Jane Doe resigned."),
    ("I work at Initech Co. The pay is good.", "I work at Initech Company. The pay is good."),  # as before
    # est. before a year, and after a word that beats or misses estimates (was "estimated")
    ("Pastéis de Belém (est. 1837) is busy.", "Pastéis de Belém (established eighteen thirty-seven) is busy."),
    ("NVDA beat est. of $38.1B.", "NVDA beat estimates of thirty-eight point one billion dollars."),
    ("The est. cost is high.", "The estimated cost is high."),  # as before
    # a course's length in days after a dose (was "x seven d")
    ("Amoxicillin 500 mg PO TID x 7d.",
     "Amoxicillin five hundred milligrams by mouth three times a day for seven days."),
    # Tbsp, doz, a quarterback's TD and INT (were read as written)
    ("Add 1 Tbsp sugar and 1 doz eggs.", "Add one tablespoon sugar and one dozen eggs."),
    ("He threw 3 TD, 1 INT.", "He threw three touchdowns, one interception."),
])  # fmt: skip
def test_fifteenth_round_standings_listings_tiebreaks_counts_and_companies(
    text: str, spoken: str
) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # inline code is read as said (was "ls -la tmp": the option as written, the slash dropped)
    ("Run `ls -la /tmp` first.", "Run ls dash la slash tmp first."),
    ("Call `os.path.join()` on `user.name`.", "Call os dot path dot join on user dot name."),
    ("Use `git commit -m \"fix\"`.", "Use git commit dash m \"fix\"."),
    ("Open port `8080` for `10.0.0.0/8`.",
     "Open port eighty eighty for ten dot zero dot zero dot zero slash eight."),  # values as in prose
    # a regular expression by what its parts mean (was "to the power of d three - d four")
    ("match `^\\d{3}-\\d{4}$` here", "match start, digit three times, dash, digit four times, end here"),
    ("Use `[a-z]+` or `\\w{2,}`.", "Use one of a to z one or more or word character two or more times."),
    # a long one is named, not read (was forty words of symbols)
    ("The regex `^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}$` validates emails.",
     "The regex validates emails."),
    ("Try `^(?:[a-z0-9!#$%&'*+/=?^_{|}~-]+(?:\\.[a-z0-9!#$%&'*+/=?^_{|}~-]+)*)$` now.",
     "Try a regular expression now."),
    # a placeholder in angle brackets is its words (was dropped as an HTML tag, or "less than")
    ("kill -9 <PID>", "kill dash nine PID"),
    ("Replace <your-name> and <container_id>.", "Replace your name and container id."),
    ("ssh <user>@<host>", "ssh user at host"),
    ("It is <b>bold</b>.", "It is bold."),  # an HTML tag still goes
    # a command's short options (was "minus nine", "-la", "-n")
    ("Then ls -la and tail -n 50 app.log.", "Then ls dash la and tail dash n fifty app dot log."),
    ("It was -5 today.", "It was minus five today."),  # as before
    # codes of letters and digits (were "K B five million ...", a range)
    ("Install KB5034441 now.", "Install K B five zero three four four four one now."),
    ("CVE-2024-3094 is serious.", "C V E twenty twenty-four, three zero nine four is serious."),
    ("AB12-34 is out of stock.", "A B one two, three four is out of stock."),
    ("FY23-25 plans", "FY twenty-three to twenty-five plans"),  # a range, as before
    # a network and its prefix (the slash was dropped)
    ("Block 1.1.1.1/24 and 10.0.0.0/8.",
     "Block one dot one dot one dot one slash twenty-four and ten dot zero dot zero dot zero slash eight."),
    # hours before a noun: singular (was "a twenty-four hours pass")
    ("Buy a 24h pass for the 48h window.", "Buy a twenty-four hour pass for the forty-eight hour window."),
    ("Open 24h a day, back in 72h.", "Open twenty-four hours a day, back in seventy-two hours."),
    ("Meet at 14h30.", "Meet at fourteen thirty."),  # as before
    # a football match's minutes (were feet)
    ("Salah scored in the 23'.", "Salah scored in the twenty-third minute."),  # round 31: as said
    ("Salah 23', 67'", "Salah minute twenty-three, minute sixty-seven"),
    ("Goals: Messi 45+1', Suarez 90+3'.", "Goals: Messi minute forty-five plus one, Suarez minute ninety plus three."),
    ("(Kane 78')", "(Kane minute seventy-eight)"),
    ("He is 5'11\" and the room is 12' x 15'.",
     "He is five feet eleven inches and the room is twelve feet by fifteen feet."),  # as before
    ("A 6' ladder, a 10' ceiling.", "A six foot ladder, a ten foot ceiling."),  # as before
])  # fmt: skip
def test_sixteenth_round_code_placeholders_codes_networks_hours_and_match_minutes(
    text: str, spoken: str
) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # a name joined to a chain of numbers is no range (was "three to seventy B")
    ("Llama-3-70B and Llama-3.1-8B", "Llama three seventy B and Llama three point one eight B"),
    ("pages 5-10", "pages five to ten"),  # as before
    # words written as a count of their letters (was "k eight s", "i eighteen n")
    ("Deploy on k8s with i18n and a11y; e2e tests.",
     "Deploy on Kubernetes with internationalization and accessibility; end to end tests."),
    # keys held together (were "Ctrl", "Del")
    ("Press Ctrl+C, Ctrl+Alt+Del or Cmd+Shift+4.",
     "Press Control plus C, Control plus Alt plus Delete or Command plus Shift plus four."),
    ("2+2=4 in C++", "two plus two equals four in C plus plus"),  # as before
    # a path from the root or home (the first slash, and ~/, were dropped)
    ("cd /usr/local/bin or ~/Downloads", "cd slash usr slash local slash bin or tilde slash Downloads"),
    ("Type /imagine here.", "Type slash imagine here."),
    # w/o and b/c (were "w slash o", "b slash c")
    ("Tea w/o sugar b/c I like it; a/b/c.", "Tea without sugar because I like it; a slash b slash c."),
    # a rating in stars (the stars were dropped)
    ("Rated 4.5★, a 5★ hotel: ★★★★☆", "Rated four point five stars, a five star hotel: four out of five stars"),
])  # fmt: skip
def test_sixteenth_round_model_chains_numeronyms_shortcuts_paths_and_stars(
    text: str, spoken: str
) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # a standard's number, part and year (were a cardinal and a range, or a ratio)
    ("The page is encoded in ISO-8859-1.", "The page is encoded in ISO eighty-eight fifty-nine dash one."),
    ("We are ISO 9001:2015 certified.", "We are ISO ninety oh one, twenty fifteen certified."),
    ("ISO/IEC 27001:2022 compliance", "ISO IEC twenty-seven thousand one, twenty twenty-two compliance"),
    ("Dates follow ISO-8601; see RFC-7231.", "Dates follow ISO eighty-six oh one; see RFC seventy-two thirty-one."),
    ("IEC 61131-3 and IEEE 754-2008",
     "IEC sixty-one thousand one hundred thirty-one dash three and IEEE seven fifty-four dash two thousand eight"),
    ("ISO 100 film and IEEE 802.11ax", "ISO one hundred film and IEEE eight oh two point eleven A X"),  # as before
    # hours as Europe writes them (were "nine hours, seventeen hours")
    ("Open 9h-17h.", "Open nine to seventeen hundred."),  # round 31: as 9:00-17:00 is
    ("Open 8h30–17h, Sat 9h-12h and 14h-18h.",
     "Open eight thirty to seventeen hundred, Saturday nine to twelve hundred and fourteen hundred to eighteen hundred."),
    ("Doors close at 17h.", "Doors close at seventeen hundred."),
    ("The battery lasts 10h-14h.", "The battery lasts ten to fourteen hours."),
    ("a 2h-3h hike", "a two to three hour hike"),
    ("a 14h flight", "a fourteen hour flight"),  # as before
    # feet marks in a size (were "fifteen '", "x", "fifteen feet room")
    ("It is 12'x15'.", "It is twelve feet by fifteen feet."),
    ("The deck is 12'6\" x 15'.", "The deck is twelve feet six inches by fifteen feet."),
    ("a 12' x 15' room", "a twelve foot by fifteen foot room"),
    ("the 3 m x 4 m x 2 m box", "the three meter by four meter by two meter box"),
    ("The room is 12 ft x 15 ft.", "The room is twelve feet by fifteen feet."),  # as before
    # a match's minute after a name, where stoppage time says it is a match's (was feet)
    ("Ronaldo 88', Benzema 90+3'", "Ronaldo minute eighty-eight, Benzema minute ninety plus three"),
    ("Kitchen 12', Bedroom 10'", "Kitchen twelve feet, Bedroom ten feet"),  # as before
    # a whole number and a fraction joined by a hyphen (was "one to one half cups")
    ("Use 1-1/2 cups flour and 2-3/4 tsp salt.",
     "Use one and one half cups flour and two and three quarters teaspoons salt."),
    ("pages 5-10", "pages five to ten"),  # as before
])  # fmt: skip
def test_seventeenth_round_standards_european_hours_feet_sizes_and_mixed_numbers(
    text: str, spoken: str
) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # a year before 1100, in pairs (were "one thousand sixty-six", "four hundred seventy-six")
    ("In 1066, the Normans invaded.", "In ten sixty-six, the Normans invaded."),
    ("Rome fell in 476 AD; Vesuvius erupted in AD 79.",
     "Rome fell in four seventy-six AD; Vesuvius erupted in AD seventy-nine."),
    ("from 800 to 1000 AD, in 1005", "from eight hundred to one thousand AD, in one thousand five"),
    ("In 1024 steps, set it to 1050.", "In one thousand twenty-four steps, set it to one thousand fifty."),  # as before
    # a package's version after its at sign or a bound (were "one eight dot ...", "one point two four")
    ("npm install react@18.2.0", "npm install react at eighteen dot two dot zero"),
    ("Email jo@mail.org", "Email jo at mail dot org"),  # as before
    ("pip install numpy>=1.24", "pip install numpy at least one point twenty-four"),
    ("Use Python >= 3.10.", "Use Python at least three point ten."),
    ("x >= 1.25", "x at least one point two five"),  # as before
    # a version's pre-release (was "rc point two", "beta point one")
    ("Version 1.0.0-rc.2 and 2.0.0-beta.1", "Version one dot zero dot zero R C two and two dot zero dot zero beta one"),
    # a table's cell of a check or a cross alone (were dropped)
    ("| Feature | Free | Pro |\n|---|---|---|\n| API access | ❌ | ✅ |\n| SSO | ✗ | ✓ |",
     "Feature, Free, Pro. API access, no, yes. SSO, no, yes"),
    ("Yes ✅ No ❌", "Yes No"),  # as before
    # a room's, suite's or flight's number, in pairs (were "one hundred one", "three hundred seventy")
    ("Meet in Room 101; Flight 370 departs from Gate 012.",
     "Meet in Room one oh one; Flight three seventy departs from Gate zero one two."),
    ("Rm. 204, Ste. 300, Room 5", "room two oh four, suite three hundred, Room five"),
])  # fmt: skip
def test_seventeenth_round_early_years_package_versions_table_marks_and_rooms(
    text: str, spoken: str
) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # a latitude or longitude (were "degrees N", and minutes and seconds feet and inches)
    ("It's at 51.5074°N, 0.1278° W.",
     "It's at fifty-one point five zero seven four degrees north, zero point one two seven eight degrees west."),
    ("40°42'46\"N 74°00'22\"W",
     "forty degrees forty-two minutes forty-six seconds north seventy-four degrees zero minutes twenty-two seconds west"),
    ("Turn 90° left; heat to 40°C.", "Turn ninety degrees left; heat to forty degrees Celsius."),  # as before
    # a range of multiples (was "three x minus five times")
    ("It's 3x-5x faster, a 2x–4x speedup.", "It's three to five times faster, a two to four times speedup."),
    ("Simplify 2x-3x = -x.", "Simplify two x minus three x equals minus x."),  # as before
    # requests per second (was "req slash s")
    ("It handles 500 req/s.", "It handles five hundred requests per second."),
    # a.k.a. (was read as written)
    ("Bob a.k.a. Robert, Sean Combs (aka Diddy)", "Bob also known as Robert, Sean Combs (also known as Diddy)"),
])  # fmt: skip
def test_seventeenth_round_coordinates_multiples_requests_and_aka(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # a time taken after a distance (was "two oh five and thirty seconds")
    ("He ran 26.2 miles in 2:05:30.", "He ran twenty-six point two miles in two hours, five minutes and thirty seconds."),
    # a runner's pace (was "four forty-five km")
    ("Pace: 4:45/km, then 5:00/mi.", "Pace: four forty-five per kilometer, then five minutes per mile."),
    # the minus sign between terms (was dropped: "three x five", "a b"; "nminus one")
    ("f(x) = 2x² + 3x − 5", "f(x) equals two x squared plus three x minus five"),
    ("a − b and n−1", "a minus b and n minus one"),
    ("It fell −2% today.", "It fell two percent today."),  # as before
    ("温度 −5 度", "温度负五度"),  # as before
    # signs of sets, logic and calculus (were dropped)
    ("x ∈ ℝ, A ∩ B, A ∪ B; ∀x ∃y", "x in R, A intersect B, A union B; for all x there exists y"),
    ("集合 A ∩ B 和 x ∈ A", "集合 A 交 B 和 x 属于 A"),
    # a factorial before an operator or "is" (was "ten!")
    ("10! = 3,628,800 and 5! is 120.",
     "ten factorial equals three million six hundred twenty-eight thousand eight hundred and five factorial is one hundred twenty."),
    ("(n−1)! = 24", "(n minus one) factorial equals twenty-four"),
    ("I won 5! Yay", "I won five! Yay"),  # as before
])  # fmt: skip
def test_seventeenth_round_race_times_paces_minus_signs_set_signs_and_factorials(
    text: str, spoken: str
) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # a month's short name before a year's last two digits (was "Jan twenty-five")
    ("Jan '25 and Sept. '24", "January twenty-five and September twenty-four"),
    # the year first with dots (was "two thousand twenty-five dot zero three dot fifteen")
    ("Date: 2025.03.15", "Date: March fifteenth, twenty twenty-five"),
    # no date (a version's year part in pairs since round 23: was "two thousand twenty-four")
    ("IntelliJ 2024.1.2", "IntelliJ twenty twenty-four dot one dot two"),
    # a year to this day (was "twenty twenty, present")
    ("Engineer, Acme (2019 - Present); 2020–now",
     "Engineer, Acme (twenty nineteen to Present); twenty twenty to now"),
])  # fmt: skip
def test_seventeenth_round_short_years_dotted_dates_and_years_to_present(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # a version or a placeholder between a path's slashes (the slash after v1 was dropped)
    ("The endpoint is GET /api/v1/users/{id}.",
     "The endpoint is GET slash api slash version one slash users slash id."),
    ("POST api/v2/orders/{order_id}/items", "POST api slash version two slash orders slash order id slash items"),
    ("Read example.com/docs/v2", "Read example dot com slash docs slash v two"),  # as before
])  # fmt: skip
def test_seventeenth_round_api_paths(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # memory's generation and speed (was spelled: "D D R five, six zero zero zero")
    ("DDR5-6000 RAM and LPDDR5X-8533", "DDR five six thousand RAM and LPDDR five X eighty-five thirty-three"),
    # a mixture of experts' size (was "eight times seven B")
    ("Mixtral 8x7B and 8x22B, 0x1B", "Mixtral eight by seven B and eight by twenty-two B, hex one B"),
])  # fmt: skip
def test_seventeenth_round_memory_speeds_and_mixtures_of_experts(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # a chain of arrows between numbered steps (was "Step one to Step two to Step three")
    ("Step 1 → Step 2 → Step 3", "Step one, then Step two, then Step three"),
    ("Tokyo → Osaka", "Tokyo to Osaka"),  # as before
])  # fmt: skip
def test_seventeenth_round_a_chain_of_numbered_steps(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


def test_a_regular_expression_in_code_is_read_in_a_bounded_number_of_words() -> None:
    from voice_server.text.inline_code import MAX_REGEX_WORDS, read_regex

    assert read_regex(r"^\d{3}-\d{4}$") == "start, digit 3 times, dash, digit 4 times, end"
    assert read_regex("[^0-9]+") == "none of zero to nine one or more"
    assert read_regex(r"(?:\d+\.){3}\d+" * 5) is None
    spoken = normalize_text("`" + r"[a-z]\d" * 50 + "`")
    assert len(spoken.split()) <= MAX_REGEX_WORDS


@pytest.mark.parametrize(("text", "spoken"), [
    # a lone minute after a scorer's name, and in brackets (were feet)
    ("Salah 23'", "Salah minute twenty-three"),
    ("Salah 23' and Núñez 67'.", "Salah minute twenty-three and Núñez minute sixty-seven."),
    ("Salah (23')", "Salah (minute twenty-three)"),
    # a minute mark before "minute" (was "the twenty-three foot minute")
    ("Salah scored in the 23' minute.", "Salah scored in the twenty-third minute."),
    # feet as before: after what is measured, before what feet describe, in a size
    ("Kitchen 12', Bedroom 10'", "Kitchen twelve feet, Bedroom ten feet"),
    ("Ceiling height 8'", "Ceiling height eight feet"),
    ("He is 6' tall.", "He is six feet tall."),
    ("Tom 6' tall", "Tom six feet tall"),
    ("a 12' x 15' room", "a twelve foot by fifteen foot room"),
    # a range and its unit before a noun (were "hours hike", "minutes read")
    ("a 4-6h hike", "a four to six hour hike"),
    ("It takes 4-6h.", "It takes four to six hours."),
    ("a 2-3 min read, the 10–15 min drive", "a two to three minute read, the ten to fifteen minute drive"),
    ("a 3-5 yr plan", "a three to five year plan"),
    ("the 2-3 hours of sleep", "the two to three hours of sleep"),  # as before
    # a unit after thousands or millions (was "req slash s", "ops slash sec", "rpm")
    ("We handle 1.2k req/s at peak.", "We handle one point two thousand requests per second at peak."),
    ("3.2k tok/s, 1M ops/sec, 500 req/sec", "three point two thousand tokens per second, one million "
                                            "operations per second, five hundred requests per second"),
    ("5k rpm", "five thousand R P M"),
    ("a 2Mbps link, 50k users, a 5K run", "a two megabit per second link, fifty thousand users, a five K run"),
])  # fmt: skip
def test_eighteenth_round_match_minutes_ranges_before_a_noun_and_scaled_units(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # a Boeing's number without the name (were "seven hundred thirty-seven MAX eight", "seven
    # hundred eighty-seven to nine", "seven hundred seventy-seven X")
    ("The 737 MAX 8 was grounded.", "The seven thirty-seven MAX eight was grounded."),
    ("a 787-9, a 777X and the 777-300ER", "a seven eighty-seven nine, a seven seventy-seven X and the "
                                          "seven seventy-seven three hundred ER"),
    ("pages 737-800, pp. 787-9", "pages seven hundred thirty-seven to eight hundred, pages seven "
                                 "hundred eighty-seven to nine"),  # as before: ranges
    # a model's version joined to its name, then its size (was "two point five to seventy-two B")
    ("Qwen2.5-72B", "Qwen two point five seventy-two B"),
    ("Phi3-14B", "Phi three fourteen B"),
    ("raised 5-10M", "raised five to ten million"),  # as before
    # a range of ordinals (was "first, second")
    ("1st-2nd grade, the 3rd–5th centuries", "first to second grade, the third to fifth centuries"),
    ("1st–3rd March", "March first to third"),  # as before
    # around the clock every day of the year (was "three hundred sixty-five")
    ("We offer support 24/7/365.", "We offer support twenty-four seven three sixty-five."),
    ("24/7", "twenty-four seven"),  # as before
])  # fmt: skip
def test_eighteenth_round_airliners_model_sizes_ordinal_ranges_and_every_day(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # a meeting of two (was "one to one meetings", "one to one s")
    ("Schedule 1:1 meetings; weekly 1:1s; a 1:1 with my manager",
     "Schedule one-on-one meetings; weekly one-on-ones; a one-on-one with my manager"),
    ("Mix 1:1 with water, a 1:1 ratio", "Mix one to one with water, a one to one ratio"),  # as before
    # a resolution and its frame rate (was "one thousand eighty p sixty")
    ("1080p60 or 1440p144", "ten eighty p sixty or fourteen forty p one hundred forty-four"),
    # "an" before a big O (was "an big O of")
    ("an O(n²) algorithm", "a big O of n squared algorithm"),
    # an HTTP status before its reason or "error" (were "four hundred four", "five hundred two",
    # "five xx")
    ("a 404 error, 502 Bad Gateway, a 500 error", "a four oh four error, five oh two Bad Gateway, a "
                                                  "five hundred error"),
    ("retry on 5xx and 4XX", "retry on five X X and four X X"),
    ("page 404 of the book", "page four hundred four of the book"),  # as before
    # a file's mode (was "seven hundred fifty-five")
    ("chmod 755 deploy", "chmod seven five five deploy"),
    ("chmod -R 644 dir", "chmod dash R six four four dir"),
    # thousands joined to a noun (was "two hundred K-token")
    ("a 200K-token context, a 1M-parameter model", "a two hundred thousand token context, a one million "
                                                   "parameter model"),
    ("a 4K-capable TV", "a four K-capable TV"),  # as before
    # a unit to the power of minus one (was "moles to the power of minus one")
    ("6.022 × 10²³ mol⁻¹", "six point zero two two times ten to the power of twenty-three per mole"),
    ("a rate of 0.5 s⁻¹, -285.8 kJ mol⁻¹", "a rate of zero point five per second, minus two hundred "
                                           "eighty-five point eight kilojoules per mole"),
    ("x⁻¹", "x to the power of minus one"),  # as before
])  # fmt: skip
def test_eighteenth_round_meetings_frame_rates_statuses_modes_and_units_per(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # a product's length in feet after its name (was "minute twenty-two"); a scorer's stays
    ("Little Giant 22'", "Little Giant twenty-two feet"),
    ("The Little Giant 22' reaches the gutter.", "The Little Giant twenty-two feet reaches the gutter."),
    ("Salah 23'", "Salah minute twenty-three"),  # as before
    ("Mohamed Salah 23', 67'", "Mohamed Salah minute twenty-three, minute sixty-seven"),  # as before
    # an HTTP status's plural (was "four hundred four errors"); a round count stays a count
    ("We saw 404 errors and 503 responses.", "We saw four oh four errors and five oh three responses."),
    ("500 errors in the data", "five hundred errors in the data"),  # as before
    # a range of money after "a" describes the noun (was "five to ten dollars fee")
    ("a $5-10 fee", "a five to ten dollar fee"),
    ("a $5-10k budget", "a five to ten thousand dollar budget"),
    ("It costs $5-10.", "It costs five to ten dollars."),  # as before
    # basis points (was "fifty bp"); base pairs of DNA are left
    ("The Fed cut by 50bp; spreads widened 25 bps.", "The Fed cut by fifty basis points; spreads widened "
                                                    "twenty-five basis points."),
    ("a 25bp hike, up 1 bp", "a twenty-five basis point hike, up one basis point"),
    ("a 500 bp fragment of DNA", "a five hundred bp fragment of DNA"),
    # sets and reps (was "three times ten reps")
    ("Do 3x10 reps, then 4 x 8-12 reps.", "Do three sets of ten reps, then four sets of eight to twelve reps."),
    ("5x5", "five times five"),  # as before
    # a USB link's lanes (was "two times two")
    ("USB 3.2 Gen 2x2", "USB three point two Gen two by two"),
    # a port and its protocol (was "four hundred forty-three tcp"), a mapping with one
    ("Open 443/tcp and 53/udp.", "Open four forty-three slash T C P and fifty-three slash U D P."),
    ("8080:80/udp", "eighty eighty colon eighty slash U D P"),
    # milliamp hours after thousands (as before)
    ("10k mAh or 10,000 mAh", "ten thousand milliamp hours or ten thousand milliamp hours"),
    ("a 10,000 mAh battery", "a ten thousand milliamp hour battery"),
    # joules after a number (was "J")
    ("8.314 J", "eight point three one four joules"),
    ("R = 8.314 J/(mol·K), a 5 J pulse", "R equals eight point three one four joules per mole kelvin, a "
                                         "five joule pulse"),
    ("seat 23 J, in 1997 J. K. Rowling", "seat twenty-three J, in nineteen ninety-seven J. K. Rowling"),
    # Windows by its short name (was "Win eleven")
    ("Upgrade from Win10 to Win11.", "Upgrade from Windows ten to Windows eleven."),
    # a model's size in millions after its name (was "SmolLM- one hundred thirty-five million"),
    # and an instruction-tuned model's name (as Llama-3-8B-Instruct)
    ("SmolLM-135M", "SmolLM one hundred thirty-five M"),
    ("SmolLM2-360M-Instruct", "SmolLM two three hundred sixty M-Instruct"),
    ("Qwen2.5-72B-Instruct", "Qwen two point five seventy-two B-Instruct"),
    ("raised 5-10M", "raised five to ten million"),  # as before
])  # fmt: skip
def test_nineteenth_round_products_statuses_basis_points_reps_ports_joules_and_models(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # a range of amounts, each with its unit (was "two gigabytes, four gigabytes")
    ("Use 2GB–4GB of RAM.", "Use two to four gigabytes of RAM."),
    ("Lambda supports 128MB-10GB of memory.", "Lambda supports one hundred twenty-eight megabytes to ten "
                                              "gigabytes of memory."),
    ("Each bag weighs 10kg–15kg.", "Each bag weighs ten to fifteen kilograms."),
    ("Weighs 5 kg, 10 kg loaded.", "Weighs five kilograms, ten kilograms loaded."),  # as before
    # a spreadsheet's range of cells (was "A one:A ten")
    ("Use =SUM(A1:A10) here.", "Use equals SUM(A one to A ten) here."),
    ("Select B2:D10 first.", "Select B two to D ten first."),
    ("Lock it with $A$1:$B$5.", "Lock it with A one to B five."),
    ("John 3:16", "John three sixteen"),  # as before
    # an index in inline code (was "arri", or dropped as a citation) and SQL's star (was dropped)
    ("Try `matrix[i][j] = 0`.", "Try matrix i j equals zero."),
    ("Use `arr[0]` for the first element.", "Use arr zero for the first element."),
    ("Run `SELECT * FROM orders;`", "Run SELECT star FROM orders;"),
    ("Use `SELECT COUNT(*) FROM t`.", "Use SELECT COUNT(star) FROM t."),
    ("Use `a * b` here.", "Use a times b here."),  # as before
    # a number's sign after a label, before a colon (was "Model hash:")
    ("Model #: A1234", "Model number: A twelve thirty-four"),
    ("Item #: 5567", "Item number: five thousand five hundred sixty-seven"),
    ("Learn C#: it is fun.", "Learn C sharp: it is fun."),  # as before
    # a unit's period before a comma or semicolon (was "twelve months., then")
    ("The lease is 12 mo., then monthly.", "The lease is twelve months, then monthly."),
    ("I paid $1,200/mo.; that's a lot.", "I paid one thousand two hundred dollars per month; that's a lot."),
    ("He is 6 ft. tall.", "He is six feet tall."),  # as before
    # a temperature in both scales (was "slash", or the spaced slash dropped)
    ("Bake at 180°C/350°F for 20 min.", "Bake at one hundred eighty degrees Celsius or three hundred fifty "
                                        "degrees Fahrenheit for twenty minutes."),
    ("Set the oven to 350°F / 175°C.", "Set the oven to three hundred fifty degrees Fahrenheit or one hundred "
                                       "seventy-five degrees Celsius."),
    # a quotient after a power (was "x cubed three")
    ("The integral is x³/3 + C.", "The integral is x cubed over three plus C."),
    ("Divide: x^2/2.", "Divide: x squared over two."),
    # the size of a grid, a matrix, a kernel (was "three times three")
    ("Use a 3x3 kernel on a 2x2 matrix.", "Use a three by three kernel on a two by two matrix."),
    # a work's number (was "Op.")
    ("Symphony No. 5, Op. 67", "Symphony number five, opus sixty-seven"),
    # requests per minute (was "req per minute"), a month's rent (was "pcm")
    ("The API allows 60 req/min.", "The API allows sixty requests per minute."),
    ("The flat is £1,200 pcm.", "The flat is one thousand two hundred pounds per month."),
    ("Rent: £950 p.c.m.", "Rent: nine hundred fifty pounds per month."),
    # Kubernetes' quantities (were "Mi", "meters")
    ("Set 500m CPU and 256Mi memory.", "Set five hundred millicores CPU and two hundred fifty-six mebibytes "
                                       "memory."),
    ("limits: cpu: 250m, memory: 2Gi", "limits: cpu: two hundred fifty millicores, memory: two gibibytes"),
    ("It is 250m away.", "It is two hundred fifty meters away."),  # as before
    # megapixels where the text is of cameras (was "MP")
    ("It has a 48MP camera and a 12 MP selfie shooter.",
     "It has a forty-eight megapixel camera and a twelve megapixel selfie shooter."),
    ("The main sensor is 50 MP.", "The main sensor is fifty megapixels."),
    ("The spell costs 20 MP.", "The spell costs twenty MP."),  # a game's magic points: as before
    # a Windows path (its backslashes were dropped: "C: Program Files App app dot exe")
    (r"Open C:\Program Files\App\app.exe now.",
     "Open C colon backslash Program Files backslash App backslash app dot exe now."),
])  # fmt: skip
def test_twentieth_round_unit_ranges_cells_code_indices_temperatures_and_paths(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # a unit's period at a line's end before a lowercase word ends the sentence (was "five
    # kilograms pH seven", the period taken for the unit's)
    ("It weighs 5 kg.\npH 7 is neutral.", "It weighs five kilograms. pH seven is neutral."),
    # a unit after a number in words (was "mi", "km")
    ("The Earth is about 93 million mi from the Sun.", "The Earth is about ninety-three million miles from the Sun."),
    ("It is 4.6 billion km away.", "It is four point six billion kilometers away."),
    ("He has 5 million in cash.", "He has five million in cash."),  # as before
    # "or more" before a unit (was "twenty plus hrs")
    ("Battery lasts up to 20+ hrs.", "Battery lasts up to twenty plus hours."),
    ("You need 10+ yrs of experience.", "You need ten plus years of experience."),
    ("Ages 18+ only.", "Ages eighteen plus only."),  # as before
    # a range as code writes it (was "zero..n", "one. point one zero")
    ("The array has indices 0..n-1.", "The array has indices zero to n minus one."),
    ("for i in 1..10", "for i in one to ten"),
    ("git diff main..feature", "git diff main..feature"),  # as before
    # a month and day before a time (was "three fifteenths")
    ("Let's schedule it for 3/15 at 10 AM.", "Let's schedule it for March fifteenth at ten A M."),
    ("Add 1/2 at 10 AM.", "Add one half at ten A M."),  # a fraction, as before
    # approx. between a determiner and its noun (was "the approximately cost")
    ("The approx. cost is $50.", "The approximate cost is fifty dollars."),
    ("It was an approx. 5% drop.", "It was an approximately five percent drop."),  # as before
    # a range of clothing sizes (was "XS-XXL")
    ("The jacket comes in sizes XS–XXL.", "The jacket comes in sizes XS to XXL."),
    ("Available in S-3XL.", "Available in S to three XL."),
    ("Open M-F 9-5.", "Open Monday to Friday nine to five."),  # as before
    # kilometers per second (was "km slash s")
    ("Light travels 299,792 km/s.", "Light travels two hundred ninety-nine thousand seven hundred ninety-two "
                                    "kilometers per second."),
    # a tilde joined to a name and a number, as git writes it (was "HEAD about three")
    ("Use `git rebase -i HEAD~3` to squash.", "Use git rebase dash i HEAD tilde three to squash."),
    ("It costs ~$20.", "It costs about twenty dollars."),  # as before
    # a temperature's range with a tilde (was "about")
    ("Lows of -5°C~3°C tonight.", "Lows of minus five degrees Celsius to three degrees Celsius tonight."),
    # a power as Python writes it (was "x two")
    ("Use `x ** 2` for squares.", "Use x squared for squares."),
    ("2**10 is 1024.", "two to the power of ten is one thousand twenty-four."),
    ("This is **bold** and **more** text.", "This is bold and more text."),  # as before
    # a variable over a number (was "n two")
    ("The loop runs n/2 times.", "The loop runs n over two times."),
    ("It takes 1/n of the time.", "It takes one over n of the time."),
    ("Mix w/2 eggs.", "Mix with two eggs."),  # as before
    ("No more than 4 g/24 hours.", "No more than four grams per twenty-four hours."),  # as before
    # a spaced slash between two amounts with their words (was run together)
    ("The API rate limit is 60 RPM / 10k TPM.", "The API rate limit is sixty RPM, ten thousand TPM."),
    ("The HSA limit is $4,150 (self-only) / $8,300 (family).",
     "The HSA limit is four thousand one hundred fifty dollars (self-only), eight thousand three hundred "
     "dollars (family)."),
    ("Fuel economy is 35 mpg hwy / 28 mpg city.",
     "Fuel economy is thirty-five miles per gallon highway, twenty-eight miles per gallon city."),
    # a spaced middle dot between items (was run together)
    ("Serves 4–6 · Prep 15 min · Cook 1 hr", "Serves four to six, Prep fifteen minutes, Cook one hour"),
    ("8.314 J/(mol·K)", "eight point three one four joules per mole kelvin"),  # as before
    # the number sign N° (was "N degrees seven")
    ("Take the N°7 bus.", "Take the Number seven bus."),
    # the size of a named thing after "the" (was "the fourteen inches MacBook")
    ('The 14" MacBook Pro is $1,999.', "The fourteen inch MacBook Pro is one thousand nine hundred ninety-nine "
                                       "dollars."),
    ("Buy the 512GB SSD.", "Buy the five hundred twelve gigabyte SSD."),
    # the federal rules of the courts (was "Fed. R. Civ. P.")
    ("The filing fee is $350 per Fed. R. Civ. P. 4.",
     "The filing fee is three hundred fifty dollars per Federal Rule of Civil Procedure four."),
    ("See Fed. R. Evid. 702.", "See Federal Rule of Evidence seven hundred two."),
])  # fmt: skip
def test_twenty_first_round_units_ranges_code_slashes_sizes_and_rules(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # a range of temperatures below zero with an en dash (was "..., three degrees Celsius")
    ("Lows of -5°C–3°C tonight.", "Lows of minus five to three degrees Celsius tonight."),
    ("-10°C–-5°C", "minus ten to minus five degrees Celsius"),
    ("20°C–25°C", "twenty to twenty-five degrees Celsius"),  # as before
    ("68–77°F", "sixty-eight to seventy-seven degrees Fahrenheit"),  # as before
    ("-10 to -5 °C", "minus ten to minus five degrees Celsius"),  # as before
    # a spaced slash after a bracket of operands is "over", as (n-1)/2 is (was dropped)
    ("The median is at (n - 1) / 2.", "The median is at (n minus one) over two."),
    ("The mean is (a + b) / 2.", "The mean is (a plus b) over two."),
    ("(x + 1) / (x - 1)", "(x plus one) over (x minus one)"),
    ("(x+1)/(x-1)", "(x plus one) over (x minus one)"),  # as before
    ("Use and / or here.", "Use and or here."),  # as before
    # per second after a counted word (was "tokens slash s")
    ("It runs at about 20 tokens/s on an M2.", "It runs at about twenty tokens per second on an M two."),
    ("It does 30 frames/s.", "It does thirty frames per second."),
    ("It handles 10 req/s.", "It handles ten requests per second."),  # as before: a unit
    ("Light travels 299,792 km/s.", "Light travels two hundred ninety-nine thousand seven hundred ninety-two "
                                    "kilometers per second."),  # as before
])  # fmt: skip
def test_twenty_second_round_temperature_ranges_quotients_of_brackets_and_rates(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # a range of numbers with three dots (was "one.. point one zero"); an ellipsis stays one
    ("Count from 1...10 and then stop.", "Count from one to ten and then stop."),
    ("The array has indices 0...9.", "The array has indices zero to nine."),
    ("for i = 1...n", "for i equals one to n"),
    ("Well... 10 more minutes.", "Well... ten more minutes."),  # as before
    ("5... 4... 3... go!", "five... four... three... go!"),  # as before
    # a pair of currencies after its rate: one per the other (was "Canadian dollar dollar")
    ("The rate is ~1.35 CAD/USD today.",
     "The rate is about one point three five Canadian dollars per US dollar today."),
    ("The rate is 0.92 EUR/USD.", "The rate is zero point nine two euros per dollar."),
    ("USD/CAD is at 1.35.", "US dollar Canadian dollar is at one point three five."),
    ("In 2024 EUR/USD fell.", "In twenty twenty-four euro dollar fell."),  # as before: a year
    # h:mm:ss before a race's word, after "finish time", on a timer: a time taken (were
    # "two oh one and nine seconds", "one thirty")
    ("Kipchoge's 2:01:09 marathon in Berlin.",
     "Kipchoge's two hour, one minute and nine second marathon in Berlin."),
    ("My finish time was 2:01:09.", "My finish time was two hours, one minute and nine seconds."),
    ("Set the timer for 1:30:00.", "Set the timer for one hour and thirty minutes."),
    ("The alarm is at 2:01:09.", "The alarm is at two oh one and nine seconds."),  # as before
    # a metric thread, by its pitch (was "times")
    ("Use an M8 x 1.25 bolt.", "Use an M eight by one point two five bolt."),
    ("Use M10x1.5 bolts.", "Use M ten by one point five bolts."),
    ("M2 x 3 = 6", "M two times three equals six"),  # as before
    # a version's part of four digits in pairs, of five or more digit by digit (was "six
    # thousand two hundred sixty-one"); a build's number with one dot (was "point")
    ("Update to Chrome 122.0.6261.94 now.",
     "Update to Chrome one hundred twenty-two dot zero dot sixty-two sixty-one dot ninety-four now."),
    ("Windows 11 23H2 (build 22631.3155).",
     "Windows eleven twenty-three H two (build two two six three one dot thirty-one fifty-five)."),
    ("Connect to 192.168.1.1 now.",
     "Connect to one hundred ninety-two dot one hundred sixty-eight dot one dot one now."),  # as before
    # a spaced minus between amounts (was a pause, or "to" between dollars)
    ("Subtract: 5 kg - 2 kg = 3 kg.", "Subtract: five kilograms minus two kilograms equals three kilograms."),
    ("It weighs 12 lb - 3 lb, so 9 lb.", "It weighs twelve pounds minus three pounds, so nine pounds."),
    ("You'll have $100 - $35 = $65 left.",
     "You'll have one hundred dollars minus thirty-five dollars equals sixty-five dollars left."),
    ("The range is 10 kg - 15 kg.", "The range is ten to fifteen kilograms."),
    ("It costs $5 - $10.", "It costs five to ten dollars."),  # as before
    # newton meters (were "N m", "Nm")
    ("Torque to 25 N·m.", "Torque to twenty-five newton meters."),
    ("It makes 400 Nm of torque.", "It makes four hundred newton meters of torque."),
    # a charger's volts and amps (was "five volts slash three A")
    ("Charge it at 5V/3A or 9V/2A.", "Charge it at five volts at three amps or nine volts at two amps."),
    # sizes to choose from with spaced slashes (the slashes were dropped)
    ("Storage: 256GB / 512GB / 1TB",
     "Storage: two hundred fifty-six gigabytes or five hundred twelve gigabytes or one terabyte"),
])  # fmt: skip
def test_twenty_third_round_dotted_ranges_pairs_race_times_threads_builds_and_minus(
    text: str, spoken: str
) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # an inch thread's size, then its threads per inch (was 'three eighths " minus sixteen')
    ('Use a 3/8"-16 UNC bolt.', "Use a three eighths inch, sixteen UNC bolt."),
    ("Tap it for a 1/4-20 UNC screw.", "Tap it for a one quarter inch, twenty UNC screw."),
    ('a 1/2"-13 bolt', "a one half inch, thirteen bolt"),
    ("Mix 1/4-1/2 cup in.", "Mix one quarter to one half cup in."),  # as before
    # a bare version compared or listed with the one its sentence named (were "one one")
    ("Python 3.12 is about 5% faster than 3.11.",
     "Python three point twelve is about five percent faster than three point eleven."),
    ("Node 18.20 vs 20.11 is a big jump.", "Node eighteen point twenty versus twenty point eleven is a big jump."),
    ("Python 3.11, 3.12, and 3.13 work.",
     "Python three point eleven, three point twelve, and three point thirteen work."),
    ("Python 3.12 scored 3.45 on it.", "Python three point twelve scored three point four five on it."),  # as before
    ("I use Python 3.12. It costs 3.15 more than 3.11.",
     "I use Python three point twelve. It costs three point one five more than three point one one."),  # as before
    # used of all, spaced or not (the slash was dropped; "slash"; "twelve sixteenths")
    ("Used 12GB / 16GB", "Used twelve gigabytes of sixteen gigabytes"),
    ("Disk: 475/500 GB used.", "Disk: four hundred seventy-five of five hundred gigabytes used."),
    ("Memory: 12/16 GB", "Memory: twelve of sixteen gigabytes"),
    ("Pick 8GB / 16GB.", "Pick eight gigabytes or sixteen gigabytes."),  # as before: options
    ("Add 1/2 GB more.", "Add one half gigabyte more."),  # as before
    # an interval after "in" (was "x in zero, one")
    ("Let x ∈ [0, 1].", "Let x in the interval from zero to one."),
    ("for t ∈ (0, ∞)", "for t in the interval from zero to infinity"),
    ("for all x ∈ S", "for all x in S"),  # as before
    # an arrow between equations (was "to")
    ("Solve 3x + 7 = 22 → x = 5", "Solve three x plus seven equals twenty-two so x equals five"),
    ("Tokyo → Kyoto", "Tokyo to Kyoto"),  # as before
    # a spaced hyphen between amounts of one currency, the second less (was "to")
    ("That's $100 - $35 in fees.", "That's one hundred dollars minus thirty-five dollars in fees."),
    ("It costs $35 - $100.", "It costs thirty-five to one hundred dollars."),  # as before
])  # fmt: skip
def test_twenty_fourth_round(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    # found in ~80 new assistant answers (cooking, finance, code, health, travel)
    # an en dash between two capitals alone is a range (was "A-C")
    ("A day pass covers zones A–C.", "A day pass covers zones A to C."),
    ("the Dunning–Kruger effect", "the Dunning-Kruger effect"),  # as before
    # an inch thread before its screw (was "one quarter to twenty screws")
    ("Use 1/4-20 screws for the camera mount.",
     "Use one quarter inch, twenty screws for the camera mount."),
    # a proportion before a compound's ratio (was "one ten", a time)
    ("Use a 1:10 bleach-to-water ratio.", "Use a one to ten bleach-to-water ratio."),
    ("Meet me at 1:10 today.", "Meet me at one ten today."),  # as before
    # lumber by its size (was "two times four s")
    ("Cut the board into 2x4s at 8 ft.", "Cut the board into two by fours at eight feet."),
])  # fmt: skip
def test_twenty_fourth_round_from_new_answers(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


# round 25: found in ~90 new assistant answers (sports, chemistry, electronics, aviation, real
# estate, gaming, music, law, shipping, nutrition, astronomy)
@pytest.mark.parametrize(("text", "spoken"), [
    ("D–A–D–G–B–E", "D-A-D-G-B-E"),  # was "D to A to D to G to B to E"
    ("the ii–V–I progression", "the ii-V-I progression"),  # was "ii-V to I"
    ("zones A–C", "zones A to C"),  # as before
])  # fmt: skip
def test_a_chain_of_capitals_joined_by_en_dashes_is_no_range(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("Runway 28L at SFO is 11,381 ft long.",
     "Runway two eight left at SFO is eleven thousand three hundred eighty-one feet long."),
    ("intercept the ILS for runway 09R.", "intercept the ILS for runway zero nine right."),
    ("Departures use runways 28L/28R.", "Departures use runways two eight left and two eight right."),
    ("Land on RWY 36.", "Land on runway three six."),
])  # fmt: skip
def test_a_runway_is_read_digit_by_digit_with_its_side(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # 28L was "twenty-eight liters"


@pytest.mark.parametrize(("text", "spoken"), [
    ("The motif is three G's and an E♭.", "The motif is three G's and an E flat."),
    ("Play F♯ then B♭7.", "Play F sharp then B flat seven."),
])  # fmt: skip
def test_a_notes_flat_and_sharp_signs_are_read(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # the signs were dropped


@pytest.mark.parametrize(("text", "spoken"), [
    ("a mass of 16.5–19 M☉", "a mass of sixteen point five to nineteen solar masses"),
    ("a radius of ~764 R☉ and 1 M☉", "a radius of about seven hundred sixty-four solar radii and "
     "one solar mass"),
])  # fmt: skip
def test_the_suns_mass_and_radius_are_units(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # M☉ was "million"


@pytest.mark.parametrize(("text", "spoken"), [
    ("It draws about 10 µA in deep sleep and 20mA when active.",
     "It draws about ten microamps in deep sleep and twenty milliamps when active."),
    ("A 100 µF capacitor stores 7.2 mJ; add 22 nF and 400 pF.",
     "A one hundred microfarad capacitor stores seven point two millijoules; add twenty-two "
     "nanofarads and four hundred picofarads."),
    ("The inductor is 4.7 µH and the ripple 50 mV at 11 kV.",
     "The inductor is four point seven microhenries and the ripple fifty millivolts at eleven "
     "kilovolts."),
    ("altimeter 29.92 inHg, range 8,100 nmi",
     "altimeter twenty-nine point nine two inches of mercury, range eight thousand one hundred "
     "nautical miles"),
    ("It holds 1,172 cu ft.", "It holds one thousand one hundred seventy-two cubic feet."),
    ("Proxima is 4.24 ly away; Andromeda 2.5 million ly.",
     "Proxima is four point two four light-years away; Andromeda two point five million "
     "light-years."),
    ("The Hubble constant is about 70 km/s/Mpc.",
     "The Hubble constant is about seventy kilometers per second per megaparsec."),
    ("pH 7", "pH seven"),  # as before: acidity, no picohenry
])  # fmt: skip
def test_units_of_electronics_aviation_shipping_and_astronomy_are_read(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were left as written ("km slash s slash Mpc")


@pytest.mark.parametrize(("text", "spoken"), [
    ("If your budget is $1k+ you can get a good one.",
     "If your budget is one thousand plus dollars you can get a good one."),
    ("a $500+ budget", "a five hundred plus dollar budget"),
    ("It's $1.5k+ now.", "It's one point five thousand plus dollars now."),
    ("$5+ tax", "five dollars plus tax"),  # as before: tax is added to it
    ("$5+$3=$8", "five dollars plus three dollars equals eight dollars"),  # as before
])  # fmt: skip
def test_an_amount_or_more_reads_plus_before_its_currency(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # was "one thousand dollars plus"


@pytest.mark.parametrize(("text", "spoken"), [
    ("You need 2x 18650 cells and a holder.", "You need two eighteen six fifty cells and a holder."),
    ("It takes two 21700 batteries.", "It takes two twenty-one seven hundred batteries."),
    ("Buy 18650s from a good brand.", "Buy eighteen six fifties from a good brand."),
    ("We sold 18650 cars.", "We sold eighteen thousand six hundred fifty cars."),  # as before
    ("10000s of users", "ten thousands of users"),  # as before
])  # fmt: skip
def test_a_lithium_cells_size_is_read_as_its_name(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # was "two times eighteen thousand six hundred fifty"


@pytest.mark.parametrize(("text", "spoken"), [
    ("Your container ships ETD 03/14, ETA 4/2 at Rotterdam.",
     "Your container ships ETD March fourteenth, ETA April second at Rotterdam."),
    ("03/14", "March fourteenth"),  # was "three fourteenths"
    ("Save 1/4 of it.", "Save one quarter of it."),  # as before
])  # fmt: skip
def test_a_month_and_day_with_a_leading_zero_or_after_eta_is_a_date(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("Asking price is $749,000 ($405/sq ft).",
     "Asking price is seven hundred forty-nine thousand dollars (four hundred five dollars per "
     "square foot)."),
    ("Office space rents for $45/sq. ft. a year.",
     "Office space rents for forty-five dollars per square foot a year."),
    ("It sells at €3,200/sq m in Lisbon.", "It sells at three thousand two hundred euros per square "
     "meter in Lisbon."),
    ("It's $10/month. Cancel anytime.", "It's ten dollars per month. Cancel anytime."),  # as before
])  # fmt: skip
def test_a_price_per_square_foot_is_a_rate(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # was "four hundred five dollars sq ft"


@pytest.mark.parametrize(("text", "spoken"), [
    ("The Lakers are now 28-19 and sit 3.5 GB behind Denver.",
     "The Lakers are now twenty-eight to nineteen and sit three and a half games behind Denver."),
    ("It uses 3.5 GB of RAM.", "It uses three point five gigabytes of RAM."),  # as before
])  # fmt: skip
def test_gb_before_behind_is_games(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # was "gigabytes behind"


@pytest.mark.parametrize(("text", "spoken"), [
    ("the cutoff is f = 1/(2πRC)", "the cutoff is f equals one over (two pi RC)"),
    ("x/(1+x)", "x over (one plus x)"),
    ("8.314 J/(mol·K)", "eight point three one four joules per mole kelvin"),  # as before
])  # fmt: skip
def test_a_number_or_a_variable_over_a_bracket_is_over(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # the slash was dropped: "one (two pi RC)"


@pytest.mark.parametrize(("text", "spoken"), [
    ("Ask whether he/she agrees with his/her plan.", "Ask whether he or she agrees with his or her plan."),
    ("a Yes/No question, TRUE/FALSE", "a Yes or No question, TRUE or FALSE"),
    ("a 60/40 stocks/bonds portfolio", "a sixty forty stocks and bonds portfolio"),  # round 34
])  # fmt: skip
def test_one_of_two_pronouns_or_answers_is_or(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # was "he slash she"


# --- round 26: streamed answers -----------------------------------------------------------------


@pytest.mark.parametrize(("text", "spoken"), [
    ("This song is in 6/8 time, so count six.", "This song is in six eight time, so count six."),
    ("Compare that to 4/4 time.", "Compare that to four four time."),
    ("It has a time signature of 7/8.", "It has a time signature of seven eight."),
    ("Add 3/4 cup of milk.", "Add three quarters cup of milk."),  # as before
    ("It takes 3/4 of the time.", "It takes three quarters of the time."),  # as before
])  # fmt: skip
def test_a_time_signature_reads_its_beats_then_its_note(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "six eighths time", "four slash four time"


@pytest.mark.parametrize(("text", "spoken"), [
    ("Freelancers charge $2k+/month for it.", "Freelancers charge two thousand plus dollars per month for it."),
    ("It costs $500+/mo. for teams.", "It costs five hundred plus dollars per month for teams."),
    ("It costs $2k/month.", "It costs two thousand dollars per month."),  # as before
])  # fmt: skip
def test_an_amount_or_more_per_month_is_per_month(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # was "two thousand dollars plus month"


@pytest.mark.parametrize(("text", "spoken"), [
    ("Use a 10k pull-up resistor on the line.", "Use a ten k pull-up resistor on the line."),
    ("Try a 4.7K resistor or a 10k pot.", "Try a four point seven k resistor or a ten k pot."),
    ("He earns 10k a year.", "He earns ten thousand a year."),  # as before
])  # fmt: skip
def test_a_resistor_s_value_reads_k(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # was "a ten thousand pull-up resistor"


def test_a_unit_after_a_number_or_more_keeps_no_period_inside_a_sentence() -> None:
    assert normalize_text("Aim for 150+ min. of exercise.") == (
        "Aim for one hundred fifty plus minutes of exercise.")  # was "minutes. of"
    assert normalize_text("Aim for 150+ min. Then rest.") == (
        "Aim for one hundred fifty plus minutes. Then rest.")


# --- round 27 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "spoken"), [
    ("Under Cal. Gov. Code § 12940, it is barred.",
     "Under California Government Code section twelve thousand nine hundred forty, it is barred."),
    ("See Cal. Civ. Code § 1950.5.", "See California Civil Code section one thousand nine hundred fifty point five."),
    ("See Code Civ. Proc. § 430.10.", "See Code of Civil Procedure section four hundred thirty point one zero."),
    ("See Cal. Code Civ. Proc. § 1.", "See California Code of Civil Procedure section one."),
    ("Cal. Bus. & Prof. Code § 17200 applies.", "California Business and Professions Code section seventeen thousand two hundred applies."),
    ("See Fla. Stat. Ann. § 83.49.", "See Florida Statutes Annotated section eighty-three point four nine."),
    ("See Mass. Gen. Laws ch. 93A.", "See Massachusetts General Laws chapter ninety-three A."),
    ("Tex. Penal Code § 12 applies.", "Texas Penal Code section twelve applies."),
    ("Cal. Rev. & Tax. Code § 1 applies.", "California Revenue and Taxation Code section one applies."),
    ("Read The Da Vinci Code today.", "Read The Da Vinci Code today."),  # as before
    ("Penal Code 187 is murder.", "Penal Code one hundred eighty-seven is murder."),  # as before
    ("Gov. Newsom signed it.", "Governor Newsom signed it."),  # as before
])  # fmt: skip
def test_a_state_s_code_in_a_citation_is_read_in_words(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # was "Cal. Governor Code", "Cal. Civ. Code"


@pytest.mark.parametrize(("text", "spoken"), [
    ("See 123 F.3d 456 (9th Cir. 1997).",
     "See one twenty-three F third four fifty-six (ninth Circuit nineteen ninety-seven)."),
    ("See 12 F. Supp. 2d 45.", "See twelve F Supp second forty-five."),
    ("See 5 S.W.3d 10 and 7 F.4th 9.", "See five S W third ten and seven F fourth nine."),
    ("See 45 Cal. App. 4th 12.", "See forty-five Cal App fourth twelve."),
    ("See 410 U.S. 113.", "See four ten U S one thirteen."),  # volume and page in pairs
    ("Draw a 2d array of 3 rows.", "Draw a two d array of three rows."),  # as before
])  # fmt: skip
def test_a_reporter_s_series_between_volume_and_page_is_an_ordinal(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # was "F point three d"


@pytest.mark.parametrize(("text", "spoken"), [
    ("Title VII, 42 U.S.C. §§ 2000e–2000e-17, bans it.",
     "Title seven, forty-two U S C sections two thousand e to two thousand e dash seventeen, bans it."),
    ("See UCC § 2-207 on the forms.", "See UCC section two dash two oh seven on the forms."),
    ("See § 9-609(a) first.", "See section nine dash six oh nine a first."),
    ("See §§ 101-105 first.", "See sections one hundred one to one hundred five first."),  # as before
    ("See §§ 78a–78qq first.", "See sections seventy-eight a to seventy-eight q q first."),  # as before
])  # fmt: skip
def test_a_hyphen_inside_a_section_s_number_is_a_dash(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "minus seventeen", "two to two hundred seven"


@pytest.mark.parametrize(("text", "spoken"), [
    ("I ran a 10k run last weekend.", "I ran a ten K run last weekend."),
    ("I ran a 10k in 52 minutes.", "I ran a ten K in fifty-two minutes."),
    ("Training for a 10k? Start slow.", "Training for a ten K? Start slow."),
    ("A 5k race is fun.", "A five K race is fun."),
    ("She has 10k followers.", "She has ten thousand followers."),  # as before
    ("He earns $10k a month.", "He earns ten thousand dollars a month."),  # as before
    ("It reads 10k rows.", "It reads ten thousand rows."),  # as before
])  # fmt: skip
def test_a_race_s_10k_reads_k(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # was "a ten thousand run"


@pytest.mark.parametrize(("text", "spoken"), [
    ("The force is 9.81 N on it.", "The force is nine point eight one newtons on it."),
    ("The tension is 1 N.", "The tension is one newton."),
    ("So F = 2 kg × 3 m/s² = 6 N.",
     "So F equals two kilograms times three meters per second squared equals six newtons."),
    ("A 50 kN load on a 5 N/m spring.", "A fifty kilonewton load on a five newton per meter spring."),
    ("Walk 2 km N of the station.", "Walk two kilometers north of the station."),  # round 31: a direction
    ("She got a 10 N in art.", "She got a ten N in art."),  # as before
    ("Use 20 N·m of torque.", "Use twenty newton meters of torque."),  # as before
])  # fmt: skip
def test_a_number_s_n_is_newtons_where_the_sentence_speaks_of_forces(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # was "nine point eight one N"


@pytest.mark.parametrize(("text", "spoken"), [
    ("Temps will be in the 110s.", "Temps will be in the one hundred tens."),
    ("Bump the timeout to 120s in nginx.", "Bump the timeout to one hundred twenty seconds in nginx."),
    ("I have 100s of files.", "I have hundreds of files."),  # as before
    ("It was the 1900s and the 80s.", "It was the nineteen hundreds and the eighties."),  # as before
    ("Wait 30s.", "Wait thirty seconds."),  # as before
])  # fmt: skip
def test_three_digits_and_s_are_seconds_or_an_era_with_its_hundred(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # was "hundred twenties"


@pytest.mark.parametrize(("text", "spoken"), [
    ("It gives Na⁺ and Cl⁻ ions.", "It gives Na plus and Cl minus ions."),
    ("Ca²⁺ binds SO₄²⁻ here.", "Ca two plus binds SO four two minus here."),
    ("It is 10⁻⁹ m long.", "It is ten to the power of minus nine meters long."),  # as before
])  # fmt: skip
def test_an_ion_s_charge_is_plus_or_minus_with_its_count(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "Cl -", "Ca squared plus"


@pytest.mark.parametrize(("text", "spoken"), [
    ("Use 5W-30 full synthetic.", "Use five W thirty full synthetic."),
    ("In winter, 0W-20 is fine.", "In winter, zero W twenty is fine."),
    ("Your tires are 225/45R17 94W, fine.",
     "Your tires are two twenty-five forty-five R seventeen ninety-four W, fine."),
    ("Torque them to 18 ft-lbs.", "Torque them to eighteen foot-pounds."),
    ("Gap it at 0.028–0.031 in. and torque it.",
     "Gap it at zero point zero two eight to zero point zero three one inches and torque it."),
    ("A 4 in. pipe, please.", "A four inch pipe, please."),
    ("It came in 2 in. Then it left.", "It came in two in. Then it left."),  # as before
    ("It uses 5W bulbs.", "It uses five watt bulbs."),  # a size before its noun (round 31)
])  # fmt: skip
def test_a_car_s_oil_grade_tire_rating_and_torque_read_as_mechanics_say_them(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "five watts minus thirty", "ninety-four watts", "feet -lbs"


@pytest.mark.parametrize(("text", "spoken"), [
    ("Give 7 mL of the 160 mg/5 mL suspension.",
     "Give seven milliliters of the one hundred sixty milligrams per five milliliters suspension."),
    ("Start 500 mg PO BID with meals.", "Start five hundred milligrams by mouth twice a day with meals."),
    ("Refills: 3. Qty: 30.", "Refills: three. Quantity: thirty."),
    ("Ship PO 4471 with 5 tablets.", "Ship PO forty-four seventy-one with five tablets."),  # as before
    ("Send it to the PO Box.", "Send it to the PO Box."),  # as before
    ("It used 1.5GB/2GB.", "It used one point five gigabytes of two gigabytes."),  # as before
])  # fmt: skip
def test_a_prescription_s_strength_route_and_quantity_are_read(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "slash five milliliters", "PO", "Qty"


@pytest.mark.parametrize(("text", "spoken"), [
    ("$x = \\frac{-b \\pm \\sqrt{D}}{2a}$",
     "x equals minus b plus or minus the square root of D over two a"),
    ("$P(A \\cap B)$ and $A \\cup B$", "P(A intersect B) and A union B"),
    ("At STP (1 atm) it is 22.4 L.", "At STP (one atmosphere) it is twenty-two point four liters."),
    ("Go to the ATM.", "Go to the ATM."),  # as before
])  # fmt: skip
def test_math_and_chemistry_read_a_leading_minus_sets_and_atmospheres(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "-b", "cap", "atm"


@pytest.mark.parametrize(("text", "spoken"), [
    ("Winds SW 10–15 mph with gusts.", "Winds southwest ten to fifteen miles per hour with gusts."),
    ("It is moving NNE at 12 mph.", "It is moving north-northeast at twelve miles per hour."),
    ("Walk 5 km N of here.", "Walk five kilometers north of here."),  # round 31: a direction after a distance
])  # fmt: skip
def test_a_wind_s_direction_before_its_speed_is_read_in_words(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # was "SW", "NNE"


@pytest.mark.parametrize(("text", "spoken"), [
    ("Up to the $168,600 wage base.", "Up to the one hundred sixty-eight thousand six hundred dollar wage base."),
    ("The $500 fee is due.", "The five hundred dollar fee is due."),
    ("The $500 is due.", "The five hundred dollars is due."),  # as before
    ("Pay the $5 you owe.", "Pay the five dollars you owe."),  # as before
    ("I paid $500 cash.", "I paid five hundred dollars cash."),  # as before
])  # fmt: skip
def test_an_amount_after_the_before_its_noun_names_its_currency_once(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # was "dollars wage base", as "the 10MB limit" is not


@pytest.mark.parametrize(("text", "spoken"), [
    ("Population of Phila. (as of 2020) is 1.6 million.",
     "Population of Philadelphia (as of twenty twenty) is one point six million."),
    ("I was born in San Diego, Calif. and moved.", "I was born in San Diego, California and moved."),
    ("Philadelphia, Pa. is big.", "Philadelphia, Pennsylvania is big."),
    ("He moved to Gary, Ind. Then he left.", "He moved to Gary, Indiana. Then he left."),
    ("Thanks, Mo. See you.", "Thanks, Mo. See you."),  # as before: a name
    ("Under Cal. Civ. Code § 1950.5, ok.",
     "Under California Civil Code section one thousand nine hundred fifty point five, ok."),  # as before
])  # fmt: skip
def test_a_place_abbreviated_as_newspapers_do_is_read_by_its_name(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "Phila.", "Calif.", "Pa."


@pytest.mark.parametrize(("text", "spoken"), [
    ("The deductible is $1,600/$3,200 for self/family.",
     "The deductible is one thousand six hundred dollars slash three thousand two hundred dollars for self slash family."),
    ("Copays are $25/$50.", "Copays are twenty-five dollars slash fifty dollars."),
    ("It costs €10/€20.", "It costs ten euros slash twenty euros."),
    ("It is $3.50/month.", "It is three dollars and fifty cents per month."),  # as before
])  # fmt: skip
def test_two_amounts_joined_by_a_slash_keep_it(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # was "... dollars three thousand ...", the slash dropped


@pytest.mark.parametrize(("text", "spoken"), [
    ("Run ssh-keygen -t ed25519 to make ~/.ssh/id_ed25519.",
     "Run ssh-keygen dash t ed two five five one nine to make tilde slash dot ssh slash id ed "
     "two five five one nine."),
    ("Your key is `id_ed25519`.", "Your key is id ed two five five one nine."),
    ("Log in as user12345 today.", "Log in as user one two three four five today."),
    ("Set the key file to mode 600 with chmod.", "Set the key file to mode six zero zero with chmod."),
    ("Keys need permissions 0644 at most.", "Keys need permissions zero six four four at most."),
    ("Sport mode 600 hp engine.", "Sport mode six hundred horsepower engine."),  # as before
    ("Run docker with `--memory=2g`.", "Run docker with dash dash memory equals two gigabytes."),
    ("Use --shm-size=1g.", "Use dash dash shm-size equals one gigabyte."),
    ("Set -Xmx4g -Xms512m for the JVM.",
     "Set dash Xmx four gigabytes dash Xms five hundred twelve megabytes for the JVM."),
])  # fmt: skip
def test_code_like_tokens_in_prose_are_read_as_programmers_say_them(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "twenty-five thousand ...", "six hundred", "two grams"


@pytest.mark.parametrize(("text", "spoken"), [
    ("Hurricane pressure dropped to 938 mb.", "Hurricane pressure dropped to nine hundred thirty-eight millibars."),
    ("Water freezes at 273.15 K.", "Water freezes at two hundred seventy-three point one five kelvin."),
    ("Winds are light at 5 kt.", "Winds are light at five knots."),
    ("Gusting 25 kts.", "Gusting twenty-five knots."),
    ("The 14 kt gold ring.", "The fourteen karat gold ring."),
    ("I downloaded 938 mb of data.", "I downloaded nine hundred thirty-eight mb of data."),  # as before
    ("We hired 300 K people.", "We hired three hundred K people."),  # as before
    ("It is 5 kt.", "It is five kt."),  # as before
])  # fmt: skip
def test_kelvin_millibars_and_knots_are_read_where_the_text_says_which(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "K", "mb", "kt"


@pytest.mark.parametrize(("text", "spoken"), [
    ("To convert, multiply by 9/5 and add 32.", "To convert, multiply by nine over five and add thirty-two."),
    ("Going the other way, multiply by 5/9.", "Going the other way, multiply by five ninths."),
    ("Pay by 3/15.", "Pay by March fifteenth."),  # as before
])  # fmt: skip
def test_a_fraction_after_multiply_by_is_no_date(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "September fifth", "May ninth"


@pytest.mark.parametrize(("text", "spoken"), [
    ("At $0.15/kWh, pay the $30/vehicle fee.",
     "At fifteen cents per kilowatt hour, pay the thirty dollars per vehicle fee."),
    ("Aim for 150 min./week of exercise.", "Aim for one hundred fifty minutes per week of exercise."),
    ("Ice it (20 min. every 2–3 hrs.), then rest.",
     "Ice it (twenty minutes every two to three hours), then rest."),
    ("(Rest for 3 hrs.) Then go.", "(Rest for three hours.) Then go."),  # as before
])  # fmt: skip
def test_a_rate_after_an_amount_or_a_unit_s_period_is_read_per(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "fifteen cents kWh", "minutes dot slash week", "hours.)"


@pytest.mark.parametrize(("text", "spoken"), [
    ("It is a ~10-day mission, an ~8-hour drive.", "It is a roughly ten day mission, a roughly eight hour drive."),
    ("It takes ~5 min.", "It takes about five minutes."),  # as before
    ("Your 2024 taxes are due.", "Your twenty twenty-four taxes are due."),
    ("Our 2000 customers agree.", "Our two thousand customers agree."),  # as before
    ("We sold 2024 units.", "We sold two thousand twenty-four units."),  # as before
    ("A 14 kt gold ring is 58.3% gold, while 18 kt is 75%.",
     "A fourteen karat gold ring is fifty-eight point three percent gold, while eighteen karat is seventy-five percent."),
    ("At Mach 1 it is about 573 kt.", "At Mach one it is about five hundred seventy-three knots."),
    ("Winds 15 kt, gold medal.", "Winds fifteen knots, gold medal."),
])  # fmt: skip
def test_an_article_s_tilde_a_possessive_s_year_and_a_karat_by_its_sentence(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "a about", "two thousand twenty-four taxes", "kt"


@pytest.mark.parametrize(("text", "spoken"), [
    ("Use `'*'` as the wildcard.", "Use 'star' as the wildcard."),
    ("Match `*.txt` and `**/*.py` files.", "Match star dot txt and star star slash star dot py files."),
    ("Pass `*args` and `**kwargs`.", "Pass star args and star star kwargs."),
    ("Set `Access-Control-Allow-Origin: *` there.", "Set Access-Control-Allow-Origin: star there."),
    ("Declare `int *p` first.", "Declare int star p first."),
    ("Compute `x*2` and `a * b`.", "Compute x times two and a times b."),
    ("Compute `2**8` now.", "Compute two to the power of eight now."),  # as before
    ("Run `SELECT * FROM users`.", "Run SELECT star FROM users."),  # as before
    ("Card `****5050`.", "Card ending in five zero five zero."),  # as before
])  # fmt: skip
def test_a_star_in_inline_code_that_joins_no_terms_is_said(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were '', "dot txt", "args", "x two"


@pytest.mark.parametrize(("text", "spoken"), [
    ('Try `=COUNTIF(A1:A10,">100")` here.', 'Try equals COUNTIF(A one to A ten,"greater than one hundred") here.'),
    ("The timestamp ends in +00:00 for UTC.", "The timestamp ends in plus zero for UTC."),
    ("The offset is -05:00 in winter.", "The offset is minus five in winter."),
    ("Use 14:30:00-05:00 as the time.", "Use fourteen thirty UTC minus five as the time."),
    ("Open 10:00-12:00 daily.", "Open ten o'clock to twelve o'clock daily."),  # as before: a range
    ("Compute (1 + 0.05/12)^12 now.",
     "Compute (one plus zero point zero five over twelve) to the power of twelve now."),
    ("I rated it 7.5/10.", "I rated it seven point five out of ten."),  # as before
    ("Divide it by 22/7 to get the diameter.", "Divide it by twenty-two over seven to get the diameter."),
    ("Multiply the result by 9/5, then add 32.", "Multiply the result by nine over five, then add thirty-two."),
    ("Submit it by 9/5 please.", "Submit it by September fifth please."),  # as before
    ("Rest for >60 min. after eating (>90% of days).",
     "Rest for more than sixty minutes after eating (more than ninety percent of days)."),
    ("If x >60 then stop.", "If x greater than sixty then stop."),  # as before
    ("The drift is 12 ppm per °C, each °F less.",
     "The drift is twelve parts per million per degree Celsius, each degree Fahrenheit less."),
    ("It is 5 °C today.", "It is five degrees Celsius today."),  # as before
    ("Bloom lasts Mar.–early Apr. in most years, March–mid-April here.",
     "Bloom lasts March to early April in most years, March to mid-April here."),
    ("From late Mar.–Apr. is best.", "From late March to April is best."),
])  # fmt: skip
def test_round_28_s_leftovers(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "inches", "zero hundred", "out of", "slash" ...


@pytest.mark.parametrize(("text", "spoken"), [
    ("So f'(π) = −π³ ≈ −31.0.", "So f'(pi) equals minus pi cubed is approximately minus thirty-one point zero."),
    ("Disconnect the negative (−) terminal.", "Disconnect the negative (minus) terminal."),
    ("(5/6)^4 = 625/1296 ≈ 0.482.",
     "(five sixths) to the power of four equals six hundred twenty-five over one thousand two hundred ninety-six is approximately zero point four eight two."),
    ("Take 60/360 = 1/6 of it.", "Take sixty over three hundred sixty equals one sixth of it."),
    ('Replace them at 2/32", or 4/32" in snow.', "Replace them at two thirty-seconds inch, or four thirty-seconds inch in snow."),
    ("Then x = [4 ± √(16 − 12)]/2 = 3.",
     "Then x equals four plus or minus the square root of (sixteen minus twelve) over two equals three."),
    ("Your BMI is 74.8 / (1.753)² ≈ 24.3.",
     "Your BMI is seventy-four point eight divided by (one point seven five three) squared is approximately twenty-four point three."),
    ("M = P·r(1 + r)^n / [(1 + r)^n − 1] here.",
     "M equals P r(one plus r) to the power of n divided by (one plus r) to the power of n minus one here."),
    ("Take f(x) = x³ · sin(x) now.", "Take f(x) equals x cubed times sin(x) now."),
    ("Serves 4 · Prep 15 min", "Serves four, Prep fifteen minutes"),  # as before
    ("It uses 25 kWh/100 mi, or 6.5 L/100 km.",
     "It uses twenty-five kilowatt hours per one hundred miles, or six point five liters per one hundred kilometers."),
    ("UK. Tel. +44 20 7946 0123", "UK. telephone plus four four, two zero, seven nine four six, zero one two three"),
    ("If it's 9:00 a.m. Tuesday in Paris, call.", "If it's nine A M Tuesday in Paris, call."),
    ("We left at 9 a.m. Then we ate.", "We left at nine A M. Then we ate."),  # as before
    ("Train on Mon/Wed/Fri.", "Train on Monday, Wednesday, Friday."),
])  # fmt: skip
def test_twenty_ninth_round_answers(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were dropped, "slash", "out of", "A M. Tuesday" ...


@pytest.mark.parametrize(("text", "spoken"), [
    ("Quiet hours are between 7:00 and 21:00.", "Quiet hours are between seven and twenty-one hundred."),
    ("Shifts run 21:00 until 6:00.", "Shifts run twenty-one hundred until six."),
    ("Open 07:00 to 19:00.", "Open oh seven hundred to nineteen hundred."),  # as before
    ("Open 10:00 to 22:00.", "Open ten hundred to twenty-two hundred."),  # as before
    ("Meet at 7:00 sharp.", "Meet at seven o'clock sharp."),  # as before
])  # fmt: skip
def test_a_morning_hour_on_the_24_hour_clock_without_its_zero_is_said_bare(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # was "seven hundred", a number


@pytest.mark.parametrize(("text", "spoken"), [
    ("It sends a 401 or 500 response.", "It sends a four oh one or five hundred response."),
    ("Expect a 401 or a 403 error.", "Expect a four oh one or a four oh three error."),
    ("A 401, 403 or 404 response.", "A four oh one, four oh three or four oh four response."),
    ("It fails with HTTP 401/403.", "It fails with HTTP four oh one or four oh three."),
    ("The status code 404 means missing.", "The status code four oh four means missing."),
    ("Status: 503.", "Status: five oh three."),
    ("It returns a 404 when the key is missing.", "It returns a four oh four when the key is missing."),
    ("We got a 302 redirect.", "We got a three oh two redirect."),
    ("Returned a 404.", "Returned a four oh four."),
    ("It returned status 200.", "It returned status two hundred."),  # as before
    ("Read pages 401 or 402 of it.", "Read pages four hundred one or four hundred two of it."),  # as before
    ("He got a 500 bonus.", "He got a five hundred bonus."),  # as before
])  # fmt: skip
def test_an_http_status_after_its_cue_or_joined_to_another_is_read_in_pairs(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "four hundred one", "four hundred four"


@pytest.mark.parametrize(("text", "spoken"), [
    ("In the EU, emergency services are 112.", "In the EU, emergency services are one one two."),
    ("112 is the EU-wide emergency number.", "one one two is the EU-wide emergency number."),
    ("In Australia the emergency number is 000.", "In Australia the emergency number is zero zero zero."),
    ("In the UK, dial 999 or 112.", "In the UK, dial nine nine nine or one one two."),
    ("Call 911, 112 or 999.", "Call nine one one, one one two or nine nine nine."),
    ("Dispatchers answer 911 calls.", "Dispatchers answer nine one one calls."),
    ("He ran 112 meters, then 999 more.", "He ran one hundred twelve meters, then nine hundred ninety-nine more."),  # as before
    ("The emergency fund holds $1,000.", "The emergency fund holds one thousand dollars."),  # as before
])  # fmt: skip
def test_an_emergency_number_where_the_text_speaks_of_one_is_read_digit_by_digit(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "one hundred twelve", "nine hundred eleven"


@pytest.mark.parametrize(("text", "spoken"), [
    ("Use a 40 A breaker for the 48 A charger.", "Use a forty amp breaker for the forty-eight amp charger."),
    ("It draws 30 A on a 240 V circuit.", "It draws thirty amps on a two hundred forty volt circuit."),
    ("The charger is rated 16 A at 230 V.", "The charger is rated sixteen amps at two hundred thirty volts."),
    ("Fit a 48A breaker.", "Fit a forty-eight amp breaker."),
    ("See Section 4 A and grade 5 A.", "See Section four A and grade five A."),  # as before
    ("He scored 5 A grades.", "He scored five A grades."),  # as before
])  # fmt: skip
def test_a_number_s_a_is_amps_where_the_text_speaks_of_electricity(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "forty-eight A"


@pytest.mark.parametrize(("text", "spoken"), [
    ("at ProductList.jsx:18:27", "at ProductList dot jsx, line eighteen, column twenty-seven"),
    ("Traceback: main.py:42.", "Traceback: main dot py, line forty-two."),
    ("at ./src/index.ts:3:14)", "at dot slash src slash index dot ts, line three, column fourteen)"),
    ("src/App.tsx:12:5: error here", "src slash App dot tsx, line twelve, column five: error here"),
    ("See example.com:8080 now.", "See example dot com: eight thousand eighty now."),  # as before
])  # fmt: skip
def test_a_source_file_s_line_and_column_are_named(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "eighteen to twenty-seven", "main dot py: forty-two"


@pytest.mark.parametrize(("text", "spoken"), [
    ("Get a 500/50 Mbps plan.", "Get a five hundred megabits per second down and fifty up plan."),
    ("DSL gives 12/3 Mbps.", "DSL gives twelve megabits per second down and three up."),
    ("Fiber is 1000/1000 Mbps.", "Fiber is one thousand megabits per second both ways."),
    ("It does 2.5/1 Gb/s.", "It does two point five gigabits per second down and one up."),
    ("Odd: 50/500 Mbps.", "Odd: fifty slash five hundred megabits per second."),  # as before
])  # fmt: skip
def test_a_connection_s_speeds_are_said_down_then_up(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "five hundred slash fifty megabits per second"


@pytest.mark.parametrize(("text", "spoken"), [
    ("Use 8 GB containers.", "Use eight gigabyte containers."),
    ("Two 500 ml bottles, your 2 TB drive", "Two five hundred milliliter bottles, your two terabyte drive"),
    ("Install 60 W bulbs and 10 mm bolts.", "Install sixty watt bulbs and ten millimeter bolts."),
    ("Use 2 kg dumbbells.", "Use two kilogram dumbbells."),
    ("Spin up two 8 GB containers.", "Spin up two eight gigabyte containers."),  # as before
    ("You need 8 GB of RAM.", "You need eight gigabytes of RAM."),  # as before
    ("Add 500 g potatoes.", "Add five hundred grams potatoes."),  # grams of potatoes, as before
    ("It takes 30 min tops.", "It takes thirty minutes tops."),  # as before
    ("The 8 GB remains free.", "The eight gigabytes remains free."),  # a verb: was "gigabyte"
    ("The ladder's 22 ft reaches the gutter.", "The ladder's twenty-two feet reaches the gutter."),
])  # fmt: skip
def test_a_unit_before_a_plural_noun_is_said_in_the_singular(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "eight gigabytes containers"


@pytest.mark.parametrize(("text", "spoken"), [
    ("Mbappe scored in the 61' to level it.", "Mbappe scored in the sixty-first minute to level it."),
    ("He scored at 61'.", "He scored at minute sixty-one."),
    ("Saka netted at 61' and 78'.", "Saka netted at minute sixty-one and minute seventy-eight."),
    ("The board is 61' long.", "The board is sixty-one feet long."),  # as before
    ("In the 12' x 15' room, put the rug.", "In the twelve foot by fifteen foot room, put the rug."),  # as before
])  # fmt: skip
def test_a_match_s_minute_is_said_as_a_commentator_says_it(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "in minute sixty-one", "sixty-one feet"


@pytest.mark.parametrize(("text", "spoken"), [
    ("Use 2700K bulbs in the bedroom.", "Use twenty-seven hundred kelvin bulbs in the bedroom."),
    ("Set the white point to 6500K.", "Set the white point to sixty-five hundred kelvin."),
    ("a 4000K LED panel", "a four thousand kelvin LED panel"),
    ("Warm white is 2700 K; daylight is 5000 K.", "Warm white is twenty-seven hundred kelvin; daylight is five thousand kelvin."),
    ("He has 2700K followers.", "He has two thousand seven hundred K followers."),  # as before
    ("Water freezes at 273.15 K.", "Water freezes at two hundred seventy-three point one five kelvin."),  # as before
])  # fmt: skip
def test_a_colour_temperature_is_said_in_kelvin(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "two thousand seven hundred K"


@pytest.mark.parametrize(("text", "spoken"), [
    ("Open 09h-17h.", "Open oh nine hundred to seventeen hundred."),
    ("Open 10:00 to 22:00.", "Open ten hundred to twenty-two hundred."),  # as before
    ("Open 9:00 to 17:00.", "Open nine to seventeen hundred."),  # as before
])  # fmt: skip
def test_european_hours_read_as_the_24_hour_clock_reads_them(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # was "nine hundred to seventeen hundred"


@pytest.mark.parametrize(("text", "spoken"), [
    ("The API returns 401 or 403 depending on the token.",
     "The API returns four oh one or four oh three depending on the token."),
    ("If the server returns 429, back off.", "If the server returns four twenty-nine, back off."),
    ("The endpoint should respond with 201 and a Location header.",
     "The endpoint should respond with two oh one and a Location header."),
    ("The query returns 200 rows.", "The query returns two hundred rows."),  # as before
    ("The function returns 404.", "The function returns four hundred four."),  # no web: as before
    ("The API returns 200 on success and 404 otherwise.",
     "The API returns two hundred on success and four oh four otherwise."),
    ("The endpoint gives 400 for invalid input and 404 if the user is missing.",
     "The endpoint gives four hundred for invalid input and four oh four if the user is missing."),
    ("I scored 404 if you count the bonus.", "I scored four hundred four if you count the bonus."),  # as before
])  # fmt: skip
def test_an_http_status_without_its_article_after_returns(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "four hundred one or four hundred three"


@pytest.mark.parametrize(("text", "spoken"), [
    ("Speeds up to 100 Mbit/s.", "Speeds up to one hundred megabits per second."),
    ("Upload at 10 kbit/s, backbone at 10 Gbit/s.",
     "Upload at ten kilobits per second, backbone at ten gigabits per second."),
    ("a 100 Mbit link", "a one hundred megabit link"),
])  # fmt: skip
def test_bits_per_second_as_europe_writes_them(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "Mbit slash s"


@pytest.mark.parametrize(("text", "spoken"), [
    ("Do 3×10 squats, then 4×8 lunges.", "Do three sets of ten squats, then four sets of eight lunges."),
    ("Do 3 x 12 goblet squats.", "Do three sets of twelve goblet squats."),
    ("Squats: 4x8, Bench press 5x5 at 60 kg.",
     "Squats: four sets of eight, Bench press five sets of five at sixty kilograms."),
    ("A 3×10 grid.", "A three by ten grid."),  # as before
    ("3×10 = 30", "three times ten equals thirty"),  # as before
    ("the 2x4 rows of a matrix", "the two times four rows of a matrix"),  # as before
])  # fmt: skip
def test_sets_and_reps_before_or_after_an_exercise(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "three times ten squats"


@pytest.mark.parametrize(("text", "spoken"), [
    ("Import com.acme.util.Parser in your class.", "Import com dot acme dot util dot Parser in your class."),
    ("Import `com.acme.util.Parser` here.", "Import com dot acme dot util dot Parser here."),
    ("Add org.springframework.boot and java.util.List.",
     "Add org dot springframework dot boot and java dot util dot List."),
    ("Visit dev.azure.com/myorg now.", "Visit dev dot azure dot com slash myorg now."),  # as before
])  # fmt: skip
def test_a_java_package_s_path_is_read_dot_by_dot(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were left as written, "util.Parser" in code


@pytest.mark.parametrize(("text", "spoken"), [
    ("Gusts up to 30 mph. 40% chance of rain.", "Gusts up to thirty miles per hour. forty percent chance of rain."),
    ("6 ft. tall and 8 oz. of flour", "six feet tall and eight ounces of flour"),  # as before
])  # fmt: skip
def test_a_unit_s_period_before_a_number_ends_the_sentence(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # was "miles per hour forty percent": the stop was lost


@pytest.mark.parametrize(("text", "spoken"), [
    ("Grease a 9x13 pan or an 8x8 baking dish.", "Grease a nine by thirteen pan or an eight by eight baking dish."),
    ("Use a 20 x 30 cm tray.", "Use a twenty by thirty centimeter tray."),  # as before
    ("Xbox 360, Microsoft 365, Office 2007", "Xbox three sixty, Microsoft three sixty-five, Office two thousand seven"),
    ("=VLOOKUP(A2, Sheet2!A:C, 3, FALSE)", "equals VLOOKUP(A two, Sheet two, A to C, three, FALSE)"),
    ("=XLOOKUP(A2, B:B, C:C) and Data!$A$1", "equals XLOOKUP(A two, B to B, C to C) and Data, A one"),
    ("It costs A$1. Wow!", "It costs one Australian dollar. Wow!"),  # as before
    ("The Samsung 65\" QN90C is on sale.", "The Samsung sixty-five inch QN ninety C is on sale."),
    ("Samsung's 65\" model; the Board 12\" wide", "Samsung's sixty-five inch model; the Board twelve inches wide"),
    ("This 20,000 mAh power bank", "This twenty thousand milliamp hour power bank"),
    ("a 1500VA/900W rating; the UPS is 1000VA/600W.",
     "a fifteen hundred volt-amp, nine hundred watt rating; the UPS is one thousand volt-amps, six hundred watts."),
    ("about 35 km SW of the city", "about thirty-five kilometers southwest of the city"),
    ("The earthquake measured M6.4. An M7 quake followed.",
     "The earthquake measured magnitude six point four. A magnitude seven quake followed."),
    ("Take the M5 bus to the quake museum.", "Take the M five bus to the quake museum."),  # as before
])  # fmt: skip
def test_thirty_first_round_readings_from_assistant_answers(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("PM2.5 is 65 µg/m³; BMI is 24 kg/m².", "PM two point five is sixty-five micrograms per cubic meter; BMI is twenty-four kilograms per square meter."),
    ("10 m³ of gas, a 20 m² room, 3 cm³", "ten cubic meters of gas, a twenty square meter room, three cubic centimeters"),
    ("E = mc² and x² + m² = 1", "E equals mc squared and x squared plus m squared equals one"),  # as before
    ("the minimum Go version to 1.21; Upgrade Python to 3.12.",
     "the minimum Go version to one point twenty-one; Upgrade Python to three point twelve."),
    ("It rose from 1.21 to 1.35.", "It rose from one point two one to one point three five."),  # as before
    ("The Nikkei 225 fell.", "The Nikkei two twenty-five fell."),
    ("Use `React.lazy()` and `JSON.parse(s)`, not `Node.js`.", "Use React dot lazy and JSON dot parse(s), not Node J S."),
])  # fmt: skip
def test_thirty_first_round_areas_volumes_versions_and_code(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "per meter cubed", "one point two one", "React.lazy"


@pytest.mark.parametrize(("text", "spoken"), [
    ("The Warriors are 1.5 games behind the Kings.", "The Warriors are one and a half games behind the Kings."),
    ("Ohtani signed a 10-year, $700M contract.", "Ohtani signed a ten year, seven hundred million dollar contract."),
    ("I paid a lot, $5 is fine.", "I paid a lot, five dollars is fine."),
    ("a 1M-key dataset", "a one million key dataset"),
    ("Your deadlift 1RM is 140 kg; test your 5RM first.",
     "Your deadlift one rep max is one hundred forty kilograms; test your five rep max first."),
])  # fmt: skip
def test_thirty_first_round_standings_contracts_datasets_and_rep_maxes(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "games back the Kings", "dollars contract", "one million -key", "one RM"


@pytest.mark.parametrize(("text", "spoken"), [
    ("The probability of rolling two sixes is 1/36.", "The probability of rolling two sixes is one in thirty-six."),
    ("There's a 1/1000 chance.", "There's a one in one thousand chance."),
    ("The odds are 1/6.", "The odds are one sixth."),  # as before
    ("You'll need 2x8 framing and 2x10 joists.", "You'll need two by eight framing and two by ten joists."),
    ("A 2:00 marathon pace; the 3:00 finish", "A two hour marathon pace; the three hour finish"),
    ("At 2:00 the race starts.", "At two o'clock the race starts."),  # as before
    ("Toyota Camry, license plate 7ABC123.", "Toyota Camry, license plate seven A B C one two three."),
    ("Use 2 1/2\" deck screws and 16\" joists.", "Use two and one half inch deck screws and sixteen inch joists."),
    ("Dig 6\" deep, 3\" apart; we got 4\" of snow.", "Dig six inches deep, three inches apart; we got four inches of snow."),  # as before
    ("12 servings at 250 cal each; a 100 cal snack", "twelve servings at two hundred fifty calories each; a one hundred calorie snack"),
    ("A 22 cal rifle", "A twenty-two cal rifle"),  # a caliber: as before
])  # fmt: skip
def test_thirty_first_round_chances_lumber_race_times_plates_inches_and_calories(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "one slash thirty-six", "two times eight", "two o'clock", "inches", "cal"


@pytest.mark.parametrize(("text", "spoken"), [
    ("It costs CHF 49–89 or USD 1,200-1,500.",
     "It costs forty-nine to eighty-nine Swiss francs or one thousand two hundred to one thousand five hundred dollars."),
    ("max 5 doses/24 h, 3 pills/day", "max five doses per twenty-four hours, three pills per day"),
    ("SW winds at 15 mph. NW breeze.", "Southwest winds at fifteen miles per hour. Northwest breeze."),
    ("Go to the NW wing.", "Go to the NW wing."),  # as before
    ("Set your cadence to 170–180 spm.", "Set your cadence to one hundred seventy to one hundred eighty steps per minute."),
    ("Use `Record<string, number>` or `List<T>`; run `kill -9 <PID>`.",
     "Use Record of string, number or List of T; run kill dash nine PID."),
])  # fmt: skip
def test_thirty_first_round_ranges_after_a_code_doses_winds_cadence_and_generics(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "Swiss francs to eighty-nine", "doses twenty-four h", "S W", "spm", "less than string"


@pytest.mark.parametrize(("text", "spoken"), [
    ("India posted 287/6 in 50 overs; Australia were 45/2 at lunch.",
     "India posted two hundred eighty-seven for six in fifty overs; Australia were forty-five for two at lunch."),
    ("Pages 287/6 of the report.", "Pages two hundred eighty-seven slash six of the report."),  # as before
    ("The Airbus A350-1000 and the Boeing 737-800",
     "The Airbus A three fifty one thousand and the Boeing seven thirty-seven eight hundred"),
    ("Your 529 plan balance; 529 people", "Your five twenty-nine plan balance; five hundred twenty-nine people"),
])  # fmt: skip
def test_thirty_first_round_cricket_scores_airliners_and_savings_plans(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "slash six", "three fifty to one thousand", "five hundred twenty-nine plan"


@pytest.mark.parametrize(("text", "spoken"), [
    ("It returns 400 on bad input and 404 on a missing id; the server logs 400 requests.",
     "It returns four hundred on bad input and four oh four on a missing id; the server logs four hundred requests."),
    ("Supports 65W PD charging; 16GB LPDDR5 and a 512GB SSD; 2 TB NVMe drives.",
     "Supports sixty-five watt PD charging; sixteen gigabyte LPDDR five and a five hundred twelve gigabyte SSD; two terabyte NVMe drives."),
    ("Uses 10mm LED strips and 12V DC adapters.", "Uses ten millimeter LED strips and twelve volt DC adapters."),
    ("Add 500 g MSG; at 60 mph GPS lags.", "Add five hundred grams MSG; at sixty miles per hour GPS lags."),  # as before
    ("Supports 65W charging.", "Supports sixty-five watts charging."),  # as before
])  # fmt: skip
def test_thirty_second_round_a_status_on_what_it_answers_and_a_unit_before_capitals(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "sixty-five watts PD", "sixteen gigabytes LPDDR five"


@pytest.mark.parametrize(("text", "spoken"), [
    ("Highs 36°F–46°F today.", "Highs thirty-six to forty-six degrees Fahrenheit today."),
    ("A salary of €65k–€80k, or $80-$120 a day.",
     "A salary of sixty-five to eighty thousand euros, or eighty to one hundred twenty dollars a day."),
    ("$500k-$1.2M, $5.50–$7.25", "five hundred thousand to one point two million dollars, "
                                 "five dollars and fifty cents to seven dollars and twenty-five cents"),  # round 33
    ("128MB-10GB; $100 - $35 = $65", "one hundred twenty-eight megabytes to ten gigabytes; "
                                     "one hundred dollars minus thirty-five dollars equals sixty-five dollars"),  # as before
    ("The range is 10 kg - 15 kg; 5 kg - 2 kg.", "The range is ten to fifteen kilograms; five kilograms minus two kilograms."),
])  # fmt: skip
def test_thirty_second_round_a_range_says_its_repeated_unit_once(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "thirty-six degrees Fahrenheit to forty-six degrees Fahrenheit"


@pytest.mark.parametrize(("text", "spoken"), [
    ("Her lap time was 1:21.345.", "Her lap time was one minute and twenty-one point three four five seconds."),
    ("Split: 0:45.2, then 2:01.9.", "Split: forty-five point two seconds, then two minutes and one point nine seconds."),
    ("He rowed 2k in under 8:00.", "He rowed two K in under eight minutes."),
    ("She ran a mile in 6:00 flat; set the timer for 2:00.", "She ran a mile in six minutes flat; set the timer for two minutes."),
    ("He finished the marathon in 3:00.", "He finished the marathon in three hours."),
    ("She finished at 8:00. It reads 10k rows.", "She finished at eight o'clock. It reads ten thousand rows."),  # as before
    ("I rowed a 2k piece; a 2k erg test.", "I rowed a two K piece; a two K erg test."),
])  # fmt: skip
def test_thirty_second_round_laps_splits_and_times_taken_on_the_minute(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "one twenty-one point three four five", "eight o'clock"


@pytest.mark.parametrize(("text", "spoken"), [
    ('Use 16" on-center joists, 3" off-white trim.', "Use sixteen inch on-center joists, three inch off-white trim."),
    ("The score was 2-1 at 61'.", "The score was two to one at minute sixty-one."),
    ("The match was level at 61'; City led until 78'.", "The match was level at minute sixty-one; City led until minute seventy-eight."),
    ("The game room is 12' wide.", "The game room is twelve feet wide."),  # as before
    ("If the allocation drifts more than 5 pp, rebalance; a 300 pp book.",
     "If the allocation drifts more than five percentage points, rebalance; a three hundred pp book."),
    ("Set -Xms4g and -Xmx8g for the JVM.", "Set dash Xms four gigabytes and dash Xmx eight gigabytes for the JVM."),
    ('36" W x 70" H x 31" D', "thirty-six inches wide by seventy inches high by thirty-one inches deep"),
    ("90 cm W x 60 cm D; 36\" wide x 70\" high", "ninety centimeters wide by sixty centimeters deep; thirty-six inches wide by seventy inches high"),
    ('A 65" W series TV.', "A sixty-five inch W series TV."),  # as before
])  # fmt: skip
def test_thirty_second_round_on_center_match_minutes_drift_jvm_options_and_sides(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "inches on-center", "sixty-one feet", "pp", "-Xms", "inches W"


@pytest.mark.parametrize(("text", "spoken"), [
    ("He had 31 pts on 12/21 shooting and 4/6 from three.",
     "He had thirty-one points on twelve for twenty-one shooting and four for six from three."),
    ("The Lakers are 38-29, 9th in the West, 1.5 games back; the Chiefs went 11-6 this season, a 10-6 record.",
     "The Lakers are thirty-eight and twenty-nine, ninth in the West, one and a half games back; "
     "the Chiefs went eleven and six this season, a ten and six record."),
    ("Shifts are 9-5. The score was 2-1.", "Shifts are nine to five. The score was two to one."),  # as before
    # in a season's text, who "are" 9-5 must be named: a sentence's first word is no team
    ("This season the Lakers are 38-29. Shifts are 9-5, and in the playoffs they were 10-2.",
     "This season the Lakers are thirty-eight and twenty-nine. Shifts are nine to five, and in the "
     "playoffs they were ten and two."),
    ("Pogačar won in 4h 12' 33\", 1'08\" ahead of Vingegaard.",
     "Pogačar won in four hours twelve minutes and thirty-three seconds, one minute and eight seconds ahead of Vingegaard."),
    ("He is 5'11\" tall.", "He is five feet eleven inches tall."),  # as before
])  # fmt: skip
def test_thirty_second_round_shooting_records_and_a_race_s_gaps(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "December twenty-first", "to", feet and inches


@pytest.mark.parametrize(("text", "spoken"), [
    ("Zone 2 is HR 130–145 bpm.", "Zone two is HR one hundred thirty to one hundred forty-five beats per minute."),
    ("Order 110 sq ft (about 5 boxes at 23.4 sq ft/box).",
     "Order one hundred ten square feet (about five boxes at twenty-three point four square feet per box)."),
    ("A 12,000 BTU AC on a 115V/15A circuit; the dryer needs 240V/30A.",
     "A twelve thousand BTU AC on a one hundred fifteen volt, fifteen amp circuit; the dryer needs two hundred forty volts, thirty amps."),
    ("A 5V/3A charger", "A five volt at three amps charger"),  # as before
    ("The Dyson V15 has 230 AW of suction.", "The Dyson V fifteen has two hundred thirty air watts of suction."),
    ("The range is 5.7%–6.4%; 50% - 20% = 30%.",
     "The range is five point seven to six point four percent; fifty percent minus twenty percent equals thirty percent."),
    ("Change the mapping to \"8081:8080\" and set `mem_limit: 512m`.",
     "Change the mapping to \"eighty eighty-one colon eighty eighty\" and set mem limit: five hundred twelve megabytes."),
    ("In Python 3.12 use `itertools.batched`; on 3.11 or earlier, a loop.",
     "In Python three point twelve use itertools dot batched; on three point eleven or earlier, a loop."),
])  # fmt: skip
def test_thirty_second_round_readings_from_assistant_answers(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "one thirty", "sq ft slash box", "volt slash", "AW", "meters"


@pytest.mark.parametrize(("text", "spoken"), [
    ("The Ravens (10-4) host the Steelers (9-5); Baltimore is a 3.5-point favorite with an O/U of 41.5.",
     "The Ravens (ten and four) host the Steelers (nine and five); Baltimore is a three and a half point favorite "
     "with an over under of forty-one point five."),
    ("Read Chapters (1-4) first.", "Read Chapters (one to four) first."),  # as before
    ("The Samsung 990 Pro and the Samsung 870 EVO; a Garmin Forerunner 265.",
     "The Samsung nine ninety Pro and the Samsung eight seventy EVO; a Garmin Forerunner two sixty-five."),
    ("Easy pace: 5:30–5:50/km, 8:00-8:30/mi.",
     "Easy pace: five thirty to five fifty per kilometer, eight minutes to eight thirty per mile."),
    ("Target: sub-20 min; a sub-3 marathon.", "Target: sub twenty minutes; a sub three marathon."),
    ("A 10.1 oz tube covers ~30 linear ft. Buy 20 linear ft. of trim.",
     "A ten point one ounce tube covers about thirty linear feet. Buy twenty linear feet of trim."),
])  # fmt: skip
def test_thirty_second_round_records_in_brackets_brands_paces_and_linear_feet(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "ten to four", "nine hundred ninety", "five thirty, five fifty", "sub- twenty", "linear ft"


@pytest.mark.parametrize(("text", "spoken"), [
    ("Aim for 5k-10k steps per day.",
     "Aim for five to ten thousand steps per day."),
    ("A seed round of $500k-$1.2M.",
     "A seed round of five hundred thousand to one point two million dollars."),
    ("Tickets cost $80 to $120, or between $80 and $120.",
     "Tickets cost eighty to one hundred twenty dollars, or between eighty and one hundred "
     "twenty dollars."),
    ("Adults pay $15 and $10 for kids; it fell from $120 to $80; from $5 to $10M.",
     "Adults pay fifteen dollars and ten dollars for kids; it fell from one hundred twenty "
     "dollars to eighty dollars; from five dollars to ten million dollars."),
    ("Add -XX:+UseG1GC and -Dspring.profiles.active=prod to the JVM flags.",
     "Add dash X X colon plus Use G one GC and dash D spring dot profiles dot active equals prod "
     "to the JVM flags."),
    ("Use `-XX:MaxGCPauseMillis=200` with the -v flag.",
     "Use dash X X colon Max GC Pause Millis equals two hundred with the dash v flag."),
    ("Run java -Xmx2g -jar app.jar",
     "Run java dash Xmx two gigabytes dash jar app.jar"),
    ("It has 16GB memory and 16GB RAM; a 16GB RAM stick.",
     "It has sixteen gigabytes memory and sixteen gigabytes RAM; a sixteen gigabyte RAM stick."),
    ('Studs are 16" OC; rafters 24 in. o.c. in the attic.',
     "Studs are sixteen inches on center; rafters twenty-four inches on center in the attic."),
    ("He threw 6.2 IP with 8 strikeouts; Line: 7 IP, 1 ER; 5 IP addresses.",
     "He threw six and two thirds innings pitched with eight strikeouts; Line: seven innings "
     "pitched, one ER; five IP addresses."),
    ("Grab a 24/16 kg kettlebell; thrusters (95/65 lb); 3/4 lb of beef.",
     "Grab a twenty-four or sixteen kilogram kettlebell; thrusters (ninety-five or sixty-five "
     "pounds); three quarters pound of beef."),
    ("A 3.5-point favorite; 12.5 points a game; a 0.5-point cut.",
     "A three and a half point favorite; twelve and a half points a game; a half point cut."),
    ("Run SELECT * FROM t WHERE d >= '2024-01-01';",
     "Run SELECT star FROM t WHERE d at least 'January first, twenty twenty-four';"),
    ("He ran a sub-4:00 mile, a sub-20:00 5k and rowed 2k in 8:00 flat.",
     "He ran a sub four minute mile, a sub twenty minute five K and rowed two K in eight minutes "
     "flat."),
])  # fmt: skip
def test_thirty_third_round_leftovers(text: str, spoken: str) -> None:
    # were "dollars" twice, "-XX:", "gigabyte RAM", "OC", "point two IP", "slash", "four o'clock"
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("LA sits 1.5 GB of the 6th seed. Free up 1.5 GB of disk.",
     "LA sits one and a half games back of the sixth seed. Free up one point five gigabytes of "
     "disk."),
    ("Finisher: 15 KB swings; a 512 KB file.",
     "Finisher: fifteen kettlebell swings; a five hundred twelve kilobyte file."),
    ("Hastings: 14 October 1066, or October 14, 1066.",
     "Hastings: October fourteenth, ten sixty-six, or October fourteenth, ten sixty-six."),
    ("1600 Amphitheatre Pkwy",
     "sixteen hundred Amphitheatre Parkway"),
    ('The MacBook Pro 14" has an M3 Pro; a 6.1" OLED.',
     "The MacBook Pro fourteen inch has an M three Pro; a six point one inch OLED."),
    ("EPS $1.35 vs. est. $1.28.",
     "EPS one dollar and thirty-five cents versus estimates of one dollar and twenty-eight cents."),
    ("2. Mix at 8 AM.\n3. Add salt.",
     "two. Mix at eight A M. three. Add salt."),
    ('cpu: "250m"',
     'cpu: "two hundred fifty millicores"'),
])  # fmt: skip
def test_thirty_third_round_standings_kettlebells_early_dates(text: str, spoken: str) -> None:
    # were "gigabytes", "kilobyte", "one thousand sixty-six", "Pkwy", "inches", "A M three"
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("A = P(1 + r/n)^(nt); e^(-x^2)",
     "A equals P(one plus r over n) to the power of nt; e to the power of minus x squared"),
    ("Use n/a or (y/n).",
     "Use n slash a or (y slash n)."),  # as before
    ("Set `SystemMaxUse=500M`; client_max_body_size 10M; a cache of 5M entries.",
     "Set SystemMaxUse equals five hundred megabytes; client max body size ten megabytes; a "
     "cache of five million entries."),
    ("Tempo: 3 x 1 mile w/ 2' rest, 90\" recovery; 9:09/mi avg",
     "Tempo: three times one mile with two minute rest, ninety second recovery; nine oh nine per "
     "mile average"),
    ("**Half-marathon plan:**\n\n- Long run builds to 12 mi\n- Goal: sub-2:00",
     "Half-marathon plan: Long run builds to twelve miles. Goal: sub two hours"),
    ("Run `pip install -e .` then `cd ..`.",
     "Run pip install dash e dot then cd dot dot."),
    ("Use channel 36 or 1/6/11 on 2.4 GHz. Due 1/6/11.",
     "Use channel thirty-six or one, six, eleven on two point four gigahertz. Due January sixth, "
     "twenty eleven."),
    ("His peak rating was 2882; FIDE requires 2500+; rated for 1500 W.",
     "His peak rating was twenty-eight eighty-two; FIDE requires twenty-five hundred plus; rated "
     "for one thousand five hundred watts."),
    ("Connect with `psql -h localhost -p 5432`.",
     "Connect with psql dash h localhost dash p fifty-four thirty-two."),
    ("21.9 min downtime/month; 3 visits/week; day/month/year",
     "twenty-one point nine minutes downtime per month; three visits per week; day slash month "
     "slash year"),
])  # fmt: skip
def test_thirty_third_round_formulas_settings_channels(text: str, spoken: str) -> None:
    # were "r slash n", "(nt)", "million", "feet", "minutes", "dash e..", a date
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("Japan's GDP (~$4.2T) in 2023; the yen hit ¥151.9/$.",
     "Japan's GDP (about four point two trillion dollars) in twenty twenty-three; the yen hit "
     "one hundred fifty-one point nine yen per dollar."),
    ("- Google One: 2 TB for $9.99/mo\n- iCloud+: 50GB $0.99",
     "Google One: two terabytes for nine dollars and ninety-nine cents per month. iCloud plus: "
     "fifty gigabytes ninety-nine cents"),
    ("If your ICR is 1:10 and ISF is 1:50, take insulin: 8 U, then 1 U.",
     "If your ICR is one to ten and ISF is one to fifty, take insulin: eight units, then one "
     "unit."),
    ("Seat 23 U.",
     "Seat twenty-three U."),  # as before
    ("BA 178 (dep. 7:30 PM, arr. 7:35 AM+1)",
     "BA one seventy-eight (departs seven thirty P M, arrives seven thirty-five A M the next "
     "day)"),  # was "A M plus one"
    ("Median 84, std dev 7.9; every ~92 min; TDEE ≈ 2,150 kcal.",
     "Median eighty-four, standard deviation seven point nine; about every ninety-two minutes; "
     "TDEE is approximately two thousand one hundred fifty kilocalories."),
    ("An 82 kWh battery; 82 kWh battery; 10 lb bag.",
     "An eighty-two kilowatt hour battery; eighty-two kilowatt hour battery; ten pound bag."),
])  # fmt: skip
def test_thirty_third_round_per_dollar_insulin_flights(text: str, spoken: str) -> None:
    # were math, "per month iCloud", "one ten", "dep.", "std dev", "every about", "hours battery"
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("Read/write: 7,450/6,900 MB/s.",
     "Read slash write: seven thousand four hundred fifty slash six thousand nine hundred "
     "megabytes per second."),
    ("~7M visitors/yr; 5 req/sec; the gold/silver ratio",
     "about seven million visitors per year; five requests per second; the gold to silver ratio"),
    ("Landfall near Tampa Wed night; Fri morning.",
     "Landfall near Tampa Wednesday night; Friday morning."),
    ("covering ~5M km², 1.2M sq mi, 5k sq ft",
     "covering about five million square kilometers, one point two million square miles, five "
     "thousand square feet"),
    ("For [2, 4, 4, 5], μ = 5. It is blue [1]. It is red.[2][3]",
     "For two, four, four, five, mu equals five. It is blue. It is red."),
    ("Brunson: 40 pts (14-28 FG, 5-9 3PT, 7-7 FT).",
     "Brunson: forty points (fourteen for twenty-eight FG, five for nine three point, seven for "
     "seven FT)."),
    ("Kubernetes 1.29 deprecates it. Move to 1.32 soon.",
     "Kubernetes one point twenty-nine deprecates it. Move to one point thirty-two soon."),
    # a version chosen instead of the one named (was "three point one two")
    ("Python 3.13 is out; use 3.12 if unsure, or pin 3.11. Installing 3.10 works too.",
     "Python three point thirteen is out; use three point twelve if unsure, or pin three point "
     "eleven. Installing three point ten works too."),
    ("Python 3.13 is out. I scored 3.12 on the test; use 3.25 cups.",
     "Python three point thirteen is out. I scored three point one two on the test; use three "
     "point two five cups."),
    ("Check with `kubectl api-resources | grep flowcontrol`.",
     "Check with kubectl api-resources pipe grep flowcontrol."),
])  # fmt: skip
def test_thirty_third_round_grouped_slashes_weekday_nights(text: str, spoken: str) -> None:
    # were "seven, four hundred fifty", "per yr", "Wed", "kilometers squared", dropped, a pause
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("Rest 2' between sets; posts 8' between them.",
     "Rest two minutes between sets; posts eight feet between them."),
    ("The Warriors went 73-9 in 2015–16 that season.",
     "The Warriors went seventy-three and nine in twenty fifteen to sixteen that season."),
    ("Delaying to 70 adds 8%/yr.",
     "Delaying to seventy adds eight percent per year."),
    ("Use `Vec::with_capacity(1_000)`.",
     "Use Vec colon colon with capacity(one thousand)."),
])  # fmt: skip
def test_thirty_third_round_rests_records_by_year_and_rust(text: str, spoken: str) -> None:
    # were "seventy-three to nine", "eight percent yr", "Vec:with", "one zero zero zero"
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("Setbacks 25' front / 5' sides; choose red / blue; BMI = weight / height.",
     "Setbacks twenty-five feet front, five foot sides; choose red, blue; BMI equals weight "
     "divided by height."),
    ("Check levels every 3–6 mo once stable.",
     "Check levels every three to six months once stable."),
    ("Train 2183 departs at 6:05 PM.",
     "Train twenty-one eighty-three departs at six oh five P M."),
    ("A sol is 24 h 37 m 22 s.",
     "A sol is twenty-four hours thirty-seven minutes twenty-two seconds."),
    ("Surface gravity is 3.721 m/s² (0.38 g). Add 5 g sugar.",
     "Surface gravity is three point seven two one meters per second squared (zero point three "
     "eight g). Add five grams sugar."),
    ("The tank weighs ~60 t (66 short tons). At 60 t, stop.",
     "The tank weighs about sixty tonnes (sixty-six short tons). At sixty t, stop."),
    ("Every 15 minutes: `*/15 * * * *`.",
     "Every fifteen minutes: star slash fifteen star star star star."),
])  # fmt: skip
def test_thirty_third_round_spaced_slashes_trains_and_cron(text: str, spoken: str) -> None:
    # were "front five foot", "six month once", "two thousand one hundred", "meters", "grams", "t"
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("An 8-yr/100k-mi hybrid warranty; a 5-year/60,000-mile one.",
     "An eight year, one hundred thousand mile hybrid warranty; a five year, sixty thousand mile "
     "one."),
    ("Limit juice for under-7s.",
     "Limit juice for under-sevens."),
    ("The Ryzen 7 7800X3D (8C/16T) is fast.",
     "The Ryzen seven seventy-eight hundred X three D (eight cores, sixteen threads) is fast."),
    ("We see it as it was 2.5 Myr ago.",
     "We see it as it was two point five million years ago."),
    ("The rate averaged 6.85% (week of 11/14).",
     "The rate averaged six point eight five percent (week of November fourteenth)."),
    ("Singapore ~8,000/km²; 5/sq mi.",
     "Singapore about eight thousand per square kilometer; five per square mile."),
])  # fmt: skip
def test_thirty_third_round_warranties_cores_and_densities(text: str, spoken: str) -> None:
    # were "eight years slash", "under seven s", "eight C", "Myr", "eleven fourteenths", "sq km"
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("Hours: Mon–Fri 9 am / Sat 10 am – 2 pm; or 9AM / 5PM.",
     "Hours: Monday to Friday nine A M, Saturday ten A M to two P M; or nine A M, five P M."),
    ("Call at 3 p.m. / 4 p.m. or 9 a.m. / noon.",
     "Call at three P M, four P M or nine A M, noon."),
    ("A 3BR/2BA condo, or 4 bd / 2.5 ba.",
     "A three bedroom, two bath condo, or four bedroom, two and a half bath."),
])  # fmt: skip
def test_thirty_third_round_a_slash_after_a_time(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # was dropped: "nine A M Saturday"


@pytest.mark.parametrize(("text", "spoken"), [
    ("The players' 'give me 5' moment was fine.",
     "The players' 'give me five' moment was fine."),
    ("Choose 1 / 2 / 3 bedrooms, or 8 / 16 / 32 GB of RAM.",
     "Choose one, two or three bedrooms, or eight, sixteen or thirty-two gigabytes of RAM."),
    ("Compute 120 / 2 / 3 = 20.",
     "Compute one hundred twenty divided by two divided by three equals twenty."),  # as before
    ("Balance it: 2H2 + O2 → 2H2O; CaCO3 → CaO + CO2.",
     "Balance it: two H two plus O two yields two H two O; CaCO three yields CaO plus CO two."),
    ("N2 + 3H2 ⇌ 2NH3, NaCl(aq) + AgNO3(aq) -> AgCl(s) + NaNO3(aq)",
     "N two plus three H two is in equilibrium with two NH three, NaCl aqueous plus AgNO three "
     "aqueous yields AgCl solid plus NaNO three aqueous"),
    ("Go A1 → M25, V1 → V2.", "Go A one to M twenty-five, V one to V two."),  # as before
])  # fmt: skip
def test_thirty_fourth_round_quotes_choices_and_reactions(text: str, spoken: str) -> None:
    # were "'give me five '", "one divided by two divided by three", "to", dropped
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("My 1RM ≈ 185 lb; the total ≈ $1,200.",
     "My one rep max is approximately one hundred eighty-five pounds; the total is "
     "approximately one thousand two hundred dollars."),
    ("It takes ≈5 hours and costs ≈ $5.",
     "It takes about five hours and costs about five dollars."),  # as before
    ("Minimum Node is 18.18; Node version: 18.20.",
     "Minimum Node is eighteen point eighteen; Node version: eighteen point twenty."),
    ("Python is 3.14 times faster.", "Python is three point one four times faster."),
    ("Get 5.50% APY, or 5.00% / 4.75% on CDs.",
     "Get five point five percent APY, or five percent, four point seven five percent on CDs."),
])  # fmt: skip
def test_thirty_fourth_round_relations_versions_and_rates(text: str, spoken: str) -> None:
    # were "one rep max about", "eighteen point one eight", "five point five zero percent"
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("Run sed -i '' 's/foo/bar/' file.txt on macOS.",
     "Run sed dash i empty string 's slash foo slash bar' file dot txt on macOS."),
    ("On macOS use `sed -i '' 's/a/b/' f`.",
     "On macOS use sed dash i empty string 's slash a slash b' f."),
    ("Use -v for verbose output and -i for in-place; x and -x differ.",
     "Use dash v for verbose output and dash i for in-place; x and -x differ."),
    ("In JS, `arr.length - 1` is the last index; use `===`, not `==`.",
     "In JS, arr dot length minus one is the last index; use triple equals, not double equals."),
    ("Run `cat - file` now.", "Run cat, file now."),  # as before: a lone dash, stdin
])  # fmt: skip
def test_thirty_fourth_round_shell_options_and_code(text: str, spoken: str) -> None:
    # were "sed -i '''s slash", "-i", "arr dot length, one", "use is strictly equal to"
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("Lakers 112, Celtics 108 (F/OT); Heat 99, Knicks 97 F/2OT; Rangers 3, Devils 2 F/SO.",
     "Lakers one hundred twelve, Celtics one hundred eight (final in overtime); Heat ninety-nine, "
     "Knicks ninety-seven final in double overtime; Rangers three, Devils two final in a "
     "shootout."),
    ("Weigh the pros/cons of a stocks/bonds mix.",
     "Weigh the pros and cons of a stocks and bonds mix."),
    ("Put it in assets/images; mins/secs.",
     "Put it in assets slash images; mins slash secs."),  # as before
])  # fmt: skip
def test_thirty_fourth_round_finals_and_plurals_joined(text: str, spoken: str) -> None:
    # were "F OT", "F two OT", "pros slash cons"
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("She's a 5'4\" guard and he is 6'2\".",
     "She's a five foot four guard and he is six feet two inches."),
    ("Mix 1 part bleach : 10 parts water.", "Mix one part bleach to ten parts water."),
    ("The trip is 3 nights/4 days; max 5 doses/24 h.",
     "The trip is three nights and four days; max five doses per twenty-four hours."),
    ("The Warriors won 128–121 in 2OT.",
     "The Warriors won one hundred twenty-eight to one hundred twenty-one in double overtime."),
    ("Its 0–60 mph time is 3.1 s; a 55-65 mph limit.",
     "Its zero to sixty miles per hour time is three point one seconds; a fifty-five to "
     "sixty-five mile per hour limit."),
    ("Its 0-100 km/h time is 3.3 s; a 0-5 kg scale.",
     "Its zero to one hundred kilometers per hour time is three point three seconds; a zero to "
     "five kilogram scale."),
])  # fmt: skip
def test_thirty_fourth_round_heights_parts_and_overtimes(text: str, spoken: str) -> None:
    # were "a five feet ten inches guard", "bleach: ten", "two OT", "zero to sixty mile per hour"
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("Run awk '{print $1}' file.txt to get the first column.",
     "Run awk 'print dollar one' file dot txt to get the first column."),
    ("Use awk '{print $2, $3}' data.csv; echo $1.",
     "Use awk 'print dollar two, dollar three' data dot csv; echo dollar one."),
    ("It costs $1 now.", "It costs one dollar now."),  # as before: money
    ("See the [guide](https://example.com/guide) → it's short.", "See the guide, it's short."),
    ("Open the menu → click Save; Tokyo → Osaka.",
     "Open the menu, then click Save; Tokyo to Osaka."),
    ("Use spaces/tabs consistently; do you prefer cats/dogs?",
     "Use spaces or tabs consistently; do you prefer cats or dogs?"),
    ("Use the pros/cons list.", "Use the pros and cons list."),  # as before
])  # fmt: skip
def test_thirty_fifth_round_fields_arrows_and_choices(text: str, spoken: str) -> None:
    # were "print one dollar", "the guide to it's short", "spaces and tabs"
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("I have a 2x12-speed drivetrain; a 1x11 setup.",
     "I have a two by twelve speed drivetrain; a one by eleven setup."),
    ("The office is at 350 5th Ave in New York.",
     "The office is at three fifty fifth Avenue in New York."),
    ("Meet at 2001 3rd St.", "Meet at twenty oh one third Street."),
    ("He shot 45 3-pt% this season; his FG% is 47 and FT% 88.",
     "He shot forty-five three point percentage this season; his field goal percentage is "
     "forty-seven and free throw percentage eighty-eight."),
    ("a 3-pt shooter", "a three point shooter"),
    ("Flights start at $199 RT from Boston.",
     "Flights start at one hundred ninety-nine dollars round trip from Boston."),
    ("Yankees 5, Red Sox 4 (F/10); they won 3-2 F/11.",
     "Yankees five, Red Sox four (final in ten innings); they won three to two final in eleven "
     "innings."),
    ("Set the aperture to F/10.", "Set the aperture to F ten."),  # as before
    ("Bake at 400 F/200 C, or preheat to 350 F.",
     "Bake at four hundred degrees Fahrenheit or two hundred degrees Celsius, or preheat to "
     "three hundred fifty degrees Fahrenheit."),
    ("Apartment 4 C has heat.", "Apartment four C has heat."),  # as before
    ("Use f/8 outdoors; shot at f/4 with a 50mm lens; n/2.",
     "Use f eight outdoors; shot at f four with a fifty millimeter lens; n over two."),
])  # fmt: skip
def test_thirty_fifth_round_gears_houses_shots_and_temperatures(text: str, spoken: str) -> None:
    # were "two times twelve", "three hundred fifty fifth", "three pt percent", "RT", "F ten"
    # after a score, "four hundred F two hundred C", "f over eight"
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("Run python3.12 -m venv .venv, or sudo apt install python3.11-venv.",
     "Run Python three point twelve dash m venv dot venv, or sudo apt install Python three point "
     "eleven venv."),
    ("Your Mac needs macOS 14.4+; iOS 17+ and Python 3.9+ too.",
     "Your Mac needs macOS fourteen point four or later; iOS seventeen or later and Python three "
     "point nine or later too."),
    ("C++ and 2+ strength sessions.", "C plus plus and two plus strength sessions."),  # as before
    ("Ohtani is hitting .310 with 44 HR and 100 RBI.",
     "Ohtani is hitting three ten with forty-four home runs and one hundred RBI."),
    ("a 24 HR pharmacy", "a twenty-four HR pharmacy"),  # as before: no baseball
    ("These jeans run small: a 32x30 fits like a 30x30.",
     "These jeans run small: a thirty-two by thirty fits like a thirty by thirty."),
    ("Deadlift 3x5 @ 225 lb, then 2x10 RDLs.",
     "Deadlift three sets of five at two hundred twenty-five pounds, then two sets of ten RDLs."),
    ("Lakers 118, Nuggets 112 (Q4 2:14 left); Q4 revenue.",
     "Lakers one hundred eighteen, Nuggets one hundred twelve (fourth quarter, two fourteen "
     "left); Q four revenue."),
    ("UA 837 arrives 3:20 PM+1; lands 07:15+1.",
     "UA eight thirty-seven arrives three twenty P M the next day; lands seven fifteen the next "
     "day."),
    ("Density = mass/volume; speed = distance/time; x = and/or.",
     "Density equals mass over volume; speed equals distance over time; x equals and or."),
])  # fmt: skip
def test_thirty_fifth_round_versions_stats_and_formulas(text: str, spoken: str) -> None:
    # were "three point one one", "fourteen point four plus", "forty-four HR", "thirty-two
    # times thirty", "two times ten RDLs", "Q four two fourteen", "P M plus one", "mass slash"
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("Add 1 (14 oz) can of coconut milk and 2 (15-oz) cans of chickpeas.",
     "Add one fourteen ounce can of coconut milk and two fifteen ounce cans of chickpeas."),
    ("Use 2 (2) cans.", "Use two (two) cans."),  # as before
    ("If port 5432 is in use, run `lsof -i :5432`.",
     "If port fifty-four thirty-two is in use, run lsof dash i colon fifty-four thirty-two."),
])  # fmt: skip
def test_thirty_fifth_round_package_sizes_and_ports(text: str, spoken: str) -> None:
    # were "one (fourteen ounces) can", "dash i: five thousand four hundred thirty-two"
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("Grab a 10 lb bag of rice and a 5 gal bucket; 10 lb bag of flour; add 2 kg flour.",
     "Grab a ten pound bag of rice and a five gallon bucket; ten pound bag of flour; add two "
     "kilograms flour."),
    ("Momentum p = 5 kg·m/s, in kg·m/s; energy in kg·m²/s²; 1 kg·m/s².",
     "Momentum p equals five kilogram meters per second, in kilogram meters per second; energy "
     "in kilogram meters squared per second squared; one kilogram meter per second squared."),
    ("Run `echo $HOME`, then export PATH=$HOME/bin:$PATH.",
     "Run echo dollar HOME, then export PATH equals dollar HOME slash bin: dollar PATH."),
    ("Buy $AAPL and $TSLA.", "Buy AAPL and TSLA."),  # as before: tickers
    ("Take the train to Tokyo Stn. Then walk to Shinjuku Stn, exit 3.",
     "Take the train to Tokyo Station. Then walk to Shinjuku Station, exit three."),
    ("She finished the half in ~1:54:40; the outage began at ~21:27:26.",
     "She finished the half in about one hour, fifty-four minutes and forty seconds; the outage "
     "began at about twenty-one twenty-seven and twenty-six seconds."),
    ("Office hours: 10–10:30am, 1-2:30 p.m.; Matthew 5-7:29.",
     "Office hours: ten o'clock to ten thirty A M, one o'clock to two thirty P M; Matthew five "
     "to seven twenty-nine."),
    ("Core: 3 x 45 sec plank, 3 x 30 sec wall sit, 3 x 10 squats.",
     "Core: three sets of a forty-five second plank, three sets of a thirty second wall sit, "
     "three sets of ten squats."),
    ("Cooling at 10°C/5 min.", "Cooling at ten degrees Celsius per five minutes."),  # a rate
    ("Grab 10 kg can be lifted.", "Grab ten kilograms can be lifted."),  # as before
    ("Bake 180C/35-40 min.",
     "Bake one hundred eighty degrees Celsius for thirty-five to forty minutes."),
    ("Bake at 350 F/10 minutes, or 180C/35-40 min; 400 F/200 C.",
     "Bake at three hundred fifty degrees Fahrenheit for ten minutes, or one hundred eighty "
     "degrees Celsius for thirty-five to forty minutes; four hundred degrees Fahrenheit or two "
     "hundred degrees Celsius."),
])  # fmt: skip
def test_thirty_sixth_round_bags_units_shell_and_times(text: str, spoken: str) -> None:
    # were "ten pounds bag", "kg m slash s", "echo HOME", "Tokyo Stn", "one fifty-four and forty
    # seconds", "ten to ten thirty" (heard as 9:50), "forty-five seconds plank", "slash ten"
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("Clause 4.2(b) requires 30 days' written notice.",
     "Clause four point two b requires thirty days' written notice."),
    ("Art. III, § 2 of the Constitution defines federal jurisdiction; see Art. 5.",
     "Article three, section two of the Constitution defines federal jurisdiction; see article "
     "five."),
    ("Dissolve 5.85 g of NaCl in 1 L of water to get 0.1 M.",
     "Dissolve five point eight five grams of NaCl in one liter of water to get zero point one "
     "molar."),
    ("Revenue hit 5 M.", "Revenue hit five million."),  # as before
    ("He got a B+ in AP Chem and an A- in Calc BC; you need a C- or better.",
     "He got a B plus in AP Chem and an A minus in Calc BC; you need a C minus or better."),
    ("Price per sq ft is $284; 4 BR / 3.5 BA, 2,400 sqft.",
     "Price per square foot is two hundred eighty-four dollars; four bedroom, three and a half "
     "bath, two thousand four hundred square feet."),
    ("Tires: 255/45R18 front, P225/60R16 spare; 225/45R17 94W.",
     "Tires: two fifty-five forty-five R eighteen front, P two twenty-five sixty R sixteen "
     "spare; two twenty-five forty-five R seventeen ninety-four W."),
    ("Cleared to climb and maintain FL350. Squawk 7700 for an emergency.",
     "Cleared to climb and maintain flight level three five zero. Squawk seven seven zero zero "
     "for an emergency."),
    ("Runway 27L is closed; use 27R.", "Runway two seven left is closed; use two seven right."),
    ("A 27R form.", "A twenty-seven R form."),  # as before
    ("V1 is 145 kts; ILS approach to runway 04R at 1,200 ft AGL.",
     "V one is one hundred forty-five knots; ILS approach to runway zero four right at one "
     "thousand two hundred feet AGL."),
    ("Hurricane Cat 3 winds of 115 mph.",
     "Hurricane Category three winds of one hundred fifteen miles per hour."),
    ("My Cat 5 is cute.", "My Cat five is cute."),  # as before
    ("The Steam Deck runs it at 800p/40 FPS.",
     "The Steam Deck runs it at eight hundred p at forty FPS."),
])  # fmt: skip
def test_thirty_sixth_round_law_chemistry_cars_and_flight(text: str, spoken: str) -> None:
    # were "four point two (b)", "Art. III", "zero point one million", "an A-", "per sq ft",
    # "two hundred fifty-five forty-five R", "FL three fifty", "seven thousand seven hundred",
    # "twenty-seven R", "kts", "foot AGL", "Hurricane Cat", "eight hundred p forty"
    assert normalize_text(text) == spoken


@pytest.mark.parametrize(("text", "spoken"), [
    ("Brown v. Board, 347 U.S. 483 (1954).",
     "Brown versus Board, three forty-seven U S four eighty-three (nineteen fifty-four)."),
    ("Bostock, 140 S. Ct. 1731.", "Bostock, one forty S C T seventeen thirty-one."),
    ("See 900 F.2d 1.", "See nine hundred F second one."),
    ("He bought 3 F second-hand", "He bought three F second-hand"),  # as before
])  # fmt: skip
def test_a_case_citation_reads_its_volume_and_page_in_pairs(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # was "three hundred forty-seven U S four hundred ..."


@pytest.mark.parametrize(("text", "spoken"), [
    ("Case No. 22-cv-1043 was filed.", "Case number twenty-two, C V, ten forty-three was filed."),
    ("Docket 21-CR-00345.", "Docket twenty-one, C R, zero zero three four five."),
    ("Case 1:22-cv-01043-ABC was filed.",
     "Case one, twenty-two, C V, zero one zero four three, A B C was filed."),  # as before
])  # fmt: skip
def test_a_federal_case_number_without_its_office_reads_its_year(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # was "two two, C V, one zero four three"


@pytest.mark.parametrize(("text", "spoken"), [
    ("K/D/A of 25/3/12 this game.", "K D A of twenty-five, three, twelve this game."),
    ("My KDA: 10/2/8.", "My KDA: ten, two, eight."),
    ("He went 3/4/5 on the day.", "He went three four five on the day."),  # as before
])  # fmt: skip
def test_kills_deaths_and_assists_are_three_counts(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # was "twenty-five three twelve"


@pytest.mark.parametrize(("text", "spoken"), [
    ("Winds 270 at 15, visibility 10.", "Winds two seven zero at fifteen, visibility ten."),
    ("winds from 090 at 8 gusting 20", "winds from zero nine zero at eight gusting twenty"),
    ("Wind 360@12", "Wind three six zero at twelve"),
    ("Winds 100 at night", "Winds one hundred at night"),  # as before
    ("He lost 270 at the casino.", "He lost two hundred seventy at the casino."),  # as before
])  # fmt: skip
def test_a_wind_s_direction_is_read_digit_by_digit(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # was "two hundred seventy at fifteen"


@pytest.mark.parametrize(("text", "spoken"), [
    ("3x30s plank", "three sets of a thirty second plank"),
    ("3x1min plank", "three sets of a one minute plank"),
    ("3x30s dead hang", "three sets of a thirty second dead hang"),
])  # fmt: skip
def test_sets_of_a_held_time_with_its_unit_joined(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # was "three times thirty s plank"


@pytest.mark.parametrize(("text", "spoken"), [
    ("Net worth = assets - liabilities.", "Net worth equals assets minus liabilities."),
    ("Net worth = assets – liabilities.", "Net worth equals assets minus liabilities."),
    ("ROI = (gain - cost) / cost", "ROI equals (gain minus cost) divided by cost"),
    ("Total = 5 items - see below", "Total equals five items, see below"),  # an aside
    ("The rule of thumb - save 20%.", "The rule of thumb, save twenty percent."),  # as before
])  # fmt: skip
def test_a_spaced_dash_between_words_after_equals_is_a_minus(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # was "assets, liabilities"


@pytest.mark.parametrize(("text", "spoken"), [
    ("Insulin glargine 10 units SC qHS.", "Insulin glargine ten units SC at bedtime."),
    ("Levothyroxine 50 mcg qAM on an empty stomach.",
     "Levothyroxine fifty micrograms every morning on an empty stomach."),
    ("Take 10 mg QPM.", "Take ten milligrams every evening."),
    ("An HbA1c of 6.5% or higher means diabetes.",
     "An H b A one C of six point five percent or higher means diabetes."),
    ("Take amoxicillin 500 mg q8h for 10 days.",
     "Take amoxicillin five hundred milligrams every eight hours for ten days."),  # as before
    ("Her BP was 120/80 mmHg.",
     "Her BP was one hundred twenty over eighty millimeters of mercury."),
])  # fmt: skip
def test_a_prescription_s_morning_and_bedtime_and_an_a1c(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "qHS", "qAM", "HbA one c"


@pytest.mark.parametrize(("text", "spoken"), [
    ("In C++, std::vector is common.", "In C plus plus, std colon colon vector is common."),
    ("Rust's Vec::new()", "Rust's Vec colon colon new"),
    ("a *= 2, x /= 2, y -= 2, z += 1",
     "a times equals two, x divide equals two, y minus equals two, z plus equals one"),
    ("Use y-=2 there", "Use y minus equals two there"),
    ("a=-1", "a equals minus one"),  # as before
    ("Ping fe80::1 now.", "Ping fe eighty: one now."),  # as before
    ("**Note**= bold", "Note equals bold"),  # as before
])  # fmt: skip
def test_a_scope_s_double_colon_and_a_compound_assignment(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # were "std:vector", "a equals two", "y - equals"


@pytest.mark.parametrize(("text", "spoken"), [
    ("Use arr[i][j] for a 2D array.", "Use arr i j for a two D array."),
    ("dp[i][j] = dp[i-1][j] + 1", "dp i j equals dp i minus one j plus one"),
    ("See [the guide][1] for more.", "See the guide for more."),  # as before: a link
])  # fmt: skip
def test_an_array_s_indexes_are_no_reference_link(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # was "arri"


@pytest.mark.parametrize(("text", "spoken"), [
    ("It returns a Vec<u8>.", "It returns a Vec of u eight."),
    ("Use Option<String> here.", "Use Option of String here."),
    ("HashMap<String, i32>", "HashMap of String, i thirty-two"),
    ("line one<br>line two", "line one line two"),  # as before: a tag
])  # fmt: skip
def test_a_generic_type_s_parameters_are_said(text: str, spoken: str) -> None:
    assert normalize_text(text) == spoken  # was "Vec", the parameter dropped as a tag
