"""Errors of protocol v1: one hierarchy, one stable code per error, one effect on the session.

Every input either parses or raises a ``ProtocolError``; nothing else escapes the parsers
(``KeyError``, ``TypeError``, ``RecursionError``... never do). The server turns any
``ProtocolError`` into an ``error`` event (``messages.ErrorEvent.from_error``) and, when the
error is fatal, closes the connection with the error's close code.

Hierarchy::

    ProtocolError                     base; .code, .fatal, .close_code, .retryable
     +-- MalformedMessage             invalid_json: not UTF-8, not JSON, empty, nested too deep
     +-- InvalidMessage               invalid_message: JSON, but not an object with a "type"
     |    +-- UnknownMessageType      unknown_type: "type" names no message of this version
     |    +-- UnexpectedBinary        unexpected_binary: a binary frame from the client
     +-- FieldError                   a field of a known message is wrong; .field is its path
     |    +-- MissingField            missing_field
     |    +-- UnknownField            unknown_field
     |    +-- InvalidField            invalid_field: wrong JSON type, out of range, not allowed
     +-- UnsupportedVersion           unsupported_version (fatal)
     +-- InvalidFrame                 invalid_frame: a binary audio frame that does not unpack
     +-- SessionError                 a valid message refused by the session's state or by a
     |                                server limit; any session-level code (see ERRORS)
     +-- RemoteError                  the peer reported an error event (raised by the client)

What each code does is one table, ``ERRORS``: whether it ends the session (and with which
WebSocket close code), and whether repeating the same request later may succeed. One rule sits
on top of the table: any error that answers ``start`` is fatal, because a session without an
accepted ``start`` has nothing to go on with; it closes with the code's own close code or, for
codes that are not fatal by themselves, with 4400 (``CloseCode.BAD_START``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from types import MappingProxyType
from typing import ClassVar


class CloseCode(IntEnum):
    """WebSocket close codes the server uses (RFC 6455 section 7.4 plus 4000-4999 app codes)."""

    NORMAL = 1000
    """The client closed, or the server ends a session normally."""
    GOING_AWAY = 1001
    """The server is shutting down (after an ``error`` with code ``shutting_down``)."""
    PROTOCOL_ERROR = 1002
    """WebSocket framing error, sent by the WebSocket layer without an ``error`` event."""
    INVALID_PAYLOAD = 1007
    """Invalid UTF-8 in a text frame, sent by the WebSocket layer without an ``error`` event."""
    POLICY_VIOLATION = 1008
    """The first message was a valid message other than ``start``."""
    MESSAGE_TOO_BIG = 1009
    """A message over ``limits.max_message_bytes``."""
    INTERNAL_ERROR = 1011
    """The server failed (``internal_error``, ``engine_failed``)."""
    TRY_AGAIN_LATER = 1013
    """A ``start.token`` whose API key is at one of its caps (``too_many_sessions``, or
    ``rate_limited`` for the key's request rate)."""
    BAD_START = 4400
    """``start`` was refused (bad field, unknown speaker, unsupported version...)."""
    UNAUTHORIZED = 4401
    """Missing or invalid credentials."""
    TIMEOUT = 4408
    """No ``start`` within the handshake deadline, or the session sat idle too long."""
    SLOW_CONSUMER = 4429
    """The client did not read audio in time (it fell ``slow_consumer_lag_ms`` behind)."""
    SERVER_BUSY = 4503
    """No capacity for another session, or the model is still loading."""


class ErrorCode(StrEnum):
    """Stable, machine-readable error codes (the ``code`` of an ``error`` event)."""

    INVALID_JSON = "invalid_json"
    INVALID_MESSAGE = "invalid_message"
    UNKNOWN_TYPE = "unknown_type"
    UNEXPECTED_BINARY = "unexpected_binary"
    MISSING_FIELD = "missing_field"
    UNKNOWN_FIELD = "unknown_field"
    INVALID_FIELD = "invalid_field"
    UNSUPPORTED_VERSION = "unsupported_version"
    INVALID_FRAME = "invalid_frame"
    HANDSHAKE_REQUIRED = "handshake_required"
    ALREADY_STARTED = "already_started"
    UNAUTHORIZED = "unauthorized"
    UNKNOWN_SPEAKER = "unknown_speaker"
    UNKNOWN_CONTEXT = "unknown_context"
    CONTEXT_EXISTS = "context_exists"
    CONTEXT_ENDED = "context_ended"
    TOO_MANY_CONTEXTS = "too_many_contexts"
    TEXT_TOO_LONG = "text_too_long"
    TEXT_BUFFER_FULL = "text_buffer_full"
    RATE_LIMITED = "rate_limited"
    TOO_MANY_SESSIONS = "too_many_sessions"
    SYNTHESIS_FAILED = "synthesis_failed"
    MESSAGE_TOO_BIG = "message_too_big"
    HANDSHAKE_TIMEOUT = "handshake_timeout"
    IDLE_TIMEOUT = "idle_timeout"
    SLOW_CONSUMER = "slow_consumer"
    SERVER_BUSY = "server_busy"
    SHUTTING_DOWN = "shutting_down"
    ENGINE_FAILED = "engine_failed"
    INTERNAL_ERROR = "internal_error"


@dataclass(frozen=True)
class ErrorSpec:
    """What one error code does.

    Attributes:
        fatal: the server closes the connection after the ``error`` event.
        close_code: the close code used when fatal (None for non-fatal codes).
        retryable: the same request may succeed later (after a wait, or on a new connection
            for fatal codes); False means the request itself must change.
        summary: when the code is sent (the PROTOCOL.md table repeats it).
    """

    fatal: bool
    close_code: CloseCode | None
    retryable: bool
    summary: str


def _ok(retryable: bool, summary: str) -> ErrorSpec:
    return ErrorSpec(False, None, retryable, summary)


def _fatal(close_code: CloseCode, retryable: bool, summary: str) -> ErrorSpec:
    return ErrorSpec(True, close_code, retryable, summary)


E = ErrorCode
C = CloseCode
ERRORS: Mapping[ErrorCode, ErrorSpec] = MappingProxyType({
    E.INVALID_JSON: _ok(False, "the message is not UTF-8 JSON (or is empty, or nested too deep)"),
    E.INVALID_MESSAGE: _ok(False, "the JSON is not an object with a string \"type\""),
    E.UNKNOWN_TYPE: _ok(False, "\"type\" names no client message of this version"),
    E.UNEXPECTED_BINARY: _ok(False, "the client sent a binary frame; client messages are text"),
    E.MISSING_FIELD: _ok(False, "a required field is absent"),
    E.UNKNOWN_FIELD: _ok(False, "a field this message does not have (a typo, or a newer client)"),
    E.INVALID_FIELD: _ok(False, "a field has the wrong JSON type or a value out of range"),
    E.UNSUPPORTED_VERSION: _fatal(C.BAD_START, False, "start.version is not 1"),
    E.INVALID_FRAME: _ok(False, "a binary audio frame does not unpack (client library only)"),
    E.HANDSHAKE_REQUIRED: _fatal(C.POLICY_VIOLATION, False,
                                 "the first message is a valid message other than start"),
    E.ALREADY_STARTED: _ok(False, "a second start; the first one stays in force"),
    E.UNAUTHORIZED: _fatal(C.UNAUTHORIZED, False, "missing or invalid credentials"),
    E.UNKNOWN_SPEAKER: _ok(False, "voice.speaker names no voice of this server"),
    E.UNKNOWN_CONTEXT: _ok(False, "the context_id names no live context (never opened, done, "
                                  "cancelled or failed)"),
    E.CONTEXT_EXISTS: _ok(False, "open names a context that is still live"),
    E.CONTEXT_ENDED: _ok(False, "text or flush after end; the message is ignored"),
    E.TOO_MANY_CONTEXTS: _ok(True, "open beyond limits.max_contexts live contexts"),
    E.TEXT_TOO_LONG: _ok(False, "one text delta over limits.max_text_chars"),
    E.TEXT_BUFFER_FULL: _ok(True, "the context would hold more than "
                                  "limits.max_buffered_text_chars unspoken characters"),
    E.RATE_LIMITED: _ok(True, "an open past the open rate (or beside a context refused for "
                              "capacity); on a data channel, messages dropped for coming too "
                              "fast"),
    E.TOO_MANY_SESSIONS: _fatal(C.TRY_AGAIN_LATER, True, "start.token names an API key that "
                                                         "already has its maximum of sessions"),
    E.SYNTHESIS_FAILED: _ok(True, "synthesis of a context failed; the context ends failed"),
    E.MESSAGE_TOO_BIG: _fatal(C.MESSAGE_TOO_BIG, False, "a message over "
                                                        "limits.max_message_bytes"),
    E.HANDSHAKE_TIMEOUT: _fatal(C.TIMEOUT, True, "no start within limits.handshake_timeout_ms"),
    E.IDLE_TIMEOUT: _fatal(C.TIMEOUT, True, "no client message and no audio for "
                                            "limits.idle_timeout_ms"),
    E.SLOW_CONSUMER: _fatal(C.SLOW_CONSUMER, True, "audio fell limits.slow_consumer_lag_ms "
                                                   "behind its schedule"),
    E.SERVER_BUSY: _fatal(C.SERVER_BUSY, True, "no capacity for a session, or still loading"),
    E.SHUTTING_DOWN: _fatal(C.GOING_AWAY, True, "the server is shutting down"),
    E.ENGINE_FAILED: _fatal(C.INTERNAL_ERROR, True, "the shared speech engine failed"),
    E.INTERNAL_ERROR: _fatal(C.INTERNAL_ERROR, True, "an unexpected server failure"),
})  # fmt: skip
del E, C


class ProtocolError(Exception):
    """Base of every protocol error. See the module docstring for the hierarchy.

    Attributes:
        code: the error code (each subclass has a default).
        message: human-readable detail (no secrets, safe to send to the client).
        context_id: the context the error concerns, when there is one.
        retry_after_ms: how soon a retry is worth it, for retryable errors (None: no hint).
    """

    default_code: ClassVar[ErrorCode] = ErrorCode.INVALID_MESSAGE

    def __init__(self, message: str, *, context_id: str | None = None,
                 retry_after_ms: int | None = None) -> None:  # fmt: skip
        super().__init__(message)
        self.code: ErrorCode = self.default_code
        self.message = message
        self.context_id = context_id
        self.retry_after_ms = retry_after_ms

    @property
    def spec(self) -> ErrorSpec:
        return ERRORS[self.code]

    @property
    def fatal(self) -> bool:
        return self.spec.fatal

    @property
    def close_code(self) -> CloseCode | None:
        return self.spec.close_code

    @property
    def retryable(self) -> bool:
        return self.spec.retryable

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code.value}: {self.message!r})"


