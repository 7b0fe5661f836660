"""WebRTC calls end to end: real aiortc peer on loopback, real server, real vLLM (CPU), tiny model.

The server and the peer share this process, so the server's track (its tick times and the
contexts each frame carried) and the peer's recorder (arrival times, RTP-derived pts) are
compared on one monotonic clock.
"""

from __future__ import annotations

import asyncio
import gc
import threading
import time
import weakref
from typing import Any

import aiohttp
import numpy as np
import pytest
from aiortc import RTCPeerConnection

from protocol.messages import (
    Cancel, Cancelled, ContextDone, End, ErrorEvent, Open, Opened, Ping, Pong, Ready,
    Sampling, SegmentDone, SegmentStart, Start, Text, Voice,
)  # fmt: skip
from tests.conftest import TIMEOUT_UNIT
from voice_server.app import REGISTRY
from voice_server.transport.audio_track import Tick
from voice_server.transport.ice import gather_on, rtc_configuration
from voice_server.transport.webrtc import CALLS, Call
from voice_server.webrtc_client import WebRTCCall

pytestmark = pytest.mark.engine

LOOPBACK = {"host_addresses": "127.0.0.1"}
TAIL_PEAK = 328  # -40 dBFS
FRAME = 960
FRAME_S = 0.02
LONG_TEXT = "This sentence is long enough to keep the model talking for a while. " * 3


async def _server(make_client: Any, **sections: Any) -> Any:
    webrtc = {**LOOPBACK, **sections.pop("webrtc", {})}
    return await make_client(webrtc=webrtc, **sections)


async def _place(client: Any) -> WebRTCCall:
    return await WebRTCCall.place(str(client.make_url("/")), host_addresses=["127.0.0.1"],
                                  http=client.session, timeout_s=20 * TIMEOUT_UNIT)  # fmt: skip


async def _started(client: Any, start: Start | None = None) -> WebRTCCall:
    call = await _place(client)
    call.send(start or Start())
    ready = await call.receive(10 * TIMEOUT_UNIT)
    assert isinstance(ready, Ready), ready
    return call


def _server_call(client: Any) -> Call:
    calls = client.server.app[CALLS]
    assert len(calls) == 1
    call: Call = next(iter(calls._calls.values()))
    return call


def _observe(call: Call) -> list[tuple[float, Tick, tuple[str, ...]]]:
    ticks: list[tuple[float, Tick, tuple[str, ...]]] = []
    call.track.on_frame = lambda tick, contexts: ticks.append((time.monotonic(), tick, contexts))
    return ticks


async def _settle(predicate: Any, timeout_s: float = 5.0) -> None:
    async with asyncio.timeout(timeout_s * TIMEOUT_UNIT):
        while not predicate():
            await asyncio.sleep(0.02)


def _leftover_tasks() -> list[str]:
    names = [t.get_name() for t in asyncio.all_tasks() if not t.done()]
    return [n for n in names if n.startswith(("webrtc-", "session-"))]


# --- signalling ---------------------------------------------------------------------------


async def test_an_offer_gets_201_with_an_sdp_answer_and_a_location(make_client: Any) -> None:
    client = await _server(make_client)
    pc = RTCPeerConnection(rtc_configuration(()))
    pc.addTransceiver("audio", direction="recvonly")
    pc.createDataChannel("control")
    with gather_on(["127.0.0.1"]):
        await pc.setLocalDescription(await pc.createOffer())
    response = await client.post("/v1/webrtc", data=pc.localDescription.sdp,
                                 headers={"Content-Type": "application/sdp"})  # fmt: skip
    answer = await response.text()
    assert response.status == 201
    assert response.headers["Content-Type"] == "application/sdp"  # exactly: no charset
    location = response.headers["Location"]
    assert location.startswith("/v1/webrtc/") and len(location) > len("/v1/webrtc/") + 20
    assert "a=sendonly" in answer and "a=candidate:" in answer and "127.0.0.1" in answer
    assert (await client.delete(location)).status == 200
    assert (await client.delete(location)).status == 404
    await pc.close()


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        ("v=0\r\n", "text/plain", 415),
        ("x" * 20_000, "application/sdp", 413),
        ("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n", "application/sdp", 400),
        ("hello world", "application/sdp", 400),
        ("", "application/sdp", 400),
        (b"v=0\xff\xfe", "application/sdp", 400),
    ],
)
async def test_bad_offers_are_refused_with_the_rfc_9725_status(
    make_client: Any, body: str | bytes, content_type: str, status: int
) -> None:
    client = await _server(make_client)
    response = await client.post("/v1/webrtc", data=body, headers={"Content-Type": content_type})
    assert response.status == status
    assert (await response.json())["error"]["code"]
    assert len(client.server.app[CALLS]) == 0 and len(client.server.app[REGISTRY]) == 0


