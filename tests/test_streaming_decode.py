"""Streaming chunk planning and joining: exact lengths and alignment, and audio quality floors.

Pure tests feed the joiner slices of a known signal (any correct plan reassembles it exactly);
model tests decode the golden case A tokens with the golden and the tiny random models in
float32 and compare with the one-shot decode (floors explained in ``codec/streaming.py``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from voice_server.codec.bicodec import (
    TINY_BICODEC_CONFIG,
    BiCodecDecoder,
    load_bicodec,
    write_random_bicodec,
)
from voice_server.codec.streaming import (
    AudioJoiner,
    ChunkPolicy,
    DecodeJob,
    StreamingDecodePlanner,
    crossfade,
)

GOLDEN = Path(__file__).parent / "fixtures" / "bicodec_golden"


def plan(policy: ChunkPolicy, n: int, push_sizes: Sequence[int] = (1,)) -> list[DecodeJob]:
    planner = StreamingDecodePlanner(policy)
    jobs, start, i = [], 0, 0
    while start < n:
        size = push_sizes[i % len(push_sizes)]
        jobs += planner.push(np.arange(start, min(n, start + size)))
        start, i = start + size, i + 1
    return jobs + planner.finish()


def join_signal(policy: ChunkPolicy, jobs: list[DecodeJob], signal: np.ndarray) -> np.ndarray:
    """Join windows that are exact slices of ``signal`` (what a perfect decoder would give)."""
    spt = policy.samples_per_token
    joiner = AudioJoiner(spt)
    parts = [np.zeros(0, np.float32)]
    for job in jobs:
        begin = job.window_start * spt
        parts.append(joiner.push(job, signal[begin : begin + job.window_tokens * spt]))
    return np.concatenate(parts)


policies = st.builds(
    lambda first, look, ctx, growth, extra, fade, spt, cadence, fill: ChunkPolicy(
        first_chunk_tokens=first + look,
        lookahead_tokens=look,
        left_context_tokens=ctx,
        growth=growth,
        max_chunk_tokens=first + extra,
        crossfade_samples=min(fade, ctx * spt, first * spt),
        samples_per_token=spt,
        token_cadence=min(cadence, first + extra),
        fill_windows=fill,
    ),
    first=st.integers(1, 12),
    look=st.integers(1, 8),
    ctx=st.integers(0, 20),
    growth=st.sampled_from([1.0, 1.5, 2.0, 3.0]),
    extra=st.integers(0, 40),
    fade=st.integers(0, 12),
    spt=st.sampled_from([1, 4, 7]),
    cadence=st.sampled_from([1, 1, 2, 5, 10]),
    fill=st.booleans(),
)

streams = {"policy": policies, "n": st.integers(0, 200),
           "push_sizes": st.lists(st.integers(1, 30), min_size=1, max_size=5)}
"""A policy, a stream of ``n`` tokens and the sizes they arrive in (cycled)."""


@settings(max_examples=300, deadline=None)
@given(**streams)
def test_any_plan_reassembles_a_perfect_decode_exactly(
    policy: ChunkPolicy, n: int, push_sizes: list[int]
) -> None:
    signal = (
        np.random.default_rng(n).standard_normal(n * policy.samples_per_token).astype(np.float32)
    )
    jobs = plan(policy, n, push_sizes)
    out = join_signal(policy, jobs, signal)
    assert len(out) == n * policy.samples_per_token
    np.testing.assert_allclose(out, signal, atol=1e-6)
    assert [j.index for j in jobs] == list(range(len(jobs)))
    for job in jobs:  # each window holds exactly the stream's codes at its position
        assert np.array_equal(
            job.codes, np.arange(job.window_start, job.window_start + job.window_tokens)
        )


@settings(max_examples=200, deadline=None)
@given(policy=policies, n=st.integers(1, 400))
def test_every_non_final_window_length_is_in_the_schedule(policy: ChunkPolicy, n: int) -> None:
    jobs = plan(policy, n)
    lengths = policy.window_lengths()
    assert all(j.window_tokens in lengths for j in jobs if not j.last)
    assert all(j.window_tokens <= policy.steady_window_tokens for j in jobs)


@settings(max_examples=300, deadline=None)
@given(**streams)
def test_the_joiner_never_reads_audio_before_a_jobs_skip_tokens(
    policy: ChunkPolicy, n: int, push_sizes: list[int]
) -> None:
    spt = policy.samples_per_token
    signal = np.random.default_rng(n).standard_normal(n * spt).astype(np.float32)
    jobs = plan(policy, n, push_sizes)
    joiner, parts = AudioJoiner(spt), [np.zeros(0, np.float32)]
    for job in jobs:
        begin = job.window_start * spt
        window = signal[begin : begin + job.window_tokens * spt].copy()
        window[: job.skip_tokens * spt] = np.nan  # what a decoder that skipped them returns
        parts.append(joiner.push(job, window))
        # ... and no more could be skipped: the first sample read lies in the next token
        assert (job.skip_tokens + 1) * spt > job.keep_start - job.fade_in
    np.testing.assert_allclose(np.concatenate(parts), signal, atol=1e-6)


@settings(max_examples=200, deadline=None)
@given(policy=policies, n=st.integers(1, 400), warm=st.booleans())
def test_a_window_lengths_graph_skips_no_more_than_any_window_of_that_length(
    policy: ChunkPolicy, n: int, warm: bool
) -> None:
    skips = policy.graph_window_skips()
    assert tuple(sorted(skips)) == policy.graph_window_lengths()
    for job in plan(policy.warm_start() if warm else policy, n):
        if not job.last:
            assert skips[job.window_tokens] <= job.skip_tokens


def test_the_default_policys_steady_windows_skip_14_of_70_tokens() -> None:
    skips = ChunkPolicy().graph_window_skips()
    assert skips[70] == 14  # 16 tokens of context, of which the last 2 are crossfaded
    assert skips[10] == 0 and skips[54] == 0  # first windows: their audio is all kept


def max_step_of_joined_sine(policy: ChunkPolicy, n: int = 150) -> tuple[float, float]:
    """(largest sample step of the joined output, largest step of the sine itself).

    Every window "decodes" to a 220 Hz sine plus its own constant offset (up to ±0.2), the way
    chunk decodes disagree near their edges; inside a region the offset does not change the
    steps, so any extra step comes from a join.
    """
    spt = policy.samples_per_token
    sine = (0.5 * np.sin(2 * np.pi * 220 * np.arange(n * spt) / 16000)).astype(np.float32)
    offsets = np.random.default_rng(7).uniform(-0.2, 0.2, 1000)
    joiner = AudioJoiner(spt)
    parts = []
    for job in plan(policy, n, (3,)):
        begin = job.window_start * spt
        window = sine[begin : begin + job.window_tokens * spt] + offsets[job.index]
        parts.append(joiner.push(job, window.astype(np.float32)))
    return float(np.abs(np.diff(np.concatenate(parts))).max()), float(np.abs(np.diff(sine)).max())


def test_joins_add_no_step_larger_than_the_signals_own() -> None:
    joined, own = max_step_of_joined_sine(ChunkPolicy())
    assert joined <= 1.05 * own
    hard_cut, own = max_step_of_joined_sine(ChunkPolicy(crossfade_samples=0))
    assert hard_cut > 2 * own  # the measure does see clicks


def test_first_job_appears_after_exactly_first_chunk_tokens() -> None:
    policy = ChunkPolicy()
    planner = StreamingDecodePlanner(policy)
    for code in range(policy.first_chunk_tokens - 1):
        assert planner.push([code]) == []
    (job,) = planner.push([99])
    assert job.index == 0 and job.window_start == 0 and job.window_tokens == 10
    assert job.keep_start == 0 and job.fade_in == 0
    assert job.keep_stop == (10 - policy.lookahead_tokens) * 320


def test_steady_state_windows_all_have_the_same_length() -> None:
    policy = ChunkPolicy()
    jobs = plan(policy, 1000)
    lengths = [j.window_tokens for j in jobs]
    assert lengths[:5] == [10, 22, 44, 68, 70] == list(policy.window_lengths())
    assert set(lengths[4:]) == {policy.steady_window_tokens} == {70}


def test_a_long_streams_final_window_also_has_the_steady_length() -> None:
    jobs = plan(ChunkPolicy(), 333)
    assert jobs[-1].last and jobs[-1].window_tokens == 70
    assert jobs[-1].hold == 0


@settings(max_examples=200, deadline=None)
@given(policy=policies, n=st.integers(1, 400))
def test_filled_windows_reach_back_as_far_as_the_steady_length_allows(
    policy: ChunkPolicy, n: int
) -> None:
    filled = dataclasses.replace(policy, fill_windows=True)
    plain, full = plan(policy, n), plan(filled, n)
    # The same regions, kept audio and arrival times: only the left context differs.
    assert [(j.window_start + j.window_tokens, j.keep_stop - j.keep_start) for j in plain] == [
        (j.window_start + j.window_tokens, j.keep_stop - j.keep_start) for j in full]
    steady = policy.steady_window_tokens
    for before, after in zip(plain, full, strict=True):
        stop = after.window_start + after.window_tokens
        assert after.window_start <= before.window_start  # never less context than before
        if not after.last:
            assert after.window_tokens == max(min(stop, steady), before.window_tokens)


def test_filled_windows_leave_the_loaded_schedule_fewer_window_lengths() -> None:
    policy = ChunkPolicy(token_cadence=10, fill_windows=True)
    loaded = [j.window_tokens for j in plan(policy.loaded_start(), 400)]
    assert loaded[:10] == [10, 20, 30, 40, 50, 70, 70, 70, 70, 70]
    cold = [j.window_tokens for j in plan(policy, 400)]
    assert cold[:5] == [10, 20, 40, 70, 70]
    assert policy.graph_window_lengths() == (10, 20, 30, 40, 50, 70)
    unfilled = dataclasses.replace(policy, fill_windows=False)
    assert unfilled.graph_window_lengths() == (10, 20, 30, 40, 50, 60, 70)
    assert [j.window_tokens for j in plan(unfilled.loaded_start(), 400)][:10] == [
        10, 20, 30, 30, 30, 40, 40, 50, 60, 70]


def test_finish_with_no_tokens_gives_no_jobs() -> None:
    assert StreamingDecodePlanner().finish() == []


def test_push_after_finish_and_finish_twice_raise() -> None:
    planner = StreamingDecodePlanner()
    planner.finish()
    with pytest.raises(RuntimeError):
        planner.push([1])
    with pytest.raises(RuntimeError):
        planner.finish()


def test_planner_keeps_a_bounded_token_history() -> None:
    planner = StreamingDecodePlanner()
    for start in range(0, 20000, 7):
        planner.push(range(start, start + 7))
    assert len(planner._tokens) <= 5 * planner.policy.steady_window_tokens


def test_joiner_rejects_jobs_out_of_order_and_wrong_lengths() -> None:
    jobs = plan(ChunkPolicy(), 40)
    joiner = AudioJoiner()
    with pytest.raises(ValueError, match="out of order"):
        joiner.push(jobs[1], np.zeros(jobs[1].window_tokens * 320, np.float32))
    with pytest.raises(ValueError, match="expected 3200 samples"):
        joiner.push(jobs[0], np.zeros(100, np.float32))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"lookahead_tokens": 0}, "lookahead_tokens"),
        ({"first_chunk_tokens": 4}, "first_chunk_tokens must exceed"),
        ({"crossfade_samples": 16 * 320 + 1}, "within the left context"),
        ({"crossfade_samples": 7 * 320, "left_context_tokens": 30}, "first region"),
        ({"growth": 0.5}, "growth"),
        ({"max_chunk_tokens": 3}, "max_chunk_tokens"),
    ],
)
def test_policy_rejects_impossible_settings(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ChunkPolicy(**kwargs)  # type: ignore[arg-type]


def test_crossfade_is_equal_gain_and_moves_from_old_to_new() -> None:
    ones = np.ones(64, np.float32)
    np.testing.assert_allclose(crossfade(ones, ones), ones, atol=1e-7)
    ramp = crossfade(np.zeros(64, np.float32), ones)
    assert ramp[0] < 0.01 and ramp[-1] > 0.99 and np.all(np.diff(ramp) > 0)


# --- with real decoders -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def case_a() -> dict[str, np.ndarray]:
    with np.load(GOLDEN / "case_a.npz") as data:
        return {k: data[k] for k in data.files}


@pytest.fixture(scope="module")
def golden32() -> BiCodecDecoder:
    return load_bicodec(GOLDEN / "BiCodec")


@pytest.fixture(scope="module")
def tiny32(tmp_path_factory: pytest.TempPathFactory) -> BiCodecDecoder:
    folder = tmp_path_factory.mktemp("tiny-bicodec")
    write_random_bicodec(folder, TINY_BICODEC_CONFIG, seed=0)
    return load_bicodec(folder)


def stream(
    model: BiCodecDecoder, case: dict[str, np.ndarray], policy: ChunkPolicy,
    crop: bool = False,
) -> tuple[np.ndarray, np.ndarray, list[DecodeJob]]:
    """(one-shot audio, streamed audio, jobs) for case A's tokens, pushed 3 at a time;
    ``crop``: each window's decode skips its ``skip_tokens``."""
    semantic, glob = case["semantic_ids"], torch.from_numpy(case["global_ids"])[None]
    with torch.inference_mode():
        dvec = model.speaker_vector(glob)
        one_shot = model.decode(torch.from_numpy(semantic)[None], dvec)[0].numpy()
        jobs = plan(policy, len(semantic), (3,))
        joiner = AudioJoiner(policy.samples_per_token)
        parts = []
        for job in jobs:
            codes = torch.from_numpy(semantic[job.codes])[None]
            window = model.decode(codes, dvec, job.skip_tokens if crop else 0)[0].numpy()
            parts.append(joiner.push(job, window))
    return one_shot, np.concatenate(parts), jobs


