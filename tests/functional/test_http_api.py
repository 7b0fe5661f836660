"""``POST /v1/tts`` and ``POST /v1/audio/speech`` on the real tiny engine: streaming, formats,
errors, disconnects, auth and per-key caps.

Exactness check used throughout: with ``stream_format: "sse"`` the final event reports the
semantic tokens generated, and one token is 320 samples at 16 kHz, so a 16 kHz ``pcm`` body
must hold exactly ``320 x output_tokens`` samples.
"""

from __future__ import annotations

import asyncio
import base64
import io
import json
import socket
import time
import wave
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
import av
import numpy as np
import pytest
from aiohttp import web

from tests.conftest import TIMEOUT_UNIT
from voice_server.app import LINGERING_S, create_app
from voice_server.auth import RedactingAccessLogger
from voice_server.config import ServerConfig
from voice_server.metrics import METRICS
from voice_server.say import split_text

pytestmark = pytest.mark.engine

KEY = "sk-functional-test"
AUTH_ON = {"enabled": True, "api_keys": KEY}
BEARER = {"Authorization": f"Bearer {KEY}"}
HOP = 320
LONG_TEXT = " ".join(f"This is sentence number {i} of a long reading." for i in range(40))
"""About 40 segments: minutes of audio; tests that use it stop reading early."""
MEDIUM_TEXT = " ".join(f"This is sentence number {i} of a reading." for i in range(4))


def sse_events(body: bytes) -> list[dict[str, Any]]:
    events = []
    for block in body.decode().split("\n\n"):
        if block.startswith("data: "):
            events.append(json.loads(block[len("data: "):]))
    return events


def sse_audio(events: list[dict[str, Any]]) -> bytes:
    return b"".join(base64.b64decode(e["audio"]) for e in events
                    if e["type"] == "speech.audio.delta")


