"""The calling side of a WebRTC call: an aiortc peer that talks to a voice server.

Used by ``voice-server client --transport webrtc`` to check a deployment's WebRTC path from a
terminal, and by the tests and the benchmark as the real remote peer.

Theory of operation
-------------------
1. The peer offers a receive-only audio transceiver and a ``control`` data channel (created
   here, the offerer, so the server learns of it from the offer), gathers its candidates and
   POSTs the offer as ``application/sdp`` to ``/v1/webrtc`` (WHIP/WHEP style, RFC 9725). The
   ``201 Created`` carries the answer and, in ``Location``, the URL that ends the call.
2. Once the connection is up and the channel open, protocol messages go both ways on the
   channel as JSON text, exactly as on the WebSocket.
3. The received track is read from the moment it appears until it ends: aiortc decodes each
   Opus packet to 20 ms of s16 stereo at 48 kHz, and a receiver that is not read piles frames
   up in memory. The recorder keeps one channel of each frame with its ``pts`` (the RTP
   timestamp relative to the first packet, so the server's media clock) and its arrival time.
4. ``close`` sends ``DELETE`` to the call's URL, then closes the peer connection.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any
from urllib.parse import urljoin

import aiohttp
import av
import numpy as np
import numpy.typing as npt
from aiortc import MediaStreamTrack, RTCDataChannel, RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import MediaStreamError

from protocol.codec import parse_server_message, serialize
from protocol.errors import ProtocolError
from protocol.messages import (
    Cancel, Cancelled, ClientMessage, ContextDone, End, ErrorEvent, Flush, FlushDone, Open,
    Ready, ServerMessage, Text,
)  # fmt: skip
from voice_server.transport.ice import gather_on, rtc_configuration
from voice_server.transport.webrtc_config import (
    WEBRTC_PATH,
    IceServer,
    parse_host_addresses,
    parse_ice_servers,
)

SAMPLE_RATE = 48_000
AUDIBLE = 64
"""Peak magnitude (int16) above which a frame counts as sound: -54 dBFS. Opus decodes digital
silence to exact zeros or a few LSBs, speech peaks far above this."""
SPILL_SAMPLES = 480
"""10 ms at 48 kHz. Opus encodes with 6.5 ms of look-ahead, so the first silent frame after
speech (one the track filled in while the server was late) decodes with the speech's last
milliseconds at its start and silence after: sound, but not a frame of the context."""
SPILL_DECAY = 8
"""After loud sound stops, libopus's decoder also rings on for whole frames, each far quieter
than the one before: noise at -9 dBFS peak, then silence, decoded to frames peaking at -24,
-50 and -53 dBFS (2166, 105, 72 of int16), the first two audible over all 20 ms. A frame at
most 1/8 as loud as the audible frame before it is taken for that ringing."""


class CallFailed(Exception):
    """The call could not be placed: HTTP refusal, no connection, or no data channel."""


@dataclass(frozen=True)
class ReceivedFrame:
    """One decoded 20 ms frame of the received track.

    Attributes:
        pts: first sample's position on the sender's media clock (48 kHz samples).
        arrival: monotonic time the frame came out of aiortc's jitter buffer and decoder.
        samples: int16 mono samples.
    """

    pts: int
    arrival: float
    samples: npt.NDArray[np.int16]

    @property
    def audible(self) -> bool:
        return self.peak > AUDIBLE

    @functools.cached_property
    def peak(self) -> int:
        """Largest swing from the frame's mean. The mean is left out: after loud sound stops the
        Opus decoder's output can drift back to zero over several frames (-132 to -92 within one
        20 ms frame), a slope far below hearing that a plain peak would count as sound."""
        return _swing(self.samples)

    @property
    def spill(self) -> bool:
        """Sound only in its first ``SPILL_SAMPLES``: the codec's carry-over into a silent frame."""
        return self.audible and _swing(self.samples[SPILL_SAMPLES:]) <= AUDIBLE


def _swing(samples: npt.NDArray[np.int16]) -> int:
    if samples.size == 0:
        return 0
    centred = samples.astype(np.float64) - float(samples.mean())
    return int(np.abs(centred).max())


