"""CUDA-graph replays of the BiCodec decoder for the few window shapes streaming produces.

Why: one eager decode launches hundreds of small kernels. At batch 1 that launch work, not the
GPU, sets the time (7-13 ms on an H100 against ~2.5 ms replayed from a graph), and every launch
holds the GIL the event loop needs. Streaming makes shapes predictable: the chunk planner's
window lengths are few and fixed (``ChunkPolicy.window_lengths``), and batches are padded up to
the next captured batch size. Rows of a batch never mix in the decoder, so the padded rows
(left holding whatever the last replay put there) cannot change the real rows' audio; windows
are never padded in *length*, because that would change a non-causal decoder's output.

Every graph is captured before the server says ready (capture doubles as the warm-up of that
shape), largest batch first, into one shared memory pool: graphs replay one at a time on the
worker thread and their outputs are copied out before the next replay, so they can share
scratch memory. Shapes without a graph (a stream's short final window) run eagerly.

A graph of a window length may skip the leading tokens whose audio no window of that length
keeps (``ChunkPolicy.graph_window_skips``, ``BiCodecDecoder.decode_unchecked``); a batch that
needs audio from earlier than its graph provides runs eagerly instead, so a skip never loses
audio that is used.

Each graph is timed once it is captured, and a batch replays the *fastest* graph that holds
it, not always the smallest: cuDNN's choice of algorithm can make one shape far slower than a
larger one (an H200 took 25 ms for 2 rows of a 70-token window channels-last, 2.6 ms for 4).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import torch
from torch import Tensor

from voice_server.codec.bicodec import BiCodecDecoder

log = logging.getLogger(__name__)


def batch_buckets(max_batch: int) -> tuple[int, ...]:
    """Captured batch sizes: powers of two below ``max_batch``, and ``max_batch`` itself."""
    if max_batch < 1:
        raise ValueError(f"max_batch must be >= 1, got {max_batch}")
    sizes = {max_batch}
    size = 1
    while size < max_batch:
        sizes.add(size)
        size *= 2
    return tuple(sorted(sizes))


def fastest_buckets(replay_ms: dict[int, float], margin: float = 0.8) -> dict[int, int]:
    """{bucket: the bucket to replay instead}, from one window's {bucket: replay ms}.

    A larger bucket replaces a smaller one only when it is faster by ``margin`` (a ratio), so
    timing noise never trades a graph for a bigger one of about the same speed.
    """
    if not 0 < margin <= 1:
        raise ValueError(f"margin must be in (0, 1], got {margin}")
    sizes = sorted(replay_ms)
    routes = {}
    for index, bucket in enumerate(sizes):
        best = bucket
        for larger in sizes[index + 1 :]:
            if replay_ms[larger] < margin * replay_ms[best]:
                best = larger
        routes[bucket] = best
    return routes


def bucket_for(batch: int, buckets: tuple[int, ...]) -> int | None:
    """The smallest bucket that holds ``batch`` rows, or None if none does."""
    for size in buckets:
        if size >= batch:
            return size
    return None


@dataclass
class _Graph:
    graph: torch.cuda.CUDAGraph
    codes: Tensor  # [bucket, window] int64, static input
    dvec: Tensor  # [bucket, D] model dtype, static input
    audio: Tensor  # [bucket, window * hop] model dtype, static output


class GraphedDecoder:
    """Replays ``decoder.decode_unchecked`` from CUDA graphs where a graph fits.

    Args:
        decoder: loaded, folded, eval decoder on a CUDA device.
        window_lengths: window lengths (tokens) to capture.
        max_batch: largest batch; buckets are ``batch_buckets(max_batch)``.
        window_skips: {window length: leading tokens its graphs skip} (absent: none).
    """

    def __init__(
        self, decoder: BiCodecDecoder, window_lengths: Iterable[int], max_batch: int,
        window_skips: Mapping[int, int] | None = None,
    ) -> None:  # fmt: skip
        if decoder.device.type != "cuda":
            raise ValueError(f"CUDA graphs need a CUDA decoder, got {decoder.device}")
        self.decoder = decoder
        self.window_lengths = tuple(sorted(set(window_lengths)))
        self.window_skips = {n: (window_skips or {}).get(n, 0) for n in self.window_lengths}
        for window, skip in self.window_skips.items():
            if not 0 <= skip < window:
                raise ValueError(f"window {window}: skip must be in [0, {window}), got {skip}")
        self.buckets = batch_buckets(max_batch)
        self._graphs: dict[tuple[int, int], _Graph] = {}
        self.replay_ms: dict[tuple[int, int], float] = {}  # (window, bucket): measured
        self._routes: dict[tuple[int, int], int] = {}  # (window, bucket): bucket to replay
        self.capture_seconds = 0.0

    @property
    def captured(self) -> int:
        return len(self._graphs)

    def covers(self, window: int) -> bool:
        return window in self.window_lengths

    def replays(self, window: int, skip_tokens: int = 0) -> bool:
        """Whether a batch of ``window``-token windows that keeps their audio from token
        ``skip_tokens`` on is served by a graph (else it runs eagerly): one of that length
        exists and skips no more than the batch allows."""
        return self.covers(window) and self.window_skips[window] <= skip_tokens

    def capture(self) -> None:
        """Capture every (window, bucket) shape; call on the thread that will replay them."""
        started = time.perf_counter()
        pool = torch.cuda.graph_pool_handle()
        speaker_dim = self.decoder.config.speaker.out_dim
        device, dtype = self.decoder.device, self.decoder.dtype
        stream = torch.cuda.Stream(device)
        for bucket in sorted(self.buckets, reverse=True):
            for window in self.window_lengths:
                codes = torch.zeros(bucket, window, dtype=torch.int64, device=device)
                dvec = torch.zeros(bucket, speaker_dim, dtype=dtype, device=device)
                # Warm-up on a side stream (lazy initialisation, compiled kernels), then capture.
                stream.wait_stream(torch.cuda.current_stream(device))
                skip = self.window_skips[window]
                with torch.cuda.stream(stream):
                    for _ in range(2):
                        self.decoder.decode_unchecked(codes, dvec, skip)
                torch.cuda.current_stream(device).wait_stream(stream)
                graph = torch.cuda.CUDAGraph()
                with torch.cuda.graph(graph, pool=pool):
                    audio = self.decoder.decode_unchecked(codes, dvec, skip)
                self._graphs[(window, bucket)] = _Graph(graph, codes, dvec, audio)
        torch.cuda.synchronize(device)
        self.route(self._time_replays())
        self.capture_seconds = time.perf_counter() - started
        log.info(
            "captured %d decode graphs (windows %s, batches %s) in %.1f s",
            len(self._graphs), self.window_lengths, self.buckets, self.capture_seconds,
        )  # fmt: skip

    def _time_replays(self, repeat: int = 3) -> dict[tuple[int, int], float]:
        """Each graph's replay time in ms (best of ``repeat``), keyed (window, bucket)."""
        times = {}
        for key, entry in self._graphs.items():
            entry.graph.replay()  # one untimed replay: the first may still set up
            best = float("inf")
            for _ in range(repeat):
                start = torch.cuda.Event(enable_timing=True)
                end = torch.cuda.Event(enable_timing=True)
                start.record()
                entry.graph.replay()
                end.record()
                end.synchronize()
                best = min(best, start.elapsed_time(end))
            times[key] = best
        return times

    def route(self, replay_ms: dict[tuple[int, int], float]) -> None:
        """Send each (window, bucket) to the fastest captured graph that holds it."""
        self.replay_ms = dict(replay_ms)
        self._routes = {}
        for window in self.window_lengths:
            times = {b: ms for (w, b), ms in self.replay_ms.items() if w == window}
            for bucket, target in fastest_buckets(times).items():
                self._routes[(window, bucket)] = target
                if target != bucket:
                    log.info(
                        "window %d: %d-row batches replay the %d-row graph (%.2f ms, not %.2f)",
                        window, bucket, target, times[target], times[bucket],
                    )  # fmt: skip

    def bucket_replayed(self, batch: int, window: int) -> int | None:
        """The batch size of the graph that a ``batch``-row window replays (None: eager)."""
        bucket = bucket_for(batch, self.buckets)
        if bucket is None or (window, bucket) not in self._graphs:
            return None
        return self._routes.get((window, bucket), bucket)

    def decode(self, codes: Tensor, dvec: Tensor, skip_tokens: int = 0) -> Tensor:
        """Decode ``codes`` [B, T] with d-vectors [B, D]; a graph replay when one fits.
        ``skip_tokens``: the audio before that token is not wanted (it may come back zeros).

        The result may be a view of a graph's static output: read it before the next call.
        """
        batch, window = codes.shape
        bucket = self.bucket_replayed(batch, window)
        entry = self._graphs.get((window, bucket)) if bucket is not None else None
        if entry is None or not self.replays(window, skip_tokens):
            return self.decoder.decode_unchecked(codes, dvec, skip_tokens)
        entry.codes[:batch].copy_(codes, non_blocking=True)
        entry.dvec[:batch].copy_(dvec, non_blocking=True)
        entry.graph.replay()
        return entry.audio[:batch]
