"""Flag emoji read as their country's name: ``🇯🇵`` is "Japan" (日本 in Chinese text).

A flag is two regional indicator symbols (U+1F1E6 to U+1F1FF), one for each letter of the
country's ISO 3166 code (``🇯🇵`` is J, P). The common flags below are read; any other, like
any other emoji, is dropped by the normaliser. The table is data, not rules: a flag is added
by adding its line.
"""

from __future__ import annotations

import re

_NAMES = """
US United States 美国 | GB United Kingdom 英国 | CN China 中国 | JP Japan 日本
KR South Korea 韩国 | DE Germany 德国 | FR France 法国 | IT Italy 意大利 | ES Spain 西班牙
PT Portugal 葡萄牙 | NL Netherlands 荷兰 | BE Belgium 比利时 | CH Switzerland 瑞士
AT Austria 奥地利 | SE Sweden 瑞典 | NO Norway 挪威 | DK Denmark 丹麦 | FI Finland 芬兰
IE Ireland 爱尔兰 | PL Poland 波兰 | GR Greece 希腊 | UA Ukraine 乌克兰 | RU Russia 俄罗斯
TR Turkey 土耳其 | IL Israel 以色列 | SA Saudi Arabia 沙特阿拉伯 | AE United Arab Emirates 阿联酋
EG Egypt 埃及 | NG Nigeria 尼日利亚 | ZA South Africa 南非 | IN India 印度 | SG Singapore 新加坡
HK Hong Kong 香港 | VN Vietnam 越南 | TH Thailand 泰国 | MY Malaysia 马来西亚
ID Indonesia 印度尼西亚 | PH Philippines 菲律宾 | AU Australia 澳大利亚 | NZ New Zealand 新西兰
CA Canada 加拿大 | MX Mexico 墨西哥 | BR Brazil 巴西 | AR Argentina 阿根廷 | EU European Union 欧盟
"""

_INDICATOR_A = 0x1F1E6


def _flag(code: str) -> str:
    return "".join(chr(_INDICATOR_A + ord(letter) - ord("A")) for letter in code)


FLAGS: dict[str, tuple[str, str]] = {
    _flag(code): (" ".join(english), chinese)
    for code, *english, chinese in (entry.split() for entry in _NAMES.replace("\n", "|").split("|")
                                    if entry.strip())
}  # fmt: skip
"""A flag's two characters: its country's English and Chinese names."""

_FLAG = re.compile("[\U0001f1e6-\U0001f1ff]{2}")


def read_flags(text: str, chinese: bool) -> str:
    """``text`` with each flag of ``FLAGS`` written as its country's name (its Chinese name in
    Chinese text, ``chinese``); other flags are left, to be dropped as emoji are."""
    if _FLAG.search(text) is None:
        return text

    def name(m: re.Match[str]) -> str:
        names = FLAGS.get(m[0])
        if names is None:
            return m[0]
        return names[1] if chinese else f" {names[0]} "

    return _FLAG.sub(name, text)
