"""Real-time pacing of outgoing audio frames: pure arithmetic over a monotonic clock.

Theory of operation
-------------------
Audio leaves in fixed frames, ``lead`` seconds ahead of the moment the client plays it. The
pacer never sleeps and never reads a wall clock; callers pass ``now`` (or inject a clock), and
it answers *when* a frame should leave.

State: the *anchor* (the monotonic time at which sample 0 of the current talk spurt plays) and
the number of samples scheduled since the anchor. A frame whose first sample is sample ``n`` of
the spurt plays at ``anchor + n / sample_rate`` and should leave ``lead`` before that::

    playback_at = anchor + n / rate
    send_at     = playback_at - lead

Both are computed from the integer sample count every time, never by adding frame durations to
a float, so a session that runs for hours does not drift (10 hours at 48 kHz is 1.7e9 samples,
exact in a double).

Rules, in the order ``schedule`` applies them:

1. **Spurt start.** With no anchor (a new stream, after ``reset()``, or after rule 3), the
   frame goes at once and ``anchor = now``: the client starts playing it immediately. The
   frames that follow have ``send_at`` in the past until the client holds ``lead`` of audio, so
   they leave as soon as they exist: a burst of ``lead`` worth of audio that fills the client's
   buffer. Frames inside that opening burst (``send_at <= anchor``) are never late.
2. **Late frame.** A frame that is ready after its ``send_at`` goes at once and counts as
   late: the client's buffer shrank below ``lead`` but did not run dry.
3. **Underrun, re-anchor.** A frame ready after its ``playback_at`` (generation fell behind by
   more than ``lead``) means the client has certainly run out of audio. Sending the backlog in
   a burst to "catch up" would only pile audio into a buffer that is already late; instead the
   frame starts a new spurt (rule 1), counts as late, and the following frames refill ``lead``.
4. **Cancel or idle gap.** ``reset()`` forgets the anchor; the next frame starts a new spurt.

The sender's lag (how far behind real time it is, for the slow-consumer rule) is its own
lateness: ``now - send_at`` of the oldest frame it has not sent yet; see ``lag``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

Clock = Callable[[], float]
"""A monotonic clock in seconds, such as ``time.monotonic`` or a test's fake clock."""


@dataclass(frozen=True)
class PacingConfig:
    """How audio frames are cut and paced.

    Attributes:
        frame_ms: duration of one outgoing audio frame in milliseconds (Opus requires 20).
            Smaller frames lower latency and raise per-frame CPU and message overhead.
        lead_ms: how far ahead of playback time audio is sent, in milliseconds. It is the
            client's buffer against network jitter; each talk spurt starts with a burst of this
            much audio. 0 sends at playback time (for receivers with their own jitter buffer,
            such as WebRTC's NetEQ).
        send_window_ms: frames due within this many milliseconds leave together (one
            wake-up, one socket write), so a frame may leave up to this much earlier than
            ``lead_ms`` before its playback. Less CPU per frame; the client's buffer swings
            between ``lead_ms`` and ``lead_ms + send_window_ms``. 0 sends each frame at its own
            time. WebRTC sessions always use 0 (the track paces itself).
    """

    frame_ms: int = 20
    lead_ms: int = 100
    send_window_ms: int = 80

    def __post_init__(self) -> None:
        if not 1 <= self.frame_ms <= 1000:
            raise ValueError(f"frame_ms must be in 1..1000, got {self.frame_ms}")
        if not 0 <= self.lead_ms <= 10_000:
            raise ValueError(f"lead_ms must be in 0..10000, got {self.lead_ms}")
        if not 0 <= self.send_window_ms <= 1000:
            raise ValueError(f"send_window_ms must be in 0..1000, got {self.send_window_ms}")

    @property
    def lead_s(self) -> float:
        return self.lead_ms / 1000.0


class FrameSlot(NamedTuple):
    """When one frame leaves and when the client plays it (one per frame: a named tuple,
    cheap to build).

    Attributes:
        send_at: monotonic time to send the frame; at or before ``now`` means at once.
        playback_at: monotonic time the client plays the frame's first sample.
        late: the frame was ready after its send time (rules 2 and 3 of the module doc).
        new_spurt: the frame starts a talk spurt (first frame, after reset, or re-anchored).
    """

    send_at: float
    playback_at: float
    late: bool
    new_spurt: bool


