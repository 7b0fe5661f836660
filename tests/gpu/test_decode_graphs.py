"""CUDA-graph decoding gives the eager decoder's audio, for every captured shape and padding."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
import torch

from voice_server.codec.batch_decoding import LocalDecoder
from voice_server.codec.bicodec import load_bicodec
from voice_server.codec.decode_worker import DecodeWorker
from voice_server.codec.graphs import GraphedDecoder, batch_buckets, bucket_for
from voice_server.codec.streaming import ChunkPolicy


def close(a: torch.Tensor | np.ndarray, b: torch.Tensor | np.ndarray) -> bool:
    """Equal up to fp32 rounding (cuDNN may pick other kernels per shape); 1e-3 of the signal's
    peak is far below any real defect (a wrong or leaked row differs by the whole signal)."""
    a, b = torch.as_tensor(a).float().cpu(), torch.as_tensor(b).float().cpu()
    return (a - b).abs().max().item() <= 1e-3 * max(b.abs().max().item(), 1e-3)


@pytest.fixture(scope="module")
def decoder(tmp_path_factory: pytest.TempPathFactory) -> object:
    from voice_server.tiny_model import make_tiny_model

    model = make_tiny_model(tmp_path_factory.mktemp("full"), size="full")
    return load_bicodec(Path(model) / "BiCodec", device="cuda", dtype=torch.float32)


def _inputs(decoder: object, batch: int, window: int, seed: int) -> tuple[torch.Tensor, ...]:
    gen = torch.Generator(device="cuda").manual_seed(seed)
    c = decoder.config  # type: ignore[attr-defined]
    codes = torch.randint(0, c.semantic_codebook_size, (batch, window), device="cuda",
                          generator=gen)  # fmt: skip
    voice = torch.randint(0, c.global_codebook_size, (batch, c.global_token_count),
                          device="cuda", generator=gen)  # fmt: skip
    return codes, decoder.speaker_vector(voice)  # type: ignore[attr-defined]


@torch.inference_mode()
def test_every_captured_shape_matches_eager(decoder: object) -> None:
    """The windows as grown and as the server cuts them (``token_cadence`` 10, the engine's
    default stream interval: ``runtime.served_policy``, not imported here, since it needs vLLM)."""
    policies = [dataclasses.replace(ChunkPolicy(), token_cadence=c) for c in (1, 10)]
    windows = sorted({w for p in policies for w in (*p.window_lengths(), *p.graph_window_lengths())})
    graphs = GraphedDecoder(decoder, windows, max_batch=8)  # type: ignore[arg-type]
    graphs.capture()
    assert graphs.captured == len(windows) * len(batch_buckets(8))
    for window in windows:
        for batch in (1, 3, 8):  # 3 pads to 4
            codes, dvec = _inputs(decoder, batch, window, seed=window * 10 + batch)
            eager = decoder.decode(codes, dvec)  # type: ignore[attr-defined]
            replay = graphs.decode(codes, dvec).clone()
            assert replay.shape == eager.shape
            assert close(replay, eager), (window, batch)


@torch.inference_mode()
def test_padded_rows_do_not_leak(decoder: object) -> None:
    window = ChunkPolicy().steady_window_tokens
    graphs = GraphedDecoder(decoder, [window], max_batch=4)  # type: ignore[arg-type]
    graphs.capture()
    codes, dvec = _inputs(decoder, 4, window, seed=1)
    full = graphs.decode(codes, dvec).clone()
    other_codes, other_dvec = _inputs(decoder, 4, window, seed=2)
    graphs.decode(other_codes, other_dvec)  # leaves different rows 2-3 in the static buffers
    part = graphs.decode(codes[:2], dvec[:2]).clone()
    assert close(part, full[:2])


def test_worker_with_graphs_matches_eager_worker(decoder: object) -> None:
    """Sync on purpose: the GPU image has no pytest-asyncio."""
    import asyncio

    asyncio.run(_worker_with_graphs_matches_eager_worker(decoder))


async def _worker_with_graphs_matches_eager_worker(decoder: object) -> None:
    policy = ChunkPolicy()
    rng = np.random.default_rng(0)
    c = decoder.config  # type: ignore[attr-defined]
    voice = rng.integers(0, c.global_codebook_size, c.global_token_count)
    windows = [rng.integers(0, c.semantic_codebook_size, n) for n in policy.window_lengths()]
    windows.append(rng.integers(0, c.semantic_codebook_size, 7))  # a tail: no graph, eager
    graphs = GraphedDecoder(decoder, policy.window_lengths(), max_batch=4)  # type: ignore[arg-type]
    async with DecodeWorker(LocalDecoder(decoder, graphs), max_batch=4,  # type: ignore[arg-type]
                            name="g") as graphed, DecodeWorker(
            LocalDecoder(decoder), max_batch=4, name="e") as eager:  # type: ignore[arg-type]  # fmt: skip
        await graphed.wait_prepared()
        for window in windows:
            a = await graphed.decode(window, voice, 0.0)
            b = await eager.decode(window, voice, 0.0)
            assert close(a, b)
        assert graphed.stats.graph_batches == len(windows) - 1
        assert graphed.stats.graphs_captured == graphs.captured


@torch.inference_mode()
def test_fused_activations_match_eager(tmp_path: Path) -> None:
    from voice_server.tiny_model import make_tiny_model

    model = make_tiny_model(tmp_path / "m", size="full")
    plain = load_bicodec(Path(model) / "BiCodec", device="cuda", dtype=torch.float32)
    fused = load_bicodec(Path(model) / "BiCodec", device="cuda", dtype=torch.float32)
    fused.fuse_activations()
    graphs = GraphedDecoder(fused, [22, 70], max_batch=2)
    graphs.capture()
    for window, batch in ((22, 1), (70, 2), (13, 3)):  # 13: no graph, fused eager
        codes, dvec = _inputs(plain, batch, window, seed=window)
        expected = plain.decode(codes, dvec)
        assert close(fused.decode(codes, dvec), expected), (window, batch)
        assert close(graphs.decode(codes, dvec), expected), (window, batch)


@torch.inference_mode()
def test_channels_last_fused_graphs_match_the_default_layout(tmp_path: Path) -> None:
    """The server's GPU decoder (fused Snake, channels-last, graphs) gives the plain decoder's
    audio, graphed and eager, at several widths' compiled rows and a shape with no graph."""
    from voice_server.tiny_model import make_tiny_model

    model = make_tiny_model(tmp_path / "m", size="full")
    plain = load_bicodec(Path(model) / "BiCodec", device="cuda", dtype=torch.float32)
    served = load_bicodec(Path(model) / "BiCodec", device="cuda", dtype=torch.float32)
    served.fuse_activations()
    served.use_channels_last()
    graphs = GraphedDecoder(served, [22, 70], max_batch=4)
    graphs.capture()
    # 13 and 1: no graph, eager; a 1-token window at batch 1 makes one-row Snake inputs
    for window, batch in ((22, 1), (70, 3), (70, 4), (13, 2), (1, 1)):
        codes, dvec = _inputs(plain, batch, window, seed=window + batch)
        expected = plain.decode(codes, dvec)
        assert close(served.decode(codes, dvec), expected), (window, batch)
        assert close(graphs.decode(codes, dvec), expected), (window, batch)


