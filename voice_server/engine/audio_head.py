"""An LM head over the ids Spark-TTS can generate, not over the whole vocabulary.

Why: at 600 streams on an H100 most of the LM's GPU time per step goes to work as wide as the
vocabulary after the transformer: the head's logits, the grammar mask, temperature, top-k/top-p,
softmax and the sampler over 166,000 ids per row (10 ms steps, 3 of them in vLLM's top-k/top-p
kernel alone; docs/PERFORMANCE.md, "Where the LM's GPU time goes"). The grammar lets only
about 13,300 of those ids ever be generated: the BiCodec codes, the pitch and speed values, six
markers and the end of sequence. With ``engine.audio_head`` the logits are only that wide.

How: the vocabulary is put in another order, the *engine order*, in which the generatable ids
come first (``[0, n)``, in their own order) and every other id follows (in its own order). The
model class (``audio_head_model``) permutes the embedding's rows (and an untied head's) as the
official checkpoint's weights load, and its head computes the first ``n`` rows only; the
sampler then picks engine-order ids below ``n``, which are also what it feeds back as the next
input. ``SparkEngine`` puts prompt ids into the engine order and answers back into the
tokenizer's. vLLM sees an ordinary Qwen2 whose logits are ``n`` wide.

Limits: vLLM's repetition penalty counts prompt ids against the logits' width, so it cannot run
on this head; the grammar processor applies it instead (``grammar_processor``). Tensor
parallelism is not supported.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from voice_server.engine.grammar import GrammarSpec, Phase

ARCHITECTURE = "SparkAudioHeadQwen2ForCausalLM"
MODEL_CLASS = "voice_server.engine.audio_head_model:SparkAudioHeadQwen2ForCausalLM"
CONFIG_KEY = "spark_generated_spans"
"""The LM config attribute (set through vLLM's ``hf_overrides``) that carries the spans."""
GRAMMAR_KEY = "spark_grammar_in_model"
"""The LM config attribute that turns the in-model grammar on (``engine.grammar`` model): the
engine-order ``GrammarSpec`` as a dict under "spec" and the style prompt's last id under
"style_prompt_end"."""


def generated_spans(spec: GrammarSpec) -> list[tuple[int, int]]:
    """Every id the grammar allows in any phase, as sorted, merged ``(start, stop)`` spans."""
    spans = sorted(span for phase in Phase for span in spec.allowed(phase))
    merged: list[tuple[int, int]] = []
    for start, stop in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], stop))
        else:
            merged.append((start, stop))
    return merged


@dataclass(frozen=True)
class EngineOrder:
    """The engine order of ids: the generated ids first, then the rest, each in id order.

    Attributes:
        generated_ids: the generated ids in tokenizer order, sorted; engine id ``i < n`` is
            ``generated_ids[i]``.
    """

    generated_ids: np.ndarray

    @classmethod
    def from_spans(cls, spans: Iterable[Sequence[int]]) -> EngineOrder:
        ids = np.concatenate([np.arange(int(a), int(b), dtype=np.int64) for a, b in spans])
        ids = np.unique(ids)
        if ids.size == 0 or ids[0] < 0:
            raise ValueError("the generated ids must be a non-empty set of non-negative ids")
        return cls(ids)

    @property
    def size(self) -> int:
        """``n``: the width of the head's logits."""
        return int(self.generated_ids.size)

    def to_engine(self, ids: Sequence[int] | np.ndarray) -> np.ndarray:
        """Tokenizer ids -> engine ids."""
        old = np.asarray(ids, dtype=np.int64)
        rank = np.searchsorted(self.generated_ids, old)  # generated ids below each id
        clipped = np.minimum(rank, self.size - 1)
        is_generated = self.generated_ids[clipped] == old
        return np.where(is_generated, rank, old + self.size - rank)

    def from_engine(self, ids: Sequence[int] | np.ndarray) -> np.ndarray:
        """Engine ids -> tokenizer ids (any id; answers are always below ``size``)."""
        new = np.asarray(ids, dtype=np.int64)
        out = np.empty_like(new)
        low = new < self.size
        out[low] = self.generated_ids[new[low]]
        rest = new[~low] - self.size  # the k-th id that is not generated
        out[~low] = _kth_not_in(self.generated_ids, rest)
        return out

    def rows(self, vocab_rows: int) -> np.ndarray:
        """For each engine id below ``vocab_rows``, the tokenizer id whose weights it takes:
        the row order of the permuted embedding."""
        return self.from_engine(np.arange(vocab_rows, dtype=np.int64))

    def spec(self, spec: GrammarSpec) -> GrammarSpec:
        """``spec`` in engine ids (a contiguous range stays contiguous: order is kept)."""

        def one(token_id: int) -> int:
            return int(self.to_engine([token_id])[0])

        def span(pair: tuple[int, int]) -> tuple[int, int]:
            return (one(pair[0]), pair[1])

        return replace(
            spec,
            start_acoustic=one(spec.start_acoustic), end_acoustic=one(spec.end_acoustic),
            start_global=one(spec.start_global), end_global=one(spec.end_global),
            start_semantic=one(spec.start_semantic), end_semantic=one(spec.end_semantic),
            eos=one(spec.eos), pitch_values=span(spec.pitch_values),
            speed_values=span(spec.speed_values), global_codes=span(spec.global_codes),
            semantic_codes=span(spec.semantic_codes),
        )  # fmt: skip


