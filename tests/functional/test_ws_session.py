"""WebSocket sessions end to end: real server, real vLLM (CPU), tiny model, the protocol client."""

from __future__ import annotations

import asyncio
from typing import Any

import numpy as np
import pytest

from protocol import client as pc
from protocol.messages import (
    Cancelled, ContextDone, ErrorEvent, FlushDone, Opened, Pong, SegmentDone, SegmentStart,
    Sampling, Start, Voice,
)

pytestmark = pytest.mark.engine


async def _connect(make_client: Any, start: Start | None = None, **sections: Any) -> pc.Session:
    client = await make_client(**sections)
    url = str(client.make_url("/"))
    return await pc.connect(url, start, http=client.session)


async def _until(session: pc.Session, predicate: Any, timeout: float = 60.0) -> list[Any]:
    seen: list[Any] = []
    async with asyncio.timeout(timeout):
        while True:
            item = await session.receive()
            assert item is not None, f"connection closed ({session.close_code}) after {seen[-3:]}"
            seen.append(item)
            if predicate(item):
                return seen


async def _one_context(session: pc.Session, context_id: str, text: str) -> list[Any]:
    """Open ``context_id``, say ``text`` and end it; everything up to its ``context_done``."""
    await session.open(context_id)
    await session.send_text(context_id, text, flush=True)
    await session.end(context_id)
    return await _until(session, lambda m: isinstance(m, ContextDone))


async def test_text_flush_end_gives_audio_events_and_context_done(make_client: Any) -> None:
    session = await _connect(make_client)
    await session.open("c1")
    await session.send_text("c1", "Hello ")
    await session.send_text("c1", "world. How are you")
    await session.send_text("c1", " today?")
    await session.flush("c1", flush_id="f1")
    await session.end("c1")
    seen = await _until(session, lambda m: isinstance(m, ContextDone))
    audio = [x for x in seen if isinstance(x, pc.ContextAudio)]
    starts = [x for x in seen if isinstance(x, SegmentStart)]
    dones = [x for x in seen if isinstance(x, SegmentDone)]
    flush = [x for x in seen if isinstance(x, FlushDone)]
    done = seen[-1]
    assert audio and starts and dones and flush[0].flush_id == "f1"
    assert isinstance(seen[0], Opened)
    total_samples = sum(a.samples for a in audio)
    tokens = sum(d.semantic_tokens for d in dones)
    assert total_samples == tokens * 320  # 16 kHz pcm16, frame-aligned (320 samples = 20 ms)
    assert done.usage.semantic_tokens == tokens
    assert done.usage.frames == len(audio)
    assert done.timings.ttfa_ms is not None and done.timings.ttfa_ms > 0
    assert [a.frame.sequence for a in audio] == list(range(len(audio)))
    # flush_done comes after all the audio it acknowledges
    assert seen.index(flush[0]) > seen.index(audio[-1])
    await session.close()


async def test_ping_is_answered_during_generation_with_the_echoed_id(make_client: Any) -> None:
    session = await _connect(make_client)
    await session.open("c1")
    await session.send_text("c1", "This is a long sentence that takes a while to speak out loud.",
                            flush=True)
    await _until(session, lambda m: isinstance(m, pc.ContextAudio))
    await session.ping("p-42")
    seen = await _until(session, lambda m: isinstance(m, Pong))
    assert seen[-1].id == "p-42" and seen[-1].server_time_ms > 0
    await session.close()


async def test_cancel_mid_stream_then_new_text_in_the_same_session(make_client: Any, runtime: Any) -> None:
    session = await _connect(make_client)
    await session.open("a")
    await session.send_text("a", "A fairly long first sentence to be cut off. " * 3, flush=True)
    await _until(session, lambda m: isinstance(m, pc.ContextAudio))
    await session.cancel("a")
    seen = await _until(session, lambda m: isinstance(m, Cancelled))
    ack = seen[-1]
    assert ack.context_id == "a" and ack.audio_ms > 0
    await session.open("b")
    await session.send_text("b", "Second turn.", flush=True)
    await session.end("b")
    after = await _until(session, lambda m: isinstance(m, ContextDone))
    stream_a = session.stats["a"].stream_id
    assert not any(isinstance(x, pc.ContextAudio) and x.frame.stream_id == stream_a for x in after)
    assert session.stats["a"].frames_after_terminal == 0
    await session.close()
    for _ in range(100):
        if runtime.engine.unfinished_requests == 0:
            break
        await asyncio.sleep(0.02)
    assert runtime.engine.unfinished_requests == 0