@torch.inference_mode()
def test_a_batch_replays_the_fastest_graph_that_holds_it(decoder: object) -> None:
    """Capture times every graph; a batch routed to a larger graph (as when cuDNN makes a small
    shape slow) still gets exactly its own rows' audio."""
    window = ChunkPolicy().steady_window_tokens
    graphs = GraphedDecoder(decoder, [window], max_batch=4)  # type: ignore[arg-type]
    graphs.capture()
    assert set(graphs.replay_ms) == {(window, b) for b in batch_buckets(4)}
    assert all(ms > 0 for ms in graphs.replay_ms.values())
    for batch in (1, 2, 3, 4):
        replayed = graphs.bucket_replayed(batch, window)
        assert replayed is not None and replayed >= batch
        smallest = bucket_for(batch, graphs.buckets)
        assert graphs.replay_ms[(window, replayed)] <= graphs.replay_ms[(window, smallest)]
    graphs.route({(window, 1): 9.0, (window, 2): 8.0, (window, 4): 1.0})  # as if 1-2 rows slow
    assert [graphs.bucket_replayed(b, window) for b in (1, 2, 3, 4)] == [4, 4, 4, 4]
    codes, dvec = _inputs(decoder, 4, window, seed=5)
    graphs.decode(codes, dvec)  # fills rows 1-3 with other audio
    for batch in (1, 2):
        own_codes, own_dvec = _inputs(decoder, batch, window, seed=6 + batch)
        eager = decoder.decode(own_codes, own_dvec)  # type: ignore[attr-defined]
        assert close(graphs.decode(own_codes, own_dvec), eager), batch


@torch.inference_mode()
def test_graphs_that_skip_context_keep_the_same_audio_and_never_skip_too_much(
    tmp_path: Path,
) -> None:
    """The server's graphs skip each window length's unused context (``graph_window_skips``):
    from the skip on the audio is the plain decoder's, before it zeros (before the graph's
    own skip, which may be less than the batch's); a batch that needs audio from earlier
    than its graph skips runs eagerly, with its own skip."""
    from voice_server.tiny_model import make_tiny_model

    model = make_tiny_model(tmp_path / "m", size="full")
    plain = load_bicodec(Path(model) / "BiCodec", device="cuda", dtype=torch.float32)
    served = load_bicodec(Path(model) / "BiCodec", device="cuda", dtype=torch.float32)
    served.fuse_activations()
    served.use_channels_last()
    skips = ChunkPolicy().graph_window_skips()
    graphs = GraphedDecoder(served, [22, 70], max_batch=4, window_skips=skips)
    graphs.capture()
    backend = LocalDecoder(served, graphs)
    hop = plain.config.hop_length
    for window, batch, skip in ((70, 3, 14), (70, 4, 20), (22, 1, 4), (70, 2, 5), (13, 2, 6)):
        codes, dvec = _inputs(plain, batch, window, seed=window + batch + skip)
        expected = plain.decode(codes, dvec)
        got = graphs.decode(codes, dvec, skip)
        replayed = graphs.covers(window) and graphs.window_skips[window] <= skip
        skipped = graphs.window_skips[window] if replayed else skip  # zeros up to here
        assert got.shape == expected.shape
        assert close(got[:, skip * hop :], expected[:, skip * hop :]), (window, batch, skip)
        assert not got[:, : skipped * hop].any(), (window, batch, skip)
    # through the backend: the 5-token skip is less than the 70-token graphs' 14, so eager
    codes, dvec = _inputs(plain, 2, 70, seed=9)
    voice = tuple(int(v) for v in np.arange(32) % plain.config.global_codebook_size)
    before = backend.counters.graph_batches
    audio = backend.decode_batch(codes.cpu().numpy(), [voice, voice], skip_tokens=5)
    assert backend.counters.graph_batches == before
    audio_14 = backend.decode_batch(codes.cpu().numpy(), [voice, voice], skip_tokens=14)
    assert backend.counters.graph_batches == before + 1
    assert close(audio[:, 14 * hop :], audio_14[:, 14 * hop :])
    assert audio[:, 5 * hop : 14 * hop].any() and not audio_14[:, : 14 * hop].any()
