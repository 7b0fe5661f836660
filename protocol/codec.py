"""JSON text <-> message objects, both directions, with orjson. Pure: no I/O, no asyncio.

Parsing rules (PROTOCOL.md section "Encoding rules" states them for other implementations):

1. The message must be UTF-8 JSON whose top level is an object with a string ``type``.
   orjson rejects NaN/Infinity, lone surrogates, raw control characters and nesting deeper
   than 1024; all of those raise ``MalformedMessage``.
2. Client messages are strict: an unknown field raises ``UnknownField``, so a typo such as
   ``temprature`` cannot silently fall back to a default. Server messages are read leniently
   (unknown fields and unknown message types are for newer servers), so a client written
   against this version keeps working when the server adds fields.
3. ``null`` is the same as an absent field. Integers may be written as ``5`` or ``5.0``
   (JSON Schema's rule); ``true``/``false`` are never numbers. Every value is then checked by
   the message's constructor (``protocol.messages``), which raises ``FieldError``.
4. Duplicate keys: the last one wins (orjson's behaviour; senders must not rely on it).
5. A number too large for a double (``1e400``, a 400-digit integer) is valid JSON that orjson
   cannot read: such a message is read again with the standard library (same rules), and the
   number arrives as infinity, so its field's check refuses it as out of range.

Whatever the input, ``parse_client_message`` and ``parse_server_message`` return a message
or raise ``ProtocolError``; ``tests/test_protocol_fuzz.py`` holds them to it.

Serialisation writes each dataclass field in declaration order after ``type``, omitting
``None``, so the output for a given message is byte-for-byte stable.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import math
import sys
from collections.abc import Callable, Iterator, Mapping
from enum import Enum
from typing import Any, TypeVar

import orjson

from protocol import limits
from protocol.errors import (
    FieldError,
    InvalidField,
    InvalidMessage,
    MalformedMessage,
    MissingField,
    ProtocolError,
    UnknownField,
    UnknownMessageType,
    UnsupportedVersion,
)
from protocol.messages import (
    Cancel,
    Cancelled,
    ClientMessage,
    ContextDone,
    ContextStatus,
    ContextTimings,
    End,
    ErrorEvent,
    Flush,
    FlushDone,
    Gender,
    Level,
    Limits,
    Message,
    Open,
    Opened,
    OutputFormat,
    Ping,
    Pong,
    Ready,
    Sampling,
    Segmentation,
    SegmentDone,
    SegmentStart,
    SegmentTimings,
    ServerMessage,
    Start,
    Text,
    Usage,
    Voice,
)

__all__ = ["load_json", "parse_client_message", "parse_server_message", "serialize",
           "to_json_object"]

_E = TypeVar("_E", bound=Enum)
_T = TypeVar("_T")


# --- reading fields -------------------------------------------------------------------------


class _Fields:
    """Typed access to one JSON object's fields, tracking which were read.

    Every getter treats ``null`` as absent; ``done()`` rejects fields nobody read (strict
    mode), which is how unknown fields are found.
    """

    def __init__(self, obj: Mapping[str, Any], *, strict: bool) -> None:
        self._obj = obj
        self._strict = strict
        self._read: set[str] = {"type"}

    def _get(self, name: str) -> Any:
        self._read.add(name)
        return self._obj.get(name)

    def string(self, name: str) -> str | None:
        value = self._get(name)
        if value is not None and not isinstance(value, str):
            raise InvalidField(name, "must be a string")
        return value

    def integer(self, name: str) -> int | None:
        value = self._get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InvalidField(name, "must be an integer")
        if isinstance(value, float):
            if abs(value) > _MAX_SAFE_INTEGER:  # no range reaches it (rule 5); said as sent,
                raise InvalidField(name, f"out of range, got {value:g}")  # not as int(1e30)
            if not value.is_integer():
                raise InvalidField(name, "must be an integer")
            return int(value)
        return value

    def number(self, name: str) -> float | None:
        value = self._get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InvalidField(name, "must be a number")
        result = float(value)
        if not math.isfinite(result):
            raise InvalidField(name, "must be a finite number")
        return result + 0.0  # -0.0 is 0.0 (it was echoed back as -0.0)

    def boolean(self, name: str) -> bool | None:
        value = self._get(name)
        if value is not None and not isinstance(value, bool):
            raise InvalidField(name, "must be true or false")
        return value

    def choice(self, name: str, kind: type[_E]) -> _E | None:
        value = self.string(name)
        if value is None:
            return None
        try:
            return kind(value)
        except ValueError:
            allowed = ", ".join(str(member.value) for member in kind)
            raise InvalidField(name, f"must be one of {allowed}") from None

    def ping_id(self, name: str) -> str | int | None:
        value = self._obj.get(name)
        if isinstance(value, str):
            return self.string(name)
        try:
            return self.integer(name)
        except InvalidField:
            raise InvalidField(name, "must be a string or an integer") from None

    def nested(self, name: str, build: Callable[[_Fields], _T]) -> _T | None:
        value = self._get(name)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise InvalidField(name, "must be an object")
        try:
            fields = _Fields(value, strict=self._strict)
            fields._read.discard("type")  # nested objects have no type; "type" is unknown
            return fields.finish(build(fields))
        except FieldError as exc:
            raise exc.nested(name) from None

    def finish(self, result: _T) -> _T:
        """Return ``result`` once no unread field remains (strict mode)."""
        if self._strict:
            unknown = sorted(set(self._obj) - self._read)
            if unknown:
                raise UnknownField(unknown[0][:64], "this message has no such field")
        return result


def _required(value: _T | None, name: str) -> _T:
    if value is None:
        raise MissingField(name, "is required")
    return value


_HUGE_NUMBER = "number is infinity when parsed as double"
_MAX_SAFE_INTEGER = 2**53 - 1


def load_json(data: bytes | bytearray | memoryview | str) -> Any:
    """Any JSON value, read by this protocol's rules (the module docstring): UTF-8, no
    byte-order mark, no NaN or Infinity, no lone surrogates, at most ``MAX_NESTING`` deep, a
    number too large for a double read as infinity. Also what the server's HTTP routes take
    as a JSON body.

    Raises:
        MalformedMessage: ``data`` is not such JSON (``invalid_json``).
    """
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        if not str(exc).startswith(_HUGE_NUMBER):
            raise MalformedMessage(f"not valid UTF-8 JSON: {exc}") from None
        return _load_huge_numbers(data)


def _load(data: bytes | bytearray | memoryview | str) -> dict[str, Any]:
    obj = load_json(data)
    if not isinstance(obj, dict):
        raise InvalidMessage("a message is a JSON object")
    kind = obj.get("type")
    if not isinstance(kind, str):
        raise InvalidMessage('a message needs a string "type"')
    return obj


def _load_huge_numbers(data: bytes | bytearray | memoryview | str) -> Any:
    """Rule 5 of the module docstring: the standard library's reading, held to orjson's
    other rules (no NaN/Infinity literals, no lone surrogates, nesting at most
    ``MAX_NESTING`` deep: exactly what orjson takes, so a huge number changes nothing else)."""
    def refuse_constant(name: str) -> Any:
        raise ValueError(f"{name} is not JSON")

    def integer(digits: str) -> int | float:
        return int(digits) if len(digits) <= 20 else float(digits)  # huge: infinity

    try:
        text = data if isinstance(data, str) else bytes(data).decode("utf-8")
        with _recursion_room(MAX_NESTING):  # the reader recurses once per level
            obj = json.loads(text, parse_int=integer, parse_constant=refuse_constant)
    except (ValueError, RecursionError) as exc:
        raise MalformedMessage(f"not valid UTF-8 JSON: {exc}") from None
    _check_tree(obj)
    return obj


MAX_NESTING = 1024
"""Deepest JSON nesting a message may have, the top-level object being level 1 (orjson's
own limit; PROTOCOL.md section 3 rule 11)."""


@contextlib.contextmanager
def _recursion_room(levels: int) -> Iterator[None]:
    """Let the standard library's JSON reader recurse ``levels`` deeper than the caller's
    frames (Python's default limit, 1000, would refuse nesting that orjson accepts)."""
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(limit + levels + 64)
    try:
        yield
    finally:
        sys.setrecursionlimit(limit)


def _check_tree(obj: Any) -> None:
    """Refuse what orjson refuses and the standard library lets through: nesting deeper than
    ``MAX_NESTING`` and lone surrogates (``"\\ud800"``). Iterative, so any depth is safe.

    Raises:
        MalformedMessage: either of the two.
    """
    stack: list[tuple[Any, int]] = [(obj, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            _check_text(value)
        elif isinstance(value, (dict, list)):
            if depth > MAX_NESTING:
                raise MalformedMessage(f"not valid UTF-8 JSON: nested deeper than {MAX_NESTING}")
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                if isinstance(key, str):
                    _check_text(key)
                stack.append((item, depth + 1))


def _check_text(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise MalformedMessage("not valid UTF-8 JSON: a lone surrogate") from None


# --- shared structures ----------------------------------------------------------------------


def _voice(f: _Fields) -> Voice:
    return Voice(speaker=f.string("speaker"), gender=f.choice("gender", Gender),
                 pitch=f.choice("pitch", Level), speed=f.choice("speed", Level))  # fmt: skip


def _sampling(f: _Fields) -> Sampling:
    return Sampling(
        temperature=f.number("temperature"),
        top_k=f.integer("top_k"),
        top_p=f.number("top_p"),
        repetition_penalty=f.number("repetition_penalty"),
        seed=f.integer("seed"),
        max_tokens=f.integer("max_tokens"),
    )


def _format(f: _Fields) -> OutputFormat:
    encoding = f.string("encoding")
    return OutputFormat.of(
        "pcm16" if encoding is None else encoding,
        sample_rate=f.integer("sample_rate"),
        frame_ms=f.integer("frame_ms"),
        bitrate=f.integer("bitrate"),
    )


def _limits(f: _Fields) -> Limits:
    names = [field.name for field in dataclasses.fields(Limits)]
    return Limits(**{name: _required(f.integer(name), name) for name in names})


def _segment_timings(f: _Fields) -> SegmentTimings:
    return SegmentTimings(
        first_token_ms=_required(f.number("first_token_ms"), "first_token_ms"),
        first_audio_ms=f.number("first_audio_ms"),
        synthesis_ms=_required(f.number("synthesis_ms"), "synthesis_ms"),
        rtf=f.number("rtf"),
    )


def _usage(f: _Fields) -> Usage:
    return Usage(
        characters=_required(f.integer("characters"), "characters"),
        segments=_required(f.integer("segments"), "segments"),
        semantic_tokens=_required(f.integer("semantic_tokens"), "semantic_tokens"),
        audio_ms=_required(f.number("audio_ms"), "audio_ms"),
        frames=_required(f.integer("frames"), "frames"),
    )


def _context_timings(f: _Fields) -> ContextTimings:
    return ContextTimings(ttfa_ms=f.number("ttfa_ms"),
                          duration_ms=_required(f.number("duration_ms"), "duration_ms"),
                          rtf=f.number("rtf"))  # fmt: skip


def _context_id(f: _Fields) -> str:
    return _required(f.string("context_id"), "context_id")


# --- client messages ------------------------------------------------------------------------


def _start(f: _Fields) -> Start:
    version = f.integer("version")
    return Start(
        version=1 if version is None else version,
        voice=f.nested("voice", _voice),
        sampling=f.nested("sampling", _sampling),
        format=f.nested("format", _format),
        lead_ms=f.integer("lead_ms"),
        segmentation=f.choice("segmentation", Segmentation),
        token=f.string("token"),
    )


def _open(f: _Fields) -> Open:
    return Open(context_id=_context_id(f), voice=f.nested("voice", _voice),
                sampling=f.nested("sampling", _sampling),
                segmentation=f.choice("segmentation", Segmentation))  # fmt: skip


def _text(f: _Fields) -> Text:
    return Text(context_id=_context_id(f), text=_required(f.string("text"), "text"),
                flush=f.boolean("flush") or False, flush_id=f.string("flush_id"))  # fmt: skip


_CLIENT: dict[str, Callable[[_Fields], ClientMessage]] = {
    "start": _start,
    "open": _open,
    "text": _text,
    "flush": lambda f: Flush(context_id=_context_id(f), flush_id=f.string("flush_id")),
    "end": lambda f: End(context_id=_context_id(f)),
    "cancel": lambda f: Cancel(context_id=_context_id(f)),
    "ping": lambda f: Ping(id=f.ping_id("id")),
}


# --- server messages ------------------------------------------------------------------------


def _ready(f: _Fields) -> Ready:
    return Ready(
        protocol_version=_required(f.integer("protocol_version"), "protocol_version"),
        session_id=_required(f.string("session_id"), "session_id"),
        server=_required(f.string("server"), "server"),
        model=_required(f.string("model"), "model"),
        random_weights=_required(f.boolean("random_weights"), "random_weights"),
        voice=_required(f.nested("voice", _voice), "voice"),
        sampling=_required(f.nested("sampling", _sampling), "sampling"),
        format=_required(f.nested("format", _format), "format"),
        lead_ms=_required(f.integer("lead_ms"), "lead_ms"),
        segmentation=_required(f.choice("segmentation", Segmentation), "segmentation"),
        limits=_required(f.nested("limits", _limits), "limits"),
        send_window_ms=f.integer("send_window_ms") or 0,  # absent from older servers
    )


def _opened(f: _Fields) -> Opened:
    return Opened(
        context_id=_context_id(f),
        stream_id=_required(f.integer("stream_id"), "stream_id"),
        voice=_required(f.nested("voice", _voice), "voice"),
        sampling=_required(f.nested("sampling", _sampling), "sampling"),
        segmentation=_required(f.choice("segmentation", Segmentation), "segmentation"),
    )


def _segment_start(f: _Fields) -> SegmentStart:
    return SegmentStart(context_id=_context_id(f),
                        segment=_required(f.integer("segment"), "segment"),
                        text=_required(f.string("text"), "text"),
                        offset_ms=_required(f.number("offset_ms"), "offset_ms"))  # fmt: skip


def _segment_done(f: _Fields) -> SegmentDone:
    return SegmentDone(
        context_id=_context_id(f),
        segment=_required(f.integer("segment"), "segment"),
        offset_ms=_required(f.number("offset_ms"), "offset_ms"),
        audio_ms=_required(f.number("audio_ms"), "audio_ms"),
        semantic_tokens=_required(f.integer("semantic_tokens"), "semantic_tokens"),
        truncated=_required(f.boolean("truncated"), "truncated"),
        timings=_required(f.nested("timings", _segment_timings), "timings"),
    )


def _context_done(f: _Fields) -> ContextDone:
    return ContextDone(context_id=_context_id(f),
                       status=_required(f.choice("status", ContextStatus), "status"),
                       usage=_required(f.nested("usage", _usage), "usage"),
                       timings=_required(f.nested("timings", _context_timings), "timings"))  # fmt: skip


def _error(f: _Fields) -> ErrorEvent:
    return ErrorEvent(
        code=_required(f.string("code"), "code"),
        message=_required(f.string("message"), "message"),
        retryable=_required(f.boolean("retryable"), "retryable"),
        fatal=_required(f.boolean("fatal"), "fatal"),
        context_id=f.string("context_id"),
        close_code=f.integer("close_code"),
        retry_after_ms=f.integer("retry_after_ms"),
    )


_SERVER: dict[str, Callable[[_Fields], ServerMessage]] = {
    "ready": _ready,
    "opened": _opened,
    "segment_start": _segment_start,
    "segment_done": _segment_done,
    "flush_done": lambda f: FlushDone(context_id=_context_id(f), flush_id=f.string("flush_id"),
                                      audio_ms=_required(f.number("audio_ms"), "audio_ms")),
    "context_done": _context_done,
    "cancelled": lambda f: Cancelled(context_id=_context_id(f),
                                     audio_ms=_required(f.number("audio_ms"), "audio_ms"),
                                     frames=_required(f.integer("frames"), "frames")),
    "pong": lambda f: Pong(id=f.ping_id("id"),
                           server_time_ms=_required(f.integer("server_time_ms"),
                                                    "server_time_ms")),
    "error": _error,
}  # fmt: skip


# --- entry points ---------------------------------------------------------------------------


def _parse(data: bytes | bytearray | memoryview | str, table: Mapping[str, Callable[[_Fields], _T]],
           *, strict: bool, side: str) -> _T:  # fmt: skip
    obj = _load(data)
    build = table.get(obj["type"])
    if build is None:
        raise UnknownMessageType(f"unknown {side} message type {str(obj['type'])[:64]!r}")
    fields = _Fields(obj, strict=strict)
    try:
        try:
            message = build(fields)
        except UnsupportedVersion:  # every field is read by now: an unknown one is a field
            fields.finish(None)  # error, reported before the version (PROTOCOL.md 4.4)
            raise
        return fields.finish(message)
    except ProtocolError as exc:
        context_id = obj.get("context_id")
        if exc.context_id is None and isinstance(context_id, str) and \
                limits.ID_PATTERN.fullmatch(context_id):  # fmt: skip
            exc.context_id = context_id  # so the error event can name the context
        if isinstance(exc, FieldError):
            exc.message_type = obj["type"]  # a server refuses a field of a known message
        raise


def parse_client_message(data: bytes | bytearray | memoryview | str) -> ClientMessage:
    """Parse one client message (what the server receives).

    Args:
        data: one WebSocket text message or data-channel message, as bytes or str.

    Returns:
        The message.

    Raises:
        ProtocolError: any input that is not a valid client message of this version
            (``MalformedMessage``, ``InvalidMessage``, ``UnknownMessageType``, ``FieldError``,
            ``UnsupportedVersion``).
    """
    return _parse(data, _CLIENT, strict=True, side="client")


def parse_server_message(data: bytes | bytearray | memoryview | str) -> ServerMessage:
    """Parse one server message (what a client receives); lenient about unknown fields.

    Raises:
        ProtocolError: an invalid message; ``UnknownMessageType`` for a type this version
            does not know (clients should skip those).
    """
    return _parse(data, _SERVER, strict=False, side="server")


def to_json_object(message: Message) -> dict[str, Any]:
    """The JSON object of ``message``: ``type`` first, then its fields, without ``None``."""
    obj: dict[str, Any] = {"type": message.TYPE.value}
    obj.update(_fields_of(message))
    return obj


def _fields_of(value: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field in dataclasses.fields(value):
        item = getattr(value, field.name)
        if item is None:
            continue
        if dataclasses.is_dataclass(item):
            item = _fields_of(item)
        elif isinstance(item, Enum):
            item = item.value
        out[field.name] = item
    return out


def serialize(message: Message) -> bytes:
    """``message`` as compact UTF-8 JSON bytes (send as a WebSocket *text* message)."""
    return orjson.dumps(to_json_object(message))
