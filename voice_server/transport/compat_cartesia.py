"""Cartesia-compatible endpoints: ``/tts/websocket`` and ``/tts/bytes``, as thin translations onto
this server's sessions.

Cartesia's context model is the closest to our own, so the WebSocket maps almost one to one:

* a generation request ``{context_id, transcript, voice, output_format, continue, ...}`` opens
  the context on first use (its voice and format are checked then; an unknown voice id is an
  ``error`` event for that context, and the socket goes on) and appends ``transcript``
  verbatim;
* ``max_buffer_delay_ms: 0`` speaks each submission at once (the client sends whole phrases);
  otherwise text waits for a sentence boundary, or at most ``max_buffer_delay_ms`` (default
  3000) before it is spoken anyway;
* ``flush: true`` flushes; the ``flush_done`` event carries ``flush_id`` n (1, 2, ...) and the
  chunks before it carry the same ``flush_id``;
* ``continue`` false or absent ends the input: the context's ``done`` follows its last chunk;
* ``{context_id, cancel: true}`` stops the context: nothing more is sent for it;
* the socket closing cancels every context (LiveKit's barge-in closes the socket).

Server messages are exactly Cartesia's set, every one with ``context_id`` (Pipecat indexes it
unconditionally and treats any other ``type`` as an error): ``chunk``, ``flush_done``, ``done``
and ``error``. No ``timestamps`` are sent (the model has no word timing), so clients fall back
to sentence-level transcripts. An ``error`` carries ``done: false``: LiveKit stops at the first
message whose ``done`` is true and would report the failure as "no audio" instead of the error;
Pipecat and the Cartesia SDK act on the ``type``. ``step_time`` is 0: this server does not time
chunks one by one.

Not supported: ``pcm_alaw``, voice embeddings (``mode: "embedding"``), ``/tts/sse``,
``add_timestamps`` (accepted, nothing sent), ``generation_config`` and ``speed`` (accepted and
ignored). WAV from ``/tts/bytes`` is always 16-bit PCM, whatever ``encoding`` says.
"""

from __future__ import annotations

import asyncio
import base64
from dataclasses import dataclass, field
from typing import Any, ClassVar

from aiohttp import web

from voice_server.codec.audio_format import Encoding, OutputFormat
from voice_server.codec.encoders import FrameEncoder
from voice_server.compat_voices import CompatConfig, VoiceNotFound, resolve_voice
from voice_server.context import Context
from voice_server.engine.sampling import Sampling
from voice_server.outbox import Frame
from voice_server.synthesis import Voice
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
    make_event,
    open_socket,
    pcm16_to_f32le,
    ready_runtime,
    sentence_segmenter,
    session_config,
    stream_http,
)
from voice_server.voices import VoiceLibrary

from protocol.errors import ErrorCode, SessionError
from protocol.messages import ContextState

VENDOR = "cartesia"
"""This adapter's name in the metrics (the sessions gauge's transport, the one-shot route)."""
RATES = (8000, 16000, 22050, 24000, 44100, 48000)
ENCODINGS = ("pcm_s16le", "pcm_f32le", "pcm_mulaw")
DEFAULT_BUFFER_DELAY_MS = 3000
FLAGS = ("cancel", "flush", "continue")
"""A socket message's booleans: anything but true, false or absent (null) is refused."""
MAX_BUFFER_DELAY_MS = 5000
MAX_CONTEXT_ID_CHARS = 256
"""Longer ids are refused: each is repeated in every chunk its context sends (UUIDs are 36)."""
STATUS_STREAMING = 206
CONTENT_TYPES = {"wav": "audio/wav", "mp3": "audio/mpeg"}
RAW_CONTENT_TYPES = {"pcm_s16le": "audio/pcm", "pcm_f32le": "audio/pcm", "pcm_mulaw": "audio/basic"}
"""``/tts/bytes``'s raw encodings: ``audio/basic`` is 8 kHz mono mu-law (RFC 2046), as this
server's other mu-law routes send it; there is no registered type for float samples, so
``pcm_f32le`` shares ``audio/pcm`` with s16le (the request says which it is)."""
LIMIT_CODES = (ErrorCode.TOO_MANY_CONTEXTS, ErrorCode.RATE_LIMITED)
"""Session refusals that are a limit reached (Cartesia: 429), not a bad request (400)."""
ERROR_TITLES = {400: "Invalid request", 401: "Unauthorized", 404: "Not found",
                429: "Too many requests", 500: "Internal error", 503: "Unavailable"}  # fmt: skip


