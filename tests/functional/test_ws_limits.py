"""Every configured limit of a WebSocket session, enforced and announced."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import struct
import time
from typing import Any

import psutil
import pytest

from protocol import client as pc
from protocol.codec import serialize
from protocol.messages import ErrorEvent, Open, Sampling, Start, Text
from tests.conftest import TIMEOUT_UNIT
from voice_server.transport.common import CLOSE_HANDSHAKE_S

pytestmark = pytest.mark.engine


async def _connect(make_client: Any, start: Start | None = None, **sections: Any) -> Any:
    client = await make_client(**sections)
    return client, await pc.connect(str(client.make_url("/")), start, http=client.session)


async def _next_error(session: pc.Session, timeout: float = 30.0) -> ErrorEvent:
    async with asyncio.timeout(timeout):
        while True:
            item = await session.receive()
            assert item is not None, f"closed with {session.close_code}"
            if isinstance(item, ErrorEvent):
                return item


async def _closed_with(session: pc.Session, timeout: float = 30.0) -> int | None:
    async with asyncio.timeout(timeout):
        while await session.receive() is not None:
            pass
    return session.close_code


async def test_limits_are_announced_in_ready(make_client: Any) -> None:
    _, session = await _connect(make_client, limits={"max_contexts": 6, "idle_timeout_s": 42.0})
    assert session.ready.limits.max_contexts == 6
    assert session.ready.limits.idle_timeout_ms == 42000
    await session.close()


async def test_a_message_over_max_message_bytes_closes_with_1009(make_client: Any) -> None:
    client = await make_client(limits={"max_message_bytes": 2048})
    ws = await client.session.ws_connect(client.make_url("/v1/stream"), protocols=("voice.v1",))
    await ws.send_str('{"type": "start"}')
    assert "ready" in (await ws.receive(timeout=10)).data
    await ws.send_str(serialize(Text(context_id="c", text="x" * 4000)).decode())
    msg = await ws.receive(timeout=10)
    assert msg.type.name == "CLOSE" and ws.close_code == 1009


async def test_too_many_contexts_is_an_error_and_the_session_goes_on(make_client: Any) -> None:
    _, session = await _connect(make_client, limits={"max_contexts": 5})
    for cid in ("a", "b", "c", "d", "e", "f"):
        await session.send(Open(context_id=cid))
    error = await _next_error(session)
    assert error.code == "too_many_contexts" and error.retryable and not error.fatal
    assert error.context_id == "f"  # which of several opens in flight was refused
    await session.ping("still-here")
    await session.close()


async def test_an_open_with_an_unknown_speaker_is_refused_naming_its_context(
    make_client: Any,
) -> None:
    from protocol.messages import Voice

    _, session = await _connect(make_client)
    await session.send(Open(context_id="a", voice=Voice(speaker="nobody")))
    error = await _next_error(session)
    assert error.code == "unknown_speaker" and error.context_id == "a" and not error.fatal
    await session.close()


async def test_opens_refused_for_an_unknown_speaker_spend_none_of_the_open_rate(
    make_client: Any,
) -> None:
    """An open's own values are checked before the session's open rate (PROTOCOL.md 10): a
    burst of refused opens used to spend the allowance, so the ninth got rate_limited and the
    next good open could find none left."""
    from protocol.messages import Opened, Voice

    _, session = await _connect(make_client, limits={"max_opens_per_s": 0.01})  # burst: 8
    for i in range(12):
        await session.send(Open(context_id=f"bad{i}", voice=Voice(speaker="nobody")))
    for i in range(12):
        error = await _next_error(session)
        assert (error.code, error.context_id) == ("unknown_speaker", f"bad{i}")
    await session.send(Open(context_id="good"))
    async with asyncio.timeout(10):
        opened = await session.receive()
    assert isinstance(opened, Opened) and opened.context_id == "good"
    await session.close()


async def test_the_server_pings_only_after_a_heartbeat_interval_with_nothing_received(
    make_client: Any,
) -> None:
    """PROTOCOL.md 4.7: a client that sends anything (a ``ping`` message here) more often than
    ``http.ws_heartbeat_s`` never gets a WebSocket ping; a silent one gets one after it."""
    client = await make_client(http={"ws_heartbeat_s": 1.0})
    ws = await client.session.ws_connect(client.make_url("/v1/stream"), protocols=("voice.v1",),
                                         autoping=False)  # fmt: skip
    await ws.send_str('{"type": "start"}')
    assert '"ready"' in (await ws.receive(timeout=10)).data
    loop = asyncio.get_running_loop()
    chatty_until = loop.time() + 3.0
    while loop.time() < chatty_until:  # a message every 0.3 s: no ping in between
        await ws.send_str('{"type": "ping"}')
        last_sent = loop.time()
        reply = await ws.receive(timeout=10)
        assert reply.type.name == "TEXT" and '"pong"' in reply.data
        await asyncio.sleep(0.3)
    ping = await ws.receive(timeout=10)  # then silence: a ping one interval after the last
    assert ping.type.name == "PING"
    assert 0.95 <= loop.time() - last_sent < 2.5 * TIMEOUT_UNIT
    await ws.close()


async def test_a_message_of_exactly_max_message_bytes_is_accepted_and_one_more_byte_closes(
    make_client: Any,
) -> None:
    client = await make_client(limits={"max_message_bytes": 2048, "max_text_chars": 4000})
    ws = await client.session.ws_connect(client.make_url("/v1/stream"), protocols=("voice.v1",))
    await ws.send_str('{"type": "start"}')
    assert "ready" in (await ws.receive(timeout=10)).data
    head = '{"type":"ping","id":"'
    exact = head + "x" * (2048 - len(head) - 2) + '"}'
    assert len(exact.encode()) == 2048
    await ws.send_str(exact)  # an identifier of 64 chars at most: an error event, not a close
    reply = await ws.receive(timeout=10)
    assert reply.type.name == "TEXT" and "invalid_field" in reply.data
    await ws.send_str(head + "x" * (2049 - len(head) - 2) + '"}')
    msg = await ws.receive(timeout=10)
    assert msg.type.name == "CLOSE" and ws.close_code == 1009


@pytest.mark.parametrize("first", ['{"type": "text"}', '{"type": "ping", "bogus": 1}',
                                   '{"type": "ping", "id": 3}'])  # fmt: skip
async def test_a_first_message_of_another_known_type_is_handshake_required_valid_or_not(
    make_client: Any, first: str
) -> None:
    client = await make_client()
    ws = await client.session.ws_connect(client.make_url("/v1/stream"), protocols=("voice.v1",))
    await ws.send_str(first)
    error = await ws.receive(timeout=10)
    assert error.type.name == "TEXT" and '"handshake_required"' in error.data
    closing = await ws.receive(timeout=10)
    assert closing.type.name == "CLOSE" and ws.close_code == 1008


async def test_text_over_the_buffer_limit_is_refused_whole(make_client: Any) -> None:
    _, session = await _connect(
        make_client, limits={"max_buffered_text_chars": 100, "max_text_chars": 1000}
    )
    await session.open("c")
    await session.send_text("c", "word " * 60)
    error = await _next_error(session)
    assert error.code == "text_buffer_full" and error.context_id == "c"
    await session.close()


async def test_a_text_delta_over_max_text_chars_is_refused(make_client: Any) -> None:
    _, session = await _connect(make_client, limits={"max_text_chars": 50})
    await session.open("c")
    await session.send_text("c", "y" * 51)
    error = await _next_error(session)
    assert error.code == "text_too_long"
    await session.close()


async def test_an_idle_session_is_closed_with_4408_after_an_error_event(make_client: Any) -> None:
    client = await make_client(limits={"idle_timeout_s": 0.5})
    ws = await client.session.ws_connect(client.make_url("/v1/stream"), protocols=("voice.v1",))
    await ws.send_str('{"type": "start"}')
    assert "ready" in (await ws.receive(timeout=10)).data
    error = await ws.receive(timeout=10)
    assert "idle_timeout" in error.data
    closing = await ws.receive(timeout=10)
    assert closing.type.name == "CLOSE" and ws.close_code == 4408


async def test_refused_messages_keep_a_session_from_idling_out(make_client: Any) -> None:
    """Any client message resets the idle timer (PROTOCOL §4): a keepalive ping with a field
    this server does not know, junk, a binary message. Refused, but not idle."""
    client = await make_client(limits={"idle_timeout_s": 1.0})
    ws = await client.session.ws_connect(client.make_url("/v1/stream"), protocols=("voice.v1",))
    await ws.send_str('{"type": "start"}')
    assert "ready" in (await ws.receive(timeout=10)).data
    for message in ['{"type": "ping", "zz": 1}', '{"type": "bogus"}', "[]", "garbage", b"\x01"] * 2:
        await asyncio.sleep(0.4)
        await (ws.send_bytes(message) if isinstance(message, bytes) else ws.send_str(message))
        reply = await ws.receive(timeout=10)
        assert reply.type.name == "TEXT" and '"error"' in reply.data
        assert "idle_timeout" not in reply.data  # 4 s in all, with a 1 s idle timeout
    await ws.close()


async def test_websocket_ping_frames_alone_do_not_keep_a_session_from_idling_out(
    make_client: Any,
) -> None:
    """PROTOCOL.md 4.6 did not say whether a library's own WebSocket pings (websockets sends one
    every 20 s by default) count as activity. They do not: only messages reset the timer, and
    the text now says so, so a client knows to send ``ping`` messages."""
    client = await make_client(limits={"idle_timeout_s": 1.0})
    ws = await client.session.ws_connect(client.make_url("/v1/stream"), protocols=("voice.v1",),
                                         autoping=False)  # fmt: skip
    await ws.send_str('{"type": "start"}')
    assert "ready" in (await ws.receive(timeout=10)).data

    async def keepalive() -> None:
        while not ws.closed:
            await ws.ping(b"keepalive")
            await asyncio.sleep(0.25)

    pinger = asyncio.create_task(keepalive())
    started = time.monotonic()
    try:
        reply = await ws.receive(timeout=5)
        while reply.type.name == "PONG":
            reply = await ws.receive(timeout=5)
    finally:
        pinger.cancel()
    assert reply.type.name == "TEXT" and '"idle_timeout"' in reply.data
    assert time.monotonic() - started < 3
    assert (await ws.receive(timeout=10)).type.name == "CLOSE" and ws.close_code == 4408


@pytest.mark.parametrize("first", [
    '{"type": "start", "sampling": {"seed": 1e400}}',
    '{"type": "start", "lead_ms": ' + "9" * 500 + "}",
    '{"type": "open", "context_id": "x", "sampling": {"seed": 1e400}}',
])  # fmt: skip
async def test_a_number_too_big_for_a_double_before_start_is_answered(
    make_client: Any, first: str
) -> None:
    """The server used to re-read such a message with a parser that refuses it and drop the
    session without a word; a bad start is invalid_field (4400), another type before start
    handshake_required (1008)."""
    client = await make_client()
    ws = await client.session.ws_connect(client.make_url("/v1/stream"), protocols=("voice.v1",))
    await ws.send_str(first)
    error = json.loads((await ws.receive(timeout=10)).data)
    closing = await ws.receive(timeout=10)
    assert closing.type.name == "CLOSE"
    if '"start"' in first:
        assert error["code"] == "invalid_field" and ws.close_code == 4400
    else:
        assert error["code"] == "handshake_required" and ws.close_code == 1008


async def test_a_silent_connection_is_closed_at_the_handshake_deadline(make_client: Any) -> None:
    client = await make_client(limits={"handshake_timeout_s": 0.5})
    ws = await client.session.ws_connect(client.make_url("/v1/stream"), protocols=("voice.v1",))
    msg = await ws.receive(timeout=10)
    assert msg.type.name == "TEXT" and "handshake_timeout" in msg.data
    await ws.receive(timeout=10)
    assert ws.close_code == 4408


async def test_sessions_past_max_sessions_get_a_retryable_4503(make_client: Any) -> None:
    client, first = await _connect(make_client, limits={"max_sessions": 1})
    with pytest.raises(pc.RemoteError) as refused:
        await pc.connect(str(client.make_url("/")), http=client.session)
    assert refused.value.code == "server_busy" and refused.value.retryable
    assert refused.value.retry_after_ms == 1000  # the protocol promises it on every server_busy
    await first.close()


async def test_sessions_are_refused_while_streams_fall_below_the_real_time_floor(
    make_client: Any,
) -> None:
    """The live admission rule on the real engine: with a floor no engine can meet, a session
    that arrives while a stream is generating is refused (retryable); once the engine is idle
    the next one is admitted."""
    floor = {"min_stream_token_rate": 1e9, "min_streams_for_rate_check": 1,
             "max_loop_lag_ms": 0}  # the engine's rule alone  # fmt: skip
    client, talker = await _connect(make_client, limits=floor)
    await talker.open("c")
    await talker.send_text("c", "Keep talking for quite a while please. " * 20, flush=True)
    async with asyncio.timeout(60):
        while type(await talker.receive()).__name__ != "ContextAudio":
            pass
    runtime = client.app[__import__("voice_server.app", fromlist=["RUNTIME"]).RUNTIME]
    async with asyncio.timeout(30):  # a second of measured tokens while the stream still runs
        while runtime.admission_inputs().per_stream is None:
            await asyncio.sleep(0.05)
    with pytest.raises(pc.RemoteError) as refused:
        await pc.connect(str(client.make_url("/")), http=client.session)
    assert refused.value.code == "server_busy" and refused.value.retryable
    assert "real-time capacity" in str(refused.value) and "tokens/s" in str(refused.value)
    await talker.cancel("c")
    await talker.close()
    async with asyncio.timeout(30):
        while runtime.engine.unfinished_requests:
            await asyncio.sleep(0.05)
    again = await pc.connect(str(client.make_url("/")), http=client.session)
    await again.close()


async def test_silent_new_sessions_count_against_capacity_until_they_speak(
    make_client: Any,
) -> None:
    """The projection on the real server: with the engine idle (nothing measured), at most
    min_streams_for_rate_check sessions may be starting at once; the next is refused with a
    retry hint, and admitted once a starting session has spoken."""
    limits = {"min_stream_token_rate": 55.0, "min_streams_for_rate_check": 2, "max_loop_lag_ms": 0}
    client = await make_client(limits=limits)
    runtime = client.app[__import__("voice_server.app", fromlist=["RUNTIME"]).RUNTIME]
    async with asyncio.timeout(30):  # an earlier test's tokens have left the window
        while runtime.admission_inputs().tokens_per_s is not None:
            await asyncio.sleep(0.05)
    url = str(client.make_url("/"))
    first = await pc.connect(url, http=client.session)
    second = await pc.connect(url, http=client.session)
    with pytest.raises(pc.RemoteError) as refused:
        await pc.connect(url, http=client.session)
    assert refused.value.code == "server_busy" and refused.value.retryable
    assert refused.value.retry_after_ms == 1000
    assert "starting" in str(refused.value) and "not measured" in str(refused.value)
    await first.open("c")
    await first.send_text("c", "Hello there.", flush=True)
    async with asyncio.timeout(60):  # its first segment began: it no longer counts as starting
        while type(await first.receive()).__name__ != "ContextAudio":
            pass
    await first.cancel("c")
    async with asyncio.timeout(30):
        while runtime.engine.unfinished_requests:
            await asyncio.sleep(0.05)
    third = await pc.connect(url, http=client.session)
    for session in (first, second, third):
        await session.close()


async def test_a_second_context_speaking_at_once_needs_room_and_the_first_goes_on(
    make_client: Any,
) -> None:
    """Admission vouches for one stream per session: a second context that starts speaking
    while the first speaks must fit the real-time rules. With a floor no engine meets, it
    fails (``synthesis_failed``, retryable, with a retry hint) and the first one finishes.
    (20 sessions of 8 contexts each from one address once took 160 streams and pushed an
    admitted listener's first audio from 0.36 to 10 s.)"""
    floor = {"min_stream_token_rate": 1e9, "min_streams_for_rate_check": 1,
             "max_loop_lag_ms": 0}  # the engine's rule alone  # fmt: skip
    _, session = await _connect(make_client, limits=floor)
    await session.open("first", sampling=Sampling(max_tokens=60))  # 1.2 s of audio a segment
    await session.send_text("first", "Keep talking for a little while please. " * 4, flush=True)
    await session.end("first")
    async with asyncio.timeout(60):
        while type(await session.receive()).__name__ != "ContextAudio":
            pass
    await session.open("second")
    await session.send_text("second", "And me too, at the same time.", flush=True)
    error = await _next_error(session, timeout=60)
    assert error.code == "synthesis_failed" and error.context_id == "second"
    assert error.retryable and error.retry_after_ms == 1000
    assert "real-time capacity" in error.message and "other contexts go on" in error.message
    # While the first still speaks, another open within the hint is refused at once, before
    # any of its text is read (a client that reopened at once had burned the server's CPU).
    await session.open("third")
    refused = await _next_error(session, timeout=60)
    assert refused.code == "rate_limited" and refused.context_id == "third"
    assert 0 < refused.retry_after_ms <= 1000
    done = await session.collect("first", timeout=120 * TIMEOUT_UNIT)
    assert done[-1].status.value == "completed"
    assert any(type(item).__name__ == "ContextAudio" for item in done)
    await session.close()


async def test_websocket_pings_are_answered_and_a_flood_is_read_at_the_message_budget(
    make_client: Any,
) -> None:
    """Ping frames get pongs, before ``start`` and after; past ``limits.max_messages_per_s``
    (bursts of twice that) the socket is read more slowly, so a flood (10 connections of ping
    frames once pushed other sessions' pongs to 50-230 ms) gets its pongs at the budget and
    the session goes on. Lower bounds only: a slow machine can only make it slower."""
    import aiohttp

    client = await make_client(limits={"max_messages_per_s": 50.0})
    async with client.session.ws_connect(client.make_url("/v1/stream"), protocols=("voice.v1",),
                                         autoping=False) as ws:  # fmt: skip
        await ws.ping(b"early")
        reply = await asyncio.wait_for(ws.receive(), 10)
        assert reply.type is aiohttp.WSMsgType.PONG and reply.data == b"early"
        await ws.send_str(serialize(Start()).decode())
        while (await asyncio.wait_for(ws.receive(), 30)).type is not aiohttp.WSMsgType.TEXT:
            pass  # ready
        started = time.monotonic()
        for i in range(200):
            await ws.ping(str(i).encode())
        pongs = 0
        while pongs < 200:
            reply = await asyncio.wait_for(ws.receive(), 30)
            pongs += reply.type is aiohttp.WSMsgType.PONG
        assert time.monotonic() - started >= (200 - 2 * 50 - 1) / 50 * 0.9
        await ws.send_str('{"type": "ping", "id": "after"}')
        while True:  # the session still answers
            reply = await asyncio.wait_for(ws.receive(), 30)
            if reply.type is aiohttp.WSMsgType.TEXT and '"pong"' in reply.data:
                break


async def test_a_client_that_stops_reading_is_closed_and_others_do_not_notice(
    make_client: Any,
) -> None:
    client, healthy = await _connect(make_client, limits={"slow_consumer_lag_s": 0.5})
    port = client.port
    # A raw client that completes the upgrade with a tiny receive buffer, then never reads.
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)
    sock.setblocking(False)
    loop = asyncio.get_running_loop()
    await loop.sock_connect(sock, ("127.0.0.1", port))
    key = "dGhlIHNhbXBsZSBub25jZQ=="
    request = (
        f"GET /v1/stream HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
        f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
        "Sec-WebSocket-Protocol: voice.v1\r\n\r\n"
    ).encode()
    await loop.sock_sendall(sock, request)
    for message in ({"type": "start", "format": {"encoding": "pcm16", "sample_rate": 48000},
                     "lead_ms": 1000},
                    {"type": "open", "context_id": "c"},
                    {"type": "text", "context_id": "c", "text": "Talk to me for a long time. " * 30,
                     "flush": True}):  # fmt: skip
        await loop.sock_sendall(sock, _masked_text_frame(serialize_dict(message)))
    # The healthy session keeps working while the slow one is being closed.
    await healthy.open("h")
    await healthy.send_text("h", "I am fine.", flush=True)
    await healthy.end("h")
    async with asyncio.timeout(60):
        while True:
            item = await healthy.receive()
            assert item is not None
            if type(item).__name__ == "ContextDone":
                break
    registry = client.app[__import__("voice_server.app", fromlist=["REGISTRY"]).REGISTRY]
    for _ in range(1200):  # up to 60 s: the slow client first fills ~200 KB of buffers
        if len(registry) == 1:
            break
        await asyncio.sleep(0.05)
    assert len(registry) == 1  # the slow session is gone, the healthy one remains
    # ...and so is its connection, though the client still reads nothing: the close frame
    # cannot get out, and closing would wait for ever to flush the buffer, so it is dropped.
    client_port = sock.getsockname()[1]

    def server_side_open() -> bool:
        return any(c.raddr and c.raddr.port == client_port and c.laddr.port == port
                   for c in psutil.Process().net_connections("tcp"))  # fmt: skip

    deadline = time.monotonic() + CLOSE_HANDSHAKE_S + 10 * TIMEOUT_UNIT
    while server_side_open() and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    assert not server_side_open()
    sock.close()
    await healthy.close()


