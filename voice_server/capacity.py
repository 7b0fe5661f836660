"""Real-time headroom of the engine, measured live, for admission control.

A Spark-TTS stream plays 50 semantic tokens per second, so the engine carries its sessions in
real time only while every stream gets more than that. Continuous batching hides overload: each
new request slows every running one a little, until all of them fall behind together. So the
server measures what the engine delivers (semantic tokens per second, over a short window,
divided by the streams the engine holds) and refuses *new* sessions with a retryable error while
that rate is under a floor, instead of admitting one more and making everyone late.

The engine is not the only thing that can fall behind: the BiCodec decoder shares the GPU and
can saturate first (measured with two engines on one H100: the token rate stayed near the floor
while decode queueing reached 0.7 s). So the decode worker also reports how many windows it
made late, finished more than a margin after their playback deadline (``DecodeLateness``; a
window that arrived late already is the engine's doing and counts only if the decoder then held
it past the margin), and the server refuses new sessions while that share is above a ceiling.

Both measurements lag: a session admitted now adds its stream only once its first text
arrives, and its tokens reach the window over the next second or two. Judged on measurements
alone, a burst of arrivals is all admitted before the rate falls (measured on the H100: 800
sessions over 5 s got 294 admitted where 600 over 5 s got 169, and every listener ran late). So
admission also *projects*: the engines' recent throughput shared by the streams running now,
the sessions admitted lately that have not started speaking, and the candidate, must still give
each the floor. Continuous batching on a saturated engine keeps its throughput roughly flat as
streams are added (the engine core's per-step work grows with the batch), so sharing today's
throughput is a safe, slightly pessimistic forecast; below saturation the next measurement is
higher and admits more, so a burst is admitted in a few quick steps instead of all at once.
The throughput shared is the larger of the last 0.5 s and what a start-up probe measured with
many streams at once (``SpeechRuntime.probe_capacity``), so a quiet engine is not judged by
its quiet. With neither (probe off, engine idle), at most ``min_streams`` sessions may be
starting at once.

The front end can fall behind too. Every session's frames leave from one event loop, and on
an H100 at 600 offered sessions the loop, not the engine, was what first made listeners wait
(docs/PERFORMANCE.md): a timer due every 20 ms woke more than 25 ms late at 3 % of its wake-ups
at 300 sessions, 13 % at 600 and 17 % at 800, while underruns rose from 0.3 to 1.1 and 2.6 s
p95. So the server also refuses new sessions while the 90th percentile of that lateness over
the last 2 s (``loop_lag.RecentLag``) is above a ceiling (``judge_loop``).

Pure arithmetic over an injected clock: ``TokenRate`` is fed token counts and read at
admission time; nothing here runs a task.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass

RATE_WINDOW_S = 2.0  # how far back the rates look, and how long a silent new session counts
RECENT_S = 0.5  # how far back the projection's throughput looks


@dataclass(frozen=True)
class Headroom:
    """The admission rule's inputs and verdict.

    Attributes:
        tokens_per_stream_s: semantic tokens per second per engine stream over the window
            (None while the window holds too little data to judge).
        streams: requests the engine holds now.
        overloaded: refuse new sessions.
        late_decode_share: share of recent decode windows finished late (None: too few).
        reason: why it is overloaded, for the refusal message ("" when it is not).
        rule: which rule refused, for the refusals metric: "token_rate", "projection" or
            "decoder" ("" when none did).
    """

    tokens_per_stream_s: float | None
    streams: int
    overloaded: bool
    late_decode_share: float | None = None
    reason: str = ""
    rule: str = ""


class TokenRate:
    """Tokens per second, and the mean number of streams sharing them, over the last
    ``window_s`` seconds, from ``add(now, tokens, streams)`` calls.

    Keeps one cumulative sample per ``resolution_s`` (so memory is bounded whatever the token
    rate) and answers from the oldest sample still inside the window. Averaging the stream count
    over the same window keeps a burst of new, not yet producing streams from looking like a
    slow engine.
    """

    def __init__(self, window_s: float = RATE_WINDOW_S, resolution_s: float = 0.1) -> None:
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
        else:  # same bucket: keep the total as it was at the bucket's time, update streams
            t, counted, _ = self._samples[-1]
            self._samples[-1] = (t, counted, streams)
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

    def throughput(self, now: float, over_s: float = RECENT_S) -> float | None:
        """Tokens per second of all streams together over the last ``over_s`` seconds (at
        most the window); None with less than half of that of history. Shorter than the
        window so that a quick ramp of new streams is seen within a fraction of a second."""
        self._trim(now)
        over_s = min(over_s, self.window_s)
        oldest = next(((t, total) for t, total, _ in self._samples if now - t <= over_s), None)
        if oldest is None:
            return None
        span = now - oldest[0]
        return (self.total - oldest[1]) / span if span >= over_s / 2 else None

    def _trim(self, now: float) -> None:
        samples = self._samples
        while len(samples) > 1 and now - samples[1][0] >= self.window_s:
            samples.popleft()
        if samples and now - samples[0][0] > 2 * self.window_s:
            samples.clear()  # idle for a long while: old counts say nothing about now


class DecodeLateness:
    """Share of decode windows the decoder made late: finished more than ``margin_s`` after
    their playback deadline, or after their arrival if they arrived past it, over the last
    ``window_s`` seconds.

    A window that reaches the decoder after its deadline was made late by the engine (its
    tokens came late), which the token-rate rule judges; blaming the decoder for it would
    refuse sessions twice for one cause and hide whether the decoder itself keeps up. Such a
    window counts only if the decoder then held it longer than the margin.

    Written by the decode worker's thread (``add`` once per batch), read on the event loop
    (``share``); a lock keeps the two apart. Memory is one bucket per ``resolution_s``.
    """

    def __init__(self, margin_s: float = 0.1, window_s: float = RATE_WINDOW_S,
                 resolution_s: float = 0.1) -> None:  # fmt: skip
        if window_s <= 0 or resolution_s <= 0 or resolution_s > window_s or margin_s < 0:
            raise ValueError("need margin_s >= 0 and 0 < resolution_s <= window_s")
        self.margin_s = margin_s
        self.window_s = window_s
        self.resolution_s = resolution_s
        self._buckets: deque[list[float]] = deque()  # [start time, windows, late windows]
        self._lock = threading.Lock()

    def add(self, now: float, deadlines: list[float], arrivals: list[float]) -> None:
        """One batch finished at ``now``; ``deadlines`` are its windows' playback deadlines,
        ``arrivals`` when each reached the decoder (same order)."""
        late = sum(1 for d, a in zip(deadlines, arrivals, strict=True)
                   if now - max(d, a) > self.margin_s)  # fmt: skip
        with self._lock:
            buckets = self._buckets
            if not buckets or now - buckets[-1][0] >= self.resolution_s:
                buckets.append([now, 0.0, 0.0])
            buckets[-1][1] += len(deadlines)
            buckets[-1][2] += late
            while buckets and now - buckets[0][0] > self.window_s:
                buckets.popleft()

    def share(self, now: float) -> float | None:
        """Late windows / windows over the window; None when no window finished in it."""
        with self._lock:
            recent = [b for b in self._buckets if now - b[0] <= self.window_s]
        windows = sum(b[1] for b in recent)
        return sum(b[2] for b in recent) / windows if windows else None


SPARK_TOKENS_PER_AUDIO_S = 50.0
"""Spark-TTS's BiCodec: 16 kHz audio, a semantic token per 320 samples."""
REAL_TIME_HEADROOM = 1.8
"""The admission floor, as a multiple of real time, where ``limits.min_stream_token_rate`` is
unset: 90 tokens/s for Spark-TTS (the measurements behind it are in ``LimitsConfig``)."""