async def eventually(condition: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")
        await asyncio.sleep(0.05)


@asynccontextmanager
async def production_server(
    runtime: Any, **sections: dict[str, Any]
) -> AsyncIterator[tuple[str, web.Application]]:
    """The app behind a plain ``AppRunner``, as ``web.run_app`` serves it: unlike the test
    server, a client disconnect does not cancel the handler, so the handler must notice."""
    import dataclasses

    config = ServerConfig()
    for name, fields in sections.items():
        config = dataclasses.replace(
            config, **{name: dataclasses.replace(getattr(config, name), **fields)})
    app = create_app(config, runtime.model, runtime=runtime)
    runner = web.AppRunner(app, access_log_class=RedactingAccessLogger,
                           lingering_time=LINGERING_S)  # as run_options gives it
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        yield f"http://127.0.0.1:{port}", app
    finally:
        await runner.cleanup()


# --- streaming and formats -------------------------------------------------------------------


async def test_pcm_at_16k_holds_exactly_320_samples_per_semantic_token(make_client: Any) -> None:
    client = await make_client()
    response = await client.post("/v1/tts", json={
        "input": "Hello there. How are you today?", "response_format": "pcm",
        "stream_format": "sse", "seed": 3})
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/event-stream")
    events = sse_events(await response.read())
    assert events[-1]["type"] == "speech.audio.done"
    usage = events[-1]["usage"]
    assert usage["output_tokens"] > 0 and usage["input_tokens"] > 0
    assert usage["total_tokens"] == usage["input_tokens"] + usage["output_tokens"]
    assert len(sse_audio(events)) == 2 * HOP * usage["output_tokens"]


async def test_the_first_bytes_leave_while_the_engine_is_still_generating(
    make_client: Any, runtime: Any
) -> None:
    client = await make_client()
    started = time.monotonic()
    async with client.post("/v1/tts", json={"input": MEDIUM_TEXT, "response_format": "pcm"}) as r:
        assert r.status == 200
        assert r.headers["Transfer-Encoding"] == "chunked"
        first = await r.content.readany()
        first_at = time.monotonic() - started
        still_generating = runtime.engine.unfinished_requests
        rest = await r.read()
    total = time.monotonic() - started
    assert first and rest
    assert still_generating == 1
    assert first_at < total / 3


@pytest.mark.parametrize(("fmt", "rate", "content_type"), [
    ("wav", 16000, "audio/wav"), ("wav", 22050, "audio/wav"), ("mulaw", 8000, "audio/basic"),
    ("opus", 48000, "audio/ogg"), ("mp3", 24000, "audio/mpeg"), ("flac", 24000, "audio/flac"),
    ("aac", 24000, "audio/aac"),
])
async def test_each_format_streams_a_file_that_decodes_at_its_rate(
    make_client: Any, fmt: str, rate: int, content_type: str
) -> None:
    client = await make_client()
    body: dict[str, Any] = {"input": "One short sentence.", "response_format": fmt, "seed": 5}
    if fmt not in ("mulaw", "opus"):
        body["sample_rate"] = rate
    response = await client.post("/v1/tts", json=body)
    assert response.status == 200, await response.text()
    assert response.headers["Content-Type"].startswith(content_type)
    assert response.headers["X-Sample-Rate"] == str(rate)
    assert "Content-Encoding" not in response.headers
    data = await response.read()
    raw = fmt == "mulaw"  # headerless: the client must know the rate
    with av.open(io.BytesIO(data), "r", format="mulaw" if raw else None,
                 options={"sample_rate": "8000", "ch_layout": "mono"} if raw else None,
                 ) as container:
        samples = sum(int(frame.samples) for frame in container.decode(audio=0))
        assert container.streams.audio[0].sample_rate == rate
    assert samples / rate > 0.1


async def test_wav_is_readable_by_pythons_wave_module(make_client: Any) -> None:
    client = await make_client()
    response = await client.post("/v1/tts", json={"input": "Read me.", "speaker": "echo"})
    with wave.open(io.BytesIO(await response.read())) as wav:
        assert wav.getframerate() == 16000
        frames = wav.readframes(10**9)
    assert len(frames) % (2 * HOP) == 0 and frames


async def test_several_segments_come_out_in_one_voice_and_one_stream(
    make_client: Any, runtime: Any
) -> None:
    client = await make_client()
    text = "First sentence is here. Second one follows it. And a third closes."
    response = await client.post("/v1/tts", json={
        "input": text, "style": {"gender": "male"}, "response_format": "pcm",
        "stream_format": "sse", "seed": 9})
    events = sse_events(await response.read())
    usage = events[-1]["usage"]
    # A style voice: only the first segment writes the 32-token voice, later ones reuse it.
    assert len(sse_audio(events)) == 2 * HOP * usage["output_tokens"]
    assert runtime.engine.unfinished_requests == 0


# --- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "status", "param"), [
    (b"{not json", 400, None),
    (b"\xef\xbb\xbf" + json.dumps({"input": "x"}).encode(), 400, None),  # a BOM: not JSON
    (b'{"input": "x", "speed": NaN}', 400, None),  # nor is NaN (PROTOCOL.md 3, rule 5)
    (b"[1]", 400, None),
    (json.dumps({"input": ""}).encode(), 400, "input"),
    (json.dumps({"input": "x", "voice": "nobody"}).encode(), 400, "voice"),
    (json.dumps({"input": "x", "response_format": "wma"}).encode(), 400, "response_format"),
    (json.dumps({"input": "x" * 20}).encode(), 400, "input"),  # over max_input_chars below
])
async def test_bad_requests_are_400s_in_each_routes_error_shape(
    make_client: Any, body: bytes, status: int, param: str | None
) -> None:
    client = await make_client(http_api={"max_input_chars": 10})
    headers = {"Content-Type": "application/json"}
    ours = await client.post("/v1/tts", data=body, headers=headers)
    assert ours.status == status
    error = (await ours.json())["error"]
    assert error.get("param") == param and "retryable" in error
    assert error["code"] == ("invalid_json" if param is None else "invalid_value")
    openai = await client.post("/v1/audio/speech", data=body, headers=headers)
    assert openai.status == status
    assert set((await openai.json())["error"]) == {"message", "type", "param", "code"}
    assert openai.headers["x-should-retry"] == "false"


