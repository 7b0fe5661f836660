"""Every JSON message of protocol v1, as frozen dataclasses that are valid by construction.

Each message class names its wire ``type`` in ``TYPE``; its fields are the JSON fields, in
order, with ``None`` meaning "absent" (absent fields are not written, and ``null`` reads as
absent). Construction validates every value against the protocol's fixed ranges
(``protocol.limits``) and raises a ``FieldError`` naming the field, so an instance that exists
is a message the other side must accept: the parser builds these, the server builds these, and
neither can produce an invalid one.

Enums here are the protocol's vocabularies. ``ErrorCode`` and ``CloseCode`` live in
``protocol.errors`` (with the table of what each does) and are re-exported from here.

The context state machine (``ContextState``, ``next_context_state``) is also part of the
contract: it decides which client messages a context accepts; PROTOCOL.md draws it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import ClassVar, Final, TypeVar

from protocol import limits
from protocol.errors import (
    CloseCode,
    ErrorCode,
    InvalidField,
    MissingField,
    ProtocolError,
    SessionError,
    UnsupportedVersion,
)

__all__ = [
    "Cancel", "Cancelled", "ClientMessage", "ClientMessageType", "CloseCode", "ContextDone",
    "ContextState", "ContextStatus", "ContextTimings", "Encoding", "End", "ErrorCode",
    "ErrorEvent", "Flush", "FlushDone", "Gender", "Level", "Limits", "Message", "Open",
    "Opened", "OutputFormat", "Ping", "Pong", "Ready", "Sampling", "Segmentation",
    "SegmentDone", "SegmentStart", "SegmentTimings", "ServerMessage", "ServerMessageType",
    "Start", "Text", "Usage", "Voice", "next_context_state",
]  # fmt: skip


# --- vocabularies ---------------------------------------------------------------------------


class ClientMessageType(StrEnum):
    START = "start"
    OPEN = "open"
    TEXT = "text"
    FLUSH = "flush"
    END = "end"
    CANCEL = "cancel"
    PING = "ping"


class ServerMessageType(StrEnum):
    READY = "ready"
    OPENED = "opened"
    SEGMENT_START = "segment_start"
    SEGMENT_DONE = "segment_done"
    FLUSH_DONE = "flush_done"
    CONTEXT_DONE = "context_done"
    CANCELLED = "cancelled"
    PONG = "pong"
    ERROR = "error"


class Encoding(StrEnum):
    """Audio payload encodings (rates per encoding: ``limits.SAMPLE_RATES``)."""

    PCM16 = "pcm16"
    MULAW = "mulaw"
    OPUS = "opus"


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"


class Level(StrEnum):
    """The five levels of Spark-TTS's pitch and speed controls."""

    VERY_LOW = "very_low"
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"
    VERY_HIGH = "very_high"


class Segmentation(StrEnum):
    """How a context's text is cut into model prompts (segments); see PROTOCOL.md."""

    AUTO = "auto"
    SENTENCE = "sentence"
    FLUSH_ONLY = "flush_only"


class ContextStatus(StrEnum):
    """How a context that reached ``context_done`` ended."""

    COMPLETED = "completed"
    FAILED = "failed"


class ContextState(StrEnum):
    """A context's state, as both sides see it (PROTOCOL.md section "Contexts")."""

    IDLE = "idle"
    ACTIVE = "active"
    FLUSHING = "flushing"
    DONE = "done"
    CANCELLED = "cancelled"


# --- validation helpers ---------------------------------------------------------------------

_E = TypeVar("_E", bound=StrEnum)


def _enum(kind: type[_E], field: str, value: object) -> _E:
    if isinstance(value, str):
        try:
            return kind(value)
        except ValueError:
            pass
    allowed = ", ".join(member.value for member in kind)
    raise InvalidField(field, f"must be one of {allowed}, got {str(value)[:64]!r}")


def _range(field: str, value: float, low: float, high: float) -> None:
    if not (math.isfinite(value) and low <= value <= high):
        raise InvalidField(field, f"must be in [{low}, {high}], got {value!r}")