@dataclass(frozen=True)
class AdmissionInputs:
    """What the engines delivered lately and hold now (``SpeechRuntime.admission_inputs``).

    Attributes:
        per_stream: tokens/s per stream of the healthy replica with the most headroom (None:
            not measured lately).
        streams: that replica's engine streams now.
        late_decode_share: share of that replica's recent decode windows finished late.
        tokens_per_s: semantic tokens per second of all healthy replicas together over the
            last ``RECENT_S`` (None while any of them is unmeasured).
        all_streams: engine streams of all healthy replicas now.
        probed_tokens_per_s: what the start-up probe measured on all healthy replicas
            together (None: not run). A floor for ``tokens_per_s``: a quiet engine's recent
            throughput says nothing about what it can do.
        real_time_tokens_per_s: semantic tokens per audio second of the model served (its
            sample rate / hop length): what ``admission_floor`` scales.
    """

    per_stream: float | None
    streams: int
    late_decode_share: float | None = None
    tokens_per_s: float | None = None
    all_streams: int = 0
    probed_tokens_per_s: float | None = None
    real_time_tokens_per_s: float = SPARK_TOKENS_PER_AUDIO_S


def admission_floor(configured: float | None, inputs: AdmissionInputs) -> float:
    """Tokens/s per stream the rate rules hold to: ``limits.min_stream_token_rate`` as set, or
    ``REAL_TIME_HEADROOM`` times the model's real time where it is unset."""
    if configured is not None:
        return configured
    return REAL_TIME_HEADROOM * inputs.real_time_tokens_per_s


