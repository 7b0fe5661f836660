"""``voice-server make-tiny-model DIR``: a complete Spark-TTS model directory with random weights.

Same architecture and layout as the official checkpoint, small enough for CI:

* ``LLM/``: a Qwen2 causal LM (head_dim 64, because vLLM's CPU attention refuses less) and a
  Qwen2-style byte-level BPE tokenizer (vocab.json + merges.txt, trained here on a fixed corpus)
  carrying every Spark-TTS added token in the official order. Its base vocabulary is much smaller
  than Qwen's 151,643 entries, so every Spark token id differs from the official one: code that
  hard-codes official ids fails against it. Filler tokens pad the tokenizer up to the LM's
  ``vocab_size``, so every id the model can sample decodes to something.
* ``BiCodec/``: the decoder at small dimensions with the official config keys and parameter
  names (``codec.bicodec.write_random_bicodec``).
* ``config.yaml``: the official seven audio keys.

The weights are seeded: the same seed gives the same directory.

Other shapes of the same architecture (``make_tiny_model(..., llm=..., bicodec=...)``, or
``--llm KEY=VALUE`` / ``--bicodec SECTION.KEY=VALUE`` on the command line) check that nothing in
the server assumes the presets' sizes: the LM's dimensions, ``head_dim``, tied or untied
embeddings and head size, and any key of the BiCodec ``audio_tokenizer`` tree. The tokenizer
always carries as many code tokens as the BiCodec codebooks have entries.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import copy
import json
from pathlib import Path

from voice_server.engine.vocab import GENDERS, LEVELS
from voice_server.model_dir import TINY_MARKER

QWEN_SPECIAL_TOKENS = (
    "<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|object_ref_start|>", "<|object_ref_end|>",
    "<|box_start|>", "<|box_end|>", "<|quad_start|>", "<|quad_end|>", "<|vision_start|>",
    "<|vision_end|>", "<|vision_pad|>", "<|image_pad|>", "<|video_pad|>", "<tool_call>",
    "</tool_call>", "<|fim_prefix|>", "<|fim_middle|>", "<|fim_suffix|>", "<|fim_pad|>",
    "<|repo_name|>", "<|file_sep|>",
)  # fmt: skip

TASKS = ("vc", "tts", "asr", "s2s", "t2s", "cap", "understand", "controllable_tts",
         "prompt_tts", "edit")  # fmt: skip
DELIMITERS = ("content", "style_label", "style_prompt", "acoustic_token", "global_token",
              "semantic_token")  # fmt: skip

AUDIO_CONFIG = {
    "highpass_cutoff_freq": 40,
    "sample_rate": 16000,
    "segment_duration": 2.4,
    "max_val_duration": 12,
    "latent_hop_length": 320,
    "ref_segment_duration": 6,
    "volume_normalize": True,
}

TINY_LLM = {
    "hidden_size": 128,
    "num_attention_heads": 2,
    "num_key_value_heads": 1,
    "num_hidden_layers": 2,
    "intermediate_size": 256,
}

# The Spark-TTS-0.5B LM shape (Qwen2.5-0.5B with the 166,000-id head), for GPU benchmarks.
FULL_LLM = {
    "hidden_size": 896,
    "num_attention_heads": 14,
    "num_key_value_heads": 2,
    "num_hidden_layers": 24,
    "intermediate_size": 4864,
}
FULL_BASE_VOCAB = 151643  # Qwen2's byte-level BPE size: the added tokens then get official ids
FULL_VOCAB_SIZE = 166000


def spark_added_tokens(global_codes: int = 4096, semantic_codes: int = 8192) -> list[str]:
    """The Spark-TTS added tokens in the official order (their ids follow from the order)."""
    tokens = [f"<|bicodec_global_{i}|>" for i in range(global_codes)]
    tokens += [f"<|bicodec_semantic_{i}|>" for i in range(semantic_codes)]
    for name, count in (
        ("pitch_value", 1001), ("pitch_var_value", 11), ("pitch_label", len(LEVELS)),
        ("pitch_var_label", 5), ("speed_value", 11), ("speed_label", len(LEVELS)),
        ("loudness_value", 31), ("loudness_label", 5), ("age", 5), ("gender", len(GENDERS) + 1),
        ("emotion", 101),
    ):  # fmt: skip
        tokens += [f"<|{name}_{i}|>" for i in range(count)]
    tokens += [f"<|task_{t}|>" for t in TASKS]
    tokens += [f"<|start_{d}|>" for d in DELIMITERS]
    tokens += [f"<|end_{d}|>" for d in DELIMITERS]
    return tokens


CORPUS = (
    "The quick brown fox jumps over the lazy dog. Hello world! This is a small voice server "
    "that streams speech while the text is still being written. Cancel stops the audio at "
    "once; ping answers with the server time. One, two, three, four, five, six, seven, eight, "
    "nine, ten, eleven, twelve, twenty, thirty, hundred, thousand, million, billion. Doctor "
    "Smith lives on Main Street; Mister and Missus Jones paid five dollars and fifty cents, "
    "about ten percent more than last year. What time is it? It is half past three in the "
    "afternoon, and the weather is fine. Speech synthesis turns written words into sound."
)


def _corpus() -> list[str]:
    """A fixed English corpus for the BPE merges (deterministic, no download)."""
    return [CORPUS] * 8 + [" ".join(str(i) for i in range(1000))]


def build_tokenizer(
    llm_dir: Path, base_merges: int = 1000, base_vocab: int | None = None,
    vocab_size: int | None = None, *, global_codes: int = 4096, semantic_codes: int = 8192,
    pad_to_vocab: bool = True,
) -> int:  # fmt: skip
    """Write a Qwen2-style tokenizer to ``llm_dir``; returns the LM vocab size to use.

    ``base_vocab`` pads the BPE vocabulary with filler entries to that size (the full-size
    preset uses Qwen's 151,643, so the Spark tokens get their official ids); ``vocab_size`` is
    the LM head size to cover (default: the tokenizer size rounded up to a multiple of 64).
    ``global_codes`` and ``semantic_codes`` are the BiCodec codebook sizes. With
    ``pad_to_vocab`` off the tokenizer stops after the Spark tokens, shorter than the LM's head,
    as the official one is (165,158 entries for 166,000 ids).
    """
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import Qwen2Tokenizer

    bpe = Tokenizer(models.BPE())
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    trainer = trainers.BpeTrainer(
        vocab_size=256 + base_merges,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    bpe.train_from_iterator(_corpus(), trainer)
    llm_dir.mkdir(parents=True, exist_ok=True)
    bpe.model.save(str(llm_dir))  # vocab.json + merges.txt
    if base_vocab is not None:
        _pad_vocab(llm_dir / "vocab.json", base_vocab)

    tok = Qwen2Tokenizer(
        vocab=str(llm_dir / "vocab.json"),
        merges=str(llm_dir / "merges.txt"),
        unk_token=None,  # type: ignore[arg-type]  # byte-level BPE needs none
        bos_token=None,
        eos_token="<|endoftext|>",
        pad_token="<|endoftext|>",
    )
    tok.add_special_tokens({"additional_special_tokens": list(QWEN_SPECIAL_TOKENS)})
    tok.eos_token = "<|im_end|>"
    tok.add_tokens(spark_added_tokens(global_codes, semantic_codes))
    vocab_size = vocab_size or -(-len(tok) // 64) * 64
    if vocab_size < len(tok):
        raise ValueError(f"vocab_size {vocab_size} is less than the tokenizer's {len(tok)} entries")
    if pad_to_vocab:
        tok.add_tokens([f"<|reserved_{i}|>" for i in range(vocab_size - len(tok))])
    tok.save_pretrained(str(llm_dir))
    return vocab_size


def _pad_vocab(path: Path, size: int) -> None:
    vocab = json.loads(path.read_text())
    filler = 0
    while len(vocab) < size:
        vocab[f"filler{filler}"] = len(vocab)
        filler += 1
    path.write_text(json.dumps(vocab, ensure_ascii=False))


def build_llm(
    llm_dir: Path, vocab_size: int, eos_id: int, pad_id: int, seed: int,
    shape: dict[str, int] | None = None,
) -> None:  # fmt: skip
    """Write a random-weight Qwen2ForCausalLM of the Spark-TTS shape (but tiny) to ``llm_dir``.

    ``shape`` holds Qwen2Config keys (the dimensions; also ``head_dim``,
    ``tie_word_embeddings``, ``max_position_embeddings`` ...); the defaults are the tiny preset's
    and the official settings.
    """
    import torch
    from transformers import Qwen2Config, Qwen2ForCausalLM

    dims: dict[str, Any] = {  # transformers' stubs type each keyword
        "max_position_embeddings": 4096,
        "rope_theta": 1_000_000.0,
        "rms_norm_eps": 1e-6,
        "tie_word_embeddings": True,
        **(shape or TINY_LLM),
    }
    config = Qwen2Config(  # type: ignore[call-arg]  # rope_theta, torch_dtype: kwargs at run time
        vocab_size=vocab_size,
        bos_token_id=pad_id,
        eos_token_id=eos_id,
        torch_dtype="bfloat16",
        **dims,
    )
    torch.manual_seed(seed)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    with torch.device(device):
        model = Qwen2ForCausalLM(config).to(torch.bfloat16)  # type: ignore[arg-type]
    model.save_pretrained(str(llm_dir), safe_serialization=True)


def make_tiny_model(
    directory: str | Path, seed: int = 0, size: str = "tiny", *,
    llm: Mapping[str, Any] | None = None, bicodec: Mapping[str, Mapping[str, Any]] | None = None,
    vocab_size: int | None = None, pad_tokenizer: bool = True,
) -> Path:  # fmt: skip
    """Create the whole model directory; returns its path.

    ``size`` "tiny" is the CI model; "full" has the official LM and BiCodec shapes (random
    weights, official token ids) for GPU benchmarks. The rest makes other shapes of the same
    architecture from either preset.

    Args:
        llm: Qwen2Config keys that replace the preset's (``hidden_size``, ``head_dim``,
            ``tie_word_embeddings`` ...).
        bicodec: ``{section: {key: value}}`` replacing keys of the preset's ``audio_tokenizer``
            tree (``{"decoder": {"rates": [4, 4, 4, 5]}}``).
        vocab_size: the LM's head size (default: the preset's).
        pad_tokenizer: pad the tokenizer with reserved tokens up to ``vocab_size``.
    """
    from voice_server.codec.bicodec import (
        OFFICIAL_BICODEC_CONFIG,
        TINY_BICODEC_CONFIG,
        BiCodecConfig,
        write_random_bicodec,
    )

    if size not in ("tiny", "full"):
        raise ValueError(f"size must be tiny or full, got {size!r}")
    full = size == "full"
    codec = _merged(OFFICIAL_BICODEC_CONFIG if full else TINY_BICODEC_CONFIG, bicodec or {})
    sizes = BiCodecConfig.from_dict(codec)
    root = Path(directory)
    llm_dir = root / "LLM"
    vocab_size = build_tokenizer(
        llm_dir,
        base_vocab=FULL_BASE_VOCAB if full else None,
        vocab_size=vocab_size or (FULL_VOCAB_SIZE if full else None),
        global_codes=sizes.global_codebook_size,
        semantic_codes=sizes.semantic_codebook_size,
        pad_to_vocab=pad_tokenizer,
    )
    added = json.loads((llm_dir / "tokenizer.json").read_text())["added_tokens"]
    ids = {t["content"]: t["id"] for t in added}
    build_llm(
        llm_dir, vocab_size, ids["<|im_end|>"], ids["<|endoftext|>"], seed,
        {**(FULL_LLM if full else TINY_LLM), **(llm or {})},
    )  # fmt: skip
    write_random_bicodec(root / "BiCodec", codec, seed)
    import yaml

    (root / "config.yaml").write_text(yaml.safe_dump(AUDIO_CONFIG, sort_keys=False))
    (root / TINY_MARKER).write_text(
        "Random-weight Spark-TTS-shaped model made by `voice-server make-tiny-model`.\n"
        "Its audio is noise. Load real weights with --model SparkAudio/Spark-TTS-0.5B.\n"
    )
    return root


def _merged(tree: Mapping[str, Any], overrides: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """``tree`` (an ``audio_tokenizer`` mapping) with ``overrides[section][key]`` replaced."""
    merged = copy.deepcopy(dict(tree))
    for section, keys in overrides.items():
        if not isinstance(merged.get(section), dict):
            raise ValueError(f"no section audio_tokenizer.{section} to override")
        merged[section].update(copy.deepcopy(dict(keys)))
    return merged


def parse_overrides(items: list[str]) -> dict[str, Any]:
    """``["hidden_size=256", "tie_word_embeddings=false"]`` -> ``{"hidden_size": 256, ...}``
    (values read as YAML: numbers, booleans and ``[4, 4]`` lists).

    Raises:
        ValueError: an item without ``=``.
    """
    import yaml

    out: dict[str, Any] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"expected KEY=VALUE, got {item!r}")
        out[key.strip()] = yaml.safe_load(value)
    return out
