"""Time to first audio through Pipecat's and LiveKit's own TTS services against the native protocol.

Starts the real server (``python -m voice_server.cli serve``) as a subprocess, waits for
``/readyz``, then sends the same text through each client, ``--runs`` times after one warm-up
run each, one request at a time, and prints a markdown table (and ``--json``):

==================  ==========================================================================
client              TTFA is measured from ... to ...
==================  ==========================================================================
native              ``send_text`` (with flush and end) to the first binary audio frame
                    (``protocol.client``)
pipecat-elevenlabs  ``ElevenLabsTTSService`` receiving the ``LLMTextFrame`` to it pushing the
pipecat-cartesia    first ``TTSAudioRawFrame``, and ``CartesiaTTSService`` likewise (observer
                    times; the service's websocket is already open)
livekit-elevenlabs  ``stream.push_text`` + ``end_input`` to the first ``SynthesizedAudio``, on
livekit-cartesia    the plugin's pooled, already open (``prewarm``) connection; the Cartesia
                    plugin is made anew (and prewarmed) for every run, because its pool keeps
                    an interrupted turn's socket, and so its generation, until the next turn
elevenlabs-raw      a bare aiohttp client on ``multi-stream-input``: text + flush to the first
cartesia-raw        audio message (the adapter without any framework)
==================  ==========================================================================

Before every run the bench waits until the server's engine holds no request (``/metrics``),
so that no earlier turn competes with the measured one. The difference between a framework row
and ``native`` is what the adapter plus that framework's client add. Every client runs in this
one process, so they share its event loop and CPU; the server is one subprocess for all rows.
Needs ``requirements/compat.txt`` for the framework rows (they are skipped, with a note, when
a client is not installed).

Example::

    python bench/compat_ttfa.py --model /tmp/tiny --runs 10 \
        --json bench/results/compat_ttfa_cpu.json
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import importlib.util
import json
import platform
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import aiohttp

from bench.ws_load import ServerProcess, free_port

TEXT = "Hello there, this is the first sentence of the turn. And here is a second one."
VOICE = "alloy"
RATE = 16000
PIPECAT_WAIT_S = 6.0
SERVER_FLAGS = ["--pacing.lead-ms", "4000"]
"""Audio leaves up to 4 s ahead of real time, so a run is shorter than its audio (the native
protocol allows at most 5 s); the first frame leaves at once with any lead, so TTFA does not
depend on it."""
Measure = Callable[[str], Awaitable[float]]


class NoAudio(RuntimeError):
    """A run that produced no audio in time (counted, not fatal)."""


# --- one TTFA measurement per client (seconds) ---------------------------------------------


async def native(server: str) -> float:
    from protocol.client import ContextAudio, connect
    from protocol.messages import Start, Voice

    async with await connect(server, Start(voice=Voice(speaker=VOICE))) as session:
        await session.open("t")
        started = time.monotonic()
        await session.send_text("t", TEXT, flush=True)
        await session.end("t")
        async for item in session:
            if isinstance(item, ContextAudio):
                return item.received_at - started
    raise RuntimeError("no audio")


async def elevenlabs_raw(server: str) -> float:
    url = server.replace("http", "ws", 1) + f"/v1/text-to-speech/{VOICE}/multi-stream-input"
    async with aiohttp.ClientSession() as http, http.ws_connect(
        url + f"?output_format=pcm_{RATE}&auto_mode=true", headers={"xi-api-key": "x"}
    ) as ws:
        await ws.send_json({"text": " ", "context_id": "t"})
        started = time.monotonic()
        await ws.send_json({"text": TEXT, "context_id": "t", "flush": True})
        async for msg in ws:
            if json.loads(msg.data).get("audio"):
                return time.monotonic() - started
    raise RuntimeError("no audio")


async def cartesia_raw(server: str) -> float:
    url = server.replace("http", "ws", 1) + "/tts/websocket"
    async with aiohttp.ClientSession() as http, http.ws_connect(url) as ws:
        started = time.monotonic()
        await ws.send_json({
            "context_id": "t", "transcript": TEXT, "continue": False, "model_id": "sonic-3",
            "voice": {"mode": "id", "id": VOICE}, "max_buffer_delay_ms": 0,
            "output_format": {"container": "raw", "encoding": "pcm_s16le", "sample_rate": RATE},
        })  # fmt: skip
        async for msg in ws:
            message = json.loads(msg.data)
            if message["type"] == "chunk" and base64.b64decode(message["data"]):
                return time.monotonic() - started
    raise RuntimeError("no audio")


def pipecat(make_service: Callable[[str], Any]) -> Measure:
    """TTFA inside Pipecat: the service receiving the text to it pushing the first audio."""

    async def measure(server: str) -> float:
        from pipecat.frames.frames import (
            LLMFullResponseEndFrame,
            LLMFullResponseStartFrame,
            LLMTextFrame,
            TTSAudioRawFrame,
        )
        from pipecat.observers.base_observer import BaseObserver, FramePushed
        from pipecat.pipeline.worker import PipelineParams
        from pipecat.tests.utils import SleepFrame, run_test

        service = make_service(server)
        times: dict[str, float] = {}

        class Stamp(BaseObserver):
            async def on_push_frame(self, data: FramePushed) -> None:
                now = time.monotonic()
                if data.destination is service and isinstance(data.frame, LLMTextFrame):
                    times.setdefault("text", now)
                if data.source is service and isinstance(data.frame, TTSAudioRawFrame):
                    times.setdefault("audio", now)

        frames = [SleepFrame(sleep=0.5), LLMFullResponseStartFrame(), LLMTextFrame(TEXT),
                  LLMFullResponseEndFrame(), SleepFrame(sleep=PIPECAT_WAIT_S)]  # fmt: skip
        await run_test(service, frames_to_send=frames, observers=[Stamp()],
                       pipeline_params=PipelineParams(audio_out_sample_rate=RATE))  # fmt: skip
        if "audio" not in times:
            raise NoAudio(f"no audio within {PIPECAT_WAIT_S} s")
        return times["audio"] - times["text"]

    return measure


def pipecat_elevenlabs(server: str) -> Any:
    from pipecat.services.elevenlabs.tts import ElevenLabsTTSService

    return ElevenLabsTTSService(api_key="x", url=server.replace("http", "ws", 1),
                                settings=ElevenLabsTTSService.Settings(voice=VOICE))  # fmt: skip


def pipecat_cartesia(server: str) -> Any:
    from pipecat.services.cartesia.tts import CartesiaTTSService

    return CartesiaTTSService(api_key="x", url=server.replace("http", "ws", 1) + "/tts/websocket",
                              settings=CartesiaTTSService.Settings(voice=VOICE))  # fmt: skip


class LiveKit:
    """One plugin TTS (and its pooled connection) reused across runs, as an agent would."""

    def __init__(self, make_tts: Callable[[str, aiohttp.ClientSession], Any]) -> None:
        self.make_tts = make_tts
        self.http: aiohttp.ClientSession | None = None
        self.tts: Any = None

    async def __call__(self, server: str) -> float:
        from livekit.agents import APIConnectOptions

        if self.tts is None:
            self.http = aiohttp.ClientSession()
            self.tts = self.make_tts(server, self.http)
            await self.warm_connection()
        stream = self.tts.stream(conn_options=APIConnectOptions(max_retry=0, timeout=30))
        started = time.monotonic()
        stream.push_text(TEXT)
        stream.end_input()
        try:
            async for _event in stream:
                return time.monotonic() - started
        finally:
            await stream.aclose()
            if self.fresh_per_run:
                await self.close()
        raise RuntimeError("no audio")

    @property
    def fresh_per_run(self) -> bool:
        """The Cartesia plugin keeps an interrupted turn's socket (and so its generation)
        until its next turn; a fresh plugin per run closes it at once."""
        return self.make_tts is livekit_cartesia

    async def warm_connection(self) -> None:
        """Open the plugin's pooled socket before the clock starts, as a live agent has it."""
        prewarm = getattr(self.tts, "prewarm", None)
        if prewarm is not None:
            prewarm()
            await asyncio.sleep(0.2)

    async def close(self) -> None:
        if self.tts is not None:
            await self.tts.aclose()
        if self.http is not None:
            await self.http.close()
        self.tts = self.http = None