GPU_PROBE_STREAMS = 512
"""Start-up probe streams on a CUDA engine where ``limits.capacity_probe_streams`` is unset: a
GPU engine's throughput keeps growing to a few hundred streams. On an H100 64 streams measured
~11,000 tokens/s and 512 ~20,000 (1.7 s), and with 512 the server held 632-677 of 800 offered
sessions against 563-612 (docs/PERFORMANCE.md)."""
CPU_PROBE_STREAMS = 64
"""The same on a CPU engine, which saturates at a few streams (5.5 s on a 2-core machine)."""


def probe_streams(configured: int | None, device: str, max_num_seqs: int) -> int:
    """Concurrent segments of the start-up capacity probe on an engine on ``device``:
    ``limits.capacity_probe_streams`` as set (0 skips the probe), or where it is unset enough
    to fill a GPU engine; never more than the engine's batch holds."""
    if configured is None:
        configured = GPU_PROBE_STREAMS if device.startswith("cuda") else CPU_PROBE_STREAMS
    return min(configured, max_num_seqs)


def judge(inputs: AdmissionInputs, starting: int, min_rate: float, min_streams: int,
          max_late_decode_share: float = 0.0) -> Headroom:  # fmt: skip
    """The admission verdict for one more stream (a session's, or a context's beside its
    session's others); ``starting`` counts the streams claimed lately that have not spoken. Overloaded when (rules in the module docstring):

    * measured: at least ``min_streams`` streams get less than ``min_rate`` tokens/s each;
    * projected: with at least ``min_streams`` streams now and sessions starting, the recent
      throughput (or the probe's, when larger) shared by them and the candidate falls under
      ``min_rate``, or nothing is measured to share (at most ``min_streams`` then start);
    * decoder: with at least ``min_streams`` streams, more than ``max_late_decode_share`` of
      recent decode windows finished late.

    ``min_rate`` 0 turns the first two off, ``max_late_decode_share`` 0 the third.
    """
    per_stream, streams = inputs.per_stream, inputs.streams
    late = inputs.late_decode_share
    busy = streams >= max(1, min_streams)
    others = inputs.all_streams + starting  # with none, the candidate always gets in
    demand = others + 1
    reason = rule = ""
    if busy and min_rate > 0 and per_stream is not None and per_stream < min_rate:
        rule = "token_rate"
        reason = (f"{per_stream:.0f} tokens/s per stream over {streams} streams, "
                  f"floor {min_rate:g}")  # fmt: skip
    elif min_rate > 0 and others >= max(1, min_streams):
        throughput = max(inputs.tokens_per_s or 0.0, inputs.probed_tokens_per_s or 0.0)
        if not throughput:
            rule = "projection"
            reason = (f"{starting} streams are starting and the engine's rate is not measured "
                      f"yet over {inputs.all_streams} streams")  # fmt: skip
        elif throughput / demand < min_rate:
            rule = "projection"
            reason = (f"{throughput:.0f} tokens/s shared by {inputs.all_streams} "
                      f"streams, {starting} starting and this one would give "
                      f"{throughput / demand:.0f} each, floor {min_rate:g}")  # fmt: skip
    if (not reason and busy and max_late_decode_share > 0 and late is not None
            and late > max_late_decode_share):  # fmt: skip
        rule = "decoder"
        reason = (f"{100 * late:.0f} % of decode windows late, "
                  f"ceiling {100 * max_late_decode_share:g} %")  # fmt: skip
    return Headroom(per_stream, streams, bool(reason), late, reason, rule)


def judge_loop(recent_lag_s: float | None, sessions: int, min_sessions: int,
               max_lag_s: float) -> str:  # fmt: skip
    """Why the event loop cannot take one more session ("" when it can): with at least
    ``min_sessions`` sessions held, the loop's recent lag (``RecentLag.quantile``, None when
    unmeasured) is above ``max_lag_s``. ``max_lag_s`` 0 turns the rule off."""
    if (max_lag_s <= 0 or recent_lag_s is None or recent_lag_s <= max_lag_s
            or sessions < max(1, min_sessions)):  # fmt: skip
        return ""
    return (f"event loop {1000 * recent_lag_s:.0f} ms late (p90 of the last 2 s) over "
            f"{sessions} sessions, ceiling {1000 * max_lag_s:g} ms")
