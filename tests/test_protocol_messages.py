"""Protocol v1 messages: round trips, JSON Schemas, documented examples, errors, states."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped,unused-ignore]
import orjson
import pytest

from protocol import (
    ERRORS,
    Cancel,
    Cancelled,
    ClientMessageType,
    CloseCode,
    ContextDone,
    ContextState,
    ContextStatus,
    ContextTimings,
    Encoding,
    End,
    ErrorCode,
    ErrorEvent,
    FieldError,
    Flush,
    FlushDone,
    Gender,
    InvalidField,
    InvalidMessage,
    Level,
    Limits,
    MalformedMessage,
    Message,
    MissingField,
    Open,
    Opened,
    OutputFormat,
    Ping,
    Pong,
    ProtocolError,
    Ready,
    RemoteError,
    Sampling,
    Segmentation,
    SegmentDone,
    SegmentStart,
    SegmentTimings,
    SessionError,
    Start,
    Text,
    UnknownField,
    UnknownMessageType,
    UnsupportedVersion,
    Usage,
    Voice,
    next_context_state,
    parse_client_message,
    parse_server_message,
    serialize,
    to_json_object,
)
from tests.schemas import CLIENT_TYPES, SCHEMA_DIR, SERVER_TYPES, schema_errors
from tests.schemas import schema as _schema

PROTOCOL_DIR = Path(__file__).resolve().parent.parent / "protocol"

LIMITS = Limits(max_message_bytes=65536, max_text_chars=10000, max_buffered_text_chars=20000,
                max_contexts=8, idle_timeout_ms=120000, handshake_timeout_ms=10000,
                slow_consumer_lag_ms=5000)  # fmt: skip

CLIENT_EXAMPLES: list[Message] = [
    Start(),
    Start(voice=Voice(speaker="alloy"), format=OutputFormat.of("mulaw"), lead_ms=0,
          segmentation=Segmentation.FLUSH_ONLY, token="abc.def"),  # fmt: skip
    Start(voice=Voice(gender=Gender.MALE, pitch=Level.LOW), format=OutputFormat.of("opus"),
          sampling=Sampling(temperature=0.7, top_k=-1, top_p=0.9, repetition_penalty=1.1,
                            seed=2**32 - 1, max_tokens=500)),  # fmt: skip
    Start(format=OutputFormat.of("pcm16", sample_rate=48000, frame_ms=100)),
    Open(context_id="turn-1"),
    Open(context_id="a:b.c_d-e", voice=Voice(gender=Gender.FEMALE, speed=Level.VERY_HIGH),
         sampling=Sampling(seed=0), segmentation=Segmentation.SENTENCE),  # fmt: skip
    Text(context_id="turn-1", text="Hello, "),
    Text(context_id="turn-1", text=""),
    Text(context_id="turn-1", text="world.\n\u00e9\u4e2d\U0001f600", flush=True, flush_id="f1"),
    Flush(context_id="turn-1"),
    Flush(context_id="turn-1", flush_id="f-2"),
    End(context_id="turn-1"),
    Cancel(context_id="turn-1"),
    Ping(),
    Ping(id="p-1"),
    Ping(id=2**53 - 1),
]

SERVER_EXAMPLES: list[Message] = [
    Ready(session_id="s-1", server="spark-voice-server/0.1.0", model="SparkAudio/Spark-TTS-0.5B",
          random_weights=False, voice=Voice(speaker="alloy"),
          sampling=Sampling(temperature=0.8, top_k=50, top_p=0.95, repetition_penalty=1.0),
          format=OutputFormat(), lead_ms=100, segmentation=Segmentation.AUTO, limits=LIMITS,
          send_window_ms=80),
    Ready(session_id="s-2", server="x", model="tiny", random_weights=True,
          voice=Voice(gender=Gender.FEMALE), sampling=Sampling(seed=7),
          format=OutputFormat.of("opus"), lead_ms=0, segmentation=Segmentation.SENTENCE,
          limits=LIMITS),
    Opened(context_id="turn-1", stream_id=1, voice=Voice(speaker="alloy"), sampling=Sampling(),
           segmentation=Segmentation.AUTO),
    SegmentStart(context_id="turn-1", segment=0, text="Hello, world.", offset_ms=0.0),
    SegmentDone(context_id="turn-1", segment=3, offset_ms=1520.0, audio_ms=860.0,
                semantic_tokens=43, truncated=False,
                timings=SegmentTimings(first_token_ms=21.5, first_audio_ms=88.25,
                                       synthesis_ms=301.0, rtf=0.35)),
    SegmentDone(context_id="turn-1", segment=0, offset_ms=0.0, audio_ms=0.0, semantic_tokens=0,
                truncated=True, timings=SegmentTimings(first_token_ms=1.0, synthesis_ms=2.0)),
    FlushDone(context_id="turn-1", audio_ms=2380.0),
    FlushDone(context_id="turn-1", flush_id="f1", audio_ms=0.0),
    ContextDone(context_id="turn-1", status=ContextStatus.COMPLETED,
                usage=Usage(characters=120, segments=3, semantic_tokens=160, audio_ms=3200.0,
                            frames=160),
                timings=ContextTimings(ttfa_ms=140.5, duration_ms=4100.0, rtf=0.31)),
    ContextDone(context_id="turn-2", status=ContextStatus.FAILED,
                usage=Usage(characters=0, segments=0, semantic_tokens=0, audio_ms=0.0, frames=0),
                timings=ContextTimings(duration_ms=12.0)),
    Cancelled(context_id="turn-1", audio_ms=640.0, frames=32),
    Pong(server_time_ms=1_760_000_000_000),
    Pong(id="p-1", server_time_ms=0),
    Pong(id=42, server_time_ms=5),
    ErrorEvent(code="unknown_context", message="no live context x", retryable=False,
               fatal=False, context_id="x"),
    ErrorEvent(code="server_busy", message="loading", retryable=True, fatal=True,
               close_code=4503, retry_after_ms=2000),
]  # fmt: skip

ALL_EXAMPLES = CLIENT_EXAMPLES + SERVER_EXAMPLES


def _parse(message: Message, data: bytes | str) -> Message:
    if message.TYPE.value in CLIENT_TYPES:
        return parse_client_message(data)
    return parse_server_message(data)


def _id(message: Message) -> str:
    return message.TYPE.value


# --- round trips and schemas ------------------------------------------------------------------


def test_every_message_type_has_examples_and_exactly_one_schema_file() -> None:
    assert {m.TYPE.value for m in CLIENT_EXAMPLES} == CLIENT_TYPES
    assert {m.TYPE.value for m in SERVER_EXAMPLES} == SERVER_TYPES
    assert {p.stem for p in SCHEMA_DIR.glob("*.json")} == CLIENT_TYPES | SERVER_TYPES


@pytest.mark.parametrize("name", sorted(CLIENT_TYPES | SERVER_TYPES))
def test_schema_files_are_valid_draft_2020_12_schemas(name: str) -> None:
    schema = _schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["type"] == {"const": name}


@pytest.mark.parametrize("message", ALL_EXAMPLES, ids=_id)
def test_a_serialized_message_parses_back_to_an_equal_message(message: Message) -> None:
    assert _parse(message, serialize(message)) == message
    assert _parse(message, serialize(message).decode()) == message


@pytest.mark.parametrize("message", ALL_EXAMPLES, ids=_id)
def test_serialization_is_byte_stable(message: Message) -> None:
    data = serialize(message)
    assert serialize(_parse(message, data)) == data
    assert data.startswith(b'{"type":"' + message.TYPE.value.encode() + b'"')


@pytest.mark.parametrize("message", ALL_EXAMPLES, ids=_id)
def test_every_serialized_message_is_valid_against_its_schema(message: Message) -> None:
    assert schema_errors(orjson.loads(serialize(message))) == []


def _with_unknown_fields(value: Any) -> Any:
    """``value`` with a field no version has added to it and to every object inside it."""
    if isinstance(value, dict):
        return {**{k: _with_unknown_fields(v) for k, v in value.items()}, "added_later": [1]}
    return value


@pytest.mark.parametrize("message", SERVER_EXAMPLES, ids=_id)
def test_a_server_message_with_fields_a_later_revision_adds_still_fits_its_schema(
    message: Message,
) -> None:
    """Servers may add optional fields within version 1 and clients must ignore them
    (PROTOCOL.md section 1), so a client validating with the schemas must accept them, at the
    top level and in nested objects alike; the parser ignores them too."""
    obj = _with_unknown_fields(orjson.loads(serialize(message)))
    assert schema_errors(obj) == []
    assert parse_server_message(orjson.dumps(obj)) == message


@pytest.mark.parametrize("message", CLIENT_EXAMPLES[4:6], ids=_id)
def test_a_client_message_with_an_unknown_field_fails_its_schema_as_the_server_refuses_it(
    message: Message,
) -> None:
    obj = orjson.loads(serialize(message))
    for extended in ({**obj, "added_later": 1}, _with_unknown_fields(obj)):
        assert schema_errors(extended) != []
        with pytest.raises(UnknownField):
            parse_client_message(orjson.dumps(extended))


def test_a_ready_without_send_window_ms_fits_its_schema_and_reads_as_0() -> None:
    obj = orjson.loads(serialize(SERVER_EXAMPLES[0]))
    del obj["send_window_ms"]
    assert schema_errors(obj) == []
    ready = parse_server_message(orjson.dumps(obj))
    assert isinstance(ready, Ready) and ready.send_window_ms == 0


def test_max_contexts_below_5_fails_the_ready_schema_and_the_limits() -> None:
    obj = orjson.loads(serialize(SERVER_EXAMPLES[0]))
    obj["limits"]["max_contexts"] = 4
    assert schema_errors(obj) != []
    with pytest.raises(InvalidField):
        parse_server_message(orjson.dumps(obj))


def test_serialization_omits_absent_fields_and_writes_enums_as_strings() -> None:
    obj = to_json_object(Open(context_id="c", segmentation=Segmentation.SENTENCE))
    assert obj == {"type": "open", "context_id": "c", "segmentation": "sentence"}


@pytest.mark.parametrize("kind", ["voice", "sampling", "format"])
def test_shared_definitions_are_identical_across_schema_files_of_one_direction(
    kind: str,
) -> None:
    for side in (CLIENT_TYPES, SERVER_TYPES):
        found = [_schema(n)["$defs"][kind] for n in sorted(side)
                 if kind in _schema(n).get("$defs", {})]  # fmt: skip
        assert found, f"no {kind} definition"
        assert all(d == found[0] for d in found)


def _documented_examples() -> list[dict[str, Any]]:
    text = (PROTOCOL_DIR / "PROTOCOL.md").read_text()
    blocks = re.findall(r"```json\n(.*?)```", text, re.S)
    return [orjson.loads(line) for block in blocks for line in block.splitlines()
            if line.strip()]  # fmt: skip


def test_protocol_md_has_an_example_of_every_message() -> None:
    assert {e["type"] for e in _documented_examples()} == CLIENT_TYPES | SERVER_TYPES


@pytest.mark.parametrize("example", _documented_examples(), ids=lambda e: str(e.get("type")))
def test_every_documented_example_validates_and_parses(example: dict[str, Any]) -> None:
    assert schema_errors(example) == []
    data = orjson.dumps(example)
    parsed = (parse_client_message if example["type"] in CLIENT_TYPES
              else parse_server_message)(data)  # fmt: skip
    assert parsed.TYPE.value == example["type"]


# --- rejected input -----------------------------------------------------------------------------

INVALID_CLIENT: list[tuple[str, type[ProtocolError], ErrorCode]] = [
    ('{"type":"nope"}', UnknownMessageType, ErrorCode.UNKNOWN_TYPE),
    ('{"type":"ready"}', UnknownMessageType, ErrorCode.UNKNOWN_TYPE),
    ('{"type":"start","version":-1}', InvalidField, ErrorCode.INVALID_FIELD),
    ('{"type":"start","version":9007199254740992}', InvalidField, ErrorCode.INVALID_FIELD),
    ('{"type":"start","version":"1"}', InvalidField, ErrorCode.INVALID_FIELD),
    ('{"type":"start","voice":{}}', MissingField, ErrorCode.MISSING_FIELD),
    ('{"type":"start","voice":{"speaker":"a","gender":"male"}}', InvalidField,
     ErrorCode.INVALID_FIELD),
    ('{"type":"start","voice":{"speaker":"a b"}}', InvalidField, ErrorCode.INVALID_FIELD),
    ('{"type":"start","voice":{"gender":"other"}}', InvalidField, ErrorCode.INVALID_FIELD),
    ('{"type":"start","sampling":{"temprature":1}}', UnknownField, ErrorCode.UNKNOWN_FIELD),
    ('{"type":"start","sampling":{"temperature":2.5}}', InvalidField, ErrorCode.INVALID_FIELD),
    ('{"type":"start","sampling":{"top_k":0}}', InvalidField, ErrorCode.INVALID_FIELD),
    ('{"type":"start","sampling":{"top_p":0}}', InvalidField, ErrorCode.INVALID_FIELD),
    ('{"type":"start","sampling":{"seed":4294967296}}', InvalidField, ErrorCode.INVALID_FIELD),
    ('{"type":"start","sampling":{"seed":18446744073709551616}}', InvalidField,
     ErrorCode.INVALID_FIELD),
    ('{"type":"start","sampling":{"seed":1.5}}', InvalidField, ErrorCode.INVALID_FIELD),
    ('{"type":"start","sampling":{"seed":true}}', InvalidField, ErrorCode.INVALID_FIELD),
    ('{"type":"start","sampling":"hot"}', InvalidField, ErrorCode.INVALID_FIELD),
    ('{"type":"start","format":{"encoding":"mulaw","sample_rate":16000}}', InvalidField,
     ErrorCode.INVALID_FIELD),
    ('{"type":"start","format":{"encoding":"opus","frame_ms":40}}', InvalidField,
     ErrorCode.INVALID_FIELD),
    ('{"type":"start","format":{"encoding":"pcm16","bitrate":32000}}', InvalidField,
     ErrorCode.INVALID_FIELD),
    ('{"type":"start","format":{"frame_ms":30}}', InvalidField, ErrorCode.INVALID_FIELD),
    ('{"type":"start","format":{"encoding":"mp3"}}', InvalidField, ErrorCode.INVALID_FIELD),
    ('{"type":"start","lead_ms":-1}', InvalidField, ErrorCode.INVALID_FIELD),
    ('{"type":"start","segmentation":"words"}', InvalidField, ErrorCode.INVALID_FIELD),
    ('{"type":"start","token":""}', InvalidField, ErrorCode.INVALID_FIELD),
    ('{"type":"start","extra":1}', UnknownField, ErrorCode.UNKNOWN_FIELD),
    ('{"type":"open"}', MissingField, ErrorCode.MISSING_FIELD),
    ('{"type":"open","context_id":""}', InvalidField, ErrorCode.INVALID_FIELD),
    ('{"type":"open","context_id":"' + "x" * 65 + '"}', InvalidField, ErrorCode.INVALID_FIELD),
    ('{"type":"open","context_id":"c\\n"}', InvalidField, ErrorCode.INVALID_FIELD),
    ('{"type":"open","context_id":7}', InvalidField, ErrorCode.INVALID_FIELD),
    ('{"type":"text","context_id":"c"}', MissingField, ErrorCode.MISSING_FIELD),
    ('{"type":"text","context_id":"c","text":null}', MissingField, ErrorCode.MISSING_FIELD),
    ('{"type":"text","context_id":"c","text":["a"]}', InvalidField, ErrorCode.INVALID_FIELD),
    ('{"type":"text","context_id":"c","text":"a","flush_id":"f"}', InvalidField,
     ErrorCode.INVALID_FIELD),
    ('{"type":"text","context_id":"c","text":"a","flush":1}', InvalidField,
     ErrorCode.INVALID_FIELD),
    ('{"type":"flush","context_id":"c","flush_id":""}', InvalidField, ErrorCode.INVALID_FIELD),
    ('{"type":"cancel"}', MissingField, ErrorCode.MISSING_FIELD),
    ('{"type":"end","context_id":"c","text":"x"}', UnknownField, ErrorCode.UNKNOWN_FIELD),
    ('{"type":"ping","id":-1}', InvalidField, ErrorCode.INVALID_FIELD),
    ('{"type":"ping","id":9007199254740992}', InvalidField, ErrorCode.INVALID_FIELD),
    ('{"type":"ping","id":1.5}', InvalidField, ErrorCode.INVALID_FIELD),
    ('{"type":"ping","id":{}}', InvalidField, ErrorCode.INVALID_FIELD),
    ('{"type":"ping","t":1}', UnknownField, ErrorCode.UNKNOWN_FIELD),
]


@pytest.mark.parametrize(("raw", "error", "code"), INVALID_CLIENT, ids=lambda v: str(v)[:60])
def test_an_invalid_client_message_raises_its_error_and_fails_its_schema(
    raw: str, error: type[ProtocolError], code: ErrorCode
) -> None:
    with pytest.raises(error) as caught:
        parse_client_message(raw)
    assert caught.value.code is code
    assert schema_errors(orjson.loads(raw)) != []


@pytest.mark.parametrize("raw", ['{"type":"start","version":2}', '{"type":"start","version":0}',
                                 '{"type":"start","version":2.0}'])  # fmt: skip
def test_a_start_of_another_version_fits_its_schema_and_is_unsupported_version(raw: str) -> None:
    """The schema says what is well formed; which versions the server speaks is its answer,
    so a client that checks its messages with the schema still sees unsupported_version."""
    assert schema_errors(orjson.loads(raw)) == []
    with pytest.raises(UnsupportedVersion) as caught:
        parse_client_message(raw)
    assert caught.value.code is ErrorCode.UNSUPPORTED_VERSION


@pytest.mark.parametrize("raw, error", [
    ('{"type":"start","version":2,"bogus":1}', UnknownField),
    ('{"type":"start","bogus":1,"version":2}', UnknownField),
    ('{"type":"start","version":2,"lead_ms":99999}', InvalidField),
    ('{"type":"start","version":2,"segmentation":"word"}', InvalidField),
    ('{"type":"start","version":2,"token":""}', InvalidField),
    ('{"type":"start","version":0,"voice":{}}', MissingField),
])  # fmt: skip
def test_a_field_error_in_a_start_of_another_version_is_reported_before_the_version(
    raw: str, error: type[ProtocolError]
) -> None:
    """The message is parsed first (PROTOCOL.md 4.4 and 10): a second start with a field
    error gets that field error, not already_started, which the server answers a well-formed
    start of any version with. The version is a value, looked at only once the form is good
    (it was checked before lead_ms, segmentation, token and unknown fields)."""
    assert schema_errors(orjson.loads(raw)) != []
    with pytest.raises(error):
        parse_client_message(raw)


@pytest.mark.parametrize("raw", [
    b"", b" ", b"\xff\xfe", b"{", b"NaN", b'{"type":"ping","id":NaN}', b"[1e400, NaN]",
    b'{"type":"ping","id":1e400,"x":Infinity}', b'{"id":1e400,"type":"text","text":"\\ud800"}',
    b'{"type":"text","context_id":"c","text":"\\ud800"}', b'"\xed\xa0\x80"',
    b"[" * 2000 + b"]" * 2000, b'{"type":"text","context_id":"c","text":"a\x00"}',
])  # fmt: skip
def test_bytes_that_are_not_json_raise_malformed_message(raw: bytes) -> None:
    with pytest.raises(MalformedMessage) as caught:
        parse_client_message(raw)
    assert caught.value.code is ErrorCode.INVALID_JSON


@pytest.mark.parametrize("raw", ['[]', '"start"', "1", "null", "{}", '{"type":1}',
                                 '{"type":null}', '{"Type":"ping"}', "[1e400]"])  # fmt: skip
def test_json_that_is_not_an_object_with_a_string_type_is_an_invalid_message(raw: str) -> None:
    with pytest.raises(InvalidMessage) as caught:
        parse_client_message(raw)
    assert caught.value.code is ErrorCode.INVALID_MESSAGE


@pytest.mark.parametrize("raw", [
    '{"type":"ping","id":1' + "0" * 3000 + "}", '{"type":"ping","id":-1e400}',
    '{"type":"start","lead_ms":1e400}', '{"type":"start","sampling":{"seed":9' + "9" * 400 + "}}",
])  # fmt: skip
def test_a_number_too_large_for_a_double_is_valid_json_but_out_of_range(raw: str) -> None:
    """orjson cannot read it; the message is read again and the field refuses the number."""
    with pytest.raises(InvalidField) as caught:
        parse_client_message(raw)
    assert caught.value.code is ErrorCode.INVALID_FIELD


@pytest.mark.parametrize("depth", [1023, 1024, 1025])
def test_the_top_level_object_is_nesting_level_1_and_1024_levels_are_allowed(depth: int) -> None:
    """PROTOCOL.md 3 rule 11, with or without a number too large for a double (read by the
    fallback reader, which once refused anything nested deeper than 254 levels)."""
    inner = "[" * (depth - 1) + "]" * (depth - 1)
    for raw in ('{"type":"ping","x":' + inner + "}", '{"type":"ping","id":1e400,"x":' + inner + "}"):
        if depth > 1024:
            with pytest.raises(MalformedMessage):
                parse_client_message(raw)
        else:
            with pytest.raises(FieldError):  # a wrong id or an unknown x: read, not malformed
                parse_client_message(raw)


def test_the_fallback_reader_refuses_a_lone_surrogate_after_a_huge_number() -> None:
    with pytest.raises(MalformedMessage):
        parse_client_message('{"type":"ping","id":1e400,"x":"\\ud800"}')


def test_an_out_of_range_number_is_quoted_as_sent_not_rounded_through_an_integer() -> None:
    with pytest.raises(InvalidField) as caught:
        parse_client_message('{"type":"start","lead_ms":' + "9" * 30 + "}")
    assert caught.value.message == "lead_ms: out of range, got 1e+30"


def test_minus_zero_reads_as_zero_so_it_is_never_echoed_as_minus_zero() -> None:
    import math

    parsed = parse_client_message('{"type":"start","sampling":{"temperature":-0.0}}')
    assert isinstance(parsed, Start) and parsed.sampling is not None
    temperature = parsed.sampling.temperature
    assert temperature == 0.0 and math.copysign(1.0, temperature) == 1.0


def test_null_reads_as_an_absent_field() -> None:
    parsed = parse_client_message('{"type":"start","voice":null,"lead_ms":null,"version":null}')
    assert parsed == Start()


def test_an_integer_field_accepts_a_whole_float_like_json_schema_does() -> None:
    parsed = parse_client_message('{"type":"start","sampling":{"seed":7.0,"top_k":5e1}}')
    assert isinstance(parsed, Start) and parsed.sampling == Sampling(seed=7, top_k=50)


def test_a_duplicate_key_is_read_as_its_last_value() -> None:
    assert parse_client_message('{"type":"ping","id":"a","id":"b"}') == Ping(id="b")


def test_a_format_with_only_an_encoding_gets_that_encodings_defaults() -> None:
    parsed = parse_client_message('{"type":"start","format":{"encoding":"opus"}}')
    assert isinstance(parsed, Start)
    assert parsed.format == OutputFormat(encoding=Encoding.OPUS, sample_rate=48000, frame_ms=20,
                                         bitrate=32000)  # fmt: skip
    assert OutputFormat.of("mulaw").sample_rate == 8000
    assert OutputFormat.of("opus").frame_samples == 960


def test_a_style_voice_fills_in_moderate_pitch_and_speed() -> None:
    assert Voice(gender=Gender.FEMALE) == Voice(gender=Gender.FEMALE, pitch=Level.MODERATE,
                                                speed=Level.MODERATE)  # fmt: skip


def test_a_field_error_names_the_nested_path_and_the_context() -> None:
    with pytest.raises(InvalidField) as caught:
        parse_client_message('{"type":"open","context_id":"t1","sampling":{"top_p":2}}')
    assert caught.value.field == "sampling.top_p"
    assert caught.value.context_id == "t1"
    assert ErrorEvent.from_error(caught.value).context_id == "t1"


def test_the_server_parser_ignores_unknown_fields_but_not_unknown_types() -> None:
    assert parse_server_message('{"type":"pong","server_time_ms":1,"new":true}') == Pong(
        server_time_ms=1
    )
    with pytest.raises(UnknownMessageType):
        parse_server_message('{"type":"word_timestamps","words":[]}')


def test_an_error_event_with_an_unknown_code_still_parses() -> None:
    event = parse_server_message(
        '{"type":"error","code":"quota_exceeded","message":"m","retryable":true,"fatal":false}'
    )
    assert isinstance(event, ErrorEvent) and event.code == "quota_exceeded"


def test_the_start_token_never_appears_in_repr() -> None:
    assert "hunter2" not in repr(Start(token="hunter2"))
    assert "hunter2" in serialize(Start(token="hunter2")).decode()


def test_context_sampling_overrides_merge_over_the_sessions() -> None:
    session = Sampling(temperature=0.8, top_k=50, seed=1)
    assert Sampling(seed=9, top_p=0.5).merged_over(session) == Sampling(
        temperature=0.8, top_k=50, top_p=0.5, seed=9
    )


# --- errors -------------------------------------------------------------------------------------


def test_every_error_code_has_a_spec_and_fatal_codes_exactly_have_close_codes() -> None:
    assert set(ERRORS) == set(ErrorCode)
    for code, spec in ERRORS.items():
        assert spec.fatal == (spec.close_code is not None), code
        assert spec.summary


def test_a_non_fatal_error_that_answers_start_becomes_fatal_with_4400() -> None:
    error = SessionError(ErrorCode.UNKNOWN_SPEAKER, "no voice 'bob'")
    assert not error.fatal
    event = ErrorEvent.from_error(error, answers_start=True)
    assert (event.fatal, event.close_code, event.code) == (True, 4400, "unknown_speaker")


def test_a_fatal_error_keeps_its_own_close_code_when_it_answers_start() -> None:
    event = ErrorEvent.from_error(SessionError(ErrorCode.SERVER_BUSY, "full"), answers_start=True)
    assert (event.fatal, event.close_code, event.retryable) == (True, CloseCode.SERVER_BUSY, True)


def test_an_error_event_requires_a_close_code_exactly_when_fatal() -> None:
    with pytest.raises(InvalidField):
        ErrorEvent(code="x", message="", retryable=False, fatal=True)
    with pytest.raises(InvalidField):
        ErrorEvent(code="x", message="", retryable=False, fatal=False, close_code=1000)
    with pytest.raises(InvalidField):
        ErrorEvent(code="Not A Code", message="", retryable=False, fatal=False)


def test_a_remote_error_keeps_an_unknown_code_and_the_peers_verdict() -> None:
    error = RemoteError("quota_exceeded", "m", fatal=True, retryable=True, close_code=4999)
    assert error.remote_code == "quota_exceeded" and error.code is ErrorCode.INTERNAL_ERROR
    assert (error.fatal, error.retryable, error.close_code, error.remote_close_code) == (
        True, True, None, 4999)  # fmt: skip
    assert RemoteError("idle_timeout", "m", fatal=True, retryable=True,
                       close_code=4408).close_code is CloseCode.TIMEOUT  # fmt: skip


# --- the context state machine -----------------------------------------------------------------

T = ClientMessageType


@pytest.mark.parametrize(("state", "message", "after"), [
    (None, T.OPEN, ContextState.IDLE),
    (ContextState.DONE, T.OPEN, ContextState.IDLE),
    (ContextState.CANCELLED, T.OPEN, ContextState.IDLE),
    (ContextState.IDLE, T.TEXT, ContextState.ACTIVE),
    (ContextState.IDLE, T.FLUSH, ContextState.ACTIVE),
    (ContextState.IDLE, T.END, ContextState.FLUSHING),
    (ContextState.ACTIVE, T.TEXT, ContextState.ACTIVE),
    (ContextState.ACTIVE, T.END, ContextState.FLUSHING),
    (ContextState.FLUSHING, T.END, ContextState.FLUSHING),
    (ContextState.IDLE, T.CANCEL, ContextState.CANCELLED),
    (ContextState.ACTIVE, T.CANCEL, ContextState.CANCELLED),
    (ContextState.FLUSHING, T.CANCEL, ContextState.CANCELLED),
])  # fmt: skip
def test_legal_context_transitions(state: ContextState | None, message: ClientMessageType,
                                   after: ContextState) -> None:  # fmt: skip
    assert next_context_state(state, message, "c") is after


@pytest.mark.parametrize(("state", "message", "code"), [
    (ContextState.ACTIVE, T.OPEN, ErrorCode.CONTEXT_EXISTS),
    (ContextState.FLUSHING, T.OPEN, ErrorCode.CONTEXT_EXISTS),
    (None, T.TEXT, ErrorCode.UNKNOWN_CONTEXT),
    (ContextState.DONE, T.FLUSH, ErrorCode.UNKNOWN_CONTEXT),
    (ContextState.CANCELLED, T.CANCEL, ErrorCode.UNKNOWN_CONTEXT),
    (ContextState.FLUSHING, T.TEXT, ErrorCode.CONTEXT_ENDED),
    (ContextState.FLUSHING, T.FLUSH, ErrorCode.CONTEXT_ENDED),
])  # fmt: skip
def test_illegal_context_messages_raise_the_documented_session_error(
    state: ContextState | None, message: ClientMessageType, code: ErrorCode
) -> None:
    with pytest.raises(SessionError) as caught:
        next_context_state(state, message, "c")
    assert caught.value.code is code and caught.value.context_id == "c"
    assert not caught.value.fatal


def test_a_message_that_addresses_no_context_is_not_a_context_transition() -> None:
    with pytest.raises(ValueError):
        next_context_state(ContextState.ACTIVE, T.PING, "c")
