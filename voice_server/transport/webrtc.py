"""WebRTC calls: WHIP/WHEP-style signalling, control on a data channel, speech on a paced track.

A call is the same ``Session`` as a WebSocket connection (engine, voice cache, segmentation,
cancel); only the carriage differs. Protocol messages travel as JSON text on the data channel
the client opens; audio leaves as PCM at 48 kHz through ``PacedAudioTrack``, which aiortc
encodes to Opus and sends over SRTP.

Theory of operation
-------------------
1. **Offer.** ``POST /v1/webrtc`` with an ``application/sdp`` offer (RFC 9725). In order:
   credentials and caps (401/403/429), content type (415), size (413), model loaded and call
   slots free (503 + ``Retry-After``), an offer with an audio section the client can receive on
   and a data channel (422), SDP that aiortc accepts (400), the session registry's admission
   (503, or 429 per address). The answer is created after every local candidate is gathered
   (no server-side trickle, as RFC 9725 section 4.3.2 requires), then ``201 Created`` carries
   it with ``Location: /v1/webrtc/<call id>``; the id is random and unguessable, because
   knowing it is what allows ending the call.
2. **Connect.** Within ``webrtc.connect_timeout_s`` the connection must be "connected" and the
   client's data channel open, or the call ends (a peer whose candidates never work would
   otherwise hold a slot forever, in "connecting").
3. **Handshake and messages.** The first message on the channel must be ``start`` within
   ``limits.handshake_timeout_s`` of the channel opening; then every message goes through
   ``transport.common`` exactly as on the WebSocket. The channel's ``message`` callback only
   queues; one reader task per call applies messages in order. The queue is bounded: a client
   that floods it gets ``rate_limited`` for the messages dropped.
4. **Audio.** The session sends in real time, ``lead_ms`` ahead (``webrtc.lead_ms`` unless
   ``start.lead_ms`` says otherwise); ``send_audio`` puts each frame into the track's queue of
   ``lead / 20 ms + 1`` frames, and the track hands aiortc one frame every 20 ms. Silence fills
   the gaps, so RTP timing never breaks. The format is fixed (pcm16, 48 kHz, 20 ms);
   ``start.format`` is ignored and ``ready.format`` reports it.
5. **Cancel.** The session cancels the context and calls ``drop_audio``, which empties that
   context's track queue before ``cancelled`` is written; frames that were queued but never
   played are subtracted from ``cancelled.audio_ms``/``frames`` here, because on WebRTC the
   track queue, not the send, is the point of no return.
6. **End.** ``DELETE`` on the call's URL, the connection turning "failed" or "closed" (aiortc
   reports a dead peer as "closed" after consent freshness fails, about 30 s), the client
   closing the data channel, the session closing itself (idle, slow consumer, fatal error), or
   server shutdown: each goes through ``Session.close``, which cancels contexts (aborting
   engine requests) and tasks, then calls ``Call.close`` (the sink's close): a final ``error``
   event for closes the client did not ask for, then the track, the peer connection, the
   session slot, the per-key slot and the call's registry entry, in that order.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import re
import secrets
from typing import Any

from aiohttp import web
from aiortc import RTCDataChannel, RTCPeerConnection, RTCSessionDescription

from protocol import messages as m
from protocol.codec import serialize
from protocol.errors import CloseCode, ErrorCode, SessionError

from voice_server.app import CONFIG, REGISTRY, RUNTIME
from voice_server.auth import AUTH, Principal, error_json
from voice_server.codec.audio_format import Encoding, OutputFormat
from voice_server.handler import ProtocolHandler, error_event, new_session_id
from voice_server.metrics import METRICS
from voice_server.outbox import Frame
from voice_server.registry import AdmissionError
from voice_server.replicas import Placement
from voice_server.session import Session
from voice_server.transport import common
from voice_server.transport.audio_track import PacedAudioTrack
from voice_server.transport.ice import gather_on, rtc_configuration
from voice_server.transport.webrtc_config import WEBRTC_PATH, WebRTCConfig

log = logging.getLogger(__name__)

TRACK_FORMAT = OutputFormat(Encoding.PCM16, 48_000, 20)
"""What the session feeds the track: aiortc's Opus encoder takes s16 and works at 48 kHz."""

MAX_INBOX = 64
"""Client messages waiting for the reader task; more are dropped with ``rate_limited``."""
MAX_CHANNEL_BUFFER = 1 << 20
"""Bytes queued on the data channel before ``send_message`` waits (aiortc's ``send`` never
pushes back by itself)."""
FINAL_FLUSH_S = 0.5
"""How long ``close`` lets the channel drain the final messages before closing the connection."""

