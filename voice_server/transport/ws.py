"""The native WebSocket endpoint (``/v1/stream``): moves bytes between a socket and a session.

1. Before the upgrade: the Origin allow-list, then credentials (API key header, a browser token
   in ``Sec-WebSocket-Protocol`` or ``?token=``), the key's request rate and session cap. A
   request that carries no credential at all may still upgrade when auth is on: its ``start``
   must then carry a browser token (the first-message path), or the session closes with 4401.
2. Upgrade (subprotocol ``voice.v1``), with aiohttp's message-size cap set to the configured
   limit and compression off (audio does not compress; it would cost CPU per frame).
3. Admission: the session registry refuses past the process and per-address caps (4503). The
   session is placed on an engine replica (``SpeechRuntime.place``) for its whole life.
4. Handshake: the first valid message must be ``start`` within ``handshake_timeout_s`` (4408).
5. Reader loop: each text frame is applied through ``transport.common`` (shared with the WebRTC
   data channel); replies (pong, cancelled, errors) are written at once, never behind audio.
6. However the socket ends, the session closes: contexts cancelled, engine requests aborted.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiohttp import WSMsgType, web

from protocol import framing
from protocol.codec import serialize
from protocol.errors import CloseCode, ErrorCode, SessionError
from protocol.limits import SUBPROTOCOL
from protocol.messages import Encoding as WireEncoding
from protocol.messages import ErrorEvent, Start

from voice_server.app import CONFIG, REGISTRY, RUNTIME
from voice_server.auth import (
    AUTH,
    TOKEN_PROTOCOL_PREFIX,
    AuthRefusal,
    Principal,
    TooManyRequests,
)
from voice_server.handler import ProtocolHandler, error_event, new_session_id
from voice_server.logging_setup import session_id_var
from voice_server.metrics import METRICS, Metrics
from voice_server.outbox import Frame
from voice_server.registry import CAPACITY_RETRY_AFTER_S, AdmissionError
from voice_server.session import Session
from voice_server.transport import common, ws_wire

log = logging.getLogger(__name__)

CLOSE_ERRORS = {
    int(CloseCode.TIMEOUT): ErrorCode.IDLE_TIMEOUT,
    int(CloseCode.GOING_AWAY): ErrorCode.SHUTTING_DOWN,
    int(CloseCode.INTERNAL_ERROR): ErrorCode.INTERNAL_ERROR,
    int(CloseCode.SLOW_CONSUMER): ErrorCode.SLOW_CONSUMER,
}
CREDENTIAL_HEADERS = ("Authorization", "X-API-Key", "xi-api-key")
DRAIN_POLL_S = 0.01  # how often a sender held by a full socket buffer looks again


class WebSocketSink:
    """Writes a session's messages (text frames) and audio (binary frames) to one socket."""

    writes_at_once = True

    def __init__(self, ws: web.WebSocketResponse, metrics: Metrics,
                 transport: asyncio.Transport | None = None) -> None:  # fmt: skip
        self.ws = ws
        self.metrics = metrics
        self.encoding = WireEncoding.PCM16
        self.transport = transport  # the upgraded connection's; audio is written to it directly

    async def send_message(self, message: Any) -> None:
        if isinstance(message, ErrorEvent):
            self.metrics.error(message.code)
        if not self.ws.closed:
            try:
                await self.ws.send_frame(serialize(message), WSMsgType.TEXT)
            except ConnectionError:  # the client reset the connection: nobody left to tell,
                pass  # and its read loop ends on the next receive

    async def send_audio(self, context_id: str, frames: list[Frame]) -> None:
        """All frames as binary messages in one socket write (``ws_wire`` says why), then wait
        while the socket's buffer is above its high-water mark: a client that does not read
        holds the sender here, and the session's lag budget turns that into ``slow_consumer``."""
        transport = self.transport
        if self.ws.closed or transport is None or transport.is_closing():
            return
        pack = framing.pack_header
        transport.write(ws_wire.binary_frames(
            pack(f.stream_id, f.sequence, f.timestamp, self.encoding) + f.payload for f in frames
        ))  # fmt: skip
        low, high = transport.get_write_buffer_limits()
        if transport.get_write_buffer_size() > high:
            while transport.get_write_buffer_size() > low and not transport.is_closing():
                await asyncio.sleep(DRAIN_POLL_S)

    def drop_audio(self, context_id: str) -> None:
        """Nothing to drop: a frame leaves the session only when it is sent."""

    async def close(self, code: int, reason: str) -> None:
        if self.ws.closed:
            return
        error = CLOSE_ERRORS.get(code)
        if error is not None:
            try:
                async with asyncio.timeout(1.0):
                    await self.send_message(error_event(SessionError(error, reason)))
            except (TimeoutError, ConnectionError, RuntimeError):
                pass
        await common.close_websocket(self.ws, self.transport, code, reason)