async def test_an_offer_without_a_data_channel_is_unprocessable(make_client: Any) -> None:
    client = await _server(make_client)
    pc = RTCPeerConnection(rtc_configuration(()))
    pc.addTransceiver("audio", direction="recvonly")
    with gather_on(["127.0.0.1"]):
        await pc.setLocalDescription(await pc.createOffer())
    response = await client.post("/v1/webrtc", data=pc.localDescription.sdp,
                                 headers={"Content-Type": "application/sdp"})  # fmt: skip
    assert response.status == 422
    assert "data channel" in (await response.json())["error"]["message"]
    await pc.close()


async def test_no_free_call_slot_gives_503_with_retry_after(make_client: Any) -> None:
    client = await _server(make_client, webrtc={"max_calls": 0})
    with pytest.raises(Exception, match="503"):
        await _place(client)
    response = await client.options("/v1/webrtc")
    assert response.headers["Accept-Post"] == "application/sdp"


async def test_offers_need_credentials_when_auth_is_on(make_client: Any) -> None:
    from voice_server.webrtc_client import CallFailed

    client = await _server(make_client, auth={"enabled": True, "api_keys": "k-123"})
    with pytest.raises(CallFailed, match="401"):
        await _place(client)
    call = await WebRTCCall.place(str(client.make_url("/")), host_addresses=["127.0.0.1"],
                                  http=client.session, headers={"Authorization": "Bearer k-123"})
    call.send(Start())
    assert isinstance(await call.receive(10 * TIMEOUT_UNIT), Ready)
    await call.close()
    assert len(client.server.app[CALLS]) == 0


async def test_a_call_that_never_connects_is_closed_after_the_connect_timeout(
    make_client: Any,
) -> None:
    client = await _server(make_client, webrtc={"connect_timeout_s": 0.5})
    pc = RTCPeerConnection(rtc_configuration(()))
    pc.addTransceiver("audio", direction="recvonly")
    pc.createDataChannel("control")
    with gather_on(["127.0.0.1"]):
        await pc.setLocalDescription(await pc.createOffer())
    response = await client.post("/v1/webrtc", data=pc.localDescription.sdp,
                                 headers={"Content-Type": "application/sdp"})  # fmt: skip
    assert response.status == 201  # the answer is never applied: no connection can form
    app = client.server.app
    assert len(app[CALLS]) == 1
    await _settle(lambda: len(app[CALLS]) == 0 and len(app[REGISTRY]) == 0)
    await pc.close()


# --- the session over the data channel ----------------------------------------------------


async def test_the_data_channel_speaks_the_websocket_protocol(make_client: Any) -> None:
    client = await _server(make_client)
    call = await _place(client)
    call.send_raw("{not json")
    error = await call.receive(10 * TIMEOUT_UNIT)
    assert isinstance(error, ErrorEvent) and error.code == "invalid_json" and not error.fatal
    call.send(Start())
    ready = await call.receive(10 * TIMEOUT_UNIT)
    assert isinstance(ready, Ready)
    assert (ready.format.encoding, ready.format.sample_rate, ready.lead_ms) == ("pcm16", 48000, 40)
    call.send(Ping(id="p-1"))
    pong = await call.receive(5 * TIMEOUT_UNIT)
    assert isinstance(pong, Pong) and pong.id == "p-1"
    call.send(Text(context_id="nope", text="hi"))
    error = await call.receive(5 * TIMEOUT_UNIT)
    assert isinstance(error, ErrorEvent) and error.code == "unknown_context"
    await call.close()


