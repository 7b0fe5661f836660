"""Simulated voice agents for the WebSocket load test: plans, one session's driver, one worker.

Each simulated session behaves like a voice agent fed by an LLM: it connects, opens one
context, streams a paragraph word by word (each word with its trailing space, as LLM deltas
arrive), flushes at sentence ends or only at the end, ends the context and reads everything,
timing the audio the way a listener would hear it. Some sessions barge in with ``cancel``.

Theory of operation
-------------------
Everything random is decided up front, in the parent process, by ``plan_session`` from a seeded
RNG: the paragraph, the time of every text delta, whether and when the session cancels. Plans
are plain data, so a run is the same whatever the number of worker processes, and a worker
(``run_worker``) only executes plans on one asyncio loop and returns ``SessionResult``s.

Per session there are two coroutines: the *reader* (receives until the context's terminal
event) and the *writer* (sends ``open``, the deltas at their planned times, ``end``, and
possibly ``cancel``), a task that the session's driver owns and cancels when the reader ends.
The reader's per-frame work is a few float operations (``ArrivalTimer.add``); audio is never
decoded: ``protocol.client`` counts samples from the payload length (pcm16, mulaw) or the
negotiated frame size (opus).

Definitions (all times on the client's monotonic clock, per context):

* **TTFA from commit**: from sending the text message that completes the first segment's text
  (the segment's words as announced by ``segment_start``; with ``flush=sentence`` that message
  carries the flush) to the first audio frame. Without a flush, the server's segmenter may wait
  for the next word to be sure a sentence ended; that wait is counted, it is part of what the
  listener waits for.
* **TTFA from first text**: from the first text message to the first audio frame (includes the
  time the LLM takes to produce the first segment's words).
* **Late frames, underrun seconds**: ``protocol.client.Playout``: playback starts at the first
  frame's arrival and runs continuously; a frame arriving after everything before it has played
  is late, and the gap is underrun time. Text is streamed several times faster than speech, so
  any gap is the server's. Each gap is also charged to where it fell (``UnderrunPhase``): the
  first ``PHASE_OPENING_S`` of audio of the context's first segment (growing first windows
  racing the decoder), the same span of a later segment (the gap between segments: the next
  request's time to first token and first window), or the rest (the engine or decoder falling
  behind in steady state).
* **Jitter**: for consecutive frames of a context, ``|inter-arrival - timestamp spacing|``
  (the spacing is the frame duration), in ms, the RFC 3550 transit difference. The server
  sends the first ``lead_ms`` of every talk spurt at once on purpose, so pairs whose second
  frame lies inside that opening burst are left out; a spurt starts at the first frame and at
  every late frame (where the server re-anchors its pacing).
* **Cancel ack**: from sending ``cancel`` to receiving ``cancelled``; audio of the context that
  arrives after ``cancelled`` (read for ``linger_s`` more) must be zero.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import re
import statistics
import time
from array import array
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

import aiohttp

from protocol.client import ContextAudio, Playout, Session, connect
from protocol.errors import ProtocolError, RemoteError
from protocol.messages import (
    Cancelled,
    ContextDone,
    ContextStatus,
    ErrorEvent,
    SegmentDone,
    SegmentStart,
    Start,
)

Clock = Callable[[], float]
CONTEXT_ID = "turn-1"
U32 = 0xFFFFFFFF

# Agent replies written for this benchmark: plain words and . , ? only, so the server's text
# normalisation leaves them unchanged and segment texts can be matched back to the deltas.
PARAGRAPHS: tuple[str, ...] = (
    "Sure, I can help with that. Your order left our warehouse this morning, and the courier "
    "expects to deliver it tomorrow before noon. Would you like me to send the tracking link "
    "to your phone as well?",
    "Good question. The main difference is the battery, which lasts about twice as long on the "
    "larger model. Both come with the same screen and camera, so it mostly depends on how often "
    "you travel.",
    "I have moved your appointment to Thursday afternoon, as you asked. You will get a "
    "reminder the day before. Is there anything else you would like to change while I have "
    "your file open?",
    "Let me check that for you. It looks like the payment went through, but the bank is still "
    "holding it for review. That usually clears within a day, and you do not need to do "
    "anything in the meantime.",
    "Thanks for waiting. I found three flights that match your dates, and the cheapest one "
    "leaves early in the morning with a short stop on the way. Should I hold a seat on that "
    "one, or would you prefer a direct flight?",
    "Of course. To reset your password, open the settings page, choose security, and follow "
    "the link we send to your email. If the message does not arrive in a few minutes, please "
    "look in your spam folder.",
)

_CLAUSE_END = re.compile(r"[,;:]$")
_SENTENCE_END = re.compile(r"[.!?]$")


class FlushMode(StrEnum):
    """When the simulated agent flushes: at every sentence end, or only with ``end``."""

    SENTENCE = "sentence"
    END = "end"


@dataclass(frozen=True)
class Delta:
    """One text message of a plan.

    Attributes:
        at_s: send time, seconds after the session's first text message.
        text: the delta (a word and its trailing space).
        flush: send it with ``flush: true``.
    """

    at_s: float
    text: str
    flush: bool


@dataclass(frozen=True)
class PacingPlan:
    """How fast the simulated LLM writes.

    Attributes:
        words_per_second: mean rate; each gap is uniform in [0.5, 1.5] times ``1 / rate``.
        pause_share: chance of a pause after a word that ends a clause or sentence.
        pause_s: the pause's range (uniform).
    """

    words_per_second: float = 15.0
    pause_share: float = 0.3
    pause_s: tuple[float, float] = (0.2, 0.6)


def plan_deltas(paragraph: str, pacing: PacingPlan, flush: FlushMode,
                rng: random.Random) -> tuple[Delta, ...]:  # fmt: skip
    """The text messages that stream ``paragraph`` word by word, with their send times.

    The first word goes at 0. Words that end a sentence carry ``flush`` in ``SENTENCE`` mode.
    """
    deltas: list[Delta] = []
    at = 0.0
    words = paragraph.split()
    gap = 1.0 / pacing.words_per_second
    for i, word in enumerate(words):
        sentence_end = _SENTENCE_END.search(word) is not None
        deltas.append(Delta(at, word + " ", flush is FlushMode.SENTENCE and sentence_end))
        if i + 1 == len(words):
            break
        at += gap * rng.uniform(0.5, 1.5)
        if (sentence_end or _CLAUSE_END.search(word)) and rng.random() < pacing.pause_share:
            at += rng.uniform(*pacing.pause_s)
    return tuple(deltas)


@dataclass(frozen=True)
class SessionPlan:
    """Everything one simulated session will do.

    Attributes:
        index: the session's number within its level.
        start_s: when it connects, seconds after the level's start.
        paragraph: the text it speaks.
        deltas: its text messages.
        cancel_after_s: when it cancels, seconds after its first text; None: it never does.
    """

    index: int
    start_s: float
    paragraph: str
    deltas: tuple[Delta, ...]
    cancel_after_s: float | None


def plan_session(index: int, sessions: int, ramp_s: float, pacing: PacingPlan,
                 flush: FlushMode, cancel_share: float, cancel_window_s: tuple[float, float],
                 rng: random.Random) -> SessionPlan:  # fmt: skip
    """Plan session ``index`` of ``sessions``; arrivals are evenly spread over ``ramp_s``."""
    paragraph = rng.choice(PARAGRAPHS)
    cancels = rng.random() < cancel_share
    cancel_after = rng.uniform(*cancel_window_s) if cancels else None
    start = ramp_s * index / sessions if sessions > 1 else 0.0
    return SessionPlan(index, start, paragraph, plan_deltas(paragraph, pacing, flush, rng),
                       cancel_after)  # fmt: skip


# --- measuring --------------------------------------------------------------------------------


PHASE_OPENING_S = 1.0  # audio of a segment's start whose gaps count as opening or boundary


class UnderrunPhase(StrEnum):
    """Where in a context's audio a playout gap fell (module docstring, "Late frames")."""

    OPENING = "opening"
    BOUNDARY = "boundary"
    STEADY = "steady"


