"""The real server's front end with the model taken out: for measuring the event loop's CPU
per session and per frame.

Everything a session touches runs for real (aiohttp, auth, admission, the protocol handler,
segmenter, contexts, frame encoder, pacer, outbox, sender, WebSocket sink, kernel sockets)
except the engine and decoder: a ``ScriptedSynthesizer`` yields noise audio at a fixed
multiple of real time in fixed chunks, like a synthesizer that keeps up. So the load that
``bench/ws_load.py`` puts on this server is the front end's load alone, whatever the machine,
and per-frame costs are not hidden behind a starved engine.

Usage (two shells, or one with ``&``)::

    python bench/frontend_server.py --model /tmp/tinym --port 8099 [-- server flags]
    python bench/ws_load.py --server http://127.0.0.1:8099 --server-pid PID --sessions 50,200

``--model`` is any model directory (only its tokenizer-free parts are read: config and
voices); ``--speed`` and ``--chunk-ms`` shape the scripted audio. Every config flag of the
serve command works too (``--pacing.send-window-ms 40``...).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from collections.abc import AsyncGenerator
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from voice_server.capacity import DecodeLateness, TokenRate  # noqa: E402
from voice_server.codec.decode_worker import DecodeWorkerStats  # noqa: E402
from voice_server.synthesis import AudioOut, SegmentDone, VoiceResolved  # noqa: E402

SAMPLE_RATE = 16_000
TOKENS_PER_SECOND = 50


class ScriptedEngine:
    """What the runtime, admission and /metrics read from an engine."""

    errored = False
    unfinished_requests = 0
    requests_started = 0


class ScriptedDecoder:
    """What /metrics reads from a decode worker."""

    def __init__(self) -> None:
        self.stats = DecodeWorkerStats()
        self.lateness = DecodeLateness()


class ScriptedSynthesizer:
    """Noise audio at ``speed`` x real time in ``chunk_s`` chunks; length from the text."""

    def __init__(self, engine: ScriptedEngine, speed: float, chunk_s: float, global_tokens: int) -> None:
        self.engine = engine
        self.sample_rate = SAMPLE_RATE
        self.speed = speed
        self.chunk = int(chunk_s * SAMPLE_RATE)
        self.codes = tuple(range(global_tokens))
        self.token_rate = TokenRate()
        self.rng = np.random.default_rng(0)
        self.noise = (0.1 * self.rng.standard_normal(SAMPLE_RATE * 4)).astype(np.float32)

    def token_budget(self, text: str, kind: str, sampling: Any) -> int:
        return sampling.max_tokens or 12 * len(text.split()) + 50

    async def segment(self, text: str, voice: Any, sampling: Any,
                      ahead_s: float = 0.0) -> AsyncGenerator[Any, None]:  # fmt: skip
        started = time.monotonic()
        tokens = min(self.token_budget(text, "semantic", sampling), 12 * len(text.split()) + 10)
        total = tokens * SAMPLE_RATE // TOKENS_PER_SECOND
        self.engine.unfinished_requests += 1
        self.engine.requests_started += 1
        try:
            if voice.global_codes is None:
                yield VoiceResolved(self.codes)
            emitted = 0
            first_audio = 0.0
            while emitted < total:
                n = min(self.chunk, total - emitted)
                await asyncio.sleep(n / SAMPLE_RATE / self.speed)
                self.token_rate.add(time.monotonic(), n * TOKENS_PER_SECOND // SAMPLE_RATE,
                                    self.engine.unfinished_requests)  # fmt: skip
                first_audio = first_audio or time.monotonic()
                start = emitted % (self.noise.size - self.chunk)
                emitted += n
                yield AudioOut(self.noise[start:start + n].copy())
        finally:
            self.engine.unfinished_requests -= 1
        yield SegmentDone(semantic_tokens=tokens, samples=emitted, ended_by_model=True,
                          started_at=started, first_token_at=started, first_window_at=started,
                          first_audio_at=first_audio, finished_at=time.monotonic())  # fmt: skip


def build_app(model_path: str, speed: float, chunk_ms: int, config: Any) -> Any:
    from voice_server.app import create_app
    from voice_server.cli import load_model_dir
    from voice_server.codec.bicodec import BiCodecConfig
    from voice_server.gc_pauses import freeze_startup_heap
    from voice_server.replicas import Replica
    from voice_server.runtime import SpeechRuntime
    from voice_server.voices import BUILT_IN, VoiceLibrary

    model = load_model_dir(model_path)
    codec = BiCodecConfig.from_yaml(model.bicodec / "config.yaml")
    runtime = SpeechRuntime(model, config.engine, config.decode)
    engine = ScriptedEngine()
    synth = ScriptedSynthesizer(engine, speed, chunk_ms / 1000, codec.global_token_count)
    runtime.replicas = [Replica(0, "cpu", "cpu", engine, ScriptedDecoder(), synth)]  # type: ignore[arg-type]
    runtime.voices = VoiceLibrary(list(BUILT_IN), codec.global_token_count, codec.global_codebook_size)
    runtime.ready.set()
    app = create_app(config, model, runtime)
    # As the real server does once loaded and warm (see ``voice_server.gc_pauses``).
    freeze_startup_heap(config.http.gc_young_threshold)
    return app


def main() -> None:
    from aiohttp import web

    from voice_server import config as config_tree

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--port", type=int, default=8099)
    parser.add_argument("--speed", type=float, default=2.0, help="audio made per second of wall time")
    parser.add_argument("--chunk-ms", type=int, default=200, help="audio per synthesizer chunk")
    config_tree.add_arguments(parser)
    args = parser.parse_args()
    app = build_app(args.model, args.speed, args.chunk_ms, config_tree.build_config(args))
    print(f"frontend server pid {os.getpid()} on port {args.port}", flush=True)
    web.run_app(app, host="127.0.0.1", port=args.port, access_log=None, print=None)


if __name__ == "__main__":
    main()