def spill_flags(frames: Sequence[ReceivedFrame]) -> list[bool]:
    """Per frame, in media-clock order: is its sound the codec's carry-over from the frame
    before rather than audio the server sent? Either the look-ahead's few milliseconds at its
    start (``ReceivedFrame.spill``) or the decoder's ringing, at most 1/``SPILL_DECAY`` as loud
    as the audible frame before it. A context frame that quiet after a loud one is taken for
    ringing too: the error makes a count of frames after a cancel smaller, never larger."""
    flags = []
    for index, frame in enumerate(frames):
        before = frames[index - 1] if index else None
        ringing = (frame.audible and before is not None and before.audible
                   and frame.peak * SPILL_DECAY <= before.peak)  # fmt: skip
        flags.append(frame.spill or ringing)
    return flags


class TrackRecorder:
    """Reads a received audio track until it ends, keeping every frame (see module doc)."""

    def __init__(self, track: MediaStreamTrack) -> None:
        self.frames: list[ReceivedFrame] = []
        self._track = track
        self.task = asyncio.create_task(self._read(), name="webrtc-client-recorder")

    async def _read(self) -> None:
        while True:
            try:
                frame = await self._track.recv()
            except MediaStreamError:
                return
            if not isinstance(frame, av.AudioFrame) or frame.pts is None:
                continue
            data = frame.to_ndarray()  # packed s16: (1, samples * channels)
            channels = len(frame.layout.channels)
            mono = np.ascontiguousarray(data.reshape(-1)[::channels], dtype=np.int16)
            self.frames.append(ReceivedFrame(int(frame.pts), time.monotonic(), mono))

    async def stop(self) -> None:
        self.task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.task

    def audio(self) -> npt.NDArray[np.int16]:
        """All received audio in media-clock order, lost frames filled with silence."""
        if not self.frames:
            return np.zeros(0, dtype=np.int16)
        first = self.frames[0].pts
        end = max(f.pts + f.samples.size for f in self.frames) - first
        out = np.zeros(end, dtype=np.int16)
        for f in self.frames:
            out[f.pts - first : f.pts - first + f.samples.size] = f.samples
        return out

    def audible_frames(self, after_pts: int | None = None) -> list[ReceivedFrame]:
        """Frames holding sound, optionally only those starting at or after ``after_pts``."""
        return [f for f in self.frames if f.audible and (after_pts is None or f.pts >= after_pts)]


