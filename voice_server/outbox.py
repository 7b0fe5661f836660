"""Per-context queue of outgoing audio frames and the events ordered with them.

Audio frames leave at their paced send time; events that must stay in order with the audio
(segment start/done, flush acknowledgements, context done) ride in the same queue and leave as
soon as they reach its head. Replies that must never wait behind audio (pong, cancel
acknowledgement, errors) do not use an outbox at all.

No I/O and no asyncio here: the session's sender task asks ``due_at(now)`` and ``pop()``.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any, NamedTuple

from voice_server.pacing import Pacer


class Frame(NamedTuple):
    """One encoded audio frame (a named tuple: hundreds of sessions make thousands a second,
    and a tuple is built several times faster than a frozen dataclass).

    Attributes:
        payload: encoded bytes (PCM16, mu-law or one Opus packet).
        samples: samples in the frame at the output rate.
        sequence: frame number within the context, from 0.
        timestamp: first sample's index within the context, at the output rate.
        stream_id: the context's number (``opened.stream_id``).
    """

    payload: bytes
    samples: int
    sequence: int
    timestamp: int
    stream_id: int = 0


@dataclass(frozen=True)
class Event:
    """A server message that must leave in order with the audio around it.

    ``message`` may be a zero-argument callable that builds the message when it is sent (for
    messages that report on the audio sent before them).
    """

    message: Any

    def resolve(self) -> Any:
        return self.message() if callable(self.message) else self.message


class Outbox:
    """Frames and events of one context, with its pacer and send statistics."""

    def __init__(self, pacer: Pacer, sample_rate: int) -> None:
        self.pacer = pacer
        self.sample_rate = sample_rate
        self._items: deque[Frame | Event] = deque()
        self._head_send_at: float | None = None
        self._head_late = False
        self.queued_samples = 0
        self.sent_samples = 0
        self.sent_frames = 0
        self.late_frames = 0

    def __len__(self) -> int:
        return len(self._items)

    @property
    def queued_seconds(self) -> float:
        return self.queued_samples / self.sample_rate

    @property
    def sent_ms(self) -> float:
        return self.sent_samples * 1000.0 / self.sample_rate

    def put(self, item: Frame | Event) -> None:
        self._items.append(item)
        if isinstance(item, Frame):
            self.queued_samples += item.samples

    def due_at(self, now: float) -> float | None:
        """When the head item may be sent (``now`` or earlier means at once); None if empty."""
        if not self._items:
            return None
        head = self._items[0]
        if isinstance(head, Event):
            return now
        if self._head_send_at is None:
            slot = self.pacer.schedule(head.samples, now)
            self._head_send_at, self._head_late = slot.send_at, slot.late
        return self._head_send_at

    def pop(self) -> tuple[Frame | Event, bool]:
        """Remove the head; returns it and whether it was late (frames only)."""
        item = self._items.popleft()
        late = False
        if isinstance(item, Frame):
            late = self._head_late
            self._head_send_at, self._head_late = None, False
            self.queued_samples -= item.samples
            self.sent_samples += item.samples
            self.sent_frames += 1
            self.late_frames += int(late)
        return item, late

    def pop_frames(self, until: float, now: float, max_frames: int) -> tuple[list[Frame], int]:
        """Remove the frames at the head that may leave by ``until`` (at most ``max_frames``,
        stopping at an event); returns them and how many were late."""
        frames: list[Frame] = []
        late_frames = 0
        while len(frames) < max_frames and self._items and isinstance(self._items[0], Frame):
            due_at = self.due_at(now)
            if due_at is None or due_at > until:
                break
            frame, late = self.pop()
            assert isinstance(frame, Frame)
            frames.append(frame)
            late_frames += int(late)
        return frames, late_frames

    def clear(self) -> int:
        """Drop everything queued (cancel); returns how many frames were dropped."""
        dropped = sum(1 for item in self._items if isinstance(item, Frame))
        self._items.clear()
        self._head_send_at, self._head_late = None, False
        self.queued_samples = 0
        return dropped
