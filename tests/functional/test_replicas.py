"""Two engine replicas in one server: two real vLLM CPU engines, each with its own decoder.

CPU replicas are a testing aid (``engine.cpu_replicas``): on a GPU host each replica is one
GPU, and the placement, metrics and readiness code paths are the same ones tested here.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import aiohttp
import numpy as np
import pytest
from prometheus_client.parser import text_string_to_metric_families

from protocol import client as pc
from protocol.messages import ContextDone, SegmentDone

from tests.conftest import TIMEOUT_UNIT

pytestmark = pytest.mark.engine


@pytest.fixture(scope="module")
async def two_replicas(tiny_model_dir: Path) -> AsyncIterator[Any]:
    from voice_server.engine.llm import EngineConfig
    from voice_server.model_dir import check_model_dir
    from voice_server.runtime import DecodeConfig, SpeechRuntime

    engine = EngineConfig(devices="cpu", cpu_replicas=2, max_num_seqs=8, max_model_len=2048,
                          cpu_kv_cache_gib=1)  # fmt: skip
    # Decoders hosted by the engines (decode.placement engine); the shared runtime of the
    # other tests covers the default, a decoder in the front end.
    async with SpeechRuntime(check_model_dir(tiny_model_dir), engine,
                             DecodeConfig(placement="engine"), probe_streams=8) as rt:  # fmt: skip
        yield rt


@pytest.fixture
async def make(two_replicas: Any, aiohttp_client: Any) -> Callable[..., Any]:
    """Factory: a test client on the two-replica runtime, with config overrides."""
    from voice_server.app import create_app
    from voice_server.config import ServerConfig

    async def make(**sections: dict[str, object]) -> Any:
        config = ServerConfig()
        for name, fields in sections.items():
            config = dataclasses.replace(
                config, **{name: dataclasses.replace(getattr(config, name), **fields)}
            )
        return await aiohttp_client(create_app(config, two_replicas.model, runtime=two_replicas))

    return make


async def replica_series(client: Any, name: str) -> list[float]:
    """``voice_server_replica_<name>`` of replicas 0 and 1, as scraped from /metrics."""
    text = await (await client.get("/metrics")).text()
    found: dict[str, float] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == f"voice_server_replica_{name}":
                assert sample.labels["device"] == "cpu"
                found[sample.labels["replica"]] = sample.value
    assert sorted(found) == ["0", "1"], found
    return [found["0"], found["1"]]


async def eventually(check: Callable[[], Any], timeout: float = 10.0) -> None:
    async with asyncio.timeout(timeout * TIMEOUT_UNIT):
        while not await check():
            await asyncio.sleep(0.02)


async def speak(session: pc.Session, context: str, text: str) -> tuple[int, int]:
    """Say ``text`` in one context; (segments, audio frames) received."""
    await session.open(context)
    await session.send_text(context, text)
    await session.end(context)
    seen: list[Any] = []
    async with asyncio.timeout(60 * TIMEOUT_UNIT):
        while not isinstance(seen[-1] if seen else None, ContextDone):
            item = await session.receive()
            assert item is not None, f"closed ({session.close_code}) after {seen[-3:]}"
            seen.append(item)
    segments = sum(isinstance(x, SegmentDone) for x in seen)
    frames = sum(isinstance(x, pc.ContextAudio) for x in seen)
    return segments, frames


async def test_readyz_and_metrics_report_each_replica(make: Any, two_replicas: Any) -> None:
    client = await make()
    ready = await client.get("/readyz")
    assert ready.status == 200
    assert (await ready.json())["replicas"] == {"healthy": 2, "total": 2}
    assert await replica_series(client, "up") == [1.0, 1.0]
    assert await replica_series(client, "sessions") == [0.0, 0.0]
    # Warm-up ran every path on both replicas, so both engines and both decoders have worked.
    assert min(await replica_series(client, "engine_requests_total")) >= 12
    assert min(await replica_series(client, "decode_windows_total")) > 0
    # The start-up capacity probe ran on each replica (8 streams of 64 tokens).
    probed = await replica_series(client, "probed_tokens_per_second")
    assert min(probed) > 0
    assert two_replicas.admission_inputs().probed_tokens_per_s == pytest.approx(sum(probed))
    with pytest.raises(RuntimeError, match="place"):
        two_replicas.engine  # noqa: B018 - several replicas: there is no single engine


async def test_sessions_spread_over_both_replicas_and_every_segment_stays_on_its_own(
    make: Any,
) -> None:
    # Sessions wait unread while another speaks: no server pings they would have to answer.
    client = await make(http={"ws_heartbeat_s": 600.0})
    url = str(client.make_url("/"))
    sessions = [await pc.connect(url, http=client.session) for _ in range(4)]
    assert await replica_series(client, "sessions") == [2.0, 2.0]
    used: list[int] = []
    for index, session in enumerate(sessions):  # one at a time, so each delta is one session's
        requests = await replica_series(client, "engine_requests_total")
        windows = await replica_series(client, "decode_windows_total")
        segments, frames = await speak(session, f"c{index}",
                                       "Hello there, friend. This is the second sentence.")
        assert segments >= 2 and frames > 0
        grew = [a - b for a, b in zip(await replica_series(client, "engine_requests_total"),
                                      requests)]  # fmt: skip
        replica = 0 if grew[0] else 1
        assert grew[replica] == segments and grew[1 - replica] == 0, grew
        decoded = [a - b for a, b in zip(await replica_series(client, "decode_windows_total"),
                                         windows)]  # fmt: skip
        assert decoded[replica] > 0 and decoded[1 - replica] == 0, decoded
        used.append(replica)
    assert sorted(used) == [0, 0, 1, 1], used
    for session in sessions:
        await session.close()

    async def released() -> bool:
        return await replica_series(client, "sessions") == [0.0, 0.0]

    await eventually(released)


async def test_a_refused_session_gives_its_placement_back(make: Any) -> None:
    client = await make(limits={"max_sessions": 1})
    url = str(client.make_url("/"))
    first = await pc.connect(url, http=client.session)
    with pytest.raises(pc.RemoteError) as refused:
        await pc.connect(url, http=client.session)
    assert refused.value.code == "server_busy"
    assert sum(await replica_series(client, "sessions")) == 1
    await first.close()

    async def released() -> bool:
        return sum(await replica_series(client, "sessions")) == 0

    await eventually(released)


async def test_a_one_shot_request_goes_to_the_less_busy_replica_and_is_released(
    make: Any,
) -> None:
    client = await make()
    held = await pc.connect(str(client.make_url("/")), http=client.session)
    busy = (await replica_series(client, "sessions")).index(1.0)
    before = await replica_series(client, "engine_requests_total")
    response = await client.post("/v1/tts", json={"input": "Hello from the other engine.",
                                                  "response_format": "pcm", "seed": 3})
    assert response.status == 200 and len(await response.read()) > 0
    grew = [a - b for a, b in zip(await replica_series(client, "engine_requests_total"), before)]
    assert grew[busy] == 0 and grew[1 - busy] >= 1, grew
    assert sum(await replica_series(client, "sessions")) == 1
    # The vendor-compatible HTTP path places (and gives back) its one-context session too.
    compat = await client.post("/v1/text-to-speech/alloy/stream?output_format=pcm_16000",
                               json={"text": "Hi."})  # fmt: skip
    assert compat.status == 200 and len(await compat.read()) > 0
    grew = [a - b for a, b in zip(await replica_series(client, "engine_requests_total"), before)]
    assert grew[busy] == 0 and grew[1 - busy] >= 2, grew
    assert sum(await replica_series(client, "sessions")) == 1
    await held.close()


async def test_each_replicas_decoder_is_hosted_by_its_own_engine(two_replicas: Any) -> None:
    from voice_server.codec.decoder_host import HostedDecoder

    from .test_hosted_decoder import ancestors, engine_core_pid

    first, second = two_replicas.replicas
    for replica, other in ((first, second), (second, first)):
        backend = replica.decoder.backend
        assert isinstance(backend, HostedDecoder)
        assert engine_core_pid(replica.engine) in ancestors(backend.info["pid"])
        assert engine_core_pid(other.engine) not in ancestors(backend.info["pid"])


async def test_a_failed_replica_takes_no_new_session_and_the_server_stays_ready(
    make: Any, two_replicas: Any
) -> None:
    """Kills replica 1's engine core process (a real engine failure); runs last here."""
    client = await make()
    failed = two_replicas.replicas[1]
    core = failed.engine._llm.engine_core.resources.engine_manager.processes[0]
    core.kill()

    async def noticed() -> bool:
        return not failed.healthy

    await eventually(noticed, timeout=30.0)

    async def decoder_lost() -> bool:  # its worker process follows the engine core down
        from voice_server.codec.decoder_host import DecoderHostLost

        config = failed.decoder.backend.config
        window = np.zeros(8, dtype=np.int64)
        try:
            await failed.decoder.decode(window, np.zeros(config.global_token_count, np.int64), 0)
        except DecoderHostLost:
            return True
        return False

    await eventually(decoder_lost, timeout=30.0)
    ready = await client.get("/readyz")
    assert ready.status == 200
    assert (await ready.json())["replicas"] == {"healthy": 1, "total": 2}
    assert await replica_series(client, "up") == [1.0, 0.0]
    url = str(client.make_url("/"))
    sessions = [await pc.connect(url, http=client.session) for _ in range(2)]
    assert await replica_series(client, "sessions") == [2.0, 0.0]
    segments, frames = await speak(sessions[0], "after", "Still speaking.")
    assert segments >= 1 and frames > 0
    for session in sessions:
        await session.close()