def snr_db(reference: np.ndarray, test: np.ndarray) -> float:
    reference, test = reference.astype(np.float64), test.astype(np.float64)
    return float(
        10 * np.log10(np.sum(reference**2) / max(float(np.sum((reference - test) ** 2)), 1e-300))
    )


@pytest.mark.parametrize("cadence", [1, 10])  # windows as grown, and as the server cuts them
@pytest.mark.parametrize(("model_name", "schedule", "floor_db"), [
    ("golden32", "cold", 10.0), ("tiny32", "cold", 15.5),
    ("golden32", "loaded", 8.3), ("tiny32", "loaded", 12.9),  # measured 9.8 / 14.4
])  # fmt: skip
def test_default_policy_stays_above_its_snr_floor(
    model_name: str, schedule: str, floor_db: float, cadence: int,
    case_a: dict[str, np.ndarray], request: pytest.FixtureRequest,
) -> None:
    # Cut at the engine's cadence of 10 the SNRs move by at most 0.4 dB (11.4 / 16.8 cold).
    model = request.getfixturevalue(model_name)
    base = ChunkPolicy(token_cadence=cadence)
    policy = base if schedule == "cold" else base.loaded_start()
    one_shot, streamed, _ = stream(model, case_a, policy)
    assert len(streamed) == len(one_shot) == 320 * 150
    assert snr_db(one_shot, streamed) >= floor_db


