"""ElevenLabs-compatible endpoints: the ``multi-stream-input`` and ``stream-input`` WebSockets and
the HTTP text-to-speech routes, as thin translations onto this server's sessions.

Routes (``voice_id`` is mapped onto our voices by ``compat_voices``)::

    GET  /v1/text-to-speech/{voice_id}/multi-stream-input   WebSocket, many contexts
    GET  /v1/text-to-speech/{voice_id}/stream-input         WebSocket, one implicit context
    POST /v1/text-to-speech/{voice_id}[/stream]             audio bytes, streamed
    POST /v1/text-to-speech/{voice_id}/stream/with-timestamps   NDJSON, streamed
    POST /v1/text-to-speech/{voice_id}/with-timestamps      one JSON object

Theory of operation (sockets). The voice, ``output_format``, ``auto_mode``, ``seed`` and
``inactivity_timeout`` come from the URL, so everything that can be refused is refused at the
handshake, with an HTTP status and ElevenLabs' ``{"detail": {"status", "message"}}`` body: a bad
key (401), an unknown voice (404) or format (400), a full server (503). After the upgrade each
client message maps onto the session:

* ``{"text", "context_id"}`` opens the context on first use and appends the text. With
  ``auto_mode=true`` or ``"flush": true`` the text is flushed: spoken now, as its own segment.
* ``{"context_id", "flush": true}`` (no text) speaks whatever is buffered.
* ``{"text": ""}`` is a keepalive on ``multi-stream-input`` (clients send it every 10 s) and the
  end of input on ``stream-input``.
* ``{"context_id", "close_context": true}`` right after a text-less flush finishes the context
  (ElevenLabs: "if a flush is pending, it continues flushing"); in every other case (text sent
  since, or a second close) it is a barge-in and cancels the context at once. Either way the
  client then gets ``{"isFinal": true, "contextId"}``: after the last audio, or at once.
* ``{"close_socket": true}`` cancels contexts that were not flushed, lets flushed ones finish,
  then closes with 1000.

Audio leaves as ``{"audio": base64, "isFinal": null, "alignment": null, "normalizedAlignment":
null, "contextId"}`` (camelCase: Pipecat reads nothing else). Alignment is null because the
model has no word timing; the frameworks then fall back to sentence-level transcripts. MP3 is
one continuous stream per context (``ContainerEncoder``). Not supported: ``alaw_8000``,
``opus_48000_*``, ``pcm_32000``, voice settings (accepted and ignored), pronunciation
dictionaries, and a key in the first message (send it as ``xi-api-key`` or ``?authorization=``).
"""

from __future__ import annotations

import base64
import json
import math
import re
from dataclasses import dataclass
from typing import Any, ClassVar

from aiohttp import web

from voice_server.codec.audio_format import Encoding, OutputFormat
from voice_server.codec.encoders import FrameEncoder
from voice_server.compat_voices import VoiceNotFound, resolve_voice
from voice_server.engine.sampling import Sampling
from voice_server.outbox import Frame
from voice_server.synthesis import Voice
from voice_server.transport import common
from voice_server.transport.compat_session import (
    serve_socket,
    ContainerEncoder,
    ContextFailure,
    HttpJob,
    JsonObject,
    JsonSocketSink,
    Refusal,
    VendorEvent,
    authenticate,
    compat_config,
    finish_stream,
    make_event,
    open_socket,
    ready_runtime,
    sentence_segmenter,
    session_config,
    stream_http,
)

from protocol.errors import ErrorCode, SessionError
from protocol.messages import ContextState

VENDOR = "elevenlabs"
"""This adapter's name in the metrics (the sessions gauge's transport, the one-shot route)."""
KEY_QUERY = ("authorization", "xi_api_key")
DEFAULT_HTTP_FORMAT = "mp3_44100_128"
DEFAULT_SOCKET_FORMAT = "mp3_44100_128"
SINGLE_CONTEXT = ""
"""The implicit context of ``stream-input`` (and of ``multi-stream-input`` messages without a
``context_id``)."""
MAX_INACTIVITY_S = 180.0
MAX_SEED = 4_294_967_295
PCM_RATES = (8000, 16000, 22050, 24000, 44100, 48000)
MP3_FORMATS = {22050: (32,), 44100: (32, 64, 96, 128, 192)}
"""ElevenLabs' own mp3 list (sample rate: kb/s): nothing that would fail on their API is taken."""
CONTENT_TYPES = {"pcm": "audio/pcm", "ulaw": "audio/basic", "mp3": "audio/mpeg"}
_FORMAT = re.compile(r"^(pcm|ulaw|mp3)_([1-9]\d{0,5})(?:_([1-9]\d{0,2}))?$")


