r"""Chinese (Mandarin) readings of what a Chinese sentence writes with digits and symbols.

``read_chinese(text)`` rewrites the numbers of a mostly-Chinese sentence (``normalize`` decides
which sentences are) into Chinese characters, as a Mandarin speaker reads them aloud; the rest
of the sentence, English words included, is left as it is. Left to itself the model reads
digits in Chinese text unpredictably (English numbers mid-sentence, a phone number as one big
cardinal), so every reading below is spelled out. Pure and deterministic; every pattern is
anchored at the start of a digit run, so matching stays linear in the input's length.

What is read
------------
- Cardinals grouped by 万 and 亿 with their 零 (``10086`` 一万零八十六, ``1,234,567``
  一百二十三万四千五百六十七, ``100000000`` 一亿), 十 not 一十 in front, 两 before 千, 万 and
  亿 in front (``2000`` 两千); past 16 digits, and with a leading zero, digit by digit.
- Decimals (``3.14`` 三点一四), negatives (``-5`` 负五; ``-5℃`` 零下五摄氏度, ``-5~3℃``
  零下五到三摄氏度, after a day's word too, ``今天-5℃`` 今天零下五摄氏度; ``10℃-20℃`` is a
  range), percentages and per mille (``35%`` 百分之三十五,
  ``100%`` 百分之百), fractions (``1/3`` 三分之一, ``½`` 二分之一, ``1¼`` 一又四分之一), scores
  out of 5, 10 or 100 (``评分4.8/5`` 四点八分（满分五分）: a decimal's, or after 评分, 考了 ...,
  or before 分 or 星), 第N
  (第二, never 两; ``#1``, ``No.1`` 第一), list numbers at a line's start (``1.`` 一、), after a colon or
  inside a line (``如下：1. 打开 2. 点击`` 如下：一、打开，二、点击), a heading's (``## 1. 简介``),
  ``①`` and a keycap's ``1️⃣`` 一、.
- Years digit by digit before 年 (``2024年`` 二零二四年; not a span of years, ``有1000年历史``,
  ``大约1000年前`` 一千年), in a range of years (``2024/2025``
  too), a season (``2024-25赛季`` 二零二四到二零二五赛季), with a month (``2024-12``
  二零二四年十二月), before a quarter (``2024Q3`` 二零二四年Q三), and two digits before 年底, 年初,
  上半年, 春节, a month ... (``24年底`` 二四年底; ``20年底薪``, ``10年中`` are spans of years), or
  where the words say a year: 出生, 毕业, 世界杯 ... after 年, 在, 于, 从, 到 before it (not before
  内, 里, 前, 代 ...), or opening a sentence as a clause of its own (``98年出生``, ``在98年和99年``, ``98年，公司成立``
  九八年; ``在10年内``, ``工作了98年``, ``50年代`` count years).
- Dates (``2024-03-05``, ``2024/3/5``, ``2024.3.5`` 二零二四年三月五日; ``03/05/2024`` month
  first, ``15/03/2024`` day first); a range of dates with dots after 时间, 日期, 从 ..., or
  where as decimals it would be no range (``11.1-11.11`` 十一月一日到十一月十一日; not before a
  measure word or 节: ``1.5-2.5元``). A month and day written ``3/15`` is a date where the words
  around it say so: before 前, 后, 起, 截止, 到期, 号, 周五, a time, a holiday, 是 and a holiday or
  a weekday (``12/25是圣诞节`` 十二月二十五日是圣诞节) ..., after 于 (not 大于), 截至,
  日期, 时间, a weekday (``周三（6/12）`` 周三（六月十二日）) ..., or in a range (``请于3/15前`` 三月十五日前, ``3/15-3/20``); after 在, 从, 到 only
  a day past the 10th (``在3/15召开``, but ``降到1/2``), never before 处, 以上, 左右, 倍 ...;
  elsewhere it is a fraction (``3/4的人`` 四分之三, ``答案是5/3``, ``约等于22/7``). With those words, a
  first number that is no month is the day (``请于22/7前`` 七月二十二日前). A holiday named by
  its date: ``5.1假期`` 五一假期, ``3.8妇女节`` 三八妇女节, ``3.15晚会`` 三一五晚会, ``11.11大促``
  双十一大促.
- Times (``15:30`` 十五点三十分, ``8:05`` 八点零五分, ``2:00`` 两点); a ratio or score (``16:9``
  十六比九, ``1:1.5`` 一比一点五; ``9:16`` too before 的竖屏, 比例 ... or after 按, 比例),
  and after 比分 or before 获胜, 战胜 ... a score, not a time nor a range (``比分10:12``, ``以3-1战胜``).
- Durations written as clocks, after 用时, 耗时, 历时, 时长, 成绩, 跑了, 全程, 计时, 配速 ... or
  before 的成绩, 夺冠, and ``h:mm:ss`` past 24 hours (``38:15:20``): ``用时2:05:30``
  两小时零五分三十秒, as the news reads a marathon time (两 for the first field, 零 before a
  field under 10 or after a skipped one, zero fields left out, 分钟 when it ends on minutes:
  ``耗时1:30:00`` 一小时三十分钟). Two fields there are minutes and seconds, as on a stopwatch
  or a video's length (``用时38:15`` 三十八分十五秒), but hours and minutes after what lasts hours:
  a meeting, a flight, an exam, a class, a film (``会议时长1:30`` 一小时三十分钟). Without those
  words, and before 开始, 出发, 前 ... or a range's dash (``全程9:00-17:00``), ``15:30`` stays a
  clock time.
- Ranges (``3-5天`` 三到五天, ``10~20%`` 百分之十到百分之二十, ``9:00-18:00``, ``-5℃~3℃``
  零下五摄氏度到三摄氏度); a tilde before a number alone is 约 (``~100元`` 约一百元).
- Money: ``¥ ￥ $ € £ ₩ ₽ ₹ HK$ US$ NT$`` before the amount, ``USD CNY RMB EUR ...`` around it,
  with a scale (``$1.5M`` 一百五十万美元, ``¥3.5万`` 三点五万元), without trailing zeros
  (``¥1,299.00`` 一千二百九十九元, ``29.90元``); ``299元``, ``1.5亿美元`` are cardinals before
  their Chinese words. ``20k``, ``3w`` (千, 万) as amounts, ``8k`` too after 月薪, 预算 ... or
  before ``-12k`` (else ``4K`` is a resolution, 四K); ``7B`` without a currency is a model's
  size, said as written (七B).
- Units after a number (one of a single letter spaced too where the Chinese goes on:
  ``约为20 m。`` 二十米): km 公里, kg 公斤, rpm 转, ℃/°C 摄氏度, m² 平方米, cm 厘米, ml 毫升, km/h
  公里每小时, GB (G), MB (兆), mmHg 毫米汞柱, mmol/L 毫摩尔每升, kcal 千卡, nm 纳米, μg/m³
  微克每立方米, dB 分贝, kPa 千帕, mA 毫安, N·m 牛米, g/mol 克每摩尔, kJ 千焦, bar 巴 and others (``_UNITS``; after 万
  too: ``5万IU`` 五万国际单位), a motor oil's grade (``0W-20`` 零W二十), a prescription's ``q8h``
  (每八小时), and per a unit after an
  amount (``3万/㎡`` 三万每平方米, ``¥20/kg`` 二十元每公斤; sizes of memory to choose from are
  joined by 或, ``128GB/256GB/1TB``, unless a word of use is before them: ``已用8GB/16GB``
  已用八G，共十六G); blood pressure is no fraction
  (``血压120/80`` 一百二十比八十).
- Heights (``1米75`` 一米七五), a sprint's time (``9秒83`` 九秒八三), a phone's chip
  (``骁龙888`` 八八八, ``天玑9300+`` 九三零零加, ``麒麟9000`` 九千), discounts (``75折`` 七五折), generations (``80后`` 八零后), the
  shopping festival ``618`` 六一八 (before 大促, 活动 ..., after 京东, 双十一和).
- 两 for a lone 2 before a measure word or unit (``2个`` 两个, ``2点`` 两点, ``2-3天`` 两到三天,
  ``3室2厅`` 三室两厅), 二 elsewhere (``12个`` 十二个, ``2月``, ``2号``, ``2%``).
- Digit by digit, 1 as 幺 as it is said on the phone and in codes: mobile and landline numbers
  (``(010) 6552-9988`` too, an extension after 转), 400/800 numbers, ``+86``, 110/120/119
  before 报警, 急救 ..., numbers after 拨打, 电话, 验证码, 订单号, 尾号, 后四位, 房间, 端口,
  身份证号, QQ号, 座位号 ... (``验证码是 583920`` 五八三九二零), a room after its building
  (``A座1203``, ``2单元302``), a stock's code in brackets or with its exchange (``(600519)``,
  ``00700.HK``), and five or more after ``#``
  (``订单#12345`` 订单幺二三四五; ``排名#12`` is 第十二), the hotlines 12306, 12315 and
  12123 wherever they are, rooms (``302室``), trains and flights (``G1234`` G幺二三四, ``G1次``,
  ``CA1234``, ``A320``), licence plates (``京A·12345`` 京A幺二三四五), and a code word's value in
  JSON (``"订单号": "2024..."``).
- Model names as they are said in Chinese tech talk (from usage: no style guide covers them).
  A GPU's four digits one by one (``RTX 4090`` 四零九零), an accelerator's round number as a
  number (``A100`` A一百, ``H800`` H八百, ``GB200`` GB二百, ``A6000`` A六千: NVIDIA's letters A,
  B, H, P, V, GB, GH before 100, 200 ... 9000; after 编号, 座位号 ... it is a code again), a
  phone's or a language model's version as a number (``iPhone 15`` 十五, ``GPT-4`` 四,
  ``Qwen2.5`` 二点五, ``H20`` H二十; ``HTTP/2`` HTTP 二, ``Windows 10/11`` 十或十一), an aircraft's
  three digits one by one (``波音737`` 七三七, its variant a number, ``波音737-800`` 七三七八百;
  ``A320`` A三二零; but the round ``A300`` is A三百, as A100 is and as it is commonly said), a
  lithium cell's size (``18650电芯`` 一八六五零), and a video's lines (``1080p`` 一零八零p;
  ``4K`` 四K). Versions and IP addresses (``v2.1`` v二点一, ``192.168.1.1``) with 一; a
  package's pin, ``numpy==1.26.4`` numpy 一点二十六点四 (no 等于).
- A number glued to an English name, or after its hyphen, is no range's start (``Qwen2.5-7B``,
  ``Llama-3-70B``, ``A100-80G``); its K is a letter and four digits or more are read one by one
  (``i7-13700K`` i七-一三七零零K).
- In an equation (a run of operands and signs with ``=`` or ``≈``) a dash between operands is
  减 (``5-3=2`` 五减三等于二, ``x²-1=0``); scientific notation, ``1e-4`` 一乘十的负四次方.
- A plus sign before a number alone is 正 (``涨幅+3.25%`` 涨幅正百分之三点二五; ``区号+86``
  加八六).
- Full-width digits and signs (``１２３``, ``％``) read as their ASCII forms; ``1+1`` 一加一,
  ``100+`` 一百多 (after a name, ``HDR10+`` HDR十加, ``iOS 15+`` iOS十五及以上); ``(a+b)/2``
  (a加b)除以二, ``(x+1)/(x-1)`` with 减; a lens's ``f/2.8`` F二点八; ``Python 3.x`` 三点x;
  after a product's name a version's minor number a number, ``Python 3.10+`` 三点十及以上
  (and after 比 one its sentence named, ``Python 3.12比3.11快`` 三点十一);
  ``20 tokens/s`` 二十 tokens每秒; sets and reps, ``4组×8次`` 四组，每组八次; ``1920x1080``, ``5x5`` with 乘 (``0x1F`` stays); ``x²``
  x的平方; ``2^10``,
  ``10⁸`` 二的十次方, 十的八次方.

What is left
------------
English words and letters stay as written, and numbers inside URLs and emails are for
``normalize``. Readings that need more than a few characters of context, or knowledge of the
world, are left to a guess:

- ``98年`` with no word around it that says a year (``我是98年的``) is ninety-eight years, not
  1998, and ``60后`` a generation even where it means "after sixty"; ``101路`` (a bus route) is a
  cardinal.
- A two-field duration after 时长, 耗时 with no word before it that says hours (a meeting, a
  flight ... above) is minutes and seconds: right for ``通话时长1:30`` (call logs write so), a
  guess for ``总时长1:30``.
- ``3/5`` after 在, 从, 到 with a day up to the 10th, or with no date word near it
  (``延期到3/5。``), is a fraction: ``降到1/2`` is one too, and no rule of a few characters tells
  them apart.
- Accelerators outside the NVIDIA letters (``MI300X``) follow the rules above; ``端口改为8080`` is a
  cardinal (a code word must come right before its digits, as in ``端口号是8080``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from voice_server.text.rules import Rule, apply as _apply

_DIGITS = "零一二三四五六七八九"
_SMALL = ("", "十", "百", "千")
_BIG = ("", "万", "亿", "万亿")
_MAX_CARDINAL_DIGITS = 16
"""Up to 万亿 groups (10^16); longer numbers are read digit by digit."""
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_OPEN, _CLOSE = "\x01", "\x02"
"""Marks around each reading while the rules run: spaces between a reading and Chinese text
are dropped (``共 3 节`` 共三节), and two readings joined by a dash are a range."""
_GLUED = "\x03"
"""Closes a reading glued to a Latin word instead (``Qwen2.5-7B``): a dash after it is no range."""


def digits_zh(text: str, yao: bool = False) -> str:
    """``"0571"`` -> 零五七一 (``yao``: 零五七幺, as numbers are read on the phone, where 一 and
    七 sound alike). Characters other than digits are skipped."""
    out = [_DIGITS[int(c)] for c in text if c.isdecimal()]
    if yao:
        out = ["幺" if d == "一" else d for d in out]
    return "".join(out)


def _below_10000(n: int) -> str:
    """``1005`` -> 一千零五: one 零 for each run of zeros inside the group."""
    out: list[str] = []
    zero = False
    for power in (3, 2, 1, 0):
        d = n // 10**power % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(_DIGITS[d] + _SMALL[power])
    return "".join(out)


def cardinal_zh(n: int) -> str:
    """``10086`` -> 一万零八十六, ``100010`` -> 十万零一十, ``2000`` -> 两千, ``-3`` -> 负三."""
    if n < 0:
        return "负" + cardinal_zh(-n)
    if n == 0:
        return "零"
    if len(str(n)) > _MAX_CARDINAL_DIGITS:
        return digits_zh(str(n))
    groups = []
    while n:
        n, group = divmod(n, 10000)
        groups.append(group)
    out, gap = "", False
    for index in reversed(range(len(groups))):
        group = groups[index]
        if group == 0:
            gap = bool(out)
            continue
        if out and (gap or group < 1000):
            out += "零"
        out += _below_10000(group) + _BIG[index]
        gap = False
    if out.startswith("一十"):
        out = out[1:]
    if out.startswith("二") and out[1:2] in ("千", "万", "亿"):
        out = "两" + out[1:]
    return out


def number_zh(text: str, liang: bool = False) -> str:
    """A numeral as written: ``1,234.5`` 一千二百三十四点五, ``007`` 零零七, ``-2`` 负二.
    ``liang``: a lone 2 is 两 (it counts something: 两个)."""
    text = text.replace(",", "")
    sign = "负" if text[:1] in "-−" else ""
    text = text.lstrip("-−")
    whole, _, fraction = text.partition(".")
    if liang and whole == "2" and not fraction and not sign:
        return "两"
    if not whole:
        words = "零"
    elif (len(whole) > 1 and whole[0] == "0") or len(whole) > _MAX_CARDINAL_DIGITS:
        words = digits_zh(whole)
    else:
        words = cardinal_zh(int(whole))
    return sign + words + ("点" + digits_zh(fraction) if fraction else "")


_SCALES = {"k": 1000, "K": 1000, "w": 10000, "W": 10000, "M": 10**6, "B": 10**9}


def _scaled(number: str, scale: str) -> str:
    """``1.5`` with ``M`` -> 一百五十万: English scales become the Chinese number they make."""
    try:
        value = Decimal(number.replace(",", "")) * _SCALES[scale]
    except (InvalidOperation, KeyError):
        return number_zh(number)
    return number_zh(format(value.normalize(), "f"))


def _mark(words: str) -> str:
    return _OPEN + words + _CLOSE


# --- what follows a number ----------------------------------------------------------------------

_MEASURE = ("个|位|只|条|张|本|件|台|辆|次|天|年(?!级)|岁|周|倍|点|种|样|家|所|名|人|斤|"
            "千克|公斤|公里|米|克|吨|升|毫升|小时|分钟|秒|份|双|对|套|杯|瓶|碗|块|元|美元|角|毛|"
            "分(?!之)|亿|万|千|百|间|遍|场|首|部|门|句|页|篇|项|颗|片|根|头|匹|棵|朵|把|支|封|"
            "段|道|步|声|度|下|口|届|轮|期|集|章|节|层楼|座|盒|包|袋|箱|辈子|星期|晚|夜|粒|勺|汤匙|"
            "茶匙|滴|成|趟|圈|盘|罐|桶|枚|架|艘|栋|幅|串|锅|壶|顿|笔|剂|针|排|行|室|厅|卫(?![星视生])")  # fmt: skip
"""Measure words (and 元, 万 ...) before which a lone 2 is 两; 月, 号 and 楼 are not among them
(二月, 二号, 二楼)."""
_LIANG_AHEAD = re.compile(rf"(?:\s?[-~～–—到至]\s?\d+(?:\.\d+)?)?\s?(?:{_MEASURE})")
"""A measure word after the number, or after the range it starts (``2-3天`` 两到三天)."""

_UNITS: dict[str, tuple[str, bool]] = {
    "mmHg": ("毫米汞柱", False), "mmol/L": ("毫摩尔每升", False), "kcal": ("千卡", True),
    "km/h": ("公里每小时", True), "m/s": ("米每秒", True), "km²": ("平方公里", True),
    "m²": ("平方米", True), "cm²": ("平方厘米", True), "m³": ("立方米", True),
    "cm³": ("立方厘米", True), "㎡": ("平方米", True), "㎞": ("公里", True), "㎏": ("公斤", True),
    "km": ("公里", True), "cm": ("厘米", True), "mm": ("毫米", True), "kg": ("公斤", True),
    "mg": ("毫克", True), "ml": ("毫升", True), "mL": ("毫升", True), "℃": ("摄氏度", False),
    "°C": ("摄氏度", False), "°F": ("华氏度", False), "°": ("度", False), "GB": ("G", True),
    "MB": ("兆", True), "TB": ("T", True), "KB": ("K", True), "Gbps": ("G", True),
    "Mbps": ("兆", True), "GHz": ("吉赫兹", True), "MHz": ("兆赫", True), "Hz": ("赫兹", True),
    "kWh": ("千瓦时", True), "kW": ("千瓦", True), "mAh": ("毫安时", True), "min": ("分钟", True),
    "ms": ("毫秒", True), "m": ("米", True), "g": ("克", True), "L": ("升", True),
    "W": ("瓦", True), "V": ("伏", True), "s": ("秒", True), "h": ("小时", True),
    "μg/m³": ("微克每立方米", False), "µg/m³": ("微克每立方米", False), "mg/m³": ("毫克每立方米", False),
    "mg/L": ("毫克每升", False), "μg": ("微克", True), "µg": ("微克", True), "μm": ("微米", True),
    "µm": ("微米", True), "nm": ("纳米", True), "dB": ("分贝", True), "MPa": ("兆帕", True),
    "kPa": ("千帕", True), "hPa": ("百帕", True), "Pa": ("帕", True), "mA": ("毫安", True),
    "kΩ": ("千欧", True), "Ω": ("欧", True), "mol/L": ("摩尔每升", False),
    "mmol": ("毫摩尔", True), "mol": ("摩尔", True), "IU": ("国际单位", False),
    "fps": ("帧每秒", False), "rpm": ("转", False), "RPM": ("转", False),
    "g/cm³": ("克每立方厘米", False), "kg/m³": ("千克每立方米", False),  # were g slash cm的立方
    "µA": ("微安", True), "μA": ("微安", True), "µF": ("微法", True), "μF": ("微法", True),
    "nF": ("纳法", True), "pF": ("皮法", True), "mV": ("毫伏", True), "kV": ("千伏", True),
    "g/mol": ("克每摩尔", False), "ng/mL": ("纳克每毫升", False), "ng/ml": ("纳克每毫升", False),
    "ng": ("纳克", True), "N·m": ("牛米", False), "N m": ("牛米", False), "Nm": ("牛米", False),
    "kN": ("千牛", True), "kJ": ("千焦", True), "bar": ("巴", True),
}  # fmt: skip
"""Units after a number: their Chinese word, and whether a lone 2 before it is 两."""
_UNIT_NAMES = sorted(_UNITS, key=len, reverse=True)
"""Longest first, so that ``mg/m³`` is one unit, not ``mg`` and then ``/m³``."""
_ONE_LETTER_UNITS = "|".join(u for u in _UNITS if len(u) == 1)
_UNIT = ("(?:" + "|".join(re.escape(u) for u in _UNIT_NAMES if len(u) > 1)
         + rf")(?![A-Za-z])|(?<=\d)(?:{_ONE_LETTER_UNITS})(?![A-Za-z²³])"
         + rf"|(?<=\d[ \t])(?:{_ONE_LETTER_UNITS})(?=[{_CJK}，。！？；：、]|$)")  # fmt: skip
"""A unit; one of a single letter right after the digits (``5m``), or after a space where the
sentence's Chinese goes on or it ends (``约为20 m。`` 二十米; ``5 m long`` is no unit)."""