def _non_negative(field: str, value: float) -> None:
    if not (math.isfinite(value) and value >= 0):
        raise InvalidField(field, f"must be a finite number >= 0, got {value!r}")


def _ident(field: str, value: str) -> None:
    if not limits.ID_PATTERN.fullmatch(value):
        raise InvalidField(field, "must be 1-64 characters from A-Z a-z 0-9 . _ : -")


def _text(field: str, value: str, low: int, high: int) -> None:
    if not low <= len(value) <= high:
        raise InvalidField(field, f"must have {low}..{high} characters, got {len(value)}")


def _set(instance: object, name: str, value: object) -> None:
    object.__setattr__(instance, name, value)  # normalising a frozen dataclass in __post_init__


# --- shared structures ----------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Voice:
    """A named server voice (``speaker``) or a Spark-TTS style (``gender``, ``pitch``, ``speed``).

    A style's ``pitch`` and ``speed`` default to ``moderate``; they are filled in at
    construction, so a style voice is always complete.
    """

    speaker: str | None = None
    gender: Gender | None = None
    pitch: Level | None = None
    speed: Level | None = None

    def __post_init__(self) -> None:
        if self.speaker is not None:
            _ident("speaker", self.speaker)
            if (self.gender, self.pitch, self.speed) != (None, None, None):
                raise InvalidField("speaker", "a voice is a speaker or a style, not both")
            return
        if self.gender is None:
            raise MissingField("gender", "a voice needs either speaker or gender")
        _set(self, "gender", _enum(Gender, "gender", self.gender))
        _set(self, "pitch", _enum(Level, "pitch", self.pitch or Level.MODERATE))
        _set(self, "speed", _enum(Level, "speed", self.speed or Level.MODERATE))


@dataclass(frozen=True, kw_only=True)
class Sampling:
    """Sampling settings; absent fields inherit (the session's, then the server's defaults).

    Attributes:
        temperature: 0 to 2.
        top_k: -1 (off) or 1 to 1024.
        top_p: above 0, at most 1.
        repetition_penalty: 0.5 to 2 (1 is off).
        seed: 0 to 2**32-1; segment ``i`` of a context samples with ``seed + i``, so a context
            is reproducible. Absent: a fresh random draw per segment.
        max_tokens: cap on semantic tokens per segment (50 per second of audio), 1 to 100000.
            Absent: derived from the segment's text length.
    """

    temperature: float | None = None
    top_k: int | None = None
    top_p: float | None = None
    repetition_penalty: float | None = None
    seed: int | None = None
    max_tokens: int | None = None

    def __post_init__(self) -> None:
        if self.temperature is not None:
            _range("temperature", self.temperature, *limits.TEMPERATURE_RANGE)
        if self.top_k is not None and self.top_k != -1:
            low, high = limits.TOP_K_RANGE
            if not low <= self.top_k <= high:
                raise InvalidField("top_k", f"must be -1 (off) or in [{low}, {high}], "
                                   f"got {self.top_k!r}")  # fmt: skip
        if self.top_p is not None:
            _range("top_p", self.top_p, *limits.TOP_P_RANGE)
            if self.top_p <= limits.TOP_P_RANGE[0]:
                raise InvalidField("top_p", "must be greater than 0")
        if self.repetition_penalty is not None:
            _range("repetition_penalty", self.repetition_penalty,
                   *limits.REPETITION_PENALTY_RANGE)  # fmt: skip
        if self.seed is not None:
            _range("seed", self.seed, *limits.SEED_RANGE)
        if self.max_tokens is not None:
            _range("max_tokens", self.max_tokens, *limits.MAX_TOKENS_RANGE)

    def merged_over(self, base: Sampling) -> Sampling:
        """These settings, with every absent field taken from ``base``."""
        return Sampling(
            temperature=_pick(self.temperature, base.temperature),
            top_k=_pick(self.top_k, base.top_k),
            top_p=_pick(self.top_p, base.top_p),
            repetition_penalty=_pick(self.repetition_penalty, base.repetition_penalty),
            seed=_pick(self.seed, base.seed),
            max_tokens=_pick(self.max_tokens, base.max_tokens),
        )


