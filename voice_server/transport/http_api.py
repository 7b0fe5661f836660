"""One-shot HTTP synthesis: ``POST /v1/tts`` and the OpenAI-compatible ``POST /v1/audio/speech``.

Both routes take the same JSON body, named as OpenAI names it (``input``, ``voice``,
``response_format``, ``speed``, ``stream_format``; ``model`` and ``instructions`` are accepted and
ignored) plus this server's own fields (``speaker`` or ``style``, ``seed``, ``sample_rate``). They
differ only where OpenAI's clients need it: the OpenAI route defaults to ``mp3`` at 24 kHz
(``pcm`` there is always 24 kHz unless ``sample_rate`` says otherwise, because Pipecat and
LiveKit hard-code it) and answers errors in OpenAI's shape; ``/v1/tts`` defaults to
``HttpApiConfig.default_format`` at the model's native 16 kHz.

Theory of operation (one request):

1. Authenticate and count the request against the key's rate (``auth``); refuse before reading
   the body.
2. Read the body under ``body_timeout_s`` and validate it into a ``TtsRequest`` (pure:
   ``parse_request``); every refusal is a 4xx naming the offending field.
3. Take one of the key's session slots, and a place in the session registry (the process's
   session caps and real-time admission rules, as WebSocket and WebRTC sessions), for the
   whole stream; a refusal is 503 ``server_busy`` or 429 ``too_many_sessions`` with
   ``Retry-After``.
4. Place the request on an engine replica (``SpeechRuntime.place``, held until it ends), cut
   the text as sessions do (``say.split_text``) and synthesize segment by segment there. The
   first segment's voice codes are reused by later ones, so the voice stays the same.
5. Each ``AudioOut`` goes through the format's streaming writer and out at once. The response
   is prepared (status and headers sent) only when the first bytes exist, so a failure before
   any audio is still a proper error status.
6. A client that disconnects, or stops reading for ``write_timeout_s``, ends the stream: the
   segment iterator is closed, which aborts the engine request.

Speed: Spark-TTS has no speed control for a fixed voice (the 32 global codes carry timbre;
speed is only a label of the *style* prompt, in five levels). ``speed`` maps to a level:
[0.25, 0.6) very_low, [0.6, 0.85) low, [0.85, 1.2) moderate, [1.2, 1.6) high, [1.6, 4.0]
very_high. A named voice at "moderate" keeps its fixed codes. At any other level a voice that
has a style (every built-in) is generated from its style with that speed: faster or slower
speech in a voice of the same gender and pitch, but not the identical timbre. A voice with
codes only (cloned) refuses other speeds with 400.
"""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import json
import logging
import time
from collections.abc import AsyncGenerator, Callable, Mapping
from contextlib import aclosing
from dataclasses import dataclass
from typing import Any, cast

from aiohttp import web

from protocol.codec import load_json
from protocol.errors import ProtocolError
from voice_server.auth import AUTH, AuthRefusal, Authenticator, Principal
from voice_server.codec.audio_format import SOURCE_RATE
from voice_server.codec.containers import (
    FIXED_RATES,
    FORMATS,
    FloatArray,
    check_rate,
    open_writer,
)
from voice_server.engine.prompts import Style
from voice_server.engine.sampling import MAX_SEED, Sampling
from voice_server.metrics import METRICS, Metrics
from voice_server.runtime import SpeechRuntime
from voice_server.registry import AdmissionError, SessionRegistry
from voice_server.say import split_text
from voice_server.synthesis import (
    AudioOut,
    NoSpeechError,
    SegmentDone,
    SynthEvent,
    Synthesizer,
    Voice,
    VoiceResolved,
)
from voice_server.voices import DEFAULT_VOICE, VoiceLibrary

log = logging.getLogger(__name__)

OPENAI_VOICES = ("alloy", "ash", "ballad", "coral", "echo", "fable", "onyx", "nova", "sage",
                 "shimmer", "verse", "marin", "cedar")
OPENAI_PCM_RATE = 24_000
SPEED_LEVELS = ((0.6, "very_low"), (0.85, "low"), (1.2, "moderate"), (1.6, "high"))
OPENAI_ERROR_TYPES = {400: "invalid_request_error", 401: "authentication_error",
                      403: "permission_error", 404: "not_found_error", 408: "timeout_error",
                      413: "invalid_request_error", 429: "rate_limit_error"}


