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
"""

from __future__ import annotations

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


def build_tokenizer(llm_dir: Path, base_merges: int = 1000) -> int:
    """Write a Qwen2-style tokenizer to ``llm_dir``; returns the LM vocab size to use."""
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

    tok = Qwen2Tokenizer(
        vocab=str(llm_dir / "vocab.json"),
        merges=str(llm_dir / "merges.txt"),
        unk_token=None,
        bos_token=None,
        eos_token="<|endoftext|>",
        pad_token="<|endoftext|>",
    )
    tok.add_special_tokens({"additional_special_tokens": list(QWEN_SPECIAL_TOKENS)})
    tok.eos_token = "<|im_end|>"
    tok.add_tokens(spark_added_tokens())
    vocab_size = -(-len(tok) // 64) * 64
    tok.add_tokens([f"<|reserved_{i}|>" for i in range(vocab_size - len(tok))])
    tok.save_pretrained(str(llm_dir))
    return vocab_size


def build_llm(llm_dir: Path, vocab_size: int, eos_id: int, pad_id: int, seed: int) -> None:
    """Write a random-weight Qwen2ForCausalLM of the Spark-TTS shape (but tiny) to ``llm_dir``."""
    import torch
    from transformers import Qwen2Config, Qwen2ForCausalLM

    config = Qwen2Config(
        vocab_size=vocab_size,
        max_position_embeddings=4096,
        rope_theta=1_000_000.0,
        rms_norm_eps=1e-6,
        tie_word_embeddings=True,
        bos_token_id=pad_id,
        eos_token_id=eos_id,
        torch_dtype="bfloat16",
        **TINY_LLM,
    )
    torch.manual_seed(seed)
    model = Qwen2ForCausalLM(config)
    model.save_pretrained(str(llm_dir), safe_serialization=True)


def make_tiny_model(directory: str | Path, seed: int = 0) -> Path:
    """Create the whole tiny model directory; returns its path."""
    from voice_server.codec.bicodec import TINY_BICODEC_CONFIG, write_random_bicodec

    root = Path(directory)
    llm_dir = root / "LLM"
    vocab_size = build_tokenizer(llm_dir)
    added = json.loads((llm_dir / "tokenizer.json").read_text())["added_tokens"]
    ids = {t["content"]: t["id"] for t in added}
    build_llm(llm_dir, vocab_size, ids["<|im_end|>"], ids["<|endoftext|>"], seed)
    write_random_bicodec(root / "BiCodec", TINY_BICODEC_CONFIG, seed)
    import yaml

    (root / "config.yaml").write_text(yaml.safe_dump(AUDIO_CONFIG, sort_keys=False))
    (root / TINY_MARKER).write_text(
        "Random-weight Spark-TTS-shaped model made by `voice-server make-tiny-model`.\n"
        "Its audio is noise. Load real weights with --model SparkAudio/Spark-TTS-0.5B.\n"
    )
    return root