def livekit_elevenlabs(server: str, http: aiohttp.ClientSession) -> Any:
    from livekit.plugins import elevenlabs

    return elevenlabs.TTS(api_key="x", base_url=server + "/v1", voice_id=VOICE,
                          encoding="pcm_16000", http_session=http)  # fmt: skip


def livekit_cartesia(server: str, http: aiohttp.ClientSession) -> Any:
    from livekit.plugins import cartesia

    return cartesia.TTS(api_key="x", base_url=server, voice=VOICE, sample_rate=RATE,
                        http_session=http)  # fmt: skip


# --- driver --------------------------------------------------------------------------------


def clients() -> dict[str, tuple[Measure, str | None]]:
    """Name -> (measure, the module it needs or None)."""
    return {
        "native": (native, None),
        "elevenlabs-raw": (elevenlabs_raw, None),
        "cartesia-raw": (cartesia_raw, None),
        "pipecat-elevenlabs": (pipecat(pipecat_elevenlabs), "pipecat"),
        "pipecat-cartesia": (pipecat(pipecat_cartesia), "pipecat"),
        "livekit-elevenlabs": (LiveKit(livekit_elevenlabs), "livekit.plugins.elevenlabs"),
        "livekit-cartesia": (LiveKit(livekit_cartesia), "livekit.plugins.cartesia"),
    }