@pytest.mark.parametrize("model_name", ["golden32", "tiny32"])
@pytest.mark.parametrize("schedule", ["cold", "loaded"])
def test_filled_windows_stream_no_worse_than_the_plain_ones(
    model_name: str, schedule: str, case_a: dict[str, np.ndarray],
    request: pytest.FixtureRequest,
) -> None:
    model = request.getfixturevalue(model_name)
    base = ChunkPolicy(token_cadence=10)
    policy = base if schedule == "cold" else base.loaded_start()
    one_shot, plain, _ = stream(model, case_a, policy)
    _, filled, jobs = stream(model, case_a, dataclasses.replace(policy, fill_windows=True))
    assert any(j.window_start > 0 and j.window_tokens == 70 for j in jobs[:8])
    assert len(filled) == len(one_shot)
    assert snr_db(one_shot, filled) >= snr_db(one_shot, plain) - 0.1


@pytest.mark.parametrize("model_name", ["golden32", "tiny32"])
def test_context_covering_the_receptive_field_makes_streaming_exact(
    model_name: str, case_a: dict[str, np.ndarray], request: pytest.FixtureRequest
) -> None:
    model = request.getfixturevalue(model_name)
    policy = ChunkPolicy(
        first_chunk_tokens=77, lookahead_tokens=67, left_context_tokens=67, max_chunk_tokens=40
    )
    semantic = np.concatenate([case_a["semantic_ids"], case_a["semantic_ids"][::-1]])
    one_shot, streamed, jobs = stream(model, {**case_a, "semantic_ids": semantic}, policy)
    assert sum(j.window_start > 0 for j in jobs) >= 2  # left context is really cut, too
    assert snr_db(one_shot, streamed) >= 100.0  # float32 rounding only: measured 123 / 129 dB