async def test_requests_before_the_model_is_loaded_get_503_and_readyz_says_so(
    runtime: Any, aiohttp_client: Any
) -> None:
    from voice_server.runtime import SpeechRuntime

    loading = SpeechRuntime(runtime.model, runtime.engine_config, runtime.decode_config)
    app = create_app(ServerConfig(), runtime.model, runtime=loading)
    client = await aiohttp_client(app)
    assert (await client.get("/readyz")).status == 503
    assert (await client.get("/healthz")).status == 200
    for response in (await client.post("/v1/tts", json={"input": "Hello."}),
                     await client.get("/v1/voices")):  # fmt: skip
        assert response.status == 503
        assert response.headers["Retry-After"] == "5"
        assert response.headers["x-should-retry"] == "true"
        error = (await response.json())["error"]
        assert (error["code"], error["retryable"]) == ("not_ready", True)
    loaded = await aiohttp_client(create_app(ServerConfig(), runtime.model, runtime=runtime))
    assert (await loaded.get("/readyz")).status == 200


# --- disconnects -------------------------------------------------------------------------------


def errors(app: web.Application, code: str) -> float:
    value = app[METRICS].registry.get_sample_value("voice_server_errors_total", {"code": code})
    return value or 0.0


def segments(app: web.Application) -> float:
    return app[METRICS].registry.get_sample_value("voice_server_segments_total") or 0.0


async def test_a_client_that_disconnects_mid_stream_has_its_engine_request_aborted(
    runtime: Any,
) -> None:
    async with production_server(runtime) as (base, app):
        async with aiohttp.ClientSession() as session:
            response = await session.post(f"{base}/v1/tts",
                                          json={"input": LONG_TEXT, "response_format": "pcm"})
            assert await response.content.readany()
            assert runtime.engine.unfinished_requests == 1
            response.close()  # drop the connection without reading the rest
        await eventually(lambda: runtime.engine.unfinished_requests == 0, 10 * TIMEOUT_UNIT,
                         "the engine request to be aborted")
        await eventually(lambda: errors(app, "client_disconnected") == 1, 5 * TIMEOUT_UNIT,
                         "the handler to notice the disconnect")
        assert segments(app) < len(split_text(LONG_TEXT)) / 2


async def test_a_client_that_disconnects_under_the_test_server_is_aborted_too(
    make_client: Any, runtime: Any
) -> None:
    client = await make_client()  # the test server cancels the handler on disconnect
    response = await client.post("/v1/audio/speech", json={
        "input": LONG_TEXT, "voice": "alloy", "response_format": "opus"})
    assert await response.content.readany()
    response.close()
    await eventually(lambda: runtime.engine.unfinished_requests == 0, 10 * TIMEOUT_UNIT,
                     "the engine request to be aborted")
    await asyncio.sleep(0.5 * TIMEOUT_UNIT)
    assert runtime.engine.unfinished_requests == 0  # and nothing started after it
    assert segments(client.app) < len(split_text(LONG_TEXT)) / 2


async def test_a_client_that_stops_reading_is_dropped_after_the_write_timeout(
    runtime: Any,
) -> None:
    async with production_server(runtime, http_api={"write_timeout_s": 1.0}) as (base, app):
        host, port = base.removeprefix("http://").split(":")
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.setblocking(False)
        await asyncio.get_running_loop().sock_connect(sock, (host, int(port)))
        body = json.dumps({"input": LONG_TEXT, "response_format": "pcm", "sample_rate": 48000})
        request = (f"POST /v1/tts HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json"
                   f"\r\nContent-Length: {len(body)}\r\n\r\n{body}")
        try:
            await asyncio.get_running_loop().sock_sendall(sock, request.encode())
            await eventually(lambda: errors(app, "client_disconnected") == 1,
                             30 * TIMEOUT_UNIT, "the stalled client to be dropped")
            await eventually(lambda: runtime.engine.unfinished_requests == 0,
                             5 * TIMEOUT_UNIT, "the engine request to be aborted")
        finally:
            sock.close()
        assert segments(app) < len(split_text(LONG_TEXT)) / 2


