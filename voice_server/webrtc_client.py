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

import asyncio
import contextlib
import time
from collections.abc import Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any
from urllib.parse import urljoin

import aiohttp
import numpy as np
import numpy.typing as npt
from aiortc import MediaStreamTrack, RTCDataChannel, RTCPeerConnection, RTCSessionDescription
from aiortc.mediastreams import MediaStreamError

from protocol.codec import parse_server_message, serialize
from protocol.messages import ClientMessage, ServerMessage
from voice_server.transport.ice import gather_on, rtc_configuration
from voice_server.transport.webrtc_config import WEBRTC_PATH, IceServer

SAMPLE_RATE = 48_000
AUDIBLE = 64
"""Peak magnitude (int16) above which a frame counts as sound: -54 dBFS. Opus decodes digital
silence to exact zeros or a few LSBs, speech peaks far above this."""


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
        return bool(np.abs(self.samples.astype(np.int32)).max(initial=0) > AUDIBLE)


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
            assert frame.pts is not None
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
