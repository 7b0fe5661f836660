from __future__ import annotations

from voice_server.engine.token_stream import AnswerParser
from voice_server.engine.vocab import IdRange, SparkVocab


def _vocab() -> SparkVocab:
    markers = {"end_semantic_token": 6, "start_semantic_token": 5}
    return SparkVocab(
        global_codes=IdRange(2000, 4096), semantic_codes=IdRange(7000, 8192),
        pitch_values=IdRange(100, 1001), speed_values=IdRange(1200, 11),
        pitch_labels=IdRange(1300, 5), speed_labels=IdRange(1310, 5), genders=IdRange(1320, 2),
        markers=markers, eos_id=7, first_added_id=50, voice_tokens=32, vocab_size=20000,
    )


def test_globals_complete_once_then_semantics_pass_through() -> None:
    parser = AnswerParser(_vocab())
    first = parser.feed([1, 150, 1205, 2, 3] + [2000 + i for i in range(20)])
    assert first.voice is None and first.semantic == []
    second = parser.feed([2000 + i for i in range(20, 32)] + [4, 5, 7000, 7005])
    assert second.voice == tuple(range(32))
    assert second.semantic == [0, 5]
    assert parser.semantic_count == 2 and not parser.ended


def test_end_tokens_stop_parsing() -> None:
    parser = AnswerParser(_vocab())
    delta = parser.feed([5, 7001, 7, 7002])
    assert delta.ended and delta.semantic == [1]
    assert parser.feed([7003]).semantic == []
