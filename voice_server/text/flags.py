"""Flag emoji read as their country's name: ``🇯🇵`` is "Japan" (日本 in Chinese text).

A flag is two regional indicator symbols (U+1F1E6 to U+1F1FF), one for each letter of the
country's ISO 3166 code (``🇯🇵`` is J, P). The flags of about 130 countries below are read; any
other, like any other emoji, is dropped by the normaliser. The table is data, not rules: a flag is added
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
CO Colombia 哥伦比亚 | PE Peru 秘鲁 | CL Chile 智利 | VE Venezuela 委内瑞拉 | UY Uruguay 乌拉圭
PY Paraguay 巴拉圭 | BO Bolivia 玻利维亚 | EC Ecuador 厄瓜多尔 | CU Cuba 古巴 | JM Jamaica 牙买加
DO Dominican Republic 多米尼加 | PR Puerto Rico 波多黎各 | CR Costa Rica 哥斯达黎加 | PA Panama 巴拿马
GT Guatemala 危地马拉 | HN Honduras 洪都拉斯 | SV El Salvador 萨尔瓦多 | HT Haiti 海地
KE Kenya 肯尼亚 | ET Ethiopia 埃塞俄比亚 | GH Ghana 加纳 | CI Ivory Coast 科特迪瓦 | SN Senegal 塞内加尔
CM Cameroon 喀麦隆 | TZ Tanzania 坦桑尼亚 | UG Uganda 乌干达 | RW Rwanda 卢旺达 | AO Angola 安哥拉
ZW Zimbabwe 津巴布韦 | ZM Zambia 赞比亚 | MZ Mozambique 莫桑比克 | MG Madagascar 马达加斯加
SD Sudan 苏丹 | MA Morocco 摩洛哥 | DZ Algeria 阿尔及利亚 | TN Tunisia 突尼斯 | LY Libya 利比亚
PK Pakistan 巴基斯坦 | BD Bangladesh 孟加拉国 | LK Sri Lanka 斯里兰卡 | NP Nepal 尼泊尔 | MM Myanmar 缅甸
KH Cambodia 柬埔寨 | LA Laos 老挝 | MN Mongolia 蒙古 | KP North Korea 朝鲜 | TW Taiwan 台湾 | MO Macao 澳门
KZ Kazakhstan 哈萨克斯坦 | UZ Uzbekistan 乌兹别克斯坦 | AF Afghanistan 阿富汗 | IR Iran 伊朗
IQ Iraq 伊拉克 | SY Syria 叙利亚 | JO Jordan 约旦 | LB Lebanon 黎巴嫩 | QA Qatar 卡塔尔 | KW Kuwait 科威特
OM Oman 阿曼 | BH Bahrain 巴林 | YE Yemen 也门 | PS Palestine 巴勒斯坦 | CZ Czechia 捷克
SK Slovakia 斯洛伐克 | HU Hungary 匈牙利 | RO Romania 罗马尼亚 | BG Bulgaria 保加利亚 | RS Serbia 塞尔维亚
HR Croatia 克罗地亚 | SI Slovenia 斯洛文尼亚 | BA Bosnia and Herzegovina 波黑 | AL Albania 阿尔巴尼亚
MK North Macedonia 北马其顿 | ME Montenegro 黑山 | EE Estonia 爱沙尼亚 | LV Latvia 拉脱维亚
LT Lithuania 立陶宛 | BY Belarus 白俄罗斯 | MD Moldova 摩尔多瓦 | GE Georgia 格鲁吉亚 | AM Armenia 亚美尼亚
AZ Azerbaijan 阿塞拜疆 | IS Iceland 冰岛 | LU Luxembourg 卢森堡 | MT Malta 马耳他 | CY Cyprus 塞浦路斯
MC Monaco 摩纳哥 | FJ Fiji 斐济 | PG Papua New Guinea 巴布亚新几内亚 | UN United Nations 联合国
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
_NEXT_FLAG = re.compile("[ \t]*([\U0001f1e6-\U0001f1ff]{2})")


def read_flags(text: str, chinese: bool) -> str:
    """``text`` with each flag of ``FLAGS`` written as its country's name (its Chinese name in
    Chinese text, ``chinese``); other flags are left, to be dropped as emoji are."""
    if _FLAG.search(text) is None:
        return text

    def name(m: re.Match[str]) -> str:
        names = FLAGS.get(m[0])
        if names is None:
            return m[0]
        # In a run of flags (🇨🇴 🇵🇪 🇨🇱) each name is a list item: a pause between them.
        after = _NEXT_FLAG.match(m.string, m.end())
        listed = after is not None and after[1] in FLAGS
        if chinese:
            return names[1] + ("、" if listed else "")
        return f" {names[0]}{',' if listed else ''} "

    return _FLAG.sub(name, text)