# --- requests (pure) ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AudioFormat:
    """A Cartesia ``output_format``.

    Attributes:
        container: "raw" (WebSocket and bytes), "wav" or "mp3" (bytes only).
        encoding: "pcm_s16le", "pcm_f32le" or "pcm_mulaw" (raw and wav).
        sample_rate: output rate.
        bit_rate: mp3 bits per second (None: the writer's default).
    """

    container: str
    encoding: str
    sample_rate: int
    bit_rate: int | None = None

    @property
    def float32(self) -> bool:
        return self.container == "raw" and self.encoding == "pcm_f32le"

    @property
    def content_type(self) -> str:
        """The ``/tts/bytes`` response's Content-Type."""
        if self.container == "raw":
            return RAW_CONTENT_TYPES[self.encoding]
        return CONTENT_TYPES[self.container]

    @property
    def label(self) -> str:
        """``raw_pcm_s16le_16000``, ``mp3_44100``: the format without its bit rate (metrics)."""
        if self.container == "mp3":
            return f"mp3_{self.sample_rate}"
        return f"{self.container}_{self.encoding}_{self.sample_rate}"

    def encoder(self, frame_ms: int) -> FrameEncoder:
        """A fresh encoder for one context."""
        if self.container != "raw":
            return ContainerEncoder(self.container, self.sample_rate, frame_ms, self.bit_rate)
        encoding = Encoding.MULAW if self.encoding == "pcm_mulaw" else Encoding.PCM16
        return FrameEncoder(OutputFormat(encoding, self.sample_rate, frame_ms))


def parse_output_format(raw: object, containers: tuple[str, ...]) -> AudioFormat:
    """Raises ValueError naming what is wrong."""
    if not isinstance(raw, dict):
        raise ValueError("output_format must be an object {container, encoding, sample_rate}")
    container = raw.get("container", "raw")
    if container not in containers:
        raise ValueError(f"output_format.container must be one of {', '.join(containers)}")
    rate = raw.get("sample_rate")
    if rate not in RATES:
        raise ValueError(f"output_format.sample_rate must be one of {RATES}")
    encoding = raw.get("encoding", "pcm_s16le")
    if container != "mp3":
        if encoding not in ENCODINGS:
            raise ValueError(f"output_format.encoding must be one of {', '.join(ENCODINGS)}")
        if encoding == "pcm_mulaw" and (rate != 8000 or container != "raw"):
            raise ValueError("pcm_mulaw is raw at 8000 Hz only")
    bit_rate = raw.get("bit_rate")
    if bit_rate is not None and (not isinstance(bit_rate, int) or not 8000 <= bit_rate <= 320_000):
        raise ValueError("output_format.bit_rate must be an integer in [8000, 320000]")
    return AudioFormat(str(container), str(encoding), int(rate), bit_rate)


def voice_id(raw: object) -> str:
    """The id of ``voice``: ``{"mode": "id", "id"}``, ``{"id"}`` or a plain string."""
    if isinstance(raw, str) and raw:
        return raw
    if isinstance(raw, dict) and raw.get("mode", "id") == "id" and isinstance(raw.get("id"), str):
        return str(raw["id"])
    raise ValueError('voice must be {"mode": "id", "id": "..."}; embeddings are not supported')


