"""What runs one decode batch: the part of the decode worker that touches the model.

The decode worker (``decode_worker``) decides *which* windows form a batch (deadlines, barge-in,
equal lengths); a backend turns that batch of semantic codes and voices into audio. Two
backends exist because where the decoder runs matters on a GPU shared with the engine:

* ``LocalDecoder`` (this module) runs the decoder in the calling process.
* ``decoder_host.HostedDecoder`` sends the batch to a decoder in another process: one of its
  own (its own GIL), or vLLM's worker process, whose CUDA context it then shares with the
  language model (two processes' contexts time-slice the GPU; two streams of one context run
  side by side).

A backend is called from the decode worker's thread only, one batch at a time.
"""

from __future__ import annotations

import logging
import math
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import torch

from voice_server.codec.bicodec import BiCodecConfig, BiCodecDecoder
from voice_server.codec.graphs import GraphedDecoder

log = logging.getLogger(__name__)


@dataclass
class BackendCounters:
    """Running totals a backend keeps for the worker's stats.

    Attributes:
        speaker_cache_misses: d-vectors computed (one per new voice while it stays cached).
        graph_batches: batches replayed from a CUDA graph (the rest ran eagerly).
        graphs_captured: CUDA graphs captured at start (0 on CPU or when disabled).
        shared_batch_sizes: {rows: passes} of a decoder shared by several front ends
            (``decoder_host``), as it ran them (front ends' batches merged), each pass counted
            by the front end whose batch led it; empty for a decoder of one front end.
        shared_decode_seconds: wall time of those passes, counted the same way.
        shared_queue_counts: {bucket bound: batches} of this front end's batches by how long
            each waited in the shared decoder before its pass began (``wait_times``).
        shared_queue_seconds: the sum of those waits.
        urgent_passes: those passes that the shared decoder's urgent stream ran, beside a
            pass in progress (``host_serving``, "The urgent stream").
    """

    speaker_cache_misses: int = 0
    graph_batches: int = 0
    graphs_captured: int = 0
    shared_batch_sizes: dict[int, int] = field(default_factory=dict)
    shared_decode_seconds: float = 0.0
    shared_queue_counts: dict[float, int] = field(default_factory=dict)
    shared_queue_seconds: float = 0.0
    urgent_passes: int = 0


class DecodeBackend(Protocol):
    """Decodes equal-length batches; see the module docstring."""

    config: BiCodecConfig
    counters: BackendCounters

    def prepare(self) -> None:
        """Ready the backend (graph capture); called once on the worker thread before jobs."""

    def decode_batch(self, codes: np.ndarray, voices: list[tuple[int, ...]],
                     deadline: float = math.inf, skip_tokens: int = 0) -> np.ndarray:  # fmt: skip
        """[B, T] int64 semantic codes with one voice (global codes) per row → [B, T * hop]
        float32 samples. ``deadline`` (``time.monotonic()``) is the batch's most urgent row's:
        a decoder shared with other front ends serves the most urgent batch first.
        ``skip_tokens``: no row uses the audio before that token (it may come back zeros;
        ``BiCodecDecoder.decode_unchecked``)."""
        ...

    def close(self) -> None:
        """Release what the backend holds (after the worker thread stopped)."""


class LocalDecoder:
    """A BiCodec decoder in this process, with a small LRU of speaker d-vectors.

    Args:
        decoder: a loaded (folded, eval) decoder.
        graphs: CUDA graphs for the common window shapes, captured in ``prepare``; None (or a
            failed capture) decodes everything eagerly.
        speaker_cache_size: distinct voices whose d-vectors are kept (one voice per stream, so
            a d-vector is computed once per voice, not once per window).
    """

    def __init__(
        self,
        decoder: BiCodecDecoder,
        graphs: GraphedDecoder | None = None,
        speaker_cache_size: int = 64,
    ) -> None:
        if speaker_cache_size < 1:
            raise ValueError("speaker_cache_size must be >= 1")
        self.decoder = decoder
        self.config = decoder.config
        self.graphs = graphs
        self.counters = BackendCounters()
        self._cache_size = speaker_cache_size
        self._speakers: OrderedDict[tuple[int, ...], torch.Tensor] = OrderedDict()

    def prepare(self) -> None:
        """Capture the CUDA graphs here: replays must come from the thread that captured."""
        if self.graphs is None:
            return
        try:
            with torch.inference_mode():
                self.graphs.capture()
            self.counters.graphs_captured = self.graphs.captured
        except Exception:  # e.g. out of memory: eager decoding still works, slower
            log.exception("CUDA graph capture failed; decoding eagerly")
            self.graphs = None

    def has_speaker(self, voice: tuple[int, ...]) -> bool:
        """Whether ``voice``'s d-vector is cached (a shared host attributes misses by it)."""
        return voice in self._speakers

    @torch.inference_mode()
    def decode_batch(self, codes: np.ndarray, voices: list[tuple[int, ...]],
                     deadline: float = math.inf, skip_tokens: int = 0) -> np.ndarray:  # fmt: skip
        dvecs = self._speaker_vectors(voices)
        batch = torch.from_numpy(codes).to(self.decoder.device)
        if self.graphs is not None and self.graphs.replays(batch.shape[1], skip_tokens):
            self.counters.graph_batches += 1
            return self.graphs.decode(batch, dvecs, skip_tokens).float().cpu().numpy()
        return self.decoder.decode(batch, dvecs, skip_tokens).float().cpu().numpy()

    def close(self) -> None:
        self._speakers.clear()

    def _speaker_vectors(self, voices: list[tuple[int, ...]]) -> torch.Tensor:
        missing = [v for v in dict.fromkeys(voices) if v not in self._speakers]
        if missing:
            codes = torch.tensor(missing, dtype=torch.int64, device=self.decoder.device)
            for voice, vec in zip(missing, self.decoder.speaker_vector(codes), strict=True):
                self._speakers[voice] = vec
            self.counters.speaker_cache_misses += len(missing)
        rows = torch.stack([self._speakers[v] for v in voices])
        for v in voices:
            self._speakers.move_to_end(v)
        while len(self._speakers) > self._cache_size:
            self._speakers.popitem(last=False)
        return rows


def build_local_decoder(
    bicodec_dir: str,
    device: str,
    *,
    dtype: str,
    fuse_activations: bool,
    cuda_graphs: bool,
    channels_last: bool = False,
    window_lengths: tuple[int, ...],
    max_batch: int,
    window_skips: Mapping[int, int] | None = None,
) -> LocalDecoder:
    """Load ``BiCodec/`` on ``device`` as the server runs it (``DecodeConfig`` explains the
    options; ``dtype`` "auto" is bfloat16 on CUDA, float32 elsewhere). Graphs are captured
    later, by ``prepare`` on the thread that replays them; ``window_skips`` says what each
    window length's graphs skip (``GraphedDecoder``)."""
    from voice_server.codec.bicodec import load_bicodec

    if dtype == "auto":
        dtype = "bfloat16" if str(device).startswith("cuda") else "float32"
    decoder = load_bicodec(bicodec_dir, device=device, dtype=getattr(torch, dtype))
    graphs = None
    if decoder.device.type == "cuda" and fuse_activations:
        decoder.fuse_activations()
    if decoder.device.type == "cuda" and channels_last:
        decoder.use_channels_last()
    if decoder.device.type == "cuda" and cuda_graphs:
        graphs = GraphedDecoder(decoder, window_lengths, max_batch, window_skips)
    return LocalDecoder(decoder, graphs)