_NUM = r"(?<![\d.])\d+(?:,\d{3})*(?:\.\d+)?(?![\d])"
"""A numeral starting at the start of a digit run: each match is tried from a run's start only,
which keeps every rule linear-time."""
_SIGN = r"(?:(?<![A-Za-z0-9_.)\x02\x03℃°²³])([-−]))?"
"""A minus sign: not after a letter, digit, bracket, degree, power or reading (``COVID-19``,
``3-5``, ``第3-5章``, ``10℃-20℃``, ``x³-3x`` are no negatives)."""
_DASH = r"\s?[-~～–—至到]\s?"
_PART_OF_DAY = r"(?:上午|下午|中午|晚上|早上|凌晨|傍晚|夜里|次日|第二天|明天|今天)+"
"""Words that open a time of day: a dash before them and a time is a range's (上午9:00-下午5:00)."""

_CURRENCY_WORDS = {"¥": "元", "$": "美元", "US$": "美元", "HK$": "港元", "NT$": "新台币",
                   "A$": "澳元", "C$": "加元", "S$": "新加坡元", "€": "欧元", "£": "英镑",
                   "₩": "韩元", "₽": "卢布", "₹": "卢比", "USD": "美元", "CNY": "元", "RMB": "元",
                   "EUR": "欧元", "GBP": "英镑", "JPY": "日元", "HKD": "港元"}  # fmt: skip