@pytest.mark.parametrize("cadence", [1, 10])
@pytest.mark.parametrize("model_name", ["golden32", "tiny32"])
@pytest.mark.parametrize("schedule", ["cold", "loaded", "warm"])
def test_cropping_the_wave_generators_context_changes_no_streamed_sample(
    model_name: str, schedule: str, cadence: int, case_a: dict[str, np.ndarray],
    request: pytest.FixtureRequest,
) -> None:
    model = request.getfixturevalue(model_name)
    base = ChunkPolicy(token_cadence=cadence)
    policy = {"cold": base, "loaded": base.loaded_start(),
              "warm": base.warm_start()}[schedule]  # fmt: skip
    semantic = np.concatenate([case_a["semantic_ids"], case_a["semantic_ids"][::-1]])
    case = {**case_a, "semantic_ids": semantic}
    _, whole, jobs = stream(model, case, policy)
    _, cropped, _ = stream(model, case, policy, crop=True)
    assert sum(j.skip_tokens >= 14 for j in jobs) >= 3  # the steady windows really skip
    np.testing.assert_allclose(cropped, whole, atol=2e-6, rtol=0)


def test_a_one_token_stream_decodes_to_320_samples_equal_to_one_shot(
    golden32: BiCodecDecoder, case_a: dict[str, np.ndarray]
) -> None:
    one = {"semantic_ids": case_a["semantic_ids"][:1], "global_ids": case_a["global_ids"]}
    one_shot, streamed, jobs = stream(golden32, one, ChunkPolicy())
    assert len(jobs) == 1 and jobs[0].last
    assert streamed.shape == (320,)
    np.testing.assert_allclose(streamed, one_shot, atol=1e-12)