async def test_an_oversize_upload_is_refused_and_its_connection_closed_soon_after(
    runtime: Any,
) -> None:
    """A body past the size limit gets its 413 at once, and the server reads the rest only
    briefly (``LINGERING_S``) before it closes the connection: aiohttp's default kept reading
    (here, 20 MB/s of an announced 1 GiB) for 10 s."""
    async with production_server(runtime) as (base, _):
        host, port = base.removeprefix("http://").split(":")
        reader, writer = await asyncio.open_connection(host, int(port))
        writer.write(f"POST /v1/tts HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json"
                     f"\r\nContent-Length: {1 << 30}\r\n\r\n".encode())  # fmt: skip
        status = asyncio.ensure_future(reader.readline())
        chunk = b" " * (1 << 20)
        started = time.monotonic()
        closed_at = None
        try:
            while time.monotonic() - started < 15.0:
                writer.write(chunk)
                await writer.drain()
                await asyncio.sleep(0.05)
        except ConnectionError:
            closed_at = time.monotonic() - started
        finally:
            writer.transport.abort()
        assert (await status).startswith(b"HTTP/1.1 413")
        assert closed_at is not None, "the server was still reading after 15 s"
        assert closed_at < 5.0


@pytest.mark.parametrize("path, content_type", [
    ("/v1/tts", "application/json"),
    ("/v1/audio/speech", "application/json"),
    ("/tts/bytes", "application/json"),
    ("/v1/text-to-speech/alloy/stream", "application/json"),
    ("/v1/auth/token", "application/json"),
    ("/v1/webrtc", "application/sdp"),
])  # fmt: skip
async def test_a_body_that_never_finishes_is_refused_with_408_and_its_connection_closed(
    runtime: Any, path: str, content_type: str,
) -> None:
    """Every POST endpoint: a client that sends part of its body and then nothing holds its
    connection (a file descriptor) no longer than the body deadline. ``/tts/bytes``, the
    ElevenLabs POSTs and ``/v1/auth/token`` once waited for ever: 20,000 such connections
    took every descriptor the server had."""
    pytest.importorskip("aiortc")
    async with production_server(runtime, http_api={"body_timeout_s": 1.0}) as (base, _):
        host, port = base.removeprefix("http://").split(":")
        reader, writer = await asyncio.open_connection(host, int(port))
        writer.write(f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: {content_type}"
                     f"\r\nContent-Length: 1000\r\n\r\n{{\"text\": \"Hel".encode())  # fmt: skip
        started = time.monotonic()
        try:
            answer = await asyncio.wait_for(reader.read(), 10.0)  # until the server closes
        finally:
            writer.close()
        waited = time.monotonic() - started
        assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
        assert b"body_timeout" in answer
        assert 0.9 < waited < 5.0


# --- auth and caps -----------------------------------------------------------------------------


@pytest.mark.parametrize("route", ["/v1/tts", "/v1/audio/speech", "/v1/voices"])
async def test_missing_and_wrong_keys_are_refused_and_a_right_one_accepted(
    make_client: Any, route: str
) -> None:
    client = await make_client(auth=AUTH_ON)
    body = {"input": "Hi.", "response_format": "pcm", "voice": "alloy"}
    call = client.get if route == "/v1/voices" else client.post
    missing = await call(route, json=body)
    assert missing.status == 401
    wrong = await call(route, json=body, headers={"Authorization": "Bearer wrong"})
    assert wrong.status == 401
    error = (await wrong.json())["error"]
    assert error["code"] == "invalid_api_key"
    if route == "/v1/audio/speech":
        assert error["type"] == "authentication_error"
    for header in (BEARER, {"X-API-Key": KEY}):
        ok = await call(route, json=body, headers=header)
        assert ok.status == 200
        await ok.read()


async def test_a_browser_token_works_for_one_request_only(make_client: Any) -> None:
    client = await make_client(auth=AUTH_ON)
    minted = await (await client.post("/v1/auth/token", headers=BEARER)).json()
    body = {"input": "Hi.", "response_format": "pcm"}
    first = await client.post("/v1/tts", json=body,
                              headers={"Authorization": f"Bearer {minted['token']}"})
    assert first.status == 200
    await first.read()
    again = await client.post(f"/v1/tts?token={minted['token']}", json=body)
    assert again.status == 401
    assert (await again.json())["error"]["code"] == "token_used"