_SYMBOL = "|".join(re.escape(c) for c in sorted(_CURRENCY_WORDS, key=len, reverse=True)
                   if not c.isalpha())  # fmt: skip
_CURRENCY_SIGNS = ("$", "¥", "€", "£", "₩", "₽", "₹")
"""One of these is in each symbol of ``_SYMBOL`` (``$`` in ``HK$``)."""
_CODE = "USD|CNY|RMB|EUR|GBP|JPY|HKD"
_SCALE = r"(?:[KkwMB](?![A-Za-z])|千万|百万|万亿|万|亿|千)?"

_CODE_WORDS = ("拨打|致电|呼叫|拨|电话|热线|手机号|手机|号码|验证码|校验码|动态码|密码|取件码|"
               "提货码|取餐号|订单号|单号|运单号|编号|工号|学号|账号|卡号|尾号|车次|航班号|航班|"
               "房间号|房间|房号|邮编|邮政编码|代码|序列号|报警|急救|火警|打|QQ群号?|QQ号?|微信号|"
               "端口号?|身份证号码?|身份证|证件号码?|护照号码?|座位号|座号|车牌号?|"
               + "|".join(c + "[三四六4-8]位(?:数字|号码|数)?" for c in "后末尾"))  # fmt: skip
"""Words after which digits are a number to dial or type, read digit by digit. Each starts
with a fixed character (后四位, not [后末尾]四位), so that a search for them skips ahead to those
characters instead of trying every word at every position."""
_CODE_WORD_NEEDS = ("拨", "致电", "呼叫", "电话", "热线", "手机", "号", "码", "车次", "航班", "房间",
                    "邮编", "报警", "急救", "火警", "打", "QQ", "端口", "身份证", "证件", "护照", "车牌",
                    "位")  # fmt: skip
"""One of these is in each of ``_CODE_WORDS`` (号 in 订单号, 码 in 验证码, 位 in 后四位)."""
_CODE_AFTER = "室|房间|号房|次列车|次航班|航班"
_EMERGENCY_AFTER = "报警|急救|火警|求助|求救|电话|热线"


def _group_digits(text: str, yao: bool = True) -> str:
    """``138-1234 5678`` -> 幺三八 幺二三四 五六七八: groups kept, a pause between them."""
    return " ".join(digits_zh(g, yao) for g in re.split(r"[ -]+", text.strip()) if g)


_OR = "或者|或|和|、|/"
"""Between two numbers to dial: ``拨打110或120``, ``拨打 120 或 110``."""


def _code(m: re.Match[str]) -> str:
    if sum(c.isdecimal() for c in m[3]) < 3:
        return m[0]
    numbers = re.split(f"( ?(?:{_OR}) ?)", m[3])
    return m[1] + m[2] + "".join(
        _mark(_group_digits(n)) if i % 2 == 0 else n for i, n in enumerate(numbers))


_WIN = "获胜|战胜|击败|取胜|胜出|告负|落败|负于|惜败|惨败|战平|逼平|力克|险胜|大胜|完胜|领先|落后"
"""Words after a score."""


def _score(m: re.Match[str]) -> str:
    if m[1] is None and m[4] is None:
        return m[0]
    return (m[1] or "") + _mark(number_zh(m[2]) + "比" + number_zh(m[3]))


def _list_number(m: re.Match[str]) -> str:
    """A list's number: 一、; a comma before it after the previous item's text."""
    number = int(m[2]) if m[2] else ord(m[3] or m[4] or m[6]) - ord("①") + 1
    return ("，" if m[1] or m[5] else "") + _mark(cardinal_zh(number)) + "、"


_NAME_BEFORE = re.compile(r"(?<![A-Za-z])[A-Za-z]*[A-Z][A-Za-z]* $")
"""A name (a word with a capital: Windows, iOS, RTX) and a space, before versions."""


def _versions(m: re.Match[str]) -> str:
    """``Windows 10/11``, ``RTX 3080/3090``: two versions of a name (十或十一, 三零八零或三零九零),
    the second the next or a model's number; else left (a fraction, a date: ``score 7/10``)."""
    first, second = m[1], m[2]
    name = _NAME_BEFORE.search(m.string, max(0, m.start() - 16), m.start())
    if name is None or not (0 < int(second) - int(first) <= 2
                            or (len(first) >= 3 and int(second) > int(first))):  # fmt: skip
        return m[0]
    return _mark(_model_number(first)) + "或" + _mark(_model_number(second))


def _model_number(number: str) -> str:
    return digits_zh(number) if len(number) >= 3 else number_zh(number)


def _date(m: re.Match[str]) -> str:
    year, month, day = m[1], int(m[3]), int(m[4])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return m[0]
    return _mark(f"{digits_zh(year)}年{cardinal_zh(month)}月{cardinal_zh(day)}日")


def _date_year_last(m: re.Match[str]) -> str:
    """``03/15/2024`` (month first, as in American text) or ``15/03/2024`` (day first, when
    the first number can be no month): 二零二四年三月十五日."""
    first, second = int(m[1]), int(m[2])
    month, day = (second, first) if first > 12 else (first, second)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return m[0]
    return _mark(f"{digits_zh(m[3])}年{cardinal_zh(month)}月{cardinal_zh(day)}日")


_DATE_AFTER = re.compile(r"\s?(?:之?前|之?后|以[前后]|起|止|截止|到期|为止|当天|那天|开始|号|日|"
                         r"[(（]?(?:周|星期|礼拜)[一二三四五六日天]|\d{1,2}:\d{2}|"
                         r"举行|举办|召开|发布|上线|发货|开学|开幕|放假|"
                         r"(?:是|为|即)(?:周|星期|礼拜)[一二三四五六日天]|"
                         r"(?:是|为|即)?(?:愚人节|圣诞节?|平安夜|情人节|国庆|元旦|除夕|春节|万圣节|"
                         r"感恩节|劳动节|儿童节|妇女节|教师节|母亲节|父亲节|生日|纪念日))")  # fmt: skip
"""Words after a month and day written as ``3/15`` (请于3/15前, 3/15号, 3/15（周五）, 3/15 23:59,
``12/25是圣诞节``: a weekday or a holiday after 是 too)."""
_DATE_BEFORE = re.compile(r"(?:(?:(?<![大小等高低多少过当对属由在优劣])于|截至|截止|日期|今天|明天|"
                          r"后天|昨天|今日|明日|生日)(?:[是为：:\s]|到|在){0,2}|时间[是为：:]\s?|"
                          r"(?:周|星期|礼拜)[一二三四五六日天]\s?[(（]?)$")
"""Words before one: 于 (not 大于, 等于: a comparison), 截至, 日期, 时间： (not 占总时间1/3), a
weekday (周三（6/12）, 星期一 3/18) ..."""
_DATE_BEFORE_WEAK = re.compile(r"(?:在|从|到|至|自)\s?$")
"""在, 从, 到 before a date (在3/15召开), or before a fraction (在1/3处, 降到1/2)."""
_FRACTION_AFTER = re.compile(r"\s?(?:左右|以上|以下|以内|处|强|弱|倍)")
"""Words after a fraction, never after a date (于1/2处, 1/3以上)."""
_FRACTION_AFTER_WEAK = re.compile(r"\s?(?:的|之|多)")
"""And words after a fraction that may follow a date too (在3/4的人中, 于3/15的会上)."""


def _month_day(month: int, day: int, suffix: str = "日") -> str | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{cardinal_zh(month)}月{cardinal_zh(day)}{suffix}"


def _slash_date(m: re.Match[str]) -> str:
    """``3/15`` where the words around it say it is a date: 三月十五日; else a fraction, left to
    the fraction rule. After 在, 从, 到 (which come before fractions as well) only a day past
    the 10th makes a date: fractions have small denominators (降到1/2, 在3/15召开)."""
    after = _DATE_AFTER.match(m.string, m.end(2))
    window = (max(0, m.start() - 8), m.start())
    fraction_after = _FRACTION_AFTER.match(m.string, m.end(2)) is not None
    date = (after is not None or (not fraction_after and (
        _DATE_BEFORE.search(m.string, *window) is not None
        or (_DATE_BEFORE_WEAK.search(m.string, *window) is not None and int(m[2]) > 10
            and _FRACTION_AFTER_WEAK.match(m.string, m.end(2)) is None))))  # fmt: skip
    suffix = "" if after is not None and after[0].strip() in ("号", "日") else "日"
    first, second = int(m[1]), int(m[2])
    if first > 12:  # 请于22/7前: no month comes first, so the day does (as in Hong Kong)
        first, second = second, first
    words = _month_day(first, second, suffix) if date else None
    return m[0] if words is None else _mark(words)


def _slash_date_range(m: re.Match[str]) -> str:
    """``3/15-3/20`` 三月十五日到三月二十日: forward in time; ``1/4~1/3``, ``1/3-2/3`` (one
    denominator, a small one) are ranges of fractions."""
    first, last = (int(m[1]), int(m[2])), (int(m[3]), int(m[4]))
    start, end = _month_day(*first), _month_day(*last)
    if start is None or end is None or first >= last or (first[1] == last[1] <= 10):
        return m[0]
    return _mark(start + "到" + end)


_DATE_WORD_BEFORE = re.compile(r"(?:时间|日期|期间|从|自|于)[：:为是]?\s?$")
_NOT_A_DATE_AHEAD = re.compile(rf"\s?(?:{_MEASURE}|节|章|条|款|版)")


def _dotted_date_range(m: re.Match[str]) -> str:
    """``11.1-11.11`` 十一月一日到十一月十一日, forward in time, where the words before it say
    it is a date (时间, 日期, 从 ...) or where, read as decimals under one whole number, it
    would be no range (11.1 to 11.11: no one writes a hundredth's step so); never before a
    measure word or 节, 章 (``1.5-2.5元``, ``1.5-1.75倍``, ``第3.1-3.12节``)."""
    first, last = (int(m[1]), int(m[2])), (int(m[3]), int(m[4]))
    if first >= last or _NOT_A_DATE_AHEAD.match(m.string, m.end()):
        return m[0]
    places = len(m[4]) - len(m[2])
    numbered = m[1] == m[3] and places > 0 and last[1] - first[1] * 10**places < 10**places
    if not numbered and not _DATE_WORD_BEFORE.search(m.string, max(0, m.start() - 6), m.start()):
        return m[0]
    start, end = _month_day(*first), _month_day(*last)
    return m[0] if start is None or end is None else _mark(start + "到" + end)


def _year_range(m: re.Match[str]) -> str:
    """``2020-2024年``, ``1990-1995``: years; ``1000-2000元`` is a range of amounts."""
    first, last = int(m[1]), int(m[2])
    years = re.compile(r"\s?年").match(m.string, m.end()) is not None
    if not (1000 <= first < last <= 2999 and (years or 1900 <= first <= last <= 2099)):
        return m[0]
    return _mark(digits_zh(m[1]) + "到" + digits_zh(m[2]))