@dataclass(frozen=True)
class HttpApiConfig:
    """One-shot HTTP synthesis (POST /v1/tts and POST /v1/audio/speech).

    Attributes:
        max_input_chars: longest ``input`` accepted (OpenAI's limit is 4096). Bounds the
            audio (and engine time) one request can ask for.
        default_format: response_format of /v1/tts when none is given (the OpenAI route
            always defaults to mp3, as OpenAI does).
        openai_voice_map: how OpenAI's voice names map onto this server's voices, as
            "name=voice,..."; OpenAI names that are also our voice names need no entry.
        body_timeout_s: time allowed to upload the request body; slower clients get 408.
        write_timeout_s: a client that accepts no audio for this long is dropped and its
            engine request aborted (it would otherwise hold engine capacity).
    """

    max_input_chars: int = 4096
    default_format: str = "wav"
    openai_voice_map: str = (
        "ash=onyx,ballad=fable,coral=aria,sage=nova,shimmer=aria,verse=echo,marin=alloy,"
        "cedar=onyx"
    )
    body_timeout_s: float = 10.0
    write_timeout_s: float = 10.0


@dataclass(frozen=True)
class TtsRequest:
    """A validated request."""

    text: str
    voice: Voice
    voice_name: str
    fmt: str
    sample_rate: int
    sse: bool
    seed: int | None


class ApiError(Exception):
    """A refusal, rendered in the route's error shape by ``error_response``."""

    def __init__(
        self, status: int, code: str, message: str, *, param: str | None = None,
        retryable: bool = False, headers: Mapping[str, str] | None = None,
    ) -> None:  # fmt: skip
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.param = param
        self.retryable = retryable
        self.headers = dict(headers or {})

    @classmethod
    def from_refusal(cls, refusal: AuthRefusal) -> ApiError:
        headers = {k: v for k, v in refusal.headers.items() if k.lower() != "content-type"}
        return cls(refusal.status, refusal.code, refusal.message, retryable=refusal.retryable,
                   headers=headers)


def _bad(param: str, message: str) -> ApiError:
    return ApiError(400, "invalid_value", message, param=param)


def error_response(error: ApiError, openai: bool) -> web.Response:
    """OpenAI's ``{"error": {message, type, param, code}}`` or ours (with ``retryable``)."""
    if openai:
        kind = OPENAI_ERROR_TYPES.get(error.status, "server_error")
        body: dict[str, Any] = {"message": error.message, "type": kind, "param": error.param,
                                "code": error.code}
    else:
        body = {"code": error.code, "message": error.message, "retryable": error.retryable}
        if error.param is not None:
            body["param"] = error.param
    headers = {"x-should-retry": "true" if error.retryable else "false", **error.headers}
    return web.json_response({"error": body}, status=error.status, headers=headers)


# --- validation (pure) ---------------------------------------------------------------------


def parse_voice_map(text: str) -> dict[str, str]:
    """``"a=b,c=d"`` -> {"a": "b", "c": "d"}. Raises ValueError on a malformed entry."""
    mapping: dict[str, str] = {}
    for entry in (e.strip() for e in text.split(",")):
        if not entry:
            continue
        name, eq, target = (part.strip() for part in entry.partition("="))
        if not eq or not name or not target:
            raise ValueError(f"voice map entry {entry!r} is not name=voice")
        mapping[name] = target
    return mapping


def speed_level(speed: float) -> str:
    """The style speed level for an OpenAI ``speed`` (mapping in the module docstring)."""
    for bound, level in SPEED_LEVELS:
        if speed < bound:
            return level
    return "very_high"


def _number(body: Mapping[str, Any], name: str, default: float, low: float, high: float) -> float:
    value = body.get(name, default)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise _bad(name, f"{name} must be a number in [{low}, {high}]")
    return float(value)


def _integer(body: Mapping[str, Any], name: str, low: int, high: int) -> int | None:
    value = body.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _bad(name, f"{name} must be an integer in [{low}, {high}]")
    return value


