"""URLs, email addresses and Java-style package paths, read out character group by character
group: a listener cannot click them, but may write them down.

What is covered
---------------
- **URLs and emails** read out: ``https://www.example.com/a-b`` is "w w w dot example dot com
  slash a dash b", ``jo.doe@mail.org`` is "jo dot doe at mail dot org"; digits in them are read
  one by one, a port as a number (``localhost:3000`` -> colon three thousand); a URL's query and
  fragment (``?v=dQw4w9WgXcQ``, ``#install``) are not read: a listener cannot use them, and
  they are mostly identifiers. An address ends where Chinese, Japanese or Korean text resumes.
"""

from __future__ import annotations

import re

from voice_server.text.normalize.codes import read_port
from voice_server.text.normalize.cues import CJK, spaced
from voice_server.text.normalize.number_words import ONES, digits
from voice_server.text.rules import Rule


_URL_WORDS = {".": "dot", "/": "slash", "-": "dash", "_": "underscore", ":": "colon",
              "?": "question mark", "=": "equals", "&": "and", "#": "hash", "%": "percent",
              "~": "tilde", "+": "plus", "@": "at"}  # fmt: skip
_TLDS = "com|org|net|io|ai|dev|edu|gov|co|us|uk|de|fr|app|info|tv|me|ly|gg|xyz"
_URL_CHAR = "[^\\s<>\"'()\x00\u3000-\u303f\uff00-\uffef" + CJK + "]"
"""A character of an address: not a space, bracket or quote, nor Chinese, Japanese or Korean
text or punctuation (a URL written into a Chinese sentence ends where the Chinese resumes)."""
_DOMAIN_CHAR = "A-Za-z0-9_\u00c0-\u024f-"
"""Latin letters (accented ones too: münchen.de), digits, ``_`` and ``-``: not CJK, so a domain
written into a Chinese sentence starts where the Chinese stops."""
_URL = re.compile(
    rf"(?:https?://|www\.){_URL_CHAR}+"
    rf"|(?<![{_DOMAIN_CHAR}.])[{_DOMAIN_CHAR}]+(?:\.[{_DOMAIN_CHAR}]+)*\.(?:{_TLDS})\b"
    rf"(?:/{_URL_CHAR}*)?"
)
_EMAIL = re.compile(r"(?<![A-Za-z0-9_.+-])[A-Za-z0-9_.+-]+@(?![\d.]+(?![\w-]))"
                    r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
"""An email's address; not a package's version after its at sign (``react@18.2.0``: read as
a version, was "one eight dot two dot zero")."""
ADDRESS = re.compile(f"{_EMAIL.pattern}|{_URL.pattern}")
"""An email or a URL: Chinese text reads its numbers in Chinese, not those of its addresses."""


def _read_address(text: str) -> str:
    text = re.sub(r"^https?://", "", text, flags=re.I).rstrip("/")
    words = []
    for part in re.findall(r"(?<=[A-Za-z0-9]):[0-9]{1,5}(?=/|$)|[^\W\d_]+|\d|.", text):
        if len(part) > 1 and part[0] == ":":  # a port, localhost:3000: "colon three thousand"
            port = part[1:]
            words.append(f"colon {digits(port) if port[0] == '0' else read_port(port)}")
        elif part.isdecimal():
            words.append(ONES[int(part)])
        elif part.lower() == "www":
            words.append("w w w")
        elif part in _URL_WORDS:
            words.append(_URL_WORDS[part])
        elif any(c.isalpha() for c in part):
            words.append("".join(c for c in part if c.isalpha()))
    return spaced(" ".join(words))


def _address(m: re.Match[str]) -> str:
    """A URL read out, without its query and fragment (``?q=tts&hl=en``, ``#install``: what a
    listener cannot use, often an identifier to spell out), and the stop after it kept."""
    text = m.group(0)
    trail = len(text) - len(text.rstrip(".,;:!?"))
    address = text[: len(text) - trail]
    return _read_address(re.split(r"[?#]", address, maxsplit=1)[0]) + text[len(text) - trail :]


_PACKAGE_PATH = re.compile(r"(?<![\w./@:\\-])(?:com|org|net|io|edu|gov|dev|de|uk|fr|me|java|javax|jakarta|"
                           r"android|androidx|kotlin|kotlinx)\.[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*(?:\.[A-Z]\w*)?"
                           r"(?![\w/:@\\-]|\.\w)")  # fmt: skip
"""A Java-style package or class by its reverse domain: ``com.acme.util.Parser``,
``org.springframework.boot`` (three names or more; ``com.example`` alone may be a typo)."""


ADDRESSES: list[Rule] = [
    # a package's path as a programmer says it: com.acme.util.Parser -> com dot acme dot util dot
    # Parser (was left as written), as inline code reads it
    Rule(_PACKAGE_PATH, lambda m: m[0].replace(".", " dot ") if m[0].count(".") >= 2 else m[0],
         needs=("com.", "org.", "net.", "io.", "edu.", "gov.", "dev.", "de.", "uk.", "fr.", "me.",
                "java.", "javax.", "jakarta.", "android.", "androidx.", "kotlin.", "kotlinx.")),
    Rule(_EMAIL, lambda m: _read_address(m.group(0)), needs=("@",)),
    Rule(_URL, _address, needs=("://", "www.", *(f".{tld}" for tld in _TLDS.split("|")))),
]