def _kth_not_in(sorted_ids: np.ndarray, k: np.ndarray) -> np.ndarray:
    """The ``k``-th (0-based) non-negative integer not in ``sorted_ids``, for each ``k``."""
    # Before the j-th generated id lie sorted_ids[j] - j ids that are not generated.
    gaps_before = sorted_ids - np.arange(sorted_ids.size)
    passed = np.searchsorted(gaps_before, k, side="right")
    return k + passed


GREEDY_BELOW = 1e-5
"""A temperature below this is greedy sampling (vLLM's own threshold)."""


def narrow_head_sampling(temperature: float, top_k: int, top_p: float,
                         width: int) -> tuple[float, int, float, bool]:  # fmt: skip
    """(temperature, top_k, top_p, greedy) to ask vLLM for on a head ``width`` ids wide.

    vLLM gives a row without top-k, greedy rows included, the LM's vocabulary size as its k
    when other rows use top-k: past this head that kills the engine. So "no top-k" is asked
    for as k = ``width``, and a greedy row samples at temperature 1 while the grammar
    processor keeps only its argmax (``greedy`` True).
    """
    greedy = temperature < GREEDY_BELOW
    if greedy:
        return 1.0, width, 1.0, True
    return temperature, top_k if 1 <= top_k <= width else width, top_p, False


def hf_overrides(order: EngineOrder, grammar: dict[str, Any] | None = None) -> dict[str, Any]:
    """vLLM ``hf_overrides``: the model class and the spans it permutes by, and with
    ``grammar`` (``in_model_grammar``) the grammar its head enforces."""
    ids = order.generated_ids
    breaks = np.flatnonzero(np.diff(ids) != 1) + 1
    spans = [[int(run[0]), int(run[-1]) + 1] for run in np.split(ids, breaks)]
    overrides: dict[str, Any] = {"architectures": [ARCHITECTURE], CONFIG_KEY: spans}
    if grammar is not None:
        overrides[GRAMMAR_KEY] = grammar
    return overrides


def in_model_grammar(order: EngineOrder, spec: GrammarSpec, style_prompt_end: int) -> dict[str, Any]:
    """The ``GRAMMAR_KEY`` value for ``spec`` and the style prompt's last id (tokenizer ids)."""
    return {"spec": order.spec(spec).to_dict(),
            "style_prompt_end": int(order.to_engine([style_prompt_end])[0])}  # fmt: skip


def register() -> None:
    """Register the model class with vLLM's registry, lazily (by name: nothing is imported
    until a worker builds the model). Every vLLM process needs it; see ``grammar_processor``."""
    from vllm import ModelRegistry

    if ARCHITECTURE not in ModelRegistry.get_supported_archs():
        ModelRegistry.register_model(ARCHITECTURE, MODEL_CLASS)