def test_the_warm_start_skips_the_growth_phase_and_batches_with_the_steady_windows() -> None:
    policy = ChunkPolicy()
    warm = policy.warm_start()
    lengths = [j.window_tokens for j in plan(warm, 400)]
    assert lengths[0] == 54 and set(lengths[1:]) == {70}  # one first window, then steady ones
    assert warm.window_lengths() == (54, 70)
    assert ChunkPolicy(loaded_growth=2.0).graph_window_lengths() == (10, 22, 44, 54, 68, 70)
    loaded = policy.loaded_start().window_lengths()
    assert loaded == (10, 18, 28, 33, 37, 42, 48, 55, 64, 70)
    assert policy.graph_window_lengths() == tuple(sorted({10, 22, 44, 54, 68, 70, *loaded}))
    # A short segment (3 s) costs the decoder fewer windows warm than cold.
    assert len(plan(warm, 150)) == 3 < len(plan(policy, 150)) == 6


def test_the_warm_start_reassembles_a_perfect_decode_exactly() -> None:
    warm = ChunkPolicy().warm_start()
    for n in (1, 53, 54, 55, 150, 333):
        signal = np.random.default_rng(n).standard_normal(n * 320).astype(np.float32)
        assert np.array_equal(join_signal(warm, plan(warm, n, (7,)), signal), signal)


def test_a_segment_starts_warm_only_when_queued_audio_covers_its_first_window() -> None:
    from voice_server.codec.streaming import WARM_START_MARGIN_S, choose_start

    policy = ChunkPolicy()
    need_at_50 = 54 / 50 + WARM_START_MARGIN_S  # 1.58 s at real time
    cold = choose_start(policy, 0.0, None, 50.0)  # a new talk spurt: low TTFA first
    assert cold.policy is policy and cold.schedule == "cold"
    assert choose_start(policy, need_at_50 - 0.01, None, 50.0).schedule == "cold"
    warm = choose_start(policy, need_at_50, None, 50.0)
    assert warm.policy == policy.warm_start() and warm.schedule == "warm"
    # A fast engine needs less queued audio; a slow one more.
    assert choose_start(policy, 54 / 200 + WARM_START_MARGIN_S, 200.0, 50.0).schedule == "warm"
    assert choose_start(policy, need_at_50, 40.0, 50.0).schedule != "warm"


