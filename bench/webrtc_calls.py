"""Concurrent WebRTC calls: how many stream real-time audio with no late frame, at what CPU.

What runs (transport only, no model): a server process answers WHIP-style offers with the
project's own pieces (``PacedAudioTrack``, the session's ``Pacer`` with the WebRTC lead of
40 ms, the ICE helpers) and feeds every call's track with speech-like audio in real time, as
a session's sender does, all the time (every call talks without a pause: the worst case).
aiortc encodes each track to Opus and sends it over SRTP. A client process places the calls
as ``WebRTCCall`` peers on loopback and decodes every track. The model is left out on
purpose: its cost depends on the model and the hardware (see bench/engine.py), while this
measures what each call adds on top of it (Opus encode, SRTP, RTP/RTCP, pacing).

Per call count, after the calls are up and a warm-up, over a fixed window:

* server CPU (user + system of the whole process, all threads; 1.0 = one core) and per call;
* late frames: frames the track handed to aiortc more than 20 ms after their deadline, the
  track's lateness p99 and max;
* event-loop lag: the longest oversleep of a 5 ms ticker;
* frames per second delivered, against the 50 per call that real time needs;
* native threads of the server process;
* the machine's 1-minute load average when the row ended: this benchmark shares the machine,
  and a load above 2 on 2 cores means other processes took CPU time from the calls.

By default the server is pinned to CPU 0 and the client to CPU 1 (``--no-pin`` to let both
float), so the client's decoding does not steal the server's core, and FFmpeg, seeing one CPU,
starts no worker threads.

    python bench/webrtc_calls.py [--calls 1,8,16,24,32,40] [--window 15] [--warmup 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FRAME = 960
RATE = 48_000
LEAD_MS = 40


def speech_like(seconds: float) -> list[bytes]:
    """48 kHz s16 frames of a gliding tone plus noise, gated at a syllable rate of 4 Hz."""
    t = np.arange(int(RATE * seconds)) / RATE
    voice = np.sin(2 * np.pi * (140 + 60 * np.sin(2 * np.pi * 0.7 * t)) * t)
    noise = np.random.default_rng(0).normal(0, 0.15, t.size)
    envelope = 0.5 + 0.5 * np.sin(2 * np.pi * 4 * t) ** 2
    signal = np.clip((voice + noise) * envelope * 0.3, -1, 1)
    pcm: npt.NDArray[np.int16] = (signal * 32767).astype("<i2")
    return [pcm[i : i + FRAME].tobytes() for i in range(0, pcm.size - FRAME + 1, FRAME)]


# --- server process ---------------------------------------------------------------------------


class Server:
    """Answers offers; one paced track per call, fed in real time."""

    def __init__(self) -> None:
        from voice_server.transport.audio_track import PacedAudioTrack

        self.calls: list[tuple[Any, PacedAudioTrack]] = []
        self.tasks: set[asyncio.Task[None]] = set()
        self.frames = speech_like(10.0)
        self.mark: dict[str, Any] | None = None
        self.max_lag = 0.0

    async def offer(self, request: Any) -> Any:
        from aiohttp import web
        from aiortc import RTCPeerConnection, RTCSessionDescription

        from voice_server.transport.audio_track import PacedAudioTrack
        from voice_server.transport.ice import gather_on, rtc_configuration

        pc = RTCPeerConnection(rtc_configuration(()))
        track = PacedAudioTrack(max_queued_frames=LEAD_MS // 20 + 1)
        await pc.setRemoteDescription(RTCSessionDescription(await request.text(), "offer"))
        pc.addTrack(track)
        with gather_on(["127.0.0.1"]):
            await pc.setLocalDescription(await pc.createAnswer())
        self.calls.append((pc, track))
        task = asyncio.create_task(self.feed(track), name=f"feed-{len(self.calls)}")
        self.tasks.add(task)
        return web.Response(status=201, text=pc.localDescription.sdp,
                            content_type="application/sdp", headers={"Location": "/x"})

    async def feed(self, track: Any) -> None:
        """What a session's sender does: frames at the pacer's send times, into the track."""
        from voice_server.pacing import Pacer, PacingConfig

        pacer = Pacer(PacingConfig(frame_ms=20, lead_ms=LEAD_MS), time.monotonic, RATE)
        index = 0
        while track.readyState == "live":
            slot = pacer.schedule(FRAME)
            delay = slot.send_at - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            await track.put("c", self.frames[index % len(self.frames)])
            index += 1

    async def ticker(self) -> None:
        while True:
            before = time.monotonic()
            await asyncio.sleep(0.005)
            self.max_lag = max(self.max_lag, time.monotonic() - before - 0.005)

    def snapshot(self) -> dict[str, Any]:
        import psutil  # type: ignore[import-untyped]

        cpu = psutil.Process().cpu_times()
        tracks = [track for _, track in self.calls]
        return {
            "at": time.monotonic(),
            "cpu": cpu.user + cpu.system,
            "frames": sum(t.schedule.lateness.frames for t in tracks),
            "late": sum(t.schedule.lateness.late_frames for t in tracks),
            "hist": np.sum([t.schedule.lateness.histogram for t in tracks], axis=0).tolist()
            if tracks else [0],
            "max_lateness": max((t.schedule.lateness.max_s for t in tracks), default=0.0),
            "threads": psutil.Process().num_threads(),
        }

    async def start_window(self, request: Any) -> Any:
        from aiohttp import web

        self.mark = self.snapshot()
        self.max_lag = 0.0
        for _, track in self.calls:
            track.schedule.lateness.max_s = 0.0
        return web.json_response({"calls": len(self.calls)})

    async def stats(self, request: Any) -> Any:
        from aiohttp import web

        assert self.mark is not None
        now, then = self.snapshot(), self.mark
        seconds = now["at"] - then["at"]
        hist = np.asarray(now["hist"]) - np.asarray(then["hist"])
        frames = int(now["frames"] - then["frames"])
        cumulative = np.cumsum(hist)
        p99 = int(np.searchsorted(cumulative, 0.99 * frames)) + 1 if frames else 0
        return web.json_response({
            "calls": len(self.calls),
            "seconds": seconds,
            "cpu": (now["cpu"] - then["cpu"]) / seconds,
            "frames_per_s": frames / seconds,
            "late": int(now["late"] - then["late"]),
            "frames": frames,
            "lateness_p99_ms": p99,
            "lateness_max_ms": now["max_lateness"] * 1000.0,
            "loop_lag_max_ms": self.max_lag * 1000.0,
            "threads": now["threads"],
        })


def serve(port: int) -> None:
    from aiohttp import web

    server = Server()
    app = web.Application()
    app.router.add_post("/v1/webrtc", server.offer)
    app.router.add_post("/bench/start", server.start_window)
    app.router.add_get("/bench/stats", server.stats)

    async def ticker(app: web.Application) -> Any:
        task = asyncio.create_task(server.ticker(), name="ticker")
        yield
        task.cancel()

    app.cleanup_ctx.append(ticker)
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


# --- client process ---------------------------------------------------------------------------


async def place_calls(port: int, calls: int, warmup: float, window: float) -> dict[str, Any]:
    import aiohttp
    import psutil

    from voice_server.webrtc_client import WebRTCCall

    url = f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession() as http:
        placed = []
        for _ in range(calls):
            placed.append(await WebRTCCall.place(url, host_addresses=["127.0.0.1"], http=http))
            placed[-1].location = None  # the bench server has no DELETE
        await asyncio.sleep(warmup)
        async with http.post(f"{url}/bench/start"):
            pass
        received = sum(len(c.recorder.frames) for c in placed if c.recorder)
        cpu0 = sum(psutil.Process().cpu_times()[:2])
        await asyncio.sleep(window)
        async with http.get(f"{url}/bench/stats") as response:
            stats: dict[str, Any] = await response.json()
        stats["client_cpu"] = (sum(psutil.Process().cpu_times()[:2]) - cpu0) / stats["seconds"]
        got = sum(len(c.recorder.frames) for c in placed if c.recorder) - received
        stats["client_frames_per_s"] = got / stats["seconds"]
        await asyncio.gather(*(c.close() for c in placed))
    return stats


# --- orchestration ----------------------------------------------------------------------------


def _spawn(args: list[str], cpu: int | None) -> subprocess.Popen[str]:
    def pin() -> None:
        if cpu is not None:
            os.sched_setaffinity(0, {cpu})

    return subprocess.Popen([sys.executable, __file__, *args], preexec_fn=pin,
                            stdout=subprocess.PIPE, text=True, cwd=ROOT)  # fmt: skip


def run_one(calls: int, port: int, warmup: float, window: float, pin: bool) -> dict[str, Any]:
    server = _spawn(["--role", "server", "--port", str(port)], 0 if pin else None)
    try:
        _wait_for_port(port)
        client = _spawn(["--role", "client", "--port", str(port), "--calls", str(calls),
                         "--warmup", str(warmup), "--window", str(window)],
                        1 if pin else None)  # fmt: skip
        out, _ = client.communicate(timeout=warmup + window + 60 + calls * 2)
        if client.returncode != 0:
            raise RuntimeError(f"client failed ({client.returncode})")
        result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
        result["load"] = os.getloadavg()[0]  # other work on the machine skews lateness
        return result
    finally:
        server.terminate()
        server.wait(10)


def _wait_for_port(port: int) -> None:
    import socket

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError("the bench server did not start")


def table(rows: list[dict[str, Any]]) -> str:
    head = ("| calls | server CPU (1 core = 1.0) | per call | frames >20 ms late | lateness p99 "
            "| lateness max | loop lag max | frames/s (need) | server threads | client CPU "
            "| load avg |")
    lines = [head, "| " + " | ".join("---:" for _ in range(11)) + " |"]
    for r in rows:
        lines.append(
            f"| {r['calls']} | {r['cpu']:.3f} | {100 * r['cpu'] / r['calls']:.1f} % "
            f"| {r['late']} / {r['frames']} | {r['lateness_p99_ms']} ms "
            f"| {r['lateness_max_ms']:.1f} ms | {r['loop_lag_max_ms']:.1f} ms "
            f"| {r['frames_per_s']:.0f} ({50 * r['calls']}) | {r['threads']} "
            f"| {r['client_cpu']:.3f} | {r['load']:.1f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", default="1,8,16,24,32,40")
    parser.add_argument("--window", type=float, default=15.0, help="measured seconds")
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--port", type=int, default=8790)
    parser.add_argument("--no-pin", action="store_true", help="let both processes float")
    parser.add_argument("--role", choices=("server", "client"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.role == "server":
        serve(args.port)
        return
    if args.role == "client":
        stats = asyncio.run(place_calls(args.port, int(args.calls), args.warmup, args.window))
        print(json.dumps(stats))
        return
    rows = []
    for n in (int(x) for x in args.calls.split(",")):
        rows.append(run_one(n, args.port, args.warmup, args.window, not args.no_pin))
        print(f"{n} calls: {json.dumps(rows[-1])}", file=sys.stderr)
    cpus = os.cpu_count()
    print(f"# {cpus} CPUs, server {'unpinned' if args.no_pin else 'pinned to CPU 0'}, "
          f"{args.window:.0f} s window, lead {LEAD_MS} ms")  # fmt: skip
    print(table(rows))


if __name__ == "__main__":
    main()
