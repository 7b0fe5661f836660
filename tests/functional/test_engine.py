"""The shared engine on the real vLLM (CPU build) with the tiny random-weight model."""

from __future__ import annotations

import asyncio
import dataclasses
from contextlib import aclosing
from typing import Any

import numpy as np
import pytest

from voice_server.codec.streaming import StreamingDecodePlanner
from voice_server.engine.prompts import Style
from voice_server.engine.sampling import Sampling
from voice_server.engine.token_stream import AnswerParser
from voice_server.synthesis import AudioOut, NoSpeechError, SegmentDone, Voice, VoiceResolved

pytestmark = pytest.mark.engine


async def _answer(runtime: Any, text: str, codes: tuple[int, ...] | None, max_tokens: int) -> list[int]:
    tok = runtime.synthesizer.tokenizer
    prompt = tok.prompt(text, codes, Style())
    ids: list[int] = []
    async for delta in runtime.engine.stream(prompt.ids, prompt.kind, Sampling(seed=7), max_tokens):
        ids.extend(delta)
    return ids


async def test_style_prompt_answer_is_voice_prefix_then_semantics(runtime: Any) -> None:
    v = runtime.synthesizer.tokenizer.vocab
    ids = await _answer(runtime, "Hello there.", None, 80)
    assert ids[0] == v.marker("start_acoustic_token")
    assert ids[1] in v.pitch_values and ids[2] in v.speed_values
    assert ids[3:5] == [v.marker("end_acoustic_token"), v.marker("start_global_token")]
    assert all(i in v.global_codes for i in ids[5:37])
    assert ids[37:39] == [v.marker("end_global_token"), v.marker("start_semantic_token")]
    body = ids[39:]
    assert body and all(i in v.semantic_codes for i in body[:-1])
    assert body[-1] in v.semantic_codes or body[-1] in (v.eos_id, v.marker("end_semantic_token"))


async def test_globals_prompt_answer_is_semantics_only(runtime: Any) -> None:
    v = runtime.synthesizer.tokenizer.vocab
    codes = tuple(range(7, 39))
    ids = await _answer(runtime, "Hello there.", codes, 60)
    assert ids[0] == v.marker("start_semantic_token")
    assert not any(i in v.global_codes for i in ids)
    assert all(i in v.semantic_codes for i in ids[1:-1])


async def test_cancelling_mid_stream_leaves_no_unfinished_request(runtime: Any) -> None:
    synth = runtime.synthesizer
    voice = Voice(global_codes=runtime.voices.get("alloy").global_codes)
    received = asyncio.Event()

    async def consume() -> None:
        async for event in synth.segment("A long sentence to read. " * 8, voice, Sampling()):
            if isinstance(event, AudioOut):
                received.set()

    task = asyncio.create_task(consume())
    await asyncio.wait_for(received.wait(), 60)
    assert runtime.engine.unfinished_requests == 1
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    for _ in range(100):
        if runtime.engine.unfinished_requests == 0:
            break
        await asyncio.sleep(0.01)
    assert runtime.engine.unfinished_requests == 0


async def test_closing_the_stream_early_aborts_the_request(runtime: Any) -> None:
    synth = runtime.synthesizer
    voice = Voice(global_codes=runtime.voices.get("echo").global_codes)
    async with aclosing(synth.segment("Stop me early please.", voice, Sampling())) as events:
        async for event in events:
            if isinstance(event, AudioOut):
                break
    await asyncio.sleep(0.05)
    assert runtime.engine.unfinished_requests == 0


async def test_segment_audio_is_exactly_hop_times_semantic_tokens(runtime: Any) -> None:
    synth = runtime.synthesizer
    total = 0
    done: SegmentDone | None = None
    voice_events = 0
    async for event in synth.segment("Short one.", Voice(style=Style("male", "low")), Sampling(seed=5)):
        if isinstance(event, AudioOut):
            total += event.samples.size
        elif isinstance(event, VoiceResolved):
            voice_events += 1
            assert len(event.global_codes) == 32
        elif isinstance(event, SegmentDone):
            done = event
    assert done is not None and voice_events == 1
    assert total == done.samples == synth.hop_length * done.semantic_tokens


