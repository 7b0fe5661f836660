"""Property tests: every input parses or raises ProtocolError; valid messages round-trip;
the parser and the JSON Schemas accept the same client messages."""

from __future__ import annotations

import json
from typing import Any

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from protocol import (
    AudioFrame,
    Cancel,
    Cancelled,
    ClientMessageType,
    ContextDone,
    ContextStatus,
    ContextTimings,
    Encoding,
    End,
    ErrorEvent,
    Flush,
    FlushDone,
    Gender,
    InvalidFrame,
    Level,
    Limits,
    Message,
    Open,
    Opened,
    OutputFormat,
    Ping,
    Pong,
    ProtocolError,
    Ready,
    Sampling,
    Segmentation,
    SegmentDone,
    SegmentStart,
    SegmentTimings,
    Start,
    Text,
    UnsupportedVersion,
    Usage,
    Voice,
    pack_frame,
    parse_client_message,
    parse_server_message,
    serialize,
    unpack_frame,
)
from protocol import limits as spec
from tests.schemas import validator as _validator



def ci(examples: int) -> settings:
    """Reproducible CI settings: a fixed seed and a fixed number of examples."""
    return settings(derandomize=True, deadline=None, max_examples=examples,
                    suppress_health_check=[HealthCheck.too_slow])  # fmt: skip


CLIENT_TYPES = [t.value for t in ClientMessageType]

# --- strategies for valid messages ------------------------------------------------------------

ids = st.from_regex(r"[A-Za-z0-9._:-]{1,64}", fullmatch=True)
ms = st.floats(min_value=0, max_value=1e7, allow_nan=False, allow_infinity=False)
counts = st.integers(min_value=0, max_value=2**32 - 1)
levels = st.none() | st.sampled_from(Level)
voices = st.one_of(
    st.builds(Voice, speaker=ids),
    st.builds(Voice, gender=st.sampled_from(Gender), pitch=levels, speed=levels),
)


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


samplings = st.builds(
    Sampling,
    temperature=_maybe(st.floats(0, 2)),
    top_k=_maybe(st.just(-1) | st.integers(1, 1024)),
    top_p=_maybe(st.floats(0, 1, exclude_min=True)),
    repetition_penalty=_maybe(st.floats(0.5, 2)),
    seed=_maybe(st.integers(*spec.SEED_RANGE)),
    max_tokens=_maybe(st.integers(*spec.MAX_TOKENS_RANGE)),
)
formats = st.one_of(
    st.builds(OutputFormat.of, st.just("pcm16"), sample_rate=st.sampled_from([8000, 16000,
              24000, 48000]), frame_ms=st.sampled_from(spec.FRAME_MS_CHOICES)),  # fmt: skip
    st.builds(OutputFormat.of, st.just("mulaw"), frame_ms=st.sampled_from(spec.FRAME_MS_CHOICES)),
    st.builds(OutputFormat.of, st.just("opus"), bitrate=st.integers(*spec.OPUS_BITRATE_RANGE)),
)
segmentations = st.sampled_from(Segmentation)
ping_ids = st.none() | ids | st.integers(0, spec.MAX_PING_ID)

client_messages = st.one_of(
    st.builds(Start, voice=_maybe(voices), sampling=_maybe(samplings), format=_maybe(formats),
              lead_ms=_maybe(st.integers(*spec.LEAD_MS_RANGE)),
              segmentation=_maybe(segmentations),
              token=_maybe(st.text(min_size=1, max_size=100))),
    st.builds(Open, context_id=ids, voice=_maybe(voices), sampling=_maybe(samplings),
              segmentation=_maybe(segmentations)),
    st.builds(Text, context_id=ids, text=st.text(max_size=200), flush=st.just(False)),
    st.builds(Text, context_id=ids, text=st.text(max_size=200), flush=st.just(True),
              flush_id=_maybe(ids)),
    st.builds(Flush, context_id=ids, flush_id=_maybe(ids)),
    st.builds(End, context_id=ids),
    st.builds(Cancel, context_id=ids),
    st.builds(Ping, id=ping_ids),
)  # fmt: skip