class MalformedMessage(ProtocolError):
    """The bytes are not a JSON document: bad UTF-8, bad JSON, empty, or nested too deep."""

    default_code = ErrorCode.INVALID_JSON


class InvalidMessage(ProtocolError):
    """Valid JSON that is not an object with a string ``type``."""

    default_code = ErrorCode.INVALID_MESSAGE


class UnknownMessageType(InvalidMessage):
    """``type`` names no message of this protocol version."""

    default_code = ErrorCode.UNKNOWN_TYPE


class UnexpectedBinary(InvalidMessage):
    """A binary WebSocket frame from the client (raised by transports, not by the parser)."""

    default_code = ErrorCode.UNEXPECTED_BINARY


class FieldError(ProtocolError):
    """A field of a known message is wrong.

    Attributes:
        field: dotted path of the field, such as ``format.sample_rate``.
        reason: what is wrong with it.
        message_type: the ``type`` of the message the field belongs to (set by the parser).
    """

    default_code = ErrorCode.INVALID_FIELD
    message_type: str | None = None

    def __init__(self, field: str, reason: str, *, context_id: str | None = None) -> None:
        super().__init__(f"{field}: {reason}", context_id=context_id)
        self.field = field
        self.reason = reason

    def nested(self, prefix: str) -> FieldError:
        """The same error for a field inside the object at ``prefix``."""
        return type(self)(f"{prefix}.{self.field}", self.reason, context_id=self.context_id)