def underrun_phase(segment: int, samples_into_segment: int, sample_rate: int) -> UnderrunPhase:
    """The phase of a gap before a frame that starts ``samples_into_segment`` into segment
    ``segment`` (0-based) of its context."""
    if samples_into_segment >= PHASE_OPENING_S * sample_rate:
        return UnderrunPhase.STEADY
    return UnderrunPhase.OPENING if segment == 0 else UnderrunPhase.BOUNDARY


class ArrivalTimer:
    """Client-side timing of one context's frames: playout gaps and steady-state jitter.

    Args:
        sample_rate: the session's output rate.
        lead_ms: the session's pacing lead (``ready.lead_ms``): the opening burst of a spurt.
        send_window_ms: ``ready.send_window_ms``: frames due within it arrive together by
            design, so deviations up to it are not jitter.
    """

    def __init__(self, sample_rate: int, lead_ms: int, send_window_ms: int = 0) -> None:
        self.playout = Playout(sample_rate)
        self.jitter_ms = array("f")
        self.first_at: float | None = None
        self._rate = sample_rate
        self._lead_samples = lead_ms * sample_rate // 1000
        self._window_ms = float(send_window_ms)
        self._prev_at = 0.0
        self._prev_ts = 0
        self._spurt_ts = 0
        self.underrun_by_phase: dict[UnderrunPhase, float] = dict.fromkeys(UnderrunPhase, 0.0)
        self._segment = -1
        self._segment_samples = 0

    def segment_started(self, segment: int) -> None:
        """``segment_start`` of segment ``segment`` arrived: its frames come next."""
        self._segment, self._segment_samples = segment, 0

    def add(self, at: float, timestamp: int, samples: int) -> None:
        """Account one frame that arrived at ``at`` with header ``timestamp``."""
        stalled_before = self.playout.stall_s
        late = self.playout.add(at, samples)
        if late:
            phase = underrun_phase(max(self._segment, 0), self._segment_samples, self._rate)
            self.underrun_by_phase[phase] += self.playout.stall_s - stalled_before
        self._segment_samples += samples
        if self.first_at is None:
            self.first_at, self._spurt_ts = at, timestamp
        else:
            if late:
                self._spurt_ts = timestamp
            into_spurt = (timestamp - self._spurt_ts) & U32
            if late or into_spurt > self._lead_samples:
                spacing = ((timestamp - self._prev_ts) & U32) / self._rate
                deviation_ms = abs(at - self._prev_at - spacing) * 1000.0
                self.jitter_ms.append(max(0.0, deviation_ms - self._window_ms))
        self._prev_at, self._prev_ts = at, timestamp


