"""The native WebSocket endpoint (``/v1/stream``): moves bytes between a socket and a session.

1. Upgrade (subprotocol ``voice.v1``), with aiohttp's message-size cap set to the configured
   limit and compression off (audio does not compress; it would cost CPU per frame).
2. Admission: the session registry refuses past the process and per-address caps (4503).
3. Handshake: the first valid message must be ``start`` within ``handshake_timeout_s`` (4408).
4. Reader loop: each text frame is parsed and applied by the protocol handler; replies (pong,
   cancelled, errors) are written at once, never behind audio. Binary frames are refused with
   an error event; the session goes on.
5. However the socket ends, the session closes: contexts cancelled, engine requests aborted.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiohttp import WSMsgType, web

from protocol import framing
from protocol.codec import parse_client_message, serialize
from protocol.errors import CloseCode, ErrorCode, ProtocolError, SessionError, UnexpectedBinary
from protocol.limits import SUBPROTOCOL
from protocol.messages import Encoding as WireEncoding
from protocol.messages import Start

from voice_server.app import CONFIG, REGISTRY, RUNTIME
from voice_server.handler import ProtocolHandler, error_event, new_session_id
from voice_server.outbox import Frame
from voice_server.registry import AdmissionError
from voice_server.session import Session

log = logging.getLogger(__name__)

CLOSE_ERRORS = {
    int(CloseCode.TIMEOUT): ErrorCode.IDLE_TIMEOUT,
    int(CloseCode.GOING_AWAY): ErrorCode.SHUTTING_DOWN,
    int(CloseCode.INTERNAL_ERROR): ErrorCode.INTERNAL_ERROR,
}


class WebSocketSink:
    """Writes a session's messages (text frames) and audio (binary frames) to one socket."""

    def __init__(self, ws: web.WebSocketResponse) -> None:
        self.ws = ws
        self.encoding = WireEncoding.PCM16

    async def send_message(self, message: Any) -> None:
        if not self.ws.closed:
            await self.ws.send_frame(serialize(message), WSMsgType.TEXT)

    async def send_audio(self, context_id: str, frame: Frame) -> None:
        if not self.ws.closed:
            header = framing.pack_header(frame.stream_id, frame.sequence, frame.timestamp,
                                         self.encoding)  # fmt: skip
            await self.ws.send_frame(header + frame.payload, WSMsgType.BINARY)

    def drop_audio(self, context_id: str) -> None:
        """Nothing to drop: a frame leaves the session only when it is sent."""

    async def close(self, code: int, reason: str) -> None:
        if self.ws.closed:
            return
        error = CLOSE_ERRORS.get(code)
        if error is not None:
            try:
                await asyncio.wait_for(self.send_message(error_event(SessionError(error, reason))), 1.0)
            except (TimeoutError, ConnectionError, RuntimeError):
                pass
        await self.ws.close(code=code, message=reason.encode()[:120])


async def stream_handler(request: web.Request) -> web.WebSocketResponse:
    """``GET /v1/stream``: one native-protocol session."""
    config = request.app[CONFIG]
    runtime = request.app[RUNTIME]
    ws = web.WebSocketResponse(
        protocols=(SUBPROTOCOL,),
        max_msg_size=config.limits.max_message_bytes,
        heartbeat=config.http.ws_heartbeat_s,
        compress=False,
    )
    await ws.prepare(request)
    sink = WebSocketSink(ws)
    if not runtime.ready.is_set():
        await _refuse(sink, SessionError(ErrorCode.SERVER_BUSY, "the model is still loading"))
        return ws
    session = Session(new_session_id(), config, runtime.synthesizer, sink)
    registry = request.app[REGISTRY]
    try:
        registry.admit(session, request.remote or "unknown")
    except AdmissionError as exc:
        code = ErrorCode.SHUTTING_DOWN if exc.code == "shutting_down" else ErrorCode.SERVER_BUSY
        await _refuse(sink, SessionError(code, str(exc)))
        return ws
    try:
        await _serve(ws, sink, session, ProtocolHandler(session, runtime))
    finally:
        registry.release(session)
        await session.close(1000, "session ended")
    return ws


async def _serve(ws: web.WebSocketResponse, sink: WebSocketSink, session: Session,
                 handler: ProtocolHandler) -> None:  # fmt: skip
    if not await _handshake(ws, sink, session, handler):
        return
    sink.encoding = WireEncoding(handler.format.encoding.value)
    session.start()
    async for msg in ws:
        if session.closing:
            break
        if msg.type is WSMsgType.TEXT:
            await _apply(sink, session, handler, msg.data)
        elif msg.type is WSMsgType.BINARY:
            await sink.send_message(error_event(UnexpectedBinary("client messages are text frames")))


async def _apply(sink: WebSocketSink, session: Session, handler: ProtocolHandler, data: str) -> None:
    try:
        replies = handler.handle(parse_client_message(data))
    except ProtocolError as exc:
        await _report(sink, session, exc)
        return
    for reply in replies:
        await sink.send_message(reply)


async def _report(sink: WebSocketSink, session: Session, exc: ProtocolError) -> None:
    await sink.send_message(error_event(exc))
    if exc.fatal and exc.close_code is not None:
        await session.close(int(exc.close_code), exc.message[:120])


async def _handshake(ws: web.WebSocketResponse, sink: WebSocketSink, session: Session,
                     handler: ProtocolHandler) -> bool:  # fmt: skip
    """Wait for ``start``; answer ``ready``. False when the session must end."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + session.config.limits.handshake_timeout_s
    while True:
        try:
            msg = await asyncio.wait_for(ws.receive(), max(0.0, deadline - loop.time()))
        except TimeoutError:
            await _refuse(sink, SessionError(ErrorCode.HANDSHAKE_TIMEOUT, "no start message in time"))
            return False
        if msg.type is WSMsgType.BINARY:
            await sink.send_message(error_event(UnexpectedBinary("client messages are text frames")))
            continue
        if msg.type is not WSMsgType.TEXT:
            return False
        try:
            message = parse_client_message(msg.data)
            if not isinstance(message, Start):
                raise SessionError(ErrorCode.HANDSHAKE_REQUIRED, "the first message must be start")
            await sink.send_message(handler.start(message))
            return True
        except ProtocolError as exc:
            await sink.send_message(error_event(exc))
            if exc.fatal:
                await sink.close(int(exc.close_code or CloseCode.BAD_START), exc.message[:120])
                return False


async def _refuse(sink: WebSocketSink, exc: SessionError) -> None:
    await sink.send_message(error_event(exc))
    await sink.ws.close(code=int(exc.close_code or CloseCode.POLICY_VIOLATION),
                        message=exc.message.encode()[:120])  # fmt: skip
