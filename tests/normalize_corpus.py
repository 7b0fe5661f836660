"""Inputs for the normaliser's golden corpus (``tests/data/normalize_golden.jsonl.gz``).

The golden file pins ``normalize_text``'s output on a few thousand inputs, so that work on the
normaliser's speed (or any refactoring) can prove it changed no reading. The inputs are:

1. every string literal of the normaliser's and segmenter's tests, and every ````example````
   quoted in the normaliser's source (its docstrings list what each rule reads);
2. seeded random sentences that mix words, numbers in all the written forms the rules know,
   money, units, dates, times, addresses, markdown, LaTeX, Chinese, punctuation and stray
   Unicode, and the literals of 1. spliced into one another;
3. literals of 1. with characters that trip a careless prefilter (``Rule.needs``): digits of
   other scripts (``٣ １`` match ``\\d``), ``ı ſ İ`` (``re.I`` matches them to ``i s I``).

Re-record only when a reading is meant to change, and review the diff of the outputs:

    python -m tests.normalize_corpus
"""

from __future__ import annotations

import ast
import gzip
import json
import random
import re
import string
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "data" / "normalize_golden.jsonl.gz"
_LITERAL_SOURCES = ["tests/test_normalize.py", "tests/test_normalize_zh.py",
                    "tests/test_segmenter.py"]  # fmt: skip
_EXAMPLE_SOURCES = [*sorted(str(path.relative_to(ROOT))
                            for path in (ROOT / "voice_server/text/normalize").glob("*.py")),
                    "voice_server/text/normalize_zh.py",
                    "voice_server/text/inline_code.py"]  # fmt: skip
GENERATED = 5000
"""Random sentences (seed 0); with the literals, about 1,300 of them, the file stays near
half a megabyte."""
LOOK_ALIKES = 600