def _choice(body: Mapping[str, Any], name: str, default: str, allowed: tuple[str, ...]) -> str:
    value = body.get(name, default)
    if value is None:
        return default
    if not isinstance(value, str) or value not in allowed:
        raise _bad(name, f"{name} must be one of {', '.join(allowed)}")
    return value


def resolve_voice(
    body: Mapping[str, Any], voices: VoiceLibrary, voice_map: Mapping[str, str], speed: float
) -> tuple[str, Voice]:
    """The voice named by ``voice`` (a name or ``{"id": name}``), ``speaker`` or ``style``.

    Raises:
        ApiError: more than one given, an unknown name, a bad style, or a speed the voice
            cannot do (see the module docstring).
    """
    given = [k for k in ("voice", "speaker", "style") if body.get(k) is not None]
    if len(given) > 1:
        raise _bad(given[1], "give only one of voice, speaker or style")
    level = speed_level(speed)
    if given == ["style"]:
        return "style", Voice(style=_style(body["style"], level))
    param = given[0] if given else "voice"
    raw = body.get(param, DEFAULT_VOICE)
    name = raw.get("id") if isinstance(raw, dict) else raw
    if not isinstance(name, str):
        raise _bad(param, f"{param} must be a voice name or {{\"id\": name}}")
    target = name if name in voices else voice_map.get(name)
    if target is None:
        raise _bad(param, f"unknown voice {name!r}; known: {', '.join(voices.names())}")
    if target not in voices:
        raise ApiError(500, "voice_map_invalid",
                       f"voice {name!r} maps to {target!r}, which this server does not have")
    preset = voices.get(target)
    if preset.global_codes is not None and level == "moderate":
        return name, Voice(global_codes=preset.global_codes, style=preset.style or Style())
    if preset.style is None:
        raise _bad("speed", f"voice {name!r} has a fixed timbre and no style, so it only speaks "
                   "at speed 0.85-1.2; use a style voice to change speed")
    return name, Voice(style=dataclasses.replace(preset.style, speed=level))


def _style(raw: object, level: str) -> Style:
    if not isinstance(raw, dict) or not set(raw) <= {"gender", "pitch", "speed"}:
        raise _bad("style", 'style must be {"gender", "pitch", "speed"} (each optional)')
    try:
        return Style(**{"speed": level, **raw})
    except (TypeError, ValueError) as exc:
        raise _bad("style", str(exc)) from None


def parse_request(
    body: object, *, openai: bool, config: HttpApiConfig, voices: VoiceLibrary,
    voice_map: Mapping[str, str],
) -> TtsRequest:  # fmt: skip
    """Validate a JSON body into a ``TtsRequest`` (field list in the module docstring).

    Raises:
        ApiError: 400 naming the field at fault (``invalid_json``, no field, for a body that
            is not an object).
    """
    if not isinstance(body, dict):
        raise ApiError(400, "invalid_json", "the body must be a JSON object")
    text = body.get("input")
    if not isinstance(text, str) or not text.strip():
        raise _bad("input", "input must be a non-empty string")
    if len(text) > config.max_input_chars:
        raise _bad("input", f"input is longer than {config.max_input_chars} characters")
    if not split_text(text):  # e.g. only emoji or symbols, which normalisation removes
        raise _bad("input", "input has nothing speakable (no words or numbers, nor symbols "
                   "read out as words)")  # fmt: skip
    fmt = _choice(body, "response_format", "mp3" if openai else config.default_format, FORMATS)
    speed = _number(body, "speed", 1.0, 0.25, 4.0)
    sse = _choice(body, "stream_format", "audio", ("audio", "sse")) == "sse"
    seed = _integer(body, "seed", 0, MAX_SEED)
    default_rate = FIXED_RATES.get(fmt, OPENAI_PCM_RATE if openai else SOURCE_RATE)
    sample_rate = _integer(body, "sample_rate", 1, 1_000_000) or default_rate
    try:
        check_rate(fmt, sample_rate)
    except ValueError as exc:
        raise _bad("sample_rate", str(exc)) from None
    name, voice = resolve_voice(body, voices, voice_map, speed)
    return TtsRequest(text, voice, name, fmt, sample_rate, sse, seed)


