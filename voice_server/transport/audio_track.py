"""The WebRTC audio track: 20 ms PCM frames handed to aiortc on a drift-free real-time clock.

Theory of operation
-------------------
aiortc does not pace: its RTP sender awaits ``track.recv()`` in a loop and sends whatever comes
back at once, stamping RTP timestamps from the frame's ``pts``. So the track is the clock of
the call, and it must hand out exactly one frame per frame period, forever, whether or not
there is speech:

* Frame ``n`` is due at ``start + n * frame_s``, computed from the integer frame count (never
  by adding durations), so a call that lasts hours does not drift. ``pts`` is ``n`` frames of
  samples, so RTP timestamps are continuous.
* When the queue is empty at a deadline (no context talking, or generation late), the track
  returns a frame of digital silence *on time*. Receivers treat on-time silence as audio: their
  jitter buffer and playout stay steady, whereas a hole or a late burst makes them conceal and
  grow their buffer for seconds (see reference/webrtc.md, section 2.3).
* When ``recv()`` itself runs late (the event loop stalled), the frames owed go out at once, so
  the receiver sees a short burst with continuous timestamps. A stall longer than
  ``max_behind_frames`` re-anchors the schedule at ``now`` instead, so a long stall costs one
  gap in arrival times rather than a burst of stale frames.

The session's sender pushes frames with ``put`` at its own paced times, a small lead (the
``webrtc.lead_ms`` setting) ahead of the track's deadlines; the queue is bounded and ``put``
waits for room, which is the back-pressure the session's slow-consumer rule measures.

Every context has its own queue; a frame period takes the head frame of each context that has
one. One context (the usual case) is passed through untouched; two or more talking at once are
mixed (summed with saturation), as voices overlap on a phone line. Interleaving them instead
would play each at a fraction of real speed, and queueing one behind the other would stall the
later context's pacer until the session dropped it as a slow consumer.

Cancel (barge-in): ``drop(context_id)`` removes that context's queued frames synchronously, and
a ``put`` of that context that was already waiting for room is discarded when it wakes, so the
next frame the track returns holds no audio of the cancelled context. The frame aiortc is
encoding at that moment is already gone; that is the "within one frame" bound.

``FrameSchedule`` is the pure arithmetic (clock passed in), ``PacedAudioTrack`` the aiortc
adapter; the clock and the sleep function are injectable so tests run without real time.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from fractions import Fraction

import av
import numpy as np
from aiortc.mediastreams import MediaStreamError, MediaStreamTrack

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]

LATENESS_BINS_MS = 200
"""Lateness histogram range (1 ms bins; later frames land in the last bin)."""


@dataclass(frozen=True)
class Tick:
    """One frame the track hands out.

    Attributes:
        pts: presentation time in samples (``frame number * frame_samples``).
        due: monotonic time the frame was due to leave.
        lateness: how long after ``due`` it left (0 when on time).
    """

    pts: int
    due: float
    lateness: float


@dataclass
class Lateness:
    """Bounded statistics of how late frames left (a 1 ms histogram, so memory is fixed)."""

    frames: int = 0
    late_frames: int = 0
    max_s: float = 0.0
    total_s: float = 0.0
    histogram: list[int] = field(default_factory=lambda: [0] * (LATENESS_BINS_MS + 1))

    def add(self, lateness: float, late_after: float) -> None:
        self.frames += 1
        self.late_frames += lateness > late_after
        self.max_s = max(self.max_s, lateness)
        self.total_s += lateness
        self.histogram[min(int(lateness * 1000.0), LATENESS_BINS_MS)] += 1

    def percentile_ms(self, q: float) -> float:
        """Upper edge (ms) of the histogram bin holding quantile ``q`` in [0, 1]; 0 if empty."""
        if self.frames == 0:
            return 0.0
        rank = q * self.frames
        seen = 0
        for ms, count in enumerate(self.histogram):
            seen += count
            if seen >= rank and count:
                return float(ms + 1)
        return float(LATENESS_BINS_MS + 1)


class FrameSchedule:
    """Deadlines of a constant-rate frame stream (see the module docstring).

    Args:
        frame_samples: samples per frame.
        sample_rate: samples per second.
        max_behind_frames: when a frame is taken more than this many frame periods after its
            deadline, the schedule re-anchors at that moment instead of bursting the backlog.
    """

    def __init__(self, frame_samples: int, sample_rate: int, max_behind_frames: int = 5) -> None:
        if frame_samples <= 0 or sample_rate <= 0:
            raise ValueError("frame_samples and sample_rate must be positive")
        if max_behind_frames < 1:
            raise ValueError(f"max_behind_frames must be >= 1, got {max_behind_frames}")
        self.frame_samples = frame_samples
        self.sample_rate = sample_rate
        self.frame_s = frame_samples / sample_rate
        self._max_behind_s = max_behind_frames * self.frame_s
        self._start: float | None = None
        self._since_start = 0
        self.frames = 0
        self.reanchors = 0
        self.lateness = Lateness()

    def due(self, now: float) -> float:
        """Deadline of the next frame; the first call starts the clock at ``now``."""
        if self._start is None:
            self._start = now
        return self._start + self._since_start * self.frame_samples / self.sample_rate

    def take(self, now: float) -> Tick:
        """Hand out the next frame at ``now`` (at or after ``due``); returns its tick."""
        due = self.due(now)
        lateness = max(0.0, now - due)
        if lateness > self._max_behind_s:
            self._start, self._since_start = now, 0
            self.reanchors += 1
        tick = Tick(self.frames * self.frame_samples, due, lateness)
        self._since_start += 1
        self.frames += 1
        self.lateness.add(lateness, self.frame_s)
        return tick


@dataclass
class TrackStats:
    """What the track handed out.

    Attributes:
        speech_frames: frame periods that carried queued audio.
        silence_frames: silence frames sent because every queue was empty.
        mixed_frames: frame periods where two or more contexts were mixed.
        gaps: times a speech frame was followed by a silence frame (end of speech or underrun).
        dropped_frames: queued frames removed by ``drop`` (cancel).
        discarded_puts: frames of a cancelled context that arrived after the cancel.
    """

    speech_frames: int = 0
    silence_frames: int = 0
    mixed_frames: int = 0
    gaps: int = 0
    dropped_frames: int = 0
    discarded_puts: int = 0


FrameObserver = Callable[[Tick, tuple[str, ...]], None]
"""Called with every tick and the contexts whose audio it carried (empty for silence)."""


def mix(payloads: list[bytes]) -> bytes:
    """Sum s16le frames of equal length, saturating at the int16 range."""
    total = np.zeros(len(payloads[0]) // 2, dtype=np.int32)
    for payload in payloads:
        total += np.frombuffer(payload, dtype="<i2")
    return np.clip(total, -32768, 32767).astype("<i2").tobytes()


class PacedAudioTrack(MediaStreamTrack):
    """A mono s16 audio track fed by ``put`` and paced by ``FrameSchedule`` (module docstring).

    Args:
        sample_rate: samples per second of the PCM handed to ``put`` (48000 for WebRTC).
        frame_ms: frame duration; every payload is exactly this long.
        max_queued_frames: frames a context's queue holds before ``put`` waits.
        max_behind_frames: see ``FrameSchedule``.
        clock: monotonic clock.
        sleep: coroutine that sleeps for a number of seconds (``asyncio.sleep``).
    """

    kind = "audio"

    def __init__(
        self,
        *,
        sample_rate: int = 48_000,
        frame_ms: int = 20,
        max_queued_frames: int = 3,
        max_behind_frames: int = 5,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        super().__init__()
        if sample_rate * frame_ms % 1000:
            raise ValueError(f"{frame_ms} ms is not a whole number of samples at {sample_rate}")
        if max_queued_frames < 1:
            raise ValueError(f"max_queued_frames must be >= 1, got {max_queued_frames}")
        self.sample_rate = sample_rate
        self.frame_samples = sample_rate * frame_ms // 1000
        self.frame_bytes = 2 * self.frame_samples
        self.max_queued_frames = max_queued_frames
        self.schedule = FrameSchedule(self.frame_samples, sample_rate, max_behind_frames)
        self.stats = TrackStats()
        self.on_frame: FrameObserver | None = None
        self._clock = clock
        self._sleep = sleep
        self._time_base = Fraction(1, sample_rate)
        self._silence = bytes(self.frame_bytes)
        self._queues: dict[str, deque[bytes]] = {}
        self._drops: Counter[str] = Counter()
        self._puts_waiting: Counter[str] = Counter()  # puts waiting for room, per context
        self._room = asyncio.Event()
        self._last_was_speech = False

    @property
    def queued_frames(self) -> int:
        """Frames queued across all contexts."""
        return sum(len(queue) for queue in self._queues.values())

    # --- producer side (the session's sink) -----------------------------------------------

    async def put(self, context_id: str, payload: bytes) -> bool:
        """Queue one frame of ``context_id``, waiting while that context's queue is full.

        Returns:
            False when the frame was discarded: its context was dropped while it waited, or
            the track has ended.

        Raises:
            ValueError: the payload is not exactly one frame of s16 samples.
        """
        if len(payload) != self.frame_bytes:
            raise ValueError(f"a frame is {self.frame_bytes} bytes, got {len(payload)}")
        epoch = self._drops[context_id]
        self._puts_waiting[context_id] += 1  # ``drop`` counts it: a drop while it waits discards it
        try:
            while self._queued(context_id) >= self.max_queued_frames and self.readyState == "live":
                self._room.clear()
                await self._room.wait()
        finally:
            self._puts_waiting[context_id] -= 1
            if not self._puts_waiting[context_id]:
                del self._puts_waiting[context_id]
        if self.readyState != "live":
            return False
        if self._drops[context_id] != epoch:
            self.stats.discarded_puts += 1
            return False
        self._queues.setdefault(context_id, deque()).append(payload)
        return True

    def _queued(self, context_id: str) -> int:
        queue = self._queues.get(context_id)
        return 0 if queue is None else len(queue)

    def drop(self, context_id: str) -> int:
        """Remove every queued frame of ``context_id`` now (cancel); returns how many will
        never play: those queued, and a ``put`` of it waiting for room (discarded when it
        wakes)."""
        self._drops[context_id] += 1
        dropped = len(self._queues.pop(context_id, ()))
        self.stats.dropped_frames += dropped  # the waiting puts count in discarded_puts
        self._room.set()
        return dropped + self._puts_waiting.get(context_id, 0)

    def stop(self) -> None:
        """End the track: aiortc's sender stops, waiting ``put`` calls return False."""
        super().stop()
        self._queues.clear()
        self._room.set()

    # --- consumer side (aiortc's RTP sender) ----------------------------------------------

    async def recv(self) -> av.AudioFrame:
        """The next frame, at its deadline: queued speech, or silence when there is none.

        Raises:
            MediaStreamError: the track has ended (the sender's normal way out).
        """
        if self.readyState != "live":
            raise MediaStreamError
        due = self.schedule.due(self._clock())
        delay = due - self._clock()
        if delay > 0:
            await self._sleep(delay)
        if self.readyState != "live":
            raise MediaStreamError
        tick = self.schedule.take(self._clock())
        contexts, payload = self._next_payload()
        if self.on_frame is not None:
            self.on_frame(tick, contexts)
        return self._frame(payload, tick.pts)

    def _next_payload(self) -> tuple[tuple[str, ...], bytes]:
        heads = [(cid, queue.popleft()) for cid, queue in self._queues.items()]
        for cid in [cid for cid, queue in self._queues.items() if not queue]:
            del self._queues[cid]  # empty queues go, so the dict stays as small as the talk
        if not heads:
            self.stats.silence_frames += 1
            self.stats.gaps += self._last_was_speech
            self._last_was_speech = False
            return (), self._silence
        self._room.set()
        self.stats.speech_frames += 1
        self._last_was_speech = True
        if len(heads) == 1:
            return (heads[0][0],), heads[0][1]
        self.stats.mixed_frames += 1
        return tuple(cid for cid, _ in heads), mix([payload for _, payload in heads])

    def _frame(self, payload: bytes, pts: int) -> av.AudioFrame:
        # aiortc's Opus encoder accepts only s16 with a pts; anything else would end the
        # sender for the rest of the call (reference/webrtc.md, section 2.3).
        frame = av.AudioFrame(format="s16", layout="mono", samples=self.frame_samples)
        frame.planes[0].update(payload)
        frame.sample_rate = self.sample_rate
        frame.pts = pts
        frame.time_base = self._time_base
        return frame
