"""The decoder in another process (``decode.placement`` engine or process).

Every engine can host one (its worker extension is always loaded), so these tests open hosted
decoders on the shared engine: that the decoder really lives in the engine's processes, that
it decodes what an in-process decoder decodes, and how it fails. A runtime started with the
engine placement runs in ``test_replicas.py``. A decoder process of its own is spawned the way
the runtime spawns it, and a real segment of the shared engine is decoded through it.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import time
from typing import Any

import numpy as np
import pytest

from voice_server.codec.batch_decoding import LocalDecoder
from voice_server.codec.bicodec import load_bicodec
from voice_server.codec.decode_worker import DecodeWorker
from voice_server.codec.decoder_host import (
    DecoderHostLost,
    DecoderSettings,
    HostedDecodeError,
    HostedDecoder,
)
from voice_server.engine.sampling import Sampling
from voice_server.runtime import DecodeConfig, SpeechRuntime
from voice_server.synthesis import AudioOut, Synthesizer, Voice

pytestmark = pytest.mark.engine


def engine_core_pid(engine: Any) -> int:
    return int(engine._llm.engine_core.resources.engine_manager.processes[0].pid)


def ancestors(pid: int) -> list[int]:
    """``pid`` and its parents, read from /proc (Linux)."""
    chain = [pid]
    while pid > 1:
        stat = open(f"/proc/{pid}/stat").read()
        pid = int(stat.rsplit(")", 1)[1].split()[1])
        chain.append(pid)
    return chain


def settings(runtime: Any) -> DecoderSettings:
    return DecoderSettings(str(runtime.model.bicodec), dtype="float32",
                                 fuse_activations=False, cuda_graphs=False,
                                 window_lengths=(70,), max_batch=8)  # fmt: skip


async def test_a_hosted_decoder_lives_in_the_engine_worker_process(runtime: Any) -> None:
    """vLLM's worker process: with ``engine.executor`` mp, a child of the engine core."""
    hosted = await HostedDecoder.open(runtime.engine, settings(runtime))
    try:
        pid = hosted.info["pid"]
        assert pid != os.getpid() and pid != engine_core_pid(runtime.engine)
        assert engine_core_pid(runtime.engine) in ancestors(pid)
        assert hosted.info["device"] == "cpu" and hosted.info["graphs_captured"] == 0
    finally:
        hosted.close()


async def test_a_hosted_decoder_decodes_what_a_local_one_does(runtime: Any) -> None:
    hosted = await HostedDecoder.open(runtime.engine, settings(runtime))
    local = LocalDecoder(load_bicodec(runtime.model.bicodec))
    config = local.config
    rng = np.random.default_rng(3)
    globals_ = rng.integers(0, config.global_codebook_size, (2, config.global_token_count))
    voices = [tuple(int(c) for c in row) for row in globals_]
    codes = rng.integers(0, config.semantic_codebook_size, (2, 24))
    try:
        remote = hosted.decode_batch(codes, voices)
        here = local.decode_batch(codes, voices)
        assert remote.dtype == np.float32 and remote.shape == here.shape == (2, 24 * 320)
        assert np.abs(remote - here).max() < 1e-4
        assert hosted.counters.speaker_cache_misses == 2
        hosted.decode_batch(codes[:, :10], voices)
        assert hosted.counters.speaker_cache_misses == 2  # both voices cached in the host
    finally:
        hosted.close()


async def test_a_failing_batch_raises_its_error_and_the_host_keeps_serving(runtime: Any) -> None:
    hosted = await HostedDecoder.open(runtime.engine, settings(runtime))
    voice = tuple(range(32))
    try:
        with pytest.raises(HostedDecodeError, match="out of range"):
            hosted.decode_batch(np.full((1, 8), 10**6), [voice])  # unchecked: the host's check
        assert hosted.decode_batch(np.zeros((1, 8), np.int64), [voice]).shape == (1, 8 * 320)
    finally:
        hosted.close()
    with pytest.raises(DecoderHostLost):
        hosted.decode_batch(np.zeros((1, 8), np.int64), [voice])


async def test_a_bad_spec_fails_the_start_with_the_reason(runtime: Any, tmp_path: Any) -> None:
    bad = dataclasses.replace(settings(runtime), bicodec_dir=str(tmp_path))
    with pytest.raises(Exception, match="config.yaml"):
        await HostedDecoder.open(runtime.engine, bad)
    assert not runtime.engine.errored  # the engine serves on


def _batch(config: Any, seed: int) -> tuple[np.ndarray, list[tuple[int, ...]]]:
    rng = np.random.default_rng(seed)
    globals_ = rng.integers(0, config.global_codebook_size, (2, config.global_token_count))
    codes = rng.integers(0, config.semantic_codebook_size, (2, 24))
    return codes, [tuple(int(c) for c in row) for row in globals_]