class WebRTCCall:
    """One call from this process to a voice server (see the module docstring).

    Use ``await WebRTCCall.place(server_url)``, or ``async with`` on the result.
    """

    def __init__(self, pc: RTCPeerConnection, channel: RTCDataChannel) -> None:
        self.pc = pc
        self.channel = channel
        self.location: str | None = None
        self.recorder: TrackRecorder | None = None
        self._http: aiohttp.ClientSession | None = None
        self._own_http = False
        self._inbox: asyncio.Queue[str | None] = asyncio.Queue()
        self._open = asyncio.Event()
        self._track_seen = asyncio.Event()
        self.channel.on("open", self._open.set)
        self.channel.on("message", self._on_message)
        self.channel.on("close", lambda: self._inbox.put_nowait(None))
        self.pc.on("track", self._on_track)

    @classmethod
    async def place(
        cls,
        server_url: str,
        *,
        ice_servers: Sequence[IceServer] = (),
        host_addresses: Sequence[str] = (),
        headers: dict[str, str] | None = None,
        http: aiohttp.ClientSession | None = None,
        timeout_s: float = 15.0,
    ) -> WebRTCCall:
        """Offer, get the answer, and wait until media and the control channel are up.

        Args:
            server_url: ``http(s)://host:port`` of the server (the path is added), or the full
                URL of its WebRTC endpoint.
            ice_servers: STUN/TURN servers for this peer; none means host candidates only.
            host_addresses: local addresses to gather on (``["127.0.0.1"]`` on loopback).
            headers: extra request headers (``Authorization: Bearer ...``).
            http: an aiohttp session to use (a test client's); one is made otherwise.
            timeout_s: how long the whole setup may take.

        Raises:
            CallFailed: the server refused the offer, or the call did not come up in time.
        """
        pc = RTCPeerConnection(rtc_configuration(ice_servers))
        pc.addTransceiver("audio", direction="recvonly")
        call = cls(pc, pc.createDataChannel("control"))
        call._http, call._own_http = http or aiohttp.ClientSession(), http is None
        try:
            async with asyncio.timeout(timeout_s):
                await call._negotiate(_endpoint(server_url), host_addresses, headers or {})
                await call._open.wait()
                await call._track_seen.wait()
        except BaseException as exc:
            await call.close()
            if isinstance(exc, TimeoutError):
                raise CallFailed(f"the call did not come up within {timeout_s} s "
                                 f"(connection {pc.connectionState})") from exc  # fmt: skip
            raise
        return call

    async def _negotiate(
        self, endpoint: str, host_addresses: Sequence[str], headers: dict[str, str]
    ) -> None:
        with gather_on(host_addresses):
            await self.pc.setLocalDescription(await self.pc.createOffer())
        assert self._http is not None
        headers = {**headers, "Content-Type": "application/sdp"}
        async with self._http.post(endpoint, data=self.pc.localDescription.sdp,
                                   headers=headers) as response:  # fmt: skip
            body = await response.text()
            if response.status != 201:
                raise CallFailed(f"offer refused: HTTP {response.status}: {body[:500]}")
            self.location = urljoin(endpoint, response.headers.get("Location", ""))
        await self.pc.setRemoteDescription(RTCSessionDescription(body, "answer"))

    def _on_message(self, message: str | bytes) -> None:
        if isinstance(message, str):
            self._inbox.put_nowait(message)

    def _on_track(self, track: MediaStreamTrack) -> None:
        if track.kind == "audio" and self.recorder is None:
            self.recorder = TrackRecorder(track)
            self._track_seen.set()

    # --- messages -------------------------------------------------------------------------

    def send(self, message: ClientMessage) -> None:
        """Send one protocol message on the control channel."""
        self.channel.send(serialize(message).decode())

    def send_raw(self, text: str) -> None:
        """Send arbitrary text (tests of the server's error handling)."""
        self.channel.send(text)

    async def receive(self, timeout_s: float | None = None) -> ServerMessage:
        """The next server message.

        Raises:
            ConnectionError: the channel closed.
            TimeoutError: nothing arrived within ``timeout_s``.
            protocol.errors.ProtocolError: the server sent something that does not parse.
        """
        async with asyncio.timeout(timeout_s):
            text = await self._inbox.get()
        if text is None:
            self._inbox.put_nowait(None)  # stays closed for later calls
            raise ConnectionError("the control channel closed")
        return parse_server_message(text)

    async def receive_until(self, kind: type[Any], timeout_s: float) -> list[ServerMessage]:
        """Messages up to and including the first of type ``kind``."""
        seen: list[ServerMessage] = []
        async with asyncio.timeout(timeout_s):
            while True:
                message = await self.receive()
                seen.append(message)
                if isinstance(message, kind):
                    return seen

    # --- teardown -------------------------------------------------------------------------

    async def close(self) -> None:
        """End the call: ``DELETE`` its URL (best effort), close the peer connection. Idempotent."""
        if self.location is not None and self._http is not None:
            location, self.location = self.location, None
            with contextlib.suppress(aiohttp.ClientError, TimeoutError):
                async with self._http.delete(location, timeout=aiohttp.ClientTimeout(total=5)):
                    pass
        await self.pc.close()
        if self.recorder is not None:
            await self.recorder.stop()
        if self._own_http and self._http is not None:
            await self._http.close()
            self._http = None

    async def __aenter__(self) -> WebRTCCall:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()


def _endpoint(server_url: str) -> str:
    """The offer URL for a server address: the documented path unless one is given."""
    if server_url.rstrip("/").endswith(WEBRTC_PATH):
        return server_url.rstrip("/")
    return server_url.rstrip("/") + WEBRTC_PATH