async def test_two_sessions_at_once_with_different_voices(make_client: Any) -> None:
    one = await _connect(make_client, Start(voice=Voice(speaker="alloy")))
    two = await _connect(make_client, Start(voice=Voice(speaker="onyx")))
    assert one.ready.voice.speaker == "alloy" and two.ready.voice.speaker == "onyx"
    for s in (one, two):
        await s.open("x")
        await s.send_text("x", "Both of us speak at the same time.", flush=True)
        await s.end("x")
    results = await asyncio.gather(*(_until(s, lambda m: isinstance(m, ContextDone)) for s in (one, two)))
    for seen in results:
        assert any(isinstance(x, pc.ContextAudio) for x in seen)
    await one.close()
    await two.close()


async def test_unknown_context_and_bad_json_get_error_events_and_the_session_goes_on(
    make_client: Any,
) -> None:
    session = await _connect(make_client)
    await session.send_text("nope", "hi")
    seen = await _until(session, lambda m: isinstance(m, ErrorEvent))
    assert seen[-1].code == "unknown_context" and not seen[-1].fatal
    await session.send_raw("{not json")
    seen = await _until(session, lambda m: isinstance(m, ErrorEvent))
    assert seen[-1].code == "invalid_json"
    pong_id = await session.ping()
    seen = await _until(session, lambda m: isinstance(m, Pong))
    assert seen[-1].id == pong_id
    await session.close()


async def test_a_second_start_is_answered_already_started_whatever_it_holds(
    make_client: Any,
) -> None:
    """Not fatal, and its values are not looked at: neither a speaker nor a version (a
    version this server does not speak once closed a live session)."""
    session = await _connect(make_client)
    await session.open("live")
    for second in ('{"type":"start"}', '{"type":"start","version":2}',
                   '{"type":"start","voice":{"speaker":"nobody"}}'):  # fmt: skip
        await session.send_raw(second)
        seen = await _until(session, lambda m: isinstance(m, ErrorEvent))
        assert (seen[-1].code, seen[-1].fatal) == ("already_started", False), second
    await session.send_text("live", "Still here.", flush=True)
    await session.end("live")
    seen = await _until(session, lambda m: isinstance(m, ContextDone))
    assert any(isinstance(m, pc.ContextAudio) for m in seen)
    await session.close()


