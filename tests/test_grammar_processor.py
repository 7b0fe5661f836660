"""The vLLM logits processor that enforces the answer grammar, driven with vLLM's own
``BatchUpdate`` records (as the engine core sends them) on CPU logits."""

from __future__ import annotations

import numpy as np
import torch
from vllm import SamplingParams
from vllm.v1.sample.logits_processor import BatchUpdate, MoveDirectionality

from voice_server.engine.grammar import GrammarSpec, GrammarState
from voice_server.engine.grammar_processor import (
    SparkGrammarLogitsProcessor,
    _Row,
    grammar_extra_args,
)

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


def expected_allowed(start: str, output: list[int]) -> set[int]:
    from voice_server.engine.grammar import GrammarState

    state = GrammarState(SPEC, start)
    for token in output:
        state.feed(token)
    return {i for a, b in SPEC.allowed(state.phase) for i in range(a, b)}


def test_random_batch_churn_keeps_every_row_on_its_own_phase() -> None:
    """Adds, removals, swaps, compactions and tokens in random order, as vLLM's persistent
    batch produces them; every step each row's mask must match a fresh replay of its output."""
    import random

    rng = random.Random(3)
    p = SparkGrammarLogitsProcessor(None, torch.device("cpu"), False)  # type: ignore[arg-type]
    batch: list[tuple[str, list[int]] | None] = []  # index -> (start, live output list)
    for _step in range(400):
        removed, added, moved = [], [], []
        # vLLM's order: removed rows leave holes, added rows fill holes first (lowest index),
        # then the last rows move down into the holes left, then the batch may reorder (swaps).
        for index in range(len(batch)):
            if rng.random() < 0.1:
                removed.append(index)
                batch[index] = None
        for _ in range(rng.randrange(3)):
            start = rng.choice(["style", "globals"])
            out: list[int] = []
            holes = [i for i, row in enumerate(batch) if row is None]
            index = holes[0] if holes else len(batch)
            if index == len(batch):
                batch.append(None)
            batch[index] = (start, out)
            added.append((index, params(start), [], out))
        while None in batch:
            hole = batch.index(None)
            last = max(i for i, row in enumerate(batch) if row is not None) if any(batch) else -1
            if last < hole:
                del batch[hole:]
                break
            moved.append((last, hole, MoveDirectionality.UNIDIRECTIONAL))
            batch[hole], batch[last] = batch[last], None
        if len(batch) >= 2 and rng.random() < 0.3:
            a, b = rng.sample(range(len(batch)), 2)
            moved.append((a, b, MoveDirectionality.SWAP))
            batch[a], batch[b] = batch[b], batch[a]
        update(p, len(batch), added=added, removed=removed, moved=moved)
        if not batch:
            continue
        got = allowed(p, len(batch))
        for index, row in enumerate(batch):
            assert row is not None
            start, out = row
            want = expected_allowed(start, out)
            assert got[index] == want, (index, start, out)
            out.append(rng.choice(sorted(want - {6, 7}) or sorted(want)))  # never end early


def test_a_batch_all_in_one_phase_is_masked_from_one_table_row() -> None:
    p = SparkGrammarLogitsProcessor(None, torch.device("cpu"), False)  # type: ignore[arg-type]
    outputs = [[5, 200 + i] for i in range(6)]
    update(p, 6, added=[(i, params("globals"), [], out) for i, out in enumerate(outputs)])
    assert allowed(p, 6) == [SEMANTIC] * 6
    assert p._uniform is not None and p._phases is None  # no per-row index tensor was built
    assert not p.unsettled  # settled rows are not visited per step any more


def test_a_penalty_carried_here_acts_on_seen_ids_as_vllms_does() -> None:
    """With the audio head the processor applies the repetition penalty: ids in the prompt or
    the answer so far are divided (positive logits) or multiplied (negative) by it; ids past
    the logits' width (prompt text on the narrow head) are skipped."""
    p = SparkGrammarLogitsProcessor(None, torch.device("cpu"), False)  # type: ignore[arg-type]
    out: list[int] = [5, 210]
    penalised = SamplingParams(extra_args=grammar_extra_args(SPEC, "globals", 2.0))
    update(p, 2, added=[(0, penalised, [3, 220, 999_999], out), (1, params("globals"), [], [5])])
    logits = torch.zeros(2, VOCAB)
    logits[:, 210], logits[:, 220], logits[:, 230] = 4.0, -4.0, 4.0
    result = p.apply(logits)
    assert result[0, 210] == 2.0 and result[0, 220] == -8.0 and result[0, 230] == 4.0
    assert result[1, 210] == 4.0 and result[1, 220] == -4.0  # an unpenalised row is untouched
    out.append(230)
    p.update_state(None)
    assert p.apply(torch.full((2, VOCAB), 4.0))[0, 230] == 2.0  # the answer so far counts
    update(p, 1, removed=[0], moved=[(1, 0, MoveDirectionality.UNIDIRECTIONAL)])
    assert not p.special  # the penalised row left with its request


def test_a_penalised_rows_seen_ids_grow_step_by_step_as_a_whole_recount_would() -> None:
    """The seen ids are merged in as the answer grows (not recounted from the whole prompt
    and answer every step); at every step and width they equal the whole recount."""
    rng = np.random.default_rng(7)
    prompt = rng.integers(0, 3_000, size=400)
    output: list[int] = []
    row = _Row(GrammarState(SPEC, "globals"), output, 1.3, np.unique(prompt))
    for step in range(60):
        output.extend(int(i) for i in rng.integers(0, 3_000, size=int(rng.integers(0, 4))))
        width = int(rng.integers(1, 3_200))
        everything = np.unique(np.concatenate([prompt, np.asarray(output, dtype=np.int64)]))
        assert np.array_equal(row.seen(width), everything[everything < width]), step


def test_a_greedy_row_carried_here_keeps_only_its_first_largest_logit() -> None:
    p = SparkGrammarLogitsProcessor(None, torch.device("cpu"), False)  # type: ignore[arg-type]
    greedy = SamplingParams(extra_args=grammar_extra_args(SPEC, "globals", greedy=True))
    update(p, 2, added=[(0, params("globals"), [], [5]), (1, greedy, [], [5])])
    logits = torch.zeros(2, VOCAB)
    logits[:, 240], logits[:, 250], logits[:, 8] = 3.0, 3.0, 9.0  # a tie; 8 is not allowed
    result = p.apply(logits)
    assert torch.isfinite(result[1]).nonzero().flatten().tolist() == [240]
    assert result[1, 240] == 3.0
    assert torch.isfinite(result[0]).sum() == 100  # the sampled row keeps every semantic code
    update(p, 2, moved=[(0, 1, MoveDirectionality.SWAP)])
    result = p.apply(logits.clone())
    assert torch.isfinite(result[0]).nonzero().flatten().tolist() == [240]