def buffer_delay_ms(message: dict[str, Any]) -> int:
    """``max_buffer_delay_ms`` (absent: Cartesia's default). Raises ValueError out of range."""
    value = message.get("max_buffer_delay_ms")
    if value is None:
        return DEFAULT_BUFFER_DELAY_MS
    if isinstance(value, bool) or not isinstance(value, int) or value < 0 \
            or value > MAX_BUFFER_DELAY_MS:  # fmt: skip
        raise ValueError(f"max_buffer_delay_ms must be an integer in [0, {MAX_BUFFER_DELAY_MS}]")
    return value


def request_voice(message: dict[str, Any], config: CompatConfig, voices: VoiceLibrary) -> Voice:
    """Raises VoiceNotFound or ValueError."""
    return resolve_voice(voice_id(message.get("voice")), config, voices)


def error_body(status: int, code: str, message: str, context_id: str | None = None,
               request_id: str | None = None) -> JsonObject:  # fmt: skip
    """Cartesia's structured error (HTTP body, or WebSocket event with ``type``)."""
    body: JsonObject = {"error_code": code, "title": ERROR_TITLES.get(status, "Error"),
                        "message": message, "status_code": status}  # fmt: skip
    if context_id is not None:
        body = {"type": "error", "context_id": context_id, "done": False, **body}
    if request_id is not None:
        body["request_id"] = request_id
    return body


def error_response(refusal: Refusal) -> web.Response:
    body = error_body(refusal.status, refusal.code, refusal.message)
    return web.json_response(body, status=refusal.status, headers=refusal.headers)


# --- the WebSocket ---------------------------------------------------------------------------


