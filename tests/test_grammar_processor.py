"""The vLLM logits processor that enforces the answer grammar, driven with vLLM's own
``BatchUpdate`` records (as the engine core sends them) on CPU logits."""

from __future__ import annotations

import torch
from vllm import SamplingParams
from vllm.v1.sample.logits_processor import BatchUpdate, MoveDirectionality

from voice_server.engine.grammar import GrammarSpec
from voice_server.engine.grammar_processor import SparkGrammarLogitsProcessor, grammar_extra_args

SPEC = GrammarSpec(
    start_acoustic=1, end_acoustic=2, start_global=3, end_global=4, start_semantic=5,
    end_semantic=6, eos=7, pitch_values=(10, 5), speed_values=(20, 5), global_codes=(100, 50),
    semantic_codes=(200, 100), voice_tokens=2,
)  # fmt: skip
VOCAB = 400


def params(start: str) -> SamplingParams:
    return SamplingParams(extra_args=grammar_extra_args(SPEC, start))


def allowed(processor: SparkGrammarLogitsProcessor, rows: int) -> list[set[int]]:
    out = processor.apply(torch.zeros(rows, VOCAB))
    return [set(torch.nonzero(torch.isfinite(out[r])).flatten().tolist()) for r in range(rows)]


def update(processor: SparkGrammarLogitsProcessor, size: int, added=(), removed=(), moved=()):  # type: ignore[no-untyped-def]
    processor.update_state(BatchUpdate(size, list(removed), list(added), list(moved)))


SEMANTIC = set(range(200, 300)) | {6, 7}


def test_rows_follow_their_phase_through_the_answer() -> None:
    p = SparkGrammarLogitsProcessor(None, torch.device("cpu"), False)  # type: ignore[arg-type]
    style_out: list[int] = []
    globals_out: list[int] = []
    update(p, 2, added=[(0, params("style"), [], style_out), (1, params("globals"), [], globals_out)])
    first = allowed(p, 2)
    assert first[0] == {1} and first[1] == {5}
    globals_out.extend([5, 201])  # marker, then one semantic token: now settled
    p.update_state(None)
    assert allowed(p, 2)[1] == SEMANTIC
    style_out.extend([1, 12, 22, 2, 3, 150])  # prefix, pitch, speed, end, global start, 1 code
    p.update_state(None)
    assert allowed(p, 2)[0] == set(range(100, 150))
    style_out.append(151)  # second (last) global code
    p.update_state(None)
    assert allowed(p, 2)[0] == {4}


def test_moves_and_removals_keep_each_row_with_its_request() -> None:
    p = SparkGrammarLogitsProcessor(None, torch.device("cpu"), False)  # type: ignore[arg-type]
    a: list[int] = [5, 250]
    b: list[int] = []
    update(p, 2, added=[(0, params("globals"), [], a), (1, params("style"), [], b)])
    assert allowed(p, 2) == [SEMANTIC, {1}]
    update(p, 2, moved=[(0, 1, MoveDirectionality.SWAP)])
    assert allowed(p, 2) == [{1}, SEMANTIC]
    update(p, 1, removed=[0], moved=[(1, 0, MoveDirectionality.UNIDIRECTIONAL)])
    assert allowed(p, 1) == [SEMANTIC]


def test_unconstrained_rows_are_left_alone() -> None:
    p = SparkGrammarLogitsProcessor(None, torch.device("cpu"), False)  # type: ignore[arg-type]
    update(p, 2, added=[(1, params("globals"), [], [])])
    rows = allowed(p, 2)
    assert rows[0] == set(range(VOCAB)) and rows[1] == {5}


def test_end_is_held_back_until_one_semantic_token() -> None:
    p = SparkGrammarLogitsProcessor(None, torch.device("cpu"), False)  # type: ignore[arg-type]
    out: list[int] = [5]
    update(p, 1, added=[(0, params("globals"), [], out)])
    assert allowed(p, 1)[0] == set(range(200, 300))
