"""The decoder host's urgent stream on a GPU: a batch due now replays from its own graphs on
its own CUDA stream while a long pass runs on the other, and both give the eager decoder's
audio (graphs in separate memory pools replaying at once must not corrupt each other)."""

from __future__ import annotations

import asyncio
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np

from voice_server.codec.batch_decoding import build_local_decoder
from voice_server.codec.decoder_host import DecoderSettings, HostedDecoder, HostSpec, serve_decoder


class _Ready:
    def __init__(self) -> None:
        self.event = threading.Event()
        self.error: BaseException | None = None

    def ok(self, info: dict[str, Any]) -> None:
        self.event.set()

    def fail(self, error: BaseException) -> None:
        self.error = error
        self.event.set()


def test_an_urgent_batch_replays_beside_a_long_pass_and_both_match_eager(tmp_path: Path) -> None:
    from voice_server.tiny_model import make_tiny_model

    model = make_tiny_model(tmp_path / "full", size="full")
    settings = DecoderSettings(str(Path(model) / "BiCodec"), dtype="float32",
                               fuse_activations=True, cuda_graphs=True, window_lengths=(10, 70),
                               max_batch=128, urgent_within_ms=50.0, urgent_rows=4)  # fmt: skip
    with tempfile.TemporaryDirectory() as run_dir:
        spec = HostSpec(settings, socket_path=f"{run_dir}/decoder.sock", key_hex="cd" * 32,
                        clients=2)  # fmt: skip
        ready = _Ready()
        host = threading.Thread(target=serve_decoder, args=(spec, "cuda", ready), daemon=True)
        host.start()
        assert ready.event.wait(300) and ready.error is None, ready.error
        a, b = asyncio.run(_connect_two(settings, spec))
        rng = np.random.default_rng(0)
        long_codes = rng.integers(0, 8192, (128, 70))
        long_voices = [tuple(int(c) for c in rng.integers(0, 4096, 32)) for _ in range(128)]
        due_codes = rng.integers(0, 8192, (1, 10))
        due_voices = [tuple(int(c) for c in rng.integers(0, 4096, 32))]
        results: dict[str, np.ndarray] = {}
        finished: dict[str, float] = {}

        def run(name: str, hosted: HostedDecoder, codes: np.ndarray, voices: list[Any],
                deadline: float) -> None:  # fmt: skip
            for _ in range(3 if name == "a" else 1):  # A keeps the first runner busy
                results[name] = hosted.decode_batch(codes, voices, deadline)
            finished[name] = time.monotonic()

        try:
            first = threading.Thread(target=run, args=("a", a, long_codes, long_voices,
                                                       time.monotonic() + 60))  # fmt: skip
            first.start()
            time.sleep(0.02)
            run("b", b, due_codes, due_voices, 0.0)
            first.join(120)
            assert finished["b"] < finished["a"]
            assert b.counters.urgent_passes == 1 and a.counters.urgent_passes == 0
            eager = build_local_decoder(settings.bicodec_dir, "cuda", dtype="float32",
                                        fuse_activations=False, cuda_graphs=False,
                                        window_lengths=(), max_batch=128)  # fmt: skip
            for name, codes, voices in (("a", long_codes, long_voices),
                                        ("b", due_codes, due_voices)):  # fmt: skip
                expected = eager.decode_batch(codes, voices)
                peak = max(float(np.abs(expected).max()), 1e-3)
                assert np.abs(results[name] - expected).max() <= 1e-3 * peak, name
        finally:
            a.close()
            b.close()
        host.join(30)
        assert not host.is_alive()


async def _connect_two(settings: DecoderSettings, spec: HostSpec) -> list[HostedDecoder]:
    return [await HostedDecoder.connect(settings, spec.address(), 60) for _ in range(2)]


def test_the_urgent_stream_runs_at_the_devices_highest_priority() -> None:
    import torch

    from voice_server.codec.decoder_host import urgent_stream

    least, greatest = torch.cuda.Stream.priority_range()
    assert greatest < least  # a device with stream priorities at all
    assert urgent_stream("cuda").priority == greatest
    assert torch.cuda.Stream("cuda").priority == least  # the pass runner's, the default