def _season(m: re.Match[str]) -> str:
    """``2024-25``, ``2023/24`` (a season, a school year: the next year by its last two digits)
    二零二四到二零二五; ``2024-12`` is no season unless 赛季, 学年 ... follow it."""
    first, last = int(m[1]), int(m[2])
    if (first + 1) % 100 != last or (last <= 12 and m[3] is None):
        return m[0]
    return _mark(digits_zh(m[1]) + "到" + digits_zh(str(first + 1)))


_YEAR_OF_AFTER = re.compile(r"年(?:出生|生人|生的|毕业|入学|入职|参加工作|结婚|那年|那一年|的时候|"
                            r"世界杯|奥运会?|亚运会|春晚|[春夏秋冬][天季]|版|款)")
"""What happened in a year (``98年出生``, ``98年世界杯``): what lasts years does not."""
_YEAR_IN_BEFORE = re.compile(r"(?:(?<![存现实内正])在|(?<![大小等高低多少过])于|从|自|"
                             r"(?<![\d\x02\x03一二三四五六七八九十两几])[到至]|\x02年(?:和|与|或|、))$")
_TWO_DIGITS_AND_BEFORE = re.compile(r"(?<![\d.])\d{2}年(?:和|与|或|、)$")
"""在, 于, 从, 到 ... before a year (``在98年``, ``从05年起``), or a year read before and 和
(``在98年和99年``); 存在, 正在 are no 在, 大于, 少于 compare spans, and 3到10年 (三到10年) is a
range of them."""
_YEARS_AFTER = re.compile(r"年(?:[代级间内里来中前后多以半头龄薪终的时了期限度份月]|左右)")
"""What makes ``N年`` a span of years or no year at all (``在10年内``, ``50年代``), whatever
came before it."""
_SENTENCE_START = re.compile(r"(?:^|[。！？!?\n]\s*)$")
"""Where a year opens a story (``98年，公司成立``); inside a sentence ``，15年，`` is as often a
span of years (``他说，15年，足够了``)."""


def _two_digit_year(m: re.Match[str]) -> str:
    year = _is_two_digit_year(m.string, m.start(), m.end())
    if not year:  # 在98年和99年: the second as the first (read in this same pass)
        before = _TWO_DIGITS_AND_BEFORE.search(m.string, max(0, m.start() - 4), m.start())
        year = before is not None and _is_two_digit_year(m.string, before.start(),
                                                         before.start() + 2)
    return _mark(digits_zh(m[1])) if year else m[0]


def _is_two_digit_year(text: str, start: int, end: int) -> bool:
    """Two digits before 年 are a year, read digit by digit (``98年`` 九八年), where the words
    say so: what happened then after it (``98年出生``), 在, 于, 从, 到 before it (unless a span's
    word follows: ``在10年内``), or a clause of its own opening a sentence, unless a round number (``98年，公司成立``;
    ``十年，弹指一挥间``). Elsewhere they count years (``工作了98年``), and bare ``98年`` is left
    so: no rule of a few characters tells."""
    if _YEAR_OF_AFTER.match(text, end) is not None:
        return True
    if _YEARS_AFTER.match(text, end) is not None:
        return False
    window = max(0, start - 3), start
    return _YEAR_IN_BEFORE.search(text, *window) is not None or (
        _SENTENCE_START.search(text, *window) is not None and text[end - 1] != "0"
        and text[end + 1 : end + 2] in ("，", ","))  # fmt: skip  # not 十年，弹指一挥间


_SPAN_OF_YEARS_AFTER = re.compile(r"\s?年(?:的)?(?:历史|之久)")
_SPAN_OF_YEARS_BEFORE = re.compile(r"(?:大约|约|近|将近|长达|超过|逾|足足|历经|整整)$")
"""Words that make ``1000年`` a span of years, not a year: ``有1000年历史``, ``大约1000年前``."""


def _year(m: re.Match[str]) -> str:
    span = (_SPAN_OF_YEARS_AFTER.match(m.string, m.end()) is not None
            or _SPAN_OF_YEARS_BEFORE.search(m.string, max(0, m.start() - 2), m.start()) is not None)
    if span or not 1000 <= int(m[1]) <= 2999:
        return m[0]  # read as a number by the rules after
    return _mark(digits_zh(m[1]))


_RATIO_BEFORE = re.compile(r"(?:比例|比例尺|画幅|宽高比|配比|按)[为是：:\s]{0,2}$")
_RATIO_AFTER = re.compile(r"\s?的?(?:比例|竖屏|横屏|画幅|屏幕?|尺寸|宽高比|画面|配比)")
"""Words around a ratio written like a time (``9:16的竖屏``, ``按1:50``)."""


def _time(m: re.Match[str]) -> str:
    hour, minute = int(m[1]), int(m[2])
    if hour > 24 or minute > 59 or (m[3] is not None and int(m[3]) > 59):
        return m[0]
    if m[3] is None and (_RATIO_AFTER.match(m.string, m.end()) is not None or _RATIO_BEFORE.search(
            m.string, max(0, m.start() - 6), m.start()) is not None):
        return m[0]  # left to the ratio rule
    words = ("两" if hour == 2 else cardinal_zh(hour)) + "点"
    if minute or m[3] is not None:
        words += ("零" if minute < 10 and minute else "") + cardinal_zh(minute) + "分"
    if m[3] is not None:
        second = int(m[3])
        words += ("零" if second < 10 and second else "") + cardinal_zh(second) + "秒"
    return _mark(words)


_DURATION_BEFORE = re.compile(r"(?:用时|耗时|历时|时长|成绩|跑了|全程|计时|配速|片长|纪录|跑出|游出|完赛)"
                              r"(?:[为是：:\s]|约|仅|只|达|共|了|不到|超过|近){0,3}$")
_DURATION_AFTER = re.compile(r"的?(?:成绩|用时|完赛|夺冠|撞线)")
"""Words before or after a duration written as a clock (``用时2:05:30``, ``以2:01:09的成绩``)."""
_CLOCK_AFTER = re.compile(r"\s?(?:[-~～–—到至]\s?\d{1,2}:\d{2}|开始|出发|开放|结束|起飞|到达|集合|"
                          r"截止|之?前|之?后|以[前后]|起)")
"""But a clock it is before these, whatever came before it (``全程9:00-17:00``, ``计时8:00开始``)."""
_HOURS_BEFORE = re.compile(r"(?:会议|开会|飞行|航程|车程|行程|睡眠|课程|上课|培训|讲座|直播|演出|考试|手术|"
                           r"电影|影片|工作)(?:的|总|单次|全程|平均){0,2}(?:时长|用时|耗时|历时)"
                           r"(?:[为是：:\s]|约|仅|只|达|共|了|不到|超过|近){0,3}$")
"""What lasts hours, not minutes: two fields after its length are hours and minutes
(``会议时长1:30`` 一小时三十分钟, as a meeting is an hour and a half); a video's, a song's, a
call's or a race's two fields stay minutes and seconds (``视频时长3:45``)."""


def _duration(m: re.Match[str]) -> str:
    """``h:mm:ss`` or ``m:ss`` after 用时, 成绩 ... (or past 24 hours): 两小时零五分三十秒,
    三十八分十五秒. Anything else is left to the clock and ratio rules."""
    hours, minutes, seconds = (m[1], m[2], m[3]) if m[3] is not None else (None, m[1], m[2])
    if (hours is None and m[4] is None and int(m[1]) + int(m[2]) > 0
            and _HOURS_BEFORE.search(m.string, max(0, m.start() - 16), m.start()) is not None):
        hours, minutes, seconds = m[1], m[2], None  # 会议时长1:30: an hour and a half
    fields = [int(f) for f in (hours, minutes, seconds) if f is not None]
    if fields[-1] > 59 or (hours is not None and fields[1] > 59):
        return m[0]
    context = (_DURATION_BEFORE.search(m.string, max(0, m.start() - 12), m.start()) is not None
               or _DURATION_AFTER.match(m.string, m.end()) is not None)  # fmt: skip
    past_a_day = hours is not None and int(hours) > 24
    if not past_a_day and (not context or _CLOCK_AFTER.match(m.string, m.end()) is not None):
        return m[0]
    words, gap = "", False
    for value, unit, fraction in ((hours, "小时", None), (minutes, "分", None),
                                  (seconds, "秒", m[4])):  # fmt: skip
        if value is None:
            continue
        if int(value) == 0 and not (fraction or (unit == "秒" and not words)):
            gap = bool(words)  # 一小时零五秒: the skipped minutes are a 零
            continue
        number = str(int(value)) + ("." + fraction if fraction else "")
        if words and (gap or int(value) < 10):
            words += "零"
        words += number_zh(number, liang=not words) + unit  # 两小时, but 十二分零二秒
        gap = False
    return _mark(words + "钟" if words.endswith("分") else words)  # 十分钟, not 十分 (very)


_ACCELERATOR = re.compile(r"(?:[ABHPV]|GB|GH)-?[1-9]0{2,3}")
"""A100, H800, B200, GB200, V100, A6000: accelerators (NVIDIA's), said as a number (A一百)."""
_CODE_BEFORE = re.compile(rf"(?:{_CODE_WORDS})(?:号码)?[是为：: ]{{0,3}}$")


def _letters_and_digits(m: re.Match[str]) -> str:
    """Trains, flights, seats: ``G1234`` G幺二三四, ``CA1234``, ``A320``; but an accelerator is
    said as its number (``A100`` A一百), unless it follows 编号, 房间 ... (a code after all)."""
    if (_ACCELERATOR.fullmatch(m[0]) is None
            or _CODE_BEFORE.search(m.string, max(0, m.start() - 12), m.start()) is not None):
        return m[1] + _mark(digits_zh(m[2], True))
    return m[1] + _OPEN + cardinal_zh(int(m[2])) + _GLUED  # A100-80G: a name's dash, no range


_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
"""The provinces' one-character names that open a licence plate (京A·12345)."""


def _chip(m: re.Match[str]) -> str:
    """A chip's number after its name: digit by digit (骁龙888 八八八), a round thousand as a
    number (麒麟9000 九千), a short one as a number (骁龙8+); its plus is 加 (Plus)."""
    number = m[2]
    if len(number) <= 2 or number.endswith("000"):
        words = cardinal_zh(int(number))
    else:
        words = digits_zh(number)
    return m[1] + _mark(words + ("加" if m[3] else ""))


_FESTIVAL_BEFORE = re.compile(r"(?:京东|天猫|双十一|双11)[和、与]?$")
_FESTIVAL_AFTER = re.compile(r"\s?(?:大促|购物节|活动|促销|年中|狂欢|期间|当天|预售|大战|[和、与]?双)")


def _festival(m: re.Match[str]) -> str:
    """``618`` 六一八 where it is the shopping festival (京东618, 618大促); else a number."""
    if (_FESTIVAL_AFTER.match(m.string, m.end()) is None
            and _FESTIVAL_BEFORE.search(m.string, max(0, m.start() - 4), m.start()) is None):
        return m[0]
    return _mark("六一八")


def _money(m: re.Match[str]) -> str:
    word = _CURRENCY_WORDS[m[1]]
    amount = _amount(m[2], m[3] or "")
    if m[4] is not None:
        amount += "到" + _amount(m[4], m[5] or "")
    if m[6] and word == "元":  # ¥299元: the yuan is written already
        word = ""
    return _mark(amount + word) + (m[6] or "")