def commit_time(segment_text: str, sent: list[tuple[int, float]], paragraph: str) -> float | None:
    """When the client finished sending ``segment_text`` (the first segment), or None.

    Args:
        segment_text: the text of ``segment_start`` for segment 0.
        sent: (non-space characters sent so far, send time) after each text message, in order.
        paragraph: the whole text, to check that the segment is a prefix of it.

    Returns:
        The send time of the first message that completes the segment; None when the segment
        is not a prefix of the paragraph (normalisation changed it) or was not sent yet.
    """
    seg = "".join(segment_text.split())
    if not seg or "".join(paragraph.split())[: len(seg)] != seg:
        return None
    for count, at in sent:
        if count >= len(seg):
            return at
    return None


@dataclass
class SessionResult:
    """What one session measured (times in ms unless named ``_s``; None: not measured).

    Attributes:
        index: the plan's index.
        outcome: ``completed``, ``cancelled`` or ``failed``.
        errors: error codes seen (connect failures, error events, close codes, timeouts).
        start_slip_ms: how late the session connected against its plan (client overload).
        connect_ms: TCP + upgrade + start -> ready, of the attempt that was admitted.
        busy_refusals: retryable ``server_busy`` answers retried (``WorkerSpec.busy_retry_s``).
        admitted_after_ms: first attempt -> ready (includes the waits between retries).
        live_from_s, live_until_s: when the session was admitted and when it closed, in
            seconds since the level's ``t0`` (one monotonic clock for every worker process),
            so a level's peak of concurrently admitted sessions can be counted
            (``peak_live``).
        ttfa_commit_ms, ttfa_first_text_ms: see the module docstring.
        server_ttfa_ms: the server's own figure, ``context_done.timings.ttfa_ms``, to compare.
        frames, samples, sample_rate: audio received before the terminal event.
        late_frames, underrun_s: from ``Playout``.
        underrun_by_phase: ``underrun_s`` split by ``UnderrunPhase`` (keys are its values).
        jitter_ms: one value per steady-state frame pair.
        cancel_ack_ms: cancel sent -> ``cancelled`` received.
        frames_cancel_to_ack: frames received between sending cancel and the ack.
        frames_after_terminal: audio after ``context_done``/``cancelled`` (must be 0).
        token_rates: semantic tokens per second of synthesis, one per finished segment.
        segments, truncated_segments: from ``segment_done``.
        note: the first unexpected exception, for the report.
    """

    index: int
    outcome: str = "failed"
    errors: list[str] = field(default_factory=list)
    start_slip_ms: float = 0.0
    connect_ms: float | None = None
    busy_refusals: int = 0
    admitted_after_ms: float | None = None
    live_from_s: float | None = None
    live_until_s: float | None = None
    ttfa_commit_ms: float | None = None
    ttfa_first_text_ms: float | None = None
    server_ttfa_ms: float | None = None
    frames: int = 0
    samples: int = 0
    sample_rate: int = 16000
    late_frames: int = 0
    underrun_s: float = 0.0
    underrun_by_phase: dict[str, float] = field(default_factory=dict)
    jitter_ms: array[float] = field(default_factory=lambda: array("f"))
    cancel_ack_ms: float | None = None
    frames_cancel_to_ack: int = 0
    frames_after_terminal: int = 0
    token_rates: list[float] = field(default_factory=list)
    segments: int = 0
    truncated_segments: int = 0
    note: str = ""