async def test_a_decoder_process_of_its_own_decodes_what_a_local_one_does(runtime: Any) -> None:
    """Spawned as the runtime spawns it (``decode.placement`` process): a child of this
    process, not of the engine; same audio as in-process; the process ends on close."""
    decode = DecodeConfig(placement="process", dtype="float32", cuda_graphs=False,
                          batches_in_flight=1)  # fmt: skip
    spawner = SpeechRuntime(runtime.model, runtime.engine_config, decode)
    (hosted,) = await spawner._decoder_backends("cpu")
    assert isinstance(hosted, HostedDecoder)
    local = LocalDecoder(load_bicodec(runtime.model.bicodec))
    codes, voices = _batch(local.config, 5)
    process = hosted._process
    try:
        pid = hosted.info["pid"]
        assert pid == process.pid and pid != os.getpid()
        assert os.getpid() in ancestors(pid)
        assert engine_core_pid(runtime.engine) not in ancestors(pid)
        remote = hosted.decode_batch(codes, voices)
        here = local.decode_batch(codes, voices)
        assert remote.shape == here.shape == (2, 24 * 320)
        assert np.abs(remote - here).max() < 1e-4
        with pytest.raises(HostedDecodeError, match="out of range"):
            hosted.decode_batch(np.full((1, 8), 10**6), voices[:1])
    finally:
        await asyncio.to_thread(hosted.close)
    assert not process.is_alive() and process.exitcode == 0


async def test_a_segment_of_the_real_engine_decodes_through_a_decoder_process(
    runtime: Any,
) -> None:
    """The whole path with the decoder apart: the shared engine's tokens, the decode worker's
    batching, the process's decoder; the audio is what the in-process decoder made of the
    same seeded segment."""
    synth = runtime.synthesizer
    hosted = await HostedDecoder.spawn(settings(runtime), "cpu")
    worker = DecodeWorker(hosted, max_batch=8, name="bicodec-process-test")
    worker.start()
    apart = Synthesizer(synth.tokenizer, synth.engine, worker, synth.policy,
                        sample_rate=synth.sample_rate, hop_length=synth.hop_length)  # fmt: skip
    voice = Voice(global_codes=runtime.voices.get("alloy").global_codes)

    async def audio(of: Any) -> np.ndarray:
        chunks = [e.samples async for e in of.segment("Hello from the other process.", voice,
                                                      Sampling(seed=11, max_tokens=60))
                  if isinstance(e, AudioOut)]  # fmt: skip
        return np.concatenate(chunks)

    try:
        through_process = await audio(apart)
    finally:
        await worker.aclose()
    in_process = await audio(synth)
    assert through_process.size == in_process.size > 0
    assert np.abs(through_process - in_process).max() < 1e-3


async def test_a_segment_whose_windows_skip_their_context_sounds_as_with_whole_windows(
    runtime: Any,
) -> None:
    """``decode.crop_context`` end to end: the engine's tokens, the planner's skips, the
    worker's batches and the decoder process's cropped wave generator give the audio that
    whole windows decoded in this process give for the same seeded segment."""
    synth = runtime.synthesizer
    assert synth.crop_context  # the server's default
    hosted = await HostedDecoder.spawn(settings(runtime), "cpu")
    worker = DecodeWorker(hosted, max_batch=8, name="bicodec-crop-test")
    worker.start()
    common = {"sample_rate": synth.sample_rate, "hop_length": synth.hop_length}
    cropped = Synthesizer(synth.tokenizer, synth.engine, worker, synth.policy, **common)
    whole = Synthesizer(synth.tokenizer, synth.engine, synth.decoder, synth.policy,
                        crop_context=False, **common)  # fmt: skip
    voice = Voice(global_codes=runtime.voices.get("alloy").global_codes)

    async def audio(of: Any) -> np.ndarray:
        text = "A longer sentence, so that its windows reach the steady length."
        chunks = [e.samples async for e in of.segment(text, voice,
                                                      Sampling(seed=5, max_tokens=160))
                  if isinstance(e, AudioOut)]  # fmt: skip
        return np.concatenate(chunks)

    try:
        skipping = await audio(cropped)
        lengths = {length for length, _ in worker.stats.window_batch_sizes}
    finally:
        await worker.aclose()
    assert lengths & {44, 68, 70}  # windows that skip 14 tokens were decoded
    reference = await audio(whole)
    assert skipping.size == reference.size > 0
    # float32 rounding only (measured 2e-7); 3 tokens too few at the wave generator's input
    # measured 1e-3
    assert np.abs(skipping - reference).max() < 1e-5