# --- ``voice-server client --transport webrtc`` -----------------------------------------------

PLAYOUT_BUFFER_S = 0.02
"""Playout buffer of the listener model behind ``late_frames`` (one frame)."""
CODEC_DELAY_FRAMES = 2
"""Frames of Opus look-ahead and resampler delay allowed after a context's last frame."""


def speech_span(frames: Sequence[ReceivedFrame]) -> list[ReceivedFrame]:
    """The frames from the first audible one to the last audible one (the context's audio;
    the track carries silence before and after it)."""
    audible = [i for i, f in enumerate(frames) if f.audible]
    return list(frames[audible[0] : audible[-1] + 1]) if audible else []


def late_frames(
    frames: Sequence[ReceivedFrame], buffer_s: float = PLAYOUT_BUFFER_S
) -> tuple[int, float]:
    """Frames that arrive after a listener would have played them, and the silence heard.

    The listener starts playing ``buffer_s`` after the first frame arrives and then follows the
    media clock; a late frame restarts playback ``buffer_s`` after its arrival.

    Returns:
        (late frames, seconds of playback stalled waiting for them)
    """
    late, stalled, anchor = 0, 0.0, None
    for frame in frames:
        position = frame.pts / SAMPLE_RATE
        if anchor is not None and frame.arrival <= anchor + position:
            continue
        if anchor is not None:
            late += 1
            stalled += frame.arrival + buffer_s - (anchor + position)
        anchor = frame.arrival + buffer_s - position
    return late, stalled


async def stream_text_webrtc(args: argparse.Namespace, start: ClientMessage, text: str) -> Any:
    """``voice-server client --transport webrtc``: one context over a WebRTC call.

    The same run as the WebSocket client (words at ``--words-per-second``, flush and end, or a
    cancel at ``--cancel-after-ms``) and the same ``Report``, with these WebRTC meanings:

    * audio is the received track from the first to the last audible frame (the track carries
      silence around it); ``format`` is what crossed the network (Opus, 48 kHz, 20 ms) and the
      WAV holds the decoded audio at 48 kHz;
    * ``late_frames``/``stall_ms``: frames that arrived after a listener with a 20 ms playout
      buffer (after aiortc's own jitter buffer) would have played them;
    * ``frames_after_ack``: audible frames after the cancelled context's last one, which is
      its ``cancelled.frames``-th audible frame (plus two frames of codec delay), in media-clock
      order; silence the track inserted while the server was late does not count, nor does a
      frame whose only sound is the codec's spill into its first milliseconds (``spill``). Arrival
      times cannot tell: the receiver's jitter buffer still releases audio sent before the
      acknowledgement after it arrives.

    Returns:
        ``voice_server.client_command.Report``.
    """
    from voice_server.client_command import Report, split_words, write_wav

    words = split_words(text)
    report = Report(_endpoint(args.server), args.context_id, len(words), args.words_per_second)
    report.format = {"encoding": "opus", "sample_rate": SAMPLE_RATE, "frame_ms": 20}
    report.sample_rate = SAMPLE_RATE
    headers = {"Authorization": f"Bearer {args.token}"} if args.token else None
    call: WebRTCCall | None = None
    try:
        async with asyncio.timeout(args.timeout):
            call = await WebRTCCall.place(
                args.server, ice_servers=parse_ice_servers(getattr(args, "ice_servers", "")),
                host_addresses=parse_host_addresses(getattr(args, "host_addresses", "")),
                headers=headers,
            )  # fmt: skip
            async with call:
                await _run_call(call, args, start, words, report)
    except ProtocolError as exc:
        report.status = "error"
        report.errors.append(ErrorEvent.from_error(exc))
    except TimeoutError:
        report.status = "timeout"
    except (CallFailed, ConnectionError, OSError, aiohttp.ClientError) as exc:
        report.status, report.detail = "connection_failed", f"{type(exc).__name__}: {exc}"
    if call is not None and call.recorder is not None:
        span = _account_audio(call.recorder.frames, report)
        if args.output is not None and span:
            write_wav(args.output, np.concatenate([f.samples for f in span]), SAMPLE_RATE)
            report.output = str(args.output)
    return report


