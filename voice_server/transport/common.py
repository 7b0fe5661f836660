"""What every native-protocol transport does with an incoming text message, in one place.

A transport (the WebSocket, the WebRTC data channel) only receives messages and hands them here
with its ``Sink``; the rules live here so both behave the same:

* Before the handshake, ``start_from`` expects ``start``. Errors that answer ``start`` are fatal
  (PROTOCOL.md: a session without an accepted ``start`` has nothing to go on with), closing with
  the code's own close code or 4400, except that garbage which is not a message at all (bad
  JSON, an unknown type) is reported and the wait goes on. Any other known message type comes
  in the wrong order: ``handshake_required`` (1008), whether or not its fields are valid.
* After it, ``apply`` parses one message, lets the ``ProtocolHandler`` apply it and writes the
  immediate replies (pong, cancelled, opened) at once, never behind audio; a refused message
  becomes an ``error`` event and the session goes on unless the error is fatal.
* ``check_size`` enforces ``limits.max_message_bytes`` where the transport has no cap of its own.
"""

from __future__ import annotations

import asyncio
import time
from enum import Enum

from aiohttp import web

from protocol.codec import parse_client_message
from protocol.errors import (
    CloseCode,
    ErrorCode,
    FieldError,
    InvalidMessage,
    MalformedMessage,
    ProtocolError,
    SessionError,
    UnexpectedBinary,
    UnsupportedVersion,
)
from protocol.messages import ErrorEvent, Start

from voice_server.handler import ProtocolHandler, error_event
from voice_server.rate_bucket import TokenBucket
from voice_server.session import Session, Sink


class ReadPace:
    """How fast a session's socket is read (``limits.max_messages_per_s``): once the budget
    is spent, ``next`` waits before the next message is read, so a flood slows to the budget
    (the socket's buffers fill and TCP pushes back) and nothing is dropped or refused."""

    def __init__(self, per_s: float) -> None:
        self._bucket = TokenBucket(per_s, 2 * per_s) if per_s > 0 else None

    async def next(self) -> None:
        """Spend one message of the budget, waiting for it if there is none."""
        bucket = self._bucket
        if bucket is None:
            return
        now = time.monotonic()
        while not bucket.take(now):
            await asyncio.sleep(bucket.wait_s(now))
            now = time.monotonic()


class Handshake(Enum):
    """Outcome of one message received before the session started."""

    STARTED = "started"
    """``ready`` was sent; start the session."""
    WAITING = "waiting"
    """The message was not a message at all; reported, still waiting for ``start``."""
    CLOSED = "closed"
    """A fatal error was reported and the session closed."""


CLOSE_HANDSHAKE_S = 5.0
"""Longest a WebSocket close may take. A client that has stopped reading (its socket buffer
full) never lets the close frame out, and closing the transport would wait for ever to flush
the buffer: past this, the connection is dropped (``abort``)."""


async def close_websocket(ws: web.WebSocketResponse, transport: asyncio.Transport | None,
                          code: int, reason: str) -> None:  # fmt: skip
    """Close ``ws`` with ``code`` and ``reason``; drop its connection if that takes longer
    than ``CLOSE_HANDSHAKE_S``."""
    try:
        async with asyncio.timeout(CLOSE_HANDSHAKE_S):
            await ws.close(code=code, message=reason.encode()[:120])
    except TimeoutError:
        if transport is not None:
            transport.abort()


def answer_to_client_close(code: int | None) -> int:
    """The close code that answers a client's close frame carrying ``code`` (PROTOCOL.md 4.5;
    pure): 1000, or 1002 for a code RFC 6455 forbids on the wire that aiohttp's reader lets
    through (1006, and 5000 and up). aiohttp itself fails the other forbidden ones with 1002
    (under 1000, 1004, 1005, 1015, 1016-2999) and a reason that is not UTF-8 with 1007; an
    empty close frame reads as 0 and gets 1000."""
    if code is not None and (code == 1006 or code >= 5000):
        return 1002
    return 1000