async def test_webrtc_sessions_count_in_the_metrics_like_websocket_ones(make_client: Any) -> None:
    from voice_server.metrics import METRICS

    client = await _server(make_client)
    registry = client.server.app[METRICS].registry

    def value(name: str, labels: dict[str, str] | None = None) -> float:
        return registry.get_sample_value(name, labels or {}) or 0.0

    frames, cancels = value("voice_server_frames_sent_total"), value("voice_server_cancels_total")
    errors = value("voice_server_errors_total", {"code": "unknown_context"})
    call = await _started(client)
    call.send(Open(context_id="c1"))
    call.send(Text(context_id="c1", text="Hello there. This is a short test of the track.",
                   flush=True))  # fmt: skip
    await call.receive_until(SegmentStart, 60 * TIMEOUT_UNIT)  # now its audio is on the track
    await _settle(lambda: value("voice_server_frames_sent_total") > frames, 30)
    call.send(Cancel(context_id="c1"))
    await call.receive_until(Cancelled, 10 * TIMEOUT_UNIT)
    call.send(Text(context_id="gone", text="hi"))
    await call.receive_until(ErrorEvent, 10 * TIMEOUT_UNIT)
    assert value("voice_server_cancels_total") == cancels + 1
    assert value("voice_server_errors_total", {"code": "unknown_context"}) == errors + 1
    await call.close()


async def test_a_refused_start_is_fatal_and_ends_the_call(make_client: Any) -> None:
    client = await _server(make_client)
    call = await _place(client)
    call.send(Start(voice=Voice(speaker="no-such-voice")))
    error = await call.receive(10 * TIMEOUT_UNIT)
    assert isinstance(error, ErrorEvent) and error.code == "unknown_speaker"
    assert error.fatal and error.close_code == 4400
    app = client.server.app
    await _settle(lambda: len(app[CALLS]) == 0 and len(app[REGISTRY]) == 0)
    await _settle(lambda: call.pc.connectionState == "closed")
    await call.close()


async def test_speech_on_the_track_lasts_as_long_as_the_tokens_generated(
    make_client: Any,
) -> None:
    client = await _server(make_client)
    call = await _started(client)
    server = _server_call(client)
    ticks = _observe(server)
    call.send(Open(context_id="c1"))
    call.send(Text(context_id="c1", text="Hello there. This is a short test of the track."))
    call.send(End(context_id="c1"))
    seen = await call.receive_until(ContextDone, 120 * TIMEOUT_UNIT)
    assert isinstance(seen[0], Opened)
    tokens = sum(x.semantic_tokens for x in seen if isinstance(x, SegmentDone))
    assert tokens > 0
    await asyncio.sleep(0.3)  # the last frames play out and cross the receiver's jitter buffer
    assert call.recorder is not None
    expected_s = tokens * FRAME_S
    speech_ticks = sum(1 for _, _, contexts in ticks if "c1" in contexts)
    assert speech_ticks * FRAME_S == pytest.approx(expected_s, abs=1e-9)  # the server side
    heard_s = len(call.recorder.audible_frames()) * FRAME_S
    tolerance = FRAME_S + ready_lead_s(server)
    assert abs(heard_s - expected_s) <= tolerance, (heard_s, expected_s, server.track.stats)
    await call.close()


def ready_lead_s(server: Call) -> float:
    return server.handler.lead_ms / 1000.0


async def test_frames_arrive_every_20_ms_with_continuous_timestamps(make_client: Any) -> None:
    client = await _server(make_client)
    call = await _started(client, Start(sampling=Sampling(max_tokens=150)))
    server = _server_call(client)
    call.send(Open(context_id="c1"))
    call.send(Text(context_id="c1", text=LONG_TEXT))
    call.send(End(context_id="c1"))
    await call.receive_until(ContextDone, 120 * TIMEOUT_UNIT)
    await asyncio.sleep(0.3)
    assert call.recorder is not None
    frames = call.recorder.frames[5:]  # skip the receiver's start-up
    assert len(frames) > 100
    assert set(np.diff([f.pts for f in frames]).tolist()) == {FRAME}  # no hole, no jump
    intervals_ms = np.diff([f.arrival for f in frames]) * 1000.0
    jitter = np.abs(intervals_ms - 20.0)
    lateness = server.track.schedule.lateness
    print(f"\nWebRTC cadence over {len(frames)} frames: arrival interval median "
          f"{np.median(intervals_ms):.2f} ms, mean |dev| {jitter.mean():.2f} ms, p95 |dev| "
          f"{np.percentile(jitter, 95):.2f} ms, max |dev| {jitter.max():.2f} ms; server track "
          f"lateness p50 {lateness.percentile_ms(0.5):.0f} ms, p99 "
          f"{lateness.percentile_ms(0.99):.0f} ms, max {lateness.max_s * 1000:.1f} ms, "
          f"{lateness.late_frames} frames >20 ms late, {server.track.stats}")  # fmt: skip
    # Real time, no drift: the arrival span matches the media span, except for what event-loop
    # stalls (a loaded 2-core machine) shifted the schedule by; the track bounds that.
    span = frames[-1].arrival - frames[0].arrival
    shifted = lateness.max_s * (1 + server.track.schedule.reanchors)
    assert abs(span - (len(frames) - 1) * FRAME_S) <= 0.02 * len(frames) * FRAME_S + shifted
    assert float(np.median(intervals_ms)) == pytest.approx(20.0, abs=2.0)
    await call.close()


