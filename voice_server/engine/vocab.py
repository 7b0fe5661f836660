"""Spark-TTS token ids, read from the tokenizer: never hard-coded.

The Spark-TTS tokenizer is Qwen2's byte-level BPE plus added tokens: BiCodec codes
(``<|bicodec_global_N|>``, ``<|bicodec_semantic_N|>``) in contiguous id ranges, the task and
delimiter markers, and the style labels of the controllable prompt. Generated ids are parsed by
range (one comparison per token), so this module resolves every range once, at load time, and
checks that it really is contiguous: a tokenizer that breaks that assumption fails here, loudly,
instead of producing garbage audio later.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

GENDERS = ("female", "male")
LEVELS = ("very_low", "low", "moderate", "high", "very_high")

MARKERS = (
    "task_tts",
    "task_controllable_tts",
    "start_content",
    "end_content",
    "start_style_label",
    "end_style_label",
    "start_acoustic_token",
    "end_acoustic_token",
    "start_global_token",
    "end_global_token",
    "start_semantic_token",
    "end_semantic_token",
)


@dataclass(frozen=True)
class IdRange:
    """A contiguous run of token ids ``[start, start + count)``."""

    start: int
    count: int

    @property
    def stop(self) -> int:
        return self.start + self.count

    def __contains__(self, token_id: object) -> bool:
        return isinstance(token_id, int) and self.start <= token_id < self.stop

    def id_of(self, index: int) -> int:
        if not 0 <= index < self.count:
            raise ValueError(f"index {index} outside [0, {self.count})")
        return self.start + index


@dataclass(frozen=True)
class SparkVocab:
    """Every token id the server needs, resolved from one tokenizer.

    Attributes:
        global_codes: ``<|bicodec_global_0..G-1|>``.
        semantic_codes: ``<|bicodec_semantic_0..S-1|>``.
        pitch_values: ``<|pitch_value_0..1000|>`` (generated in controllable mode).
        speed_values: ``<|speed_value_0..10|>`` (generated in controllable mode).
        pitch_labels, speed_labels, genders: style labels of the controllable prompt.
        markers: the task and delimiter tokens by name (``start_content`` ...).
        eos_id: ``<|im_end|>``, the model's end of sequence.
        first_added_id: ``<|endoftext|>``, the first id past the byte-level BPE vocabulary.
        voice_tokens: global tokens per voice (BiCodec ``speaker_encoder.token_num``).
        vocab_size: number of tokenizer entries.
    """

    global_codes: IdRange
    semantic_codes: IdRange
    pitch_values: IdRange
    speed_values: IdRange
    pitch_labels: IdRange
    speed_labels: IdRange
    genders: IdRange
    markers: dict[str, int]
    eos_id: int
    first_added_id: int
    voice_tokens: int
    vocab_size: int

    def marker(self, name: str) -> int:
        return self.markers[name]

    @property
    def highest_id(self) -> int:
        """The largest id a prompt or an answer uses: the LM's head must be larger."""
        ranges = (self.global_codes, self.semantic_codes, self.pitch_values, self.speed_values,
                  self.pitch_labels, self.speed_labels, self.genders)  # fmt: skip
        return max(self.eos_id, *self.markers.values(), *(r.stop - 1 for r in ranges))

    def check_fits(self, lm_vocab_size: int) -> None:
        """Raises ValueError unless an LM head of ``lm_vocab_size`` ids can write every id."""
        if self.highest_id >= lm_vocab_size:
            raise ValueError(
                f"the LM's vocab_size {lm_vocab_size} (LLM/config.json) does not reach the "
                f"tokenizer's Spark-TTS token id {self.highest_id}: the LLM and its tokenizer "
                "do not match"
            )

    @classmethod
    def from_lookup(
        cls,
        token_to_id: Callable[[str], int | None],
        vocab_size: int,
        *,
        global_codebook_size: int,
        semantic_codebook_size: int,
        voice_tokens: int,
    ) -> SparkVocab:
        """Resolve all ids through ``token_to_id`` (None for unknown tokens).

        Raises:
            ValueError: a token is missing or a code range is not contiguous.
        """

        def run(prefix: str, count: int) -> IdRange:
            return _contiguous(token_to_id, prefix, count)

        markers = {name: _required(token_to_id, f"<|{name}|>") for name in MARKERS}
        return cls(
            global_codes=run("bicodec_global", global_codebook_size),
            semantic_codes=run("bicodec_semantic", semantic_codebook_size),
            pitch_values=run("pitch_value", 1001),
            speed_values=run("speed_value", 11),
            pitch_labels=run("pitch_label", len(LEVELS)),
            speed_labels=run("speed_label", len(LEVELS)),
            genders=run("gender", len(GENDERS)),
            markers=markers,
            eos_id=_required(token_to_id, "<|im_end|>"),
            first_added_id=_required(token_to_id, "<|endoftext|>"),
            voice_tokens=voice_tokens,
            vocab_size=vocab_size,
        )

    @classmethod
    def from_tokenizer(
        cls,
        tokenizer: object,
        *,
        global_codebook_size: int,
        semantic_codebook_size: int,
        voice_tokens: int,
    ) -> SparkVocab:
        """Resolve ids from a Hugging Face tokenizer (fast or slow)."""
        lookup = getattr(tokenizer, "convert_tokens_to_ids")
        unk = getattr(tokenizer, "unk_token_id", None)

        def token_to_id(token: str) -> int | None:
            found = lookup(token)
            return None if found is None or found == unk else int(found)

        return cls.from_lookup(
            token_to_id,
            len(tokenizer),  # type: ignore[arg-type]
            global_codebook_size=global_codebook_size,
            semantic_codebook_size=semantic_codebook_size,
            voice_tokens=voice_tokens,
        )


def _required(token_to_id: Callable[[str], int | None], token: str) -> int:
    found = token_to_id(token)
    if found is None:
        raise ValueError(f"tokenizer has no {token!r}: not a Spark-TTS tokenizer")
    return found


def _contiguous(token_to_id: Callable[[str], int | None], prefix: str, count: int) -> IdRange:
    start = _required(token_to_id, f"<|{prefix}_0|>")
    for index in range(1, count):
        found = token_to_id(f"<|{prefix}_{index}|>")
        if found is None:
            raise ValueError(
                f"the tokenizer has {index} <|{prefix}_N|> tokens, the BiCodec codebook "
                f"{count} codes (BiCodec/config.yaml): the LLM and the codec do not match"
            )
        if found != start + index:
            raise ValueError(
                f"tokenizer ids of <|{prefix}_N|> are not contiguous at N={index} "
                f"(expected {count} tokens from id {start})"
            )
    return IdRange(start, count)
