"""WebSocket binary frames written by the native endpoint (RFC 6455 section 5.2 and 5.7)."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import WSMsgType, web
from aiohttp.test_utils import TestClient, TestServer

from voice_server.transport.ws_wire import binary_frame_header, binary_frames


def test_headers_use_the_shortest_length_form() -> None:
    # RFC 6455 5.7: a 256-byte and a 65536-byte unmasked binary message.
    assert binary_frame_header(256) == bytes([0x82, 0x7E, 0x01, 0x00])
    assert binary_frame_header(65536) == bytes([0x82, 0x7F, 0, 0, 0, 0, 0, 1, 0, 0])
    assert binary_frame_header(0) == bytes([0x82, 0x00])
    assert binary_frame_header(125) == bytes([0x82, 125])
    assert binary_frame_header(126) == bytes([0x82, 0x7E, 0x00, 126])
    assert binary_frame_header(65535) == bytes([0x82, 0x7E, 0xFF, 0xFF])


def test_negative_lengths_are_refused() -> None:
    with pytest.raises(ValueError):
        binary_frame_header(-1)


def test_frames_are_concatenated_in_order() -> None:
    wire = binary_frames([b"ab", b"", b"xyz"])
    assert wire == bytes([0x82, 2]) + b"ab" + bytes([0x82, 0]) + bytes([0x82, 3]) + b"xyz"


async def test_a_real_client_reads_every_message_of_one_write() -> None:
    """aiohttp's client parser sees one message per frame, across the length forms."""
    messages = [bytes([i % 251]) * n for i, n in enumerate((0, 1, 125, 126, 4000, 65535, 65536, 200_000))]

    async def handler(request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(compress=False)
        await ws.prepare(request)
        assert request.transport is not None
        request.transport.write(binary_frames(messages))
        await ws.send_str("end")  # aiohttp's own writer afterwards: order is kept
        await ws.receive()
        return ws

    app = web.Application()
    app.router.add_get("/", handler)
    async with TestClient(TestServer(app)) as client:
        ws = await client.ws_connect("/", max_msg_size=0)
        got = []
        for _ in messages:
            msg = await asyncio.wait_for(ws.receive(), 10)
            assert msg.type is WSMsgType.BINARY
            got.append(msg.data)
        assert got == messages
        end = await asyncio.wait_for(ws.receive(), 10)
        assert (end.type, end.data) == (WSMsgType.TEXT, "end")
        await ws.close()