def _amount(number: str, scale: str) -> str:
    """An amount of money: ``1,299.00`` 一千二百九十九 (no 点零零), ``29.90`` 二十九点九."""
    if "." in number:
        number = number.rstrip("0").rstrip(".")
    if scale in _SCALES:
        return _scaled(number, scale)
    return number_zh(number, liang=bool(scale)) + scale


def _money_after(m: re.Match[str]) -> str:
    return _mark(_amount(m[1], m[2] or "") + _CURRENCY_WORDS[m[3]])


def _money_before(m: re.Match[str]) -> str:
    return _mark(_amount(m[2], m[3] or "") + _CURRENCY_WORDS[m[1]])


def _percent(sign: str | None, number: str, mark: str) -> str:
    head = "千分之" if mark == "‰" else "百分之"
    words = "百" if mark == "%" and number == "100" else number_zh(number)
    return ("负" if sign else "") + head + words


def _fraction(m: re.Match[str]) -> str:
    if m[0] == "24/7":
        return _mark("全天候")
    return _mark(number_zh(m[2]) + "分之" + number_zh(m[1]))


_RATING_BEFORE = re.compile(r"(?:评分|打分|得分|评价|分数|成绩|考了|得了|拿了|打了|满意度|星级|口碑|"
                            r"评级)[是为：:]?\s?$")


def _rating(m: re.Match[str]) -> str:
    """A score out of 5, 10 or 100: ``评分4.8/5`` 四点八分（满分五分）, ``4.5/5星`` 四点五星（满分
    五星） (was 四点八每五). A decimal's, after a word of scoring (评分, 考了 ...) or before
    分 or 星; else a fraction (``3/5的人`` 五分之三)."""
    score, full, unit = m[1], m[2], (m[3] or "分").strip()
    if float(score) > int(full):
        return m[0]
    if not ("." in score or m[3] or _RATING_BEFORE.search(m.string, max(0, m.start() - 6),
                                                          m.start())):
        return m[0]
    said = number_zh(score, liang=True)
    return _mark(f"{said}{unit}（满分{number_zh(full)}{unit}）")


def _blood_pressure(m: re.Match[str]) -> str:
    """``血压120/80``, ``120/80mmHg``: 一百二十比八十 (毫米汞柱); other slashes are fractions."""
    if m[1] is None and m[4] is None:
        return m[0]
    unit = "毫米汞柱" if m[4] else ""
    return (m[1] or "") + _mark(number_zh(m[2]) + "比" + number_zh(m[3]) + unit)


def _version(m: re.Match[str]) -> str:
    parts = m[2].split(".")
    words = [number_zh(p) if len(p) <= 2 and not (len(p) > 1 and p[0] == "0") else digits_zh(p)
             for p in parts]  # fmt: skip
    return m[1] + _mark("点".join(words))


VERSIONED = ("Python|Node|Node\\.js|Deno|Java|JDK|Kotlin|Swift|Ruby|Rails|PHP|Perl|Rust|Golang|"
              "TypeScript|Angular|React|Vue|Django|Flask|Laravel|Spring|\\.NET|Postgres|"
              "PostgreSQL|MySQL|Redis|MongoDB|Elasticsearch|Kafka|Docker|Kubernetes|Terraform|"
              "CUDA|PyTorch|TensorFlow|NumPy|pandas|npm|pip|Xcode|Gradle|Unity|Blender|Minecraft|"
              "iOS|iPadOS|watchOS|macOS|OS X|Android|Debian|Fedora|RHEL|CentOS|Windows|Chrome|"
              "Firefox|Safari|Linux|kernel|firmware|[Vv]ersion|ver\\.|[Rr]elease|[Uu]pdate|"
              "[Pp]atch|API|SDK|[Ss]ections?|[Cc]lauses?")  # fmt: skip
"""Names after which ``3.11`` is a version (three point eleven), not a decimal (three point
one one); a section's number likewise (``Section 4.12``). In Chinese too: 三点十一, not 三点一一."""


_NAMED_VERSION = re.compile(rf"(?<![A-Za-z0-9.])(?:{VERSIONED}) ?(\d{{1,3}})\.\d")


def _named_version(m: re.Match[str]) -> str:
    """``Python 3.10+``: a version after a product's name (``VERSIONED``), then 及以上 for its
    plus; after 比 (or 和, 到 ..., the same major number) one its sentence named before:
    ``Python 3.12比3.11快`` 三点十一 (was 三点一一)."""
    if m[1] in _VERSION_JOINERS:
        begin = max(0, m.start() - 60)
        begin = max(begin, *(m.string.rfind(end, begin, m.start()) for end in "。！？\n"))
        major = m[2].split(".")[0]
        if not any(m[1] == "比" or named[1] == major
                   for named in _NAMED_VERSION.finditer(m.string, begin, m.start())):  # fmt: skip
            return m[0]
    return _version(m) + ("及以上" if m[3] else "")


_VERSION_JOINERS = "比和与或到至、，"


_YUAN_AHEAD = re.compile(r"\s?(?:元|块|美元|欧元|英镑|日元|港元|韩元)")


def _number(m: re.Match[str]) -> str:
    sign, number, scale, unit = m[1], m[2], m[3] or "", m[4] or ""
    in_name = _in_name(m.string, m.start())
    if "." in number and _YUAN_AHEAD.match(m.string, m.end()):
        number = number.rstrip("0").rstrip(".")  # 29.90元: money, no trailing 零
    if (scale in ("K", "k") and "." not in number and int(number.replace(",", "")) < 10
            and not _thousands(m)):
        number, scale, unit = number, "", scale + unit  # 4K, 8K: a resolution, not 4000
    if scale in ("K", "k") and in_name:
        scale, unit = "", scale + unit  # i7-13700K: a letter of the name
    if scale == "B":  # 7B, 671B: a model's size, said as written (七B); $1.5B is money
        scale, unit = "", "B" + unit
    reading = _scaled(number, scale) if scale else None
    unit_word, unit_liang = _UNITS.get(unit.strip(), (unit.strip(), False))
    if reading is None and number.isdecimal() and len(number) >= 4 and in_name:
        reading = digits_zh(number)  # i7-13700K, Office2019: a model's code, digit by digit
    if reading is None:
        liang = (unit_liang if unit else _LIANG_AHEAD.match(m.string, m.end()) is not None)
        reading = number_zh(number, liang=liang and not sign)
    if sign:
        reading = "负" + reading
    if m[5]:  # 100+ 个: 一百多个; HDR10+ HDR十加 (a name's Plus); iOS 15+ 十五及以上
        if _MEASURE_AHEAD.match(m.string, m.end()) is not None:
            reading += "多"
        elif in_name:
            reading += "加"
        elif ((name := _NAME_BEFORE.search(m.string, max(0, m.start() - 16), m.start())) is not None
              and _SOFTWARE_NAME.fullmatch(name[0].rstrip()) is not None):
            reading += "及以上"
        else:
            reading += "多"
    if in_name:
        return _OPEN + reading + unit_word + _GLUED  # Qwen2.5-7B: a name's number, no range
    return _mark(reading + unit_word)


_SOFTWARE_NAME = re.compile(r"(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)$)"
                            r"[A-Za-z]*[a-z][A-Za-z]*")
"""A name with a lowercase letter (iOS, Android, Python; not a currency's code, RUB, nor a
month, Dec): its number and a plus is a version and those after it (``iOS 15+`` 十五及以上)."""


_PAY_BEFORE = re.compile(r"(?:薪|工资|收入|月入|年入|预算|价格?|租金?|费用?|奖金|补贴|存款)"
                         r"[^\d\x01\x02]{0,3}$")
_K_RANGE_AFTER = re.compile(rf"{_DASH}\d+(?:\.\d+)?[Kk](?![A-Za-z])")


def _thousands(m: re.Match[str]) -> bool:
    """Whether ``8k`` is 8,000 (月薪8k, 8k-12k), not a screen's resolution (4K屏幕)."""
    return (_K_RANGE_AFTER.match(m.string, m.end(3)) is not None
            or _PAY_BEFORE.search(m.string, max(0, m.start() - 8), m.start()) is not None)


def _in_name(text: str, start: int) -> bool:
    """Whether the number at ``start`` belongs to an English name: it follows a letter
    (``Qwen2``), or a hyphen after a name (``Llama-3-70B``, ``i7-13700K``), and so starts no
    range. Looks back a few characters only."""
    before = text[max(0, start - 16) : start]
    if before[-1:].isascii() and before[-1:].isalpha():
        return True
    if before[-1:] != "-":
        return False
    name = re.search(r"[A-Za-z0-9.]*$", before[:-1])  # a name starts with a letter: not 15k-20k
    return name is not None and name[0][:1].isascii() and name[0][:1].isalpha()


def _plus_sign(m: re.Match[str]) -> str:
    """A plus sign before a number, not after one: 正 where it opens the number (after a
    space, a mark, the start) or a percentage (``涨幅+3.25%``); after a Chinese word it adds
    (``2个+3个`` 两个加三个)."""
    before = m.string[m.start() - 1 : m.start()]
    if _CJK_CHAR.match(before) and not m.string.startswith(_OPEN + "百分之", m.end()):
        return "加"
    return _mark("正")


_CJK_CHAR = re.compile(f"[{_CJK}]")
_PER_TIME = {"s": "每秒", "sec": "每秒", "min": "每分钟", "h": "每小时"}


def _cold(m: re.Match[str]) -> str:
    unit = _UNITS[m[2]][0] if m[2] else ""
    return _mark("零下" + number_zh(m[1]) + unit)


SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
"""Superscript digits and signs to plain ones (both normalisers read powers with it)."""


_EXPONENT = re.compile(r"-?\d+")


def _power(m: re.Match[str]) -> str:
    exponent = (m[1] or m[2].translate(SUPERSCRIPTS)).replace("−", "-")
    if _EXPONENT.fullmatch(exponent) is None:
        return m[0]  # ⁻ alone, or a sign after the digits (x³⁻): no power to read
    return _mark("的" + number_zh(exponent) + "次方")


_VULGAR = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒"
"""One-character fractions (``½``); their numerator and denominator from their decomposition."""


def _vulgar(m: re.Match[str]) -> str:
    """``½`` 二分之一, ``1¼`` 一又四分之一."""
    numerator, denominator = "".join(
        chr(int(code, 16)) for code in unicodedata.decomposition(m[2]).split()[1:]).split("⁄")
    whole = number_zh(m[1]) + "又" if m[1] else ""
    return _mark(whole + number_zh(denominator) + "分之" + number_zh(numerator))


def _plain(words: Callable[[re.Match[str]], str]) -> Callable[[re.Match[str]], str]:
    return lambda m: _mark(words(m))


_CIRCLED = "".join(map(chr, range(ord("①"), ord("⑳") + 1)))
"""The list numbers ``①`` to ``⑳`` (``[①-⑳]`` in the patterns)."""
_CAPITAL_DIGIT = tuple(chr(c) + "0" for c in range(ord("A"), ord("Z") + 1))
"""A capital letter, then a digit, in a text's shape (``rules.shape``: every digit 0)."""