_T = TypeVar("_T")


def _pick(value: _T | None, fallback: _T | None) -> _T | None:
    return fallback if value is None else value


@dataclass(frozen=True, kw_only=True)
class OutputFormat:
    """Encoding, rate and frame duration of the session's audio.

    Use ``OutputFormat.of`` to get the encoding's default rate and bitrate filled in.

    Attributes:
        encoding: ``pcm16`` (s16le), ``mulaw`` (G.711) or ``opus`` (raw packets).
        sample_rate: pcm16: 8000, 16000, 24000 or 48000; mulaw: 8000; opus: 48000.
        frame_ms: 10, 20, 40, 60 or 100; opus: 20.
        bitrate: Opus target bits per second, 6000 to 256000; absent for other encodings.
    """

    encoding: Encoding = Encoding.PCM16
    sample_rate: int = limits.NATIVE_SAMPLE_RATE
    frame_ms: int = limits.DEFAULT_FRAME_MS
    bitrate: int | None = None

    @classmethod
    def of(
        cls,
        encoding: Encoding | str = Encoding.PCM16,
        *,
        sample_rate: int | None = None,
        frame_ms: int | None = None,
        bitrate: int | None = None,
    ) -> OutputFormat:
        """A format with the encoding's defaults for whatever is not given."""
        enc = _enum(Encoding, "encoding", encoding)
        if enc is Encoding.OPUS and bitrate is None:
            bitrate = limits.DEFAULT_OPUS_BITRATE
        return cls(
            encoding=enc,
            sample_rate=limits.DEFAULT_SAMPLE_RATES[enc] if sample_rate is None else sample_rate,
            frame_ms=limits.DEFAULT_FRAME_MS if frame_ms is None else frame_ms,
            bitrate=bitrate,
        )

    def __post_init__(self) -> None:
        enc = _enum(Encoding, "encoding", self.encoding)
        _set(self, "encoding", enc)
        rates = limits.SAMPLE_RATES[enc]
        if self.sample_rate not in rates:
            raise InvalidField("sample_rate", f"{enc} allows {list(rates)}, got "
                                              f"{self.sample_rate!r}")  # fmt: skip
        if self.frame_ms not in limits.FRAME_MS_CHOICES:
            raise InvalidField("frame_ms", f"must be one of {list(limits.FRAME_MS_CHOICES)}")
        if enc is Encoding.OPUS:
            if self.frame_ms != limits.OPUS_FRAME_MS:
                raise InvalidField("frame_ms", f"opus frames are {limits.OPUS_FRAME_MS} ms")
            if self.bitrate is None:
                raise MissingField("bitrate", "opus needs a bitrate (OutputFormat.of fills it)")
            _range("bitrate", self.bitrate, *limits.OPUS_BITRATE_RANGE)
        elif self.bitrate is not None:
            raise InvalidField("bitrate", "only opus has a bitrate")

    @property
    def frame_samples(self) -> int:
        """Samples in one frame at ``sample_rate``."""
        return self.sample_rate * self.frame_ms // 1000


@dataclass(frozen=True, kw_only=True)
class Limits:
    """The limits a server enforces on this session, announced in ``ready``.

    Attributes:
        max_message_bytes: largest client message; a bigger one closes with 1009.
        max_text_chars: largest ``text`` of one text message (``text_too_long``).
        max_buffered_text_chars: unspoken text a context may hold (``text_buffer_full``).
        max_contexts: live contexts per session (``too_many_contexts``); at least
            ``limits.MIN_MAX_CONTEXTS`` on any server.
        idle_timeout_ms: a session with no client message and no audio in flight this long
            is closed (``idle_timeout``, 4408).
        handshake_timeout_ms: time from connection to ``start`` (``handshake_timeout``, 4408).
        slow_consumer_lag_ms: how far audio may fall behind its send schedule because the
            client does not read before the session is closed (``slow_consumer``, 4429).
    """

    max_message_bytes: int
    max_text_chars: int
    max_buffered_text_chars: int
    max_contexts: int
    idle_timeout_ms: int
    handshake_timeout_ms: int
    slow_consumer_lag_ms: int

    def __post_init__(self) -> None:
        for name in self.__dataclass_fields__:
            _range(name, getattr(self, name), 1, limits.MAX_U32)
        _range("max_contexts", self.max_contexts, limits.MIN_MAX_CONTEXTS, limits.MAX_U32)