async def test_cancel_leaves_no_audible_audio_after_the_acknowledgement(make_client: Any) -> None:
    client = await _server(make_client)
    call = await _started(client)
    server = _server_call(client)
    ticks = _observe(server)
    call.send(Open(context_id="c1"))
    call.send(Text(context_id="c1", text=LONG_TEXT, flush=True))
    assert call.recorder is not None
    recorder = call.recorder
    await _settle(lambda: len(recorder.audible_frames()) >= 10, 120)
    call.send(Cancel(context_id="c1"))
    seen = await call.receive_until(Cancelled, 10 * TIMEOUT_UNIT)
    acked_at = time.monotonic()
    ack = seen[-1]
    assert isinstance(ack, Cancelled)
    await asyncio.sleep(0.5)
    c1 = [(at, tick) for at, tick, contexts in ticks if "c1" in contexts]
    assert c1 and all(at < acked_at for at, _ in c1)  # the server: nothing after the ack
    assert ack.frames == len(c1)  # what reached the track, the dropped queue not counted
    assert ack.audio_ms == pytest.approx(len(c1) * 20.0)
    last_pts = c1[-1][1].pts
    # the peer: no sound later on the media clock than the last frame, plus one frame of Opus
    # look-ahead and resampler delay. "Sound" here is above -40 dBFS: an abrupt stop leaves a
    # codec tail around -50 dBFS that can ring a few frames on (seen under load), while the
    # model's audio peaks in the thousands.
    late = [f for f in recorder.audible_frames(after_pts=last_pts + 2 * FRAME)
            if int(np.abs(f.samples.astype(np.int32)).max()) > TAIL_PEAK]  # fmt: skip
    assert late == [], [(f.pts, int(np.abs(f.samples.astype(np.int32)).max())) for f in late[:5]]
    assert len(recorder.frames) > 0 and recorder.frames[-1].pts > last_pts + 10 * FRAME
    await call.close()


# --- ending calls -------------------------------------------------------------------------


async def test_delete_ends_the_call_and_frees_everything(make_client: Any, runtime: Any) -> None:
    client = await _server(make_client)
    call = await _started(client)
    call.send(Open(context_id="c1"))
    call.send(Text(context_id="c1", text=LONG_TEXT, flush=True))
    assert call.recorder is not None
    recorder = call.recorder
    await _settle(lambda: len(recorder.audible_frames()) >= 1, 120)
    server = _server_call(client)
    assert call.location is not None
    response = await client.session.delete(call.location)
    assert response.status == 200
    app = client.server.app
    assert len(app[CALLS]) == 0 and len(app[REGISTRY]) == 0
    assert server.pc.connectionState == "closed" and server.track.readyState == "ended"
    assert server.session.closing
    await _settle(lambda: call.pc.connectionState == "closed")  # the peer saw DTLS close
    await _settle(lambda: runtime.engine.unfinished_requests == 0)
    assert _leftover_tasks() == []
    await call.close()


async def test_the_peer_closing_its_connection_ends_the_call(make_client: Any) -> None:
    client = await _server(make_client)
    call = await _started(client)
    call.location = None  # no DELETE: just drop the connection
    await call.close()
    app = client.server.app
    await _settle(lambda: len(app[CALLS]) == 0 and len(app[REGISTRY]) == 0)
    assert _leftover_tasks() == []


async def test_a_string_message_that_is_not_utf8_ends_its_own_call_and_no_other(
    make_client: Any,
) -> None:
    """The WebRTC stack decodes a string message before the server sees it; invalid UTF-8
    breaks that call's transport (PROTOCOL section 12.2), and the call is ended and freed
    while a call beside it goes on."""
    client = await _server(make_client)
    bystander = await _started(client)
    hostile = await _started(client)
    app = client.server.app
    assert len(app[CALLS]) == 2
    webrtc_string = 51  # the data channel's payload protocol id for a string (RFC 8831)
    await hostile.pc.sctp._send(hostile.channel.id, webrtc_string, b'{"type":"\xff"}')
    await _settle(lambda: len(app[CALLS]) == 1 and len(app[REGISTRY]) == 1, 30)
    bystander.send(Ping(id="still-here"))
    pong = await bystander.receive(10 * TIMEOUT_UNIT)
    assert isinstance(pong, Pong) and pong.id == "still-here"
    hostile.location = None
    await hostile.close()
    await bystander.close()