@dataclass
class _Turn:
    """The state the writer and the reader of one session share."""

    plan: SessionPlan
    sent: list[tuple[int, float]] = field(default_factory=list)
    first_text_at: float | None = None
    commit_at: float | None = None
    cancel_sent: bool = False
    send_error: str | None = None
    done: bool = False


# --- one session ------------------------------------------------------------------------------


async def _sleep_until(clock: Clock, at: float) -> None:
    delay = at - clock()
    if delay > 0:
        await asyncio.sleep(delay)


async def _write(session: Session, turn: _Turn, clock: Clock) -> None:
    """Send the plan; a failed send is noted and ends the writer (the reader sees the close)."""
    try:
        await _send_plan(session, turn, clock)
    except (aiohttp.ClientError, OSError) as exc:
        turn.send_error = type(exc).__name__


async def _send_plan(session: Session, turn: _Turn, clock: Clock) -> None:
    """Open, the deltas on time, end; cancel when planned (barge-in)."""
    plan = turn.plan
    await session.open(CONTEXT_ID)
    first = turn.first_text_at = clock()
    cancel_at = None if plan.cancel_after_s is None else first + plan.cancel_after_s
    chars = 0
    for delta in plan.deltas:
        if cancel_at is not None and first + delta.at_s >= cancel_at:
            break
        await _sleep_until(clock, first + delta.at_s)
        chars += len(delta.text.strip())
        turn.sent.append((chars, clock()))  # before sending: the reader may see the answer first
        await session.send_text(CONTEXT_ID, delta.text, flush=delta.flush)
    else:
        await session.end(CONTEXT_ID)
    if cancel_at is not None:
        await _sleep_until(clock, cancel_at)
        stats = session.stats.get(CONTEXT_ID)
        if not turn.done and (stats is None or stats.terminal is None):
            turn.cancel_sent = True
            await session.cancel(CONTEXT_ID)


async def _read(session: Session, turn: _Turn, result: SessionResult, linger_s: float) -> None:
    """Receive until the context ends; fill ``result`` (also when cut short by the timeout)."""
    timer = ArrivalTimer(session.ready.format.sample_rate, session.ready.lead_ms,
                         session.ready.send_window_ms)  # fmt: skip
    result.sample_rate = session.ready.format.sample_rate
    try:
        await _receive_all(session, turn, timer, result, linger_s)
    finally:
        turn.done = True
        _account(session, turn, timer, result)


async def _receive_all(session: Session, turn: _Turn, timer: ArrivalTimer, result: SessionResult,
                       linger_s: float) -> None:  # fmt: skip
    while (item := await session.receive()) is not None:
        if isinstance(item, ContextAudio):
            timer.add(item.received_at, item.frame.timestamp, item.samples)
            result.frames_cancel_to_ack += turn.cancel_sent
            continue
        if isinstance(item, SegmentStart):
            timer.segment_started(item.segment)
            if item.segment == 0:
                turn.commit_at = commit_time(item.text, turn.sent, turn.plan.paragraph)
        elif isinstance(item, SegmentDone):
            result.segments += 1
            result.truncated_segments += item.truncated
            if item.timings.synthesis_ms > 0:
                result.token_rates.append(item.semantic_tokens * 1000.0 / item.timings.synthesis_ms)
        elif isinstance(item, ContextDone):
            result.outcome = "completed" if item.status is ContextStatus.COMPLETED else "failed"
            if item.status is not ContextStatus.COMPLETED:
                result.errors.append("context_failed")
            result.server_ttfa_ms = item.timings.ttfa_ms
            return
        elif isinstance(item, Cancelled):
            result.outcome = "cancelled"
            await _linger(session, linger_s)
            return
        elif isinstance(item, ErrorEvent):
            result.errors.append(item.code)
            if item.fatal or (item.context_id == CONTEXT_ID and CONTEXT_ID not in session.stats):
                return
    result.errors.append("closed_before_terminal")