# --- request options (pure) ------------------------------------------------------------------


@dataclass(frozen=True)
class AudioFormat:
    """An ElevenLabs ``output_format``: ``pcm_16000``, ``ulaw_8000``, ``mp3_22050_32``...

    Attributes:
        codec: "pcm", "ulaw" or "mp3".
        sample_rate: output rate.
        bitrate: mp3 bits per second, else None.
    """

    codec: str
    sample_rate: int
    bitrate: int | None = None

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.codec]

    @property
    def label(self) -> str:
        """``pcm_16000``, ``mp3_44100``: the format's name without its bit rate (metrics)."""
        return f"{self.codec}_{self.sample_rate}"

    def encoder(self, frame_ms: int) -> FrameEncoder:
        """A fresh encoder for one context."""
        if self.codec == "mp3":
            return ContainerEncoder("mp3", self.sample_rate, frame_ms, self.bitrate)
        encoding = Encoding.MULAW if self.codec == "ulaw" else Encoding.PCM16
        return FrameEncoder(OutputFormat(encoding, self.sample_rate, frame_ms))


def parse_output_format(name: str) -> AudioFormat:
    """Raises ValueError, naming what is supported, for anything this server cannot send."""
    match = _FORMAT.match(name)
    supported = ("pcm_8000|16000|22050|24000|44100|48000, ulaw_8000, "
                 "mp3_22050_32, mp3_44100_32|64|96|128|192")  # fmt: skip
    if match is None:
        raise ValueError(f"output_format {name!r} is not supported here; use one of {supported}")
    codec, rate, kbps = match.group(1), int(match.group(2)), match.group(3)
    valid = {
        "pcm": rate in PCM_RATES and kbps is None,
        "ulaw": rate == 8000 and kbps is None,
        "mp3": kbps is not None and int(kbps) in MP3_FORMATS.get(rate, ()),
    }[codec]
    if not valid:
        raise ValueError(f"output_format {name!r} is not supported here; use one of {supported}")
    return AudioFormat(codec, rate, int(kbps) * 1000 if kbps else None)


FLAG_VALUES = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


def _flag(query: Any, name: str, default: bool) -> bool:
    """A boolean query parameter (absent or empty: ``default``).

    Raises:
        ValueError: a value that is neither true nor false (it was once taken as false).
    """
    value = query.get(name)
    if not value:
        return default
    if value.lower() not in FLAG_VALUES:
        raise ValueError(f"{name} must be true or false")
    return FLAG_VALUES[value.lower()]


@dataclass(frozen=True)
class SocketOptions:
    """What a socket's URL asks for.

    Attributes:
        audio: the output format.
        auto_mode: speak every text message at once (as its own segment).
        sampling: sampling (``seed``).
        inactivity_timeout_s: no input for this long closes the socket with 1008.
    """

    audio: AudioFormat
    auto_mode: bool
    sampling: Sampling
    inactivity_timeout_s: float

    @classmethod
    def from_query(cls, query: Any, default_inactivity_s: float) -> SocketOptions:
        """Raises ValueError naming the bad parameter and what it may be."""
        audio = parse_output_format(query.get("output_format", DEFAULT_SOCKET_FORMAT))
        inactivity = _inactivity(query.get("inactivity_timeout"), default_inactivity_s)
        return cls(audio, _flag(query, "auto_mode", False), Sampling(seed=_seed(query.get("seed"))),
                   inactivity)  # fmt: skip


def _inactivity(raw: str | None, default: float) -> float:
    """``?inactivity_timeout=`` in seconds (absent or empty: ``default``).

    Raises:
        ValueError: not a number in (0, 180].
    """
    if not raw:
        return default
    try:
        seconds = float(raw)
    except ValueError:
        seconds = math.nan  # refused below, with the message that says what is allowed
    if not 0 < seconds <= MAX_INACTIVITY_S:
        raise ValueError(f"inactivity_timeout must be a number of seconds in "
                         f"(0, {MAX_INACTIVITY_S:g}]")  # fmt: skip
    return seconds