async def test_a_start_up_that_fails_shuts_down_what_it_had_started(
    tiny_model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second engine fails to start (injected); the first, real one must not be left."""
    import threading

    from voice_server.engine.llm import EngineConfig, SparkEngine
    from voice_server.model_dir import check_model_dir
    from voice_server.runtime import DecodeConfig, SpeechRuntime

    started: list[Any] = []
    real_start = SparkEngine.start

    def start(*args: Any) -> Any:
        if started:
            raise RuntimeError("the second engine cannot start")
        started.append(real_start(*args))
        return started[-1]

    monkeypatch.setattr(SparkEngine, "start", start)
    threads_before = {t for t in threading.enumerate() if t.name.startswith("decode-")}
    engine = EngineConfig(devices="cpu", cpu_replicas=2, max_num_seqs=4, max_model_len=1024,
                          cpu_kv_cache_gib=1)  # fmt: skip
    runtime = SpeechRuntime(check_model_dir(tiny_model_dir), engine, DecodeConfig(device="cpu"))
    with pytest.raises(RuntimeError, match="second engine"):
        await runtime.load()
    assert len(started) == 1 and runtime.replicas == [] and not runtime.ready.is_set()
    core = started[0]._llm.engine_core.resources.engine_manager.processes[0]
    core.join(timeout=10 * TIMEOUT_UNIT)
    assert not core.is_alive()
    assert {t for t in threading.enumerate() if t.name.startswith("decode-")} == threads_before


async def test_the_probed_throughput_of_both_replicas_sets_how_many_may_start_at_once(
    make: Any, two_replicas: Any
) -> None:
    """On idle engines the projection shares what the start-up probe measured on both
    replicas together: with a floor of that over 2.5, two sessions may be starting at once,
    and the third is refused with a reason that names the shared throughput. (Each from an
    address of its own: one address's silent sessions count for at most an eighth of the
    capacity, at least one.)"""
    async with asyncio.timeout(30 * TIMEOUT_UNIT):  # earlier tests' tokens have left the window
        while two_replicas.admission_inputs().tokens_per_s is not None:
            await asyncio.sleep(0.05)
    probed = two_replicas.admission_inputs().probed_tokens_per_s
    client = await make(limits={"min_stream_token_rate": probed / 2.5,
                                "min_streams_for_rate_check": 1, "max_loop_lag_ms": 0})  # fmt: skip
    url = str(client.make_url("/"))
    sessions = [aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=(f"127.0.0.{i}", 0)))
                for i in (2, 3, 4, 5)]  # fmt: skip
    try:
        first = await pc.connect(url, http=sessions[0])
        second = await pc.connect(url, http=sessions[1])
        with pytest.raises(pc.RemoteError) as refused:
            await pc.connect(url, http=sessions[2])
        assert refused.value.code == "server_busy" and refused.value.retry_after_ms == 1000
        assert f"{probed:.0f} tokens/s shared by 0 streams, 2 starting" in str(refused.value)
        await first.close()
        from voice_server.app import REGISTRY

        async with asyncio.timeout(10 * TIMEOUT_UNIT):
            while len(client.app[REGISTRY]) > 1:
                await asyncio.sleep(0.02)
        third = await pc.connect(url, http=sessions[3])  # a place came free
        await second.close()
        await third.close()
    finally:
        for session in sessions:
            await session.close()
