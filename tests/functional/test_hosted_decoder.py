"""The decoder hosted in the real vLLM engine's worker process (``decode.placement`` engine).

Every engine can host one (its worker extension is always loaded), so these tests open hosted
decoders on the shared engine: that the decoder really lives in the engine's processes, that
it decodes what an in-process decoder decodes, and how it fails. A runtime started with the
hosted placement runs in ``test_replicas.py``.
"""

from __future__ import annotations

import dataclasses
import os
from typing import Any

import numpy as np
import pytest

from voice_server.codec.batch_decoding import LocalDecoder
from voice_server.codec.bicodec import load_bicodec
from voice_server.codec.engine_hosted import (
    DecoderHostLost,
    EngineHostedDecoder,
    HostedDecodeError,
    HostedDecoderSettings,
)

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


def settings(runtime: Any) -> HostedDecoderSettings:
    return HostedDecoderSettings(str(runtime.model.bicodec), dtype="float32",
                                 fuse_activations=False, cuda_graphs=False,
                                 window_lengths=(70,), max_batch=8)  # fmt: skip


async def test_a_hosted_decoder_lives_in_the_engine_worker_process(runtime: Any) -> None:
    """vLLM's worker process: with ``engine.executor`` mp, a child of the engine core."""
    hosted = await EngineHostedDecoder.open(runtime.engine, settings(runtime))
    try:
        pid = hosted.info["pid"]
        assert pid != os.getpid() and pid != engine_core_pid(runtime.engine)
        assert engine_core_pid(runtime.engine) in ancestors(pid)
        assert hosted.info["device"] == "cpu" and hosted.info["graphs_captured"] == 0
    finally:
        hosted.close()


async def test_a_hosted_decoder_decodes_what_a_local_one_does(runtime: Any) -> None:
    hosted = await EngineHostedDecoder.open(runtime.engine, settings(runtime))
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
    hosted = await EngineHostedDecoder.open(runtime.engine, settings(runtime))
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
        await EngineHostedDecoder.open(runtime.engine, bad)
    assert not runtime.engine.errored  # the engine serves on