def _seed(raw: object) -> int | None:
    """``seed`` from a query string, or a body's JSON integer or string of digits.

    Only ASCII digits are read, at most as many as ``MAX_SEED`` has: ``int()`` would also take
    signs, spaces, underscores and other scripts' digits, and answer junk with its own message.

    Raises:
        ValueError: anything but an integer in [0, MAX_SEED].
    """
    if raw is None:
        return None
    text = str(raw) if isinstance(raw, (int, str)) and not isinstance(raw, bool) else ""
    if not (text.isascii() and text.isdigit() and len(text) <= len(str(MAX_SEED))) \
            or int(text) > MAX_SEED:  # fmt: skip
        raise ValueError(f"seed must be an integer in [0, {MAX_SEED}]")
    return int(text)


def error_response(refusal: Refusal) -> web.Response:
    """ElevenLabs' HTTP error body: ``{"detail": {"status", "message"}}``."""
    body = {"detail": {"status": refusal.code, "message": refusal.message}}
    return web.json_response(body, status=refusal.status, headers=refusal.headers)


def _voice(request: web.Request) -> Voice:
    _, voices = ready_runtime(request)
    try:
        return resolve_voice(request.match_info["voice_id"], compat_config(request), voices)
    except VoiceNotFound as exc:
        raise Refusal(404, "voice_not_found", str(exc)) from None


# --- the WebSocket ---------------------------------------------------------------------------


@dataclass
class _ContextState:
    """What the adapter remembers of one live context."""

    encoder: FrameEncoder
    flushed: bool = False  # the last message was a text-less flush: close_context finishes
    finishing: bool = False  # close_context (or end of input) accepted: isFinal after the audio