# Each rule is skipped where none of its needs is in the text's shape (``rules.apply``): the
# bench's sentences with numbers run 3 to 13 of the 59. tests/test_normalize_needs.py proves
# every need from its pattern.
_USED_BEFORE = re.compile(r"(?:已用|使用了?|用了|占用|剩余|已下载|下载了|已使用)[:：]?[\d.\s]*[KMGT]B$")
"""Before sizes joined by a slash, a word of use: the first is used of the second, no choice
between them: 已用8GB/16GB 已用八G，共十六G (was 每, a rate's), 显存占用：12GB/16GB."""
_RULES: list[Rule] = [
    # sets times reps: 卧推4组×8次 四组，每组八次 (was 四组乘八次), 平板支撑3组×60秒
    Rule(re.compile(r"(?<=\d组)\s?[×xX*]\s?(?=\d+(?:\s?[-~～–—到至]\s?\d+)?\s?(?:次|个|下|秒|分钟))"),
         "，每组", needs=("组",)),
    # a package pinned to a version: numpy==1.26.4 numpy 一点二十六点四 (was 等于, a comparison's)
    Rule(re.compile(r"(?<=[A-Za-z0-9_\]])==(?=\d+(?:\.\d+)+(?![\d.]))"), " ", needs=("==",)),
    # a keycap's digit is a list number: 1️⃣ 打开App 2️⃣ 点击 (was 一 打开App 二 点击, the pause
    # after the item lost), as ① is (below)
    Rule(re.compile("([1-9])\ufe0f?\u20e3"), lambda m: chr(ord("①") + int(m[1]) - 1),
         needs=("\u20e3",)),
    # list numbers at a line's start, a heading's too: "1. 打开设置" 一、打开设置, "## 1. 简介"
    Rule(re.compile(r"(?m)^([ \t]*(?:#{1,6}[ \t]+)?)(\d{1,2})(?:[.)）][ \t]+|、|[)）](?=[^\W\d_]))"),
         lambda m: m[1] + _mark(cardinal_zh(int(m[2]))) + "、",
         needs=("0. ", "0.\t", "0) ", "0)\t", "0） ", "0）\t",  # [.)）] then a space or tab
                "0)", "0）", "0、")),
    # and within a line, after a colon or after Chinese text and a space: 如下：1. 打开 2. 点击;
    # ① ② are list numbers too, after an English word as well (①打开App ②点击)
    Rule(re.compile(rf"(?:(?<=[：:；;。])[ \t]*|(?<=[{_CJK}])([ \t]+))(?:(\d{{1,2}})(?:[.．][ \t]+|[)）]"
                    rf"[ \t]*)|([①-⑳])[ \t]*)(?=[{_CJK}])|^[ \t]*([①-⑳])[ \t]*|"
                    rf"(?<=[A-Za-z0-9])([ \t]+)([①-⑳])[ \t]*(?=[{_CJK}])"),
         _list_number, needs=("0. ", "0.\t", "0． ", "0．\t", "0)", "0）", *_CIRCLED)),
    # a lens's aperture: f/2.8 F二点八 (was f每二点八); a quotient after a bracket: (a+b)/2
    # (a加b)除以二 (the slash was dropped, or read "over")
    Rule(re.compile(r"(?<![A-Za-z0-9])[fF]/(?=\d{1,2}(?:\.\d)?(?![\d./]))"), "F", needs=("f/", "F/")),
    Rule(re.compile(r"([)）])(?:/|[ \t]/)[ \t]?(?=[\d(（]|[a-z](?![A-Za-z]))"), r"\1除以",
         needs=(")/", ") /", ")\t/", "）/", "） /", "）\t/")),
    # a version's wildcard: Python 3.x 三点x, 1.2.x (was 三.x)
    Rule(re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d{1,3}){0,2})\.[xX](?![A-Za-z0-9])"),
         lambda m: _mark("点".join(number_zh(p) for p in m[1].split(".")) + "点x"),
         needs=("0.x", "0.X")),
    # a dash after a date's, a time's or an amount's word is a range's: 3月-5月, 2万-3万元;
    # but a minus before a temperature: 今天-5℃~3℃ 今天零下五摄氏度到三摄氏度 (was 今天到五)
    Rule(re.compile(r"(?<=[年月日号点时分秒天周万亿千百元])[ \t]?(?:[-−](?!\d+(?:\.\d+)?"
                    r"(?:[ \t]?[-~～–—至到][ \t]?[-−]?\d+(?:\.\d+)?)?[ \t]?(?:℃|°C|°))|[~～–—])"
                    rf"[ \t]?(?=\d|{_PART_OF_DAY}\d)"), "到", needs=(*"-~～–—−",)),
    # a tilde before a number, not between two, is 约: 需要~100元 需要约一百元 (约~5℃ 约五摄氏度);
    # after a temperature it is a range's: -5℃~3℃, spaced too (100 ~ 200元 一百到二百元, was 约)
    Rule(re.compile(r"(?:(约|大约)[ \t]?)?(?<![\d%A-Za-z\x02\x03~～℃°])"
                    r"(?<![\d%A-Za-z\x02\x03℃°][ \t])[~～]\s?(?=[-−]?\d)"),
         lambda m: m[1] or "约", needs=("~", "～")),
    # a score: 评分4.8/5 四点八分（满分五分）, 考了92/100 (was 四点八每五, 一百分之九十二)
    Rule(re.compile(r"(?<![\d./])(\d{1,3}(?:\.\d{1,2})?)/(5|10|100)(?:\.0)?(?![\d/^⁰¹²³⁴⁵⁶⁷⁸⁹]|\.\d)"
                    r"(\s?[分星](?![之钟]))?"), _rating, needs=("/0",)),
    # dates and years
    Rule(re.compile(r"(?<![\d.])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d.])"), _date,
         needs=("0000-0", "0000/0", "0000.0")),
    Rule(re.compile(r"(?<![\d./])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d./])"), _date_year_last,
         needs=("0/0000",)),
    Rule(re.compile(rf"(?<![\d.])(\d{{4}})(?:{_DASH}|/)(\d{{4}})(?![\d./])"), _year_range,
         needs=("0000",)),
    Rule(re.compile(r"(?<![\d.])(\d{4})(?=\s?(?:财?年|财政年度))"), _year,
         needs=("年",)),  # 2023财年 too
    Rule(re.compile(r"(?<![\d.])((?:19|20)\d{2})[-/](\d{2})(?![\d./])(?=(\s?(?:赛季|学年|年度|财年))?)"),
         _season, needs=("0000-00", "0000/00")),
    Rule(re.compile(r"(?<![\d.])((?:19|20)\d{2})([-/])(1[0-2]|0?[1-9])"
                    rf"(?![\d./]|\2\d|\s?(?:{_MEASURE}))月?"),
         _plain(lambda m: digits_zh(m[1]) + "年" + cardinal_zh(int(m[3])) + "月"),
         needs=("0000-", "0000/")),  # 2024-12
    Rule(re.compile(r"(?<![\d.])((?:19|20)\d{2})(?=\s?Q[1-4](?!\d))"),
         _plain(lambda m: digits_zh(m[1]) + "年"), needs=("Q0",)),  # 2024Q3 二零二四年Q三
    Rule(re.compile(r"(?<![\d.])(\d{2})(?=年(?:底(?!薪)|初(?![中级期心])|末|上半年|下半年|\d{1,2}月|"
                    r"春节|元旦|国庆|暑假|寒假))"),
         _plain(lambda m: digits_zh(m[1])),
         needs=("年",)),  # 24年底 二四年底 (but 10年中, 20年底薪: years)
    Rule(re.compile(r"(?<![\d.])(\d{2})(?=年)"), _two_digit_year,
         needs=("00年",)),  # 98年出生, 在98年 九八年 (but 工作了98年, 在10年内: years)
    # a holiday named by its date: 5.1假期 五一假期, 3.15晚会 三一五晚会, 11.11 双十一
    Rule(re.compile(r"(?<![\d.])(1[0-2]|[1-9])\.([1-9]|[12]\d|3[01])(?![\d.])(?=\s?(?:劳动节|国庆|"
                    r"妇女节|儿童节|青年节|建军节|建党节|假期|长假|小长假|黄金周|晚会|放假|大促|购物节|"
                    r"促销))"),
         _plain(lambda m: ("双" + cardinal_zh(int(m[1])) if m[1] == m[2]
                           else cardinal_zh(int(m[1])) + digits_zh(m[2]))),
         needs=("节", "国庆", "假", "黄金周", "晚会", "大促", "促销")),
    # a range of dates written with dots: 活动时间：11.1-11.11 十一月一日到十一月十一日
    Rule(re.compile(r"(?<![\d.第])(1[0-2]|[1-9])\.([1-9]|[12]\d|3[01])\s?[-~～–—至到]\s?"
                    r"(1[0-2]|[1-9])\.([1-9]|[12]\d|3[01])(?![\d.%A-Za-z])"),
         _dotted_date_range, needs=("0.0",)),
    # sizes of memory to choose from: 128GB/256GB/1TB 一百二十八G或二百五十六G或一T (was 每, and the
    # slash before 1TB dropped)
    Rule(re.compile(r"(?<=\d[KMGT]B)/(?=\d{1,4}(?:\.\d{1,2})?\s?[KMGT]B(?![A-Za-z]))"),
         lambda m: "，共" if _USED_BEFORE.search(m.string, max(0, m.start() - 16), m.start()) else "或",
         needs=("B/",)),
    # versions after a name: HTTP/2 HTTP二 (was HTTP每二), Windows 10/11 十或十一 (no fraction)
    Rule(re.compile(r"(?<=[A-Z]{2})/(?=\d)(?!\d{2}|\d\.\d[\d.])"), " ", needs=("/0",)),
    Rule(re.compile(r"(?<=[A-Za-z]{2} )(\d{1,4})/(\d{1,4})(?![\d/]|\.\d)"), _versions,
         needs=("0/0",)),
    # a month and day: 请于3/15前 三月十五日前, 3/15-3/20 (3/4的人 is a fraction, below)
    Rule(re.compile(r"(?<![\d./])(\d{1,2})/(\d{1,2})\s?[-~～–—至到]\s?(\d{1,2})/(\d{1,2})"
                    r"(?![\d/]|\.\d)"), _slash_date_range, needs=("0/0",)),
    Rule(re.compile(r"(?<![\d./])(\d{1,2})/(\d{1,2})(?![\d/]|\.\d)([ \t](?=\d{1,2}:\d{2}))?"),
         _slash_date, needs=("0/0",)),  # the space before a time goes with the date: 三月十五日二十三点
    # scores: after 比分, before 获胜, 战胜 ... (比分10:12, 以3-1战胜), never a time or a range
    Rule(re.compile(r"(?:(?<=比分)([是为：:]?\s?)|(?<![\d.:]))(\d{1,3})\s?[:：\-–—]\s?(\d{1,3})"
                    rf"(?![\d:.])(?=(\s?(?:{_WIN}))?)"), _score, needs=(*":：-–—",)),
    # durations written as clocks: 用时2:05:30 两小时零五分三十秒, 用时38:15 三十八分十五秒
    Rule(re.compile(r"(?<![\d.:])(\d{1,3}):(\d{2})(?::(\d{2}))?(?:\.(\d{1,3}))?(?![\d:])"),
         _duration, needs=("0:00",)),
    # times and ratios
    Rule(re.compile(r"(?<![\d.:])(\d{1,2}):(\d{2})(?::(\d{2}))?(?![\d:])"), _time,
         needs=("0:00",)),
    Rule(re.compile(r"(?<![\d.:])(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)(?![\d:]|\.\d)"),
         _plain(lambda m: number_zh(m[1]) + "比" + number_zh(m[2])), needs=("0:0",)),
    # numbers to dial or type, digit by digit
    Rule(re.compile(r"(?<![A-Za-z0-9+])\+(\d{1,3})((?:[ -]\d+){1,4})(?!\d)"),
         lambda m: _mark("加" + digits_zh(m[1], True) + " " + _group_digits(m[2]))
         if sum(c.isdecimal() for c in m[2]) >= 7 else m[0], needs=("+0",)),
    Rule(re.compile(r"(?<!\d)(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?!\d)"),
         _plain(lambda m: _group_digits(" ".join(m.groups()))),
         needs=("0000",)),  # 138 1234 5678
    Rule(re.compile(r"(?<!\d)0\d{2,3}-\d{7,8}(?!\d)|[(（]0\d{2,3}[)）]\s?\d{3,4}[ -]?\d{4}(?!\d)"),
         _plain(lambda m: _group_digits(re.sub(r"[(（)）]", " ", m[0]))),
         needs=("0-0000000", "(000", "（000")),  # (010) 6552-9988
    Rule(re.compile(_CLOSE + r"\s?(转|分机)\s?(\d{2,6})(?!\d)"),
         lambda m: _CLOSE + m[1] + _mark(digits_zh(m[2], True)),
         needs=("转", "分机")),  # an extension: 转8001
    Rule(re.compile(r"(?<!\d)[48]00[ -]?\d{3}[ -]?\d{4}(?!\d)"),
         _plain(lambda m: _group_digits(m[0])), needs=("0000",)),
    Rule(re.compile(rf"({_CODE_WORDS})((?:号码)?[\"”]?[是为：: ]{{0,3}}[\"“]?)(\d+(?:[ -]\d+)*"
                    rf"(?: ?(?:{_OR}) ?\d{{3,}}(?:[ -]\d+)*)*)(?![\d.])"), _code,
         needs=_CODE_WORD_NEEDS),
    Rule(re.compile(rf"(?<=[{_CJK}])[#＃](\d{{5,}})(?![\d.])"), _plain(lambda m: digits_zh(m[1], True)),
         needs=("#00000", "＃00000")),  # 订单#12345: a code, 订单幺二三四五 (排名#12: 第十二)
    Rule(re.compile(rf"(?<![\d.])(\d{{3,5}})(?=\s?(?:{_CODE_AFTER}))"),
         _plain(lambda m: digits_zh(m[1], True)),
         needs=("室", "房间", "号房", "次列车", "航班")),  # 302室 三零二室
    # a room after its building (A座1203, 2单元302 幺二零三, 三零二), a stock's code in
    # brackets or with its exchange ((600519) 六零零五幺九, 00700.HK)
    Rule(re.compile(rf"(?:(?<=单元)|(?<=[座栋幢])|(?<=号楼))(\s?)(\d{{3,4}})(?![\d.]|\s?(?:{_MEASURE}|{_UNIT}|%))"),
         lambda m: m[1] + _mark(digits_zh(m[2], True)), needs=("单元", "座", "栋", "幢", "号楼")),
    Rule(re.compile(r"(?<=[(（])(\d{6})(?=[)）])|(?<![\d.])(\d{4,6})\.(SH|SZ|BJ|HK)(?![A-Za-z])"),
         lambda m: _mark(digits_zh(m[1] or m[2], True)) + (" " + m[3] if m[3] else ""),
         needs=("(000000", "（000000", "0.SH", "0.SZ", "0.BJ", "0.HK")),
    Rule(re.compile(rf"(?<![\d.])(110|119|120|122)(?=\s?(?:{_EMERGENCY_AFTER}))"),
         _plain(lambda m: digits_zh(m[1], True)), needs=tuple(_EMERGENCY_AFTER.split("|"))),
    Rule(re.compile(rf"(?<![\d.])(12306|12315|12123)(?![\d.]|\s?(?:{_MEASURE}|{_UNIT}|%))"),
         _plain(lambda m: digits_zh(m[1], True)),
         needs=("00000",)),  # 12306 (trains), 12315, 12123: 幺二三零六
    Rule(re.compile(r"(?<![A-Za-z0-9])([GDCZTKYLS])(\d{1,2})(?=次)"),
         lambda m: m[1] + _mark(digits_zh(m[2], True)),
         needs=("0次",)),  # G1次 G幺次, as G1234 below
    # a licence plate with its dot: 京A·12345 京A幺二三四五 (was 京A 一万二千三百四十五), 粤B·D12345
    Rule(re.compile(rf"(?<=[{_PROVINCES}])([A-Z])[·・•](?=[A-Z0-9]{{0,5}}\d)([A-HJ-NP-Z0-9]{{5,6}})"
                    r"(?![A-Za-z0-9])"),
         lambda m: m[1] + _mark("".join(digits_zh(c, True) if c.isdecimal() else c for c in m[2])),
         needs=("·", "・", "•")),
    Rule(re.compile(r"(?<![A-Za-z0-9])([A-Z]{1,3})-?(\d{3,})(?![\d.])"), _letters_and_digits,
         needs=(*_CAPITAL_DIGIT, "-0")),
    Rule(re.compile(r"(?<![\d.])(480|576|720|1080|1440|2160|4320)(?=[pPi](?![A-Za-z]))"),
         _plain(lambda m: digits_zh(m[1])),
         needs=("0p", "0P", "0i")),  # a video's lines: 1080p 一零八零p
    # a lithium cell's size: 18650电芯 一八六五零 (was 一万八千六百五十)
    Rule(re.compile(r"(?<![\d.])([1-4]\d(?!00)\d\d0)(?=\s?(?:锂离子|锂)?(?:电芯|电池|锂电))"),
         lambda m: _mark(digits_zh(m[1])), needs=("电",)),
    # a motor oil's grade: 0W-20 零W二十 (was 零瓦到二十)
    Rule(re.compile(r"(?<![A-Za-z0-9_.-])(\d{1,2})W-(\d{2})(?![A-Za-z0-9_-]|\.\d)"),
         lambda m: _mark(f"{number_zh(m[1])}W{number_zh(m[2])}"), needs=("0W-00",)),
    # a prescription's every so many hours: q8h 每八小时 (was q八小时)
    Rule(re.compile(r"(?<![A-Za-z])[qQ](\d{1,2})[hH](?![A-Za-z])"),
         lambda m: _mark(f"每{number_zh(m[1])}小时"), needs=("q0", "Q0")),
    # a unit after 万: 5万IU 五万国际单位 (was 五万IU)
    Rule(re.compile(r"(?<=\d万)(" + "|".join(re.escape(u) for u in _UNIT_NAMES if len(u) > 1)
                    + r")(?![A-Za-z/])"), lambda m: _UNITS[m[1]][0], needs=("0万",)),
    Rule(re.compile(r"(?<=波音)(\s?)(\d{3})(?:-(\d{3}))?(?![\d.])"),
         lambda m: m[1] + _mark(digits_zh(m[2]) + (number_zh(m[3]) if m[3] else "")),
         needs=("波音",)),  # 波音737 七三七, as 空客A320 is A三二零; 737-800 七三七八百 (was 到)
    # scientific notation: 1e-4 一乘十的负四次方, 6.02E23
    Rule(re.compile(r"(?<![A-Za-z0-9_.])(\d+(?:\.\d+)?)[eE]([-+−]?\d{1,3})(?![\w.])"),
         _plain(lambda m: number_zh(m[1]) + "乘十的" + number_zh(m[2].lstrip("+")) + "次方"),
         needs=("0e", "0E")),
    # an x between numbers is a times sign: 1920x1080, 5x5 (not 0x1F)
    Rule(re.compile(r"(?<![A-Za-z0-9.])(\d+(?:\.\d+)?)\s?[xX]\s?(?=\d)"),
         lambda m: m[0] if m[1] == "0" else m[1] + "×", needs=("x", "X")),
    # versions and addresses; model numbers after an English word
    Rule(re.compile(r"(?<![A-Za-z0-9.])([vV]?)(\d+(?:\.\d+){2,})(?![\d.])"), _version,
         needs=("0.0",)),
    Rule(re.compile(r"(?<![A-Za-z0-9])([vV])(\d+\.\d+)(?![\d.])"), _version,
         needs=("v0", "V0")),
    # a version after a software's name: Python 3.10+ 三点十及以上, Node 18.20 十八点二十 (were
    # 三点一零, 十八点二零): its minor number a number, as the English reads it; and one
    # compared with it: Python 3.12比3.11快 (_named_version)
    Rule(re.compile(rf"((?<![A-Za-z0-9.])(?:{VERSIONED}) ?|[{_VERSION_JOINERS}])"
                    r"(\d{1,3}\.[1-9]\d)"
                    rf"(?![\d.]|\s?(?:{_MEASURE}|{_UNIT}))(\+(?![\d+]))?"),
         _named_version, needs=("0.00",)),
    Rule(re.compile(rf"(?<=[A-Za-z]) (\d{{3,}})(?![\d.,%]|\+?\s?(?:{_MEASURE}|{_UNIT}))"),
         lambda m: " " + _mark(digits_zh(m[1])),
         needs=(" 000",)),  # RTX 4090 四零九零 (LeetCode 500+道题 五百多道题: a count)
    # money
    Rule(re.compile(rf"(?<![A-Za-z])({_SYMBOL})\s?({_NUM})({_SCALE})"
                    rf"(?:{_DASH}(?:{_SYMBOL})?\s?({_NUM})({_SCALE}))?(\s?元)?"), _money,
         needs=_CURRENCY_SIGNS),
    Rule(re.compile(rf"({_NUM})({_SCALE})\s?({_CODE})(?![A-Za-z])"), _money_after,
         needs=tuple(_CODE.split("|"))),
    Rule(re.compile(rf"(?<![A-Za-z])({_CODE})\s?({_NUM})({_SCALE})"), _money_before,
         needs=tuple(_CODE.split("|"))),
    # percentages, fractions, ordinals, arithmetic
    Rule(re.compile(rf"{_SIGN}({_NUM})\s?([%‰])?{_DASH}([-−])?({_NUM})\s?([%‰])"),
         _plain(lambda m: _percent(m[1], m[2], m[3] or m[6]) + "到" + _percent(m[4], m[5], m[6])),
         needs=("%", "‰")),
    Rule(re.compile(rf"{_SIGN}({_NUM})\s?([%‰])"), _plain(lambda m: _percent(m[1], m[2], m[3])),
         needs=("%", "‰")),
    # blood pressure: 血压120/80, 120/80mmHg 一百二十比八十, no fraction
    Rule(re.compile(r"(?:(?<=血压)([是为：:]?\s?)|(?<![\d./]))(\d{2,3})/(\d{2,3})(?![\d/]|\.\d)"
                    r"(\s?mmHg(?![A-Za-z])|(?=\s?毫米汞柱))?"), _blood_pressure, needs=("0/00",)),
    Rule(re.compile(r"(?<![\d./])(\d+)/(\d+)(?![\d/]|\.\d)"), _fraction, needs=("0/0",)),
    Rule(re.compile(rf"第\s?({_NUM})"), _plain(lambda m: "第" + number_zh(m[1])), needs=("第",)),
    Rule(re.compile(rf"(?<![\d.])(\d+)?([{_VULGAR}])"), _vulgar, needs=tuple(_VULGAR)),
    Rule(re.compile(r"(?<![A-Za-z0-9&#_第])#(\d{1,4})(?![\d.])"),
         _plain(lambda m: "第" + number_zh(m[1])), needs=("#0",)),  # 排名#1 排名第一
    Rule(re.compile(r"(?<![A-Za-z])(?:No|NO)\.\s?(\d{1,3})(?![\d.])"),
         _plain(lambda m: "第" + number_zh(m[1])), needs=("No.", "NO.")),  # 排名No.1 排名第一
    # names said digit by digit: 618 (a shopping festival), 80后 (a generation)
    Rule(re.compile(r"(?<![\d.])618(?![\d.])"), _festival, needs=("000",)),
    Rule(re.compile(r"(?<![\d.])(00|05|10|60|65|70|75|80|85|90|95)(?=后(?![面来续期天]))"),
         _plain(lambda m: digits_zh(m[1])), needs=("00后",)),
    # a discount: 75折 七五折 (as it is said; 8折 八折, 10折 十折)
    Rule(re.compile(r"(?<![\d.])([1-9][1-9])(?=\s?折)"), _plain(lambda m: digits_zh(m[1])),
         needs=("折",)),
    # a phone's chip: 骁龙888 八八八, 天玑9300+ 九三零零加 (was 九千三百多), 骁龙8+ 八加; a
    # round thousand is a number, as it is said (麒麟9000 九千)
    Rule(re.compile(r"(?<=骁龙|天玑|麒麟)(\s?)(\d{3,4}|\d{1,2}(?=\+))(\+(?![\d+]))?(?![\d.])"),
         _chip, needs=("骁龙", "天玑", "麒麟")),
    # a sprint's time: 9秒83 九秒八三 (was 九秒八十三), as the hundredths are said
    Rule(re.compile(rf"(?<![\d.])(\d{{1,2}})秒(\d{{2}})(?![\d.%]|\s?(?:{_MEASURE}|{_UNIT}))"),
         _plain(lambda m: number_zh(m[1], liang=True) + "秒" + digits_zh(m[2])), needs=("0秒00",)),
    # a height: 1米75 一米七五, 2米05 两米零五 (the centimetres digit by digit)
    Rule(re.compile(r"(?<![\d.])(\d)米(\d{2})(?![\d.]|\s?(?:厘米|毫米|公|分))"),
         _plain(lambda m: number_zh(m[1], liang=True) + "米" + digits_zh(m[2])),
         needs=("0米00",)),
    Rule(re.compile(r"(?<=\d)\s?\+\s?(?=\d)"), "加", needs=("+",)),
    # a plus sign before a number alone is 正 (涨幅+3.25% 涨幅正百分之三点二五, 和 +5 和正五;
    # was 加), but a country's code is dialled: 区号+86 区号加八六
    Rule(re.compile(r"(?<=区号)([是为：: ]{0,2})\+(\d{1,4})(?![\d.])"),
         lambda m: m[1] + _mark("加" + digits_zh(m[2], True)), needs=("区号",)),
    Rule(re.compile(r"(?<![A-Za-z0-9_)\]）\x02\x03²³+.…#])\+(?=\d|\x01)"), _plus_sign,
         needs=("+0", "+\x01")),
    # powers: 2^10 二的十次方, 10⁻³ 十的负三次方 (a lone ² or ³ is 的平方, 的立方 below)
    Rule(re.compile(r"(?<=[A-Za-z0-9)])\s?\^\s?\{?([-−]?\d+)\}?|(?<=[A-Za-z0-9)])"
                    r"([⁰¹²³⁴⁵⁶⁷⁸⁹⁻]{2,}|[⁰¹⁴⁵⁶⁷⁸⁹⁻])"), _power, needs=("^", *"⁰¹²³⁴⁵⁶⁷⁸⁹⁻")),
    # below zero: -5℃ 零下五摄氏度, and a range's start (-5~3℃ 零下五到三摄氏度); after a
    # temperature the dash is a range's (10℃-20℃)
    Rule(re.compile(rf"(?<![A-Za-z0-9_.)\x02\x03℃°])[-−]({_NUM})(?:\s?(℃|°C|°)|"
                    rf"(?={_DASH}[-−]?{_NUM}\s?(?:℃|°C|°)))"), _cold, needs=("-0", "−0")),
    # what is left: a number, its scale, its unit, and a plus for "more than"
    Rule(re.compile(rf"{_SIGN}({_NUM})([KkwMB](?![A-Za-z]))?(\s?(?:{_UNIT}))?"
                    r"(\+(?!\d|\.\.|…))?"), _number, needs=("0",)),  # 1+2+...+100: a plus, not 多
    # per a unit after an amount: 3万/㎡ 三万每平方米, ¥20/kg 二十元每公斤
    Rule(re.compile(r"(?<=[\x02\x03元万亿千块角])\s?/\s?("
                    + "|".join(re.escape(u) for u in _UNIT_NAMES)
                    + r")(?![A-Za-z²³])"), lambda m: "每" + _UNITS[m[1]][0], needs=("/",)),
    # per second after a counted English word: 20 tokens/s 二十 tokens每秒 (was "slash s")
    Rule(re.compile(r"(?<=[\x02\x03])([ \t]?[A-Za-z]{2,12})/(s|sec|min|h)(?![A-Za-z/])"),
         lambda m: m[1] + _PER_TIME[m[2]], needs=("/s", "/min", "/h")),
    Rule(re.compile(r"(?<=[A-Za-z" + _CLOSE + "])²"), "的平方", needs=("²",)),
    Rule(re.compile(r"(?<=[A-Za-z" + _CLOSE + "])³"), "的立方", needs=("³",)),
    # a dash between two readings is a range: 九点到十八点, 三到五天
    Rule(re.compile(_CLOSE + _DASH + _OPEN), _CLOSE + "到" + _OPEN, needs=(*"-~～–—至到",)),
    # ... and before a time that names the part of the day: 上午九点到下午五点
    Rule(re.compile(_CLOSE + _DASH + f"(?={_PART_OF_DAY}{_OPEN})"), _CLOSE + "到",
         needs=(*"-~～–—至到",)),
    # no spaces between a reading and Chinese text
    Rule(re.compile(f"(?<=[{_CJK}])[ \t]+{_OPEN}|{_CLOSE}[ \t]+(?=[{_CJK}])"),
         lambda m: _OPEN if m[0].endswith(_OPEN) else _CLOSE,
         needs=(" " + _OPEN, "\t" + _OPEN, _CLOSE + " ", _CLOSE + "\t")),
]