def carries_credentials(request: web.Request) -> bool:
    """Whether the upgrade request presents any credential (header, subprotocol or query)."""
    if any(request.headers.get(name) for name in CREDENTIAL_HEADERS):
        return True
    protocols = request.headers.get("Sec-WebSocket-Protocol", "")
    if any(p.strip().startswith(TOKEN_PROTOCOL_PREFIX) for p in protocols.split(",")):
        return True
    return bool(request.query.get("token"))


def authenticate_upgrade(request: web.Request) -> Principal | None:
    """The principal of the upgrade, or None when it must come in ``start.token``.

    Raises:
        AuthRefusal: bad origin, bad credential, rate or session cap (HTTP error, no upgrade).
    """
    auth = request.app[AUTH]
    auth.check_origin(request)
    if auth.config.enabled and not carries_credentials(request):
        return None
    principal = auth.check_request(request)
    auth.allow_request(principal)
    return principal


async def stream_handler(request: web.Request) -> web.StreamResponse:
    """``GET /v1/stream``: one native-protocol session."""
    principal = authenticate_upgrade(request)
    config = request.app[CONFIG]
    ws = web.WebSocketResponse(
        protocols=(SUBPROTOCOL,),
        max_msg_size=common.aiohttp_message_cap(config.limits.max_message_bytes),
        heartbeat=config.http.ws_heartbeat_s,
        compress=False,
        autoping=False,  # pings are answered in ``_serve``, within the read budget
        autoclose=False,  # a client's close is answered in ``_serve`` (answer_client_close)
    )
    common.require_upgrade(ws, request)
    # The key's session slot is taken before the upgrade, so a key at its cap gets a real
    # HTTP 429 (PROTOCOL.md 2.4): an HTTP error raised after ``prepare`` would be written
    # into the WebSocket stream as raw bytes.
    holder = _PrincipalHolder(request, principal)
    try:
        return await _upgrade_and_serve(request, ws, holder)
    finally:
        holder.release()


async def _upgrade_and_serve(request: web.Request, ws: web.WebSocketResponse,
                             holder: _PrincipalHolder) -> web.StreamResponse:  # fmt: skip
    config = request.app[CONFIG]
    runtime = request.app[RUNTIME]
    try:
        await ws.prepare(request)
    except ConnectionError:  # the client reset the connection before its upgrade was answered
        return ws
    _limit_send_buffer(request, config.limits.socket_send_buffer_bytes)
    metrics = request.app[METRICS]
    sink = WebSocketSink(ws, metrics, request.transport)
    if not runtime.ready.is_set():
        await _refuse(sink, SessionError(ErrorCode.SERVER_BUSY, "the model is still loading",
                                         retry_after_ms=round(1000 * CAPACITY_RETRY_AFTER_S)))
        return ws
    if runtime.errored:
        await _refuse(sink, SessionError(ErrorCode.ENGINE_FAILED, "the speech engine has failed"))
        return ws
    with runtime.place() as placement:  # the session's replica, for its whole life
        session = Session(new_session_id(), config, placement.synthesizer, sink, metrics=metrics)
        session_id_var.set(session.id)
        registry = request.app[REGISTRY]
        try:
            registry.admit(session, request.remote or "unknown")
        except AdmissionError as exc:
            code = ErrorCode.SHUTTING_DOWN if exc.code == "shutting_down" else ErrorCode.SERVER_BUSY
            retry_ms = None if exc.retry_after_s is None else round(1000 * exc.retry_after_s)
            await _refuse(sink, SessionError(code, str(exc), retry_after_ms=retry_ms))
            return ws
        session.stream_gate = registry
        metrics.session_opened("websocket")
        try:
            await _serve(ws, sink, session, ProtocolHandler(session, runtime), holder)
        except ConnectionError:  # the client reset the connection: its session ends as any
            log.info("client connection reset")  # other, without a request error
        finally:
            registry.release(session)
            await session.close(1000, "session ended")
            metrics.session_closed("websocket")
    return ws


def _limit_send_buffer(request: web.Request, size: int) -> None:
    """Keep queued audio visible to the sender (see ``limits.socket_send_buffer_bytes``)."""
    import socket

    transport = request.transport
    sock = transport.get_extra_info("socket") if transport is not None else None
    if sock is not None:
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, size)
        except OSError:
            log.debug("could not set SO_SNDBUF", exc_info=True)


class _PrincipalHolder:
    """The session slot of the authenticated key, taken once and given back once."""

    def __init__(self, request: web.Request, principal: Principal | None) -> None:
        self.auth = request.app[AUTH]
        self.principal: Principal | None = None
        if principal is not None:
            self.take(principal)

    def take(self, principal: Principal) -> None:
        self.auth.acquire_session(principal)
        self.principal = principal

    def release(self) -> None:
        if self.principal is not None:
            self.auth.release_session(self.principal)
            self.principal = None


