"""The Cartesia-compatible endpoints on the wire, against the real server and tiny engine.

These speak the vendor protocol by hand (aiohttp's client), so they run without the optional
client packages; ``test_compat_clients.py`` runs the real third-party clients.
"""

from __future__ import annotations

import asyncio
import base64
import io
import json
import wave
from typing import Any

import numpy as np
import pytest
from aiohttp import WSMsgType

from tests.conftest import TIMEOUT_UNIT

pytestmark = pytest.mark.engine

FAST = {"pacing": {"lead_ms": 10_000}, "limits": {"slow_consumer_lag_s": 30.0}}
"""Audio leaves as fast as it is made (a 10 s pacing lead), so tests stay short."""

HEADERS = {"X-API-Key": "x", "Cartesia-Version": "2026-03-01"}
EVENT_TYPES = {"chunk", "flush_done", "done", "error"}


def request(context_id: str, transcript: str, *, more: bool, voice: str = "alloy",
            **extra: Any) -> dict[str, Any]:  # fmt: skip
    return {"context_id": context_id, "transcript": transcript, "continue": more,
            "model_id": "sonic-3", "voice": {"mode": "id", "id": voice},
            "output_format": {"container": "raw", "encoding": "pcm_s16le", "sample_rate": 16000},
            "add_timestamps": True, "language": "en", **extra}  # fmt: skip


async def receive_until(ws: Any, kind: str, limit_s: float = 60.0) -> list[dict[str, Any]]:
    """Every message up to and including the first of type ``kind``."""
    messages: list[dict[str, Any]] = []
    while True:
        msg = await ws.receive(timeout=limit_s * TIMEOUT_UNIT)
        assert msg.type is WSMsgType.TEXT, msg
        messages.append(json.loads(msg.data))
        if messages[-1]["type"] == kind:
            return messages


async def test_context_streams_chunks_then_done_with_only_cartesia_event_types(
    make_client: Any,
) -> None:
    client = await make_client(**FAST)
    async with client.ws_connect("/tts/websocket?cartesia_version=2025-04-16",
                                 headers=HEADERS) as ws:  # fmt: skip
        await ws.send_json(request("c1", "Hello there. ", more=True, max_buffer_delay_ms=0))
        await ws.send_json(request("c1", " ", more=False))
        messages = await receive_until(ws, "done")
    assert {m["type"] for m in messages} <= EVENT_TYPES
    assert all(m["context_id"] == "c1" for m in messages)
    chunks = [m for m in messages if m["type"] == "chunk"]
    assert chunks and all(m["status_code"] == 206 and m["done"] is False for m in chunks)
    assert messages[-1] == {"type": "done", "context_id": "c1", "done": True, "status_code": 206}
    assert sum(len(base64.b64decode(m["data"])) for m in chunks) > 16000


async def test_flush_is_acknowledged_with_its_flush_id_stamped_on_earlier_chunks(
    make_client: Any,
) -> None:
    client = await make_client(**FAST)
    async with client.ws_connect("/tts/websocket", headers=HEADERS) as ws:
        await ws.send_json(request("f", "First part. ", more=True))
        await ws.send_json(request("f", "", more=True, flush=True))
        await ws.send_json(request("f", "Second part. ", more=False))
        messages = await receive_until(ws, "done")
    flush = next(i for i, m in enumerate(messages) if m["type"] == "flush_done")
    assert messages[flush]["flush_id"] == 1 and messages[flush]["flush_done"] is True
    before = [m for m in messages[:flush] if m["type"] == "chunk"]
    after = [m for m in messages[flush:] if m["type"] == "chunk"]
    assert before and all(m["flush_id"] == 1 for m in before)
    assert after and all(m["flush_id"] == 2 for m in after)


async def test_cancel_stops_the_context_and_its_engine_request(
    make_client: Any, runtime: Any
) -> None:
    client = await make_client()  # real-time pacing: most audio is still to come
    async with client.ws_connect("/tts/websocket", headers=HEADERS) as ws:
        await ws.send_json(request("x", "A long sentence that takes a while. ", more=True,
                                   max_buffer_delay_ms=0))  # fmt: skip
        first = json.loads((await ws.receive(timeout=30 * TIMEOUT_UNIT)).data)
        assert first["type"] == "chunk"
        await ws.send_json({"context_id": "x", "cancel": True})
        await asyncio.sleep(0.3)  # chunks already on the wire may still arrive
        while True:
            try:
                msg = await ws.receive(timeout=0.7 * TIMEOUT_UNIT)
            except asyncio.TimeoutError:
                break
            assert json.loads(msg.data)["type"] == "chunk"  # in flight before the cancel
        for _ in range(50):
            if runtime.engine.unfinished_requests == 0:
                break
            await asyncio.sleep(0.1)
        assert runtime.engine.unfinished_requests == 0
        with pytest.raises(asyncio.TimeoutError):
            await ws.receive(timeout=1.0 * TIMEOUT_UNIT)