class ElevenLabsSocket(JsonSocketSink):
    """One ``multi-stream-input`` or ``stream-input`` socket: reader and sink."""

    vendor: ClassVar[str] = VENDOR

    close_codes: ClassVar[dict[int, int]] = {4408: 1008, 4429: 1008}

    def __init__(self, ws: web.WebSocketResponse, *, multi: bool, voice: Voice,
                 options: SocketOptions, frame_ms: int) -> None:  # fmt: skip
        super().__init__(ws)
        self.multi = multi
        self.voice = voice
        self.options = options
        self.frame_ms = frame_ms
        self.contexts: dict[str, _ContextState] = {}
        self.closing_socket = False
        self.session: Any = None

    # rendering (called by the session's sender, in order with the audio)

    def _final(self, context_id: str) -> JsonObject:
        return {"isFinal": True, "contextId": context_id} if self.multi else {"isFinal": True}

    def _audio(self, context_id: str, payload: bytes) -> JsonObject:
        message: JsonObject = {"audio": base64.b64encode(payload).decode(), "isFinal": None,
                               "normalizedAlignment": None, "alignment": None}  # fmt: skip
        if self.multi:
            message["contextId"] = context_id
        return message

    def _error(self, code: str, message: str, context_id: str | None) -> JsonObject:
        error: JsonObject = {"error": code, "message": message}
        if context_id is not None and self.multi:
            error["contextId"] = context_id
        return error

    def render_audio(self, context_id: str, frame: Frame) -> JsonObject | None:
        if context_id not in self.contexts:
            return None  # dropped (closed or failed): nothing of it may follow isFinal
        return self._audio(context_id, frame.payload)

    def render_event(self, message: Any) -> list[JsonObject]:
        if isinstance(message, ContextFailure):
            if self.contexts.pop(message.context_id, None) is None:
                return []
            error = self._error("synthesis_failed", message.reason, message.context_id)
            return [error, self._final(message.context_id)]
        if not isinstance(message, VendorEvent) or message.kind != "context_done":
            return []
        state = self.contexts.pop(message.context_id, None)
        if state is None:
            return []
        tail = finish_stream(state.encoder)
        audio = [self._audio(message.context_id, tail)] if tail else []
        return audio + [self._final(message.context_id)]

    async def send_message(self, message: Any) -> None:
        await super().send_message(message)
        await self._close_if_drained()

    async def _close_if_drained(self) -> None:
        if self.closing_socket and not self.contexts and not self.ws.closed:
            await common.close_websocket(self.ws, self.transport, 1000, "")

    # client messages

    async def serve(self) -> None:
        """Apply client messages until the socket closes."""
        async for message in self.read_messages(self.session):
            if isinstance(message, str):
                await self.send_json(self._error("invalid_message", message, None))
                continue
            try:
                await self.handle(message)
            except SessionError as exc:
                await self._refuse(str(exc.code), exc.message, message)
            except ValueError as exc:
                await self._refuse("invalid_message", str(exc), message)

    async def _refuse(self, code: str, reason: str, message: JsonObject) -> None:
        """An error naming the message's context; a context that is not live also gets its
        ``isFinal``, so that no client waits for audio that will never come."""
        raw = message.get("context_id", message.get("contextId"))
        context_id = raw if isinstance(raw, str) else None
        await self.send_json(self._error(code, reason, context_id))
        if context_id is not None and context_id not in self.contexts:
            await self.send_json(self._final(context_id))

    async def handle(self, message: JsonObject) -> None:
        """One client message (rules in the module docstring).

        Raises:
            SessionError: refused by a session limit.
            ValueError: a malformed message.
        """
        if message.get("close_socket") is True:
            await self._close_socket()
            return
        context_id = self._context_id(message)
        if message.get("close_context") is True:
            await self._close_context(context_id)
            return
        text = message.get("text")
        if text is not None and not isinstance(text, str):
            raise ValueError("text must be a string")
        flush = message.get("flush") is True
        if not text and not flush:
            if text == "" and not self.multi:
                await self._end_input(context_id)
            else:
                self.session.touch()  # keepalive: resets the inactivity clock, nothing else
            return
        self._apply_text(context_id, text or "", flush)

    def _context_id(self, message: JsonObject) -> str:
        if not self.multi:
            return SINGLE_CONTEXT
        raw = message.get("context_id", message.get("contextId"))
        if raw is None:
            return SINGLE_CONTEXT
        if not isinstance(raw, str) or len(raw) > 256:
            raise ValueError("context_id must be a string of at most 256 characters")
        return raw

    def _apply_text(self, context_id: str, text: str, flush: bool) -> None:
        state = self.contexts.get(context_id)
        if state is not None and state.finishing:
            raise SessionError(ErrorCode.CONTEXT_ENDED, f"context {context_id!r} is closing",
                               context_id=context_id)
        context = self.session.contexts.get(context_id) if state else None
        if context is None:
            context = self._open(context_id)
            state = self.contexts[context_id]
        assert state is not None
        spoken = bool(text.strip())
        if text:
            self.session.add_text(context, text)
            if spoken and context.state is ContextState.IDLE:
                context.state = ContextState.ACTIVE
        if flush or (self.options.auto_mode and spoken):
            context.flush(None)
        if spoken:
            state.flushed = False
        elif flush:
            state.flushed = True
        self.session.touch()

    def _open(self, context_id: str) -> Any:
        self.session.check_can_open()
        encoder = self.options.audio.encoder(self.frame_ms)
        context = self.session.open_context(context_id, self.voice, self.options.sampling,
                                            encoder, sentence_segmenter(), make_event)  # fmt: skip
        self.contexts[context_id] = _ContextState(encoder)
        return context

    async def _close_context(self, context_id: str) -> None:
        state = self.contexts.get(context_id)
        if state is not None and state.flushed and not state.finishing:
            self._finish(context_id, state)
            return
        self.contexts.pop(context_id, None)
        self.session.cancel_context(context_id)
        await self.send_json(self._final(context_id))  # barge-in: final at once, nothing after

    def _finish(self, context_id: str, state: _ContextState) -> None:
        state.finishing = True
        context = self.session.contexts.get(context_id)
        if context is not None:
            context.end_input()
            context.state = ContextState.FLUSHING

    async def _end_input(self, context_id: str) -> None:
        """``stream-input``'s ``{"text": ""}``: finish, send isFinal, close with 1000."""
        self.closing_socket = True
        state = self.contexts.get(context_id)
        if state is not None and not state.finishing:
            self._finish(context_id, state)
        elif state is None:
            await self.send_json(self._final(context_id))
        await self._close_if_drained()

    async def _close_socket(self) -> None:
        self.closing_socket = True
        for context_id, state in list(self.contexts.items()):
            if state.flushed or state.finishing:
                if not state.finishing:
                    self._finish(context_id, state)
            else:
                self.contexts.pop(context_id)
                self.session.cancel_context(context_id)
                await self.send_json(self._final(context_id))
        await self._close_if_drained()


async def multi_stream_input(request: web.Request) -> web.StreamResponse:
    """``GET /v1/text-to-speech/{voice_id}/multi-stream-input``."""
    return await _socket(request, multi=True)


async def stream_input(request: web.Request) -> web.StreamResponse:
    """``GET /v1/text-to-speech/{voice_id}/stream-input``."""
    return await _socket(request, multi=False)