def test_literals() -> list[str]:
    """Every string constant of the test modules (inputs and expected readings alike: both
    are text a client may send)."""
    found: list[str] = []
    for name in _LITERAL_SOURCES:
        tree = ast.parse((ROOT / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value:
                found.append(node.value)
    return found


def source_examples() -> list[str]:
    """What the normaliser's docstrings and comments quote as examples: ````10⁶````."""
    found: list[str] = []
    for name in _EXAMPLE_SOURCES:
        found += re.findall(r"``(.+?)``", (ROOT / name).read_text(encoding="utf-8"))
    return found


_WORDS = ("the a an in on at by to of and or is was for with from since until before after "
          "call dial press text reply order code ID PIN account ticket case number is was "
          "between step page scored rated stars points due ends Tuesday Mon Fri Jan Sept. March "
          "box rug prints board room the key button price costs about approx. vs vs. e.g. i.e. "
          "etc. Mr. Dr. St. Main Oak Ave Rd. Blvd NW Apt. Suite Chapter Part World War Henry "
          "Pope John Form Model No. no. Fig. p. pp. Sec. Art. Ft. Worth Hwy Rte. Route I "
          "Boeing RTX HTTP port Q FY BP blood pressure mmHg hours hrs per month min sq ft "
          "early mid late his her 30s 1990s x y n C# F# YoY A/B I/O TCP/IP and/or w/ Node.js "
          ".NET app.py ./configure --verbose TL;DR WWII U.S. Copyright Settings Privacy Austin, "
          "TX CA card ending in tracking confirmation ZIP zip code OTP STOP emails users files "
          "units reviews sales employees races Jr. Inc. Co. Ltd. p.m. a.m. EST Eastern").split()
_UNITS = ("km m cm mm µm nm mi ft in yd kg g mg mcg µg lb lbs oz L ml mL tsp tbsp mph mpg km/h "
          "kph m/s °C °F ° ms µs ns sec min hr h Hz kHz MHz GHz rpm fps KB MB GB TB kbps Mbps "
          "Gbps mW W kW MW Wh kWh V mAh kcal ppm ppb dB hPa kPa psi pts yr wk mo gal qt hp "
          "lb-ft ha dL mmol Ω kΩ k K M bn x s y/o").split()
_CURRENCIES = "$ € £ ¥ ￥ ₹ ₩ ₽ ¢ C$ A$ NZ$ HK$ S$ MX$ R$ US$ RMB¥ CN¥".split()
_CODES = "USD EUR GBP JPY INR KRW RUB CNY RMB CAD AUD NZD HKD SGD MXN BRL CHF".split()
_SCALES = ["", "", "", "k", "K", "M", "B", "bn", " million", " billion", "m"]
_CHINESE = ("我有 个 苹果 价格 是 元 温度 增长了 第 章 电话 验证码 订单号 年 月 日 点 分 "
            "公里 公斤 万 亿 设置 隐私 血压 比分 获胜 房间 室 拨打 共 节 每 米 大约 到 至").split()
_CHINESE_TEMPLATES = ["{n}个", "{n}元", "{n}%", "{n}年", "{y}年{mo}月{d}日", "{h}:{mi}", "第{n}章",
                      "¥{n}", "{n}km", "{n}-{n}天", "{n}~{n}%", "电话{p}", "验证码是 {c}",
                      "血压{n}/{n}", "{n}/{n}", "1米75", "{n}+个", "{n}℃", "-{n}°C", "v{n}.{n}",
                      "RTX {n}", "G{n}", "{n}:{n}", "{n}w", "{n}亿美元", "①", "１２３", "５０％",
                      "10⁸", "x²", "2^10", "{n}室", "报警{n}", "100+", "{n} + {n} = {n}"]  # fmt: skip
_MARKDOWN = ["**{t}**", "_{t}_", "*{t}*", "~~{t}~~", "`{t}`", "# {t}", "## {t}", "- {t}",
             "* {t}", "1. {t}", "> {t}", "[{t}](https://x.io/d)", "![{t}](img.png)",
             "| {t} | {t} |", "|---|---|", "- [x] {t}", "{t}[^1]", "{t}[1]", "{t} [2, 3].",
             "```python\n{t}\n```", "$${t}$$", "\\({t}\\)", "$x^2 + {t}$", "<b>{t}</b>",
             "&amp; {t} &nbsp;", "<https://example.com/{t}>", "\\frac{{1}}{{2}} {t}",
             "\\sqrt{{x}} \\pi \\alpha \\leq {t}", "\\sum_{{i=1}}^{{n}} {t}", "---",
             "{t}\n\n{t}", "{t}  \n{t}"]  # fmt: skip
_ODD = ("İ ı ſ K Ω ٣ ١٢ ४ １ ２ ０ ² ³ ⁶ ⁻ ₂ ½ ¼ ⅓ … — – ‘ ’ “ ” « » \u00a0 \u200b \u00ad \ufe0f "
        "😀 👍🏽 🇺🇸 © ® ™ ‰ § √ ∞ ≈ ≠ ≤ ≥ → ± × ÷ π Δ σ αβ µ μ ℃ ～ ＄ ％ 。 ， ： ¿ ¡ ß é ñ ü ç "
        "\x01 \x00 \t \r ﬁ ＂ 한국어 日本 カタカナ").split(" ")  # fmt: skip
_SEPARATORS = [" "] * 12 + ["", ", ", ". ", "-", " - ", "–", "/", " / ", "\n", ": ", "; ", "~",
                            " x ", "x", "*", " & ", "'", '"', "(", ")", "#", "+", "=", "^", "!"]
_ENDINGS = ["", ".", ".", "!", "?", "...", "!!!", "?!", ":", ",", "。", "!?"]


def _number(rng: random.Random) -> str:
    """A number in one of the shapes the rules tell apart."""
    n = rng.choice([rng.randint(0, 9), rng.randint(10, 99), rng.randint(100, 999),
                    rng.randint(1000, 2099), rng.randint(1000, 99999), rng.randint(0, 10**9),
                    10 ** rng.randint(0, 40)])  # fmt: skip
    shapes: list[Callable[[], str]] = [
        lambda: str(n), lambda: f"{n:,}", lambda: f"-{n}", lambda: f"{n}.{rng.randint(0, 99)}",
        lambda: f".{rng.randint(0, 999)}", lambda: f"0{n}", lambda: f"{n}.{n}.{rng.randint(0, 9)}",
        lambda: f"{rng.randint(1, 31)}{rng.choice(['st', 'nd', 'rd', 'th'])}",
        lambda: f"{rng.randint(1, 99)}/{rng.randint(1, 100)}",
        lambda: f"{rng.randint(1, 9)} {rng.randint(1, 7)}/{rng.choice([2, 3, 4, 8, 16])}",
        lambda: f"{n}%", lambda: f"{n}-{n + rng.randint(1, 20)}", lambda: f"{n}–{n + 5}",
        lambda: f"{rng.randint(1, 9)}e-{rng.randint(1, 12)}", lambda: f"0x{n:X}",
        lambda: f"v{rng.randint(0, 20)}.{rng.randint(0, 9)}", lambda: f"{rng.randint(1, 9)}0s",
        lambda: f"'{rng.randint(10, 99)}", lambda: f"{rng.randint(10, 99)}ers",
        lambda: f"{rng.randint(1, 60)}s", lambda: f"{rng.choice([480, 720, 1080, 2160])}p",
        lambda: f"{rng.randint(4, 7)}'{rng.randint(0, 11)}\"", lambda: f"{rng.randint(1, 30)}'",
        lambda: f"{rng.randint(1, 90)}.{rng.randint(0, 9)}\"",
        lambda: f"{rng.randint(100, 3840)}x{rng.randint(100, 2160)}",
        lambda: f"{rng.randint(1, 12)}x{rng.randint(1, 12)}", lambda: f"{n}^{rng.randint(2, 9)}",
        lambda: f"10⁶", lambda: f"{rng.randint(1, 3)}h{rng.randint(0, 59):02}",
        lambda: f"{rng.randint(1, 9)}m{rng.randint(0, 59)}s",
        lambda: f"{rng.randint(0, 23):02}00 hours",
        lambda: f"{rng.randint(1, 9)}K", lambda: f"#{n}", lambda: f"#{rng.randint(0, 16**6):06X}",
        lambda: f"#{rng.choice(['fff', 'ACE', 'dad', 'a1b'])}",
        lambda: f"****{rng.randint(1000, 9999)}",
        lambda: f"xxx-xx-{rng.randint(1000, 9999)}", lambda: f"{n}+", lambda: f"{n}~{n + 10}",
        lambda: (f"{rng.randint(1, 255)}.{rng.randint(0, 255)}.0.{rng.randint(0, 255)}"
                 f":{rng.randint(1, 65535)}"),
        lambda: rng.choice(["401(k)", "9/11", "50-50", "24/7", "80/20", "120/80 mmHg", "Q1-Q3",
                            "FY23-FY25", "1-800-FLOWERS", "1-888-GO-DELTA", "CS-2024-88123",
                            "SW1A 1AA", "2023/24", "3.x", "I-405", "WW2", "COVID-19", "7.5/10",
                            "Step 2/5", "$3.50/month", "£9.99 p/m", "24 hrs/day", "5mg/kg",
                            "1/2 tsp", "6 ft 2 in", "12' x 15'", "9am-5pm", "10a-4p", "5p",
                            "1h30m", "14h30", "17:00h", "9.30am", "3 p.m. EST", "12 ft x 15 ft",
                            "a 10x12 box", "x - y", "n-1", "2x + 3", "5 - 3 = 2", "1.299,00 €",
                            "€3,50", "25€", "$5-10k", "$-20", "RMB¥500", "a $5 bill",
                            "text STOP to 12345", "call 911", "press #", "dial *67", "ext. 204",
                            "ZIP 94105-1234", "OTP 482 913", "ID: 7F3K-9Q2L", "order #123456789",
                            "Form 1099-NEC", "the 1040 form", "Mar 5 - Apr 2", "Jan 5-Feb 3",
                            "Jan-Mar", "Mon-Fri", "M-F", "Sat & Sun", "Tue, Thu", "1e-5 m"]),
    ]  # fmt: skip
    return rng.choice(shapes)()


def _date_or_time(rng: random.Random) -> str:
    y, mo, d = rng.randint(1900, 2099), rng.randint(1, 13), rng.randint(1, 32)
    h, mi, s = rng.randint(0, 24), rng.randint(0, 60), rng.randint(0, 59)
    shapes = [f"{y}-{mo:02}-{d:02}", f"{mo}/{d}/{y}", f"{d}/{mo}/{y}", f"{y}/{mo}/{d}",
              f"{d:02}.{mo:02}.{y}", f"{mo}/{d}", f"{y}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z",
              f"{y}-{mo:02}-{d:02} {h:02}:{mi:02}", f"{h}:{mi:02}", f"{h}:{mi:02}:{s:02}",
              f"{h % 13}{rng.choice(['am', 'pm', ' a.m.', ' p.m.', ' AM', ' PM'])}",
              f"{h}:{mi:02} {rng.choice(['am', 'pm', 'a.m.', 'p.m.'])}",
              f"{rng.choice(['Jan', 'Feb', 'March', 'Sept.', 'Oct.', 'December'])} {d}",
              f"{d} {rng.choice(['Jan', 'March', 'Nov'])} {y}", f"{d}-Jan-{y}", f"June {d}-{d + 3}",
              f"{rng.choice(['Jan.', 'Sept.'])} {y}",
              f"{rng.choice(['Mon', 'Sat.', 'Sun.'])}, Dec {d}",
              f"{rng.choice(['in', 'since', 'by', 'of'])} {y}", f"{y} units"]  # fmt: skip
    return rng.choice(shapes)


def _money(rng: random.Random) -> str:
    amount = rng.choice([str(rng.randint(0, 999)), f"{rng.randint(0, 9999):,}",
                         f"{rng.randint(0, 999)}.{rng.randint(0, 99):02}", f"{rng.randint(0, 9)}.5",
                         f"{rng.randint(1, 999)},{rng.randint(0, 99):02}", ".99"])  # fmt: skip
    scale = rng.choice(_SCALES)
    cur, code = rng.choice(_CURRENCIES), rng.choice(_CODES)
    shapes = [f"{cur}{amount}{scale}", f"{amount}{cur}", f"{amount} {cur}", f"{code} {amount}",
              f"{amount} {code}", f"{cur}{amount}-{amount}{scale}", f"-{cur}{amount}",
              f"a {cur}{amount}", f"{cur} {amount}{scale}", f"{amount}{scale} {code}"]  # fmt: skip
    return rng.choice(shapes)


def _unit(rng: random.Random) -> str:
    unit = rng.choice(_UNITS)
    number = rng.choice(["1", "-1", "2", "3.5", str(rng.randint(0, 10000)), "1,500", "1/2"])
    shape = rng.choice(["{n}{u}", "{n} {u}", "a {n}{u} thing", "{n}-{u} call", "{n} {u}.",
                        "{n} {u}/{u}", "{n} sq {u}"])  # fmt: skip
    return shape.format(n=number, u=unit)


def _address(rng: random.Random) -> str:
    name = rng.choice(["example", "foo-bar", "x2", "münchen", "a_b", "jo.doe"])
    tld = rng.choice(["com", "org", "io", "ai", "de", "co.uk", "xyz", "gg"])
    return rng.choice([f"https://www.{name}.{tld}/a-b?q=1&x=2#top", f"www.{name}.{tld}",
                       f"{name}.{tld}/docs/v2", f"{name}@mail.{tld}", f"http://{name}.{tld}:8080",
                       f"mailto:{name}@{tld}.com", f"{name}.{tld}."])  # fmt: skip


def _chinese(rng: random.Random) -> str:
    def fill(template: str) -> str:
        return template.format(
            n=rng.choice([rng.randint(0, 20), rng.randint(0, 99999), f"{rng.randint(0, 99)}.5"]),
            y=rng.randint(1990, 2030), mo=rng.randint(1, 12), d=rng.randint(1, 31),
            h=rng.randint(0, 23), mi=f"{rng.randint(0, 59):02}", p="138 1234 5678",
            c=rng.randint(100000, 999999))  # fmt: skip

    pieces = [rng.choice(_CHINESE) if rng.random() < 0.6 else fill(rng.choice(_CHINESE_TEMPLATES))
              for _ in range(rng.randint(2, 8))]  # fmt: skip
    return rng.choice(["", " ", "，"]).join(pieces)


_PIECES: dict[str, Callable[[random.Random], str]] = {
    "word": lambda rng: rng.choice(_WORDS),
    "number": _number,
    "date": _date_or_time,
    "money": _money,
    "unit": _unit,
    "address": _address,
    "chinese": _chinese,
    "odd": lambda rng: "".join(rng.choices(_ODD, k=rng.randint(1, 3))),
}
"""Makers of one random piece of text, by kind ("literal", a slice of a test string, aside)."""


def _piece(rng: random.Random, literals: list[str]) -> str:
    kind = rng.choices([*_PIECES, "literal"], weights=[30, 14, 6, 6, 6, 3, 5, 4, 6])[0]
    if kind in _PIECES:
        return _PIECES[kind](rng)
    literal = rng.choice(literals)
    start = rng.randint(0, max(0, len(literal) - 20))
    return literal[start : start + rng.randint(5, 60)]


def generated(count: int, seed: int = 0) -> Iterator[str]:
    """``count`` random sentences (deterministic for a seed), 1 to 30 pieces each, some
    wrapped in markdown or LaTeX."""
    rng = random.Random(seed)
    literals = test_literals() + source_examples()
    for _ in range(count):
        pieces = [_piece(rng, literals) for _ in range(rng.randint(1, rng.choice([6, 12, 30])))]
        text = pieces[0]
        for piece in pieces[1:]:
            text += rng.choice(_SEPARATORS) + piece
        if rng.random() < 0.2:
            text = rng.choice(_MARKDOWN).format(t=text)
        if rng.random() < 0.1:
            text = "".join(rng.choice([c.upper(), c.lower(), c]) for c in text)
        yield text + rng.choice(_ENDINGS)


_DIGIT_SCRIPTS = ["٠١٢٣٤٥٦٧٨٩", "०१२३४५६७८९", "０１２３４５６７８９", "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗"]


def look_alikes(count: int, seed: int = 0) -> Iterator[str]:
    """``count`` literals with digits written in another script (``\\d`` matches them) or
    ``i``, ``s`` and ``I`` written ``ı``, ``ſ`` and ``İ`` (``re.I`` matches them): the
    characters a careless prefilter would miss."""
    rng = random.Random(seed)
    literals = [t for t in test_literals() + source_examples() if any(c.isdigit() for c in t)]
    for _ in range(count):
        text = rng.choice(literals)
        if rng.random() < 0.7:
            script, share = rng.choice(_DIGIT_SCRIPTS), rng.choice([1.0, 0.5])
            yield "".join(script[int(c)] if c in string.digits and rng.random() < share else c
                          for c in text)  # fmt: skip
        else:
            yield text.replace("i", "ı", 1).replace("s", "ſ", 1).replace("I", "İ", 1)


def inputs() -> list[str]:
    """The corpus's inputs, in order, without repeats."""
    everything = (test_literals() + source_examples() + list(generated(GENERATED))
                  + list(look_alikes(LOOK_ALIKES)))  # fmt: skip
    return list(dict.fromkeys(everything))


def record(path: Path = GOLDEN) -> int:
    """Write ``[input, normalize_text(input)]`` per line to ``path``; returns the count."""
    from voice_server.text.normalize import normalize_text

    lines = [json.dumps([text, normalize_text(text)], ensure_ascii=False) for text in inputs()]
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(path, "wb", mtime=0) as out:  # mtime 0: the same corpus, the same bytes
        out.write(("\n".join(lines) + "\n").encode("utf-8"))
    return len(lines)


if __name__ == "__main__":
    print(f"{record()} pairs written to {GOLDEN.relative_to(ROOT)}")
