"""aiohttp's own refusals (unknown path, wrong method, not an upgrade) carry the protocol's
JSON error body, like every refusal the handlers make."""

from __future__ import annotations

from typing import Any

import pytest


async def refusal(client: Any, method: str, path: str, **kwargs: Any) -> tuple[int, dict, Any]:
    async with client.request(method, path, **kwargs) as response:
        assert response.content_type == "application/json", await response.text()
        return response.status, (await response.json())["error"], response.headers


async def test_an_unknown_endpoint_is_a_json_404(make_client: Any) -> None:
    status, error, _ = await refusal(await make_client(), "GET", "/v1/nothing-here")
    assert status == 404
    assert error == {"code": "not_found", "message": "no such endpoint: GET /v1/nothing-here",
                     "retryable": False}  # fmt: skip


@pytest.mark.parametrize("method, path, allowed", [
    ("PATCH", "/v1/webrtc/abc", {"DELETE"}),  # a WHIP client trickling candidates
    ("GET", "/v1/webrtc", {"POST", "OPTIONS"}),
    ("DELETE", "/v1/voices", {"GET", "HEAD"}),
])  # fmt: skip
async def test_a_method_the_endpoint_does_not_take_is_a_json_405_with_allow(
    make_client: Any, method: str, path: str, allowed: set[str]
) -> None:
    pytest.importorskip("aiortc")
    status, error, headers = await refusal(await make_client(), method, path)
    assert status == 405
    assert error["code"] == "method_not_allowed" and not error["retryable"]
    assert error["message"] == f"{method} is not allowed on {path}"
    assert {m.strip() for m in headers["Allow"].split(",")} == allowed


@pytest.mark.parametrize("path", ["/v1/stream", "/tts/websocket",
                                  "/v1/text-to-speech/alloy/multi-stream-input",
                                  "/v1/text-to-speech/alloy/stream-input"])  # fmt: skip
async def test_a_plain_get_on_a_websocket_path_is_a_json_400(make_client: Any, path: str) -> None:
    """The vendor-compatible sockets too (docs/compat.md: this server's shape, not the vendor's)."""
    status, error, _ = await refusal(await make_client(), "GET", path)
    assert status == 400
    assert error["code"] == "bad_request" and error["message"]


@pytest.mark.parametrize("path", ["/tts/websocket", "/v1/text-to-speech/alloy/stream-input"])
async def test_a_plain_get_on_a_full_servers_vendor_socket_is_400_not_busy(make_client: Any,
                                                                          path: str) -> None:
    """It is refused before it would take a session slot (it was answered 503, busy)."""
    client = await make_client(limits={"max_sessions": 1})
    async with client.ws_connect("/tts/websocket", headers={"Cartesia-Version": "2026-03-01"}):
        status, error, _ = await refusal(client, "GET", path)
    assert status == 400 and error["code"] == "bad_request"


@pytest.mark.parametrize("path", ["/v1/tts", "/v1/audio/speech", "/v1/auth/token",
                                  "/tts/bytes", "/v1/text-to-speech/alloy/stream"])  # fmt: skip
async def test_a_body_over_the_size_limit_is_413_request_too_large_on_every_endpoint(
    make_client: Any, path: str
) -> None:
    """PROTOCOL.md 10: 413 is ``request_too_large`` (``/v1/tts`` and ``/v1/audio/speech``
    once said ``body_too_large``); ``/v1/audio/speech`` keeps OpenAI's error shape."""
    client = await make_client(limits={"max_message_bytes": 1024})  # bodies up to 4 KiB
    body = '{"input": "' + "x" * 5000 + '"}'
    status, error, _ = await refusal(client, "POST", path, data=body,
                                     headers={"Content-Type": "application/json"})  # fmt: skip
    assert (status, error["code"]) == (413, "request_too_large")
    if path == "/v1/audio/speech":
        assert set(error) == {"message", "type", "param", "code"}


@pytest.mark.parametrize("path", ["/v1/tts", "/v1/audio/speech", "/v1/auth/token",
                                  "/tts/bytes", "/v1/text-to-speech/alloy/stream"])  # fmt: skip
async def test_a_body_nested_too_deeply_to_parse_is_a_json_400_on_every_endpoint(
    make_client: Any, path: str
) -> None:
    """Python's parser gives up on deep nesting with RecursionError, not ValueError: a 500
    once on the synthesis endpoints."""
    body = "[" * 20_000 + "]" * 20_000  # 40 KB, inside the body limit
    client = await make_client()
    async with client.post(path, data=body, headers={"Content-Type": "application/json"}) as r:
        assert r.status == 400, await r.text()
        assert r.content_type == "application/json"
        assert "json" in (await r.text()).lower()  # each endpoint's shape names the cause


async def test_clients_that_hang_up_mid_request_log_no_errors(
    make_client: Any, caplog: pytest.LogCaptureFixture,
) -> None:
    """Synthesis requests whose client aborts the connection right after sending: each is
    an ordinary event (the access log's 499), not a traceback at ERROR. (A flood of them, 20
    connections for 10 s, once logged 6,905 tracebacks; after the fix its 7,669 requests
    logged none, 499 each. At this test's scale the race that raised them may not occur.)"""
    import asyncio
    import json
    import logging

    client = await make_client()
    body = json.dumps({"text": "Hello there, how are you doing today? " * 20}).encode()
    for index, path in enumerate(["/v1/tts", "/v1/audio/speech"] * 20):
        payload = body if path == "/v1/tts" else json.dumps(
            {"model": "tts-1", "input": "Hello there, how are you today? " * 20,
             "voice": "alloy"}).encode()  # fmt: skip
        reader, writer = await asyncio.open_connection("127.0.0.1", client.port)
        writer.write(f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     f"Content-Length: {len(payload)}\r\n\r\n".encode() + payload)  # fmt: skip
        await writer.drain()
        await asyncio.sleep(0.1 * (index % 4))  # at once, or while being answered
        writer.transport.abort()
    await asyncio.sleep(2.0)  # the server notices and ends them
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [], [r.getMessage() for r in errors]

