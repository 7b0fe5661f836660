"""An asyncio client for protocol v1 over WebSocket (aiohttp), for tests, benchmarks and apps.

Usage::

    async with await connect("http://127.0.0.1:8080", Start(voice=Voice(speaker="alloy"))) as s:
        await s.open("turn-1")
        await s.send_text("turn-1", "Hello there. ")
        await s.end("turn-1")
        async for item in s:
            if isinstance(item, ContextAudio):
                play(item.frame.payload)
            elif isinstance(item, ContextDone):
                break

Theory of operation
-------------------
``receive`` reads the socket when the caller asks, so the caller's reading speed is what the
server sees: a client that stops reading really is a slow consumer (at most one message is
held, by a read that outlived a ``receive`` timeout). That read is a task because aiohttp
treats a timed-out or cancelled read as an abnormal closure (it then drops the connection
without a close handshake); so a timeout leaves the read running and the next ``receive``
picks it up. ``received_at`` is stamped when the message comes off the socket. Sends may run
concurrently with a reader (aiohttp allows one reader and concurrent writers).

The session keeps a little bookkeeping that every user needs and that is cheap: which
``stream_id`` belongs to which context (from ``opened``), and per-context counters
(``ContextStats``) including audio that arrives after the context's terminal event, which the
protocol forbids and tests check. ``Playout`` turns arrival times into late-frame counts.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import time
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from urllib.parse import urlsplit, urlunsplit

import aiohttp

from protocol.codec import parse_server_message, serialize
from protocol.errors import InvalidFrame, InvalidMessage, RemoteError, UnknownMessageType
from protocol.framing import AudioFrame, frame_samples, unpack_frame
from protocol.limits import SUBPROTOCOL, WEBSOCKET_PATH
from protocol.messages import (
    Cancel,
    Cancelled,
    ClientMessage,
    ContextDone,
    End,
    ErrorEvent,
    Flush,
    Open,
    Opened,
    Ping,
    Ready,
    Sampling,
    Segmentation,
    ServerMessage,
    Start,
    Text,
    Voice,
)

__all__ = [
    "ContextAudio", "ContextStats", "Incoming", "Playout", "Session", "connect", "websocket_url",
]  # fmt: skip

log = logging.getLogger(__name__)

Clock = Callable[[], float]


def websocket_url(server: str) -> str:
    """The WebSocket URL for a server address.

    ``http://H:P`` becomes ``ws://H:P/v1/stream`` (``https`` becomes ``wss``); a bare
    ``H:P`` is taken as ``http``. A ``ws``/``wss`` URL, or any URL that already has a path
    other than ``/``, is used as given (apart from the scheme), so a server behind a proxy
    prefix still works. The query string is kept.

    Raises:
        ValueError: a scheme other than http, https, ws or wss, or no host.
    """
    if "://" not in server:
        server = "http://" + server
    parts = urlsplit(server)
    schemes = {"http": "ws", "https": "wss", "ws": "ws", "wss": "wss"}
    scheme = schemes.get(parts.scheme.lower())
    if scheme is None:
        raise ValueError(f"unsupported scheme in {server!r}: use http(s):// or ws(s)://")
    if not parts.netloc:
        raise ValueError(f"no host in {server!r}")
    path = parts.path if parts.path not in ("", "/") else WEBSOCKET_PATH
    return urlunsplit((scheme, parts.netloc, path, parts.query, ""))


@dataclass(frozen=True)
class ContextAudio:
    """One audio frame, with the context it belongs to.

    Attributes:
        context_id: from the ``opened`` event that announced ``frame.stream_id``.
        frame: the unpacked frame.
        samples: samples in the frame at the output rate.
        received_at: the session clock when ``receive`` read it.
    """

    context_id: str
    frame: AudioFrame
    samples: int
    received_at: float


Incoming = ServerMessage | ContextAudio


@dataclass
class ContextStats:
    """What one context has received so far (times are the session clock).

    Attributes:
        frames, samples: audio received.
        first_audio_at: arrival of the first frame.
        cancel_sent_at: when ``cancel`` was sent for it.
        terminal: its ``context_done`` or ``cancelled``.
        terminal_at: arrival of ``terminal``.
        frames_after_terminal, samples_after_terminal: audio after ``terminal`` (the protocol
            promises none).
        errors: error events that named the context.
    """

    context_id: str
    stream_id: int
    frames: int = 0
    samples: int = 0
    first_audio_at: float | None = None
    cancel_sent_at: float | None = None
    terminal: ContextDone | Cancelled | None = None
    terminal_at: float | None = None
    frames_after_terminal: int = 0
    samples_after_terminal: int = 0
    errors: list[ErrorEvent] = field(default_factory=list)


class Playout:
    """A listener's playback of one context, to count frames that arrive too late.

    Model: playback starts when the first frame arrives and runs continuously. A frame is
    *late* when it arrives after everything before it has finished playing (the listener heard
    a gap); playback then resumes at its arrival. ``stall_s`` adds up those gaps. No extra
    jitter buffer is assumed beyond the audio the server sent ahead.
    """

    def __init__(self, sample_rate: int) -> None:
        self.sample_rate = sample_rate
        self.frames = 0
        self.late_frames = 0
        self.stall_s = 0.0
        self._ends_at: float | None = None

    def add(self, arrived_at: float, samples: int) -> bool:
        """Account one frame; returns whether it was late."""
        duration = samples / self.sample_rate
        self.frames += 1
        if self._ends_at is None:
            self._ends_at = arrived_at + duration
            return False
        if arrived_at > self._ends_at:
            self.late_frames += 1
            self.stall_s += arrived_at - self._ends_at
            self._ends_at = arrived_at + duration
            return True
        self._ends_at += duration
        return False


class Session:
    """One connected session. Create it with ``connect``.

    Attributes:
        ready: the server's answer to ``start`` (effective settings and limits).
        stats: per-context counters, keyed by context id (created by ``opened``).
        close_code: the WebSocket close code once the connection has closed.
        fatal_error: the fatal ``error`` event that preceded the close, if any.
    """

    def __init__(self, ws: aiohttp.ClientWebSocketResponse, http: aiohttp.ClientSession | None,
                 ready: Ready, clock: Clock) -> None:  # fmt: skip
        self._ws = ws
        self._own_http = http
        self.ready = ready
        self.clock = clock
        self.stats: dict[str, ContextStats] = {}
        self._streams: dict[int, ContextStats] = {}
        self._ping_ids = itertools.count(1)
        self._pending: asyncio.Task[tuple[aiohttp.WSMessage, float]] | None = None
        self.close_code: int | None = None
        self.fatal_error: ErrorEvent | None = None

    # --- sending ----------------------------------------------------------------------------

    async def send(self, message: ClientMessage) -> None:
        """Send any client message."""
        await self._ws.send_str(serialize(message).decode())

    async def send_raw(self, data: str | bytes) -> None:
        """Send a text (str) or binary (bytes) message as is; for robustness tests."""
        if isinstance(data, str):
            await self._ws.send_str(data)
        else:
            await self._ws.send_bytes(data)

    async def open(self, context_id: str, *, voice: Voice | None = None,
                   sampling: Sampling | None = None,
                   segmentation: Segmentation | None = None) -> None:  # fmt: skip
        """Open a context (its ``opened`` or ``error`` arrives through ``receive``)."""
        await self.send(Open(context_id=context_id, voice=voice, sampling=sampling,
                             segmentation=segmentation))  # fmt: skip

    async def send_text(self, context_id: str, text: str, *, flush: bool = False,
                        flush_id: str | None = None) -> None:  # fmt: skip
        await self.send(Text(context_id=context_id, text=text, flush=flush, flush_id=flush_id))

    async def flush(self, context_id: str, flush_id: str | None = None) -> None:
        await self.send(Flush(context_id=context_id, flush_id=flush_id))

    async def end(self, context_id: str) -> None:
        await self.send(End(context_id=context_id))

    async def cancel(self, context_id: str) -> None:
        stats = self.stats.get(context_id)
        if stats is not None and stats.cancel_sent_at is None:
            stats.cancel_sent_at = self.clock()
        await self.send(Cancel(context_id=context_id))

    async def ping(self, ping_id: str | int | None = None) -> str | int:
        """Send a ping; returns its id (a counter when none is given)."""
        chosen = next(self._ping_ids) if ping_id is None else ping_id
        await self.send(Ping(id=chosen))
        return chosen

    # --- receiving --------------------------------------------------------------------------

    async def receive(self, timeout: float | None = None) -> Incoming | None:
        """The next server message or audio frame; None once the connection has closed.

        Unknown server message types (from newer servers) are skipped.

        Raises:
            TimeoutError: nothing arrived within ``timeout`` seconds.
            ProtocolError: the server sent something this version cannot accept, such as a
                malformed message or audio for a stream no ``opened`` announced.
        """
        while True:
            msg, now = await self._read(timeout)
            if msg.type is aiohttp.WSMsgType.TEXT:
                try:
                    message = parse_server_message(msg.data)
                except UnknownMessageType as exc:
                    log.debug("skipping %s", exc)
                    continue
                self._track(message, now)
                return message
            if msg.type is aiohttp.WSMsgType.BINARY:
                return self._audio(unpack_frame(msg.data), now)
            self.close_code = self._effective_close_code()
            return None

    def _effective_close_code(self) -> int | None:
        """The close code; when the transport only saw an abnormal end (1006) right after a
        fatal ``error`` event, the code that event announced (some servers drop the socket
        before the client's close reply lands)."""
        code = self._ws.close_code
        if code == 1006 and self.fatal_error is not None and self.fatal_error.close_code:
            return self.fatal_error.close_code
        return code

    async def _read(self, timeout: float | None) -> tuple[aiohttp.WSMessage, float]:
        """The next WebSocket message and its arrival time, without ever cancelling a read."""
        if self._pending is None:
            self._pending = asyncio.create_task(self._stamped_read(), name="voice-client-read")
        done, _ = await asyncio.wait({self._pending}, timeout=timeout)
        if not done:
            raise TimeoutError(f"nothing received within {timeout} s")
        task, self._pending = self._pending, None
        return task.result()

    async def _stamped_read(self) -> tuple[aiohttp.WSMessage, float]:
        msg = await self._ws.receive()
        return msg, self.clock()

    def __aiter__(self) -> AsyncIterator[Incoming]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[Incoming]:
        while (item := await self.receive()) is not None:
            yield item

    async def collect(self, context_id: str, timeout: float | None = None) -> list[Incoming]:
        """Read until ``context_id`` ends; returns everything read (all contexts' items).

        It ends with the context's ``context_done`` or ``cancelled``, with an ``error`` naming
        a context that never opened (a refused ``open``), with a fatal error, or when the
        connection closes.

        Raises:
            TimeoutError: not over within ``timeout`` seconds.
        """
        items: list[Incoming] = []
        async with asyncio.timeout(timeout):
            while (item := await self.receive()) is not None:
                items.append(item)
                if isinstance(item, (ContextDone, Cancelled)) and item.context_id == context_id:
                    break
                if isinstance(item, ErrorEvent) and (item.fatal or (
                        item.context_id == context_id and context_id not in self.stats)):
                    break  # fmt: skip
        return items

    def _track(self, message: ServerMessage, now: float) -> None:
        if isinstance(message, Opened):
            stats = ContextStats(message.context_id, message.stream_id)
            self.stats[message.context_id] = stats
            self._streams[message.stream_id] = stats
        elif isinstance(message, (ContextDone, Cancelled)):
            ended = self.stats.get(message.context_id)
            if ended is not None and ended.terminal is None:
                ended.terminal, ended.terminal_at = message, now
        elif isinstance(message, ErrorEvent):
            if message.fatal:
                self.fatal_error = message
            named = self.stats.get(message.context_id or "")
            if named is not None:
                named.errors.append(message)

    def _audio(self, frame: AudioFrame, now: float) -> ContextAudio:
        stats = self._streams.get(frame.stream_id)
        if stats is None:
            raise InvalidFrame(f"audio for stream {frame.stream_id}, which no opened announced")
        samples = frame_samples(frame, self.ready.format.frame_samples)
        if stats.terminal is not None:
            stats.frames_after_terminal += 1
            stats.samples_after_terminal += samples
        else:
            stats.frames += 1
            stats.samples += samples
            if stats.first_audio_at is None:
                stats.first_audio_at = now
        return ContextAudio(stats.context_id, frame, samples, now)

    # --- closing ----------------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        return self._ws.closed

    async def close(self, code: int = 1000) -> None:
        """Close the connection (idempotent) and the HTTP session ``connect`` created."""
        try:
            await self._ws.close(code=code)
            if self.close_code is None:
                self.close_code = self._effective_close_code()
            if self._pending is not None:  # the close woke it; nothing to deliver any more
                pending, self._pending = self._pending, None
                with contextlib.suppress(Exception, asyncio.CancelledError):
                    await pending
        finally:
            if self._own_http is not None:
                await self._own_http.close()

    async def __aenter__(self) -> Session:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:  # fmt: skip
        await self.close()


async def connect(
    server: str,
    start: Start | None = None,
    *,
    token: str | None = None,
    headers: Mapping[str, str] | None = None,
    http: aiohttp.ClientSession | None = None,
    timeout: float = 10.0,
    max_msg_size: int = 4 * 1024 * 1024,
    clock: Clock = time.monotonic,
) -> Session:
    """Open a WebSocket session: connect, send ``start``, wait for ``ready``.

    Args:
        server: ``http://host:port`` (or any form ``websocket_url`` accepts).
        start: the session's settings; None sends ``{"type": "start"}`` (server defaults).
        token: credential sent as ``Authorization: Bearer`` (never in the URL).
        headers: extra HTTP headers for the upgrade request.
        http: an aiohttp session to use; by default one is created and closed with the
            session.
        timeout: seconds for the connection and the ``ready`` answer together.
        max_msg_size: largest server message accepted.
        clock: monotonic clock used for arrival times.

    Raises:
        RemoteError: the server refused the session with an ``error`` event.
        ConnectionError: the server closed without answering.
        TimeoutError: no ``ready`` within ``timeout``.
        aiohttp.ClientError: the HTTP upgrade failed (for example 503 or 401 before upgrade).
    """
    own = http is None
    session_http = aiohttp.ClientSession() if http is None else http
    request_headers = dict(headers or {})
    if token is not None:
        request_headers["Authorization"] = f"Bearer {token}"
    ws: aiohttp.ClientWebSocketResponse | None = None
    try:
        async with asyncio.timeout(timeout):
            ws = await session_http.ws_connect(
                websocket_url(server), protocols=(SUBPROTOCOL,), headers=request_headers,
                max_msg_size=max_msg_size, autoping=True,
            )  # fmt: skip
            await ws.send_str(serialize(start or Start()).decode())
            ready = await _await_ready(ws)
    except BaseException:
        if ws is not None:
            await ws.close()
        if own:
            await session_http.close()
        raise
    return Session(ws, session_http if own else None, ready, clock)


async def _await_ready(ws: aiohttp.ClientWebSocketResponse) -> Ready:
    msg = await ws.receive()
    if msg.type is aiohttp.WSMsgType.BINARY:
        raise InvalidMessage("expected ready, got a binary message")
    if msg.type is not aiohttp.WSMsgType.TEXT:
        raise ConnectionError(f"server closed ({ws.close_code}) before answering start")
    message = parse_server_message(msg.data)
    if isinstance(message, ErrorEvent):
        raise RemoteError(message.code, message.message, fatal=message.fatal,
                          retryable=message.retryable, close_code=message.close_code,
                          context_id=message.context_id,
                          retry_after_ms=message.retry_after_ms)  # fmt: skip
    if not isinstance(message, Ready):
        raise InvalidMessage(f"expected ready, got {message.TYPE.value}")
    return message