async def _serve(ws: web.WebSocketResponse, sink: WebSocketSink, session: Session,
                 handler: ProtocolHandler, holder: _PrincipalHolder) -> None:  # fmt: skip
    pace = common.ReadPace(session.config.limits.max_messages_per_s)
    if not await _handshake(ws, sink, session, handler, holder, pace):
        return
    sink.encoding = WireEncoding(handler.format.encoding.value)
    session.start()
    async for msg in ws:
        if session.closing:
            break
        if msg.type is WSMsgType.TEXT:
            await common.apply(sink, session, handler, msg.data)
        elif msg.type is WSMsgType.BINARY:
            await common.apply(sink, session, handler, bytes(msg.data))
        elif msg.type is WSMsgType.PING:
            await ws.pong(msg.data)
        await pace.next()
    await common.answer_client_close(ws, sink.transport)


async def _handshake(ws: web.WebSocketResponse, sink: WebSocketSink, session: Session,
                     handler: ProtocolHandler, holder: _PrincipalHolder,
                     pace: common.ReadPace) -> bool:  # fmt: skip
    """Wait for ``start`` (checking its token when auth is pending); answer ``ready``."""
    deadline = asyncio.get_running_loop().time() + session.config.limits.handshake_timeout_s
    while True:
        try:
            async with asyncio.timeout_at(deadline):
                msg = await ws.receive()
                while msg.type in (WSMsgType.PING, WSMsgType.PONG):  # no autoping: see _serve
                    if msg.type is WSMsgType.PING:
                        await ws.pong(msg.data)
                    await pace.next()
                    msg = await ws.receive()
        except TimeoutError:
            await _refuse(sink, SessionError(ErrorCode.HANDSHAKE_TIMEOUT, "no start message in time"))
            return False
        if msg.type not in (WSMsgType.TEXT, WSMsgType.BINARY):
            await common.answer_client_close(ws, sink.transport)
            return False
        data = msg.data if msg.type is WSMsgType.TEXT else bytes(msg.data)
        if holder.principal is None and not await _first_message_auth(sink, session, holder, data):
            return False
        outcome = await common.start_from(sink, session, handler, data)
        if outcome is not common.Handshake.WAITING:
            return outcome is common.Handshake.STARTED
        await pace.next()


async def _first_message_auth(sink: WebSocketSink, session: Session, holder: _PrincipalHolder,
                              data: str | bytes) -> bool:  # fmt: skip
    """With auth on and no credential at the upgrade, ``start.token`` must carry one.

    Only a ``start`` is checked: anything else is left to ``common.start_from``, which reports
    input that is not a message and answers any other known type with ``handshake_required``
    (PROTOCOL.md 4.3), whatever credential it lacks. Nothing is given away by that order: the
    connection closes either way, and no message but ``start`` is ever acted on.
    """
    if not holder.auth.config.enabled or isinstance(data, bytes):
        return True  # a binary message is never a start (unexpected_binary): its token unused
    from protocol.codec import parse_client_message
    from protocol.errors import ProtocolError

    try:
        message = parse_client_message(data)
    except ProtocolError:
        return True  # not a valid start: common.start_from reports it (and keeps waiting or closes)
    if not isinstance(message, Start):
        return True  # the wrong order: common.start_from answers handshake_required
    try:
        if message.token is None:
            raise _unauthorized("start.token is required (no credential at the upgrade)")
        principal = holder.auth.redeem(message.token)
        holder.auth.allow_request(principal)
        holder.take(principal)
    except AuthRefusal as exc:
        event = _refusal_event(exc)
        await sink.send_message(event)
        await session.close(int(event.close_code or exc.close_code), exc.message[:120])
        return False
    return True


def _refusal_event(refusal: AuthRefusal) -> ErrorEvent:
    """The fatal ``error`` that answers a ``start`` whose token is refused.

    A bad token is ``unauthorized`` (4401). A good token whose key is at one of its caps gets
    the code of the HTTP 429 an upgrade with that key would get (``too_many_sessions``, or
    ``rate_limited`` for the key's request rate), retryable, with ``Retry-After`` as
    ``retry_after_ms`` and close 1013 (try again later): the event names the close that
    follows (PROTOCOL.md 9.9).
    """
    if isinstance(refusal, TooManyRequests):
        retry_after_s = int(refusal.headers.get("Retry-After", "1"))
        return ErrorEvent(code=refusal.code, message=refusal.message, retryable=True,
                          fatal=True, close_code=int(CloseCode.TRY_AGAIN_LATER),
                          retry_after_ms=1000 * retry_after_s)  # fmt: skip
    return error_event(SessionError(ErrorCode.UNAUTHORIZED, refusal.message))


def _unauthorized(message: str) -> AuthRefusal:
    from voice_server.auth import Unauthorized

    return Unauthorized("unauthorized", message)


async def _refuse(sink: WebSocketSink, exc: SessionError) -> None:
    await sink.send_message(error_event(exc))
    await common.close_websocket(sink.ws, sink.transport,
                                 int(exc.close_code or CloseCode.POLICY_VIOLATION), exc.message)