limit_values = st.integers(1, 2**32 - 1)
server_messages = st.one_of(
    st.builds(Ready, session_id=ids, server=st.text(min_size=1, max_size=50),
              model=st.text(min_size=1, max_size=50), random_weights=st.booleans(),
              voice=voices, sampling=samplings, format=formats,
              lead_ms=st.integers(*spec.LEAD_MS_RANGE), segmentation=segmentations,
              limits=st.builds(Limits, max_message_bytes=limit_values,
                               max_text_chars=limit_values, max_buffered_text_chars=limit_values,
                               max_contexts=st.integers(spec.MIN_MAX_CONTEXTS, 2**32 - 1),
                               idle_timeout_ms=limit_values,
                               handshake_timeout_ms=limit_values,
                               slow_consumer_lag_ms=limit_values)),
    st.builds(Opened, context_id=ids, stream_id=st.integers(1, 2**32 - 1), voice=voices,
              sampling=samplings, segmentation=segmentations),
    st.builds(SegmentStart, context_id=ids, segment=counts, text=st.text(max_size=100),
              offset_ms=ms),
    st.builds(SegmentDone, context_id=ids, segment=counts, offset_ms=ms, audio_ms=ms,
              semantic_tokens=counts, truncated=st.booleans(),
              timings=st.builds(SegmentTimings, first_token_ms=ms, first_audio_ms=_maybe(ms),
                                synthesis_ms=ms, rtf=_maybe(ms))),
    st.builds(FlushDone, context_id=ids, flush_id=_maybe(ids), audio_ms=ms),
    st.builds(ContextDone, context_id=ids, status=st.sampled_from(ContextStatus),
              usage=st.builds(Usage, characters=counts, segments=counts,
                              semantic_tokens=counts, audio_ms=ms, frames=counts),
              timings=st.builds(ContextTimings, ttfa_ms=_maybe(ms), duration_ms=ms,
                                rtf=_maybe(ms))),
    st.builds(Cancelled, context_id=ids, audio_ms=ms, frames=counts),
    st.builds(Pong, id=ping_ids, server_time_ms=st.integers(0, spec.MAX_PING_ID)),
    st.builds(ErrorEvent, code=st.from_regex(r"[a-z][a-z0-9_]{0,20}", fullmatch=True),
              message=st.text(max_size=100), retryable=st.booleans(), fatal=st.just(False),
              context_id=_maybe(ids), retry_after_ms=_maybe(counts)),
    st.builds(ErrorEvent, code=st.just("idle_timeout"), message=st.text(max_size=100),
              retryable=st.booleans(), fatal=st.just(True),
              close_code=st.integers(1000, 4999)),
)  # fmt: skip

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                max_size=4),
    max_leaves=12,
)  # fmt: skip


def _dumps(value: Any) -> bytes:
    """orjson refuses integers beyond 64 bits; the stdlib writes them (as a peer might)."""
    return json.dumps(value).encode()


# --- B1: nothing but a message or a ProtocolError ---------------------------------------------


def _parses_or_protocol_error(data: bytes | str) -> None:
    for parse in (parse_client_message, parse_server_message):
        try:
            parse(data)
        except ProtocolError:
            pass


@ci(1000)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_parse_or_raise_protocol_error(data: bytes) -> None:
    _parses_or_protocol_error(data)


@ci(300)
@given(st.text(max_size=300))
def test_arbitrary_text_parses_or_raises_protocol_error(data: str) -> None:
    _parses_or_protocol_error(data)


@ci(1000)
@given(json_values)
def test_arbitrary_json_parses_or_raises_protocol_error(value: Any) -> None:
    _parses_or_protocol_error(_dumps(value))


@ci(1000)
@given(st.sampled_from(CLIENT_TYPES + ["ready", "opened", "segment_done", "context_done",
                                       "error", "pong"]),
       st.dictionaries(st.sampled_from(["context_id", "text", "flush", "flush_id", "voice",
                                        "sampling", "format", "lead_ms", "segmentation",
                                        "token", "id", "version", "code", "message", "fatal",
                                        "retryable", "close_code", "stream_id", "limits",
                                        "usage", "timings", "status", "server_time_ms"]),
                       json_values, max_size=6))  # fmt: skip
