"""The normaliser reproduces its golden corpus (``tests/normalize_corpus.py`` says what is in
it and how to re-record it): a change meant to be invisible, such as making it faster, keeps
every reading."""

from __future__ import annotations

import gzip
import json

from tests.normalize_corpus import GOLDEN
from voice_server.text.normalize import normalize_text


def test_every_golden_input_reads_as_recorded() -> None:
    with gzip.open(GOLDEN, "rt", encoding="utf-8") as lines:
        pairs = [json.loads(line) for line in lines]
    changed = [(text, want, got) for text, want in pairs if (got := normalize_text(text)) != want]
    assert len(pairs) > 5000
    assert changed == [], (f"{len(changed)} of {len(pairs)} readings changed (if on purpose: "
                           f"python -m tests.normalize_corpus); first: {changed[:3]}")