def test_a_cold_segment_grows_slowly_while_the_engine_is_slow_per_stream() -> None:
    """Doubling regions need ~2x real time per stream; under 1.2 x that (120 tokens/s) a cold
    segment takes the loaded schedule; nothing measured (an idle engine) keeps growth 2."""
    from voice_server.codec.streaming import LOADED_HEADROOM, choose_start

    policy = ChunkPolicy()
    limit = LOADED_HEADROOM * policy.growth * 50.0
    assert limit == 120.0
    for rate, schedule in [(None, "cold"), (1000.0, "cold"), (limit, "cold"),
                           (limit - 0.1, "loaded"), (63.0, "loaded"), (30.0, "loaded")]:
        start = choose_start(policy, 0.0, rate, 50.0)
        assert start.schedule == schedule, (rate, start)
    loaded = choose_start(policy, 0.0, 63.0, 50.0).policy
    assert loaded == policy.loaded_start() and loaded.growth == 1.25
    assert loaded.first_chunk_tokens == policy.first_chunk_tokens  # same first audio
    # loaded_growth at or above growth: one cold schedule whatever the load.
    one = ChunkPolicy(loaded_growth=2.0)
    assert choose_start(one, 0.0, 63.0, 50.0).policy is one
    with pytest.raises(ValueError, match="loaded_growth"):
        ChunkPolicy(loaded_growth=0.9)


def _worst_gap(policy: ChunkPolicy, rate: float, release_tokens: int) -> float:
    from voice_server.codec.streaming import longest_wait_s

    return longest_wait_s(policy, rate, 50.0, release_tokens)


def test_the_longest_wait_replays_the_planner() -> None:
    """By hand, for one schedule: regions of 6, 12, 24 tokens (lookahead 4, no crossfade) at
    60 tokens/s, first audio after 10 tokens (t = 1/6 s). Window 2 needs token 22, ready at
    22/60 + 0.05 = 0.4167 s; the listener reaches it after 6 tokens of audio, 0.1667 + 0.12 =
    0.2867 s: a 0.13 s wait. Window 3 needs token 46 (0.8167 s) and is reached after 18 tokens
    (0.5267 s): 0.29 s, the longest."""
    from voice_server.codec.streaming import longest_wait_s

    policy = ChunkPolicy(crossfade_samples=0)
    wait = longest_wait_s(policy, 60.0, 50.0, 10, segment_tokens=46)
    assert wait == pytest.approx(46 / 60 + 0.05 - (10 / 60 + 18 / 50))
    assert longest_wait_s(policy, 60.0, 50.0, 10, segment_tokens=22) == pytest.approx(
        22 / 60 + 0.05 - (10 / 60 + 6 / 50))


@pytest.mark.parametrize("rate", [63.0, 70.0, 80.0])
def test_the_loaded_schedule_keeps_a_busy_engine_ahead_of_the_listener(rate: float) -> None:
    """At the per-stream rates of one engine carrying hundreds of streams, the doubling
    schedule leaves the listener waiting 0.3-0.6 s in a segment's first second (or needs its
    first audio held that long); the loaded schedule, first audio at the same 10 tokens,
    under 0.15 s, and a few tokens' hold removes that."""
    from voice_server.codec.streaming import first_audio_tokens

    cold, loaded = ChunkPolicy(), ChunkPolicy().loaded_start()
    first = cold.first_chunk_tokens
    assert _worst_gap(loaded, rate, first) < 0.15 < 0.25 < _worst_gap(cold, rate, first)
    hold_cold = first_audio_tokens(cold, rate, 50.0, 10**6)
    hold_loaded = first_audio_tokens(loaded, rate, 50.0, 10**6)
    assert hold_loaded <= 18 < 26 <= hold_cold, (hold_loaded, hold_cold)


@pytest.mark.parametrize("rate", [55.0, 60.0, 80.0, 100.0, 120.0, 150.0, 300.0, 1000.0])
def test_the_first_audio_guard_makes_a_constant_rate_stream_gapless(rate: float) -> None:
    """Replay the real planner at a constant token rate: with the first audio released after
    ``first_audio_tokens`` tokens, every region is decoded before the listener reaches it even
    if its decode takes ``FIRST_AUDIO_MARGIN_S`` longer than the first chunk's did; one token
    fewer is not enough (the count is the least that works), unless no guard was needed."""
    from voice_server.codec.streaming import FIRST_AUDIO_MARGIN_S, first_audio_tokens

    for policy in (ChunkPolicy(), ChunkPolicy().loaded_start()):
        tokens = first_audio_tokens(policy, rate, 50.0, 10**6)
        assert _worst_gap(policy, rate, tokens) <= 1e-9
        if tokens > policy.first_chunk_tokens:
            assert _worst_gap(policy, rate, tokens - 1) > 0