async def _linger(session: Session, linger_s: float) -> None:
    """Keep reading after ``cancelled`` to catch audio that should not come."""
    try:
        async with asyncio.timeout(linger_s):
            while await session.receive() is not None:
                pass
    except TimeoutError:
        pass


def _account(session: Session, turn: _Turn, timer: ArrivalTimer, result: SessionResult) -> None:
    stats = session.stats.get(CONTEXT_ID)
    result.late_frames = timer.playout.late_frames
    result.underrun_s = timer.playout.stall_s
    result.underrun_by_phase = {str(k): v for k, v in timer.underrun_by_phase.items()}
    result.jitter_ms = timer.jitter_ms
    if stats is None:
        return
    result.frames, result.samples = stats.frames, stats.samples
    result.frames_after_terminal = stats.frames_after_terminal
    if stats.frames_after_terminal:
        result.errors.append("audio_after_terminal")
    first = stats.first_audio_at
    if first is not None and turn.first_text_at is not None:
        result.ttfa_first_text_ms = (first - turn.first_text_at) * 1000.0
    if first is not None and turn.commit_at is not None:
        result.ttfa_commit_ms = (first - turn.commit_at) * 1000.0
    sent, ended = stats.cancel_sent_at, stats.terminal_at
    if sent is not None and isinstance(stats.terminal, Cancelled) and ended is not None:
        result.cancel_ack_ms = (ended - sent) * 1000.0


def peak_live(intervals: Iterable[tuple[float, float]]) -> int:
    """Most intervals ``(start, end)`` open at one moment (an end at the very moment of a
    start does not overlap it): how many sessions a server held at once."""
    edges = sorted(edge for start, end in intervals for edge in ((start, 1), (end, -1)))
    live = peak = 0
    for _, step in edges:  # at equal times -1 sorts first: a close frees its slot first
        live += step
        peak = max(peak, live)
    return peak