class Pacer:
    """Send times for the frames of one audio stream (see the module docstring for the rules).

    Args:
        config: frame and lead durations.
        clock: monotonic clock used when ``schedule`` is called without ``now``.
        sample_rate: rate of the samples counted by ``schedule``.
    """

    def __init__(self, config: PacingConfig, clock: Clock, sample_rate: int) -> None:
        if sample_rate <= 0:
            raise ValueError(f"sample_rate must be positive, got {sample_rate}")
        self.config = config
        self.sample_rate = sample_rate
        self._clock = clock
        self._lead = config.lead_s
        self._anchor: float | None = None
        self._spurt_samples = 0
        self.frames = 0
        self.late_frames = 0
        self.spurts = 0

    @property
    def anchor(self) -> float | None:
        """Monotonic playback time of sample 0 of the current spurt; None between spurts."""
        return self._anchor

    @property
    def spurt_samples(self) -> int:
        """Samples scheduled since the anchor."""
        return self._spurt_samples

    def schedule(self, frame_samples: int, now: float | None = None) -> FrameSlot:
        """Place the next frame of ``frame_samples`` samples, ready at ``now``.

        Args:
            frame_samples: samples in this frame at ``sample_rate``.
            now: when the frame is ready; defaults to the injected clock.

        Returns:
            The frame's slot. The caller sends it at ``max(send_at, now)``.
        """
        if frame_samples < 0:
            raise ValueError(f"frame_samples must be >= 0, got {frame_samples}")
        if now is None:
            now = self._clock()
        slot = self._place(now)
        self._spurt_samples += frame_samples
        self.frames += 1
        self.late_frames += slot.late
        return slot

    def _place(self, now: float) -> FrameSlot:
        anchor = self._anchor
        if anchor is not None:
            playback_at = anchor + self._spurt_samples / self.sample_rate
            send_at = playback_at - self._lead
            if now <= playback_at:  # rule 2 (or on time); burst frames are never late
                return FrameSlot(send_at, playback_at, now > send_at > anchor, False)
        # rule 1 (no anchor) or rule 3 (the client ran dry: late, and a new spurt)
        self._anchor = now
        self._spurt_samples = 0
        self.spurts += 1
        return FrameSlot(now, now, anchor is not None, True)

    def reset(self) -> None:
        """Forget the anchor (cancel, or an idle gap): the next frame starts a new spurt."""
        self._anchor = None
        self._spurt_samples = 0

    def buffered_at_client(self, now: float) -> float:
        """Seconds of scheduled audio the client has not played yet at ``now`` (0 if none).

        Counts every scheduled frame as delivered, so it is an upper bound for frames that
        are scheduled but not sent yet.
        """
        if self._anchor is None:
            return 0.0
        end = self._anchor + self._spurt_samples / self.sample_rate
        return max(0.0, end - now)


def lag(oldest_unsent_send_at: float | None, now: float) -> float:
    """How far a sender is behind real time: the lateness of its oldest unsent frame.

    Args:
        oldest_unsent_send_at: ``send_at`` of the oldest frame not sent yet, or None when
            nothing waits.
        now: the current monotonic time.

    Returns:
        Seconds behind (0 when nothing waits or the frame is not due yet). The slow-consumer
        rule closes a session whose lag stays above its budget.
    """
    if oldest_unsent_send_at is None:
        return 0.0
    return max(0.0, now - oldest_unsent_send_at)


def wait_before_next_segment(audio_ahead_s: float, next_segment_ahead_s: float,
                             lead_s: float = 0.0) -> float:  # fmt: skip
    """Seconds a context should wait before synthesizing its next segment, given the audio its
    listener still has ahead of playback (queued here plus buffered at the client).

    A segment started while the listener holds seconds of audio only makes the engine's batch
    larger, and so every stream's tokens slower, including those of listeners who need audio
    now; it also wastes its tokens if the listener barges in. So the next segment waits until
    at most ``next_segment_ahead_s`` is ahead beyond the pacing lead ``lead_s`` (the client's
    jitter buffer, which the next segment must refill before it drains; a client may ask for
    seconds of it). ``next_segment_ahead_s`` 0 turns the wait off. The audio ahead drains at
    real time, so waiting the excess is enough.
    """
    if next_segment_ahead_s <= 0:
        return 0.0
    return max(0.0, audio_ahead_s - next_segment_ahead_s - lead_s)
