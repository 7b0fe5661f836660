"""``serve --http.workers 2``: two front-end processes on one port, sharing one real vLLM engine
core or running one each.

Each test starts the real command in a subprocess (the supervisor spawns the engine core and
the front ends, and with ``decode.placement`` process one decoder process for both), so these
cost a server start each (tens of seconds on the CPU build).
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

from protocol import client as pc
from protocol.messages import ContextDone
from tests.conftest import TIMEOUT_UNIT
from voice_server.webrtc_client import WebRTCCall
from voice_server.supervisor import LATE_START_ENV

START_TIMEOUT_S = 360 * TIMEOUT_UNIT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def children_of(pid: int) -> set[int]:
    """Every descendant of ``pid`` (from /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        found |= frontier
    return found


def alive(pids: set[int]) -> set[int]:
    """Those of ``pids`` still running (a zombie has exited: only its parent has not reaped it)."""
    running = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            running.add(pid)
    return running


async def gone(pids: set[int], timeout_s: float = 30 * TIMEOUT_UNIT) -> bool:
    """Wait until none of ``pids`` runs (the engine's worker stops a moment after its core)."""
    deadline = time.monotonic() + timeout_s
    while alive(pids) and time.monotonic() < deadline:
        await asyncio.sleep(0.5)
    return not alive(pids)


def describe(pids: set[int]) -> str:
    return "; ".join(f"{p}: {Path(f'/proc/{p}/cmdline').read_bytes()[:80]!r}"
                     for p in alive(pids))  # fmt: skip


class Server:
    def __init__(self, process: asyncio.subprocess.Process, url: str, log: Path) -> None:
        self.process, self.url, self.log = process, url, log

    async def metrics(self) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
        async with aiohttp.ClientSession() as http, http.get(f"{self.url}/metrics") as r:
            text = await r.text()
        return {(s.name, tuple(sorted(s.labels.items()))): s.value
                for f in text_string_to_metric_families(text) for s in f.samples}


LATE_S = 35.0
"""Front end 1 attaches this long after the engine core is up and connecting to it: longer
than ZMQ's 30 s handshake timeout (vLLM's listener hand-over never became ready here)."""


@pytest.fixture
async def server(
    tiny_model_dir: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> AsyncIterator[Server]:
    port = free_port()
    log = tmp_path / "server.log"
    late, extra = getattr(request, "param", ("", ()))
    env = {**os.environ, LATE_START_ENV: late} if late else None
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "voice_server.cli", "serve", "--model", str(tiny_model_dir),
        "--port", str(port), "--http.workers", "2", "--limits.max-sessions", "3",
        "--limits.capacity-probe-streams", "4", "--engine.max-num-seqs", "16",
        "--webrtc.host-addresses", "127.0.0.1", *extra,
        stdout=log.open("wb"), stderr=asyncio.subprocess.STDOUT, env=env,
    )  # fmt: skip
    server = Server(process, f"http://127.0.0.1:{port}", log)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        async with aiohttp.ClientSession() as http:
            while True:
                assert process.returncode is None, log.read_text()[-3000:]
                assert time.monotonic() < deadline, log.read_text()[-3000:]
                try:
                    async with http.get(f"{server.url}/readyz") as r:
                        if r.status == 200:
                            break
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(1)
        yield server
    finally:
        if process.returncode is None:  # stop it as an operator would: the engine core with it
            process.terminate()  # (SIGKILL would leave vLLM's engine core running, orphaned)
            try:
                await asyncio.wait_for(process.wait(), 60 * TIMEOUT_UNIT)
            except TimeoutError:
                process.kill()
                await process.wait()


async def speak(url: str, text: str) -> list[object]:
    async with await pc.connect(url, timeout=60 * TIMEOUT_UNIT) as session:
        await session.open("c1")
        await session.send_text("c1", text, flush=True)
        await session.end("c1")
        return await session.collect("c1", timeout=120 * TIMEOUT_UNIT)


async def speak_through_every_front_end(server: Server, front_ends: int, tries: int) -> None:
    """Sessions, each speaking in full, until every front end has spoken (the kernel deals
    each connection to one by its ports' hash)."""
    spoke: dict[str, float] = {}
    for i in range(tries):
        items = await speak(server.url, f"Front end test {i}.")
        assert any(isinstance(item, pc.ContextAudio) for item in items)
        assert isinstance(items[-1], ContextDone)
        spoke = {dict(labels)["front_end"]: v for (name, labels), v in
                 (await server.metrics()).items() if name == "voice_server_segments_total"}
        if len([v for v in spoke.values() if v > 0]) == front_ends:
            break
    assert sorted(spoke) == [str(i) for i in range(front_ends)], spoke
    assert min(spoke.values()) > 0, spoke


SHARED_DECODER = ("--decode.placement", "process")  # what several front ends get by default
OWN_DECODERS = ("--decode.placement", "frontend")  # a decoder thread in each front end
TWO_IN_FLIGHT = ("--decode.batches-in-flight", "2")  # two connections per front end


def shared_decoder_pids(log: str) -> set[int]:
    """The decoder process each front end joined, as each logged it."""
    joined = r"decoder process shared by the front ends .*'pid': (\d+)"
    return {int(pid) for pid in re.findall(joined, log)}


@pytest.mark.parametrize("server", [(f"1:{LATE_S}", (*SHARED_DECODER, *TWO_IN_FLIGHT))],
                         indirect=True)  # fmt: skip
async def test_two_front_ends_one_of_them_late_share_one_engine_decoder_caps_and_metrics(
    server: Server,
) -> None:
    """...and then stop on SIGTERM, every process with them."""
    supervisor = server.process.pid
    spawned = children_of(supervisor)
    assert len(spawned) >= 4  # two front ends, the decoder, the engine core (and its worker)
    log = server.log.read_text()
    assert log.count("decoder process ready") == 1, log[-3000:]
    (decoder,) = shared_decoder_pids(log)  # both front ends joined the same one
    assert len(re.findall("decoder process shared by the front ends", log)) == 4  # 2 x 2 lanes
    assert decoder in spawned and decoder in children_of(supervisor)

    # Front end 0 probed the engine while the other waited; the other took its half.
    (engine_rate,) = re.findall(r"engine 0: (\d+) tokens/s over 4 probe streams .* real-time "
                                r"admission starts from this front end's share, 1/2", log)
    (share, measured) = re.findall(r"engine 0: (\d+) tokens/s, this front end's share of the "
                                   r"(\d+) tokens/s front end 0's probe measured", log)[0]
    assert measured == engine_rate and abs(int(share) - int(engine_rate) / 2) <= 1
    assert log.count("probe streams") == 1, log[-3000:]

    replies = await asyncio.gather(*(speak(server.url, f"Front end test {i}.") for i in range(3)))
    for items in replies:
        assert any(isinstance(i, pc.ContextAudio) for i in items)
        assert isinstance(items[-1], ContextDone)

    # The session cap counts both front ends: three held, the fourth is refused wherever
    # it lands (each connection is dealt to a front end by the kernel).
    held = [await pc.connect(server.url, timeout=60 * TIMEOUT_UNIT) for _ in range(3)]
    try:
        for _ in range(4):
            with pytest.raises(pc.RemoteError) as refused:
                await pc.connect(server.url, timeout=60 * TIMEOUT_UNIT)
            assert refused.value.code == "server_busy"
        got = await server.metrics()
        active = sum(v for (name, labels), v in got.items()
                     if name == "voice_server_sessions_active")  # fmt: skip
        assert active == 3
        assert got[("voice_server_front_ends", (("state", "answered"),))] == 2
        segments = {dict(labels)["front_end"]: v for (name, labels), v in got.items()
                    if name == "voice_server_segments_total"}  # fmt: skip
        assert set(segments) == {"0", "1"} and sum(segments.values()) >= 3
        # The shared decoder's passes, each counted once (by the front end that led it): as
        # many windows as both front ends' own batches held, in fewer or as many passes.
        passes = sum(v for (name, _), v in got.items()
                     if name == "voice_server_decode_shared_batch_size_count")  # fmt: skip
        rows = sum(v for (name, _), v in got.items()
                   if name == "voice_server_decode_shared_batch_size_sum")  # fmt: skip
        own_batches = sum(v for (name, _), v in got.items()
                          if name == "voice_server_decode_batch_size_count")  # fmt: skip
        own_rows = sum(v for (name, _), v in got.items()
                       if name == "voice_server_decode_batch_size_sum")  # fmt: skip
        assert 0 < passes <= own_batches and rows == own_rows > 0
        # Where windows waited: each window once in its front end, each batch once in the
        # shared decoder.
        def total(series: str) -> float:
            return sum(v for (name, _), v in got.items() if name == series)

        assert total("voice_server_decode_wait_seconds_count") == own_rows
        assert total("voice_server_decode_shared_queue_seconds_count") == own_batches
        assert total("voice_server_decode_shared_queue_seconds_sum") > 0
    finally:
        for session in held:
            await session.close()

    os.kill(supervisor, signal.SIGTERM)
    assert await asyncio.wait_for(server.process.wait(), 60 * TIMEOUT_UNIT) == 0
    assert await gone(spawned), describe(spawned)


OWN_ENGINES = ("--engine.devices", "cpu", "--engine.cpu-replicas", "2")  # one per front end


@pytest.mark.parametrize("server", [("", (*OWN_ENGINES, *SHARED_DECODER))], indirect=True)
async def test_two_front_ends_with_an_engine_each_both_speak_through_one_decoder(
    server: Server,
) -> None:
    """...each engine probed as its front end's alone, and all stop on SIGTERM."""
    spawned = children_of(server.process.pid)
    log = server.log.read_text()
    assert "starting engine core 1 of 2" in log and "starting engine core 2 of 2" in log, log
    engine_cores = set(re.findall(r"EngineCore pid=(\d+)\) INFO .* Initializing a V1", log))
    assert len(engine_cores) == 2, log[-3000:]
    assert len(shared_decoder_pids(log)) == 1  # both front ends joined one decoder process
    # A front end with an engine of its own keeps all it delivers (sharing one, it takes half).
    probes = re.findall(r"engine 0: (\d+) tokens/s over \d+ probe streams \((\d+) tokens in "
                        r"([\d.]+) s\)", log)  # fmt: skip
    assert len(probes) == 2, log[-3000:]
    for rate, tokens, seconds in probes:
        assert abs(int(rate) - int(tokens) / float(seconds)) <= 0.02 * int(tokens) / float(seconds) + 1
    assert log.count("real-time admission starts from this\n") == 2, log[-3000:]
    await speak_through_every_front_end(server, 2, tries=12)
    os.kill(server.process.pid, signal.SIGTERM)
    assert await asyncio.wait_for(server.process.wait(), 60 * TIMEOUT_UNIT) == 0
    assert await gone(spawned), describe(spawned)


TWO_ON_EACH = ("--http.workers", "4")  # with OWN_ENGINES: two front ends on each engine


@pytest.mark.parametrize("server", [("", (*OWN_ENGINES, *TWO_ON_EACH, *SHARED_DECODER))],
                         indirect=True)  # fmt: skip
async def test_four_front_ends_two_on_each_engine_all_speak_and_stop(server: Server) -> None:
    """Front ends dealt out among the engines: each engine core serves two, each front end
    admits from half of what front end 0's probe of its engine measured, and all four speak
    (front ends 0-1 through engine 1, 2-3 through engine 2) and stop on SIGTERM."""
    spawned = children_of(server.process.pid)
    log = server.log.read_text()
    for engine in (1, 2):
        assert f"starting engine core {engine} of 2 on cpu for 2 front ends" in log, log[-3000:]
    engine_cores = set(re.findall(r"EngineCore pid=(\d+)\) INFO .* Initializing a V1", log))
    assert len(engine_cores) == 2, log[-3000:]
    assert len(shared_decoder_pids(log)) == 1  # all four joined one decoder process
    probed = re.findall(r"engine 0: (\d+) tokens/s over \d+ probe streams", log)
    assert len(probed) == 1, log[-3000:]  # front end 0's, of its engine
    assert "real-time admission starts from this front end's share, 1/2" in log, log[-3000:]
    shares = re.findall(r"engine 0: (\d+) tokens/s, this front end's share of the (\d+) "
                        r"tokens/s front end 0's probe measured", log)  # fmt: skip
    assert len(shares) == 3, log[-3000:]
    for share, whole in shares:
        assert whole == probed[0] and abs(int(share) - int(whole) / 2) <= 1
    await speak_through_every_front_end(server, 4, tries=60)
    os.kill(server.process.pid, signal.SIGTERM)
    assert await asyncio.wait_for(server.process.wait(), 60 * TIMEOUT_UNIT) == 0
    assert await gone(spawned), describe(spawned)


@pytest.mark.parametrize("server", [("", ("--engine.audio-head", "false"))], indirect=True)
async def test_two_front_ends_share_an_engine_with_the_whole_head(server: Server) -> None:
    """``engine.audio_head`` off (on by default, which the other tests here run) through the
    whole server: vLLM's own model class, the warm-up's every sampling path, and sessions
    speak."""
    log = server.log.read_text()
    assert "SparkAudioHeadQwen2ForCausalLM" not in log and "Qwen2ForCausalLM" in log, log[-3000:]
    for i in range(3):
        items = await speak(server.url, f"Audio head test {i}.")
        assert any(isinstance(item, pc.ContextAudio) for item in items)
        assert isinstance(items[-1], ContextDone)


@pytest.mark.parametrize("server, victim", [(("", OWN_DECODERS), "front end"),
                                            (("", SHARED_DECODER), "decoder")],
                         indirect=["server"])  # fmt: skip
async def test_a_dead_front_end_or_decoder_stops_the_whole_server_with_status_1(
    server: Server, victim: str
) -> None:
    spawned = children_of(server.process.pid)
    decoders = shared_decoder_pids(server.log.read_text())
    front_ends = [p for p in spawned
                  if Path(f"/proc/{p}/comm").read_text().startswith("front-end-")]  # fmt: skip
    assert len(front_ends) == 2 and len(decoders) == (victim == "decoder")
    os.kill(decoders.pop() if decoders else front_ends[0], signal.SIGKILL)
    assert await asyncio.wait_for(server.process.wait(), 60 * TIMEOUT_UNIT) == 1
    assert await gone(spawned), describe(spawned)
    assert "exited with status -9; stopping the server" in server.log.read_text()


async def local_webrtc_sessions(run_dir: str, index: int) -> float:
    """Front end ``index``'s own live WebRTC sessions, asked over its private socket."""
    connector = aiohttp.UnixConnector(path=f"{run_dir}/frontend-{index}.sock")
    async with aiohttp.ClientSession(connector=connector) as http, \
            http.get("http://front-end/metrics?front_end=local") as r:  # fmt: skip
        text = await r.text()
    return sum(s.value for f in text_string_to_metric_families(text) for s in f.samples
               if s.name == "voice_server_sessions_active"
               and s.labels.get("transport") == "webrtc")  # fmt: skip


async def test_a_webrtc_hang_up_ends_the_call_whichever_front_end_it_reaches(
    server: Server,
) -> None:
    match = re.search(r"front ends' private sockets in (\S+)", server.log.read_text())
    assert match, server.log.read_text()[-3000:]
    run_dir = match[1]
    call = await WebRTCCall.place(server.url, host_addresses=["127.0.0.1"],
                                  timeout_s=60 * TIMEOUT_UNIT)  # fmt: skip
    try:
        held = [await local_webrtc_sessions(run_dir, i) for i in (0, 1)]
        assert sorted(held) == [0, 1], held
        holder, other = (0, 1) if held[0] == 1 else (1, 0)
        assert call.location is not None
        path = call.location.split("://", 1)[1].split("/", 1)[1]
        connector = aiohttp.UnixConnector(path=f"{run_dir}/frontend-{other}.sock")
        async with aiohttp.ClientSession(connector=connector) as http:
            async with http.delete(f"http://front-end/{path}") as r:  # the one without it
                assert r.status == 200, await r.text()
            deadline = time.monotonic() + 10 * TIMEOUT_UNIT
            while await local_webrtc_sessions(run_dir, holder) and time.monotonic() < deadline:
                await asyncio.sleep(0.2)
            assert await local_webrtc_sessions(run_dir, holder) == 0
            async with http.delete(f"http://front-end/{path}") as r:  # ended: nobody has it
                assert r.status == 404
            async with http.delete(f"http://front-end/{path}%3Fx") as r:  # not a call id
                assert r.status == 404
    finally:
        call.location = None  # already hung up
        await call.close()
