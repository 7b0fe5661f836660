from __future__ import annotations

import random

import numpy as np
import pytest

from voice_server.engine.grammar import (
    FREE,
    GrammarSpec,
    GrammarState,
    Phase,
    banned_table,
    phase_after_token,
)

SPEC = GrammarSpec(
    start_acoustic=1, end_acoustic=2, start_global=3, end_global=4, start_semantic=5,
    end_semantic=6, eos=7, pitch_values=(100, 1001), speed_values=(1200, 11),
    global_codes=(2000, 4096), semantic_codes=(7000, 8192), voice_tokens=32,
)


def _walk(state: GrammarState, ids: list[int]) -> list[Phase]:
    phases = []
    for token in ids:
        phases.append(state.phase)
        state.feed(token)
    phases.append(state.phase)
    return phases


def test_style_answer_walks_prefix_globals_then_semantics() -> None:
    state = GrammarState(SPEC, "style")
    answer = [1, 150, 1205, 2, 3] + [2000 + i for i in range(32)] + [4, 5, 7001, 7002]
    phases = _walk(state, answer)
    assert phases[:5] == [Phase.ACOUSTIC_START, Phase.PITCH_VALUE, Phase.SPEED_VALUE,
                          Phase.ACOUSTIC_END, Phase.GLOBAL_START]
    assert phases[5:37] == [Phase.GLOBALS] * 32
    assert phases[37:] == [Phase.GLOBAL_END, Phase.SEMANTIC_START, Phase.FIRST_SEMANTIC,
                           Phase.SEMANTIC, Phase.SEMANTIC]


def test_globals_answer_starts_at_the_semantic_marker() -> None:
    assert GrammarState(SPEC, "globals").phase is Phase.SEMANTIC_START


def test_end_is_not_allowed_before_the_first_semantic_token() -> None:
    first = SPEC.allowed(Phase.FIRST_SEMANTIC)
    assert all(not (a <= SPEC.eos < b) for a, b in first)
    later = SPEC.allowed(Phase.SEMANTIC)
    assert any(a <= SPEC.eos < b for a, b in later)
    assert any(a <= SPEC.end_semantic < b for a, b in later)


def test_end_semantic_leads_to_the_end_phase() -> None:
    state = GrammarState(SPEC, "globals")
    for token in (5, 7000, 6):
        state.feed(token)
    assert state.phase is Phase.END
    assert SPEC.allowed(Phase.END) == [(7, 8)]


def test_spec_survives_the_trip_through_extra_args() -> None:
    assert GrammarSpec.from_dict(SPEC.to_dict()) == SPEC


STYLE_END = 9  # the style prompt's last id in these tests
ROWS = 16000


def _random_answer(rng: random.Random, kind: str) -> list[int]:
    """An answer the grammar allows, with random values, codes and length."""
    semantic = [SPEC.start_semantic] + [7000 + rng.randrange(8192)
                                        for _ in range(rng.randrange(1, 40))]  # fmt: skip
    semantic.append(rng.choice([SPEC.eos, SPEC.end_semantic]))
    if semantic[-1] == SPEC.end_semantic:
        semantic.append(SPEC.eos)
    if kind == "globals":
        return semantic
    voice = [2000 + rng.randrange(4096) for _ in range(32)]
    return [1, 100 + rng.randrange(1001), 1200 + rng.randrange(11), 2, 3, *voice, 4, *semantic]


@pytest.mark.parametrize("kind", ["style", "globals"])
def test_the_phase_after_each_token_is_the_state_machines_but_for_the_32nd_global(
    kind: str,
) -> None:
    """The in-model grammar sees one token: it agrees with the state machine everywhere but
    after the last global, where only the count tells (a token limit ends that request)."""
    after = phase_after_token(SPEC, STYLE_END, ROWS)
    rng = random.Random(kind)
    for _ in range(50):
        answer = _random_answer(rng, kind)
        state = GrammarState(SPEC, kind)
        last_prompt_id = STYLE_END if kind == "style" else SPEC.end_global
        assert after[last_prompt_id] == state.phase
        for i, token in enumerate(answer[:-1]):
            state.feed(token)
            if kind == "style" and i == 36:  # the 32nd global
                assert state.phase is Phase.GLOBAL_END and after[token] == Phase.GLOBALS
            else:
                assert after[token] == state.phase, (i, token)


def test_ids_the_grammar_does_not_know_are_free_and_free_bans_nothing() -> None:
    after = phase_after_token(SPEC, STYLE_END, ROWS)
    known = {STYLE_END, *range(1, 8), *range(100, 1101), *range(1200, 1211),
             *range(2000, 6096), *range(7000, 15192)}  # fmt: skip
    free = np.flatnonzero(after == FREE)
    assert set(free.tolist()) == set(range(ROWS)) - known
    banned = banned_table(SPEC, 15192)
    assert not banned[FREE].any()


def test_the_banned_table_allows_exactly_each_phases_spans() -> None:
    width = 15192
    banned = banned_table(SPEC, width)
    for phase in Phase:
        allowed = np.zeros(width, dtype=bool)
        for start, stop in SPEC.allowed(phase):
            allowed[start:stop] = True
        assert (banned[phase] == ~allowed).all(), phase
    narrow = banned_table(SPEC, 7100)  # a head narrower than the spans: cut at its width
    assert narrow.shape == (FREE + 1, 7100) and not narrow[Phase.SEMANTIC, 7000:].any()


def test_grammar_ids_past_the_vocabulary_are_refused() -> None:
    with pytest.raises(ValueError, match="outside"):
        phase_after_token(SPEC, STYLE_END, 10000)