async def test_unknown_voice_is_an_error_event_for_that_context_and_the_socket_goes_on(
    make_client: Any,
) -> None:
    client = await make_client(**FAST)
    async with client.ws_connect("/tts/websocket", headers=HEADERS) as ws:
        await ws.send_json(request("bad", "Hi. ", more=False, voice="no-such-voice"))
        error = json.loads((await ws.receive(timeout=10 * TIMEOUT_UNIT)).data)
        await ws.send_json(request("good", "Hi. ", more=False))
        messages = await receive_until(ws, "done")
    assert error["type"] == "error" and error["context_id"] == "bad"
    assert error["error_code"] == "voice_not_found" and error["status_code"] == 404
    assert "no-such-voice" in error["message"]
    assert any(m["type"] == "chunk" for m in messages)


async def test_bad_key_is_refused_at_the_handshake_with_401(make_client: Any) -> None:
    client = await make_client(auth={"enabled": True, "api_keys": "secret"})
    refused = await client.post("/tts/bytes", headers={"X-API-Key": "wrong"},
                                json={"transcript": "Hi.", "voice": {"mode": "id", "id": "alloy"}})
    assert refused.status == 401
    assert (await refused.json())["error_code"] == "invalid_api_key"
    socket = await client.get("/tts/websocket", headers={
        "X-API-Key": "wrong", "Connection": "Upgrade", "Upgrade": "websocket",
        "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="})
    assert socket.status == 401


async def test_float32_output_is_little_endian_floats_in_range(make_client: Any) -> None:
    client = await make_client(**FAST)
    body = request("b", "Hi.", more=False)
    body["output_format"]["encoding"] = "pcm_f32le"
    response = await client.post("/tts/bytes", json=body, headers=HEADERS)
    assert response.status == 200
    data = await response.read()
    samples = np.frombuffer(data, dtype="<f4")
    assert len(data) % 4 == 0 and samples.size > 16000
    assert np.all(np.abs(samples) <= 1.0) and np.any(samples != 0)


async def test_tts_bytes_streams_wav(make_client: Any) -> None:
    client = await make_client(**FAST)
    body = request("b", "Hi there.", more=False)
    body["output_format"] = {"container": "wav", "encoding": "pcm_s16le", "sample_rate": 24000}
    response = await client.post("/tts/bytes", json=body, headers={"Accept": "audio/wav"})
    assert response.status == 200 and response.headers["Content-Type"] == "audio/wav"
    data = await response.read()
    with wave.open(io.BytesIO(data)) as wav:
        assert wav.getframerate() == 24000 and wav.getsampwidth() == 2
    assert len(data) - 44 > 24000


async def test_text_without_a_sentence_end_is_spoken_after_max_buffer_delay(
    make_client: Any,
) -> None:
    client = await make_client(**FAST)
    async with client.ws_connect("/tts/websocket", headers=HEADERS) as ws:
        await ws.send_json(request("d", "no sentence end here", more=True,
                                   max_buffer_delay_ms=300))  # fmt: skip
        first = json.loads((await ws.receive(timeout=30 * TIMEOUT_UNIT)).data)
        assert first["type"] == "chunk"  # no flush and no end: only the delay released it
        await ws.send_json({"context_id": "d", "cancel": True})


@pytest.mark.parametrize("encoding, rate, content_type, sample_bytes", [
    ("pcm_mulaw", 8000, "audio/basic", 1),  # RFC 2046: 8 kHz mono mu-law
    ("pcm_s16le", 8000, "audio/pcm", 2),
])  # fmt: skip
async def test_tts_bytes_raw_names_each_encoding_by_its_media_type(
    make_client: Any, encoding: str, rate: int, content_type: str, sample_bytes: int
) -> None:
    client = await make_client(**FAST)
    body = request("b", "Hi there.", more=False)
    body["output_format"] = {"container": "raw", "encoding": encoding, "sample_rate": rate}
    response = await client.post("/tts/bytes", json=body, headers=HEADERS)
    assert response.status == 200 and response.headers["Content-Type"] == content_type
    data = await response.read()
    assert len(data) % sample_bytes == 0 and len(data) // sample_bytes > rate // 2