# --- streaming -----------------------------------------------------------------------------


class ClientGone(Exception):
    """The client disconnected or stopped reading; the stream ends quietly."""


class _ResponseOut:
    """Sends one response's bytes: prepares lazily, frames SSE, notices a vanished client."""

    def __init__(self, request: web.Request, req: TtsRequest, content_type: str,
                 sample_rate: int, write_timeout_s: float) -> None:
        self.request = request
        self.sse = req.sse
        self.write_timeout_s = write_timeout_s
        headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no",
                   "X-Sample-Rate": str(sample_rate)}
        headers["Content-Type"] = "text/event-stream" if req.sse else content_type
        self.response = web.StreamResponse(headers=headers)
        self.response.enable_chunked_encoding()

    @property
    def started(self) -> bool:
        return self.response.prepared

    def check_alive(self) -> None:
        transport = self.request.transport
        if transport is None or transport.is_closing():
            raise ClientGone("client disconnected")

    async def audio(self, data: bytes) -> None:
        self.check_alive()
        if not data:
            return
        if self.sse:
            event = {"type": "speech.audio.delta", "audio": base64.b64encode(data).decode()}
            data = b"data: " + json.dumps(event).encode() + b"\n\n"
        await self._write(data)

    async def finish(self, usage: Mapping[str, int]) -> None:
        if self.sse:
            done = {"type": "speech.audio.done", "usage": dict(usage)}
            await self._write(b"data: " + json.dumps(done).encode() + b"\n\n")
        if not self.started:
            await self.response.prepare(self.request)
        await self.response.write_eof()

    async def _write(self, data: bytes) -> None:
        try:
            if not self.started:
                await self.response.prepare(self.request)
            await asyncio.wait_for(self.response.write(data), self.write_timeout_s)
        except ConnectionError as exc:
            raise ClientGone("client disconnected") from exc
        except TimeoutError as exc:
            raise ClientGone(f"client read nothing for {self.write_timeout_s} s") from exc


@dataclass(eq=False)
class _Progress:
    """What one request has produced so far (for metrics, usage and the log line); also the
    request's engine stream, as admission counts it (``registry.Stream``)."""

    started: float
    speaking: bool = False  # the engine delivered its first tokens: it counts the stream now
    first_audio: float | None = None
    input_tokens: int = 0
    output_tokens: int = 0
    audio_samples: int = 0
    segments: int = 0

    @property
    def has_spoken(self) -> bool:
        return self.speaking


class _RequestSlot:
    """One synthesis request as the session registry sees it: busy until it ends; closing it
    (shutdown, after the grace period) cancels the request's handler, which cuts the stream."""

    def __init__(self, progress: _Progress) -> None:
        self.progress = progress  # its engine stream, claimed at admission
        self._task = asyncio.current_task()

    @property
    def is_busy(self) -> bool:
        return True

    @property
    def has_spoken(self) -> bool:
        return True  # its stream is claimed at once: that counts it

    async def close(self, code: int, reason: str) -> None:
        if self._task is not None and self._task is not asyncio.current_task():
            self._task.cancel(reason)