def test_the_first_audio_guard_waits_longer_for_a_slower_engine_and_is_capped() -> None:
    from voice_server.codec.streaming import first_audio_tokens

    policy = ChunkPolicy()
    counts = [first_audio_tokens(policy, r, 50.0, 10**6) for r in (55.0, 70.0, 100.0, 300.0)]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
    assert first_audio_tokens(policy, None, 50.0, 60) == 10  # nothing measured: no wait
    assert first_audio_tokens(policy, 2000.0, 50.0, 60) == 10  # a fast engine: no wait
    assert first_audio_tokens(policy, 50.0, 50.0, 60) == 60  # real time or slower: the cap
    assert first_audio_tokens(policy, 55.0, 50.0, 30) == 30


def _fire_counts(policy: ChunkPolicy, n: int) -> list[int]:
    """Token counts at which the planner fires each non-final job, tokens pushed one by one."""
    planner = StreamingDecodePlanner(policy)
    counts = []
    for i in range(n):
        counts += [i + 1] * len(planner.push(np.array([i])))
    return counts


@pytest.mark.parametrize("schedule", ["cold", "loaded", "warm"])
def test_with_the_engines_cadence_every_job_fires_as_a_group_of_tokens_arrives(
    schedule: str,
) -> None:
    # vLLM hands out the <start_semantic> marker, then codes 1-10, 11-20, ...: a job
    # needing code 22 waits for 30.
    plain = ChunkPolicy()
    aligned = ChunkPolicy(token_cadence=10)
    pick = {"cold": lambda p: p, "loaded": ChunkPolicy.loaded_start,
            "warm": ChunkPolicy.warm_start}[schedule]  # fmt: skip
    fired = _fire_counts(pick(aligned), 400)
    assert fired and all(count % 10 == 0 for count in fired)
    # Never later than the plain schedule's jobs, as the groups deliver them.
    delivered = [-(-count // 10) * 10 for count in _fire_counts(pick(plain), 400)]
    assert all(a <= d for a, d in zip(fired, delivered, strict=False))


def test_the_aligned_cold_start_needs_20_tokens_for_its_second_window_not_30() -> None:
    aligned = ChunkPolicy(token_cadence=10)
    assert [aligned.hop(k) for k in range(6)] == [6, 10, 20, 40, 50, 50]
    assert aligned.window_lengths() == (10, 20, 40, 60, 70)
    assert aligned.first_job_tokens == 10 and aligned.steady_window_tokens == 70
    loaded = aligned.loaded_start()
    assert [loaded.hop(k) for k in range(11)] == [6, 10, 10, 10, 10, 20, 20, 30, 40, 50, 50]
    assert loaded.steady_window_tokens == 70
    # Fewer lengths to capture as CUDA graphs, so growth windows of more streams batch.
    assert aligned.graph_window_lengths() == (10, 20, 30, 40, 50, 60, 70)
    assert aligned.warm_start().window_lengths() == (50, 70)
    assert len(ChunkPolicy().graph_window_lengths()) == 14


def test_a_cadence_that_does_not_divide_the_steady_region_settles_on_its_multiple() -> None:
    policy = ChunkPolicy(token_cadence=4)
    assert policy.steady_hop == 48 and policy.steady_window_tokens == 68
    assert policy.window_lengths()[-1] == 68


def test_the_first_audio_guard_ends_for_a_schedule_that_never_grows() -> None:
    from voice_server.codec.streaming import first_audio_tokens

    policy = ChunkPolicy(growth=1.0)  # its regions never reach max_chunk_tokens
    assert policy.steady_index == 0
    assert first_audio_tokens(policy, 120.0, 50.0, 250) >= policy.first_chunk_tokens


def test_the_server_aligns_windows_with_the_engines_stream_interval() -> None:
    from voice_server.engine.llm import EngineConfig
    from voice_server.runtime import DecodeConfig, aligned_to_engine

    engine = EngineConfig(stream_interval=10)
    assert aligned_to_engine(DecodeConfig(), engine).policy.token_cadence == 10
    off = aligned_to_engine(DecodeConfig(align_windows=False), engine)
    assert off.policy.token_cadence == 1
    every_token = aligned_to_engine(DecodeConfig(), EngineConfig(stream_interval=1))
    assert every_token.policy == ChunkPolicy()
    huge = aligned_to_engine(DecodeConfig(), EngineConfig(stream_interval=500))
    assert huge.policy.token_cadence == huge.policy.max_chunk_tokens
