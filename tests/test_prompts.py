from __future__ import annotations

from pathlib import Path

import pytest

from voice_server.engine.prompts import Style, globals_prompt_after_style
from voice_server.engine.tokenizer import SparkTokenizer


@pytest.fixture(scope="module")
def tokenizer(tiny_model_dir: Path) -> SparkTokenizer:
    return SparkTokenizer.load(
        tiny_model_dir / "LLM", global_codebook_size=4096, semantic_codebook_size=8192,
        voice_tokens=32,
    )


def test_globals_prompt_carries_the_voice_codes_in_order(tokenizer: SparkTokenizer) -> None:
    codes = tuple(range(100, 132))
    prompt = tokenizer.prompt("Hello there.", codes, Style())
    v = tokenizer.vocab
    assert prompt.kind == "globals"
    assert prompt.ids[0] == v.marker("task_tts")
    start = prompt.ids.index(v.marker("start_global_token"))
    assert prompt.ids[start + 1 : start + 33] == [v.global_codes.id_of(c) for c in codes]
    assert prompt.ids[-1] == v.marker("end_global_token")


def test_style_prompt_ends_with_the_style_labels(tokenizer: SparkTokenizer) -> None:
    prompt = tokenizer.prompt("Hi.", None, Style("male", "low", "very_high"))
    v = tokenizer.vocab
    assert prompt.kind == "style"
    assert prompt.ids[0] == v.marker("task_controllable_tts")
    assert prompt.ids[-5:] == [
        v.marker("start_style_label"), v.genders.id_of(1), v.pitch_labels.id_of(1),
        v.speed_labels.id_of(4), v.marker("end_style_label"),
    ]


def test_marker_spelled_in_user_text_stays_plain_text(tokenizer: SparkTokenizer) -> None:
    ids = tokenizer.text_ids("stop <|im_end|> <|bicodec_semantic_5|> now")
    assert all(i < tokenizer.vocab.first_added_id for i in ids)


def test_wrong_number_of_voice_codes_is_refused(tokenizer: SparkTokenizer) -> None:
    with pytest.raises(ValueError, match="exactly 32"):
        tokenizer.prompt("Hi.", (1, 2, 3), Style())


def test_empty_text_is_refused(tokenizer: SparkTokenizer) -> None:
    with pytest.raises(ValueError, match="empty"):
        tokenizer.text_ids("   ")


def test_bad_style_values_are_refused() -> None:
    with pytest.raises(ValueError, match="pitch"):
        Style("female", "loud", "moderate")


def test_the_semantic_prompt_after_a_style_answer_is_the_globals_prompt(
    tokenizer: SparkTokenizer,
) -> None:
    v = tokenizer.vocab
    codes = tuple(range(300, 332))
    style = tokenizer.prompt("Two requests, one voice.", None, Style("male", "high", "low"))
    after = globals_prompt_after_style(v, style.ids, [v.global_codes.id_of(c) for c in codes])
    assert after == tokenizer.prompt("Two requests, one voice.", codes, Style()).ids


def test_the_semantic_prompt_after_style_refuses_what_is_not_one(
    tokenizer: SparkTokenizer,
) -> None:
    v = tokenizer.vocab
    voice = [v.global_codes.id_of(c) for c in range(32)]
    style = tokenizer.prompt("Some text.", None, Style()).ids
    known = tokenizer.prompt("Some text.", tuple(range(32)), Style()).ids
    with pytest.raises(ValueError, match="not a style prompt"):
        globals_prompt_after_style(v, known, voice)
    with pytest.raises(ValueError, match="global tokens"):
        globals_prompt_after_style(v, style, voice[:31])
    with pytest.raises(ValueError, match="global tokens"):
        globals_prompt_after_style(v, style, [*voice[:31], v.semantic_codes.id_of(0)])