async def test_requests_per_minute_is_enforced_with_retry_after(make_client: Any) -> None:
    client = await make_client(auth={**AUTH_ON, "requests_per_minute": 2})
    body = {"input": "Hi.", "response_format": "pcm"}
    for _ in range(2):
        response = await client.post("/v1/tts", json=body, headers=BEARER)
        assert response.status == 200
        await response.read()
    refused = await client.post("/v1/audio/speech", json=body, headers=BEARER)
    assert refused.status == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert (await refused.json())["error"]["type"] == "rate_limit_error"


async def test_concurrent_streams_per_key_are_capped_and_the_slot_comes_back(
    make_client: Any, runtime: Any
) -> None:
    client = await make_client(auth={**AUTH_ON, "max_sessions_per_key": 1})
    long = await client.post("/v1/tts", json={"input": LONG_TEXT, "response_format": "pcm"},
                             headers=BEARER)
    assert await long.content.readany()
    refused = await client.post("/v1/tts", json={"input": "Hi."}, headers=BEARER)
    assert refused.status == 429
    assert (await refused.json())["error"]["code"] == "too_many_sessions"
    long.close()
    registry = client.app[METRICS].registry
    await eventually(
        lambda: registry.get_sample_value("voice_server_sessions_active",
                                          {"transport": "http"}) == 0,
        10 * TIMEOUT_UNIT, "the first stream to end")
    ok = await client.post("/v1/tts", json={"input": "Hi."}, headers=BEARER)
    assert ok.status == 200
    await ok.read()


async def test_simultaneous_requests_count_as_starting_until_the_engine_answers_them(
    make_client: Any, runtime: Any,
) -> None:
    """A burst of requests stops at the projection like a burst of sessions: each request
    counts as starting until the engine has delivered its first tokens. (It once stopped
    counting before its engine request existed: 60 and 80 simultaneous requests were all let
    in, and streams fell to 0-4 tokens/s.) With nothing measured and two allowed to start at
    once, some of eight simultaneous requests are refused, retryable."""
    client = await make_client(limits={"min_stream_token_rate": 55.0,
                                       "min_streams_for_rate_check": 2, "max_loop_lag_ms": 0})
    await eventually(lambda: runtime.admission_inputs().tokens_per_s is None, 30 * TIMEOUT_UNIT,
                     "earlier tests' tokens to leave the window")  # fmt: skip

    async def request() -> int:
        async with client.post("/v1/tts", json={"input": "Hello there, how are you today?",
                                                "response_format": "pcm"}) as response:
            await response.read()
            return response.status

    statuses = await asyncio.gather(*(request() for _ in range(8)))
    assert 503 in statuses and 200 in statuses, statuses
    assert set(statuses) <= {200, 503}


async def test_http_requests_share_the_session_registrys_caps_with_websockets(
    make_client: Any,
) -> None:
    """The process-wide session cap (and so the real-time admission rules) covers HTTP
    synthesis too: with one slot held by a WebSocket session, a request is a retryable 503
    in each route's shape, and gets in once the slot is free; a refused request holds
    nothing (neither the registry's slot nor the key's)."""
    from protocol import client as pc
    from voice_server.app import REGISTRY

    client = await make_client(limits={"max_sessions": 1})
    holder = await pc.connect(str(client.make_url("/")), http=client.session)
    refused = await client.post("/v1/tts", json={"input": "Hi."})
    assert refused.status == 503 and refused.headers["Retry-After"] == "1"
    body = await refused.json()
    assert body["error"]["code"] == "server_busy" and body["error"]["retryable"] is True
    openai = await client.post("/v1/audio/speech", json={"input": "Hi.", "voice": "alloy"})
    assert openai.status == 503
    assert (await openai.json())["error"]["code"] == "server_busy"
    assert len(client.app[REGISTRY]) == 1
    await holder.close()
    await eventually(lambda: len(client.app[REGISTRY]) == 0, 10 * TIMEOUT_UNIT,
                     "the WebSocket session to leave the registry")  # fmt: skip
    ok = await client.post("/v1/tts", json={"input": "Hi.", "response_format": "pcm"})
    assert ok.status == 200 and len(await ok.read()) > 0
    assert len(client.app[REGISTRY]) == 0  # the finished request gave its slot back