_FULL_WIDTH = str.maketrans({**{chr(0xFF10 + d): str(d) for d in range(10)},
                             **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
                             **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
                             "％": "%", "＋": "+", "＝": "=", "＜": "<", "＞": ">", "＄": "$",
                             "￥": "¥", "－": "-"})  # fmt: skip
_FULL_WIDTH_BETWEEN_DIGITS = re.compile(r"(?<=\d)[．：／](?=\d)|(?<=[０-９])，(?=[０-９])")
"""``，`` is a thousands separator only between full-width digits (``１２，３４５``); between
ASCII digits it is the sentence's comma (``分别为100，200，300``)."""
_FULL_WIDTH_ASCII = {"．": ".", "：": ":", "／": "/", "，": ","}
_FULL_WIDTH_SEPARATOR = re.compile(r"\d[．：／]|[０-９]，")
"""Where ``_FULL_WIDTH_BETWEEN_DIGITS`` can match: a search that skips ahead to digits."""
_FULL_WIDTH_CHAR = re.compile("[" + "".join(map(re.escape, map(chr, _FULL_WIDTH))) + "]")
"""A character that ``_FULL_WIDTH`` changes."""


def _fold_full_width(text: str) -> str:
    """``１２３``, ``５０％`` are 123 and 50%; ``．：／`` between digits are ``. : /``.
    Chinese punctuation elsewhere (``，：``) stays: it is the sentence's. Most sentences hold
    nothing to fold, and two searches for what could be cost less than the folding."""
    if _FULL_WIDTH_SEPARATOR.search(text) is not None:
        text = _FULL_WIDTH_BETWEEN_DIGITS.sub(lambda m: _FULL_WIDTH_ASCII[m[0]], text)
    if _FULL_WIDTH_CHAR.search(text) is not None:
        text = text.translate(_FULL_WIDTH)
    return text


