"""``engine.audio_head``'s engine order: generated ids first, every id kept, grammar mapped."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from voice_server.engine import audio_head
from voice_server.engine.audio_head import EngineOrder
from voice_server.engine.grammar import GrammarSpec, Phase

SPEC = GrammarSpec(
    start_acoustic=100, end_acoustic=101, start_global=102, end_global=103,
    start_semantic=104, end_semantic=105, eos=50, pitch_values=(200, 20),
    speed_values=(220, 5), global_codes=(300, 16), semantic_codes=(400, 64), voice_tokens=4,
)  # fmt: skip


def test_generated_spans_are_every_id_any_phase_allows_merged() -> None:
    spans = audio_head.generated_spans(SPEC)
    assert spans == [(50, 51), (100, 106), (200, 225), (300, 316), (400, 464)]
    allowed = {i for phase in Phase for a, b in SPEC.allowed(phase) for i in range(a, b)}
    assert {i for a, b in spans for i in range(a, b)} == allowed


def test_generated_ids_come_first_in_their_order_and_the_rest_follow_in_theirs() -> None:
    order = EngineOrder.from_spans([(3, 5), (8, 9)])
    assert order.size == 3
    assert order.to_engine(range(10)).tolist() == [3, 4, 5, 0, 1, 6, 7, 8, 2, 9]
    assert order.from_engine(range(10)).tolist() == [3, 4, 8, 0, 1, 2, 5, 6, 7, 9]
    assert order.rows(10).tolist() == order.from_engine(range(10)).tolist()


def test_the_order_is_a_permutation_that_round_trips() -> None:
    order = EngineOrder.from_spans(audio_head.generated_spans(SPEC))
    rows = 1000
    permuted = order.rows(rows)
    assert sorted(permuted.tolist()) == list(range(rows))
    ids = np.random.default_rng(0).integers(0, rows, 500)
    assert (order.from_engine(order.to_engine(ids)) == ids).all()
    assert (order.to_engine(order.from_engine(ids)) == ids).all()
    assert (order.to_engine(order.generated_ids) == np.arange(order.size)).all()


def test_the_grammar_in_engine_ids_allows_the_same_tokens() -> None:
    order = EngineOrder.from_spans(audio_head.generated_spans(SPEC))
    mapped = order.spec(SPEC)
    for phase in Phase:
        before = [i for a, b in SPEC.allowed(phase) for i in range(a, b)]
        after = [i for a, b in mapped.allowed(phase) for i in range(a, b)]
        assert order.from_engine(after).tolist() == before, phase
        assert max(after) < order.size  # every allowed id lies in the head's logits
    assert mapped.voice_tokens == SPEC.voice_tokens


def test_overrides_carry_the_spans_and_the_model_class() -> None:
    order = EngineOrder.from_spans(audio_head.generated_spans(SPEC))
    overrides = audio_head.hf_overrides(order)
    assert overrides["architectures"] == [audio_head.ARCHITECTURE]
    spans = overrides[audio_head.CONFIG_KEY]
    assert spans == [[50, 51], [100, 106], [200, 225], [300, 316], [400, 464]]
    assert (EngineOrder.from_spans(spans).generated_ids == order.generated_ids).all()


def test_an_empty_or_negative_set_is_refused() -> None:
    with pytest.raises(ValueError):
        EngineOrder.from_spans([])
    with pytest.raises(ValueError):
        EngineOrder.from_spans([(-2, 1)])


def test_what_vllm_is_asked_for_on_the_narrow_head() -> None:
    width = 13_307
    assert audio_head.narrow_head_sampling(0.8, 50, 0.95, width) == (0.8, 50, 0.95, False)
    assert audio_head.narrow_head_sampling(1.0, -1, 1.0, width) == (1.0, width, 1.0, False)
    assert audio_head.narrow_head_sampling(0.0, 50, 0.9, width) == (1.0, width, 1.0, True)


def test_the_written_plugin_distribution_declares_the_registration(tmp_path: Path) -> None:
    """What a process started from a source tree (not installed) finds on PYTHONPATH."""
    from importlib.metadata import distributions

    from voice_server.engine import vllm_plugin

    root = vllm_plugin.write_distribution(tmp_path)
    (found,) = [ep for dist in distributions(path=[str(root)]) for ep in dist.entry_points
                if ep.group == vllm_plugin.GROUP]  # fmt: skip
    assert (found.name, found.value) == (vllm_plugin.NAME, vllm_plugin.TARGET)
    assert found.load() is audio_head.register


def test_the_installed_package_declares_the_plugin() -> None:
    """pyproject's entry point, as ``pip install`` made it (scripts/setup.sh, the Dockerfile)."""
    from voice_server.engine import vllm_plugin

    assert vllm_plugin.declared()


def test_the_in_model_grammar_travels_in_engine_ids() -> None:
    vocab_spec = SPEC
    order = EngineOrder.from_spans(audio_head.generated_spans(vocab_spec))
    grammar = audio_head.in_model_grammar(order, vocab_spec, style_prompt_end=50)
    assert GrammarSpec.from_dict(grammar["spec"]) == order.spec(vocab_spec)
    assert order.from_engine([grammar["style_prompt_end"]]).tolist() == [50]
    overrides = audio_head.hf_overrides(order, grammar)
    assert overrides[audio_head.GRAMMAR_KEY] == grammar
    assert audio_head.GRAMMAR_KEY not in audio_head.hf_overrides(order)