def ttfa_timeline(points: Iterable[tuple[float, float]],
                  bucket_s: float = 2.0) -> list[list[float]]:  # fmt: skip
    """First audio over the level: ``[bucket start s, sessions, median ms, max ms]`` for each
    ``bucket_s`` of admission time that admitted any, from ``(admitted at s, ttfa ms)``. A
    p95 made by one stall shows as one slow bucket; one made by steady overload, as many."""
    buckets: dict[int, list[float]] = {}
    for at_s, ttfa_ms in points:
        buckets.setdefault(int(at_s // bucket_s), []).append(ttfa_ms)
    return [[k * bucket_s, len(v), round(statistics.median(v), 1), round(max(v), 1)]
            for k, v in sorted(buckets.items())]  # fmt: skip


async def run_session(plan: SessionPlan, spec: WorkerSpec, http: aiohttp.ClientSession,
                      clock: Clock = time.monotonic) -> SessionResult:  # fmt: skip
    """Connect at the planned time, run the plan, and return what was measured.

    Never raises (apart from cancellation): every failure becomes an error code in the result,
    so one broken session does not end the level.
    """
    result = SessionResult(plan.index)
    due = spec.t0 + plan.start_s
    await _sleep_until(clock, due)
    started = clock()
    result.start_slip_ms = max(0.0, started - due) * 1000.0
    try:
        async with asyncio.timeout(spec.session_timeout_s):
            session = await _admitted(spec, http, clock, result)
            result.admitted_after_ms = (clock() - started) * 1000.0
            result.live_from_s = clock() - spec.t0
            try:
                await _drive(session, plan, result, spec.linger_s, clock)
            finally:
                await session.close()
                result.live_until_s = clock() - spec.t0
            if session.close_code not in (None, 1000):
                result.errors.append(f"close_{session.close_code}")
    except RemoteError as exc:
        result.errors.append(str(exc.code))
    except TimeoutError:
        result.errors.append("timeout" if result.connect_ms is not None else "connect_timeout")
    except aiohttp.WSServerHandshakeError as exc:
        result.errors.append(f"http_{exc.status}")
    except ProtocolError as exc:
        result.errors.append(f"protocol_{type(exc).__name__}")
    except (aiohttp.ClientError, OSError) as exc:
        result.errors.append(f"connection_{type(exc).__name__}")
    except Exception as exc:  # a load-generator bug must not end a long run: report it
        result.errors.append(f"internal_{type(exc).__name__}")
        result.note = repr(exc)[:300]
    return result


async def _admitted(spec: WorkerSpec, http: aiohttp.ClientSession, clock: Clock,
                    result: SessionResult) -> Session:  # fmt: skip
    """Connect as a client following the protocol's reconnect policy: a retryable
    ``server_busy`` is retried after its ``retry_after_ms`` (1 s without one) while
    ``spec.busy_retry_s`` since the first attempt allows; anything else raises."""
    first = clock()
    while True:
        attempt = clock()
        try:
            session = await connect(spec.server, spec.start, http=http,
                                    timeout=spec.connect_timeout_s, clock=clock)  # fmt: skip
        except RemoteError as exc:
            wait_s = (exc.retry_after_ms or 1000) / 1000.0
            if (exc.remote_code != "server_busy" or not exc.retryable
                    or clock() + wait_s - first > spec.busy_retry_s):  # fmt: skip
                raise
            result.busy_refusals += 1
            await asyncio.sleep(wait_s)
            continue
        result.connect_ms = (clock() - attempt) * 1000.0
        return session


async def _drive(session: Session, plan: SessionPlan, result: SessionResult, linger_s: float,
                 clock: Clock) -> None:  # fmt: skip
    turn = _Turn(plan)
    writer = asyncio.create_task(_write(session, turn, clock), name=f"writer-{plan.index}")
    try:
        await _read(session, turn, result, linger_s)
    finally:
        writer.cancel()  # a planned cancel that never came due, or a failed session
        with contextlib.suppress(asyncio.CancelledError):
            await writer
    if turn.send_error is not None:
        result.errors.append(f"send_{turn.send_error}")


# --- one worker -------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkerSpec:
    """One worker's share of a level (plain data: it crosses the process boundary).

    Attributes:
        server: server address (``http://host:port``).
        start: the ``start`` message every session sends.
        plans: this worker's sessions.
        t0: the level's start on the shared monotonic clock (``time.monotonic`` is system-wide
            on Linux, so all workers on one host agree).
        session_timeout_s: a session not over by then counts as ``timeout``.
        connect_timeout_s: connect + ``ready``.
        linger_s: reading after ``cancelled``.
        busy_retry_s: how long a session refused with a retryable ``server_busy`` keeps
            retrying (0: it counts as failed at once).
    """

    server: str
    start: Start
    plans: tuple[SessionPlan, ...]
    t0: float
    session_timeout_s: float = 300.0
    connect_timeout_s: float = 30.0
    linger_s: float = 0.3
    busy_retry_s: float = 0.0


@dataclass
class WorkerResult:
    """One worker's sessions and how loaded the worker itself was.

    Attributes:
        sessions: one result per plan.
        cpu_s, wall_s: the worker process's CPU time and the level's wall time in it.
        loop_lag_ms: event-loop delay samples (how late a 20 ms sleep woke); large values mean
            the load generator, not the server, delayed the arrival times it recorded.
    """

    sessions: list[SessionResult]
    cpu_s: float
    wall_s: float
    loop_lag_ms: array[float]

    @property
    def errors(self) -> Counter[str]:
        return Counter(code for s in self.sessions for code in s.errors)


async def _watch_loop(samples: array[float], period_s: float = 0.02) -> None:
    while True:
        before = time.monotonic()
        await asyncio.sleep(period_s)
        samples.append((time.monotonic() - before - period_s) * 1000.0)


async def run_plans(spec: WorkerSpec) -> WorkerResult:
    """Run a worker's sessions concurrently on this loop."""
    lag: array[float] = array("f")
    cpu0, wall0 = time.process_time(), time.monotonic()
    connector = aiohttp.TCPConnector(limit=0)  # websockets hold their connection for good
    async with aiohttp.ClientSession(connector=connector) as http:
        watcher = asyncio.create_task(_watch_loop(lag), name="loop-lag")
        try:
            results = await asyncio.gather(*(run_session(p, spec, http) for p in spec.plans))
        finally:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
    return WorkerResult(list(results), time.process_time() - cpu0, time.monotonic() - wall0, lag)


def run_worker(spec: WorkerSpec) -> WorkerResult:
    """Process entry point (``ProcessPoolExecutor``): run ``spec`` on a fresh loop."""
    return asyncio.run(run_plans(spec))