CLOSE_ERRORS = {
    int(CloseCode.GOING_AWAY): ErrorCode.SHUTTING_DOWN,
    int(CloseCode.TIMEOUT): ErrorCode.IDLE_TIMEOUT,
    int(CloseCode.SLOW_CONSUMER): ErrorCode.SLOW_CONSUMER,
    int(CloseCode.INTERNAL_ERROR): ErrorCode.INTERNAL_ERROR,
}
"""Closes the session starts on its own, reported as a final ``error`` (no close codes here)."""


class _Overflow:
    """Inbox marker: messages were dropped because the inbox was full."""


class Call:
    """One WebRTC call: its peer connection, track, data channel and session (module doc).

    A ``Call`` is the session's ``Sink``.
    """

    def __init__(self, request: web.Request, principal: Principal, placement: Placement) -> None:
        app = request.app
        self.id = secrets.token_urlsafe(18)
        self.app = app
        self.config: WebRTCConfig = app[CONFIG].webrtc
        self.principal = principal
        self.peer = request.remote or "unknown"
        self.pc = RTCPeerConnection(rtc_configuration(self.config.servers))
        self.track = PacedAudioTrack(max_queued_frames=self.config.track_queue_frames)
        self.channel: RTCDataChannel | None = None
        self.placement = placement  # released by ``close``
        self.session = Session(new_session_id(), app[CONFIG], placement.synthesizer, self,
                               metrics=app[METRICS])  # fmt: skip
        self.handler = ProtocolHandler(self.session, app[RUNTIME], fixed_format=TRACK_FORMAT)
        self.handler.lead_ms = self.config.lead_ms
        # The track takes frames at its own 20 ms clock from a short queue: hand them over one
        # at a time, never a send window early.
        self.session.pacing = dataclasses.replace(self.session.pacing, send_window_ms=0)
        self._inbox: asyncio.Queue[str | bytes | _Overflow] = asyncio.Queue()
        self._overflow_pending = False
        self._channel_open = asyncio.Event()
        self._channel_drained = asyncio.Event()
        self._up = asyncio.Event()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._closed = False
        self._fatal_sent = False
        self.counted = False
        self._dropped_frames: dict[str, int] = {}
        self.pc.on("datachannel", self._on_datachannel)
        self.pc.on("connectionstatechange", self._on_connection_state)
        # aiortc stops the track when its sender fails (a bad frame, an encoder error); the
        # call would go on without sound, so end it.
        self.track.on("ended", lambda: self._end_soon(int(CloseCode.INTERNAL_ERROR),
                                                      "the audio track ended"))

    # --- signalling -----------------------------------------------------------------------

    async def answer(self, offer_sdp: str) -> str:
        """Apply the offer and return the answer SDP, with every local candidate in it.

        Raises:
            ValueError: aiortc cannot use the offer.
        """
        await self.pc.setRemoteDescription(RTCSessionDescription(offer_sdp, "offer"))
        sender = self.pc.addTrack(self.track)
        for transceiver in self.pc.getTransceivers():
            # Send only: a received track that nobody reads piles decoded frames up in memory.
            transceiver.direction = "sendonly" if transceiver.sender is sender else "inactive"
        with gather_on(self.config.hosts):
            await self.pc.setLocalDescription(await self.pc.createAnswer())
        return str(self.pc.localDescription.sdp)

    def start(self) -> None:
        """Start the call's tasks (after the answer went out)."""
        self._spawn(self._watch_connect(), "connect-watchdog")
        self._spawn(self._read(), "reader")

    # --- peer connection and channel events -------------------------------------------------

    def _on_datachannel(self, channel: RTCDataChannel) -> None:
        if self.channel is not None:
            channel.close()  # one control channel per call
            return
        self.channel = channel
        channel.bufferedAmountLowThreshold = MAX_CHANNEL_BUFFER // 2
        channel.on("message", self._on_message)
        channel.on("bufferedamountlow", self._channel_drained.set)
        channel.on("close", lambda: self._end_soon(1000, "control channel closed"))
        if channel.readyState == "open":  # a remote channel is usually open already
            self._on_channel_open()
        else:
            channel.on("open", self._on_channel_open)

    def _on_channel_open(self) -> None:
        self._channel_open.set()
        self._check_up()

    def _on_connection_state(self) -> None:
        state = self.pc.connectionState
        if state == "connected":
            self._check_up()
        elif state in ("failed", "closed"):
            self._end_soon(1000, f"connection {state}")

    def _check_up(self) -> None:
        if self.pc.connectionState == "connected" and self._channel_open.is_set():
            self._up.set()

    def _on_message(self, data: str | bytes) -> None:
        if self._inbox.qsize() < MAX_INBOX:
            self._inbox.put_nowait(data)
        elif not self._overflow_pending:
            self._overflow_pending = True
            self._inbox.put_nowait(_Overflow())

    def _end_soon(self, code: int, reason: str) -> None:
        if not self._closed:
            self._spawn(self.end(code, reason), "end")

    # --- tasks ----------------------------------------------------------------------------

    async def _watch_connect(self) -> None:
        try:
            await asyncio.wait_for(self._up.wait(), self.config.connect_timeout_s)
        except TimeoutError:
            log.info("call %s: not connected after %s s", self.id, self.config.connect_timeout_s)
            await self.end(int(CloseCode.TIMEOUT), "the call did not connect in time")

    async def _read(self) -> None:
        """1. wait for the channel; 2. handshake; 3. apply messages in order until closed."""
        await self._channel_open.wait()
        limits = self.session.config.limits
        if not await self._handshake(limits.handshake_timeout_s):
            return
        self.track.max_queued_frames = -(-self.handler.lead_ms // 20) + 1
        self.session.start()
        while not self.session.closing:
            data = await self._inbox.get()
            if isinstance(data, _Overflow):
                self._overflow_pending = False
                await self.send_message(error_event(SessionError(
                    ErrorCode.RATE_LIMITED, "messages arrive faster than the server applies "
                    "them; some were dropped")))  # fmt: skip
                continue
            try:
                common.check_size(data, limits.max_message_bytes)
            except SessionError as exc:
                await common.report(self, self.session, exc)
                return
            await common.apply(self, self.session, self.handler, data)

    async def _handshake(self, timeout_s: float) -> bool:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout_s
        while True:
            try:
                data = await asyncio.wait_for(self._inbox.get(), max(0.0, deadline - loop.time()))
            except TimeoutError:
                await common.report(self, self.session, SessionError(
                    ErrorCode.HANDSHAKE_TIMEOUT, "no start message in time"))  # fmt: skip
                return False
            if isinstance(data, _Overflow):
                self._overflow_pending = False
                continue
            try:
                common.check_size(data, self.session.config.limits.max_message_bytes)
            except SessionError as exc:
                await common.report(self, self.session, exc)
                return False
            outcome = await common.start_from(self, self.session, self.handler, data)
            if outcome is not common.Handshake.WAITING:
                return outcome is common.Handshake.STARTED

    def _spawn(self, coro: Any, name: str) -> None:
        """Start a task the call owns: named, kept until done, cancelled by ``close``."""
        task = asyncio.create_task(coro, name=f"webrtc-{self.session.id}-{name}")
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("call %s task %s failed: %r", self.id, task.get_name(), task.exception())
            self._end_soon(int(CloseCode.INTERNAL_ERROR), "internal error")

    # --- Sink -----------------------------------------------------------------------------

    async def send_message(self, message: Any) -> None:
        """Write one protocol message on the channel, waiting for it to open if needed."""
        await self._channel_open.wait()
        channel = self.channel
        if channel is None or channel.readyState != "open":
            return
        if isinstance(message, m.Cancelled):
            message = self._played_only(message)
        if isinstance(message, m.ErrorEvent):
            self.app[METRICS].error(message.code)
            self._fatal_sent = self._fatal_sent or message.fatal
        while channel.bufferedAmount > MAX_CHANNEL_BUFFER and channel.readyState == "open":
            self._channel_drained.clear()
            await self._channel_drained.wait()
        if channel.readyState == "open":
            channel.send(_json(message))

    writes_at_once = False  # the track's queue may make ``put`` wait

    async def send_audio(self, context_id: str, frames: list[Frame]) -> None:
        for frame in frames:
            await self.track.put(context_id, frame.payload)

    def drop_audio(self, context_id: str) -> None:
        self._dropped_frames[context_id] = self.track.drop(context_id)

    def _played_only(self, message: m.Cancelled) -> m.Cancelled:
        """``cancelled`` counts what reached the track, not what was merely queued for it."""
        dropped = min(self._dropped_frames.pop(message.context_id, 0), message.frames)
        audio_ms = max(0.0, message.audio_ms - dropped * TRACK_FORMAT.frame_ms)
        return dataclasses.replace(message, frames=message.frames - dropped,
                                   audio_ms=round(audio_ms, 3))  # fmt: skip

    async def end(self, code: int, reason: str) -> None:
        """End the call from outside the session (DELETE, connection lost, shutdown)."""
        await self.session.close(code, reason)

    async def close(self, code: int, reason: str) -> None:
        """The sink's close, called once by ``Session.close``: tear everything down."""
        if self._closed:
            return
        self._closed = True
        log.info("call %s (session %s) closing: %d %s", self.id, self.session.id, code, reason)
        await self._final_message(code, reason)
        current = asyncio.current_task()
        tasks = [t for t in self._tasks if t is not current]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        try:
            self.track.stop()
            await self.pc.close()
        finally:
            self.placement.release()
            self.app[REGISTRY].release(self.session)
            self.app[AUTH].release_session(self.principal)
            if self.counted:
                self.app[METRICS].session_closed("webrtc")
            self.app[CALLS].remove(self)

    async def _final_message(self, code: int, reason: str) -> None:
        channel = self.channel
        error = CLOSE_ERRORS.get(code)
        if channel is None or channel.readyState != "open":
            return
        if error is not None and not self._fatal_sent:
            channel.send(_json(error_event(SessionError(error, reason or error.value))))
        loop = asyncio.get_running_loop()
        deadline = loop.time() + FINAL_FLUSH_S
        while channel.bufferedAmount and loop.time() < deadline:
            await asyncio.sleep(0.01)


def _json(message: Any) -> str:
    """A protocol message as data-channel text (JSON messages are strings, section 12.2)."""
    return serialize(message).decode()


class WebRTCCalls:
    """The live calls of one app, by id; ends them all on shutdown."""

    def __init__(self) -> None:
        self._calls: dict[str, Call] = {}

    def __len__(self) -> int:
        return len(self._calls)

    def get(self, call_id: str) -> Call | None:
        return self._calls.get(call_id)

    def add(self, call: Call) -> None:
        self._calls[call.id] = call

    def remove(self, call: Call) -> None:
        self._calls.pop(call.id, None)

    async def close_all(self, code: int, reason: str) -> None:
        calls = list(self._calls.values())
        await asyncio.gather(*(c.end(code, reason) for c in calls), return_exceptions=True)


CALLS = web.AppKey("webrtc_calls", WebRTCCalls)


# --- HTTP -------------------------------------------------------------------------------------


def _refusal(
    status: int, code: str, message: str, retry_after_s: int | None = None
) -> web.Response:
    headers = {"Retry-After": str(retry_after_s)} if retry_after_s is not None else None
    return web.Response(status=status, text=error_json(code, message, retry_after_s is not None),
                        content_type="application/json", headers=headers)  # fmt: skip


def _not_sdp(sdp: str) -> str | None:
    """Why ``sdp`` is not a session description at all (None when it looks like one: a
    ``v=0`` line first and at least one media section), for a 400 before any 422."""
    if not sdp.lstrip().startswith("v=0"):
        return "the body is not an SDP session description (it must start with v=0)"
    if "\nm=" not in sdp:
        return "the SDP offer has no media sections"
    return None


def _offer_problem(sdp: str) -> str | None:
    """Why this offer cannot make a call (None when it can): WHEP wants a receiving audio
    section, and the protocol needs a data channel."""
    sections = sdp.split("\nm=")[1:]
    audio = [s for s in sections if s.startswith("audio ")]
    if not audio:
        return "the offer has no audio section"
    if all("a=sendonly" in s or "a=inactive" in s for s in audio):
        return "the offer's audio section does not receive (sendonly or inactive)"
    if not any(s.startswith("application ") and "webrtc-datachannel" in s for s in sections):
        return "the offer has no data channel; control messages travel on one"
    return None


async def offer(request: web.Request) -> web.StreamResponse:
    """``POST /v1/webrtc``: an SDP offer in, ``201`` with the SDP answer out (module doc)."""
    app = request.app
    config: WebRTCConfig = app[CONFIG].webrtc
    auth = app[AUTH]
    principal = auth.check_upgrade(request)
    auth.allow_request(principal)
    if request.content_type != "application/sdp":
        return _refusal(415, "unsupported_media_type", "POST an SDP offer as application/sdp")
    body = await request.read()  # read already, under the body deadline (``body_deadline``)
    if len(body) > config.max_offer_bytes:
        limit = config.max_offer_bytes
        return _refusal(413, "offer_too_large", f"offers are at most {limit} bytes")
    if not app[RUNTIME].ready.is_set():
        return _refusal(503, "server_busy", "the model is still loading", retry_after_s=5)
    if app[RUNTIME].errored:
        return _refusal(503, "engine_failed", "the speech engine has failed")
    if len(app[CALLS]) >= config.max_calls:
        return _refusal(503, "server_busy", "no free WebRTC call slot", retry_after_s=1)
    try:
        sdp = body.decode("utf-8")
    except UnicodeDecodeError:
        return _refusal(400, "bad_offer", "the offer is not UTF-8 text")
    lines = sdp.replace("\r\n", "\n")
    garbage = _not_sdp(lines)
    if garbage is not None:
        return _refusal(400, "bad_offer", garbage)
    problem = _offer_problem(lines)
    if problem is not None:
        return _refusal(422, "unsupported_offer", problem)
    auth.acquire_session(principal)
    placement = app[RUNTIME].place()
    try:
        # From here on, closing the call gives the key's slot and the placement back.
        call = Call(request, principal, placement)
    except BaseException:
        placement.release()
        auth.release_session(principal)
        raise
    return await _place(app, call, sdp)


async def _place(app: web.Application, call: Call, sdp: str) -> web.StreamResponse:
    try:
        app[REGISTRY].admit(call.session, call.peer)
    except AdmissionError as exc:
        await call.end(1000, "not admitted")
        return _refusal(exc.http_status, exc.code, str(exc),
                        retry_after_s=int(exc.retry_after_header))  # fmt: skip
    call.session.stream_gate = app[REGISTRY]
    try:
        answer_sdp = await call.answer(sdp)
    except (ValueError, AssertionError) as exc:  # aiortc's SDP parsing raises both
        await call.end(1000, "bad offer")
        return _refusal(400, "bad_offer", f"the offer cannot be used: {exc}")
    except BaseException:
        await call.end(1011, "offer failed")
        raise
    app[METRICS].session_opened("webrtc")
    call.counted = True
    app[CALLS].add(call)
    call.start()
    log.info("call %s (session %s) answered for %s", call.id, call.session.id, call.peer)
    # bytes, so that the header is exactly application/sdp (text would add "; charset=utf-8",
    # which a WHIP client comparing the type as a string refuses)
    return web.Response(status=201, body=answer_sdp.encode(), content_type="application/sdp",
                        headers={"Location": f"{WEBRTC_PATH}/{call.id}"})  # fmt: skip


_CALL_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
"""What a call id can be (``secrets.token_urlsafe``): nothing else is passed on."""


async def hang_up(request: web.Request) -> web.Response:
    """``DELETE /v1/webrtc/{call_id}``: end the call and free everything; 404 if unknown.

    With several front ends (``http.workers``) the request may land on one that does not hold
    the call: it asks the others to end it (the call id is the only credential, as here)."""
    from voice_server.app import FRONT_END

    call_id = request.match_info["call_id"]
    call = request.app[CALLS].get(call_id)
    front_end = request.app.get(FRONT_END)
    if (call is None and front_end is not None and request.query.get("front_end") != "local"
            and _CALL_ID.fullmatch(call_id)):  # fmt: skip
        answers = await front_end.group.ask_others("DELETE", f"{WEBRTC_PATH}/{call_id}")
        if any(answer is not None and answer[0] == 200 for answer in answers.values()):
            return web.Response(status=200)
    if call is None:
        return _refusal(404, "unknown_call", "no such call (it ended, or never existed)")
    await call.end(1000, "call ended by the client")
    return web.Response(status=200)


async def options(request: web.Request) -> web.Response:
    """``OPTIONS /v1/webrtc``: what the endpoint accepts (RFC 9725 section 4.2)."""
    return web.Response(status=204, headers={"Accept-Post": "application/sdp",
                                             "Allow": "OPTIONS, POST"})  # fmt: skip


async def _close_calls(app: web.Application) -> None:
    await app[CALLS].close_all(int(CloseCode.GOING_AWAY), "server shutting down")


def setup_webrtc(app: web.Application) -> None:
    """Route the WebRTC endpoint and end every call on shutdown."""
    app[CALLS] = WebRTCCalls()
    app.router.add_post(WEBRTC_PATH, offer)
    app.router.add_route("OPTIONS", WEBRTC_PATH, options)
    app.router.add_delete(WEBRTC_PATH + "/{call_id}", hang_up)
    app.on_shutdown.append(_close_calls)