class HttpApi:
    """The two routes' handlers, bound to one app's config, runtime, registry, auth and
    metrics."""

    def __init__(self, config: HttpApiConfig, runtime: SpeechRuntime, auth: Authenticator,
                 metrics: Metrics, registry: SessionRegistry) -> None:  # fmt: skip
        self.config = config
        self.runtime = runtime
        self.auth = auth
        self.metrics = metrics
        self.registry = registry
        self.voice_map = parse_voice_map(config.openai_voice_map)

    async def tts(self, request: web.Request) -> web.StreamResponse:
        """``POST /v1/tts``."""
        return await self._handle(request, openai=False)

    async def openai_speech(self, request: web.Request) -> web.StreamResponse:
        """``POST /v1/audio/speech``, as OpenAI's API takes it."""
        return await self._handle(request, openai=True)

    async def _handle(self, request: web.Request, openai: bool) -> web.StreamResponse:
        started = time.monotonic()
        route = "openai" if openai else "tts"
        try:
            principal = self._admit(request)
            body = await self._read_json(request)
            voices = self._ready_voices()
            req = parse_request(body, openai=openai, config=self.config, voices=voices,
                                voice_map=self.voice_map)
            progress = _Progress(started)
            slot = _RequestSlot(progress)
            self._acquire(principal, slot, request.remote or "unknown")
        except ApiError as error:
            self.metrics.error(error.code)
            return error_response(error, openai)
        self.metrics.http_request(route, req.fmt)
        self.metrics.session_opened("http")
        try:
            return await self._stream(request, req, progress, principal, openai)
        finally:
            self.metrics.session_closed("http")
            self.registry.drop_stream(slot.progress)
            self.registry.release(slot)
            self.auth.release_session(principal)

    def _admit(self, request: web.Request) -> Principal:
        try:
            principal = self.auth.check_request(request)
            self.auth.allow_request(principal)
        except AuthRefusal as refusal:
            raise ApiError.from_refusal(refusal) from None
        return principal

    def _acquire(self, principal: Principal, slot: _RequestSlot, peer: str) -> None:
        """The key's session slot, then the registry's (released again if that refuses)."""
        try:
            self.auth.acquire_session(principal)
        except AuthRefusal as refusal:
            raise ApiError.from_refusal(refusal) from None
        try:
            self.registry.admit(slot, peer)
        except AdmissionError as exc:
            self.auth.release_session(principal)
            raise ApiError(exc.http_status, exc.code, str(exc), retryable=exc.retryable,
                           headers={"Retry-After": exc.retry_after_header}) from None
        # Starting until the engine delivers its first tokens: requests arriving meanwhile
        # see it (60 at once were all let in while it stopped counting before its request
        # reached the engine).
        self.registry.claim_stream(slot.progress, judged=False)

    async def _read_json(self, request: web.Request) -> object:
        try:
            raw = await asyncio.wait_for(request.read(), self.config.body_timeout_s)
        except TimeoutError:
            raise ApiError(408, "body_timeout", "the request body arrived too slowly") from None
        except web.HTTPRequestEntityTooLarge:
            raise ApiError(413, "request_too_large", "the request body is too large") from None
        try:
            body = load_json(raw)  # the streaming protocol's rules: no BOM, NaN or Infinity
        except ProtocolError:
            raise ApiError(400, "invalid_json", "the body is not JSON (UTF-8; no byte-order "
                           "mark; NaN and Infinity are not JSON)") from None
        return body  # parse_request refuses one that is not an object

    def _ready_voices(self) -> VoiceLibrary:
        runtime = self.runtime
        if not runtime.ready.is_set() or runtime.voices is None:
            raise ApiError(503, "not_ready", "the model is still loading", retryable=True,
                           headers={"Retry-After": "5"})
        if runtime.errored:
            raise ApiError(503, "engine_failed", "the speech engine has failed")
        return runtime.voices

    async def _stream(self, request: web.Request, req: TtsRequest, progress: _Progress,
                      principal: Principal, openai: bool) -> web.StreamResponse:
        writer = open_writer(req.fmt, req.sample_rate)
        out = _ResponseOut(request, req, writer.content_type, writer.sample_rate,
                           self.config.write_timeout_s)
        outcome = "done"
        try:
            await self._synthesize(req, writer.feed, out, progress)
            if progress.first_audio is None:
                raise ApiError(500, "no_speech", "the model produced no audio for this input")
            await out.audio(writer.close())
            await out.finish(self._usage(progress))
        except ClientGone as gone:
            outcome = "client_gone"
            self.metrics.error("client_disconnected")
            log.info("tts stream ended early: %s", gone)
            self._abort(request)  # a stalled reader must not hold the final write either
        except Exception as exc:
            error = exc if isinstance(exc, ApiError) else ApiError(
                500, "internal", "synthesis failed; see the server log")
            if not isinstance(exc, ApiError):
                log.exception("tts request failed")
            outcome = error.code
            self.metrics.error(error.code)
            if not out.started:
                return error_response(error, openai)
            self._abort(request)
        finally:
            writer.close()
            self._log(req, progress, principal, outcome)
        return out.response

    async def _synthesize(self, req: TtsRequest, encode: Callable[[FloatArray], bytes],
                          out: _ResponseOut, progress: _Progress) -> None:
        """Steps 4-5 of the module docstring, on the replica the request is placed on."""
        with self.runtime.place() as placement:
            await self._segments(req, placement.synthesizer, encode, out, progress)

    async def _segments(self, req: TtsRequest, synth: Synthesizer,
                        encode: Callable[[FloatArray], bytes], out: _ResponseOut,
                        progress: _Progress) -> None:  # fmt: skip
        voice = req.voice
        for index, text in enumerate(split_text(req.text)):
            out.check_alive()
            seed = None if req.seed is None else (req.seed + index) % (MAX_SEED + 1)
            progress.input_tokens += len(synth.tokenizer.text_ids(text))
            # segment() is an async generator (typed as an iterator): closing it aborts the
            # engine request when the client goes away mid-segment.
            segment = cast(AsyncGenerator[SynthEvent, None],
                           synth.segment(text, voice, Sampling(seed=seed)))
            try:
                async with aclosing(segment) as events:
                    async for event in events:
                        progress.speaking = True
                        if isinstance(event, VoiceResolved):
                            voice = Voice(global_codes=event.global_codes, style=voice.style)
                        elif isinstance(event, AudioOut):
                            await self._audio(event, encode, out, progress)
                        elif isinstance(event, SegmentDone):
                            self._segment_done(event, synth.sample_rate, progress)
            except NoSpeechError:
                self.metrics.error("no_speech")
                log.warning("segment %d of a tts request produced no speech", index)
            except ValueError as exc:
                raise ApiError(400, "invalid_value", str(exc), param="input") from None

    async def _audio(self, event: AudioOut, encode: Callable[[FloatArray], bytes],
                     out: _ResponseOut, progress: _Progress) -> None:
        first = progress.first_audio is None
        progress.first_audio = progress.first_audio or time.monotonic()
        progress.audio_samples += event.samples.size
        await out.audio(encode(event.samples))
        if first:  # time to first audio is per request: the wait the caller felt
            self.metrics.observe_ttfa(progress.first_audio - progress.started)

    def _segment_done(self, done: SegmentDone, sample_rate: int, progress: _Progress) -> None:
        audio_s = done.samples / sample_rate
        rtf = (done.finished_at - done.started_at) / audio_s if audio_s else 0.0
        self.metrics.observe_segment(None, rtf, audio_s, done.schedule,
                                     done.decode_windows)  # TTFA: see _audio
        progress.output_tokens += done.semantic_tokens
        progress.segments += 1

    @staticmethod
    def _usage(progress: _Progress) -> dict[str, int]:
        return {"input_tokens": progress.input_tokens, "output_tokens": progress.output_tokens,
                "total_tokens": progress.input_tokens + progress.output_tokens}

    @staticmethod
    def _abort(request: web.Request) -> None:
        """After headers went out an error cannot change the status: cut the connection so
        the client sees a truncated body, never a short one that looks complete."""
        if request.transport is not None:
            request.transport.close()

    def _log(self, req: TtsRequest, progress: _Progress, principal: Principal,
             outcome: str) -> None:
        ttfa = None if progress.first_audio is None else progress.first_audio - progress.started
        log.info(
            "tts %s: %d chars, %d segments, %.2f s audio, first audio %s ms",
            outcome, len(req.text), progress.segments,
            progress.audio_samples / SOURCE_RATE,
            "-" if ttfa is None else f"{ttfa * 1000:.0f}",
            extra={"key": principal.name, "format": req.fmt, "voice": req.voice_name},
        )


HTTP_API = web.AppKey("http_api", HttpApi)


def setup_http_api(app: web.Application) -> HttpApi:
    """Route ``POST /v1/tts`` and ``POST /v1/audio/speech`` (needs ``setup_auth`` and
    ``setup_metrics`` first)."""
    from voice_server.app import CONFIG, REGISTRY, RUNTIME

    api = HttpApi(app[CONFIG].http_api, app[RUNTIME], app[AUTH], app[METRICS], app[REGISTRY])
    app[HTTP_API] = api
    app.router.add_post("/v1/tts", api.tts)
    app.router.add_post("/v1/audio/speech", api.openai_speech)
    return api
