"""What the vendor-compatible adapters share: admission, credentials, sinks, container audio.

The ElevenLabs and Cartesia adapters are thin translations onto the same ``Session`` the native
WebSocket uses (contexts, flush, cancel, voice cache, pacing, limits). Each adapter is a reader
that turns the vendor's client messages into session operations, plus a ``Sink`` that writes
the session's audio and events in the vendor's JSON shape. This module holds the parts that do
not depend on the vendor:

* ``VendorEvent`` / ``make_event``: context events (``segment_start``, ``flush_done``,
  ``context_done``...) kept vendor-neutral in the outbox; each sink renders the ones its
  vendor has and drops the rest.
* ``authenticate`` and ``admitted``: the server's own API keys, caps and session registry,
  reached through the vendors' credential conventions; refusals become ``Refusal`` (a status
  and a code) that each adapter renders in its vendor's error shape *before* any upgrade.
* ``JsonSocketSink``: one vendor WebSocket (JSON text frames, base64 audio), with a lock so
  that direct replies and paced audio never interleave inside a frame, and a per-context
  "live" set so that nothing of a context leaves after the adapter has dropped it.
* ``HttpSink`` and ``stream_http``: one context's audio streamed into one HTTP response.
* ``ContainerEncoder``: an MP3 or WAV stream shaped like a ``FrameEncoder``, so a context's
  audio can be one continuous file (clients feed a whole context to one decoder).
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import uuid
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
import numpy.typing as npt
from aiohttp import WSMsgType, web

from voice_server.app import CONFIG, REGISTRY, RUNTIME
from voice_server.auth import AUTH, AuthRefusal, Principal, Unauthorized
from voice_server.codec.audio_format import Encoding, OutputFormat
from voice_server.codec.containers import open_writer
from voice_server.codec.encoders import FrameEncoder
from voice_server.compat_voices import CompatConfig
from voice_server.config import ServerConfig
from voice_server.context import Context
from voice_server.engine.sampling import Sampling
from voice_server.failures import client_reason
from voice_server.metrics import METRICS
from voice_server.outbox import Frame
from voice_server.registry import AdmissionError
from voice_server.runtime import SpeechRuntime
from voice_server.session import Session, SessionClosed
from voice_server.synthesis import Voice
from voice_server.text.segmenter import Segmenter, SegmenterPolicy
from voice_server.voices import VoiceLibrary
from voice_server.transport import common

from protocol.errors import SessionError

log = logging.getLogger(__name__)

JsonObject = dict[str, Any]


# --- events --------------------------------------------------------------------------------


@dataclass(frozen=True)
class VendorEvent:
    """A context event, kept vendor-neutral until a sink renders it.

    Attributes:
        kind: "segment_start", "segment_done", "flush_done" or "context_done".
        context_id: the context it belongs to.
        fields: the event's details (``flush_id`` for flush_done...).
    """

    kind: str
    context_id: str
    fields: Mapping[str, Any] = field(default_factory=dict)

    @property
    def TYPE(self) -> str:  # noqa: N802 - the session ends a context on TYPE "context_done"
        return self.kind


def make_event(kind: str, context: Context, **fields: Any) -> VendorEvent:
    """The ``make_event`` every vendor context is opened with."""
    return VendorEvent(kind, context.id, fields)


@dataclass(frozen=True)
class ContextFailure:
    """What ``Session.failure_messages`` hands a vendor sink when synthesis failed."""

    context_id: str
    reason: str


def failure_messages(context: Context, exc: Exception) -> list[ContextFailure]:
    """The ``Session.failure_messages`` of every vendor session: what its sink renders."""
    return [ContextFailure(context.id, client_reason(exc))]


# --- refusals and credentials ---------------------------------------------------------------


class Refusal(Exception):
    """A request refused before any work; each adapter renders it in its vendor's shape.

    Attributes:
        status: HTTP status.
        code: machine-readable code (this server's, e.g. "invalid_api_key").
        message: for people.
        headers: extra response headers (``Retry-After``...).
    """

    def __init__(self, status: int, code: str, message: str,
                 headers: Mapping[str, str] | None = None) -> None:  # fmt: skip
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})

    @classmethod
    def from_auth(cls, refusal: AuthRefusal) -> Refusal:
        headers = {k: v for k, v in refusal.headers.items() if k.lower() != "content-type"}
        return cls(refusal.status, refusal.code, refusal.message, headers)


def authenticate(
    request: web.Request, query_keys: tuple[str, ...] = (), query_tokens: tuple[str, ...] = ()
) -> Principal | None:
    """The caller's principal, or None when the app has no authenticator.

    Headers (``Authorization: Bearer``, ``X-API-Key``, ``xi-api-key``) are the authenticator's
    own; ``query_keys`` names query parameters that may carry an API key (ElevenLabs
    ``?authorization=``) and ``query_tokens`` ones that carry a browser token (Cartesia
    ``?access_token=``), for clients that cannot set headers.

    Raises:
        Refusal: bad origin, missing or wrong credential, or the key's request rate is spent.
    """
    auth = request.app.get(AUTH)
    if auth is None:
        return None
    try:
        auth.check_origin(request)
        try:
            principal = auth.check_request(request)
        except Unauthorized as missing:
            if missing.code != "missing_credentials":
                raise
            principal = _query_credential(request, query_keys, query_tokens) or _reraise(missing)
        auth.allow_request(principal)
    except AuthRefusal as refusal:
        raise Refusal.from_auth(refusal) from None
    return principal


def _reraise(error: Exception) -> Principal:
    raise error


def _query_credential(
    request: web.Request, query_keys: tuple[str, ...], query_tokens: tuple[str, ...]
) -> Principal | None:
    auth = request.app[AUTH]
    for name in query_keys:
        value = request.query.get(name, "").removeprefix("Bearer ").strip()
        if value:
            principal = auth.principal_for_key(value)
            if principal is None:
                raise Unauthorized("invalid_api_key", "the API key is not valid")
            return principal
    for name in query_tokens:
        value = request.query.get(name, "").strip()
        if value:
            return auth.redeem(value)
    return None


def ready_runtime(request: web.Request) -> tuple[SpeechRuntime, VoiceLibrary]:
    """The loaded runtime and its voices.

    Raises:
        Refusal: 503 while the model loads or after the engine failed.
    """
    runtime = request.app[RUNTIME]
    if not runtime.ready.is_set() or runtime.voices is None:
        raise Refusal(503, "not_ready", "the model is still loading", {"Retry-After": "5"})
    if runtime.errored:
        raise Refusal(503, "engine_failed", "the speech engine has failed")
    return runtime, runtime.voices


def compat_config(request: web.Request) -> CompatConfig:
    return request.app[CONFIG].compat


def session_config(request: web.Request, *, idle_timeout_s: float | None = None,
                   lead_ms: int | None = None) -> ServerConfig:  # fmt: skip
    """The app's config with a vendor's idle timeout or pacing lead in place."""
    config = request.app[CONFIG]
    if idle_timeout_s is not None:
        config = dataclasses.replace(
            config, limits=dataclasses.replace(config.limits, idle_timeout_s=idle_timeout_s)
        )
    if lead_ms is not None:
        # The session measures a client's lag from each frame's send time, which a long lead
        # puts in the past, so a lead past the slow-consumer budget would close at once.
        budget_ms = int(1000 * config.limits.slow_consumer_lag_s) - 1000
        lead_ms = max(0, min(lead_ms, budget_ms))
        config = dataclasses.replace(
            config, pacing=dataclasses.replace(config.pacing, lead_ms=lead_ms)
        )
    return config


@contextmanager
def placed_session(request: web.Request, config: ServerConfig, sink: Any) -> Iterator[Session]:
    """A new session on the engine replica ``SpeechRuntime.place`` picks, holding that
    placement until the block ends (the session's whole life)."""
    with request.app[RUNTIME].place() as placement:
        yield Session(uuid.uuid4().hex[:16], config, placement.synthesizer, sink)


@asynccontextmanager
async def admitted(
    request: web.Request, session: Session, principal: Principal | None, transport: str
) -> AsyncIterator[None]:
    """Hold a registry slot and one of the key's session slots for ``session``'s life, counted
    in ``voice_server_sessions_active{transport}`` (the vendor's name) meanwhile.

    Raises:
        Refusal: the process, address or key is at its cap, or the server is shutting down.
    """
    registry = request.app[REGISTRY]
    try:
        registry.admit(session, request.remote or "unknown")
    except AdmissionError as exc:
        raise Refusal(exc.http_status, exc.code, str(exc),
                      {"Retry-After": exc.retry_after_header}) from None  # fmt: skip
    session.stream_gate = registry
    auth = request.app.get(AUTH)
    try:
        if auth is not None and principal is not None:
            try:
                auth.acquire_session(principal)
            except AuthRefusal as refusal:
                raise Refusal.from_auth(refusal) from None
        metrics = request.app.get(METRICS)
        if metrics is not None:
            metrics.session_opened(transport)
        try:
            yield
        finally:
            if metrics is not None:
                metrics.session_closed(transport)
            if auth is not None and principal is not None:
                auth.release_session(principal)
    finally:
        registry.release(session)


def sentence_segmenter() -> Segmenter:
    """Segments as the native protocol's default ("auto") cuts them."""
    return Segmenter(SegmenterPolicy())


# --- audio ---------------------------------------------------------------------------------


def pcm16_to_f32le(payload: bytes) -> bytes:
    """s16le samples to f32le in [-1, 1) (Cartesia's ``pcm_f32le``)."""
    samples = np.frombuffer(payload, dtype="<i2").astype(np.float32) / np.float32(32768.0)
    return samples.astype("<f4", copy=False).tobytes()


class ContainerEncoder(FrameEncoder):
    """One continuous container stream (``mp3``, ``wav``) per context, as a ``FrameEncoder``.

    The session paces and counts audio in fixed frames, so ``encode`` returns one payload per
    whole frame of input (at 16 kHz) that went in: the container bytes made so far ride on the
    first of them and the others are empty (sinks skip empty payloads). ``flush`` (a flush
    mark) only rounds the frame count up; the stream stays open, because a client feeds a
    whole context to one decoder. ``close`` returns the stream's tail, which the sink sends
    before the context's final message.

    Args:
        fmt: ``containers`` format name ("mp3", "wav").
        sample_rate: output rate.
        frame_ms: pacing frame duration.
        bitrate: codec bitrate (mp3), None for the writer's default.

    Raises:
        ValueError: a format or rate the container writer does not support.
    """

    def __init__(self, fmt: str, sample_rate: int, frame_ms: int,
                 bitrate: int | None = None) -> None:  # fmt: skip
        super().__init__(OutputFormat(Encoding.PCM16, sample_rate, frame_ms))
        self._writer = open_writer(fmt, sample_rate, bitrate)
        self.content_type = self._writer.content_type
        self._pending_16k = 0
        self._carry = b""

    def encode(self, samples16k: npt.ArrayLike) -> list[bytes]:
        samples = np.asarray(samples16k, dtype=np.float32).reshape(-1)
        data = self._carry + self._writer.feed(samples)
        frames, self._pending_16k = divmod(
            self._pending_16k + samples.size, self.format.frame_samples_at_16k
        )
        if frames == 0:
            self._carry = data
            return []
        self._carry = b""
        return [data] + [b""] * (frames - 1)

    def flush(self) -> list[bytes]:
        if self._pending_16k == 0:
            return []
        self._pending_16k = 0
        data, self._carry = self._carry, b""
        return [data]

    def reset(self) -> None:
        """Cancel: the context is over, so the stream is abandoned."""
        self._writer.close()
        self._pending_16k = 0
        self._carry = b""

    def close(self) -> bytes:
        """The stream's remaining bytes (idempotent)."""
        tail, self._carry = self._carry + self._writer.close(), b""
        return tail


def finish_stream(encoder: FrameEncoder) -> bytes:
    """A context's last bytes: the container tail, or nothing for frame encodings."""
    return encoder.close() if isinstance(encoder, ContainerEncoder) else b""


# --- WebSocket sink --------------------------------------------------------------------------


class JsonSocketSink:
    """A vendor WebSocket: JSON text frames, audio base64 inside them (see module docstring).

    Subclasses render: ``render_audio`` (one frame of a live context to a JSON object) and
    ``render_event`` (a ``VendorEvent`` or ``ContextFailure`` to zero or more objects).
    """

    close_codes: ClassVar[Mapping[int, int]] = {}
    """This server's close codes mapped to the ones the vendor's clients know."""
    vendor: ClassVar[str]
    """The vendor's name ("elevenlabs", "cartesia"): the session gauge's ``transport``."""

    def __init__(self, ws: web.WebSocketResponse) -> None:
        self.ws = ws
        self.transport: asyncio.Transport | None = None  # set by serve_socket
        self._lock = asyncio.Lock()

    async def send_json(self, obj: JsonObject) -> None:
        """Send one message now.

        Raises:
            SessionClosed: the client is gone (ends the calling session task quietly).
        """
        if self.ws.closed:
            return
        text = json.dumps(obj, separators=(",", ":"))
        try:
            async with self._lock:
                await self.ws.send_str(text)
        except ConnectionError as exc:
            raise SessionClosed(str(exc)) from exc

    async def send_message(self, message: Any) -> None:
        for obj in self.render_event(message):
            await self.send_json(obj)

    writes_at_once = False  # each frame is its own JSON message, sent under a lock

    async def send_audio(self, context_id: str, frames: list[Frame]) -> None:
        for frame in frames:
            obj = self.render_audio(context_id, frame) if frame.payload else None
            if obj is not None:
                await self.send_json(obj)

    def drop_audio(self, context_id: str) -> None:
        """Nothing is queued past the session's outbox."""

    async def close(self, code: int, reason: str) -> None:
        if not self.ws.closed:
            await common.close_websocket(self.ws, self.transport,
                                         self.close_codes.get(code, code), reason)  # fmt: skip

    def render_audio(self, context_id: str, frame: Frame) -> JsonObject | None:
        raise NotImplementedError

    def render_event(self, message: Any) -> list[JsonObject]:
        raise NotImplementedError

    async def read_messages(self, session: Session) -> AsyncIterator[JsonObject | str]:
        """Client messages: parsed JSON objects, or a string saying why one was refused;
        read at most ``limits.max_messages_per_s`` a second (``common.ReadPace``)."""
        pace = common.ReadPace(session.config.limits.max_messages_per_s)
        async for msg in self.ws:
            if session.closing:
                return
            await pace.next()
            if msg.type is WSMsgType.PING:
                await self.ws.pong(msg.data)
            elif msg.type is WSMsgType.TEXT:
                try:
                    obj = json.loads(msg.data)
                except (ValueError, RecursionError):  # RecursionError: nested too deeply
                    yield "the message is not valid JSON"
                    continue
                yield obj if isinstance(obj, dict) else "the message must be a JSON object"
            elif msg.type is WSMsgType.BINARY:
                yield "binary messages are not accepted; send JSON text"
        await common.answer_client_close(self.ws, self.transport)


def open_socket(request: web.Request) -> web.WebSocketResponse:
    """A vendor socket (not yet prepared), with this server's size cap and heartbeat."""
    config = request.app[CONFIG]
    cap = common.aiohttp_message_cap(config.limits.max_message_bytes)
    # autoclose off: ``read_messages`` answers a client's close (``answer_client_close``)
    return web.WebSocketResponse(max_msg_size=cap, heartbeat=config.http.ws_heartbeat_s,
                                 compress=False, autoping=False, autoclose=False)  # fmt: skip


async def serve_socket(request: web.Request, ws: web.WebSocketResponse, config: ServerConfig,
                       sink: Any, principal: Principal | None,
                       refused: Callable[[Refusal], web.Response]) -> web.StreamResponse:
    """Run one vendor socket's session on ``sink`` until the socket closes; ``refused`` turns a
    refusal into the vendor's HTTP error (before the upgrade)."""
    common.require_upgrade(ws, request)  # as on every WebSocket path (docs/compat.md)
    sink.transport = request.transport
    with placed_session(request, config, sink) as session:
        sink.session = session
        session.failure_messages = failure_messages
        try:
            async with admitted(request, session, principal, sink.vendor):
                await ws.prepare(request)
                session.start()
                try:
                    await sink.serve()
                finally:
                    await session.close(1000, "socket closed")  # = cancel everything
        except Refusal as refusal:
            return refused(refusal)
    return ws


# --- HTTP ----------------------------------------------------------------------------------


class HttpSink:
    """Streams one context's audio into one HTTP response (see ``stream_http``).

    The response is prepared at the first bytes, so a failure before any audio can still be
    answered with a proper error status.
    """

    def __init__(self, request: web.Request, response: web.StreamResponse,
                 render: Callable[[bytes], bytes]) -> None:  # fmt: skip
        self.request = request
        self.response = response
        self.render = render
        self.done = asyncio.Event()
        self.completed = False
        self.failure: str | None = None

    async def write(self, data: bytes) -> None:
        if not data:
            return
        try:
            if not self.response.prepared:
                await self.response.prepare(self.request)
            await self.response.write(data)
        except ConnectionError as exc:
            self._end(failure="client disconnected")
            raise SessionClosed("client disconnected") from exc

    async def send_message(self, message: Any) -> None:
        if isinstance(message, ContextFailure):
            self._end(failure=message.reason)
        elif isinstance(message, VendorEvent) and message.kind == "context_done":
            self.completed = True
            self._end()

    writes_at_once = False  # each frame is its own body write, which may wait for the client

    async def send_audio(self, context_id: str, frames: list[Frame]) -> None:
        for frame in frames:
            await self.write(self.render(frame.payload))

    def drop_audio(self, context_id: str) -> None:
        """Nothing is queued past the session's outbox."""

    async def close(self, code: int, reason: str) -> None:
        self._end(failure=reason or "closed")

    def _end(self, failure: str | None = None) -> None:
        if not self.done.is_set():
            self.failure = None if self.completed else failure
            self.done.set()


@dataclass(frozen=True)
class HttpJob:
    """One HTTP synthesis request, validated by the adapter.

    Attributes:
        text: the whole input.
        voice: the synthesis voice.
        sampling: sampling settings (seed).
        encoder: the output encoder (a ``ContainerEncoder`` for file formats).
        content_type: the response's Content-Type.
        render: each audio payload to the bytes written (identity, base64 JSON lines...).
        finish: the bytes that end the body, given the stream's tail bytes.
        route: the vendor ("elevenlabs", "cartesia"): the metrics' route and transport label.
        format_label: the output format in the metrics (a bounded set: no bit rates).
    """

    text: str
    voice: Voice
    sampling: Sampling
    encoder: FrameEncoder
    content_type: str
    render: Callable[[bytes], bytes]
    finish: Callable[[bytes], bytes]
    route: str
    format_label: str


async def stream_http(request: web.Request, principal: Principal | None,
                      job: HttpJob) -> web.StreamResponse:  # fmt: skip
    """Synthesize ``job`` through a one-context session and stream it out.

    Returns the streamed response. A client that disconnects ends the session (and so the
    engine request); a failure after the first bytes cuts the connection, so the client sees
    a truncated body rather than a short one that looks complete.

    Raises:
        Refusal: admission refused, text refused, or no audio could be made (nothing sent yet).
    """
    response = web.StreamResponse(headers={"Content-Type": job.content_type,
                                           "Cache-Control": "no-store"})  # fmt: skip
    response.enable_chunked_encoding()
    sink = HttpSink(request, response, job.render)
    lead_ms = compat_config(request).http_lead_ms
    config = session_config(request, lead_ms=lead_ms)
    with placed_session(request, config, sink) as session:
        session.failure_messages = failure_messages
        async with admitted(request, session, principal, job.route):
            metrics = request.app.get(METRICS)
            if metrics is not None:
                metrics.http_request(job.route, job.format_label)
            session.start()
            try:
                context = session.open_context("http", job.voice, job.sampling, job.encoder,
                                               sentence_segmenter(), make_event)  # fmt: skip
                session.add_text(context, job.text)
                context.end_input()
                await sink.done.wait()
            except SessionError as exc:
                raise Refusal(400, str(exc.code), exc.message) from None
            finally:
                await session.close(1000, "request done")
    if sink.failure is None:
        try:
            await sink.write(job.finish(finish_stream(job.encoder)))
            if not response.prepared:
                await response.prepare(request)
            await response.write_eof()
        except (SessionClosed, ConnectionError):
            pass  # the client left after the last audio: nothing more to tell it
    elif not response.prepared:
        raise Refusal(500, "no_audio", f"no audio could be made: {sink.failure}")
    elif request.transport is not None:
        request.transport.close()
    return response