class ContextRefused(Exception):
    """A generation request refused for its context; the socket goes on."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


@dataclass
class _ContextState:
    """What the adapter remembers of one live context."""

    encoder: FrameEncoder
    float32: bool
    flush_group: int = 1  # the flush_id stamped on chunks until flush_done(n) moves it to n+1
    flushes: int = 0
    ended: bool = False
    timer: asyncio.TimerHandle | None = field(default=None, repr=False)

    def stop_timer(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None


class CartesiaSocket(JsonSocketSink):
    """One ``/tts/websocket`` connection: reader and sink."""

    vendor: ClassVar[str] = VENDOR

    close_codes: ClassVar[dict[int, int]] = {4408: 1001, 4429: 1008}

    def __init__(self, ws: web.WebSocketResponse, config: CompatConfig, voices: VoiceLibrary,
                 frame_ms: int) -> None:  # fmt: skip
        super().__init__(ws)
        self.config = config
        self.voices = voices
        self.frame_ms = frame_ms
        self.contexts: dict[str, _ContextState] = {}
        self.session: Any = None

    # rendering

    def render_audio(self, context_id: str, frame: Frame) -> JsonObject | None:
        state = self.contexts.get(context_id)
        if state is None:
            return None  # cancelled or failed: nothing more for it
        payload = pcm16_to_f32le(frame.payload) if state.float32 else frame.payload
        return {"type": "chunk", "context_id": context_id,
                "data": base64.b64encode(payload).decode(), "done": False,
                "status_code": STATUS_STREAMING, "step_time": 0.0,
                "flush_id": state.flush_group}  # fmt: skip

    def render_event(self, message: Any) -> list[JsonObject]:
        if isinstance(message, ContextFailure):
            if self._drop(message.context_id) is None:
                return []
            return [self._error(500, "synthesis_failed", message.reason, message.context_id)]
        if not isinstance(message, VendorEvent) or message.context_id not in self.contexts:
            return []
        context_id = message.context_id
        if message.kind == "flush_done" and message.fields.get("flush_id") is not None:
            flush_id = int(message.fields["flush_id"])
            self.contexts[context_id].flush_group = flush_id + 1
            return [{"type": "flush_done", "context_id": context_id, "flush_id": flush_id,
                     "flush_done": True, "done": False,
                     "status_code": STATUS_STREAMING}]  # fmt: skip
        if message.kind == "context_done":
            self._drop(context_id)
            return [{"type": "done", "context_id": context_id, "done": True,
                     "status_code": STATUS_STREAMING}]  # fmt: skip
        return []

    def _error(self, status: int, code: str, message: str, context_id: str) -> JsonObject:
        return error_body(status, code, message, context_id, self.session.id)

    def _drop(self, context_id: str) -> _ContextState | None:
        state = self.contexts.pop(context_id, None)
        if state is not None:
            state.stop_timer()
        return state

    # client messages

    async def serve(self) -> None:
        """Apply client messages until the socket closes; then cancel what is left."""
        try:
            async for message in self.read_messages(self.session):
                await self._apply(message)
        finally:
            for context_id in list(self.contexts):
                self._drop(context_id)

    async def _apply(self, message: JsonObject | str) -> None:
        context_id = message.get("context_id") if isinstance(message, dict) else None
        if not isinstance(context_id, str) or not context_id:
            missing = "context_id must be a non-empty string"
            reason = message if isinstance(message, str) else missing
            await self.send_json(self._error(400, "invalid_request", reason, ""))
            return
        if len(context_id) > MAX_CONTEXT_ID_CHARS:  # echoed in every chunk of the context
            await self.send_json(self._error(
                400, "invalid_request",
                f"context_id must be at most {MAX_CONTEXT_ID_CHARS} characters",
                context_id))  # fmt: skip
            return
        try:
            self.handle(context_id, message)  # type: ignore[arg-type]
        except ContextRefused as exc:
            await self.send_json(self._error(exc.status, exc.code, exc.message, context_id))
        except SessionError as exc:
            status = 429 if exc.code in LIMIT_CODES else 400
            await self.send_json(self._error(status, str(exc.code), exc.message, context_id))
        except ValueError as exc:
            await self.send_json(self._error(400, "invalid_request", str(exc), context_id))

    def handle(self, context_id: str, message: JsonObject) -> None:
        """One client message (rules in the module docstring).

        Raises:
            ContextRefused: bad voice or format for a new context, or input after the end.
            SessionError: refused by a session limit.
            ValueError: a malformed field.
        """
        for flag in FLAGS:  # before anything happens: "continue": "true" must not end input
            if message.get(flag) is not None and not isinstance(message[flag], bool):
                raise ValueError(f"{flag} must be true or false")
        if message.get("cancel") is True:
            if self._drop(context_id) is not None:
                self.session.cancel_context(context_id)
            return
        transcript = message.get("transcript", "")
        if not isinstance(transcript, str):
            raise ValueError("transcript must be a string")
        delay_ms = buffer_delay_ms(message)
        state = self.contexts.get(context_id)
        if state is None:
            state = self._open(context_id, message)
        elif state.ended:
            raise ContextRefused(400, "context_ended", f"context {context_id!r} has ended its "
                                 "input; use a new context_id")  # fmt: skip
        context: Context = self.session.contexts[context_id]
        self._text(context, state, transcript, delay_ms)
        if message.get("flush") is True:
            state.flushes += 1
            state.stop_timer()
            context.flush(str(state.flushes))
        if message.get("continue") is not True:
            state.ended = True
            state.stop_timer()
            context.end_input()
            context.state = ContextState.FLUSHING
        self.session.touch()

    def _text(self, context: Context, state: _ContextState, transcript: str, delay_ms: int) -> None:
        if not transcript:
            return
        self.session.add_text(context, transcript)
        if transcript.strip() and context.state is ContextState.IDLE:
            context.state = ContextState.ACTIVE
        if delay_ms == 0:
            state.stop_timer()
            context.flush(None)
        elif state.timer is None and context.segmenter.buffered_chars:
            loop = asyncio.get_running_loop()
            state.timer = loop.call_later(delay_ms / 1000, self._buffer_timeout, context.id)

    def _buffer_timeout(self, context_id: str) -> None:
        """Text waited ``max_buffer_delay_ms`` for a sentence end: speak it now."""
        state = self.contexts.get(context_id)
        context = self.session.contexts.get(context_id)
        if state is None or context is None:
            return
        state.timer = None
        if not state.ended and context.segmenter.buffered_chars:
            context.flush(None)

    def _open(self, context_id: str, message: JsonObject) -> _ContextState:
        try:
            voice = request_voice(message, self.config, self.voices)
        except VoiceNotFound as exc:
            raise ContextRefused(404, "voice_not_found", str(exc)) from None
        try:
            audio = parse_output_format(message.get("output_format"), ("raw",))
        except ValueError as exc:
            raise ContextRefused(400, "invalid_output_format", str(exc)) from None
        self.session.check_can_open()
        encoder = audio.encoder(self.frame_ms)
        self.session.open_context(context_id, voice, Sampling(), encoder, sentence_segmenter(),
                                  make_event)  # fmt: skip
        state = _ContextState(encoder, audio.float32)
        self.contexts[context_id] = state
        return state


QUERY_KEYS = ("api_key",)
QUERY_TOKENS = ("access_token",)


async def tts_websocket(request: web.Request) -> web.StreamResponse:
    """``GET /tts/websocket``: refuse at the handshake where possible, else serve the socket."""
    try:
        principal = authenticate(request, QUERY_KEYS, QUERY_TOKENS)
        _, voices = ready_runtime(request)
    except Refusal as refusal:
        return error_response(refusal)
    compat = compat_config(request)
    ws = open_socket(request)
    config = session_config(request, idle_timeout_s=compat.cartesia_idle_timeout_s)
    sink = CartesiaSocket(ws, compat, voices, config.pacing.frame_ms)
    return await serve_socket(request, ws, config, sink, principal, error_response)


async def tts_bytes(request: web.Request) -> web.StreamResponse:
    """``POST /tts/bytes``: the whole transcript's audio, streamed as it is made."""
    try:
        principal = authenticate(request, QUERY_KEYS, QUERY_TOKENS)
        _, voices = ready_runtime(request)
        try:
            body = await request.json()
        except (ValueError, RecursionError):  # RecursionError: nested too deeply to parse
            raise Refusal(400, "invalid_request", "the body is not valid JSON") from None
        if not isinstance(body, dict):
            raise Refusal(400, "invalid_request", "the body must be a JSON object")
        return await stream_http(request, principal, _bytes_job(request, body, voices))
    except Refusal as refusal:
        return error_response(refusal)