def test_known_types_with_arbitrary_fields_parse_or_raise_protocol_error(
    kind: str, fields: dict[str, Any]
) -> None:
    _parses_or_protocol_error(_dumps({"type": kind, **fields}))


# --- B2: valid messages round-trip, byte-stably ------------------------------------------------


@ci(400)
@given(client_messages)
def test_any_valid_client_message_round_trips(message: Message) -> None:
    data = serialize(message)
    assert parse_client_message(data) == message
    assert serialize(parse_client_message(data)) == data


@ci(400)
@given(server_messages)
def test_any_valid_server_message_round_trips_and_fits_its_schema(message: Message) -> None:
    data = serialize(message)
    assert parse_server_message(data) == message
    assert serialize(parse_server_message(data)) == data
    obj = orjson.loads(data)
    assert list(_validator(obj["type"]).iter_errors(obj)) == []


# --- the parser and the schemas agree on client messages --------------------------------------


near_values = st.one_of(
    json_values, ids, st.sampled_from(["", "pcm16", "mulaw", "opus", "male", "low", "auto",
                                       "flush_only", "a b", "x" * 65, "c\n"]),
    st.sampled_from([-1, 0, 1, 2, 5.0, 0.5, 8000, 16000, 48000, 10, 20, 40, 30, 4400,
                     2**32, 2**53, 2**64, True, False, None]),
)  # fmt: skip


@st.composite
def near_valid_client_objects(draw: st.DrawFn) -> dict[str, Any]:
    """A valid client message with one field (possibly nested) replaced, removed or added."""
    obj: dict[str, Any] = orjson.loads(serialize(draw(client_messages)))
    target = obj
    nested = [k for k, v in obj.items() if isinstance(v, dict)]
    go_nested = draw(st.booleans())
    if nested and go_nested:
        target = obj[draw(st.sampled_from(nested))]
    keys = [k for k in target if k != "type"] + ["extra", "speaker", "pitch", "sample_rate",
                                                  "frame_ms", "bitrate", "flush", "seed",
                                                  "version"]
    key = draw(st.sampled_from(keys))
    if draw(st.integers(0, 4)) == 0:
        target.pop(key, None)
    else:
        target[key] = draw(near_values)
    return obj


@ci(1500)
@given(near_valid_client_objects())
def test_the_parser_accepts_a_client_message_exactly_when_its_schema_does(
    obj: dict[str, Any],
) -> None:
    try:
        parse_client_message(_dumps(obj))
        parsed = True
    except UnsupportedVersion:  # well formed: the schema takes any version, the server
        parsed = True  # answers those it does not speak with unsupported_version
    except ProtocolError:
        parsed = False
    errors = [e.message for e in _validator(obj["type"]).iter_errors(obj)]
    assert parsed == (not errors), errors


# --- audio frames -----------------------------------------------------------------------------


@ci(1000)
@given(st.binary(max_size=64))
def test_arbitrary_bytes_unpack_to_a_frame_or_raise_invalid_frame(data: bytes) -> None:
    try:
        frame = unpack_frame(data)
    except InvalidFrame:
        return
    assert frame.payload and 1 <= frame.stream_id < 2**32


frames = st.builds(
    AudioFrame,
    stream_id=st.integers(1, 2**32 - 1),
    sequence=st.integers(0, 2**32 - 1),
    timestamp=st.integers(0, 2**32 - 1),
    encoding=st.sampled_from(Encoding),
    payload=st.binary(min_size=1, max_size=64).map(lambda b: b + b if len(b) % 2 else b),
    flags=st.integers(0, 255),
)


@ci(500)
@given(frames)
def test_any_frame_round_trips(frame: AudioFrame) -> None:
    assert unpack_frame(pack_frame(frame)) == frame
