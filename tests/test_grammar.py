from __future__ import annotations

from voice_server.engine.grammar import GrammarSpec, GrammarState, Phase

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