def _bytes_job(request: web.Request, body: dict[str, Any], voices: VoiceLibrary) -> HttpJob:
    """Raises Refusal for a bad transcript, voice or format."""
    transcript = body.get("transcript")
    if not isinstance(transcript, str) or not transcript.strip():
        raise Refusal(400, "invalid_request", "transcript must be a non-empty string")
    try:
        voice = request_voice(body, compat_config(request), voices)
        audio = parse_output_format(body.get("output_format"), ("raw", "wav", "mp3"))
    except VoiceNotFound as exc:
        raise Refusal(404, "voice_not_found", str(exc)) from None
    except ValueError as exc:
        raise Refusal(400, "invalid_request", str(exc)) from None
    frame_ms = session_config(request).pacing.frame_ms
    render = pcm16_to_f32le if audio.float32 else _same
    return HttpJob(transcript, voice, Sampling(), audio.encoder(frame_ms),
                   audio.content_type, render, _same, VENDOR, audio.label)  # fmt: skip


def _same(data: bytes) -> bytes:
    return data


def setup_cartesia(app: web.Application) -> None:
    """Route the Cartesia-compatible endpoints (unless ``compat.enabled`` is off)."""
    from voice_server.app import CONFIG

    if not app[CONFIG].compat.enabled:
        return
    app.router.add_get("/tts/websocket", tts_websocket)
    app.router.add_post("/tts/bytes", tts_bytes)
