"""Real-time headroom of the engine, measured live, for admission control.

A Spark-TTS stream plays 50 semantic tokens per second, so the engine carries its sessions in
real time only while every stream gets more than that. Continuous batching hides overload: each
new request slows every running one a little, until all of them fall behind together. So the
server measures what the engine delivers (semantic tokens per second, over a short window,
divided by the streams the engine holds) and refuses *new* sessions with a retryable error while
that rate is under a floor, instead of admitting one more and making everyone late.

Pure arithmetic over an injected clock: ``TokenRate`` is fed token counts and read at
admission time; nothing here runs a task.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass


@dataclass(frozen=True)
class Headroom:
    """The admission rule's inputs and verdict.

    Attributes:
        tokens_per_stream_s: semantic tokens per second per engine stream over the window
            (None while the window holds too little data to judge).
        streams: requests the engine holds now.
        overloaded: refuse new sessions.
    """

    tokens_per_stream_s: float | None
    streams: int
    overloaded: bool


class TokenRate:
    """Tokens per second, and the mean number of streams sharing them, over the last
    ``window_s`` seconds, from ``add(now, tokens, streams)`` calls.

    Keeps one cumulative sample per ``resolution_s`` (so memory is bounded whatever the token
    rate) and answers from the oldest sample still inside the window. Averaging the stream count
    over the same window keeps a burst of new, not yet producing streams from looking like a
    slow engine.
    """

    def __init__(self, window_s: float = 2.0, resolution_s: float = 0.1) -> None:
        if window_s <= 0 or resolution_s <= 0 or resolution_s > window_s:
            raise ValueError("need 0 < resolution_s <= window_s")
        self.window_s = window_s
        self.resolution_s = resolution_s
        self.total = 0
        self._samples: deque[tuple[float, int, int]] = deque()  # (time, total, streams)

    def add(self, now: float, tokens: int, streams: int) -> None:
        self.total += tokens
        if not self._samples or now - self._samples[-1][0] >= self.resolution_s:
            self._samples.append((now, self.total, streams))
        else:
            t, _, _ = self._samples[-1]
            self._samples[-1] = (t, self.total, streams)
        self._trim(now)

    def per_stream(self, now: float) -> float | None:
        """Tokens per second per stream since the oldest sample in the window; None with less
        than half a window of history (an engine that produced nothing lately says nothing)."""
        self._trim(now)
        if not self._samples:
            return None
        start, counted, _ = self._samples[0]
        span = now - start
        if span < self.window_s / 2:
            return None
        streams = sum(s for _, _, s in self._samples) / len(self._samples)
        return (self.total - counted) / span / streams if streams > 0 else None

    def _trim(self, now: float) -> None:
        samples = self._samples
        while len(samples) > 1 and now - samples[1][0] >= self.window_s:
            samples.popleft()
        if samples and now - samples[0][0] > 2 * self.window_s:
            samples.clear()  # idle for a long while: old counts say nothing about now


def judge(per_stream: float | None, streams: int, min_rate: float, min_streams: int) -> Headroom:
    """The admission verdict: overloaded when at least ``min_streams`` streams (now) get less
    than ``min_rate`` tokens per second each. ``min_rate`` 0 turns the rule off."""
    overloaded = (
        min_rate > 0
        and streams >= max(1, min_streams)
        and per_stream is not None
        and per_stream < min_rate
    )
    return Headroom(per_stream, streams, overloaded)