# --- client messages ------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Start:
    """First client message: the session's settings (every field optional)."""

    TYPE: ClassVar[ClientMessageType] = ClientMessageType.START
    version: int = limits.PROTOCOL_VERSION
    voice: Voice | None = None
    sampling: Sampling | None = None
    format: OutputFormat | None = None
    lead_ms: int | None = None
    segmentation: Segmentation | None = None
    token: str | None = field(default=None, repr=False)  # a credential: never in logs

    def __post_init__(self) -> None:
        _range("version", self.version, *limits.VERSION_RANGE)
        if self.lead_ms is not None:
            _range("lead_ms", self.lead_ms, *limits.LEAD_MS_RANGE)
        if self.segmentation is not None:
            _set(self, "segmentation", _enum(Segmentation, "segmentation", self.segmentation))
        if self.token is not None:
            _text("token", self.token, 1, limits.MAX_TOKEN_CHARS)
        # Last: a field error is reported before the version, which is a value (PROTOCOL.md 4.4)
        if self.version != limits.PROTOCOL_VERSION:
            raise UnsupportedVersion(f"this server speaks protocol version "
                                     f"{limits.PROTOCOL_VERSION}, not {self.version!r}")  # fmt: skip


@dataclass(frozen=True, kw_only=True)
class Open:
    """Open a context; ``voice``, ``sampling`` and ``segmentation`` override the session's."""

    TYPE: ClassVar[ClientMessageType] = ClientMessageType.OPEN
    context_id: str
    voice: Voice | None = None
    sampling: Sampling | None = None
    segmentation: Segmentation | None = None

    def __post_init__(self) -> None:
        _ident("context_id", self.context_id)
        if self.segmentation is not None:
            _set(self, "segmentation", _enum(Segmentation, "segmentation", self.segmentation))


@dataclass(frozen=True, kw_only=True)
class Text:
    """A text delta, appended verbatim to the context's text (include your spaces)."""

    TYPE: ClassVar[ClientMessageType] = ClientMessageType.TEXT
    context_id: str
    text: str
    flush: bool = False
    flush_id: str | None = None

    def __post_init__(self) -> None:
        _ident("context_id", self.context_id)
        if self.flush_id is not None:
            _ident("flush_id", self.flush_id)
            if not self.flush:
                raise InvalidField("flush_id", "only allowed with flush: true")


@dataclass(frozen=True, kw_only=True)
class Flush:
    """Speak everything buffered now; acknowledged by ``flush_done``."""

    TYPE: ClassVar[ClientMessageType] = ClientMessageType.FLUSH
    context_id: str
    flush_id: str | None = None

    def __post_init__(self) -> None:
        _ident("context_id", self.context_id)
        if self.flush_id is not None:
            _ident("flush_id", self.flush_id)


@dataclass(frozen=True, kw_only=True)
class End:
    """End of input: flush, then ``context_done`` after the last audio."""

    TYPE: ClassVar[ClientMessageType] = ClientMessageType.END
    context_id: str

    def __post_init__(self) -> None:
        _ident("context_id", self.context_id)


@dataclass(frozen=True, kw_only=True)
class Cancel:
    """Stop a context now (barge-in); acknowledged by ``cancelled``."""

    TYPE: ClassVar[ClientMessageType] = ClientMessageType.CANCEL
    context_id: str

    def __post_init__(self) -> None:
        _ident("context_id", self.context_id)


@dataclass(frozen=True, kw_only=True)
class Ping:
    """Answered at once by ``pong`` with the same ``id``; no other effect."""

    TYPE: ClassVar[ClientMessageType] = ClientMessageType.PING
    id: str | int | None = None

    def __post_init__(self) -> None:
        _ping_id(self.id)


