"""The random-weight model builder: its presets, and other shapes of the same architecture."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from safetensors import safe_open

from voice_server.codec.bicodec import BiCodecConfig
from voice_server.engine.tokenizer import SparkTokenizer
from voice_server.model_dir import check_model_dir
from voice_server.tiny_model import make_tiny_model, parse_overrides


def _tokenizer(model: Path) -> SparkTokenizer:
    _, codec = check_model_dir(model).checked_audio()
    return SparkTokenizer.load(
        model / "LLM", global_codebook_size=codec.global_codebook_size,
        semantic_codebook_size=codec.semantic_codebook_size, voice_tokens=codec.global_token_count,
    )  # fmt: skip


def test_the_tiny_preset_keeps_its_shape(tiny_model_dir: Path) -> None:
    config = json.loads((tiny_model_dir / "LLM" / "config.json").read_text())
    assert {k: config[k] for k in ("hidden_size", "num_attention_heads", "num_key_value_heads",
                                   "num_hidden_layers", "intermediate_size",
                                   "tie_word_embeddings", "max_position_embeddings")} == {
        "hidden_size": 128, "num_attention_heads": 2, "num_key_value_heads": 1,
        "num_hidden_layers": 2, "intermediate_size": 256, "tie_word_embeddings": True,
        "max_position_embeddings": 4096,
    }  # fmt: skip
    vocab = _tokenizer(tiny_model_dir).vocab
    assert (vocab.global_codes.count, vocab.semantic_codes.count) == (4096, 8192)
    assert config["vocab_size"] % 64 == 0 and vocab.vocab_size == config["vocab_size"]


def test_a_variant_tokenizer_has_one_token_per_codebook_entry(tmp_path: Path) -> None:
    """The tokenizer follows the BiCodec codebooks (it always had 4096 + 8192 code tokens, so
    a larger semantic codebook made a model directory that does not load)."""
    model = make_tiny_model(tmp_path, bicodec={
        "quantizer": {"codebook_size": 9000},
        "speaker_encoder": {"token_num": 16, "fsq_levels": [5, 5, 5, 5]},
    })  # fmt: skip
    codec = BiCodecConfig.from_yaml(model / "BiCodec" / "config.yaml")
    assert (codec.semantic_codebook_size, codec.global_codebook_size) == (9000, 625)
    vocab = _tokenizer(model).vocab
    assert (vocab.global_codes.count, vocab.semantic_codes.count) == (625, 9000)
    assert vocab.voice_tokens == 16


def test_llm_overrides_reach_the_checkpoint(tmp_path: Path) -> None:
    model = make_tiny_model(tmp_path, llm={
        "hidden_size": 192, "num_attention_heads": 2, "num_key_value_heads": 2, "head_dim": 128,
        "num_hidden_layers": 3, "intermediate_size": 320, "tie_word_embeddings": False,
    }, vocab_size=14801, pad_tokenizer=False)  # fmt: skip
    config = json.loads((model / "LLM" / "config.json").read_text())
    assert (config["head_dim"], config["num_key_value_heads"], config["num_hidden_layers"]) == (
        128, 2, 3)  # fmt: skip
    assert config["tie_word_embeddings"] is False and config["vocab_size"] == 14801
    with safe_open(str(model / "LLM" / "model.safetensors"), framework="pt") as f:
        assert f.get_slice("lm_head.weight").get_shape() == [14801, 192]
        assert f.get_slice("model.layers.0.self_attn.q_proj.weight").get_shape() == [256, 192]
    assert _tokenizer(model).vocab.vocab_size < 14801  # not padded up to the head


def test_a_vocab_size_below_the_tokenizer_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="vocab_size 1000 is less than"):
        make_tiny_model(tmp_path, vocab_size=1000)


def test_overrides_from_the_command_line_are_read_as_yaml() -> None:
    assert parse_overrides(["head_dim=128", "tie_word_embeddings=false", "rates=[4, 4, 4, 5]"]) == {
        "head_dim": 128, "tie_word_embeddings": False, "rates": [4, 4, 4, 5]}  # fmt: skip
    with pytest.raises(ValueError, match="KEY=VALUE"):
        parse_overrides(["head_dim"])