class MissingField(FieldError):
    default_code = ErrorCode.MISSING_FIELD


class UnknownField(FieldError):
    default_code = ErrorCode.UNKNOWN_FIELD


class InvalidField(FieldError):
    default_code = ErrorCode.INVALID_FIELD


class UnsupportedVersion(ProtocolError):
    default_code = ErrorCode.UNSUPPORTED_VERSION


class InvalidFrame(ProtocolError):
    """A binary audio frame that is truncated, of another version, or inconsistent."""

    default_code = ErrorCode.INVALID_FRAME


class SessionError(ProtocolError):
    """A well-formed message refused by the session's state or a configured limit.

    Raised by the server (the parser never raises it); ``code`` picks the row of ``ERRORS``.
    """

    def __init__(self, code: ErrorCode, message: str, *, context_id: str | None = None,
                 retry_after_ms: int | None = None) -> None:  # fmt: skip
        super().__init__(message, context_id=context_id, retry_after_ms=retry_after_ms)
        self.code = ErrorCode(code)


class RemoteError(ProtocolError):
    """The peer sent an ``error`` event; raised by the client library (e.g. a refused start).

    The peer's own verdict (fatal, retryable, close code) is kept even for codes this version
    does not know, which newer servers may send.

    Attributes:
        remote_code: the code exactly as received (``code`` is ``internal_error`` when this
            version does not know it).
        remote_close_code: the close code exactly as received.
    """

    def __init__(
        self,
        remote_code: str,
        message: str,
        *,
        fatal: bool,
        retryable: bool,
        close_code: int | None = None,
        context_id: str | None = None,
        retry_after_ms: int | None = None,
    ) -> None:
        super().__init__(message, context_id=context_id, retry_after_ms=retry_after_ms)
        self.remote_code = remote_code
        self.remote_close_code = close_code
        try:
            self.code = ErrorCode(remote_code)
        except ValueError:
            self.code = ErrorCode.INTERNAL_ERROR
        self._fatal = fatal
        self._retryable = retryable

    @property
    def fatal(self) -> bool:
        return self._fatal

    @property
    def retryable(self) -> bool:
        return self._retryable

    @property
    def close_code(self) -> CloseCode | None:
        if self.remote_close_code is None:
            return None
        try:
            return CloseCode(self.remote_close_code)
        except ValueError:
            return None

    def __repr__(self) -> str:
        return f"RemoteError({self.remote_code}: {self.message!r})"