@pytest.mark.parametrize("voice", ["preset", "style"])
async def test_codes_come_in_whole_groups_and_each_window_fires_as_its_group_arrives(
    runtime: Any, voice: str
) -> None:
    """vLLM hands out an answer's first id alone, then every ``engine.stream_interval`` ids.
    The decode windows are cut where those groups end (``ChunkPolicy.token_cadence``): a
    window whose last code came mid-group would wait a whole group, 10 engine steps, for it.
    A style answer's codes start 39 ids in, so the engine asks for them in a second request
    (``SparkEngine.stream``)."""
    synth = runtime.synthesizer
    cadence = runtime.engine_config.stream_interval
    assert cadence > 1 and synth.policy.token_cadence == cadence
    codes = runtime.voices.get("alloy").global_codes if voice == "preset" else None
    prompt = synth.tokenizer.prompt("Whole groups of codes, please.", codes, Style())
    sampling = Sampling(seed=3, max_tokens=120)
    budget = synth.token_budget("Whole groups of codes, please.", prompt.kind, sampling)
    parser = AnswerParser(synth.tokenizer.vocab)
    planner = StreamingDecodePlanner(synth.policy)
    counts: list[int] = []  # codes received after each output of the engine
    fired: list[tuple[int, int]] = []  # (codes a window needs, codes received) as it fires
    async for ids in runtime.engine.stream(prompt.ids, prompt.kind, sampling, budget):
        delta = parser.feed(ids)
        counts.append(parser.semantic_count)
        for job in planner.push(delta.semantic):
            fired.append((job.window_start + len(job.codes), parser.semantic_count))
    assert parser.semantic_count >= 80, "the test needs windows past the growth"
    assert all(count % cadence == 0 for count in counts[:-1]), counts
    assert len(fired) >= 3 and all(need % cadence == 0 and need <= have
                                   for need, have in fired), fired  # fmt: skip
    assert fired[0][0] == synth.policy.first_chunk_tokens == 10


@pytest.mark.parametrize("max_tokens", [24, 37, 38, 39, 41])
async def test_a_style_answer_in_two_requests_keeps_to_its_token_limit(
    runtime: Any, max_tokens: int
) -> None:
    """A style answer's voice and codes come from two requests (``SparkEngine.stream``), but a
    limit holds for the answer as it would for one request: cut inside the voice (37 ids with
    its acoustic prefix), at its end, on ``<end_global>`` or after the first codes."""
    ids = await _answer(runtime, "Keep to the limit.", None, max_tokens)
    assert len(ids) == max_tokens
    v = runtime.synthesizer.tokenizer.vocab
    if max_tokens >= 38:
        assert ids[37] == v.marker("end_global_token")
    if max_tokens >= 39:
        assert ids[38] == v.marker("start_semantic_token")
    assert runtime.engine.unfinished_requests == 0