@pytest.mark.parametrize("context_id", [5, "", None])
async def test_a_message_without_a_string_context_id_gets_an_error_saying_what_it_must_be(
    make_client: Any, context_id: Any
) -> None:
    client = await make_client()
    async with client.ws_connect("/tts/websocket", headers=HEADERS) as ws:
        await ws.send_json(request("x", "Hi. ", more=False) | {"context_id": context_id})
        error = json.loads((await ws.receive(timeout=10 * TIMEOUT_UNIT)).data)
    assert error["type"] == "error" and error["context_id"] == ""
    assert (error["error_code"], error["status_code"]) == ("invalid_request", 400)
    assert error["message"] == "context_id must be a non-empty string"


async def test_a_context_id_past_256_characters_is_refused_and_one_of_256_speaks(
    make_client: Any,
) -> None:
    """Each chunk repeats its context_id: a 60 kB id would make every 20 ms chunk 60 kB."""
    client = await make_client()
    async with client.ws_connect("/tts/websocket", headers=HEADERS) as ws:
        await ws.send_json(request("x" * 257, "Hi. ", more=False))
        error = json.loads((await ws.receive(timeout=10 * TIMEOUT_UNIT)).data)
        assert error["type"] == "error" and error["context_id"] == "x" * 257
        assert (error["error_code"], error["status_code"]) == ("invalid_request", 400)
        assert error["message"] == "context_id must be at most 256 characters"
        await ws.send_json(request("y" * 256, "Hi there.", more=False))
        events = await receive_until(ws, "done", limit_s=60)
    assert {e["context_id"] for e in events} == {"y" * 256}
    assert any(e["type"] == "chunk" for e in events)


@pytest.mark.parametrize("flag, value", [("continue", "true"), ("flush", 1), ("cancel", "yes")])
async def test_a_flag_that_is_not_a_boolean_is_refused_before_it_acts(
    make_client: Any, flag: str, value: Any
) -> None:
    """"continue": "true" used to read as false and end the context's input."""
    client = await make_client()
    async with client.ws_connect("/tts/websocket", headers=HEADERS) as ws:
        await ws.send_json(request("f", "Hello, ", more=True) | {flag: value})
        error = json.loads((await ws.receive(timeout=10 * TIMEOUT_UNIT)).data)
        assert error["type"] == "error" and error["context_id"] == "f"
        assert (error["error_code"], error["status_code"]) == ("invalid_request", 400)
        assert error["message"] == f"{flag} must be true or false"
        await ws.send_json(request("f", "Hello there.", more=False))  # nothing was opened
        events = await receive_until(ws, "done", limit_s=60)
    assert any(event["type"] == "chunk" for event in events)


async def test_contexts_opened_too_fast_get_a_429_error_event_as_a_limit_not_a_bad_request(
    make_client: Any,
) -> None:
    client = await make_client(limits={"max_opens_per_s": 0.01, "max_contexts": 5})  # burst: 5
    async with client.ws_connect("/tts/websocket", headers=HEADERS) as ws:
        for n in range(6):  # an open/cancel loop: never more than one context live
            await ws.send_json(request(f"c{n}", "Hi", more=True))
            await ws.send_json({"context_id": f"c{n}", "cancel": True})
        error = (await receive_until(ws, "error", limit_s=10))[-1]
    assert error["context_id"] == "c5"
    assert error["error_code"] == "rate_limited"
    assert error["status_code"] == 429 and error["title"] == "Too many requests"


async def test_tts_bytes_refuses_a_voice_embedding_with_400_naming_what_voice_must_be(
    make_client: Any,
) -> None:
    client = await make_client()
    body = request("b", "Hi.", more=False, voice="alloy")
    body["voice"] = {"mode": "embedding", "embedding": [0.1] * 192}
    response = await client.post("/tts/bytes", json=body, headers=HEADERS)
    assert response.status == 400
    error = await response.json()
    assert (error["error_code"], error["status_code"]) == ("invalid_request", 400)
    assert "embeddings are not supported" in error["message"]


@pytest.mark.parametrize(("code", "answer"), [(1000, 1000), (4000, 1000), (1006, 1002),
                                              (5000, 1002)])  # fmt: skip
async def test_a_vendor_socket_answers_a_client_close_as_the_native_one_does(
    make_client: Any, code: int, answer: int
) -> None:
    """Vendor sockets share the native socket's close handling (PROTOCOL.md 4.5): a close
    code RFC 6455 forbids on the wire is answered with 1002, any other with 1000."""
    client = await make_client()
    async with client.ws_connect("/tts/websocket", headers=HEADERS) as ws:
        await ws.close(code=code)
        assert ws.close_code == answer
