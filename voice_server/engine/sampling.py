"""Sampling settings, checked before they reach the shared engine.

Some bad per-request values raise *inside* vLLM's engine core and kill it for every session, so
every field is range-checked here and the engine never sees an unchecked request.
"""

from __future__ import annotations

from dataclasses import dataclass

# Official Spark-TTS sampling: temperature 0.8, top_k 50, top_p 0.95, no repetition penalty.
DEFAULT_TEMPERATURE = 0.8
DEFAULT_TOP_K = 50
DEFAULT_TOP_P = 0.95

MAX_SEED = 2**63 - 1


@dataclass(frozen=True)
class Sampling:
    """Per-request sampling. ``max_tokens`` None means "derive from the text length".

    Raises:
        ValueError: at construction, naming the field out of range.
    """

    temperature: float = DEFAULT_TEMPERATURE
    top_k: int = DEFAULT_TOP_K
    top_p: float = DEFAULT_TOP_P
    repetition_penalty: float = 1.0
    seed: int | None = None
    max_tokens: int | None = None

    def __post_init__(self) -> None:
        _check(0.0 <= self.temperature <= 2.0, "temperature must be in [0, 2]")
        _check(self.top_k == -1 or 1 <= self.top_k <= 1024, "top_k must be -1 or 1..1024")
        _check(0.0 < self.top_p <= 1.0, "top_p must be in (0, 1]")
        _check(0.5 <= self.repetition_penalty <= 2.0, "repetition_penalty must be in [0.5, 2]")
        _check(
            self.seed is None or 0 <= self.seed <= MAX_SEED, f"seed must be in [0, {MAX_SEED}]"
        )
        _check(
            self.max_tokens is None or 1 <= self.max_tokens <= 100_000,
            "max_tokens must be in [1, 100000]",
        )


def _check(ok: bool, message: str) -> None:
    if not ok:
        raise ValueError(message)


def semantic_token_budget(text: str, tokens_per_second: int = 50) -> int:
    """A generous cap on semantic tokens for ``text``: 2 s plus 0.2 s per character.

    Speech runs at about 15 characters a second (0.07 s each), so this is about three times what
    any reading needs. It bounds the known failure where the model emits long silences until its
    token limit, and it bounds random-weight test models, which rarely pick an end token.
    """
    return int(tokens_per_second * (2.0 + 0.2 * len(text)))