def _ping_id(value: str | int | None) -> None:
    if isinstance(value, str):
        _ident("id", value)
    elif value is not None:
        _range("id", value, 0, limits.MAX_PING_ID)


# --- server messages ------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Ready:
    """Answer to ``start``: the session's effective settings and its limits."""

    TYPE: ClassVar[ServerMessageType] = ServerMessageType.READY
    protocol_version: int = limits.PROTOCOL_VERSION
    session_id: str
    server: str
    model: str
    random_weights: bool
    voice: Voice
    sampling: Sampling
    format: OutputFormat
    lead_ms: int
    segmentation: Segmentation
    limits: Limits
    send_window_ms: int = 0

    def __post_init__(self) -> None:
        _range("protocol_version", self.protocol_version, 1, 1000)
        _ident("session_id", self.session_id)
        _text("server", self.server, 1, 200)
        _text("model", self.model, 1, 500)
        _range("lead_ms", self.lead_ms, *limits.LEAD_MS_RANGE)
        _range("send_window_ms", self.send_window_ms, *limits.SEND_WINDOW_MS_RANGE)
        _set(self, "segmentation", _enum(Segmentation, "segmentation", self.segmentation))


@dataclass(frozen=True, kw_only=True)
class Opened:
    """Answer to ``open``: the context's effective settings and its audio stream number."""

    TYPE: ClassVar[ServerMessageType] = ServerMessageType.OPENED
    context_id: str
    stream_id: int
    voice: Voice
    sampling: Sampling
    segmentation: Segmentation

    def __post_init__(self) -> None:
        _ident("context_id", self.context_id)
        _range("stream_id", self.stream_id, 1, limits.MAX_U32)
        _set(self, "segmentation", _enum(Segmentation, "segmentation", self.segmentation))


@dataclass(frozen=True, kw_only=True)
class SegmentStart:
    """A segment's audio begins: sent right before its first frame.

    Attributes:
        segment: index of the segment within the context, from 0.
        text: the text this segment speaks, after normalization.
        offset_ms: where the segment's audio starts on the context's timeline.
    """

    TYPE: ClassVar[ServerMessageType] = ServerMessageType.SEGMENT_START
    context_id: str
    segment: int
    text: str
    offset_ms: float

    def __post_init__(self) -> None:
        _ident("context_id", self.context_id)
        _range("segment", self.segment, 0, limits.MAX_U32)
        _non_negative("offset_ms", self.offset_ms)


@dataclass(frozen=True, kw_only=True)
class SegmentTimings:
    """Server-side timings of one segment, in ms from the start of its synthesis.

    Attributes:
        first_token_ms: until the engine's first token.
        first_audio_ms: until the first decoded audio (the segment's time to first audio).
        synthesis_ms: until the segment's last audio was decoded.
        rtf: real-time factor, ``synthesis_ms / audio_ms`` (below 1: faster than real time);
            absent when the segment has no audio.
    """

    first_token_ms: float
    first_audio_ms: float | None = None
    synthesis_ms: float
    rtf: float | None = None

    def __post_init__(self) -> None:
        for name in ("first_token_ms", "first_audio_ms", "synthesis_ms", "rtf"):
            value = getattr(self, name)
            if value is not None:
                _non_negative(name, value)


@dataclass(frozen=True, kw_only=True)
class SegmentDone:
    """A segment's audio has all been sent: sent right after its last frame.

    Attributes:
        offset_ms: as in ``segment_start``.
        audio_ms: duration of the segment's audio.
        semantic_tokens: tokens the model wrote (each is 20 ms of audio).
        truncated: the segment hit its token cap instead of ending on its own.
    """

    TYPE: ClassVar[ServerMessageType] = ServerMessageType.SEGMENT_DONE
    context_id: str
    segment: int
    offset_ms: float
    audio_ms: float
    semantic_tokens: int
    truncated: bool
    timings: SegmentTimings

    def __post_init__(self) -> None:
        _ident("context_id", self.context_id)
        _range("segment", self.segment, 0, limits.MAX_U32)
        _non_negative("offset_ms", self.offset_ms)
        _non_negative("audio_ms", self.audio_ms)
        _range("semantic_tokens", self.semantic_tokens, 0, limits.MAX_U32)