def serialize_dict(message: dict[str, Any]) -> bytes:
    import orjson

    return orjson.dumps(message)


def _masked_text_frame(payload: bytes) -> bytes:
    import os
    import struct

    mask = os.urandom(4)
    head = bytes([0x81])
    n = len(payload)
    if n < 126:
        head += bytes([0x80 | n])
    elif n < 65536:
        head += bytes([0x80 | 126]) + struct.pack(">H", n)
    else:
        head += bytes([0x80 | 127]) + struct.pack(">Q", n)
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    return head + mask + masked


async def test_sessions_are_refused_while_the_decoder_finishes_windows_late(
    make_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The decoder's rule on the real engine and decoder: with no margin every first window
    (due the moment it is submitted) finishes late, so with a ceiling of ~0 a session that
    arrives while a stream is generating is refused (retryable, naming the decoder); the token
    rule is off, so the decoder's rule alone refused it."""
    limits = {"min_stream_token_rate": 0, "min_streams_for_rate_check": 1,
              "max_late_decode_share": 1e-9, "max_loop_lag_ms": 0}  # fmt: skip
    client, talker = await _connect(make_client, limits=limits)
    runtime = client.app[__import__("voice_server.app", fromlist=["RUNTIME"]).RUNTIME]
    monkeypatch.setattr(runtime.synthesizer.decoder.lateness, "margin_s", 0.0)
    await talker.open("c")
    await talker.send_text("c", "Keep talking for quite a while please. " * 20, flush=True)
    async with asyncio.timeout(60):
        while type(await talker.receive()).__name__ != "ContextAudio":
            pass
    assert (runtime.admission_inputs().late_decode_share or 0.0) > 0
    with pytest.raises(pc.RemoteError) as refused:
        await pc.connect(str(client.make_url("/")), http=client.session)
    assert refused.value.code == "server_busy" and refused.value.retryable
    assert "decode windows late" in str(refused.value)
    await talker.cancel("c")
    await talker.close()


async def test_sessions_are_refused_while_the_event_loop_runs_late(make_client: Any) -> None:
    """The front end's rule on the real server: while its event loop runs timers late (a
    callback here blocks it 40 ms out of every 50, as an overloaded loop would), a session
    beyond min_streams_for_rate_check is refused (retryable, naming the loop); once the late
    probes have left the 2 s window, the next one is admitted."""
    limits = {"min_stream_token_rate": 0, "max_late_decode_share": 0,
              "min_streams_for_rate_check": 1, "max_loop_lag_ms": 25}  # fmt: skip
    client, held = await _connect(make_client, limits=limits)
    url = str(client.make_url("/"))
    loop = asyncio.get_running_loop()
    hogging = True

    def hog() -> None:
        if hogging:
            time.sleep(0.04)
            loop.call_later(0.01, hog)

    hog()
    try:
        await asyncio.sleep(1.0)  # a second of probes, most of them late
        with pytest.raises(pc.RemoteError) as refused:
            await pc.connect(url, http=client.session)
    finally:
        hogging = False
    assert refused.value.code == "server_busy" and refused.value.retryable
    assert refused.value.retry_after_ms == 1000
    assert "event loop" in str(refused.value) and "ceiling 25 ms" in str(refused.value)
    exposition = await (await client.get("/metrics")).text()
    assert 'voice_server_admission_refusals_total{rule="event_loop"} 1.0' in exposition
    assert 'voice_server_admission_refusals_total{rule="token_rate"} 0.0' in exposition
    await asyncio.sleep(2.5)
    again = await pc.connect(url, http=client.session)
    await again.close()
    await held.close()


async def test_a_client_that_resets_mid_reply_ends_its_session_quietly(
    make_client: Any, caplog: pytest.LogCaptureFixture,
) -> None:
    """A flood of pings, unread, then a reset (RST): the pongs being written fail. The session
    ends like any other; no request error with a traceback is logged for it."""
    client = await make_client()
    port = client.port
    for wait_for_ready in (False, True, True):  # reset before the upgrade's answer, then after
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)
        sock.setblocking(False)
        loop = asyncio.get_running_loop()
        await loop.sock_connect(sock, ("127.0.0.1", port))
        await loop.sock_sendall(sock, (
            f"GET /v1/stream HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
            "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: voice.v1\r\n\r\n").encode())
        ping = _masked_text_frame(serialize_dict({"type": "ping", "id": "x" * 60}))
        await loop.sock_sendall(sock, _masked_text_frame(serialize_dict({"type": "start"})))
        if wait_for_ready:
            received = b""
            async with asyncio.timeout(30):
                while b'"ready"' not in received:
                    received += await loop.sock_recv(sock, 4096)
        await loop.sock_sendall(sock, ping * 3000)
        if wait_for_ready:
            await asyncio.sleep(1.0)  # the server is held writing pongs nobody reads
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()  # RST: unread pongs are discarded, the server's next write fails
    registry = client.app[__import__("voice_server.app", fromlist=["REGISTRY"]).REGISTRY]
    for _ in range(200):
        if len(registry) == 0:
            break
        await asyncio.sleep(0.05)
    assert len(registry) == 0
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [], [r.getMessage() for r in errors]


async def test_an_open_cancel_loop_is_rate_limited(make_client: Any) -> None:
    """Each open starts engine work that its cancel aborts; a loop of them on one connection
    once stalled every other session. Past the burst, opens get rate_limited (retryable,
    with a hint) and start nothing."""
    _, session = await _connect(make_client, limits={"max_opens_per_s": 5.0})
    refused = []
    for i in range(40):
        context = f"c{i}"
        await session.open(context)
        await session.send_text(context, "Hello there.", flush=True)
        await session.cancel(context)
    async with asyncio.timeout(60):
        while len(refused) < 40 - 10:
            item = await session.receive()
            if isinstance(item, ErrorEvent) and item.code == "rate_limited":
                refused.append(item)
    assert all(e.retryable and e.retry_after_ms and e.context_id for e in refused)
    await session.close()