async def test_two_batches_in_flight_reach_one_decoder_process_over_two_connections(
    runtime: Any,
) -> None:
    """``decode.batches_in_flight`` 2: the runtime opens two connections to the process it
    spawns, the worker runs a lane on each, the audio is the in-process decoder's, and the
    process ends by itself once both lanes have closed."""
    decode = DecodeConfig(placement="process", dtype="float32", cuda_graphs=False,
                          batches_in_flight=2)  # fmt: skip
    spawner = SpeechRuntime(runtime.model, runtime.engine_config, decode)
    lanes = await spawner._decoder_backends("cpu")
    assert len(lanes) == 2 and all(isinstance(lane, HostedDecoder) for lane in lanes)
    process = lanes[0]._process
    assert lanes[0].shared and lanes[1].info["pid"] == process.pid
    worker = await spawner._start_decoder(0, lanes)
    local = LocalDecoder(load_bicodec(runtime.model.bicodec))
    rng = np.random.default_rng(3)
    windows = [rng.integers(0, local.config.semantic_codebook_size, 24) for _ in range(6)]
    voices = [rng.integers(0, local.config.global_codebook_size, 32) for _ in range(6)]
    try:
        jobs = [asyncio.create_task(worker.decode(w, v, float(i)))
                for i, (w, v) in enumerate(zip(windows, voices, strict=True))]  # fmt: skip
        for job, w, v in zip(jobs, windows, voices, strict=True):
            here = local.decode_batch(w[None], [tuple(int(c) for c in v)])[0]
            assert np.abs(await job - here).max() < 1e-4
    finally:
        started = time.monotonic()
        await worker.aclose()
    assert not process.is_alive() and process.exitcode == 0  # ended, not killed
    assert time.monotonic() - started < 8.0
    assert worker.stats.jobs_decoded == 6
    assert sum(worker.stats.shared_queue_counts.values()) == worker.stats.batches_run


async def test_an_urgent_lane_is_one_more_connection_to_the_decoder_process(
    runtime: Any,
) -> None:
    """``decode.urgent_lane_ms``: the runtime opens a connection beyond the batches in flight;
    the worker runs its last lane as the urgent one; windows due now and windows with time in
    hand both come back as the in-process decoder makes them (which lane takes which is
    ``test_decode_worker``'s); the process ends once both connections have closed. With it,
    ``decode.urgent_stream_ms`` reaches the process, which then runs a second pass runner."""
    decode = DecodeConfig(placement="process", dtype="float32", cuda_graphs=False,
                          batches_in_flight=1, urgent_lane_ms=50, urgent_stream_ms=40)  # fmt: skip
    spawner = SpeechRuntime(runtime.model, runtime.engine_config, decode)
    lanes = await spawner._decoder_backends("cpu")
    assert len(lanes) == 2 and lanes[1].info["pid"] == lanes[0]._process.pid
    assert lanes[0].info["urgent_within_ms"] == 40
    process = lanes[0]._process
    worker = await spawner._start_decoder(0, lanes)
    assert worker.urgent_lane_s == 0.05
    assert worker.urgent_max_batch == decode.max_batch  # decode.urgent_lane_rows unset
    local = LocalDecoder(load_bicodec(runtime.model.bicodec))
    rng = np.random.default_rng(4)
    windows = [rng.integers(0, local.config.semantic_codebook_size, n) for n in (8, 24)]
    voices = [rng.integers(0, local.config.global_codebook_size, 32) for _ in range(2)]
    due = [time.monotonic(), time.monotonic() + 30]  # a first chunk; a window with time in hand
    try:
        jobs = [asyncio.create_task(worker.decode(w, v, d))
                for w, v, d in zip(windows, voices, due, strict=True)]  # fmt: skip
        for job, w, v in zip(jobs, windows, voices, strict=True):
            here = local.decode_batch(w[None], [tuple(int(c) for c in v)])[0]
            assert np.abs(await job - here).max() < 1e-4
    finally:
        await worker.aclose()
    assert not process.is_alive() and process.exitcode == 0
    assert worker.stats.jobs_decoded == 2 and worker.stats.batches_run == 2


async def test_a_decoder_process_that_dies_fails_its_batches_and_a_bad_spec_fails_the_spawn(
    runtime: Any, tmp_path: Any
) -> None:
    hosted = await HostedDecoder.spawn(settings(runtime), "cpu")
    voice = tuple(range(32))
    hosted._process.kill()
    await asyncio.to_thread(hosted._process.join, 10)
    with pytest.raises(DecoderHostLost):
        hosted.decode_batch(np.zeros((1, 8), np.int64), [voice])
    await asyncio.to_thread(hosted.close)
    bad = dataclasses.replace(settings(runtime), bicodec_dir=str(tmp_path))
    with pytest.raises(RuntimeError, match="config.yaml"):
        await HostedDecoder.spawn(bad, "cpu")