async def test_later_segments_carry_the_first_segments_voice_codes_in_their_prompts(
    make_client: Any, runtime: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = runtime.engine
    prompts: list[tuple[list[int], str]] = []
    real_stream = engine.stream

    def recording_stream(prompt_ids: Any, kind: str, *args: Any, **kwargs: Any) -> Any:
        prompts.append((list(prompt_ids), kind))
        return real_stream(prompt_ids, kind, *args, **kwargs)

    monkeypatch.setattr(engine, "stream", recording_stream)
    session = await _connect(make_client, Start(voice=Voice(gender="male", pitch="high")))
    await session.open("c")
    await session.send_text("c", "First part is short. Then a second sentence follows it here. "
                                  "And a third one closes the paragraph nicely.")
    await session.end("c")
    await _until(session, lambda m: isinstance(m, ContextDone))
    await session.close()
    vocab = runtime.synthesizer.tokenizer.vocab
    assert len(prompts) >= 2 and prompts[0][1] == "style"
    first_codes = None
    for ids, kind in prompts[1:]:
        assert kind == "globals"
        start = ids.index(vocab.marker("start_global_token"))
        codes = ids[start + 1 : start + 33]
        assert all(i in vocab.global_codes for i in codes)
        first_codes = first_codes or codes
        assert codes == first_codes


@pytest.mark.parametrize(
    ("encoding", "rate"),
    [("pcm16", 8000), ("pcm16", 16000), ("pcm16", 24000), ("pcm16", 48000), ("mulaw", 8000),
     ("opus", 48000)],
)
async def test_every_encoding_decodes_back_to_the_expected_duration(
    make_client: Any, encoding: str, rate: int
) -> None:
    from protocol.messages import OutputFormat

    session = await _connect(make_client, Start(format=OutputFormat.of(encoding, sample_rate=rate)))
    assert session.ready.format.sample_rate == rate
    await session.open("c")
    await session.send_text("c", "Check the format.", flush=True)
    await session.end("c")
    seen = await _until(session, lambda m: isinstance(m, ContextDone))
    await session.close()
    frames = [x.frame.payload for x in seen if isinstance(x, pc.ContextAudio)]
    tokens = sum(x.semantic_tokens for x in seen if isinstance(x, SegmentDone))
    expected_s = tokens * 320 / 16000
    if encoding == "pcm16":
        pcm = np.frombuffer(b"".join(frames), "<i2")
    elif encoding == "mulaw":
        from voice_server.codec.encoders import mulaw_decode

        pcm = mulaw_decode(np.frombuffer(b"".join(frames), np.uint8))
    else:
        import av

        decoder = av.CodecContext.create("libopus", "r")
        decoder.sample_rate = 48000
        decoder.layout = "mono"
        pieces = [f.to_ndarray().reshape(-1) for p in frames for f in decoder.decode(av.Packet(p))]
        pcm = np.concatenate(pieces)
    duration = len(pcm) / rate
    frame_s = 0.02
    assert expected_s - 1e-9 <= duration <= expected_s + frame_s + 1e-9
    assert np.abs(pcm.astype(np.float64)).max() > 100  # audio, not silence


async def test_disconnect_mid_generation_leaves_no_engine_request_and_no_task(
    make_client: Any, runtime: Any
) -> None:
    session = await _connect(make_client)
    await session.open("c")
    await session.send_text("c", "Speak for a long while please. " * 10, flush=True)
    await _until(session, lambda m: isinstance(m, pc.ContextAudio))
    await session._ws.close()  # the client vanishes without cancelling
    for _ in range(200):
        tasks = [t for t in asyncio.all_tasks() if t.get_name().startswith("session-")]
        if runtime.engine.unfinished_requests == 0 and not tasks:
            break
        await asyncio.sleep(0.02)
    assert runtime.engine.unfinished_requests == 0
    assert not [t for t in asyncio.all_tasks() if t.get_name().startswith("session-")]


async def test_a_segment_queued_behind_playing_audio_starts_warm(make_client: Any) -> None:
    """The second sentence's generation starts while seconds of the first one's audio are still
    queued (the tiny engine runs many times faster than real time), so it takes the warm decode
    schedule; the first one, which a listener waits for, starts cold."""
    from prometheus_client.parser import text_string_to_metric_families

    client = await make_client()

    async def counters() -> dict[str, float]:
        text = await (await client.get("/metrics")).text()
        return {s.name: s.value for f in text_string_to_metric_families(text) for s in f.samples
                if s.name in ("voice_server_segments_warm_start_total",
                              "voice_server_segments_total",
                              "voice_server_segment_decode_windows_total")}  # fmt: skip

    before = await counters()
    session = await pc.connect(str(client.make_url("/")), None, http=client.session)
    await session.open("c1")
    await session.send_text("c1", "The first sentence is spoken first. Then comes the second one.",
                            flush=True)  # fmt: skip
    await session.end("c1")
    seen = await _until(session, lambda m: isinstance(m, ContextDone))
    dones = [x for x in seen if isinstance(x, SegmentDone)]
    assert len(dones) == 2
    assert sum(a.samples for a in seen if isinstance(a, pc.ContextAudio)) == 320 * sum(
        d.semantic_tokens for d in dones)
    await session.close()
    after = await counters()
    moved = {name: after.get(name, 0.0) - before.get(name, 0.0) for name in after}
    assert moved["voice_server_segments_total"] == 2
    assert moved["voice_server_segments_warm_start_total"] == 1, moved
    assert moved["voice_server_segment_decode_windows_total"] >= 2


@pytest.mark.parametrize(
    ("encoding", "rate", "frame_ms"),
    [("mulaw", 8000, 20), ("pcm16", 24000, 40), ("pcm16", 16000, 100), ("opus", 48000, 20),
     ("pcm16", 16000, 20)],
)
async def test_each_segments_frames_lie_between_its_events_and_audio_ms_counts_them(
    make_client: Any, encoding: str, rate: int, frame_ms: int
) -> None:
    """Every frame of a segment (resampler tail, padded last frame, Opus look-ahead) comes
    before its segment_done; segment_done.audio_ms is its frames' duration, so the next
    segment starts at offset_ms + audio_ms; flush_done and context_done count frames sent."""
    from protocol.messages import OutputFormat, Sampling

    fmt = OutputFormat.of(encoding, sample_rate=rate, frame_ms=frame_ms)
    session = await _connect(make_client, Start(format=fmt, sampling=Sampling(max_tokens=23)))
    await session.open("c")
    await session.send_text("c", "Hello there, this is a test. And again. One more time.")
    await session.end("c")
    seen = await _until(session, lambda m: isinstance(m, ContextDone))
    await session.close()
    frame_s = 960 / 48000 if encoding == "opus" else frame_ms / 1000
    segments: list[tuple[SegmentStart, int, SegmentDone]] = []
    inside: int | None = None
    start: SegmentStart | None = None
    for item in seen:
        if isinstance(item, SegmentStart):
            assert inside is None
            start, inside = item, 0
        elif isinstance(item, pc.ContextAudio):
            assert inside is not None, "a frame outside its segment's events"
            inside += 1
        elif isinstance(item, SegmentDone):
            assert start is not None and inside is not None
            segments.append((start, inside, item))
            inside = None
    assert len(segments) >= 2
    offset = 0.0
    for begin, frames, done in segments:
        assert begin.offset_ms == pytest.approx(offset) == done.offset_ms
        assert done.audio_ms == pytest.approx(1000 * frames * frame_s)
        offset += done.audio_ms
    flush = next(x for x in seen if isinstance(x, FlushDone))
    done = seen[-1]
    sent = sum(frames for _, frames, _ in segments)
    assert done.usage.frames == sent
    assert done.usage.audio_ms == pytest.approx(1000 * sent * frame_s) == flush.audio_ms


async def test_segment_start_goes_out_with_the_segments_first_frame(
    make_client: Any, runtime: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """segment_start is queued with the first frame, not when synthesis begins: a listener
    (a WebRTC caption, say) sees it just ahead of the audio, not a synthesis time early. The
    first-audio guard, at a (pretended) slow token rate, holds the first audio for a while
    after synthesis begins, so an early segment_start would show."""
    import time

    monkeypatch.setattr(runtime.synthesizer, "first_audio_guard_s", 1.0)
    monkeypatch.setattr(runtime.synthesizer.token_rate, "per_stream", lambda now: 55.0)
    session = await _connect(make_client)
    await session.open("c")
    await session.send_text("c", "Hello there, this is a test. And here is another sentence.")
    await session.end("c")
    arrivals: list[tuple[float, Any]] = []
    async with asyncio.timeout(60):
        while not arrivals or not isinstance(arrivals[-1][1], ContextDone):
            item = await session.receive()
            assert item is not None
            arrivals.append((time.monotonic(), item))
    await session.close()
    gaps = []
    for i, (at, item) in enumerate(arrivals):
        if isinstance(item, SegmentStart):
            first = next(t for t, x in arrivals[i + 1:] if isinstance(x, pc.ContextAudio))
            gaps.append(first - at)
    assert len(gaps) >= 2
    assert gaps[0] < 0.05, gaps  # one sender wake-up apart (synthesis takes far longer)
    assert max(gaps) < 0.15, gaps  # later ones: at most a paced frame and a send window


async def test_every_message_a_real_session_sends_fits_its_schema(make_client: Any) -> None:
    """The server's own JSON, as sent, against ``protocol/schema/``: every server message
    type, a fatal error included (the idle timeout ends the session)."""
    import json

    from tests.schemas import SERVER_TYPES, schema_errors

    client = await make_client(limits={"idle_timeout_s": 2.0})
    ws = await client.session.ws_connect(client.make_url("/v1/stream"), protocols=("voice.v1",))
    received: list[dict[str, Any]] = []

    async def until(kind: str, context_id: str | None = None) -> None:
        async with asyncio.timeout(60):
            while True:
                msg = await ws.receive()
                assert msg.type.name in ("TEXT", "BINARY"), (msg, received[-3:])
                if msg.type.name == "TEXT":
                    received.append(json.loads(msg.data))
                    last = received[-1]
                    if last["type"] == kind and context_id in (None, last.get("context_id")):
                        return

    await ws.send_json({"type": "start", "format": {"encoding": "opus"}})
    await until("ready")
    await ws.send_json({"type": "open", "context_id": "a"})
    await ws.send_json({"type": "text", "context_id": "a", "text": "Hello there. How are you?",
                        "flush": True, "flush_id": "f1"})  # fmt: skip
    await ws.send_json({"type": "end", "context_id": "a"})
    await ws.send_json({"type": "open", "context_id": "b", "voice": {"gender": "male"},
                        "sampling": {"seed": 7}})  # fmt: skip
    await ws.send_json({"type": "text", "context_id": "b", "text": "A second turn, cut off. " * 4,
                        "flush": True})  # fmt: skip
    await ws.send_json({"type": "ping", "id": 5})
    await ws.send_json({"type": "text", "context_id": "nobody", "text": "x"})
    await until("context_done", "a")
    await ws.send_json({"type": "cancel", "context_id": "b"})
    await until("cancelled", "b")
    await until("error")  # the idle timeout, fatal
    assert received[-1]["code"] == "idle_timeout" and received[-1]["close_code"] == 4408
    assert {m["type"] for m in received} == SERVER_TYPES
    assert {json.dumps(m): schema_errors(m) for m in received} == {
        json.dumps(m): [] for m in received}
    await ws.close()


async def test_an_unexpected_failure_tells_the_client_nothing_internal_and_the_session_goes_on(
    make_client: Any, runtime: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug's exception text (paths, tensor shapes) stays in the server log; the client gets
    synthesis_failed with a fixed reason, and the session serves its next context."""
    from protocol.messages import Gender

    from voice_server.failures import INTERNAL_REASON

    def broken(text: str, kind: Any, sampling: Any) -> int:
        raise RuntimeError("secret: /srv/models/Spark-TTS-0.5B/LLM shape [2, 1024]")

    with monkeypatch.context() as patch:
        patch.setattr(runtime.synthesizer, "token_budget", broken)
        session = await _connect(make_client, Start(voice=Voice(gender=Gender.FEMALE)))
        seen = await _one_context(session, "c", "This will fail.")
    assert [type(m) for m in seen] == [Opened, ErrorEvent, ContextDone]
    assert seen[1].code == "synthesis_failed" and seen[1].context_id == "c"
    assert INTERNAL_REASON in seen[1].message and "secret" not in seen[1].message
    seen = await _one_context(session, "d", "This one speaks.")
    assert seen[-1].status.value == "completed" and seen[-1].usage.audio_ms > 0
    await session.close()


async def test_a_failure_cutting_the_text_fails_its_context_and_the_session_goes_on(
    make_client: Any, runtime: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A defect in the segmenter (the list-number check once raised ValueError on "m ². Then")
    was raised from the message handler and ended the whole session with no event; now its
    context fails (synthesis_failed, context_done failed) and the session serves the next."""
    from protocol.messages import Gender

    from voice_server.failures import INTERNAL_REASON
    from voice_server.text.segmenter import Segmenter

    def broken(self: Segmenter, text: str) -> list[str]:
        raise ValueError("invalid literal for int() with base 10: '²'")

    session = await _connect(make_client, Start(voice=Voice(gender=Gender.FEMALE)))
    with monkeypatch.context() as patch:
        patch.setattr(Segmenter, "push", broken)
        seen = await _one_context(session, "c", "The area is 5 m ². Then more.")
    assert [type(m) for m in seen] == [Opened, ErrorEvent, ContextDone]
    assert seen[1].code == "synthesis_failed" and seen[1].context_id == "c"
    assert INTERNAL_REASON in seen[1].message and "literal" not in seen[1].message
    assert seen[-1].status.value == "failed"
    seen = await _one_context(session, "d", "This one speaks.")
    assert seen[-1].status.value == "completed" and seen[-1].usage.audio_ms > 0
    await session.close()


async def test_a_segment_without_speech_fails_its_context_without_segment_events(
    make_client: Any, runtime: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PROTOCOL.md 9.3: every segment has a frame; one the model gives no speech for (here a
    token budget that ends inside the style voice's prefix) fails its context instead."""
    from protocol.messages import Gender

    monkeypatch.setattr(runtime.synthesizer, "token_budget", lambda text, kind, sampling: 10)
    session = await _connect(make_client, Start(voice=Voice(gender=Gender.FEMALE)))
    seen = await _one_context(session, "c", "Nothing will be said.")
    assert [type(m) for m in seen] == [Opened, ErrorEvent, ContextDone]
    assert seen[1].code == "synthesis_failed" and seen[-1].status.value == "failed"
    await session.close()


async def _raw_session(client: Any) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """A started session over a bare socket, so that a test can send frames no client library
    would (RFC 6455 section 5): a masked client frame each."""
    import base64
    import os

    reader, writer = await asyncio.open_connection("127.0.0.1", client.port)
    key = base64.b64encode(os.urandom(16)).decode()
    writer.write((f"GET /v1/stream HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                  f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                  f"Sec-WebSocket-Version: 13\r\n\r\n").encode())  # fmt: skip
    assert b" 101 " in await reader.readuntil(b"\r\n\r\n")
    writer.write(_client_frame(0x1, b'{"type": "start"}'))
    opcode, payload = await _server_frame(reader)
    assert opcode == 0x1 and b'"ready"' in payload
    return reader, writer


def _client_frame(opcode: int, payload: bytes) -> bytes:
    """One final, masked client frame (payloads under 126 bytes only)."""
    import os

    assert len(payload) < 126
    mask = os.urandom(4)
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    return bytes((0x80 | opcode, 0x80 | len(payload))) + mask + masked


async def _server_frame(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    """The next frame the server sends (it never masks; short control and text frames)."""
    async with asyncio.timeout(10):
        first, second = await reader.readexactly(2)
        length = second & 0x7F
        if length == 126:
            length = int.from_bytes(await reader.readexactly(2), "big")
        elif length == 127:
            length = int.from_bytes(await reader.readexactly(8), "big")
        return first & 0x0F, await reader.readexactly(length)


@pytest.mark.parametrize(("body", "answer"), [
    ((1000).to_bytes(2, "big"), 1000),
    ((1001).to_bytes(2, "big") + b"bye", 1000),
    ((3000).to_bytes(2, "big"), 1000),
    ((4321).to_bytes(2, "big"), 1000),
    (b"", 1000),
    ((999).to_bytes(2, "big"), 1002),
    ((1005).to_bytes(2, "big"), 1002),
    ((1015).to_bytes(2, "big"), 1002),
    ((1006).to_bytes(2, "big"), 1002),
    ((2000).to_bytes(2, "big"), 1002),
    ((4999).to_bytes(2, "big"), 1000),
    ((5000).to_bytes(2, "big"), 1002),
    ((65535).to_bytes(2, "big"), 1002),
    (b"\x03", 1002),
    ((1000).to_bytes(2, "big") + b"\xff", 1007),
])  # fmt: skip
async def test_a_client_close_is_answered_as_protocol_md_section_4_says(
    make_client: Any, body: bytes, answer: int
) -> None:
    """PROTOCOL.md 4.5 said "any client close" gets 1000; a close frame RFC 6455 forbids is
    answered 1002 (1007 for a reason that is not UTF-8), and the text now says so."""
    reader, writer = await _raw_session(await make_client())
    writer.write(_client_frame(0x8, body))
    opcode, payload = await _server_frame(reader)
    assert opcode == 0x8 and int.from_bytes(payload[:2], "big") == answer
    writer.close()


async def test_a_penalty_the_engine_cannot_apply_is_refused_when_asked_for(
    make_client: Any, runtime: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An engine with the grammar in the model and vLLM's V1 runner (``engine.grammar``)
    cannot apply a repetition penalty: a context that asks for one gets ``invalid_field``
    at once, not a failed segment, and the session goes on."""
    monkeypatch.setattr(runtime.engine, "penalty_supported", False)
    session = await _connect(make_client)
    await session.open("penalised", sampling=Sampling(repetition_penalty=1.3))
    seen = await _until(session, lambda m: isinstance(m, ErrorEvent))
    assert (seen[-1].code, seen[-1].fatal) == ("invalid_field", False)
    assert "repetition_penalty" in seen[-1].message
    monkeypatch.setattr(runtime.engine, "penalty_supported", True)
    await session.open("penalised", sampling=Sampling(repetition_penalty=1.3))
    await _until(session, lambda m: isinstance(m, Opened))
    await session.close()