async def test_zero_semantic_tokens_is_an_error_not_a_crash(
    runtime: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    synth = runtime.synthesizer
    # A budget that ends inside the voice prefix: the model never reaches a semantic token.
    monkeypatch.setattr(synth, "token_budget", lambda text, kind, sampling: 10)
    with pytest.raises(NoSpeechError):
        async for _ in synth.segment("Nothing.", Voice(style=Style()), Sampling()):
            pass
    assert runtime.engine.unfinished_requests == 0


async def test_same_seed_gives_the_same_tokens(runtime: Any) -> None:
    codes = runtime.voices.get("alloy").global_codes
    first = await _answer(runtime, "Repeat me.", codes, 40)
    second = await _answer(runtime, "Repeat me.", codes, 40)
    assert first == second


async def test_enrolled_voices_have_fixed_codes(runtime: Any) -> None:
    names = runtime.voices.names()
    assert "alloy" in names
    assert all(len(runtime.voices.get(n).global_codes) == 32 for n in names)


async def test_a_segment_behind_queued_audio_starts_warm_with_later_deadlines(
    runtime: Any,
) -> None:
    """With seconds of audio still queued, the segment skips the growth phase (fewer, uniform
    windows) and its decode deadlines lie after the queued audio, so it yields the decoder to
    listeners who wait; the audio is the same length either way."""
    synth = runtime.synthesizer
    worker = synth.decoder
    voice = Voice(global_codes=runtime.voices.get("alloy").global_codes)
    text = "A sentence long enough for several decode windows."
    results = {}
    for ahead_s in (0.0, 30.0):
        before = list(worker.order_log)  # a bounded deque: compare items (kept alive here,
        logged = {id(record) for record in before}  # so no new record can reuse an id)
        started = asyncio.get_running_loop().time()
        done = None
        async for event in synth.segment(text, voice, Sampling(seed=3, max_tokens=160), ahead_s):
            if isinstance(event, SegmentDone):
                done = event
        assert done is not None
        deadlines = [d for batch in list(worker.order_log) if id(batch) not in logged
                     for d in batch.deadlines]  # fmt: skip
        results[ahead_s] = (done, started, deadlines)
    cold, _, cold_deadlines = results[0.0]
    warm, warm_started, warm_deadlines = results[30.0]
    assert not cold.warm_start and warm.warm_start
    assert warm.semantic_tokens == cold.semantic_tokens == 160  # same seed, same answer
    assert warm.samples == cold.samples == 160 * synth.hop_length
    assert warm.decode_windows < cold.decode_windows, (warm.decode_windows, cold.decode_windows)
    assert min(warm_deadlines) >= warm_started + 30.0
    assert min(cold_deadlines) < warm_started


async def test_a_cold_segment_on_a_busy_engine_grows_its_windows_slowly(
    runtime: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At a measured 60 tokens/s per stream the regions cannot double in time, so the segment
    runs on the loaded schedule: more, shorter windows, the same first chunk and the same audio;
    with nothing measured (an idle engine) it grows by 2."""
    synth = runtime.synthesizer
    voice = Voice(global_codes=runtime.voices.get("alloy").global_codes)
    results = {}
    for rate in (None, 60.0):
        monkeypatch.setattr(synth.token_rate, "per_stream", lambda now, r=rate: r)
        first = done = None
        async for event in synth.segment("Grow slowly, please.", voice,
                                         Sampling(seed=5, max_tokens=150)):  # fmt: skip
            if isinstance(event, AudioOut) and first is None:
                first = event.samples.size
            elif isinstance(event, SegmentDone):
                done = event
        assert done is not None
        results[rate] = (done, first)
    (idle, idle_first), (busy, busy_first) = results[None], results[60.0]
    assert idle.schedule == "cold" and busy.schedule == "loaded" and not busy.warm_start
    assert busy.semantic_tokens == idle.semantic_tokens == 150
    assert busy.samples == idle.samples == 150 * synth.hop_length
    # the same first chunk: 10 tokens, the engine's first group of codes (with
    # ``engine.stream_interval`` 10), of which 6 are kept and 2 held for the crossfade
    assert synth.policy.token_cadence == runtime.engine_config.stream_interval == 10
    assert busy_first == idle_first == 4 * synth.hop_length
    assert busy.decode_windows > idle.decode_windows, (busy.decode_windows, idle.decode_windows)


async def test_filled_windows_decode_a_loaded_segment_in_as_many_longer_windows(
    runtime: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``decode.policy.fill_windows``: the same tokens (same seed), the same windows and
    samples, the windows of the growth phase as long as the steady ones where the stream has
    the codes, and the audio close to the plain windows' (only the context differs)."""
    synth = runtime.synthesizer
    voice = Voice(global_codes=runtime.voices.get("alloy").global_codes)
    monkeypatch.setattr(synth.token_rate, "per_stream", lambda now: 60.0)
    results = {}
    for fill in (False, True):
        monkeypatch.setattr(synth, "policy", dataclasses.replace(synth.policy, fill_windows=fill))
        audio, done = [], None
        async for event in synth.segment("Fill the windows, please.", voice,
                                         Sampling(seed=5, max_tokens=150)):  # fmt: skip
            if isinstance(event, AudioOut):
                audio.append(event.samples)
            elif isinstance(event, SegmentDone):
                done = event
        assert done is not None and done.schedule == "loaded"
        results[fill] = (done, np.concatenate(audio).astype(np.float64))
    (plain, plain_audio), (filled, filled_audio) = results[False], results[True]
    assert filled.semantic_tokens == plain.semantic_tokens == 150
    assert filled.samples == plain.samples == 150 * synth.hop_length == len(filled_audio)
    assert filled.decode_windows == plain.decode_windows
    difference = np.sum((filled_audio - plain_audio) ** 2) / np.sum(plain_audio**2)
    assert 0 < difference < 1e-3, difference  # other context, the same signal (measured: 55 dB)


async def test_the_first_audio_guard_holds_a_cold_start_until_the_growth_is_safe(
    runtime: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At a measured 60 tokens/s the growing chunks after a 10-token first chunk would leave
    gaps, so with the guard on the first audio leaves only once enough tokens have arrived: it
    then carries the first chunks together. Off, the first chunk leaves alone (80 ms)."""
    from voice_server.codec.streaming import first_audio_tokens

    synth = runtime.synthesizer
    voice = Voice(global_codes=runtime.voices.get("alloy").global_codes)
    monkeypatch.setattr(synth.token_rate, "per_stream", lambda now: 60.0)
    first_sizes = {}
    for guard_s in (0.0, 1.0):
        monkeypatch.setattr(synth, "first_audio_guard_s", guard_s)
        first = None
        total = 0
        async for event in synth.segment("Hold my first words.", voice,
                                         Sampling(seed=5, max_tokens=150)):  # fmt: skip
            if isinstance(event, AudioOut):
                first = event.samples.size if first is None else first
                total += event.samples.size
            elif isinstance(event, SegmentDone):
                assert total == event.semantic_tokens * synth.hop_length  # nothing lost
        first_sizes[guard_s] = first
    release = first_audio_tokens(synth.policy.loaded_start(), 60.0, 50.0, 10**6)
    assert first_sizes[0.0] == 4 * synth.hop_length  # 6 tokens kept, 2 held for the crossfade
    assert release > 10
    assert first_sizes[1.0] > first_sizes[0.0]


async def test_audio_held_by_the_guard_leaves_with_the_final_window_of_a_short_answer(
    runtime: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An answer that ends before the guard's count (20 tokens, the guard wants 26 at a
    measured 60 tokens/s) releases everything at its end, in one piece, nothing lost."""
    synth = runtime.synthesizer
    voice = Voice(global_codes=runtime.voices.get("alloy").global_codes)
    monkeypatch.setattr(synth.token_rate, "per_stream", lambda now: 60.0)
    monkeypatch.setattr(synth, "first_audio_guard_s", 1.0)
    sizes = []
    done = None
    async for event in synth.segment("Short.", voice, Sampling(seed=5, max_tokens=20)):
        if isinstance(event, AudioOut):
            sizes.append(event.samples.size)
        elif isinstance(event, SegmentDone):
            done = event
    assert done is not None and done.semantic_tokens == 20
    assert sizes == [20 * synth.hop_length]


async def test_concurrent_seeded_requests_whose_prompts_overflow_one_step_all_finish(
    runtime: Any,
) -> None:
    """More prompt tokens at once than one engine step takes, every request seeded: vLLM's
    CPU build dies rewinding a seeded generator when a prefill is split across steps ("CPU
    Generator does not use offset"), which would end every session. The engine is configured
    so prefills are never split on the CPU; all requests finish and the engine lives."""
    tok = runtime.synthesizer.tokenizer
    text = "A long sentence that makes the prompt long enough to matter, read slowly. " * 4
    prompt = tok.prompt(text, None, Style())
    streams = 40
    assert streams * len(prompt.ids) > 4096  # past one step's budget when prefills split

    async def one(seed: int) -> int:
        count = 0
        async for delta in runtime.engine.stream(prompt.ids, prompt.kind, Sampling(seed=seed), 40):
            count += len(delta)
        return count

    counts = await asyncio.gather(*(one(100 + i) for i in range(streams)))
    assert all(c > 0 for c in counts)
    assert not runtime.engine.errored