_READ_WITHOUT_DIGITS = re.compile(f"[²³㎡{_VULGAR}]")
"""What sends a sentence without a digit (``str.isdigit``, true of ``²`` and ``①`` too) to
the rules all the same."""


def read_chinese(text: str, skip: re.Pattern[str] | None = None) -> str:
    """``text`` (a mostly-Chinese sentence) with its numbers read in Chinese (module docstring).

    Args:
        text: the sentence.
        skip: spans left as they are (URLs and emails, which the caller reads out).
    """
    text = text.replace(_OPEN, " ").replace(_CLOSE, " ").replace(_GLUED, " ")
    if not any(map(str.isdigit, text)) and _READ_WITHOUT_DIGITS.search(text) is None:
        return text
    pieces, start = [], 0
    for m in skip.finditer(text) if skip is not None else ():
        pieces.append(_read(text[start : m.start()]))
        pieces.append(m[0])
        start = m.end()
    pieces.append(_read(text[start:]))
    return "".join(pieces)


_EQUATION = re.compile(r"[A-Za-z0-9.()²³+\-−×÷*/^=≈<> \t]+")
"""A run of what an equation is written with; one character class, so the search is linear."""
_MINUS = re.compile(r"(?<=[A-Za-z0-9)²³])[ \t]?[-−][ \t]?(?=[A-Za-z0-9(])")
"""A dash between two operands."""


_MEASURE_AHEAD = re.compile(f"(?:{_MEASURE})")
_NOT_AN_EQUATION = re.compile(r"[A-Za-z]{2}|\d-\d+-\d")
"""A word (``ID3382-bn``) or a chain of dashes (``2092-04-30``, ``xxx-xx-5978``) in the run."""


_ARITHMETIC = re.compile(r"[=≈]|\)[ \t]?/")
"""What makes a run arithmetic: ``=``, ``≈``, or a bracket divided (``(x+1)/(x-1)``)."""


def _subtraction(m: re.Match[str]) -> str:
    """In an equation (a run with ``=`` or ``≈``, or a bracket divided: ``(x+1)/(x-1)``) a
    dash between operands is 减: ``5-3=2``
    五减三等于二, ``x²-1=0`` (not a range, 五到三, nor a name's hyphen, as ``GPT-4`` is).
    Not in a run with a word or a date, nor before a measure word (``=3-5天``: a range)."""
    run = m[0]
    if _ARITHMETIC.search(run) is None or _NOT_AN_EQUATION.search(run) is not None:
        return run
    if run[-1:].isdigit() and _MEASURE_AHEAD.match(m.string, m.end()) is not None:
        return run
    return _MINUS.sub("减", run)


def _read(text: str) -> str:
    text = _fold_full_width(text).replace("+/-", "±")  # +/-2℃: plus or minus, not 零下
    if ("-" in text or "−" in text) and _ARITHMETIC.search(text) is not None:
        text = _EQUATION.sub(_subtraction, text)
    text = _apply(_RULES, text)
    return text.replace(_OPEN, "").replace(_CLOSE, "").replace(_GLUED, "")