@dataclass(frozen=True, kw_only=True)
class FlushDone:
    """All audio of the text before a flush has been sent.

    Attributes:
        flush_id: the flush's id, when the client gave one.
        audio_ms: audio produced for the text between the previous flush (or the context's
            start) and this one.
    """

    TYPE: ClassVar[ServerMessageType] = ServerMessageType.FLUSH_DONE
    context_id: str
    flush_id: str | None = None
    audio_ms: float

    def __post_init__(self) -> None:
        _ident("context_id", self.context_id)
        if self.flush_id is not None:
            _ident("flush_id", self.flush_id)
        _non_negative("audio_ms", self.audio_ms)


@dataclass(frozen=True, kw_only=True)
class Usage:
    """What one context consumed and produced."""

    characters: int
    segments: int
    semantic_tokens: int
    audio_ms: float
    frames: int

    def __post_init__(self) -> None:
        for name in ("characters", "segments", "semantic_tokens", "frames"):
            _range(name, getattr(self, name), 0, limits.MAX_PING_ID)
        _non_negative("audio_ms", self.audio_ms)


@dataclass(frozen=True, kw_only=True)
class ContextTimings:
    """Server-side timings of one context.

    Attributes:
        ttfa_ms: time to first audio: from the server receiving the context's first text to
            it sending the context's first audio frame; absent when there was no audio.
        duration_ms: from ``open`` to ``context_done``.
        rtf: total synthesis time over total audio duration; absent without audio.
    """

    ttfa_ms: float | None = None
    duration_ms: float
    rtf: float | None = None

    def __post_init__(self) -> None:
        for name in ("ttfa_ms", "duration_ms", "rtf"):
            value = getattr(self, name)
            if value is not None:
                _non_negative(name, value)


@dataclass(frozen=True, kw_only=True)
class ContextDone:
    """The context's last message: all its audio has been sent (or it failed)."""

    TYPE: ClassVar[ServerMessageType] = ServerMessageType.CONTEXT_DONE
    context_id: str
    status: ContextStatus
    usage: Usage
    timings: ContextTimings

    def __post_init__(self) -> None:
        _ident("context_id", self.context_id)
        _set(self, "status", _enum(ContextStatus, "status", self.status))


@dataclass(frozen=True, kw_only=True)
class Cancelled:
    """Answer to ``cancel``; no audio or event of the context follows it.

    Attributes:
        audio_ms: audio of the context sent before this message (what the client can have
            played; trim the transcript to it).
        frames: frames of the context sent before this message.
    """

    TYPE: ClassVar[ServerMessageType] = ServerMessageType.CANCELLED
    context_id: str
    audio_ms: float
    frames: int

    def __post_init__(self) -> None:
        _ident("context_id", self.context_id)
        _non_negative("audio_ms", self.audio_ms)
        _range("frames", self.frames, 0, limits.MAX_PING_ID)


@dataclass(frozen=True, kw_only=True)
class Pong:
    """Answer to ``ping``. ``server_time_ms`` is the server's Unix time in milliseconds."""

    TYPE: ClassVar[ServerMessageType] = ServerMessageType.PONG
    id: str | int | None = None
    server_time_ms: int

    def __post_init__(self) -> None:
        _ping_id(self.id)
        _range("server_time_ms", self.server_time_ms, 0, limits.MAX_PING_ID)


ERROR_CODE_PATTERN: Final = "^[a-z][a-z0-9_]{0,63}$"
_ERROR_CODE = re.compile(r"[a-z][a-z0-9_]{0,63}")