async def measure_all(server: str, runs: int, only: set[str] | None) -> dict[str, Any]:
    """Warm every client up, then measure them round-robin, so that drift in the machine's
    load (shared CPU) spreads over all rows instead of landing on one."""
    chosen = {}
    results: dict[str, Any] = {}
    for name, (measure, module) in clients().items():
        if only and name not in only:
            continue
        if module is not None and importlib.util.find_spec(module.split(".")[0]) is None:
            results[name] = {"skipped": f"{module} not installed"}
            continue
        chosen[name] = measure
        await measure(server)  # warm-up: connections, voice cache, code paths
    samples: dict[str, list[float]] = {name: [] for name in chosen}
    failures = dict.fromkeys(chosen, 0)
    for _ in range(runs):
        for name, measure in chosen.items():
            await wait_idle(server)
            try:
                samples[name].append(1000.0 * await measure(server))
            except NoAudio:
                failures[name] += 1
    for name, measure in chosen.items():
        if isinstance(measure, LiveKit):
            await measure.close()
        got = sorted(samples[name])
        results[name] = {"runs_ms": [round(x, 2) for x in samples[name]],
                         "failed_runs": failures[name],
                         "median_ms": round(statistics.median(got), 2) if got else None,
                         "p90_ms": round(got[max(0, int(0.9 * len(got)) - 1)], 2) if got else None}
        print(f"{name}: {results[name]}", file=sys.stderr)
    return results


async def wait_idle(server: str, timeout_s: float = 60.0) -> None:
    """Wait until the engine holds no request (``/metrics``), so that no earlier turn still
    being generated competes with the next measurement."""
    deadline = time.monotonic() + timeout_s
    async with aiohttp.ClientSession() as http:
        while time.monotonic() < deadline:
            async with http.get(server + "/metrics") as response:
                text = await response.text()
            if "\nvoice_server_engine_requests_unfinished 0.0" in text:
                return
            await asyncio.sleep(0.1)
    print("warning: the engine did not go idle", file=sys.stderr)


def table(results: dict[str, Any]) -> str:
    """Markdown: min, median and p90 per client, and each one's min and median minus
    native's. On a shared machine the min is the adapter's cost; the median adds the load."""
    native = results.get("native", {})
    rows = ["| client | min ms | median ms | p90 ms | min vs native | median vs native |",
            "|---|---|---|---|---|---|"]  # fmt: skip
    for name, row in results.items():
        if "skipped" in row:
            rows.append(f"| {name} | skipped: {row['skipped']} | | | | |")
            continue
        if row["median_ms"] is None:
            rows.append(f"| {name} | no audio in {row['failed_runs']} runs | | | | |")
            continue
        low = min(row["runs_ms"])
        failed = f" ({row['failed_runs']} runs without audio)" if row["failed_runs"] else ""
        deltas = ["", ""]
        if native.get("runs_ms"):
            deltas = [f"{low - min(native['runs_ms']):+.1f}",
                      f"{row['median_ms'] - native['median_ms']:+.1f}"]  # fmt: skip
        rows.append(f"| {name}{failed} | {low:.1f} | {row['median_ms']:.1f} | "
                    f"{row['p90_ms']:.1f} | {deltas[0]} | {deltas[1]} |")
    return "\n".join(rows)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", help="model directory to serve (e.g. a tiny model)")
    parser.add_argument("--server", help="an already running server (http://host:port)")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--only", help="comma-separated client names")
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--server-log", type=Path, default=Path("/tmp/compat_ttfa_server.log"))
    args, extra = parser.parse_known_args()
    if not args.server and not args.model:
        parser.error("give --model (to start a server) or --server")
    server = args.server
    process = None
    if server is None:
        port = free_port()
        server = f"http://127.0.0.1:{port}"
        command = [sys.executable, "-m", "voice_server.cli", "--log-level", "WARNING", "serve",
                   "--model", args.model, "--host", "127.0.0.1", "--port", str(port),
                   *SERVER_FLAGS, *extra]
        process = ServerProcess(command, args.server_log)
    try:
        if process is not None:
            await process.wait_ready(server, 600)
        only = set(args.only.split(",")) if args.only else None
        results = await measure_all(server, args.runs, only)
    finally:
        if process is not None:
            process.stop()
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps({
            "text": TEXT, "runs": args.runs, "machine": platform.platform(),
            "processor": platform.processor(), "results": results}, indent=2) + "\n")


if __name__ == "__main__":
    asyncio.run(main())