async def _run_call(call: WebRTCCall, args: argparse.Namespace, start: ClientMessage,
                    words: list[str], report: Any) -> None:  # fmt: skip
    call.send(start)
    ready = await call.receive()
    if not isinstance(ready, Ready):
        report.status = "error"
        if isinstance(ready, ErrorEvent):
            report.errors.append(ready)
        return
    report.random_weights = ready.random_weights
    call.send(Open(context_id=args.context_id))
    sender = asyncio.create_task(_send_words(call, args, words, report), name="client-sender")
    try:
        await _receive(call, args, report)
    finally:
        sender.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sender
    await asyncio.sleep(args.linger_ms / 1000.0)  # the last frames cross the jitter buffer


async def _send_words(call: WebRTCCall, args: argparse.Namespace, words: list[str],
                      report: Any) -> None:  # fmt: skip
    began = time.monotonic()
    cancel_at = None if args.cancel_after_ms is None else began + args.cancel_after_ms / 1000.0
    for index, word in enumerate(words):
        due = began + index / args.words_per_second
        if cancel_at is not None and due >= cancel_at:
            break
        await asyncio.sleep(max(0.0, due - time.monotonic()))
        call.send(Text(context_id=args.context_id, text=word))
        report.first_text_at = report.first_text_at or time.monotonic()
    else:
        call.send(Flush(context_id=args.context_id, flush_id="final"))
        report.flush_at = time.monotonic()
        call.send(End(context_id=args.context_id))
    if cancel_at is not None:
        await asyncio.sleep(max(0.0, cancel_at - time.monotonic()))
        report.cancel_sent_at = time.monotonic()
        call.send(Cancel(context_id=args.context_id))


async def _receive(call: WebRTCCall, args: argparse.Namespace, report: Any) -> None:
    while True:
        message = await call.receive()
        if isinstance(message, ErrorEvent):
            report.errors.append(message)
            if message.fatal or message.context_id == args.context_id:
                report.status = "error"
                return
        elif isinstance(message, FlushDone) and message.context_id == args.context_id:
            report.flushes_acked += 1
        elif isinstance(message, ContextDone) and message.context_id == args.context_id:
            report.status = message.status.value
            report.server_timings = {"ttfa_ms": message.timings.ttfa_ms,
                                     "rtf": message.timings.rtf,
                                     "duration_ms": message.timings.duration_ms}  # fmt: skip
            return
        elif isinstance(message, Cancelled) and message.context_id == args.context_id:
            report.status = "cancelled"
            report.cancel_ack, report.cancel_ack_at = message, time.monotonic()
            return


def _context_end(span: Sequence[ReceivedFrame], frames: int) -> int:
    """Index just past the context's ``frames``-th audible frame. Counted, not timed: when the
    server falls behind, the track fills the gap with silence, which moves the context's later
    frames along the media clock without making them "after" anything. The first frame of such
    a gap carries the codec's spill of the speech before it; it is not counted (``spill``)."""
    audible = 0
    for index, (frame, spill) in enumerate(zip(span, spill_flags(span), strict=True)):
        audible += frame.audible and not spill
        if audible >= frames:
            return index + 1
    return len(span)


def _account_audio(frames: Sequence[ReceivedFrame], report: Any) -> list[ReceivedFrame]:
    """Fill the report's audio fields from the recorded track; returns the speech span."""
    span = speech_span(frames)
    if report.cancel_ack is not None and span:
        cut = _context_end(span, report.cancel_ack.frames + CODEC_DELAY_FRAMES)
        spills = spill_flags(span)
        after = [f for f, spill in zip(span[cut:], spills[cut:], strict=True)
                 if f.audible and not spill]  # fmt: skip
        report.frames_after_ack = len(after)
        report.samples_after_ack = sum(f.samples.size for f in after)
        span = span[:cut]
    if span:
        report.first_audio_at = span[0].arrival
        report.frames = len(span)
        report.samples = sum(f.samples.size for f in span)
        report.late_frames, report.stall_s = late_frames(span)
    return span