@dataclass(frozen=True, kw_only=True)
class ErrorEvent:
    """An error. Fatal ones are the last message before the server closes the connection.

    Attributes:
        code: an ``ErrorCode`` value (clients must accept codes they do not know).
        message: human-readable detail.
        retryable: the same request may succeed later.
        fatal: the server closes the connection after this message.
        context_id: the context concerned, if any.
        close_code: the close code that follows (exactly when fatal).
        retry_after_ms: a hint for retryable errors.
    """

    TYPE: ClassVar[ServerMessageType] = ServerMessageType.ERROR
    code: str
    message: str
    retryable: bool
    fatal: bool
    context_id: str | None = None
    close_code: int | None = None
    retry_after_ms: int | None = None

    def __post_init__(self) -> None:
        if not _ERROR_CODE.fullmatch(self.code):
            raise InvalidField("code", f"must match {ERROR_CODE_PATTERN}")
        _text("message", self.message, 0, limits.MAX_ERROR_MESSAGE_CHARS)
        if self.context_id is not None:
            _ident("context_id", self.context_id)
        if self.fatal != (self.close_code is not None):
            raise InvalidField("close_code", "is given exactly when fatal is true")
        if self.close_code is not None:
            _range("close_code", self.close_code, 1000, 4999)
        if self.retry_after_ms is not None:
            _range("retry_after_ms", self.retry_after_ms, 0, limits.MAX_U32)

    @classmethod
    def from_error(
        cls,
        error: ProtocolError,
        *,
        answers_start: bool = False,
        retry_after_ms: int | None = None,
    ) -> ErrorEvent:
        """The event that reports ``error``.

        Args:
            error: the error.
            answers_start: the error refuses ``start`` (or comes before it); such errors are
                always fatal, closing with 4400 unless the code has its own close code.
            retry_after_ms: optional hint for retryable errors.
        """
        close: int | None = error.close_code
        fatal = error.fatal
        if answers_start and not fatal:
            fatal, close = True, CloseCode.BAD_START
        message = error.message[: limits.MAX_ERROR_MESSAGE_CHARS]
        return cls(code=str(error.code), message=message, retryable=error.retryable,
                   fatal=fatal, context_id=error.context_id,
                   close_code=None if close is None else int(close),
                   retry_after_ms=retry_after_ms)  # fmt: skip


ClientMessage = Start | Open | Text | Flush | End | Cancel | Ping
ServerMessage = (
    Ready | Opened | SegmentStart | SegmentDone | FlushDone | ContextDone | Cancelled | Pong
    | ErrorEvent
)
Message = ClientMessage | ServerMessage


# --- the context state machine --------------------------------------------------------------

_LIVE = (ContextState.IDLE, ContextState.ACTIVE, ContextState.FLUSHING)


def next_context_state(state: ContextState | None, message: ClientMessageType,
                       context_id: str) -> ContextState:  # fmt: skip
    """The state a context moves to when the server accepts ``message`` for it.

    Args:
        state: the context's state, None when no live context has this id.
        message: an ``open``, ``text``, ``flush``, ``end`` or ``cancel``.
        context_id: for the error.

    Returns:
        The new state. (``done`` is reached by the server, after the last audio, not by a
        client message.)

    Raises:
        SessionError: ``context_exists`` (open of a live id), ``unknown_context`` (anything
            else for an id that is not live), ``context_ended`` (text or flush after end).
        ValueError: a message that does not address a context.
    """
    live = state in _LIVE
    if message is ClientMessageType.OPEN:
        if live:
            raise SessionError(ErrorCode.CONTEXT_EXISTS, f"context {context_id} is still live",
                               context_id=context_id)  # fmt: skip
        return ContextState.IDLE
    if message not in (ClientMessageType.TEXT, ClientMessageType.FLUSH, ClientMessageType.END,
                       ClientMessageType.CANCEL):  # fmt: skip
        raise ValueError(f"{message} does not address a context")
    if not live:
        raise SessionError(ErrorCode.UNKNOWN_CONTEXT, f"no live context {context_id}",
                           context_id=context_id)  # fmt: skip
    if message is ClientMessageType.CANCEL:
        return ContextState.CANCELLED
    if state is ContextState.FLUSHING:
        if message is ClientMessageType.END:
            return ContextState.FLUSHING  # a repeated end changes nothing
        raise SessionError(ErrorCode.CONTEXT_ENDED, f"context {context_id} has ended its input",
                           context_id=context_id)  # fmt: skip
    if message is ClientMessageType.END:
        return ContextState.FLUSHING
    return ContextState.ACTIVE