async def test_server_shutdown_ends_live_calls_with_shutting_down(make_client: Any) -> None:
    client = await _server(make_client, http={"shutdown_grace_s": 0.1})
    call = await _started(client)
    await client.server.app.shutdown()
    error = await call.receive(5 * TIMEOUT_UNIT)
    assert isinstance(error, ErrorEvent) and error.code == "shutting_down" and error.fatal
    assert len(client.server.app[CALLS]) == 0
    await _settle(lambda: call.pc.connectionState == "closed")
    await call.close()


async def test_fifty_calls_in_a_row_leave_no_connection_task_or_request_behind(
    make_client: Any, runtime: Any
) -> None:
    client = await _server(make_client)
    app = client.server.app
    server_pcs: list[weakref.ref[RTCPeerConnection]] = []
    threads_before = threading.active_count()
    for i in range(50):
        call = await _started(client)
        server_pcs.append(weakref.ref(_server_call(client).pc))
        if i % 5 == 0:  # every fifth call hangs up in the middle of generating speech
            call.send(Open(context_id="c"))
            call.send(Text(context_id="c", text="Hang up while I am talking.", flush=True))
            assert call.recorder is not None
            recorder = call.recorder
            await _settle(lambda: bool(recorder.audible_frames()), 120)
        await call.close()
    await _settle(lambda: len(app[CALLS]) == 0 and len(app[REGISTRY]) == 0)
    await _settle(lambda: runtime.engine.unfinished_requests == 0)
    assert _leftover_tasks() == []
    gc.collect()
    assert [ref for ref in server_pcs if ref() is not None] == []
    assert threading.active_count() <= threads_before + 4  # aiortc's decoder threads wind down


# --- the client command --------------------------------------------------------------------


async def test_the_client_command_places_a_call_and_reports_the_same_json(
    make_client: Any, tmp_path: Any
) -> None:
    import argparse
    import json
    import wave

    from voice_server import client_command, webrtc_client

    client = await _server(make_client)
    parser = argparse.ArgumentParser()
    client_command.add_arguments(parser)
    out = tmp_path / "call.wav"
    args = parser.parse_args([
        "--server", str(client.make_url("/")), "--transport", "webrtc", "--host-addresses",
        "127.0.0.1", "--text", "Hello from a terminal over WebRTC.", "--words-per-second", "40",
        "--linger-ms", "300", "-o", str(out),
    ])  # fmt: skip
    start, text = client_command.build_start(args), client_command.read_text(args)
    report = await webrtc_client.stream_text_webrtc(args, start, text)
    data = json.loads(report.to_json())
    assert data["status"] == "completed", data
    assert data["format"] == {"encoding": "opus", "sample_rate": 48000, "frame_ms": 20}
    assert data["audio_ms"] > 0 and data["frames"] * 20 == data["audio_ms"]
    assert data["ttfa_from_first_text_ms"] > 0 and data["flushes_acknowledged"] >= 1
    with wave.open(str(out)) as wav:
        assert (wav.getframerate(), wav.getnchannels()) == (48000, 1)
        assert wav.getnframes() == data["frames"] * FRAME
    assert len(client.server.app[CALLS]) == 0  # the command hung up


async def test_the_client_command_reports_no_audio_after_a_cancel(make_client: Any) -> None:
    import argparse
    import json

    from voice_server import client_command, webrtc_client

    client = await _server(make_client)
    parser = argparse.ArgumentParser()
    client_command.add_arguments(parser)
    args = parser.parse_args([
        "--server", str(client.make_url("/")), "--transport", "webrtc", "--host-addresses",
        "127.0.0.1", "--text", LONG_TEXT, "--words-per-second", "100", "--cancel-after-ms",
        "1500", "--linger-ms", "500",
    ])  # fmt: skip
    start, text = client_command.build_start(args), client_command.read_text(args)
    report = await webrtc_client.stream_text_webrtc(args, start, text)
    data = json.loads(report.to_json())
    assert data["status"] == "cancelled", data
    assert data["cancel"]["acknowledged"] and data["cancel"]["frames_after_ack"] == 0, data
