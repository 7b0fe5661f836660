from __future__ import annotations

from pathlib import Path

import pytest

from voice_server.engine.vocab import SparkVocab
from voice_server.tiny_model import spark_added_tokens


def _lookup_from(tokens: list[str], base: int) -> dict[str, int]:
    table = {"<|endoftext|>": base, "<|im_end|>": base + 2}
    table.update({t: base + 22 + i for i, t in enumerate(tokens)})
    return table


def _vocab(table: dict[str, int]) -> SparkVocab:
    return SparkVocab.from_lookup(
        table.get, len(table), global_codebook_size=4096, semantic_codebook_size=8192,
        voice_tokens=32,
    )


def test_official_ordering_reproduces_the_published_ids() -> None:
    vocab = _vocab(_lookup_from(spark_added_tokens(), 151643))
    assert vocab.global_codes.start == 151665
    assert vocab.semantic_codes.start == 155761
    assert vocab.marker("task_tts") == 165137
    assert vocab.marker("task_controllable_tts") == 165143
    assert vocab.marker("start_global_token") == 165150
    assert vocab.marker("end_semantic_token") == 165157
    assert vocab.eos_id == 151645


def test_a_gap_in_a_code_range_is_refused() -> None:
    table = _lookup_from(spark_added_tokens(), 1000)
    table["<|bicodec_semantic_17|>"] = 10
    with pytest.raises(ValueError, match="not contiguous at N=17"):
        _vocab(table)


def test_a_codebook_larger_than_the_tokenizer_names_both_sides() -> None:
    table = _lookup_from(spark_added_tokens(semantic_codes=4096), 1000)
    with pytest.raises(ValueError, match="4096 <.bicodec_semantic_N.> tokens, the BiCodec "
                                         "codebook 8192 codes"):  # fmt: skip
        _vocab(table)


def test_a_missing_marker_is_named() -> None:
    table = _lookup_from(spark_added_tokens(), 1000)
    del table["<|start_semantic_token|>"]
    with pytest.raises(ValueError, match="start_semantic_token"):
        _vocab(table)


def test_tiny_tokenizer_ids_differ_from_the_official_ones(tiny_model_dir: Path) -> None:
    from voice_server.engine.tokenizer import SparkTokenizer

    tok = SparkTokenizer.load(
        tiny_model_dir / "LLM", global_codebook_size=4096, semantic_codebook_size=8192,
        voice_tokens=32,
    )
    assert tok.vocab.global_codes.start != 151665
    assert tok.vocab.eos_id != 151645
    assert tok.vocab.semantic_codes.count == 8192


def test_tiny_tokenizer_covers_every_id_the_model_can_sample(tiny_model_dir: Path) -> None:
    import json

    from transformers import AutoTokenizer

    config = json.loads((tiny_model_dir / "LLM" / "config.json").read_text())
    hf = AutoTokenizer.from_pretrained(str(tiny_model_dir / "LLM"))
    assert len(hf) == config["vocab_size"]
    assert config["hidden_size"] // config["num_attention_heads"] >= 64


def test_an_lm_head_that_cannot_write_every_spark_token_is_refused(tiny_model_dir: Path) -> None:
    """An LM whose vocab_size stops inside the Spark ids could never sample them: the grammar's
    mask was cut at the head's size and left a phase with nothing allowed."""
    from voice_server.engine.tokenizer import SparkTokenizer
    from voice_server.model_dir import ModelDirError

    def load(head: int) -> SparkTokenizer:
        return SparkTokenizer.load(
            tiny_model_dir / "LLM", global_codebook_size=4096, semantic_codebook_size=8192,
            voice_tokens=32, lm_vocab_size=head,
        )  # fmt: skip

    vocab = load(100_000).vocab
    highest = vocab.highest_id
    assert highest == max(vocab.semantic_codes.stop - 1, vocab.global_codes.stop - 1,
                          *vocab.markers.values(), vocab.eos_id)  # fmt: skip
    assert load(highest + 1).vocab == vocab
    with pytest.raises(ModelDirError, match=rf"vocab_size {highest} .*id {highest}"):
        load(highest)