async def _socket(request: web.Request, *, multi: bool) -> web.StreamResponse:
    """Refuse at the handshake where possible; otherwise serve the socket's session."""
    try:
        principal = authenticate(request, query_keys=KEY_QUERY)
        voice = _voice(request)
        compat = compat_config(request)
        try:
            options = SocketOptions.from_query(request.query,
                                               compat.elevenlabs_inactivity_timeout_s)
        except ValueError as exc:
            raise Refusal(400, "invalid_parameters", str(exc)) from None
    except Refusal as refusal:
        return error_response(refusal)
    ws = open_socket(request)
    config = session_config(request, idle_timeout_s=options.inactivity_timeout_s)
    sink = ElevenLabsSocket(ws, multi=multi, voice=voice, options=options,
                            frame_ms=config.pacing.frame_ms)  # fmt: skip
    return await serve_socket(request, ws, config, sink, principal, error_response)


# --- HTTP ------------------------------------------------------------------------------------


async def convert(request: web.Request) -> web.StreamResponse:
    """``POST /v1/text-to-speech/{voice_id}`` and ``.../stream``: audio bytes, streamed."""
    return await _http(request, "audio")


async def stream_with_timestamps(request: web.Request) -> web.StreamResponse:
    """``POST .../stream/with-timestamps``: one JSON line per audio chunk."""
    return await _http(request, "ndjson")


async def convert_with_timestamps(request: web.Request) -> web.StreamResponse:
    """``POST .../with-timestamps``: one JSON object with all the audio."""
    return await _http(request, "json")


def _chunk_line(payload: bytes) -> bytes:
    line = {"audio_base64": base64.b64encode(payload).decode(), "alignment": None,
            "normalized_alignment": None}  # fmt: skip
    return json.dumps(line).encode() + b"\n"


def _shape(mode: str, audio: AudioFormat) -> tuple[str, Any, Any]:
    """Content type, per-chunk rendering and the body's end, for each response kind."""
    if mode == "audio":
        return audio.content_type, lambda payload: payload, lambda tail: tail
    if mode == "ndjson":
        return ("application/json", _chunk_line,
                lambda tail: _chunk_line(tail) if tail else b"")  # fmt: skip
    chunks: list[bytes] = []

    def collect(payload: bytes) -> bytes:
        chunks.append(payload)
        return b""

    def whole(tail: bytes) -> bytes:
        return json.dumps({"audio_base64": base64.b64encode(b"".join(chunks) + tail).decode(),
                           "alignment": None, "normalized_alignment": None}).encode()  # fmt: skip

    return "application/json", collect, whole


async def _http(request: web.Request, mode: str) -> web.StreamResponse:
    try:
        principal = authenticate(request, query_keys=KEY_QUERY)
        voice = _voice(request)
        body = await _json_body(request)
        text = body.get("text")
        if not isinstance(text, str) or not text.strip():
            raise Refusal(400, "invalid_text", "text must be a non-empty string")
        try:
            audio = parse_output_format(request.query.get("output_format", DEFAULT_HTTP_FORMAT))
            sampling = Sampling(seed=_seed(body.get("seed")))
        except ValueError as exc:
            raise Refusal(400, "invalid_parameters", str(exc)) from None
        content_type, render, finish = _shape(mode, audio)
        frame_ms = session_config(request).pacing.frame_ms
        job = HttpJob(text, voice, sampling, audio.encoder(frame_ms), content_type, render, finish,
                      VENDOR, audio.label)  # fmt: skip
        return await stream_http(request, principal, job)
    except Refusal as refusal:
        return error_response(refusal)


async def _json_body(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except (ValueError, RecursionError):  # RecursionError: nested too deeply to parse
        raise Refusal(400, "invalid_json", "the body is not valid JSON") from None
    if not isinstance(body, dict):
        raise Refusal(400, "invalid_json", "the body must be a JSON object")
    return body


def setup_elevenlabs(app: web.Application) -> None:
    """Route the ElevenLabs-compatible endpoints (unless ``compat.enabled`` is off)."""
    from voice_server.app import CONFIG

    if not app[CONFIG].compat.enabled:
        return
    base = "/v1/text-to-speech/{voice_id}"
    app.router.add_get(base + "/multi-stream-input", multi_stream_input)
    app.router.add_get(base + "/stream-input", stream_input)
    app.router.add_post(base, convert)
    app.router.add_post(base + "/stream", convert)
    app.router.add_post(base + "/stream/with-timestamps", stream_with_timestamps)
    app.router.add_post(base + "/with-timestamps", convert_with_timestamps)