async def answer_client_close(ws: web.WebSocketResponse,
                              transport: asyncio.Transport | None) -> None:  # fmt: skip
    """Once the client's close frame has been read (the socket runs with ``autoclose`` off, so
    that the answer's code is ours: ``answer_to_client_close``), answer it at once, before the
    session's teardown, so that no audio follows the client's close."""
    if ws.close_code is not None and not ws.closed:
        await close_websocket(ws, transport, answer_to_client_close(ws.close_code), "")


def require_upgrade(ws: web.WebSocketResponse, request: web.Request) -> None:
    """Refuse ``request`` unless ``ws`` can take it as its upgrade: a plain GET (or a broken
    handshake) on a WebSocket path gets 400 in this server's error shape (``http_errors``,
    PROTOCOL.md 10), before it takes a session slot."""
    if not ws.can_prepare(request).ok:
        raise web.HTTPBadRequest(text="this path takes WebSocket upgrades only")


def aiohttp_message_cap(limit: int) -> int:
    """``max_msg_size`` for aiohttp so that a message of exactly ``limit`` bytes is accepted:
    aiohttp refuses a frame whose size is *at least* its cap, the protocol only larger ones."""
    return limit + 1


def check_size(data: str | bytes, limit: int) -> None:
    """Raise the fatal ``message_too_big`` when ``data`` is over ``limit`` bytes (UTF-8)."""
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise SessionError(ErrorCode.MESSAGE_TOO_BIG,
                           f"a message holds at most {limit} bytes, this one {size}")  # fmt: skip


async def report(sink: Sink, session: Session, exc: ProtocolError) -> None:
    """Send the ``error`` event for ``exc``; close the session when the error is fatal."""
    await sink.send_message(error_event(exc))
    if exc.fatal and exc.close_code is not None:
        await session.close(int(exc.close_code), exc.message[:120])


async def start_from(
    sink: Sink, session: Session, handler: ProtocolHandler, data: str | bytes
) -> Handshake:
    """Apply a message received before the handshake completed (see the module docstring)."""
    try:
        if isinstance(data, bytes):
            raise UnexpectedBinary("client messages are text")
        try:
            message = parse_client_message(data)
        except FieldError as exc:
            if exc.message_type != "start":  # a known message, but not start: wrong order
                raise _handshake_required() from None
            raise
        if not isinstance(message, Start):
            raise _handshake_required()
        ready = handler.start(message)
    except (MalformedMessage, InvalidMessage) as exc:
        await sink.send_message(error_event(exc))
        return Handshake.WAITING
    except ProtocolError as exc:
        event = ErrorEvent.from_error(exc, answers_start=True)
        await sink.send_message(event)
        await session.close(event.close_code or int(CloseCode.BAD_START), exc.message[:120])
        return Handshake.CLOSED
    await sink.send_message(ready)
    return Handshake.STARTED


def _handshake_required() -> SessionError:
    return SessionError(ErrorCode.HANDSHAKE_REQUIRED, "the first message must be start")


async def apply(sink: Sink, session: Session, handler: ProtocolHandler, data: str | bytes) -> None:
    """Parse and apply one message of a started session; replies go out at once."""
    session.touch()  # any client message resets the idle timer, one refused included
    try:
        if isinstance(data, bytes):
            raise UnexpectedBinary("client messages are text")
        replies = handler.handle(parse_client_message(data))
    except UnsupportedVersion:  # only start has a version, and this session has started: a
        # second start's values are never looked at, its version no more than its speaker
        await report(sink, session, SessionError(ErrorCode.ALREADY_STARTED,
                                                 "the session has already started"))  # fmt: skip
        return
    except ProtocolError as exc:
        await report(sink, session, exc)
        return
    for reply in replies:
        await sink.send_message(reply)
